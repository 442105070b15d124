/*
 * Unit tests for the images key of policy 1.3 (plugin/images.c,
 * eval_images.c): patterns are checked at load time with the gate's
 * reference parser, a create is allowed or refused on the resolved image's
 * names, ID and digests (or on the name asked for when dockerd has no
 * such image), pulls likewise, builds are refused under an images list,
 * and describe shows the list.
 */
#include "policy_test.h"

#define HEX_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define HEX_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define HEX_C "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"
#define ID_A  "sha256:" HEX_A
#define DIG_B "sha256:" HEX_B
#define DIG_C "sha256:" HEX_C

static struct dg_image_ref ref(const char *name, const char *tag,
			       const char *digest, const char *whole)
{
	struct dg_image_ref r = {name, tag, digest, whole};

	return r;
}

static const struct dg_image_ref alpine = {"docker.io/library/alpine", "latest",
					   "",
					   "docker.io/library/alpine:latest"};
static const struct dg_image_ref debian12 = {"docker.io/library/debian", "12",
					     "", "docker.io/library/debian:12"};
static const struct dg_image_ref debian_dig = {
	"docker.io/library/debian", "", DIG_B,
	"docker.io/library/debian@" DIG_B};

/* A create of an image dockerd has: ID_A with the given names. */
static struct dg_create create_img(const struct dg_image_ref *asked,
				   const struct dg_image_ref *names, size_t n)
{
	struct dg_create c = create();

	c.image_ref = asked;
	c.image_id = ID_A;
	c.image_names = names;
	c.nimage_names = n;
	return c;
}

static int pull(const struct dg_user *u, const struct dg_image_ref *r,
		struct dg_decision *d)
{
	struct dg_pull p = {sizeof(p), r};
	struct dg_request q = {.size = sizeof(q),
			       .kind = DG_REQ_PULL,
			       .method = "POST",
			       .route = "/images/create",
			       .user = u,
			       .pull = &p};

	return decide(&q, d);
}

START_TEST(test_patterns_checked)
{
	repolicy("images = {\"*\", \"docker.io/library/*\", "
		 "\"registry.example.edu/course/*:*\", \"" DIG_B "\", "
		 "\"localhost:5000/x\", \"docker.io/$USER/*\", "
		 "\"docker.io/library/debian@" DIG_B "\", "
		 "\"docker.io/library/python:3.1?-slim\"}\n",
		 NULL, NULL);
	repolicy_fails("images = {\"alpine\"}\n",
		       "must start with the registry host");
	repolicy_fails("images = {\"debian:*\"}\n", "default.conf:1");
	repolicy_fails("images = {\"docker.io/alpine\"}\n",
		       "normalizes this name to docker.io/library/alpine");
	repolicy_fails("images = {\"index.docker.io/library/x\"}\n",
		       "docker.io");
	repolicy_fails("images = {\"docker.io/Library/*\"}\n", "lowercase");
	repolicy_fails("images = {\"docker.io/library/[ab]*\"}\n",
		       "'[' is not allowed");
	repolicy_fails("images = {\"sha256:abc\"}\n", "64 lowercase hex");
	repolicy_fails("images = {\"docker.io/library/x@sha256:AB\"}\n",
		       "64 lowercase hex");
	repolicy_fails("images = {\"docker.io/library/x:.bad\"}\n", "tag");
	repolicy_fails("images = {\"" HEX_A "\"}\n", "registry host");
	repolicy_fails("images = {\"docker.io/$HOME/*\"}\n", "HOME");
}
END_TEST

/* No file names the key: every image, as before policy 1.3. */
START_TEST(test_default_any)
{
	struct dg_create c = create_img(&alpine, &alpine, 1);
	struct dg_decision d;

	repolicy("", NULL, NULL);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	/* any image: the name is forwarded, docker ps shows it */
	ck_assert_int_eq(d.force.image_by_name, 1);
	ck_assert_int_eq(pull(&alice, &alpine, &d), DG_ALLOW);
	repolicy("images = {\"*\"}\n", NULL, NULL);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	ck_assert_int_eq(d.force.image_by_name, 1);
	repolicy("images = {}\n", NULL, NULL);
	denied_by(
		check_create(&alice, &c, &d), &d,
		"image docker.io/library/alpine:latest is not allowed by your "
		"policy; allowed: none",
		"default.conf:1");
	denied_by(pull(&alice, &alpine, &d), &d, "allowed: none",
		  "default.conf:1");
}
END_TEST

