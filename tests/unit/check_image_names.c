/*
 * Tests for the image-name namespace rule: which names a user may create
 * and remove (both spellings the CLIs send, every domain that is or is not
 * a namespace, reserved and invalid user names), removal by ID against the
 * image's names, the build `t` list, the repo+tag pair of tag/commit/
 * import, and what a pull may write.  The requests of
 * tests/fixtures/captured/ (tag, build, rmi, pull) are rows here.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image_names.h"

#define HEX64  "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define DIGEST "sha256:" HEX64

static char ERR[1024];
static char CANON[IMAGEREF_CANON_MAX + 1];

static void create_ok(const char *ref, const char *user, const char *canon,
		      int line)
{
	int rc;

	ERR[0] = '\0';
	rc = image_name_may_create(ref, user, CANON, sizeof(CANON), ERR,
				   sizeof(ERR));
	ck_assert_msg(rc == IMAGE_NAME_OK, "line %d: %s for %s: %s", line, ref,
		      user, ERR);
	ck_assert_msg(strcmp(CANON, canon) == 0, "line %d: %s: canon %s", line,
		      ref, CANON);
}
#define CREATE_OK(ref, user, canon) create_ok(ref, user, canon, __LINE__)

/* Refused, and the message holds `msg` (if non-NULL). */
static void create_no(const char *ref, const char *user, const char *msg,
		      int line)
{
	int rc;

	ERR[0] = '\0';
	strcpy(CANON, "sentinel");
	rc = image_name_may_create(ref, user, CANON, sizeof(CANON), ERR,
				   sizeof(ERR));
	ck_assert_msg(rc == IMAGE_NAME_REFUSED, "line %d: %s for %s accepted",
		      line, ref ? ref : "(null)", user ? user : "(null)");
	ck_assert_msg(CANON[0] == '\0', "line %d: canon left", line);
	ck_assert_msg(ERR[0] != '\0', "line %d: no message", line);
	ck_assert_msg(!msg || strstr(ERR, msg), "line %d: %s", line, ERR);
}
#define CREATE_NO(ref, user)	 create_no(ref, user, NULL, __LINE__)
#define CREATE_MSG(ref, user, m) create_no(ref, user, m, __LINE__)

START_TEST(create_own_namespace)
{
	CREATE_OK("alice/app:1", "alice", "docker.io/alice/app:1");
	CREATE_OK("alice/app", "alice", "docker.io/alice/app:latest");
	/* CLI 28 sends repo=docker.io/x/y, CLI 20 x/y (captured tag) */
	CREATE_OK("docker.io/x/y:2", "x", "docker.io/x/y:2");
	CREATE_OK("x/y:2", "x", "docker.io/x/y:2");
	CREATE_OK("x/y:1", "x", "docker.io/x/y:1"); /* captured build t= */
	CREATE_OK("index.docker.io/alice/app:2", "alice",
		  "docker.io/alice/app:2");
	CREATE_OK("alice/a/b/c", "alice", "docker.io/alice/a/b/c:latest");
	CREATE_OK("localhost/alice/app", "alice", "localhost/alice/app:latest");
	CREATE_OK("localhost:5000/alice/app:1", "alice",
		  "localhost:5000/alice/app:1");
	CREATE_OK("localhost:6000/alice/x", "alice",
		  "localhost:6000/alice/x:latest");
}
END_TEST

