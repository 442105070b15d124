#!/bin/bash
# Connection limits (--max-conns-per-user, --max-conns): the connection
# past a limit gets a 503 in the denial format ("docker-gate: too many
# connections ...") and is closed; another user is unaffected by one
# user's limit; closing connections gives the room back.  A second gate
# with small limits runs on its own socket next to the harness's gate.
# TOTAL leaves alice room for the 4 connections `docker run` opens at
# once while bob is at his limit; root is the third user that fills it.
# shellcheck disable=SC2317 # functions called through dg_wait_for and trap
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

PER_USER=4
TOTAL=11

RAWCONN=$DG_RUN/tmp/rawconn
if [ ! -x "$RAWCONN" ]; then
	cc -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -o "$RAWCONN" \
		"$DG_SRC/tests/e2e/rawconn.c" || dg_die "cannot compile rawconn.c"
	chmod 0755 "$RAWCONN"
fi

sock2dir=$DG_RUN/gate-limits
SOCK2=$sock2dir/docker-gate.sock
log2=$DG_LOGS/gate-limits.log
install -d -m 0755 "$sock2dir"
"$DG_BIN/docker-gated" \
	--listen "$SOCK2" \
	--upstream "$DOCKER_SOCK" \
	--user "$DG_GATE_USER" \
	--upstream-group "$DG_GROUP" \
	--plugin "$DG_RUN/lib/docker-gate-policy.so" \
	--policy-dir "$DG_ETC" \
	--max-conns-per-user "$PER_USER" \
	--max-conns "$TOTAL" \
	--foreground \
	</dev/null >>"$log2" 2>&1 9>&- &
gate2=$!
holds=()
cleanup() {
	local p
	for p in "${holds[@]}"; do
		kill -TERM "$p" 2>/dev/null
	done
	kill -TERM "$gate2" 2>/dev/null
	DG_WAIT=10 dg_wait_for dg_pid_gone "$gate2" || kill -KILL "$gate2"
	rm -rf "$sock2dir"
}
trap cleanup EXIT

ping2() {
	[ "$(as_user "$1" curl -sf --max-time 2 --unix-socket "$SOCK2" \
		http://localhost/_ping)" = OK ]
}
DG_WAIT=20 dg_wait_for ping2 dgalice || {
	tail -n 20 "$log2"
	dg_die "the second gate did not come up"
}

# ask2 USER: a GET /_ping to the second gate on one connection that
# waits for the answer, whenever it comes (curl, which sends first, may
# only see the close); sets RAW_* like raw().
ask2() {
	local f
	f=$(mktemp "$DG_RUN/tmp/ask.XXXXXX")
	as_user "$1" "$RAWCONN" ask "$SOCK2" 5 \
		'GET /_ping HTTP/1.1\r\nHost: x\r\n\r\n' >"$f" 2>&1
	dg_parse_response "$f"
	rm -f "$f"
}

# hold USER N: N idle connections of USER to the second gate, held until
# released; sets HOLD_PID (the rawconn process) and HOLD_OUT.
hold() {
	HOLD_OUT=$(mktemp "$DG_RUN/tmp/hold.XXXXXX")
	chmod 0644 "$HOLD_OUT"
	as_user "$1" "$RAWCONN" hold "$SOCK2" "$2" 120 >"$HOLD_OUT" 2>&1 &
	DG_WAIT=10 dg_wait_for grep -q '^ready' "$HOLD_OUT"
	HOLD_PID=$(awk '/^ready/ {print $4}' "$HOLD_OUT")
	holds+=("$HOLD_PID")
	# Let the gate accept them all before the next connection.
	sleep 0.5
}

# release: ends the last hold and prints its summary.
release() {
	kill -TERM "$HOLD_PID"
	DG_WAIT=10 dg_wait_for grep -q '^held' "$HOLD_OUT"
	tail -n 1 "$HOLD_OUT"
	rm -f "$HOLD_OUT"
}

