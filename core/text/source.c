/* source.c - see source.h.
 *
 * A report is read whole into one malloc'd buffer (size + 1), hashed as
 * read, then checked: not empty, not UTF-16, no NUL byte, and either valid
 * UTF-8 (used in place, a UTF-8 BOM removed with memmove) or convertible
 * from GB18030 with iconv.  For UTF-8 input the peak memory is the file
 * size plus one byte; for GB18030 it is the raw bytes plus the converted
 * text (about 1.5 times the raw size) while converting.
 *
 * Byte offsets in messages ("byte N") count from 0 at the first byte of
 * the file, a BOM included.
 */
#include "text/source.h"
#include "convert/convert.h"
#include "base/fileopen.h"
#include "base/mem.h"
#include "model/node.h"
#include "base/sha256.h"
#include "base/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif


const char *sy_encoding_name(sy_encoding enc)
{
	switch (enc) {
	case SY_ENC_UTF8: return "utf-8";
	case SY_ENC_GB18030: return "gb18030";
	}
	return "unknown";
}

/* Free what SRC owns and zero it.  Safe on a zeroed struct (and on NULL). */
void sy_source_free(sy_source *src)
{
	if (!src)
		return;
	free(src->path);
	free(src->text);
	sy_node_free(src->original);
	memset(src, 0, sizeof *src);
}

/* Convert B[0..N) from GB18030 to UTF-8.  On success *OUT is a malloc'd
 * NUL-terminated string owned by the caller and *OUTLEN its length.  On
 * failure *OUT is NULL and either *NOT_GB is set (the bytes are not
 * GB18030; ERR is untouched and the caller writes the message) or ERR is
 * filled (no memory, no iconv converter) and that code returned. */
static sy_status from_gb18030(const char *name, const unsigned char *b,
			      size_t n, char **out, size_t *outlen, int *not_gb,
			      size_t *gb_bad, int *gb_cut, sy_error *err)
{
	iconv_t cd;
	char *buf, *in = (char *)(uintptr_t)b, *op;
	size_t inleft = n, cap, outleft;
	sy_status st = SY_OK;
	int flushing = 0;

	*out = NULL;
	*outlen = 0;
	*not_gb = 0;
	cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1)
		return sy_fail(err, SY_ERR_ENCODING,
			       "%s: not UTF-8, and GB18030 conversion is not "
			       "available (iconv: %s)", name, strerror(errno));
	/* GB18030 takes 1-4 bytes per code point and UTF-8 1-4; Chinese
	 * text goes from 2 bytes to 3, so 1.5 n is the usual need. */
	cap = n / 2 > SIZE_MAX - n - 64 ? SIZE_MAX : n + n / 2 + 64;
	buf = malloc(cap);
	if (!buf) {
		iconv_close(cd);
		return sy_fail(err, SY_ERR_NOMEM, "%s: out of memory (%zu bytes)",
			       name, cap);
	}
	op = buf;
	outleft = cap - 1; /* room for the NUL */
	for (;;) {
		size_t r;
		if (flushing) /* end any shift state (GB18030 has none) */
			r = iconv(cd, NULL, NULL, &op, &outleft);
		else
			r = iconv(cd, &in, &inleft, &op, &outleft);
		if (r != (size_t)-1) {
			if (flushing)
				break;
			flushing = 1;
			continue;
		}
		if (errno == E2BIG) {
			size_t used = (size_t)(op - buf);
			if (cap > SIZE_MAX / 2) {
				st = sy_fail(err, SY_ERR_LIMIT,
					     "%s: converted text too large", name);
				break;
			}
			if (sy_reserve(&buf, cap, 1, &cap, 1, 0) < 0) {   /* doubles */
				st = sy_fail(err, SY_ERR_NOMEM,
					     "%s: out of memory (%zu bytes)",
					     name, cap * 2);
				break;
			}
			op = buf + used;
			outleft = cap - 1 - used;
			continue;
		}
		/* EILSEQ (invalid), EINVAL (truncated at the end): where */
		*not_gb = 1;
		*gb_bad = (size_t)(in - (char *)(uintptr_t)b);
		*gb_cut = errno == EINVAL;
		st = SY_ERR_ENCODING;
		break;
	}
	iconv_close(cd);
	if (st != SY_OK) {
		free(buf);
		return st;
	}
	*op = '\0';
	*out = buf;
	*outlen = (size_t)(op - buf);
	return SY_OK;
}

/* Check and decode B[0..N) into SRC (whose path is already set).  OWNED is
 * either NULL (B belongs to the caller and is only read) or B itself, a
 * malloc'd buffer with room for N + 1 bytes that this function takes over:
 * it becomes src->text or is freed, whatever the outcome.  On failure
 * src->text is left NULL and ERR filled. */
