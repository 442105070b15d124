/*
 * Image reference parsing (see imageref.h for the grammar and where it
 * deliberately differs from docker's).
 *
 * Order of work, as in distribution's ParseAnyReference and
 * ParseNormalizedNamed: a full ID first (64 hex, with or without
 * "sha256:"), then the digest after '@', then the domain split on the
 * first '/' (splitDockerDomain), then tag and path.  Each part is checked
 * with a small scanner for its own grammar instead of one big regular
 * expression, so that every refusal can say which part was wrong; the
 * fuzzer compares the scanners with the grammar written as POSIX
 * regular expressions.
 */
#include <string.h>

#include "imageref.h"

#define LIBRARY_PREFIX	   IMAGEREF_OFFICIAL "/"
#define LIBRARY_PREFIX_LEN (sizeof(LIBRARY_PREFIX) - 1)
#define DEFAULT_DOMAIN_LEN (sizeof(IMAGEREF_DEFAULT_DOMAIN) - 1)
#define LEGACY_DOMAIN_LEN  (sizeof(IMAGEREF_LEGACY_DOMAIN) - 1)
#define LOCALHOST	   "localhost"
/* The repository whose familiar name would read like "sha256:<id>". */
#define ID_REPO "sha256"

static const char why_format[] = "invalid reference format";
static const char why_empty[] = "invalid reference format: empty reference";
static const char why_long[] =
	"invalid reference format: repository name must not be longer than "
	"255 characters";
static const char why_lower[] =
	"invalid reference format: repository name must be lowercase";
static const char why_path[] =
	"invalid reference format: repository name components are lowercase "
	"letters and digits, separated by '.', '_', '__' or '-'";
static const char why_domain[] =
	"invalid reference format: invalid registry host";
static const char why_tag[] =
	"invalid reference format: a tag is 1 to 128 letters, digits, '_', "
	"'.' or '-', not starting with '.' or '-'";
static const char why_digest[] =
	"invalid reference format: a digest must be sha256:<64 lowercase hex "
	"digits>";

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int is_lower_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || is_digit(c);
}

static int is_upper(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

static int is_alnum(unsigned char c)
{
	return is_lower_alnum(c) || is_upper(c);
}

static int is_lower_hex(unsigned char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f');
}

static int is_hex(unsigned char c)
{
	return is_lower_hex(c) || (c >= 'A' && c <= 'F');
}

static int all_lower_hex(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!is_lower_hex((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Bytes that may appear anywhere in a reference. */
static int ref_char(unsigned char c)
{
	return is_alnum(c) || c == '.' || c == '_' || c == '-' || c == '/' ||
	       c == ':' || c == '@' || c == '[' || c == ']';
}

static int fail(struct imageref *out, const char *why)
{
	memset(out, 0, sizeof(*out));
	out->why = why;
	return IMAGEREF_EBAD;
}

int imageref_component_valid(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		if (!is_lower_alnum((unsigned char)s[i]))
			return 0;
		while (i < len && is_lower_alnum((unsigned char)s[i]))
			i++;
		if (i == len)
			return 1;
		/* one separator: ".", "_", "__" or a run of '-' */
		if (s[i] == '.') {
			i++;
		} else if (s[i] == '_') {
			i++;
			if (i < len && s[i] == '_')
				i++;
		} else if (s[i] == '-') {
			while (i < len && s[i] == '-')
				i++;
		} else {
			return 0;
		}
		/* fail closed: a separator must be followed by alnum */
		if (i == len)
			return 0;
	}
	return 0; /* empty */
}

static int tag_valid(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > IMAGEREF_TAG_MAX)
		return 0;
	if (!is_alnum((unsigned char)s[0]) && s[0] != '_')
		return 0;
	for (i = 1; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!is_alnum(c) && c != '_' && c != '.' && c != '-')
			return 0;
	}
	return 1;
}

static int digest_valid(const char *s, size_t len)
{
	return len == IMAGEREF_DIGEST_LEN &&
	       memcmp(s, IMAGEREF_ALGO, IMAGEREF_ALGO_LEN) == 0 &&
	       all_lower_hex(s + IMAGEREF_ALGO_LEN, IMAGEREF_HEX_LEN);
}

/* [A-Za-z0-9] | [A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9] */
static int label_valid(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || !is_alnum((unsigned char)s[0]) ||
	    !is_alnum((unsigned char)s[len - 1]))
		return 0;
	for (i = 1; i + 1 < len; i++)
		if (!is_alnum((unsigned char)s[i]) && s[i] != '-')
			return 0;
	return 1;
}

