/*
 * Memory, CPUs and processes, for docker run and docker update.  A
 * maximum refuses more; a container that asks for nothing gets the
 * policy's default (or the maximum).  Unlimited spellings (0 and -1 for
 * --pids-limit, -1 for --memory-swap) count as over any maximum.
 */
#include <stdio.h>
#include <string.h>

#include "eval_internal.h"
#include "options.h"

#define VAL_MAX 32

static int over_memory(struct dgp_eval *ev, const struct dg_resources *r,
		       const char *pre)
{
	long long max = dgp_ev_num(ev, DGP_MAX_MEMORY);
	char want[VAL_MAX], lim[VAL_MAX];

	if (max <= 0)
		return DG_ALLOW;
	dgp_format_size(max, lim, sizeof(lim));
	if (r->memory > max) {
		dgp_format_size(r->memory, want, sizeof(want));
		return dgp_ev_deny(ev, DGP_MAX_MEMORY,
				   "%s-m %s is refused: %s may use at most "
				   "-m %s",
				   pre, want, ev->who, lim);
	}
	if (r->memory_swap < 0 || r->memory_swap > 2 * max) {
		if (r->memory_swap < 0)
			snprintf(want, sizeof(want), "-1");
		else
			dgp_format_size(r->memory_swap, want, sizeof(want));
		dgp_format_size(2 * max, lim, sizeof(lim));
		return dgp_ev_deny(ev, DGP_MAX_MEMORY,
				   "%s--memory-swap %s is refused: memory "
				   "plus swap may be at most %s for %s",
				   pre, want, lim, ev->who);
	}
	return DG_ALLOW;
}

static int over_cpus(struct dgp_eval *ev, const struct dg_resources *r,
		     const char *pre, int forcing)
{
	long long max = dgp_ev_num(ev, DGP_MAX_CPUS);
	char want[VAL_MAX], lim[VAL_MAX];

	dgp_format_cpus(max > 0 ? max : dgp_ev_num(ev, DGP_CPUS), lim,
			sizeof(lim));
	if (max > 0 && r->nano_cpus > max) {
		dgp_format_cpus(r->nano_cpus, want, sizeof(want));
		return dgp_ev_deny(ev, DGP_MAX_CPUS,
				   "%s--cpus %s is refused: %s may use at "
				   "most --cpus %s",
				   pre, want, ev->who, lim);
	}
	/* dockerd refuses NanoCpus together with a quota: say why first */
	if (r->cpu_quota_set && (max > 0 || forcing))
		return dgp_ev_deny(ev, max > 0 ? DGP_MAX_CPUS : DGP_CPUS,
				   "%s--cpu-quota and --cpu-period are "
				   "refused: CPU time is limited with --cpus "
				   "for %s (at most %s); use --cpus",
				   pre, ev->who, lim);
	return DG_ALLOW;
}

/* What a container that asked for no limit gets: the default, at most
 * the maximum; or the maximum; or nothing. */
static long long forced(long long def, long long max)
{
	if (def > 0 && (max <= 0 || def <= max))
		return def;
	return max > 0 ? max : 0;
}

int dgp_eval_resources(struct dgp_eval *ev, const struct dg_resources *r)
{
	long long mem = forced(dgp_ev_num(ev, DGP_MEMORY),
			       dgp_ev_num(ev, DGP_MAX_MEMORY));
	long long cpu =
		forced(dgp_ev_num(ev, DGP_CPUS), dgp_ev_num(ev, DGP_MAX_CPUS));
	int rc = over_memory(ev, r, "");

	if (rc == DG_ALLOW)
		rc = over_cpus(ev, r, "", r->nano_cpus == 0 && cpu > 0);
	if (rc != DG_ALLOW)
		return rc;
	ev->dec->force.memory = r->memory > 0 ? 0 : mem;
	ev->dec->force.nano_cpus = r->nano_cpus > 0 ? 0 : cpu;
	return DG_ALLOW;
}

int dgp_eval_update(struct dgp_eval *ev, const struct dg_update *u)
{
	const char *pre = "docker update ";
	long long pids = dgp_ev_num(ev, DGP_PIDS_LIMIT);
	int rc;

	if (!u || u->size < sizeof(*u))
		return dgp_ev_error(ev, DGP_MAX_MEMORY,
				    "malformed update request");
	rc = over_memory(ev, &u->res, pre);
	if (rc == DG_ALLOW)
		rc = over_cpus(ev, &u->res, pre, 0);
	if (rc != DG_ALLOW)
		return rc;
	if (u->pids_set && pids > 0 &&
	    (u->res.pids_limit <= 0 || u->res.pids_limit > pids))
		return dgp_ev_deny(ev, DGP_PIDS_LIMIT,
				   "%s--pids-limit %lld is refused: %s may "
				   "run at most %lld processes per container",
				   pre, u->res.pids_limit, ev->who, pids);
	rc = dgp_eval_restart(ev, u->restart, u->restart_retries, pre);
	if (rc == DG_ALLOW)
		rc = dgp_eval_limits(ev, &u->limits, pre);
	if (rc != DG_ALLOW)
		return rc;
	memset(&ev->dec->force, 0, sizeof(ev->dec->force));
	return DG_ALLOW;
}
