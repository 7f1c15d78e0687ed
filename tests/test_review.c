/* test_review.c - reviewing a report: every command changes the model and
 * the file on disk at once, `proposed` keeps the extractor's values, undo
 * and redo restore exact states, a failed save loses nothing, a file that
 * cannot be read is never overwritten.
 *
 * Works in a fresh folder made with mkdtemp, on a small report written
 * for this test.  After each command the annotation file is read back
 * with sy_annot_load and checked there, not only in memory.
 */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "format/annot_io.h"
#include "model/annot_limits.h"
#include "session/review.h"
#include "tap.h"
#include "testfs.h"
#include "testmodel.h"

/* The report (testutil.h). */
static const char report_text[] = BAIXI_REPORT_TEXT;

/* ------------------------------------------------------------ helpers */

/* Code point span of the first occurrence of NEEDLE in the report. */
static void span_of(const char *needle, size_t *start, size_t *end)
{
	text_span_of(report_text, needle, start, end);
}

static size_t stat_index(const sy_file *f, const char *id)
{
	return model_ref(f, id).index;
}

/* The file on disk as YAML with review.updated and review.next-ids
 * cleared (the fields that change on saves without a decision: the time,
 * and the ids spent even by an add that was undone): new string, NULL
 * when unreadable. */
static char *canon(const sy_file *f)
{
	sy_annot a;
	sy_error e;
	char *out = NULL;
	size_t n;

	if (sy_annot_load(f->annot_path, &a, &e) != SY_OK)
		return NULL;
	free(a.review.updated);
	a.review.updated = NULL;
	sy_node_free(a.review.extra);
	a.review.extra = NULL;
	if (sy_annot_emit(&a, &out, &n, &e) != SY_OK)
		out = NULL;
	sy_annot_free(&a);
	return out;
}

/* Does MSG hold NAME:LINE:COLUMN: ? */
static bool has_line_col(const char *msg, const char *name)
{
	const char *p = strstr(msg, name);
	unsigned line, col;
	char colon;

	return p && sscanf(p + strlen(name), ":%u:%u%c", &line, &col, &colon) == 3 &&
	       colon == ':' && line > 0 && col > 0;
}

/* The scalar text of KEY in a `proposed` mapping, NULL when absent. */
static const char *prop(const sy_node *m, const char *key)
{
	const sy_node *n = sy_node_get(m, key);
	return n && n->kind == SY_NODE_SCALAR ? n->scalar : NULL;
}

static bool prop_quoted(const sy_node *m, const char *key)
{
	const sy_node *n = sy_node_get(m, key);
	return n && n->quoted;
}

/* ------------------------------------------------------------ opening */

static void test_open(const char *report, sy_file *f)
{
	sy_error e = { 0 };
	sy_annot a;
	size_t done, total;
	char *yaml = path_in("qs.yaml");
	struct stat sb;

	sy_annot_init(&a);
	ok(stat(yaml, &sb) != 0, "no annotation file before opening");
	ok(sy_file_open(f, report, "tester", &e) == SY_OK, "open a new report: %s",
	   e.msg);
	is_str(f->annot_path, yaml, "annotation path is NAME.yaml beside NAME.txt");
	ok(f->created && f->saved, "created by extraction, saved");
	ok(model_reload(f->annot_path, &a), "the new file parses");
	ok(!sy_annot_has_reviewed(&a), "everything pending in the new file");
	is_str(a.source.path, "qs.txt", "source.path relative to the file's folder");
	ok(a.nsections == 6 && a.nstats == 9, "6 sections and 9 statistics (%zu, %zu)",
	   a.nsections, a.nstats);
	is_str(a.review.reviewer, "tester", "reviewer recorded");
	ok(a.review.updated && strlen(a.review.updated) == 20 &&
	   a.review.updated[19] == 'Z', "updated is UTC (%s)",
	   a.review.updated ? a.review.updated : "null");
	sy_file_progress(f, &done, &total);
	ok(done == 0 && total == 16 && sy_file_item_count(f) == 16,
	   "progress 0/16 (%zu/%zu)", done, total);

	sy_file_close(f);
	ok(sy_file_open(f, report, NULL, &e) == SY_OK && !f->created && f->saved,
	   "reopen loads the existing file (created=false)");
	ok(f->annot.nstats == 9 && f->nundo == 0, "same items, empty history");
	ok(sy_review_undo(f, NULL, &e) == SY_ERR_USAGE &&
	   strstr(e.msg, "nothing to undo"), "undo with nothing to undo: %s", e.msg);
	ok(sy_review_redo(f, NULL, &e) == SY_ERR_USAGE, "redo with nothing to redo");
	sy_file_close(f);
	ok(sy_file_open(f, report, "tester", &e) == SY_OK, "open again as tester");

	sy_annot_free(&a);
	free(yaml);
}

/* ------------------------------------------------------------ decisions */

