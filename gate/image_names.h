/*
 * Image-name namespaces (pure): "images are shared, names are not".
 *
 * Every user may read, run and pull any image, but an image *name* (a
 * tag, or a digest reference) decides what the next `docker run NAME` of
 * everyone runs.  So a user may create and remove names only in their
 * own namespace:
 *
 *     docker.io/<user>/...             typed as  <user>/app:1
 *     localhost/<user>/...             typed as  localhost/<user>/app:1
 *     localhost:<port>/<user>/...      typed as  localhost:5000/<user>/app:1
 *
 * Why these and nothing else:
 * - docker.io/<user>/ is what users type anyway ("alice/app" normalizes to
 *   it), and the CLIs send it in either spelling (CLI 28 "docker.io/x/y",
 *   CLI 20 "x/y"); the rule compares normalized names only.
 * - localhost[:port]/<user>/ lets a user keep names for a registry on the
 *   host (`docker push localhost:5000/alice/app`).  The port does not
 *   matter: localhost:5000/alice/ and localhost:6000/alice/ are both
 *   Alice's.
 * - No other domain is anyone's namespace: a name like
 *   registry.example.com/team/app says where it came from, and only a
 *   pull (content from that registry) may write it.  127.0.0.1, [::1],
 *   "LOCALHOST" or "Docker.io" are other registries to docker, so they are
 *   nobody's namespace either (refused, never "probably the same").
 * - docker.io/library/ (official images: "alpine" is
 *   docker.io/library/alpine) is nobody's namespace; the user name
 *   "library" is reserved.
 * - Single-component names under localhost ("localhost/app") have no user
 *   component and are nobody's.
 *
 * User names: the namespace is the user name used verbatim as the first
 * path component, so a user whose name is not a valid component
 * ([a-z0-9]+ with single '.', '_', '__' or '-' runs between; e.g.
 * "Alice", "_apt", "bob.", "a___b") cannot create any image name.  That
 * is deliberate: no case folding or escaping that two users could collide
 * on.  A user name with a '.' ("john.doe") works, but must be typed with
 * the domain, "docker.io/john.doe/app", because "john.doe/app" reads as a
 * registry host; the messages say so.
 *
 * Caveat: docker.io/<user>/ is also Docker Hub's namespace of the Hub
 * account <user>.  A pull of "bob/app" fetches what Hub's "bob" published
 * and writes the local name bob/app, so pulls into another local user's
 * namespace are refused (image_name_may_pull).
 */
#ifndef DG_IMAGE_NAMES_H
#define DG_IMAGE_NAMES_H

#include <stddef.h>

#include "imageref.h"

/* The reserved first component of official images. */
#define IMAGE_NAME_RESERVED IMAGEREF_OFFICIAL
/* Longest user name that leaves room for "docker.io/<user>/x". */
#define IMAGE_NAME_USER_MAX                                                    \
	(IMAGEREF_NAME_MAX - (sizeof(IMAGEREF_DEFAULT_DOMAIN) - 1) - 3)

enum image_name_rc {
	IMAGE_NAME_OK = 0,
	IMAGE_NAME_REFUSED = -1, /* err says why, in CLI terms: 403 */
	IMAGE_NAME_NONE = 1,	 /* repo and tag empty: no name written */
	IMAGE_NAME_RESOLVE = 2	 /* an image ID or maybe an ID prefix: ask
				  * dockerd, then image_name_may_remove_image */
};

/* 1 if `user` can own names: a valid path component, not "library". */
int image_name_user_ok(const char *user);

/*
 * 1 if r (a parsed name) lies in a user namespace, with that user name
 * copied to owner[ownerlen]; 0 otherwise (official, other registry, ID,
 * no user component, or owner too small).
 */
int image_name_owner(const struct imageref *r, char *owner, size_t ownerlen);

/*
 * May `user` create the name `ref` (a tag: docker tag/build/commit/
 * import)?  IMAGE_NAME_OK with the canonical name ("docker.io/alice/
 * app:1", latest added) in canon[canonlen], the form to forward; or
 * IMAGE_NAME_REFUSED: invalid reference, an image ID, a digest
 * reference, a name outside the user's namespace, a user who cannot own
 * names, or canon too small.  canon may be NULL when canonlen is 0.
 */
int image_name_may_create(const char *ref, const char *user, char *canon,
			  size_t canonlen, char *err, size_t errlen);

