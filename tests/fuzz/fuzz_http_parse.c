/*
 * libFuzzer harness: HTTP request and response heads, chunked bodies.
 * Also linked with tests/fuzz/replay.c to replay the corpus under gcc.
 *
 * Beyond "does not crash", it checks what must hold for any input: parsed
 * pointers stay inside the head, every proper prefix of an accepted head
 * is HTTP_INCOMPLETE (so a connection never acts on half a head), and the
 * chunk decoder gives the same payload and end however the input is split.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                       \
	do {                                                                   \
		if (!(cond))                                                   \
			abort();                                               \
	} while (0)

#define FUZZ_BYTEWISE_MAX 512 /* inputs fed one byte at a time */

static int inside(const char *p, size_t n, const char *buf, size_t len)
{
	return p >= buf && n <= len && (size_t)(p - buf) <= len - n;
}

static void check_headers(const struct http_header *h, size_t n,
			  const char *buf, size_t head_len)
{
	size_t i;

	FUZZ_CHECK(n <= HTTP_MAX_HEADERS);
	for (i = 0; i < n; i++) {
		FUZZ_CHECK(h[i].name_len > 0);
		FUZZ_CHECK(inside(h[i].name, h[i].name_len, buf, head_len));
		FUZZ_CHECK(inside(h[i].value, h[i].value_len, buf, head_len));
		FUZZ_CHECK(memchr(h[i].value, '\n', h[i].value_len) == NULL);
		FUZZ_CHECK(memchr(h[i].value, '\r', h[i].value_len) == NULL);
	}
}

/* Parses buf[0..n) from an exact-size copy, so over-reads are caught. */
static int parse_prefix(const char *buf, size_t n)
{
	struct http_request req;
	char *copy = malloc(n ? n : 1);
	int rc;

	FUZZ_CHECK(copy != NULL);
	memcpy(copy, buf, n);
	rc = http_parse_request(copy, n, &req);
	free(copy);
	return rc;
}

static void fuzz_request(const char *buf, size_t size)
{
	static struct http_request req;
	int rc = http_parse_request(buf, size, &req);

	FUZZ_CHECK(rc == HTTP_OK || rc == HTTP_INCOMPLETE || rc == HTTP_EBAD ||
		   rc == HTTP_ETOOBIG || rc == HTTP_EVERSION ||
		   rc == HTTP_EFRAMING);
	if (rc == HTTP_INCOMPLETE) {
		FUZZ_CHECK(size <= HTTP_MAX_HEAD);
		FUZZ_CHECK(parse_prefix(buf, size / 2) == HTTP_INCOMPLETE);
		return;
	}
	if (rc != HTTP_OK)
		return;
	FUZZ_CHECK(req.head_len >= 4 && req.head_len <= size);
	FUZZ_CHECK(req.head_len <= HTTP_MAX_HEAD);
	FUZZ_CHECK(memcmp(buf + req.head_len - 4, "\r\n\r\n", 4) == 0);
	FUZZ_CHECK(req.method[0] != '\0');
	FUZZ_CHECK(strlen(req.method) <= HTTP_MAX_METHOD);
	FUZZ_CHECK(inside(req.target, req.target_len, buf, req.head_len));
	FUZZ_CHECK(req.target_len > 0 && req.target[0] == '/');
	FUZZ_CHECK(memchr(req.target, '#', req.target_len) == NULL);
	FUZZ_CHECK(req.framing == HTTP_BODY_NONE ||
		   req.framing == HTTP_BODY_LENGTH ||
		   req.framing == HTTP_BODY_CHUNKED);
	FUZZ_CHECK(http_find_header(req.headers, req.nheaders, "Host"));
	check_headers(req.headers, req.nheaders, buf, req.head_len);
	/* the same head alone, and every proper prefix of it */
	FUZZ_CHECK(parse_prefix(buf, req.head_len) == HTTP_OK);
	FUZZ_CHECK(parse_prefix(buf, req.head_len - 1) == HTTP_INCOMPLETE);
	FUZZ_CHECK(parse_prefix(buf, req.head_len / 2) == HTTP_INCOMPLETE);
	FUZZ_CHECK(parse_prefix(buf, size % req.head_len) == HTTP_INCOMPLETE);
}

