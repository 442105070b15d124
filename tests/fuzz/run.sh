#!/bin/bash
# Builds every tests/fuzz/fuzz_*.c with libFuzzer + ASan + UBSan and runs
# each for a while over a writable copy of its seed corpus.
#
#   bash tests/fuzz/run.sh [SECONDS] [NAME...]   (default 60 s; all harnesses)
#
# Per harness NAME (from fuzz_NAME.c), everything goes to build/fuzz/NAME/:
# corpus/ (seeds plus new finds), crash-*/leak-*/timeout-*/oom-* artifacts,
# log.  A dictionary tests/fuzz/NAME.dict is used when present.  Exits
# non-zero if a harness failed to build or found anything.
set -euo pipefail

cd "$(dirname "$0")/../.."
secs=${1:-60}
shift || true
out=build/fuzz
cc=${FUZZ_CC:-clang}

need_clang() {
	local probe=$out/probe.c
	mkdir -p "$out"
	printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
		'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
		'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)' \
		'{ (void)d; (void)n; return 0; }' >"$probe"
	command -v "$cc" >/dev/null 2>&1 &&
		"$cc" -fsanitize=fuzzer,address,undefined -o "$out/probe" \
			"$probe" >/dev/null 2>&1
}

if ! need_clang; then
	apt_line="apt-get install -y clang libclang-rt-14-dev"
	if [ "$(id -u)" -eq 0 ]; then
		echo "fuzz: installing clang with libFuzzer: $apt_line"
		DEBIAN_FRONTEND=noninteractive apt-get install -y \
			clang libclang-rt-14-dev
		need_clang || { echo "fuzz: clang still cannot build a fuzzer" >&2; exit 1; }
	else
		echo "fuzz: clang with libFuzzer is missing; as root run: $apt_line" >&2
		exit 1
	fi
fi

# The library sources exactly as the Makefile sees them (libgate.a's pure
# modules, not DAEMON_SRCS, plus the plugin), and its preprocessor flags.
make_var() {
	make -s --no-print-directory \
		--eval="dg-print-var: ; @echo \$($1)" dg-print-var
}
read -r -a lib_srcs <<<"$(make_var PURE_SRCS) $(make_var PLUGIN_SRCS)"
read -r -a cppflags <<<"$(make_var CPPFLAGS)"
read -r -a pkg_cflags <<<"$(pkg-config --cflags libconfuse jansson libcap)"
read -r -a pkg_libs <<<"$(pkg-config --libs libconfuse jansson libcap)"

san=("-fsanitize=address,undefined" -fno-sanitize-recover=all)
cflags=(-std=c11 -g -O1 -fno-omit-frame-pointer -D_GNU_SOURCE
	-Iinclude -Igate -Iplugin "${cppflags[@]}" "${pkg_cflags[@]}")

# Library objects once, instrumented for coverage but without main(), in
# an archive like build/libgate.a: a harness pulls in only what it uses.
objs=()
for src in "${lib_srcs[@]}"; do
	obj=$out/obj/${src%.c}.o
	mkdir -p "$(dirname "$obj")"
	"$cc" "${cflags[@]}" "${san[@]}" -fsanitize=fuzzer-no-link \
		-c -o "$obj" "$src"
	objs+=("$obj")
done
lib=$out/libfuzzgate.a
rm -f "$lib"
ar rcs "$lib" "${objs[@]}"

if [ "$#" -gt 0 ]; then
	harnesses=()
	for name in "$@"; do harnesses+=("tests/fuzz/fuzz_$name.c"); done
else
	harnesses=(tests/fuzz/fuzz_*.c)
fi

status=0
summary=()
for src in "${harnesses[@]}"; do
	name=$(basename "$src" .c)
	name=${name#fuzz_}
	dir=$out/$name
	bin=$out/bin/fuzz_$name
	mkdir -p "$dir/corpus" "$out/bin"
	# findings of earlier runs are kept, but not counted again
	for f in "$dir"/crash-* "$dir"/leak-* "$dir"/timeout-* "$dir"/oom-*; do
		if [ -f "$f" ]; then
			mkdir -p "$dir/previous"
			mv "$f" "$dir/previous/"
		fi
	done
	if ! "$cc" "${cflags[@]}" "${san[@]}" -fsanitize=fuzzer -o "$bin" \
		"$src" "$lib" "${pkg_libs[@]}" -ldl -lpthread; then
		summary+=("$name: BUILD FAILED")
		status=1
		continue
	fi
	if [ -d "tests/fuzz/corpus/$name" ]; then
		cp -n tests/fuzz/corpus/"$name"/* "$dir/corpus/" 2>/dev/null || true
	else
		echo "fuzz: no seed corpus tests/fuzz/corpus/$name/"
	fi
	args=(-max_total_time="$secs" -print_final_stats=1
		-artifact_prefix="$dir/")
	if [ -f "tests/fuzz/$name.dict" ]; then
		args+=(-dict="tests/fuzz/$name.dict")
	fi
	echo "fuzz: $name for ${secs}s (log: $dir/log)"
	rc=0
	"$bin" "${args[@]}" "$dir/corpus" >"$dir/log" 2>&1 || rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -n 1)
	found=$(find "$dir" -maxdepth 1 -type f \
		\( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
		-o -name 'oom-*' \) | wc -l)
	summary+=("$name: ${execs:-?} execs, exit $rc, $found finding(s), corpus $(find "$dir/corpus" -type f | wc -l)")
	if [ "$rc" -ne 0 ] || [ "$found" -ne 0 ]; then
		status=1
		grep -E 'ERROR|SUMMARY|Test unit written' "$dir/log" | head -n 20 || true
	fi
done

printf 'fuzz: %s\n' "${summary[@]}"
exit "$status"
