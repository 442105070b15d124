/*
 * Images are shared, names are not: a user may run any image the policy
 * allows, but may create or remove names only in their own namespace
 * (docker.io/<user>/..., localhost[:port]/<user>/...), so no one can point
 * a name other users run at their own content (tag, build -t, pull into
 * another user's namespace).  The rules are image_names.c; this file
 * applies them to the routes.
 */
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "canon.h"
#include "image_names.h"

#include <jansson.h>

#define TENANCY_MAX_TAGS 32 /* -t values of one build */

static int is_local_user(const char *name, void *arg)
{
	struct passwd pw, *res = NULL;
	char buf[4096];

	(void)arg;
	return getpwnam_r(name, &pw, buf, sizeof(buf), &res) == 0 && res;
}

static int refuse(struct verdict *v, const char *msg)
{
	v->allowed = 0;
	v->status = 403;
	snprintf(v->message, sizeof(v->message), "%s", msg);
	snprintf(v->rule, sizeof(v->rule), "built-in: image names");
	return -1;
}

static int build_tags(struct conn *c, struct verdict *v)
{
	const char *t[TENANCY_MAX_TAGS];
	char err[DG_MESSAGE_MAX];
	size_t n = 0;

	/* The builder pulls FROM images itself: that would re-point names
	 * in other users' namespaces without a pull request to check. */
	if (route_param_bool(c->m, "pull", 0))
		return refuse(v, "docker build --pull is not allowed through "
				 "docker-gate (the builder would update "
				 "image names other users run)");
	for (size_t i = 0; i < c->m->nparams; i++)
		if (!strcmp(c->m->params[i].name, "t")) {
			if (n == TENANCY_MAX_TAGS)
				return refuse(v, "too many -t names");
			t[n++] = c->m->params[i].value;
		}
	if (n && image_name_may_build(t, n, c->id.user.name, err,
				      sizeof(err)) != IMAGE_NAME_OK)
		return refuse(v, err);
	return 0;
}

/*
 * Every image built through the gate ends with the owner label set empty
 * (the builder applies `labels` as a last LABEL step), so a Dockerfile
 * LABEL cannot hand the author's name to containers others build FROM it.
 */
static int build_labels(struct conn *c, struct verdict *v)
{
	const char *in = route_param(c->m, "labels"), *key;
	json_t *l = in && *in && strcmp(in, "null") ? json_loads(in, 0, NULL)
						    : json_object();
	json_t *val;
	char *out;
	int rc;

	if (!json_is_object(l)) {
		json_decref(l);
		return refuse(v, "--label on docker build must be KEY=VALUE");
	}
	json_object_foreach(l, key, val)
	{
		if (!strncmp(key, GATE_LABEL_PREFIX,
			     strlen(GATE_LABEL_PREFIX))) {
			json_decref(l);
			return refuse(v, "label prefix " GATE_LABEL_PREFIX
					 " is reserved for docker-gate");
		}
	}
	json_object_set_new(l, GATE_OWNER_LABEL, json_string(""));
	out = json_dumps(l, JSON_COMPACT);
	json_decref(l);
	rc = out ? route_set_param(c->m, "labels", out) : -1;
	free(out);
	return rc < 0 ? refuse(v, "build labels too long") : 0;
}

static int tag(struct conn *c, struct verdict *v)
{
	struct imageref out;
	char err[DG_MESSAGE_MAX];
	int rc = image_name_may_create_repo(
		route_param(c->m, "repo"), route_param(c->m, "tag"),
		c->id.user.name, &out, err, sizeof(err));

	if (rc == IMAGE_NAME_NONE)
		return refuse(v, "docker tag needs a target name");
	if (rc != IMAGE_NAME_OK)
		return refuse(v, err);
	/* Forward the one spelling every daemon version reads alike. */
	if (route_set_param(c->m, "repo", out.name) < 0 ||
	    route_set_param(c->m, "tag", out.tag) < 0)
		return refuse(v, "image name too long");
	return 0;
}

static int remove_name(struct conn *c, struct verdict *v)
{
	char canon[DG_MESSAGE_MAX], err[DG_MESSAGE_MAX];
	int rc = image_name_may_remove(c->m->object, c->id.user.name, canon,
				       sizeof(canon), err, sizeof(err));

	/* Force deletes an image that only stopped containers use, other
	 * users' too, and a container whose image is gone is nobody's
	 * (owner.c): its owner could no longer stop or remove it (red
	 * team 3).  Without force dockerd refuses while one uses it. */
	if (route_param_bool(c->m, "force", 0))
		return refuse(v,
			      "docker rmi -f is refused through docker-gate: "
			      "it would delete an image that stopped "
			      "containers (other users' too) still use; "
			      "remove your containers of it first, then "
			      "docker rmi without -f");

	if (rc == IMAGE_NAME_RESOLVE)
		return refuse(v, "remove images by name (docker rmi "
				 "yourname/app:1); removing by image ID is "
				 "not supported through docker-gate");
	if (rc != IMAGE_NAME_OK)
		return refuse(v, err);
	if (strlen(canon) >= sizeof(v->object))
		return refuse(v, "image name too long");
	snprintf(v->object, sizeof(v->object), "%s", canon);
	return 0;
}

/* 1 the image exists, 0 it does not, -1 no answer. */
static int image_exists(struct conn *c, const char *canonical)
{
	json_t *io;
	int status = tenancy_image_inspect(c, canonical, &io);

	json_decref(io);
	if (status != 200 && status != 404)
		return -1;
	return status == 200;
}