static void fuzz_response(const char *buf, size_t size)
{
	static struct http_response resp;
	int rc = http_parse_response(buf, size, (int)(size & 1), &resp);

	FUZZ_CHECK(rc == HTTP_OK || rc == HTTP_INCOMPLETE || rc == HTTP_EBAD ||
		   rc == HTTP_ETOOBIG || rc == HTTP_EVERSION ||
		   rc == HTTP_EFRAMING);
	if (rc != HTTP_OK)
		return;
	FUZZ_CHECK(resp.status >= 100 && resp.status <= 599);
	FUZZ_CHECK(resp.head_len >= 4 && resp.head_len <= size);
	FUZZ_CHECK(resp.head_len <= HTTP_MAX_RESPONSE_HEAD);
	check_headers(resp.headers, resp.nheaders, buf, resp.head_len);
	FUZZ_CHECK(resp.framing != HTTP_BODY_UNTIL_CLOSE ||
		   resp.connection_close);
	FUZZ_CHECK((size & 1) == 0 || resp.framing == HTTP_BODY_NONE);
}

struct chunk_result {
	int rc;
	size_t consumed;
	uint64_t payload_len, hash, total;
};

static uint64_t fnv1a(uint64_t h, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * UINT64_C(0x100000001b3);
	return h;
}

static uint64_t next_rand(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/*
 * Decodes `in` split into pieces: sizes from the xorshift state `seed`
 * (0: the whole input at once, 1: one byte at a time).
 */
static void decode_split(const char *in, size_t len, uint64_t seed,
			 struct chunk_result *r)
{
	struct chunk_decoder d;
	size_t off = 0;

	chunk_decoder_init(&d);
	memset(r, 0, sizeof(*r));
	r->rc = CHUNK_NEED_MORE;
	r->hash = UINT64_C(0xcbf29ce484222325);
	while (off < len && r->rc == CHUNK_NEED_MORE) {
		size_t plen = len - off, pos = 0, used, dlen;
		const char *p = in + off, *dp;
		int rc;

		if (seed == 1)
			plen = 1;
		else if (seed != 0 && plen > 1)
			plen = 1 + (size_t)(next_rand(&seed) %
					    (plen < 64 ? plen : 64));
		do {
			rc = chunk_decode(&d, p + pos, plen - pos, &used, &dp,
					  &dlen);
			FUZZ_CHECK(used <= plen - pos);
			if (rc == CHUNK_DATA) {
				FUZZ_CHECK(dlen > 0 && dp >= p + pos &&
					   dp + dlen == p + pos + used);
				r->hash = fnv1a(r->hash, dp, dlen);
				r->payload_len += dlen;
			} else {
				FUZZ_CHECK(dp == NULL && dlen == 0);
			}
			pos += used;
		} while (rc == CHUNK_DATA);
		FUZZ_CHECK(rc != CHUNK_NEED_MORE || pos == plen);
		r->rc = rc;
		off += pos;
	}
	r->consumed = off;
	r->total = d.total;
	FUZZ_CHECK(r->total == r->payload_len);
}

static int same_result(const struct chunk_result *a,
		       const struct chunk_result *b)
{
	return a->rc == b->rc && a->consumed == b->consumed &&
	       a->payload_len == b->payload_len && a->hash == b->hash &&
	       a->total == b->total;
}

static void fuzz_chunks(const char *in, size_t len)
{
	struct chunk_result whole, split;
	uint64_t seed = fnv1a(UINT64_C(0xcbf29ce484222325), in, len) | 2;

	decode_split(in, len, 0, &whole);
	FUZZ_CHECK(whole.rc == CHUNK_NEED_MORE || whole.rc == CHUNK_DONE ||
		   whole.rc == CHUNK_ERROR);
	FUZZ_CHECK(whole.rc != CHUNK_NEED_MORE || whole.consumed == len);
	decode_split(in, len, seed, &split);
	FUZZ_CHECK(same_result(&whole, &split));
	if (len <= FUZZ_BYTEWISE_MAX) {
		decode_split(in, len, 1, &split);
		FUZZ_CHECK(same_result(&whole, &split));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	struct http_request req;

	fuzz_request(buf, size);
	fuzz_response(buf, size);
	fuzz_chunks(buf, size);
	/* a chunked request's body, as the gate would decode it */
	if (http_parse_request(buf, size, &req) == HTTP_OK &&
	    req.framing == HTTP_BODY_CHUNKED)
		fuzz_chunks(buf + req.head_len, size - req.head_len);
	return 0;
}
