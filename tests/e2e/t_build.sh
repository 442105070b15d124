#!/bin/bash
# The legacy builder (DOCKER_BUILDKIT=0) is refused by the default policy;
# with build = true it builds an image in the user's namespace from the
# test image, and the result runs.
# shellcheck disable=SC2016 # $1 in sh -c scripts is meant for sh
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

home=$(dg_home dgalice)
as_user dgalice sh -c 'mkdir -p ctx &&
	printf "FROM %s\nRUN echo hi > /x\n" "$1" >ctx/Dockerfile' sh "$IMG"

# The default policy refuses builds: RUN steps would run as root.
WHAT="docker build under the default policy" \
	expect_fail_msg "docker build is refused" as_user dgalice \
	DOCKER_BUILDKIT=0 docker build -t dgalice/app:1 "$home/ctx"

policy_set users/dgalice.conf <<'EOF_POLICY'
build = true
EOF_POLICY
WHAT="DOCKER_BUILDKIT=0 docker build -t dgalice/app:1 ~/ctx" \
	expect_ok as_user dgalice DOCKER_BUILDKIT=0 docker build \
	-t dgalice/app:1 "$home/ctx"
expect_out "dgalice/app" dk dgalice images --format '{{.Repository}}:{{.Tag}}'
expect_out hi dk dgalice run --rm dgalice/app:1 cat /x
# (image removal is refused by the gate for now; run.sh cleans up)

dg_done
