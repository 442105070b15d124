/*
 * docker system df per user (gate/df_filter.c), as a pure function over
 * the JSON text dockerd answers (20.10 shape, captured): only the user's
 * containers and volumes, images kept, build cache emptied, unknown
 * top-level keys dropped, anything unexpected refused.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "df_filter.h"

/* A 20.10 answer, shortened: containers of alice, bob, nobody and a
 * look-alike name, volumes of alice and bob, a shared and an anonymous
 * one, a build cache record, and a key of a newer API. */
static const char answer[] =
	"{\"LayersSize\":1234,"
	"\"Images\":[{\"Id\":\"sha256:aa\",\"RepoTags\":[\"bob/app:1\"],"
	"\"Containers\":3}],"
	"\"Containers\":["
	"{\"Id\":\"c1\",\"Labels\":{\"io.docker-gate.owner\":\"alice\"}},"
	"{\"Id\":\"c2\",\"Labels\":{\"io.docker-gate.owner\":\"bob\"}},"
	"{\"Id\":\"c3\",\"SizeRw\":10,"
	"\"Labels\":{\"io.docker-gate.owner\":\"alice\"}},"
	"{\"Id\":\"c4\",\"Labels\":{}},"
	"{\"Id\":\"c5\",\"Labels\":null},"
	"{\"Id\":\"c6\",\"Labels\":{\"io.docker-gate.owner\":\"alicex\"}}],"
	"\"Volumes\":["
	"{\"Name\":\"va\",\"Labels\":{\"io.docker-gate.owner\":\"alice\"}},"
	"{\"Name\":\"vb\",\"Labels\":{\"io.docker-gate.owner\":\"bob\"}},"
	"{\"Name\":\"pub\",\"Labels\":{\"io.docker-gate.shared\":\"ro\"}},"
	"{\"Name\":\"anon\",\"Labels\":null}],"
	"\"BuildCache\":[{\"ID\":\"x\",\"Description\":\"mount / from exec "
	"/bin/sh -c echo secret\"}],"
	"\"BuilderSize\":0,"
	"\"ContainersDiskUsage\":{\"TotalCount\":6}}";

static const char volumes_only[] =
	"{\"Volumes\":[{\"Name\":\"va\","
	"\"Labels\":{\"io.docker-gate.owner\":\"alice\"}}],"
	"\"Containers\":null}";

static json_t *filtered(const char *in, const char *user)
{
	char *out = NULL;
	size_t len = 0;
	json_t *j;

	ck_assert_int_eq(df_filter(in, strlen(in), user, &out, &len), DF_OK);
	ck_assert_uint_eq(len, strlen(out));
	j = json_loads(out, 0, NULL);
	free(out);
	ck_assert_ptr_nonnull(j);
	return j;
}

static const char *id_at(json_t *j, const char *list, size_t i, const char *key)
{
	return json_string_value(json_object_get(
		json_array_get(json_object_get(j, list), i), key));
}

START_TEST(test_alice)
{
	json_t *j = filtered(answer, "alice");

	ck_assert_uint_eq(json_array_size(json_object_get(j, "Containers")), 2);
	ck_assert_str_eq(id_at(j, "Containers", 0, "Id"), "c1");
	ck_assert_str_eq(id_at(j, "Containers", 1, "Id"), "c3");
	ck_assert_uint_eq(json_array_size(json_object_get(j, "Volumes")), 1);
	ck_assert_str_eq(id_at(j, "Volumes", 0, "Name"), "va");
	/* images are shared: kept as they are */
	ck_assert_uint_eq(json_array_size(json_object_get(j, "Images")), 1);
	ck_assert_str_eq(id_at(j, "Images", 0, "Id"), "sha256:aa");
	ck_assert_int_eq(json_integer_value(json_object_get(j, "LayersSize")),
			 1234);
	ck_assert_ptr_nonnull(json_object_get(j, "BuilderSize"));
	ck_assert_uint_eq(json_array_size(json_object_get(j, "BuildCache")), 0);
	ck_assert(json_is_array(json_object_get(j, "BuildCache")));
	ck_assert_ptr_null(json_object_get(j, "ContainersDiskUsage"));
	json_decref(j);
}
END_TEST

START_TEST(test_bob_and_nobody)
{
	json_t *j = filtered(answer, "bob");

	ck_assert_uint_eq(json_array_size(json_object_get(j, "Containers")), 1);
	ck_assert_str_eq(id_at(j, "Containers", 0, "Id"), "c2");
	ck_assert_str_eq(id_at(j, "Volumes", 0, "Name"), "vb");
	json_decref(j);
	j = filtered(answer, "carol");
	ck_assert_uint_eq(json_array_size(json_object_get(j, "Containers")), 0);
	ck_assert_uint_eq(json_array_size(json_object_get(j, "Volumes")), 0);
	json_decref(j);
}
END_TEST

START_TEST(test_types_and_nulls)
{
	/* ?type=volume: only some keys, others null or absent */
	json_t *j = filtered(volumes_only, "alice");

	ck_assert(json_is_null(json_object_get(j, "Containers")));
	ck_assert_uint_eq(json_array_size(json_object_get(j, "Volumes")), 1);
	json_decref(j);
	j = filtered("{}", "alice");
	ck_assert_uint_eq(json_object_size(j), 0);
	json_decref(j);
}
END_TEST

START_TEST(test_refused)
{
	char *out = (char *)1;
	size_t len = 1;

	ck_assert_int_eq(df_filter("[]", 2, "alice", &out, &len), DF_EBAD);
	ck_assert_ptr_null(out);
	ck_assert_int_eq(df_filter("{", 1, "alice", &out, &len), DF_EBAD);
	ck_assert_int_eq(
		df_filter("{\"Containers\":{}}", 17, "alice", &out, &len),
		DF_EBAD);
	ck_assert_int_eq(df_filter("{\"Volumes\":1}", 13, "alice", &out, &len),
			 DF_EBAD);
	ck_assert_int_eq(
		df_filter("{\"BuildCache\":{}}", 17, "alice", &out, &len),
		DF_EBAD);
	ck_assert_int_eq(
		df_filter("{\"a\":1,\"a\":2}", 13, "alice", &out, &len),
		DF_EBAD);
	ck_assert_int_eq(df_filter("{}", 2, "", &out, &len), DF_EBAD);
	ck_assert_int_eq(df_filter("{}", 2, NULL, &out, &len), DF_EBAD);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("df_filter");
	TCase *tc = tcase_create("df_filter");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_alice);
	tcase_add_test(tc, test_bob_and_nobody);
	tcase_add_test(tc, test_types_and_nulls);
	tcase_add_test(tc, test_refused);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
