/* forms.c - the fix form (e) and the add form (v over a span, then v or
 * Enter).  The forms show the fields (fields.h) and ask the core whether
 * they hold; a refused field keeps the form open with the message at
 * it.  Nothing changes until the form is saved: one command, one undo
 * step. */
#include <stdio.h>
#include <string.h>

#include "decide.h"
#include "fields.h"
#include "base/i18n.h"
#include "panes.h"

/* The fields of one kind of item in a form. */
typedef struct form {
	sy_field f[SY_NSTAT_FIELDS];  /* the largest set */
	size_t n;
	sy_form_check check;
} form;

/* F filled from the fields of statistic S, section C or the document D
 * (the one not NULL); -1 on OOM (nothing to free). */
static int form_fill(form *fm, const sy_stat *s, const sy_section *c,
		     const sy_docfacts *d)
{
	memset(fm, 0, sizeof *fm);
	if (s) {
		fm->n = SY_NSTAT_FIELDS;
		fm->check = sy_stat_check;
		return sy_stat_fields(fm->f, s);
	}
	if (c) {
		fm->n = SY_NSECTION_FIELDS;
		fm->check = sy_section_check;
		return sy_section_fields(fm->f, c);
	}
	fm->n = SY_NDOC_FIELDS;
	fm->check = sy_doc_check;
	return sy_doc_fields(fm->f, d);
}

static sy_result no_memory(sy_app *app)
{
	sy_say(app, true, "out of memory: nothing changed");
	return SY_RES_HANDLED;
}

/* ------------------------------------------------------------ fix */

/* The form's values into item IT, as one command. */
static sy_status fix_apply(sy_app *app, sy_item_ref it, const sy_field *f,
			   sy_error *err)
{
	sy_status st;
	sy_stat ns;
	sy_docfacts nd;
	int level;

	if (it.kind == SY_ITEM_STAT)
		return (st = sy_stat_read(f, &ns, err)) != SY_OK ? st :
			sy_review_fix_stat(&app->file, it.index, &ns, err);
	if (it.kind == SY_ITEM_SECTION)
		return (st = sy_section_read(f, &level, err)) != SY_OK ? st :
			sy_review_fix_section(&app->file, it.index, level, f[1].value,
					   f[2].value, err);
	return (st = sy_doc_read(f, &nd, err)) != SY_OK ? st :
		sy_review_fix_document(&app->file, &nd, err);
}

sy_result sy_forms_fix(sy_app *app)
{
	const sy_annot *a = &app->file.annot;
	sy_item_ref it;
	form fm;
	char title[64], id[32];

	if (!sy_panes_need_item(app, &it))
		return SY_RES_HANDLED;
	if (form_fill(&fm, it.kind == SY_ITEM_STAT ? &a->stats[it.index] : NULL,
		      it.kind == SY_ITEM_SECTION ? &a->sections[it.index] : NULL,
		      &a->doc))
		return no_memory(app);
	snprintf(id, sizeof id, "%s", it.kind == SY_ITEM_DOCUMENT ? _("the document facts")
		 : sy_item_id(&app->file, it));
	if (it.kind == SY_ITEM_DOCUMENT)
		snprintf(title, sizeof title, "%s", _("Fix document facts"));
	else
		snprintf(title, sizeof title, it.kind == SY_ITEM_STAT ? _("Fix statistic %s")
			 : _("Fix section %s"), id);
	if (sy_form(&app->ui, title, fm.f, fm.n, fm.check)) {
		size_t before = app->file.nundo;
		sy_error err;
		sy_status st = fix_apply(app, it, fm.f, &err);
		/* a form saved without a change made no step to undo, and is
		 * not called fixed */
		if (st == SY_OK && app->file.nundo == before)
			sy_say_result(app, st, &err, "%s unchanged", id);
		else
			sy_say_result(app, st, &err, "fixed %s", id);
		sy_panes_reselect(app, it, it.kind == SY_ITEM_SECTION);
	}
	sy_fields_free(fm.f, fm.n);
	return SY_RES_HANDLED;
}

/* ------------------------------------------------------------ add */

/* The form of an item being added over [A, B) (STAT: a statistic, else
 * a section): prefilled by the core, nothing added until it is saved;
 * Esc cancels the add.  true when saved and *IT names the new item. */
static bool add_form(sy_app *app, bool stat, size_t a, size_t b, sy_item_ref *it,
		     sy_status *st, sy_error *err)
{
	sy_stat ps, ns;
	sy_section pc, nc;
	form fm;
	bool saved;
	int rc;

	*st = stat ? sy_add_prefill_stat(&app->file, a, b, &ps, err)
		   : sy_add_prefill_section(&app->file, a, b, &pc, err);
	if (*st != SY_OK)
		return false;
	rc = form_fill(&fm, stat ? &ps : NULL, stat ? NULL : &pc, NULL);
	sy_prefill_free(stat ? &ps : NULL, stat ? NULL : &pc);
	if (rc) {
		*st = sy_fail(err, SY_ERR_NOMEM, "out of memory");
		return false;
	}
	memset(&nc, 0, sizeof nc);
	saved = sy_form(&app->ui, stat ? _("Add statistic") : _("Add section"), fm.f, fm.n,
			fm.check);
	if (saved && stat && (*st = sy_stat_read(fm.f, &ns, err)) == SY_OK)
		*st = sy_review_add_stat_as(&app->file, a, b, &ns, it, err);
	else if (saved && !stat && (*st = sy_section_read(fm.f, &nc.level, err)) == SY_OK) {
		nc.marker = fm.f[1].value;
		nc.title = fm.f[2].value;
		*st = sy_review_add_section_as(&app->file, a, b, &nc, it, err);
	}
	sy_fields_free(fm.f, fm.n);
	return saved;
}

sy_result sy_forms_add(sy_app *app)
{
	const char *const opts[] = { _("statistic"), _("section (heading)") };
	static const int keys[] = { 's', 'h' };
	size_t a, b;
	sy_item_ref it;
	sy_error err;
	sy_status st = SY_OK;
	bool saved;
	int c;

	sy_tp_selection(&app->text, &a, &b);
	if (b > app->file.src.chars)
		b = app->file.src.chars;
	if (a >= b) {
		sy_say(app, true, "select at least one character");
		return SY_RES_HANDLED;
	}
	c = sy_menu(&app->ui, _("Add as"), opts, keys, NULL, 2);
	if (c < 0)
		return SY_RES_HANDLED;
	/* the selection stays shown (and uncovered) under the form */
	saved = add_form(app, c == 0, a, b, &it, &st, &err);
	sy_tp_unselect(&app->text);
	if (!saved && st == SY_OK) {
		sy_say(app, false, "add cancelled: nothing added");
		return SY_RES_HANDLED;
	}
	if (st != SY_OK && st != SY_ERR_UNSAVED) {
		sy_say(app, true, "%s", err.msg);
		return SY_RES_HANDLED;
	}
	sy_say_result(app, st, &err, "added %s", sy_item_id(&app->file, it));
	if (app->list.filter != SY_FILTER_ALL)   /* the new item is shown */
		sy_list_filter(&app->list, SY_FILTER_ALL, SY_PENDING, NULL);
	sy_panes_reselect(app, it, true);
	return SY_RES_HANDLED | SY_RES_FOCUS_ITEMS;
}
