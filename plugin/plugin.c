/*
 * docker-gate's default policy plugin: the one exported struct.
 *
 * Threads: check() and describe() run concurrently under a read lock on
 * the current policy, which is immutable once loaded.  reload() parses a
 * new policy beside it (parsing is serialized inside policy_parse.c, as
 * libconfuse keeps global state) and swaps it in under the write lock;
 * on any error the old policy stays.  The lock prefers writers so that a
 * steady stream of checks cannot starve a reload.
 */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <syslog.h>

#include "docker-gate/plugin.h"
#include "plugin_export.h"
#include "policy.h"
#include "policy_eval.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif
#define PLUG_DEFAULT_DIR SYSCONFDIR "/docker-gate"

static pthread_once_t plug_once = PTHREAD_ONCE_INIT;
static pthread_rwlock_t plug_lock;
/* Serializes open, close and reload against each other. */
static pthread_mutex_t plug_admin = PTHREAD_MUTEX_INITIALIZER;
static struct dgp_policy *plug_policy; /* guarded by plug_lock */
static struct dgp_io plug_io;	       /* set by open, under plug_admin */
static char plug_dir[PATH_MAX];	       /* likewise */

static void plug_init_lock(void)
{
	pthread_rwlockattr_t attr;

	pthread_rwlockattr_init(&attr);
	pthread_rwlockattr_setkind_np(
		&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
	pthread_rwlock_init(&plug_lock, &attr);
	pthread_rwlockattr_destroy(&attr);
}

static int plug_options(const char *const options[], char *err, size_t len)
{
	const char *dir = PLUG_DEFAULT_DIR;
	size_t i;

	for (i = 0; options && options[i]; i++) {
		if (strncmp(options[i], "policy_dir=", 11) != 0) {
			snprintf(err, len, "unknown plugin option \"%s\"",
				 options[i]);
			return -1;
		}
		dir = options[i] + 11;
	}
	if (dir[0] != '/' || strlen(dir) >= sizeof(plug_dir)) {
		snprintf(err, len, "policy_dir must be an absolute path");
		return -1;
	}
	snprintf(plug_dir, sizeof(plug_dir), "%s", dir);
	return 0;
}

static int plug_open(unsigned int version, const struct dg_host *host,
		     const char *const options[], char *err, size_t errlen)
{
	struct dgp_policy *p;

	pthread_once(&plug_once, plug_init_lock);
	/* the 1.2 decision carries resource settings: an older host's
	 * struct dg_decision is too small for them */
	if (DG_API_VERSION_MAJOR(version) != DG_API_MAJOR ||
	    DG_API_VERSION_MINOR(version) < DG_API_MINOR || !host ||
	    host->size < sizeof(*host) ||
	    DG_API_VERSION_MAJOR(host->version) != DG_API_MAJOR ||
	    !host->open_trusted) {
		snprintf(err, errlen,
			 "policy plugin: incompatible host (API %u.%u, plugin "
			 "%d.%d)",
			 DG_API_VERSION_MAJOR(version),
			 DG_API_VERSION_MINOR(version), DG_API_MAJOR,
			 DG_API_MINOR);
		return -1;
	}
	pthread_mutex_lock(&plug_admin);
	if (plug_policy) {
		pthread_mutex_unlock(&plug_admin);
		snprintf(err, errlen, "policy plugin: already open");
		return -1;
	}
	if (plug_options(options, err, errlen) < 0) {
		pthread_mutex_unlock(&plug_admin);
		return -1;
	}
	plug_io.log = host->log;
	plug_io.open_trusted = host->open_trusted;
	p = dgp_policy_load(plug_dir, &plug_io, err, errlen);
	if (p) {
		pthread_rwlock_wrlock(&plug_lock);
		plug_policy = p;
		pthread_rwlock_unlock(&plug_lock);
		/* The uid is logged so that an administrator (and the tests)
		 * can see the policy never ran as root. */
		if (plug_io.log)
			plug_io.log(LOG_INFO,
				    "policy loaded from %s (plugin running as "
				    "uid %u)",
				    plug_dir, (unsigned int)geteuid());
	}
	pthread_mutex_unlock(&plug_admin);
	return p ? 1 : -1;
}

static void plug_close(void)
{
	struct dgp_policy *old;

	pthread_once(&plug_once, plug_init_lock);
	pthread_mutex_lock(&plug_admin);
	pthread_rwlock_wrlock(&plug_lock);
	old = plug_policy;
	plug_policy = NULL;
	pthread_rwlock_unlock(&plug_lock);
	pthread_mutex_unlock(&plug_admin);
	dgp_policy_free(old);
}

static int plug_check(const struct dg_request *req, struct dg_decision *dec)
{
	int rc;

	if (!dec || dec->size < sizeof(*dec))
		return DG_ERROR; /* fail closed: nowhere to say why */
	memset(dec->message, 0, sizeof(dec->message));
	memset(dec->rule, 0, sizeof(dec->rule));
	memset(&dec->force, 0, sizeof(dec->force));
	if (!req || req->size < sizeof(*req)) {
		snprintf(dec->message, sizeof(dec->message),
			 "malformed request given to the policy plugin");
		snprintf(dec->rule, sizeof(dec->rule), "built-in");
		return DG_ERROR;
	}
	pthread_once(&plug_once, plug_init_lock);
	pthread_rwlock_rdlock(&plug_lock);
	if (plug_policy) {
		rc = dgp_eval(plug_policy, req, dec);
	} else {
		snprintf(dec->message, sizeof(dec->message),
			 "no policy is loaded");
		snprintf(dec->rule, sizeof(dec->rule), "built-in");
		rc = DG_ERROR;
	}
	pthread_rwlock_unlock(&plug_lock);
	return rc;
}

static int plug_describe(const struct dg_user *user, char *buf, size_t len)
{
	int rc = -1;

	if (!buf || len == 0)
		return -1;
	buf[0] = '\0';
	pthread_once(&plug_once, plug_init_lock);
	pthread_rwlock_rdlock(&plug_lock);
	if (plug_policy)
		rc = dgp_describe(plug_policy, user, buf, len);
	pthread_rwlock_unlock(&plug_lock);
	return rc;
}

static int plug_reload(char *err, size_t errlen)
{
	struct dgp_policy *p, *old;

	pthread_once(&plug_once, plug_init_lock);
	pthread_mutex_lock(&plug_admin);
	if (!plug_policy) {
		pthread_mutex_unlock(&plug_admin);
		snprintf(err, errlen, "policy plugin: not open");
		return -1;
	}
	p = dgp_policy_load(plug_dir, &plug_io, err, errlen);
	if (!p) {
		pthread_mutex_unlock(&plug_admin);
		return -1; /* the old policy stays */
	}
	pthread_rwlock_wrlock(&plug_lock);
	old = plug_policy;
	plug_policy = p;
	pthread_rwlock_unlock(&plug_lock);
	pthread_mutex_unlock(&plug_admin);
	dgp_policy_free(old);
	if (plug_io.log)
		plug_io.log(LOG_INFO, "policy reloaded from %s", plug_dir);
	return 1;
}

__attribute__((visibility("default")))
const struct dg_policy_plugin docker_gate_policy = {
	.type = DG_PLUGIN_POLICY,
	.version = DG_API_VERSION,
	.open = plug_open,
	.close = plug_close,
	.check = plug_check,
	.describe = plug_describe,
	.reload = plug_reload,
};
