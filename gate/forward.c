/*
 * Forwarding: the request the gate sends upstream is built from what it
 * parsed (method, rebuilt target, a short list of headers it understands,
 * its own framing, the re-serialized body), then the response is relayed
 * as it arrives.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "conn.h"
#include "deny.h"

/* Media type of a Content-Type value, lower-cased, without parameters. */
static void media_type(const struct http_header *h, char *out, size_t len)
{
	size_t i;

	for (i = 0; i < h->value_len && i + 1 < len && h->value[i] != ';'; i++)
		out[i] = (char)((h->value[i] >= 'A' && h->value[i] <= 'Z')
					? h->value[i] + 32
					: h->value[i]);
	while (i > 0 && (out[i - 1] == ' ' || out[i - 1] == '\t'))
		i--;
	out[i] = '\0';
}

static int add_line(struct fwd_request *fr, const char *name, const char *value,
		    size_t vlen)
{
	int n = snprintf(fr->head + fr->head_len,
			 sizeof(fr->head) - fr->head_len, "%s: %.*s\r\n", name,
			 (int)vlen, value);

	if (n < 0 || (size_t)n >= sizeof(fr->head) - fr->head_len)
		return -1;
	fr->head_len += (size_t)n;
	return 0;
}

static int copy_header(const struct http_request *req, struct fwd_request *fr,
		       const char *name)
{
	const struct http_header *h =
		http_find_header(req->headers, req->nheaders, name);

	return h ? add_line(fr, name, h->value, h->value_len) : 0;
}

/* Content-Type rules per body kind; forms are refused everywhere because
 * dockerd reads form bodies as parameters that override the query. */
static int content_type(const struct http_request *req,
			const struct route_def *def, struct fwd_request *fr,
			char *err, size_t errlen)
{
	const struct http_header *ct =
		http_find_header(req->headers, req->nheaders, "Content-Type");
	char mt[64] = "";

	if (ct)
		media_type(ct, mt, sizeof(mt));
	if (!strcmp(mt, "application/x-www-form-urlencoded") ||
	    !strncmp(mt, "multipart/", 10)) {
		snprintf(err, errlen,
			 "form-encoded request bodies are refused");
		return -1;
	}
	if (def->body == RB_JSON && fr->framing != HTTP_BODY_NONE &&
	    !(fr->framing == HTTP_BODY_LENGTH && fr->content_length == 0) &&
	    strcmp(mt, "application/json") != 0) {
		snprintf(err, errlen,
			 "the request body must be "
			 "application/json");
		return -1;
	}
	if (def->body == RB_STREAM && mt[0]) {
		if (strcmp(mt, "application/x-tar") &&
		    strcmp(mt, "text/plain") &&
		    strcmp(mt, "application/octet-stream")) {
			snprintf(err, errlen,
				 "Content-Type %s is refused on this route",
				 mt);
			return -1;
		}
		return add_line(fr, "Content-Type", mt, strlen(mt));
	}
	return 0;
}

static int route_is(const struct route_def *def, const char *pattern)
{
	return strcmp(def->pattern, pattern) == 0;
}

/* POST /session: Upgrade: h2c and the session's own headers, checked
 * (buildkit_check.c) and forwarded in the gate's spelling. */
static int session_headers(const struct http_request *req,
			   struct fwd_request *fr, const struct http_header *up,
			   char *err, size_t errlen)
{
	struct bk_session s;
	const char *name;
	size_t i;

	if (!up || !http_value_is(up, "h2c")) {
		snprintf(err, errlen,
			 "POST /session needs Upgrade: h2c (a BuildKit "
			 "session)");
		return -1;
	}
	fr->upgrade = FWD_UPGRADE_H2C;
	memset(&s, 0, sizeof(s));
	for (i = 0; i < req->nheaders; i++) {
		const struct http_header *h = &req->headers[i];
		int rc = bk_session_header(&s, h->name, h->name_len, h->value,
					   h->value_len, &name, err, errlen);

		if (rc == BK_SKIP)
			continue;
		if (rc != BK_OK)
			return -1;
		if (add_line(fr, name, h->value, h->value_len) < 0) {
			snprintf(err, errlen, "request headers too large");
			return -1;
		}
	}
	if (bk_session_done(&s, err, errlen) != BK_OK)
		return -1;
	memcpy(fr->session, s.uuid, sizeof(fr->session));
	return 0;
}

int forward_headers(const struct http_request *req, const struct route_def *def,
		    struct fwd_request *fr, char *err, size_t errlen)
{
	const struct http_header *up =
		http_find_header(req->headers, req->nheaders, "Upgrade");

	fr->framing = req->framing;
	fr->content_length = req->content_length;
	fr->conn_close = req->connection_close;
	fr->expect_continue = req->expect_continue;
	fr->head_request = strcmp(req->method, "HEAD") == 0;
	if (content_type(req, def, fr, err, errlen) < 0)
		return -1;
	/* Registry credentials go only where dockerd reads them. */
	if ((route_is(def, "/images/create") ||
	     route_is(def, "/images/{}/push") ||
	     route_is(def, "/images/search") ||
	     route_is(def, "/distribution/{}/json")) &&
	    copy_header(req, fr, "X-Registry-Auth") < 0)
		goto toobig;
	if (route_is_build(def) &&
	    copy_header(req, fr, "X-Registry-Config") < 0)
		goto toobig;
	if (copy_header(req, fr, "User-Agent") < 0)
		goto toobig;
	if (def->hijack == RH_H2C)
		return session_headers(req, fr, up, err, errlen);
	if (up && def->hijack != RH_NONE) {
		if (!http_value_is(up, "tcp")) {
			snprintf(err, errlen, "only Upgrade: tcp is supported");
			return -1;
		}
		fr->upgrade = FWD_UPGRADE_TCP;
	}
	return 0;
toobig:
	snprintf(err, errlen, "request headers too large");
	return -1;
}

