/* fdio.c - see fdio.h */
#include "base/fdio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int sy_write_all(int fd, const void *p, size_t n)
{
	const char *d = p;

	while (n > 0) {
		ssize_t w = write(fd, d, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		d += w;
		n -= (size_t)w;
	}
	return 0;
}

int sy_sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int r, saved;

	if (fd < 0)
		return -1;
	r = fsync(fd);
	if (r < 0 && (errno == EINVAL || errno == ENOTSUP))
		r = 0;
	saved = errno;
	close(fd);
	errno = saved;
	return r;
}

int sy_sync_dir_of(const char *path)
{
	char *dir = sy_dir_of(path);
	int r;

	if (!dir) {
		errno = ENOMEM;
		return -1;
	}
	r = sy_sync_dir(dir);
	free(dir);
	return r;
}
