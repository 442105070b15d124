/*
 * --create FILE / --exec FILE: a request body judged in the steps of the
 * gate's decide.c, through the same code: the route (which also says
 * whether the user has the administrator view), the canonicalizer
 * (REFUSED BY GATE), the policy (DENY), the forced settings applied to
 * the body (REFUSED BY GATE), then ALLOW.
 *
 * What needs dockerd is not simulated: ownership of the image, of named
 * volumes and of referenced containers, and the user's container count
 * (--containers gives it; default 0).  The image is judged by the name
 * Config.Image gives, as the gate judges an image dockerd does not have
 * (the gate judges a present image by all its names, its ID and digests).
 * The per-user totals (max_total_memory, ...) see the request alone, as
 * if the user's other containers held no resources.
 */
#include "check.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "canon.h"
#include "imageref.h"
#include "policy_eval.h"
#include "route.h"

/* The container an exec is for, when --name does not say. */
#define REQ_EXEC_CONTAINER "CONTAINER"

struct req_state {
	struct dg_request req;
	struct dg_usage usage;
	struct canon_create *create;
	struct canon_exec *exec;
	char err[CANON_ERR_MAX];
};

/* Up to one byte more than the gate buffers, so that the canonicalizer
 * refuses a larger body with the gate's own message. */
char *check_request_read(const char *file, size_t *len)
{
	int is_stdin = strcmp(file, "-") == 0;
	int fd = is_stdin ? STDIN_FILENO : open(file, O_RDONLY | O_CLOEXEC);
	char *buf = fd >= 0 ? malloc(CANON_MAX_BODY + 1) : NULL;
	ssize_t n = 1;

	*len = 0;
	while (buf && n > 0 && *len < CANON_MAX_BODY + 1) {
		n = read(fd, buf + *len, CANON_MAX_BODY + 1 - *len);
		if (n < 0 && errno == EINTR)
			n = 1;
		else if (n > 0)
			*len += (size_t)n;
	}
	if (buf && n < 0) {
		free(buf);
		buf = NULL;
	}
	if (!buf)
		fprintf(stderr, "%s: %s\n", file, strerror(errno));
	if (fd >= 0 && !is_stdin)
		close(fd);
	return buf;
}

/* The policy's answer, as decide.c's ask() gets it. */
static int req_ask(const struct dgp_policy *p, const struct dg_request *req,
		   struct dg_decision *dec)
{
	int rc;

	memset(dec, 0, sizeof(*dec));
	dec->size = sizeof(*dec);
	rc = dgp_eval(p, req, dec);
	dec->message[sizeof(dec->message) - 1] = '\0';
	dec->rule[sizeof(dec->rule) - 1] = '\0';
	dec->force.user[sizeof(dec->force.user) - 1] = '\0';
	if (rc == DG_ALLOW)
		return 0;
	printf("DENY: %s (rule %s)\n",
	       dec->message[0] ? dec->message
	       : rc == DG_DENY ? "refused by policy"
			       : "the policy could not be evaluated; refused",
	       dec->rule[0] ? dec->rule : "built-in");
	return -1;
}

static int req_canon(struct req_state *s, const char *body, size_t len,
		     const struct check_opts *o)
{
	int rc;

	if (o->create) {
		s->req.route = "/containers/create";
		rc = canon_create_parse(body, len, GATE_API_MAX, o->name,
					&s->create, s->err, sizeof(s->err));
		if (rc != CANON_OK)
			return -1;
		canon_create_set_usage(s->create, o->containers);
		/* the per-user totals see the request alone: the other
		 * containers are counted, holding nothing */
		s->usage.size = sizeof(s->usage);
		s->usage.containers = o->containers;
		s->req.usage = &s->usage;
		s->req.kind = DG_REQ_CREATE;
		s->req.create = canon_create_view(s->create);
		return 0;
	}
	s->req.route = "/containers/{id}/exec";
	s->req.object = o->name ? o->name : REQ_EXEC_CONTAINER;
	rc = canon_exec_parse(body, len, GATE_API_MAX, s->req.object, &s->exec,
			      s->err, sizeof(s->err));
	if (rc != CANON_OK)
		return -1;
	s->req.kind = DG_REQ_EXEC;
	s->req.exec = canon_exec_view(s->exec);
	return 0;
}

static int req_apply(struct req_state *s, const struct dg_decision *dec,
		     const struct dg_user *u)
{
	if (s->create)
		return canon_create_apply(s->create, &dec->force, u, s->err,
					  sizeof(s->err)) == CANON_OK
			       ? 0
			       : -1;
	return canon_exec_apply(s->exec, &dec->force, s->err, sizeof(s->err)) ==
			       CANON_OK
		       ? 0
		       : -1;
}

static int req_judge(const struct dgp_policy *p, const struct dg_user *u,
		     struct req_state *s, const char *body, size_t len,
		     const struct check_opts *o)
{
	struct dg_decision dec;

	s->req.size = sizeof(s->req);
	s->req.kind = DG_REQ_GENERIC;
	s->req.method = "POST";
	s->req.user = u;
	if (req_ask(p, &s->req, &dec) < 0)
		return CHECK_EXIT_DENIED;
	if (req_canon(s, body, len, o) < 0) {
		printf("REFUSED BY GATE: %s\n",
		       s->err[0] ? s->err : "request refused");
		return CHECK_EXIT_DENIED;
	}
	if (req_ask(p, &s->req, &dec) < 0)
		return CHECK_EXIT_DENIED;
	if (req_apply(s, &dec, u) < 0) {
		printf("REFUSED BY GATE: %s\n",
		       s->err[0] ? s->err
				 : "cannot apply the policy's settings");
		return CHECK_EXIT_DENIED;
	}
	printf("ALLOW (rule %s)\n", dec.rule);
	check_force_print(&dec.force, u, s->create != NULL);
	return CHECK_EXIT_OK;
}

int check_request(const struct dgp_policy *p, const struct dg_user *u,
		  const struct check_opts *o, const char *body, size_t len)
{
	struct req_state s;
	int rc;

	memset(&s, 0, sizeof(s));
	rc = req_judge(p, u, &s, body, len, o);
	canon_create_free(s.create);
	canon_exec_free(s.exec);
	return rc;
}

/* docker pull IMAGE: the CLI sends the reference with its tag ("latest"
 * when none is given), which the gate reads as here. */
int check_pull(const struct dgp_policy *p, const struct dg_user *u,
	       const char *image)
{
	struct dg_request req;
	struct dg_decision dec;
	struct dg_image_ref ref;
	struct dg_pull pull;
	struct imageref r;

	memset(&req, 0, sizeof(req));
	req.size = sizeof(req);
	req.kind = DG_REQ_GENERIC;
	req.method = "POST";
	req.route = "/images/create";
	req.user = u;
	if (req_ask(p, &req, &dec) < 0)
		return CHECK_EXIT_DENIED;
	if (imageref_parse(image, &r) != IMAGEREF_OK || r.is_id) {
		printf("REFUSED BY GATE: %s\n",
		       r.is_id ? "an image ID cannot be pulled" : r.why);
		return CHECK_EXIT_DENIED;
	}
	ref.name = r.name;
	ref.tag = r.tag;
	ref.digest = r.digest;
	ref.ref = r.canonical;
	pull.size = sizeof(pull);
	pull.image = &ref;
	req.kind = DG_REQ_PULL;
	req.pull = &pull;
	if (req_ask(p, &req, &dec) < 0)
		return CHECK_EXIT_DENIED;
	printf("ALLOW (rule %s): docker pull %s\n", dec.rule, r.canonical);
	return CHECK_EXIT_OK;
}
