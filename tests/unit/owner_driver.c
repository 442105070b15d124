/*
 * Test driver for gate/upstream.c and gate/owner.c (daemon-side modules,
 * so not a Check suite linked with libgate.a).  Built and run by
 * tests/unit/owner_live.sh:
 *
 *   owner_driver fake
 *	upstream_get_json and the owner_* answer handling against scripted
 *	fake daemons on a private Unix socket (framing, limits, deadlines,
 *	malformed answers, the exact request sent).
 *   owner_driver live SOCK API_MINOR < table
 *	one check per line "kind ref user RC expected-id|-" against a real
 *	dockerd; kind is container, exec, volume or network, RC one of OK
 *	NOTFOUND FOREIGN SHARED EUPSTREAM.
 *   owner_driver bench SOCK API_MINOR kind ref user N
 *	N sequential lookups: p50 / p99 / max in microseconds; kind "raw"
 *	times upstream_get_json of the target `ref` instead.
 *   owner_driver filters USER [FILTERS]
 *	prints filters_add_owner's output (to send it to a real dockerd).
 *
 * Exit status 0 when every check passed.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "filters.h"
#include "owner.h"
#include "upstream.h"

static int failures;

#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			failures++;                                            \
			printf("FAIL %s:%d: ", __FILE__, __LINE__);            \
			printf(__VA_ARGS__);                                   \
			printf("\n");                                          \
		}                                                              \
	} while (0)

static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* ------------------------------------------------------------------ */
/* Fake daemon: one scripted exchange per accepted connection.         */

struct exchange {
	const char *target; /* request target expected, NULL: any */
	const char *resp;   /* bytes answered (NUL-terminated) */
	size_t big;	    /* > 0: then this many body bytes in chunks */
	int step;	    /* > 0: write `step` bytes at a time ... */
	int step_ms;	    /* ... with this pause between writes */
	int hang_ms;	    /* pause before answering */
};

static char fake_path[108];

static void child_serve(int lfd, const struct exchange *x, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char req[4096], want[1024];
		size_t got = 0, len, o;
		int fd = accept(lfd, NULL, NULL);

		if (fd < 0)
			_exit(2);
		req[0] = '\0';
		while (got < sizeof(req) - 1 && !strstr(req, "\r\n\r\n")) {
			ssize_t r = read(fd, req + got, sizeof(req) - 1 - got);

			if (r <= 0)
				_exit(2);
			got += (size_t)r;
			req[got] = '\0';
		}
		if (x[i].target) {
			snprintf(want, sizeof(want),
				 "GET %s HTTP/1.1\r\nHost: docker\r\n"
				 "Connection: close\r\n\r\n",
				 x[i].target);
			if (strcmp(req, want) != 0)
				_exit(3);
		}
		if (x[i].hang_ms)
			usleep((useconds_t)x[i].hang_ms * 1000);
		len = strlen(x[i].resp);
		for (o = 0; o < len;) {
			size_t k = x[i].step ? (size_t)x[i].step : len - o;

			if (k > len - o)
				k = len - o;
			if (write(fd, x[i].resp + o, k) < 0)
				_exit(0); /* client gave up: fine */
			o += k;
			if (x[i].step_ms)
				usleep((useconds_t)x[i].step_ms * 1000);
		}
		if (x[i].big) {
			static char blk[65536];
			size_t left = x[i].big;

			memset(blk, 'a', sizeof(blk));
			while (left) {
				size_t k =
					left < sizeof(blk) ? left : sizeof(blk);
				char h[32];
				int hn = snprintf(h, sizeof(h), "%zx\r\n", k);

				if (write(fd, h, (size_t)hn) < 0 ||
				    write(fd, blk, k) < 0 ||
				    write(fd, "\r\n", 2) < 0)
					_exit(0);
				left -= k;
			}
			if (write(fd, "0\r\n\r\n", 5) < 0)
				_exit(0);
		}
		close(fd);
	}
	_exit(0);
}

static pid_t fake_start(const struct exchange *x, size_t n)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int lfd = socket(AF_UNIX, SOCK_STREAM, 0);
	pid_t pid;

	unlink(fake_path);
	strcpy(sa.sun_path, fake_path);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(lfd, 8) < 0) {
		perror("fake daemon");
		exit(2);
	}
	pid = fork();
	if (pid == 0)
		child_serve(lfd, x, n);
	close(lfd);
	return pid;
}

