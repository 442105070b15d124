/*
 * loadgen's minimal HTTP/1.1 client over Unix sockets (lg_http.c).
 */
#ifndef LG_LOADGEN_H
#define LG_LOADGEN_H

#include <stddef.h>
#include <stdint.h>

#define LG_IN_MAX	  (64 * 1024)  /* buffered answer bytes */
#define LG_BODY_MAX	  (16 * 1024)  /* answer body bytes kept */
#define LG_ID_MAX	  65	       /* 64 hex digits + NUL */
#define LG_REQ_TIMEOUT_MS (120 * 1000) /* one request, answer included */

enum { OP_CREATE, OP_START, OP_LOGS, OP_EXEC, OP_EXEC_START, OP_RM, OP_COUNT };

struct hconn {
	int fd; /* -1: not connected */
	size_t start, end;
	char in[LG_IN_MAX];
};

struct resp {
	int status;
	size_t body_len;
	char body[LG_BODY_MAX + 1]; /* NUL-terminated, truncated */
};

/* The socket every hc_request (re)connects to. */
extern const char *lg_socket;

long long lg_now_ms(void);
/* One request on c (connecting if needed; a kept-alive connection that
 * turns out closed is retried once).  extra: header lines, CRLF each;
 * with extra the answer may be 101 and the rest stays in c for
 * hc_drain.  0 with r filled, or -1 (c closed). */
int hc_request(struct hconn *c, const char *method, const char *target,
	       const char *json, const char *extra, struct resp *r);
/* Reads and discards until EOF: 0, or -1 on error, timeout or more than
 * max bytes. */
int hc_drain(struct hconn *c, size_t max);
/* Connects, sends GET target, reads the answer head only. */
int hc_open_stream(struct hconn *c, const char *sock, const char *target,
		   struct resp *r);
void hc_close(struct hconn *c);

/* The "Id" of a JSON answer, 64 hex digits: 0, or -1. */
int lg_json_id(const char *body, char id[LG_ID_MAX]);
/* DELETE /containers/{id}?force=1. */
int lg_delete(struct hconn *c, const char *id, struct resp *r);

#endif
