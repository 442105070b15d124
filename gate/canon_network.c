/*
 * POST /networks/create, /networks/{id}/connect and /disconnect bodies.
 *
 * A user may create a plain bridge network and nothing else: other drivers
 * put containers on host interfaces (macvlan, ipvlan with a parent), bridge
 * driver options change the host's iptables and NAT behaviour, a chosen
 * subnet can shadow a route the host needs, and the swarm fields mean
 * nothing here (engine-api.md §2.6).  Addresses come from the daemon's
 * pools.  The owner label is forced and the gate's label prefix reserved.
 */
#include <string.h>

#include "canon_priv.h"

static const char *const bridge_drivers[] = {"", "bridge", NULL};
static const char *const ipam_drivers[] = {"", "default", NULL};
static const char *const scopes[] = {"", "local", NULL};

#define ZERO(n, k, fl)                                                         \
	{                                                                      \
		.name = n, .kind = k, .flags = CJF_ZERO, .flag = fl            \
	}

static const struct cj_field f_ipam[] = {
	{.name = "Driver",
	 .kind = CJ_STR,
	 .oneof = ipam_drivers,
	 .flag = "--ipam-driver"},
	ZERO("Options", CJ_STRMAP, "--ipam-opt"),
	ZERO("Config", CJ_LIST, "--subnet/--ip-range/--gateway"),
};
static const struct cj_table t_ipam = CJ_TABLE(f_ipam);

static const struct cj_field f_config_from[] = {
	ZERO("Network", CJ_STR, "--config-from"),
};
static const struct cj_table t_config_from = CJ_TABLE(f_config_from);

static const struct cj_field f_netcreate[] = {
	{.name = "Name", .kind = CJ_STR},
	{.name = "CheckDuplicate", .kind = CJ_BOOL},
	{.name = "Driver",
	 .kind = CJ_STR,
	 .oneof = bridge_drivers,
	 .flag = "--driver"},
	{.name = "Scope", .kind = CJ_STR, .oneof = scopes, .flag = "--scope"},
	{.name = "Internal", .kind = CJ_BOOL},
	{.name = "EnableIPv4", .kind = CJ_BOOL},
	ZERO("EnableIPv6", CJ_BOOL, "--ipv6"),
	{.name = "IPAM", .kind = CJ_OBJ, .sub = &t_ipam},
	/* swarm-scoped networks only; compose sets it on every network */
	{.name = "Attachable", .kind = CJ_BOOL},
	ZERO("Ingress", CJ_BOOL, "--ingress"),
	ZERO("ConfigOnly", CJ_BOOL, "--config-only"),
	{.name = "ConfigFrom", .kind = CJ_OBJ, .sub = &t_config_from},
	ZERO("Options", CJ_STRMAP, "--opt"),
	{.name = "Labels",
	 .kind = CJ_STRMAP,
	 .check = canon_check_labels,
	 .flag = "--label"},
};
static const struct cj_table t_netcreate = CJ_TABLE(f_netcreate);

static const struct cj_field f_connect[] = {
	{.name = "Container", .kind = CJ_STR},
	{.name = "EndpointConfig", .kind = CJ_OBJ, .sub = &canon_t_endpoint},
};
static const struct cj_table t_connect = CJ_TABLE(f_connect);

static const struct cj_field f_disconnect[] = {
	{.name = "Container", .kind = CJ_STR},
	{.name = "Force", .kind = CJ_BOOL},
};
static const struct cj_table t_disconnect = CJ_TABLE(f_disconnect);

/* dockerd's own network names; a user network may not take them. */
static int reserved_name(const char *s)
{
	static const char *const names[] = {"bridge",  "host",	  "none",
					    "default", "ingress", NULL};

	for (size_t i = 0; names[i]; i++)
		if (!strcmp(s, names[i]))
			return 1;
	return 0;
}

static int netcreate_name(struct cj_ctx *cx, json_t *root,
			  struct canon_netcreate *nc)
{
	char q[CJ_QUOTE_MAX + 16];
	const char *name = cj_str(root, "Name");

	cj_quote(q, sizeof(q), name);
	if (!name[0])
		return cj_err(cx, CANON_EBAD, "a network name is required");
	if (name[0] == '/' || !canon_ref_ok(name, strlen(name)))
		return cj_err(cx, CANON_EBAD,
			      "network name %s: use letters, digits and "
			      "_.- (at most %d characters)",
			      q, CANON_REF_MAX);
	if (reserved_name(name))
		return cj_err(cx, CANON_EREFUSED,
			      "network name %s is reserved by docker", q);
	memcpy(nc->name, name, strlen(name) + 1);
	return CANON_OK;
}

