#!/bin/bash
# Memory and CPU maxima and defaults, for docker run and docker update.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

hc() { dkroot inspect -f "{{.HostConfig.$2}}" "$1"; }

# Without limits in the policy, -m and --cpus are the user's business.
run_cmd dk dgalice create "$IMG" true
id=$(printf '%s\n' "$OUT" | tail -n 1)
check "no limit forced by default (rc=$RC) $ERR" \
	[ "$(hc "$id" Memory)/$(hc "$id" NanoCpus)" = 0/0 ]
dg_rm_containers "$id"

class_join dgalice
policy_set "groups/$DG_CLASS.conf" <<'EOF_POLICY'
max_memory = 256m
memory = 64m
max_cpus = "0.5"
pids_limit = 100
restart = {"on-failure", "unless-stopped"}
EOF_POLICY

run_cmd dk dgalice create "$IMG" sleep 60
id=$(printf '%s\n' "$OUT" | tail -n 1)
check "create allowed (rc=$RC) $ERR" is_id "$id"
check "the defaults were forced: 64m, 0.5 CPUs" \
	[ "$(hc "$id" Memory)/$(hc "$id" NanoCpus)" = 67108864/500000000 ]
expect_denied "-m 1g" dk dgalice create -m 1g "$IMG" true
expect_denied "--cpus 2" dk dgalice create --cpus 2 "$IMG" true
expect_denied "--memory-swap -1" dk dgalice create -m 128m --memory-swap -1 "$IMG" true
expect_denied "--cpu-quota" dk dgalice create --cpu-quota 50000 "$IMG" true
run_cmd dk dgalice create -m 128m --cpus 0.25 "$IMG" true
id2=$(printf '%s\n' "$OUT" | tail -n 1)
check "-m 128m --cpus 0.25 kept as asked (rc=$RC) $ERR" \
	[ "$(hc "$id2" Memory)/$(hc "$id2" NanoCpus)" = 134217728/250000000 ]

# docker update: the same maxima; another user's container is not there.
expect_ok dk dgalice update -m 200m --memory-swap 400m "$id"
check "update applied" [ "$(hc "$id" Memory)" = 209715200 ]
expect_denied "docker update -m" dk dgalice update -m 1g --memory-swap 2g "$id"
expect_denied "docker update --pids-limit -1" dk dgalice update --pids-limit -1 "$id"
expect_denied "docker update --cpus" dk dgalice update --cpus 4 "$id"
expect_ok dk dgalice update --restart unless-stopped "$id"
expect_fail_msg "No such container" dk dgbob update --restart always "$id"
check "bob's update did not reach alice's container" \
	[ "$(dkroot inspect -f '{{.HostConfig.RestartPolicy.Name}}' "$id")" = unless-stopped ]
dg_rm_containers "$id" "$id2"
class_leave dgalice
dg_done
