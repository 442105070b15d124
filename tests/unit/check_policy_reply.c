/*
 * `docker policy`: the client's reply parser and host parsing
 * (wrapper/policy_reply.c), and the contract with the gate: what the gate
 * builds (gate/policy_view_body.c) the client reads back unchanged.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy_reply.h"
#include "policy_view.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static struct policy_reply R;

/* A full answer: head lines (CRLF each, no final empty line) + body. */
static char *answer(const char *head, const char *body)
{
	size_t n = strlen(head) + strlen(body) + 3;
	char *a = malloc(n);

	ck_assert_ptr_nonnull(a);
	snprintf(a, n, "%s\r\n%s", head, body);
	return a;
}

/* An answer with an exact Content-Length. */
static char *answer_cl(int status, const char *ctype, const char *body)
{
	char head[256];

	snprintf(head, sizeof(head),
		 "HTTP/1.1 %d X\r\nContent-Type: %s\r\n"
		 "Content-Length: %zu\r\n",
		 status, ctype, strlen(body));
	return answer(head, body);
}

static int parse(const char *a, int eof)
{
	policy_reply_free(&R);
	return policy_reply_parse(a, strlen(a), eof, &R);
}

static void teardown(void)
{
	policy_reply_free(&R);
}

START_TEST(gate_body_round_trip)
{
	static const char text[] = "docker-gate policy for alice (uid 1001)\n"
				   "bind mounts allowed under: /home/alice "
				   "(from /etc/docker-gate/users/alice.conf:2)"
				   "\n\"quoted\" \\ tab\there é\n";
	size_t len;
	char *body = policy_view_body("alice", 1001, text, &len), *a, *json;

	ck_assert_ptr_nonnull(body);
	ck_assert_uint_eq(len, strlen(body));
	/* ASCII only on the wire */
	for (size_t i = 0; i < len; i++)
		ck_assert_int_lt((unsigned char)body[i], 0x80);
	a = answer_cl(200, "application/json", body);
	ck_assert_int_eq(parse(a, 0), PREPLY_OK);
	ck_assert_int_eq(R.status, 200);
	ck_assert_str_eq(R.user, "alice");
	ck_assert_uint_eq(R.uid, 1001);
	ck_assert_str_eq(R.policy, text);
	json = policy_reply_json(&R);
	ck_assert_ptr_nonnull(json);
	ck_assert_str_eq(json, body);
	free(json);
	free(a);
	free(body);
}
END_TEST

START_TEST(gate_body_not_utf8)
{
	size_t len;
	char *body = policy_view_body("al\xff"
				      "ce",
				      7, "x \xc3(", &len),
	     *a;

	ck_assert_ptr_nonnull(body);
	a = answer_cl(200, "application/json", body);
	ck_assert_int_eq(parse(a, 1), PREPLY_OK);
	ck_assert_str_eq(R.user, "al?ce");
	ck_assert_str_eq(R.policy, "x ?(");
	free(a);
	free(body);
}
END_TEST

START_TEST(dockerd_404_is_not_gate)
{
	/* dockerd's answer to an unknown path, and Go's plain-text one */
	static const char *const answers[] = {
		"HTTP/1.1 404 Not Found\r\nApi-Version: 1.47\r\n"
		"Content-Type: application/json\r\nDocker-Experimental: "
		"false\r\nOstype: linux\r\nServer: Docker/27.5.1 (linux)\r\n"
		"Date: Sun, 23 Nov 2025 22:00:00 GMT\r\nContent-Length: 29\r\n"
		"Connection: close\r\n\r\n{\"message\":\"page not found\"}\n",
		"HTTP/1.1 404 Not Found\r\nContent-Type: text/plain; "
		"charset=utf-8\r\nContent-Length: 19\r\n\r\n404 page not "
		"found\n",
		"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n",
		"HTTP/1.0 404 Not Found\r\n\r\n<html>nope</html>",
	};

	for (size_t i = 0; i < NELEM(answers); i++)
		ck_assert_msg(parse(answers[i], 1) == PREPLY_NOT_GATE,
			      "answer %zu", i);
	parse(answers[0], 0);
	ck_assert_str_eq(R.message, "page not found");
}
END_TEST

START_TEST(gate_errors_are_refusals)
{
	static const char msg[] = "{\"message\":\"docker-gate: the policy "
				  "plugin could not describe your policy\"}";
	char *a = answer_cl(500, "application/json", msg);

	ck_assert_int_eq(parse(a, 0), PREPLY_REFUSED);
	ck_assert_int_eq(R.status, 500);
	ck_assert_str_eq(R.message, "docker-gate: the policy plugin could "
				    "not describe your policy");
	free(a);
	a = answer_cl(403, "application/json",
		      "{\"message\":\"docker-gate: no\"}");
	ck_assert_int_eq(parse(a, 0), PREPLY_REFUSED);
	ck_assert_str_eq(R.message, "docker-gate: no");
	free(a);
	/* an error without a message is nobody's known answer */
	a = answer_cl(403, "application/json", "{\"error\":\"no\"}");
	ck_assert_int_eq(parse(a, 0), PREPLY_EBAD);
	free(a);
	a = answer_cl(302, "application/json", "{\"message\":\"elsewhere\"}");
	ck_assert_int_eq(parse(a, 0), PREPLY_EBAD);
	free(a);
}
END_TEST

