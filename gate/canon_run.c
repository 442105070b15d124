/*
 * Run options of plugin ABI 1.3 that are not mounts or resources:
 * --log-driver/--log-opt, --ulimit, --cgroup-parent, --oom-kill-disable,
 * --oom-score-adj and --restart.  The field checks refuse what dockerd
 * would read differently from us; canon_run_parse fills the view and
 * rewrites --ulimit names to the spelling dockerd compares.
 */
#include <stdlib.h>
#include <string.h>

#include "canon_priv.h"

#define RUN_NAME_MAX 64 /* log driver and option names */

/* The ulimit names docker's CLI parser knows (go-units); dockerd turns a
 * name into "RLIMIT_" + its upper-case form for runc. */
static const char *const ulimit_names[] = {
	"core",	    "cpu",	  "data",   "fsize", "locks", "memlock",
	"msgqueue", "nice",	  "nofile", "nproc", "rss",   "rtprio",
	"rttime",   "sigpending", "stack",  NULL,
};

/* Lower-case letters, digits, '-', '_' and '.' inside: log driver and
 * option names ("json-file", "max-size", "syslog-address"). */
static int run_name_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > RUN_NAME_MAX ||
	    !strchr("abcdefghijklmnopqrstuvwxyz", s[0]) ||
	    strchr("-_.", s[n - 1]))
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-_.") == n;
}

static int refused(struct cj_ctx *cx, const char *flag, const char *s,
		   const char *why)
{
	char q[CJ_QUOTE_MAX + 16];

	cj_quote(q, sizeof(q), s);
	return cj_err(cx, CANON_EREFUSED, "%s %s is refused: %s", flag, q, why);
}

int canon_check_log_driver(struct cj_ctx *cx, const struct cj_field *f,
			   json_t *v)
{
	const char *s = json_string_value(v);

	/* plugin drivers ("vendor/name:tag") are refused with the rest */
	if (!*s || run_name_ok(s))
		return CANON_OK;
	return refused(cx, f->flag, s, "not a log driver name");
}

int canon_check_log_opts(struct cj_ctx *cx, const struct cj_field *f, json_t *v)
{
	const char *key;
	json_t *e;

	json_object_foreach(v, key, e)
	{
		(void)e;
		if (!run_name_ok(key))
			return refused(cx, f->flag, key,
				       "not a log option name (e.g. "
				       "max-size=10m)");
	}
	return CANON_OK;
}

/* "nofile", "NOFILE" -> "nofile"; ASCII only (dockerd upper-cases with
 * Unicode rules: "nofıle" with a dotless i is NOFILE to it).  NULL when
 * the name is not one of ulimit_names. */
static const char *ulimit_canon(const char *in)
{
	char low[16];
	size_t n = strlen(in);

	if (n == 0 || n >= sizeof(low))
		return NULL;
	for (size_t i = 0; i <= n; i++) {
		char ch = in[i];

		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		low[i] = ch;
	}
	for (size_t i = 0; ulimit_names[i]; i++)
		if (!strcmp(low, ulimit_names[i]))
			return ulimit_names[i];
	return NULL;
}

static int ulimit_values(struct cj_ctx *cx, const char *name, json_t *u)
{
	json_t *js = json_object_get(u, "Soft"),
	       *jh = json_object_get(u, "Hard");
	long long soft = json_is_integer(js) ? json_integer_value(js) : 0;
	long long hard = json_is_integer(jh) ? json_integer_value(jh) : 0;

	/* -1 is unlimited (runc reads the value unsigned); a soft limit
	 * above the hard one fails at start */
	if (hard >= 0 && (soft < 0 || soft > hard))
		return cj_err(
			cx, CANON_EREFUSED,
			"--ulimit %s=%lld:%lld is refused: the soft limit "
			"is above the hard limit",
			name, soft, hard);
	return CANON_OK;
}

int canon_check_ulimits(struct cj_ctx *cx, const struct cj_field *f, json_t *v)
{
	const char *seen[CANON_MAX_OPTS] = {NULL};
	size_t i, j, n = 0;
	json_t *u;

	json_array_foreach(v, i, u)
	{
		const char *name = ulimit_canon(cj_str(u, "Name"));

		if (!name)
			return refused(cx, f->flag, cj_str(u, "Name"),
				       "not a ulimit name (core, cpu, data, "
				       "fsize, locks, memlock, msgqueue, nice, "
				       "nofile, nproc, rss, rtprio, rttime, "
				       "sigpending, stack)");
		for (j = 0; j < n; j++)
			if (seen[j] == name)
				return refused(cx, f->flag, name,
					       "given twice");
		if (n == CANON_MAX_OPTS)
			return cj_err(cx, CANON_EREFUSED,
				      "more than %d --ulimit entries are not "
				      "allowed by docker-gate",
				      CANON_MAX_OPTS);
		seen[n++] = name;
		if (ulimit_values(cx, name, u))
			return CANON_EREFUSED;
	}
	return CANON_OK;
}

/* Letters, digits and "_.@:-/" (a systemd slice or a cgroupfs path), no
 * ".." component: with the cgroupfs driver the parent is a path. */
