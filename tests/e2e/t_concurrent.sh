#!/bin/bash
# Ten `docker run --rm` at once from two users all succeed, and clients that
# send garbage or stall half-way through a request block nobody else.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d "$DG_RUN/tmp/conc.XXXXXX")
for i in 1 2 3 4 5; do
	for u in dgalice dgbob; do
		{
			rc=0
			dk "$u" run --rm "$IMG" echo "conc-$u-$i" >"$tmp/$u.$i.out" 2>&1 || rc=$?
			echo "$rc" >"$tmp/$u.$i.rc"
		} &
	done
done
wait
for i in 1 2 3 4 5; do
	for u in dgalice dgbob; do
		check "parallel run $u #$i: exit $(cat "$tmp/$u.$i.rc"), $(head -c 200 "$tmp/$u.$i.out")" \
			grep -qx "conc-$u-$i" "$tmp/$u.$i.out"
	done
done

if [ "$DG_MODE" = gate ]; then
	# Bob: one stalled request body, one stalled header, one stream of
	# garbage, twenty idle connections.  They end by themselves.
	{ printf 'POST /v1.41/containers/create HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"Image":'; sleep 6; } |
		DG_AS_USER_TIMEOUT=8 as_user dgbob socat -t 6 - "UNIX-CONNECT:$GATE_SOCK" >/dev/null 2>&1 &
	{ printf 'GET /v1.41/containers/json HTTP/1.1\r\nHost: x\r\n'; sleep 6; } |
		DG_AS_USER_TIMEOUT=8 as_user dgbob socat -t 6 - "UNIX-CONNECT:$GATE_SOCK" >/dev/null 2>&1 &
	head -c 1000000 /dev/urandom |
		DG_AS_USER_TIMEOUT=8 as_user dgbob socat -t 6 - "UNIX-CONNECT:$GATE_SOCK" >/dev/null 2>&1 &
	for i in $(seq 1 20); do
		sleep 6 | DG_AS_USER_TIMEOUT=8 as_user dgbob socat -t 6 - \
			"UNIX-CONNECT:$GATE_SOCK" >/dev/null 2>&1 &
	done
	sleep 1
	t0=$(date +%s%N)
	expect_out "CONTAINER ID" dk dgalice ps
	ms=$((($(date +%s%N) - t0) / 1000000))
	check "alice's ps answered in ${ms} ms while bob stalls (< 3000)" [ "$ms" -lt 3000 ]
	expect_out still-fine dk dgalice run --rm "$IMG" echo still-fine
	expect_out "CONTAINER ID" dk dgbob ps
	wait
	expect_ok dk dgalice ps
fi

dg_done
