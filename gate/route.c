/*
 * Routing (pure): request target -> route entry, the way dockerd's
 * gorilla/mux router would see it (reference/engine-api.md §1.1, §4.1,
 * §4.3), refusing every target dockerd would read differently from us.
 */
#include <stdio.h>
#include <string.h>

#include "query.h"
#include "route.h"

/* Characters of the version in "/v<version>/" we look at at all. */
#define ROUTE_MAX_VERSION 16
/* Digits per version component: dockerd's Atoi turns overflow into 0. */
#define ROUTE_VERSION_DIGITS 4
/* Longest piece of user text (method, path, name) echoed in a message. */
#define ROUTE_ECHO_MAX 80
/* "METHOD /pattern/with/{name}" as shown in messages. */
#define ROUTE_DESC_MAX 160

enum pm { PM_NO = 0, PM_BADOBJ, PM_LONGOBJ, PM_YES };

/* "POST /containers/{id}/start" for messages. */
static const char *describe(const struct route_def *d, char *buf, size_t len)
{
	const char *var = strstr(d->pattern, "{}");
	const char *name = d->object == RO_IMAGE || strncmp(d->pattern,
							    "/volumes/", 9) == 0
				   ? "{name}"
				   : "{id}";

	if (var)
		snprintf(buf, len, "%s %.*s%s%s", d->method,
			 (int)(var - d->pattern), d->pattern, name, var + 2);
	else
		snprintf(buf, len, "%s %s", d->method, d->pattern);
	return buf;
}

/*
 * Percent-decodes the path once, as Go does before gorilla/mux matches
 * it, and refuses the escapes and bytes that would let dockerd route a
 * path differently from the way it reads here.
 */
static int decode_path(const char *s, size_t len, char *out, size_t outsz,
		       char *err, size_t errlen)
{
	size_t i, o = 0;
	int hi, lo;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '%') {
			hi = i + 2 < len ? query_hexval((unsigned char)s[i + 1])
					 : -1;
			lo = hi >= 0 ? query_hexval((unsigned char)s[i + 2])
				     : -1;
			if (lo < 0) {
				route_err(err, errlen,
					  "invalid percent-escape "
					  "in the path");
				return ROUTE_EBAD;
			}
			c = (unsigned char)(hi << 4 | lo);
			i += 2;
			if (c == '/' || c == '%') {
				/* fail closed: an escaped separator or a
				 * double encoding means two readings */
				route_err(err, errlen,
					  "an escaped '%c' (%%%02X) "
					  "in the path is not accepted",
					  c, c);
				return ROUTE_EBAD;
			}
		}
		if (c < 0x21 || c >= 0x7f) {
			route_err(err, errlen,
				  "the path contains a space, "
				  "control or non-ASCII byte");
			return ROUTE_EBAD;
		}
		if (c == '\\' || c == ';') {
			route_err(err, errlen,
				  "'%c' in the path is not "
				  "accepted",
				  c);
			return ROUTE_EBAD;
		}
		if (o + 1 >= outsz) {
			route_err(err, errlen,
				  "the path is longer than "
				  "docker-gate accepts (%d bytes)",
				  ROUTE_MAX_PATH - 1);
			return ROUTE_ETOOBIG;
		}
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return ROUTE_OK;
}

/* Paths gorilla/mux would redirect instead of serving (cleanPath). */
static int check_shape(const char *p, char *err, size_t errlen)
{
	size_t len = strlen(p);

	if (p[0] != '/') {
		route_err(err, errlen,
			  "the request target must be a path "
			  "starting with '/'");
		return ROUTE_EBAD;
	}
	if (strstr(p, "//")) {
		route_err(err, errlen, "'//' in the path is not accepted");
		return ROUTE_EBAD;
	}
	if (strstr(p, "/./") || strstr(p, "/../") ||
	    (len >= 2 && strcmp(p + len - 2, "/.") == 0) ||
	    (len >= 3 && strcmp(p + len - 3, "/..") == 0)) {
		route_err(err, errlen,
			  "'.' and '..' segments in the path "
			  "are not accepted");
		return ROUTE_EBAD;
	}
	return ROUTE_OK;
}

