/* dialogs.c - see dialog.h */
#include "dialog.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "display.h"
#include "keys.h"
#include "layout.h"
#include "base/utf8.h"

/* ------------------------------------------------------------ line editing */

/* A one-line editor over *BUF (UTF-8, room for CAP), cursor POS in bytes.
 * GROW: *BUF is malloc'd and grows as needed (no length limit); else it
 * is the caller's array and typing stops at CAP. */
typedef struct editor {
	char **buf;
	size_t cap, pos;
	bool grow;
} editor;

static size_t prev_char(const char *s, size_t pos)
{
	if (pos == 0)
		return 0;
	do
		pos--;
	while (pos > 0 && ((unsigned char)s[pos] & 0xC0) == 0x80);
	return pos;
}

static size_t next_char(const char *s, size_t pos)
{
	size_t len = strlen(s);
	if (pos >= len)
		return len;
	do
		pos++;
	while (pos < len && ((unsigned char)s[pos] & 0xC0) == 0x80);
	return pos;
}

/* Room for NEED bytes in E's text; false when there is none. */
static bool make_room(editor *e, size_t need)
{
	size_t cap;
	char *p;

	if (need <= e->cap)
		return true;
	if (!e->grow)
		return false;
	cap = e->cap * 2 > need ? e->cap * 2 : need + 64;
	if (!(p = realloc(*e->buf, cap)))
		return false;
	*e->buf = p;
	e->cap = cap;
	return true;
}

/* Apply KEY; returns 1 Enter, -1 Esc, 0 go on. */
static int edit_key(editor *e, int key)
{
	char *buf = *e->buf;
	size_t len = strlen(buf);

	switch (key) {
	case SY_KEY_ENTER: return 1;
	case SY_KEY_ESC: case 7 /* C-g */: return -1;
	case SY_KEY_LEFT: e->pos = prev_char(buf, e->pos); return 0;
	case SY_KEY_RIGHT: e->pos = next_char(buf, e->pos); return 0;
	case SY_KEY_HOME: case 1 /* C-a */: e->pos = 0; return 0;
	case SY_KEY_END: case 5 /* C-e */: e->pos = len; return 0;
	case 21: /* C-u */
		memmove(buf, buf + e->pos, len - e->pos + 1);
		e->pos = 0;
		return 0;
	case SY_KEY_BACKSPACE: {
		size_t p = prev_char(buf, e->pos);
		memmove(buf + p, buf + e->pos, len - e->pos + 1);
		e->pos = p;
		return 0;
	}
	case SY_KEY_DELETE: case 4 /* C-d */: {
		size_t n = next_char(buf, e->pos);
		memmove(buf + e->pos, buf + n, len - n + 1);
		return 0;
	}
	default:
		if (key >= 0x20 && key < SY_KEY_BASE && key != 0x7F) {
			char u[4];
			size_t k = sy_utf8_encode((uint32_t)key, u);
			if (!make_room(e, len + k + 1))
				return 0;
			buf = *e->buf;
			memmove(buf + e->pos + k, buf + e->pos, len - e->pos + 1);
			memcpy(buf + e->pos, u, k);
			e->pos += k;
		}
		return 0;
	}
}

/* Display width of the N bytes at S, as sy_cell draws them. */
static int width_of(const char *s, size_t n)
{
	int w = 0;

	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t k = sy_utf8_decode((const unsigned char *)s + i, n - i, &c);
		if (!k)
			break;
		w += sy_cell_width(c);
		i += k;
	}
	return w;
}

/* Draw LABEL and the editor at (Y, X) in W columns; returns the cursor
 * column.  Text longer than the room scrolls by display width (a CJK
 * character is two columns) so that the cursor stays visible; a "…" at
 * either end says that more text is there. */
static int draw_edit(int y, int x, int w, const char *label, const editor *e,
		     sy_role role)
{
	int lw = dpy_text(y, x, w, label, role);
	int room = w - lw;
	const char *buf = *e->buf, *shown = buf;
	int bw = width_of(buf, e->pos);

	if (bw > room - 1) {        /* scroll: "…" then the text up to the cursor */
		while (*shown && bw > room - 2) {
			size_t n = next_char(shown, 0);
			bw -= width_of(shown, n);
			shown += n;
		}
		dpy_text(y, x + lw, 1, "…", role);
		lw++;
		room--;
	}
	dpy_text(y, x + lw, room, shown, role);
	return x + lw + bw;
}

