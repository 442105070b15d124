/*
 * Serving one client connection: a thread per connection (docker run alone
 * opens three at once; streams stay open for hours), each request parsed,
 * routed, decided and forwarded on its own.  Any surprise ends in a refusal
 * and, when the framing can no longer be trusted, in closing the
 * connection: never in forwarding unchecked bytes.
 */
#include <errno.h>
#include <stddef.h>
#include <pthread.h>
#include <pwd.h>
#include <sys/socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "canon.h"
#include "conn.h"
#include "deny.h"
#include "policy_view.h"

#define CONN_THREAD_STACK (256 * 1024)
#define CONN_CIN_INITIAL  IO_CHUNK
#define CONN_CIN_MAX	  (HTTP_MAX_HEAD + 4 * IO_CHUNK)

static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;
static int total_conns;
static struct uid_count {
	uid_t uid;
	int n;
	long long logged; /* when a refusal was last logged (ms) */
} * per_uid;
static size_t per_uid_len;

long long conn_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int conn_count(void)
{
	int n;

	pthread_mutex_lock(&count_lock);
	n = total_conns;
	pthread_mutex_unlock(&count_lock);
	return n;
}

/* Counts a connection in; refuses past the total and per-uid limits. */
static int count_in(uid_t uid)
{
	size_t i;
	int ok = 0;

	pthread_mutex_lock(&count_lock);
	for (i = 0; i < per_uid_len && per_uid[i].uid != uid; i++)
		;
	if (i == per_uid_len) {
		struct uid_count *n =
			realloc(per_uid, (per_uid_len + 1) * sizeof(*n));

		if (n) {
			per_uid = n;
			per_uid[per_uid_len++] = (struct uid_count){uid, 0, 0};
		}
	}
	if (i < per_uid_len && total_conns < gate_cfg.max_conns &&
	    per_uid[i].n < gate_cfg.max_conns_per_uid) {
		per_uid[i].n++;
		total_conns++;
		ok = 1;
	}
	pthread_mutex_unlock(&count_lock);
	return ok;
}

/* A refusal is logged once per uid every CONN_REFUSAL_LOG_MS: a client
 * reconnecting in a loop must not flood syslog. */
#define CONN_REFUSAL_LOG_MS 5000

static int refusal_log_due(uid_t uid)
{
	long long now = conn_now_ms();
	int due = 0;

	pthread_mutex_lock(&count_lock);
	for (size_t i = 0; i < per_uid_len; i++)
		if (per_uid[i].uid == uid) {
			due = now - per_uid[i].logged >= CONN_REFUSAL_LOG_MS;
			if (due)
				per_uid[i].logged = now;
			break;
		}
	pthread_mutex_unlock(&count_lock);
	return due;
}

static void count_out(uid_t uid)
{
	pthread_mutex_lock(&count_lock);
	for (size_t i = 0; i < per_uid_len; i++)
		if (per_uid[i].uid == uid) {
			per_uid[i].n--;
			break;
		}
	total_conns--;
	pthread_mutex_unlock(&count_lock);
}

#define CONN_DRAIN_MS  5000	   /* how long a refused upload is read */
#define CONN_DRAIN_MAX (64u << 20) /* and how much of it */

int conn_refuse(struct conn *c, int status, const char *msg, unsigned flags)
{
	if (c->head_request)
		flags |= DENY_HEAD;
	return deny_send_ex(c->cfd, status, msg, flags);
}

void conn_drain(struct conn *c)
{
	long long deadline = conn_now_ms() + CONN_DRAIN_MS;
	size_t total = 0;

	shutdown(c->cfd, SHUT_WR);
	while (total < CONN_DRAIN_MAX) {
		int left = (int)(deadline - conn_now_ms());
		ssize_t n;

		c->cin.start = c->cin.end = 0;
		if (left <= 0 || (n = rbuf_fill(c->cfd, &c->cin, left)) <= 0)
			break;
		total += (size_t)n;
	}
}

static int http_status_of(int rc)
{
	switch (rc) {
	case HTTP_ETOOBIG:
		return 431;
	case HTTP_EVERSION:
		return 505;
	case HTTP_EFRAMING:
		return 501;
	default:
		return 400;
	}
}

/*
 * Reads one request head.  Returns 1 with *req filled, 0 on a clean close
 * between requests, -1 after answering an error (the caller closes).
 */
