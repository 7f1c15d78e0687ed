/* filter.c - the filter menu (f): all items, pending, a status, any tag
 * present in the batch or named in the config, or a tag typed. */
#include "batch.h"
#include "decide.h"
#include "model/labels.h"
#include "base/i18n.h"
#include "display.h"
#include "panes.h"

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
	if (c == 0) {
		sy_list_filter(l, SY_FILTER_ALL, SY_PENDING, NULL);
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
