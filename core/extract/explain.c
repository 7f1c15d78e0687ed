/* explain.c - see explain.h.  The reasons come from the extractor's own
 * rules: a statistic's line is scanned again with sy_stats_scan (which
 * records why its cross-checks set `inconsistent`), a section's heading
 * is placed again in an outline rebuilt from the heading lines before it
 * (sy_heading_match and sy_outline_place, as the extractor does), those
 * lines found through the sections before it. */
#include "extract/explain.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/headings.h"
#include "model/schema.h"
#include "extract/stats.h"
#include "text/textscan.h"
#include <stdint.h>
#include "base/utf8.h"

/* ------------------------------------------------------------ output */

typedef struct sink {
	char *out;
	size_t cap, len, lines;
} sink;

static void say(sink *k, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Append one line to K, cut at a character boundary when it is full. */
static void say(sink *k, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (k->len + 2 >= k->cap)
		return;
	if (k->lines)
		k->out[k->len++] = '\n';
	va_start(ap, fmt);
	n = vsnprintf(k->out + k->len, k->cap - k->len, fmt, ap);
	va_end(ap);
	k->len += n > 0 ? (size_t)n : 0;
	if (k->len >= k->cap) {           /* cut: back to a lead byte */
		k->len = k->cap - 1;
		while (k->len > 0 && ((unsigned char)k->out[k->len] & 0xC0) == 0x80)
			k->len--;
	}
	k->out[k->len] = '\0';
	k->lines++;
}

/* A number as a reviewer writes it: 92.5, 120, 33.33. */
static void num_text(double v, char out[48])
{
	char *e;
	snprintf(out, 48, "%.2f", v);
	e = out + strlen(out);
	while (e > out && e[-1] == '0')
		*--e = '\0';
	if (e > out && e[-1] == '.')
		e[-1] = '\0';
}

/* The UTF-8 of CP[a..b), at most 40 code points (then "…"). */
static void cp_text(const uint32_t *cp, size_t a, size_t b, char out[176])
{
	bool cut = b - a > 40;
	char *end = sy_cp_utf8(cp + a, cut ? 40 : b - a, out);
	if (cut)
		memcpy(end, "\xE2\x80\xA6", 4);
}

/* The code points of line LI of M ('\n' excluded), malloc'd; NULL on
 * OOM. */
static uint32_t *line_cps(const sy_textmap *m, size_t li, size_t *n)
{
	size_t b = m->line_byte[li], be = m->line_byte[li + 1];
	const unsigned char *t = (const unsigned char *)m->text;
	uint32_t *v;

	if (be > m->len)
		be = m->len;
	if (be > b && t[be - 1] == '\n')
		be--;
	v = malloc((be - b + 1) * sizeof *v);
	if (!v)
		return NULL;
	*n = 0;
	while (b < be) {
		size_t k = sy_utf8_decode(t + b, be - b, &v[*n]);
		if (!k)
			break;
		b += k;
		(*n)++;
	}
	return v;
}

/* The text at [A, B) of M, at most 40 code points (then "…"). */
static void span_text(const sy_textmap *m, size_t a, size_t b, char out[176])
{
	size_t ba, bb;
	bool cut = false;

	if (a > m->chars)
		a = m->chars;
	if (b > m->chars)
		b = m->chars;
	if (b < a)
		b = a;
	if (b - a > 40) {
		b = a + 40;
		cut = true;
	}
	ba = sy_textmap_byte_of(m, a);
	bb = sy_textmap_byte_of(m, b);
	snprintf(out, 176, "%.*s%s", (int)(bb - ba), m->text + ba,
		 cut ? "\xE2\x80\xA6" : "");
}

static void lost_anchor(const sy_textmap *m, const char *own, size_t start,
			size_t end, sink *k)
{
	char now[176];
	size_t ba, bb;
	bool same;

	if (end > m->chars)
		end = m->chars;
	if (start > end)
		start = end;
	ba = sy_textmap_byte_of(m, start);
	bb = sy_textmap_byte_of(m, end);
	same = own && strlen(own) == bb - ba && memcmp(own, m->text + ba, bb - ba) == 0;
	span_text(m, start, end, now);
	if (same)
		say(k, SY_TAG_LOST_ANCHOR ": the report changed and the item was not found "
		    "again by its context; its span still reads \xC2\xAB%s\xC2\xBB", now);
	else
		say(k, SY_TAG_LOST_ANCHOR ": the report changed; the item says \xC2\xAB%s\xC2\xBB "
		    "but its span [%zu, %zu) now reads \xC2\xAB%s\xC2\xBB: check the span",
		    own ? own : "", start, end, now);
}

/* ------------------------------------------------------------ statistics */

static void why_inconsistent(const uint32_t *cp, const sy_foundvec *fv,
			     const sy_found *f, sink *k)
{
	char a[176], b[176], self[176], exp[48], off[48];
	const sy_found *p = &fv->v[f->part], *w = &fv->v[f->whole];

	cp_text(cp, f->start, f->end, self);
	cp_text(cp, p->start, p->end, a);
	cp_text(cp, w->start, w->end, b);
	num_text(f->expect, exp);
	num_text(fabs(f->expect - f->value), off);
	if (f->check == SY_CHECK_RATE)
		say(k, SY_TAG_INCONSISTENT ": %s / %s = %s%%, but the rate says %s "
		    "(%s points off)", a, b, exp, self, off);
	else
		say(k, SY_TAG_INCONSISTENT ": the %zu parts after \xE5\x85\xB6\xE4\xB8\xAD "
		    "(%s \xE2\x80\xA6 %s) sum to %s, but the total says %s (%s off)",
		    f->nparts, a, b, exp, self, off);
}

size_t sy_explain_stat(const sy_textmap *m, const sy_stat *s, char *out,
		       size_t cap)
{
	sink k = { out, cap, 0, 0 };

	if (!cap)
		return 0;
	out[0] = '\0';
	if (!m || !m->nlines)
		return 0;
	if (sy_tags_has(&s->r.tags, SY_TAG_INCONSISTENT)) {
		size_t li = sy_textmap_line_of(m, s->start), n = 0, ls;
		uint32_t *cp = line_cps(m, li, &n);
		sy_foundvec fv = { 0 };
		const sy_found *f = NULL;

		ls = m->line_cp[li];
		if (!cp || sy_stats_scan(cp, n, &fv)) {
			say(&k, SY_TAG_INCONSISTENT ": (out of memory)");
		} else {
			for (size_t i = 0; i < fv.n && !f; i++)
				if (ls + fv.v[i].start == s->start && ls + fv.v[i].end == s->end)
					f = &fv.v[i];
			for (size_t i = 0; i < fv.n && !f; i++)   /* its span moved */
				if (ls + fv.v[i].start < s->end && ls + fv.v[i].end > s->start)
					f = &fv.v[i];
			if (f && f->inconsistent)
				why_inconsistent(cp, &fv, f, &k);
			else
				say(&k, SY_TAG_INCONSISTENT ": the extractor's checks find nothing "
				    "wrong here now (tagged by hand, or the item was changed)");
		}
		sy_foundvec_free(&fv);
		free(cp);
	}
	if (sy_tags_has(&s->r.tags, SY_TAG_LOST_ANCHOR))
		lost_anchor(m, s->text, s->start, s->end, &k);
	return k.lines;
}

/* ------------------------------------------------------------ sections */

/* N in Chinese numerals (1-99), else in digits. */
static void cn_number(int n, char out[32])
{
	static const char *const d[] = {
		"", "\xE4\xB8\x80", "\xE4\xBA\x8C", "\xE4\xB8\x89", "\xE5\x9B\x9B",
		"\xE4\xBA\x94", "\xE5\x85\xAD", "\xE4\xB8\x83", "\xE5\x85\xAB",
		"\xE4\xB9\x9D",
	};
	static const char ten[] = "\xE5\x8D\x81";

	if (n < 1 || n > 99)
		snprintf(out, 32, "%d", n);
	else if (n < 10)
		snprintf(out, 32, "%s", d[n]);
	else
		snprintf(out, 32, "%s%s%s", n >= 20 ? d[n / 10] : "", ten, d[n % 10]);
}

/* A marker of the given style and number: 二、 （3） */
static void marker_text(sy_marker_kind kind, uint32_t open, uint32_t close,
			int number, char out[48])
{
	char num[32];
	size_t len = 0;

	if (kind == SY_MK_CN_SUFFIX || kind == SY_MK_CN_PAREN)
		cn_number(number, num);
	else
		snprintf(num, sizeof num, "%d", number);
	if (open)
		len += sy_utf8_encode(open, out + len);
	len += (size_t)snprintf(out + len, 48 - len - 4, "%s", num);
	if (close)
		len += sy_utf8_encode(close, out + len);
	out[len] = '\0';
}

/* The outline entry at level I of O as a marker, with number NUMBER. */
static void entry_text(const sy_outline *o, int i, int number, char out[48])
{
	marker_text(o->stack[i].kind, o->stack[i].open, o->stack[i].close, number,
		    out);
}

/* Say why the heading H (on a line CP) got its anomaly bits ANOM, placed
 * at LEVEL in an outline that was BEFORE. */
static void why_numbering(const sy_section *s, const uint32_t *cp,
			  const sy_heading *h, const sy_outline *before,
			  int level, unsigned anom, sink *k)
{
	char found[176], prev[48] = "", want[48] = "";
	bool has_prev = level <= before->depth;

	cp_text(cp, h->mstart, h->mend, found);
	if (has_prev)
		entry_text(before, level - 1, before->stack[level - 1].number, prev);
	if (sy_tags_has(&s->r.tags, SY_TAG_NUMBERING_SKIP)) {
		if (!(anom & SY_ANOM_SKIP))
			say(k, SY_TAG_NUMBERING_SKIP ": the numbering rules find no skip here "
			    "now (tagged by hand, or the text changed)");
		else if (has_prev && !(anom & SY_ANOM_STYLE)) {
			entry_text(before, level - 1, before->stack[level - 1].number + 1, want);
			say(k, SY_TAG_NUMBERING_SKIP ": after %s the next marker is %s, found %s",
			    prev, want, found);
		} else {
			marker_text(h->kind, h->open, h->close, 1, want);
			say(k, SY_TAG_NUMBERING_SKIP ": a new level starts at %s, found %s", want,
			    found);
		}
	}
	if (sy_tags_has(&s->r.tags, SY_TAG_NUMBERING_REPEAT)) {
		if (!(anom & SY_ANOM_REPEAT) || !has_prev)
			say(k, SY_TAG_NUMBERING_REPEAT ": the numbering rules find no repeat here "
			    "now (tagged by hand, or the text changed)");
		else {
			entry_text(before, level - 1, before->stack[level - 1].number + 1, want);
			say(k, SY_TAG_NUMBERING_REPEAT ": %s comes after %s; the next marker is %s",
			    found, prev, want);
		}
	}
	if (sy_tags_has(&s->r.tags, SY_TAG_MARKER_STYLE)) {
		if (!(anom & SY_ANOM_STYLE) || !has_prev)
			say(k, SY_TAG_MARKER_STYLE ": the numbering rules find no change of style "
			    "here now (tagged by hand, or the text changed)");
		else {
			entry_text(before, level - 1, h->number, want);
			say(k, SY_TAG_MARKER_STYLE ": %s continues the level of %s in another "
			    "style; the same style would be %s", found, prev, want);
		}
	}
}

size_t sy_explain_section(const sy_textmap *m, const sy_annot *a, size_t index,
			  char *out, size_t cap)
{
	sink k = { out, cap, 0, 0 };
	const sy_section *s;
	bool numbering;

	if (!cap)
		return 0;
	out[0] = '\0';
	if (!m || !m->nlines || !a || index >= a->nsections)
		return 0;
	s = &a->sections[index];
	numbering = sy_tags_has(&s->r.tags, SY_TAG_NUMBERING_SKIP) ||
		    sy_tags_has(&s->r.tags, SY_TAG_NUMBERING_REPEAT) ||
		    sy_tags_has(&s->r.tags, SY_TAG_MARKER_STYLE);
	if (numbering) {
		/* The outline as the extractor built it: every heading line
		 * before the section's own, in text order.  The extractor made
		 * a section of each, so the sections' lines are the lines to
		 * look at (not the whole text up to here). */
		size_t target = sy_textmap_line_of(m, s->start), last = SIZE_MAX;
		sy_outline o;
		bool placed = false, oom = false;

		memset(&o, 0, sizeof o);
		for (size_t i = 0; i < a->nsections && !placed && !oom; i++) {
			size_t li = sy_textmap_line_of(m, a->sections[i].start), n = 0;
			uint32_t *cp;
			sy_heading h;
			sy_outline before;
			unsigned anom;
			int level;

			if (li > target || (last != SIZE_MAX && li <= last))
				continue;
			last = li;
			if (!(cp = line_cps(m, li, &n))) {
				oom = true;
				break;
			}
			if (sy_heading_match(cp, n, &h)) {
				before = o;
				level = sy_outline_place(&o, &h, &anom);
				if (li == target) {
					why_numbering(s, cp, &h, &before, level, anom, &k);
					placed = true;
				}
			}
			free(cp);
		}
		if (oom)
			say(&k, "numbering: (out of memory)");
		else if (!placed)
			say(&k, "numbering: no numbered heading starts this section's "
			    "line now (the text or the span changed)");
	}
	if (sy_tags_has(&s->r.tags, SY_TAG_LOST_ANCHOR)) {
		char own[400];
		snprintf(own, sizeof own, "%s%s", s->marker ? s->marker : "",
			 s->title ? s->title : "");
		lost_anchor(m, own, s->start, s->end, &k);
	}
	return k.lines;
}
