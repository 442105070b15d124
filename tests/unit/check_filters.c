/*
 * Tests for filters_add_owner: both JSON forms dockerd reads, the owner
 * term added to existing label terms, empty input, every refusal rule
 * (one row each), the limits at and past their edge, and the reserved
 * "label!" rule.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "filters.h"

#define OWNER_TERM "io.docker-gate.owner=alice"

static char ERR[512];

static int run(const char *in, const char *owner, char **out)
{
	ERR[0] = '\0';
	return filters_add_owner(in, owner, out, ERR, sizeof(ERR));
}

/* Accepted, and the output is exactly `want`. */
static void expect_out(const char *in, const char *want, int line)
{
	char *out = NULL;
	int rc = run(in, "alice", &out);

	ck_assert_msg(rc == FILTERS_OK, "line %d: %s: rc %d (%s)", line,
		      in ? in : "(null)", rc, ERR);
	ck_assert_msg(out && strcmp(out, want) == 0,
		      "line %d: %s: got %s, want %s", line, in ? in : "(null)",
		      out ? out : "(null)", want);
	free(out);
}
#define OUT(in, want) expect_out(in, want, __LINE__)

/* Refused with rc, nothing returned, a message given. */
static void expect_rc(const char *in, const char *owner, int want, int line)
{
	static char sentinel[] = "sentinel";
	char *out = sentinel;
	int rc = run(in, owner, &out);

	ck_assert_msg(rc == want, "line %d: %s: rc %d, want %d (%s)", line,
		      in ? in : "(null)", rc, want, ERR);
	ck_assert_msg(out == NULL, "line %d: output on failure", line);
	ck_assert_msg(ERR[0] != '\0', "line %d: no message", line);
}
#define BAD(in)	    expect_rc(in, "alice", FILTERS_EBAD, __LINE__)
#define REFUSED(in) expect_rc(in, "alice", FILTERS_EREFUSED, __LINE__)

START_TEST(empty_input)
{
	OUT(NULL, "{\"label\":{\"" OWNER_TERM "\":true}}");
	OUT("", "{\"label\":{\"" OWNER_TERM "\":true}}");
	OUT("{}", "{\"label\":{\"" OWNER_TERM "\":true}}");
	/* Go's json.Unmarshal allows surrounding whitespace too */
	OUT(" {} \n", "{\"label\":{\"" OWNER_TERM "\":true}}");
}
END_TEST

START_TEST(map_form)
{
	/* what CLI 28 sends for docker ps --filter status=running */
	OUT("{\"status\":{\"running\":true}}",
	    "{\"status\":{\"running\":true},\"label\":{\"" OWNER_TERM
	    "\":true}}");
	OUT("{\"label\":{\"com.example=1\":true}}",
	    "{\"label\":{\"com.example=1\":true,\"" OWNER_TERM "\":true}}");
	OUT("{\"label\":{\"a\":true,\"b=2\":true},\"name\":{\"web\":true}}",
	    "{\"label\":{\"a\":true,\"b=2\":true,\"" OWNER_TERM
	    "\":true},\"name\":{\"web\":true}}");
	/* values are kept: ExactMatch keys read them */
	OUT("{\"status\":{\"running\":false}}",
	    "{\"status\":{\"running\":false},\"label\":{\"" OWNER_TERM
	    "\":true}}");
	OUT("{\"label\":{}}", "{\"label\":{\"" OWNER_TERM "\":true}}");
}
END_TEST

START_TEST(list_form)
{
	/* what docker-py sends; forwarded in the map form */
	OUT("{\"label\":[\"com.example=1\"]}",
	    "{\"label\":{\"com.example=1\":true,\"" OWNER_TERM "\":true}}");
	OUT("{\"status\":[\"exited\",\"created\"]}",
	    "{\"status\":{\"exited\":true,\"created\":true},\"label\":{"
	    "\"" OWNER_TERM "\":true}}");
	OUT("{\"label\":[\"a\",\"a\"]}",
	    "{\"label\":{\"a\":true,\"" OWNER_TERM "\":true}}");
	OUT("{\"label\":[]}", "{\"label\":{\"" OWNER_TERM "\":true}}");
}
END_TEST

