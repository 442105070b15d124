/*
 * Policy templates: one group file serves a whole class because values may
 * name the calling user.  Recognised forms:
 *
 *   ~        at the very start, alone or before '/': the user's home
 *   $HOME    ${HOME}   the user's home directory (from NSS, via the gate)
 *   $USER    ${USER}   the user's login name
 *   $UID     ${UID}    the user's numeric uid
 *
 * A variable name is the longest run of letters and '_' after '$', so
 * "$UID0" is the uid followed by "0".  Anything else after '$' is an
 * error: templates never read the process environment.
 */
#ifndef DGP_TEMPLATE_H
#define DGP_TEMPLATE_H

#include <stddef.h>

#define DGP_TPL_HOME 1u
#define DGP_TPL_USER 2u
#define DGP_TPL_UID  4u

/* Longest variable name we look at ("HOME"); longer runs are unknown. */
#define DGP_TPL_NAME_MAX 16

struct dgp_tpl_vars {
	const char *home; /* NULL or "" when unknown */
	const char *user; /* NULL or "" when unknown */
	unsigned long long uid;
};

/*
 * Expands `tpl` into out.  `allowed` is a mask of DGP_TPL_* naming the
 * variables this kind of value may use.  Returns 0, or -1 with a reason in
 * err (unknown or disallowed variable, value unknown for this user, result
 * too long).
 */
int dgp_tpl_expand(const char *tpl, unsigned int allowed,
		   const struct dgp_tpl_vars *v, char *out, size_t outlen,
		   char *err, size_t errlen);

/* 1 when tpl uses any variable (or ~), 0 when it is a plain value. */
int dgp_tpl_has_vars(const char *tpl);

#endif
