#!/bin/bash
# The gate stopping and starting again under running containers: a
# detached container keeps running, a `docker logs -f` through the gate
# ends when the gate stops (the client exits, it does not hang), the gate
# exits promptly on SIGTERM even with a stream open, and after the
# restart the user's next commands work on the same container.
# shellcheck disable=SC2016 # $i in the sh -c script is meant for sh
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

# Seconds the gate may take to exit on SIGTERM, and a stream to end.
STOP_MAX_MS=5000

run_cmd dk dgalice run -d "$IMG" sh -c 'i=0; while :; do i=$((i+1)); echo tick $i; sleep 0.2; done'
id=$(printf '%s\n' "$OUT" | tail -n 1)
check "run -d prints a container ID (rc=$RC, '$id')" is_id "$id"
started=$(dkroot inspect -f '{{.State.StartedAt}}' "$id")

tmp=$(mktemp -d "$DG_RUN/tmp/gstop.XXXXXX")
DG_AS_USER_TIMEOUT=120 as_user dgalice docker logs -f "$id" \
	>"$tmp/logs.out" 2>"$tmp/logs.err" &
logs_pid=$!
DG_WAIT=10 dg_wait_for grep -q 'tick' "$tmp/logs.out"
check "logs -f is streaming through the gate" grep -q tick "$tmp/logs.out"

# Stop the gate by hand (gate_stop would hide a slow exit behind KILL).
gpid=$(dg_gate_pid)
t0=$(date +%s%N)
kill -TERM "$gpid"
DG_WAIT=15 dg_wait_for dg_pid_gone "$gpid"
stop_ms=$((($(date +%s%N) - t0) / 1000000))
check "the gate exited on SIGTERM within $STOP_MAX_MS ms ($stop_ms ms)" \
	[ "$stop_ms" -le "$STOP_MAX_MS" ]
dg_pid_gone "$gpid" || kill -KILL "$gpid" 2>/dev/null
rm -f "$DG_RUN/gate.pid"

DG_WAIT=5 dg_wait_for dg_pid_gone "$logs_pid"
ms=$((($(date +%s%N) - t0) / 1000000))
check "logs -f ended when the gate stopped (after $ms ms, not hung)" \
	dg_pid_gone "$logs_pid"
kill "$logs_pid" 2>/dev/null
wait "$logs_pid"
echo "# logs -f exit status $?, stderr: $(head -c 300 "$tmp/logs.err")"
lines=$(grep -c tick "$tmp/logs.out")
check "logs -f had relayed output before the stop ($lines lines)" [ "$lines" -ge 1 ]

# Without a gate the user gets an error, not a hang.
DG_AS_USER_TIMEOUT=20 run_cmd dk dgalice ps
check "docker ps with the gate down fails ($RC) without hanging" \
	in_range "$RC" 1 123
echo "# with the gate down: $(printf '%s' "$ERR" | head -c 300)"

check "the container survived the gate stop" \
	[ "$(dkroot inspect -f '{{.State.Running}}' "$id")" = true ]
gate_start
check "the gate is back" gate_alive
check "the container was never restarted" \
	[ "$(dkroot inspect -f '{{.State.StartedAt}}' "$id")" = "$started" ]

expect_out "$id" dk dgalice ps -q --no-trunc
expect_out tick dk dgalice logs --tail 2 "$id"
DG_AS_USER_TIMEOUT=3 run_cmd dk dgalice logs -f --tail 1 "$id"
check "logs -f streams again after the restart (rc $RC)" contains "$OUT" tick
expect_ok dk dgalice stop -t 1 "$id"
expect_ok dk dgalice rm "$id"
check "the container is gone" dg_gone "$id"
rm -rf "$tmp"
dg_done
