/* annot_read.c - see annot_read.h */
#include "session/annot_read.h"
#include "format/annot_io.h"
#include "session/journal.h"
#include "format/yaml_pos.h"
#include "model/item.h"

#include <stdlib.h>
#include <string.h>

/* Put MINI's one section (moved out of MINI) into A, replacing the one
 * with its id.  0, or -1 on OOM. */
static int put_section(sy_annot *a, sy_annot *mini)
{
	sy_section tmp;
	size_t i = sy_item_index(a, false, mini->sections[0].id, NULL);

	if (i == SY_ID_NONE &&
	    sy_grow((void **)&a->sections, a->nsections, &a->capsections,
		    sizeof *a->sections))
		return -1;
	if (i == SY_ID_NONE) {
		a->sections[a->nsections++] = mini->sections[0];
		mini->nsections = 0;
		return 0;
	}
	/* the old one goes with MINI */
	tmp = a->sections[i];
	a->sections[i] = mini->sections[0];
	mini->sections[0] = tmp;
	return 0;
}

/* Put statistic S of a record (moved out of it: S is left zeroed, or
 * holding the old one, freed with the record) into A.  0, or -1 on OOM. */
static int put_stat(sy_annot *a, sy_stat *s)
{
	sy_stat tmp;
	size_t i = sy_item_index(a, true, s->id, NULL);

	if (i == SY_ID_NONE &&
	    sy_grow((void **)&a->stats, a->nstats, &a->capstats, sizeof *a->stats))
		return -1;
	if (i == SY_ID_NONE) {
		a->stats[a->nstats++] = *s;
		memset(s, 0, sizeof *s);
		return 0;
	}
	tmp = a->stats[i];
	a->stats[i] = *s;
	*s = tmp;
	return 0;
}

/* Remove the item named ID (a section "s..." or a statistic), if any. */
static void drop_item(sy_annot *a, const char *id)
{
	size_t i = sy_item_index(a, id[0] != 's', id, NULL);

	if (i != SY_ID_NONE && id[0] == 's')
		sy_annot_remove_section(a, i);
	else if (i != SY_ID_NONE)
		sy_annot_remove_stat(a, i);
}

/* Move A's next ids past ID ("s12", "n40"): an id a record names is
 * never handed out again. */
static void bump_id(sy_annot *a, const char *id)
{
	char *end;
	unsigned long v;

	if (!id || (id[0] != 's' && id[0] != 'n') || !id[1])
		return;
	v = strtoul(id + 1, &end, 10);
	if (*end || v >= 0xFFFFFFFFu)
		return;
	if (id[0] == 's' && a->next_section_id <= v)
		a->next_section_id = (unsigned)v + 1;
	if (id[0] == 'n' && a->next_stat_id <= v)
		a->next_stat_id = (unsigned)v + 1;
}

/* Swap the string *A with *B (moving MINI's value into the model; the
 * old one is freed with MINI) when *B is set. */
static void take_str(char **a, char **b)
{
	char *t;

	if (!*b)
		return;
	t = *a;
	*a = *b;
	*b = t;
}

sy_status sy_journal_apply(sy_annot *a, const char *jpath, const char *rec,
			   size_t len, size_t index, sy_error *err)
{
	sy_annot mini;
	sy_docfacts doc;
	const sy_node *del;
	sy_status st;
	int r = 0;

	st = sy_annot_parse(rec, len, jpath, &mini, err);
	if (st != SY_OK)
		return sy_prefix(err, "record %zu: ", index + 1);
	if (strcmp(mini.source.sha256, a->source.sha256) != 0) {
		sy_annot_free(&mini);
		return sy_fail(err, SY_ERR_FORMAT, "%s: record %zu is for another "
			       "version of the report (sha256 differs)", jpath,
			       index + 1);
	}
	if (mini.nsections == 1) {
		bump_id(a, mini.sections[0].id);
		r = put_section(a, &mini);
	}
	/* one statistic, or those whose section a section's change changed
	 * (sections_of.h) */
	for (size_t k = 0; !r && k < mini.nstats; k++) {
		bump_id(a, mini.stats[k].id);
		r = put_stat(a, &mini.stats[k]);
	}
	del = mini.review.extra ? sy_node_get(mini.review.extra, "journal-delete") : NULL;
	if (!r && del && del->kind == SY_NODE_SCALAR && del->scalar) {
		bump_id(a, del->scalar);
		drop_item(a, del->scalar);
	}
	if (!r) {
		/* the document facts as they were at this decision */
		doc = a->doc;
		a->doc = mini.doc;
		mini.doc = doc;
		take_str(&a->review.cursor, &mini.review.cursor);
		take_str(&a->review.reviewer, &mini.review.reviewer);
		take_str(&a->review.updated, &mini.review.updated);
		sy_annot_sort(a);
	}
	sy_annot_free(&mini);
	return r ? sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", jpath) : SY_OK;
}

sy_status sy_annot_check_spans(const sy_annot *a, const char *name,
			       const sy_source *src, sy_error *err)
{
	if (strcmp(a->source.sha256, src->sha256) != 0)
		return SY_OK;
	if (a->source.chars != src->chars)
		return sy_yaml_fail_at(err, name, a->source.chars_line,
				       a->source.chars_col, SY_ERR_FORMAT,
				       "source.chars is %zu, but the report %s "
				       "has %zu characters (its sha256 matches: "
				       "was chars edited by hand?)",
				       a->source.chars, src->path, src->chars);
	for (size_t i = 0; i < a->nsections + a->nstats; i++) {
		bool sec = i < a->nsections;
		const char *id = sec ? a->sections[i].id : a->stats[i - a->nsections].id;
		size_t end = sec ? a->sections[i].end : a->stats[i - a->nsections].end;
		if (end > src->chars)
			return sy_fail(err, SY_ERR_FORMAT, "%s: item %s ends at %zu, "
				       "beyond the end of the report %s (%zu "
				       "characters)", name, id, end, src->path,
				       src->chars);
	}
	return SY_OK;
}

typedef struct apply_ctx {
	sy_annot *a;
	const char *jpath;
} apply_ctx;

static sy_status apply_record(void *ctx, const char *rec, size_t len,
			      size_t index, sy_error *err)
{
	apply_ctx *c = ctx;

	return sy_journal_apply(c->a, c->jpath, rec, len, index, err);
}

sy_status sy_journal_replay(sy_annot *a, const char *jpath, size_t *n,
			     bool *exists, sy_error *err)
{
	apply_ctx ctx = { a, jpath };

	return sy_journal_read(jpath, apply_record, &ctx, n, exists, err);
}

sy_status sy_annot_load_current(const char *path, sy_annot *a,
				size_t *replayed, sy_error *err)
{
	char *jpath = sy_journal_path(path);
	bool exists = false;
	size_t n = 0;
	sy_status st;

	if (replayed)
		*replayed = 0;
	sy_annot_init(a);
	if (!jpath)
		return sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", path);
	st = sy_annot_load(path, a, err);
	if (st == SY_OK) {
		st = sy_journal_replay(a, jpath, &n, &exists, err);
		if (st == SY_ERR_NOMEM)
			;
		else if (st != SY_OK)
			sy_prefix(err, "%s: its journal holds decisions that cannot "
				  "be read (open the report with shenyue review "
				  "to recover them): ", path);
	}
	free(jpath);
	if (st != SY_OK) {
		sy_annot_free(a);
		return st;
	}
	if (replayed)
		*replayed = n;
	return SY_OK;
}