/* Every proper prefix of a complete answer reads as "more to come", and
 * as cut short once the daemon has closed. */
START_TEST(prefixes_incomplete)
{
	char *a = answer_cl(200, "application/json",
			    "{\"User\":\"bob\",\"Uid\":1002,\"Policy\":\"p\"}");
	size_t len = strlen(a);

	for (size_t n = 0; n < len; n++) {
		policy_reply_free(&R);
		ck_assert_int_eq(policy_reply_parse(a, n, 0, &R),
				 PREPLY_INCOMPLETE);
		policy_reply_free(&R);
		ck_assert_int_eq(policy_reply_parse(a, n, 1, &R), PREPLY_EBAD);
		ck_assert(R.why[0] != '\0');
	}
	ck_assert_int_eq(parse(a, 0), PREPLY_OK);
	ck_assert_str_eq(R.user, "bob");
	free(a);
}
END_TEST

START_TEST(framings)
{
	static const char chunked[] =
		"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
		"Transfer-Encoding: chunked\r\n\r\n"
		"f\r\n{\"User\":\"a\",\"Ui\r\n"
		"18\r\nd\":1,\"Policy\":\"chunked\"}\r\n0\r\n\r\n";
	static const char until_close[] =
		"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n"
		"{\"User\":\"a\",\"Uid\":1,\"Policy\":\"eof\"}";
	char buf[512];

	ck_assert_int_eq(parse(chunked, 0), PREPLY_OK);
	ck_assert_str_eq(R.policy, "chunked");
	snprintf(buf, sizeof(buf), "%sX", chunked);
	ck_assert_int_eq(parse(buf, 1), PREPLY_EBAD);
	snprintf(buf, sizeof(buf), "%.*s", (int)strlen(chunked) - 2, chunked);
	ck_assert_int_eq(parse(buf, 0), PREPLY_INCOMPLETE);
	ck_assert_int_eq(parse(buf, 1), PREPLY_EBAD);
	/* a body that ends at EOF is whole only at EOF */
	ck_assert_int_eq(parse(until_close, 0), PREPLY_INCOMPLETE);
	ck_assert_int_eq(parse(until_close, 1), PREPLY_OK);
	ck_assert_str_eq(R.policy, "eof");
	/* bytes beyond Content-Length */
	snprintf(buf, sizeof(buf),
		 "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
		 "Content-Length: 2\r\n\r\n{}HTTP/1.1 200 OK\r\n\r\n");
	ck_assert_int_eq(parse(buf, 0), PREPLY_EBAD);
	/* a bodiless answer with a body */
	ck_assert_int_eq(parse("HTTP/1.1 204 No Content\r\n\r\n{}", 1),
			 PREPLY_EBAD);
}
END_TEST

START_TEST(not_gate_answers)
{
	static const char *const bodies[] = {
		"{\"User\":\"a\",\"Uid\":1}",		   /* no Policy */
		"{\"User\":1,\"Uid\":1,\"Policy\":\"p\"}", /* types */
		"{\"User\":\"a\",\"Uid\":\"1\",\"Policy\":\"p\"}",
		"{\"User\":\"a\",\"Uid\":1.5,\"Policy\":\"p\"}",
		"{\"User\":\"a\",\"Uid\":-1,\"Policy\":\"p\"}",
		"{\"User\":\"a\",\"Uid\":4294967295,\"Policy\":\"p\"}",
		"{\"User\":\"a\",\"User\":\"b\",\"Uid\":1,\"Policy\":\"p\"}",
		"{\"User\":\"a\",\"Uid\":1,\"Policy\":\"p\"} {}",
		"[\"User\"]",
		"not json",
		"{\"User\":\"a\\u0000b\",\"Uid\":1,\"Policy\":\"p\"}",
	};
	char *a, *json;

	for (size_t i = 0; i < NELEM(bodies); i++) {
		a = answer_cl(200, "application/json", bodies[i]);
		ck_assert_msg(parse(a, 1) == PREPLY_EBAD, "body %zu: %s", i,
			      bodies[i]);
		ck_assert(R.why[0] != '\0');
		free(a);
	}
	a = answer_cl(200, "text/html",
		      "{\"User\":\"a\",\"Uid\":1,"
		      "\"Policy\":\"p\"}");
	ck_assert_int_eq(parse(a, 1), PREPLY_EBAD);
	free(a);
	a = answer_cl(200, "application/jsonx", "{}");
	ck_assert_int_eq(parse(a, 1), PREPLY_EBAD);
	free(a);
	a = answer_cl(200, "Application/JSON; charset=utf-8",
		      "{\"User\":\"a\",\"Uid\":4294967294,\"Policy\":\"p\","
		      "\"Later\":true}");
	ck_assert_int_eq(parse(a, 1), PREPLY_OK);
	ck_assert_uint_eq(R.uid, 4294967294ULL);
	free(a);
	/* --json: control characters stay escaped, DEL included */
	a = answer_cl(
		200, "application/json",
		"{\"User\":\"a\",\"Uid\":1,\"Policy\":\"\\u001b[1m\x7f\"}");
	ck_assert_int_eq(parse(a, 1), PREPLY_OK);
	json = policy_reply_json(&R);
	ck_assert_str_eq(json, "{\"User\":\"a\",\"Uid\":1,\"Policy\":"
			       "\"\\u001B[1m\\u007f\"}");
	free(json);
	free(a);
	ck_assert_int_eq(parse("HTTP/1.1 100 Continue\r\n\r\n", 0),
			 PREPLY_EBAD);
	ck_assert_int_eq(parse("SSH-2.0-OpenSSH_9.2\r\n\r\n", 0), PREPLY_EBAD);
	ck_assert_int_eq(parse("", 1), PREPLY_EBAD);
}
END_TEST

