#!/bin/bash
# The default policy publishes no ports: -p in any form and -P are refused.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

p=$DG_PORT_BASE
expect_denied "-p 127.0.0.1:$p:8080" dk dgalice run -d \
	-p "127.0.0.1:$p:8080" "$IMG" true
expect_denied "-p $p:8080" dk dgalice run -d -p "$p:8080" "$IMG" true
expect_denied "-P" dk dgalice run -d -P --expose 8080 "$IMG" true
check "nothing was created" [ -z "$(dkroot ps -aq)" ]

dg_done
