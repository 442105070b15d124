#!/bin/bash
# `docker policy`: the docker CLI lists the plugin; each user sees their own
# effective policy with the file:line behind a setting, never another
# user's (not even with the administrator view, not with a query, a body or
# a header); the gate answers the route itself (dockerd has no such path),
# HEAD and keep-alive included; the plugin says plainly when the daemon is
# not behind docker-gate or the gate is down.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

plugin=$DG_CLI_PLUGINS/docker-policy
if [ ! -x "$plugin" ]; then
	dg_not_ok "docker-policy is staged" "missing $plugin (make all)"
	dg_done
fi

# The users' CLI finds the plugin through cliPluginsExtraDirs, as an
# installed one is found in /usr/local/lib/docker/cli-plugins.
cfg=$DG_RUN/tmp/docker-config
install -d -m 0755 "$cfg"
printf '{"cliPluginsExtraDirs":["%s"]}\n' "$DG_CLI_PLUGINS" >"$cfg/config.json"
chmod 0644 "$cfg/config.json"

# shellcheck disable=SC2317 # called through run_cmd
dp() {
	local u=$1
	shift
	as_user "$u" DOCKER_CONFIG="$cfg" docker "$@"
}

policy_set users/dgalice.conf <<'EOF_POLICY'
# alice may bind her home
bind_roots = {"~"}
EOF_POLICY
policy_set users/dgbob.conf <<'EOF_POLICY'
publish_random = true
EOF_POLICY
alice_file=$DG_ETC/users/dgalice.conf
bob_file=$DG_ETC/users/dgbob.conf

WHAT="alice: docker --help" \
	expect_out "Show what docker-gate allows you to do" dp dgalice --help
check "docker --help lists the policy command" \
	grep -Eq '^ +policy\*? +Show what docker-gate allows you to do' <<<"$OUT"

WHAT="alice: docker policy" \
	expect_out "docker-gate policy for dgalice (uid $(dg_uid dgalice)" \
	dp dgalice policy
check "alice's policy names her file and line ($alice_file:2)" \
	contains "$OUT" "bind mounts allowed under: $(dg_home dgalice) (from $alice_file:2)"
check "alice's policy says why ports are refused" \
	contains "$OUT" "published host ports allowed: none"
check "alice's policy is not bob's" lacks "$OUT" dgbob
printf '%s\n' "$OUT" | sed 's/^/# /'

WHAT="bob: docker policy" \
	expect_out "docker-gate policy for dgbob (uid $(dg_uid dgbob)" dp dgbob policy
check "bob's policy names his file and line ($bob_file:1)" \
	contains "$OUT" "$bob_file:1"
check "bob's policy is not alice's" lacks "$OUT" dgalice

WHAT="alice: docker policy --json" \
	expect_out "\"User\":\"dgalice\",\"Uid\":$(dg_uid dgalice),\"Policy\":" \
	dp dgalice policy --json
WHAT="alice: docker -H unix://GATE policy (global options reach the plugin)" \
	expect_out "policy for dgalice" dp dgalice -H "unix://$GATE_SOCK" policy

# Nothing the client sends selects another user.
expect_status 200 "GET /_docker-gate/policy" dgalice GET /_docker-gate/policy
check "the answer is application/json" test "$RAW_CTYPE" = application/json
check "the answer is alice's" contains "$RAW_BODY" '"User":"dgalice"'
expect_status 403 "a query parameter is refused" dgalice GET \
	"/_docker-gate/policy?user=dgbob"
expect_denial_format "policy?user="
expect_status 400 "a request body is refused" dgalice GET \
	/_docker-gate/policy '{"User":"dgbob"}'
expect_denial_format "policy with a body"
RAW_ARGS=(-H 'X-Docker-Gate-User: dgbob' -H 'X-Forwarded-User: dgbob')
expect_status 200 "identity headers are ignored" dgalice GET /_docker-gate/policy
RAW_ARGS=()
check "still alice's" contains "$RAW_BODY" '"User":"dgalice"'
expect_status 403 "POST is not a policy route" dgalice POST /v1.41/_docker-gate/policy ''
expect_status 200 "under a version prefix" dgalice GET /v1.41/_docker-gate/policy

