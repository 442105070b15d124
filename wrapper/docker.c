/*
 * `docker` for users of a docker-gate host (not setuid: convenience only,
 * the gate is the boundary).  It runs the real docker CLI as the user with
 * DOCKER_HOST pointing at the gate.  Passed through untouched: callers who
 * can use dockerd's socket themselves (root, its group), and callers who
 * chose a daemon themselves (DOCKER_HOST, DOCKER_CONTEXT, -H, --context).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "wrapper.h"

/* what(1)-style mark: `make install` overwrites and `make uninstall`
 * removes a `docker` only if it carries this, never another client. */
__attribute__((used)) static const char wrapper_mark[] =
	"@(#)docker-gate docker wrapper";

static int chose_own_daemon(int argc, char **argv)
{
	const char *h = getenv("DOCKER_HOST"), *ctx = getenv("DOCKER_CONTEXT");

	if ((h && *h) || (ctx && *ctx))
		return 1;
	/* Global options come before the command name. */
	for (int i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-H") || !strncmp(a, "-H=", 3) ||
		    !strncmp(a, "--host", 6) || !strcmp(a, "-c") ||
		    !strncmp(a, "--context", 9))
			return 1;
	}
	return 0;
}

static int can_use_upstream(const struct wrapper_conf *c)
{
	/* access() checks the real uid and groups: exactly the question. */
	return getuid() == 0 || access(c->upstream, R_OK | W_OK) == 0;
}

static int gate_reachable(const char *path, int *err)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int fd, rc;

	if (strlen(path) >= sizeof(sa.sun_path)) {
		*err = ENAMETOOLONG;
		return 0;
	}
	strcpy(sa.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		*err = errno;
		return 0;
	}
	rc = connect(fd, (struct sockaddr *)&sa, sizeof(sa));
	*err = errno;
	close(fd);
	return rc == 0;
}

static int is_self(const char *docker)
{
	char self[PATH_MAX], real[PATH_MAX];

	if (!realpath("/proc/self/exe", self) || !realpath(docker, real))
		return 0;
	return strcmp(self, real) == 0;
}

int main(int argc, char **argv)
{
	struct wrapper_conf c = {0};
	char host[PATH_MAX + 16];
	int err = 0;

	if (wrapper_conf_load(&c) < 0)
		return 1;
	if (is_self(c.docker)) {
		fprintf(stderr,
			"docker: the real docker CLI is configured as %s, "
			"which is this wrapper; set `docker = ` in %s\n",
			c.docker, c.path);
		return 1;
	}
	if (!chose_own_daemon(argc, argv) && !can_use_upstream(&c)) {
		if (!gate_reachable(c.socket, &err)) {
			fprintf(stderr,
				"docker: docker-gate is not running (cannot "
				"connect to %s: %s).\nAsk your administrator "
				"to start it (systemctl start "
				"docker-gate.socket).\n",
				c.socket, strerror(err));
			return 1;
		}
		snprintf(host, sizeof(host), "unix://%s", c.socket);
		setenv("DOCKER_HOST", host, 1);
	}
	argv[0] = c.docker;
	execv(c.docker, argv);
	fprintf(stderr, "docker: cannot run %s: %s\n", c.docker,
		strerror(errno));
	return 127;
}
