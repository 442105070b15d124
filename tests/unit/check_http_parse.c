/*
 * Unit tests for the strict HTTP/1.1 head parser and the chunk decoder.
 *
 * Every refusal rule has a row in a table below whose input differs from
 * an accepted request only in the rule it breaks, so removing the rule
 * makes that row fail.  Real heads come from the docker CLI 28 / 20.10 and
 * the Python SDK (tests/fixtures/captured).
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "captured.h"
#include "http_parse.h"

#define UA28 "User-Agent: Docker-Client/28.2.2 (linux)\r\n"
#define HOST "Host: api.moby.localhost\r\n"
#define RL   "GET /v1.41/containers/json HTTP/1.1\r\n"
#define POST "POST /v1.41/containers/create HTTP/1.1\r\n"

static const char ping28[] = "HEAD /_ping HTTP/1.1\r\n" HOST UA28 "\r\n";

static const char create28[] =
	POST HOST UA28 "Content-Length: 1747\r\n"
		       "Content-Type: application/json\r\n"
		       "\r\n";

static const char attach28[] =
	"POST /v1.41/containers/1ee3e7fb5d49/attach"
	"?stderr=1&stdin=1&stdout=1&stream=1 HTTP/1.1\r\n" HOST UA28
	"Content-Length: 0\r\n"
	"Connection: Upgrade\r\n"
	"Content-Type: text/plain\r\n"
	"Upgrade: tcp\r\n"
	"\r\n";

static const char archive28[] =
	"PUT /v1.41/containers/c1/archive?noOverwriteDirNonDir=true"
	"&path=%2Ftmp HTTP/1.1\r\n" HOST UA28 "Transfer-Encoding: chunked\r\n"
	"Content-Type: text/plain\r\n"
	"\r\n";

/* CLI 20.10 sends an empty Host on its hijacked connections. */
static const char exec20[] =
	"POST /v1.41/exec/0872c0efe5d1/start HTTP/1.1\r\n"
	"Host: \r\n"
	"User-Agent: Docker-Client/20.10.24+dfsg1 (linux)\r\n"
	"Content-Length: 29\r\n"
	"Connection: Upgrade\r\n"
	"Content-Type: application/json\r\n"
	"Upgrade: tcp\r\n"
	"\r\n";

static const char pycreate[] = "POST /v1.41/containers/create HTTP/1.1\r\n"
			       "Host: localhost\r\n"
			       "User-Agent: docker-sdk-python/5.0.3\r\n"
			       "Accept-Encoding: gzip, deflate\r\n"
			       "Accept: */*\r\n"
			       "Connection: keep-alive\r\n"
			       "Content-Type: application/json\r\n"
			       "Content-Length: 242\r\n"
			       "\r\n";

static const char *const real_heads[] = {ping28,    create28, attach28,
					 archive28, exec20,   pycreate};
#define NREAL (sizeof(real_heads) / sizeof(real_heads[0]))

static int parse_req(const char *s, struct http_request *req)
{
	return http_parse_request(s, strlen(s), req);
}

/* Parses from an exact-size heap copy so over-reads show up under ASan. */
static int parse_req_exact(const char *s, size_t n, struct http_request *req)
{
	char *copy = malloc(n ? n : 1);
	int rc;

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, s, n);
	rc = http_parse_request(copy, n, req);
	free(copy);
	return rc;
}

static int header_is(const struct http_request *req, const char *name,
		     const char *value)
{
	const struct http_header *h =
		http_find_header(req->headers, req->nheaders, name);

	return h != NULL && h->value_len == strlen(value) &&
	       memcmp(h->value, value, h->value_len) == 0;
}

START_TEST(test_ping)
{
	struct http_request req;

	ck_assert_int_eq(parse_req(ping28, &req), HTTP_OK);
	ck_assert_str_eq(req.method, "HEAD");
	ck_assert_uint_eq(req.target_len, 6);
	ck_assert(memcmp(req.target, "/_ping", 6) == 0);
	ck_assert_uint_eq(req.nheaders, 2);
	ck_assert_uint_eq(req.head_len, strlen(ping28));
	ck_assert_int_eq(req.framing, HTTP_BODY_NONE);
	ck_assert(header_is(&req, "host", "api.moby.localhost"));
	ck_assert(
		header_is(&req, "USER-AGENT", "Docker-Client/28.2.2 (linux)"));
	ck_assert_int_eq(req.connection_close, 0);
	ck_assert_int_eq(req.expect_continue, 0);
	ck_assert_int_eq(req.has_upgrade, 0);
}
END_TEST

START_TEST(test_create_with_body)
{
	struct http_request req;
	char buf[sizeof(create28) + 16];

	/* the body's first bytes arrived with the head */
	snprintf(buf, sizeof(buf), "%s{\"Image\":", create28);
	ck_assert_int_eq(parse_req(buf, &req), HTTP_OK);
	ck_assert_str_eq(req.method, "POST");
	ck_assert_uint_eq(req.head_len, strlen(create28));
	ck_assert_int_eq(req.framing, HTTP_BODY_LENGTH);
	ck_assert(req.content_length == 1747);
	ck_assert(header_is(&req, "Content-Type", "application/json"));
}
END_TEST

START_TEST(test_attach_upgrade)
{
	struct http_request req;

	ck_assert_int_eq(parse_req(attach28, &req), HTTP_OK);
	ck_assert_int_eq(req.has_upgrade, 1);
	ck_assert_int_eq(req.connection_close, 0);
	ck_assert_int_eq(req.framing, HTTP_BODY_LENGTH);
	ck_assert(req.content_length == 0);
	ck_assert(header_is(&req, "Upgrade", "tcp"));
	ck_assert(memcmp(req.target + req.target_len - 8, "stream=1", 8) == 0);
}
END_TEST

START_TEST(test_archive_chunked)
{
	struct http_request req;

	ck_assert_int_eq(parse_req(archive28, &req), HTTP_OK);
	ck_assert_str_eq(req.method, "PUT");
	ck_assert_int_eq(req.framing, HTTP_BODY_CHUNKED);
	/* the parser leaves percent-escapes to the router */
	ck_assert(memmem(req.target, req.target_len, "%2Ftmp", 6) != NULL);
}
END_TEST

START_TEST(test_other_real_clients)
{
	struct http_request req;

	ck_assert_int_eq(parse_req(exec20, &req), HTTP_OK);
	ck_assert(header_is(&req, "Host", ""));
	ck_assert_int_eq(req.has_upgrade, 1);
	ck_assert_int_eq(parse_req(pycreate, &req), HTTP_OK);
	ck_assert_int_eq(req.connection_close, 0);
	ck_assert(req.content_length == 242);
	ck_assert(header_is(&req, "Accept-Encoding", "gzip, deflate"));
}
END_TEST

