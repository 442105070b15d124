/*
 * Per-user totals (policy 1.3): max_total_memory, max_total_cpus and
 * max_total_pids over every container the user has, in any state (a
 * stopped container can be started at any time).  The gate counts what
 * the containers hold on live daemon state (struct dg_usage); this file
 * adds what the request asks for and compares.
 *
 * Fail closed everywhere: usage the gate could not count, a new container
 * without a limit, or an existing one without a limit, are all over any
 * total.  On create the policy's forced values (memory, cpus,
 * pids_limit) are what the container gets, so they are what counts.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "eval_internal.h"
#include "options.h"

#define VAL_MAX 32

/* One resource of one request: names for messages and the numbers. */
struct total {
	enum dgp_key key;
	const char *what;      /* "memory" */
	const char *flag;      /* "-m" */
	const char *fix;       /* how to give an unlimited container a limit */
	long long want;	       /* the container's value after the request; 0
				  = no limit */
	long long others;      /* the other containers' sum */
	long long unlim;       /* other containers without a limit */
	long long now;	       /* sum now, this container included */
	long long ncontainers; /* containers now, this one included */
	int asked;	       /* the request named the flag */
};

static void fmt(enum dgp_key k, long long v, char *buf, size_t len)
{
	if (k == DGP_MAX_TOTAL_MEMORY)
		dgp_format_size_total(v, buf, len);
	else if (k == DGP_MAX_TOTAL_CPUS)
		dgp_format_cpus(v, buf, len);
	else
		snprintf(buf, len, "%lld", v);
}

/* Saturating: sums of daemon values must not wrap. */
static long long add(long long a, long long b)
{
	return a > 0x7fffffffffffffffLL - b ? 0x7fffffffffffffffLL : a + b;
}

/* "docker run -m 1g", "docker run --pids-limit 0", or "docker run". */
static void head(const char *pre, const struct total *t, char *buf, size_t len)
{
	char v[VAL_MAX];

	if (!t->asked) {
		snprintf(buf, len, "%s", pre);
		return;
	}
	fmt(t->key, t->want, v, sizeof(v));
	snprintf(buf, len, "%s %s %s", pre, t->flag, v);
}

static int check_total(struct dgp_eval *ev, const char *pre,
		       const struct total *t)
{
	long long max = dgp_ev_num(ev, t->key);
	char lim[VAL_MAX], sum[VAL_MAX], now[VAL_MAX], h[96];

	if (max <= 0)
		return DG_ALLOW;
	fmt(t->key, max, lim, sizeof(lim));
	fmt(t->key, t->now, now, sizeof(now));
	head(pre, t, h, sizeof(h));
	if (t->want <= 0)
		return dgp_ev_deny(
			ev, t->key,
			"%s%s%s is refused: a container without a "
			"%s limit is over any total, and the total "
			"%s of your containers is limited to %s "
			"for %s (now: %lld container%s, %s); give "
			"%s",
			h, t->asked ? "" : " without ", t->asked ? "" : t->flag,
			t->what, t->what, lim, ev->who, t->ncontainers,
			t->ncontainers == 1 ? "" : "s", now, t->flag);
	if (t->unlim > 0)
		return dgp_ev_deny(ev, t->key,
				   "%s is refused: you have %lld other "
				   "container%s without a %s limit, and the "
				   "total %s of your containers is limited to "
				   "%s for %s; give %s one (%s) or remove "
				   "%s (docker ps -a, docker rm)",
				   h, t->unlim, t->unlim == 1 ? "" : "s",
				   t->what, t->what, lim, ev->who,
				   t->unlim == 1 ? "it" : "them", t->fix,
				   t->unlim == 1 ? "it" : "them");
	if (add(t->others, t->want) <= max)
		return DG_ALLOW;
	fmt(t->key, add(t->others, t->want), sum, sizeof(sum));
	return dgp_ev_deny(ev, t->key,
			   "%s is refused: the total %s of your containers "
			   "would be %s; your limit is %s (now: %lld "
			   "container%s, %s); ask for less, or remove "
			   "containers you do not need (docker ps -a, "
			   "docker rm)",
			   h, t->what, sum, lim, t->ncontainers,
			   t->ncontainers == 1 ? "" : "s", now);
}

/* The usage block, if the gate sent one this plugin can read. */
static const struct dg_usage *usage_of(const struct dg_request *req)
{
	if (req->size < offsetof(struct dg_request, usage) + sizeof(req->usage))
		return NULL;
	if (!req->usage || req->usage->size < sizeof(*req->usage))
		return NULL;
	return req->usage;
}

static int any_total(const struct dgp_eval *ev)
{
	return dgp_ev_num(ev, DGP_MAX_TOTAL_MEMORY) > 0 ||
	       dgp_ev_num(ev, DGP_MAX_TOTAL_CPUS) > 0 ||
	       dgp_ev_num(ev, DGP_MAX_TOTAL_PIDS) > 0;
}

