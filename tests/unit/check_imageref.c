/*
 * Tests for imageref_parse: the docker reference grammar part by part
 * (path components, domains, tags, digests, the name length), the
 * normalization rules (docker.io, library/, index.docker.io, latest), the
 * familiar form, image IDs against names that may be ID prefixes, and the
 * tag / digest replacement helpers.  Each rule has rows that fail if the
 * rule is dropped.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imageref.h"

#define HEX64 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define HEX64_UPPER                                                            \
	"0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF"
#define DIGEST "sha256:" HEX64

struct ok_row {
	const char *in, *canonical, *familiar;
};

/* Accepted, with this canonical and familiar form. */
static void expect_ok(const char *in, const char *canonical,
		      const char *familiar, int line)
{
	struct imageref r;
	int rc = imageref_parse(in, &r);

	ck_assert_msg(rc == IMAGEREF_OK, "line %d: %s refused: %s", line, in,
		      r.why);
	ck_assert_msg(strcmp(r.canonical, canonical) == 0,
		      "line %d: %s: canonical %s, want %s", line, in,
		      r.canonical, canonical);
	ck_assert_msg(strcmp(r.familiar, familiar) == 0,
		      "line %d: %s: familiar %s, want %s", line, in, r.familiar,
		      familiar);
	ck_assert_msg(r.why && r.why[0] == '\0', "line %d: why set", line);
}
#define OK(in, canon, fam) expect_ok(in, canon, fam, __LINE__)

/* Refused; `why` (if non-NULL) is a substring of the reason. */
static void expect_bad(const char *in, const char *why, int line)
{
	struct imageref r;
	int rc;

	memset(&r, 'x', sizeof(r));
	rc = imageref_parse(in, &r);
	ck_assert_msg(rc == IMAGEREF_EBAD, "line %d: %s accepted as %s", line,
		      in ? in : "(null)", r.canonical);
	ck_assert_msg(r.why && r.why[0], "line %d: no reason", line);
	ck_assert_msg(!why || strstr(r.why, why), "line %d: %s: reason %s",
		      line, in ? in : "(null)", r.why);
	ck_assert_msg(r.canonical[0] == '\0' && r.name[0] == '\0' &&
			      r.tag[0] == '\0' && r.digest[0] == '\0' &&
			      !r.is_id && !r.maybe_id_prefix,
		      "line %d: output left on failure", line);
}
#define BAD(in)		 expect_bad(in, NULL, __LINE__)
#define BAD_WHY(in, why) expect_bad(in, why, __LINE__)

