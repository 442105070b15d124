/*
 * Test helper: walks the captured traffic in tests/fixtures/captured/
 * (CLI 28, CLI 20.10 and the Python SDK against dockerd 20.10; see
 * SUMMARY.md there) and rebuilds every HTTP head as it went over the wire,
 * so that suites can check that real clients pass.
 *
 * The capture files show each head line as ">>> line" (client to daemon)
 * or "<<< line" (daemon to client); a line "[...]" after a head describes
 * the body, and a body the log shows raw follows on the next line.
 *
 * Header-only (static inline) so any suite can include it; needs
 * _GNU_SOURCE for scandir.
 */
#ifndef DG_TEST_CAPTURED_H
#define DG_TEST_CAPTURED_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CAPTURED_DIR	  "tests/fixtures/captured" /* or $DG_CAPTURED_DIR */
#define CAPTURED_MAX_HEAD 65536	    /* bytes of one rebuilt head */
#define CAPTURED_MAX_FILE (8 << 20) /* bytes of one capture file */

struct captured_head {
	const char *file; /* capture file name */
	int line;	  /* line of the head's first line */
	int is_request;
	int after_head;	  /* a response to a HEAD request */
	const char *head; /* CRLF line ends, CRLFCRLF at the end */
	size_t len;
	const char *marker; /* "[body: ...]" etc. after the head, or NULL */
	size_t marker_len;
	const char *body; /* raw body line after a "[body:" marker, or NULL */
	size_t body_len;
};

typedef void (*captured_fn)(const struct captured_head *h, void *arg);

struct captured_walk {
	struct captured_head h;
	char head[CAPTURED_MAX_HEAD];
	const char *file;
	int dir; /* '>' or '<' while a head is being collected, else 0 */
	int last_request_head;
	int count;
	captured_fn fn;
	void *arg;
};

static inline int captured_append(struct captured_walk *w, const char *s,
				  size_t n)
{
	if (w->h.len + n + 2 > sizeof(w->head))
		return -1;
	memcpy(w->head + w->h.len, s, n);
	memcpy(w->head + w->h.len + n, "\r\n", 2);
	w->h.len += n + 2;
	return 0;
}

static inline void captured_emit(struct captured_walk *w)
{
	if (w->dir == 0)
		return;
	captured_append(w, "", 0);
	w->h.head = w->head;
	w->h.file = w->file;
	w->h.is_request = w->dir == '>';
	if (w->h.is_request)
		w->last_request_head = strncmp(w->head, "HEAD ", 5) == 0;
	else
		w->h.after_head = w->last_request_head;
	w->fn(&w->h, w->arg);
	w->count++;
	w->dir = 0;
}

static inline int captured_is_traffic(const char *l)
{
	return strncmp(l, ">>> ", 4) == 0 || strncmp(l, "<<< ", 4) == 0;
}

/* One line (NUL-terminated, no newline); `next` is the following line. */
static inline int captured_line(struct captured_walk *w, const char *l,
				const char *next, int lineno)
{
	const char *p = l + 4;

	if (!captured_is_traffic(l)) {
		captured_emit(w);
		if (strncmp(l, "=== ", 4) == 0)
			w->last_request_head = 0;
		return 0;
	}
	if (p[0] == '[') {
		if (w->dir == 0)
			return 0;
		w->h.marker = p;
		w->h.marker_len = strlen(p);
		if (next != NULL && strncmp(p, "[body:", 6) == 0 &&
		    !captured_is_traffic(next) && next[0] != '\0') {
			w->h.body = next;
			w->h.body_len = strlen(next);
		}
		captured_emit(w);
		return 0;
	}
	if (w->dir != l[0]) {
		captured_emit(w);
		memset(&w->h, 0, sizeof(w->h));
		w->h.line = lineno;
		w->dir = l[0];
	}
	return captured_append(w, p, strlen(p));
}

static inline char *captured_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;

	if (f == NULL)
		return NULL;
	buf = malloc(CAPTURED_MAX_FILE + 1);
	n = buf != NULL ? fread(buf, 1, CAPTURED_MAX_FILE + 1, f) : 0;
	fclose(f);
	if (buf == NULL || n > CAPTURED_MAX_FILE) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

static inline int captured_file(struct captured_walk *w, const char *path)
{
	size_t n = 0;
	char *buf = captured_slurp(path, &n), *end, *l, *next;
	int lineno = 0, rc = 0;

	if (buf == NULL)
		return -1;
	end = buf + n;
	/* one NUL-terminated string per line */
	for (l = buf; (l = strchr(l, '\n')) != NULL; l++)
		*l = '\0';
	for (l = buf; rc == 0 && l < end; l = next) {
		next = l + strlen(l) + 1;
		rc = captured_line(w, l, next < end ? next : NULL, ++lineno);
	}
	captured_emit(w);
	free(buf);
	return rc;
}

static inline int captured_txt(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return n > 4 && strcmp(e->d_name + n - 4, ".txt") == 0;
}

/* The capture directory: $DG_CAPTURED_DIR, else relative to the source root. */
static inline const char *captured_dir(void)
{
	const char *dir = getenv("DG_CAPTURED_DIR");

	return dir != NULL && dir[0] != '\0' ? dir : CAPTURED_DIR;
}

/* Calls fn for every head; returns how many, or -1 on a read error. */
static inline int captured_foreach(const char *dir, captured_fn fn, void *arg)
{
	struct captured_walk *w = calloc(1, sizeof(*w));
	struct dirent **names = NULL;
	char path[4096];
	int n, i, rc = 0;

	if (w == NULL)
		return -1;
	w->fn = fn;
	w->arg = arg;
	n = scandir(dir, &names, captured_txt, alphasort);
	if (n < 0)
		rc = -1;
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		w->file = names[i]->d_name;
		w->last_request_head = 0;
		if (rc == 0 && captured_file(w, path) != 0)
			rc = -1;
		free(names[i]);
	}
	free(names);
	if (rc == 0)
		rc = w->count;
	free(w);
	return rc;
}

#endif
