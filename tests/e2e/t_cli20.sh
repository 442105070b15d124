#!/bin/bash
# The distribution's docker CLI 20.10 (API 1.41 natively) works through the
# gate as well as CLI 28: run, stdin, exec, ps.
# shellcheck disable=SC2016 # $0/$1 in sh -c scripts are meant for sh
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

cli=/usr/bin/docker
if [ ! -x "$cli" ] || [ "$cli" -ef "$DG_REAL_DOCKER" ]; then
	echo "skip - no second docker CLI at $cli"
	exit 77
fi
host=unix://$GATE_SOCK
[ "$DG_MODE" = gate ] || host=unix://$DOCKER_SOCK

# shellcheck disable=SC2317 # called through run_cmd
c20() {
	as_user "$1" DOCKER_HOST="$host" "$cli" "${@:2}"
}

expect_out "20.10" c20 dgalice version --format '{{.Client.Version}}'
expect_out hello20 c20 dgalice run --rm "$IMG" echo hello20
WHAT="echo data20 | docker(20.10) run -i --rm IMG cat" \
	expect_out data20 as_user dgalice DOCKER_HOST="$host" sh -c \
	'echo data20 | "$0" run -i --rm "$1" cat' "$cli" "$IMG"
run_cmd c20 dgalice run -d "$IMG" sleep 600
id=$(printf '%s\n' "$OUT" | tail -n 1)
check "docker(20.10) run -d (rc=$RC) $ERR" is_id "$id"
expect_out in20 c20 dgalice exec "$id" echo in20
expect_out "${id:0:12}" c20 dgalice ps
expect_denied "-v /etc:/x" c20 dgalice run --rm -v /etc:/x "$IMG" true

dg_rm_containers "$id"
dg_done
