/*
 * Template expansion for policy values (see template.h).  Pure: no
 * environment, no NSS, no allocation; the caller hands in the user's
 * values and a buffer.
 */
#include "template.h"

#include <stdio.h>
#include <string.h>

struct tpl_out {
	char *buf;
	size_t len;
	size_t cap;
};

static int tpl_put(struct tpl_out *o, const char *s, size_t n)
{
	if (n >= o->cap - o->len)
		return -1;
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
	return 0;
}

static int tpl_name_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

/* A user name is pasted into paths: refuse names that would climb or split
 * a path component (fail closed: NSS should never give us these). */
static int tpl_user_ok(const char *u)
{
	return u && *u && !strchr(u, '/') && strcmp(u, ".") != 0 &&
	       strcmp(u, "..") != 0;
}

static const char *tpl_value(const char *name, size_t n, unsigned int allowed,
			     const struct dgp_tpl_vars *v, char *num,
			     size_t numlen, char *err, size_t errlen)
{
	unsigned int bit = 0;

	if (n == 4 && !memcmp(name, "HOME", 4))
		bit = DGP_TPL_HOME;
	else if (n == 4 && !memcmp(name, "USER", 4))
		bit = DGP_TPL_USER;
	else if (n == 3 && !memcmp(name, "UID", 3))
		bit = DGP_TPL_UID;
	if (!bit) {
		snprintf(err, errlen,
			 "unknown template variable $%.*s (known: $HOME, "
			 "$USER, $UID)",
			 (int)(n > DGP_TPL_NAME_MAX ? DGP_TPL_NAME_MAX : n),
			 name);
		return NULL;
	}
	if (!(allowed & bit)) {
		snprintf(err, errlen, "$%.*s cannot be used in this value",
			 (int)n, name);
		return NULL;
	}
	if (bit == DGP_TPL_HOME) {
		if (!v->home || v->home[0] != '/') {
			snprintf(err, errlen,
				 "the user's home directory is "
				 "unknown or not absolute");
			return NULL;
		}
		return v->home;
	}
	if (bit == DGP_TPL_USER) {
		if (!tpl_user_ok(v->user)) {
			snprintf(err, errlen,
				 "the user name is unknown or unusable in a "
				 "template");
			return NULL;
		}
		return v->user;
	}
	snprintf(num, numlen, "%llu", v->uid);
	return num;
}

static int tpl_emit(const char *name, size_t n, unsigned int allowed,
		    const struct dgp_tpl_vars *v, struct tpl_out *o, char *err,
		    size_t errlen)
{
	char num[24];
	const char *val;

	val = tpl_value(name, n, allowed, v, num, sizeof(num), err, errlen);
	if (!val)
		return -1;
	if (tpl_put(o, val, strlen(val)) < 0) {
		snprintf(err, errlen, "value too long after expansion");
		return -1;
	}
	return 0;
}

/* Parses the variable at *pp (just after '$'), appends its value. */
static int tpl_var(const char **pp, unsigned int allowed,
		   const struct dgp_tpl_vars *v, struct tpl_out *o, char *err,
		   size_t errlen)
{
	const char *p = *pp, *name;
	size_t n;

	if (*p == '{') {
		const char *end = strchr(p + 1, '}');

		if (!end) {
			snprintf(err, errlen, "unterminated ${ in template");
			return -1;
		}
		name = p + 1;
		n = (size_t)(end - name);
		*pp = end + 1;
	} else {
		name = p;
		for (n = 0; tpl_name_char(name[n]); n++)
			;
		if (n == 0) {
			snprintf(err, errlen,
				 "a '$' must start a template variable "
				 "($HOME, $USER, $UID)");
			return -1;
		}
		*pp = name + n;
	}
	return tpl_emit(name, n, allowed, v, o, err, errlen);
}

int dgp_tpl_expand(const char *tpl, unsigned int allowed,
		   const struct dgp_tpl_vars *v, char *out, size_t outlen,
		   char *err, size_t errlen)
{
	struct tpl_out o = {out, 0, outlen};
	const char *p = tpl;

	if (outlen == 0)
		return -1;
	out[0] = '\0';
	if (p[0] == '~') {
		if (p[1] != '\0' && p[1] != '/') {
			snprintf(err, errlen,
				 "~NAME is not supported; write ~ or $HOME "
				 "for the calling user, or a plain path");
			return -1;
		}
		if (tpl_emit("HOME", 4, allowed, v, &o, err, errlen) < 0)
			return -1;
		p++;
	}
	while (*p) {
		const char *dollar = strchr(p, '$');
		size_t n = dollar ? (size_t)(dollar - p) : strlen(p);

		if (tpl_put(&o, p, n) < 0) {
			snprintf(err, errlen, "value too long after expansion");
			return -1;
		}
		p += n;
		if (!dollar)
			break;
		p++;
		if (tpl_var(&p, allowed, v, &o, err, errlen) < 0)
			return -1;
	}
	return 0;
}

int dgp_tpl_has_vars(const char *tpl)
{
	return tpl[0] == '~' || strchr(tpl, '$') != NULL;
}
