#!/bin/bash
# Red team 3: on a network an administrator shared, dockerd's DNS answers a
# name with every container that carries it as name or alias.  alice ran a
# container with --network-alias set to the name of bob's database
# container: bob's lookups of it then returned alice's address too (round
# robin), so his connections could land on her container.  Aliases are now
# refused on shared networks (run and connect); on a network of one's own
# they still work.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

for u in dgalice dgbob; do
	policy_set "users/$u.conf" <<'EOF_POLICY'
networks = {"bridge", "none", "user", "shared"}
EOF_POLICY
done
shared=dg-shared-$DG_ID
dkroot network create --label io.docker-gate.shared=true "$shared" >/dev/null
db=dgb-db-$DG_ID
bcid=$(dk dgbob run -d --network "$shared" --name "$db" "$IMG" sleep 600 |
	tail -n 1)
check "bob runs $db on the shared network" is_id "$bcid"

# alice answers for bob's name: refused at run and at connect.
expect_fail_msg "network aliases are refused on a network shared" \
	dk dgalice run -d --network "$shared" --network-alias "$db" \
	"$IMG" sleep 600
acid=$(dk dgalice run -d --network "$shared" "$IMG" sleep 600 | tail -n 1)
check "alice may still join the shared network" is_id "$acid"
expect_fail_msg "--alias works only on a network you created" \
	dk dgalice network connect --alias "$db" "$shared" "$acid"
a2=$(dk dgalice create "$IMG" sleep 600 | tail -n 1)
expect_fail_msg "--alias works only on a network you created" \
	dk dgalice network connect --alias "$db" "$shared" "$a2"

# Whatever happened above, bob's name resolves to bob's container only.
bip=$(dkroot inspect -f \
	"{{(index .NetworkSettings.Networks \"$shared\").IPAddress}}" "$bcid")
run_cmd dkroot exec "$bcid" nslookup "$db"
n=$(printf '%s\n' "$OUT" | grep -c '^Address: ')
check "$db resolves to one address on $shared (got $n: $OUT)" [ "$n" -eq 1 ]
check "$db resolves to bob's $bip" contains "$OUT" "Address: $bip"

# Aliases on one's own network still work.
own=dga-own-$DG_ID
expect_ok dk dgalice network create "$own"
expect_ok dk dgalice run --rm --network "$own" --network-alias web "$IMG" true

dg_rm_containers "$bcid" "$acid" "$a2"
dkroot network rm "$shared" >/dev/null 2>&1
dg_done
