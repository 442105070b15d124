/*
 * GET /system/df answers filtered per user (see df_filter.h).
 */
#include <stdlib.h>
#include <string.h>

#include "canon.h"
#include "df_filter.h"

/* Top-level keys kept (after the lists are filtered). */
static const char *const kept[] = {"LayersSize", "Images",     "Containers",
				   "Volumes",	 "BuildCache", "BuilderSize",
				   NULL};

static int is_kept(const char *key)
{
	for (const char *const *k = kept; *k; k++)
		if (!strcmp(key, *k))
			return 1;
	return 0;
}

static int owned(const json_t *obj, const char *user)
{
	const char *o = json_string_value(json_object_get(
		json_object_get(obj, "Labels"), GATE_OWNER_LABEL));

	return o && !strcmp(o, user);
}

/* Keeps the user's objects of a list; null stays null. */
static int keep_owned(json_t *root, const char *key, const char *user)
{
	json_t *list = json_object_get(root, key), *out;
	json_t *e;
	size_t i;

	if (!list || json_is_null(list))
		return DF_OK;
	if (!json_is_array(list))
		return DF_EBAD;
	out = json_array();
	if (!out)
		return DF_ENOMEM;
	json_array_foreach(list, i, e)
	{
		if (owned(e, user) && json_array_append(out, e)) {
			json_decref(out);
			return DF_ENOMEM;
		}
	}
	return json_object_set_new(root, key, out) ? DF_ENOMEM : DF_OK;
}

int df_filter_json(json_t *root, const char *user)
{
	json_t *bc, *v;
	const char *key;
	void *tmp;
	int rc;

	/* fail closed: no user matches an empty label by accident */
	if (!json_is_object(root) || !user || !*user)
		return DF_EBAD;
	json_object_foreach_safe(root, tmp, key, v)
	{
		(void)v;
		if (!is_kept(key))
			json_object_del(root, key);
	}
	rc = keep_owned(root, "Containers", user);
	if (rc == DF_OK)
		rc = keep_owned(root, "Volumes", user);
	if (rc != DF_OK)
		return rc;
	bc = json_object_get(root, "BuildCache");
	if (bc && !json_is_null(bc)) {
		if (!json_is_array(bc))
			return DF_EBAD;
		if (json_object_set_new(root, "BuildCache", json_array()))
			return DF_ENOMEM;
	}
	return DF_OK;
}

int df_filter(const char *in, size_t len, const char *user, char **out,
	      size_t *outlen)
{
	json_t *root = json_loadb(in, len, JSON_REJECT_DUPLICATES, NULL);
	int rc;

	*out = NULL;
	*outlen = 0;
	if (!root)
		return DF_EBAD;
	rc = df_filter_json(root, user);
	if (rc == DF_OK) {
		*out = json_dumps(root, JSON_COMPACT);
		if (!*out)
			rc = DF_ENOMEM;
		else
			*outlen = strlen(*out);
	}
	json_decref(root);
	return rc;
}
