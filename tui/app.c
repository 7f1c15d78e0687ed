/* app.c - the review screen's loop: opening and closing it, drawing the
 * whole screen (frame.c and the views), the key source, and dispatching
 * keys to the views and to the decisions (decide.c), doing what their
 * results ask (view.h). */
#include "app.h"

#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "batch.h"
#include "compare/adjudicate.h"
#include "config.h"
#include "decide.h"
#include "display.h"
#include "keys.h"
#include "model/schema.h"
#include "panes.h"
#include "reports.h"
#include "session/position.h"
#include "state.h"
#include "order.h"
#include "stroke.h"

double sy_app_now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

#define now_ms sy_app_now_ms

/* ------------------------------------------------------------ drawing */

static void layout(sy_app *app)
{
	sy_frame_layout(app);
	sy_tp_place(&app->text, app->frame.r_text.h, -1);
}

/* Draw the whole screen (every view) and flush. */
static void draw(sy_app *app)
{
	const sy_frame *fr = &app->frame;

	dpy_erase();
	layout(app);
	if (app->help.shown) {
		sy_rect r = { 0, 0, fr->r_status.y, fr->r_status.w };
		sy_help_view.draw(app, r, true);
		sy_frame_status(app);
		dpy_flush(0, 0, false);
		return;
	}
	sy_frame_header(app);
	sy_text_view.draw(app, fr->r_text, app->focus == SY_PANE_TEXT);
	sy_items_view.draw(app, fr->r_items, app->focus == SY_PANE_ITEMS);
	sy_frame_status(app);
	dpy_flush(app->text.cursor_y, app->text.cursor_x,
		  app->focus == SY_PANE_TEXT && app->text.cursor_y >= 0);
}

/* ------------------------------------------------------------ keys */

/* --shared: look at the file on disk (each key, each idle tick). */
static void sync_shared(sy_app *app)
{
	sy_error err;
	bool changed;

	if (!app->open || !app->file.shared)
		return;
	if (sy_file_sync(&app->file, &changed, &err) != SY_OK)
		sy_say(app, true, "NOT SAVED (kept in memory, will retry): %s", err.msg);
	sy_say_notice(app);
}

/* Idle: write the decisions the journal holds into the annotation
 * file. */
static void idle_flush(sy_app *app)
{
	sy_error err;
	if (sy_file_flush(&app->file, &err) != SY_OK)
		sy_say(app, true, "NOT SAVED (kept in memory, will retry): %s", err.msg);
	sy_say_notice(app);
	sync_shared(app);
	draw(app);
}

/* The next key from the terminal or the script; SY_KEY_NONE at the end. */
static int next_key(sy_app *app)
{
	/* a signal (SIGHUP: the connection dropped; SIGTERM, SIGINT) that came
	 * while a key was being handled: end now, the caller saves */
	if (app->opts.stop && *app->opts.stop)
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
			if (app->opts.stop && *app->opts.stop)   /* came while it saved */
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
			sy_say(app, true, "%s", err.msg);
			app->script_error = true;
			return SY_KEY_NONE;
		}
		return k;
	}
}

/* The host of the dialogs (dialog.h). */
static void ui_draw(void *ctx)
{
	sy_app *app = ctx;

	draw(app);
	app->ui.keep_y0 = app->text.focus_y0;
	app->ui.keep_y1 = app->text.focus_y1;
	app->ui.text = app->frame.r_text;
}

static int ui_next_key(void *ctx)
{
	return next_key(ctx);
}

/* Do what a handler's result R asks. */
static void apply(sy_app *app, sy_result r)
{
	if (r & SY_RES_FOLLOW)
		sy_panes_follow(app);
	if (r & SY_RES_SYNC)
		sy_panes_sync(app, false);
	if (r & SY_RES_ADD)
		r |= sy_forms_add(app);
	if (r & SY_RES_FOCUS_TEXT)
		app->focus = SY_PANE_TEXT;
	if (r & SY_RES_FOCUS_ITEMS)
		app->focus = SY_PANE_ITEMS;
	if (r & SY_RES_CLOSE)
		app->help.shown = false;
	if (r & SY_RES_QUIT)
		app->quit = true;
}

