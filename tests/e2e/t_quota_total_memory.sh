#!/bin/bash
# max_total_memory: the memory limits of all of a user's containers (any
# state) may not add up to more than the total, on docker run and docker
# update.  Over the total is refused with the usage in the message; under
# it is allowed; the policy's default memory counts for a run without -m;
# another user is not affected.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

hc() { dkroot inspect -f "{{.HostConfig.$2}}" "$1"; }
new_id() { printf '%s\n' "$OUT" | tail -n 1; }

policy_set users/dgalice.conf <<'EOF_POLICY'
max_total_memory = 1g
memory = 256m
EOF_POLICY
run_cmd dk dgalice create -m 512m "$IMG" true
one=$(new_id)
check "alice creates a 512m container (rc=$RC) $ERR" is_id "$one"
run_cmd dk dgalice create "$IMG" true
two=$(new_id)
check "and one with the default 256m (rc=$RC) $ERR" is_id "$two"
check "the default was forced" [ "$(hc "$two" Memory)" = 268435456 ]
# 768m now: 512m more would be 1.25g
expect_fail_msg "docker run -m 512m is refused: the total memory of your containers would be 1.25g; your limit is 1g (now: 2 containers, 768m)" \
	dk dgalice create -m 512m "$IMG" true
expect_fail_msg "docker run -m 512m is refused" \
	dk dgalice run --rm -m 512m "$IMG" true
# stopped containers count: nothing runs, the refusal stands
check "nothing of alice's runs" [ -z "$(dkroot ps -q --filter label=io.docker-gate.owner=dgalice)" ]
run_cmd dk dgalice create -m 256m "$IMG" true
three=$(new_id)
check "256m more fits exactly (rc=$RC) $ERR" is_id "$three"
expect_fail_msg "would be 1.25g" dk dgalice create "$IMG" true
# bob has no total
expect_ok dk dgbob run --rm -m 2g "$IMG" true

# docker update: raising one container over the total is refused,
# lowering it is fine, and then the room is there again
expect_fail_msg "docker update -m 768m is refused: the total memory of your containers would be 1.25g" \
	dk dgalice update -m 768m --memory-swap 1536m "$one"
check "the refused update changed nothing" [ "$(hc "$one" Memory)" = 536870912 ]
expect_ok dk dgalice update -m 256m --memory-swap 512m "$one"
check "the update applied" [ "$(hc "$one" Memory)" = 268435456 ]
expect_ok dk dgalice update -m 512m --memory-swap 1g "$one"
# an update that does not touch memory is not checked against it
expect_ok dk dgalice update --restart on-failure:1 "$one"
dg_rm_containers "$three"
expect_ok dk dgalice run --rm -m 256m "$IMG" true

# a container without a memory limit (made before the total existed,
# here by root) makes every further run fail closed until it has one
free=$(dkroot create --label io.docker-gate.owner=dgalice "$IMG" true)
expect_fail_msg "you have 1 other container without a memory limit" \
	dk dgalice create -m 64m "$IMG" true
dg_rm_containers "$free"

dg_rm_containers "$one" "$two"
dg_done
