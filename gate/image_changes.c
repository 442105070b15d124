/*
 * Checks one `changes` entry of docker commit / docker import (see
 * image_changes.h for why each rule exists).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "image_changes.h"

#include <jansson.h>

/* dockerd's commit and import instructions, ONBUILD left out. */
static const char *const allowed[] = {
	"CMD",	      "ENTRYPOINT", "ENV",    "EXPOSE",	 "HEALTHCHECK", "LABEL",
	"STOPSIGNAL", "USER",	    "VOLUME", "WORKDIR", NULL};

static int refuse(char *err, size_t errlen, const char *why)
{
	snprintf(err, errlen, "--change is refused: %s", why);
	return -1;
}

static int blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The first word names an allowed instruction. */
static int instruction_ok(const char *s, char *err, size_t errlen)
{
	size_t n = strcspn(s, " \t");

	if (n == 7 && !strncasecmp(s, "ONBUILD", 7))
		return refuse(err, errlen,
			      "ONBUILD is not available through docker-gate "
			      "(its steps would run in other people's "
			      "builds)");
	for (const char *const *a = allowed; *a; a++)
		if (strlen(*a) == n && !strncasecmp(s, *a, n))
			return 0;
	return refuse(err, errlen,
		      "only CMD, ENTRYPOINT, ENV, EXPOSE, HEALTHCHECK, LABEL, "
		      "STOPSIGNAL, USER, VOLUME and WORKDIR can be changed");
}

int image_change_check(const char *change, char *err, size_t errlen)
{
	size_t len = change ? strlen(change) : 0;
	const char *s = change;

	if (len == 0 || len > IMAGE_CHANGE_LEN_MAX)
		return refuse(err, errlen,
			      len ? "a change is too long"
				  : "a change is empty");
	for (const unsigned char *p = (const unsigned char *)change; *p; p++)
		if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
			return refuse(err, errlen,
				      "a change must be one line without "
				      "control characters");
	while (blank(*s))
		s++;
	if (*s == '#')
		return refuse(err, errlen,
			      "comments and parser directives are not "
			      "changes");
	while (len > 0 && blank(change[len - 1]))
		len--;
	if (len == 0)
		return refuse(err, errlen, "a change is empty");
	/* fail closed: a continuation would join the next change to it */
	if (change[len - 1] == '\\' || change[len - 1] == '`')
		return refuse(err, errlen,
			      "a change must not end in a line continuation "
			      "(\\ or `)");
	if (strstr(change, "<<"))
		return refuse(err, errlen,
			      "heredocs (<<) are not accepted in a change");
	return instruction_ok(s, err, errlen);
}

int image_commit_body_empty(const char *body, size_t len)
{
	json_t *j;
	int empty = 1;

	for (size_t i = 0; i < len; i++)
		if (!strchr(" \t\r\n", body[i]) || !body[i])
			empty = 0;
	if (empty)
		return 1;
	j = json_loadb(body, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY,
		       NULL);
	empty = json_is_null(j) ||
		(json_is_object(j) && json_object_size(j) == 0);
	json_decref(j);
	return empty;
}
