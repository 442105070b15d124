#!/bin/bash
# Red team 3: `docker rmi -f NAME` deletes an image that only stopped
# containers use, and a container whose image is gone is nobody's to the
# gate (red team 2: whether its owner label came from the image can no
# longer be told).  So alice, removing her own image name with -f, took
# from bob every stopped container he had made from her image: he could no
# longer start, inspect or remove it.  The gate refuses -f on docker rmi;
# without it dockerd keeps an image that a container uses.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

a=$(dk dgalice create "$IMG" true | tail -n 1)
expect_ok dk dgalice commit -c 'ENV APP=1' "$a" dgalice/app:1
dg_rm_containers "$a"
run_cmd dk dgbob create --name "dgb-app-$DG_ID" dgalice/app:1 true
b=$(printf '%s\n' "$OUT" | tail -n 1)
check "bob makes a container of alice's image (rc=$RC) $ERR" is_id "$b"

expect_fail_msg "docker rmi -f is refused" dk dgalice rmi -f dgalice/app:1
run_cmd dk dgalice rmi dgalice/app:1
check "without -f dockerd keeps the image bob's container uses" \
	dkroot image inspect dgalice/app:1
expect_ok dk dgbob start -a "dgb-app-$DG_ID"
expect_ok dk dgbob rm "dgb-app-$DG_ID"
# Once nothing uses it, alice removes her name as before.
expect_ok dk dgalice rmi dgalice/app:1
check "the image is gone" fails dkroot image inspect dgalice/app:1
dg_done
