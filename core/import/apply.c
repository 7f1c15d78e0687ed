/* apply.c - one document of predictions into its report's annotation
 * file (apply.h). */
#include "import/import_priv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/atomic.h"
#include "base/i18n.h"
#include "extract/document.h"
#include "extract/extract.h"
#include "extract/sections_of.h"
#include "format/annot_io.h"
#include "format/paths.h"
#include "format/provenance.h"
#include "format/yaml_style.h"
#include "model/item.h"
#include "model/schema.h"
#include "session/journal.h"
#include "session/lock.h"
#include "text/textmap.h"

sy_importer *sy_import_new(const sy_import_opts *opts)
{
	sy_importer *imp = calloc(1, sizeof *imp);
	if (imp)
		imp->o = *opts;
	return imp;
}

void sy_import_free(sy_importer *imp)
{
	if (!imp)
		return;
	for (size_t i = 0; i < imp->nreports; i++)
		free(imp->reports[i]);
	free(imp->reports);
	sy_import_table_free(&imp->index);
	free(imp);
}

const sy_import_counts *sy_import_counts_of(const sy_importer *imp)
{
	return &imp->c;
}

/* ------------------------------------------------------------ matching */

/* The report of DOC, or SY_NO_REPORT with ERR saying why.  *SAME: the
 * text DOC carries is the report's. */
static size_t find_report(const sy_importer *imp, const sy_pred_doc *doc,
			  bool *same, sy_error *err)
{
	char key[80], *stem;
	bool amb = false, amb2 = false;
	size_t r = SY_NO_REPORT;

	*same = false;
	if (doc->text) {
		key[0] = 't';
		sy_import_text_sha(doc->text, doc->text_len, key + 1);
		if ((r = sy_import_table_get(&imp->index, key, &amb)) != SY_NO_REPORT) {
			*same = true;
			return r;
		}
	}
	if (doc->sha256 && strlen(doc->sha256) == 64) {
		snprintf(key, sizeof key, "b%s", doc->sha256);
		if ((r = sy_import_table_get(&imp->index, key, &amb)) != SY_NO_REPORT)
			return r;
	}
	for (int k = 0; k < 2 && r == SY_NO_REPORT; k++) {
		const char *name = k ? doc->path : doc->id;
		char *sk;
		if (!name || !*name || !(stem = sy_import_stem(name)))
			continue;
		sk = malloc(strlen(stem) + 2);
		if (sk) {
			sk[0] = 's';
			strcpy(sk + 1, stem);
			r = sy_import_table_get(&imp->index, sk, &amb2);
			amb = amb || amb2;
		}
		free(sk);
		free(stem);
	}
	if (r == SY_NO_REPORT)
		sy_fail(err, SY_ERR_FORMAT,
			amb ? _("%s:%zu: more than one report given matches this "
				"prediction (id %s, path %s); give only one")
			    : _("%s:%zu: no report given matches this prediction "
				"(id %s, path %s, nor the sha256 of its text)"),
			doc->input, doc->line, doc->id ? doc->id : "-",
			doc->path ? doc->path : "-");
	return r;
}

/* ------------------------------------------------------------ checking */

/* The byte offset of code point CP in the UTF-8 TEXT[0..LEN), walking
 * from the cursor (*AT_CP, *AT_B): linear over items in order.  False
 * when TEXT is shorter. */
static bool byte_of(const char *text, size_t len, size_t cp, size_t *at_cp,
		    size_t *at_b, size_t *out)
{
	if (cp < *at_cp) {
		*at_cp = 0;
		*at_b = 0;
	}
	while (*at_cp < cp) {
		if (*at_b >= len)
			return false;
		(*at_b)++;
		while (*at_b < len && ((unsigned char)text[*at_b] & 0xC0) == 0x80)
			(*at_b)++;
		(*at_cp)++;
	}
	*out = *at_b;
	return true;
}

/* "label K" or the item's id, for messages. */
static const char *item_name(const sy_pred_doc *doc, size_t k, char *buf,
			     size_t n)
{
	const sy_pred_item *it = &doc->items[k];
	if (it->id)
		snprintf(buf, n, _("item %s"), it->id);
	else
		snprintf(buf, n, _("label %zu"), k + 1);
	return buf;
}

/* Every span of DOC fits the report SRC (mapped by M) and holds the text
 * stated for it, or the text DOC carries there (unless SAME). */