static char *repeat(char c, size_t n)
{
	char *s = malloc(n + 1);

	ck_assert(s != NULL);
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

START_TEST(normalization)
{
	/* no domain -> docker.io; single component -> library/; latest */
	OK("alpine", "docker.io/library/alpine:latest", "alpine:latest");
	OK("alpine:3.19", "docker.io/library/alpine:3.19", "alpine:3.19");
	OK("library/alpine", "docker.io/library/alpine:latest",
	   "alpine:latest");
	OK("docker.io/alpine", "docker.io/library/alpine:latest",
	   "alpine:latest");
	OK("docker.io/library/alpine:edge", "docker.io/library/alpine:edge",
	   "alpine:edge");
	OK("alice/app:1", "docker.io/alice/app:1", "alice/app:1");
	OK("docker.io/alice/app", "docker.io/alice/app:latest",
	   "alice/app:latest");
	OK("alice/a/b/c", "docker.io/alice/a/b/c:latest", "alice/a/b/c:latest");
	/* index.docker.io is docker.io, before library/ is added */
	OK("index.docker.io/alpine", "docker.io/library/alpine:latest",
	   "alpine:latest");
	OK("index.docker.io/alice/app:2", "docker.io/alice/app:2",
	   "alice/app:2");
	/* other registries: nothing added but the tag */
	OK("localhost/app", "localhost/app:latest", "localhost/app:latest");
	OK("localhost:5000/alice/app:v2", "localhost:5000/alice/app:v2",
	   "localhost:5000/alice/app:v2");
	OK("registry.example.com/team/app:1", "registry.example.com/team/app:1",
	   "registry.example.com/team/app:1");
	OK("quay.io/app", "quay.io/app:latest", "quay.io/app:latest");
	/* a digest: no tag added; both kept when both given */
	OK("alpine@" DIGEST, "docker.io/library/alpine@" DIGEST,
	   "alpine@" DIGEST);
	OK("alpine:3@" DIGEST, "docker.io/library/alpine:3@" DIGEST,
	   "alpine:3@" DIGEST);
	OK("localhost:5000/app@" DIGEST, "localhost:5000/app@" DIGEST,
	   "localhost:5000/app@" DIGEST);
}
END_TEST

START_TEST(parts)
{
	struct imageref r;

	ck_assert_int_eq(imageref_parse("alpine", &r), IMAGEREF_OK);
	ck_assert_str_eq(r.domain, "docker.io");
	ck_assert_str_eq(r.path, "library/alpine");
	ck_assert_str_eq(r.name, "docker.io/library/alpine");
	ck_assert_str_eq(r.tag, "latest");
	ck_assert_str_eq(r.digest, "");
	ck_assert(r.tag_implied && !r.is_id && !r.maybe_id_prefix);

	ck_assert_int_eq(imageref_parse("[::1]:5000/a/b:t@" DIGEST, &r),
			 IMAGEREF_OK);
	ck_assert_str_eq(r.domain, "[::1]:5000");
	ck_assert_str_eq(r.path, "a/b");
	ck_assert_str_eq(r.tag, "t");
	ck_assert_str_eq(r.digest, DIGEST);
	ck_assert(!r.tag_implied);

	ck_assert_int_eq(imageref_parse("alpine:latest", &r), IMAGEREF_OK);
	ck_assert(!r.tag_implied);
	ck_assert_int_eq(imageref_parse("alpine@" DIGEST, &r), IMAGEREF_OK);
	ck_assert(!r.tag_implied && r.tag[0] == '\0');
}
END_TEST

START_TEST(domain_split)
{
	/* the first component is a domain with '.', ':' or localhost;
	 * otherwise it is part of the path (and lowercase, as on 20.10) */
	OK("localhost", "docker.io/library/localhost:latest",
	   "localhost:latest");
	OK("localhost:5000", "docker.io/library/localhost:5000",
	   "localhost:5000");
	OK("docker.io", "docker.io/library/docker.io:latest",
	   "docker.io:latest");
	OK("alpine:1/foo", "alpine:1/foo:latest", "alpine:1/foo:latest");
	BAD_WHY("Foo/bar", "must be lowercase");
	BAD_WHY("LOCALHOST/bar", "must be lowercase");
	OK("Foo.com/bar", "Foo.com/bar:latest", "Foo.com/bar:latest");
	OK("my-registry/app", "docker.io/my-registry/app:latest",
	   "my-registry/app:latest");
	/* domains */
	OK("127.0.0.1:5000/a", "127.0.0.1:5000/a:latest",
	   "127.0.0.1:5000/a:latest");
	OK("a-b.C-d.e:1/x", "a-b.C-d.e:1/x:latest", "a-b.C-d.e:1/x:latest");
	OK("[fe80::1]/x", "[fe80::1]/x:latest", "[fe80::1]/x:latest");
	OK("[::]:65535/x", "[::]:65535/x:latest", "[::]:65535/x:latest");
	OK("x.y:99999/z", "x.y:99999/z:latest", "x.y:99999/z:latest");
	BAD_WHY("-a.com/x", "registry host");
	BAD_WHY("a-.com/x", "registry host");
	BAD_WHY("a..com/x", "registry host");
	BAD_WHY(".com/x", "registry host");
	BAD_WHY("a.com./x", "registry host");
	BAD_WHY("localhost:/x", "registry host");
	BAD_WHY("localhost:123456/x", "registry host");
	BAD_WHY("localhost:5a/x", "registry host");
	BAD_WHY("a:1:2/x", "registry host");
	BAD_WHY("[::1/x", "registry host");
	BAD("[]/x"); /* no '.' or ':': a path, and not a valid one */
	BAD("[1]/x");
	BAD_WHY("[1:2]/x", "registry host");
	BAD_WHY("[::g]/x", "registry host");
	BAD_WHY("[::1]x/y", "registry host");
	BAD_WHY("[::1]:/y", "registry host");
	BAD_WHY("[0000:0000:0000:0000:0000:0000:0000:00001]/y",
		"registry host");
	BAD_WHY("a_b.c/x", "registry host");
	BAD_WHY("Foo_.x/x", "registry host");
	/* ':' and '@' have no place in the path */
	BAD("localhost/a:b/c");
}
END_TEST

START_TEST(path_components)
{
	OK("a-b--c/d__e/f.g/h_i/j0", "docker.io/a-b--c/d__e/f.g/h_i/j0:latest",
	   "a-b--c/d__e/f.g/h_i/j0:latest");
	OK("0/9", "docker.io/0/9:latest", "0/9:latest");
	BAD_WHY("/alpine", "components");
	BAD_WHY("alpine/", "components");
	BAD_WHY("a//b", "components");
	BAD_WHY("a/./b", "components");
	BAD_WHY("a/../b", "components");
	BAD_WHY("a..b", "components");
	BAD_WHY("a._b", "components");
	BAD_WHY("a_.b", "components");
	BAD_WHY("a.-b", "components");
	BAD_WHY("a-.b", "components");
	BAD_WHY("-a", "components");
	BAD_WHY("a-", "components");
	BAD_WHY("_a", "components");
	BAD_WHY("a_", "components");
	BAD_WHY("a.", "components");
	BAD_WHY("a___b", "components");
	BAD_WHY("localhost/", "components");
	BAD_WHY("docker.io/", "components");
	/* uppercase is refused in the path, with docker's words */
	BAD_WHY("Alpine", "must be lowercase");
	BAD_WHY("alice/App", "must be lowercase");
	BAD_WHY("localhost:5000/Foo", "must be lowercase");
	BAD_WHY(HEX64_UPPER, "must be lowercase");
	BAD_WHY("SHA256:" HEX64, "must be lowercase");
}
END_TEST

START_TEST(tags)
{
	char buf[512];
	char *t128 = repeat('t', 128);

	OK("a:_x", "docker.io/library/a:_x", "a:_x");
	OK("a:A-z.0_9", "docker.io/library/a:A-z.0_9", "a:A-z.0_9");
	OK("a:0", "docker.io/library/a:0", "a:0");
	snprintf(buf, sizeof(buf), "a:%s", t128);
	ck_assert_int_eq(imageref_parse(buf, &(struct imageref){0}),
			 IMAGEREF_OK);
	snprintf(buf, sizeof(buf), "a:%st", t128);
	BAD_WHY(buf, "tag");
	BAD_WHY("a:", "tag");
	BAD_WHY("a:.x", "tag");
	BAD_WHY("a:-x", "tag");
	BAD_WHY("a:b:c", "tag");
	BAD_WHY("sha256:", "tag");
	free(t128);
}
END_TEST

START_TEST(digests)
{
	BAD_WHY("a@", "digest");
	BAD_WHY("a@sha256:abc", "digest");
	BAD_WHY("a@sha256:" HEX64 "0", "digest");
	BAD_WHY("a@sha256:" HEX64_UPPER, "digest");
	BAD_WHY("a@sha512:" HEX64 HEX64, "digest");
	BAD_WHY("a@sha384:" HEX64, "digest");
	BAD_WHY("a@SHA256:" HEX64, "digest");
	BAD_WHY("a@" HEX64, "digest");
	BAD_WHY("a@" DIGEST "@" DIGEST, "digest");
	BAD_WHY("a@" DIGEST ":t", "digest");
	BAD("@" DIGEST);
	BAD(":t@" DIGEST);
}
END_TEST

/* Long inputs: accepted or refused, checked by length. */
static void expect_len(const char *in, int ok, int line)
{
	struct imageref r;
	int rc = imageref_parse(in, &r);

	ck_assert_msg((rc == IMAGEREF_OK) == ok, "line %d: length %zu: %s",
		      line, strlen(in), rc == IMAGEREF_OK ? "accepted" : r.why);
	if (!ok)
		ck_assert_msg(strstr(r.why, "255"), "line %d: %s", line, r.why);
}

START_TEST(name_length_edges)
{
	char buf[IMAGEREF_INPUT_MAX + 64];
	char *a237 = repeat('a', 237), *a245 = repeat('a', 245);
	char *t128 = repeat('t', 128);

	expect_len(a237, 1, __LINE__);
	snprintf(buf, sizeof(buf), "%sa", a237);
	expect_len(buf, 0, __LINE__); /* 238: short typed, long normalized */
	snprintf(buf, sizeof(buf), "localhost/%s", a245);
	expect_len(buf, 1, __LINE__);
	snprintf(buf, sizeof(buf), "localhost/%sa", a245);
	expect_len(buf, 0, __LINE__);
	/* index.docker.io shortens: 16 + 8 + 231 typed, 255 normalized */
	snprintf(buf, sizeof(buf), "index.docker.io/library/%.231s", a245);
	expect_len(buf, 1, __LINE__);
	/* the longest canonical form there is, and it fits */
	snprintf(buf, sizeof(buf), "localhost/%s:%s@" DIGEST, a245, t128);
	expect_len(buf, 1, __LINE__);
	ck_assert_uint_eq(strlen(buf), IMAGEREF_CANON_MAX);
	/* input past IMAGEREF_INPUT_MAX is refused before parsing */
	memset(buf, 'a', IMAGEREF_INPUT_MAX + 1);
	buf[IMAGEREF_INPUT_MAX + 1] = '\0';
	BAD_WHY(buf, "255");
	free(a237);
	free(a245);
	free(t128);
}
END_TEST

/* Refused by the character filter, before any part is looked at. */
static void expect_bad_char(const char *in, int line)
{
	struct imageref r;

	ck_assert_msg(imageref_parse(in, &r) == IMAGEREF_EBAD,
		      "line %d: accepted", line);
	ck_assert_msg(strcmp(r.why, "invalid reference format") == 0,
		      "line %d: reason %s", line, r.why);
}
#define BAD_CHAR(in) expect_bad_char(in, __LINE__)

START_TEST(characters)
{
	char buf[IMAGEREF_INPUT_MAX + 2];

	BAD_CHAR("a b");
	BAD_CHAR("alpine:1\n");
	BAD_CHAR("alice/app:1\x1b[2J");
	BAD_CHAR("a@sha256:\x7f");
	BAD_CHAR("\xc3\xa4");
	/* the length is checked first: no scan of a huge input */
	memset(buf, ' ', sizeof(buf) - 1);
	buf[sizeof(buf) - 1] = '\0';
	BAD_WHY(buf, "255");
	BAD("");
	BAD(NULL);
	BAD("a b");
	BAD(" a");
	BAD("a\t");
	BAD("a\nb");
	BAD("a%2fb");
	BAD("a;b");
	BAD("a\\b");
	BAD("a+b");
	BAD("a$b");
	BAD("\xc3\xa4");
	BAD("a/b#c");
	BAD("a?b");
}
END_TEST

/* The familiar form drops docker.io/ and a lone library/ only where the
 * rest still reads as the same name. */
START_TEST(familiar)
{
	OK("docker.io/library/a/b", "docker.io/library/a/b:latest",
	   "library/a/b:latest");
	OK("docker.io/john.doe/app", "docker.io/john.doe/app:latest",
	   "docker.io/john.doe/app:latest");
	OK("docker.io/localhost/app", "docker.io/localhost/app:latest",
	   "docker.io/localhost/app:latest");
	OK("docker.io/library/a.b", "docker.io/library/a.b:latest",
	   "a.b:latest");
	OK("library/library", "docker.io/library/library:latest",
	   "library:latest");
	/* not "sha256:<64 hex>", which is an image ID */
	OK("sha256:" HEX64_UPPER, "docker.io/library/sha256:" HEX64_UPPER,
	   "library/sha256:" HEX64_UPPER);
	OK("index.docker.io/sha256:" HEX64, "docker.io/library/sha256:" HEX64,
	   "library/sha256:" HEX64);
	OK("sha256:2f7d", "docker.io/library/sha256:2f7d",
	   "library/sha256:2f7d");
	OK("sha256", "docker.io/library/sha256:latest",
	   "library/sha256:latest");
}
END_TEST

struct id_row {
	const char *in;
	int is_id, maybe_prefix;
	const char *canonical;
};

START_TEST(ids_and_prefixes)
{
	static const struct id_row rows[] = {
		/* full IDs are never names */
		{HEX64, 1, 0, DIGEST},
		{DIGEST, 1, 0, DIGEST},
		/* short hex: a name (library/<hex>) and maybe an ID prefix */
		{"a", 0, 1, "docker.io/library/a:latest"},
		{"12345", 0, 1, "docker.io/library/12345:latest"},
		{"2f7d0c4b9e1a", 0, 1, "docker.io/library/2f7d0c4b9e1a:latest"},
		{"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abc"
		 "de",
		 0, 1,
		 "docker.io/library/"
		 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abc"
		 "de"
		 ":latest"},
		{"sha256:2f7d", 0, 1, "docker.io/library/sha256:2f7d"},
		{"sha256:a", 0, 1, "docker.io/library/sha256:a"},
		/* not hex, too long, uppercase, with more: plain names */
		{"abcg", 0, 0, "docker.io/library/abcg:latest"},
		{HEX64 "0", 0, 0, "docker.io/library/" HEX64 "0:latest"},
		{HEX64 ":latest", 0, 0, "docker.io/library/" HEX64 ":latest"},
		{"sha256:" HEX64_UPPER, 0, 0,
		 "docker.io/library/sha256:" HEX64_UPPER},
		{"sha256:2F7D", 0, 0, "docker.io/library/sha256:2F7D"},
		{"library/abc", 0, 0, "docker.io/library/abc:latest"},
		{"abc:1", 0, 0, "docker.io/library/abc:1"},
		{"sha512:abc", 0, 0, "docker.io/library/sha512:abc"},
	};
	struct imageref r;
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		ck_assert_msg(imageref_parse(rows[i].in, &r) == IMAGEREF_OK,
			      "%s: %s", rows[i].in, r.why);
		ck_assert_msg(r.is_id == rows[i].is_id &&
				      r.maybe_id_prefix == rows[i].maybe_prefix,
			      "%s: is_id %d maybe_id_prefix %d", rows[i].in,
			      r.is_id, r.maybe_id_prefix);
		ck_assert_msg(strcmp(r.canonical, rows[i].canonical) == 0,
			      "%s: %s", rows[i].in, r.canonical);
	}
	ck_assert_int_eq(imageref_parse(HEX64, &r), IMAGEREF_OK);
	ck_assert_str_eq(r.digest, DIGEST);
	ck_assert_str_eq(r.familiar, DIGEST);
	ck_assert(r.name[0] == '\0' && r.tag[0] == '\0' && !r.tag_implied);
}
END_TEST

