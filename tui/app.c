/* app.c - the review screen's loop: the batch, the open report, layout,
 * header and status line, and dispatching keys to the views and to the
 * decisions (decide.c). */
#include "app.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "batch.h"
#include "decide.h"
#include "display.h"
#include "keys.h"

/* ------------------------------------------------------------ messages */

void sy_app_say(sy_app *app, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(app->message, sizeof app->message, fmt, ap);
	va_end(ap);
	app->message_error = error;
}

/* What the last write or look at the disk found (a merge of what someone
 * else wrote, a lost lock): onto the status line. */
static void show_notice(sy_app *app)
{
	if (!app->open || !app->file.notice[0])
		return;
	sy_app_say(app, app->file.lock_lost || strstr(app->file.notice, " conflict -") ||
		   strstr(app->file.notice, " conflicts -"), "%s", app->file.notice);
	app->file.notice[0] = '\0';
	sy_file_progress(&app->file, &app->info[app->cur].reviewed,
			 &app->info[app->cur].total);
}

/* --shared: look at the file on disk (each key, each idle tick). */
static void sync_shared(sy_app *app)
{
	sy_error err;
	bool changed;

	if (!app->open || !app->file.shared)
		return;
	if (sy_file_sync(&app->file, &changed, &err) != SY_OK)
		sy_app_say(app, true, "NOT SAVED (kept in memory, will retry): %s",
			   err.msg);
	show_notice(app);
}

void sy_app_result(sy_app *app, sy_status st, const sy_error *err,
		   const char *done_fmt, ...)
{
	va_list ap;

	if (st != SY_OK && st != SY_ERR_IO) {
		sy_app_say(app, true, "%s", err->msg);
		return;
	}
	va_start(ap, done_fmt);
	vsnprintf(app->last_action, sizeof app->last_action, done_fmt, ap);
	va_end(ap);
	if (st == SY_ERR_IO)
		sy_app_say(app, true, "NOT SAVED (kept in memory, will retry): %s",
			   err->msg);
	else
		app->message[0] = '\0';
	if (st == SY_OK || app->file.lock_lost)   /* NOT SAVED stays in view */
		show_notice(app);
	app->info[app->cur].known = true;
	sy_file_progress(&app->file, &app->info[app->cur].reviewed,
			 &app->info[app->cur].total);
}

sy_role sy_status_role(sy_review_status s)
{
	switch (s) {
	case SY_ACCEPTED: return SY_ROLE_ACCEPTED;
	case SY_FIXED: return SY_ROLE_FIXED;
	case SY_REJECTED: return SY_ROLE_REJECTED;
	case SY_ADDED: return SY_ROLE_ADDED;
	default: return SY_ROLE_PENDING;
	}
}

const char *sy_status_mark(sy_review_status s)
{
	switch (s) {
	case SY_ACCEPTED: return "[+]";
	case SY_FIXED: return "[*]";
	case SY_REJECTED: return "[x]";
	case SY_ADDED: return "[a]";
	default: return "[ ]";
	}
}

/* ------------------------------------------------------------ items rows */

static bool row_shown(const sy_app *app, sy_item_ref it)
{
	const sy_review *r = sy_item_review(&app->file, it);
	sy_review_status st = sy_item_status(&app->file, it);

	switch (app->filter) {
	case SY_FILTER_PENDING: return st == SY_PENDING;
	case SY_FILTER_STATUS: return st == app->filter_status;
	case SY_FILTER_TAG: return r && sy_tags_has(&r->tags, app->filter_tag);
	default: return true;
	}
}

static int push_row(sy_app *app, sy_item_ref it, int level)
{
	if (!row_shown(app, it))
		return 0;
	if (app->nrows == app->caprows) {
		size_t cap = app->caprows ? app->caprows * 2 : 256;
		sy_item_ref *v = realloc(app->rows, cap * sizeof *v);
		unsigned char *in;
		if (!v)
			return -1;
		app->rows = v;
		in = realloc(app->indent, cap);
		if (!in)
			return -1;
		app->indent = in;
		app->caprows = cap;
	}
	if (it.kind == SY_ITEM_SECTION)
		app->section_row[it.index] = app->nrows;
	else if (it.kind == SY_ITEM_STAT)
		app->stat_row[it.index] = app->nrows;
	app->indent[app->nrows] = (unsigned char)(level < 0 ? 0 : level > 20 ? 20 : level);
	app->rows[app->nrows++] = it;
	return 0;
}

