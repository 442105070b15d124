#!/bin/bash
# Red team 2: container names are global, so `docker create --name X` or
# `docker rename mine X` must fail when X is taken; but dockerd's 409
# ("Conflict. The container name "/X" is already in use by container
# "<full ID>"") is passed through unchanged and gives alice the full ID
# of bob's container.  The gate should answer a taken name without the
# other user's ID (the name being taken is unavoidable, its ID is not).
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

run_cmd dk dgbob create --name rt2bobsbox "$IMG" true
bid=$(printf '%s\n' "$OUT" | tail -n 1)
check "bob creates a named container" is_id "$bid"
run_cmd dk dgalice create --name rt2bobsbox "$IMG" true
check "alice's create with bob's name fails" [ "$RC" -ne 0 ]
check "the refusal does not show bob's container ID" lacks "$ERR" "${bid:0:12}"
run_cmd dk dgalice create "$IMG" true
aid=$(printf '%s\n' "$OUT" | tail -n 1)
run_cmd dk dgalice rename "$aid" rt2bobsbox
check "alice's rename to bob's name fails" [ "$RC" -ne 0 ]
check "the rename refusal does not show bob's container ID" \
	lacks "$ERR" "${bid:0:12}"
dg_rm_containers "$bid" "$aid"
dg_done