START_TEST(create_outside)
{
	/* the message of the brief, in CLI terms */
	CREATE_MSG("busybox", "alice",
		   "the image name busybox:latest is refused: you may only "
		   "create image names under alice/ (e.g. alice/app:1)");
	CREATE_NO("busybox:latest", "alice");
	CREATE_NO("docker.io/library/python:3", "alice");
	CREATE_NO("bob/app", "alice");
	CREATE_NO("docker.io/bob/app:1", "alice");
	CREATE_NO("localhost:5000/bob/app", "alice");
	/* first component compared whole, not as a prefix */
	CREATE_NO("alicex/app", "alice");
	CREATE_NO("alic/app", "alice");
	CREATE_NO("alice-x/app", "alice");
	/* single component: library/<name>, nobody's */
	CREATE_NO("alice", "alice");
	CREATE_NO("docker.io/alice", "alice");
	CREATE_NO("library/alice", "alice");
	/* localhost without a user component */
	CREATE_NO("localhost/app", "alice");
	CREATE_NO("localhost:5000/app", "alice");
	/* other registries are nobody's namespace */
	CREATE_NO("registry.example.com/alice/app", "alice");
	CREATE_NO("127.0.0.1:5000/alice/app", "alice");
	CREATE_NO("[::1]:5000/alice/app", "alice");
	CREATE_NO("LOCALHOST/alice/app", "alice");
	CREATE_NO("Docker.io/alice/app", "alice");
	CREATE_NO("docker.io:443/alice/app", "alice");
	CREATE_NO("alice.x/app", "alice"); /* the registry alice.x */
	CREATE_NO("Alice/app", "alice");   /* uppercase */
	CREATE_NO("Alice.com/alice/app", "alice");
}
END_TEST

START_TEST(create_not_a_name)
{
	CREATE_MSG("alice/app@" DIGEST, "alice", "digest reference");
	CREATE_MSG("alice/app:1@" DIGEST, "alice", "digest reference");
	CREATE_MSG(HEX64, "alice", "image ID");
	CREATE_MSG(DIGEST, "alice", "image ID");
	CREATE_MSG("alice/App", "alice", "must be lowercase");
	CREATE_MSG("", "alice", "invalid reference format");
	CREATE_NO(NULL, "alice");
	CREATE_NO("alice/app:", "alice");
	CREATE_NO("alice/app\n", "alice");
	/* short hex is a library name here: nobody's */
	CREATE_NO("abc123", "alice");
	CREATE_NO("sha256:abc", "alice");
}
END_TEST

START_TEST(user_names)
{
	/* users whose name is no path component cannot create names */
	CREATE_MSG("docker.io/library/x", "Alice", "your user name");
	CREATE_MSG("docker.io/alice/app", "Alice", "your user name");
	CREATE_NO("_apt/x", "_apt");
	CREATE_NO("docker.io/bob./x", "bob.");
	CREATE_NO("a___b/x", "a___b");
	CREATE_NO("alice/app", "");
	CREATE_NO("alice/app", NULL);
	/* "library" would own every official image */
	CREATE_MSG("library/python:3", "library", "your user name");
	CREATE_MSG("python:3", "library", "not \"library\"");
	CREATE_NO("localhost/library/x", "library");
	/* a '.' in the user name: the domain must be typed */
	CREATE_OK("docker.io/john.doe/app", "john.doe",
		  "docker.io/john.doe/app:latest");
	CREATE_MSG("john.doe/app", "john.doe",
		   "under docker.io/john.doe/ (e.g. docker.io/john.doe/app:1)");
	CREATE_OK("docker.io/localhost/app", "localhost",
		  "docker.io/localhost/app:latest");
	CREATE_MSG("busybox", "localhost", "docker.io/localhost/app:1");
	CREATE_OK("a--b/x", "a--b", "docker.io/a--b/x:latest");
	CREATE_OK("a__b/x", "a__b", "docker.io/a__b/x:latest");
	ck_assert(image_name_user_ok("alice"));
	ck_assert(!image_name_user_ok("library"));
	ck_assert(!image_name_user_ok("alice/x"));
}
END_TEST

START_TEST(canon_buffer)
{
	char small[8];
	int rc;

	rc = image_name_may_create("alice/app", "alice", small, sizeof(small),
				   ERR, sizeof(ERR));
	ck_assert_int_eq(rc, IMAGE_NAME_REFUSED);
	rc = image_name_may_create("alice/app", "alice", NULL, 0, ERR,
				   sizeof(ERR));
	ck_assert_int_eq(rc, IMAGE_NAME_OK);
	/* no err buffer: still decides */
	rc = image_name_may_create("busybox", "alice", NULL, 0, NULL, 0);
	ck_assert_int_eq(rc, IMAGE_NAME_REFUSED);
}
END_TEST

