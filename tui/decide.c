/* decide.c - see decide.h */
#include "decide.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "batch.h"
#include "keys.h"
#include "model/labels.h"
#include "order.h"
#include "panes.h"
#include "stroke.h"
#include "base/i18n.h"
#include "model/validate.h"
#include "session/review.h"

/* After a command that may have removed item ID (an added item
 * rejected, a conflict settled by a deletion): select it again, or the
 * row that took its place. */
static void reselect_id(sy_app *app, const char *id, bool structural)
{
	sy_item_ref it;

	if (sy_item_find(&app->file, id, &it)) {
		sy_panes_reselect(app, it, structural);
	} else {
		sy_panes_rebuild(app);
		sy_panes_select_row(app, app->list.sel);
	}
}

static bool next_pending(sy_app *app, int dir)
{
	const sy_list *l = &app->list;
	size_t n = l->nrows;

	if (sy_order_label(app))          /* --order: across the batch */
		return sy_order_step(app, dir);

	for (size_t k = 1; k <= n; k++) {
		size_t r = dir > 0 ? (l->sel + k) % n : (l->sel + n - k % n) % n;
		if (sy_item_status(&app->file, l->rows[r]) == SY_PENDING) {
			sy_panes_select_row(app, r);
			return true;
		}
	}
	return false;
}

/* The current item into *IT, unless it is the document (then WHAT is
 * said: the document facts have no ...). */
static bool need_part(sy_app *app, sy_item_ref *it, const char *what)
{
	if (!sy_panes_need_item(app, it))
		return false;
	if (it->kind == SY_ITEM_DOCUMENT && what) {
		sy_say(app, true, "%s", what);
		return false;
	}
	return true;
}

/* ------------------------------------------------------------ decisions */

static void accept(sy_app *app, bool next)
{
	sy_item_ref it;
	sy_error err;
	sy_status st;

	if (!need_part(app, &it, NULL))
		return;
	st = sy_review_accept(&app->file, it, &err);
	sy_say_result(app, st, &err, "accepted %s", sy_item_id(&app->file, it));
	sy_panes_reselect(app, it, false);
	if (next && st != SY_ERR_USAGE && st != SY_ERR_FORMAT && !next_pending(app, 1)) {
		const sy_fileinfo *ri = &app->info[app->cur];
		if (ri->reviewed < ri->total)    /* the filter hides them */
			sy_say(app, false, "no pending item shown; %zu pending hidden by the filter (f a: all)",
			       ri->total - ri->reviewed);
		else
			sy_say(app, false, "every item of this report is reviewed; } for the next report");
	}
}

static void reject(sy_app *app)
{
	sy_item_ref it;
	sy_error err;
	sy_status st;
	char id[32];

	if (!need_part(app, &it, _("the document facts cannot be rejected; fix them (e)")))
		return;
	snprintf(id, sizeof id, "%s", sy_item_id(&app->file, it));
	st = sy_review_reject(&app->file, it, &err);
	sy_say_result(app, st, &err, "rejected %s", id);
	reselect_id(app, id, false);     /* an added item, rejected, is gone */
}

static void tag(sy_app *app)
{
	static const int KEYS[] = { '1', '2', '3', '4', '5', '6', '7', '8', '9',
				    'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i' };
	const char *opts[19];
	int keys[19];
	bool on[19];
	size_t n = 0;
	const char *const *tags = app->config.ntags ?
		(const char *const *)app->config.tags : sy_default_tags;
	size_t ntags = app->config.ntags;
	sy_item_ref it;
	const sy_review *r;
	char other[64] = "";
	const char *chosen;
	sy_error err;
	sy_status st;
	int c;

	if (!need_part(app, &it, _("the document facts have no tags")))
		return;
	r = sy_item_review(&app->file, it);
	if (!app->config.ntags)
		for (ntags = 0; sy_default_tags[ntags]; ntags++)
			;
	for (; n < ntags && n < 18; n++) {
		opts[n] = sy_tag_label(tags[n]);
		keys[n] = KEYS[n];
		on[n] = sy_tags_has(&r->tags, tags[n]);
	}
	opts[n] = _("other tag...");
	keys[n] = '+';
	on[n] = false;
	c = sy_menu(&app->ui, _("Tag (a key toggles)"), opts, keys, on, n + 1);
	if (c < 0)
		return;
	if ((size_t)c == n) {
		if (!sy_prompt(&app->ui, _("tag: "), other, sizeof other) || !other[0])
			return;
		/* the core's rule for a tag, its message as it is */
		if (sy_check_tag(other, &err) != SY_OK) {
			sy_say(app, true, "%s", err.msg);
			return;
		}
		chosen = other;
	} else {
		chosen = tags[c];
	}
	st = sy_review_tag(&app->file, it, chosen, &err);
	if (sy_tags_has(&sy_item_review(&app->file, it)->tags, chosen))
		sy_say_result(app, st, &err, "tagged %s on %s", sy_tag_label(chosen),
			      sy_item_id(&app->file, it));
	else
		sy_say_result(app, st, &err, "untagged %s on %s", sy_tag_label(chosen),
			      sy_item_id(&app->file, it));
	sy_panes_reselect(app, it, false);
}

