/*
 * Networks (policy 1.3): which networks a container may join (`networks`:
 * bridge, none, user, shared), whether the user may create networks of
 * their own ("user"), and how many (`max_networks`: each user network
 * takes a subnet from the daemon's small address pools).  --network host
 * is a host namespace (host_namespaces); container:<id> joins are the
 * gate's tenancy.
 */
#include <stdio.h>
#include <string.h>

#include "eval_internal.h"

/* The built-in bridge and none are in the effective list unless a file
 * replaced it (effective.c). */
static int net_allowed(const struct dgp_eval *ev, const char *word)
{
	const struct dgp_eff_key *ek = &ev->eff.keys[DGP_NETWORKS];
	size_t i, n = dgp_eff_count(ek);

	if (ek->overflow)
		return 0; /* fail closed */
	for (i = 0; i < n; i++)
		if (!strcmp(dgp_eff_item(ek, i), word))
			return 1;
	return 0;
}

/* "bridge, none" for messages. */
static const char *allowed(const struct dgp_eval *ev, char *buf, size_t len)
{
	static const char *const words[] = {"bridge", "none", "user", "shared",
					    NULL};
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; words[i]; i++) {
		if (!net_allowed(ev, words[i]))
			continue;
		int w = snprintf(buf + o, len - o, "%s%s", o ? ", " : "",
				 words[i]);

		if (w < 0 || (size_t)w >= len - o)
			break;
		o += (size_t)w;
	}
	/* not "none": that is a network's name */
	return buf[0] ? buf : "no network at all";
}

static const char *kind_word(enum dg_net_kind k)
{
	switch (k) {
	case DG_NET_BRIDGE:
		return "bridge";
	case DG_NET_NONE:
		return "none";
	case DG_NET_USER:
		return "user";
	case DG_NET_SHARED:
		return "shared";
	default:
		return NULL; /* host: host_namespaces; container: tenancy */
	}
}

static int eval_use(struct dgp_eval *ev, const struct dg_network_use *n)
{
	const char *word = kind_word(n->kind);
	char buf[128];

	if (!word && n->kind != DG_NET_HOST && n->kind != DG_NET_CONTAINER)
		return dgp_ev_error(ev, DGP_NETWORKS,
				    "network kind %d is unknown to the policy "
				    "plugin",
				    (int)n->kind);
	if (!word || net_allowed(ev, word))
		return DG_ALLOW;
	return dgp_ev_deny(ev, DGP_NETWORKS,
			   "%s is refused: %s networks are not allowed for "
			   "%s; networks allowed: %s",
			   n->cli ? n->cli : "--network", word, ev->who,
			   allowed(ev, buf, sizeof(buf)));
}

int dgp_eval_create_networks(struct dgp_eval *ev, const struct dg_create *c)
{
	/* fields of 1.3: a create from an older gate has none */
	if (c->size < sizeof(*c) || !c->networks)
		return DG_ALLOW;
	for (size_t i = 0; i < c->nnetworks; i++) {
		int rc = eval_use(ev, &c->networks[i]);

		if (rc != DG_ALLOW)
			return rc;
	}
	return DG_ALLOW;
}

int dgp_eval_network_create(struct dgp_eval *ev,
			    const struct dg_network_create *n)
{
	long long max = dgp_ev_num(ev, DGP_MAX_NETWORKS);
	char buf[128];

	if (!n || n->size < sizeof(*n) || !n->name)
		return dgp_ev_error(ev, DGP_NETWORKS,
				    "malformed network create request");
	if (!net_allowed(ev, "user"))
		return dgp_ev_deny(ev, DGP_NETWORKS,
				   "docker network create is refused: "
				   "networks of your own are not allowed for "
				   "%s (networks allowed: %s)",
				   ev->who, allowed(ev, buf, sizeof(buf)));
	if (max > 0 && n->user_networks < 0)
		return dgp_ev_deny(ev, DGP_MAX_NETWORKS,
				   "docker network create is refused: your "
				   "networks could not be counted and %s may "
				   "have at most %lld",
				   ev->who, max);
	if (max > 0 && n->user_networks >= max)
		return dgp_ev_deny(ev, DGP_MAX_NETWORKS,
				   "docker network create is refused: %s has "
				   "%lld networks, the most allowed is %lld; "
				   "remove one first (docker network ls, "
				   "docker network rm)",
				   ev->who, n->user_networks, max);
	memset(&ev->dec->force, 0, sizeof(ev->dec->force));
	return DG_ALLOW;
}

int dgp_eval_network_connect(struct dgp_eval *ev,
			     const struct dg_network_connect *n)
{
	if (!n || n->size < sizeof(*n))
		return dgp_ev_error(ev, DGP_NETWORKS,
				    "malformed network connect request");
	if (n->net.kind == DG_NET_HOST || n->net.kind == DG_NET_CONTAINER)
		return dgp_ev_deny(ev, DGP_NETWORKS,
				   "%s is refused: use docker run --network",
				   n->net.cli ? n->net.cli : "connect");
	memset(&ev->dec->force, 0, sizeof(ev->dec->force));
	return eval_use(ev, &n->net);
}