static int remove_rc(const char *ref, const char *user)
{
	ERR[0] = '\0';
	strcpy(CANON, "sentinel");
	return image_name_may_remove(ref, user, CANON, sizeof(CANON), ERR,
				     sizeof(ERR));
}

START_TEST(remove_names)
{
	/* captured rmi: DELETE /images/x/y:2 */
	ck_assert_int_eq(remove_rc("x/y:2", "x"), IMAGE_NAME_OK);
	ck_assert_str_eq(CANON, "docker.io/x/y:2");
	ck_assert_int_eq(remove_rc("docker.io/alice/app", "alice"),
			 IMAGE_NAME_OK);
	ck_assert_str_eq(CANON, "docker.io/alice/app:latest");
	ck_assert_int_eq(remove_rc("alice/app@" DIGEST, "alice"),
			 IMAGE_NAME_OK);
	ck_assert_str_eq(CANON, "docker.io/alice/app@" DIGEST);
	ck_assert_int_eq(remove_rc("localhost:5000/alice/app", "alice"),
			 IMAGE_NAME_OK);

	ck_assert_int_eq(remove_rc("x/y:2", "alice"), IMAGE_NAME_REFUSED);
	ck_assert_str_eq(CANON, "");
	ck_assert_msg(strstr(ERR, "removing x/y:2 is refused: you may only "
				  "remove image names under alice/"),
		      "%s", ERR);
	ck_assert_int_eq(remove_rc("busybox", "alice"), IMAGE_NAME_REFUSED);
	ck_assert_int_eq(remove_rc("bob/app@" DIGEST, "alice"),
			 IMAGE_NAME_REFUSED);
	ck_assert_int_eq(remove_rc("alice/app", "Alice"), IMAGE_NAME_REFUSED);
	ck_assert_msg(strstr(ERR, "your user name"), "%s", ERR);
	ck_assert_int_eq(remove_rc("a b", "alice"), IMAGE_NAME_REFUSED);
}
END_TEST

START_TEST(remove_ids)
{
	/* a full ID: resolve, canon holds the ID to forward */
	ck_assert_int_eq(remove_rc(HEX64, "alice"), IMAGE_NAME_RESOLVE);
	ck_assert_str_eq(CANON, DIGEST);
	ck_assert_int_eq(remove_rc(DIGEST, "alice"), IMAGE_NAME_RESOLVE);
	ck_assert_str_eq(CANON, DIGEST);
	/* short hex: a library name or an ID prefix, dockerd decides */
	ck_assert_int_eq(remove_rc("0123ab", "alice"), IMAGE_NAME_RESOLVE);
	ck_assert_str_eq(CANON, "");
	ck_assert_int_eq(remove_rc("sha256:0123", "alice"), IMAGE_NAME_RESOLVE);
	ck_assert_int_eq(remove_rc("a", "alice"), IMAGE_NAME_RESOLVE);
	/* with a tag it is only a name */
	ck_assert_int_eq(remove_rc("0123ab:1", "alice"), IMAGE_NAME_REFUSED);
}
END_TEST

static int rm_image(const char *ref, const char *id, const char *const *names,
		    size_t n, const char *user)
{
	ERR[0] = '\0';
	return image_name_may_remove_image(ref, id, names, n, user, ERR,
					   sizeof(ERR));
}

