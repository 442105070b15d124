#!/bin/bash
# `docker run -i` passes stdin and ends when it ends: the gate propagates
# the client's half-close through the attach tunnel.
# shellcheck disable=SC2016 # $1 in sh -c scripts is meant for sh
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

WHAT="echo data | docker run -i --rm IMG cat" \
	expect_out data as_user dgalice sh -c \
	'echo data | docker run -i --rm "$1" cat' sh "$IMG"
# More than one buffer's worth, counted inside.
WHAT="seq 1 50000 | docker run -i --rm IMG wc -l" \
	expect_out 50000 as_user dgalice sh -c \
	'seq 1 50000 | docker run -i --rm "$1" wc -l' sh "$IMG"
# Empty stdin: ends at once.
WHAT="docker run -i --rm IMG cat </dev/null" \
	expect_ok as_user dgalice sh -c \
	'docker run -i --rm "$1" cat </dev/null' sh "$IMG"

dg_done
