/* history.h - an sy_file's undo and redo stacks kept while the file is
 * closed, so that "undo without limit" holds for the whole session: the
 * review screen detaches them when it leaves a report and attaches them
 * again when it comes back.
 *
 * The edits name items by id and hold the states before and after, so
 * they apply to the file reopened in the same session.  An sy_history
 * owns its edits; a zeroed one is empty.
 */
#ifndef SY_HISTORY_H
#define SY_HISTORY_H

#include <stddef.h>

#include "session/review.h"

typedef struct sy_history {
	sy_edit **undo, **redo;   /* owned */
	size_t nundo, nredo, capundo, capredo;
} sy_history;

/* Move F's stacks into *H (whatever *H held is not freed); F is left
 * with none. */
void sy_history_detach(sy_file *f, sy_history *h);
/* Give *H's stacks to F (freeing F's own, which a file just opened has
 * empty); *H is left empty. */
void sy_history_attach(sy_file *f, sy_history *h);
/* Free what *H holds and zero it. */
void sy_history_free(sy_history *h);

#endif