/* Room for N entries in the map *V (capacity *CAP). */
static int map_room(size_t **v, size_t *cap, size_t n)
{
	if (n > *cap) {
		size_t *p = realloc(*v, n * sizeof *p);
		if (!p)
			return -1;
		*v = p;
		*cap = n;
	}
	for (size_t i = 0; i < n; i++)
		(*v)[i] = SIZE_MAX;
	return 0;
}

size_t sy_app_row_of(const sy_app *app, sy_item_ref it)
{
	if (it.kind == SY_ITEM_SECTION)
		return it.index < app->file.annot.nsections ? app->section_row[it.index] : SIZE_MAX;
	if (it.kind == SY_ITEM_STAT)
		return it.index < app->file.annot.nstats ? app->stat_row[it.index] : SIZE_MAX;
	return app->nrows && app->rows[0].kind == SY_ITEM_DOCUMENT ? 0 : SIZE_MAX;
}

/* Whether item A comes before item B in the list's order (the document
 * first, then by start, a section before a statistic). */
static bool item_before(const sy_app *app, sy_item_ref a, sy_item_ref b)
{
	size_t sa = 0, sb = 0, e;

	if (a.kind == SY_ITEM_DOCUMENT || b.kind == SY_ITEM_DOCUMENT)
		return a.kind == SY_ITEM_DOCUMENT && b.kind != SY_ITEM_DOCUMENT;
	sy_item_span(&app->file, a, &sa, &e);
	sy_item_span(&app->file, b, &sb, &e);
	if (sa != sb)
		return sa < sb;
	if (a.kind != b.kind)
		return a.kind == SY_ITEM_SECTION;
	return a.index < b.index;
}

