/* reports.h - opening the reports of the batch: the one to start with,
 * the next and previous past those that cannot be opened, and the ways
 * out when one cannot be opened as it is (someone else's lock: look
 * read-only or break it; an unreadable annotation file: review a fresh
 * extraction beside it).  The batch's bookkeeping is batch.c's.
 */
#ifndef SY_REPORTS_H
#define SY_REPORTS_H

#include <stdbool.h>
#include <stddef.h>

#include "state.h"

/* Progress of every report (opening one extracts it when it has no
 * annotation file yet, as opening the batch promises).  0, or -1 on
 * OOM. */
int sy_reports_scan(sy_app *app);
/* The report to start with: the one last worked on (its annotation file
 * written last) if it still has pending items, else the first that has. */
size_t sy_reports_first(const sy_app *app);
/* Open report I of the batch (closing the current one, or keeping it in
 * memory when its decisions cannot be saved); false (and said) when it
 * cannot be opened. */
bool sy_reports_open(sy_app *app, size_t i);
/* Open the report after (DIR 1) or before (-1) the current one, passing
 * the reports that cannot be opened (each marked unreadable, and named on
 * the status line); when none opens, the current one stays. */
void sy_reports_step(sy_app *app, int dir);
/* Remember the current report and item for the next session; a failure
 * is said. */
void sy_reports_remember(sy_app *app);

#endif