START_TEST(remove_by_id)
{
	static const char *const own[] = {
		"alice/app:1",
		"alice/app:2",
		"alice/app@" DIGEST,
		"localhost:5000/alice/x:1",
	};
	static const char *const mixed[] = {"alice/app:1", "busybox:latest"};
	static const char *const digest_foreign[] = {"alice/app:1",
						     "python@" DIGEST};
	static const char *const junk[] = {"alice/app:1", "<none>:<none>"};
	static const char *const with_null[] = {"alice/app:1", NULL};

	ck_assert_int_eq(rm_image("0123", DIGEST, own, 4, "alice"),
			 IMAGE_NAME_OK);
	ck_assert_int_eq(rm_image("sha256:0123", DIGEST, own, 4, "alice"),
			 IMAGE_NAME_OK);
	ck_assert_int_eq(rm_image(HEX64, DIGEST, own, 4, "alice"),
			 IMAGE_NAME_OK);
	ck_assert_int_eq(rm_image(DIGEST, DIGEST, own, 1, "alice"),
			 IMAGE_NAME_OK);
	/* every name must be the user's */
	ck_assert_int_eq(rm_image("0123", DIGEST, mixed, 2, "alice"),
			 IMAGE_NAME_REFUSED);
	ck_assert_msg(strstr(ERR, "busybox:latest") &&
			      strstr(ERR, "0123456789ab") &&
			      !strstr(ERR, "0123456789abc"),
		      "%s", ERR);
	ck_assert_int_eq(rm_image("0123", DIGEST, digest_foreign, 2, "alice"),
			 IMAGE_NAME_REFUSED);
	ck_assert_int_eq(rm_image("0123", DIGEST, own, 4, "bob"),
			 IMAGE_NAME_REFUSED);
	ck_assert_int_eq(rm_image("0123", DIGEST, junk, 2, "alice"),
			 IMAGE_NAME_REFUSED);
	ck_assert_int_eq(rm_image("0123", DIGEST, with_null, 2, "alice"),
			 IMAGE_NAME_REFUSED);
	ck_assert_int_eq(rm_image("0123", DIGEST, own, 4, "Alice"),
			 IMAGE_NAME_REFUSED);
	/* no name at all: nobody's */
	ck_assert_int_eq(rm_image("0123", DIGEST, NULL, 0, "alice"),
			 IMAGE_NAME_REFUSED);
	ck_assert_msg(strstr(ERR, "no name"), "%s", ERR);
	ck_assert_int_eq(rm_image("0123", DIGEST, own, 0, "alice"),
			 IMAGE_NAME_REFUSED);
	ck_assert_msg(strstr(ERR, "no name"), "%s", ERR);
	/* ref is not a prefix of the ID: dockerd took it as a name */
	ck_assert_int_eq(rm_image("abcd", DIGEST, own, 4, "alice"),
			 IMAGE_NAME_REFUSED);
	ck_assert_msg(strstr(ERR, "removing abcd:latest is refused"), "%s",
		      ERR);
	ck_assert_int_eq(rm_image("", DIGEST, own, 4, "alice"),
			 IMAGE_NAME_REFUSED);
	ck_assert_int_eq(rm_image(NULL, DIGEST, own, 4, "alice"),
			 IMAGE_NAME_REFUSED);
	/* a daemon answer that is not a full "sha256:" ID */
	ck_assert_int_eq(rm_image("0123", HEX64, own, 4, "alice"),
			 IMAGE_NAME_REFUSED);
	ck_assert_int_eq(rm_image("0123", "sha256:0123", own, 4, "alice"),
			 IMAGE_NAME_REFUSED);
	ck_assert_int_eq(rm_image("0123", NULL, own, 4, "alice"),
			 IMAGE_NAME_REFUSED);
}
END_TEST

START_TEST(build_tags)
{
	static const char *const ok[] = {"alice/a:1", "", "docker.io/alice/b",
					 "localhost/alice/c"};
	static const char *const foreign[] = {"alice/a", "busybox"};
	static const char *const digest[] = {"alice/a@" DIGEST};
	static const char *const with_null[] = {"alice/a", NULL};
	static const char *const captured[] = {"x/y:1"};

	ck_assert_int_eq(image_name_may_build(ok, 4, "alice", ERR, sizeof(ERR)),
			 IMAGE_NAME_OK);
	ck_assert_int_eq(
		image_name_may_build(NULL, 0, "alice", ERR, sizeof(ERR)),
		IMAGE_NAME_OK);
	ck_assert_int_eq(
		image_name_may_build(captured, 1, "x", ERR, sizeof(ERR)),
		IMAGE_NAME_OK);
	ck_assert_int_eq(
		image_name_may_build(foreign, 2, "alice", ERR, sizeof(ERR)),
		IMAGE_NAME_REFUSED);
	ck_assert_msg(strstr(ERR, "busybox:latest"), "%s", ERR);
	ck_assert_int_eq(
		image_name_may_build(digest, 1, "alice", ERR, sizeof(ERR)),
		IMAGE_NAME_REFUSED);
	ck_assert_int_eq(
		image_name_may_build(with_null, 2, "alice", ERR, sizeof(ERR)),
		IMAGE_NAME_REFUSED);
	ck_assert_int_eq(
		image_name_may_build(captured, 1, "alice", ERR, sizeof(ERR)),
		IMAGE_NAME_REFUSED);
}
END_TEST

