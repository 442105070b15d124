/*
 * Per-user usage totals (pure): what one container's HostConfig limits
 * are, and their sums over a user's containers (struct dg_usage, plugin
 * ABI 1.3).  The gate reads them from live daemon state at every create
 * and update; nothing is cached.
 */
#ifndef DG_USAGE_H
#define DG_USAGE_H

#include <jansson.h>

#include "docker-gate/plugin.h"

/* dockerd's CFS period when CpuPeriod is 0 (microseconds). */
#define USAGE_CPU_PERIOD_DEFAULT 100000LL

/* Zero totals, size set. */
void usage_init(struct dg_usage *u);

/*
 * One container's limits from its inspect HostConfig: Memory, NanoCpus
 * (or CpuQuota/CpuPeriod as the same unit), PidsLimit, MemorySwap.  A
 * missing, null, zero or negative value is "no limit" (0).  CpusetCpus is
 * not read: a container limited only that way counts as unlimited.
 */
void usage_limits(const json_t *hostconfig, struct dg_resources *r);

/* Adds one container (saturating at LLONG_MAX). */
void usage_add(struct dg_usage *u, const struct dg_resources *r);

#endif
