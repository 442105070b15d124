/*
 * Value checks for query parameters that are harmless only with their
 * default values (pure).  POST /build: the legacy builder runs RUN steps
 * in containers whose HostConfig comes from these parameters (reference
 * §2.7), and BuildKit reads most of them too; POST /images/create without
 * fromImage is an import (§2.8).
 */
#include <string.h>

#include "buildkit.h"
#include "query.h"

/* Longest value echoed back in a message. */
#define CHECK_ECHO_MAX 40

/* What counts as "not set" for a parameter. */
enum dflt {
	D_ABSENT,   /* any value refused */
	D_EMPTY,    /* "" only */
	D_ZERO,	    /* "" or "0" */
	D_NULLISH,  /* "", "null" or "[]" (JSON the CLI sends when unset) */
	D_FALSE,    /* dockerd BoolValue false */
	D_V1,	    /* "" or "1": the classic builder */
	D_NETWORK,  /* "", "default", "bridge", "none" */
	D_ISOLATION /* "" or "default" */
};

struct build_rule {
	const char *name;
	enum dflt dflt;
	const char *why;
};

#define BUILD_NOT_YET(flag)                                                    \
	flag " on docker build is not supported by "                           \
	     "docker-gate yet"
#define BUILD_NEVER(flag)                                                      \
	flag " on docker build is not available "                              \
	     "through docker-gate"
#define BUILD_VERSION                                                          \
	"POST /build takes version=1 (the classic builder) or version=2 "      \
	"(BuildKit)"
#define BUILD_BK_ONLY                                                          \
	"session and buildid on POST /build belong to BuildKit builds "        \
	"(version=2)"

static const struct build_rule build_rules[] = {
	{"remote", D_EMPTY,
	 "building from a remote context (URL or git repository) is not "
	 "available through docker-gate; send the context from the "
	 "client"},
	{"cgroupparent", D_EMPTY, BUILD_NEVER("--cgroup-parent")},
	{"networkmode", D_NETWORK, NULL /* names the value: see below */},
	/* the classic builder's; BuildKit has its own (buildkit_check.c) */
	{"version", D_V1, BUILD_VERSION},
	{"session", D_EMPTY, BUILD_BK_ONLY},
	{"buildid", D_EMPTY, BUILD_BK_ONLY},
	{"outputs", D_NULLISH, BUILD_NOT_YET("--output")},
	{"isolation", D_ISOLATION, BUILD_NEVER("--isolation")},
	{"securityopt", D_ABSENT, BUILD_NEVER("--security-opt")},
	{"squash", D_FALSE, BUILD_NOT_YET("--squash")},
	{"memory", D_ZERO, BUILD_NOT_YET("--memory")},
	{"memswap", D_ZERO, BUILD_NOT_YET("--memory-swap")},
	{"cpushares", D_ZERO, BUILD_NOT_YET("--cpu-shares")},
	{"cpuperiod", D_ZERO, BUILD_NOT_YET("--cpu-period")},
	{"cpuquota", D_ZERO, BUILD_NOT_YET("--cpu-quota")},
	{"cpusetcpus", D_EMPTY, BUILD_NOT_YET("--cpuset-cpus")},
	{"cpusetmems", D_EMPTY, BUILD_NOT_YET("--cpuset-mems")},
	{"shmsize", D_ZERO, BUILD_NOT_YET("--shm-size")},
	{"ulimits", D_NULLISH, BUILD_NOT_YET("--ulimit")},
	{NULL, D_EMPTY, NULL},
};

static int one_of(const char *v, const char *const *set)
{
	for (; *set; set++)
		if (strcmp(v, *set) == 0)
			return 1;
	return 0;
}

static int is_default(enum dflt d, const char *v)
{
	switch (d) {
	case D_ABSENT:
		return 0;
	case D_EMPTY:
		return v[0] == '\0';
	case D_ZERO:
		return one_of(v, (const char *const[]){"", "0", NULL});
	case D_NULLISH:
		return one_of(v, (const char *const[]){"", "null", "[]", NULL});
	case D_FALSE:
		return !query_bool_value(v);
	case D_V1:
		return one_of(v, (const char *const[]){"", "1", NULL});
	case D_NETWORK:
		return one_of(v, (const char *const[]){"", "default", "bridge",
						       "none", NULL});
	case D_ISOLATION:
		return one_of(v, (const char *const[]){"", "default", NULL});
	}
	return 0; /* fail closed: unknown kind of default */
}

/* The parameters BuildKit reads differently: checked by
 * bk_check_build_params instead. */
static int buildkit_own(const char *name)
{
	return one_of(name, (const char *const[]){"remote", "version",
						  "session", "buildid", NULL});
}

static int check_rules(const struct route_match *m, int buildkit, char *err,
		       size_t errlen)
{
	const struct build_rule *r;
	char echo[CHECK_ECHO_MAX + 4];
	const char *v;
	size_t i;

	/* every value counts: list parameters (securityopt) may repeat */
	for (i = 0; i < m->nparams; i++) {
		for (r = build_rules; r->name; r++) {
			if (strcmp(r->name, m->params[i].name) != 0 ||
			    (buildkit && buildkit_own(r->name)))
				continue;
			v = m->params[i].value;
			if (is_default(r->dflt, v))
				break;
			if (r->dflt == D_NETWORK)
				route_err(err, errlen,
					  "--network=%s on docker "
					  "build is not available through "
					  "docker-gate (default, bridge and "
					  "none are)",
					  route_echo(v, strlen(v), echo,
						     sizeof(echo)));
			else
				route_err(err, errlen, "%s", r->why);
			return ROUTE_EREFUSED;
		}
	}
	return ROUTE_OK;
}

int route_check_build(const struct route_match *m, char *err, size_t errlen)
{
	return check_rules(m, 0, err, errlen);
}

/* The same rules (BuildKit reads networkmode, outputs, the resource
 * parameters as the classic builder does or ignores them), then its own. */
int route_check_buildkit(const struct route_match *m, char *err, size_t errlen)
{
	int rc = check_rules(m, 1, err, errlen);

	return rc ? rc : bk_check_build_params(m, err, errlen);
}

int route_is_import(const struct route_match *m)
{
	const char *img = route_param(m, "fromImage");

	/* dockerd: a pull when fromImage is not empty, else an import */
	return !img || img[0] == '\0';
}

/* Parameters of one kind of POST /images/create that the other kind
 * must not carry (dockerd ignores them there; the gate refuses). */
static const char *const import_only[] = {"fromSrc", "repo", "message",
					  "changes", NULL};

int route_check_image_create(const struct route_match *m, char *err,
			     size_t errlen)
{
	const char *src = route_param(m, "fromSrc");

	if (!route_is_import(m)) {
		for (const char *const *p = import_only; *p; p++)
			if (route_param(m, *p)) {
				route_err(err, errlen,
					  "docker pull (fromImage) takes no "
					  "%s parameter",
					  *p);
				return ROUTE_EREFUSED;
			}
		return ROUTE_OK;
	}
	if (!src) {
		route_err(err, errlen,
			  "POST /images/create needs fromImage (docker pull) "
			  "or fromSrc=- (docker import)");
		return ROUTE_EREFUSED;
	}
	/* fail closed: any other fromSrc is a URL dockerd would fetch
	 * itself, from the host's network (SSRF) */
	if (strcmp(src, "-") != 0) {
		route_err(err, errlen,
			  "docker import from a URL is refused: the docker "
			  "daemon would download it from the host's network; "
			  "download it yourself and use docker import FILE");
		return ROUTE_EREFUSED;
	}
	return ROUTE_OK;
}