static int repo_rc(const char *repo, const char *tag, const char *user,
		   struct imageref *out)
{
	ERR[0] = '\0';
	return image_name_may_create_repo(repo, tag, user, out, ERR,
					  sizeof(ERR));
}

static int push_rc(const char *name, const char *tag, const char *user,
		   struct imageref *r, int *all)
{
	ERR[0] = '\0';
	return image_name_may_push(name, tag, user, r, all, ERR, sizeof(ERR));
}

/* docker push: names in one's own namespace only; the CLI sends the
 * familiar name and tag=latest, `push -a` no tag at all. */
START_TEST(pushes)
{
	struct imageref r;
	int all = -1;

	ck_assert_int_eq(push_rc("alice/app", "latest", "alice", &r, &all),
			 IMAGE_NAME_OK);
	ck_assert_str_eq(r.name, "docker.io/alice/app");
	ck_assert_str_eq(r.tag, "latest");
	ck_assert_int_eq(all, 0);
	ck_assert_int_eq(push_rc("alice/app", NULL, "alice", &r, &all),
			 IMAGE_NAME_OK);
	ck_assert_int_eq(all, 1);
	ck_assert_int_eq(push_rc("alice/app:2", "", "alice", &r, &all),
			 IMAGE_NAME_OK);
	ck_assert_int_eq(all, 0);
	ck_assert_str_eq(r.tag, "2");
	ck_assert_int_eq(
		push_rc("localhost:5000/alice/app", "1", "alice", &r, &all),
		IMAGE_NAME_OK);
	ck_assert_str_eq(r.name, "localhost:5000/alice/app");
	ck_assert_int_eq(push_rc("bob/app", "1", "alice", &r, &all),
			 IMAGE_NAME_REFUSED);
	ck_assert_ptr_nonnull(strstr(ERR, "docker push of bob/app:1 is "
					  "refused: you may only push image "
					  "names under alice/"));
	ck_assert_int_eq(push_rc("busybox", "latest", "alice", &r, &all),
			 IMAGE_NAME_REFUSED);
	ck_assert_int_eq(push_rc("alicex/app", "1", "alice", &r, &all),
			 IMAGE_NAME_REFUSED);
	ck_assert_int_eq(push_rc("registry.example.com/alice/app", "1", "alice",
				 &r, &all),
			 IMAGE_NAME_REFUSED);
	ck_assert_int_eq(push_rc("alice/app:2", "3", "alice", &r, &all),
			 IMAGE_NAME_REFUSED);
	ck_assert_ptr_nonnull(strstr(ERR, "given twice"));
	ck_assert_int_eq(push_rc("alice/app@" DIGEST, NULL, "alice", &r, &all),
			 IMAGE_NAME_REFUSED);
	ck_assert_int_eq(push_rc(HEX64, NULL, "alice", &r, &all),
			 IMAGE_NAME_REFUSED);
	ck_assert_int_eq(push_rc("alice/app", "-x", "alice", &r, &all),
			 IMAGE_NAME_REFUSED);
	ck_assert_int_eq(push_rc("library/app", "1", "library", &r, &all),
			 IMAGE_NAME_REFUSED);
}
END_TEST

