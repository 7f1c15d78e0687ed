/* decide.c - see decide.h */
#include "decide.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "fields.h"
#include "keys.h"
#include "session/review.h"
#include "model/validate.h"

/* ------------------------------------------------------------ helpers */

static bool need_item(sy_app *app, sy_item_ref *it)
{
	if (!sy_app_current(app, it)) {
		sy_app_say(app, false, "no item here (the filter may hide them: f)");
		return false;
	}
	return true;
}

/* After a command: select IT again.  The rows are rebuilt only when the
 * lists may have changed (an item added, removed or moved, a level, or a
 * filter that may now hide it); a plain decision keeps them. */
static void reselect_(sy_app *app, sy_item_ref it, bool structural)
{
	size_t r;

	snprintf(app->sel_id, sizeof app->sel_id, "%s", sy_item_id(&app->file, it));
	if (structural || app->filter != SY_FILTER_ALL ||
	    (r = sy_app_row_of(app, it)) == SIZE_MAX ||
	    app->nrows != 1 + app->file.annot.nsections + app->file.annot.nstats) {
		sy_app_rebuild_rows(app);
	} else {
		app->sel = r;
	}
	if (app->nrows)
		sy_app_select_row(app, app->sel);
}

static void reselect(sy_app *app, sy_item_ref it)
{
	reselect_(app, it, false);
}

/* After a command that can add, remove or move items. */
static void reselect_all(sy_app *app, sy_item_ref it)
{
	reselect_(app, it, true);
}

bool sy_decide_next_pending(sy_app *app, int dir)
{
	size_t n = app->nrows;
	for (size_t k = 1; k <= n; k++) {
		size_t r = dir > 0 ? (app->sel + k) % n : (app->sel + n - k % n) % n;
		if (sy_item_status(&app->file, app->rows[r]) == SY_PENDING) {
			sy_app_select_row(app, r);
			return true;
		}
	}
	return false;
}

/* ------------------------------------------------------------ decisions */

static void accept(sy_app *app, bool next)
{
	sy_item_ref it;
	sy_error err;
	sy_status st;

	if (!need_item(app, &it))
		return;
	st = sy_review_accept(&app->file, it, &err);
	sy_app_result(app, st, &err, "accepted %s", sy_item_id(&app->file, it));
	reselect(app, it);
	if (next && st != SY_ERR_USAGE && st != SY_ERR_FORMAT &&
	    !sy_decide_next_pending(app, 1)) {
		const sy_fileinfo *ri = &app->info[app->cur];
		if (ri->reviewed < ri->total)    /* the filter hides them */
			sy_app_say(app, false, "no pending item shown; %zu pending hidden by the filter (f a: all)",
				   ri->total - ri->reviewed);
		else
			sy_app_say(app, false, "every item of this report is reviewed; } for the next report");
	}
}

static void reject(sy_app *app)
{
	sy_item_ref it;
	sy_error err;
	sy_status st;

	if (!need_item(app, &it))
		return;
	if (it.kind == SY_ITEM_DOCUMENT) {
		sy_app_say(app, true, "the document facts cannot be rejected; fix them (e)");
		return;
	}
	{
		char id[32];
		snprintf(id, sizeof id, "%s", sy_item_id(&app->file, it));
		st = sy_review_reject(&app->file, it, &err);
		sy_app_result(app, st, &err, "rejected %s", id);
		if (sy_item_find(&app->file, id, &it))
			reselect(app, it);
		else {               /* an added item, rejected, is gone */
			sy_app_rebuild_rows(app);
			sy_app_select_row(app, app->sel);
		}
	}
}

/* ------------------------------------------------------------ forms
 *
 * The forms show the fields (fields.h) and ask the core whether they hold;
 * a refused field keeps the form open with the message at it. */

static void no_memory(sy_app *app)
{
	sy_app_say(app, true, "out of memory: nothing changed");
}

/* The status line's words after a fix form was saved: a form saved
 * without a change made no step to undo, and is not called fixed. */
static const char *fixed_fmt(const sy_app *app, sy_status st, size_t nundo_before)
{
	return st == SY_OK && app->file.nundo == nundo_before
		? "%s unchanged" : "fixed %s";
}

