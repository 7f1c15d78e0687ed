/* textpane.h - the text view's own state: the text cursor and the
 * scroll over the report's text (a textmap) laid out as screen rows
 * (layout.h), the selection (visual mode) and the search.  No curses.
 */
#ifndef SY_TEXTPANE_H
#define SY_TEXTPANE_H

#include <stdbool.h>
#include <stddef.h>

#include "layout.h"
#include "text/textmap.h"

typedef struct sy_textpane {
	const sy_textmap *map;   /* the open report's text (the app's) */
	unsigned gen;        /* changes with each report opened */
	size_t tcur;         /* text cursor, a code point offset */
	size_t top_line, top_row;   /* first shown: source line, row in it */
	int width;           /* width the text was last laid out for */
	int height;          /* the pane's rows, its title included */
	sy_rows wrap;        /* the rows of one line, cached */
	size_t wrap_line;
	int wrap_width;
	unsigned wrap_gen;
	int cursor_y, cursor_x;       /* the text cursor on the screen, or -1 */
	int focus_y0, focus_y1;       /* the screen rows the pane last drew
				       * the current item's span (the selection
				       * while selecting) on; -1: not shown */
	bool selecting;      /* visual mode */
	size_t anchor;       /* the other end of the selection */
	char search[256];
	size_t match_start, match_end;
	bool match;
} sy_textpane;

/* The rows of LINE at the current width; one line cached (a 1 MB line is
 * wrapped once, not once per row drawn).  Never empty. */
const sy_rows *sy_tp_rows_of(sy_textpane *tp, size_t line);
/* The row of LINE that holds CP. */
size_t sy_tp_row_in_line(sy_textpane *tp, size_t line, size_t cp);
/* Step the position (LINE, ROW) by DELTA rows; false at either end. */
bool sy_tp_step(sy_textpane *tp, size_t *line, size_t *row, long delta);
/* The rows of text the pane shows (its height less the title, >= 1). */
int sy_tp_body(const sy_textpane *tp);
/* Keep the row of CP in view (scrolling the text), with context. */
void sy_tp_follow(sy_textpane *tp, size_t cp);
/* The selection [*A, *B) (visual mode), from the anchor to the cursor. */
void sy_tp_selection(const sy_textpane *tp, size_t *a, size_t *b);
/* The pane over MAP (the app's, kept), nothing drawn yet. */
void sy_tp_init(sy_textpane *tp, const sy_textmap *map);
/* The pane takes H rows (its title included) of W columns. */
void sy_tp_place(sy_textpane *tp, int h, int w);
/* The cursor to CP, kept in view. */
void sy_tp_goto(sy_textpane *tp, size_t cp);
/* Visual mode: select from CP (the cursor goes there); or end it. */
void sy_tp_select_from(sy_textpane *tp, size_t cp);
void sy_tp_unselect(sy_textpane *tp);
/* The last search's match: [S, E), or none (FOUND false). */
void sy_tp_set_match(sy_textpane *tp, bool found, size_t s, size_t e);
/* A report was opened: the cursor at its start, nothing selected. */
void sy_tp_reset(sy_textpane *tp);
void sy_tp_free(sy_textpane *tp);

#endif