static void test_accept_reject(sy_file *f)
{
	sy_error e;
	sy_annot a;
	size_t done, total;

	sy_annot_init(&a);
	ok(sy_review_accept(f, model_ref(f, "n1"), &e) == SY_OK, "accept n1");
	ok(sy_item_status(f, model_ref(f, "n1")) == SY_ACCEPTED, "n1 accepted in memory");
	ok(model_reload(f->annot_path, &a) && stat_by_id(&a, "n1")->r.status == SY_ACCEPTED,
	   "n1 accepted on disk");
	ok(sy_review_reject(f, model_ref(f, "n7"), &e) == SY_OK, "reject n7");
	ok(model_reload(f->annot_path, &a) && stat_by_id(&a, "n7")->r.status == SY_REJECTED &&
	   !stat_by_id(&a, "n7")->r.proposed, "n7 rejected on disk, no proposed");
	ok(sy_review_accept(f, model_ref(f, "document"), &e) == SY_OK &&
	   model_reload(f->annot_path, &a) && a.doc.status == SY_ACCEPTED, "accept the document");
	ok(sy_review_reject(f, model_ref(f, "document"), &e) == SY_ERR_USAGE,
	   "the document cannot be rejected");
	ok(sy_review_accept(f, (sy_item_ref){ SY_ITEM_STAT, 99 }, &e) == SY_ERR_USAGE,
	   "no such item: %s", e.msg);
	sy_file_progress(f, &done, &total);
	ok(done == 3 && total == 16, "progress 3/16 (%zu/%zu)", done, total);
	sy_annot_free(&a);
}

static void test_fix_stat(sy_file *f)
{
	sy_error e;
	sy_annot a;
	sy_stat nf;
	const sy_stat *s = NULL;
	size_t i = stat_index(f, "n4");

	sy_annot_init(&a);
	nf = f->annot.stats[i];       /* shallow: only its fields are read */
	nf.value = 32;
	ok(sy_review_fix_stat(f, i, &nf, &e) == SY_OK, "fix n4 value 23 -> 32");
	ok(model_reload(f->annot_path, &a) && (s = stat_by_id(&a, "n4")) && s->value == 32 &&
	   s->r.status == SY_FIXED, "n4 fixed on disk with value 32");
	ok(s && s->r.proposed && s->r.proposed->n == 1 &&
	   !strcmp(prop(s->r.proposed, "value"), "23") &&
	   !prop_quoted(s->r.proposed, "value"),
	   "proposed holds only value: 23, unquoted");

	i = stat_index(f, "n4");
	nf = f->annot.stats[i];
	nf.value = 33;
	nf.unit = "件";
	sy_review_fix_stat(f, i, &nf, &e);
	ok(model_reload(f->annot_path, &a) && (s = stat_by_id(&a, "n4")) &&
	   s->r.proposed->n == 2 && !strcmp(prop(s->r.proposed, "value"), "23") &&
	   !strcmp(prop(s->r.proposed, "unit"), "宗"),
	   "second fix: proposed keeps the extractor's value 23, adds unit 宗");

	i = stat_index(f, "n4");
	nf = f->annot.stats[i];
	nf.value = 23;
	sy_review_fix_stat(f, i, &nf, &e);
	ok(model_reload(f->annot_path, &a) && (s = stat_by_id(&a, "n4")) &&
	   s->r.proposed->n == 1 && !prop(s->r.proposed, "value") &&
	   s->r.status == SY_FIXED, "value back to 23 leaves proposed; still fixed");

	i = stat_index(f, "n4");
	nf = f->annot.stats[i];
	nf.unit = "宗";
	sy_review_fix_stat(f, i, &nf, &e);
	ok(model_reload(f->annot_path, &a) && (s = stat_by_id(&a, "n4")) && !s->r.proposed &&
	   s->r.status == SY_ACCEPTED, "all back as proposed: no proposed, accepted");

	i = stat_index(f, "n5");
	nf = f->annot.stats[i];
	nf.has_value = false;
	nf.approx = SY_APPROX_NONE;
	nf.subject = NULL;
	sy_review_fix_stat(f, i, &nf, &e);
	ok(model_reload(f->annot_path, &a) && (s = stat_by_id(&a, "n5")) && !s->has_value &&
	   !s->subject && s->approx == SY_APPROX_NONE, "n5: value, approx, subject null");
	ok(s && !strcmp(prop(s->r.proposed, "value"), "450000") &&
	   !strcmp(prop(s->r.proposed, "approx"), "about") &&
	   !strcmp(prop(s->r.proposed, "subject"), "收缴罚款") &&
	   !strcmp(s->r.proposed->keys[0], "value") &&
	   !strcmp(s->r.proposed->keys[2], "subject"),
	   "n5 proposed: value 450000, approx about, subject, in format order");

	i = stat_index(f, "n7");        /* rejected earlier */
	nf = f->annot.stats[i];
	nf.subject = "村";
	sy_review_fix_stat(f, i, &nf, &e);
	ok(model_reload(f->annot_path, &a) && (s = stat_by_id(&a, "n7")) && s->r.status == SY_FIXED &&
	   !strcmp(prop(s->r.proposed, "subject"), "全乡仍"),
	   "fixing a rejected statistic: fixed, proposed subject 全乡仍");
	ok(sy_review_reject(f, model_ref(f, "n7"), &e) == SY_OK && model_reload(f->annot_path, &a) &&
	   (s = stat_by_id(&a, "n7")) && s->r.status == SY_REJECTED &&
	   s->r.proposed && !strcmp(prop(s->r.proposed, "subject"), "全乡仍"),
	   "reject keeps proposed");
	ok(sy_review_accept(f, model_ref(f, "n7"), &e) == SY_OK &&
	   sy_item_status(f, model_ref(f, "n7")) == SY_FIXED,
	   "accepting an item with proposed makes it fixed");

	i = stat_index(f, "n2");
	nf = f->annot.stats[i];
	ok(sy_review_fix_stat(f, i, &nf, &e) == SY_OK &&
	   sy_item_status(f, model_ref(f, "n2")) == SY_PENDING &&
	   !f->annot.stats[stat_index(f, "n2")].r.proposed,
	   "a fix that changes nothing leaves the item pending");
	ok(sy_review_fix_stat(f, 99, &nf, &e) == SY_ERR_USAGE, "fix of no statistic");
	sy_annot_free(&a);
}

