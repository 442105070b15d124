/*
 * The docker CLI reads certain phrases in an error as a failed exec and
 * changes its exit code (127 or 126).  Denial messages quote paths and
 * options as the user typed them and policy values as the admin wrote
 * them, so any text may carry such a phrase; every message passes through
 * dgp_message_defuse() before it leaves the plugin.
 */
#ifndef DGP_MESSAGE_H
#define DGP_MESSAGE_H

#include <stddef.h>

/* Breaks every phrase the CLI reacts to (any case) by doubling its first
 * space, or turning it into '_' when the buffer is full. */
void dgp_message_defuse(char *msg, size_t cap);

#endif
