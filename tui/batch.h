/* batch.h - moving through the batch without losing one's place: going
 * to the next or previous report past those that cannot be opened, the
 * undo history of every report visited kept for the whole session, the
 * place remembered between sessions (core/position.h), the tags seen in
 * the batch (for the filter), and the adjudicator's name added to the
 * reviewers'.  Bookkeeping only: it opens no report (reports.c does)
 * and draws nothing.
 */
#ifndef SY_BATCH_H
#define SY_BATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "state.h"

/* The open report is about to close: keep its undo and redo stacks (in
 * app->info[app->cur]).  After report I opened: give them back. */
void sy_batch_keep_history(sy_app *app);
void sy_batch_restore_history(sy_app *app, size_t i);

/* Leaving the open report (its save already retried): when its decisions
 * are still not saved, keep its model, lock and all, in
 * app->info[app->cur].held instead of closing it, and say so; true when
 * kept (false: saved, or no memory to keep it: then a rescue copy is
 * written and the caller closes it).  Opening report I again takes a kept
 * model back (true) and retries its save. */
bool sy_batch_hold(sy_app *app);
bool sy_batch_take_held(sy_app *app, size_t i);
/* How many reports other than the open one hold unsaved decisions. */
size_t sy_batch_held(const sy_app *app);
/* Retry the save of every kept model; each saved one is closed.  Returns
 * how many still cannot be saved (ERR: the last failure, with its path). */
size_t sy_batch_retry_held(sy_app *app, sy_error *err);
/* The session ends with decisions not saved: write a rescue copy of F
 * (when unsaved) and of every kept model, saying where on stderr. */
void sy_batch_rescue(sy_app *app, sy_file *f);

/* Report I failed to open with ERR: mark it unreadable (unless it is held
 * by another session), keeping the reason. */
void sy_batch_mark(sy_app *app, size_t i, const sy_error *err);
/* How many reports of the batch are marked unreadable. */
size_t sy_batch_unreadable(const sy_app *app);

/* The report to start with from the position stored for app->batch_key:
 * its index in *I and the item's id in ITEM (room for CAP, "" when none).
 * false when nothing usable is stored. */
bool sy_batch_resume(sy_app *app, size_t *i, char *item, size_t cap);
/* Store the current report and item for app->batch_key (no-op without a
 * key). */
sy_status sy_batch_remember(sy_app *app, sy_error *err);

/* Add the tags of A's items to app->tags (the batch's tags). */
void sy_batch_add_tags(sy_app *app, const sy_annot *a);

/* Adjudicating: the review.reviewer each report's result is saved with:
 * both reviewers (as the merged file names them) and the adjudicator
 * (app->reviewer), in app->info[i].reviewer. */
void sy_batch_adjudicators(sy_app *app);

/* Free what the batch functions keep in APP (histories, reasons, tags,
 * the key). */
void sy_batch_free(sy_app *app);

#endif
