/*
 * Lexical cleaning of host paths for the policy: "//" and "/./" folded and
 * a trailing '/' dropped (the kernel resolves those the same way), while
 * ".." is refused: dockerd does not clean it away, and through a symlink
 * "/a/link/.." is not "/a".
 */
#include <stdlib.h>
#include <string.h>

#include "canon_priv.h"

int canon_clean_path(struct cj_ctx *cx, struct cj_pool *pool, const char *flag,
		     const char *path, const char **clean)
{
	char q[CJ_QUOTE_MAX + 16];
	const char *p = path, *seg;
	size_t n = strlen(path), len, o = 0;
	char *out;

	*clean = NULL;
	cj_quote(q, sizeof(q), path);
	if (path[0] != '/')
		return cj_err(cx, CANON_EBAD,
			      "%s %s: the host path must be absolute", flag, q);
	if (n >= CANON_PATH_MAX)
		return cj_err(cx, CANON_EBAD,
			      "%s: host path longer than %d bytes", flag,
			      CANON_PATH_MAX);
	out = malloc(n + 2);
	if (!out)
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	while (*p) {
		while (*p == '/')
			p++;
		seg = p;
		while (*p && *p != '/')
			p++;
		len = (size_t)(p - seg);
		if (len == 0 || (len == 1 && seg[0] == '.'))
			continue;
		if (len == 2 && seg[0] == '.' && seg[1] == '.') {
			free(out);
			/* fail closed: see the comment at the top */
			return cj_err(cx, CANON_EREFUSED,
				      "%s with '..' in the host path is "
				      "refused (%s)",
				      flag, q);
		}
		out[o++] = '/';
		memcpy(out + o, seg, len);
		o += len;
	}
	if (o == 0)
		out[o++] = '/';
	out[o] = '\0';
	if (!cj_pool_take(pool, out))
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	*clean = out;
	return CANON_OK;
}
