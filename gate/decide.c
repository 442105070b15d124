/*
 * Deciding one request: canonicalize the body the route carries, build the
 * typed request, ask the policy plugin, apply what it forces, and produce
 * the body to forward.  Every path that is not a clean DG_ALLOW ends in a
 * refusal; every decision is audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canon.h"
#include "conn.h"
#include "image_names.h"
#include "owner.h"

static int canon_status(int rc)
{
	switch (rc) {
	case CANON_EBAD:
		return 400;
	case CANON_ENOMEM:
		return 500;
	default:
		return 403;
	}
}

static void refused(struct verdict *v, int status, const char *msg,
		    const char *rule)
{
	v->allowed = 0;
	v->status = status;
	if (rule && *rule && strcmp(rule, "built-in"))
		snprintf(v->message, sizeof(v->message), "%s (policy %s)", msg,
			 rule);
	else
		snprintf(v->message, sizeof(v->message), "%s", msg);
	snprintf(v->rule, sizeof(v->rule), "%s", rule ? rule : "built-in");
}

struct parsed {
	struct canon_create *create;
	struct canon_exec *exec;
	struct canon_update *update;
	struct canon_netcreate netcreate;
	struct canon_connect connect;
	char cli[ROUTE_MAX_OBJECT + 32]; /* "docker network connect X" */
	/* a pull: what dockerd will pull, and the plugin's view of it */
	struct imageref pull_target;
	struct dg_image_ref pull_ref;
	struct dg_pull pull;
	struct dg_usage usage;
	char image[DG_MESSAGE_MAX]; /* req.image of import and push */
};

/* POST /images/create?fromImage=&tag=: the image dockerd will pull. */
static int pull_parse(const struct route_match *m, struct parsed *p, char *err,
		      size_t errlen)
{
	struct imageref *t = &p->pull_target;

	if (image_name_pull_target(route_param(m, "fromImage"),
				   route_param(m, "tag"), t, err,
				   errlen) != IMAGE_NAME_OK)
		return CANON_EREFUSED;
	p->pull_ref.name = t->name;
	p->pull_ref.tag = t->tag;
	p->pull_ref.digest = t->digest;
	p->pull_ref.ref = t->canonical;
	p->pull.size = sizeof(p->pull);
	p->pull.image = &p->pull_ref;
	return CANON_OK;
}

static int route_is(const struct route_match *m, const char *pattern)
{
	return strcmp(m->def->pattern, pattern) == 0;
}

/* "name:tag", "name" (push of every tag) or "" (unnamed import). */
static void image_of(const struct route_match *m, const char *name, char *buf,
		     size_t len)
{
	const char *tag = route_param(m, "tag");

	snprintf(buf, len, "%s%s%s", name ? name : "",
		 name && *name && tag && *tag ? ":" : "",
		 name && *name && tag ? tag : "");
}

/* The kinds decided on the route and its parameters alone (1.3). */
static int classify(struct conn *c, struct dg_request *req, struct parsed *p,
		    struct verdict *v)
{
	const struct route_match *m = c->m;

	if (route_is(m, "/images/create")) {
		if (!route_is_import(m)) {
			if (!c->has_body)
				return 0;
			/* fail closed: no unparsed bytes reach dockerd */
			refused(v, 400, "docker pull takes no request body",
				"built-in");
			return -1;
		}
		req->kind = DG_REQ_IMPORT;
		image_of(m, route_param(m, "repo"), p->image, sizeof(p->image));
		req->image = p->image;
		return tenancy_changes(c, v);
	}
	if (route_is(m, "/images/{}/push")) {
		req->kind = DG_REQ_PUSH;
		image_of(m, v->object[0] ? v->object : m->object, p->image,
			 sizeof(p->image));
		req->image = p->image;
	}
	return 0;
}

/* Canonicalizes the body; fills req's typed part.  0 or -1 (refused). */
static int canonicalize(struct conn *c, const char *body, size_t len,
			struct dg_request *req, struct parsed *p,
			struct verdict *v)
{
	const struct route_match *m = c->m;
	char err[CANON_ERR_MAX] = "";
	int rc = CANON_OK;