# --- per user -------------------------------------------------------------
hold dgbob "$PER_USER"
bob_hold=$HOLD_OUT
bob_pid=$HOLD_PID
ask2 dgbob
dg_status_in 503 "bob's connection $((PER_USER + 1)) (limit $PER_USER)"
expect_denial_format "connection limit"
check "the 503 says 'too many connections'" \
	contains "$RAW_BODY" "docker-gate: too many connections"
# A refusal is a decision: the administrator sees who hit the limit.
check "the gate logged the refused connection (a line naming dgbob and the limit)" \
	grep -qE "(dgbob|uid=$(dg_uid dgbob)).*(too many|limit)|(too many|limit).*(dgbob|uid=$(dg_uid dgbob))" "$log2"
# The gate answers a refused connection at once and closes it; a CLI that
# is still writing its request then sees EPIPE instead of the answer (a
# race the gate does not wait out: a refusal costs it no thread).  Up to
# three tries for the CLI to read the message.
for _ in 1 2 3; do
	run_cmd as_user dgbob env DOCKER_HOST="unix://$SOCK2" "$DG_REAL_DOCKER" ps
	contains "$ERR" "too many connections" && break
done
check "bob's docker ps over the limit fails with the gate's message (rc $RC)" \
	contains "$ERR" "too many connections"
echo "# the CLI says: $(printf '%s' "$ERR" | head -c 300)"

# Alice is not affected by bob's limit.
expect_status 200 "alice's _ping while bob is at his limit" dgalice GET /_ping
GATE_SOCK=$SOCK2 expect_status 200 "alice's _ping on the limited gate" \
	dgalice GET /_ping
expect_out "CONTAINER ID" as_user dgalice env DOCKER_HOST="unix://$SOCK2" \
	"$DG_REAL_DOCKER" ps
expect_out fine as_user dgalice env DOCKER_HOST="unix://$SOCK2" \
	"$DG_REAL_DOCKER" run --rm "$IMG" echo fine

HOLD_PID=$bob_pid HOLD_OUT=$bob_hold
summary=$(release)
check "bob's $PER_USER held connections were all accepted and kept ($summary)" \
	[ "$summary" = "held $PER_USER open $PER_USER closed 0 answered 0 status -" ]
# The room comes back when bob's connections close.
sleep 0.5
GATE_SOCK=$SOCK2 expect_status 200 "bob's _ping after releasing" dgbob GET /_ping
expect_out "CONTAINER ID" as_user dgbob env DOCKER_HOST="unix://$SOCK2" \
	"$DG_REAL_DOCKER" ps

# Bob opening one more than the limit in one go: exactly one refused.
hold dgbob $((PER_USER + 1))
summary=$(release)
check "of $((PER_USER + 1)) connections at once, one got 503 ($summary)" \
	[ "$summary" = "held $((PER_USER + 1)) open $PER_USER closed 1 answered 1 status 503" ]

# --- in total ---------------------------------------------------------------
# bob 4 + root 4 + alice 3 = 11: alice's 4th is within her own limit but
# past the total.
hold dgbob "$PER_USER"
b=$HOLD_PID bo=$HOLD_OUT
hold root "$PER_USER"
r=$HOLD_PID ro=$HOLD_OUT
hold dgalice $((TOTAL - 2 * PER_USER))
ask2 dgalice
dg_status_in 503 "alice's connection past the total limit ($TOTAL)"
expect_denial_format "total connection limit"
summary=$(release)
check "alice's held connections were kept ($summary)" \
	[ "$summary" = "held $((TOTAL - 2 * PER_USER)) open $((TOTAL - 2 * PER_USER)) closed 0 answered 0 status -" ]
HOLD_PID=$r HOLD_OUT=$ro
release >/dev/null
HOLD_PID=$b HOLD_OUT=$bo
release >/dev/null
sleep 0.5
GATE_SOCK=$SOCK2 expect_status 200 "alice's _ping after everything closed" \
	dgalice GET /_ping
check "the limited gate is alive" kill -0 "$gate2"
check "the harness's gate is alive" gate_alive
dg_done
