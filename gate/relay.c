/*
 * Relaying bodies.  Uploads (docker cp, build context) are streamed through
 * with the gate's own framing, never held whole in memory; responses are
 * passed on as they arrive (logs -f, events, pull progress), and a client
 * that goes away closes the upstream connection too, which cancels the
 * daemon-side request.
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

/* Waits for upstream data; -1 if the client hung up meanwhile. */
static int wait_upstream(struct conn *c)
{
	struct pollfd p[2] = {{.fd = c->ufd, .events = POLLIN},
			      {.fd = c->cfd, .events = POLLRDHUP}};

	for (;;) {
		int rc = poll(p, 2, -1);

		if (rc < 0 && errno == EINTR)
			continue;
		if (rc < 0 || (p[1].revents & (POLLRDHUP | POLLHUP | POLLERR)))
			return -1;
		if (p[0].revents)
			return 0;
	}
}

/* Reads more upstream bytes: >0 read, 0 EOF, -1 error or client gone. */
static ssize_t upstream_fill(struct conn *c)
{
	if (wait_upstream(c) < 0)
		return -1;
	return rbuf_fill(c->ufd, &c->uin, CONN_WRITE_TIMEOUT_MS);
}

static int to_client(struct conn *c, const char *p, size_t n)
{
	return io_write_all(c->cfd, p, n, CONN_WRITE_TIMEOUT_MS);
}

/* Output staging for re-chunked uploads: one send per buffer, not three
 * per chunk (measured: per-chunk sends cost docker cp a quarter of its
 * throughput). */
#define RELAY_OUT_MAX (256 * 1024)

struct outbuf {
	char *data;
	size_t len;
};

static int out_flush(struct conn *c, struct outbuf *o)
{
	int rc = io_write_all(c->ufd, o->data, o->len, CONN_WRITE_TIMEOUT_MS);

	o->len = 0;
	return rc;
}

/* Appends one chunk (size line, data, CRLF), flushing as needed. */
static int out_chunk(struct conn *c, struct outbuf *o, const char *data,
		     size_t dlen)
{
	char hdr[32];
	int n = snprintf(hdr, sizeof(hdr), "%zx\r\n", dlen);

	if (o->len + (size_t)n + dlen + 2 > RELAY_OUT_MAX && o->len &&
	    out_flush(c, o) < 0)
		return -1;
	if ((size_t)n + dlen + 2 > RELAY_OUT_MAX) /* huge chunk: direct */
		return io_write_all(c->ufd, hdr, (size_t)n,
				    CONN_WRITE_TIMEOUT_MS) ||
				       io_write_all(c->ufd, data, dlen,
						    CONN_WRITE_TIMEOUT_MS) ||
				       io_write_all(c->ufd, "\r\n", 2,
						    CONN_WRITE_TIMEOUT_MS)
			       ? -1
			       : 0;
	memcpy(o->data + o->len, hdr, (size_t)n);
	memcpy(o->data + o->len + (size_t)n, data, dlen);
	memcpy(o->data + o->len + (size_t)n + dlen, "\r\n", 2);
	o->len += (size_t)n + dlen + 2;
	return 0;
}

/* Decodes what is buffered into o; 1 when the body ended, 0 for more,
 * -1 on error. */
static int stream_decode(struct conn *c, struct chunk_decoder *dec,
			 struct outbuf *o)
{
	while (rbuf_len(&c->cin)) {
		const char *data;
		size_t used, dlen;
		int rc = chunk_decode(dec, rbuf_ptr(&c->cin), rbuf_len(&c->cin),
				      &used, &data, &dlen);

		if (rc == CHUNK_ERROR)
			return -1; /* fail closed: drop both sides */
		if (rc == CHUNK_DATA && dlen && out_chunk(c, o, data, dlen) < 0)
			return -1;
		rbuf_consume(&c->cin, used);
		if (rc == CHUNK_DONE)
			return 1;
	}
	return 0;
}

