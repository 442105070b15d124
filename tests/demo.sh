#!/bin/bash
# The two-user demo (`make demo`), under a minute:
#
#   bash tests/demo.sh BUILD_DIR
#
# A private dockerd and the built gate (tests/e2e/lib.sh), two ordinary
# users who are not in any docker group:
#   dgalice  a student: member of the class group, whose policy is the
#            shipped policies/groups/students.conf (bind mounts under her
#            home, ten loopback ports derived from her uid)
#   dgbob    the shipped default policy only
# Each types ordinary docker commands; the demo shows what works, what is
# refused and the exact message the user gets.
set -u

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/e2e/lib.sh
. "$here/e2e/lib.sh"

dg_need_root tests/demo.sh demo
[ $# -ge 1 ] || dg_die "usage: $0 BUILD_DIR"
DG_MODE=${DG_MODE:-gate}
DG_CMD_TIMEOUT=60
dg_setup "$1" 2>/dev/null

t0=$SECONDS
bold=
plain=
if [ -t 1 ]; then
	bold=$(printf '\033[1m')
	plain=$(printf '\033[0m')
fi
say() {
	printf '\n%s# %s%s\n' "$bold" "$*" "$plain"
}

# The command line as a user would type it (single quotes where needed).
shell_line() {
	local a out=
	for a in "$@"; do
		case $a in
		*[!A-Za-z0-9_./:=,@+-]*) a="'${a//\'/\'\\\'\'}'" ;;
		esac
		out="$out $a"
	done
	printf '%s' "${out# }"
}

# demo USER CMD...: shows the command as the user typed it, its output,
# and whether it worked.
demo() {
	local u=$1
	shift
	printf '%s$ %s\n' "$u" "$(shell_line "$@")"
	run_cmd as_user "$u" "$@"
	[ -z "$OUT" ] || printf '%s\n' "$OUT" | sed 's/^/  /'
	# The CLI's "Run 'docker run --help'" hint adds nothing here.
	[ -z "$ERR" ] || printf '%s\n' "$ERR" | grep -v -e '^$' \
		-e "^Run 'docker run --help'" -e '^DEPRECATED' | sed 's/^/  /'
	if [ "$RC" -eq 0 ]; then
		echo "  -> works"
	else
		echo "  -> refused (exit $RC)"
	fi
}

alice_home=$(dg_home dgalice)
class_join dgalice
policy_set "groups/$DG_CLASS.conf" <"$DG_SRC/policies/groups/students.conf"
# Her ports: "127.0.0.1:$UID0-$UID9"; the next ten belong to the next uid.
uid=$(dg_uid dgalice)
p=${uid}0
# The class may run official images; the demo's image is local.
alice_conf="images += { \"docker.io/$IMG\" }"
if [ "$uid" -lt 1000 ] || [ "$uid" -gt 6553 ]; then
	# $UID0 gives no valid port for such a uid: spell a range out.
	p=$DG_PORT_BASE
	alice_conf="$alice_conf
ports = {\"127.0.0.1:$p-$((p + 9))\"}"
fi
policy_set users/dgalice.conf <<<"$alice_conf"
as_user dgalice sh -c 'mkdir -p work && echo "alice was here" >work/hello.txt'
as_user dgbob sh -c 'mkdir -p work && echo "bob was here" >work/hello.txt'

say "Two users, neither in the docker group:"
id dgalice
id dgbob
say "Their docker is the wrapper; it talks to docker-gated, which asks the policy."
echo "$DG_ETC/default.conf   everyone (the shipped restrictive default)"
echo "$DG_ETC/groups/$DG_CLASS.conf   the class (dgalice is a member):"
grep -v -e '^#' -e '^$' "$DG_ETC/groups/$DG_CLASS.conf" | sed 's/^/  /'
[ ! -f "$DG_ETC/users/dgalice.conf" ] ||
	sed 's/^/  users\/dgalice.conf: /' "$DG_ETC/users/dgalice.conf"

say "alice: ordinary work just works, and runs as alice, not root"
demo dgalice docker run --rm "$IMG" id
demo dgalice docker run --rm -v "$alice_home/work:/work" "$IMG" cat /work/hello.txt
demo dgalice docker run -d --name "alice-web-$DG_ID" -p "127.0.0.1:$p:8080" "$IMG" \
	sh -c 'echo "served from alice'"'"'s container" >/tmp/index.html && exec httpd -f -p 8080 -h /tmp'
DG_WAIT=10 dg_wait_for curl -sf --max-time 1 "http://127.0.0.1:$p/"
echo "anyone$ curl http://127.0.0.1:$p/"
curl -s --max-time 2 "http://127.0.0.1:$p/" | sed 's/^/  /'

say "alice: what her policy does not allow is refused, and she is told why"
demo dgalice docker run --rm -v /etc:/x "$IMG" head -n 1 /x/shadow
demo dgalice docker run --rm -p "127.0.0.1:$((p + 10)):8080" "$IMG" true
demo dgalice docker run --rm --privileged "$IMG" true
demo dgalice docker run --rm -u 0 "$IMG" id
demo dgalice docker run --rm quay.io/someone/tool true

say "bob: the default policy; plain containers work"
demo dgbob docker run --rm "$IMG" sh -c 'echo hello from bob; id'

say "bob: no bind mounts, no published ports, no root, no --privileged"
demo dgbob docker run --rm -v "$(dg_home dgbob)/work:/work" "$IMG" cat /work/hello.txt
demo dgbob docker run --rm -p "127.0.0.1:$((p + 1)):8080" "$IMG" true
demo dgbob docker run --rm -u root "$IMG" id
demo dgbob docker run --rm --mount type=bind,src=/,dst=/host "$IMG" true

say "bob: going around the CLI does not help (raw API, top-level Privileged)"
echo "dgbob$ curl --unix-socket $GATE_SOCK -d '{\"Image\":\"$IMG\",\"Privileged\":true}' .../containers/create"
raw dgbob POST /v1.41/containers/create "{\"Image\":\"$IMG\",\"Privileged\":true}"
echo "  HTTP $RAW_STATUS  $RAW_BODY"

say "bob: and the real socket is not his"
demo dgbob docker -H "unix://$DOCKER_SOCK" ps

dg_rm_containers "alice-web-$DG_ID"
say "demo done in $((SECONDS - t0))s"
