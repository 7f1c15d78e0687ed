/* view_text.c - the report text pane: lines wrapped by display width
 * (layout.h), every item's span in its status colour, the current item,
 * search matches and the selection; a cursor moved by row and character;
 * moving it asks (SY_RES_SYNC) for the item under it in the items pane.
 * Its state is the text pane's (textpane.h). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "display.h"
#include "state.h"
#include "base/i18n.h"
#include "base/utf8.h"

/* ------------------------------------------------------------ roles */

typedef struct span {
	size_t start, end;
	sy_role role;
} span;

typedef struct spans {
	span v[512];
	size_t n;
} spans;

static void add_span(spans *s, size_t a, size_t b, sy_role role)
{
	if (s->n < sizeof s->v / sizeof *s->v)
		s->v[s->n++] = (span){ a, b, role };
}

static void item_spans(sy_app *app, size_t a, size_t b, spans *out)
{
	static const sy_item_kind kinds[] = { SY_ITEM_SECTION, SY_ITEM_STAT };
	const sy_textpane *tp = &app->text;
	sy_item_ref cur;
	size_t cs = 0, ce = 0;

	/* sections, then statistics (drawn over them) */
	for (size_t k = 0; k < 2; k++) {
		size_t n = kinds[k] == SY_ITEM_SECTION ? app->file.annot.nsections
						       : app->file.annot.nstats;
		for (size_t i = sy_list_first_from(&app->file, kinds[k],
						   a > 256 ? a - 256 : 0); i < n; i++) {
			sy_item_ref it = { kinds[k], i };
			size_t s, e;
			sy_item_span(&app->file, it, &s, &e);
			if (s >= b)
				break;
			if (e > a)
				add_span(out, s, e,
					 sy_status_role(sy_item_status(&app->file, it)));
		}
	}
	if (sy_list_current(&app->list, &cur) && sy_item_span(&app->file, cur, &cs, &ce))
		add_span(out, cs, ce, SY_ROLE_CURRENT);
	/* the match shows inside the current item that holds it */
	if (tp->match)
		add_span(out, tp->match_start, tp->match_end, SY_ROLE_SEARCH_MATCH);
	if (tp->selecting) {
		size_t s0, s1;
		sy_tp_selection(tp, &s0, &s1);
		add_span(out, s0, s1, SY_ROLE_SELECTION);
	}
}

/* The role of code point CP: the last span holding it wins. */
static sy_role role_at(const spans *s, size_t cp)
{
	for (size_t i = s->n; i > 0; i--)
		if (cp >= s->v[i - 1].start && cp < s->v[i - 1].end)
			return s->v[i - 1].role;
	return SY_ROLE_TEXT;
}

/* ------------------------------------------------------------ drawing */

static void text_draw(sy_app *app, sy_rect r, bool focused)
{
	sy_textpane *tp = &app->text;
	const sy_textmap *map = &app->map;
	char title[128];
	int body = r.h - 1, cy = -1, cx = 0;
	size_t line = tp->top_line, row = tp->top_row, vis_a, vis_b, fs, fe;
	sy_item_ref fcur;
	spans sp;

	tp->focus_y0 = tp->focus_y1 = -1;

	snprintf(title, sizeof title, _("%s Text%s"), focused ? ">" : " ",
		 tp->selecting ? _("  -- SELECT (v/Enter add, Esc cancel) --") : "");
	dpy_fill(r.y, r.x, r.w, SY_ROLE_PANE_TITLE);
	dpy_text(r.y, r.x, r.w, title, SY_ROLE_PANE_TITLE);
	tp->width = r.w > 2 ? r.w : 2;
	if (body <= 0 || !map->line_cp)
		return;
	if (line >= map->nlines) {
		line = map->nlines ? map->nlines - 1 : 0;
		row = 0;
	}
	if (row >= sy_tp_rows_of(tp, line)->n)
		row = 0;
	tp->top_line = line;
	tp->top_row = row;
	vis_a = sy_tp_rows_of(tp, line)->v[row].start;
	vis_b = vis_a;
	{   /* the end of what is visible, for the spans */
		size_t l = line, rr = row;
		for (int k = 0; k < body; k++) {
			vis_b = sy_tp_rows_of(tp, l)->v[rr].end;
			if (!sy_tp_step(tp, &l, &rr, 1))
				break;
		}
	}
	sp.n = 0;
	item_spans(app, vis_a, vis_b + 1, &sp);
	if (tp->selecting) {      /* the rows a form must leave uncovered */
		sy_tp_selection(tp, &fs, &fe);
	} else if (!sy_list_current(&app->list, &fcur) ||
		   !sy_item_span(&app->file, fcur, &fs, &fe)) {
		fs = fe = 0;
	}
	for (int y = 0; y < body; y++) {
		const sy_rows *rows = sy_tp_rows_of(tp, line);
		sy_row rw = rows->v[row];
		size_t b = sy_textmap_byte_of(map, rw.start);
		const unsigned char *t = (const unsigned char *)map->text;
		int x = 0;

		if (rw.start < fe && rw.end > fs) {
			if (tp->focus_y0 < 0)
				tp->focus_y0 = r.y + 1 + y;
			tp->focus_y1 = r.y + 1 + y;
		}

		for (size_t cp = rw.start; cp < rw.end; cp++) {
			uint32_t c;
			size_t k = sy_utf8_decode(t + b, map->len - b, &c);
			if (!k)
				break;
			b += k;
			if (cp == tp->tcur && focused) {
				cy = r.y + 1 + y;
				cx = r.x + x;
			}
			x += dpy_cell(r.y + 1 + y, r.x + x, c, role_at(&sp, cp));
		}
		if (rw.end == tp->tcur && focused && cy < 0) {
			cy = r.y + 1 + y;
			cx = r.x + x;
		}
		if (!sy_tp_step(tp, &line, &row, 1))
			break;
	}
	tp->cursor_y = focused ? cy : -1;
	tp->cursor_x = cx;
}

