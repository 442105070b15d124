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
# ordinary users) through the gate under the default policy.  Workers and
# streams are split into one group per user; a group's containers carry
# a label its streams filter on, so that each stream gets the same events
# both ways (through the gate the owner filter is added on top and
# selects the same containers).  Through the gate every cycle also sends
# three requests the gate must refuse (privileged create, exec as root,
# inspect of another user's container).
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
declare -A CPU
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
# cpu_s PID: user + system CPU seconds the process has used.
cpu_s() {
	awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' \
		"/proc/$1/stat" 2>/dev/null || echo 0
}
dockerd_pid() { cat "$DG_RUN/dockerd.launcher.pid"; }

# run_as WHO CMD...: root runs directly on dockerd, users through the gate.
run_as() {
	local who=$1
	shift
	if [ "$who" = root ]; then as_direct "$@"; else as_user "$who" "$@"; fi
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

# check_events FILE...: every stream answered 200, none cut; sets
# EVENTS_BYTES to the bytes they received in total.
check_events() {
	local f line n ok failed cut bytes
	EVENTS_BYTES=0
	for f in "$@"; do
		line=$(grep '^events held' "$f")
		read -r _ _ n _ ok _ failed _ cut _ bytes <<<"$line"
		if [ -z "$line" ] || [ "$ok" != "$n" ] || [ "$failed" != 0 ] ||
			[ "$cut" != 0 ]; then
			fail "event streams: ${line:-no summary} ($(grep -v '^events' "$f" | head -c 300))"
		fi
		EVENTS_BYTES=$((EVENTS_BYTES + ${bytes:-0}))
	done
}

# kv KEY LINE: a value of loadgen's key=value line.
kv() {
	tr ' ' '\n' <<<"$2" | awk -F= -v k="$1" '$1 == k {print $2}'
}

# sum_kv KEY FILE...: the sum over loadgen result files.
sum_kv() {
	local key=$1 f t=0 v
	shift
	for f in "$@"; do
		v=$(kv "$key" "$(grep '^seconds=' "$f")")
		t=$((t + ${v:-0}))
	done
	echo "$t"
}

results_in() {
	local f
	for f in "$@"; do
		grep -q '^seconds=' "$f" || return 1
	done
}

# phase MODE: the whole load, group i being users[i] through the gate
# (MODE gate) or root on dockerd's socket (MODE direct).  Group i's
# containers carry the label dg.load=gI and its streams follow only
# that label, so both modes send each stream the same events.
phase() {
	local mode=$1 sock=$DOCKER_SOCK i j who foreign files=()
	[ "$mode" = direct ] || sock=$GATE_SOCK
	dg_log "$mode: $STREAMS event streams, $WORKERS workers, ${SECS}s, $nusers groups"
	local d0 g0
	d0=$(cpu_s "$(dockerd_pid)")
	g0=$(cpu_s "$(gpid)")
	for i in "${!users[@]}"; do
		who=root
		[ "$mode" = direct ] || who=${users[$i]}
		run_as "$who" "$lg" events "$sock" "$(share "$STREAMS" "$i")" \
			$((SECS + 240)) "dg.load=g$i" >"$out/$mode.events.$i" 2>&1 &
	done
	for i in "${!users[@]}"; do
		wait_ready "$out/$mode.events.$i"
	done
	[ "$mode" = direct ] || streams_up=$(g_stats)
	for i in "${!users[@]}"; do
		who=root foreign=()
		if [ "$mode" = gate ]; then
			who=${users[$i]}
			for j in "${!victims[@]}"; do
				[ "$j" = "$i" ] || foreign+=("${victims[$j]}")
			done
		fi
		run_as "$who" "$lg" work "$sock" "$SECS" "$(share "$WORKERS" "$i")" \
			"$IMG" "dg.load=g$i" ${foreign[@]+"${foreign[@]}"} \
			>"$out/$mode.work.$i" 2>"$out/$mode.err.$i" &
	done
	# The files by name: a glob could run before the workers create them.
	for i in "${!users[@]}"; do
		files+=("$out/$mode.work.$i")
	done
	DG_WAIT=$((SECS + 200)) dg_wait_for results_in "${files[@]}" ||
		fail "$mode: the workers did not finish"
	stop_events "$out/$mode".events.*
	check_events "$out/$mode".events.*
	CPU[$mode]="dockerd $(awk -v a="$d0" -v b="$(cpu_s "$(dockerd_pid)")" 'BEGIN {print b - a}')s"
	[ "$mode" = direct ] ||
		CPU[$mode]+=", gate $(awk -v a="$g0" -v b="$(cpu_s "$(gpid)")" 'BEGIN {print b - a}')s"
}

# report MODE: one line of the table.
report() {
	local mode=$1 ops secs errors wrong
	ops=$(sum_kv ops "$out/$mode".work.*)
	errors=$(sum_kv errors "$out/$mode".work.*)
	wrong=$(sum_kv wrong "$out/$mode".work.*)
	secs=$(kv seconds "$(grep -h '^seconds=' "$out/$mode".work.* | sort -t= -k2 -n | tail -n 1)")
	awk -v m="$mode" -v o="$ops" -v s="$secs" -v e="$errors" -v w="$wrong" \
		'BEGIN { printf "  %-8s %8d %8.2f %8d %8d\n", m, o, o / s, e, w }'
}

ops_per_s() {
	local mode=$1
	awk -v o="$(sum_kv ops "$out/$mode".work.*)" \
		-v s="$(kv seconds "$(grep -h '^seconds=' "$out/$mode".work.* | sort -t= -k2 -n | tail -n 1)")" \
		'BEGIN { printf "%.3f", o / s }'
}

# --- direct ------------------------------------------------------------------
phase direct
direct_events=$EVENTS_BYTES
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

# The gate's peak, sampled every half second during the phase.
(
	while :; do
		echo "$(g_rss) $(g_threads) $(g_fds)"
		sleep 0.5
	done
) >"$out/samples" 2>/dev/null &
sampler=$!
phase gate
gate_events=$EVENTS_BYTES
kill "$sampler" 2>/dev/null
wait "$sampler" 2>/dev/null

# Back to the baseline once everything is closed.
settled() {
	[ "$(g_threads)" -le "$threads_before" ] &&
		[ "$(g_fds)" -le $((fds_before + 1)) ]
}
DG_WAIT=$SETTLE dg_wait_for settled ||
	fail "the gate did not return to its baseline within ${SETTLE}s ($(g_stats), before: $before)"
after=$(g_stats)
gate_alive || fail "the gate died"

# A daemon that cannot list its containers any more is deadlocked; lib.sh's
# teardown would wait on it for ever.  Its goroutines go to its exec root
# for the report, and it is stopped here (it is this run's own dockerd).
daemon_stuck() {
	! timeout 20 "$DG_REAL_DOCKER" -H "unix://$DOCKER_SOCK" ps -aq >/dev/null 2>&1
}
unstick_daemon() {
	local pid kids
	daemon_stuck || return 0
	pid=$(cat "$DG_RUN/dockerd.launcher.pid")
	fail "dockerd stopped answering (deadlocked: see the goroutine dump named in $DG_LOGS/dockerd.log); the errors above are its"
	kill -USR1 "$pid"
	sleep 2
	grep -i 'goroutine stacks written' "$DG_LOGS/dockerd.log" | tail -n 1
	# Its containerd (a child) goes too.
	kids=$(ps -o pid= --ppid "$pid")
	kill -KILL "$pid"
	# shellcheck disable=SC2086 # one pid per word
	[ -z "$kids" ] || kill -TERM $kids 2>/dev/null
}

# --- report ------------------------------------------------------------------
peak_rss=$(awk '$1 > m {m = $1} END {print m + 0}' "$out/samples")
peak_threads=$(awk '$2 > m {m = $2} END {print m + 0}' "$out/samples")
peak_fds=$(awk '$3 > m {m = $3} END {print m + 0}' "$out/samples")
g_errors=$(sum_kv errors "$out"/gate.work.*)
g_wrong=$(sum_kv wrong "$out"/gate.work.*)
d_errors=$(sum_kv errors "$out"/direct.work.*)
g_ops=$(sum_kv ops "$out"/gate.work.*)

echo
echo "load: $WORKERS workers for ${SECS}s, $STREAMS idle event streams, users: ${users[*]}"
printf '  %-8s %8s %8s %8s %8s\n' "" ops ops/s errors wrong
report direct
report gate
awk -v g="$(ops_per_s gate)" -v d="$(ops_per_s direct)" \
	'BEGIN { if (d > 0) printf "  gate/direct throughput: %.1f %%\n", 100 * g / d }'
echo "  gate: cycles $(sum_kv cycles "$out"/gate.work.*), refusals as expected $(sum_kv refused_ok "$out"/gate.work.*)"
echo "  event bytes received: direct $direct_events, gate $gate_events"
echo "  CPU used, direct phase: ${CPU[direct]}; gate phase: ${CPU[gate]}"
for f in "$out"/direct.work.0 "$out"/gate.work.0; do
	echo "  mean/max ms ($(basename "$f")): $(tr ' ' '\n' <"$f" | grep '_ms=' | tr '\n' ' ')"
done
echo "  gate before:          $before"
echo "  gate, streams open:   $streams_up"
echo "  gate peak (sampled):  rss=${peak_rss}KiB threads=$peak_threads fds=$peak_fds (VmHWM $(g_hwm) KiB)"
echo "  gate after:           $after (RSS $(($(g_rss) - rss_before)) KiB above before)"
for f in "$out"/direct.err.* "$out"/gate.err.*; do
	[ -s "$f" ] && sed "s|^|  $(basename "$f"): |" "$f" | head -n 10
done

[ "$d_errors" = 0 ] || fail "direct run had $d_errors errors (the load itself is broken?)"
[ "$g_errors" = 0 ] || fail "$g_errors errors through the gate that are not policy refusals"
[ "$g_wrong" = 0 ] || fail "$g_wrong wrong decisions through the gate"
[ "$g_ops" -gt 0 ] || fail "no operation went through the gate"
unstick_daemon
if [ "$failures" -gt 0 ]; then
	echo "load: $failures failure(s)"
	exit 1
fi
echo "load: ok"
