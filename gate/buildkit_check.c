/*
 * BuildKit requests as far as the gate can see them (pure; see
 * buildkit.h): the headers of POST /session and the BuildKit-only
 * parameters of POST /build?version=2.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "buildkit.h"
#include "query.h"

#define BK_PREFIX "X-Docker-Expose-Session-"

/* Longest shared key (CLI 20.10: 64 hex digits of a hash). */
#define BK_KEY_MAX 128

enum bk_header { BH_UUID, BH_NAME, BH_KEY, BH_METHOD, BH_UNKNOWN };

static int id_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

int bk_id_valid(const char *s, size_t len)
{
	size_t i;

	if (!s || len == 0 || len > BK_ID_MAX)
		return 0;
	for (i = 0; i < len; i++)
		if (!id_char((unsigned char)s[i]))
			return 0;
	return 1;
}

/* A gRPC method path: "/package.Service/Method". */
static int method_valid(const char *v, size_t len)
{
	size_t i;

	if (len < 2 || len > BK_METHOD_MAX || v[0] != '/')
		return 0;
	for (i = 1; i < len; i++)
		if (!id_char((unsigned char)v[i]) && v[i] != '/')
			return 0;
	return 1;
}

/* The headers as the gate forwards them, in enum bk_header order. */
static const char *const bk_names[] = {BK_PREFIX "Uuid", BK_PREFIX "Name",
				       BK_PREFIX "Sharedkey",
				       BK_PREFIX "Grpc-Method"};

static enum bk_header header_kind(const char *name, size_t nlen)
{
	size_t i;

	for (i = 0; i < sizeof(bk_names) / sizeof(bk_names[0]); i++)
		if (nlen == strlen(bk_names[i]) &&
		    !strncasecmp(name, bk_names[i], nlen))
			return (enum bk_header)i;
	return BH_UNKNOWN;
}

static int bad(char *err, size_t errlen, const char *what)
{
	route_err(err, errlen, "POST /session refused: %s", what);
	return BK_EBAD;
}

/* Once only: a second copy would be a second reading. */
static int once(int *seen, char *err, size_t errlen, const char *which)
{
	char msg[96];

	if (*seen) {
		snprintf(msg, sizeof(msg), "the session header %s is repeated",
			 which);
		return bad(err, errlen, msg);
	}
	*seen = 1;
	return BK_OK;
}

int bk_session_header(struct bk_session *s, const char *name, size_t nlen,
		      const char *value, size_t vlen, const char **fwd,
		      char *err, size_t errlen)
{
	size_t plen = strlen(BK_PREFIX);
	int seen_uuid = s->uuid[0] != '\0';
	enum bk_header k = header_kind(name, nlen);

	if (nlen < plen || strncasecmp(name, BK_PREFIX, plen) != 0)
		return BK_SKIP;
	*fwd = k == BH_UNKNOWN ? NULL : bk_names[k];
	switch (k) {
	case BH_UUID:
		if (once(&seen_uuid, err, errlen, "Uuid"))
			return BK_EBAD;
		if (!bk_id_valid(value, vlen))
			return bad(err, errlen, "the session ID is not valid");
		memcpy(s->uuid, value, vlen);
		s->uuid[vlen] = '\0';
		return BK_OK;
	case BH_NAME:
		if (once(&s->have_name, err, errlen, "Name"))
			return BK_EBAD;
		return vlen <= BK_NAME_MAX
			       ? BK_OK
			       : bad(err, errlen,
				     "the session name is too long");
	case BH_KEY:
		if (once(&s->have_key, err, errlen, "Sharedkey"))
			return BK_EBAD;
		return vlen <= BK_KEY_MAX &&
				       (vlen == 0 || bk_id_valid(value, vlen))
			       ? BK_OK
			       : bad(err, errlen,
				     "the session key is not valid");
	case BH_METHOD:
		if (++s->nmethods > BK_METHODS_MAX)
			return bad(err, errlen,
				   "the session exposes too many methods");
		return method_valid(value, vlen)
			       ? BK_OK
			       : bad(err, errlen,
				     "a session method is not valid");
	default:
		/* fail closed: a session header this gate does not know */
		return bad(err, errlen,
			   "unknown X-Docker-Expose-Session header");
	}
}

int bk_session_done(const struct bk_session *s, char *err, size_t errlen)
{
	if (s->uuid[0] == '\0')
		return bad(err, errlen,
			   "the session names no ID "
			   "(X-Docker-Expose-Session-Uuid)");
	return BK_OK;
}

#define BK_UPLOAD "upload-request"
#define BK_WHY_UPLOAD                                                          \
	"a BuildKit build from a context on standard input (docker build - "   \
	"< context.tar) is not supported by docker-gate; build from a "        \
	"directory, or use the classic builder: DOCKER_BUILDKIT=0"

int bk_check_build_params(const struct route_match *m, char *err, size_t errlen)
{
	const char *remote = route_param(m, "remote");
	const char *session = route_param(m, "session");
	const char *buildid = route_param(m, "buildid");

	if ((remote && !strcmp(remote, BK_UPLOAD)) ||
	    (buildid && !strncmp(buildid, BK_UPLOAD, strlen(BK_UPLOAD)))) {
		route_err(err, errlen, "%s", BK_WHY_UPLOAD);
		return ROUTE_EREFUSED;
	}
	/* fail closed: anything else is a URL or repository the daemon
	 * would fetch from its own network */
	if (remote && remote[0] && strcmp(remote, "client-session")) {
		route_err(err, errlen,
			  "building from a remote context (URL or git "
			  "repository) is not available through docker-gate; "
			  "send the context from the client");
		return ROUTE_EREFUSED;
	}
	if ((session && session[0] && !bk_id_valid(session, strlen(session))) ||
	    (buildid && buildid[0] && !bk_id_valid(buildid, strlen(buildid)))) {
		route_err(err, errlen,
			  "the BuildKit session or build ID is not valid");
		return ROUTE_EBAD;
	}
	return ROUTE_OK;
}
