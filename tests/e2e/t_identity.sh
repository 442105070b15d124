#!/bin/bash
# Who the caller is comes from the kernel only: headers that name another
# user change nothing, the owner label is always the caller's, whatever
# the request or the image says.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

owner() {
	dkroot inspect -f '{{index .Config.Labels "io.docker-gate.owner"}}' "$1"
}

# A raw create with every identity-looking header pointing at bob.
RAW_ARGS=(-H 'X-Forwarded-User: dgbob' -H 'X-Remote-User: dgbob'
	-H 'Remote-User: dgbob' -H 'User: root' -H 'X-Docker-Gate-User: dgbob'
	-H 'X-Forwarded-For: 127.0.0.1' -H 'Authorization: Basic ZGdib2I6eA==')
raw dgalice POST /v1.41/containers/create \
	"{\"Image\":\"$IMG\",\"Cmd\":[\"sleep\",\"600\"]}"
RAW_ARGS=()
id=$(printf '%s' "$RAW_BODY" | sed -n 's/.*"Id":"\([0-9a-f]\{64\}\)".*/\1/p')
check "create with spoofed identity headers succeeds as alice (status $RAW_STATUS)" is_id "$id"
check "owner label is dgalice ('$(owner "$id")')" [ "$(owner "$id")" = dgalice ]
run_cmd dk dgalice ps -aq --no-trunc
check "alice's ps -a lists it" contains "$OUT" "$id"
run_cmd dk dgbob ps -aq --no-trunc
check "bob's ps -a does not list it" lacks "$OUT" "$id"

# A client-set owner label is overwritten or refused, never kept.
run_cmd dk dgalice run -d --label io.docker-gate.owner=dgbob "$IMG" sleep 600
lid=$(printf '%s\n' "$OUT" | tail -n 1)
if is_id "$lid"; then
	check "--label io.docker-gate.owner=dgbob is overwritten ('$(owner "$lid")')" \
		[ "$(owner "$lid")" = dgalice ]
else
	check "--label io.docker-gate.owner=dgbob is refused by the gate" \
		contains "$ERR" "docker-gate:"
fi

# An owner label baked into an image is not inherited.
printf 'FROM %s\nLABEL io.docker-gate.owner=dgbob\n' "$IMG" |
	DOCKER_BUILDKIT=0 dkroot build -q -t local/busybox:labelled - >/dev/null 2>&1
run_cmd dk dgalice run -d local/busybox:labelled sleep 600
iid=$(printf '%s\n' "$OUT" | tail -n 1)
if is_id "$iid"; then
	check "an image's owner label is not inherited ('$(owner "$iid")')" \
		[ "$(owner "$iid")" = dgalice ]
else
	check "an image carrying an owner label is refused by the gate" \
		contains "$ERR" "docker-gate:"
fi

dg_rm_containers "$id" "$lid" "$iid"
dg_done