/* The prompt on the status line over editor E. */
static bool prompt_run(sy_ui *ui, const char *label, editor *e)
{
	for (;;) {
		int rows, cols, cx, k, r;
		ui->draw(ui->ctx);
		dpy_size(&rows, &cols);
		dpy_fill(rows - 1, 0, cols, SY_ROLE_STATUS);
		cx = draw_edit(rows - 1, 0, cols, label, e, SY_ROLE_STATUS);
		dpy_flush(rows - 1, cx, true);
		k = ui->next_key(ui->ctx);
		if (k == SY_KEY_NONE)
			return false;
		if (k == SY_KEY_RESIZE)
			continue;
		r = edit_key(e, k);
		if (r)
			return r > 0;
	}
}

bool sy_prompt(sy_ui *ui, const char *label, char *buf, size_t cap)
{
	editor e = { &buf, cap, strlen(buf), false };

	return prompt_run(ui, label, &e);
}

bool sy_prompt_text(sy_ui *ui, const char *label, char **text)
{
	editor e = { text, strlen(*text) + 1, strlen(*text), true };

	return prompt_run(ui, label, &e);
}

/* ------------------------------------------------------------ form */

int sy_field_set(sy_field *f, const char *text)
{
	char *v = strdup(text ? text : "");

	if (!v)
		return -1;
	free(f->value);
	f->value = v;
	return 0;
}

void sy_fields_free(sy_field *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(f[i].value);
		f[i].value = NULL;
	}
}

/* How many of the rows [A0, A1] and [B0, B1] share. */
static int overlap(int a0, int a1, int b0, int b1)
{
	int a = a0 > b0 ? a0 : b0, b = a1 < b1 ? a1 : b1;
	return b >= a ? b - a + 1 : 0;
}

/* The first row of an H-row box that covers least of the rows the text
 * pane showed the item (or selection) on and a row either side of it;
 * among equals the one that covers least of the text pane, then the one
 * nearest the middle of the screen. */
static int form_top(const sy_ui *ui, int rows, int h)
{
	int mid = (rows - h) / 2, best = mid;
	long best_cost = -1;
	const sy_rect *t = &ui->text;

	if (ui->keep_y0 < 0)
		return best;
	for (int y = 0; y + h <= rows; y++) {
		long cost = (long)overlap(y, y + h - 1, ui->keep_y0 - 1,
					  ui->keep_y1 + 1) * rows * rows +
			    (long)overlap(y, y + h - 1, t->y, t->y + t->h - 1) * rows +
			    abs(y - mid);
		if (best_cost < 0 || cost < best_cost) {
			best = y;
			best_cost = cost;
		}
	}
	return best;
}

/* Field I's row in the box: the message (or hint) row follows CUR. */
static int field_row(size_t i, size_t cur)
{
	return 1 + (int)i + (i > cur);
}

/* The field named at the start of MSG ("value_max: ..."), or CUR. */
static size_t field_named(const sy_field *f, size_t n, const char *msg,
			  size_t cur)
{
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(f[i].label);
		if (!strncmp(msg, f[i].label, l) && msg[l] == ':')
			return i;
	}
	return cur;
}

