/*
 * The image of a create (pure): Config.Image read as dockerd reads it
 * (imageref.c, the one reference parser), and, once the daemon side has
 * asked dockerd which image that is, the image's ID and names for the
 * policy.  The forwarded body then names the image by its full ID
 * (canon_apply.c), so a tag moved between the decision and the create
 * cannot change what runs; unless the policy allows any image.
 */
#include <stdlib.h>
#include <string.h>

#include "canon_priv.h"
#include "imageref.h"

/* Pooled copies of one parsed reference. */
static int ref_fill(struct cj_pool *pool, const struct imageref *r,
		    struct dg_image_ref *out)
{
	out->name = cj_strdup(pool, r->name);
	out->tag = cj_strdup(pool, r->tag);
	out->digest = cj_strdup(pool, r->digest);
	out->ref = cj_strdup(pool, r->canonical);
	return out->name && out->tag && out->digest && out->ref ? 0 : -1;
}

int canon_image_parse(struct cj_ctx *cx, struct canon_create *c)
{
	char q[CJ_QUOTE_MAX + 16];
	struct imageref r;

	if (imageref_parse(c->view.image, &r) != IMAGEREF_OK) {
		cj_quote(q, sizeof(q), c->view.image);
		return cj_err(cx, CANON_EBAD, "image %s: %s", q, r.why);
	}
	if (r.is_id)
		return CANON_OK; /* no name: view.image_ref stays NULL */
	if (ref_fill(&c->pool, &r, &c->image_ref) < 0)
		return cj_err(cx, CANON_ENOMEM, "out of memory");
	c->view.image_ref = &c->image_ref;
	return CANON_OK;
}

/* One RepoTags or RepoDigests entry; 0 kept, 1 skipped, -1 no memory. */
static int name_add(struct canon_create *c, const char *name)
{
	struct imageref r;

	/* A name the gate cannot read (dockerd's grammar is a little wider
	 * than ours) is left out: one name fewer can only refuse more. */
	if (!name || imageref_parse(name, &r) != IMAGEREF_OK || r.is_id)
		return 1;
	if (ref_fill(&c->pool, &r, &c->image_names[c->view.nimage_names]) < 0)
		return -1;
	c->view.nimage_names++;
	return 0;
}

int canon_create_set_image(struct canon_create *c, const char *id,
			   const char *const *names, size_t n, char *err,
			   size_t errlen)
{
	struct cj_ctx cx;
	struct imageref r;
	size_t i;

	cj_init(&cx, err, errlen);
	/* fail closed: only a full "sha256:<64 hex>" pins the image */
	if (!c || !id || strncmp(id, IMAGEREF_ALGO, IMAGEREF_ALGO_LEN) != 0 ||
	    imageref_parse(id, &r) != IMAGEREF_OK || !r.is_id)
		return cj_err(&cx, CANON_EBAD,
			      "dockerd answered with an unexpected image ID");
	if (n > CANON_MAX_IMAGE_NAMES)
		n = CANON_MAX_IMAGE_NAMES; /* the rest can only allow more */
	free(c->image_names);
	c->view.nimage_names = 0;
	c->view.image_names = NULL;
	c->image_names = n ? calloc(n, sizeof(*c->image_names)) : NULL;
	if (n && !c->image_names)
		return cj_err(&cx, CANON_ENOMEM, "out of memory");
	for (i = 0; i < n; i++)
		if (name_add(c, names[i]) < 0)
			return cj_err(&cx, CANON_ENOMEM, "out of memory");
	c->view.image_names = c->image_names;
	/* the body names the ID from canon_create_apply on */
	c->view.image_id = cj_strdup(&c->pool, r.digest);
	if (!c->view.image_id)
		return cj_err(&cx, CANON_ENOMEM, "out of memory");
	return CANON_OK;
}
