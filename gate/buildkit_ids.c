/*
 * Who holds which BuildKit session and build ID (see buildkit.h).  The
 * daemon knows a session only by its ID: any caller who named it in
 * /build?session= would build from that user's files and credentials,
 * and buildid joins builds.  IDs are random, so the first user to name
 * one is its owner; the claim lasts while a request naming it is open
 * (the session tunnel, the build's progress stream).  A small table
 * under one lock: each open connection holds at most two claims.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "buildkit.h"

/* IDs held at once: past it new BuildKit requests are refused (each
 * connection holds at most two; the gate's connection limit is lower). */
#define BK_CLAIMS_MAX 16384

struct claim {
	char kind;
	char id[BK_ID_MAX + 1];
	uid_t uid;
	unsigned int refs;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct claim *claims;
static size_t nclaims, capclaims;

static struct claim *find(char kind, const char *id)
{
	for (size_t i = 0; i < nclaims; i++)
		if (claims[i].kind == kind && !strcmp(claims[i].id, id))
			return &claims[i];
	return NULL;
}

static int add(char kind, const char *id, uid_t uid)
{
	if (nclaims == capclaims) {
		size_t cap = capclaims ? capclaims * 2 : 64;
		struct claim *n;

		if (cap > BK_CLAIMS_MAX)
			cap = BK_CLAIMS_MAX;
		if (nclaims == cap)
			return BK_EFULL;
		n = realloc(claims, cap * sizeof(*n));
		if (!n)
			return BK_EFULL;
		claims = n;
		capclaims = cap;
	}
	claims[nclaims].kind = kind;
	memcpy(claims[nclaims].id, id, strlen(id) + 1);
	claims[nclaims].uid = uid;
	claims[nclaims].refs = 1;
	nclaims++;
	return BK_OK;
}

int bk_claim(char kind, const char *id, uid_t uid)
{
	struct claim *c;
	int rc = BK_OK;

	if (!bk_id_valid(id, id ? strlen(id) : 0))
		return BK_EBAD;
	pthread_mutex_lock(&lock);
	c = find(kind, id);
	if (!c)
		rc = add(kind, id, uid);
	else if (c->uid != uid)
		rc = BK_ETAKEN;
	else
		c->refs++;
	pthread_mutex_unlock(&lock);
	return rc;
}

void bk_release(char kind, const char *id, uid_t uid)
{
	struct claim *c;

	pthread_mutex_lock(&lock);
	c = id ? find(kind, id) : NULL;
	if (c && c->uid == uid && --c->refs == 0)
		*c = claims[--nclaims];
	pthread_mutex_unlock(&lock);
}

size_t bk_claims_count(void)
{
	size_t n;

	pthread_mutex_lock(&lock);
	n = nclaims;
	pthread_mutex_unlock(&lock);
	return n;
}
