#!/bin/bash
# The Python docker SDK (Debian's python3-docker) through the gate: run,
# logs, remove work; a refused option comes back as an APIError with the
# gate's message; another user's container is not there.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

if ! /usr/bin/python3 -c 'import docker' 2>/dev/null; then
	echo "# python3-docker is not installed: skipped"
	exit 0
fi

# script NAME: python code on stdin saved where the test users can read it
script() {
	install -m 0644 /dev/stdin "$DG_RUN/tmp/$1.py"
}

# shellcheck disable=SC2317 # called through run_cmd
sdk() { # sdk USER NAME [ARGS]: runs a saved script as USER against the gate
	local u=$1 f=$DG_RUN/tmp/$2.py
	shift 2
	as_user "$u" env DOCKER_HOST="unix://$GATE_SOCK" IMG="$IMG" \
		/usr/bin/python3 "$f" "$@"
}

script alice <<'EOF_PY'
import os, docker
c = docker.from_env()
ctr = c.containers.run(os.environ["IMG"], ["sh", "-c", "echo hello; id -u"],
                       detach=True)
ctr.wait()
print(ctr.logs().decode().strip().replace("\n", " "))
print(ctr.attrs["Config"]["Labels"].get("io.docker-gate.owner"))
ctr.remove()
try:
    c.containers.run(os.environ["IMG"], "true", privileged=True)
    print("privileged: allowed")
except docker.errors.APIError as e:
    print("privileged:", e.response.status_code, e.explanation)
print(len(c.containers.list(all=True)))
EOF_PY
run_cmd sdk dgalice alice
uid=$(dg_uid dgalice)
check "SDK run + logs: output and the caller's uid ($OUT) $ERR" \
	grep -qx "hello $uid" <<<"$OUT"
check "SDK container owned by dgalice" grep -qx dgalice <<<"$OUT"
check "SDK privileged run refused with the gate's message" \
	grep -q "^privileged: 403 docker-gate: --privileged is refused" <<<"$OUT"
check "SDK remove worked (no containers left)" [ "$(tail -n 1 <<<"$OUT")" = 0 ]

id=$(dg_sleeper dgalice)
script bob <<'EOF_PY'
import sys, docker
c = docker.from_env()
try:
    c.containers.get(sys.argv[1])
    print("found")
except docker.errors.NotFound:
    print("not found")
print(len(c.containers.list(all=True)))
EOF_PY
run_cmd sdk dgbob bob "$id"
check "SDK: dgbob cannot see dgalice's container ($OUT) $ERR" \
	[ "$(printf '%s' "$OUT" | tr '\n' ' ')" = "not found 0" ]
dg_rm_containers "$id"
dg_done