static int read_head(struct conn *c, struct http_request *req)
{
	long long deadline = 0;
	int rc;

	for (;;) {
		rc = rbuf_len(&c->cin)
			     ? http_parse_request(rbuf_ptr(&c->cin),
						  rbuf_len(&c->cin), req)
			     : HTTP_INCOMPLETE;
		if (rc == HTTP_OK)
			return 1;
		if (rc != HTTP_INCOMPLETE) {
			audit_decision(c->have_id ? &c->id.user : NULL, "-",
				       "-", NULL, 0, "built-in",
				       "malformed or ambiguous HTTP request");
			deny_send(c->cfd, http_status_of(rc),
				  "malformed or ambiguous HTTP request "
				  "refused",
				  1);
			return -1;
		}
		int timeout = CONN_IDLE_TIMEOUT_MS;

		if (rbuf_len(&c->cin)) {
			if (!deadline)
				deadline = conn_now_ms() + CONN_HEAD_TIMEOUT_MS;
			timeout = (int)(deadline - conn_now_ms());
			if (timeout <= 0)
				return -1; /* slow head: drop silently */
		}
		ssize_t n = rbuf_fill(c->cfd, &c->cin, timeout);

		if (n == 0)
			return rbuf_len(&c->cin) ? -1 : 0;
		if (n < 0) {
			if (errno == ENOBUFS) {
				audit_decision(c->have_id ? &c->id.user : NULL,
					       "-", "-", NULL, 0, "built-in",
					       "request head too large");
				deny_send(c->cfd, 431, "request head too large",
					  1);
			}
			return -1;
		}
	}
}

/* A body the gate will not take: audited, answered, the rest drained. */
static void body_refused(struct conn *c, const struct fwd_request *fr,
			 int status, const char *msg)
{
	audit_decision(c->have_id ? &c->id.user : NULL, fr->method,
		       c->m->def ? c->m->def->pattern : "-", NULL, 0,
		       "built-in", msg);
	conn_refuse(c, status, msg, DENY_PREFIX | DENY_CLOSE);
	conn_drain(c);
}

/*
 * Reads a whole JSON body (already de-chunked) into a fresh buffer.
 * Returns 0, or -1 after answering (the caller closes).
 */
static int read_json_body(struct conn *c, const struct fwd_request *fr,
			  char **out, size_t *outlen)
{
	long long deadline = conn_now_ms() + CONN_BODY_TIMEOUT_MS;
	struct chunk_decoder dec;
	size_t cap = 4096, len = 0;
	char *body;

	*out = NULL;
	*outlen = 0;
	if (fr->framing == HTTP_BODY_NONE)
		return 0;
	if (fr->framing == HTTP_BODY_LENGTH &&
	    fr->content_length > CANON_MAX_BODY) {
		body_refused(c, fr, 413, "request body too large");
		return -1;
	}
	body = malloc(cap);
	if (!body)
		return -1;
	chunk_decoder_init(&dec);
	for (;;) {
		/* Take what is buffered. */
		while (rbuf_len(&c->cin)) {
			const char *data = NULL;
			size_t used = 0, dlen = 0, avail = rbuf_len(&c->cin);
			int crc = CHUNK_DATA;

			if (fr->framing == HTTP_BODY_LENGTH) {
				size_t want = (size_t)fr->content_length - len;

				dlen = used = avail < want ? avail : want;
				data = rbuf_ptr(&c->cin);
			} else {
				crc = chunk_decode(&dec, rbuf_ptr(&c->cin),
						   avail, &used, &data, &dlen);
				if (crc == CHUNK_ERROR) {
					body_refused(c, fr, 400,
						     "malformed chunked body");
					goto fail;
				}
				if (crc != CHUNK_DATA)
					dlen = 0;
			}
			if (len + dlen > CANON_MAX_BODY) {
				body_refused(c, fr, 413,
					     "request body too large");
				goto fail;
			}
			if (len + dlen + 1 > cap) {
				while (len + dlen + 1 > cap)
					cap *= 2;
				char *nb = realloc(body, cap);

				if (!nb)
					goto fail;
				body = nb;
			}
			memcpy(body + len, data, dlen);
			len += dlen;
			rbuf_consume(&c->cin, used);
			if ((fr->framing == HTTP_BODY_LENGTH &&
			     len == fr->content_length) ||
			    crc == CHUNK_DONE)
				goto done;
			if (used == 0)
				break;
		}
		if (fr->framing == HTTP_BODY_LENGTH &&
		    len == fr->content_length)
			goto done;
		int timeout = (int)(deadline - conn_now_ms());

		if (timeout <= 0 || rbuf_fill(c->cfd, &c->cin, timeout) <= 0)
			goto fail; /* slow, gone or broken: drop */
	}
done:
	body[len] = '\0';
	*out = body;
	*outlen = len;
	return 0;
fail:
	free(body);
	return -1;
}

