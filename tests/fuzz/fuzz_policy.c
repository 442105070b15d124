/*
 * libFuzzer harness for the policy loader (plugin/policy_load.c and what
 * it calls: the pre-scan, libconfuse, the validators) and for decisions
 * and descriptions on whatever loads.
 *
 * Input: up to three policy files separated by lines "%%":
 *   default.conf \n%%\n groups/students.conf \n%%\n users/alice.conf
 * written into a private directory and loaded through the same loader the
 * plugin uses (with a plain open() as open_trusted).
 *
 * Besides memory errors it checks: a failed load names the file, and a
 * line that exists in it; every key a loaded file sets has the line of its
 * assignment (our pre-scan agrees with libconfuse); a policy that loads
 * never came from bytes holding "${" (libconfuse would have filled it from
 * the environment); every denial has a message that reads well and avoids
 * the phrases the docker CLI reinterprets; every decision names a rule.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "docker-gate/plugin.h"
#include "policy.h"
#include "policy_eval.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond))                                                   \
			__builtin_trap();                                      \
	} while (0)

#define FUZZ_SEP "\n%%\n"
#define FUZZ_ERR 1024

static const char *const fuzz_files[] = {"default.conf", "groups/students.conf",
					 "users/alice.conf"};
#define FUZZ_NFILES 3

static char fuzz_dir[64];
static unsigned int fuzz_lines[FUZZ_NFILES]; /* lines in each file written */

static int fuzz_open(const char *path, char *err, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		snprintf(err, len, "cannot open");
	return fd;
}

static const struct dgp_io fuzz_io = {NULL, fuzz_open};

static void fuzz_cleanup(void)
{
	char path[128];
	int i;

	for (i = 0; i < FUZZ_NFILES; i++) {
		snprintf(path, sizeof(path), "%s/%s", fuzz_dir, fuzz_files[i]);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/groups", fuzz_dir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/users", fuzz_dir);
	rmdir(path);
	rmdir(fuzz_dir);
}

static void fuzz_init(void)
{
	char path[128];

	if (fuzz_dir[0])
		return;
	snprintf(fuzz_dir, sizeof(fuzz_dir), "/dev/shm/fuzz_policy.XXXXXX");
	if (!mkdtemp(fuzz_dir)) {
		snprintf(fuzz_dir, sizeof(fuzz_dir), "/tmp/fuzz_policy.XXXXXX");
		CHECK(mkdtemp(fuzz_dir));
	}
	snprintf(path, sizeof(path), "%s/groups", fuzz_dir);
	CHECK(mkdir(path, 0700) == 0);
	snprintf(path, sizeof(path), "%s/users", fuzz_dir);
	CHECK(mkdir(path, 0700) == 0);
	/* values that must never reach a policy */
	setenv("DGP_FUZZ_ROOT", "/", 1);
	setenv("HOME", "/fuzz-env-home", 1);
	atexit(fuzz_cleanup);
}

static void fuzz_write(int i, const uint8_t *p, size_t n, int present)
{
	char path[128];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", fuzz_dir, fuzz_files[i]);
	fuzz_lines[i] = 0;
	if (!present) {
		unlink(path);
		return;
	}
	fuzz_lines[i] = 1;
	for (size_t k = 0; k < n; k++)
		fuzz_lines[i] += p[k] == '\n';
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	CHECK(fd >= 0);
	CHECK(n == 0 || write(fd, p, n) == (ssize_t)n);
	close(fd);
}

/* Splits the input at FUZZ_SEP into the three files. */
static void fuzz_files_from(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size;
	int i;

	for (i = 0; i < FUZZ_NFILES; i++) {
		const uint8_t *sep;
		size_t n;

		if (!p) {
			fuzz_write(i, NULL, 0, 0);
			continue;
		}
		sep = i + 1 == FUZZ_NFILES
			      ? NULL
			      : memmem(p, (size_t)(end - p), FUZZ_SEP,
				       sizeof(FUZZ_SEP) - 1);
		n = sep ? (size_t)(sep - p) : (size_t)(end - p);
		fuzz_write(i, p, n, 1);
		p = sep ? sep + sizeof(FUZZ_SEP) - 1 : NULL;
	}
}

static const gid_t fz_gids[] = {1001, 2000};
static const char *const fz_gnames[] = {"alice", "students"};
static const struct dg_user fz_users[] = {
	{sizeof(struct dg_user), 1001, 1001, 1, "alice", "/home/alice", fz_gids,
	 fz_gnames, 2},
	{sizeof(struct dg_user), 7000, 7000, 1, NULL, NULL, NULL, NULL, 0},
	{sizeof(struct dg_user), 1002, 1002, 1, "bob", "/home/bob", NULL, NULL,
	 0},
};

