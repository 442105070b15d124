/*
 * Shared by the policy plugin's unit tests (check_policy.c,
 * check_policy_options.c): a test host whose open_trusted() is a plain
 * open(), policy directories under a fresh temporary directory, two users
 * and helpers that build requests and check decisions.
 */
#ifndef POLICY_TEST_H
#define POLICY_TEST_H

#include <check.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "docker-gate/plugin.h"
#include "message.h"
#include "paths.h"
#include "plugin_export.h"
#include "ports.h"
#include "template.h"

#define P      docker_gate_policy
#define ERRLEN 1024

/* ---- test host ---------------------------------------------------- */

static char tdir[256];
static char logbuf[8192];
static const char *untrusted; /* paths containing this fail with EPERM */

static inline void host_log(int prio, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static inline void host_log(int prio, const char *fmt, ...)
{
	size_t n = strlen(logbuf);
	va_list ap;

	(void)prio;
	va_start(ap, fmt);
	vsnprintf(logbuf + n, sizeof(logbuf) - n, fmt, ap);
	va_end(ap);
	n = strlen(logbuf);
	if (n + 1 < sizeof(logbuf))
		strcat(logbuf, "\n");
}

static inline int host_open(const char *path, char *err, size_t len)
{
	int fd;

	if (untrusted && strstr(path, untrusted)) {
		snprintf(err, len, "owned by uid 1000, not root");
		errno = EPERM;
		return -1;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		snprintf(err, len, "%s", strerror(errno));
	return fd;
}

static const struct dg_host host = {sizeof(struct dg_host), DG_API_VERSION,
				    host_log, host_open};

/* ---- policy directories ------------------------------------------- */

static inline void put(const char *rel, const char *text)
{
	char path[512], *slash;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tdir, rel);
	for (slash = strchr(path + strlen(tdir) + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static inline int rm_one(const char *p, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(p);
}

static inline void setup(void)
{
	snprintf(tdir, sizeof(tdir), "/tmp/check_policy.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tdir));
	logbuf[0] = '\0';
	untrusted = NULL;
}

static inline void teardown(void)
{
	P.close();
	nftw(tdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static inline int try_open(char *err)
{
	char opt[300];
	const char *opts[] = {opt, NULL};

	snprintf(opt, sizeof(opt), "policy_dir=%s", tdir);
	err[0] = '\0';
	return P.open(DG_API_VERSION, &host, opts, err, ERRLEN);
}

/* Writes default.conf (NULL: none), groups/students.conf, users/alice.conf
 * and opens the plugin on them. */
static inline void policy(const char *deflt, const char *students, const char *alice)
{
	char err[ERRLEN];

	if (deflt)
		put("default.conf", deflt);
	if (students)
		put("groups/students.conf", students);
	if (alice)
		put("users/alice.conf", alice);
	ck_assert_msg(try_open(err) == 1, "open failed: %s", err);
}

/* Opening must fail with an error containing want. */
static inline void policy_fails(const char *deflt, const char *want)
{
	char err[ERRLEN];

	put("default.conf", deflt);
	ck_assert_int_eq(try_open(err), -1);
	ck_assert_msg(strstr(err, want), "error \"%s\" lacks \"%s\"", err,
		      want);
}

/* ---- users and requests ------------------------------------------- */

static const gid_t alice_gids[] = {1001, 2000, 2100};
static const char *const alice_gnames[] = {"alice", "students", "course"};
static const struct dg_user alice = {
	sizeof(struct dg_user), 1001,	    1001,	  4242, "alice",
	"/home/alice",		alice_gids, alice_gnames, 3};
static const gid_t bob_gids[] = {1002};
static const char *const bob_gnames[] = {"bob"};
static const struct dg_user bob = {sizeof(struct dg_user),
				   1002,
				   1002,
				   4243,
				   "bob",
				   "/home/bob",
				   bob_gids,
				   bob_gnames,
				   1};

static inline struct dg_runas runas(enum dg_runas_kind k, const char *raw,
			     long long uid, long long gid)
{
	struct dg_runas r = {k, raw, uid, gid};

	return r;
}

/* The official busybox image, as the gate resolves "busybox". */
static const struct dg_image_ref busybox_ref = {
	"docker.io/library/busybox", "latest", "",
	"docker.io/library/busybox:latest"};

static inline struct dg_create create(void)
{
	struct dg_create c;

	memset(&c, 0, sizeof(c));
	c.size = sizeof(c);
	c.image = "busybox";
	c.user = runas(DG_RUNAS_DEFAULT, "", -1, -1);
	c.image_ref = &busybox_ref;
	c.image_id = "sha256:"
		     "0123456789abcdef0123456789abcdef0123456789abcdef01234567"
		     "89abcdef";
	c.image_names = &busybox_ref;
	c.nimage_names = 1;
	/* since 1.3: what the gate sends for a plain docker run */
	c.log_driver = "";
	c.cgroup_parent = "";
	c.restart = "no";
	c.limits.cpuset_cpus = "";
	c.limits.cpuset_mems = "";
	c.limits.storage_size = -1;
	return c;
}

/* Phrases that make the docker CLI change its exit code. */
static const char *const forbidden[] = {
	"permission denied", "no such file or directory",
	"executable file not found", "is a directory",
	"system cannot find the file specified"};

static inline void message_hygiene(const struct dg_decision *d)
{
	size_t i, n = strlen(d->message);
	char low[DG_MESSAGE_MAX];

	ck_assert_msg(n > 0, "denial without a message");
	ck_assert_msg(d->message[n - 1] != '\n', "message ends in newline");
	for (i = 0; i <= n; i++)
		low[i] = (char)(d->message[i] >= 'A' && d->message[i] <= 'Z'
					? d->message[i] + 32
					: d->message[i]);
	for (i = 0; i < sizeof(forbidden) / sizeof(forbidden[0]); i++)
		ck_assert_msg(!strstr(low, forbidden[i]), "\"%s\" in \"%s\"",
			      forbidden[i], d->message);
}

static inline int decide(const struct dg_request *req, struct dg_decision *d)
{
	int rc;

	memset(d, 0x5a, sizeof(*d)); /* the plugin must clear it */
	d->size = sizeof(*d);
	rc = P.check(req, d);
	ck_assert_msg(d->rule[0], "no rule for the decision");
	if (rc == DG_DENY)
		message_hygiene(d);
	return rc;
}

static inline int check_create(const struct dg_user *u, const struct dg_create *c,
			struct dg_decision *d)
{
	struct dg_request r = {.size = sizeof(r),
			       .kind = DG_REQ_CREATE,
			       .method = "POST",
			       .route = "/containers/create",
			       .user = u,
			       .create = c};

	return decide(&r, d);
}

static inline int check_exec(const struct dg_user *u, struct dg_runas ra,
		      int privileged, struct dg_decision *d)
{
	struct dg_exec x = {sizeof(x), "c1", ra, privileged};
	struct dg_request r = {.size = sizeof(r),
			       .kind = DG_REQ_EXEC,
			       .method = "POST",
			       .route = "/containers/{id}/exec",
			       .object = "c1",
			       .user = u,
			       .exec = &x};

	return decide(&r, d);
}

/* A create with one bind of src (and the CLI text -v src:/x). */
static inline int check_bind(const struct dg_user *u, enum dg_mount_kind kind,
		      const char *src, struct dg_decision *d)
{
	struct dg_create c = create();
	char cli[300];
	struct dg_mount m = {kind, src, "/x", 0, cli};

	snprintf(cli, sizeof(cli), "-v %s:/x", src);
	c.mounts = &m;
	c.nmounts = 1;
	return check_create(u, &c, d);
}

/* A create publishing one port; cli is built like the docker CLI's. */
static inline int check_port(const struct dg_user *u, const char *ip, unsigned int lo,
		      unsigned int hi, const char *proto, struct dg_decision *d)
{
	struct dg_create c = create();
	char cli[128];
	struct dg_port p = {ip, lo, hi, 80, proto, cli};

	if (lo == 0)
		snprintf(cli, sizeof(cli), "-p 80");
	else if (*ip)
		snprintf(cli, sizeof(cli), "-p %s:%u:80", ip, lo);
	else
		snprintf(cli, sizeof(cli), "-p %u:80", lo);
	c.ports = &p;
	c.nports = 1;
	return check_create(u, &c, d);
}

static inline void has(const char *text, const char *want)
{
	ck_assert_msg(strstr(text, want), "\"%s\" lacks \"%s\"", text, want);
}

static inline void rule_is(const struct dg_decision *d, const char *file, int line)
{
	char want[512];

	if (line)
		snprintf(want, sizeof(want), "%s/%s:%d", tdir, file, line);
	else
		snprintf(want, sizeof(want), "%s", file);
	ck_assert_str_eq(d->rule, want);
}

/* The plugin reopened on new files (a test may open it several times). */
static inline void repolicy(const char *deflt, const char *students,
			    const char *al)
{
	P.close();
	policy(deflt, students, al);
}

static inline void repolicy_fails(const char *deflt, const char *want)
{
	P.close();
	policy_fails(deflt, want);
}

/* Denied with a message containing want, decided by a rule containing
 * rule ("" for any). */
static inline void denied_by(int rc, const struct dg_decision *d,
			     const char *want, const char *rule)
{
	ck_assert_int_eq(rc, DG_DENY);
	ck_assert_msg(strstr(d->message, want), "\"%s\" lacks \"%s\"",
		      d->message, want);
	ck_assert_msg(strstr(d->rule, rule), "rule \"%s\" lacks \"%s\"",
		      d->rule, rule);
}

#endif
