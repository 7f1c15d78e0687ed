/* decide.c - see decide.h */
#include "decide.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "keys.h"
#include "review.h"

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

static void format_value(char *out, size_t cap, double v, bool has)
{
	if (!has)
		snprintf(out, cap, "%s", "");
	else if (v == floor(v) && fabs(v) < 1e15)
		snprintf(out, cap, "%.0f", v);
	else
		snprintf(out, cap, "%.15g", v);
}

/* Parse a number field: "" is null.  false on garbage. */
static bool parse_value(const char *s, double *v, bool *has)
{
	char *end;
	while (*s == ' ')
		s++;
	if (!*s) {
		*has = false;
		*v = 0;
		return true;
	}
	errno = 0;
	*v = strtod(s, &end);
	while (*end == ' ')
		end++;
	*has = true;
	return !errno && !*end && isfinite(*v);
}

/* ------------------------------------------------------------ decisions */

static void accept(sy_app *app, bool next)
{
	sy_item_ref it;
	sy_error err;
	sy_status st;

	if (!need_item(app, &it))
		return;
	st = sy_cmd_accept(&app->file, it, &err);
	sy_app_result(app, st, &err, "accepted %s", sy_item_id(&app->file, it));
	reselect(app, it);
	if (next && st != SY_ERR_USAGE && st != SY_ERR_FORMAT &&
	    !sy_decide_next_pending(app, 1))
		sy_app_say(app, false, "every item of this report is reviewed; } for the next report");
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
		st = sy_cmd_reject(&app->file, it, &err);
		sy_app_result(app, st, &err, "rejected %s", id);
		if (sy_item_find(&app->file, id, &it))
			reselect(app, it);
		else {               /* an added item, rejected, is gone */
			sy_app_rebuild_rows(app);
			sy_app_select_row(app, app->sel);
		}
	}
}

static void fix_stat(sy_app *app, sy_item_ref it)
{
	const sy_stat *s = &app->file.annot.stats[it.index];
	sy_field f[5] = {
		{ "value", "", "a number" },
		{ "unit", "", "宗, 件, 元, % ..." },
		{ "approx", "", "empty, over, under, about or range" },
		{ "value_max", "", "the upper bound of a range" },
		{ "subject", "", "what is counted" },
	};
	sy_stat nf;
	sy_error err;
	sy_status st;

	format_value(f[0].value, sizeof f[0].value, s->value, s->has_value);
	snprintf(f[1].value, sizeof f[1].value, "%s", s->unit ? s->unit : "");
	snprintf(f[2].value, sizeof f[2].value, "%s",
		 sy_approx_name(s->approx) ? sy_approx_name(s->approx) : "");
	format_value(f[3].value, sizeof f[3].value, s->value_max, s->has_value_max);
	snprintf(f[4].value, sizeof f[4].value, "%s", s->subject ? s->subject : "");
	if (!sy_form(app, "Fix statistic", f, 5))
		return;
	memset(&nf, 0, sizeof nf);
	if (!parse_value(f[0].value, &nf.value, &nf.has_value) ||
	    !parse_value(f[3].value, &nf.value_max, &nf.has_value_max)) {
		sy_app_say(app, true, "not a number: nothing changed");
		return;
	}
	if (f[2].value[0] && sy_approx_parse(f[2].value, &nf.approx)) {
		sy_app_say(app, true, "approx must be over, under, about or range: nothing changed");
		return;
	}
	nf.unit = f[1].value[0] ? f[1].value : NULL;
	nf.subject = f[4].value[0] ? f[4].value : NULL;
	st = sy_cmd_fix_stat(&app->file, it.index, &nf, &err);
	sy_app_result(app, st, &err, "fixed %s", sy_item_id(&app->file, it));
	reselect(app, it);
}

