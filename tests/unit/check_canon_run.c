/*
 * The run options of plugin ABI 1.3 in the gate (canon_run.c,
 * canon_tmpfs.c, canon_limits.c, canon_apply_run.c): what the typed view
 * says, what the forwarded body says, the ABI a request needs, and the
 * settings a policy forces.  Refused spellings are in
 * check_canon_fields.c.
 */
#include "canon_priv.h"
#include "canon_test.h"

static const struct dg_create *view_of(const char *members,
				       struct canon_create **out)
{
	char *b = ct_fmt(CT_HC("%s"), members);

	*out = ct_parse(b);
	free(b);
	return canon_create_view(*out);
}

static const char *hc_str(json_t *j, const char *key)
{
	return json_string_value(ct_get(j, "HostConfig", key, NULL));
}

START_TEST(sizes)
{
	long long v = -5;

	ck_assert_int_eq(canon_size_parse("0", &v), 0);
	ck_assert_int_eq(v, 0);
	ck_assert_int_eq(canon_size_parse("1k", &v), 0);
	ck_assert_int_eq(v, 1024);
	ck_assert_int_eq(canon_size_parse("64M", &v), 0);
	ck_assert_int_eq(v, 64LL << 20);
	ck_assert_int_eq(canon_size_parse("2g", &v), 0);
	ck_assert_int_eq(v, 2LL << 30);
	ck_assert_int_eq(canon_size_parse("1t", &v), 0);
	ck_assert_int_eq(v, 1LL << 40);
	ck_assert_int_eq(canon_size_parse("1048576", &v), 0);
	ck_assert_int_eq(v, 1048576);
	/* what the kernel or dockerd would read differently */
	ck_assert_int_eq(canon_size_parse("010", &v), -1);
	ck_assert_int_eq(canon_size_parse("0x10", &v), -1);
	ck_assert_int_eq(canon_size_parse("1.5g", &v), -1);
	ck_assert_int_eq(canon_size_parse("1kb", &v), -1);
	ck_assert_int_eq(canon_size_parse("1 k", &v), -1);
	ck_assert_int_eq(canon_size_parse("-1", &v), -1);
	ck_assert_int_eq(canon_size_parse("50%", &v), -1);
	ck_assert_int_eq(canon_size_parse("", &v), -1);
	ck_assert_int_eq(canon_size_parse("1p", &v), -1);
	ck_assert_int_eq(canon_size_parse("2048t", &v), -1);
	ck_assert_int_eq(canon_size_parse("99999999999999999", &v), -1);
}
END_TEST

START_TEST(cpusets)
{
	ck_assert_int_eq(canon_cpuset_ok("0"), 1);
	ck_assert_int_eq(canon_cpuset_ok("0-3,6,8-8"), 1);
	ck_assert_int_eq(canon_cpuset_ok("8191"), 1);
	ck_assert_int_eq(canon_cpuset_ok("8192"), 0);
	ck_assert_int_eq(canon_cpuset_ok(""), 0);
	ck_assert_int_eq(canon_cpuset_ok("01"), 0);
	ck_assert_int_eq(canon_cpuset_ok("1-"), 0);
	ck_assert_int_eq(canon_cpuset_ok("-1"), 0);
	ck_assert_int_eq(canon_cpuset_ok("1,"), 0);
	ck_assert_int_eq(canon_cpuset_ok("1-2-3"), 0);
	ck_assert_int_eq(canon_cpuset_ok("2-1"), 0);
}
END_TEST

START_TEST(plain_run_needs_1_1)
{
	struct canon_create *c;
	const struct dg_create *v = view_of(
		"\"LogConfig\":{\"Type\":\"\",\"Config\":{}},"
		"\"RestartPolicy\":{\"Name\":\"no\",\"MaximumRetryCount\":0},"
		"\"OomScoreAdj\":0,\"OomKillDisable\":false,\"Ulimits\":[],"
		"\"CgroupParent\":\"\",\"ShmSize\":0,\"CpuShares\":0,"
		"\"CpusetCpus\":\"\",\"CpusetMems\":\"\",\"BlkioWeight\":0,"
		"\"ReadonlyRootfs\":true,\"Init\":true,"
		"\"Mounts\":[{\"Type\":\"tmpfs\",\"Target\":\"/t\","
		"\"TmpfsOptions\":{\"SizeBytes\":1048576,\"Mode\":448}}]",
		&c);

	ck_assert_str_eq(v->log_driver, "");
	ck_assert_uint_eq(v->nlog_opts, 0);
	ck_assert_str_eq(v->restart, "no");
	ck_assert_str_eq(v->cgroup_parent, "");
	ck_assert_int_eq(v->limits.storage_size, -1);
	ck_assert_str_eq(v->limits.cpuset_cpus, "");
	/* --mount type=tmpfs was decided without the policy before 1.3 */
	ck_assert_uint_eq(v->ntmpfs, 1);
	ck_assert_int_eq(v->tmpfs[0].size, 1048576);
	ck_assert_uint_eq(v->tmpfs[0].noptions, 2);
	ck_assert_str_eq(v->tmpfs[0].options[0], "size");
	ck_assert_str_eq(v->tmpfs[0].options[1], "mode");
	ck_assert_str_eq(v->tmpfs[0].cli,
			 "--mount type=tmpfs,dst=/t,tmpfs-size=1048576");
	ck_assert_uint_eq(canon_create_abi_minor(v), 1);
	canon_create_free(c);
}
END_TEST

