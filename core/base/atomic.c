/* atomic.c - replace a file atomically (atomic.h).
 *
 * A path whose last component is a symlink is written through: the
 * temporary file goes beside the link's TARGET and is renamed over the
 * target, so the link stays a link and every path to the file sees the
 * new content (linkpath.h).
 */
#include "base/atomic.h"
#include "base/fdio.h"
#include "base/linkpath.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* The folder of PATH (a new string, "." when PATH has no slash) and a
 * pointer to its last component (*BASE, inside PATH).  NULL on OOM. */
static char *split_path(const char *path, const char **base)
{
	const char *slash = strrchr(path, '/');

	*base = slash ? slash + 1 : path;
	return sy_dir_of(path);
}

/* The permission bits for the new file: those of the file being replaced,
 * or 0644 less the umask for a new one. */
static mode_t new_mode(const char *path)
{
	struct stat st;
	mode_t mask;

	if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		return st.st_mode & 07777;
	mask = umask(022);
	umask(mask);
	return 0644 & ~mask;
}

void sy_atomic_abort(sy_atomic *at)
{
	if (at->fd >= 0) {
		close(at->fd);
		unlink(at->tmp);
	}
	free(at->path);
	free(at->dir);
	free(at->tmp);
	memset(at, 0, sizeof *at);
	at->fd = -1;
}

sy_status sy_atomic_open(const char *path, sy_atomic *at, sy_error *err)
{
	const char *base;
	size_t n;

	memset(at, 0, sizeof *at);
	at->fd = -1;
	if (!*path || path[strlen(path) - 1] == '/')
		return sy_fail(err, SY_ERR_IO, "%s: not a file name", path);
	at->path = sy_link_target(path);
	at->dir = at->path ? split_path(at->path, &base) : NULL;
	n = (at->dir ? strlen(at->dir) + strlen(base) : 0) + 10;
	at->tmp = at->dir ? malloc(n) : NULL;
	if (!at->path || !at->dir || !at->tmp) {
		sy_atomic_abort(at);
		return sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", path);
	}
	snprintf(at->tmp, n, "%s/.%s.XXXXXX", at->dir, base);
	at->mode = new_mode(at->path);
	at->fd = mkstemp(at->tmp);
	if (at->fd < 0) {
		int saved = errno;
		sy_fail(err, SY_ERR_IO, "%s: cannot create temporary file in %s: %s",
			path, at->dir, strerror(saved));
		sy_atomic_abort(at);
		return SY_ERR_IO;
	}
	return SY_OK;
}

sy_status sy_atomic_write(sy_atomic *at, const void *data, size_t len,
			  sy_error *err)
{
	if (sy_write_all(at->fd, data, len) < 0)
		return sy_fail(err, SY_ERR_IO, "%s: cannot write temporary file: %s",
			       at->path, strerror(errno));
	return SY_OK;
}

sy_status sy_atomic_commit(sy_atomic *at, sy_error *err)
{
	const char *what = NULL;
	int saved = 0;
	sy_status st = SY_OK;

	if (fchmod(at->fd, at->mode) < 0)
		what = "cannot set permissions of temporary file";
	else if (fsync(at->fd) < 0)
		what = "cannot sync temporary file";
	if (what)
		saved = errno;
	if (close(at->fd) < 0 && !what) {
		what = "cannot close temporary file";
		saved = errno;
	}
	at->fd = -1;
	if (!what && rename(at->tmp, at->path) < 0) {
		what = "cannot rename temporary file over it";
		saved = errno;
	}
	if (what) {
		unlink(at->tmp);
		st = sy_fail(err, SY_ERR_IO, "%s: %s: %s", at->path, what,
			     strerror(saved));
	} else if (sy_sync_dir(at->dir) < 0) {
		saved = errno;
		st = sy_fail(err, SY_ERR_IO, "%s: written, but cannot sync folder %s: %s",
			     at->path, at->dir, strerror(saved));
	}
	sy_atomic_abort(at);
	return st;
}

/* See annot_io.h.  Returns SY_OK, SY_ERR_NOMEM, or SY_ERR_IO with
 * "PATH: what failed: strerror" in ERR; nothing is left behind on failure
 * except when only the final folder sync failed (PATH is then already
 * replaced, and the message says so). */
sy_status sy_write_atomic(const char *path, const void *data, size_t len,
			  sy_error *err)
{
	sy_atomic at;
	sy_status st = sy_atomic_open(path, &at, err);

	if (st != SY_OK)
		return st;
	st = sy_atomic_write(&at, data, len, err);
	if (st != SY_OK) {
		sy_atomic_abort(&at);
		return st;
	}
	return sy_atomic_commit(&at, err);
}
