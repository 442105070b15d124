/*
 * The field-table walker.  dockerd matches keys with Go's case and Unicode
 * folding, so the only reading both sides agree on is a key that is byte
 * for byte a field name.  Everything else is refused, with a message that
 * says whether it looked like a known field.
 */
#include <limits.h>
#include <string.h>
#include <strings.h>

#include "canon_json.h"

#define CJ_FOLD_MAX 128 /* longest key compared folded */

const struct cj_field *cj_find(const struct cj_table *t, const char *key)
{
	size_t i;

	for (i = 0; i < t->nfields; i++)
		if (strcmp(t->fields[i].name, key) == 0)
			return &t->fields[i];
	return NULL;
}

/*
 * Go folds ASCII case plus two runes onto ASCII letters: U+017F (long s)
 * and U+212A (Kelvin sign).  Writes the ASCII fold of key, or returns 0
 * when key holds any other non-ASCII rune (Go would not match it either).
 */
static int cj_fold(const char *key, char *out, size_t outlen)
{
	const unsigned char *k = (const unsigned char *)key;
	size_t o = 0;

	while (*k) {
		if (o + 1 >= outlen)
			return 0;
		if (*k < 0x80) {
			out[o++] = (char)*k++;
		} else if (k[0] == 0xc5 && k[1] == 0xbf) {
			out[o++] = 's';
			k += 2;
		} else if (k[0] == 0xe2 && k[1] == 0x84 && k[2] == 0xaa) {
			out[o++] = 'k';
			k += 3;
		} else {
			return 0;
		}
	}
	out[o] = '\0';
	return 1;
}

const struct cj_field *cj_find_folded(const struct cj_table *t, const char *key)
{
	char folded[CJ_FOLD_MAX];
	size_t i;

	if (!cj_fold(key, folded, sizeof(folded)))
		return NULL;
	for (i = 0; i < t->nfields; i++)
		if (strcasecmp(t->fields[i].name, folded) == 0)
			return &t->fields[i];
	return NULL;
}

static int cj_is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

int cj_refuse_key(struct cj_ctx *cx, const struct cj_table *t, const char *key)
{
	const struct cj_field *f = cj_find_folded(t, key);
	char q[CJ_QUOTE_MAX + 16];
	const char *dot = cx->plen ? "." : "";

	cj_quote(q, sizeof(q), key);
	/* fail closed: dockerd would read a folded spelling as the field */
	if (f)
		return cj_err(cx, CANON_EREFUSED,
			      "field \"%s%s%s\" is not spelled %s%s%s: "
			      "docker-gate accepts only exact field names",
			      cx->path, dot, q, cx->path, dot, f->name);
	if (!cj_is_ascii(key))
		return cj_err(cx, CANON_EREFUSED,
			      "field \"%s%s%s\" is not ASCII: docker-gate "
			      "accepts only exact field names",
			      cx->path, dot, q);
	/* fail closed: a field the gate does not know may do anything */
	return cj_err(cx, CANON_EREFUSED,
		      "unknown field %s%s%s: docker-gate refuses fields it "
		      "does not know",
		      cx->path, dot, q);
}

int cj_walk(struct cj_ctx *cx, json_t *obj, const struct cj_table *t)
{
	const struct cj_field *f;
	const char *key;
	json_t *v;
	size_t mark;
	int rc;

	json_object_foreach(obj, key, v)
	{
		f = cj_find(t, key);
		if (!f)
			return cj_refuse_key(cx, t, key);
		mark = cj_push(cx, key);
		rc = cj_value(cx, f, v);
		cj_pop(cx, mark);
		if (rc)
			return rc;
	}
	return CANON_OK;
}

static int cj_type_err(struct cj_ctx *cx, const char *what)
{
	return cj_err(cx, CANON_EBAD, "%s must be %s", cx->path, what);
}

static int cj_not_yet(struct cj_ctx *cx, const struct cj_field *f,
		      const char *val)
{
	char q[CJ_QUOTE_MAX + 16];

	if (!val)
		return cj_err(cx, CANON_EREFUSED,
			      "%s is not allowed by docker-gate yet",
			      cj_flag(cx, f));
	cj_quote(q, sizeof(q), val);
	return cj_err(cx, CANON_EREFUSED,
		      "%s %s is not allowed by docker-gate yet", cj_flag(cx, f),
		      q[0] ? q : "\"\"");
}

static int cj_str_value(struct cj_ctx *cx, const struct cj_field *f, json_t *v)
{
	const char *s;
	size_t i;

	if (!json_is_string(v))
		return cj_type_err(cx, "a string");
	s = json_string_value(v);
	if ((f->flags & CJF_ZERO) && s[0])
		return cj_not_yet(cx, f, s);
	if (!f->oneof)
		return CANON_OK;
	for (i = 0; f->oneof[i]; i++)
		if (strcmp(f->oneof[i], s) == 0)
			return CANON_OK;
	return cj_not_yet(cx, f, s);
}

