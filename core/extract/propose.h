/* propose.h - what the extractor would make of a span a reviewer marks:
 * the prefilled fields of an added statistic or section (the review's
 * "add", session/review.h), from the same parsers extraction uses
 * (stats.h, numeral.h, headings.h).  Knows the text and the model, never
 * the review session.
 *
 * Ownership: the item filled is the caller's (model/item.h clears it);
 * nothing here keeps a pointer to its arguments.
 */
#ifndef SY_PROPOSE_H
#define SY_PROPOSE_H

#include <stddef.h>

#include "model/annot.h"
#include "text/source.h"

/* The UTF-8 text of code points [START, END) of SRC (START <= END <=
 * SRC's length): new string (caller frees), NULL on OOM. */
char *sy_span_text(const sy_source *src, size_t start, size_t end);

/* The statistic for [START, END) of SRC into *S (zeroed by the caller;
 * no id): status added, its text and span, the section of A holding it,
 * and value, unit, approx, value_max (and subject, when the statistics
 * parser finds exactly this span) from the statistics in its line, else
 * value and unit from a numeral at its start.  0, or -1 on OOM (S then
 * holds what was filled; the caller clears it). */
int sy_propose_stat(const sy_source *src, const sy_annot *a, size_t start,
		    size_t end, sy_stat *s);
/* The section for [START, END) of SRC into *S (zeroed by the caller; no
 * id): status added; level, marker and title from the heading parser
 * (the level as the extractor would place it after A's sections before
 * START), else the level of the section before it, no marker, and the
 * text as title.  0, or -1 on OOM (the caller clears S). */
int sy_propose_section(const sy_source *src, const sy_annot *a, size_t start,
		       size_t end, sy_section *s);

#endif