static int host_name_valid(const char *s, size_t len)
{
	size_t start = 0, i;

	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != '.')
			continue;
		if (!label_valid(s + start, i - start))
			return 0;
		start = i + 1;
	}
	return 1;
}

/* Inside the brackets: hex digits and ':' only, at least two ':'. */
static int ipv6_valid(const char *s, size_t len)
{
	size_t i, colons = 0;

	if (len < 2 || len > IMAGEREF_IPV6_MAX)
		return 0;
	for (i = 0; i < len; i++) {
		if (s[i] == ':')
			colons++;
		else if (!is_hex((unsigned char)s[i]))
			return 0;
	}
	return colons >= 2;
}

static int domain_valid(const char *s, size_t len)
{
	const char *end;
	size_t hlen, i;

	if (len > 0 && s[0] == '[') {
		end = memchr(s, ']', len);
		if (end == NULL || !ipv6_valid(s + 1, (size_t)(end - s) - 1))
			return 0;
		hlen = (size_t)(end - s) + 1;
	} else {
		end = memchr(s, ':', len);
		hlen = end ? (size_t)(end - s) : len;
		if (!host_name_valid(s, hlen))
			return 0;
	}
	if (hlen == len)
		return 1;
	if (s[hlen] != ':' || len - hlen - 1 == 0 ||
	    len - hlen - 1 > IMAGEREF_PORT_MAX_DIGITS)
		return 0;
	for (i = hlen + 1; i < len; i++)
		if (!is_digit((unsigned char)s[i]))
			return 0;
	return 1;
}

/*
 * splitDockerDomain as dockerd 20.10 has it: is the first component a
 * registry host?  (Newer distribution versions also take a first
 * component with an uppercase letter as a host; 20.10 refuses "Foo/x" as
 * "must be lowercase", and so do we.)
 */
static int first_is_domain(const char *s, size_t len)
{
	if (memchr(s, '.', len) || memchr(s, ':', len))
		return 1;
	return len == sizeof(LOCALHOST) - 1 && memcmp(s, LOCALHOST, len) == 0;
}

/* Every '/'-separated component; the message says what was wrong. */
static const char *path_check(const char *s, size_t len)
{
	size_t start = 0, i, j;

	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != '/')
			continue;
		if (!imageref_component_valid(s + start, i - start)) {
			for (j = start; j < i; j++)
				if (is_upper((unsigned char)s[j]))
					return why_lower;
			return why_path;
		}
		start = i + 1;
	}
	return NULL;
}

/* Appends s to dst[cap]; the callers' limits guarantee the room. */
static void append(char *dst, size_t cap, size_t *len, const char *s)
{
	size_t n = strlen(s);

	if (*len + n >= cap)
		n = cap - 1 - *len; /* not reached: limits checked before */
	memcpy(dst + *len, s, n);
	*len += n;
	dst[*len] = '\0';
}

/*
 * docker's familiar name: "docker.io/" and a lone "library/" dropped,
 * unless the rest would then read as a domain ("docker.io/john.doe/x")
 * or as an image ID: docker.io/library/sha256:<64 hex> stays
 * "library/sha256:<64 hex>".
 */
static const char *familiar_name(const struct imageref *r)
{
	const char *p = r->path, *slash;

	if (strcmp(r->domain, IMAGEREF_DEFAULT_DOMAIN) != 0)
		return r->name;
	if (strncmp(p, LIBRARY_PREFIX, LIBRARY_PREFIX_LEN) == 0 &&
	    strchr(p + LIBRARY_PREFIX_LEN, '/') == NULL &&
	    strcmp(p + LIBRARY_PREFIX_LEN, ID_REPO) != 0)
		p += LIBRARY_PREFIX_LEN;
	slash = strchr(p, '/');
	if (slash != NULL && first_is_domain(p, (size_t)(slash - p)))
		return r->name;
	return p;
}

