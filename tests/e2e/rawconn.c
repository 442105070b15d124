/*
 * rawconn: hostile and idle clients for the e2e tests (compiled by the
 * tests that use it, like tests/bench/pingbench.c).
 *
 *   rawconn stall SOCK MAXSECS TEXT
 *	sends TEXT ("-": read it from stdin), then waits for the peer to
 *	close.  Prints "closed MS STATUS" (STATUS: the HTTP status of any
 *	answer, or "-") or "open MS -" if it was still open after MAXSECS.
 *   rawconn ask SOCK MAXSECS TEXT
 *	the same, but prints the answer's bytes (the first 4 KiB) instead.
 *   rawconn drip SOCK MAXSECS INTERVAL_MS TEXT
 *	the same, but sends TEXT one byte every INTERVAL_MS; MS counts from
 *	the first byte.  Prints "closed MS STATUS SENT" or "open MS - SENT".
 *   rawconn hold SOCK N MAXSECS [TEXT]
 *	opens N connections (each sends TEXT if given), prints
 *	"ready N pid PID", then holds them until MAXSECS or SIGTERM/SIGINT;
 *	prints "held N open O closed C answered A status S..." (S: the
 *	distinct statuses of answers, "-" if none).
 *   rawconn churn SOCK N
 *	N connections one after the other, each one GET /_ping answered OK.
 *	Prints "churn N ok K".
 *
 * TEXT arguments understand \r, \n and \\.  Exit 0 after printing, 1 on
 * a usage or connect error.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define RC_TEXT_MAX   (4 * 1024 * 1024)
#define RC_ANSWER_MAX 4096
#define RC_HOLD_MAX   20000
#define RC_MAXSECS    600

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int connect_unix(const char *path)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int fd;

	if (strlen(path) >= sizeof(sa.sun_path))
		return -1;
	strcpy(sa.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Decodes \r \n \\ in place; returns the length. */
static size_t unescape(char *s)
{
	size_t i, o = 0;

	for (i = 0; s[i]; i++) {
		if (s[i] == '\\' && s[i + 1]) {
			i++;
			s[o++] = s[i] == 'r' ? '\r' : s[i] == 'n' ? '\n' : s[i];
		} else {
			s[o++] = s[i];
		}
	}
	s[o] = '\0';
	return o;
}

/* TEXT from argv, or all of stdin for "-". */
static char *load_text(const char *arg, size_t *len)
{
	char *buf;

	if (strcmp(arg, "-") != 0) {
		buf = strdup(arg);
		if (buf)
			*len = unescape(buf);
		return buf;
	}
	buf = malloc(RC_TEXT_MAX);
	if (!buf)
		return NULL;
	*len = 0;
	for (;;) {
		ssize_t n = read(0, buf + *len, RC_TEXT_MAX - *len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || *len + (size_t)n >= RC_TEXT_MAX) {
			if (n > 0)
				*len += (size_t)n;
			return buf;
		}
		*len += (size_t)n;
	}
}

/* The status code of an answer head, or 0. */
static int status_of(const char *buf, size_t len)
{
	int st = 0;

	if (len >= 12 && !strncmp(buf, "HTTP/1.", 7))
		sscanf(buf + 9, "%3d", &st);
	return st;
}

struct peer {
	int fd;
	int closed;
	int status;
	size_t got;
	char answer[RC_ANSWER_MAX + 1]; /* NUL-terminated */
};

