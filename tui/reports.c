/* reports.c - see reports.h */
#include "reports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/i18n.h"
#include "batch.h"
#include "dialog.h"
#include "display.h"
#include "order.h"
#include "panes.h"

/* Report I is being reviewed by someone else (ERR says who): offer to
 * look at it read-only, or to take the lock over.  true when it is open. */
static bool offer_locked(sy_app *app, size_t i, sy_error *err)
{
	const char *const opts[] = {
		_("open it read-only (look, change nothing)"),
		_("break the lock and review it (only if that session is gone)"),
		_("leave this report"),
	};
	static const int keys[] = { 'o', 'b', 's' };
	char title[1200];
	int c;

	if (err->code != SY_ERR_EXISTS || !dpy_is_open())
		return false;
	snprintf(title, sizeof title, "%s", err->msg);
	c = sy_menu(&app->ui, title, opts, keys, NULL, 3);
	if (c < 0 || c == 2)
		return false;
	if (sy_file_open_ex(&app->file, app->reports[i], app->info[i].annot_path,
			    app->info[i].reviewer ? app->info[i].reviewer : app->reviewer,
			    c == 0 ? SY_OPEN_READ_ONLY : SY_OPEN_BREAK_LOCK,
			    NULL, err) != SY_OK)
		return false;
	if (c == 0)
		sy_say(app, false, "read-only: decisions are not possible here");
	else
		sy_say(app, false, "the lock was broken; this session holds it now");
	return true;
}

/* The annotation file of report I could not be opened (ERR says why):
 * when it is unreadable, offer to review a fresh extraction in a new file
 * beside it (NAME.new.yaml, or .new2, ...), leaving the unreadable file as
 * it is.  true when the new file is open. */
static bool offer_new_file(sy_app *app, size_t i, sy_error *err)
{
	const char *const opts[] = {
		_("re-extract into a new file and review that (the unreadable file stays as it is)"),
		_("leave this report"),
	};
	static const int keys[] = { 'r', 's' };
	char title[1200], *base, *path;
	size_t len;

	if (err->code != SY_ERR_FORMAT || !dpy_is_open())
		return false;
	snprintf(title, sizeof title, "%s", err->msg);
	if (sy_menu(&app->ui, title, opts, keys, NULL, 2) != 0)
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
	sy_say(app, false, "reviewing a new extraction in %s", path);
	return true;
}

bool sy_reports_open(sy_app *app, size_t i)
{
	sy_error err;
	sy_item_ref it;

	if (app->open) {
		/* the decisions into the file, or just the cursor */
		if (sy_file_pending_flush(&app->file))
			sy_file_flush(&app->file, &err);
		else
			sy_file_save_cursor(&app->file, &err);
		sy_order_update(app, app->cur, &app->file);
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
			    app->opts.open_flags, NULL, &err) != SY_OK &&
	    !offer_locked(app, i, &err) && !offer_new_file(app, i, &err)) {
		sy_say(app, true, "%s", err.msg);
		sy_batch_mark(app, i, &err);
		return false;
	}
	app->info[i].unreadable = false;
	sy_batch_restore_history(app, i);
	if (sy_textmap_build(&app->map, app->file.src.text, app->file.src.len,
			     app->file.src.chars)) {
		sy_file_close(&app->file);
		sy_say(app, true, "out of memory");
		return false;
	}
	app->open = true;
	sy_tp_reset(&app->text);
	app->frame.last_action[0] = '\0';
	if (app->file.recovered)
		sy_say(app, false, ngettext("recovered %zu decision from %s",
					    "recovered %zu decisions from %s", app->file.recovered),
		       app->file.recovered, app->file.journal_path);
	if (app->file.reanchored) {
		char moved[96];
		snprintf(moved, sizeof moved, ngettext("%zu item found at a new place",
						       "%zu items found at new places",
						       app->file.moved), app->file.moved);
		/* TRANSLATORS: the report changed: "N items found at new places"
		 * (translated apart), then how many could not be placed (their
		 * ids after the colon); lost-anchor is a tag, as written in the
		 * file */
		sy_say(app, app->file.lost > 0,
		       "the report has changed: %s, %zu could not be placed (kept, "
		       "tagged lost-anchor%s%s)", moved, app->file.lost,
		       app->file.lost ? ": " : "", app->file.lost_ids);
	}
	app->cur = i;
	if (app->opts.order != SY_ORDER_DOCUMENT)   /* else when P asks */
		sy_order_add(app, i, &app->file);
	sy_list_reset(&app->list);
	app->info[i].known = true;
	sy_file_progress(&app->file, &app->info[i].reviewed, &app->info[i].total);
	if (sy_file_cursor(&app->file, &it))
		sy_list_set_id(&app->list, &app->file, it);
	sy_panes_rebuild(app);
	sy_panes_select_row(app, app->list.sel);
	return true;
}

