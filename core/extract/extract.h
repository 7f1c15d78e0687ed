/* extract.h - the extractor: from a decoded report to its document facts,
 * section tree and statistics, all pending, ids in start order.  Rules
 * follow ../shared/guidelines.md.
 *
 * Two ways to take the result: sy_extract builds a whole sy_annot (the
 * review screen, tests); sy_extract_scan hands items one at a time to a
 * sink, so that `shenyue extract` can stream a report of any size into
 * its file without holding every item (two passes: sections, then
 * statistics, as the file lists them).
 */
#ifndef SY_EXTRACT_H
#define SY_EXTRACT_H

#include "model/annot.h"
#include "base/error.h"
#include "text/source.h"

/* Where sy_extract_scan sends items.  Each item, and every string in it,
 * lives only during the call: copy what you keep.  A callback returns
 * SY_OK to go on, or a failure (with ERR filled) that stops the scan.  A
 * NULL callback skips that kind of item. */
typedef struct sy_extract_sink {
	sy_status (*section)(void *ctx, const sy_section *s, sy_error *err);
	sy_status (*stat)(void *ctx, const sy_stat *s, sy_error *err);
	void *ctx;
} sy_extract_sink;

/* One pass over SRC.  Ids are s1, s2, … and n1, n2, … in start order,
 * the same on every pass.  Returns SY_OK, SY_ERR_NOMEM, or what a
 * callback returned. */
sy_status sy_extract_scan(const sy_source *src, const sy_extract_sink *sink,
			  sy_error *err);

/* Fill A's source block (path = SRC->path) and document facts.  A must be
 * empty (sy_annot_init).  On failure (OOM) A is freed. */
sy_status sy_extract_head(const sy_source *src, sy_annot *a, sy_error *err);

/* The whole extraction into A (which must be empty).  On failure (only
 * OOM) A is freed and ERR says why. */
sy_status sy_extract(const sy_source *src, sy_annot *a, sy_error *err);

/* Stream the whole extraction of SRC through the writer W (opened, with
 * nothing written yet): head, the sections in one pass, the statistics in
 * a second, then finish.  SOURCE_PATH, when not NULL, replaces SRC->path
 * as source.path.  Memory stays at a line's worth whatever the size of
 * the report. */
struct sy_writer;
sy_status sy_extract_write(const sy_source *src, const char *source_path,
			   struct sy_writer *w, sy_error *err);

/* Extract from UTF-8 text in memory (tests).  NAME goes into
 * source.path.  Text the loader would refuse (empty, NUL bytes) is
 * refused the same way. */
sy_status sy_extract_text(const char *name, const char *utf8, size_t len,
			  sy_annot *a, sy_error *err);

#endif
