/*
 * The run-option keys of policy 1.3: parse-time checks of their entries
 * and the matching the evaluator uses (eval_run.c, eval_limits.c).
 * Entries are compared with the gate's canonical forms
 * (include/docker-gate/plugin.h: struct dg_create since 1.3).
 */
#ifndef DGP_RUN_OPTIONS_H
#define DGP_RUN_OPTIONS_H

#include <stddef.h>

#include "cpuset.h"
#include "docker-gate/plugin.h"
#include "template.h"

#define DGP_CPU_SHARES_MAX 262144     /* the kernel's largest cpu.shares */
#define DGP_CPUSET_MAX	   CPUSET_MAX /* gate/cpuset.h */
#define DGP_CGROUP_MAX	   DG_FORCE_CGROUP_MAX

/* log_drivers: names such as "json-file", "local". */
int dgp_log_driver_check(const char *item, char *err, size_t errlen);
/* log_opts: option names such as "max-size", "max-file". */
int dgp_log_opt_check(const char *item, char *err, size_t errlen);

/* ulimits: "NAME", "NAME=MAX" or "NAME=SOFT:HARD" (maxima). */
int dgp_ulimit_check(const char *item, char *err, size_t errlen);
int dgp_ulimit_match(const char *entry, const struct dg_ulimit *u);

/* tmpfs_options: option names the gate passes ("exec", "uid", ...). */
int dgp_tmpfs_option_check(const char *item, char *err, size_t errlen);
/* 1 for the options every tmpfs may use: ro rw noexec nosuid nodev
 * size mode. */
int dgp_tmpfs_option_free(const char *name);

/* cgroup_parent: a slice name or cgroup path; $USER and $UID. */
int dgp_cgroup_parent_check(const char *item, char *err, size_t errlen);
int dgp_cgroup_parent_expand(const char *tpl, const struct dgp_tpl_vars *v,
			     char *out, size_t len, char *err, size_t errlen);

/* restart: "on-failure", "on-failure:N" (at most N retries),
 * "unless-stopped", "always" ("no" is always allowed). */
int dgp_restart_check(const char *item, char *err, size_t errlen);
int dgp_restart_match(const char *entry, const char *name, long long retries);

/* cpuset_cpus, cpuset_mems: "0-3,6" as --cpuset-cpus takes them. */
int dgp_cpuset_check(const char *item, char *err, size_t errlen);
/* Sets the bits of list s in bits (DGP_CPUSET_MAX bits).  0 or -1. */
int dgp_cpuset_parse(const char *s, unsigned char *bits);

#endif
