#!/bin/bash
# Concurrent creates must not all pass one count of the memory total (as
# they did for max_containers, red team 2): with max_total_memory = 512m,
# ten parallel creates of 256m leave at most two containers.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

policy_set users/dgalice.conf <<'EOF_POLICY'
max_total_memory = 512m
EOF_POLICY
N=10
for _ in $(seq "$N"); do
	as_user dgalice curl -s -o /dev/null --max-time 30 \
		--unix-socket "$GATE_SOCK" -H 'Content-Type: application/json' \
		--data-binary "{\"Image\":\"$IMG\",\"Cmd\":[\"true\"],\"HostConfig\":{\"Memory\":268435456}}" \
		http://localhost/v1.41/containers/create &
done
wait
ids=$(dkroot ps -aq --no-trunc --filter label=io.docker-gate.owner=dgalice)
n=$(printf '%s\n' "$ids" | grep -c .)
check "$N concurrent 256m creates leave alice at most 2 (has $n)" [ "$n" -le 2 ]
check "and the two that fit were made (has $n)" [ "$n" -eq 2 ]
expect_fail_msg "your limit is 512m" dk dgalice create -m 256m "$IMG" true
# shellcheck disable=SC2086 # one ID per word
dg_rm_containers $ids
dg_done
