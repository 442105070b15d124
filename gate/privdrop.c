/*
 * Least privilege: the gate needs only the upstream socket's group.  Started
 * as root, it becomes run_user with exactly that supplementary group, with
 * an empty bounding set and no capabilities, sets no_new_privs, and then
 * verifies all of it, aborting start-up if any check fails (OpenSSH's
 * "try to regain and abort if you can").
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/capability.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "gated.h"

static int bounding_dropped;

static int drop_bounding_set(void)
{
	bounding_dropped = 1;
	for (cap_value_t c = 0; c <= CAP_LAST_CAP; c++)
		if (prctl(PR_CAPBSET_DROP, c, 0, 0, 0) < 0 && errno != EINVAL)
			return -1;
	return prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
}

static int clear_caps(void)
{
	cap_t none = cap_init();
	int rc;

	if (!none)
		return -1;
	rc = cap_set_proc(none);
	cap_free(none);
	return rc;
}

static int become_user(const struct gate_config *cfg, char *err, size_t errlen)
{
	struct passwd *pw = getpwnam(cfg->run_user);
	struct group *gr = getgrnam(cfg->upstream_group);
	gid_t sup;

	if (!pw) {
		snprintf(err, errlen, "user %s does not exist", cfg->run_user);
		return -1;
	}
	if (pw->pw_uid == 0) {
		snprintf(err, errlen, "refusing to run as root (--user %s)",
			 cfg->run_user);
		return -1;
	}
	if (!gr) {
		snprintf(err, errlen, "group %s does not exist",
			 cfg->upstream_group);
		return -1;
	}
	sup = gr->gr_gid;
	if (drop_bounding_set() < 0 || setgroups(1, &sup) < 0 ||
	    setresgid(pw->pw_gid, pw->pw_gid, pw->pw_gid) < 0 ||
	    setresuid(pw->pw_uid, pw->pw_uid, pw->pw_uid) < 0) {
		snprintf(err, errlen, "cannot become %s: %s", cfg->run_user,
			 strerror(errno));
		return -1;
	}
	return 0;
}

int privdrop(const struct gate_config *cfg, char *err, size_t errlen)
{
	if (geteuid() == 0 && become_user(cfg, err, errlen) < 0)
		return -1;
	if (clear_caps() < 0 || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) {
		snprintf(err, errlen, "cannot drop capabilities: %s",
			 strerror(errno));
		return -1;
	}
	return privdrop_verify(err, errlen);
}

int privdrop_verify(char *err, size_t errlen)
{
	uid_t r, e, s;
	cap_t now = cap_get_proc(), none = cap_init();
	int caps_left = !now || !none || cap_compare(now, none) != 0;

	cap_free(now);
	cap_free(none);
	if (getresuid(&r, &e, &s) < 0 || r == 0 || e == 0 || s == 0) {
		snprintf(err, errlen, "still root after the drop");
		return -1;
	}
	/* fail closed: if we can get root back, something is wrong. */
	if (setuid(0) == 0 || seteuid(0) == 0 || setgid(0) == 0) {
		snprintf(err, errlen, "could regain root after the drop");
		return -1;
	}
	if (caps_left) {
		snprintf(err, errlen, "capabilities left after the drop");
		return -1;
	}
	/* Started unprivileged we could not empty the bounding set; with
	 * no_new_privs and no capabilities it cannot be used anyway. */
	for (cap_value_t c = 0; bounding_dropped && c <= CAP_LAST_CAP; c++)
		if (prctl(PR_CAPBSET_READ, c, 0, 0, 0) > 0) {
			snprintf(err, errlen, "bounding set not empty");
			return -1;
		}
	if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1) {
		snprintf(err, errlen, "no_new_privs is not set");
		return -1;
	}
	return 0;
}
