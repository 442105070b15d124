#!/bin/bash
# Load test: the gate under many users and many open streams, measured
# against the same load on dockerd's socket directly.
#
#   bash tests/load/run.sh BUILD_DIR
#
# Both phases run on one private dockerd (tests/e2e/lib.sh), the same
# way, one after the other:
#   - LOAD_STREAMS (1000) idle `GET /events` streams held open, drained;
#   - LOAD_WORKERS (50) workers, each on its own kept-alive connection,
#     looping for LOAD_SECONDS (60): create, start, logs, exec create,
#     exec start (hijacked), rm (loadgen.c).
# "direct" is root on dockerd's socket; "gate" is LOAD_USERS (five
# ordinary users, the workers and streams split evenly) through the gate
# under the default policy.  Through the gate every cycle also sends three
# requests the gate must refuse (privileged create, exec as root, inspect
# of another user's container).
#
# Why five users and not fifty: what the gate keeps per user (identity,
# per-uid connection count, owner label, owner filter) is exercised by
# any number above one; its per-connection cost (a thread, buffers, an
# upstream connection) by the number of connections.  Fifty accounts
# would only slow setup and teardown.  Five keeps each user's share
# (10 workers + 200 streams) far below the per-user limit (1024).
#
# Reported: operations per second both ways, errors that are not policy
# refusals, wrong decisions, the gate's RSS, threads and descriptors
# before, at peak and after.  Exit 1 if there was any error or wrong
# decision (including a stream cut short), 0 otherwise; throughput is
# reported, never judged.  Everything stays on Unix sockets.
set -u

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/e2e/lib.sh
. "$here/../e2e/lib.sh"

