#!/bin/bash
# Integration test for gate/upstream.c and gate/owner.c (daemon-side, so
# not a Check suite), plus the dockerd facts notes/tenancy.md relies on:
# how label filters behave on lists and on events.
#
#   sudo bash tests/unit/owner_live.sh        (from the repository root)
#
# Builds tests/unit/owner_driver.c, runs its fake-daemon checks, then starts
# a private dockerd (its own data root, exec root, socket and containerd
# namespace; no bridge, no iptables), imports a busybox image, creates
# objects labelled for alice and bob with the docker CLI directly, and runs
# the driver's live checks and a small benchmark.  Stops only the dockerd
# it started (by PID) and removes everything it created.
set -u -o pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATA=/var/lib/dgown-test
EXECR=/run/dgown-exec
SOCK=/run/dgown.sock
PIDF=/run/dgown.pid
NS=dgown
IMG=local/busybox:test
LIMG=local/labelled:test
LABEL=io.docker-gate.owner
DOCKER=${DOCKER:-docker}
TMP=$(mktemp -d /tmp/dgown.XXXXXX)
DOCKERD_PID=
FAILS=0

say() { printf '%s\n' "$*"; }
die() {
	say "owner_live: $*" >&2
	exit 1
}
dk() { "$DOCKER" -H "unix://$SOCK" "$@"; }
not() { ! "$@" 2>/dev/null; }
api() { curl -sS --unix-socket "$SOCK" "$@"; }
check() { # check "what" command...
	local what=$1
	shift
	if "$@"; then
		say "ok   $what"
	else
		say "FAIL $what"
		FAILS=$((FAILS + 1))
	fi
}

# ---------------------------------------------------------------------------
# Cleanup: only what this script started or created.

cleanup() {
	local ctd m
	if [ -n "$DOCKERD_PID" ] && kill -0 "$DOCKERD_PID" 2>/dev/null; then
		# networks first: each one is a bridge interface on the host
		dk network ls -q --filter label=dgown=1 2>/dev/null |
			xargs -r "$DOCKER" -H "unix://$SOCK" network rm >/dev/null 2>&1
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
	# the containerd our dockerd launched, if it outlived it
	ctd=$(cat "$EXECR/containerd/containerd.pid" 2>/dev/null)
	if [ -n "$ctd" ] && grep -qa -- "$EXECR/containerd" "/proc/$ctd/cmdline" 2>/dev/null; then
		kill -TERM "$ctd" 2>/dev/null
	fi
	findmnt -rn -o TARGET | awk -v a="$EXECR/" -v b="$DATA/" \
		'index($0, a) == 1 || index($0, b) == 1' | sort -r |
		while read -r m; do umount -l "$m" 2>/dev/null; done
	rm -rf "$DATA" "$EXECR" "$SOCK" "$PIDF" "$TMP"
}

# ---------------------------------------------------------------------------
# Set-up

[ "$(id -u)" -eq 0 ] || die "needs root (it starts its own dockerd)"
for t in dockerd "$DOCKER" gcc curl jq busybox; do
	command -v "$t" >/dev/null || die "$t is not installed"
done
if [ -e "$SOCK" ] || [ -e "$PIDF" ] || [ -e "$DATA" ]; then
	die "$SOCK, $PIDF or $DATA exists: another run? (remove them if not)"
fi
trap cleanup EXIT

say "== build"
gcc -Wall -Wextra -Werror -std=c11 -D_GNU_SOURCE -O2 -g \
	-I"$ROOT/include" -I"$ROOT/gate" -o "$TMP/owner_driver" \
	"$ROOT/tests/unit/owner_driver.c" "$ROOT/gate/owner.c" \
	"$ROOT/gate/upstream.c" "$ROOT/gate/io.c" "$ROOT/gate/http_parse.c" \
	"$ROOT/gate/chunk.c" "$ROOT/gate/filters.c" -ljansson ||
	die "driver does not build"

say "== fake daemons"
check "upstream/owner answer handling" "$TMP/owner_driver" fake

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
if ! dk version >/dev/null 2>&1; then
	tail -n 20 "$TMP/dockerd.log" >&2
	die "private dockerd did not come up"
