/*
 * A minimal synchronous HTTP client for the gate's own questions to
 * dockerd (ownership lookups): one fresh connection per request, GET only,
 * the whole answer read under one deadline and parsed as JSON.
 *
 * Daemon-side (does I/O).  Not for relaying client traffic: that is
 * forward.c / relay.c.
 */
#ifndef DG_UPSTREAM_H
#define DG_UPSTREAM_H

#include <stddef.h>

#include <jansson.h>

#define UPSTREAM_MAX_BODY     (8u << 20) /* bytes of one JSON answer */
#define UPSTREAM_MAX_TARGET   2048	 /* request target, without CRLF */
#define UPSTREAM_READ_INITIAL 16384	 /* first read buffer size */

/*
 * GET `target` (origin-form, already percent-encoded) from the daemon at
 * sock_path, everything done within timeout_ms.
 *
 * Returns 0 on any HTTP answer: *status is set, and *body is the parsed
 * JSON (caller json_decref's it) or NULL when the answer had no body, or,
 * for a status other than 2xx, a body that is not JSON (the daemon's
 * error texts are JSON, so *body usually holds {"message": ...}).  A 2xx
 * answer whose body is not JSON counts as malformed.
 *
 * Returns -1 (err says why, *body NULL) when the daemon cannot be reached,
 * does not answer in time, or answers something malformed or bigger than
 * UPSTREAM_MAX_BODY.
 */
int upstream_get_json(const char *sock_path, const char *target, int timeout_ms,
		      int *status, json_t **body, char *err, size_t errlen);

/* The same for any method, with an optional JSON body (the gate's own
 * requests, e.g. creating a labelled volume). */
int upstream_request_json(const char *sock_path, const char *method,
			  const char *target, const char *json, int timeout_ms,
			  int *status, json_t **body, char *err, size_t errlen);

/* The "message" of a daemon error body, or "" (never NULL). */
const char *upstream_message(const json_t *body);

#endif