START_TEST(test_accepted_variants)
{
	struct http_request req;

	ck_assert_int_eq(parse_req(RL HOST "Connection: close\r\n\r\n", &req),
			 HTTP_OK);
	ck_assert_int_eq(req.connection_close, 1);
	ck_assert_int_eq(parse_req(RL HOST
				   "Connection: keep-alive ,\tClOsE\r\n\r\n",
				   &req),
			 HTTP_OK);
	ck_assert_int_eq(req.connection_close, 1);
	ck_assert_int_eq(
		parse_req(RL HOST "Connection: Upgrade, x-other\r\n\r\n", &req),
		HTTP_OK);
	ck_assert_int_eq(req.connection_close, 0);
	ck_assert_int_eq(parse_req(POST HOST "Content-Length: 2\r\n"
					     "Expect: 100-Continue\r\n\r\n",
				   &req),
			 HTTP_OK);
	ck_assert_int_eq(req.expect_continue, 1);
	ck_assert_int_eq(
		parse_req(POST HOST "Transfer-Encoding: ChunKed\r\n\r\n", &req),
		HTTP_OK);
	ck_assert_int_eq(req.framing, HTTP_BODY_CHUNKED);
	ck_assert_int_eq(parse_req(POST HOST "Content-Length: 0\r\n\r\n", &req),
			 HTTP_OK);
	ck_assert(req.content_length == 0);
	ck_assert_int_eq(parse_req(POST HOST "Content-Length: "
					     "9999999999999999999\r\n\r\n",
				   &req),
			 HTTP_OK);
	ck_assert(req.content_length == UINT64_C(9999999999999999999));
}
END_TEST

START_TEST(test_value_trimming)
{
	struct http_request req;
	const struct http_header *h;

	ck_assert_int_eq(parse_req(RL "Host:\t api \t\r\n"
				      "X-Empty:\r\n"
				      "X-Inner: a\tb  c\r\n\r\n",
				   &req),
			 HTTP_OK);
	ck_assert(header_is(&req, "Host", "api"));
	ck_assert(header_is(&req, "X-Empty", ""));
	ck_assert(header_is(&req, "x-inner", "a\tb  c"));
	h = http_find_header(req.headers, req.nheaders, "X-Inner");
	ck_assert_ptr_nonnull(h);
	/* names and values point into the caller's buffer */
	ck_assert_uint_eq(h->name_len, 7);
	ck_assert(memcmp(h->name, "X-Inner: ", 9) == 0);
	ck_assert_ptr_null(http_find_header(req.headers, req.nheaders, "X"));
	ck_assert_ptr_null(
		http_find_header(req.headers, req.nheaders, "X-Inners"));
}
END_TEST

START_TEST(test_value_is)
{
	struct http_header h = {"Upgrade", 7, "TCP", 3};

	ck_assert(http_value_is(&h, "tcp"));
	ck_assert(http_value_is(&h, "TCP"));
	ck_assert(!http_value_is(&h, "tc"));
	ck_assert(!http_value_is(&h, "tcpx"));
	ck_assert(!http_value_is(NULL, "tcp"));
}
END_TEST

/* Byte-at-a-time: INCOMPLETE for every proper prefix, then OK. */
START_TEST(test_incremental)
{
	const char *s = real_heads[_i];
	size_t n = strlen(s), k;
	struct http_request req;

	for (k = 0; k < n; k++)
		ck_assert_msg(parse_req_exact(s, k, &req) == HTTP_INCOMPLETE,
			      "head %d, prefix %zu", _i, k);
	ck_assert_int_eq(parse_req_exact(s, n, &req), HTTP_OK);
	ck_assert_uint_eq(req.head_len, n);
}
END_TEST

/* A complete request line is judged before the rest of the head arrives. */
START_TEST(test_early_refusal)
{
	struct http_request req;

	ck_assert_int_eq(parse_req("GET / HTTP/1.0\r\nHost: x\r\n", &req),
			 HTTP_EVERSION);
	ck_assert_int_eq(parse_req("GET http://x/ HTTP/1.1\r\n", &req),
			 HTTP_EBAD);
	ck_assert_int_eq(parse_req("\x16\x03\x01\x02\x05\x01\r\n", &req),
			 HTTP_EBAD);
	ck_assert_int_eq(parse_req("GET / HTTP/1.1\nHost", &req), HTTP_EBAD);
	ck_assert_int_eq(parse_req("GET / HTTP/1.1\r\nHost: a\rb", &req),
			 HTTP_EBAD);
	ck_assert_int_eq(parse_req("GET / HTTP/1.1\r\nHost: a\r", &req),
			 HTTP_INCOMPLETE);
	ck_assert_int_eq(parse_req("", &req), HTTP_INCOMPLETE);
}
END_TEST

struct refusal {
	const char *name;
	const char *head;
	size_t len;
	int rc;
};

#define R(name, head, rc)                                                      \
	{                                                                      \
		name, head, sizeof(head) - 1, rc                               \
	}

