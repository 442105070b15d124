/*
 * The settings of plugin ABI 1.3 the policy may force on a create:
 * --cgroup-parent, --read-only, --init and a size for every tmpfs that
 * gives none.  A forced string is checked like a requested one: the
 * plugin is trusted to decide, not to produce well-formed values.
 */
#include <string.h>

#include "canon_priv.h"

static int set_new(struct cj_ctx *cx, json_t *obj, const char *key, json_t *v)
{
	if (!v || json_object_set_new(obj, key, v))
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	return CANON_OK;
}

static int apply_cgroup_parent(struct cj_ctx *cx, json_t *hc, const char *s)
{
	/* fail closed: not NUL-terminated, or not a name dockerd and the
	 * policy read alike */
	if (strnlen(s, DG_FORCE_CGROUP_MAX) == DG_FORCE_CGROUP_MAX ||
	    !canon_cgroup_parent_ok(s))
		return cj_err(cx, CANON_EREFUSED,
			      "docker-gate policy forced an invalid "
			      "--cgroup-parent");
	return set_new(cx, hc, "CgroupParent", json_string(s));
}

int canon_apply_run(struct cj_ctx *cx, json_t *hc, const struct dg_force *f)
{
	int rc = CANON_OK;

	if (f->cgroup_parent[0])
		rc = apply_cgroup_parent(cx, hc, f->cgroup_parent);
	if (!rc && f->read_only)
		rc = set_new(cx, hc, "ReadonlyRootfs", json_true());
	if (!rc && f->init)
		rc = set_new(cx, hc, "Init", json_true());
	if (!rc && f->tmpfs_size > 0)
		rc = canon_tmpfs_force_size(cx, hc, f->tmpfs_size);
	return rc;
}