static int version_err(const char *v, size_t len, char *err, size_t errlen)
{
	char echo[ROUTE_MAX_VERSION + 4];

	route_err(err, errlen,
		  "API version %s is not supported: "
		  "docker-gate accepts 1.%d to 1.%d",
		  route_echo(v, len, echo, sizeof(echo)), GATE_API_MIN,
		  GATE_API_MAX);
	return ROUTE_EVERSION;
}

/*
 * dockerd compares versions numerically per '.'-component with missing
 * parts 0 ("1.041" and "1.41.0" are 1.41).  Anything it would read in a
 * surprising way (empty parts, overflow, a non-zero patch) is refused.
 */
static int parse_version(const char *v, size_t len, unsigned int *minor,
			 char *err, size_t errlen)
{
	unsigned int comp[ROUTE_MAX_VERSION] = {0}, ncomp = 0, digits = 0;
	size_t i;

	if (len > ROUTE_MAX_VERSION)
		return version_err(v, len, err, errlen);
	for (i = 0; i <= len; i++) {
		if (i == len || v[i] == '.') {
			if (digits == 0) /* fail closed: "1..41", "1." */
				return version_err(v, len, err, errlen);
			ncomp++;
			digits = 0;
			continue;
		}
		if (++digits > ROUTE_VERSION_DIGITS)
			return version_err(v, len, err, errlen);
		comp[ncomp] = comp[ncomp] * 10 + (unsigned int)(v[i] - '0');
	}
	for (i = 2; i < ncomp; i++)
		if (comp[i] != 0)
			return version_err(v, len, err, errlen);
	if (comp[0] != 1 || comp[1] < GATE_API_MIN || comp[1] > GATE_API_MAX)
		return version_err(v, len, err, errlen);
	*minor = comp[1];
	return ROUTE_OK;
}

/*
 * Strips a "/v<digits and dots>/" prefix (gorilla's "/v{version:[0-9.]+}")
 * from the decoded path.  *versioned says whether there was one.
 */
static int split_version(char *path, int *versioned, unsigned int *minor,
			 char *err, size_t errlen)
{
	size_t k = 0;
	int rc;

	*versioned = 0;
	if (path[0] != '/' || path[1] != 'v')
		return ROUTE_OK;
	while (path[2 + k] == '.' || (path[2 + k] >= '0' && path[2 + k] <= '9'))
		k++;
	if (k == 0 || path[2 + k] != '/')
		return ROUTE_OK;
	rc = parse_version(path + 2, k, minor, err, errlen);
	if (rc)
		return rc;
	memmove(path, path + 2 + k, strlen(path + 2 + k) + 1);
	*versioned = 1;
	return ROUTE_OK;
}

static int id_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

/* The {} of a pattern: what a path (or a resolved ID) may put there. */
int route_object_valid(enum route_object kind, const char *s)
{
	size_t len = strlen(s), i, seg = 0;

	if (len == 0 || len >= ROUTE_MAX_OBJECT || kind == RO_NONE)
		return 0;
	for (i = 0; i <= len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '/' || c == '\0') {
			if (c == '/' && kind != RO_IMAGE)
				return 0;
			/* empty, "." and ".." segments: dockerd redirects */
			if (i == seg || (i - seg == 1 && s[seg] == '.') ||
			    (i - seg == 2 && s[seg] == '.' &&
			     s[seg + 1] == '.'))
				return 0;
			seg = i + 1;
			continue;
		}
		if (!id_char(c) && !(kind == RO_IMAGE && strchr(":@+", c)))
			return 0;
	}
	return 1;
}

/*
 * Matches one row.  A pattern is literal text with at most one "{}" (the
 * object, greedy like gorilla's {name:.*} but anchored on the literal
 * suffix) and optionally a final slash-star (refused rows only: the prefix
 * itself and anything below it).  The object candidate goes to obj.
 */
