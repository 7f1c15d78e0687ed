/* fileopen.h - opening a file that shenyue reads (a report, an annotation
 * file, a journal, the config, a theme): only a regular file, never
 * blocking, and never read past a bound.
 *
 * A FIFO in place of a file would block the reader forever, and a link to
 * a device (/dev/zero) would be read until memory runs out: both are
 * refused with a message before anything is read.
 */
#ifndef SY_FILEOPEN_H
#define SY_FILEOPEN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "base/error.h"

/* The largest report, annotation file or journal read: far above any real
 * one (the largest benchmark report is 10 MB, its annotation file about
 * 40 MB).  README.md documents it. */
#define SY_MAX_FILE_BYTES ((size_t)1 << 30)

/* Open PATH for reading (blocking reads, close-on-exec) when it is a
 * regular file; *FD then belongs to the caller and *SB (may be NULL)
 * holds its fstat.  Refused (SY_ERR_IO, naming PATH), with errno set:
 * what open refuses (errno as open set it, so that ENOENT tells a
 * missing file), a folder ("is a folder", EISDIR), and anything else that
 * is not a regular file ("not a regular file (a FIFO)", a device, a
 * socket; EINVAL), without blocking. */
/* "a FIFO", "a character device", ...: what a file that is not a
 * regular file or a folder is, for messages.  Static string. */
const char *sy_file_kind(mode_t m);

sy_status sy_open_regular(const char *path, int *fd, struct stat *sb,
			  sy_error *err);

/* Read FD to its end into a new buffer (*BUF, owned by the caller) of the
 * *LEN bytes read and a NUL after them.  HINT is the size expected (what
 * fstat gave; 0 unknown): a file of that size is read into one buffer of
 * HINT + 1 bytes, nothing copied.  More than MAX bytes is refused.  0; or
 * -1 with errno (and *BUF NULL): EFBIG for more than MAX bytes, ENOMEM
 * (*LEN is then the size of the buffer that could not be had), or what
 * read set (*LEN is then how many bytes were read before).  The caller
 * words the message. */
int sy_read_fd(int fd, size_t hint, size_t max, char **buf, size_t *len);

/* All of the regular file PATH into a new NUL-terminated buffer (*BUF,
 * owned by the caller; *LEN bytes not counting the NUL).  More than MAX
 * bytes: SY_ERR_LIMIT "PATH: larger than N MiB".  When MISSING is not
 * NULL, a file that does not exist is SY_OK with *MISSING true and *BUF
 * NULL; else it is an error like any other. */
sy_status sy_read_regular(const char *path, size_t max, char **buf,
			  size_t *len, bool *missing, sy_error *err);

#endif
