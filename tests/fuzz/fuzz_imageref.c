/*
 * libFuzzer harness for imageref and image_names.  Input: a reference,
 * or "user\nreference" (the user defaults to "alice").
 *
 * Invariants checked besides memory errors:
 * - an oracle written independently of the scanners (distribution's
 *   splitDockerDomain, lowercase check, then the reference grammar as
 *   POSIX extended regular expressions, with the gate's documented
 *   stricter rules) accepts exactly what imageref_parse accepts, and
 *   yields the same canonical form and the same ID / ID-prefix flags;
 * - the canonical and familiar forms re-parse to the same reference, and
 *   the canonical form is name[:tag][@digest] within the named limits;
 * - every name the namespace functions allow is in the user's namespace
 *   (first path component == user, under docker.io or localhost[:port])
 *   and they allow every such name.
 */
#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image_names.h"

#define FUZZ_MAX_INPUT 2048 /* longer inputs are not interesting */
#define FUZZ_BUF       (FUZZ_MAX_INPUT + 64) /* an input, normalized */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond))                                                   \
			__builtin_trap();                                      \
	} while (0)

/* The grammar of imageref.h, written out as regular expressions. */
#define RX_LABEL  "([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])"
#define RX_HOST	  "(" RX_LABEL "(\\." RX_LABEL ")*|\\[[0-9A-Fa-f:]{2,39}\\])"
#define RX_DOMAIN RX_HOST "(:[0-9]{1,5})?"
#define RX_COMP	  "[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*"
#define RX_TAG	  "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}"
#define RX_DIGEST "sha256:[a-f0-9]{64}"
#define RX_REF                                                                 \
	"^" RX_DOMAIN "/" RX_COMP "(/" RX_COMP ")*(:" RX_TAG ")?(@" RX_DIGEST  \
	")?$"
#define RX_ID	  "^(sha256:)?[a-f0-9]{64}$"
#define RX_PREFIX "^(sha256:)?[a-f0-9]{1,63}$"

static regex_t rx_ref, rx_id, rx_prefix;

static void init(void)
{
	static int done;

	if (done)
		return;
	CHECK(regcomp(&rx_ref, RX_REF, REG_EXTENDED | REG_NOSUB) == 0);
	CHECK(regcomp(&rx_id, RX_ID, REG_EXTENDED | REG_NOSUB) == 0);
	CHECK(regcomp(&rx_prefix, RX_PREFIX, REG_EXTENDED | REG_NOSUB) == 0);
	done = 1;
}

static int matches(const regex_t *rx, const char *s)
{
	return regexec(rx, s, 0, NULL, 0) == 0;
}

/*
 * The oracle: 1 and the canonical form in canon, or 0.  Follows
 * ParseAnyReference / ParseNormalizedNamed / TagNameOnly step by step.
 */
static int oracle(const char *s, char *canon, size_t len)
{
	static char full[FUZZ_BUF];
	const char *slash = strchr(s, '/'), *rem = s, *p;
	char domain[FUZZ_MAX_INPUT + 1] = "docker.io";
	size_t i, first, namelen, colons = 0;
	int split;

	if (matches(&rx_id, s)) {
		snprintf(canon, len, "%s%s",
			 strncmp(s, "sha256:", 7) ? "sha256:" : "", s);
		return 1;
	}
	/* splitDockerDomain as in dockerd 20.10 */
	first = slash ? (size_t)(slash - s) : 0;
	split = slash && (memchr(s, '.', first) || memchr(s, ':', first) ||
			  (first == 9 && strncmp(s, "localhost", 9) == 0));
	if (split) {
		memcpy(domain, s, first);
		domain[first] = '\0';
		rem = slash + 1;
	}
	if (strcmp(domain, "index.docker.io") == 0)
		strcpy(domain, "docker.io");
	snprintf(full, sizeof(full), "%s/%s%s", domain,
		 strcmp(domain, "docker.io") == 0 && !strchr(rem, '/')
			 ? "library/"
			 : "",
		 rem);
	/* the lowercase check is implied by RX_COMP; the name length: */
	p = strchr(full, '/');
	namelen = strcspn(p, ":@") + (size_t)(p - full);
	if (!matches(&rx_ref, full) || namelen > 255)
		return 0;
	/* stricter than docker: at least two ':' in an IPv6 host */
	if (domain[0] == '[') {
		for (i = 0; domain[i] && domain[i] != ']'; i++)
			colons += domain[i] == ':';
		if (colons < 2)
			return 0;
	}
	snprintf(canon, len, "%s%s", full, strpbrk(p, ":@") ? "" : ":latest");
	return 1;
}

