/*
 * A pre-scan of each policy file's bytes, before libconfuse sees them.
 *
 * libconfuse 3.3 facts this works around (see policies/README.md):
 *  - "${NAME}" and "${NAME:-default}" are replaced from the process
 *    environment, in unquoted values and anywhere inside "..." strings
 *    (not in '...' strings, not in comments).  No flag turns this off.  We
 *    refuse every "${" in a policy file, so no environment value can ever
 *    enter a policy; templates are written $HOME, $USER, $UID.
 *  - Its line counter is wrong after comments: each # or // comment adds
 *    two phantom lines and each block comment one.  We keep our own line
 *    table and translate its error lines back to real ones.
 *  - Comments are tokens: one inside a list or between a key and its
 *    value is a syntax error ("unexpected token").
 *  - An unterminated block comment silently swallows the rest of the
 *    file; we refuse it (and unterminated strings) here.
 * The scan also finds the line of each "key =" / "key +=" (libconfuse
 * does not keep the line of an option), and refuses quoted key names and
 * NUL bytes.  It mirrors the libconfuse 3.3 lexer only for strings and
 * comments; a mismatch could misplace a line number, never a value,
 * because libconfuse parses the untouched bytes.
 */
#ifndef DGP_POLICY_SCAN_H
#define DGP_POLICY_SCAN_H

#include <stddef.h>

#include "policy_keys.h"

struct dgp_scan {
	/* libconfuse's line counter at the start of real line i (1-based) */
	unsigned int *lib_start;
	unsigned char *has_comment; /* real line i holds a comment */
	unsigned int nlines;
	unsigned int key_line[DGP_NKEYS]; /* last assignment; 0 = none */
};

/* 0, or -1 with a message in err and its real line in *errline. */
int dgp_scan(const char *buf, size_t len, struct dgp_scan *s,
	     unsigned int *errline, char *err, size_t errlen);

/* The real line for a line number libconfuse reported. */
unsigned int dgp_scan_real_line(const struct dgp_scan *s, unsigned int libline);

void dgp_scan_free(struct dgp_scan *s);

#endif
