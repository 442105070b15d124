/*
 * docker system df through the gate (pure): dockerd's GET /system/df
 * answer reduced to what one user may see.
 *
 *   Containers   only those labelled io.docker-gate.owner=<user>
 *   Volumes      the same (shared and anonymous volumes have no owner
 *                label, so they are not shown)
 *   Images       kept: the image store is shared (their "Containers"
 *                counts still count every user's containers)
 *   BuildCache   emptied: cache records describe other users' build
 *                steps and cannot be told apart
 *   LayersSize, BuilderSize   kept as dockerd computed them
 *
 * Nothing is recomputed.  Any other top-level key (the per-type summaries
 * of newer APIs, ContainersDiskUsage and friends, count everyone's
 * objects) is dropped: fail closed for what this module does not know.
 */
#ifndef DG_DF_FILTER_H
#define DG_DF_FILTER_H

#include <stddef.h>

#include <jansson.h>

enum df_rc {
	DF_OK = 0,
	DF_EBAD = -1, /* not the answer shape dockerd sends */
	DF_ENOMEM = -2
};

/* Filters the parsed answer in place. */
int df_filter_json(json_t *root, const char *user);

/* The same over JSON text: *out is malloc'd compact JSON (caller frees). */
int df_filter(const char *in, size_t len, const char *user, char **out,
	      size_t *outlen);

#endif
