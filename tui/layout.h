/* layout.h - the report text as screen rows, without curses: lines wrapped
 * by display width (CJK characters are two columns; utf8proc), never
 * splitting a character, and control characters (ESC, C1, bidi overrides,
 * NUL, ...) shown as visible escapes so that a report can never write
 * raw control sequences to the terminal.
 */
#ifndef SY_LAYOUT_H
#define SY_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "text/textmap.h"

/* How code point C is drawn: writes the UTF-8 to put on the screen into
 * OUT (room for 16 bytes, NUL-terminated) and returns its width in
 * columns.  Printable characters stand for themselves (width 1 or 2;
 * combining marks 0); a tab is drawn as one space; controls, format
 * characters (bidi overrides and isolates, zero-width joiners, BOM),
 * unassigned and private-use code points become an escape such as
 * "^[" (C0), "<80>" (C1) or "<U+202E>", in plain ASCII. */
int sy_cell(uint32_t c, char out[16]);

/* Display width of C as sy_cell draws it. */
int sy_cell_width(uint32_t c);

/* Display width of the UTF-8 string S as sy_cell draws it. */
int sy_text_width(const char *s);

/* One screen row: code points [start, end) of the text. */
typedef struct sy_row {
	size_t start, end;
} sy_row;

typedef struct sy_rows {
	sy_row *v;           /* owned */
	size_t n, cap;
} sy_rows;

/* Wrap line LINE of M at WIDTH columns (>= 2) into *OUT (cleared first):
 * a row never exceeds WIDTH and never splits a character; an empty line
 * is one empty row; the '\n' (and a final '\r') is not part of any row.
 * Returns 0, or -1 on OOM. */
int sy_wrap_line(const sy_textmap *m, size_t line, int width, sy_rows *out);
void sy_rows_free(sy_rows *r);

/* Cut the UTF-8 string S to at most WIDTH columns (drawn as sy_cell
 * draws), appending "…" when cut: writes into OUT (room for CAP bytes).
 * Returns the width written. */
int sy_fit(const char *s, int width, char *out, size_t cap);

/* Scrolling a list like vim's 'scrolloff': the first row to show of N
 * rows in BODY rows, starting from TOP, so that row SEL is in view with
 * MARGIN rows of context before and after it wherever the list allows
 * (MARGIN is taken as at most (BODY - 1) / 2; near either end of the list
 * the context is what there is).  TOP moves as little as it can, and the
 * list is never scrolled past its end.  0 when N or BODY is 0. */
size_t sy_scroll_top(size_t top, size_t sel, size_t n, size_t body,
		     size_t margin);

/* The context kept around the current item in both panes. */
#define SY_SCROLL_MARGIN 2

#endif