/* Client upload -> upstream, re-chunked with the gate's own framing. */
static int stream_chunked(struct conn *c)
{
	struct chunk_decoder dec;
	struct outbuf o = {malloc(RELAY_OUT_MAX), 0};
	int rc = o.data ? 0 : -1;

	chunk_decoder_init(&dec);
	while (rc == 0) {
		rc = stream_decode(c, &dec, &o);
		if (rc == 1) {
			rc = (o.len && out_flush(c, &o) < 0) ||
					     io_write_all(
						     c->ufd, "0\r\n\r\n", 5,
						     CONN_WRITE_TIMEOUT_MS) < 0
				     ? -1
				     : 1;
			break;
		}
		if (rc == 0 && o.len && out_flush(c, &o) < 0)
			rc = -1;
		if (rc == 0 &&
		    rbuf_fill(c->cfd, &c->cin, CONN_STREAM_IDLE_MS) <= 0)
			rc = -1;
	}
	free(o.data);
	return rc == 1 ? 0 : -1;
}

static int stream_length(struct conn *c, unsigned long long left)
{
	while (left > 0) {
		if (!rbuf_len(&c->cin) &&
		    rbuf_fill(c->cfd, &c->cin, CONN_STREAM_IDLE_MS) <= 0)
			return -1;
		size_t n = rbuf_len(&c->cin);

		if (n > left)
			n = (size_t)left;
		if (io_write_all(c->ufd, rbuf_ptr(&c->cin), n,
				 CONN_WRITE_TIMEOUT_MS) < 0)
			return -1;
		rbuf_consume(&c->cin, n);
		left -= n;
	}
	return 0;
}

int forward_stream_body(struct conn *c, const struct fwd_request *fr)
{
	if (fr->framing == HTTP_BODY_CHUNKED)
		return stream_chunked(c);
	return stream_length(c, fr->content_length);
}

/* Sends the response head; caps Api-Version on /_ping so that clients
 * negotiate a version the gate knows. */
/* The /_ping head with Api-Version capped; -1 if it does not fit.  On
 * the heap: a 64 KiB stack buffer would be touched by every stream's
 * thread (stack-clash probing), whatever its route. */
static int ping_head(const struct http_response *r, const char *raw,
		     size_t first_line, char *head, size_t len)
{
	size_t o = first_line;

	memcpy(head, raw, o);
	for (size_t i = 0; i < r->nheaders; i++) {
		const struct http_header *h = &r->headers[i];
		int n;

		if (h->name_len == 11 &&
		    !strncasecmp(h->name, "Api-Version", 11) &&
		    (h->value_len != 4 || strncmp(h->value, "1.", 2) != 0 ||
		     atoi(h->value + 2) > GATE_API_MAX))
			n = snprintf(head + o, len - o, "Api-Version: 1.%d\r\n",
				     GATE_API_MAX);
		else
			n = snprintf(head + o, len - o, "%.*s: %.*s\r\n",
				     (int)h->name_len, h->name,
				     (int)h->value_len, h->value);
		if (n < 0 || (size_t)n >= len - o)
			return -1;
		o += (size_t)n;
	}
	if (o + 2 > len)
		return -1;
	memcpy(head + o, "\r\n", 2);
	return (int)(o + 2);
}

/* Sends the response head; caps Api-Version on /_ping so that clients
 * negotiate a version the gate knows. */
static int send_head(struct conn *c, const struct http_response *r)
{
	const char *raw = rbuf_ptr(&c->uin);
	const char *eol = memchr(raw, '\n', r->head_len);
	char *head;
	int n, rc;

	if (c->m->def->kind != RK_PING || !eol)
		return to_client(c, raw, r->head_len);
	head = malloc(CONN_UPSTREAM_HEAD_MAX);
	if (!head)
		return -1;
	n = ping_head(r, raw, (size_t)(eol - raw) + 1, head,
		      CONN_UPSTREAM_HEAD_MAX);
	rc = n < 0 ? -1 : to_client(c, head, (size_t)n);
	free(head);
	return rc;
}

static int relay_length(struct conn *c, unsigned long long left)
{
	while (left > 0) {
		if (!rbuf_len(&c->uin) && upstream_fill(c) <= 0)
			return -1;
		size_t n = rbuf_len(&c->uin);

		if (n > left)
			n = (size_t)left;
		if (to_client(c, rbuf_ptr(&c->uin), n) < 0)
			return -1;
		rbuf_consume(&c->uin, n);
		left -= n;
	}
	return 0;
}