/* canonical and familiar from name, tag and digest. */
static void format(struct imageref *r)
{
	struct {
		char *buf;
		const char *name;
	} out[2] = {{r->canonical, r->name}, {r->familiar, NULL}};
	size_t i, len;

	out[1].name = familiar_name(r);
	for (i = 0; i < 2; i++) {
		len = 0;
		out[i].buf[0] = '\0';
		append(out[i].buf, IMAGEREF_CANON_MAX + 1, &len, out[i].name);
		if (r->tag[0]) {
			append(out[i].buf, IMAGEREF_CANON_MAX + 1, &len, ":");
			append(out[i].buf, IMAGEREF_CANON_MAX + 1, &len,
			       r->tag);
		}
		if (r->digest[0]) {
			append(out[i].buf, IMAGEREF_CANON_MAX + 1, &len, "@");
			append(out[i].buf, IMAGEREF_CANON_MAX + 1, &len,
			       r->digest);
		}
	}
}

/* "<64hex>" or "sha256:<64hex>": ParseAnyReference's digest reference. */
static int parse_id(const char *s, size_t n, struct imageref *out)
{
	const char *hex = s;

	if (n == IMAGEREF_DIGEST_LEN &&
	    memcmp(s, IMAGEREF_ALGO, IMAGEREF_ALGO_LEN) == 0)
		hex = s + IMAGEREF_ALGO_LEN;
	else if (n != IMAGEREF_HEX_LEN)
		return 0;
	if (!all_lower_hex(hex, IMAGEREF_HEX_LEN))
		return 0;
	out->is_id = true;
	memcpy(out->digest, IMAGEREF_ALGO, IMAGEREF_ALGO_LEN);
	memcpy(out->digest + IMAGEREF_ALGO_LEN, hex, IMAGEREF_HEX_LEN);
	out->digest[IMAGEREF_DIGEST_LEN] = '\0';
	memcpy(out->canonical, out->digest, IMAGEREF_DIGEST_LEN + 1);
	memcpy(out->familiar, out->digest, IMAGEREF_DIGEST_LEN + 1);
	return 1;
}

/* What dockerd's image store Search would also take as an ID prefix. */
static bool short_id(const char *s, size_t n)
{
	if (n > IMAGEREF_ALGO_LEN &&
	    memcmp(s, IMAGEREF_ALGO, IMAGEREF_ALGO_LEN) == 0) {
		s += IMAGEREF_ALGO_LEN;
		n -= IMAGEREF_ALGO_LEN;
	}
	return n >= 1 && n < IMAGEREF_HEX_LEN && all_lower_hex(s, n);
}

static void copy(char *dst, const char *src, size_t len)
{
	memcpy(dst, src, len);
	dst[len] = '\0';
}

/* A piece of the input: where it starts and how long it is. */
struct span {
	const char *p;
	size_t len;
};

/* splitDockerDomain on s[0..nt): the domain (docker.io when there is
 * none, index.docker.io renamed) and the remainder. */
static void split_domain(const char *s, size_t nt, struct span *dom,
			 struct span *rem)
{
	const char *slash = memchr(s, '/', nt);

	if (slash && first_is_domain(s, (size_t)(slash - s))) {
		dom->p = s;
		dom->len = (size_t)(slash - s);
		rem->p = slash + 1;
		rem->len = nt - dom->len - 1;
	} else {
		dom->p = IMAGEREF_DEFAULT_DOMAIN;
		dom->len = DEFAULT_DOMAIN_LEN;
		rem->p = s;
		rem->len = nt;
	}
	if (dom->len == LEGACY_DOMAIN_LEN &&
	    memcmp(dom->p, IMAGEREF_LEGACY_DOMAIN, dom->len) == 0) {
		dom->p = IMAGEREF_DEFAULT_DOMAIN;
		dom->len = DEFAULT_DOMAIN_LEN;
	}
}

