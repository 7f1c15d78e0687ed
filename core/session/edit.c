/* edit.c - the edits of a review session (review.h): every command copies
 * the touched item twice into an sy_edit (BEFORE and AFTER), changes the
 * AFTER copy (all allocations happen there, so a failure leaves the model
 * as it was), then makes the model's item equal to AFTER, pushes the edit
 * on the undo stack, clears the redo stack and saves.  Undo makes the item
 * equal to BEFORE again, redo to AFTER.  Edits name their item by id,
 * never by index: the lists are kept sorted by (start, end) and indices
 * shift.  An item that does not exist in a state (before an add, after an
 * added item is rejected) is removed when that state is applied, and
 * inserted again, with the same id, when the other state is.
 */
#include "session/review_priv.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"

/* ------------------------------------------------------------ edits */

void sy_edit_free(sy_edit *e)
{
	if (!e)
		return;
	for (int i = 0; i < 2; i++) {
		sy_section_clear(&e->sec[i]);
		sy_stat_clear(&e->stat[i]);
		sy_doc_clear(&e->doc[i]);
	}
	sy_secids_free(&e->held);
	free(e->id);
	free(e);
}

/* Does E change nothing? */
static bool edit_is_noop(const sy_edit *e)
{
	if (e->exists[0] != e->exists[1])
		return false;
	if (!e->exists[0])
		return true;
	switch (e->kind) {
	case SY_ITEM_SECTION:
		return sy_section_eq(&e->sec[0], &e->sec[1]);
	case SY_ITEM_STAT:
		return sy_stat_eq(&e->stat[0], &e->stat[1]);
	default:
		return sy_doc_eq(&e->doc[0], &e->doc[1]);
	}
}

/* A new edit of IT with both states a copy of the item as it is now.
 * NULL on OOM. */
static sy_edit *edit_begin(const sy_file *f, sy_item_ref it)
{
	sy_edit *e = calloc(1, sizeof *e);
	int bad = 0;

	if (!e)
		return NULL;
	e->kind = it.kind;
	e->exists[0] = e->exists[1] = true;
	e->id = sy_strdup(sy_item_id(f, it));
	for (int i = 0; i < 2; i++) {
		const sy_annot *a = &f->annot;
		if (it.kind == SY_ITEM_SECTION)
			bad |= sy_section_copy(&e->sec[i],
					       &a->sections[it.index]);
		else if (it.kind == SY_ITEM_STAT)
			bad |= sy_stat_copy(&e->stat[i], &a->stats[it.index]);
		else
			bad |= sy_doc_copy(&e->doc[i], &a->doc);
	}
	if (bad || !e->id) {
		sy_edit_free(e);
		return NULL;
	}
	return e;
}

/* Where an item removed from index I of a list now holding N items
 * leaves the cursor. */
static sy_item_ref after_removal(sy_item_kind kind, size_t i, size_t n)
{
	if (n == 0)
		return (sy_item_ref){ SY_ITEM_DOCUMENT, 0 };
	return (sy_item_ref){ kind, i < n ? i : n - 1 };
}

/* A list of items of one kind, seen through its element size and the
 * functions that work on its elements, so that one routine can replace,
 * insert or remove an item of either kind. */
typedef struct item_list {
	sy_item_kind kind;
	void **v;              /* &a->sections or &a->stats */
	size_t *n, *cap;
	size_t size;           /* sizeof one element */
	void (*clear)(void *item);
	int (*copy)(void *dst, const void *src);
	size_t (*start)(const void *item), (*end)(const void *item);
} item_list;

static void clear_section_v(void *p) { sy_section_clear(p); }
static void clear_stat_v(void *p) { sy_stat_clear(p); }
static int copy_section_v(void *d, const void *s) { return sy_section_copy(d, s); }
static int copy_stat_v(void *d, const void *s) { return sy_stat_copy(d, s); }
static size_t start_section(const void *p) { return ((const sy_section *)p)->start; }
static size_t end_section(const void *p) { return ((const sy_section *)p)->end; }
static size_t start_stat(const void *p) { return ((const sy_stat *)p)->start; }
static size_t end_stat(const void *p) { return ((const sy_stat *)p)->end; }

static item_list list_of(sy_annot *a, sy_item_kind kind)
{
	if (kind == SY_ITEM_SECTION)
		return (item_list){ kind, (void **)&a->sections, &a->nsections,
			&a->capsections, sizeof *a->sections,
			clear_section_v, copy_section_v, start_section, end_section };
	return (item_list){ kind, (void **)&a->stats, &a->nstats, &a->capstats,
		sizeof *a->stats, clear_stat_v, copy_stat_v, start_stat,
		end_stat };
}

/* Make item ID of KIND as STATE says (NULL: it does not exist): replace,
 * insert or remove it; *WHERE names it, or the item now in its place.
 * 0, or -1 on OOM with A unchanged. */
