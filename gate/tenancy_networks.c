/*
 * Networks a user names: --network NAME on create, the network and the
 * container of connect/disconnect, and the count of a user's networks for
 * max_networks.  Names are looked up by dockerd (full ID, exact name, ID
 * prefix: owner.c) on live state, and the full ID is forwarded, so the
 * network checked is the network joined.  A network of another user reads
 * as a missing one; the built-in networks are used by name only.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "canon.h"
#include "conn.h"
#include "owner.h"
#include "query.h"
#include "upstream.h"

/*
 * Aliases only on one's own networks (red team 3): dockerd's DNS answers a
 * name with every container on the network that has it as name or alias,
 * so on a network shared with other users an alias "db" would draw their
 * containers' connections to "db" (round robin) to the alias holder.
 */
#define TENANCY_SHARED_ALIAS                                                   \
	"%s %s: network aliases are refused on a network shared with other "   \
	"users (they would answer for names other users' containers look "     \
	"up); leave out --network-alias/--alias, or use a network you "        \
	"created"

/* dg_net_kind of a lookup result; 0 when the network is not usable. */
static enum dg_net_kind usable(int rc, int admin)
{
	if (rc == OWNER_OK || (admin && rc == OWNER_FOREIGN))
		return DG_NET_USER;
	if (rc == OWNER_ADMIN_SHARED)
		return DG_NET_SHARED;
	return 0;
}

int tenancy_create_network(struct conn *c, struct canon_create *cc, int admin,
			   struct verdict *v)
{
	const char *name = canon_create_netname(cc);
	char id[OWNER_FULLID_MAX], err[512] = "";
	enum dg_net_kind kind;
	int rc;

	if (!name)
		return 0;
	rc = owner_network(gate_cfg.upstream_path, c->m->api_minor, name,
			   c->id.user.name, id, sizeof(id), err, sizeof(err));
	if (rc == OWNER_EUPSTREAM)
		return tenancy_upstream_failed(v, err);
	if (rc == OWNER_SHARED)
		return tenancy_refuse(v, 403,
				      "--network %s: name the built-in "
				      "networks by name (bridge, none, host)",
				      name);
	kind = usable(rc, admin);
	if (!kind) {
		if (rc == OWNER_FOREIGN)
			gate_log(4, "%s named another user's network: %s",
				 c->id.user.name, err);
		/* never 404 on create (the CLI would pull) */
		return tenancy_refuse(
			v, 403,
			"no such network: %s (a container can join only "
			"networks you created with docker network create, "
			"shared ones, bridge and none)",
			name);
	}
	if (kind == DG_NET_SHARED && canon_create_net_aliases(cc))
		return tenancy_refuse(v, 403, TENANCY_SHARED_ALIAS, "--network",
				      name);
	if (canon_create_set_network(cc, kind, id) != CANON_OK)
		return tenancy_upstream_failed(v, "bad network ID");
	return 0;
}

long long tenancy_count_networks(struct conn *c)
{
	char filters[512], enc[1024], target[1200], err[256] = "";
	json_t *list = NULL;
	long long n = -1;
	int status = 0;

	snprintf(filters, sizeof(filters), "{\"label\":{\"%s=%s\":true}}",
		 GATE_OWNER_LABEL, c->id.user.name);
	if (query_pct_encode(filters, "", enc, sizeof(enc)) < 0)
		return -1;
	snprintf(target, sizeof(target), "/v1.%u/networks?filters=%s",
		 c->m->api_minor, enc);
	if (upstream_get_json(gate_cfg.upstream_path, target, OWNER_TIMEOUT_MS,
			      &status, &list, err, sizeof(err)) == 0 &&
	    status == 200 && json_is_array(list))
		n = (long long)json_array_size(list);
	else
		gate_log(4, "cannot count networks of %s: %s (status %d)",
			 c->id.user.name, err, status);
	json_decref(list);
	return n;
}

/* bridge and none by name; host is refused by dockerd for connect. */
static enum dg_net_kind builtin_kind(const char *ref)
{
	if (!strcmp(ref, "bridge"))
		return DG_NET_BRIDGE;
	if (!strcmp(ref, "none"))
		return DG_NET_NONE;
	return 0;
}

int tenancy_network_target(struct conn *c, int admin, enum dg_net_kind *kind,
			   struct verdict *v)
{
	const char *ref = c->m->object;
	char id[OWNER_FULLID_MAX], err[512] = "";
	int rc = owner_network(gate_cfg.upstream_path, c->m->api_minor, ref,
			       c->id.user.name, id, sizeof(id), err,
			       sizeof(err));

	if (rc == OWNER_EUPSTREAM)
		return tenancy_upstream_failed(v, err);
	*kind = rc == OWNER_SHARED ? builtin_kind(ref) : usable(rc, admin);
	if (rc == OWNER_SHARED && !*kind)
		return tenancy_refuse(v, 403,
				      "network %s: only bridge and none, "
				      "named so, can be joined of the "
				      "built-in networks",
				      ref);
	if (!*kind) {
		v->allowed = 0;
		v->status = 404;
		v->raw_message = 1;
		snprintf(v->message, sizeof(v->message), "network %s not found",
			 ref);
		snprintf(v->rule, sizeof(v->rule), "built-in: ownership");
		return -1;
	}
	snprintf(v->object, sizeof(v->object), "%s", id);
	return 0;
}
