#!/bin/bash
# Red team 2, follow-up to t_redteam2_image_label_owner: a check that
# treats a container as nobody's while its image carries the owner label
# stops holding once the image is gone.  Bob builds FROM alice's labelled
# image and a RUN step fails: the classic builder leaves that stopped
# container behind (rm only after success), labelled "alice" through the
# image.  Alice then runs `docker rmi -f dgalice/base:1` (her own name;
# force deletes an image only stopped containers use), the image lookup
# answers 404, and bob's build container is hers: its output and files.
# shellcheck disable=SC2016 # $1 in sh -c scripts is meant for sh
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

policy_set users/dgalice.conf <<'EOF_POLICY'
build = true
EOF_POLICY
policy_set users/dgbob.conf <<'EOF_POLICY'
build = true
EOF_POLICY
ahome=$(dg_home dgalice)
bhome=$(dg_home dgbob)
as_user dgalice sh -c 'mkdir -p rt2c && printf "FROM %s\nLABEL io.docker-gate.owner=dgalice\n" "$1" >rt2c/Dockerfile' sh "$IMG"
run_cmd as_user dgalice DOCKER_BUILDKIT=0 docker build -q -t dgalice/base:1 "$ahome/rt2c"
if [ "$RC" -ne 0 ]; then
	check "alice's build with an owner label is refused ($(printf '%s' "$ERR" | tail -n 1))" \
		contains "$ERR" "docker-gate"
	dg_done
fi
as_user dgbob sh -c 'mkdir -p rt2d && printf "FROM dgalice/base:1\nRUN echo bobsecret >/s; echo bobsecret; false\n" >rt2d/Dockerfile'
run_cmd as_user dgbob env DOCKER_BUILDKIT=0 docker build "$bhome/rt2d"
cid=$(dkroot ps -aq --no-trunc --filter status=exited | head -n 1)
check "bob's failed build left its RUN container" is_id "$cid"
run_cmd dk dgalice rmi -f dgalice/base:1
printf '# alice rmi -f: rc=%s %s\n' "$RC" "$(printf '%s' "$ERR" | tail -n 1)"
run_cmd dk dgalice logs "$cid"
check "alice cannot read the output of bob's build container" \
	lacks "$OUT$ERR" bobsecret
run_cmd dk dgalice cp "$cid:/s" "$ahome/stolen"
check "alice cannot copy files out of bob's build container" \
	[ ! -e "$ahome/stolen" ]
dg_rm_containers "$cid"
dg_done
