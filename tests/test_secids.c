/* test_secids.c - a statistic's `section` follows the sections
 * (sections_of.h): adding, removing, moving, rejecting and accepting
 * again a section, changing its level, and undo and redo of each, leave
 * every statistic naming the innermost section, not rejected, that holds
 * it; undo restores the ids the statistics had exactly (even ids a hand
 * edit had left wrong); an added statistic names the right section; the
 * journal carries the changes (a crash loses none).
 *
 * Every claim is checked on the annotation file read back from disk
 * (sy_annot_load), after the session is reopened where the journal is
 * concerned, and each state is also checked against the rule computed
 * here from the file's own sections.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format/annot_io.h"
#include "session/annot_read.h"
#include "session/review.h"
#include "tap.h"
#include "testfs.h"
#include "testmodel.h"

/* Sections the extractor finds: s1 一、 s2 （一） s3 （二） s4 二、;
 * statistics n1 6次 (s1, three characters before （一）), n2 12场, n3 30处,
 * n4 500平方米 (s2), n5 23宗 (s3), n6 3个 (s4).  "专项整治" is where a
 * reviewer adds a section the extractor missed. */
static const char report_text[] =
	"测试镇2023年法治政府建设情况报告\n"
	"一、主要工作\n"
	"全年召开专题会议6次\n"
	"（一）强化组织保障\n"
	"开展法治培训12场。\n"
	"专项整治：整治违建30处，拆除面积500平方米。\n"
	"（二）规范行政执法\n"
	"查处违法案件23宗。\n"
	"二、存在问题\n"
	"仍有3个村未配备法律顾问。\n";

/* ------------------------------------------------------------ helpers */

static void span_of(const char *needle, size_t *start, size_t *end)
{
	text_span_of(report_text, needle, start, end);
}


/* "n1=s1 n2=s2 ..." of A into BUF (CAP bytes): every statistic's section
 * (null as "-"), in order. */
static void secids_of(const sy_annot *a, char *buf, size_t cap)
{
	size_t k = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < a->nstats && k < cap - 64; i++)
		k += (size_t)snprintf(buf + k, cap - k, "%s%s=%s",
				      i ? " " : "", a->stats[i].id,
				      a->stats[i].section ? a->stats[i].section : "-");
}

/* The same of the file on disk.  Static buffer. */
static const char *secids(const char *path)
{
	static char buf[1024];
	sy_annot a;

	sy_annot_init(&a);
	if (!model_reload(path, &a))
		return "(unreadable)";
	secids_of(&a, buf, sizeof buf);
	sy_annot_free(&a);
	return buf;
}

/* True when every statistic of the file on disk names the last section,
 * not rejected, starting at or before it (computed here, not by the
 * core); the first one that does not is shown. */
static bool consistent(const char *path)
{
	sy_annot a;
	bool good = true;

	sy_annot_init(&a);
	if (!model_reload(path, &a))
		return false;
	for (size_t i = 0; i < a.nstats && good; i++) {
		const char *want = NULL, *got = a.stats[i].section;
		for (size_t j = 0; j < a.nsections; j++)
			if (a.sections[j].start <= a.stats[i].start &&
			    a.sections[j].r.status != SY_REJECTED)
				want = a.sections[j].id;
		if (!((!want && !got) || (want && got && !strcmp(want, got)))) {
			diag("%s: section %s, the rule says %s", a.stats[i].id,
			     got ? got : "null", want ? want : "null");
			good = false;
		}
	}
	sy_annot_free(&a);
	return good;
}

#define ORIGINAL "n1=s1 n2=s2 n3=s2 n4=s2 n5=s3 n6=s4"

/* Check the ids on disk are WANT (with "X" standing for ADDED) and obey
 * the rule. */
static void expect(const sy_file *f, const char *want, const char *added,
		   const char *what)
{
	char w[256];
	size_t k = 0;

	for (const char *p = want; *p && k < sizeof w - 16; p++) {
		if (*p == 'X' && added)
			k += (size_t)snprintf(w + k, sizeof w - k, "%s", added);
		else
			w[k++] = *p;
	}
	w[k] = '\0';
	is_str(secids(f->annot_path), w, "%s", what);
	ok(consistent(f->annot_path), "%s: every statistic obeys the rule", what);
}

/* Add a section over 专项整治 (where the extractor found none); its id,
 * a new string ("?" when the add failed). */
