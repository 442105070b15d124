/*
 * Warnings: settings that are valid but give away more than they seem
 * to.  One table row per rule: every condition must hold, on keys of the
 * key table (policy_keys.c).  To add a rule, add a row.
 *
 * Rules are checked per file and per user.  Per file, a file is seen over
 * the built-in defaults and default.conf (what the file does on its own)
 * and warned about only when it sets one of the rule's keys itself; per
 * user (-u), on the effective policy, with the file:line of every key.
 */
#include "check.h"

#include <stdio.h>
#include <string.h>

#include "effective.h"
#include "textbuf.h"

enum warn_test {
	W_END = 0,  /* no more conditions */
	W_TRUE,	    /* boolean true (a number: not 0) */
	W_FALSE,    /* boolean false (a number: 0) */
	W_NONEMPTY, /* a list with at least one entry */
};

#define WARN_CONDS_MAX 4
#define WARN_TEXT_MAX  2048

struct warn_cond {
	enum dgp_key key;
	enum warn_test test;
};

struct warn_rule {
	struct warn_cond cond[WARN_CONDS_MAX];
	const char *why;
};

static const struct warn_rule warn_rules[] = {
	{{{DGP_PRIVILEGED, W_TRUE}},
	 "privileged containers are full root on the host: every other key "
	 "is moot"},
	{{{DGP_ALLOW_ROOT, W_TRUE},
	  {DGP_BIND_ROOTS, W_NONEMPTY},
	  {DGP_BIND_READONLY, W_FALSE}},
	 "root in a container writes the bound host files as root"},
	{{{DGP_BUILD, W_TRUE}},
	 "build steps run as root with docker's default capabilities and no "
	 "pids limit, whatever the other keys say"},
	{{{DGP_CAP_DROP_ALL, W_FALSE}, {DGP_ALLOW_ROOT, W_TRUE}},
	 "root in a container keeps docker's default capabilities"},
	{{{DGP_CAP_ADD, W_NONEMPTY}, {DGP_ALLOW_ROOT, W_TRUE}},
	 "root in a container holds every capability cap_add allows"},
	{{{DGP_DEVICE_CGROUP_RULES, W_NONEMPTY}, {DGP_ALLOW_ROOT, W_TRUE}},
	 "root in a container may create device nodes the cgroup rules "
	 "allow and open the host's devices through them"},
	{{{DGP_DEVICES, W_NONEMPTY}, {DGP_ALLOW_ROOT, W_TRUE}},
	 "root in a container reads and writes the allowed host devices "
	 "whatever their file permissions"},
	{{{DGP_HOST_NAMESPACES, W_NONEMPTY}, {DGP_ALLOW_ROOT, W_TRUE}},
	 "root in a container that shares a host namespace acts on the "
	 "host's processes, network or hostname"},
	{{{DGP_SECURITY_OPT, W_NONEMPTY}, {DGP_ALLOW_ROOT, W_TRUE}},
	 "root in a container without seccomp, AppArmor or masked paths "
	 "reaches kernel interfaces docker normally hides"},
	{{{DGP_OOM_KILL_DISABLE, W_TRUE}, {DGP_MAX_MEMORY, W_FALSE}},
	 "without max_memory a container with the OOM killer off may set "
	 "any -m and exhaust the host's memory"},
	/* totals: a container without a limit is over any total */
	{{{DGP_MAX_TOTAL_MEMORY, W_TRUE},
	  {DGP_MEMORY, W_FALSE},
	  {DGP_MAX_MEMORY, W_FALSE}},
	 "no memory is forced, so every docker run without -m is refused "
	 "(set memory)"},
	{{{DGP_MAX_TOTAL_CPUS, W_TRUE},
	  {DGP_CPUS, W_FALSE},
	  {DGP_MAX_CPUS, W_FALSE}},
	 "no CPU limit is forced, so every docker run without --cpus is "
	 "refused (set cpus)"},
	{{{DGP_MAX_TOTAL_PIDS, W_TRUE}, {DGP_PIDS_LIMIT, W_FALSE}},
	 "no pids limit is forced, so every docker run without --pids-limit "
	 "is refused (set pids_limit)"},
	{{{DGP_BUILDKIT, W_TRUE}},
	 "docker-gate cannot see inside a BuildKit session: RUN steps run as "
	 "root, cache mounts (RUN --mount=type=cache) are shared with every "
	 "other BuildKit user, and the Dockerfile may name any frontend image "
	 "(# syntax=) to run"},
	{{{DGP_BUILDKIT, W_TRUE}, {DGP_BUILD, W_FALSE}},
	 "BuildKit builds are builds: they stay refused until build is true "
	 "too"},
};

#define WARN_NRULES (sizeof(warn_rules) / sizeof(warn_rules[0]))

static int warn_holds(const struct dgp_effective *e, const struct warn_cond *c)
{
	const struct dgp_eff_key *k = &e->keys[c->key];

	switch (c->test) {
	case W_TRUE:
		return k->num != 0;
	case W_FALSE:
		return k->num == 0;
	case W_NONEMPTY:
		return dgp_eff_count(k) > 0;
	default:
		return 0;
	}
}

