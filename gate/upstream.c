/*
 * The gate's own GET requests to dockerd (see upstream.h).
 *
 * One connection per question, "Connection: close": nothing is shared with
 * a client's upstream connection, so a lookup can never desynchronise a
 * relayed stream, and no state survives between two lookups (ownership is
 * checked against live daemon state, never cached).  The response head is
 * parsed with the same strict parser as relayed answers and chunked bodies
 * with the same decoder.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "http_parse.h"
#include "io.h"
#include "upstream.h"

/* The read buffer holds at most a head plus one read of body bytes: body
 * bytes are moved out into struct ubody as they arrive. */
#define UPSTREAM_RBUF_MAX (HTTP_MAX_RESPONSE_HEAD + IO_CHUNK)

struct ubody {
	char *data;
	size_t len, cap;
};

struct uconn {
	int fd;
	struct rbuf in;
	long long deadline; /* CLOCK_MONOTONIC, ms */
	char *err;
	size_t errlen;
};

static long long mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Milliseconds left before the deadline (at least 1), or 0: expired. */
static int left_ms(const struct uconn *u)
{
	long long left = u->deadline - mono_ms();

	if (left <= 0)
		return 0;
	return left > INT_MAX ? INT_MAX : (int)left;
}

/* Reads more bytes before the deadline: >0, 0 at EOF, -1 on error. */
static ssize_t ufill(struct uconn *u)
{
	int left = left_ms(u);
	ssize_t n;

	/* fail closed: -1 would mean "wait forever" to rbuf_fill */
	if (left == 0) {
		snprintf(u->err, u->errlen, "docker daemon: no answer in time");
		return -1;
	}
	n = rbuf_fill(u->fd, &u->in, left);
	/* %m, not strerror(): lookups run on many threads at once */
	if (n < 0 && errno == ETIMEDOUT)
		snprintf(u->err, u->errlen, "docker daemon: no answer in time");
	else if (n < 0)
		snprintf(u->err, u->errlen, "docker daemon: read: %m");
	return n;
}

