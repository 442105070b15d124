/*
 * cpuset_cpus and cpuset_mems entries: CPU and memory node lists read by
 * the gate's own reader (gate/cpuset.c), so a policy and a request are
 * read alike.
 */
#include <stdio.h>
#include <string.h>

#include "run_options.h"

int dgp_cpuset_parse(const char *s, unsigned char *bits)
{
	return cpuset_parse(s, bits);
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
