/*
 * Entries of the run-option keys of policy 1.3 (see run_options.h).  Each
 * check runs when a policy file is parsed, so a typo is a file:line
 * error, never a rule that silently matches nothing.
 */
#include "run_options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy_keys.h"

#define NAME_MAX_LEN 64

/* Lower-case letters, digits and "-_." inside, as the gate takes log
 * driver and option names. */
static int name_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > NAME_MAX_LEN || s[0] < 'a' || s[0] > 'z' ||
	    strchr("-_.", s[n - 1]))
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-_.") == n;
}

int dgp_log_driver_check(const char *item, char *err, size_t errlen)
{
	if (name_ok(item))
		return 0;
	snprintf(err, errlen,
		 "log_drivers: \"%s\" is not a log driver name (e.g. "
		 "json-file, local)",
		 item);
	return -1;
}

int dgp_log_opt_check(const char *item, char *err, size_t errlen)
{
	if (name_ok(item))
		return 0;
	snprintf(err, errlen,
		 "log_opts: \"%s\" is not a log option name (e.g. max-size, "
		 "max-file)",
		 item);
	return -1;
}

/* The names the gate passes (gate/canon_run.c). */
static const char *const ulimit_names[] = {
	"core",	    "cpu",	  "data",   "fsize", "locks", "memlock",
	"msgqueue", "nice",	  "nofile", "nproc", "rss",   "rtprio",
	"rttime",   "sigpending", "stack",  NULL,
};

/* A decimal number without sign or leading zeros; -1 if not one. */
static long long decimal(const char *s, size_t n)
{
	long long v = 0;

	if (n == 0 || n > 18 || (s[0] == '0' && n > 1))
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* "NAME[=SOFT[:HARD]]" into its parts; maxima -1 when not given. */
static int ulimit_entry(const char *e, char *name, size_t len, long long *soft,
			long long *hard)
{
	const char *eq = strchr(e, '='), *colon;
	size_t n = eq ? (size_t)(eq - e) : strlen(e);

	if (n == 0 || n >= len)
		return -1;
	memcpy(name, e, n);
	name[n] = '\0';
	*soft = *hard = -1;
	if (!eq)
		return 0;
	colon = strchr(eq + 1, ':');
	*soft = decimal(eq + 1,
			colon ? (size_t)(colon - eq - 1) : strlen(eq + 1));
	*hard = colon ? decimal(colon + 1, strlen(colon + 1)) : *soft;
	return *soft < 0 || *hard < 0 || *soft > *hard ? -1 : 0;
}

int dgp_ulimit_check(const char *item, char *err, size_t errlen)
{
	char name[16];
	long long s, h;

	if (ulimit_entry(item, name, sizeof(name), &s, &h) == 0)
		for (size_t i = 0; ulimit_names[i]; i++)
			if (!strcmp(name, ulimit_names[i]))
				return 0;
	snprintf(err, errlen,
		 "ulimits: \"%s\" must be NAME, NAME=MAX or NAME=SOFT:HARD "
		 "with NAME one of core, cpu, data, fsize, locks, memlock, "
		 "msgqueue, nice, nofile, nproc, rss, rtprio, rttime, "
		 "sigpending, stack",
		 item);
	return -1;
}

int dgp_ulimit_match(const char *entry, const struct dg_ulimit *u)
{
	char name[16];
	long long s, h;

	if (ulimit_entry(entry, name, sizeof(name), &s, &h) ||
	    strcmp(name, u->name))
		return 0;
	if (s < 0)
		return 1; /* the name alone: any values */
	/* -1 (unlimited) is over every maximum */
	return u->soft >= 0 && u->hard >= 0 && u->soft <= s && u->hard <= h;
}

/* What the gate passes for a tmpfs (gate/canon_tmpfs.c). */
static const char *const tmpfs_opts[] = {
	"ro",	    "rw",	  "exec",	 "noexec",
	"suid",	    "nosuid",	  "dev",	 "nodev",
	"atime",    "noatime",	  "diratime",	 "nodiratime",
	"relatime", "norelatime", "strictatime", "nostrictatime",
	"sync",	    "async",	  "dirsync",	 "size",
	"mode",	    "uid",	  "gid",	 "nr_inodes",
	NULL,
};

int dgp_tmpfs_option_free(const char *name)
{
	static const char *const free_opts[] = {
		"ro", "rw", "noexec", "nosuid", "nodev", "size", "mode", NULL,
	};

	for (size_t i = 0; free_opts[i]; i++)
		if (!strcmp(name, free_opts[i]))
			return 1;
	return 0;
}

int dgp_tmpfs_option_check(const char *item, char *err, size_t errlen)
{
	for (size_t i = 0; tmpfs_opts[i]; i++)
		if (!strcmp(item, tmpfs_opts[i]))
			return 0;
	snprintf(err, errlen,
		 "tmpfs_options: \"%s\" is not a tmpfs option docker-gate "
		 "passes (exec, suid, dev, uid, gid, nr_inodes, the atime "
		 "flags, sync, async, dirsync)",
		 item);
	return -1;
}

/* As the gate checks a --cgroup-parent: letters, digits, "_.@:-/", no
 * ".." component. */
static int cgroup_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n >= DGP_CGROUP_MAX ||
	    strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		      "0123456789_.@:-/") != n)
		return 0;
	for (const char *p = s; (p = strstr(p, "..")); p++)
		if ((p == s || p[-1] == '/') && (p[2] == '\0' || p[2] == '/'))
			return 0;
	return 1;
}

int dgp_cgroup_parent_expand(const char *tpl, const struct dgp_tpl_vars *v,
			     char *out, size_t len, char *err, size_t errlen)
{
	if (dgp_tpl_expand(tpl, DGP_TPL_USER | DGP_TPL_UID, v, out, len, err,
			   errlen) < 0)
		return -1;
	if (cgroup_ok(out))
		return 0;
	snprintf(err, errlen,
		 "\"%s\" is not a cgroup name (letters, digits, _.@:-/, no "
		 "'..', shorter than %d bytes)",
		 out, DGP_CGROUP_MAX);
	return -1;
}

int dgp_cgroup_parent_check(const char *item, char *err, size_t errlen)
{
	char out[DGP_CGROUP_MAX], why[256];

	if (dgp_cgroup_parent_expand(item, &dgp_sample_vars, out, sizeof(out),
				     why, sizeof(why)) == 0)
		return 0;
	snprintf(err, errlen, "cgroup_parent: %s", why);
	return -1;
}

int dgp_restart_check(const char *item, char *err, size_t errlen)
{
	if (!strcmp(item, "no") || !strcmp(item, "on-failure") ||
	    !strcmp(item, "unless-stopped") || !strcmp(item, "always") ||
	    (!strncmp(item, "on-failure:", 11) &&
	     decimal(item + 11, strlen(item + 11)) > 0))
		return 0;
	snprintf(err, errlen,
		 "restart: \"%s\" is not one of no, on-failure, "
		 "on-failure:N, unless-stopped, always",
		 item);
	return -1;
}

int dgp_restart_match(const char *entry, const char *name, long long retries)
{
	if (!strncmp(entry, "on-failure:", 11))
		/* 0 retries is no maximum */
		return !strcmp(name, "on-failure") && retries > 0 &&
		       retries <= decimal(entry + 11, strlen(entry + 11));
	return !strcmp(entry, name);
}
