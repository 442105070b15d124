/*
 * Config.User / exec User.  runc splits "user[:group]" and reads each part
 * with Go's strconv.Atoi ("00", "+0", "-0" are all 0); a part that is not
 * a number is a name looked up in the image's own /etc/passwd or
 * /etc/group, which the image author controls, so a name may be root.
 */
#include <limits.h>
#include <string.h>

#include "canon.h"

/* runc refuses ids above this; the gate will not guess how others wrap. */
#define RUNAS_ID_MAX 2147483647LL

static int id_ok(int num, long long id)
{
	return num && id >= 0 && id <= RUNAS_ID_MAX;
}

/* Go strconv.Atoi on a 64-bit int: [+-]?[0-9]+, no overflow. */
static int atoi_go(const char *s, size_t n, long long *out)
{
	unsigned long long v = 0, lim;
	int neg = 0;
	size_t i = 0;

	if (n && (s[0] == '+' || s[0] == '-')) {
		neg = s[0] == '-';
		i = 1;
	}
	if (i == n)
		return -1;
	lim = neg ? (unsigned long long)LLONG_MAX + 1 : LLONG_MAX;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		if (v > (lim - (unsigned long long)(s[i] - '0')) / 10)
			return -1;
		v = v * 10 + (unsigned long long)(s[i] - '0');
	}
	if (neg)
		*out = v ? -(long long)(v - 1) - 1 : 0;
	else
		*out = (long long)v;
	return 0;
}

void canon_runas(const char *raw, struct dg_runas *out)
{
	const char *colon, *gend = NULL;
	long long uid = -1, gid = -1;
	int unum, gnum = 0;
	size_t ulen;

	out->raw = raw;
	out->uid = out->gid = -1;
	if (!raw || !raw[0]) {
		out->kind = DG_RUNAS_DEFAULT;
		return;
	}
	colon = strchr(raw, ':');
	ulen = colon ? (size_t)(colon - raw) : strlen(raw);
	unum = atoi_go(raw, ulen, &uid) == 0;
	if (colon) {
		/* runc reads "u:g:rest" as u:g and ignores the rest */
		gend = strchr(colon + 1, ':');
		gnum = atoi_go(colon + 1,
			       gend ? (size_t)(gend - colon - 1)
				    : strlen(colon + 1),
			       &gid) == 0;
	}
	out->gid = id_ok(gnum, gid) ? gid : -1;
	if ((unum && uid == 0) || (gnum && gid == 0)) {
		out->kind = DG_RUNAS_ROOT;
		out->uid = id_ok(unum, uid) ? uid : -1;
		return;
	}
	/* fail closed: a third part, negative or out-of-range ids, or an
	 * empty part count as names */
	if (gend || !id_ok(unum, uid) || (colon && !id_ok(gnum, gid))) {
		out->kind = DG_RUNAS_NAME;
		return;
	}
	out->kind = DG_RUNAS_NUMERIC;
	out->uid = uid;
}
