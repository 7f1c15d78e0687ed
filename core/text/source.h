/* source.h - a report as read from disk: decoded to UTF-8, with its
 * encoding, sha256 and length in code points.
 *
 * Offsets everywhere in shenyue are Unicode code point offsets into the
 * decoded text, BOM not counted, CR of CRLF counted (guidelines.md).
 */
#ifndef SY_SOURCE_H
#define SY_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "base/error.h"

typedef enum sy_encoding { SY_ENC_UTF8, SY_ENC_GB18030 } sy_encoding;

typedef struct sy_source {
	char *path;          /* as given to sy_source_load, owned */
	char *text;          /* decoded UTF-8, BOM removed, NUL-terminated, owned */
	size_t len;          /* bytes in text, not counting the NUL */
	size_t chars;        /* code points in text */
	sy_encoding encoding;
	char sha256[65];     /* lowercase hex of the bytes as read (BOM included) */
	/* When the text was converted from a document (convert.h): a mapping
	 * (path, sha256, format, converter) written as source.original;
	 * owned; NULL for a text file. */
	struct sy_node *original;
} sy_source;

/* Read PATH and decode it.  UTF-8 (with or without BOM) is taken as is;
 * anything that is not valid UTF-8 is tried as GB18030 with iconv.
 * Refused with a message naming PATH: a document (a web page, a Word
 * file: convert.h, which sy_document_load reads), an unreadable path, an
 * empty file,
 * a file with NUL bytes (binary), bytes that are neither UTF-8 nor GB18030
 * (the message gives the byte offset of the first bad UTF-8 sequence).
 * On success *SRC owns everything; free with sy_source_free.  On failure
 * *SRC is left zeroed and ERR says why. */
sy_status sy_source_load(const char *path, sy_source *src, sy_error *err);

/* Same as sy_source_load, on bytes already in memory (NAME is used in
 * messages and copied to src->path). */
sy_status sy_source_from_bytes(const char *name, const unsigned char *bytes,
			       size_t n, sy_source *src, sy_error *err);

/* Read all of PATH into a new buffer (*OUT, owned by the caller, with one
 * spare byte after the *OUTLEN bytes).  On failure *OUT is NULL and ERR
 * names PATH. */
sy_status sy_read_file(const char *path, unsigned char **out, size_t *outlen,
		       sy_error *err);

/* sy_source_load on BUF[0..N) read from PATH: BUF (malloc'd, room for
 * N + 1 bytes) is taken over whatever the outcome. */
sy_status sy_source_take(const char *path, unsigned char *buf, size_t n,
			 sy_source *src, sy_error *err);

/* Free what SRC owns and zero it.  Safe on a zeroed struct. */
void sy_source_free(sy_source *src);

const char *sy_encoding_name(sy_encoding enc);

#endif