dg_need_root tests/load/run.sh load
[ $# -ge 1 ] || dg_die "usage: $0 BUILD_DIR"
SECS=${LOAD_SECONDS:-60}
WORKERS=${LOAD_WORKERS:-50}
STREAMS=${LOAD_STREAMS:-1000}
DG_USERS=${LOAD_USERS:-"dgalice dgbob dgcarol dgdave dgerin"}
# Seconds the gate may take to close everything after the load.
SETTLE=${LOAD_SETTLE:-30}

DG_MODE=gate
DG_CMD_TIMEOUT=$((SECS + 300))
dg_setup "$1"

lg=$DG_RUN/tmp/loadgen
cc -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -o "$lg" \
	"$here/loadgen.c" "$here/lg_http.c" -lpthread ||
	dg_die "cannot compile loadgen"
chmod 0755 "$lg"
out=$DG_RUN/tmp/load
install -d -m 0755 "$out"

read -r -a users <<<"$DG_USERS"
nusers=${#users[@]}
failures=0
fail() {
	failures=$((failures + 1))
	echo "load: FAIL: $*"
}

# share TOTAL I: user I's part of TOTAL (the first ones take the rest).
share() {
	echo $(($1 / nusers + ($2 < $1 % nusers ? 1 : 0)))
}

as_direct() {
	runuser -u root -- timeout -k 5 "$DG_CMD_TIMEOUT" env -i -C /root \
		HOME=/root PATH=/usr/bin:/bin "$@"
}

gpid() { dg_gate_pid; }
g_fds() { find "/proc/$(gpid)/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l; }
g_threads() { awk '/^Threads:/ {print $2}' "/proc/$(gpid)/status"; }
g_rss() { awk '/^VmRSS:/ {print $2}' "/proc/$(gpid)/status"; }
g_hwm() { awk '/^VmHWM:/ {print $2}' "/proc/$(gpid)/status"; }
g_stats() { echo "rss=$(g_rss)KiB threads=$(g_threads) fds=$(g_fds)"; }

# start_events WHO SOCK N FILE: N streams as WHO (root: direct).
start_events() {
	local who=$1 sock=$2 n=$3 f=$4
	if [ "$who" = root ]; then
		as_direct "$lg" events "$sock" "$n" $((SECS + 240)) >"$f" 2>&1 &
	else
		as_user "$who" "$lg" events "$sock" "$n" $((SECS + 240)) >"$f" 2>&1 &
	fi
}

# wait_ready FILE: until the streams are all answered.
wait_ready() {
	DG_WAIT=120 dg_wait_for grep -q '^events-ready' "$1" ||
		fail "event streams did not come up ($1: $(head -c 200 "$1"))"
}

# stop_events FILE...: ends those stream holders (SIGTERM to the pid
# each printed) and waits for their summaries.
stop_events() {
	local f
	for f in "$@"; do
		kill -TERM "$(awk '/^events-ready/ {print $6}' "$f")" 2>/dev/null
	done
	for f in "$@"; do
		DG_WAIT=20 dg_wait_for grep -q '^events held' "$f"
	done
}

# check_events FILE...: every stream answered 200 and none cut.
check_events() {
	local f line n ok failed cut
	for f in "$@"; do
		line=$(grep '^events held' "$f")
		read -r _ _ n _ ok _ failed _ cut _ <<<"$line"
		if [ -z "$line" ] || [ "$ok" != "$n" ] || [ "$failed" != 0 ] ||
			[ "$cut" != 0 ]; then
			fail "event streams: ${line:-no summary} ($(grep -v '^events' "$f" | head -c 300))"
		fi
	done
}

# kv KEY LINE: a value of loadgen's key=value line.
kv() {
	tr ' ' '\n' <<<"$2" | awk -F= -v k="$1" '$1 == k {print $2}'
}

sum_kv() {
	local key=$1 f t=0 v
	shift
	for f in "$@"; do
		v=$(kv "$key" "$(grep '^seconds=' "$f")")
		t=$((t + ${v:-0}))
	done
	echo "$t"
}

# --- direct ------------------------------------------------------------------
dg_log "direct: $STREAMS event streams, $WORKERS workers, ${SECS}s (root on dockerd's socket)"
start_events root "$DOCKER_SOCK" "$STREAMS" "$out/direct.events"
wait_ready "$out/direct.events"
as_direct "$lg" work "$DOCKER_SOCK" "$SECS" "$WORKERS" "$IMG" \
	>"$out/direct.work" 2>"$out/direct.err"
stop_events "$out/direct.events"
check_events "$out/direct.events"
direct=$(grep '^seconds=' "$out/direct.work")
[ -n "$direct" ] || fail "direct run printed nothing ($(head -c 300 "$out/direct.err"))"
dg_clean_daemon

# --- through the gate ------------------------------------------------------
# One container per user that the others must not see.
victims=()
for u in "${users[@]}"; do
	v=$(dk "$u" run -d "$IMG" sleep 3600 2>/dev/null | tail -n 1)
	is_id "$v" || dg_die "cannot start $u's container through the gate: $v"
	victims+=("$v")
done
as_user "${users[0]}" docker ps >/dev/null
sleep 1
before=$(g_stats)
rss_before=$(g_rss)
threads_before=$(g_threads)
fds_before=$(g_fds)

dg_log "gate: $STREAMS event streams, $WORKERS workers, ${SECS}s ($nusers users)"
for i in "${!users[@]}"; do
	start_events "${users[$i]}" "$GATE_SOCK" "$(share "$STREAMS" "$i")" \
		"$out/gate.events.$i"
done
for i in "${!users[@]}"; do
	wait_ready "$out/gate.events.$i"
done
streams_up=$(g_stats)

# The gate's peak, sampled every half second while the workers run.
(
	while :; do
		echo "$(g_rss) $(g_threads) $(g_fds)"
		sleep 0.5
	done
) >"$out/samples" 2>/dev/null &
sampler=$!
for i in "${!users[@]}"; do
	foreign=()
	for j in "${!victims[@]}"; do
		[ "$j" = "$i" ] || foreign+=("${victims[$j]}")
	done
	as_user "${users[$i]}" "$lg" work "$GATE_SOCK" "$SECS" \
		"$(share "$WORKERS" "$i")" "$IMG" "${foreign[@]}" \
		>"$out/gate.work.$i" 2>"$out/gate.err.$i" &
done
wait_workers() {
	local f
	for f in "$out"/gate.work.*; do
		grep -q '^seconds=' "$f" || return 1
	done
}
DG_WAIT=$((SECS + 200)) dg_wait_for wait_workers ||
	fail "the workers did not finish"
kill "$sampler" 2>/dev/null
wait "$sampler" 2>/dev/null

stop_events "$out"/gate.events.*
check_events "$out"/gate.events.*

# Back to the baseline once everything is closed.
settled() {
	[ "$(g_threads)" -le "$threads_before" ] &&
		[ "$(g_fds)" -le $((fds_before + 1)) ]
}
DG_WAIT=$SETTLE dg_wait_for settled ||
	fail "the gate did not return to its baseline within ${SETTLE}s ($(g_stats), before: $before)"
after=$(g_stats)
gate_alive || fail "the gate died"

# --- report ------------------------------------------------------------------
g_cycles=$(sum_kv cycles "$out"/gate.work.*)
g_ops=$(sum_kv ops "$out"/gate.work.*)
g_errors=$(sum_kv errors "$out"/gate.work.*)
g_wrong=$(sum_kv wrong "$out"/gate.work.*)
g_refused=$(sum_kv refused_ok "$out"/gate.work.*)
g_secs=$(kv seconds "$(grep -h '^seconds=' "$out"/gate.work.* | head -n 1)")
d_ops=$(kv ops "$direct")
d_secs=$(kv seconds "$direct")
d_errors=$(kv errors "$direct")
peak=$(sort -n "$out/samples" | tail -n 1)
peak_threads=$(awk '$2 > m {m = $2} END {print m + 0}' "$out/samples")
peak_fds=$(awk '$3 > m {m = $3} END {print m + 0}' "$out/samples")

echo
echo "load: $WORKERS workers for ${SECS}s, $STREAMS idle event streams, users: ${users[*]}"
printf '  %-8s %10s %10s %8s %8s\n' "" "ops" "ops/s" "errors" "wrong"
awk -v o="$d_ops" -v s="$d_secs" -v e="$d_errors" \
	'BEGIN { printf "  %-8s %10d %10.2f %8d %8s\n", "direct", o, o / s, e, "-" }'
awk -v o="$g_ops" -v s="$g_secs" -v e="$g_errors" -v w="$g_wrong" \
	'BEGIN { printf "  %-8s %10d %10.2f %8d %8d\n", "gate", o, o / s, e, w }'
awk -v g="$g_ops" -v gs="$g_secs" -v d="$d_ops" -v ds="$d_secs" \
	'BEGIN { if (d > 0) printf "  gate/direct throughput: %.1f %%\n", 100 * (g / gs) / (d / ds) }'
echo "  gate cycles $g_cycles, refusals as expected $g_refused"
echo "  per-op mean/max ms, direct: $(tr ' ' '\n' <<<"$direct" | grep '_ms=' | tr '\n' ' ')"
for f in "$out"/gate.work.*; do
	echo "  per-op mean/max ms, gate ($(basename "$f")): $(tr ' ' '\n' <"$f" | grep '_ms=' | tr '\n' ' ')"
done
echo "  gate before:          $before"
echo "  gate, streams open:   $streams_up"
echo "  gate peak (sampled):  rss=${peak%% *}KiB threads=$peak_threads fds=$peak_fds (VmHWM $(g_hwm) KiB)"
echo "  gate after:           $after"
echo "  gate RSS growth:      $(($(g_rss) - rss_before)) KiB"
for f in "$out"/direct.err "$out"/gate.err.*; do
	[ -s "$f" ] && sed "s|^|  $(basename "$f"): |" "$f" | head -n 10
done

[ "$d_errors" = 0 ] || fail "direct run had $d_errors errors (the load itself is broken?)"
[ "$g_errors" = 0 ] || fail "$g_errors errors through the gate that are not policy refusals"
[ "$g_wrong" = 0 ] || fail "$g_wrong wrong decisions through the gate"
[ "$g_ops" -gt 0 ] || fail "no operation went through the gate"
if [ "$failures" -gt 0 ]; then
	echo "load: $failures failure(s)"
	exit 1
fi
echo "load: ok"
