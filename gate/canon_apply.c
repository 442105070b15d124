/*
 * What the gate forces on an allowed create body: the settings the policy
 * asked for (struct dg_force) and, always, the owner label and an explicit
 * HostConfig object.  Works on the walked tree, so the forwarded body stays
 * one the gate's own parser accepts (apart from the reserved label).
 */
#include <stdio.h>
#include <string.h>

#include "canon_priv.h"

/* What the gate writes for no_new_privileges (the documented spelling;
 * "no-new-privileges:true" works too but dockerd logs a deprecation). */
#define NNP_OPT "no-new-privileges=true"

int canon_apply_user(struct cj_ctx *cx, json_t *obj, const char *forced)
{
	json_t *j;

	/* fail closed: a plugin string that is not a C string or not UTF-8 */
	if (strnlen(forced, DG_FORCE_USER_MAX) == DG_FORCE_USER_MAX)
		return cj_err(cx, CANON_EREFUSED,
			      "docker-gate policy forced an invalid user");
	j = json_string(forced);
	if (!j)
		return cj_err(cx, CANON_EREFUSED,
			      "docker-gate policy forced an invalid user");
	if (json_object_set_new(obj, "User", j))
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	return CANON_OK;
}

static int set_new(struct cj_ctx *cx, json_t *obj, const char *key, json_t *v)
{
	if (!v || json_object_set_new(obj, key, v))
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	return CANON_OK;
}

/* HostConfig absent or null becomes {}: dockerd then never falls back to
 * top-level fields, whatever its version. */
static json_t *ensure_hostconfig(struct cj_ctx *cx, json_t *root)
{
	json_t *hc = cj_obj(root, "HostConfig");

	if (hc)
		return hc;
	hc = json_object();
	if (set_new(cx, root, "HostConfig", hc))
		return NULL;
	return hc;
}

static int apply_nnp(struct cj_ctx *cx, json_t *hc)
{
	json_t *old = cj_arr(hc, "SecurityOpt"), *opts = json_array(), *e;
	const char *s;
	size_t i;

	if (!opts)
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	json_array_foreach(old, i, e)
	{
		s = json_string_value(e);
		if (!strncmp(s, "no-new-privileges", 17))
			continue;
		if (json_array_append(opts, e)) {
			json_decref(opts);
			return cj_err(cx, CANON_ENOMEM, "out of memory");
		}
	}
	if (json_array_append_new(opts, json_string(NNP_OPT))) {
		json_decref(opts);
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	}
	return set_new(cx, hc, "SecurityOpt", opts);
}

/* CapAdd stays: it holds the canonical names the policy allowed. */
static int apply_capdrop(struct cj_ctx *cx, json_t *hc)
{
	return set_new(cx, hc, "CapDrop", json_pack("[s]", "ALL"));
}

/* A resource the request left unlimited (0) gets the policy's value; one
 * over it was refused by the policy already. */
static int apply_default(struct cj_ctx *cx, json_t *hc, const char *key,
			 long long value)
{
	json_t *cur = json_object_get(hc, key);

	if (json_is_integer(cur) && json_integer_value(cur) > 0)
		return CANON_OK;
	return set_new(cx, hc, key, json_integer(value));
}

/* PidsLimit 0, negative or null means unlimited: then the limit. */
static int apply_pids(struct cj_ctx *cx, json_t *hc, long long limit)
{
	json_t *cur = json_object_get(hc, "PidsLimit");
	long long req = json_is_integer(cur) ? json_integer_value(cur) : 0;

	return set_new(cx, hc, "PidsLimit",
		       json_integer(req > 0 && req < limit ? req : limit));
}

static int apply_groups(struct cj_ctx *cx, json_t *hc,
			const struct dg_user *user)
{
	json_t *groups = json_array();
	char buf[24];
	size_t i;

	if (!groups)
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	for (i = 0; user->groups && i < user->ngroups; i++) {
		if (user->groups[i] == user->gid)
			continue;
		snprintf(buf, sizeof(buf), "%u", (unsigned int)user->groups[i]);
		if (json_array_append_new(groups, json_string(buf))) {
			json_decref(groups);
			return cj_err(cx, CANON_ENOMEM, "out of memory");
		}
	}
	return set_new(cx, hc, "GroupAdd", groups);
}