static int pull(struct conn *c, struct verdict *v)
{
	struct imageref out;
	char err[DG_MESSAGE_MAX];

	char owner[IMAGEREF_NAME_MAX + 1];

	if (image_name_may_pull(route_param(c->m, "fromImage"),
				route_param(c->m, "tag"), c->id.user.name,
				is_local_user, NULL, &out, err,
				sizeof(err)) != IMAGE_NAME_OK)
		return refuse(v, err);
	/* A name already here that is not the caller's is one others run:
	 * a pull would replace what it points to (red team 2). */
	if (image_name_owner(&out, owner, sizeof(owner)) == 1 &&
	    !strcmp(owner, c->id.user.name))
		return 0;
	switch (image_exists(c, out.canonical)) {
	case 0:
		return 0;
	case 1:
		snprintf(
			err, sizeof(err),
			"docker pull %s is refused: that image name is already "
			"here and others may run it; pull under your own name "
			"(%s/...) or ask an administrator",
			out.familiar, c->id.user.name);
		return refuse(v, err);
	default:
		return refuse(v, "cannot check the image name: the docker "
				 "daemon did not answer");
	}
}

/* Image labels are the image author's: the owner label there would make
 * every container of the image nobody's (owner.c). */
static int owner_labelled(json_t *io)
{
	return json_string_length(json_object_get(
		       json_object_get(json_object_get(io, "Config"), "Labels"),
		       GATE_OWNER_LABEL)) > 0;
}

/* RepoTags then RepoDigests of an inspect answer, at most max. */
static size_t image_names(json_t *io, const char **names, size_t max)
{
	static const char *const keys[] = {"RepoTags", "RepoDigests"};
	json_t *e;
	size_t i, k, n = 0;

	for (k = 0; k < 2; k++)
		json_array_foreach(json_object_get(io, keys[k]), i, e)
		{
			if (n < max && json_is_string(e))
				names[n++] = json_string_value(e);
		}
	return n;
}

static int image_refuse(struct verdict *v, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int image_refuse(struct verdict *v, int status, const char *fmt, ...)
{
	va_list ap;

	v->allowed = 0;
	v->status = status;
	va_start(ap, fmt);
	vsnprintf(v->message, sizeof(v->message), fmt, ap);
	va_end(ap);
	snprintf(v->rule, sizeof(v->rule), "built-in: images");
	return -1;
}

int tenancy_create_image(struct conn *c, struct canon_create *cc, int admin,
			 struct verdict *v)
{
	const struct dg_create *cr = canon_create_view(cc);
	const char *names[CANON_MAX_IMAGE_NAMES];
	char err[CANON_ERR_MAX] = "";
	json_t *io;
	int status = tenancy_image_inspect(c, cr->image, &io), rc;
	size_t n;

	if (status == 404 || (status >= 400 && status < 500)) {
		/* dockerd gives create the same answer: no such image */
		json_decref(io);
		return 0;
	}
	if (status != 200 || !json_is_object(io)) {
		json_decref(io);
		return image_refuse(v, 502,
				    "cannot look up the image: the docker "
				    "daemon did not answer; try again shortly");
	}
	if (!admin && owner_labelled(io)) {
		json_decref(io);
		return image_refuse(
			v, 403,
			"image %s carries the label " GATE_OWNER_LABEL
			", which only docker-gate may set; it is "
			"not run through docker-gate",
			cr->image);
	}
	n = image_names(io, names, CANON_MAX_IMAGE_NAMES);
	rc = canon_create_set_image(
		cc, json_string_value(json_object_get(io, "Id")), names, n, err,
		sizeof(err));
	json_decref(io);
	if (rc != CANON_OK)
		return image_refuse(v, rc == CANON_ENOMEM ? 500 : 502, "%s",
				    err);
	return 1;
}

/* docker push: only names in the caller's namespace, forwarded in
 * canonical form. */
static int push(struct conn *c, struct verdict *v)
{
	struct imageref out;
	char err[DG_MESSAGE_MAX];
	int all = 0;

	if (image_name_may_push(c->m->object, route_param(c->m, "tag"),
				c->id.user.name, &out, &all, err,
				sizeof(err)) != IMAGE_NAME_OK)
		return refuse(v, err);
	if (strlen(out.name) >= sizeof(v->object))
		return refuse(v, "image name too long");
	snprintf(v->object, sizeof(v->object), "%s", out.name);
	if (!all && route_set_param(c->m, "tag", out.tag) < 0)
		return refuse(v, "image name too long");
	return 0;
}

int tenancy_images(struct conn *c, struct verdict *v)
{
	const struct route_def *d = c->m->def;

	/* BuildKit names its image from the same t and labels */
	if (route_is_build(d))
		return build_tags(c, v) < 0 ? -1 : build_labels(c, v);
	if (!strcmp(d->pattern, "/images/{}/tag"))
		return tag(c, v);
	if (!strcmp(d->pattern, "/images/{}") && !strcmp(d->method, "DELETE"))
		return remove_name(c, v);
	if (!strcmp(d->pattern, "/images/create"))
		return route_is_import(c->m) ? tenancy_import(c, v)
					     : pull(c, v);
	if (!strcmp(d->pattern, "/images/{}/push"))
		return push(c, v);
	if (!strcmp(d->pattern, "/commit"))
		return tenancy_commit(c, v);
	return 0;
}
