/* bulk.h - decisions in one stroke (issue 13): one decision applied to
 * many pending items of a report as ONE step (one undo, one save), each
 * item so decided recording how (`via: propagate` or `via: bulk`,
 * format/provenance.h); and the pattern that tells which items a
 * propagation reaches.
 *
 * The decisions go through the review session's edits (review.h): the
 * same checks (validate.h), the same undo stacks, the same writes.  An
 * item decided later one by one (accept, reject, fix, move) loses its
 * `via` (commands.c).  Error convention as review.h.
 */
#ifndef SY_BULK_H
#define SY_BULK_H

#include <stdbool.h>
#include <stddef.h>

#include "session/review.h"

/* What a stroke does to each item.  STATUS: SY_ACCEPTED (accept: fixed
 * when the item has `proposed`), SY_REJECTED, or SY_PENDING (the status
 * follows the fix, else stays).  UNIT / SUBJECT (statistics only): set
 * when SET_UNIT / SET_SUBJECT (a fix: the extractor's values kept under
 * `proposed`, the item fixed).  TAGS: added where missing.  VIA:
 * "propagate" or "bulk" (model/schema.h SY_VIA_*). */
typedef struct sy_bulk_op {
	sy_review_status status;
	bool set_unit, set_subject;
	const char *unit, *subject;
	const char *const *tags;
	size_t ntags;
	const char *via;
} sy_bulk_op;

/* Apply OP to the items of F named IDS[0..N) that are pending (the
 * others, and ids not found, are passed) as one step: one undo takes it
 * back, the file is written once.  A fix that breaks a rule
 * (validate.h) refuses the whole stroke (nothing applied).  *DONE (may
 * be NULL): how many items changed. */
sy_status sy_review_bulk(sy_file *f, const sy_bulk_op *op,
			 const char *const *ids, size_t n, size_t *done,
			 sy_error *err);

/* The stroke that repeats the decision taken on item IT of F: its
 * status (accepted, rejected; fixed: the unit and subject it was given
 * where they differ from the extractor's), and the tags the reviewer
 * gave it (system tags left out), into *OP (strings F's, valid until
 * F's next command); a pending item with tags: those tags alone.  False
 * when IT carries nothing to repeat (pending without tags, added, the
 * document).  An item left pending gets no `via`. */
bool sy_bulk_op_of(const sy_file *f, sy_item_ref it, sy_bulk_op *op,
		   const char **tagbuf, size_t cap);

/* The propagation pattern of item IT of F: its kind, its text, and the
 * SY_PATTERN_CONTEXT characters on each side of it in the report (within
 * the line), as "S|text|before|after" ("T|..." for a section).  Two
 * items with the same pattern are taken as the same mistake.  New
 * string (caller frees); NULL for the document or on OOM. */
#define SY_PATTERN_CONTEXT 2
/* POS (may be NULL) speeds up a pass over many items in text order: a
 * code point and its byte offset, {0, 0} at first, kept by the calls. */
char *sy_bulk_pattern(const sy_file *f, sy_item_ref it, size_t pos[2]);

/* True when TAG is one the system gives (model/schema.h SY_TAG_*). */
bool sy_bulk_system_tag(const char *tag);

#endif
