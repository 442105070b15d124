/*
 * Unit tests for the image of a create (gate/canon_image.c) and the pull
 * target (image_name_pull_target): Config.Image is read as dockerd reads
 * it, the resolved image's names are normalized for the plugin, and the
 * forwarded body names the image by the full ID that was decided on.
 */
#include "canon_test.h"
#include "image_names.h"

#define HEX "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define ID  "sha256:" HEX

static struct canon_create *parse_image(const char *image)
{
	char *body = ct_fmt("{\"Image\":\"%s\"}", image);
	struct canon_create *c = ct_parse(body);

	free(body);
	return c;
}

static void ref_is(const struct dg_image_ref *r, const char *name,
		   const char *tag, const char *digest, const char *whole)
{
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->name, name);
	ck_assert_str_eq(r->tag, tag);
	ck_assert_str_eq(r->digest, digest);
	ck_assert_str_eq(r->ref, whole);
}

START_TEST(test_image_normalized)
{
	struct canon_create *c = parse_image("alpine");
	const struct dg_create *v = canon_create_view(c);

	ref_is(v->image_ref, "docker.io/library/alpine", "latest", "",
	       "docker.io/library/alpine:latest");
	ck_assert_ptr_null(v->image_id);
	ck_assert_str_eq(v->image, "alpine");
	canon_create_free(c);

	c = parse_image("alice/app:1");
	ref_is(canon_create_view(c)->image_ref, "docker.io/alice/app", "1", "",
	       "docker.io/alice/app:1");
	canon_create_free(c);

	c = parse_image("localhost:5000/x@" ID);
	ref_is(canon_create_view(c)->image_ref, "localhost:5000/x", "", ID,
	       "localhost:5000/x@" ID);
	canon_create_free(c);

	/* a short ID is also a name (dockerd tries the name first) */
	c = parse_image("0123ab");
	ref_is(canon_create_view(c)->image_ref, "docker.io/library/0123ab",
	       "latest", "", "docker.io/library/0123ab:latest");
	canon_create_free(c);

	/* a full ID is no name */
	c = parse_image(ID);
	ck_assert_ptr_null(canon_create_view(c)->image_ref);
	canon_create_free(c);
	c = parse_image(HEX);
	ck_assert_ptr_null(canon_create_view(c)->image_ref);
	canon_create_free(c);
}
END_TEST

START_TEST(test_image_invalid)
{
	ct_expect("{\"Image\":\"Alpine\"}", CANON_EBAD, "must be lowercase");
	ct_expect("{\"Image\":\"a b\"}", CANON_EBAD, "invalid reference");
	ct_expect("{\"Image\":\"x@sha256:00\"}", CANON_EBAD, "digest");
	ct_expect("{\"Image\":\"\"}", CANON_EBAD, "Image is required");
}
END_TEST

START_TEST(test_set_image)
{
	const char *names[] = {"busybox:latest", "docker.io/alice/b:1",
			       "busybox@" ID, "<none>:<none>", NULL};
	struct canon_create *c = parse_image("busy");
	const struct dg_create *v = canon_create_view(c);
	char err[CANON_ERR_MAX];
	json_t *fwd;

	ck_assert_int_eq(
		canon_create_set_image(c, ID, names, 5, err, sizeof(err)),
		CANON_OK);
	ck_assert_str_eq(v->image_id, ID);
	/* unreadable names are left out */
	ck_assert_uint_eq(v->nimage_names, 3);
	ref_is(&v->image_names[0], "docker.io/library/busybox", "latest", "",
	       "docker.io/library/busybox:latest");
	ref_is(&v->image_names[1], "docker.io/alice/b", "1", "",
	       "docker.io/alice/b:1");
	ref_is(&v->image_names[2], "docker.io/library/busybox", "", ID,
	       "docker.io/library/busybox@" ID);
	/* what was asked for stays in the view; the body names the ID once
	 * applied, unless the policy allows any image */
	ck_assert_str_eq(v->image, "busy");
	fwd = ct_dump_json(c);
	ck_assert_str_eq(json_string_value(json_object_get(fwd, "Image")),
			 "busy");
	json_decref(fwd);
	{
		struct dg_force f;
		const struct dg_user u = {.size = sizeof(u), .name = "alice"};

		memset(&f, 0, sizeof(f));
		f.image_by_name = 1;
		ck_assert_int_eq(
			canon_create_apply(c, &f, &u, err, sizeof(err)),
			CANON_OK);
		fwd = ct_dump_json(c);
		ck_assert_str_eq(
			json_string_value(json_object_get(fwd, "Image")),
			"busy");
		json_decref(fwd);
		f.image_by_name = 0;
		ck_assert_int_eq(
			canon_create_apply(c, &f, &u, err, sizeof(err)),
			CANON_OK);
		fwd = ct_dump_json(c);
		ck_assert_str_eq(
			json_string_value(json_object_get(fwd, "Image")), ID);
		json_decref(fwd);
	}
	canon_create_free(c);
}
END_TEST