static void test_fix_section_document(sy_file *f)
{
	sy_error e;
	sy_annot a;
	const sy_section *s;
	sy_docfacts d;

	sy_annot_init(&a);
	ok(sy_review_fix_section(f, model_ref(f, "s1").index, 1, "一、", "主要工作情况",
			      &e) == SY_OK, "fix s1's title");
	ok(model_reload(f->annot_path, &a) && (s = sec_by_id(&a, "s1")) &&
	   !strcmp(s->title, "主要工作情况") && s->r.status == SY_FIXED &&
	   s->r.proposed->n == 1 && !strcmp(prop(s->r.proposed, "title"), "主要工作"),
	   "s1 fixed on disk, proposed title 主要工作");
	sy_review_fix_section(f, model_ref(f, "s6").index, 2, "三、", "下一步打算", &e);
	ok(model_reload(f->annot_path, &a) && (s = sec_by_id(&a, "s6")) && s->level == 2 &&
	   s->r.proposed->n == 1 && !strcmp(prop(s->r.proposed, "level"), "1") &&
	   !prop_quoted(s->r.proposed, "level"), "s6 level 1 -> 2, proposed level 1");
	ok(sy_review_fix_section(f, 0, 0, "一、", "x", &e) == SY_ERR_USAGE,
	   "level 0 refused");

	d = f->annot.doc;                 /* shallow */
	d.region = "柏溪";
	d.date = "2022-12-21";
	ok(sy_review_fix_document(f, &d, &e) == SY_OK, "fix the document facts");
	ok(model_reload(f->annot_path, &a) && !strcmp(a.doc.region, "柏溪") &&
	   a.doc.status == SY_FIXED, "document fixed on disk");
	ok(!strcmp(prop(sy_node_get(a.doc.extra, "proposed"), "region"), "柏溪乡") &&
	   !strcmp(prop(sy_node_get(a.doc.extra, "proposed"), "date"), "2022-12-20") &&
	   prop_quoted(sy_node_get(a.doc.extra, "proposed"), "date"),
	   "document proposed: region 柏溪乡, date quoted");
	d = f->annot.doc;
	d.region = "柏溪乡";
	d.date = "2022-12-20";
	sy_review_fix_document(f, &d, &e);
	ok(model_reload(f->annot_path, &a) && !sy_node_get(a.doc.extra, "proposed") &&
	   a.doc.status == SY_ACCEPTED, "document back as proposed: accepted");
	sy_annot_free(&a);
}

static void test_move_tag_note(sy_file *f)
{
	sy_error e;
	sy_annot a;
	const sy_stat *s;
	const sy_section *sec;
	size_t st, en;
	char num[32];

	sy_annot_init(&a);
	span_of("120余次", &st, &en);
	snprintf(num, sizeof num, "%zu", en);
	ok(sy_review_move_span(f, model_ref(f, "n3"), 0, 1, &e) == SY_OK,
	   "move n3's end one right");
	ok(model_reload(f->annot_path, &a) && (s = stat_by_id(&a, "n3")) &&
	   !strcmp(s->text, "120余次，") && s->r.status == SY_FIXED &&
	   s->end == en + 1 && !strcmp(prop(s->r.proposed, "end"), num) &&
	   !strcmp(prop(s->r.proposed, "text"), "120余次") &&
	   !prop(s->r.proposed, "start"), "n3 text follows its span; proposed end, text");
	sy_review_move_span(f, model_ref(f, "n3"), 0, -1, &e);
	ok(model_reload(f->annot_path, &a) && (s = stat_by_id(&a, "n3")) && !s->r.proposed &&
	   s->r.status == SY_ACCEPTED && !strcmp(s->text, "120余次"),
	   "moved back: accepted, no proposed");
	ok(sy_review_move_span(f, model_ref(f, "n6"), -2, -1, &e) == SY_OK &&
	   model_reload(f->annot_path, &a) && (s = stat_by_id(&a, "n6")) && !strcmp(s->text, "建议8"),
	   "move both ends left (8件 -> 建议8)");
	ok(sy_review_move_span(f, model_ref(f, "n6"), 1, -1, &e) == SY_OK &&
	   sy_review_move_span(f, model_ref(f, "n6"), 1, 0, &e) == SY_ERR_USAGE,
	   "a move that would empty the span is refused: %s", e.msg);
	span_of("一、主要工作", &st, &en);
	snprintf(num, sizeof num, "%zu", en);
	ok(sy_review_move_span(f, model_ref(f, "s1"), 0, 1, &e) == SY_OK &&
	   model_reload(f->annot_path, &a) && (sec = sec_by_id(&a, "s1")) && sec->end == en + 1 &&
	   !strcmp(prop(sec->r.proposed, "end"), num) &&
	   !strcmp(prop(sec->r.proposed, "title"), "主要工作"),
	   "move a section's end: proposed end added to title");
	ok(sy_review_move_span(f, model_ref(f, "document"), 1, 1, &e) == SY_ERR_USAGE,
	   "the document has no span");

	ok(sy_review_tag(f, model_ref(f, "n2"), "borderline", &e) == SY_OK &&
	   model_reload(f->annot_path, &a) && (s = stat_by_id(&a, "n2")) && s->r.tags.n == 1 &&
	   !strcmp(s->r.tags.v[0], "borderline") && s->r.status == SY_PENDING,
	   "tag n2 borderline (on disk, status unchanged)");
	ok(sy_review_tag(f, model_ref(f, "n2"), "borderline", &e) == SY_OK &&
	   model_reload(f->annot_path, &a) && stat_by_id(&a, "n2")->r.tags.n == 0,
	   "tag again removes it");
	ok(sy_review_tag(f, model_ref(f, "document"), "x", &e) == SY_ERR_USAGE,
	   "the document has no tags");
	ok(sy_review_note(f, model_ref(f, "s2"), "标题核对原文", &e) == SY_OK &&
	   model_reload(f->annot_path, &a) && !strcmp(sec_by_id(&a, "s2")->r.note, "标题核对原文"),
	   "note on s2");
	ok(sy_review_note(f, model_ref(f, "s2"), "", &e) == SY_OK && model_reload(f->annot_path, &a) &&
	   !sec_by_id(&a, "s2")->r.note, "an empty note removes it");
	sy_annot_free(&a);
}

