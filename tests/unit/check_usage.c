/*
 * Usage totals (gate/usage.c): one container's limits read from its
 * inspect HostConfig (NanoCpus, or CpuQuota/CpuPeriod; unlimited
 * spellings), and sums that count unlimited containers and saturate.
 */
#include <check.h>
#include <limits.h>

#include "usage.h"

static struct dg_resources limits(const char *hc)
{
	json_t *j = json_loads(hc, JSON_DECODE_ANY, NULL);
	struct dg_resources r;

	ck_assert_ptr_nonnull(j);
	usage_limits(j, &r);
	json_decref(j);
	return r;
}

START_TEST(test_limits)
{
	struct dg_resources r;

	r = limits("{\"Memory\":536870912,\"NanoCpus\":500000000,"
		   "\"PidsLimit\":100,\"MemorySwap\":1073741824}");
	ck_assert_int_eq(r.memory, 536870912);
	ck_assert_int_eq(r.nano_cpus, 500000000);
	ck_assert_int_eq(r.pids_limit, 100);
	ck_assert_int_eq(r.memory_swap, 1073741824);
	ck_assert_int_eq(r.cpu_quota_set, 0);
	/* unlimited spellings: absent, null, 0, -1 */
	r = limits("{\"Memory\":0,\"PidsLimit\":null,\"MemorySwap\":-1}");
	ck_assert_int_eq(r.memory, 0);
	ck_assert_int_eq(r.pids_limit, 0);
	ck_assert_int_eq(r.memory_swap, 0);
	ck_assert_int_eq(r.nano_cpus, 0);
	r = limits("{\"PidsLimit\":-1,\"Memory\":\"1g\"}");
	ck_assert_int_eq(r.pids_limit, 0);
	ck_assert_int_eq(r.memory, 0);
	/* quota and period: 50000/100000 is half a CPU; period 0 is the
	 * default 100000 */
	r = limits("{\"CpuQuota\":50000,\"CpuPeriod\":100000}");
	ck_assert_int_eq(r.nano_cpus, 500000000);
	ck_assert_int_eq(r.cpu_quota_set, 1);
	r = limits("{\"CpuQuota\":200000,\"CpuPeriod\":0}");
	ck_assert_int_eq(r.nano_cpus, 2000000000);
	r = limits("{\"CpuQuota\":-1,\"CpuPeriod\":100000}");
	ck_assert_int_eq(r.nano_cpus, 0);
	/* NanoCpus wins (dockerd refuses both anyway) */
	r = limits("{\"NanoCpus\":1000000000,\"CpuQuota\":50000}");
	ck_assert_int_eq(r.nano_cpus, 1000000000);
	/* a huge quota saturates */
	r = limits("{\"CpuQuota\":9223372036854775807,\"CpuPeriod\":1}");
	ck_assert_int_eq(r.nano_cpus, LLONG_MAX);
	r = limits("null");
	ck_assert_int_eq(r.memory, 0);
}
END_TEST

START_TEST(test_sums)
{
	struct dg_resources a = {512, 0, 1000, 10, 0}, none = {0, 0, 0, 0, 0};
	struct dg_resources big = {LLONG_MAX, 0, LLONG_MAX, LLONG_MAX, 0};
	struct dg_usage u;

	usage_init(&u);
	ck_assert_uint_eq(u.size, sizeof(u));
	usage_add(&u, &a);
	usage_add(&u, &a);
	usage_add(&u, &none);
	ck_assert_int_eq(u.containers, 3);
	ck_assert_int_eq(u.memory, 1024);
	ck_assert_int_eq(u.nano_cpus, 2000);
	ck_assert_int_eq(u.pids, 20);
	ck_assert_int_eq(u.unlimited_memory, 1);
	ck_assert_int_eq(u.unlimited_cpus, 1);
	ck_assert_int_eq(u.unlimited_pids, 1);
	usage_add(&u, &big);
	ck_assert_int_eq(u.memory, LLONG_MAX);
	ck_assert_int_eq(u.nano_cpus, LLONG_MAX);
	ck_assert_int_eq(u.pids, LLONG_MAX);
	ck_assert_int_eq(u.containers, 4);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("usage");
	TCase *tc = tcase_create("usage");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_limits);
	tcase_add_test(tc, test_sums);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
