#!/bin/bash
# Networks of one's own (policy `networks`, `max_networks`): refused by the
# default policy, allowed with networks = {"user"}; create, ls, inspect,
# run --network NAME with an alias, connect, disconnect, rm and prune work
# on one's own networks; bob cannot see, join, connect to or remove
# alice's; driver options and chosen subnets are refused; max_networks
# refuses the one over the limit; a network an administrator shared can be
# joined, not removed.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

net=dga-net-$DG_ID
# Default policy: only bridge and none.
expect_denied "docker network create" dk dgalice network create "$net"
expect_ok dk dgalice run --rm --network none "$IMG" true
expect_ok dk dgalice run --rm --network bridge "$IMG" true

policy_set users/dgalice.conf <<'EOF_POLICY'
networks = {"bridge", "none", "user"}
max_networks = 2
EOF_POLICY
run_cmd dk dgalice network create "$net"
nid=$(printf '%s\n' "$OUT" | tail -n 1)
check "alice creates $net (rc=$RC) $ERR" is_id "$nid"
expect_out "dgalice" dkroot network inspect -f \
	'{{index .Labels "io.docker-gate.owner"}}' "$net"
expect_out "$net" dk dgalice network ls
expect_out "$nid" dk dgalice network inspect -f '{{.Id}}' "$net"

# A container on it, with an alias; the gate forwarded the ID it checked.
run_cmd dk dgalice run -d --network "$net" --network-alias db "$IMG" sleep 600
cid=$(printf '%s\n' "$OUT" | tail -n 1)
check "alice runs on $net (rc=$RC) $ERR" is_id "$cid"
expect_out "db" dkroot inspect -f \
	"{{range .NetworkSettings.Networks}}{{.Aliases}}{{end}}" "$cid"
# shellcheck disable=SC2016 # a Go template
expect_out "$net" dkroot inspect -f \
	'{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}' "$cid"
# Another of her containers reaches it by the alias.
expect_ok dk dgalice run --rm --network "$net" "$IMG" nslookup db

# Bob: her network does not exist for him, whatever he calls it.
for ref in "$net" "${nid:0:12}" "$nid"; do
	expect_fail_msg "no such network: $ref" dk dgbob run --rm \
		--network "$ref" "$IMG" true
	expect_fail_msg "not found" dk dgbob network inspect "$ref"
	expect_fail_msg "not found" dk dgbob network rm "$ref"
done
run_cmd dk dgbob network ls
check "bob's network ls does not show $net" lacks "$OUT" "$net"
bcid=$(dg_sleeper dgbob | tail -n 1)
expect_fail_msg "not found" dk dgbob network connect "$net" "$bcid"
# Nor may alice connect bob's container to her network.
expect_fail_msg "No such container" dk dgalice network connect "$net" "$bcid"

# Connect and disconnect her own, by name and ID prefix.
acid=$(dg_sleeper dgalice | tail -n 1)
expect_ok dk dgalice network connect --alias web "$net" "${acid:0:12}"
# shellcheck disable=SC2016 # a Go template
expect_out "$net" dkroot inspect -f \
	'{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}' "$acid"
expect_ok dk dgalice network disconnect "${nid:0:12}" "$acid"
expect_fail_msg "--alias works only" dk dgalice network connect \
	--alias web bridge "$acid"

# What a user network may not be.
expect_fail_msg "--subnet" dk dgalice network create --subnet 10.99.0.0/24 x1
expect_fail_msg "--driver" dk dgalice network create -d macvlan x2
expect_fail_msg "--opt" dk dgalice network create \
	-o com.docker.network.bridge.name=br0 x3
expect_fail_msg "io.docker-gate." dk dgalice network create \
	--label io.docker-gate.shared=true x4
expect_fail_msg "reserved" dk dgalice network create host

# max_networks = 2: the second passes, the third is refused.
expect_ok dk dgalice network create "$net-2"
expect_denied "the most allowed is 2" dk dgalice network create "$net-3"

# A network an administrator shared: joined, not inspected or removed.
shared=dg-shared-$DG_ID
dkroot network create --label io.docker-gate.shared=true "$shared" >/dev/null
expect_denied "shared networks are not allowed" dk dgalice run --rm \
	--network "$shared" "$IMG" true
policy_set users/dgalice.conf <<'EOF_POLICY'
networks = {"bridge", "none", "user", "shared"}
EOF_POLICY
expect_ok dk dgalice run --rm --network "$shared" "$IMG" true
expect_fail_msg "shared by all users" dk dgalice network rm "$shared"
expect_fail_msg "shared by all users" dk dgalice network inspect "$shared"
# Bob's default policy does not allow it.
expect_denied "--network $shared" dk dgbob run --rm --network "$shared" \
	"$IMG" true

# Prune: her unused network goes, bob's stays; rm of her own works.
dg_rm_containers "$cid"
policy_set users/dgbob.conf <<'EOF_POLICY'
networks = {"user"}
EOF_POLICY
expect_ok dk dgbob network create "dgb-net-$DG_ID"
expect_ok dk dgalice network prune -f
check "alice's $net-2 was pruned" fails dkroot network inspect "$net-2"
expect_ok dkroot network inspect "dgb-net-$DG_ID"
expect_ok dkroot network inspect "$shared"
run_cmd dkroot network inspect "$net"
[ "$RC" -ne 0 ] || expect_ok dk dgalice network rm "$net"

dg_rm_containers "$acid" "$bcid"
dkroot network rm "$shared" "dgb-net-$DG_ID" >/dev/null 2>&1
dg_done
