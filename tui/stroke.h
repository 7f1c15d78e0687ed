/* stroke.h - decisions in one stroke (issue 13): propagating the current
 * item's decision to every pending item of the batch with the same
 * pattern (core/session/bulk.h), after a preview; accepting every
 * pending item the filter shows, after a confirmation naming the count.
 * Each is one step for undo (a propagation reaching other reports is
 * taken back in all of them by one undo, as long as nothing was decided
 * after it).  The core does the work; this asks and shows. */
#ifndef SY_STROKE_H
#define SY_STROKE_H

#include <stdbool.h>

#include "state.h"

/* P: preview, then propagate. */
void sy_stroke_propagate(sy_app *app);
/* A: confirm, then accept what the filter shows. */
void sy_stroke_bulk_accept(sy_app *app);
/* u (REDO false): when the last propagation is the last thing done, undo
 * it in every report it reached and return true; C-r (REDO true): when
 * that undo is the last thing done, redo it in every report it reached
 * and return true; else false (an ordinary undo or redo). */
bool sy_stroke_undo(sy_app *app, bool redo);
/* Forget the last propagation (the app closes). */
void sy_stroke_free(sy_app *app);

#endif
