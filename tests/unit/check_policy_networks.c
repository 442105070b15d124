/*
 * Unit tests for the network keys of policy 1.3 (plugin/eval_networks.c):
 * `networks` decides which networks a container joins and whether a user
 * may create networks, `max_networks` how many; each both ways.
 */
#include "policy_test.h"

static int run_on(const struct dg_user *u, enum dg_net_kind k, const char *name,
		  struct dg_decision *d)
{
	struct dg_create c = create();
	char cli[160];
	struct dg_network_use n = {k, name, cli};

	snprintf(cli, sizeof(cli), "--network %s", name);
	c.networks = &n;
	c.nnetworks = 1;
	return check_create(u, &c, d);
}

static int net_create(const struct dg_user *u, long long have,
		      struct dg_decision *d)
{
	struct dg_network_create n = {sizeof(n), "proj_default", 0, have};
	struct dg_request r = {.size = sizeof(r),
			       .kind = DG_REQ_NETWORK_CREATE,
			       .method = "POST",
			       .route = "/networks/create",
			       .user = u,
			       .network_create = &n};

	return decide(&r, d);
}

static int connect(const struct dg_user *u, enum dg_net_kind k,
		   struct dg_decision *d)
{
	struct dg_network_connect n = {
		sizeof(n), "web", {k, "mynet", "docker network connect mynet"}};
	struct dg_request r = {.size = sizeof(r),
			       .kind = DG_REQ_NETWORK_CONNECT,
			       .method = "POST",
			       .route = "/networks/{id}/connect",
			       .object = "mynet",
			       .user = u,
			       .network_connect = &n};

	return decide(&r, d);
}

START_TEST(test_default_networks)
{
	struct dg_decision d;

	repolicy("", NULL, NULL);
	ck_assert_int_eq(run_on(&alice, DG_NET_BRIDGE, "default", &d),
			 DG_ALLOW);
	ck_assert_int_eq(run_on(&alice, DG_NET_NONE, "none", &d), DG_ALLOW);
	denied_by(
		run_on(&alice, DG_NET_USER, "proj", &d), &d,
		"--network proj is refused: user networks are not allowed for "
		"alice; networks allowed: bridge, none",
		"");
	denied_by(run_on(&alice, DG_NET_SHARED, "lab", &d), &d,
		  "shared networks are not allowed", "");
	denied_by(net_create(&alice, 0, &d), &d,
		  "docker network create is refused: networks of your own are "
		  "not allowed for alice (networks allowed: bridge, none)",
		  "");
	denied_by(connect(&alice, DG_NET_USER, &d), &d,
		  "docker network connect mynet is refused", "");
}
END_TEST

START_TEST(test_user_networks)
{
	struct dg_decision d;

	repolicy("", NULL, "networks = {\"bridge\", \"user\"}\n");
	ck_assert_int_eq(run_on(&alice, DG_NET_USER, "proj", &d), DG_ALLOW);
	ck_assert_int_eq(run_on(&alice, DG_NET_BRIDGE, "bridge", &d), DG_ALLOW);
	denied_by(run_on(&alice, DG_NET_NONE, "none", &d), &d,
		  "networks allowed: bridge, user", "");
	ck_assert_ptr_nonnull(strstr(d.rule, "users/alice.conf:1"));
	ck_assert_int_eq(net_create(&alice, 5, &d), DG_ALLOW);
	ck_assert_int_eq(connect(&alice, DG_NET_USER, &d), DG_ALLOW);
	denied_by(connect(&alice, DG_NET_SHARED, &d), &d,
		  "shared networks are not allowed", "");
	denied_by(connect(&alice, DG_NET_HOST, &d), &d, "use docker run", "");
	/* bob has no line: the built-in default */
	denied_by(run_on(&bob, DG_NET_USER, "proj", &d), &d, "bridge, none",
		  "");
	repolicy("networks = {\"user\"}\n", NULL, "networks += {\"shared\"}\n");
	ck_assert_int_eq(connect(&alice, DG_NET_SHARED, &d), DG_ALLOW);
	ck_assert_int_eq(run_on(&alice, DG_NET_SHARED, "lab", &d), DG_ALLOW);
	denied_by(run_on(&bob, DG_NET_SHARED, "lab", &d), &d, "allowed: user",
		  "");
	/* networks = {} allows nothing, not even the default bridge */
	repolicy("networks = {}\n", NULL, NULL);
	denied_by(run_on(&bob, DG_NET_BRIDGE, "default", &d), &d,
		  "networks allowed: no network at all", "");
	/* += builds on the built-in bridge and none */
	repolicy("", NULL, "networks += {\"user\"}\n");
	ck_assert_int_eq(run_on(&alice, DG_NET_USER, "proj", &d), DG_ALLOW);
	ck_assert_int_eq(run_on(&alice, DG_NET_NONE, "none", &d), DG_ALLOW);
	ck_assert_int_eq(run_on(&alice, DG_NET_BRIDGE, "default", &d),
			 DG_ALLOW);
	P.close();
	policy_fails("networks = {\"host\"}\n", "host_namespaces");
}
END_TEST

START_TEST(test_max_networks)
{
	struct dg_decision d;

	repolicy("networks = {\"bridge\", \"user\"}\nmax_networks = 2\n", NULL,
		 NULL);
	ck_assert_int_eq(net_create(&alice, 1, &d), DG_ALLOW);
	denied_by(net_create(&alice, 2, &d), &d,
		  "alice has 2 networks, the most allowed is 2", "");
	denied_by(net_create(&alice, -1, &d), &d, "could not be counted", "");
	repolicy("networks = {\"user\"}\nmax_networks = 0\n", NULL, NULL);
	ck_assert_int_eq(net_create(&alice, 1000, &d), DG_ALLOW);
}
END_TEST

START_TEST(test_describe_networks)
{
	char buf[8192];

	repolicy("", NULL, NULL);
	ck_assert_int_eq(P.describe(&alice, buf, sizeof(buf)), 1);
	ck_assert_ptr_nonnull(
		strstr(buf, "shared by an administrator): bridge, none "
			    "(built-in"));
	ck_assert_ptr_nonnull(strstr(buf, "networks of your own: no limit"));
	repolicy("networks = {\"user\"}\nmax_networks = 3\n", NULL, NULL);
	ck_assert_int_eq(P.describe(&alice, buf, sizeof(buf)), 1);
	ck_assert_ptr_nonnull(strstr(buf, ": user (from"));
	ck_assert_ptr_nonnull(strstr(buf, "networks of your own: at most 3"));
}
END_TEST

static Suite *networks_suite(void)
{
	Suite *s = suite_create("networks");
	TCase *tc = tcase_create("networks");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_default_networks);
	tcase_add_test(tc, test_user_networks);
	tcase_add_test(tc, test_max_networks);
	tcase_add_test(tc, test_describe_networks);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(networks_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