static const struct dg_mount fz_mounts[] = {
	{DG_MOUNT_VOLUME, "v", "/v", 0, "-v v:/v"},
	{DG_MOUNT_BIND, "/home/alice/x", "/x", 0, "-v /home/alice/x:/x"},
	{DG_MOUNT_BIND, "/etc", "/e", 1, "-v /etc:/e:ro"},
	{DG_MOUNT_VOLUME_BIND, "/srv/course", "/c", 0, NULL},
	{DG_MOUNT_BIND, "/", "/r", 0, "-v /:/r"},
};

static const struct dg_port fz_ports[] = {
	{"127.0.0.1", 10010, 10019, 80, "tcp", "-p 127.0.0.1:10010-10019:80"},
	{"", 8080, 8080, 80, "tcp", "-p 8080:80"},
	{"::1", 10011, 10011, 80, "udp", NULL},
	{"", 0, 0, 80, "tcp", "-p 80"},
};

static const struct dg_runas fz_runas[] = {
	{DG_RUNAS_DEFAULT, "", -1, -1},
	{DG_RUNAS_ROOT, "0", 0, -1},
	{DG_RUNAS_NAME, "nobody", -1, -1},
	{DG_RUNAS_NUMERIC, "1001", 1001, -1},
	{DG_RUNAS_NUMERIC, "1001:2000", 1001, 2000},
	{DG_RUNAS_NUMERIC, "5000:5000", 5000, 5000},
};
#define FZ_N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const fz_forbidden[] = {
	"permission denied", "no such file or directory",
	"executable file not found", "is a directory",
	"system cannot find the file specified"};

static void fuzz_check_decision(int rc, const struct dg_decision *d)
{
	size_t i, n = strlen(d->message);

	CHECK(rc == DG_ALLOW || rc == DG_DENY || rc == DG_ERROR);
	CHECK(d->rule[0] != '\0');
	if (rc == DG_ALLOW)
		return;
	CHECK(n > 0 && d->message[n - 1] != '\n');
	for (i = 0; i < FZ_N(fz_forbidden); i++)
		CHECK(strcasestr(d->message, fz_forbidden[i]) == NULL);
}

