/*
 * HostConfig.Binds ("-v src:dst[:opts]"), split the way dockerd's Linux
 * parser splits them, then rewritten in canonical form: clean host path,
 * ro/rw first, the other options in the order given.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canon_priv.h"

#define BIND_OPTS_MAX 8 /* options after the second ':' of one -v */

enum bind_class { BO_MODE, BO_PROPAGATION, BO_CONSISTENCY, BO_COPY, BO_N };

static const struct bind_opt {
	const char *name;
	enum bind_class class;
} bind_opts[] = {
	{"ro", BO_MODE},
	{"rw", BO_MODE},
	{"private", BO_PROPAGATION},
	{"rprivate", BO_PROPAGATION},
	{"slave", BO_PROPAGATION},
	{"rslave", BO_PROPAGATION},
	{"consistent", BO_CONSISTENCY},
	{"cached", BO_CONSISTENCY},
	{"delegated", BO_CONSISTENCY},
	{"nocopy", BO_COPY},
};

struct bind_spec {
	enum dg_mount_kind kind;
	const char *source; /* clean host path or volume name (pooled) */
	char *dst;	    /* points into buf */
	const char *opts[BIND_OPTS_MAX]; /* options other than ro/rw */
	size_t nopts;
	int ro, rw;
	char *buf; /* pooled working copy of the entry */
};

static int bind_bad(struct cj_ctx *cx, int rc, const char *entry,
		    const char *why)
{
	char q[CJ_QUOTE_MAX + 16];

	cj_quote(q, sizeof(q), entry);
	return cj_err(cx, rc, "-v %s: %s", q, why);
}

static int bind_opt(struct cj_ctx *cx, struct bind_spec *b, const char *e,
		    const char *tok, int seen[BO_N])
{
	size_t i;

	/* fail closed: z/Z relabel the host path, shared propagates back */
	if (!strcmp(tok, "z") || !strcmp(tok, "Z"))
		return bind_bad(cx, CANON_EREFUSED, e,
				":z/:Z relabels the host path; refused");
	if (!strcmp(tok, "shared") || !strcmp(tok, "rshared"))
		return bind_bad(cx, CANON_EREFUSED, e,
				"shared propagation is not allowed by "
				"docker-gate yet");
	for (i = 0; i < sizeof(bind_opts) / sizeof(bind_opts[0]); i++)
		if (!strcmp(tok, bind_opts[i].name))
			break;
	if (i == sizeof(bind_opts) / sizeof(bind_opts[0]))
		return bind_bad(cx, CANON_EBAD, e, "unknown option");
	if (seen[bind_opts[i].class]++)
		return bind_bad(cx, CANON_EBAD, e, "conflicting options");
	if (bind_opts[i].class == BO_MODE) {
		b->ro = tok[1] == 'o';
		b->rw = !b->ro;
		return CANON_OK;
	}
	if (b->nopts == BIND_OPTS_MAX)
		return bind_bad(cx, CANON_EBAD, e, "too many options");
	b->opts[b->nopts++] = tok;
	return CANON_OK;
}

static int bind_mode(struct cj_ctx *cx, struct bind_spec *b, const char *e,
		     char *mode)
{
	int seen[BO_N] = {0};
	char *tok, *next;
	int rc;

	for (tok = mode; tok; tok = next) {
		next = strchr(tok, ',');
		if (next)
			*next++ = '\0';
		if (!tok[0])
			return bind_bad(cx, CANON_EBAD, e, "empty option");
		rc = bind_opt(cx, b, e, tok, seen);
		if (rc)
			return rc;
	}
	return CANON_OK;
}

static int bind_parse(struct cj_ctx *cx, struct cj_pool *pool, const char *e,
		      struct bind_spec *b)
{
	char *src, *mode;
	int rc;

	memset(b, 0, sizeof(*b));
	b->buf = cj_strdup(pool, e);
	if (!b->buf)
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	/* dockerd: more than two ':' is invalid; "/dst" alone is an
	 * anonymous volume the CLI never sends this way (fail closed) */
	src = b->buf;
	b->dst = strchr(src, ':');
	if (!b->dst)
		return bind_bad(cx, CANON_EBAD, e,
				"expected SRC:DST[:OPTIONS]");
	*b->dst++ = '\0';
	mode = strchr(b->dst, ':');
	if (mode) {
		*mode++ = '\0';
		if (strchr(mode, ':') || !mode[0])
			return bind_bad(cx, CANON_EBAD, e,
					"expected SRC:DST[:OPTIONS]");
	}
	if (!src[0] || !b->dst[0])
		return bind_bad(cx, CANON_EBAD, e, "empty source or target");
	if (b->dst[0] != '/')
		return bind_bad(cx, CANON_EBAD, e,
				"the container path must be absolute");
	if (src[0] == '/') {
		b->kind = DG_MOUNT_BIND;
		rc = canon_clean_path(cx, pool, "-v", src, &b->source);
		if (rc)
			return rc;
	} else if (cj_is_volume_name(src)) {
		b->kind = DG_MOUNT_VOLUME;
		b->source = src;
	} else {
		return bind_bad(cx, CANON_EBAD, e,
				"the source must be an absolute host path or a "
				"volume name");
	}
	return mode ? bind_mode(cx, b, e, mode) : CANON_OK;
}