/* ------------------------------------------------------------ adding */

static void test_add(sy_file *f)
{
	sy_error e;
	sy_annot a;
	sy_item_ref r;
	const sy_stat *s;
	const sy_section *sec = NULL, *s4;
	size_t st, en, done, total;

	sy_annot_init(&a);
	span_of("8件", &st, &en);
	/* an exact match of the parser: everything prefilled */
	ok(sy_review_add_stat(f, st, en, &r, &e) == SY_OK && r.kind == SY_ITEM_STAT,
	   "add a statistic over 8件 (exact parser match)");
	is_str(sy_item_id(f, r), "n10", "fresh id n10");
	ok(model_reload(f->annot_path, &a) && (s = stat_by_id(&a, "n10")) && s->r.status == SY_ADDED &&
	   s->value == 8 && !strcmp(s->unit, "件") && !strcmp(s->text, "8件") &&
	   s->subject && !strcmp(s->subject, "办理人大代表建议") &&
	   !strcmp(s->section, "s4") && !s->r.proposed,
	   "n10 on disk: added, 8 件, subject, section s4");

	span_of("约45万元", &st, &en);      /* overlaps n5 */
	ok(sy_review_add_stat(f, st, en, &r, &e) == SY_OK && model_reload(f->annot_path, &a) &&
	   (s = stat_by_id(&a, "n11")) && s->value == 450000 &&
	   !strcmp(s->unit, "元") && s->approx == SY_APPROX_ABOUT && !s->subject &&
	   !strcmp(s->text, "约45万元"), "overlapping span: value, unit, approx of n5");

	span_of("2022年，", &st, &en);     /* no statistic: the numeral */
	ok(sy_review_add_stat(f, st, en - 1, &r, &e) == SY_OK && model_reload(f->annot_path, &a) &&
	   (s = stat_by_id(&a, "n12")) && s->value == 2022 &&
	   !strcmp(s->unit, "年") && !s->section, "2022年: numeral 2022, unit 年, no section");
	span_of("法治意识", &st, &en);
	ok(sy_review_add_stat(f, st, en, &r, &e) == SY_OK && model_reload(f->annot_path, &a) &&
	   (s = stat_by_id(&a, "n13")) && !s->has_value && !s->unit,
	   "no number: value and unit null");
	ok(sy_review_add_stat(f, 5, 5, &r, &e) == SY_ERR_USAGE &&
	   sy_review_add_stat(f, 0, f->src.chars + 1, &r, &e) == SY_ERR_USAGE,
	   "empty and out-of-text spans refused");

	span_of("（三）加强监督制约", &st, &en);
	ok(sy_review_add_section(f, st, en, &r, &e) == SY_OK && r.kind == SY_ITEM_SECTION,
	   "add a section over （三）加强监督制约");
	is_str(sy_item_id(f, r), "s7", "fresh id s7");
	ok(model_reload(f->annot_path, &a) && (sec = sec_by_id(&a, "s7")) &&
	   sec->r.status == SY_ADDED && !strcmp(sec->marker, "（三）") &&
	   !strcmp(sec->title, "加强监督制约") && sec->start == st && sec->end == en,
	   "s7 on disk: marker （三）, title");
	s4 = sec_by_id(&a, "s4");
	ok(sec && sec->level == 2 && s4 && s4->level == 3,
	   "s7 level 2 by the outline (the section before it is at level 3)");
	span_of("部分干部法治意识不强", &st, &en);
	ok(sy_review_add_section(f, st, en, &r, &e) == SY_OK && model_reload(f->annot_path, &a) &&
	   (sec = sec_by_id(&a, "s8")) && !strcmp(sec->marker, "") &&
	   !strcmp(sec->title, "部分干部法治意识不强") && sec->level == 1,
	   "no marker: title is the text, level of the section before");
	ok(a.sections[a.nsections - 1].start >= a.sections[a.nsections - 2].start &&
	   a.stats[0].start <= a.stats[1].start, "lists still in start order");
	sy_file_progress(f, &done, &total);
	ok(total == 1 + 8 + 13, "progress counts added items (%zu)", total);
	sy_annot_free(&a);
}

