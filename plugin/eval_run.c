/*
 * The run options of policy 1.3 (keys in policy_keys.c, entries in
 * run_options.c): --log-driver/--log-opt, --ulimit, --tmpfs and --mount
 * type=tmpfs, --cgroup-parent, --oom-kill-disable, --oom-score-adj and
 * --restart, plus the settings forced on every container (cgroup parent,
 * --read-only, --init, tmpfs sizes).
 */
#include <stdio.h>
#include <string.h>

#include "eval_internal.h"
#include "options.h"
#include "run_options.h"

#define VAL_MAX 32

static int m_exact(const char *e, const void *w)
{
	return !strcmp(e, (const char *)w);
}

static int m_ulimit(const char *e, const void *w)
{
	return dgp_ulimit_match(e, w);
}

static int eval_logs(struct dgp_eval *ev, const struct dg_create *c)
{
	char buf[DGP_ALLOWED_TEXT_MAX];

	if (c->log_driver[0] &&
	    !dgp_ev_allows(ev, DGP_LOG_DRIVERS, m_exact, c->log_driver))
		return dgp_ev_deny(ev, DGP_LOG_DRIVERS,
				   "--log-driver %s is refused: log drivers "
				   "allowed for %s: %s; leave out --log-driver "
				   "(the daemon's default)",
				   c->log_driver, ev->who,
				   dgp_ev_allowed_text(ev, DGP_LOG_DRIVERS, buf,
						       sizeof(buf)));
	for (size_t i = 0; i < c->nlog_opts; i++) {
		if (dgp_ev_allows(ev, DGP_LOG_OPTS, m_exact, c->log_opts[i]))
			continue;
		return dgp_ev_deny(ev, DGP_LOG_OPTS,
				   "--log-opt %s is refused: log options "
				   "allowed for %s: %s",
				   c->log_opts[i], ev->who,
				   dgp_ev_allowed_text(ev, DGP_LOG_OPTS, buf,
						       sizeof(buf)));
	}
	return DG_ALLOW;
}

static int eval_ulimits(struct dgp_eval *ev, const struct dg_create *c)
{
	char buf[DGP_ALLOWED_TEXT_MAX];

	for (size_t i = 0; i < c->nulimits; i++) {
		const struct dg_ulimit *u = &c->ulimits[i];

		if (dgp_ev_allows(ev, DGP_ULIMITS, m_ulimit, u))
			continue;
		return dgp_ev_deny(
			ev, DGP_ULIMITS,
			"--ulimit %s=%lld:%lld is refused: ulimits "
			"allowed for %s (NAME=SOFT:HARD maxima): %s",
			u->name, u->soft, u->hard, ev->who,
			dgp_ev_allowed_text(ev, DGP_ULIMITS, buf, sizeof(buf)));
	}
	return DG_ALLOW;
}

/* The size of one tmpfs against max_tmpfs_size; a tmpfs that gives none
 * gets the maximum (forced by the caller). */
static int tmpfs_size(struct dgp_eval *ev, const struct dg_tmpfs *t)
{
	long long max = dgp_ev_num(ev, DGP_MAX_TMPFS_SIZE);
	char lim[VAL_MAX], want[VAL_MAX];

	if (max <= 0 || t->size < 0 || (t->size > 0 && t->size <= max))
		return DG_ALLOW;
	dgp_format_size(max, lim, sizeof(lim));
	if (t->size == 0)
		return dgp_ev_deny(ev, DGP_MAX_TMPFS_SIZE,
				   "%s is refused: size=0 is a tmpfs without "
				   "a limit; %s may use at most size=%s",
				   t->cli, ev->who, lim);
	dgp_format_size(t->size, want, sizeof(want));
	return dgp_ev_deny(ev, DGP_MAX_TMPFS_SIZE,
			   "%s is refused: a tmpfs of %s is over the %s "
			   "%s may use",
			   t->cli, want, lim, ev->who);
}

static int eval_tmpfs(struct dgp_eval *ev, const struct dg_create *c)
{
	char buf[DGP_ALLOWED_TEXT_MAX];
	int rc;

	for (size_t i = 0; i < c->ntmpfs; i++) {
		const struct dg_tmpfs *t = &c->tmpfs[i];

		if (t->noptions && !t->options)
			return dgp_ev_error(ev, DGP_TMPFS_OPTIONS,
					    "malformed create request");
		for (size_t j = 0; j < t->noptions; j++) {
			const char *o = t->options[j];

			if (dgp_tmpfs_option_free(o) ||
			    dgp_ev_allows(ev, DGP_TMPFS_OPTIONS, m_exact, o))
				continue;
			return dgp_ev_deny(
				ev, DGP_TMPFS_OPTIONS,
				"%s is refused: tmpfs option %s is not "
				"allowed for %s; allowed beyond ro, rw, "
				"noexec, nosuid, nodev, size, mode: %s",
				t->cli, o, ev->who,
				dgp_ev_allowed_text(ev, DGP_TMPFS_OPTIONS, buf,
						    sizeof(buf)));
		}
		rc = tmpfs_size(ev, t);
		if (rc != DG_ALLOW)
			return rc;
	}
	return DG_ALLOW;
}

