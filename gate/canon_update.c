/*
 * POST /containers/{id}/update (docker update): every field walked against
 * its table, the resources the policy limits read into struct dg_update,
 * and the walked tree forwarded.  In an update, 0 means "unchanged" for
 * Memory and NanoCpus, and a PidsLimit that is absent or null too.
 */
#include <stdlib.h>
#include <string.h>

#include "canon_priv.h"

int canon_update_parse(const char *body, size_t len, const char *container,
		       struct dg_update *view, char **out, size_t *outlen,
		       char *err, size_t errlen)
{
	struct cj_ctx cx;
	json_t *root = NULL;
	int rc;

	cj_init(&cx, err, errlen);
	*out = NULL;
	*outlen = 0;
	memset(view, 0, sizeof(*view));
	view->size = sizeof(*view);
	view->container = container;
	rc = cj_load(&cx, body, len, &root);
	if (!rc)
		rc = cj_walk(&cx, root, &canon_t_update);
	if (!rc) {
		canon_resources_read(root, &view->res);
		view->pids_set =
			json_is_integer(json_object_get(root, "PidsLimit"));
		*out = cj_dump(root, outlen);
		if (!*out)
			rc = cj_err(&cx, CANON_ENOMEM, "out of memory");
	}
	json_decref(root);
	return rc;
}
