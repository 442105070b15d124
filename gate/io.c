/*
 * Descriptor I/O with deadlines.  All sockets are non-blocking; every wait
 * is a poll() with a timeout, so a stalled peer costs a thread its time
 * limit, never forever (unless the caller asks for -1: idle streams).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "io.h"

int rbuf_init(struct rbuf *b, size_t initial, size_t max)
{
	memset(b, 0, sizeof(*b));
	b->data = malloc(initial);
	if (!b->data)
		return -1;
	b->cap = initial;
	b->max = max;
	return 0;
}

void rbuf_free(struct rbuf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

void rbuf_consume(struct rbuf *b, size_t n)
{
	b->start += n;
	if (b->start == b->end)
		b->start = b->end = 0;
}

/* Makes room for at least one more read. */
static int rbuf_room(struct rbuf *b)
{
	if (b->start > 0 && b->end == b->cap) {
		memmove(b->data, b->data + b->start, b->end - b->start);
		b->end -= b->start;
		b->start = 0;
	}
	if (b->end < b->cap)
		return 0;
	if (b->cap >= b->max) {
		errno = ENOBUFS;
		return -1;
	}
	size_t ncap = b->cap * 2 > b->max ? b->max : b->cap * 2;
	char *nd = realloc(b->data, ncap);

	if (!nd)
		return -1;
	b->data = nd;
	b->cap = ncap;
	return 0;
}

static int wait_for(int fd, short events, int timeout_ms)
{
	struct pollfd p = {.fd = fd, .events = events};
	int rc;

	do
		rc = poll(&p, 1, timeout_ms);
	while (rc < 0 && errno == EINTR);
	if (rc == 0) {
		errno = ETIMEDOUT;
		return -1;
	}
	return rc < 0 ? -1 : 0;
}

ssize_t rbuf_fill(int fd, struct rbuf *b, int timeout_ms)
{
	if (rbuf_room(b) < 0)
		return -1;
	for (;;) {
		ssize_t n = read(fd, b->data + b->end, b->cap - b->end);

		if (n >= 0) {
			b->end += (size_t)n;
			return n;
		}
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN)
			return -1;
		if (wait_for(fd, POLLIN, timeout_ms) < 0)
			return -1;
	}
}

int io_write_all(int fd, const void *buf, size_t len, int timeout_ms)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t n = send(fd, p, len, MSG_NOSIGNAL);

		if (n > 0) {
			p += n;
			len -= (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno != EAGAIN)
			return -1;
		if (wait_for(fd, POLLOUT, timeout_ms) < 0)
			return -1;
	}
	return 0;
}

int io_nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
		return -1;
	return fcntl(fd, F_SETFD, FD_CLOEXEC);
}

int io_connect_unix(const char *path)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int fd;

	if (strlen(path) >= sizeof(sa.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(sa.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    io_nonblock(fd) < 0) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}
