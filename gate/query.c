/*
 * Query strings (pure): Go url.ParseQuery semantics, checked against the
 * route's parameter lists, and the encoders used to rebuild the upstream
 * target (reference/engine-api.md §4.3).
 */
#include <string.h>

#include "query.h"

/* Longest name or value echoed back in a message. */
#define QUERY_ECHO_MAX 64

int query_hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Length of the UTF-8 sequence at s (and its code point), or 0. */
static size_t utf8_decode(const unsigned char *s, size_t len, unsigned long *cp)
{
	size_t n, i;
	unsigned long c, min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2, c = s[0] & 0x1f, min = 0x80;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3, c = s[0] & 0x0f, min = 0x800;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4, c = s[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n > len)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

int query_utf8_valid(const unsigned char *s, size_t len)
{
	size_t i = 0, n;
	unsigned long cp;

	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (n == 0)
			return 0;
		i += n;
	}
	return 1;
}

/* Go's unicode.IsSpace. */
static int go_is_space(unsigned long c)
{
	switch (c) {
	case '\t':
	case '\n':
	case '\v':
	case '\f':
	case '\r':
	case ' ':
	case 0x85:
	case 0xa0:
	case 0x1680:
	case 0x2028:
	case 0x2029:
	case 0x202f:
	case 0x205f:
	case 0x3000:
		return 1;
	default:
		return c >= 0x2000 && c <= 0x200a;
	}
}

/* ASCII case-insensitive equality of s[0..len) and the lowercase word w. */
static int eq_fold(const char *s, size_t len, const char *w)
{
	size_t i;

	if (strlen(w) != len)
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (c != (unsigned char)w[i])
			return 0;
	}
	return 1;
}

/*
 * dockerd: false for "", "0", "no", "false", "none" after TrimSpace and
 * ToLower; anything else is true.  Go's ToLower maps no non-ASCII rune
 * onto the letters of those words (only U+0130 -> 'i' and U+212A -> 'k'
 * reach ASCII), so folding ASCII is exact.  Invalid UTF-8 cannot occur
 * (query_parse refuses it); treat it as true (Go would too).
 */
int query_bool_value(const char *v)
{
	const unsigned char *s = (const unsigned char *)v;
	size_t len = strlen(v), i = 0, start = 0, end = 0, n;
	unsigned long cp;
	int seen = 0;

	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (n == 0)
			return 1;
		if (!go_is_space(cp)) {
			if (!seen)
				start = i;
			seen = 1;
			end = i + n;
		}
		i += n;
	}
	if (!seen)
		return 0;
	v += start;
	len = end - start;
	return !(eq_fold(v, len, "0") || eq_fold(v, len, "no") ||
		 eq_fold(v, len, "false") || eq_fold(v, len, "none"));
}

int query_pct_encode(const char *s, const char *keep, char *out, size_t outlen)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o = 0;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		int plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			    (c >= '0' && c <= '9') ||
			    (c != 0 && strchr(keep, c) != NULL);

		if (o + (plain ? 1 : 3) >= outlen)
			return -1;
		if (plain) {
			out[o++] = (char)c;
		} else {
			out[o++] = '%';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
		}
	}
	if (o >= outlen)
		return -1;
	out[o] = '\0';
	return (int)o;
}

/* Is `name` in the NULL-terminated list? */
static int listed(const char *const *list, const char *name)
{
	for (; list && *list; list++)
		if (strcmp(*list, name) == 0)
			return 1;
	return 0;
}

/*
 * Form-decodes s[0..len) ('+' is a space, %XX a byte) into the store at
 * *used.  Names must be ASCII; values may carry UTF-8 (labels, build
 * args) but no control bytes.
 */
static int form_decode(const char *s, size_t len, int is_name,
		       struct route_match *m, size_t *used, char *err,
		       size_t errlen)
{
	const char *what = is_name ? "name" : "value";
	size_t i, start = *used;
	int hi, lo;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			hi = i + 2 < len ? query_hexval((unsigned char)s[i + 1])
					 : -1;
			lo = hi >= 0 ? query_hexval((unsigned char)s[i + 2])
				     : -1;
			if (lo < 0) {
				route_err(err, errlen,
					  "invalid percent-escape "
					  "in a query parameter %s",
					  what);
				return ROUTE_EBAD;
			}
			c = (unsigned char)(hi << 4 | lo);
			i += 2;
		}
		if (c < 0x20 || c == 0x7f || (is_name && c >= 0x80)) {
			route_err(err, errlen,
				  "a query parameter %s contains "
				  "a control or non-ASCII byte",
				  what);
			return ROUTE_EBAD;
		}
		if (*used + 1 >= sizeof(m->store)) {
			route_err(err, errlen,
				  "the query string is longer than "
				  "docker-gate accepts (%d bytes decoded)",
				  ROUTE_MAX_QUERY);
			return ROUTE_ETOOBIG;
		}
		m->store[(*used)++] = (char)c;
	}
	m->store[(*used)++] = '\0';
	if (!is_name && !query_utf8_valid((unsigned char *)m->store + start,
					  *used - start - 1)) {
		route_err(err, errlen,
			  "a query parameter value is not valid "
			  "UTF-8");
		return ROUTE_EBAD;
	}
	return ROUTE_OK;
}