/* Audits a refusal the gate made itself, before any policy. */
static void refuse(struct conn *c, const struct fwd_request *fr,
		   const char *msg, const char *route)
{
	audit_decision(c->have_id ? &c->id.user : NULL, fr->method,
		       route ? route : "-",
		       route && c->m->object[0] ? c->m->object : NULL, 0,
		       "built-in", msg);
}

static int route_status(int rc)
{
	switch (rc) {
	case ROUTE_EREFUSED:
		return 403;
	case ROUTE_ETOOBIG:
		return 414;
	default:
		return 400;
	}
}

/*
 * Answers a refusal the gate made before reading the body.  With a body
 * still on its way the connection cannot be reused: close it, after
 * draining so the client reads the answer.  0 keeps the connection.
 */
static int refuse_early(struct conn *c, const struct fwd_request *fr,
			int has_body, int status, const char *msg,
			unsigned flags)
{
	int closing = has_body || fr->conn_close || (flags & DENY_CLOSE);

	conn_refuse(c, status, msg, flags | (closing ? DENY_CLOSE : 0));
	if (has_body)
		conn_drain(c);
	return closing ? -1 : 0;
}

/*
 * One user's creates and updates are decided and forwarded one at a
 * time, so that concurrent requests cannot all pass the same
 * max_containers or max_networks count or the same resource totals (red
 * team 2).  Striped by uid: users rarely share a stripe, and waiting for
 * another user's create costs milliseconds.
 *
 * The lock ends when dockerd's answer has arrived (relay.c): the object
 * exists by then and the next count sees it.  Writing the answer to the
 * client happens outside it, or a client that does not read (pipelined
 * requests filling the socket) would hold every create of its stripe for
 * CONN_WRITE_TIMEOUT_MS (red team 3).
 */
#define M4                                                                     \
	PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,                  \
		PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER
static pthread_mutex_t create_locks[16] = {M4, M4, M4, M4};

static pthread_mutex_t *create_lock(const struct conn *c)
{
	/* docker update too: it can raise the totals the creates count */
	if ((c->m->def->kind != RK_CREATE && c->m->def->kind != RK_UPDATE &&
	     c->m->def->kind != RK_NETWORK_CREATE) ||
	    !c->have_id)
		return NULL;
	return &create_locks[c->id.user.uid % 16];
}

void conn_create_unlock(struct conn *c)
{
	if (c->create_lock) {
		pthread_mutex_unlock(c->create_lock);
		c->create_lock = NULL;
	}
}

/* One request.  Returns 0 to keep the connection, -1 to close it. */
static int serve_one(struct conn *c)
{
	struct http_request req;
	struct fwd_request fr;
	struct verdict v;
	char err[DG_MESSAGE_MAX];
	char *body = NULL;
	size_t body_len = 0;
	pthread_mutex_t *lock;
	int rc, has_body;

	rc = read_head(c, &req);
	if (rc <= 0)
		return -1;
	memset(&fr, 0, offsetof(struct fwd_request, head));
	memset(&v, 0, sizeof(v));
	snprintf(fr.method, sizeof(fr.method), "%s", req.method);
	c->head_request = strcmp(req.method, "HEAD") == 0;
	c->has_body = has_body =
		req.framing == HTTP_BODY_CHUNKED ||
		(req.framing == HTTP_BODY_LENGTH && req.content_length > 0);
	fr.conn_close = req.connection_close;
	rc = route_match(req.method, req.target, req.target_len, c->m, err,
			 sizeof(err));
	if (rc != ROUTE_OK) {
		refuse(c, &fr, err, NULL);
		rbuf_consume(&c->cin, req.head_len);
		return refuse_early(c, &fr, has_body, route_status(rc), err,
				    DENY_PREFIX);
	}
	if (forward_headers(&req, c->m->def, &fr, err, sizeof(err)) < 0) {
		refuse(c, &fr, err, c->m->def->pattern);
		rbuf_consume(&c->cin, req.head_len);
		return refuse_early(c, &fr, has_body, 400, err,
				    DENY_PREFIX | DENY_CLOSE);
	}
	rbuf_consume(&c->cin, req.head_len);
	if (!c->have_id) {
		refuse(c, &fr, c->id_err, c->m->def->pattern);
		return refuse_early(c, &fr, has_body, 403, c->id_err,
				    DENY_PREFIX | DENY_CLOSE);
	}
	/* fail closed: a body on a route that takes none (legacy /start
	 * HostConfig) is refused, not dropped. */
	if (c->m->def->body == RB_NONE && has_body) {
		snprintf(err, sizeof(err), "%s %s takes no request body",
			 fr.method, c->m->def->pattern);
		refuse(c, &fr, err, c->m->def->pattern);
		return refuse_early(c, &fr, has_body, 400, err,
				    DENY_PREFIX | DENY_CLOSE);
	}
	if (c->m->def->kind == RK_POLICY)
		return policy_view_serve(c, &fr);
	if (fr.expect_continue && has_body &&
	    io_write_all(c->cfd, "HTTP/1.1 100 Continue\r\n\r\n", 25,
			 CONN_WRITE_TIMEOUT_MS) < 0)
		return -1;
	if (c->m->def->body == RB_JSON &&
	    read_json_body(c, &fr, &body, &body_len) < 0)
		return -1;
	lock = create_lock(c);
	if (lock)
		pthread_mutex_lock(lock);
	c->create_lock = lock;
	rc = decide(c, &fr, body, body_len, &v);
	free(body);
	if (rc < 0 || !v.allowed) {
		/* A streamed body (upload, build context) is still unread. */
		int unread = has_body && c->m->def->body == RB_STREAM;
		/* fail closed: a connection that asked to become HTTP/2 is
		 * not reused.  (CLI 20.10 also reads "Connection: close" on
		 * its refused session as a closed tunnel, so it shows the
		 * refusal of its build, which says why, instead of "unable
		 * to upgrade to h2c, received 403".) */
		unsigned no_reuse =
			c->m->def->hijack == RH_H2C ? DENY_CLOSE : 0;

		conn_create_unlock(c);
		free(v.body);
		buildkit_release(c);
		return refuse_early(
			c, &fr, unread, v.status ? v.status : 403,
			v.message[0] ? v.message : "request refused",
			(v.raw_message ? 0 : DENY_PREFIX) | no_reuse);
	}
	rc = v.df_filter ? df_serve(c, &fr) : forward_request(c, &fr, &v);
	conn_create_unlock(c);
	free(v.body);
	/* the session tunnel or the build's stream has ended */
	buildkit_release(c);
	return rc;
}