fi
APIV=$(dk version -f '{{.Server.APIVersion}}')
API=${APIV#1.}
say "dockerd $(dk version -f '{{.Server.Version}}'), API $APIV, pid $DOCKERD_PID"
T0=$(date +%s)

mkdir -p "$TMP/img/bin"
cp /bin/busybox "$TMP/img/bin/busybox"
for a in sh sleep true; do ln -s busybox "$TMP/img/bin/$a"; done
tar -C "$TMP/img" --numeric-owner -cf - . |
	dk import --change 'CMD ["sh"]' - "$IMG" >/dev/null || die "import"
# An image whose LABEL claims alice: what containers created by someone
# other than the gate inherit.
tar -C "$TMP/img" --numeric-owner -cf - . |
	dk import --change 'CMD ["sh"]' --change "LABEL $LABEL=alice" - "$LIMG" \
		>/dev/null || die "import labelled"

mk() { # mk name owner|- [create args...]
	local name=$1 owner=$2
	shift 2
	if [ "$owner" = - ]; then
		dk create --network none --name "$name" "$@" sleep 1000
	else
		dk create --network none --name "$name" --label "$LABEL=$owner" \
			"$@" sleep 1000
	fi
}
id_of() { dk inspect -f '{{.Id}}' "$1"; }

say "== objects"
A=$(mk alice-web alice "$IMG") || die "create"
B=$(mk bob-web bob "$IMG") || die "create"
mk nolabel - "$IMG" >/dev/null || die "create"
I=$(mk inherit - "$LIMG") || die "create"
mk casefold Alice "$IMG" >/dev/null || die "create"
{ mk alice-run alice "$IMG" >/dev/null && dk start alice-run >/dev/null; } ||
	die "start"
BR=$(mk bob-run bob "$IMG") || die "create"
dk start bob-run >/dev/null || die "start"
# alice names a container like bob's ID prefix (engine-api.md §4.6)
SH=${B:0:12}
S=$(mk "$SH" alice "$IMG") || die "create shadow"
# anonymous and implicitly created named volumes carry no owner label
mk anonvol alice -v /data "$IMG" >/dev/null || die "create"
ANON=$(dk inspect -f '{{range .Mounts}}{{.Name}}{{end}}' anonvol)
mk autovol alice -v autovol:/data "$IMG" >/dev/null || die "create"
# a client-chosen VolumeOptions.Labels is applied when dockerd creates the
# volume implicitly: the gate must force or refuse it
mk planted alice --mount \
	"type=volume,source=planted,target=/x,volume-label=$LABEL=bob" "$IMG" \
	>/dev/null || die "create"
[ -n "$ANON" ] || die "no anonymous volume"

dk exec -d alice-run sleep 1000 || die "exec"
dk exec -d bob-run sleep 1000 || die "exec"
EA=$(dk inspect -f '{{index .ExecIDs 0}}' alice-run)
EB=$(dk inspect -f '{{index .ExecIDs 0}}' bob-run)

for v in alice:alice-vol bob:bob-vol -:nolabel-vol; do
	if [ "${v%%:*}" = - ]; then
		dk volume create "${v#*:}" >/dev/null || die "volume create"
	else
		dk volume create --label "$LABEL=${v%%:*}" "${v#*:}" >/dev/null ||
			die "volume create"
	fi
done

# internal bridge networks (a bridge interface each, no iptables); all
# carry dgown=1 so that cleanup finds them
net() { dk network create --internal --label dgown=1 "$@"; }
NA=$(net --label "$LABEL=alice" alice-net) || die "network create"
NB=$(net --label "$LABEL=bob" bob-net) || die "network create"
# alice names a network like bob's network ID prefix
NS12=${NB:0:12}
NSH=$(net --label "$LABEL=alice" "$NS12") || die "network create shadow"
NONE=$(dk network inspect -f '{{.Id}}' none)
HOST=$(dk network inspect -f '{{.Id}}' host)

# a one-character prefix shared by two containers (ambiguous), making more
# unlabelled containers until there is one
amb=
for i in $(seq 1 20); do
	amb=$(dk ps -aq --no-trunc | cut -c1 | sort | uniq -d | head -n 1)
	[ -n "$amb" ] && break
	mk "filler$i" - "$IMG" >/dev/null
done
[ -n "$amb" ] || die "no shared ID prefix"
namb=
for i in $(seq 1 16); do
	namb=$(dk network ls -q --no-trunc | cut -c1 | sort | uniq -d | head -n 1)
	[ -n "$namb" ] && break
	net "fillernet$i" >/dev/null || die "network create"
done
[ -n "$namb" ] || die "no shared network ID prefix"
ABSENT=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef

say "== live checks (API 1.$API)"
cat >"$TMP/table" <<EOF
# kind      ref                 user   expected  id
container   alice-web           alice  OK        $A
container   /alice-web          alice  OK        $A
container   $A                  alice  OK        $A
container   ${A:0:12}           alice  OK        $A
container   alice-web           bob    FOREIGN   -
container   ${A:0:12}           bob    FOREIGN   -
container   bob-web             alice  FOREIGN   -
container   $B                  bob    OK        $B
container   nolabel             alice  FOREIGN   -
container   casefold            alice  FOREIGN   -
container   inherit             alice  OK        $I
container   no-such-thing       alice  NOTFOUND  -
container   $ABSENT             alice  NOTFOUND  -
container   $amb                alice  NOTFOUND  -
container   ..                  alice  NOTFOUND  -
container   $SH                 alice  OK        $S
container   $SH                 bob    FOREIGN   -
container   ${B:0:13}           bob    OK        $B
exec        $EA                 alice  OK        $EA
exec        $EA                 bob    FOREIGN   -
exec        $EB                 bob    OK        $EB
exec        ${EA:0:12}          alice  NOTFOUND  -
exec        $ABSENT             alice  NOTFOUND  -
exec        $A                  alice  NOTFOUND  -
volume      alice-vol           alice  OK        alice-vol
volume      alice-vol           bob    FOREIGN   -
volume      bob-vol             bob    OK        bob-vol
volume      nolabel-vol         alice  FOREIGN   -
volume      alice-v             alice  NOTFOUND  -
volume      $ANON               alice  FOREIGN   -
volume      autovol             alice  FOREIGN   -
volume      missing-vol         alice  NOTFOUND  -
volume      planted             bob    OK        planted
network     alice-net           alice  OK        $NA
network     $NA                 alice  OK        $NA
network     ${NA:0:12}          alice  OK        $NA
network     alice-net           bob    FOREIGN   -
network     bob-net             bob    OK        $NB
network     $NS12               bob    FOREIGN   -
network     $NS12               alice  OK        $NSH
network     ${NB:0:14}          bob    OK        $NB
network     none                alice  SHARED    $NONE
network     host                bob    SHARED    $HOST
network     $NONE               alice  SHARED    $NONE
network     ${HOST:0:12}        alice  SHARED    $HOST
network     bridge              alice  NOTFOUND  -
network     missing-net         alice  NOTFOUND  -
network     $namb                   alice  NOTFOUND  -
EOF
check "owner_* against dockerd, versioned" \
	"$TMP/owner_driver" live "$SOCK" "$API" <"$TMP/table"
grep -E '^(container|volume) +[a-z]' "$TMP/table" | head -n 6 >"$TMP/table0"
check "owner_* against dockerd, unversioned" \
	"$TMP/owner_driver" live "$SOCK" 0 <"$TMP/table0"
check "owner_* with dockerd gone: EUPSTREAM" "$TMP/owner_driver" live \
	/run/dgown-missing.sock "$API" <<<"container alice-web alice EUPSTREAM -"
say "ambiguous container prefix: $(api -w ' %{http_code}' "http://d/v1.$API/containers/$amb/json")"
say "ambiguous network prefix: $(api -w ' %{http_code}' "http://d/v1.$API/networks/$namb")"

say "== label filters on lists (what filters_add_owner relies on)"
n_list() { # n_list path filters-json
	api -G "http://d/v1.$API/$1" --data-urlencode "filters=$2" |
		jq 'if type == "array" then length elif .Volumes then (.Volumes | length) else "error: \(.message)" end'
}
n_alice=$(dk ps -aq --filter "label=$LABEL=alice" | wc -l)
say "alice's containers (CLI map form): $n_alice"
check "legacy list form gives the same" \
	test "$(n_list 'containers/json?all=1' "{\"label\":[\"$LABEL=alice\"]}")" = "$n_alice"
check "map value false is ignored for label" \
	test "$(n_list 'containers/json?all=1' "{\"label\":{\"$LABEL=alice\":false}}")" = "$n_alice"
check "label terms are ANDed" \
	test "$(n_list 'containers/json?all=1' "{\"label\":{\"$LABEL=alice\":true,\"$LABEL=bob\":true}}")" = 0
check "keys are ANDed (name=bob-web)" \
	test "$(n_list 'containers/json?all=1' "{\"label\":{\"$LABEL=alice\":true},\"name\":{\"bob-web\":true}}")" = 0
say "status:{created:false} -> $(n_list 'containers/json?all=1' '{"status":{"created":false}}') containers (value used by ExactMatch)"
say "status:{created:true}  -> $(n_list 'containers/json?all=1' '{"status":{"created":true}}') containers"
say "mixed forms            -> $(n_list 'containers/json?all=1' '{"label":["a"],"status":{"created":true}}')"
say "\"Label\" key           -> $(n_list 'containers/json?all=1' '{"Label":{"a":true}}')"
say "label! on list         -> $(n_list 'containers/json?all=1' "{\"label!\":{\"$LABEL=bob\":true}}")"
check "volumes: label filter" \
	test "$(n_list volumes "{\"label\":{\"$LABEL=alice\":true}}")" = 1
check "networks: label filter" \
	test "$(n_list networks "{\"label\":{\"$LABEL=alice\":true}}")" = 2
say "container prune, label! + label matching nothing: $(api -X POST -G "http://d/v1.$API/containers/prune" \
	--data-urlencode "filters={\"label!\":{\"$LABEL=x\":true},\"label\":{\"dgown-none=1\":true}}")"