int canon_cgroup_parent_ok(const char *s)
{
	size_t n = strlen(s);
	const char *p;

	if (n == 0 || n >= DG_FORCE_CGROUP_MAX ||
	    strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		      "0123456789_.@:-/") != n)
		return 0;
	for (p = s; (p = strstr(p, "..")); p++)
		if ((p == s || p[-1] == '/') && (p[2] == '\0' || p[2] == '/'))
			return 0;
	return 1;
}

int canon_check_cgroup_parent(struct cj_ctx *cx, const struct cj_field *f,
			      json_t *v)
{
	const char *s = json_string_value(v);

	if (!*s || canon_cgroup_parent_ok(s))
		return CANON_OK;
	return refused(cx, f->flag, s,
		       "not a cgroup name (letters, digits, _.@:-/, no "
		       "'..')");
}

const char *canon_restart_name(const char *s)
{
	static const char *const names[] = {"no", "on-failure",
					    "unless-stopped", "always", NULL};

	for (size_t i = 0; names[i]; i++)
		if (!strcmp(s, names[i]))
			return names[i];
	return NULL;
}

static int logs_parse(struct cj_ctx *cx, struct canon_create *c, json_t *hc)
{
	json_t *lc = cj_obj(hc, "LogConfig"), *e;
	const char *key;
	int rc;

	c->view.log_driver = cj_strdup(&c->pool, cj_str(lc, "Type"));
	if (!c->view.log_driver)
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	json_object_foreach(cj_obj(lc, "Config"), key, e)
	{
		(void)e;
		rc = canon_opt_add(cx, c, &c->log_opts, &c->view.nlog_opts, key,
				   "--log-opt");
		if (rc)
			return rc;
	}
	c->view.log_opts = c->log_opts;
	return CANON_OK;
}

static int ulimits_parse(struct cj_ctx *cx, struct canon_create *c, json_t *hc)
{
	json_t *list = cj_arr(hc, "Ulimits"), *u;
	size_t i, n = json_array_size(list);

	if (!n)
		return CANON_OK;
	c->ulimits = calloc(n, sizeof(*c->ulimits));
	if (!c->ulimits)
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	json_array_foreach(list, i, u)
	{
		struct dg_ulimit *o = &c->ulimits[i];
		json_t *js = json_object_get(u, "Soft");
		json_t *jh = json_object_get(u, "Hard");

		o->name = ulimit_canon(cj_str(u, "Name"));
		if (!o->name)
			return cj_err(cx, CANON_EREFUSED, "--ulimit refused");
		o->soft = json_is_integer(js) ? json_integer_value(js) : 0;
		o->hard = json_is_integer(jh) ? json_integer_value(jh) : 0;
		/* the spelling dockerd merges its default ulimits by */
		if (json_object_set_new(u, "Name", json_string(o->name)))
			return cj_err(cx, CANON_ENOMEM, "out of memory");
	}
	c->view.ulimits = c->ulimits;
	c->view.nulimits = n;
	return CANON_OK;
}

/* --restart: "" is dockerd's "no". */
static int restart_parse(struct cj_ctx *cx, struct canon_create *c, json_t *hc)
{
	json_t *rp = cj_obj(hc, "RestartPolicy");
	const char *name = cj_str(rp, "Name");
	json_t *n = json_object_get(rp, "MaximumRetryCount");

	c->view.restart = canon_restart_name(name[0] ? name : "no");
	if (!c->view.restart)
		return cj_err(cx, CANON_EREFUSED, "--restart refused");
	c->view.restart_retries =
		json_is_integer(n) ? json_integer_value(n) : 0;
	return CANON_OK;
}

int canon_run_parse(struct cj_ctx *cx, struct canon_create *c, json_t *hc)
{
	json_t *oom = json_object_get(hc, "OomScoreAdj");
	int rc;

	rc = logs_parse(cx, c, hc);
	if (!rc)
		rc = ulimits_parse(cx, c, hc);
	if (!rc)
		rc = restart_parse(cx, c, hc);
	if (!rc)
		rc = canon_tmpfs_parse(cx, c, hc);
	if (!rc)
		rc = canon_limits_read(cx, &c->pool, hc, &c->view.limits);
	if (rc)
		return rc;
	c->view.cgroup_parent = cj_strdup(&c->pool, cj_str(hc, "CgroupParent"));
	if (!c->view.cgroup_parent)
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	c->view.oom_kill_disable = cj_true(hc, "OomKillDisable");
	c->view.oom_score_adj =
		json_is_integer(oom) ? json_integer_value(oom) : 0;
	return CANON_OK;
}

/* Fields a 1.2 plugin cannot see; free before 1.3: --oom-score-adj >= 0,
 * --mount type=tmpfs, --restart no. */
int canon_run_needs_1_3(const struct dg_create *v)
{
	size_t i;

	for (i = 0; i < v->ntmpfs; i++)
		if (!strncmp(v->tmpfs[i].cli, "--tmpfs", 7))
			return 1;
	return v->log_driver[0] || v->nlog_opts || v->nulimits ||
	       v->cgroup_parent[0] || v->oom_kill_disable ||
	       v->oom_score_adj < 0 || strcmp(v->restart, "no") ||
	       canon_limits_used(&v->limits);
}
