#!/bin/bash
# max_containers: a user at the limit is refused with the count in the
# message; below it (after removing one) the same run works; another user
# is not affected.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

policy_set users/dgalice.conf <<'EOF_POLICY'
max_containers = 2
EOF_POLICY
run_cmd dk dgalice create "$IMG" true
one=$(printf '%s\n' "$OUT" | tail -n 1)
check "alice creates a first container (rc=$RC) $ERR" is_id "$one"
run_cmd dk dgalice create "$IMG" true
two=$(printf '%s\n' "$OUT" | tail -n 1)
check "and a second (rc=$RC) $ERR" is_id "$two"
expect_fail_msg "dgalice has 2 containers, the most allowed at once is 2" \
	dk dgalice run --rm "$IMG" true
# bob has his own count
expect_ok dk dgbob run --rm "$IMG" true
expect_ok dk dgalice rm "$one"
expect_out ok dk dgalice run --rm "$IMG" echo ok

dg_rm_containers "$two"
dg_done
