/* journal.h - NAME.yaml.journal: the decisions made since the annotation
 * file was last written in full.
 *
 * Rewriting a large annotation file for every decision is too slow for a
 * keystroke, so the review keeps the decisions durable by appending each
 * one to this file (fdatasync before the screen shows it) and rewrites the
 * annotation file later (when idle, on leaving the report, on quitting).
 * Opening the report replays a journal left behind (a crash, a dropped
 * SSH connection) and then rewrites the file and removes the journal.
 *
 * A record is a header line "#shenyue-journal LEN\n" followed by LEN bytes
 * of format-1 YAML (written and read with the usual writer and reader), so
 * the journal holds nothing the annotation file cannot say.  A last record
 * cut short by a crash was never shown as saved, and is ignored.
 */
#ifndef SY_JOURNAL_H
#define SY_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

/* ANNOT_PATH + ".journal" (beside the target when ANNOT_PATH is a
 * symlink, linkpath.h); new string (caller frees), NULL on OOM. */
char *sy_journal_path(const char *annot_path);

/* Append one record (DATA, LEN bytes) to the journal at PATH, creating
 * it, and make it durable (fdatasync; the folder synced when the file is
 * new).  On failure the journal may hold a partial record, which a reader
 * ignores only when it is the last one: the caller must not append again
 * after a failure before the journal is removed. */
sy_status sy_journal_append(const char *path, const char *data, size_t len,
			    sy_error *err);

/* Call FN(CTX, record, length, index) for every complete record of the
 * journal at PATH, in order; stop at the first FN failure (its status is
 * returned, ERR filled by FN).  *N gets the number of records read.  A
 * missing journal: SY_OK with *N = 0 and *EXISTS false.  A damaged record
 * before the last one: SY_ERR_FORMAT "PATH: record K: ...".  A journal
 * that is not a regular file (a FIFO, a link to a device) is refused
 * without blocking (SY_ERR_IO), one over SY_MAX_FILE_BYTES (fileopen.h)
 * too (SY_ERR_LIMIT); *EXISTS is then true. */
typedef sy_status (*sy_journal_fn)(void *ctx, const char *rec, size_t len,
				   size_t index, sy_error *err);
sy_status sy_journal_read(const char *path, sy_journal_fn fn, void *ctx,
			  size_t *n, bool *exists, sy_error *err);

/* Remove the journal (missing is fine) and sync the folder. */
sy_status sy_journal_remove(const char *path, sy_error *err);

#endif
