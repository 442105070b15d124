#!/bin/bash
# `docker run -t` under a terminal: output arrives, the container sees a TTY.
# shellcheck disable=SC2016 # $1 in sh -c scripts is meant for sh
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

WHAT="script: docker run -t --rm IMG echo tty-ok" \
	expect_out tty-ok as_user dgalice script -qec \
	"docker run -t --rm $IMG echo tty-ok" /dev/null
WHAT="script: docker run -t --rm IMG: stdout is a tty" \
	expect_out is-a-tty as_user dgalice script -qec \
	"docker run -t --rm $IMG sh -c 'test -t 1 && echo is-a-tty'" /dev/null

dg_done
