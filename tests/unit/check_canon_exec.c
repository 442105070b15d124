/*
 * canon_exec_parse/apply/dump, canon_exec_start and canon_volume_create.
 */
#include "canon_test.h"
#include "canon_fixtures.h"

static const struct dg_user alice = {
	.size = sizeof(struct dg_user),
	.uid = 1000,
	.gid = 1000,
	.name = "alice",
};

static struct canon_exec *exec_ok(const char *body)
{
	struct canon_exec *e = NULL;
	char err[CANON_ERR_MAX];
	int rc;

	rc = canon_exec_parse(body, strlen(body), 41, "c1", &e, err,
			      sizeof(err));
	ck_assert_msg(rc == CANON_OK, "rc %d: %s", rc, err);
	return e;
}

static void exec_refused(const char *body, int want_rc, const char *want)
{
	struct canon_exec *e = (struct canon_exec *)0x1;
	char err[CANON_ERR_MAX];
	int rc;

	rc = canon_exec_parse(body, strlen(body), 41, "c1", &e, err,
			      sizeof(err));
	ck_assert_msg(rc == want_rc, "rc %d: %s\nbody: %s", rc, err, body);
	ck_assert_ptr_null(e);
	ck_assert_msg(strstr(err, want), "message \"%s\" lacks \"%s\"", err,
		      want);
}

START_TEST(exec_real_bodies)
{
	struct canon_exec *e = exec_ok(FX_CLI28_EXEC);
	const struct dg_exec *v = canon_exec_view(e);

	ck_assert_uint_eq(v->size, sizeof(*v));
	ck_assert_str_eq(v->container, "c1");
	ck_assert_int_eq(v->user.kind, DG_RUNAS_DEFAULT);
	ck_assert_int_eq(v->privileged, 0);
	canon_exec_free(e);
	e = exec_ok(FX_CLI28_EXEC_PRIV);
	ck_assert_int_eq(canon_exec_view(e)->user.kind, DG_RUNAS_ROOT);
	ck_assert_int_eq(canon_exec_view(e)->privileged, 1);
	canon_exec_free(e);
	canon_exec_free(exec_ok(FX_CLI20_EXEC));
}
END_TEST

START_TEST(exec_refusals)
{
	exec_refused("{\"Cmd\":[\"id\"],\"privileged\":true}", CANON_EREFUSED,
		     "is not spelled Privileged");
	exec_refused("{\"Cmd\":[\"id\"],\"Us\\u212Aer\":\"0\"}", CANON_EREFUSED,
		     "not ASCII");
	exec_refused("{\"Cmd\":[\"id\"],\"Foo\":1}", CANON_EREFUSED,
		     "unknown field Foo");
	exec_refused("{\"Cmd\":[\"id\"],\"User\":\"\",\"User\":\"0\"}",
		     CANON_EBAD, "duplicate");
	exec_refused("{\"Cmd\":[]}", CANON_EBAD, "exec needs a command");
	exec_refused("{\"User\":\"0\"}", CANON_EBAD, "exec needs a command");
	exec_refused("{\"Cmd\":\"id\"}", CANON_EBAD, "Cmd must be a list");
	exec_refused("{\"Cmd\":[\"id\"]}{}", CANON_EBAD, "trailing data");
	exec_refused("{\"Cmd\":[\"id\"],\"ConsoleSize\":[1,2,3]}", CANON_EBAD,
		     "ConsoleSize");
	exec_refused("{\"Cmd\":[\"id\"],\"Privileged\":1}", CANON_EBAD,
		     "true or false");
	exec_refused("", CANON_EBAD, "empty");
}
END_TEST

static json_t *exec_dump(struct canon_exec *e)
{
	size_t len;
	char *s = canon_exec_dump(e, &len);
	json_t *j = json_loads(s, 0, NULL);

	ck_assert_ptr_nonnull(j);
	ck_assert_uint_eq(len, strlen(s));
	free(s);
	return j;
}

START_TEST(exec_apply_user)
{
	struct dg_force f = {.user = "1000:1000", .cap_drop_all = 1};
	struct canon_exec *e = exec_ok(FX_CLI28_EXEC);
	json_t *j;

	ck_assert_int_eq(canon_exec_apply(e, &f, NULL, 0), CANON_OK);
	ck_assert_str_eq(canon_exec_view(e)->user.raw, "");
	j = exec_dump(e);
	ck_assert_str_eq(json_string_value(json_object_get(j, "User")),
			 "1000:1000");
	json_decref(j);
	canon_exec_free(e);
	/* an explicit user was judged as asked: left alone */
	e = exec_ok("{\"Cmd\":[\"id\"],\"User\":\"1000\"}");
	ck_assert_int_eq(canon_exec_apply(e, &f, NULL, 0), CANON_OK);
	j = exec_dump(e);
	ck_assert_str_eq(json_string_value(json_object_get(j, "User")), "1000");
	ck_assert_ptr_null(json_object_get(j, "CapDrop"));
	json_decref(j);
	ck_assert_int_eq(canon_exec_apply(e, NULL, NULL, 0), CANON_OK);
	canon_exec_free(e);
}
END_TEST

static int start(const char *body, int *detach, char **out, char *err)
{
	size_t outlen = 0;
	int rc = canon_exec_start(body, strlen(body), detach, out, &outlen, err,
				  CANON_ERR_MAX);

	if (rc == CANON_OK)
		ck_assert_uint_eq(outlen, strlen(*out));
	return rc;
}

