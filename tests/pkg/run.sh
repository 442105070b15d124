#!/bin/bash
# Packaging tests: make install/uninstall, the systemd units, the manual
# pages, the Debian package.
#
#   bash tests/pkg/run.sh BUILD_DIR [t_name ...]
#
# Runs each tests/pkg/t_*.sh as its own process and prints "N passed,
# N failed" last; a script that exits 77 is reported as skipped with its
# reason.  Exit status 0 only if nothing failed.  t_deb.sh installs a
# package for real and needs root; it takes the e2e lock.
set -u

here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 1 ] || {
	echo "usage: $0 BUILD_DIR [t_name ...]" >&2
	exit 2
}
BUILD=$(cd "$1" && pwd) || exit 2
shift
DG_SRC=$(cd "$here/../.." && pwd)
export BUILD DG_SRC

tests=()
if [ $# -gt 0 ]; then
	for t in "$@"; do tests+=("$here/${t%.sh}.sh"); done
else
	for t in "$here"/t_*.sh; do tests+=("$t"); done
fi

passed=0 failed=0 skipped=0
logs=$(mktemp -d "${TMPDIR:-/tmp}/dgpkg-logs.XXXXXX")
trap 'rm -rf "$logs"' EXIT
for t in "${tests[@]}"; do
	name=$(basename "$t" .sh)
	log=$logs/$name.log
	t0=$SECONDS
	rc=0
	timeout -k 5 "${DG_TEST_TIMEOUT:-1200}" bash "$t" >"$log" 2>&1 || rc=$?
	case $rc in
	0)
		passed=$((passed + 1))
		echo "PASS $name ($((SECONDS - t0))s)"
		;;
	77)
		skipped=$((skipped + 1))
		echo "SKIP $name: $(grep -m1 '^skip' "$log")"
		;;
	*)
		failed=$((failed + 1))
		echo "FAIL $name ($((SECONDS - t0))s)"
		grep -v '^ok ' "$log" | head -n 60 | sed 's/^/    /'
		;;
	esac
done
[ "$skipped" -eq 0 ] || echo "($skipped skipped)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
