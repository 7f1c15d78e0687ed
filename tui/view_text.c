/* view_text.c - the report text pane: lines wrapped by display width
 * (layout.h), every item's span in its status colour, the current item,
 * search matches and the selection; a cursor moved by row and character;
 * moving it selects the item under it in the items pane. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "decide.h"
#include "display.h"
#include "base/utf8.h"

/* ------------------------------------------------------------ wrapping */

/* The rows of LINE at the current width; one line cached (a 1 MB line is
 * wrapped once, not once per row drawn). */
static const sy_rows *rows_of(sy_app *app, size_t line)
{
	static const sy_row empty = { 0, 0 };
	static const sy_rows none = { (sy_row *)&empty, 1, 1 };

	if (app->wrap_gen != app->map_gen || app->wrap_line != line ||
	    app->wrap_width != app->text_width || app->wrap.n == 0) {
		if (sy_wrap_line(&app->map, line, app->text_width, &app->wrap) ||
		    app->wrap.n == 0) {
			app->wrap.n = 0;
			return &none;
		}
		app->wrap_gen = app->map_gen;
		app->wrap_line = line;
		app->wrap_width = app->text_width;
	}
	return &app->wrap;
}

/* The row of LINE that holds CP. */
static size_t row_in_line(sy_app *app, size_t line, size_t cp)
{
	const sy_rows *r = rows_of(app, line);
	for (size_t i = 0; i < r->n; i++)
		if (cp < r->v[i].end || i + 1 == r->n)
			return i;
	return 0;
}

/* Step the position (LINE, ROW) by DELTA rows; false at either end. */
static bool step_rows(sy_app *app, size_t *line, size_t *row, long delta)
{
	while (delta > 0) {
		const sy_rows *r = rows_of(app, *line);
		if (*row + 1 < r->n) {
			(*row)++;
		} else if (*line + 1 < app->map.nlines) {
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
			*row = rows_of(app, *line)->n - 1;
		} else {
			return false;
		}
		delta++;
	}
	return true;
}

static int body_rows(const sy_app *app)
{
	return app->r_text.h - 1 > 1 ? app->r_text.h - 1 : 1;
}

void sy_text_follow(sy_app *app, size_t cp)
{
	size_t line, row, l, r;
	int body = body_rows(app);
	long k;

	if (!app->map.line_cp || app->text_width < 2)
		return;
	line = sy_textmap_line_of(&app->map, cp);
	row = row_in_line(app, line, cp);
	/* already in view?  Then keep SY_SCROLL_MARGIN rows of context
	 * before and after it, as far as the text goes */
	l = app->top_line;
	r = app->top_row;
	for (k = 0; k < body; k++) {
		if (l == line && r == row) {
			long m = SY_SCROLL_MARGIN, after = 0;
			size_t al = line, ar = row;
			if (m > (body - 1) / 2)
				m = (body - 1) / 2;
			while (after < m && step_rows(app, &al, &ar, 1))
				after++;
			if (k < m)
				step_rows(app, &app->top_line, &app->top_row, -(m - k));
			else if (k + after > body - 1)
				step_rows(app, &app->top_line, &app->top_row,
					  k + after - (body - 1));
			return;
		}
		if (l > line)
			break;
		if (!step_rows(app, &l, &r, 1))
			break;
	}
	/* put it a third of the way down */
	app->top_line = line;
	app->top_row = row;
	step_rows(app, &app->top_line, &app->top_row, -(long)(body / 3));
}

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

/* First index of LIST (N items of SIZE bytes, sorted by start at OFF)
 * whose start is >= CP. */
