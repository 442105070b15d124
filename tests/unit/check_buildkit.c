/*
 * BuildKit through the gate: how its requests route (POST /session, POST
 * /build?version=2 as a route of its own), the BuildKit-only build
 * parameters, the session headers, and the ID claims.  Requests are the
 * ones CLI 20.10 sent with DOCKER_BUILDKIT=1 (captured through a logging
 * proxy in front of dockerd 20.10).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buildkit.h"
#include "docker-gate/plugin.h"
#include "query.h"
#include "route.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static struct route_match M;
static char ERR[512];

static int rt(const char *method, const char *target)
{
	ERR[0] = '\0';
	return route_match(method, target, strlen(target), &M, ERR,
			   sizeof(ERR));
}

/* CLI 20.10, DOCKER_BUILDKIT=1 docker build -t root/x:1 ctx */
#define CLI20_BUILDKIT                                                         \
	"/v1.41/build?buildargs=%7B%7D&buildid="                               \
	"b8da600784f88d6a8e97cd4df9758dffc201666b39381069ec5cd7235666cec1"     \
	"&cachefrom=%5B%5D&cgroupparent=&cpuperiod=0&cpuquota=0&cpusetcpus="   \
	"&cpusetmems=&cpushares=0&dockerfile=&labels=%7B%7D&memory=0"          \
	"&memswap=0&networkmode=default&remote=client-session&rm=1"            \
	"&session=achjrwy55ej4j6ocv2583076n&shmsize=0&t=root%2Fx%3A1"          \
	"&target=&ulimits=null&version=2"

START_TEST(test_route_buildkit_build)
{
	char buf[2048];

	ck_assert_int_eq(rt("POST", CLI20_BUILDKIT), ROUTE_OK);
	ck_assert_ptr_eq(M.def, &route_buildkit_build);
	ck_assert_int_eq(M.def->kind, RK_BUILDKIT);
	ck_assert_str_eq(M.def->pattern, DG_ROUTE_BUILDKIT_BUILD);
	ck_assert_int_eq(M.def->body, RB_STREAM);
	ck_assert(route_is_build(M.def));
	ck_assert_str_eq(route_param(&M, "session"),
			 "achjrwy55ej4j6ocv2583076n");
	/* forwarded to /build, version=2 kept */
	ck_assert_int_gt(route_upstream_target(&M, NULL, buf, sizeof(buf)), 0);
	ck_assert_msg(
		!strncmp(buf, "/v1.41/build?buildargs=%7B%7D&buildid=", 38),
		"%s", buf);
	ck_assert_ptr_nonnull(strstr(buf, "&version=2"));
	ck_assert_ptr_null(strstr(buf + 13, "?"));
	/* and the gate's output routes the same way */
	ck_assert_int_eq(rt("POST", buf), ROUTE_OK);
	ck_assert_ptr_eq(M.def, &route_buildkit_build);
	/* the classic builder keeps its own route */
	ck_assert_int_eq(rt("POST", "/v1.41/build?version=1&t=a"), ROUTE_OK);
	ck_assert_int_eq(M.def->kind, RK_BUILD);
	ck_assert_str_eq(M.def->pattern, "/build");
	ck_assert_int_eq(rt("POST", "/v1.41/build"), ROUTE_OK);
	ck_assert_int_eq(M.def->kind, RK_BUILD);
	/* no path reaches the BuildKit route by its name */
	ck_assert_int_ne(rt("POST", "/v1.41/build%3Fversion=2"), ROUTE_OK);
}
END_TEST

START_TEST(test_route_session)
{
	ck_assert_int_eq(rt("POST", "/session"), ROUTE_OK);
	ck_assert_int_eq(M.def->kind, RK_SESSION);
	ck_assert_int_eq(M.def->hijack, RH_H2C);
	ck_assert_int_eq(M.def->body, RB_NONE);
	ck_assert_str_eq(M.def->pattern, DG_ROUTE_SESSION);
	ck_assert_int_eq(rt("POST", "/v1.41/session"), ROUTE_OK);
	ck_assert_int_eq(M.def->kind, RK_SESSION);
	/* a session takes no parameters, other methods are not routes */
	ck_assert_int_eq(rt("POST", "/session?x=1"), ROUTE_EREFUSED);
	ck_assert_int_eq(rt("GET", "/v1.41/session"), ROUTE_EREFUSED);
	/* the control API stays refused, with what to do instead */
	ck_assert_int_eq(rt("POST", "/grpc"), ROUTE_EREFUSED);
	ck_assert_ptr_nonnull(strstr(ERR, "DOCKER_BUILDKIT=1"));
	ck_assert_ptr_nonnull(strstr(ERR, "DOCKER_BUILDKIT=0"));
}
END_TEST

