#!/bin/bash
# Every system call the gate makes (start as root, privilege drop, policy
# load, serving allowed and refused requests, `docker policy`, a reload, the
# stop) is in the SystemCallFilter= of gate/docker-gate.service, expanded
# by systemd-analyze.  Without systemd running, this is how the unit's
# seccomp filter is known not to break the gate.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

for t in strace systemd-analyze; do
	if ! command -v "$t" >/dev/null; then
		echo "skip: $t is not installed (make deps installs it)"
		exit 77
	fi
done
svc=$DG_SRC/gate/docker-gate.service

# The allow-list: every SystemCallFilter= line without "~", groups expanded.
declare -A allowed=()
expand() {
	local item
	for item in "$@"; do
		case $item in
		@*)
			[ -z "${allowed[$item]:-}" ] || continue
			allowed[$item]=1
			# shellcheck disable=SC2046 # one word per name
			expand $(systemd-analyze syscall-filter "$item" |
				sed -e 1d -e 's/#.*//' | tr -s ' \t' '\n' | grep .)
			;;
		*) allowed[$item]=1 ;;
		esac
	done
}
filters=$(sed -n 's/^SystemCallFilter=//p' "$svc")
check "the unit has an allow-list SystemCallFilter= ($filters)" \
	[ -n "$filters" ] && fails grep -q '^~' <<<"$filters"
# shellcheck disable=SC2086 # one word per entry
expand $filters
check "it expands to system calls (${#allowed[@]} names)" [ "${#allowed[@]}" -gt 100 ]

# A second gate under strace, on a socket of its own.
sc=$DG_RUN/sc
install -d -m 0755 "$sc"
trace=$DG_RUN/tmp/gate.strace
strace -f -qq -o "$trace" -- "$DG_BIN/docker-gated" --listen "$sc/gate.sock" \
	--upstream "$DOCKER_SOCK" --user "$DG_GATE_USER" --upstream-group "$DG_GROUP" \
	--plugin "$DG_RUN/lib/docker-gate-policy.so" --policy-dir "$DG_ETC" \
	--foreground </dev/null >>"$DG_LOGS/sc-gate.log" 2>&1 9>&- &
spid=$!
# shellcheck disable=SC2317 # called through dg_wait_for
sc_up() { grep -q 'listening on' "$DG_LOGS/sc-gate.log"; }
if ! DG_WAIT=30 dg_wait_for sc_up; then
	dg_not_ok "the traced gate started" "$(tail -n 10 "$DG_LOGS/sc-gate.log")"
	kill "$spid" 2>/dev/null
	dg_done
fi
gpid=$(pgrep -P "$spid" -x docker-gated || echo "$spid")

conf=$DG_RUN/tmp/wrapper-sc.conf
printf 'docker = %s\nsocket = %s\nupstream = %s\n' "$DG_REAL_DOCKER" "$sc/gate.sock" \
	"$DOCKER_SOCK" >"$conf"
chmod 0644 "$conf"
# shellcheck disable=SC2317 # called through run_cmd
sc_dk() {
	as_user dgalice DOCKER_GATE_WRAPPER_CONF="$conf" docker "$@"
}
WHAT="docker ps through the traced gate" expect_ok sc_dk ps -a
WHAT="docker run through the traced gate" expect_out hello sc_dk run --rm "$IMG" echo hello
run_cmd sc_dk run --rm --privileged "$IMG" true
check "a refused run is refused" contains "$ERR" "docker-gate: --privileged is refused"
# The CLI plugin itself (the route the gate answers on its own).
WHAT="docker policy through the traced gate" expect_out "docker-gate policy for dgalice" \
	as_user dgalice DOCKER_GATE_WRAPPER_CONF="$conf" "$DG_CLI_PLUGINS/docker-policy" policy
kill -HUP "$gpid"
# shellcheck disable=SC2317
sc_reloaded() { grep -q 'policy reloaded' "$DG_LOGS/sc-gate.log"; }
# shellcheck disable=SC2317
sc_wait_reload() { DG_WAIT=10 dg_wait_for sc_reloaded; }
check "the traced gate reloaded its policy" sc_wait_reload
kill -TERM "$gpid"
DG_WAIT=15 dg_wait_for dg_pid_gone "$spid" || kill -KILL "$spid" "$gpid" 2>/dev/null
rm -rf "$sc"

# The names strace saw (the first execve is strace starting the gate).
used=$(sed -n -e 's/^[0-9]\{1,\} \{1,\}\([a-z0-9_]\{1,\}\)(.*/\1/p' \
	-e 's/^[0-9]\{1,\} \{1,\}<\.\.\. \([a-z0-9_]\{1,\}\) resumed>.*/\1/p' "$trace" |
	sort -u)
check "strace saw the gate's system calls ($(wc -w <<<"$used"))" \
	[ "$(wc -w <<<"$used")" -gt 20 ]
outside=
for s in $used; do
	[ -n "${allowed[$s]:-}" ] || outside="$outside $s"
done
check "every system call the gate made is allowed by the unit${outside:+; not:$outside}" \
	[ -z "$outside" ]
dg_done
