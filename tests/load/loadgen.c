/*
 * loadgen: Engine API load over a Unix socket, for tests/load/run.sh.
 *
 *   loadgen work SOCK SECONDS WORKERS IMAGE LABEL [FOREIGN_ID...]
 *	WORKERS threads, each on its own kept-alive connection, loop for
 *	SECONDS: create (with the label LABEL, "key=value"), start, logs,
 *	exec create, exec start (hijacked, on a second connection, read to
 *	the end), delete.  The containers have no network: dockerd 20.10's
 *	libnetwork deadlocks under this much container churn
 *	(moby/libnetwork#2649), which is not what we measure.  With FOREIGN_IDs
 *	(other users' containers: the run is through the gate) every cycle
 *	also sends three requests the gate must refuse: a privileged create,
 *	an exec as root, an inspect of a foreign container.  Prints one line
 *	of key=value results; the first errors go to stderr.
 *   loadgen events SOCK N SECONDS [LABEL]
 *	N connections each streaming GET /events (only LABEL's containers'
 *	events, "key=value", if given), drained until SECONDS or
 *	SIGTERM.  Prints "events-ready N ok K pid PID" once every head is
 *	in, then "events held N ok K failed F cut C bytes B" at the end
 *	(cut: a stream that ended before we closed it).
 *
 * Exit 0 after printing, 1 on a usage error.  Counting rules: an allowed
 * request refused with a docker-gate: message, or a refused one that got
 * through, is a wrong decision; anything else unexpected is an error.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "loadgen.h"

#define LG_MAX_WORKERS	1000
#define LG_MAX_FOREIGN	16
#define LG_MAX_STREAMS	20000
#define LG_ERRORS_SHOWN 10
#define LG_EXEC_OUT_MAX (1 << 20)

static volatile sig_atomic_t stop;

static struct {
	const char *image;
	char label_json[256]; /* "key":"value" */
	char **foreign;
	int nforeign;
	long long deadline;
} cfg;

struct stats {
	long cycles, ops, errors, wrong, refused;
	long long op_ms[OP_COUNT];
	long op_n[OP_COUNT];
	long long op_max[OP_COUNT];
};

static pthread_mutex_t err_lock = PTHREAD_MUTEX_INITIALIZER;
static int errors_shown;

static const char *op_names[OP_COUNT] = {"create", "start",	 "logs",
					 "exec",   "exec_start", "rm"};

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void note(struct stats *st, long *counter, const char *what,
		 const struct resp *r)
{
	(*counter)++;
	(void)st;
	pthread_mutex_lock(&err_lock);
	if (errors_shown++ < LG_ERRORS_SHOWN)
		fprintf(stderr, "loadgen: %s: status %d %.200s\n", what,
			r ? r->status : -1, r ? r->body : "(no answer)");
	pthread_mutex_unlock(&err_lock);
}

/* An allowed request: expect `want`; a gate refusal is a wrong decision. */
static int expect(struct stats *st, int op, long long t0, int rc,
		  const struct resp *r, int want, const char *what)
{
	long long ms = lg_now_ms() - t0;

	if (rc == 0 && r->status == want) {
		st->ops++;
		st->op_ms[op] += ms;
		st->op_n[op]++;
		if (ms > st->op_max[op])
			st->op_max[op] = ms;
		return 0;
	}
	if (rc == 0 && r->status == 403 && strstr(r->body, "docker-gate:"))
		note(st, &st->wrong, what, r);
	else
		note(st, &st->errors, what, rc == 0 ? r : NULL);
	return -1;
}

/* A request the gate must refuse with `want` (403 or 404). */
static void expect_refused(struct stats *st, int rc, const struct resp *r,
			   int want, const char *what)
{
	if (rc == 0 && r->status == want) {
		st->refused++;
		return;
	}
	if (rc == 0 && r->status >= 200 && r->status < 300)
		note(st, &st->wrong, what, r);
	else
		note(st, &st->errors, what, rc == 0 ? r : NULL);
}

static void probes(struct hconn *c, struct stats *st, const char *id,
		   unsigned *seed, struct resp *r)
{
	char body[512], target[256], bad[LG_ID_MAX];
	int rc;

	snprintf(body, sizeof(body),
		 "{\"Image\":\"%s\",\"Cmd\":[\"true\"],"
		 "\"HostConfig\":{\"Privileged\":true}}",
		 cfg.image);
	rc = hc_request(c, "POST", "/v1.41/containers/create", body, NULL, r);
	expect_refused(st, rc, r, 403, "privileged create");
	if (rc == 0 && r->status == 201 && lg_json_id(r->body, bad) == 0)
		lg_delete(c, bad, r); /* it got through: do not leave it */
	snprintf(target, sizeof(target), "/v1.41/containers/%s/exec", id);
	rc = hc_request(c, "POST", target, "{\"Cmd\":[\"id\"],\"User\":\"0\"}",
			NULL, r);
	expect_refused(st, rc, r, 403, "exec as root");
	snprintf(target, sizeof(target), "/v1.41/containers/%s/json",
		 cfg.foreign[rand_r(seed) % (unsigned)cfg.nforeign]);
	rc = hc_request(c, "GET", target, NULL, NULL, r);
	expect_refused(st, rc, r, 404, "foreign inspect");
}