START_TEST(test_create_by_name)
{
	struct dg_image_ref both[] = {debian12, debian_dig};
	struct dg_create c = create_img(&alpine, &alpine, 1);
	struct dg_decision d;

	repolicy("images = {\"docker.io/library/debian:*\", "
		 "\"registry.example.edu/course/*\"}\n",
		 NULL, NULL);
	denied_by(
		check_create(&alice, &c, &d), &d,
		"image docker.io/library/alpine:latest is not allowed by your "
		"policy; allowed: docker.io/library/debian:*, "
		"registry.example.edu/course/*",
		"default.conf:1");
	c = create_img(&debian12, both, 2);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	/* a list: the ID decided on is forwarded */
	ck_assert_int_eq(d.force.image_by_name, 0);
	/* a pattern without a tag takes every tag, '*' crosses '/' */
	c = create_img(&alpine, &alpine, 1);
	repolicy("images = {\"docker.io/*\"}\n", NULL, NULL);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	repolicy("images = {\"docker.io/library/alp?ne\"}\n", NULL, NULL);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	repolicy("images = {\"docker.io/library/alpine:3*\"}\n", NULL, NULL);
	denied_by(check_create(&alice, &c, &d), &d, "alpine:latest is not",
		  "default.conf:1");
}
END_TEST

/* The image decides, not the name asked for: one of its names, its ID,
 * or a digest it was pulled by. */
START_TEST(test_create_by_image)
{
	struct dg_image_ref asked = ref("docker.io/library/aaaa", "latest", "",
					"docker.io/library/aaaa:latest");
	struct dg_image_ref bobs =
		ref("docker.io/bob/app", "1", "", "docker.io/bob/app:1");
	struct dg_image_ref both[] = {debian12, debian_dig};
	struct dg_create c = create_img(&asked, both, 2);
	struct dg_decision d;

	/* "aaaa" was a short ID of a debian image: allowed as debian */
	repolicy("images = {\"docker.io/library/debian:12\"}\n", NULL, NULL);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	/* by ID: a foreign image, named by its short ID and names */
	c = create_img(NULL, &bobs, 1);
	denied_by(check_create(&alice, &c, &d), &d,
		  "image aaaaaaaaaaaa (docker.io/bob/app:1) is not allowed",
		  "default.conf:1");
	c.nimage_names = 0;
	denied_by(check_create(&alice, &c, &d), &d, "aaaaaaaaaaaa (no name)",
		  "default.conf:1");
	/* digests: the ID, or a manifest digest in RepoDigests */
	repolicy("images = {\"" ID_A "\"}\n", NULL, NULL);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	c = create_img(&debian12, both, 2);
	c.image_id = "sha256:" HEX_C;
	denied_by(check_create(&alice, &c, &d), &d, "debian:12 is not allowed",
		  "default.conf:1");
	repolicy("images = {\"" DIG_B "\"}\n", NULL, NULL);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	repolicy("images = {\"docker.io/library/debian@" DIG_B "\"}\n", NULL,
		 NULL);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	repolicy("images = {\"docker.io/library/debian@" DIG_C "\"}\n", NULL,
		 NULL);
	denied_by(check_create(&alice, &c, &d), &d, "debian:12", "default");
}
END_TEST

/* dockerd has no such image: the name asked for decides (the gate then
 * answers "No such image" and the CLI pulls). */
START_TEST(test_create_absent)
{
	struct dg_create c = create();
	struct dg_decision d;

	c.image_id = NULL;
	c.image_names = NULL;
	c.nimage_names = 0;
	c.image_ref = &alpine;
	repolicy("images = {\"docker.io/library/alpine\"}\n", NULL, NULL);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	c.image_ref = &debian12;
	denied_by(check_create(&alice, &c, &d), &d, "debian:12 is not allowed",
		  "default.conf:1");
	/* an image ID dockerd does not have matches no name pattern */
	c.image_ref = NULL;
	c.image = ID_A;
	denied_by(check_create(&alice, &c, &d), &d, "image " ID_A " is not",
		  "default.conf:1");
	/* malformed views fail closed */
	c.image_id = "md5:x";
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ERROR);
	c.image_id = ID_A;
	c.nimage_names = 2;
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ERROR);
}
END_TEST

START_TEST(test_pull)
{
	struct dg_image_ref bad = ref(NULL, "1", "", "x");
	struct dg_decision d;
	struct dg_pull p = {sizeof(p), NULL};
	struct dg_request q = {.size = sizeof(q),
			       .kind = DG_REQ_PULL,
			       .method = "POST",
			       .route = "/images/create",
			       .user = &alice,
			       .pull = &p};

	repolicy("images = {\"docker.io/library/debian:*\", \"" DIG_C "\"}\n",
		 NULL, NULL);
	ck_assert_int_eq(pull(&alice, &debian12, &d), DG_ALLOW);
	ck_assert_msg(strstr(d.rule, "default.conf:1"), "rule %s", d.rule);
	denied_by(
		pull(&alice, &alpine, &d), &d,
		"image docker.io/library/alpine:latest is not allowed by your "
		"policy; allowed: docker.io/library/debian:*, " DIG_C,
		"default.conf:1");
	/* by digest: a tag pattern does not match, a digest pattern does */
	denied_by(pull(&alice, &debian_dig, &d), &d, "debian@" DIG_B,
		  "default");
	repolicy("images = {\"" DIG_B "\"}\n", NULL, NULL);
	ck_assert_int_eq(pull(&alice, &debian_dig, &d), DG_ALLOW);
	repolicy("images = {\"docker.io/library/debian\"}\n", NULL, NULL);
	ck_assert_int_eq(pull(&alice, &debian_dig, &d), DG_ALLOW);
	/* malformed pulls fail closed */
	ck_assert_int_eq(decide(&q, &d), DG_ERROR);
	p.image = &bad;
	ck_assert_int_eq(pull(&alice, &bad, &d), DG_DENY);
	p.size = 1;
	p.image = &debian12;
	ck_assert_int_eq(decide(&q, &d), DG_ERROR);
}
END_TEST

