#!/bin/bash
# The `docker` wrapper: a user is sent to the gate; root, members of the
# upstream socket's group and anyone who chose a daemon (DOCKER_HOST, -H,
# --context) get the real CLI untouched; when the gate is down the user is
# told so plainly.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

# A stand-in for the real CLI that reports what the wrapper handed it, so
# no daemon (least of all a system one on /var/run/docker.sock) is touched.
fake=$DG_RUN/tmp/fake-docker
conf=$DG_RUN/tmp/wrapper-fake.conf
# shellcheck disable=SC2016 # expanded by the fake CLI, not here
printf '#!/bin/sh\necho "DOCKER_HOST=${DOCKER_HOST-unset} ARGS=$*"\n' >"$fake"
chmod 0755 "$fake"
printf 'docker = %s\nsocket = %s\nupstream = %s\n' "$fake" "$GATE_SOCK" \
	"$DOCKER_SOCK" >"$conf"
chmod 0644 "$conf"

# shellcheck disable=SC2317 # called through run_cmd
root_wrapper() {
	env -i HOME=/root PATH=/usr/bin:/bin LANG=C.UTF-8 \
		DOCKER_GATE_WRAPPER_CONF="$DG_WRAPPER_CONF" "$DG_BIN/docker" "$@"
}
# shellcheck disable=SC2317
root_fake() {
	env -i HOME=/root PATH=/usr/bin:/bin DOCKER_GATE_WRAPPER_CONF="$conf" \
		"$DG_BIN/docker" "$@"
}
# shellcheck disable=SC2317
user_fake() {
	local u=$1
	shift
	as_user "$u" DOCKER_GATE_WRAPPER_CONF="$conf" docker "$@"
}

WHAT="alice: wrapper points the CLI at the gate" \
	expect_out "DOCKER_HOST=unix://$GATE_SOCK ARGS=ps -a" user_fake dgalice ps -a
WHAT="root: wrapper leaves DOCKER_HOST alone" \
	expect_out "DOCKER_HOST=unset ARGS=ps" root_fake ps
WHAT="alice with DOCKER_HOST set: left alone" \
	expect_out "DOCKER_HOST=unix:///elsewhere.sock ARGS=ps" as_user dgalice \
	DOCKER_GATE_WRAPPER_CONF="$conf" DOCKER_HOST=unix:///elsewhere.sock docker ps
WHAT="alice with -H: left alone" \
	expect_out "DOCKER_HOST=unset ARGS=-H unix:///elsewhere.sock ps" \
	user_fake dgalice -H unix:///elsewhere.sock ps
WHAT="alice with --context: left alone" \
	expect_out "DOCKER_HOST=unset ARGS=--context other ps" \
	user_fake dgalice --context other ps
# A member of dockerd's socket group can use it directly.
usermod -aG "$DG_GROUP" dgbob
WHAT="bob in $DG_GROUP: left alone" \
	expect_out "DOCKER_HOST=unset ARGS=ps" user_fake dgbob ps
gpasswd -d dgbob "$DG_GROUP" >/dev/null
WHAT="bob out of $DG_GROUP again: sent to the gate" \
	expect_out "DOCKER_HOST=unix://$GATE_SOCK" user_fake dgbob ps

# For real: root (with DOCKER_HOST, the private dockerd) is not gated.
WHAT="root: wrapper run -v /etc:/x on dockerd directly" \
	expect_out "root:x:0:0" root_wrapper -H "unix://$DOCKER_SOCK" \
	run --rm -v /etc:/x "$IMG" cat /x/passwd
expect_denied "-v /etc:/x" dk dgalice run --rm -v /etc:/x "$IMG" cat /x/passwd
# A user's own DOCKER_HOST really is used.
WHAT="alice with DOCKER_HOST=unix://.../nowhere.sock" \
	expect_fail_msg "nowhere.sock" as_user dgalice \
	DOCKER_HOST="unix://$DG_RUN/tmp/nowhere.sock" docker ps

# Gate down: a plain message, not a Go dial error.
gate_stop
WHAT="alice: docker ps with the gate stopped" \
	expect_fail_msg "docker-gate is not running" dk dgalice ps
gate_start
expect_ok dk dgalice ps

dg_done
