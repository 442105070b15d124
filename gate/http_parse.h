/*
 * Strict HTTP/1.1 message-head parser (pure: no I/O, no allocation).
 *
 * Hand-written on purpose: a small parser that refuses everything outside a
 * narrow subset is safer here than a general one that accepts what Go's
 * server accepts (reference/engine-api.md §3.3).  Fuzzed (tests/fuzz).
 */
#ifndef DG_HTTP_PARSE_H
#define DG_HTTP_PARSE_H

#include <stddef.h>
#include <stdint.h>

/* Named limits. */
#define HTTP_MAX_HEAD	       32768 /* whole request head, CRLFCRLF included */
#define HTTP_MAX_REQUEST_LINE  8192
#define HTTP_MAX_HEADERS       64
#define HTTP_MAX_METHOD	       16
#define HTTP_MAX_RESPONSE_HEAD 65536

enum http_rc {
	HTTP_OK = 0,
	HTTP_INCOMPLETE = 1, /* no full head yet: read more */
	HTTP_EBAD = -1,	     /* malformed or ambiguous: 400 and close */
	HTTP_ETOOBIG = -2,   /* a named limit was exceeded: 431 and close */
	HTTP_EVERSION = -3,  /* not HTTP/1.1: 505 and close */
	HTTP_EFRAMING = -4   /* unsupported transfer coding: 501 and close */
};

enum http_framing {
	HTTP_BODY_NONE = 0,   /* no Content-Length, no Transfer-Encoding */
	HTTP_BODY_LENGTH,     /* Content-Length (may be 0) */
	HTTP_BODY_CHUNKED,    /* Transfer-Encoding: chunked */
	HTTP_BODY_UNTIL_CLOSE /* responses only */
};

struct http_header {
	const char
		*name; /* points into the parsed buffer, not NUL-terminated */
	size_t name_len;
	const char *value; /* leading/trailing blanks trimmed */
	size_t value_len;
};

struct http_request {
	char method[HTTP_MAX_METHOD + 1];
	const char *target; /* origin-form, points into the buffer */
	size_t target_len;
	struct http_header headers[HTTP_MAX_HEADERS];
	size_t nheaders;
	size_t head_len; /* bytes of the head, including the final CRLFCRLF */
	enum http_framing framing;
	uint64_t content_length; /* valid when framing == HTTP_BODY_LENGTH */
	int connection_close;	 /* Connection: close */
	int expect_continue;	 /* Expect: 100-continue */
	int has_upgrade;	 /* an Upgrade header is present */
};

struct http_response {
	int status;
	struct http_header headers[HTTP_MAX_HEADERS];
	size_t nheaders;
	size_t head_len;
	enum http_framing framing;
	uint64_t content_length;
	int connection_close;
};

/*
 * Parses a request head from buf[0..len).  Refused (HTTP_EBAD): bare LF,
 * obs-fold, space before colon, bad token characters, control characters,
 * absolute-form or non-'/' targets, a target with '#', missing or
 * duplicate Host, Content-Length together with Transfer-Encoding, duplicate
 * or non-decimal Content-Length, duplicate Transfer-Encoding or
 * Content-Type, Expect other than 100-continue.  Any transfer coding but a
 * lone "chunked" (case-insensitive) gives HTTP_EFRAMING.
 */
int http_parse_request(const char *buf, size_t len, struct http_request *req);

/*
 * Parses a response head from the upstream daemon (trusted, but bounded).
 * `head_request` / `method` tell whether the response can carry a body.
 */
int http_parse_response(const char *buf, size_t len, int head_request,
			struct http_response *resp);

/* Finds a header (case-insensitive name); NULL if absent. */
const struct http_header *http_find_header(const struct http_header *h,
					   size_t n, const char *name);

/* Case-insensitive comparison of a header value with a literal. */
int http_value_is(const struct http_header *h, const char *literal);

/*
 * Incremental chunked-body decoder.  Strict: hex sizes of at most 16
 * digits, no chunk extensions, CRLF only, empty trailer only.
 */
enum chunk_rc {
	CHUNK_NEED_MORE = 0, /* all input consumed, no payload in it */
	CHUNK_DATA = 1,	     /* [*data, *data_len) is payload */
	CHUNK_DONE = 2,	     /* last chunk and trailer consumed */
	CHUNK_ERROR = -1
};

struct chunk_decoder {
	int state;
	uint64_t remaining;
	unsigned int digits;
	uint64_t total; /* payload bytes so far */
};

void chunk_decoder_init(struct chunk_decoder *d);

/*
 * Consumes bytes from in[0..len); *used is set to how many.  Call again
 * with the rest while it returns CHUNK_DATA.  Payload points into `in`.
 */
int chunk_decode(struct chunk_decoder *d, const char *in, size_t len,
		 size_t *used, const char **data, size_t *data_len);

#endif
