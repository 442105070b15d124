#!/bin/bash
# Red team: GET /containers/json with a "since" or "before" filter makes
# dockerd resolve a container reference (full ID, name or ID prefix) among
# all containers before the gate's owner filter applies: an existing
# container of another user answers 200, a missing one 500 "no such
# container".  That is an oracle for other users' container names and,
# prefix by prefix, their IDs (owner.h: a foreign object must answer
# exactly as a missing one).
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

name=dgb-rt-hidden-$DG_ID
bid=$(dk dgbob create --name "$name" "$IMG" true | tail -n 1)
check "bob has a named container" is_id "$bid"

enc() {
	printf '%%7B%%22%s%%22%%3A%%5B%%22%s%%22%%5D%%7D' "$1" "$2"
}
for key in since before; do
	for ref in "$name" "${bid:0:6}" "$bid"; do
		raw dgalice GET "/v1.41/containers/json?all=1&filters=$(enc "$key" "$ref")"
		foreign="$RAW_STATUS $RAW_BODY"
		raw dgalice GET "/v1.41/containers/json?all=1&filters=$(enc "$key" "dgb-rt-none-$DG_ID")"
		missing="$RAW_STATUS $RAW_BODY"
		check "filter $key=<bob's ${ref:0:16}> answers like a missing container" \
			[ "${foreign%% *}" = "${missing%% *}" ]
		check "filter $key=<bob's ${ref:0:16}> lists nothing of bob's" \
			lacks "$foreign" "$bid"
	done
done
dg_rm_containers "$bid"
dg_done
