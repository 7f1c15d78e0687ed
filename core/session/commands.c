/* commands.c - the reviewer's decisions (review.h): accept, reject, fix,
 * move a span, tag, note, add.  Each makes an edit (edit.c) of the item's
 * AFTER state and runs it; the fields a reviewer gives are checked first
 * (model/validate.h).  What an added item is prefilled with comes from
 * the extractor's knowledge (extract/propose.h).
 */
#include "session/review_priv.h"

#include <stdlib.h>
#include <string.h>

#include "format/provenance.h"
#include "model/validate.h"
#include "extract/propose.h"

/* ------------------------------------------------------------ decisions */

sy_status sy_review_accept(sy_file *f, sy_item_ref it, sy_error *err)
{
	sy_edit *e;
	sy_review *r;
	sy_status st = sy_rv_command_begin(f, it, &e, err);

	if (st != SY_OK)
		return st;
	if ((r = sy_rv_after_review(e)) != NULL) {
		if (r->status != SY_ADDED)
			r->status = r->proposed ? SY_FIXED : SY_ACCEPTED;
		if (sy_prov_set_via(r, NULL)) {      /* decided one by one */
			sy_edit_free(e);
			return sy_rv_nomem(f, err);
		}
	} else {
		e->doc[1].status = sy_node_get(e->doc[1].extra,
						   sy_rv_rev_key(SY_REV_PROPOSED))
				   ? SY_FIXED : SY_ACCEPTED;
	}
	return sy_rv_run_edit(f, e, NULL, err);
}

/* Rejecting an added item removes it (an added item that is not an item
 * is nothing to keep); undo brings it back. */
sy_status sy_review_reject(sy_file *f, sy_item_ref it, sy_error *err)
{
	sy_status st;
	sy_edit *e;
	sy_review *r;

	if (it.kind == SY_ITEM_DOCUMENT)
		return sy_fail(err, SY_ERR_USAGE,
			       "%s: the document facts cannot be rejected",
			       f->annot_path);
	if ((st = sy_rv_command_begin(f, it, &e, err)) != SY_OK)
		return st;
	r = sy_rv_after_review(e);
	if (r->status == SY_ADDED)
		e->exists[1] = false;
	else
		r->status = SY_REJECTED;
	if (sy_prov_set_via(r, NULL)) {              /* decided one by one */
		sy_edit_free(e);
		return sy_rv_nomem(f, err);
	}
	return sy_rv_run_edit(f, e, NULL, err);
}

/* Finish a fix or a move on E: settle status and proposed, run it. */
static sy_status finish_fix(sy_file *f, sy_edit *e, sy_error *err)
{
	sy_review *r;

	if (sy_rv_settle_edit(e) ||
	    ((r = sy_rv_after_review(e)) && sy_prov_set_via(r, NULL))) {
		sy_edit_free(e);
		return sy_rv_nomem(f, err);
	}
	return sy_rv_run_edit(f, e, NULL, err);
}

/* The fields a fix or an add takes from NEW into S (validated). */
static int overlay_stat(sy_stat *s, const sy_stat *new_fields)
{
	s->value = new_fields->value;
	s->has_value = new_fields->has_value;
	s->approx = new_fields->approx;
	s->value_max = new_fields->value_max;
	s->has_value_max = new_fields->has_value_max;
	return sy_set_str(&s->unit, new_fields->unit) ||
	       sy_set_str(&s->subject, new_fields->subject) ? -1 : 0;
}

/* Refused fields: "FILE: ID: FIELD: why". */
static sy_status invalid(const sy_file *f, const char *id, sy_error *err)
{
	return sy_prefix(err, "%s: %s: ", f->annot_path, id ? id : "new item");
}

sy_status sy_review_fix_stat(sy_file *f, size_t i, const sy_stat *new_fields,
			  sy_error *err)
{
	sy_status st;
	sy_edit *e;

	if (!new_fields)
		return sy_fail(err, SY_ERR_USAGE,
			       "%s: invalid statistic fields", f->annot_path);
	if (sy_check_stat(new_fields, err) != SY_OK)
		return invalid(f, i < f->annot.nstats ? f->annot.stats[i].id
			       : NULL, err);
	st = sy_rv_command_begin(f, (sy_item_ref){ SY_ITEM_STAT, i }, &e, err);
	if (st != SY_OK)
		return st;
	if (overlay_stat(&e->stat[1], new_fields)) {
		sy_edit_free(e);
		return sy_rv_nomem(f, err);
	}
	return finish_fix(f, e, err);
}

