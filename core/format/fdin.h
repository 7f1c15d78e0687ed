/* fdin.h - a file read as the annotation reader asks for it
 * (sy_annot_load), never held whole: by the fast scanner's lines and by
 * libyaml's read handler, up to SY_MAX_FILE_BYTES.
 *
 * The failures are noted in the sy_fdin, not reported at once: after a
 * parse failure sy_fdin_failure reads the rest and says what reading the
 * whole file first would have said (a read error, the size limit, a NUL
 * byte), so that the message does not depend on where parsing stopped.
 * The caller owns the descriptor; nothing here is allocated.
 */
#ifndef SY_FDIN_H
#define SY_FDIN_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

typedef struct sy_fdin {
	int fd;
	const char *path;
	size_t total;          /* bytes read so far */
	int errnum;            /* a read failed with this errno */
	bool limit;            /* the file reached SY_MAX_FILE_BYTES */
	bool nul;              /* a NUL byte was read, at offset nul_off */
	size_t nul_off;
} sy_fdin;

/* Read up to SIZE bytes of IN into BUF (*GOT bytes).  1 data, 0 end of
 * file, -1 a read error or the size limit (noted in IN).  The first NUL
 * byte is noted in IN. */
int sy_fdin_chunk(sy_fdin *in, unsigned char *buf, size_t size, size_t *got);

/* libyaml's read handler over an sy_fdin (DATA): fails at a read error,
 * the size limit or a NUL byte (sy_fdin_failure reports them). */
int sy_fdin_yaml_read(void *data, unsigned char *buf, size_t size,
		      size_t *got);

/* Line and column (0-based, column in code points) of byte OFF of IN's
 * file, read again from its start for this (pread: IN's offset stays). */
void sy_fdin_locate(const sy_fdin *in, size_t off, size_t *line,
		    size_t *col);

/* After a failure ST of IN being read (NAME in messages): read the rest
 * of it, and return the error that reading the whole file first would
 * have given, filled in ERR, else ST. */
sy_status sy_fdin_failure(sy_fdin *in, const char *name, sy_error *err,
			  sy_status st);

/* Back to the start of the file, the notes cleared, for reading again.
 * SY_OK, or SY_ERR_IO in ERR ("NAME: reason"). */
sy_status sy_fdin_rewind(sy_fdin *in, const char *name, sy_error *err);

#endif
