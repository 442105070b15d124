/*
 * Who is calling: uid, gid and pid from the kernel (SO_PEERCRED), name,
 * home and groups from NSS (so LDAP/SSSD accounts work).  Nothing the
 * client sends is ever consulted.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "gated.h"

#define IDENTITY_MAX_GROUPS 256
#define NSS_BUF_MAX	    (1u << 20)

static char *nss_name_of_group(gid_t gid)
{
	struct group gr, *res = NULL;
	size_t len = 4096;
	char *buf = NULL, *name = NULL;

	for (;;) {
		char *nb = realloc(buf, len);
		int rc;

		if (!nb)
			break;
		buf = nb;
		rc = getgrgid_r(gid, &gr, buf, len, &res);
		if (rc == ERANGE && len < NSS_BUF_MAX) {
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

static int lookup_user(uid_t uid, struct identity *id, gid_t *pw_gid)
{
	struct passwd pw, *res = NULL;
	size_t len = 4096;
	int rc;

	for (;;) {
		char *nb = realloc(id->buf, len);

		if (!nb)
			return -1;
		id->buf = nb;
		rc = getpwuid_r(uid, &pw, id->buf, len, &res);
		if (rc == ERANGE && len < NSS_BUF_MAX) {
			len *= 2;
			continue;
		}
		break;
	}
	if (rc != 0 || !res)
		return -1;
	id->name = strdup(pw.pw_name);
	id->home = strdup(pw.pw_dir);
	*pw_gid = pw.pw_gid;
	return id->name && id->home ? 0 : -1;
}

/* Groups: the kernel's gid first, then what NSS says the user is in. */
static int lookup_groups(struct identity *id, gid_t kgid, gid_t pw_gid)
{
	gid_t tmp[IDENTITY_MAX_GROUPS];
	int n = IDENTITY_MAX_GROUPS;
	size_t count = 0;

	if (getgrouplist(id->name, pw_gid, tmp, &n) < 0)
		n = IDENTITY_MAX_GROUPS; /* truncated: keep what fitted */
	id->groups = calloc((size_t)n + 1, sizeof(gid_t));
	id->group_names = calloc((size_t)n + 1, sizeof(char *));
	if (!id->groups || !id->group_names)
		return -1;
	id->groups[count++] = kgid;
	for (int i = 0; i < n; i++) {
		size_t j;

		for (j = 0; j < count && id->groups[j] != tmp[i]; j++)
			;
		if (j == count)
			id->groups[count++] = tmp[i];
	}
	for (size_t i = 0; i < count; i++)
		id->group_names[i] = nss_name_of_group(id->groups[i]);
	id->user.ngroups = count;
	return 0;
}

int identity_from_socket(int fd, struct identity *id, char *err, size_t errlen)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);
	gid_t pw_gid = 0;

	memset(id, 0, sizeof(*id));
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0 ||
	    len != sizeof(cred)) {
		snprintf(err, errlen, "cannot tell who is calling");
		return -1;
	}
	id->user.size = sizeof(id->user);
	id->user.uid = cred.uid;
	id->user.gid = cred.gid;
	id->user.pid = cred.pid;
	/* fail closed: an account NSS does not know gets no policy. */
	if (lookup_user(cred.uid, id, &pw_gid) < 0) {
		snprintf(err, errlen, "uid %u has no user account on this host",
			 (unsigned)cred.uid);
		return -1;
	}
	if (lookup_groups(id, cred.gid, pw_gid) < 0) {
		snprintf(err, errlen, "cannot look up the groups of %s",
			 id->name);
		return -1;
	}
	id->user.name = id->name;
	id->user.home = id->home;
	id->user.groups = id->groups;
	id->user.group_names = (const char *const *)id->group_names;
	return 0;
}

void identity_free(struct identity *id)
{
	for (size_t i = 0; id->group_names && i < id->user.ngroups; i++)
		free(id->group_names[i]);
	free(id->group_names);
	free(id->groups);
	free(id->name);
	free(id->home);
	free(id->buf);
	memset(id, 0, sizeof(*id));
}
