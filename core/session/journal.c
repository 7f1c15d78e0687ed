/* journal.c - see journal.h */
#define _GNU_SOURCE 1
#include "session/journal.h"
#include "base/fdio.h"
#include "base/fileopen.h"
#include "base/linkpath.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HEADER "#shenyue-journal "

char *sy_journal_path(const char *annot_path)
{
	char *target = sy_link_target(annot_path); /* beside a link's target */
	size_t n = target ? strlen(target) + sizeof ".journal" : 0;
	char *p = target ? malloc(n) : NULL;
	if (p)
		snprintf(p, n, "%s.journal", target);
	free(target);
	return p;
}

sy_status sy_journal_append(const char *path, const char *data, size_t len,
			    sy_error *err)
{
	char head[64];
	struct stat st;
	bool fresh = stat(path, &st) != 0;
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	int hl = snprintf(head, sizeof head, HEADER "%zu\n", len);

	if (fd < 0)
		return sy_fail(err, SY_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
	if (sy_write_all(fd, head, (size_t)hl) || sy_write_all(fd, data, len) ||
	    fdatasync(fd) < 0) {
		int e = errno;
		close(fd);
		return sy_fail(err, SY_ERR_IO, "%s: cannot write: %s", path, strerror(e));
	}
	if (close(fd) < 0)
		return sy_fail(err, SY_ERR_IO, "%s: cannot close: %s", path, strerror(errno));
	if (fresh && sy_sync_dir_of(path) < 0)
		return sy_fail(err, SY_ERR_IO, "%s: cannot sync its folder: %s", path,
			       strerror(errno));
	return SY_OK;
}

sy_status sy_journal_read(const char *path, sy_journal_fn fn, void *ctx,
			  size_t *n, bool *exists, sy_error *err)
{
	char *buf = NULL;
	size_t len = 0, pos = 0;
	bool missing;
	sy_status st = sy_read_regular(path, SY_MAX_FILE_BYTES, &buf, &len,
				       &missing, err);

	*n = 0;
	*exists = st != SY_OK || !missing;
	if (st != SY_OK || missing)
		return st;
	while (pos < len) {
		char *end;
		unsigned long long rl;
		size_t hl = sizeof HEADER - 1;
		const char *nl = memchr(buf + pos, '\n', len - pos);

		if (!nl || (size_t)(nl - (buf + pos)) < hl + 1 ||
		    memcmp(buf + pos, HEADER, hl) != 0) {
			if (!nl)
				break;         /* a header cut short: the last record */
			st = sy_fail(err, SY_ERR_FORMAT, "%s: record %zu: bad header",
				     path, *n + 1);
			break;
		}
		errno = 0;
		rl = strtoull(buf + pos + hl, &end, 10);
		if (errno || end != nl) {
			st = sy_fail(err, SY_ERR_FORMAT, "%s: record %zu: bad length",
				     path, *n + 1);
			break;
		}
		pos = (size_t)(nl - buf) + 1;
		if (rl > len - pos) {
			/* cut short by a crash (never shown as saved) only if it is
			 * the last record: a header after it means damage */
			if (memmem(buf + pos, len - pos, "\n" HEADER, sizeof HEADER))
				st = sy_fail(err, SY_ERR_FORMAT, "%s: record %zu: bad length",
					     path, *n + 1);
			break;
		}
		st = fn(ctx, buf + pos, (size_t)rl, *n, err);
		if (st != SY_OK)
			break;
		pos += (size_t)rl;
		(*n)++;
	}
	free(buf);
	return st;
}

sy_status sy_journal_remove(const char *path, sy_error *err)
{
	if (unlink(path) < 0) {
		if (errno == ENOENT)
			return SY_OK;
		return sy_fail(err, SY_ERR_IO, "%s: cannot remove: %s", path,
			       strerror(errno));
	}
	if (sy_sync_dir_of(path) < 0)
		return sy_fail(err, SY_ERR_IO, "%s: removed, but cannot sync its folder: %s",
			       path, strerror(errno));
	return SY_OK;
}
