#!/bin/bash
# The dockerd facts notes/image-names.md relies on (not a Check suite):
# how dockerd resolves, tags and removes image names and IDs.
#
#   sudo bash tests/unit/image_names_live.sh     (from the repository root)
#
# Starts a private dockerd (its own data root, exec root, socket and
# containerd namespace, all with unique names; no bridge, no iptables),
# imports a busybox image twice (two image IDs), and prints what dockerd
# answers to the requests the notes discuss, each with "ok" or "FAIL"
# against what the notes claim.  Stops only the dockerd it started (by
# PID) and removes everything it created.
set -u -o pipefail

TMP=$(mktemp -d /tmp/dgimg.XXXXXX)
TAG=${TMP##*.}
DATA=/var/lib/dgimg-$TAG
EXECR=/run/dgimg-$TAG
SOCK=/run/dgimg-$TAG.sock
PIDF=/run/dgimg-$TAG.pid
NS=dgimg-$TAG
DOCKER=${DOCKER:-docker}
API=v1.41
DOCKERD_PID=
FAILS=0

say() { printf '%s\n' "$*"; }
die() {
	say "image_names_live: $*" >&2
	exit 1
}
dk() { "$DOCKER" -H "unix://$SOCK" "$@"; }
# req METHOD PATH -> "STATUS BODY" on one line
req() {
	curl -sS --unix-socket "$SOCK" -X "$1" -o "$TMP/body" \
		-w '%{http_code}' "http://d/$API$2" >"$TMP/code" 2>/dev/null
	printf '%s %s\n' "$(cat "$TMP/code")" "$(tr -d '\n' <"$TMP/body")"
}
check() { # check "what" "got" pattern (extended regex)
	if printf '%s' "$2" | grep -Eq -- "$3"; then
		say "ok   $1: $2"
	else
		say "FAIL $1: $2 (want /$3/)"
		FAILS=$((FAILS + 1))
	fi
}
check_no() { # check_no "what" "got" pattern: passes when it does not match
	if printf '%s' "$2" | grep -Eq -- "$3"; then
		say "FAIL $1: $2 (matches /$3/)"
		FAILS=$((FAILS + 1))
	else
		say "ok   $1: $2"
	fi
}
tags_of() { # image -> its RepoTags and RepoDigests, sorted, comma-separated
	dk image inspect -f '{{range .RepoTags}}{{.}} {{end}}{{range .RepoDigests}}{{.}} {{end}}' \
		"$1" 2>/dev/null | tr ' ' '\n' | sed '/^$/d' | sort | paste -sd, -
}

cleanup() {
	local ctd m
	if [ -n "$DOCKERD_PID" ] && kill -0 "$DOCKERD_PID" 2>/dev/null; then
		dk ps -aq 2>/dev/null |
			xargs -r "$DOCKER" -H "unix://$SOCK" rm -f >/dev/null 2>&1
		kill -TERM "$DOCKERD_PID"
		for _ in $(seq 1 60); do
			kill -0 "$DOCKERD_PID" 2>/dev/null || break
			sleep 0.5
		done
		kill -0 "$DOCKERD_PID" 2>/dev/null && kill -KILL "$DOCKERD_PID"
		wait "$DOCKERD_PID" 2>/dev/null
	fi
	ctd=$(cat "$EXECR/containerd/containerd.pid" 2>/dev/null)
	if [ -n "$ctd" ] && grep -qa -- "$EXECR/containerd" "/proc/$ctd/cmdline" 2>/dev/null; then
		kill -TERM "$ctd" 2>/dev/null
	fi
	findmnt -rn -o TARGET | awk -v a="$EXECR/" -v b="$DATA/" \
		'index($0, a) == 1 || index($0, b) == 1' | sort -r |
		while read -r m; do umount -l "$m" 2>/dev/null; done
	rm -rf "$DATA" "$EXECR" "$SOCK" "$PIDF" "$TMP"
}

[ "$(id -u)" -eq 0 ] || die "needs root (it starts its own dockerd)"
for t in dockerd "$DOCKER" curl busybox; do
	command -v "$t" >/dev/null || die "$t is not installed"
done
trap cleanup EXIT

say "== private dockerd"
mkdir -p "$DATA" "$EXECR"
echo '{}' >"$TMP/daemon.json"
dockerd --config-file "$TMP/daemon.json" --data-root "$DATA" \
	--exec-root "$EXECR" --pidfile "$PIDF" -H "unix://$SOCK" \
	--bridge none --iptables=false --ip-masq=false \
	--containerd-namespace "$NS" --containerd-plugins-namespace "$NS-plugins" \
	--log-level warn >"$TMP/dockerd.log" 2>&1 &
DOCKERD_PID=$!
for _ in $(seq 1 180); do
	dk version >/dev/null 2>&1 && break
	kill -0 "$DOCKERD_PID" 2>/dev/null || break
	sleep 0.5
done
dk version >/dev/null 2>&1 || {
	tail -n 20 "$TMP/dockerd.log" >&2
	die "private dockerd did not come up"
}
say "dockerd $(dk version -f '{{.Server.Version}}'), pid $DOCKERD_PID"

mkdir -p "$TMP/img/bin"
cp "$(command -v busybox)" "$TMP/img/bin/busybox"
ln -s busybox "$TMP/img/bin/sh"
tar -C "$TMP/img" --numeric-owner -cf - . |
	dk import --change 'CMD ["sh"]' - base/one:1 >/dev/null || die "import"
tar -C "$TMP/img" --numeric-owner -cf - . |
	dk import --change 'CMD ["sh"]' --change 'ENV X=2' - base/two:1 \
		>/dev/null || die "import"
ONE=$(dk image inspect -f '{{.Id}}' base/one:1)
TWO=$(dk image inspect -f '{{.Id}}' base/two:1)
ONEHEX=${ONE#sha256:}
TWOHEX=${TWO#sha256:}
say "images: base/one:1 ${ONEHEX:0:12}, base/two:1 ${TWOHEX:0:12}"

say "== reference grammar as dockerd applies it"
check "uppercase first component: not a registry on 20.10" \
	"$(req POST "/images/base/one:1/tag?repo=Foo%2Fbar&tag=1")" \
	'^500 .*must be lowercase'
check "a_b.c/x: accepted by dockerd as a name without a domain" \
	"$(req POST "/images/base/one:1/tag?repo=a_b.c%2Fx&tag=1")" '^201'
check "a name \"sha256\" is refused" \
	"$(req POST "/images/base/one:1/tag?repo=sha256&tag=abc")" '^(400|500)'
check "64-hex repository refused" \
	"$(req POST "/images/base/one:1/tag?repo=$ONEHEX&tag=1")" '^(400|500)'
check "sha384 digest reference: not a tag" \
	"$(req POST "/images/base/one:1/tag?repo=x%2Fy%40sha384%3A$ONEHEX$ONEHEX&tag=")" '^(400|500)'

say "== tag route: repo + tag"
req POST "/images/base/one:1/tag?repo=docker.io%2Falice%2Fapp%3A3&tag=4" >/dev/null
check "repo's tag and tag: tag wins" "$(tags_of base/one:1)" 'alice/app:4'
check_no "repo's tag and tag: repo's tag not created" "$(tags_of base/one:1)" \
	'alice/app:3'
req POST "/images/base/one:1/tag?repo=alice%2Fapp%3A5&tag=" >/dev/null
check "repo's tag, empty tag: repo's tag" "$(tags_of base/one:1)" 'alice/app:5'
check "empty repo refused" \
	"$(req POST "/images/base/one:1/tag?repo=&tag=1")" '^(400|500)'

say "== commit: repo with a tag"
C=$(dk create --network none base/one:1 sh) || die "create"
check "commit repo=alice/c:1 (tag inside repo) is accepted" \
	"$(req POST "/commit?container=$C&repo=alice%2Fc%3A1")" '^201'
check "... and creates alice/c:1" "$(tags_of alice/c:1)" '^alice/c:1$'
check "commit repo=alice/c:2&tag=3: tag wins" \
	"$(req POST "/commit?container=$C&repo=alice%2Fc%3A2&tag=3" >/dev/null;
	   tags_of alice/c:3)" '^alice/c:3$'
check "commit with neither: no name" \
	"$(req POST "/commit?container=$C" | grep -o '^201')" '^201'
check "commit repo=alice/c&tag=1" \
	"$(req POST "/commit?container=$C&repo=alice%2Fc&tag=1")" '^201'
dk rm -f "$C" >/dev/null

say "== names before ID prefixes"
P=${ONEHEX:0:6}
req POST "/images/base/two:1/tag?repo=$P&tag=latest" >/dev/null
check "GET /images/<prefix of one>/json with a name <prefix> on two" \
	"$(req GET "/images/$P/json" | grep -o '"Id":"[^"]*"')" "$TWO"
check "DELETE /images/<prefix>: untags the library name, not one's ID" \
	"$(req DELETE "/images/$P")" "Untagged\":\"$P:latest"
check "... and image one is still there" "$(tags_of "$ONE")" 'base/one:1'
check "without the name, <prefix> is one's ID prefix" \
	"$(req GET "/images/$P/json" | grep -o '"Id":"[^"]*"')" "$ONE"

say "== removal by ID"
tar -C "$TMP/img" --numeric-owner -cf - . |
	dk import --change 'ENV X=3' - alice/a:1 >/dev/null || die "import"
THREE=$(dk image inspect -f '{{.Id}}' alice/a:1)
dk tag alice/a:1 alice/a:2
check "ID, two tags, no force: conflict" \
	"$(req DELETE "/images/$THREE")" '^409'
dk tag alice/a:1 bob/b:1
check "ID, tags of two users, force: every tag goes" \
	"$(req DELETE "/images/$THREE?force=1")" 'Untagged":"bob/b:1'
tar -C "$TMP/img" --numeric-owner -cf - . |
	dk import --change 'ENV X=4' - alice/s:1 >/dev/null || die "import"
FOUR=$(dk image inspect -f '{{.Id}}' alice/s:1)
C=$(dk create --network none alice/s:1 sh) || die "create"
check "last name, stopped container uses it, no force: conflict" \
	"$(req DELETE "/images/alice/s:1")" '^409'
check "last name, stopped container uses it, force: image deleted" \
	"$(req DELETE "/images/docker.io%2Falice%2Fs:1?force=1")" "Deleted\":\"$FOUR"
check "the container survives its image" \
	"$(dk inspect -f '{{.Image}}' "$C")" "$FOUR"
check "and still starts" "$(dk start "$C" >/dev/null 2>&1 && echo started || echo failed)" 'started'
dk rm -f "$C" >/dev/null
check "canonical name in the path: DELETE /images/docker.io/base/two:1" \
	"$(req DELETE "/images/docker.io/base/two:1")" 'Untagged":"base/two:1'

say "== summary: $FAILS failure(s)"
[ "$FAILS" -eq 0 ]
