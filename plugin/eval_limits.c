/*
 * The resources of policy 1.3 (struct dg_limits), for docker run and
 * docker update: --shm-size and --memory-reservation within max_memory
 * (/dev/shm is charged to the container's memory), --cpu-shares within
 * max_cpu_shares, --cpuset-cpus/--cpuset-mems within cpuset_cpus and
 * cpuset_mems, --blkio-weight with blkio, --storage-opt size= within
 * max_storage_size.
 */
#include <stdio.h>
#include <string.h>

#include "eval_internal.h"
#include "options.h"
#include "run_options.h"

#define VAL_MAX 32

static int over_memory(struct dgp_eval *ev, long long want, const char *flag,
		       const char *pre)
{
	long long max = dgp_ev_num(ev, DGP_MAX_MEMORY);
	char a[VAL_MAX], b[VAL_MAX];

	if (max <= 0 || want <= max)
		return DG_ALLOW;
	dgp_format_size(want, a, sizeof(a));
	dgp_format_size(max, b, sizeof(b));
	return dgp_ev_deny(ev, DGP_MAX_MEMORY,
			   "%s%s %s is refused: %s may use at most %s of "
			   "memory (-m %s)",
			   pre, flag, a, ev->who, b, b);
}

/* 1 when every CPU (or node) of want is in the union of key k's lists;
 * an overflowed list allows nothing (fail closed). */
static int cpuset_allowed(const struct dgp_eval *ev, enum dgp_key k,
			  const char *want)
{
	const struct dgp_eff_key *ek = &ev->eff.keys[k];
	unsigned char have[DGP_CPUSET_MAX / 8], asked[DGP_CPUSET_MAX / 8];
	size_t i, n = dgp_eff_count(ek);

	memset(have, 0, sizeof(have));
	memset(asked, 0, sizeof(asked));
	if (ek->overflow || dgp_cpuset_parse(want, asked))
		return 0;
	for (i = 0; i < n; i++)
		if (dgp_cpuset_parse(dgp_eff_item(ek, i), have))
			return 0;
	for (i = 0; i < sizeof(have); i++)
		if (asked[i] & ~have[i])
			return 0;
	return 1;
}

static int eval_cpusets(struct dgp_eval *ev, const struct dg_limits *l,
			const char *pre)
{
	char buf[DGP_ALLOWED_TEXT_MAX];

	if (l->cpuset_cpus[0] &&
	    !cpuset_allowed(ev, DGP_CPUSET_CPUS, l->cpuset_cpus))
		return dgp_ev_deny(ev, DGP_CPUSET_CPUS,
				   "%s--cpuset-cpus %s is refused: CPUs %s may "
				   "pin containers to: %s",
				   pre, l->cpuset_cpus, ev->who,
				   dgp_ev_allowed_text(ev, DGP_CPUSET_CPUS, buf,
						       sizeof(buf)));
	if (l->cpuset_mems[0] &&
	    !cpuset_allowed(ev, DGP_CPUSET_MEMS, l->cpuset_mems))
		return dgp_ev_deny(
			ev, DGP_CPUSET_MEMS,
			"%s--cpuset-mems %s is refused: memory nodes "
			"%s may pin containers to: %s",
			pre, l->cpuset_mems, ev->who,
			dgp_ev_allowed_text(ev, DGP_CPUSET_MEMS, buf,
					    sizeof(buf)));
	return DG_ALLOW;
}

static int eval_storage(struct dgp_eval *ev, long long size)
{
	long long max = dgp_ev_num(ev, DGP_MAX_STORAGE_SIZE);
	char a[VAL_MAX], b[VAL_MAX];

	if (size < 0)
		return DG_ALLOW;
	if (max <= 0)
		return dgp_ev_deny(ev, DGP_MAX_STORAGE_SIZE,
				   "--storage-opt size is refused: %s may not "
				   "set the container's disk size; leave out "
				   "--storage-opt",
				   ev->who);
	dgp_format_size(max, b, sizeof(b));
	if (size == 0 || size > max) {
		dgp_format_size(size, a, sizeof(a));
		return dgp_ev_deny(ev, DGP_MAX_STORAGE_SIZE,
				   "--storage-opt size=%s is refused: %s may "
				   "use at most size=%s%s",
				   a, ev->who, b,
				   size == 0 ? " (0 is no limit)" : "");
	}
	return DG_ALLOW;
}

static int eval_cpu_blkio(struct dgp_eval *ev, const struct dg_limits *l,
			  const char *pre)
{
	long long max = dgp_ev_num(ev, DGP_MAX_CPU_SHARES);

	if (max > 0 && l->cpu_shares > max)
		return dgp_ev_deny(ev, DGP_MAX_CPU_SHARES,
				   "%s--cpu-shares %lld is refused: %s may use "
				   "at most --cpu-shares %lld (more takes CPU "
				   "time from other users)",
				   pre, l->cpu_shares, ev->who, max);
	if (l->blkio_weight && !dgp_ev_num(ev, DGP_BLKIO))
		return dgp_ev_deny(ev, DGP_BLKIO,
				   "%s--blkio-weight %lld is refused: %s may "
				   "not weight disk I/O; leave out "
				   "--blkio-weight",
				   pre, l->blkio_weight, ev->who);
	return DG_ALLOW;
}

int dgp_eval_limits(struct dgp_eval *ev, const struct dg_limits *l,
		    const char *pre)
{
	int rc;

	if (!l->cpuset_cpus || !l->cpuset_mems)
		return dgp_ev_error(ev, DGP_MAX_MEMORY, "malformed request");
	rc = over_memory(ev, l->shm_size, "--shm-size", pre);
	if (rc == DG_ALLOW)
		rc = over_memory(ev, l->memory_reservation,
				 "--memory-reservation", pre);
	if (rc == DG_ALLOW)
		rc = eval_cpu_blkio(ev, l, pre);
	if (rc == DG_ALLOW)
		rc = eval_cpusets(ev, l, pre);
	if (rc == DG_ALLOW)
		rc = eval_storage(ev, l->storage_size);
	return rc;
}
