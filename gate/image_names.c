/*
 * The image-name namespace rule (see image_names.h for what counts as a
 * user's namespace and why).  Every decision is made on the normalized
 * name from imageref_parse, never on the string the client sent, and
 * every refusal says in CLI terms what the user may do instead.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "image_names.h"

#define LOCALHOST      "localhost"
#define LOCALHOST_PORT LOCALHOST ":"
/* Characters of an image ID shown in messages, like `docker images`. */
#define SHORT_ID_LEN 12

static void say(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void say(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

int image_name_user_ok(const char *user)
{
	size_t len;

	if (user == NULL)
		return 0;
	len = strnlen(user, IMAGE_NAME_USER_MAX + 1);
	if (len > IMAGE_NAME_USER_MAX || !imageref_component_valid(user, len))
		return 0;
	return strcmp(user, IMAGE_NAME_RESERVED) != 0;
}

static int namespace_domain(const char *d)
{
	/* the parser checked the port's digits */
	return strcmp(d, IMAGEREF_DEFAULT_DOMAIN) == 0 ||
	       strcmp(d, LOCALHOST) == 0 ||
	       strncmp(d, LOCALHOST_PORT, sizeof(LOCALHOST_PORT) - 1) == 0;
}

int image_name_owner(const struct imageref *r, char *owner, size_t ownerlen)
{
	const char *slash;
	size_t len;

	if (r->is_id || r->path[0] == '\0' || !namespace_domain(r->domain))
		return 0;
	slash = strchr(r->path, '/');
	if (slash == NULL)
		return 0; /* localhost/app: no user component */
	len = (size_t)(slash - r->path);
	if (len == sizeof(IMAGE_NAME_RESERVED) - 1 &&
	    memcmp(r->path, IMAGE_NAME_RESERVED, len) == 0)
		return 0;
	if (len >= ownerlen)
		return 0; /* fail closed: cannot say whose */
	memcpy(owner, r->path, len);
	owner[len] = '\0';
	return 1;
}

static int owned_by(const struct imageref *r, const char *user)
{
	char owner[IMAGEREF_NAME_MAX + 1];

	return image_name_owner(r, owner, sizeof(owner)) &&
	       strcmp(owner, user) == 0;
}

/*
 * Where the user's names live, as they type it: "alice/", or
 * "docker.io/john.doe/" ("john.doe/app" would read as the registry host
 * "john.doe", "localhost/app" as the registry "localhost").
 */
static const char *ns_prefix(const char *user, char *buf, size_t len)
{
	int domain = strchr(user, '.') || strcmp(user, LOCALHOST) == 0;

	snprintf(buf, len, "%s%s/", domain ? IMAGEREF_DEFAULT_DOMAIN "/" : "",
		 user);
	return buf;
}

/* The refusal for a user who cannot own names, or a foreign name. */
static int refuse_ns(const char *what, const struct imageref *r,
		     const char *user, const char *verb, char *err,
		     size_t errlen)
{
	char ns[IMAGE_NAME_USER_MAX + sizeof(IMAGEREF_DEFAULT_DOMAIN) + 2];

	if (!image_name_user_ok(user)) {
		say(err, errlen,
		    "%s %s is refused: your user name cannot be an image "
		    "repository name (lowercase letters and digits separated "
		    "by '.', '_', '__' or '-', and not \"%s\"), so you cannot "
		    "%s image names",
		    what, r->familiar, IMAGE_NAME_RESERVED, verb);
		return IMAGE_NAME_REFUSED;
	}
	ns_prefix(user, ns, sizeof(ns));
	say(err, errlen,
	    "%s %s is refused: you may only %s image names under %s "
	    "(e.g. %sapp:1)",
	    what, r->familiar, verb, ns, ns);
	return IMAGE_NAME_REFUSED;
}

static int parse_or_refuse(const char *ref, struct imageref *r, char *err,
			   size_t errlen)
{
	if (imageref_parse(ref, r) != IMAGEREF_OK) {
		say(err, errlen, "%s", r->why);
		return IMAGE_NAME_REFUSED;
	}
	return IMAGE_NAME_OK;
}

static int put_canon(const struct imageref *r, char *canon, size_t canonlen,
		     char *err, size_t errlen)
{
	size_t len = strlen(r->canonical);

	if (canonlen == 0 && canon == NULL)
		return IMAGE_NAME_OK;
	if (canon == NULL || len >= canonlen) {
		/* fail closed: the caller could not forward what was checked */
		say(err, errlen, "image name too long for the gate's buffer");
		return IMAGE_NAME_REFUSED;
	}
	memcpy(canon, r->canonical, len + 1);
	return IMAGE_NAME_OK;
}

/* The checks shared by every way of creating a name. */
static int check_create(const struct imageref *r, const char *user, char *err,
			size_t errlen)
{
	if (r->is_id) {
		say(err, errlen,
		    "invalid reference format: an image ID (%s) cannot be "
		    "used as an image name",
		    r->canonical);
		return IMAGE_NAME_REFUSED;
	}
	if (r->digest[0]) {
		say(err, errlen,
		    "the image name %s is refused: refusing to create a tag "
		    "with a digest reference",
		    r->familiar);
		return IMAGE_NAME_REFUSED;
	}
	if (!image_name_user_ok(user) || !owned_by(r, user))
		return refuse_ns("the image name", r, user, "create", err,
				 errlen);
	return IMAGE_NAME_OK;
}

int image_name_may_create(const char *ref, const char *user, char *canon,
			  size_t canonlen, char *err, size_t errlen)
{
	struct imageref r;

	if (canon != NULL && canonlen > 0)
		canon[0] = '\0';
	if (parse_or_refuse(ref, &r, err, errlen) != IMAGE_NAME_OK ||
	    check_create(&r, user, err, errlen) != IMAGE_NAME_OK)
		return IMAGE_NAME_REFUSED;
	return put_canon(&r, canon, canonlen, err, errlen);
}

int image_name_may_remove(const char *ref, const char *user, char *canon,
			  size_t canonlen, char *err, size_t errlen)
{
	struct imageref r;

	if (canon != NULL && canonlen > 0)
		canon[0] = '\0';
	if (parse_or_refuse(ref, &r, err, errlen) != IMAGE_NAME_OK)
		return IMAGE_NAME_REFUSED;
	/* a short hex string is read as docker.io/library/<hex> (nobody's)
	 * or as an ID prefix: only dockerd knows which */
	if (r.maybe_id_prefix)
		return IMAGE_NAME_RESOLVE;
	if (r.is_id)
		return put_canon(&r, canon, canonlen, err, errlen) ==
				       IMAGE_NAME_OK
			       ? IMAGE_NAME_RESOLVE
			       : IMAGE_NAME_REFUSED;
	if (!image_name_user_ok(user) || !owned_by(&r, user))
		return refuse_ns("removing", &r, user, "remove", err, errlen);
	return put_canon(&r, canon, canonlen, err, errlen);
}

/* dockerd's isImageIDPrefix: ref is a prefix of "sha256:<hex>" or <hex>. */
static int id_prefix_of(const char *ref, const struct imageref *id)
{
	size_t len = strlen(ref);

	if (len == 0)
		return 0;
	return strncmp(id->digest, ref, len) == 0 ||
	       strncmp(id->digest + IMAGEREF_ALGO_LEN, ref, len) == 0;
}

/* One RepoTags / RepoDigests entry of an image removed by ID. */
static int name_is_users(const char *name, const char *user,
			 const struct imageref *img, char *err, size_t errlen)
{
	struct imageref r;

	r.familiar[0] = '\0';
	if (name != NULL && imageref_parse(name, &r) == IMAGEREF_OK &&
	    !r.is_id && owned_by(&r, user))
		return 1;
	say(err, errlen,
	    "removing image %.*s is refused: it is also named %s, which is "
	    "not yours; remove your own names one by one instead "
	    "(docker rmi NAME)",
	    SHORT_ID_LEN, img->digest + IMAGEREF_ALGO_LEN,
	    r.familiar[0] ? r.familiar : "by a name docker-gate cannot read");
	return 0;
}

int image_name_may_remove_image(const char *ref, const char *id,
				const char *const *names, size_t n,
				const char *user, char *err, size_t errlen)
{
	struct imageref r, img;
	size_t i;

	/* fail closed: a daemon answer that is not a full ID */
	if (ref == NULL || id == NULL ||
	    strncmp(id, IMAGEREF_ALGO, IMAGEREF_ALGO_LEN) != 0 ||
	    imageref_parse(id, &img) != IMAGEREF_OK || !img.is_id) {
		say(err, errlen,
		    "removing the image is refused: dockerd "
		    "answered with an unexpected image ID");
		return IMAGE_NAME_REFUSED;
	}
	if (!id_prefix_of(ref, &img)) {
		/* dockerd resolved ref as a name, docker.io/library/<ref> */
		if (parse_or_refuse(ref, &r, err, errlen) != IMAGE_NAME_OK)
			return IMAGE_NAME_REFUSED;
		return refuse_ns("removing", &r, user, "remove", err, errlen);
	}
	if (n == 0 || names == NULL) {
		say(err, errlen,
		    "removing image %.*s is refused: it has no name, and an "
		    "image without a name can be in use by anyone "
		    "(an administrator prunes them)",
		    SHORT_ID_LEN, img.digest + IMAGEREF_ALGO_LEN);
		return IMAGE_NAME_REFUSED;
	}
	if (!image_name_user_ok(user)) {
		say(err, errlen,
		    "removing image %.*s is refused: your user name cannot "
		    "be an image repository name, so no image name is yours",
		    SHORT_ID_LEN, img.digest + IMAGEREF_ALGO_LEN);
		return IMAGE_NAME_REFUSED;
	}
	for (i = 0; i < n; i++)
		if (!name_is_users(names[i], user, &img, err, errlen))
			return IMAGE_NAME_REFUSED;
	return IMAGE_NAME_OK;
}

int image_name_may_build(const char *const *t, size_t n, const char *user,
			 char *err, size_t errlen)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (t == NULL || t[i] == NULL)
			return IMAGE_NAME_REFUSED; /* fail closed: caller bug */
		if (t[i][0] == '\0')
			continue; /* dockerd skips empty names */
		if (image_name_may_create(t[i], user, NULL, 0, err, errlen) !=
		    IMAGE_NAME_OK)
			return IMAGE_NAME_REFUSED;
	}
	return IMAGE_NAME_OK;
}

