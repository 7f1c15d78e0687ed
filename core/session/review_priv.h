/* review_priv.h - what review.c shares with review_sync.c (the writes
 * that merge what others wrote).  Not for use outside core/review*.c.
 */
#ifndef SY_REVIEW_PRIV_H
#define SY_REVIEW_PRIV_H

#include "session/review.h"
#include "extract/sections_of.h"

/* One undoable change of one item.  [0] is the state before, [1] after;
 * only the member of the item's kind is used. */
struct sy_edit {
	sy_item_kind kind;
	char *id;              /* the item's id, owned */
	bool exists[2];        /* the item exists in that state */
	sy_section sec[2];
	sy_stat stat[2];
	sy_docfacts doc[2];    /* title, issuer, region, year, date, status,
				  extra */
	sy_secids held;        /* a section's: the statistics whose section
				  it changed (sections_of.h) */
};

/* Whether two items of KIND (sy_section or sy_stat) are equal. */
bool sy_rv_item_eq(sy_item_kind kind, const void *a, const void *b);
bool sy_rv_doc_eq(const sy_docfacts *a, const sy_docfacts *b);
/* Replay the journal beside F's annotation file into F's model (F may be
 * a scratch sy_file holding only annot, annot_path and journal_path). */
sy_status sy_rv_replay_journal(sy_file *f, size_t *n, bool *exists,
			       sy_error *err);
/* The writes themselves, the on-disk check done (review_sync.c): the
 * whole model, or the journal record of item ID of KIND. */
sy_status sy_rv_write_full(sy_file *f, sy_error *err);
sy_status sy_rv_write_journal(sy_file *f, sy_item_kind kind, const char *id,
			      const sy_secids *held, sy_error *err);
/* After the model was replaced: counters and ids read again. */
void sy_rv_model_replaced(sy_file *f);
/* Record a failed save (f->save_error, f->saved false); SY_ERR_IO. */
sy_status sy_rv_save_failed(sy_file *f, const char *msg, sy_error *err);

/* review_sync.c: check the file on disk (and our lock) before a write
 * and merge what others wrote, then write (FULL: the whole file, else the
 * journal record of ID, with the statistics HELD whose section it changed,
 * may be NULL).  Holds the folder guard (ondisk.h) throughout. */
sy_status sy_sync_write(sy_file *f, bool full, sy_item_kind kind,
			const char *id, const sy_secids *held, sy_error *err);
/* Note that item ID of E is about to change from E's state W (the merge
 * base keeps the first such state until the next write).  -1 on OOM. */
int sy_sync_note(sy_file *f, const sy_edit *e, int w);
/* review: generation of A (0 when it has none), and set it (-1 on OOM). */
unsigned long sy_sync_generation(const sy_annot *a);
int sy_sync_set_generation(sy_annot *a, unsigned long g);
/* Forget the noted states (after a write). */
void sy_sync_forget(sy_file *f);

#endif
