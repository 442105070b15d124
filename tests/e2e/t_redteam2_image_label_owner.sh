#!/bin/bash
# Red team 2: the owner of a container is its io.docker-gate.owner label,
# and dockerd copies an image's labels into every container made from it
# unless the create sets the key.  The gate forces the key on
# /containers/create, but the classic builder makes its RUN/COPY
# containers itself, with the base image's labels.  Alice builds an image
# with `LABEL io.docker-gate.owner=dgalice` (a Dockerfile line, nothing the
# gate sees); when bob builds FROM it, his build containers are "alice's":
# she lists them, execs into them and copies his build context out.  Image
# labels must not make anyone an owner (refuse images or builds carrying
# io.docker-gate.* labels, or mark the gate's own creates with something
# an image cannot carry).
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
as_user dgalice sh -c 'mkdir -p rt2a && printf "FROM %s\nLABEL io.docker-gate.owner=dgalice\n" "$1" >rt2a/Dockerfile' sh "$IMG"
run_cmd as_user dgalice DOCKER_BUILDKIT=0 docker build -q -t dgalice/base:1 "$ahome/rt2a"
if [ "$RC" -ne 0 ]; then
	check "alice's build with an owner label is refused ($(printf '%s' "$ERR" | tail -n 1))" \
		contains "$ERR" "docker-gate"
	dg_done
fi
as_user dgbob sh -c 'mkdir -p rt2b && echo bobsecret >rt2b/secret &&
	printf "FROM dgalice/base:1\nCOPY secret /secret\nRUN sleep 20\n" >rt2b/Dockerfile'
as_user dgbob env DOCKER_BUILDKIT=0 docker build -q -t dgbob/app:1 "$bhome/rt2b" \
	>/dev/null 2>&1 &
build=$!
cid=
for _ in $(seq 30); do
	cid=$(dkroot ps -q --no-trunc --filter ancestor=dgalice/base:1 | head -n 1)
	[ -n "$cid" ] && break
	sleep 0.5
done
check "bob's build runs a RUN container" is_id "$cid"
run_cmd dk dgalice ps -q --no-trunc
check "alice's ps does not list bob's build container" lacks "$OUT" "$cid"
run_cmd dk dgalice exec "$cid" cat /secret
check "alice cannot exec into bob's build container" lacks "$OUT" bobsecret
run_cmd dk dgalice cp "$cid:/secret" "$ahome/stolen"
check "alice cannot copy files out of bob's build container" \
	[ ! -e "$ahome/stolen" ]
wait "$build"
dkroot rmi dgbob/app:1 dgalice/base:1 >/dev/null 2>&1
dg_done