/*
 * DELETE /images/{ref}.  IMAGE_NAME_OK: a name in the user's namespace,
 * canonical in canon (forward that).  IMAGE_NAME_RESOLVE: `ref` is a full
 * image ID (canon holds "sha256:<hex>") or could be an ID prefix (canon
 * is ""): dockerd decides which image it means; see
 * image_name_may_remove_image.  IMAGE_NAME_REFUSED otherwise.
 */
int image_name_may_remove(const char *ref, const char *user, char *canon,
			  size_t canonlen, char *err, size_t errlen);

/*
 * Removing an image by ID removes every name it has.  `ref` is what the
 * client sent, `id` the "Id" dockerd resolved it to ("sha256:<64hex>",
 * from GET /images/{ref}/json), `names` its RepoTags and RepoDigests.
 * IMAGE_NAME_OK only if ref is a prefix of id (otherwise dockerd took ref
 * as a name, docker.io/library/<ref>, which is nobody's), the image has
 * at least one name, and every name is in the user's namespace.  Forward
 * DELETE /images/<id>, never ref.
 */
int image_name_may_remove_image(const char *ref, const char *id,
				const char *const *names, size_t n,
				const char *user, char *err, size_t errlen);

/*
 * POST /build: every `t` value (repeatable).  Empty values are skipped,
 * as dockerd skips them; each other one must pass image_name_may_create.
 */
int image_name_may_build(const char *const *t, size_t n, const char *user,
			 char *err, size_t errlen);

/*
 * The `repo` + `tag` query pair of POST /images/{name}/tag, POST /commit
 * and POST /images/create?fromSrc= (import).  dockerd takes repo's own
 * tag when `tag` is empty, `tag` otherwise, "latest" when neither
 * (measured on 20.10 for tag and commit).  IMAGE_NAME_OK: *out holds the
 * name to create; forward repo=<out->name>&tag=<out->tag>, the one
 * spelling every daemon version reads the same way.
 * IMAGE_NAME_NONE: both empty (commit and import then create no name;
 * for the tag route dockerd refuses, so refuse it too).
 * IMAGE_NAME_REFUSED: a tag without a repo, a tag in both, a digest, an
 * ID, or the namespace rule.
 */
int image_name_may_create_repo(const char *repo, const char *tag,
			       const char *user, struct imageref *out,
			       char *err, size_t errlen);

/*
 * What dockerd pulls for POST /images/create?fromImage=&tag= (its
 * PullImage): one trailing ':' of fromImage dropped, `tag` replacing the
 * tag or, when it is a digest, giving the digest.  IMAGE_NAME_OK with
 * *out holding the target (always with a tag or a digest), or
 * IMAGE_NAME_REFUSED: no tag anywhere (docker pull --all-tags), a tag in
 * both places, an image ID, an invalid reference.
 */
int image_name_pull_target(const char *from_image, const char *tag,
			   struct imageref *out, char *err, size_t errlen);

/*
 * POST /images/{name}/push?tag= (docker push).  Only names in the user's
 * namespace may be pushed (what leaves the host under the user's name is
 * the user's own).  IMAGE_NAME_OK: *out holds the name; *all_tags is 1
 * when neither name nor `tag` has a tag (dockerd then pushes every tag of
 * the repository: forward out->name and no tag), else forward out->name
 * with tag=out->tag.  IMAGE_NAME_REFUSED: invalid, an ID or digest, a tag
 * in both, or the namespace rule.
 */
int image_name_may_push(const char *name, const char *tag, const char *user,
			struct imageref *out, int *all_tags, char *err,
			size_t errlen);

/* Whether `name` is a local user (e.g. getpwnam != NULL). */
typedef int (*image_name_is_user_fn)(const char *name, void *arg);

/*
 * POST /images/create?fromImage=&tag= (pull).  Computes what dockerd
 * pulls (one trailing ':' of fromImage dropped; `tag` replaces the tag,
 * or is a digest) into *out.  Refused: an all-tags pull (no tag anywhere:
 * `docker pull -a`), a tag in both fromImage and `tag`, an ID, and a name
 * in another user's namespace, i.e. an owner that is not `user` and for
 * which is_user(owner, arg) is true (is_user NULL: every owner counts as
 * a user), and any name under localhost[:port] outside the caller's own
 * namespace (any local user can run the registry a localhost name points
 * to).  Names in no namespace (official images, other registries) and in
 * the caller's own are IMAGE_NAME_OK: the content comes from the
 * registry.  *out holds the target whenever fromImage parsed (also when
 * refused, for the audit log).
 */
int image_name_may_pull(const char *from_image, const char *tag,
			const char *user, image_name_is_user_fn is_user,
			void *arg, struct imageref *out, char *err,
			size_t errlen);

#endif