START_TEST(repo_and_tag)
{
	struct imageref r;

	/* captured tag: CLI 28 and CLI 20 */
	ck_assert_int_eq(repo_rc("docker.io/x/y", "2", "x", &r), IMAGE_NAME_OK);
	ck_assert_str_eq(r.name, "docker.io/x/y");
	ck_assert_str_eq(r.tag, "2");
	ck_assert_str_eq(r.canonical, "docker.io/x/y:2");
	ck_assert_int_eq(repo_rc("x/y", "2", "x", &r), IMAGE_NAME_OK);
	ck_assert_str_eq(r.canonical, "docker.io/x/y:2");
	/* repo's own tag when tag is empty; latest when neither */
	ck_assert_int_eq(repo_rc("alice/app:3", "", "alice", &r),
			 IMAGE_NAME_OK);
	ck_assert_str_eq(r.tag, "3");
	ck_assert_int_eq(repo_rc("alice/app", NULL, "alice", &r),
			 IMAGE_NAME_OK);
	ck_assert_str_eq(r.tag, "latest");
	/* nothing named */
	ck_assert_int_eq(repo_rc("", "", "alice", &r), IMAGE_NAME_NONE);
	ck_assert_int_eq(repo_rc(NULL, NULL, "alice", &r), IMAGE_NAME_NONE);
	ck_assert_int_eq(repo_rc("", "1", "alice", &r), IMAGE_NAME_REFUSED);
	/* a tag twice, a digest, an ID, a bad tag */
	ck_assert_int_eq(repo_rc("alice/app:3", "4", "alice", &r),
			 IMAGE_NAME_REFUSED);
	ck_assert_msg(strstr(ERR, "twice"), "%s", ERR);
	ck_assert_int_eq(repo_rc("alice/app@" DIGEST, "", "alice", &r),
			 IMAGE_NAME_REFUSED);
	ck_assert_int_eq(repo_rc("alice/app@" DIGEST, "1", "alice", &r),
			 IMAGE_NAME_REFUSED);
	ck_assert_int_eq(repo_rc(HEX64, "1", "alice", &r), IMAGE_NAME_REFUSED);
	ck_assert_int_eq(repo_rc("alice/app", ".x", "alice", &r),
			 IMAGE_NAME_REFUSED);
	ck_assert_int_eq(repo_rc("alice/app", "a b", "alice", &r),
			 IMAGE_NAME_REFUSED);
	/* the namespace rule with the tag applied */
	ck_assert_int_eq(repo_rc("docker.io/x/y", "2", "alice", &r),
			 IMAGE_NAME_REFUSED);
	ck_assert_msg(strstr(ERR, "the image name x/y:2 is refused"), "%s",
		      ERR);
	ck_assert_int_eq(repo_rc("busybox", "latest", "alice", &r),
			 IMAGE_NAME_REFUSED);
}
END_TEST

/* Local users of the pull tests. */
static int fake_is_user(const char *name, void *arg)
{
	static const char *const users[] = {"alice", "bob", "local", NULL};
	const char *const *u;

	(void)arg;
	for (u = users; *u; u++)
		if (strcmp(*u, name) == 0)
			return 1;
	return 0;
}

static int no_users(const char *name, void *arg)
{
	(void)name;
	(void)arg;
	return 0;
}

static int pull_rc(const char *from, const char *tag, const char *user,
		   image_name_is_user_fn fn, struct imageref *out)
{
	ERR[0] = '\0';
	return image_name_may_pull(from, tag, user, fn, NULL, out, ERR,
				   sizeof(ERR));
}

