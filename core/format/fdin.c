/* fdin.c - see fdin.h */
#include "format/fdin.h"
#include "format/yaml_pos.h"
#include "base/fileopen.h"

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define MAX_FILE SY_MAX_FILE_BYTES

int sy_fdin_chunk(sy_fdin *in, unsigned char *buf, size_t size, size_t *got)
{
	const unsigned char *z;
	ssize_t r;

	*got = 0;
	if (in->errnum || in->limit)
		return -1;
	if (in->total >= MAX_FILE) {
		in->limit = true;
		return -1;
	}
	if (size > MAX_FILE - in->total)
		size = MAX_FILE - in->total;
	if (size > SSIZE_MAX)
		size = SSIZE_MAX;
	do
		r = read(in->fd, buf, size);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		in->errnum = errno ? errno : EIO;
		return -1;
	}
	if (r == 0)
		return 0;
	if (!in->nul && (z = memchr(buf, '\0', (size_t)r))) {
		in->nul = true;
		in->nul_off = in->total + (size_t)(z - buf);
	}
	in->total += (size_t)r;
	*got = (size_t)r;
	return 1;
}

int sy_fdin_yaml_read(void *data, unsigned char *buf, size_t size, size_t *got)
{
	sy_fdin *in = data;

	if (sy_fdin_chunk(in, buf, size, got) < 0 || in->nul) {
		*got = 0;
		return 0;
	}
	return 1;
}

void sy_fdin_locate(const sy_fdin *in, size_t off, size_t *line, size_t *col)
{
	char b[16384];
	size_t pos = 0;

	*line = *col = 0;
	while (pos < off) {
		size_t want = off - pos < sizeof b ? off - pos : sizeof b;
		ssize_t r = pread(in->fd, b, want, (off_t)pos);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		sy_text_advance(b, (size_t)r, line, col);
		pos += (size_t)r;
	}
}

sy_status sy_fdin_failure(sy_fdin *in, const char *name, sy_error *err,
			  sy_status st)
{
	unsigned char b[16384];
	size_t got, line, col;

	while (sy_fdin_chunk(in, b, sizeof b, &got) > 0)
		;
	if (in->errnum)
		return sy_fail(err, SY_ERR_IO, "%s: %s", in->path,
			       strerror(in->errnum));
	if (in->limit)
		return sy_fail(err, SY_ERR_LIMIT, "%s: file larger than 1 GiB",
			       in->path);
	if (in->nul) {
		sy_fdin_locate(in, in->nul_off, &line, &col);
		return sy_yaml_fail_at(err, name, line, col, SY_ERR_FORMAT,
				       "NUL byte in input (not a text file)");
	}
	return st;
}

sy_status sy_fdin_rewind(sy_fdin *in, const char *name, sy_error *err)
{
	sy_status st = SY_OK;

	if (lseek(in->fd, 0, SEEK_SET) != 0)
		st = sy_fail(err, SY_ERR_IO, "%s: %s", name, strerror(errno));
	in->total = 0;
	in->errnum = 0;
	in->limit = in->nul = false;
	return st;
}