/* The hijacked exec start, on a connection of its own, read to the end. */
static int exec_start(const char *eid, struct resp *r)
{
	struct hconn x = {.fd = -1};
	char target[256];
	int rc;

	snprintf(target, sizeof(target), "/v1.41/exec/%s/start", eid);
	rc = hc_request(&x, "POST", target, "{\"Detach\":false,\"Tty\":false}",
			"Connection: Upgrade\r\nUpgrade: tcp\r\n", r);
	if (rc == 0 && r->status == 101 && hc_drain(&x, LG_EXEC_OUT_MAX) < 0)
		rc = -1;
	hc_close(&x);
	if (rc == 0 && r->status == 101)
		r->status = 200; /* one "ok" value for both answers */
	return rc;
}

static void cycle(struct hconn *c, struct stats *st, unsigned *seed,
		  struct resp *r)
{
	char body[512], target[256], id[LG_ID_MAX], eid[LG_ID_MAX];
	long long t;
	int rc;

	snprintf(body, sizeof(body),
		 "{\"Image\":\"%s\",\"Labels\":{%s},\"Cmd\":[\"sh\",\"-c\","
		 "\"echo hello; exec sleep 60\"],"
		 "\"HostConfig\":{\"NetworkMode\":\"none\"}}",
		 cfg.image, cfg.label_json);
	t = lg_now_ms();
	rc = hc_request(c, "POST", "/v1.41/containers/create", body, NULL, r);
	if (expect(st, OP_CREATE, t, rc, r, 201, "create") < 0 ||
	    lg_json_id(r->body, id) < 0)
		return;
	snprintf(target, sizeof(target), "/v1.41/containers/%s/start", id);
	t = lg_now_ms();
	rc = hc_request(c, "POST", target, NULL, NULL, r);
	if (expect(st, OP_START, t, rc, r, 204, "start") < 0)
		goto rm;
	snprintf(target, sizeof(target),
		 "/v1.41/containers/%s/logs?stdout=1&stderr=1", id);
	t = lg_now_ms();
	rc = hc_request(c, "GET", target, NULL, NULL, r);
	expect(st, OP_LOGS, t, rc, r, 200, "logs");
	snprintf(target, sizeof(target), "/v1.41/containers/%s/exec", id);
	t = lg_now_ms();
	rc = hc_request(c, "POST", target,
			"{\"Cmd\":[\"echo\",\"exec-ok\"],\"AttachStdout\":true,"
			"\"AttachStderr\":true}",
			NULL, r);
	if (expect(st, OP_EXEC, t, rc, r, 201, "exec create") == 0 &&
	    lg_json_id(r->body, eid) == 0) {
		t = lg_now_ms();
		rc = exec_start(eid, r);
		expect(st, OP_EXEC_START, t, rc, r, 200, "exec start");
	}
	if (cfg.nforeign)
		probes(c, st, id, seed, r);
rm:
	t = lg_now_ms();
	rc = lg_delete(c, id, r);
	if (expect(st, OP_RM, t, rc, r, 204, "rm") == 0)
		st->cycles++;
}

static void *worker(void *arg)
{
	struct stats *st = arg;
	struct hconn c = {.fd = -1};
	struct resp *r = calloc(1, sizeof(*r));
	unsigned seed = (unsigned)(uintptr_t)arg;

	if (!r)
		return NULL;
	while (!stop && lg_now_ms() < cfg.deadline)
		cycle(&c, st, &seed, r);
	hc_close(&c);
	free(r);
	return NULL;
}

static void print_work(struct stats *all, int n, double secs)
{
	struct stats t = {0};

	for (int i = 0; i < n; i++) {
		t.cycles += all[i].cycles;
		t.ops += all[i].ops;
		t.errors += all[i].errors;
		t.wrong += all[i].wrong;
		t.refused += all[i].refused;
		for (int k = 0; k < OP_COUNT; k++) {
			t.op_ms[k] += all[i].op_ms[k];
			t.op_n[k] += all[i].op_n[k];
			if (all[i].op_max[k] > t.op_max[k])
				t.op_max[k] = all[i].op_max[k];
		}
	}
	printf("seconds=%.1f workers=%d cycles=%ld ops=%ld ops_per_s=%.2f "
	       "errors=%ld wrong=%ld refused_ok=%ld",
	       secs, n, t.cycles, t.ops, t.ops / secs, t.errors, t.wrong,
	       t.refused);
	for (int k = 0; k < OP_COUNT; k++)
		printf(" %s_ms=%lld/%lld", op_names[k],
		       t.op_n[k] ? t.op_ms[k] / t.op_n[k] : 0, t.op_max[k]);
	printf("\n");
}

