/*
 * The key `buildkit` (plugin/policy_eval.c), both ways: BuildKit's routes
 * (POST /session, /grpc: DG_REQ_GENERIC; POST /build?version=2:
 * DG_REQ_BUILD) are refused without it, with what to do instead; a
 * BuildKit build needs `build` as well; the classic builder does not
 * need `buildkit`.
 */
#include "policy_test.h"

static int generic(const struct dg_user *u, const char *route,
		   struct dg_decision *d)
{
	struct dg_request r = {.size = sizeof(r),
			       .kind = DG_REQ_GENERIC,
			       .method = "POST",
			       .route = route,
			       .user = u};

	return decide(&r, d);
}

static int build(const struct dg_user *u, const char *route,
		 struct dg_decision *d)
{
	struct dg_request r = {.size = sizeof(r),
			       .kind = DG_REQ_BUILD,
			       .method = "POST",
			       .route = route,
			       .user = u};

	return decide(&r, d);
}

/* The call (which fills d) refuses, saying want. */
#define denied(call, want)                                                     \
	do {                                                                   \
		ck_assert_int_eq((call), DG_DENY);                             \
		has(d.message, (want));                                        \
	} while (0)

START_TEST(test_buildkit_default_refused)
{
	struct dg_decision d;

	policy("build = true\n", NULL, NULL);
	denied(generic(&alice, DG_ROUTE_SESSION, &d), "a BuildKit session "
						      "(POST /session");
	has(d.message, "is not allowed for alice");
	has(d.message, "DOCKER_BUILDKIT=0");
	has(d.message, "buildkit = true");
	rule_is(&d, "built-in default", 0);
	denied(generic(&alice, DG_ROUTE_GRPC, &d), "POST /grpc");
	denied(build(&alice, DG_ROUTE_BUILDKIT_BUILD, &d),
	       "docker build with BuildKit (DOCKER_BUILDKIT=1) is refused");
	/* the gate also asks about the route before the typed request */
	denied(generic(&alice, DG_ROUTE_BUILDKIT_BUILD, &d), "BuildKit");
	/* the classic builder is the build key's alone */
	ck_assert_int_eq(build(&alice, "/build", &d), DG_ALLOW);
	/* other routes are not BuildKit's */
	ck_assert_int_eq(generic(&alice, "/containers/json", &d), DG_ALLOW);
	ck_assert_int_eq(generic(&alice, "/build", &d), DG_ALLOW);
}
END_TEST

START_TEST(test_buildkit_allowed)
{
	struct dg_decision d;

	policy("build = true\n", NULL, "buildkit = true\n");
	ck_assert_int_eq(generic(&alice, DG_ROUTE_SESSION, &d), DG_ALLOW);
	rule_is(&d, "users/alice.conf", 1);
	ck_assert_int_eq(build(&alice, DG_ROUTE_BUILDKIT_BUILD, &d), DG_ALLOW);
	rule_is(&d, "default.conf", 1);
	ck_assert_int_eq(d.force.pids_limit, 0);
	ck_assert_str_eq(d.force.user, "");
	/* per user: bob has no buildkit */
	denied(generic(&bob, DG_ROUTE_SESSION, &d), "is not allowed for bob");
	denied(build(&bob, DG_ROUTE_BUILDKIT_BUILD, &d), "BuildKit");
}
END_TEST

/* buildkit alone opens the session, but a build is a build. */
START_TEST(test_buildkit_needs_build)
{
	struct dg_decision d;

	policy("buildkit = true\n", NULL, NULL);
	ck_assert_int_eq(generic(&alice, DG_ROUTE_SESSION, &d), DG_ALLOW);
	denied(build(&alice, DG_ROUTE_BUILDKIT_BUILD, &d),
	       "docker build is refused");
	denied(build(&alice, "/build", &d), "docker build is refused");
}
END_TEST

START_TEST(test_describe_buildkit)
{
	char buf[8192];

	policy(NULL, NULL, NULL);
	ck_assert_int_eq(P.describe(&alice, buf, sizeof(buf)), 1);
	has(buf, "BuildKit builds (DOCKER_BUILDKIT=1; docker-gate cannot see "
		 "inside them");
	has(buf, "not allowed (DOCKER_BUILDKIT=0 uses the classic builder)");
	P.close();
	policy(NULL, NULL, "buildkit = true\n");
	ck_assert_int_eq(P.describe(&alice, buf, sizeof(buf)), 1);
	has(buf, "allowed (docker build must be allowed too) (from ");
}
END_TEST

START_TEST(test_buildkit_key_parse)
{
	policy_fails("buildkit = maybe\n", "buildkit");
	P.close();
	policy("buildkit = false\n", NULL, NULL);
}
END_TEST

static Suite *buildkit_policy_suite(void)
{
	Suite *s = suite_create("policy_buildkit");
	TCase *tc = tcase_create("buildkit");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_buildkit_default_refused);
	tcase_add_test(tc, test_buildkit_allowed);
	tcase_add_test(tc, test_buildkit_needs_build);
	tcase_add_test(tc, test_describe_buildkit);
	tcase_add_test(tc, test_buildkit_key_parse);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(buildkit_policy_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
