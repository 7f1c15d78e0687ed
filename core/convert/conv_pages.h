/* conv_pages.h - the text of laid-out pages (PDF, OFD) as the lines of a
 * report (conv_pages.c).
 *
 * A converter hands over each page as its lines in reading order, with
 * where each line stands; sy_pages_emit then:
 *   - drops running headers and footers: a line among the first or last
 *     two of a page that comes back at the same place on other pages
 *     (digits aside), and page numbers ("- 3 -", "3", "第3页 共12页",
 *     "3/12") at the top or bottom of a page;
 *   - joins the lines a paragraph was broken into by the layout: a line
 *     that reaches the right edge of the text and does not end a
 *     sentence goes on in the next line (also across a page break), with
 *     no space between CJK characters and one between words.
 * The result depends on the positions given, so the same document always
 * gives the same text.
 */
#ifndef SY_CONV_PAGES_H
#define SY_CONV_PAGES_H

#include <stdbool.h>
#include <stddef.h>

#include "convert/convert.h"

/* One line of a page: its UTF-8 text (owned by the sy_pages) and its box,
 * in the page's units, y growing downwards. */
typedef struct sy_pline {
	char *text;
	double x0, x1, y0, y1;
} sy_pline;

typedef struct sy_page {
	sy_pline *lines;
	size_t n, cap;
} sy_page;

typedef struct sy_pages {
	sy_page *pages;
	size_t n, cap;
	bool oom;            /* a growth failed: emit fails */
} sy_pages;

/* Start a new page (the one that lines are added to). */
void sy_pages_page(sy_pages *p);

/* Add a line of TEXT[0..N) with its box to the last page (a first page
 * is started when there is none); leading and trailing blanks are
 * trimmed and an empty line is not added. */
void sy_pages_line(sy_pages *p, const char *text, size_t n, double x0,
		   double x1, double y0, double y1);

/* Append the report's lines to OUT as said above.  False when memory ran
 * out.  The pages stay as they are (free them with sy_pages_free). */
bool sy_pages_emit(const sy_pages *p, sy_outbuf *out);

/* Does any page hold a line? */
bool sy_pages_has_text(const sy_pages *p);

void sy_pages_free(sy_pages *p);

#endif