static void fix_stat(sy_app *app, sy_item_ref it)
{
	sy_field f[SY_NSTAT_FIELDS];
	sy_stat nf;
	sy_error err;
	sy_status st;
	char title[64];

	if (sy_stat_fields(f, &app->file.annot.stats[it.index])) {
		no_memory(app);
		return;
	}
	snprintf(title, sizeof title, "Fix statistic %s", sy_item_id(&app->file, it));
	if (sy_form(app, title, f, SY_NSTAT_FIELDS, sy_stat_check)) {
		size_t before = app->file.nundo;
		if ((st = sy_stat_read(f, &nf, &err)) == SY_OK)
			st = sy_review_fix_stat(&app->file, it.index, &nf, &err);
		sy_app_result(app, st, &err, fixed_fmt(app, st, before),
			      sy_item_id(&app->file, it));
		reselect(app, it);
	}
	sy_fields_free(f, SY_NSTAT_FIELDS);
}

static void fix_section(sy_app *app, sy_item_ref it)
{
	sy_field f[SY_NSECTION_FIELDS];
	sy_error err;
	sy_status st;
	char title[64];
	int level;

	if (sy_section_fields(f, &app->file.annot.sections[it.index])) {
		no_memory(app);
		return;
	}
	snprintf(title, sizeof title, "Fix section %s", sy_item_id(&app->file, it));
	if (sy_form(app, title, f, SY_NSECTION_FIELDS, sy_section_check)) {
		size_t before = app->file.nundo;
		if ((st = sy_section_read(f, &level, &err)) == SY_OK)
			st = sy_review_fix_section(&app->file, it.index, level,
						f[1].value, f[2].value, &err);
		sy_app_result(app, st, &err, fixed_fmt(app, st, before),
			      sy_item_id(&app->file, it));
		reselect_all(app, it);
	}
	sy_fields_free(f, SY_NSECTION_FIELDS);
}

static void fix_document(sy_app *app, sy_item_ref it)
{
	sy_field f[SY_NDOC_FIELDS];
	sy_docfacts nd;
	sy_error err;
	sy_status st;

	if (sy_doc_fields(f, &app->file.annot.doc)) {
		no_memory(app);
		return;
	}
	if (sy_form(app, "Fix document facts", f, SY_NDOC_FIELDS, sy_doc_check)) {
		size_t before = app->file.nundo;
		if ((st = sy_doc_read(f, &nd, &err)) == SY_OK)
			st = sy_review_fix_document(&app->file, &nd, &err);
		sy_app_result(app, st, &err, fixed_fmt(app, st, before),
			      "the document facts");
		reselect(app, it);
	}
	sy_fields_free(f, SY_NDOC_FIELDS);
}

static void fix(sy_app *app)
{
	sy_item_ref it;
	if (!need_item(app, &it))
		return;
	if (it.kind == SY_ITEM_STAT)
		fix_stat(app, it);
	else if (it.kind == SY_ITEM_SECTION)
		fix_section(app, it);
	else
		fix_document(app, it);
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

	if (!need_item(app, &it))
		return;
	if (it.kind == SY_ITEM_DOCUMENT) {
		sy_app_say(app, true, "the document facts have no tags");
		return;
	}
	r = sy_item_review(&app->file, it);
	if (!app->config.ntags)
		for (ntags = 0; sy_default_tags[ntags]; ntags++)
			;
	for (; n < ntags && n < 18; n++) {
		opts[n] = tags[n];
		keys[n] = KEYS[n];
		on[n] = sy_tags_has(&r->tags, tags[n]);
	}
	opts[n] = "other tag...";
	keys[n] = '+';
	on[n] = false;
	c = sy_menu(app, "Tag (a key toggles)", opts, keys, on, n + 1);
	if (c < 0)
		return;
	if ((size_t)c == n) {
		if (!sy_prompt(app, "tag: ", other, sizeof other) || !other[0])
			return;
		if (sy_check_tag(other, &err) != SY_OK) {
			sy_app_say(app, true, "%s", err.msg);
			return;
		}
		chosen = other;
	} else {
		chosen = opts[c];
	}
	st = sy_review_tag(&app->file, it, chosen, &err);
	sy_app_result(app, st, &err, "%s %s on %s",
		      sy_tags_has(&sy_item_review(&app->file, it)->tags, chosen) ?
		      "tagged" : "untagged", chosen, sy_item_id(&app->file, it));
	reselect(app, it);
}

