/*
 * Routing: canonical method + path + API version -> one route entry (pure).
 *
 * The target is decoded the way dockerd decodes it (percent-decoding once,
 * numeric version prefix) and everything dockerd would treat differently
 * from a plain reading is refused (reference/engine-api.md §4.1, §4.3).
 * The upstream target is rebuilt from what was parsed, never copied.
 */
#ifndef DG_ROUTE_H
#define DG_ROUTE_H

#include <stddef.h>

/* API versions the gate accepts: 1.MIN .. 1.MAX.  Below 1.24 dockerd
 * re-enables a HostConfig body on /start and the legacy /copy route. */
#define GATE_API_MIN 24
#define GATE_API_MAX 55

#define ROUTE_MAX_TARGET 8192
#define ROUTE_MAX_PATH	 4096
#define ROUTE_MAX_OBJECT 512
#define ROUTE_MAX_PARAMS 48
#define ROUTE_MAX_QUERY	 8192 /* decoded names and values, NULs included */

enum route_rc {
	ROUTE_OK = 0,
	ROUTE_EBAD = -1,     /* malformed target or query: 400 */
	ROUTE_EVERSION = -2, /* missing or out-of-range API version: 400 */
	ROUTE_EREFUSED = -3, /* unknown or refused route / parameter: 403 */
	ROUTE_ETOOBIG = -4   /* a named limit was exceeded: 414 */
};

/* How the gate handles a route's request body. */
enum route_body {
	RB_NONE = 0, /* no body allowed */
	RB_JSON,     /* buffered, parsed and re-serialized by a canonicalizer */
	RB_STREAM    /* streamed through re-framed (archive PUT, build) */
};

/* Whether dockerd may turn the connection into a raw stream. */
enum route_hijack {
	RH_NONE = 0,
	RH_ALWAYS,	  /* attach */
	RH_UNLESS_DETACH, /* exec start: unless the body says Detach */
	RH_H2C		  /* BuildKit session: Upgrade: h2c, then HTTP/2 */
};

/* What the gate must do with the body before asking the policy. */
enum route_kind {
	RK_GENERIC = 0,
	RK_CREATE,	    /* POST /containers/create */
	RK_EXEC_CREATE,	    /* POST /containers/{id}/exec */
	RK_EXEC_START,	    /* POST /exec/{id}/start */
	RK_VOLUME_CREATE,   /* POST /volumes/create */
	RK_BUILD,	    /* POST /build */
	RK_PING,	    /* /_ping: the gate caps Api-Version */
	RK_ABSENT,	    /* answered "not found" by the gate itself */
	RK_POLICY,	    /* `docker policy`: answered by the gate itself */
	RK_UPDATE,	    /* POST /containers/{id}/update */
	RK_NETWORK_CREATE,  /* POST /networks/create */
	RK_NETWORK_CONNECT, /* POST /networks/{id}/connect */
	RK_NETWORK_DISCONNECT, /* POST /networks/{id}/disconnect */
	RK_PULL,	       /* POST /images/create?fromImage= (pull) */
	RK_COMMIT,	       /* POST /commit */
	RK_DF,		       /* GET /system/df: filtered by the gate */
	RK_SESSION,	       /* POST /session: a BuildKit session tunnel */
	RK_BUILDKIT /* POST /build?version=2 (route_buildkit_build) */
};

enum route_object {
	RO_NONE = 0,
	RO_ID,	 /* container/volume/network/exec: no '/' */
	RO_IMAGE /* image reference: may contain '/', ':', '@' */
};

struct route_def {
	const char *method;
	const char *pattern; /* "/containers/{}/json": {} is the object */
	enum route_object object;
	enum route_kind kind;
	enum route_body body;
	enum route_hijack hijack;
	const char *const *params;	/* allowed query names, NULL-ended */
	const char *const *list_params; /* of those, which may repeat */
	const char *refused; /* non-NULL: known route, refused; says why */
};

struct route_param {
	const char *name; /* decoded, NUL-terminated, inside store */
	const char *value;
};

struct route_match {
	const struct route_def *def;
	unsigned int api_minor;	       /* 1.NN; 0 for the unversioned /_ping */
	char path[ROUTE_MAX_PATH];     /* decoded, without the version prefix */
	char object[ROUTE_MAX_OBJECT]; /* decoded {} of the pattern, or "" */
	struct route_param params[ROUTE_MAX_PARAMS];
	size_t nparams;
	char store[ROUTE_MAX_QUERY];
};

/*
 * Matches method + request target.  On failure err says why in words a
 * CLI user understands (without the "docker-gate: " prefix).
 */
int route_match(const char *method, const char *target, size_t target_len,
		struct route_match *m, char *err, size_t errlen);

/* First value of a query parameter, or NULL. */
const char *route_param(const struct route_match *m, const char *name);

/* dockerd's BoolValue: false for "", 0, no, false, none (case-insensitive,
 * trimmed); anything else is true.  Absent -> dflt. */
int route_param_bool(const struct route_match *m, const char *name, int dflt);

/*
 * Rebuilds the upstream target "/v1.NN/<path>?<query>" from the match,
 * re-encoding every component; `object` (if non-NULL) replaces the {}
 * (used to forward a resolved full ID).  Returns length or -1 if it does
 * not fit.
 */
int route_upstream_target(const struct route_match *m, const char *object,
			  char *buf, size_t len);

/* Sets (replaces or adds) a query parameter, e.g. the owner filter the
 * gate adds to lists.  0, or -1 when it does not fit. */
int route_set_param(struct route_match *m, const char *name, const char *value);
/* Appends one more value of a list parameter (commit's `changes`).  0, or
 * -1 when it does not fit. */
int route_add_param(struct route_match *m, const char *name, const char *value);

/* 1 if a matched POST /images/create is an import (no fromImage). */
int route_is_import(const struct route_match *m);

/* The route table, for tests and the docs generator. */
extern const struct route_def route_table[];
extern const size_t route_table_len;

/*
 * POST /build with version=2 (BuildKit) is matched as POST /build and
 * then decided as this route of its own, whose pattern the policy plugin
 * and the audit log see: DG_ROUTE_BUILDKIT_BUILD, "/build?version=2".
 * Not in the table, so no path can reach it directly.
 */
extern const struct route_def route_buildkit_build;

/* POST /build, either builder. */
int route_is_build(const struct route_def *d);

#endif