struct refusal {
	const char *target;
	int rc;
	const char *why;
};

START_TEST(test_buildkit_params)
{
	static const struct refusal cases[] = {
		{"remote=https%3A%2F%2Fexample.com%2Fx", ROUTE_EREFUSED,
		 "remote context"},
		{"remote=git%40github.com%3Aa%2Fb", ROUTE_EREFUSED,
		 "remote context"},
		{"remote=upload-request&buildid=abc", ROUTE_EREFUSED,
		 "standard input"},
		{"buildid=upload-request%3Aabc", ROUTE_EREFUSED,
		 "standard input"},
		{"session=a%20b", ROUTE_EBAD, "not valid"},
		{"session=a%2Fb", ROUTE_EBAD, "not valid"},
		{"buildid=a%3Bb", ROUTE_EBAD, "not valid"},
		/* the classic builder's value rules hold for BuildKit too */
		{"networkmode=host", ROUTE_EREFUSED, "--network=host"},
		{"networkmode=container%3Ax", ROUTE_EREFUSED, "--network"},
		{"outputs=%5B%7B%22Type%22%3A%22image%22%7D%5D", ROUTE_EREFUSED,
		 "--output"},
		{"cgroupparent=x", ROUTE_EREFUSED, "--cgroup-parent"},
		{"securityopt=x", ROUTE_EREFUSED, "--security-opt"},
		{"squash=1", ROUTE_EREFUSED, "--squash"},
		{"memory=1", ROUTE_EREFUSED, "--memory"},
		{"ulimits=%5B%7B%7D%5D", ROUTE_EREFUSED, "--ulimit"},
		{"isolation=hyperv", ROUTE_EREFUSED, "--isolation"},
	};
	char target[512], long_id[BK_ID_MAX + 2];
	size_t i;

	for (i = 0; i < NELEM(cases); i++) {
		snprintf(target, sizeof(target), "/v1.41/build?version=2&%s",
			 cases[i].target);
		ck_assert_msg(rt("POST", target) == cases[i].rc &&
				      strstr(ERR, cases[i].why),
			      "%s: '%s'", target, ERR);
		ck_assert_ptr_null(M.def);
	}
	memset(long_id, 'a', sizeof(long_id) - 1);
	long_id[sizeof(long_id) - 1] = '\0';
	snprintf(target, sizeof(target), "/v1.41/build?version=2&buildid=%s",
		 long_id);
	ck_assert_int_eq(rt("POST", target), ROUTE_EBAD);
	long_id[BK_ID_MAX] = '\0';
	snprintf(target, sizeof(target), "/v1.41/build?version=2&buildid=%s",
		 long_id);
	ck_assert_int_eq(rt("POST", target), ROUTE_OK);
	/* allowed: what the CLI sends, and a context in the body */
	ck_assert_int_eq(rt("POST", "/v1.41/build?version=2&remote="
				    "client-session&session=s1&networkmode="
				    "none&outputs=null"),
			 ROUTE_OK);
	ck_assert_int_eq(rt("POST", "/v1.41/build?version=2&remote="),
			 ROUTE_OK);
}
END_TEST

START_TEST(test_id_valid)
{
	ck_assert(bk_id_valid("achjrwy55ej4j6ocv2583076n", 25));
	ck_assert(bk_id_valid("A-b_c.9", 7));
	ck_assert(!bk_id_valid("", 0));
	ck_assert(!bk_id_valid(NULL, 3));
	ck_assert(!bk_id_valid("a b", 3));
	ck_assert(!bk_id_valid("a:b", 3));
	ck_assert(!bk_id_valid("a/b", 3));
	ck_assert(!bk_id_valid("\xc3\xa9", 2));
}
END_TEST

struct hdr {
	const char *name, *value;
};

/* Feeds headers; returns the first result that is not BK_OK/BK_SKIP. */
static int feed(struct bk_session *s, const struct hdr *h, size_t n,
		const char **last_fwd)
{
	const char *fwd = NULL;
	size_t i;
	int rc;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < n; i++) {
		rc = bk_session_header(s, h[i].name, strlen(h[i].name),
				       h[i].value, strlen(h[i].value), &fwd,
				       ERR, sizeof(ERR));
		if (rc != BK_OK && rc != BK_SKIP)
			return rc;
		if (last_fwd && rc == BK_OK)
			*last_fwd = fwd;
	}
	return bk_session_done(s, ERR, sizeof(ERR));
}

