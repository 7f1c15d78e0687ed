/* view_help.c - the help screen: every action with its keys, from the
 * same table (actions.h) and keymap that dispatch the keys, grouped as
 * declared.  j/k scroll, any other key closes it. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "display.h"
#include "layout.h"

typedef struct help_line {
	const char *group;        /* a heading, or NULL */
	sy_action action;
} help_line;

#define H_GROUP(title) { title, SY_ACT_NONE },
#define H_ACT(id, name, keys, help) { NULL, SY_ACT_##id },
static const help_line LINES[] = { SY_ACTIONS(H_GROUP, H_ACT) };
#undef H_GROUP
#undef H_ACT
#define NLINES ((int)(sizeof LINES / sizeof *LINES))

/* TEXT on rows from *Y (before LIMIT) at columns X..X+W-1, broken at
 * spaces so that nothing is cut; *Y ends on its last row. */
static void draw_wrapped(int *y, int limit, int x, int w, const char *text)
{
	char part[256];

	while (*y < limit) {
		size_t n = strlen(text), cut = n;
		snprintf(part, sizeof part, "%s", text);
		if (sy_text_width(part) > w) {
			cut = 0;
			for (size_t i = 1; i < n && i < sizeof part; i++) {
				part[i] = '\0';
				if (text[i] == ' ' && sy_text_width(part) <= w)
					cut = i;
				part[i] = text[i];
			}
			if (cut == 0)
				cut = n;         /* one long word: dpy_text clips it */
		}
		snprintf(part, sizeof part, "%.*s", (int)cut, text);
		dpy_text(*y, x, w, part, SY_ROLE_HELP_TEXT);
		text += cut;
		while (*text == ' ')
			text++;
		if (!*text)
			return;
		(*y)++;
	}
}

static void help_draw(sy_app *app, sy_rect r, bool focused)
{
	int y = r.y;

	(void)focused;
	dpy_fill(y, r.x, r.w, SY_ROLE_HEADER);
	dpy_text(y++, r.x, r.w, " shenyue review: keys  (j/k scroll, any other key closes)",
		 SY_ROLE_HEADER);
	for (int i = app->help_top; i < NLINES && y < r.y + r.h; i++, y++) {
		char keys[128], line[256];
		if (LINES[i].group) {
			dpy_text(y, r.x, r.w, LINES[i].group, SY_ROLE_PANE_TITLE);
			continue;
		}
		sy_keymap_keys_of(&app->keys, LINES[i].action, keys, sizeof keys);
		snprintf(line, sizeof line, "  %-14s", keys[0] ? keys : "(unbound)");
		dpy_text(y, r.x, r.w, line, SY_ROLE_HELP_KEY);
		if (r.w > 31 + 20) {     /* the help text wrapped beside the name */
			snprintf(line, sizeof line, "%-13s ", sy_action_name(LINES[i].action));
			dpy_text(y, r.x + 17, 14, line, SY_ROLE_HELP_TEXT);
			draw_wrapped(&y, r.y + r.h, r.x + 31, r.w - 31,
				     sy_action_help(LINES[i].action));
		} else if (r.w > 17) {
			snprintf(line, sizeof line, "%-13s %s", sy_action_name(LINES[i].action),
				 sy_action_help(LINES[i].action));
			dpy_text(y, r.x + 17, r.w - 17, line, SY_ROLE_HELP_TEXT);
		}
	}
}

static bool help_key(sy_app *app, sy_action a, int key)
{
	(void)key;
	if (a == SY_ACT_DOWN && app->help_top + 1 < NLINES) {
		app->help_top++;
		return true;
	}
	if (a == SY_ACT_UP && app->help_top > 0) {
		app->help_top--;
		return true;
	}
	if (a == SY_ACT_PAGE_DOWN || a == SY_ACT_PAGE_UP) {
		app->help_top = a == SY_ACT_PAGE_DOWN ? NLINES - 1 : 0;
		return true;
	}
	return false;
}

static void help_click(sy_app *app, sy_rect r, int y, int x)
{
	(void)r;
	(void)y;
	(void)x;
	app->help = false;
}

const sy_view sy_help_view = { "help", help_draw, help_key, help_click };