	switch (m->def->kind) {
	case RK_CREATE:
		rc = canon_create_parse(body ? body : "", len, m->api_minor,
					route_param(m, "name"), &p->create, err,
					sizeof(err));
		if (rc == CANON_OK) {
			req->kind = DG_REQ_CREATE;
			req->create = canon_create_view(p->create);
		}
		break;
	case RK_EXEC_CREATE:
		rc = canon_exec_parse(body ? body : "", len, m->api_minor,
				      m->object, &p->exec, err, sizeof(err));
		if (rc == CANON_OK) {
			req->kind = DG_REQ_EXEC;
			req->exec = canon_exec_view(p->exec);
		}
		break;
	case RK_EXEC_START:
		rc = canon_exec_start(body ? body : "", len, &v->detach,
				      &v->body, &v->body_len, err, sizeof(err));
		break;
	case RK_VOLUME_CREATE:
		rc = canon_volume_create(body ? body : "", len, &c->id.user,
					 &v->body, &v->body_len, err,
					 sizeof(err));
		break;
	case RK_BUILD:
	case RK_BUILDKIT: /* told apart by req->route */
		req->kind = DG_REQ_BUILD;
		break;
	case RK_PULL:
		/* also docker import (fromSrc=-): classify tells them apart */
		if (classify(c, req, p, v) < 0)
			return -1;
		if (req->kind == DG_REQ_IMPORT)
			break;
		rc = pull_parse(m, p, err, sizeof(err));
		if (rc == CANON_OK) {
			req->kind = DG_REQ_PULL;
			req->pull = &p->pull;
		}
		break;
	case RK_COMMIT:
		if (tenancy_commit_body(body ? body : "", len, v) < 0 ||
		    tenancy_changes(c, v) < 0)
			return -1;
		break;
	case RK_UPDATE:
		rc = canon_update_parse(body ? body : "", len, m->object,
					&p->update, &v->body, &v->body_len, err,
					sizeof(err));
		if (rc == CANON_OK) {
			req->kind = DG_REQ_UPDATE;
			req->update = canon_update_view(p->update);
		}
		break;
	case RK_NETWORK_CREATE:
		rc = canon_network_create(body ? body : "", len, &c->id.user,
					  &p->netcreate, &v->body, &v->body_len,
					  err, sizeof(err));
		req->kind = DG_REQ_NETWORK_CREATE;
		req->network_create = &p->netcreate.view;
		break;
	case RK_NETWORK_CONNECT:
	case RK_NETWORK_DISCONNECT:
		rc = canon_network_connect(body ? body : "", len,
					   m->def->kind ==
						   RK_NETWORK_DISCONNECT,
					   &p->connect, err, sizeof(err));
		break;
	default:
		if (classify(c, req, p, v) < 0)
			return -1;
		break;
	}
	if (rc != CANON_OK) {
		refused(v, canon_status(rc), err[0] ? err : "request refused",
			"built-in");
		return -1;
	}
	return 0;
}

/* What the caller's containers hold now, for max_containers and the
 * totals (create and update).  Not counted: req->usage stays NULL and a
 * plugin with limits refuses.  Always 0: counting cannot refuse. */
static int count_usage(struct conn *c, struct parsed *p, struct dg_request *req,
		       struct verdict *v)
{
	const char *self = v->object[0] ? v->object : c->m->object;
	int rc;

	if (req->kind != DG_REQ_CREATE && req->kind != DG_REQ_UPDATE)
		return 0;
	rc = tenancy_usage(c, req->kind == DG_REQ_UPDATE ? self : NULL,
			   &p->usage);
	if (rc == 0)
		req->usage = &p->usage;
	if (p->create)
		canon_create_set_usage(p->create,
				       rc >= 0 ? p->usage.containers : -1);
	return 0;
}

/* Applies forced settings and serializes the body to forward. */
static int finish(const struct conn *c, struct parsed *p,
		  const struct dg_decision *dec, struct verdict *v)
{
	char err[CANON_ERR_MAX] = "";

	if (p->create) {
		if (canon_create_apply(p->create, &dec->force, &c->id.user, err,
				       sizeof(err)) != CANON_OK ||
		    !(v->body = canon_create_dump(p->create, &v->body_len)))
			goto fail;
	} else if (p->exec) {
		if (canon_exec_apply(p->exec, &dec->force, err, sizeof(err)) !=
			    CANON_OK ||
		    !(v->body = canon_exec_dump(p->exec, &v->body_len)))
			goto fail;
	} else if (p->pull.image) {
		/* Forward the one reference that was decided on: fromImage
		 * with its tag or digest, no separate tag. */
		if (route_set_param(c->m, "fromImage",
				    p->pull_target.canonical) < 0 ||
		    route_set_param(c->m, "tag", "") < 0)
			goto fail;
	}
	return 0;
fail:
	refused(v, 500, err[0] ? err : "cannot apply the policy's settings",
		dec->rule);
	return -1;
}

static void terminate(struct dg_decision *dec)
{
	dec->message[sizeof(dec->message) - 1] = '\0';
	dec->rule[sizeof(dec->rule) - 1] = '\0';
	dec->force.user[sizeof(dec->force.user) - 1] = '\0';
}

