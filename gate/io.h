/*
 * Descriptor I/O with deadlines, and a growable read buffer.
 */
#ifndef DG_IO_H
#define DG_IO_H

#include <stddef.h>
#include <sys/types.h>

#define IO_CHUNK 65536 /* bytes read or relayed at a time */

struct rbuf {
	char *data;
	size_t cap;
	size_t start; /* first unconsumed byte */
	size_t end;   /* one past the last byte read */
	size_t max;   /* cap may grow up to this */
};

int rbuf_init(struct rbuf *b, size_t initial, size_t max);
void rbuf_free(struct rbuf *b);
static inline size_t rbuf_len(const struct rbuf *b)
{
	return b->end - b->start;
}
static inline const char *rbuf_ptr(const struct rbuf *b)
{
	return b->data + b->start;
}
void rbuf_consume(struct rbuf *b, size_t n);

/*
 * Reads once into b, waiting at most timeout_ms (-1: forever).  Returns
 * bytes read, 0 at EOF, -1 on error (errno ETIMEDOUT on timeout, ENOBUFS
 * when the buffer is at its maximum).
 */
ssize_t rbuf_fill(int fd, struct rbuf *b, int timeout_ms);

/* Writes everything, waiting at most timeout_ms for each step. */
int io_write_all(int fd, const void *buf, size_t len, int timeout_ms);

/* Non-blocking, close-on-exec. */
int io_nonblock(int fd);

/* Connects to a Unix socket path; -1 with errno. */
int io_connect_unix(const char *path);

#endif