static void fix_section(sy_app *app, sy_item_ref it)
{
	const sy_section *s = &app->file.annot.sections[it.index];
	sy_field f[3] = {
		{ "level", "", "1 = top" },
		{ "marker", "", "as written: 一、 （一） 1. （1）" },
		{ "title", "", NULL },
	};
	sy_error err;
	sy_status st;
	char *end;
	long level;

	snprintf(f[0].value, sizeof f[0].value, "%d", s->level);
	snprintf(f[1].value, sizeof f[1].value, "%s", s->marker ? s->marker : "");
	snprintf(f[2].value, sizeof f[2].value, "%s", s->title ? s->title : "");
	if (!sy_form(app, "Fix section", f, 3))
		return;
	level = strtol(f[0].value, &end, 10);
	if (*end || level < 1 || level > 9) {
		sy_app_say(app, true, "level must be a number from 1 to 9: nothing changed");
		return;
	}
	st = sy_cmd_fix_section(&app->file, it.index, (int)level, f[1].value,
				f[2].value, &err);
	sy_app_result(app, st, &err, "fixed %s", sy_item_id(&app->file, it));
	reselect_all(app, it);
}

static void fix_document(sy_app *app, sy_item_ref it)
{
	const sy_docfacts *d = &app->file.annot.doc;
	sy_field f[5] = {
		{ "title", "", NULL }, { "issuer", "", NULL }, { "region", "", NULL },
		{ "year", "", "the year the report covers" },
		{ "date", "", "YYYY-MM-DD, the signing date" },
	};
	sy_docfacts nd;
	sy_error err;
	sy_status st;
	char *end;

	snprintf(f[0].value, sizeof f[0].value, "%s", d->title ? d->title : "");
	snprintf(f[1].value, sizeof f[1].value, "%s", d->issuer ? d->issuer : "");
	snprintf(f[2].value, sizeof f[2].value, "%s", d->region ? d->region : "");
	if (d->year)
		snprintf(f[3].value, sizeof f[3].value, "%d", d->year);
	snprintf(f[4].value, sizeof f[4].value, "%s", d->date ? d->date : "");
	if (!sy_form(app, "Fix document facts", f, 5))
		return;
	memset(&nd, 0, sizeof nd);
	nd.title = f[0].value[0] ? f[0].value : NULL;
	nd.issuer = f[1].value[0] ? f[1].value : NULL;
	nd.region = f[2].value[0] ? f[2].value : NULL;
	nd.year = f[3].value[0] ? (int)strtol(f[3].value, &end, 10) : 0;
	if (f[3].value[0] && (*end || nd.year < 1000 || nd.year > 9999)) {
		sy_app_say(app, true, "year must be four digits: nothing changed");
		return;
	}
	nd.date = f[4].value[0] ? f[4].value : NULL;
	st = sy_cmd_fix_document(&app->file, &nd, &err);
	sy_app_result(app, st, &err, "fixed the document facts");
	reselect(app, it);
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
		if (strpbrk(other, " \t,[]{}:#")) {
			sy_app_say(app, true, "a tag is one word (letters, digits, - and _)");
			return;
		}
		chosen = other;
	} else {
		chosen = opts[c];
	}
	st = sy_cmd_tag(&app->file, it, chosen, &err);
	sy_app_result(app, st, &err, "%s %s on %s",
		      sy_tags_has(&sy_item_review(&app->file, it)->tags, chosen) ?
		      "tagged" : "untagged", chosen, sy_item_id(&app->file, it));
	reselect(app, it);
}

static void note(sy_app *app)
{
	sy_item_ref it;
	const sy_review *r;
	char buf[512];
	sy_error err;
	sy_status st;

	if (!need_item(app, &it))
		return;
	if (it.kind == SY_ITEM_DOCUMENT) {
		sy_app_say(app, true, "the document facts have no note");
		return;
	}
	r = sy_item_review(&app->file, it);
	snprintf(buf, sizeof buf, "%s", r->note ? r->note : "");
	if (!sy_prompt(app, "note: ", buf, sizeof buf))
		return;
	st = sy_cmd_note(&app->file, it, buf, &err);
	sy_app_result(app, st, &err, "note on %s", sy_item_id(&app->file, it));
	reselect(app, it);
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
	st = sy_cmd_move_span(&app->file, it, ds, de, &err);
	sy_app_result(app, st, &err, "moved the span of %s", sy_item_id(&app->file, it));
	reselect_all(app, it);
}