/* The child's verdict on the requests it saw; kills a hanging child. */
static int fake_end(pid_t pid)
{
	int st;

	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	unlink(fake_path);
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	return 0; /* killed while hanging: its request was fine */
}

struct up_case {
	const char *name;
	struct exchange x;
	int timeout_ms;
	int rc, status, has_body;
	int max_ms;	    /* the call must return within this */
	const char *errsub; /* on failure, the message contains this */
};

#define H200 "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
#define BODY "{\"Id\":\"x\",\"n\":[1,2,3]}"

/* Shorthands; the exchange comes last (its initializer has commas). */
#define ANS(r)                                                                 \
	{                                                                      \
		.resp = (r)                                                    \
	}
#define OK_CASE(nm, st, hb, ...)                                               \
	{                                                                      \
		.name = (nm), .x = {__VA_ARGS__}, .timeout_ms = 2000, .rc = 0, \
		.status = (st), .has_body = (hb), .max_ms = 2000               \
	}
#define BAD_CASE(nm, sub, ...)                                                 \
	{                                                                      \
		.name = (nm), .x = {__VA_ARGS__}, .timeout_ms = 2000,          \
		.rc = -1, .max_ms = 2000, .errsub = (sub)                      \
	}

static const struct up_case up_cases[] = {
	OK_CASE("content-length", 200, 1, .target = "/v1.41/x",
		.resp = H200 "Content-Length: 22\r\n\r\n" BODY),
	OK_CASE("chunked, one byte at a time", 200, 1, .target = "/v1.41/x",
		.resp = H200 "Transfer-Encoding: chunked\r\n\r\n"
			     "5\r\n{\"Id\"\r\n11\r\n:\"x\",\"n\":[1,2,3]}\r\n"
			     "0\r\n\r\n",
		.step = 1),
	OK_CASE("until close", 200, 1, .target = "/v1.41/x",
		.resp = H200 "\r\n" BODY),
	OK_CASE("404 with message", 404, 1,
		.resp = "HTTP/1.1 404 Not Found\r\nContent-Length: 34\r\n\r\n"
			"{\"message\":\"No such container: x\"}"),
	OK_CASE("500 not JSON", 500, 0,
		.resp = "HTTP/1.1 500 Oops\r\nContent-Length: 4\r\n\r\noops"),
	OK_CASE("204 no body", 204, 0,
		.resp = "HTTP/1.1 204 No Content\r\n\r\n"),
	OK_CASE("200 empty", 200, 0, .resp = H200 "Content-Length: 0\r\n\r\n"),
	BAD_CASE("200 not JSON", "bad JSON",
		 .resp = H200 "Content-Length: 3\r\n\r\nabc"),
	BAD_CASE("200 JSON + garbage", "bad JSON",
		 .resp = H200 "Content-Length: 4\r\n\r\n{}{}"),
	BAD_CASE("length over limit", "larger than",
		 .resp = H200 "Content-Length: 8388609\r\n\r\n"),
	BAD_CASE("chunked over limit", "larger than",
		 .resp = H200 "Transfer-Encoding: chunked\r\n\r\n",
		 .big = (8u << 20) + 1),
	BAD_CASE("chunked at limit (not JSON)", "bad JSON",
		 .resp = H200 "Transfer-Encoding: chunked\r\n\r\n",
		 .big = 8u << 20),
	BAD_CASE("cut short", "cut short",
		 .resp = H200 "Content-Length: 100\r\n\r\n{\"a\":"),
	BAD_CASE("chunked cut short", "cut short",
		 .resp = H200
		 "Transfer-Encoding: chunked\r\n\r\n10\r\n{\"a\":"),
	BAD_CASE("chunk extension", "chunked",
		 .resp = H200 "Transfer-Encoding: chunked\r\n\r\n"
			      "2;x=y\r\n{}\r\n0\r\n\r\n"),
	BAD_CASE("bare LF head", "malformed",
		 .resp = "HTTP/1.1 200 OK\nContent-Length: 2\n\n{}"),
	BAD_CASE("both framings", "malformed",
		 .resp = H200 "Content-Length: 2\r\nTransfer-Encoding: chunked"
			      "\r\n\r\n{}"),
	BAD_CASE("100 continue", "unexpected status",
		 .resp = "HTTP/1.1 100 Continue\r\n\r\n"),
	BAD_CASE("closed without answer", "closed", .resp = ""),
	{.name = "no answer: deadline",
	 .x = {.resp = "", .hang_ms = 3000},
	 .timeout_ms = 300,
	 .rc = -1,
	 .max_ms = 800,
	 .errsub = "in time"},
	{.name = "trickle: overall deadline",
	 .x = {.resp = H200 "Content-Length: 22\r\n\r\n" BODY,
	       .step = 1,
	       .step_ms = 40},
	 .timeout_ms = 300,
	 .rc = -1,
	 .max_ms = 800,
	 .errsub = "in time"},
};