static int body_append(struct uconn *u, struct ubody *b, const char *p,
		       size_t n)
{
	if (n > UPSTREAM_MAX_BODY - b->len) {
		/* fail closed: never decide on a truncated answer */
		snprintf(u->err, u->errlen,
			 "docker daemon: answer larger than %u bytes",
			 UPSTREAM_MAX_BODY);
		return -1;
	}
	if (b->len + n > b->cap) {
		size_t ncap = b->cap ? b->cap : UPSTREAM_READ_INITIAL;
		char *nd;

		while (ncap < b->len + n)
			ncap *= 2;
		if (ncap > UPSTREAM_MAX_BODY)
			ncap = UPSTREAM_MAX_BODY;
		nd = realloc(b->data, ncap);
		if (!nd) {
			snprintf(u->err, u->errlen, "out of memory");
			return -1;
		}
		b->data = nd;
		b->cap = ncap;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
	return 0;
}

static int send_request(struct uconn *u, const char *method, const char *target,
			const char *json)
{
	char req[UPSTREAM_MAX_TARGET + 256];
	size_t i, tlen = strlen(target);
	int n;

	/* fail closed: a target that could split the request line */
	if (tlen == 0 || tlen > UPSTREAM_MAX_TARGET || target[0] != '/') {
		snprintf(u->err, u->errlen, "bad upstream target");
		return -1;
	}
	for (i = 0; i < tlen; i++) {
		unsigned char c = (unsigned char)target[i];

		if (c <= 0x20 || c >= 0x7f) {
			snprintf(u->err, u->errlen, "bad upstream target");
			return -1;
		}
	}
	if (json)
		n = snprintf(req, sizeof(req),
			     "%s %s HTTP/1.1\r\nHost: docker\r\n"
			     "Content-Type: application/json\r\n"
			     "Content-Length: %zu\r\nConnection: close\r\n\r\n",
			     method, target, strlen(json));
	else
		n = snprintf(req, sizeof(req),
			     "%s %s HTTP/1.1\r\nHost: docker\r\n"
			     "Connection: close\r\n\r\n",
			     method, target);
	if (n < 0 || (size_t)n >= sizeof(req)) {
		snprintf(u->err, u->errlen, "bad upstream target");
		return -1;
	}
	if (left_ms(u) == 0) {
		snprintf(u->err, u->errlen, "docker daemon: no answer in time");
		return -1;
	}
	if (io_write_all(u->fd, req, (size_t)n, left_ms(u)) < 0 ||
	    (json && io_write_all(u->fd, json, strlen(json), left_ms(u)) < 0)) {
		snprintf(u->err, u->errlen, "docker daemon: write: %m");
		return -1;
	}
	return 0;
}

static int read_head(struct uconn *u, struct http_response *resp)
{
	for (;;) {
		int rc = http_parse_response(rbuf_ptr(&u->in), rbuf_len(&u->in),
					     0, resp);
		ssize_t n;

		if (rc == HTTP_OK)
			break;
		if (rc != HTTP_INCOMPLETE) {
			snprintf(u->err, u->errlen,
				 "docker daemon: malformed response head");
			return -1;
		}
		n = ufill(u);
		if (n <= 0) {
			if (n == 0)
				snprintf(u->err, u->errlen,
					 "docker daemon: closed before "
					 "answering");
			return -1;
		}
	}
	/* fail closed: we sent no Expect and asked for no upgrade */
	if (resp->status < 200) {
		snprintf(u->err, u->errlen,
			 "docker daemon: unexpected status %d", resp->status);
		return -1;
	}
	rbuf_consume(&u->in, resp->head_len);
	return 0;
}

/* Content-Length or until-close bodies. */
static int read_plain(struct uconn *u, struct ubody *b, int until_close,
		      unsigned long long cl)
{
	/* fail closed: never decide on a truncated answer */
	if (!until_close && cl > UPSTREAM_MAX_BODY) {
		snprintf(u->err, u->errlen,
			 "docker daemon: answer larger than %u bytes",
			 UPSTREAM_MAX_BODY);
		return -1;
	}
	for (;;) {
		size_t n = rbuf_len(&u->in);
		ssize_t got;

		if (!until_close && n > cl - b->len)
			n = (size_t)(cl - b->len);
		if (n && body_append(u, b, rbuf_ptr(&u->in), n) < 0)
			return -1;
		rbuf_consume(&u->in, n);
		if (!until_close && b->len == cl)
			return 0;
		got = ufill(u);
		if (got < 0)
			return -1;
		if (got == 0) {
			if (until_close)
				return 0;
			snprintf(u->err, u->errlen,
				 "docker daemon: answer cut short");
			return -1;
		}
	}
}

static int read_chunked(struct uconn *u, struct ubody *b)
{
	struct chunk_decoder dec;

	chunk_decoder_init(&dec);
	for (;;) {
		while (rbuf_len(&u->in)) {
			const char *data;
			size_t used, dlen;
			int rc = chunk_decode(&dec, rbuf_ptr(&u->in),
					      rbuf_len(&u->in), &used, &data,
					      &dlen);

			if (rc == CHUNK_ERROR) {
				snprintf(u->err, u->errlen,
					 "docker daemon: bad chunked body");
				return -1;
			}
			if (rc == CHUNK_DATA && dlen &&
			    body_append(u, b, data, dlen) < 0)
				return -1;
			rbuf_consume(&u->in, used);
			if (rc == CHUNK_DONE)
				return 0;
		}
		ssize_t got = ufill(u);

		if (got <= 0) {
			if (got == 0)
				snprintf(u->err, u->errlen,
					 "docker daemon: answer cut short");
			return -1;
		}
	}
}

static int read_body(struct uconn *u, const struct http_response *r,
		     struct ubody *b)
{
	switch (r->framing) {
	case HTTP_BODY_NONE:
		return 0;
	case HTTP_BODY_LENGTH:
		return read_plain(u, b, 0, r->content_length);
	case HTTP_BODY_UNTIL_CLOSE:
		return read_plain(u, b, 1, 0);
	case HTTP_BODY_CHUNKED:
		return read_chunked(u, b);
	}
	return -1;
}

static int parse_body(struct uconn *u, int status, const struct ubody *b,
		      json_t **body)
{
	json_error_t jerr;

	if (b->len == 0)
		return 0;
	*body = json_loadb(b->data, b->len, 0, &jerr);
	/* fail closed: a success answer we cannot read */
	if (!*body && status >= 200 && status < 300) {
		snprintf(u->err, u->errlen, "docker daemon: bad JSON: %s",
			 jerr.text);
		return -1;
	}
	return 0;
}

int upstream_get_json(const char *sock_path, const char *target, int timeout_ms,
		      int *status, json_t **body, char *err, size_t errlen)
{
	return upstream_request_json(sock_path, "GET", target, NULL, timeout_ms,
				     status, body, err, errlen);
}

int upstream_request_json(const char *sock_path, const char *method,
			  const char *target, const char *json, int timeout_ms,
			  int *status, json_t **body, char *err, size_t errlen)
{
	struct uconn u = {.fd = -1, .err = err, .errlen = errlen};
	struct ubody b = {NULL, 0, 0};
	struct http_response resp;
	int rc = -1;

	*status = 0;
	*body = NULL;
	if (errlen)
		err[0] = '\0';
	if (timeout_ms <= 0 ||
	    rbuf_init(&u.in, UPSTREAM_READ_INITIAL, UPSTREAM_RBUF_MAX) < 0) {
		snprintf(err, errlen, "upstream: bad timeout or no memory");
		return -1;
	}
	u.deadline = mono_ms() + timeout_ms;
	u.fd = io_connect_unix(sock_path);
	if (u.fd < 0) {
		snprintf(err, errlen, "docker daemon at %s: %m", sock_path);
		goto out;
	}
	if (send_request(&u, method, target, json) < 0 ||
	    read_head(&u, &resp) < 0 || read_body(&u, &resp, &b) < 0 ||
	    parse_body(&u, resp.status, &b, body) < 0)
		goto out;
	*status = resp.status;
	rc = 0;
out:
	if (u.fd >= 0)
		close(u.fd);
	rbuf_free(&u.in);
	free(b.data);
	return rc;
}

const char *upstream_message(const json_t *body)
{
	const char *m = json_string_value(json_object_get(body, "message"));

	return m ? m : "";
}
