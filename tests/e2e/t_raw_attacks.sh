#!/bin/bash
# Raw Engine API requests that a naive proxy lets through: each is refused
# (400 or 403) and nothing reaches dockerd.  Every refusal is JSON with a
# "docker-gate:" message, so the CLI can print it.
# (reference/engine-api.md §0, §3.3, §4)
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

V=/v1.41
img=$IMG

# attack LABEL METHOD PATH [BODY]: refused, with the denial format.
attack() {
	local label=$1
	shift
	raw dgalice "$@"
	if dg_status_in "400 403" "$label"; then
		expect_denial_format "$label"
	fi
}

# attack_bytes LABEL < request bytes: the same, for framing tricks curl
# cannot produce; the HTTP-level refusals (501 for an unknown transfer
# coding, 505 for another HTTP version) count too.
attack_bytes() {
	local label=$1
	raw_bytes dgalice
	if dg_status_in "400 403 411 431 501 505" "$label"; then
		expect_denial_format "$label"
	fi
}

before=$(dkroot ps -aq | wc -l)

# --- create bodies dockerd reads differently from a plain reading -----
attack "create: lower-case \"hostconfig\" with Privileged" \
	POST "$V/containers/create" \
	"{\"Image\":\"$img\",\"hostconfig\":{\"Privileged\":true}}"
attack "create: top-level Privileged (daemon <= 26 honours it)" \
	POST "$V/containers/create" "{\"Image\":\"$img\",\"Privileged\":true}"
attack "create: top-level Binds" \
	POST "$V/containers/create" "{\"Image\":\"$img\",\"Binds\":[\"/:/host\"]}"
attack "create: \"Hoſtconfig\" (U+017F folds to s)" \
	POST "$V/containers/create" \
	"{\"Image\":\"$img\",\"Hoſtconfig\":{\"Privileged\":true}}"
attack "create: \"Hostconfig\" spelled with a JSON escape" \
	POST "$V/containers/create" \
	"{\"Image\":\"$img\",\"Host\\u0043onfig\":{\"Privileged\":true}}"
attack "create: duplicate HostConfig keys (dockerd merges)" \
	POST "$V/containers/create" \
	"{\"Image\":\"$img\",\"HostConfig\":{},\"HostConfig\":{\"Privileged\":true}}"
attack "create: duplicate Privileged, null last (dockerd keeps true)" \
	POST "$V/containers/create" \
	"{\"Image\":\"$img\",\"HostConfig\":{\"Privileged\":true,\"Privileged\":null}}"
attack "create: HostConfig null + top-level Privileged" \
	POST "$V/containers/create" \
	"{\"Image\":\"$img\",\"HostConfig\":null,\"Privileged\":true}"
attack "create: Cmd as a bare string" \
	POST "$V/containers/create" "{\"Image\":\"$img\",\"Cmd\":\"sh\"}"
attack "create: CapAdd SYS_ADMIN" \
	POST "$V/containers/create" \
	"{\"Image\":\"$img\",\"HostConfig\":{\"CapAdd\":[\"SYS_ADMIN\"]}}"
attack "create: CapAdd bare string \"ſys_admin\"" \
	POST "$V/containers/create" \
	"{\"Image\":\"$img\",\"HostConfig\":{\"CapAdd\":\"ſys_admin\"}}"
attack "create: Binds /:/host" \
	POST "$V/containers/create" \
	"{\"Image\":\"$img\",\"HostConfig\":{\"Binds\":[\"/:/host\"]}}"
attack "create: PidMode host" \
	POST "$V/containers/create" \
	"{\"Image\":\"$img\",\"HostConfig\":{\"PidMode\":\"host\"}}"
attack "create: trailing data after the object" \
	POST "$V/containers/create" "{\"Image\":\"$img\"} {\"HostConfig\":{\"Privileged\":true}}"
attack "create: trailing garbage" \
	POST "$V/containers/create" "{\"Image\":\"$img\"}x"
attack "create: form body instead of JSON" \
	POST "$V/containers/create" "Image=$img"

after=$(dkroot ps -aq | wc -l)
check "no container was created by the attacks ($before -> $after)" \
	[ "$before" -eq "$after" ]