START_TEST(canonical_reparses)
{
	static const char *const in[] = {
		"alpine",
		"alice/app:1",
		"localhost/app",
		"Foo.com/bar",
		"[::1]:5000/a/b:t@" DIGEST,
		"alpine:1/foo",
		"docker.io/john.doe/app",
		"docker.io/library/a/b",
		"sha256:2f7d",
		HEX64,
		"localhost:5000",
	};
	struct imageref a, b, c;
	size_t i;

	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		ck_assert_int_eq(imageref_parse(in[i], &a), IMAGEREF_OK);
		ck_assert_int_eq(imageref_parse(a.canonical, &b), IMAGEREF_OK);
		ck_assert_int_eq(imageref_parse(a.familiar, &c), IMAGEREF_OK);
		ck_assert_str_eq(b.canonical, a.canonical);
		ck_assert_str_eq(c.canonical, a.canonical);
		ck_assert_str_eq(b.familiar, a.familiar);
	}
}
END_TEST

START_TEST(with_tag_and_digest)
{
	struct imageref r;

	ck_assert_int_eq(imageref_parse("alice/app", &r), IMAGEREF_OK);
	ck_assert_int_eq(imageref_with_tag(&r, "2"), IMAGEREF_OK);
	ck_assert_str_eq(r.canonical, "docker.io/alice/app:2");
	ck_assert_str_eq(r.familiar, "alice/app:2");
	ck_assert(!r.tag_implied);
	/* invalid tags leave r as it was */
	ck_assert_int_eq(imageref_with_tag(&r, ""), IMAGEREF_EBAD);
	ck_assert_int_eq(imageref_with_tag(&r, ".x"), IMAGEREF_EBAD);
	ck_assert_int_eq(imageref_with_tag(&r, "a:b"), IMAGEREF_EBAD);
	ck_assert_int_eq(imageref_with_tag(&r, NULL), IMAGEREF_EBAD);
	ck_assert_str_eq(r.canonical, "docker.io/alice/app:2");
	/* WithTag keeps a digest */
	ck_assert_int_eq(imageref_parse("a@" DIGEST, &r), IMAGEREF_OK);
	ck_assert_int_eq(imageref_with_tag(&r, "t"), IMAGEREF_OK);
	ck_assert_str_eq(r.canonical, "docker.io/library/a:t@" DIGEST);
	/* name@digest drops the tag */
	ck_assert_int_eq(imageref_parse("a:3", &r), IMAGEREF_OK);
	ck_assert_int_eq(imageref_with_digest(&r, DIGEST), IMAGEREF_OK);
	ck_assert_str_eq(r.canonical, "docker.io/library/a@" DIGEST);
	ck_assert_int_eq(imageref_with_digest(&r, "sha256:abc"), IMAGEREF_EBAD);
	ck_assert_int_eq(imageref_with_digest(&r, "latest"), IMAGEREF_EBAD);
	/* IDs take neither; the short-ID flag goes with the input */
	ck_assert_int_eq(imageref_parse(HEX64, &r), IMAGEREF_OK);
	ck_assert_int_eq(imageref_with_tag(&r, "t"), IMAGEREF_EBAD);
	ck_assert_int_eq(imageref_with_digest(&r, DIGEST), IMAGEREF_EBAD);
	ck_assert_int_eq(imageref_parse("abc", &r), IMAGEREF_OK);
	ck_assert(r.maybe_id_prefix);
	ck_assert_int_eq(imageref_with_tag(&r, "1"), IMAGEREF_OK);
	ck_assert(!r.maybe_id_prefix);
}
END_TEST

