#!/bin/bash
# max_total_cpus and max_total_pids: the --cpus and --pids-limit of all of
# a user's containers add up to at most the totals, on docker run and
# docker update; the forced pids_limit counts for a run that gives none.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
need_gate

hc() { dkroot inspect -f "{{.HostConfig.$2}}" "$1"; }
new_id() { printf '%s\n' "$OUT" | tail -n 1; }

policy_set users/dgalice.conf <<'EOF_POLICY'
max_total_cpus = "1.5"
cpus = "0.5"
pids_limit = 100
max_total_pids = 250
EOF_POLICY
run_cmd dk dgalice create --cpus 1 "$IMG" true
one=$(new_id)
check "alice creates a 1-CPU container (rc=$RC) $ERR" is_id "$one"
check "it got the forced pids limit" [ "$(hc "$one" PidsLimit)" = 100 ]
expect_fail_msg "docker run --cpus 1 is refused: the total CPUs of your containers would be 2; your limit is 1.5 (now: 1 container, 1)" \
	dk dgalice create --cpus 1 "$IMG" true
expect_denied "--cpu-quota" dk dgalice create --cpu-quota 50000 "$IMG" true
run_cmd dk dgalice create "$IMG" true
two=$(new_id)
check "a run without --cpus gets 0.5 and fits (rc=$RC) $ERR" is_id "$two"
check "0.5 CPUs forced" [ "$(hc "$two" NanoCpus)" = 500000000 ]
# CPUs are full now (1.5): more is refused, also by update
expect_fail_msg "the total CPUs of your containers would be 2" \
	dk dgalice create "$IMG" true
expect_fail_msg "docker update --cpus 1.5 is refused" \
	dk dgalice update --cpus 1.5 "$one"
expect_ok dk dgalice update --cpus 0.5 "$one"
check "the update applied" [ "$(hc "$one" NanoCpus)" = 500000000 ]

# pids: 100 + 100 now; a third with the forced 100 would be 300
expect_fail_msg "the total processes of your containers would be 300; your limit is 250" \
	dk dgalice create --cpus 0.25 "$IMG" true
run_cmd dk dgalice create --cpus 0.25 --pids-limit 50 "$IMG" true
three=$(new_id)
check "--pids-limit 50 fits (rc=$RC) $ERR" is_id "$three"
expect_fail_msg "docker update --pids-limit 60 is refused: the total processes of your containers would be 260" \
	dk dgalice update --pids-limit 60 "$three"
expect_ok dk dgalice update --pids-limit 40 "$three"
check "the pids update applied" [ "$(hc "$three" PidsLimit)" = 40 ]
# bob is not limited by alice's totals
expect_ok dk dgbob run --rm --cpus 2 "$IMG" true

dg_rm_containers "$one" "$two" "$three"
dg_done
