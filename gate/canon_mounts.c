/*
 * HostConfig.Mounts objects and Config.Volumes into struct dg_mount, plus
 * the read-only rewrite the policy may force.  Binds are in canon_binds.c.
 *
 * A volume mount whose local-driver options say type=none,o=bind,device=X
 * is a host bind of X (DG_MOUNT_VOLUME_BIND); any other driver option
 * mounts something from the host kernel (nfs, a block device) and is
 * refused.
 */
#include <stdlib.h>
#include <string.h>

#include "canon_priv.h"

/* Tokens of the local driver's o= that keep a volume a plain host bind. */
static const char *const vbind_tokens[] = {
	"bind",	 "rbind",  "ro",     "rw",    "private", "rprivate",
	"slave", "rslave", "nosuid", "nodev", "noexec",	 NULL,
};

int canon_mount_add(struct cj_ctx *cx, struct canon_create *c,
		    const struct dg_mount *m)
{
	if (!c->mounts) {
		c->mounts = calloc(CANON_MAX_MOUNTS, sizeof(*c->mounts));
		if (!c->mounts)
			return cj_err(cx, CANON_ENOMEM, "out of memory");
		c->view.mounts = c->mounts;
	}
	/* fail closed: bounded work for the policy */
	if (c->view.nmounts >= CANON_MAX_MOUNTS)
		return cj_err(cx, CANON_EREFUSED,
			      "more than %d mounts (-v, --mount) are not "
			      "allowed by docker-gate",
			      CANON_MAX_MOUNTS);
	c->mounts[c->view.nmounts++] = *m;
	return CANON_OK;
}

static int vbind_refused(struct cj_ctx *cx)
{
	return cj_err(cx, CANON_EREFUSED,
		      "--mount volume-opt is not allowed by docker-gate yet, "
		      "except a host bind (type=none,o=bind,device=/path)");
}

/* o=: every token known, one of them bind or rbind; sets *ro for "ro". */
static int vbind_o(const char *o, int *ro)
{
	char buf[256], *tok, *next;
	int bind = 0;
	size_t i;

	if (strlen(o) >= sizeof(buf))
		return -1;
	strcpy(buf, o);
	for (tok = buf; tok; tok = next) {
		next = strchr(tok, ',');
		if (next)
			*next++ = '\0';
		for (i = 0; vbind_tokens[i]; i++)
			if (!strcmp(tok, vbind_tokens[i]))
				break;
		if (!vbind_tokens[i])
			return -1;
		bind |= i < 2;
		*ro |= !strcmp(tok, "ro");
	}
	return bind ? 0 : -1;
}

static int vbind_parse(struct cj_ctx *cx, struct canon_create *c, json_t *opts,
		       struct dg_mount *out)
{
	const char *key, *type, *dev;
	const char *clean;
	json_t *v, *j;
	int rc;

	json_object_foreach(opts, key, v)
	{
		(void)v;
		if (strcmp(key, "type") && strcmp(key, "o") &&
		    strcmp(key, "device"))
			return vbind_refused(cx);
	}
	type = cj_str(opts, "type");
	if ((type[0] && strcmp(type, "none")) ||
	    vbind_o(cj_str(opts, "o"), &out->read_only))
		return vbind_refused(cx);
	dev = cj_str(opts, "device");
	rc = canon_clean_path(cx, &c->pool, "--mount volume-opt=device", dev,
			      &clean);
	if (rc)
		return rc;
	out->kind = DG_MOUNT_VOLUME_BIND;
	out->source = clean;
	/* the CLI text first: rewriting "device" frees dev */
	out->cli = cj_printf(&c->pool,
			     "%s,volume-opt=type=none,volume-opt=o=%s,"
			     "volume-opt=device=%s",
			     out->cli, cj_str(opts, "o"), dev);
	if (!out->cli)
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	j = json_string(clean);
	if (!j || json_object_set_new(opts, "device", j))
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	return CANON_OK;
}

static int mount_volume(struct cj_ctx *cx, struct canon_create *c, json_t *m,
			struct dg_mount *out)
{
	char q[CJ_QUOTE_MAX + 16];
	json_t *vo = cj_obj(m, "VolumeOptions");
	json_t *dc = cj_obj(vo, "DriverConfig");
	json_t *opts = cj_obj(dc, "Options");
	const char *src = cj_str(m, "Source");
	const char *drv = cj_str(dc, "Name");

