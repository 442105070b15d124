/*
 * docker commit and docker import: both write a new image whose name must
 * lie in the caller's namespace (image_names.c), and both take Dockerfile
 * `changes` (image_changes.c).  A commit is of one's own container only,
 * resolved once and forwarded by full ID.
 *
 * The owner label: a commit copies the container's labels into the image,
 * io.docker-gate.owner included, and an image with that label makes every
 * container created from it outside the gate (by an administrator, or by
 * the builder) look like the committer's.  So the gate appends one last
 * change, LABEL io.docker-gate.owner="" (what builds end with, too), to
 * every commit and import, the administrator's included.
 *
 * The body of POST /commit is a container Config that would replace the
 * committed container's configuration in the image.  The CLI never sends
 * one (it uses --change); the gate accepts only an empty one (absent,
 * null, {}), so what reaches the image config is the container's own
 * configuration plus changes the gate checked.
 */
#include <stdio.h>
#include <string.h>

#include "canon.h"
#include "conn.h"
#include "image_changes.h"
#include "image_names.h"
#include "owner.h"

static int refuse(struct verdict *v, int status, const char *rule,
		  const char *msg)
{
	v->allowed = 0;
	v->status = status;
	snprintf(v->message, sizeof(v->message), "%.*s",
		 (int)sizeof(v->message) - 1, msg);
	snprintf(v->rule, sizeof(v->rule), "%s", rule);
	return -1;
}

int tenancy_changes(struct conn *c, struct verdict *v)
{
	char err[DG_MESSAGE_MAX];
	size_t n = 0;

	for (size_t i = 0; i < c->m->nparams; i++) {
		if (strcmp(c->m->params[i].name, "changes"))
			continue;
		if (++n > IMAGE_CHANGES_MAX)
			return refuse(v, 403, "built-in",
				      "--change is refused: too many changes");
		if (image_change_check(c->m->params[i].value, err,
				       sizeof(err)) < 0)
			return refuse(v, 403, "built-in", err);
	}
	if (route_add_param(c->m, "changes", IMAGE_CHANGES_OWNER) < 0)
		return refuse(v, 414, "built-in", "--change: too long");
	return 0;
}

int tenancy_commit_body(const char *body, size_t len, struct verdict *v)
{
	if (!image_commit_body_empty(body, len))
		return refuse(v, 403, "built-in",
			      "docker commit with a container configuration "
			      "in the request body is refused by docker-gate; "
			      "change the image with --change instead");
	v->body = strdup("{}");
	v->body_len = 2;
	return v->body ? 0 : refuse(v, 500, "built-in", "out of memory");
}

/* repo + tag of commit and import; `what` names the command. */
static int new_name(struct conn *c, const char *what, struct verdict *v)
{
	struct imageref out;
	char err[DG_MESSAGE_MAX], msg[DG_MESSAGE_MAX + 64];
	int rc = image_name_may_create_repo(
		route_param(c->m, "repo"), route_param(c->m, "tag"),
		c->id.user.name, &out, err, sizeof(err));

	if (rc == IMAGE_NAME_NONE)
		return 0; /* an image without a name */
	if (rc != IMAGE_NAME_OK) {
		snprintf(msg, sizeof(msg), "%s: %s", what, err);
		return refuse(v, 403, "built-in: image names", msg);
	}
	if (route_set_param(c->m, "repo", out.name) < 0 ||
	    route_set_param(c->m, "tag", out.tag) < 0)
		return refuse(v, 414, "built-in: image names",
			      "image name too long");
	return 0;
}

static int commit_container(struct conn *c, struct verdict *v)
{
	const char *ref = route_param(c->m, "container");
	char id[OWNER_FULLID_MAX], err[512] = "", msg[DG_MESSAGE_MAX];
	int rc;

	if (!ref || !*ref)
		return refuse(v, 400, "built-in",
			      "docker commit needs a container");
	rc = tenancy_container(c, ref, id, sizeof(id), err, sizeof(err));
	if (rc == OWNER_OK) {
		if (route_set_param(c->m, "container", id) < 0)
			return refuse(v, 414, "built-in", "request too long");
		return 0;
	}
	if (rc == OWNER_EUPSTREAM) {
		gate_log(3, "ownership lookup failed: %s", err);
		return refuse(v, 502, "built-in: ownership",
			      "cannot check who owns this container: the "
			      "docker daemon did not answer; try again "
			      "shortly");
	}
	if (rc == OWNER_FOREIGN)
		gate_log(4, "%s named another user's object: %s",
			 c->id.user.name, err);
	/* dockerd's own answer for a missing container: a foreign one must
	 * read the same (no 404 here: nothing for the CLI to pull) */
	v->raw_message = 1;
	snprintf(msg, sizeof(msg), "No such container: %s", ref);
	return refuse(v, 404, "built-in: ownership", msg);
}

int tenancy_commit(struct conn *c, struct verdict *v)
{
	if (commit_container(c, v) < 0)
		return -1;
	return new_name(c, "docker commit", v);
}

int tenancy_import(struct conn *c, struct verdict *v)
{
	return new_name(c, "docker import", v);
}
