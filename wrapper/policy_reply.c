/*
 * `docker policy`, client side, pure part (see policy_reply.h).  The HTTP
 * head and chunked framing go through the gate's own strict parser
 * (gate/http_parse.c, gate/chunk.c); the body through jansson, with
 * duplicate keys refused.
 */
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http_parse.h"
#include "policy_reply.h"

/* Uids are 32-bit; (uid_t)-1 is "no user". */
#define POLICY_REPLY_UID_MAX 4294967294ULL

static int why(struct policy_reply *r, int rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int why(struct policy_reply *r, int rc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->why, sizeof(r->why), fmt, ap);
	va_end(ap);
	return rc;
}

/* The body, de-chunked into a fresh buffer: PREPLY_OK with *out set, or
 * INCOMPLETE / EBAD / ENOMEM. */
static int chunked_body(const char *in, size_t len, int eof,
			struct policy_reply *r, char **out, size_t *outlen)
{
	struct chunk_decoder d;
	size_t pos = 0, n = 0;
	char *body = malloc(len + 1); /* payload is never longer than input */
	int rc = CHUNK_NEED_MORE;

	if (!body)
		return PREPLY_ENOMEM;
	chunk_decoder_init(&d);
	while (pos < len) {
		size_t used = 0, dlen = 0;
		const char *data = NULL;

		rc = chunk_decode(&d, in + pos, len - pos, &used, &data, &dlen);
		if (rc == CHUNK_DATA) {
			memcpy(body + n, data, dlen);
			n += dlen;
		}
		pos += used;
		if (rc != CHUNK_DATA)
			break;
		rc = CHUNK_NEED_MORE;
	}
	if (rc == CHUNK_DONE && pos == len) {
		body[n] = '\0';
		*out = body;
		*outlen = n;
		return PREPLY_OK;
	}
	free(body);
	if (rc == CHUNK_ERROR)
		return why(r, PREPLY_EBAD, "malformed chunked body");
	if (rc == CHUNK_DONE)
		return why(r, PREPLY_EBAD, "bytes after the chunked body");
	if (!eof)
		return PREPLY_INCOMPLETE;
	return why(r, PREPLY_EBAD, "the answer was cut short");
}

/* Separates the body from the head according to the framing. */
static int take_body(const char *buf, size_t len, int eof,
		     const struct http_response *h, struct policy_reply *r,
		     char **body, size_t *blen)
{
	const char *p = buf + h->head_len;
	size_t have = len - h->head_len;

	*body = NULL;
	*blen = 0;
	switch (h->framing) {
	case HTTP_BODY_CHUNKED:
		return chunked_body(p, have, eof, r, body, blen);
	case HTTP_BODY_LENGTH:
		if (have > h->content_length)
			return why(r, PREPLY_EBAD,
				   "bytes after the answer's body");
		if (have < h->content_length)
			return eof ? why(r, PREPLY_EBAD,
					 "the answer was cut short")
				   : PREPLY_INCOMPLETE;
		break;
	case HTTP_BODY_UNTIL_CLOSE:
		if (!eof)
			return PREPLY_INCOMPLETE;
		break;
	default: /* no body (204, 304) */
		if (have)
			return why(r, PREPLY_EBAD,
				   "bytes after a bodiless answer");
		break;
	}
	*body = malloc(have + 1);
	if (!*body)
		return PREPLY_ENOMEM;
	memcpy(*body, p, have);
	(*body)[have] = '\0';
	*blen = have;
	return PREPLY_OK;
}

/* Media type "application/json", any case, parameters allowed. */
static int is_json(const struct http_response *h)
{
	const struct http_header *ct =
		http_find_header(h->headers, h->nheaders, "Content-Type");
	static const char want[] = "application/json";
	size_t n = sizeof(want) - 1;

	if (!ct || ct->value_len < n || strncasecmp(ct->value, want, n) != 0)
		return 0;
	if (ct->value_len == n)
		return 1;
	for (size_t i = n; i < ct->value_len && ct->value[i] != ';'; i++)
		if (ct->value[i] != ' ' && ct->value[i] != '\t')
			return 0;
	return 1;
}

