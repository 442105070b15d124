/*
 * libFuzzer harness for the router.  Input: "METHOD\ntarget", or just a
 * target, which is then tried with every method.  Besides memory errors
 * it checks what an accepted request guarantees: a clean decoded path, a
 * valid object, and an upstream target that routes back to the same
 * route, object, version and parameters (the gate forwards only what it
 * parsed, so the rebuilt target must mean the same thing).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "route.h"

/* Longest method taken from the input. */
#define FUZZ_MAX_METHOD 16

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const methods[] = {
	"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "get",
};

static struct route_match m1, m2;
static char up[ROUTE_MAX_TARGET * 4];

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond))                                                   \
			__builtin_trap();                                      \
	} while (0)

static void check_path(const struct route_match *m)
{
	const char *p;

	CHECK(m->path[0] == '/');
	CHECK(strstr(m->path, "//") == NULL);
	CHECK(strstr(m->path, "/./") == NULL);
	CHECK(strstr(m->path, "/../") == NULL);
	for (p = m->path; *p; p++)
		CHECK(*p > 0x20 && *p < 0x7f && *p != '%' && *p != '\\' &&
		      *p != ';');
	CHECK(p == m->path + 1 || p[-1] != '/');
}

static void check_object(const struct route_match *m)
{
	const char *var = strstr(m->def->pattern, "{}");

	if (!var) {
		CHECK(m->object[0] == '\0');
		return;
	}
	CHECK(m->object[0] != '\0' && m->object[0] != '/');
	if (m->def->object == RO_ID)
		CHECK(strchr(m->object, '/') == NULL);
}

/* The rebuilt target must route to the same thing. */
static void check_round_trip(const char *method, const struct route_match *m)
{
	char err[256];
	size_t i;
	int n, rc;

	n = route_upstream_target(m, NULL, up, sizeof(up));
	CHECK(n > 0 && (size_t)n == strlen(up));
	rc = route_match(method, up, (size_t)n, &m2, err, sizeof(err));
	CHECK(rc == ROUTE_OK);
	CHECK(m2.def == m->def);
	CHECK(m2.api_minor == m->api_minor);
	CHECK(strcmp(m2.object, m->object) == 0);
	CHECK(strcmp(m2.path, m->path) == 0);
	CHECK(m2.nparams == m->nparams);
	for (i = 0; i < m->nparams; i++) {
		CHECK(strcmp(m2.params[i].name, m->params[i].name) == 0);
		CHECK(strcmp(m2.params[i].value, m->params[i].value) == 0);
	}
	/* replacing the object with itself gives the same target */
	if (m->object[0]) {
		char again[sizeof(up)];

		CHECK(route_upstream_target(m, m->object, again,
					    sizeof(again)) == n);
		CHECK(strcmp(again, up) == 0);
	}
}

static void one(const char *method, const char *target, size_t len)
{
	char err[256];
	int rc;

	rc = route_match(method, target, len, &m1, err, sizeof(err));
	CHECK(rc == ROUTE_OK || rc == ROUTE_EBAD || rc == ROUTE_EVERSION ||
	      rc == ROUTE_EREFUSED || rc == ROUTE_ETOOBIG);
	CHECK(strlen(err) < sizeof(err));
	if (rc != ROUTE_OK) {
		CHECK(m1.def == NULL && err[0] != '\0');
		return;
	}
	CHECK(m1.def && !m1.def->refused);
	CHECK(strcmp(m1.def->method, method) == 0);
	CHECK(m1.api_minor == 0 ||
	      (m1.api_minor >= GATE_API_MIN && m1.api_minor <= GATE_API_MAX));
	CHECK(m1.nparams <= ROUTE_MAX_PARAMS);
	check_path(&m1);
	check_object(&m1);
	check_round_trip(method, &m1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	char method[FUZZ_MAX_METHOD + 1];
	size_t i, mlen;
	char *target;

	if (nl && (size_t)(nl - data) <= FUZZ_MAX_METHOD) {
		mlen = (size_t)(nl - data);
		memcpy(method, data, mlen);
		method[mlen] = '\0';
		size -= mlen + 1;
		data = nl + 1;
	} else {
		method[0] = '\0';
	}
	/* an exact-size copy, so that any read past the end is caught */
	target = malloc(size ? size : 1);
	if (!target)
		return 0;
	if (size)
		memcpy(target, data, size);
	if (method[0]) {
		one(method, target, size);
	} else {
		for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
			one(methods[i], target, size);
	}
	free(target);
	return 0;
}
