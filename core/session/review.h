/* review.h - reviewing one report: the reviewer's decisions on its items,
 * each one applied to the model, recorded for undo and redo, and saved at
 * once through the atomic writer (no save key to forget).
 *
 * An sy_file owns its report (sy_source), its annotation model (sy_annot)
 * and its history.  Items are named by sy_item_ref; an index is valid until
 * the next command (adding an item or undoing re-sorts the lists), so keep
 * ids across commands and look them up again with sy_item_find.
 *
 * Error convention: every command returns SY_OK, or a failure with ERR
 * filled.  A command whose change was applied but whose save failed
 * returns SY_ERR_UNSAVED ("applied", apart from a failure that did
 * nothing): the decision stays in memory (f->saved is false,
 * f->save_error says why) and the next command or sy_file_save retries.
 * Nothing is ever dropped because a save failed.
 *
 * Written in core/session/: file.c (opening, saving, the journal,
 * closing), lookup.c (items, progress, cursor), edit.c (undo, redo),
 * commands.c (the decisions), review.c (proposed values), resolve.c
 * (conflicts), batch.c (sy_review_expand), review_sync.c (merging what
 * others wrote); what they share is in review_priv.h.  The prefill of an
 * added item is the extractor's (extract/propose.h).
 */
#ifndef SY_REVIEW_H
#define SY_REVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "model/annot.h"
#include "base/error.h"
#include "session/lock.h"
#include "session/ondisk.h"
#include "text/source.h"

typedef enum sy_item_kind {
	SY_ITEM_DOCUMENT,    /* the document facts (index 0) */
	SY_ITEM_SECTION,
	SY_ITEM_STAT
} sy_item_kind;

typedef struct sy_item_ref {
	sy_item_kind kind;
	size_t index;        /* into annot.sections / annot.stats */
} sy_item_ref;

typedef struct sy_edit sy_edit;      /* one undoable change (edit.c) */

typedef struct sy_file {
	char *report_path;   /* as given, owned */
	char *annot_path;    /* NAME.yaml beside the report, owned */
	sy_source src;
	sy_annot annot;
	bool created;        /* the annotation file was made by extraction
				when this file was opened */
	bool saved;          /* the file on disk holds every decision */
	char save_error[512];/* why the last save failed, "" when saved */
	char *reviewer;      /* written to review.reviewer, owned */
	/* Durability: for an ordinary file every decision rewrites it.  For a
	 * large one (sy_journal_min_bytes), each decision is appended to the
	 * journal (journal.h) instead and the file is rewritten by
	 * sy_file_flush (when idle, on leaving, on quitting). */
	char *journal_path;  /* NAME.yaml.journal, owned */
	size_t njournal;     /* records in the journal not yet in the file */
	bool journal_mode;   /* the file is large (sy_journal_min_bytes) */
	bool need_full;      /* a journal append failed: save in full */
	size_t recovered;    /* journal records replayed when opening */
	size_t nreviewed;    /* items not pending, kept up to date */
	/* the report had changed since the file was written: its items were
	 * found again (reanchor.h); those that could not be are kept, tagged
	 * lost-anchor, and named here */
	bool reanchored;
	size_t moved, lost;
	char lost_ids[256];  /* "n3, n7, ..." (cut when long) */
	sy_lock lock;        /* NAME.yaml.lock, held while the file is open */
	bool read_only;      /* opened without the lock: nothing is written */
	const char *ro_why;  /* static: why it was opened read-only on its own
				("folder not writable", writable.h); NULL */
	sy_lock_info holder; /* who holds the lock when read_only */
	bool cursor_moved;   /* review.cursor changed since the last save */
	sy_edit **undo, **redo;   /* stacks, owned */
	size_t *id_hint;     /* where ids were last found (lookup.c, item.h),
				owned; checked before use, NULL: none */
	size_t nundo, nredo, capundo, capredo;
	/* Others writing the file (issue 10, review_sync.h): the file as we
	 * last read or wrote it, and the state before each item changed
	 * since then (the merge base is the model with those put back). */
	sy_ondisk disk;
	sy_edit **unsaved;   /* one per item (its state [0]), owned */
	size_t nunsaved, capunsaved;
	unsigned long generation; /* review.generation as last read or
				written: every full write adds one */
	bool shared;         /* --shared: no lock; every write merges */
	bool lock_lost;      /* our lock was broken or removed: read-only,
				and the decisions not yet written are kept
				for the rescue file (saved stays false) */
	char notice[512];    /* what the last write found on disk (a merge,
				a lost lock), for the status line (in the
				reader's language); "" none */
	bool notice_conflicts; /* the merge of the notice left conflicts */
} sy_file;

