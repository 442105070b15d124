/*
 * The body of the gate's `docker policy` answer (pure).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "policy_view.h"

/* A copy with every non-ASCII byte as '?': valid UTF-8 whatever came in. */
static char *ascii_copy(const char *s)
{
	char *c = strdup(s);

	for (char *p = c; p && *p; p++)
		if ((unsigned char)*p >= 0x80)
			*p = '?';
	return c;
}

/* A JSON string; json_string refuses text that is not UTF-8. */
static json_t *text_value(const char *s)
{
	json_t *v = json_string(s);
	char *c;

	if (v)
		return v;
	c = ascii_copy(s);
	v = c ? json_string(c) : NULL;
	free(c);
	return v;
}

char *policy_view_body(const char *user, unsigned long long uid,
		       const char *text, size_t *len)
{
	json_t *obj = json_object();
	char *body = NULL;

	*len = 0;
	if (obj &&
	    !json_object_set_new(obj, "User", text_value(user ? user : "?")) &&
	    !json_object_set_new(obj, "Uid", json_integer((json_int_t)uid)) &&
	    !json_object_set_new(obj, "Policy", text_value(text ? text : "")))
		body = json_dumps(obj, JSON_COMPACT | JSON_ENSURE_ASCII |
					       JSON_PRESERVE_ORDER);
	json_decref(obj);
	if (body)
		*len = strlen(body);
	return body;
}