static sy_status check_spans(const sy_pred_doc *doc, const sy_source *src,
			     const sy_textmap *m, bool same, const char *annot,
			     sy_error *err)
{
	size_t cp = 0, b = 0;
	char nm[96];

	for (size_t k = 0; k < doc->n; k++) {
		const sy_pred_item *it = &doc->items[k];
		size_t line = it->line ? it->line : doc->line;
		size_t b0, b1, d0, d1;
		const char *want;
		size_t wlen;

		if (it->end > src->chars || it->start > it->end)
			return sy_fail(err, SY_ERR_FORMAT,
				       _("%s:%zu: %s: the span %zu-%zu is outside "
					 "the report %s (%zu characters); this "
					 "prediction (line %zu) is not applied to %s"),
				       doc->input, line, item_name(doc, k, nm, sizeof nm),
				       it->start, it->end, src->path, src->chars,
				       doc->line, annot);
		b0 = sy_textmap_byte_of(m, it->start);
		b1 = sy_textmap_byte_of(m, it->end);
		if (it->text) {
			want = it->text;
			wlen = strlen(want);
		} else if (doc->text && !same) {
			if (!byte_of(doc->text, doc->text_len, it->start, &cp, &b, &d0) ||
			    !byte_of(doc->text, doc->text_len, it->end, &cp, &b, &d1))
				return sy_fail(err, SY_ERR_FORMAT,
					       _("%s:%zu: %s: the span %zu-%zu is "
						 "outside the text given; this "
						 "prediction (line %zu) is not "
						 "applied to %s"),
					       doc->input, line,
					       item_name(doc, k, nm, sizeof nm),
					       it->start, it->end, doc->line, annot);
			want = doc->text + d0;
			wlen = d1 - d0;
		} else {
			continue;
		}
		if (wlen != b1 - b0 || memcmp(want, src->text + b0, wlen))
			return sy_fail(err, SY_ERR_FORMAT,
				       _("%s:%zu: %s: the span %zu-%zu holds \"%.*s\" "
					 "in the report %s, not \"%.*s\"; this "
					 "prediction (line %zu) is not applied "
					 "to %s"),
				       doc->input, line, item_name(doc, k, nm, sizeof nm),
				       it->start, it->end, (int)(b1 - b0),
				       src->text + b0, src->path, (int)wlen, want,
				       doc->line, annot);
	}
	return SY_OK;
}

/* ------------------------------------------------------------ applying */

/* MAP[KEY] = V, *MAP made when NULL (V taken).  0, or -1 on OOM. */
static int put(sy_node **map, const char *key, sy_node *v)
{
	if (!v)
		return -1;
	if (!*map && !(*map = sy_node_map())) {
		sy_node_free(v);
		return -1;
	}
	return sy_node_put(*map, key, v);
}

/* The fields of IT that differ from the statistic S, as a mapping (into
 * *DIFF, NULL when none).  0, or -1 on OOM. */
static int stat_diff(const sy_stat *s, const sy_pred_item *it, sy_node **diff)
{
	const char *const *k = sy_stat_keys;
	int rc = 0;

	if (it->value_given && !sy_num_eq(s->value, s->has_value, it->value, it->has_value))
		rc |= put(diff, k[SY_STAT_VALUE], sy_yaml_num_node(it->value, it->has_value));
	if (it->unit_given && !sy_str_eq(s->unit, it->unit))
		rc |= put(diff, k[SY_STAT_UNIT], sy_yaml_str_node(it->unit));
	if (it->approx_given && s->approx != it->approx)
		rc |= put(diff, k[SY_STAT_APPROX], sy_yaml_str_node(sy_approx_name(it->approx)));
	if (it->value_max_given &&
	    !sy_num_eq(s->value_max, s->has_value_max, it->value_max, it->has_value_max))
		rc |= put(diff, k[SY_STAT_VALUE_MAX],
			  sy_yaml_num_node(it->value_max, it->has_value_max));
	if (it->subject_given && !sy_str_eq(s->subject, it->subject))
		rc |= put(diff, k[SY_STAT_SUBJECT], sy_yaml_str_node(it->subject));
	return rc ? -1 : 0;
}

