/*
 * tmpfs mounts for the policy (plugin ABI 1.3): --tmpfs DIR[:OPTIONS]
 * (HostConfig.Tmpfs) and --mount type=tmpfs (TmpfsOptions).
 *
 * dockerd puts "noexec,nosuid,nodev" before the user's options and lets a
 * later option win over an earlier one (moby/sys/mount
 * MergeTmpfsOptions); the data options then go to the kernel, whose size
 * parser reads "010" as octal and "0x10" as hex.  So the gate accepts a
 * known set of options, each at most once, values in one strict spelling,
 * and forwards the list rebuilt with sizes in bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "canon_priv.h"

#define TMPFS_OPTS_MAX 16  /* options of one --tmpfs */
#define TMPFS_TEXT_MAX 512 /* bytes of one --tmpfs option string */

/* Mount flags dockerd passes on for a tmpfs; propagation, bind, remount
 * and the rest are refused. */
static const char *const tmpfs_flags[] = {
	"ro",	    "rw",	  "exec",	 "noexec",
	"suid",	    "nosuid",	  "dev",	 "nodev",
	"atime",    "noatime",	  "diratime",	 "nodiratime",
	"relatime", "norelatime", "strictatime", "nostrictatime",
	"sync",	    "async",	  "dirsync",	 NULL,
};

/* key=value options; nr_blocks (a second spelling of the size) and mpol
 * are refused. */
static const char *const tmpfs_data[] = {"size", "mode",      "uid",
					 "gid",	 "nr_inodes", NULL};

static const char *known(const char *const *set, const char *s, size_t n)
{
	for (size_t i = 0; set[i]; i++)
		if (strlen(set[i]) == n && !strncmp(set[i], s, n))
			return set[i];
	return NULL;
}

struct tmpfs_parsed {
	const char *names[TMPFS_OPTS_MAX];
	size_t n;
	long long size;			/* -1: none */
	char text[TMPFS_TEXT_MAX + 64]; /* rebuilt option string */
	size_t tlen;
};

static int put_text(struct tmpfs_parsed *t, const char *s)
{
	size_t n = strlen(s);

	if (t->tlen + n + 2 > sizeof(t->text))
		return -1;
	if (t->tlen)
		t->text[t->tlen++] = ',';
	memcpy(t->text + t->tlen, s, n + 1);
	t->tlen += n;
	return 0;
}

/* A data value; *num the number for size and nr_inodes.  0 or -1. */
static int data_value(const char *key, const char *val, long long *num)
{
	size_t n = strlen(val);

	if (!strcmp(key, "size") || !strcmp(key, "nr_inodes"))
		return canon_size_parse(val, num);
	if (!strcmp(key, "mode"))
		return n >= 1 && n <= 4 && strspn(val, "01234567") == n ? 0
									: -1;
	/* uid, gid: decimal */
	return n >= 1 && n <= 10 && strspn(val, "0123456789") == n &&
			       (val[0] != '0' || n == 1)
		       ? 0
		       : -1;
}

/* One option "name" or "key=value" of length n at s. */
static int tmpfs_opt(struct tmpfs_parsed *t, const char *s, size_t n)
{
	const char *eq = memchr(s, '=', n), *name;
	char val[64], buf[96];
	long long num = 0;
	size_t k = eq ? (size_t)(eq - s) : n;

	name = eq ? known(tmpfs_data, s, k) : known(tmpfs_flags, s, n);
	if (!name || t->n == TMPFS_OPTS_MAX)
		return -1;
	for (size_t i = 0; i < t->n; i++)
		if (t->names[i] == name)
			return -1; /* dockerd keeps the last: refused */
	t->names[t->n++] = name;
	if (!eq)
		return put_text(t, name);
	if (n - k - 1 >= sizeof(val))
		return -1;
	memcpy(val, eq + 1, n - k - 1);
	val[n - k - 1] = '\0';
	if (data_value(name, val, &num))
		return -1;
	if (!strcmp(name, "size"))
		t->size = num;
	if (!strcmp(name, "size") || !strcmp(name, "nr_inodes"))
		snprintf(buf, sizeof(buf), "%s=%lld", name, num);
	else
		snprintf(buf, sizeof(buf), "%s=%s", name, val);
	return put_text(t, buf);
}

