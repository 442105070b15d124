/*
 * Container references in a create body are collected, and rewritten to
 * the full ID the gate checked, keeping their prefix and suffix.
 */
#include "canon_test.h"

#define ID "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static struct canon_create *parse(const char *hc)
{
	char *b = ct_fmt(CT_HC("%s"), hc);
	struct canon_create *c = NULL;
	char err[CANON_ERR_MAX];
	int rc = canon_create_parse(b, strlen(b), 41, NULL, &c, err,
				    sizeof(err));

	ck_assert_msg(rc == CANON_OK, "%s: %s", b, err);
	free(b);
	return c;
}

START_TEST(refs_collected_and_rewritten)
{
	struct canon_create *c = parse("\"NetworkMode\":\"container:web\","
				       "\"PidMode\":\"container:/web\","
				       "\"VolumesFrom\":[\"data:ro\",\"logs\"],"
				       "\"Links\":[\"db:database\"]");
	size_t len;
	char *out;

	ck_assert_uint_eq(canon_create_nrefs(c), 5);
	ck_assert_str_eq(canon_create_ref(c, 0), "web");
	ck_assert_str_eq(canon_create_ref(c, 1), "/web");
	ck_assert_str_eq(canon_create_ref(c, 2), "data");
	ck_assert_str_eq(canon_create_ref(c, 3), "logs");
	ck_assert_str_eq(canon_create_ref(c, 4), "db");
	for (size_t i = 0; i < 5; i++)
		ck_assert_int_eq(canon_create_set_ref(c, i, ID), CANON_OK);
	out = canon_create_dump(c, &len);
	ck_assert_ptr_nonnull(strstr(out, "\"NetworkMode\":\"container:" ID));
	ck_assert_ptr_nonnull(strstr(out, "\"PidMode\":\"container:" ID));
	ck_assert_ptr_nonnull(
		strstr(out, "\"VolumesFrom\":[\"" ID ":ro\",\"" ID "\"]"));
	ck_assert_ptr_nonnull(strstr(out, "\"Links\":[\"" ID ":database\"]"));
	ck_assert_ptr_null(strstr(out, "web"));
	free(out);
	canon_create_free(c);
}
END_TEST

START_TEST(no_refs_in_plain_body)
{
	struct canon_create *c = parse("\"NetworkMode\":\"default\"");

	ck_assert_uint_eq(canon_create_nrefs(c), 0);
	ck_assert_ptr_null(canon_create_ref(c, 0));
	ck_assert_int_eq(canon_create_set_ref(c, 0, ID), CANON_EBAD);
	canon_create_free(c);
}
END_TEST

START_TEST(bad_id_not_written)
{
	struct canon_create *c = parse("\"VolumesFrom\":[\"data\"]");

	ck_assert_int_eq(canon_create_set_ref(c, 0, "x\"y"), CANON_EBAD);
	ck_assert_int_eq(canon_create_set_ref(c, 0, ""), CANON_EBAD);
	canon_create_free(c);
}
END_TEST

START_TEST(container_network_takes_no_endpoints)
{
	ct_expect(
		"{\"Image\":\"b\",\"HostConfig\":{\"NetworkMode\":"
		"\"container:web\"},\"NetworkingConfig\":{\"EndpointsConfig\":"
		"{\"default\":{}}}}",
		CANON_EREFUSED, "takes no network settings");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("canon_refs");
	TCase *tc = tcase_create("refs");

	tcase_add_test(tc, refs_collected_and_rewritten);
	tcase_add_test(tc, no_refs_in_plain_body);
	tcase_add_test(tc, bad_id_not_written);
	tcase_add_test(tc, container_network_takes_no_endpoints);
	suite_add_tcase(s, tc);
	return ct_run(s);
}