/* The first row whose item comes after IT (not shown), else the last. */
static size_t row_after(const sy_app *app, sy_item_ref it)
{
	size_t lo = 0, hi = app->nrows;

	while (lo < hi) {                    /* the rows are in list order */
		size_t mid = lo + (hi - lo) / 2;
		if (item_before(app, app->rows[mid], it))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < app->nrows ? lo : app->nrows ? app->nrows - 1 : 0;
}

void sy_app_rebuild_rows(sy_app *app)
{
	const sy_annot *a = &app->file.annot;
	size_t i = 0, j = 0, r;
	int level = 0;
	sy_item_ref doc = { SY_ITEM_DOCUMENT, 0 }, it;

	app->nrows = 0;
	if (map_room(&app->section_row, &app->capsecrow, a->nsections + 1) ||
	    map_room(&app->stat_row, &app->capstatrow, a->nstats + 1) ||
	    push_row(app, doc, 0))
		goto oom;
	/* sections and statistics merged in start order, a section first; a
	 * statistic is indented under the section before it */
	while (i < a->nsections || j < a->nstats) {
		if (j >= a->nstats ||
		    (i < a->nsections && a->sections[i].start <= a->stats[j].start)) {
			it = (sy_item_ref){ SY_ITEM_SECTION, i++ };
			level = a->sections[it.index].level;
			if (push_row(app, it, level - 1))
				goto oom;
		} else {
			it = (sy_item_ref){ SY_ITEM_STAT, j++ };
			if (push_row(app, it, level))
				goto oom;
		}
	}
	/* reselect by id; if the filter hides it, the first row after it in
	 * reading order (never one further on: no pending item is passed
	 * unseen), else the last row; if it is gone, the row now at the same
	 * place */
	app->sel = app->nrows == 0 ? 0 : app->sel < app->nrows ? app->sel : app->nrows - 1;
	if (app->sel_id[0] && sy_item_find(&app->file, app->sel_id, &it)) {
		r = sy_app_row_of(app, it);
		app->sel = r != SIZE_MAX ? r : row_after(app, it);
	}
	return;
oom:
	sy_app_say(app, true, "out of memory");
}

bool sy_app_current(const sy_app *app, sy_item_ref *it)
{
	if (app->sel >= app->nrows)
		return false;
	*it = app->rows[app->sel];
	return true;
}

void sy_app_select_row(sy_app *app, size_t r)
{
	size_t start, end;

	if (app->nrows == 0)
		return;
	if (r >= app->nrows)
		r = app->nrows - 1;
	app->sel = r;
	snprintf(app->sel_id, sizeof app->sel_id, "%s",
		 sy_item_id(&app->file, app->rows[r]));
	sy_file_set_cursor(&app->file, app->rows[r]);
	if (sy_item_span(&app->file, app->rows[r], &start, &end)) {
		app->tcur = start;
		sy_text_follow(app, start);
	}
}

void sy_app_select_item(sy_app *app, sy_item_ref it)
{
	snprintf(app->sel_id, sizeof app->sel_id, "%s", sy_item_id(&app->file, it));
	sy_app_rebuild_rows(app);
	sy_app_select_row(app, app->sel);
}

/* ------------------------------------------------------------ files */

/* Report I is being reviewed by someone else (ERR says who): offer to
 * look at it read-only, or to take the lock over.  true when it is open. */
static bool offer_locked(sy_app *app, size_t i, sy_error *err)
{
	static const char *const opts[] = {
		"open it read-only (look, change nothing)",
		"break the lock and review it (only if that session is gone)",
		"leave this report",
	};
	static const int keys[] = { 'o', 'b', 's' };
	char title[1200];
	int c;

	if (err->code != SY_ERR_EXISTS || !dpy_is_open())
		return false;
	snprintf(title, sizeof title, "%s", err->msg);
	c = sy_menu(app, title, opts, keys, NULL, 3);
	if (c < 0 || c == 2)
		return false;
	if (sy_file_open_ex(&app->file, app->reports[i], app->info[i].annot_path,
			    app->info[i].reviewer ? app->info[i].reviewer : app->reviewer,
			    c == 0 ? SY_OPEN_READ_ONLY : SY_OPEN_BREAK_LOCK,
			    NULL, err) != SY_OK)
		return false;
	sy_app_say(app, false, c == 0 ? "read-only: decisions are not possible here"
				       : "the lock was broken; this session holds it now");
	return true;
}

/* The annotation file of report I could not be opened (ERR says why):
 * when it is unreadable, offer to review a fresh extraction in a new file
 * beside it (NAME.new.yaml, or .new2, ...), leaving the unreadable file as
 * it is.  true when the new file is open. */
static bool offer_new_file(sy_app *app, size_t i, sy_error *err)
{
	static const char *const opts[] = {
		"re-extract into a new file and review that (the unreadable file stays as it is)",
		"leave this report",
	};
	static const int keys[] = { 'r', 's' };
	char title[1200], *base, *path;
	size_t len;

	if (err->code != SY_ERR_FORMAT || !dpy_is_open())
		return false;
	snprintf(title, sizeof title, "%s", err->msg);
	if (sy_menu(app, title, opts, keys, NULL, 2) != 0)
		return false;
	base = sy_review_annot_path(app->reports[i]);
	if (!base)
		return false;
	len = strlen(base) + 16;
	path = malloc(len);
	for (int k = 1; path && k < 100; k++) {
		struct stat sb;
		char num[8] = "";
		if (k > 1)
			snprintf(num, sizeof num, "%d", k);
		snprintf(path, len, "%.*s.new%s.yaml", (int)(strlen(base) - 5), base, num);
		if (stat(path, &sb) != 0)
			break;
	}
	free(base);
	if (!path || sy_file_open_at(&app->file, app->reports[i], path,
				     app->reviewer, err) != SY_OK) {
		free(path);
		return false;
	}
	free(app->info[i].annot_path);
	app->info[i].annot_path = path;
	sy_app_say(app, false, "reviewing a new extraction in %s", path);
	return true;
}

bool sy_app_open_file(sy_app *app, size_t i)
{
	sy_error err;
	sy_item_ref it;

	if (app->open) {
		/* the decisions into the file, or just the cursor */
		if (sy_file_pending_flush(&app->file))
			sy_file_flush(&app->file, &err);
		else
			sy_file_save_cursor(&app->file, &err);
		sy_batch_keep_history(app);
		sy_batch_add_tags(app, &app->file.annot);   /* tags typed here */
		sy_textmap_free(&app->map);
		/* decisions that could not be saved stay in memory */
		if (!sy_batch_hold(app))
			sy_file_close(&app->file);
		app->open = false;
	}
	if (!sy_batch_take_held(app, i) &&
	    sy_file_open_ex(&app->file, app->reports[i], app->info[i].annot_path,
			    app->info[i].reviewer ? app->info[i].reviewer : app->reviewer,
			    app->open_flags, NULL, &err) != SY_OK &&
	    !offer_locked(app, i, &err) && !offer_new_file(app, i, &err)) {
		sy_app_say(app, true, "%s", err.msg);
		sy_batch_mark(app, i, &err);
		return false;
	}
	app->info[i].unreadable = false;
	sy_batch_restore_history(app, i);
	if (sy_textmap_build(&app->map, app->file.src.text, app->file.src.len,
			     app->file.src.chars)) {
		sy_file_close(&app->file);
		sy_app_say(app, true, "out of memory");
		return false;
	}
	app->open = true;
	app->map_gen++;
	app->last_action[0] = '\0';
	if (app->file.recovered)
		sy_app_say(app, false, "recovered %zu decisions from %s", app->file.recovered,
			   app->file.journal_path);
	if (app->file.reanchored)
		sy_app_say(app, app->file.lost > 0,
			   "the report has changed: %zu items found at new places%s%zu could "
			   "not be placed (kept, tagged lost-anchor%s%s)", app->file.moved,
			   ", ", app->file.lost, app->file.lost ? ": " : "",
			   app->file.lost_ids);
	app->cur = i;
	app->tcur = 0;
	app->top_line = app->top_row = 0;
	app->selecting = false;
	app->match = false;
	app->top = 0;
	app->sel = 0;                  /* a report never opened: its first item */
	app->sel_id[0] = '\0';
	app->info[i].known = true;
	sy_file_progress(&app->file, &app->info[i].reviewed, &app->info[i].total);
	if (sy_file_cursor(&app->file, &it))
		snprintf(app->sel_id, sizeof app->sel_id, "%s", sy_item_id(&app->file, it));
	sy_app_rebuild_rows(app);
	sy_app_select_row(app, app->sel);
	return true;
}

/* Progress of every report: opening one extracts it when it has no
 * annotation file yet, as opening the batch promises. */
static int scan_batch(sy_app *app)
{
	if (!app->info)          /* adjudication fills it in beforehand */
		app->info = calloc(app->nreports, sizeof *app->info);
	if (!app->info)
		return -1;
	if (app->nreports == 1)
		return 0;                      /* counted when it opens */
	for (size_t i = 0; i < app->nreports; i++) {
		sy_file f;
		sy_error err;
		char *ap = app->info[i].annot_path ? strdup(app->info[i].annot_path)
						   : sy_review_annot_path(app->reports[i]);
		struct stat sb;
		unsigned flags = ap && stat(ap, &sb) == 0 ? SY_OPEN_READ_ONLY : 0;
		free(ap);
		if (sy_file_open_ex(&f, app->reports[i], app->info[i].annot_path,
				    app->reviewer, flags, NULL, &err) != SY_OK) {
			/* counted as unknown; opening it offers a way out, but a
			 * report that cannot be read is marked now */
			if (err.code == SY_ERR_ENCODING || err.code == SY_ERR_IO)
				sy_batch_mark(app, i, &err);
			continue;
		}
		sy_batch_add_tags(app, &f.annot);
		sy_file_progress(&f, &app->info[i].reviewed, &app->info[i].total);
		app->info[i].known = true;
		sy_file_close(&f);
	}
	return 0;
}

static void layout(sy_app *app);

/* The report to start with: the one last worked on (its annotation file
 * written last) if it still has pending items, else the first that has. */
static size_t first_report(const sy_app *app)
{
	size_t best = (size_t)-1, first = 0;
	struct timespec newest = { 0, 0 };
	bool found = false;

	for (size_t i = 0; i < app->nreports; i++) {
		char *path = sy_review_annot_path(app->reports[i]);
		struct stat sb;
		if (app->info[i].reviewed < app->info[i].total && !found) {
			first = i;
			found = true;
		}
		if (path && stat(path, &sb) == 0 &&
		    app->info[i].reviewed > 0 && app->info[i].reviewed < app->info[i].total &&
		    (sb.st_mtim.tv_sec > newest.tv_sec ||
		     (sb.st_mtim.tv_sec == newest.tv_sec && sb.st_mtim.tv_nsec > newest.tv_nsec))) {
			newest = sb.st_mtim;
			best = i;
		}
		free(path);
	}
	return best != (size_t)-1 ? best : first;
}

/* ------------------------------------------------------------ layout */

static void layout(sy_app *app)
{
	int rows, cols, body;

	dpy_size(&rows, &cols);
	app->r_header = (sy_rect){ 0, 0, 1, cols };
	app->r_status = (sy_rect){ rows - 1, 0, 1, cols };
	body = rows - 2;
	if (body < 2)
		body = 2;
	app->side_by_side = cols >= 120;
	if (app->side_by_side) {
		int iw = cols * 2 / 5;
		app->r_text = (sy_rect){ 1, 0, body, cols - iw - 1 };
		app->r_items = (sy_rect){ 1, cols - iw, body, iw };
	} else {
		int th = body / 2;
		app->r_text = (sy_rect){ 1, 0, th, cols };
		app->r_items = (sy_rect){ 1 + th, 0, body - th, cols };
	}
}

/* The header: title | issuer | year | date | file name.  When it does
 * not fit, the issuer gives way, then the date, then the title is cut
 * (at least 8 columns of it kept), then the year; the file name stays
 * whole as long as it fits at all. */
static void draw_header(sy_app *app)
{
	const sy_docfacts *d = &app->file.annot.doc;
	const char *name = strrchr(app->reports[app->cur], '/');
	char tail[1024], year[16] = "", title[512];
	sy_rect r = app->r_header;
	int drop, tw = 0;

	name = name ? name + 1 : app->reports[app->cur];
	if (d->year)
		snprintf(year, sizeof year, "%d", d->year);
	for (drop = 0; drop < 4; drop++) {
		snprintf(tail, sizeof tail, "%s%s%s%s%s%s | %s",
			 drop < 1 ? " | " : "", drop < 1 ? (d->issuer ? d->issuer : "-") : "",
			 drop < 3 ? " | " : "", drop < 3 ? (year[0] ? year : "-") : "",
			 drop < 2 ? " | " : "", drop < 2 ? (d->date ? d->date : "-") : "",
			 name);
		tw = r.w - 1 - sy_text_width(tail);
		/* the issuer and the date go before the title is cut */
		if (tw >= sy_text_width(d->title ? d->title : "(no title)") ||
		    (drop >= 2 && tw >= 8))
			break;
	}
	if (tw < 1)
		tw = 1;
	dpy_fill(r.y, r.x, r.w, SY_ROLE_HEADER);
	sy_fit(d->title ? d->title : "(no title)", tw, title, sizeof title);
	tw = dpy_text(r.y, r.x, r.w, " ", SY_ROLE_HEADER);
	tw += dpy_text(r.y, r.x + tw, r.w - tw, title, SY_ROLE_HEADER);
	dpy_text(r.y, r.x + tw, r.w - tw, tail, SY_ROLE_HEADER);
}

static void draw_status(sy_app *app)
{
	sy_rect r = app->r_status;
	size_t done = 0, total = 0;
	char left[256], right[96], ro[64], unread[48] = "";
	size_t bad;
	size_t held = sy_batch_held(app);
	char others[48];
	const char *saved = app->file.read_only ? "READ-ONLY" :
		!app->file.saved ? "NOT SAVED" :
		app->file.njournal ? "saved (journal)" : "saved";
	sy_role role = app->file.saved && !held ? SY_ROLE_STATUS : SY_ROLE_ERROR;
	int rw, lw;

	if (held) {          /* another report's decisions wait in memory */
		snprintf(others, sizeof others, app->file.saved ?
			 "NOT SAVED: %zu other report%s" :
			 "NOT SAVED (and %zu other report%s)", held,
			 held > 1 ? "s" : "");
		saved = others;
	}

	for (size_t i = 0; i < app->nreports; i++) {
		done += app->info[i].reviewed;
		total += app->info[i].total;
	}
	dpy_fill(r.y, r.x, r.w, SY_ROLE_STATUS);
	if (app->message[0]) {
		dpy_text(r.y, r.x, r.w, app->message,
			 app->message_error ? SY_ROLE_ERROR : SY_ROLE_STATUS);
		return;
	}
	if (app->file.read_only && app->file.ro_why) {
		snprintf(ro, sizeof ro, "READ-ONLY: %s", app->file.ro_why);
		saved = ro;
	}
	/* the save state and the help key stay; the last action gives way */
	snprintf(right, sizeof right, " | %s | ? help", saved);
	if ((bad = sy_batch_unreadable(app)))
		snprintf(unread, sizeof unread, " (%zu unreadable)", bad);
	snprintf(left, sizeof left, " file %zu/%zu%s | %zu/%zu reviewed | batch %zu/%zu | %s%s",
		 app->cur + 1, app->nreports, unread, app->info[app->cur].reviewed,
		 app->info[app->cur].total, done, total,
		 app->last_action[0] ? "last: " : "",
		 app->last_action[0] ? app->last_action : "no decision yet");
	rw = sy_text_width(right);
	if (rw > r.w)
		rw = r.w;
	lw = dpy_text(r.y, r.x, r.w - rw, left, SY_ROLE_STATUS);
	dpy_text(r.y, r.x + lw, rw, right, role);
}

void sy_app_draw(sy_app *app)
{
	dpy_erase();
	layout(app);
	if (app->help) {
		sy_rect r = { 0, 0, app->r_status.y, app->r_status.w };
		sy_help_view.draw(app, r, true);
		draw_status(app);
		dpy_flush(0, 0, false);
		return;
	}
	draw_header(app);
	sy_text_view.draw(app, app->r_text, app->focus == SY_PANE_TEXT);
	sy_items_view.draw(app, app->r_items, app->focus == SY_PANE_ITEMS);
	draw_status(app);
	dpy_flush(app->cursor_y, app->cursor_x,
		  app->focus == SY_PANE_TEXT && app->cursor_y >= 0);
}

/* ------------------------------------------------------------ keys */

/* Idle: write the decisions the journal holds into the annotation
 * file. */
static void idle_flush(sy_app *app)
{
	sy_error err;
	if (sy_file_flush(&app->file, &err) != SY_OK)
		sy_app_say(app, true, "NOT SAVED (kept in memory, will retry): %s",
			   err.msg);
	show_notice(app);
	sync_shared(app);
	sy_app_draw(app);
}

int sy_app_next_key(sy_app *app)
{
	/* a signal (SIGHUP: the connection dropped; SIGTERM, SIGINT) that came
	 * while a key was being handled: end now, the caller saves */
	if (app->stop && *app->stop)
		return SY_KEY_NONE;
	if (!app->src.script) {
		for (;;) {
			int k;
			if (!app->open || app->asking ||
			    (!sy_file_pending_flush(&app->file) && !app->file.shared))
				return dpy_read_key();
			k = dpy_read_key_timeout(app->file.shared ? 1000 : 1500);
			if (k != SY_KEY_IDLE)
				return k;
			idle_flush(app);
			if (app->stop && *app->stop)   /* came while it saved */
				return SY_KEY_NONE;
		}
	}
	for (;;) {
		sy_error err;
		int k = sy_keysrc_next(&app->src, &err);
		if (k == -2) {
			if (app->dump) {
				dpy_dump(app->dump);
				fputs("--\n", app->dump);
				fflush(app->dump);   /* read while we run */
			}
			continue;
		}
		if (k < 0 && k != SY_KEY_NONE) {
			sy_app_say(app, true, "%s", err.msg);
			app->script_error = true;
			return SY_KEY_NONE;
		}
		return k;
	}
}

static void click(sy_app *app)
{
	int y, x;
	if (!dpy_mouse(&y, &x) || app->help)
		return;
	if (y >= app->r_items.y && y < app->r_items.y + app->r_items.h &&
	    x >= app->r_items.x && x < app->r_items.x + app->r_items.w) {
		app->focus = SY_PANE_ITEMS;
		sy_items_view.click(app, app->r_items, y, x);
	} else if (y >= app->r_text.y && y < app->r_text.y + app->r_text.h &&
		   x >= app->r_text.x && x < app->r_text.x + app->r_text.w) {
		app->focus = SY_PANE_TEXT;
		sy_text_view.click(app, app->r_text, y, x);
	}
}

/* Ctrl-Z: every decision into the file, then stop until fg. */
static void suspend(sy_app *app)
{
	sy_error err;

	if (app->src.script) {
		sy_app_say(app, false, "suspend: not from a script");
		return;
	}
	if (sy_file_pending_flush(&app->file) && sy_file_flush(&app->file, &err) != SY_OK)
		sy_app_say(app, true, "NOT SAVED (kept in memory, will retry): %s", err.msg);
	sy_batch_remember(app);
	dpy_suspend();
}

/* Actions that do not depend on the pane. */
static bool global_action(sy_app *app, sy_action a)
{
	switch (a) {
	case SY_ACT_QUIT:
		sy_decide_quit(app);
		return true;
	case SY_ACT_HELP:
		app->help = true;
		app->help_top = 0;
		return true;
	case SY_ACT_REDRAW:
		dpy_touch();
		return true;
	case SY_ACT_SUSPEND:
		suspend(app);
		return true;
	case SY_ACT_SWITCH_PANE:
		app->focus = app->focus == SY_PANE_TEXT ? SY_PANE_ITEMS : SY_PANE_TEXT;
		app->selecting = false;
		return true;
	case SY_ACT_NEXT_FILE:
	case SY_ACT_PREV_FILE:
		sy_batch_step(app, a == SY_ACT_NEXT_FILE ? 1 : -1);
		return true;
	default:
		return sy_decide(app, a);
	}
}

static void handle_key(sy_app *app, int key)
{
	sy_action a;

	if (key == SY_KEY_RESIZE)
		return;
	if (key == SY_KEY_MOUSE) {
		click(app);
		return;
	}
	a = sy_keymap_lookup(&app->keys, key);
	if (app->help) {
		if (!sy_help_view.key(app, a, key))
			app->help = false;
		return;
	}
	if (app->message[0] && !app->message_error)
		app->message[0] = '\0';
	if (key == SY_KEY_ESC && app->selecting) {
		app->selecting = false;
		return;
	}
	if (a == SY_ACT_NONE) {
		char name[32];
		sy_key_name(key, name, sizeof name);
		sy_app_say(app, false, "%s: no action (? for help)", name);
		return;
	}
	if ((app->focus == SY_PANE_TEXT ? &sy_text_view : &sy_items_view)->key(app, a, key))
		return;
	global_action(app, a);
}

double sy_app_now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

#define now_ms sy_app_now_ms

int sy_app_run(sy_app *app)
{
	size_t first = 0;
	double t0 = app->t0 > 0 ? app->t0 : now_ms();
	char item[32];
	sy_item_ref it;

	if (scan_batch(app))
		return 1;
	layout(app);
	app->text_width = app->r_text.w > 2 ? app->r_text.w : 2;
	/* where the reviewer left this batch, else the report last worked on */
	if (!sy_batch_resume(app, &first, item, sizeof item))
		first = first_report(app);
	/* a report that cannot be opened (and that the reviewer leaves) gives
	 * way to the next one */
	for (size_t k = 0; k < app->nreports; k++) {
		size_t i = (first + k) % app->nreports;
		if (sy_app_open_file(app, i))
			break;
		item[0] = '\0';
		if (k + 1 == app->nreports) {
			fprintf(stderr, "shenyue: %s\n", app->message);
			return 1;
		}
	}
	/* the item: the report's own review.cursor, when it names one, is
	 * newer than the batch's place (a read-only session saves none) */
	if (item[0] && !app->file.annot.review.cursor &&
	    sy_item_find(&app->file, item, &it))
		sy_app_select_item(app, it);
	sy_app_draw(app);
	if (app->timing)
		fprintf(stderr, "first screen: %.2f ms\n", now_ms() - t0);
	while (!app->quit) {
		int key = sy_app_next_key(app);
		double k0;
		if (key == SY_KEY_NONE) {
			sy_decide_quit(app);
			break;
		}
		k0 = now_ms();
		sync_shared(app);
		handle_key(app, key);
		if (!app->quit)
			sy_app_draw(app);
		if (app->timing) {
			double dt = now_ms() - k0;
			app->key_total += dt;
			if (dt > app->key_worst)
				app->key_worst = dt;
			app->nkeys++;
		}
	}
	sy_batch_remember(app);
	if (app->dump)
		dpy_dump(app->dump);
	if (app->timing && app->nkeys)
		fprintf(stderr, "keys: %lu, mean %.3f ms, worst %.3f ms\n", app->nkeys,
			app->key_total / (double)app->nkeys, app->key_worst);
	if (app->script_error)
		return 2;
	return app->file.saved && !sy_batch_held(app) ? 0 : 1;
}
