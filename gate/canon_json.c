/*
 * Canonicalizer plumbing: loading, messages, the path stack, accessors and
 * the string pool.  The walker itself is in canon_walk.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "canon_json.h"

/*
 * Phrases the docker CLI turns into special exit codes (126/127) when they
 * appear in an error; a message quoting client text must never carry them.
 */
static const char *const cj_scrub[] = {
	"permission denied",
	"no such file or directory",
	"executable file not found",
	"is a directory",
	"system cannot find the file specified",
};

void cj_init(struct cj_ctx *cx, char *err, size_t errlen)
{
	cx->err = err;
	cx->errlen = err ? errlen : 0;
	cx->path[0] = '\0';
	cx->plen = 0;
	if (cx->errlen)
		err[0] = '\0';
}

static int cj_has_scrubbed(const char *msg)
{
	size_t i, j, n;

	for (i = 0; i < sizeof(cj_scrub) / sizeof(cj_scrub[0]); i++) {
		n = strlen(cj_scrub[i]);
		for (j = 0; msg[j]; j++)
			if (strncasecmp(msg + j, cj_scrub[i], n) == 0)
				return 1;
	}
	return 0;
}

int cj_err(struct cj_ctx *cx, int rc, const char *fmt, ...)
{
	va_list ap;

	if (!cx->errlen)
		return rc;
	va_start(ap, fmt);
	vsnprintf(cx->err, cx->errlen, fmt, ap);
	va_end(ap);
	if (cj_has_scrubbed(cx->err))
		snprintf(cx->err, cx->errlen,
			 "docker-gate refused the request body (the reason "
			 "quotes text it will not repeat)");
	return rc;
}

void cj_quote(char *buf, size_t len, const char *s)
{
	size_t o = 0;
	unsigned char c;

	if (!len)
		return;
	for (; s && *s; s++) {
		c = (unsigned char)*s;
		if (o + 8 >= len || o >= CJ_QUOTE_MAX) {
			if (o + 4 <= len) {
				memcpy(buf + o, "...", 3);
				o += 3;
			}
			break;
		}
		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
			buf[o++] = (char)c;
		else
			o += (size_t)snprintf(buf + o, len - o, "\\x%02x", c);
	}
	buf[o] = '\0';
}

size_t cj_push(struct cj_ctx *cx, const char *seg)
{
	char q[CJ_QUOTE_MAX + 16];
	size_t mark = cx->plen;
	int n;

	cj_quote(q, sizeof(q), seg);
	n = snprintf(cx->path + cx->plen, sizeof(cx->path) - cx->plen, "%s%s",
		     cx->plen ? "." : "", q);
	if (n < 0 || (size_t)n >= sizeof(cx->path) - cx->plen)
		cx->plen =
			strlen(cx->path); /* truncated; messages still work */
	else
		cx->plen += (size_t)n;
	return mark;
}

size_t cj_push_index(struct cj_ctx *cx, size_t i)
{
	size_t mark = cx->plen;
	int n;

	n = snprintf(cx->path + cx->plen, sizeof(cx->path) - cx->plen, "[%zu]",
		     i);
	if (n < 0 || (size_t)n >= sizeof(cx->path) - cx->plen)
		cx->plen = strlen(cx->path);
	else
		cx->plen += (size_t)n;
	return mark;
}

void cj_pop(struct cj_ctx *cx, size_t mark)
{
	cx->plen = mark;
	cx->path[mark] = '\0';
}

const char *cj_flag(const struct cj_ctx *cx, const struct cj_field *f)
{
	return f && f->flag ? f->flag : cx->path;
}

/* Depth of containers below v, stopping as soon as the limit is passed. */
static int cj_too_deep(json_t *v, unsigned int depth)
{
	const char *key;
	json_t *child;
	size_t i;

	if (!json_is_object(v) && !json_is_array(v))
		return 0;
	if (depth > CANON_MAX_DEPTH)
		return 1;
	if (json_is_object(v)) {
		json_object_foreach(
			v, key,
			child) if (cj_too_deep(child, depth + 1)) return 1;
	} else {
		json_array_foreach(
			v, i,
			child) if (cj_too_deep(child, depth + 1)) return 1;
	}
	return 0;
}

static int cj_load_error(struct cj_ctx *cx, const json_error_t *je)
{
	char q[CJ_QUOTE_MAX + 16];

	cj_quote(q, sizeof(q), je->text);
	switch (json_error_code(je)) {
	case json_error_out_of_memory:
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	case json_error_duplicate_key:
		/* fail closed: dockerd merges or lets the last one win */
		return cj_err(cx, CANON_EBAD,
			      "repeated field in the JSON body (%s): "
			      "docker-gate refuses duplicate keys",
			      q);
	case json_error_end_of_input_expected:
		return cj_err(cx, CANON_EBAD,
			      "trailing data after the JSON body at byte %d",
			      je->position);
	default:
		return cj_err(cx, CANON_EBAD, "invalid JSON at byte %d: %s",
			      je->position, q);
	}
}

