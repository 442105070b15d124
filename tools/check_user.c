/*
 * The user -u names, as the gate's identity.c would see them when they
 * connect: name and home from NSS, the primary gid first (the kernel's
 * gid of a login session), then every group getgrouplist() reports, each
 * with its name (NULL when NSS does not know it).  identity.c starts from
 * SO_PEERCRED and cannot be called without a connection, so its NSS steps
 * are repeated here; keep the two alike.
 */
#include "check.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The same bounds as gate/identity.c. */
#define USER_GROUPS_MAX	 256
#define USER_NSS_BUF_MAX (1u << 20)

/* getpwnam_r or getpwuid_r into a growing buffer; 0 or -1. */
static int user_passwd(const char *arg, struct passwd *pw, char **buf)
{
	struct passwd *res = NULL;
	size_t len = 4096;
	char *end;
	unsigned long uid;
	int rc, numeric;

	errno = 0;
	uid = strtoul(arg, &end, 10);
	numeric = arg[0] >= '0' && arg[0] <= '9' && !*end && !errno &&
		  uid == (uid_t)uid;
	for (;;) {
		char *nb = realloc(*buf, len);

		if (!nb)
			return -1;
		*buf = nb;
		rc = numeric ? getpwuid_r((uid_t)uid, pw, *buf, len, &res)
			     : getpwnam_r(arg, pw, *buf, len, &res);
		if (rc != ERANGE || len >= USER_NSS_BUF_MAX)
			break;
		len *= 2;
	}
	return rc == 0 && res ? 0 : -1;
}

static char *user_group_name(gid_t gid)
{
	struct group gr, *res = NULL;
	size_t len = 4096;
	char *buf = NULL, *name = NULL;
	int rc;

	for (;;) {
		char *nb = realloc(buf, len);

		if (!nb)
			break;
		buf = nb;
		rc = getgrgid_r(gid, &gr, buf, len, &res);
		if (rc == ERANGE && len < USER_NSS_BUF_MAX) {
			len *= 2;
			continue;
		}
		if (rc == 0 && res)
			name = strdup(res->gr_name);
		break;
	}
	free(buf);
	return name;
}

/* Primary gid first, then getgrouplist()'s, without repeats. */
static int user_groups(struct check_user *cu, gid_t gid)
{
	gid_t tmp[USER_GROUPS_MAX];
	int n = USER_GROUPS_MAX, i;
	size_t count = 0, j;

	if (getgrouplist(cu->name, gid, tmp, &n) < 0)
		n = USER_GROUPS_MAX; /* truncated: keep what fitted */
	cu->groups = calloc((size_t)n + 1, sizeof(*cu->groups));
	cu->group_names = calloc((size_t)n + 1, sizeof(*cu->group_names));
	if (!cu->groups || !cu->group_names)
		return -1;
	cu->groups[count++] = gid;
	for (i = 0; i < n; i++) {
		for (j = 0; j < count && cu->groups[j] != tmp[i]; j++)
			;
		if (j == count)
			cu->groups[count++] = tmp[i];
	}
	for (j = 0; j < count; j++)
		cu->group_names[j] = user_group_name(cu->groups[j]);
	cu->user.ngroups = count;
	return 0;
}

int check_user_lookup(const char *arg, struct check_user *cu, char *err,
		      size_t errlen)
{
	struct passwd pw;
	char *buf = NULL;

	memset(cu, 0, sizeof(*cu));
	if (user_passwd(arg, &pw, &buf) < 0) {
		free(buf);
		snprintf(err, errlen, "%s: no such user", arg);
		return -1;
	}
	cu->name = strdup(pw.pw_name);
	cu->home = strdup(pw.pw_dir);
	cu->user.size = sizeof(cu->user);
	cu->user.uid = pw.pw_uid;
	cu->user.gid = pw.pw_gid;
	free(buf);
	if (!cu->name || !cu->home || user_groups(cu, cu->user.gid) < 0) {
		check_user_free(cu);
		snprintf(err, errlen, "%s: out of memory", arg);
		return -1;
	}
	cu->user.name = cu->name;
	cu->user.home = cu->home;
	cu->user.groups = cu->groups;
	cu->user.group_names = (const char *const *)cu->group_names;
	return 0;
}

void check_user_free(struct check_user *cu)
{
	size_t i;

	for (i = 0; cu->group_names && i < cu->user.ngroups; i++)
		free(cu->group_names[i]);
	free(cu->group_names);
	free(cu->groups);
	free(cu->name);
	free(cu->home);
	memset(cu, 0, sizeof(*cu));
}
