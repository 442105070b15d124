/*
 * Unit tests for the run-option keys of policy 1.2 (plugin/options.c,
 * eval_options.c, eval_resources.c): each key refuses and allows, its
 * entries are checked at parse time, resources are forced and bounded on
 * create and update, and describe shows them.
 */
#include "policy_test.h"

/* ---- run options of policy 1.2 ------------------------------------ */

START_TEST(test_cap_add)
{
	const char *caps[] = {"CAP_NET_ADMIN"}, *all[] = {"ALL"};
	struct dg_create c = create();
	struct dg_decision d;

	c.cap_add = caps;
	c.ncap_add = 1;
	repolicy("", NULL, "cap_add = {\"net_raw\"}\n");
	denied_by(check_create(&alice, &c, &d), &d,
		  "--cap-add NET_ADMIN is refused: capabilities alice may add: "
		  "net_raw",
		  "users/alice.conf:1");
	denied_by(check_create(&bob, &c, &d), &d, "may add: none", "built-in");
	repolicy("", NULL, "cap_add = {\"NET_ADMIN\"}\n");
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	ck_assert_int_eq(d.force.cap_drop_all, 1);
	c.cap_add = all;
	denied_by(check_create(&alice, &c, &d), &d, "--cap-add ALL", "alice");
	repolicy("", NULL, "cap_add = {\"all\"}\n");
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	c.cap_add = caps;
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	repolicy_fails("cap_add = {\"CAP_NOPE\"}\n", "default.conf:1");
	repolicy_fails("cap_add = {\"12\"}\n", "not a capability name");
	repolicy_fails("cap_add = {\"chown,sys_admin\"}\n", "capability");
}
END_TEST

START_TEST(test_devices)
{
	struct dg_device dev = {"/dev/fuse", "/dev/fuse", "rwm",
				"--device /dev/fuse:/dev/fuse:rwm"};
	const char *rule[] = {"c 10:229 rwm"};
	struct dg_create c = create();
	struct dg_decision d;

	c.devices = &dev;
	c.ndevices = 1;
	repolicy("", NULL, NULL);
	denied_by(check_create(&alice, &c, &d), &d,
		  "--device /dev/fuse:/dev/fuse:rwm is refused: host devices "
		  "allowed for alice: none",
		  "built-in");
	repolicy("devices = {\"/dev/fuse:rw\"}\n", NULL, NULL);
	denied_by(check_create(&alice, &c, &d), &d,
		  "allowed for alice: "
		  "/dev/fuse:rw",
		  "default.conf:1");
	dev.perms = "rw";
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	dev.host = "/dev/fuse2";
	dev.cli = "--device /dev/fuse2";
	denied_by(check_create(&alice, &c, &d), &d, "/dev/fuse2", "default");
	c.ndevices = 0;
	c.device_cgroup_rules = rule;
	c.ndevice_cgroup_rules = 1;
	denied_by(check_create(&alice, &c, &d), &d,
		  "--device-cgroup-rule 'c 10:229 rwm' is refused", "built-in");
	repolicy("device_cgroup_rules = {\"c 10:229 rwm\"}\n", NULL, NULL);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	c.ndevice_cgroup_rules = 0;
	c.gpus = 1;
	denied_by(check_create(&alice, &c, &d), &d, "--gpus is refused",
		  "built-in");
	repolicy("", "gpus = true\n", NULL);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	denied_by(check_create(&bob, &c, &d), &d, "--gpus", "built-in");
	repolicy_fails("devices = {\"dev/fuse\"}\n", "clean absolute");
	repolicy_fails("devices = {\"/dev/fuse:rwx\"}\n", "PERMS");
	repolicy_fails("device_cgroup_rules = {\"c  1:3 r\"}\n", "TYPE MAJOR");
}
END_TEST

START_TEST(test_host_namespaces)
{
	struct dg_create c = create();
	struct dg_decision d;

	c.host_ns = DG_NS_PID;
	repolicy("", NULL, NULL);
	denied_by(check_create(&alice, &c, &d), &d,
		  "--pid host is refused: host namespaces allowed for alice: "
		  "none",
		  "built-in");
	repolicy("", NULL, "host_namespaces = {\"network\"}\n");
	denied_by(check_create(&alice, &c, &d), &d,
		  "allowed for alice: network", "alice.conf:1");
	c.host_ns = DG_NS_NETWORK;
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	c.host_ns = DG_NS_NETWORK | DG_NS_USERNS;
	denied_by(check_create(&alice, &c, &d), &d, "--userns host", "alice");
	repolicy_fails("host_namespaces = {\"mount\"}\n", "not one of");
}
END_TEST

START_TEST(test_security_opt)
{
	const char *so[] = {"seccomp=unconfined"}, *cu[] = {"seccomp=custom"};
	struct dg_create c = create();
	struct dg_decision d;

	c.security_opt = so;
	c.nsecurity_opt = 1;
	repolicy("", NULL, NULL);
	denied_by(check_create(&alice, &c, &d), &d,
		  "--security-opt seccomp=unconfined is refused", "built-in");
	repolicy("security_opt = {\"seccomp=unconfined\"}\n", NULL, NULL);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	c.security_opt = cu;
	denied_by(check_create(&alice, &c, &d), &d,
		  "--security-opt seccomp=PROFILE is refused",
		  "default.conf:1");
	repolicy_fails("security_opt = {\"seccomp=maybe\"}\n", "not one of");
	repolicy_fails("security_opt = {\"no-new-privileges=true\"}\n",
		       "not one of");
}
END_TEST

