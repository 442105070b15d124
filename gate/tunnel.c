/*
 * Raw tunnel after dockerd hijacked the connection (attach, exec start).
 * Both directions flow at once; an EOF on one side becomes a half-close
 * (shutdown SHUT_WR) on the other, and the tunnel lasts until both
 * directions are finished (reference §3.4: closing both on the first EOF
 * loses output, not propagating it hangs `docker run -i`).
 */
#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "conn.h"

struct pipe_dir {
	int from, to;
	struct rbuf *buf;
	int eof;  /* read side finished */
	int shut; /* write side half-closed */
};

static void pump_read(struct pipe_dir *d)
{
	if (d->eof || rbuf_len(d->buf))
		return;
	ssize_t n = read(d->from, d->buf->data + d->buf->end,
			 d->buf->cap - d->buf->end);

	if (n > 0)
		d->buf->end += (size_t)n;
	else if (n == 0 || (errno != EAGAIN && errno != EINTR))
		d->eof = 1;
}

static int pump_write(struct pipe_dir *d)
{
	while (rbuf_len(d->buf)) {
		ssize_t n = send(d->to, rbuf_ptr(d->buf), rbuf_len(d->buf),
				 MSG_NOSIGNAL);

		if (n < 0)
			return errno == EAGAIN || errno == EINTR ? 0 : -1;
		rbuf_consume(d->buf, (size_t)n);
	}
	if (d->eof && !d->shut) {
		shutdown(d->to, SHUT_WR);
		d->shut = 1;
	}
	return 0;
}

static short want(const struct pipe_dir *d, int fd)
{
	short ev = 0;

	if (fd == d->from && !d->eof && !rbuf_len(d->buf))
		ev |= POLLIN;
	if (fd == d->to && rbuf_len(d->buf))
		ev |= POLLOUT;
	return ev;
}

void tunnel_run(struct conn *c)
{
	/* Leftovers read past the heads belong to the stream. */
	struct pipe_dir up = {.from = c->cfd, .to = c->ufd, .buf = &c->cin};
	struct pipe_dir down = {.from = c->ufd, .to = c->cfd, .buf = &c->uin};

	while (!(up.shut && down.shut)) {
		struct pollfd p[2] = {
			{.fd = c->cfd,
			 .events = want(&up, c->cfd) | want(&down, c->cfd)},
			{.fd = c->ufd,
			 .events = want(&up, c->ufd) | want(&down, c->ufd)}};

		if (pump_write(&up) < 0 || pump_write(&down) < 0)
			return;
		if (up.shut && down.shut)
			return;
		p[0].events = want(&up, c->cfd) | want(&down, c->cfd);
		p[1].events = want(&up, c->ufd) | want(&down, c->ufd);
		if (poll(p, 2, -1) < 0 && errno != EINTR)
			return;
		if (p[0].revents & (POLLIN | POLLHUP | POLLERR))
			pump_read(&up);
		if (p[1].revents & (POLLIN | POLLHUP | POLLERR))
			pump_read(&down);
		if ((p[0].revents | p[1].revents) & POLLNVAL)
			return;
		/* A peer gone both ways after its EOF can take nothing more:
		 * without this, its HUP would wake poll forever. */
		if (((p[0].revents & POLLHUP) && up.eof &&
		     !rbuf_len(&c->uin)) ||
		    ((p[1].revents & POLLHUP) && down.eof &&
		     !rbuf_len(&c->cin)))
			if (pump_write(&up) == 0 && pump_write(&down) == 0)
				return;
	}
}