/* The annotation file path for REPORT (NAME.yaml beside NAME.txt).  New
 * string, caller frees; NULL on OOM. */
char *sy_review_annot_path(const char *report);

/* Open REPORT for review, taking the file's lock: load it; when the
 * report has changed since the file was written (sha256), find every item
 * again in the new text (reanchor.h), keep the ones that cannot be placed
 * (tagged lost-anchor, listed in f->lost_ids) and save; load its annotation file, or, when
 * there is none, extract it and save the new file (f->created).  A journal
 * left beside the annotation file is replayed, the file rewritten and the
 * journal removed (f->recovered says how many decisions it held); a
 * journal that cannot be read is refused, and both files left alone.  An
 * annotation file that cannot be read is refused (never overwritten), with
 * its file:line:column message.  REVIEWER (may be NULL) is recorded in
 * review.reviewer on every save.  On failure *F is left empty. */
sy_status sy_file_open(sy_file *f, const char *report, const char *reviewer,
		       sy_error *err);
/* The same with the annotation file at ANNOT_PATH (NULL: the default
 * beside the report), e.g. a fresh extraction beside an unreadable one. */
sy_status sy_file_open_at(sy_file *f, const char *report, const char *annot_path,
			  const char *reviewer, sy_error *err);

/* How to open: the lock (lock.h) is taken unless READ_ONLY; BREAK_LOCK
 * takes it from whoever holds it.  A file that cannot be written where it
 * is (a read-only folder, file or file system: writable.h) is opened
 * read-only on its own, f->ro_why saying why.  Read-only, a report with
 * no annotation file yet is extracted in memory (nothing written).  Opening a file someone else holds
 * fails with SY_ERR_EXISTS and *HOLDER (may be NULL) says who; open it
 * again with SY_OPEN_READ_ONLY to look without writing. */
enum { SY_OPEN_READ_ONLY = 1, SY_OPEN_BREAK_LOCK = 2, SY_OPEN_SHARED = 4 };
sy_status sy_file_open_ex(sy_file *f, const char *report, const char *annot_path,
			  const char *reviewer, unsigned flags,
			  sy_lock_info *holder, sy_error *err);
void sy_file_close(sy_file *f);

/* Write the model now in full (review.updated = now, UTC) and remove the
 * journal.  Also retries a failed save.  Every write (this, a journal
 * record, a flush) first checks the file on disk (review_sync.h): when
 * someone else changed it, their version is merged in, the merged model
 * becomes F's and is written, and f->notice says what happened; when our
 * lock was broken or removed, nothing is written (SY_ERR_IO, f->lock_lost,
 * f->read_only). */
sy_status sy_file_save(sy_file *f, sy_error *err);
/* Look at the file on disk now (with --shared: on each key and idle
 * tick): when someone else changed it, merge it in as a write does, and
 * write the result when it holds something the file lacks.  *CHANGED:
 * the model may have changed (f->notice says how).  Cheap when nothing
 * changed: one stat of the file and one of the journal. */
sy_status sy_file_sync(sy_file *f, bool *changed, sy_error *err);
/* Rewrite the annotation file if the journal holds decisions it lacks
 * (no-op otherwise): call when idle, before leaving a report, on quit. */
