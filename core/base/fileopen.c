/* fileopen.c - see fileopen.h */
#include "base/fileopen.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What a file that is not regular is, for the message. */
const char *sy_file_kind(mode_t m)
{
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a file";
}

sy_status sy_open_regular(const char *path, int *fd, struct stat *sb,
			  sy_error *err)
{
	struct stat st;
	int f, fl, e;

	*fd = -1;
	do     /* O_NONBLOCK: opening a FIFO with no writer must not wait */
		f = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	while (f < 0 && errno == EINTR);
	if (f < 0) {
		e = errno;
		sy_fail(err, SY_ERR_IO, "%s: %s", path, strerror(e));
		errno = e;
		return SY_ERR_IO;
	}
	if (fstat(f, &st) != 0) {
		e = errno;
		close(f);
		return sy_fail(err, SY_ERR_IO, "%s: %s", path, strerror(e));
	}
	if (S_ISDIR(st.st_mode)) {
		close(f);
		sy_fail(err, SY_ERR_IO, "%s: is a folder", path);
		errno = EISDIR;
		return SY_ERR_IO;
	}
	if (!S_ISREG(st.st_mode)) {
		close(f);
		sy_fail(err, SY_ERR_IO, "%s: not a regular file (%s); refused",
			path, sy_file_kind(st.st_mode));
		errno = EINVAL;
		return SY_ERR_IO;
	}
	if ((fl = fcntl(f, F_GETFL)) < 0 || fcntl(f, F_SETFL, fl & ~O_NONBLOCK) < 0) {
		e = errno;
		close(f);
		return sy_fail(err, SY_ERR_IO, "%s: %s", path, strerror(e));
	}
	if (sb)
		*sb = st;
	*fd = f;
	return SY_OK;
}

sy_status sy_read_regular(const char *path, size_t max, char **buf,
			  size_t *len, bool *missing, sy_error *err)
{
	struct stat sb;
	size_t n = 0, cap;
	char *p;
	int fd;
	sy_status st;

	*buf = NULL;
	*len = 0;
	if (missing)
		*missing = false;
	if ((st = sy_open_regular(path, &fd, &sb, err)) != SY_OK) {
		if (missing && errno == ENOENT) {
			*missing = true;
			return SY_OK;
		}
		return st;
	}
	/* the size fstat gave, and a little room to see the end of the file */
	cap = (uintmax_t)sb.st_size < max ? (size_t)sb.st_size + 4096 : max + 1;
	if (!(p = malloc(cap + 1))) {
		close(fd);
		return sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", path);
	}
	for (;;) {
		ssize_t r;
		if (n == cap) {
			char *q;
			if (cap > max)
				break;
			cap = cap > max / 2 ? max + 1 : cap * 2;
			if (!(q = realloc(p, cap + 1))) {
				free(p);
				close(fd);
				return sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", path);
			}
			p = q;
		}
		r = read(fd, p + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			free(p);
			close(fd);
			return sy_fail(err, SY_ERR_IO, "%s: %s", path, strerror(e));
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (n > max) {
		free(p);
		return max >= (1 << 20)
		       ? sy_fail(err, SY_ERR_LIMIT, "%s: larger than %zu MiB; refused",
				 path, max >> 20)
		       : sy_fail(err, SY_ERR_LIMIT, "%s: larger than %zu KiB; refused",
				 path, max >> 10);
	}
	p[n] = '\0';
	*buf = p;
	*len = n;
	return SY_OK;
}