START_TEST(pulls)
{
	struct imageref r;

	/* official images and other registries: shared, allowed */
	ck_assert_int_eq(pull_rc("alpine", "latest", "alice", fake_is_user, &r),
			 IMAGE_NAME_OK);
	ck_assert_str_eq(r.canonical, "docker.io/library/alpine:latest");
	ck_assert_int_eq(
		pull_rc("docker.io/library/python", "3", "alice", NULL, &r),
		IMAGE_NAME_OK);
	ck_assert_int_eq(pull_rc("quay.io/team/app", "1", "alice", NULL, &r),
			 IMAGE_NAME_OK);
	ck_assert_int_eq(
		pull_rc("grafana/grafana", "10", "alice", fake_is_user, &r),
		IMAGE_NAME_OK);
	/* own namespace */
	ck_assert_int_eq(pull_rc("alice/app", "1", "alice", NULL, &r),
			 IMAGE_NAME_OK);
	/* captured pull: both spellings; "local" is a user here */
	ck_assert_int_eq(pull_rc("docker.io/local/busybox", "test", "alice",
				 fake_is_user, &r),
			 IMAGE_NAME_REFUSED);
	ck_assert_msg(strstr(ERR, "local/busybox:test") &&
			      strstr(ERR, "local/, another user"),
		      "%s", ERR);
	ck_assert_int_eq(
		pull_rc("local/busybox", "test", "alice", no_users, &r),
		IMAGE_NAME_OK);
	ck_assert_str_eq(r.canonical, "docker.io/local/busybox:test");
	/* another user's namespace; NULL counts every owner as a user */
	ck_assert_int_eq(pull_rc("bob/app", "1", "alice", fake_is_user, &r),
			 IMAGE_NAME_REFUSED);
	ck_assert_int_eq(pull_rc("bob/app", "1", "alice", NULL, &r),
			 IMAGE_NAME_REFUSED);
	ck_assert_int_eq(
		pull_rc("localhost:5000/bob/x", "1", "alice", fake_is_user, &r),
		IMAGE_NAME_REFUSED);
	/* registries on this host: own namespace only, whoever the owner */
	ck_assert_int_eq(pull_rc("localhost:5000/alice/x", "1", "alice",
				 fake_is_user, &r),
			 IMAGE_NAME_OK);
	ck_assert_int_eq(pull_rc("localhost/alice/x", "1", "alice", NULL, &r),
			 IMAGE_NAME_OK);
	ck_assert_int_eq(
		pull_rc("localhost:5000/tools/x", "1", "alice", no_users, &r),
		IMAGE_NAME_REFUSED);
	ck_assert_msg(strstr(ERR, "localhost:5000/alice/"), "%s", ERR);
	ck_assert_int_eq(pull_rc("localhost/x", "1", "alice", no_users, &r),
			 IMAGE_NAME_REFUSED);
	ck_assert_int_eq(
		pull_rc("localhost:5000/alice/x", "1", "Alice", no_users, &r),
		IMAGE_NAME_REFUSED);
	/* other hosts' registries, including loopback addresses: shared */
	ck_assert_int_eq(
		pull_rc("127.0.0.1:5000/tools/x", "1", "alice", no_users, &r),
		IMAGE_NAME_OK);
	ck_assert_int_eq(pull_rc("bob/app", "1", "Alice", fake_is_user, &r),
			 IMAGE_NAME_REFUSED);
}
END_TEST

