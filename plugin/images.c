/*
 * Image patterns (see images.h).  A pattern is checked with the gate's own
 * reference parser (gate/imageref.c, linked into the plugin): with every
 * wildcard read as a letter it must be a valid reference, so a pattern can
 * only ever match references dockerd could have produced, and one without
 * wildcards must already be in normalized form.
 */
#include "images.h"

#include <fnmatch.h>
#include <stdio.h>
#include <string.h>

#include "imageref.h"
#include "policy_keys.h"

/* An entry split in place: name glob, tag glob, digest. */
struct pattern {
	char buf[DGP_ITEM_MAX];
	const char *name;   /* NULL: no name part */
	const char *tag;    /* NULL: every tag (and digest references) */
	const char *digest; /* NULL: any digest */
	int any;
};

static int is_glob(char c)
{
	return c == '*' || c == '?';
}

static int has_glob(const char *s)
{
	return strpbrk(s, "*?") != NULL;
}

static int pattern_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || strchr("._-/:@*?", c);
}

/* "sha256:<64 lowercase hex>", as imageref reads an image ID. */
static int digest_ok(const char *s)
{
	struct imageref r;

	return strncmp(s, IMAGEREF_ALGO, IMAGEREF_ALGO_LEN) == 0 &&
	       imageref_parse(s, &r) == IMAGEREF_OK && r.is_id;
}

/* s with every wildcard made a letter, into out. */
static void unglob(const char *s, char *out, size_t len)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < len; i++)
		out[i] = is_glob(s[i]) ? 'a' : s[i];
	out[i] = '\0';
}

/* The registry host comes first: "docker.io/...", "host:5000/...". */
static int domain_first(const char *name, char *err, size_t errlen,
			const char *item)
{
	const char *slash = strchr(name, '/');
	size_t n = slash ? (size_t)(slash - name) : 0;

	if (!slash || (!memchr(name, '.', n) && !memchr(name, ':', n) &&
		       !(n == 9 && !memcmp(name, "localhost", 9)))) {
		snprintf(err, errlen,
			 "image pattern \"%s\" must start with the registry "
			 "host, as docker normalizes names (e.g. "
			 "\"docker.io/library/alpine\" for alpine)",
			 item);
		return -1;
	}
	if (n == sizeof(IMAGEREF_LEGACY_DOMAIN) - 1 &&
	    !memcmp(name, IMAGEREF_LEGACY_DOMAIN, n)) {
		snprintf(err, errlen,
			 "image pattern \"%s\": docker calls this registry "
			 "docker.io; write docker.io/...",
			 item);
		return -1;
	}
	return 0;
}

/* The name and tag, wildcards read as letters, must parse; without
 * wildcards the name must be what docker normalizes it to. */
static int name_check(const struct pattern *p, const char *item, char *err,
		      size_t errlen)
{
	char probe[DGP_ITEM_MAX * 2], name[DGP_ITEM_MAX], tag[DGP_ITEM_MAX];
	struct imageref r;

	unglob(p->name, name, sizeof(name));
	unglob(p->tag ? p->tag : "", tag, sizeof(tag));
	snprintf(probe, sizeof(probe), "%s%s%s", name, p->tag ? ":" : "", tag);
	if (imageref_parse(probe, &r) != IMAGEREF_OK || r.is_id) {
		snprintf(err, errlen, "image pattern \"%s\": %s", item,
			 r.is_id ? "not a name" : r.why);
		return -1;
	}
	if (!has_glob(p->name) && strcmp(r.name, p->name) != 0) {
		snprintf(err, errlen,
			 "image pattern \"%s\": docker normalizes this name "
			 "to %s; write that",
			 item, r.name);
		return -1;
	}
	return 0;
}

