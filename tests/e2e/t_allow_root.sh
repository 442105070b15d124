#!/bin/bash
# allow_root = true (and run_as_caller = false) in a user file: -u 0 and
# -u root really run as uid 0; names resolve inside the image.
# shellcheck disable=SC2016 # $1 in sh -c scripts is meant for sh
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

policy_set users/dgalice.conf <<'EOF_POLICY'
allow_root = true
run_as_caller = false
EOF_POLICY

expect_out "uid=0" dk dgalice run --rm -u 0 "$IMG" id
expect_out "uid=0(root)" dk dgalice run --rm -u root "$IMG" id
expect_out "uid=65534" dk dgalice run --rm -u nobody "$IMG" id
# Bob still may not.
expect_denied "0" dk dgbob run --rm -u 0 "$IMG" id

dg_done
