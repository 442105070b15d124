#!/bin/bash
# The images key: docker run and docker pull only with images the policy
# lists.  A create is decided on the image dockerd resolves the reference
# to (by name, full ID, short ID, or a name that shadows a short ID) and
# forwarded by that image's full ID; a pull is decided before dockerd
# touches the network; an image that is not here is judged by its name and
# then pulled through the same list.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

# A pull dockerd tried and failed (the registry 127.0.0.1:9 is absent),
# not one the gate refused.
# shellcheck disable=SC2317
reached_dockerd() {
	[ "$RC" -ne 0 ] && lacks "$ERR" "docker-gate:" &&
		contains "$ERR" "127.0.0.1:9"
}

# shellcheck disable=SC2317
two_images() {
	[ -n "$ok_id" ] && [ -n "$bad_id" ] && [ "$ok_id" != "$bad_id" ]
}

# Two images: the harness image, also tagged as an official name, and
# another one (a commit of it, so another ID) under a foreign registry.
dkroot tag "$IMG" debian:12
# Untagged again on the way out: the harness cleans up by image ID, and
# this one is the harness image.
trap 'dkroot rmi debian:12 >/dev/null 2>&1' EXIT
cid=$(dkroot create "$IMG" true)
dkroot commit --change 'LABEL dg.test=other' "$cid" quay.io/other/tool:1 \
	>/dev/null
