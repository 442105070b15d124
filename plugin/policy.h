/*
 * The loaded policy: immutable after dgp_policy_load() returns, so any
 * number of threads may read it at once.
 */
#ifndef DGP_POLICY_H
#define DGP_POLICY_H

#include <stddef.h>

#include "policy_keys.h"

/* Largest policy file we read, and files per directory. */
#define DGP_FILE_MAX	  (1024 * 1024)
#define DGP_DIR_FILES_MAX 10000

/* One key as one file sets it. */
struct dgp_setting {
	int set;	   /* the file names the key */
	int append;	   /* LIST written "key += ...": adds to lower layers */
	unsigned int line; /* of the (last) assignment; 0 = unknown */
	long long num;	   /* BOOL (0/1) or INT value */
	char **items;	   /* LIST entries, as written (templates) */
	size_t nitems;
};

/* One policy file, or the built-in defaults (path NULL). */
struct dgp_layer {
	char *name; /* group or user the file is for; NULL otherwise */
	char *path;
	struct dgp_setting keys[DGP_NKEYS];
};

struct dgp_policy {
	char *dir;
	struct dgp_layer builtin;
	struct dgp_layer *deflt;  /* default.conf, NULL when absent */
	struct dgp_layer *groups; /* sorted by name */
	size_t ngroups;
	struct dgp_layer *users; /* sorted by name */
	size_t nusers;
};

/* What the loader needs from the host (a subset of struct dg_host). */
struct dgp_io {
	void (*log)(int priority, const char *fmt, ...)
		__attribute__((format(printf, 2, 3)));
	int (*open_trusted)(const char *path, char *err, size_t errlen);
};

/*
 * Loads dir/default.conf, dir/groups/NAME.conf, dir/users/NAME.conf.
 * Returns the policy, or NULL with "file:line: message" in err.
 */
struct dgp_policy *dgp_policy_load(const char *dir, const struct dgp_io *io,
				   char *err, size_t errlen);
void dgp_policy_free(struct dgp_policy *p);

/* The layer for a group or user name, or NULL. */
const struct dgp_layer *dgp_policy_group(const struct dgp_policy *p,
					 const char *name);
const struct dgp_layer *dgp_policy_user(const struct dgp_policy *p,
					const char *name);

/* Parses one file's bytes into layer (exposed for tests and fuzzing). */
int dgp_parse_file(const char *path, const char *buf, size_t len,
		   struct dgp_layer *layer, char *err, size_t errlen);
void dgp_layer_clear(struct dgp_layer *l);

#endif