/* Reuses the upstream connection unless dockerd closed it meanwhile. */
static int ensure_upstream(struct conn *c)
{
	if (c->ufd >= 0) {
		struct pollfd p = {.fd = c->ufd, .events = POLLIN | POLLRDHUP};

		if (poll(&p, 1, 0) == 0 && rbuf_len(&c->uin) == 0)
			return 0;
		close(c->ufd);
		c->ufd = -1;
		c->uin.start = c->uin.end = 0;
	}
	c->ufd = io_connect_unix(gate_cfg.upstream_path);
	return c->ufd < 0 ? -1 : 0;
}

static void upstream_down(struct conn *c, int close_after)
{
	const char *why = errno == ENOENT || errno == ECONNREFUSED
				  ? "the docker daemon is not running"
				  : "the docker daemon cannot be reached";
	char msg[256];

	snprintf(msg, sizeof(msg),
		 "%s; try again shortly, or tell your "
		 "administrator if it persists",
		 why);
	gate_log(3, "upstream %s: %s", gate_cfg.upstream_path, strerror(errno));
	conn_refuse(c, 502, msg, DENY_PREFIX | (close_after ? DENY_CLOSE : 0));
}

static int build_head(const struct conn *c, const struct fwd_request *fr,
		      const struct verdict *v, char *buf, size_t len)
{
	char target[ROUTE_MAX_TARGET], framing[96] = "";
	const char *up = fr->upgrade == FWD_UPGRADE_TCP
				 ? "Connection: Upgrade\r\nUpgrade: tcp\r\n"
			 : fr->upgrade == FWD_UPGRADE_H2C
				 ? "Connection: Upgrade\r\nUpgrade: h2c\r\n"
				 : "";
	int n;

	if (route_upstream_target(c->m, v->object[0] ? v->object : NULL, target,
				  sizeof(target)) < 0)
		return -1;
	if (c->m->def->body == RB_JSON)
		snprintf(framing, sizeof(framing),
			 "Content-Type: application/json\r\n"
			 "Content-Length: %zu\r\n",
			 v->body_len);
	else if (c->m->def->body == RB_STREAM)
		snprintf(framing, sizeof(framing),
			 fr->framing == HTTP_BODY_CHUNKED
				 ? "Transfer-Encoding: chunked\r\n"
				 : "Content-Length: %llu\r\n",
			 fr->framing == HTTP_BODY_LENGTH ? fr->content_length
							 : 0ULL);
	n = snprintf(buf, len, "%s %s HTTP/1.1\r\nHost: docker\r\n%.*s%s%s\r\n",
		     fr->method, target, (int)fr->head_len, fr->head, framing,
		     up);
	return n < 0 || (size_t)n >= len ? -1 : n;
}

/* Sends the head and any buffered body.  1 sent; otherwise the value
 * forward_request returns (after answering the client). */
static int send_request(struct conn *c, const struct fwd_request *fr,
			const struct verdict *v, const char *head, size_t n,
			int streaming)
{
	for (int attempt = 0;; attempt++) {
		int reused = c->ufd >= 0;

		if (ensure_upstream(c) < 0) {
			upstream_down(c, streaming || fr->conn_close);
			if (streaming)
				conn_drain(c);
			return streaming || fr->conn_close ? -1 : 0;
		}
		if (io_write_all(c->ufd, head, n, CONN_WRITE_TIMEOUT_MS) == 0 &&
		    (!v->body || io_write_all(c->ufd, v->body, v->body_len,
					      CONN_WRITE_TIMEOUT_MS) == 0))
			return 1;
		close(c->ufd);
		c->ufd = -1;
		/* A kept-alive upstream may have closed under us: retry a
		 * fully buffered request once on a fresh connection. */
		if (!reused || attempt > 0) {
			upstream_down(c, 1);
			return -1;
		}
	}
}

int forward_request(struct conn *c, const struct fwd_request *fr,
		    const struct verdict *v)
{
	/* On the heap: kept off the stack of every long-lived stream. */
	size_t hlen = CONN_FWD_HEAD_MAX + ROUTE_MAX_TARGET + 512;
	char *head = malloc(hlen);
	int streaming =
		c->m->def->body == RB_STREAM && fr->framing != HTTP_BODY_NONE;
	int n = head ? build_head(c, fr, v, head, hlen) : -1, rc;

	if (n < 0) {
		free(head);
		conn_refuse(c, 414, "request too large to forward",
			    DENY_PREFIX | DENY_CLOSE);
		return -1;
	}
	rc = send_request(c, fr, v, head, (size_t)n, streaming);
	free(head);
	if (rc != 1)
		return rc;
	if (streaming && forward_stream_body(c, fr) < 0)
		return -1;
	return relay_response(c, fr, v);
}