static int tmpfs_options(const char *s, struct tmpfs_parsed *t)
{
	const char *end;

	memset(t, 0, sizeof(*t));
	t->size = -1;
	if (strlen(s) > TMPFS_TEXT_MAX)
		return -1;
	while (*s) {
		end = strchr(s, ',');
		if (!end)
			end = s + strlen(s);
		if (end == s || tmpfs_opt(t, s, (size_t)(end - s)))
			return -1;
		s = *end ? end + 1 : end;
		if (*end && !*s)
			return -1; /* a trailing ',' */
	}
	return 0;
}

/* A container path: absolute, clean, not "/", printable. */
static int target_ok(struct cj_pool *pool, const char *t)
{
	const char *clean;
	struct cj_ctx quiet;
	char err[CANON_ERR_MAX];

	for (const char *p = t; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == ':' ||
		    *p == ',')
			return 0;
	cj_init(&quiet, err, sizeof(err));
	if (canon_clean_path(&quiet, pool, "--tmpfs", t, &clean))
		return 0;
	return strcmp(clean, t) == 0 && strcmp(t, "/") != 0;
}

int canon_check_tmpfs(struct cj_ctx *cx, const struct cj_field *f, json_t *v)
{
	char q[CJ_QUOTE_MAX + 16];
	struct tmpfs_parsed t;
	struct cj_pool pool = {NULL, 0, 0};
	const char *key;
	json_t *e;
	int ok;

	json_object_foreach(v, key, e)
	{
		ok = target_ok(&pool, key);
		cj_pool_free(&pool);
		if (!ok) {
			cj_quote(q, sizeof(q), key);
			return cj_err(cx, CANON_EREFUSED,
				      "%s %s is refused: the directory must "
				      "be a clean absolute path other than /",
				      f->flag, q);
		}
		if (tmpfs_options(json_string_value(e), &t)) {
			cj_quote(q, sizeof(q), json_string_value(e));
			return cj_err(
				cx, CANON_EREFUSED,
				"%s %s:%s is refused: options are ro, rw, "
				"[no]exec, [no]suid, [no]dev, the atime "
				"flags, sync, async, dirsync, size=, mode=, "
				"uid=, gid=, nr_inodes=, each once; sizes as "
				"a number with an optional unit k, m, g or t",
				f->flag, key, q);
		}
	}
	return CANON_OK;
}

static int tmpfs_add(struct cj_ctx *cx, struct canon_create *c,
		     const struct dg_tmpfs *t)
{
	if (!c->tmpfs) {
		c->tmpfs = calloc(CANON_MAX_MOUNTS, sizeof(*c->tmpfs));
		if (!c->tmpfs)
			return cj_err(cx, CANON_ENOMEM, "out of memory");
		c->view.tmpfs = c->tmpfs;
	}
	/* fail closed: bounded work for the policy */
	if (c->view.ntmpfs >= CANON_MAX_MOUNTS)
		return cj_err(cx, CANON_EREFUSED,
			      "more than %d tmpfs mounts are not allowed by "
			      "docker-gate",
			      CANON_MAX_MOUNTS);
	c->tmpfs[c->view.ntmpfs++] = *t;
	return CANON_OK;
}

/* The option names as a pooled array (the pool frees any pointer). */
static const char *const *names_copy(struct canon_create *c,
				     const char *const *names, size_t n)
{
	const char **a = calloc(n + 1, sizeof(*a));

	if (!a || !cj_pool_take(&c->pool, (char *)a))
		return NULL;
	memcpy(a, names, n * sizeof(*a));
	return a;
}

/* HostConfig.Tmpfs: into the view, option strings rewritten. */
static int tmpfs_map(struct cj_ctx *cx, struct canon_create *c, json_t *map)
{
	struct tmpfs_parsed t;
	struct dg_tmpfs o;
	const char *key;
	json_t *e;
	int rc;

	json_object_foreach(map, key, e)
	{
		const char *raw = json_string_value(e);

		if (tmpfs_options(raw, &t))
			return cj_err(cx, CANON_EREFUSED, "--tmpfs refused");
		o.target = cj_strdup(&c->pool, key);
		o.size = t.size;
		o.options = names_copy(c, t.names, t.n);
		o.noptions = t.n;
		o.cli = raw[0] ? cj_printf(&c->pool, "--tmpfs %s:%s", key, raw)
			       : cj_printf(&c->pool, "--tmpfs %s", key);
		if (!o.target || !o.options || !o.cli ||
		    json_object_set_new(map, key, json_string(t.text)))
			return cj_err(cx, CANON_ENOMEM, "out of memory");
		rc = tmpfs_add(cx, c, &o);
		if (rc)
			return rc;
	}
	return CANON_OK;
}