static const struct refusal req_refusals[] = {
	/* request line */
	R("HTTP/1.0", "GET / HTTP/1.0\r\n" HOST "\r\n", HTTP_EVERSION),
	R("HTTP/2.0", "GET / HTTP/2.0\r\n" HOST "\r\n", HTTP_EVERSION),
	R("HTTP/1.2", "GET / HTTP/1.2\r\n" HOST "\r\n", HTTP_EVERSION),
	R("lower-case version", "GET / http/1.1\r\n" HOST "\r\n", HTTP_EBAD),
	R("version junk", "GET / HTTP/1.1x\r\n" HOST "\r\n", HTTP_EBAD),
	R("space after version", "GET / HTTP/1.1 \r\n" HOST "\r\n", HTTP_EBAD),
	R("no version", "GET /\r\n" HOST "\r\n", HTTP_EBAD),
	R("lower-case method", "get / HTTP/1.1\r\n" HOST "\r\n", HTTP_EBAD),
	R("token method", "M-SEARCH / HTTP/1.1\r\n" HOST "\r\n", HTTP_EBAD),
	R("empty method", " / HTTP/1.1\r\n" HOST "\r\n", HTTP_EBAD),
	R("method too long", "ABCDEFGHIJKLMNOPQ / HTTP/1.1\r\n" HOST "\r\n",
	  HTTP_ETOOBIG),
	R("double space", "GET  / HTTP/1.1\r\n" HOST "\r\n", HTTP_EBAD),
	R("double space 2", "GET /  HTTP/1.1\r\n" HOST "\r\n", HTTP_EBAD),
	R("tab separator", "GET\t/ HTTP/1.1\r\n" HOST "\r\n", HTTP_EBAD),
	R("leading empty line", "\r\n" RL HOST "\r\n", HTTP_EBAD),
	/* target */
	R("absolute-form", "GET http://x/v1.41/info HTTP/1.1\r\n" HOST "\r\n",
	  HTTP_EBAD),
	R("asterisk-form", "OPTIONS * HTTP/1.1\r\n" HOST "\r\n", HTTP_EBAD),
	R("authority-form", "CONNECT x:80 HTTP/1.1\r\n" HOST "\r\n", HTTP_EBAD),
	R("fragment", "GET /v1.41/info#x HTTP/1.1\r\n" HOST "\r\n", HTTP_EBAD),
	R("DEL in target", "GET /v1.41/in\x7f HTTP/1.1\r\n" HOST "\r\n",
	  HTTP_EBAD),
	R("NUL in target", "GET /v1.41/in\0 HTTP/1.1\r\n" HOST "\r\n",
	  HTTP_EBAD),
	R("non-ASCII target", "GET /v1.41/\xc3\xa9 HTTP/1.1\r\n" HOST "\r\n",
	  HTTP_EBAD),
	/* line endings */
	R("bare LF request line", "GET / HTTP/1.1\n" HOST "\r\n", HTTP_EBAD),
	R("bare LF header", RL "Host: x\n\r\n", HTTP_EBAD),
	R("bare LF end", RL HOST "\n", HTTP_EBAD),
	R("all bare LF", "GET / HTTP/1.1\nHost: x\n\n", HTTP_EBAD),
	R("bare CR in value", RL HOST "X-A: a\rb\r\n\r\n", HTTP_EBAD),
	R("bare CR line end", RL "Host: x\r\r\n\r\n", HTTP_EBAD),
	/* header syntax */
	R("obs-fold SP", RL HOST "X-A: a\r\n b\r\n\r\n", HTTP_EBAD),
	R("obs-fold HT", RL HOST "X-A: a\r\n\tb\r\n\r\n", HTTP_EBAD),
	R("space before colon", RL "Host : x\r\n\r\n", HTTP_EBAD),
	R("tab before colon", RL HOST "X-A\t: b\r\n\r\n", HTTP_EBAD),
	R("space in name", RL HOST "X A: b\r\n\r\n", HTTP_EBAD),
	R("separator in name", RL HOST "X(A): b\r\n\r\n", HTTP_EBAD),
	R("empty name", RL HOST ": b\r\n\r\n", HTTP_EBAD),
	R("no colon", RL HOST "X-A\r\n\r\n", HTTP_EBAD),
	R("control in value",
	  RL HOST "X-A: a\x01"
		  "b\r\n\r\n",
	  HTTP_EBAD),
	R("DEL in value", RL HOST "X-A: a\x7f\r\n\r\n", HTTP_EBAD),
	R("NUL in value", RL HOST "X-A: a\0b\r\n\r\n", HTTP_EBAD),
	R("non-ASCII value", RL HOST "X-A: caf\xc3\xa9\r\n\r\n", HTTP_EBAD),
	R("non-ASCII name", RL HOST "X-\xc3\xa9: a\r\n\r\n", HTTP_EBAD),
	/* Host */
	R("no Host", RL UA28 "\r\n", HTTP_EBAD),
	R("two Hosts", RL HOST "Host: other\r\n\r\n", HTTP_EBAD),
	R("two Hosts, case", RL HOST "hOST: api.moby.localhost\r\n\r\n",
	  HTTP_EBAD),
	/* Content-Length */
	R("CL plus", POST HOST "Content-Length: +5\r\n\r\n", HTTP_EBAD),
	R("CL minus", POST HOST "Content-Length: -5\r\n\r\n", HTTP_EBAD),
	R("CL inner space", POST HOST "Content-Length: 5 5\r\n\r\n", HTTP_EBAD),
	R("CL hex", POST HOST "Content-Length: 0x10\r\n\r\n", HTTP_EBAD),
	R("CL suffix", POST HOST "Content-Length: 12a\r\n\r\n", HTTP_EBAD),
	R("CL empty", POST HOST "Content-Length:\r\n\r\n", HTTP_EBAD),
	R("CL list", POST HOST "Content-Length: 5,5\r\n\r\n", HTTP_EBAD),
	R("CL list spaced", POST HOST "Content-Length: 5, 5\r\n\r\n",
	  HTTP_EBAD),
	R("CL 20 digits",
	  POST HOST "Content-Length: 10000000000000000000\r\n\r\n", HTTP_EBAD),
	R("CL padded 20 digits",
	  POST HOST "Content-Length: 00000000000000000005\r\n\r\n", HTTP_EBAD),
	R("CL twice same",
	  POST HOST "Content-Length: 5\r\n"
		    "Content-Length: 5\r\n\r\n",
	  HTTP_EBAD),
	R("CL twice different",
	  POST HOST "Content-Length: 5\r\n"
		    "content-length: 6\r\n\r\n",
	  HTTP_EBAD),
	/* Transfer-Encoding */
	R("TE gzip", POST HOST "Transfer-Encoding: gzip\r\n\r\n",
	  HTTP_EFRAMING),
	R("TE gzip, chunked",
	  POST HOST "Transfer-Encoding: gzip, chunked\r\n\r\n", HTTP_EFRAMING),
	R("TE chunked, chunked",
	  POST HOST "Transfer-Encoding: chunked, chunked\r\n\r\n",
	  HTTP_EFRAMING),
	R("TE identity", POST HOST "Transfer-Encoding: identity\r\n\r\n",
	  HTTP_EFRAMING),
	R("TE empty", POST HOST "Transfer-Encoding:\r\n\r\n", HTTP_EFRAMING),
	R("TE chunked;x", POST HOST "Transfer-Encoding: chunked;x\r\n\r\n",
	  HTTP_EFRAMING),
	R("TE twice",
	  POST HOST "Transfer-Encoding: chunked\r\n"
		    "Transfer-Encoding: chunked\r\n\r\n",
	  HTTP_EBAD),
	R("TE and CL",
	  POST HOST "Transfer-Encoding: chunked\r\n"
		    "Content-Length: 5\r\n\r\n",
	  HTTP_EBAD),
	R("CL and TE",
	  POST HOST "Content-Length: 5\r\n"
		    "Transfer-Encoding: chunked\r\n\r\n",
	  HTTP_EBAD),
	/* other headers that must be unique */
	R("two Content-Types",
	  POST HOST "Content-Type: application/json\r\n"
		    "Content-Type: text/plain\r\n\r\n",
	  HTTP_EBAD),
	R("two Connections",
	  RL HOST "Connection: Upgrade\r\n"
		  "Connection: close\r\n\r\n",
	  HTTP_EBAD),
	R("two Upgrades", RL HOST "Upgrade: tcp\r\nUpgrade: h2c\r\n\r\n",
	  HTTP_EBAD),
	R("two Expects",
	  POST HOST "Expect: 100-continue\r\n"
		    "Expect: 100-continue\r\n\r\n",
	  HTTP_EBAD),
	/* Expect */
	R("Expect other", POST HOST "Expect: 200-ok\r\n\r\n", HTTP_EBAD),
	R("Expect list", POST HOST "Expect: 100-continue, x\r\n\r\n",
	  HTTP_EBAD),
	R("Expect empty", POST HOST "Expect:\r\n\r\n", HTTP_EBAD),
	/* Connection must be a token list */
	R("Connection empty element", RL HOST "Connection: close,,x\r\n\r\n",
	  HTTP_EBAD),
	R("Connection trailing comma", RL HOST "Connection: close,\r\n\r\n",
	  HTTP_EBAD),
	R("Connection non-token", RL HOST "Connection: close;x\r\n\r\n",
	  HTTP_EBAD),
	R("Connection empty", RL HOST "Connection:\r\n\r\n", HTTP_EBAD),
};

