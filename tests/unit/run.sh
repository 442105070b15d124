#!/bin/sh
# Runs Check unit-test binaries, shows their output, fails if any failed.
#   sh tests/unit/run.sh build/tests/check_a build/tests/check_b ...
set -u

if [ "$#" -eq 0 ]; then
	echo "usage: $0 CHECK_BINARY..." >&2
	exit 2
fi

failed=0
for bin in "$@"; do
	echo "== $bin"
	if ! "$bin"; then
		echo "FAILED: $bin" >&2
		failed=$((failed + 1))
	fi
done

if [ "$failed" -ne 0 ]; then
	echo "unit: $failed of $# test binaries failed" >&2
	exit 1
fi
echo "unit: all $# test binaries passed"
