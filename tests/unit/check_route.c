/*
 * Router tests: one test per refusal rule (each fails if the rule is
 * removed), versions, percent-decoding, greedy image names, query
 * parsing, value checks, upstream targets, and every request the real
 * clients sent in tests/fixtures/captured.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "captured.h"
#include "query.h"
#include "route.h"

static struct route_match M;
static char ERR[512];

static int rt(const char *method, const char *target)
{
	ERR[0] = '\0';
	return route_match(method, target, strlen(target), &M, ERR,
			   sizeof(ERR));
}

/* rc is expected and, when sub is given, the message contains it. */
static void expect(const char *method, const char *target, int rc,
		   const char *sub, int line)
{
	int r = rt(method, target);

	ck_assert_msg(r == rc, "line %d: %s %s: rc %d, want %d (%s)", line,
		      method, target, r, rc, ERR);
	if (sub)
		ck_assert_msg(strstr(ERR, sub) != NULL,
			      "line %d: %s %s: message '%s' lacks '%s'", line,
			      method, target, ERR, sub);
	if (rc != ROUTE_OK)
		ck_assert_msg(M.def == NULL && ERR[0] != '\0',
			      "line %d: %s %s: failure without message", line,
			      method, target);
}

#define EXPECT(method, target, rc, sub)                                        \
	expect(method, target, rc, sub, __LINE__)
#define OK(method, target) EXPECT(method, target, ROUTE_OK, NULL)

struct req {
	const char *method;
	const char *target;
};

/* Every request line in tests/fixtures/captured that must pass. */
static const struct req captured_ok[] = {
	{"DELETE", "/v1.41/containers/c1"},
	{"DELETE", "/v1.41/containers/"
		   "c89629c88984993f12a3e5dd709a5db04f77cb85492d02bf5607b04d745"
		   "b912f?v=False&link=False&force=False"},
	{"DELETE", "/v1.41/containers/cx?force=1"},
	{"DELETE", "/v1.41/volumes/v"},
	{"DELETE", "/v1.41/volumes/v1"},
	{"DELETE", "/v1.41/volumes/vv"},
	{"GET", "/v1.41/containers/"
		"03c964b46a53e7f7a179c693113cf5e59b75641bdbc9108f94db38dc1b55e6"
		"49/logs?follow=1&stderr=1&stdout=1&tail=all"},
	{"GET", "/v1.41/containers/"
		"b1beb1de2766dc8d0b159d516be3d6170ba26b1f348cd5164581cc1bbb7803"
		"7d/logs?follow=1&stderr=1&stdout=1&tail=all"},
	{"GET", "/v1.41/containers/c1/archive?path=%2Ftmp%2Fcpin.txt"},
	{"GET", "/v1.41/containers/c1/json"},
	{"GET", "/v1.41/containers/c1/stats?stream=0"},
	{"GET", "/v1.41/containers/c1/top"},
	{"GET", "/v1.41/containers/"
		"c4a927f48a6d9e0caf3027e31df713ecbe493011a7f57de63952e0b3d27f30"
		"d2/json"},
	{"GET", "/v1.41/containers/"
		"c89629c88984993f12a3e5dd709a5db04f77cb85492d02bf5607b04d745b91"
		"2f/json"},
	{"GET", "/v1.41/containers/"
		"c89629c88984993f12a3e5dd709a5db04f77cb85492d02bf5607b04d745b91"
		"2f/logs?stderr=0&stdout=1&timestamps=0&follow=1&tail=all"},
	{"GET", "/v1.41/containers/"
		"c89629c88984993f12a3e5dd709a5db04f77cb85492d02bf5607b04d745b91"
		"2f/logs?stderr=1&stdout=1&timestamps=0&follow=0&tail=all"},
	{"GET", "/v1.41/containers/json?all=1"},
	{"GET", "/v1.41/containers/json?limit=-1&all=1&size=0&trunc_cmd=0"},
	{"GET", "/v1.41/events?since=0&until=1"},
	{"GET", "/v1.41/exec/"
		"0872c0efe5d18f6eda042c000f1f9c45ea32f70499fd79897a2dc8a2bfb750"
		"eb/json"},
	{"GET", "/v1.41/exec/"
		"35cca5f34caed57b51cd03a1a7b122c788b31454c6a95fe864662bfb004703"
		"7c/json"},
	{"GET", "/v1.41/exec/"
		"6966d7772947e546cba8fac68fdb2284796ea5561924617240cbd9cba79664"
		"5a/json"},
	{"GET", "/v1.41/exec/"
		"a34c0e2d388d09e6e20bca3fbd14c708f1995183ac7ea9bc69d34553371652"
		"06/json"},
	{"GET", "/v1.41/images/json"},
	{"GET", "/v1.41/info"},
	{"GET", "/v1.41/networks"},
	{"GET", "/v1.41/version"},
	{"GET", "/v1.41/volumes"},
	{"GET", "/version"},
	{"HEAD", "/_ping"},
	{"HEAD", "/v1.41/containers/c1/archive?path=%2Ftmp%2Fcpin.txt"},
	{"POST",
	 "/v1.41/"
	 "build?buildargs=%7B%7D&cachefrom=%5B%5D&cgroupparent=&cpuperiod=0&"
	 "cpuquota=0&cpusetcpus=&cpusetmems=&cpushares=0&dockerfile=Dockerfile&"
	 "labels=%7B%7D&memory=0&memswap=0&networkmode=default&rm=1&shmsize=0&"
	 "t=x%2Fy%3A1&target=&ulimits=null&version=1"},
	{"POST", "/v1.41/build?dockerfile=Dockerfile&t=x%2Fy%3A1&version=1"},
	{"POST", "/v1.41/containers/"
		 "03c964b46a53e7f7a179c693113cf5e59b75641bdbc9108f94db38dc1b55e"
		 "649/start"},
	{"POST", "/v1.41/containers/"
		 "03c964b46a53e7f7a179c693113cf5e59b75641bdbc9108f94db38dc1b55e"
		 "649/wait?condition=next-exit"},
	{"POST", "/v1.41/containers/"
		 "1ee3e7fb5d49d378e15fc94e0df0838a8ee2d4302137e1ab40bb29e066ad8"
		 "161/attach?stderr=1&stdin=1&stdout=1&stream=1"},
	{"POST", "/v1.41/containers/"
		 "1ee3e7fb5d49d378e15fc94e0df0838a8ee2d4302137e1ab40bb29e066ad8"
		 "161/start"},
	{"POST", "/v1.41/containers/"
		 "1ee3e7fb5d49d378e15fc94e0df0838a8ee2d4302137e1ab40bb29e066ad8"
		 "161/wait?condition=removed"},
	{"POST", "/v1.41/containers/"
		 "4680cbddbbfb33ad17aeead1350cb985a2e037bfb9c0879d732aa04c55523"
		 "a0e/attach?stderr=1&stdout=1&stream=1"},
	{"POST", "/v1.41/containers/"
		 "4680cbddbbfb33ad17aeead1350cb985a2e037bfb9c0879d732aa04c55523"
		 "a0e/start"},
	{"POST", "/v1.41/containers/"
		 "4680cbddbbfb33ad17aeead1350cb985a2e037bfb9c0879d732aa04c55523"
		 "a0e/wait?condition=removed"},
	{"POST", "/v1.41/containers/"
		 "6a43457aa51d8f8e4e897c6b1ed382ad66f883089993f8ae6150ed37ddabe"
		 "9ba/start"},
	{"POST", "/v1.41/containers/"
		 "6a43457aa51d8f8e4e897c6b1ed382ad66f883089993f8ae6150ed37ddabe"
		 "9ba/wait?condition=next-exit"},
	{"POST", "/v1.41/containers/"
		 "6d5613c18f705a38b9358a58dd7fcba232ac6bc0a0b24323c32f695b6819e"
		 "b42/attach?stderr=1&stdin=1&stdout=1&stream=1"},
	{"POST", "/v1.41/containers/"
		 "6d5613c18f705a38b9358a58dd7fcba232ac6bc0a0b24323c32f695b6819e"
		 "b42/start"},
	{"POST", "/v1.41/containers/"
		 "6d5613c18f705a38b9358a58dd7fcba232ac6bc0a0b24323c32f695b6819e"
		 "b42/wait?condition=removed"},
	{"POST", "/v1.41/containers/"
		 "8f74557eaba9a3dad54d733e0539d41db85b30af509396a301225cd006993"
		 "92d/start"},
	{"POST", "/v1.41/containers/"
		 "8f74557eaba9a3dad54d733e0539d41db85b30af509396a301225cd006993"
		 "92d/wait?condition=next-exit"},
	{"POST", "/v1.41/containers/"
		 "a1442681c23a0d104837d2852e20ca3733c1c69b4c176e8e8efdf011ddddd"
		 "744/attach?stderr=1&stdout=1&stream=1"},
	{"POST", "/v1.41/containers/"
		 "a1442681c23a0d104837d2852e20ca3733c1c69b4c176e8e8efdf011ddddd"
		 "744/start"},
	{"POST", "/v1.41/containers/"
		 "a1442681c23a0d104837d2852e20ca3733c1c69b4c176e8e8efdf011ddddd"
		 "744/wait?condition=removed"},
	{"POST", "/v1.41/containers/"
		 "b1beb1de2766dc8d0b159d516be3d6170ba26b1f348cd5164581cc1bbb780"
		 "37d/start"},
	{"POST", "/v1.41/containers/"
		 "b1beb1de2766dc8d0b159d516be3d6170ba26b1f348cd5164581cc1bbb780"
		 "37d/wait?condition=next-exit"},
	{"POST", "/v1.41/containers/c1/exec"},
	{"POST", "/v1.41/containers/c1/kill"},
	{"POST", "/v1.41/containers/c1/kill?signal=KILL"},
	{"POST", "/v1.41/containers/c1/pause"},
	{"POST", "/v1.41/containers/c1/rename?name=c1b"},
	{"POST", "/v1.41/containers/c1/restart?t=1"},
	{"POST", "/v1.41/containers/c1/start"},
	{"POST", "/v1.41/containers/c1/stop?t=1"},
	{"POST", "/v1.41/containers/c1/unpause"},
	{"POST", "/v1.41/containers/c1/wait"},
	{"POST", "/v1.41/containers/c1/wait?condition="},
	{"POST", "/v1.41/containers/c1b/rename?name=c1"},
	{"POST", "/v1.41/containers/"
		 "c89629c88984993f12a3e5dd709a5db04f77cb85492d02bf5607b04d745b9"
		 "12f/start"},
	{"POST", "/v1.41/containers/"
		 "c89629c88984993f12a3e5dd709a5db04f77cb85492d02bf5607b04d745b9"
		 "12f/wait"},
	{"POST", "/v1.41/containers/create"},
	{"POST", "/v1.41/containers/create?name=c1"},
	{"POST", "/v1.41/containers/create?name=cx"},
	{"POST", "/v1.41/containers/"
		 "df8be4b37f8d7c94d43451d33c2c082cd1d25be24ce9703b5e176dd1896d8"
		 "2f0/attach?stderr=1&stdout=1&stream=1"},
	{"POST", "/v1.41/containers/"
		 "df8be4b37f8d7c94d43451d33c2c082cd1d25be24ce9703b5e176dd1896d8"
		 "2f0/start"},
	{"POST", "/v1.41/containers/"
		 "df8be4b37f8d7c94d43451d33c2c082cd1d25be24ce9703b5e176dd1896d8"
		 "2f0/wait?condition=removed"},
	{"POST", "/v1.41/containers/"
		 "eb9c6b9c77891f29a1a00943164a584ab179c1492d5f3b512cb91321bd2bc"
		 "d28/attach?stderr=1&stdout=1&stream=1"},
	{"POST", "/v1.41/containers/"
		 "eb9c6b9c77891f29a1a00943164a584ab179c1492d5f3b512cb91321bd2bc"
		 "d28/start"},
	{"POST", "/v1.41/containers/"
		 "eb9c6b9c77891f29a1a00943164a584ab179c1492d5f3b512cb91321bd2bc"
		 "d28/wait?condition=removed"},
	{"POST", "/v1.41/exec/"
		 "0872c0efe5d18f6eda042c000f1f9c45ea32f70499fd79897a2dc8a2bfb75"
		 "0eb/start"},
	{"POST", "/v1.41/exec/"
		 "35cca5f34caed57b51cd03a1a7b122c788b31454c6a95fe864662bfb00470"
		 "37c/start"},
	{"POST", "/v1.41/exec/"
		 "6966d7772947e546cba8fac68fdb2284796ea5561924617240cbd9cba7966"
		 "45a/start"},
	{"POST", "/v1.41/exec/"
		 "a34c0e2d388d09e6e20bca3fbd14c708f1995183ac7ea9bc69d3455337165"
		 "206/start"},
	{"POST",
	 "/v1.41/images/create?fromImage=docker.io%2Flocal%2Fbusybox&tag=test"},
	{"POST", "/v1.41/images/create?fromImage=local%2Fbusybox&tag=test"},
	{"POST", "/v1.41/volumes/create"},
	{"POST", "/v1.41/containers/c1/update"},
	{"POST", "/v1.41/commit?author=me&changes=ENV+Z%3D1&comment=msg&"
		 "container=c&repo=docker.io%2Fapimap%2Fcommit&tag=1"},
	{"POST", "/v1.41/images/create?fromSrc=-&message=&repo=alice%2Fx%3A1&"
		 "tag="},
	{"PUT",
	 "/v1.41/containers/c1/archive?noOverwriteDirNonDir=true&path=%2Ftmp"},
};

