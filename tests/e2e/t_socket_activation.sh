#!/bin/bash
# The gate started the way gate/docker-gate.service and docker-gate.socket
# start it: ExecStart with no arguments but the test world's paths, User=,
# Group=, SupplementaryGroups=, CapabilityBoundingSet=, NoNewPrivileges=,
# its file-system sandbox and network namespace (tests/e2e/unit_sandbox.sh),
# and the listening socket passed as fd 3 with LISTEN_FDS/LISTEN_PID after
# ListenStream=/SocketMode=/SocketUser=/SocketGroup=.  A user's docker
# requests work through it, the policy holds, and the process has no
# capabilities.  (systemd is not needed: tests/e2e/sockact.py does its part.)
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

svc=$DG_SRC/gate/docker-gate.service
sock=$DG_SRC/gate/docker-gate.socket
# unit_key FILE KEY: the last value of KEY= (systemd's rule for these keys).
unit_key() {
	sed -n "s/^$2=//p" "$1" | tail -n 1
}
command -v setpriv >/dev/null || dg_die "setpriv (util-linux) is missing"

exec_start=$(unit_key "$svc" ExecStart)
check "ExecStart runs docker-gated with no arguments ($exec_start)" \
	[ "$(basename "$exec_start")" = docker-gated ]
check "User= is docker-gate" [ "$(unit_key "$svc" User)" = docker-gate ]
check "Group= is docker-gate" [ "$(unit_key "$svc" Group)" = docker-gate ]
check "SupplementaryGroups= is docker" [ "$(unit_key "$svc" SupplementaryGroups)" = docker ]
listen=$(unit_key "$sock" ListenStream)
mode=$(unit_key "$sock" SocketMode)
s_user=$(unit_key "$sock" SocketUser)
s_group=$(unit_key "$sock" SocketGroup)
check "ListenStream= is a path ($listen)" [ "${listen#/}" != "$listen" ]

# The unit's names, mapped onto the test world: the gate's system user and
# dockerd's group are dgate-gate and dgate-docker here, the socket lives
# in the run directory, the binary is the build's.
uid=$(dg_uid "$DG_GATE_USER")
gid=$(dg_gid "$DG_GATE_USER")
dgid=$(getent group "$DG_GROUP" | cut -d: -f3)
sa_dir=$DG_RUN/sa
sa_sock=$sa_dir/$(basename "$listen")
install -d -m 0755 "$sa_dir"
priv=(--reuid="$uid" --regid="$gid" --groups="$dgid" --inh-caps=-all
	--ambient-caps=-all)
[ "$(unit_key "$svc" CapabilityBoundingSet)" = "" ] &&
	grep -qx 'CapabilityBoundingSet=' "$svc" && priv+=(--bounding-set=-all)
[ "$(unit_key "$svc" NoNewPrivileges)" = yes ] && priv+=(--no-new-privs)

# The unit's file-system sandbox, as far as mounts reproduce it
# (tests/e2e/unit_sandbox.sh), and its network namespace.
ns=(--mount --propagation private)
[ "$(unit_key "$svc" PrivateNetwork)" = yes ] && ns+=(--net)

python3 "$DG_SRC/tests/e2e/sockact.py" "$sa_sock" "$mode" "$s_user" "$s_group" \
	docker-gate.socket -- unshare "${ns[@]}" -- \
	bash "$DG_SRC/tests/e2e/unit_sandbox.sh" "$svc" -- \
	setpriv "${priv[@]}" -- "$DG_BIN/docker-gated" \
	--upstream "$DOCKER_SOCK" --plugin "$DG_RUN/lib/docker-gate-policy.so" \
	--policy-dir "$DG_ETC" --foreground \
	</dev/null >>"$DG_LOGS/sa-gate.log" 2>&1 9>&- &
pid=$!
stop_sa_gate() {
	kill -TERM "$pid" 2>/dev/null
	DG_WAIT=10 dg_wait_for dg_pid_gone "$pid" || kill -KILL "$pid" 2>/dev/null
	rm -rf "$sa_dir"
}
trap stop_sa_gate EXIT