	if (src[0] && !cj_is_volume_name(src)) {
		cj_quote(q, sizeof(q), src);
		return cj_err(cx, CANON_EBAD,
			      "--mount src=%s: not a volume name", q);
	}
	out->kind = DG_MOUNT_VOLUME;
	out->source = cj_strdup(&c->pool, src);
	out->cli = src[0] ? cj_printf(&c->pool,
				      "--mount type=volume,src=%s,"
				      "dst=%s",
				      src, out->target)
			  : cj_printf(&c->pool, "--mount type=volume,dst=%s",
				      out->target);
	if (!out->source || !out->cli)
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	if (drv[0] && strcmp(drv, "local")) {
		cj_quote(q, sizeof(q), drv);
		return cj_err(cx, CANON_EREFUSED,
			      "--mount volume-driver=%s is not allowed by "
			      "docker-gate yet",
			      q);
	}
	if (opts && json_object_size(opts)) {
		/* fail closed: dockerd ignores driver options when the named
		 * volume exists, so the name (maybe another user's volume)
		 * would be mounted instead of the path the policy checked. */
		if (src[0])
			return cj_err(
				cx, CANON_EREFUSED,
				"%s with volume-opt options must not name "
				"a volume; use --mount type=bind,src=PATH "
				"instead",
				out->cli);
		return vbind_parse(cx, c, opts, out);
	}
	return CANON_OK;
}

static int mount_bind(struct cj_ctx *cx, struct canon_create *c, json_t *m,
		      struct dg_mount *out)
{
	const char *src = cj_str(m, "Source");
	json_t *j;
	int rc;

	rc = canon_clean_path(cx, &c->pool, "--mount", src, &out->source);
	if (rc)
		return rc;
	out->kind = DG_MOUNT_BIND;
	/* the CLI text first: rewriting "Source" frees src */
	out->cli = cj_printf(&c->pool, "--mount type=bind,src=%s,dst=%s", src,
			     out->target);
	if (!out->cli)
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	j = json_string(out->source);
	if (!j || json_object_set_new(m, "Source", j))
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	return CANON_OK;
}

static int mount_tmpfs(struct cj_ctx *cx, struct canon_create *c, json_t *m,
		       struct dg_mount *out)
{
	if (cj_str(m, "Source")[0])
		return cj_err(cx, CANON_EBAD,
			      "--mount type=tmpfs takes no src");
	out->kind = DG_MOUNT_TMPFS;
	out->source = "";
	out->cli =
		cj_printf(&c->pool, "--mount type=tmpfs,dst=%s", out->target);
	return out->cli ? CANON_OK : cj_err(cx, CANON_ENOMEM, "out of memory");
}

/* Options objects that belong to another mount type: dockerd refuses
 * them, and so does the gate, before it reads anything else. */
static int mount_extra(struct cj_ctx *cx, json_t *m, const char *type)
{
	static const char *const opt[] = {"BindOptions", "VolumeOptions",
					  "TmpfsOptions", "ImageOptions",
					  "ClusterOptions"};
	static const char *const own[] = {"bind", "volume", "tmpfs", "", ""};
	size_t i;

	for (i = 0; i < sizeof(opt) / sizeof(opt[0]); i++)
		if (cj_obj(m, opt[i]) && strcmp(own[i], type))
			return cj_err(cx, CANON_EBAD,
				      "%s does not go with --mount type=%s",
				      opt[i], type);
	return CANON_OK;
}

static int mount_one(struct cj_ctx *cx, struct canon_create *c, json_t *m)
{
	char q[CJ_QUOTE_MAX + 16];
	const char *type = cj_str(m, "Type");
	const char *dst = cj_str(m, "Target");
	struct dg_mount out = {0};
	int rc;

	if (!type[0])
		return cj_err(cx, CANON_EBAD,
			      "--mount needs type=bind, volume or tmpfs");
	if (strcmp(type, "bind") && strcmp(type, "volume") &&
	    strcmp(type, "tmpfs")) {
		/* fail closed: image, npipe, cluster, and what comes next */
		cj_quote(q, sizeof(q), type);
		return cj_err(cx, CANON_EREFUSED,
			      "--mount type=%s is not allowed by docker-gate "
			      "yet",
			      q);
	}
	if (dst[0] != '/')
		return cj_err(cx, CANON_EBAD,
			      "--mount dst: the container path must be "
			      "absolute");
	rc = mount_extra(cx, m, type);
	if (rc)
		return rc;
	out.target = cj_strdup(&c->pool, dst);
	if (!out.target)
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	out.read_only = cj_true(m, "ReadOnly");
	if (!strcmp(type, "bind"))
		rc = mount_bind(cx, c, m, &out);
	else if (!strcmp(type, "volume"))
		rc = mount_volume(cx, c, m, &out);
	else
		rc = mount_tmpfs(cx, c, m, &out);
	if (!rc && cj_true(m, "ReadOnly")) {
		out.cli = cj_printf(&c->pool, "%s,readonly", out.cli);
		if (!out.cli)
			rc = cj_err(cx, CANON_ENOMEM, "out of memory");
	}
	return rc ? rc : canon_mount_add(cx, c, &out);
}

