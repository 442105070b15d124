#!/bin/bash
# Red team: under the default policy (allow_root = false, run_as_caller,
# pids_limit, cap_drop_all, no_new_privileges) the classic builder still
# runs every RUN step in a container dockerd configures itself: as the
# image's user (root), with docker's default capabilities, no pids limit
# (a fork bomb in a RUN step takes the host's pids) and no
# no-new-privileges.  Either the default policy refuses such builds, or
# the RUN containers get the restrictions every other container gets.
# shellcheck disable=SC2016 # $1 in sh -c scripts is meant for sh
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

home=$(dg_home dgalice)
as_user dgalice sh -c 'mkdir -p rtctx && printf "%s\n" "FROM $1" \
	"RUN echo \"RT uid=\$(id -u) pids=\$(cat /sys/fs/cgroup/pids.max /sys/fs/cgroup/pids/pids.max 2>/dev/null) \$(grep -E \"^(CapEff|NoNewPrivs)\" /proc/self/status | tr -s \"\\t\\n\" \"  \")\"" \
	>rtctx/Dockerfile' sh "$IMG"

run_cmd as_user dgalice DOCKER_BUILDKIT=0 docker build --no-cache \
	-t dgalice/rt:1 "$home/rtctx"
line=$(printf '%s\n' "$OUT" | grep '^RT uid=' | head -n 1)
if [ "$RC" -ne 0 ] && [ -z "$line" ]; then
	check "the build is refused outright ($(printf '%s' "$ERR" | tail -n 1))" \
		contains "$ERR" "docker-gate:"
else
	printf '# %s\n' "$line"
	check "a RUN step does not run as root" lacks "$line" "uid=0 "
	check "a RUN step has a pids limit" lacks "$line" "pids=max"
	check "a RUN step has no capabilities" contains "$line" \
		"CapEff: 0000000000000000"
	check "a RUN step has no-new-privileges" contains "$line" "NoNewPrivs: 1"
fi
dg_done