/* ------------------------------------------------------------ undo */

typedef struct cmdctx {
	const char *id;
	int what;
} cmdctx;

enum { C_ACCEPT, C_REJECT, C_FIXSTAT, C_FIXSEC, C_FIXDOC, C_MOVE, C_TAG,
       C_NOTE, C_ADDSTAT, C_ADDSEC };

static const char *const cmd_names[] = {
	"accept", "reject", "fix_stat", "fix_section", "fix_document",
	"move_span", "tag", "note", "add_stat", "add_section",
};

static sy_status run_cmd(sy_file *f, const cmdctx *c, sy_error *e)
{
	sy_item_ref r = model_ref(f, c->id);
	sy_stat nf;
	sy_docfacts d;
	size_t st, en;

	switch (c->what) {
	case C_ACCEPT: return sy_review_accept(f, r, e);
	case C_REJECT: return sy_review_reject(f, r, e);
	case C_FIXSTAT:
		nf = f->annot.stats[r.index];
		nf.value += 1;
		nf.unit = "人次";
		return sy_review_fix_stat(f, r.index, &nf, e);
	case C_FIXSEC:
		return sy_review_fix_section(f, r.index, 3, "（二）", "执法", e);
	case C_FIXDOC:
		d = f->annot.doc;
		d.year = 2023;
		d.title = NULL;
		return sy_review_fix_document(f, &d, e);
	case C_MOVE: return sy_review_move_span(f, r, -1, 1, e);
	case C_TAG: return sy_review_tag(f, r, "checked-source", e);
	case C_NOTE: return sy_review_note(f, r, "待核实", e);
	case C_ADDSTAT:
		span_of("95%以上", &st, &en);
		return sy_review_add_stat(f, st, en, NULL, e);
	default:
		span_of("继续加大普法力度", &st, &en);
		return sy_review_add_section(f, st, en, NULL, e);
	}
}

/* Command C changes the file; undo gives back the file as it was before,
 * redo as it was after, and undo again as before. */
static void undo_round(sy_file *f, const cmdctx *c)
{
	const char *name = cmd_names[c->what];
	sy_error e;
	char *before = canon(f), *after = NULL, *undone = NULL, *redone = NULL;
	sy_status st = run_cmd(f, c, &e);

	after = canon(f);
	ok(st == SY_OK && after && before && strcmp(before, after) != 0,
	   "%s %s changes the file", name, c->id);
	ok(sy_review_undo(f, NULL, &e) == SY_OK && (undone = canon(f)) &&
	   !strcmp(undone, before), "undo %s restores the file", name);
	ok(sy_review_redo(f, NULL, &e) == SY_OK && (redone = canon(f)) &&
	   !strcmp(redone, after), "redo %s gives the same file again", name);
	free(undone);
	undone = NULL;
	ok(sy_review_undo(f, NULL, &e) == SY_OK && (undone = canon(f)) &&
	   !strcmp(undone, before), "undo %s again", name);
	free(before);
	free(after);
	free(undone);
	free(redone);
}

static void test_undo(sy_file *f)
{
	static const cmdctx cmds[] = {
		{ "n8", C_ACCEPT }, { "n8", C_REJECT }, { "n4", C_FIXSTAT },
		{ "s3", C_FIXSEC }, { "document", C_FIXDOC }, { "n5", C_MOVE },
		{ "n4", C_TAG }, { "s5", C_NOTE }, { "n1", C_ADDSTAT },
		{ "s1", C_ADDSEC }, { "n1", C_FIXSTAT }, { "n10", C_REJECT },
	};
	sy_error e;
	sy_item_ref r, w;
	size_t st, en;
	char *id;

	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		undo_round(f, &cmds[i]);

	/* undo of an add removes the item; redo brings back the same id */
	span_of("3个村", &st, &en);
	ok(sy_review_add_stat(f, st, en, &r, &e) == SY_OK, "add 3个村");
	id = strdup(sy_item_id(f, r));
	ok(sy_review_undo(f, &w, &e) == SY_OK && !sy_item_find(f, id, &r),
	   "undo removes the added %s", id);
	ok(sy_review_redo(f, &w, &e) == SY_OK && sy_item_find(f, id, &r) &&
	   w.kind == SY_ITEM_STAT && !strcmp(sy_item_id(f, w), id),
	   "redo brings back %s with the same id", id);
	ok(sy_review_undo(f, NULL, &e) == SY_OK &&
	   sy_review_accept(f, model_ref(f, "n2"), &e) == SY_OK &&
	   sy_review_redo(f, NULL, &e) == SY_ERR_USAGE,
	   "a new command clears the redo stack");
	ok(sy_review_add_stat(f, st, en, &r, &e) == SY_OK, "add 3个村 again");
	ok(strcmp(sy_item_id(f, r), id) != 0,
	   "an id is never reused (%s after undone %s)", sy_item_id(f, r), id);
	free(id);

	/* rejecting an added item removes it; undo brings it back */
	id = strdup(sy_item_id(f, r));
	ok(sy_review_reject(f, r, &e) == SY_OK && !sy_item_find(f, id, &r) &&
	   sy_review_undo(f, NULL, &e) == SY_OK && sy_item_find(f, id, &r) &&
	   sy_item_status(f, r) == SY_ADDED, "reject of an added item removes it; "
	   "undo restores it");
	free(id);
}

