/*
 * The run-option keys of policy 1.2: parse-time checks of their entries,
 * the unit parsers of the resource keys, and the matching the evaluator
 * uses (eval_options.c).  Entries are compared with the gate's canonical
 * forms (include/docker-gate/plugin.h, struct dg_create).
 */
#ifndef DGP_OPTIONS_H
#define DGP_OPTIONS_H

#include <stddef.h>

/* Largest values the resource keys accept. */
#define DGP_MEMORY_MAX (1LL << 50)	       /* 1 PiB */
#define DGP_CPUS_MAX   (1024LL * 1000000000LL) /* 1024 CPUs, in nano-CPUs */

/* cap_add: a capability name ("NET_ADMIN", "CAP_NET_ADMIN") or ALL. */
int dgp_cap_check(const char *item, char *err, size_t errlen);
/* 1 when entry allows the canonical capability cap ("CAP_X" or "ALL"). */
int dgp_cap_match(const char *entry, const char *cap);

/* devices: "/dev/PATH" or "/dev/PATH:PERMS" (PERMS letters of rwm). */
int dgp_device_check(const char *item, char *err, size_t errlen);
int dgp_device_match(const char *entry, const char *host, const char *perms);

int dgp_cgrule_check(const char *item, char *err, size_t errlen);
/* host_namespaces: network, pid, ipc, uts, userns, cgroupns. */
int dgp_ns_check(const char *item, char *err, size_t errlen);
/* The DG_NS_* bit of a host_namespaces entry, 0 if none. */
unsigned int dgp_ns_bit(const char *item);
/* The CLI flag of one DG_NS_* bit ("--network host"). */
const char *dgp_ns_flag(unsigned int bit);
int dgp_secopt_check(const char *item, char *err, size_t errlen);
int dgp_runtime_check(const char *item, char *err, size_t errlen);
/* networks: bridge, none, user, shared. */
int dgp_network_check(const char *item, char *err, size_t errlen);
/* sysctls: a name, or a prefix ending in ".*" ("net.ipv4.*"). */
int dgp_sysctl_check(const char *item, char *err, size_t errlen);
int dgp_sysctl_match(const char *entry, const char *name);

/* "512m", "2g", "1048576" (bytes; b k m g t, powers of 1024), as docker
 * reads -m.  0, or -1. */
int dgp_parse_size(const char *s, long long *out);
/* "1.5" CPUs to nano-CPUs, as docker reads --cpus.  0, or -1. */
int dgp_parse_cpus(const char *s, long long *out);
/* Back to text for messages: "512m", "1.5". */
void dgp_format_size(long long bytes, char *buf, size_t len);
void dgp_format_cpus(long long nano, char *buf, size_t len);
/* A size for totals in messages, in the largest unit it reaches: "2g",
 * "512m", "1.5g" (two decimals at most: "1.33g"). */
void dgp_format_size_total(long long bytes, char *buf, size_t len);

#endif
