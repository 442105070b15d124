#!/bin/bash
# A detached container's life: run -d, logs -f sees its output, stop, rm.
# shellcheck disable=SC2016 # $1 in sh -c scripts is meant for sh
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

run_cmd dk dgalice run -d "$IMG" sh -c 'echo started; i=0; while :; do i=$((i+1)); echo tick $i; sleep 1; done'
id=$(printf '%s\n' "$OUT" | tail -n 1)
check "run -d prints a container ID (rc=$RC, '$id')" is_id "$id"

# logs -f keeps streaming until we stop it: the timeout ends it (124).
DG_AS_USER_TIMEOUT=4 run_cmd dk dgalice logs -f "$id"
check "logs -f streams 'started' (rc=$RC)" contains "$OUT" started
check "logs -f keeps streaming ('tick 2')" contains "$OUT" "tick 2"
check "logs -f runs until stopped (timeout rc 124, got $RC)" [ "$RC" -eq 124 ]
expect_out started dk dgalice logs "$id"
expect_out running dk dgalice inspect -f '{{.State.Status}}' "$id"
expect_ok dk dgalice stop -t 1 "$id"
expect_out exited dk dgalice inspect -f '{{.State.Status}}' "$id"
expect_ok dk dgalice rm "$id"
check "the container is gone" dg_gone "$id"

dg_done
