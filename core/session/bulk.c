/* bulk.c - see bulk.h */
#include "session/bulk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "format/provenance.h"
#include "model/validate.h"
#include "session/review_priv.h"

/* The keys of format 1 (schema.h) a fix is recorded under. */
static const char *const STAT_KEY[] = { SY_STAT_FIELDS(SY_FIELD_KEY) };

bool sy_bulk_system_tag(const char *tag)
{
	static const char *const sys[] = {
		SY_TAG_INCONSISTENT, SY_TAG_NUMBERING_SKIP, SY_TAG_NUMBERING_REPEAT,
		SY_TAG_MARKER_STYLE, SY_TAG_LOST_ANCHOR, SY_TAG_CONFLICT,
		SY_TAG_DISAGREEMENT,
	};
	for (size_t i = 0; i < sizeof sys / sizeof *sys; i++)
		if (!strcmp(tag, sys[i]))
			return true;
	return false;
}

/* Change the AFTER state of E as OP says; 0, or -1 on OOM. */
static int apply_op(sy_edit *e, const sy_bulk_op *op)
{
	sy_review *r = sy_rv_after_review(e);

	if (e->kind == SY_ITEM_STAT && (op->set_unit || op->set_subject)) {
		if ((op->set_unit && sy_set_str(&e->stat[1].unit, op->unit)) ||
		    (op->set_subject && sy_set_str(&e->stat[1].subject, op->subject)) ||
		    sy_rv_settle_edit(e))
			return -1;
		r = sy_rv_after_review(e);
		if (r->status == SY_PENDING)   /* it had the fields already: right */
			r->status = r->proposed ? SY_FIXED : SY_ACCEPTED;
	}
	for (size_t t = 0; t < op->ntags; t++)
		if (sy_tags_add(&r->tags, op->tags[t]))
			return -1;
	if (op->status == SY_REJECTED)
		r->status = SY_REJECTED;
	else if (op->status == SY_ACCEPTED && r->status == SY_PENDING)
		r->status = r->proposed ? SY_FIXED : SY_ACCEPTED;
	/* only a decision says how it was taken (tags alone are none) */
	return sy_prov_set_via(r, r->status != SY_PENDING ? op->via : NULL);
}

/* A fix's fields are checked once, on the first statistic (the same
 * unit and subject go to all). */
static sy_status check_fix(const sy_file *f, const sy_bulk_op *op,
			   const sy_stat *s, sy_error *err)
{
	sy_stat t = *s;           /* shallow: only read */

	if (!op->set_unit && !op->set_subject)
		return SY_OK;
	if (op->set_unit)
		t.unit = (char *)op->unit;
	if (op->set_subject)
		t.subject = (char *)op->subject;
	if (sy_check_stat(&t, err) != SY_OK)
		return sy_prefix(err, "%s: %s: ", f->annot_path, s->id);
	return SY_OK;
}

sy_status sy_review_bulk(sy_file *f, const sy_bulk_op *op,
			 const char *const *ids, size_t n, size_t *done,
			 sy_error *err)
{
	sy_edit **edits;
	size_t ne = 0;
	sy_status st = SY_OK;

	if (done)
		*done = 0;
	if (f->read_only)
		return sy_rv_read_only(f, err);
	for (size_t t = 0; t < op->ntags; t++)
		if (sy_check_tag(op->tags[t], err) != SY_OK)
			return sy_prefix(err, "%s: ", f->annot_path);
	if (!(edits = calloc(n ? n : 1, sizeof *edits)))
		return sy_rv_nomem(f, err);
	for (size_t i = 0; i < n && st == SY_OK; i++) {
		sy_item_ref it;
		if (!sy_item_find(f, ids[i], &it) || it.kind == SY_ITEM_DOCUMENT ||
		    sy_item_status(f, it) != SY_PENDING)
			continue;
		if (it.kind == SY_ITEM_STAT &&
		    (st = check_fix(f, op, &f->annot.stats[it.index], err)) != SY_OK)
			break;
		if ((st = sy_rv_command_begin(f, it, &edits[ne], err)) != SY_OK)
			break;
		if (apply_op(edits[ne++], op))
			st = sy_rv_nomem(f, err);
	}
	if (st != SY_OK) {
		for (size_t i = 0; i < ne; i++)
			sy_edit_free(edits[i]);
		free(edits);
		return st;
	}
	st = sy_rv_run_group(f, edits, ne, done, err);
	free(edits);
	return st;
}

