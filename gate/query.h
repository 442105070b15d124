/*
 * Router internals (pure): query-string parsing and encoding, the
 * per-route value checks and the hints for refused query parameters.
 * Only gate/route*.c and gate/query.c use this header; the rest of the
 * gate goes through route.h.
 */
#ifndef DG_QUERY_H
#define DG_QUERY_H

#include <stddef.h>

#include "route.h"

/* Value of one hex digit, or -1. */
int query_hexval(unsigned char c);

/* 1 if s[0..len) is well-formed UTF-8 (no overlongs, no surrogates). */
int query_utf8_valid(const unsigned char *s, size_t len);

/*
 * Parses the raw query (without the '?') the way Go's url.ParseQuery does
 * and checks every name against m->def's lists; `desc` names the route in
 * messages ("POST /containers/{id}/start").  Fills m->params and m->store.
 */
int query_parse(const char *q, size_t len, struct route_match *m,
		const char *desc, char *err, size_t errlen);

/*
 * Percent-encodes s into out (NUL-terminated): bytes in `keep` and
 * ASCII letters and digits are copied, everything else becomes %XX.
 * Returns the length written, or -1 if it does not fit.
 */
int query_pct_encode(const char *s, const char *keep, char *out, size_t outlen);

/* dockerd's BoolValue on a present value (Go TrimSpace + ToLower). */
int query_bool_value(const char *v);

/*
 * A query parameter a route does not list, with the reason it is refused
 * (used instead of the generic message, e.g. checkpoint on /start).
 */
struct route_param_hint {
	const char *method;
	const char *pattern;
	const char *name;
	const char *why;
};

/* NULL-terminated (method == NULL ends it). */
extern const struct route_param_hint route_param_hints[];

/*
 * Value checks for routes whose parameters are dangerous only with some
 * values (POST /build, POST /images/create).  0 or ROUTE_EREFUSED.
 */
int route_check_build(const struct route_match *m, char *err, size_t errlen);
int route_check_image_create(const struct route_match *m, char *err,
			     size_t errlen);
int route_check_buildkit(const struct route_match *m, char *err, size_t errlen);

/*
 * What the {} of a pattern may hold (what a path, or a resolved ID the
 * gate substitutes, may put there): 1 or 0.
 */
int route_object_valid(enum route_object kind, const char *s);

/* Routes that may come without a version prefix (ping, GET /version). */
int route_unversioned_ok(const struct route_def *d);

/*
 * Formats an error message.  A message that would contain a phrase the
 * docker CLI reacts to (it changes its exit code on "permission denied",
 * "no such file or directory", "executable file not found") is replaced
 * by a neutral one: user-supplied text is echoed in messages.
 */
void route_err(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Copies untrusted text for a message: printable ASCII only, truncated. */
const char *route_echo(const char *s, size_t len, char *buf, size_t buflen);

#endif
