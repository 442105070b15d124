#!/bin/bash
# A user policy with bind_roots = {"~"} lets the user bind her own home
# (the mount is real both ways) and nothing outside it.
# shellcheck disable=SC2016 # $1 in sh -c scripts is meant for sh
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

home=$(dg_home dgalice)
policy_set users/dgalice.conf <<'EOF_POLICY'
bind_roots = {"~"}
bind_readonly = false
EOF_POLICY

as_user dgalice sh -c 'mkdir -p data && echo bind-ok >data/f'

expect_out bind-ok dk dgalice run --rm -v "$home/data:/data" "$IMG" cat /data/f
expect_out bind-ok dk dgalice run --rm \
	--mount "type=bind,src=$home/data,dst=/data" "$IMG" cat /data/f
expect_ok dk dgalice run --rm -v "$home/data:/data" "$IMG" \
	sh -c 'echo from-container >/data/g'
check "a file written in the container is on the host" \
	grep -qx from-container "$home/data/g"
expect_out bind-ok dk dgalice run --rm -v "$home/data:/data:ro" "$IMG" cat /data/f

# Still refused: outside the home, climbing out of it, a sibling whose
# name merely starts with the home's.
expect_denied "-v /etc:/x" dk dgalice run --rm -v /etc:/x "$IMG" true
expect_denied "--mount" dk dgalice run --rm \
	--mount type=bind,src=/etc,dst=/x "$IMG" true
expect_fail_msg "docker-gate:" dk dgalice run --rm \
	-v "$home/data/../../dgbob:/x" "$IMG" true
expect_fail_msg "docker-gate:" dk dgalice run --rm -v "${home}x:/x" "$IMG" true
# dockerd creates missing bind sources as root: clean up if it happened.
[ ! -d "${home}x" ] || rmdir "${home}x"
expect_fail_msg "docker-gate:" dk dgbob run --rm \
	-v "$home/data:/data" "$IMG" true

dg_done
