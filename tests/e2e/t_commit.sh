#!/bin/bash
# docker commit through the gate: alice commits her own container into
# her own namespace, and the image does not carry her owner label (so it
# runs, and containers made from it elsewhere are nobody's); a name
# outside her namespace is refused; bob cannot commit alice's container;
# --change lines that reach past themselves, ONBUILD and a Config body are
# refused.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

label() {
	dkroot image inspect -f '{{index .Config.Labels "io.docker-gate.owner"}}' "$1"
}

run_cmd dk dgalice run -d "$IMG" sh -c 'echo hello >/tmp/mark; sleep 600'
id=$(printf '%s\n' "$OUT" | tail -n 1)
check "alice runs a container (rc=$RC) $ERR" is_id "$id"
sleep 1

expect_ok dk dgalice commit -c 'ENV STAGE=1' "$id" dgalice/snap:1
check "the image is in alice's namespace" dkroot image inspect docker.io/dgalice/snap:1
check "its owner label is empty (was: '$(label dgalice/snap:1)')" [ -z "$(label dgalice/snap:1)" ]
expect_out hello dk dgalice run --rm dgalice/snap:1 cat /tmp/mark
expect_out STAGE=1 dk dgalice run --rm dgalice/snap:1 env
# a label change naming someone is overridden by the gate's last change
expect_ok dk dgalice commit -c 'LABEL io.docker-gate.owner=dgbob' "$id" dgalice/snap:2
check "the gate's empty owner label wins (was: '$(label dgalice/snap:2)')" [ -z "$(label dgalice/snap:2)" ]
expect_ok dk dgalice commit "$id"

# names outside her namespace
expect_denied "dgbob/snap" dk dgalice commit "$id" dgbob/snap:1
expect_denied "busybox" dk dgalice commit "$id" busybox:latest
check "no name was written" dg_gone dgbob/snap:1

# bob cannot commit alice's container, by name, ID or prefix
expect_fail_msg "No such container" dk dgbob commit "$id" dgbob/stolen:1
expect_fail_msg "No such container" dk dgbob commit "${id:0:12}" dgbob/stolen:1
check "bob got no image" dg_gone dgbob/stolen:1

# changes that could reach the next line, or steps for other builds
expect_denied "ONBUILD" dk dgalice commit -c 'ONBUILD RUN id' "$id" dgalice/snap:3
expect_denied "continuation" dk dgalice commit -c "ENV A=\\" "$id" dgalice/snap:3
expect_denied "only CMD" dk dgalice commit -c 'RUN id' "$id" dgalice/snap:3
# a Config body (the SDK's conf=) is refused; an empty one is fine
expect_status 403 "commit with a Config body" dgalice POST \
	"/v1.41/commit?container=$id&repo=dgalice/snap&tag=4" '{"User":"0"}'
expect_denial_format "commit with a Config body"
expect_status 201 "commit with an empty body" dgalice POST \
	"/v1.41/commit?container=$id&repo=dgalice/snap&tag=5" '{}'
expect_status 201 "commit with a null body (CLI 20.10 sends one)" dgalice \
	POST "/v1.41/commit?container=$id&repo=dgalice/snap&tag=6" 'null'
check "its owner label is empty too" [ -z "$(label dgalice/snap:6)" ]

dg_rm_containers "$id"
dg_done