#define P "X-Docker-Expose-Session-"

START_TEST(test_session_headers_cli20)
{
	static const struct hdr h[] = {
		{"Host", ""},
		{"User-Agent", "Docker-Client/20.10.24+dfsg1 (linux)"},
		{"Connection", "Upgrade"},
		{"Upgrade", "h2c"},
		{P "Grpc-Method", "/grpc.health.v1.Health/Check"},
		{P "Grpc-Method", "/grpc.health.v1.Health/Watch"},
		{P "Grpc-Method", "/moby.filesync.v1.FileSync/DiffCopy"},
		{P "Grpc-Method", "/moby.filesync.v1.FileSync/TarStream"},
		{P "Grpc-Method", "/moby.filesync.v1.Auth/Credentials"},
		{P "Grpc-Method", "/moby.filesync.v1.Auth/FetchToken"},
		{P "Name", "ctx"},
		{P "Sharedkey",
		 "d07b6662a240c76c9d1f9f65fb1db67e1a23ef34650a8c2a"
		 "c70e6f1eaa623c26"},
		{P "Uuid", "achjrwy55ej4j6ocv2583076n"},
	};
	struct bk_session s;
	const char *fwd = NULL;
	int rc;

	ck_assert_int_eq(feed(&s, h, NELEM(h), NULL), BK_OK);
	ck_assert_str_eq(s.uuid, "achjrwy55ej4j6ocv2583076n");
	ck_assert_uint_eq(s.nmethods, 6);
	/* any spelling of the name is forwarded in the gate's */
	rc = bk_session_header(&s, "x-docker-expose-session-grpc-method", 35,
			       "/a.B/C", 6, &fwd, ERR, sizeof(ERR));
	ck_assert_int_eq(rc, BK_OK);
	ck_assert_str_eq(fwd, P "Grpc-Method");
	rc = bk_session_header(&s, "X-Other", 7, "x", 1, &fwd, ERR,
			       sizeof(ERR));
	ck_assert_int_eq(rc, BK_SKIP);
}
END_TEST

START_TEST(test_session_headers_refused)
{
	static const struct {
		struct hdr h[3];
		size_t n;
		const char *why;
	} cases[] = {
		{{{P "Uuid", "s1"}, {P "Uuid", "s1"}}, 2, "repeated"},
		{{{P "Uuid", "s1"}, {P "Name", "a"}, {P "Name", "a"}},
		 3,
		 "repeated"},
		{{{P "Uuid", "s1"}, {P "Sharedkey", "a"}, {P "Sharedkey", "b"}},
		 3,
		 "repeated"},
		{{{P "Uuid", "s 1"}}, 1, "session ID"},
		{{{P "Uuid", ""}}, 1, "session ID"},
		{{{P "Uuid", "s1"}, {P "Sharedkey", "a b"}}, 2, "key"},
		{{{P "Uuid", "s1"}, {P "Grpc-Method", "nope"}}, 2, "method"},
		{{{P "Uuid", "s1"}, {P "Grpc-Method", "/a b"}}, 2, "method"},
		{{{P "Uuid", "s1"}, {P "Future", "x"}}, 2, "unknown"},
		{{{P "Name", "ctx"}}, 1, "names no ID"},
		{{{"Host", ""}}, 1, "names no ID"},
	};
	struct bk_session s;
	size_t i;

	for (i = 0; i < NELEM(cases); i++) {
		ck_assert_msg(feed(&s, cases[i].h, cases[i].n, NULL) == BK_EBAD,
			      "case %zu", i);
		ck_assert_msg(strstr(ERR, cases[i].why), "case %zu: %s", i,
			      ERR);
		ck_assert_ptr_nonnull(strstr(ERR, "POST /session refused"));
	}
}
END_TEST

