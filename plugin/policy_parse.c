/*
 * One policy file, bytes to struct dgp_layer, through libconfuse.
 *
 * libconfuse keeps its lexer state in globals, so every call into it
 * happens under parse_lock.  No cfg_include function is registered, no
 * CFGF_IGNORE_UNKNOWN, no CFGF_NOCASE: unknown or misspelled keys are
 * errors.  The bytes are pre-scanned first (policy_scan.c) and parsed
 * from memory, so libconfuse parses exactly the bytes that were checked.
 */
#include "policy.h"

#include <confuse.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "policy_scan.h"

/*
 * Lists get this as their built-in value, so that after parsing we can
 * tell "key += {...}" (the marker is still first) from "key = {...}".  A
 * control character: no value written in a file can equal it.
 */
#define LIST_UNSET_ITEM "\x01"
static char list_unset_default[] = "{" LIST_UNSET_ITEM "}";

struct parse_ctx {
	const char *path;
	const struct dgp_scan *scan;
	char *err;
	size_t errlen;
	int failed;
};

static pthread_mutex_t parse_lock = PTHREAD_MUTEX_INITIALIZER;
static struct parse_ctx *parse_cur; /* guarded by parse_lock */

static void parse_error(cfg_t *cfg, const char *fmt, va_list ap)
{
	struct parse_ctx *cx = parse_cur;
	const char *hint = "";
	char msg[512];
	unsigned int line;

	if (!cx || cx->failed)
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	line = dgp_scan_real_line(cx->scan, cfg ? (unsigned int)cfg->line : 0);
	if (strncmp(msg, "unexpected token", 16) == 0 &&
	    line <= cx->scan->nlines && cx->scan->has_comment[line])
		hint = " (a comment may only follow a complete setting or "
		       "stand on its own line)";
	snprintf(cx->err, cx->errlen, "%s:%u: %s%s", cx->path, line, msg, hint);
	cx->failed = 1;
}

/* Integers are decimal only: libconfuse's strtol(..., 0) would read
 * "010" as 8. */
static int parse_int(cfg_t *cfg, cfg_opt_t *opt, const char *value,
		     void *result)
{
	const char *p = value + (value[0] == '-');
	int k = dgp_key_lookup(opt->name);
	long long u;
	char *end;
	long v;

	if (k >= 0 && dgp_keys[k].parse) {
		if (dgp_keys[k].parse(value, &u) < 0) {
			cfg_error(cfg,
				  "%s: \"%s\" is not a value it takes "
				  "(e.g. %s)",
				  opt->name, value,
				  dgp_keys[k].parse == dgp_parse_size
					  ? "512m, 2g"
					  : "0.5, 2");
			return -1;
		}
		*(long *)result = (long)u;
		return 0;
	}

	if (*p < '0' || *p > '9' || strspn(p, "0123456789") != strlen(p)) {
		cfg_error(cfg, "%s must be a decimal number, not \"%s\"",
			  opt->name, value);
		return -1;
	}
	errno = 0;
	v = strtol(value, &end, 10);
	if (errno || *end) {
		cfg_error(cfg, "%s: number out of range", opt->name);
		return -1;
	}
	*(long *)result = v;
	return 0;
}

static int validate_list(cfg_t *cfg, cfg_opt_t *opt, enum dgp_key k)
{
	unsigned int n = cfg_opt_size(opt);
	const char *item;
	char why[512];

	if (n == 0)
		return 0;
	if (n > DGP_LIST_MAX + 1) {
		cfg_error(cfg, "too many entries in %s (at most %d)", opt->name,
			  DGP_LIST_MAX);
		return -1;
	}
	/* the newest entry; the unset marker is never one (it would fail
	 * the control character check) */
	item = cfg_opt_getnstr(opt, n - 1);
	if (!item)
		return -1;
	if (dgp_key_check_item(k, item, why, sizeof(why)) < 0) {
		cfg_error(cfg, "%s", why);
		return -1;
	}
	return 0;
}

/* "" unsets the key; anything else is checked like a list entry. */
static int validate_str(cfg_t *cfg, cfg_opt_t *opt, enum dgp_key k)
{
	const char *item = cfg_opt_getnstr(opt, 0);
	char why[512];

	if (!item || !item[0])
		return 0;
	if (dgp_key_check_item(k, item, why, sizeof(why)) < 0) {
		cfg_error(cfg, "%s", why);
		return -1;
	}
	return 0;
}

/* Called by libconfuse after each value (and at the end of a list). */
static int parse_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	int k = dgp_key_lookup(opt->name);
	long v;

	if (k < 0)
		return -1; /* fail closed: not one of our options */
	if (dgp_keys[k].type == DGP_LIST)
		return validate_list(cfg, opt, (enum dgp_key)k);
	if (dgp_keys[k].type == DGP_STR)
		return validate_str(cfg, opt, (enum dgp_key)k);
	if (dgp_keys[k].type != DGP_INT)
		return 0;
	v = cfg_opt_getnint(opt, 0);
	if (v < dgp_keys[k].min || v > dgp_keys[k].max) {
		cfg_error(cfg, "%s must be between %lld and %lld, not %ld",
			  opt->name, dgp_keys[k].min, dgp_keys[k].max, v);
		return -1;
	}
	return 0;
}

