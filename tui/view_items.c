/* view_items.c - the items pane: the document facts, then the section
 * outline (indented by level, anomalies marked) with each statistic under
 * its section, in text order; status as a mark and a colour. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "decide.h"
#include "display.h"
#include "format/provenance.h"
#include "model/schema.h"
#include "model/labels.h"
#include "base/i18n.h"
#include "state.h"
#include "base/utf8.h"

static bool has_anomaly(const sy_review *r)
{
	return sy_tags_has(&r->tags, SY_TAG_CONFLICT) ||
	       sy_tags_has(&r->tags, SY_TAG_NUMBERING_SKIP) ||
	       sy_tags_has(&r->tags, SY_TAG_NUMBERING_REPEAT) ||
	       sy_tags_has(&r->tags, SY_TAG_MARKER_STYLE) ||
	       sy_tags_has(&r->tags, SY_TAG_INCONSISTENT);
}

static void tags_text(const sy_review *r, char *out, size_t cap)
{
	size_t len = 0;
	out[0] = '\0';
	for (size_t i = 0; i < r->tags.n && len + 2 < cap; i++) {
		int k = snprintf(out + len, cap - len, " #%s", sy_tag_label(r->tags.v[i]));
		if (k < 0)
			break;
		len += (size_t)k;
		if (len >= cap)
			len = cap - 1;
	}
	if (r->note && *r->note && len + 4 < cap)
		snprintf(out + len, cap - len, "%s", _(" (note)"));
}

static void value_text(const sy_stat *s, char *out, size_t cap)
{
	char v[48] = "null", vmax[48] = "";
	if (s->has_value)
		snprintf(v, sizeof v, s->value == floor(s->value) && fabs(s->value) < 1e15 ?
			 "%.0f" : "%.15g", s->value);
	if (s->has_value_max)
		snprintf(vmax, sizeof vmax, s->value_max == floor(s->value_max) ?
			 "-%.0f" : "-%.15g", s->value_max);
	snprintf(out, cap, "%s%s %s%s%s", v, vmax, s->unit ? s->unit : "",
		 s->approx != SY_APPROX_NONE ? " ~" : "",
		 s->approx != SY_APPROX_NONE ? sy_approx_name(s->approx) : "");
}

static void draw_row(sy_app *app, size_t row, int y, int x, int w, bool cur)
{
	sy_item_ref it = app->list.rows[row];
	int indent = app->list.indent[row];
	const sy_annot *a = &app->file.annot;
	sy_review_status st = sy_item_status(&app->file, it);
	sy_role role = cur ? SY_ROLE_CURRENT : sy_status_role(st);
	char line[1024], tags[256] = "", val[128];
	int used;

	dpy_fill(y, x, w, cur ? SY_ROLE_CURRENT : SY_ROLE_TEXT);
	/* the marker column: the current row is told without colour */
	used = dpy_text(y, x, w, cur ? ">" : " ", role);
	used += dpy_text(y, x + used, w - used, sy_status_mark(st), role);
	if (it.kind == SY_ITEM_DOCUMENT) {
		const sy_docfacts *d = &a->doc;
		/* TRANSLATORS: the row of the document facts: title, issuer,
		 * region, year, date */
		snprintf(line, sizeof line, _(" DOCUMENT %s / %s / %s / %d / %s"),
			 d->title ? d->title : "-", d->issuer ? d->issuer : "-",
			 d->region ? d->region : "-", d->year, d->date ? d->date : "-");
	} else if (it.kind == SY_ITEM_SECTION) {
		const sy_section *s = &a->sections[it.index];
		tags_text(&s->r, tags, sizeof tags);
		snprintf(line, sizeof line, " %*s%s%s%s%s%s", indent * 2, "",
			 has_anomaly(&s->r) ? "! " : "", sy_prov_disagrees(&s->r) ? "<> " : "", s->marker ? s->marker : "",
			 s->title ? s->title : "", tags);
	} else {
		const sy_stat *s = &a->stats[it.index];
		tags_text(&s->r, tags, sizeof tags);
		value_text(s, val, sizeof val);
		snprintf(line, sizeof line, " %*s%s%s%s = %s | %s%s",
			 indent * 2, "", has_anomaly(&s->r) ? "! " : "",
			 sy_prov_disagrees(&s->r) ? "<> " : "",
			 s->text ? s->text : "", val, s->subject ? s->subject : "", tags);
	}
	if (w > used)
		dpy_text(y, x + used, w - used, line, role);
}

/* V as YAML flow text ("[a, b]", "{k: v}") appended at OUT + *LEN (room
 * for CAP). */