static bool inside(sy_rect r, int y, int x)
{
	return y >= r.y && y < r.y + r.h && x >= r.x && x < r.x + r.w;
}

static void click(sy_app *app)
{
	const sy_frame *fr = &app->frame;
	int y, x;

	if (!dpy_mouse(&y, &x) || app->help.shown)
		return;
	if (inside(fr->r_items, y, x)) {
		app->focus = SY_PANE_ITEMS;
		apply(app, sy_items_view.click(app, fr->r_items, y, x));
	} else if (inside(fr->r_text, y, x)) {
		app->focus = SY_PANE_TEXT;
		apply(app, sy_text_view.click(app, fr->r_text, y, x));
	}
}

/* Ctrl-Z: every decision into the file, then stop until fg. */
static void suspend(sy_app *app)
{
	sy_error err;

	if (app->src.script) {
		sy_say(app, false, "suspend: not from a script");
		return;
	}
	if (sy_file_pending_flush(&app->file) && sy_file_flush(&app->file, &err) != SY_OK)
		sy_say(app, true, "NOT SAVED (kept in memory, will retry): %s", err.msg);
	sy_reports_remember(app);
	dpy_suspend();
}

/* Actions that do not depend on the pane. */
static sy_result global_action(sy_app *app, sy_action a)
{
	switch (a) {
	case SY_ACT_QUIT:
		return sy_decide_quit(app) ? SY_RES_QUIT : SY_RES_HANDLED;
	case SY_ACT_HELP:
		app->help.shown = true;
		app->help.top = 0;
		break;
	case SY_ACT_REDRAW:
		dpy_touch();
		break;
	case SY_ACT_SUSPEND:
		suspend(app);
		break;
	case SY_ACT_SWITCH_PANE:
		app->focus = app->focus == SY_PANE_TEXT ? SY_PANE_ITEMS : SY_PANE_TEXT;
		sy_tp_unselect(&app->text);
		break;
	case SY_ACT_ORDER:
		sy_order_cycle(app);
		break;
	case SY_ACT_DETAILS:
		sy_list_fold(&app->list, !app->list.details);
		break;
	case SY_ACT_NEXT_FILE:
	case SY_ACT_PREV_FILE:
		sy_reports_step(app, a == SY_ACT_NEXT_FILE ? 1 : -1);
		break;
	default:
		return sy_decide(app, a);
	}
	return SY_RES_HANDLED;
}

static void handle_key(sy_app *app, int key)
{
	const sy_view *v;
	sy_result r;
	sy_action a;

	if (key == SY_KEY_RESIZE)
		return;
	if (key == SY_KEY_MOUSE) {
		click(app);
		return;
	}
	a = sy_keymap_lookup(&app->keys, key);
	if (app->help.shown) {
		apply(app, sy_help_view.key(app, a));
		return;
	}
	if (app->frame.message[0] && !app->frame.message_error)
		app->frame.message[0] = '\0';
	if (key == SY_KEY_ESC && app->text.selecting) {
		sy_tp_unselect(&app->text);
		return;
	}
	if (a == SY_ACT_NONE) {
		char name[32];
		sy_key_name(key, name, sizeof name);
		sy_say(app, false, "%s: no action (? for help)", name);
		return;
	}
	v = app->focus == SY_PANE_TEXT ? &sy_text_view : &sy_items_view;
	if (!(r = v->key(app, a)))
		r = global_action(app, a);
	apply(app, r);
}

