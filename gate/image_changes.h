/*
 * The `changes` of docker commit and docker import (pure): Dockerfile
 * instructions dockerd applies to the new image's configuration
 * (`docker commit --change`, `docker import --change`).
 *
 * dockerd joins all changes with "\n" and parses the result as one
 * Dockerfile, so one change can reach into the next: a trailing escape
 * character continues the line, a heredoc swallows the following lines,
 * a leading "# escape=" directive changes the escape character.  The gate
 * appends a change of its own (IMAGE_CHANGES_OWNER, which empties the
 * owner label every image would otherwise copy from the committed
 * container), so each client change must be exactly one instruction that
 * cannot touch the next line.
 */
#ifndef DG_IMAGE_CHANGES_H
#define DG_IMAGE_CHANGES_H

#include <stddef.h>

#define IMAGE_CHANGES_MAX    64	  /* changes in one request */
#define IMAGE_CHANGE_LEN_MAX 4096 /* bytes of one change */

/* The change the gate appends last: the owner label set empty, so no
 * image says it belongs to someone (owner.c treats "" as no owner). */
#define IMAGE_CHANGES_OWNER "LABEL io.docker-gate.owner=\"\""

/*
 * One client change.  Accepted: one line (no control character but tab)
 * whose first word is one of CMD, ENTRYPOINT, ENV, EXPOSE, HEALTHCHECK,
 * LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR (any case, as dockerd
 * matches them), with no "<<" (heredoc) and not ending in '\' or '`'
 * (continuation).  Refused: ONBUILD (its triggers run in other people's
 * builds, beyond what the gate sees), comments and parser directives,
 * and everything else.  0, or -1 with err in CLI terms.
 */
int image_change_check(const char *change, char *err, size_t errlen);

/*
 * The body of POST /commit is a container Config that would replace the
 * committed container's configuration in the image.  Clients send none
 * (CLI 28), "null" (CLI 20) or "{}" (the Python SDK): 1 for those (and
 * white space), 0 for anything else, which the gate refuses.
 */
int image_commit_body_empty(const char *body, size_t len);

#endif
