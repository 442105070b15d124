/*
 * canon_create_apply and canon_create_dump: forced settings land in the
 * forwarded body, the view keeps the request as received, the owner label
 * is always set, and the dump is canonical (parses back, ASCII only, a
 * fixed point of parse + dump).
 */
#include "canon_test.h"
#include "canon_fixtures.h"

static const gid_t alice_groups[] = {1000, 27, 100};
static const struct dg_user alice = {
	.size = sizeof(struct dg_user),
	.uid = 1000,
	.gid = 1000,
	.name = "alice",
	.home = "/home/alice",
	.groups = alice_groups,
	.ngroups = 3,
};

/* parse, apply force, dump parsed back */
static json_t *applied(const char *body, const struct dg_force *force)
{
	struct canon_create *c = ct_parse(body);
	char err[CANON_ERR_MAX];
	json_t *j;
	int rc;

	rc = canon_create_apply(c, force, &alice, err, sizeof(err));
	ck_assert_msg(rc == CANON_OK, "apply: %s", err);
	j = ct_dump_json(c);
	canon_create_free(c);
	return j;
}

START_TEST(apply_forced_user_keeps_view)
{
	struct dg_force f = {.user = "1000:1000"};
	struct canon_create *c = ct_parse(FX_CLI28_RUN_D);
	json_t *j;

	ck_assert_int_eq(canon_create_apply(c, &f, &alice, NULL, 0), CANON_OK);
	ck_assert_int_eq(canon_create_view(c)->user.kind, DG_RUNAS_DEFAULT);
	ck_assert_str_eq(canon_create_view(c)->user.raw, "");
	j = ct_dump_json(c);
	ck_assert_str_eq(json_string_value(ct_get(j, "User", NULL)),
			 "1000:1000");
	json_decref(j);
	canon_create_free(c);
	j = applied("{\"Image\":\"x\",\"User\":\"0\"}", &f);
	ck_assert_str_eq(json_string_value(ct_get(j, "User", NULL)),
			 "1000:1000");
	json_decref(j);
}
END_TEST

START_TEST(apply_bad_forced_user_refused)
{
	struct dg_force f;
	struct canon_create *c = ct_parse("{\"Image\":\"x\"}");

	memset(&f, 0, sizeof(f));
	memset(f.user, 'a', sizeof(f.user)); /* no terminating NUL */
	ck_assert_int_eq(canon_create_apply(c, &f, &alice, NULL, 0),
			 CANON_EREFUSED);
	strcpy(f.user, "\xff");
	ck_assert_int_eq(canon_create_apply(c, &f, &alice, NULL, 0),
			 CANON_EREFUSED);
	canon_create_free(c);
}
END_TEST

START_TEST(apply_readonly_binds)
{
	struct dg_force f = {.readonly_binds = 1};
	json_t *j = applied(
		CT_HC("\"Binds\":[\"/tmp:/x\",\"/tmp//a/./:/y:rw,rslave\","
		      "\"vol:/z\",\"/r:/r:ro\"],"
		      "\"Mounts\":[{\"Type\":\"bind\",\"Source\":\"/b\","
		      "\"Target\":\"/b\"},"
		      "{\"Type\":\"volume\",\"Target\":\"/"
		      "vb\","
		      "\"VolumeOptions\":{\"DriverConfig\":{\"Name\":\"local\","
		      "\"Options\":{\"type\":\"none\",\"o\":\"bind\","
		      "\"device\":\"/h\"}}}},"
		      "{\"Type\":\"volume\",\"Source\":\"pv\",\"Target\":\"/"
		      "pv\"},"
		      "{\"Type\":\"tmpfs\",\"Target\":\"/t\"}]"),
		&f);
	json_t *want_binds =
		json_pack("[ssss]", "/tmp:/x:ro", "/tmp/a:/y:ro,rslave",
			  "vol:/z", "/r:/r:ro");
	json_t *m = ct_get(j, "HostConfig", "Mounts", NULL);

	ck_assert(
		json_equal(ct_get(j, "HostConfig", "Binds", NULL), want_binds));
	ck_assert(json_is_true(
		json_object_get(json_array_get(m, 0), "ReadOnly")));
	ck_assert(json_is_true(
		json_object_get(json_array_get(m, 1), "ReadOnly")));
	ck_assert_ptr_null(json_object_get(json_array_get(m, 2), "ReadOnly"));
	ck_assert_ptr_null(json_object_get(json_array_get(m, 3), "ReadOnly"));
	json_decref(want_binds);
	json_decref(j);
}
END_TEST

START_TEST(apply_nnp_capdrop)
{
	struct dg_force f = {.no_new_privileges = 1, .cap_drop_all = 1};
	json_t *j = applied(CT_HC("\"SecurityOpt\":[\"no-new-privileges\","
				  "\"no-new-privileges:true\"],"
				  "\"CapAdd\":[],\"CapDrop\":[\"NET_RAW\"]"),
			    &f);
	json_t *want = json_pack("[s]", "no-new-privileges=true");
	json_t *all = json_pack("[s]", "ALL");

	ck_assert(
		json_equal(ct_get(j, "HostConfig", "SecurityOpt", NULL), want));
	ck_assert(json_equal(ct_get(j, "HostConfig", "CapDrop", NULL), all));
	/* CapAdd keeps what the policy allowed (here nothing) */
	ck_assert_uint_eq(
		json_array_size(ct_get(j, "HostConfig", "CapAdd", NULL)), 0);
	json_decref(j);
	j = applied("{\"Image\":\"x\"}", &f);
	ck_assert(
		json_equal(ct_get(j, "HostConfig", "SecurityOpt", NULL), want));
	json_decref(j);
	json_decref(want);
	json_decref(all);
}
END_TEST