/* Owner label forced; CheckDuplicate forced on, so daemons before API
 * 1.44 refuse a second network of the same name as newer ones do. */
static int netcreate_force(struct cj_ctx *cx, json_t *root,
			   const struct dg_user *user)
{
	json_t *labels = cj_obj(root, "Labels");

	if (!user || !user->name || !user->name[0])
		return cj_err(cx, CANON_EREFUSED,
			      "docker-gate cannot name the caller for the "
			      "owner label");
	if (!labels) {
		labels = json_object();
		if (!labels || json_object_set_new(root, "Labels", labels))
			return cj_err(cx, CANON_ENOMEM, "out of memory");
	}
	if (json_object_set_new(labels, GATE_OWNER_LABEL,
				json_string(user->name)) ||
	    json_object_set_new(root, "CheckDuplicate", json_true()))
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	return CANON_OK;
}

static int load_walk(struct cj_ctx *cx, const char *body, size_t len,
		     const struct cj_table *t, json_t **root)
{
	int rc = cj_load(cx, body, len, root);

	if (!rc)
		rc = cj_walk(cx, *root, t);
	return rc;
}

static int dump(struct cj_ctx *cx, json_t *root, char **out, size_t *outlen)
{
	*out = cj_dump(root, outlen);
	return *out ? CANON_OK : cj_err(cx, CANON_ENOMEM, "out of memory");
}

int canon_network_create(const char *body, size_t len,
			 const struct dg_user *user, struct canon_netcreate *nc,
			 char **out, size_t *outlen, char *err, size_t errlen)
{
	struct cj_ctx cx;
	json_t *root = NULL;
	int rc;

	cj_init(&cx, err, errlen);
	memset(nc, 0, sizeof(*nc));
	*out = NULL;
	*outlen = 0;
	rc = load_walk(&cx, body, len, &t_netcreate, &root);
	if (!rc)
		rc = netcreate_name(&cx, root, nc);
	if (!rc)
		rc = netcreate_force(&cx, root, user);
	if (!rc)
		rc = dump(&cx, root, out, outlen);
	if (!rc) {
		nc->view.size = sizeof(nc->view);
		nc->view.name = nc->name;
		nc->view.internal = cj_true(root, "Internal");
		nc->view.user_networks = -1;
	}
	json_decref(root);
	return rc;
}

int canon_network_connect(const char *body, size_t len, int disconnect,
			  struct canon_connect *cc, char *err, size_t errlen)
{
	struct cj_ctx cx;
	const char *ctr;
	int rc;

	cj_init(&cx, err, errlen);
	memset(cc, 0, sizeof(*cc));
	rc = load_walk(&cx, body, len, disconnect ? &t_disconnect : &t_connect,
		       &cc->root);
	if (rc)
		return rc;
	ctr = cj_str(cc->root, "Container");
	if (!canon_ref_ok(ctr, strlen(ctr)))
		return cj_err(&cx, CANON_EBAD,
			      "a container name or ID is "
			      "required");
	memcpy(cc->container, ctr, strlen(ctr) + 1);
	cc->aliases = json_array_size(cj_arr(cj_obj(cc->root, "EndpointConfig"),
					     "Aliases")) > 0;
	cc->view.size = sizeof(cc->view);
	cc->view.container = cc->container;
	return CANON_OK;
}

/* EndpointConfig.NetworkID = netid.  Connecting a stopped container only
 * records the endpoint, under the network's name; without the pin the
 * start looks that name up again and may find another user's network
 * (red team 3, see canon_netuse.c pin_endpoint). */
static int pin_network(json_t *root, const char *netid)
{
	json_t *ep = cj_obj(root, "EndpointConfig");

	if (!ep) {
		ep = json_object();
		if (!ep || json_object_set_new(root, "EndpointConfig", ep))
			return CANON_ENOMEM;
	}
	return json_object_set_new(ep, "NetworkID", json_string(netid))
		       ? CANON_ENOMEM
		       : CANON_OK;
}

int canon_network_connect_finish(struct canon_connect *cc, const char *id,
				 const char *netid, char **out, size_t *outlen)
{
	json_t *s = json_string(id);

	*out = NULL;
	if (!s || json_object_set_new(cc->root, "Container", s))
		return CANON_ENOMEM;
	if (netid && pin_network(cc->root, netid) != CANON_OK)
		return CANON_ENOMEM;
	*out = cj_dump(cc->root, outlen);
	return *out ? CANON_OK : CANON_ENOMEM;
}

void canon_network_connect_free(struct canon_connect *cc)
{
	if (cc) {
		json_decref(cc->root);
		cc->root = NULL;
	}
}
