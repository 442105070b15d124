/*
 * Unit tests for the keys of policy 1.3 (plugin/eval_totals.c,
 * eval_images.c): max_total_memory, max_total_cpus and max_total_pids on
 * create and update, each refusing and allowing; usage that was not
 * counted and containers without limits fail closed; import and push
 * both ways; describe shows them; formatting of totals.
 */
#include "policy_test.h"

#include "options.h"

#define G   (1LL << 30)
#define M   (1LL << 20)
#define CPU 1000000000LL

/* Usage of n containers holding mem, cpus and pids in total. */
static struct dg_usage usage(long long n, long long mem, long long cpus,
			     long long pids)
{
	struct dg_usage u;

	memset(&u, 0, sizeof(u));
	u.size = sizeof(u);
	u.containers = n;
	u.memory = mem;
	u.nano_cpus = cpus;
	u.pids = pids;
	return u;
}

static int create_with(const struct dg_user *who, struct dg_create *c,
		       const struct dg_usage *u, struct dg_decision *d)
{
	struct dg_request r = {.size = sizeof(r),
			       .kind = DG_REQ_CREATE,
			       .method = "POST",
			       .route = "/containers/create",
			       .user = who,
			       .create = c,
			       .usage = u};

	return decide(&r, d);
}

START_TEST(test_total_memory_create)
{
	struct dg_usage u = usage(2, 3 * G / 2, 0, 0);
	struct dg_create c = create();
	struct dg_decision d;

	repolicy("pids_limit = 0\n", NULL, "max_total_memory = 2g\n");
	c.res.memory = 3 * G / 2;
	denied_by(create_with(&alice, &c, &u, &d), &d,
		  "docker run -m 1.5g is refused: the total memory of your "
		  "containers would be 3g; your limit is 2g (now: 2 "
		  "containers, 1.5g)",
		  "users/alice.conf:1");
	c.res.memory = 512 * M;
	ck_assert_int_eq(create_with(&alice, &c, &u, &d), DG_ALLOW);
	/* bob has no total: the same request passes */
	c.res.memory = 3 * G / 2;
	ck_assert_int_eq(create_with(&bob, &c, &u, &d), DG_ALLOW);
	/* no -m and nothing forced: unlimited is over any total */
	c.res.memory = 0;
	denied_by(create_with(&alice, &c, &u, &d), &d,
		  "docker run without -m is refused", "users/alice.conf:1");
	/* the policy's default memory is what the container gets */
	repolicy("memory = 256m\n", NULL, "max_total_memory = 2g\n");
	ck_assert_int_eq(create_with(&alice, &c, &u, &d), DG_ALLOW);
	ck_assert_int_eq(d.force.memory, 256 * M);
	repolicy("memory = 1g\n", NULL, "max_total_memory = 2g\n");
	denied_by(create_with(&alice, &c, &u, &d), &d,
		  "docker run is refused: the total memory of your containers "
		  "would be 2.5g",
		  "users/alice.conf:1");
	/* another container without a limit: refused, said so */
	u.unlimited_memory = 1;
	c.res.memory = 1 * M;
	denied_by(create_with(&alice, &c, &u, &d), &d,
		  "you have 1 other container without a memory limit",
		  "users/alice.conf:1");
	/* not counted: fail closed when a total is set, fine without */
	denied_by(create_with(&alice, &c, NULL, &d), &d, "could not be counted",
		  "alice.conf");
	ck_assert_int_eq(create_with(&bob, &c, NULL, &d), DG_ALLOW);
}
END_TEST

