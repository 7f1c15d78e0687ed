/* view_detail.c - the detail area under the items list: every field of
 * the current item (its span and values, tags, note, the `proposed`
 * values) and why the extractor tagged it (core/explain.c).  Folded, it
 * is one row (what is not on the item's own row: tags, note, proposed,
 * why); unfolded (the `details` action), one field per line, wrapped. */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "display.h"
#include "state.h"
#include "model/labels.h"
#include "base/i18n.h"
#include "extract/explain.h"
#include "format/provenance.h"
#include "model/schema.h"
#include "base/utf8.h"

/* The keys of format 1 (schema.h), as the detail names the fields. */
static const char *const SEC_KEY[] = { SY_SECTION_FIELDS(SY_FIELD_KEY) };
static const char *const STAT_KEY[] = { SY_STAT_FIELDS(SY_FIELD_KEY) };
static const char *const DOC_KEY[] = { SY_DOC_FIELDS(SY_FIELD_KEY) };
static const char *const REV_KEY[] = { SY_REVIEW_FIELDS(SY_FIELD_KEY) };

typedef struct text {
	char *s;
	size_t cap, len;
} text;

static void put(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->len + 1 >= t->cap)
		return;
	va_start(ap, fmt);
	n = vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
	va_end(ap);
	t->len += n > 0 ? (size_t)n : 0;
	if (t->len >= t->cap)
		t->len = t->cap - 1;
}

/* " KEY VALUE", OR when VALUE is NULL. */
static void field(text *t, const char *key, const char *value, const char *or)
{
	put(t, " %s %s", key, value ? value : or);
}

/* A node of `proposed` as flow text: value 49, tags [a, b]. */
static void node_text(const sy_node *n, text *t, int depth)
{
	if (!n) {
		put(t, "null");
		return;
	}
	if (n->kind == SY_NODE_SCALAR) {
		put(t, "%s", n->scalar ? n->scalar : "null");
		return;
	}
	if (depth > 3) {
		put(t, "...");
		return;
	}
	put(t, n->kind == SY_NODE_SEQ ? "[" : depth ? "{" : "");
	for (size_t i = 0; i < n->n; i++) {
		if (i)
			put(t, ", ");
		if (n->kind == SY_NODE_MAP)
			put(t, "%s ", n->keys[i]);
		node_text(n->items[i], t, depth + 1);
	}
	put(t, n->kind == SY_NODE_SEQ ? "]" : depth ? "}" : "");
}

static void num(char *out, size_t cap, double v)
{
	snprintf(out, cap, v == floor(v) && fabs(v) < 1e15 ? "%.0f" : "%.15g", v);
}

/* The explanation of the current item's anomaly tags, cached: it may
 * scan the report up to the item, so it is made once per item. */
static const char *why(sy_app *app, sy_item_ref it, const sy_review *r)
{
	static char cache[1024];
	static unsigned gen = ~0u;
	static sy_item_ref cit;
	static size_t cs, ce;
	static unsigned long ctags;
	const sy_annot *a = &app->file.annot;
	unsigned long h = 5381;
	size_t s = 0, e = 0;

	for (size_t i = 0; i < r->tags.n; i++)
		for (const char *p = r->tags.v[i]; *p; p++)
			h = h * 33 + (unsigned char)*p;
	sy_item_span(&app->file, it, &s, &e);
	if (gen == app->text.gen && cit.kind == it.kind && cit.index == it.index &&
	    cs == s && ce == e && ctags == h)
		return cache;
	cache[0] = '\0';
	if (it.kind == SY_ITEM_SECTION)
		sy_explain_section(&app->map, a, it.index, cache, sizeof cache);
	else if (it.kind == SY_ITEM_STAT)
		sy_explain_stat(&app->map, &a->stats[it.index], cache, sizeof cache);
	gen = app->text.gen;
	cit = it;
	cs = s;
	ce = e;
	ctags = h;
	return cache;
}

/* Who proposed the item, with each source's score (not when FOLDED:
 * every extracted item has its own, which would take the one line), the
 * other sources' versions, and how it was decided (format/provenance.h). */
