#!/bin/bash
# `docker run --rm` works for an ordinary user, and the container runs as
# the caller's own uid:gid (the default policy forces it).
# shellcheck disable=SC2016 # $1 in sh -c scripts is meant for sh
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

uid=$(dg_uid dgalice)
gid=$(dg_gid dgalice)

expect_out hello dk dgalice run --rm "$IMG" echo hello
expect_out "uid=$uid gid=$gid" dk dgalice run --rm "$IMG" id
# Exit codes come through.
WHAT="run --rm IMG sh -c 'exit 3' exits 3" run_cmd dk dgalice run --rm "$IMG" sh -c 'exit 3'
check "run --rm sh -c 'exit 3' exits 3 (got $RC)" [ "$RC" -eq 3 ]
# --rm really removed them.
check "no container left behind" [ -z "$(dkroot ps -aq)" ]

dg_done
