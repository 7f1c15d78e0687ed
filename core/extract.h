/* extract.h - the extractor: from a decoded report to an sy_annot with
 * document facts, the section tree and the statistics, all pending, ids in
 * start order.  Rules follow ../shared/guidelines.md.
 */
#ifndef SY_EXTRACT_H
#define SY_EXTRACT_H

#include "annot.h"
#include "error.h"
#include "source.h"

/* Extract from SRC into A (which must be empty: sy_annot_init).  Fills
 * source info (path as SRC->path), document, sections, statistics.
 * On failure (only OOM) A is freed and ERR says why. */
sy_status sy_extract(const sy_source *src, sy_annot *a, sy_error *err);

/* Extract from UTF-8 text in memory (tests; no BOM handling).  NAME goes
 * into source.path. */
sy_status sy_extract_text(const char *name, const char *utf8, size_t len,
			  sy_annot *a, sy_error *err);

#endif
