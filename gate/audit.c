/*
 * Logging and the audit trail: one line per decision to syslog (authpriv,
 * where administrators look for access decisions), and to stderr when
 * running in the foreground.  Never logs request bodies or headers
 * (registry credentials travel in them).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "gated.h"

#define AUDIT_LINE_MAX 2048

static int to_stderr;

void audit_init(int foreground)
{
	to_stderr = foreground;
	openlog("docker-gated", LOG_PID | LOG_NDELAY, LOG_AUTHPRIV);
}

static void emit(int priority, const char *line)
{
	syslog(priority, "%s", line);
	if (to_stderr) {
		char ts[32];
		time_t now = time(NULL);
		struct tm tm;

		strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ",
			 gmtime_r(&now, &tm));
		fprintf(stderr, "%s docker-gated: %s\n", ts, line);
	}
}

void gate_log(int priority, const char *fmt, ...)
{
	char line[AUDIT_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	emit(priority, line);
}

/* Quotes a free-text value so one decision stays one parseable line. */
static void quote(char *dst, size_t len, const char *src)
{
	size_t o = 0;

	for (; src && *src && o + 3 < len; src++) {
		unsigned char c = (unsigned char)*src;

		if (c == '"' || c == '\\')
			dst[o++] = '\\';
		dst[o++] = (c < 0x20 || c == 0x7f) ? ' ' : (char)c;
	}
	dst[o] = '\0';
}

void audit_decision(const struct dg_user *u, const char *method,
		    const char *route, const char *object, int allowed,
		    const char *rule, const char *reason)
{
	char why[DG_MESSAGE_MAX + 64], obj[512];

	quote(why, sizeof(why), reason);
	quote(obj, sizeof(obj), object && *object ? object : "-");
	gate_log(allowed ? LOG_INFO : LOG_WARNING,
		 "decision=%s user=%s uid=%u pid=%d method=%s route=%s "
		 "object=\"%s\" rule=\"%s\" reason=\"%s\"",
		 allowed ? "allow" : "deny", u && u->name ? u->name : "?",
		 u ? (unsigned)u->uid : 0u, u ? (int)u->pid : 0, method,
		 route ? route : "-", obj, rule && *rule ? rule : "-", why);
}
