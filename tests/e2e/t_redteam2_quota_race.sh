#!/bin/bash
# Red team 2: max_containers is counted (GET /containers/json) and the
# create forwarded without anything holding the count in between, so
# concurrent creates all see the same count and all pass: with
# max_containers = 2, ten parallel POST /containers/create from one user
# made 9 containers.  The count and the create must be serialized per user
# (or re-checked after the create, removing the extra ones).
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

policy_set users/dgalice.conf <<'EOF_POLICY'
max_containers = 2
EOF_POLICY
N=10
for _ in $(seq "$N"); do
	as_user dgalice curl -s -o /dev/null --max-time 30 \
		--unix-socket "$GATE_SOCK" -H 'Content-Type: application/json' \
		--data-binary "{\"Image\":\"$IMG\",\"Cmd\":[\"true\"]}" \
		http://localhost/v1.41/containers/create &
done
wait
ids=$(dkroot ps -aq --no-trunc --filter label=io.docker-gate.owner=dgalice)
n=$(printf '%s\n' "$ids" | grep -c .)
check "$N concurrent creates leave alice at most 2 containers (has $n)" \
	[ "$n" -le 2 ]
# The limit itself is in force: one more create, alone, is refused.
expect_fail_msg "the most allowed at once is 2" dk dgalice create "$IMG" true
# shellcheck disable=SC2086 # one ID per word
dg_rm_containers $ids
dg_done