static const struct {
	const char *members;
	long long want;
} pids[] = {
	{"\"PidsLimit\":0", 100},   {"\"PidsLimit\":null", 100},
	{"\"PidsLimit\":-1", 100},  {"\"PidsLimit\":50", 50},
	{"\"PidsLimit\":500", 100}, {"\"Privileged\":false", 100},
	{"\"PidsLimit\":100", 100},
};

START_TEST(apply_pids_limit)
{
	struct dg_force f = {.pids_limit = 100};
	char *b = ct_fmt(CT_HC("%s"), pids[_i].members);
	json_t *j = applied(b, &f);

	ck_assert_int_eq(
		json_integer_value(ct_get(j, "HostConfig", "PidsLimit", NULL)),
		pids[_i].want);
	json_decref(j);
	free(b);
}
END_TEST

START_TEST(apply_groups_and_owner)
{
	struct dg_force f = {.caller_groups = 1};
	json_t *j =
		applied("{\"Image\":\"x\",\"Labels\":{\"app\":\"web\"}}", &f);
	json_t *groups = json_pack("[ss]", "27", "100");
	json_t *labels =
		json_pack("{s:s,s:s}", "app", "web", GATE_OWNER_LABEL, "alice");

	ck_assert(
		json_equal(ct_get(j, "HostConfig", "GroupAdd", NULL), groups));
	ck_assert(json_equal(ct_get(j, "Labels", NULL), labels));
	json_decref(j);
	json_decref(groups);
	json_decref(labels);
	/* no force, no labels: the owner label still lands */
	j = applied("{\"Image\":\"x\",\"Labels\":null}", NULL);
	ck_assert_str_eq(
		json_string_value(ct_get(j, "Labels", GATE_OWNER_LABEL, NULL)),
		"alice");
	json_decref(j);
}
END_TEST

START_TEST(apply_owner_needs_name)
{
	struct dg_user anon = alice;
	struct canon_create *c = ct_parse("{\"Image\":\"x\"}");
	char err[CANON_ERR_MAX];

	anon.name = NULL;
	ck_assert_int_eq(canon_create_apply(c, NULL, &anon, err, sizeof(err)),
			 CANON_EREFUSED);
	ck_assert_int_eq(canon_create_apply(c, NULL, NULL, err, sizeof(err)),
			 CANON_EREFUSED);
	canon_create_free(c);
}
END_TEST

START_TEST(apply_hostconfig_always_object)
{
	json_t *j = applied("{\"Image\":\"x\",\"HostConfig\":null}", NULL);

	ck_assert(json_is_object(ct_get(j, "HostConfig", NULL)));
	json_decref(j);
	j = applied("{\"Image\":\"x\"}", NULL);
	ck_assert(json_is_object(ct_get(j, "HostConfig", NULL)));
	json_decref(j);
}
END_TEST

/* Before apply, a client body already in canonical form is forwarded
 * unchanged (as a tree). */
START_TEST(dump_equals_tree)
{
	const char *bodies[] = {FX_CLI28_RUN_D, FX_CLI20_RUN_T, FX_PY_RUN};
	json_t *orig, *j;
	size_t i;

	for (i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		struct canon_create *c = ct_parse(bodies[i]);

		orig = json_loads(bodies[i], 0, NULL);
		j = ct_dump_json(c);
		ck_assert(json_equal(orig, j));
		json_decref(orig);
		json_decref(j);
		canon_create_free(c);
	}
}
END_TEST

START_TEST(dump_is_ascii_and_a_fixed_point)
{
	const char *body =
		"{\"Image\":\"x\",\"Env\":[\"X=h\xc3\xa9llo \xe2\x98\x83\"],"
		"\"Labels\":{\"k\xc3\xa9y\":\"\\u2028\"},\"HostConfig\":{"
		"\"Binds\":[\"/a//b/:/c:rslave,ro\"],\"PortBindings\":{\"80\":"
		"[{\"HostIp\":\"::0001\",\"HostPort\":\"\"}]}}}";
	struct canon_create *c = ct_parse(body), *c2;
	size_t len, len2, i;
	char *d = canon_create_dump(c, &len), *d2;

	for (i = 0; i < len; i++)
		ck_assert_uint_lt((unsigned char)d[i], 0x80);
	ck_assert_ptr_nonnull(strcasestr(d, "\\u00e9"));
	c2 = ct_parse(d);
	d2 = canon_create_dump(c2, &len2);
	ck_assert_str_eq(d, d2);
	free(d);
	free(d2);
	canon_create_free(c);
	canon_create_free(c2);
}
END_TEST

static Suite *apply_suite(void)
{
	Suite *s = suite_create("canon_apply");
	TCase *tc = tcase_create("apply");

	tcase_add_test(tc, apply_forced_user_keeps_view);
	tcase_add_test(tc, apply_bad_forced_user_refused);
	tcase_add_test(tc, apply_readonly_binds);
	tcase_add_test(tc, apply_nnp_capdrop);
	tcase_add_loop_test(tc, apply_pids_limit, 0,
			    sizeof(pids) / sizeof(pids[0]));
	tcase_add_test(tc, apply_groups_and_owner);
	tcase_add_test(tc, apply_owner_needs_name);
	tcase_add_test(tc, apply_hostconfig_always_object);
	suite_add_tcase(s, tc);
	tc = tcase_create("dump");
	tcase_add_test(tc, dump_equals_tree);
	tcase_add_test(tc, dump_is_ascii_and_a_fixed_point);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return ct_run(apply_suite());
}
