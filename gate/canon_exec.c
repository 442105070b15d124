/*
 * POST /containers/{id}/exec and POST /exec/{id}/start.  Same exact-key
 * rule as create; dockerd merges duplicates here too ({"Detach":false,
 * "detach":true} is detached), so the gate forwards only its own dump.
 */
#include <stdlib.h>

#include "canon_priv.h"

struct canon_exec {
	json_t *root;
	struct dg_exec view;
	struct cj_pool pool;
};

static int exec_extract(struct cj_ctx *cx, struct canon_exec *e,
			const char *container)
{
	const char *user;

	if (!json_array_size(cj_arr(e->root, "Cmd")))
		return cj_err(cx, CANON_EBAD,
			      "exec needs a command (Cmd must be a non-empty "
			      "list)");
	if (container) {
		e->view.container = cj_strdup(&e->pool, container);
		if (!e->view.container)
			return cj_err(cx, CANON_ENOMEM, "out of memory");
	}
	/* a copy: apply may replace User, the view keeps the request */
	user = cj_strdup(&e->pool, cj_str(e->root, "User"));
	if (!user)
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	canon_runas(user, &e->view.user);
	e->view.privileged = cj_true(e->root, "Privileged");
	return CANON_OK;
}

int canon_exec_parse(const char *body, size_t len, unsigned int api_minor,
		     const char *container, struct canon_exec **out, char *err,
		     size_t errlen)
{
	struct canon_exec *e;
	struct cj_ctx cx;
	int rc;

	(void)api_minor; /* judged alike for every version */
	cj_init(&cx, err, errlen);
	if (!out)
		return cj_err(&cx, CANON_EBAD, "no result pointer");
	*out = NULL;
	e = calloc(1, sizeof(*e));
	if (!e)
		return cj_err(&cx, CANON_ENOMEM, "out of memory");
	e->view.size = sizeof(e->view);
	rc = cj_load(&cx, body, len, &e->root);
	if (!rc)
		rc = cj_walk(&cx, e->root, &canon_t_exec);
	if (!rc)
		rc = exec_extract(&cx, e, container);
	if (rc) {
		canon_exec_free(e);
		return rc;
	}
	*out = e;
	return CANON_OK;
}

const struct dg_exec *canon_exec_view(const struct canon_exec *e)
{
	return e ? &e->view : NULL;
}

int canon_exec_apply(struct canon_exec *e, const struct dg_force *force,
		     char *err, size_t errlen)
{
	struct cj_ctx cx;

	cj_init(&cx, err, errlen);
	if (!e)
		return cj_err(&cx, CANON_EREFUSED, "docker-gate: no exec");
	/* An explicit User was judged by the policy as asked; only the
	 * container's default user is replaced. */
	if (!force || !force->user[0] || cj_str(e->root, "User")[0])
		return CANON_OK;
	return canon_apply_user(&cx, e->root, force->user);
}

char *canon_exec_dump(const struct canon_exec *e, size_t *len)
{
	if (len)
		*len = 0;
	return e ? cj_dump(e->root, len) : NULL;
}

void canon_exec_free(struct canon_exec *e)
{
	if (!e)
		return;
	json_decref(e->root);
	cj_pool_free(&e->pool);
	free(e);
}

int canon_exec_start(const char *body, size_t len, int *detach, char **out,
		     size_t *outlen, char *err, size_t errlen)
{
	struct cj_ctx cx;
	json_t *root = NULL;
	int rc = CANON_OK;

	cj_init(&cx, err, errlen);
	if (!detach || !out)
		return cj_err(&cx, CANON_EBAD, "no result pointer");
	*out = NULL;
	*detach = 0;
	if (len == 0) {
		root = json_object(); /* no body: attached, as dockerd reads it
				       */
		if (!root)
			return cj_err(&cx, CANON_ENOMEM, "out of memory");
	} else {
		rc = cj_load(&cx, body, len, &root);
		if (!rc)
			rc = cj_walk(&cx, root, &canon_t_exec_start);
	}
	if (!rc) {
		*detach = cj_true(root, "Detach");
		*out = cj_dump(root, outlen);
		if (!*out)
			rc = cj_err(&cx, CANON_ENOMEM, "out of memory");
	}
	json_decref(root);
	return rc;
}
