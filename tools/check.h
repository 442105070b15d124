/*
 * docker-gate-check: the administrator's offline policy checker (doas -C,
 * visudo -c).  It links the plugin's own loader, folding, describe and
 * evaluator, the gate's trust check and canonicalizer, so that what it
 * says is what the gate would do.  Shared declarations of tools/check_*.c.
 */
#ifndef DG_CHECK_H
#define DG_CHECK_H

#include <stddef.h>
#include <sys/types.h>

#include "docker-gate/plugin.h"
#include "policy.h"

/* Exit codes, documented in --help and docker-gate-check(8). */
#define CHECK_EXIT_OK	    0 /* valid; the request would be allowed */
#define CHECK_EXIT_POLICY   1 /* policy errors: the gate would refuse it */
#define CHECK_EXIT_USAGE    2 /* bad options, unknown user, unreadable FILE */
#define CHECK_EXIT_DENIED   3 /* the request would be denied or refused */
#define CHECK_EXIT_WARNINGS 4 /* warnings, and --strict was given */

/* Errors reported before giving up on a policy directory. */
#define CHECK_ERRORS_MAX 64

struct check_opts {
	const char *dir;      /* policy directory, absolute */
	const char *user;     /* -u: name or numeric uid; NULL = check only */
	const char *create;   /* --create FILE ("-" = stdin) */
	const char *exec;     /* --exec FILE */
	const char *pull;     /* --pull IMAGE */
	const char *name;     /* --name: ?name= of a create, exec's container */
	long long containers; /* --containers: the user's containers now */
	int strict;
};

/* check_load.c: what one run found in the policy directory. */
struct check_load {
	struct dgp_policy *policy; /* files with errors load as empty */
	size_t errors;
	size_t warnings;
};

/* Loads dir as the gate would, printing every error ("file:line:
 * message") and the loader's warnings to stderr. */
void check_load(const char *dir, struct check_load *out);
void check_load_free(struct check_load *ld);

/* check_warn.c: dangerous combinations of keys.  Each prints its
 * warnings to stderr and returns how many. */
size_t check_warn_files(const struct dgp_policy *p);
size_t check_warn_user(const struct dgp_policy *p, const struct dg_user *u);

/* check_user.c: a user as the gate's identity.c would see them. */
struct check_user {
	struct dg_user user;
	char *name;
	char *home;
	gid_t *groups;
	char **group_names;
};
int check_user_lookup(const char *arg, struct check_user *cu, char *err,
		      size_t errlen);
void check_user_free(struct check_user *cu);

/* check_show.c: the effective policy through the plugin's describe. */
int check_show_user(const struct dgp_policy *p, const struct dg_user *u);

/* check_request.c: --create / --exec.  The body is read first (NULL and
 * a message on stderr when it cannot be); judging returns an exit code. */
char *check_request_read(const char *file, size_t *len);
int check_request(const struct dgp_policy *p, const struct dg_user *u,
		  const struct check_opts *o, const char *body, size_t len);

/* --pull IMAGE: a docker pull judged as the gate would (the plugin's
 * images key); an exit code. */
int check_pull(const struct dgp_policy *p, const struct dg_user *u,
	       const char *image);

/* check_force.c: the settings an allowed create or exec gets. */
void check_force_print(const struct dg_force *f, const struct dg_user *u,
		       int is_create);

#endif
