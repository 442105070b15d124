/*
 * Tenancy: every object a user names must be theirs.  The reference is
 * resolved by dockerd itself (full ID, exact name, unique prefix), the owner
 * label checked on live state (no caching), and the request forwarded with
 * the resolved full ID, so the check and the action see the same object.
 * Another user's object answers exactly as a missing one would.  Lists and
 * event streams get the owner label filter, which dockerd ANDs with the
 * client's own terms.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canon.h"
#include "conn.h"
#include "filters.h"

#include <jansson.h>
#include "owner.h"
#include "query.h"
#include "upstream.h"

enum tenancy_kind { T_NONE, T_CONTAINER, T_EXEC, T_VOLUME, T_NETWORK, T_LIST };

static int starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static enum tenancy_kind kind_of(const struct route_def *d)
{
	if (starts(d->pattern, "/containers/{}"))
		return T_CONTAINER;
	if (starts(d->pattern, "/exec/{}"))
		return T_EXEC;
	if (starts(d->pattern, "/volumes/{}"))
		return T_VOLUME;
	/* connect/disconnect: tenancy_networks.c, with the body */
	if (!strcmp(d->pattern, "/networks/{}/connect") ||
	    !strcmp(d->pattern, "/networks/{}/disconnect"))
		return T_NONE;
	if (starts(d->pattern, "/networks/{}"))
		return T_NETWORK;
	if (!strcmp(d->pattern, "/containers/json") ||
	    !strcmp(d->pattern, "/volumes") ||
	    !strcmp(d->pattern, "/networks") ||
	    !strcmp(d->pattern, "/networks/") ||
	    !strcmp(d->pattern, "/events") ||
	    !strcmp(d->pattern, "/containers/prune") ||
	    !strcmp(d->pattern, "/volumes/prune") ||
	    !strcmp(d->pattern, "/networks/prune"))
		return T_LIST;
	return T_NONE;
}

int tenancy_refuse(struct verdict *v, int status, const char *fmt, ...)
{
	va_list ap;

	v->allowed = 0;
	v->status = status;
	va_start(ap, fmt);
	vsnprintf(v->message, sizeof(v->message), fmt, ap);
	va_end(ap);
	snprintf(v->rule, sizeof(v->rule), "built-in: ownership");
	return -1;
}

/* dockerd's own 404 texts, so a foreign object reads like a missing one. */
static void not_found(struct verdict *v, enum tenancy_kind k, const char *ref)
{
	v->allowed = 0;
	v->status = 404;
	v->raw_message = 1;
	snprintf(v->rule, sizeof(v->rule), "built-in: ownership");
	switch (k) {
	case T_EXEC:
		snprintf(v->message, sizeof(v->message),
			 "No such exec instance: %s", ref);
		break;
	case T_VOLUME:
		snprintf(v->message, sizeof(v->message),
			 "get %s: no such volume", ref);
		break;
	case T_NETWORK:
		snprintf(v->message, sizeof(v->message), "network %s not found",
			 ref);
		break;
	default:
		snprintf(v->message, sizeof(v->message),
			 "No such container: %s", ref);
	}
}

int tenancy_upstream_failed(struct verdict *v, const char *err)
{
	gate_log(3, "ownership lookup failed: %s", err);
	return tenancy_refuse(
		v, 502,
		"cannot check who owns this object: the docker daemon did "
		"not answer; try again shortly");
}

/* since= and before= name a container, and dockerd answers an unknown one
 * with an error: through the gate that would tell whether another user's
 * container exists (red team F5), so they are refused. */
static int names_a_container(const struct conn *c)
{
	const char *f = route_param(c->m, "filters");
	json_t *j;
	int found;

	if (strcmp(c->m->def->pattern, "/containers/json"))
		return 0;
	if (route_param(c->m, "since") || route_param(c->m, "before"))
		return 1;
	if (!f || !*f)
		return 0;
	j = json_loads(f, 0, NULL);
	found = json_object_get(j, "since") || json_object_get(j, "before");
	json_decref(j);
	return found;
}

static int add_owner_filter(struct conn *c, struct verdict *v)
{
	if (names_a_container(c)) {
		return tenancy_refuse(
			v, 403,
			"--filter since=/before= and --since/--before are "
			"not supported by docker-gate");
	}

	char err[256], *out = NULL;
	int rc = filters_add_owner(route_param(c->m, "filters"),
				   c->id.user.name, &out, err, sizeof(err));

	if (rc != 0 || route_set_param(c->m, "filters", out) < 0) {
		free(out);
		v->allowed = 0;
		v->status = rc == FILTERS_EREFUSED ? 403 : 400;
		snprintf(v->message, sizeof(v->message), "filters refused: %s",
			 rc ? err : "too long");
		snprintf(v->rule, sizeof(v->rule), "built-in: ownership");
		return -1;
	}
	free(out);
	return 0;
}