static int section_diff(const sy_section *s, const sy_pred_item *it,
			sy_node **diff)
{
	const char *const *k = sy_section_keys;
	int rc = 0;

	if (it->level_given && it->level != s->level)
		rc |= put(diff, k[SY_SEC_LEVEL], sy_yaml_num_node(it->level, true));
	if (it->marker && strcmp(it->marker, s->marker ? s->marker : ""))
		rc |= put(diff, k[SY_SEC_MARKER], sy_yaml_str_node(it->marker));
	if (it->title && strcmp(it->title, s->title ? s->title : ""))
		rc |= put(diff, k[SY_SEC_TITLE], sy_yaml_str_node(it->title));
	return rc ? -1 : 0;
}

/* The given fields of IT into the statistic S or the section C (one of
 * them NULL).  0, or -1 on OOM. */
static int take_fields(sy_stat *s, sy_section *c, const sy_pred_item *it)
{
	if (c) {
		if (it->level_given)
			c->level = it->level;
		return (it->marker && sy_set_str(&c->marker, it->marker)) ||
		       (it->title && sy_set_str(&c->title, it->title)) ? -1 : 0;
	}
	if (it->value_given) {
		s->value = it->value;
		s->has_value = it->has_value;
	}
	if (it->value_max_given) {
		s->value_max = it->value_max;
		s->has_value_max = it->has_value_max;
	}
	if (it->approx_given)
		s->approx = it->approx;
	return (it->unit_given && sy_set_str(&s->unit, it->unit)) ||
	       (it->subject_given && sy_set_str(&s->subject, it->subject)) ? -1 : 0;
}

/* The source's proposal IT for the statistic S or the section C (one of
 * them NULL), whose differing fields are DIFF (taken).  A pending item
 * the source alone proposed (its own earlier import) takes the new
 * fields; a pending item with no `by` (a file of an older extract) was
 * proposed by extract's rules, which `by` then says first. */
static int join(sy_importer *imp, sy_stat *s, sy_section *c,
		const sy_pred_item *it, sy_node *diff)
{
	sy_review *r = s ? &s->r : &c->r;

	if (r->status == SY_PENDING && diff && sy_prov_count(r) == 1 &&
	    sy_prov_has(r, imp->o.source, NULL, NULL)) {
		sy_node_free(diff);
		diff = NULL;
		if (take_fields(s, c, it))
			return -1;
	}
	if (r->status == SY_PENDING) {
		if ((!sy_prov_count(r) && sy_prov_set(r, SY_SOURCE_SELF, 0, false)) ||
		    sy_prov_set(r, imp->o.source, it->score, it->has_score)) {
			sy_node_free(diff);
			return -1;
		}
		imp->c.joined++;
	}
	if (diff)
		imp->c.disagreed++;
	return sy_prov_disagree(r, imp->o.source, diff);
}

/* The item of kind STATS with span START-END: among the first N (sorted)
 * by bisection, then among those appended since; SIZE_MAX when none. */
static size_t find_span(const sy_annot *a, bool stats, size_t n, size_t start,
			size_t end)
{
	size_t total = stats ? a->nstats : a->nsections, lo = 0, hi = n;
#define SPAN_AT(i, S, E) do { if (stats) { S = a->stats[i].start; E = a->stats[i].end; } \
	else { S = a->sections[i].start; E = a->sections[i].end; } } while (0)
	size_t s, e;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		SPAN_AT(mid, s, e);
		if (s < start || (s == start && e < end))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < n) {
		SPAN_AT(lo, s, e);
		if (s == start && e == end)
			return lo;
	}
	for (size_t i = n; i < total; i++) {
		SPAN_AT(i, s, e);
		if (s == start && e == end)
			return i;
	}
#undef SPAN_AT
	return SIZE_MAX;
}

/* A copy of the report's text at START-END (M maps it). */
static char *span_text(const sy_textmap *m, size_t start, size_t end)
{
	size_t b0 = sy_textmap_byte_of(m, start), b1 = sy_textmap_byte_of(m, end);
	return strndup(m->text + b0, b1 - b0);
}

static int new_section(sy_importer *imp, sy_annot *a, const sy_textmap *m,
		       const sy_pred_item *it)
{
	sy_section *s = sy_annot_add_section(a);

	if (!s)
		return -1;
	s->start = it->start;
	s->end = it->end;
	s->level = it->level_given ? it->level : 1;
	s->marker = strdup(it->marker ? it->marker : "");
	s->title = it->title ? strdup(it->title) : span_text(m, it->start, it->end);
	s->r.status = SY_PENDING;
	imp->c.added++;
	if (!s->marker || !s->title)
		return -1;
	return sy_prov_set(&s->r, imp->o.source, it->score, it->has_score);
}