START_TEST(owner_terms)
{
	/* the client's own copy of the term: kept, made true */
	OUT("{\"label\":{\"" OWNER_TERM "\":false}}",
	    "{\"label\":{\"" OWNER_TERM "\":true}}");
	/* another owner only narrows (to nothing): allowed */
	OUT("{\"label\":{\"io.docker-gate.owner=bob\":true}}",
	    "{\"label\":{\"io.docker-gate.owner=bob\":true,\"" OWNER_TERM
	    "\":true}}");
	/* keys are case-sensitive in dockerd: "Label" is another key */
	OUT("{\"Label\":{\"x\":true}}",
	    "{\"Label\":{\"x\":true},\"label\":{\"" OWNER_TERM "\":true}}");
	/* a user name with '=' and non-ASCII stays one value */
	char *out = NULL;

	ck_assert_int_eq(run(NULL, "j\xc3\xb6rg=x", &out), FILTERS_OK);
	ck_assert_str_eq(out, "{\"label\":{\"io.docker-gate.owner=j\xc3\xb6rg="
			      "x\":true}}");
	free(out);
}
END_TEST

START_TEST(malformed)
{
	BAD("[]");
	BAD("null");
	BAD("1");
	BAD("\"label\"");
	BAD(" ");
	BAD("{");
	BAD("{}x");
	BAD("{} {}");
	BAD("\xef\xbb\xbf{}"); /* BOM */
	BAD("{\"label\":\"a=b\"}");
	BAD("{\"label\":null}");
	BAD("{\"label\":true}");
	BAD("{\"label\":{\"a\":\"true\"}}");
	BAD("{\"label\":{\"a\":1}}");
	BAD("{\"label\":{\"a\":null}}");
	BAD("{\"label\":{\"a\":{}}}");
	BAD("{\"label\":[1]}");
	BAD("{\"label\":[null]}");
	BAD("{\"label\":[[\"a\"]]}");
	BAD("{\"label\":[\"a\"],\"status\":{\"running\":true}}");
	BAD("{\"status\":{\"running\":true},\"label\":[\"a\"]}");
	BAD("{\"label\":[\"\xff\"]}");
	BAD("{\"label\":[\"a\\u0000b\"]}");
}
END_TEST

START_TEST(duplicates)
{
	BAD("{\"label\":{\"a\":true},\"label\":{\"b\":true}}");
	BAD("{\"label\":{\"a\":true,\"a\":true}}");
	BAD("{\"label\":[\"a\"],\"label\":[\"b\"]}");
	/* escapes are decoded before comparing */
	BAD("{\"label\":{\"a\":true},\"\\u006cabel\":{\"b\":true}}");
}
END_TEST

/* {"label":{"<pad>":true}} of exactly `len` bytes. */
static char *sized(size_t len)
{
	static const char pre[] = "{\"label\":{\"", post[] = "\":true}}";
	size_t fixed = sizeof(pre) - 1 + sizeof(post) - 1;
	char *s = malloc(len + 1);

	ck_assert(s != NULL && len > fixed);
	memcpy(s, pre, sizeof(pre) - 1);
	memset(s + sizeof(pre) - 1, 'a', len - fixed);
	memcpy(s + len - (sizeof(post) - 1), post, sizeof(post));
	return s;
}