static char *add_special(sy_file *f, const char *what)
{
	sy_error e;
	sy_item_ref r;
	size_t s, en;
	sy_status st;

	span_of("专项整治", &s, &en);
	st = sy_review_add_section(f, s, en, &r, &e);
	ok(st == SY_OK, "%s: add a section over 专项整治", what);
	return strdup(st == SY_OK ? sy_item_id(f, r) : "?");
}

/* Undo the last command: the ids are BEFORE again; redo it: AFTER. */
static void round_trip(sy_file *f, const char *before, const char *after,
		       const char *added, const char *what)
{
	sy_error e;

	ok(sy_review_undo(f, NULL, &e) == SY_OK, "undo %s", what);
	expect(f, before, added, what);
	ok(sy_review_redo(f, NULL, &e) == SY_OK, "redo %s", what);
	expect(f, after, added, what);
}

static bool open_file(sy_file *f, const char *report)
{
	sy_error e;

	if (sy_file_open(f, report, "tester", &e) != SY_OK) {
		printf("Bail out! open %s: %s\n", report, e.msg);
		exit(1);
	}
	return true;
}

/* ------------------------------------------------------------ commands */

static void test_add_section(sy_file *f)
{
	sy_error e;
	sy_item_ref r;
	size_t s, en;
	char *id;

	expect(f, ORIGINAL, NULL, "as extracted");
	id = add_special(f, "reviewer");
	expect(f, "n1=s1 n2=s2 n3=X n4=X n5=s3 n6=s4", id,
	       "add section: the statistics under it name it");
	round_trip(f, ORIGINAL, "n1=s1 n2=s2 n3=X n4=X n5=s3 n6=s4", id, "add section");

	/* rejecting an added section removes it */
	ok(sy_review_reject(f, model_ref(f, id), &e) == SY_OK, "reject the added section");
	expect(f, ORIGINAL, NULL, "reject (remove) an added section");
	ok(sy_review_undo(f, NULL, &e) == SY_OK, "undo the removal");
	expect(f, "n1=s1 n2=s2 n3=X n4=X n5=s3 n6=s4", id, "undo removal of an added section");
	ok(sy_review_undo(f, NULL, &e) == SY_OK, "undo the add");
	expect(f, ORIGINAL, NULL, "undo add section again");

	/* a form: a heading with a level of its own */
	{
		sy_section fields;
		memset(&fields, 0, sizeof fields);
		fields.level = 3;
		fields.marker = "";
		fields.title = "专项整治";
		span_of("专项整治", &s, &en);
		ok(sy_review_add_section_as(f, s, en, &fields, &r, &e) == SY_OK,
		   "add a section at level 3 from the form");
		free(id);
		id = strdup(sy_item_id(f, r));
		expect(f, "n1=s1 n2=s2 n3=X n4=X n5=s3 n6=s4", id, "add section from the form");
		ok(sy_review_undo(f, NULL, &e) == SY_OK, "undo it");
		expect(f, ORIGINAL, NULL, "undo add section from the form");
	}
	free(id);
}

static void test_move_section(sy_file *f)
{
	sy_error e;
	bool good = true;

	/* （一） three characters after 6次: its start moved left over it */
	for (int i = 0; i < 3; i++)
		good &= sy_review_move_span(f, model_ref(f, "s2"), -1, 0, &e) == SY_OK;
	ok(good, "move s2's start three characters left");
	expect(f, "n1=s2 n2=s2 n3=s2 n4=s2 n5=s3 n6=s4", NULL,
	       "move section: the statistic now under its heading names it");
	round_trip(f, ORIGINAL, "n1=s2 n2=s2 n3=s2 n4=s2 n5=s3 n6=s4", NULL,
		   "move section");
	/* and right again, over it the other way */
	ok(sy_review_move_span(f, model_ref(f, "s2"), 1, 0, &e) == SY_OK,
	   "move s2's start one character right");
	expect(f, ORIGINAL, NULL, "move section away: the statistic names s1 again");
	for (int i = 0; i < 4; i++)
		good &= sy_review_undo(f, NULL, &e) == SY_OK;
	ok(good, "undo the four moves");
	expect(f, ORIGINAL, NULL, "undo all the moves");
}

