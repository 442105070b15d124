#!/bin/bash
# Gate vs direct socket, measured in one run on one private dockerd:
#
#   bash tests/bench/run.sh BUILD_DIR
#
#   ping      GET /_ping round trips on one kept-alive connection
#             (pingbench.c), p50/p99 over BENCH_PINGS (5000)
#   run       wall time of `docker run --rm IMG true`, median of BENCH_RUNS (10)
#   cp        `docker cp` of a BENCH_CP_MIB (256) MiB file into a container,
#             MiB/s, median of BENCH_CPS (3)
#
# "direct" is root on the private dockerd's socket; "gate" is the ordinary
# user dgalice through the wrapper and docker-gated under the default
# policy.  Both go through the same runuser/env/timeout launcher, and the
# two sides alternate so that drift hits both.  Targets (DESIGN.md §6):
# added p50 < 0.3 ms, run within 5 %, cp >= 90 % of direct.  A missed
# target is reported, never fatal: exit 0 unless the bench cannot run.
set -u

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/e2e/lib.sh
. "$here/../e2e/lib.sh"

dg_need_root tests/bench/run.sh bench
[ $# -ge 1 ] || dg_die "usage: $0 BUILD_DIR"
PINGS=${BENCH_PINGS:-5000}
RUNS=${BENCH_RUNS:-10}
CPS=${BENCH_CPS:-3}
CP_MIB=${BENCH_CP_MIB:-256}

# DG_MODE=direct only to try the bench itself out without a gate.
DG_MODE=${DG_MODE:-gate}
DG_CMD_TIMEOUT=600
dg_setup "$1"

# as_direct CMD...: root, same launcher as as_user, the real CLI on the
# private dockerd's socket.
as_direct() {
	runuser -u root -- timeout -k 5 "$DG_CMD_TIMEOUT" env -i -C /root \
		HOME=/root USER=root LOGNAME=root LANG=C.UTF-8 PATH=/usr/bin:/bin \
		DOCKER_HOST="unix://$DOCKER_SOCK" "$@"
}

# Milliseconds taken by CMD... (output discarded); fails if CMD fails.
time_ms() {
	local t0 t1
	t0=$(date +%s%N)
	"$@" >/dev/null 2>&1 || return 1
	t1=$(date +%s%N)
	echo $(((t1 - t0) / 1000000))
}

median() {
	sort -n | awk '{v[NR] = $1} END {
		if (NR == 0) { print "nan"; exit }
		if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

failures=0
note_failure() {
	failures=$((failures + 1))
	echo "bench: $*" >&2
}

# --- ping ------------------------------------------------------------------
pb=$DG_RUN/tmp/pingbench
cc -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -o "$pb" "$here/pingbench.c" ||
	dg_die "cannot compile pingbench.c"
chmod 0755 "$pb"
dg_log "ping: $PINGS round trips each"
read -r d_p50 d_p99 d_mean < <(as_direct "$pb" "$DOCKER_SOCK" "$PINGS") ||
	note_failure "direct ping failed"
gate_sock=$GATE_SOCK
[ "$DG_MODE" = gate ] || gate_sock=$DOCKER_SOCK
read -r g_p50 g_p99 g_mean < <(as_user dgalice "$pb" "$gate_sock" "$PINGS") ||
	note_failure "gate ping failed"

# --- docker run --rm ------------------------------------------------------
dg_log "run: docker run --rm $IMG true, $RUNS each, alternating"
as_direct docker run --rm "$IMG" true >/dev/null 2>&1
dk dgalice run --rm "$IMG" true >/dev/null 2>&1
: >"$DG_RUN/tmp/run.direct"
: >"$DG_RUN/tmp/run.gate"
for _ in $(seq 1 "$RUNS"); do
	time_ms as_direct docker run --rm "$IMG" true >>"$DG_RUN/tmp/run.direct" ||
		note_failure "direct docker run failed"
	time_ms dk dgalice run --rm "$IMG" true >>"$DG_RUN/tmp/run.gate" ||
		note_failure "gate docker run failed"
done
d_run=$(median <"$DG_RUN/tmp/run.direct")
g_run=$(median <"$DG_RUN/tmp/run.gate")

# --- docker cp --------------------------------------------------------------
dg_log "cp: $CP_MIB MiB into a container, $CPS each, alternating"
home=$(dg_home dgalice)
as_user dgalice dd if=/dev/urandom of="$home/cp.bin" bs=1M count="$CP_MIB" \
	status=none || dg_die "cannot write the cp test file"
d_ctr=$(as_direct docker run -d "$IMG" sleep 3600)
g_ctr=$(dk dgalice run -d "$IMG" sleep 3600)
is_id "$d_ctr" || dg_die "cannot start the direct cp container"
is_id "$g_ctr" || dg_die "cannot start the gate cp container: $g_ctr"
: >"$DG_RUN/tmp/cp.direct"
: >"$DG_RUN/tmp/cp.gate"
# Each copy starts from the same state: no old file to replace, no dirty
# pages of the previous copy still being written back.
cp_prepare() {
	dkroot exec "$1" rm -f /tmp/cp.bin
	sync
}
cp_prepare "$d_ctr"
as_direct docker cp "$home/cp.bin" "$d_ctr:/tmp/cp.bin" # warm-up
cp_prepare "$g_ctr"
dk dgalice cp "$home/cp.bin" "$g_ctr:/tmp/cp.bin"
for _ in $(seq 1 "$CPS"); do
	cp_prepare "$d_ctr"
	time_ms as_direct docker cp "$home/cp.bin" "$d_ctr:/tmp/cp.bin" \
		>>"$DG_RUN/tmp/cp.direct" || note_failure "direct docker cp failed"
	cp_prepare "$g_ctr"
	time_ms dk dgalice cp "$home/cp.bin" "$g_ctr:/tmp/cp.bin" \
		>>"$DG_RUN/tmp/cp.gate" || note_failure "gate docker cp failed"
done
d_cp_ms=$(median <"$DG_RUN/tmp/cp.direct")
g_cp_ms=$(median <"$DG_RUN/tmp/cp.gate")
rm -f "$home/cp.bin"

# --- report -------------------------------------------------------------------
# verdict VALUE OP LIMIT: ok or MISSED (also MISSED if VALUE is no number).
verdict() {
	if [[ "$1" =~ ^[+-]?[0-9]+(\.[0-9]+)?$ ]] &&
		awk -v v="$1" -v l="$3" "BEGIN {exit !(v $2 l)}"; then
		echo ok
	else
		echo MISSED
	fi
}
# Added latency in ms, signed; "?" when a side is missing.
added_ms() {
	if [ -n "$1" ] && [ -n "$2" ]; then
		awk -v g="$1" -v d="$2" 'BEGIN {printf "%+.3f", (g - d) / 1000}'
	else
		echo "?"
	fi
}
added_p50=$(added_ms "${g_p50:-}" "${d_p50:-}")
added_p99=$(added_ms "${g_p99:-}" "${d_p99:-}")
run_pct=$(awk -v g="$g_run" -v d="$d_run" 'BEGIN {printf "%+.1f", (g - d) * 100 / d}')
d_cp=$(awk -v m="$CP_MIB" -v t="$d_cp_ms" 'BEGIN {printf "%.0f", m * 1000 / t}')
g_cp=$(awk -v m="$CP_MIB" -v t="$g_cp_ms" 'BEGIN {printf "%.0f", m * 1000 / t}')
cp_pct=$(awk -v g="$g_cp" -v d="$d_cp" 'BEGIN {printf "%.0f", g * 100 / d}')

echo
echo "docker-gate bench ($(nproc) CPUs, dockerd $(dkroot version -f '{{.Server.Version}}'), CLI $("$DG_REAL_DOCKER" version -f '{{.Client.Version}}' 2>/dev/null))"
echo "direct = root on the private dockerd socket; gate = dgalice via wrapper + docker-gated (default policy)"
echo
printf '%-30s %12s %12s %14s %12s  %s\n' measure direct gate "gate vs direct" target result
printf '%-30s %12s %12s %14s %12s  %s\n' "ping p50 (us)" "${d_p50:-?}" "${g_p50:-?}" "$added_p50 ms" "< 0.3 ms" \
	"$(verdict "$added_p50" "<" 0.3)"
printf '%-30s %12s %12s %14s %12s  %s\n' "ping p99 (us)" "${d_p99:-?}" "${g_p99:-?}" "$added_p99 ms" "-" "-"
printf '%-30s %12s %12s %14s %12s  %s\n' "ping mean (us)" "${d_mean:-?}" "${g_mean:-?}" "" "-" "-"
printf '%-30s %12s %12s %14s %12s  %s\n' "run --rm true, median (ms)" "$d_run" "$g_run" "$run_pct %" "<= +5 %" \
	"$(verdict "$run_pct" "<=" 5)"
printf '%-30s %12s %12s %14s %12s  %s\n' "cp $CP_MIB MiB in, median (MiB/s)" "$d_cp" "$g_cp" "$cp_pct %" ">= 90 %" \
	"$(verdict "$cp_pct" ">=" 90)"
echo
echo "raw samples (ms): run direct [$(paste -sd' ' "$DG_RUN/tmp/run.direct")]" \
	"gate [$(paste -sd' ' "$DG_RUN/tmp/run.gate")];" \
	"cp direct [$(paste -sd' ' "$DG_RUN/tmp/cp.direct")] gate [$(paste -sd' ' "$DG_RUN/tmp/cp.gate")]"
[ "$failures" -eq 0 ] || echo "bench: $failures measurement(s) failed; see above"
exit 0
