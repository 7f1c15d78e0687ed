/* test_validate.c - the field rules of core/validate.h, and the review
 * commands refusing what breaks them (nothing invalid reaches the file,
 * whichever path stores it).
 *
 * The parsing points use numbers a reviewer would type; the command
 * points open a small report of our own in a mkdtemp folder and read the
 * annotation file back from disk.
 */
#include <float.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format/annot_io.h"
#include "session/review.h"
#include "tap.h"
#include "testfs.h"
#include "testutil.h"
#include "model/validate.h"

static const char report_text[] =
	"青石镇2024年法治政府建设情况报告\n"
	"\n"
	"一、主要工作\n"
	"全年受理行政复议案件12件，开展普法活动约30场。\n"
	"二、下一步打算\n"
	"青石镇人民政府\n"
	"2025年1月8日\n";

/* number TEXT parses (true) to WANT, or is refused with a message that
 * starts with "value: " and holds WHY. */
static void number(const char *text, bool good, double want, const char *why)
{
	sy_error e;
	double v = -1;
	bool has = false;
	sy_status st;

	memset(&e, 0, sizeof e);
	st = sy_parse_number("value", text, &v, &has, &e);
	if (good)
		ok(st == SY_OK && has && v == want, "\"%.30s\" -> %.17g", text, want);
	else if (!ok(st == SY_ERR_USAGE && !strncmp(e.msg, "value: ", 7) &&
		     strstr(e.msg, why), "\"%.30s%s\" refused: %s", text,
		     strlen(text) > 30 ? "..." : "", why))
		diag("status %d, message: %s", st, e.msg);
}

static void test_numbers(void)
{
	char big[420], exact17[32], many[64];
	double v = 1;
	bool has = true;
	sy_error e;

	ok(sy_parse_number("value", "  ", &v, &has, &e) == SY_OK && !has,
	   "blanks: null");
	number("9380", true, 9380, NULL);
	number(" 92.5 ", true, 92.5, NULL);
	number("0.1", true, 0.1, NULL);
	number("176000000", true, 176000000, NULL);
	number("9242553.83", true, 9242553.83, NULL);
	number("1.5e3", true, 1500, NULL);
	number("0", true, 0, NULL);
	number("1e30", true, 1e30, NULL);
	number("123456789012345", true, 123456789012345.0, NULL);
	number("9007199254740992", true, 9007199254740992.0, NULL);
	number("-3", false, 0, "negative");
	number("abc", false, 0, "not a number");
	number("12件", false, 0, "not a number");
	number("0x10", false, 0, "not a number");
	number("inf", false, 0, "not a number");
	number("nan", false, 0, "not a number");
	number("1e", false, 0, "not a number");
	memset(big, '9', 400);
	big[400] = '\0';
	number(big, false, 0, "too large");
	big[0] = '1';
	memset(big + 1, '0', 399);
	number(big, false, 0, "too large");
	number("1e400", false, 0, "too large");
	/* 2^53 + 1: the double would be 2^53, and the file would say so */
	number("9007199254740993", false, 0, "exactly");
	snprintf(exact17, sizeof exact17, "%s", "0.12345678901234567");
	number(exact17, false, 0, "exactly");
	snprintf(many, sizeof many, "%s", "1234567890.123456789012345");
	number(many, false, 0, "exactly");
	number("1e-400", false, 0, "exactly");
}