static int anon_volumes(struct cj_ctx *cx, struct canon_create *c, json_t *vols)
{
	struct dg_mount m = {.kind = DG_MOUNT_VOLUME, .source = ""};
	const char *key;
	json_t *v;
	int rc;

	json_object_foreach(vols, key, v)
	{
		(void)v;
		m.target = cj_strdup(&c->pool, key);
		m.cli = cj_printf(&c->pool, "-v %s", key);
		if (!m.target || !m.cli)
			return cj_err(cx, CANON_ENOMEM, "out of memory");
		rc = canon_mount_add(cx, c, &m);
		if (rc)
			return rc;
	}
	return CANON_OK;
}

int canon_mounts_parse(struct cj_ctx *cx, struct canon_create *c, json_t *hc)
{
	json_t *binds = cj_arr(hc, "Binds");
	json_t *mounts = cj_arr(hc, "Mounts");
	json_t *vols = cj_obj(c->root, "Volumes");
	size_t i, mark;
	json_t *m;
	int rc;

	if (binds) {
		mark = cj_push(cx, "HostConfig.Binds");
		rc = canon_binds_parse(cx, c, binds);
		cj_pop(cx, mark);
		if (rc)
			return rc;
	}
	json_array_foreach(mounts, i, m)
	{
		mark = cj_push(cx, "HostConfig.Mounts");
		cj_push_index(cx, i);
		rc = mount_one(cx, c, m);
		cj_pop(cx, mark);
		if (rc)
			return rc;
	}
	return vols ? anon_volumes(cx, c, vols) : CANON_OK;
}

/* Host binds among Mounts: type bind, or a volume with driver options
 * (parsing accepted those only when they are a host bind). */
static int mount_is_host_bind(json_t *m)
{
	const char *type = cj_str(m, "Type");
	json_t *dc = cj_obj(cj_obj(m, "VolumeOptions"), "DriverConfig");
	json_t *opts = cj_obj(dc, "Options");

	if (!strcmp(type, "bind"))
		return 1;
	return !strcmp(type, "volume") && opts && json_object_size(opts);
}

int canon_mounts_force_ro(struct cj_ctx *cx, json_t *hc)
{
	json_t *binds = cj_arr(hc, "Binds");
	json_t *mounts = cj_arr(hc, "Mounts");
	json_t *m;
	size_t i;
	int rc;

	if (binds) {
		rc = canon_binds_force_ro(cx, binds);
		if (rc)
			return rc;
	}
	json_array_foreach(mounts, i, m)
	{
		if (!mount_is_host_bind(m))
			continue;
		if (json_object_set_new(m, "ReadOnly", json_true()))
			return cj_err(cx, CANON_ENOMEM, "out of memory");
	}
	return CANON_OK;
}

int canon_mounts_volume_ro(struct cj_ctx *cx, json_t *hc, const char *name)
{
	json_t *binds = cj_arr(hc, "Binds");
	json_t *mounts = cj_arr(hc, "Mounts");
	json_t *m, *vo;
	size_t i;
	int rc;

	if (binds) {
		rc = canon_binds_volume_ro(cx, binds, name);
		if (rc)
			return rc;
	}
	json_array_foreach(mounts, i, m)
	{
		if (strcmp(cj_str(m, "Type"), "volume") ||
		    strcmp(cj_str(m, "Source"), name))
			continue;
		vo = cj_obj(m, "VolumeOptions");
		if (!vo) {
			vo = json_object();
			if (!vo || json_object_set_new(m, "VolumeOptions", vo))
				return cj_err(cx, CANON_ENOMEM,
					      "out of memory");
		}
		if (json_object_set_new(m, "ReadOnly", json_true()) ||
		    json_object_set_new(vo, "NoCopy", json_true()))
			return cj_err(cx, CANON_ENOMEM, "out of memory");
	}
	return CANON_OK;
}
