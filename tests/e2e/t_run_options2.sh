#!/bin/bash
# The run options of policy 1.3, through the real docker CLI: logging,
# ulimits, tmpfs, cgroup parent, OOM, read-only, init, restart and the
# resources beyond memory and CPUs.  Each is refused by the shipped
# default policy and allowed by a user file that lists it, and what
# dockerd receives is what the policy allowed or forced.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

hc() { # hc CONTAINER TEMPLATE: a HostConfig field as dockerd stored it
	dkroot inspect -f "{{.HostConfig.$2}}" "$1"
}

hcx() { # hcx CONTAINER MAP KEY: one entry of a HostConfig map
	dkroot inspect -f "{{index .HostConfig.$2 \"$3\"}}" "$1"
}

# created CMD...: runs a create, leaves the new ID in $id.
created() {
	run_cmd "$@"
	id=$(printf '%s\n' "$OUT" | tail -n 1)
}

# ---- the shipped default policy refuses each of them ----
expect_denied "--log-driver syslog" \
	dk dgalice create --log-driver syslog --log-opt syslog-address=udp://127.0.0.1:514 "$IMG" true
expect_denied "--log-opt max-size" dk dgalice create --log-opt max-size=1m "$IMG" true
expect_denied "--ulimit nofile=1024:2048" dk dgalice create --ulimit nofile=1024:2048 "$IMG" true
expect_denied "--tmpfs /run:exec" dk dgalice create --tmpfs /run:exec "$IMG" true
expect_denied "--tmpfs" dk dgalice create --tmpfs /run:size=0x10 "$IMG" true
expect_denied "--cgroup-parent" dk dgalice create --cgroup-parent gate-x.slice "$IMG" true
expect_denied "--oom-kill-disable" dk dgalice create -m 64m --oom-kill-disable "$IMG" true
expect_denied "--oom-score-adj -500" dk dgalice create --oom-score-adj -500 "$IMG" true
expect_denied "--restart always" dk dgalice create --restart always "$IMG" true
expect_denied "--restart unless-stopped" dk dgalice create --restart unless-stopped "$IMG" true
expect_denied "--cpu-shares 4096" dk dgalice create --cpu-shares 4096 "$IMG" true
expect_denied "--cpuset-cpus 0" dk dgalice create --cpuset-cpus 0 "$IMG" true
expect_denied "--blkio-weight 300" dk dgalice create --blkio-weight 300 "$IMG" true
expect_fail_msg "--device-read-bps is not allowed" \
	dk dgalice create --device-read-bps /dev/null:1mb "$IMG" true
expect_denied "--storage-opt size" dk dgalice create --storage-opt size=1G "$IMG" true
check "nothing was created" [ -z "$(dkroot ps -aq)" ]

# ---- what the shipped default allows ----
created dk dgalice create --log-driver local --read-only --init \
	--restart on-failure:2 --oom-score-adj 100 --cpu-shares 512 \
	--tmpfs /scratch:size=1m,mode=1777 "$IMG" true
check "harmless options allowed (rc=$RC) $ERR" is_id "$id"
check "dockerd got them as asked" [ "$(hc "$id" LogConfig.Type)/$(hc "$id" ReadonlyRootfs)/$(hc "$id" Init)/$(hc "$id" RestartPolicy.Name)/$(hc "$id" OomScoreAdj)/$(hc "$id" CpuShares)" = local/true/true/on-failure/100/512 ]
check "the tmpfs size was forwarded in bytes" \
	[ "$(hcx "$id" Tmpfs /scratch)" = "size=1048576,mode=1777" ]
dg_rm_containers "$id"
created dk dgalice create "$IMG" true
check "plain create allowed (rc=$RC) $ERR" is_id "$id"
check "nothing forced by default" \
	[ "$(hc "$id" ReadonlyRootfs)/$(hc "$id" CgroupParent)" = "false/" ]
dg_rm_containers "$id"

# ---- a user file that allows them ----
driver=$(dkroot info -f '{{.CgroupDriver}}')
# shellcheck disable=SC2016 # templates the policy expands, not the shell
if [ "$driver" = systemd ]; then
	parent_tpl='docker-gate-$UID.slice'
	parent="docker-gate-$(dg_uid dgalice).slice"
else
	parent_tpl='/docker-gate/$USER'
	parent=/docker-gate/dgalice