/* Images for the images key: asked by name, by ID, by digest. */
static const struct dg_image_ref fz_images[] = {
	{"docker.io/library/alpine", "latest", "",
	 "docker.io/library/alpine:latest"},
	{"docker.io/alice/app", "1", "", "docker.io/alice/app:1"},
	{"localhost:5000/x", "",
	 "sha256:"
	 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
	 "localhost:5000/x@sha256:"
	 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"},
};

static void fuzz_pull(const struct dgp_policy *p, const struct dg_user *u,
		      size_t variant)
{
	struct dg_pull pl = {sizeof(pl), &fz_images[variant % FZ_N(fz_images)]};
	struct dg_request r = {.size = sizeof(r),
			       .kind = DG_REQ_PULL,
			       .method = "POST",
			       .route = "/images/create",
			       .user = u,
			       .pull = &pl};
	struct dg_decision d;

	memset(&d, 0, sizeof(d));
	d.size = sizeof(d);
	fuzz_check_decision(dgp_eval(p, &r, &d), &d);
}

/* The options of policy 1.3, some of them set depending on variant. */
static void fuzz_run_options(struct dg_create *c, size_t variant)
{
	static const struct dg_ulimit ul = {"nofile", 1024, 2048};
	static const char *const topts[] = {"size", "exec"};
	static const struct dg_tmpfs tf = {"/run", 1048576, topts, 2,
					   "--tmpfs /run:size=1m,exec"};
	static const char *const lopts[] = {"max-size"};

	c->log_driver = variant % 3 == 1 ? "syslog" : "";
	c->log_opts = lopts;
	c->nlog_opts = variant % 4 == 2;
	c->ulimits = &ul;
	c->nulimits = variant % 3 == 2;
	c->tmpfs = &tf;
	c->ntmpfs = variant % 4 == 1;
	c->cgroup_parent = variant % 5 == 1 ? "x.slice" : "";
	c->oom_kill_disable = variant % 6 == 5;
	c->oom_score_adj = variant % 7 == 6 ? -100 : 0;
	c->restart = variant % 4 == 3 ? "always" : "no";
	c->limits.cpuset_cpus = variant % 5 == 2 ? "0-1" : "";
	c->limits.cpuset_mems = "";
	c->limits.cpu_shares = variant % 5 == 3 ? 2048 : 0;
	c->limits.storage_size = variant % 6 == 4 ? 1048576 : -1;
}

static void fuzz_decide(const struct dgp_policy *p, const struct dg_user *u,
			size_t variant)
{
	struct dg_create c;
	struct dg_exec x;
	struct dg_request r = {.size = sizeof(r),
			       .kind = DG_REQ_CREATE,
			       .method = "POST",
			       .route = "/containers/create",
			       .user = u,
			       .create = &c,
			       .exec = &x};
	struct dg_decision d;
	size_t m = variant % (FZ_N(fz_mounts) + 1);
	size_t pt = variant % (FZ_N(fz_ports) + 1);

	memset(&c, 0, sizeof(c));
	c.size = sizeof(c);
	c.image = "busybox";
	c.user = fz_runas[variant % FZ_N(fz_runas)];
	c.privileged = variant % 7 == 3;
	c.publish_all = variant % 5 == 4;
	c.mounts = fz_mounts;
	c.nmounts = m;
	c.ports = fz_ports;
	c.nports = pt;
	c.image_ref = &fz_images[variant % FZ_N(fz_images)];
	if (variant % 2) {
		c.image_id = "sha256:0123456789abcdef0123456789abcdef"
			     "0123456789abcdef0123456789abcdef";
		c.image_names = fz_images;
		c.nimage_names = variant % (FZ_N(fz_images) + 1);
	}
	fuzz_run_options(&c, variant);
	memset(&d, 0, sizeof(d));
	d.size = sizeof(d);
	fuzz_check_decision(dgp_eval(p, &r, &d), &d);

	x.size = sizeof(x);
	x.container = "c1";
	x.user = c.user;
	x.privileged = c.privileged;
	r.kind = DG_REQ_EXEC;
	memset(&d, 0, sizeof(d));
	d.size = sizeof(d);
	fuzz_check_decision(dgp_eval(p, &r, &d), &d);
	fuzz_pull(p, u, variant);
}

/* env_in_input: the input itself spells the environment's HOME. */
static void fuzz_decide_all(const struct dgp_policy *p, int env_in_input)
{
	static char buf[65536];
	size_t u, v;

	for (u = 0; u < FZ_N(fz_users); u++) {
		for (v = 0; v < 12; v++)
			fuzz_decide(p, &fz_users[u], v);
		dgp_describe(p, &fz_users[u], buf, sizeof(buf));
		CHECK(env_in_input || strstr(buf, "fuzz-env-home") == NULL);
	}
}

/* A line the loader reports must exist in the file it names. */
static void fuzz_check_line(const char *path, unsigned int line)
{
	int i;

	for (i = 0; i < FUZZ_NFILES; i++) {
		size_t n = strlen(fuzz_files[i]), m = strlen(path);

		if (m >= n && strcmp(path + m - n, fuzz_files[i]) == 0) {
			CHECK(line <= fuzz_lines[i]);
			return;
		}
	}
	CHECK(0);
}

static void fuzz_check_error(const char *err)
{
	const char *colon = strstr(err, ".conf:");
	char path[256];
	size_t n;

	CHECK(strncmp(err, fuzz_dir, strlen(fuzz_dir)) == 0);
	CHECK(colon != NULL);
	n = (size_t)(colon + 5 - err);
	CHECK(n < sizeof(path));
	memcpy(path, err, n);
	path[n] = '\0';
	if (colon[6] >= '0' && colon[6] <= '9')
		fuzz_check_line(path,
				(unsigned int)strtoul(colon + 6, NULL, 10));
}

/* Every key a file sets has the line of its assignment. */
static void fuzz_check_layer(const struct dgp_layer *l)
{
	int k;

	for (k = 0; k < DGP_NKEYS; k++) {
		if (!l->keys[k].set)
			continue;
		CHECK(l->keys[k].line > 0);
		fuzz_check_line(l->path, l->keys[k].line);
	}
}

static void fuzz_check_lines(const struct dgp_policy *p)
{
	size_t i;

	if (p->deflt)
		fuzz_check_layer(p->deflt);
	for (i = 0; i < p->ngroups; i++)
		fuzz_check_layer(&p->groups[i]);
	for (i = 0; i < p->nusers; i++)
		fuzz_check_layer(&p->users[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dgp_policy *p;
	char err[FUZZ_ERR];

	fuzz_init();
	fuzz_files_from(data, size);
	err[0] = '\0';
	p = dgp_policy_load(fuzz_dir, &fuzz_io, err, sizeof(err));
	if (!p) {
		fuzz_check_error(err);
		return 0;
	}
	CHECK(memmem(data, size, "${", 2) == NULL);
	fuzz_check_lines(p);
	fuzz_decide_all(p, memmem(data, size, "fuzz-env-home", 13) != NULL);
	dgp_policy_free(p);
	return 0;
}
