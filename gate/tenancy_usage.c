/*
 * Counting what a user's containers hold (policy 1.3 totals): the owner
 * filtered list, then each container's HostConfig by inspect, on live
 * state at every create and update (the container list does not carry
 * limits, and `docker update` changes them without changing labels, so
 * nothing else can be trusted).  Every container counts, in any state: a
 * stopped one can be started at any time.
 *
 * The caller holds the user's create/update lock (conn.c), so two
 * requests of one user cannot both pass the same count.
 */
#include <stdio.h>
#include <string.h>

#include "conn.h"
#include "owner.h"
#include "upstream.h"
#include "usage.h"

#include <jansson.h>

/* Containers one count inspects at most; beyond, it fails (closed). */
#define TENANCY_USAGE_MAX 1000

/* 1 counted, 0 gone meanwhile, -1 no answer. */
static int inspect_limits(const struct conn *c, const char *id,
			  struct dg_resources *r, char *err, size_t errlen)
{
	char target[160];
	json_t *obj = NULL;
	int status = 0;

	snprintf(target, sizeof(target), "/v1.%u/containers/%s/json",
		 c->m->api_minor, id);
	if (upstream_get_json(gate_cfg.upstream_path, target, OWNER_TIMEOUT_MS,
			      &status, &obj, err, errlen) < 0)
		return -1;
	if (status == 404) {
		json_decref(obj);
		return 0; /* removed since the list: holds nothing */
	}
	if (status != 200 ||
	    !json_is_object(json_object_get(obj, "HostConfig"))) {
		snprintf(err, errlen, "inspect %s: status %d", id, status);
		json_decref(obj);
		return -1;
	}
	usage_limits(json_object_get(obj, "HostConfig"), r);
	json_decref(obj);
	return 1;
}

static int valid_id(const char *id)
{
	return id && strlen(id) == OWNER_ID_HEX &&
	       strspn(id, "0123456789abcdef") == OWNER_ID_HEX;
}

int tenancy_usage(struct conn *c, const char *exclude, struct dg_usage *u)
{
	char err[256] = "";
	json_t *list, *e;
	size_t i;
	int rc = 0;

	usage_init(u);
	if (tenancy_list_own(c, &list, err, sizeof(err)) < 0)
		goto fail;
	if (json_array_size(list) > TENANCY_USAGE_MAX) {
		/* the number is known, the limits are not looked up */
		u->containers = (long long)json_array_size(list);
		gate_log(4,
			 "%s has %lld containers: their limits are not "
			 "counted (more than %d)",
			 c->id.user.name, u->containers, TENANCY_USAGE_MAX);
		json_decref(list);
		return 1;
	}
	json_array_foreach(list, i, e)
	{
		const char *id = json_string_value(json_object_get(e, "Id"));
		struct dg_resources r;
		int got;

		if (!valid_id(id)) {
			snprintf(err, sizeof(err), "container list: bad Id");
			rc = -1;
			break;
		}
		got = inspect_limits(c, id, &r, err, sizeof(err));
		if (got < 0) {
			rc = -1;
			break;
		}
		if (got == 0)
			continue;
		if (exclude && !strcmp(id, exclude))
			u->target = r;
		else
			usage_add(u, &r);
	}
	json_decref(list);
	if (rc == 0)
		return 0;
fail:
	gate_log(4, "cannot count the containers of %s: %s", c->id.user.name,
		 err);
	return -1;
}