/* Layers: a user file replaces or adds; templates name the caller. */
START_TEST(test_layers_templates)
{
	struct dg_image_ref own =
		ref("docker.io/alice/app", "1", "", "docker.io/alice/app:1");
	struct dg_create c = create_img(&own, &own, 1);
	struct dg_decision d;

	repolicy("images = {\"docker.io/library/*\"}\n", NULL,
		 "images += {\"docker.io/$USER/*\"}\n");
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	denied_by(check_create(&bob, &c, &d), &d, "docker.io/alice/app:1",
		  "default.conf:1");
	c = create_img(&alpine, &alpine, 1);
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	/* a group restricts; the user file gives any image back */
	repolicy("", "images = {\"docker.io/library/debian:*\"}\n",
		 "images = {\"*\"}\n");
	ck_assert_int_eq(check_create(&alice, &c, &d), DG_ALLOW);
	/* += with no lower file setting images: just the added entries */
	repolicy("", NULL, "images += {\"docker.io/library/debian:*\"}\n");
	denied_by(check_create(&alice, &c, &d), &d, "alpine:latest",
		  "users/alice.conf:1");
	ck_assert_int_eq(check_create(&bob, &c, &d), DG_ALLOW);
}
END_TEST

/* A user name that is not an image path component: the templated entry
 * matches nothing for that user. */
START_TEST(test_template_bad_user)
{
	static const struct dg_image_ref up = {"docker.io/a/app", "1", "",
					       "docker.io/a/app:1"};
	struct dg_user odd = bob;
	struct dg_create c = create_img(&up, &up, 1);
	struct dg_decision d;

	odd.name = "A";
	repolicy("images = {\"docker.io/$USER/*\", \"docker.io/a/*\"}\n", NULL,
		 NULL);
	ck_assert_int_eq(check_create(&odd, &c, &d), DG_ALLOW);
	repolicy("images = {\"docker.io/$USER/*\"}\n", NULL, NULL);
	denied_by(check_create(&odd, &c, &d), &d, "docker.io/a/app:1",
		  "default.conf:1");
}
END_TEST

START_TEST(test_build_under_images)
{
	struct dg_request r = {.size = sizeof(r),
			       .kind = DG_REQ_BUILD,
			       .method = "POST",
			       .route = "/build",
			       .user = &alice};
	struct dg_decision d;

	repolicy("build = true\n", NULL, NULL);
	ck_assert_int_eq(decide(&r, &d), DG_ALLOW);
	repolicy("build = true\nimages = {\"docker.io/library/*\"}\n", NULL,
		 NULL);
	denied_by(decide(&r, &d), &d,
		  "docker build is refused: the builder pulls and runs the "
		  "FROM images itself",
		  "default.conf:2");
	repolicy("build = true\nimages = {\"*\"}\n", NULL, NULL);
	ck_assert_int_eq(decide(&r, &d), DG_ALLOW);
}
END_TEST

START_TEST(test_describe_images)
{
	char buf[8192];

	repolicy("", NULL, NULL);
	ck_assert_int_eq(P.describe(&alice, buf, sizeof(buf)), 1);
	ck_assert_ptr_nonnull(strstr(buf, "images you may run and pull: any "
					  "(built-in default)"));
	repolicy("images = {\"docker.io/library/*\", \"docker.io/$USER/*\"}\n",
		 NULL, NULL);
	ck_assert_int_eq(P.describe(&alice, buf, sizeof(buf)), 1);
	ck_assert_msg(strstr(buf, "images you may run and pull: "
				  "docker.io/library/*, docker.io/alice/* "
				  "(from "),
		      "%s", buf);
	repolicy("images = {}\n", NULL, NULL);
	ck_assert_int_eq(P.describe(&alice, buf, sizeof(buf)), 1);
	ck_assert_ptr_nonnull(strstr(buf, "images you may run and pull: none"));
}
END_TEST

static Suite *images_suite(void)
{
	Suite *s = suite_create("images");
	TCase *tc = tcase_create("images");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_patterns_checked);
	tcase_add_test(tc, test_default_any);
	tcase_add_test(tc, test_create_by_name);
	tcase_add_test(tc, test_create_by_image);
	tcase_add_test(tc, test_create_absent);
	tcase_add_test(tc, test_pull);
	tcase_add_test(tc, test_layers_templates);
	tcase_add_test(tc, test_template_bad_user);
	tcase_add_test(tc, test_build_under_images);
	tcase_add_test(tc, test_describe_images);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(images_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
