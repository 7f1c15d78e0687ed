/* order.h - the order the reviewer visits pending items in (issue 13,
 * `review --order`): the batch's items kept in app->queue
 * (core/session/queue.h), filled as the batch is scanned, statuses
 * brought up to date as a report is left, and the next or previous
 * pending item in that order opened, in whichever report it is.
 * Document order keeps the old ] and [ (within the report). */
#ifndef SY_ORDER_H
#define SY_ORDER_H

#include <stdbool.h>
#include <stddef.h>

#include "state.h"

/* Report I (open in app->file, or F) was read: add its items when the
 * queue lacks them.  Sorted on next use.  (The batch's scan adds every
 * report; a report reviewed alone in document order is added only when
 * P or O needs it, so that opening it costs nothing more.) */
void sy_order_add(sy_app *app, size_t i, const sy_file *f);
/* Report I (F) is being left or was changed: its statuses into the
 * queue. */
void sy_order_update(sy_app *app, size_t i, const sy_file *f);
/* Go to the next (DIR 1) or previous pending item in the order in force
 * (opening its report); false when there is none (nothing said). */
bool sy_order_step(sy_app *app, int dir);
/* O: the next order (document, uncertain, disagreement), said. */
void sy_order_cycle(sy_app *app);
/* The order's name for the status line, NULL for document order. */
const char *sy_order_label(const sy_app *app);

#endif
