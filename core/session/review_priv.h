/* review_priv.h - what the files of a review session (review.h) share:
 * file.c (opening, saving, the journal), lookup.c (items by id), edit.c
 * (edits, undo, redo), commands.c, resolve.c (conflicts), review.c
 * (proposed values) and review_sync.c (the writes that merge what others
 * wrote).  Not for use outside core/session/.
 *
 * Error convention as review.h: sy_status, ERR filled on failure; the
 * int helpers return 0, or -1 on OOM with nothing changed.
 */
#ifndef SY_REVIEW_PRIV_H
#define SY_REVIEW_PRIV_H

#include "session/review.h"
#include "extract/sections_of.h"
#include "model/item.h"
#include "model/schema.h"

#define SY_DOC_ID "document"   /* the id of the document facts */

/* The key of a review field (model/schema.h): status, tags, note,
 * proposed.  The document keeps its `proposed` among its unknown keys
 * (doc.extra). */
static inline const char *sy_rv_rev_key(enum sy_rev_field f)
{
	static const char *const keys[] = { SY_REVIEW_FIELDS(SY_FIELD_KEY) };

	return keys[f];
}

/* One undoable change of one item.  [0] is the state before, [1] after;
 * only the member of the item's kind is used.  Owns everything in it
 * (sy_edit_free). */
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
	bool joined;           /* one step with the edit below it on the
				  undo stack (a group: bulk.h) */
};

/* ------------------------------------------------------------ lookup.c */

/* The index of the section (KIND SY_ITEM_SECTION) or statistic with ID
 * in F's model, or SY_ID_NONE (item.h); remembered in f->id_hint. */
size_t sy_rv_find(const sy_file *f, sy_item_kind kind, const char *id);
/* Does IT name an item of F? */
bool sy_rv_ref_valid(const sy_file *f, sy_item_ref it);
/* The items of F that are not pending, counted (at open; kept up to date
 * by the edits after that). */
size_t sy_rv_count_reviewed(const sy_file *f);

/* ------------------------------------------------------------ file.c */

/* The usual refusals: out of memory (SY_ERR_NOMEM), no such item
 * (SY_ERR_USAGE), a change to a file opened read-only (SY_ERR_USAGE). */
sy_status sy_rv_nomem(const sy_file *f, sy_error *err);
sy_status sy_rv_no_item(const sy_file *f, sy_error *err);
sy_status sy_rv_read_only(const sy_file *f, sy_error *err);
/* Record a failed save (f->save_error, f->saved false); SY_ERR_IO. */
sy_status sy_rv_save_failed(sy_file *f, const char *msg, sy_error *err);
/* Make the decision just applied to item ID durable: the whole file when
 * that is quick, else a journal record (with the statistics HELD whose
 * section it changed, may be NULL). */
sy_status sy_rv_persist(sy_file *f, sy_item_kind kind, const char *id,
			const sy_secids *held, sy_error *err);
/* The writes themselves, the on-disk check done (review_sync.c): the
 * whole model, or the journal record of item ID of KIND. */
sy_status sy_rv_write_full(sy_file *f, sy_error *err);
sy_status sy_rv_write_journal(sy_file *f, sy_item_kind kind, const char *id,
			      const sy_secids *held, sy_error *err);
/* After the model was replaced: counters and ids read again. */
void sy_rv_model_replaced(sy_file *f);

/* ------------------------------------------------------------ edit.c */

/* Start a command on IT: check it, copy it twice into a new edit *E (the
 * caller's: sy_edit_free).  SY_ERR_USAGE for no such item, SY_ERR_NOMEM. */
sy_status sy_rv_command_begin(const sy_file *f, sy_item_ref it, sy_edit **e,
			      sy_error *err);
/* The review state of the AFTER copy in E (NULL for the document). */
sy_review *sy_rv_after_review(sy_edit *e);
/* Carry out the command E (taken: freed in every case but kept on the
 * undo stack when it changes something): apply its AFTER state, record
 * it, clear the redo stack, save.  A command that changes nothing is not
 * recorded (and keeps the redo stack) but still saves.  *WHERE (may be
 * NULL) names the item. */
sy_status sy_rv_run_edit(sy_file *f, sy_edit *e, sy_item_ref *where,
			 sy_error *err);
/* Carry out the edits E[0..N) (taken, as sy_rv_run_edit) as ONE step:
 * the ones that change something are applied and pushed together (undo
 * and redo take them back as one), the redo stack is cleared, and the
 * file is written once, in full (one save; a journal before it is taken
 * in and removed).  *APPLIED (may be NULL): how many changed something.
 * On OOM nothing of the group stays applied. */
sy_status sy_rv_run_group(sy_file *f, sy_edit **e, size_t n, size_t *applied,
			  sy_error *err);
/* Free F's undo and redo stacks. */
void sy_rv_edits_free(sy_file *f);

/* ------------------------------------------------------------ review.c */

/* After a fix or a move: settle the AFTER state of E from its BEFORE
 * state: an added item stays added, without `proposed`; any other item
 * that changed keeps the extractor's values of the changed fields under
 * `proposed` and becomes fixed, or accepted when nothing differs from
 * them any more.  0, or -1 on OOM (E as it was). */
int sy_rv_settle_edit(sy_edit *e);

/* ------------------------------------------------------------ review_sync.c */

/* Check the file on disk (and our lock) before a write and merge what
 * others wrote, then write (FULL: the whole file, else the journal record
 * of ID, with the statistics HELD whose section it changed, may be NULL).
 * Holds the folder guard (ondisk.h) throughout. */
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
