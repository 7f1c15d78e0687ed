/* position.h - where the reviewer left a batch: the report and the item,
 * kept between sessions so that reopening a folder resumes there.
 *
 * One small file per batch in $XDG_STATE_HOME/shenyue/ (default
 * ~/.local/state/shenyue/), named after the SHA-256 of the batch's key
 * (the real paths of the folders or reports given, one per line), and
 * written with the atomic writer.  Its lines are "batch: KEY",
 * "report: REAL PATH" and "item: ID".
 */
#ifndef SY_POSITION_H
#define SY_POSITION_H

#include <stddef.h>

#include "base/error.h"

/* The key of a batch given as ARGS (folders or reports): their real paths,
 * one per line.  New string (caller frees), NULL when one of them cannot
 * be resolved or on OOM. */
char *sy_position_key(char *const *args, size_t nargs);

/* The position stored for KEY: *REPORT (a real path) and *ITEM (an id),
 * new strings the caller frees, or NULL (both NULL, SY_OK, when nothing
 * is stored).  A file that cannot be read fails, naming it. */
sy_status sy_position_load(const char *key, char **report, char **item,
			   sy_error *err);

/* Store REPORT (any path to it; its real path is kept) and ITEM (may be
 * NULL) for KEY, creating the folder.  On failure ERR names the file and
 * the stored position is the one before. */
sy_status sy_position_save(const char *key, const char *report, const char *item,
			   sy_error *err);

#endif
