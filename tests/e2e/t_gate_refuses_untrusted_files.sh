#!/bin/bash
# The gate refuses to start when its plugin or policy could have been
# written by someone other than root: a group/world-writable file, or a
# writable directory above it.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

alt=$DG_RUN/alt
# shellcheck disable=SC2317 # called through run_cmd
# try_start: a second gate on its own socket; must exit non-zero quickly.
try_start() {
	rm -f "$alt/gate.sock"
	timeout 5 "$DG_BIN/docker-gated" --listen "$alt/gate.sock" \
		--upstream "$DOCKER_SOCK" --user "$DG_GATE_USER" \
		--upstream-group "$DG_GROUP" --plugin "$alt/lib/p.so" \
		--policy-dir "$alt/etc" --foreground
}
fresh() {
	rm -rf "$alt"
	install -d -m 0755 "$alt" "$alt/lib" "$alt/etc" "$alt/etc/users" "$alt/etc/groups"
	install -m 0644 "$DG_RUN/lib/docker-gate-policy.so" "$alt/lib/p.so"
	install -m 0644 "$DG_ETC/default.conf" "$alt/etc/default.conf"
}

# Control: the copy itself is fine (the gate starts; stopped at once).
# (refuses() below counts a gate still running after 5 s as not refusing.)
fresh
rm -f "$alt/gate.sock"
"$DG_BIN/docker-gated" --listen "$alt/gate.sock" --upstream "$DOCKER_SOCK" \
	--user "$DG_GATE_USER" --upstream-group "$DG_GROUP" \
	--plugin "$alt/lib/p.so" --policy-dir "$alt/etc" --foreground \
	>"$alt/control.log" 2>&1 &
ctl=$!
DG_WAIT=10 dg_wait_for test -S "$alt/gate.sock"
sleep 0.5
check "control: the gate starts from the copied files" kill -0 "$ctl"
kill -TERM "$ctl" 2>/dev/null
wait "$ctl" 2>/dev/null

# refuses WHAT [MESSAGE]: exits non-zero (not by timeout) and, when given,
# says MESSAGE.
refuses() {
	local what=$1 msg=${2-}
	run_cmd try_start
	if [ "$RC" -ne 0 ] && [ "$RC" -ne 124 ] &&
		[[ "$ERR$OUT" == *"$msg"* ]]; then
		dg_ok "refuses to start: $what (exit $RC)"
	else
		dg_not_ok "refuses to start: $what, saying: $msg" \
			"$(dg_details)"
	fi
}

fresh
chmod 0666 "$alt/lib/p.so"
refuses "world-writable plugin" \
	"plugin not trusted: $alt/lib/p.so is writable by group or others"
fresh
chmod 0775 "$alt/lib"
refuses "group-writable directory above the plugin"
fresh
chown "$DG_GATE_USER" "$alt/lib/p.so"
refuses "plugin not owned by root" "$alt/lib/p.so is not owned by root"
fresh
chmod 0664 "$alt/etc/default.conf"
refuses "group-writable default.conf"
fresh
install -m 0644 -o "$(dg_uid dgalice)" /dev/null "$alt/etc/users/dgalice.conf"
refuses "users/dgalice.conf owned by dgalice"
fresh
chmod 0777 "$alt/etc"
refuses "world-writable policy directory" \
	"$alt/etc is writable by group or others"
# Empty but writable: anyone could plant a file there later (a hard link
# to another root-owned policy file passes every per-file check).
fresh
chmod 0777 "$alt/etc/groups"
refuses "world-writable groups/ directory"
fresh
chmod 1777 "$alt/etc/users"
refuses "world-writable users/ directory"
fresh
# The socket directory: whoever can write there can swap the socket.
fresh
chmod 0777 "$alt"
refuses "world-writable socket directory" \
	"socket directory $alt must be owned by root and not writable by group or others"
fresh
printf 'privileged = maybe\n' >"$alt/etc/users/dgalice.conf"
chmod 0644 "$alt/etc/users/dgalice.conf"
refuses "a syntax error in users/dgalice.conf"
check "the error names file:line" contains "$ERR$OUT" "dgalice.conf:1"

rm -rf "$alt"
dg_done
