#!/bin/bash
# The running gate holds nothing but the upstream socket's group: its own
# system user, no capabilities at all (bounding set included), no_new_privs.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

pid=$(dg_gate_pid)
st=/proc/$pid/status
guid=$(dg_uid "$DG_GATE_USER")
dgid=$(getent group "$DG_GROUP" | cut -d: -f3)
field() {
	awk -v k="$1:" '$1 == k {$1 = ""; sub(/^ /, ""); print}' "$st"
}

check "real/effective/saved/fs uid are $DG_GATE_USER ($(field Uid))" \
	[ "$(field Uid | tr -s '\t ' ' ')" = "$guid $guid $guid $guid" ]
check "gid is not 0 ($(field Gid))" lacks " $(field Gid) " " 0 "
check "supplementary groups are only $DG_GROUP ($(field Groups))" \
	[ "$(field Groups | tr -d ' \t')" = "$dgid" ]
for c in CapInh CapPrm CapEff CapBnd CapAmb; do
	check "$c is empty ($(field "$c"))" [ "$(field "$c")" = 0000000000000000 ]
done
check "NoNewPrivs is 1" [ "$(field NoNewPrivs)" = 1 ]
check "the gate cannot read root-only files" \
	fails runuser -u "$DG_GATE_USER" -- test -r /etc/shadow
# The policy plugin is loaded after the drop: it reports its own uid.
check "the plugin was loaded as $DG_GATE_USER, never as root" \
	grep -q "policy loaded from .* (plugin running as uid $guid)" \
	"$DG_LOGS/gate.log"
check "and never as uid 0" \
	fails grep -q "plugin running as uid 0)" "$DG_LOGS/gate.log"
# Every thread, not only the main one.
# shellcheck disable=SC2317 # called through check
thread_ok() {
	grep -Eq "^Uid:[[:space:]]+${guid}[[:space:]]+${guid}[[:space:]]+${guid}[[:space:]]+${guid}\$" "$1/status" &&
		grep -Eq '^CapEff:[[:space:]]+0+$' "$1/status"
}
for t in /proc/"$pid"/task/*; do
	check "thread $(basename "$t"): uid $guid, CapEff empty" thread_ok "$t"
done

dg_done
