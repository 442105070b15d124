/*
 * Loading the policy directory.
 *
 * Files (POLICY_DIR is the plugin option policy_dir, default
 * SYSCONFDIR/docker-gate):
 *   POLICY_DIR/default.conf        everyone
 *   POLICY_DIR/groups/GROUP.conf   members of GROUP (primary or supplementary)
 *   POLICY_DIR/users/USER.conf     one user
 * File names must match [a-z_][a-z0-9_.-]*\.conf; other names are ignored
 * with a warning.  Every file is opened through the host's open_trusted()
 * (root-owned, not group/world-writable, checked on the descriptor).  Any
 * error in any file fails the whole load: the gate never runs on half a
 * policy.  Without default.conf the built-in defaults (policy_keys.c, the
 * same as policies/default.conf) apply, with a warning.
 *
 * Precedence, key by key, lowest first:
 *   1. built-in defaults
 *   2. default.conf
 *   3. groups/GROUP.conf for every group the user is in, in alphabetical
 *      (byte) order of group name
 *   4. users/USER.conf
 * A layer changes a key only if it names it.  "key = ..." replaces the
 * value from below; for lists, "key += { ... }" adds to the value from
 * below instead.  The file:line of the layer that last changed a key is
 * the `rule` reported for decisions that key makes ("built-in default"
 * for keys no file sets).
 */
#include "policy.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#define LOAD_LOG(io, prio, ...)                                                \
	do {                                                                   \
		if ((io)->log)                                                 \
			(io)->log(prio, __VA_ARGS__);                          \
	} while (0)

static char *load_join(const char *a, const char *b, const char *c,
		       const char *d)
{
	size_t n = strlen(a) + strlen(b) + strlen(c) + strlen(d) + 1;
	char *s = malloc(n);

	if (s)
		snprintf(s, n, "%s%s%s%s", a, b, c, d);
	return s;
}

/* 1 and the bytes, 0 when absent, -1 with err. */
static int load_read(const struct dgp_io *io, const char *path, char **out,
		     size_t *outlen, char *err, size_t errlen)
{
	char why[256] = "", *buf;
	size_t len = 0;
	int fd, e;

	fd = io->open_trusted(path, why, sizeof(why));
	if (fd < 0) {
		e = errno;
		if (e == ENOENT)
			return 0;
		snprintf(err, errlen, "%s: %s", path,
			 why[0] ? why : strerror(e));
		return -1;
	}
	buf = malloc(DGP_FILE_MAX + 1);
	while (buf) {
		ssize_t n = read(fd, buf + len, DGP_FILE_MAX + 1 - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(err, errlen, "%s: cannot read: %s", path,
				 strerror(errno));
			break;
		}
		if (n == 0) {
			close(fd);
			*out = buf;
			*outlen = len;
			return 1;
		}
		len += (size_t)n;
		if (len > DGP_FILE_MAX) {
			snprintf(err, errlen, "%s: larger than %d bytes", path,
				 DGP_FILE_MAX);
			break;
		}
	}
	if (!buf)
		snprintf(err, errlen, "%s: out of memory", path);
	free(buf);
	close(fd);
	return -1;
}

/* 1 loaded, 0 absent, -1 error. */
static int load_file(const struct dgp_io *io, char *path, char *name,
		     struct dgp_layer *layer, char *err, size_t errlen)
{
	char *buf = NULL;
	size_t len = 0;
	int rc;

	memset(layer, 0, sizeof(*layer));
	rc = load_read(io, path, &buf, &len, err, errlen);
	if (rc > 0 && dgp_parse_file(path, buf, len, layer, err, errlen) < 0)
		rc = -1;
	free(buf);
	if (rc > 0) {
		layer->path = path;
		layer->name = name;
	} else {
		free(path);
		free(name);
	}
	return rc;
}

static int load_name_ok(const char *n)
{
	size_t len = strlen(n);
	size_t i;

	if (len <= 5 || strcmp(n + len - 5, ".conf") != 0)
		return 0;
	if (!((n[0] >= 'a' && n[0] <= 'z') || n[0] == '_'))
		return 0;
	for (i = 1; i < len - 5; i++)
		if (!((n[i] >= 'a' && n[i] <= 'z') ||
		      (n[i] >= '0' && n[i] <= '9') || strchr("_.-", n[i])))
			return 0;
	return 1;
}