/* ------------------------------------------------------------ lookup */

/* Every item found by its id where it is. */
static bool all_found(const sy_file *f)
{
	sy_item_ref r;
	size_t i;

	for (i = 0; i < f->annot.nsections; i++)
		if (!sy_item_find(f, f->annot.sections[i].id, &r) ||
		    r.kind != SY_ITEM_SECTION || r.index != i)
			return false;
	for (i = 0; i < f->annot.nstats; i++)
		if (!sy_item_find(f, f->annot.stats[i].id, &r) ||
		    r.kind != SY_ITEM_STAT || r.index != i)
			return false;
	return !sy_item_find(f, "no-such-id", &r);
}

/* Ids are looked up through hints of where they were last found; after
 * commands that insert, remove and re-sort items, every hint may be stale
 * and every answer must still be right. */
static void test_lookup(sy_file *f)
{
	static const char *const spans[] = { "95%以上", "3个村", "继续加大普法力度" };
	sy_error e;
	sy_item_ref r;
	size_t st, en, k;
	bool good = all_found(f);

	for (k = 0; k < 3; k++) {
		span_of(spans[k], &st, &en);
		good = good &&
		       (k == 2 ? sy_review_add_section(f, st, en, &r, &e)
			       : sy_review_add_stat(f, st, en, &r, &e)) == SY_OK &&
		       all_found(f) &&
		       sy_review_undo(f, NULL, &e) == SY_OK && all_found(f) &&
		       sy_review_redo(f, NULL, &e) == SY_OK && all_found(f) &&
		       sy_review_move_span(f, r, -1, 1, &e) == SY_OK && all_found(f) &&
		       sy_review_undo(f, NULL, &e) == SY_OK && all_found(f) &&
		       sy_review_reject(f, r, &e) == SY_OK && all_found(f) &&
		       sy_review_undo(f, NULL, &e) == SY_OK && all_found(f);
	}
	ok(good, "every id found at its place after inserts, removals and "
	   "moves, undone and redone");
}

/* ------------------------------------------------------------ cursor */

static void test_cursor(sy_file *f, const char *report)
{
	sy_error e;
	sy_item_ref r;
	size_t done, total, done2, total2;

	sy_file_set_cursor(f, model_ref(f, "n3"));
	ok(sy_file_cursor(f, &r) && !strcmp(sy_item_id(f, r), "n3"),
	   "cursor set to n3");
	ok(sy_file_save(f, &e) == SY_OK, "save");
	sy_file_progress(f, &done, &total);
	sy_file_close(f);
	ok(sy_file_open(f, report, "tester", &e) == SY_OK && sy_file_cursor(f, &r) &&
	   !strcmp(sy_item_id(f, r), "n3"), "cursor reloaded as n3");
	sy_file_progress(f, &done2, &total2);
	ok(done == done2 && total == total2 && done > 0,
	   "progress the same after reopening (%zu/%zu)", done2, total2);
	is_str(f->annot.review.cursor, "n3", "review.cursor holds the id");
}

/* ------------------------------------------------------------ failures */

static void test_failed_save(sy_file *f)
{
	sy_error e = { 0 };
	sy_annot a;
	char *gone = path_in("gone"), *bad = path_in("gone/qs.yaml");
	char *good = f->annot_path;
	sy_status st;

	sy_annot_init(&a);
	mkdir(gone, 0700);
	rmdir(gone);
	f->annot_path = bad;
	st = sy_review_accept(f, model_ref(f, "s5"), &e);
	ok(st == SY_ERR_UNSAVED, "a command whose save fails returns SY_ERR_UNSAVED (applied, not saved): %s", e.msg);
	ok(!f->saved && f->save_error[0] && strstr(f->save_error, "gone"),
	   "saved is false, save_error names the file: %s", f->save_error);
	ok(sy_item_status(f, model_ref(f, "s5")) == SY_ACCEPTED && f->nundo == 1,
	   "the decision stays in memory and in the history");
	f->annot_path = good;
	ok(sy_file_save(f, &e) == SY_OK && f->saved && !f->save_error[0],
	   "a later save succeeds");
	ok(model_reload(f->annot_path, &a) && sec_by_id(&a, "s5")->r.status == SY_ACCEPTED,
	   "the file now has the decision");
	f->annot_path = bad;
	ok(sy_review_undo(f, NULL, &e) == SY_ERR_UNSAVED &&
	   sy_item_status(f, model_ref(f, "s5")) == SY_PENDING,
	   "undo with a failing save: SY_ERR_UNSAVED, applied in memory");
	f->annot_path = good;
	ok(sy_review_redo(f, NULL, &e) == SY_OK && f->saved && model_reload(f->annot_path, &a) &&
	   sec_by_id(&a, "s5")->r.status == SY_ACCEPTED,
	   "the next command saves everything");
	sy_annot_free(&a);
	free(gone);
	free(bad);
}