fi
policy_set users/dgalice.conf <<EOF_POLICY
log_opts = {"max-size", "max-file"}
ulimits = {"nofile=1024:2048", "core"}
tmpfs_options = {"exec"}
max_tmpfs_size = 8m
cgroup_parent = "$parent_tpl"
oom_kill_disable = true
min_oom_score_adj = -500
read_only = true
init = true
restart = {"on-failure", "always"}
max_cpu_shares = 2048
cpuset_cpus = {"0"}
blkio = true
EOF_POLICY

expect_out "1024" dk dgalice run --rm --ulimit nofile=1024:2048 "$IMG" sh -c 'ulimit -n'
expect_denied "--ulimit nofile=4096:4096" dk dgalice create --ulimit nofile=4096:4096 "$IMG" true
# The CLI only sends lower case; dockerd would upper-case any spelling.
raw dgalice POST /v1.41/containers/create \
	"{\"Image\":\"$IMG\",\"HostConfig\":{\"Ulimits\":[{\"Name\":\"NOFILE\",\"Soft\":512,\"Hard\":1024}]}}"
id=$(printf '%s' "$RAW_BODY" | sed -n 's/.*"Id":"\([0-9a-f]*\)".*/\1/p')
check "--ulimit NOFILE allowed ($RAW_STATUS)" is_id "$id"
check "dockerd got the name in lower case" \
	[ "$(dkroot inspect -f '{{range .HostConfig.Ulimits}}{{.Name}}={{.Soft}}:{{.Hard}}{{end}}' "$id")" = "nofile=512:1024" ]
dg_rm_containers "$id"

expect_out "ok" dk dgalice run --rm --tmpfs /x:exec "$IMG" \
	sh -c 'cp /bin/true /x/true && /x/true && echo ok'
expect_denied "--tmpfs /x:size=16m" dk dgalice create --tmpfs /x:size=16m "$IMG" true
expect_denied "--tmpfs /x:suid" dk dgalice create --tmpfs /x:suid "$IMG" true
created dk dgalice create --tmpfs /x --mount type=tmpfs,dst=/y "$IMG" true
check "tmpfs without a size allowed (rc=$RC) $ERR" is_id "$id"
check "the maximum was forced on both" \
	[ "$(hcx "$id" Tmpfs /x)/$(dkroot inspect -f '{{range .HostConfig.Mounts}}{{.TmpfsOptions.SizeBytes}}{{end}}' "$id")" = "size=8388608/8388608" ]
check "--read-only, --init and the cgroup parent forced" \
	[ "$(hc "$id" ReadonlyRootfs)/$(hc "$id" Init)/$(hc "$id" CgroupParent)" = "true/true/$parent" ]
dg_rm_containers "$id"
# shellcheck disable=SC2016 # the container's shell expands it
expect_out "8192" dk dgalice run --rm --tmpfs /x "$IMG" \
	sh -c 'df -k /x | tail -n 1 | awk "{print \$2}"'
expect_ok dk dgalice run --rm --cgroup-parent "$parent" "$IMG" true
expect_denied "--cgroup-parent other.slice" dk dgalice create --cgroup-parent other.slice "$IMG" true

expect_denied "--oom-kill-disable" dk dgalice create --oom-kill-disable "$IMG" true
created dk dgalice create -m 64m --oom-kill-disable --oom-score-adj -500 \
	--restart always --cpu-shares 2048 --cpuset-cpus 0 --blkio-weight 300 \
	--log-opt max-size=1m "$IMG" true
check "the allowed options reach dockerd (rc=$RC) $ERR" is_id "$id"
check "dockerd got them" [ "$(hc "$id" OomKillDisable)/$(hc "$id" OomScoreAdj)/$(hc "$id" RestartPolicy.Name)/$(hc "$id" CpusetCpus)/$(hcx "$id" LogConfig.Config max-size)" = "true/-500/always/0/1m" ]
expect_denied "--oom-score-adj -501" dk dgalice create --oom-score-adj -501 "$IMG" true
expect_denied "--restart unless-stopped" dk dgalice create --restart unless-stopped "$IMG" true

# docker update: the same keys; bob's own default policy
expect_denied "docker update --cpu-shares 4096" dk dgalice update --cpu-shares 4096 "$id"
expect_ok dk dgalice update --cpu-shares 1000 --restart on-failure "$id"
check "update applied" [ "$(hc "$id" CpuShares)/$(hc "$id" RestartPolicy.Name)" = 1000/on-failure ]
dg_rm_containers "$id"
bobs=$(dg_sleeper dgbob)
expect_denied "docker update --restart always" dk dgbob update --restart always "$bobs"
expect_denied "docker update --cpuset-cpus 0" dk dgbob update --cpuset-cpus 0 "$bobs"
dg_rm_containers "$bobs"
dg_done
