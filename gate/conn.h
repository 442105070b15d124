/*
 * One client connection: its identity, its upstream connection and the
 * bytes read but not yet used on either side.
 */
#ifndef DG_CONN_H
#define DG_CONN_H

#include <pthread.h>
#include <stddef.h>

#include "buildkit.h"
#include "gated.h"
#include "http_parse.h"
#include "io.h"
#include "route.h"

/* Named limits and timeouts for a connection. */
#define CONN_IDLE_TIMEOUT_MS   (5 * 60 * 1000) /* keep-alive between requests */
#define CONN_HEAD_TIMEOUT_MS   (30 * 1000)     /* whole head, once started */
#define CONN_BODY_TIMEOUT_MS   (60 * 1000)     /* whole JSON body */
#define CONN_STREAM_IDLE_MS    (120 * 1000)    /* upload: between reads */
#define CONN_WRITE_TIMEOUT_MS  (5 * 60 * 1000) /* a peer not reading */
#define CONN_UPSTREAM_HEAD_MAX HTTP_MAX_RESPONSE_HEAD
#define CONN_FWD_HEAD_MAX      16384 /* the head the gate sends upstream */

struct conn {
	int cfd;	/* client */
	uid_t cred_uid; /* SO_PEERCRED uid, for the connection counts */
	int ufd;	/* upstream, -1 until needed or after it closed */
	struct identity id;
	int have_id;
	char id_err[256];
	struct rbuf cin; /* client bytes not yet used */
	struct rbuf uin; /* upstream bytes not yet used */
	struct route_match *m;
	int head_request; /* the current request is HEAD: answers bodiless */
	int has_body;	  /* the current request has a (non-empty) body */
	/* BuildKit session and build IDs the current request holds */
	char claim_session[BK_ID_MAX + 1];
	char claim_build[BK_ID_MAX + 1];
	/* the user's create/update lock while this request holds it (conn.c):
	 * from the decision until dockerd has answered, never while writing
	 * to the client */
	pthread_mutex_t *create_lock;
};

/* conn.c: releases c->create_lock if held (idempotent). */
void conn_create_unlock(struct conn *c);

/* conn.c: the gate's own answer on this connection (HEAD-aware). */
int conn_refuse(struct conn *c, int status, const char *msg, unsigned flags);
/* After refusing a request whose body is still arriving: stop writing,
 * read and drop the rest for a bounded time, so the client sees the
 * answer instead of a broken pipe. */
void conn_drain(struct conn *c);

/* What decide() concluded for one request. */
struct verdict {
	int allowed;
	int status;		      /* when refused */
	char message[DG_MESSAGE_MAX]; /* when refused, without prefix */
	char rule[DG_RULE_MAX];
	char *body; /* JSON body to forward, malloc'd */
	size_t body_len;
	int detach;		       /* exec start with Detach:true */
	int raw_message;	       /* send message as is (dockerd's 404s) */
	char object[ROUTE_MAX_OBJECT]; /* resolved full ID to forward */
	int df_filter; /* GET /system/df: answer with the caller's only */
};

enum { FWD_UPGRADE_NONE = 0, FWD_UPGRADE_TCP, FWD_UPGRADE_H2C };

/* The request as the gate will forward it (built from the parsed head). */
struct fwd_request {
	char method[HTTP_MAX_METHOD + 1];
	size_t head_len;
	enum http_framing framing; /* of the client's body */
	unsigned long long content_length;
	int conn_close;
	int expect_continue;
	int upgrade; /* FWD_UPGRADE_*: forward Connection: Upgrade */
	int head_request;
	char session[BK_ID_MAX + 1]; /* POST /session: its ID */
	/* Last, and never cleared whole: only head_len bytes are used, and
	 * untouched stack stays out of a long-lived stream's memory. */
	char head[CONN_FWD_HEAD_MAX]; /* extra header lines, CRLF each */
};

/* decide.c */
int decide(struct conn *c, const struct fwd_request *fr, const char *body,
	   size_t len, struct verdict *v);

/* tenancy.c: ownership of named objects, owner filter on lists.
 * 0 to go on, -1 refused (v filled). */
int tenancy_check(struct conn *c, struct verdict *v);
/* Named volumes of an allowed create: refuse foreign ones, pre-create
 * missing ones with the owner label, mount shared read-only ones
 * read-only (and nocopy).  POST /volumes/create: refuse a
 * name another user holds. */
struct canon_create;
int tenancy_create_volumes(struct conn *c, struct canon_create *cc,
			   struct verdict *v);