static int apply_item(sy_file *f, sy_item_kind kind, const char *id,
		      const void *state, sy_item_ref *where)
{
	sy_annot *a = &f->annot;
	item_list l = list_of(a, kind);
	size_t i = sy_rv_find(f, kind, id);
	union { sy_section sec; sy_stat stat; } u;   /* aligned for either */
	void *tmp = &u;
	char *base;
	bool moved;

	if (!state) {
		if (i != SY_ID_NONE) {
			base = *l.v;
			l.clear(base + i * l.size);
			memmove(base + i * l.size, base + (i + 1) * l.size,
				(*l.n - i - 1) * l.size);
			(*l.n)--;
		}
		*where = after_removal(kind, i, *l.n);
		return 0;
	}
	memset(&u, 0, sizeof u);
	if (l.copy(tmp, state))
		return -1;
	if (i == SY_ID_NONE && sy_grow(l.v, *l.n, l.cap, l.size)) {
		l.clear(tmp);
		return -1;
	}
	base = *l.v;
	if (i == SY_ID_NONE) {
		i = (*l.n)++;
		moved = true;
	} else {
		moved = l.start(base + i * l.size) != l.start(tmp) ||
			l.end(base + i * l.size) != l.end(tmp);
		l.clear(base + i * l.size);
	}
	memcpy(base + i * l.size, tmp, l.size);
	if (moved)                   /* the order can only change then */
		sy_annot_sort(a);
	*where = (sy_item_ref){ kind, sy_rv_find(f, kind, id) };
	return 0;
}

/* E's item in state W. */
static int apply_edit_item(sy_file *f, const sy_edit *e, int w,
			   sy_item_ref *where)
{
	const void *state = !e->exists[w] ? NULL :
		e->kind == SY_ITEM_SECTION ? (const void *)&e->sec[w] : (const void *)&e->stat[w];
	return apply_item(f, e->kind, e->id, state, where);
}

/* The status of E's item as it is in F now (pending when it does not
 * exist, so that it counts as not reviewed). */
static sy_review_status status_now(const sy_file *f, const sy_edit *e)
{
	size_t i;

	if (e->kind == SY_ITEM_DOCUMENT)
		return f->annot.doc.status;
	if (e->kind == SY_ITEM_SECTION)
		return (i = sy_rv_find(f, e->kind, e->id)) == SY_ID_NONE ? SY_PENDING
			: f->annot.sections[i].r.status;
	return (i = sy_rv_find(f, e->kind, e->id)) == SY_ID_NONE ? SY_PENDING
		: f->annot.stats[i].r.status;
}

/* Make F's item as in E's state W (0 before, 1 after); *WHERE names it
 * (or, when it was removed, the item now in its place).  All or nothing:
 * SY_ERR_NOMEM leaves the model as it was. */
static sy_status edit_apply(sy_file *f, const sy_edit *e, int w,
			    sy_item_ref *where, sy_error *err)
{
	sy_item_ref dummy;
	int r;

	if (!where)
		where = &dummy;
	f->nreviewed -= status_now(f, e) != SY_PENDING;
	if (e->kind != SY_ITEM_DOCUMENT)
		r = apply_edit_item(f, e, w, where);
	else {
		r = sy_doc_copy(&f->annot.doc, &e->doc[w]);
		*where = (sy_item_ref){ SY_ITEM_DOCUMENT, 0 };
	}
	f->nreviewed += status_now(f, e) != SY_PENDING;
	return r ? sy_rv_nomem(f, err) : SY_OK;
}

/* Push E on the stack *V (*N used, *CAP allocated).  0 or -1 on OOM. */
static int push_edit(sy_edit ***v, size_t *n, size_t *cap, sy_edit *e)
{
	void *p = *v;

	if (sy_grow(&p, *n, cap, sizeof **v))
		return -1;
	*v = p;
	(*v)[(*n)++] = e;
	return 0;
}

static void clear_redo(sy_file *f)
{
	while (f->nredo)
		sy_edit_free(f->redo[--f->nredo]);
}

/* See review_priv.h. */
sy_status sy_rv_run_edit(sy_file *f, sy_edit *e, sy_item_ref *where,
			 sy_error *err)
{
	sy_status st;

	if (f->read_only) {
		sy_edit_free(e);
		return sy_rv_read_only(f, err);
	}
	if (edit_is_noop(e)) {
		if (where && !sy_item_find(f, e->id, where))
			*where = (sy_item_ref){ SY_ITEM_DOCUMENT, 0 };
		sy_edit_free(e);
		return f->saved ? SY_OK : sy_file_save(f, err);
	}
	if (sy_sync_note(f, e, 0) ||
	    push_edit(&f->undo, &f->nundo, &f->capundo, e)) {
		sy_edit_free(e);
		return sy_rv_nomem(f, err);
	}
	if ((st = edit_apply(f, e, 1, where, err)) != SY_OK) {
		sy_edit_free(f->undo[--f->nundo]);
		return st;
	}
	/* a section changed: the statistics it now holds, or no longer
	 * holds, name their section again, in this same step */
	if (e->kind == SY_ITEM_SECTION &&
	    sy_secids_update(&f->annot, e->exists[0] ? &e->sec[0] : NULL,
			     e->exists[1] ? &e->sec[1] : NULL, &e->held)) {
		edit_apply(f, e, 0, NULL, err);
		sy_edit_free(f->undo[--f->nundo]);
		return sy_rv_nomem(f, err);
	}
	clear_redo(f);
	return sy_rv_persist(f, e->kind, e->id, &e->held, err);
}