static int warn_fires(const struct dgp_effective *e, const struct warn_rule *r)
{
	size_t i;

	for (i = 0; i < WARN_CONDS_MAX && r->cond[i].test != W_END; i++)
		if (!warn_holds(e, &r->cond[i]))
			return 0;
	return 1;
}

/* "key = value", the value as a policy file would spell it. */
static void warn_value(struct dgp_tb *tb, const struct dgp_effective *e,
		       enum dgp_key k)
{
	const struct dgp_eff_key *ek = &e->keys[k];
	size_t i, n;

	dgp_tb_printf(tb, "%s = ", dgp_keys[k].name);
	if (dgp_keys[k].type == DGP_BOOL) {
		dgp_tb_printf(tb, "%s", ek->num ? "true" : "false");
		return;
	}
	if (dgp_keys[k].type == DGP_INT) {
		dgp_tb_printf(tb, "%lld", ek->num);
		return;
	}
	n = dgp_eff_count(ek);
	if (dgp_keys[k].type == DGP_STR) {
		dgp_tb_printf(tb, "\"%s\"", n ? dgp_eff_item(ek, 0) : "");
		return;
	}
	dgp_tb_printf(tb, "{");
	for (i = 0; i < n; i++)
		dgp_tb_printf(tb, "%s\"%s\"", i ? ", " : "",
			      dgp_eff_item(ek, i));
	dgp_tb_printf(tb, "}");
}

/* The conditions and why; a key set by `here` (a layer, or NULL) gets no
 * source, every other one its file:line. */
static void warn_text(struct dgp_tb *tb, const struct dgp_effective *e,
		      const struct warn_rule *r, const struct dgp_layer *here)
{
	char src[DG_RULE_MAX];
	size_t i;

	for (i = 0; i < WARN_CONDS_MAX && r->cond[i].test != W_END; i++) {
		enum dgp_key k = r->cond[i].key;

		dgp_tb_printf(tb, "%s", i ? ", " : "");
		warn_value(tb, e, k);
		if (here && here->keys[k].set)
			continue;
		dgp_src_format(&e->keys[k].src, src, sizeof(src));
		dgp_tb_printf(tb, " (%s)", src);
	}
	dgp_tb_printf(tb, ": %s", r->why);
}

/* The first of the rule's keys that layer l sets, or -1. */
static int warn_key_in(const struct warn_rule *r, const struct dgp_layer *l)
{
	size_t i;

	for (i = 0; i < WARN_CONDS_MAX && r->cond[i].test != W_END; i++)
		if (l->keys[r->cond[i].key].set)
			return (int)r->cond[i].key;
	return -1;
}

/* One file, folded over the built-in defaults and default.conf by the
 * plugin's own code: u names only this file's group or user. */
static size_t warn_layer(const struct dgp_policy *p, const struct dgp_layer *l,
			 const struct dg_user *u)
{
	struct dgp_effective e;
	char text[WARN_TEXT_MAX];
	struct dgp_tb tb;
	size_t i, n = 0;
	int k;

	if (dgp_effective_build(p, u, &e) < 0)
		return 0;
	for (i = 0; i < WARN_NRULES; i++) {
		k = warn_key_in(&warn_rules[i], l);
		if (k < 0 || !warn_fires(&e, &warn_rules[i]))
			continue;
		dgp_tb_init(&tb, text, sizeof(text));
		warn_text(&tb, &e, &warn_rules[i], l);
		fprintf(stderr, "%s:%u: warning: %s\n", l->path,
			l->keys[k].line, text);
		n++;
	}
	return n;
}

size_t check_warn_files(const struct dgp_policy *p)
{
	struct dg_user u;
	const char *group[1];
	size_t i, n = 0;

	if (!p)
		return 0;
	memset(&u, 0, sizeof(u));
	u.size = sizeof(u);
	if (p->deflt)
		n += warn_layer(p, p->deflt, &u);
	u.group_names = group;
	u.ngroups = 1;
	for (i = 0; i < p->ngroups; i++) {
		group[0] = p->groups[i].name;
		n += warn_layer(p, &p->groups[i], &u);
	}
	u.group_names = NULL;
	u.ngroups = 0;
	for (i = 0; i < p->nusers; i++) {
		u.name = p->users[i].name;
		n += warn_layer(p, &p->users[i], &u);
	}
	return n;
}

size_t check_warn_user(const struct dgp_policy *p, const struct dg_user *u)
{
	struct dgp_effective e;
	char text[WARN_TEXT_MAX];
	struct dgp_tb tb;
	size_t i, n = 0;

	if (dgp_effective_build(p, u, &e) < 0)
		return 0; /* describe says why; every request is refused */
	for (i = 0; i < WARN_NRULES; i++) {
		if (!warn_fires(&e, &warn_rules[i]))
			continue;
		dgp_tb_init(&tb, text, sizeof(text));
		warn_text(&tb, &e, &warn_rules[i], NULL);
		fprintf(stderr, "warning: for %s: %s\n", u->name, text);
		n++;
	}
	return n;
}
