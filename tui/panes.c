/* panes.c - see panes.h */
#include "panes.h"

#include <stddef.h>
#include <stdint.h>

void sy_panes_rebuild(sy_app *app)
{
	if (sy_list_rebuild(&app->list, &app->file))
		sy_say(app, true, "out of memory");
}

void sy_panes_follow(sy_app *app)
{
	sy_item_ref it;
	size_t start, end;

	if (sy_list_current(&app->list, &it) &&
	    sy_item_span(&app->file, it, &start, &end))
		sy_tp_goto(&app->text, start);
}

void sy_panes_select_row(sy_app *app, size_t r)
{
	if (app->list.nrows == 0)
		return;
	sy_list_set_row(&app->list, &app->file, r);
	sy_panes_follow(app);
}

void sy_panes_select_item(sy_app *app, sy_item_ref it)
{
	sy_list_set_id(&app->list, &app->file, it);
	sy_panes_rebuild(app);
	sy_panes_select_row(app, app->list.sel);
}

void sy_panes_reselect(sy_app *app, sy_item_ref it, bool structural)
{
	sy_list *l = &app->list;
	size_t r;

	sy_list_set_id(l, &app->file, it);
	if (structural || l->filter != SY_FILTER_ALL ||
	    (r = sy_list_row_of(l, &app->file, it)) == SIZE_MAX ||
	    l->nrows != 1 + app->file.annot.nsections + app->file.annot.nstats) {
		sy_panes_rebuild(app);
	} else {
		sy_list_set_row(l, &app->file, r);
	}
	if (l->nrows)
		sy_panes_select_row(app, l->sel);
}

bool sy_panes_need_item(sy_app *app, sy_item_ref *it)
{
	if (!sy_list_current(&app->list, it)) {
		sy_say(app, false, "no item here (the filter may hide them: f)");
		return false;
	}
	return true;
}

/* ------------------------------------------------------------ text -> items */

/* The last item of kind K whose span holds CP, or SIZE_MAX: the items
 * starting at or before CP are those before sy_list_first_from(CP + 1);
 * the few just before it are tried for their end. */
static size_t holding(const sy_file *f, sy_item_kind k, size_t cp)
{
	size_t lo = sy_list_first_from(f, k, cp + 1), s, e;

	for (size_t i = lo; i > 0 && lo - i < 64; i--)
		if (sy_item_span(f, (sy_item_ref){ k, i - 1 }, &s, &e) && cp < e)
			return i - 1;
	return SIZE_MAX;
}

/* The nearest shown item starting at or after CP (a section before a
 * statistic at the same place); false when there is none. */
static bool shown_after(sy_app *app, size_t cp, sy_item_ref *it, size_t *row)
{
	const sy_annot *a = &app->file.annot;
	size_t i = sy_list_first_from(&app->file, SY_ITEM_SECTION, cp);
	size_t j = sy_list_first_from(&app->file, SY_ITEM_STAT, cp);

	while (i < a->nsections || j < a->nstats) {
		bool sec = j >= a->nstats ||
			   (i < a->nsections && a->sections[i].start <= a->stats[j].start);
		sy_item_ref c = sec ? (sy_item_ref){ SY_ITEM_SECTION, i++ }
				    : (sy_item_ref){ SY_ITEM_STAT, j++ };
		size_t r = sy_list_row_of(&app->list, &app->file, c);
		if (r != SIZE_MAX) {
			*it = c;
			*row = r;
			return true;
		}
	}
	return false;
}

void sy_panes_sync(sy_app *app, bool after)
{
	size_t i, r = SIZE_MAX, cp = app->text.tcur;
	sy_item_ref it;

	i = holding(&app->file, SY_ITEM_STAT, cp);
	if (i != SIZE_MAX) {
		it = (sy_item_ref){ SY_ITEM_STAT, i };
		r = sy_list_row_of(&app->list, &app->file, it);
	}
	if (r == SIZE_MAX) {
		i = holding(&app->file, SY_ITEM_SECTION, cp);
		if (i != SIZE_MAX) {
			it = (sy_item_ref){ SY_ITEM_SECTION, i };
			r = sy_list_row_of(&app->list, &app->file, it);
		}
	}
	if (r == SIZE_MAX && (!after || !shown_after(app, cp, &it, &r)))
		return;
	sy_list_set_row(&app->list, &app->file, r);   /* the row of IT */
}

void sy_panes_select_at(sy_app *app, size_t cp, bool after)
{
	sy_tp_goto(&app->text, cp);
	sy_panes_sync(app, after);
}