static int load_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_free_names(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* Sorted NAMEs of the NAME.conf files in dir; *n = 0 when dir does not
 * exist. */
static int load_list(const struct dgp_io *io, const char *dir, char ***out,
		     size_t *n, char *err, size_t errlen)
{
	char why[512];
	/* The directory itself must be trusted too: anyone who can write to
	 * it could add a policy file later (fail closed even when empty). */
	int fd = io->open_trusted(dir, why, sizeof(why));
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *de;
	char **names;

	*out = NULL;
	*n = 0;
	if (!d) {
		if (fd < 0 && errno == ENOENT)
			return 0;
		if (fd >= 0)
			close(fd);
		snprintf(err, errlen, "%s", fd < 0 ? why : strerror(errno));
		return -1;
	}
	names = calloc(DGP_DIR_FILES_MAX, sizeof(*names));
	if (!names) {
		snprintf(err, errlen, "%s: out of memory", dir);
		goto fail;
	}
	while ((de = readdir(d)) != NULL) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (!load_name_ok(de->d_name)) {
			LOAD_LOG(io, LOG_WARNING,
				 "%s/%s: ignored: policy files are named "
				 "NAME.conf, NAME in [a-z_][a-z0-9_.-]*",
				 dir, de->d_name);
			continue;
		}
		if (*n == DGP_DIR_FILES_MAX) {
			snprintf(err, errlen, "%s: more than %d policy files",
				 dir, DGP_DIR_FILES_MAX);
			goto fail;
		}
		/* sorted and looked up by group or user name, not file name:
		 * "dev-ops.conf" sorts before "dev.conf", "dev" before
		 * "dev-ops" */
		names[*n] = strndup(de->d_name, strlen(de->d_name) - 5);
		if (!names[(*n)++]) {
			snprintf(err, errlen, "%s: out of memory", dir);
			goto fail;
		}
	}
	closedir(d);
	qsort(names, *n, sizeof(*names), load_cmp_str);
	*out = names;
	return 0;
fail:
	closedir(d);
	load_free_names(names, *n);
	*n = 0;
	return -1;
}

/* Loads every file of dir/sub into a sorted layer array. */
static int load_dir(const struct dgp_io *io, const char *dir, const char *sub,
		    struct dgp_layer **out, size_t *nout, char *err,
		    size_t errlen)
{
	char *path = load_join(dir, "/", sub, ""), **names = NULL;
	size_t n = 0, i;
	int rc = -1;

	*out = NULL;
	*nout = 0;
	if (!path || load_list(io, path, &names, &n, err, errlen) < 0)
		goto out;
	*out = calloc(n + 1, sizeof(**out));
	if (!*out) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++) {
		char *fpath = load_join(path, "/", names[i], ".conf");
		char *name = strdup(names[i]);
		int r;

		if (!fpath || !name) {
			free(fpath);
			free(name);
			snprintf(err, errlen, "out of memory");
			goto out;
		}
		r = load_file(io, fpath, name, &(*out)[*nout], err, errlen);
		if (r < 0)
			goto out;
		*nout += r > 0; /* vanished since readdir: skip it */
	}
	rc = 0;
out:
	if (!path)
		snprintf(err, errlen, "out of memory");
	free(path);
	load_free_names(names, n);
	return rc;
}

static void load_builtin(struct dgp_layer *l)
{
	int k;

	memset(l, 0, sizeof(*l));
	for (k = 0; k < DGP_NKEYS; k++)
		l->keys[k].num = dgp_keys[k].def;
}

static int load_default(const struct dgp_io *io, struct dgp_policy *p,
			char *err, size_t errlen)
{
	char *path = load_join(p->dir, "/default.conf", "", "");
	int rc;

	p->deflt = calloc(1, sizeof(*p->deflt));
	if (!path || !p->deflt) {
		free(path);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	rc = load_file(io, path, NULL, p->deflt, err, errlen);
	if (rc == 0) {
		LOAD_LOG(io, LOG_WARNING,
			 "%s/default.conf does not exist: the built-in "
			 "restrictive default applies",
			 p->dir);
		free(p->deflt);
		p->deflt = NULL;
	}
	return rc < 0 ? -1 : 0;
}

struct dgp_policy *dgp_policy_load(const char *dir, const struct dgp_io *io,
				   char *err, size_t errlen)
{
	struct dgp_policy *p = calloc(1, sizeof(*p));

	if (!p || !(p->dir = strdup(dir))) {
		free(p);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	load_builtin(&p->builtin);
	if (load_default(io, p, err, errlen) < 0 ||
	    load_dir(io, dir, "groups", &p->groups, &p->ngroups, err, errlen) <
		    0 ||
	    load_dir(io, dir, "users", &p->users, &p->nusers, err, errlen) <
		    0) {
		dgp_policy_free(p);
		return NULL;
	}
	return p;
}

static void load_free_layers(struct dgp_layer *l, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		dgp_layer_clear(&l[i]);
		free(l[i].name);
		free(l[i].path);
	}
	free(l);
}

void dgp_policy_free(struct dgp_policy *p)
{
	if (!p)
		return;
	if (p->deflt)
		load_free_layers(p->deflt, 1);
	load_free_layers(p->groups, p->ngroups);
	load_free_layers(p->users, p->nusers);
	free(p->dir);
	free(p);
}

static const struct dgp_layer *load_find(const struct dgp_layer *l, size_t n,
					 const char *name)
{
	size_t lo = 0, hi = n;

	while (name && lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, l[mid].name);

		if (c == 0)
			return &l[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct dgp_layer *dgp_policy_group(const struct dgp_policy *p,
					 const char *name)
{
	return load_find(p->groups, p->ngroups, name);
}

const struct dgp_layer *dgp_policy_user(const struct dgp_policy *p,
					const char *name)
{
	return load_find(p->users, p->nusers, name);
}
