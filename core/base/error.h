/* error.h - the one error convention of shenyue.
 *
 * Every fallible function returns an sy_status and, on failure, fills the
 * caller's sy_error with a message that names the file and, where there is
 * one, the position ("report.txt: byte 1234: invalid UTF-8").  The caller
 * owns the sy_error (usually on its stack); it holds no heap memory, so
 * there is nothing to free.  On success the sy_error is left untouched.
 */
#ifndef SY_ERROR_H
#define SY_ERROR_H

#include <stdarg.h>

typedef enum sy_status {
	SY_OK = 0,
	SY_ERR_IO,        /* open/read/write/rename failed (errno text in msg) */
	SY_ERR_ENCODING,  /* not UTF-8, not GB18030, binary, empty */
	SY_ERR_FORMAT,    /* an annotation file that is not format 1 */
	SY_ERR_NOMEM,     /* allocation failed */
	SY_ERR_EXISTS,    /* would overwrite reviewed work */
	SY_ERR_USAGE,     /* bad command line */
	SY_ERR_LIMIT,     /* input beyond a resource bound */
	SY_ERR_UNSAVED    /* a review command's change was applied to the
			     model, but saving it failed (msg says why): kept
			     in memory, the next save retries; not SY_ERR_IO,
			     which says nothing was done */
} sy_status;

typedef struct sy_error {
	sy_status code;
	char msg[1024];
} sy_error;

/* Fill ERR (may be NULL) with CODE and a printf-style message; returns CODE
 * so that callers can write `return sy_fail(err, SY_ERR_IO, ...)`.
 * FMT is a message for people: it is looked up in the catalogue
 * (base/i18n.h; xgettext takes sy_fail's and sy_prefix's formats as
 * keywords, po/Makevars), so write it literally, never wrapped in _(). */
sy_status sy_fail(sy_error *err, sy_status code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Prefix the message already in ERR with a printf-style context
 * ("file.yaml: " + old message; FMT translated as sy_fail's).  Returns
 * err->code. */
sy_status sy_prefix(sy_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Process exit status for an error code (usage 2, everything else 1). */
int sy_exit_code(sy_status code);

#endif