static void up_case_run(const struct up_case *c)
{
	char err[256];
	json_t *body = NULL;
	int status = -7, rc, child;
	long long t0 = now_us(), ms;
	pid_t pid = fake_start(&c->x, 1);
	int before = failures;

	rc = upstream_get_json(fake_path,
			       c->x.target ? c->x.target : "/v1.41/x",
			       c->timeout_ms, &status, &body, err, sizeof(err));
	ms = (now_us() - t0) / 1000;
	child = fake_end(pid);
	CHECK(rc == c->rc, "%s: rc %d want %d (%s)", c->name, rc, c->rc, err);
	if (rc == 0) {
		CHECK(status == c->status, "%s: status %d", c->name, status);
		CHECK((body != NULL) == c->has_body, "%s: body %p", c->name,
		      (void *)body);
	} else {
		CHECK(body == NULL && err[0], "%s: failure without message",
		      c->name);
		CHECK(!c->errsub || strstr(err, c->errsub), "%s: message '%s'",
		      c->name, err);
	}
	CHECK(ms <= c->max_ms, "%s: took %lld ms", c->name, ms);
	CHECK(child == 0, "%s: fake daemon saw a wrong request (%d)", c->name,
	      child);
	printf("%-4s upstream: %s (%lld ms%s%s)\n",
	       failures > before ? "" : "ok", c->name, ms, rc ? ": " : "",
	       rc ? err : "");
	json_decref(body);
}

static void up_misc(void)
{
	char err[256];
	json_t *body;
	int status;

	CHECK(upstream_get_json("/nonexistent/dgown.sock", "/x", 1000, &status,
				&body, err, sizeof(err)) == -1 &&
		      body == NULL,
	      "unreachable daemon");
	printf("     upstream: unreachable -> %s\n", err);
	CHECK(upstream_get_json(fake_path, "/x y", 1000, &status, &body, err,
				sizeof(err)) == -1,
	      "target with a space");
	CHECK(upstream_get_json(fake_path, "x", 1000, &status, &body, err,
				sizeof(err)) == -1,
	      "target without /");
	CHECK(upstream_get_json(fake_path, "/x", 0, &status, &body, err,
				sizeof(err)) == -1,
	      "zero timeout");
}

/* owner_* answer handling, each against one or two scripted answers. */
struct own_case {
	const char *name;
	int kind; /* 0 container, 1 exec, 2 volume, 3 network */
	const char *ref;
	struct exchange x[2];
	size_t nx;
	int rc;
	const char *id;
};

#define ID_A	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define ID_U	  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
#define ID_E	  "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"
#define J200	  "HTTP/1.1 200 OK\r\n\r\n"
#define LBL_ALICE "{\"io.docker-gate.owner\":\"alice\"}"

#define EX(t, r)                                                               \
	{                                                                      \
		.target = (t), .resp = (r)                                     \
	}
#define CTR(labels)                                                            \
	J200 "{\"Id\":\"" ID_A "\",\"Config\":{\"Labels\":" labels "}}"

