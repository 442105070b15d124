/*
 * Value rules the field tables attach to single fields: reserved labels,
 * console sizes, anonymous volume and exposed-port keys,
 * volume names and driver options.  Each runs after the walker has checked
 * the value's type.
 */
#include <string.h>

#include "canon_priv.h"

#define CONSOLE_MAX 65535 /* rows or columns of a terminal */

int canon_check_labels(struct cj_ctx *cx, const struct cj_field *f, json_t *v)
{
	const char *key;
	json_t *e;

	(void)f;
	json_object_foreach(v, key, e)
	{
		(void)e;
		/* fail closed: ownership is a label only the gate sets */
		if (strncmp(key, GATE_LABEL_PREFIX,
			    strlen(GATE_LABEL_PREFIX)) == 0)
			return cj_err(cx, CANON_EREFUSED,
				      "label prefix " GATE_LABEL_PREFIX
				      " is reserved for docker-gate");
	}
	return CANON_OK;
}

int canon_check_console(struct cj_ctx *cx, const struct cj_field *f, json_t *v)
{
	json_t *e;
	size_t i;

	(void)f;
	/* Go fills a [2]uint from longer arrays too: require exactly two */
	if (!json_is_array(v) || json_array_size(v) != 2)
		return cj_err(cx, CANON_EBAD,
			      "%s must be a list of two integers", cx->path);
	json_array_foreach(v, i, e)
	{
		if (!json_is_integer(e) || json_integer_value(e) < 0 ||
		    json_integer_value(e) > CONSOLE_MAX)
			return cj_err(cx, CANON_EBAD,
				      "%s must be two integers from 0 to %d",
				      cx->path, CONSOLE_MAX);
	}
	return CANON_OK;
}

int canon_check_anon_volumes(struct cj_ctx *cx, const struct cj_field *f,
			     json_t *v)
{
	char q[CJ_QUOTE_MAX + 16];
	const char *key;
	json_t *e;

	(void)f;
	json_object_foreach(v, key, e)
	{
		(void)e;
		/* fail closed: only "-v /path" (a container path) belongs */
		if (key[0] != '/' || strchr(key, ':')) {
			cj_quote(q, sizeof(q), key);
			return cj_err(cx, CANON_EBAD,
				      "-v %s: an anonymous volume needs an "
				      "absolute container path",
				      q);
		}
	}
	return CANON_OK;
}

int canon_check_exposed(struct cj_ctx *cx, const struct cj_field *f, json_t *v)
{
	char q[CJ_QUOTE_MAX + 16];
	const char *key, *proto;
	unsigned int port;
	json_t *e;

	(void)f;
	json_object_foreach(v, key, e)
	{
		(void)e;
		if (canon_port_key(key, &port, &proto) == 0)
			continue;
		cj_quote(q, sizeof(q), key);
		return cj_err(cx, CANON_EBAD,
			      "--expose %s: expected PORT[/tcp|udp|sctp]", q);
	}
	return CANON_OK;
}

int canon_check_volume_name(struct cj_ctx *cx, const struct cj_field *f,
			    json_t *v)
{
	char q[CJ_QUOTE_MAX + 16];
	const char *s = json_string_value(v);

	(void)f;
	if (s[0] == '\0' || cj_is_volume_name(s))
		return CANON_OK;
	cj_quote(q, sizeof(q), s);
	return cj_err(cx, CANON_EBAD,
		      "volume name %s must match [a-zA-Z0-9][a-zA-Z0-9_.-]+",
		      q);
}

int canon_check_volume_opts(struct cj_ctx *cx, const struct cj_field *f,
			    json_t *v)
{
	(void)f;
	/* fail closed: type=none,o=bind,device=/x is a host bind */
	if (json_object_size(v))
		return cj_err(cx, CANON_EREFUSED,
			      "--opt on docker volume create is not allowed by "
			      "docker-gate yet (local driver options can mount "
			      "host paths)");
	return CANON_OK;
}

int canon_check_refuse(struct cj_ctx *cx, const struct cj_field *f, json_t *v)
{
	(void)v;
	return cj_err(cx, CANON_EREFUSED,
		      "%s is not allowed by docker-gate yet", cj_flag(cx, f));
}

/* Shape only; canon_ports.c reads the values. */
int canon_check_portmap(struct cj_ctx *cx, const struct cj_field *f, json_t *v)
{
	const char *key;
	json_t *list, *e;
	size_t i, mark;
	int rc;

	(void)f;
	if (!json_is_object(v))
		return cj_err(cx, CANON_EBAD, "%s must be an object", cx->path);
	json_object_foreach(v, key, list)
	{
		if (json_is_null(list))
			continue;
		mark = cj_push(cx, key);
		if (!json_is_array(list)) {
			rc = cj_err(cx, CANON_EBAD, "%s must be a list",
				    cx->path);
			cj_pop(cx, mark);
			return rc;
		}
		rc = CANON_OK;
		json_array_foreach(list, i, e)
		{
			size_t m2 = cj_push_index(cx, i);

			if (!json_is_object(e))
				rc = cj_err(cx, CANON_EBAD,
					    "%s must be an object", cx->path);
			else
				rc = cj_walk(cx, e, &canon_t_portbinding);
			cj_pop(cx, m2);
			if (rc)
				break;
		}
		cj_pop(cx, mark);
		if (rc)
			return rc;
	}
	return CANON_OK;
}
