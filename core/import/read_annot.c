/* read_annot.c - another shenyue annotation file (format 1: another
 * extractor's run, or another configuration) as predictions (predict.h):
 * one document, its sections and statistics but the rejected ones, each
 * statistic stating its text; the score is the best its `by` gives.
 */
#include "import/predict.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "format/annot_io.h"
#include "format/provenance.h"
#include "model/schema.h"

sy_status sy_pred_read_annot(const char *name, sy_pred_fn fn, void *ctx,
			     sy_error *err)
{
	sy_annot a;
	sy_pred_doc doc;
	sy_pred_item *it;
	sy_status st;
	size_t i, n = 0;

	if (!name || !strcmp(name, "-"))
		return sy_fail(err, SY_ERR_USAGE,
			       _("an annotation file is read from a file, not standard input"));
	sy_annot_init(&a);
	if ((st = sy_annot_load(name, &a, err)) != SY_OK)
		return st;
	it = calloc(a.nsections + a.nstats + 1, sizeof *it);
	if (!it) {
		sy_annot_free(&a);
		return sy_fail(err, SY_ERR_NOMEM, _("out of memory"));
	}
	for (i = 0; i < a.nsections; i++) {
		const sy_section *s = &a.sections[i];
		sy_pred_item *p = &it[n];
		if (s->r.status == SY_REJECTED)
			continue;
		p->kind = SY_PRED_SECTION;
		p->id = s->id;
		p->start = s->start;
		p->end = s->end;
		p->level = s->level;
		p->level_given = true;
		p->marker = s->marker;
		p->title = s->title;
		p->has_score = sy_prov_score(&s->r, &p->score);
		n++;
	}
	for (i = 0; i < a.nstats; i++) {
		const sy_stat *s = &a.stats[i];
		sy_pred_item *p = &it[n];
		if (s->r.status == SY_REJECTED)
			continue;
		p->kind = SY_PRED_STAT;
		p->id = s->id;
		p->start = s->start;
		p->end = s->end;
		p->text = s->text;
		p->value = s->value;
		p->has_value = s->has_value;
		p->unit = s->unit;
		p->approx = s->approx;
		p->value_max = s->value_max;
		p->has_value_max = s->has_value_max;
		p->subject = s->subject;
		p->value_given = p->unit_given = p->approx_given = true;
		p->value_max_given = p->subject_given = true;
		p->has_score = sy_prov_score(&s->r, &p->score);
		n++;
	}
	memset(&doc, 0, sizeof doc);
	doc.input = name;
	doc.line = 1;
	doc.path = a.source.path;
	doc.sha256 = a.source.sha256;
	doc.model_version = sy_prov_proposer_get(&a, SY_SOURCE_SELF, "version");
	doc.format = "shenyue";
	doc.items = it;
	doc.n = n;
	st = fn(ctx, &doc, err);
	free(it);
	sy_annot_free(&a);
	return st;
}
