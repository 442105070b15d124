/*
 * POST /containers/create: load, refuse top-level HostConfig fields, walk
 * every key against the tables, then extract what the policy decides on.
 */
#include <stdlib.h>
#include <string.h>

#include "canon_priv.h"

/* The legacy top-level HostConfig field 20.10 still copies in. */
static const struct cj_field f_legacy[] = {
	{.name = "Cpuset", .kind = CJ_STR},
};
static const struct cj_table t_legacy = CJ_TABLE(f_legacy);

/*
 * Daemons up to 26.x also read every HostConfig field at the top level of
 * the body (and prefer it when HostConfig is absent or null).  Any key that
 * Go would match to one of them is refused.
 */
static int create_toplevel(struct cj_ctx *cx, json_t *root)
{
	char q[CJ_QUOTE_MAX + 16];
	const char *key;
	json_t *v;

	json_object_foreach(root, key, v)
	{
		(void)v;
		if (cj_find(&canon_t_create, key))
			continue;
		if (!cj_find_folded(&canon_t_hostconfig, key) &&
		    !cj_find_folded(&t_legacy, key))
			continue;
		/* fail closed: older daemons apply them */
		cj_quote(q, sizeof(q), key);
		return cj_err(cx, CANON_EREFUSED,
			      "HostConfig fields at the top level of a create "
			      "body are refused (older daemons apply them): %s",
			      q);
	}
	return CANON_OK;
}

/* ?name=: what dockerd accepts, [/]?[a-zA-Z0-9][a-zA-Z0-9_.-]+ */
static int create_name(struct cj_ctx *cx, struct canon_create *c,
		       const char *name)
{
	char q[CJ_QUOTE_MAX + 16];

	if (!name)
		return CANON_OK;
	if (name[0] && !cj_is_volume_name(name + (name[0] == '/'))) {
		cj_quote(q, sizeof(q), name);
		return cj_err(cx, CANON_EBAD,
			      "--name %s: invalid container name", q);
	}
	c->view.name = cj_strdup(&c->pool, name);
	return c->view.name ? CANON_OK
			    : cj_err(cx, CANON_ENOMEM, "out of memory");
}

static int create_extract(struct cj_ctx *cx, struct canon_create *c,
			  const char *name)
{
	json_t *root = c->root, *hc = cj_obj(root, "HostConfig");
	const char *user;
	int rc;

	if (!cj_str(root, "Image")[0])
		return cj_err(cx, CANON_EBAD, "Image is required");
	c->view.image = cj_strdup(&c->pool, cj_str(root, "Image"));
	/* a copy: apply may replace User, the view keeps the request */
	user = cj_strdup(&c->pool, cj_str(root, "User"));
	if (!c->view.image || !user)
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	canon_runas(user, &c->view.user);
	rc = canon_image_parse(cx, c);
	if (rc)
		return rc;
	c->view.privileged = cj_true(hc, "Privileged");
	rc = create_name(cx, c, name);
	if (!rc)
		rc = canon_mounts_parse(cx, c, hc);
	if (!rc)
		rc = canon_ports_parse(cx, c, hc);
	if (!rc)
		rc = canon_netuse_parse(cx, c, root, hc);
	if (!rc)
		rc = canon_refs_collect(cx, c, hc);
	if (!rc)
		rc = canon_options_parse(cx, c, root, hc);
	if (!rc)
		rc = canon_run_parse(cx, c, hc);
	return rc;
}

int canon_create_parse(const char *body, size_t len, unsigned int api_minor,
		       const char *name, struct canon_create **out, char *err,
		       size_t errlen)
{
	struct canon_create *c;
	struct cj_ctx cx;
	int rc;

	cj_init(&cx, err, errlen);
	if (!out)
		return cj_err(&cx, CANON_EBAD, "no result pointer");
	*out = NULL;
	c = calloc(1, sizeof(*c));
	if (!c)
		return cj_err(&cx, CANON_ENOMEM, "out of memory");
	c->view.size = sizeof(c->view);
	c->view.user_containers = -1; /* until the gate counts them */
	/* Fields are judged alike for every API version: one the daemon
	 * does not know yet is ignored by it. */
	c->api_minor = api_minor;
	rc = cj_load(&cx, body, len, &c->root);
	if (!rc)
		rc = create_toplevel(&cx, c->root);
	if (!rc)
		rc = cj_walk(&cx, c->root, &canon_t_create);
	if (!rc)
		rc = create_extract(&cx, c, name);
	if (rc) {
		canon_create_free(c);
		return rc;
	}
	*out = c;
	return CANON_OK;
}

void canon_create_set_usage(struct canon_create *c, long long containers)
{
	if (c)
		c->view.user_containers = containers;
}

int canon_create_volume_ro(struct canon_create *c, const char *name, char *err,
			   size_t errlen)
{
	struct cj_ctx cx;
	json_t *hc;

	cj_init(&cx, err, errlen);
	if (!c || !name || !*name)
		return cj_err(&cx, CANON_EBAD, "no volume");
	hc = cj_obj(c->root, "HostConfig");
	for (size_t i = 0; i < c->view.nmounts; i++)
		if (c->mounts[i].kind == DG_MOUNT_VOLUME &&
		    !strcmp(c->mounts[i].source, name))
			c->mounts[i].read_only = 1;
	return hc ? canon_mounts_volume_ro(&cx, hc, name) : CANON_OK;
}

const struct dg_create *canon_create_view(const struct canon_create *c)
{
	return c ? &c->view : NULL;
}

char *canon_create_dump(const struct canon_create *c, size_t *len)
{
	if (len)
		*len = 0;
	return c ? cj_dump(c->root, len) : NULL;
}

void canon_create_free(struct canon_create *c)
{
	if (!c)
		return;
	json_decref(c->root);
	cj_pool_free(&c->pool);
	free(c->mounts);
	free(c->ports);
	free(c->caps);
	free(c->devices);
	free(c->cgrules);
	free(c->secopts);
	free(c->sysctls);
	free(c->image_names);
	free(c->log_opts);
	free(c->ulimits);
	free(c->tmpfs);
	free(c);
}