static void test_reject_accept(sy_file *f)
{
	sy_error e;

	ok(sy_review_reject(f, model_ref(f, "s3"), &e) == SY_OK, "reject s3");
	/* not a heading: its text runs on in （一）, which it closed */
	expect(f, "n1=s1 n2=s2 n3=s2 n4=s2 n5=s2 n6=s4", NULL,
	       "reject section: its statistic goes to the section before, s2");
	round_trip(f, ORIGINAL, "n1=s1 n2=s2 n3=s2 n4=s2 n5=s2 n6=s4", NULL,
		   "reject section");
	ok(sy_review_accept(f, model_ref(f, "s3"), &e) == SY_OK, "accept s3 again");
	expect(f, ORIGINAL, NULL, "accept a rejected section: it holds again");
	ok(sy_review_undo(f, NULL, &e) == SY_OK && sy_review_undo(f, NULL, &e) == SY_OK,
	   "undo accept and reject");
	expect(f, ORIGINAL, NULL, "undo accept and reject");

	/* the first section rejected: nothing before n1 holds it */
	ok(sy_review_reject(f, model_ref(f, "s1"), &e) == SY_OK, "reject s1");
	expect(f, "n1=- n2=s2 n3=s2 n4=s2 n5=s3 n6=s4", NULL,
	       "reject the first section: its statistic has no section (null)");
	ok(sy_review_undo(f, NULL, &e) == SY_OK, "undo it");
	expect(f, ORIGINAL, NULL, "undo reject of the first section");
}

static void test_level(sy_file *f)
{
	sy_error e;
	size_t i = model_ref(f, "s3").index;

	/* the innermost section is the last heading before a statistic,
	 * whatever the levels say (sections_of.h) */
	ok(sy_review_fix_section(f, i, 1, "（二）", "规范行政执法", &e) == SY_OK,
	   "s3's level 2 -> 1");
	expect(f, ORIGINAL, NULL, "level 1: n5 still under s3");
	ok(sy_review_fix_section(f, model_ref(f, "s3").index, 4, "（二）", "规范行政执法",
			      &e) == SY_OK, "s3's level -> 4");
	expect(f, ORIGINAL, NULL, "level 4: n5 still under s3");
	ok(sy_review_undo(f, NULL, &e) == SY_OK && sy_review_undo(f, NULL, &e) == SY_OK,
	   "undo both");
	expect(f, ORIGINAL, NULL, "undo level changes");
}

static void test_add_stat(sy_file *f)
{
	sy_error e;
	sy_item_ref r;
	size_t s, en;
	sy_annot a;
	const sy_stat *st = NULL;

	sy_annot_init(&a);
	ok(sy_review_reject(f, model_ref(f, "s4"), &e) == SY_OK, "reject s4");
	expect(f, "n1=s1 n2=s2 n3=s2 n4=s2 n5=s3 n6=s3", NULL,
	       "reject the last section: its statistic goes to the last kept one");
	span_of("法律顾问", &s, &en);
	ok(sy_review_add_stat(f, s, en, &r, &e) == SY_OK, "add a statistic after it");
	if (model_reload(f->annot_path, &a))
		for (size_t i = 0; i < a.nstats; i++)
			if (a.stats[i].start == s)
				st = &a.stats[i];
	is_str(st ? st->section : "(none)", "s3",
	       "add statistic: it names the innermost section not rejected");
	ok(consistent(f->annot_path), "add statistic: every statistic obeys the rule");
	ok(sy_review_undo(f, NULL, &e) == SY_OK && sy_review_undo(f, NULL, &e) == SY_OK,
	   "undo the add and the reject");
	expect(f, ORIGINAL, NULL, "undo add statistic and reject");

	/* a statistic's span moved under a heading: it names that section */
	{
		bool good = true;
		sy_item_ref n1 = model_ref(f, "n1");
		good &= sy_review_move_span(f, n1, 0, 1, &e) == SY_OK;
		good &= sy_review_move_span(f, model_ref(f, "n1"), 0, 1, &e) == SY_OK;
		for (int i = 0; i < 3; i++)
			good &= sy_review_move_span(f, model_ref(f, "n1"), 1, 0, &e) == SY_OK;
		ok(good, "move n1's span onto the heading of s2");
		expect(f, "n1=s2 n2=s2 n3=s2 n4=s2 n5=s3 n6=s4", NULL,
		       "move statistic: it names the section it moved into");
		for (int i = 0; i < 5; i++)
			good &= sy_review_undo(f, NULL, &e) == SY_OK;
		ok(good, "undo the five moves");
		expect(f, ORIGINAL, NULL, "undo statistic moves");
	}
	sy_annot_free(&a);
}