static int not_counted(struct dgp_eval *ev, const char *pre)
{
	enum dgp_key k =
		dgp_ev_num(ev, DGP_MAX_TOTAL_MEMORY) > 0 ? DGP_MAX_TOTAL_MEMORY
		: dgp_ev_num(ev, DGP_MAX_TOTAL_CPUS) > 0 ? DGP_MAX_TOTAL_CPUS
							 : DGP_MAX_TOTAL_PIDS;

	return dgp_ev_deny(ev, k,
			   "%s is refused: the resources of your containers "
			   "could not be counted, and %s has limits on their "
			   "total; try again shortly",
			   pre, ev->who);
}

/* --cpu-quota/--cpu-period cannot be summed before dockerd applies
 * them: with a CPU total, CPU time is given with --cpus only. */
static int quota_refused(struct dgp_eval *ev, const char *pre)
{
	return dgp_ev_deny(ev, DGP_MAX_TOTAL_CPUS,
			   "%s--cpu-quota and --cpu-period are refused: the "
			   "total CPUs of %s's containers are limited, and "
			   "counted with --cpus; use --cpus",
			   pre, ev->who);
}

/* What a create's pids limit ends up as (canon_apply.c apply_pids). */
static long long create_pids(long long forced, long long req)
{
	if (forced > 0)
		return req > 0 && req < forced ? req : forced;
	return req > 0 ? req : 0;
}

int dgp_eval_totals_create(struct dgp_eval *ev, const struct dg_request *req)
{
	const struct dg_resources *r = &req->create->res;
	const struct dg_force *f = &ev->dec->force;
	const struct dg_usage *u = usage_of(req);
	const char *pre = "docker run";
	int rc;

	if (!any_total(ev))
		return DG_ALLOW;
	if (!u)
		return not_counted(ev, pre);
	if (r->cpu_quota_set && dgp_ev_num(ev, DGP_MAX_TOTAL_CPUS) > 0)
		return quota_refused(ev, "");
	struct total t[3] = {
		{DGP_MAX_TOTAL_MEMORY, "memory", "-m", "docker update -m SIZE",
		 r->memory > 0 ? r->memory : f->memory, u->memory,
		 u->unlimited_memory, u->memory, u->containers, r->memory > 0},
		{DGP_MAX_TOTAL_CPUS, "CPUs", "--cpus", "docker update --cpus N",
		 r->nano_cpus > 0 ? r->nano_cpus : f->nano_cpus, u->nano_cpus,
		 u->unlimited_cpus, u->nano_cpus, u->containers,
		 r->nano_cpus > 0},
		{DGP_MAX_TOTAL_PIDS, "processes", "--pids-limit",
		 "docker update --pids-limit N",
		 create_pids(dgp_ev_num(ev, DGP_PIDS_LIMIT), r->pids_limit),
		 u->pids, u->unlimited_pids, u->pids, u->containers,
		 r->pids_limit > 0},
	};
	for (size_t i = 0; i < 3; i++) {
		rc = check_total(ev, pre, &t[i]);
		if (rc != DG_ALLOW)
			return rc;
	}
	return DG_ALLOW;
}

/* docker update: only the resources it changes are checked (one it
 * leaves alone cannot raise a total). */
int dgp_eval_totals_update(struct dgp_eval *ev, const struct dg_request *req)
{
	const struct dg_update *up = req->update;
	const struct dg_resources *r = &up->res;
	const struct dg_usage *u = usage_of(req);
	const char *pre = "docker update";
	int rc;

	if (!any_total(ev) || !(r->memory > 0 || r->nano_cpus > 0 ||
				r->cpu_quota_set || up->pids_set))
		return DG_ALLOW;
	if (!u)
		return not_counted(ev, pre);
	if (r->cpu_quota_set && dgp_ev_num(ev, DGP_MAX_TOTAL_CPUS) > 0)
		return quota_refused(ev, "docker update ");
	const struct dg_resources *cur = &u->target;
	long long n = u->containers + 1;
	struct total t[3] = {
		{DGP_MAX_TOTAL_MEMORY, "memory", "-m", "docker update -m SIZE",
		 r->memory, u->memory, u->unlimited_memory,
		 add(u->memory, cur->memory), n, 1},
		{DGP_MAX_TOTAL_CPUS, "CPUs", "--cpus", "docker update --cpus N",
		 r->nano_cpus, u->nano_cpus, u->unlimited_cpus,
		 add(u->nano_cpus, cur->nano_cpus), n, 1},
		{DGP_MAX_TOTAL_PIDS, "processes", "--pids-limit",
		 "docker update --pids-limit N", r->pids_limit, u->pids,
		 u->unlimited_pids, add(u->pids, cur->pids_limit), n, 1},
	};
	int asked[3] = {r->memory > 0, r->nano_cpus > 0, up->pids_set};

	for (size_t i = 0; i < 3; i++) {
		if (!asked[i])
			continue;
		rc = check_total(ev, pre, &t[i]);
		if (rc != DG_ALLOW)
			return rc;
	}
	return DG_ALLOW;
}