static void note(sy_app *app)
{
	sy_item_ref it;
	const sy_review *r;
	char *buf;
	sy_error err;
	sy_status st;

	if (!need_part(app, &it, _("the document facts have no note")))
		return;
	r = sy_item_review(&app->file, it);
	if (!(buf = strdup(r->note ? r->note : ""))) {
		sy_say(app, true, "out of memory: nothing changed");
		return;
	}
	if (sy_prompt_text(&app->ui, _("note: "), &buf)) {
		st = sy_review_note(&app->file, it, buf, &err);
		sy_say_result(app, st, &err, "note on %s", sy_item_id(&app->file, it));
		sy_panes_reselect(app, it, false);
	}
	free(buf);
}

static void move_span(sy_app *app, int ds, int de)
{
	sy_item_ref it;
	sy_error err;
	sy_status st;

	if (!need_part(app, &it, _("the document facts have no span")))
		return;
	st = sy_review_move_span(&app->file, it, ds, de, &err);
	sy_say_result(app, st, &err, "moved the span of %s", sy_item_id(&app->file, it));
	sy_panes_reselect(app, it, true);
}

static void undo(sy_app *app, bool redo)
{
	sy_item_ref where;
	sy_error err;
	sy_status st;

	if (sy_stroke_undo(app, redo))   /* the last propagation, everywhere */
		return;
	st = redo ? sy_review_redo(&app->file, &where, &err)
		  : sy_review_undo(&app->file, &where, &err);
	if (st == SY_ERR_USAGE) {
		sy_say(app, false, "%s", err.msg);
		return;
	}
	if (redo)
		sy_say_result(app, st, &err, "redo");
	else
		sy_say_result(app, st, &err, "undo");
	if (st == SY_OK || st == SY_ERR_UNSAVED) {
		if (where.kind == SY_ITEM_DOCUMENT || where.index <
		    (where.kind == SY_ITEM_SECTION ? app->file.annot.nsections
						   : app->file.annot.nstats))
			sy_panes_reselect(app, where, true);
		else {
			/* the item is gone (an add was undone): the nearest row */
			sy_panes_rebuild(app);
			sy_panes_select_row(app, app->list.sel);
		}
	}
}

/* ------------------------------------------------------------ search */

static void search_go(sy_app *app, int dir)
{
	sy_textpane *tp = &app->text;
	size_t s, e;

	if (!tp->search[0]) {
		sy_say(app, false, "no search yet: / to search");
		return;
	}
	if (!sy_textmap_search(&app->map, tp->search, tp->tcur, dir, &s, &e)) {
		sy_tp_set_match(tp, false, 0, 0);
		sy_say(app, true, "not found: %s", tp->search);
		return;
	}
	sy_tp_set_match(tp, true, s, e);
	/* the item holding the match (else the next) becomes current */
	sy_panes_select_at(app, s, true);
	sy_say(app, false, "/%s", tp->search);
}

/* The prompt starts empty; Enter on it repeats the last search. */
static void search(sy_app *app)
{
	char buf[256] = "";
	if (!sy_prompt(&app->ui, "/", buf, sizeof buf))
		return;
	if (buf[0])
		snprintf(app->text.search, sizeof app->text.search, "%s", buf);
	search_go(app, 1);
}

/* ------------------------------------------------------------ quit */

/* Quitting saves the open report and retries every other report whose
 * decisions are kept in memory (batch.h); while any of them cannot be
 * saved, it asks (or, with nobody to ask, writes rescue copies: when the
 * file cannot take them and there is no one to ask, a script, a signal,
 * the terminal gone, or the reviewer chose to quit anyway). */
bool sy_decide_quit(sy_app *app)
{
	sy_error err, herr;
	sy_item_ref it;
	size_t held;
	int k;

	if (sy_list_current(&app->list, &it))
		sy_file_set_cursor(&app->file, it);
	k = (sy_file_pending_flush(&app->file) ? sy_file_flush(&app->file, &err)
	     : sy_file_save_cursor(&app->file, &err)) == SY_OK;
	held = sy_batch_retry_held(app, &herr);
	if (k && !held)
		return true;
	if (k)                     /* only other reports are not saved */
		snprintf(err.msg, sizeof err.msg, ngettext("%zu other report: %.900s",
							   "%zu other reports: %.900s", held),
			 held, herr.msg);
	if (app->src.script || (app->opts.stop && *app->opts.stop)) {   /* nobody to ask */
		sy_batch_rescue(app, &app->file);
		return true;
	}
	/* the question first, so that it fits an 80-column line */
	sy_say(app, true, "q: quit, LOSING the unsaved decisions; other key: "
	       "keep them and retry.  NOT SAVED: %s", err.msg);
	app->asking = true;
	do {
		app->ui.draw(app->ui.ctx);
		k = app->ui.next_key(app->ui.ctx);
	} while (k == SY_KEY_RESIZE);
	app->asking = false;
	if (k == 'q' || k == SY_KEY_NONE) {       /* NONE: the terminal is gone */
		sy_batch_rescue(app, &app->file);
		return true;
	}
	sy_say(app, false, "still open; the next decision retries the save");
	return false;
}