static sy_status decode(const char *name, const unsigned char *b, size_t n,
			unsigned char *owned, sy_source *src, sy_error *err)
{
	sy_sha256 h;
	size_t skip = 0, bad, len, chars = 0;
	const unsigned char *nul;
	sy_status st;

	sy_sha256_init(&h);
	sy_sha256_update(&h, b, n);
	sy_sha256_hex(&h, src->sha256);

	if (n == 0) {
		st = sy_fail(err, SY_ERR_ENCODING, "%s: empty file", name);
		goto fail;
	}
	if (n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) ||
		       (b[0] == 0xFE && b[1] == 0xFF))) {
		st = sy_fail(err, SY_ERR_ENCODING,
			     "%s: UTF-16 is not supported; convert to UTF-8 "
			     "(iconv -f UTF-16 -t UTF-8)", name);
		goto fail;
	}
	if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
		skip = 3;
	if (n == skip) {
		st = sy_fail(err, SY_ERR_ENCODING,
			     "%s: empty file (only a byte-order mark)", name);
		goto fail;
	}
	nul = memchr(b, 0, n);
	if (nul) {
		st = sy_fail(err, SY_ERR_ENCODING,
			     "%s: byte %zu: NUL byte: binary file, not a text "
			     "report", name, (size_t)(nul - b));
		goto fail;
	}

	len = n - skip;
	bad = sy_utf8_validate_count(b + skip, len, &chars);
	if (bad == len) {
		char *text;
		if (owned) {
			if (skip)
				memmove(owned, owned + skip, len);
			text = (char *)owned;
			owned = NULL;
		} else {
			text = malloc(len + 1);
			if (!text) {
				st = sy_fail(err, SY_ERR_NOMEM,
					     "%s: out of memory (%zu bytes)",
					     name, len + 1);
				goto fail;
			}
			memcpy(text, b + skip, len);
		}
		text[len] = '\0';
		src->text = text;
		src->len = len;
		src->chars = chars;
		src->encoding = SY_ENC_UTF8;
		return SY_OK;
	}
	bad += skip;

	if (skip) {
		/* A UTF-8 BOM says the file is UTF-8; reading the rest as
		 * GB18030 would turn the BOM itself into two Chinese
		 * characters.  Report the bad UTF-8 instead. */
		st = sy_fail(err, SY_ERR_ENCODING,
			     "%s: byte %zu: invalid UTF-8 (the file starts with "
			     "a UTF-8 byte-order mark)", name, bad);
		goto fail;
	}

	{
		char *text;
		size_t tlen;
		int not_gb, cut = 0;
		size_t gbad = 0;
		st = from_gb18030(name, b, n, &text, &tlen, &not_gb, &gbad, &cut,
				  err);
		if (not_gb && cut)      /* where the file was cut short */
			st = sy_fail(err, SY_ERR_ENCODING,
				     "%s: byte %zu: the file ends inside a "
				     "character (cut short?); it is neither "
				     "UTF-8 nor GB18030 as it is", name, gbad);
		else if (not_gb && gbad > bad)   /* GB18030 up to there */
			st = sy_fail(err, SY_ERR_ENCODING,
				     "%s: byte %zu: invalid GB18030 (and not "
				     "UTF-8 either, from byte %zu)", name, gbad,
				     bad);
		else if (not_gb)
			st = sy_fail(err, SY_ERR_ENCODING,
				     "%s: byte %zu: invalid UTF-8 (and not "
				     "GB18030 either)", name, bad);
		if (st != SY_OK)
			goto fail;
		free(owned);
		owned = NULL;
		/* The GB18030 BOM (84 31 95 33) becomes U+FEFF: drop it. */
		if (tlen >= 3 && (unsigned char)text[0] == 0xEF &&
		    (unsigned char)text[1] == 0xBB &&
		    (unsigned char)text[2] == 0xBF) {
			memmove(text, text + 3, tlen - 3 + 1);
			tlen -= 3;
			if (tlen == 0) {
				free(text);
				st = sy_fail(err, SY_ERR_ENCODING,
					     "%s: empty file (only a byte-order "
					     "mark)", name);
				goto fail;
			}
		}
		src->text = text;
		src->len = tlen;
		src->chars = sy_utf8_count(text, tlen);
		src->encoding = SY_ENC_GB18030;
		return SY_OK;
	}

fail:
	free(owned);
	return st;
}

