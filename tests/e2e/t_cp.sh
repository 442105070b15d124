#!/bin/bash
# `docker cp` into and out of one's own container: the bytes survive.
# shellcheck disable=SC2016 # $1 in sh -c scripts is meant for sh
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

home=$(dg_home dgalice)
id=$(dg_sleeper dgalice)
check "a sleeper container runs ('$id')" is_id "$id"

as_user dgalice sh -c 'head -c 300000 /dev/urandom >in.bin &&
	mkdir -p tree/sub && echo one >tree/a && echo two >tree/sub/b'
sum=$(md5sum <"$home/in.bin" | cut -d' ' -f1)

expect_ok dk dgalice cp "$home/in.bin" "$id:/tmp/in.bin"
expect_out "$sum" dk dgalice exec "$id" md5sum /tmp/in.bin
expect_ok dk dgalice cp "$id:/tmp/in.bin" "$home/out.bin"
check "file copied out is identical" cmp -s "$home/in.bin" "$home/out.bin"

expect_ok dk dgalice cp "$home/tree" "$id:/tmp/"
expect_out two dk dgalice exec "$id" cat /tmp/tree/sub/b
expect_ok dk dgalice cp "$id:/tmp/tree" "$home/tree.out"
check "tree copied out is identical" diff -r "$home/tree" "$home/tree.out"

dg_rm_containers "$id"
dg_done
