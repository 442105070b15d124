/*
 * Usage totals: see usage.h.
 */
#include <limits.h>
#include <string.h>

#include "usage.h"

void usage_init(struct dg_usage *u)
{
	memset(u, 0, sizeof(*u));
	u->size = sizeof(*u);
}

static long long positive(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	long long n = json_is_integer(v) ? json_integer_value(v) : 0;

	return n > 0 ? n : 0;
}

/* quota/period CPUs in nano-CPUs, saturating. */
static long long quota_nanos(long long quota, long long period)
{
	long double n;

	if (quota <= 0)
		return 0;
	if (period <= 0)
		period = USAGE_CPU_PERIOD_DEFAULT;
	n = (long double)quota * 1e9L / (long double)period;
	return n >= (long double)LLONG_MAX ? LLONG_MAX : (long long)n;
}

void usage_limits(const json_t *hc, struct dg_resources *r)
{
	memset(r, 0, sizeof(*r));
	r->memory = positive(hc, "Memory");
	r->memory_swap = positive(hc, "MemorySwap");
	r->nano_cpus = positive(hc, "NanoCpus");
	if (!r->nano_cpus) {
		r->nano_cpus = quota_nanos(positive(hc, "CpuQuota"),
					   positive(hc, "CpuPeriod"));
		r->cpu_quota_set = r->nano_cpus > 0;
	}
	r->pids_limit = positive(hc, "PidsLimit");
}

static void add(long long *sum, long long v)
{
	*sum = *sum > LLONG_MAX - v ? LLONG_MAX : *sum + v;
}

void usage_add(struct dg_usage *u, const struct dg_resources *r)
{
	add(&u->containers, 1);
	add(&u->memory, r->memory);
	add(&u->nano_cpus, r->nano_cpus);
	add(&u->pids, r->pids_limit);
	add(&u->unlimited_memory, r->memory <= 0);
	add(&u->unlimited_cpus, r->nano_cpus <= 0);
	add(&u->unlimited_pids, r->pids_limit <= 0);
}