static const struct own_case own_cases[] = {
	{"container owned",
	 0,
	 "web",
	 {EX("/v1.41/containers/web/json", CTR(LBL_ALICE))},
	 1,
	 OWNER_OK,
	 ID_A},
	{"container \"/web\" is \"web\"",
	 0,
	 "/web",
	 {EX("/v1.41/containers/web/json", CTR(LBL_ALICE))},
	 1,
	 OWNER_OK,
	 ID_A},
	{"container of bob",
	 0,
	 "web",
	 {ANS(CTR("{\"io.docker-gate.owner\":\"bob\"}"))},
	 1,
	 OWNER_FOREIGN,
	 ""},
	{"owner label is a prefix",
	 0,
	 "web",
	 {ANS(CTR("{\"io.docker-gate.owner\":\"alicex\"}"))},
	 1,
	 OWNER_FOREIGN,
	 ""},
	{"owner label in another case",
	 0,
	 "web",
	 {ANS(CTR("{\"IO.DOCKER-GATE.OWNER\":\"alice\"}"))},
	 1,
	 OWNER_FOREIGN,
	 ""},
	{"no labels", 0, "web", {ANS(CTR("null"))}, 1, OWNER_FOREIGN, ""},
	{"label not a string",
	 0,
	 "web",
	 {ANS(CTR("{\"io.docker-gate.owner\":1}"))},
	 1,
	 OWNER_FOREIGN,
	 ""},
	{"short Id",
	 0,
	 "web",
	 {ANS(J200 "{\"Id\":\"abc\",\"Config\":{\"Labels\":" LBL_ALICE "}}")},
	 1,
	 OWNER_EUPSTREAM,
	 ""},
	{"upper-case Id",
	 0,
	 "web",
	 {ANS(J200 "{\"Id\":\"" ID_U "\",\"Config\":{\"Labels\":" LBL_ALICE
		   "}}")},
	 1,
	 OWNER_EUPSTREAM,
	 ""},
	{"404",
	 0,
	 "web",
	 {ANS("HTTP/1.1 404 Not Found\r\n\r\n{\"message\":\"No such "
	      "container: web\"}")},
	 1,
	 OWNER_NOTFOUND,
	 ""},
	{"ambiguous prefix (20.10: 500)",
	 0,
	 "a",
	 {ANS("HTTP/1.1 500 Internal Server Error\r\n\r\n{\"message\":"
	      "\"multiple IDs found with provided prefix: a\"}")},
	 1,
	 OWNER_NOTFOUND,
	 ""},
	{"ambiguous prefix, as 20.10.24 spells it",
	 0,
	 "d",
	 {ANS("HTTP/1.1 500 Internal Server Error\r\n\r\n{\"message\":"
	      "\"Multiple IDs found with provided prefix: d\"}")},
	 1,
	 OWNER_NOTFOUND,
	 ""},
	{"other 500",
	 0,
	 "a",
	 {ANS("HTTP/1.1 500 Internal Server Error\r\n\r\n{\"message\":"
	      "\"boom\"}")},
	 1,
	 OWNER_EUPSTREAM,
	 ""},
	{"200 but an array", 0, "a", {ANS(J200 "[]")}, 1, OWNER_EUPSTREAM, ""},
	{"exec owned",
	 1,
	 ID_E,
	 {EX("/v1.41/exec/" ID_E "/json",
	     J200 "{\"ID\":\"" ID_E "\",\"ContainerID\":\"" ID_A "\"}"),
	  EX("/v1.41/containers/" ID_A "/json", CTR(LBL_ALICE))},
	 2,
	 OWNER_OK,
	 ID_E},
	{"exec of bob's container",
	 1,
	 ID_E,
	 {ANS(J200 "{\"ID\":\"" ID_E "\",\"ContainerID\":\"" ID_A "\"}"),
	  ANS(CTR("{\"io.docker-gate.owner\":\"bob\"}"))},
	 2,
	 OWNER_FOREIGN,
	 ""},
	{"exec of a removed container",
	 1,
	 ID_E,
	 {ANS(J200 "{\"ID\":\"" ID_E "\",\"ContainerID\":\"" ID_A "\"}"),
	  ANS("HTTP/1.1 404 Not Found\r\n\r\n{}")},
	 2,
	 OWNER_NOTFOUND,
	 ""},
	{"exec answers for another ID",
	 1,
	 ID_E,
	 {ANS(J200 "{\"ID\":\"" ID_A "\",\"ContainerID\":\"" ID_A "\"}")},
	 1,
	 OWNER_EUPSTREAM,
	 ""},
	{"volume owned",
	 2,
	 "data",
	 {EX("/v1.41/volumes/data",
	     J200 "{\"Name\":\"data\",\"Labels\":" LBL_ALICE "}")},
	 1,
	 OWNER_OK,
	 "data"},
	{"volume answers for another name",
	 2,
	 "data",
	 {ANS(J200 "{\"Name\":\"dat\",\"Labels\":" LBL_ALICE "}")},
	 1,
	 OWNER_EUPSTREAM,
	 ""},
	{"network host by ID",
	 3,
	 "0123",
	 {EX("/v1.41/networks/0123",
	     J200 "{\"Id\":\"" ID_A "\",\"Name\":\"host\",\"Labels\":{}}")},
	 1,
	 OWNER_SHARED,
	 ID_A},
	{"network owned",
	 3,
	 "net1",
	 {ANS(J200 "{\"Id\":\"" ID_A
		   "\",\"Name\":\"net1\",\"Labels\":" LBL_ALICE "}")},
	 1,
	 OWNER_OK,
	 ID_A},
	{"network ambiguous (400)",
	 3,
	 "a",
	 {ANS("HTTP/1.1 400 Bad Request\r\n\r\n{\"message\":\"network a is "
	      "ambiguous (2 matches found based on ID prefix)\"}")},
	 1,
	 OWNER_NOTFOUND,
	 ""},
};