static enum pm pattern_match(const struct route_def *d, const char *path,
			     char *obj)
{
	const char *p = d->pattern, *var = strstr(p, "{}"), *rest, *end;
	size_t plen = strlen(p), olen;
	int star = plen >= 2 && strcmp(p + plen - 2, "/*") == 0;
	size_t lit = star ? plen - 2 : plen; /* without the slash-star */
	size_t pre = var ? (size_t)(var - p) : lit;
	size_t post = var ? lit - pre - 2 : 0;

	if (strncmp(path, p, pre) != 0)
		return PM_NO;
	rest = path + pre;
	if (!var) {
		if (*rest == '\0' || (star && *rest == '/'))
			return PM_YES;
		return PM_NO;
	}
	if (star) {
		end = rest + strcspn(rest, "/");
		if (strncmp(end, var + 2, post) != 0 ||
		    (end[post] != '\0' && end[post] != '/'))
			return PM_NO;
	} else {
		olen = strlen(rest);
		if (olen < post || strcmp(rest + olen - post, var + 2) != 0)
			return PM_NO;
		end = rest + olen - post;
	}
	olen = (size_t)(end - rest);
	if (olen == 0)
		return PM_NO;
	if (olen >= ROUTE_MAX_OBJECT)
		return PM_LONGOBJ;
	memcpy(obj, rest, olen);
	obj[olen] = '\0';
	return route_object_valid(d->object, obj) ? PM_YES : PM_BADOBJ;
}

static int literal_row(const struct route_def *d)
{
	return !strchr(d->pattern, '{') && !strchr(d->pattern, '*');
}

/*
 * Literal rows first, then variable rows, each in table order (dockerd
 * registers /images/json before /images/{name:.*}/json).  On a miss,
 * *why is the most telling near-miss and *near its row.
 */
static const struct route_def *lookup(const char *method, const char *path,
				      char *obj, enum pm *why,
				      const struct route_def **near)
{
	char cand[ROUTE_MAX_OBJECT];
	const struct route_def *d;
	enum pm r;
	size_t i;
	int pass;

	*why = PM_NO;
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < route_table_len; i++) {
			d = &route_table[i];
			if (literal_row(d) != (pass == 0))
				continue;
			cand[0] = '\0';
			if (strcmp(d->method, "*") != 0 &&
			    strcmp(d->method, method) != 0)
				continue;
			r = pattern_match(d, path, cand);
			if (r == PM_YES) {
				memcpy(obj, cand, strlen(cand) + 1);
				return d;
			}
			if (r > *why) {
				*why = r;
				*near = d;
				if (r == PM_BADOBJ)
					memcpy(obj, cand, strlen(cand) + 1);
			}
		}
	}
	return NULL;
}

/* Explains a lookup miss on a versioned request. */
static int miss(const char *method, const char *path, const char *obj,
		enum pm why, const struct route_def *near, char *err,
		size_t errlen)
{
	char e1[ROUTE_ECHO_MAX + 4], e2[ROUTE_ECHO_MAX + 4];
	char desc[ROUTE_DESC_MAX];

	if (why == PM_LONGOBJ) {
		route_err(err, errlen,
			  "a name or ID in the path is longer "
			  "than %d bytes",
			  ROUTE_MAX_OBJECT - 1);
		return ROUTE_ETOOBIG;
	}
	if (why == PM_BADOBJ) {
		route_err(err, errlen, "'%s' is not a valid %s in %s",
			  route_echo(obj, strlen(obj), e1, sizeof(e1)),
			  near->object == RO_IMAGE
				  ? "image reference"
				  : "name or ID (letters, digits, '_', '.' "
				    "and '-' only)",
			  describe(near, desc, sizeof(desc)));
		return ROUTE_EBAD;
	}
	route_err(err, errlen, "%s %s is not an API route docker-gate allows",
		  route_echo(method, strlen(method), e1, sizeof(e1)),
		  route_echo(path, strlen(path), e2, sizeof(e2)));
	return ROUTE_EREFUSED;
}

/* Routes the CLI and the SDKs call before they know the API version, and
 * the gate's own `docker policy` route (not dockerd's, so no version). */
int route_unversioned_ok(const struct route_def *d)
{
	/* BuildKit clients dial their session without a version */
	if (d->kind == RK_PING || d->kind == RK_POLICY || d->kind == RK_SESSION)
		return 1;
	/* the python SDK's version="auto" asks GET /version unversioned */
	return strcmp(d->method, "GET") == 0 &&
	       strcmp(d->pattern, "/version") == 0;
}

