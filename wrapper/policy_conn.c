/*
 * `docker policy`, client side: the exchange with the daemon (see
 * policy_conn.h).  Kept to what the gate needs: one request, no body, the
 * answer read until it is complete, the daemon closes, or a limit is hit.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "policy_conn.h"

#ifndef DG_VERSION
#define DG_VERSION "0.1.0"
#endif

/* The Host header is required by the gate; its value is not used. */
static const char request[] = "GET " POLICY_REPLY_PATH " HTTP/1.1\r\n"
			      "Host: docker\r\n"
			      "User-Agent: docker-policy/" DG_VERSION "\r\n"
			      "Accept: application/json\r\n"
			      "Connection: close\r\n"
			      "\r\n";

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits for `events` on fd until the deadline: 1 ready, 0 timed out,
 * -1 error. */
static int wait_fd(int fd, short events, long long deadline)
{
	for (;;) {
		long long left = deadline - now_ms();
		struct pollfd p = {.fd = fd, .events = events};
		int n;

		if (left <= 0)
			return 0;
		n = poll(&p, 1, (int)left);
		if (n >= 0)
			return n;
		if (errno != EINTR)
			return -1;
	}
}

static int connect_unix(const char *path, char *err, size_t errlen)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int fd;

	if (strlen(path) >= sizeof(sa.sun_path)) {
		snprintf(err, errlen, "the socket path is too long");
		return -1;
	}
	memcpy(sa.sun_path, path, strlen(path) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static int send_request(int fd, long long deadline, char *err, size_t errlen)
{
	size_t off = 0, len = sizeof(request) - 1;

	while (off < len) {
		int w = wait_fd(fd, POLLOUT, deadline);
		ssize_t n;

		if (w <= 0) {
			snprintf(err, errlen, "%s",
				 w ? strerror(errno) : "timed out");
			return w ? PCONN_EIO : PCONN_ETIMEDOUT;
		}
		n = send(fd, request + off, len - off,
			 MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n < 0) {
			snprintf(err, errlen, "%s", strerror(errno));
			return PCONN_EIO;
		}
		off += (size_t)n;
	}
	return 0;
}

/* Reads into buf (POLICY_REPLY_MAX + 1 bytes) until the answer parses. */
static int read_reply(int fd, char *buf, long long deadline,
		      struct policy_reply *r, char *err, size_t errlen)
{
	size_t len = 0;
	int rc = PREPLY_INCOMPLETE;

	while (rc == PREPLY_INCOMPLETE) {
		int w = wait_fd(fd, POLLIN, deadline);
		ssize_t n;

		if (w <= 0) {
			snprintf(err, errlen, "%s",
				 w ? strerror(errno)
				   : "no complete answer in "
				     "time");
			return w ? PCONN_EIO : PCONN_ETIMEDOUT;
		}
		/* one byte past the limit, so that an answer too long is
		 * seen as such */
		n = recv(fd, buf + len, POLICY_REPLY_MAX + 1 - len,
			 MSG_DONTWAIT);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n < 0) {
			snprintf(err, errlen, "%s", strerror(errno));
			return PCONN_EIO;
		}
		len += (size_t)n;
		policy_reply_free(r);
		/* past POLICY_REPLY_MAX this is PREPLY_ETOOBIG */
		rc = policy_reply_parse(buf, len, n == 0, r);
	}
	return rc;
}

int policy_fetch(const char *path, struct policy_reply *r, char *err,
		 size_t errlen)
{
	long long deadline = now_ms() + POLICY_CONN_TIMEOUT_MS;
	char *buf;
	int fd, rc;

	memset(r, 0, sizeof(*r));
	fd = connect_unix(path, err, errlen);
	if (fd < 0)
		return PCONN_ECONNECT;
	buf = malloc(POLICY_REPLY_MAX + 1);
	if (!buf) {
		close(fd);
		return PREPLY_ENOMEM;
	}
	rc = send_request(fd, deadline, err, errlen);
	if (rc == 0)
		rc = read_reply(fd, buf, deadline, r, err, errlen);
	free(buf);
	close(fd);
	return rc;
}