/* ------------------------------------------------------------ keys */

/* Columns from the start of ROW to code point CP (TO_COL < 0), or the
 * code point of ROW at column TO_COL (or the row's last) in *CP. */
static int walk_row(const sy_textmap *map, sy_row row, size_t *cp, int to_col)
{
	size_t b = sy_textmap_byte_of(map, row.start);
	const unsigned char *t = (const unsigned char *)map->text;
	int x = 0;

	for (size_t i = row.start; i < row.end; i++) {
		uint32_t c;
		size_t k = sy_utf8_decode(t + b, map->len - b, &c);
		int w;
		if (!k || (to_col < 0 && i >= *cp))
			break;
		w = sy_cell_width(c);
		if (to_col >= 0 && x + w > to_col) {
			*cp = i;
			return x;
		}
		x += w;
		b += k;
	}
	if (to_col >= 0)
		*cp = row.end > row.start ? row.end - 1 : row.start;
	return x;
}

static size_t cp_at_column(const sy_textmap *map, sy_row row, int col)
{
	size_t cp = 0;
	walk_row(map, row, &cp, col);
	return cp;
}

static void move_rows(sy_textpane *tp, long delta)
{
	size_t line = sy_textmap_line_of(tp->map, tp->tcur);
	size_t row = sy_tp_row_in_line(tp, line, tp->tcur);
	size_t cp = tp->tcur;
	int col = walk_row(tp->map, sy_tp_rows_of(tp, line)->v[row], &cp, -1);

	sy_tp_step(tp, &line, &row, delta);
	tp->tcur = cp_at_column(tp->map, sy_tp_rows_of(tp, line)->v[row], col);
}

static sy_result text_key(sy_app *app, sy_action a)
{
	sy_textpane *tp = &app->text;
	long page = sy_tp_body(tp) - 1 > 1 ? sy_tp_body(tp) - 1 : 1;

	if (!app->map.line_cp)
		return SY_RES_IGNORED;
	switch (a) {
	case SY_ACT_DOWN: move_rows(tp, 1); break;
	case SY_ACT_UP: move_rows(tp, -1); break;
	case SY_ACT_PAGE_DOWN:
		move_rows(tp, page);
		sy_tp_step(tp, &tp->top_line, &tp->top_row, page);
		break;
	case SY_ACT_PAGE_UP:
		move_rows(tp, -page);
		sy_tp_step(tp, &tp->top_line, &tp->top_row, -page);
		break;
	case SY_ACT_LEFT:
		if (tp->tcur > 0)
			tp->tcur--;
		break;
	case SY_ACT_RIGHT:
		if (tp->tcur + 1 < app->file.src.chars)
			tp->tcur++;
		break;
	case SY_ACT_FIRST: tp->tcur = 0; break;
	case SY_ACT_LAST:
		tp->tcur = app->file.src.chars ? app->file.src.chars - 1 : 0;
		break;
	case SY_ACT_JUMP:
		if (tp->selecting)           /* Enter confirms the selection */
			return SY_RES_HANDLED | SY_RES_ADD;
		return SY_RES_HANDLED | SY_RES_SYNC | SY_RES_FOCUS_ITEMS;
	default:
		return SY_RES_IGNORED;
	}
	sy_tp_follow(tp, tp->tcur);
	return SY_RES_HANDLED | (tp->selecting ? 0 : SY_RES_SYNC);
}

static sy_result text_click(sy_app *app, sy_rect r, int y, int x)
{
	sy_textpane *tp = &app->text;
	size_t line = tp->top_line, row = tp->top_row;

	if (y <= r.y)
		return SY_RES_HANDLED;
	if (!sy_tp_step(tp, &line, &row, y - r.y - 1))
		return SY_RES_HANDLED;
	tp->tcur = cp_at_column(tp->map, sy_tp_rows_of(tp, line)->v[row], x - r.x);
	return SY_RES_HANDLED | SY_RES_SYNC;
}

const sy_view sy_text_view = { "text", text_draw, text_key, text_click };
