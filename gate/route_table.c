/*
 * The route table: every route dockerd registers (reference/engine-api.md
 * §1.2-§1.11), allowed with the query parameters real clients send (CLI
 * 20.10 and 28, python SDK; tests/fixtures/captured), or refused with the
 * reason.  Unknown routes are refused by the router anyway; the refused
 * rows are here so the user reads why.
 *
 * Patterns: "{}" is the one object variable; a final slash-star (refused rows
 * only) covers the prefix and everything below it; method "*" is any
 * method (refused rows only: dockerd serves /debug for every method).
 */
#include <stddef.h>

#include "docker-gate/plugin.h"
#include "query.h"
#include "route.h"

#define P(...) ((const char *const[]){__VA_ARGS__, NULL})

/* Allowed row, no body, no hijack. */
#define GET(path, obj, params)                                                 \
	{                                                                      \
		"GET", path, obj, RK_GENERIC, RB_NONE, RH_NONE, params, NULL,  \
			NULL                                                   \
	}
#define POST(path, obj, params)                                                \
	{                                                                      \
		"POST", path, obj, RK_GENERIC, RB_NONE, RH_NONE, params, NULL, \
			NULL                                                   \
	}
#define DELETE(path, obj, params)                                              \
	{                                                                      \
		"DELETE", path, obj, RK_GENERIC, RB_NONE, RH_NONE, params,     \
			NULL, NULL                                             \
	}
/* Refused row. */
#define NO(method, path, obj, why)                                             \
	{                                                                      \
		method, path, obj, RK_GENERIC, RB_NONE, RH_NONE, NULL, NULL,   \
			why                                                    \
	}

#define NOT_YET(what) what " is not supported by docker-gate yet"
#define ADMIN_ONLY(what_is)                                                    \
	what_is " not available through docker-gate "                          \
		"(administrators use the docker socket directly)"
#define WHY_PRUNE                                                              \
	"prune is not available through docker-gate (it acts on every "        \
	"user's objects)"
/* What buildx and compose builds dial: BuildKit's whole control API
 * (solve with any exporter and image name, every user's build history,
 * cache prune), with nothing the gate could check. */
#define WHY_GRPC                                                               \
	"BuildKit's control API (POST /grpc: docker buildx, compose builds) "  \
	"is not available through docker-gate, it would let one user's "       \
	"build reach every user's builds and images; build with "              \
	"DOCKER_BUILDKIT=1 on docker CLI 20.10 (policy key buildkit) or "      \
	"DOCKER_BUILDKIT=0 (policy key build)"
#define WHY_CHECKPOINT "checkpoints are not available through docker-gate"

/* POST /build: what the CLIs send; route_check_build refuses values. */
#define BUILD_PARAMS                                                           \
	P("t", "remote", "dockerfile", "q", "nocache", "rm", "forcerm",        \
	  "pull", "squash", "networkmode", "extrahosts", "cgroupparent",       \
	  "memory", "memswap", "cpushares", "cpuperiod", "cpuquota",           \
	  "cpusetcpus", "cpusetmems", "shmsize", "ulimits", "securityopt",     \
	  "isolation", "buildargs", "labels", "cachefrom", "target",           \
	  "platform", "outputs", "version", "session", "buildid")