# HEAD: the head only, and the connection stays usable.
out=$(as_user dgalice curl -sS -I --max-time 10 --unix-socket "$GATE_SOCK" \
	http://localhost/_docker-gate/policy | tr -d '\r')
check "HEAD /_docker-gate/policy -> 200" grep -q '^HTTP/1.1 200 OK$' <<<"$out"
check "HEAD announces application/json" \
	grep -qi '^content-type: application/json$' <<<"$out"
out=$(printf '%s\r\n' "HEAD /_docker-gate/policy HTTP/1.1" "Host: x" "" \
	"GET /_docker-gate/policy HTTP/1.1" "Host: x" "Connection: close" "" |
	as_user dgalice timeout 8 socat -t 5 - "UNIX-CONNECT:$GATE_SOCK" | tr -d '\r')
check "HEAD then GET on one connection: two answers" \
	test "$(grep -c '^HTTP/1.1 200 OK$' <<<"$out")" = 2
check "HEAD then GET on one connection: one body" \
	test "$(grep -o '"User":"dgalice"' <<<"$out" | wc -l)" = 1
len=$(awk -F': ' 'tolower($1) == "content-length" {print $2}' <<<"$out" | sort -u)
check "HEAD and GET announce the same Content-Length ($len)" \
	test "$(wc -l <<<"$len")" = 1

# The administrator view is about objects, not about reading others' policy.
policy_set users/dgbob.conf <<'EOF_POLICY'
admin_view = true
EOF_POLICY
WHAT="bob with admin_view: docker policy" \
	expect_out "policy for dgbob" dp dgbob policy
check "bob with admin_view still sees only his own policy" lacks "$OUT" dgalice

# fail closed: a policy the plugin cannot describe (its description is
# longer than the gate takes, POLICY_VIEW_TEXT_MAX) is a 500 that says so,
# never an empty 200.
long=$(printf 'x%.0s' $(seq 1 200))
{
	printf 'bind_roots = {'
	for i in $(seq 1 200); do
		printf '%s"/srv/%s/%s/%s/%d"' "${sep-}" "$long" "$long" "$long" "$i"
		sep=', '
	done
	printf '}\n'
} | policy_set users/dgbob.conf
WHAT="bob with a policy too long to describe: docker policy" \
	expect_fail_msg "docker-gate: the policy plugin could not describe your policy" \
	dp dgbob policy
check "exit status 1 when docker-gate answers an error" test "$RC" = 1
expect_status 500 "GET /_docker-gate/policy with a policy too long" dgbob GET \
	/_docker-gate/policy
expect_denial_format "policy too long to describe"
expect_status 200 "alice is not affected" dgalice GET /_docker-gate/policy

# The gate answers the route itself: dockerd has no such path.
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 \
	--unix-socket "$DOCKER_SOCK" http://localhost/_docker-gate/policy)
check "dockerd itself answers 404 for /_docker-gate/policy ($code)" test "$code" = 404
check "the gate audited the answer itself" \
	grep -q 'decision=allow user=dgalice .*route=/_docker-gate/policy' \
	"$DG_LOGS/gate.log"

# shellcheck disable=SC2317
root_plugin() {
	env -i HOME=/root PATH=/usr/bin:/bin LANG=C.UTF-8 \
		DOCKER_HOST="unix://$DOCKER_SOCK" "$plugin" policy
}
WHAT="docker-policy against dockerd directly" \
	expect_fail_msg "this docker daemon is not behind docker-gate" root_plugin
check "exit status 2 when the daemon is not behind docker-gate" test "$RC" = 2

# Without DOCKER_HOST the plugin finds the gate in the wrapper's config.
WHAT="alice: docker-policy without DOCKER_HOST" \
	expect_out "policy for dgalice" as_user dgalice "$plugin" policy
gate_stop
WHAT="alice: docker-policy with the gate stopped" \
	expect_fail_msg "docker-gate is not running" as_user dgalice "$plugin" policy
check "exit status 111 when the gate cannot be reached" test "$RC" = 111
gate_start
expect_out "policy for dgalice" dp dgalice policy

dg_done
