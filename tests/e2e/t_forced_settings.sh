#!/bin/bash
# What the default policy forces on every container, checked both in
# dockerd's record and from inside: the caller's uid:gid, no capabilities,
# no-new-privileges, a pids limit.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

uid=$(dg_uid dgalice)
gid=$(dg_gid dgalice)
# Asking for more than the policy gives is overridden or refused, never kept.
run_cmd dk dgalice run -d --cap-add NET_ADMIN --pids-limit 100000 "$IMG" sleep 600
id=$(printf '%s\n' "$OUT" | tail -n 1)
if ! is_id "$id"; then
	check "--cap-add / large --pids-limit refused by the gate" \
		contains "$ERR" "docker-gate:"
	run_cmd dk dgalice run -d "$IMG" sleep 600
	id=$(printf '%s\n' "$OUT" | tail -n 1)
fi
check "a container runs ('$id') $ERR" is_id "$id"

hc() {
	dkroot inspect -f "$1" "$id"
}
check "Config.User is $uid:$gid ('$(hc '{{.Config.User}}')')" \
	[ "$(hc '{{.Config.User}}')" = "$uid:$gid" ]
check "CapDrop is [ALL] ('$(hc '{{.HostConfig.CapDrop}}')')" \
	[ "$(hc '{{.HostConfig.CapDrop}}')" = "[ALL]" ]
check "no CapAdd ('$(hc '{{.HostConfig.CapAdd}}')')" \
	one_of "$(hc '{{.HostConfig.CapAdd}}')" "[]" "<no value>"
check "SecurityOpt has no-new-privileges ('$(hc '{{.HostConfig.SecurityOpt}}')')" \
	contains "$(hc '{{.HostConfig.SecurityOpt}}')" "no-new-privileges"
pids=$(hc '{{.HostConfig.PidsLimit}}')
check "PidsLimit is set, at most 512 ('$pids')" in_range "$pids" 1 512
check "not privileged" [ "$(hc '{{.HostConfig.Privileged}}')" = false ]

run_cmd dk dgalice exec "$id" cat /proc/self/status
check "inside: CapEff is 0" grep -Eq '^CapEff:[[:space:]]+0+$' <<<"$OUT"
check "inside: CapBnd is 0" grep -Eq '^CapBnd:[[:space:]]+0+$' <<<"$OUT"
check "inside: NoNewPrivs is 1" grep -Eq '^NoNewPrivs:[[:space:]]+1$' <<<"$OUT"
check "inside: uid is $uid" grep -Eq "^Uid:[[:space:]]+${uid}[[:space:]]" <<<"$OUT"

dg_rm_containers "$id"
dg_done
