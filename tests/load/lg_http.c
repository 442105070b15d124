/*
 * A minimal HTTP/1.1 client for loadgen: Content-Length, chunked and
 * until-close answers, keep-alive, 101 for hijacked exec starts.  Lenient
 * where the gate and dockerd are strict: it measures, it does not judge
 * framing.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "loadgen.h"

#define LG_HEAD_MAX 16384
#define LG_REQ_MAX  4096

const char *lg_socket;

long long lg_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void hc_close(struct hconn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	c->start = c->end = 0;
}

static int hc_connect(struct hconn *c, const char *path)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};

	hc_close(c);
	if (strlen(path) >= sizeof(sa.sun_path))
		return -1;
	strcpy(sa.sun_path, path);
	c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (c->fd < 0)
		return -1;
	if (connect(c->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		hc_close(c);
		return -1;
	}
	return 0;
}

/* More bytes into c->in before the deadline: >0, 0 at EOF, -1. */
static ssize_t fill(struct hconn *c, long long deadline)
{
	struct pollfd p = {.fd = c->fd, .events = POLLIN};
	ssize_t n;

	if (c->start > 0) {
		memmove(c->in, c->in + c->start, c->end - c->start);
		c->end -= c->start;
		c->start = 0;
	}
	if (c->end == sizeof(c->in))
		return -1;
	for (;;) {
		long long left = deadline - lg_now_ms();
		int rc;

		if (left <= 0)
			return -1;
		rc = poll(&p, 1, (int)left);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc <= 0)
			return -1;
		n = read(c->fd, c->in + c->end, sizeof(c->in) - c->end);
		if (n < 0 && errno == EINTR)
			continue;
		if (n > 0)
			c->end += (size_t)n;
		return n;
	}
}

static int send_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static void keep(struct resp *r, const char *p, size_t n)
{
	size_t room = LG_BODY_MAX - r->body_len;

	if (n > room)
		n = room;
	memcpy(r->body + r->body_len, p, n);
	r->body_len += n;
	r->body[r->body_len] = '\0';
}

struct head {
	long long length; /* -1: none */
	int chunked, close;
};

/* Reads and parses the answer head.  1 ok, 0 EOF before any byte, -1. */
static int read_head(struct hconn *c, struct resp *r, struct head *h,
		     long long deadline)
{
	char *end, *line;
	ssize_t n;

	while (!(end = memmem(c->in + c->start, c->end - c->start, "\r\n\r\n",
			      4))) {
		if (c->end - c->start > LG_HEAD_MAX)
			return -1;
		n = fill(c, deadline);
		if (n <= 0)
			return n == 0 && c->end == c->start ? 0 : -1;
	}
	*end = '\0';
	line = c->in + c->start;
	if (sscanf(line, "HTTP/1.%*d %d", &r->status) != 1)
		return -1;
	h->length = -1;
	h->chunked = h->close = 0;
	while ((line = strstr(line, "\r\n")) != NULL) {
		line += 2;
		if (!strncasecmp(line, "Content-Length:", 15))
			h->length = atoll(line + 15);
		else if (!strncasecmp(line, "Transfer-Encoding:", 18))
			h->chunked = strstr(line, "chunked") != NULL;
		else if (!strncasecmp(line, "Connection:", 11))
			h->close = strstr(line, "close") != NULL;
	}
	c->start = (size_t)(end + 4 - c->in);
	return 1;
}

/* n bytes of body (n < 0: until EOF). */
static int read_plain(struct hconn *c, struct resp *r, long long n,
		      long long deadline)
{
	for (;;) {
		size_t have = c->end - c->start;

		if (n >= 0 && (long long)have > n)
			have = (size_t)n;
		keep(r, c->in + c->start, have);
		c->start += have;
		if (n >= 0 && (n -= (long long)have) == 0)
			return 0;
		ssize_t got = fill(c, deadline);

		if (got <= 0)
			return n < 0 && got == 0 ? 0 : -1;
	}
}

static int read_chunked(struct hconn *c, struct resp *r, long long deadline)
{
	for (;;) {
		char *eol;
		long long size;

		while (!(eol = memmem(c->in + c->start, c->end - c->start,
				      "\r\n", 2)))
			if (fill(c, deadline) <= 0)
				return -1;
		size = strtoll(c->in + c->start, NULL, 16);
		c->start = (size_t)(eol + 2 - c->in);
		if (size < 0)
			return -1;
		if (size == 0) {
			/* No trailers from dockerd: the final CRLF. */
			while (c->end - c->start < 2)
				if (fill(c, deadline) <= 0)
					return -1;
			c->start += 2;
			return 0;
		}
		if (read_plain(c, r, size, deadline) < 0)
			return -1;
		while (c->end - c->start < 2)
			if (fill(c, deadline) <= 0)
				return -1;
		c->start += 2;
	}
}

