/*
 * A user's effective policy in plain words, one line per key, each with
 * the file:line that set it.  Users will read this (`docker policy`), so
 * it speaks in docker CLI terms, not in key names.
 */
#include <stdio.h>
#include <string.h>

#include "effective.h"
#include "paths.h"
#include "policy_eval.h"
#include "ports.h"
#include "textbuf.h"

/* Wording for a true/false key: what it is about, then the two states. */
struct desc_bool {
	enum dgp_key key;
	const char *what;
	const char *yes;
	const char *no;
};

static const struct desc_bool desc_bools[] = {
	{DGP_PRIVILEGED, "privileged containers (--privileged)", "allowed",
	 "not allowed"},
	{DGP_ALLOW_ROOT,
	 "running as root (-u 0, -u NAME, or an image's root default user)",
	 "allowed", "not allowed"},
	{DGP_CALLER_GROUPS, "your supplementary groups inside containers",
	 "added when the container runs as you", "not added"},
	{DGP_BIND_READONLY, "bind mounts forced read-only", "yes", "no"},
	{DGP_PUBLISH_RANDOM, "random host ports (-P, -p CONTAINERPORT)",
	 "allowed", "not allowed"},
	{DGP_NO_NEW_PRIVILEGES, "no-new-privileges", "always set",
	 "not forced"},
	{DGP_CAP_DROP_ALL, "capabilities", "all dropped", "left as requested"},
	{DGP_BUILD, "docker build (RUN steps run as root)", "allowed",
	 "not allowed"},
	{DGP_ADMIN_VIEW, "every user's containers and volumes",
	 "visible to you (administrator view)", "hidden from you"},
};

struct desc_ctx {
	struct dgp_tb tb;
	const struct dgp_effective *eff;
	const struct dg_user *u;
	struct dgp_tpl_vars vars;
	int nfiles;
};

static void desc_src(struct desc_ctx *d, enum dgp_key k)
{
	char src[DG_RULE_MAX];

	dgp_src_format(&d->eff->keys[k].src, src, sizeof(src));
	if (d->eff->keys[k].src.path)
		dgp_tb_printf(&d->tb, " (from %s)\n", src);
	else
		dgp_tb_printf(&d->tb, " (%s)\n", src);
}

static void desc_file(const struct dgp_layer *l, void *ctx)
{
	struct desc_ctx *d = ctx;

	dgp_tb_printf(&d->tb, "%s%s", d->nfiles++ ? ", " : "", l->path);
}

/* One list key: expanded entries, and why an entry does not apply. */
static void desc_list(struct desc_ctx *d, enum dgp_key k, const char *what,
		      const char *none)
{
	const struct dgp_eff_key *ek = &d->eff->keys[k];
	char out[DGP_PATH_MAX], why[256];
	struct dgp_port_rule r;
	size_t i, n = dgp_eff_count(ek);

	dgp_tb_printf(&d->tb, "%s: %s", what, n ? "" : none);
	for (i = 0; i < n; i++) {
		const char *item = dgp_eff_item(ek, i);
		int rc = k == DGP_PORTS
				 ? dgp_port_rule_expand(item, &d->vars, &r, out,
							sizeof(out), why,
							sizeof(why))
				 : dgp_bind_root_expand(item, &d->vars, out,
							sizeof(out), why,
							sizeof(why));

		dgp_tb_printf(&d->tb, "%s", i ? ", " : "");
		if (rc == 0)
			dgp_tb_printf(&d->tb, "%s", out);
		else
			dgp_tb_printf(&d->tb, "%s (does not apply to you: %s)",
				      item, why);
	}
	if (ek->overflow)
		dgp_tb_printf(&d->tb, " (added to in too many files: refused)");
	desc_src(d, k);
}