sy_status sy_review_fix_section(sy_file *f, size_t i, int level,
			     const char *marker, const char *title,
			     sy_error *err)
{
	sy_status st;
	sy_edit *e;
	sy_section *s;

	if (sy_check_section(level, marker, title, err) != SY_OK)
		return invalid(f, i < f->annot.nsections ? f->annot.sections[i].id
			       : NULL, err);
	st = sy_rv_command_begin(f, (sy_item_ref){ SY_ITEM_SECTION, i }, &e, err);
	if (st != SY_OK)
		return st;
	s = &e->sec[1];
	s->level = level;
	if (sy_set_str(&s->marker, marker ? marker : "") ||
	    sy_set_str(&s->title, title ? title : "")) {
		sy_edit_free(e);
		return sy_rv_nomem(f, err);
	}
	return finish_fix(f, e, err);
}

sy_status sy_review_fix_document(sy_file *f, const sy_docfacts *new_facts,
			      sy_error *err)
{
	sy_status st;
	sy_edit *e;
	sy_docfacts *d;

	if (!new_facts)
		return sy_fail(err, SY_ERR_USAGE, "%s: no document facts given",
			       f->annot_path);
	if (sy_check_document(new_facts, err) != SY_OK)
		return invalid(f, "document", err);
	st = sy_rv_command_begin(f, (sy_item_ref){ SY_ITEM_DOCUMENT, 0 }, &e, err);
	if (st != SY_OK)
		return st;
	d = &e->doc[1];
	d->year = new_facts->year;
	if (sy_set_str(&d->title, new_facts->title) ||
	    sy_set_str(&d->issuer, new_facts->issuer) ||
	    sy_set_str(&d->region, new_facts->region) ||
	    sy_set_str(&d->date, new_facts->date)) {
		sy_edit_free(e);
		return sy_rv_nomem(f, err);
	}
	return finish_fix(f, e, err);
}

/* START + D, when it stays within [0, LIMIT]; else false. */
static bool shift(size_t start, int d, size_t limit, size_t *out)
{
	if (d < 0 && (size_t)-(long long)d > start)
		return false;
	if (d >= 0 && (size_t)d > limit - start)
		return false;
	*out = d < 0 ? start - (size_t)-(long long)d : start + (size_t)d;
	return true;
}

sy_status sy_review_move_span(sy_file *f, sy_item_ref it, int dstart, int dend,
			   sy_error *err)
{
	sy_status st;
	size_t start, end, ns, ne;
	sy_edit *e;

	if (it.kind == SY_ITEM_DOCUMENT)
		return sy_fail(err, SY_ERR_USAGE,
			       "%s: the document facts have no span",
			       f->annot_path);
	if (!sy_item_span(f, it, &start, &end))
		return sy_rv_no_item(f, err);
	if (!shift(start, dstart, f->src.chars, &ns) ||
	    !shift(end, dend, f->src.chars, &ne) || ns >= ne)
		return sy_fail(err, SY_ERR_USAGE,
			       "%s: %s: the span would be empty or leave "
			       "the text", f->annot_path, sy_item_id(f, it));
	if (ne - ns > SY_MAX_ITEM_CHARS && ne - ns > end - start)
		return sy_fail(err, SY_ERR_USAGE,
			       "%s: %s: a span of %zu characters is too long "
			       "for an item (at most %d)", f->annot_path,
			       sy_item_id(f, it), ne - ns, SY_MAX_ITEM_CHARS);
	if ((st = sy_rv_command_begin(f, it, &e, err)) != SY_OK)
		return st;
	if (it.kind == SY_ITEM_SECTION) {
		e->sec[1].start = ns;
		e->sec[1].end = ne;
	} else {
		char *text = sy_span_text(&f->src, ns, ne);
		if (!text) {
			sy_edit_free(e);
			return sy_rv_nomem(f, err);
		}
		free(e->stat[1].text);
		e->stat[1].text = text;
		e->stat[1].start = ns;
		e->stat[1].end = ne;
		if (sy_set_str(&e->stat[1].section,
			    sy_section_holding(&f->annot, ns))) {
			sy_edit_free(e);
			return sy_rv_nomem(f, err);
		}
	}
	return finish_fix(f, e, err);
}

