/*
 * canon_create_parse: real client bodies pass, every ambiguity dockerd
 * would resolve its own way is refused, every default-only field refuses a
 * non-default value.  Mounts, ports, runas, apply, exec and volumes have
 * their own suites (check_canon_*.c).
 */
#include "canon_test.h"
#include "canon_fixtures.h"

/* ---- real clients ---- */

static const char *const plain_bodies[] = {
	FX_CLI28_RUN_T,	 FX_CLI28_RUN_D,  FX_CLI28_RUN_I,
	FX_CLI28_RUN_RM, FX_CLI20_RUN_T,  FX_CLI20_RUN_D,
	FX_CLI20_RUN_I,	 FX_CLI20_RUN_RM, FX_PY_RUN,
};

START_TEST(real_plain_bodies_pass)
{
	struct canon_create *c = ct_parse(plain_bodies[_i]);
	const struct dg_create *v = canon_create_view(c);

	ck_assert_uint_eq(v->size, sizeof(*v));
	ck_assert_str_eq(v->image, "local/busybox:test");
	ck_assert_ptr_null(v->name);
	ck_assert_int_eq(v->user.kind, DG_RUNAS_DEFAULT);
	ck_assert_int_eq(v->privileged, 0);
	ck_assert_uint_eq(v->nmounts, 0);
	ck_assert_uint_eq(v->nports, 0);
	ck_assert_int_eq(v->publish_all, 0);
	canon_create_free(c);
}
END_TEST

START_TEST(real_run_e_w_name_pass)
{
	char *b1 =
		ct_replace(FX_CLI28_RUN_D, "\"Env\":null", "\"Env\":[\"A=1\"]");
	char *b2 = ct_replace(b1, "\"WorkingDir\":\"\"",
			      "\"WorkingDir\":\"/tmp\"");
	struct canon_create *c = ct_parse_name(b2, "web");
	json_t *j = ct_dump_json(c);

	ck_assert_str_eq(canon_create_view(c)->name, "web");
	ck_assert_str_eq(json_string_value(ct_get(j, "WorkingDir", NULL)),
			 "/tmp");
	json_decref(j);
	canon_create_free(c);
	free(b1);
	free(b2);
}
END_TEST

/* --cap-add is the policy's now; what still refuses the captured body is
 * the named volume with bind options (red team F1). */
START_TEST(real_complex_refuses_cap_add)
{
	ct_expect(FX_CLI28_RUN_COMPLEX, CANON_EREFUSED,
		  "must not name a volume");
}
END_TEST

START_TEST(real_complex_view)
{
	char *b0 = ct_replace(FX_CLI28_RUN_COMPLEX,
			      "\"CapAdd\":[\"CAP_SYS_ADMIN\"]",
			      "\"CapAdd\":[\"sys_admin\"]");
	/* a named volume with bind options is refused (red team F1) */
	char *b = ct_replace(b0, "\"Source\":\"vv\",", "");
	struct canon_create *c = ct_parse_name(b, "cx");
	const struct dg_create *v = canon_create_view(c);

	ck_assert_int_eq(v->privileged, 1);
	ck_assert_uint_eq(v->ncap_add, 1);
	ck_assert_str_eq(v->cap_add[0], "CAP_SYS_ADMIN");
	ck_assert_int_eq(v->user.kind, DG_RUNAS_ROOT);
	ck_assert_int_eq(v->publish_all, 1);
	ck_assert_uint_eq(v->nmounts, 4);
	ck_assert_int_eq(v->mounts[0].kind, DG_MOUNT_BIND);
	ck_assert_str_eq(v->mounts[0].cli, "-v /tmp:/x");
	ck_assert_int_eq(v->mounts[1].kind, DG_MOUNT_BIND);
	ck_assert_int_eq(v->mounts[2].kind, DG_MOUNT_VOLUME_BIND);
	ck_assert_str_eq(v->mounts[2].source, "/tmp");
	ck_assert_int_eq(v->mounts[3].kind, DG_MOUNT_TMPFS);
	ck_assert_uint_eq(v->nports, 2);
	ck_assert_str_eq(v->ports[0].cli, "-p 127.0.0.1:18080:80/tcp");
	ck_assert_str_eq(v->ports[1].cli, "-p 81/tcp");
	canon_create_free(c);
	free(b);
	free(b0);
}
END_TEST

