/*
 * The gate's listening socket: taken from the service manager (socket
 * activation) or created here, mode 0666, in a directory only root can
 * write to (anyone else could replace the socket).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "gated.h"

#define LISTEN_BACKLOG	    1024
#define SD_LISTEN_FDS_START 3

/* systemd's protocol: LISTEN_PID is us and LISTEN_FDS >= 1. */
static int activated_fd(void)
{
	const char *pid = getenv("LISTEN_PID");
	const char *fds = getenv("LISTEN_FDS");
	int type = 0;
	socklen_t len = sizeof(type);

	if (!pid || !fds || atol(pid) != (long)getpid() || atoi(fds) < 1)
		return -1;
	unsetenv("LISTEN_PID");
	unsetenv("LISTEN_FDS");
	unsetenv("LISTEN_FDNAMES");
	if (getsockopt(SD_LISTEN_FDS_START, SOL_SOCKET, SO_TYPE, &type, &len) <
		    0 ||
	    type != SOCK_STREAM)
		return -2;
	return SD_LISTEN_FDS_START;
}

static int check_socket_dir(const char *path)
{
	char dir[sizeof(((struct sockaddr_un *)0)->sun_path)];
	char *slash;
	struct stat st;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (!slash)
		return -1;
	if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	if (stat(dir, &st) < 0) {
		gate_log(3, "socket directory %s: %s", dir, strerror(errno));
		return -1;
	}
	/* fail closed: a user who can write here can swap the socket. */
	if (st.st_uid != 0 || (st.st_mode & (S_IWGRP | S_IWOTH))) {
		gate_log(3,
			 "socket directory %s must be owned by root and not "
			 "writable by group or others",
			 dir);
		return -1;
	}
	return 0;
}

/* Removes a stale socket, refuses to steal a live one. */
static int clear_stale(const struct sockaddr_un *sa)
{
	struct stat st;
	int probe;

	if (lstat(sa->sun_path, &st) < 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISSOCK(st.st_mode)) {
		gate_log(3, "%s exists and is not a socket", sa->sun_path);
		return -1;
	}
	probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (probe >= 0 &&
	    connect(probe, (const struct sockaddr *)sa, sizeof(*sa)) == 0) {
		close(probe);
		gate_log(3, "another gate is listening on %s", sa->sun_path);
		return -1;
	}
	if (probe >= 0)
		close(probe);
	return unlink(sa->sun_path);
}

int listen_open(const struct gate_config *cfg, int *activated)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	mode_t old;
	int fd = activated_fd();

	*activated = 0;
	if (fd == -2) {
		gate_log(3, "socket activation: fd 3 is not a stream socket");
		return -1;
	}
	if (fd >= 0) {
		*activated = 1;
		return fd;
	}
	if (strlen(cfg->listen_path) >= sizeof(sa.sun_path)) {
		gate_log(3, "socket path too long: %s", cfg->listen_path);
		return -1;
	}
	strcpy(sa.sun_path, cfg->listen_path);
	if (check_socket_dir(cfg->listen_path) < 0 || clear_stale(&sa) < 0)
		return -1;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	old = umask(0);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    chmod(sa.sun_path, 0666) < 0 || listen(fd, LISTEN_BACKLOG) < 0) {
		gate_log(3, "cannot listen on %s: %s", sa.sun_path,
			 strerror(errno));
		umask(old);
		close(fd);
		return -1;
	}
	umask(old);
	return fd;
}

void listen_close(const struct gate_config *cfg, int fd, int activated)
{
	close(fd);
	/* After the privilege drop this may fail (root-owned dir); the next
	 * start removes the stale socket. */
	if (!activated)
		unlink(cfg->listen_path);
}
