/*
 * BuildKit through the gate (reference/engine-api.md §2.7, §3.6).
 *
 * `DOCKER_BUILDKIT=1 docker build` (CLI 20.10) opens POST /session with
 * Upgrade: h2c, after which the daemon speaks HTTP/2 to the client (it
 * fetches the context, credentials and secrets from it), and sends POST
 * /build?version=2&session=ID&buildid=ID&remote=client-session.  The gate
 * cannot read the tunnel; it checks what it can see: the session headers
 * (buildkit_check.c, pure), the build's query (route_check.c), and that
 * a session or build ID is used only by the user who first named it
 * (buildkit_ids.c: the daemon would let any caller who knows an ID build
 * from another user's session, or feed another user's build).
 */
#ifndef DG_BUILDKIT_H
#define DG_BUILDKIT_H

#include <stddef.h>
#include <sys/types.h>

#include "route.h"

/* Longest session or build ID (CLI 20.10: 25 and 64 characters). */
#define BK_ID_MAX 128
/* X-Docker-Expose-Session-Grpc-Method headers of one session (CLI 20.10
 * sends 8; with secrets and SSH forwarding a few more). */
#define BK_METHODS_MAX 32
/* Longest session name (the context directory's base name) and method. */
#define BK_NAME_MAX   256
#define BK_METHOD_MAX 128

enum bk_rc {
	BK_OK = 0,
	BK_SKIP = 1,	/* not a session header: nothing to forward */
	BK_EBAD = -1,	/* malformed or unknown: refused */
	BK_ETAKEN = -2, /* the ID is in use by another user */
	BK_EFULL = -3	/* too many IDs in use: refused */
};

/* What the session headers of one request said so far. */
struct bk_session {
	char uuid[BK_ID_MAX + 1]; /* "" until seen */
	int have_name, have_key;
	size_t nmethods;
};

/* A session or build ID: 1..BK_ID_MAX of [A-Za-z0-9_.-]. */
int bk_id_valid(const char *s, size_t len);

/*
 * One request header of POST /session.  BK_OK: an X-Docker-Expose-
 * Session-* header that is valid and is forwarded under the name *fwd
 * with its value; BK_SKIP: not one of them; BK_EBAD: refused, err says
 * why (unknown session header, a repeated one, a bad value, too many
 * methods).
 */
int bk_session_header(struct bk_session *s, const char *name, size_t nlen,
		      const char *value, size_t vlen, const char **fwd,
		      char *err, size_t errlen);

/* After the last header: the session must have named itself. */
int bk_session_done(const struct bk_session *s, char *err, size_t errlen);

/*
 * The BuildKit-only parameters of POST /build?version=2: remote must be
 * "" or "client-session" (the context comes through the session), and
 * session and buildid must be IDs; uploads of a tar context to another
 * build (remote=upload-request, buildid=upload-request:ID) are refused.
 */
int bk_check_build_params(const struct route_match *m, char *err,
			  size_t errlen);

/*
 * ID claims (buildkit_ids.c): the first user to name a session or build
 * ID holds it while any request naming it is open; another user naming
 * it meanwhile is refused.  kind is 's' (session) or 'b' (build).
 */
int bk_claim(char kind, const char *id, uid_t uid);
void bk_release(char kind, const char *id, uid_t uid);
/* IDs held now (tests, diagnostics). */
size_t bk_claims_count(void);

#endif
