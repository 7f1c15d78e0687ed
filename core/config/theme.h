/* theme.h - colour themes (themes/README.md): one style per colour role.
 * Parsing only; tui/display.c maps styles to curses colour pairs.
 *
 * Roles are declared once in SY_ROLES (name in the file, what it paints);
 * the list generates the enum and the name table.
 */
#ifndef SY_THEME_H
#define SY_THEME_H

#include <stdbool.h>

#include "base/error.h"

#define SY_ROLES(_) \
	_(TEXT, "text", "the report text and ordinary lines") \
	_(HEADER, "header", "the top line") \
	_(STATUS, "status", "the bottom status line") \
	_(PANE_TITLE, "pane-title", "the title of each pane") \
	_(PENDING, "pending", "an item not yet reviewed") \
	_(ACCEPTED, "accepted", "an item accepted as proposed") \
	_(FIXED, "fixed", "an item the reviewer changed") \
	_(REJECTED, "rejected", "an item rejected as not an item") \
	_(ADDED, "added", "an item the reviewer added") \
	_(CURRENT, "current", "the item or line under the cursor") \
	_(SELECTION, "selection", "a span being selected in the text") \
	_(SEARCH_MATCH, "search-match", "matches of the current search") \
	_(ANOMALY, "anomaly", "something the extractor flagged") \
	_(HELP_KEY, "help-key", "key names on the help screen") \
	_(HELP_TEXT, "help-text", "their descriptions") \
	_(ERROR, "error", "error messages")

#define SY_ROLE_ENUM(id, name, help) SY_ROLE_##id,
typedef enum sy_role { SY_ROLES(SY_ROLE_ENUM) SY_ROLE_COUNT } sy_role;
#undef SY_ROLE_ENUM

typedef enum sy_color_kind {
	SY_COLOR_DEFAULT,    /* the terminal's own */
	SY_COLOR_INDEX,      /* palette 0-255 (0-7 basic, 8-15 bright) */
	SY_COLOR_RGB         /* 0xRRGGBB */
} sy_color_kind;

typedef struct sy_color {
	sy_color_kind kind;
	unsigned value;
} sy_color;

enum {
	SY_ATTR_BOLD = 1, SY_ATTR_UNDERLINE = 2, SY_ATTR_REVERSE = 4,
	SY_ATTR_DIM = 8, SY_ATTR_STANDOUT = 16
};

typedef struct sy_style {
	sy_color fg, bg;
	unsigned attrs;      /* SY_ATTR_* bits */
	bool set;            /* given by the theme (else drawn as text) */
} sy_style;

typedef struct sy_theme {
	char name[64];
	sy_style roles[SY_ROLE_COUNT];
} sy_theme;

/* The name of ROLE ("search-match"), and its description. */
const char *sy_role_name(sy_role r);
const char *sy_role_help(sy_role r);

/* Parse theme text BUF (NAME used in messages: "NAME:LINE: reason").
 * Roles left out are copied from `text`.  On failure *T is untouched. */
sy_status sy_theme_parse(const char *buf, const char *name, sy_theme *t,
			 sy_error *err);
/* Read and parse the theme file at PATH. */
sy_status sy_theme_load(const char *path, sy_theme *t, sy_error *err);
/* Find a theme by NAME ("dark") or path (contains '/' or ends in .theme):
 * looked up in $XDG_CONFIG_HOME/shenyue/themes (~/.config/…), then each
 * folder of DIRS (NULL-terminated: the installed themedir, the source
 * tree's themes/).  Unknown name: SY_ERR_USAGE listing where it looked. */
sy_status sy_theme_find(const char *name, const char *const *dirs,
			sy_theme *t, sy_error *err);
/* The built-in monochrome theme (attributes only), for NO_COLOR and as
 * the fallback. */
void sy_theme_mono(sy_theme *t);

#endif
