/*
 * `docker policy` on the gate's side: the caller's own effective policy,
 * answered by the gate itself (never forwarded).  Like `sudo -l`, this asks
 * the plugin's describe(), not check(): a user whom the policy refuses
 * everything can still read why.  The user is the connection's identity
 * (SO_PEERCRED + NSS) and nothing else; with the administrator view a user
 * still sees only their own policy here.
 */
#include <stdio.h>
#include <stdlib.h>

#include "conn.h"
#include "deny.h"
#include "policy_view.h"

static const char route_name[] = "/_docker-gate/policy";

/* The head and, unless HEAD, the body: 0 or -1 (write failed). */
static int send_ok(const struct conn *c, const struct fwd_request *fr,
		   const char *body, size_t len)
{
	char head[256];
	int n = snprintf(head, sizeof(head),
			 "HTTP/1.1 200 OK\r\n"
			 "Content-Type: application/json\r\n"
			 "Content-Length: %zu\r\n"
			 "Cache-Control: no-store\r\n%s\r\n",
			 len, fr->conn_close ? "Connection: close\r\n" : "");

	if (n < 0 || (size_t)n >= sizeof(head) ||
	    io_write_all(c->cfd, head, (size_t)n, CONN_WRITE_TIMEOUT_MS) < 0)
		return -1;
	if (c->head_request)
		return 0;
	return io_write_all(c->cfd, body, len, CONN_WRITE_TIMEOUT_MS);
}

/* fail closed: a plugin that cannot describe gets a 500, never an empty
 * 200 the client would show as "no policy". */
static int send_error(struct conn *c, const struct fwd_request *fr,
		      const char *msg)
{
	audit_decision(&c->id.user, fr->method, route_name, NULL, 0, "built-in",
		       msg);
	if (conn_refuse(c, 500, msg,
			DENY_PREFIX | (fr->conn_close ? DENY_CLOSE : 0)) < 0)
		return -1;
	return fr->conn_close ? -1 : 0;
}

int policy_view_serve(struct conn *c, const struct fwd_request *fr)
{
	char *text = malloc(POLICY_VIEW_TEXT_MAX), *body;
	size_t len;
	int rc;

	if (!text)
		return send_error(c, fr, "out of memory");
	text[0] = '\0';
	rc = plugin_get()->describe(&c->id.user, text, POLICY_VIEW_TEXT_MAX);
	/* a plugin that forgot the NUL does not make us read past it */
	text[POLICY_VIEW_TEXT_MAX - 1] = '\0';
	if (rc != 1) {
		free(text);
		return send_error(c, fr,
				  "the policy plugin could not describe your "
				  "policy (see the gate's log)");
	}
	body = policy_view_body(c->id.user.name, c->id.user.uid, text, &len);
	free(text);
	if (!body)
		return send_error(c, fr, "out of memory");
	audit_decision(&c->id.user, fr->method, route_name, NULL, 1, "built-in",
		       "");
	rc = send_ok(c, fr, body, len);
	free(body);
	if (rc < 0)
		return -1;
	return fr->conn_close ? -1 : 0;
}