#define NREQ_REFUSALS (sizeof(req_refusals) / sizeof(req_refusals[0]))

START_TEST(test_request_refusals)
{
	const struct refusal *r = &req_refusals[_i];
	struct http_request req;
	int rc = parse_req_exact(r->head, r->len, &req);

	ck_assert_msg(rc == r->rc, "%s: got %d, want %d", r->name, rc, r->rc);
}
END_TEST

/* A head of `total` bytes: request line, Host, one X-Pad header, CRLF. */
static char *padded_head(size_t total)
{
	static const char pre[] = RL HOST "X-Pad: ";
	size_t fixed = sizeof(pre) - 1 + 4;
	char *s = malloc(total + 1);

	ck_assert(total > fixed);
	ck_assert_ptr_nonnull(s);
	memcpy(s, pre, sizeof(pre) - 1);
	memset(s + sizeof(pre) - 1, 'a', total - fixed);
	memcpy(s + total - 4, "\r\n\r\n", 5);
	return s;
}

START_TEST(test_head_limit)
{
	struct http_request req;
	char *s = padded_head(HTTP_MAX_HEAD);

	ck_assert_int_eq(http_parse_request(s, HTTP_MAX_HEAD, &req), HTTP_OK);
	ck_assert_uint_eq(req.head_len, HTTP_MAX_HEAD);
	/* no CRLFCRLF yet, but already at the limit: keep waiting */
	ck_assert_int_eq(http_parse_request(s, HTTP_MAX_HEAD - 4, &req),
			 HTTP_INCOMPLETE);
	free(s);
	s = padded_head(HTTP_MAX_HEAD + 1);
	ck_assert_int_eq(http_parse_request(s, HTTP_MAX_HEAD + 1, &req),
			 HTTP_ETOOBIG);
	/* one byte past the limit without an end: it can never fit */
	ck_assert_int_eq(http_parse_request(s, HTTP_MAX_HEAD, &req),
			 HTTP_INCOMPLETE);
	ck_assert_int_eq(http_parse_request(s, HTTP_MAX_HEAD - 3, &req),
			 HTTP_INCOMPLETE);
	free(s);
	s = padded_head(HTTP_MAX_HEAD + 100);
	ck_assert_int_eq(http_parse_request(s, HTTP_MAX_HEAD + 1, &req),
			 HTTP_ETOOBIG);
	free(s);
}
END_TEST

/* A request line of exactly `n` bytes (CRLF not counted) plus Host. */
static char *long_line(size_t n)
{
	static const char pre[] = "GET /", post[] = " HTTP/1.1\r\n" HOST "\r\n";
	size_t fill = n - (sizeof(pre) - 1) - (sizeof(" HTTP/1.1") - 1);
	char *s = malloc(n + sizeof(post) + 8);

	ck_assert_ptr_nonnull(s);
	memcpy(s, pre, sizeof(pre) - 1);
	memset(s + sizeof(pre) - 1, 'a', fill);
	memcpy(s + sizeof(pre) - 1 + fill, post, sizeof(post));
	return s;
}

START_TEST(test_request_line_limit)
{
	struct http_request req;
	char *s = long_line(HTTP_MAX_REQUEST_LINE);

	ck_assert_int_eq(parse_req(s, &req), HTTP_OK);
	ck_assert_uint_eq(req.target_len, HTTP_MAX_REQUEST_LINE - 13);
	free(s);
	s = long_line(HTTP_MAX_REQUEST_LINE + 1);
	ck_assert_int_eq(parse_req(s, &req), HTTP_ETOOBIG);
	/* refused before the line (or the head) is complete */
	ck_assert_int_eq(http_parse_request(s, HTTP_MAX_REQUEST_LINE + 1, &req),
			 HTTP_ETOOBIG);
	ck_assert_int_eq(http_parse_request(s, HTTP_MAX_REQUEST_LINE, &req),
			 HTTP_INCOMPLETE);
	free(s);
}
END_TEST

/* A request with `n` headers (Host included). */
static char *many_headers(size_t n)
{
	char *s = malloc(64 + n * 16);
	size_t off, i;

	ck_assert_ptr_nonnull(s);
	off = (size_t)sprintf(s, "%s%s", RL, HOST);
	for (i = 1; i < n; i++)
		off += (size_t)sprintf(s + off, "X-H%zu: v\r\n", i);
	strcpy(s + off, "\r\n");
	return s;
}

START_TEST(test_header_count_limit)
{
	struct http_request req;
	char *s = many_headers(HTTP_MAX_HEADERS);

	ck_assert_int_eq(parse_req(s, &req), HTTP_OK);
	ck_assert_uint_eq(req.nheaders, HTTP_MAX_HEADERS);
	free(s);
	s = many_headers(HTTP_MAX_HEADERS + 1);
	ck_assert_int_eq(parse_req(s, &req), HTTP_ETOOBIG);
	free(s);
}
END_TEST

START_TEST(test_method_limit)
{
	struct http_request req;

	ck_assert_int_eq(
		parse_req("ABCDEFGHIJKLMNOP / HTTP/1.1\r\n" HOST "\r\n", &req),
		HTTP_OK);
	ck_assert_str_eq(req.method, "ABCDEFGHIJKLMNOP");
}
END_TEST

/* ---- responses ---------------------------------------------------- */

static const char resp101[] =
	"HTTP/1.1 101 UPGRADED\r\n"
	"Content-Type: application/vnd.docker.raw-stream\r\n"
	"Connection: Upgrade\r\n"
	"Upgrade: tcp\r\n"
	"\r\n";