sy_status sy_review_tag(sy_file *f, sy_item_ref it, const char *tag,
		     sy_error *err)
{
	sy_status st;
	sy_edit *e;
	sy_review *r;
	const sy_review *now;

	if (it.kind == SY_ITEM_DOCUMENT)
		return sy_fail(err, SY_ERR_USAGE,
			       "%s: the document has no tags", f->annot_path);
	now = sy_item_review(f, it);
	if (!(now && tag && sy_tags_has(&now->tags, tag)) &&  /* removing: any */
	    sy_check_tag(tag, err) != SY_OK)
		return invalid(f, sy_item_id(f, it), err);
	if ((st = sy_rv_command_begin(f, it, &e, err)) != SY_OK)
		return st;
	r = sy_rv_after_review(e);
	if (!sy_tags_remove(&r->tags, tag) && sy_tags_add(&r->tags, tag)) {
		sy_edit_free(e);
		return sy_rv_nomem(f, err);
	}
	return sy_rv_run_edit(f, e, NULL, err);
}

sy_status sy_review_note(sy_file *f, sy_item_ref it, const char *note,
		      sy_error *err)
{
	sy_status st;
	sy_edit *e;
	sy_review *r;

	if (it.kind == SY_ITEM_DOCUMENT)
		return sy_fail(err, SY_ERR_USAGE,
			       "%s: the document has no note", f->annot_path);
	if (sy_check_note(note, err) != SY_OK)
		return invalid(f, sy_item_id(f, it), err);
	if ((st = sy_rv_command_begin(f, it, &e, err)) != SY_OK)
		return st;
	r = sy_rv_after_review(e);
	if (sy_set_str(&r->note, note && *note ? note : NULL)) {
		sy_edit_free(e);
		return sy_rv_nomem(f, err);
	}
	return sy_rv_run_edit(f, e, NULL, err);
}

/* ------------------------------------------------------------ adding */

/* Is [START, END) a non-empty span of F's text? */
static sy_status check_span(const sy_file *f, size_t start, size_t end,
			    sy_error *err)
{
	if (start >= end || end > f->src.chars)
		return sy_fail(err, SY_ERR_USAGE,
			       "%s: invalid span [%zu, %zu) (the text has %zu "
			       "characters)", f->annot_path, start, end,
			       f->src.chars);
	if (end - start > SY_MAX_ITEM_CHARS)
		return sy_fail(err, SY_ERR_USAGE,
			       "%s: a span of %zu characters is too long for "
			       "an item (at most %d)", f->annot_path,
			       end - start, SY_MAX_ITEM_CHARS);
	return SY_OK;
}

/* Take a fresh id for a new item (from sy_annot_add_section/_stat, so
 * that the id counters of the model stay the one source of ids) and make
 * the edit that adds ITEM (taken).  NULL on OOM. */
static sy_edit *edit_add(sy_annot *a, sy_item_kind kind, void *item)
{
	sy_edit *e = calloc(1, sizeof *e);
	char **idp = NULL;

	if (e) {
		e->kind = kind;
		e->exists[1] = true;
		if (kind == SY_ITEM_SECTION) {
			sy_section *p = sy_annot_add_section(a);
			if (p) {
				idp = &p->id;
				a->nsections--;   /* only its id is kept */
			}
		} else {
			sy_stat *p = sy_annot_add_stat(a);
			if (p) {
				idp = &p->id;
				a->nstats--;
			}
		}
	}
	if (idp) {
		e->id = *idp;
		*idp = NULL;
		if (kind == SY_ITEM_SECTION) {
			e->sec[1] = *(sy_section *)item;
			e->sec[1].id = strdup(e->id);
		} else {
			e->stat[1] = *(sy_stat *)item;
			e->stat[1].id = strdup(e->id);
		}
		if ((kind == SY_ITEM_SECTION ? e->sec[1].id : e->stat[1].id))
			return e;
		sy_edit_free(e);
		return NULL;
	}
	if (kind == SY_ITEM_SECTION)
		sy_section_clear(item);
	else
		sy_stat_clear(item);
	free(e);
	return NULL;
}

