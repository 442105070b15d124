/*
 * References to other containers inside a create body: --network, --pid
 * and --ipc container:<ref>, --volumes-from <ref>[:ro|:rw], --link
 * <ref>[:alias].  The field checks accept only these shapes and "host"
 * (which the policy decides, canon_options.c); the references are collected so
 * the gate can check who owns each one and rewrite it to the full ID it
 * checked.
 */
#include <stdio.h>
#include <string.h>

#include "canon_priv.h"

#define REF_PREFIX "container:"

/* dockerd's container name/ID charset, with an optional leading '/'. */
int canon_ref_ok(const char *s, size_t n)
{
	if (n > 0 && s[0] == '/') {
		s++;
		n--;
	}
	if (n == 0 || n > CANON_REF_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') ||
		      (i > 0 && (c == '_' || c == '.' || c == '-'))))
			return 0;
	}
	return 1;
}

static int refused(struct cj_ctx *cx, const struct cj_field *f, const char *s)
{
	char q[CJ_QUOTE_MAX + 16];

	cj_quote(q, sizeof(q), s);
	return cj_err(cx, CANON_EREFUSED,
		      "%s %s is not allowed by docker-gate yet", f->flag, q);
}

/* A mode: one of `plain` or container:<ref>. */
static int check_mode(struct cj_ctx *cx, const struct cj_field *f, json_t *v,
		      const char *const *plain)
{
	const char *s = json_string_value(v);

	for (size_t i = 0; plain[i]; i++)
		if (!strcmp(s, plain[i]))
			return CANON_OK;
	if (!strncmp(s, REF_PREFIX, strlen(REF_PREFIX)) &&
	    canon_ref_ok(s + strlen(REF_PREFIX),
			 strlen(s + strlen(REF_PREFIX))))
		return CANON_OK;
	return refused(cx, f, s);
}

int canon_check_pidmode(struct cj_ctx *cx, const struct cj_field *f, json_t *v)
{
	static const char *const plain[] = {"", "host", NULL};

	return check_mode(cx, f, v, plain);
}

int canon_check_ipcmode(struct cj_ctx *cx, const struct cj_field *f, json_t *v)
{
	static const char *const plain[] = {"",	    "private", "shareable",
					    "none", "host",    NULL};

	return check_mode(cx, f, v, plain);
}

/* The built-in modes, container:<ref>, or a network's name or ID (the
 * gate resolves it: tenancy_networks.c). */
int canon_check_netmode(struct cj_ctx *cx, const struct cj_field *f, json_t *v)
{
	static const char *const plain[] = {"",	    "default", "bridge",
					    "none", "host",    NULL};
	const char *s = json_string_value(v);

	if (strncmp(s, REF_PREFIX, strlen(REF_PREFIX)) &&
	    canon_ref_ok(s, strlen(s)) && s[0] != '/')
		return CANON_OK;
	return check_mode(cx, f, v, plain);
}

/* --network-alias: names in the network's DNS, with the container-name
 * charset (no '/'). */
int canon_check_aliases(struct cj_ctx *cx, const struct cj_field *f, json_t *v)
{
	json_t *e;
	size_t i;

	if (json_array_size(v) > CANON_MAX_OPTS)
		return cj_err(cx, CANON_EREFUSED, "more than %d %s",
			      CANON_MAX_OPTS, f->flag);
	json_array_foreach(v, i, e)
	{
		const char *s = json_string_value(e);

		if (s[0] == '/' || !canon_ref_ok(s, strlen(s)))
			return refused(cx, f, s);
	}
	return CANON_OK;
}

