/* CPU and memory node lists (see cpuset.h). */
#include <string.h>

#include "cpuset.h"

/* One "N" or "N-M" at *p, advanced past it.  0 or -1. */
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
	if (v[0] > v[1] || v[1] >= CPUSET_MAX)
		return -1;
	*lo = (unsigned int)v[0];
	*hi = (unsigned int)v[1];
	*p = s;
	return 0;
}

int cpuset_parse(const char *s, unsigned char *bits)
{
	unsigned int lo, hi;

	if (!*s || strlen(s) >= CPUSET_TEXT_MAX)
		return -1;
	for (;;) {
		if (cpuset_elem(&s, &lo, &hi))
			return -1;
		for (unsigned int i = lo; bits && i <= hi; i++)
			bits[i / 8] |= (unsigned char)(1u << (i % 8));
		if (*s == '\0')
			return 0;
		if (*s++ != ',')
			return -1;
	}
}