/* --mount type=tmpfs: size, mode and ro are all it can say (Options,
 * API 1.46, is refused by the table). */
static int tmpfs_mount(struct cj_ctx *cx, struct canon_create *c, json_t *m)
{
	json_t *to = cj_obj(m, "TmpfsOptions");
	json_t *sz = json_object_get(to, "SizeBytes");
	json_t *md = json_object_get(to, "Mode");
	const char *names[3];
	struct dg_tmpfs o;
	size_t n = 0;

	o.size = json_is_integer(sz) && json_integer_value(sz) > 0
			 ? json_integer_value(sz)
			 : -1;
	if (o.size > 0)
		names[n++] = "size";
	if (json_is_integer(md) && json_integer_value(md) != 0)
		names[n++] = "mode";
	if (cj_true(m, "ReadOnly"))
		names[n++] = "ro";
	o.target = cj_strdup(&c->pool, cj_str(m, "Target"));
	o.options = names_copy(c, names, n);
	o.noptions = n;
	o.cli = o.size > 0
			? cj_printf(&c->pool,
				    "--mount type=tmpfs,dst=%s,tmpfs-size=%lld",
				    o.target, o.size)
			: cj_printf(&c->pool, "--mount type=tmpfs,dst=%s",
				    o.target);
	if (!o.target || !o.options || !o.cli)
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	return tmpfs_add(cx, c, &o);
}

int canon_tmpfs_parse(struct cj_ctx *cx, struct canon_create *c, json_t *hc)
{
	json_t *mounts = cj_arr(hc, "Mounts"), *m;
	size_t i;
	int rc = tmpfs_map(cx, c, cj_obj(hc, "Tmpfs"));

	json_array_foreach(mounts, i, m)
	{
		if (rc)
			break;
		if (!strcmp(cj_str(m, "Type"), "tmpfs"))
			rc = tmpfs_mount(cx, c, m);
	}
	return rc;
}

/* A tmpfs without a size gets `size` (struct dg_force.tmpfs_size). */
int canon_tmpfs_force_size(struct cj_ctx *cx, json_t *hc, long long size)
{
	json_t *map = cj_obj(hc, "Tmpfs"), *mounts = cj_arr(hc, "Mounts");
	const char *key;
	json_t *e, *to;
	char buf[TMPFS_TEXT_MAX + 96];
	size_t i;

	json_object_foreach(map, key, e)
	{
		const char *s = json_string_value(e);
		struct tmpfs_parsed t;

		if (tmpfs_options(s, &t))
			return cj_err(cx, CANON_EREFUSED, "--tmpfs refused");
		if (t.size >= 0)
			continue;
		snprintf(buf, sizeof(buf), "%s%ssize=%lld", s, s[0] ? "," : "",
			 size);
		if (json_object_set_new(map, key, json_string(buf)))
			return cj_err(cx, CANON_ENOMEM, "out of memory");
	}
	json_array_foreach(mounts, i, e)
	{
		json_t *sz;

		if (strcmp(cj_str(e, "Type"), "tmpfs"))
			continue;
		to = cj_obj(e, "TmpfsOptions");
		if (!to) {
			to = json_object();
			if (!to || json_object_set_new(e, "TmpfsOptions", to))
				return cj_err(cx, CANON_ENOMEM,
					      "out of memory");
		}
		sz = json_object_get(to, "SizeBytes");
		if (json_is_integer(sz) && json_integer_value(sz) > 0)
			continue;
		if (json_object_set_new(to, "SizeBytes", json_integer(size)))
			return cj_err(cx, CANON_ENOMEM, "out of memory");
	}
	return CANON_OK;
}