START_TEST(test_session_headers_limits)
{
	char name[BK_NAME_MAX + 2], method[BK_METHOD_MAX + 2];
	struct bk_session s;
	const char *fwd;
	size_t i;
	int rc = BK_OK;

	memset(&s, 0, sizeof(s));
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	ck_assert_int_eq(bk_session_header(&s, P "Name", strlen(P "Name"), name,
					   BK_NAME_MAX + 1, &fwd, ERR,
					   sizeof(ERR)),
			 BK_EBAD);
	memset(&s, 0, sizeof(s));
	ck_assert_int_eq(bk_session_header(&s, P "Name", strlen(P "Name"), name,
					   BK_NAME_MAX, &fwd, ERR, sizeof(ERR)),
			 BK_OK);
	method[0] = '/';
	memset(method + 1, 'm', sizeof(method) - 2);
	method[sizeof(method) - 1] = '\0';
	ck_assert_int_eq(bk_session_header(&s, P "Grpc-Method",
					   strlen(P "Grpc-Method"), method,
					   BK_METHOD_MAX + 1, &fwd, ERR,
					   sizeof(ERR)),
			 BK_EBAD);
	memset(&s, 0, sizeof(s));
	for (i = 0; i <= BK_METHODS_MAX && rc == BK_OK; i++)
		rc = bk_session_header(&s, P "Grpc-Method",
				       strlen(P "Grpc-Method"), "/a.B/C", 6,
				       &fwd, ERR, sizeof(ERR));
	ck_assert_int_eq(rc, BK_EBAD);
	ck_assert_uint_eq(i, BK_METHODS_MAX + 1);
	ck_assert_ptr_nonnull(strstr(ERR, "too many"));
}
END_TEST

START_TEST(test_claims)
{
	size_t base = bk_claims_count();

	ck_assert_int_eq(bk_claim('s', "sess1", 1001), BK_OK);
	/* another user naming the same session is refused */
	ck_assert_int_eq(bk_claim('s', "sess1", 1002), BK_ETAKEN);
	/* the owner may name it again (the build and the session) */
	ck_assert_int_eq(bk_claim('s', "sess1", 1001), BK_OK);
	/* kinds are separate */
	ck_assert_int_eq(bk_claim('b', "sess1", 1002), BK_OK);
	ck_assert_uint_eq(bk_claims_count(), base + 2);
	/* only the holder's releases count */
	bk_release('s', "sess1", 1002);
	ck_assert_int_eq(bk_claim('s', "sess1", 1002), BK_ETAKEN);
	bk_release('s', "sess1", 1001);
	ck_assert_int_eq(bk_claim('s', "sess1", 1002), BK_ETAKEN);
	bk_release('s', "sess1", 1001);
	/* free once every request naming it has ended */
	ck_assert_int_eq(bk_claim('s', "sess1", 1002), BK_OK);
	bk_release('s', "sess1", 1002);
	bk_release('b', "sess1", 1002);
	bk_release('b', "never", 1002);
	bk_release('b', NULL, 1002);
	ck_assert_uint_eq(bk_claims_count(), base);
	ck_assert_int_eq(bk_claim('s', "a b", 1001), BK_EBAD);
	ck_assert_int_eq(bk_claim('s', "", 1001), BK_EBAD);
	ck_assert_int_eq(bk_claim('s', NULL, 1001), BK_EBAD);
}
END_TEST

START_TEST(test_claims_many)
{
	char id[32];
	size_t i, base = bk_claims_count();

	for (i = 0; i < 500; i++) {
		snprintf(id, sizeof(id), "id%zu", i);
		ck_assert_int_eq(bk_claim('b', id, (uid_t)i), BK_OK);
	}
	ck_assert_uint_eq(bk_claims_count(), base + 500);
	ck_assert_int_eq(bk_claim('b', "id250", 1), BK_ETAKEN);
	for (i = 0; i < 500; i++) {
		snprintf(id, sizeof(id), "id%zu", i);
		bk_release('b', id, (uid_t)i);
	}
	ck_assert_uint_eq(bk_claims_count(), base);
}
END_TEST

static Suite *buildkit_suite(void)
{
	Suite *s = suite_create("buildkit");
	TCase *tc = tcase_create("route");

	tcase_add_test(tc, test_route_buildkit_build);
	tcase_add_test(tc, test_route_session);
	tcase_add_test(tc, test_buildkit_params);
	suite_add_tcase(s, tc);
	tc = tcase_create("session");
	tcase_add_test(tc, test_id_valid);
	tcase_add_test(tc, test_session_headers_cli20);
	tcase_add_test(tc, test_session_headers_refused);
	tcase_add_test(tc, test_session_headers_limits);
	suite_add_tcase(s, tc);
	tc = tcase_create("claims");
	tcase_add_test(tc, test_claims);
	tcase_add_test(tc, test_claims_many);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(buildkit_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