static void provenance(text *t, const sy_review *r, bool folded)
{
	size_t n = sy_prov_count(r);

	if (n && !folded) {
		put(t, "\n%s:", REV_KEY[SY_REV_BY]);
		for (size_t i = 0; i < n; i++) {
			double sc;
			bool has;
			const char *src = sy_prov_source(r, i, &sc, &has);
			if (has)
				put(t, " %s %.2f", src, sc);
			else
				put(t, " %s -", src);
		}
	}
	if (r->disagreement && r->disagreement->kind == SY_NODE_MAP)
		for (size_t i = 0; i < r->disagreement->n; i++) {
			put(t, "\n%s %s: ", REV_KEY[SY_REV_DISAGREEMENT],
			    r->disagreement->keys[i]);
			node_text(r->disagreement->items[i], t, 0);
		}
	if (r->via)
		put(t, "\n%s: %s", REV_KEY[SY_REV_VIA], r->via);
}

/* The detail of the current item as lines separated by '\n' into OUT;
 * the first line is the item itself, the others what a row does not
 * show.  Returns false when there is no current item. */
static bool detail_lines(sy_app *app, char *out, size_t cap, size_t *first_end,
			 bool folded)
{
	const sy_annot *a = &app->file.annot;
	sy_item_ref it;
	const sy_review *r;
	text t = { out, cap, 0 };
	char v[48], w[48];
	size_t s = 0, e = 0;
	const char *y;

	out[0] = '\0';
	if (!sy_list_current(&app->list, &it))
		return false;
	r = sy_item_review(&app->file, it);     /* NULL for the document */
	put(&t, "%s %s", sy_item_id(&app->file, it),
	    sy_status_label(sy_item_status(&app->file, it)));
	if (sy_item_span(&app->file, it, &s, &e))
		put(&t, " [%zu, %zu)", s, e);
	if (it.kind == SY_ITEM_SECTION) {
		const sy_section *x = &a->sections[it.index];
		put(&t, " %s %d", SEC_KEY[SY_SEC_LEVEL], x->level);
		field(&t, SEC_KEY[SY_SEC_MARKER], x->marker, "-");
		field(&t, SEC_KEY[SY_SEC_TITLE], x->title, "-");
	} else if (it.kind == SY_ITEM_STAT) {
		const sy_stat *x = &a->stats[it.index];
		num(v, sizeof v, x->value);
		num(w, sizeof w, x->value_max);
		field(&t, STAT_KEY[SY_STAT_TEXT], x->text, "-");
		field(&t, STAT_KEY[SY_STAT_VALUE], x->has_value ? v : NULL, "null");
		if (x->has_value_max)
			field(&t, STAT_KEY[SY_STAT_VALUE_MAX], w, "");
		field(&t, STAT_KEY[SY_STAT_UNIT], x->unit, "null");
		field(&t, STAT_KEY[SY_STAT_APPROX], sy_approx_name(x->approx), "null");
		field(&t, STAT_KEY[SY_STAT_SUBJECT],
		      x->subject && *x->subject ? x->subject : NULL, "-");
		field(&t, STAT_KEY[SY_STAT_SECTION], x->section, "-");
	} else {
		const sy_docfacts *d = &a->doc;
		field(&t, DOC_KEY[SY_DOC_TITLE], d->title, "-");
		field(&t, DOC_KEY[SY_DOC_ISSUER], d->issuer, "-");
		field(&t, DOC_KEY[SY_DOC_REGION], d->region, "-");
		put(&t, " %s %d", DOC_KEY[SY_DOC_YEAR], d->year);
		field(&t, DOC_KEY[SY_DOC_DATE], d->date, "-");
	}
	*first_end = t.len;
	if (!r) {
		const sy_node *p = a->doc.extra ? sy_node_get(a->doc.extra, REV_KEY[SY_REV_PROPOSED]) : NULL;
		if (p) {
			put(&t, "\n%s: ", REV_KEY[SY_REV_PROPOSED]);
			node_text(p, &t, 0);
		}
		return true;
	}
	if (r->tags.n) {
		put(&t, "\n%s:", REV_KEY[SY_REV_TAGS]);
		for (size_t i = 0; i < r->tags.n; i++)
			put(&t, " #%s", sy_tag_label(r->tags.v[i]));
	}
	if (r->note && *r->note)
		put(&t, "\n%s: %s", REV_KEY[SY_REV_NOTE], r->note);
	if (r->proposed) {
		put(&t, "\n%s: ", REV_KEY[SY_REV_PROPOSED]);
		node_text(r->proposed, &t, 0);
	}
	provenance(&t, r, folded);
	y = why(app, it, r);
	if (*y)
		put(&t, "\n%s", y);
	return true;
}