/* "key=value" (letters, digits, . - _ only) as a JSON member. */
static int label_json(const char *kv)
{
	const char *eq = strchr(kv, '=');

	if (!eq || strspn(kv, "abcdefghijklmnopqrstuvwxyz0123456789.-_=") !=
			   strlen(kv))
		return -1;
	snprintf(cfg.label_json, sizeof(cfg.label_json), "\"%.*s\":\"%s\"",
		 (int)(eq - kv), kv, eq + 1);
	return 0;
}

static int do_work(int argc, char **argv)
{
	int n = atoi(argv[4]);
	int secs = atoi(argv[3]);
	struct stats *st;
	pthread_t *th;
	long long t0;

	if (n < 1 || n > LG_MAX_WORKERS || secs < 1 ||
	    argc - 7 > LG_MAX_FOREIGN || label_json(argv[6]) < 0)
		return 1;
	lg_socket = argv[2];
	cfg.image = argv[5];
	cfg.foreign = argv + 7;
	cfg.nforeign = argc - 7;
	st = calloc((size_t)n, sizeof(*st));
	th = calloc((size_t)n, sizeof(*th));
	if (!st || !th)
		return 1;
	t0 = lg_now_ms();
	cfg.deadline = t0 + secs * 1000LL;
	for (int i = 0; i < n; i++)
		if (pthread_create(&th[i], NULL, worker, &st[i]) != 0)
			return 1;
	for (int i = 0; i < n; i++)
		pthread_join(th[i], NULL);
	print_work(st, n, (double)(lg_now_ms() - t0) / 1000.0);
	return 0;
}

static int do_events(const char *sock, int n, int secs, const char *label)
{
	char target[512] = "/v1.41/events";
	struct hconn *cs = calloc((size_t)n, sizeof(*cs));
	struct pollfd *pf = calloc((size_t)n, sizeof(*pf));
	struct resp *r = calloc(1, sizeof(*r));
	long long end = lg_now_ms() + secs * 1000LL, bytes = 0;
	int ok = 0, failed = 0, cut = 0;
	char buf[65536];

	if (!cs || !pf || !r)
		return 1;
	/* filters={"label":["LABEL"]}, URL-encoded */
	if (label) {
		const char *eq = strchr(label, '=');

		snprintf(target, sizeof(target),
			 "/v1.41/events?filters=%%7B%%22label%%22%%3A%%5B%%22"
			 "%.*s%%3D%s%%22%%5D%%7D",
			 (int)(eq - label), label, eq + 1);
	}
	for (int i = 0; i < n; i++) {
		cs[i].fd = -1;
		if (hc_open_stream(&cs[i], sock, target, r) == 0 &&
		    r->status == 200)
			ok++;
		else {
			failed++;
			hc_close(&cs[i]);
		}
	}
	printf("events-ready %d ok %d pid %d\n", n, ok, (int)getpid());
	while (!stop && lg_now_ms() < end) {
		for (int i = 0; i < n; i++)
			pf[i] = (struct pollfd){.fd = cs[i].fd,
						.events = POLLIN};
		if (poll(pf, (nfds_t)n, 200) <= 0)
			continue;
		for (int i = 0; i < n; i++) {
			ssize_t got;

			if (!pf[i].revents || cs[i].fd < 0)
				continue;
			got = read(cs[i].fd, buf, sizeof(buf));
			if (got > 0) {
				bytes += got;
			} else if (got == 0 || errno != EINTR) {
				cut++;
				hc_close(&cs[i]);
			}
		}
	}
	printf("events held %d ok %d failed %d cut %d bytes %lld\n", n, ok,
	       failed, cut, bytes);
	return 0;
}

int main(int argc, char **argv)
{
	struct sigaction sa = {.sa_handler = on_signal};
	struct rlimit rl;

	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	if (argc >= 7 && !strcmp(argv[1], "work"))
		return do_work(argc, argv);
	if ((argc == 5 || argc == 6) && !strcmp(argv[1], "events")) {
		int n = atoi(argv[3]);

		if (n < 1 || n > LG_MAX_STREAMS ||
		    (argc == 6 && label_json(argv[5]) < 0))
			return 1;
		return do_events(argv[2], n, atoi(argv[4]),
				 argc == 6 ? argv[5] : NULL);
	}
	fprintf(stderr,
		"usage: loadgen work SOCK SECONDS WORKERS IMAGE "
		"LABEL [FOREIGN_ID...] | events SOCK N SECONDS [LABEL]\n");
	return 1;
}
