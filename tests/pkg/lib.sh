# shellcheck shell=bash
# Helpers for the packaging tests (tests/pkg/t_*.sh): checks that print
# "ok - ..." / "not ok - ...", a private scratch directory, skips.
# Each script is run by tests/pkg/run.sh with BUILD (the build directory,
# absolute) and DG_SRC (the source tree) in the environment.

DG_SRC=${DG_SRC:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
BUILD=${BUILD:-$DG_SRC/build}
PKG_FAIL=0
PKG_PASS=0
# The machine-wide lock of tests that touch system paths (tests/e2e too).
export DG_LOCK=/run/dgate-test.lock

ok() {
	PKG_PASS=$((PKG_PASS + 1))
	printf 'ok - %s\n' "$1"
}

not_ok() {
	PKG_FAIL=$((PKG_FAIL + 1))
	printf 'not ok - %s\n' "$1"
	shift
	[ $# -gt 0 ] && printf '    %s\n' "$@"
	return 0
}

# check DESC CMD...: passes if CMD succeeds (its output is not shown).
check() {
	local d=$1
	shift
	if "$@" >/dev/null; then ok "$d"; else not_ok "$d"; fi
}

fails() {
	! "$@"
}

# skip WHY: the whole script cannot run here (exit 77, run.sh reports it).
skip() {
	printf 'skip: %s\n' "$*"
	exit 77
}

pkg_done() {
	echo "# $PKG_PASS passed, $PKG_FAIL failed"
	[ "$PKG_FAIL" -eq 0 ]
}

# A scratch directory removed on exit; its path in $SCRATCH.
pkg_scratch() {
	SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/dgpkg.XXXXXX")
	chmod 0755 "$SCRATCH"
	trap 'rm -rf --one-file-system "$SCRATCH"' EXIT
}

# pkg_make ARGS...: make in the source tree with this run's build dir.
pkg_make() {
	make -s --no-print-directory -C "$DG_SRC" BUILD="$BUILD" "$@"
}

# Files and symlinks below DIR, relative, sorted.
tree_files() {
	(cd "$1" && find . \( -type f -o -type l \) | sed 's|^\./|/|' | LC_ALL=C sort)
}
