#!/bin/bash
# docker push: refused by default (policy key push); with the key, only
# names in the user's own namespace pass the gate (here the push then
# fails in dockerd, which has no registry to reach: that error is
# dockerd's, not the gate's).
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

# a local registry port nobody listens on
reg=localhost:$((DG_PORT_BASE + 90))
expect_ok dk dgalice tag "$IMG" "$reg/dgalice/app:1"
expect_ok dk dgalice tag "$IMG" dgalice/app:1

expect_denied "docker push" dk dgalice push "$reg/dgalice/app:1"
expect_denied "docker push" dk dgalice push dgalice/app:1

policy_set users/dgalice.conf <<'EOF_POLICY'
push = true
EOF_POLICY
# outside her namespace: refused by the gate, whatever the key says
expect_denied "docker push of $IMG" dk dgalice push "$IMG"
expect_denied "docker push of dgbob/app:1" dk dgalice push dgbob/app:1
expect_denied "docker push of busybox:latest" dk dgalice push busybox
# inside it: the gate lets it through to dockerd
run_cmd dk dgalice push "$reg/dgalice/app:1"
check "alice's push reaches dockerd (rc=$RC)" [ "$RC" -ne 0 ]
check "the error is dockerd's: $ERR" lacks "$ERR" "docker-gate:"
check "it tried the registry: $ERR" contains "$ERR" "$reg"
# her registry credentials reach the registry: a stand-in that asks for
# basic auth and logs what it gets (the CLI sends X-Registry-Auth from
# her config file, dockerd turns it into an Authorization header)
port=${reg#localhost:}
seen=$DG_RUN/tmp/registry-auth.$DG_ID
/usr/bin/python3 - "$port" "$seen" <<'EOF_PY' &
import http.server, sys
port, seen = int(sys.argv[1]), sys.argv[2]
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        with open(seen, "a") as f:
            f.write("%s %s\n" % (self.path, self.headers.get("Authorization")))
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="dg"')
        self.send_header("Content-Length", "0")
        self.end_headers()
    do_HEAD = do_POST = do_GET
    def log_message(self, *a):
        pass
http.server.HTTPServer(("127.0.0.1", port), H).serve_forever()
EOF_PY
regpid=$!
as_user dgalice sh -c "mkdir -p .docker && printf '{\"auths\":{\"%s\":{\"auth\":\"%s\"}}}' \
	'$reg' \"\$(printf dgalice:s3cret | base64)\" >.docker/config.json"
DG_WAIT=5 dg_wait_for curl -s -o /dev/null "http://$reg/v2/"
run_cmd dk dgalice push "$reg/dgalice/app:1"
kill "$regpid" 2>/dev/null
wait "$regpid" 2>/dev/null
check "the registry got alice's credentials: $(tail -n 2 "$seen" 2>/dev/null)" \
	grep -q "Basic $(printf dgalice:s3cret | base64)" "$seen"
# raw: every tag of her repository, and the registry credentials header
RAW_ARGS=(-H 'X-Registry-Auth: e30=')
raw dgalice POST "/v1.41/images/$reg/dgalice/app/push"
RAW_ARGS=()
check "push of all tags passes the gate ($RAW_STATUS)" lacks "$RAW_BODY" "docker-gate:"
# bob has no key
expect_denied "docker push" dk dgbob push "$reg/dgalice/app:1"

dkroot rmi "$reg/dgalice/app:1" dgalice/app:1 >/dev/null 2>&1
dg_done