static cfg_t *parse_init(void)
{
	cfg_opt_t opts[DGP_NKEYS + 1];
	cfg_t *cfg;
	int i;

	for (i = 0; i < DGP_NKEYS; i++) {
		const char *name = dgp_keys[i].name;

		if (dgp_keys[i].type == DGP_BOOL)
			opts[i] =
				(cfg_opt_t)CFG_BOOL(name, cfg_false, CFGF_NONE);
		else if (dgp_keys[i].type == DGP_INT)
			opts[i] = (cfg_opt_t)CFG_INT_CB(name, 0, CFGF_NONE,
							parse_int);
		else if (dgp_keys[i].type == DGP_STR)
			opts[i] = (cfg_opt_t)CFG_STR(name, "", CFGF_NONE);
		else
			opts[i] = (cfg_opt_t)CFG_STR_LIST(
				name, list_unset_default, CFGF_NONE);
	}
	opts[DGP_NKEYS] = (cfg_opt_t)CFG_END();
	cfg = cfg_init(opts, CFGF_NONE);
	if (!cfg)
		return NULL;
	cfg_set_error_function(cfg, parse_error);
	for (i = 0; i < DGP_NKEYS; i++)
		cfg_set_validate_func(cfg, dgp_keys[i].name, parse_validate);
	return cfg;
}

static int copy_list(cfg_opt_t *o, struct dgp_setting *s)
{
	unsigned int n = cfg_opt_size(o), i = 0;
	const char *first = n > 0 ? cfg_opt_getnstr(o, 0) : NULL;

	if (first && strcmp(first, LIST_UNSET_ITEM) == 0) {
		s->append = 1;
		i = 1;
	}
	s->items = calloc(n + 1, sizeof(*s->items));
	if (!s->items)
		return -1;
	for (; i < n; i++) {
		const char *item = cfg_opt_getnstr(o, i);

		s->items[s->nitems] = item ? strdup(item) : NULL;
		if (!s->items[s->nitems])
			return -1;
		s->nitems++;
	}
	return 0;
}

/* A string as a list of one entry, or of none for "". */
static int copy_str(cfg_opt_t *o, struct dgp_setting *s)
{
	const char *v = cfg_opt_getnstr(o, 0);

	if (!v || !v[0])
		return 0;
	s->items = calloc(2, sizeof(*s->items));
	if (!s->items)
		return -1;
	s->items[0] = strdup(v);
	if (!s->items[0])
		return -1;
	s->nitems = 1;
	return 0;
}

static int parse_collect(cfg_t *cfg, const struct dgp_scan *scan,
			 struct dgp_layer *layer)
{
	int k;

	for (k = 0; k < DGP_NKEYS; k++) {
		cfg_opt_t *o = cfg_getopt(cfg, dgp_keys[k].name);
		struct dgp_setting *s = &layer->keys[k];

		if (!o || !(o->flags & CFGF_MODIFIED))
			continue;
		s->set = 1;
		s->line = scan->key_line[k];
		if (dgp_keys[k].type == DGP_BOOL)
			s->num = cfg_opt_getnbool(o, 0) ? 1 : 0;
		else if (dgp_keys[k].type == DGP_INT)
			s->num = cfg_opt_getnint(o, 0);
		else if (dgp_keys[k].type == DGP_STR) {
			if (copy_str(o, s) < 0)
				return -1;
		} else if (copy_list(o, s) < 0)
			return -1;
	}
	return 0;
}

/* Under parse_lock: libconfuse proper. */
static int parse_locked(struct parse_ctx *cx, const char *buf, size_t len,
			struct dgp_layer *layer)
{
	cfg_t *cfg = parse_init();
	FILE *fp;
	int rc = -1;

	if (!cfg) {
		snprintf(cx->err, cx->errlen, "%s: out of memory", cx->path);
		return -1;
	}
	fp = fmemopen((void *)(uintptr_t)buf, len, "r");
	if (!fp) {
		snprintf(cx->err, cx->errlen, "%s: out of memory", cx->path);
	} else {
		if (cfg_parse_fp(cfg, fp) == CFG_SUCCESS && !cx->failed)
			rc = parse_collect(cfg, cx->scan, layer);
		else if (!cx->failed)
			snprintf(cx->err, cx->errlen, "%s: parse error",
				 cx->path);
		fclose(fp);
	}
	cfg_free(cfg);
	return rc;
}

int dgp_parse_file(const char *path, const char *buf, size_t len,
		   struct dgp_layer *layer, char *err, size_t errlen)
{
	struct dgp_scan scan;
	struct parse_ctx cx = {path, &scan, err, errlen, 0};
	unsigned int line = 0;
	char why[512];
	int rc;

	if (dgp_scan(buf, len, &scan, &line, why, sizeof(why)) < 0) {
		snprintf(err, errlen, "%s:%u: %s", path, line, why);
		dgp_scan_free(&scan);
		return -1;
	}
	rc = 0;
	if (len > 0) { /* an empty file sets nothing; fmemopen wants bytes */
		pthread_mutex_lock(&parse_lock);
		parse_cur = &cx;
		rc = parse_locked(&cx, buf, len, layer);
		parse_cur = NULL;
		pthread_mutex_unlock(&parse_lock);
	}
	dgp_scan_free(&scan);
	if (rc < 0)
		dgp_layer_clear(layer);
	return rc;
}

void dgp_layer_clear(struct dgp_layer *l)
{
	int k;
	size_t i;

	for (k = 0; k < DGP_NKEYS; k++) {
		for (i = 0; i < l->keys[k].nitems; i++)
			free(l->keys[k].items[i]);
		free(l->keys[k].items);
		memset(&l->keys[k], 0, sizeof(l->keys[k]));
	}
}