/* ------------------------------------------------------------ conflicts */

/* After settling item ID: the next unsettled conflict in reading order,
 * from the settled item's place on (the first of the report after the
 * last), or say that none is left. */
static void next_conflict(sy_app *app, const char *id, size_t was)
{
	const sy_list *l = &app->list;
	size_t n = l->nrows, from = was, r;
	sy_item_ref it;

	/* the settled item's row, or (gone, or hidden by the filter) the row
	 * that took its place, WAS (past the end: the first) */
	if (sy_item_find(&app->file, id, &it) &&
	    (r = sy_list_row_of(l, &app->file, it)) != SIZE_MAX)
		from = r + 1;
	if (from >= n)
		from = 0;
	for (size_t k = 0; k < n; k++) {
		r = (from + k) % n;
		if (sy_item_conflict(&app->file, l->rows[r])) {
			sy_panes_select_row(app, r);
			return;
		}
	}
	sy_say(app, false, "every conflict of this report is settled; } for the next report");
}

/* Settle the current item's conflict with A's (THEIRS false) or B's
 * version. */
static void take(sy_app *app, bool theirs)
{
	sy_item_ref it;
	sy_error err;
	sy_status st;
	char id[32];
	size_t was = app->list.sel;

	if (!need_part(app, &it, NULL))
		return;
	if (!sy_item_conflict(&app->file, it)) {
		sy_say(app, false, "no conflict here (] or f → tag conflict finds them)");
		return;
	}
	snprintf(id, sizeof id, "%s", sy_item_id(&app->file, it));
	st = sy_review_resolve(&app->file, it, theirs, &err);
	if (theirs)
		sy_say_result(app, st, &err, "took B's version of %s", id);
	else
		sy_say_result(app, st, &err, "took A's version of %s", id);
	reselect_id(app, id, true);
	if (st == SY_OK || st == SY_ERR_UNSAVED)
		next_conflict(app, id, was);
}

/* v: start selecting a span in the text (from the current item's start
 * when the items pane has the keys); again: add an item over it. */
static sy_result select_span(sy_app *app)
{
	sy_item_ref it;
	size_t s = app->text.tcur, e;

	if (app->text.selecting)
		return sy_forms_add(app);
	if (app->focus != SY_PANE_ITEMS || !sy_list_current(&app->list, &it) ||
	    !sy_item_span(&app->file, it, &s, &e))
		s = app->text.tcur;
	sy_tp_select_from(&app->text, s);
	sy_say(app, false, "select: move with h j k l, v or Enter to add, Esc to cancel");
	return SY_RES_HANDLED | SY_RES_FOCUS_TEXT;
}

sy_result sy_decide(sy_app *app, sy_action a)
{
	switch (a) {
	case SY_ACT_TAKE_A: take(app, false); break;
	case SY_ACT_TAKE_B: take(app, true); break;
	case SY_ACT_ACCEPT: accept(app, false); break;
	case SY_ACT_ACCEPT_NEXT: accept(app, true); break;
	case SY_ACT_REJECT: reject(app); break;
	case SY_ACT_FIX: return sy_forms_fix(app);
	case SY_ACT_TAG: tag(app); break;
	case SY_ACT_NOTE: note(app); break;
	case SY_ACT_START_LEFT: move_span(app, -1, 0); break;
	case SY_ACT_START_RIGHT: move_span(app, 1, 0); break;
	case SY_ACT_END_LEFT: move_span(app, 0, -1); break;
	case SY_ACT_END_RIGHT: move_span(app, 0, 1); break;
	case SY_ACT_UNDO: undo(app, false); break;
	case SY_ACT_REDO: undo(app, true); break;
	case SY_ACT_SEARCH: search(app); break;
	case SY_ACT_SEARCH_NEXT: search_go(app, 1); break;
	case SY_ACT_SEARCH_PREV: search_go(app, -1); break;
	case SY_ACT_FILTER: return sy_filter_menu(app);
	case SY_ACT_PROPAGATE: sy_stroke_propagate(app); break;
	case SY_ACT_BULK_ACCEPT: sy_stroke_bulk_accept(app); break;
	case SY_ACT_NEXT_PENDING:
	case SY_ACT_PREV_PENDING:
		if (!next_pending(app, a == SY_ACT_NEXT_PENDING ? 1 : -1))
			sy_say(app, false, "%s", sy_order_label(app) ?
			       _("no pending item left in the batch") :
			       _("no pending item in this report"));
		break;
	case SY_ACT_SELECT:
		return select_span(app);
	default:
		return SY_RES_IGNORED;
	}
	return SY_RES_HANDLED;
}
