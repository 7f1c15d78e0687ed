/* decide.h - actions that send commands to the core (review.h) or change
 * what the items list shows: decisions, spans, undo, search, filter. */
#ifndef SY_DECIDE_H
#define SY_DECIDE_H

#include <stdbool.h>

#include "actions.h"
#include "app.h"

/* Carry out A if it is one of these actions; true when it was. */
bool sy_decide(sy_app *app, sy_action a);
/* Add an item over the current selection (visual mode): asks statistic
 * or section, then opens the fix form prefilled by the core's parser. */
void sy_decide_add(sy_app *app);
/* Save the cursor and quit; when the last save failed, ask first. */
void sy_decide_quit(sy_app *app);
/* Move the selection to the next (DIR 1) or previous (-1) pending row. */
bool sy_decide_next_pending(sy_app *app, int dir);

#endif
