#!/bin/bash
# BuildKit through the gate (DOCKER_BUILDKIT=1 on the docker CLI 20.10:
# POST /session with Upgrade: h2c, then POST /build?version=2): refused
# with the gate's message unless the policy says buildkit = true (and
# build = true); then a build FROM the test image with a RUN step and -t
# in the user's namespace works, while -t outside it and --network host
# are still refused.  A raw POST /session without the key is refused
# before any upgrade.
# shellcheck disable=SC2016 # $1 in sh -c scripts is meant for sh
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

# CLI 28 needs the buildx plugin for BuildKit (Debian 12 has none);
# CLI 20.10 has BuildKit built in, and --progress only with it.
cli=/usr/bin/docker
if [ ! -x "$cli" ] ||
	! DOCKER_BUILDKIT=1 "$cli" build --help 2>/dev/null | grep -q -- '--progress'; then
	echo "skip - no docker CLI with built-in BuildKit at $cli (CLI 28 needs the buildx plugin)"
	exit 77
fi

# shellcheck disable=SC2317 # called through run_cmd
bk() {
	as_user "$1" DOCKER_HOST="unix://$GATE_SOCK" DOCKER_BUILDKIT=1 \
		"$cli" build --progress=plain "${@:2}"
}

# bk_refused USER ARGS...: bk, retried while the CLI 20.10 hangs instead
# of reporting a refused build (seen once under ASan: its session
# goroutine can outlive the refused build request; a bounded wait, then
# the next try).  The caller checks the message with expect_fail_msg.
# shellcheck disable=SC2317 # called through expect_fail_msg
bk_refused() {
	local i rc
	for i in 1 2 3; do
		DG_AS_USER_TIMEOUT=30 bk "$@" && return 0
		rc=$?
		[ "$rc" -ne 124 ] && [ "$rc" -ne 137 ] && return "$rc"
		echo "# try $i: the CLI hung (rc $rc); again" >&2
	done
	return "$rc"
}

home=$(dg_home dgalice)
as_user dgalice sh -c 'mkdir -p bkctx &&
	printf "FROM %s\nRUN echo built-by-buildkit > /bk\n" "$1" >bkctx/Dockerfile' \
	sh "$IMG"

# Without the key: refused, saying what to do instead.
policy_set users/dgalice.conf <<'EOF_POLICY'
build = true
EOF_POLICY
WHAT="DOCKER_BUILDKIT=1 docker build with build = true only" \
	expect_fail_msg "docker-gate: docker build with BuildKit (DOCKER_BUILDKIT=1) is refused" \
	bk dgalice -t dgalice/bk:1 "$home/bkctx"
check "the refusal names DOCKER_BUILDKIT=0 and buildkit = true" \
	contains "$ERR" "DOCKER_BUILDKIT=0 (policy key build), or ask for buildkit = true"
check "nothing was built" dg_gone dgalice/bk:1

# A raw session by a user without the key: 403 before any upgrade.
RAW_ARGS=(-H 'Connection: Upgrade' -H 'Upgrade: h2c'
	-H 'X-Docker-Expose-Session-Uuid: rawsession1'
	-H 'X-Docker-Expose-Session-Name: ctx')
expect_status 403 "raw POST /session by dgbob (no buildkit key)" \
	dgbob POST /session
expect_denial_format "raw POST /session"
check "the refusal names the BuildKit session" \
	contains "$RAW_BODY" "a BuildKit session (POST /session"
expect_status 403 "raw POST /v1.41/session by dgbob" dgbob POST /v1.41/session
RAW_ARGS=(-H 'Connection: Upgrade' -H 'Upgrade: h2c')
expect_status 403 "raw POST /grpc (BuildKit's control API)" dgbob POST /grpc
check "the /grpc refusal says what works instead" \
	contains "$RAW_BODY" "DOCKER_BUILDKIT=1 on docker CLI 20.10"
RAW_ARGS=()

# With buildkit = true and build = true: the build works.
policy_set users/dgalice.conf <<'EOF_POLICY'
build = true
buildkit = true
EOF_POLICY
WHAT="DOCKER_BUILDKIT=1 docker build -t dgalice/bk:1 ~/bkctx" \
	expect_ok bk dgalice -t dgalice/bk:1 "$home/bkctx"
check "image dgalice/bk:1 exists" fails dg_gone dgalice/bk:1
expect_out built-by-buildkit dk dgalice run --rm dgalice/bk:1 cat /bk
run_cmd dkroot image inspect -f '{{json .Config.Labels}}' dgalice/bk:1
check "the BuildKit image has the owner label emptied ($OUT)" \
	contains "$OUT" '"io.docker-gate.owner":""'

# What the gate can still see on the build request is still checked.
WHAT="BuildKit build -t dgbob/bk:1 (another user's namespace)" \
	expect_fail_msg "docker-gate:" bk_refused dgalice -t dgbob/bk:1 "$home/bkctx"
check "dgbob/bk:1 was not built" dg_gone dgbob/bk:1
before=$(dkroot image inspect -f '{{.Id}}' "$IMG")
WHAT="BuildKit build -t $IMG (the shared image)" \
	expect_fail_msg "docker-gate:" bk_refused dgalice -t "$IMG" "$home/bkctx"
check "$IMG still points to the same image" \
	[ "$(dkroot image inspect -f '{{.Id}}' "$IMG")" = "$before" ]
WHAT="BuildKit build --network host" \
	expect_fail_msg "docker-gate: --network=host on docker build is not available" \
	bk dgalice --network host \
	-t dgalice/bk:2 "$home/bkctx"

# The session needs its upgrade.
RAW_ARGS=(-H 'X-Docker-Expose-Session-Uuid: rawsession2')
expect_status 400 "POST /session without Upgrade: h2c" dgalice POST /session
check "the refusal says Upgrade: h2c" contains "$RAW_BODY" "Upgrade: h2c"
RAW_ARGS=()

# bob has no key: his BuildKit build is refused, alice's policy is hers.
as_user dgbob sh -c 'mkdir -p bkctx &&
	printf "FROM %s\nRUN true\n" "$1" >bkctx/Dockerfile' sh "$IMG"
WHAT="dgbob's DOCKER_BUILDKIT=1 docker build" \
	expect_fail_msg "is not allowed for dgbob" \
	bk_refused dgbob -t dgbob/bk:1 "$(dg_home dgbob)/bkctx"

dg_done