/* ref[:suffix]; `suffixes` NULL means any alias name. */
static int check_entries(struct cj_ctx *cx, const struct cj_field *f, json_t *v,
			 const char *const *suffixes)
{
	json_t *e;
	size_t i;

	json_array_foreach(v, i, e)
	{
		const char *s = json_string_value(e), *colon = strchr(s, ':');
		size_t n = colon ? (size_t)(colon - s) : strlen(s);
		int ok = canon_ref_ok(s, n);

		if (ok && colon && suffixes) {
			ok = 0;
			for (size_t k = 0; suffixes[k]; k++)
				ok |= !strcmp(colon + 1, suffixes[k]);
		} else if (ok && colon) {
			ok = colon[1] != '/' &&
			     canon_ref_ok(colon + 1, strlen(colon + 1));
		}
		if (!ok)
			return refused(cx, f, s);
	}
	return CANON_OK;
}

int canon_check_volumesfrom(struct cj_ctx *cx, const struct cj_field *f,
			    json_t *v)
{
	static const char *const modes[] = {"ro", "rw", NULL};

	return check_entries(cx, f, v, modes);
}

int canon_check_links(struct cj_ctx *cx, const struct cj_field *f, json_t *v)
{
	return check_entries(cx, f, v, NULL);
}

static int add_ref(struct cj_ctx *cx, struct canon_create *c, json_t *holder,
		   const char *key, size_t index, const char *value,
		   size_t prefix_len)
{
	struct canon_ref *r;
	const char *ref = value + prefix_len, *colon = strchr(ref, ':');
	size_t n = colon ? (size_t)(colon - ref) : strlen(ref);

	if (c->nrefs >= CANON_MAX_REFS)
		return cj_err(cx, CANON_EREFUSED,
			      "more than %d container references",
			      CANON_MAX_REFS);
	r = &c->refs[c->nrefs++];
	memset(r, 0, sizeof(*r));
	r->holder = holder;
	r->key = key;
	r->index = index;
	snprintf(r->prefix, sizeof(r->prefix), "%.*s", (int)prefix_len, value);
	snprintf(r->ref, sizeof(r->ref), "%.*s", (int)n, ref);
	snprintf(r->suffix, sizeof(r->suffix), "%s", colon ? colon : "");
	return CANON_OK;
}

int canon_refs_collect(struct cj_ctx *cx, struct canon_create *c, json_t *hc)
{
	static const char *const modes[] = {"NetworkMode", "PidMode", "IpcMode",
					    NULL};
	static const char *const lists[] = {"VolumesFrom", "Links", NULL};
	int rc = CANON_OK;

	for (size_t i = 0; modes[i] && !rc; i++) {
		const char *s = cj_str(hc, modes[i]);

		if (!strncmp(s, REF_PREFIX, strlen(REF_PREFIX)))
			rc = add_ref(cx, c, hc, modes[i], 0, s,
				     strlen(REF_PREFIX));
	}
	for (size_t i = 0; lists[i] && !rc; i++) {
		json_t *arr = json_object_get(hc, lists[i]), *e;
		size_t k;

		json_array_foreach(arr, k, e)
		{
			rc = add_ref(cx, c, arr, NULL, k, json_string_value(e),
				     0);
			if (rc)
				break;
		}
	}
	return rc;
}

size_t canon_create_nrefs(const struct canon_create *c)
{
	return c ? c->nrefs : 0;
}

const char *canon_create_ref(const struct canon_create *c, size_t i)
{
	return c && i < c->nrefs ? c->refs[i].ref : NULL;
}

int canon_create_set_ref(struct canon_create *c, size_t i, const char *id)
{
	char v[sizeof(c->refs[0].prefix) + CANON_REF_MAX + 1 +
	       sizeof(c->refs[0].suffix)];
	struct canon_ref *r;
	json_t *s;

	if (!c || i >= c->nrefs || !canon_ref_ok(id, strlen(id)))
		return CANON_EBAD;
	r = &c->refs[i];
	snprintf(v, sizeof(v), "%s%s%s", r->prefix, id, r->suffix);
	s = json_string(v);
	if (!s)
		return CANON_ENOMEM;
	if (r->key ? json_object_set_new(r->holder, r->key, s)
		   : json_array_set_new(r->holder, r->index, s))
		return CANON_ENOMEM;
	return CANON_OK;
}