/* Move the top of one stack to the other, applying state W of it; a
 * group (edits joined) moves whole, and is written once, in full. */
static sy_status replay(sy_file *f, sy_edit ***from, size_t *nfrom,
			sy_edit ***to, size_t *nto, size_t *capto, int w,
			const char *what, sy_item_ref *where, sy_error *err)
{
	sy_edit *e;
	sy_status st;
	size_t moved = 0;
	void *p;

	if (f->read_only)
		return sy_rv_read_only(f, err);
	if (*nfrom == 0)
		return sy_fail(err, SY_ERR_USAGE, "%s: nothing to %s",
			       f->annot_path, what);
	do {
		e = (*from)[*nfrom - 1];
		p = *to;
		if (sy_grow(&p, *nto, capto, sizeof **to))
			return sy_rv_nomem(f, err);
		*to = p;
		if (sy_sync_note(f, e, 1 - w))
			return sy_rv_nomem(f, err);
		if ((st = edit_apply(f, e, w, where, err)) != SY_OK)
			return st;
		sy_secids_swap(&f->annot, &e->held);  /* the ids they had, exactly */
		--*nfrom;
		(*to)[(*nto)++] = e;
		moved++;
		/* undo: the group goes on below a joined edit; redo: above
		 * the first one, while the next is joined */
	} while (*nfrom && (w == 0 ? e->joined : (*from)[*nfrom - 1]->joined));
	if (moved > 1)
		return sy_file_save(f, err);
	return sy_rv_persist(f, e->kind, e->id, &e->held, err);
}

sy_status sy_rv_run_group(sy_file *f, sy_edit **e, size_t n, size_t *applied,
			  sy_error *err)
{
	size_t done = 0, base = f->nundo;
	sy_status st = SY_OK;

	if (applied)
		*applied = 0;
	if (f->read_only) {
		for (size_t i = 0; i < n; i++)
			sy_edit_free(e[i]);
		return sy_rv_read_only(f, err);
	}
	for (size_t i = 0; i < n; i++) {
		if (st != SY_OK || edit_is_noop(e[i])) {
			sy_edit_free(e[i]);
			continue;
		}
		if (sy_sync_note(f, e[i], 0) ||
		    push_edit(&f->undo, &f->nundo, &f->capundo, e[i])) {
			sy_edit_free(e[i]);
			st = sy_rv_nomem(f, err);
			continue;
		}
		e[i]->joined = done > 0;
		if ((st = edit_apply(f, e[i], 1, NULL, err)) != SY_OK) {
			sy_edit_free(f->undo[--f->nundo]);
			continue;
		}
		done++;
	}
	if (st != SY_OK) {           /* all or nothing: take back what went in */
		while (f->nundo > base) {
			sy_edit *u = f->undo[--f->nundo];
			sy_error ignored;
			edit_apply(f, u, 0, NULL, &ignored);
			sy_edit_free(u);
		}
		return st;
	}
	if (applied)
		*applied = done;
	if (!done)
		return f->saved ? SY_OK : sy_file_save(f, err);
	clear_redo(f);
	return sy_file_save(f, err);
}

sy_status sy_review_undo(sy_file *f, sy_item_ref *where, sy_error *err)
{
	return replay(f, &f->undo, &f->nundo, &f->redo, &f->nredo, &f->capredo,
		      0, _("undo"), where, err);
}

sy_status sy_review_redo(sy_file *f, sy_item_ref *where, sy_error *err)
{
	return replay(f, &f->redo, &f->nredo, &f->undo, &f->nundo, &f->capundo,
		      1, _("redo"), where, err);
}

/* The review state of the AFTER copy in E (NULL for the document). */
sy_review *sy_rv_after_review(sy_edit *e)
{
	if (e->kind == SY_ITEM_SECTION)
		return &e->sec[1].r;
	if (e->kind == SY_ITEM_STAT)
		return &e->stat[1].r;
	return NULL;
}

sy_status sy_rv_command_begin(const sy_file *f, sy_item_ref it, sy_edit **e,
			      sy_error *err)
{
	if (!sy_rv_ref_valid(f, it))
		return sy_rv_no_item(f, err);
	if (!(*e = edit_begin(f, it)))
		return sy_rv_nomem(f, err);
	return SY_OK;
}


void sy_rv_edits_free(sy_file *f)
{
	while (f->nundo)
		sy_edit_free(f->undo[--f->nundo]);
	clear_redo(f);
	free(f->undo);
	free(f->redo);
	f->undo = f->redo = NULL;
	f->capundo = f->capredo = 0;
}