sy_status sy_file_flush(sy_file *f, sy_error *err);
/* Store the cursor (a full save; nothing when the cursor has not moved),
 * for leaving a report or quitting: a clean quit leaves no journal. */
sy_status sy_file_save_cursor(sy_file *f, sy_error *err);
/* When the annotation file cannot be written and the session must end:
 * write the model to a rescue file ($SHENYUE_RESCUE_DIR, else $HOME, else
 * /tmp: NAME.rescue-YYYYMMDDTHHMMSSZ.yaml) and put its path in PATH (room
 * for CAP).  The annotation file is not touched. */
sy_status sy_file_rescue(sy_file *f, char *path, size_t cap, sy_error *err);
/* True when the journal holds decisions the annotation file lacks. */
bool sy_file_pending_flush(const sy_file *f);
/* An annotation file larger than this many bytes is kept up to date
 * through the journal (default 256 KiB, a few thousand items: beyond that
 * a rewrite per keystroke is noticeable); 0: always journal (tests).  By
 * size, not by how long a save took, so that what is written where does
 * not depend on how busy the machine is. */
extern size_t sy_journal_min_bytes;

/* ------------------------------------------------------------ items */

/* Number of items: 1 (the document) + sections + statistics. */
size_t sy_file_item_count(const sy_file *f);
/* Find the item with ID ("document", "s3", "n12"). */
bool sy_item_find(const sy_file *f, const char *id, sy_item_ref *out);
/* The id of IT ("document" for the document facts); valid until the next
 * command. */
const char *sy_item_id(const sy_file *f, sy_item_ref it);
/* IT's review state (status, tags, note); NULL for the document, whose
 * status is f->annot.doc.status. */
const sy_review *sy_item_review(const sy_file *f, sy_item_ref it);
sy_review_status sy_item_status(const sy_file *f, sy_item_ref it);
/* IT's span; false for the document (no span). */
bool sy_item_span(const sy_file *f, sy_item_ref it, size_t *start, size_t *end);

/* Progress: items (document included) not pending, and all items. */
void sy_file_progress(const sy_file *f, size_t *reviewed, size_t *total);

/* The item under the cursor, stored as review.cursor (saved with the next
 * save; sy_file_save to write it now).  Returns false when the stored
 * cursor names no item. */
void sy_file_set_cursor(sy_file *f, sy_item_ref it);
bool sy_file_cursor(const sy_file *f, sy_item_ref *out);

/* ------------------------------------------------------------ commands */

/* Accept: pending/rejected -> accepted, or fixed when the item has a
 * `proposed` (the reviewer changed it before); added stays added. */
sy_status sy_review_accept(sy_file *f, sy_item_ref it, sy_error *err);
/* Reject: -> rejected (proposed kept).  Not for the document.  An added
 * item is removed instead (undo brings it back). */
sy_status sy_review_reject(sy_file *f, sy_item_ref it, sy_error *err);

/* Fix a statistic: its value, has_value, unit, approx, value_max,
 * has_value_max and subject become those of NEW (other fields of NEW are
 * ignored); fields that break a rule of validate.h are refused
 * (SY_ERR_USAGE, "FILE: ID: FIELD: why"), as are a section level outside
 * 1-4, document facts with a bad year or date, and a tag that is not one
 * word.  Fields that differ from what the extractor said are recorded
 * under `proposed` (first change only: proposed always holds the
 * extractor's values); status becomes fixed (added stays added). */
sy_status sy_review_fix_stat(sy_file *f, size_t i, const sy_stat *new_fields,
			  sy_error *err);
/* Fix a section's level, marker and title, likewise. */
sy_status sy_review_fix_section(sy_file *f, size_t i, int level,
			     const char *marker, const char *title,
			     sy_error *err);
/* Fix the document facts (title, issuer, region, year, date of NEW).
 * The document's `proposed` is kept as the key `proposed` of
 * annot.doc.extra (the model has no field for it). */
sy_status sy_review_fix_document(sy_file *f, const sy_docfacts *new_facts,
			      sy_error *err);