/* Raw target: printable ASCII, no fragment, origin-form. */
static int check_target(const char *t, size_t len, char *err, size_t errlen)
{
	size_t i;

	if (len >= ROUTE_MAX_TARGET) {
		route_err(err, errlen,
			  "the request target is longer than "
			  "docker-gate accepts (%d bytes)",
			  ROUTE_MAX_TARGET - 1);
		return ROUTE_ETOOBIG;
	}
	if (len == 0 || t[0] != '/') {
		route_err(err, errlen,
			  "the request target must be a path "
			  "starting with '/'");
		return ROUTE_EBAD;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)t[i];

		if (c < 0x21 || c >= 0x7f || c == '#') {
			route_err(err, errlen,
				  "the request target contains "
				  "a space, control, non-ASCII or '#' byte");
			return ROUTE_EBAD;
		}
	}
	return ROUTE_OK;
}

/* Decoded path without the version; *versioned as split_version. */
static int route_path(const char *target, size_t len, struct route_match *m,
		      int *versioned, char *err, size_t errlen)
{
	size_t plen;
	int rc;

	rc = decode_path(target, len, m->path, sizeof(m->path), err, errlen);
	if (rc)
		return rc;
	rc = check_shape(m->path, err, errlen);
	if (rc)
		return rc;
	rc = split_version(m->path, versioned, &m->api_minor, err, errlen);
	if (rc)
		return rc;
	/* dockerd registers GET /networks/ as well as GET /networks */
	if (strcmp(m->path, "/networks/") == 0)
		m->path[9] = '\0';
	plen = strlen(m->path);
	if (plen > 1 && m->path[plen - 1] == '/') {
		route_err(err, errlen,
			  "a trailing '/' in the path is not "
			  "accepted");
		return ROUTE_EBAD;
	}
	return ROUTE_OK;
}

/* Query parameters and the per-route value checks. */
static int route_query(const struct route_def *d, const char *q, size_t qlen,
		       struct route_match *m, char *err, size_t errlen)
{
	char desc[ROUTE_DESC_MAX];
	int rc;

	m->def = d;
	rc = query_parse(q, qlen, m, describe(d, desc, sizeof(desc)), err,
			 errlen);
	/* dockerd takes exactly "2" for BuildKit (any other value but ""
	 * and "1" is an error, refused by route_check_build) */
	if (rc == ROUTE_OK && d->kind == RK_BUILD) {
		const char *ver = route_param(m, "version");

		if (ver && strcmp(ver, "2") == 0)
			m->def = &route_buildkit_build;
		rc = m->def->kind == RK_BUILDKIT
			     ? route_check_buildkit(m, err, errlen)
			     : route_check_build(m, err, errlen);
	}
	if (rc == ROUTE_OK && strcmp(d->method, "POST") == 0 &&
	    strcmp(d->pattern, "/images/create") == 0)
		rc = route_check_image_create(m, err, errlen);
	if (rc)
		m->def = NULL;
	return rc;
}

int route_match(const char *method, const char *target, size_t target_len,
		struct route_match *m, char *err, size_t errlen)
{
	const struct route_def *d, *near = NULL;
	const char *q;
	int versioned = 0, rc;
	enum pm why;

	if (err && errlen)
		err[0] = '\0';
	if (!m)
		return ROUTE_EBAD;
	memset(m, 0, sizeof(*m));
	if (!method || !target) {
		route_err(err, errlen, "no request method or target");
		return ROUTE_EBAD;
	}
	rc = check_target(target, target_len, err, errlen);
	if (rc)
		return rc;
	q = memchr(target, '?', target_len);
	rc = route_path(target, q ? (size_t)(q - target) : target_len, m,
			&versioned, err, errlen);
	if (rc)
		goto fail;
	d = lookup(method, m->path, m->object, &why, &near);
	if (d && d->refused) {
		route_err(err, errlen, "%s", d->refused);
		rc = ROUTE_EREFUSED;
	} else if (!versioned && (!d || !route_unversioned_ok(d))) {
		route_err(err, errlen,
			  "requests must carry an API version "
			  "(/v1.NN/...)");
		rc = ROUTE_EVERSION;
	} else if (!d) {
		rc = miss(method, m->path, m->object, why, near, err, errlen);
	} else {
		if (!versioned)
			m->api_minor = 0;
		rc = route_query(d, q ? q + 1 : "",
				 q ? target_len - (size_t)(q - target) - 1 : 0,
				 m, err, errlen);
	}
fail:
	if (rc) {
		m->def = NULL;
		m->object[0] = '\0';
		m->nparams = 0;
	}
	return rc;
}