START_TEST(log_view)
{
	struct canon_create *c;
	const struct dg_create *v =
		view_of("\"LogConfig\":{\"Type\":\"json-file\",\"Config\":"
			"{\"max-size\":\"1m\",\"max-file\":\"3\"}}",
			&c);
	int size = 0, file = 0;

	ck_assert_str_eq(v->log_driver, "json-file");
	ck_assert_uint_eq(v->nlog_opts, 2);
	for (size_t i = 0; i < v->nlog_opts; i++) {
		size |= !strcmp(v->log_opts[i], "max-size");
		file |= !strcmp(v->log_opts[i], "max-file");
	}
	ck_assert(size && file);
	ck_assert_uint_eq(canon_create_abi_minor(v), 3);
	canon_create_free(c);
	v = view_of("\"LogConfig\":{\"Config\":{\"tag\":\"x\"}}", &c);
	ck_assert_str_eq(v->log_driver, "");
	ck_assert_uint_eq(canon_create_abi_minor(v), 3);
	canon_create_free(c);
}
END_TEST

START_TEST(ulimits_canonical)
{
	struct canon_create *c;
	const struct dg_create *v = view_of(
		"\"Ulimits\":[{\"Name\":\"NOFILE\",\"Soft\":1024,"
		"\"Hard\":2048},{\"Name\":\"core\",\"Soft\":-1,\"Hard\":-1},"
		"{\"Name\":\"nproc\",\"Soft\":10,\"Hard\":-1}]",
		&c);
	json_t *j;

	ck_assert_uint_eq(v->nulimits, 3);
	ck_assert_str_eq(v->ulimits[0].name, "nofile");
	ck_assert_int_eq(v->ulimits[0].soft, 1024);
	ck_assert_int_eq(v->ulimits[0].hard, 2048);
	ck_assert_int_eq(v->ulimits[1].soft, -1);
	ck_assert_int_eq(v->ulimits[2].hard, -1);
	ck_assert_uint_eq(canon_create_abi_minor(v), 3);
	/* dockerd merges its default ulimits by this exact name */
	j = ct_dump_json(c);
	ck_assert_str_eq(
		json_string_value(json_object_get(
			json_array_get(ct_get(j, "HostConfig", "Ulimits", NULL),
				       0),
			"Name")),
		"nofile");
	json_decref(j);
	canon_create_free(c);
}
END_TEST

START_TEST(tmpfs_rewritten)
{
	struct canon_create *c;
	const struct dg_create *v = view_of(
		"\"Tmpfs\":{\"/run\":\"rw,size=64m,exec,nr_inodes=1k\"}", &c);
	json_t *j;

	ck_assert_uint_eq(v->ntmpfs, 1);
	ck_assert_str_eq(v->tmpfs[0].target, "/run");
	ck_assert_int_eq(v->tmpfs[0].size, 64LL << 20);
	ck_assert_uint_eq(v->tmpfs[0].noptions, 4);
	ck_assert_str_eq(v->tmpfs[0].options[2], "exec");
	ck_assert_str_eq(v->tmpfs[0].cli,
			 "--tmpfs /run:rw,size=64m,exec,nr_inodes=1k");
	ck_assert_uint_eq(canon_create_abi_minor(v), 3);
	j = ct_dump_json(c);
	ck_assert_str_eq(json_string_value(ct_get(j, "HostConfig", "Tmpfs",
						  "/run", NULL)),
			 "rw,size=67108864,exec,nr_inodes=1024");
	json_decref(j);
	canon_create_free(c);
	v = view_of("\"Tmpfs\":{\"/x\":\"\"}", &c);
	ck_assert_int_eq(v->tmpfs[0].size, -1);
	ck_assert_uint_eq(v->tmpfs[0].noptions, 0);
	ck_assert_str_eq(v->tmpfs[0].cli, "--tmpfs /x");
	canon_create_free(c);
	v = view_of("\"Tmpfs\":{\"/x\":\"size=0\"}", &c);
	ck_assert_int_eq(v->tmpfs[0].size, 0);
	canon_create_free(c);
}
END_TEST