static const char resp_ping[] =
	"HTTP/1.1 200 OK\r\n"
	"Api-Version: 1.41\r\n"
	"Cache-Control: no-cache, no-store, must-revalidate\r\n"
	"Content-Length: 0\r\n"
	"Content-Type: text/plain; charset=utf-8\r\n"
	"Docker-Experimental: false\r\n"
	"Ostype: linux\r\n"
	"Pragma: no-cache\r\n"
	"Server: Docker/20.10.24+dfsg1 (linux)\r\n"
	"Date: Mon, 23 Nov 2026 20:41:24 GMT\r\n"
	"\r\n";

static const char resp_chunked[] = "HTTP/1.1 200 OK\r\n"
				   "Api-Version: 1.41\r\n"
				   "Content-Type: application/json\r\n"
				   "Transfer-Encoding: chunked\r\n"
				   "\r\n";

#define RESP200 "HTTP/1.1 200 OK\r\n"

static int parse_resp(const char *s, int head, struct http_response *resp)
{
	return http_parse_response(s, strlen(s), head, resp);
}

START_TEST(test_resp_upgrade)
{
	struct http_response resp;

	ck_assert_int_eq(parse_resp(resp101, 0, &resp), HTTP_OK);
	ck_assert_int_eq(resp.status, 101);
	ck_assert_int_eq(resp.framing, HTTP_BODY_NONE);
	ck_assert_int_eq(resp.connection_close, 0);
	ck_assert_uint_eq(resp.nheaders, 3);
	ck_assert_uint_eq(resp.head_len, strlen(resp101));
}
END_TEST

START_TEST(test_resp_framing)
{
	struct http_response resp;

	ck_assert_int_eq(parse_resp(resp_ping, 0, &resp), HTTP_OK);
	ck_assert_int_eq(resp.framing, HTTP_BODY_LENGTH);
	ck_assert(resp.content_length == 0);
	ck_assert_int_eq(parse_resp(resp_chunked, 0, &resp), HTTP_OK);
	ck_assert_int_eq(resp.framing, HTTP_BODY_CHUNKED);
	ck_assert_int_eq(resp.connection_close, 0);
	ck_assert_int_eq(parse_resp("HTTP/1.1 200 OK\r\nTransfer-Encoding: "
				    "Chunked\r\n\r\n",
				    0, &resp),
			 HTTP_OK);
	ck_assert_int_eq(resp.framing, HTTP_BODY_CHUNKED);
	/* identical duplicates are harmless from the daemon */
	ck_assert_int_eq(parse_resp(RESP200 "Content-Length: 5\r\n"
					    "Content-Length: 5\r\n\r\n",
				    0, &resp),
			 HTTP_OK);
	ck_assert(resp.content_length == 5);
}
END_TEST

START_TEST(test_resp_no_body)
{
	struct http_response resp;
	static const char r404[] = "HTTP/1.1 404 Not Found\r\n"
				   "Content-Type: application/json\r\n"
				   "Content-Length: 72\r\n\r\n";

	ck_assert_int_eq(parse_resp(r404, 1, &resp), HTTP_OK);
	ck_assert_int_eq(resp.framing, HTTP_BODY_NONE);
	ck_assert_int_eq(parse_resp(r404, 0, &resp), HTTP_OK);
	ck_assert_int_eq(resp.framing, HTTP_BODY_LENGTH);
	ck_assert(resp.content_length == 72);
	ck_assert_int_eq(parse_resp("HTTP/1.1 204 No Content\r\n"
				    "Content-Length: 5\r\n\r\n",
				    0, &resp),
			 HTTP_OK);
	ck_assert_int_eq(resp.framing, HTTP_BODY_NONE);
	ck_assert_int_eq(parse_resp("HTTP/1.1 304 Not Modified\r\n"
				    "Transfer-Encoding: chunked\r\n\r\n",
				    0, &resp),
			 HTTP_OK);
	ck_assert_int_eq(resp.framing, HTTP_BODY_NONE);
	ck_assert_int_eq(parse_resp("HTTP/1.1 100 Continue\r\n\r\n", 0, &resp),
			 HTTP_OK);
	ck_assert_int_eq(resp.framing, HTTP_BODY_NONE);
	ck_assert_int_eq(resp.status, 100);
}
END_TEST

START_TEST(test_resp_until_close)
{
	struct http_response resp;

	/* attach without Upgrade: a raw stream up to EOF */
	ck_assert_int_eq(
		parse_resp(RESP200
			   "Content-Type: application/vnd.docker.raw-stream"
			   "\r\n\r\n",
			   0, &resp),
		HTTP_OK);
	ck_assert_int_eq(resp.framing, HTTP_BODY_UNTIL_CLOSE);
	ck_assert_int_eq(resp.connection_close, 1);
}
END_TEST

START_TEST(test_resp_connection)
{
	struct http_response resp;

	ck_assert_int_eq(parse_resp(RESP200 "Connection: close\r\n"
					    "Content-Length: 2\r\n\r\n",
				    0, &resp),
			 HTTP_OK);
	ck_assert_int_eq(resp.connection_close, 1);
	ck_assert_int_eq(
		parse_resp("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n", 0,
			   &resp),
		HTTP_OK);
	ck_assert_int_eq(resp.connection_close, 1);
	ck_assert_int_eq(parse_resp("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n"
				    "Connection: Keep-Alive\r\n\r\n",
				    0, &resp),
			 HTTP_OK);
	ck_assert_int_eq(resp.connection_close, 0);
}
END_TEST

START_TEST(test_resp_status_line)
{
	struct http_response resp;

	ck_assert_int_eq(parse_resp("HTTP/1.1 200\r\n\r\n", 0, &resp), HTTP_OK);
	ck_assert_int_eq(resp.status, 200);
	ck_assert_int_eq(parse_resp("HTTP/1.1 599 \r\n\r\n", 0, &resp),
			 HTTP_OK);
	ck_assert_int_eq(resp.status, 599);
	/* the daemon is trusted with non-ASCII text in reasons and values */
	ck_assert_int_eq(parse_resp("HTTP/1.1 500 \xc3\xa9\tx\r\n"
				    "X-A: caf\xc3\xa9\r\n\r\n",
				    0, &resp),
			 HTTP_OK);
	ck_assert_int_eq(resp.status, 500);
}
END_TEST

START_TEST(test_resp_incremental)
{
	static const char *const heads[] = {resp101, resp_ping, resp_chunked};
	const char *s = heads[_i];
	size_t n = strlen(s), k;
	struct http_response resp;

	for (k = 0; k < n; k++) {
		char *copy = malloc(k + 1);

		memcpy(copy, s, k);
		ck_assert_msg(http_parse_response(copy, k, 0, &resp) ==
				      HTTP_INCOMPLETE,
			      "prefix %zu", k);
		free(copy);
	}
	ck_assert_int_eq(http_parse_response(s, n, 0, &resp), HTTP_OK);
}
END_TEST

