/*
 * Bounded text building into a caller's buffer: always NUL-terminated,
 * remembers whether anything was cut.
 */
#ifndef DGP_TEXTBUF_H
#define DGP_TEXTBUF_H

#include <stddef.h>

struct dgp_tb {
	char *buf;
	size_t cap;
	size_t len;
	int truncated;
};

void dgp_tb_init(struct dgp_tb *t, char *buf, size_t cap);
void dgp_tb_printf(struct dgp_tb *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
