#!/bin/bash
# Red team: dockerd knows a BuildKit session only by its ID, so a build
# naming another user's open session would read that user's files (and
# ask for their registry credentials) through it.  The gate lets a
# session or build ID be used only by the user who named it first.
# shellcheck disable=SC2016 # $1, $2 in sh -c scripts are meant for sh
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

for u in dgalice dgbob; do
	policy_set "users/$u.conf" <<-'EOF_POLICY'
		build = true
		buildkit = true
	EOF_POLICY
done

# alice opens a session and keeps it open for a few seconds.
sid=dgsession$$
as_user dgalice timeout 8 sh -c '(printf "POST /session HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: h2c\r\nX-Docker-Expose-Session-Uuid: %s\r\n\r\n" "$1"; sleep 6) |
	socat - "UNIX-CONNECT:$2" >/dev/null 2>&1' sh "$sid" "$GATE_SOCK" &
holder=$!
sleep 1.5

# bob names it in a build (and in a session of his own): refused.
expect_status 403 "dgbob's BuildKit build naming dgalice's session" dgbob \
	POST "/v1.41/build?version=2&remote=client-session&session=$sid&t=dgbob%2Fx%3A1"
check "the refusal says the session is another user's" \
	contains "$RAW_BODY" "session ID is in use by another user"
RAW_ARGS=(-H 'Connection: Upgrade' -H 'Upgrade: h2c'
	-H "X-Docker-Expose-Session-Uuid: $sid")
expect_status 403 "dgbob's POST /session with dgalice's session ID" dgbob \
	POST /session
RAW_ARGS=()
check "dgbob/x:1 was not built" dg_gone dgbob/x:1

# The same build ID cannot join another user's build either: alice's
# build, whose context is still uploading, holds it meanwhile.
bid=dgbuild$$
as_user dgalice timeout 8 sh -c '(printf "POST /v1.41/build?version=2&buildid=%s&t=dgalice%%2Fx%%3A1 HTTP/1.1
Host: x
Transfer-Encoding: chunked
Content-Type: application/x-tar

" "$1"; sleep 6) |
	socat - "UNIX-CONNECT:$2" >/dev/null 2>&1' sh "$bid" "$GATE_SOCK" &
builder=$!
sleep 1.5
expect_status 403 "dgbob's build naming dgalice's build ID" dgbob \
	POST "/v1.41/build?version=2&remote=client-session&buildid=$bid&t=dgbob%2Fy%3A1"
check "the refusal says the build ID is another user's" \
	contains "$RAW_BODY" "build ID is in use by another user"

wait "$holder" "$builder" 2>/dev/null
dg_done