static int new_stat(sy_importer *imp, sy_annot *a, const sy_textmap *m,
		    const sy_pred_item *it)
{
	const char *sec = sy_section_holding(a, it->start);
	sy_stat *s = sy_annot_add_stat(a);

	if (!s)
		return -1;
	s->start = it->start;
	s->end = it->end;
	s->text = span_text(m, it->start, it->end);
	s->value = it->value;
	s->has_value = it->value_given && it->has_value;
	s->approx = it->approx_given ? it->approx : SY_APPROX_NONE;
	s->value_max = it->value_max;
	s->has_value_max = it->value_max_given && it->has_value_max;
	s->r.status = SY_PENDING;
	imp->c.added++;
	if (!s->text || sy_set_str(&s->unit, it->unit_given ? it->unit : NULL) ||
	    sy_set_str(&s->subject, it->subject_given ? it->subject : NULL) ||
	    sy_set_str(&s->section, sec))
		return -1;
	return sy_prov_set(&s->r, imp->o.source, it->score, it->has_score);
}

/* Every item of DOC of the one KIND into A. */
static int apply_kind(sy_importer *imp, sy_annot *a, const sy_textmap *m,
		      const sy_pred_doc *doc, sy_pred_kind kind)
{
	bool stats = kind == SY_PRED_STAT;
	size_t n = stats ? a->nstats : a->nsections;

	for (size_t k = 0; k < doc->n; k++) {
		const sy_pred_item *it = &doc->items[k];
		sy_node *diff = NULL;
		size_t i;

		if (it->kind != kind)
			continue;
		i = find_span(a, stats, n, it->start, it->end);
		if (i == SIZE_MAX) {
			if ((stats ? new_stat : new_section)(imp, a, m, it))
				return -1;
			continue;
		}
		if ((stats ? stat_diff(&a->stats[i], it, &diff)
			   : section_diff(&a->sections[i], it, &diff)) ||
		    join(imp, stats ? &a->stats[i] : NULL, stats ? NULL : &a->sections[i],
			 it, diff))
			return -1;
	}
	sy_annot_sort(a);
	return 0;
}

static int apply_all(sy_importer *imp, sy_annot *a, const sy_textmap *m,
		     const sy_pred_doc *doc)
{
	/* sections first: a new statistic's section is then known */
	if (apply_kind(imp, a, m, doc, SY_PRED_SECTION) ||
	    apply_kind(imp, a, m, doc, SY_PRED_STAT) ||
	    sy_prov_proposer(a, imp->o.source, "format", doc->format))
		return -1;
	if (doc->model_version &&
	    sy_prov_proposer(a, imp->o.source, "model_version", doc->model_version))
		return -1;
	return 0;
}

/* ------------------------------------------------------------ one file */

/* The annotation file of SRC, read (its bytes in *OLD) or made by the
 * extractor (*OLD NULL), into A. */
static sy_status annot_of(const sy_source *src, const char *out, sy_annot *a,
			  unsigned char **old, size_t *oldlen, sy_error *err)
{
	struct stat sb;
	sy_status st;
	char *j = sy_journal_path(out);
	bool journal = j && stat(j, &sb) == 0;

	free(j);
	if (journal)
		return sy_fail(err, SY_ERR_EXISTS,
			       _("%s.journal holds review decisions not yet written "
				 "to %s: open it with shenyue review to finish them, "
				 "then import"), out, out);
	if (stat(out, &sb) == 0) {
		if ((st = sy_read_file(out, old, oldlen, err)) != SY_OK ||
		    (st = sy_annot_parse((const char *)*old, *oldlen, out, a, err)) != SY_OK)
			return st;
		if (strcmp(a->source.sha256, src->sha256))
			return sy_fail(err, SY_ERR_FORMAT,
				       _("%s was made for another version of the "
					 "report %s: open it with shenyue review "
					 "(which finds its items again), then import"),
				       out, src->path);
		return SY_OK;
	}
	if (errno != ENOENT)
		return sy_fail(err, SY_ERR_IO, "%s: %s", out, strerror(errno));
	if ((st = sy_extract(src, a, err)) != SY_OK)
		return st;
	{
		char *rel = sy_source_path_for(src->path, out);
		if (!rel)
			return sy_fail(err, SY_ERR_NOMEM, _("out of memory"));
		free(a->source.path);
		a->source.path = rel;
	}
	return SY_OK;
}

