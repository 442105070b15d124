/*
 * --network on create: HostConfig.NetworkMode and
 * NetworkingConfig.EndpointsConfig, into the view's network list.
 *
 * A mode other than the built-in ones ("", default, bridge, none, host,
 * container:<ref>) names a user network.  The gate resolves it against
 * dockerd (tenancy_networks.c), which decides its kind (the caller's own,
 * or shared by an administrator), rewrites the mode and the endpoint key
 * to the full network ID it checked, and pins that ID in the endpoint
 * (NetworkID): dockerd re-keys the endpoint to the network's name and,
 * without the pin, looks the name up again at every start, so a network
 * removed in between could hand the container to another user's network.
 */
#include <string.h>

#include "canon_priv.h"

static enum dg_net_kind mode_kind(const char *mode)
{
	if (!*mode || !strcmp(mode, "default") || !strcmp(mode, "bridge"))
		return DG_NET_BRIDGE;
	if (!strcmp(mode, "none"))
		return DG_NET_NONE;
	if (!strcmp(mode, "host"))
		return DG_NET_HOST;
	if (!strncmp(mode, "container:", 10))
		return DG_NET_CONTAINER;
	return DG_NET_USER; /* until the gate has looked it up */
}

/* The endpoint key dockerd would pair with the mode. */
static int key_matches(enum dg_net_kind k, const char *mode, const char *key)
{
	if (k == DG_NET_BRIDGE)
		return !strcmp(key, "default") || !strcmp(key, "bridge");
	return !strcmp(key, mode);
}

static int endpoint_check(struct cj_ctx *cx, enum dg_net_kind k,
			  const char *mode, const char *key, json_t *ep)
{
	char q[CJ_QUOTE_MAX + 16];

	if (!key_matches(k, mode, key)) {
		cj_quote(q, sizeof(q), key);
		return cj_err(cx, CANON_EREFUSED,
			      "--network %s: more than one network at create "
			      "is not supported by docker-gate; use docker "
			      "network connect afterwards",
			      q);
	}
	/* dockerd refuses aliases on the built-in networks anyway; say so
	 * before it does. */
	if (k != DG_NET_USER && json_array_size(cj_arr(ep, "Aliases")) > 0)
		return cj_err(cx, CANON_EREFUSED,
			      "--network-alias works only on a network you "
			      "created (docker network create)");
	return CANON_OK;
}

int canon_netuse_parse(struct cj_ctx *cx, struct canon_create *c, json_t *root,
		       json_t *hc)
{
	const char *mode = cj_str(hc, "NetworkMode");
	json_t *eps =
		cj_obj(cj_obj(root, "NetworkingConfig"), "EndpointsConfig");
	enum dg_net_kind k = mode_kind(mode);
	const char *key;
	json_t *ep;
	int rc;

	if (k == DG_NET_CONTAINER && json_object_size(eps) > 0)
		return cj_err(cx, CANON_EREFUSED,
			      "--network container: takes no network "
			      "settings");
	if (json_object_size(eps) > 1)
		return cj_err(cx, CANON_EREFUSED,
			      "more than one network at create is not "
			      "supported by docker-gate; use docker network "
			      "connect afterwards");
	json_object_foreach(eps, key, ep)
	{
		rc = endpoint_check(cx, k, mode, key, ep);
		if (rc)
			return rc;
	}
	c->net.kind = k;
	c->net.name = cj_strdup(&c->pool, *mode ? mode : "default");
	/* the CLI sends "default" when the user typed no --network */
	c->net.cli =
		!*mode || !strcmp(mode, "default")
			? cj_strdup(&c->pool,
				    "docker's default network (what docker "
				    "run uses without --network)")
			: cj_printf(&c->pool, "--network %s", mode);
	if (!c->net.name || !c->net.cli)
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	c->view.networks = &c->net;
	c->view.nnetworks = 1;
	return CANON_OK;
}

const char *canon_create_netname(const struct canon_create *c)
{
	if (!c || c->view.nnetworks != 1 || c->net.kind != DG_NET_USER)
		return NULL;
	return c->net.name;
}

int canon_create_net_aliases(const struct canon_create *c)
{
	json_t *eps =
		cj_obj(cj_obj(c->root, "NetworkingConfig"), "EndpointsConfig");
	const char *key;
	json_t *ep;

	json_object_foreach(eps, key, ep)
	{
		(void)key;
		if (json_array_size(cj_arr(ep, "Aliases")) > 0)
			return 1;
	}
	return 0;
}

/* Renames EndpointsConfig[from] to [to], keeping its settings. */
static int rekey(json_t *eps, const char *from, const char *to)
{
	json_t *ep = json_object_get(eps, from);

	if (!ep)
		return CANON_OK;
	json_incref(ep);
	if (json_object_del(eps, from) || json_object_set_new(eps, to, ep))
		return CANON_ENOMEM;
	return CANON_OK;
}

/*
 * EndpointsConfig[id].NetworkID = id, the entry made if the client sent
 * none.  dockerd stores a create's endpoint under the network's *name*
 * and, at every start, looks the network up again by that name (full ID,
 * exact name, then ID prefix) unless NetworkID is set (getNetworkID).  So
 * without the pin, a container created on one's own network "x" that is
 * then removed joins at start whichever network is called "x" by then, or
 * whose ID starts with "x": another user's (red team 3).
 */
static int pin_endpoint(json_t *root, const char *id)
{
	json_t *nc = cj_obj(root, "NetworkingConfig"), *eps, *ep;

	if (!nc) {
		nc = json_object();
		if (!nc || json_object_set_new(root, "NetworkingConfig", nc))
			return CANON_ENOMEM;
	}
	eps = cj_obj(nc, "EndpointsConfig");
	if (!eps) {
		eps = json_object();
		if (!eps || json_object_set_new(nc, "EndpointsConfig", eps))
			return CANON_ENOMEM;
	}
	ep = cj_obj(eps, id);
	if (!ep) {
		ep = json_object();
		if (!ep || json_object_set_new(eps, id, ep))
			return CANON_ENOMEM;
	}
	return json_object_set_new(ep, "NetworkID", json_string(id))
		       ? CANON_ENOMEM
		       : CANON_OK;
}

int canon_create_set_network(struct canon_create *c, enum dg_net_kind kind,
			     const char *id)
{
	json_t *hc, *eps, *s;

	if (!canon_create_netname(c) ||
	    (kind != DG_NET_USER && kind != DG_NET_SHARED) || !id ||
	    strlen(id) != 64 || strspn(id, "0123456789abcdef") != 64)
		return CANON_EBAD;
	hc = cj_obj(c->root, "HostConfig");
	eps = cj_obj(cj_obj(c->root, "NetworkingConfig"), "EndpointsConfig");
	s = json_string(id);
	if (!hc || !s || json_object_set_new(hc, "NetworkMode", s))
		return CANON_ENOMEM;
	if ((eps && rekey(eps, c->net.name, id) != CANON_OK) ||
	    pin_endpoint(c->root, id) != CANON_OK)
		return CANON_ENOMEM;
	c->net.kind = kind;
	return CANON_OK;
}