START_TEST(test_total_cpus_pids_create)
{
	struct dg_usage u = usage(1, 0, 3 * CPU / 2, 300);
	struct dg_create c = create();
	struct dg_decision d;

	repolicy("pids_limit = 200\n", "max_total_cpus = 2\n", NULL);
	c.res.nano_cpus = CPU;
	denied_by(create_with(&alice, &c, &u, &d), &d,
		  "docker run --cpus 1 is refused: the total CPUs of your "
		  "containers would be 2.5; your limit is 2",
		  "groups/students.conf:1");
	c.res.nano_cpus = CPU / 2;
	ck_assert_int_eq(create_with(&alice, &c, &u, &d), DG_ALLOW);
	c.res.nano_cpus = 0;
	denied_by(create_with(&alice, &c, &u, &d), &d, "without --cpus",
		  "students");
	c.res.nano_cpus = CPU / 4;
	c.res.cpu_quota_set = 1;
	denied_by(create_with(&alice, &c, &u, &d), &d,
		  "--cpu-quota and --cpu-period are refused", "students");
	c.res.cpu_quota_set = 0;
	/* pids: the forced pids_limit (200) counts when none is asked */
	repolicy("pids_limit = 200\n", "max_total_pids = 400\n", NULL);
	denied_by(create_with(&alice, &c, &u, &d), &d,
		  "docker run is refused: the total processes of your "
		  "containers would be 500; your limit is 400",
		  "groups/students.conf:1");
	c.res.pids_limit = 100;
	ck_assert_int_eq(create_with(&alice, &c, &u, &d), DG_ALLOW);
	c.res.pids_limit = 101;
	denied_by(create_with(&alice, &c, &u, &d), &d,
		  "docker run --pids-limit 101 is refused", "students");
	/* no pids limit forced and none asked: unlimited */
	repolicy("pids_limit = 0\n", "max_total_pids = 400\n", NULL);
	c.res.pids_limit = 0;
	denied_by(create_with(&alice, &c, &u, &d), &d,
		  "without --pids-limit is refused", "students");
}
END_TEST

static int update_with(struct dg_update *up, const struct dg_usage *u,
		       struct dg_decision *d)
{
	struct dg_request r = {.size = sizeof(r),
			       .kind = DG_REQ_UPDATE,
			       .method = "POST",
			       .route = "/containers/{id}/update",
			       .object = "c1",
			       .user = &alice,
			       .update = up,
			       .usage = u};

	return decide(&r, d);
}

START_TEST(test_totals_update)
{
	struct dg_update up = {.size = sizeof(up),
			       .container = "c1",
			       .restart = "",
			       .limits = {.cpuset_cpus = "",
					  .cpuset_mems = "",
					  .storage_size = -1}};
	struct dg_usage u = usage(1, G, CPU, 100);
	struct dg_decision d;

	u.target.memory = 512 * M;
	u.target.nano_cpus = CPU / 2;
	u.target.pids_limit = 50;
	repolicy("pids_limit = 0\n", NULL,
		 "max_total_memory = 2g\nmax_total_cpus = 2\n"
		 "max_total_pids = 200\n");
	/* unchanged resources are not checked */
	ck_assert_int_eq(update_with(&up, &u, &d), DG_ALLOW);
	up.res.memory = G;
	ck_assert_int_eq(update_with(&up, &u, &d), DG_ALLOW);
	up.res.memory = G + 1;
	denied_by(update_with(&up, &u, &d), &d,
		  "docker update -m 1g is refused: the total memory of your "
		  "containers would be 2g; your limit is 2g (now: 2 "
		  "containers, 1.5g)",
		  "users/alice.conf:1");
	up.res.memory = 0;
	up.res.nano_cpus = 3 * CPU / 2;
	denied_by(update_with(&up, &u, &d), &d, "docker update --cpus 1.5",
		  "users/alice.conf:2");
	up.res.nano_cpus = CPU;
	ck_assert_int_eq(update_with(&up, &u, &d), DG_ALLOW);
	up.res.nano_cpus = 0;
	up.pids_set = 1;
	up.res.pids_limit = -1;
	denied_by(update_with(&up, &u, &d), &d,
		  "docker update --pids-limit -1 is refused: a container "
		  "without a processes limit",
		  "users/alice.conf:3");
	up.res.pids_limit = 100;
	ck_assert_int_eq(update_with(&up, &u, &d), DG_ALLOW);
	up.res.pids_limit = 101;
	denied_by(update_with(&up, &u, &d), &d, "would be 201",
		  "users/alice.conf:3");
	denied_by(update_with(&up, NULL, &d), &d, "could not be counted",
		  "alice.conf");
	/* no totals: the same requests pass */
	repolicy("", NULL, "max_memory = 4g\n");
	ck_assert_int_eq(update_with(&up, NULL, &d), DG_ALLOW);
}
END_TEST

