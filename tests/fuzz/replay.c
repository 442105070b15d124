/*
 * Corpus replayer: a main() for the libFuzzer harnesses, so that `make
 * check` can run every seed through them with gcc and no libFuzzer.
 *
 *   replay FILE|DIR...
 *
 * Each FILE, and each regular file directly inside each DIR (in name
 * order), is read into a buffer of exactly its size (so ASan sees any
 * over-read) and passed to LLVMFuzzerTestOneInput once.  A harness reports
 * a bug by crashing; the input being replayed is named on stderr first.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define REPLAY_MAX_INPUT (64u << 20) /* bytes; larger files are refused */
#define REPLAY_MAX_PATH	 4096

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Present when linked with a sanitizer runtime (gcc's or clang's). */
extern void __sanitizer_set_death_callback(void (*cb)(void))
	__attribute__((weak));

static char current[REPLAY_MAX_PATH];

static void say_current(void)
{
	static const char pre[] = "replay: crashed on ";

	/* async-signal-safe: write(2) only */
	if (write(STDERR_FILENO, pre, sizeof(pre) - 1) < 0 ||
	    write(STDERR_FILENO, current, strlen(current)) < 0 ||
	    write(STDERR_FILENO, "\n", 1) < 0)
		return;
}

static void on_fatal_signal(int sig)
{
	say_current();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Only where nobody (e.g. ASan) installed a handler before us. */
static void install_handlers(void)
{
	static const int sigs[] = {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL};
	size_t i;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction old, sa;

		if (sigaction(sigs[i], NULL, &old) != 0 ||
		    old.sa_handler != SIG_DFL)
			continue;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_fatal_signal;
		sigemptyset(&sa.sa_mask);
		sigaction(sigs[i], &sa, NULL);
	}
	if (__sanitizer_set_death_callback != NULL)
		__sanitizer_set_death_callback(say_current);
}

static int read_all(int fd, uint8_t *buf, size_t size)
{
	size_t off = 0;

	while (off < size) {
		ssize_t n = read(fd, buf + off, size - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		off += (size_t)n;
	}
	return 0;
}

/* Runs one file; returns 0, or -1 if it could not be read. */
static int replay_file(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	uint8_t *buf;
	size_t size;
	int rc = -1;

	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (uintmax_t)st.st_size > REPLAY_MAX_INPUT) {
		fprintf(stderr,
			"replay: %s: not a readable regular file "
			"of at most %u bytes\n",
			path, REPLAY_MAX_INPUT);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	size = (size_t)st.st_size;
	buf = malloc(size ? size : 1);
	if (buf != NULL && read_all(fd, buf, size) == 0) {
		snprintf(current, sizeof(current), "%s", path);
		LLVMFuzzerTestOneInput(buf, size);
		rc = 0;
	} else {
		fprintf(stderr, "replay: %s: read failed\n", path);
	}
	free(buf);
	close(fd);
	return rc;
}

static int not_dot(const struct dirent *e)
{
	return e->d_name[0] != '.';
}

/* Every regular file directly in `dir`; returns files run, or -1. */
static long replay_dir(const char *dir)
{
	struct dirent **names;
	char path[REPLAY_MAX_PATH];
	long count = 0;
	int n = scandir(dir, &names, not_dot, alphasort), i;

	if (n < 0) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		struct stat st;
		int len = snprintf(path, sizeof(path), "%s/%s", dir,
				   names[i]->d_name);

		if (len > 0 && (size_t)len < sizeof(path) &&
		    stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			if (replay_file(path) != 0)
				count = -1;
			else if (count >= 0)
				count++;
		}
		free(names[i]);
	}
	free(names);
	return count;
}

int main(int argc, char **argv)
{
	long total = 0;
	int i, failed = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	install_handlers();
	for (i = 1; i < argc; i++) {
		struct stat st;
		long n;

		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			n = replay_dir(argv[i]);
		else
			n = replay_file(argv[i]) == 0 ? 1 : -1;
		if (n < 0)
			failed = 1;
		else
			total += n;
	}
	printf("replayed %ld inputs\n", total);
	return failed;
}