say "== filters_add_owner output sent to dockerd"
# every answer must be accepted and hold only alice's objects
owned_c=$(dk ps -aq --no-trunc --filter "label=$LABEL=alice" | sort)
fa() { # fa route client-filters|-  -> IDs (or names) dockerd returns
	local f
	if [ "$2" = - ]; then
		f=$("$TMP/owner_driver" filters alice) || return 1
	else
		f=$("$TMP/owner_driver" filters alice "$2") || return 1
	fi
	api -G "http://d/v1.$API/$1" --data-urlencode "filters=$f" >"$TMP/fa.json"
}
for cf in - '{"status":{"created":true}}' '{"label":["com.example"]}' \
	"{\"label\":[\"$LABEL=bob\"]}" '{"name":{"bob-web":true}}' \
	"{\"id\":{\"${B:0:12}\":true}}"; do
	fa 'containers/json?all=1' "$cf"
	check "containers/json with $cf: only alice's" \
		test -z "$(jq -r '.[].Id' "$TMP/fa.json" | sort | comm -23 - <(printf '%s\n' "$owned_c"))"
done
fa 'containers/json?all=1' -
check "containers/json without filters: all of alice's" \
	test "$(jq -r '.[].Id' "$TMP/fa.json" | sort)" = "$owned_c"