dg_rm_containers "$cid"
ok_id=$(dkroot image inspect -f '{{.Id}}' debian:12)
bad_id=$(dkroot image inspect -f '{{.Id}}' quay.io/other/tool:1)
check "two images with different IDs ($ok_id, $bad_id)" two_images
ok_hex=${ok_id#sha256:}
bad_hex=${bad_id#sha256:}

policy_set users/dgalice.conf <<'EOF_POLICY'
build = true
images = { "docker.io/library/debian:*", "127.0.0.1:9/*" }
EOF_POLICY
allowed="allowed: docker.io/library/debian:*, 127.0.0.1:9/*"
refusal="is not allowed by your policy; $allowed"

# By name.
expect_out ok dk dgalice run --rm debian:12 echo ok
expect_fail_msg "docker-gate: image quay.io/other/tool:1 $refusal" \
	dk dgalice run --rm quay.io/other/tool:1 true
check "a refused run does not try to pull (stderr: $ERR)" \
	lacks "$ERR" "Unable to find image"
# Another name of an allowed image is the same image.
expect_out ok dk dgalice run --rm "$IMG" echo ok
# Users without an images list run anything, and keep the name they gave
# (docker ps shows it): nothing to pin when any image may run.
expect_out ok dk dgbob run --rm quay.io/other/tool:1 echo ok
run_cmd dk dgbob create quay.io/other/tool:1 true
c=$(tail -n 1 <<<"$OUT")
check "bob's Config.Image is the name he gave ($ERR)" \
	[ "$(dkroot inspect -f '{{.Config.Image}}' "$c")" = quay.io/other/tool:1 ]
dg_rm_containers "$c"

# By full ID and by short ID.
expect_out ok dk dgalice run --rm "$ok_id" echo ok
expect_out ok dk dgalice run --rm "${ok_hex:0:12}" echo ok
expect_fail_msg "docker-gate: image ${bad_hex:0:12} (quay.io/other/tool:1) $refusal" \
	dk dgalice run --rm "$bad_id" true
expect_fail_msg "docker-gate: image ${bad_hex:0:12}" \
	dk dgalice run --rm "${bad_hex:0:12}" true

# A name that shadows a short ID: dockerd tries the name first, and so
# does the decision.  The other image named like the allowed one's short
# ID is refused; the allowed image named like the other's runs.
short_ok=${ok_hex:0:10}
short_bad=${bad_hex:0:10}
dkroot tag quay.io/other/tool:1 "$short_ok"
dkroot tag debian:12 "$short_bad"
expect_fail_msg "docker-gate: image docker.io/library/$short_ok:latest $refusal" \
	dk dgalice run --rm "$short_ok" true
run_cmd dk dgalice create "$short_bad" true
c=$(tail -n 1 <<<"$OUT")
check "a create by the shadowing name $short_bad succeeds ($ERR)" is_id "$c"
check "it runs the image the name resolves to" \
	[ "$(dkroot inspect -f '{{.Image}}' "$c")" = "$ok_id" ]
# The gate forwarded the resolved ID, not the name it was given.
check "Config.Image is the full image ID" \
	[ "$(dkroot inspect -f '{{.Config.Image}}' "$c")" = "$ok_id" ]
dg_rm_containers "$c"
dkroot rmi "$short_ok" "$short_bad" >/dev/null

# Digests: "sha256:<hex>" pins one image by content (here its ID; images
# pulled from a registry also match their manifest digest).
policy_set users/dgalice.conf <<EOF_POLICY
images = { "$bad_id", "127.0.0.1:9/x@sha256:$ok_hex" }
EOF_POLICY
expect_out ok dk dgalice run --rm quay.io/other/tool:1 echo ok
expect_fail_msg "docker-gate: image docker.io/library/debian:12 is not allowed" \
	dk dgalice run --rm debian:12 true

# Pulls: refused by the gate before dockerd would use the network ...
expect_fail_msg "docker-gate: image docker.io/library/alpine:3 is not allowed" \
	dk dgalice pull alpine:3
other_hex=$(printf 'e%.0s' $(seq 64))
expect_fail_msg "docker-gate: image 127.0.0.1:9/x@sha256:$other_hex is not" \
	dk dgalice pull "127.0.0.1:9/x@sha256:$other_hex"
expect_fail_msg "docker-gate: image 127.0.0.1:9/x:1 is not allowed" \
	dk dgalice pull 127.0.0.1:9/x:1
# ... and an allowed one is forwarded: dockerd then fails to reach the
# (absent) registry, with its own error.
run_cmd dk dgalice pull "127.0.0.1:9/x@sha256:$ok_hex"
check "an allowed pull by digest reaches dockerd (rc $RC, stderr: $ERR)" \
	reached_dockerd

policy_set users/dgalice.conf <<'EOF_POLICY'
build = true
images = { "docker.io/library/debian:*", "127.0.0.1:9/*" }
EOF_POLICY
run_cmd dk dgalice pull 127.0.0.1:9/dg-nothing:1
check "an allowed pull by tag reaches dockerd (rc $RC, stderr: $ERR)" \
	reached_dockerd
expect_fail_msg "--all-tags" dk dgalice pull -a debian

# docker run of an allowed image that is not here: "No such image" from
# the gate, then the CLI's pull, judged and forwarded.
run_cmd dk dgalice run --rm 127.0.0.1:9/dg-nothing:1 true
check "run pulls an allowed missing image (rc $RC, stderr: $ERR)" \
	reached_dockerd
check "... after the CLI's own lookup failed" \
	contains "$ERR" "Unable to find image"

# Builds: the builder pulls FROM images itself; refused under a list.
as_user dgalice sh -c 'mkdir -p ctx && echo "FROM debian:12" >ctx/Dockerfile'
expect_fail_msg "the builder pulls and runs the FROM images itself" \
	as_user dgalice env DOCKER_BUILDKIT=0 docker build -t dgalice/x:1 \
	"$(dg_home dgalice)/ctx"

# docker policy shows the list (the CLI finds the plugin through
# cliPluginsExtraDirs, as in t_docker_policy).
cfg=$DG_RUN/tmp/docker-config-images
install -d -m 0755 "$cfg"
printf '{"cliPluginsExtraDirs":["%s"]}\n' "$DG_CLI_PLUGINS" >"$cfg/config.json"
chmod 0644 "$cfg/config.json"
WHAT="dgalice: docker policy" expect_out \
	"images you may run and pull: docker.io/library/debian:*, 127.0.0.1:9/*" \
	as_user dgalice DOCKER_CONFIG="$cfg" docker policy

# The shipped class policy: official images and the course registry.
rm -f "$DG_ETC/users/dgalice.conf"
class_join dgbob
check "the class policy loads" policy_set "groups/$DG_CLASS.conf" \
	<"$DG_SRC/policies/groups/students.conf"
expect_out ok dk dgbob run --rm debian:12 echo ok
expect_fail_msg "docker-gate: image quay.io/other/tool:1 is not allowed by your policy; allowed: docker.io/library/*, registry.example.edu/course/*" \
	dk dgbob run --rm quay.io/other/tool:1 true
expect_fail_msg "docker-gate: image quay.io/other/tool:2 is not allowed" \
	dk dgbob pull quay.io/other/tool:2
class_leave dgbob
rm -f "$DG_ETC/groups/$DG_CLASS.conf"
gate_reload

dg_done
