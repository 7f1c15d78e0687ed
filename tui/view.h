/* view.h - what the parts of the review screen share: a rectangle, the
 * panes, and what a handler asks of the screen after a key.
 *
 * A handler (a view's key or click, an action of decide.c) changes its
 * own state and the report (through the core's commands) and returns an
 * sy_result, as htop's HandlerResult: what must follow (the other pane
 * to follow, the focus to move, the add form to open, the help to
 * close).  It never calls back into app.c; app.c does what the result
 * asks, then draws the screen again (after every key).
 *
 * Each view keeps its own state, as tig's view->private: the items view
 * its list (itemlist.h), the text view its cursor and scroll (textpane.h),
 * the help view its scroll (sy_help_state).  sy_app (state.h) holds them
 * as members of those types, and only the view's own files change them.
 */
#ifndef SY_VIEW_H
#define SY_VIEW_H

#include <stdbool.h>

#include "actions.h"

typedef struct sy_rect {
	int y, x, h, w;
} sy_rect;

typedef enum sy_pane { SY_PANE_ITEMS, SY_PANE_TEXT } sy_pane;

/* What a handler asks for (an or of these); 0: not this handler's key. */
typedef enum sy_result {
	SY_RES_IGNORED = 0,
	SY_RES_HANDLED = 1u << 0,     /* taken (the screen is drawn again) */
	SY_RES_FOLLOW = 1u << 1,      /* the text cursor to the current
				       * item's start, kept in view */
	SY_RES_SYNC = 1u << 2,        /* the items list to the item under the
				       * text cursor (the text stays) */
	SY_RES_FOCUS_TEXT = 1u << 3,
	SY_RES_FOCUS_ITEMS = 1u << 4,
	SY_RES_ADD = 1u << 5,         /* the selection confirmed: the add form */
	SY_RES_CLOSE = 1u << 6,       /* the help screen closes */
	SY_RES_QUIT = 1u << 7         /* the session ends (all saved) */
} sy_result;

typedef struct sy_app sy_app;

typedef struct sy_view {
	const char *name;
	/* Draw into R; FOCUSED when the view has the keys. */
	void (*draw)(sy_app *app, sy_rect r, bool focused);
	/* Handle action A. */
	sy_result (*key)(sy_app *app, sy_action a);
	/* A click at screen (Y, X) inside R. */
	sy_result (*click)(sy_app *app, sy_rect r, int y, int x);
} sy_view;

extern const sy_view sy_items_view, sy_text_view, sy_help_view;

/* view_detail.c: the detail area the items view draws under its list.
 * Rows the current item's detail needs in W columns, at most MAX (1 when
 * folded, 0 when there is no current item); draw it at (Y, X), W
 * columns, H rows. */
int sy_detail_rows(sy_app *app, int w, int max);
void sy_detail_draw(sy_app *app, int y, int x, int w, int h);

/* The help view's own state. */
typedef struct sy_help_state {
	bool shown;
	int top;             /* first line shown */
} sy_help_state;

#endif
