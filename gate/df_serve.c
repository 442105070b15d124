/*
 * docker system df for a user without the administrator view: the gate
 * asks dockerd itself (one GET, the whole answer read under a deadline
 * and a size bound, UPSTREAM_MAX_BODY), keeps only the caller's
 * containers and volumes (df_filter.c) and answers with the result.  The
 * client's request is never forwarded as such; dockerd's errors are
 * passed on with their status and message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "deny.h"
#include "df_filter.h"
#include "upstream.h"

#include <jansson.h>

/* df walks every layer and volume: slower than a lookup. */
#define DF_TIMEOUT_MS (120 * 1000)

static int keep(const struct fwd_request *fr, int rc)
{
	return rc < 0 || fr->conn_close ? -1 : 0;
}

static int fail(struct conn *c, const struct fwd_request *fr, int status,
		const char *msg, unsigned flags)
{
	return keep(fr, conn_refuse(c, status, msg,
				    flags | (fr->conn_close ? DENY_CLOSE : 0)));
}

static int send_ok(struct conn *c, const struct fwd_request *fr,
		   const char *body, size_t len)
{
	char head[256];
	int n = snprintf(head, sizeof(head),
			 "HTTP/1.1 200 OK\r\n"
			 "Content-Type: application/json\r\n"
			 "Content-Length: %zu\r\n%s\r\n",
			 len, fr->conn_close ? "Connection: close\r\n" : "");

	if (n < 0 || (size_t)n >= sizeof(head) ||
	    io_write_all(c->cfd, head, (size_t)n, CONN_WRITE_TIMEOUT_MS) < 0 ||
	    io_write_all(c->cfd, body, len, CONN_WRITE_TIMEOUT_MS) < 0)
		return -1;
	return keep(fr, 0);
}

int df_serve(struct conn *c, const struct fwd_request *fr)
{
	char target[ROUTE_MAX_TARGET], err[256] = "";
	json_t *body = NULL;
	char *out = NULL;
	int status = 0, rc;

	if (route_upstream_target(c->m, NULL, target, sizeof(target)) < 0 ||
	    strlen(target) >= UPSTREAM_MAX_TARGET)
		return fail(c, fr, 414, "request too large to forward",
			    DENY_PREFIX);
	if (upstream_get_json(gate_cfg.upstream_path, target, DF_TIMEOUT_MS,
			      &status, &body, err, sizeof(err)) < 0) {
		gate_log(3, "system df: %s", err);
		return fail(c, fr, 502,
			    "the docker daemon did not answer docker system "
			    "df; try again shortly",
			    DENY_PREFIX);
	}
	if (status != 200) {
		rc = fail(c, fr, status, upstream_message(body), 0);
		json_decref(body);
		return rc;
	}
	rc = df_filter_json(body, c->id.user.name);
	if (rc == DF_OK) {
		out = json_dumps(body, JSON_COMPACT);
		rc = out ? DF_OK : DF_ENOMEM;
	}
	json_decref(body);
	if (rc != DF_OK) {
		/* fail closed: an answer we cannot filter is not sent */
		gate_log(3, "system df: unexpected answer from the daemon");
		return fail(c, fr, 502,
			    "the docker daemon sent an unexpected answer to "
			    "docker system df",
			    DENY_PREFIX);
	}
	rc = send_ok(c, fr, out, strlen(out));
	free(out);
	return rc;
}