static const char *string_member(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* A 200 must carry the three members docker-gate sends; others (a newer
 * gate's) are ignored. */
static int policy_object(struct policy_reply *r)
{
	const json_t *uid = json_object_get(r->json, "Uid");

	r->user = string_member(r->json, "User");
	r->policy = string_member(r->json, "Policy");
	if (!r->user || !r->policy || !json_is_integer(uid))
		return why(r, PREPLY_EBAD,
			   "a 200 answer without string User and Policy "
			   "and integer Uid");
	if (json_integer_value(uid) < 0 ||
	    (unsigned long long)json_integer_value(uid) > POLICY_REPLY_UID_MAX)
		return why(r, PREPLY_EBAD, "Uid %lld is out of range",
			   (long long)json_integer_value(uid));
	r->uid = (unsigned long long)json_integer_value(uid);
	return PREPLY_OK;
}

/* What a complete answer means. */
static int interpret(const struct http_response *h, const char *body,
		     size_t blen, struct policy_reply *r)
{
	json_error_t jerr;

	r->status = h->status;
	if (!is_json(h))
		return h->status == 404
			       ? PREPLY_NOT_GATE
			       : why(r, PREPLY_EBAD,
				     "HTTP %d without a JSON body", h->status);
	r->json = json_loadb(body, blen, JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(r->json))
		return h->status == 404 ? PREPLY_NOT_GATE
					: why(r, PREPLY_EBAD,
					      "HTTP %d with a body that is not "
					      "a JSON object",
					      h->status);
	if (h->status == 200)
		return policy_object(r);
	r->message = string_member(r->json, "message");
	if (h->status == 404)
		return PREPLY_NOT_GATE;
	if (h->status < 400 || !r->message)
		return why(r, PREPLY_EBAD, "HTTP %d%s", h->status,
			   r->message ? "" : " without a message");
	return PREPLY_REFUSED;
}

int policy_reply_parse(const char *buf, size_t len, int eof,
		       struct policy_reply *r)
{
	struct http_response h;
	char *body = NULL;
	size_t blen = 0;
	int rc;

	memset(r, 0, sizeof(*r));
	if (len > POLICY_REPLY_MAX)
		return why(r, PREPLY_ETOOBIG,
			   "the answer is longer than %d "
			   "bytes",
			   POLICY_REPLY_MAX);
	rc = http_parse_response(buf, len, 0, &h);
	if (rc == HTTP_INCOMPLETE)
		return eof ? why(r, PREPLY_EBAD,
				 len ? "the answer was cut short"
				     : "the connection closed without an "
				       "answer")
			   : PREPLY_INCOMPLETE;
	if (rc == HTTP_ETOOBIG)
		return why(r, PREPLY_ETOOBIG, "the answer's head is too large");
	if (rc != HTTP_OK)
		return why(r, PREPLY_EBAD, "not a well-formed HTTP/1.1 answer");
	/* fail closed: docker-gate sends no interim answers, and none was
	 * asked for (no Expect) */
	if (h.status < 200)
		return why(r, PREPLY_EBAD, "unexpected interim answer %d",
			   h.status);
	rc = take_body(buf, len, eof, &h, r, &body, &blen);
	if (rc == PREPLY_OK)
		rc = interpret(&h, body, blen, r);
	free(body);
	return rc;
}

void policy_reply_free(struct policy_reply *r)
{
	json_decref(r->json);
	r->json = NULL;
	r->user = r->policy = r->message = NULL;
}

/* jansson leaves DEL (0x7f) raw inside strings; \u007f is the same JSON
 * and no control byte on a terminal.  Outside strings there is no DEL. */
static char *escape_del(char *s)
{
	size_t n = 0, len, o = 0;
	char *out;

	for (const char *p = s; *p; p++)
		n += *p == 0x7f;
	if (!n)
		return s;
	len = strlen(s);
	out = malloc(len + 5 * n + 1);
	for (const char *p = s; out && *p; p++) {
		if (*p == 0x7f) {
			memcpy(out + o, "\\u007f", 6);
			o += 6;
		} else {
			out[o++] = *p;
		}
	}
	if (out)
		out[o] = '\0';
	free(s);
	return out;
}

char *policy_reply_json(const struct policy_reply *r)
{
	char *s =
		r->json ? json_dumps(r->json, JSON_COMPACT | JSON_ENSURE_ASCII |
						      JSON_PRESERVE_ORDER)
			: NULL;

	return s ? escape_del(s) : NULL;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	       c == '\r';
}

int policy_host_socket(const char *host, char *path, size_t len, char *err,
		       size_t errlen)
{
	static const char unix_scheme[] = "unix://";
	const char *s = host ? host : "", *e;
	size_t n;

	while (is_blank(*s))
		s++;
	e = s + strlen(s);
	while (e > s && is_blank(e[-1]))
		e--;
	n = (size_t)(e - s);
	if (n < sizeof(unix_scheme) - 1 ||
	    strncmp(s, unix_scheme, sizeof(unix_scheme) - 1) != 0) {
		snprintf(err, errlen,
			 "\"%.*s\" is not a unix:// address; docker policy "
			 "talks to docker-gate over its local socket only",
			 (int)(n > 80 ? 80 : n), s);
		return -1;
	}
	s += sizeof(unix_scheme) - 1;
	n = (size_t)(e - s);
	if (n == 0) {
		s = POLICY_DEFAULT_UNIX_SOCKET;
		n = strlen(s);
	}
	/* fail closed: the CLI refuses a second scheme, and a NUL cannot be
	 * here, but a path the kernel would cut short can */
	if (memmem(s, n, "://", 3)) {
		snprintf(err, errlen, "invalid unix:// address");
		return -1;
	}
	if (n >= len) {
		snprintf(err, errlen, "the socket path is too long");
		return -1;
	}
	memcpy(path, s, n);
	path[n] = '\0';
	return 0;
}

void policy_text_clean(char *s)
{
	for (unsigned char *p = (unsigned char *)s; p && *p; p++) {
		if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f) {
			*p = '?';
		} else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			/* U+0080..U+009F: C1 controls (CSI is U+009B) */
			p[0] = p[1] = '?';
			p++;
		}
	}
}