START_TEST(oom_restart_cgroup)
{
	struct canon_create *c;
	const struct dg_create *v =
		view_of("\"OomKillDisable\":true,\"OomScoreAdj\":-500,"
			"\"CgroupParent\":\"gate-1000.slice\","
			"\"RestartPolicy\":{\"Name\":\"on-failure\","
			"\"MaximumRetryCount\":3}",
			&c);

	ck_assert_int_eq(v->oom_kill_disable, 1);
	ck_assert_int_eq(v->oom_score_adj, -500);
	ck_assert_str_eq(v->cgroup_parent, "gate-1000.slice");
	ck_assert_str_eq(v->restart, "on-failure");
	ck_assert_int_eq(v->restart_retries, 3);
	ck_assert_uint_eq(canon_create_abi_minor(v), 3);
	canon_create_free(c);
	/* free before 1.3: a positive score, restart "" (= no) */
	v = view_of("\"OomScoreAdj\":500,\"RestartPolicy\":{\"Name\":\"\"}",
		    &c);
	ck_assert_str_eq(v->restart, "no");
	ck_assert_uint_eq(canon_create_abi_minor(v), 1);
	canon_create_free(c);
	v = view_of("\"RestartPolicy\":{\"Name\":\"always\"}", &c);
	ck_assert_uint_eq(canon_create_abi_minor(v), 3);
	canon_create_free(c);
}
END_TEST

START_TEST(limits_view)
{
	struct canon_create *c;
	const struct dg_create *v = view_of(
		"\"ShmSize\":67108864,\"MemoryReservation\":1048576,"
		"\"CpuShares\":512,\"CpusetCpus\":\"0-1\",\"CpusetMems\":\"0\","
		"\"BlkioWeight\":300,\"StorageOpt\":{\"size\":\"10G\"}",
		&c);
	json_t *j;

	ck_assert_int_eq(v->limits.shm_size, 64LL << 20);
	ck_assert_int_eq(v->limits.memory_reservation, 1048576);
	ck_assert_int_eq(v->limits.cpu_shares, 512);
	ck_assert_str_eq(v->limits.cpuset_cpus, "0-1");
	ck_assert_str_eq(v->limits.cpuset_mems, "0");
	ck_assert_int_eq(v->limits.blkio_weight, 300);
	ck_assert_int_eq(v->limits.storage_size, 10LL << 30);
	ck_assert_uint_eq(canon_create_abi_minor(v), 3);
	j = ct_dump_json(c);
	ck_assert_str_eq(json_string_value(ct_get(j, "HostConfig", "StorageOpt",
						  "size", NULL)),
			 "10737418240");
	json_decref(j);
	canon_create_free(c);
}
END_TEST

START_TEST(malformed_bad_request)
{
	ct_expect(CT_HC("\"Ulimits\":[null]"), CANON_EBAD, "Ulimits");
	ct_expect(CT_HC("\"Ulimits\":{\"nofile\":1}"), CANON_EBAD, "Ulimits");
	ct_expect(CT_HC("\"LogConfig\":{\"Config\":{\"max-size\":1}}"),
		  CANON_EBAD, "LogConfig.Config");
	ct_expect(CT_HC("\"Tmpfs\":{\"/x\":1}"), CANON_EBAD, "Tmpfs");
	ct_expect(CT_HC("\"StorageOpt\":{\"size\":10}"), CANON_EBAD,
		  "StorageOpt");
}
END_TEST

static struct canon_create *applied(const char *members,
				    const struct dg_force *f, int want_rc)
{
	const struct dg_user u = {sizeof(u), 1000, 1000, 1, "alice",
				  "/",	     NULL, NULL, 0};
	char err[CANON_ERR_MAX];
	struct canon_create *c;

	view_of(members, &c);
	ck_assert_int_eq(canon_create_apply(c, f, &u, err, sizeof(err)),
			 want_rc);
	return c;
}