static void flow(const sy_node *v, char *out, size_t cap, size_t *len)
{
	int k;

	if (*len + 1 >= cap)
		return;
	if (v->kind == SY_NODE_SCALAR) {
		k = snprintf(out + *len, cap - *len, "%s", v->scalar ? v->scalar : "null");
	} else {
		k = snprintf(out + *len, cap - *len, "%c", v->kind == SY_NODE_SEQ ? '[' : '{');
		*len += k > 0 && (size_t)k < cap - *len ? (size_t)k : 0;
		for (size_t i = 0; i < v->n && *len + 1 < cap; i++) {
			k = snprintf(out + *len, cap - *len, "%s%s%s", i ? ", " : "",
				     v->kind == SY_NODE_MAP ? v->keys[i] : "",
				     v->kind == SY_NODE_MAP ? ": " : "");
			*len += k > 0 && (size_t)k < cap - *len ? (size_t)k : 0;
			flow(v->items[i], out, cap, len);
		}
		k = snprintf(out + *len, cap - *len, "%c", v->kind == SY_NODE_SEQ ? ']' : '}');
	}
	*len += k > 0 && (size_t)k < cap - *len ? (size_t)k : 0;
}

/* Draw TEXT broken by display width over at most MAXROWS rows of width W
 * from (Y, X) (only counting when !DRAW); returns the rows it takes. */
static int wrapped(int y, int x, int w, const char *text, int maxrows, bool draw)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t n = strlen(text);
	int rows = 0;

	while (n && rows < maxrows) {
		char part[1024];
		size_t used = 0, plen = 0, space = 0;
		int width = 0;
		while (used < n) {
			uint32_t c;
			size_t l = sy_utf8_decode(p + used, n - used, &c);
			int cw = sy_cell_width(c);
			if (!l || (width + cw > w && plen) || plen + l >= sizeof part)
				break;
			memcpy(part + plen, p + used, l);
			plen += l;
			used += l;
			width += cw;
			if (c == ' ')
				space = used;
		}
		if (used < n && space > used / 2)    /* break after a blank */
			plen = used = space;
		part[plen] = '\0';
		if (draw)
			dpy_text(y + rows, x, w, part, SY_ROLE_ANOMALY);
		rows++;
		if (!used)
			break;
		p += used;
		n -= used;
	}
	return rows;
}

/* The other version of a conflict, as one line: "B (li): status rejected,
 * value 49" or "B (li): deleted". */
static void conflict_text(const sy_node *c, char *out, size_t cap)
{
	const sy_node *t = sy_node_get(c, "theirs"), *who = sy_node_get(c, "reviewer"),
		      *ours = sy_node_get(c, "ours"), *e = sy_node_get(c, "earlier");
	size_t len;
	char more[48] = "";

	bool named = who && who->kind == SY_NODE_SCALAR && who->scalar &&
		     *who->scalar && (who->quoted || strcmp(who->scalar, "null"));

	/* earlier alternatives (conflict.h) come next, one by one */
	if (e && e->kind == SY_NODE_SEQ && e->n)
		/* TRANSLATORS: a conflict's earlier alternatives, shown next */
		snprintf(more, sizeof more, _(" [+%zu earlier]"), e->n);
	len = (size_t)snprintf(out, cap, " B%s%s%s%s: ", named ? " (" : "",
			       named ? who->scalar : "", named ? ")" : "", more);
	if (ours && ours->scalar) {
		snprintf(out + len, cap - len, "%s", _("keeps it (A deleted it)"));
		return;
	}
	if (!t || t->kind != SY_NODE_MAP) {
		snprintf(out + len, cap - len, "%s", t && t->scalar ? t->scalar : "?");
		return;
	}
	for (size_t i = 0; i < t->n && len + 4 < cap; i++) {
		int k = snprintf(out + len, cap - len, "%s%s ", i ? ", " : "", t->keys[i]);
		if (k < 0 || (size_t)k >= cap - len)
			break;
		len += (size_t)k;
		flow(t->items[i], out, cap, &len);   /* every field, in full */
	}
}