typedef int (*owner_fn)(const char *, unsigned, const char *, const char *,
			char *, size_t, char *, size_t);
static const owner_fn owner_fns[] = {owner_container, owner_exec, owner_volume,
				     owner_network};

static void own_case_run(const struct own_case *c)
{
	char id[OWNER_FULLID_MAX], err[256];
	pid_t pid = fake_start(c->x, c->nx);
	int rc = owner_fns[c->kind](fake_path, 41, c->ref, "alice", id,
				    sizeof(id), err, sizeof(err));
	int child = fake_end(pid);

	CHECK(rc == c->rc, "%s: rc %s want %s (%s)", c->name, owner_rc_name(rc),
	      owner_rc_name(c->rc), err);
	CHECK(strcmp(id, c->id) == 0, "%s: id '%s'", c->name, id);
	CHECK(child == 0, "%s: fake daemon saw a wrong request (%d)", c->name,
	      child);
	printf("     owner: %s -> %s (%s)\n", c->name, owner_rc_name(rc), err);
}

/* References refused before any request (no daemon listening). */
static void own_refs(void)
{
	static const char *const bad[] = {"",	  "..",	 ".",	 "a/../b",
					  "a//b", "a b", "a%2F", "a?x",
					  "a#",	  "//x", "x\n"};
	char id[OWNER_FULLID_MAX], err[256];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = owner_container(fake_path, 41, bad[i], "alice", id,
					 sizeof(id), err, sizeof(err));

		CHECK(rc == OWNER_NOTFOUND, "ref '%s': %s", bad[i],
		      owner_rc_name(rc));
	}
	CHECK(owner_volume(fake_path, 41, "a/b", "alice", id, sizeof(id), err,
			   sizeof(err)) == OWNER_NOTFOUND,
	      "volume a/b");
	CHECK(owner_exec(fake_path, 41, "abc", "alice", id, sizeof(id), err,
			 sizeof(err)) == OWNER_NOTFOUND,
	      "short exec id");
	CHECK(owner_container(fake_path, 41, "web", "", id, sizeof(id), err,
			      sizeof(err)) == OWNER_EUPSTREAM,
	      "empty user");
	CHECK(owner_container(fake_path, 41, "web", "alice", id, 64, err,
			      sizeof(err)) == OWNER_EUPSTREAM,
	      "small buffer");
	printf("     owner: %zu malformed references refused unsent\n", i);
}

static int run_fake(void)
{
	size_t i;

	snprintf(fake_path, sizeof(fake_path), "/tmp/dgown-fake-%d.sock",
		 (int)getpid());
	for (i = 0; i < sizeof(up_cases) / sizeof(up_cases[0]); i++)
		up_case_run(&up_cases[i]);
	up_misc();
	for (i = 0; i < sizeof(own_cases) / sizeof(own_cases[0]); i++)
		own_case_run(&own_cases[i]);
	own_refs();
	return failures ? 1 : 0;
}

/* ------------------------------------------------------------------ */
/* Live checks against a real dockerd.                                 */

