/*
 * Sizes and CPU counts in policy files, read the way the docker CLI reads
 * -m and --cpus, so an administrator writes what users type.  Strict: no
 * signs, no spaces, no exponents.
 */
#include <stdio.h>
#include <string.h>

#include "options.h"

int dgp_parse_size(const char *s, long long *out)
{
	static const char units[] = "bkmgt";
	unsigned long long v = 0, mul = 1;
	size_t n = strspn(s, "0123456789");
	const char *rest = s + n, *u = units;

	if (n == 0 || n > 16)
		return -1;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (unsigned long long)(s[i] - '0');
	if (*rest) {
		/* "512m", "512M", "512mb"; '|0x20' lower-cases ASCII letters
		 * and maps no other byte onto one */
		u = strchr(units, *rest | 0x20);
		if (!u)
			return -1;
		rest++;
		if (*rest && !((*rest | 0x20) == 'b' && *u != 'b' && !rest[1]))
			return -1;
	}
	for (; u > units; u--)
		mul *= 1024;
	if (v > (unsigned long long)DGP_MEMORY_MAX / mul)
		return -1;
	*out = (long long)(v * mul);
	return 0;
}

int dgp_parse_cpus(const char *s, long long *out)
{
	size_t n = strspn(s, "0123456789"), f = 0;
	long long whole = 0, frac = 0;

	if (n == 0 || n > 5)
		return -1;
	for (size_t i = 0; i < n; i++)
		whole = whole * 10 + (s[i] - '0');
	if (s[n] == '.') {
		f = strspn(s + n + 1, "0123456789");
		if (f == 0 || f > 9 || s[n + 1 + f])
			return -1;
		for (size_t i = 0; i < 9; i++)
			frac = frac * 10 + (i < f ? s[n + 1 + i] - '0' : 0);
	} else if (s[n]) {
		return -1;
	}
	*out = whole * 1000000000LL + frac;
	return *out <= DGP_CPUS_MAX ? 0 : -1;
}

void dgp_format_size(long long bytes, char *buf, size_t len)
{
	static const char units[] = "bkmgt";
	int u = 0;

	while (u < 4 && bytes > 0 && bytes % 1024 == 0) {
		bytes /= 1024;
		u++;
	}
	if (u == 0)
		snprintf(buf, len, "%lld", bytes);
	else
		snprintf(buf, len, "%lld%c", bytes, units[u]);
}

void dgp_format_cpus(long long nano, char *buf, size_t len)
{
	long long frac = nano % 1000000000LL;
	int digits = 9;

	if (frac == 0) {
		snprintf(buf, len, "%lld", nano / 1000000000LL);
		return;
	}
	while (frac % 10 == 0) {
		frac /= 10;
		digits--;
	}
	snprintf(buf, len, "%lld.%0*lld", nano / 1000000000LL, digits, frac);
}

void dgp_format_size_total(long long bytes, char *buf, size_t len)
{
	static const char units[] = "bkmgt";
	long long div = 1;
	size_t n;
	int u = 0;

	while (u < 4 && bytes / div >= 1024) {
		div *= 1024;
		u++;
	}
	if (u == 0 || bytes % div == 0) {
		dgp_format_size(bytes, buf, len);
		return;
	}
	/* two decimals, trailing zeros dropped: "1.5g", "1.25g" */
	snprintf(buf, len, "%.2f", (double)bytes / (double)div);
	n = strlen(buf);
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
	snprintf(buf + n, len > n ? len - n : 0, "%c", units[u]);
}
