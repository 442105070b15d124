/*
 * Resources of plugin ABI 1.3 (struct dg_limits), for docker run and
 * docker update: --shm-size, --memory-reservation, --cpu-shares,
 * --cpuset-cpus/--cpuset-mems, --blkio-weight and --storage-opt size=.
 * Sizes and CPU lists are accepted only in one strict spelling that
 * dockerd, the kernel and the policy all read alike, and forwarded in
 * canonical form.
 */
#include <stdlib.h>
#include <string.h>

#include "canon_priv.h"
#include "cpuset.h"

#define SIZE_DIGITS_MAX 16 /* "9999999999999999" and a unit stay < 2^63 */

int canon_size_parse(const char *s, long long *out)
{
	static const char units[] = "kmgt";
	size_t n = strspn(s, "0123456789");
	unsigned long long v = 0;
	const char *u;
	int shift = 0;

	/* no leading zero: the kernel's memparse reads "010" as octal and
	 * "0x10" as hex */
	if (n == 0 || n > SIZE_DIGITS_MAX || (s[0] == '0' && n > 1))
		return -1;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (unsigned long long)(s[i] - '0');
	if (s[n]) {
		/* '|0x20' lower-cases ASCII letters, maps no other byte
		 * onto one */
		u = strchr(units, s[n] | 0x20);
		if (!u || s[n + 1])
			return -1;
		shift = 10 * (int)(u - units + 1);
	}
	if (v > (unsigned long long)CANON_SIZE_MAX >> shift)
		return -1;
	*out = (long long)(v << shift);
	return 0;
}

int canon_cpuset_ok(const char *s)
{
	return cpuset_parse(s, NULL) == 0;
}

int canon_check_cpuset(struct cj_ctx *cx, const struct cj_field *f, json_t *v)
{
	char q[CJ_QUOTE_MAX + 16];
	const char *s = json_string_value(v);

	if (!*s || canon_cpuset_ok(s))
		return CANON_OK;
	cj_quote(q, sizeof(q), s);
	return cj_err(cx, CANON_EREFUSED,
		      "%s %s is refused: give CPU numbers and ranges such as "
		      "0-3,6 (decimal, no leading zeros, below %d)",
		      f->flag, q, CPUSET_MAX);
}

/* --storage-opt: "size" only, exactly so spelled (dockerd lower-cases
 * the keys, so "SIZE" would be a second size). */
int canon_check_storage_opt(struct cj_ctx *cx, const struct cj_field *f,
			    json_t *v)
{
	char q[CJ_QUOTE_MAX + 16];
	const char *key;
	long long size;
	json_t *e;

	json_object_foreach(v, key, e)
	{
		cj_quote(q, sizeof(q), key);
		if (strcmp(key, "size"))
			return cj_err(cx, CANON_EREFUSED,
				      "%s %s is refused: docker-gate allows "
				      "only --storage-opt size=SIZE",
				      f->flag, q);
		if (canon_size_parse(json_string_value(e), &size)) {
			cj_quote(q, sizeof(q), json_string_value(e));
			return cj_err(cx, CANON_EREFUSED,
				      "%s size=%s is refused: give the size as "
				      "a number with an optional unit k, m, g "
				      "or t (e.g. 10g)",
				      f->flag, q);
		}
	}
	return CANON_OK;
}

static long long int_or_zero(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	return json_is_integer(v) ? (long long)json_integer_value(v) : 0;
}

/* The size, rewritten in bytes so that dockerd reads what was checked. */
static int storage_read(struct cj_ctx *cx, json_t *obj, long long *size)
{
	json_t *map = cj_obj(obj, "StorageOpt");
	const char *s = cj_str(map, "size");
	char buf[32];

	*size = -1;
	if (!json_is_string(json_object_get(map, "size")))
		return CANON_OK;
	if (canon_size_parse(s, size))
		return cj_err(cx, CANON_EREFUSED, "--storage-opt size refused");
	snprintf(buf, sizeof(buf), "%lld", *size);
	if (json_object_set_new(map, "size", json_string(buf)))
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	return CANON_OK;
}

int canon_limits_read(struct cj_ctx *cx, struct cj_pool *pool, json_t *obj,
		      struct dg_limits *l)
{
	memset(l, 0, sizeof(*l));
	l->shm_size = int_or_zero(obj, "ShmSize");
	l->memory_reservation = int_or_zero(obj, "MemoryReservation");
	l->cpu_shares = int_or_zero(obj, "CpuShares");
	l->blkio_weight = int_or_zero(obj, "BlkioWeight");
	l->cpuset_cpus = cj_strdup(pool, cj_str(obj, "CpusetCpus"));
	l->cpuset_mems = cj_strdup(pool, cj_str(obj, "CpusetMems"));
	if (!l->cpuset_cpus || !l->cpuset_mems)
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	return storage_read(cx, obj, &l->storage_size);
}

int canon_limits_used(const struct dg_limits *l)
{
	return l->shm_size || l->memory_reservation || l->cpu_shares ||
	       l->blkio_weight || (l->cpuset_cpus && l->cpuset_cpus[0]) ||
	       (l->cpuset_mems && l->cpuset_mems[0]) || l->storage_size >= 0;
}