# shellcheck disable=SC2317 # called through dg_wait_for
sa_up() {
	grep -q 'listening on (socket activation)' "$DG_LOGS/sa-gate.log"
}
if ! DG_WAIT=20 dg_wait_for sa_up; then
	dg_not_ok "the socket-activated gate started" "$(tail -n 20 "$DG_LOGS/sa-gate.log")"
	dg_done
fi
dg_ok "the gate took the socket from LISTEN_FDS (log: listening on (socket activation))"
check "the socket has SocketMode=$mode ($(stat -c %a "$sa_sock"))" \
	[ "$(stat -c %a "$sa_sock")" = "$(printf '%o' "$((8#$mode))")" ]
check "the socket is owned by $s_user:$s_group" \
	[ "$(stat -c %U:%G "$sa_sock")" = "$s_user:$s_group" ]

# The process, as /proc shows it.
st=/proc/$pid/status
field() {
	awk -v k="$1:" '$1 == k {$1 = ""; sub(/^ /, ""); print}' "$st"
}
check "uids are all $DG_GATE_USER ($(field Uid))" \
	[ "$(field Uid | tr -s '\t ' ' ')" = "$uid $uid $uid $uid" ]
check "gids are all its group ($(field Gid))" \
	[ "$(field Gid | tr -s '\t ' ' ')" = "$gid $gid $gid $gid" ]
check "supplementary groups: only $DG_GROUP ($(field Groups))" \
	[ "$(field Groups | tr -d ' \t')" = "$dgid" ]
for c in CapInh CapPrm CapEff CapBnd CapAmb; do
	check "$c is empty ($(field "$c"))" [ "$(field "$c")" = 0000000000000000 ]
done
check "NoNewPrivs is 1" [ "$(field NoNewPrivs)" = 1 ]
# The sandbox it runs in (ProtectSystem=strict, ProtectHome, PrivateNetwork).
mi=/proc/$pid/mountinfo
# shellcheck disable=SC2016 # awk programs
check "its / is read-only" awk '$5 == "/" && $6 ~ /(^|,)ro(,|$)/ {f = 1} END {exit !f}' "$mi"
# Even root cannot write the policy or the run directory in its mount
# namespace (ProtectSystem=strict: every mount read-only).
for w in "$DG_ETC" "$DG_RUN/tmp"; do
	check "$w is read-only in its mount namespace" \
		fails nsenter --target "$pid" --mount -- touch "$w/sa-probe"
	rm -f "$w/sa-probe"
done
# shellcheck disable=SC2016 # an awk program
check "its /home is an empty tmpfs" \
	awk '$5 == "/home" && $0 ~ / - tmpfs / {f = 1} END {exit !f}' "$mi"
check "it has a network namespace of its own" \
	[ "$(readlink "/proc/$pid/ns/net")" != "$(readlink /proc/self/ns/net)" ]

# A user's docker through it: the wrapper pointed at this socket.
conf=$DG_RUN/tmp/wrapper-sa.conf
printf 'docker = %s\nsocket = %s\nupstream = %s\n' "$DG_REAL_DOCKER" "$sa_sock" \
	"$DOCKER_SOCK" >"$conf"
chmod 0644 "$conf"
# shellcheck disable=SC2317 # called through run_cmd
sa_dk() {
	as_user dgalice DOCKER_GATE_WRAPPER_CONF="$conf" docker "$@"
}
WHAT="dgalice: docker ps through the socket-activated gate" expect_ok sa_dk ps
WHAT="dgalice: docker run runs as dgalice" \
	expect_out "$(dg_uid dgalice)" sa_dk run --rm "$IMG" id -u
run_cmd sa_dk run --rm --privileged "$IMG" true
check "dgalice: --privileged is refused by the policy" \
	contains "$ERR" "docker-gate: --privileged is refused"
check "the audit lines name dgalice" \
	grep -q 'decision=allow user=dgalice .*route=/containers/create' "$DG_LOGS/sa-gate.log"

stop_sa_gate
trap - EXIT
check "SIGTERM stops it" dg_pid_gone "$pid"
dg_done
