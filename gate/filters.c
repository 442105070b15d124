/*
 * The owner term in `filters` (see filters.h).
 *
 * dockerd (filters.FromJSON) first decodes the value as
 * map[string]map[string]bool and, if that fails, as map[string][]string;
 * a value mixing both shapes fails both and is refused with 400.  The gate
 * reads the same two shapes, refuses everything else, and forwards its own
 * serialization in the map form, which every daemon version reads the same
 * way.  Map values are kept as sent: dockerd ignores them for "label"
 * (MatchKVList looks at the keys) but not for every key (ExactMatch
 * returns the value), so normalising them would change a query.
 *
 * "label!" (prune routes only; list routes answer "invalid filter"):
 * dockerd drops an object when it matches all "label!" terms.  A negated
 * term on a gate label could only narrow the result further, since the
 * positive owner term is always there; it is refused anyway so that no
 * client term ever steers on the gate's labels except by narrowing them
 * positively, whatever dockerd later does with negations.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "canon.h"
#include "filters.h"

#define FILTERS_LABEL	  "label"
#define FILTERS_NOT_LABEL "label!"

enum form { FORM_NONE = 0, FORM_MAP, FORM_LIST };

/* A "label!" term "k" or "k=v" whose key is a gate label. */
static int reserved_negation(const char *key, const char *term)
{
	return strcmp(key, FILTERS_NOT_LABEL) == 0 &&
	       strncmp(term, GATE_LABEL_PREFIX, strlen(GATE_LABEL_PREFIX)) == 0;
}

static int check_term(const char *key, const char *term, size_t *nterms,
		      char *err, size_t errlen)
{
	/* fail closed: bounded work and output */
	if (++*nterms > FILTERS_MAX_TERMS) {
		snprintf(err, errlen, "filters: more than %d terms",
			 FILTERS_MAX_TERMS);
		return FILTERS_EBAD;
	}
	if (reserved_negation(key, term)) {
		snprintf(err, errlen,
			 "filters: a negated label filter on the %s* labels "
			 "is not allowed (they are set by docker-gate)",
			 GATE_LABEL_PREFIX);
		return FILTERS_EREFUSED;
	}
	return FILTERS_OK;
}

/* Copies one key's terms into dst as {"term":bool,...}. */
static int copy_map(const char *key, json_t *src, json_t *dst, size_t *nterms,
		    char *err, size_t errlen)
{
	const char *term;
	json_t *v;
	int rc;

	json_object_foreach(src, term, v)
	{
		/* fail closed: dockerd needs a bool; null would be stored
		 * as false, a string refused */
		if (!json_is_boolean(v)) {
			snprintf(err, errlen,
				 "filters: the terms of \"%s\" must be true "
				 "or false",
				 key);
			return FILTERS_EBAD;
		}
		rc = check_term(key, term, nterms, err, errlen);
		if (rc != FILTERS_OK)
			return rc;
		if (json_object_set(dst, term, v) < 0)
			return FILTERS_ENOMEM;
	}
	return FILTERS_OK;
}

static int copy_list(const char *key, json_t *src, json_t *dst, size_t *nterms,
		     char *err, size_t errlen)
{
	size_t i;
	json_t *v;
	int rc;

	json_array_foreach(src, i, v)
	{
		const char *term = json_string_value(v);

		if (!term) {
			snprintf(err, errlen,
				 "filters: the terms of \"%s\" must be "
				 "strings",
				 key);
			return FILTERS_EBAD;
		}
		rc = check_term(key, term, nterms, err, errlen);
		if (rc != FILTERS_OK)
			return rc;
		if (json_object_set_new(dst, term, json_true()) < 0)
			return FILTERS_ENOMEM;
	}
	return FILTERS_OK;
}

