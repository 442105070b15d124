/*
 * POST /volumes/create: local driver, no driver options (they are mount(8)
 * arguments: a host bind, a block device, an NFS export), no cluster
 * volumes, and the owner label forced.
 */
#include <stdlib.h>

#include "canon_priv.h"

static int volume_owner(struct cj_ctx *cx, json_t *root,
			const struct dg_user *user)
{
	json_t *labels = cj_obj(root, "Labels"), *name;

	/* fail closed: every object the gate creates has an owner */
	name = user && user->name && user->name[0] ? json_string(user->name)
						   : NULL;
	if (!name)
		return cj_err(cx, CANON_EREFUSED,
			      "docker-gate cannot name the caller for the "
			      "owner label");
	if (!labels) {
		labels = json_object();
		if (!labels || json_object_set_new(root, "Labels", labels)) {
			json_decref(name);
			return cj_err(cx, CANON_ENOMEM, "out of memory");
		}
	}
	if (json_object_set_new(labels, GATE_OWNER_LABEL, name))
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	return CANON_OK;
}

int canon_volume_create(const char *body, size_t len,
			const struct dg_user *user, char **out, size_t *outlen,
			char *err, size_t errlen)
{
	struct cj_ctx cx;
	json_t *root = NULL;
	int rc;

	cj_init(&cx, err, errlen);
	if (!out)
		return cj_err(&cx, CANON_EBAD, "no result pointer");
	*out = NULL;
	if (outlen)
		*outlen = 0;
	rc = cj_load(&cx, body, len, &root);
	if (!rc)
		rc = cj_walk(&cx, root, &canon_t_volume);
	if (!rc)
		rc = volume_owner(&cx, root, user);
	if (!rc) {
		*out = cj_dump(root, outlen);
		if (!*out)
			rc = cj_err(&cx, CANON_ENOMEM, "out of memory");
	}
	json_decref(root);
	return rc;
}