START_TEST(exec_start_bodies)
{
	char err[CANON_ERR_MAX], *out;
	int detach = -1;

	ck_assert_int_eq(start(FX_CLI28_EXEC_START, &detach, &out, err),
			 CANON_OK);
	ck_assert_int_eq(detach, 0);
	ck_assert_str_eq(out, "{\"Detach\":false,\"Tty\":false}");
	free(out);
	ck_assert_int_eq(start("", &detach, &out, err), CANON_OK);
	ck_assert_int_eq(detach, 0);
	ck_assert_str_eq(out, "{}");
	free(out);
	ck_assert_int_eq(start("{\"Detach\":true,\"ConsoleSize\":[24,80]}",
			       &detach, &out, err),
			 CANON_OK);
	ck_assert_int_eq(detach, 1);
	free(out);
	/* dockerd would read this as detached */
	ck_assert_int_eq(
		start("{\"Detach\":false,\"detach\":true}", &detach, &out, err),
		CANON_EREFUSED);
	ck_assert_ptr_nonnull(strstr(err, "not spelled Detach"));
	ck_assert_ptr_null(out);
	ck_assert_int_eq(
		start("{\"Detach\":false,\"Detach\":true}", &detach, &out, err),
		CANON_EBAD);
	ck_assert_int_eq(start("{}{\"Detach\":true}", &detach, &out, err),
			 CANON_EBAD);
	ck_assert_int_eq(start("{\"Detach\":\"1\"}", &detach, &out, err),
			 CANON_EBAD);
	ck_assert_int_eq(start("{\"Foo\":1}", &detach, &out, err),
			 CANON_EREFUSED);
}
END_TEST

static int volume(const char *body, char **out, char *err)
{
	size_t outlen = 0;

	return canon_volume_create(body, strlen(body), &alice, out, &outlen,
				   err, CANON_ERR_MAX);
}

START_TEST(volume_create_bodies)
{
	char err[CANON_ERR_MAX], *out;
	json_t *j;

	ck_assert_int_eq(volume(FX_CLI28_VOLUME_CREATE, &out, err), CANON_OK);
	ck_assert_str_eq(out,
			 "{\"Driver\":\"local\",\"Name\":\"v1\","
			 "\"Labels\":{\"io.docker-gate.owner\":\"alice\"}}");
	free(out);
	ck_assert_int_eq(volume(FX_CLI20_VOLUME_CREATE, &out, err), CANON_OK);
	j = json_loads(out, 0, NULL);
	ck_assert_str_eq(
		json_string_value(ct_get(j, "Labels", GATE_OWNER_LABEL, NULL)),
		"alice");
	json_decref(j);
	free(out);
	ck_assert_int_eq(volume("{}", &out, err), CANON_OK);
	free(out);
}
END_TEST

static const struct {
	const char *body;
	int rc;
	const char *want;
} volume_bad[] = {
	{"{\"Name\":\"vv\",\"DriverOpts\":{\"type\":\"none\",\"o\":\"bind\","
	 "\"device\":\"/etc\"}}",
	 CANON_EREFUSED,
	 "--opt on docker volume create is not allowed by docker-gate yet "
	 "(local driver options can mount host paths)"},
	{"{\"Driver\":\"rexray\"}", CANON_EREFUSED,
	 "--driver rexray is not allowed"},
	{"{\"Labels\":{\"io.docker-gate.owner\":\"bob\"}}", CANON_EREFUSED,
	 "reserved"},
	{"{\"ClusterVolumeSpec\":{}}", CANON_EREFUSED, "cluster"},
	{"{\"Name\":\"../x\"}", CANON_EBAD, "volume name"},
	{"{\"Name\":\"x\"}", CANON_EBAD, "volume name"},
	{"{\"name\":\"x\"}", CANON_EREFUSED, "not spelled Name"},
	{"{\"Driver\":\"local\",\"driver\":\"rexray\"}", CANON_EREFUSED,
	 "not spelled Driver"},
	{"{\"Name\":\"v1\"} {}", CANON_EBAD, "trailing"},
	{"", CANON_EBAD, "empty"},
};

START_TEST(volume_create_refused)
{
	char err[CANON_ERR_MAX], *out = (char *)0x1;

	ck_assert_int_eq(volume(volume_bad[_i].body, &out, err),
			 volume_bad[_i].rc);
	ck_assert_ptr_null(out);
	ck_assert_msg(strstr(err, volume_bad[_i].want), "\"%s\" lacks \"%s\"",
		      err, volume_bad[_i].want);
}
END_TEST

START_TEST(volume_create_needs_owner)
{
	struct dg_user anon = alice;
	char *out;

	anon.name = "";
	ck_assert_int_eq(
		canon_volume_create("{}", 2, &anon, &out, NULL, NULL, 0),
		CANON_EREFUSED);
	ck_assert_int_eq(
		canon_volume_create("{}", 2, NULL, &out, NULL, NULL, 0),
		CANON_EREFUSED);
}
END_TEST

static Suite *exec_suite(void)
{
	Suite *s = suite_create("canon_exec");
	TCase *tc = tcase_create("exec");

	tcase_add_test(tc, exec_real_bodies);
	tcase_add_test(tc, exec_refusals);
	tcase_add_test(tc, exec_apply_user);
	tcase_add_test(tc, exec_start_bodies);
	suite_add_tcase(s, tc);
	tc = tcase_create("volume");
	tcase_add_test(tc, volume_create_bodies);
	tcase_add_loop_test(tc, volume_create_refused, 0,
			    sizeof(volume_bad) / sizeof(volume_bad[0]));
	tcase_add_test(tc, volume_create_needs_owner);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return ct_run(exec_suite());
}
