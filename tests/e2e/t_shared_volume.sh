#!/bin/bash
# Volumes an administrator shares (label io.docker-gate.shared=ro|rw, set
# on the docker socket directly): users may inspect and mount them, a
# read-only one is mounted read-only whatever the user asks, nobody may
# remove it through the gate, and users cannot set the label themselves.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

ro=dgshared-ro-$DG_ID
rw=dgshared-rw-$DG_ID
dkroot volume create --label io.docker-gate.shared=ro "$ro" >/dev/null
dkroot volume create --label io.docker-gate.shared=rw "$rw" >/dev/null
dkroot run --rm -v "$ro:/d" "$IMG" sh -c 'echo course >/d/notes; busybox chmod 0777 /d' ||
	dg_die "cannot fill $ro"
dkroot run --rm -v "$rw:/d" "$IMG" busybox chmod 0777 /d || dg_die "cannot prepare $rw"

# read-only: readable, not writable, also with :rw or --mount
expect_out course dk dgbob run --rm -v "$ro:/d" "$IMG" cat /d/notes
expect_fail_msg "Read-only file system" \
	dk dgbob run --rm -v "$ro:/d" "$IMG" sh -c 'echo x >/d/bob'
expect_fail_msg "Read-only file system" \
	dk dgbob run --rm -v "$ro:/d:rw" "$IMG" sh -c 'echo x >/d/bob'
expect_fail_msg "Read-only file system" \
	dk dgbob run --rm --mount "type=volume,src=$ro,dst=/d" "$IMG" \
	sh -c 'echo x >/d/bob'
check "nothing was written" fails dkroot run --rm -v "$ro:/d" "$IMG" test -e /d/bob
# an image's content is not copied into it either (nocopy): an image
# with files at /seed, mounted over by the (non-empty) shared volume
seed=local/seed:$DG_ID
sc=$(dkroot create "$IMG" sh -c 'mkdir /seed && echo img >/seed/imgfile')
dkroot start -a "$sc" >/dev/null && dkroot commit "$sc" "$seed" >/dev/null
dg_rm_containers "$sc"
empty=dgshared-empty-$DG_ID
dkroot volume create --label io.docker-gate.shared=ro "$empty" >/dev/null
expect_ok dk dgalice run --rm -v "$empty:/seed" "$seed" true
check "the image's /seed was not copied into the empty shared volume" \
	fails dkroot run --rm -v "$empty:/d" "$IMG" test -e /d/imgfile
# (control: without nocopy, even a read-only mount fills an empty volume)
ctl=dgshared-ctl-$DG_ID
dkroot run --rm -v "$ctl:/seed:ro" "$seed" true
check "(control) a plain read-only mount copies the image's files" \
	dkroot run --rm -v "$ctl:/d" "$IMG" test -e /d/imgfile
# the read-write one is writable by everyone
expect_ok dk dgbob run --rm -v "$rw:/d" "$IMG" sh -c 'echo hi >/d/bob'
expect_out hi dk dgalice run --rm -v "$rw:/d" "$IMG" cat /d/bob

# inspect yes, remove no (also with -f), prune leaves it
expect_out "$ro" dk dgbob volume inspect -f '{{.Name}}' "$ro"
expect_denied "docker volume rm $ro" dk dgbob volume rm "$ro"
expect_denied "docker volume rm $rw" dk dgalice volume rm -f "$rw"
expect_ok dk dgbob volume prune -f
check "the shared volumes survive" dkroot volume inspect "$ro" "$rw"
# the name cannot be taken over
expect_fail_msg "is taken" dk dgbob volume create "$ro"
# users cannot share volumes themselves
expect_fail_msg "is reserved for docker-gate" dk dgbob volume create --label io.docker-gate.shared=rw "dgmine-$DG_ID"
expect_fail_msg "is reserved for docker-gate" dk dgbob run --rm --mount "type=volume,src=dgmine-$DG_ID,dst=/d,volume-label=io.docker-gate.shared=rw" "$IMG" true
# an unknown value of the label shares nothing
odd=dgshared-odd-$DG_ID
dkroot volume create --label io.docker-gate.shared=yes "$odd" >/dev/null
expect_fail_msg "is taken" dk dgbob run --rm -v "$odd:/d" "$IMG" true

dkroot volume rm "$ro" "$rw" "$odd" "$empty" "$ctl" >/dev/null 2>&1
dg_done