START_TEST(pull_tags)
{
	struct imageref r;

	/* all tags: no tag anywhere, or old clients' trailing ':' */
	ck_assert_int_eq(pull_rc("alpine", "", "alice", NULL, &r),
			 IMAGE_NAME_REFUSED);
	ck_assert_msg(strstr(ERR, "--all-tags"), "%s", ERR);
	ck_assert_int_eq(pull_rc("alpine:", "", "alice", NULL, &r),
			 IMAGE_NAME_REFUSED);
	ck_assert_int_eq(pull_rc("alpine", NULL, "alice", NULL, &r),
			 IMAGE_NAME_REFUSED);
	/* the tag in fromImage */
	ck_assert_int_eq(pull_rc("alpine:3", "", "alice", NULL, &r),
			 IMAGE_NAME_OK);
	ck_assert_str_eq(r.canonical, "docker.io/library/alpine:3");
	ck_assert_int_eq(pull_rc("alpine:3:", "", "alice", NULL, &r),
			 IMAGE_NAME_OK);
	ck_assert_int_eq(pull_rc("alpine@" DIGEST, "", "alice", NULL, &r),
			 IMAGE_NAME_OK);
	/* the tag parameter may hold a digest */
	ck_assert_int_eq(pull_rc("alpine", DIGEST, "alice", NULL, &r),
			 IMAGE_NAME_OK);
	ck_assert_str_eq(r.canonical, "docker.io/library/alpine@" DIGEST);
	/* twice, or not a tag */
	ck_assert_int_eq(pull_rc("alpine:3", "4", "alice", NULL, &r),
			 IMAGE_NAME_REFUSED);
	ck_assert_int_eq(pull_rc("alpine@" DIGEST, "4", "alice", NULL, &r),
			 IMAGE_NAME_REFUSED);
	ck_assert_int_eq(pull_rc("alpine", "sha512:abc", "alice", NULL, &r),
			 IMAGE_NAME_REFUSED);
	ck_assert_int_eq(pull_rc("alpine", ".x", "alice", NULL, &r),
			 IMAGE_NAME_REFUSED);
	/* not pullable */
	ck_assert_int_eq(pull_rc(HEX64, "latest", "alice", NULL, &r),
			 IMAGE_NAME_REFUSED);
	ck_assert_int_eq(pull_rc(HEX64, "", "alice", NULL, &r),
			 IMAGE_NAME_REFUSED);
	ck_assert_int_eq(pull_rc(DIGEST, "", "alice", NULL, &r),
			 IMAGE_NAME_REFUSED);
	ck_assert_msg(strstr(ERR, "image ID"), "%s", ERR);
	ck_assert_int_eq(pull_rc("", "latest", "alice", NULL, &r),
			 IMAGE_NAME_REFUSED);
	ck_assert_int_eq(pull_rc(NULL, "latest", "alice", NULL, &r),
			 IMAGE_NAME_REFUSED);
	ck_assert_int_eq(pull_rc(":", "", "alice", NULL, &r),
			 IMAGE_NAME_REFUSED);
}
END_TEST

START_TEST(owner_helper)
{
	struct imageref r;
	char owner[64], tiny[3];

	ck_assert_int_eq(imageref_parse("alice/app", &r), IMAGEREF_OK);
	ck_assert_int_eq(image_name_owner(&r, owner, sizeof(owner)), 1);
	ck_assert_str_eq(owner, "alice");
	ck_assert_int_eq(image_name_owner(&r, tiny, sizeof(tiny)), 0);
	ck_assert_int_eq(imageref_parse("localhost:1/bob/x/y", &r),
			 IMAGEREF_OK);
	ck_assert_int_eq(image_name_owner(&r, owner, sizeof(owner)), 1);
	ck_assert_str_eq(owner, "bob");
	ck_assert_int_eq(imageref_parse("python", &r), IMAGEREF_OK);
	ck_assert_int_eq(image_name_owner(&r, owner, sizeof(owner)), 0);
	ck_assert_int_eq(imageref_parse("localhost/x", &r), IMAGEREF_OK);
	ck_assert_int_eq(image_name_owner(&r, owner, sizeof(owner)), 0);
	ck_assert_int_eq(imageref_parse("quay.io/bob/x", &r), IMAGEREF_OK);
	ck_assert_int_eq(image_name_owner(&r, owner, sizeof(owner)), 0);
	ck_assert_int_eq(imageref_parse(HEX64, &r), IMAGEREF_OK);
	ck_assert_int_eq(image_name_owner(&r, owner, sizeof(owner)), 0);
}
END_TEST

static Suite *image_names_suite(void)
{
	Suite *s = suite_create("image_names");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, create_own_namespace);
	tcase_add_test(tc, create_outside);
	tcase_add_test(tc, create_not_a_name);
	tcase_add_test(tc, user_names);
	tcase_add_test(tc, canon_buffer);
	tcase_add_test(tc, remove_names);
	tcase_add_test(tc, remove_ids);
	tcase_add_test(tc, remove_by_id);
	tcase_add_test(tc, build_tags);
	tcase_add_test(tc, repo_and_tag);
	tcase_add_test(tc, pushes);
	tcase_add_test(tc, pulls);
	tcase_add_test(tc, pull_tags);
	tcase_add_test(tc, owner_helper);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(image_names_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
