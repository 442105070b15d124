#!/bin/bash
# Red team 3: dockerd keeps a container's network under the network's
# *name* and looks that name up again at every start (full ID, exact
# name, then ID prefix).  The gate checked alice's own network at create
# (or connect) and forwarded its ID, yet once she removed it, her stopped
# container joined at start whichever network bore that name by then, or
# whose ID began with it: bob's.  Three ways in: a network named like a
# prefix of bob's network ID, a name bob creates later (a compose project's
# <project>_default), and docker network connect of a stopped container.
# The gate now pins the network's ID in the endpoint (NetworkID), so the
# start finds alice's network or nothing.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

for u in dgalice dgbob; do
	policy_set "users/$u.conf" <<'EOF_POLICY'
networks = {"bridge", "none", "user"}
EOF_POLICY
done

# on_net NETWORK CONTAINER: CONTAINER is attached to NETWORK (root's view).
# shellcheck disable=SC2317
on_net() {
	# shellcheck disable=SC2016 # a Go template
	dkroot network inspect -f '{{range $k, $v := .Containers}}{{$k}} {{end}}' \
		"$1" | grep -q "$2"
}

# not_joined NETWORK CONTAINER: alice's start either fails or leaves her
# container off bob's network.
# shellcheck disable=SC2317
not_joined() {
	dk dgalice start "$2" >/dev/null 2>&1
	! on_net "$1" "$2"
}

# 1. A network named like a prefix of bob's network ID.
expect_ok dk dgbob network create "dgb-secret-$DG_ID"
bnid=$(dkroot network inspect -f '{{.Id}}' "dgb-secret-$DG_ID")
bcid=$(dk dgbob run -d --network "dgb-secret-$DG_ID" "$IMG" sleep 600 | tail -n 1)
check "bob runs on his network" is_id "$bcid"
pfx=${bnid:0:10}
expect_ok dk dgalice network create "$pfx"
run_cmd dk dgalice create --network "$pfx" "$IMG" sleep 600
a1=$(printf '%s\n' "$OUT" | tail -n 1)
check "alice creates on her network $pfx (rc=$RC) $ERR" is_id "$a1"
expect_ok dk dgalice network rm "$pfx"
check "alice's container on a network named like bob's ID prefix stays off his" \
	not_joined "dgb-secret-$DG_ID" "$a1"

# 2. A name bob takes later.
later=dgproj${DG_ID}_default
expect_ok dk dgalice network create "$later"
run_cmd dk dgalice create --network "$later" "$IMG" sleep 600
a2=$(printf '%s\n' "$OUT" | tail -n 1)
check "alice creates on $later (rc=$RC) $ERR" is_id "$a2"
expect_ok dk dgalice network rm "$later"
expect_ok dk dgbob network create "$later"
check "alice's container does not join bob's $later" \
	not_joined "$later" "$a2"

# 3. docker network connect of a stopped container, then the same swap.
swap=dgswap$DG_ID
expect_ok dk dgalice network create "$swap"
run_cmd dk dgalice create "$IMG" sleep 600
a3=$(printf '%s\n' "$OUT" | tail -n 1)
check "alice creates a stopped container (rc=$RC) $ERR" is_id "$a3"
expect_ok dk dgalice network connect "$swap" "$a3"
expect_ok dk dgalice network rm "$swap"
expect_ok dk dgbob network create "$swap"
check "alice's connected container does not join bob's $swap" \
	not_joined "$swap" "$a3"

# Her own network still works when it is there: create, connect, start.
own=dgown$DG_ID
expect_ok dk dgalice network create "$own"
run_cmd dk dgalice create --network "$own" "$IMG" sleep 600
a4=$(printf '%s\n' "$OUT" | tail -n 1)
expect_ok dk dgalice start "$a4"
check "alice's container joins her own $own" on_net "$own" "$a4"
run_cmd dk dgalice create "$IMG" sleep 600
a5=$(printf '%s\n' "$OUT" | tail -n 1)
expect_ok dk dgalice network connect "$own" "$a5"
expect_ok dk dgalice start "$a5"
check "alice's connected container joins her own $own" on_net "$own" "$a5"

dg_rm_containers "$bcid" "$a1" "$a2" "$a3" "$a4" "$a5"
dg_done