int image_name_may_create_repo(const char *repo, const char *tag,
			       const char *user, struct imageref *out,
			       char *err, size_t errlen)
{
	int has_tag = tag != NULL && tag[0] != '\0';

	memset(out, 0, sizeof(*out));
	if (repo == NULL || repo[0] == '\0') {
		if (!has_tag)
			return IMAGE_NAME_NONE;
		say(err, errlen, "a tag needs a repository name");
		return IMAGE_NAME_REFUSED;
	}
	if (parse_or_refuse(repo, out, err, errlen) != IMAGE_NAME_OK)
		return IMAGE_NAME_REFUSED;
	if (has_tag && !out->is_id && !out->digest[0]) {
		/* fail closed: no client sends both (dockerd would take
		 * `tag`, measured on the tag and commit routes) */
		if (!out->tag_implied) {
			say(err, errlen,
			    "the image name %s is refused: the tag is given "
			    "twice (in the repository name and as a tag)",
			    out->familiar);
			return IMAGE_NAME_REFUSED;
		}
		if (imageref_with_tag(out, tag) != IMAGEREF_OK) {
			say(err, errlen,
			    "invalid reference format: a tag is 1 to 128 "
			    "letters, digits, '_', '.' or '-', not starting "
			    "with '.' or '-'");
			return IMAGE_NAME_REFUSED;
		}
	}
	return check_create(out, user, err, errlen);
}

