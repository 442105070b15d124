/*
 * Deciding one typed request against the loaded policy.  Pure: reads the
 * immutable policy and the request, writes only the decision.
 */
#ifndef DGP_POLICY_EVAL_H
#define DGP_POLICY_EVAL_H

#include "docker-gate/plugin.h"
#include "policy.h"

/* The rule reported for routes that carry nothing to decide. */
#define DGP_RULE_ROUTE "built-in: route allowed"

/*
 * DG_ALLOW (dec->force filled), DG_DENY (dec->message says what was
 * refused, why and what is allowed instead) or DG_ERROR; dec->rule always.
 * dec must have been cleared by the caller.
 */
int dgp_eval(const struct dgp_policy *p, const struct dg_request *req,
	     struct dg_decision *dec);

/* The user's effective policy in plain words.  1, or -1 when buf is too
 * small (buf then holds a cut, NUL-terminated text). */
int dgp_describe(const struct dgp_policy *p, const struct dg_user *u, char *buf,
		 size_t len);

#endif
