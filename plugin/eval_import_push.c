/*
 * docker import and docker push (policy 1.3): each is its own permission,
 * off by default.  Which names they may write or push is the gate's rule
 * (the user's own image namespace, checked before the policy is asked);
 * this file only says whether the user may do it at all.
 */
#include <string.h>

#include "eval_internal.h"

static int eval_switch(struct dgp_eval *ev, enum dgp_key k, const char *cmd,
		       const char *why)
{
	if (!dgp_ev_num(ev, k))
		return dgp_ev_deny(ev, k,
				   "%s is refused: %s is not allowed for %s; "
				   "ask your administrator for %s = true",
				   cmd, why, ev->who, dgp_keys[k].name);
	memset(&ev->dec->force, 0, sizeof(ev->dec->force));
	return DG_ALLOW;
}

int dgp_eval_import(struct dgp_eval *ev)
{
	return eval_switch(ev, DGP_IMPORT, "docker import",
			   "importing images from a tar file");
}

int dgp_eval_push(struct dgp_eval *ev)
{
	return eval_switch(ev, DGP_PUSH, "docker push",
			   "pushing images to a registry");
}
