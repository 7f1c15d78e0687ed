/* apply.h - predictions (predict.h) turned into proposals in the
 * annotation files of their reports (`shenyue import`, issue 13).
 *
 * The caller names the reports first (sy_import_add_report: each is read
 * and hashed once, and indexed by the sha256 of its bytes and of its
 * text, and by its stem), then hands sy_import_doc to a reader as its
 * callback.  For each document:
 *   - its report: the one whose text has the sha256 of the text the
 *     document carries (or whose bytes have the sha256 it states), else
 *     the one whose stem is the document's id or its path's stem;
 *   - its annotation file (NAME.yaml beside the report) is read, or made
 *     by the extractor when there is none; a file a review session holds
 *     (its lock), or one with a journal of decisions not yet saved, or
 *     one made for another version of the report, is left alone;
 *   - every span is checked first: inside the report and holding the text
 *     the input states (or that its own text holds there); one that does
 *     not refuses the document, with the input's line, nothing written;
 *   - a span equal to an item's (same kind, start and end) adds the
 *     source to that item's `by` with its score when the item is pending;
 *     fields that differ from the item's (value, unit, approx, value_max,
 *     subject; level, marker, title) are kept under disagreement.SOURCE,
 *     the only change a reviewed item ever gets; a new span becomes a
 *     pending item proposed by the source alone;
 *   - proposers.SOURCE gets format and model_version (no time: importing
 *     the same predictions again gives the same bytes, and a file whose
 *     bytes would not change is not written).
 * A refused document is told through OPTS->warn and counted; the import
 * goes on with the next one.  Only OOM (or a write that failed) stops it.
 */
#ifndef SY_IMPORT_APPLY_H
#define SY_IMPORT_APPLY_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "import/predict.h"

typedef struct sy_import_opts {
	const char *source;      /* the source's name in `by` (borrowed) */
	bool dry_run;            /* check and count, write nothing */
	bool break_lock;         /* take a lock of a session gone elsewhere */
	/* told about each refused document (MSG valid during the call) */
	void (*warn)(void *ctx, const char *msg);
	void *warn_ctx;
} sy_import_opts;

typedef struct sy_import_counts {
	size_t docs;             /* documents read */
	size_t refused;          /* documents refused (told through warn) */
	size_t written;          /* annotation files written (or, dry: that
				    would be) */
	size_t unchanged;        /* files whose bytes stayed the same */
	size_t extracted;        /* of the written, made by the extractor */
	size_t added;            /* new pending items */
	size_t joined;           /* items the source was added to */
	size_t disagreed;        /* items where the source differs */
} sy_import_counts;

typedef struct sy_importer sy_importer;

/* A new importer with OPTS (copied; its strings borrowed). NULL on OOM. */
sy_importer *sy_import_new(const sy_import_opts *opts);
/* Index the report PATH (a text file or a document).  SY_ERR_* with ERR
 * naming PATH when it cannot be read. */
sy_status sy_import_add_report(sy_importer *imp, const char *path,
			       sy_error *err);
/* The callback of a reader (predict.h), CTX the importer. */
sy_status sy_import_doc(void *ctx, const sy_pred_doc *doc, sy_error *err);
/* PATH's last component without its extension (the stem a prediction's
 * id or path is matched by); a new string, NULL on OOM. */
char *sy_import_stem(const char *path);
/* What was done so far. */
const sy_import_counts *sy_import_counts_of(const sy_importer *imp);
void sy_import_free(sy_importer *imp);

#endif
