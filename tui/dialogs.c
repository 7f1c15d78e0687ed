/* dialogs.c - the prompt line, the fix form and menus.  Each runs its own
 * key loop on the app's key source (terminal or script) and redraws the
 * whole screen under it, so it survives a resize. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "display.h"
#include "keys.h"
#include "layout.h"
#include "utf8.h"

/* ------------------------------------------------------------ line editing */

/* A one-line editor over BUF (UTF-8, room for CAP), cursor POS in bytes. */
typedef struct editor {
	char *buf;
	size_t cap, pos;
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

/* Apply KEY; returns 1 Enter, -1 Esc, 0 go on. */
static int edit_key(editor *e, int key)
{
	size_t len = strlen(e->buf);

	switch (key) {
	case SY_KEY_ENTER: return 1;
	case SY_KEY_ESC: case 7 /* C-g */: return -1;
	case SY_KEY_LEFT: e->pos = prev_char(e->buf, e->pos); return 0;
	case SY_KEY_RIGHT: e->pos = next_char(e->buf, e->pos); return 0;
	case SY_KEY_HOME: case 1 /* C-a */: e->pos = 0; return 0;
	case SY_KEY_END: case 5 /* C-e */: e->pos = len; return 0;
	case 21: /* C-u */
		memmove(e->buf, e->buf + e->pos, len - e->pos + 1);
		e->pos = 0;
		return 0;
	case SY_KEY_BACKSPACE: {
		size_t p = prev_char(e->buf, e->pos);
		memmove(e->buf + p, e->buf + e->pos, len - e->pos + 1);
		e->pos = p;
		return 0;
	}
	case SY_KEY_DELETE: case 4 /* C-d */: {
		size_t n = next_char(e->buf, e->pos);
		memmove(e->buf + e->pos, e->buf + n, len - n + 1);
		return 0;
	}
	default:
		if (key >= 0x20 && key < SY_KEY_BASE && key != 0x7F) {
			char u[4];
			size_t k = sy_utf8_encode((uint32_t)key, u);
			if (len + k + 1 > e->cap)
				return 0;
			memmove(e->buf + e->pos + k, e->buf + e->pos, len - e->pos + 1);
			memcpy(e->buf + e->pos, u, k);
			e->pos += k;
		}
		return 0;
	}
}

/* Draw LABEL and the editor at (Y, X) in W columns; returns the cursor
 * column.  Long text scrolls so the cursor stays visible. */
static int draw_edit(int y, int x, int w, const char *label, const editor *e,
		     sy_role role)
{
	int lw = dpy_text(y, x, w, label, role);
	char before[1024];
	const char *shown = e->buf;
	int bw;

	snprintf(before, sizeof before, "%.*s", (int)e->pos, e->buf);
	bw = sy_text_width(before);
	while (bw > w - lw - 2 && *shown) {       /* scroll left */
		size_t n = next_char(shown, 0);
		char c[8];
		snprintf(c, sizeof c, "%.*s", (int)n, shown);
		bw -= sy_text_width(c);
		shown += n;
	}
	dpy_text(y, x + lw, w - lw, shown, role);
	return x + lw + bw;
}

bool sy_prompt(sy_app *app, const char *label, char *buf, size_t cap)
{
	editor e = { buf, cap, strlen(buf) };

	for (;;) {
		int rows, cols, cx, k, r;
		sy_app_draw(app);
		dpy_size(&rows, &cols);
		dpy_fill(rows - 1, 0, cols, SY_ROLE_STATUS);
		cx = draw_edit(rows - 1, 0, cols, label, &e, SY_ROLE_STATUS);
		dpy_flush(rows - 1, cx, true);
		k = sy_app_next_key(app);
		if (k == SY_KEY_NONE)
			return false;
		if (k == SY_KEY_RESIZE)
			continue;
		r = edit_key(&e, k);
		if (r)
			return r > 0;
	}
}

/* ------------------------------------------------------------ form */

bool sy_form(sy_app *app, const char *title, sy_field *f, size_t n)
{
	size_t cur = 0;
	editor e = { f[0].value, sizeof f[0].value, strlen(f[0].value) };

	for (;;) {
		int rows, cols, h = (int)n * 2 + 4, w, y0, x0, cy = 0, cx = 0, k, r;
		sy_app_draw(app);
		dpy_size(&rows, &cols);
		w = cols > 76 ? 72 : cols - 2;
		if (h > rows)
			h = rows;
		y0 = (rows - h) / 2;
		x0 = (cols - w) / 2;
		for (int y = y0; y < y0 + h; y++)
			dpy_fill(y, x0, w, SY_ROLE_TEXT);
		dpy_box(y0, x0, h, w, SY_ROLE_PANE_TITLE);
		dpy_text(y0, x0 + 2, w - 4, title, SY_ROLE_PANE_TITLE);
		for (size_t i = 0; i < n && y0 + 2 + (int)i * 2 < y0 + h - 1; i++) {
			int y = y0 + 1 + (int)i * 2;
			char label[40];
			snprintf(label, sizeof label, "%-10s ", f[i].label);
			if (i == cur) {
				cx = draw_edit(y, x0 + 2, w - 4, label, &e, SY_ROLE_CURRENT);
				cy = y;
			} else {
				int lw = dpy_text(y, x0 + 2, w - 4, label, SY_ROLE_TEXT);
				dpy_text(y, x0 + 2 + lw, w - 4 - lw, f[i].value, SY_ROLE_TEXT);
			}
			if (f[i].hint)
				dpy_text(y + 1, x0 + 13, w - 15, f[i].hint, SY_ROLE_HELP_TEXT);
		}
		dpy_text(y0 + h - 2, x0 + 2, w - 4,
			 "Tab/Down next field  Enter save  Esc cancel", SY_ROLE_HELP_KEY);
		dpy_flush(cy, cx, true);
		k = sy_app_next_key(app);
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
			e = (editor){ f[cur].value, sizeof f[cur].value, strlen(f[cur].value) };
			continue;
		}
		if (k == 19 /* C-s */)
			return true;
		r = edit_key(&e, k);
		if (r)
			return r > 0;
	}
}

/* ------------------------------------------------------------ menu */

int sy_menu(sy_app *app, const char *title, const char *const *opts,
	    const int *keys, const bool *on, size_t n)
{
	size_t cur = 0;

	for (;;) {
		int rows, cols, h = (int)n + 3, w = 0, y0, x0, k;
		sy_app_draw(app);
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
		y0 = (rows - h) / 2;
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
		dpy_text(y0 + h - 2, x0 + 2, w - 4, "key or Enter: choose  Esc: cancel",
			 SY_ROLE_HELP_KEY);
		dpy_flush(0, 0, false);
		k = sy_app_next_key(app);
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
