#!/bin/bash
# Red team 3: one user's creates (and updates, network creates) are
# serialized by a lock striped by uid, so counts and totals cannot be
# raced.  The gate held that lock until it had written dockerd's answer to
# the client.  A client that pipelined enough requests without reading
# (here HEAD /_ping) to fill the socket, then a create, left the gate
# blocked writing the create's answer with the lock held, for up to the
# 5-minute write timeout: every create of that user, and of every user
# whose uid falls in the same stripe (uid % 16), hung meanwhile.  The lock
# now ends when dockerd has answered, before the client is written to.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

stall=$DG_RUN/tmp/stall.py
cat >"$stall" <<'EOF_PY'
import json, socket, sys, time
path, n, name, img, hold = sys.argv[1:6]
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(path)
body = json.dumps({"Image": img, "Cmd": ["true"]}).encode()
req = b"HEAD /_ping HTTP/1.1\r\nHost: x\r\n\r\n" * int(n)
req += (b"POST /v1.41/containers/create?name=%s HTTP/1.1\r\nHost: x\r\n"
        b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n"
        % (name.encode(), len(body))) + body
s.sendall(req)
time.sleep(float(hold))
EOF_PY
chmod 0644 "$stall"

# shellcheck disable=SC2317
exists() {
	[ -n "$(dkroot ps -aq --filter "name=^/$1\$")" ]
}

# created N: with N unread pings before it, the create reached dockerd.
created() {
	local name=dga-stall-$1-$RANDOM pid rc=1
	as_user dgalice python3 "$stall" "$GATE_SOCK" "$1" "$name" "$IMG" 2 &
	pid=$!
	sleep 1.5
	! exists "$name" || rc=0
	wait "$pid" 2>/dev/null
	sleep 0.3
	return $rc
}

# The most pings after which the create still runs: the socket is then
# full right when the gate writes the create's answer.
lo=0
hi=4000
if created "$hi"; then
	dg_not_ok "4000 unread pings did not fill the gate's socket"
	dg_done
fi
while [ $((hi - lo)) -gt 1 ]; do
	mid=$(((lo + hi) / 2))
	if created "$mid"; then lo=$mid; else hi=$mid; fi
done
dg_log "the create's answer meets a full socket after $lo pings"

as_user dgalice python3 "$stall" "$GATE_SOCK" "$lo" "dga-stalled-$DG_ID" \
	"$IMG" 40 &
pid=$!
sleep 1.5
check "the stalled create reached dockerd" exists "dga-stalled-$DG_ID"
t0=$SECONDS
DG_AS_USER_TIMEOUT=20 run_cmd dk dgalice create "$IMG" true
check "another create of alice's does not wait for the unread answer \
(rc=$RC after $((SECONDS - t0))s) $ERR" \
	is_id "$(printf '%s\n' "$OUT" | tail -n 1)"
wait "$pid" 2>/dev/null
dg_done
