#!/bin/bash
# docker system df through the gate: alice sees her own containers and
# volumes only (bob's are not listed), images are listed for everyone,
# the build cache is empty; with admin_view everything is shown.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

va=dgdf-a-$DG_ID
vb=dgdf-b-$DG_ID
run_cmd dk dgalice create -v "$va:/d" "$IMG" true
ca=$(printf '%s\n' "$OUT" | tail -n 1)
check "alice has a container with a volume (rc=$RC) $ERR" is_id "$ca"
run_cmd dk dgbob create -v "$vb:/d" "$IMG" true
cb=$(printf '%s\n' "$OUT" | tail -n 1)
check "bob too (rc=$RC) $ERR" is_id "$cb"

fmt='{{range .Containers}}{{.ID}} {{end}}|{{range .Volumes}}{{.Name}} {{end}}|{{len .Images}}'
run_cmd dk dgalice system df -v --format "$fmt"
check "alice's system df works (rc=$RC) $ERR" [ "$RC" -eq 0 ]
check "it lists her container" contains "$OUT" "${ca:0:12}"
check "and her volume" contains "$OUT" "$va"
check "not bob's container" lacks "$OUT" "${cb:0:12}"
check "not bob's volume" lacks "$OUT" "$vb"
check "images are listed ($OUT)" fails contains "$OUT" "|0"
expect_out "Containers" dk dgalice system df
# raw: the JSON answer has only hers
raw dgalice GET /v1.41/system/df
check "raw answer is 200 JSON ($RAW_STATUS $RAW_CTYPE)" [ "$RAW_STATUS" = 200 ] && [ "$RAW_CTYPE" = application/json ]
check "raw answer lacks bob's container" lacks "$RAW_BODY" "$cb"
check "raw answer has alice's container" contains "$RAW_BODY" "$ca"
check "raw answer has no build cache records" lacks "$RAW_BODY" '"BuildCache":[{'
run_cmd dk dgbob system df -v --format "$fmt"
check "bob sees his, not alice's" contains "$OUT" "${cb:0:12}"
check "bob does not see alice's volume" lacks "$OUT" "$va"

policy_set users/dgbob.conf <<'EOF_POLICY'
admin_view = true
EOF_POLICY
run_cmd dk dgbob system df -v --format "$fmt"
check "with admin_view bob sees alice's container too" contains "$OUT" "${ca:0:12}"
check "and her volume" contains "$OUT" "$va"

dg_rm_containers "$ca" "$cb"
dkroot volume rm "$va" "$vb" >/dev/null 2>&1
dg_done