static void note(sy_app *app)
{
	sy_item_ref it;
	const sy_review *r;
	char *buf;
	sy_error err;
	sy_status st;

	if (!need_item(app, &it))
		return;
	if (it.kind == SY_ITEM_DOCUMENT) {
		sy_app_say(app, true, "the document facts have no note");
		return;
	}
	r = sy_item_review(&app->file, it);
	if (!(buf = strdup(r->note ? r->note : ""))) {
		no_memory(app);
		return;
	}
	if (sy_prompt_text(app, "note: ", &buf)) {
		st = sy_review_note(&app->file, it, buf, &err);
		sy_app_result(app, st, &err, "note on %s", sy_item_id(&app->file, it));
		reselect(app, it);
	}
	free(buf);
}

static void move_span(sy_app *app, int ds, int de)
{
	sy_item_ref it;
	sy_error err;
	sy_status st;

	if (!need_item(app, &it))
		return;
	if (it.kind == SY_ITEM_DOCUMENT) {
		sy_app_say(app, true, "the document facts have no span");
		return;
	}
	st = sy_review_move_span(&app->file, it, ds, de, &err);
	sy_app_result(app, st, &err, "moved the span of %s", sy_item_id(&app->file, it));
	reselect_all(app, it);
}

/* The form of an item being added over [A, B): prefilled by the core,
 * nothing added until it is saved (one command, one undo step); Esc
 * cancels the add.  true when saved and *IT names the new item. */
static bool add_stat(sy_app *app, size_t a, size_t b, sy_item_ref *it,
		     sy_status *st, sy_error *err)
{
	sy_field f[SY_NSTAT_FIELDS];
	sy_stat pre, nf;
	bool saved = false;

	if ((*st = sy_add_prefill_stat(&app->file, a, b, &pre, err)) != SY_OK)
		return false;
	if (sy_stat_fields(f, &pre)) {
		sy_prefill_free(&pre, NULL);
		*st = sy_fail(err, SY_ERR_NOMEM, "out of memory");
		return false;
	}
	sy_prefill_free(&pre, NULL);
	if ((saved = sy_form(app, "Add statistic", f, SY_NSTAT_FIELDS, sy_stat_check)) &&
	    (*st = sy_stat_read(f, &nf, err)) == SY_OK)
		*st = sy_review_add_stat_as(&app->file, a, b, &nf, it, err);
	sy_fields_free(f, SY_NSTAT_FIELDS);
	return saved;
}

static bool add_section(sy_app *app, size_t a, size_t b, sy_item_ref *it,
			sy_status *st, sy_error *err)
{
	sy_field f[SY_NSECTION_FIELDS];
	sy_section pre, ns;
	bool saved = false;

	if ((*st = sy_add_prefill_section(&app->file, a, b, &pre, err)) != SY_OK)
		return false;
	if (sy_section_fields(f, &pre)) {
		sy_prefill_free(NULL, &pre);
		*st = sy_fail(err, SY_ERR_NOMEM, "out of memory");
		return false;
	}
	sy_prefill_free(NULL, &pre);
	memset(&ns, 0, sizeof ns);
	if ((saved = sy_form(app, "Add section", f, SY_NSECTION_FIELDS, sy_section_check)) &&
	    (*st = sy_section_read(f, &ns.level, err)) == SY_OK) {
		ns.marker = f[1].value;
		ns.title = f[2].value;
		*st = sy_review_add_section_as(&app->file, a, b, &ns, it, err);
	}
	sy_fields_free(f, SY_NSECTION_FIELDS);
	return saved;
}

void sy_decide_add(sy_app *app)
{
	static const char *const opts[] = { "statistic", "section (heading)" };
	static const int keys[] = { 's', 'h' };
	size_t a = app->anchor < app->tcur ? app->anchor : app->tcur;
	size_t b = (app->anchor < app->tcur ? app->tcur : app->anchor) + 1;
	sy_item_ref it;
	sy_error err;
	sy_status st = SY_OK;
	bool saved;
	int c;

	if (b > app->file.src.chars)
		b = app->file.src.chars;
	if (a >= b) {
		sy_app_say(app, true, "select at least one character");
		return;
	}
	c = sy_menu(app, "Add as", opts, keys, NULL, 2);
	if (c < 0)
		return;
	/* the selection stays shown (and uncovered) under the form */
	saved = c == 0 ? add_stat(app, a, b, &it, &st, &err)
		       : add_section(app, a, b, &it, &st, &err);
	app->selecting = false;
	if (!saved && st == SY_OK) {
		sy_app_say(app, false, "add cancelled: nothing added");
		return;
	}
	if (st != SY_OK && st != SY_ERR_IO) {
		sy_app_say(app, true, "%s", err.msg);
		return;
	}
	sy_app_result(app, st, &err, "added %s", sy_item_id(&app->file, it));
	if (app->filter != SY_FILTER_ALL)
		app->filter = SY_FILTER_ALL;
	reselect_all(app, it);
	app->focus = SY_PANE_ITEMS;
}

