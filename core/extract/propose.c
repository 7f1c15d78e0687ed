/* propose.c - the prefill of an added item (propose.h). */
#include "extract/propose.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "model/item.h"
#include "text/numeral.h"
#include "text/textscan.h"
#include "extract/headings.h"
#include "extract/sections_of.h"
#include "extract/stats.h"

/* ------------------------------------------------------------ text */

/* Byte offset in TEXT[0..LEN) that is CP code points after byte FROM
 * (LEN when the text ends first).  TEXT is valid UTF-8. */
static size_t byte_after(const char *text, size_t len, size_t from, size_t cp)
{
	size_t b = from;

	for (size_t k = 0; k < cp && b < len; k++) {
		b++;
		while (b < len && ((unsigned char)text[b] & 0xC0) == 0x80)
			b++;
	}
	return b;
}

char *sy_span_text(const sy_source *src, size_t start, size_t end)
{
	size_t b0 = byte_after(src->text, src->len, 0, start);
	size_t b1 = byte_after(src->text, src->len, b0, end - start);

	return strndup(src->text + b0, b1 - b0);
}

/* Decode the valid UTF-8 S[0..N) into a new array *CP of *NCP code
 * points (caller frees).  0, or -1 on OOM. */
static int decode(const char *s, size_t n, uint32_t **cp, size_t *ncp)
{
	uint32_t *v = malloc((n ? n : 1) * sizeof *v);
	size_t i = 0, k = 0, used;

	if (!v)
		return -1;
	while (i < n) {
		used = sy_utf8_decode((const unsigned char *)s + i, n - i,
				      &v[k]);
		if (!used) {          /* cannot happen in sy_source text */
			v[k] = 0xFFFD;
			used = 1;
		}
		i += used;
		k++;
	}
	*cp = v;
	*ncp = k;
	return 0;
}

/* The line of SRC that holds code point AT: its code points (new
 * array, caller frees, '\n' excluded, a '\r' kept) and the code point
 * offset of its first one.  0, or -1 on OOM. */
static int line_at(const sy_source *src, size_t at, uint32_t **cp, size_t *n,
		   size_t *line_start)
{
	const char *t = src->text;
	size_t len = src->len, b = byte_after(t, len, 0, at), ls = b, le = b;

	while (ls > 0 && t[ls - 1] != '\n')
		ls--;
	while (le < len && t[le] != '\n')
		le++;
	*line_start = at - sy_utf8_count(t + ls, b - ls);
	return decode(t + ls, le - ls, cp, n);
}

/* ------------------------------------------------------------ statistics */

/* UTF-8 of CP[A..B) into *DST (replacing it); 0, or -1 on OOM. */
static int put_cp(char **dst, const uint32_t *cp, size_t a, size_t b)
{
	char *s = sy_cp_dup(cp + a, b > a ? b - a : 0);

	if (!s)
		return -1;
	free(*dst);
	*dst = s;
	return 0;
}

/* Fill S's value, unit, approx, value_max (and subject, on an exact
 * match) from the statistics the parser finds in the line L[0..N), for
 * the span [RS, RE) of that line.  0, or -1 on OOM. */
static int prefill_found(sy_stat *s, const uint32_t *l, size_t n, size_t rs,
			 size_t re, bool *done)
{
	sy_foundvec fv = { 0 };
	const sy_found *hit = NULL;
	bool exact = false;
	int r = 0;

	*done = false;
	if (sy_stats_scan(l, n, &fv))
		return -1;
	for (size_t i = 0; i < fv.n && !exact; i++) {
		if (fv.v[i].start == rs && fv.v[i].end == re) {
			hit = &fv.v[i];
			exact = true;
		} else if (!hit && fv.v[i].start < re && rs < fv.v[i].end)
			hit = &fv.v[i];
	}
	if (hit) {
		s->value = hit->value;
		s->has_value = true;
		s->approx = hit->approx;
		s->has_value_max = hit->has_max &&
				   (exact || hit->approx == SY_APPROX_RANGE);
		s->value_max = s->has_value_max ? hit->value_max : 0;
		r = put_cp(&s->unit, l, hit->ustart, hit->uend);
		if (!r && hit->unit_word) {     /* 百分之九十五: unit % */
			free(s->unit);
			r = (s->unit = strdup(hit->unit_word)) ? 0 : -1;
		}
		if (!r && exact)
			r = put_cp(&s->subject, l, hit->sstart, hit->send);
		*done = true;
	}
	sy_foundvec_free(&fv);
	return r;
}

