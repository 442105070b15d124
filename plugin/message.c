/*
 * Defusing CLI trigger phrases in messages (see message.h).  The list is
 * the docker CLI's (cli/command/container): exit 127 for the first three,
 * 126 for the last two (EACCES and EISDIR texts).
 */
#include "message.h"

#include <string.h>

static const char *const msg_phrases[] = {
	"executable file not found",
	"no such file or directory",
	"system cannot find the file specified",
	"permission denied",
	"is a directory",
};

static char *msg_find(char *msg)
{
	char *hit = NULL, *p;
	size_t i;

	for (i = 0; i < sizeof(msg_phrases) / sizeof(msg_phrases[0]); i++) {
		p = strcasestr(msg, msg_phrases[i]);
		if (p && (!hit || p < hit))
			hit = p;
	}
	return hit;
}

void dgp_message_defuse(char *msg, size_t cap)
{
	char *hit;

	while ((hit = msg_find(msg)) != NULL) {
		char *space = strchr(hit, ' ');
		size_t len = strlen(msg);

		if (len + 1 < cap) {
			memmove(space + 1, space,
				len + 1 - (size_t)(space - msg));
		} else {
			*space = '_';
		}
	}
}
