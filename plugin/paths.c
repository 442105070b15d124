/*
 * Whole-component path matching for bind_roots (see paths.h).
 */
#include "paths.h"

#include <stdio.h>
#include <string.h>

#include "policy_keys.h"

int dgp_path_clean(const char *in, char *out, size_t outlen)
{
	size_t len = 0;
	const char *p = in;

	if (!in || in[0] != '/' || outlen < 2)
		return -1;
	while (*p) {
		const char *start;
		size_t n;

		while (*p == '/')
			p++;
		start = p;
		while (*p && *p != '/')
			p++;
		n = (size_t)(p - start);
		if (n == 0 || (n == 1 && start[0] == '.'))
			continue;
		if (n == 2 && start[0] == '.' && start[1] == '.')
			return -1; /* fail closed: never resolve ".." */
		if (len + 1 + n >= outlen)
			return -1;
		out[len++] = '/';
		memcpy(out + len, start, n);
		len += n;
	}
	if (len == 0)
		out[len++] = '/';
	out[len] = '\0';
	return 0;
}

int dgp_path_is_clean(const char *p)
{
	char buf[DGP_PATH_MAX];

	if (!p || dgp_path_clean(p, buf, sizeof(buf)) < 0)
		return 0;
	return strcmp(buf, p) == 0;
}

int dgp_path_under(const char *root, const char *path)
{
	size_t n = strlen(root);

	if (strcmp(root, "/") == 0)
		return path[0] == '/';
	return strncmp(root, path, n) == 0 &&
	       (path[n] == '\0' || path[n] == '/');
}

int dgp_bind_root_expand(const char *item, const struct dgp_tpl_vars *v,
			 char *out, size_t outlen, char *err, size_t errlen)
{
	char raw[DGP_PATH_MAX];

	if (dgp_tpl_expand(item, DGP_TPL_HOME | DGP_TPL_USER | DGP_TPL_UID, v,
			   raw, sizeof(raw), err, errlen) < 0)
		return -1;
	if (raw[0] != '/') {
		snprintf(
			err, errlen,
			"bind root \"%s\" is not an absolute path (write /..., "
			"~ or $HOME/...)",
			item);
		return -1;
	}
	if (dgp_path_clean(raw, out, outlen) < 0) {
		snprintf(err, errlen,
			 "bind root \"%s\" has a \"..\" component or is too "
			 "long",
			 item);
		return -1;
	}
	return 0;
}

int dgp_bind_root_check(const char *item, char *err, size_t errlen)
{
	char out[DGP_PATH_MAX];

	return dgp_bind_root_expand(item, &dgp_sample_vars, out, sizeof(out),
				    err, errlen);
}
