/*
 * --security-opt, read the way dockerd reads it (parseSecurityOpt): bare
 * "no-new-privileges" and "disable"; otherwise split at the first '=' if
 * there is one, else at the first ':' (the deprecated spelling), and the
 * key compared exactly.  Each entry becomes one canonical "key=value" for
 * the policy, and the tree is rewritten to that spelling, so dockerd reads
 * what the policy saw.  A seccomp profile (the CLI sends the file's JSON)
 * is "seccomp=custom" to the policy and forwarded as sent.
 */
#include <stdio.h>
#include <string.h>

#include "canon_priv.h"

#define SECOPT_MAX 256 /* bytes of one option, a seccomp profile excepted */

/* Go's strconv.ParseBool. */
static int parse_bool(const char *s, int *out)
{
	static const char *const t[] = {"1", "t", "T", "TRUE", "true", "True"};
	static const char *const f[] = {"0",	 "f",	  "F",
					"FALSE", "false", "False"};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (!strcmp(s, t[i]))
			return *out = 1, 0;
		if (!strcmp(s, f[i]))
			return *out = 0, 0;
	}
	return -1;
}

/* AppArmor profile and SELinux label values: printable, no spaces. */
static int value_ok(const char *s)
{
	if (!*s || strlen(s) >= SECOPT_MAX)
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s <= 0x20 || (unsigned char)*s >= 0x7f)
			return 0;
	return 1;
}

/*
 * One option: *policy gets the canonical form the plugin sees ("" for
 * no-new-privileges=true, which the gate may force anyway), *fwd the
 * spelling forwarded.  0, or -1 when dockerd would not read it the same.
 */
static int secopt_one(const char *s, char *policy, char *fwd, size_t len)
{
	const char *sep = strchr(s, '=');
	char key[32];
	const char *val;
	size_t klen;
	int b;

	if (!strcmp(s, "no-new-privileges"))
		s = "no-new-privileges=true";
	else if (!strcmp(s, "disable"))
		s = "label=disable";
	sep = strchr(s, '=');
	if (!sep)
		sep = strchr(s, ':');
	if (!sep || (size_t)(sep - s) >= sizeof(key))
		return -1;
	klen = (size_t)(sep - s);
	memcpy(key, s, klen);
	key[klen] = '\0';
	val = sep + 1;
	if (!strcmp(key, "seccomp")) {
		snprintf(policy, len, "seccomp=%s",
			 !strcmp(val, "unconfined") ? "unconfined" : "custom");
		snprintf(fwd, len, "seccomp=");
		return 0; /* the caller appends the value */
	}
	if (!strcmp(key, "no-new-privileges") ||
	    !strcmp(key, "writable-cgroups")) {
		if (parse_bool(val, &b) < 0)
			return -1;
		snprintf(fwd, len, "%s=%s", key, b ? "true" : "false");
		/* nnp=true and writable-cgroups=false are the safe side */
		if (b == !strcmp(key, "no-new-privileges"))
			policy[0] = '\0';
		else
			snprintf(policy, len, "%s", fwd);
		return 0;
	}
	if ((strcmp(key, "apparmor") && strcmp(key, "label")) || !value_ok(val))
		return -1;
	snprintf(fwd, len, "%s=%s", key, val);
	snprintf(policy, len, "%s", fwd);
	return 0;
}

static int secopt_refused(struct cj_ctx *cx, const char *s)
{
	char q[CJ_QUOTE_MAX + 16];

	cj_quote(q, sizeof(q), s);
	return cj_err(cx, CANON_EREFUSED,
		      "--security-opt %s is not an option docker-gate knows "
		      "(seccomp=, apparmor=, label=, no-new-privileges, "
		      "writable-cgroups=)",
		      q);
}

int canon_check_secopt(struct cj_ctx *cx, const struct cj_field *f, json_t *v)
{
	char policy[SECOPT_MAX + 32], fwd[SECOPT_MAX + 32];
	json_t *e;
	size_t i;

	(void)f;
	json_array_foreach(v, i, e)
	{
		if (secopt_one(json_string_value(e), policy, fwd, sizeof(fwd)) <
		    0)
			return secopt_refused(cx, json_string_value(e));
	}
	return CANON_OK;
}

/* Rewrites entry i to fwd (+ the seccomp value) and lists policy. */
static int secopt_take(struct cj_ctx *cx, struct canon_create *c, json_t *opts,
		       size_t i, const char *policy, const char *fwd)
{
	const char *s = json_string_value(json_array_get(opts, i));
	json_t *nv;

	if (!strncmp(fwd, "seccomp=", 8)) {
		const char *sep =
			strchr(s, '=') ? strchr(s, '=') : strchr(s, ':');

		nv = json_string(cj_printf(&c->pool, "seccomp=%s", sep + 1));
	} else {
		nv = json_string(fwd);
	}
	if (!nv || json_array_set_new(opts, i, nv))
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	if (!policy[0])
		return CANON_OK;
	return canon_opt_add(cx, c, &c->secopts, &c->view.nsecurity_opt, policy,
			     "--security-opt");
}

int canon_secopt_parse(struct cj_ctx *cx, struct canon_create *c, json_t *hc)
{
	char policy[SECOPT_MAX + 32], fwd[SECOPT_MAX + 32];
	json_t *opts = cj_arr(hc, "SecurityOpt"), *mp, *rp;
	size_t i;
	int rc;

	for (i = 0; opts && i < json_array_size(opts); i++) {
		const char *s = json_string_value(json_array_get(opts, i));

		if (secopt_one(s, policy, fwd, sizeof(fwd)) < 0)
			return secopt_refused(cx, s);
		rc = secopt_take(cx, c, opts, i, policy, fwd);
		if (rc)
			return rc;
	}
	/* the CLI turns systempaths=unconfined into two empty lists */
	mp = cj_arr(hc, "MaskedPaths");
	rp = cj_arr(hc, "ReadonlyPaths");
	if ((mp && !json_array_size(mp)) || (rp && !json_array_size(rp)))
		return canon_opt_add(cx, c, &c->secopts, &c->view.nsecurity_opt,
				     "systempaths=unconfined",
				     "--security-opt");
	return CANON_OK;
}
