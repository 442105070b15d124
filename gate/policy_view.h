/*
 * `docker policy`: the gate's own answer to GET|HEAD /_docker-gate/policy
 * (also under /v1.NN/), the caller's effective policy in plain words from
 * the plugin's describe().  Never forwarded to dockerd, which has no such
 * path.  The user is the connection's SO_PEERCRED identity; the route takes
 * no query parameters and no body, so nothing the client sends can name
 * another user.
 */
#ifndef DG_POLICY_VIEW_H
#define DG_POLICY_VIEW_H

#include <stddef.h>

/* The describe() text the gate asks for; a longer one is an error (500). */
#define POLICY_VIEW_TEXT_MAX (64 * 1024)

/*
 * Pure (policy_view_body.c): {"User":..,"Uid":..,"Policy":..} as compact,
 * ASCII-only JSON, malloc'd, *len set.  Text that is not UTF-8 (a user
 * name or a path from NSS or a policy file) is sent with every non-ASCII
 * byte as '?' rather than refused.  NULL when out of memory.
 */
char *policy_view_body(const char *user, unsigned long long uid,
		       const char *text, size_t *len);

/* Daemon (policy_view.c): answers the current request on c.  Returns 0 to
 * keep the connection, -1 to close it. */
struct conn;
struct fwd_request;
int policy_view_serve(struct conn *c, const struct fwd_request *fr);

#endif
