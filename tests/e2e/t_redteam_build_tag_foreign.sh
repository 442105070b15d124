#!/bin/bash
# Red team: POST /build takes any t= and dockerd moves that tag to the new
# image, so one user can replace an image every user runs (here the shared
# test image; on a real host python:3, debian:12, a course image) with her
# own content, which then runs in other users' containers, as them, with
# their binds.  The gate must not let a build tag an image name that does
# not belong to the caller (or an image the caller did not build).
# shellcheck disable=SC2016 # $1 in sh -c scripts is meant for sh
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

home=$(dg_home dgalice)
before=$(dkroot image inspect -f '{{.Id}}' "$IMG")
as_user dgalice sh -c 'mkdir -p rtctx &&
	printf "FROM %s\nRUN echo trojan >/trojan\n" "$1" >rtctx/Dockerfile' sh "$IMG"

run_cmd as_user dgalice DOCKER_BUILDKIT=0 docker build -q -t "$IMG" "$home/rtctx"
after=$(dkroot image inspect -f '{{.Id}}' "$IMG")
check "alice's build -t $IMG does not retag the shared image (rc=$RC)" \
	[ "$before" = "$after" ]
run_cmd dk dgbob run --rm "$IMG" sh -c 'cat /trojan 2>/dev/null; true'
check "bob's run of $IMG does not run alice's content" lacks "$OUT" trojan

# Leave the world as it was for the next scripts.
if [ "$before" != "$after" ]; then
	dkroot rmi -f "$IMG" >/dev/null 2>&1
	dg_import_image
fi
dg_done