/* s[0..n) is not an ID; out is zeroed. */
static int parse_name(const char *s, size_t n, struct imageref *out)
{
	const char *at = memchr(s, '@', n), *dom, *rem, *colon, *why;
	size_t nt = at ? (size_t)(at - s) : n, dlen, rlen, plen, lib, total;
	struct span d, r;

	if (at && !digest_valid(at + 1, n - nt - 1))
		return fail(out, why_digest);
	split_domain(s, nt, &d, &r);
	dom = d.p;
	dlen = d.len;
	rem = r.p;
	rlen = r.len;
	colon = memchr(rem, ':', rlen);
	plen = colon ? (size_t)(colon - rem) : rlen;
	lib = (dlen == DEFAULT_DOMAIN_LEN &&
	       memcmp(dom, IMAGEREF_DEFAULT_DOMAIN, dlen) == 0 &&
	       memchr(rem, '/', plen) == NULL)
		      ? LIBRARY_PREFIX_LEN
		      : 0;
	why = path_check(rem, plen);
	if (why)
		return fail(out, why);
	if (!domain_valid(dom, dlen))
		return fail(out, why_domain);
	if (colon && !tag_valid(colon + 1, rlen - plen - 1))
		return fail(out, why_tag);
	total = dlen + 1 + lib + plen;
	if (total > IMAGEREF_NAME_MAX)
		return fail(out, why_long);

	copy(out->domain, dom, dlen);
	copy(out->path, LIBRARY_PREFIX, lib);
	copy(out->path + lib, rem, plen);
	copy(out->name, dom, dlen);
	out->name[dlen] = '/';
	copy(out->name + dlen + 1, out->path, lib + plen);
	if (colon)
		copy(out->tag, colon + 1, rlen - plen - 1);
	if (at)
		copy(out->digest, at + 1, IMAGEREF_DIGEST_LEN);
	if (!colon && !at) {
		copy(out->tag, IMAGEREF_DEFAULT_TAG,
		     sizeof(IMAGEREF_DEFAULT_TAG) - 1);
		out->tag_implied = true;
	}
	format(out);
	return IMAGEREF_OK;
}

int imageref_parse(const char *s, struct imageref *out)
{
	size_t n, i;
	bool maybe_prefix;
	int rc;

	memset(out, 0, sizeof(*out));
	if (s == NULL || s[0] == '\0')
		return fail(out, why_empty);
	n = strnlen(s, IMAGEREF_INPUT_MAX + 1);
	if (n > IMAGEREF_INPUT_MAX)
		return fail(out, why_long);
	for (i = 0; i < n; i++)
		if (!ref_char((unsigned char)s[i]))
			return fail(out, why_format);
	if (parse_id(s, n, out)) {
		out->why = "";
		return IMAGEREF_OK;
	}
	maybe_prefix = short_id(s, n);
	rc = parse_name(s, n, out);
	if (rc == IMAGEREF_OK) {
		out->maybe_id_prefix = maybe_prefix;
		out->why = "";
	}
	return rc;
}

int imageref_with_tag(struct imageref *r, const char *tag)
{
	size_t len;

	if (r->is_id || r->name[0] == '\0' || tag == NULL)
		return IMAGEREF_EBAD;
	len = strnlen(tag, IMAGEREF_TAG_MAX + 1);
	if (!tag_valid(tag, len))
		return IMAGEREF_EBAD;
	copy(r->tag, tag, len);
	r->tag_implied = false;
	r->maybe_id_prefix = false; /* no longer the string that was given */
	format(r);
	return IMAGEREF_OK;
}

int imageref_with_digest(struct imageref *r, const char *digest)
{
	size_t len;

	if (r->is_id || r->name[0] == '\0' || digest == NULL)
		return IMAGEREF_EBAD;
	len = strnlen(digest, IMAGEREF_DIGEST_LEN + 1);
	if (!digest_valid(digest, len))
		return IMAGEREF_EBAD;
	copy(r->digest, digest, len);
	r->tag[0] = '\0';
	r->tag_implied = false;
	r->maybe_id_prefix = false;
	format(r);
	return IMAGEREF_OK;
}
