/*
 * Bounded text building (see textbuf.h).
 */
#include "textbuf.h"

#include <stdarg.h>
#include <stdio.h>

void dgp_tb_init(struct dgp_tb *t, char *buf, size_t cap)
{
	t->buf = buf;
	t->cap = cap;
	t->len = 0;
	t->truncated = cap == 0;
	if (cap)
		buf[0] = '\0';
}

void dgp_tb_printf(struct dgp_tb *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->truncated)
		return;
	va_start(ap, fmt);
	n = vsnprintf(t->buf + t->len, t->cap - t->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= t->cap - t->len) {
		t->truncated = 1;
		t->len = t->cap - 1;
		return;
	}
	t->len += (size_t)n;
}
