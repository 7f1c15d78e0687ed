/* batch.c - see batch.h */
#include "batch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "format/annot_io.h"
#include "merge/merge.h"
#include "session/position.h"

void sy_batch_mark(sy_app *app, size_t i, const sy_error *err)
{
	if (err->code == SY_ERR_EXISTS)      /* held by someone: not unreadable */
		return;
	app->info[i].unreadable = true;
	free(app->info[i].why);
	app->info[i].why = strdup(err->msg);
}

size_t sy_batch_unreadable(const sy_app *app)
{
	size_t n = 0;
	for (size_t i = 0; app->info && i < app->nreports; i++)
		n += app->info[i].unreadable;
	return n;
}

/* ------------------------------------------------------------ history */

void sy_batch_keep_history(sy_app *app)
{
	if (!app->open)
		return;
	sy_history_free(&app->info[app->cur].history);
	sy_history_detach(&app->file, &app->info[app->cur].history);
}

void sy_batch_restore_history(sy_app *app, size_t i)
{
	sy_history_attach(&app->file, &app->info[i].history);
}

/* ------------------------------------------------------------ unsaved */

bool sy_batch_hold(sy_app *app)
{
	sy_fileinfo *in = &app->info[app->cur];
	sy_file *h;

	if (!app->open || app->file.saved)
		return false;
	if (in->held || !(h = malloc(sizeof *h))) {
		sy_batch_rescue(app, &app->file);
		return false;
	}
	*h = app->file;                     /* moved: app->file is opened anew */
	memset(&app->file, 0, sizeof app->file);
	in->held = h;
	return true;
}

bool sy_batch_take_held(sy_app *app, size_t i)
{
	sy_error err;
	sy_fileinfo *in = &app->info[i];

	if (!in->held)
		return false;
	app->file = *in->held;
	free(in->held);
	in->held = NULL;
	sy_file_flush(&app->file, &err);    /* retry; NOT SAVED says if not */
	return true;
}

size_t sy_batch_held(const sy_app *app)
{
	size_t n = 0;
	for (size_t i = 0; app->info && i < app->nreports; i++)
		n += app->info[i].held != NULL;
	return n;
}

size_t sy_batch_retry_held(sy_app *app, sy_error *err)
{
	size_t n = 0;

	for (size_t i = 0; app->info && i < app->nreports; i++) {
		sy_file *h = app->info[i].held;
		if (!h)
			continue;
		if (sy_file_flush(h, err) == SY_OK && h->saved) {
			sy_file_close(h);
			free(h);
			app->info[i].held = NULL;
		} else {
			n++;
		}
	}
	return n;
}

static void rescue_one(sy_file *f)
{
	char path[1024];
	sy_error err;

	if (sy_file_rescue(f, path, sizeof path, &err) == SY_OK)
		fprintf(stderr, _("shenyue: %s could not be written; every decision "
				  "is kept in %s\n"), f->annot_path, path);
	else
		fprintf(stderr, _("shenyue: NOT SAVED, and no rescue copy: %s\n"), err.msg);
}

void sy_batch_rescue(sy_app *app, sy_file *f)
{
	if (f && !f->saved)
		rescue_one(f);
	for (size_t i = 0; app->info && i < app->nreports; i++)
		if (app->info[i].held && !app->info[i].held->saved)
			rescue_one(app->info[i].held);
}

/* ------------------------------------------------------------ position */

bool sy_batch_resume(sy_app *app, size_t *i, char *item, size_t cap)
{
	char *report = NULL, *id = NULL;
	sy_error err;
	bool found = false;

	item[0] = '\0';
	if (!app->batch_key ||
	    sy_position_load(app->batch_key, &report, &id, &err) != SY_OK || !report)
		goto done;
	for (size_t k = 0; k < app->nreports && !found; k++) {
		char *real = realpath(app->reports[k], NULL);
		if (real && !strcmp(real, report)) {
			*i = k;
			found = true;
		}
		free(real);
	}
	if (found && id)
		snprintf(item, cap, "%s", id);
done:
	free(report);
	free(id);
	return found;
}

sy_status sy_batch_remember(sy_app *app, sy_error *err)
{
	if (!app->batch_key || !app->open)
		return SY_OK;
	return sy_position_save(app->batch_key, app->reports[app->cur],
				app->list.sel_id[0] ? app->list.sel_id : NULL, err);
}

/* ------------------------------------------------------------ tags */

static void add_review_tags(sy_app *app, const sy_review *r)
{
	for (size_t t = 0; t < r->tags.n; t++)
		if (sy_tags_add(&app->tags, r->tags.v[t]))
			return;
}

void sy_batch_add_tags(sy_app *app, const sy_annot *a)
{
	for (size_t i = 0; i < a->nsections; i++)
		add_review_tags(app, &a->sections[i].r);
	for (size_t i = 0; i < a->nstats; i++)
		add_review_tags(app, &a->stats[i].r);
}

/* ------------------------------------------------------------ adjudication */

void sy_batch_adjudicators(sy_app *app)
{
	for (size_t i = 0; i < app->nreports; i++) {
		sy_annot a;
		sy_error err;
		char *names = NULL;

		sy_annot_init(&a);
		if (app->info[i].annot_path &&
		    sy_annot_load(app->info[i].annot_path, &a, &err) == SY_OK &&
		    !sy_names_add(&names, a.review.reviewer) &&
		    !sy_names_add(&names, app->reviewer)) {
			free(app->info[i].reviewer);
			app->info[i].reviewer = names;
			names = NULL;
		}
		free(names);
		sy_annot_free(&a);
	}
}

void sy_batch_free(sy_app *app)
{
	for (size_t i = 0; app->info && i < app->nreports; i++) {
		sy_history_free(&app->info[i].history);
		if (app->info[i].held) {        /* rescued by the quit already */
			sy_file_close(app->info[i].held);
			free(app->info[i].held);
			app->info[i].held = NULL;
		}
		free(app->info[i].why);
		free(app->info[i].reviewer);
	}
	for (size_t t = 0; t < app->tags.n; t++)
		free(app->tags.v[t]);
	free(app->tags.v);
	memset(&app->tags, 0, sizeof app->tags);
	free(app->batch_key);
	app->batch_key = NULL;
}
