#!/bin/bash
# `docker exec` into one's own running container, plain, with stdin and
# with a TTY; it runs as the caller.
# shellcheck disable=SC2016 # $1 in sh -c scripts is meant for sh
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

uid=$(dg_uid dgalice)
id=$(dg_sleeper dgalice)
check "a sleeper container runs ('$id')" is_id "$id"

expect_out inside dk dgalice exec "$id" echo inside
expect_out "uid=$uid" dk dgalice exec "$id" id
WHAT="echo piped | docker exec -i ID cat" \
	expect_out piped as_user dgalice sh -c \
	'echo piped | docker exec -i "$1" cat' sh "$id"
WHAT="script: docker exec -t ID echo tty-exec" \
	expect_out tty-exec as_user dgalice script -qec \
	"docker exec -t $id echo tty-exec" /dev/null
run_cmd dk dgalice exec "$id" sh -c 'exit 5'
check "exec exit code comes back (5, got $RC)" [ "$RC" -eq 5 ]

dg_rm_containers "$id"
dg_done
