#!/bin/bash
# A policy can give a user the administrator view: with admin_view = true
# bob sees and acts on alice's containers through the gate; without it he
# does not (the default).
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

name=dga-adm-$DG_ID
run_cmd dk dgalice run -d --name "$name" "$IMG" sleep 600
id=$(printf '%s\n' "$OUT" | tail -n 1)
check "alice runs $name (rc=$RC) $ERR" is_id "$id"

run_cmd dk dgbob ps -a --no-trunc
check "without admin_view bob's ps does not list it" lacks "$OUT" "$id"
expect_fail_msg "No such object" dk dgbob inspect "$name"

policy_set users/dgbob.conf <<'EOF_POLICY'
admin_view = true
EOF_POLICY
expect_out "$id" dk dgbob ps -a --no-trunc
expect_out running dk dgbob inspect -f '{{.State.Status}}' "$name"
expect_ok dk dgbob stop -t 1 "$name"
expect_out exited dk dgalice inspect -f '{{.State.Status}}' "$name"
# The administrator view is about objects, not about what a run may do.
expect_denied "--privileged" dk dgbob run --rm --privileged "$IMG" true

policy_set users/dgbob.conf <<'EOF_POLICY'
admin_view = false
EOF_POLICY
expect_fail_msg "No such object" dk dgbob inspect "$name"

dg_rm_containers "$id"
dg_done
