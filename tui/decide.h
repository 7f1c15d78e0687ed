/* decide.h - the actions that send commands to the core (review.h) or
 * change what the items list shows: decisions, spans, undo, search,
 * filter (filter.c), the forms (forms.c).  Each returns what the screen
 * must do next (view.h); none calls back into app.c: dialogs draw
 * through app->ui.
 */
#ifndef SY_DECIDE_H
#define SY_DECIDE_H

#include <stdbool.h>

#include "actions.h"
#include "state.h"
#include "view.h"

/* Carry out A if it is one of these actions (else SY_RES_IGNORED). */
sy_result sy_decide(sy_app *app, sy_action a);
/* Save the cursor and everything kept; when a save fails, ask first
 * (or, with nobody to ask, write rescue copies).  true: the session may
 * end. */
bool sy_decide_quit(sy_app *app);

/* ------------------------------------------------------------ forms.c */

/* e: fix the current item's fields in a form. */
sy_result sy_forms_fix(sy_app *app);
/* Add an item over the current selection (visual mode): asks statistic
 * or section, then opens the form prefilled by the core's parser. */
sy_result sy_forms_add(sy_app *app);

/* ------------------------------------------------------------ filter.c */

/* f: choose what the items list shows: all, pending, a status, any tag of
 * the batch or of the config, or a tag typed. */
sy_result sy_filter_menu(sy_app *app);
/* The provenance conditions of L's filter (source, score range,
 * disagreement) as ", from X, score A-B, sources disagree" into OUT
 * ("" when none). */
void sy_filter_describe(const sy_list *l, char *out, size_t cap);

#endif
