/* reanchor.h - when a report has changed since its annotation file was
 * written (source.sha256 differs), find every item again in the new text
 * by its own text and its neighbourhood (format.md).
 */
#ifndef SY_REANCHOR_H
#define SY_REANCHOR_H

#include <stdbool.h>
#include <stddef.h>

#include "model/annot.h"
#include "base/error.h"
#include "text/source.h"

typedef struct sy_reanchor_report {
	size_t moved;        /* items found at a new offset */
	size_t same;         /* items found where they were */
	size_t lost;         /* items that could not be placed */
	char **lost_ids;     /* their ids, owned */
} sy_reanchor_report;

/* Re-place the items of A, whose spans index OLD_TEXT (the report as it
 * was; NULL when it is not available: then only the items' own texts and
 * the neighbourhood kept in A are used), in the new report NEW.  An
 * item is placed where its text occurs in the new text, choosing among
 * several occurrences by the best match of the surrounding characters
 * (before and after, e.g. 20 code points each side) and the closest
 * relative position; a statistic's span is its `text`; a section's span
 * is its marker + title as written in the old text.  Items that cannot be
 * placed keep their old span clamped to the new text, get the tag
 * "lost-anchor" and are listed in *R: never dropped.  Items are re-sorted;
 * source.sha256, source.chars and source.encoding are updated to NEW.
 * Returns SY_OK (lost items are not an error) or SY_ERR_NOMEM. */
sy_status sy_reanchor(sy_annot *a, const char *old_text, size_t old_len,
		      const sy_source *new_src, sy_reanchor_report *r,
		      sy_error *err);
void sy_reanchor_report_free(sy_reanchor_report *r);

#endif
