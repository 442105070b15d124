#!/bin/sh
# Replays each seed corpus through its harness built with replay.c:
#   sh tests/fuzz/replay.sh build/replay
# runs build/replay/fuzz_X over tests/fuzz/corpus/X/ for every harness.
set -u

dir=${1:-build/replay}
corpora=$(dirname "$0")/corpus
failed=0
ran=0

for bin in "$dir"/fuzz_*; do
	if [ ! -f "$bin" ] || [ ! -x "$bin" ]; then
		continue
	fi
	name=${bin##*/fuzz_}
	if [ ! -d "$corpora/$name" ]; then
		echo "replay: no corpus $corpora/$name/, skipping $name"
		continue
	fi
	ran=$((ran + 1))
	if out=$("$bin" "$corpora/$name"); then
		n=$(printf '%s\n' "$out" |
			sed -n 's/^replayed \([0-9][0-9]*\) inputs$/\1/p' |
			tail -n 1)
		echo "replayed ${n:-?} inputs for $name"
	else
		printf '%s\n' "$out"
		echo "replay: FAILED for $name" >&2
		failed=$((failed + 1))
	fi
done

if [ "$ran" -eq 0 ]; then
	echo "replay: no harnesses found in $dir" >&2
	exit 1
fi
if [ "$failed" -ne 0 ]; then
	echo "replay: $failed harness(es) failed" >&2
	exit 1
fi
