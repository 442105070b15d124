/*
 * Deciding a request (see policy_eval.h).  A create is judged in a fixed
 * order and refused at the first refusal: quota, image, --privileged,
 * -u, mounts, ports, networks, the other run options, resources, the
 * options of policy 1.3 (logging, ulimits, tmpfs, cgroup parent, OOM,
 * restart, more resources), per-user totals.  Messages follow
 * "docker-gate: " in the client's terminal: they name what was refused as the
 * user typed it, why, and what is allowed instead, and never contain the
 * phrases the docker CLI reinterprets
 * ("permission denied", "no such file or directory", "executable file not
 * found").
 */
#include "policy_eval.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "eval_internal.h"
#include "message.h"

static void eval_rule(struct dgp_eval *ev, enum dgp_key k)
{
	dgp_src_format(&ev->eff.keys[k].src, ev->dec->rule,
		       sizeof(ev->dec->rule));
}

int dgp_ev_deny(struct dgp_eval *ev, enum dgp_key k, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ev->dec->message, sizeof(ev->dec->message), fmt, ap);
	va_end(ap);
	dgp_message_defuse(ev->dec->message, sizeof(ev->dec->message));
	eval_rule(ev, k);
	memset(&ev->dec->force, 0, sizeof(ev->dec->force));
	return DG_DENY;
}

int dgp_ev_error(struct dgp_eval *ev, enum dgp_key k, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ev->dec->message, sizeof(ev->dec->message), fmt, ap);
	va_end(ap);
	dgp_message_defuse(ev->dec->message, sizeof(ev->dec->message));
	eval_rule(ev, k);
	memset(&ev->dec->force, 0, sizeof(ev->dec->force));
	return DG_ERROR;
}

static int eval_setup(struct dgp_eval *ev, const struct dgp_policy *p,
		      const struct dg_user *u, struct dg_decision *dec)
{
	memset(ev, 0, sizeof(*ev));
	ev->u = u;
	ev->dec = dec;
	if (u->name && *u->name)
		snprintf(ev->who, sizeof(ev->who), "%s", u->name);
	else
		snprintf(ev->who, sizeof(ev->who), "uid %u",
			 (unsigned int)u->uid);
	snprintf(ev->me, sizeof(ev->me), "%u:%u", (unsigned int)u->uid,
		 (unsigned int)u->gid);
	ev->vars.home = u->home;
	ev->vars.user = u->name;
	ev->vars.uid = u->uid;
	ev->decider = DGP_PRIVILEGED;
	if (dgp_effective_build(p, u, &ev->eff) < 0)
		return dgp_ev_error(ev, DGP_PRIVILEGED,
				    "more than %d group policy files apply to "
				    "%s",
				    DGP_EFF_GROUPS_MAX, ev->who);
	return DG_ALLOW;
}

static int eval_privileged(struct dgp_eval *ev, int privileged, int is_exec)
{
	if (!privileged || dgp_ev_num(ev, DGP_PRIVILEGED))
		return DG_ALLOW;
	if (is_exec)
		return dgp_ev_deny(ev, DGP_PRIVILEGED,
				   "docker exec --privileged is refused: "
				   "privileged processes are not allowed for "
				   "%s; run docker exec without --privileged",
				   ev->who);
	return dgp_ev_deny(ev, DGP_PRIVILEGED,
			   "--privileged is refused: privileged containers "
			   "are not allowed for %s; run without --privileged",
			   ev->who);
}

/* max_containers: the gate counts the caller's containers; a count it
 * could not make (-1, or an older gate) fails closed when a limit is set. */
static int eval_quota(struct dgp_eval *ev, const struct dg_create *c)
{
	long long max = dgp_ev_num(ev, DGP_MAX_CONTAINERS);
	long long have = c->size >= sizeof(*c) ? c->user_containers : -1;

	if (max <= 0)
		return DG_ALLOW;
	if (have < 0)
		return dgp_ev_deny(ev, DGP_MAX_CONTAINERS,
				   "docker run is refused: your containers "
				   "could not be counted and %s may have at "
				   "most %lld",
				   ev->who, max);
	if (have >= max)
		return dgp_ev_deny(ev, DGP_MAX_CONTAINERS,
				   "docker run is refused: %s has %lld "
				   "containers, the most allowed at once is "
				   "%lld; remove some first (docker ps -a, "
				   "docker rm)",
				   ev->who, have, max);
	return DG_ALLOW;
}

