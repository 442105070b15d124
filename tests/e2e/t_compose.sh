#!/bin/bash
# Debian's docker-compose through the gate: `up` of a two-service project
# (a web server publishing a port the policy allows, a client that reaches
# it by service name on the project network) and `down` work for a user
# whose policy allows networks of their own; a project publishing a port
# the policy refuses fails with the gate's readable message and leaves
# nothing running; bob sees none of alice's project.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

if ! command -v docker-compose >/dev/null; then
	echo "# docker-compose is not installed: skipped"
	exit 0
fi

p=$DG_PORT_BASE
policy_set users/dgalice.conf <<EOF_POLICY
networks = {"bridge", "user"}
ports = {"127.0.0.1:$p-$((p + 9))"}
EOF_POLICY

proj=$DG_RUN/tmp/dgaproj$DG_ID
install -d -m 0755 "$proj"
cat >"$proj/docker-compose.yml" <<EOF_YML
version: "3.7"
services:
  web:
    image: $IMG
    command: ["httpd", "-f", "-p", "8080", "-h", "/etc"]
    ports:
      - "127.0.0.1:$p:8080"
  client:
    image: $IMG
    command: ["sh", "-c", "for i in 1 2 3 4 5 6 7 8 9 10; do wget -q -O- http://web:8080/passwd && break; sleep 1; done; sleep 600"]
    depends_on: [web]
EOF_YML
cat >"$proj/refused.yml" <<EOF_YML
version: "3.7"
services:
  web:
    image: $IMG
    command: ["sleep", "600"]
    ports:
      - "0.0.0.0:$((p + 10)):8080"
EOF_YML
chmod 0644 "$proj"/*.yml

# shellcheck disable=SC2317 # called through run_cmd
compose() { # compose USER ARGS...: docker-compose in the project directory
	local u=$1
	shift
	# shellcheck disable=SC2016 # expanded by the inner sh
	as_user "$u" env DOCKER_HOST="unix://$GATE_SOCK" \
		sh -c 'cd "$1" && shift && exec docker-compose "$@"' sh "$proj" "$@"
}

expect_ok compose dgalice -p dgaproj up -d
dg_net_forward dgaproj_default
expect_out "dgaproj_default" dkroot network ls --filter \
	label=io.docker-gate.owner=dgalice
expect_out "dgalice" dkroot inspect -f \
	'{{index .Config.Labels "io.docker-gate.owner"}}' dgaproj_web_1
# The port answers on loopback, and the client found web by name.
check "web answers on 127.0.0.1:$p" dg_wait_for \
	sh -c "curl -s --max-time 2 http://127.0.0.1:$p/passwd | grep -q root"
check "client reached web by service name" dg_wait_for \
	sh -c "$DG_REAL_DOCKER -H unix://$DOCKER_SOCK logs dgaproj_client_1 2>&1 | grep -q root:x:0"
expect_out "dgaproj_web_1" compose dgalice -p dgaproj ps
run_cmd dk dgbob ps -a
check "bob sees none of alice's project" lacks "$OUT" dgaproj
expect_ok compose dgalice -p dgaproj down
check "down removed the containers" dg_gone dgaproj_web_1
check "down removed the network" fails dkroot network inspect dgaproj_default

# A port outside her policy: the gate's message, nothing left running.
expect_fail_msg "docker-gate: -p 0.0.0.0:$((p + 10)):8080" \
	compose dgalice -p dgarefused -f refused.yml up -d
run_cmd dkroot ps -q --filter label=com.docker.compose.project=dgarefused
check "nothing of the refused project runs" [ -z "$OUT" ]
compose dgalice -p dgarefused -f refused.yml down >/dev/null 2>&1
# Without networks of her own (the default policy), compose cannot make
# its project network, and says why.
policy_set users/dgalice.conf <<EOF_POLICY
ports = {"127.0.0.1:$p-$((p + 9))"}
EOF_POLICY
expect_fail_msg "docker network create is refused" \
	compose dgalice -p dgaproj up -d
dg_done