START_TEST(test_runtime_sysctls)
{
	const char *sy[] = {"net.ipv4.ip_forward"}, *k[] = {"kernel.shmmax"};
	struct dg_create c = create();
	struct dg_decision d;

	c.runtime = "runsc";
	repolicy("runtimes = {\"runc\"}\n", NULL, NULL);
	denied_by(
		check_create(&alice, &c, &d), &d,
		"--runtime runsc is refused: runtimes allowed for alice: runc",
		"default.conf:1");
	repolicy("runtimes = {\"runc\"}\n", NULL, "runtimes += {\"runsc\"}\n");
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	c.runtime = "";
	c.sysctls = sy;
	c.nsysctls = 1;
	denied_by(check_create(&alice, &c, &d), &d,
		  "--sysctl net.ipv4.ip_forward", "built-in");
	repolicy("sysctls = {\"net.ipv4.*\"}\n", NULL, NULL);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	c.sysctls = k;
	denied_by(check_create(&alice, &c, &d), &d,
		  "sysctls allowed for alice: net.ipv4.*", "default.conf:1");
	repolicy_fails("sysctls = {\"net/ipv4\"}\n", "sysctl name");
	repolicy_fails("runtimes = {\"a b\"}\n", "runtime name");
}
END_TEST

START_TEST(test_resources)
{
	struct dg_create c = create();
	struct dg_decision d;

	repolicy("max_memory = 1g\nmemory = 256m\nmax_cpus = \"1.5\"\n", NULL,
		 NULL);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	ck_assert_int_eq(d.force.memory, 256LL << 20);
	ck_assert_int_eq(d.force.nano_cpus, 1500000000LL);
	c.res.memory = 512LL << 20;
	c.res.nano_cpus = 1000000000LL;
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	ck_assert_int_eq(d.force.memory, 0);
	ck_assert_int_eq(d.force.nano_cpus, 0);
	c.res.memory = 2LL << 30;
	denied_by(check_create(&alice, &c, &d), &d,
		  "-m 2g is refused: alice may use at most -m 1g",
		  "default.conf:1");
	c.res.memory = 0;
	c.res.memory_swap = -1;
	denied_by(check_create(&alice, &c, &d), &d, "--memory-swap -1",
		  "default.conf:1");
	c.res.memory_swap = 0;
	c.res.nano_cpus = 2000000000LL;
	denied_by(check_create(&alice, &c, &d), &d,
		  "--cpus 2 is refused: alice may use at most --cpus 1.5",
		  "default.conf:3");
	c.res.nano_cpus = 0;
	c.res.cpu_quota_set = 1;
	denied_by(check_create(&alice, &c, &d), &d, "--cpu-quota", "default");
	repolicy("", NULL, NULL);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	ck_assert_int_eq(d.force.memory, 0);
	repolicy_fails("max_memory = 1x\n", "512m, 2g");
	repolicy_fails("max_cpus = \"1.5.1\"\n", "0.5, 2");
	repolicy_fails("max_memory = -1\n", "512m");
}
END_TEST

START_TEST(test_update)
{
	struct dg_update u = {.size = sizeof(u),
			      .container = "c1",
			      .restart = "",
			      .limits = {.cpuset_cpus = "",
					 .cpuset_mems = "",
					 .storage_size = -1}};
	struct dg_request r = {.size = sizeof(r),
			       .kind = DG_REQ_UPDATE,
			       .method = "POST",
			       .route = "/containers/{id}/update",
			       .object = "c1",
			       .user = &alice,
			       .update = &u};
	struct dg_decision d;

	repolicy("max_memory = 1g\npids_limit = 100\n", NULL, NULL);
	u.res.memory = 1LL << 30;
	ck_assert_int_eq(decide(&r, &d), DG_ALLOW);
	u.res.memory = (1LL << 30) + 1;
	denied_by(decide(&r, &d), &d, "docker update -m", "default.conf:1");
	u.res.memory = 0;
	u.pids_set = 1;
	u.res.pids_limit = 0;
	denied_by(decide(&r, &d), &d, "docker update --pids-limit 0",
		  "default.conf:2");
	u.res.pids_limit = 50;
	ck_assert_int_eq(decide(&r, &d), DG_ALLOW);
}
END_TEST

START_TEST(test_describe_options)
{
	char buf[8192];

	repolicy("cap_add = {\"NET_RAW\"}\nmax_memory = 2g\nmax_cpus = 2\n",
		 NULL, NULL);
	ck_assert_int_eq(P.describe(&alice, buf, sizeof(buf)), 1);
	ck_assert_ptr_nonnull(strstr(buf, "capabilities you may add "
					  "(--cap-add): NET_RAW"));
	ck_assert_ptr_nonnull(strstr(buf, "memory (-m): at most 2g"));
	ck_assert_ptr_nonnull(strstr(buf, "CPUs (--cpus): at most 2"));
	ck_assert_ptr_nonnull(strstr(buf, "host devices (--device): none"));
}
END_TEST

static Suite *options_suite(void)
{
	Suite *s = suite_create("options");
	TCase *tc = tcase_create("options");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_cap_add);
	tcase_add_test(tc, test_devices);
	tcase_add_test(tc, test_host_namespaces);
	tcase_add_test(tc, test_security_opt);
	tcase_add_test(tc, test_runtime_sysctls);
	tcase_add_test(tc, test_resources);
	tcase_add_test(tc, test_update);
	tcase_add_test(tc, test_describe_options);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(options_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