/* cgroup_parent set: forced, and a request may only name the same one. */
static int eval_cgroup_parent(struct dgp_eval *ev, const struct dg_create *c)
{
	const struct dgp_eff_key *ek = &ev->eff.keys[DGP_CGROUP_PARENT];
	char out[DGP_CGROUP_MAX], why[256];
	struct dg_force *f = &ev->dec->force;

	if (dgp_eff_count(ek) == 0) {
		if (!c->cgroup_parent[0])
			return DG_ALLOW;
		return dgp_ev_deny(ev, DGP_CGROUP_PARENT,
				   "--cgroup-parent %s is refused: %s may not "
				   "choose a cgroup; leave out "
				   "--cgroup-parent",
				   c->cgroup_parent, ev->who);
	}
	/* fail closed: a template this user's name does not fit */
	if (dgp_cgroup_parent_expand(dgp_eff_item(ek, 0), &ev->vars, out,
				     sizeof(out), why, sizeof(why)) < 0)
		return dgp_ev_error(ev, DGP_CGROUP_PARENT,
				    "cgroup_parent does not apply to %s: %s",
				    ev->who, why);
	if (c->cgroup_parent[0] && strcmp(c->cgroup_parent, out))
		return dgp_ev_deny(ev, DGP_CGROUP_PARENT,
				   "--cgroup-parent %s is refused: containers "
				   "of %s always go under %s; leave out "
				   "--cgroup-parent",
				   c->cgroup_parent, ev->who, out);
	snprintf(f->cgroup_parent, sizeof(f->cgroup_parent), "%s", out);
	return DG_ALLOW;
}

/* After dgp_eval_resources: the memory limit the container will have. */
static int eval_oom(struct dgp_eval *ev, const struct dg_create *c)
{
	long long min = dgp_ev_num(ev, DGP_MIN_OOM_SCORE_ADJ);

	if (c->oom_kill_disable && !dgp_ev_num(ev, DGP_OOM_KILL_DISABLE))
		return dgp_ev_deny(ev, DGP_OOM_KILL_DISABLE,
				   "--oom-kill-disable is refused: %s may not "
				   "turn off the OOM killer; run without it",
				   ev->who);
	if (c->oom_kill_disable && c->res.memory <= 0 &&
	    ev->dec->force.memory <= 0)
		return dgp_ev_deny(ev, DGP_OOM_KILL_DISABLE,
				   "--oom-kill-disable is refused without a "
				   "memory limit (the host would run out of "
				   "memory instead); add -m");
	if (c->oom_score_adj < min)
		return dgp_ev_deny(ev, DGP_MIN_OOM_SCORE_ADJ,
				   "--oom-score-adj %lld is refused: %s may go "
				   "down to %lld (lower values make other "
				   "processes die first when memory runs out)",
				   c->oom_score_adj, ev->who, min);
	return DG_ALLOW;
}

struct restart_want {
	const char *name;
	long long retries;
};

static int m_restart(const char *e, const void *w)
{
	const struct restart_want *r = w;

	return dgp_restart_match(e, r->name, r->retries);
}

int dgp_eval_restart(struct dgp_eval *ev, const char *name, long long retries,
		     const char *pre)
{
	struct restart_want want = {name, retries};
	char buf[DGP_ALLOWED_TEXT_MAX], asked[VAL_MAX + 16];

	if (!name || !name[0] || !strcmp(name, "no") ||
	    dgp_ev_allows(ev, DGP_RESTART, m_restart, &want))
		return DG_ALLOW;
	if (!strcmp(name, "on-failure") && retries > 0)
		snprintf(asked, sizeof(asked), "on-failure:%lld", retries);
	else
		snprintf(asked, sizeof(asked), "%s", name);
	return dgp_ev_deny(
		ev, DGP_RESTART,
		"%s--restart %s is refused: restart policies allowed for %s: "
		"no%s%s (a container that restarts by itself outlives your "
		"session)",
		pre, asked, ev->who,
		dgp_eff_count(&ev->eff.keys[DGP_RESTART]) ? ", " : "",
		dgp_eff_count(&ev->eff.keys[DGP_RESTART])
			? dgp_ev_allowed_text(ev, DGP_RESTART, buf, sizeof(buf))
			: "");
}

int dgp_eval_run(struct dgp_eval *ev, const struct dg_create *c)
{
	struct dg_force *f = &ev->dec->force;
	int rc;

	if ((c->nlog_opts && !c->log_opts) || (c->nulimits && !c->ulimits) ||
	    (c->ntmpfs && !c->tmpfs) || !c->log_driver || !c->cgroup_parent ||
	    !c->restart || !c->limits.cpuset_cpus || !c->limits.cpuset_mems)
		return dgp_ev_error(ev, DGP_LOG_DRIVERS,
				    "malformed create request");
	rc = eval_logs(ev, c);
	if (rc == DG_ALLOW)
		rc = eval_ulimits(ev, c);
	if (rc == DG_ALLOW)
		rc = eval_tmpfs(ev, c);
	if (rc == DG_ALLOW)
		rc = eval_cgroup_parent(ev, c);
	if (rc == DG_ALLOW)
		rc = eval_oom(ev, c);
	if (rc == DG_ALLOW)
		rc = dgp_eval_restart(ev, c->restart, c->restart_retries, "");
	if (rc == DG_ALLOW)
		rc = dgp_eval_limits(ev, &c->limits, "");
	if (rc != DG_ALLOW)
		return rc;
	f->read_only = dgp_ev_num(ev, DGP_READ_ONLY) != 0;
	f->init = dgp_ev_num(ev, DGP_INIT) != 0;
	f->tmpfs_size = dgp_ev_num(ev, DGP_MAX_TMPFS_SIZE);
	return DG_ALLOW;
}