int sy_reports_scan(sy_app *app)
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
			if (err.code == SY_ERR_ENCODING || err.code == SY_ERR_IO ||
			    err.code == SY_ERR_UNSAVED)
				sy_batch_mark(app, i, &err);
			continue;
		}
		sy_batch_add_tags(app, &f.annot);
		sy_order_add(app, i, &f);
		sy_file_progress(&f, &app->info[i].reviewed, &app->info[i].total);
		app->info[i].known = true;
		sy_file_close(&f);
	}
	return 0;
}

size_t sy_reports_first(const sy_app *app)
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

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}
/* Why report I is unreadable, without its path in front. */
static const char *reason(const sy_app *app, size_t i)
{
	const char *w = app->info[i].why ? app->info[i].why : "";
	size_t n = strlen(app->reports[i]);
	return !strncmp(w, app->reports[i], n) && w[n] == ':' ? w + n + 1 + (w[n + 1] == ' ') : w;
}
void sy_reports_step(sy_app *app, int dir)
{
	size_t from = app->cur, passed = 0, last = SIZE_MAX;
	char why[256] = "";
	sy_error err;

	app->frame.message[0] = '\0';
	sy_batch_retry_held(app, &err);     /* the room may be back */

	for (size_t i = from;;) {
		if (dir > 0 ? i + 1 >= app->nreports : i == 0)
			break;
		i = dir > 0 ? i + 1 : i - 1;
		if (sy_reports_open(app, i)) {
			if (passed)
				sy_say(app, false, ngettext("passed %zu unreadable report: %s (%s)",
							    "passed %zu unreadable reports: %s (%s)",
							    passed),
				       passed, base_name(app->reports[last]), why);
			sy_reports_remember(app);
			return;
		}
		if (app->info[i].unreadable) {
			passed++;
			last = i;
			snprintf(why, sizeof why, "%s", reason(app, i));
		}
	}
	/* nothing opened past it: back to where the reviewer was */
	if (!app->open && !sy_reports_open(app, from))
		return;
	if (passed)
		sy_say(app, false, dir > 0 ?
		       ngettext("the last report: %zu unreadable report passed (%s: %s); "
				"no readable report after this one",
				"the last report: %zu unreadable reports passed (%s: %s); "
				"no readable report after this one", passed) :
		       ngettext("the first report: %zu unreadable report passed (%s: %s); "
				"no readable report before this one",
				"the first report: %zu unreadable reports passed (%s: %s); "
				"no readable report before this one", passed),
		       passed, base_name(app->reports[last]), why);
	else if (last == SIZE_MAX && app->frame.message[0] == '\0' && dir > 0)
		sy_say(app, false, "this is the last report of the batch");
	else if (last == SIZE_MAX && app->frame.message[0] == '\0')
		sy_say(app, false, "this is the first report of the batch");
}

void sy_reports_remember(sy_app *app)
{
	sy_error err;

	if (sy_batch_remember(app, &err) != SY_OK)
		sy_say(app, true, "the place in the batch is not remembered: %s",
		       err.msg);
}
