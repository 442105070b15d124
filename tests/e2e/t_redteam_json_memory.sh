#!/bin/bash
# Red team: the gate buffers up to 4 MiB of JSON per request and lets
# jansson build the whole tree before any other check.  A body of tiny
# containers ("{}," repeated) costs about 80 bytes of heap per 3 bytes of
# input: one 4 MiB create body peaks the gate at ~320 MB, and one user may
# hold 1024 connections, so a handful of concurrent requests from an
# ordinary user takes gigabytes and the whole gate (every user's docker)
# to the OOM killer.  Memory per request must stay within a small multiple
# of the body, or the total be bounded.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

# Concurrent requests, and the peak growth of the gate they may cause.
N=8
LIMIT_KB=$((400 * 1024))

pid=$(dg_gate_pid)
body=$DG_RUN/tmp/rt-wide.json
{
	printf '{"Image":"%s","Labels":{"a":[' "$IMG"
	yes '{},' | head -n 1390000 | tr -d '\n'
	printf '{}]}}'
} >"$body"
chmod 0644 "$body"
check "the body is just under the gate's 4 MiB limit ($(stat -c %s "$body") bytes)" \
	[ "$(stat -c %s "$body")" -lt $((4 << 20)) ]

hwm() {
	awk '/^VmHWM:/ {print $2}' "/proc/$pid/status"
}
rss() {
	awk '/^VmRSS:/ {print $2}' "/proc/$pid/status"
}
# Reset the peak to the current size (proc(5), clear_refs).
echo 5 >"/proc/$pid/clear_refs"
base=$(rss)
for _ in $(seq "$N"); do
	as_user dgalice curl -s -o /dev/null --max-time 60 \
		--unix-socket "$GATE_SOCK" -H 'Content-Type: application/json' \
		--data-binary @"$body" http://localhost/v1.41/containers/create &
done
wait
peak=$(hwm)
grow=$((peak - base))
echo "# gate RSS before ${base} kB, peak ${peak} kB, growth ${grow} kB for $N requests"
check "the gate is alive" gate_alive
check "$N concurrent 4 MiB bodies grow the gate by < $((LIMIT_KB / 1024)) MB (grew $((grow / 1024)) MB)" \
	[ "$grow" -lt "$LIMIT_KB" ]
expect_ok dk dgbob ps
rm -f "$body"
dg_done