int sy_app_run(sy_app *app)
{
	size_t first = 0;
	double t0 = app->opts.t0 > 0 ? app->opts.t0 : now_ms();
	char item[32];
	sy_item_ref it;

	if (!app->src.script)
		dpy_catch_continue();
	if (sy_reports_scan(app))
		return 1;
	layout(app);
	sy_tp_place(&app->text, app->frame.r_text.h, app->frame.r_text.w);
	/* where the reviewer left this batch, else the report last worked on */
	if (!sy_batch_resume(app, &first, item, sizeof item))
		first = sy_reports_first(app);
	/* a report that cannot be opened (and that the reviewer leaves) gives
	 * way to the next one */
	for (size_t k = 0; k < app->nreports; k++) {
		size_t i = (first + k) % app->nreports;
		if (sy_reports_open(app, i))
			break;
		item[0] = '\0';
		if (k + 1 == app->nreports) {
			fprintf(stderr, "shenyue: %s\n", app->frame.message);
			return 1;
		}
	}
	/* the item: the report's own review.cursor, when it names one, is
	 * newer than the batch's place (a read-only session saves none) */
	if (item[0] && !app->file.annot.review.cursor &&
	    sy_item_find(&app->file, item, &it))
		sy_panes_select_item(app, it);
	draw(app);
	if (app->opts.timing)
		fprintf(stderr, "first screen: %.2f ms\n", now_ms() - t0);
	while (!app->quit) {
		int key = next_key(app);
		double k0;
		if (key == SY_KEY_NONE) {
			sy_decide_quit(app);
			break;
		}
		k0 = now_ms();
		sync_shared(app);
		handle_key(app, key);
		if (!app->quit)
			draw(app);
		if (app->opts.timing) {
			double dt = now_ms() - k0;
			app->key_total += dt;
			if (dt > app->key_worst)
				app->key_worst = dt;
			app->nkeys++;
		}
	}
	sy_reports_remember(app);
	if (app->dump)
		dpy_dump(app->dump);
	if (app->opts.timing && app->nkeys)
		fprintf(stderr, "keys: %lu, mean %.3f ms, worst %.3f ms\n", app->nkeys,
			app->key_total / (double)app->nkeys, app->key_worst);
	if (app->script_error)
		return 2;
	return app->file.saved && !sy_batch_held(app) ? 0 : 1;
}

/* ------------------------------------------------------------ open, close */

