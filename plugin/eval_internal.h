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

/* List keys (eval_options.c).  dgp_ev_allows: 1 when an entry of list
 * key k matches want; an overflowed list matches nothing (fail closed).
 * dgp_ev_allowed_text: "a, b, c" or "none", for messages. */
#define DGP_ALLOWED_TEXT_MAX 400
typedef int (*dgp_match_fn)(const char *entry, const void *want);
int dgp_ev_allows(const struct dgp_eval *ev, enum dgp_key k, dgp_match_fn match,
		  const void *want);
const char *dgp_ev_allowed_text(const struct dgp_eval *ev, enum dgp_key k,
				char *buf, size_t len);

/* The -u rules; is_exec selects the exec wording.  DG_ALLOW or DG_DENY,
 * and may fill ev->dec->force.user. */
int dgp_eval_user(struct dgp_eval *ev, const struct dg_runas *ra, int is_exec);

/* Bind mounts and published ports of a create. */
int dgp_eval_mounts(struct dgp_eval *ev, const struct dg_create *c);
int dgp_eval_ports(struct dgp_eval *ev, const struct dg_create *c);

/* --cap-add, devices, host namespaces, --security-opt, --runtime,
 * --sysctl (eval_options.c). */
int dgp_eval_options(struct dgp_eval *ev, const struct dg_create *c);
/* The images key (eval_images.c): the image of a create, a pull,
 * whether the user may use any image (no file sets images, or "*"), and
 * the user's entries for a message ("a, b" or "none"). */
int dgp_eval_image(struct dgp_eval *ev, const struct dg_create *c);
int dgp_eval_pull(struct dgp_eval *ev, const struct dg_pull *p);
int dgp_images_any(const struct dgp_eval *ev);
const char *dgp_images_allowed(const struct dgp_eval *ev, char *buf,
			       size_t len);
/* Memory and CPUs of a create; sets the forced defaults. */
int dgp_eval_resources(struct dgp_eval *ev, const struct dg_resources *r);
/* Networks (eval_networks.c): of a create, docker network create
 * (max_networks) and docker network connect. */
int dgp_eval_create_networks(struct dgp_eval *ev, const struct dg_create *c);
int dgp_eval_network_create(struct dgp_eval *ev,
			    const struct dg_network_create *n);
int dgp_eval_network_connect(struct dgp_eval *ev,
			     const struct dg_network_connect *n);
/* docker update. */
int dgp_eval_update(struct dgp_eval *ev, const struct dg_update *u);
/* Per-user totals of a create or update (eval_totals.c, policy 1.3);
 * the create's forced resources must be in ev->dec->force already. */
int dgp_eval_totals_create(struct dgp_eval *ev, const struct dg_request *req);
int dgp_eval_totals_update(struct dgp_eval *ev, const struct dg_request *req);
/* docker import, docker push (eval_images.c, policy 1.3). */
int dgp_eval_import(struct dgp_eval *ev);
int dgp_eval_push(struct dgp_eval *ev);

/* Policy 1.3 (eval_run.c): logging, ulimits, tmpfs, cgroup parent, OOM,
 * restart of a create, after dgp_eval_resources; sets their forced
 * settings. */
int dgp_eval_run(struct dgp_eval *ev, const struct dg_create *c);
/* --restart of a create or an update ("" = unchanged: allowed). */
int dgp_eval_restart(struct dgp_eval *ev, const char *name, long long retries,
		     const char *pre);
/* struct dg_limits of a create or an update (eval_limits.c); pre is ""
 * or "docker update ". */
int dgp_eval_limits(struct dgp_eval *ev, const struct dg_limits *l,
		    const char *pre);

#endif