static void check_ref(const char *in)
{
	static struct imageref r, again, fam;
	static char want[FUZZ_BUF + 16];
	int ok = imageref_parse(in, &r) == IMAGEREF_OK;

	CHECK(ok == oracle(in, want, sizeof(want)));
	if (!ok) {
		CHECK(r.why && r.why[0] && r.canonical[0] == '\0');
		return;
	}
	CHECK(strcmp(r.canonical, want) == 0);
	CHECK(r.is_id == matches(&rx_id, in));
	CHECK(r.maybe_id_prefix == matches(&rx_prefix, in));
	CHECK(strlen(r.canonical) <= IMAGEREF_CANON_MAX);
	CHECK(strlen(r.name) <= IMAGEREF_NAME_MAX);
	CHECK(!r.tag_implied || (strcmp(r.tag, "latest") == 0 && !r.digest[0]));
	if (r.is_id) {
		CHECK(!r.name[0] && !r.tag[0] &&
		      strcmp(r.canonical, r.digest) == 0);
	} else {
		CHECK(r.domain[0] && r.path[0] && (r.tag[0] || r.digest[0]));
		CHECK(strcmp(r.domain, "docker.io") != 0 ||
		      strchr(r.path, '/'));
		snprintf(want, sizeof(want), "%s/%s%s%s%s%s", r.domain, r.path,
			 r.tag[0] ? ":" : "", r.tag, r.digest[0] ? "@" : "",
			 r.digest);
		CHECK(strcmp(r.canonical, want) == 0);
	}
	CHECK(imageref_parse(r.canonical, &again) == IMAGEREF_OK);
	CHECK(strcmp(again.canonical, r.canonical) == 0);
	CHECK(strcmp(again.familiar, r.familiar) == 0);
	CHECK(strcmp(again.domain, r.domain) == 0 &&
	      strcmp(again.path, r.path) == 0 &&
	      strcmp(again.tag, r.tag) == 0 &&
	      strcmp(again.digest, r.digest) == 0 && again.is_id == r.is_id);
	CHECK(imageref_parse(r.familiar, &fam) == IMAGEREF_OK);
	CHECK(strcmp(fam.canonical, r.canonical) == 0);
}

/* Whether a canonical name lies in `user`'s namespace, by string. */
static int in_namespace(const char *canon, const char *user)
{
	static const char *const prefixes[] = {"docker.io/", "localhost/"};
	size_t i, ulen = strlen(user);
	const char *p = NULL;

	if (strcmp(user, "library") == 0)
		return 0;
	for (i = 0; i < 2 && !p; i++)
		if (strncmp(canon, prefixes[i], strlen(prefixes[i])) == 0)
			p = canon + strlen(prefixes[i]);
	if (!p && strncmp(canon, "localhost:", 10) == 0) {
		p = canon + 10 + strspn(canon + 10, "0123456789");
		if (*p++ != '/')
			return 0;
	}
	/* "<user>/" and at least one more component (parsed: non-empty) */
	return p && ulen && strncmp(p, user, ulen) == 0 && p[ulen] == '/';
}

static void check_names(const char *in, const char *user)
{
	static struct imageref r, out;
	static char canon[IMAGEREF_CANON_MAX + 1], err[512];
	int parsed = imageref_parse(in, &r) == IMAGEREF_OK;
	int rc, want;

	want = parsed && !r.is_id && !r.digest[0] && image_name_user_ok(user) &&
	       in_namespace(r.canonical, user);
	rc = image_name_may_create(in, user, canon, sizeof(canon), err,
				   sizeof(err));
	CHECK((rc == IMAGE_NAME_OK) == want);
	CHECK(rc == IMAGE_NAME_OK || rc == IMAGE_NAME_REFUSED);
	if (rc == IMAGE_NAME_OK)
		CHECK(strcmp(canon, r.canonical) == 0);
	else
		CHECK(err[0] && canon[0] == '\0');

	rc = image_name_may_remove(in, user, canon, sizeof(canon), err,
				   sizeof(err));
	if (rc == IMAGE_NAME_OK)
		CHECK(parsed && in_namespace(canon, user) &&
		      image_name_user_ok(user));
	if (rc == IMAGE_NAME_RESOLVE)
		CHECK(r.is_id || r.maybe_id_prefix);

	rc = image_name_may_create_repo(in, "1", user, &out, err, sizeof(err));
	if (rc == IMAGE_NAME_OK)
		CHECK(in_namespace(out.canonical, user) && out.tag[0] &&
		      !out.digest[0]);

	rc = image_name_may_pull(in, "1", user, NULL, NULL, &out, err,
				 sizeof(err));
	if (rc == IMAGE_NAME_OK) {
		char owner[IMAGEREF_NAME_MAX + 1];

		CHECK(!image_name_owner(&out, owner, sizeof(owner)) ||
		      strcmp(owner, user) == 0);
		/* registries on this host: the user's own namespace only */
		CHECK((strcmp(out.domain, "localhost") != 0 &&
		       strncmp(out.domain, "localhost:", 10) != 0) ||
		      in_namespace(out.canonical, user));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char buf[FUZZ_MAX_INPUT + 1];
	const char *user = "alice", *ref = buf;
	char *nl;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	init();
	memcpy(buf, data, size);
	buf[size] = '\0';
	nl = strchr(buf, '\n');
	if (nl) {
		*nl = '\0';
		user = buf;
		ref = nl + 1;
	}
	check_ref(ref);
	check_names(ref, user);
	return 0;
}