static void warn(const sy_app_opts *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void warn(const sy_app_opts *o, const char *fmt, ...)
{
	char msg[1200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (o->warn)
		o->warn(o->warn_ctx, msg);
}

static const char *default_reviewer(const sy_config *c)
{
	const char *u;
	struct passwd *pw;
	if (c->reviewer)
		return c->reviewer;
	if ((u = getenv("USER")) && *u)
		return u;
	pw = getpwuid(getuid());
	return pw ? pw->pw_name : NULL;
}

/* Config, keys, theme, reviewer. */
static sy_status settings(sy_app *app, const sy_app_opts *o, sy_error *err)
{
	static const char *const dirs[] = { SY_THEMEDIR, SY_SRCTHEMEDIR, NULL };
	const char *theme;
	sy_status st;

	if ((st = sy_config_load(o->config, &app->config, err)) != SY_OK)
		return st;
	if (sy_keymap_defaults(&app->keys))
		return sy_fail(err, SY_ERR_NOMEM, "out of memory");
	if ((st = sy_keymap_apply(&app->keys, &app->config, err)) != SY_OK)
		return st;
	theme = o->theme ? o->theme : app->config.theme ? app->config.theme : "dark";
	if ((st = sy_theme_find(theme, dirs, &app->theme, err)) != SY_OK)
		return st;
	app->reviewer = o->reviewer ? o->reviewer : default_reviewer(&app->config);
	return SY_OK;
}

static void adjudication_warn(void *ctx, const char *msg)
{
	warn(ctx, "%s", msg);
}

/* --adjudicate A B -o OUT: merged files in OUT, the batch set to them,
 * the conflicts shown first. */
static sy_status adjudication(sy_app *app, const sy_app_opts *o, sy_error *err)
{
	sy_adjudication j;
	sy_status st;

	if ((st = sy_adjudicate_prepare(o->adjudicate, o->paths[0], o->out, &j,
					adjudication_warn, (void *)o, err)) != SY_OK)
		return st;
	app->info = calloc(j.n, sizeof *app->info);
	if (!app->info) {
		sy_adjudication_free(&j);
		return sy_fail(err, SY_ERR_NOMEM, "out of memory");
	}
	for (size_t i = 0; i < j.n; i++)
		app->info[i].annot_path = j.annots[i];     /* taken over */
	app->reports = j.reports;
	app->nreports = j.n;
	free(j.annots);
	app->adjudicating = true;
	sy_batch_adjudicators(app);
	app->batch_key = sy_position_key((char *const *)&o->out, 1);
	sy_list_filter(&app->list, SY_FILTER_TAG, SY_PENDING, SY_TAG_CONFLICT);
	/* TRANSLATORS: adjudication: %zu reports merged, %zu conflicts in them */
	warn(o, ngettext("%zu reports, %zu conflict to settle in %s",
			 "%zu reports, %zu conflicts to settle in %s", j.conflicts),
	     j.n, j.conflicts, o->out);
	return SY_OK;
}

/* The screen: the terminal, or nowhere for a script. */
static sy_status open_screen(sy_app *app, const sy_app_opts *o, sy_error *err)
{
	FILE *out = NULL, *in = NULL;

	if (o->script) {
		char size[32];
		app->devnull = fopen("/dev/null", "r+");
		if (!app->devnull)
			return sy_fail(err, SY_ERR_IO, "/dev/null: %s", strerror(errno));
		out = in = app->devnull;
		if (!getenv("TERM") || !*getenv("TERM"))
			setenv("TERM", "xterm-256color", 1);
		snprintf(size, sizeof size, "%d", o->cols);
		setenv("COLUMNS", size, 1);
		snprintf(size, sizeof size, "%d", o->rows);
		setenv("LINES", size, 1);
	} else if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		return sy_fail(err, SY_ERR_USAGE, "review: needs a terminal on standard "
			       "input and output (or --script FILE)");
	}
	return dpy_open(&app->theme, o->color, o->mouse && !o->script, out, in, err);
}

static void app_free(sy_app *app)
{
	sy_batch_free(app);
	sy_queue_free(&app->queue);
	sy_stroke_free(app);
	if (app->open) {
		sy_textmap_free(&app->map);
		sy_file_close(&app->file);
	}
	for (size_t i = 0; i < app->nreports; i++)
		free(app->reports[i]);
	free(app->reports);
	for (size_t i = 0; app->info && i < app->nreports; i++)
		free(app->info[i].annot_path);
	free(app->info);
	sy_list_free(&app->list);
	sy_tp_free(&app->text);
	sy_keymap_free(&app->keys);
	sy_config_free(&app->config);
	sy_keysrc_close(&app->src);
	if (app->dump)
		fclose(app->dump);
	if (app->devnull)
		fclose(app->devnull);
	free(app);
}

sy_status sy_app_open(sy_app **out, const sy_app_opts *o, sy_error *err)
{
	sy_app *app = calloc(1, sizeof *app);
	sy_status st;

	*out = NULL;
	if (!app)
		return sy_fail(err, SY_ERR_NOMEM, "out of memory");
	sy_tp_init(&app->text, &app->map);
	app->ui = (sy_ui){ app, ui_draw, ui_next_key, -1, -1, { 0, 0, 0, 0 } };
	app->opts = *o;
	if ((st = settings(app, o, err)) != SY_OK)
		goto fail;
	if (o->adjudicate) {
		if ((st = adjudication(app, o, err)) != SY_OK)
			goto fail;
	} else if ((st = sy_review_expand(o->paths, o->npaths, &app->reports,
					  &app->nreports, err)) != SY_OK) {
		goto fail;
	} else {
		/* where the reviewer left this batch is kept under its folders */
		app->batch_key = sy_position_key(o->paths, o->npaths);
	}
	if (o->script && (st = sy_keysrc_open(&app->src, o->script, err)) != SY_OK)
		goto fail;
	if (o->dump && !(app->dump = fopen(o->dump, "w"))) {
		st = sy_fail(err, SY_ERR_IO, "%s: %s", o->dump, strerror(errno));
		goto fail;
	}
	if ((st = open_screen(app, o, err)) != SY_OK)
		goto fail;
	*out = app;
	return SY_OK;
fail:
	dpy_close();
	app_free(app);
	return st;
}

void sy_app_close(sy_app *app)
{
	if (!app)
		return;
	dpy_close();
	if (app->frame.message_error && app->frame.message[0])
		warn(&app->opts, "%s", app->frame.message);
	app_free(app);
}