/* OUT holds OLD[0..OLDLEN) still (or is still missing, OLD NULL), and
 * has no journal: else SY_ERR_EXISTS, nothing to write over. */
static sy_status still_as_read(const char *out, const unsigned char *old,
			       size_t oldlen, sy_error *err)
{
	unsigned char *now = NULL;
	size_t len = 0;
	struct stat sb;
	char *j = sy_journal_path(out);
	bool journal = j && stat(j, &sb) == 0;
	bool same;
	sy_error e;

	free(j);
	if (!old)
		same = stat(out, &sb) != 0 && errno == ENOENT;
	else
		same = sy_read_file(out, &now, &len, &e) == SY_OK && len == oldlen &&
		       !memcmp(now, old, len);
	free(now);
	if (journal || !same)
		return sy_fail(err, SY_ERR_EXISTS,
			       _("%s changed while it was being imported into; "
				 "not written: import again"), out);
	return SY_OK;
}

/* DOC into the annotation file of the report PATH. */
static sy_status import_into(sy_importer *imp, const sy_pred_doc *doc,
			     const char *path, bool same, sy_error *err)
{
	sy_docload dl = { NULL, !imp->o.dry_run, false };
	sy_source src;
	sy_annot a;
	sy_textmap m;
	sy_lock lock = { 0 };
	unsigned char *old = NULL;
	size_t oldlen = 0, outlen = 0;
	char *out = NULL, *buf = NULL;
	sy_status st;

	memset(&m, 0, sizeof m);
	sy_annot_init(&a);
	if ((st = sy_document_load(path, &dl, &src, err)) != SY_OK)
		return st;
	if (!(out = sy_annot_path_for(src.path, NULL))) {
		st = sy_fail(err, SY_ERR_NOMEM, _("out of memory"));
		goto done;
	}
	/* read and apply without the lock: a file whose bytes stay as they
	 * are is not written, and costs no lock (whose record is synced) */
	if ((st = annot_of(&src, out, &a, &old, &oldlen, err)) != SY_OK)
		goto done;
	if (sy_textmap_build(&m, src.text, src.len, src.chars)) {
		st = sy_fail(err, SY_ERR_NOMEM, _("out of memory"));
		goto done;
	}
	if ((st = check_spans(doc, &src, &m, same, out, err)) != SY_OK)
		goto done;
	if (apply_all(imp, &a, &m, doc)) {
		st = sy_fail(err, SY_ERR_NOMEM, _("out of memory"));
		goto done;
	}
	if ((st = sy_annot_emit(&a, &buf, &outlen, err)) != SY_OK)
		goto done;
	if (old && outlen == oldlen && !memcmp(buf, old, outlen)) {
		imp->c.unchanged++;
		goto done;
	}
	if (!imp->o.dry_run) {
		/* under the lock, the file must still be what was read */
		if ((st = sy_lock_acquire(out, NULL, imp->o.break_lock ? SY_LOCK_BREAK
									 : SY_LOCK_NORMAL,
					  &lock, NULL, NULL, err)) != SY_OK ||
		    (st = still_as_read(out, old, oldlen, err)) != SY_OK ||
		    (st = sy_write_atomic(out, buf, outlen, err)) != SY_OK)
			goto done;
	}
	imp->c.written++;
	if (!old)
		imp->c.extracted++;
done:
	sy_lock_release(&lock);
	sy_textmap_free(&m);
	sy_annot_free(&a);
	sy_source_free(&src);
	free(buf);
	free(old);
	free(out);
	return st;
}

sy_status sy_import_doc(void *ctx, const sy_pred_doc *doc, sy_error *err)
{
	sy_importer *imp = ctx;
	sy_import_counts before = imp->c;
	sy_error e;
	sy_status st;
	bool same;
	size_t r;

	imp->c.docs++;
	r = find_report(imp, doc, &same, &e);
	st = r == SY_NO_REPORT ? e.code
			       : import_into(imp, doc, imp->reports[r], same, &e);
	if (st == SY_OK)
		return SY_OK;
	if (st == SY_ERR_NOMEM) {
		*err = e;
		return st;
	}
	/* refused: what was counted for it is not done */
	before.docs = imp->c.docs;
	imp->c = before;
	imp->c.refused++;
	if (imp->o.warn)
		imp->o.warn(imp->o.warn_ctx, e.msg);
	return SY_OK;
}