/* Fill S's value and unit from the numeral at the start of the span
 * [RS, RE) of the line L[0..N): the rest of the span after the number
 * (and after 余 or 多, which make it approximate) is the unit.  0, or -1
 * on OOM. */
static int prefill_numeral(sy_stat *s, const uint32_t *l, size_t n, size_t rs,
			   size_t re)
{
	sy_numeral num;
	size_t k, end = re < n ? re : n;

	if (rs >= end || !(k = sy_numeral_scan(l + rs, end - rs, &num)))
		return 0;
	s->value = num.value;
	s->has_value = true;
	k += rs;
	if (k < end && (l[k] == 0x4F59 || l[k] == 0x591A)) {   /* 余 多 */
		s->approx = SY_APPROX_OVER;
		k++;
	}
	return k < end ? put_cp(&s->unit, l, k, end) : 0;
}

int sy_propose_stat(const sy_source *src, const sy_annot *a, size_t start,
		    size_t end, sy_stat *s)
{
	uint32_t *l;
	size_t n, ls;
	bool done;
	int r;

	s->start = start;
	s->end = end;
	s->r.status = SY_ADDED;
	if (!(s->text = sy_span_text(src, start, end)) ||
	    sy_set_str(&s->section, sy_section_holding(a, start)) ||
	    line_at(src, start, &l, &n, &ls))
		return -1;
	r = prefill_found(s, l, n, start - ls, end - ls, &done);
	if (!r && !done)
		r = prefill_numeral(s, l, n, start - ls, end - ls);
	free(l);
	return r;
}

/* ------------------------------------------------------------ sections */

/* The level of the last section (not rejected) starting before AT, or 1. */
static int level_before(const sy_annot *a, size_t at)
{
	int level = 1;

	for (size_t i = 0; i < a->nsections && a->sections[i].start < at; i++)
		if (a->sections[i].r.status != SY_REJECTED &&
		    a->sections[i].level > 0)
			level = a->sections[i].level;
	return level;
}

/* Read back the marker of S as a heading into *H.  False when it is not
 * one (an added section without a marker) or on OOM. */
static bool section_heading(const sy_section *s, sy_heading *h)
{
	const char *m = s->marker ? s->marker : "";
	const char *t = s->title && *s->title ? s->title : "题";
	size_t lm = strlen(m), lt = strlen(t), n;
	char *buf = malloc(lm + lt + 1);
	uint32_t *cp;
	bool ok = false;

	if (!buf)
		return false;
	memcpy(buf, m, lm);
	memcpy(buf + lm, t, lt + 1);
	if (!decode(buf, lm + lt, &cp, &n)) {
		ok = sy_heading_match(cp, n, h);
		free(cp);
	}
	free(buf);
	return ok;
}

/* The level of a heading H that would start at code point AT: the
 * report's outline replayed, as the extractor places headings, over the
 * sections before AT (rejected ones left out).  When no section before AT
 * can be read back as a heading, the level of the last one (1 if none). */
static int heading_level(const sy_annot *a, size_t at, const sy_heading *h)
{
	sy_outline o;
	sy_heading hh;
	unsigned anom;
	size_t placed = 0;

	memset(&o, 0, sizeof o);
	for (size_t i = 0; i < a->nsections && a->sections[i].start < at; i++)
		if (a->sections[i].r.status != SY_REJECTED &&
		    section_heading(&a->sections[i], &hh)) {
			sy_outline_place(&o, &hh, &anom);
			placed++;
		}
	if (!placed)
		return level_before(a, at);
	return sy_outline_place(&o, h, &anom);
}

int sy_propose_section(const sy_source *src, const sy_annot *a, size_t start,
		       size_t end, sy_section *s)
{
	uint32_t *cp;
	size_t n;
	sy_heading h;
	char *text = sy_span_text(src, start, end);
	int r = 0;

	s->start = start;
	s->end = end;
	s->r.status = SY_ADDED;
	if (!text || decode(text, strlen(text), &cp, &n)) {
		free(text);
		return -1;
	}
	if (sy_heading_match(cp, n, &h)) {
		s->level = heading_level(a, start, &h);
		r = put_cp(&s->marker, cp, h.mstart, h.mend) ||
		    put_cp(&s->title, cp, h.tstart, h.tend) ? -1 : 0;
	} else {
		s->level = level_before(a, start);
		s->marker = strdup("");
		s->title = text;
		text = NULL;
		r = s->marker ? 0 : -1;
	}
	free(text);
	free(cp);
	return r;
}

