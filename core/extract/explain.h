/* explain.h - why the extractor tagged an item: the anomaly tags
 * (inconsistent, numbering-skip, numbering-repeat, marker-style,
 * lost-anchor) said in words for the review screen's detail line.
 *
 * The reasons are found again by the extractor's own rules (stats.c's
 * cross-checks, headings.c's outline) run over the report text, so they
 * cannot drift from what tagged the item; nothing is stored in the
 * annotation file.  The work is one line of text for a statistic; for a
 * section with a numbering tag, the heading lines before it, found
 * through A's sections (sorted by start, as files are), not by reading
 * the whole text up to it.
 */
#ifndef SY_EXPLAIN_H
#define SY_EXPLAIN_H

#include <stddef.h>

#include "model/annot.h"
#include "text/textmap.h"

/* One line per anomaly tag the item (section INDEX of A) carries ("inconsistent: 37 / 40 =
 * 92.5%, but the rate says 95% (2.5 points off)"), separated by '\n',
 * into OUT (room for CAP > 0; always NUL-terminated, cut when it does not
 * fit).  M maps the report's text.  Returns the number of lines; 0 when
 * no tag needs explaining.  Allocates only for the duration of the call;
 * on OOM a line says "(out of memory)". */
size_t sy_explain_section(const sy_textmap *m, const sy_annot *a, size_t index,
			  char *out, size_t cap);
size_t sy_explain_stat(const sy_textmap *m, const sy_stat *s, char *out,
		       size_t cap);

#endif
