/*
 * Strict HTTP/1.1 head parser (see http_parse.h for the refusal list).
 *
 * The parser accepts a narrow subset on purpose: whatever Go's server would
 * read differently from us (bare LF, duplicate or conflicting framing,
 * absolute-form targets, fragments) is refused rather than interpreted,
 * because the gate must see exactly the request dockerd would see
 * (reference/engine-api.md §0 item 15, §3.3).
 *
 * It is called again on a growing buffer until it stops answering
 * HTTP_INCOMPLETE; every call rescans from the start (O(n), no state).
 */
#include "http_parse.h"

#include <string.h>

#define HTTP_MAX_CL_DIGITS 19 /* every 19-digit decimal fits in uint64_t */
#define HTTP_MIN_STATUS	   100
#define HTTP_MAX_STATUS	   599
#define HTTP_VERSION_LEN   8 /* "HTTP/1.1" */

static int is_tchar(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

static int is_blank(unsigned char c)
{
	return c == ' ' || c == '\t';
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static unsigned char ascii_lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

/* ASCII-only case-insensitive comparison of s[0..n) with a literal. */
static int ascii_ieq(const char *s, size_t n, const char *lit)
{
	size_t i;

	if (strlen(lit) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (ascii_lower((unsigned char)s[i]) !=
		    ascii_lower((unsigned char)lit[i]))
			return 0;
	return 1;
}

const struct http_header *http_find_header(const struct http_header *h,
					   size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ascii_ieq(h[i].name, h[i].name_len, name))
			return &h[i];
	return NULL;
}

int http_value_is(const struct http_header *h, const char *literal)
{
	return h != NULL && ascii_ieq(h->value, h->value_len, literal);
}

/*
 * Finds the end of the head (just past CRLFCRLF) in the first `max` bytes.
 * Every CR must be followed by LF and every LF preceded by CR, so that the
 * head splits into lines exactly one way.
 */
static int find_head_end(const char *buf, size_t len, size_t max,
			 size_t *head_len)
{
	size_t n = len < max ? len : max;
	size_t i;

	for (i = 0; i < n; i++) {
		char c = buf[i];
		char prev = i > 0 ? buf[i - 1] : '\0';

		/* fail closed: bare CR (a CR not followed by LF) */
		if (prev == '\r' && c != '\n')
			return HTTP_EBAD;
		if (c != '\n')
			continue;
		/* fail closed: bare LF (Go accepts it as a line end) */
		if (prev != '\r')
			return HTTP_EBAD;
		if (i >= 3 && buf[i - 2] == '\n') {
			*head_len = i + 1;
			return HTTP_OK;
		}
	}
	/* fail closed: the head cannot end within the limit any more */
	if (len > max)
		return HTTP_ETOOBIG;
	return HTTP_INCOMPLETE;
}

/* Index of the CR ending the line that starts at `pos` (head is checked). */
static size_t line_end(const char *buf, size_t pos, size_t head_len)
{
	const char *cr = memchr(buf + pos, '\r', head_len - pos);

	return (size_t)(cr - buf);
}

/* One "name: value" line, p[0..n) without its CRLF. */
static int parse_header_line(const char *p, size_t n, struct http_header *h,
			     int allow_obs_text)
{
	size_t i = 0, end, j;

	/* fail closed: obs-fold (a continuation line) */
	if (is_blank((unsigned char)p[0]))
		return HTTP_EBAD;
	while (i < n && is_tchar((unsigned char)p[i]))
		i++;
	/* fail closed: empty name, space before colon, non-token name */
	if (i == 0 || i == n || p[i] != ':')
		return HTTP_EBAD;
	h->name = p;
	h->name_len = i;
	for (i++; i < n && is_blank((unsigned char)p[i]); i++)
		;
	for (end = n; end > i && is_blank((unsigned char)p[end - 1]); end--)
		;
	for (j = i; j < end; j++) {
		unsigned char c = (unsigned char)p[j];

		if (c == '\t' || (c >= 0x20 && c < 0x7f))
			continue;
		if (c >= 0x80 && allow_obs_text)
			continue;
		/* fail closed: control characters, non-ASCII from clients */
		return HTTP_EBAD;
	}
	h->value = p + i;
	h->value_len = end - i;
	return HTTP_OK;
}

/* Header lines from `pos` up to the empty line that ends the head. */
static int parse_header_lines(const char *buf, size_t pos, size_t head_len,
			      struct http_header *h, size_t *nheaders,
			      int allow_obs_text)
{
	size_t n = 0;

	while (pos < head_len - 2) {
		size_t eol = line_end(buf, pos, head_len);
		int rc;

		/* fail closed: more headers than we keep */
		if (n == HTTP_MAX_HEADERS)
			return HTTP_ETOOBIG;
		rc = parse_header_line(buf + pos, eol - pos, &h[n],
				       allow_obs_text);
		if (rc != HTTP_OK)
			return rc;
		n++;
		pos = eol + 2;
	}
	*nheaders = n;
	return HTTP_OK;
}

/* Content-Length: 1..19 decimal digits, nothing else. */
static int parse_length(const struct http_header *h, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	/* fail closed: empty, signed, spaced, listed or huge lengths */
	if (h->value_len == 0 || h->value_len > HTTP_MAX_CL_DIGITS)
		return HTTP_EBAD;
	for (i = 0; i < h->value_len; i++) {
		if (!is_digit((unsigned char)h->value[i]))
			return HTTP_EBAD;
		v = v * 10 + (uint64_t)(h->value[i] - '0');
	}
	*out = v;
	return HTTP_OK;
}

/*
 * Connection: a comma-separated list of tokens.  Sets *has_close for
 * "close" and *has_keepalive for "keep-alive"; other tokens are fine.
 */
static int scan_connection(const struct http_header *h, int *has_close,
			   int *has_keepalive)
{
	const char *v = h->value;
	size_t n = h->value_len, i = 0;

	while (i <= n) {
		size_t start, end;

		while (i < n && is_blank((unsigned char)v[i]))
			i++;
		for (start = i; i < n && is_tchar((unsigned char)v[i]); i++)
			;
		end = i;
		while (i < n && is_blank((unsigned char)v[i]))
			i++;
		/* fail closed: empty element or a non-token in the list */
		if (start == end || (i < n && v[i] != ','))
			return HTTP_EBAD;
		if (ascii_ieq(v + start, end - start, "close"))
			*has_close = 1;
		if (ascii_ieq(v + start, end - start, "keep-alive"))
			*has_keepalive = 1;
		i++;
	}
	return HTTP_OK;
}

/*
 * Classifies "HTTP/d.d": 10 or 11 for the versions we speak, HTTP_EVERSION
 * for other well-formed versions, HTTP_EBAD for anything else.
 */
static int parse_version(const char *v, size_t n)
{
	if (n != HTTP_VERSION_LEN || memcmp(v, "HTTP/", 5) != 0 ||
	    !is_digit((unsigned char)v[5]) || v[6] != '.' ||
	    !is_digit((unsigned char)v[7]))
		return HTTP_EBAD;
	if (v[5] == '1' && (v[7] == '0' || v[7] == '1'))
		return 10 + (v[7] - '0');
	return HTTP_EVERSION;
}

static int check_method(const char *m, size_t n)
{
	size_t i;

	/* fail closed: empty method or anything but upper-case letters */
	if (n == 0)
		return HTTP_EBAD;
	for (i = 0; i < n; i++)
		if (m[i] < 'A' || m[i] > 'Z')
			return HTTP_EBAD;
	if (n > HTTP_MAX_METHOD)
		return HTTP_ETOOBIG;
	return HTTP_OK;
}

static int check_target(const char *t, size_t n)
{
	size_t i;

	/* fail closed: origin-form only (absolute-form, "*" refused) */
	if (n == 0 || t[0] != '/')
		return HTTP_EBAD;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t[i];

		/* fail closed: controls, non-ASCII, '#' (Go drops fragments) */
		if (c < 0x21 || c > 0x7e || c == '#')
			return HTTP_EBAD;
	}
	return HTTP_OK;
}

/* "METHOD SP target SP HTTP/1.1", p[0..n) without its CRLF. */
static int parse_request_line(const char *p, size_t n, struct http_request *req)
{
	const char *sp1, *sp2, *end = p + n;
	size_t mlen;
	int rc;

	if (n > HTTP_MAX_REQUEST_LINE)
		return HTTP_ETOOBIG;
	sp1 = memchr(p, ' ', n);
	sp2 = sp1 ? memchr(sp1 + 1, ' ', (size_t)(end - sp1 - 1)) : NULL;
	/* fail closed: not three fields separated by single spaces */
	if (sp2 == NULL)
		return HTTP_EBAD;
	rc = parse_version(sp2 + 1, (size_t)(end - sp2 - 1));
	if (rc < 0)
		return rc;
	if (rc != 11)
		return HTTP_EVERSION;
	mlen = (size_t)(sp1 - p);
	rc = check_method(p, mlen);
	if (rc == HTTP_OK)
		rc = check_target(sp1 + 1, (size_t)(sp2 - sp1 - 1));
	if (rc != HTTP_OK)
		return rc;
	memcpy(req->method, p, mlen);
	req->method[mlen] = '\0';
	req->target = sp1 + 1;
	req->target_len = (size_t)(sp2 - sp1 - 1);
	return HTTP_OK;
}

/*
 * While the head is still incomplete, a request line that has fully
 * arrived is judged already: garbage is refused without waiting for more.
 */
static int early_request_line(const char *buf, size_t len,
			      struct http_request *req)
{
	size_t n =
		len <= HTTP_MAX_REQUEST_LINE ? len : HTTP_MAX_REQUEST_LINE + 1;
	const char *cr = memchr(buf, '\r', n);
	int rc;

	if (cr == NULL)
		return len > HTTP_MAX_REQUEST_LINE ? HTTP_ETOOBIG
						   : HTTP_INCOMPLETE;
	rc = parse_request_line(buf, (size_t)(cr - buf), req);
	return rc == HTTP_OK ? HTTP_INCOMPLETE : rc;
}

/* Request headers that may appear at most once. */
enum { H_HOST, H_CL, H_TE, H_CTYPE, H_CONN, H_UPGRADE, H_EXPECT, H_NUNIQUE };

static const char *const unique_headers[H_NUNIQUE] = {
	[H_HOST] = "Host",
	[H_CL] = "Content-Length",
	[H_TE] = "Transfer-Encoding",
	[H_CTYPE] = "Content-Type",
	[H_CONN] = "Connection",
	[H_UPGRADE] = "Upgrade",
	[H_EXPECT] = "Expect",
};

static int collect_unique(const struct http_request *req,
			  const struct http_header *found[H_NUNIQUE])
{
	size_t i, k;

	for (i = 0; i < req->nheaders; i++) {
		const struct http_header *h = &req->headers[i];

		for (k = 0; k < H_NUNIQUE; k++) {
			if (!ascii_ieq(h->name, h->name_len, unique_headers[k]))
				continue;
			/* fail closed: a second copy (Go keeps the first
			 * Content-Type, merges identical Content-Lengths) */
			if (found[k] != NULL)
				return HTTP_EBAD;
			found[k] = h;
		}
	}
	return HTTP_OK;
}

static int request_framing(struct http_request *req,
			   const struct http_header *cl,
			   const struct http_header *te)
{
	/* fail closed: both framings (Go honours chunked, others CL) */
	if (cl != NULL && te != NULL)
		return HTTP_EBAD;
	if (te != NULL) {
		/* fail closed: any coding but a lone "chunked" */
		if (!http_value_is(te, "chunked"))
			return HTTP_EFRAMING;
		req->framing = HTTP_BODY_CHUNKED;
	} else if (cl != NULL) {
		if (parse_length(cl, &req->content_length) != HTTP_OK)
			return HTTP_EBAD;
		req->framing = HTTP_BODY_LENGTH;
	}
	return HTTP_OK;
}

static int request_semantics(struct http_request *req)
{
	const struct http_header *found[H_NUNIQUE] = {NULL};
	int keepalive = 0, rc;

	rc = collect_unique(req, found);
	if (rc != HTTP_OK)
		return rc;
	/* fail closed: HTTP/1.1 requires a Host header */
	if (found[H_HOST] == NULL)
		return HTTP_EBAD;
	rc = request_framing(req, found[H_CL], found[H_TE]);
	if (rc != HTTP_OK)
		return rc;
	if (found[H_EXPECT] != NULL) {
		/* fail closed: expectations we do not implement */
		if (!http_value_is(found[H_EXPECT], "100-continue"))
			return HTTP_EBAD;
		req->expect_continue = 1;
	}
	if (found[H_CONN] != NULL &&
	    scan_connection(found[H_CONN], &req->connection_close,
			    &keepalive) != HTTP_OK)
		return HTTP_EBAD;
	req->has_upgrade = found[H_UPGRADE] != NULL;
	return HTTP_OK;
}

/* The struct is meaningful only on HTTP_OK. */
int http_parse_request(const char *buf, size_t len, struct http_request *req)
{
	size_t head_len = 0, eol;
	int rc;

	memset(req, 0, sizeof(*req));
	rc = find_head_end(buf, len, HTTP_MAX_HEAD, &head_len);
	if (rc == HTTP_INCOMPLETE)
		return early_request_line(buf, len, req);
	if (rc != HTTP_OK)
		return rc;
	eol = line_end(buf, 0, head_len);
	rc = parse_request_line(buf, eol, req);
	if (rc == HTTP_OK)
		rc = parse_header_lines(buf, eol + 2, head_len, req->headers,
					&req->nheaders, 0);
	if (rc == HTTP_OK)
		rc = request_semantics(req);
	if (rc != HTTP_OK)
		return rc;
	req->head_len = head_len;
	return HTTP_OK;
}

/* "HTTP/1.x NNN" optionally followed by " reason", without the CRLF. */
static int parse_status_line(const char *p, size_t n, int *status, int *http10)
{
	size_t i;
	int v;

	if (n < HTTP_VERSION_LEN)
		return HTTP_EBAD;
	v = parse_version(p, HTTP_VERSION_LEN);
	if (v < 0)
		return v;
	if (n < 12 || p[8] != ' ' || !is_digit((unsigned char)p[9]) ||
	    !is_digit((unsigned char)p[10]) ||
	    !is_digit((unsigned char)p[11]) || (n > 12 && p[12] != ' '))
		return HTTP_EBAD;
	*status = (p[9] - '0') * 100 + (p[10] - '0') * 10 + (p[11] - '0');
	if (*status < HTTP_MIN_STATUS || *status > HTTP_MAX_STATUS)
		return HTTP_EBAD;
	for (i = 13; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c != '\t' && (c < 0x20 || c == 0x7f))
			return HTTP_EBAD;
	}
	*http10 = v == 10;
	return HTTP_OK;
}