/* Reads what is there; marks the peer closed on EOF or error. */
static void peer_read(struct peer *p)
{
	char scratch[65536];

	for (;;) {
		char *dst =
			p->got < RC_ANSWER_MAX ? p->answer + p->got : scratch;
		size_t room = p->got < RC_ANSWER_MAX ? RC_ANSWER_MAX - p->got
						     : sizeof(scratch);
		ssize_t n = recv(p->fd, dst, room, MSG_DONTWAIT);

		if (n > 0) {
			if (dst == p->answer + p->got)
				p->got += (size_t)n;
			if (!p->status)
				p->status = status_of(p->answer, p->got);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		p->closed = 1; /* EOF, reset or error */
		return;
	}
}

/* Waits up to ms for the peer to send or close. */
static void peer_wait(struct peer *p, int ms)
{
	struct pollfd pf = {.fd = p->fd, .events = POLLIN | POLLRDHUP};

	if (ms < 0)
		ms = 0;
	if (poll(&pf, 1, ms) > 0)
		peer_read(p);
}

static int send_some(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static void report(const char *prefix, const struct peer *p, long long ms,
		   const char *extra)
{
	char st[16] = "-";

	if (p->status)
		snprintf(st, sizeof(st), "%d", p->status);
	printf("%s %lld %s%s\n", prefix, ms, st, extra);
}

static int do_stall(const char *sock, int maxsecs, const char *arg, int ask)
{
	struct peer p = {.fd = connect_unix(sock)};
	size_t len;
	char *text = load_text(arg, &len);
	long long t0 = now_ms(), end = t0 + maxsecs * 1000LL;

	if (p.fd < 0 || !text)
		return 1;
	/* A peer that refuses early cuts the send short: that is closed. */
	if (send_some(p.fd, text, len) < 0)
		p.closed = 1;
	while (!p.closed && now_ms() < end)
		peer_wait(&p, (int)(end - now_ms()));
	if (p.closed)
		peer_read(&p); /* an answer may still be queued */
	if (ask)
		fwrite(p.answer, 1, p.got, stdout);
	else
		report(p.closed ? "closed" : "open", &p, now_ms() - t0, "");
	free(text);
	close(p.fd);
	return 0;
}

static int do_drip(const char *sock, int maxsecs, int interval, const char *arg)
{
	struct peer p = {.fd = connect_unix(sock)};
	size_t len, sent = 0;
	char *text = load_text(arg, &len), extra[32];
	long long t0 = now_ms(), end = t0 + maxsecs * 1000LL;

	if (p.fd < 0 || !text)
		return 1;
	while (!p.closed && now_ms() < end) {
		if (sent < len) {
			if (send_some(p.fd, text + sent, 1) < 0) {
				p.closed = 1;
				break;
			}
			sent++;
		}
		peer_wait(&p, sent < len ? interval : (int)(end - now_ms()));
	}
	if (p.closed)
		peer_read(&p);
	snprintf(extra, sizeof(extra), " %zu", sent);
	report(p.closed ? "closed" : "open", &p, now_ms() - t0, extra);
	free(text);
	close(p.fd);
	return 0;
}

/* Raises the soft descriptor limit to the hard one (N sockets). */
static void more_fds(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

static void hold_summary(struct peer *ps, int n)
{
	int open = 0, closed = 0, answered = 0, seen[16], nseen = 0;

	for (int i = 0; i < n; i++) {
		int j;

		peer_read(&ps[i]);
		closed += ps[i].closed;
		open += !ps[i].closed;
		if (!ps[i].status)
			continue;
		answered++;
		for (j = 0; j < nseen && seen[j] != ps[i].status; j++)
			;
		if (j == nseen && nseen < 16)
			seen[nseen++] = ps[i].status;
	}
	printf("held %d open %d closed %d answered %d status", n, open, closed,
	       answered);
	if (!nseen)
		printf(" -");
	for (int j = 0; j < nseen; j++)
		printf(" %d", seen[j]);
	printf("\n");
}

static int do_hold(const char *sock, int n, int maxsecs, const char *arg)
{
	struct peer *ps = calloc((size_t)n, sizeof(*ps));
	struct pollfd *pf = calloc((size_t)n, sizeof(*pf));
	size_t len = 0;
	char *text = arg ? load_text(arg, &len) : NULL;
	long long end = now_ms() + maxsecs * 1000LL;

	if (!ps || !pf || (arg && !text))
		return 1;
	more_fds();
	for (int i = 0; i < n; i++) {
		ps[i].fd = connect_unix(sock);
		if (ps[i].fd < 0) {
			fprintf(stderr, "rawconn: connection %d: %s\n", i + 1,
				strerror(errno));
			return 1;
		}
		if (text && send_some(ps[i].fd, text, len) < 0)
			ps[i].closed = 1;
	}
	printf("ready %d pid %d\n", n, (int)getpid());
	fflush(stdout);
	while (!stop && now_ms() < end) {
		int k = 0;

		for (int i = 0; i < n; i++)
			if (!ps[i].closed)
				pf[k++] = (struct pollfd){.fd = ps[i].fd,
							  .events = POLLIN};
		if (poll(pf, (nfds_t)k, 200) <= 0)
			continue;
		for (int i = 0, j = 0; i < n; i++)
			if (!ps[i].closed && pf[j++].revents)
				peer_read(&ps[i]);
	}
	hold_summary(ps, n);
	return 0;
}

static int do_churn(const char *sock, int n)
{
	static const char ping[] = "GET /_ping HTTP/1.1\r\nHost: x\r\n"
				   "Connection: close\r\n\r\n";
	int ok = 0;

	for (int i = 0; i < n; i++) {
		struct peer p = {.fd = connect_unix(sock)};
		long long end = now_ms() + 5000;

		if (p.fd < 0)
			continue;
		if (send_some(p.fd, ping, sizeof(ping) - 1) == 0)
			while (!p.closed && now_ms() < end)
				peer_wait(&p, (int)(end - now_ms()));
		ok += p.status == 200;
		close(p.fd);
	}
	printf("churn %d ok %d\n", n, ok);
	return 0;
}

static int secs(const char *s)
{
	int v = atoi(s);

	return v < 1 || v > RC_MAXSECS ? RC_MAXSECS : v;
}

int main(int argc, char **argv)
{
	struct sigaction sa = {.sa_handler = on_signal};

	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 5 && !strcmp(argv[1], "stall"))
		return do_stall(argv[2], secs(argv[3]), argv[4], 0);
	if (argc == 5 && !strcmp(argv[1], "ask"))
		return do_stall(argv[2], secs(argv[3]), argv[4], 1);
	if (argc == 6 && !strcmp(argv[1], "drip"))
		return do_drip(argv[2], secs(argv[3]), atoi(argv[4]), argv[5]);
	if ((argc == 5 || argc == 6) && !strcmp(argv[1], "hold")) {
		int n = atoi(argv[3]);

		if (n < 1 || n > RC_HOLD_MAX)
			return 1;
		return do_hold(argv[2], n, secs(argv[4]),
			       argc == 6 ? argv[5] : NULL);
	}
	if (argc == 4 && !strcmp(argv[1], "churn"))
		return do_churn(argv[2], atoi(argv[3]));
	fprintf(stderr, "usage: rawconn stall|ask|drip|hold|churn SOCK ...\n");
	return 1;
}