/* The prefilled statistic (STAT) or section (SEC; the other one NULL)
 * for [START, END) of F's text (propose.h). */
static sy_status prefill(const sy_file *f, size_t start, size_t end,
			 sy_stat *stat, sy_section *sec, sy_error *err)
{
	sy_status st = check_span(f, start, end, err);

	if (stat)
		memset(stat, 0, sizeof *stat);
	if (sec)
		memset(sec, 0, sizeof *sec);
	if (st != SY_OK)
		return st;
	if (stat ? sy_propose_stat(&f->src, &f->annot, start, end, stat)
		 : sy_propose_section(&f->src, &f->annot, start, end, sec)) {
		sy_prefill_free(stat, sec);
		return sy_rv_nomem(f, err);
	}
	return SY_OK;
}

sy_status sy_add_prefill_stat(const sy_file *f, size_t start, size_t end,
			      sy_stat *out, sy_error *err)
{
	return prefill(f, start, end, out, NULL, err);
}

sy_status sy_add_prefill_section(const sy_file *f, size_t start, size_t end,
				 sy_section *out, sy_error *err)
{
	return prefill(f, start, end, NULL, out, err);
}

void sy_prefill_free(sy_stat *stat, sy_section *section)
{
	if (stat)
		sy_stat_clear(stat);
	if (section)
		sy_section_clear(section);
}

/* Add ITEM of KIND (taken), unless OOM: the reviewer's fields could not
 * be put in it. */
static sy_status add(sy_file *f, sy_item_kind kind, void *item, bool oom,
		     sy_item_ref *out, sy_error *err)
{
	sy_edit *e;

	if (oom) {
		sy_prefill_free(kind == SY_ITEM_STAT ? item : NULL,
				kind == SY_ITEM_SECTION ? item : NULL);
		return sy_rv_nomem(f, err);
	}
	if (!(e = edit_add(&f->annot, kind, item)))
		return sy_rv_nomem(f, err);
	return sy_rv_run_edit(f, e, out, err);
}

sy_status sy_review_add_stat_as(sy_file *f, size_t start, size_t end,
			     const sy_stat *fields, sy_item_ref *out,
			     sy_error *err)
{
	sy_stat s;
	sy_status st;

	if (fields && sy_check_stat(fields, err) != SY_OK)
		return invalid(f, NULL, err);
	if ((st = sy_add_prefill_stat(f, start, end, &s, err)) != SY_OK)
		return st;
	return add(f, SY_ITEM_STAT, &s, fields && overlay_stat(&s, fields), out,
		   err);
}

sy_status sy_review_add_stat(sy_file *f, size_t start, size_t end,
			  sy_item_ref *out, sy_error *err)
{
	return sy_review_add_stat_as(f, start, end, NULL, out, err);
}

sy_status sy_review_add_section_as(sy_file *f, size_t start, size_t end,
				const sy_section *fields, sy_item_ref *out,
				sy_error *err)
{
	sy_section s;
	sy_status st;
	bool oom = false;

	if (fields && sy_check_section(fields->level, fields->marker,
				       fields->title, err) != SY_OK)
		return invalid(f, NULL, err);
	if ((st = sy_add_prefill_section(f, start, end, &s, err)) != SY_OK)
		return st;
	if (fields) {
		s.level = fields->level;
		oom = sy_set_str(&s.marker, fields->marker ? fields->marker : "") ||
		      sy_set_str(&s.title, fields->title ? fields->title : "");
	}
	return add(f, SY_ITEM_SECTION, &s, oom, out, err);
}

sy_status sy_review_add_section(sy_file *f, size_t start, size_t end,
			     sy_item_ref *out, sy_error *err)
{
	return sy_review_add_section_as(f, start, end, NULL, out, err);
}