fa volumes '{"dangling":["true"]}'
check "volumes, dangling: only alice-vol" \
	test "$(jq -r '.Volumes[].Name' "$TMP/fa.json")" = alice-vol
fa networks -
check "networks: only alice's two" \
	test "$(jq -r '.[].Name' "$TMP/fa.json" | sort)" = "$(printf '%s\n' "$NS12" alice-net | sort)"
check "label! on gate labels refused before dockerd" \
	not "$TMP/owner_driver" filters alice "{\"label!\":[\"$LABEL=bob\"]}"

say "== volume create on an existing name (gate-created volumes)"
say "create bob-vol again with alice's label: $(api -X POST -H 'Content-Type: application/json' \
	-d "{\"Name\":\"bob-vol\",\"Labels\":{\"$LABEL\":\"alice\"}}" -w ' %{http_code}' \
	"http://d/v1.$API/volumes/create")"
check "...and it still belongs to bob" "$TMP/owner_driver" live "$SOCK" "$API" \
	<<<"volume bob-vol alice FOREIGN -"

say "== events with an owner label filter"
sleep 1
T1=$(date +%s)
ev() { api -G "http://d/v1.$API/events" --data-urlencode "since=$T0" \
	--data-urlencode "until=$T1" "$@"; }
ev >"$TMP/ev.all"
ev --data-urlencode "filters={\"label\":{\"$LABEL=alice\":true}}" >"$TMP/ev.alice"
say "all events by type:   $(jq -r .Type "$TMP/ev.all" | sort | uniq -c | tr -s ' \n' ' ')"
say "alice's, by type:     $(jq -r .Type "$TMP/ev.alice" | sort | uniq -c | tr -s ' \n' ' ')"
say "volume create attrs:  $(jq -c 'select(.Type=="volume" and .Action=="create") | .Actor.Attributes' "$TMP/ev.all" | head -n 1)"
say "network create attrs: $(jq -c 'select(.Type=="network" and .Action=="create") | .Actor.Attributes' "$TMP/ev.all" | head -n 1)"
say "image events alice sees: $(jq -c 'select(.Type=="image") | [.Action, .Actor.Attributes.name]' "$TMP/ev.alice" | tr '\n' ' ')"
owned=$(dk ps -aq --no-trunc --filter "label=$LABEL=alice" | sort)
check "container events: only containers labelled alice" \
	test -z "$(jq -r 'select(.Type=="container") | .Actor.ID' "$TMP/ev.alice" |
		sort -u | comm -23 - <(printf '%s\n' "$owned"))"
