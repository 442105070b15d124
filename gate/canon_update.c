/*
 * POST /containers/{id}/update (docker update): every field walked against
 * its table, the resources and restart policy the policy limits read into
 * struct dg_update, and the walked tree forwarded.  In an update, 0 means
 * "unchanged" for Memory, NanoCpus and the 1.3 resources, "" for the
 * restart policy and the CPU lists, and a PidsLimit that is absent or null
 * too.
 */
#include <stdlib.h>
#include <string.h>

#include "canon_priv.h"

struct canon_update {
	struct dg_update view;
	struct cj_pool pool; /* strings the view points to */
};

static int update_restart(struct cj_ctx *cx, json_t *root, struct dg_update *v)
{
	json_t *rp = cj_obj(root, "RestartPolicy");
	json_t *n = json_object_get(rp, "MaximumRetryCount");
	const char *name = cj_str(rp, "Name");

	v->restart = "";
	if (!name[0])
		return CANON_OK;
	v->restart = canon_restart_name(name);
	if (!v->restart)
		return cj_err(cx, CANON_EREFUSED, "--restart refused");
	v->restart_retries = json_is_integer(n) ? json_integer_value(n) : 0;
	return CANON_OK;
}

static int update_extract(struct cj_ctx *cx, struct canon_update *u,
			  json_t *root)
{
	struct dg_update *v = &u->view;
	int rc;

	canon_resources_read(root, &v->res);
	v->pids_set = json_is_integer(json_object_get(root, "PidsLimit"));
	rc = update_restart(cx, root, v);
	if (!rc)
		rc = canon_limits_read(cx, &u->pool, root, &v->limits);
	return rc;
}

int canon_update_parse(const char *body, size_t len, const char *container,
		       struct canon_update **u, char **out, size_t *outlen,
		       char *err, size_t errlen)
{
	struct canon_update *cu;
	struct cj_ctx cx;
	json_t *root = NULL;
	int rc;

	cj_init(&cx, err, errlen);
	*u = NULL;
	*out = NULL;
	*outlen = 0;
	cu = calloc(1, sizeof(*cu));
	if (!cu)
		return cj_err(&cx, CANON_ENOMEM, "out of memory");
	cu->view.size = sizeof(cu->view);
	cu->view.container = cj_strdup(&cu->pool, container ? container : "");
	rc = cu->view.container ? cj_load(&cx, body, len, &root)
				: cj_err(&cx, CANON_ENOMEM, "out of memory");
	if (!rc)
		rc = cj_walk(&cx, root, &canon_t_update);
	if (!rc)
		rc = update_extract(&cx, cu, root);
	if (!rc) {
		*out = cj_dump(root, outlen);
		if (!*out)
			rc = cj_err(&cx, CANON_ENOMEM, "out of memory");
	}
	json_decref(root);
	if (rc) {
		canon_update_free(cu);
		return rc;
	}
	*u = cu;
	return CANON_OK;
}

const struct dg_update *canon_update_view(const struct canon_update *u)
{
	return u ? &u->view : NULL;
}

void canon_update_free(struct canon_update *u)
{
	if (!u)
		return;
	cj_pool_free(&u->pool);
	free(u);
}

unsigned int canon_update_abi_minor(const struct dg_update *v)
{
	return v->restart[0] || canon_limits_used(&v->limits) ? 3 : 2;
}
