/*
 * The policy keys: one table row per key a policy file may set.  Adding a
 * key is adding a row here, an enum value, and its use in policy_eval.c
 * and describe.c.
 */
#ifndef DGP_POLICY_KEYS_H
#define DGP_POLICY_KEYS_H

#include <stddef.h>

#include "template.h"

enum dgp_key {
	DGP_PRIVILEGED,
	DGP_ALLOW_ROOT,
	DGP_RUN_AS_CALLER,
	DGP_CALLER_GROUPS,
	DGP_BIND_ROOTS,
	DGP_BIND_READONLY,
	DGP_PORTS,
	DGP_PUBLISH_RANDOM,
	DGP_PIDS_LIMIT,
	DGP_NO_NEW_PRIVILEGES,
	DGP_CAP_DROP_ALL,
	DGP_BUILD,
	DGP_ADMIN_VIEW,
	DGP_MAX_CONTAINERS,
	/* policy 1.2: the rest of the run options */
	DGP_CAP_ADD,
	DGP_DEVICES,
	DGP_DEVICE_CGROUP_RULES,
	DGP_GPUS,
	DGP_HOST_NAMESPACES,
	DGP_SECURITY_OPT,
	DGP_RUNTIMES,
	DGP_SYSCTLS,
	DGP_MAX_MEMORY,
	DGP_MEMORY,
	DGP_MAX_CPUS,
	DGP_CPUS,
	/* policy 1.3: networks */
	DGP_NETWORKS,
	DGP_MAX_NETWORKS,
	/* policy 1.3 */
	DGP_IMAGES,
	/* policy 1.3: logging, ulimits, tmpfs, cgroup parent, OOM,
	 * read-only, init, restart, more resources */
	DGP_LOG_DRIVERS,
	DGP_LOG_OPTS,
	DGP_ULIMITS,
	DGP_TMPFS_OPTIONS,
	DGP_MAX_TMPFS_SIZE,
	DGP_CGROUP_PARENT,
	DGP_OOM_KILL_DISABLE,
	DGP_MIN_OOM_SCORE_ADJ,
	DGP_READ_ONLY,
	DGP_INIT,
	DGP_RESTART,
	DGP_MAX_CPU_SHARES,
	DGP_CPUSET_CPUS,
	DGP_CPUSET_MEMS,
	DGP_BLKIO,
	DGP_MAX_STORAGE_SIZE,
	/* policy 1.3: per-user totals, import and push */
	DGP_MAX_TOTAL_MEMORY,
	DGP_MAX_TOTAL_CPUS,
	DGP_MAX_TOTAL_PIDS,
	DGP_IMPORT,
	DGP_PUSH,
	/* BuildKit builds (DOCKER_BUILDKIT=1) */
	DGP_BUILDKIT,
	DGP_NKEYS
};

/* DGP_STR (policy 1.3): one string, stored as a list of at most one
 * entry ("" sets none); never added to with "+=". */
enum dgp_type { DGP_BOOL, DGP_INT, DGP_LIST, DGP_STR };

/* Entries in one list value of one file, and bytes in one entry. */
#define DGP_LIST_MAX 256
#define DGP_ITEM_MAX 1024
/* The kernel's PID_MAX_LIMIT: a larger pids_limit means nothing. */
#define DGP_PIDS_LIMIT_MAX 4194304
/* Largest max_total_pids: a thousand containers at the kernel's limit. */
#define DGP_TOTAL_PIDS_MAX (1000LL * DGP_PIDS_LIMIT_MAX)

struct dgp_keydef {
	const char *name;
	enum dgp_type type;
	long long def;	    /* BOOL/INT: the built-in default */
	long long min, max; /* INT: accepted range */
	/* LIST: parse-time check of one entry; 0 or -1 with err */
	int (*check_item)(const char *item, char *err, size_t errlen);
	/* INT: reads a value with units ("2g", "1.5"); NULL: decimal */
	int (*parse)(const char *s, long long *out);
};

extern const struct dgp_keydef dgp_keys[DGP_NKEYS];

/* The user that parse-time checks expand templates for. */
extern const struct dgp_tpl_vars dgp_sample_vars;

/* Index of the key called name, or -1. */
int dgp_key_lookup(const char *name);

/* Generic checks on one list entry, then the key's own check_item. */
int dgp_key_check_item(enum dgp_key k, const char *item, char *err,
		       size_t errlen);

#endif