struct resp_scan {
	const struct http_header *te;
	int have_cl, close, keepalive;
	uint64_t cl;
};

static int scan_response_headers(const struct http_response *resp,
				 struct resp_scan *s)
{
	size_t i;

	for (i = 0; i < resp->nheaders; i++) {
		const struct http_header *h = &resp->headers[i];
		uint64_t v;

		if (ascii_ieq(h->name, h->name_len, "Content-Length")) {
			/* fail closed: malformed or conflicting lengths */
			if (parse_length(h, &v) != HTTP_OK ||
			    (s->have_cl && v != s->cl))
				return HTTP_EBAD;
			s->cl = v;
			s->have_cl = 1;
		} else if (ascii_ieq(h->name, h->name_len,
				     "Transfer-Encoding")) {
			/* fail closed: more than one coding header */
			if (s->te != NULL)
				return HTTP_EBAD;
			s->te = h;
		} else if (ascii_ieq(h->name, h->name_len, "Connection")) {
			if (scan_connection(h, &s->close, &s->keepalive) !=
			    HTTP_OK)
				return HTTP_EBAD;
		}
	}
	return HTTP_OK;
}

/* No body: 1xx, 204, 304 and any answer to HEAD (RFC 7230 §3.3.3). */
static int response_has_body(int status, int head_request)
{
	return !head_request && status >= 200 && status != 204 && status != 304;
}

