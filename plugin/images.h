/*
 * The images key: patterns on image references as dockerd normalizes them
 * (the gate hands the plugin normalized references, struct dg_image_ref).
 *
 *   "*"                          any image
 *   "sha256:<64 hex>"            one image by content: its image ID, or
 *                                a manifest digest it was pulled by
 *   NAME                         every tag and digest of the names NAME
 *                                matches ("docker.io/library/" and a *)
 *   NAME:TAG                     tags TAG matches ("docker.io/library/
 *                                debian:12*"); a reference by digest only
 *                                has no tag and does not match
 *   NAME@sha256:<64 hex>         that name at that digest
 *
 * NAME starts with the registry host, written as dockerd normalizes it:
 * "docker.io/library/alpine", not "alpine" or "index.docker.io/alpine"
 * (the checker says what to write instead).  In NAME and TAG, '*' matches
 * any run of characters, '/' included, and '?' one character; there are
 * no other special characters.  $USER and $UID name the caller
 * ("docker.io/$USER/" and a *); for a user whose name is not an image path
 * component such an entry matches nothing.
 */
#ifndef DGP_IMAGES_H
#define DGP_IMAGES_H

#include <stddef.h>

#include "docker-gate/plugin.h"
#include "template.h"

/* The entry that allows every image. */
#define DGP_IMAGES_ANY "*"

/* Parse-time check of one entry (with the sample user). */
int dgp_image_pattern_check(const char *item, char *err, size_t errlen);

/* The entry expanded for v into out; 0, or -1 with err when it does not
 * apply to that user (describe says so). */
int dgp_image_pattern_check_for(const char *item, const struct dgp_tpl_vars *v,
				char *out, size_t outlen, char *err,
				size_t errlen);

/*
 * 1 when entry `item`, expanded for v, allows the image: by one of its
 * names, or for a digest pattern by id (may be NULL) or by a name's
 * digest.  An entry that does not expand or check for v matches nothing.
 */
int dgp_image_match(const char *item, const struct dgp_tpl_vars *v,
		    const char *id, const struct dg_image_ref *names, size_t n);

#endif