START_TEST(forced_settings)
{
	struct dg_force f = {.user = ""};
	struct canon_create *c;
	json_t *j, *m;

	snprintf(f.cgroup_parent, sizeof(f.cgroup_parent), "gate-1000.slice");
	f.read_only = 1;
	f.init = 1;
	f.tmpfs_size = 1048576;
	c = applied("\"Tmpfs\":{\"/a\":\"\",\"/b\":\"exec\",\"/c\":"
		    "\"size=4k\"},\"Mounts\":[{\"Type\":\"tmpfs\","
		    "\"Target\":\"/d\"},{\"Type\":\"tmpfs\",\"Target\":\"/e\","
		    "\"TmpfsOptions\":{\"SizeBytes\":8192}}]",
		    &f, CANON_OK);
	j = ct_dump_json(c);
	ck_assert_str_eq(hc_str(j, "CgroupParent"), "gate-1000.slice");
	ck_assert(
		json_is_true(ct_get(j, "HostConfig", "ReadonlyRootfs", NULL)));
	ck_assert(json_is_true(ct_get(j, "HostConfig", "Init", NULL)));
	ck_assert_str_eq(
		json_string_value(ct_get(j, "HostConfig", "Tmpfs", "/a", NULL)),
		"size=1048576");
	ck_assert_str_eq(
		json_string_value(ct_get(j, "HostConfig", "Tmpfs", "/b", NULL)),
		"exec,size=1048576");
	ck_assert_str_eq(
		json_string_value(ct_get(j, "HostConfig", "Tmpfs", "/c", NULL)),
		"size=4096");
	m = ct_get(j, "HostConfig", "Mounts", NULL);
	ck_assert_int_eq(
		json_integer_value(ct_get(json_array_get(m, 0), "TmpfsOptions",
					  "SizeBytes", NULL)),
		1048576);
	ck_assert_int_eq(
		json_integer_value(ct_get(json_array_get(m, 1), "TmpfsOptions",
					  "SizeBytes", NULL)),
		8192);
	json_decref(j);
	canon_create_free(c);
	/* nothing forced: nothing set */
	memset(&f, 0, sizeof(f));
	c = applied("\"Tmpfs\":{\"/a\":\"\"}", &f, CANON_OK);
	j = ct_dump_json(c);
	ck_assert_ptr_null(ct_get(j, "HostConfig", "CgroupParent", NULL));
	ck_assert_ptr_null(ct_get(j, "HostConfig", "Init", NULL));
	ck_assert_str_eq(
		json_string_value(ct_get(j, "HostConfig", "Tmpfs", "/a", NULL)),
		"");
	json_decref(j);
	canon_create_free(c);
}
END_TEST

START_TEST(forced_cgroup_parent_checked)
{
	struct dg_force f = {.user = ""};

	snprintf(f.cgroup_parent, sizeof(f.cgroup_parent), "../../x");
	canon_create_free(applied("", &f, CANON_EREFUSED));
	memset(f.cgroup_parent, 'a', sizeof(f.cgroup_parent));
	canon_create_free(applied("", &f, CANON_EREFUSED));
}
END_TEST

static struct canon_update *update_of(const char *body, int want_rc)
{
	struct canon_update *u = NULL;
	char err[CANON_ERR_MAX], *out = NULL;
	size_t len = 0;

	ck_assert_int_eq(canon_update_parse(body, strlen(body), "c1", &u, &out,
					    &len, err, sizeof(err)),
			 want_rc);
	free(out);
	return u;
}

START_TEST(update_limits)
{
	struct canon_update *u = update_of(
		"{\"CpuShares\":512,\"CpusetCpus\":\"0-1\",\"CpusetMems\":\"\","
		"\"MemoryReservation\":1048576,\"BlkioWeight\":300,"
		"\"RestartPolicy\":{\"Name\":\"on-failure\","
		"\"MaximumRetryCount\":2}}",
		CANON_OK);
	const struct dg_update *v = canon_update_view(u);

	ck_assert_int_eq(v->limits.cpu_shares, 512);
	ck_assert_str_eq(v->limits.cpuset_cpus, "0-1");
	ck_assert_int_eq(v->limits.memory_reservation, 1048576);
	ck_assert_int_eq(v->limits.blkio_weight, 300);
	ck_assert_int_eq(v->limits.storage_size, -1);
	ck_assert_str_eq(v->restart, "on-failure");
	ck_assert_int_eq(v->restart_retries, 2);
	ck_assert_uint_eq(canon_update_abi_minor(v), 3);
	canon_update_free(u);
	ck_assert_ptr_null(
		update_of("{\"CpusetCpus\":\"01\"}", CANON_EREFUSED));
	ck_assert_ptr_null(update_of("{\"StorageOpt\":{\"size\":\"1g\"}}",
				     CANON_EREFUSED));
}
END_TEST

static Suite *run_suite(void)
{
	Suite *s = suite_create("canon_run");
	TCase *tc = tcase_create("run");

	tcase_add_test(tc, sizes);
	tcase_add_test(tc, cpusets);
	tcase_add_test(tc, plain_run_needs_1_1);
	tcase_add_test(tc, log_view);
	tcase_add_test(tc, ulimits_canonical);
	tcase_add_test(tc, tmpfs_rewritten);
	tcase_add_test(tc, oom_restart_cgroup);
	tcase_add_test(tc, limits_view);
	tcase_add_test(tc, malformed_bad_request);
	tcase_add_test(tc, forced_settings);
	tcase_add_test(tc, forced_cgroup_parent_checked);
	tcase_add_test(tc, update_limits);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return ct_run(run_suite());
}
