#!/bin/bash
# Red team 3: a container inherits its image's labels, so one the builder
# (or an administrator) makes from an image that carries
# io.docker-gate.owner=dgalice (say, pulled from a registry) has alice's
# owner label.  Red team 2 made such containers nobody's, and they are,
# by name; but a hexadecimal reference that lands on a container alice
# does not own is retried against her own containers, listed by the label
# alone, so by ID (or ID prefix) alice could still exec into it, inspect
# it and kill or remove it.  The container found that way now passes the whole
# check.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

# An image with alice's name in the owner label, as a pull could bring.
tmp=$(dkroot create "$IMG" true)
dkroot commit -c 'LABEL io.docker-gate.owner=dgalice' "$tmp" \
	dgpulled/base:1 >/dev/null
dkroot rm "$tmp" >/dev/null
# A container made from it outside the gate (a build step of bob's).
cid=$(dkroot run -d dgpulled/base:1 sleep 600)
check "the container carries alice's owner label" [ "$(dkroot inspect -f \
	'{{index .Config.Labels "io.docker-gate.owner"}}' "$cid")" = dgalice ]

for ref in "$cid" "${cid:0:12}"; do
	run_cmd dk dgalice exec "$ref" echo inside
	check "alice cannot exec into it by ID ${ref:0:12}" lacks "$OUT" inside
	expect_fail_msg "No such container" dk dgalice container inspect "$ref"
	expect_fail_msg "No such container" dk dgalice rm "$ref"
	expect_fail_msg "No such container" dk dgalice kill "$ref"
done
check "the container still runs" [ "$(dkroot inspect -f '{{.State.Running}}' \
	"$cid")" = true ]

# alice's own containers by ID prefix still work.
own=$(dg_sleeper dgalice | tail -n 1)
expect_out inside dk dgalice exec "${own:0:12}" echo inside

dg_rm_containers "$cid" "$own"
dkroot rmi dgpulled/base:1 >/dev/null 2>&1
dg_done