/* ---- Go decoding ambiguities ---- */

START_TEST(case_folded_key_refused)
{
	ct_expect("{\"Image\":\"x\",\"hostconfig\":{}}", CANON_EREFUSED,
		  "field \"hostconfig\" is not spelled HostConfig");
	ct_expect("{\"Image\":\"x\",\"HOSTCONFIG\":{\"Privileged\":true}}",
		  CANON_EREFUSED, "is not spelled HostConfig");
	ct_expect(CT_HC("\"privileged\":true"), CANON_EREFUSED,
		  "\"HostConfig.privileged\" is not spelled "
		  "HostConfig.Privileged");
	ct_expect("{\"image\":\"x\"}", CANON_EREFUSED, "not spelled Image");
}
END_TEST

START_TEST(unicode_folded_key_refused)
{
	/* U+017F LATIN SMALL LETTER LONG S, raw and escaped */
	ct_expect("{\"Image\":\"x\",\"Ho\xc5\xbftconfig\":{}}", CANON_EREFUSED,
		  "is not spelled HostConfig");
	ct_expect("{\"Image\":\"x\",\"Ho\\u017ftconfig\":{}}", CANON_EREFUSED,
		  "is not spelled HostConfig");
	/* U+212A KELVIN SIGN */
	ct_expect(CT_HC("\"Networ\\u212AMode\":\"host\""), CANON_EREFUSED,
		  "is not spelled HostConfig.NetworkMode");
	ct_expect(CT_HC("\"Bind\xc5\xbf\":[\"/:/h\"]"), CANON_EREFUSED,
		  "is not spelled HostConfig.Binds");
	/* not folded by Go either, but still not a field */
	ct_expect(CT_HC("\"Cap\xc3\x80"
			"dd\":[\"ALL\"]"),
		  CANON_EREFUSED, "is not ASCII");
}
END_TEST

START_TEST(escaped_exact_key_is_checked)
{
	struct canon_create *c = ct_parse(CT_HC("\"\\u0042inds\":[\"/etc:/x\"],"
						"\"Privil\\u0065ged\":true"));
	const struct dg_create *v = canon_create_view(c);
	json_t *j = ct_dump_json(c);

	ck_assert_int_eq(v->privileged, 1);
	ck_assert_uint_eq(v->nmounts, 1);
	ck_assert_str_eq(v->mounts[0].source, "/etc");
	ck_assert_ptr_nonnull(ct_get(j, "HostConfig", "Binds", NULL));
	json_decref(j);
	canon_create_free(c);
}
END_TEST

START_TEST(duplicate_keys_refused)
{
	ct_expect("{\"Image\":\"a\",\"Image\":\"b\"}", CANON_EBAD, "duplicate");
	ct_expect(CT_HC("\"Privileged\":true,\"Privileged\":null"), CANON_EBAD,
		  "duplicate");
	ct_expect("{\"Image\":\"a\",\"HostConfig\":{},\"HostConfig\":"
		  "{\"Privileged\":true}}",
		  CANON_EBAD, "duplicate");
	/* the same key once decoded */
	ct_expect("{\"Image\":\"a\",\"\\u0049mage\":\"b\"}", CANON_EBAD,
		  "duplicate");
	ct_expect("{\"Image\":\"a\",\"Labels\":{\"k\":\"1\",\"k\":\"2\"}}",
		  CANON_EBAD, "duplicate");
}
END_TEST

static const char *const toplevel_keys[] = {
	"Privileged",  "Binds",	 "PidMode",	 "CapAdd",
	"Memory",      "Cpuset", "cpuset",	 "privileged",
	"NetworkMode", "Mounts", "Bind\xc5\xbf", "VolumeDriver",
};