/* The container name a create or rename would take, or NULL. */
static const char *new_name(const struct route_match *m)
{
	if (m->def->kind == RK_CREATE ||
	    !strcmp(m->def->pattern, "/containers/{}/rename"))
		return route_param(m, "name");
	return NULL;
}

/* Asks the plugin; 0 allowed, -1 refused (v filled). */
static int ask(const struct dg_request *req, struct dg_decision *dec,
	       struct verdict *v)
{
	int rc;

	memset(dec, 0, sizeof(*dec));
	dec->size = sizeof(*dec);
	rc = plugin_get()->check(req, dec);
	terminate(dec);
	if (rc == DG_ALLOW)
		return 0;
	/* fail closed: DG_ERROR and anything unexpected deny. */
	refused(v, 403,
		dec->message[0] ? dec->message
		: rc == DG_DENY ? "refused by policy"
				: "the policy could not be evaluated; refused",
		dec->rule);
	return -1;
}

/* A plugin built for an older ABI cannot see the newer fields of a
 * request: refuse what it would not know to refuse. */
static int plugin_too_old(const struct dg_request *req, struct verdict *v)
{
	unsigned int have = DG_API_VERSION_MINOR(plugin_get()->version);
	unsigned int need = 0;
	char msg[DG_MESSAGE_MAX];

	/* The usage totals (1.3) need no check here: an older plugin has
	 * no total to enforce, so not seeing them changes nothing. */
	if (req->kind == DG_REQ_UPDATE)
		need = canon_update_abi_minor(req->update);
	if (req->kind == DG_REQ_CREATE)
		need = canon_create_abi_minor(req->create);
	if (req->kind == DG_REQ_NETWORK_CREATE ||
	    req->kind == DG_REQ_NETWORK_CONNECT || req->kind == DG_REQ_PULL ||
	    req->kind == DG_REQ_IMPORT || req->kind == DG_REQ_PUSH)
		need = 3;
	if (have >= need)
		return 0;
	snprintf(msg, sizeof(msg),
		 "the policy plugin is too old to decide this request (it "
		 "needs plugin ABI 1.%u: %s); ask your administrator to "
		 "update it",
		 need,
		 need >= 3 ? "networks of one's own, image allow-lists, "
			     "docker import, docker push, "
			     "--log-driver, --log-opt, --ulimit, --tmpfs, "
			     "--cgroup-parent, --oom-*, --restart, --shm-size, "
			     "--cpu-shares, --cpuset-*, --blkio-weight, "
			     "--storage-opt, --memory-reservation"
			   : "--cap-add, --device, host namespaces, "
			     "--security-opt, --runtime, --sysctl, resources, "
			     "docker update");
	refused(v, 403, msg, "built-in");
	return -1;
}

/* The BuildKit route names came with ABI 1.3: an older plugin would take
 * POST /session for a route with nothing to decide, and a BuildKit build
 * for a classic one. */
static int buildkit_too_old(const struct route_def *d, struct verdict *v)
{
	if ((d->kind != RK_SESSION && d->kind != RK_BUILDKIT) ||
	    DG_API_VERSION_MINOR(plugin_get()->version) >= 3)
		return 0;
	refused(v, 403,
		"BuildKit is refused: the policy plugin is too old to decide "
		"it (it needs plugin ABI 1.3); use the classic builder "
		"(DOCKER_BUILDKIT=0) or ask your administrator to update it",
		"built-in");
	return -1;
}

/* The objects a request names that the policy must see the kind of: the
 * network of a create, the network and container of connect/disconnect,
 * and the count for max_networks.  0, or -1 refused (v filled). */
static int networks(struct conn *c, struct parsed *p, struct dg_request *req,
		    int admin, struct verdict *v)
{
	enum dg_net_kind kind = 0;
	char id[OWNER_FULLID_MAX];
	int k = c->m->def->kind;

	if (p->create)
		return tenancy_create_network(c, p->create, admin, v);
	if (k == RK_NETWORK_CREATE)
		p->netcreate.view.user_networks = tenancy_count_networks(c);
	if (k != RK_NETWORK_CONNECT && k != RK_NETWORK_DISCONNECT)
		return 0;
	if (tenancy_network_target(c, admin, &kind, v) < 0)
		return -1;
	if (admin)
		snprintf(id, sizeof(id), "%s", p->connect.container);
	else if (tenancy_own_container(c, p->connect.container, id, sizeof(id),
				       v) < 0)
		return -1;
	/* not on shared networks either: tenancy_networks.c says why */
	if (p->connect.aliases && kind != DG_NET_USER)
		return tenancy_refuse(v, 403,
				      "--alias works only on a network you "
				      "created (on a shared one it would "
				      "answer for other users' names)");
	if (canon_network_connect_finish(&p->connect, id,
					 k == RK_NETWORK_CONNECT &&
							 (kind == DG_NET_USER ||
							  kind == DG_NET_SHARED)
						 ? v->object
						 : NULL,
					 &v->body, &v->body_len) != CANON_OK)
		return tenancy_upstream_failed(v, "out of memory");
	if (k == RK_NETWORK_CONNECT) {
		snprintf(p->cli, sizeof(p->cli), "docker network connect %s",
			 c->m->object);
		p->connect.view.net.kind = kind;
		p->connect.view.net.name = c->m->object;
		p->connect.view.net.cli = p->cli;
		req->kind = DG_REQ_NETWORK_CONNECT;
		req->network_connect = &p->connect.view;
	}
	return 0;
}

