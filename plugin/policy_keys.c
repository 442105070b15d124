/*
 * The key table.  Built-in defaults are the restrictive policy that
 * applies when no default.conf exists (same as policies/default.conf):
 * nothing privileged, no root, run as the caller, no host paths, no
 * published ports, 512 pids, no-new-privileges, every capability dropped.
 */
#include "policy_keys.h"

#include <stdio.h>
#include <string.h>

#include "images.h"
#include "options.h"
#include "paths.h"
#include "ports.h"
#include "run_options.h"

const struct dgp_keydef dgp_keys[DGP_NKEYS] = {
	[DGP_PRIVILEGED] = {"privileged", DGP_BOOL, 0, 0, 1, NULL},
	[DGP_ALLOW_ROOT] = {"allow_root", DGP_BOOL, 0, 0, 1, NULL},
	[DGP_RUN_AS_CALLER] = {"run_as_caller", DGP_BOOL, 1, 0, 1, NULL},
	[DGP_CALLER_GROUPS] = {"caller_groups", DGP_BOOL, 0, 0, 1, NULL},
	[DGP_BIND_ROOTS] = {"bind_roots", DGP_LIST, 0, 0, 0,
			    dgp_bind_root_check},
	[DGP_BIND_READONLY] = {"bind_readonly", DGP_BOOL, 0, 0, 1, NULL},
	[DGP_PORTS] = {"ports", DGP_LIST, 0, 0, 0, dgp_port_rule_check},
	[DGP_PUBLISH_RANDOM] = {"publish_random", DGP_BOOL, 0, 0, 1, NULL},
	[DGP_PIDS_LIMIT] = {"pids_limit", DGP_INT, 512, 0, DGP_PIDS_LIMIT_MAX,
			    NULL},
	[DGP_NO_NEW_PRIVILEGES] = {"no_new_privileges", DGP_BOOL, 1, 0, 1,
				   NULL},
	[DGP_CAP_DROP_ALL] = {"cap_drop_all", DGP_BOOL, 1, 0, 1, NULL},
	/* docker build: RUN steps run as root with docker's default
	 * capabilities and no pids limit, whatever the keys above say. */
	[DGP_BUILD] = {"build", DGP_BOOL, 0, 0, 1, NULL},
	/* See and act on every user's containers, volumes and execs. */
	[DGP_ADMIN_VIEW] = {"admin_view", DGP_BOOL, 0, 0, 1, NULL},
	/* Containers one user may have at once, any state; 0: no limit. */
	[DGP_MAX_CONTAINERS] = {"max_containers", DGP_INT, 0, 0, 100000, NULL},
	/* Allow-lists: empty means the option is refused. */
	[DGP_CAP_ADD] = {"cap_add", DGP_LIST, 0, 0, 0, dgp_cap_check},
	[DGP_DEVICES] = {"devices", DGP_LIST, 0, 0, 0, dgp_device_check},
	[DGP_DEVICE_CGROUP_RULES] = {"device_cgroup_rules", DGP_LIST, 0, 0, 0,
				     dgp_cgrule_check},
	[DGP_GPUS] = {"gpus", DGP_BOOL, 0, 0, 1, NULL},
	[DGP_HOST_NAMESPACES] = {"host_namespaces", DGP_LIST, 0, 0, 0,
				 dgp_ns_check},
	[DGP_SECURITY_OPT] = {"security_opt", DGP_LIST, 0, 0, 0,
			      dgp_secopt_check},
	[DGP_RUNTIMES] = {"runtimes", DGP_LIST, 0, 0, 0, dgp_runtime_check},
	[DGP_SYSCTLS] = {"sysctls", DGP_LIST, 0, 0, 0, dgp_sysctl_check},
	/* Resources: a maximum, and the value a container that asks for
	 * none gets (0: none forced). */
	[DGP_MAX_MEMORY] = {"max_memory", DGP_INT, 0, 0, DGP_MEMORY_MAX, NULL,
			    dgp_parse_size},
	[DGP_MEMORY] = {"memory", DGP_INT, 0, 0, DGP_MEMORY_MAX, NULL,
			dgp_parse_size},
	[DGP_MAX_CPUS] = {"max_cpus", DGP_INT, 0, 0, DGP_CPUS_MAX, NULL,
			  dgp_parse_cpus},
	[DGP_CPUS] = {"cpus", DGP_INT, 0, 0, DGP_CPUS_MAX, NULL,
		      dgp_parse_cpus},
	/* Networks a container may join: bridge, none, user (networks of
	 * one's own: docker network create), shared (by an administrator).
	 * Never set anywhere: bridge and none (eval_networks.c). */
	[DGP_NETWORKS] = {"networks", DGP_LIST, 0, 0, 0, dgp_network_check},
	/* Networks one user may have at once; 0: no limit. */
	[DGP_MAX_NETWORKS] = {"max_networks", DGP_INT, 0, 0, 100000, NULL},
	/* Image patterns a user may run and pull; no file setting the key
	 * means any image (eval_images.c). */
	[DGP_IMAGES] = {"images", DGP_LIST, 0, 0, 0, dgp_image_pattern_check},
	/* Policy 1.3 (run_options.h).  Allow-lists: empty refuses the
	 * option, except the harmless values named in README.md. */
	[DGP_LOG_DRIVERS] = {"log_drivers", DGP_LIST, 0, 0, 0,
			     dgp_log_driver_check},
	[DGP_LOG_OPTS] = {"log_opts", DGP_LIST, 0, 0, 0, dgp_log_opt_check},
	[DGP_ULIMITS] = {"ulimits", DGP_LIST, 0, 0, 0, dgp_ulimit_check},
	[DGP_TMPFS_OPTIONS] = {"tmpfs_options", DGP_LIST, 0, 0, 0,
			       dgp_tmpfs_option_check},
	[DGP_MAX_TMPFS_SIZE] = {"max_tmpfs_size", DGP_INT, 0, 0, DGP_MEMORY_MAX,
				NULL, dgp_parse_size},
	/* Forced when set ($USER, $UID); a request's own is refused. */
	[DGP_CGROUP_PARENT] = {"cgroup_parent", DGP_STR, 0, 0, 0,
			       dgp_cgroup_parent_check},
	[DGP_OOM_KILL_DISABLE] = {"oom_kill_disable", DGP_BOOL, 0, 0, 1, NULL},
	[DGP_MIN_OOM_SCORE_ADJ] = {"min_oom_score_adj", DGP_INT, 0, -1000, 0,
				   NULL},
	[DGP_READ_ONLY] = {"read_only", DGP_BOOL, 0, 0, 1, NULL},
	[DGP_INIT] = {"init", DGP_BOOL, 0, 0, 1, NULL},
	[DGP_RESTART] = {"restart", DGP_LIST, 0, 0, 0, dgp_restart_check},
	/* docker's default weight: more is taken from other users */
	[DGP_MAX_CPU_SHARES] = {"max_cpu_shares", DGP_INT, 1024, 0,
				DGP_CPU_SHARES_MAX, NULL},
	[DGP_CPUSET_CPUS] = {"cpuset_cpus", DGP_LIST, 0, 0, 0,
			     dgp_cpuset_check},
	[DGP_CPUSET_MEMS] = {"cpuset_mems", DGP_LIST, 0, 0, 0,
			     dgp_cpuset_check},
	[DGP_BLKIO] = {"blkio", DGP_BOOL, 0, 0, 1, NULL},
	[DGP_MAX_STORAGE_SIZE] = {"max_storage_size", DGP_INT, 0, 0,
				  DGP_MEMORY_MAX, NULL, dgp_parse_size},
	/* Totals over all of one user's containers, any state (0: none).
	 * A container without a limit counts as over any total. */
	[DGP_MAX_TOTAL_MEMORY] = {"max_total_memory", DGP_INT, 0, 0,
				  DGP_MEMORY_MAX, NULL, dgp_parse_size},
	[DGP_MAX_TOTAL_CPUS] = {"max_total_cpus", DGP_INT, 0, 0, DGP_CPUS_MAX,
				NULL, dgp_parse_cpus},
	[DGP_MAX_TOTAL_PIDS] = {"max_total_pids", DGP_INT, 0, 0,
				DGP_TOTAL_PIDS_MAX, NULL},
	/* docker import (a tar from the client) into the user's own image
	 * namespace; docker push of names in that namespace. */
	[DGP_IMPORT] = {"import", DGP_BOOL, 0, 0, 1, NULL},
	[DGP_PUSH] = {"push", DGP_BOOL, 0, 0, 1, NULL},
	/* BuildKit: POST /session and /build?version=2 (with build).  The
	 * gate cannot see inside the session, so this is for trusted users
	 * only (policies/README.md). */
	[DGP_BUILDKIT] = {"buildkit", DGP_BOOL, 0, 0, 1, NULL},
};

const struct dgp_tpl_vars dgp_sample_vars = {"/home/user", "user", 1000};

int dgp_key_lookup(const char *name)
{
	int i;

	for (i = 0; i < DGP_NKEYS; i++)
		if (strcmp(dgp_keys[i].name, name) == 0)
			return i;
	return -1;
}

int dgp_key_check_item(enum dgp_key k, const char *item, char *err,
		       size_t errlen)
{
	const unsigned char *p;

	if (item[0] == '\0') {
		snprintf(err, errlen, "empty entry in %s", dgp_keys[k].name);
		return -1;
	}
	if (strlen(item) >= DGP_ITEM_MAX) {
		snprintf(err, errlen, "entry in %s longer than %d bytes",
			 dgp_keys[k].name, DGP_ITEM_MAX - 1);
		return -1;
	}
	for (p = (const unsigned char *)item; *p; p++) {
		if (*p < 0x20 || *p == 0x7f) {
			snprintf(err, errlen,
				 "control character in an entry of %s",
				 dgp_keys[k].name);
			return -1;
		}
	}
	return dgp_keys[k].check_item(item, err, errlen);
}