static int eval_create(struct dgp_eval *ev, const struct dg_request *req)
{
	const struct dg_create *c = req->create;
	struct dg_force *f = &ev->dec->force;
	int rc;

	if (!c || c->size < sizeof(*c) || (c->nmounts && !c->mounts) ||
	    (c->nports && !c->ports))
		return dgp_ev_error(ev, DGP_PRIVILEGED,
				    "malformed create request");
	rc = eval_quota(ev, c);
	if (rc == DG_ALLOW)
		rc = dgp_eval_image(ev, c);
	if (rc == DG_ALLOW)
		rc = eval_privileged(ev, c->privileged, 0);
	if (rc == DG_ALLOW)
		rc = dgp_eval_user(ev, &c->user, 0);
	if (rc == DG_ALLOW)
		rc = dgp_eval_mounts(ev, c);
	if (rc == DG_ALLOW)
		rc = dgp_eval_ports(ev, c);
	if (rc == DG_ALLOW)
		rc = dgp_eval_create_networks(ev, c);
	if (rc == DG_ALLOW)
		rc = dgp_eval_options(ev, c);
	if (rc == DG_ALLOW)
		rc = dgp_eval_resources(ev, &c->res);
	if (rc == DG_ALLOW)
		rc = dgp_eval_run(ev, c);
	if (rc == DG_ALLOW)
		rc = dgp_eval_totals_create(ev, req);
	if (rc != DG_ALLOW)
		return rc;
	f->readonly_binds = dgp_ev_num(ev, DGP_BIND_READONLY) != 0;
	f->no_new_privileges = dgp_ev_num(ev, DGP_NO_NEW_PRIVILEGES) != 0;
	f->cap_drop_all = dgp_ev_num(ev, DGP_CAP_DROP_ALL) != 0;
	f->pids_limit = dgp_ev_num(ev, DGP_PIDS_LIMIT);
	f->caller_groups =
		ev->as_caller && dgp_ev_num(ev, DGP_CALLER_GROUPS) != 0;
	f->image_by_name = dgp_images_any(ev);
	eval_rule(ev, ev->decider);
	return DG_ALLOW;
}

static int is_route(const char *route, const char *name)
{
	return route && strcmp(route, name) == 0;
}

/* BuildKit's routes (include/docker-gate/plugin.h). */
static int buildkit_route(const char *route)
{
	return is_route(route, DG_ROUTE_SESSION) ||
	       is_route(route, DG_ROUTE_GRPC) ||
	       is_route(route, DG_ROUTE_BUILDKIT_BUILD);
}

/* Inside a BuildKit session the gate sees nothing: the Dockerfile, the
 * frontend it names, cache mounts shared between users.  So BuildKit is
 * its own permission, for users trusted with it. */
static int eval_buildkit(struct dgp_eval *ev, const char *route)
{
	if (dgp_ev_num(ev, DGP_BUILDKIT)) {
		eval_rule(ev, DGP_BUILDKIT);
		return DG_ALLOW;
	}
	return dgp_ev_deny(
		ev, DGP_BUILDKIT,
		"%s is refused: docker-gate cannot see inside a BuildKit "
		"session, so BuildKit is not allowed for %s; use the classic "
		"builder with DOCKER_BUILDKIT=0 (policy key build), or ask "
		"for buildkit = true",
		is_route(route, DG_ROUTE_SESSION)
			? "a BuildKit session (POST /session, opened by "
			  "DOCKER_BUILDKIT=1 docker build)"
		: is_route(route, DG_ROUTE_GRPC)
			? "BuildKit's control API (POST /grpc, docker buildx)"
			: "docker build with BuildKit (DOCKER_BUILDKIT=1)",
		ev->who);
}

/* The classic builder runs RUN steps as root with docker's default
 * capabilities and no pids limit: none of the forced settings reach them,
 * so building is its own permission.  It also pulls and runs the FROM
 * images itself, which the gate never sees: a user with an images list
 * cannot build.  A BuildKit build needs both keys. */
static int eval_build(struct dgp_eval *ev, const char *route)
{
	char allowed[400];

	if (buildkit_route(route) && !dgp_ev_num(ev, DGP_BUILDKIT))
		return eval_buildkit(ev, route);
	if (!dgp_ev_num(ev, DGP_BUILD))
		return dgp_ev_deny(
			ev, DGP_BUILD,
			"docker build is refused: build steps run "
			"as root with docker's default capabilities, "
			"which is not allowed for %s; build where "
			"you have a docker of your own, or ask for "
			"build = true",
			ev->who);
	if (!dgp_images_any(ev))
		return dgp_ev_deny(
			ev, DGP_IMAGES,
			"docker build is refused: the builder pulls and runs "
			"the FROM images itself, and docker-gate cannot check "
			"them against your images list (allowed: %s); build "
			"where you have a docker of your own",
			dgp_images_allowed(ev, allowed, sizeof(allowed)));
	memset(&ev->dec->force, 0, sizeof(ev->dec->force));
	eval_rule(ev, DGP_BUILD);
	return DG_ALLOW;
}

