#!/bin/bash
# References inside a create body (--network/--pid/--ipc container:,
# --volumes-from, --link) work for one's own containers and are refused
# for another user's, with the same words as for a missing one; named
# volumes are claimed by their first user; prune touches only one's own.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

web=dga-web-$DG_ID
# --ipc shareable: dockerd lets others join only a shareable IPC.
run_cmd dk dgalice run -d --ipc shareable --name "$web" "$IMG" sleep 600
aid=$(printf '%s\n' "$OUT" | tail -n 1)
check "alice runs $web (rc=$RC) $ERR" is_id "$aid"
run_cmd dk dgbob run -d --name "dgb-web-$DG_ID" "$IMG" sleep 600
bid=$(printf '%s\n' "$OUT" | tail -n 1)
check "bob runs his own container (rc=$RC) $ERR" is_id "$bid"

# Her own container: every kind of reference works.
expect_out "sleep" dk dgalice run --rm --pid "container:$web" "$IMG" cat /proc/1/cmdline
expect_ok dk dgalice run --rm --network "container:$web" "$IMG" true
expect_ok dk dgalice run --rm --ipc "container:$web" "$IMG" true
expect_ok dk dgalice run --rm --volumes-from "$web:ro" "$IMG" true
expect_ok dk dgalice run --rm --link "$web:peer" "$IMG" true
# The gate forwarded the full ID it checked, not the name.
run_cmd dk dgalice run -d --pid "container:$web" "$IMG" sleep 600
jid=$(printf '%s\n' "$OUT" | tail -n 1)
expect_out "container:$aid" dkroot inspect -f '{{.HostConfig.PidMode}}' "$jid"

# Bob: refused, named or by ID prefix, with the words for a missing one.
for ref in "$web" "${aid:0:12}" "$aid"; do
	expect_fail_msg "no such container: $ref" dk dgbob run --rm \
		--pid "container:$ref" "$IMG" true
	expect_fail_msg "no such container: $ref" dk dgbob run --rm \
		--network "container:$ref" "$IMG" true
	expect_fail_msg "no such container: $ref" dk dgbob run --rm \
		--volumes-from "$ref" "$IMG" true
	expect_fail_msg "no such container: $ref" dk dgbob run --rm \
		--link "$ref:peer" "$IMG" true
done
expect_fail_msg "no such container: dga-nothing" dk dgbob run --rm \
	--pid container:dga-nothing "$IMG" true

# Named volumes: the first user claims the name, the other is refused.
vol=dga-claim-$DG_ID
expect_ok dk dgalice run --rm -v "$vol:/v" "$IMG" true
expect_out "dgalice" dkroot volume inspect -f \
	'{{index .Labels "io.docker-gate.owner"}}' "$vol"
expect_fail_msg "is taken" dk dgbob run --rm -v "$vol:/v" "$IMG" true
expect_fail_msg "is taken" dk dgbob volume create "$vol"
expect_out "$vol" dk dgalice volume ls -q

# Prune: alice's stopped container goes, bob's stays.
dk dgalice run --name "dga-stopped-$DG_ID" "$IMG" true >/dev/null 2>&1
dk dgbob run --name "dgb-stopped-$DG_ID" "$IMG" true >/dev/null 2>&1
expect_ok dk dgalice container prune -f
check "alice's stopped container was pruned" dg_gone "dga-stopped-$DG_ID"
check "bob's stopped container was not" fails dg_gone "dgb-stopped-$DG_ID"

dg_rm_containers "$jid" "$aid" "$bid" "dgb-stopped-$DG_ID"
dkroot volume rm -f "$vol" >/dev/null 2>&1
dg_done