bool sy_bulk_op_of(const sy_file *f, sy_item_ref it, sy_bulk_op *op,
		   const char **tagbuf, size_t cap)
{
	const sy_review *r = sy_item_review(f, it);
	const sy_node *p;

	memset(op, 0, sizeof *op);
	op->via = SY_VIA_PROPAGATE;
	op->tags = tagbuf;
	if (!r || r->status == SY_ADDED)
		return false;
	op->status = r->status == SY_REJECTED ? SY_REJECTED :
		r->status == SY_PENDING ? SY_PENDING : SY_ACCEPTED;
	if (r->status == SY_FIXED && it.kind == SY_ITEM_STAT) {
		const sy_stat *s = &f->annot.stats[it.index];
		p = r->proposed;
		/* the fields the reviewer changed are those kept in proposed */
		if (sy_node_get(p, STAT_KEY[SY_STAT_UNIT])) {
			op->set_unit = true;
			op->unit = s->unit;
		}
		if (sy_node_get(p, STAT_KEY[SY_STAT_SUBJECT])) {
			op->set_subject = true;
			op->subject = s->subject;
		}
		op->status = SY_PENDING;   /* a fix makes them fixed */
		if (!op->set_unit && !op->set_subject)
			op->status = SY_ACCEPTED;
	}
	for (size_t t = 0; t < r->tags.n && op->ntags < cap; t++)
		if (!sy_bulk_system_tag(r->tags.v[t]))
			tagbuf[op->ntags++] = r->tags.v[t];
	/* pending: only its tags to repeat */
	return r->status != SY_PENDING || op->ntags > 0;
}

/* The byte offset of code point CP of F's text, walking from POS. */
static size_t byte_of(const sy_file *f, size_t cp, size_t pos[2])
{
	const unsigned char *t = (const unsigned char *)f->src.text;
	size_t c = pos[0], b = pos[1];

	if (cp < c)
		c = b = 0;
	while (c < cp && b < f->src.len) {
		uint32_t u;
		size_t l = sy_utf8_decode(t + b, f->src.len - b, &u);
		b += l ? l : 1;
		c++;
	}
	pos[0] = c;
	pos[1] = b;
	return b;
}

/* Up to K code points of F's text before byte B (BACK) or from byte B,
 * within the line, appended to OUT (room for CAP). */
static void context(const sy_file *f, size_t b, int k, bool back,
		    char *out, size_t cap)
{
	const char *t = f->src.text;
	size_t s = b, e = b;

	for (int i = 0; i < k; i++) {
		if (back) {
			if (s == 0 || t[s - 1] == '\n')
				break;
			do
				s--;
			while (s > 0 && ((unsigned char)t[s] & 0xC0) == 0x80);
		} else {
			if (e >= f->src.len || t[e] == '\n')
				break;
			do
				e++;
			while (e < f->src.len && ((unsigned char)t[e] & 0xC0) == 0x80);
		}
	}
	snprintf(out, cap, "%.*s", (int)(e - s), t + s);
}

char *sy_bulk_pattern(const sy_file *f, sy_item_ref it, size_t pos[2])
{
	size_t start, end, mine[2] = { 0, 0 }, bs, be;
	char before[32], after[32], *out;
	const char *text;
	size_t len;

	if (!pos)
		pos = mine;
	if (!sy_item_span(f, it, &start, &end) || !f->src.text)
		return NULL;
	bs = byte_of(f, start, pos);
	{
		size_t walk[2] = { pos[0], pos[1] };   /* the next starts here or on */
		be = byte_of(f, end, walk);
	}
	context(f, bs, SY_PATTERN_CONTEXT, true, before, sizeof before);
	context(f, be, SY_PATTERN_CONTEXT, false, after, sizeof after);
	text = f->src.text + bs;
	len = be - bs + strlen(before) + strlen(after) + 8;
	if (!(out = malloc(len)))
		return NULL;
	snprintf(out, len, "%c|%.*s|%s|%s", it.kind == SY_ITEM_STAT ? 'S' : 'T',
		 (int)(be - bs), text, before, after);
	return out;
}
