#!/bin/bash
# Users see and touch only their own objects: bob can neither list,
# inspect, read the logs of, exec into, copy from, stop nor remove alice's
# container, nor reach it through another container (--volumes-from,
# --network container:, --pid container:), nor use her named volume.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

name=dga-iso-$DG_ID
vol=dga-vol-$DG_ID
run_cmd dk dgalice run -d --name "$name" -v "$vol:/v" "$IMG" sh -c 'echo secret; sleep 600'
id=$(printf '%s\n' "$OUT" | tail -n 1)
check "alice runs a named container with a named volume (rc=$RC) $ERR" is_id "$id"
short=${id:0:12}

run_cmd dk dgbob ps -a --no-trunc
check "bob's ps -a works (rc=$RC)" [ "$RC" -eq 0 ]
check "bob's ps -a does not list it" lacks "$OUT" "$id"
run_cmd dk dgalice ps -a --no-trunc
check "alice's ps -a lists it" contains "$OUT" "$id"
for ref in "$id" "$short" "$name"; do
	expect_fail_msg "" dk dgbob inspect "$ref"
	run_cmd dk dgbob logs "$ref"
	check "bob cannot read the logs of $ref (rc=$RC)" [ "$RC" -ne 0 ]
	check "bob got none of the logs of $ref" lacks "$OUT" secret
	expect_fail_msg "" dk dgbob exec "$ref" true
	expect_fail_msg "" dk dgbob cp "$ref:/etc/passwd" -
	expect_fail_msg "" dk dgbob stop -t 1 "$ref"
	expect_fail_msg "" dk dgbob kill "$ref"
	expect_fail_msg "" dk dgbob rename "$ref" dga-stolen
	expect_fail_msg "" dk dgbob rm "$ref"
	# rm -f exits 0 on "No such container"; what counts is that it stays.
	dk dgbob rm -f "$ref" >/dev/null 2>&1
	check "after bob's rm -f $ref alice's container still exists" fails dg_gone "$id"
	expect_fail_msg "" dk dgbob run --rm --volumes-from "$ref" "$IMG" ls /v
	expect_fail_msg "" dk dgbob run --rm --network "container:$ref" "$IMG" true
	expect_fail_msg "" dk dgbob run --rm --pid "container:$ref" "$IMG" true
done

# Her named volume.
run_cmd dk dgbob volume ls -q
check "bob's volume ls does not list $vol" lacks "$OUT" "$vol"
expect_fail_msg "" dk dgbob run --rm -v "$vol:/v" "$IMG" ls /v
expect_fail_msg "" dk dgbob volume rm "$vol"
expect_fail_msg "" dk dgbob volume inspect "$vol"

# Alice is not affected by any of it.
expect_out running dk dgalice inspect -f '{{.State.Status}}' "$name"
expect_out secret dk dgalice logs "$name"
expect_ok dk dgalice run --rm -v "$vol:/v" "$IMG" ls /v

dg_rm_containers "$id"
dkroot volume rm -f "$vol" >/dev/null 2>&1
dg_done
