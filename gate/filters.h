/*
 * Per-user list filtering (pure): add the owner label term to a client's
 * `filters` query value, so that dockerd itself returns only the caller's
 * objects (GET /containers/json, /volumes, /networks, /events, and the
 * prune routes).
 *
 * Why this is safe (reference/engine-api.md §4.3): dockerd parses `filters`
 * into map[key]set-of-terms with case-sensitive keys, different keys are
 * ANDed, and every term of "label" must match (filters.Args.MatchKVList),
 * so an added "io.docker-gate.owner=<user>" term can only narrow what the
 * client asked for, whatever else it sends.
 *
 * GET /events: the same function is the one to use (same JSON, same AND
 * of label terms, matched against each event's Actor.Attributes).  What it
 * then shows is described in notes/tenancy.md; in short, container events
 * carry the container's labels (owner's own only), volume, network, daemon
 * and plugin events carry no labels (hidden from everyone), image events
 * carry the image's own labels (which users control through LABEL).
 */
#ifndef DG_FILTERS_H
#define DG_FILTERS_H

#include <stddef.h>

#define FILTERS_MAX	  8192 /* bytes of the decoded `filters` value */
#define FILTERS_MAX_TERMS 256  /* terms over all keys */
#define FILTERS_OWNER_MAX 256  /* bytes of a user name */

enum filters_rc {
	FILTERS_OK = 0,
	FILTERS_EBAD = -1,     /* not the JSON dockerd accepts: 400 */
	FILTERS_EREFUSED = -2, /* well-formed, not allowed: 403 */
	FILTERS_ENOMEM = -3    /* 500 */
};

/*
 * filters: the decoded query value, or NULL / "" (no filters).  Accepted:
 * a JSON object in the map form {"label":{"k=v":true},"status":{"running":
 * true}} or the legacy list form {"label":["k=v"]}, not both in one value
 * (dockerd refuses a mix, too); map values must be true or false, list
 * elements strings; no duplicate keys, no trailing data.
 *
 * Refused (FILTERS_EREFUSED): a "label!" term (the negated label filter of
 * the prune routes) on a key starting with "io.docker-gate.".
 *
 * On FILTERS_OK, *out is a malloc'd compact JSON string (caller frees) in
 * the map form, with every client term and value kept and the term
 * "io.docker-gate.owner=<owner>" added to "label".  The caller must
 * percent-encode it into the upstream query.
 */
int filters_add_owner(const char *filters, const char *owner, char **out,
		      char *err, size_t errlen);

#endif
