/*
 * CPU and memory node lists ("0-3,6"), read as strictly as the gate reads
 * --cpuset-cpus (gate/canon_limits.c): decimal, no leading zeros, ranges
 * ascending.
 */
#include <stdio.h>
#include <string.h>

#include "run_options.h"

/* "N" or "N-M" at *p, advanced past it.  0 or -1. */
static int cpuset_elem(const char **p, unsigned int *lo, unsigned int *hi)
{
	unsigned long v[2] = {0, 0};
	const char *s = *p;

	for (int k = 0; k < 2; k++) {
		size_t n = strspn(s, "0123456789");

		if (n == 0 || n > 5 || (s[0] == '0' && n > 1))
			return -1;
		for (size_t i = 0; i < n; i++)
			v[k] = v[k] * 10 + (unsigned long)(s[i] - '0');
		s += n;
		if (k == 0 && *s != '-') {
			v[1] = v[0];
			break;
		}
		if (k == 0)
			s++;
	}
	if (v[0] > v[1] || v[1] >= DGP_CPUSET_MAX)
		return -1;
	*lo = (unsigned int)v[0];
	*hi = (unsigned int)v[1];
	*p = s;
	return 0;
}

int dgp_cpuset_parse(const char *s, unsigned char *bits)
{
	unsigned int lo, hi;

	if (!*s || strlen(s) > 256)
		return -1;
	for (;;) {
		if (cpuset_elem(&s, &lo, &hi))
			return -1;
		for (unsigned int i = lo; i <= hi; i++)
			bits[i / 8] |= (unsigned char)(1u << (i % 8));
		if (*s == '\0')
			return 0;
		if (*s++ != ',')
			return -1;
	}
}

int dgp_cpuset_check(const char *item, char *err, size_t errlen)
{
	unsigned char bits[DGP_CPUSET_MAX / 8];

	memset(bits, 0, sizeof(bits));
	if (dgp_cpuset_parse(item, bits) == 0)
		return 0;
	snprintf(err, errlen,
		 "cpuset_cpus, cpuset_mems: \"%s\" must be numbers and ranges "
		 "such as 0-3,6 "
		 "(decimal, no leading zeros, below %d)",
		 item, DGP_CPUSET_MAX);
	return -1;
}