START_TEST(size_limit)
{
	size_t n = POLICY_REPLY_MAX + 1;
	char *big = malloc(n);

	ck_assert_ptr_nonnull(big);
	memset(big, 'a', n);
	memcpy(big, "HTTP/1.1 200 OK\r\n\r\n", 19);
	policy_reply_free(&R);
	ck_assert_int_eq(policy_reply_parse(big, n, 0, &R), PREPLY_ETOOBIG);
	policy_reply_free(&R);
	ck_assert_int_eq(policy_reply_parse(big, n - 1, 1, &R), PREPLY_EBAD);
	free(big);
}
END_TEST

struct host_case {
	const char *host, *path; /* path NULL: refused */
};

START_TEST(hosts)
{
	static const struct host_case cases[] = {
		{"unix:///run/docker-gate.sock", "/run/docker-gate.sock"},
		{" unix:///a.sock\n", "/a.sock"},
		{"unix://", POLICY_DEFAULT_UNIX_SOCKET},
		{"unix://rel.sock", "rel.sock"},
		{"tcp://127.0.0.1:2375", NULL},
		{"ssh://me@host", NULL},
		{"fd://", NULL},
		{"npipe:////./pipe/docker_engine", NULL},
		{"/run/docker.sock", NULL},
		{"UNIX:///run/docker.sock", NULL},
		{"unix://tcp://x", NULL},
		{"", NULL},
		{NULL, NULL},
	};
	char path[108], err[256], longhost[300];

	for (size_t i = 0; i < NELEM(cases); i++) {
		int rc = policy_host_socket(cases[i].host, path, sizeof(path),
					    err, sizeof(err));

		if (cases[i].path) {
			ck_assert_msg(rc == 0, "%s: %s", cases[i].host, err);
			ck_assert_str_eq(path, cases[i].path);
		} else {
			ck_assert_msg(rc == -1, "%s accepted",
				      cases[i].host ? cases[i].host : "NULL");
			ck_assert(err[0] != '\0');
		}
	}
	memset(longhost, 'a', sizeof(longhost) - 1);
	longhost[sizeof(longhost) - 1] = '\0';
	memcpy(longhost, "unix:///", 8);
	ck_assert_int_eq(policy_host_socket(longhost, path, sizeof(path), err,
					    sizeof(err)),
			 -1);
}
END_TEST

START_TEST(text_clean)
{
	char s[] = "a\x1b[31mb\n\tc\x7f\xc2\x9b"
		   "d \xc3\xa9 \r\x07";

	policy_text_clean(s);
	ck_assert_str_eq(s, "a?[31mb\n\tc???d \xc3\xa9 ??");
	policy_text_clean(NULL);
}
END_TEST

static Suite *policy_reply_suite(void)
{
	Suite *s = suite_create("policy_reply");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, gate_body_round_trip);
	tcase_add_test(tc, gate_body_not_utf8);
	tcase_add_test(tc, dockerd_404_is_not_gate);
	tcase_add_test(tc, gate_errors_are_refusals);
	tcase_add_test(tc, prefixes_incomplete);
	tcase_add_test(tc, framings);
	tcase_add_test(tc, not_gate_answers);
	tcase_add_test(tc, size_limit);
	tcase_add_test(tc, hosts);
	tcase_add_test(tc, text_clean);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(policy_reply_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