static size_t lower_bound(const void *list, size_t n, size_t size, size_t off,
			  size_t cp)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		size_t start = *(const size_t *)((const char *)list + mid * size + off);
		if (start < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void item_spans(sy_app *app, size_t a, size_t b, spans *out)
{
	const sy_annot *an = &app->file.annot;
	size_t i;
	sy_item_ref cur;
	size_t cs = 0, ce = 0;

	/* sections, then statistics (drawn over them) */
	i = lower_bound(an->sections, an->nsections, sizeof *an->sections,
			offsetof(sy_section, start), a > 256 ? a - 256 : 0);
	for (; i < an->nsections && an->sections[i].start < b; i++)
		if (an->sections[i].end > a)
			add_span(out, an->sections[i].start, an->sections[i].end,
				 sy_status_role(an->sections[i].r.status));
	i = lower_bound(an->stats, an->nstats, sizeof *an->stats,
			offsetof(sy_stat, start), a > 256 ? a - 256 : 0);
	for (; i < an->nstats && an->stats[i].start < b; i++)
		if (an->stats[i].end > a)
			add_span(out, an->stats[i].start, an->stats[i].end,
				 sy_status_role(an->stats[i].r.status));
	if (sy_app_current(app, &cur) && sy_item_span(&app->file, cur, &cs, &ce))
		add_span(out, cs, ce, SY_ROLE_CURRENT);
	/* the match shows inside the current item that holds it */
	if (app->match)
		add_span(out, app->match_start, app->match_end, SY_ROLE_SEARCH_MATCH);
	if (app->selecting) {
		size_t s0 = app->anchor < app->tcur ? app->anchor : app->tcur;
		size_t s1 = (app->anchor < app->tcur ? app->tcur : app->anchor) + 1;
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
	char title[128];
	int body = r.h - 1, cy = -1, cx = 0;
	size_t line = app->top_line, row = app->top_row, vis_a, vis_b, fs, fe;
	sy_item_ref fcur;
	spans sp;

	app->focus_y0 = app->focus_y1 = -1;

	snprintf(title, sizeof title, "%s Text%s", focused ? ">" : " ",
		 app->selecting ? "  -- SELECT (v/Enter add, Esc cancel) --" : "");
	dpy_fill(r.y, r.x, r.w, SY_ROLE_PANE_TITLE);
	dpy_text(r.y, r.x, r.w, title, SY_ROLE_PANE_TITLE);
	app->text_width = r.w > 2 ? r.w : 2;
	if (body <= 0 || !app->map.line_cp)
		return;
	if (line >= app->map.nlines) {
		line = app->map.nlines ? app->map.nlines - 1 : 0;
		row = 0;
	}
	if (row >= rows_of(app, line)->n)
		row = 0;
	app->top_line = line;
	app->top_row = row;
	vis_a = rows_of(app, line)->v[row].start;
	vis_b = vis_a;
	{   /* the end of what is visible, for the spans */
		size_t l = line, rr = row;
		for (int k = 0; k < body; k++) {
			vis_b = rows_of(app, l)->v[rr].end;
			if (!step_rows(app, &l, &rr, 1))
				break;
		}
	}
	sp.n = 0;
	item_spans(app, vis_a, vis_b + 1, &sp);
	if (app->selecting) {     /* the rows a form must leave uncovered */
		fs = app->anchor < app->tcur ? app->anchor : app->tcur;
		fe = (app->anchor < app->tcur ? app->tcur : app->anchor) + 1;
	} else if (!sy_app_current(app, &fcur) ||
		   !sy_item_span(&app->file, fcur, &fs, &fe)) {
		fs = fe = 0;
	}
	for (int y = 0; y < body; y++) {
		const sy_rows *rows = rows_of(app, line);
		sy_row rw = rows->v[row];
		size_t b = sy_textmap_byte_of(&app->map, rw.start);
		const unsigned char *t = (const unsigned char *)app->map.text;
		int x = 0;

		if (rw.start < fe && rw.end > fs) {
			if (app->focus_y0 < 0)
				app->focus_y0 = r.y + 1 + y;
			app->focus_y1 = r.y + 1 + y;
		}

		for (size_t cp = rw.start; cp < rw.end; cp++) {
			uint32_t c;
			size_t k = sy_utf8_decode(t + b, app->map.len - b, &c);
			if (!k)
				break;
			b += k;
			if (cp == app->tcur && focused) {
				cy = r.y + 1 + y;
				cx = r.x + x;
			}
			x += dpy_cell(r.y + 1 + y, r.x + x, c, role_at(&sp, cp));
		}
		if (rw.end == app->tcur && focused && cy < 0) {
			cy = r.y + 1 + y;
			cx = r.x + x;
		}
		if (!step_rows(app, &line, &row, 1))
			break;
	}
	app->cursor_y = focused ? cy : -1;
	app->cursor_x = cx;
}

/* ------------------------------------------------------------ keys */

/* The last item of LIST (N items of SIZE bytes, sorted by start) whose
 * span [start, end) holds CP, or SIZE_MAX: the items starting at or
 * before CP are those before lower_bound(CP + 1); the few just before it
 * are tried for their end. */
static size_t holding(const void *list, size_t n, size_t size, size_t start_off,
		      size_t end_off, size_t cp)
{
	size_t lo = lower_bound(list, n, size, start_off, cp + 1);

	for (size_t k = lo; k > 0 && lo - k < 64; k--)
		if (cp < *(const size_t *)((const char *)list + (k - 1) * size + end_off))
			return k - 1;
	return SIZE_MAX;
}

/* The nearest shown item starting at or after CP (a section before a
 * statistic at the same place); false when there is none. */
static bool shown_after(sy_app *app, size_t cp, sy_item_ref *it, size_t *row)
{
	const sy_annot *a = &app->file.annot;
	size_t i = lower_bound(a->sections, a->nsections, sizeof *a->sections,
			       offsetof(sy_section, start), cp);
	size_t j = lower_bound(a->stats, a->nstats, sizeof *a->stats,
			       offsetof(sy_stat, start), cp);

	while (i < a->nsections || j < a->nstats) {
		bool sec = j >= a->nstats ||
			   (i < a->nsections && a->sections[i].start <= a->stats[j].start);
		sy_item_ref c = sec ? (sy_item_ref){ SY_ITEM_SECTION, i++ }
				    : (sy_item_ref){ SY_ITEM_STAT, j++ };
		size_t r = sy_app_row_of(app, c);
		if (r != SIZE_MAX) {
			*it = c;
			*row = r;
			return true;
		}
	}
	return false;
}

/* Select, in the items pane, the item under the text cursor (a statistic
 * before a section), else (AFTER) the nearest after it, without moving
 * the text. */
static void select_under(sy_app *app, bool after)
{
	const sy_annot *a = &app->file.annot;
	size_t i, r = SIZE_MAX;
	sy_item_ref it;

	i = holding(a->stats, a->nstats, sizeof *a->stats, offsetof(sy_stat, start),
		    offsetof(sy_stat, end), app->tcur);
	if (i != SIZE_MAX) {
		it = (sy_item_ref){ SY_ITEM_STAT, i };
		r = sy_app_row_of(app, it);
	}
	if (r == SIZE_MAX) {
		i = holding(a->sections, a->nsections, sizeof *a->sections,
			    offsetof(sy_section, start), offsetof(sy_section, end),
			    app->tcur);
		if (i != SIZE_MAX) {
			it = (sy_item_ref){ SY_ITEM_SECTION, i };
			r = sy_app_row_of(app, it);
		}
	}
	if (r == SIZE_MAX && (!after || !shown_after(app, app->tcur, &it, &r)))
		return;
	app->sel = r;
	snprintf(app->sel_id, sizeof app->sel_id, "%s", sy_item_id(&app->file, it));
	sy_file_set_cursor(&app->file, it);
}

static void sync_items(sy_app *app)
{
	select_under(app, false);
}

void sy_text_select_at(sy_app *app, size_t cp, bool after)
{
	app->tcur = cp;
	select_under(app, after);
	sy_text_follow(app, cp);
}

/* Columns from the start of ROW to code point CP. */
static int column_of(sy_app *app, sy_row row, size_t cp)
{
	size_t b = sy_textmap_byte_of(&app->map, row.start);
	const unsigned char *t = (const unsigned char *)app->map.text;
	int col = 0;
	for (size_t i = row.start; i < cp && i < row.end; i++) {
		uint32_t c;
		size_t k = sy_utf8_decode(t + b, app->map.len - b, &c);
		if (!k)
			break;
		b += k;
		col += sy_cell_width(c);
	}
	return col;
}

/* The code point of ROW at column COL (or the row's last). */
static size_t cp_at_column(sy_app *app, sy_row row, int col)
{
	size_t b = sy_textmap_byte_of(&app->map, row.start);
	const unsigned char *t = (const unsigned char *)app->map.text;
	int x = 0;
	for (size_t i = row.start; i < row.end; i++) {
		uint32_t c;
		size_t k = sy_utf8_decode(t + b, app->map.len - b, &c);
		int w;
		if (!k)
			break;
		w = sy_cell_width(c);
		if (x + w > col)
			return i;
		x += w;
		b += k;
	}
	return row.end > row.start ? row.end - 1 : row.start;
}

static void move_rows(sy_app *app, long delta)
{
	size_t line = sy_textmap_line_of(&app->map, app->tcur);
	size_t row = row_in_line(app, line, app->tcur);
	int col = column_of(app, rows_of(app, line)->v[row], app->tcur);

	step_rows(app, &line, &row, delta);
	app->tcur = cp_at_column(app, rows_of(app, line)->v[row], col);
}

static bool text_key(sy_app *app, sy_action a, int key)
{
	long page = body_rows(app) - 1 > 1 ? body_rows(app) - 1 : 1;

	(void)key;
	if (!app->map.line_cp)
		return false;
	switch (a) {
	case SY_ACT_DOWN: move_rows(app, 1); break;
	case SY_ACT_UP: move_rows(app, -1); break;
	case SY_ACT_PAGE_DOWN:
		move_rows(app, page);
		step_rows(app, &app->top_line, &app->top_row, page);
		break;
	case SY_ACT_PAGE_UP:
		move_rows(app, -page);
		step_rows(app, &app->top_line, &app->top_row, -page);
		break;
	case SY_ACT_LEFT:
		if (app->tcur > 0)
			app->tcur--;
		break;
	case SY_ACT_RIGHT:
		if (app->tcur + 1 < app->file.src.chars)
			app->tcur++;
		break;
	case SY_ACT_FIRST: app->tcur = 0; break;
	case SY_ACT_LAST:
		app->tcur = app->file.src.chars ? app->file.src.chars - 1 : 0;
		break;
	case SY_ACT_DETAILS:
		app->details = !app->details;
		return true;
	case SY_ACT_JUMP:
		if (app->selecting) {          /* Enter confirms the selection */
			sy_decide_add(app);
			return true;
		}
		sync_items(app);
		app->focus = SY_PANE_ITEMS;
		return true;
	default:
		return false;
	}
	sy_text_follow(app, app->tcur);
	if (!app->selecting)
		sync_items(app);
	return true;
}

static void text_click(sy_app *app, sy_rect r, int y, int x)
{
	size_t line = app->top_line, row = app->top_row;
	if (y <= r.y)
		return;
	if (!step_rows(app, &line, &row, y - r.y - 1))
		return;
	app->tcur = cp_at_column(app, rows_of(app, line)->v[row], x - r.x);
	sync_items(app);
}

const sy_view sy_text_view = { "text", text_draw, text_key, text_click };