/* A file a hand edit left wrong: undo gives back what it said. */
static void test_exact_undo(sy_file *f, const char *report)
{
	sy_error e;
	sy_annot a;
	char *id, *path = strdup(f->annot_path);
	bool edited = false;

	sy_annot_init(&a);
	sy_file_close(f);
	if (model_reload(path, &a)) {
		for (size_t i = 0; i < a.nstats; i++)
			if (!strcmp(a.stats[i].id, "n4")) {
				free(a.stats[i].section);
				a.stats[i].section = strdup("s4");
				edited = true;
			}
		edited = edited && sy_annot_save(&a, path, &e) == SY_OK;
	}
	ok(edited, "hand edit: n4 says s4");
	open_file(f, report);
	id = add_special(f, "after the hand edit");
	expect(f, "n1=s1 n2=s2 n3=X n4=X n5=s3 n6=s4", id,
	       "add section over a wrong id: set right");
	ok(sy_review_undo(f, NULL, &e) == SY_OK, "undo");
	is_str(secids(f->annot_path), "n1=s1 n2=s2 n3=s2 n4=s4 n5=s3 n6=s4",
	       "undo restores the ids exactly, the wrong one included");
	ok(sy_review_redo(f, NULL, &e) == SY_OK && sy_review_undo(f, NULL, &e) == SY_OK,
	   "redo, undo");
	is_str(secids(f->annot_path), "n1=s1 n2=s2 n3=s2 n4=s4 n5=s3 n6=s4",
	       "redo then undo: exactly again");
	/* put the file right for what follows */
	ok(sy_review_move_span(f, model_ref(f, "s2"), -1, 0, &e) == SY_OK &&
	   sy_review_move_span(f, model_ref(f, "s2"), 1, 0, &e) == SY_OK,
	   "a section change over the wrong id");
	expect(f, ORIGINAL, NULL, "a section change sets the ids of its region right");
	free(id);
	free(path);
	sy_annot_free(&a);
}

/* ------------------------------------------------------------ journal */

static void test_journal(sy_file *f, const char *report)
{
	sy_error e;
	size_t saved_min = sy_journal_min_bytes;
	char *id, *path;
	const char *want;
	char before_crash[1024];

	sy_file_close(f);
	sy_journal_min_bytes = 0;
	open_file(f, report);
	ok(f->journal_mode, "journal mode");
	id = add_special(f, "journal");
	ok(sy_review_reject(f, model_ref(f, "s3"), &e) == SY_OK, "journal: reject s3");
	ok(sy_review_reject(f, model_ref(f, "s1"), &e) == SY_OK &&
	   sy_review_undo(f, NULL, &e) == SY_OK, "journal: reject s1, undo it");
	/* the model in memory, as the file would say it */
	secids_of(&f->annot, before_crash, sizeof before_crash);
	want = "n1=s1 n2=s2 n3=X n4=X n5=X n6=s4";
	{
		char w[256];
		snprintf(w, sizeof w, "n1=s1 n2=s2 n3=%s n4=%s n5=%s n6=s4", id, id, id);
		is_str(before_crash, w, "in memory: the rejected s3's statistic goes "
		       "to the added section before it");
	}
	path = strdup(f->annot_path);
	sy_file_close(f);       /* a crash: no flush */
	{
		/* a reader (export, eval...) applies the journal in memory */
		sy_annot a;
		char got[1024] = "(unreadable)";
		size_t n = 0;

		sy_annot_init(&a);
		if (sy_annot_load_current(path, &a, &n, &e) == SY_OK)
			secids_of(&a, got, sizeof got);
		is_str(got, before_crash, "a reader of the file and its journal "
		       "sees the ids as in memory before the crash");
		sy_annot_free(&a);
	}
	open_file(f, report);
	ok(f->recovered == 4, "the journal's 4 records recovered (%zu)", f->recovered);
	expect(f, want, id, "after the crash, the ids recovered from the journal");
	is_str(secids(f->annot_path), before_crash, "the ids as in memory before the crash");
	sy_journal_min_bytes = saved_min;
	free(path);
	free(id);
}

int main(void)
{
	char *report;
	sy_file f;

	report = testfs_report("test_secids", "r.txt", report_text,
			       sizeof report_text - 1);
	open_file(&f, report);
	test_add_section(&f);
	test_move_section(&f);
	test_reject_accept(&f);
	test_level(&f);
	test_add_stat(&f);
	test_exact_undo(&f, report);
	test_journal(&f, report);
	sy_file_close(&f);
	free(report);
	remove_tree(tmpdir);
	return tap_done();
}
