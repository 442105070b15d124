#!/bin/bash
# privileged = true in a user file: --privileged is accepted and reaches
# dockerd; where the host can run privileged containers at all, the
# container sees the host's devices.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

policy_set users/dgalice.conf <<'EOF_POLICY'
privileged = true
EOF_POLICY

run_cmd dk dgalice create --privileged "$IMG" ls /dev
id=$(printf '%s\n' "$OUT" | tail -n 1)
check "create --privileged is allowed (rc=$RC) $ERR" is_id "$id"
check "dockerd got Privileged=true" \
	[ "$(dkroot inspect -f '{{.HostConfig.Privileged}}' "$id")" = true ]
dg_rm_containers "$id"

# Some hosts (VMs, CI sandboxes) drop a capability from every process's
# bounding set; runc then cannot start any privileged container.
if dkroot run --rm --privileged "$IMG" true >/dev/null 2>&1; then
	run_cmd dk dgalice run --rm "$IMG" ls /dev
	plain=$(printf '%s\n' "$OUT" | wc -l)
	expect_ok dk dgalice run --rm --privileged "$IMG" ls /dev
	priv=$(printf '%s\n' "$OUT" | wc -l)
	check "a privileged container sees more devices ($priv > $plain)" \
		[ "$priv" -gt "$plain" ]
else
	echo "# this host cannot start privileged containers even directly" \
		"(CapBnd $(awk '/CapBnd/ {print $2}' /proc/self/status)): start not checked"
fi
# Bob has no such policy.
expect_denied "--privileged" dk dgbob run --rm --privileged "$IMG" true

dg_done
