/*
 * pingbench: round-trip latency of `GET /_ping` on one kept-alive Unix
 * socket connection, as the docker CLI sends it.
 *
 *   pingbench SOCKET [COUNT]
 *
 * Sends COUNT (default 5000) requests one after the other, after a short
 * warm-up, times each with CLOCK_MONOTONIC and prints one line:
 * "p50 p99 mean" in microseconds.  Exit 1 on any I/O or protocol error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define PB_WARMUP    200
#define PB_MAX_COUNT 1000000
#define PB_RESP_MAX  8192

static const char request[] = "GET /_ping HTTP/1.1\r\n"
			      "Host: localhost\r\n"
			      "User-Agent: pingbench\r\n"
			      "\r\n";

static int connect_unix(const char *path)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int fd;

	if (strlen(path) >= sizeof(sa.sun_path)) {
		fprintf(stderr, "pingbench: socket path too long\n");
		return -1;
	}
	strcpy(sa.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		fprintf(stderr, "pingbench: %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Content-Length of a response head (case-insensitive name), or 0. */
static size_t content_length(const char *head)
{
	const char *p = head;

	while ((p = strchr(p, '\n')) != NULL) {
		p++;
		if (strncasecmp(p, "Content-Length:", 15) == 0)
			return (size_t)strtoul(p + 15, NULL, 10);
	}
	return 0;
}

/* Reads one whole response (head + Content-Length body); 0 if it is 200. */
static int read_response(int fd)
{
	char buf[PB_RESP_MAX + 1];
	size_t have = 0, need = 0;
	char *end = NULL;

	for (;;) {
		ssize_t r = read(fd, buf + have, PB_RESP_MAX - have);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		have += (size_t)r;
		buf[have] = '\0';
		if (!end) {
			end = strstr(buf, "\r\n\r\n");
			if (end)
				need = (size_t)(end + 4 - buf) +
				       content_length(buf);
		}
		if (end && have >= need)
			break;
		if (have == PB_RESP_MAX)
			return -1;
	}
	if (have != need) /* pipelining is not used: nothing may follow */
		return -1;
	return strncmp(buf, "HTTP/1.1 200 ", 13) == 0 ? 0 : -1;
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Nearest-rank percentile of sorted t[0..n-1], 0 < pct <= 100. */
static double percentile(const double *t, long n, long pct)
{
	long rank = (n * pct + 99) / 100;

	return t[rank > 0 ? rank - 1 : 0];
}

static int ping(int fd)
{
	if (write_all(fd, request, sizeof(request) - 1) < 0 ||
	    read_response(fd) < 0) {
		fprintf(stderr, "pingbench: bad or missing response\n");
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	long count = argc > 2 ? strtol(argv[2], NULL, 10) : 5000;
	double *t, sum = 0;
	int fd;

	if (argc < 2 || count < 1 || count > PB_MAX_COUNT) {
		fprintf(stderr, "usage: pingbench SOCKET [COUNT]\n");
		return 2;
	}
	fd = connect_unix(argv[1]);
	if (fd < 0)
		return 1;
	t = calloc((size_t)count, sizeof(*t));
	if (!t)
		return 1;
	for (int i = 0; i < PB_WARMUP; i++)
		if (ping(fd) < 0)
			return 1;
	for (long i = 0; i < count; i++) {
		double t0 = now_us();

		if (ping(fd) < 0)
			return 1;
		t[i] = now_us() - t0;
		sum += t[i];
	}
	qsort(t, (size_t)count, sizeof(*t), cmp_double);
	printf("%.1f %.1f %.1f\n", percentile(t, count, 50),
	       percentile(t, count, 99), sum / (double)count);
	free(t);
	close(fd);
	return 0;
}
