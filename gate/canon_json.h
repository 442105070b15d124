/*
 * Shared machinery of the canonicalizers: loading a body with jansson,
 * walking every object against a field table (exact keys, types, default-
 * only values), messages with a dotted path, and a string pool for the
 * typed views.  Private to gate/canon_*.c.
 */
#ifndef DG_CANON_JSON_H
#define DG_CANON_JSON_H

#include <stddef.h>

#include <jansson.h>

#include "canon.h"

#define CJ_PATH_MAX  256 /* bytes of the dotted path kept for messages */
#define CJ_QUOTE_MAX 80	 /* bytes of one client string quoted in a message */

enum cj_kind {
	CJ_STR = 1,  /* string */
	CJ_BOOL,     /* true/false */
	CJ_INT,	     /* integer in [min, max]; reals refused */
	CJ_STRLIST,  /* array of strings */
	CJ_STRSLICE, /* array of strings; dockerd <= 28 also takes a string */
	CJ_STRMAP,   /* object of strings, keys are data */
	CJ_SETMAP,   /* object of empty objects (Volumes, ExposedPorts) */
	CJ_OBJ,	     /* object walked against sub */
	CJ_OBJLIST,  /* array of objects walked against sub */
	CJ_OBJMAP,   /* object (keys are data) of objects walked against sub */
	CJ_LIST,     /* array of anything: only with CJF_ZERO */
	CJ_ANY	     /* any non-null value: `check` does all of the work */
};

#define CJF_ZERO     0x1 /* default-only: "", 0, false, [], {} */
#define CJF_NULLONLY 0x2 /* only null or absent ([] means something) */

struct cj_ctx {
	char *err;
	size_t errlen;
	char path[CJ_PATH_MAX]; /* printable dotted path of the current value */
	size_t plen;
};

struct cj_field;
typedef int (*cj_check_fn)(struct cj_ctx *cx, const struct cj_field *f,
			   json_t *v);

struct cj_table {
	const struct cj_field *fields;
	size_t nfields;
};

struct cj_field {
	const char *name;
	enum cj_kind kind;
	unsigned int flags;	    /* CJF_* */
	long long min, max;	    /* CJ_INT */
	const char *const *oneof;   /* CJ_STR: allowed values, NULL-ended */
	const struct cj_table *sub; /* CJ_OBJ, CJ_OBJLIST, CJ_OBJMAP */
	cj_check_fn check;	    /* extra rule for a non-null value */
	const char *flag;	    /* CLI flag for messages; NULL: the path */
};

#define CJ_TABLE(arr)                                                          \
	{                                                                      \
		arr, sizeof(arr) / sizeof((arr)[0])                            \
	}

void cj_init(struct cj_ctx *cx, char *err, size_t errlen);
/* Formats the message (scrubbed of phrases the CLI reacts to), returns rc. */
int cj_err(struct cj_ctx *cx, int rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Printable, bounded copy of a client string for a message. */
void cj_quote(char *buf, size_t len, const char *s);

/* Path stack: push returns a mark for pop. */
size_t cj_push(struct cj_ctx *cx, const char *seg);
size_t cj_push_index(struct cj_ctx *cx, size_t i);
void cj_pop(struct cj_ctx *cx, size_t mark);
/* "the flag" or the path of the current value, for messages. */
const char *cj_flag(const struct cj_ctx *cx, const struct cj_field *f);

/* Size, syntax, duplicates, trailing data, top-level object, depth. */
int cj_load(struct cj_ctx *cx, const char *body, size_t len, json_t **out);

/* Exact lookup, and Go's folded lookup (ASCII case, U+017F, U+212A). */
const struct cj_field *cj_find(const struct cj_table *t, const char *key);
const struct cj_field *cj_find_folded(const struct cj_table *t,
				      const char *key);
/* Refuses a key that is not exactly a field of t (message says why). */
int cj_refuse_key(struct cj_ctx *cx, const struct cj_table *t, const char *key);
/* Walks every key of obj against t; obj must be an object. */
int cj_walk(struct cj_ctx *cx, json_t *obj, const struct cj_table *t);
/* Checks one value against its field (null is the zero value: accepted). */
int cj_value(struct cj_ctx *cx, const struct cj_field *f, json_t *v);

/* Accessors for a walked tree: absent and null read as the zero value. */
const char *cj_str(json_t *obj, const char *key);
int cj_true(json_t *obj, const char *key);
json_t *cj_obj(json_t *obj, const char *key); /* object member or NULL */
json_t *cj_arr(json_t *obj, const char *key); /* array member or NULL */

/* Local-driver volume names: [a-zA-Z0-9][a-zA-Z0-9_.-]+ */
int cj_is_volume_name(const char *s);

/* Strings owned by a canon object (the views point into them). */
struct cj_pool {
	char **v;
	size_t n, cap;
};
/* Takes ownership of malloc'd s (freed on failure); NULL if s is NULL. */
char *cj_pool_take(struct cj_pool *p, char *s);
char *cj_strdup(struct cj_pool *p, const char *s);
char *cj_printf(struct cj_pool *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void cj_pool_free(struct cj_pool *p);

/* Dumps the tree the gate forwards: compact, ASCII only. */
char *cj_dump(json_t *root, size_t *len);

#endif
