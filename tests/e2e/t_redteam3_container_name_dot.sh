#!/bin/bash
# Red team 3: dockerd's DNS answers a container's name on every user
# network the container is on, before it asks the outside.  On a network
# shared with other users, a container named like a host ("pypi.org")
# would answer their containers' lookups of that host.  Names with '.' are
# refused at run, create and rename with a message that says so (they used
# to fail with "the docker daemon did not answer": the gate's name check
# sent dockerd a filter it could not parse); other names work as before.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

policy_set users/dgalice.conf <<'EOF_POLICY'
networks = {"bridge", "none", "user", "shared"}
EOF_POLICY
shared=dg-shared-$DG_ID
dkroot network create --label io.docker-gate.shared=true "$shared" >/dev/null

expect_fail_msg "names with '.' are not available" dk dgalice run -d \
	--network "$shared" --name "example$DG_ID.org" "$IMG" sleep 600
expect_fail_msg "names with '.' are not available" dk dgalice create \
	--name "web.$DG_ID" "$IMG" true
run_cmd dk dgalice run -d --network "$shared" --name "dga-web-$DG_ID" \
	"$IMG" sleep 600
cid=$(printf '%s\n' "$OUT" | tail -n 1)
check "a name without '.' works (rc=$RC) $ERR" is_id "$cid"
expect_fail_msg "names with '.' are not available" dk dgalice rename \
	"dga-web-$DG_ID" "example$DG_ID.org"
expect_ok dk dgalice rename "dga-web-$DG_ID" "dga-web2-$DG_ID"
check "no container answers for example$DG_ID.org" \
	fails dkroot inspect "example$DG_ID.org"

dg_rm_containers "$cid"
dkroot network rm "$shared" >/dev/null 2>&1
dg_done