static void test_words(void)
{
	sy_error e;
	sy_approx a = SY_APPROX_RANGE;
	int n = -1;

	ok(sy_parse_approx("", &a, &e) == SY_OK && a == SY_APPROX_NONE,
	   "approx empty: null");
	ok(sy_parse_approx(" range ", &a, &e) == SY_OK && a == SY_APPROX_RANGE,
	   "approx range");
	ok(sy_parse_approx("maybe", &a, &e) == SY_ERR_USAGE &&
	   !strncmp(e.msg, "approx: ", 8) && strstr(e.msg, "maybe"),
	   "approx maybe refused, named: %s", e.msg);
	ok(sy_parse_level("2", &n, &e) == SY_OK && n == 2, "level 2");
	ok(sy_parse_level("4", &n, &e) == SY_OK && n == 4, "level 4");
	ok(sy_parse_level("5", &n, &e) == SY_ERR_USAGE &&
	   !strncmp(e.msg, "level: ", 7) && strstr(e.msg, "1 to 4"),
	   "level 5 refused: %s", e.msg);
	ok(sy_parse_level("0", &n, &e) == SY_ERR_USAGE, "level 0 refused");
	ok(sy_parse_level("x", &n, &e) == SY_ERR_USAGE, "level x refused");
	ok(sy_parse_level("99999999999", &n, &e) == SY_ERR_USAGE,
	   "a very long level refused");
	ok(sy_parse_year("2023", &n, &e) == SY_OK && n == 2023, "year 2023");
	ok(sy_parse_year("", &n, &e) == SY_OK && n == 0, "year empty: null");
	ok(sy_parse_year("23", &n, &e) == SY_ERR_USAGE &&
	   !strncmp(e.msg, "year: ", 6), "year 23 refused: %s", e.msg);
	ok(sy_check_tag("checked-source", &e) == SY_OK && sy_check_tag("存疑", &e) == SY_OK,
	   "tags checked-source, 存疑");
	ok(sy_check_tag("a b", &e) == SY_ERR_USAGE && !strncmp(e.msg, "tag: ", 5),
	   "tag \"a b\" refused: %s", e.msg);
	ok(sy_check_tag("a,b", &e) == SY_ERR_USAGE && sy_check_tag("", &e) == SY_ERR_USAGE,
	   "tags a,b and empty refused");
}

static void test_records(void)
{
	sy_error e;
	sy_stat s;
	sy_docfacts d;

	memset(&s, 0, sizeof s);
	s.value = 2;
	s.has_value = true;
	s.value_max = 3;
	s.has_value_max = true;
	s.approx = SY_APPROX_RANGE;
	ok(sy_check_stat(&s, &e) == SY_OK, "range 2-3");
	s.approx = SY_APPROX_ABOUT;
	ok(sy_check_stat(&s, &e) == SY_ERR_USAGE && !strncmp(e.msg, "value_max: ", 11) &&
	   strstr(e.msg, "range"), "value_max without range refused: %s", e.msg);
	s.approx = SY_APPROX_RANGE;
	s.value_max = 1;
	ok(sy_check_stat(&s, &e) == SY_ERR_USAGE && !strncmp(e.msg, "value_max: ", 11),
	   "value_max below value refused: %s", e.msg);
	s.has_value_max = false;
	s.value = -1;
	ok(sy_check_stat(&s, &e) == SY_ERR_USAGE && !strncmp(e.msg, "value: ", 7),
	   "negative value refused: %s", e.msg);
	s.value = HUGE_VAL;
	ok(sy_check_stat(&s, &e) == SY_ERR_USAGE, "infinite value refused");

	memset(&d, 0, sizeof d);
	d.year = 2024;
	d.date = "2025-01-08";
	ok(sy_check_document(&d, &e) == SY_OK, "year 2024, date 2025-01-08");
	d.date = "2025-02-30";
	ok(sy_check_document(&d, &e) == SY_ERR_USAGE && !strncmp(e.msg, "date: ", 6),
	   "date 2025-02-30 refused: %s", e.msg);
	d.date = "2024-02-29";
	ok(sy_check_document(&d, &e) == SY_OK, "2024-02-29 (a leap year)");
	d.date = "8 Jan 2025";
	ok(sy_check_document(&d, &e) == SY_ERR_USAGE, "date 8 Jan 2025 refused");
	d.date = NULL;
	d.year = 20245;
	ok(sy_check_document(&d, &e) == SY_ERR_USAGE && !strncmp(e.msg, "year: ", 6),
	   "year 20245 refused");
}

static sy_item_ref ref_of(const sy_file *f, const char *id)
{
	sy_item_ref r = { SY_ITEM_DOCUMENT, 0 };
	if (!sy_item_find(f, id, &r))
		abort();
	return r;
}

/* The file on disk still holds what it held: BEFORE. */
static bool unchanged(const sy_file *f, const char *before)
{
	size_t n;
	char *now = read_file(f->annot_path, &n);
	bool same = now && !strcmp(now, before);
	free(now);
	return same;
}

