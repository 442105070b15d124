#!/bin/bash
# The run options of policy 1.2, through the real docker CLI: each is
# refused by the default policy and allowed by a user file that lists it,
# and what dockerd receives is what the policy allowed.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

hc() { # hc CONTAINER TEMPLATE: a HostConfig field as dockerd stored it
	dkroot inspect -f "{{.HostConfig.$2}}" "$1"
}

# ---- the default policy refuses each of them ----
expect_denied "--cap-add NET_RAW" dk dgalice create --cap-add NET_RAW "$IMG" true
expect_denied "--device /dev/fuse" dk dgalice create --device /dev/fuse "$IMG" true
expect_denied "--device-cgroup-rule 'c 10:229 rwm'" \
	dk dgalice create --device-cgroup-rule 'c 10:229 rwm' "$IMG" true
expect_denied "--network host" dk dgalice create --network host "$IMG" true
expect_denied "--pid host" dk dgalice create --pid host "$IMG" true
expect_denied "--ipc host" dk dgalice create --ipc host "$IMG" true
expect_denied "--uts host" dk dgalice create --uts host "$IMG" true
expect_denied "--userns host" dk dgalice create --userns host "$IMG" true
expect_denied "--security-opt seccomp=unconfined" \
	dk dgalice create --security-opt seccomp=unconfined "$IMG" true
expect_denied "--security-opt apparmor=unconfined" \
	dk dgalice create --security-opt apparmor:unconfined "$IMG" true
expect_denied "--security-opt systempaths=unconfined" \
	dk dgalice create --security-opt systempaths=unconfined "$IMG" true
expect_denied "--sysctl net.ipv4.ip_forward" \
	dk dgalice create --sysctl net.ipv4.ip_forward=1 "$IMG" true
expect_denied "--runtime runsc" dk dgalice create --runtime runsc "$IMG" true
expect_denied "--gpus" dk dgalice create -e NVIDIA_VISIBLE_DEVICES=all "$IMG" true
check "nothing was created" [ -z "$(dkroot ps -aq)" ]

# What the gate sets in every container: no GPUs through NVIDIA's
# variable, a private cgroup namespace.
run_cmd dk dgalice create "$IMG" true
id=$(printf '%s\n' "$OUT" | tail -n 1)
check "plain create allowed (rc=$RC) $ERR" is_id "$id"
# shellcheck disable=SC2317 # called through check
env_has() { # env_has CONTAINER VAR=VALUE
	dkroot inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$1" |
		grep -qx "$2"
}
check "NVIDIA_VISIBLE_DEVICES=void forced" env_has "$id" NVIDIA_VISIBLE_DEVICES=void
check "private cgroup namespace forced" [ "$(hc "$id" CgroupnsMode)" = private ]
dg_rm_containers "$id"

# ---- a user file that allows them ----
policy_set users/dgalice.conf <<'EOF_POLICY'
cap_add = {"NET_RAW", "sys_ptrace"}
devices = {"/dev/fuse"}
device_cgroup_rules = {"c 10:229 rwm"}
host_namespaces = {"network", "pid", "uts"}
security_opt = {"seccomp=unconfined", "apparmor=unconfined", "systempaths=unconfined"}
sysctls = {"net.ipv4.*"}
EOF_POLICY

run_cmd dk dgalice create --cap-add net_raw --cap-add SYS_PTRACE "$IMG" true
id=$(printf '%s\n' "$OUT" | tail -n 1)
check "--cap-add allowed (rc=$RC) $ERR" is_id "$id"
check "dockerd got the canonical CapAdd and CapDrop ALL" \
	[ "$(hc "$id" CapAdd)/$(hc "$id" CapDrop)" = "[CAP_NET_RAW CAP_SYS_PTRACE]/[ALL]" ]
dg_rm_containers "$id"
expect_denied "--cap-add SYS_ADMIN" dk dgalice create --cap-add SYS_ADMIN "$IMG" true

if [ -c /dev/fuse ]; then
	run_cmd dk dgalice create --device /dev/fuse "$IMG" true
	id=$(printf '%s\n' "$OUT" | tail -n 1)
	check "--device /dev/fuse allowed (rc=$RC) $ERR" is_id "$id"
	dg_rm_containers "$id"
else
	echo "# no /dev/fuse on this host: --device allow not checked"
fi
expect_denied "--device /dev/null" dk dgalice create --device /dev/null "$IMG" true

run_cmd dk dgalice create --device-cgroup-rule 'c 10:229 rwm' "$IMG" true
id=$(printf '%s\n' "$OUT" | tail -n 1)
check "--device-cgroup-rule allowed (rc=$RC) $ERR" is_id "$id"
dg_rm_containers "$id"

run_cmd dk dgalice create --network host --pid host --uts host "$IMG" true
id=$(printf '%s\n' "$OUT" | tail -n 1)
check "--network/--pid/--uts host allowed (rc=$RC) $ERR" is_id "$id"
check "dockerd got the host modes" \
	[ "$(hc "$id" NetworkMode)/$(hc "$id" PidMode)/$(hc "$id" UTSMode)" = host/host/host ]
dg_rm_containers "$id"
expect_denied "--ipc host" dk dgalice create --ipc host "$IMG" true

run_cmd dk dgalice create --security-opt seccomp=unconfined \
	--security-opt apparmor:unconfined --security-opt systempaths=unconfined "$IMG" true
id=$(printf '%s\n' "$OUT" | tail -n 1)
check "--security-opt allowed (rc=$RC) $ERR" is_id "$id"
opts=$(hc "$id" SecurityOpt)
check "dockerd got the '=' spellings and no-new-privileges ($opts)" \
	[ "$opts" = "[seccomp=unconfined apparmor=unconfined no-new-privileges=true]" ]
dg_rm_containers "$id"
expect_denied "--security-opt label=disable" \
	dk dgalice create --security-opt label=disable "$IMG" true

expect_ok dk dgalice run --rm --sysctl net.ipv4.ip_unprivileged_port_start=80 \
	"$IMG" cat /proc/sys/net/ipv4/ip_unprivileged_port_start
check "the sysctl reached the container ($OUT)" [ "$OUT" = 80 ]
expect_denied "--sysctl kernel.shmmax" dk dgalice create --sysctl kernel.shmmax=1 "$IMG" true

# Bob keeps the default policy.
expect_denied "--cap-add NET_RAW" dk dgbob create --cap-add NET_RAW "$IMG" true
expect_denied "--network host" dk dgbob create --network host "$IMG" true
dg_done