static int eval_exec(struct dgp_eval *ev, const struct dg_exec *x)
{
	int rc;

	if (!x || x->size < sizeof(*x))
		return dgp_ev_error(ev, DGP_PRIVILEGED,
				    "malformed exec request");
	rc = eval_privileged(ev, x->privileged, 1);
	if (rc == DG_ALLOW)
		rc = dgp_eval_user(ev, &x->user, 1);
	if (rc != DG_ALLOW)
		return rc;
	memset(&ev->dec->force, 0, sizeof(ev->dec->force));
	eval_rule(ev, ev->decider);
	return DG_ALLOW;
}

static int eval_kind(struct dgp_eval *ev, const struct dg_request *req,
		     struct dg_decision *dec);

/* Whether the request is large enough to hold `member` (a gate built for
 * an older ABI sends a shorter struct). */
#define has(req, member)                                                       \
	((req)->size >=                                                        \
	 offsetof(struct dg_request, member) + sizeof((req)->member))

static int eval_image(struct dgp_eval *ev, int rc, enum dgp_key k)
{
	if (rc == DG_ALLOW)
		eval_rule(ev, k);
	return rc;
}

int dgp_eval(const struct dgp_policy *p, const struct dg_request *req,
	     struct dg_decision *dec)
{
	struct dgp_eval ev;
	int rc;

	if (!req->user || req->user->size < sizeof(*req->user)) {
		snprintf(dec->message, sizeof(dec->message),
			 "the request carries no usable caller identity");
		snprintf(dec->rule, sizeof(dec->rule), "built-in");
		return DG_ERROR;
	}
	if (eval_setup(&ev, p, req->user, dec) != DG_ALLOW)
		return DG_ERROR;
	rc = eval_kind(&ev, req, dec);
	if (rc == DG_ALLOW)
		dec->force.admin_view = dgp_ev_num(&ev, DGP_ADMIN_VIEW) != 0;
	return rc;
}

static int eval_kind(struct dgp_eval *ev, const struct dg_request *req,
		     struct dg_decision *dec)
{
	if (req->kind == DG_REQ_GENERIC) {
		if (buildkit_route(req->route))
			return eval_buildkit(ev, req->route);
		snprintf(dec->rule, sizeof(dec->rule), "%s", DGP_RULE_ROUTE);
		return DG_ALLOW;
	}
	if (req->kind == DG_REQ_CREATE)
		return eval_create(ev, req);
	if (req->kind == DG_REQ_EXEC)
		return eval_exec(ev, req->exec);
	if (req->kind == DG_REQ_BUILD)
		return eval_build(ev, req->route);
	if (req->kind == DG_REQ_NETWORK_CREATE && has(req, network_create)) {
		int rc = dgp_eval_network_create(ev, req->network_create);

		if (rc == DG_ALLOW)
			eval_rule(ev, DGP_NETWORKS);
		return rc;
	}
	if (req->kind == DG_REQ_NETWORK_CONNECT && has(req, network_connect)) {
		int rc = dgp_eval_network_connect(ev, req->network_connect);

		if (rc == DG_ALLOW)
			eval_rule(ev, DGP_NETWORKS);
		return rc;
	}
	if (req->kind == DG_REQ_PULL && has(req, pull))
		return dgp_eval_pull(ev, req->pull);
	if (req->kind == DG_REQ_UPDATE && has(req, update)) {
		int rc = dgp_eval_update(ev, req->update);

		if (rc == DG_ALLOW)
			rc = dgp_eval_totals_update(ev, req);
		if (rc == DG_ALLOW)
			eval_rule(ev, DGP_MAX_MEMORY);
		return rc;
	}
	if (req->kind == DG_REQ_IMPORT && has(req, image))
		return eval_image(ev, dgp_eval_import(ev), DGP_IMPORT);
	if (req->kind == DG_REQ_PUSH && has(req, image))
		return eval_image(ev, dgp_eval_push(ev), DGP_PUSH);
	/* fail closed: a request kind this plugin does not know */
	return dgp_ev_error(ev, DGP_PRIVILEGED,
			    "request kind %d is unknown to the policy plugin",
			    (int)req->kind);
}