static void test_commands(const char *report)
{
	sy_file f;
	sy_error e;
	sy_stat nf;
	sy_docfacts d;
	sy_stat pre;
	sy_item_ref r;
	size_t len, nundo;
	char *before;
	const char *p;
	size_t a = 0, b = 0;

	if (!ok(sy_file_open(&f, report, "tester", &e) == SY_OK, "open the report"))
		return;
	before = read_file(f.annot_path, &len);
	r = ref_of(&f, "n1");
	nf = f.annot.stats[r.index];          /* shallow */
	nf.value_max = 20;
	nf.has_value_max = true;
	nf.approx = SY_APPROX_NONE;
	ok(sy_review_fix_stat(&f, r.index, &nf, &e) == SY_ERR_USAGE &&
	   strstr(e.msg, "n1: value_max: ") && unchanged(&f, before),
	   "fix_stat: value_max without range refused, file unchanged: %s", e.msg);
	nf.has_value_max = false;
	nf.value = -12;
	ok(sy_review_fix_stat(&f, r.index, &nf, &e) == SY_ERR_USAGE &&
	   strstr(e.msg, "value: ") && unchanged(&f, before),
	   "fix_stat: a negative value refused");
	ok(sy_review_fix_section(&f, ref_of(&f, "s1").index, 5, "一、", "主要工作", &e) ==
	   SY_ERR_USAGE && strstr(e.msg, "s1: level: ") && unchanged(&f, before),
	   "fix_section: level 5 refused: %s", e.msg);
	d = f.annot.doc;                      /* shallow */
	d.date = "2025-13-01";
	ok(sy_review_fix_document(&f, &d, &e) == SY_ERR_USAGE && strstr(e.msg, "date: ") &&
	   unchanged(&f, before), "fix_document: month 13 refused");
	ok(sy_review_tag(&f, r, "two words", &e) == SY_ERR_USAGE && strstr(e.msg, "tag: ") &&
	   unchanged(&f, before), "tag: two words refused");
	ok(f.nundo == 0, "nothing refused reached the undo history");
	/* adding in two steps: the prefill adds nothing; the add is one step */
	p = strstr(report_text, "30场");
	for (const char *q = report_text; q < p; q++)
		a += ((unsigned char)*q & 0xC0) != 0x80;
	b = a + 3;
	ok(sy_add_prefill_stat(&f, a, b, &pre, &e) == SY_OK && pre.has_value &&
	   pre.value == 30 && pre.unit && !strcmp(pre.unit, "场") &&
	   unchanged(&f, before) && f.nundo == 0,
	   "prefill of 30场: value 30, unit 场, nothing added");
	nundo = f.annot.nstats;
	pre.approx = SY_APPROX_OVER;
	pre.has_value_max = true;
	pre.value_max = 40;
	ok(sy_review_add_stat_as(&f, a, b, &pre, &r, &e) == SY_ERR_USAGE &&
	   strstr(e.msg, "value_max: ") && f.annot.nstats == nundo &&
	   unchanged(&f, before), "add with value_max and approx over refused");
	pre.has_value_max = false;
	ok(sy_review_add_stat_as(&f, a, b, &pre, &r, &e) == SY_OK &&
	   f.annot.nstats == nundo + 1 && f.nundo == 1 &&
	   f.annot.stats[r.index].approx == SY_APPROX_OVER &&
	   f.annot.stats[r.index].r.status == SY_ADDED,
	   "add with approx over: one item, status added, one undo step");
	sy_prefill_free(&pre, NULL);
	ok(sy_review_undo(&f, NULL, &e) == SY_OK && f.annot.nstats == nundo &&
	   f.nundo == 0, "one undo removes it");
	/* a tag written by hand that breaks the rule can still be removed */
	r = ref_of(&f, "n2");
	if (sy_tags_add(&f.annot.stats[r.index].r.tags, "by hand"))
		abort();
	ok(sy_review_tag(&f, r, "by hand", &e) == SY_OK &&
	   !sy_tags_has(&f.annot.stats[ref_of(&f, "n2").index].r.tags, "by hand") &&
	   sy_review_undo(&f, NULL, &e) == SY_OK && f.nundo == 0,
	   "an existing tag \"by hand\" can be removed (the rule is for adding)");

	free(before);
	sy_file_close(&f);
}

int main(void)
{
	char *report;

	test_numbers();
	test_words();
	test_records();
	report = testfs_report("test_validate", "qs.txt", report_text,
			       sizeof report_text - 1);
	test_commands(report);
	free(report);
	remove_tree(tmpdir);
	return tap_done();
}