/* A response head of `total` bytes with one X-Pad header. */
static char *padded_resp(size_t total)
{
	static const char pre[] = RESP200 "X-Pad: ";
	size_t fixed = sizeof(pre) - 1 + 4;
	char *s = malloc(total);

	ck_assert_ptr_nonnull(s);
	memcpy(s, pre, sizeof(pre) - 1);
	memset(s + sizeof(pre) - 1, 'a', total - fixed);
	memcpy(s + total - 4, "\r\n\r\n", 4);
	return s;
}

START_TEST(test_resp_limit)
{
	struct http_response resp;
	char *s = padded_resp(HTTP_MAX_RESPONSE_HEAD);

	ck_assert_int_eq(
		http_parse_response(s, HTTP_MAX_RESPONSE_HEAD, 0, &resp),
		HTTP_OK);
	ck_assert_uint_eq(resp.head_len, HTTP_MAX_RESPONSE_HEAD);
	free(s);
	s = padded_resp(HTTP_MAX_RESPONSE_HEAD + 1);
	ck_assert_int_eq(
		http_parse_response(s, HTTP_MAX_RESPONSE_HEAD, 0, &resp),
		HTTP_INCOMPLETE);
	ck_assert_int_eq(
		http_parse_response(s, HTTP_MAX_RESPONSE_HEAD + 1, 0, &resp),
		HTTP_ETOOBIG);
	free(s);
}
END_TEST

static const struct refusal resp_refusals[] = {
	R("HTTP/2.0", "HTTP/2.0 200 OK\r\n\r\n", HTTP_EVERSION),
	R("HTTP/0.9", "HTTP/0.9 200 OK\r\n\r\n", HTTP_EVERSION),
	R("not HTTP", "ICY 200 OK\r\n\r\n", HTTP_EBAD),
	R("version only", "HTTP/1.1\r\n\r\n", HTTP_EBAD),
	R("two digits", "HTTP/1.1 20 OK\r\n\r\n", HTTP_EBAD),
	R("four digits", "HTTP/1.1 2000 OK\r\n\r\n", HTTP_EBAD),
	R("non-digit", "HTTP/1.1 2x0 OK\r\n\r\n", HTTP_EBAD),
	R("status 099", "HTTP/1.1 099 X\r\n\r\n", HTTP_EBAD),
	R("status 600", "HTTP/1.1 600 X\r\n\r\n", HTTP_EBAD),
	R("double space", "HTTP/1.1  200 OK\r\n\r\n", HTTP_EBAD),
	R("control in reason", "HTTP/1.1 200 O\x01K\r\n\r\n", HTTP_EBAD),
	R("bare LF", "HTTP/1.1 200 OK\nContent-Length: 0\r\n\r\n", HTTP_EBAD),
	R("bare LF end", RESP200 "Content-Length: 0\n\n", HTTP_EBAD),
	R("obs-fold", RESP200 "X-A: a\r\n b\r\n\r\n", HTTP_EBAD),
	R("space before colon", RESP200 "Content-Length : 0\r\n\r\n",
	  HTTP_EBAD),
	R("control in value", RESP200 "X-A: \x1b[0m\r\n\r\n", HTTP_EBAD),
	R("CL conflicting",
	  RESP200 "Content-Length: 5\r\n"
		  "Content-Length: 6\r\n\r\n",
	  HTTP_EBAD),
	R("CL malformed", RESP200 "Content-Length: 5x\r\n\r\n", HTTP_EBAD),
	R("TE gzip", RESP200 "Transfer-Encoding: gzip\r\n\r\n", HTTP_EFRAMING),
	R("TE twice",
	  RESP200 "Transfer-Encoding: chunked\r\n"
		  "Transfer-Encoding: chunked\r\n\r\n",
	  HTTP_EBAD),
	R("TE and CL",
	  RESP200 "Transfer-Encoding: chunked\r\n"
		  "Content-Length: 5\r\n\r\n",
	  HTTP_EBAD),
	R("bad Connection", RESP200 "Connection: ,\r\n\r\n", HTTP_EBAD),
};

#define NRESP_REFUSALS (sizeof(resp_refusals) / sizeof(resp_refusals[0]))

START_TEST(test_resp_refusals)
{
	const struct refusal *r = &resp_refusals[_i];
	struct http_response resp;
	int rc = http_parse_response(r->head, r->len, 0, &resp);

	ck_assert_msg(rc == r->rc, "%s: got %d, want %d", r->name, rc, r->rc);
}
END_TEST

START_TEST(test_resp_too_many_headers)
{
	struct http_response resp;
	char *s = many_headers(HTTP_MAX_HEADERS + 1);

	/* turn the request line into a status line of the same length */
	memcpy(s, "HTTP/1.1 200 OK HTTP/1.1", 24);
	ck_assert_int_eq(parse_resp(s, 0, &resp), HTTP_ETOOBIG);
	free(s);
	s = many_headers(HTTP_MAX_HEADERS);
	memcpy(s, "HTTP/1.1 200 OK HTTP/1.1", 24);
	ck_assert_int_eq(parse_resp(s, 0, &resp), HTTP_OK);
	free(s);
}
END_TEST

/* ---- chunk decoder ------------------------------------------------ */

#define DECODED_MAX 8192

struct decoded {
	int rc;		 /* last result other than CHUNK_DATA */
	size_t consumed; /* bytes consumed up to DONE / offset of an error */
	size_t outlen;
	uint64_t total;
	char out[DECODED_MAX];
};

/* Feeds `in` to a fresh decoder in pieces of `step` bytes (0: at once),
 * each from an exact-size heap copy, and gathers the payload. */
static void decode(const char *in, size_t len, size_t step, struct decoded *r)
{
	struct chunk_decoder d;
	size_t off = 0;

	chunk_decoder_init(&d);
	memset(r, 0, sizeof(*r));
	r->rc = CHUNK_NEED_MORE;
	while (off < len && r->rc == CHUNK_NEED_MORE) {
		size_t plen = step && len - off > step ? step : len - off;
		size_t pos = 0, used, dlen;
		char *piece = malloc(plen);
		const char *data;
		int rc;

		memcpy(piece, in + off, plen);
		do {
			rc = chunk_decode(&d, piece + pos, plen - pos, &used,
					  &data, &dlen);
			ck_assert(used <= plen - pos);
			if (rc == CHUNK_DATA) {
				ck_assert(dlen > 0);
				ck_assert(data >= piece + pos &&
					  data + dlen == piece + pos + used);
				ck_assert(r->outlen + dlen <= DECODED_MAX);
				memcpy(r->out + r->outlen, data, dlen);
				r->outlen += dlen;
			} else {
				ck_assert_ptr_null(data);
				ck_assert_uint_eq(dlen, 0);
			}
			pos += used;
		} while (rc == CHUNK_DATA);
		free(piece);
		r->rc = rc;
		off += pos;
	}
	r->consumed = off;
	r->total = d.total;
}

