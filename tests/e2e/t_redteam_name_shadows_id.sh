#!/bin/bash
# Red team: dockerd resolves a reference as full ID, then exact name, then
# ID prefix.  Alice can name her container after bob's short ID (what
# `docker ps` shows him), and from then on every command bob types with
# that short ID resolves to alice's container, which the gate answers as
# "No such container": bob loses his own container by its short ID.  A
# name that is a hex string of ID length (12..64) should be refused, or
# the gate should resolve the caller's own ID prefix first.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

bid=$(dg_sleeper dgbob | tail -n 1)
check "bob runs a container" is_id "$bid"
short=${bid:0:12}

run_cmd dk dgalice create --name "$short" "$IMG" true
aid=$(printf '%s\n' "$OUT" | tail -n 1)
expect_out running dk dgbob inspect -f '{{.State.Status}}' "$short"
expect_ok dk dgbob stop -t 0 "$short"
check "bob's container was stopped by its short ID" \
	[ "$(dkroot inspect -f '{{.State.Running}}' "$bid")" = false ]

dg_rm_containers "$bid" "$aid"
dg_done
