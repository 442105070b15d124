/*
 * `docker policy`, client side, pure part: which socket to use, and what
 * the daemon answered.  The daemon may be anything (DOCKER_HOST is the
 * user's choice, and a real dockerd answers 404), so the answer is parsed
 * strictly and bounded; fuzzed (tests/fuzz/fuzz_policy_reply.c).
 */
#ifndef DG_POLICY_REPLY_H
#define DG_POLICY_REPLY_H

#include <stddef.h>

/* The gate's own route (gate/route_table.c); dockerd has no such path. */
#define POLICY_REPLY_PATH "/_docker-gate/policy"

/* Named limits: the whole answer, head included (the gate's text is at
 * most 64 KiB, which JSON escaping can make a few times longer); the
 * daemon's message or failure reason kept for the user. */
#define POLICY_REPLY_MAX     (512 * 1024)
#define POLICY_REPLY_WHY_MAX 256

/* dockerd's socket when DOCKER_HOST is "unix://" with no path, as the
 * docker CLI reads it. */
#define POLICY_DEFAULT_UNIX_SOCKET "/var/run/docker.sock"

enum policy_reply_rc {
	PREPLY_OK = 0,	       /* 200 and a docker-gate policy */
	PREPLY_INCOMPLETE = 1, /* read more (never when eof) */
	PREPLY_REFUSED = -1,   /* an error answer with a message */
	PREPLY_NOT_GATE = -2,  /* 404: no docker-gate in front of dockerd */
	PREPLY_EBAD = -3,      /* not an answer docker-gate gives (why) */
	PREPLY_ETOOBIG = -4,   /* longer than POLICY_REPLY_MAX */
	PREPLY_ENOMEM = -5
};

struct json_t;

/* What the answer said.  Strings point into `json` (policy_reply_free). */
struct policy_reply {
	int status;		/* HTTP status, 0 when none was parsed */
	const char *user;	/* PREPLY_OK */
	unsigned long long uid; /* PREPLY_OK */
	const char *policy;	/* PREPLY_OK: the plain-words text */
	const char *message;	/* REFUSED, NOT_GATE: the daemon's, or NULL */
	char why[POLICY_REPLY_WHY_MAX]; /* EBAD, ETOOBIG: what was wrong */
	struct json_t *json;		/* the parsed body, or NULL */
};

/*
 * Parses the answer to one `GET /_docker-gate/policy` sent with
 * Connection: close: buf[0..len) is everything read so far, eof says the
 * daemon closed.  Returns a policy_reply_rc; r is filled on every final
 * result and must be freed with policy_reply_free whatever came back.
 */
int policy_reply_parse(const char *buf, size_t len, int eof,
		       struct policy_reply *r);
void policy_reply_free(struct policy_reply *r);

/* PREPLY_OK: the answer as compact JSON, printable ASCII only (control
 * characters escaped), malloc'd (for --json). */
char *policy_reply_json(const struct policy_reply *r);

/*
 * The Unix socket a docker host string names (DOCKER_HOST, -H), as the
 * docker CLI reads it: surrounding blanks ignored, "unix://" with no path
 * is dockerd's default socket.  Every other scheme, and a bare address
 * (tcp to the CLI), is refused with a reason.  0 or -1.
 */
int policy_host_socket(const char *host, char *path, size_t len, char *err,
		       size_t errlen);

/* Makes daemon-supplied text safe for a terminal, in place: control
 * characters but newline and tab, DEL and UTF-8-encoded C1 controls
 * become '?'. */
void policy_text_clean(char *s);

#endif