const struct route_def route_table[] = {
	/* 1.2 System */
	{"HEAD", "/_ping", RO_NONE, RK_PING, RB_NONE, RH_NONE, NULL, NULL,
	 NULL},
	{"GET", "/_ping", RO_NONE, RK_PING, RB_NONE, RH_NONE, NULL, NULL, NULL},
	GET("/version", RO_NONE, NULL),
	GET("/info", RO_NONE, NULL),
	GET("/events", RO_NONE, P("since", "until", "filters")),
	/* Answered by the gate from dockerd's answer, with only the
	 * caller's containers and volumes (gate/df_serve.c). */
	{"GET", "/system/df", RO_NONE, RK_DF, RB_NONE, RH_NONE, P("type"),
	 P("type"), NULL},
	NO("POST", "/auth", RO_NONE, NOT_YET("docker login (POST /auth)")),
	NO("OPTIONS", "/*", RO_NONE,
	   "OPTIONS (CORS pre-flight) requests are not available through "
	   "docker-gate"),
	/* The gate's own: `docker policy` (gate/policy_view.c), never
	 * forwarded; dockerd has no path starting with "/_docker-gate". */
	{"GET", "/_docker-gate/policy", RO_NONE, RK_POLICY, RB_NONE, RH_NONE,
	 NULL, NULL, NULL},
	{"HEAD", "/_docker-gate/policy", RO_NONE, RK_POLICY, RB_NONE, RH_NONE,
	 NULL, NULL, NULL},

	/* 1.3 Containers: literal paths first, as dockerd registers them */
	GET("/containers/json", RO_NONE,
	    P("all", "limit", "size", "filters", "before", "since",
	      "trunc_cmd")),
	{"POST", "/containers/create", RO_NONE, RK_CREATE, RB_JSON, RH_NONE,
	 P("name", "platform"), NULL, NULL},
	/* The gate adds the owner label filter: only one's own go. */
	POST("/containers/prune", RO_NONE, P("filters")),
	/* One's own container, a name in one's own namespace, the owner
	 * label cleared on the image (gate/tenancy_commit.c). */
	{"POST", "/commit", RO_NONE, RK_COMMIT, RB_JSON, RH_NONE,
	 P("container", "repo", "tag", "comment", "author", "pause", "changes"),
	 P("changes"), NULL},
	GET("/containers/{}/json", RO_ID, P("size")),
	GET("/containers/{}/top", RO_ID, P("ps_args")),
	GET("/containers/{}/logs", RO_ID,
	    P("follow", "stdout", "stderr", "since", "until", "timestamps",
	      "tail", "details")),
	GET("/containers/{}/changes", RO_ID, NULL),
	GET("/containers/{}/export", RO_ID, NULL),
	GET("/containers/{}/stats", RO_ID, P("stream", "one-shot")),
	POST("/containers/{}/resize", RO_ID, P("h", "w")),
	POST("/containers/{}/start", RO_ID, P("detachKeys")),
	POST("/containers/{}/stop", RO_ID, P("t", "signal")),
	POST("/containers/{}/restart", RO_ID, P("t", "signal")),
	POST("/containers/{}/kill", RO_ID, P("signal")),
	{"POST", "/containers/{}/update", RO_ID, RK_UPDATE, RB_JSON, RH_NONE,
	 NULL, NULL, NULL},
	POST("/containers/{}/rename", RO_ID, P("name")),
	POST("/containers/{}/pause", RO_ID, NULL),
	POST("/containers/{}/unpause", RO_ID, NULL),
	{"POST", "/containers/{}/attach", RO_ID, RK_GENERIC, RB_NONE, RH_ALWAYS,
	 P("stream", "logs", "stdin", "stdout", "stderr", "detachKeys"), NULL,
	 NULL},
	NO("GET", "/containers/{}/attach/ws", RO_ID,
	   "attaching over WebSocket is not available through docker-gate; "
	   "use docker attach"),
	POST("/containers/{}/wait", RO_ID, P("condition")),
	DELETE("/containers/{}", RO_ID, P("force", "v", "link")),
	{"HEAD", "/containers/{}/archive", RO_ID, RK_GENERIC, RB_NONE, RH_NONE,
	 P("path"), NULL, NULL},
	GET("/containers/{}/archive", RO_ID, P("path")),
	{"PUT", "/containers/{}/archive", RO_ID, RK_GENERIC, RB_STREAM, RH_NONE,
	 P("path", "noOverwriteDirNonDir", "copyUIDGID"), NULL, NULL},
	NO("POST", "/containers/{}/copy", RO_ID,
	   "the legacy copy route is not available through docker-gate; "
	   "use docker cp"),
	NO("*", "/containers/{}/checkpoints/*", RO_ID, WHY_CHECKPOINT),

	/* 1.4 Exec */
	{"POST", "/containers/{}/exec", RO_ID, RK_EXEC_CREATE, RB_JSON, RH_NONE,
	 NULL, NULL, NULL},
	{"POST", "/exec/{}/start", RO_ID, RK_EXEC_START, RB_JSON,
	 RH_UNLESS_DETACH, NULL, NULL, NULL},
	POST("/exec/{}/resize", RO_ID, P("h", "w")),
	GET("/exec/{}/json", RO_ID, NULL),

	/* 1.5 Images and distribution */
	GET("/images/json", RO_NONE,
	    P("all", "filters", "digests", "shared-size", "manifests", "filter",
	      "only_ids")),
	GET("/images/search", RO_NONE, P("term", "limit", "filters")),
	{"GET", "/images/get", RO_NONE, RK_GENERIC, RB_NONE, RH_NONE,
	 P("names", "platform"), P("names", "platform"), NULL},
	/* A pull (fromImage: the policy's images list) or an import
	 * (fromSrc=-, the tar as the body): decide.c tells them apart. */
	{"POST", "/images/create", RO_NONE, RK_PULL, RB_STREAM, RH_NONE,
	 P("fromImage", "tag", "platform", "fromSrc", "repo", "message",
	   "changes"),
	 P("changes"), NULL},
	NO("POST", "/images/load", RO_NONE, NOT_YET("docker load")),
	NO("POST", "/images/prune", RO_NONE, WHY_PRUNE),
	{"GET", "/images/{}/get", RO_IMAGE, RK_GENERIC, RB_NONE, RH_NONE,
	 P("platform"), P("platform"), NULL},
	GET("/images/{}/history", RO_IMAGE, P("platform")),
	GET("/images/{}/json", RO_IMAGE, P("manifests", "platform")),
	/* Names only in the caller's namespace; policy key push. */
	POST("/images/{}/push", RO_IMAGE, P("tag", "platform")),
	/* Names only in the caller's namespace (tenancy_images.c). */
	POST("/images/{}/tag", RO_IMAGE, P("repo", "tag")),
	DELETE("/images/{}", RO_IMAGE, P("force", "noprune")),
	GET("/distribution/{}/json", RO_IMAGE, NULL),

	/* 1.6 Build and BuildKit */
	{"POST", "/build", RO_NONE, RK_BUILD, RB_STREAM, RH_NONE, BUILD_PARAMS,
	 P("t", "extrahosts", "securityopt"), NULL},
	NO("POST", "/build/prune", RO_NONE, WHY_PRUNE),
	NO("POST", "/build/cancel", RO_NONE, NOT_YET("cancelling a build")),
	/* A BuildKit session: the policy key buildkit decides; after the
	 * 101 it is an HTTP/2 tunnel (the daemon calls back into the client
	 * for the build context, credentials and secrets). */
	{"POST", "/session", RO_NONE, RK_SESSION, RB_NONE, RH_H2C, NULL, NULL,
	 NULL},
	NO("POST", "/grpc", RO_NONE, WHY_GRPC),

	/* 1.7 Volumes */
	GET("/volumes", RO_NONE, P("filters")),
	{"POST", "/volumes/create", RO_NONE, RK_VOLUME_CREATE, RB_JSON, RH_NONE,
	 NULL, NULL, NULL},
	POST("/volumes/prune", RO_NONE, P("filters")),
	GET("/volumes/{}", RO_ID, NULL),
	DELETE("/volumes/{}", RO_ID, P("force")),
	NO("PUT", "/volumes/{}", RO_ID,
	   ADMIN_ONLY("updating cluster volumes is")),

	/* 1.8 Networks (GET /networks/ is routed as GET /networks) */
	GET("/networks", RO_NONE, P("filters")),
	{"POST", "/networks/create", RO_NONE, RK_NETWORK_CREATE, RB_JSON,
	 RH_NONE, NULL, NULL, NULL},
	/* The gate adds the owner label filter: only one's own go. */
	POST("/networks/prune", RO_NONE, P("filters")),
	GET("/networks/{}", RO_ID, P("verbose", "scope")),
	{"POST", "/networks/{}/connect", RO_ID, RK_NETWORK_CONNECT, RB_JSON,
	 RH_NONE, NULL, NULL, NULL},
	{"POST", "/networks/{}/disconnect", RO_ID, RK_NETWORK_DISCONNECT,
	 RB_JSON, RH_NONE, NULL, NULL, NULL},
	DELETE("/networks/{}", RO_ID, NULL),

	/* 1.9-1.11 Plugins, swarm, debug: every method, every sub-path */
	/* `docker inspect NAME` asks for a plugin last: "not found" lets
	 * the CLI say "No such object" instead of our refusal. */
	{"GET", "/plugins/{}/json", RO_IMAGE, RK_ABSENT, RB_NONE, RH_NONE, NULL,
	 NULL, NULL},
	NO("*", "/plugins/*", RO_NONE, ADMIN_ONLY("plugins are")),
	NO("*", "/swarm/*", RO_NONE, ADMIN_ONLY("swarm is")),
	NO("*", "/services/*", RO_NONE, ADMIN_ONLY("swarm is")),
	NO("*", "/nodes/*", RO_NONE, ADMIN_ONLY("swarm is")),
	NO("*", "/tasks/*", RO_NONE, ADMIN_ONLY("swarm is")),
	NO("*", "/secrets/*", RO_NONE, ADMIN_ONLY("swarm is")),
	NO("*", "/configs/*", RO_NONE, ADMIN_ONLY("swarm is")),
	NO("*", "/debug/*", RO_NONE,
	   "the daemon's debug endpoints are not available through "
	   "docker-gate"),
};

const size_t route_table_len = sizeof(route_table) / sizeof(route_table[0]);

/* POST /build?version=2: the same parameters, checked for BuildKit
 * (route_check_buildkit) and decided by the keys build and buildkit. */
const struct route_def route_buildkit_build = {
	"POST",	      DG_ROUTE_BUILDKIT_BUILD,
	RO_NONE,      RK_BUILDKIT,
	RB_STREAM,    RH_NONE,
	BUILD_PARAMS, P("t", "extrahosts", "securityopt"),
	NULL};

int route_is_build(const struct route_def *d)
{
	return d && (d->kind == RK_BUILD || d->kind == RK_BUILDKIT);
}

const struct route_param_hint route_param_hints[] = {
	{"POST", "/containers/{}/start", "checkpoint", WHY_CHECKPOINT},
	{"POST", "/containers/{}/start", "checkpoint-dir", WHY_CHECKPOINT},
	{NULL, NULL, NULL, NULL},
};
