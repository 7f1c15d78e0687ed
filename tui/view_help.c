/* view_help.c - the help screen: every action with its keys, from the
 * same table (actions.h) and keymap that dispatch the keys, grouped as
 * declared.  j/k scroll, any other key closes it. */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "display.h"
#include "state.h"
#include "layout.h"

typedef struct help_group {
	sy_action first;          /* the heading comes before this action */
	const char *title;
} help_group;

#define H_GROUP(id, title) { SY_ACT_##id, title },
static const help_group GROUPS[] = { SY_ACTION_GROUPS(H_GROUP) };
#undef H_GROUP
#define NGROUPS (sizeof GROUPS / sizeof *GROUPS)
#define NLINES ((int)(SY_ACT_COUNT - 1 + NGROUPS))

/* Line I of the help: a heading (*GROUP set, SY_ACT_NONE returned) or
 * an action (*GROUP NULL), in the order actions.h declares them. */
static sy_action line_at(int i, const char **group)
{
	size_t g = 0;

	*group = NULL;
	for (int a = SY_ACT_NONE + 1; a < SY_ACT_COUNT; a++) {
		if (g < NGROUPS && GROUPS[g].first == (sy_action)a && i-- == 0) {
			*group = GROUPS[g].title;
			return SY_ACT_NONE;
		}
		g += g < NGROUPS && GROUPS[g].first == (sy_action)a;
		if (i-- == 0)
			return (sy_action)a;
	}
	return SY_ACT_NONE;
}

/* TEXT on rows from *Y (before LIMIT) at columns X..X+W-1, broken at
 * spaces so that nothing is cut; *Y ends on its last row. */
static void draw_wrapped(int *y, int limit, int x, int w, const char *text)
{
	char part[256];

	while (*y < limit) {
		size_t n = strlen(text), cut = n;
		snprintf(part, sizeof part, "%s", text);
		if (sy_text_width(part) > w) {
			size_t hard = 0;     /* the last character that fits */
			cut = 0;
			for (size_t i = 1; i < n && i < sizeof part; i++) {
				bool fits;
				if (((unsigned char)text[i] & 0xC0) == 0x80)
					continue;    /* inside a character */
				part[i] = '\0';
				fits = sy_text_width(part) <= w;
				if (fits && text[i] == ' ')
					cut = i;
				if (fits)
					hard = i;
				part[i] = text[i];
			}
			/* text without spaces (Chinese) breaks between
			 * characters; one long word beyond: dpy_text clips it */
			if (cut == 0)
				cut = hard ? hard : n;
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
	dpy_text(y++, r.x, r.w, _(" shenyue review: keys  (j/k scroll, any other key closes)"),
		 SY_ROLE_HEADER);
	for (int i = app->help.top; i < NLINES && y < r.y + r.h; i++, y++) {
		char keys[128], line[256];
		const char *group;
		sy_action a = line_at(i, &group);
		if (group) {
			dpy_text(y, r.x, r.w, _(group), SY_ROLE_PANE_TITLE);
			continue;
		}
		sy_keymap_keys_of(&app->keys, a, keys, sizeof keys);
		snprintf(line, sizeof line, "  %-14s", keys[0] ? keys : "");
		dpy_text(y, r.x, r.w, line, SY_ROLE_HELP_KEY);
		if (!keys[0])
			dpy_text(y, r.x + 2, 15, _("(unbound)"), SY_ROLE_HELP_KEY);
		if (r.w > 31 + 20) {     /* the help text wrapped beside the name */
			snprintf(line, sizeof line, "%-13s ", sy_action_name(a));
			dpy_text(y, r.x + 17, 14, line, SY_ROLE_HELP_TEXT);
			draw_wrapped(&y, r.y + r.h, r.x + 31, r.w - 31,
				     sy_action_help(a));
		} else if (r.w > 17) {
			snprintf(line, sizeof line, "%-13s %s", sy_action_name(a),
				 sy_action_help(a));
			dpy_text(y, r.x + 17, r.w - 17, line, SY_ROLE_HELP_TEXT);
		}
	}
}

static sy_result help_key(sy_app *app, sy_action a)
{
	if (a == SY_ACT_DOWN && app->help.top + 1 < NLINES) {
		app->help.top++;
		return SY_RES_HANDLED;
	}
	if (a == SY_ACT_UP && app->help.top > 0) {
		app->help.top--;
		return SY_RES_HANDLED;
	}
	if (a == SY_ACT_PAGE_DOWN || a == SY_ACT_PAGE_UP) {
		app->help.top = a == SY_ACT_PAGE_DOWN ? NLINES - 1 : 0;
		return SY_RES_HANDLED;
	}
	return SY_RES_CLOSE;
}

static sy_result help_click(sy_app *app, sy_rect r, int y, int x)
{
	(void)app;
	(void)r;
	(void)y;
	(void)x;
	return SY_RES_CLOSE;
}

const sy_view sy_help_view = { "help", help_draw, help_key, help_click };
