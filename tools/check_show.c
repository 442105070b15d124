/*
 * -u USER: the user's effective policy, in the words of the plugin's own
 * describe (what `docker policy` shows the user), each line with the
 * file:line that set it.
 */
#include "check.h"

#include <stdio.h>
#include <stdlib.h>

#include "policy_eval.h"

/* describe() wants the whole text in one buffer; it grows to this. */
#define SHOW_START (16u * 1024)
#define SHOW_MAX   (4u * 1024 * 1024)

int check_show_user(const struct dgp_policy *p, const struct dg_user *u)
{
	size_t len = SHOW_START;
	char *buf = NULL;
	int rc = -1;

	while (len <= SHOW_MAX) {
		char *nb = realloc(buf, len);

		if (!nb)
			break;
		buf = nb;
		rc = dgp_describe(p, u, buf, len);
		if (rc == 1)
			break;
		len *= 2;
	}
	if (rc == 1)
		fputs(buf, stdout);
	else
		fprintf(stderr, "cannot describe the policy of %s\n", u->name);
	free(buf);
	return rc == 1 ? 0 : -1;
}
