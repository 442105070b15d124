#!/bin/bash
# The default policy refuses running as root, however uid 0 is spelled,
# and user names (resolved inside the image, possibly to 0); run and exec.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

for u in 0 root 00 +0 1000:0 0:0 nobody; do
	expect_denied "$u" dk dgalice run --rm -u "$u" "$IMG" id
done
check "nothing was created" [ -z "$(dkroot ps -aq)" ]
id=$(dg_sleeper dgalice)
expect_denied "root" dk dgalice exec -u root "$id" id
expect_denied "0" dk dgalice exec -u 0 "$id" id
expect_out "uid=$(dg_uid dgalice)" dk dgalice exec "$id" id

dg_rm_containers "$id"
dg_done
