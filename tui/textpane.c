/* textpane.c - see textpane.h */
#include "textpane.h"

#include <string.h>

const sy_rows *sy_tp_rows_of(sy_textpane *tp, size_t line)
{
	static const sy_row empty = { 0, 0 };
	static const sy_rows none = { (sy_row *)&empty, 1, 1 };

	if (tp->wrap_gen != tp->gen || tp->wrap_line != line ||
	    tp->wrap_width != tp->width || tp->wrap.n == 0) {
		if (sy_wrap_line(tp->map, line, tp->width, &tp->wrap) ||
		    tp->wrap.n == 0) {
			tp->wrap.n = 0;
			return &none;
		}
		tp->wrap_gen = tp->gen;
		tp->wrap_line = line;
		tp->wrap_width = tp->width;
	}
	return &tp->wrap;
}

size_t sy_tp_row_in_line(sy_textpane *tp, size_t line, size_t cp)
{
	const sy_rows *r = sy_tp_rows_of(tp, line);
	for (size_t i = 0; i < r->n; i++)
		if (cp < r->v[i].end || i + 1 == r->n)
			return i;
	return 0;
}

bool sy_tp_step(sy_textpane *tp, size_t *line, size_t *row, long delta)
{
	while (delta > 0) {
		const sy_rows *r = sy_tp_rows_of(tp, *line);
		if (*row + 1 < r->n) {
			(*row)++;
		} else if (*line + 1 < tp->map->nlines) {
			(*line)++;
			*row = 0;
		} else {
			return false;
		}
		delta--;
	}
	while (delta < 0) {
		if (*row > 0) {
			(*row)--;
		} else if (*line > 0) {
			(*line)--;
			*row = sy_tp_rows_of(tp, *line)->n - 1;
		} else {
			return false;
		}
		delta++;
	}
	return true;
}

int sy_tp_body(const sy_textpane *tp)
{
	return tp->height - 1 > 1 ? tp->height - 1 : 1;
}

void sy_tp_follow(sy_textpane *tp, size_t cp)
{
	size_t line, row, l, r;
	int body = sy_tp_body(tp);
	long k;

	if (!tp->map || !tp->map->line_cp || tp->width < 2)
		return;
	line = sy_textmap_line_of(tp->map, cp);
	row = sy_tp_row_in_line(tp, line, cp);
	/* already in view?  Then keep SY_SCROLL_MARGIN rows of context
	 * before and after it, as far as the text goes */
	l = tp->top_line;
	r = tp->top_row;
	for (k = 0; k < body; k++) {
		if (l == line && r == row) {
			long m = SY_SCROLL_MARGIN, after = 0;
			size_t al = line, ar = row;
			if (m > (body - 1) / 2)
				m = (body - 1) / 2;
			while (after < m && sy_tp_step(tp, &al, &ar, 1))
				after++;
			if (k < m)
				sy_tp_step(tp, &tp->top_line, &tp->top_row, -(m - k));
			else if (k + after > body - 1)
				sy_tp_step(tp, &tp->top_line, &tp->top_row,
					   k + after - (body - 1));
			return;
		}
		if (l > line)
			break;
		if (!sy_tp_step(tp, &l, &r, 1))
			break;
	}
	/* put it a third of the way down */
	tp->top_line = line;
	tp->top_row = row;
	sy_tp_step(tp, &tp->top_line, &tp->top_row, -(long)(body / 3));
}

void sy_tp_selection(const sy_textpane *tp, size_t *a, size_t *b)
{
	*a = tp->anchor < tp->tcur ? tp->anchor : tp->tcur;
	*b = (tp->anchor < tp->tcur ? tp->tcur : tp->anchor) + 1;
}

void sy_tp_init(sy_textpane *tp, const sy_textmap *map)
{
	memset(tp, 0, sizeof *tp);
	tp->map = map;
	tp->cursor_y = -1;
}

void sy_tp_place(sy_textpane *tp, int h, int w)
{
	tp->height = h;
	if (w >= 0)
		tp->width = w > 2 ? w : 2;
}

void sy_tp_goto(sy_textpane *tp, size_t cp)
{
	tp->tcur = cp;
	sy_tp_follow(tp, cp);
}

void sy_tp_select_from(sy_textpane *tp, size_t cp)
{
	tp->tcur = cp;
	tp->selecting = true;
	tp->anchor = cp;
}

void sy_tp_unselect(sy_textpane *tp)
{
	tp->selecting = false;
}

void sy_tp_set_match(sy_textpane *tp, bool found, size_t s, size_t e)
{
	tp->match = found;
	if (found) {
		tp->match_start = s;
		tp->match_end = e;
	}
}

void sy_tp_reset(sy_textpane *tp)
{
	tp->gen++;
	tp->tcur = 0;
	tp->top_line = tp->top_row = 0;
	tp->selecting = false;
	tp->match = false;
}

void sy_tp_free(sy_textpane *tp)
{
	sy_rows_free(&tp->wrap);
	memset(tp, 0, sizeof *tp);
}
