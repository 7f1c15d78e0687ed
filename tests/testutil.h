/* testutil.h - what the C tests repeat (header only), beside tap.h (the
 * points), testfs.h (the temporary folder, whole files) and testmodel.h
 * (an open file's items): code point spans of a test's own text, items of
 * a model by id, text or title, a folder's entries, a report written into
 * a fresh temporary folder (with testfs.h included before this header), and a fast path compared with its libyaml
 * reference.  Helpers abort on OOM or on a broken test table, as a test
 * may.
 */
#ifndef SY_TESTUTIL_H
#define SY_TESTUTIL_H

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/error.h"
#include "model/annot.h"
#include "tap.h"

/* ------------------------------------------------------------ text */

/* A report of our own for the tests of review and journal (柏溪乡, LF
 * newlines).  Sections the extractor finds:
 * s1 一、 s2 （一） s3 （二） s4 1. s5 二、 s6 三、; statistics n1 6次,
 * n2 15项, n3 120余次, n4 23宗, n5 45万元, n6 8件, n7 3个, n8 87.5%,
 * n9 95%.  "（三）加强监督制约" sits inside a line: not a section. */
#define BAIXI_REPORT_TEXT \
	"柏溪乡2022年法治政府建设情况报告\n" \
	"\n" \
	"县委、县政府：\n" \
	"2022年，柏溪乡深入学习贯彻习近平法治思想，全面推进依法行政。" \
	"现将有关情况报告如下：\n" \
	"一、主要工作\n" \
	"（一）强化组织保障。乡党委全年召开专题会议6次，研究法治建设事项15项。\n" \
	"（二）规范行政执法\n" \
	"1.严格执法程序。全年开展执法检查120余次，查处违法案件23宗，" \
	"收缴罚款约45万元。另外，（三）加强监督制约，办理人大代表建议8件。\n" \
	"二、存在问题\n" \
	"部分干部法治意识不强，全乡仍有3个村未配备法律顾问，群众知晓率为87.5%。\n" \
	"三、下一步打算\n" \
	"继续加大普法力度，力争群众满意率达到95%以上。\n" \
	"\n" \
	"柏溪乡人民政府\n" \
	"2022年12月20日\n"

/* Code points in the N bytes of UTF-8 at S. */
static inline size_t cp_count(const char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			k++;
	return k;
}

/* Code points in the string S. */
static inline size_t cp_len(const char *s)
{
	return cp_count(s, strlen(s));
}

/* The code point span [*START, *END) of the first NEEDLE in HAY; false
 * when there is none (a bug in the test's table, reported by the caller). */
static inline bool cp_find(const char *hay, const char *needle, size_t *start,
			   size_t *end)
{
	const char *p = strstr(hay, needle);

	if (!p)
		return false;
	*start = cp_count(hay, (size_t)(p - hay));
	*end = *start + cp_len(needle);
	return true;
}

/* ------------------------------------------------------------ items */

static inline const sy_stat *stat_by_id(const sy_annot *a, const char *id)
{
	for (size_t i = 0; i < a->nstats; i++)
		if (strcmp(a->stats[i].id, id) == 0)
			return &a->stats[i];
	return NULL;
}

static inline const sy_section *sec_by_id(const sy_annot *a, const char *id)
{
	for (size_t i = 0; i < a->nsections; i++)
		if (strcmp(a->sections[i].id, id) == 0)
			return &a->sections[i];
	return NULL;
}

/* The NTH (from 1) statistic of A whose text is TEXT. */
static inline const sy_stat *stat_by_text(const sy_annot *a, const char *text,
					  int nth)
{
	for (size_t i = 0; i < a->nstats; i++)
		if (strcmp(a->stats[i].text, text) == 0 && --nth == 0)
			return &a->stats[i];
	return NULL;
}

static inline const sy_section *sec_by_title(const sy_annot *a,
					     const char *title)
{
	for (size_t i = 0; i < a->nsections; i++)
		if (strcmp(a->sections[i].title, title) == 0)
			return &a->sections[i];
	return NULL;
}

/* No statistic of A overlaps the code points [NS, NE) (each one that does
 * is shown). */
static inline bool no_stat_in(const sy_annot *a, size_t ns, size_t ne)
{
	bool clean = true;

	for (size_t i = 0; i < a->nstats; i++) {
		const sy_stat *st = &a->stats[i];
		if (st->start < ne && ns < st->end) {
			clean = false;
			diag("  overlapping: \"%s\" [%zu,%zu)",
			     st->text ? st->text : "(null)", st->start,
			     st->end);
		}
	}
	return clean;
}

/* ------------------------------------------------------------ files */

/* The entries of the folder PATH besides . and .. (with DOT_ONLY: only
 * those whose names start with '.', the temporary files); -1 when it
 * cannot be read. */
static inline int dir_entries(const char *path, bool dot_only)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    (!dot_only || e->d_name[0] == '.'))
			n++;
	closedir(d);
	return n;
}

#ifdef SY_TESTFS_H
/* (With testfs.h included first.)  A fresh temporary folder
 * (testfs_begin NAME) with TEXT written in it as the report FILE; its path
 * as a new string.  Exits (after a TAP "Bail out!") when it cannot. */
static inline char *testfs_report(const char *name, const char *file,
				  const char *text, size_t len)
{
	char *report;

	if (!testfs_begin(name))
		exit(1);
	report = path_in(file);
	if (!write_file(report, text, len)) {
		printf("Bail out! cannot write %s\n", report);
		exit(1);
	}
	return report;
}
#endif

/* ------------------------------------------------------------ fast ~ libyaml */

/* Whether a fast path (S1, E1) and its libyaml reference (S2, E2) ended
 * alike, with a diagnostic naming WHAT when not: 1 when both failed with
 * the same message, 0 when they differ, -1 when both succeeded (the
 * caller then compares what they made). */
static inline int same_outcome(const char *what, sy_status s1,
			       const sy_error *e1, sy_status s2,
			       const sy_error *e2)
{
	if (s1 != s2) {
		printf("# %s: fast %d (%s), libyaml %d (%s)\n", what, (int)s1,
		       s1 ? e1->msg : "ok", (int)s2, s2 ? e2->msg : "ok");
		return 0;
	}
	if (s1 == SY_OK)
		return -1;
	if (strcmp(e1->msg, e2->msg) != 0) {
		printf("# %s: messages differ:\n#   %s\n#   %s\n", what,
		       e1->msg, e2->msg);
		return 0;
	}
	return 1;
}

#endif