static int response_framing(struct http_response *resp, int http10,
			    int head_request)
{
	struct resp_scan s = {NULL, 0, 0, 0, 0};
	int rc = scan_response_headers(resp, &s);

	if (rc != HTTP_OK)
		return rc;
	/* fail closed: both framings (dockerd never sends that) */
	if (s.have_cl && s.te != NULL)
		return HTTP_EBAD;
	if (s.te != NULL && !http_value_is(s.te, "chunked"))
		return HTTP_EFRAMING;
	resp->connection_close = s.close || (http10 && !s.keepalive);
	if (!response_has_body(resp->status, head_request)) {
		resp->framing = HTTP_BODY_NONE;
	} else if (s.te != NULL) {
		resp->framing = HTTP_BODY_CHUNKED;
	} else if (s.have_cl) {
		resp->framing = HTTP_BODY_LENGTH;
		resp->content_length = s.cl;
	} else {
		/* the body ends at EOF: the connection cannot be reused */
		resp->framing = HTTP_BODY_UNTIL_CLOSE;
		resp->connection_close = 1;
	}
	return HTTP_OK;
}

/*
 * The struct is meaningful only on HTTP_OK.  A body delimited by EOF
 * (HTTP_BODY_UNTIL_CLOSE) also sets connection_close: the connection
 * cannot carry another response after it.
 */
int http_parse_response(const char *buf, size_t len, int head_request,
			struct http_response *resp)
{
	size_t head_len = 0, eol;
	int rc, http10 = 0;

	memset(resp, 0, sizeof(*resp));
	rc = find_head_end(buf, len, HTTP_MAX_RESPONSE_HEAD, &head_len);
	if (rc != HTTP_OK)
		return rc;
	eol = line_end(buf, 0, head_len);
	rc = parse_status_line(buf, eol, &resp->status, &http10);
	if (rc == HTTP_OK)
		rc = parse_header_lines(buf, eol + 2, head_len, resp->headers,
					&resp->nheaders, 1);
	if (rc == HTTP_OK)
		rc = response_framing(resp, http10, head_request);
	if (rc != HTTP_OK)
		return rc;
	resp->head_len = head_len;
	return HTTP_OK;
}
