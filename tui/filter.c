/* filter.c - the filter menu (f): all items, pending, a status, any tag
 * present in the batch or named in the config, or a tag typed. */
#include "batch.h"
#include "decide.h"
#include "model/labels.h"
#include "base/i18n.h"
#include "display.h"
#include "panes.h"
#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Menu keys of the tags, after a p and the statuses' c f r d. */
static const char TAG_KEYS[] = "123456789beghilmnostuvwxyz";

#define MAX_OPTS 40

/* Add TAG to the options unless it is there; false when full. */
static bool add_tag(const char **opts, size_t *n, size_t first, const char *tag)
{
	for (size_t i = first; i < *n; i++)
		if (!strcmp(opts[i], tag))
			return true;
	if (*n >= MAX_OPTS || *n - first >= sizeof TAG_KEYS - 1)
		return false;
	opts[(*n)++] = tag;
	return true;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The options after "a tag, typed..." (index 6): the provenance ones. */
#define PROV_FIRST 7

/* What the provenance conditions of L are, as " from X, score A-B,
 * disagreeing" into OUT. */
void sy_filter_describe(const sy_list *l, char *out, size_t cap)
{
	size_t len = 0;

	out[0] = '\0';
	if (l->filter_source[0])
		len += (size_t)snprintf(out + len, cap - len, _(", from %s"),
					l->filter_source);
	if (l->filter_scored && len < cap)
		len += (size_t)snprintf(out + len, cap - len, _(", score %.2f-%.2f"),
					l->score_lo, l->score_hi);
	if (l->filter_disagree && len < cap)
		snprintf(out + len, cap - len, "%s", l->filter_disagree > 0 ?
			 _(", sources disagree") : _(", sources agree"));
}

/* Source (K 0), score range (1), disagreeing (2) or agreeing (3): the
 * condition joins the filter in force; an empty answer removes it. */
static sy_result prov_filter(sy_app *app, int k)
{
	sy_list *l = &app->list;
	char buf[64] = "", desc[160], *end;
	double lo = l->filter_scored ? l->score_lo : 1, hi = l->filter_scored ? l->score_hi : 0;
	int dis = l->filter_disagree;
	const char *src = NULL;

	if (k == 0) {
		if (!sy_prompt(&app->ui, _("source (empty: any): "), buf, sizeof buf))
			return SY_RES_HANDLED;
		src = buf + strspn(buf, " ");
	} else if (k == 1) {
		if (!sy_prompt(&app->ui, _("score range, LOW-HIGH or LOW (empty: any): "),
			       buf, sizeof buf))
			return SY_RES_HANDLED;
		if (!buf[strspn(buf, " ")]) {
			lo = 1;
			hi = 0;
		} else {
			lo = strtod(buf, &end);
			hi = *end == '-' ? strtod(end + 1, &end) : 1;
			if (end == buf || *end || lo > hi) {
				sy_say(app, true, _("not a score range: %s (e.g. 0.9-1)"), buf);
				return SY_RES_HANDLED;
			}
		}
	} else {
		dis = k == 2 ? 1 : -1;
	}
	sy_list_filter_prov(l, src, lo, hi, dis);
	sy_panes_rebuild(app);
	sy_panes_select_row(app, l->sel);
	sy_filter_describe(l, desc, sizeof desc);
	sy_say(app, false, _("showing%s (%zu items)"), desc, l->nrows);
	return SY_RES_HANDLED;
}

sy_result sy_filter_menu(sy_app *app)
{
	sy_list *l = &app->list;
	static const sy_review_status sts[] = { SY_ACCEPTED, SY_FIXED, SY_REJECTED, SY_ADDED };
	const char *const *conf = app->config.ntags ?
		(const char *const *)app->config.tags : sy_default_tags;
	size_t nconf = app->config.ntags;
	const char *opts[MAX_OPTS + 1];
	char label[MAX_OPTS + 1][80], typed[64] = "", was[32], hidden[96];
	int keys[MAX_OPTS + 1];
	size_t n = 0, first, nt;
	int rows, cols, room, c;

	if (!app->config.ntags)
		for (nconf = 0; sy_default_tags[nconf]; nconf++)
			;
	opts[n] = _("all items"); keys[n++] = 'a';
	opts[n] = _("pending only"); keys[n++] = 'p';
	for (size_t i = 0; i < 4; i++) {
		opts[n] = sy_status_label(sts[i]);
		keys[n++] = "cfrd"[i];
	}
	opts[n] = _("a tag, typed..."); keys[n++] = '+';
	opts[n] = _("from a source, typed..."); keys[n++] = 'S';
	opts[n] = _("a score range, typed (0.9-1)..."); keys[n++] = 'R';
	opts[n] = _("where sources disagree"); keys[n++] = 'D';
	opts[n] = _("where sources agree"); keys[n++] = 'U';
	/* the tags of the open report and of the batch, in name order, then
	 * the config's that none carries yet */
	sy_batch_add_tags(app, &app->file.annot);
	first = n;
	for (size_t i = 0; i < app->tags.n; i++)
		add_tag(opts, &n, first, app->tags.v[i]);
	qsort(opts + first, n - first, sizeof *opts, by_name);
	for (size_t i = 0; i < nconf; i++)
		add_tag(opts, &n, first, conf[i]);
	/* as many as the screen shows (the typed tag reaches the others) */
	dpy_size(&rows, &cols);
	room = rows - 3;
	if ((int)n > room)
		n = room > (int)first ? (size_t)room : first;
	nt = n - first;
	for (size_t i = 0; i < nt; i++) {
		snprintf(label[i], sizeof label[i], _("tag: %s"), sy_tag_label(opts[first + i]));
		keys[first + i] = TAG_KEYS[i];
	}
	{
		const char *shown[MAX_OPTS + 1];
		memcpy(shown, opts, first * sizeof *opts);
		for (size_t i = 0; i < nt; i++)
			shown[first + i] = label[i];
		c = sy_menu(&app->ui, _("Show"), shown, keys, NULL, n);
	}
	if (c < 0)
		return SY_RES_HANDLED;
	if (c >= PROV_FIRST && c < PROV_FIRST + 4)
		return prov_filter(app, c - PROV_FIRST);
	if (c == 0) {
		sy_list_filter(l, SY_FILTER_ALL, SY_PENDING, NULL);
		sy_list_filter_prov(l, "", 1, 0, 0);
	} else if (c == 1) {
		sy_list_filter(l, SY_FILTER_PENDING, SY_PENDING, NULL);
	} else if (c < 6) {
		sy_list_filter(l, SY_FILTER_STATUS, sts[c - 2], NULL);
	} else {
		const char *tag = opts[c];
		if (c == 6) {
			if (!sy_prompt(&app->ui, _("show the items tagged: "), typed, sizeof typed) ||
			    !typed[strspn(typed, " ")])
				return SY_RES_HANDLED;
			tag = typed + strspn(typed, " ");
		}
		sy_list_filter(l, SY_FILTER_TAG, SY_PENDING, tag);
	}
	snprintf(was, sizeof was, "%s", l->sel_id);
	sy_panes_rebuild(app);
	sy_panes_select_row(app, l->sel);
	/* the current item hidden: say where the cursor went instead */
	hidden[0] = '\0';
	if (was[0] && l->nrows && strcmp(was, l->sel_id))
		snprintf(hidden, sizeof hidden, _("; %s is hidden, now at %s"), was,
			 l->sel_id);
	if (l->filter == SY_FILTER_TAG)
		sy_say(app, false, ngettext("showing: tag %s (%zu item)%s",
					    "showing: tag %s (%zu items)%s", l->nrows),
		       sy_tag_label(l->filter_tag), l->nrows, hidden);
	else
		sy_say(app, false, ngettext("showing: %s (%zu item)%s",
					    "showing: %s (%zu items)%s", l->nrows),
		       opts[c], l->nrows, hidden);
	return SY_RES_HANDLED;
}