START_TEST(test_chunk_simple)
{
	static const char in[] = "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\nGET /";
	size_t steps[] = {0, 1, 2, 3, 5, 7}, i;
	struct decoded r;

	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		decode(in, sizeof(in) - 1, steps[i], &r);
		ck_assert_int_eq(r.rc, CHUNK_DONE);
		/* the next message's bytes are left alone */
		ck_assert_uint_eq(r.consumed, sizeof(in) - 1 - 5);
		ck_assert_uint_eq(r.outlen, 11);
		ck_assert(memcmp(r.out, "hello world", 11) == 0);
		ck_assert(r.total == 11);
	}
}
END_TEST

/* The exact contract of one call. */
START_TEST(test_chunk_calls)
{
	static const char in[] = "5\r\nhello\r\n0\r\n\r\nX";
	struct chunk_decoder d;
	const char *data;
	size_t used, dlen;

	chunk_decoder_init(&d);
	ck_assert_int_eq(chunk_decode(&d, in, 2, &used, &data, &dlen),
			 CHUNK_NEED_MORE);
	ck_assert_uint_eq(used, 2);
	ck_assert_int_eq(chunk_decode(&d, in + 2, 3, &used, &data, &dlen),
			 CHUNK_DATA);
	ck_assert_uint_eq(used, 3);
	ck_assert_ptr_eq(data, in + 3);
	ck_assert_uint_eq(dlen, 2);
	ck_assert_int_eq(chunk_decode(&d, in + 5, 0, &used, &data, &dlen),
			 CHUNK_NEED_MORE);
	ck_assert_uint_eq(used, 0);
	ck_assert_int_eq(chunk_decode(&d, in + 5, 12, &used, &data, &dlen),
			 CHUNK_DATA);
	ck_assert_uint_eq(used, 3);
	ck_assert_ptr_eq(data, in + 5);
	ck_assert_int_eq(chunk_decode(&d, in + 8, 9, &used, &data, &dlen),
			 CHUNK_DONE);
	ck_assert_uint_eq(used, 7);
	ck_assert_int_eq(chunk_decode(&d, in + 15, 1, &used, &data, &dlen),
			 CHUNK_DONE);
	ck_assert_uint_eq(used, 0);
	ck_assert(d.total == 5);
}
END_TEST

/* docker cp's body (chunk sizes from the capture), payload full of CRLFs. */
START_TEST(test_chunk_bytewise)
{
	static const size_t sizes[] = {512, 11, 501, 512, 512};
	static char in[4096], want[2048];
	size_t len = 0, wlen = 0, i, j, steps[] = {1, 2, 3, 13, 512, 0};
	struct decoded r;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		len += (size_t)sprintf(in + len, i % 2 ? "%zX\r\n" : "%zx\r\n",
				       sizes[i]);
		for (j = 0; j < sizes[i]; j++)
			want[wlen++] = in[len++] = "\r\n0a;"[(i + j) % 5];
		memcpy(in + len, "\r\n", 2);
		len += 2;
	}
	memcpy(in + len, "0\r\n\r\n", 5);
	len += 5;
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		decode(in, len, steps[i], &r);
		ck_assert_int_eq(r.rc, CHUNK_DONE);
		ck_assert_uint_eq(r.consumed, len);
		ck_assert_uint_eq(r.outlen, wlen);
		ck_assert(memcmp(r.out, want, wlen) == 0);
	}
}
END_TEST

START_TEST(test_chunk_sizes)
{
	struct decoded r;

	decode("A\r\n0123456789\r\n0\r\n\r\n", 20, 1, &r);
	ck_assert_int_eq(r.rc, CHUNK_DONE);
	ck_assert_uint_eq(r.outlen, 10);
	decode("a\r\n0123456789\r\n00\r\n\r\n", 21, 0, &r);
	ck_assert_int_eq(r.rc, CHUNK_DONE);
	ck_assert_uint_eq(r.outlen, 10);
	/* 16 digits is the most */
	decode("0000000000000003\r\nabc\r\n0\r\n\r\n", 28, 1, &r);
	ck_assert_int_eq(r.rc, CHUNK_DONE);
	ck_assert_uint_eq(r.outlen, 3);
	/* the total may reach UINT64_MAX, not more */
	decode("1\r\na\r\nfffffffffffffffe\r\nb", 25, 1, &r);
	ck_assert_int_eq(r.rc, CHUNK_NEED_MORE);
	ck_assert_uint_eq(r.outlen, 2);
	/* input that ends in the framing asks for more */
	decode("5\r", 2, 0, &r);
	ck_assert_int_eq(r.rc, CHUNK_NEED_MORE);
	ck_assert_uint_eq(r.consumed, 2);
}
END_TEST

static const struct refusal chunk_refusals[] = {
	R("extension", "5;ext=1\r\nhello\r\n0\r\n\r\n", 1),
	R("empty extension", "5;\r\nhello\r\n0\r\n\r\n", 1),
	R("blank after size", "5 \r\nhello\r\n0\r\n\r\n", 1),
	R("tab after size", "5\t\r\nhello\r\n0\r\n\r\n", 1),
	R("blank before size", " 5\r\nhello\r\n0\r\n\r\n", 0),
	R("bare LF after size", "5\nhello\r\n0\r\n\r\n", 1),
	R("bare CR after size", "5\rhello\r\n0\r\n\r\n", 2),
	R("bare LF after data", "5\r\nhello\n0\r\n\r\n", 8),
	R("data too long", "5\r\nhelloX\r\n0\r\n\r\n", 8),
	R("CR then junk after data", "5\r\nhello\rX0\r\n\r\n", 9),
	R("empty size", "\r\nhello\r\n0\r\n\r\n", 0),
	R("plus sign", "+5\r\nhello\r\n0\r\n\r\n", 0),
	R("0x prefix", "0x5\r\nhello\r\n0\r\n\r\n", 1),
	R("minus", "-1\r\n", 0),
	R("not hex", "g\r\n", 0),
	R("17 digits", "00000000000000005\r\nhello\r\n0\r\n\r\n", 16),
	R("trailer field", "5\r\nhello\r\n0\r\nX-A: b\r\n\r\n", 13),
	R("bare LF in trailer", "0\r\n\n", 3),
	R("CR junk in trailer", "0\r\n\rX", 4),
	R("size sum overflows", "1\r\na\r\nffffffffffffffff\r\n", 23),
};

#define NCHUNK_REFUSALS (sizeof(chunk_refusals) / sizeof(chunk_refusals[0]))