static int kind_index(const char *k)
{
	static const char *const kinds[] = {"container", "exec", "volume",
					    "network"};
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(k, kinds[i]) == 0)
			return i;
	return -1;
}

static int rc_index(const char *s)
{
	static const char *const rcs[] = {"OK", "NOTFOUND", "FOREIGN", "SHARED",
					  "EUPSTREAM"};
	int i;

	for (i = 0; i < 5; i++)
		if (strcmp(s, rcs[i]) == 0)
			return i;
	return -1;
}

static int run_live(const char *sock, unsigned api)
{
	char line[1024], kind[32], ref[512], user[64], rcs[32], want[512];
	int n = 0;

	while (fgets(line, sizeof(line), stdin)) {
		char id[OWNER_FULLID_MAX], err[512];
		int k, want_rc, rc;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (sscanf(line, "%31s %511s %63s %31s %511s", kind, ref, user,
			   rcs, want) != 5 ||
		    (k = kind_index(kind)) < 0 ||
		    (want_rc = rc_index(rcs)) < 0) {
			printf("FAIL bad table line: %s", line);
			failures++;
			continue;
		}
		rc = owner_fns[k](sock, api, ref, user, id, sizeof(id), err,
				  sizeof(err));
		n++;
		if (rc != want_rc ||
		    strcmp(id, strcmp(want, "-") ? want : "")) {
			failures++;
			printf("FAIL %s %s as %s: %s id '%s' (want %s %s) "
			       "[%s]\n",
			       kind, ref, user, owner_rc_name(rc), id, rcs,
			       want, err);
		} else {
			printf("ok   %s %s as %s: %s %.12s [%s]\n", kind, ref,
			       user, owner_rc_name(rc), id, err);
		}
	}
	printf("live: %d checks, %d failed\n", n, failures);
	return failures ? 1 : 0;
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

static int run_bench(const char *sock, unsigned api, const char *kind,
		     const char *ref, const char *user, int n)
{
	long long *t = calloc((size_t)n, sizeof(*t));
	int k = kind_index(kind), raw = strcmp(kind, "raw") == 0, i;

	if (!t || (k < 0 && !raw) || n <= 0)
		return 2;
	for (i = 0; i < n; i++) {
		char id[OWNER_FULLID_MAX], err[256];
		long long t0 = now_us();
		json_t *body = NULL;
		int status;

		/* raw: one GET of `ref` as the target, for comparison */
		if (raw)
			upstream_get_json(sock, ref, OWNER_TIMEOUT_MS, &status,
					  &body, err, sizeof(err));
		else
			owner_fns[k](sock, api, ref, user, id, sizeof(id), err,
				     sizeof(err));
		t[i] = now_us() - t0;
		json_decref(body);
	}
	qsort(t, (size_t)n, sizeof(*t), cmp_ll);
	printf("bench: %s %s as %s, %d lookups: p50 %lld us, p99 %lld us, "
	       "max %lld us\n",
	       kind, ref, user, n, t[n / 2], t[n * 99 / 100], t[n - 1]);
	free(t);
	return 0;
}

int main(int argc, char **argv)
{
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 2 && strcmp(argv[1], "fake") == 0)
		return run_fake();
	if (argc == 4 && strcmp(argv[1], "live") == 0)
		return run_live(argv[2], (unsigned)atoi(argv[3]));
	if ((argc == 3 || argc == 4) && strcmp(argv[1], "filters") == 0) {
		char err[256], *out;
		int rc = filters_add_owner(argc == 4 ? argv[3] : NULL, argv[2],
					   &out, err, sizeof(err));

		if (rc != FILTERS_OK) {
			fprintf(stderr, "filters: %d: %s\n", rc, err);
			return 1;
		}
		printf("%s\n", out);
		free(out);
		return 0;
	}
	if (argc == 8 && strcmp(argv[1], "bench") == 0)
		return run_bench(argv[2], (unsigned)atoi(argv[3]), argv[4],
				 argv[5], argv[6], atoi(argv[7]));
	fprintf(stderr,
		"usage: %s fake | live SOCK API_MINOR < table | "
		"bench SOCK API_MINOR kind ref user N | filters USER [F]\n",
		argv[0]);
	return 2;
}