/* Copies every key of the client's object into out (map form). */
static int copy_all(json_t *in, json_t *out, char *err, size_t errlen)
{
	enum form form = FORM_NONE;
	size_t nterms = 0;
	const char *key;
	json_t *v;

	json_object_foreach(in, key, v)
	{
		enum form f = json_is_object(v)	 ? FORM_MAP
			      : json_is_array(v) ? FORM_LIST
						 : FORM_NONE;
		json_t *dst;
		int rc;

		if (f == FORM_NONE) {
			snprintf(err, errlen,
				 "filters: \"%s\" must be an object or a "
				 "list",
				 key);
			return FILTERS_EBAD;
		}
		/* fail closed: dockerd refuses the mix as well */
		if (form != FORM_NONE && f != form) {
			snprintf(err, errlen,
				 "filters: mixes {\"k\":{...}} and "
				 "{\"k\":[...]} forms");
			return FILTERS_EBAD;
		}
		form = f;
		dst = json_object();
		if (!dst || json_object_set_new(out, key, dst) < 0)
			return FILTERS_ENOMEM;
		rc = f == FORM_MAP
			     ? copy_map(key, v, dst, &nterms, err, errlen)
			     : copy_list(key, v, dst, &nterms, err, errlen);
		if (rc != FILTERS_OK)
			return rc;
	}
	return FILTERS_OK;
}

/* Parses the client's value: an object, or an empty one for NULL/"". */
static int load(const char *filters, json_t **in, char *err, size_t errlen)
{
	json_error_t jerr;
	size_t len = filters ? strlen(filters) : 0;

	if (len == 0) {
		*in = json_object();
		return *in ? FILTERS_OK : FILTERS_ENOMEM;
	}
	if (len > FILTERS_MAX) {
		snprintf(err, errlen, "filters: longer than %d bytes",
			 FILTERS_MAX);
		return FILTERS_EBAD;
	}
	/* jansson refuses trailing data and invalid UTF-8 by default */
	*in = json_loadb(filters, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!*in) {
		snprintf(err, errlen, "filters: not valid JSON: %s", jerr.text);
		return FILTERS_EBAD;
	}
	if (!json_is_object(*in)) {
		json_decref(*in);
		*in = NULL;
		snprintf(err, errlen, "filters: must be a JSON object");
		return FILTERS_EBAD;
	}
	return FILTERS_OK;
}

static int add_owner_term(json_t *out, const char *owner, char *err,
			  size_t errlen)
{
	char term[sizeof(GATE_OWNER_LABEL) + FILTERS_OWNER_MAX + 1];
	json_t *label = json_object_get(out, FILTERS_LABEL);

	if (!label) {
		label = json_object();
		if (!label ||
		    json_object_set_new(out, FILTERS_LABEL, label) < 0)
			return FILTERS_ENOMEM;
	}
	snprintf(term, sizeof(term), "%s=%s", GATE_OWNER_LABEL, owner);
	/* a client's own copy of the term (true or false) becomes true:
	 * MatchKVList ignores the value, this keeps the term obvious */
	if (json_object_set_new(label, term, json_true()) < 0) {
		snprintf(err, errlen, "filters: user name is not UTF-8");
		return FILTERS_EBAD;
	}
	return FILTERS_OK;
}

int filters_add_owner(const char *filters, const char *owner, char **out,
		      char *err, size_t errlen)
{
	json_t *in = NULL, *res = NULL;
	int rc;

	*out = NULL;
	if (errlen)
		err[0] = '\0';
	/* fail closed: no owner means no filter at all */
	if (!owner || !owner[0] || strlen(owner) > FILTERS_OWNER_MAX) {
		snprintf(err, errlen, "filters: no valid user name");
		return FILTERS_EBAD;
	}
	rc = load(filters, &in, err, errlen);
	if (rc != FILTERS_OK)
		return rc;
	res = json_object();
	if (!res)
		rc = FILTERS_ENOMEM;
	if (rc == FILTERS_OK)
		rc = copy_all(in, res, err, errlen);
	if (rc == FILTERS_OK)
		rc = add_owner_term(res, owner, err, errlen);
	if (rc == FILTERS_OK) {
		*out = json_dumps(res, JSON_COMPACT);
		if (!*out)
			rc = FILTERS_ENOMEM;
	}
	if (rc == FILTERS_ENOMEM)
		snprintf(err, errlen, "filters: out of memory");
	json_decref(in);
	json_decref(res);
	return rc;
}
