#!/bin/bash
# The audit trail: every decision is exactly one line in the gate's log
# (stderr in the harness, which mirrors what goes to syslog) with
# decision=allow|deny user= uid= pid= method= route= rule= reason=, the
# pid being the client process the kernel reports; a refused -v names the
# policy file and line; registry credentials (X-Registry-Auth and
# X-Registry-Config values) never appear in the log, in any form.
# shellcheck disable=SC2016 # $$ and "$@" in sh -c scripts are meant for sh
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

LOG=$DG_LOGS/gate.log
V=/v1.41
mark=$(wc -l <"$LOG")
alice_uid=$(dg_uid dgalice)

# The log since this test started.
log_since() {
	tail -n +"$((mark + 1))" "$LOG"
}

# req USER CURL-ARGS... : requests with curl as USER; prints the curl
# process's pid on the first line, then one HTTP status per request.
req() {
	local u=$1
	shift
	as_user "$u" sh -c 'echo $$; exec curl -s -o /dev/null \
		-w "%{http_code}\n" --max-time 10 --path-as-is "$@"' sh \
		--unix-socket "$GATE_SOCK" "$@"
}

# lines_of PID: the decision lines of that client process.
lines_of() {
	log_since | grep -E "decision=[a-z]+ .* pid=$1 "
}

# one_line DESC PID REGEX: exactly one decision line for PID, matching.
one_line() {
	local d=$1 pid=$2 re=$3 lines n
	sleep 0.2 # the line is written before the answer; be safe anyway
	lines=$(lines_of "$pid")
	n=$(printf '%s' "$lines" | grep -c .)
	if [ "$n" -eq 1 ] && printf '%s\n' "$lines" | grep -qE "$re"; then
		dg_ok "$d: one line"
		LINE=$lines
	else
		dg_not_ok "$d: expected exactly one line matching $re" \
			"got $n:" "$lines"
		LINE=
	fi
}

FIELDS='^[^ ]+ docker-gated: decision=(allow|deny) user=[^ ]+ uid=[0-9]+ pid=[0-9]+ method=(-|[A-Z]+) route=[^ ]+ object="([^"\\]|\\.)*" rule="([^"\\]|\\.)*" reason="([^"\\]|\\.)*"$'

# --- an allowed request ------------------------------------------------------
out=$(req dgalice "http://localhost$V/containers/json")
pid=$(head -n 1 <<<"$out")
check "GET /containers/json answered 200 ($(tail -n 1 <<<"$out"))" \
	[ "$(tail -n 1 <<<"$out")" = 200 ]
one_line "allowed GET /containers/json" "$pid" \
	"decision=allow user=dgalice uid=$alice_uid pid=$pid method=GET route=/containers/json "
echo "# $LINE"
check "the allow line has every field" grep -qE "$FIELDS" <<<"$LINE"

# Three requests on one connection: three lines, same pid.
out=$(req dgalice "http://localhost$V/version" "http://localhost$V/info" \
	"http://localhost/_ping")
pid=$(head -n 1 <<<"$out")
sleep 0.2
check "three requests on one connection give three lines ($(lines_of "$pid" | wc -l))" \
	[ "$(lines_of "$pid" | wc -l)" -eq 3 ]

# --- a refused -v names the policy file and line ----------------------------
bind_line=$(grep -n '^bind_roots' "$DG_ETC/default.conf" | cut -d: -f1)
check "default.conf sets bind_roots (line $bind_line)" [ -n "$bind_line" ]
out=$(req dgalice -X POST -H 'Content-Type: application/json' \
	--data-binary "{\"Image\":\"$IMG\",\"HostConfig\":{\"Binds\":[\"/etc:/x\"]}}" \
	"http://localhost$V/containers/create")
pid=$(head -n 1 <<<"$out")
check "create with Binds /etc:/x refused ($(tail -n 1 <<<"$out"))" \
	[ "$(tail -n 1 <<<"$out")" = 403 ]
one_line "refused bind" "$pid" \
	"decision=deny user=dgalice uid=$alice_uid pid=$pid method=POST route=/containers/create .*rule=\"[^\"]*default\\.conf:$bind_line\""
echo "# $LINE"
check "the deny line has every field" grep -qE "$FIELDS" <<<"$LINE"
check "the deny line's reason names the path" contains "$LINE" "/etc"

# The same through the CLI.
n0=$(log_since | grep -c 'decision=deny .*route=/containers/create')
expect_denied "-v /etc:/x" dk dgalice run --rm -v /etc:/x "$IMG" true
sleep 0.2
check "docker run -v /etc:/x logged one deny on /containers/create" \
	[ "$(log_since | grep -c 'decision=deny .*route=/containers/create')" -eq $((n0 + 1)) ]
check "... with user=dgalice and the rule default.conf:$bind_line" \
	grep -qE "decision=deny user=dgalice uid=$alice_uid .*route=/containers/create .*default\\.conf:$bind_line" \
	<(log_since | grep 'decision=deny .*route=/containers/create' | tail -n 1)