/*
 * Bounds what jansson will build before it builds it: a body of small
 * values ({},{},...) costs the parser ~80 bytes of heap per value, so a
 * 1 MiB body could cost hundreds of MiB.  One pass over the text, outside
 * strings, counts values and depth (fail closed: refused, not truncated).
 */
static int cj_prescan(struct cj_ctx *cx, const char *b, size_t len)
{
	size_t values = 1, depth = 0;
	int in_str = 0;

	for (size_t i = 0; i < len; i++) {
		char c = b[i];

		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = 0;
			continue;
		}
		switch (c) {
		case '"':
			in_str = 1;
			break;
		case '{':
		case '[':
			if (++depth > CANON_MAX_DEPTH)
				return cj_err(cx, CANON_EBAD,
					      "JSON nested deeper than %d "
					      "levels",
					      CANON_MAX_DEPTH);
			break;
		case '}':
		case ']':
			if (depth)
				depth--;
			break;
		case ',':
		case ':':
			values++;
			break;
		default:
			break;
		}
		if (values > CANON_MAX_VALUES)
			return cj_err(cx, CANON_EBAD,
				      "JSON body has more than %d values",
				      CANON_MAX_VALUES);
	}
	return CANON_OK;
}

int cj_load(struct cj_ctx *cx, const char *body, size_t len, json_t **out)
{
	json_error_t je;
	json_t *root;

	*out = NULL;
	if (len > CANON_MAX_BODY)
		return cj_err(cx, CANON_EBAD,
			      "request body is larger than %u bytes",
			      CANON_MAX_BODY);
	if (!body || len == 0)
		return cj_err(cx, CANON_EBAD, "request body is empty");
	if (cj_prescan(cx, body, len) != CANON_OK)
		return CANON_EBAD;
	root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
	if (!root)
		return cj_load_error(cx, &je);
	if (!json_is_object(root)) {
		json_decref(root);
		return cj_err(cx, CANON_EBAD,
			      "request body must be a JSON object");
	}
	if (cj_too_deep(root, 1)) {
		json_decref(root);
		return cj_err(cx, CANON_EBAD,
			      "JSON nested deeper than %d levels",
			      CANON_MAX_DEPTH);
	}
	*out = root;
	return CANON_OK;
}

const char *cj_str(json_t *obj, const char *key)
{
	json_t *v = obj ? json_object_get(obj, key) : NULL;

	return json_is_string(v) ? json_string_value(v) : "";
}

int cj_true(json_t *obj, const char *key)
{
	return obj && json_is_true(json_object_get(obj, key));
}

json_t *cj_obj(json_t *obj, const char *key)
{
	json_t *v = obj ? json_object_get(obj, key) : NULL;

	return json_is_object(v) ? v : NULL;
}

json_t *cj_arr(json_t *obj, const char *key)
{
	json_t *v = obj ? json_object_get(obj, key) : NULL;

	return json_is_array(v) ? v : NULL;
}

static int cj_is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

int cj_is_volume_name(const char *s)
{
	size_t i;

	if (!s || !cj_is_name_char(s[0]) || !s[1])
		return 0;
	for (i = 1; s[i]; i++)
		if (!cj_is_name_char(s[i]) && s[i] != '_' && s[i] != '.' &&
		    s[i] != '-')
			return 0;
	return 1;
}

char *cj_pool_take(struct cj_pool *p, char *s)
{
	char **nv;
	size_t ncap;

	if (!s)
		return NULL;
	if (p->n == p->cap) {
		ncap = p->cap ? p->cap * 2 : 16;
		nv = realloc(p->v, ncap * sizeof(*nv));
		if (!nv) {
			free(s);
			return NULL;
		}
		p->v = nv;
		p->cap = ncap;
	}
	p->v[p->n++] = s;
	return s;
}

char *cj_strdup(struct cj_pool *p, const char *s)
{
	return cj_pool_take(p, strdup(s ? s : ""));
}

char *cj_printf(struct cj_pool *p, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	return cj_pool_take(p, s);
}

void cj_pool_free(struct cj_pool *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
	p->v = NULL;
	p->n = p->cap = 0;
}

char *cj_dump(json_t *root, size_t *len)
{
	char *s = json_dumps(root, JSON_COMPACT | JSON_ENSURE_ASCII);

	if (len)
		*len = s ? strlen(s) : 0;
	return s;
}
