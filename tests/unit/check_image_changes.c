/*
 * The `changes` of docker commit and docker import (gate/image_changes.c):
 * one instruction per change, none that reaches into the next line (the
 * gate appends its own owner-label change last), ONBUILD refused.
 */
#include <check.h>
#include <string.h>

#include "image_changes.h"

static char ERR[512];

static void ok(const char *c)
{
	ERR[0] = '\0';
	ck_assert_msg(image_change_check(c, ERR, sizeof(ERR)) == 0,
		      "%s refused: %s", c, ERR);
}

static void no(const char *c, const char *want)
{
	ERR[0] = '\0';
	ck_assert_msg(image_change_check(c, ERR, sizeof(ERR)) == -1,
		      "%s accepted", c);
	ck_assert_msg(strstr(ERR, want), "\"%s\" lacks \"%s\"", ERR, want);
	ck_assert_msg(!strncmp(ERR, "--change is refused: ", 21), "%s", ERR);
}

START_TEST(test_accepted)
{
	ok("ENV Z=1");
	ok("env Z=1");
	ok("CMD [\"sh\"]");
	ok("ENTRYPOINT /bin/sh -c");
	ok("  USER 1000:1000");
	ok("WORKDIR /srv");
	ok("EXPOSE 80/tcp");
	ok("VOLUME /data");
	ok("STOPSIGNAL SIGTERM");
	ok("HEALTHCHECK NONE");
	ok("LABEL a=b c=\"d e\"");
	ok("ENV A=b\tc");
	ok("ENV A=\\\\x"); /* an escaped backslash inside, not at the end */
}
END_TEST

START_TEST(test_refused)
{
	no("ONBUILD RUN id", "ONBUILD");
	no("onbuild LABEL x=y", "ONBUILD");
	no("RUN id", "only CMD, ENTRYPOINT");
	no("FROM busybox", "only CMD");
	no("COPY a b", "only CMD");
	no("ENVX a=b", "only CMD");
	no("", "empty");
	no("   ", "empty");
	no("ENV A=b\nLABEL io.docker-gate.owner=bob", "one line");
	no("ENV A=b\r", "one line");
	no("ENV A=\\", "continuation");
	no("ENV A=` ", "continuation");
	no("ENV A=b \\  ", "continuation");
	no("# escape=`", "comments");
	no("  #x", "comments");
	no("CMD cat <<EOF", "heredocs");
	no("ENV A=\x7f", "control");
}
END_TEST

START_TEST(test_limits)
{
	char big[IMAGE_CHANGE_LEN_MAX + 8];

	memset(big, 'a', sizeof(big));
	memcpy(big, "ENV A=", 6);
	big[IMAGE_CHANGE_LEN_MAX] = '\0';
	ok(big);
	big[IMAGE_CHANGE_LEN_MAX] = 'a';
	big[IMAGE_CHANGE_LEN_MAX + 1] = '\0';
	no(big, "too long");
	no(NULL, "empty");
	/* the gate's own change passes its own check */
	ok(IMAGE_CHANGES_OWNER);
}
END_TEST

static int body_empty(const char *b)
{
	return image_commit_body_empty(b, strlen(b));
}

START_TEST(test_commit_body)
{
	ck_assert_int_eq(body_empty(""), 1);
	ck_assert_int_eq(body_empty(" \r\n"), 1);
	ck_assert_int_eq(body_empty("null"), 1);
	ck_assert_int_eq(body_empty("null\n"), 1);
	ck_assert_int_eq(body_empty("{}"), 1);
	ck_assert_int_eq(body_empty(" { } "), 1);
	ck_assert_int_eq(body_empty("{\"User\":\"0\"}"), 0);
	ck_assert_int_eq(body_empty("{\"Labels\":{}}"), 0);
	ck_assert_int_eq(body_empty("[]"), 0);
	ck_assert_int_eq(body_empty("0"), 0);
	ck_assert_int_eq(body_empty("{} {\"User\":\"0\"}"), 0);
	ck_assert_int_eq(body_empty("nul"), 0);
	ck_assert_int_eq(image_commit_body_empty("{}x", 2), 1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("image_changes");
	TCase *tc = tcase_create("image_changes");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_accepted);
	tcase_add_test(tc, test_refused);
	tcase_add_test(tc, test_limits);
	tcase_add_test(tc, test_commit_body);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
