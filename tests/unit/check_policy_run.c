/*
 * Unit tests for the run-option keys of policy 1.3 (plugin/run_options.c,
 * cpuset.c, eval_run.c, eval_limits.c): each key refuses and allows, its
 * entries are checked at parse time, forced settings are set, docker
 * update is bounded, and describe shows the keys.
 */
#include "policy_test.h"

static void allowed(int rc, const struct dg_decision *d)
{
	ck_assert_msg(rc == DG_ALLOW, "rc %d: %s", rc, d->message);
}

START_TEST(test_log)
{
	const char *opts[] = {"max-size"}, *file[] = {"max-file"};
	struct dg_create c = create();
	struct dg_decision d;

	repolicy("", NULL, NULL);
	allowed(check_create(&alice, &c, &d), &d);
	c.log_driver = "syslog";
	denied_by(check_create(&alice, &c, &d), &d,
		  "--log-driver syslog is refused: log drivers allowed for "
		  "alice: none; leave out --log-driver",
		  "built-in");
	c.log_driver = "";
	c.log_opts = opts;
	c.nlog_opts = 1;
	denied_by(
		check_create(&alice, &c, &d), &d,
		"--log-opt max-size is refused: log options allowed for alice: "
		"none",
		"built-in");
	repolicy("log_drivers = {\"json-file\", \"local\"}\n"
		 "log_opts = {\"max-size\"}\n",
		 NULL, NULL);
	allowed(check_create(&alice, &c, &d), &d);
	c.log_driver = "local";
	allowed(check_create(&alice, &c, &d), &d);
	c.log_driver = "gelf";
	denied_by(check_create(&alice, &c, &d), &d,
		  "allowed for alice: json-file, local", "default.conf:1");
	c.log_driver = "";
	c.log_opts = file;
	denied_by(check_create(&alice, &c, &d), &d, "--log-opt max-file",
		  "default.conf:2");
	repolicy_fails("log_drivers = {\"Syslog\"}\n", "log driver name");
	repolicy_fails("log_opts = {\"a b\"}\n", "log option name");
}
END_TEST

START_TEST(test_ulimits)
{
	struct dg_ulimit u[] = {{"nofile", 1024, 2048}, {"nproc", -1, -1}};
	struct dg_create c = create();
	struct dg_decision d;

	c.ulimits = u;
	c.nulimits = 1;
	repolicy("", NULL, NULL);
	denied_by(check_create(&alice, &c, &d), &d,
		  "--ulimit nofile=1024:2048 is refused: ulimits allowed for "
		  "alice (NAME=SOFT:HARD maxima): none",
		  "built-in");
	repolicy("ulimits = {\"nofile=1024:2048\", \"nproc\"}\n", NULL, NULL);
	allowed(check_create(&alice, &c, &d), &d);
	c.nulimits = 2; /* nproc unlimited: the name alone allows any */
	allowed(check_create(&alice, &c, &d), &d);
	u[0].hard = 4096;
	denied_by(check_create(&alice, &c, &d), &d,
		  "--ulimit nofile=1024:4096 is refused", "default.conf:1");
	u[0].soft = u[0].hard = -1; /* unlimited is over any maximum */
	denied_by(check_create(&alice, &c, &d), &d, "nofile=-1:-1",
		  "default.conf:1");
	repolicy("ulimits = {\"nofile=4096\"}\n", NULL, NULL);
	u[0].soft = u[0].hard = 4096;
	c.nulimits = 1;
	allowed(check_create(&alice, &c, &d), &d);
	u[0].hard = 4097;
	denied_by(check_create(&alice, &c, &d), &d, "nofile=4096:4097",
		  "default.conf:1");
	repolicy_fails("ulimits = {\"as\"}\n", "ulimits: \"as\"");
	repolicy_fails("ulimits = {\"NOFILE\"}\n", "NAME=SOFT:HARD");
	repolicy_fails("ulimits = {\"nofile=2:1\"}\n", "NAME=SOFT:HARD");
	repolicy_fails("ulimits = {\"nofile=01\"}\n", "NAME=SOFT:HARD");
	repolicy_fails("ulimits = {\"nofile=-1\"}\n", "NAME=SOFT:HARD");
}
END_TEST

