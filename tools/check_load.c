/*
 * Loading a policy directory for the checker.  The verdict is the
 * plugin's own dgp_policy_load() over the gate's own trust_open(): the
 * same files, name rules, precedence and messages as docker-gated.
 *
 * The loader stops at the first error, as it must.  To report every
 * broken file, the checker loads again with the path that failed hidden
 * (a file then reads as empty, a directory as absent), until a load
 * succeeds.  The path that failed is the last one the loader asked
 * open_trusted for: it parses each file right after opening it.
 */
#include "check.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

#include "gated.h" /* trust_open(), the daemon's trust check */

/* Loader warnings (ignored file names, no default.conf) of one load. */
#define LOAD_NOTES_MAX 64
#define LOAD_NOTE_LEN  512

struct load_hidden {
	char *path;
	int is_dir;
};

/* The loader's hooks take no context argument: the state of the one load
 * in progress lives here (the checker is single-threaded). */
static struct {
	struct load_hidden hidden[CHECK_ERRORS_MAX];
	size_t nhidden;
	char last[PATH_MAX]; /* the path open_trusted was asked for last */
	char notes[LOAD_NOTES_MAX][LOAD_NOTE_LEN];
	size_t nnotes;
	size_t lost_notes;
} ld;

static void load_log(int priority, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void load_log(int priority, const char *fmt, ...)
{
	va_list ap;

	if (priority > LOG_WARNING)
		return; /* "policy loaded": not news here */
	if (ld.nnotes == LOAD_NOTES_MAX) {
		ld.lost_notes++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(ld.notes[ld.nnotes++], LOAD_NOTE_LEN, fmt, ap);
	va_end(ap);
}

static const struct load_hidden *load_find(const char *path)
{
	size_t i;

	for (i = 0; i < ld.nhidden; i++)
		if (strcmp(ld.hidden[i].path, path) == 0)
			return &ld.hidden[i];
	return NULL;
}

static int load_open(const char *path, char *err, size_t errlen)
{
	const struct load_hidden *h = load_find(path);

	snprintf(ld.last, sizeof(ld.last), "%s", path);
	if (!h)
		return trust_open(path, err, errlen);
	if (h->is_dir) {
		/* already reported; the loader skips an absent directory */
		snprintf(err, errlen, "%s: already reported", path);
		errno = ENOENT;
		return -1;
	}
	/* already reported; reads as an empty policy file */
	return open("/dev/null", O_RDONLY | O_CLOEXEC);
}

/* Hides the path the last load failed on; -1 when that makes no
 * progress (nothing opened, already hidden, too many errors). */
static int load_hide(void)
{
	struct load_hidden *h;
	struct stat st;

	if (!ld.last[0] || load_find(ld.last) || ld.nhidden == CHECK_ERRORS_MAX)
		return -1;
	h = &ld.hidden[ld.nhidden];
	h->path = strdup(ld.last);
	if (!h->path)
		return -1;
	/* what cannot be stat()ed is hidden as absent */
	h->is_dir = stat(ld.last, &st) < 0 || S_ISDIR(st.st_mode);
	ld.nhidden++;
	return 0;
}

static void load_reset(void)
{
	size_t i;

	for (i = 0; i < ld.nhidden; i++)
		free(ld.hidden[i].path);
	memset(&ld, 0, sizeof(ld));
}

static size_t load_print_notes(void)
{
	size_t i;

	for (i = 0; i < ld.nnotes; i++)
		fprintf(stderr, "warning: %s\n", ld.notes[i]);
	if (ld.lost_notes)
		fprintf(stderr, "warning: %zu more warnings from the loader\n",
			ld.lost_notes);
	return ld.nnotes + ld.lost_notes;
}

/* A directory that does not exist would load as the built-in defaults:
 * for an administrator that is a typo, not a policy. */
static int load_dir_exists(const char *dir)
{
	struct stat st;

	if (stat(dir, &st) < 0) {
		fprintf(stderr, "%s: %s\n", dir, strerror(errno));
		return 0;
	}
	if (!S_ISDIR(st.st_mode)) {
		fprintf(stderr, "%s: not a directory\n", dir);
		return 0;
	}
	return 1;
}

void check_load(const char *dir, struct check_load *out)
{
	const struct dgp_io io = {load_log, load_open};
	char err[1024];

	memset(out, 0, sizeof(*out));
	load_reset();
	if (!load_dir_exists(dir)) {
		out->errors = 1;
		return;
	}
	for (;;) {
		ld.nnotes = 0;
		ld.lost_notes = 0;
		ld.last[0] = '\0';
		err[0] = '\0';
		out->policy = dgp_policy_load(dir, &io, err, sizeof(err));
		if (out->policy)
			break;
		fprintf(stderr, "%s\n",
			err[0] ? err : "cannot load the policy");
		out->errors++;
		if (load_hide() < 0) {
			fprintf(stderr, "%s: not every file was checked\n",
				dir);
			break;
		}
	}
	out->warnings = load_print_notes();
	load_reset();
}

void check_load_free(struct check_load *l)
{
	dgp_policy_free(l->policy);
	l->policy = NULL;
}
