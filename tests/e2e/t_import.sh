#!/bin/bash
# docker import: refused by default (policy key import); with the key,
# allowed into the user's own namespace only; fromSrc naming a URL (the
# daemon would fetch it) is always refused; the imported image carries no
# owner label.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

home=$(dg_home dgalice)
as_user dgalice sh -c 'mkdir -p imp/etc && echo imported >imp/etc/mark &&
	tar -C imp -cf imp.tar .'
check "alice made a tar" [ -s "$home/imp.tar" ]

expect_denied "docker import" dk dgalice import imp.tar dgalice/imp:1
check "nothing was imported" dg_gone dgalice/imp:1

policy_set users/dgalice.conf <<'EOF_POLICY'
import = true
EOF_POLICY
expect_ok dk dgalice import -c 'ENV FROM=tar' imp.tar dgalice/imp:1
check "the image is there" dkroot image inspect docker.io/dgalice/imp:1
check "its owner label is empty" [ -z "$(dkroot image inspect -f '{{index .Config.Labels "io.docker-gate.owner"}}' dgalice/imp:1)" ]
expect_denied "dgbob/imp" dk dgalice import imp.tar dgbob/imp:1
expect_denied "busybox" dk dgalice import imp.tar busybox:latest
expect_denied "ONBUILD" dk dgalice import -c 'ONBUILD RUN id' imp.tar dgalice/imp:2
# bob has no import key
run_cmd as_user dgbob sh -c 'mkdir -p i && tar -C i -cf i.tar . && docker import i.tar dgbob/x:1'
check "bob is refused without the key (rc=$RC) $ERR" contains "$ERR" "docker import is refused"

# fromSrc other than "-": the daemon would download it (SSRF)
expect_status 403 "import from a URL" dgalice POST \
	"/v1.41/images/create?fromSrc=http%3A%2F%2F127.0.0.1%3A1%2Fx.tar&repo=dgalice/url"
expect_denial_format "import from a URL"
expect_status 403 "import from a host:port" dgalice POST \
	"/v1.41/images/create?fromSrc=127.0.0.1:1&repo=dgalice/url"
check "no URL import happened" dg_gone dgalice/url
# a pull does not take a body (it would reach dockerd unparsed)
run_cmd as_user dgalice curl -s --max-time 10 --unix-socket "$GATE_SOCK" \
	-H 'Content-Type: text/plain' --data-binary x \
	"http://localhost/v1.41/images/create?fromImage=dgalice%2Fnone&tag=1"
check "a pull with a body is refused: $OUT" contains "$OUT" "docker pull takes no request body"

dg_done