/* "src:dst[:ro|rw[,opt...]]" */
static json_t *bind_string(const struct bind_spec *b)
{
	char mode[256] = "";
	size_t i, o = 0;
	char *s = NULL;
	json_t *j;

	if (b->ro || b->rw)
		o += (size_t)snprintf(mode, sizeof(mode), "%s",
				      b->ro ? "ro" : "rw");
	for (i = 0; i < b->nopts && o < sizeof(mode); i++)
		o += (size_t)snprintf(mode + o, sizeof(mode) - o, "%s%s",
				      o ? "," : "", b->opts[i]);
	if (asprintf(&s, "%s:%s%s%s", b->source, b->dst, mode[0] ? ":" : "",
		     mode) < 0)
		return NULL;
	j = json_string(s);
	free(s);
	return j;
}

static int bind_rewrite(struct cj_ctx *cx, json_t *binds, size_t i,
			const struct bind_spec *b)
{
	json_t *j = bind_string(b);

	if (!j || json_array_set_new(binds, i, j))
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	return CANON_OK;
}

int canon_binds_parse(struct cj_ctx *cx, struct canon_create *c, json_t *binds)
{
	struct bind_spec b;
	struct dg_mount m;
	const char *e;
	json_t *v;
	size_t i, mark;
	int rc;

	json_array_foreach(binds, i, v)
	{
		e = json_string_value(v);
		mark = cj_push_index(cx, i);
		rc = bind_parse(cx, &c->pool, e, &b);
		cj_pop(cx, mark);
		if (rc)
			return rc;
		m.kind = b.kind;
		m.source = b.source;
		m.target = b.dst;
		m.read_only = b.ro;
		m.cli = cj_printf(&c->pool, "-v %s", e);
		if (!m.cli)
			return cj_err(cx, CANON_ENOMEM, "out of memory");
		rc = canon_mount_add(cx, c, &m);
		if (!rc)
			rc = bind_rewrite(cx, binds, i, &b);
		if (rc)
			return rc;
	}
	return CANON_OK;
}

int canon_binds_force_ro(struct cj_ctx *cx, json_t *binds)
{
	struct cj_pool pool = {0};
	struct bind_spec b;
	json_t *v;
	size_t i;
	int rc = CANON_OK;

	json_array_foreach(binds, i, v)
	{
		/* entries were parsed and rewritten already: this reads
		 * them back the same way */
		rc = bind_parse(cx, &pool, json_string_value(v), &b);
		if (rc)
			break;
		if (b.kind != DG_MOUNT_BIND || b.ro)
			continue;
		b.ro = 1;
		b.rw = 0;
		rc = bind_rewrite(cx, binds, i, &b);
		if (rc)
			break;
	}
	cj_pool_free(&pool);
	return rc;
}

/* 1 if the options already say nocopy. */
static int has_nocopy(const struct bind_spec *b)
{
	for (size_t i = 0; i < b->nopts; i++)
		if (!strcmp(b->opts[i], "nocopy"))
			return 1;
	return 0;
}

int canon_binds_volume_ro(struct cj_ctx *cx, json_t *binds, const char *name)
{
	struct cj_pool pool = {0};
	struct bind_spec b;
	json_t *v;
	size_t i;
	int rc = CANON_OK;

	json_array_foreach(binds, i, v)
	{
		rc = bind_parse(cx, &pool, json_string_value(v), &b);
		if (rc)
			break;
		if (b.kind != DG_MOUNT_VOLUME || strcmp(b.source, name))
			continue;
		b.ro = 1;
		b.rw = 0;
		/* an empty volume is filled from the image on mount, even
		 * read-only: nocopy keeps the shared content as it is */
		if (!has_nocopy(&b) && b.nopts < BIND_OPTS_MAX)
			b.opts[b.nopts++] = "nocopy";
		if (!has_nocopy(&b))
			rc = cj_err(cx, CANON_EREFUSED,
				    "-v %s: too many options", name);
		if (!rc)
			rc = bind_rewrite(cx, binds, i, &b);
		if (rc)
			break;
	}
	cj_pool_free(&pool);
	return rc;
}
