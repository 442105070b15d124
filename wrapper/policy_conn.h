/*
 * `docker policy`, client side: one HTTP/1.1 request over a Unix socket,
 * Connection: close, the answer read to the end or to a named limit.
 */
#ifndef DG_POLICY_CONN_H
#define DG_POLICY_CONN_H

#include <stddef.h>

#include "policy_reply.h"

/* The whole exchange, connect to last byte. */
#define POLICY_CONN_TIMEOUT_MS (30 * 1000)

/* Failures before there is an answer to parse (beside policy_reply_rc). */
enum policy_conn_rc {
	PCONN_ECONNECT = -10, /* socket() or connect() failed */
	PCONN_EIO = -11,      /* writing or reading failed */
	PCONN_ETIMEDOUT = -12 /* no complete answer in time */
};

/*
 * Asks the daemon at the socket `path` for the caller's policy; r as
 * policy_reply_parse fills it (free it whatever the result).  Returns a
 * policy_reply_rc or a policy_conn_rc (then err says what failed).
 */
int policy_fetch(const char *path, struct policy_reply *r, char *err,
		 size_t errlen);

#endif
