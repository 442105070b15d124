#!/bin/bash
# A user policy with a port range on 127.0.0.1: a port in it really serves,
# ports outside it, other addresses and -P are still refused.
# shellcheck disable=SC2016 # $1 in sh -c scripts is meant for sh
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

p=$DG_PORT_BASE
policy_set users/dgalice.conf <<EOF_POLICY
ports = {"127.0.0.1:$p-$((p + 9))"}
EOF_POLICY

run_cmd dk dgalice run -d -p "127.0.0.1:$p:8080" "$IMG" \
	sh -c 'echo port-ok >/tmp/index.html && exec httpd -f -p 8080 -h /tmp'
id=$(printf '%s\n' "$OUT" | tail -n 1)
check "run -d -p 127.0.0.1:$p:8080 httpd starts (rc=$RC) $ERR" [ "$RC" -eq 0 ]
url=http://127.0.0.1:$p/
DG_WAIT=15 dg_wait_for curl -sf --max-time 2 "$url"
page=$(curl -sf --max-time 2 "$url")
check "curl $url gets the container's page ('$page')" [ "$page" = port-ok ]
expect_out "127.0.0.1:$p" dk dgalice port "$id"

expect_denied "-p 127.0.0.1:$((p + 10)):8080" dk dgalice run -d \
	-p "127.0.0.1:$((p + 10)):8080" "$IMG" true
expect_denied "-p $((p + 1)):8080" dk dgalice run -d -p "$((p + 1)):8080" "$IMG" true
expect_denied "-P" dk dgalice run -d -P --expose 8080 "$IMG" true
# The range is alice's, not bob's.
expect_denied "-p 127.0.0.1:$((p + 2)):8080" dk dgbob run -d \
	-p "127.0.0.1:$((p + 2)):8080" "$IMG" true

dg_rm_containers "$id"
dg_done