static int cj_int_value(struct cj_ctx *cx, const struct cj_field *f, json_t *v)
{
	long long n;

	if (json_is_real(v))
		return cj_type_err(cx, "an integer");
	if (!json_is_integer(v))
		return cj_type_err(cx, "an integer");
	n = json_integer_value(v);
	if (f->flags & CJF_ZERO)
		return n ? cj_not_yet(cx, f, NULL) : CANON_OK;
	if (n >= f->min && n <= f->max)
		return CANON_OK;
	if (f->max == LLONG_MAX)
		return cj_err(cx, CANON_EREFUSED,
			      "%s %lld is not allowed by docker-gate (at least "
			      "%lld)",
			      cj_flag(cx, f), n, f->min);
	return cj_err(cx, CANON_EREFUSED,
		      "%s %lld is not allowed by docker-gate (%lld to %lld)",
		      cj_flag(cx, f), n, f->min, f->max);
}

static int cj_strlist_value(struct cj_ctx *cx, const struct cj_field *f,
			    json_t *v)
{
	json_t *e;
	size_t i;

	/* fail closed: dockerd <= 28 reads a bare string as a list */
	if (json_is_string(v) && f->kind == CJ_STRSLICE)
		return cj_err(cx, CANON_EREFUSED,
			      "%s must be a list (older daemons also accept a "
			      "string)",
			      cx->path);
	if (!json_is_array(v))
		return cj_type_err(cx, "a list of strings");
	json_array_foreach(v, i, e) if (!json_is_string(e)) return cj_type_err(
		cx, "a list of strings");
	if ((f->flags & CJF_ZERO) && json_array_size(v))
		return cj_not_yet(cx, f, NULL);
	return CANON_OK;
}

static int cj_map_value(struct cj_ctx *cx, const struct cj_field *f, json_t *v)
{
	const char *key;
	json_t *e;

	if (!json_is_object(v))
		return cj_type_err(cx, "an object");
	json_object_foreach(v, key, e)
	{
		if (f->kind == CJ_STRMAP && !json_is_string(e))
			return cj_type_err(cx, "a map of strings");
		if (f->kind == CJ_SETMAP &&
		    (!json_is_object(e) || json_object_size(e)))
			return cj_type_err(cx, "a map of empty objects");
	}
	if ((f->flags & CJF_ZERO) && json_object_size(v))
		return cj_not_yet(cx, f, NULL);
	return CANON_OK;
}

static int cj_sub_object(struct cj_ctx *cx, const struct cj_table *t, json_t *v)
{
	if (!json_is_object(v))
		return cj_type_err(cx, "an object");
	return cj_walk(cx, v, t);
}

static int cj_objlist_value(struct cj_ctx *cx, const struct cj_field *f,
			    json_t *v)
{
	json_t *e;
	size_t i, mark;
	int rc;

	if (!json_is_array(v))
		return cj_type_err(cx, "a list");
	if ((f->flags & CJF_ZERO) && json_array_size(v))
		return cj_not_yet(cx, f, NULL);
	if (f->kind == CJ_LIST)
		return CANON_OK;
	json_array_foreach(v, i, e)
	{
		mark = cj_push_index(cx, i);
		rc = cj_sub_object(cx, f->sub, e);
		cj_pop(cx, mark);
		if (rc)
			return rc;
	}
	return CANON_OK;
}

static int cj_objmap_value(struct cj_ctx *cx, const struct cj_field *f,
			   json_t *v)
{
	const char *key;
	json_t *e;
	size_t mark;
	int rc;

	if (!json_is_object(v))
		return cj_type_err(cx, "an object");
	json_object_foreach(v, key, e)
	{
		mark = cj_push(cx, key);
		rc = cj_sub_object(cx, f->sub, e);
		cj_pop(cx, mark);
		if (rc)
			return rc;
	}
	return CANON_OK;
}

static int cj_kind_value(struct cj_ctx *cx, const struct cj_field *f, json_t *v)
{
	switch (f->kind) {
	case CJ_STR:
		return cj_str_value(cx, f, v);
	case CJ_BOOL:
		if (!json_is_boolean(v))
			return cj_type_err(cx, "true or false");
		if ((f->flags & CJF_ZERO) && json_is_true(v))
			return cj_not_yet(cx, f, NULL);
		return CANON_OK;
	case CJ_INT:
		return cj_int_value(cx, f, v);
	case CJ_STRLIST:
	case CJ_STRSLICE:
		return cj_strlist_value(cx, f, v);
	case CJ_STRMAP:
	case CJ_SETMAP:
		return cj_map_value(cx, f, v);
	case CJ_OBJ:
		return cj_sub_object(cx, f->sub, v);
	case CJ_OBJLIST:
	case CJ_LIST:
		return cj_objlist_value(cx, f, v);
	case CJ_OBJMAP:
		return cj_objmap_value(cx, f, v);
	case CJ_ANY:
		return CANON_OK;
	}
	/* fail closed: a table entry with no kind */
	return cj_err(cx, CANON_EREFUSED, "%s: internal table error", cx->path);
}

int cj_value(struct cj_ctx *cx, const struct cj_field *f, json_t *v)
{
	int rc;

	/* Go: null leaves the zero value, and without duplicate keys that
	 * is the same as leaving the field out. */
	if (json_is_null(v))
		return CANON_OK;
	if (f->flags & CJF_NULLONLY)
		return cj_not_yet(cx, f, NULL);
	rc = cj_kind_value(cx, f, v);
	if (rc == CANON_OK && f->check)
		rc = f->check(cx, f, v);
	return rc;
}
