/*
 * The images key: which images a user may run (create) and pull.  A
 * create is judged on the image dockerd resolved the reference to: it
 * passes when one of the image's names, its ID or a digest it was pulled
 * by matches an entry (images.h).  An image dockerd does not have yet is
 * judged by the name it was asked for (the gate then answers "No such
 * image" and the pull that follows is judged again).  No file setting
 * images means any image, so that policies written before the key keep
 * working.
 */
#include <stdio.h>
#include <string.h>

#include "eval_internal.h"
#include "images.h"

#define IMAGES_TEXT_MAX	 400 /* the allowed entries in a message */
#define IMAGE_WHAT_MAX	 400 /* the image, in a message */
#define IMAGE_NAMES_SHOW 3   /* names of an image named in a message */
#define SHORT_ID_LEN	 12  /* like docker images */

int dgp_images_any(const struct dgp_eval *ev)
{
	const struct dgp_eff_key *ek = &ev->eff.keys[DGP_IMAGES];
	size_t i, n = dgp_eff_count(ek);

	if (!ek->src.path)
		return 1; /* no file names the key: the built-in "any" */
	for (i = 0; i < n && !ek->overflow; i++)
		if (!strcmp(dgp_eff_item(ek, i), DGP_IMAGES_ANY))
			return 1;
	return 0;
}

/* 1 when an entry allows the image; an overflowed list allows nothing. */
static int images_allow(const struct dgp_eval *ev, const char *id,
			const struct dg_image_ref *names, size_t n)
{
	const struct dgp_eff_key *ek = &ev->eff.keys[DGP_IMAGES];
	size_t i, count = dgp_eff_count(ek);

	if (ek->overflow)
		return 0;
	for (i = 0; i < count; i++)
		if (dgp_image_match(dgp_eff_item(ek, i), &ev->vars, id, names,
				    n))
			return 1;
	return 0;
}

/* Entries as they apply to this user (templates expanded); those that
 * do not apply are left out. */
const char *dgp_images_allowed(const struct dgp_eval *ev, char *buf, size_t len)
{
	const struct dgp_eff_key *ek = &ev->eff.keys[DGP_IMAGES];
	char entry[DGP_ITEM_MAX], why[256];
	size_t i, o = 0, n = dgp_eff_count(ek);
	int w;

	buf[0] = '\0';
	for (i = 0; i < n && !ek->overflow && o + 1 < len; i++) {
		if (dgp_image_pattern_check_for(dgp_eff_item(ek, i), &ev->vars,
						entry, sizeof(entry), why,
						sizeof(why)) < 0)
			continue;
		w = snprintf(buf + o, len - o, "%s%s", o ? ", " : "", entry);
		if (w < 0 || (size_t)w >= len - o) {
			snprintf(buf + (len > 5 ? len - 5 : 0), 5, " ...");
			break;
		}
		o += (size_t)w;
	}
	return buf[0] ? buf : "none";
}

static int image_deny(struct dgp_eval *ev, const char *what)
{
	char allowed[IMAGES_TEXT_MAX];

	return dgp_ev_deny(ev, DGP_IMAGES,
			   "image %s is not allowed by your policy; allowed: "
			   "%s",
			   what,
			   dgp_images_allowed(ev, allowed, sizeof(allowed)));
}

/* Was the image found by the name it was asked for? */
static int found_by_name(const struct dg_create *c)
{
	size_t i;

	for (i = 0; i < c->nimage_names; i++)
		if (c->image_names[i].ref &&
		    !strcmp(c->image_names[i].ref, c->image_ref->ref))
			return 1;
	return 0;
}

/* The image as a message names it: the name asked for, or (asked for by
 * ID, or a short ID that dockerd read as another image) its short ID and
 * first names. */
static const char *image_what(const struct dg_create *c, char *buf, size_t len)
{
	size_t i, o;
	int w;

	if (c->image_ref && (!c->image_id || found_by_name(c)))
		return c->image_ref->ref;
	if (!c->image_id)
		return c->image;
	w = snprintf(buf, len, "%.*s", SHORT_ID_LEN,
		     c->image_id + strlen("sha256:"));
	o = w < 0 ? 0 : (size_t)w;
	for (i = 0; i < c->nimage_names && i < IMAGE_NAMES_SHOW && o < len;
	     i++) {
		w = snprintf(buf + o, len - o, "%s%s", i ? ", " : " (",
			     c->image_names[i].ref ? c->image_names[i].ref
						   : "?");
		o = w < 0 ? len : o + (size_t)w;
	}
	if (o < len)
		snprintf(buf + o, len - o, "%s",
			 !c->nimage_names		      ? " (no name)"
			 : c->nimage_names > IMAGE_NAMES_SHOW ? ", ...)"
							      : ")");
	return buf;
}

int dgp_eval_image(struct dgp_eval *ev, const struct dg_create *c)
{
	char what[IMAGE_WHAT_MAX];
	int ok;

	if (dgp_images_any(ev))
		return DG_ALLOW;
	if ((c->nimage_names && !c->image_names) ||
	    (c->image_id && strncmp(c->image_id, "sha256:", 7)))
		return dgp_ev_error(ev, DGP_IMAGES, "malformed create request");
	if (c->image_id)
		ok = images_allow(ev, c->image_id, c->image_names,
				  c->nimage_names);
	else
		ok = c->image_ref && images_allow(ev, NULL, c->image_ref, 1);
	if (!ok)
		return image_deny(ev, image_what(c, what, sizeof(what)));
	ev->decider = DGP_IMAGES;
	return DG_ALLOW;
}

int dgp_eval_pull(struct dgp_eval *ev, const struct dg_pull *p)
{
	if (!p || p->size < sizeof(*p) || !p->image || !p->image->ref)
		return dgp_ev_error(ev, DGP_IMAGES, "malformed pull request");
	if (!dgp_images_any(ev) && !images_allow(ev, NULL, p->image, 1))
		return image_deny(ev, p->image->ref);
	memset(&ev->dec->force, 0, sizeof(ev->dec->force));
	dgp_src_format(&ev->eff.keys[DGP_IMAGES].src, ev->dec->rule,
		       sizeof(ev->dec->rule));
	return DG_ALLOW;
}
