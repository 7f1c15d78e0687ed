/* conflict.h - the record of an unsettled merge conflict on an item (or
 * the document facts): its unknown key `conflict` (merge.h), holding
 * every alternative until someone settles it.
 *
 * A record is a mapping: the newest alternative (`theirs: {FIELD: VALUE,
 * ...}` or `theirs: deleted` / `ours: deleted`, and `reviewer`), and,
 * when an earlier merge left alternatives that are not settled yet, the
 * key `earlier`: a list of records of the same shape (without `earlier`),
 * oldest first, each alternative once:
 *
 *     conflict:
 *       theirs: {value: 32}
 *       reviewer: li
 *       earlier:
 *       - theirs: {value: 23}
 *         reviewer: zhao
 *
 * Older readers see an unknown key and keep it as it is; the newest
 * alternative stays where format 1 had its only one.
 */
#ifndef SY_CONFLICT_H
#define SY_CONFLICT_H

#include "model/node.h"

/* NEWEST (a record, taken) with the alternatives of the records A and B
 * (each may be NULL; not taken; A's first) put under its `earlier`: theirs
 * and their own earlier ones, oldest first, dropping repeats and any equal
 * to NEWEST.  Returns NEWEST, or NULL on OOM (NEWEST freed then). */
sy_node *sy_conflict_join(sy_node *newest, const sy_node *a, const sy_node *b);

/* Once the newest alternative of the record REC is settled: the record
 * that remains, a new node (the last of `earlier`, carrying the others),
 * or NULL when none remains.  *OOM is set when memory ran out (NULL). */
sy_node *sy_conflict_next(const sy_node *rec, bool *oom);

#endif