static int image_req(enum dg_request_kind kind, const struct dg_user *who,
		     struct dg_decision *d)
{
	struct dg_request r = {.size = sizeof(r),
			       .kind = kind,
			       .method = "POST",
			       .route = kind == DG_REQ_PUSH ? "/images/{}/push"
							    : "/images/create",
			       .user = who,
			       .image = "docker.io/alice/x:1"};

	return decide(&r, d);
}

START_TEST(test_import_push_keys)
{
	struct dg_decision d;

	repolicy("", NULL, NULL);
	denied_by(image_req(DG_REQ_IMPORT, &alice, &d), &d,
		  "docker import is refused: importing images from a tar file "
		  "is not allowed for alice; ask your administrator for import "
		  "= true",
		  "built-in");
	denied_by(image_req(DG_REQ_PUSH, &alice, &d), &d,
		  "docker push is refused", "built-in");
	repolicy("", NULL, "import = true\npush = true\n");
	ck_assert_int_eq(image_req(DG_REQ_IMPORT, &alice, &d), DG_ALLOW);
	ck_assert_ptr_nonnull(strstr(d.rule, "users/alice.conf:1"));
	ck_assert_int_eq(image_req(DG_REQ_PUSH, &alice, &d), DG_ALLOW);
	ck_assert_ptr_nonnull(strstr(d.rule, "users/alice.conf:2"));
	denied_by(image_req(DG_REQ_PUSH, &bob, &d), &d, "docker push",
		  "built-in");
	repolicy("push = true\n", NULL, "push = false\n");
	denied_by(image_req(DG_REQ_PUSH, &alice, &d), &d,
		  "not allowed for alice", "users/alice.conf:1");
	ck_assert_int_eq(image_req(DG_REQ_PUSH, &bob, &d), DG_ALLOW);
}
END_TEST

START_TEST(test_parse_and_describe)
{
	char buf[8192];

	repolicy("max_total_memory = 4g\nmax_total_cpus = \"2.5\"\n"
		 "max_total_pids = 1000\nimport = true\n",
		 NULL, NULL);
	ck_assert_int_eq(P.describe(&alice, buf, sizeof(buf)), 1);
	has(buf, "total memory (-m) of all your containers (any state): at "
		 "most 4g");
	has(buf, "total CPUs (--cpus) of all your containers (any state): at "
		 "most 2.5");
	has(buf, "total processes (--pids-limit) of all your containers (any "
		 "state): at most 1000");
	has(buf, "docker import (into your own image names): allowed");
	has(buf, "docker push (of your own image names): not allowed");
	P.close();
	policy_fails("max_total_memory = 2x\n", "default.conf:1");
	policy_fails("max_total_pids = -1\n", "max_total_pids");
	policy_fails("import = 2\n", "default.conf:1");
}
END_TEST

START_TEST(test_format_total)
{
	char b[32];

	dgp_format_size_total(3 * G / 2, b, sizeof(b));
	ck_assert_str_eq(b, "1.5g");
	dgp_format_size_total(2 * G, b, sizeof(b));
	ck_assert_str_eq(b, "2g");
	dgp_format_size_total(512 * M, b, sizeof(b));
	ck_assert_str_eq(b, "512m");
	dgp_format_size_total(G + G / 3, b, sizeof(b));
	ck_assert_str_eq(b, "1.33g");
	dgp_format_size_total(100, b, sizeof(b));
	ck_assert_str_eq(b, "100");
	dgp_format_size_total(0, b, sizeof(b));
	ck_assert_str_eq(b, "0");
}
END_TEST

static Suite *totals_suite(void)
{
	Suite *s = suite_create("totals");
	TCase *tc = tcase_create("totals");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_total_memory_create);
	tcase_add_test(tc, test_total_cpus_pids_create);
	tcase_add_test(tc, test_totals_update);
	tcase_add_test(tc, test_import_push_keys);
	tcase_add_test(tc, test_parse_and_describe);
	tcase_add_test(tc, test_format_total);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(totals_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