/* Captured requests for routes refused in this milestone, and why. */
static const struct req captured_refused[] = {
	{"POST", "/v1.41/images/load?quiet=1"},
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

START_TEST(test_captured_table)
{
	size_t i;

	for (i = 0; i < NELEM(captured_ok); i++)
		OK(captured_ok[i].method, captured_ok[i].target);
	for (i = 0; i < NELEM(captured_refused); i++)
		EXPECT(captured_refused[i].method, captured_refused[i].target,
		       ROUTE_EREFUSED, "not supported by docker-gate yet");
}
END_TEST

struct walk_stats {
	int requests, refused;
};

/* The request line of a rebuilt head: "METHOD SP target SP HTTP/1.1". */
static void route_captured(const struct captured_head *h, void *arg)
{
	struct walk_stats *st = arg;
	char method[16], target[ROUTE_MAX_TARGET];
	const char *sp1, *sp2;
	size_t i;
	int rc;

	if (!h->is_request)
		return;
	sp1 = memchr(h->head, ' ', h->len);
	ck_assert_ptr_nonnull(sp1);
	sp2 = memchr(sp1 + 1, ' ', h->len - (size_t)(sp1 + 1 - h->head));
	ck_assert_ptr_nonnull(sp2);
	ck_assert_uint_lt((size_t)(sp1 - h->head), sizeof(method));
	memcpy(method, h->head, (size_t)(sp1 - h->head));
	method[sp1 - h->head] = '\0';
	memcpy(target, sp1 + 1, (size_t)(sp2 - sp1 - 1));
	target[sp2 - sp1 - 1] = '\0';
	st->requests++;
	rc = rt(method, target);
	for (i = 0; i < NELEM(captured_refused); i++) {
		if (strcmp(captured_refused[i].target, target) == 0) {
			ck_assert_int_eq(rc, ROUTE_EREFUSED);
			st->refused++;
			return;
		}
	}
	ck_assert_msg(rc == ROUTE_OK, "%s:%d: %s %s refused: %s", h->file,
		      h->line, method, target, ERR);
}

START_TEST(test_captured_walk)
{
	struct walk_stats st = {0, 0};
	int n = captured_foreach(CAPTURED_DIR, route_captured, &st);

	ck_assert_msg(n >= 0, "cannot read %s (run from the source root)",
		      CAPTURED_DIR);
	ck_assert_int_gt(st.requests, 200);
	/* update is routed now (the policy limits its resources); tag and
	 * rmi too, their names judged by the gate (tenancy_images.c) */
	ck_assert_int_eq(st.refused, 0);
}
END_TEST

/* ---- versions ---- */

struct vcase {
	const char *v;
	int rc;
	unsigned int minor;
};

START_TEST(test_versions)
{
	static const struct vcase cases[] = {
		{"1.24", ROUTE_OK, 24},
		{"1.41", ROUTE_OK, 41},
		{"1.55", ROUTE_OK, 55},
		{"1.041", ROUTE_OK, 41},
		{"01.41", ROUTE_OK, 41},
		{"1.41.0", ROUTE_OK, 41},
		{"1.41.0.0", ROUTE_OK, 41},
		{"0001.0041", ROUTE_OK, 41},
		{"1.23", ROUTE_EVERSION, 0},
		{"1.12", ROUTE_EVERSION, 0},
		{"1.56", ROUTE_EVERSION, 0},
		{"1.41.1", ROUTE_EVERSION, 0},
		{"1.41.0.1", ROUTE_EVERSION, 0},
		{"1.4.1", ROUTE_EVERSION, 0},
		{"2.0", ROUTE_EVERSION, 0},
		{"0.41", ROUTE_EVERSION, 0},
		{"9", ROUTE_EVERSION, 0},
		{"1", ROUTE_EVERSION, 0},
		{"1..41", ROUTE_EVERSION, 0},
		{"1.41.", ROUTE_EVERSION, 0},
		{"1.41..0", ROUTE_EVERSION, 0},
		{".", ROUTE_EVERSION, 0},
		{"1.", ROUTE_EVERSION, 0},
		{".41", ROUTE_EVERSION, 0},
		{"1.00041", ROUTE_EVERSION, 0},
		{"00001.41", ROUTE_EVERSION, 0},
		{"1.41.00000", ROUTE_EVERSION, 0},
		{"1.0.0.0.0.0.0.0.41", ROUTE_EVERSION, 0},
		{"1.99999999999999999999", ROUTE_EVERSION, 0},
	};
	char target[128];
	size_t i;

	for (i = 0; i < NELEM(cases); i++) {
		snprintf(target, sizeof(target), "/v%s/containers/json",
			 cases[i].v);
		EXPECT("GET", target, cases[i].rc, NULL);
		if (cases[i].rc == ROUTE_OK) {
			ck_assert_uint_eq(M.api_minor, cases[i].minor);
			ck_assert_str_eq(M.path, "/containers/json");
		} else {
			ck_assert_msg(strstr(ERR, "docker-gate accepts 1.24 "
						  "to 1.55") != NULL,
				      "%s: %s", target, ERR);
		}
	}
	EXPECT("GET", "/v1.23/containers/json", ROUTE_EVERSION,
	       "API version 1.23 is not supported: docker-gate accepts 1.24 "
	       "to 1.55");
}
END_TEST

START_TEST(test_version_prefix_shapes)
{
	/* "/v." has a version of "." (gorilla [0-9.]+), refused */
	EXPECT("GET", "/v./containers/json", ROUTE_EVERSION, "API version");
	/* not a version prefix: dockerd 404s these, we ask for a version */
	EXPECT("GET", "/V1.41/containers/json", ROUTE_EVERSION,
	       "must carry an API version");
	EXPECT("GET", "/v1.41x/containers/json", ROUTE_EVERSION,
	       "must carry an API version");
	EXPECT("GET", "/v/containers/json", ROUTE_EVERSION,
	       "must carry an API version");
	/* a second prefix is a path dockerd does not know */
	EXPECT("GET", "/v1.41/v1.41/containers/json", ROUTE_EREFUSED,
	       "is not an API route");
	/* the version is read after percent-decoding, like dockerd */
	OK("GET", "/%761.41/containers/json");
	ck_assert_uint_eq(M.api_minor, 41);
	EXPECT("GET", "/v1%2e23/containers/json", ROUTE_EVERSION, "1.23");
}
END_TEST

START_TEST(test_unversioned)
{
	OK("HEAD", "/_ping");
	ck_assert_uint_eq(M.api_minor, 0);
	ck_assert_int_eq(M.def->kind, RK_PING);
	OK("GET", "/_ping");
	ck_assert_uint_eq(M.api_minor, 0);
	/* python SDK version="auto" (captured py_from_env) */
	OK("GET", "/version");
	ck_assert_uint_eq(M.api_minor, 0);
	EXPECT("GET", "/containers/json", ROUTE_EVERSION,
	       "requests must carry an API version (/v1.NN/...)");
	EXPECT("POST", "/containers/create", ROUTE_EVERSION, NULL);
	EXPECT("GET", "/info", ROUTE_EVERSION, NULL);
	EXPECT("POST", "/version", ROUTE_EVERSION, NULL);
	EXPECT("GET", "/foo", ROUTE_EVERSION, NULL);
	/* BuildKit dials its session unversioned (the policy decides) */
	OK("POST", "/session");
	ck_assert_int_eq(M.def->kind, RK_SESSION);
	ck_assert_uint_eq(M.api_minor, 0);
	/* the control API and debug get their own refusal */
	EXPECT("POST", "/grpc", ROUTE_EREFUSED,
	       "BuildKit's control API (POST /grpc: docker buildx, compose "
	       "builds) is not available through docker-gate");
	EXPECT("POST", "/grpc", ROUTE_EREFUSED, "DOCKER_BUILDKIT=0");
	EXPECT("GET", "/debug/vars", ROUTE_EREFUSED, "debug");
	EXPECT("POST", "/debug/vars", ROUTE_EREFUSED, "debug");
	EXPECT("PUT", "/debug/pprof/heap", ROUTE_EREFUSED, "debug");
	/* versioned ping is fine too */
	OK("HEAD", "/v1.41/_ping");
	ck_assert_uint_eq(M.api_minor, 41);
}
END_TEST

/* `docker policy`: the gate's own route, with or without a version, no
 * query parameters, GET and HEAD only. */
START_TEST(test_policy_route)
{
	OK("GET", "/_docker-gate/policy");
	ck_assert_int_eq(M.def->kind, RK_POLICY);
	ck_assert_int_eq(M.def->body, RB_NONE);
	ck_assert_uint_eq(M.api_minor, 0);
	OK("HEAD", "/_docker-gate/policy");
	ck_assert_int_eq(M.def->kind, RK_POLICY);
	OK("GET", "/v1.41/_docker-gate/policy");
	ck_assert_int_eq(M.def->kind, RK_POLICY);
	ck_assert_uint_eq(M.api_minor, 41);
	EXPECT("GET", "/_docker-gate/policy?user=dgbob", ROUTE_EREFUSED,
	       "not allowed on GET /_docker-gate/policy");
	EXPECT("GET", "/_docker-gate/policy?uid=0", ROUTE_EREFUSED, NULL);
	EXPECT("POST", "/_docker-gate/policy", ROUTE_EVERSION, NULL);
	EXPECT("POST", "/v1.41/_docker-gate/policy", ROUTE_EREFUSED,
	       "is not an API route");
	EXPECT("GET", "/_docker-gate/policy/dgbob", ROUTE_EVERSION, NULL);
	EXPECT("GET", "/v1.41/_docker-gate/policy/dgbob", ROUTE_EREFUSED, NULL);
	EXPECT("GET", "/v1.23/_docker-gate/policy", ROUTE_EVERSION, "1.23");
}
END_TEST

/* ---- path decoding ---- */

START_TEST(test_percent)
{
	OK("GET", "/v1.41/%63ontainers/json");
	ck_assert_str_eq(M.path, "/containers/json");
	ck_assert_str_eq(M.def->pattern, "/containers/json");
	OK("GET", "/v1.41/containers/apimap%2Dt1/json");
	ck_assert_str_eq(M.object, "apimap-t1");
	OK("GET", "/v1.41/images/busybox%40sha256%3A"
		  "0123456789abcdef0123456789abcdef0123456789abcdef0123456789"
		  "abcdef/json");
	ck_assert_str_eq(M.object,
			 "busybox@sha256:0123456789abcdef0123456789abcdef012"
			 "3456789abcdef0123456789abcdef");
	OK("GET", "/v1.41/images/localhost%3A5000/x/json");
	ck_assert_str_eq(M.object, "localhost:5000/x");
	EXPECT("GET", "/v1.41/containers/apimap-t1%2Fjson", ROUTE_EBAD,
	       "escaped '/'");
	EXPECT("GET", "/v1.41/containers/apimap-t1%2fjson", ROUTE_EBAD,
	       "escaped '/'");
	EXPECT("GET", "/v1.41/containers/%2Fapimap-t1/json", ROUTE_EBAD,
	       "escaped '/'");
	EXPECT("GET", "/v1.41/containers/a%25b/json", ROUTE_EBAD,
	       "escaped '%'");
	EXPECT("GET", "/v1.41/containers/a%252Fb/json", ROUTE_EBAD,
	       "escaped '%'");
	EXPECT("GET", "/v1.41/containers/a%/json", ROUTE_EBAD,
	       "invalid percent-escape");
	EXPECT("GET", "/v1.41/containers/a%4/json", ROUTE_EBAD,
	       "invalid percent-escape");
	EXPECT("GET", "/v1.41/containers/a%zz/json", ROUTE_EBAD,
	       "invalid percent-escape");
	EXPECT("GET", "/v1.41/containers/json%", ROUTE_EBAD,
	       "invalid percent-escape");
	EXPECT("GET", "/v1.41/containers/json%4", ROUTE_EBAD,
	       "invalid percent-escape");
}
END_TEST

START_TEST(test_path_bytes)
{
	static const char *const bad[] = {
		"/v1.41/containers/a%20b/json",
		"/v1.41/containers/a%00b/json",
		"/v1.41/containers/a%01b/json",
		"/v1.41/containers/a%1Fb/json",
		"/v1.41/containers/a%7Fb/json",
		"/v1.41/containers/a%80b/json",
		"/v1.41/containers/a%C3%A9/json",
		"/v1.41/containers/a%FFb/json",
	};
	size_t i;

	for (i = 0; i < NELEM(bad); i++)
		EXPECT("GET", bad[i], ROUTE_EBAD,
		       "space, control or non-ASCII");
	/* raw bytes in the target */
	EXPECT("GET", "/v1.41/containers/a b/json", ROUTE_EBAD, "target");
	EXPECT("GET", "/v1.41/containers/a\tb/json", ROUTE_EBAD, "target");
	EXPECT("GET", "/v1.41/containers/\xc3\xa9/json", ROUTE_EBAD, "target");
	EXPECT("GET", "/v1.41/containers/json#x", ROUTE_EBAD, "'#'");
	/* an embedded NUL is a byte like any other: refused */
	ck_assert_int_eq(
		route_match("GET", "/v1.41/info\0x", 13, &M, ERR, sizeof(ERR)),
		ROUTE_EBAD);
	ck_assert_int_eq(
		route_match("GET", "/v1.41/info", 0, &M, ERR, sizeof(ERR)),
		ROUTE_EBAD);
	EXPECT("GET", "*", ROUTE_EBAD, "starting with '/'");
	EXPECT("GET", "http://docker/v1.41/info", ROUTE_EBAD,
	       "starting with '/'");
}
END_TEST

START_TEST(test_path_backslash_semicolon)
{
	EXPECT("GET", "/v1.41/containers/a\\b/json", ROUTE_EBAD, "'\\'");
	EXPECT("GET", "/v1.41/containers/a%5Cb/json", ROUTE_EBAD, "'\\'");
	EXPECT("GET", "/v1.41/containers/json;x", ROUTE_EBAD, "';'");
	EXPECT("GET", "/v1.41/containers/json%3Bx", ROUTE_EBAD, "';'");
}
END_TEST

START_TEST(test_path_shape)
{
	EXPECT("GET", "/v1.41//containers/json", ROUTE_EBAD, "'//'");
	EXPECT("GET", "//v1.41/containers/json", ROUTE_EBAD, "'//'");
	EXPECT("GET", "/v1.41/containers//json", ROUTE_EBAD, "'//'");
	EXPECT("GET", "/v1.41/images/a//b/json", ROUTE_EBAD, "'//'");
	EXPECT("GET", "/v1.41/./containers/json", ROUTE_EBAD, "'..'");
	EXPECT("GET", "/v1.41/images/../containers/json", ROUTE_EBAD, "'..'");
	EXPECT("GET", "/v1.41/images/%2e%2e/containers/json", ROUTE_EBAD,
	       "'..'");
	EXPECT("GET", "/v1.41/images/%2E/json", ROUTE_EBAD, "'..'");
	EXPECT("DELETE", "/v1.41/containers/.", ROUTE_EBAD, "segments");
	EXPECT("DELETE", "/v1.41/containers/..", ROUTE_EBAD, "segments");
	EXPECT("GET", "/v1.41/info/..", ROUTE_EBAD, "segments");
	EXPECT("GET", "/v1.41/info/.", ROUTE_EBAD, "segments");
	EXPECT("GET", "/v1.41/containers/json/", ROUTE_EBAD, "trailing '/'");
	EXPECT("GET", "/v1.41/volumes/", ROUTE_EBAD, "trailing '/'");
	EXPECT("GET", "/v1.41/", ROUTE_EREFUSED, "GET / is not an API route");
	EXPECT("GET", "/v1.41/networks//", ROUTE_EBAD, "'//'");
	/* dockerd registers GET /networks/: routed as GET /networks */
	OK("GET", "/v1.41/networks/");
	ck_assert_str_eq(M.path, "/networks");
	ck_assert_str_eq(M.def->pattern, "/networks");
	OK("GET", "/v1.41/networks/?filters=%7B%7D");
	EXPECT("POST", "/v1.41/networks/", ROUTE_EREFUSED,
	       "is not an API route");
	/* dots inside a segment are names, not segments */
	OK("GET", "/v1.41/containers/a..b/json");
	OK("GET", "/v1.41/images/.hidden/json");
}
END_TEST

/* ---- methods and routes ---- */

START_TEST(test_methods_exact)
{
	EXPECT("get", "/v1.41/containers/json", ROUTE_EREFUSED,
	       "get /containers/json is not an API route docker-gate "
	       "allows");
	EXPECT("Get", "/v1.41/info", ROUTE_EREFUSED, "not an API route");
	/* HEAD is not implied by GET */
	EXPECT("HEAD", "/v1.41/containers/json", ROUTE_EREFUSED,
	       "not an API route");
	OK("HEAD", "/v1.41/containers/c1/archive?path=%2F");
	EXPECT("POST", "/v1.41/info", ROUTE_EREFUSED, "not an API route");
	EXPECT("GET", "/v1.41/foo", ROUTE_EREFUSED,
	       "GET /foo is not an API route docker-gate allows");
	EXPECT("PATCH", "/v1.41/containers/c1/json", ROUTE_EREFUSED,
	       "not an API route");
	EXPECT("GET", "/v1.41/containers/c1/json/extra", ROUTE_EREFUSED,
	       "not an API route");
	EXPECT("OPTIONS", "/v1.41/containers/json", ROUTE_EREFUSED, "OPTIONS");
	EXPECT("OPTIONS", "/_ping", ROUTE_EREFUSED, "OPTIONS");
	EXPECT("OPTIONS", "/v1.41/x/y/z", ROUTE_EREFUSED, "OPTIONS");
	/* an odd method is echoed safely */
	EXPECT("G\x01T", "/v1.41/info", ROUTE_EREFUSED, "G?T /info");
}
END_TEST

START_TEST(test_greedy_image)
{
	OK("GET", "/v1.41/images/library/busybox:latest/json");
	ck_assert_str_eq(M.object, "library/busybox:latest");
	ck_assert_str_eq(M.def->pattern, "/images/{}/json");
	OK("GET", "/v1.41/images/registry.example.com:5000/a/b/c:1/history");
	ck_assert_str_eq(M.object, "registry.example.com:5000/a/b/c:1");
	/* greedy: the last /json is the route's, the rest is the name */
	OK("GET", "/v1.41/images/x/json/json");
	ck_assert_str_eq(M.object, "x/json");
	OK("GET", "/v1.41/images/x/get/get");
	ck_assert_str_eq(M.object, "x/get");
	OK("GET", "/v1.41/distribution/docker.io/library/alpine:3/json");
	ck_assert_str_eq(M.object, "docker.io/library/alpine:3");
	OK("GET", "/v1.41/images/a+b/json");
	/* greedy on DELETE too (the name rule is the gate's, not the
	 * router's) */
	OK("DELETE", "/v1.41/images/a/b/c:d");
	ck_assert_str_eq(M.object, "a/b/c:d");
	/* characters outside image references */
	EXPECT("GET", "/v1.41/images/a$b/json", ROUTE_EBAD,
	       "not a valid image reference in GET /images/{name}/json");
	EXPECT("GET", "/v1.41/images/a%3Fb/json", ROUTE_EBAD,
	       "image reference");
}
END_TEST

START_TEST(test_id_objects)
{
	OK("POST", "/v1.41/containers/my_c.1-x/start");
	ck_assert_str_eq(M.object, "my_c.1-x");
	ck_assert_str_eq(M.def->pattern, "/containers/{}/start");
	/* container, exec, volume, network IDs never contain '/' */
	EXPECT("GET", "/v1.41/containers/a/b/json", ROUTE_EBAD,
	       "'a/b' is not a valid name or ID");
	EXPECT("DELETE", "/v1.41/volumes/a/b", ROUTE_EBAD, "'a/b'");
	EXPECT("GET", "/v1.41/containers/a:b/json", ROUTE_EBAD,
	       "GET /containers/{id}/json");
	EXPECT("GET", "/v1.41/containers/a@b/json", ROUTE_EBAD, NULL);
	EXPECT("GET", "/v1.41/volumes/a+b", ROUTE_EBAD, "GET /volumes/{name}");
	/* GET /volumes/{} takes "create" as a name, as dockerd does */
	OK("GET", "/v1.41/volumes/create");
	ck_assert_str_eq(M.object, "create");
}
END_TEST

START_TEST(test_object_length)
{
	char target[ROUTE_MAX_OBJECT + 64];
	int n;

	n = snprintf(target, sizeof(target), "/v1.41/containers/");
	memset(target + n, 'a', ROUTE_MAX_OBJECT - 1);
	strcpy(target + n + ROUTE_MAX_OBJECT - 1, "/json");
	OK("GET", target);
	ck_assert_uint_eq(strlen(M.object), ROUTE_MAX_OBJECT - 1);
	memset(target + n, 'a', ROUTE_MAX_OBJECT);
	strcpy(target + n + ROUTE_MAX_OBJECT, "/json");
	EXPECT("GET", target, ROUTE_ETOOBIG, "longer than");
}
END_TEST

START_TEST(test_literal_before_variable)
{
	/* literal rows win over a {} row that could take the same path */
	OK("GET", "/v1.41/images/json");
	ck_assert_str_eq(M.def->pattern, "/images/json");
	OK("GET", "/v1.41/containers/json");
	ck_assert_str_eq(M.def->pattern, "/containers/json");
	OK("GET", "/v1.41/images/search?term=x");
	ck_assert_str_eq(M.def->pattern, "/images/search");
	OK("GET", "/v1.41/images/get?names=a&names=b");
	ck_assert_str_eq(M.def->pattern, "/images/get");
	OK("POST", "/v1.41/containers/create");
	ck_assert_int_eq(M.def->kind, RK_CREATE);
	OK("POST", "/v1.41/volumes/create");
	ck_assert_int_eq(M.def->kind, RK_VOLUME_CREATE);
	EXPECT("POST", "/v1.41/images/create", ROUTE_EREFUSED, "fromImage");
	EXPECT("POST", "/v1.41/images/load", ROUTE_EREFUSED, "docker load");
	EXPECT("POST", "/v1.41/images/prune", ROUTE_EREFUSED, "prune");
	OK("POST", "/v1.41/networks/create");
	ck_assert_int_eq(M.def->kind, RK_NETWORK_CREATE);
}
END_TEST

/* Each row routes to itself with a sample object (table sanity). */
START_TEST(test_table_self_routes)
{
	char target[256], path[128];
	const struct route_def *d;
	const char *var;
	size_t i;
	int rc;

	for (i = 0; i < route_table_len; i++) {
		d = &route_table[i];
		if (strcmp(d->method, "*") == 0 || strchr(d->pattern, '*'))
			continue;
		var = strstr(d->pattern, "{}");
		if (var)
			snprintf(path, sizeof(path), "%.*s%s%s",
				 (int)(var - d->pattern), d->pattern,
				 d->object == RO_IMAGE ? "a/b:c" : "abc",
				 var + 2);
		else
			snprintf(path, sizeof(path), "%s", d->pattern);
		snprintf(target, sizeof(target), "/v1.41%s", path);
		rc = rt(d->method, target);
		if (d->refused) {
			ck_assert_int_eq(rc, ROUTE_EREFUSED);
			ck_assert_str_eq(ERR, d->refused);
		} else if (strcmp(d->pattern, "/images/create") == 0) {
			ck_assert_int_eq(rc, ROUTE_EREFUSED);
		} else {
			ck_assert_msg(rc == ROUTE_OK && M.def == d,
				      "%s %s: %d %s", d->method, target, rc,
				      ERR);
		}
	}
}
END_TEST

START_TEST(test_table_shape)
{
	const struct route_def *d;
	const char *const *p;
	const char *var;
	size_t i, j;

	ck_assert_uint_gt(route_table_len, 60);
	for (i = 0; i < route_table_len; i++) {
		d = &route_table[i];
		ck_assert_ptr_nonnull(d->method);
		ck_assert_msg(d->pattern[0] == '/', "%s", d->pattern);
		var = strstr(d->pattern, "{}");
		ck_assert_msg(!var || !strstr(var + 2, "{}"), "%s", d->pattern);
		ck_assert_msg(!var == (d->object == RO_NONE), "%s", d->pattern);
		/* wildcards only on refused rows, star rows only with IDs */
		if (strchr(d->pattern, '*') || strcmp(d->method, "*") == 0)
			ck_assert_ptr_nonnull(d->refused);
		if (strchr(d->pattern, '*') && var)
			ck_assert_int_eq(d->object, RO_ID);
		if (d->refused) {
			ck_assert_msg(d->params == NULL && d->body == RB_NONE,
				      "%s", d->pattern);
			ck_assert_uint_gt(strlen(d->refused), 20);
		}
		/* list params are params */
		for (p = d->list_params; p && *p; p++) {
			for (j = 0; d->params[j]; j++)
				if (strcmp(d->params[j], *p) == 0)
					break;
			ck_assert_ptr_nonnull(d->params[j]);
		}
		/* bodies only where a canonicalizer or a stream handles them */
		if (d->body == RB_JSON)
			ck_assert_int_ne(d->kind, RK_GENERIC);
		/* no duplicate method + pattern */
		for (j = 0; j < i; j++)
			ck_assert_msg(
				strcmp(route_table[j].method, d->method) ||
					strcmp(route_table[j].pattern,
					       d->pattern),
				"duplicate %s %s", d->method, d->pattern);
	}
}
END_TEST

struct kind_case {
	const char *method, *target;
	enum route_kind kind;
	enum route_body body;
	enum route_hijack hijack;
};

START_TEST(test_route_kinds)
{
	static const struct kind_case cases[] = {
		{"POST", "/v1.41/containers/c/start", RK_GENERIC, RB_NONE,
		 RH_NONE},
		{"POST", "/v1.41/containers/c/attach", RK_GENERIC, RB_NONE,
		 RH_ALWAYS},
		{"POST", "/v1.41/containers/c/exec", RK_EXEC_CREATE, RB_JSON,
		 RH_NONE},
		{"POST", "/v1.41/exec/e/start", RK_EXEC_START, RB_JSON,
		 RH_UNLESS_DETACH},
		{"PUT", "/v1.41/containers/c/archive?path=%2F", RK_GENERIC,
		 RB_STREAM, RH_NONE},
		{"POST", "/v1.41/build", RK_BUILD, RB_STREAM, RH_NONE},
		{"POST", "/v1.41/containers/create", RK_CREATE, RB_JSON,
		 RH_NONE},
		{"POST", "/v1.41/volumes/create", RK_VOLUME_CREATE, RB_JSON,
		 RH_NONE},
		{"POST", "/v1.41/images/create?fromImage=a", RK_PULL, RB_STREAM,
		 RH_NONE},
		{"POST", "/v1.41/images/create?fromSrc=-", RK_PULL, RB_STREAM,
		 RH_NONE},
		{"POST", "/v1.41/commit?container=c", RK_COMMIT, RB_JSON,
		 RH_NONE},
		{"GET", "/v1.41/system/df", RK_DF, RB_NONE, RH_NONE},
		{"POST", "/v1.41/images/a/push?tag=1", RK_GENERIC, RB_NONE,
		 RH_NONE},
		{"GET", "/_ping", RK_PING, RB_NONE, RH_NONE},
	};
	size_t i;

	for (i = 0; i < NELEM(cases); i++) {
		OK(cases[i].method, cases[i].target);
		ck_assert_int_eq(M.def->kind, cases[i].kind);
		ck_assert_int_eq(M.def->body, cases[i].body);
		ck_assert_int_eq(M.def->hijack, cases[i].hijack);
	}
}
END_TEST

struct refusal {
	const char *method, *target, *why;
};

START_TEST(test_refused_rows)
{
	static const struct refusal cases[] = {
		{"POST", "/v1.41/images/load", "docker load"},
		{"POST", "/v1.41/build/prune", "prune"},
		{"POST", "/v1.41/auth", "docker login"},
		{"GET", "/v1.41/containers/c/attach/ws", "WebSocket"},
		{"GET", "/v1.41/containers/c/checkpoints", "checkpoints"},
		{"POST", "/v1.41/containers/c/checkpoints", "checkpoints"},
		{"DELETE", "/v1.41/containers/c/checkpoints/cp1",
		 "checkpoints"},
		{"POST", "/v1.41/containers/c/copy", "docker cp"},
		{"PUT", "/v1.41/volumes/v", "cluster volumes"},
		{"POST", "/v1.41/build/cancel?id=x", "cancelling a build"},
		{"POST", "/v1.41/grpc", "BuildKit"},
		{"GET", "/v1.41/plugins", "plugins are not available"},
		{"POST", "/v1.41/plugins/pull?remote=x", "plugins"},
		{"POST", "/v1.41/plugins/vieux/sshfs:1/enable", "plugins"},
		{"GET", "/v1.41/swarm",
		 "swarm is not available through docker-gate "
		 "(administrators use the docker socket directly)"},
		{"POST", "/v1.41/swarm/init", "swarm"},
		{"GET", "/v1.41/swarm/unlockkey", "swarm"},
		{"POST", "/v1.41/services/create", "swarm"},
		{"GET", "/v1.41/services/s/logs", "swarm"},
		{"GET", "/v1.41/nodes", "swarm"},
		{"GET", "/v1.41/tasks/t", "swarm"},
		{"POST", "/v1.41/secrets/create", "swarm"},
		{"GET", "/v1.41/configs/c", "swarm"},
		{"GET", "/v1.48/debug/vars", "debug"},
		{"DELETE", "/v1.41/debug/pprof/profile", "debug"},
	};
	size_t i;

	for (i = 0; i < NELEM(cases); i++)
		EXPECT(cases[i].method, cases[i].target, ROUTE_EREFUSED,
		       cases[i].why);
	/* one's own containers and volumes may be pruned (the gate adds
	 * the owner filter); images, networks, build cache may not */
	OK("POST", "/v1.41/containers/prune?filters=%7B%7D");
	OK("POST", "/v1.41/volumes/prune");
	OK("POST", "/v1.41/networks/prune");
	OK("POST", "/v1.41/networks/n/connect");
	ck_assert_int_eq(M.def->kind, RK_NETWORK_CONNECT);
	OK("POST", "/v1.41/networks/n/disconnect");
	ck_assert_int_eq(M.def->kind, RK_NETWORK_DISCONNECT);
	OK("DELETE", "/v1.41/networks/n");
	/* prefixes are whole segments: /pluginsx is just unknown */
	EXPECT("GET", "/v1.41/pluginsx", ROUTE_EREFUSED, "not an API route");
}
END_TEST

/* ---- query strings ---- */

START_TEST(test_query_parse)
{
	OK("GET", "/v1.41/containers/c/logs?stdout=1&&tail=all&");
	ck_assert_uint_eq(M.nparams, 2);
	ck_assert_str_eq(route_param(&M, "stdout"), "1");
	ck_assert_str_eq(route_param(&M, "tail"), "all");
	ck_assert_ptr_null(route_param(&M, "stderr"));
	/* '+' is a space, %XX a byte, a name alone has an empty value */
	OK("GET", "/v1.41/containers/c/top?ps_args=aux+-o%20pid");
	ck_assert_str_eq(route_param(&M, "ps_args"), "aux -o pid");
	OK("POST", "/v1.41/containers/c/wait?condition");
	ck_assert_str_eq(route_param(&M, "condition"), "");
	OK("POST", "/v1.41/containers/c/rename?name=a%3Db");
	ck_assert_str_eq(route_param(&M, "name"), "a=b");
	OK("POST", "/v1.41/containers/c/rename?n%61me=x");
	ck_assert_str_eq(route_param(&M, "name"), "x");
	/* UTF-8 in values (labels, build args) */
	OK("POST", "/v1.41/build?labels=%7B%22a%22%3A%22%C3%A9%E2%82%AC%22%7D");
	ck_assert_str_eq(route_param(&M, "labels"),
			 "{\"a\":\"\xc3\xa9\xe2\x82\xac\"}");
	/* names are case-sensitive, like r.Form.Get */
	EXPECT("GET", "/v1.41/containers/json?ALL=1", ROUTE_EREFUSED, "'ALL'");
}
END_TEST

START_TEST(test_query_semicolon)
{
	EXPECT("GET", "/v1.41/containers/json?all=1;x=2", ROUTE_EBAD, "';'");
	EXPECT("GET", "/v1.41/containers/json?all=1%3Bx", ROUTE_OK, NULL);
	EXPECT("GET", "/v1.41/containers/json?;", ROUTE_EBAD, "';'");
}
END_TEST

START_TEST(test_query_escapes)
{
	EXPECT("GET", "/v1.41/containers/json?all=%", ROUTE_EBAD,
	       "invalid percent-escape");
	EXPECT("GET", "/v1.41/containers/json?all=%4", ROUTE_EBAD,
	       "invalid percent-escape");
	EXPECT("GET", "/v1.41/containers/json?all=%g1", ROUTE_EBAD,
	       "invalid percent-escape");
	EXPECT("GET", "/v1.41/containers/json?a%ll=1", ROUTE_EBAD,
	       "invalid percent-escape");
	EXPECT("GET", "/v1.41/containers/json?all=%00", ROUTE_EBAD, "control");
	EXPECT("GET", "/v1.41/containers/json?all=%0A", ROUTE_EBAD, "control");
	EXPECT("GET", "/v1.41/containers/json?all=%1F", ROUTE_EBAD, "control");
	EXPECT("GET", "/v1.41/containers/json?all=%7F", ROUTE_EBAD, "control");
	EXPECT("GET", "/v1.41/containers/json?all%00=1", ROUTE_EBAD, "control");
	/* non-ASCII in a name, invalid UTF-8 in a value */
	EXPECT("GET", "/v1.41/containers/json?%C3%A9=1", ROUTE_EBAD,
	       "non-ASCII");
	EXPECT("GET", "/v1.41/containers/json?all=%FF", ROUTE_EBAD, "UTF-8");
	EXPECT("GET", "/v1.41/containers/json?all=%C0%AF", ROUTE_EBAD, "UTF-8");
	EXPECT("GET", "/v1.41/containers/json?all=%ED%A0%80", ROUTE_EBAD,
	       "UTF-8");
	EXPECT("GET", "/v1.41/containers/json?all=%E0%80%AF", ROUTE_EBAD,
	       "UTF-8");
	EXPECT("GET", "/v1.41/containers/json?all=%F0%80%80%AF", ROUTE_EBAD,
	       "UTF-8");
	EXPECT("GET", "/v1.41/containers/json?all=%F4%90%80%80", ROUTE_EBAD,
	       "UTF-8");
	OK("GET", "/v1.41/containers/json?all=%F0%9F%90%B3");
	EXPECT("GET", "/v1.41/containers/json?all=%E2%82", ROUTE_EBAD, "UTF-8");
	EXPECT("GET", "/v1.41/containers/json?=1", ROUTE_EBAD, "empty name");
}
END_TEST

START_TEST(test_query_unknown)
{
	EXPECT("POST", "/v1.41/containers/c/start?foo=1", ROUTE_EREFUSED,
	       "query parameter 'foo' is not allowed on POST "
	       "/containers/{id}/start");
	EXPECT("POST", "/v1.41/containers/c/start?checkpoint=cp",
	       ROUTE_EREFUSED, "checkpoints are not available");
	EXPECT("POST", "/v1.41/containers/c/start?checkpoint-dir=%2Ftmp",
	       ROUTE_EREFUSED, "checkpoints");
	OK("POST", "/v1.41/containers/c/start?detachKeys=ctrl-x");
	OK("POST", "/v1.41/images/create?fromSrc=-&repo=x");
	EXPECT("POST", "/v1.41/images/create?fromImage=a&changes=USER+0",
	       ROUTE_EREFUSED, "docker pull (fromImage) takes no changes");
	EXPECT("GET", "/v1.41/volumes/v?x=1", ROUTE_EREFUSED,
	       "not allowed on GET /volumes/{name}");
	EXPECT("GET", "/v1.41/images/a/b/json?x=1", ROUTE_EREFUSED,
	       "not allowed on GET /images/{name}/json");
	EXPECT("GET", "/v1.41/info?x=1", ROUTE_EREFUSED,
	       "not allowed on GET /info");
	EXPECT("HEAD", "/_ping?x=1", ROUTE_EREFUSED, "HEAD /_ping");
}
END_TEST

START_TEST(test_query_duplicates)
{
	EXPECT("GET", "/v1.41/containers/json?all=1&all=0", ROUTE_EREFUSED,
	       "query parameter 'all' is given more than once");
	EXPECT("GET", "/v1.41/containers/json?all=1&al%6c=0", ROUTE_EREFUSED,
	       "more than once");
	EXPECT("POST", "/v1.41/containers/c/rename?name=a&name=b",
	       ROUTE_EREFUSED, "more than once");
	/* list parameters may repeat, in order */
	OK("POST", "/v1.41/build?t=a%3A1&t=b%3A2&extrahosts=h%3A1.2.3.4"
		   "&extrahosts=g%3A1.2.3.5");
	ck_assert_uint_eq(M.nparams, 4);
	ck_assert_str_eq(M.params[0].value, "a:1");
	ck_assert_str_eq(M.params[1].value, "b:2");
	ck_assert_str_eq(route_param(&M, "t"), "a:1");
	OK("GET", "/v1.41/images/get?names=a&names=b%2Fc");
	ck_assert_uint_eq(M.nparams, 2);
	EXPECT("POST", "/v1.41/build?dockerfile=a&dockerfile=b", ROUTE_EREFUSED,
	       "more than once");
}
END_TEST

START_TEST(test_query_limits)
{
	static char target[ROUTE_MAX_TARGET + 16];
	size_t n, i;

	/* more than ROUTE_MAX_PARAMS (list parameters may repeat) */
	n = (size_t)snprintf(target, sizeof(target), "/v1.41/build?t=a");
	for (i = 1; i <= ROUTE_MAX_PARAMS; i++)
		n += (size_t)snprintf(target + n, sizeof(target) - n, "&t=a");
	EXPECT("POST", target, ROUTE_ETOOBIG, "query parameters");
	/* decoded store full: each bare "t&" takes 3 bytes of store for 2
	 * of target, so 47 of them and one long value overflow it */
	n = (size_t)snprintf(target, sizeof(target), "/v1.41/build?");
	for (i = 0; i < 47; i++)
		n += (size_t)snprintf(target + n, sizeof(target) - n, "t&");
	n += (size_t)snprintf(target + n, sizeof(target) - n, "t=");
	memset(target + n, 'a', 8049);
	n += 8049;
	target[n] = '\0';
	ck_assert_uint_lt(n, ROUTE_MAX_TARGET);
	EXPECT("POST", target, ROUTE_ETOOBIG, "query string is longer");
	/* the whole target */
	memset(target, 'a', ROUTE_MAX_TARGET);
	target[0] = '/';
	target[ROUTE_MAX_TARGET] = '\0';
	EXPECT("GET", target, ROUTE_ETOOBIG, "request target is longer");
	target[ROUTE_MAX_TARGET - 1] = '\0';
	EXPECT("GET", target, ROUTE_ETOOBIG, "path is longer");
}
END_TEST

START_TEST(test_param_bool)
{
	static const char *const falses[] = {
		"",
		"0",
		"no",
		"NO",
		"false",
		"False",
		"FALSE",
		"none",
		"None",
		"+0+",
		"%20false%20",
		"%C2%A0no",
		"%E2%80%83none%E3%80%80",
		"%C2%85false",
	};
	static const char *const trues[] = {
		"1",
		"true",
		"off",
		"n",
		"2",
		"yes",
		"x",
		"fa+lse",
		"00",
		"%C2%ADfalse",
		"%E2%80%8Bfalse",
		"n%C3%B8",
	};
	char target[128];
	size_t i;

	OK("POST", "/v1.41/containers/c/attach");
	ck_assert_int_eq(route_param_bool(&M, "stream", 0), 0);
	ck_assert_int_eq(route_param_bool(&M, "stream", 1), 1);
	for (i = 0; i < NELEM(falses); i++) {
		snprintf(target, sizeof(target),
			 "/v1.41/containers/c/attach?stream=%s", falses[i]);
		OK("POST", target);
		ck_assert_msg(route_param_bool(&M, "stream", 1) == 0, "%s",
			      falses[i]);
	}
	for (i = 0; i < NELEM(trues); i++) {
		snprintf(target, sizeof(target),
			 "/v1.41/containers/c/attach?stream=%s", trues[i]);
		OK("POST", target);
		ck_assert_msg(route_param_bool(&M, "stream", 0) == 1, "%s",
			      trues[i]);
	}
}
END_TEST

/* ---- value checks ---- */

START_TEST(test_build_defaults)
{
	/* python SDK defaults */
	OK("POST", "/v1.41/build?t=x&q=False&nocache=False&rm=False"
		   "&forcerm=False&pull=False&dockerfile=Dockerfile");
	OK("POST", "/v1.41/build?version=&networkmode=&isolation=default"
		   "&squash=0&ulimits=%5B%5D&outputs=null&remote=&session="
		   "&buildid=&memory=&cpuquota=0");
	OK("POST", "/v1.41/build?networkmode=bridge");
	OK("POST", "/v1.41/build?squash=False");
	OK("POST", "/v1.41/build?squash=+no+");
	OK("POST", "/v1.41/build?networkmode=none");
	OK("POST",
	   "/v1.41/build?platform=linux%2Famd64&target=t"
	   "&buildargs=%7B%22A%22%3A%221%22%7D&cachefrom=%5B%22a%22%5D");
}
END_TEST

START_TEST(test_build_refusals)
{
	static const struct refusal cases[] = {
		{"POST", "/v1.41/build?remote=https%3A%2F%2Fexample.com%2Fx",
		 "remote context"},
		{"POST", "/v1.41/build?remote=git%40github.com%3Aa%2Fb",
		 "remote context"},
		{"POST", "/v1.41/build?cgroupparent=x", "--cgroup-parent"},
		{"POST", "/v1.41/build?networkmode=host",
		 "--network=host on docker build is not available"},
		{"POST", "/v1.41/build?networkmode=container%3Ax",
		 "--network=container:x"},
		{"POST", "/v1.41/build?networkmode=mynet", "--network"},
		{"POST", "/v1.41/build?version=3", "version=2 (BuildKit)"},
		{"POST", "/v1.41/build?version=01", "BuildKit"},
		{"POST", "/v1.41/build?version=2.0", "BuildKit"},
		{"POST", "/v1.41/build?version=+2", "BuildKit"},
		{"POST", "/v1.41/build?session=abc", "belong to BuildKit"},
		{"POST", "/v1.41/build?buildid=abc", "belong to BuildKit"},
		{"POST", "/v1.41/build?version=1&session=abc", "BuildKit"},
		{"POST", "/v1.41/build?outputs=%5B%7B%7D%5D", "--output"},
		{"POST", "/v1.41/build?isolation=hyperv", "--isolation"},
		{"POST", "/v1.41/build?securityopt=seccomp%3Dunconfined",
		 "--security-opt"},
		{"POST", "/v1.41/build?securityopt=", "--security-opt"},
		{"POST", "/v1.41/build?squash=1", "--squash"},
		{"POST", "/v1.41/build?squash=off", "--squash"},
		{"POST", "/v1.41/build?memory=1",
		 "--memory on docker build is "
		 "not supported by docker-gate yet"},
		{"POST", "/v1.41/build?memory=-0", "--memory"},
		{"POST", "/v1.41/build?memswap=-1", "--memory-swap"},
		{"POST", "/v1.41/build?cpushares=2", "--cpu-shares"},
		{"POST", "/v1.41/build?cpuperiod=2", "--cpu-period"},
		{"POST", "/v1.41/build?cpuquota=2", "--cpu-quota"},
		{"POST", "/v1.41/build?cpusetcpus=0", "--cpuset-cpus"},
		{"POST", "/v1.41/build?cpusetmems=0", "--cpuset-mems"},
		{"POST", "/v1.41/build?shmsize=1", "--shm-size"},
		{"POST",
		 "/v1.41/build?ulimits=%5B%7B%22Name%22%3A%22n%22%7D%5D",
		 "--ulimit"},
	};
	size_t i;

	for (i = 0; i < NELEM(cases); i++)
		EXPECT(cases[i].method, cases[i].target, ROUTE_EREFUSED,
		       cases[i].why);
	/* a dangerous value after an allowed one is still seen */
	EXPECT("POST", "/v1.41/build?t=a&securityopt=&securityopt=x",
	       ROUTE_EREFUSED, "--security-opt");
}
END_TEST

START_TEST(test_pull)
{
	OK("POST", "/v1.41/images/create?fromImage=busybox&tag=latest");
	OK("POST", "/v1.41/images/create?fromImage=busybox&platform=linux");
	EXPECT("POST", "/v1.41/images/create", ROUTE_EREFUSED,
	       "needs fromImage (docker pull) or fromSrc=- (docker import)");
	EXPECT("POST", "/v1.41/images/create?fromImage=&tag=x", ROUTE_EREFUSED,
	       "fromImage");
	EXPECT("POST", "/v1.41/images/create?fromImage=a&message=m",
	       ROUTE_EREFUSED, "takes no message");
	EXPECT("POST", "/v1.41/images/create?fromImage=a&fromSrc=-",
	       ROUTE_EREFUSED, "takes no fromSrc");
	EXPECT("POST", "/v1.41/images/create?fromImage=a&repo=b",
	       ROUTE_EREFUSED, "takes no repo");
}
END_TEST

/* docker import: only from the request body (fromSrc=-); any other
 * fromSrc is a URL dockerd would fetch itself (SSRF). */
START_TEST(test_import)
{
	OK("POST", "/v1.41/images/create?fromSrc=-");
	ck_assert_int_eq(route_is_import(&M), 1);
	OK("POST", "/v1.41/images/create?fromSrc=-&repo=a&tag=1&message=m&"
		   "changes=CMD+x&changes=ENV+a%3Db&platform=linux");
	EXPECT("POST", "/v1.41/images/create?fromSrc=http%3A%2F%2F10.0.0.1%2Fx",
	       ROUTE_EREFUSED, "docker import from a URL is refused");
	EXPECT("POST", "/v1.41/images/create?fromSrc=10.0.0.1%2Fx.tar",
	       ROUTE_EREFUSED, "from a URL");
	EXPECT("POST", "/v1.41/images/create?fromSrc=", ROUTE_EREFUSED,
	       "from a URL");
	EXPECT("POST", "/v1.41/images/create?fromSrc=--", ROUTE_EREFUSED,
	       "from a URL");
	EXPECT("POST", "/v1.41/images/create?fromSrc=-&fromSrc=x",
	       ROUTE_EREFUSED, "more than once");
	OK("POST", "/v1.41/images/create?fromImage=a");
	ck_assert_int_eq(route_is_import(&M), 0);
}
END_TEST

/* commit, push and system df are routes now (checked by the gate). */
START_TEST(test_commit_push_df)
{
	OK("POST", "/v1.41/commit?container=c&repo=a&tag=1&pause=0&"
		   "changes=CMD+x&changes=USER+1");
	EXPECT("POST", "/v1.41/commit?container=c&container=d", ROUTE_EREFUSED,
	       "more than once");
	EXPECT("POST", "/v1.41/commit?container=c&config=x", ROUTE_EREFUSED,
	       "not allowed");
	OK("POST", "/v1.41/images/alice/app/push?tag=1");
	ck_assert_str_eq(M.object, "alice/app");
	EXPECT("POST", "/v1.41/images/alice/app/push?all=1", ROUTE_EREFUSED,
	       "not allowed");
	OK("GET", "/v1.44/system/df?type=container&type=volume");
	EXPECT("GET", "/v1.41/system/df?verbose=1", ROUTE_EREFUSED,
	       "not allowed");
	EXPECT("POST", "/v1.41/system/df", ROUTE_EREFUSED, NULL);
}
END_TEST

/* ---- messages ---- */

START_TEST(test_messages_cli_phrases)
{
	static const char *const phrases[] = {
		"permission denied",
		"no such file or directory",
		"executable file not found",
	};
	size_t i, j;

	static const char *const targets[] = {
		"/v1.41/containers/json?permission+denied=1",
		"/v1.41/containers/json?No+Such+File+or%20directory=1",
		"/v1.41/containers/json?x+executable+file+not+found+x=1",
		"/v1.41/containers/json?all=1&permission+denied",
	};

	for (i = 0; i < NELEM(targets); i++) {
		EXPECT("GET", targets[i], ROUTE_EREFUSED, "refused");
		for (j = 0; j < NELEM(phrases); j++)
			ck_assert_ptr_null(strcasestr(ERR, phrases[j]));
	}
	for (i = 0; i < route_table_len; i++)
		for (j = 0; route_table[i].refused && j < NELEM(phrases); j++)
			ck_assert_ptr_null(
				strcasestr(route_table[i].refused, phrases[j]));
	for (i = 0; route_param_hints[i].method; i++)
		for (j = 0; j < NELEM(phrases); j++)
			ck_assert_ptr_null(strcasestr(route_param_hints[i].why,
						      phrases[j]));
}
END_TEST

START_TEST(test_messages_small_buffers)
{
	char small[8];

	ck_assert_int_eq(
		route_match("GET", "/v1.41/foo", 10, &M, small, sizeof(small)),
		ROUTE_EREFUSED);
	ck_assert_uint_eq(strlen(small), sizeof(small) - 1);
	ck_assert_int_eq(route_match("GET", "/v1.41/foo", 10, &M, NULL, 0),
			 ROUTE_EREFUSED);
	ck_assert_int_eq(
		route_match(NULL, "/v1.41/info", 11, &M, ERR, sizeof(ERR)),
		ROUTE_EBAD);
	ck_assert_int_eq(route_match("GET", NULL, 0, &M, ERR, sizeof(ERR)),
			 ROUTE_EBAD);
}
END_TEST

/* ---- upstream targets ---- */

struct up_case {
	const char *method, *in, *out;
};

START_TEST(test_upstream_round_trip)
{
	static const struct up_case cases[] = {
		{"HEAD", "/_ping", "/_ping"},
		{"GET", "/version", "/version"},
		{"GET", "/v1.41/_ping", "/v1.41/_ping"},
		{"GET", "/v1.041/containers/json?all=1",
		 "/v1.41/containers/json?all=1"},
		{"GET", "/v01.41.0/%63ontainers/json",
		 "/v1.41/containers/json"},
		{"GET", "/v1.24/info", "/v1.24/info"},
		{"GET", "/v1.41/networks/", "/v1.41/networks"},
		{"GET", "/v1.41/containers/json?all&&size=",
		 "/v1.41/containers/json?all=&size="},
		{"GET", "/v1.41/containers/c/top?ps_args=aux+-o%20pid",
		 "/v1.41/containers/c/top?ps_args=aux%20-o%20pid"},
		{"GET",
		 "/v1.41/containers/json?filters=%7B%22label%22%3A%5B%22a%3Db"
		 "%22%5D%7D",
		 "/v1.41/containers/json?filters=%7B%22label%22%3A%5B%22a%3Db"
		 "%22%5D%7D"},
		{"GET", "/v1.41/containers/json?filters={\"a\":[\"b~c\"]}",
		 "/v1.41/containers/json?filters=%7B%22a%22%3A%5B%22b~c%22%5D"
		 "%7D"},
		{"GET", "/v1.41/images/library/busybox:latest/json",
		 "/v1.41/images/library/busybox:latest/json"},
		{"GET", "/v1.41/images/busybox%40sha256%3Aab/json",
		 "/v1.41/images/busybox@sha256:ab/json"},
		{"POST",
		 "/v1.41/build?t=x%2Fy%3A1&t=z&labels=%7B%22%C3%A9%22%7D",
		 "/v1.41/build?t=x%2Fy%3A1&t=z&labels=%7B%22%C3%A9%22%7D"},
		{"POST", "/v1.41/containers/c/rename?name=a%2Bb",
		 "/v1.41/containers/c/rename?name=a%2Bb"},
		{"GET", "/v1.41/images/a+b/json", "/v1.41/images/a+b/json"},
		{"PUT",
		 "/v1.41/containers/c1/archive?noOverwriteDirNonDir=true"
		 "&path=%2Ftmp",
		 "/v1.41/containers/c1/archive?noOverwriteDirNonDir=true"
		 "&path=%2Ftmp"},
	};
	char buf[1024], again[1024];
	size_t i;
	int n;

	for (i = 0; i < NELEM(cases); i++) {
		OK(cases[i].method, cases[i].in);
		n = route_upstream_target(&M, NULL, buf, sizeof(buf));
		ck_assert_int_eq(n, (int)strlen(cases[i].out));
		ck_assert_str_eq(buf, cases[i].out);
		/* and the gate's own output routes to the same thing */
		OK(cases[i].method, buf);
		n = route_upstream_target(&M, NULL, again, sizeof(again));
		ck_assert_str_eq(again, buf);
	}
}
END_TEST

START_TEST(test_upstream_object)
{
	char buf[256];
	int n;

	OK("GET", "/v1.41/containers/c1/logs?tail=all");
	n = route_upstream_target(&M, "0123abcd", buf, sizeof(buf));
	ck_assert_int_gt(n, 0);
	ck_assert_str_eq(buf, "/v1.41/containers/0123abcd/logs?tail=all");
	/* a replacement the parser would refuse is refused */
	ck_assert_int_eq(route_upstream_target(&M, "a/b", buf, sizeof(buf)),
			 -1);
	ck_assert_int_eq(route_upstream_target(&M, "", buf, sizeof(buf)), -1);
	ck_assert_int_eq(route_upstream_target(&M, "..", buf, sizeof(buf)), -1);
	ck_assert_int_eq(route_upstream_target(&M, ".", buf, sizeof(buf)), -1);
	ck_assert_int_eq(route_upstream_target(&M, "a%2F", buf, sizeof(buf)),
			 -1);
	ck_assert_int_eq(route_upstream_target(&M, "a b", buf, sizeof(buf)),
			 -1);
	OK("GET", "/v1.41/images/a/json");
	n = route_upstream_target(&M, "sha256:0123", buf, sizeof(buf));
	ck_assert_str_eq(buf, "/v1.41/images/sha256:0123/json");
	n = route_upstream_target(&M, "reg:5000/x/y@sha256:01", buf,
				  sizeof(buf));
	ck_assert_str_eq(buf, "/v1.41/images/reg:5000/x/y@sha256:01/json");
	ck_assert_int_eq(route_upstream_target(&M, "/x", buf, sizeof(buf)), -1);
	ck_assert_int_eq(route_upstream_target(&M, "x/../y", buf, sizeof(buf)),
			 -1);
	ck_assert_int_eq(route_upstream_target(&M, "x/", buf, sizeof(buf)), -1);
	ck_assert_int_eq(route_upstream_target(&M, "x/./y", buf, sizeof(buf)),
			 -1);
	ck_assert_int_eq(route_upstream_target(&M, "x//y", buf, sizeof(buf)),
			 -1);
	(void)n;
}
END_TEST

START_TEST(test_upstream_limits)
{
	char buf[64];
	int n;

	OK("GET", "/v1.41/containers/c1/json");
	n = route_upstream_target(&M, NULL, buf, sizeof(buf));
	ck_assert_int_eq(n, 25);
	/* exactly fits (with the NUL), one byte less does not */
	ck_assert_int_eq(route_upstream_target(&M, NULL, buf, 26), 25);
	ck_assert_int_eq(route_upstream_target(&M, NULL, buf, 25), -1);
	ck_assert_int_eq(route_upstream_target(&M, NULL, buf, 1), -1);
	ck_assert_int_eq(route_upstream_target(&M, NULL, buf, 0), -1);
	ck_assert_int_eq(route_upstream_target(NULL, NULL, buf, 64), -1);
	/* a failed match cannot be forwarded */
	EXPECT("POST", "/v1.41/images/load", ROUTE_EREFUSED, NULL);
	ck_assert_int_eq(route_upstream_target(&M, NULL, buf, sizeof(buf)), -1);
	OK("GET", "/v1.41/containers/c1/json");
	M.api_minor = 23; /* tampered */
	ck_assert_int_eq(route_upstream_target(&M, NULL, buf, sizeof(buf)), -1);
}
END_TEST

static Suite *route_suite(void)
{
	Suite *s = suite_create("route");
	TCase *tc = tcase_create("match");

	tcase_add_test(tc, test_versions);
	tcase_add_test(tc, test_version_prefix_shapes);
	tcase_add_test(tc, test_unversioned);
	tcase_add_test(tc, test_percent);
	tcase_add_test(tc, test_path_bytes);
	tcase_add_test(tc, test_path_backslash_semicolon);
	tcase_add_test(tc, test_path_shape);
	tcase_add_test(tc, test_methods_exact);
	tcase_add_test(tc, test_greedy_image);
	tcase_add_test(tc, test_id_objects);
	tcase_add_test(tc, test_object_length);
	tcase_add_test(tc, test_literal_before_variable);
	tcase_add_test(tc, test_table_self_routes);
	tcase_add_test(tc, test_table_shape);
	tcase_add_test(tc, test_route_kinds);
	tcase_add_test(tc, test_policy_route);
	tcase_add_test(tc, test_refused_rows);
	suite_add_tcase(s, tc);
	tc = tcase_create("query");
	tcase_add_test(tc, test_query_parse);
	tcase_add_test(tc, test_query_semicolon);
	tcase_add_test(tc, test_query_escapes);
	tcase_add_test(tc, test_query_unknown);
	tcase_add_test(tc, test_query_duplicates);
	tcase_add_test(tc, test_query_limits);
	tcase_add_test(tc, test_param_bool);
	tcase_add_test(tc, test_build_defaults);
	tcase_add_test(tc, test_build_refusals);
	tcase_add_test(tc, test_pull);
	tcase_add_test(tc, test_import);
	tcase_add_test(tc, test_commit_push_df);
	suite_add_tcase(s, tc);
	tc = tcase_create("output");
	tcase_add_test(tc, test_messages_cli_phrases);
	tcase_add_test(tc, test_messages_small_buffers);
	tcase_add_test(tc, test_upstream_round_trip);
	tcase_add_test(tc, test_upstream_object);
	tcase_add_test(tc, test_upstream_limits);
	suite_add_tcase(s, tc);
	tc = tcase_create("captured");
	tcase_add_test(tc, test_captured_table);
	tcase_add_test(tc, test_captured_walk);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(route_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