static void test_bad_file(void)
{
	static const char bad_yaml[] =
		"format: shenyue-annotations/1\n"
		"source:\n"
		"  path: bad.txt\n"
		"  sha256: [unclosed\n";
	char *report = path_in("bad.txt"), *yaml = path_in("bad.yaml"), *got;
	sy_file f;
	sy_error e = { 0 };
	sy_status st;

	write_file(report, report_text, sizeof report_text - 1);
	write_file(yaml, bad_yaml, sizeof bad_yaml - 1);
	st = sy_file_open(&f, report, NULL, &e);
	ok(st == SY_ERR_FORMAT, "a malformed annotation file is refused");
	ok(has_line_col(e.msg, "bad.yaml"),
	   "with file:line:column: %s", e.msg);
	got = read_file(yaml, NULL);
	ok(got && !strcmp(got, bad_yaml), "the file is left untouched");
	ok(!f.annot_path && !f.src.text && !f.report_path, "the sy_file is left empty");
	free(got);

	/* a report changed since its file was written */
	unlink(yaml);
	ok(sy_file_open(&f, report, NULL, &e) == SY_OK, "open bad.txt afresh");
	sy_file_close(&f);
	write_file(report, "柏溪乡\n", strlen("柏溪乡\n"));
	got = read_file(yaml, NULL);
	{
		/* the items are looked for again; what cannot be placed is kept,
		 * tagged lost-anchor and named, and the file follows the report */
		sy_annot before, after;
		size_t n_before, tagged = 0;
		sy_annot_init(&before);
		sy_annot_init(&after);
		sy_annot_parse(got, strlen(got), "before", &before, &e);
		n_before = before.nsections + before.nstats;
		st = sy_file_open(&f, report, NULL, &e);
		ok(st == SY_OK && f.reanchored, "a changed report opens, its items "
		   "looked for again (%s)", st == SY_OK ? "ok" : e.msg);
		ok(st == SY_OK && f.annot.nsections + f.annot.nstats == n_before &&
		   f.lost == n_before && f.lost_ids[0],
		   "nothing is dropped: %zu items, %zu could not be placed (%s)",
		   n_before, f.lost, f.lost_ids);
		for (size_t i = 0; st == SY_OK && i < f.annot.nstats; i++)
			tagged += sy_tags_has(&f.annot.stats[i].r.tags, "lost-anchor");
		ok(st == SY_OK && tagged == f.annot.nstats, "each lost statistic is "
		   "tagged lost-anchor");
		ok(st == SY_OK && sy_annot_load(yaml, &after, &e) == SY_OK &&
		   !strcmp(after.source.sha256, f.src.sha256),
		   "the file is saved with the report's new sha256");
		sy_file_close(&f);
		sy_annot_free(&before);
		sy_annot_free(&after);
	}
	free(got);
	ok(sy_file_open(&f, "/nonexistent/x.txt", NULL, &e) == SY_ERR_IO &&
	   strstr(e.msg, "/nonexistent/x.txt"), "a missing report: %s", e.msg);
	free(report);
	free(yaml);
}

/* ------------------------------------------------------------ expand */

static void test_expand(void)
{
	char *dir = path_in("batch"), *p, **out = NULL, *one;
	static const char *const names[] = { "b.txt", "a.txt", "c.yaml", "a.txt.bak" };
	sy_error e = { 0 };
	size_t n = 0;
	char *args[3];

	mkdir(dir, 0700);
	for (size_t i = 0; i < 4; i++) {
		p = malloc(strlen(dir) + strlen(names[i]) + 2);
		sprintf(p, "%s/%s", dir, names[i]);
		write_file(p, "x\n", 2);
		free(p);
	}
	p = malloc(strlen(dir) + 16);
	sprintf(p, "%s/sub.txt", dir);     /* a folder named *.txt */
	mkdir(p, 0700);
	free(p);

	one = path_in("qs.txt");
	args[0] = dir;
	args[1] = one;
	ok(sy_review_expand(args, 2, &out, &n, &e) == SY_OK,
	   "expand a folder and a file");
	ok(n == 3, "3 reports (%zu)", n);
	if (n == 3) {
		ok(strstr(out[0], "batch/a.txt") && strstr(out[1], "batch/b.txt") &&
		   !strcmp(out[2], one), "folder's *.txt sorted by name, then the file");
	} else
		ok(0, "folder's *.txt sorted by name, then the file");
	for (size_t i = 0; i < n; i++)
		free(out[i]);
	free(out);

	args[0] = path_in("missing");
	ok(sy_review_expand(args, 1, &out, &n, &e) != SY_OK && !out && n == 0 &&
	   strstr(e.msg, "missing"), "a missing path is an error naming it: %s", e.msg);
	free(args[0]);
	args[0] = path_in("batch/sub.txt");
	ok(sy_review_expand(args, 1, &out, &n, &e) != SY_OK &&
	   strstr(e.msg, "sub.txt"), "a folder with no report: %s", e.msg);
	free(args[0]);
	free(one);
	free(dir);

	one = sy_review_annot_path("dir/r.txt");
	is_str(one, "dir/r.yaml", "annotation path of dir/r.txt");
	free(one);
	one = sy_review_annot_path("r.md");
	is_str(one, "r.md.yaml", "annotation path of r.md");
	free(one);
}