static void conn_free(struct conn *c)
{
	buildkit_release(c);
	if (c->ufd >= 0)
		close(c->ufd);
	close(c->cfd);
	if (c->have_id)
		identity_free(&c->id);
	rbuf_free(&c->cin);
	rbuf_free(&c->uin);
	free(c->m);
	free(c);
}

static void *conn_main(void *arg)
{
	struct conn *c = arg;
	uid_t uid = c->cred_uid;

	/* NSS may be slow (LDAP): looked up here, never in the accept loop. */
	c->have_id = identity_from_socket(c->cfd, &c->id, c->id_err,
					  sizeof(c->id_err)) == 0;
	while (serve_one(c) == 0)
		;
	conn_free(c);
	count_out(uid);
	return NULL;
}

static struct conn *conn_new(int fd, uid_t uid)
{
	struct conn *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->cfd = fd;
	c->ufd = -1;
	c->cred_uid = uid;
	c->m = malloc(sizeof(*c->m));
	if (!c->m || rbuf_init(&c->cin, CONN_CIN_INITIAL, CONN_CIN_MAX) < 0 ||
	    rbuf_init(&c->uin, IO_CHUNK, CONN_UPSTREAM_HEAD_MAX + IO_CHUNK) <
		    0) {
		rbuf_free(&c->cin);
		free(c->m);
		free(c);
		return NULL;
	}
	return c;
}

/* The kernel's uid of the peer (cheap; no NSS). */
static uid_t peer_uid(int fd)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0 ||
	    len != sizeof(cred))
		return (uid_t)-1;
	return cred.uid;
}

static void refuse_connection(int fd, uid_t uid)
{
	if (refusal_log_due(uid)) {
		struct passwd *pw = getpwuid(uid);

		gate_log(LOG_WARNING,
			 "connection refused: user=%s uid=%d has reached the "
			 "limit of %d connections (or the gate its %d)",
			 pw ? pw->pw_name : "?", (int)uid,
			 gate_cfg.max_conns_per_uid, gate_cfg.max_conns);
	}
	deny_send(fd, 503, "too many connections; close some and try again", 1);
	close(fd);
}

void conn_start(int fd)
{
	struct conn *c;
	pthread_attr_t attr;
	pthread_t t;
	uid_t uid = peer_uid(fd);

	if (io_nonblock(fd) < 0) {
		close(fd);
		return;
	}
	if (!count_in(uid)) {
		refuse_connection(fd, uid);
		return;
	}
	c = conn_new(fd, uid);
	if (!c) {
		close(fd);
		count_out(uid);
		return;
	}
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, CONN_THREAD_STACK);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&t, &attr, conn_main, c) != 0) {
		gate_log(3, "cannot start a connection thread");
		conn_free(c);
		count_out(uid);
	}
	pthread_attr_destroy(&attr);
}