START_TEST(test_tmpfs)
{
	const char *o[] = {"rw", "size", "mode", "exec"};
	struct dg_tmpfs t = {"/run", 64LL << 20, o, 3,
			     "--tmpfs /run:rw,size=64m,mode=1777,exec"};
	struct dg_create c = create();
	struct dg_decision d;

	c.tmpfs = &t;
	c.ntmpfs = 1;
	repolicy("", NULL, NULL);
	allowed(check_create(&alice, &c, &d), &d);
	ck_assert_int_eq(d.force.tmpfs_size, 0);
	t.noptions = 4;
	denied_by(
		check_create(&alice, &c, &d), &d,
		"--tmpfs /run:rw,size=64m,mode=1777,exec is refused: tmpfs "
		"option exec is not allowed for alice; allowed beyond ro, rw, "
		"noexec, nosuid, nodev, size, mode: none",
		"built-in");
	repolicy("tmpfs_options = {\"exec\"}\nmax_tmpfs_size = 64m\n", NULL,
		 NULL);
	allowed(check_create(&alice, &c, &d), &d);
	ck_assert_int_eq(d.force.tmpfs_size, 64LL << 20);
	t.size = (64LL << 20) + 1;
	denied_by(
		check_create(&alice, &c, &d), &d,
		"is refused: a tmpfs of 67108865 is over the 64m alice may use",
		"default.conf:2");
	t.size = 0;
	denied_by(check_create(&alice, &c, &d), &d, "size=0 is a tmpfs without",
		  "default.conf:2");
	t.size = -1; /* none given: the maximum is forced */
	allowed(check_create(&alice, &c, &d), &d);
	ck_assert_int_eq(d.force.tmpfs_size, 64LL << 20);
	repolicy_fails("tmpfs_options = {\"shared\"}\n", "not a tmpfs option");
	repolicy_fails("max_tmpfs_size = 1x\n", "512m, 2g");
}
END_TEST

START_TEST(test_cgroup_parent)
{
	struct dg_create c = create();
	struct dg_decision d;
	char cfg[256];

	repolicy("", NULL, NULL);
	allowed(check_create(&alice, &c, &d), &d);
	ck_assert_str_eq(d.force.cgroup_parent, "");
	c.cgroup_parent = "x.slice";
	denied_by(check_create(&alice, &c, &d), &d,
		  "--cgroup-parent x.slice is refused: alice may not choose a "
		  "cgroup",
		  "built-in");
	repolicy("cgroup_parent = \"docker-gate-$UID.slice\"\n", NULL, NULL);
	denied_by(check_create(&alice, &c, &d), &d,
		  "containers of alice always go under docker-gate-1001.slice",
		  "default.conf:1");
	c.cgroup_parent = "docker-gate-1001.slice";
	allowed(check_create(&alice, &c, &d), &d);
	ck_assert_str_eq(d.force.cgroup_parent, "docker-gate-1001.slice");
	c.cgroup_parent = "";
	allowed(check_create(&bob, &c, &d), &d);
	ck_assert_str_eq(d.force.cgroup_parent, "docker-gate-1002.slice");
	/* a user file unsets it with "" */
	repolicy("cgroup_parent = \"/docker/$USER\"\n", NULL,
		 "cgroup_parent = \"\"\n");
	allowed(check_create(&alice, &c, &d), &d);
	ck_assert_str_eq(d.force.cgroup_parent, "");
	allowed(check_create(&bob, &c, &d), &d);
	ck_assert_str_eq(d.force.cgroup_parent, "/docker/bob");
	snprintf(cfg, sizeof(cfg), "cgroup_parent = \"../$USER\"\n");
	repolicy_fails(cfg, "not a cgroup name");
	repolicy_fails("cgroup_parent = \"$HOME/x\"\n", "cgroup_parent");
	repolicy_fails("cgroup_parent = \"a b\"\n", "not a cgroup name");
	repolicy_fails("cgroup_parent += \"a\"\n", "default.conf:1");
}
END_TEST

START_TEST(test_oom)
{
	struct dg_create c = create();
	struct dg_decision d;

	c.oom_kill_disable = 1;
	repolicy("", NULL, NULL);
	denied_by(
		check_create(&alice, &c, &d), &d,
		"--oom-kill-disable is refused: alice may not turn off the OOM "
		"killer",
		"built-in");
	repolicy("oom_kill_disable = true\n", NULL, NULL);
	denied_by(check_create(&alice, &c, &d), &d, "without a memory limit",
		  "default.conf:1");
	c.res.memory = 1LL << 30;
	allowed(check_create(&alice, &c, &d), &d);
	c.res.memory = 0;
	repolicy("oom_kill_disable = true\nmemory = 1g\n", NULL, NULL);
	allowed(check_create(&alice, &c, &d), &d);
	c.oom_kill_disable = 0;
	c.oom_score_adj = 1000;
	allowed(check_create(&alice, &c, &d), &d);
	c.oom_score_adj = -1;
	denied_by(check_create(&alice, &c, &d), &d,
		  "--oom-score-adj -1 is refused: alice may go down to 0",
		  "built-in");
	repolicy("", NULL, "min_oom_score_adj = -500\n");
	c.oom_score_adj = -500;
	allowed(check_create(&alice, &c, &d), &d);
	c.oom_score_adj = -501;
	denied_by(check_create(&alice, &c, &d), &d, "go down to -500",
		  "users/alice.conf:1");
	repolicy_fails("min_oom_score_adj = 5\n", "between -1000 and 0");
}
END_TEST