/* Here `rc` of the table holds the offset of the offending byte. */
START_TEST(test_chunk_refusals)
{
	const struct refusal *t = &chunk_refusals[_i];
	size_t steps[] = {0, 1, 2}, i;
	struct decoded r;

	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		decode(t->head, t->len, steps[i], &r);
		ck_assert_msg(r.rc == CHUNK_ERROR, "%s: got %d", t->name, r.rc);
		ck_assert_msg(r.consumed == (size_t)t->rc,
			      "%s: error at %zu, want %d", t->name, r.consumed,
			      t->rc);
	}
}
END_TEST

START_TEST(test_chunk_error_sticky)
{
	struct chunk_decoder d;
	const char *data;
	size_t used, dlen;

	chunk_decoder_init(&d);
	ck_assert_int_eq(chunk_decode(&d, "5;", 2, &used, &data, &dlen),
			 CHUNK_ERROR);
	ck_assert_uint_eq(used, 1);
	ck_assert_int_eq(chunk_decode(&d, "\r\nhello", 7, &used, &data, &dlen),
			 CHUNK_ERROR);
	ck_assert_uint_eq(used, 0);
	ck_assert_ptr_null(data);
}
END_TEST

/* ---- real traffic ------------------------------------------------- */

struct capture_stats {
	int requests, responses, bodies;
};

/* Framing implied by the capture's "[body: N bytes, ...]" line. */
static void check_body_marker(const struct captured_head *h,
			      enum http_framing framing, uint64_t cl)
{
	size_t n = 0;

	if (h->marker == NULL || strncmp(h->marker, "[body: ", 7) != 0) {
		/* a capture may end before a streamed response's body */
		if (!h->is_request)
			return;
		ck_assert_msg(framing == HTTP_BODY_NONE ||
				      (framing == HTTP_BODY_LENGTH && cl == 0),
			      "%s:%d: body without a marker", h->file, h->line);
		return;
	}
	ck_assert(sscanf(h->marker, "[body: %zu bytes", &n) == 1);
	if (strstr(h->marker, ", chunked") != NULL) {
		ck_assert_msg(framing == HTTP_BODY_CHUNKED, "%s:%d", h->file,
			      h->line);
	} else {
		ck_assert_msg(framing == HTTP_BODY_LENGTH && cl == n,
			      "%s:%d: framing %d length %llu, capture %zu",
			      h->file, h->line, framing, (unsigned long long)cl,
			      n);
	}
}

static void check_captured(const struct captured_head *h, void *arg)
{
	struct capture_stats *st = arg;
	struct http_request req;
	struct http_response resp;
	int rc;

	if (h->is_request) {
		rc = parse_req_exact(h->head, h->len, &req);
		ck_assert_msg(rc == HTTP_OK, "%s:%d: request refused (%d)",
			      h->file, h->line, rc);
		ck_assert_uint_eq(req.head_len, h->len);
		check_body_marker(h, req.framing, req.content_length);
		st->requests++;
	} else {
		rc = http_parse_response(h->head, h->len, h->after_head, &resp);
		ck_assert_msg(rc == HTTP_OK, "%s:%d: response refused (%d)",
			      h->file, h->line, rc);
		ck_assert_uint_eq(resp.head_len, h->len);
		if (resp.status != 101)
			check_body_marker(h, resp.framing, resp.content_length);
		st->responses++;
	}
	st->bodies += h->body != NULL;
}

START_TEST(test_captured_traffic)
{
	struct capture_stats st = {0, 0, 0};
	int n = captured_foreach(captured_dir(), check_captured, &st);

	ck_assert_msg(n >= 0, "cannot read %s (run from the source root)",
		      captured_dir());
	/* make sure the walk really found the captures */
	ck_assert_int_gt(st.requests, 100);
	ck_assert_int_gt(st.responses, 100);
	ck_assert_int_gt(st.bodies, 10);
}
END_TEST

static Suite *request_suite(void)
{
	Suite *s = suite_create("request");
	TCase *tc = tcase_create("accept");

	tcase_add_test(tc, test_ping);
	tcase_add_test(tc, test_create_with_body);
	tcase_add_test(tc, test_attach_upgrade);
	tcase_add_test(tc, test_archive_chunked);
	tcase_add_test(tc, test_other_real_clients);
	tcase_add_test(tc, test_accepted_variants);
	tcase_add_test(tc, test_value_trimming);
	tcase_add_test(tc, test_value_is);
	tcase_add_loop_test(tc, test_incremental, 0, NREAL);
	tcase_add_test(tc, test_method_limit);
	suite_add_tcase(s, tc);
	tc = tcase_create("refuse");
	tcase_add_loop_test(tc, test_request_refusals, 0, NREQ_REFUSALS);
	tcase_add_test(tc, test_early_refusal);
	tcase_add_test(tc, test_head_limit);
	tcase_add_test(tc, test_request_line_limit);
	tcase_add_test(tc, test_header_count_limit);
	suite_add_tcase(s, tc);
	return s;
}

static Suite *response_suite(void)
{
	Suite *s = suite_create("response");
	TCase *tc = tcase_create("response");

	tcase_add_test(tc, test_resp_upgrade);
	tcase_add_test(tc, test_resp_framing);
	tcase_add_test(tc, test_resp_no_body);
	tcase_add_test(tc, test_resp_until_close);
	tcase_add_test(tc, test_resp_connection);
	tcase_add_test(tc, test_resp_status_line);
	tcase_add_loop_test(tc, test_resp_incremental, 0, 3);
	tcase_add_test(tc, test_resp_limit);
	tcase_add_loop_test(tc, test_resp_refusals, 0, NRESP_REFUSALS);
	tcase_add_test(tc, test_resp_too_many_headers);
	suite_add_tcase(s, tc);
	return s;
}

static Suite *chunk_suite(void)
{
	Suite *s = suite_create("chunk");
	TCase *tc = tcase_create("chunk");

	tcase_add_test(tc, test_chunk_simple);
	tcase_add_test(tc, test_chunk_calls);
	tcase_add_test(tc, test_chunk_bytewise);
	tcase_add_test(tc, test_chunk_sizes);
	tcase_add_loop_test(tc, test_chunk_refusals, 0, NCHUNK_REFUSALS);
	tcase_add_test(tc, test_chunk_error_sticky);
	suite_add_tcase(s, tc);
	return s;
}

static Suite *captured_suite(void)
{
	Suite *s = suite_create("captured");
	TCase *tc = tcase_create("captured");

	tcase_add_test(tc, test_captured_traffic);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(request_suite());
	int failed;

	srunner_add_suite(sr, response_suite());
	srunner_add_suite(sr, chunk_suite());
	srunner_add_suite(sr, captured_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