START_TEST(limits)
{
	char *s = sized(FILTERS_MAX), *out = NULL;

	ck_assert_int_eq(run(s, "alice", &out), FILTERS_OK);
	free(out);
	free(s);
	s = sized(FILTERS_MAX + 1);
	BAD(s);
	free(s);

	/* FILTERS_MAX_TERMS terms pass, one more does not */
	char buf[FILTERS_MAX];
	size_t o = 0;
	int i;

	o += (size_t)snprintf(buf + o, sizeof(buf) - o, "{\"label\":[");
	for (i = 0; i < FILTERS_MAX_TERMS; i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s\"%d\"",
				      i ? "," : "", i);
	snprintf(buf + o, sizeof(buf) - o, "]}");
	ck_assert_int_eq(run(buf, "alice", &out), FILTERS_OK);
	free(out);
	snprintf(buf + o, sizeof(buf) - o, ",\"x\"]}");
	BAD(buf);
	/* the count is over all keys */
	snprintf(buf + o, sizeof(buf) - o, "],\"status\":[\"x\"]}");
	BAD(buf);
}
END_TEST

START_TEST(owner_invalid)
{
	char big[FILTERS_OWNER_MAX + 2];

	expect_rc("{}", NULL, FILTERS_EBAD, __LINE__);
	expect_rc("{}", "", FILTERS_EBAD, __LINE__);
	memset(big, 'u', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	expect_rc("{}", big, FILTERS_EBAD, __LINE__);
	expect_rc("{}", "\xff", FILTERS_EBAD, __LINE__);
}
END_TEST

START_TEST(reserved_negation)
{
	/* CLI: --filter 'label!=io.docker-gate.owner=alice' */
	REFUSED("{\"label!\":{\"io.docker-gate.owner=alice\":true}}");
	REFUSED("{\"label!\":{\"io.docker-gate.owner\":true}}");
	REFUSED("{\"label!\":[\"io.docker-gate.owner=bob\"]}");
	REFUSED("{\"label!\":{\"io.docker-gate.other\":false}}");
	REFUSED("{\"until\":{\"24h\":true},\"label!\":{\"a\":true,"
		"\"io.docker-gate.x=1\":true}}");
	/* other negations, and the prefix without the dot, pass */
	OUT("{\"label!\":{\"keep=1\":true}}",
	    "{\"label!\":{\"keep=1\":true},\"label\":{\"" OWNER_TERM
	    "\":true}}");
	OUT("{\"label!\":[\"io.docker-gatex\"]}",
	    "{\"label!\":{\"io.docker-gatex\":true},\"label\":{\"" OWNER_TERM
	    "\":true}}");
}
END_TEST

/* The output always parses, in the map form, and holds the owner term. */
START_TEST(output_shape)
{
	static const char *const ins[] = {
		NULL,
		"{\"label\":[\"a=b\"],\"dangling\":[\"true\"]}",
		"{\"type\":{\"container\":true},\"event\":{\"start\":true}}",
		"{\"label\":{\"x\\\"y\":true}}",
	};
	size_t i;

	for (i = 0; i < sizeof(ins) / sizeof(ins[0]); i++) {
		char *out = NULL;
		json_t *j, *label, *v;
		const char *k;

		ck_assert_int_eq(run(ins[i], "alice", &out), FILTERS_OK);
		j = json_loads(out, JSON_REJECT_DUPLICATES, NULL);
		ck_assert(json_is_object(j));
		json_object_foreach(j, k, v)
			ck_assert_msg(json_is_object(v), "%s: %s", out, k);
		label = json_object_get(j, "label");
		ck_assert(json_is_true(json_object_get(label, OWNER_TERM)));
		json_decref(j);
		free(out);
	}
}
END_TEST

static Suite *filters_suite(void)
{
	Suite *s = suite_create("filters");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, empty_input);
	tcase_add_test(tc, map_form);
	tcase_add_test(tc, list_form);
	tcase_add_test(tc, owner_terms);
	tcase_add_test(tc, malformed);
	tcase_add_test(tc, duplicates);
	tcase_add_test(tc, limits);
	tcase_add_test(tc, owner_invalid);
	tcase_add_test(tc, reserved_negation);
	tcase_add_test(tc, output_shape);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(filters_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
