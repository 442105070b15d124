/*
 * The user a container or exec runs as (-u), for create and exec.
 *
 * allow_root = true: any -u is fine; without -u a create is forced to the
 * caller when run_as_caller is set.
 * allow_root = false: no uid 0 or gid 0 in any spelling (the gate folds
 * those into DG_RUNAS_ROOT), no names (the image resolves them, maybe to
 * 0), no numeric uid without a group (docker would fall back to group 0
 * when the image does not know the uid).  With run_as_caller the uid must
 * be the caller's and the group one of the caller's; without -u a create
 * is forced to the caller, and refused when run_as_caller is off (the
 * image's user may be root).  An exec without -u keeps the container's
 * user, which the gate forced at create.
 */
#include <stdio.h>

#include "eval_internal.h"

static int user_has_gid(const struct dg_user *u, long long gid)
{
	size_t i;

	if (gid == (long long)u->gid)
		return 1;
	for (i = 0; u->groups && i < u->ngroups; i++)
		if (gid == (long long)u->groups[i])
			return 1;
	return 0;
}

static void user_force_me(struct dgp_eval *ev)
{
	snprintf(ev->dec->force.user, sizeof(ev->dec->force.user), "%s",
		 ev->me);
	ev->as_caller = 1;
}

/* -u UID[:GID], numeric and not 0, with allow_root off. */
static int user_numeric(struct dgp_eval *ev, const struct dg_runas *ra,
			const char *pre, int is_exec)
{
	const struct dg_user *u = ev->u;

	if (!dgp_ev_num(ev, DGP_RUN_AS_CALLER)) {
		if (ra->gid < 0)
			return dgp_ev_deny(
				ev, DGP_ALLOW_ROOT,
				"%s-u %s is refused: without a group the "
				"process may run in group root (0); give a "
				"numeric group too, e.g. -u %s:%u",
				pre, ra->raw, ra->raw, (unsigned int)u->gid);
		ev->decider = DGP_ALLOW_ROOT;
		return DG_ALLOW;
	}
	if (ra->uid != (long long)u->uid)
		return dgp_ev_deny(ev, DGP_RUN_AS_CALLER,
				   "%s-u %s is refused: containers run as you "
				   "(%s) for %s; leave out -u or use -u %s",
				   pre, ra->raw, ev->me, ev->who, ev->me);
	if (ra->gid >= 0 && !user_has_gid(u, ra->gid))
		return dgp_ev_deny(ev, DGP_RUN_AS_CALLER,
				   "%s-u %s is refused: group %lld is not one "
				   "of your groups and containers run as you "
				   "(%s) for %s; use -u %s",
				   pre, ra->raw, ra->gid, ev->me, ev->who,
				   ev->me);
	if (ra->gid < 0) {
		/* fail closed: exec cannot be forced, so refuse there */
		if (is_exec)
			return dgp_ev_deny(
				ev, DGP_RUN_AS_CALLER,
				"%s-u %s is refused: without a group the "
				"process may run in group root (0); use -u %s",
				pre, ra->raw, ev->me);
		user_force_me(ev);
	}
	ev->as_caller = 1;
	ev->decider = DGP_RUN_AS_CALLER;
	return DG_ALLOW;
}

static int user_default(struct dgp_eval *ev, int is_exec)
{
	if (is_exec)
		return DG_ALLOW; /* keeps the user forced at create */
	if (dgp_ev_num(ev, DGP_RUN_AS_CALLER)) {
		user_force_me(ev);
		ev->decider = DGP_RUN_AS_CALLER;
		return DG_ALLOW;
	}
	if (dgp_ev_num(ev, DGP_ALLOW_ROOT)) {
		ev->decider = DGP_ALLOW_ROOT;
		return DG_ALLOW;
	}
	return dgp_ev_deny(ev, DGP_ALLOW_ROOT,
			   "the image's default user may be root: give -u "
			   "UID:GID (for you: -u %s)",
			   ev->me);
}

/* allow_root = true: everything goes; note whether it is the caller. */
static int user_root_allowed(struct dgp_eval *ev, const struct dg_runas *ra)
{
	if (ra->kind == DG_RUNAS_NUMERIC && ra->uid == (long long)ev->u->uid &&
	    (ra->gid < 0 || user_has_gid(ev->u, ra->gid)))
		ev->as_caller = 1;
	ev->decider = DGP_ALLOW_ROOT;
	return DG_ALLOW;
}

int dgp_eval_user(struct dgp_eval *ev, const struct dg_runas *ra, int is_exec)
{
	const char *pre = is_exec ? "docker exec " : "";
	const char *raw = ra->raw ? ra->raw : "";

	if (ra->kind == DG_RUNAS_DEFAULT)
		return user_default(ev, is_exec);
	if (!ra->raw ||
	    (ra->kind != DG_RUNAS_ROOT && ra->kind != DG_RUNAS_NAME &&
	     ra->kind != DG_RUNAS_NUMERIC))
		goto unknown;
	if (dgp_ev_num(ev, DGP_ALLOW_ROOT))
		return user_root_allowed(ev, ra);
	switch (ra->kind) {
	case DG_RUNAS_NUMERIC:
		/* fail closed: 0 is root whatever kind the gate said */
		if (ra->uid != 0 && ra->gid != 0) {
			if (ra->uid < 0)
				break;
			return user_numeric(ev, ra, pre, is_exec);
		}
		__attribute__((fallthrough)); /* 0 is root */
	case DG_RUNAS_ROOT:
		if (dgp_ev_num(ev, DGP_RUN_AS_CALLER))
			return dgp_ev_deny(
				ev, DGP_ALLOW_ROOT,
				"%s-u %s is refused: containers may not run as "
				"root for %s; leave out -u (you run as %s) or "
				"use -u %s",
				pre, raw, ev->who, ev->me, ev->me);
		return dgp_ev_deny(ev, DGP_ALLOW_ROOT,
				   "%s-u %s is refused: containers may not run "
				   "as root for %s; use a numeric non-root "
				   "-u UID:GID, e.g. -u %s",
				   pre, raw, ev->who, ev->me);
	case DG_RUNAS_NAME:
		return dgp_ev_deny(
			ev, DGP_ALLOW_ROOT,
			"%s-u %s is refused: user names are resolved "
			"inside the image and may be root; use a "
			"numeric -u %s",
			pre, raw, ev->me);
	default:
		break;
	}
unknown:
	/* fail closed: a kind or value the gate should never send */
	return dgp_ev_deny(ev, DGP_ALLOW_ROOT,
			   "%s-u %s is refused: the user could not be checked; "
			   "use a numeric -u %s",
			   pre, raw, ev->me);
}
