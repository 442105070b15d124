/*
 * Folding policy layers into one user's effective policy (precedence is
 * described at the top of policy_load.c).
 */
#include "effective.h"

#include <stdio.h>
#include <string.h>

/* Adds index k to the sorted set idx[0..*n); -1 when full. */
static int eff_add_index(size_t *idx, size_t *n, size_t k)
{
	size_t i = *n;

	while (i > 0 && idx[i - 1] > k)
		i--;
	if (i > 0 && idx[i - 1] == k)
		return 0;
	if (*n == DGP_EFF_GROUPS_MAX)
		return -1;
	memmove(idx + i + 1, idx + i, (*n - i) * sizeof(*idx));
	idx[i] = k;
	(*n)++;
	return 0;
}

int dgp_layers_for(const struct dgp_policy *p, const struct dg_user *u,
		   dgp_layer_fn fn, void *ctx)
{
	size_t idx[DGP_EFF_GROUPS_MAX], n = 0, i;
	const struct dgp_layer *l;

	/* the policy's group files are sorted by name, so applying them in
	 * index order is applying them in alphabetical order */
	for (i = 0; u->group_names && i < u->ngroups; i++) {
		l = dgp_policy_group(p, u->group_names[i]);
		if (l && eff_add_index(idx, &n, (size_t)(l - p->groups)) < 0)
			return -1; /* fail closed: cannot apply them all */
	}
	if (p->deflt)
		fn(p->deflt, ctx);
	for (i = 0; i < n; i++)
		fn(&p->groups[idx[i]], ctx);
	l = dgp_policy_user(p, u->name);
	if (l)
		fn(l, ctx);
	return 0;
}

static void eff_apply(const struct dgp_layer *l, void *ctx)
{
	struct dgp_effective *e = ctx;
	int k;

	for (k = 0; k < DGP_NKEYS; k++) {
		const struct dgp_setting *s = &l->keys[k];
		struct dgp_eff_key *ek = &e->keys[k];

		if (!s->set)
			continue;
		ek->src.path = l->path;
		ek->src.line = s->line;
		if (dgp_keys[k].type == DGP_BOOL ||
		    dgp_keys[k].type == DGP_INT) {
			ek->num = s->num;
			continue;
		}
		if (!s->append) {
			ek->nparts = 0;
			ek->overflow = 0;
		}
		if (s->nitems == 0)
			continue;
		if (ek->nparts == DGP_EFF_PARTS) {
			ek->overflow = 1;
			continue;
		}
		ek->parts[ek->nparts].items = s->items;
		ek->parts[ek->nparts].n = s->nitems;
		ek->nparts++;
	}
}

/* The one list key with built-in entries: without a networks line a
 * container joins bridge or none, and "networks += {...}" adds to them. */
static char net_bridge[] = "bridge", net_none[] = "none";
static char *const builtin_networks[] = {net_bridge, net_none};

int dgp_effective_build(const struct dgp_policy *p, const struct dg_user *u,
			struct dgp_effective *e)
{
	int k;

	memset(e, 0, sizeof(*e));
	for (k = 0; k < DGP_NKEYS; k++)
		e->keys[k].num = p->builtin.keys[k].num;
	e->keys[DGP_NETWORKS].parts[0].items = builtin_networks;
	e->keys[DGP_NETWORKS].parts[0].n = 2;
	e->keys[DGP_NETWORKS].nparts = 1;
	return dgp_layers_for(p, u, eff_apply, e);
}

size_t dgp_eff_count(const struct dgp_eff_key *k)
{
	size_t i, n = 0;

	for (i = 0; i < k->nparts; i++)
		n += k->parts[i].n;
	return n;
}

const char *dgp_eff_item(const struct dgp_eff_key *k, size_t i)
{
	size_t p;

	for (p = 0; p < k->nparts; p++) {
		if (i < k->parts[p].n)
			return k->parts[p].items[i];
		i -= k->parts[p].n;
	}
	return NULL;
}

void dgp_src_format(const struct dgp_src *s, char *buf, size_t len)
{
	if (!s->path)
		snprintf(buf, len, "built-in default");
	else if (s->line)
		snprintf(buf, len, "%s:%u", s->path, s->line);
	else
		snprintf(buf, len, "%s", s->path);
}