START_TEST(toplevel_hostconfig_fields_refused)
{
	char *b = ct_fmt("{\"Image\":\"x\",\"%s\":true}", toplevel_keys[_i]);

	ct_expect(b, CANON_EREFUSED,
		  "HostConfig fields at the top level of a create body are "
		  "refused (older daemons apply them)");
	free(b);
}
END_TEST

START_TEST(toplevel_with_null_hostconfig_refused)
{
	ct_expect("{\"Image\":\"x\",\"HostConfig\":null,\"Privileged\":true}",
		  CANON_EREFUSED, "top level");
	ct_expect("{\"Image\":\"x\",\"HostConfig\":{},\"Binds\":[\"/:/h\"]}",
		  CANON_EREFUSED, "top level");
}
END_TEST

START_TEST(bare_string_lists_refused)
{
	ct_expect("{\"Image\":\"x\",\"Cmd\":\"/bin/sh\"}", CANON_EREFUSED,
		  "Cmd must be a list (older daemons also accept a string)");
	ct_expect("{\"Image\":\"x\",\"Entrypoint\":\"sh\"}", CANON_EREFUSED,
		  "Entrypoint must be a list");
	ct_expect("{\"Image\":\"x\",\"Shell\":\"sh\"}", CANON_EREFUSED,
		  "Shell must be a list");
	ct_expect(CT_HC("\"CapAdd\":\"SYS_ADMIN\""), CANON_EREFUSED,
		  "HostConfig.CapAdd must be a list (older daemons");
	ct_expect(CT_HC("\"CapDrop\":\"ALL\""), CANON_EREFUSED,
		  "CapDrop must be a list");
	/* plain []string fields: a type error */
	ct_expect("{\"Image\":\"x\",\"Env\":\"A=1\"}", CANON_EBAD,
		  "Env must be a list of strings");
	ct_expect(CT_HC("\"Binds\":\"/:/h\""), CANON_EBAD, "Binds must be");
}
END_TEST

START_TEST(trailing_data_refused)
{
	ct_expect("{}{}", CANON_EBAD, "trailing data");
	ct_expect("{\"Image\":\"x\"}{\"HostConfig\":{\"Privileged\":true}}",
		  CANON_EBAD, "trailing data");
	ct_expect("{\"Image\":\"x\"} garbage", CANON_EBAD, NULL);
	/* whitespace after the object is fine (the CLI sends a newline) */
	canon_create_free(ct_parse("{\"Image\":\"x\"}\n \t"));
}
END_TEST

START_TEST(numbers_must_be_integers)
{
	ct_expect(CT_HC("\"Memory\":1.0"), CANON_EBAD,
		  "Memory must be an integer");
	ct_expect(CT_HC("\"Memory\":1e9"), CANON_EBAD,
		  "Memory must be an integer");
	ct_expect(CT_HC("\"Memory\":\"1\""), CANON_EBAD,
		  "Memory must be an integer");
	ct_expect(CT_HC("\"Memory\":99999999999999999999"), CANON_EBAD,
		  "invalid JSON");
	ct_expect(CT_HC("\"Memory\":true"), CANON_EBAD, "integer");
	ct_expect(CT_HC("\"Privileged\":1"), CANON_EBAD,
		  "Privileged must be true or false");
	ct_expect(CT_HC("\"Privileged\":\"true\""), CANON_EBAD,
		  "true or false");
	ct_expect("{\"Image\":\"x\",\"Healthcheck\":{\"Interval\":1.5}}",
		  CANON_EBAD, "Healthcheck.Interval must be an integer");
	ct_expect("{\"Image\":\"x\",\"Labels\":{\"a\":1}}", CANON_EBAD,
		  "map of strings");
	ct_expect("{\"Image\":1}", CANON_EBAD, "Image must be a string");
}
END_TEST

