/*
 * Shared between the parts of policy evaluation (policy_eval.c,
 * eval_user.c, eval_mounts.c); not part of any interface.
 */
#ifndef DGP_EVAL_INTERNAL_H
#define DGP_EVAL_INTERNAL_H

#include "docker-gate/plugin.h"
#include "effective.h"
#include "template.h"

/* "alice", or "uid 1001" for a user without a name. */
#define DGP_WHO_MAX 64
/* "uid:gid" of the caller. */
#define DGP_ME_MAX 48

struct dgp_eval {
	const struct dg_user *u;
	char who[DGP_WHO_MAX];
	char me[DGP_ME_MAX];
	struct dgp_tpl_vars vars;
	struct dgp_effective eff;
	struct dg_decision *dec;
	enum dgp_key decider; /* the most specific key consulted so far */
	int as_caller;	      /* the process runs as the caller */
};

static inline long long dgp_ev_num(const struct dgp_eval *ev, enum dgp_key k)
{
	return ev->eff.keys[k].num;
}

/* Writes the refusal and rule for key k; returns DG_DENY. */
int dgp_ev_deny(struct dgp_eval *ev, enum dgp_key k, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* An internal failure (fail closed); returns DG_ERROR. */
int dgp_ev_error(struct dgp_eval *ev, enum dgp_key k, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The -u rules; is_exec selects the exec wording.  DG_ALLOW or DG_DENY,
 * and may fill ev->dec->force.user. */
int dgp_eval_user(struct dgp_eval *ev, const struct dg_runas *ra, int is_exec);

/* Bind mounts and published ports of a create. */
int dgp_eval_mounts(struct dgp_eval *ev, const struct dg_create *c);
int dgp_eval_ports(struct dgp_eval *ev, const struct dg_create *c);

/* --cap-add, devices, host namespaces, --security-opt, --runtime,
 * --sysctl (eval_options.c). */
int dgp_eval_options(struct dgp_eval *ev, const struct dg_create *c);
/* Memory and CPUs of a create; sets the forced defaults. */
int dgp_eval_resources(struct dgp_eval *ev, const struct dg_resources *r);
/* docker update. */
int dgp_eval_update(struct dgp_eval *ev, const struct dg_update *u);
/* Per-user totals of a create or update (eval_totals.c, policy 1.3);
 * the create's forced resources must be in ev->dec->force already. */
int dgp_eval_totals_create(struct dgp_eval *ev, const struct dg_request *req);
int dgp_eval_totals_update(struct dgp_eval *ev, const struct dg_request *req);
/* docker import, docker push (eval_images.c, policy 1.3). */
int dgp_eval_import(struct dgp_eval *ev);
int dgp_eval_push(struct dgp_eval *ev);

#endif
