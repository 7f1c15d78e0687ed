/* annot_read.h - an annotation file as it stands, for the commands that
 * read it without writing it (export, eval, agree, merge's inputs,
 * status, adjudication's sources).
 *
 * After a crash, the decisions made last may be only in NAME.yaml.journal
 * (journal.h) until the report is opened again with `shenyue review`.
 * A reader that took NAME.yaml alone would use a state the reviewer never
 * left it in (an item rejected on screen exported as kept), so every
 * reader loads through here: the file, then the journal's records applied
 * in memory.  Neither the file nor the journal is written.
 */
#ifndef SY_ANNOT_READ_H
#define SY_ANNOT_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "model/annot.h"
#include "base/error.h"
#include "text/source.h"

/* sy_annot_load(PATH), then the records of PATH.journal (when there is
 * one) applied to *A in order.  *REPLAYED (may be NULL) gets the number
 * of records applied (0 without a journal).  A journal that cannot be
 * read or applied (damaged, for another version of the report, not a
 * regular file) is an error naming it that tells the user to open the
 * report with `shenyue review`, which recovers it or says why not.  On
 * success *A owns the result (sy_annot_free); on failure *A is empty. */
sy_status sy_annot_load_current(const char *path, sy_annot *a,
				size_t *replayed, sy_error *err);

/* Apply one journal record (REC, LEN bytes of format-1 YAML holding the
 * new state of one item, or review.journal-delete naming a removed one,
 * and the document facts; a section's record also holds the statistics
 * whose `section` its change changed) to *A.  JPATH and INDEX (0-based) name the
 * record in messages.  SY_ERR_FORMAT for a record that does not parse or
 * that is for another version of the report (source.sha256 differs);
 * SY_ERR_NOMEM.  *A is left sorted, its next ids (annot.h) past every id
 * the record names.  The one replayer: readers, and the review session
 * recovering a journal or reading one another session wrote. */
sy_status sy_journal_apply(sy_annot *a, const char *jpath, const char *rec,
			   size_t len, size_t index, sy_error *err);

/* Apply every record of the journal JPATH to *A (sy_journal_apply, in
 * order; journal.h reads it).  *N: how many; *EXISTS: whether there is a
 * journal (none: SY_OK, *N 0).  On failure *A holds the records before
 * the bad one applied. */
sy_status sy_journal_replay(sy_annot *a, const char *jpath, size_t *n,
			    bool *exists, sy_error *err);

/* Do A's spans fit its report SRC (read from disk)?  When A was made from
 * SRC (the same source.sha256), source.chars must be SRC's length in code
 * points, else SY_ERR_FORMAT "NAME:LINE:COLUMN: source.chars is N, but
 * REPORT has M characters" at the chars key (a hand edit: the sha256
 * alone would let an item beyond the text load); and every item must end
 * within the text ("NAME: item ID: ..." for one that came from a journal
 * record).  A for another version of the report (sha256 differs) is not
 * checked here: the caller re-anchors it (review) or refuses it (export). */
sy_status sy_annot_check_spans(const sy_annot *a, const char *name,
			       const sy_source *src, sy_error *err);

#endif