check "no volume or network events pass the label filter" \
	test -z "$(jq -r 'select(.Type=="volume" or .Type=="network") | .Type' "$TMP/ev.alice")"
check "events: type:{container:false} matches nothing (values matter)" \
	test -z "$(ev --data-urlencode 'filters={"type":{"container":false}}')"
check "bob's exec_create is not in alice's events" \
	test -z "$(jq -r "select(.Actor.ID==\"$BR\")" "$TMP/ev.alice")"

say "== built-in network names are reserved (owner_network relies on it)"
for n in bridge host none; do
	check "network create $n is refused" not net "$n"
done

say "== dockerd's own 404 texts (what a FOREIGN answer must copy)"
for t in "containers/no-such/json" "exec/$ABSENT/json" "volumes/no-such" \
	"networks/no-such"; do
	say "GET /v1.$API/$t: $(api -w ' %{http_code}' "http://d/v1.$API/$t")"
done

say "== lookup cost"
"$TMP/owner_driver" bench "$SOCK" "$API" raw /_ping - 1000
"$TMP/owner_driver" bench "$SOCK" "$API" raw "/v1.$API/containers/$A/json" - 1000
# a per-user quota count: the filtered list
f=$(jq -rn --arg f "$("$TMP/owner_driver" filters alice)" '$f | @uri')
"$TMP/owner_driver" bench "$SOCK" "$API" raw \
	"/v1.$API/containers/json?all=1&filters=$f" - 1000
"$TMP/owner_driver" bench "$SOCK" "$API" container alice-web alice 1000
"$TMP/owner_driver" bench "$SOCK" "$API" container alice-run alice 1000
"$TMP/owner_driver" bench "$SOCK" "$API" exec "$EA" alice 500
"$TMP/owner_driver" bench "$SOCK" "$API" volume alice-vol alice 1000
"$TMP/owner_driver" bench "$SOCK" "$API" network alice-net alice 1000

say "== done: $FAILS failed"
[ "$FAILS" -eq 0 ]