/* GET /containers/json?all=1 with `filters` (JSON); 0 and *out a JSON
 * array, or -1 with err. */
static int list_containers(const struct conn *c, const char *filters,
			   json_t **out, char *err, size_t errlen)
{
	char enc[4096], target[4200];
	int status = 0;

	*out = NULL;
	if (query_pct_encode(filters, "", enc, sizeof(enc)) < 0) {
		snprintf(err, errlen, "filter too long");
		return -1;
	}
	snprintf(target, sizeof(target),
		 "/v1.%u/containers/json?all=1&filters=%s", c->m->api_minor,
		 enc);
	if (upstream_get_json(gate_cfg.upstream_path, target, OWNER_TIMEOUT_MS,
			      &status, out, err, errlen) < 0 ||
	    status != 200 || !json_is_array(*out)) {
		if (!err[0])
			snprintf(err, errlen, "container list: status %d",
				 status);
		json_decref(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

/* The filter that selects the caller's own containers. */
static void own_filter(const struct conn *c, char *buf, size_t len)
{
	snprintf(buf, len, "{\"label\":{\"%s=%s\":true}}", GATE_OWNER_LABEL,
		 c->id.user.name);
}

int tenancy_list_own(const struct conn *c, json_t **out, char *err,
		     size_t errlen)
{
	char filters[512];

	own_filter(c, filters, sizeof(filters));
	return list_containers(c, filters, out, err, errlen);
}

static int is_hex(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && n <= 64 && strspn(s, "0123456789abcdef") == n;
}

/*
 * dockerd tries an exact name before an ID prefix, so another user can
 * name a container like a prefix of yours (red team F6).  When a hex
 * reference lands on someone else's container, look for exactly one of
 * the caller's own containers whose ID starts with it.
 */
static int own_prefix(const struct conn *c, const char *ref, char *id,
		      size_t idlen)
{
	char filters[512], err[256] = "";
	json_t *list, *e;
	size_t i, hits = 0;

	own_filter(c, filters, sizeof(filters));
	if (list_containers(c, filters, &list, err, sizeof(err)) < 0)
		return OWNER_EUPSTREAM;
	json_array_foreach(list, i, e)
	{
		const char *cid = json_string_value(json_object_get(e, "Id"));

		if (cid && !strncmp(cid, ref, strlen(ref)) && hits++ == 0)
			snprintf(id, idlen, "%s", cid);
	}
	json_decref(list);
	return hits == 1 ? OWNER_OK : OWNER_NOTFOUND;
}

static int container_lookup(const struct conn *c, const char *ref, char *id,
			    size_t idlen, char *err, size_t errlen)
{
	char found[OWNER_FULLID_MAX];
	int rc = owner_container(gate_cfg.upstream_path, c->m->api_minor, ref,
				 c->id.user.name, id, idlen, err, errlen);

	if (rc == OWNER_FOREIGN && is_hex(ref)) {
		int own = own_prefix(c, ref, found, sizeof(found));

		if (own == OWNER_EUPSTREAM)
			return own;
		/* The list goes by the owner label alone, which a container
		 * also inherits from its image: the one found must pass the
		 * whole check, by its full ID (red team 3; a container from
		 * an image with the owner label is nobody's, owner.c). */
		if (own == OWNER_OK)
			return owner_container(
				gate_cfg.upstream_path, c->m->api_minor, found,
				c->id.user.name, id, idlen, err, errlen);
	}
	return rc;
}

int tenancy_own_container(struct conn *c, const char *ref, char *id,
			  size_t idlen, struct verdict *v)
{
	char err[512] = "";
	int rc = container_lookup(c, ref, id, idlen, err, sizeof(err));

	if (rc == OWNER_OK)
		return 0;
	if (rc == OWNER_EUPSTREAM)
		return tenancy_upstream_failed(v, err);
	not_found(v, T_CONTAINER, ref);
	return -1;
}

int tenancy_container(const struct conn *c, const char *ref, char *id,
		      size_t idlen, char *err, size_t errlen)
{
	return container_lookup(c, ref, id, idlen, err, errlen);
}

static int lookup(const struct conn *c, enum tenancy_kind k, char *id,
		  size_t idlen, char *err, size_t errlen)
{
	const char *sock = gate_cfg.upstream_path, *user = c->id.user.name;
	unsigned api = c->m->api_minor;

	switch (k) {
	case T_CONTAINER:
		return container_lookup(c, c->m->object, id, idlen, err,
					errlen);
	case T_EXEC:
		return owner_exec(sock, api, c->m->object, user, id, idlen, err,
				  errlen);
	case T_VOLUME:
		return owner_volume(sock, api, c->m->object, user, id, idlen,
				    err, errlen);
	default:
		return owner_network(sock, api, c->m->object, user, id, idlen,
				     err, errlen);
	}
}

/* A volume an administrator shared: users may inspect and mount it,
 * never remove it (relabelling is impossible through the API, prune
 * goes by the owner label). */
static int shared_volume(struct conn *c, const char *name, struct verdict *v)
{
	if (!strcmp(c->m->def->method, "GET")) {
		snprintf(v->object, sizeof(v->object), "%s", name);
		return 0;
	}
	return tenancy_refuse(
		v, 403,
		"docker volume rm %s is refused: the volume is "
		"shared by your administrator for every user; only "
		"an administrator can remove it",
		c->m->object);
}

int tenancy_check(struct conn *c, struct verdict *v)
{
	enum tenancy_kind k = kind_of(c->m->def);
	char id[OWNER_FULLID_MAX], err[512] = "";
	int rc;

	if (k == T_NONE)
		return 0;
	if (k == T_LIST)
		return add_owner_filter(c, v);
	rc = lookup(c, k, id, sizeof(id), err, sizeof(err));
	switch (rc) {
	case OWNER_OK:
		snprintf(v->object, sizeof(v->object), "%s", id);
		return 0;
	case OWNER_SHARED:
	case OWNER_ADMIN_SHARED:
		if (k == T_VOLUME)
			return shared_volume(c, id, v);
		/* fail closed: inspecting a shared network lists every
		 * user's containers and addresses. */
		return tenancy_refuse(
			v, 403,
			"network %s is shared by all users: it cannot be "
			"inspected or removed through docker-gate (docker "
			"network connect and disconnect work)",
			c->m->object);
	case OWNER_NOTFOUND:
	case OWNER_FOREIGN:
		if (rc == OWNER_FOREIGN)
			gate_log(4, "%s named another user's object: %s",
				 c->id.user.name, err);
		not_found(v, k, c->m->object);
		return -1;
	default:
		return tenancy_upstream_failed(v, err);
	}
}

/* Volume names are global: a name another user holds is refused, one
 * nobody holds is created now with the caller's label (dockerd would
 * otherwise create it on first use, unlabelled, owned by no one). */
static int claim_volume(struct conn *c, const char *name, int create,
			int *shared_ro, struct verdict *v)
{
	char id[OWNER_FULLID_MAX], err[512] = "", target[512];
	json_t *req = NULL, *body = NULL;
	char *json = NULL;
	int rc, status = 0, writable = 0;

	rc = owner_volume_ex(gate_cfg.upstream_path, c->m->api_minor, name,
			     c->id.user.name, id, sizeof(id), &writable, err,
			     sizeof(err));
	if (rc == OWNER_OK)
		return 0;
	/* a shared volume may be mounted (read-only unless "rw") */
	if (rc == OWNER_SHARED && create) {
		*shared_ro = !writable;
		return 0;
	}
	if (rc == OWNER_FOREIGN || rc == OWNER_SHARED) {
		return tenancy_refuse(
			v, 403, "volume name %s is taken; choose another name",
			name);
	}
	if (rc != OWNER_NOTFOUND)
		return tenancy_upstream_failed(v, err);
	if (!create)
		return 0;
	req = json_pack("{s:s, s:{s:s}}", "Name", name, "Labels",
			GATE_OWNER_LABEL, c->id.user.name);
	json = req ? json_dumps(req, JSON_COMPACT) : NULL;
	snprintf(target, sizeof(target), "/v1.%u/volumes/create",
		 c->m->api_minor);
	rc = json ? upstream_request_json(gate_cfg.upstream_path, "POST",
					  target, json, OWNER_TIMEOUT_MS,
					  &status, &body, err, sizeof(err))
		  : -1;
	free(json);
	json_decref(req);
	if (rc == 0 && status == 201) {
		const char *owner = json_string_value(json_object_get(
			json_object_get(body, "Labels"), GATE_OWNER_LABEL));

		rc = owner && !strcmp(owner, c->id.user.name) ? 0 : -2;
	} else if (rc == 0) {
		snprintf(err, sizeof(err), "volume create: %d %s", status,
			 upstream_message(body));
		rc = -1;
	}
	json_decref(body);
	if (rc == -2) {
		/* Someone else created it between our look and our create. */
		return tenancy_refuse(
			v, 403, "volume name %s is taken; choose another name",
			name);
	}
	return rc < 0 ? tenancy_upstream_failed(v, err) : 0;
}

int tenancy_create_volumes(struct conn *c, struct canon_create *cc,
			   struct verdict *v)
{
	const struct dg_create *cr = canon_create_view(cc);
	char err[CANON_ERR_MAX] = "";

	for (size_t i = 0; i < cr->nmounts; i++) {
		const struct dg_mount *mt = &cr->mounts[i];
		int ro = 0;

		if (mt->kind != DG_MOUNT_VOLUME || !mt->source ||
		    !mt->source[0])
			continue;
		if (claim_volume(c, mt->source, 1, &ro, v) < 0)
			return -1;
		if (ro && canon_create_volume_ro(cc, mt->source, err,
						 sizeof(err)) != CANON_OK)
			return tenancy_refuse(v, 403, "%s", err);
	}
	return 0;
}

int tenancy_volume_create(struct conn *c, struct verdict *v)
{
	json_t *b = json_loadb(v->body, v->body_len, 0, NULL);
	const char *name = json_string_value(json_object_get(b, "Name"));
	int rc = 0;

	/* An unnamed volume gets a fresh random name from dockerd. */
	if (name && *name)
		rc = claim_volume(c, name, 0, NULL, v);
	json_decref(b);
	return rc;
}

int tenancy_create_refs(struct conn *c, struct canon_create *cc,
			struct verdict *v)
{
	for (size_t i = 0; i < canon_create_nrefs(cc); i++) {
		const char *ref = canon_create_ref(cc, i);
		char id[OWNER_FULLID_MAX], err[512] = "";
		int rc = container_lookup(c, ref, id, sizeof(id), err,
					  sizeof(err));

		if (rc == OWNER_OK) {
			if (canon_create_set_ref(cc, i, id) != CANON_OK)
				return tenancy_upstream_failed(
					v, "bad container ID");
			continue;
		}
		if (rc == OWNER_EUPSTREAM)
			return tenancy_upstream_failed(v, err);
		/* Never 404 on create (the CLI would pull): 403, and the
		 * same words for missing and foreign. */
		return tenancy_refuse(
			v, 403,
			"no such container: %s (only your own containers "
			"can be joined, linked or shared)",
			ref);
	}
	return 0;
}

/*
 * Container names are global: a name another user holds must be refused
 * without dockerd's 409, which names the holder's full ID (red team 2).
 * The name filter is a regular expression: the name's charset leaves only
 * '.' to escape, as "\\." inside the JSON string.
 *
 * Names with a '.' are refused (red team 3): dockerd's DNS answers a
 * container's name on every user network it is on, before asking the
 * outside, so on a network shared with other users a container named
 * "pypi.org" would answer their containers' lookups of that host.
 */
int tenancy_name_free(struct conn *c, const char *name, struct verdict *v)
{
	char re[3 * CANON_REF_MAX + 8], filters[4 * CANON_REF_MAX + 64];
	char err[256] = "";
	json_t *list, *e;
	size_t i, o = 0;
	int foreign = 0;

	if (!name || !*name)
		return 0;
	if (*name == '/')
		name++;
	/* fail closed: a name the check cannot handle is not forwarded */
	if (strlen(name) > CANON_REF_MAX)
		return tenancy_refuse(v, 400,
				      "container names are limited to %d "
				      "characters through docker-gate",
				      CANON_REF_MAX);
	if (strchr(name, '.'))
		return tenancy_refuse(
			v, 403,
			"container name \"%s\" is refused: "
			"names with '.' are not available through "
			"docker-gate (on a shared network they "
			"would answer other users' lookups of "
			"that host name); use letters, digits, "
			"'_' and '-'",
			name);
	for (const char *p = name; *p; p++) {
		if (*p == '.') {
			re[o++] = '\\';
			re[o++] = '\\';
		}
		re[o++] = *p;
	}
	re[o] = '\0';
	snprintf(filters, sizeof(filters), "{\"name\":{\"^/%s$\":true}}", re);
	if (list_containers(c, filters, &list, err, sizeof(err)) < 0)
		return tenancy_upstream_failed(v, err);
	json_array_foreach(list, i, e)
	{
		const char *owner = json_string_value(json_object_get(
			json_object_get(e, "Labels"), GATE_OWNER_LABEL));

		if (!owner || strcmp(owner, c->id.user.name))
			foreign = 1;
	}
	json_decref(list);
	if (!foreign)
		return 0;
	return tenancy_refuse(
		v, 409,
		"the container name \"/%s\" is already in use; choose another "
		"name",
		name);
}

int tenancy_image_inspect(const struct conn *c, const char *ref, json_t **out)
{
	char enc[1024], target[1200], err[256];
	int status = 0;

	*out = NULL;
	if (query_pct_encode(ref, "/:@", enc, sizeof(enc)) < 0)
		return -1; /* fail closed: no answer for what we cannot ask */
	snprintf(target, sizeof(target), "/v1.%u/images/%s/json",
		 c->m->api_minor, enc);
	if (upstream_get_json(gate_cfg.upstream_path, target, OWNER_TIMEOUT_MS,
			      &status, out, err, sizeof(err)) < 0) {
		gate_log(4, "image lookup %s: %s", ref, err);
		return -1;
	}
	return status;
}