/* Copy NAME into a new SRC; on failure ERR is filled and SRC zeroed. */
static sy_status start(const char *name, sy_source *src, sy_error *err)
{
	size_t n = strlen(name);

	memset(src, 0, sizeof *src);
	src->path = malloc(n + 1);
	if (!src->path)
		return sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", name);
	memcpy(src->path, name, n + 1);
	return SY_OK;
}

/* See source.h.  BYTES is only read; SRC owns copies of NAME and of the
 * decoded text on success, and is zeroed on failure. */
sy_status sy_source_from_bytes(const char *name, const unsigned char *bytes,
			       size_t n, sy_source *src, sy_error *err)
{
	sy_status st;

	if (!name)
		name = "(memory)";
	st = start(name, src, err);
	if (st != SY_OK)
		return st;
	st = decode(name, n ? bytes : (const unsigned char *)"", n, NULL, src,
		    err);
	if (st != SY_OK)
		sy_source_free(src);
	return st;
}

/* Read all of FD (see sy_read_fd) in the words of this file's messages.
 * SIZE_HINT is the expected size (0 when unknown).  On success *OUT is
 * owned by the caller; on failure *OUT is NULL and ERR filled. */
static sy_status read_all(const char *path, int fd, size_t size_hint,
			  unsigned char **out, size_t *outlen, sy_error *err)
{
	char *buf;
	size_t len;
	int e;

	*out = NULL;
	*outlen = 0;
	if (sy_read_fd(fd, size_hint, SY_MAX_FILE_BYTES, &buf, &len) == 0) {
		*out = (unsigned char *)buf;
		*outlen = len;
		return SY_OK;
	}
	e = errno;
	if (e == ENOMEM)
		return sy_fail(err, SY_ERR_NOMEM, "%s: out of memory (%zu bytes)",
			       path, len);
	if (e == EFBIG)   /* grew since fstat (a file being appended to) */
		return sy_fail(err, SY_ERR_LIMIT,
			       "%s: file too large (more than %zu MiB)",
			       path, SY_MAX_FILE_BYTES >> 20);
	if (e == EISDIR)
		return sy_fail(err, SY_ERR_IO, "%s: is a directory", path);
	return sy_fail(err, SY_ERR_IO, "%s: byte %zu: read: %s", path, len,
		       strerror(e));
}

/* See source.h. */
sy_status sy_read_file(const char *path, unsigned char **out, size_t *outlen,
		       sy_error *err)
{
	struct stat stb;
	size_t hint = 0;
	sy_status st;
	int fd;

	*out = NULL;
	*outlen = 0;
	if (!path || !*path)
		return sy_fail(err, SY_ERR_IO, "'': empty file name");
	/* a regular file only: a FIFO would block, a device never end */
	if ((st = sy_open_regular(path, &fd, &stb, err)) != SY_OK)
		return st;
	if (stb.st_size > 0) {
		if ((uintmax_t)stb.st_size > SY_MAX_FILE_BYTES) {
			close(fd);
			return sy_fail(err, SY_ERR_LIMIT,
				       "%s: file too large (%jd bytes; at most %zu MiB)",
				       path, (intmax_t)stb.st_size,
				       SY_MAX_FILE_BYTES >> 20);
		}
		hint = (size_t)stb.st_size;
	}
	st = read_all(path, fd, hint, out, outlen, err);
	close(fd);
	return st;
}

/* See source.h.  On success SRC owns its path copy and text; on failure
 * SRC is zeroed and ERR names PATH and the reason (strerror text for
 * system errors). */
sy_status sy_source_load(const char *path, sy_source *src, sy_error *err)
{
	unsigned char *buf;
	size_t n;
	sy_status st;

	memset(src, 0, sizeof *src);
	st = sy_read_file(path, &buf, &n, err);
	if (st != SY_OK)
		return st;
	{       /* a document: its text is taken out by extract (convert.h) */
		const sy_converter *c = sy_converter_for(buf, n);
		if (c) {
			free(buf);
			return sy_fail(err, SY_ERR_ENCODING,
				       "%s: a %s, not a text report: `shenyue "
				       "extract %s` takes its text out (NAME.txt) "
				       "and makes its annotation file", path,
				       c->what, path);
		}
	}
	return sy_source_take(path, buf, n, src, err);
}

/* See source.h. */
sy_status sy_source_take(const char *path, unsigned char *buf, size_t n,
			 sy_source *src, sy_error *err)
{
	sy_status st = start(path, src, err);

	if (st != SY_OK) {
		free(buf);
		return st;
	}
	st = decode(path, buf, n, buf, src, err);
	if (st != SY_OK)
		sy_source_free(src);
	return st;
}