# --- refusals the gate makes itself -----------------------------------------
out=$(req dgalice "http://localhost/debug/vars")
pid=$(head -n 1 <<<"$out")
one_line "refused route /debug/vars ($(tail -n 1 <<<"$out"))" "$pid" \
	"decision=deny user=dgalice uid=$alice_uid pid=$pid method=GET .*rule=\"built-in\""
check "the built-in deny line has every field" grep -qE "$FIELDS" <<<"$LINE"
out=$(req dgalice -X POST -H 'Content-Type: application/json' \
	--data-binary '{"Cmd":["id"],"Privileged":true}' \
	"http://localhost$V/containers/nosuchthing/exec")
pid=$(head -n 1 <<<"$out")
one_line "exec on a missing container ($(tail -n 1 <<<"$out"))" "$pid" \
	"decision=deny user=dgalice uid=$alice_uid pid=$pid method=POST route=/containers/\\{[a-z]*\\}/exec "
# A request the HTTP parser refuses (bare LF) is a refusal too.
pid=$(printf 'GET %s/containers/json HTTP/1.1\nHost: x\n\n' "$V" |
	as_user dgalice sh -c 'echo $$ >&2; exec socat -t 2 - "UNIX-CONNECT:$1" >/dev/null' \
		sh "$GATE_SOCK" 2>&1 | head -n 1)
one_line "malformed request (bare LF)" "$pid" \
	"decision=deny user=dgalice uid=$alice_uid pid=$pid "
# So is a JSON body over the gate's limit (CANON_MAX_BODY, 1 MiB): 413.
pid=$(printf 'POST %s/containers/create HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n\r\n{' "$V" |
	as_user dgalice sh -c 'echo $$ >&2; exec socat -t 2 - "UNIX-CONNECT:$1" >/dev/null' \
		sh "$GATE_SOCK" 2>&1 | head -n 1)
one_line "JSON body over the limit (413)" "$pid" \
	"decision=deny user=dgalice uid=$alice_uid pid=$pid method=POST route=/containers/create "

# --- registry credentials never reach the log --------------------------------
token=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
secret="pw-$token"
auth=$(printf '{"username":"dgalice","password":"%s","serveraddress":"127.0.0.1:9"}' \
	"$secret" | base64 -w0 | tr '+/' '-_')
cfg=$(printf '{"127.0.0.1:9":{"username":"dgalice","password":"%s"}}' "$secret" |
	base64 -w0)
# Pull (where dockerd reads the header) from a registry that is not
# there: 127.0.0.1:9 refuses at once, nothing leaves the host.
out=$(req dgalice -X POST -H "X-Registry-Auth: $auth" \
	"http://localhost$V/images/create?fromImage=127.0.0.1:9/dg-nothing&tag=latest")
pid=$(head -n 1 <<<"$out")
one_line "pull with X-Registry-Auth ($(tail -n 1 <<<"$out"))" "$pid" \
	"pid=$pid method=POST route=/images/create "
# The header on routes that do not take it, allowed and refused.
req dgalice -H "X-Registry-Auth: $auth" "http://localhost$V/containers/json" >/dev/null
req dgalice -X POST -H "X-Registry-Auth: $auth" -H 'Content-Type: application/json' \
	--data-binary '{"Image":"x","HostConfig":{"Privileged":true}}' \
	"http://localhost$V/containers/create" >/dev/null
req dgalice -X POST -H "X-Registry-Config: $cfg" -H 'Content-Type: application/x-tar' \
	--data-binary '' "http://localhost$V/build?t=dg-nothing" >/dev/null
# The CLI: credentials from the user's config file.
home=$(dg_home dgalice)
install -d -o dgalice -m 0700 "$home/.docker"
printf '{"auths":{"127.0.0.1:9":{"auth":"%s"}}}\n' \
	"$(printf 'dgalice:%s' "$secret" | base64 -w0)" >"$home/.docker/config.json"
chown dgalice: "$home/.docker/config.json"
run_cmd dk dgalice pull 127.0.0.1:9/dg-nothing:latest
check "docker pull from the missing registry fails (rc $RC)" [ "$RC" -ne 0 ]
rm -rf "$home/.docker"
sleep 0.2
leaked=$(log_since | grep -F -e "$token" -e "$auth" -e "$cfg" \
	-e "$(printf 'dgalice:%s' "$secret" | base64 -w0)" | head -n 3)
check "no credential, encoded or not, is in the log" [ -z "$leaked" ]
[ -z "$leaked" ] || printf '    %s\n' "$leaked"
check "the log has no X-Registry header names either" \
	fails grep -qi 'x-registry' <(log_since)

# --- every decision line of this test is well-formed -------------------------
total=$(log_since | grep -c 'decision=')
good=$(log_since | grep -cE "$FIELDS")
check "all $total decision lines have every field ($good well-formed)" \
	[ "$total" -eq "$good" ]
log_since | grep 'decision=' | grep -vE "$FIELDS" | head -n 5 | sed 's/^/    bad: /'
dg_done