int tenancy_volume_create(struct conn *c, struct verdict *v);
/* Container references in a create body: each must be the caller's; each
 * is rewritten to the full ID that was checked. */
struct canon_create;
int tenancy_create_refs(struct conn *c, struct canon_create *cc,
			struct verdict *v);
/* GET /images/{ref}/json: the HTTP status (and *out), or -1. */
struct json_t;
int tenancy_image_inspect(const struct conn *c, const char *ref,
			  struct json_t **out);
/* tenancy_images.c: resolves a create's Config.Image with dockerd for the
 * policy (and makes the body name the image by ID).  Unless admin, images
 * carrying the owner label are refused (their containers would be
 * nobody's).  1 found, 0 dockerd has no such image, -1 refused (v). */
int tenancy_create_image(struct conn *c, struct canon_create *cc, int admin,
			 struct verdict *v);
/* A container name held by another user: 409 without the holder's ID. */
int tenancy_name_free(struct conn *c, const char *name, struct verdict *v);
/* A refusal on ownership grounds, rule "built-in: ownership" (never 404
 * unless told: creates must not make the CLI pull); returns -1. */
int tenancy_refuse(struct verdict *v, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The daemon could not be asked: 502, logged; returns -1. */
int tenancy_upstream_failed(struct verdict *v, const char *err);
/* The caller's container named ref: 0 and its full ID, or -1 with the
 * answer a missing container gets (v filled). */
int tenancy_own_container(struct conn *c, const char *ref, char *id,
			  size_t idlen, struct verdict *v);
/* tenancy_networks.c: --network NAME on create (looked up, kind set, the
 * full ID forwarded), the caller's networks counted, and the network and
 * container of connect/disconnect. */
int tenancy_create_network(struct conn *c, struct canon_create *cc, int admin,
			   struct verdict *v);
long long tenancy_count_networks(struct conn *c);
int tenancy_network_target(struct conn *c, int admin, enum dg_net_kind *kind,
			   struct verdict *v);
/* tenancy_buildkit.c: the session and build IDs a BuildKit request
 * names are the caller's (claimed until buildkit_release). */
int tenancy_buildkit(struct conn *c, const struct fwd_request *fr,
		     struct verdict *v);
void buildkit_release(struct conn *c);
/* tenancy_images.c: image names only in the caller's namespace. */
int tenancy_images(struct conn *c, struct verdict *v);
/* A container reference of the caller's, resolved as for the routes
 * (owner.c's OWNER_* codes; id receives the full ID on OWNER_OK). */
int tenancy_container(const struct conn *c, const char *ref, char *id,
		      size_t idlen, char *err, size_t errlen);

/* The caller's own containers, any state: GET /containers/json?all=1
 * with the owner filter; 0 and *out a JSON array, or -1 with err. */
int tenancy_list_own(const struct conn *c, struct json_t **out, char *err,
		     size_t errlen);

/* tenancy_commit.c: docker commit (own container, own namespace) and
 * docker import (own namespace); 0 or -1 refused (v filled). */
int tenancy_commit(struct conn *c, struct verdict *v);
int tenancy_import(struct conn *c, struct verdict *v);
/* The `changes` of commit and import checked, and the gate's own last
 * change (the owner label emptied) appended. */
int tenancy_changes(struct conn *c, struct verdict *v);
/* POST /commit's body: only an empty Config; v->body becomes "{}". */
int tenancy_commit_body(const char *body, size_t len, struct verdict *v);

/* tenancy_usage.c: what the caller's containers hold now (any state),
 * counted on live state, leaving out `exclude` (a full ID, or NULL;
 * u->target receives its settings when found).  0: all counted; 1: only
 * u->containers (too many containers to look up each); -1: nothing. */
int tenancy_usage(struct conn *c, const char *exclude, struct dg_usage *u);

/* forward.c: 0 = keep the connection, -1 = close it. */
int forward_request(struct conn *c, const struct fwd_request *fr,
		    const struct verdict *v);
int forward_headers(const struct http_request *req, const struct route_def *def,
		    struct fwd_request *fr, char *err, size_t errlen);

/* relay.c: the client's upload upstream, the response back. */
int forward_stream_body(struct conn *c, const struct fwd_request *fr);
int relay_response(struct conn *c, const struct fwd_request *fr,
		   const struct verdict *v);

/* df_serve.c: GET /system/df with only the caller's containers and
 * volumes.  0 = keep the connection, -1 = close it. */
int df_serve(struct conn *c, const struct fwd_request *fr);

/* tunnel.c: relays both directions until both ends are done. */
void tunnel_run(struct conn *c);

/* body.c helpers in conn.c */
long long conn_now_ms(void);

#endif