int image_name_pull_target(const char *from_image, const char *tag,
			   struct imageref *out, char *err, size_t errlen)
{
	char buf[IMAGEREF_INPUT_MAX + 2];
	size_t len = from_image ? strnlen(from_image, sizeof(buf)) : 0;
	int has_tag = tag != NULL && tag[0] != '\0';

	memset(out, 0, sizeof(*out));
	if (len == 0 || len >= sizeof(buf)) {
		say(err, errlen, "invalid reference format");
		return IMAGE_NAME_REFUSED;
	}
	memcpy(buf, from_image, len + 1);
	if (buf[len - 1] == ':')
		buf[len - 1] = '\0'; /* "pull -a" of old clients: "name:" */
	if (parse_or_refuse(buf, out, err, errlen) != IMAGE_NAME_OK)
		return IMAGE_NAME_REFUSED;
	if (out->is_id) {
		say(err, errlen, "an image ID (%s) cannot be pulled",
		    out->canonical);
		return IMAGE_NAME_REFUSED;
	}
	if (!has_tag) {
		if (!out->tag_implied)
			return IMAGE_NAME_OK;
		say(err, errlen,
		    "docker pull --all-tags (%s) is not available through "
		    "docker-gate; pull the tags you need one by one",
		    out->name);
		return IMAGE_NAME_REFUSED;
	}
	/* fail closed: a tag or digest in both places */
	if (!out->tag_implied) {
		say(err, errlen,
		    "pulling %s is refused: the tag is given twice (in the "
		    "image name and as a tag)",
		    out->familiar);
		return IMAGE_NAME_REFUSED;
	}
	if (imageref_with_digest(out, tag) == IMAGEREF_OK ||
	    imageref_with_tag(out, tag) == IMAGEREF_OK)
		return IMAGE_NAME_OK;
	say(err, errlen,
	    "invalid reference format: the tag to pull must be a tag or a "
	    "sha256 digest");
	return IMAGE_NAME_REFUSED;
}

