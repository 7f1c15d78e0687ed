/* sections_of.h - which section holds each statistic (a statistic's
 * `section`, format.md), kept right when the sections change.
 *
 * The rule: a section holds the text from its heading to the next heading
 * of the same or a higher level; the innermost section holding a point is
 * then the last section whose heading starts at or before it (a heading
 * between them would be deeper, or would close it).  This is the rule the
 * extractor follows as it reads (extract.c: a statistic falls in the
 * section open where it stands; on a tie the heading comes first).  A
 * rejected section is not a section: it holds nothing, and what stands
 * under its heading belongs to the section that holds the heading.  So
 * the levels never change the answer; only the sections' starts and
 * which of them are rejected do.
 *
 * A change of one section (added, removed, moved, rejected or taken back,
 * its level or title changed) can only change the statistics from its
 * start (before or after the change, the lower) up to the next section
 * that is not rejected after both: those are recomputed, and every change
 * is logged so that undo and redo restore the exact ids the statistics
 * had (even ids a hand edit had left wrong).
 *
 * A sy_secids owns its strings; a zeroed one is empty.  Nothing here
 * allocates when applied again (sy_secids_swap), so undo cannot fail
 * half-way.
 */
#ifndef SY_SECTIONS_OF_H
#define SY_SECTIONS_OF_H

#include <stddef.h>

#include "model/annot.h"

/* The id of the innermost section of A, not rejected, holding code point
 * AT (the last one starting at or before AT), or NULL when none does.
 * A's sections are in start order.  O(log n) plus the rejected sections
 * just before AT. */
const char *sy_section_holding(const sy_annot *a, size_t at);

/* One statistic whose `section` a section change changed. */
typedef struct sy_secid {
	char *stat;          /* the statistic's id, owned */
	size_t start;        /* its start (to find it again quickly) */
	size_t index;        /* where it was (a hint, checked) */
	char *other;         /* the id it does not hold now (NULL: null),
				owned: swapped with its `section` */
} sy_secid;

typedef struct sy_secids {
	sy_secid *v;
	size_t n, cap;
} sy_secids;

/* After one section of A changed from BEFORE to AFTER (either NULL when
 * it did not exist in that state; both the states' own copies, A already
 * holding AFTER): give every statistic that may be affected the section
 * that holds it now, logging each change in *LOG (which must be empty).
 * 0, or -1 on OOM with A and *LOG unchanged. */
int sy_secids_update(sy_annot *a, const sy_section *before,
		     const sy_section *after, sy_secids *log);

/* Undo (or redo) the changes in LOG: each logged statistic of A gets back
 * the id it had before (after).  A statistic no longer in A is passed
 * over.  Never fails, never allocates. */
void sy_secids_swap(sy_annot *a, sy_secids *log);

/* The statistics of A that LOG names, as they are now, into *OUT: a new
 * array of *N shallow copies (the strings stay A's; the caller frees the
 * array only), NULL when there are none: for a journal record that
 * carries them with the section change.  0, or -1 on OOM. */
int sy_secids_stats(const sy_annot *a, const sy_secids *log, sy_stat **out,
		    size_t *n);

void sy_secids_free(sy_secids *log);

#endif