START_TEST(test_read_only_init)
{
	struct dg_create c = create();
	struct dg_decision d;

	repolicy("", NULL, NULL);
	allowed(check_create(&alice, &c, &d), &d);
	ck_assert_int_eq(d.force.read_only, 0);
	ck_assert_int_eq(d.force.init, 0);
	repolicy("read_only = true\ninit = true\n", NULL, NULL);
	allowed(check_create(&alice, &c, &d), &d);
	ck_assert_int_eq(d.force.read_only, 1);
	ck_assert_int_eq(d.force.init, 1);
}
END_TEST

START_TEST(test_restart)
{
	struct dg_create c = create();
	struct dg_decision d;

	repolicy("", NULL, NULL);
	allowed(check_create(&alice, &c, &d), &d);
	c.restart = "always";
	denied_by(check_create(&alice, &c, &d), &d,
		  "--restart always is refused: restart policies allowed for "
		  "alice: no (a container",
		  "built-in");
	repolicy("restart = {\"on-failure:3\", \"unless-stopped\"}\n", NULL,
		 NULL);
	denied_by(check_create(&alice, &c, &d), &d,
		  "allowed for alice: no, on-failure:3, unless-stopped",
		  "default.conf:1");
	c.restart = "unless-stopped";
	allowed(check_create(&alice, &c, &d), &d);
	c.restart = "on-failure";
	c.restart_retries = 3;
	allowed(check_create(&alice, &c, &d), &d);
	c.restart_retries = 4;
	denied_by(check_create(&alice, &c, &d), &d, "--restart on-failure:4",
		  "default.conf:1");
	c.restart_retries = 0; /* no maximum */
	denied_by(check_create(&alice, &c, &d), &d, "--restart on-failure is",
		  "default.conf:1");
	repolicy("restart = {\"on-failure\"}\n", NULL, NULL);
	allowed(check_create(&alice, &c, &d), &d);
	repolicy_fails("restart = {\"sometimes\"}\n", "not one of");
	repolicy_fails("restart = {\"on-failure:0\"}\n", "not one of");
}
END_TEST

START_TEST(test_limits)
{
	struct dg_create c = create();
	struct dg_decision d;

	repolicy("", NULL, NULL);
	c.limits.cpu_shares = 1024;
	c.limits.shm_size = 1LL << 40; /* no max_memory: no bound */
	allowed(check_create(&alice, &c, &d), &d);
	c.limits.cpu_shares = 2048;
	denied_by(check_create(&alice, &c, &d), &d,
		  "--cpu-shares 2048 is refused: alice may use at most "
		  "--cpu-shares 1024",
		  "built-in");
	c.limits.cpu_shares = 0;
	repolicy("max_memory = 1g\n", NULL, NULL);
	denied_by(check_create(&alice, &c, &d), &d,
		  "--shm-size 1t is refused: alice may use at most 1g",
		  "default.conf:1");
	c.limits.shm_size = 64LL << 20;
	c.limits.memory_reservation = 2LL << 30;
	denied_by(check_create(&alice, &c, &d), &d, "--memory-reservation 2g",
		  "default.conf:1");
	c.limits.memory_reservation = 0;
	allowed(check_create(&alice, &c, &d), &d);
	c.limits.cpuset_cpus = "0-1,6";
	denied_by(check_create(&alice, &c, &d), &d,
		  "--cpuset-cpus 0-1,6 is refused: CPUs alice may pin "
		  "containers to: none",
		  "built-in");
	repolicy("cpuset_cpus = {\"0-3\", \"6\"}\ncpuset_mems = {\"0\"}\n",
		 NULL, NULL);
	allowed(check_create(&alice, &c, &d), &d);
	c.limits.cpuset_cpus = "4";
	denied_by(check_create(&alice, &c, &d), &d,
		  "CPUs alice may pin "
		  "containers to: 0-3, 6",
		  "default.conf:1");
	c.limits.cpuset_cpus = "";
	c.limits.cpuset_mems = "1";
	denied_by(check_create(&alice, &c, &d), &d, "--cpuset-mems 1",
		  "default.conf:2");
	c.limits.cpuset_mems = "";
	c.limits.blkio_weight = 300;
	denied_by(check_create(&alice, &c, &d), &d,
		  "--blkio-weight 300 is "
		  "refused",
		  "built-in");
	repolicy("blkio = true\n", NULL, NULL);
	allowed(check_create(&alice, &c, &d), &d);
	c.limits.blkio_weight = 0;
	c.limits.storage_size = 5LL << 30;
	denied_by(check_create(&alice, &c, &d), &d,
		  "--storage-opt size is refused: alice may not set",
		  "built-in");
	repolicy("max_storage_size = 10g\n", NULL, NULL);
	allowed(check_create(&alice, &c, &d), &d);
	c.limits.storage_size = 20LL << 30;
	denied_by(check_create(&alice, &c, &d), &d,
		  "--storage-opt size=20g is refused: alice may use at most "
		  "size=10g",
		  "default.conf:1");
	c.limits.storage_size = 0;
	denied_by(check_create(&alice, &c, &d), &d, "0 is no limit",
		  "default.conf:1");
	repolicy_fails("cpuset_cpus = {\"01\"}\n", "cpuset_cpus");
	repolicy_fails("max_cpu_shares = 300000\n", "between 0 and 262144");
}
END_TEST

