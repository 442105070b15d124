/*
 * The request target the gate sends upstream (pure), rebuilt from the
 * parsed match: canonical "/v1.NN", the route's own literal path, the
 * object and every parameter re-encoded.  Client bytes are never copied
 * through.  Also the parameter accessors.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "query.h"
#include "route.h"

const char *route_param(const struct route_match *m, const char *name)
{
	size_t i;

	if (!m || !name)
		return NULL;
	for (i = 0; i < m->nparams; i++)
		if (strcmp(m->params[i].name, name) == 0)
			return m->params[i].value;
	return NULL;
}

int route_param_bool(const struct route_match *m, const char *name, int dflt)
{
	const char *v = route_param(m, name);

	return v ? query_bool_value(v) : dflt;
}

/* Appends s (length n) at *o; 0 or -1 if it does not fit. */
static int put(char *buf, size_t len, size_t *o, const char *s, size_t n)
{
	if (n >= len - *o)
		return -1;
	memcpy(buf + *o, s, n);
	*o += n;
	buf[*o] = '\0';
	return 0;
}

/* Percent-encodes s and appends it. */
static int put_enc(char *buf, size_t len, size_t *o, const char *s,
		   const char *keep)
{
	int n = query_pct_encode(s, keep, buf + *o, len - *o);

	if (n < 0)
		return -1;
	*o += (size_t)n;
	return 0;
}

static int put_path(const struct route_match *m, const char *obj, char *buf,
		    size_t len, size_t *o)
{
	const char *p = m->def->pattern, *var = strstr(p, "{}");

	/* a decision route's name ends at '?' (route_buildkit_build) */
	if (!var)
		return put(buf, len, o, p, strcspn(p, "?"));
	if (put(buf, len, o, p, (size_t)(var - p)) < 0 ||
	    put_enc(buf, len, o, obj,
		    m->def->object == RO_IMAGE ? "._~:@+-/" : "._~:@+-") < 0)
		return -1;
	return put(buf, len, o, var + 2, strlen(var + 2));
}

int route_upstream_target(const struct route_match *m, const char *object,
			  char *buf, size_t len)
{
	const char *obj = object ? object : m ? m->object : NULL;
	char ver[16];
	size_t o = 0, i;

	if (!m || !m->def || m->def->refused || !buf || len == 0 ||
	    strchr(m->def->pattern, '*'))
		return -1;
	if (len > (size_t)INT_MAX)
		len = INT_MAX;
	buf[0] = '\0';
	/* fail closed: a replacement must be what the parser would accept */
	if (strstr(m->def->pattern, "{}") &&
	    !route_object_valid(m->def->object, obj))
		return -1;
	if (m->api_minor != 0) {
		if (m->api_minor < GATE_API_MIN || m->api_minor > GATE_API_MAX)
			return -1;
		snprintf(ver, sizeof(ver), "/v1.%u", m->api_minor);
		if (put(buf, len, &o, ver, strlen(ver)) < 0)
			return -1;
	} else if (!route_unversioned_ok(m->def)) {
		return -1;
	}
	if (put_path(m, obj, buf, len, &o) < 0)
		return -1;
	for (i = 0; i < m->nparams; i++) {
		if (put(buf, len, &o, i ? "&" : "?", 1) < 0 ||
		    put_enc(buf, len, &o, m->params[i].name, "-._~") < 0 ||
		    put(buf, len, &o, "=", 1) < 0 ||
		    put_enc(buf, len, &o, m->params[i].value, "-._~") < 0)
			return -1;
	}
	return (int)o;
}

/* End of the bytes of m->store in use. */
static size_t store_used(const struct route_match *m)
{
	size_t used = 0;

	for (size_t i = 0; i < m->nparams; i++) {
		const char *s[2] = {m->params[i].name, m->params[i].value};

		for (int k = 0; k < 2; k++)
			if (s[k] >= m->store &&
			    s[k] < m->store + sizeof(m->store)) {
				size_t end = (size_t)(s[k] - m->store) +
					     strlen(s[k]) + 1;

				if (end > used)
					used = end;
			}
	}
	return used;
}

int route_add_param(struct route_match *m, const char *name, const char *value)
{
	size_t used = store_used(m), nl = strlen(name) + 1,
	       vl = strlen(value) + 1;
	char *n;

	if (used + nl + vl > sizeof(m->store) || m->nparams >= ROUTE_MAX_PARAMS)
		return -1;
	n = m->store + used;
	memcpy(n, name, nl);
	memcpy(n + nl, value, vl);
	m->params[m->nparams].name = n;
	m->params[m->nparams++].value = n + nl;
	return 0;
}

int route_set_param(struct route_match *m, const char *name, const char *value)
{
	size_t used = store_used(m), nl = strlen(name) + 1,
	       vl = strlen(value) + 1, i;
	char *n, *v;

	if (used + nl + vl > sizeof(m->store))
		return -1;
	n = m->store + used;
	v = n + nl;
	memcpy(n, name, nl);
	memcpy(v, value, vl);
	for (i = 0; i < m->nparams; i++)
		if (strcmp(m->params[i].name, name) == 0) {
			m->params[i].value = v;
			return 0;
		}
	if (m->nparams >= ROUTE_MAX_PARAMS)
		return -1;
	m->params[m->nparams].name = n;
	m->params[m->nparams++].value = v;
	return 0;
}