static void undo(sy_app *app, bool redo)
{
	sy_item_ref where;
	sy_error err;
	sy_status st = redo ? sy_review_redo(&app->file, &where, &err)
			    : sy_review_undo(&app->file, &where, &err);

	if (st == SY_ERR_USAGE) {
		sy_app_say(app, false, "%s", err.msg);
		return;
	}
	sy_app_result(app, st, &err, redo ? "redo" : "undo");
	if (st == SY_OK || st == SY_ERR_IO) {
		if (where.kind == SY_ITEM_DOCUMENT || where.index <
		    (where.kind == SY_ITEM_SECTION ? app->file.annot.nsections
						   : app->file.annot.nstats))
			reselect_all(app, where);
		else {
			/* the item is gone (an add was undone): the nearest row */
			sy_app_rebuild_rows(app);
			sy_app_select_row(app, app->sel);
		}
	}
}

/* ------------------------------------------------------------ search */

static void search_go(sy_app *app, int dir)
{
	size_t s, e;

	if (!app->search[0]) {
		sy_app_say(app, false, "no search yet: / to search");
		return;
	}
	if (!sy_textmap_search(&app->map, app->search, app->tcur, dir, &s, &e)) {
		app->match = false;
		sy_app_say(app, true, "not found: %s", app->search);
		return;
	}
	app->match = true;
	app->match_start = s;
	app->match_end = e;
	/* the item holding the match (else the next) becomes current */
	sy_text_select_at(app, s, true);
	sy_app_say(app, false, "/%s", app->search);
}

/* The prompt starts empty; Enter on it repeats the last search. */
static void search(sy_app *app)
{
	char buf[256] = "";
	if (!sy_prompt(app, "/", buf, sizeof buf))
		return;
	if (buf[0])
		snprintf(app->search, sizeof app->search, "%s", buf);
	search_go(app, 1);
}

/* ------------------------------------------------------------ quit */

/* Keep the decisions somewhere when the file cannot take them and there
 * is no one to ask (a script, a signal, the terminal gone) or the
 * reviewer chose to quit anyway. */
static void rescue(sy_app *app)
{
	sy_batch_rescue(app, &app->file);
}

/* Quitting saves the open report and retries every other report whose
 * decisions are kept in memory (batch.h); while any of them cannot be
 * saved, it asks (or, with nobody to ask, writes rescue copies). */
void sy_decide_quit(sy_app *app)
{
	sy_error err, herr;
	sy_item_ref it;
	size_t held;
	int k;

	if (sy_app_current(app, &it))
		sy_file_set_cursor(&app->file, it);
	k = (sy_file_pending_flush(&app->file) ? sy_file_flush(&app->file, &err)
	     : sy_file_save_cursor(&app->file, &err)) == SY_OK;
	held = sy_batch_retry_held(app, &herr);
	if (k && !held) {
		app->quit = true;
		return;
	}
	if (k)                     /* only other reports are not saved */
		snprintf(err.msg, sizeof err.msg, "%zu other report%s: %.900s", held,
			 held > 1 ? "s" : "", herr.msg);
	if (app->src.script || (app->stop && *app->stop)) {   /* nobody to ask */
		rescue(app);
		app->quit = true;
		return;
	}
	/* the question first, so that it fits an 80-column line */
	sy_app_say(app, true, "q: quit, LOSING the unsaved decisions; other key: "
		   "keep them and retry.  NOT SAVED: %s", err.msg);
	app->asking = true;
	do {
		sy_app_draw(app);
		k = sy_app_next_key(app);
	} while (k == SY_KEY_RESIZE);
	app->asking = false;
	if (k == 'q' || k == SY_KEY_NONE) {       /* NONE: the terminal is gone */
		rescue(app);
		app->quit = true;
	} else {
		sy_app_say(app, false, "still open; the next decision retries the save");
	}
}