/* Splits the expanded entry s; 0, or -1 with err naming item. */
static int pattern_parse(const char *s, const char *item, struct pattern *p,
			 char *err, size_t errlen)
{
	size_t len = strlen(s);
	char *at, *slash, *colon;

	memset(p, 0, sizeof(*p));
	if (len >= sizeof(p->buf)) {
		snprintf(err, errlen, "image pattern \"%s\" is too long", item);
		return -1;
	}
	memcpy(p->buf, s, len + 1);
	if (!strcmp(s, DGP_IMAGES_ANY)) {
		p->any = 1;
		return 0;
	}
	for (const char *c = s; *c; c++)
		if (!pattern_char((unsigned char)*c)) {
			snprintf(err, errlen,
				 "image pattern \"%s\": '%c' is not allowed "
				 "(wildcards are * and ?)",
				 item, *c);
			return -1;
		}
	if (!strncmp(s, IMAGEREF_ALGO, IMAGEREF_ALGO_LEN)) {
		if (!digest_ok(s))
			goto bad_digest;
		p->digest = p->buf;
		return 0;
	}
	at = strchr(p->buf, '@');
	if (at) {
		*at = '\0';
		if (!digest_ok(at + 1))
			goto bad_digest;
		p->digest = at + 1;
	}
	slash = strrchr(p->buf, '/');
	colon = strrchr(slash ? slash : p->buf, ':');
	if (colon) {
		*colon = '\0';
		p->tag = colon + 1;
	}
	p->name = p->buf;
	if (domain_first(p->name, err, errlen, item) < 0)
		return -1;
	return name_check(p, item, err, errlen);
bad_digest:
	snprintf(err, errlen,
		 "image pattern \"%s\": a digest is sha256:<64 lowercase hex "
		 "digits>",
		 item);
	return -1;
}

/* The entry for v: templates expanded, then parsed. */
static int pattern_for(const char *item, const struct dgp_tpl_vars *v,
		       struct pattern *p, char *err, size_t errlen)
{
	char out[DGP_ITEM_MAX];

	if (dgp_tpl_expand(item, DGP_TPL_USER | DGP_TPL_UID, v, out,
			   sizeof(out), err, errlen) < 0)
		return -1;
	/* fail closed: a user name that is not a path component could
	 * carry wildcards or separators into the pattern */
	if (dgp_tpl_has_vars(item) &&
	    (!v->user || !imageref_component_valid(v->user, strlen(v->user)))) {
		snprintf(err, errlen,
			 "image pattern \"%s\": the user name is not an "
			 "image path component",
			 item);
		return -1;
	}
	return pattern_parse(out, item, p, err, errlen);
}

int dgp_image_pattern_check(const char *item, char *err, size_t errlen)
{
	struct pattern p;

	return pattern_for(item, &dgp_sample_vars, &p, err, errlen);
}

int dgp_image_pattern_check_for(const char *item, const struct dgp_tpl_vars *v,
				char *out, size_t outlen, char *err,
				size_t errlen)
{
	struct pattern p;

	if (pattern_for(item, v, &p, err, errlen) < 0)
		return -1;
	return dgp_tpl_expand(item, DGP_TPL_USER | DGP_TPL_UID, v, out, outlen,
			      err, errlen);
}

static int glob_match(const char *glob, const char *s)
{
	return fnmatch(glob, s, FNM_NOESCAPE) == 0;
}

static int ref_match(const struct pattern *p, const struct dg_image_ref *r)
{
	if (!r->name || !r->tag || !r->digest)
		return 0; /* fail closed: a malformed reference */
	if (!p->name)
		return r->digest[0] && !strcmp(p->digest, r->digest);
	if (!glob_match(p->name, r->name))
		return 0;
	if (p->tag && (!r->tag[0] || !glob_match(p->tag, r->tag)))
		return 0;
	return !p->digest || !strcmp(p->digest, r->digest);
}

int dgp_image_match(const char *item, const struct dgp_tpl_vars *v,
		    const char *id, const struct dg_image_ref *names, size_t n)
{
	struct pattern p;
	char err[256];
	size_t i;

	if (pattern_for(item, v, &p, err, sizeof(err)) < 0)
		return 0;
	if (p.any)
		return 1;
	if (!p.name && id && !strcmp(p.digest, id))
		return 1;
	for (i = 0; names && i < n; i++)
		if (ref_match(&p, &names[i]))
			return 1;
	return 0;
}
