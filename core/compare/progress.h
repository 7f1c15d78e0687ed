/* progress.h - how far the review of annotation files has come, and
 * finding the annotation files that a command line names.
 *
 * Counting: every section, every statistic and the document facts (one
 * item) count once, under their review status.  A file is done (gold data)
 * when nothing in it is pending.
 */
#ifndef SY_PROGRESS_H
#define SY_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "model/annot.h"
#include "base/error.h"

typedef struct sy_progress {
	size_t count[SY_STATUS_COUNT];   /* items by status, indexed by sy_review_status */
	size_t total;                    /* sum of count[] */
} sy_progress;

/* The counts of A (the document counted as one item). */
sy_progress sy_progress_of(const sy_annot *a);
/* SUM += P. */
void sy_progress_add(sy_progress *sum, const sy_progress *p);
/* Items not pending. */
size_t sy_progress_reviewed(const sy_progress *p);
/* Reviewed items in tenths of a percent, rounded down, so that 1000
 * (100.0%) means nothing is pending; 1000 also for an empty total. */
unsigned sy_progress_permille(const sy_progress *p);

/* ------------------------------------------------------------ files */

/* A growable list of paths; it owns the strings and the array.  A zeroed
 * struct is an empty list; free with sy_pathlist_free. */
typedef struct sy_pathlist {
	char **v;
	size_t n, cap;
} sy_pathlist;

void sy_pathlist_free(sy_pathlist *l);

/* Does the file at PATH look like an annotation file: one of its lines
 * (in the first 64 KiB) is "format: shenyue-annotations/1" at column 0,
 * the value plain or quoted.  Only a quick look: the reader has the last
 * word.  False when PATH cannot be read. */
bool sy_looks_like_annot(const char *path);

/* Called for a file passed over, with the reason ("not a shenyue
 * annotation file", "a review journal, not an annotation file"). */
typedef void (*sy_skip_fn)(void *ctx, const char *path, const char *why);

/* Add to LIST the annotation files ARG names: ARG itself when it is a
 * file, or every NAME.yaml in the folder ARG (not its subfolders; hidden
 * files left out), in name order, as "ARG/NAME.yaml".  *.journal and
 * *.lock files, and files that do not look like annotation files, are
 * passed to SKIP (may be NULL) and left out; in a folder, names not ending
 * in .yaml are left out silently.  Fails (SY_ERR_IO, naming ARG) when ARG
 * cannot be read; SY_ERR_NOMEM. */
sy_status sy_annot_files_add(sy_pathlist *list, const char *arg,
			     sy_skip_fn skip, void *ctx, sy_error *err);

#endif
