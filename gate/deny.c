/*
 * The gate's own answers.  Formats follow reference/engine-api.md §5: the
 * CLI shows `message` only when Content-Type is exactly application/json.
 * Never 404 on create (the CLI would try to pull): the gate sends 404
 * only for objects that are missing or another user's, in dockerd's words.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deny.h"
#include "io.h"

#define DENY_WRITE_TIMEOUT_MS 10000
#define DENY_MAX_MESSAGE      2048

const char *deny_reason_phrase(int status)
{
	switch (status) {
	case 400:
		return "Bad Request";
	case 403:
		return "Forbidden";
	case 404:
		return "Not Found";
	case 409:
		return "Conflict";
	case 413:
		return "Payload Too Large";
	case 414:
		return "URI Too Long";
	case 417:
		return "Expectation Failed";
	case 431:
		return "Request Header Fields Too Large";
	case 500:
		return "Internal Server Error";
	case 501:
		return "Not Implemented";
	case 502:
		return "Bad Gateway";
	case 503:
		return "Service Unavailable";
	case 505:
		return "HTTP Version Not Supported";
	default:
		return "Error";
	}
}

int deny_send(int fd, int status, const char *msg, int close_after)
{
	return deny_send_ex(fd, status, msg,
			    DENY_PREFIX | (close_after ? DENY_CLOSE : 0));
}

int deny_send_ex(int fd, int status, const char *msg, unsigned flags)
{
	char text[DENY_MAX_MESSAGE], head[256];
	json_t *obj;
	char *body;
	int n, rc;

	snprintf(text, sizeof(text), "%s%s",
		 (flags & DENY_PREFIX) ? "docker-gate: " : "", msg);
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
		     (flags & DENY_CLOSE) ? "Connection: close\r\n" : "");
	rc = io_write_all(fd, head, (size_t)n, DENY_WRITE_TIMEOUT_MS);
	/* A HEAD answer has the length but never the body. */
	if (rc == 0 && !(flags & DENY_HEAD))
		rc = io_write_all(fd, body, strlen(body),
				  DENY_WRITE_TIMEOUT_MS);
	free(body);
	return rc;
}