START_TEST(component_helper)
{
	ck_assert(imageref_component_valid("alice", 5));
	ck_assert(imageref_component_valid("john.doe", 8));
	ck_assert(imageref_component_valid("a--b", 4));
	ck_assert(!imageref_component_valid("", 0));
	ck_assert(!imageref_component_valid("Alice", 5));
	ck_assert(!imageref_component_valid("_apt", 4));
	ck_assert(!imageref_component_valid("bob.", 4));
	ck_assert(!imageref_component_valid("a/b", 3));
	/* the length counts, not the NUL */
	ck_assert(imageref_component_valid("ab-", 2));
	ck_assert(!imageref_component_valid("ab-", 3));
}
END_TEST

static Suite *imageref_suite(void)
{
	Suite *s = suite_create("imageref");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, normalization);
	tcase_add_test(tc, parts);
	tcase_add_test(tc, domain_split);
	tcase_add_test(tc, path_components);
	tcase_add_test(tc, tags);
	tcase_add_test(tc, digests);
	tcase_add_test(tc, name_length_edges);
	tcase_add_test(tc, characters);
	tcase_add_test(tc, familiar);
	tcase_add_test(tc, ids_and_prefixes);
	tcase_add_test(tc, canonical_reparses);
	tcase_add_test(tc, with_tag_and_digest);
	tcase_add_test(tc, component_helper);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(imageref_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
