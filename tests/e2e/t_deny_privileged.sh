#!/bin/bash
# The default policy refuses --privileged, for run and for exec.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

expect_denied "--privileged" dk dgalice run --rm --privileged "$IMG" true
check "nothing was created" [ -z "$(dkroot ps -aq)" ]
id=$(dg_sleeper dgalice)
expect_denied "--privileged" dk dgalice exec --privileged "$id" true

dg_rm_containers "$id"
dg_done