START_TEST(unknown_fields_refused)
{
	ct_expect(CT_HC("\"Foo\":1"), CANON_EREFUSED,
		  "unknown field HostConfig.Foo: docker-gate refuses fields "
		  "it does not know");
	ct_expect("{\"Image\":\"x\",\"Foo\":null}", CANON_EREFUSED,
		  "unknown field Foo");
	ct_expect(CT_HC("\"Resources\":{}"), CANON_EREFUSED,
		  "unknown field HostConfig.Resources");
	ct_expect("{\"Image\":\"x\",\"Healthcheck\":{\"Test\":[],\"X\":1}}",
		  CANON_EREFUSED, "unknown field Healthcheck.X");
	ct_expect(CT_HC("\"Mounts\":[{\"Type\":\"bind\",\"Source\":\"/a\","
			"\"Target\":\"/b\",\"BindOptions\":{\"Foo\":true}}]"),
		  CANON_EREFUSED,
		  "unknown field HostConfig.Mounts[0].BindOptions.Foo");
	ct_expect("{\"Image\":\"x\",\"NetworkingConfig\":{\"EndpointsConfig\":"
		  "{\"default\":{\"Foo\":1}}}}",
		  CANON_EREFUSED,
		  "unknown field NetworkingConfig.EndpointsConfig.default.Foo");
	ct_expect(CT_HC("\"RestartPolicy\":{\"Name\":\"no\",\"Max\":1}"),
		  CANON_EREFUSED, "unknown field HostConfig.RestartPolicy.Max");
	ct_expect(CT_HC("\"LogConfig\":{\"Type\":\"\",\"Cfg\":{}}"),
		  CANON_EREFUSED, "unknown field HostConfig.LogConfig.Cfg");
}
END_TEST

START_TEST(load_limits)
{
	size_t n = CANON_MAX_BODY + 1, i;
	char *big = malloc(n + 1), *deep;

	ck_assert_ptr_nonnull(big);
	memset(big, ' ', n);
	memcpy(big, "{\"Image\":\"x\"}", 13);
	big[n] = '\0';
	ct_expect_len(big, n, CANON_EBAD, "larger than");
	free(big);
	ct_expect_len("", 0, CANON_EBAD, "empty");
	ct_expect_len(NULL, 0, CANON_EBAD, "empty");
	ct_expect("  ", CANON_EBAD, "invalid JSON");
	ct_expect("[]", CANON_EBAD, "must be a JSON object");
	ct_expect("null", CANON_EBAD, NULL);
	ct_expect("\xef\xbb\xbf{\"Image\":\"x\"}", CANON_EBAD, NULL);
	ct_expect("{\"Image\":\"x\xff\"}", CANON_EBAD, "invalid JSON");
	ct_expect("{\"Image\":\"x\\u0000\"}", CANON_EBAD, NULL);
	ct_expect("{\"Image\":\"x\\ud800\"}", CANON_EBAD, NULL);
	/* 40 nested arrays inside a label map */
	deep = calloc(1, 200);
	ck_assert_ptr_nonnull(deep);
	strcpy(deep, "{\"Image\":\"x\",\"Labels\":{\"a\":");
	for (i = 0; i < 40; i++)
		strcat(deep, "[");
	for (i = 0; i < 40; i++)
		strcat(deep, "]");
	strcat(deep, "}}");
	ct_expect(deep, CANON_EBAD, "nested deeper than");
	free(deep);
}
END_TEST

START_TEST(image_and_name)
{
	struct canon_create *c;

	ct_expect("{}", CANON_EBAD, "Image is required");
	ct_expect("{\"Image\":\"\"}", CANON_EBAD, "Image is required");
	ct_expect("{\"Image\":null}", CANON_EBAD, "Image is required");
	c = ct_parse_name("{\"Image\":\"x\"}", "/web-1.a_b");
	ck_assert_str_eq(canon_create_view(c)->name, "/web-1.a_b");
	canon_create_free(c);
	ck_assert_int_eq(canon_create_parse("{\"Image\":\"x\"}", 13, 41, "a b",
					    &c, NULL, 0),
			 CANON_EBAD);
	ck_assert_int_eq(canon_create_parse("{\"Image\":\"x\"}", 13, 41, "x",
					    &c, NULL, 0),
			 CANON_EBAD);
	ck_assert_ptr_null(c);
}
END_TEST