static int apply_owner(struct cj_ctx *cx, json_t *root,
		       const struct dg_user *user)
{
	json_t *labels = cj_obj(root, "Labels"), *name;

	/* fail closed: every object the gate creates has an owner */
	name = user->name && user->name[0] ? json_string(user->name) : NULL;
	if (!name)
		return cj_err(cx, CANON_EREFUSED,
			      "docker-gate cannot name the caller for the "
			      "owner label");
	if (!labels) {
		labels = json_object();
		if (set_new(cx, root, "Labels", labels)) {
			json_decref(name);
			return CANON_ENOMEM;
		}
	}
	return set_new(cx, labels, GATE_OWNER_LABEL, name);
}

static int apply_force(struct cj_ctx *cx, struct canon_create *c, json_t *hc,
		       const struct dg_force *force, const struct dg_user *user)
{
	int rc = CANON_OK;

	if (force->user[0])
		rc = canon_apply_user(cx, c->root, force->user);
	if (!rc && force->readonly_binds)
		rc = canon_mounts_force_ro(cx, hc);
	if (!rc && force->no_new_privileges)
		rc = apply_nnp(cx, hc);
	if (!rc && force->cap_drop_all)
		rc = apply_capdrop(cx, hc);
	if (!rc && force->pids_limit > 0)
		rc = apply_pids(cx, hc, force->pids_limit);
	if (!rc && force->caller_groups)
		rc = apply_groups(cx, hc, user);
	if (!rc && force->memory > 0)
		rc = apply_default(cx, hc, "Memory", force->memory);
	if (!rc && force->nano_cpus > 0)
		rc = apply_default(cx, hc, "NanoCpus", force->nano_cpus);
	if (!rc)
		rc = canon_apply_run(cx, hc, force);
	return rc;
}

/*
 * Always, whatever the policy: no GPUs through NVIDIA's environment
 * variable unless --gpus was decided (an image's ENV could name them),
 * and a private cgroup namespace unless "host" was decided (dockerd's
 * default on cgroup v1 hosts is the host's).
 */
static int apply_gate_defaults(struct cj_ctx *cx, struct canon_create *c,
			       json_t *hc)
{
	json_t *env = cj_arr(c->root, "Env");

	if (!c->view.gpus) {
		if (!env) {
			env = json_array();
			if (set_new(cx, c->root, "Env", env))
				return CANON_ENOMEM;
		}
		if (json_array_append_new(env, json_string(GPU_ENV "=void")))
			return cj_err(cx, CANON_ENOMEM, "out of memory");
	}
	if (!cj_str(hc, "CgroupnsMode")[0])
		return set_new(cx, hc, "CgroupnsMode", json_string("private"));
	return CANON_OK;
}

/* The image decided on is the image run: its full ID goes to dockerd,
 * unless the policy lets this user run any image (the name then stays, so
 * docker ps shows it). */
static int apply_image(struct cj_ctx *cx, struct canon_create *c,
		       const struct dg_force *force)
{
	if (!c->view.image_id || (force && force->image_by_name))
		return CANON_OK;
	return set_new(cx, c->root, "Image", json_string(c->view.image_id));
}

int canon_create_apply(struct canon_create *c, const struct dg_force *force,
		       const struct dg_user *user, char *err, size_t errlen)
{
	struct cj_ctx cx;
	json_t *hc;
	int rc;

	cj_init(&cx, err, errlen);
	if (!c || !user)
		return cj_err(&cx, CANON_EREFUSED, "docker-gate: no caller");
	hc = ensure_hostconfig(&cx, c->root);
	if (!hc)
		return CANON_ENOMEM;
	rc = force ? apply_force(&cx, c, hc, force, user) : CANON_OK;
	if (!rc)
		rc = apply_gate_defaults(&cx, c, hc);
	if (!rc)
		rc = apply_image(&cx, c, force);
	return rc ? rc : apply_owner(&cx, c->root, user);
}
