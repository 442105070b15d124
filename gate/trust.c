/*
 * Trusted file opening: a policy file or plugin is trusted only if it and
 * every directory above it are owned by root and not writable by group or
 * others.  Checked with fstat on descriptors opened component by component
 * with O_NOFOLLOW, so what was checked is what is read (doas style).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gated.h"

static int trusted_stat(int fd, const char *what, int want_dir, char *err,
			size_t errlen)
{
	struct stat st;

	if (fstat(fd, &st) < 0) {
		snprintf(err, errlen, "%s: %s", what, strerror(errno));
		return -1;
	}
	/* The last component may be a file or a directory (the plugin lists
	 * policy directories through this too); the ones above must be
	 * directories. */
	if (want_dir ? !S_ISDIR(st.st_mode)
		     : !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s is not a %s", what,
			 want_dir ? "directory" : "regular file or directory");
		errno = EPERM;
		return -1;
	}
	/* fail closed: anyone but root who can change it could own us. */
	if (st.st_uid != 0) {
		snprintf(err, errlen, "%s is not owned by root", what);
		errno = EPERM;
		return -1;
	}
	if (st.st_mode & (S_IWGRP | S_IWOTH)) {
		snprintf(err, errlen, "%s is writable by group or others",
			 what);
		errno = EPERM;
		return -1;
	}
	return 0;
}

/* Opens the next component below dirfd, checked. */
static int open_component(int dirfd, const char *name, const char *sofar,
			  int last, char *err, size_t errlen)
{
	int flags = O_CLOEXEC | O_NOFOLLOW |
		    (last ? O_RDONLY : O_PATH | O_DIRECTORY);
	int fd = openat(dirfd, name, flags);

	if (fd < 0) {
		int e = errno;

		snprintf(err, errlen, "%s: %s", sofar, strerror(e));
		errno = e;
		return -1;
	}
	if (trusted_stat(fd, sofar, !last, err, errlen) < 0) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

int trust_open(const char *path, char *err, size_t errlen)
{
	char real[PATH_MAX], sofar[PATH_MAX] = "";
	char *save = NULL, *comp, *next;
	int dirfd, fd;

	/* Resolve symlinks once (merged /usr); the walk below then refuses
	 * any symlink that appears afterwards. */
	if (!realpath(path, real)) {
		int e = errno;

		snprintf(err, errlen, "%s: %s", path, strerror(e));
		errno = e;
		return -1;
	}
	dirfd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0 || trusted_stat(dirfd, "/", 1, err, errlen) < 0)
		goto fail;
	comp = strtok_r(real, "/", &save);
	while (comp) {
		next = strtok_r(NULL, "/", &save);
		strncat(sofar, "/", sizeof(sofar) - strlen(sofar) - 1);
		strncat(sofar, comp, sizeof(sofar) - strlen(sofar) - 1);
		fd = open_component(dirfd, comp, sofar, next == NULL, err,
				    errlen);
		if (fd < 0)
			goto fail;
		close(dirfd);
		dirfd = fd;
		comp = next;
	}
	return dirfd;
fail:
	if (dirfd >= 0) {
		int e = errno;

		close(dirfd);
		errno = e;
	}
	return -1;
}
