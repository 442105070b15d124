#!/bin/bash
# dockerd going away under a running gate: users get a clear docker-gate
# message naming the docker daemon (502, "the docker daemon is not
# running; try again shortly..."), the gate stays up, and when dockerd is
# back the same commands work without restarting the gate.  A stream open
# when dockerd stops ends instead of hanging.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

gpid=$(dg_gate_pid)
expect_out "CONTAINER ID" dk dgalice ps

# An events stream through the gate, open while dockerd stops.
tmp=$(mktemp -d "$DG_RUN/tmp/fault.XXXXXX")
DG_AS_USER_TIMEOUT=120 as_user dgalice docker events >"$tmp/events.out" 2>&1 &
events_pid=$!
sleep 1
check "docker events is streaming" kill -0 "$events_pid"

dg_stop_dockerd
check "dockerd is down" fails dg_docker_ping

# The stream ends (the client exits) within a few seconds, not hangs.
DG_WAIT=10 dg_wait_for dg_pid_gone "$events_pid"
check "docker events ended when dockerd stopped" dg_pid_gone "$events_pid"
kill "$events_pid" 2>/dev/null
wait "$events_pid" 2>/dev/null

expect_fail_msg "docker-gate:" dk dgalice ps
check "the message names the docker daemon" contains "$ERR" "docker daemon"
check "the message says it is not running" contains "$ERR" "not running"
expect_fail_msg "docker-gate:" dk dgalice run --rm "$IMG" true
check "run's message names the docker daemon" contains "$ERR" "docker daemon"
expect_fail_msg "docker-gate:" dk dgbob images
check "images' message names the docker daemon" contains "$ERR" "docker daemon"
# Raw: a 502 in the denial format, on a kept-alive request too.
expect_status 502 "GET /containers/json with dockerd down" \
	dgalice GET /v1.41/containers/json
expect_denial_format "502 with dockerd down"
check "the 502 says 'try again shortly'" contains "$RAW_BODY" "try again shortly"
check "the gate is still running (pid $gpid)" kill -0 "$gpid"
check "the gate logged the upstream failure" \
	grep -q "upstream $DOCKER_SOCK" "$DG_LOGS/gate.log"

dg_start_dockerd
check "the gate was not restarted (pid $(dg_gate_pid))" \
	[ "$(dg_gate_pid)" = "$gpid" ]
expect_out "CONTAINER ID" dk dgalice ps
expect_out back dk dgalice run --rm "$IMG" echo back
expect_out "CONTAINER ID" dk dgbob ps
expect_status 200 "GET /containers/json with dockerd back" \
	dgalice GET /v1.41/containers/json
check "the gate is the same process" kill -0 "$gpid"
rm -rf "$tmp"
dg_done
