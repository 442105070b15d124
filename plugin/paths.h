/*
 * Host path handling for bind mounts: lexical cleaning and prefix matching
 * by whole components ("/home/alice" covers "/home/alice/x", never
 * "/home/alicex").  Lexical only: the gate cannot look inside users' homes,
 * so safety rests on running containers as the caller (DESIGN.md 3.7).
 */
#ifndef DGP_PATHS_H
#define DGP_PATHS_H

#include <stddef.h>

#include "template.h"

/* Longest host path we compare; longer paths match nothing. */
#define DGP_PATH_MAX 4096

/*
 * Cleans an absolute path: drops empty and "." components and a trailing
 * '/'.  Returns 0, or -1 when `in` is not absolute, has a ".." component
 * (fail closed: we never resolve "..") or does not fit.
 */
int dgp_path_clean(const char *in, char *out, size_t outlen);

/* 1 when p is absolute and already clean, else 0. */
int dgp_path_is_clean(const char *p);

/* 1 when clean `path` is `root` or below it by whole components. */
int dgp_path_under(const char *root, const char *path);

/* Parse-time check of one bind_roots entry (a path template). */
int dgp_bind_root_check(const char *item, char *err, size_t errlen);

/* Expands and cleans one bind_roots entry for a user. */
int dgp_bind_root_expand(const char *item, const struct dgp_tpl_vars *v,
			 char *out, size_t outlen, char *err, size_t errlen);

#endif
