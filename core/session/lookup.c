/* lookup.c - the items of a file under review, by reference and by id;
 * progress and the cursor (review.h).
 *
 * Ids are looked up several times per decision; f->id_hint remembers
 * where each was last found (model/item.h), which makes a lookup in a
 * file of 150,000 items cost a hash instead of a scan.
 */
#include "session/review_priv.h"

#include <stdlib.h>
#include <string.h>

size_t sy_rv_find(const sy_file *f, sy_item_kind kind, const char *id)
{
	return sy_item_index(&f->annot, kind == SY_ITEM_STAT, id, f->id_hint);
}

bool sy_rv_ref_valid(const sy_file *f, sy_item_ref it)
{
	switch (it.kind) {
	case SY_ITEM_DOCUMENT:
		return true;
	case SY_ITEM_SECTION:
		return it.index < f->annot.nsections;
	case SY_ITEM_STAT:
		return it.index < f->annot.nstats;
	}
	return false;
}

size_t sy_file_item_count(const sy_file *f)
{
	return 1 + f->annot.nsections + f->annot.nstats;
}

bool sy_item_find(const sy_file *f, const char *id, sy_item_ref *out)
{
	size_t i;

	if (!id)
		return false;
	if (strcmp(id, SY_DOC_ID) == 0) {
		*out = (sy_item_ref){ SY_ITEM_DOCUMENT, 0 };
		return true;
	}
	/* ids are unique over both lists: a hinted hit is the item */
	if ((i = sy_item_hinted(&f->annot, false, id, f->id_hint)) != SY_ID_NONE) {
		*out = (sy_item_ref){ SY_ITEM_SECTION, i };
		return true;
	}
	if ((i = sy_item_hinted(&f->annot, true, id, f->id_hint)) != SY_ID_NONE) {
		*out = (sy_item_ref){ SY_ITEM_STAT, i };
		return true;
	}
	if ((i = sy_rv_find(f, SY_ITEM_SECTION, id)) != SY_ID_NONE) {
		*out = (sy_item_ref){ SY_ITEM_SECTION, i };
		return true;
	}
	if ((i = sy_rv_find(f, SY_ITEM_STAT, id)) != SY_ID_NONE) {
		*out = (sy_item_ref){ SY_ITEM_STAT, i };
		return true;
	}
	return false;
}

/* NULL when IT names no item. */
const char *sy_item_id(const sy_file *f, sy_item_ref it)
{
	if (!sy_rv_ref_valid(f, it))
		return NULL;
	if (it.kind == SY_ITEM_SECTION)
		return f->annot.sections[it.index].id;
	if (it.kind == SY_ITEM_STAT)
		return f->annot.stats[it.index].id;
	return SY_DOC_ID;
}

/* NULL for the document and when IT names no item. */
const sy_review *sy_item_review(const sy_file *f, sy_item_ref it)
{
	if (!sy_rv_ref_valid(f, it) || it.kind == SY_ITEM_DOCUMENT)
		return NULL;
	if (it.kind == SY_ITEM_SECTION)
		return &f->annot.sections[it.index].r;
	return &f->annot.stats[it.index].r;
}

/* SY_PENDING when IT names no item. */
sy_review_status sy_item_status(const sy_file *f, sy_item_ref it)
{
	const sy_review *r;

	if (it.kind == SY_ITEM_DOCUMENT)
		return f->annot.doc.status;
	r = sy_item_review(f, it);
	return r ? r->status : SY_PENDING;
}

bool sy_item_span(const sy_file *f, sy_item_ref it, size_t *start, size_t *end)
{
	if (!sy_rv_ref_valid(f, it) || it.kind == SY_ITEM_DOCUMENT)
		return false;
	if (it.kind == SY_ITEM_SECTION) {
		*start = f->annot.sections[it.index].start;
		*end = f->annot.sections[it.index].end;
	} else {
		*start = f->annot.stats[it.index].start;
		*end = f->annot.stats[it.index].end;
	}
	return true;
}

/* Count the items that are not pending (at open; kept up to date by
 * edit_apply after that). */
size_t sy_rv_count_reviewed(const sy_file *f)
{
	size_t n = f->annot.doc.status != SY_PENDING;

	for (size_t i = 0; i < f->annot.nsections; i++)
		n += f->annot.sections[i].r.status != SY_PENDING;
	for (size_t i = 0; i < f->annot.nstats; i++)
		n += f->annot.stats[i].r.status != SY_PENDING;
	return n;
}

void sy_file_progress(const sy_file *f, size_t *reviewed, size_t *total)
{
	*reviewed = f->nreviewed;
	*total = sy_file_item_count(f);
}

/* Keeps the old cursor when IT names no item or memory runs out. */
void sy_file_set_cursor(sy_file *f, sy_item_ref it)
{
	const char *id = sy_item_id(f, it);
	char *s;

	if (!id || sy_str_eq(id, f->annot.review.cursor))
		return;
	s = strdup(id);
	if (!s)
		return;
	free(f->annot.review.cursor);
	f->annot.review.cursor = s;
	f->cursor_moved = true;
}

bool sy_file_cursor(const sy_file *f, sy_item_ref *out)
{
	return sy_item_find(f, f->annot.review.cursor, out);
}
