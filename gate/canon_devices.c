/*
 * --device and --gpus into the view.  Host paths are cleaned the way bind
 * sources are (canon_paths.c) and the tree rewritten to the clean path, so
 * the policy's exact match is on what dockerd opens.
 */
#include <stdio.h>
#include <string.h>

#include "canon_priv.h"

static int perms_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 3 || strspn(s, "rwm") != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (strchr(s + i + 1, s[i]))
			return 0;
	return 1;
}

static int device_one(struct cj_ctx *cx, struct canon_create *c, json_t *d,
		      struct dg_device *out)
{
	char q[CJ_QUOTE_MAX + 16], qh[CJ_QUOTE_MAX + 16];
	const char *host, *ctr = cj_str(d, "PathInContainer");
	const char *perms = cj_str(d, "CgroupPermissions");
	int rc;

	rc = canon_clean_path(cx, &c->pool, "--device", cj_str(d, "PathOnHost"),
			      &host);
	if (rc)
		return rc;
	if (!*ctr)
		ctr = host;
	cj_quote(q, sizeof(q), ctr);
	if (ctr[0] != '/' || strlen(ctr) >= CANON_PATH_MAX)
		return cj_err(cx, CANON_EBAD,
			      "--device: the container path %s must be "
			      "absolute",
			      q);
	if (!perms_ok(perms)) {
		cj_quote(qh, sizeof(qh), host);
		return cj_err(cx, CANON_EBAD,
			      "--device %s: permissions must be letters of "
			      "rwm",
			      qh);
	}
	/* copies first: the strings belong to the tree rewritten below */
	out->host = host;
	out->container = cj_strdup(&c->pool, ctr);
	out->perms = cj_strdup(&c->pool, perms);
	/* quoted: the refusal shows it in the user's terminal */
	cj_quote(qh, sizeof(qh), host);
	out->cli = cj_printf(&c->pool, "--device %s:%s:%s", qh, q, perms);
	if (!out->container || !out->perms || !out->cli)
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	if (json_object_set_new(d, "PathOnHost", json_string(host)) ||
	    json_object_set_new(d, "PathInContainer",
				json_string(out->container)))
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	return CANON_OK;
}

static int devices_parse(struct cj_ctx *cx, struct canon_create *c,
			 json_t *list)
{
	json_t *d;
	size_t i;
	int rc;

	if (!json_array_size(list))
		return CANON_OK;
	if (json_array_size(list) > CANON_MAX_OPTS)
		return cj_err(cx, CANON_EREFUSED,
			      "more than %d --device entries are not allowed "
			      "by docker-gate",
			      CANON_MAX_OPTS);
	c->devices = calloc(json_array_size(list), sizeof(*c->devices));
	if (!c->devices)
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	c->view.devices = c->devices;
	json_array_foreach(list, i, d)
	{
		rc = device_one(cx, c, d, &c->devices[i]);
		if (rc)
			return rc;
		c->view.ndevices = i + 1;
	}
	return CANON_OK;
}

/* --gpus: the NVIDIA driver (or docker's default, ""); CDI names through
 * --device come as Driver "cdi" and name arbitrary host devices. */
static int gpus_parse(struct cj_ctx *cx, struct canon_create *c, json_t *list)
{
	char q[CJ_QUOTE_MAX + 16];
	json_t *r;
	size_t i;

	json_array_foreach(list, i, r)
	{
		const char *drv = cj_str(r, "Driver");

		if (*drv && strcmp(drv, "nvidia")) {
			cj_quote(q, sizeof(q), drv);
			return cj_err(cx, CANON_EREFUSED,
				      "device requests for driver %s (CDI "
				      "devices) are not allowed by docker-gate "
				      "yet; --gpus is",
				      q);
		}
		c->view.gpus = 1;
	}
	return CANON_OK;
}

static int cgrules_parse(struct cj_ctx *cx, struct canon_create *c,
			 json_t *list)
{
	json_t *e;
	size_t i;
	int rc;

	json_array_foreach(list, i, e)
	{
		rc = canon_opt_add(
			cx, c, &c->cgrules, &c->view.ndevice_cgroup_rules,
			json_string_value(e), "--device-cgroup-rule");
		if (rc)
			return rc;
	}
	c->view.device_cgroup_rules = c->cgrules;
	return CANON_OK;
}

int canon_devices_parse(struct cj_ctx *cx, struct canon_create *c, json_t *hc)
{
	int rc = devices_parse(cx, c, cj_arr(hc, "Devices"));

	if (!rc)
		rc = gpus_parse(cx, c, cj_arr(hc, "DeviceRequests"));
	if (!rc)
		rc = cgrules_parse(cx, c, cj_arr(hc, "DeviceCgroupRules"));
	return rc;
}
