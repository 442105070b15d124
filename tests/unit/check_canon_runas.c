/*
 * canon_runas: how runc will read Config.User / exec User.
 */
#include "canon_test.h"

static const struct {
	const char *raw;
	enum dg_runas_kind kind;
	long long uid, gid;
} runas[] = {
	{"", DG_RUNAS_DEFAULT, -1, -1},
	{"0", DG_RUNAS_ROOT, 0, -1},
	{"root", DG_RUNAS_NAME, -1, -1},
	{"00", DG_RUNAS_ROOT, 0, -1},
	{"+0", DG_RUNAS_ROOT, 0, -1},
	{"-0", DG_RUNAS_ROOT, 0, -1},
	{"1000", DG_RUNAS_NUMERIC, 1000, -1},
	{"+1000", DG_RUNAS_NUMERIC, 1000, -1},
	{"01000", DG_RUNAS_NUMERIC, 1000, -1},
	{"1000:0", DG_RUNAS_ROOT, 1000, 0},
	{"1000:00", DG_RUNAS_ROOT, 1000, 0},
	{"1000:1000", DG_RUNAS_NUMERIC, 1000, 1000},
	{"nobody", DG_RUNAS_NAME, -1, -1},
	{"1000:staff", DG_RUNAS_NAME, -1, -1},
	{"nobody:1000", DG_RUNAS_NAME, -1, 1000},
	{"nobody:0", DG_RUNAS_ROOT, -1, 0},
	{"0:1000", DG_RUNAS_ROOT, 0, 1000},
	{":0", DG_RUNAS_ROOT, -1, 0},
	{":1000", DG_RUNAS_NAME, -1, 1000},
	{"1000:", DG_RUNAS_NAME, -1, -1},
	{"a:b:c", DG_RUNAS_NAME, -1, -1},
	{"1000:1000:0", DG_RUNAS_NAME, -1, 1000},
	{"0:1:2", DG_RUNAS_ROOT, 0, 1},
	{"1:0:2", DG_RUNAS_ROOT, 1, 0},
	{"1000:1000:", DG_RUNAS_NAME, -1, 1000},
	{"-1", DG_RUNAS_NAME, -1, -1},
	{"1000:-5", DG_RUNAS_NAME, -1, -1},
	{"+", DG_RUNAS_NAME, -1, -1},
	{" 0", DG_RUNAS_NAME, -1, -1},
	{"0x0", DG_RUNAS_NAME, -1, -1},
	{"1_000", DG_RUNAS_NAME, -1, -1},
	{"2147483647", DG_RUNAS_NUMERIC, 2147483647, -1},
	{"2147483648", DG_RUNAS_NAME, -1, -1},
	{"4294967296", DG_RUNAS_NAME, -1, -1},
	{"99999999999999999999", DG_RUNAS_NAME, -1, -1},
	{"-9223372036854775808", DG_RUNAS_NAME, -1, -1},
	{"000000000000000000000000000", DG_RUNAS_ROOT, 0, -1},
};

START_TEST(runas_table)
{
	struct dg_runas r;

	memset(&r, 0x5a, sizeof(r));
	canon_runas(runas[_i].raw, &r);
	ck_assert_msg(r.kind == runas[_i].kind, "\"%s\": kind %d, wanted %d",
		      runas[_i].raw, r.kind, runas[_i].kind);
	ck_assert_ptr_eq(r.raw, runas[_i].raw);
	ck_assert_msg(r.uid == runas[_i].uid, "\"%s\": uid %lld", runas[_i].raw,
		      r.uid);
	ck_assert_msg(r.gid == runas[_i].gid, "\"%s\": gid %lld", runas[_i].raw,
		      r.gid);
}
END_TEST

START_TEST(runas_null)
{
	struct dg_runas r;

	canon_runas(NULL, &r);
	ck_assert_int_eq(r.kind, DG_RUNAS_DEFAULT);
	ck_assert_int_eq(r.uid, -1);
}
END_TEST

START_TEST(runas_in_create_view)
{
	struct canon_create *c = ct_parse("{\"Image\":\"x\",\"User\":\"+0\"}");

	ck_assert_int_eq(canon_create_view(c)->user.kind, DG_RUNAS_ROOT);
	ck_assert_str_eq(canon_create_view(c)->user.raw, "+0");
	canon_create_free(c);
}
END_TEST

static Suite *runas_suite(void)
{
	Suite *s = suite_create("canon_runas");
	TCase *tc = tcase_create("runas");

	tcase_add_loop_test(tc, runas_table, 0,
			    sizeof(runas) / sizeof(runas[0]));
	tcase_add_test(tc, runas_null);
	tcase_add_test(tc, runas_in_create_view);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return ct_run(runas_suite());
}
