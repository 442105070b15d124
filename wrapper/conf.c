/*
 * The wrapper's configuration: `key = value` lines (docker, socket,
 * upstream), '#' comments.  The wrapper is not setuid, so taking the file
 * name from the environment gives the user nothing they did not have.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wrapper.h"

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
			 e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static int set_key(struct wrapper_conf *c, const char *key, const char *val)
{
	char *dst = !strcmp(key, "docker")     ? c->docker
		    : !strcmp(key, "socket")   ? c->socket
		    : !strcmp(key, "upstream") ? c->upstream
					       : NULL;

	if (!dst || val[0] != '/' || strlen(val) >= PATH_MAX)
		return -1;
	strcpy(dst, val);
	return 0;
}

int wrapper_conf_load(struct wrapper_conf *c)
{
	const char *path = getenv(WRAPPER_CONF_ENV);
	char line[PATH_MAX + 64];
	unsigned lineno = 0;
	FILE *f;

	snprintf(c->docker, sizeof(c->docker), "%s", REAL_DOCKER);
	snprintf(c->socket, sizeof(c->socket), "%s", GATE_SOCKET);
	snprintf(c->upstream, sizeof(c->upstream), "%s", UPSTREAM_SOCKET);
	if (!path || !*path)
		path = WRAPPER_CONF_DEFAULT;
	snprintf(c->path, sizeof(c->path), "%s", path);
	f = fopen(path, "re");
	if (!f)
		return errno == ENOENT ? 0 : -1;
	while (fgets(line, sizeof(line), f)) {
		char *s = trim(line), *eq;

		lineno++;
		if (!*s || *s == '#')
			continue;
		eq = strchr(s, '=');
		if (eq)
			*eq = '\0';
		if (!eq || set_key(c, trim(s), trim(eq + 1)) < 0) {
			fprintf(stderr,
				"docker: %s:%u: expected docker|socket|upstream"
				" = /absolute/path\n",
				path, lineno);
			fclose(f);
			return -1;
		}
	}
	fclose(f);
	return 0;
}
