/* panes.h - the two panes kept together: selecting an item in the list
 * moves the text to it, and the text cursor selects the item under it.
 * Uses the views' own state (itemlist.h, textpane.h) through their
 * functions; draws nothing.
 */
#ifndef SY_PANES_H
#define SY_PANES_H

#include <stdbool.h>
#include <stddef.h>

#include "state.h"

/* Rebuild the items rows (after a command or a filter change),
 * reselecting the item named by the list's sel_id; OOM is said. */
void sy_panes_rebuild(sy_app *app);
/* Select row R (clamped) and follow it in the text. */
void sy_panes_select_row(sy_app *app, size_t r);
/* Select the row of item IT (rows rebuilt; if shown), and move the
 * text to its span. */
void sy_panes_select_item(sy_app *app, sy_item_ref it);
/* After a command: select IT again.  The rows are rebuilt only when the
 * lists may have changed (STRUCTURAL: an item added, removed or moved, a
 * level; or a filter that may now hide it); a plain decision keeps them. */
void sy_panes_reselect(sy_app *app, sy_item_ref it, bool structural);
/* The text cursor to the current item's start, in view (SY_RES_FOLLOW). */
void sy_panes_follow(sy_app *app);
/* Select, in the items pane, the item under the text cursor (a
 * statistic before a section), else (AFTER) the nearest shown item
 * starting after it, without moving the text (SY_RES_SYNC: !AFTER). */
void sy_panes_sync(sy_app *app, bool after);
/* Move the text cursor to CP, select the item there (sy_panes_sync) and
 * keep CP in view. */
void sy_panes_select_at(sy_app *app, size_t cp, bool after);
/* The current item into *IT; false (and said) when the list is empty. */
bool sy_panes_need_item(sy_app *app, sy_item_ref *it);

#endif