/* A key without wording of its own is shown by name. */
static void desc_bool(struct desc_ctx *d, enum dgp_key k)
{
	const struct desc_bool *b = NULL;
	size_t i;

	for (i = 0; i < sizeof(desc_bools) / sizeof(desc_bools[0]); i++)
		if (desc_bools[i].key == k)
			b = &desc_bools[i];
	if (b)
		dgp_tb_printf(&d->tb, "%s: %s", b->what,
			      d->eff->keys[k].num ? b->yes : b->no);
	else
		dgp_tb_printf(&d->tb, "%s: %lld", dgp_keys[k].name,
			      d->eff->keys[k].num);
	desc_src(d, k);
}

static void desc_pids(struct desc_ctx *d)
{
	long long pids = d->eff->keys[DGP_PIDS_LIMIT].num;

	if (pids > 0)
		dgp_tb_printf(&d->tb,
			      "process limit (--pids-limit): at most %lld",
			      pids);
	else
		dgp_tb_printf(&d->tb, "process limit (--pids-limit): not "
				      "forced");
	desc_src(d, DGP_PIDS_LIMIT);
}

static void desc_user(struct desc_ctx *d)
{
	const struct dg_user *u = d->u;

	if (d->eff->keys[DGP_RUN_AS_CALLER].num)
		dgp_tb_printf(&d->tb,
			      "run as you: yes, containers run as %u:%u when "
			      "you give no -u%s",
			      (unsigned int)u->uid, (unsigned int)u->gid,
			      d->eff->keys[DGP_ALLOW_ROOT].num
				      ? ""
				      : ", and -u must name your own uid and "
					"one of your groups");
	else
		dgp_tb_printf(&d->tb, "run as you: no");
	desc_src(d, DGP_RUN_AS_CALLER);
}

static void desc_keys(struct desc_ctx *d)
{
	int k;

	for (k = 0; k < DGP_NKEYS; k++) {
		switch (k) {
		case DGP_RUN_AS_CALLER:
			desc_user(d);
			break;
		case DGP_BIND_ROOTS:
			desc_list(d, DGP_BIND_ROOTS,
				  "bind mounts allowed under",
				  "none (use named volumes)");
			break;
		case DGP_PORTS:
			desc_list(d, DGP_PORTS, "published host ports allowed",
				  "none (publishing ports is not allowed)");
			break;
		case DGP_PIDS_LIMIT:
			desc_pids(d);
			break;
		case DGP_MAX_CONTAINERS:
			if (d->eff->keys[k].num > 0)
				dgp_tb_printf(
					&d->tb,
					"containers at once: at most %lld",
					d->eff->keys[k].num);
			else
				dgp_tb_printf(&d->tb,
					      "containers at once: no limit");
			desc_src(d, DGP_MAX_CONTAINERS);
			break;
		default:
			desc_bool(d, (enum dgp_key)k);
			break;
		}
	}
}

int dgp_describe(const struct dgp_policy *p, const struct dg_user *u, char *buf,
		 size_t len)
{
	struct dgp_effective eff;
	struct desc_ctx d;

	memset(&d, 0, sizeof(d));
	dgp_tb_init(&d.tb, buf, len);
	if (!u || u->size < sizeof(*u))
		return -1;
	if (dgp_effective_build(p, u, &eff) < 0) {
		dgp_tb_printf(&d.tb,
			      "more than %d group policy files apply to %s: "
			      "every request is refused\n",
			      DGP_EFF_GROUPS_MAX, u->name ? u->name : "?");
		return d.tb.truncated ? -1 : 1;
	}
	d.eff = &eff;
	d.u = u;
	d.vars.home = u->home;
	d.vars.user = u->name;
	d.vars.uid = u->uid;
	dgp_tb_printf(&d.tb, "docker-gate policy for %s (uid %u, gid %u)\n",
		      u->name ? u->name : "?", (unsigned int)u->uid,
		      (unsigned int)u->gid);
	dgp_tb_printf(&d.tb, "policy files: ");
	dgp_layers_for(p, u, desc_file, &d);
	dgp_tb_printf(&d.tb, "%s\n",
		      d.nfiles ? "" : "none (built-in defaults only)");
	desc_keys(&d);
	return d.tb.truncated ? -1 : 1;
}
