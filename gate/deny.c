/*
 * The gate's own answers.  Formats follow reference/engine-api.md §5: the
 * CLI shows `message` only when Content-Type is exactly application/json.
 * Never 404 on create (the CLI would try to pull): the gate only sends
 * 400, 403, 413, 431, 501, 502, 503 and 505.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deny.h"
#include "io.h"

#define DENY_WRITE_TIMEOUT_MS 10000
#define DENY_MAX_MESSAGE 2048

const char *deny_reason_phrase(int status)
{
	switch (status) {
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 413: return "Payload Too Large";
	case 414: return "URI Too Long";
	case 417: return "Expectation Failed";
	case 431: return "Request Header Fields Too Large";
	case 500: return "Internal Server Error";
	case 501: return "Not Implemented";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	case 505: return "HTTP Version Not Supported";
	default: return "Error";
	}
}

int deny_send(int fd, int status, const char *msg, int close_after)
{
	char text[DENY_MAX_MESSAGE], head[256];
	json_t *obj;
	char *body;
	int n, rc;

	snprintf(text, sizeof(text), "docker-gate: %s", msg);
	obj = json_pack("{s:s}", "message", text);
	body = obj ? json_dumps(obj, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
	json_decref(obj);
	if (!body)
		body = strdup("{\"message\":\"docker-gate: request refused\"}");
	if (!body)
		return -1;
	n = snprintf(head, sizeof(head),
		     "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\n"
		     "Content-Length: %zu\r\n%s\r\n",
		     status, deny_reason_phrase(status), strlen(body),
		     close_after ? "Connection: close\r\n" : "");
	rc = io_write_all(fd, head, (size_t)n, DENY_WRITE_TIMEOUT_MS);
	if (rc == 0)
		rc = io_write_all(fd, body, strlen(body),
				  DENY_WRITE_TIMEOUT_MS);
	free(body);
	return rc;
}
