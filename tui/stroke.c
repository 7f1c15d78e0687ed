/* stroke.c - see stroke.h */
#include "stroke.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "dialog.h"
#include "display.h"
#include "order.h"
#include "panes.h"
#include "base/i18n.h"
#include "model/schema.h"
#include "session/bulk.h"

/* The longest preview shown (the rest counted). */
#define PREVIEW_MAX 12

void sy_stroke_free(sy_app *app)
{
	free(app->step.reports);
	free(app->step.nundo);
	memset(&app->step, 0, sizeof app->step);
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* Report R's model for a stroke: the open one, one kept in memory, or
 * opened now into *TMP with its undo history (*OWN: close it after with
 * done_with).  NULL (ERR said) when it cannot be opened. */
/* "in N report(s)" for N, with its plural, into BUF; BUF. */
static const char *in_reports(char *buf, size_t size, size_t n)
{
	snprintf(buf, size, ngettext("in %zu report", "in %zu reports", n), n);
	return buf;
}

static sy_file *file_of(sy_app *app, size_t r, sy_file *tmp, bool *own,
			sy_error *err)
{
	*own = false;
	if (r == app->cur && app->open)
		return &app->file;
	if (app->info[r].held)
		return app->info[r].held;
	if (sy_file_open_ex(tmp, app->reports[r], app->info[r].annot_path,
			    app->info[r].reviewer ? app->info[r].reviewer : app->reviewer,
			    app->opts.open_flags, NULL, err) != SY_OK)
		return NULL;
	sy_history_attach(tmp, &app->info[r].history);
	*own = true;
	return tmp;
}

/* The depth of F's undo (REDO: redo) stack, and its top edit. */
static size_t depth(const sy_file *f, bool redo, const void **top)
{
	size_t n = redo ? f->nredo : f->nundo;
	if (top)
		*top = n ? (const void *)(redo ? f->redo : f->undo)[n - 1] : NULL;
	return n;
}

/* After a stroke on report R (F): the queue, the progress, and F put
 * back (its history kept; its model kept in memory when not saved). */
static void done_with(sy_app *app, size_t r, sy_file *f, bool own)
{
	sy_order_update(app, r, f);
	sy_file_progress(f, &app->info[r].reviewed, &app->info[r].total);
	app->info[r].known = true;
	if (!own)
		return;
	sy_history_detach(f, &app->info[r].history);
	if (!f->saved && !app->info[r].held &&
	    (app->info[r].held = malloc(sizeof *f)) != NULL) {
		*app->info[r].held = *f;          /* NOT SAVED says so; retried */
		return;
	}
	sy_file_close(f);
}

/* The entries of the queue (k) that are pending items with PATTERN, but
 * SELF (report cur's item SELF_ID); into a new array *OUT. */
static size_t matches(sy_app *app, const char *pattern, const char *self_id,
		      size_t **out)
{
	sy_queue *q = &app->queue;
	size_t n = 0;

	*out = malloc((q->n ? q->n : 1) * sizeof **out);
	if (!*out)
		return 0;
	for (size_t k = 0; k < q->n; k++) {
		const sy_qentry *e = &q->v[k];
		if (!e->pattern || strcmp(e->pattern, pattern) ||
		    (e->report == app->cur && !strcmp(e->id, self_id)) ||
		    !sy_queue_pending(q, k, app->cur, &app->file))
			continue;
		(*out)[n++] = k;
	}
	return n;
}

/* What OP does, in words: "reject", "accept", "fix unit 次", "tag #x". */
static void op_words(const sy_bulk_op *op, char *out, size_t cap)
{
	size_t len = (size_t)snprintf(out, cap, "%s", op->status == SY_REJECTED ?
				      _("reject") : op->set_unit || op->set_subject ?
				      _("fix") : op->status == SY_ACCEPTED ? _("accept") :
				      _("tag"));
	if (op->set_unit && len < cap)
		len += (size_t)snprintf(out + len, cap - len, _(" unit %s"),
					op->unit ? op->unit : "null");
	if (op->set_subject && len < cap)
		len += (size_t)snprintf(out + len, cap - len, _(" subject %s"),
					op->subject ? op->subject : "null");
	for (size_t t = 0; t < op->ntags && len < cap; t++)
		len += (size_t)snprintf(out + len, cap - len, " #%s", op->tags[t]);
}

/* The preview: how many, which (report, id, place), and the choice.
 * true: apply. */
static bool preview(sy_app *app, const size_t *k, size_t n, size_t nrep,
		    const char *what, const char *text)
{
	const char *opts[PREVIEW_MAX + 2];
	int keys[PREVIEW_MAX + 2];
	char lines[PREVIEW_MAX][160], title[256], in[64];
	size_t shown = 0, o = 0;
	int rows, cols, c;

	dpy_size(&rows, &cols);
	/* TRANSLATORS: the last %s is "in N reports" */
	snprintf(title, sizeof title, ngettext("%s: %zu more item \"%s\" %s",
					       "%s: %zu more items \"%s\" %s", n),
		 what, n, text, in_reports(in, sizeof in, nrep));
	opts[o] = _("apply to all of them (one step: u undoes it)"); keys[o++] = 'y';
	opts[o] = _("cancel"); keys[o++] = 'n';
	for (size_t i = 0; i < n && shown < PREVIEW_MAX && (int)(o + 6) < rows; i++) {
		const sy_qentry *e = &app->queue.v[k[i]];
		if (shown + 1 == PREVIEW_MAX && i + 1 < n) {
			snprintf(lines[shown], sizeof lines[shown], _("... and %zu more"), n - i);
		} else {
			snprintf(lines[shown], sizeof lines[shown], "%s %s @%zu",
				 base_name(app->reports[e->report]), e->id, e->start);
		}
		opts[o] = lines[shown];
		keys[o++] = shown < 9 ? (int)('1' + shown) : '-';
		shown++;
		if (shown == PREVIEW_MAX)
			break;
	}
	c = sy_menu(&app->ui, title, opts, keys, NULL, o);
	return c == 0;
}

/* Remember the propagation for one undo. */
static void remember(sy_app *app, const size_t *reps, size_t nrep, size_t items)
{
	sy_stroke_free(app);
	app->step.reports = malloc((nrep ? nrep : 1) * sizeof *app->step.reports);
	app->step.nundo = malloc((nrep ? nrep : 1) * sizeof *app->step.nundo);
	if (!app->step.reports || !app->step.nundo) {
		sy_stroke_free(app);
		return;
	}
	memcpy(app->step.reports, reps, nrep * sizeof *reps);
	app->step.n = nrep;
	app->step.items = items;
	app->step.origin = app->cur;
	app->step.on = true;
}

void sy_stroke_propagate(sy_app *app)
{
	sy_item_ref it;
	sy_bulk_op op;
	const char *tags[16];
	char *pattern, *unit = NULL, *subject = NULL, what[160], self[32], text[64], in[64];
	size_t *k = NULL, n, *reps = NULL, nrep = 0, total = 0, failed = 0;
	sy_error err;

	if (!sy_panes_need_item(app, &it))
		return;
	if (!sy_bulk_op_of(&app->file, it, &op, tags, 16)) {
		sy_say(app, false, "%s", _("decide or tag this item first (x, e, t, a); P repeats that on the others"));
		return;
	}
	if (!(pattern = sy_bulk_pattern(&app->file, it, NULL)))
		return;
	sy_order_add(app, app->cur, &app->file);     /* a report of its own */
	snprintf(self, sizeof self, "%s", sy_item_id(&app->file, it));
	snprintf(text, sizeof text, "%.*s", (int)strcspn(pattern + 2, "|"), pattern + 2);
	/* the decision's strings are copied: the model changes under them */
	if ((op.set_unit && op.unit && !(unit = strdup(op.unit))) ||
	    (op.set_subject && op.subject && !(subject = strdup(op.subject))))
		goto oom;
	op.unit = unit;
	op.subject = subject;
	op_words(&op, what, sizeof what);
	n = matches(app, pattern, self, &k);
	if (!n) {
		sy_say(app, false, _("no other pending item \"%s\" in the same context in the batch"), text);
		goto out;
	}
	if (!(reps = malloc(n * sizeof *reps)))
		goto oom;
	for (size_t i = 0; i < n; i++) {
		size_t r = app->queue.v[k[i]].report, j = 0;
		while (j < nrep && reps[j] != r)
			j++;
		if (j == nrep)
			reps[nrep++] = r;
	}
	if (!preview(app, k, n, nrep, what, text)) {
		sy_say(app, false, "%s", _("propagation cancelled: nothing changed"));
		goto out;
	}
	/* one stroke per report, the open one last (its screen follows) */
	for (size_t j = 0; j < nrep; j++) {
		size_t r = reps[nrep - 1 - j], nid = 0, done = 0;
		const char **ids = malloc(n * sizeof *ids);
		sy_file tmp, *f;
		bool own;
		if (!ids)
			goto oom;
		for (size_t i = 0; i < n; i++)
			if (app->queue.v[k[i]].report == r)
				ids[nid++] = app->queue.v[k[i]].id;
		if (!(f = file_of(app, r, &tmp, &own, &err))) {
			sy_say(app, true, "%s", err.msg);
			failed++;
			free(ids);
			continue;
		}
		op.via = SY_VIA_PROPAGATE;
		if (sy_review_bulk(f, &op, ids, nid, &done, &err) != SY_OK &&
		    err.code != SY_ERR_UNSAVED) {
			sy_say(app, true, "%s", err.msg);
			failed++;
		}
		total += done;
		free(ids);
		reps[nrep - 1 - j] = done ? r : SIZE_MAX;
		done_with(app, r, f, own);
	}
	{
		size_t m = 0;
		for (size_t j = 0; j < nrep; j++)
			if (reps[j] != SIZE_MAX)
				reps[m++] = reps[j];
		remember(app, reps, m, total);
		for (size_t j = 0; j < m && app->step.on; j++) {
			size_t r = reps[j];
			app->step.nundo[j] = r == app->cur ? app->file.nundo
				: app->info[r].held ? app->info[r].held->nundo
				: app->info[r].history.nundo;
		}
		app->step.origin_nundo = depth(&app->file, false, &app->step.origin_top);
	}
	sy_panes_rebuild(app);
	sy_panes_select_item(app, it);
	if (!failed)
		/* TRANSLATORS: the second %s is "in N reports" */
		sy_say(app, false, ngettext("propagated (%s) to %zu item %s; u undoes it",
					    "propagated (%s) to %zu items %s; u undoes it",
					    total), what, total,
		       in_reports(in, sizeof in, app->step.n));
	goto out;
oom:
	sy_say(app, true, "%s", _("out of memory: nothing more was changed"));
out:
	free(pattern);
	free(unit);
	free(subject);
	free(k);
	free(reps);
}

bool sy_stroke_undo(sy_app *app, bool redo)
{
	size_t done = 0, failed = 0;
	const void *top;
	char in[64];
	sy_error err;

	if (!(redo ? app->step.redo : app->step.on) || app->cur != app->step.origin ||
	    depth(&app->file, redo, &top) != app->step.origin_nundo ||
	    top != app->step.origin_top)
		return false;
	for (size_t j = 0; j < app->step.n; j++) {
		size_t r = app->step.reports[j], was = app->step.nundo[j];
		sy_file tmp, *f;
		bool own;
		app->step.nundo[j] = SIZE_MAX;
		if (was == SIZE_MAX)
			continue;
		if (!(f = file_of(app, r, &tmp, &own, &err))) {
			failed++;
			continue;
		}
		/* only where nothing was decided since */
		if (depth(f, redo, NULL) == was) {
			sy_status st = redo ? sy_review_redo(f, NULL, &err)
					    : sy_review_undo(f, NULL, &err);
			if (st == SY_OK || st == SY_ERR_UNSAVED) {
				done++;
				app->step.nundo[j] = depth(f, !redo, NULL);
			} else {
				failed++;
			}
		}
		done_with(app, r, f, own);
	}
	/* the other way is next */
	app->step.on = redo;
	app->step.redo = !redo;
	app->step.origin_nundo = depth(&app->file, !redo, &app->step.origin_top);
	sy_panes_rebuild(app);
	sy_panes_select_row(app, app->list.sel);
	if (failed && redo)
		sy_say(app, true, ngettext("redo of the propagation: %zu report could not be changed: %s",
					   "redo of the propagation: %zu reports could not be changed: %s",
					   failed), failed, err.msg);
	else if (failed)
		sy_say(app, true, ngettext("undo of the propagation: %zu report could not be changed: %s",
					   "undo of the propagation: %zu reports could not be changed: %s",
					   failed), failed, err.msg);
	else if (redo)
		/* TRANSLATORS: the %s is "in N reports" */
		sy_say(app, false, ngettext("redone: the propagation to %zu item %s",
					    "redone: the propagation to %zu items %s",
					    app->step.items), app->step.items,
		       in_reports(in, sizeof in, done));
	else
		/* TRANSLATORS: the %s is "in N reports" */
		sy_say(app, false, ngettext("undone: the propagation to %zu item %s",
					    "undone: the propagation to %zu items %s",
					    app->step.items), app->step.items,
		       in_reports(in, sizeof in, done));
	return true;
}

void sy_stroke_bulk_accept(sy_app *app)
{
	const sy_list *l = &app->list;
	const char **ids = malloc((l->nrows ? l->nrows : 1) * sizeof *ids);
	char title[200];
	size_t n = 0, done = 0;
	sy_bulk_op op;
	sy_error err;
	sy_status st;
	static const int keys[] = { 'y', 'n' };
	const char *opts[2];

	if (!ids) {
		sy_say(app, true, "%s", _("out of memory: nothing changed"));
		return;
	}
	for (size_t r = 0; r < l->nrows; r++)
		if (l->rows[r].kind != SY_ITEM_DOCUMENT &&
		    sy_item_status(&app->file, l->rows[r]) == SY_PENDING)
			ids[n++] = sy_item_id(&app->file, l->rows[r]);
	if (!n) {
		sy_say(app, false, "%s", _("no pending item shown: nothing to accept (f changes the filter)"));
		free(ids);
		return;
	}
	snprintf(title, sizeof title, ngettext("Accept the %zu pending item the filter shows?",
					       "Accept the %zu pending items the filter shows?", n), n);
	opts[0] = _("accept them all (one step: u undoes it)");
	opts[1] = _("cancel");
	if (sy_menu(&app->ui, title, opts, keys, NULL, 2) != 0) {
		sy_say(app, false, "%s", _("bulk accept cancelled: nothing changed"));
		free(ids);
		return;
	}
	memset(&op, 0, sizeof op);
	op.status = SY_ACCEPTED;
	op.via = SY_VIA_BULK;
	/* the ids are the model's: the stroke copies what it needs first */
	st = sy_review_bulk(&app->file, &op, ids, n, &done, &err);
	free(ids);
	sy_say_result(app, st, &err, ngettext("accepted %zu item in one step (u undoes it)",
					      "accepted %zu items in one step (u undoes it)", done), done);
	sy_order_update(app, app->cur, &app->file);
	sy_panes_rebuild(app);
	sy_panes_select_row(app, app->list.sel);
}