/* The length in bytes of the longest start of S (up to END) that fits W
 * columns, at least one character. */
static size_t fit_bytes(const char *s, const char *end, int w)
{
	const char *p = s;
	int col = 0;

	while (p < end) {
		uint32_t c;
		size_t k = sy_utf8_decode((const unsigned char *)p, (size_t)(end - p), &c);
		int cw;
		if (!k)
			k = 1, c = 0xFFFD;
		cw = sy_cell_width(c);
		if (col + cw > w && p > s)
			break;
		col += cw;
		p += k;
	}
	return (size_t)(p - s);
}

/* Draw LINE (no '\n') wrapped at W columns from row Y, at most MAX rows;
 * returns the rows used (0 when DRAW is false: counts only). */
static int wrap_line(const char *line, size_t len, int y, int x, int w, int max,
		     sy_role role, bool draw)
{
	const char *p = line, *end = line + len;
	int rows = 0;

	do {
		char row[1024];
		size_t k = fit_bytes(p, end, w);
		if (k >= sizeof row)
			k = sizeof row - 1;
		if (draw && rows < max) {
			snprintf(row, sizeof row, "%.*s", (int)k, p);
			dpy_fill(y + rows, x, w, role);
			dpy_text(y + rows, x, w, row, role);
		}
		p += k;
		rows++;
	} while (p < end);
	return rows;
}

/* Whether LINE starts with "KEY:". */
static bool keyed(const char *line, const char *key)
{
	size_t n = strlen(key);
	return !strncmp(line, key, n) && line[n] == ':';
}

/* Lay out (DRAW false: count) the detail at (Y, X), W columns, at most
 * MAX rows; returns the rows it needs (folded: 1). */
static int detail_do(sy_app *app, int y, int x, int w, int max, bool draw)
{
	char buf[4096];
	size_t first_end = 0;
	int used = 0;

	if (w < 4 || max < 1 || !detail_lines(app, buf, sizeof buf, &first_end,
					!app->list.details))
		return 0;
	if (!app->list.details) {
		/* folded: what the row does not show, else the item itself */
		char *p = buf[first_end] ? buf + first_end + 1 : buf;
		for (char *q = p; *q; q++)
			if (*q == '\n')
				*q = '\t';
		if (draw) {
			char row[4096];
			size_t n = 0;
			for (char *q = p; *q && n + 4 < sizeof row; q++) {
				if (*q == '\t') {
					memcpy(row + n, " | ", 3);
					n += 3;
				} else {
					row[n++] = *q;
				}
			}
			row[n] = '\0';
			dpy_fill(y, x, w, SY_ROLE_HELP_TEXT);
			dpy_text(y, x, w - 8 > 10 ? w - 8 : w, row, SY_ROLE_HELP_TEXT);
			if (w - 8 > 10)
				dpy_text(y, x + w - 8, 8, _(" i: more"), SY_ROLE_HELP_KEY);
		}
		return 1;
	}
	for (char *p = buf; *p && used < max;) {
		char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		bool is_why = p != buf && !keyed(p, REV_KEY[SY_REV_TAGS]) &&
			      !keyed(p, REV_KEY[SY_REV_NOTE]) &&
			      !keyed(p, REV_KEY[SY_REV_PROPOSED]) &&
			      !keyed(p, REV_KEY[SY_REV_BY]) &&
			      !keyed(p, REV_KEY[SY_REV_VIA]) &&
			      strncmp(p, REV_KEY[SY_REV_DISAGREEMENT],
				      strlen(REV_KEY[SY_REV_DISAGREEMENT])) != 0;
		used += wrap_line(p, len, y + used, x, w, max - used,
				  is_why ? SY_ROLE_ANOMALY : SY_ROLE_HELP_TEXT, draw);
		p += len + (nl != NULL);
	}
	return used > max ? max : used;
}

int sy_detail_rows(sy_app *app, int w, int max)
{
	return detail_do(app, 0, 0, w, max, false);
}

void sy_detail_draw(sy_app *app, int y, int x, int w, int h)
{
	detail_do(app, y, x, w, h, true);
}