/* The reason a parameter is refused on this route, if we have one. */
static const char *param_hint(const struct route_def *d, const char *name)
{
	const struct route_param_hint *h;

	for (h = route_param_hints; h->method; h++)
		if (strcmp(h->method, d->method) == 0 &&
		    strcmp(h->pattern, d->pattern) == 0 &&
		    strcmp(h->name, name) == 0)
			return h->why;
	return NULL;
}

/* Name allowed on the route, and repeated only if it is a list. */
static int check_name(const struct route_match *m, const char *name,
		      const char *desc, char *err, size_t errlen)
{
	char echo[QUERY_ECHO_MAX + 4];
	const char *hint;
	size_t i;

	if (name[0] == '\0') {
		route_err(err, errlen, "a query parameter has an empty name");
		return ROUTE_EBAD;
	}
	if (!listed(m->def->params, name)) {
		hint = param_hint(m->def, name);
		if (hint)
			route_err(err, errlen, "%s", hint);
		else
			route_err(err, errlen,
				  "query parameter '%s' is not "
				  "allowed on %s",
				  route_echo(name, strlen(name), echo,
					     sizeof(echo)),
				  desc);
		return ROUTE_EREFUSED;
	}
	if (listed(m->def->list_params, name))
		return ROUTE_OK;
	for (i = 0; i < m->nparams; i++) {
		if (strcmp(m->params[i].name, name) == 0) {
			/* fail closed: dockerd reads the first, a policy
			 * might read another; refuse the ambiguity */
			route_err(err, errlen,
				  "query parameter '%s' is given "
				  "more than once on %s",
				  route_echo(name, strlen(name), echo,
					     sizeof(echo)),
				  desc);
			return ROUTE_EREFUSED;
		}
	}
	return ROUTE_OK;
}

/* One "name[=value]" piece. */
static int parse_pair(const char *p, size_t len, struct route_match *m,
		      size_t *used, const char *desc, char *err, size_t errlen)
{
	const char *eq = memchr(p, '=', len);
	size_t nlen = eq ? (size_t)(eq - p) : len;
	const char *name = m->store + *used, *value;
	int rc;

	rc = form_decode(p, nlen, 1, m, used, err, errlen);
	if (rc)
		return rc;
	value = m->store + *used;
	rc = form_decode(eq ? eq + 1 : p + len, eq ? len - nlen - 1 : 0, 0, m,
			 used, err, errlen);
	if (rc)
		return rc;
	rc = check_name(m, name, desc, err, errlen);
	if (rc)
		return rc;
	if (m->nparams >= ROUTE_MAX_PARAMS) {
		route_err(err, errlen, "more than %d query parameters",
			  ROUTE_MAX_PARAMS);
		return ROUTE_ETOOBIG;
	}
	m->params[m->nparams].name = name;
	m->params[m->nparams].value = value;
	m->nparams++;
	return ROUTE_OK;
}

int query_parse(const char *q, size_t len, struct route_match *m,
		const char *desc, char *err, size_t errlen)
{
	size_t used = 0, plen;
	const char *amp;
	int rc;

	m->nparams = 0;
	if (memchr(q, ';', len)) {
		/* fail closed: Go >= 1.17 refuses it, older Go split on it */
		route_err(err, errlen,
			  "';' in the query string is not "
			  "accepted");
		return ROUTE_EBAD;
	}
	while (len > 0) {
		amp = memchr(q, '&', len);
		plen = amp ? (size_t)(amp - q) : len;
		if (plen > 0) {
			rc = parse_pair(q, plen, m, &used, desc, err, errlen);
			if (rc)
				return rc;
		}
		if (!amp)
			break;
		q += plen + 1;
		len -= plen + 1;
	}
	return ROUTE_OK;
}
