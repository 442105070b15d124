#!/bin/bash
# Red team: a --mount type=volume whose driver options make it a host bind
# (type=none,o=bind,device=PATH) is checked as a bind of PATH, but dockerd
# creates the volume only when the name is free: for an existing volume it
# ignores the options and mounts that volume.  So with any bind_roots, a
# user who names another user's volume in src= and her own home in device=
# gets the other user's volume.  Such a mount must pass the same ownership
# check as a plain -v NAME:/x (and a free name must not leave an unowned
# volume behind).
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

home=$(dg_home dgalice)
vol=dgb-rt-vol-$DG_ID
policy_set users/dgalice.conf <<'EOF_POLICY'
bind_roots = {"~"}
EOF_POLICY

# Bob's named volume, with a secret in it (written as root: the volume
# root is root's and bob runs as himself).
expect_ok dk dgbob volume create "$vol"
dkroot run --rm -v "$vol:/v" "$IMG" sh -c 'echo bob-secret >/v/s; chmod 644 /v/s' \
	>/dev/null 2>&1
check "bob's volume is labelled his" \
	[ "$(dkroot volume inspect -f '{{index .Labels "io.docker-gate.owner"}}' "$vol")" = dgbob ]

# The plain forms are refused (t_isolation.sh) ...
expect_fail_msg "" dk dgalice run --rm -v "$vol:/x" "$IMG" cat /x/s
# ... and so must be the volume-bind form naming his volume.
opt="type=volume,src=$vol,dst=/x,volume-opt=type=none,volume-opt=o=bind"
run_cmd dk dgalice run --rm --mount "$opt,volume-opt=device=$home" "$IMG" cat /x/s
check "alice cannot mount bob's volume through volume-opt=device=~ (rc=$RC)" \
	[ "$RC" -ne 0 ]
check "alice got nothing of bob's volume" lacks "$OUT" bob-secret

# The same through the raw API, with a Mounts entry.
body="{\"Image\":\"$IMG\",\"Cmd\":[\"cat\",\"/x/s\"],\"HostConfig\":{\"Mounts\":[{\"Type\":\"volume\",\"Source\":\"$vol\",\"Target\":\"/x\",\"VolumeOptions\":{\"DriverConfig\":{\"Name\":\"local\",\"Options\":{\"type\":\"none\",\"o\":\"bind\",\"device\":\"$home\"}}}}]}}"
raw dgalice POST /v1.41/containers/create "$body"
id=$(printf '%s' "$RAW_BODY" | sed -n 's/.*"Id":"\([0-9a-f]\{64\}\)".*/\1/p')
check "raw create naming bob's volume with bind options is refused (status $RAW_STATUS)" \
	fails is_id "$id"
[ -z "$id" ] || dg_rm_containers "$id"

dkroot volume rm -f "$vol" >/dev/null 2>&1
dg_done
