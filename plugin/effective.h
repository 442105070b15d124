/*
 * A user's effective policy: the layers of policy_load.c folded key by
 * key.  List values are not copied: they point into the layers.
 */
#ifndef DGP_EFFECTIVE_H
#define DGP_EFFECTIVE_H

#include <stddef.h>

#include "docker-gate/plugin.h"
#include "policy.h"

/* Layers that may each add ("+=") to one list key. */
#define DGP_EFF_PARTS 32
/* Group files that may apply to one user. */
#define DGP_EFF_GROUPS_MAX 256

/* Where a value came from; path NULL = built-in default. */
struct dgp_src {
	const char *path;
	unsigned int line;
};

struct dgp_eff_part {
	char *const *items;
	size_t n;
};

struct dgp_eff_key {
	long long num;
	struct dgp_eff_part parts[DGP_EFF_PARTS];
	size_t nparts;
	int overflow; /* more "+=" layers than parts: refuse to use it */
	struct dgp_src src;
};

struct dgp_effective {
	struct dgp_eff_key keys[DGP_NKEYS];
};

typedef void (*dgp_layer_fn)(const struct dgp_layer *l, void *ctx);

/* Calls fn for every file layer that applies to u, lowest first.  0, or
 * -1 (and no calls) when more than DGP_EFF_GROUPS_MAX group files apply. */
int dgp_layers_for(const struct dgp_policy *p, const struct dg_user *u,
		   dgp_layer_fn fn, void *ctx);

/* 0, or -1 when the user's policy cannot be built (see above). */
int dgp_effective_build(const struct dgp_policy *p, const struct dg_user *u,
			struct dgp_effective *e);

size_t dgp_eff_count(const struct dgp_eff_key *k);
const char *dgp_eff_item(const struct dgp_eff_key *k, size_t i);

/* "file:line" or "built-in default". */
void dgp_src_format(const struct dgp_src *s, char *buf, size_t len);

#endif