/* Move IT's span: start += DSTART, end += DEND (each -1, 0 or +1 from the
 * keys < > , .), kept within 0 <= start < end <= chars.  A statistic's
 * text follows its span.  Status as for a fix (start/end/text recorded
 * under proposed). */
sy_status sy_review_move_span(sy_file *f, sy_item_ref it, int dstart, int dend,
			   sy_error *err);

/* Toggle TAG on IT (the document has no tags). */
sy_status sy_review_tag(sy_file *f, sy_item_ref it, const char *tag,
		     sy_error *err);
/* Set IT's note ("" removes it). */
sy_status sy_review_note(sy_file *f, sy_item_ref it, const char *note,
		      sy_error *err);

/* Add a statistic over [START, END) of the text, status added, a fresh id,
 * fields prefilled by the core's parser (value, unit, approx, subject,
 * section); or a section (level, marker and title from the heading
 * parser, else level of the section before it, marker and title from the
 * text).  *OUT names the new item. */
sy_status sy_review_add_stat(sy_file *f, size_t start, size_t end,
			  sy_item_ref *out, sy_error *err);
sy_status sy_review_add_section(sy_file *f, size_t start, size_t end,
			     sy_item_ref *out, sy_error *err);
/* Adding in two steps, for a form: the item that adding [START, END)
 * would make, prefilled as above, into *OUT (the caller's: free it with
 * sy_prefill_free), without adding anything; then the add itself with
 * the fields the reviewer settled on (a statistic's value, unit, approx,
 * value_max and subject; a section's level, marker and title; FIELDS
 * NULL: as prefilled), refused like a fix when they break a rule
 * (validate.h).  One command: one undo step. */
sy_status sy_add_prefill_stat(const sy_file *f, size_t start, size_t end,
			      sy_stat *out, sy_error *err);
sy_status sy_add_prefill_section(const sy_file *f, size_t start, size_t end,
				 sy_section *out, sy_error *err);
void sy_prefill_free(sy_stat *stat, sy_section *section);
sy_status sy_review_add_stat_as(sy_file *f, size_t start, size_t end,
			     const sy_stat *fields, sy_item_ref *out,
			     sy_error *err);
sy_status sy_review_add_section_as(sy_file *f, size_t start, size_t end,
				const sy_section *fields, sy_item_ref *out,
				sy_error *err);

/* A conflict left by a merge or an adjudication (merge.h) on IT: the
 * `conflict:` record ({theirs: {FIELD: VALUE...} or "deleted", ours:
 * "deleted", reviewer: NAME}), or NULL when IT has none. */
const sy_node *sy_item_conflict(const sy_file *f, sy_item_ref it);
/* Settle IT's conflict: keep the version in the file (!THEIRS) or take the
 * other one (THEIRS: the fields recorded under conflict: theirs), and
 * remove the tag `conflict` and the record.  Taking the side that deleted
 * the item removes it.  SY_ERR_USAGE when IT has no conflict. */
sy_status sy_review_resolve(sy_file *f, sy_item_ref it, bool theirs, sy_error *err);

/* Undo the last command / redo the last undone one; *WHERE (may be NULL)
 * names the item it touched.  SY_ERR_USAGE with "nothing to undo" when
 * the stack is empty.  A new command clears the redo stack. */
sy_status sy_review_undo(sy_file *f, sy_item_ref *where, sy_error *err);
sy_status sy_review_redo(sy_file *f, sy_item_ref *where, sy_error *err);
/* Free one edit of the stacks (for an sy_history kept apart, history.h). */
void sy_edit_free(sy_edit *e);

/* ------------------------------------------------------------ batches */

/* Expand ARGS (reports, or folders: every *.txt in them, in name order)
 * into a list of report paths.  *OUT is a new array of new strings
 * (caller frees each and the array).  A path that does not exist, or a
 * folder with no report, is an error naming it. */
sy_status sy_review_expand(char *const *args, size_t nargs, char ***out,
			   size_t *nout, sy_error *err);

#endif
