/* test_itemlist.c - the review screen's view state without a screen:
 * the items list (tui/itemlist.c: rows in text order, the row of each
 * item, the filter and where the selection goes when it hides the
 * selected item) and the text pane (tui/textpane.c: the cursor kept in
 * view), on a small report of our own extracted by the core.  Neither
 * needs curses: the views' state is theirs, apart from drawing. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "itemlist.h"
#include "textpane.h"

static const char report_text[] =
	"某县二〇二三年法治政府建设情况的报告\n"
	"\n"
	"一、主要工作\n"
	"全年办理行政复议案件12件，比上年多3件。\n"
	"（一）完善制度\n"
	"制定规范性文件5件，清理文件40件。\n"
	"（二）规范执法\n"
	"开展执法培训8次，参训人员300人次。\n"
	"二、存在问题\n"
	"个别部门执法不够规范，投诉2件。\n"
	"三、下一步打算\n"
	"继续推进依法行政。\n";

static char dir[64];

static char *write_report(void)
{
	char *path = malloc(sizeof dir + 16);
	FILE *f;

	if (!path)
		return NULL;
	snprintf(path, sizeof dir + 16, "%s/r.txt", dir);
	if (!(f = fopen(path, "w")) || fputs(report_text, f) < 0 || fclose(f)) {
		free(path);
		return NULL;
	}
	return path;
}

static size_t start_of(const sy_file *f, sy_item_ref it)
{
	size_t s = 0, e;
	sy_item_span(f, it, &s, &e);
	return s;
}

static void test_rows(sy_file *f, sy_list *l)
{
	size_t n = 1 + f->annot.nsections + f->annot.nstats, r;
	bool order = true, back = true;
	sy_item_ref it;

	ok(f->annot.nsections >= 3 && f->annot.nstats >= 3,
	   "the report has sections (%zu) and statistics (%zu)", f->annot.nsections,
	   f->annot.nstats);
	r = sy_list_rebuild(l, f) == 0 ? l->nrows : 0;
	ok(r == n, "every item is a row (%zu of %zu)", r, n);
	ok(l->nrows && l->rows[0].kind == SY_ITEM_DOCUMENT, "the document first");
	for (r = 2; r < l->nrows; r++) {
		size_t a = start_of(f, l->rows[r - 1]), b = start_of(f, l->rows[r]);
		if (a > b || (a == b && l->rows[r - 1].kind == SY_ITEM_STAT &&
			      l->rows[r].kind == SY_ITEM_SECTION))
			order = false;
	}
	ok(order, "then in text order, a section before a statistic at its place");
	for (r = 0; r < l->nrows; r++)
		if (sy_list_row_of(l, f, l->rows[r]) != r)
			back = false;
	ok(back, "the row of each row's item is that row");
	sy_list_set_row(l, f, 3);
	ok(l->sel == 3 && !strcmp(l->sel_id, sy_item_id(f, l->rows[3])) &&
	   sy_file_cursor(f, &it) && it.kind == l->rows[3].kind &&
	   it.index == l->rows[3].index,
	   "selecting row 3: its id is kept and the file's cursor is on it");
	sy_list_set_row(l, f, l->nrows + 10);
	ok(l->sel == l->nrows - 1, "selecting past the end: the last row");
	ok(sy_list_current(l, &it) && it.kind == l->rows[l->nrows - 1].kind,
	   "the current item is the selected row's");
}

static void test_first_from(sy_file *f)
{
	const sy_annot *a = &f->annot;
	bool good = true;

	for (size_t i = 0; i < a->nstats; i++) {
		size_t k = sy_list_first_from(f, SY_ITEM_STAT, a->stats[i].start);
		if (k > i || a->stats[k].start != a->stats[i].start)
			good = false;
	}
	ok(good, "first_from: the first statistic at each statistic's start");
	ok(sy_list_first_from(f, SY_ITEM_SECTION, SIZE_MAX) == a->nsections &&
	   sy_list_first_from(f, SY_ITEM_STAT, 0) == 0,
	   "first_from past the end: the count; from 0: the first");
}

static void test_filter(sy_file *f, sy_list *l)
{
	sy_item_ref it = { SY_ITEM_STAT, 1 }, now;
	size_t was, shown;
	sy_error e;
	bool pending = true;

	sy_list_rebuild(l, f);
	was = sy_list_row_of(l, f, it);
	sy_list_set_row(l, f, was);
	ok(sy_review_accept(f, it, &e) == SY_OK, "accept the second statistic: %s",
	   e.msg);
	sy_list_filter(l, SY_FILTER_PENDING, SY_PENDING, NULL);
	ok(sy_list_rebuild(l, f) == 0, "rebuild with the filter pending");
	shown = l->nrows;
	for (size_t r = 0; r < l->nrows; r++)
		if (sy_item_status(f, l->rows[r]) != SY_PENDING)
			pending = false;
	ok(pending && shown == 1 + f->annot.nsections + f->annot.nstats - 1,
	   "only the pending items are rows (%zu)", shown);
	ok(sy_list_current(l, &now) && start_of(f, now) >= f->annot.stats[1].start &&
	   sy_list_row_of(l, f, it) == SIZE_MAX,
	   "the accepted item is hidden: the selection goes to the row after it");
	sy_list_filter(l, SY_FILTER_STATUS, SY_ACCEPTED, NULL);
	sy_list_rebuild(l, f);
	ok(l->nrows == 1 && l->rows[0].kind == SY_ITEM_STAT && l->rows[0].index == 1,
	   "filter status accepted: that one row");
	sy_list_filter(l, SY_FILTER_TAG, SY_PENDING, "no-such-tag");
	sy_list_rebuild(l, f);
	ok(l->nrows == 0 && !sy_list_current(l, &now),
	   "filter a tag no item has: no row, no current item");
	sy_list_filter(l, SY_FILTER_ALL, SY_PENDING, NULL);
}

static void test_textpane(sy_file *f)
{
	sy_textmap m;
	sy_textpane tp;
	size_t line, row, cp;
	bool seen = false;

	memset(&m, 0, sizeof m);
	ok(sy_textmap_build(&m, f->src.text, f->src.len, f->src.chars) == 0,
	   "the text map of the report");
	sy_tp_init(&tp, &m);
	sy_tp_place(&tp, 5, 12);      /* 4 rows of text, 12 columns */
	cp = f->src.chars - 3;
	sy_tp_goto(&tp, cp);
	ok(tp.tcur == cp, "the cursor at the end of the text");
	line = tp.top_line;
	row = tp.top_row;
	for (int k = 0; k < sy_tp_body(&tp) && !seen; k++) {
		const sy_rows *r = sy_tp_rows_of(&tp, line);
		seen = cp >= r->v[row].start && cp < r->v[row].end;
		if (!sy_tp_step(&tp, &line, &row, 1))
			break;
	}
	ok(seen, "its row is among the rows shown");
	sy_tp_select_from(&tp, 10);
	tp.tcur = 4;
	{
		size_t a, b;
		sy_tp_selection(&tp, &a, &b);
		ok(tp.selecting && a == 4 && b == 11,
		   "a selection from 10 back to 4 is [4, 11)");
	}
	sy_tp_reset(&tp);
	ok(!tp.selecting && tp.tcur == 0 && tp.top_line == 0,
	   "a report opened anew: the cursor at the start, nothing selected");
	sy_tp_free(&tp);
	sy_textmap_free(&m);
}

int main(void)
{
	sy_file f;
	sy_list l;
	sy_error e = { 0 };
	char *report;
	bool opened;

	snprintf(dir, sizeof dir, "/tmp/sy-itemlist-XXXXXX");
	if (!mkdtemp(dir)) {
		ok(0, "a temporary folder");
		return tap_done();
	}
	report = write_report();
	opened = report && sy_file_open(&f, report, "tester", &e) == SY_OK;
	ok(opened, "open (extract) the report: %s", e.msg);
	if (opened) {
		memset(&l, 0, sizeof l);
		test_rows(&f, &l);
		test_first_from(&f);
		test_filter(&f, &l);
		test_textpane(&f);
		sy_list_free(&l);
		sy_file_close(&f);
	}
	if (report) {
		char cmd[128];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			ok(0, "remove %s", dir);
	}
	free(report);
	return tap_done();
}
