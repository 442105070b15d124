#!/bin/bash
# The default policy refuses every host bind mount, however it is spelled,
# and says so in the user's own terms.
# shellcheck disable=SC2016 # $1 in sh -c scripts is meant for sh
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

home=$(dg_home dgalice)

expect_denied "-v /etc:/x" dk dgalice run --rm -v /etc:/x "$IMG" true
expect_denied "-v /:/host" dk dgalice run --rm -v /:/host "$IMG" true
# Even the user's own home: the default allows no binds at all.
expect_denied "-v $home:/h" dk dgalice run --rm -v "$home:/h" "$IMG" true
expect_denied "--mount" dk dgalice run --rm \
	--mount type=bind,src=/etc,dst=/x "$IMG" true
# A local-driver volume whose options bind a host path is a bind mount too.
expect_fail_msg "docker-gate:" dk dgalice run --rm --mount \
	type=volume,dst=/x,volume-driver=local,volume-opt=type=none,volume-opt=o=bind,volume-opt=device=/etc \
	"$IMG" true
expect_fail_msg "docker-gate:" dk dgalice volume create -d local \
	-o type=none -o o=bind -o device=/etc dgalice-etc
check "nothing was created" [ -z "$(dkroot ps -aq)" ]
check "no bind volume was created" [ -z "$(dkroot volume ls -q)" ]

dg_done
