#!/bin/bash
# Images are shared, names are not: tag, build -t, rmi and pull create or
# remove names only under the caller's own namespace (dgalice/...), never
# over a name other users run or in another user's namespace.
# shellcheck disable=SC2016 # $1 in sh -c scripts is meant for sh
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

home=$(dg_home dgalice)
as_user dgalice sh -c 'mkdir -p ctx &&
	printf "FROM %s\nRUN echo mine > /x\n" "$1" >ctx/Dockerfile' sh "$IMG"
policy_set users/dgalice.conf <<'EOF_POLICY'
build = true
EOF_POLICY

# tag
expect_ok dk dgalice tag "$IMG" dgalice/bb:1
expect_out "dgalice/bb" dk dgalice images --format '{{.Repository}}'
expect_fail_msg "only create image names under dgalice/" \
	dk dgalice tag dgalice/bb:1 "$IMG"
expect_fail_msg "dgalice/" dk dgalice tag "$IMG" dgbob/bb:1
expect_fail_msg "dgalice/" dk dgalice tag "$IMG" busybox:latest

# build -t
expect_fail_msg "dgalice/" as_user dgalice env DOCKER_BUILDKIT=0 \
	docker build -t "$IMG" "$home/ctx"
expect_fail_msg "--pull" as_user dgalice env DOCKER_BUILDKIT=0 \
	docker build --pull -t dgalice/app:1 "$home/ctx"
expect_ok as_user dgalice env DOCKER_BUILDKIT=0 \
	docker build -t dgalice/app:1 "$home/ctx"
# the shared image is untouched: no /x in it
run_cmd dk dgbob run --rm "$IMG" cat /x
check "the shared $IMG was not replaced (rc=$RC)" [ "$RC" -ne 0 ]

# rmi
expect_fail_msg "dgalice/" dk dgalice rmi "$IMG"
expect_fail_msg "dgalice/" dk dgbob rmi dgalice/bb:1
expect_ok dk dgalice rmi dgalice/bb:1
check "dgalice/bb:1 is gone" dg_gone dgalice/bb:1
expect_out "$IMG" dkroot images --format '{{.Repository}}:{{.Tag}}'

# pull into another user's namespace
expect_fail_msg "docker-gate:" dk dgalice pull dgbob/app:1
# pull over a shared name that is already here (others run it)
expect_fail_msg "already here" dk dgalice pull "$IMG"

dg_done
