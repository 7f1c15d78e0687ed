/* merge.h - three-way merge of annotation files (`shenyue merge`, usable
 * as a git merge driver).
 *
 * BASE is the common ancestor, OURS and THEIRS two reviews of it.  Items
 * are matched by id.  An item changed on one side only is taken from that
 * side; changed identically on both, taken once; changed on both in
 * different fields, merged field by field (tags as sets: a tag added on
 * either side is in, a tag removed on one side and kept on the other is
 * out; `proposed`, the extractor's values of the fields each side fixed,
 * key by key).  When both sides changed the same field to different
 * values (or the same key of `proposed`), the item is a conflict: it
 * keeps OURS's version as it is, gets the tag `conflict` and an unknown
 * key
 *
 *     conflict: {theirs: {FIELD: THEIRS'S VALUE, ...}, reviewer: NAME}
 *
 * listing every field where THEIRS differs from OURS; an item that already
 * carries an unsettled record keeps its alternatives (and THEIRS's) under
 * the new record's key `earlier` (conflict.h).  An item deleted on
 * one side and changed on the other is kept (the changed version) as a
 * conflict whose record is `theirs: deleted` or `ours: deleted`, with the
 * reviewer of the side that deleted it.  Items added on one side are kept;
 * added on both with the same id and span they are one item (merged as
 * above with no base); two different items that were given the same id
 * are both kept, THEIRS's getting a fresh id (one past every id either
 * side has used, review.next-ids included), with THEIRS's references to
 * it (a statistic's `section`, the cursor) following.  An item THEIRS
 * added that is identical, span and fields, to one OURS added under
 * another id is kept once, as OURS's.
 *
 * The document facts merge by the same rules (conflict record under
 * document's key `conflict`, its `proposed` key merged as a field).
 * Unknown keys anywhere merge key by key (a key changed on one side takes
 * that side's value; changed on both: OURS's).  The review block: the
 * reviewers' names joined ("wang, li"), the later `updated`, OURS's cursor
 * (THEIRS's when OURS has none), review.next-ids the largest of both and of
 * the merged ids.
 *
 * BASE may be NULL (no common ancestor: everything is "added on both").
 */
#ifndef SY_MERGE_H
#define SY_MERGE_H

#include <stddef.h>

#include "model/annot.h"
#include "base/error.h"

/* What a merge did, for the summary.  Owns its strings. */
typedef struct sy_merge_report {
	size_t same;           /* items equal on both sides (kept) */
	size_t from_ours;      /* changed only by OURS */
	size_t from_theirs;    /* changed only by THEIRS */
	size_t merged;         /* changed by both, without conflict */
	size_t added_ours, added_theirs, added_both;
	size_t deleted;        /* items removed (by one side or both) */
	char **conflicts;      /* ids of conflicting items ("document" too) */
	size_t nconflicts, capconflicts;
	char **renamed;        /* "n36 -> n38": THEIRS's items given fresh ids */
	size_t nrenamed, caprenamed;
	char **dropped;        /* "n37 = n36": THEIRS's duplicates of OURS's */
	size_t ndropped, capdropped;
} sy_merge_report;

/* Refuse (SY_ERR_USAGE, with a message naming them by NAMES[0..2], or
 * "BASE", "OURS", "THEIRS" when NAMES is NULL) files that annotate
 * different reports: source.sha256 must be the same in all three.  BASE
 * may be NULL. */
sy_status sy_merge_check_sources(const sy_annot *base, const sy_annot *ours,
				 const sy_annot *theirs,
				 const char *const names[3], sy_error *err);

/* Free what REP owns and zero it. */
void sy_merge_report_free(sy_merge_report *rep);

/* Merge into *OUT (initialised here, owned by the caller: sy_annot_free,
 * also after a failure).  BASE may be NULL.  THEIRS is changed on the way:
 * its colliding added items get their fresh ids, and its references to
 * them follow.  Sources must be the same report (source.sha256) in all
 * three, or SY_ERR_USAGE is returned with a message.  *REP (initialised
 * here; free with sy_merge_report_free in all cases) says what was done;
 * rep->nconflicts > 0 means the result holds conflicts.  SY_OK, or
 * SY_ERR_NOMEM / SY_ERR_LIMIT / SY_ERR_USAGE with ERR filled. */
sy_status sy_merge(const sy_annot *base, const sy_annot *ours,
		   sy_annot *theirs, sy_annot *out, sy_merge_report *rep,
		   sy_error *err);

/* Append the names in LIST ("wang, li") not yet in *OUT (a new string
 * or NULL, reallocated) to it, comma-separated.  0, or -1 on OOM. */
int sy_names_add(char **out, const char *list);

#endif