static int read_response(struct hconn *c, struct resp *r, long long deadline)
{
	struct head h;
	int rc;

	r->status = 0;
	r->body_len = 0;
	r->body[0] = '\0';
	rc = read_head(c, r, &h, deadline);
	if (rc <= 0)
		return rc == 0 ? -2 : -1;
	if (r->status == 101)
		return 0;
	if (r->status == 204 || r->status == 304 || r->status < 200)
		rc = 0;
	else if (h.chunked)
		rc = read_chunked(c, r, deadline);
	else if (h.length >= 0)
		rc = read_plain(c, r, h.length, deadline);
	else {
		rc = read_plain(c, r, -1, deadline);
		h.close = 1;
	}
	if (rc < 0 || h.close)
		hc_close(c);
	return rc;
}

int hc_request(struct hconn *c, const char *method, const char *target,
	       const char *json, const char *extra, struct resp *r)
{
	char req[LG_REQ_MAX];
	long long deadline = lg_now_ms() + LG_REQ_TIMEOUT_MS;
	size_t jlen = json ? strlen(json) : 0;
	int n;

	n = snprintf(req, sizeof(req),
		     "%s %s HTTP/1.1\r\nHost: docker\r\nUser-Agent: loadgen\r\n"
		     "%s",
		     method, target, extra ? extra : "");
	if (json)
		n += snprintf(req + n, sizeof(req) - (size_t)n,
			      "Content-Type: application/json\r\n"
			      "Content-Length: %zu\r\n",
			      jlen);
	n += snprintf(req + n, sizeof(req) - (size_t)n, "\r\n%s",
		      json ? json : "");
	if (n < 0 || (size_t)n >= sizeof(req))
		return -1;
	for (int attempt = 0; attempt < 2; attempt++) {
		int reused = c->fd >= 0, rc;

		if (c->fd < 0 && hc_connect(c, lg_socket) < 0)
			return -1;
		if (send_all(c->fd, req, (size_t)n) < 0) {
			hc_close(c);
			if (reused)
				continue;
			return -1;
		}
		rc = read_response(c, r, deadline);
		if (rc == -2) {
			/* closed before answering: a stale keep-alive */
			hc_close(c);
			if (reused)
				continue;
			return -1;
		}
		return rc;
	}
	return -1;
}

int hc_drain(struct hconn *c, size_t max)
{
	long long deadline = lg_now_ms() + LG_REQ_TIMEOUT_MS;
	size_t total = c->end - c->start;

	c->start = c->end = 0;
	for (;;) {
		ssize_t n = fill(c, deadline);

		if (n == 0)
			return 0;
		if (n < 0)
			return -1;
		total += (size_t)n;
		c->start = c->end = 0;
		if (total > max)
			return -1;
	}
}

int hc_open_stream(struct hconn *c, const char *sock, const char *target,
		   struct resp *r)
{
	char req[512];
	struct head h;
	int n = snprintf(req, sizeof(req),
			 "GET %s HTTP/1.1\r\nHost: docker\r\n"
			 "User-Agent: loadgen\r\n\r\n",
			 target);

	if (hc_connect(c, sock) < 0 || send_all(c->fd, req, (size_t)n) < 0 ||
	    read_head(c, r, &h, lg_now_ms() + LG_REQ_TIMEOUT_MS) != 1)
		return -1;
	return 0;
}

int lg_json_id(const char *body, char id[LG_ID_MAX])
{
	const char *p = strstr(body, "\"Id\":\"");
	size_t n = 0;

	if (!p)
		return -1;
	p += 6;
	while (n < LG_ID_MAX - 1 &&
	       ((p[n] >= '0' && p[n] <= '9') || (p[n] >= 'a' && p[n] <= 'f')))
		n++;
	if (n != LG_ID_MAX - 1)
		return -1;
	memcpy(id, p, n);
	id[n] = '\0';
	return 0;
}

int lg_delete(struct hconn *c, const char *id, struct resp *r)
{
	char target[128];

	snprintf(target, sizeof(target), "/v1.41/containers/%s?force=1", id);
	return hc_request(c, "DELETE", target, NULL, NULL, r);
}