/* dockerd's answer to a create naming an image it does not have: the CLI
 * then pulls it (POST /images/create, decided as a pull) and retries. */
static void no_such_image(const struct dg_create *cr, struct verdict *v)
{
	v->allowed = 0;
	v->status = 404;
	v->raw_message = 1;
	snprintf(v->message, sizeof(v->message), "No such image: %s",
		 cr->image_ref ? cr->image_ref->ref : cr->image);
	snprintf(v->rule, sizeof(v->rule), "built-in: image not here");
}

/* Ownership of everything the request names, unless the policy gives
 * this user the administrator view. */
static int owned(struct conn *c, struct parsed *p, const struct dg_request *req,
		 int admin, struct verdict *v)
{
	if (admin)
		return 0;
	if (req->kind == DG_REQ_CREATE &&
	    (tenancy_create_refs(c, p->create, v) < 0 ||
	     tenancy_create_volumes(c, p->create, v) < 0))
		return -1;
	if (c->m->def->kind == RK_VOLUME_CREATE &&
	    tenancy_volume_create(c, v) < 0)
		return -1;
	return 0;
}

int decide(struct conn *c, const struct fwd_request *fr, const char *body,
	   size_t len, struct verdict *v)
{
	const struct route_match *m = c->m;
	struct dg_request req = {
		.size = sizeof(req),
		.kind = DG_REQ_GENERIC,
		.method = fr->method,
		.route = m->def->pattern,
		.object = m->object[0] ? m->object : NULL,
		.user = &c->id.user,
	};
	struct dg_decision dec;
	struct parsed p;
	int admin;

	memset(&p, 0, sizeof(p));
	/* The route itself, and whether this user has the administrator
	 * view; then ownership: another user's object does not exist,
	 * whatever the policy would say about the rest of the request. */
	if (buildkit_too_old(m->def, v) < 0 || ask(&req, &dec, v) < 0)
		goto out;
	admin = dec.force.admin_view;
	if (m->def->kind == RK_DF && !admin)
		v->df_filter = 1; /* forwarded, answered filtered */
	if (m->def->kind == RK_ABSENT) {
		v->status = 404;
		v->raw_message = 1;
		snprintf(v->message, sizeof(v->message),
			 "plugin \"%s\" not found", m->object);
		snprintf(v->rule, sizeof(v->rule), "built-in");
		goto out;
	}
	if ((!admin && (tenancy_check(c, v) < 0 || tenancy_images(c, v) < 0 ||
			tenancy_name_free(c, new_name(m), v) < 0)) ||
	    canonicalize(c, body, len, &req, &p, v) < 0)
		goto out;
	if (networks(c, &p, &req, admin, v) < 0 ||
	    count_usage(c, &p, &req, v) < 0)
		goto out;
	/* The image is resolved for every user: the images list binds
	 * administrators too. */
	if (p.create && tenancy_create_image(c, p.create, admin, v) < 0)
		goto out;
	if (req.kind != DG_REQ_GENERIC &&
	    (plugin_too_old(&req, v) < 0 || ask(&req, &dec, v) < 0))
		goto out;
	if (p.create && !req.create->image_id) {
		no_such_image(req.create, v);
		goto out;
	}
	if (owned(c, &p, &req, admin, v) < 0 || finish(c, &p, &dec, v) < 0 ||
	    tenancy_buildkit(c, fr, v) < 0)
		goto out;
	v->allowed = 1;
	snprintf(v->rule, sizeof(v->rule), "%s", dec.rule);
out:
	audit_decision(&c->id.user, fr->method, m->def->pattern,
		       m->object[0] ? m->object : NULL, v->allowed, v->rule,
		       v->allowed ? "" : v->message);
	canon_create_free(p.create);
	canon_exec_free(p.exec);
	canon_network_connect_free(&p.connect);
	canon_update_free(p.update);
	if (!v->allowed) {
		free(v->body);
		v->body = NULL;
	}
	return v->allowed ? 0 : -1;
}
