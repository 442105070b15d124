#!/bin/bash
# End-to-end tests: a private dockerd, real users, the built gate.
#
#   bash tests/e2e/run.sh BUILD_DIR [t_name ...]
#
# Sets everything up once (tests/e2e/lib.sh), runs each tests/e2e/t_*.sh
# as its own process (one behaviour per script), resets the daemon and the
# policy between scripts, tears everything down and prints exactly
# "N passed, N failed" last.  Exit status 0 only if nothing failed.
#
# Environment: KEEP=1 keeps the test users and the logs; DG_MODE=direct runs
# the harness without the gate (harness development only: most tests then
# fail or skip); DG_TEST_TIMEOUT bounds each script (seconds).
set -u

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/e2e/lib.sh
. "$here/lib.sh"

dg_need_root tests/e2e/run.sh e2e
if [ $# -lt 1 ]; then
	echo "usage: $0 BUILD_DIR [t_name ...]" >&2
	exit 2
fi
build=$1
shift

# In CI the gate must be there: direct mode only when asked for.
if [ "${DG_MODE:-}" != direct ]; then
	for f in docker-gated docker docker-gate-policy.so docker-policy; do
		[ -e "$build/$f" ] || dg_die "$build/$f is missing (make all)"
	done
fi

tests=()
if [ $# -gt 0 ]; then
	for t in "$@"; do
		t=${t%.sh}
		tests+=("$here/${t#"$here/"}.sh")
	done
else
	for t in "$here"/t_*.sh; do
		tests+=("$t")
	done
fi

t_setup=$SECONDS
dg_setup "$build"
t_setup=$((SECONDS - t_setup))

passed=0
failed=0
skipped=0
failed_names=()
start_all=$SECONDS

# Sanitizer or crash reports the gate wrote since line $1 of its log.
gate_log_trouble() {
	[ "$DG_MODE" = gate ] || return 1
	tail -n +"$(($1 + 1))" "$DG_LOGS/gate.log" 2>/dev/null |
		grep -E 'AddressSanitizer|LeakSanitizer|runtime error:|Segmentation|Aborted|SUMMARY: ' |
		head -n 20 | grep .
}

gate_log_lines() {
	if [ -f "$DG_LOGS/gate.log" ]; then wc -l <"$DG_LOGS/gate.log"; else echo 0; fi
}

for t in "${tests[@]}"; do
	name=$(basename "$t" .sh)
	log=$DG_LOGS/$name.log
	if [ ! -f "$t" ]; then
		echo "FAIL $name (no such test)"
		failed=$((failed + 1))
		failed_names+=("$name")
		continue
	fi
	mark=$(gate_log_lines)
	t0=$SECONDS
	rc=0
	timeout -k 5 "${DG_TEST_TIMEOUT:-240}" bash "$t" >"$log" 2>&1 || rc=$?
	[ "$rc" -ne 124 ] || echo "not ok - $name timed out" >>"$log"
	if ! gate_alive; then
		echo "not ok - the gate died during $name" >>"$log"
		tail -n 20 "$DG_LOGS/gate.log" >>"$log"
		rc=1
		gate_start >/dev/null 2>&1 || dg_die "cannot restart the gate"
	fi
	if trouble=$(gate_log_trouble "$mark"); then
		{
			echo "not ok - gate log has sanitizer/crash reports during $name"
			printf '%s\n' "$trouble"
		} >>"$log"
		rc=1
	fi
	secs=$((SECONDS - t0))
	case $rc in
	0)
		passed=$((passed + 1))
		echo "PASS $name (${secs}s)"
		;;
	77)
		skipped=$((skipped + 1))
		echo "SKIP $name: $(grep -m1 '^skip' "$log")"
		;;
	*)
		failed=$((failed + 1))
		failed_names+=("$name")
		echo "FAIL $name (${secs}s)"
		# The failing checks and their details, indented.
		sed -n '/^not ok/,/^ok /p' "$log" | grep -v '^ok ' | head -n 60 |
			sed 's/^/    /'
		;;
	esac
	dg_reset_world || dg_die "cannot reset between tests"
done

# Leak reports appear when the gate exits.
mark=$(gate_log_lines)
gate_stop
if trouble=$(gate_log_trouble "$mark"); then
	echo "FAIL gate exit (sanitizer report)"
	printf '%s\n' "$trouble" | sed 's/^/    /'
	failed=$((failed + 1))
	failed_names+=("gate-exit")
fi

if [ "$failed" -gt 0 ] && [ "$DG_MODE" = gate ]; then
	echo "--- last lines of the gate log ---"
	tail -n 40 "$DG_LOGS/gate.log"
fi
[ "$skipped" -eq 0 ] || echo "($skipped skipped)"
[ "$failed" -eq 0 ] || echo "failed: ${failed_names[*]}"
echo "e2e took $((SECONDS - start_all))s after ${t_setup}s of setup (mode $DG_MODE, CLI $DG_REAL_DOCKER)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