START_TEST(reserved_label_prefix_refused)
{
	ct_expect("{\"Image\":\"x\",\"Labels\":{\"io.docker-gate.owner\":"
		  "\"bob\"}}",
		  CANON_EREFUSED, "label prefix io.docker-gate. is reserved");
	ct_expect("{\"Image\":\"x\",\"Labels\":{\"io.docker-gate.x\":\"\"}}",
		  CANON_EREFUSED, "reserved");
	ct_expect(CT_HC("\"Mounts\":[{\"Type\":\"volume\",\"Target\":\"/v\","
			"\"VolumeOptions\":{\"Labels\":"
			"{\"io.docker-gate.owner\":\"bob\"}}}]"),
		  CANON_EREFUSED, "reserved");
}
END_TEST

START_TEST(config_mac_address_refused)
{
	ct_expect("{\"Image\":\"x\",\"MacAddress\":\"02:42:ac:11:00:02\"}",
		  CANON_EREFUSED, "--mac-address");
	canon_create_free(ct_parse("{\"Image\":\"x\",\"MacAddress\":\"\"}"));
}
END_TEST

/* A body of many tiny values is refused before jansson builds it
 * (red team: 4 MiB of {} cost the gate 320 MB per request). */
START_TEST(many_values_refused_before_parsing)
{
	size_t n = CANON_MAX_VALUES + 10, o = 0;
	char *b = malloc(n * 3 + 64);

	o += (size_t)sprintf(b, "{\"Image\":\"b\",\"Labels\":{\"a\":[");
	for (size_t i = 0; i < n; i++)
		o += (size_t)sprintf(b + o, "%s{}", i ? "," : "");
	strcpy(b + o, "]}}");
	ct_expect(b, CANON_EBAD, "more than");
	free(b);
	/* deep nesting is refused by the same pass */
	ct_expect("{\"Image\":\"b\",\"Labels\":{\"a\":[[[[[[[[[[[[[[[[[[[["
		  "[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}}",
		  CANON_EBAD, "nested deeper");
}
END_TEST

START_TEST(messages_never_quote_cli_trigger_phrases)
{
	/* ct_expect asserts the message is free of them */
	ct_expect("{\"Image\":\"x\",\"permission denied\":1}", CANON_EREFUSED,
		  NULL);
	ct_expect("{\"Image\":\"x\",\"Executable file not found\":1}",
		  CANON_EREFUSED, NULL);
	ct_expect(CT_HC("\"PidMode\":\"no such file or directory\""),
		  CANON_EREFUSED, NULL);
}
END_TEST

static Suite *canon_suite(void)
{
	Suite *s = suite_create("canon_create");
	TCase *tc = tcase_create("real");

	tcase_add_loop_test(tc, real_plain_bodies_pass, 0,
			    sizeof(plain_bodies) / sizeof(plain_bodies[0]));
	tcase_add_test(tc, real_run_e_w_name_pass);
	tcase_add_test(tc, real_complex_refuses_cap_add);
	tcase_add_test(tc, real_complex_view);
	suite_add_tcase(s, tc);

	tc = tcase_create("ambiguity");
	tcase_add_test(tc, case_folded_key_refused);
	tcase_add_test(tc, unicode_folded_key_refused);
	tcase_add_test(tc, escaped_exact_key_is_checked);
	tcase_add_test(tc, duplicate_keys_refused);
	tcase_add_loop_test(tc, toplevel_hostconfig_fields_refused, 0,
			    sizeof(toplevel_keys) / sizeof(toplevel_keys[0]));
	tcase_add_test(tc, toplevel_with_null_hostconfig_refused);
	tcase_add_test(tc, bare_string_lists_refused);
	tcase_add_test(tc, trailing_data_refused);
	tcase_add_test(tc, numbers_must_be_integers);
	tcase_add_test(tc, unknown_fields_refused);
	tcase_add_test(tc, load_limits);
	suite_add_tcase(s, tc);

	tc = tcase_create("fields");
	tcase_add_test(tc, image_and_name);
	tcase_add_test(tc, reserved_label_prefix_refused);
	tcase_add_test(tc, config_mac_address_refused);
	tcase_add_test(tc, messages_never_quote_cli_trigger_phrases);
	tcase_add_test(tc, many_values_refused_before_parsing);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return ct_run(canon_suite());
}
