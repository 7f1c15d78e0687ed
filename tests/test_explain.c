/* test_explain.c - core/explain: why the extractor tagged an item, said
 * in words (TAP).
 *
 * Small reports written for this test give each kind of reason exactly;
 * then every tagged item of the samples (and of ../shared/corpus when it
 * is there) must get a reason from the extractor's own rules, never "finds
 * nothing", which would mean explain.c and the extractor disagree.
 */
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/explain.h"
#include "extract/extract.h"
#include "text/source.h"
#include "tap.h"
#include "testutil.h"
#include "text/textmap.h"

/* Extract TEXT into *A with its map in *M. */
static bool load_text(const char *text, sy_annot *a, sy_textmap *m)
{
	sy_error err;
	sy_annot_init(a);
	if (sy_extract_text("t.txt", text, strlen(text), a, &err) != SY_OK ||
	    sy_textmap_build(m, text, strlen(text), cp_len(text))) {
		printf("# extract: %s\n", err.msg);
		return false;
	}
	return true;
}

/* The explanation of the item ITEM (a statistic's text, or a section's
 * title when SECTION) in the report TEXT is WANT. */
static void says(const char *text, bool section, const char *item,
		 const char *want, const char *what)
{
	sy_annot a;
	sy_textmap m = { 0 };
	char out[1024] = "";

	if (load_text(text, &a, &m)) {
		const sy_stat *st = section ? NULL : stat_by_text(&a, item, 1);
		const sy_section *se = section ? sec_by_title(&a, item) : NULL;
		if (st)
			sy_explain_stat(&m, st, out, sizeof out);
		if (se)
			sy_explain_section(&m, &a, (size_t)(se - a.sections), out,
					   sizeof out);
	}
	is_str(out, want, "%s", what);
	sy_annot_free(&a);
	sy_textmap_free(&m);
}

#define stat_says(t, i, w, d) says(t, false, i, w, d)
#define section_says(t, i, w, d) says(t, true, i, w, d)

static void test_reasons(void)
{
	stat_says("测试报告\n全县共受理案件120件，其中民事案件70件，行政案件40件。\n",
		  "120件", "inconsistent: the 2 parts after 其中 (70件 … 40件) sum to "
		  "110, but the total says 120件 (10 off)", "a total and its parts");
	stat_says("测试报告\n全年受理复议申请40件，办结30件，办结率90%。\n", "90%",
		  "inconsistent: 30件 / 40件 = 75%, but the rate says 90% (15 points off)",
		  "a rate and its part and whole");
	stat_says("测试报告\n全年受理复议申请40件，办结30件，办结率75%。\n", "40件", "",
		  "an untagged statistic: nothing to say");
	section_says("测试报告\n一、甲项工作\n三、乙项工作\n", "乙项工作",
		     "numbering-skip: after 一、 the next marker is 二、, found 三、",
		     "a skip in a level");
	section_says("测试报告\n一、甲项工作\n（二）乙项工作\n", "乙项工作",
		     "numbering-skip: a new level starts at （一）, found （二）",
		     "a new level that does not start at one");
	section_says("测试报告\n一、甲项工作\n二、乙项工作\n二、丙项工作\n", "丙项工作",
		     "numbering-repeat: 二、 comes after 二、; the next marker is 三、",
		     "a repeated number");
	section_says("测试报告\n（1）甲项工作\n（2）乙项工作\n（三）丙项工作\n", "丙项工作",
		     "marker-style: （三） continues the level of （2） in another style; "
		     "the same style would be （3）", "a change of marker style");
	section_says("测试报告\n十九、甲项工作\n二十一、乙项工作\n", "乙项工作",
		     "numbering-skip: after 十九、 the next marker is 二十、, found 二十一、",
		     "Chinese numerals past ten");
}

/* Tags set by hand, and a lost anchor: said so, without a made-up
 * reason. */
static void test_by_hand(void)
{
	sy_annot a;
	sy_textmap m = { 0 };
	char out[1024];
	sy_stat *s;

	if (!load_text("测试报告\n全年培训12次，其中线上5次，线下7次。\n", &a, &m) ||
	    !(s = (sy_stat *)stat_by_text(&a, "12次", 1))) {
		ok(0, "the by-hand report extracts");
		return;
	}
	sy_tags_add(&s->r.tags, "inconsistent");
	sy_explain_stat(&m, s, out, sizeof out);
	ok(strstr(out, "inconsistent: the extractor's checks find nothing wrong") == out,
	   "inconsistent set by hand: no reason is made up (%s)", out);
	sy_tags_add(&s->r.tags, "lost-anchor");
	s->start += 1;
	s->end += 1;
	sy_explain_stat(&m, s, out, sizeof out);
	ok(strstr(out, "\nlost-anchor: the report changed; the item says «12次» but its "
		  "span [10, 13) now reads «2次，»: check the span") != NULL,
	   "lost-anchor: what the item says and what its span reads now");
	s->start -= 1;
	s->end -= 1;
	sy_explain_stat(&m, s, out, sizeof out);
	ok(strstr(out, "its span still reads «12次»") != NULL,
	   "lost-anchor on a span that still reads the same");
	ok(sy_explain_stat(&m, s, out, 8) <= 2 && strlen(out) < 8,
	   "a small buffer: cut, NUL-terminated");
	sy_annot_free(&a);
	sy_textmap_free(&m);
}

/* Every tagged item of the reports in DIR gets a reason.  Returns the
 * number of tagged items. */
static size_t check_dir(const char *dir, size_t *bad)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		char path[4096], out[2048];
		sy_source src;
		sy_annot a;
		sy_textmap m = { 0 };
		sy_error err;
		size_t len = strlen(e->d_name);

		if (len < 5 || strcmp(e->d_name + len - 4, ".txt"))
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		sy_annot_init(&a);
		if (sy_source_load(path, &src, &err) != SY_OK)
			continue;
		if (sy_extract(&src, &a, &err) != SY_OK ||
		    sy_textmap_build(&m, src.text, src.len, src.chars)) {
			(*bad)++;
			sy_source_free(&src);
			continue;
		}
		for (size_t i = 0; i < a.nsections + a.nstats; i++) {
			const sy_review *r = i < a.nsections ? &a.sections[i].r
							    : &a.stats[i - a.nsections].r;
			if (!r->tags.n)
				continue;
			n++;
			if (i < a.nsections)
				sy_explain_section(&m, &a, i, out, sizeof out);
			else
				sy_explain_stat(&m, &a.stats[i - a.nsections], out, sizeof out);
			if (!*out || strstr(out, "find nothing") || strstr(out, "find no ") ||
			    strstr(out, "no numbered heading") || strstr(out, "out of memory")) {
				(*bad)++;
				printf("#   %s item %zu: \"%s\"\n", e->d_name, i, out);
			}
		}
		sy_annot_free(&a);
		sy_textmap_free(&m);
		sy_source_free(&src);
	}
	closedir(d);
	return n;
}

static void test_reports(void)
{
	const char *top = getenv("top_srcdir");
	char dir[4096];
	size_t bad = 0, n;

	snprintf(dir, sizeof dir, "%s/samples", top ? top : ".");
	n = check_dir(dir, &bad);
	snprintf(dir, sizeof dir, "%s/../shared/corpus", top ? top : ".");
	n += check_dir(dir, &bad);
	ok(n > 0 && bad == 0,
	   "every tagged item of the samples and the corpus has a reason (%zu items, %zu without)",
	   n, bad);
}

int main(void)
{
	test_reasons();
	test_by_hand();
	test_reports();
	return tap_done();
}