/* After settling item ID: the next unsettled conflict in reading order,
 * from the settled item's place on (the first of the report after the
 * last), or say that none is left. */
static void next_conflict(sy_app *app, const char *id, size_t was)
{
	size_t n = app->nrows, from = was;
	sy_item_ref it;

	/* the settled item's row, or (gone, or hidden by the filter) the row
	 * that took its place, WAS (past the end: the first) */
	if (sy_item_find(&app->file, id, &it) &&
	    sy_app_row_of(app, it) != SIZE_MAX)
		from = sy_app_row_of(app, it) + 1;
	if (from >= n)
		from = 0;
	for (size_t k = 0; k < n; k++) {
		size_t r = (from + k) % n;
		if (sy_item_conflict(&app->file, app->rows[r])) {
			sy_app_select_row(app, r);
			return;
		}
	}
	sy_app_say(app, false, "every conflict of this report is settled; } for the next report");
}

/* Settle the current item's conflict with A's (THEIRS false) or B's
 * version. */
static void take(sy_app *app, bool theirs)
{
	sy_item_ref it;
	sy_error err;
	sy_status st;
	char id[32];
	size_t was = app->sel;

	if (!need_item(app, &it))
		return;
	if (!sy_item_conflict(&app->file, it)) {
		sy_app_say(app, false, "no conflict here (] or f → tag conflict finds them)");
		return;
	}
	snprintf(id, sizeof id, "%s", sy_item_id(&app->file, it));
	st = sy_review_resolve(&app->file, it, theirs, &err);
	sy_app_result(app, st, &err, "took %s's version of %s", theirs ? "B" : "A", id);
	if (sy_item_find(&app->file, id, &it))
		reselect_all(app, it);
	else {
		sy_app_rebuild_rows(app);
		sy_app_select_row(app, app->sel);
	}
	if (st == SY_OK || st == SY_ERR_IO)
		next_conflict(app, id, was);
}

bool sy_decide(sy_app *app, sy_action a)
{
	switch (a) {
	case SY_ACT_TAKE_A: take(app, false); return true;
	case SY_ACT_TAKE_B: take(app, true); return true;
	case SY_ACT_ACCEPT: accept(app, false); return true;
	case SY_ACT_ACCEPT_NEXT: accept(app, true); return true;
	case SY_ACT_REJECT: reject(app); return true;
	case SY_ACT_FIX: fix(app); return true;
	case SY_ACT_TAG: tag(app); return true;
	case SY_ACT_NOTE: note(app); return true;
	case SY_ACT_START_LEFT: move_span(app, -1, 0); return true;
	case SY_ACT_START_RIGHT: move_span(app, 1, 0); return true;
	case SY_ACT_END_LEFT: move_span(app, 0, -1); return true;
	case SY_ACT_END_RIGHT: move_span(app, 0, 1); return true;
	case SY_ACT_UNDO: undo(app, false); return true;
	case SY_ACT_REDO: undo(app, true); return true;
	case SY_ACT_SEARCH: search(app); return true;
	case SY_ACT_SEARCH_NEXT: search_go(app, 1); return true;
	case SY_ACT_SEARCH_PREV: search_go(app, -1); return true;
	case SY_ACT_FILTER: sy_filter_menu(app); return true;
	case SY_ACT_NEXT_PENDING:
	case SY_ACT_PREV_PENDING:
		if (!sy_decide_next_pending(app, a == SY_ACT_NEXT_PENDING ? 1 : -1))
			sy_app_say(app, false, "no pending item in this report");
		return true;
	case SY_ACT_SELECT:
		if (app->selecting) {
			sy_decide_add(app);
		} else {
			sy_item_ref it;
			size_t s, e;
			if (app->focus == SY_PANE_ITEMS && sy_app_current(app, &it) &&
			    sy_item_span(&app->file, it, &s, &e))
				app->tcur = s;
			app->focus = SY_PANE_TEXT;
			app->selecting = true;
			app->anchor = app->tcur;
			sy_app_say(app, false, "select: move with h j k l, v or Enter to add, Esc to cancel");
		}
		return true;
	default:
		return false;
	}
}