START_TEST(test_update_run)
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

	repolicy("max_memory = 1g\n", NULL, NULL);
	allowed(decide(&r, &d), &d);
	u.restart = "always";
	denied_by(decide(&r, &d), &d,
		  "docker update --restart always is refused", "built-in");
	u.restart = "";
	u.limits.cpu_shares = 4096;
	denied_by(decide(&r, &d), &d, "docker update --cpu-shares 4096",
		  "built-in");
	u.limits.cpu_shares = 0;
	u.limits.memory_reservation = 2LL << 30;
	denied_by(decide(&r, &d), &d, "docker update --memory-reservation 2g",
		  "default.conf:1");
	u.limits.memory_reservation = 0;
	u.limits.cpuset_cpus = "0";
	denied_by(decide(&r, &d), &d, "docker update --cpuset-cpus 0",
		  "built-in");
	repolicy("restart = {\"always\"}\ncpuset_cpus = {\"0\"}\n", NULL, NULL);
	u.restart = "always";
	allowed(decide(&r, &d), &d);
}
END_TEST

START_TEST(test_describe_run)
{
	char buf[16384];

	repolicy("", NULL, NULL);
	ck_assert_int_eq(P.describe(&alice, buf, sizeof(buf)), 1);
	has(buf, "log drivers (--log-driver): only the daemon's default");
	has(buf, "cgroup parent (--cgroup-parent): the daemon's");
	has(buf, "CPU shares (--cpu-shares): at most 1024 (built-in default)");
	has(buf, "restart policies (--restart) besides no: none");
	has(buf, "container disk size (--storage-opt size=): not allowed");
	repolicy("ulimits = {\"nofile=1024:2048\"}\n"
		 "cgroup_parent = \"gate-$UID.slice\"\n"
		 "max_tmpfs_size = 64m\nread_only = true\n"
		 "min_oom_score_adj = -100\n",
		 NULL, NULL);
	ck_assert_int_eq(P.describe(&alice, buf, sizeof(buf)), 1);
	has(buf, "ulimits (--ulimit; NAME=SOFT:HARD are maxima): "
		 "nofile=1024:2048");
	has(buf, "cgroup parent (--cgroup-parent): always gate-1001.slice");
	has(buf, "tmpfs size (--tmpfs DIR:size=, --mount tmpfs-size=): at "
		 "most 64m");
	has(buf, "read-only root file system (--read-only): always set");
	has(buf, "--oom-score-adj: at least -100");
}
END_TEST

/* The example policies still load and give what they say. */
START_TEST(test_examples_run)
{
	char buf[16384];
	struct dg_create c = create();
	struct dg_decision d;
	struct dg_ulimit u = {"nofile", 4096, 8192};

	repolicy("restart = {\"on-failure\"}\n"
		 "log_drivers = {\"json-file\", \"local\"}\n",
		 "ulimits = {\"nofile=1024:4096\", \"nproc=512\"}\n"
		 "max_tmpfs_size = 256m\n",
		 NULL);
	c.ulimits = &u;
	c.nulimits = 1;
	denied_by(check_create(&alice, &c, &d), &d, "nofile=4096:8192",
		  "groups/students.conf:1");
	u.soft = 1024;
	u.hard = 4096;
	allowed(check_create(&alice, &c, &d), &d);
	ck_assert_int_eq(P.describe(&alice, buf, sizeof(buf)), 1);
	has(buf, "tmpfs size");
}
END_TEST

static Suite *run_suite(void)
{
	Suite *s = suite_create("run_options");
	TCase *tc = tcase_create("run_options");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_log);
	tcase_add_test(tc, test_ulimits);
	tcase_add_test(tc, test_tmpfs);
	tcase_add_test(tc, test_cgroup_parent);
	tcase_add_test(tc, test_oom);
	tcase_add_test(tc, test_read_only_init);
	tcase_add_test(tc, test_restart);
	tcase_add_test(tc, test_limits);
	tcase_add_test(tc, test_update_run);
	tcase_add_test(tc, test_describe_run);
	tcase_add_test(tc, test_examples_run);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(run_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