/* ------------------------------------------------------------ limits */

/* A note over SY_MAX_NOTE_BYTES is refused; the writer, given a string
 * over the reader's 1 MiB anyway, refuses to write it. */
static void test_limits_note(sy_file *f)
{
	sy_error e = { 0 };
	size_t n = SY_MAX_SCALAR_BYTES + 1;
	char *big = malloc(n + 1), *out = NULL, *old;
	size_t outlen;

	if (!big) {
		ok(0, "out of memory");
		return;
	}
	memset(big, 'a', n);
	big[n] = '\0';
	ok(sy_review_note(f, model_ref(f, "s2"), big, &e) == SY_ERR_USAGE &&
	   strstr(e.msg, "note: longer than 256 KiB") && f->saved,
	   "a note over 256 KiB is refused: %s", e.msg);
	old = f->annot.sections[0].title;
	f->annot.sections[0].title = big;
	ok(sy_annot_emit(&f->annot, &out, &outlen, &e) == SY_ERR_LIMIT &&
	   strstr(e.msg, "longer than 1 MiB"),
	   "the writer refuses a title over 1 MiB: %s", e.msg);
	f->annot.sections[0].title = old;
	free(out);
	free(big);
}

/* Nothing stored that the file could not hold or read back: a title cut
 * inside a character (a byte-sized form buffer once did that, and every
 * save then failed), a span or a field longer than SY_MAX_ITEM_CHARS (a
 * 2 MB selection was written, then refused by the reader). */
static void test_limits(sy_file *f)
{
	sy_error e = { 0 };
	sy_item_ref r;
	sy_section fields = { .level = 1, .marker = "", .title = "加强\xe7\x9b" };
	size_t n0 = f->annot.nsections, ns0 = f->annot.nstats, big = 3000, i;
	char *report = path_in("long.txt"), *text = malloc(big * 3 + 1);
	char *title = malloc(1100 * 3 + 1);
	sy_file g;

	ok(sy_review_add_section_as(f, 0, 2, &fields, &r, &e) == SY_ERR_USAGE &&
	   strstr(e.msg, "title: invalid UTF-8") && f->annot.nsections == n0,
	   "an added title cut inside a character is refused: %s", e.msg);
	ok(sy_review_fix_section(f, 0, 1, "\xe4\xb8", "x", &e) == SY_ERR_USAGE &&
	   strstr(e.msg, "marker: invalid UTF-8"),
	   "a fixed marker cut inside a character is refused: %s", e.msg);
	for (i = 0; i < 1100; i++)
		memcpy(title + 3 * i, "题", 3);
	title[3 * 1100] = '\0';
	ok(sy_review_fix_section(f, 0, 1, "", title, &e) == SY_ERR_USAGE &&
	   strstr(e.msg, "title: longer than 1000"),
	   "a title of 1,100 characters is refused: %s", e.msg);
	test_limits_note(f);
	for (i = 0; i < big; i++)
		memcpy(text + 3 * i, "审", 3);
	text[3 * big] = '\0';
	if (!write_file(report, text, 3 * big)) {
		ok(0, "cannot write %s", report);
	} else if (sy_file_open(&g, report, "tester", &e) != SY_OK) {
		ok(0, "open %s: %s", report, e.msg);
	} else {
		ns0 = g.annot.nstats;
		ok(sy_review_add_stat(&g, 0, big, &r, &e) == SY_ERR_USAGE &&
		   strstr(e.msg, "too long for an item") && g.annot.nstats == ns0,
		   "a statistic over 3,000 characters is refused: %s", e.msg);
		ok(sy_review_add_section(&g, 10, 10 + SY_MAX_ITEM_CHARS + 1, &r, &e) ==
		   SY_ERR_USAGE, "a section over 1,001 characters is refused");
		ok(sy_review_add_stat(&g, 0, SY_MAX_ITEM_CHARS, &r, &e) == SY_OK,
		   "a statistic of exactly 1,000 characters is added: %s", e.msg);
		ok(sy_review_move_span(&g, r, 0, 1, &e) == SY_ERR_USAGE &&
		   strstr(e.msg, "too long"), "moving its end one further is refused");
		ok(sy_review_move_span(&g, r, 1, 0, &e) == SY_OK,
		   "moving its start in is allowed: %s", e.msg);
		sy_file_close(&g);
		ok(sy_file_open(&g, report, NULL, &e) == SY_OK &&
		   g.annot.nstats == ns0 + 1, "the file is read again: %s", e.msg);
		sy_file_close(&g);
	}
	free(title);
	free(text);
	free(report);
}

int main(void)
{
	char *report;
	sy_file f;

	report = testfs_report("test_review", "qs.txt", report_text,
			       sizeof report_text - 1);

	test_open(report, &f);
	test_accept_reject(&f);
	test_fix_stat(&f);
	test_fix_section_document(&f);
	test_move_tag_note(&f);
	test_add(&f);
	test_undo(&f);
	test_lookup(&f);
	test_cursor(&f, report);
	test_failed_save(&f);
	test_limits(&f);
	sy_file_close(&f);
	test_bad_file();
	test_expand();

	free(report);
	remove_tree(tmpdir);
	return tap_done();
}
