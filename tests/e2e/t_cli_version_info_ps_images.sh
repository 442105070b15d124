#!/bin/bash
# The everyday read-only commands work for an ordinary user through the
# gate: version (with the server part), info, ps, images.
# shellcheck disable=SC2016 # $1 in sh -c scripts is meant for sh
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

expect_out "20.10" dk dgalice version --format '{{.Server.Version}}'
expect_out "API version" dk dgalice version
expect_out "20.10" dk dgalice info --format '{{.ServerVersion}}'
expect_out "Containers:" dk dgalice info
expect_out "CONTAINER ID" dk dgalice ps
expect_out "CONTAINER ID" dk dgalice ps -a
expect_out "$IMG" dk dgalice images --format '{{.Repository}}:{{.Tag}}'
expect_out "local/busybox" dk dgbob images

dg_done