START_TEST(test_set_image_bad_id)
{
	struct canon_create *c = parse_image("busybox");
	char err[CANON_ERR_MAX];

	ck_assert_int_eq(
		canon_create_set_image(c, HEX, NULL, 0, err, sizeof(err)),
		CANON_EBAD);
	ck_assert_int_eq(canon_create_set_image(c, "sha256:abc", NULL, 0, err,
						sizeof(err)),
			 CANON_EBAD);
	ck_assert_int_eq(
		canon_create_set_image(c, NULL, NULL, 0, err, sizeof(err)),
		CANON_EBAD);
	ck_assert_ptr_nonnull(strstr(err, "unexpected image ID"));
	ck_assert_ptr_null(canon_create_view(c)->image_id);
	canon_create_free(c);
}
END_TEST

static void target_is(const char *from, const char *tag, const char *want)
{
	struct imageref r;
	char err[256] = "";

	ck_assert_msg(image_name_pull_target(from, tag, &r, err, sizeof(err)) ==
			      IMAGE_NAME_OK,
		      "%s %s: %s", from, tag, err);
	ck_assert_str_eq(r.canonical, want);
}

static void target_refused(const char *from, const char *tag, const char *want)
{
	struct imageref r;
	char err[256] = "";

	ck_assert_int_eq(
		image_name_pull_target(from, tag, &r, err, sizeof(err)),
		IMAGE_NAME_REFUSED);
	ck_assert_msg(strstr(err, want), "\"%s\" lacks \"%s\"", err, want);
}

START_TEST(test_pull_target)
{
	/* CLI 28 and 20 spellings of docker pull alpine */
	target_is("docker.io/library/alpine", "latest",
		  "docker.io/library/alpine:latest");
	target_is("alpine", "latest", "docker.io/library/alpine:latest");
	/* by digest: in fromImage, or as the tag */
	target_is("alpine@" ID, "", "docker.io/library/alpine@" ID);
	target_is("alpine", ID, "docker.io/library/alpine@" ID);
	target_is("alpine:3", "", "docker.io/library/alpine:3");
	target_refused("alpine", "", "--all-tags");
	target_refused("alpine:", "", "--all-tags");
	target_refused("alpine:3", "4", "given twice");
	target_refused(ID, "", "cannot be pulled");
	target_refused("Alpine", "latest", "lowercase");
	target_refused("alpine", "sha256:00", "tag or a sha256 digest");
}
END_TEST

static Suite *image_suite(void)
{
	Suite *s = suite_create("canon_image");
	TCase *tc = tcase_create("image");

	tcase_add_test(tc, test_image_normalized);
	tcase_add_test(tc, test_image_invalid);
	tcase_add_test(tc, test_set_image);
	tcase_add_test(tc, test_set_image_bad_id);
	tcase_add_test(tc, test_pull_target);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(image_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