/* Passes chunked bytes through unchanged; the decoder only finds the end. */
static int relay_chunked(struct conn *c)
{
	struct chunk_decoder dec;

	chunk_decoder_init(&dec);
	for (;;) {
		size_t off = 0, avail = rbuf_len(&c->uin);
		int rc = CHUNK_NEED_MORE;

		/* Find how far the buffered bytes go, then send them at once.
		 */
		while (off < avail) {
			const char *data;
			size_t used, dlen;

			rc = chunk_decode(&dec, rbuf_ptr(&c->uin) + off,
					  avail - off, &used, &data, &dlen);
			if (rc == CHUNK_ERROR)
				return -1;
			off += used;
			if (rc == CHUNK_DONE)
				break;
		}
		if (off && to_client(c, rbuf_ptr(&c->uin), off) < 0)
			return -1;
		rbuf_consume(&c->uin, off);
		if (rc == CHUNK_DONE)
			return 0;
		if (upstream_fill(c) <= 0)
			return -1;
	}
}

static int relay_until_close(struct conn *c)
{
	for (;;) {
		if (rbuf_len(&c->uin)) {
			if (to_client(c, rbuf_ptr(&c->uin), rbuf_len(&c->uin)) <
			    0)
				return -1;
			rbuf_consume(&c->uin, rbuf_len(&c->uin));
		}
		ssize_t n = upstream_fill(c);

		if (n <= 0)
			return -1; /* the body ends with the connection */
	}
}

static int is_raw_stream(const struct http_response *r)
{
	const struct http_header *ct =
		http_find_header(r->headers, r->nheaders, "Content-Type");

	return ct && ct->value_len >= 23 &&
	       !strncasecmp(ct->value, "application/vnd.docker.", 23);
}

/* dockerd turns attach and exec start into raw streams, with or without
 * an Upgrade header (reference §3.4): decide by route and response. */
static int becomes_tunnel(const struct conn *c, const struct verdict *v,
			  const struct http_response *r)
{
	enum route_hijack h = c->m->def->hijack;

	if (h == RH_NONE || (h == RH_UNLESS_DETACH && v->detach))
		return 0;
	/* a BuildKit session is HTTP/2 only after a 101 */
	if (h == RH_H2C)
		return r->status == 101;
	return r->status == 101 ||
	       (r->status == 200 && r->framing == HTTP_BODY_UNTIL_CLOSE &&
		is_raw_stream(r));
}

static int read_response_head(struct conn *c, const struct fwd_request *fr,
			      struct http_response *r)
{
	for (;;) {
		int rc = rbuf_len(&c->uin)
				 ? http_parse_response(rbuf_ptr(&c->uin),
						       rbuf_len(&c->uin),
						       fr->head_request, r)
				 : HTTP_INCOMPLETE;

		if (rc == HTTP_OK)
			return 0;
		if (rc != HTTP_INCOMPLETE) {
			gate_log(3, "malformed response from the daemon");
			conn_refuse(c, 502,
				    "the docker daemon sent a malformed answer",
				    DENY_PREFIX | DENY_CLOSE);
			return -1;
		}
		ssize_t n = upstream_fill(c);

		if (n <= 0) {
			if (n == 0)
				conn_refuse(c, 502,
					    "the docker daemon closed the "
					    "connection",
					    DENY_PREFIX | DENY_CLOSE);
			return -1;
		}
	}
}

int relay_response(struct conn *c, const struct fwd_request *fr,
		   const struct verdict *v)
{
	struct http_response r;
	int rc = 0;

	if (read_response_head(c, fr, &r) < 0)
		return -1;
	/* dockerd has acted: the count may go on (conn.c create_lock) */
	conn_create_unlock(c);
	if (send_head(c, &r) < 0)
		return -1;
	rbuf_consume(&c->uin, r.head_len);
	if (becomes_tunnel(c, v, &r)) {
		tunnel_run(c);
		return -1;
	}
	switch (r.framing) {
	case HTTP_BODY_NONE:
		break;
	case HTTP_BODY_LENGTH:
		rc = relay_length(c, r.content_length);
		break;
	case HTTP_BODY_CHUNKED:
		rc = relay_chunked(c);
		break;
	case HTTP_BODY_UNTIL_CLOSE:
		rc = relay_until_close(c);
		break;
	}
	/* fail closed: a session that was not upgraded may have sent
	 * HTTP/2 bytes already; they must not be read as a request */
	if (rc < 0 || r.connection_close || fr->conn_close ||
	    c->m->def->hijack == RH_H2C)
		return -1;
	return 0;
}
