/*
 * Router messages (pure).  They reach the user after "docker-gate: ", so
 * they must read well, and they echo user text only in a safe form.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "query.h"

static const char *const cli_trigger_phrases[] = {
	"permission denied",
	"no such file or directory",
	"executable file not found",
	"is a directory",
	"system cannot find the file specified",
	NULL};

void route_err(char *err, size_t errlen, const char *fmt, ...)
{
	const char *const *p;
	va_list ap;

	if (!err || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	for (p = cli_trigger_phrases; *p; p++) {
		if (strcasestr(err, *p)) {
			snprintf(err, errlen,
				 "the request was refused "
				 "(its text cannot be shown)");
			return;
		}
	}
}

const char *route_echo(const char *s, size_t len, char *buf, size_t buflen)
{
	size_t i, n = len;

	if (buflen < 4)
		return "";
	if (n > buflen - 1)
		n = buflen - 4;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		buf[i] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
	}
	if (n < len) {
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n] = '\0';
	return buf;
}