bool sy_form(sy_ui *ui, const char *title, sy_field *f, size_t n,
	     sy_form_check check)
{
	size_t cur = 0, bad = SIZE_MAX;
	sy_error err;
	editor e = { &f[0].value, strlen(f[0].value) + 1, strlen(f[0].value), true };

	err.msg[0] = '\0';
	for (;;) {
		int rows, cols, h = (int)n + 4, w, y0, x0, cy = 0, cx = 0, k, r;
		ui->draw(ui->ctx);
		dpy_size(&rows, &cols);
		w = cols > 76 ? 72 : cols - 2;
		if (h > rows)
			h = rows;
		y0 = form_top(ui, rows, h);
		x0 = (cols - w) / 2;
		for (int y = y0; y < y0 + h; y++)
			dpy_fill(y, x0, w, SY_ROLE_TEXT);
		dpy_box(y0, x0, h, w, SY_ROLE_PANE_TITLE);
		dpy_text(y0, x0 + 2, w - 4, title, SY_ROLE_PANE_TITLE);
		for (size_t i = 0; i < n && field_row(i, cur) < h - 2; i++) {
			int y = y0 + field_row(i, cur);
			char label[40];
			snprintf(label, sizeof label, "%-10s ", f[i].label);
			if (i == cur) {
				cx = draw_edit(y, x0 + 2, w - 4, label, &e, SY_ROLE_CURRENT);
				cy = y;
				if (bad == cur)
					dpy_text(y + 1, x0 + 2, w - 4, err.msg, SY_ROLE_ERROR);
				else if (f[i].hint)
					dpy_text(y + 1, x0 + 13, w - 15, f[i].hint,
						 SY_ROLE_HELP_TEXT);
			} else {
				int lw = dpy_text(y, x0 + 2, w - 4, label, SY_ROLE_TEXT);
				dpy_text(y, x0 + 2 + lw, w - 4 - lw, f[i].value,
					 SY_ROLE_TEXT);
			}
		}
		dpy_text(y0 + h - 2, x0 + 2, w - 4,
			 _("Tab/Down next field  Enter save  Esc cancel"), SY_ROLE_HELP_KEY);
		dpy_flush(cy, cx, true);
		k = ui->next_key(ui->ctx);
		if (k == SY_KEY_NONE)
			return false;
		if (k == SY_KEY_RESIZE)
			continue;
		if (k == SY_KEY_TAB || k == SY_KEY_DOWN || k == SY_KEY_UP ||
		    k == SY_KEY_BTAB) {
			if (k == SY_KEY_UP || k == SY_KEY_BTAB)
				cur = cur ? cur - 1 : n - 1;
			else
				cur = (cur + 1) % n;
		} else {
			if (k == 19 /* C-s */)
				k = SY_KEY_ENTER;
			r = edit_key(&e, k);
			if (r < 0)
				return false;
			if (r == 0)
				continue;
			if (!check || check(f, n, &err) == SY_OK)
				return true;
			/* stay, at the field the message names, edits kept */
			bad = cur = field_named(f, n, err.msg, cur);
		}
		e = (editor){ &f[cur].value, strlen(f[cur].value) + 1,
			      strlen(f[cur].value), true };
	}
}

/* ------------------------------------------------------------ menu */

int sy_menu(sy_ui *ui, const char *title, const char *const *opts,
	    const int *keys, const bool *on, size_t n)
{
	size_t cur = 0;

	for (;;) {
		int rows, cols, h = (int)n + 3, w = 0, y0, x0, k;
		ui->draw(ui->ctx);
		dpy_size(&rows, &cols);
		for (size_t i = 0; i < n; i++) {
			int tw = sy_text_width(opts[i]) + 12;
			if (tw > w)
				w = tw;
		}
		if (sy_text_width(title) + 6 > w)
			w = sy_text_width(title) + 6;
		if (w < 38)
			w = 38;                /* room for the hint line */
		if (w > cols - 2)
			w = cols - 2;
		if (h > rows)
			h = rows;
		y0 = form_top(ui, rows, h);   /* the item's line stays in view */
		x0 = (cols - w) / 2;
		for (int y = y0; y < y0 + h; y++)
			dpy_fill(y, x0, w, SY_ROLE_TEXT);
		dpy_box(y0, x0, h, w, SY_ROLE_PANE_TITLE);
		dpy_text(y0, x0 + 2, w - 4, title, SY_ROLE_PANE_TITLE);
		for (size_t i = 0; i < n && (int)i < h - 3; i++) {
			char kn[16], line[256];
			sy_key_name(keys[i], kn, sizeof kn);
			snprintf(line, sizeof line, "%-3s %s %s", kn,
				 on ? (on[i] ? "[x]" : "[ ]") : "", opts[i]);
			dpy_text(y0 + 1 + (int)i, x0 + 2, w - 4, line,
				 i == cur ? SY_ROLE_CURRENT : SY_ROLE_TEXT);
		}
		dpy_text(y0 + h - 2, x0 + 2, w - 4, _("key or Enter: choose  Esc: cancel"),
			 SY_ROLE_HELP_KEY);
		dpy_flush(0, 0, false);
		k = ui->next_key(ui->ctx);
		if (k == SY_KEY_NONE || k == SY_KEY_ESC || k == 7)
			return -1;
		if (k == SY_KEY_DOWN || k == 'j')
			cur = (cur + 1) % n;
		else if (k == SY_KEY_UP || k == 'k')
			cur = cur ? cur - 1 : n - 1;
		else if (k == SY_KEY_ENTER)
			return (int)cur;
		for (size_t i = 0; i < n; i++)
			if (keys[i] == k && k != 'j' && k != 'k')
				return (int)i;
	}
}
