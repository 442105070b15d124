/*
 * BuildKit IDs belong to their caller (buildkit.h): POST /session claims
 * its session ID for the length of the tunnel, POST /build?version=2 its
 * session and build IDs for the length of the build.  CLI 20.10 sends
 * the build before the session, so either may claim first; a second
 * user naming a held ID is refused.
 */
#include <stdio.h>
#include <string.h>

#include "conn.h"

static int claim(struct conn *c, char kind, const char *id, char *slot,
		 struct verdict *v)
{
	int rc;

	if (!id || !id[0])
		return 0;
	rc = bk_claim(kind, id, c->id.user.uid);
	if (rc == BK_OK) {
		snprintf(slot, BK_ID_MAX + 1, "%s", id);
		return 0;
	}
	if (rc == BK_EFULL)
		return tenancy_refuse(v, 503,
				      "too many BuildKit builds are running "
				      "through docker-gate; try again later");
	/* BK_ETAKEN (or an ID the router should have refused) */
	return tenancy_refuse(v, 403,
			      "this BuildKit %s ID is in use by another "
			      "user; run docker build again (it picks a new "
			      "one)",
			      kind == 's' ? "session" : "build");
}

int tenancy_buildkit(struct conn *c, const struct fwd_request *fr,
		     struct verdict *v)
{
	const struct route_match *m = c->m;

	if (m->def->kind == RK_SESSION)
		return claim(c, 's', fr->session, c->claim_session, v);
	if (m->def->kind != RK_BUILDKIT)
		return 0;
	if (claim(c, 's', route_param(m, "session"), c->claim_session, v) < 0)
		return -1;
	if (claim(c, 'b', route_param(m, "buildid"), c->claim_build, v) < 0) {
		buildkit_release(c);
		return -1;
	}
	return 0;
}

void buildkit_release(struct conn *c)
{
	uid_t uid = c->have_id ? c->id.user.uid : (uid_t)-1;

	if (c->claim_session[0])
		bk_release('s', c->claim_session, uid);
	if (c->claim_build[0])
		bk_release('b', c->claim_build, uid);
	c->claim_session[0] = c->claim_build[0] = '\0';
}