int image_name_may_pull(const char *from_image, const char *tag,
			const char *user, image_name_is_user_fn is_user,
			void *arg, struct imageref *out, char *err,
			size_t errlen)
{
	char owner[IMAGEREF_NAME_MAX + 1];

	if (image_name_pull_target(from_image, tag, out, err, errlen) !=
	    IMAGE_NAME_OK)
		return IMAGE_NAME_REFUSED;
	if (user != NULL && image_name_user_ok(user) && owned_by(out, user))
		return IMAGE_NAME_OK;
	if (strcmp(out->domain, IMAGEREF_DEFAULT_DOMAIN) != 0 &&
	    namespace_domain(out->domain)) {
		/* fail closed: any local user can serve a registry on an
		 * unprivileged port of the host's loopback */
		say(err, errlen,
		    "pulling %s is refused: from a registry on this host "
		    "you may only pull into your own namespace (%s/%s/...)",
		    out->familiar, out->domain, user ? user : "");
		return IMAGE_NAME_REFUSED;
	}
	if (!image_name_owner(out, owner, sizeof(owner)))
		return IMAGE_NAME_OK; /* official or other registry: shared */
	if (is_user != NULL && !is_user(owner, arg))
		return IMAGE_NAME_OK;
	say(err, errlen,
	    "pulling %s is refused: it would write an image name under "
	    "%s/, another user's namespace",
	    out->familiar, owner);
	return IMAGE_NAME_REFUSED;
}

int image_name_may_push(const char *name, const char *tag, const char *user,
			struct imageref *out, int *all_tags, char *err,
			size_t errlen)
{
	int has_tag = tag != NULL && tag[0] != '\0';

	*all_tags = 0;
	if (parse_or_refuse(name ? name : "", out, err, errlen) !=
	    IMAGE_NAME_OK)
		return IMAGE_NAME_REFUSED;
	if (out->is_id || out->digest[0]) {
		say(err, errlen,
		    "docker push %s is refused: push a name (yourname/app:1), "
		    "not an image ID or digest",
		    out->familiar);
		return IMAGE_NAME_REFUSED;
	}
	if (has_tag && !out->tag_implied) {
		say(err, errlen,
		    "docker push %s is refused: the tag is given twice (in "
		    "the name and as a tag)",
		    out->familiar);
		return IMAGE_NAME_REFUSED;
	}
	if (has_tag && imageref_with_tag(out, tag) != IMAGEREF_OK) {
		say(err, errlen,
		    "invalid reference format: a tag is 1 to 128 letters, "
		    "digits, '_', '.' or '-', not starting with '.' or '-'");
		return IMAGE_NAME_REFUSED;
	}
	/* no tag anywhere: dockerd pushes every tag of the repository */
	*all_tags = !has_tag && out->tag_implied;
	if (!image_name_user_ok(user) || !owned_by(out, user))
		return refuse_ns("docker push of", out, user, "push", err,
				 errlen);
	return IMAGE_NAME_OK;
}