# --- one honest container, then tricks on it ---------------------------
raw dgalice POST "$V/containers/create" "{\"Image\":\"$img\",\"Cmd\":[\"sleep\",\"600\"]}"
id=$(printf '%s' "$RAW_BODY" | sed -n 's/.*"Id":"\([0-9a-f]\{64\}\)".*/\1/p')
check "a plain create is allowed (status $RAW_STATUS)" is_id "$id"
attack "start with a HostConfig body" \
	POST "$V/containers/$id/start" '{"Binds":["/:/host"],"Privileged":true}'
attack "start on API 1.23 with a HostConfig body" \
	POST "/v1.23/containers/$id/start" '{"Binds":["/:/host"],"Privileged":true}'
check "the container was not started" \
	[ "$(dkroot inspect -f '{{.State.Running}}' "$id")" = false ]
check "the container did not gain binds" \
	[ "$(dkroot inspect -f '{{.HostConfig.Binds}}' "$id")" = "[]" ]
RAW_ARGS=(-H 'Content-Type: application/x-www-form-urlencoded')
attack "rename with a form body overriding the query" \
	POST "$V/containers/$id/rename?name=dga-a" "name=dga-b"
RAW_ARGS=()
attack "exec with Privileged" \
	POST "$V/containers/$id/exec" '{"Cmd":["id"],"Privileged":true}'
attack "exec as root" \
	POST "$V/containers/$id/exec" '{"Cmd":["id"],"User":"0"}'
dg_rm_containers "$id"

# --- paths and versions --------------------------------------------------
attack "API version 1.23 (below the floor)" GET "/v1.23/containers/json"
attack "API version 1.12" GET "/v1.12/version"
attack "unversioned /containers/json" GET "/containers/json"
attack "%2F in the path" GET "$V/containers/x%2Fjson"
attack "dot segment in the path" GET "$V/containers/../info"
attack "/debug/vars" GET "/debug/vars"
attack "/debug/pprof/ (versioned)" GET "$V/debug/pprof/"
attack "POST /debug/vars" POST "/debug/vars"
RAW_ARGS=(-H 'Connection: Upgrade' -H 'Upgrade: h2c')
attack "/grpc (BuildKit tunnel)" POST "/grpc"
attack "/session (BuildKit tunnel)" POST "$V/session"
RAW_ARGS=()
attack "OPTIONS" OPTIONS "$V/containers/json"
attack "swarm init" POST "$V/swarm/init" '{"ListenAddr":"127.0.0.1:2377"}'
attack "plugin pull" POST "$V/plugins/pull?remote=x" '[]'

# --- framing -------------------------------------------------------------
body="{\"Image\":\"$img\",\"HostConfig\":{\"Privileged\":true}}"
printf 'POST %s/containers/create HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\n\r\n' \
	"$V" "${#body}" "$body" | attack_bytes "Transfer-Encoding and Content-Length"
printf 'POST %s/containers/create HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n' \
	"$V" | attack_bytes "Transfer-Encoding: gzip, chunked"
printf 'POST %s/containers/create HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}' \
	"$V" | attack_bytes "two different Content-Length"
printf 'POST %s/containers/create HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}' \
	"$V" | attack_bytes "two Content-Type headers"
printf 'GET %s/containers/json HTTP/1.1\nHost: x\n\n' "$V" |
	attack_bytes "bare LF line endings"
printf 'GET %s/containers/json HTTP/1.1\r\nHost: x\r\nX-Fold: a\r\n b\r\n\r\n' "$V" |
	attack_bytes "header folding (obs-fold)"
printf 'GET %s/containers/json HTTP/1.1\r\nHost : x\r\n\r\n' "$V" |
	attack_bytes "space before the colon"
printf 'GET http://x%s/containers/json HTTP/1.1\r\nHost: x\r\n\r\n' "$V" |
	attack_bytes "absolute-form target"
printf 'GET %s/containers/json HTTP/1.0\r\n\r\n' "$V" |
	attack_bytes "HTTP/1.0"
printf 'GET %s/containers/json#x HTTP/1.1\r\nHost: x\r\n\r\n' "$V" |
	attack_bytes "fragment in the target"

check "still no unexpected container" [ -z "$(dkroot ps -aq)" ]
dg_done