void sy_decide_add(sy_app *app)
{
	static const char *const opts[] = { "statistic", "section (heading)" };
	static const int keys[] = { 's', 'h' };
	size_t a = app->anchor < app->tcur ? app->anchor : app->tcur;
	size_t b = (app->anchor < app->tcur ? app->tcur : app->anchor) + 1;
	sy_item_ref it;
	sy_error err;
	sy_status st;
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
	app->selecting = false;
	st = c == 0 ? sy_cmd_add_stat(&app->file, a, b, &it, &err)
		    : sy_cmd_add_section(&app->file, a, b, &it, &err);
	if (st != SY_OK && st != SY_ERR_IO) {
		sy_app_say(app, true, "%s", err.msg);
		return;
	}
	sy_app_result(app, st, &err, "added %s", sy_item_id(&app->file, it));
	if (app->filter != SY_FILTER_ALL)
		app->filter = SY_FILTER_ALL;
	reselect_all(app, it);
	app->focus = SY_PANE_ITEMS;
	fix(app);                      /* fill its fields, prefilled */
}

static void undo(sy_app *app, bool redo)
{
	sy_item_ref where;
	sy_error err;
	sy_status st = redo ? sy_cmd_redo(&app->file, &where, &err)
			    : sy_cmd_undo(&app->file, &where, &err);

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
	app->tcur = s;
	sy_text_follow(app, s);
	sy_app_say(app, false, "/%s", app->search);
}

static void search(sy_app *app)
{
	char buf[256];
	snprintf(buf, sizeof buf, "%s", app->search);
	if (!sy_prompt(app, "/", buf, sizeof buf) || !buf[0])
		return;
	snprintf(app->search, sizeof app->search, "%s", buf);
	search_go(app, 1);
}

/* ------------------------------------------------------------ quit */

/* Keep the decisions somewhere when the file cannot take them and there
 * is no one to ask (a script, a signal, the terminal gone) or the
 * reviewer chose to quit anyway. */
static void rescue(sy_app *app)
{
	char path[1024];
	sy_error err;

	if (sy_file_rescue(&app->file, path, sizeof path, &err) == SY_OK)
		fprintf(stderr, "shenyue: %s could not be written; every decision "
			"is kept in %s\n", app->file.annot_path, path);
	else
		fprintf(stderr, "shenyue: NOT SAVED, and no rescue copy: %s\n", err.msg);
}

void sy_decide_quit(sy_app *app)
{
	sy_error err;
	sy_item_ref it;
	int k;

	if (sy_app_current(app, &it))
		sy_file_set_cursor(&app->file, it);
	if ((sy_file_pending_flush(&app->file) ? sy_file_flush(&app->file, &err)
	     : sy_file_save_cursor(&app->file, &err)) == SY_OK) {
		app->quit = true;
		return;
	}
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
static void next_conflict(sy_app *app, const char *id)
{
	size_t n = app->nrows, from = app->sel;
	sy_item_ref it;

	/* the settled item's row, or (gone, or hidden by the filter) the row
	 * that took its place */
	if (sy_item_find(&app->file, id, &it) &&
	    sy_app_row_of(app, it) != SIZE_MAX)
		from = sy_app_row_of(app, it) + 1;
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

	if (!need_item(app, &it))
		return;
	if (!sy_item_conflict(&app->file, it)) {
		sy_app_say(app, false, "no conflict here (] or f → tag conflict finds them)");
		return;
	}
	snprintf(id, sizeof id, "%s", sy_item_id(&app->file, it));
	st = sy_cmd_resolve(&app->file, it, theirs, &err);
	sy_app_result(app, st, &err, "took %s's version of %s", theirs ? "B" : "A", id);
	if (sy_item_find(&app->file, id, &it))
		reselect_all(app, it);
	else {
		sy_app_rebuild_rows(app);
		sy_app_select_row(app, app->sel);
	}
	if (st == SY_OK || st == SY_ERR_IO)
		next_conflict(app, id);
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
