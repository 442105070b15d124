#ifndef DG_DENY_H
#define DG_DENY_H

#include <stddef.h>

/*
 * Sends a JSON error the docker CLI displays: Content-Type exactly
 * application/json, {"message":"docker-gate: <msg>"}, exact length.
 * close_after adds "Connection: close".  Returns 0 or -1.
 */
int deny_send(int fd, int status, const char *msg, int close_after);

#define DENY_PREFIX 1u /* prefix the message with "docker-gate: " */
#define DENY_CLOSE  2u /* add Connection: close */
#define DENY_HEAD   4u /* answer to HEAD: no body */
int deny_send_ex(int fd, int status, const char *msg, unsigned flags);

/* Reason phrase for the status codes the gate emits itself. */
const char *deny_reason_phrase(int status);

#endif