static void items_draw(sy_app *app, sy_rect r, bool focused)
{
	sy_list *l = &app->list;
	char title[400];
	int body = r.h - 1;
	sy_item_ref cur;
	const sy_node *c = NULL;

	/* the current item's conflict, on the pane's last row */
	if (sy_list_current(l, &cur) && (c = sy_item_conflict(&app->file, cur)) &&
	    body > 2) {
		/* B's version in full, on as many rows as it takes (up to 4) */
		char line[1024];
		int tw = r.w - 24 > 10 ? r.w - 24 : r.w, n, y0;
		conflict_text(c, line, sizeof line);
		n = wrapped(0, 0, tw, line, body - 2 < 4 ? body - 2 : 4, false);
		n = n < 1 ? 1 : n;
		body -= n;
		y0 = r.y + r.h - n;
		for (int i = 0; i < n; i++)
			dpy_fill(y0 + i, r.x, r.w, SY_ROLE_ANOMALY);
		wrapped(y0, r.x, tw, line, n, true);
		if (r.w - 24 > 10)
			dpy_text(r.y + r.h - 1, r.x + r.w - 24, 24, _(" 1: keep A  2: take B"),
				 SY_ROLE_HELP_KEY);
	}
	const char *filter = l->filter == SY_FILTER_ALL ? "" :
		l->filter == SY_FILTER_PENDING ? _(" (pending)") :
		l->filter == SY_FILTER_STATUS ? _(" (status)") : _(" (tag)");

	char prov[160];
	sy_filter_describe(l, prov, sizeof prov);
	/* TRANSLATORS: the title of the items pane: " Items (pending)  12
	 * shown"; the second %s says a provenance filter (" from crf") */
	snprintf(title, sizeof title, _("%s Items%s%s  %zu shown"), focused ? ">" : " ",
		 filter, prov, l->nrows);
	dpy_fill(r.y, r.x, r.w, SY_ROLE_PANE_TITLE);
	dpy_text(r.y, r.x, r.w, title, SY_ROLE_PANE_TITLE);
	l->shown = 0;
	if (body <= 0)
		return;
	/* the current item's detail, above the conflict line */
	if (body > 3) {
		int max = l->details ? (body - 3 > 2 ? body - 3 : 2) : 1;
		int dh = sy_detail_rows(app, r.w, max);
		if (dh > 0) {
			body -= dh;
			sy_detail_draw(app, r.y + 1 + body, r.x, r.w, dh);
		}
	}
	l->top = sy_scroll_top(l->top, l->sel, l->nrows, (size_t)body,
			       SY_SCROLL_MARGIN);
	l->shown = body;
	for (int i = 0; i < body && l->top + (size_t)i < l->nrows; i++) {
		size_t row = l->top + (size_t)i;
		draw_row(app, row, r.y + 1 + i, r.x, r.w, row == l->sel);
	}
	if (l->nrows == 0)
		dpy_text(r.y + 1, r.x, r.w, _(" (no item matches the filter: f to change it)"),
			 SY_ROLE_TEXT);
}

/* Select row R (clamped) of the list; the text follows. */
static sy_result select_row(sy_app *app, size_t r)
{
	sy_list_set_row(&app->list, &app->file, r);
	return SY_RES_HANDLED | SY_RES_FOLLOW;
}

static sy_result items_key(sy_app *app, sy_action a)
{
	const sy_list *l = &app->list;
	int page = app->frame.r_items.h - 2 > 1 ? app->frame.r_items.h - 2 : 1;
	sy_item_ref it;
	size_t s, e;

	switch (a) {
	case SY_ACT_DOWN:
		return l->sel + 1 < l->nrows ? select_row(app, l->sel + 1) : SY_RES_HANDLED;
	case SY_ACT_UP:
		return l->sel > 0 ? select_row(app, l->sel - 1) : SY_RES_HANDLED;
	case SY_ACT_PAGE_DOWN:
		return select_row(app, l->sel + (size_t)page);
	case SY_ACT_PAGE_UP:
		return select_row(app, l->sel > (size_t)page ? l->sel - (size_t)page : 0);
	case SY_ACT_FIRST:
		return select_row(app, 0);
	case SY_ACT_LAST:
		return select_row(app, l->nrows ? l->nrows - 1 : 0);
	case SY_ACT_JUMP:      /* the text to the item's span, the keys too */
		return sy_list_current(l, &it) && sy_item_span(&app->file, it, &s, &e)
			? SY_RES_HANDLED | SY_RES_FOLLOW | SY_RES_FOCUS_TEXT
			: SY_RES_HANDLED;
	case SY_ACT_LEFT:
	case SY_ACT_RIGHT:
		return SY_RES_HANDLED;
	default:
		return SY_RES_IGNORED;
	}
}

static sy_result items_click(sy_app *app, sy_rect r, int y, int x)
{
	const sy_list *l = &app->list;

	(void)x;
	if (y > r.y && y - r.y - 1 < l->shown &&
	    l->top + (size_t)(y - r.y - 1) < l->nrows)
		return select_row(app, l->top + (size_t)(y - r.y - 1));
	return SY_RES_HANDLED;
}

const sy_view sy_items_view = { "items", items_draw, items_key, items_click };
