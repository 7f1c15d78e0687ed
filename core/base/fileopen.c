/* fileopen.c - see fileopen.h */
#include "base/fileopen.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/mem.h"

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

int sy_read_fd(int fd, size_t hint, size_t max, char **buf, size_t *len)
{
	size_t n = 0, cap = hint ? (hint < max ? hint : max) + 1 : 64 * 1024;
	char *p = malloc(cap);

	*buf = NULL;
	*len = cap;
	if (!p) {
		errno = ENOMEM;
		return -1;
	}
	for (;;) {
		ssize_t r;
		if (n + 1 >= cap) {
			/* Full (usually: exactly the size fstat gave).  Probe
			 * for more before growing, so that a file of the
			 * expected size does not cost a second buffer. */
			char probe[4096];
			r = read(fd, probe, sizeof probe);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0) {
				if (r == 0)
					break;
				goto fail;
			}
			if ((size_t)r > max - n) {
				errno = EFBIG;
				goto fail;
			}
			if (sy_reserve(&p, n, (size_t)r + 1, &cap, 1, 0) < 0) {
				*len = cap > SIZE_MAX / 2 ? SIZE_MAX : cap * 2;
				free(p);
				errno = ENOMEM;
				return -1;
			}
			memcpy(p + n, probe, (size_t)r);
			n += (size_t)r;
			continue;
		}
		r = read(fd, p + n, cap - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			goto fail;
		if (r == 0)
			break;
		n += (size_t)r;
	}
	p[n] = '\0';
	*buf = p;
	*len = n;
	return 0;
fail:
	{
		int e = errno;
		free(p);
		*len = n;
		errno = e;
		return -1;
	}
}

sy_status sy_read_regular(const char *path, size_t max, char **buf,
			  size_t *len, bool *missing, sy_error *err)
{
	struct stat sb;
	int fd, e;
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
	/* the size fstat gave is a hint: the file may grow or shrink */
	if (sy_read_fd(fd, (uintmax_t)sb.st_size < max ? (size_t)sb.st_size : max,
		       max, buf, len) == 0) {
		close(fd);
		return SY_OK;
	}
	e = errno;
	close(fd);
	*len = 0;
	if (e == ENOMEM)
		return sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", path);
	if (e != EFBIG)
		return sy_fail(err, SY_ERR_IO, "%s: %s", path, strerror(e));
	return max >= (1 << 20)
	       ? sy_fail(err, SY_ERR_LIMIT, "%s: larger than %zu MiB; refused",
			 path, max >> 20)
	       : sy_fail(err, SY_ERR_LIMIT, "%s: larger than %zu KiB; refused",
			 path, max >> 10);
}
