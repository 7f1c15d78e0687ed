/* test_reanchor.c - re-finding items after the report has changed
 * (core/reanchor.h; format.md: "every span is re-found by its text and
 * its neighbourhood, and whatever cannot be re-found is reported, never
 * silently dropped").
 *
 * A small report written for this test is extracted with the real
 * extractor; the text is then edited (paragraphs inserted, deleted,
 * moved, lines re-wrapped, a number changed, CRLF) and the annotation is
 * re-anchored, mostly without the old text (as `review` does when the
 * report on disk has changed), some cases with it.  Every case checks
 * the invariants (nothing dropped, sorted, placed spans read their text,
 * lost items tagged, listed and inside the text, source block updated)
 * and then its own expectations.  Last, a timing run on a large
 * generated report (SY_REANCHOR_MB megabytes, default 10): not a
 * pass/fail bound, the time is printed as a diag line.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/annot.h"
#include "extract/extract.h"
#include "session/reanchor.h"
#include "text/source.h"
#include "tap.h"
#include "testutil.h"

#define LOST "lost-anchor"

/* The report: sections with a space after the marker ("一、 主要…"), a
 * plain paragraph holding two statistics (行政复议 / 行政诉讼), "100%"
 * three times, a number that a case changes (53宗). */
static const char REPORT[] =
	"青石镇2022年法治政府建设情况报告\n"
	"\n"
	"县委、县政府：\n"
	"2022年，青石镇坚持以习近平法治思想为指导，认真落实法治政府建设各项任务，"
	"现将有关情况报告如下：\n"
	"一、 主要工作及成效\n"
	"（一）健全依法决策机制。镇党委全年召开专题会议6次，研究重大行政决策事项"
	"14项，合法性审查率100%。\n"
	"（二）规范行政执法行为。全镇共有持证执法人员31名，全年立案查处各类违法"
	"案件53宗，结案率100%，罚没款约46万元。\n"
	"1. 推进执法公示。在镇政府网站公示执法信息210余条，群众满意率97.5%。\n"
	"2. 加强执法监督。开展案卷评查2次，评查案卷48件，发现问题9个，整改率100%。\n"
	"全年受理行政复议申请7件，应诉行政诉讼案件3宗。\n"
	"（三）化解矛盾纠纷。全年排查矛盾纠纷125起，调解成功118起，调解成功率94.4%。\n"
	"二、法治宣传教育\n"
	"组织普法讲座36场次，发放宣传资料1.5万份，受教育群众8000余人次。\n"
	"三、存在的问题\n"
	"一是部分干部法治意识仍需增强；二是执法力量相对不足。\n"
	"四、下一步工作打算\n"
	"继续抓好法治政府建设各项工作，推动依法行政再上新台阶。\n"
	"\n"
	"青石镇人民政府\n"
	"2023年1月12日\n";

/* ------------------------------------------------------------ helpers */

/* Byte offset of code point CP in S. */
static size_t byte_at(const char *s, size_t cp)
{
	size_t i = 0, k = 0;
	for (; s[i]; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && k++ == cp)
			return i;
	return i;
}

/* Malloc'd copy of code points [START, END) of S. */
static char *cp_sub(const char *s, size_t start, size_t end)
{
	size_t b = byte_at(s, start), e = byte_at(s, end);
	char *r = malloc(e - b + 1);
	memcpy(r, s + b, e - b);
	r[e - b] = '\0';
	return r;
}

/* New string: S with the first FIND replaced by REPL (abort if absent). */
static char *edit(const char *s, const char *find, const char *repl)
{
	const char *p = strstr(s, find);
	size_t a, f = strlen(find), r = strlen(repl), n = strlen(s);
	char *o;

	if (!p) {
		fprintf(stderr, "test bug: '%s' not in text\n", find);
		exit(99);
	}
	a = (size_t)(p - s);
	o = malloc(n - f + r + 1);
	memcpy(o, s, a);
	memcpy(o + a, repl, r);
	memcpy(o + a + r, p + f, n - a - f + 1);
	return o;
}

static char *insert_before(const char *s, const char *find, const char *ins)
{
	char *rep = malloc(strlen(ins) + strlen(find) + 1), *o;
	strcpy(rep, ins);
	strcat(rep, find);
	o = edit(s, find, rep);
	free(rep);
	return o;
}

/* Code point offset of the first FIND in S (NTH-th, from 1). */
static size_t cp_at(const char *s, const char *find, int nth)
{
	const char *p = s;
	for (;;) {
		p = strstr(p, find);
		if (!p) {
			fprintf(stderr, "test bug: '%s' #%d not in text\n", find, nth);
			exit(99);
		}
		if (--nth == 0)
			return cp_count(s, (size_t)(p - s));
		p++;
	}
}

static void extract(const char *text, sy_annot *a)
{
	sy_error err;
	sy_annot_init(a);
	if (sy_extract_text("report.txt", text, strlen(text), a, &err) != SY_OK) {
		fprintf(stderr, "extract: %s\n", err.msg);
		exit(99);
	}
}

static void mksrc(const char *text, sy_source *src)
{
	sy_error err;
	if (sy_source_from_bytes("report.txt", (const unsigned char *)text,
				 strlen(text), src, &err) != SY_OK) {
		fprintf(stderr, "source: %s\n", err.msg);
		exit(99);
	}
}

static bool in_report(const sy_reanchor_report *r, const char *id)
{
	for (size_t i = 0; i < r->lost; i++)
		if (strcmp(r->lost_ids[i], id) == 0)
			return true;
	return false;
}

/* Scalar KEY of an item's `proposed`, or NULL. */
static const char *prop(const sy_review *r, const char *key)
{
	const sy_node *n = r->proposed ? sy_node_get(r->proposed, key) : NULL;
	return n && n->kind == SY_NODE_SCALAR ? n->scalar : NULL;
}

/* Does the section's span in TEXT read marker, spaces, title (those the
 * extractor read, when a reviewer fixed them)?  A span moved by hand is
 * not checked here. */
static bool section_reads(const char *text, const sy_section *s)
{
	const char *mk = prop(&s->r, "marker") ? prop(&s->r, "marker") : s->marker;
	const char *ti_s = prop(&s->r, "title") ? prop(&s->r, "title") : s->title;
	if (prop(&s->r, "start") || prop(&s->r, "end"))
		return true;
	char *t = cp_sub(text, s->start, s->end);
	size_t m = strlen(mk), n = strlen(t), ti = strlen(ti_s);
	bool okk = n >= m + ti && strncmp(t, mk, m) == 0 &&
		   strcmp(t + n - ti, ti_s) == 0;
	for (size_t i = m; okk && i < n - ti; i++)
		okk = t[i] == ' ';
	free(t);
	return okk;
}

static bool stat_reads(const char *text, const sy_stat *s)
{
	char *t = cp_sub(text, s->start, s->end);
	bool okk = strcmp(t, s->text) == 0;
	free(t);
	return okk;
}

/* The invariants of every re-anchoring (6 points). */
static void check_common(const char *name, const sy_annot *old,
			 const sy_annot *a, const char *text,
			 const sy_source *src, const sy_reanchor_report *r)
{
	size_t chars = cp_len(text), i, bad = 0, lost = 0, tagged = 0;
	bool sorted = true, ids = true;

	ok(a->nsections == old->nsections && a->nstats == old->nstats,
	   "%s: nothing dropped (%zu sections, %zu statistics)", name,
	   a->nsections, a->nstats);
	for (i = 1; i < a->nsections; i++)
		sorted &= a->sections[i - 1].start <= a->sections[i].start;
	for (i = 1; i < a->nstats; i++)
		sorted &= a->stats[i - 1].start <= a->stats[i].start;
	for (i = 0; i < old->nsections; i++)
		ids &= sec_by_id(a, old->sections[i].id) != NULL;
	for (i = 0; i < old->nstats; i++)
		ids &= stat_by_id(a, old->stats[i].id) != NULL;
	ok(sorted && ids, "%s: sorted by start, every id kept", name);

	for (i = 0; i < a->nsections; i++) {
		const sy_section *s = &a->sections[i];
		bool l = sy_tags_has(&s->r.tags, LOST);
		lost += l;
		if (l)
			tagged += in_report(r, s->id) && s->end <= chars &&
				  s->start <= s->end;
		else if (!section_reads(text, s))
			bad++, diag("%s: %s does not read its heading", name, s->id);
	}
	for (i = 0; i < a->nstats; i++) {
		const sy_stat *s = &a->stats[i];
		bool l = sy_tags_has(&s->r.tags, LOST);
		lost += l;
		if (l)
			tagged += in_report(r, s->id) && s->end <= chars &&
				  s->start <= s->end;
		else if (!stat_reads(text, s))
			bad++, diag("%s: %s does not read '%s'", name, s->id, s->text);
	}
	ok(bad == 0, "%s: every placed span reads its item", name);
	ok(lost == r->lost && tagged == lost,
	   "%s: lost items (%zu) tagged, listed, inside the text", name, lost);
	ok(r->moved + r->same + r->lost == a->nsections + a->nstats,
	   "%s: moved %zu + same %zu + lost %zu = items", name, r->moved,
	   r->same, r->lost);
	ok(a->source.chars == chars && strcmp(a->source.sha256, src->sha256) == 0 &&
	   a->source.encoding && strcmp(a->source.encoding, "utf-8") == 0,
	   "%s: source chars, sha256, encoding updated", name);
}

/* Re-anchor a fresh extraction of OLDTEXT into NEWTEXT; OLD gets a second
 * copy as it was.  WITH_OLD passes the old text. */
static void run(const char *name, const char *oldtext, const char *newtext,
		bool with_old, sy_annot *old, sy_annot *a, sy_reanchor_report *r)
{
	sy_source src;
	sy_error err;
	sy_status st;

	extract(oldtext, old);
	extract(oldtext, a);
	mksrc(newtext, &src);
	st = sy_reanchor(a, with_old ? oldtext : NULL,
			 with_old ? strlen(oldtext) : 0, &src, r, &err);
	if (!ok(st == SY_OK, "%s: sy_reanchor OK", name))
		diag("%s", err.msg);
	check_common(name, old, a, newtext, &src, r);
	sy_source_free(&src);
}

static void done(sy_annot *old, sy_annot *a, sy_reanchor_report *r)
{
	sy_annot_free(old);
	sy_annot_free(a);
	sy_reanchor_report_free(r);
}

/* Every item of A whose old start is >= AT (code points, old text) moved
 * by DELTA; those before stayed. */
static bool all_shifted(const sy_annot *old, const sy_annot *a, size_t at,
			long delta)
{
	bool okk = true;
	for (size_t i = 0; i < old->nsections; i++) {
		const sy_section *o = &old->sections[i], *n = sec_by_id(a, o->id);
		long d = o->start >= at ? delta : 0;
		okk &= n && (long)n->start == (long)o->start + d &&
		       (long)n->end == (long)o->end + d;
	}
	for (size_t i = 0; i < old->nstats; i++) {
		const sy_stat *o = &old->stats[i], *n = stat_by_id(a, o->id);
		long d = o->start >= at ? delta : 0;
		okk &= n && (long)n->start == (long)o->start + d &&
		       (long)n->end == (long)o->end + d;
	}
	return okk;
}

/* ------------------------------------------------------------ cases */

static void t_extraction(void)
{
	sy_annot a;
	extract(REPORT, &a);
	ok(a.nsections >= 8 && a.nstats >= 20, "report: %zu sections, %zu statistics",
	   a.nsections, a.nstats);
	ok(stat_by_text(&a, "100%", 3) && !stat_by_text(&a, "100%", 4),
	   "report: \"100%%\" three times");
	ok(stat_by_text(&a, "53宗", 1) && stat_by_text(&a, "7件", 1) &&
	   stat_by_text(&a, "3宗", 1), "report: 53宗, 7件, 3宗 extracted");
	sy_annot_free(&a);
}

static void t_unchanged(void)
{
	sy_annot old, a;
	sy_reanchor_report r;
	run("unchanged", REPORT, REPORT, false, &old, &a, &r);
	ok(r.same == a.nsections + a.nstats && r.moved == 0 && r.lost == 0,
	   "unchanged: every item where it was");
	done(&old, &a, &r);
}

static void t_insert_before(void)
{
	const char *ins = "全镇辖12个行政村，村级法律顾问覆盖率100%，结案53宗。\n";
	char *t = insert_before(REPORT, "一、 主要", ins);
	size_t at = cp_at(REPORT, "一、 主要", 1);
	sy_annot old, a;
	sy_reanchor_report r;

	run("insert before", REPORT, t, false, &old, &a, &r);
	ok(r.lost == 0 && r.moved == a.nsections + a.nstats,
	   "insert before: every item placed and moved");
	ok(all_shifted(&old, &a, at, (long)cp_len(ins)),
	   "insert before: every item shifted by exactly %zu", cp_len(ins));
	done(&old, &a, &r);
	free(t);
}

static void t_insert_middle(bool with_old)
{
	const char *ins = "另外，全镇村（社区）法律顾问覆盖率100%，"
			  "办理法律援助案件53宗，整改率100%。\n";
	char *t = insert_before(REPORT, "（三）化解", ins);
	size_t at = cp_at(REPORT, "（三）化解", 1);
	const char *name = with_old ? "insert middle, old text" : "insert middle";
	sy_annot old, a;
	sy_reanchor_report r;

	run(name, REPORT, t, with_old, &old, &a, &r);
	ok(r.lost == 0, "%s: nothing lost", name);
	ok(all_shifted(&old, &a, at, (long)cp_len(ins)),
	   "%s: items before stay, items after shift by %zu", name, cp_len(ins));
	for (int k = 1; k <= 3; k++) {
		const sy_stat *o = stat_by_text(&old, "100%", k);
		const sy_stat *n = stat_by_id(&a, o->id);
		ok(n && n->start == o->start,
		   "%s: \"100%%\" #%d keeps its own occurrence", name, k);
	}
	ok(r.same > 0 && r.moved > 0, "%s: same %zu, moved %zu", name, r.same,
	   r.moved);
	done(&old, &a, &r);
	free(t);
}

static void t_delete_paragraph(bool with_old)
{
	const char *para = "全年受理行政复议申请7件，应诉行政诉讼案件3宗。\n";
	char *t = edit(REPORT, para, "");
	const char *name = with_old ? "delete paragraph, old text" : "delete paragraph";
	size_t at = cp_at(REPORT, para, 1);
	sy_annot old, a;
	sy_reanchor_report r;
	const sy_stat *s7, *s3;

	run(name, REPORT, t, with_old, &old, &a, &r);
	s7 = stat_by_id(&a, stat_by_text(&old, "7件", 1)->id);
	s3 = stat_by_id(&a, stat_by_text(&old, "3宗", 1)->id);
	ok(r.lost == 2, "%s: two lost (%zu)", name, r.lost);
	ok(s7 && s3 && sy_tags_has(&s7->r.tags, LOST) &&
	   sy_tags_has(&s3->r.tags, LOST),
	   "%s: 7件 and 3宗 tagged %s", name, LOST);
	ok(s7 && s3 && in_report(&r, s7->id) && in_report(&r, s3->id),
	   "%s: both listed in the report", name);
	/* every other item: before the paragraph same, after it back by its
	 * length */
	{
		bool okk = true;
		long d = -(long)cp_len(para);
		for (size_t i = 0; i < old.nstats; i++) {
			const sy_stat *o = &old.stats[i], *n = stat_by_id(&a, o->id);
			if (n == s7 || n == s3)
				continue;
			okk &= (long)n->start == (long)o->start + (o->start >= at ? d : 0);
		}
		for (size_t i = 0; i < old.nsections; i++) {
			const sy_section *o = &old.sections[i], *n = sec_by_id(&a, o->id);
			okk &= (long)n->start == (long)o->start + (o->start >= at ? d : 0);
		}
		ok(okk, "%s: the rest placed, shifted by %ld after the cut", name, d);
	}
	done(&old, &a, &r);
	free(t);
}

static void t_rewrap(void)
{
	/* newlines inserted inside paragraphs (not inside items), two lines
	 * joined, and the space after 一、 removed */
	char *t1 = edit(REPORT, "指导，认真", "指导，\n认真");
	char *t2 = edit(t1, "14项，合法性", "14项，\n合法性");
	char *t3 = edit(t2, "罚没款约", "罚没\n款约");
	char *t4 = edit(t3, "整改率100%。\n全年受理", "整改率100%。全年受理");
	char *t5 = edit(t4, "8000余人次。\n三、", "8000余人次。\n\n\n三、");
	char *t = edit(t5, "一、 主要", "一、主要");
	sy_annot old, a;
	sy_reanchor_report r;
	const sy_section *s;

	run("rewrap", REPORT, t, false, &old, &a, &r);
	ok(r.lost == 0, "rewrap: every item placed");
	s = sec_by_title(&a, "主要工作及成效");
	ok(s && s->start == cp_at(t, "一、主要", 1) &&
	   s->end == s->start + cp_len("一、主要工作及成效"),
	   "rewrap: section without the space: marker start .. title end");
	{
		const sy_stat *o = stat_by_text(&old, "46万元", 1);
		const sy_stat *n = stat_by_id(&a, o->id);
		ok(n && n->start == cp_at(t, "46万元", 1),
		   "rewrap: 46万元 after the inserted newline");
	}
	done(&old, &a, &r);
	free(t1), free(t2), free(t3), free(t4), free(t5), free(t);
}

static void t_changed_number(bool with_old)
{
	char *t = edit(REPORT, "案件53宗", "案件55宗");
	const char *name = with_old ? "53宗→55宗, old text" : "53宗→55宗";
	sy_annot old, a;
	sy_reanchor_report r;
	const sy_stat *o, *n, *prev, *next;

	run(name, REPORT, t, with_old, &old, &a, &r);
	o = stat_by_text(&old, "53宗", 1);
	n = stat_by_id(&a, o->id);
	ok(r.lost == 1 && n && sy_tags_has(&n->r.tags, LOST) && in_report(&r, o->id),
	   "%s: that item lost, tagged, listed", name);
	ok(n && n->start == o->start && n->end == o->end,
	   "%s: the lost item keeps its old span", name);
	prev = stat_by_id(&a, stat_by_text(&old, "31名", 1)->id);
	next = stat_by_id(&a, stat_by_text(&old, "100%", 2)->id);
	ok(prev && next && !sy_tags_has(&prev->r.tags, LOST) &&
	   !sy_tags_has(&next->r.tags, LOST) &&
	   prev->start == cp_at(t, "31名", 1) &&
	   next->start == cp_at(t, "100%", 2),
	   "%s: neighbours 31名 and 100%% placed on their text", name);
	done(&old, &a, &r);
	free(t);
}

/* The first "100%" goes; the other two must not shift onto each other's
 * or onto the gone one's place. */
static void t_duplicate_deleted(bool with_old)
{
	char *t = edit(REPORT, "，合法性审查率100%", "");
	const char *name = with_old ? "first 100% deleted, old text"
				    : "first 100% deleted";
	sy_annot old, a;
	sy_reanchor_report r;
	const sy_stat *n1, *n2, *n3;

	run(name, REPORT, t, with_old, &old, &a, &r);
	n1 = stat_by_id(&a, stat_by_text(&old, "100%", 1)->id);
	n2 = stat_by_id(&a, stat_by_text(&old, "100%", 2)->id);
	n3 = stat_by_id(&a, stat_by_text(&old, "100%", 3)->id);
	ok(r.lost == 1 && n1 && sy_tags_has(&n1->r.tags, LOST),
	   "%s: that one lost", name);
	ok(n2 && n3 && n2->start == cp_at(t, "结案率100%", 1) + 3 &&
	   n3->start == cp_at(t, "整改率100%", 1) + 3,
	   "%s: #2 and #3 each on its own occurrence", name);
	done(&old, &a, &r);
	free(t);
}

static void t_crlf(void)
{
	size_t n = strlen(REPORT), k = 0;
	char *t = malloc(2 * n + 1);
	sy_annot old, a;
	sy_reanchor_report r;
	bool okk = true;

	for (size_t i = 0; i < n; i++) {
		if (REPORT[i] == '\n')
			t[k++] = '\r';
		t[k++] = REPORT[i];
	}
	t[k] = '\0';
	run("CRLF", REPORT, t, false, &old, &a, &r);
	ok(r.lost == 0 && r.moved > 0, "CRLF: every item placed");
	/* new start = old start + the line breaks before it */
	for (size_t i = 0; i < old.nstats; i++) {
		const sy_stat *o = &old.stats[i], *s = stat_by_id(&a, o->id);
		size_t nl = 0, b = byte_at(REPORT, o->start);
		for (size_t j = 0; j < b; j++)
			nl += REPORT[j] == '\n';
		okk &= s && s->start == o->start + nl && s->end == o->end + nl;
	}
	for (size_t i = 0; i < old.nsections; i++) {
		const sy_section *o = &old.sections[i], *s = sec_by_id(&a, o->id);
		size_t nl = 0, b = byte_at(REPORT, o->start);
		for (size_t j = 0; j < b; j++)
			nl += REPORT[j] == '\n';
		okk &= s && s->start == o->start + nl && s->end == o->end + nl;
	}
	ok(okk, "CRLF: each item moved by the CRs before it");
	done(&old, &a, &r);
	free(t);
}

static void t_moved_paragraph(void)
{
	const char *para = "（三）化解矛盾纠纷。全年排查矛盾纠纷125起，调解成功118起，"
			   "调解成功率94.4%。\n";
	char *t1 = edit(REPORT, para, "");
	char *t = insert_before(t1, "四、下一步", para);
	sy_annot old, a;
	sy_reanchor_report r;
	const sy_section *s;
	const sy_stat *st;

	run("moved paragraph", REPORT, t, false, &old, &a, &r);
	ok(r.lost == 0, "moved paragraph: nothing lost (%zu)", r.lost);
	s = sec_by_title(&a, "化解矛盾纠纷");
	st = stat_by_text(&a, "125起", 1);
	ok(s && st && s->start == cp_at(t, "（三）化解", 1) &&
	   st->start == cp_at(t, "125起", 1),
	   "moved paragraph: its section and statistics found where it went");
	done(&old, &a, &r);
	free(t1), free(t);
}

/* Lost, then the text comes back: placed again, tag gone. */
static void t_lost_then_found(void)
{
	char *t = edit(REPORT, "案件53宗", "案件55宗");
	sy_annot a;
	sy_source s1, s2;
	sy_reanchor_report r1, r2;
	sy_error err;
	const sy_stat *n;
	const char *id;

	extract(REPORT, &a);
	id = stat_by_text(&a, "53宗", 1)->id;
	mksrc(t, &s1);
	mksrc(REPORT, &s2);
	ok(sy_reanchor(&a, NULL, 0, &s1, &r1, &err) == SY_OK && r1.lost == 1,
	   "lost then found: lost after the change");
	ok(sy_reanchor(&a, NULL, 0, &s2, &r2, &err) == SY_OK && r2.lost == 0,
	   "lost then found: found after the change is undone");
	n = stat_by_id(&a, id);
	ok(n && !sy_tags_has(&n->r.tags, LOST) && n->start == cp_at(REPORT, "53宗", 1),
	   "lost then found: tag removed, span right");
	ok(strcmp(a.source.sha256, s2.sha256) == 0, "lost then found: sha256 of the last text");
	sy_reanchor_report_free(&r1);
	sy_reanchor_report_free(&r2);
	sy_source_free(&s1);
	sy_source_free(&s2);
	sy_annot_free(&a);
	free(t);
}

/* Reviewer work survives: status, tags, note; lost item clamped when the
 * text got shorter than its span. */
static void t_review_state(void)
{
	sy_annot a;
	sy_source src;
	sy_error err;
	const char *cut = "二、法治宣传教育\n";
	char *t = malloc(strlen(REPORT) + 1);
	size_t keep = (size_t)(strstr(REPORT, cut) - REPORT);
	const sy_stat *last, *acc;
	char last_id[32], acc_id[32];

	memcpy(t, REPORT, keep);
	t[keep] = '\0';   /* everything from 二、 on is gone */
	extract(REPORT, &a);
	a.stats[0].r.status = SY_ACCEPTED;
	a.stats[0].r.note = strdup("checked");
	sy_tags_add(&a.stats[0].r.tags, "borderline");
	snprintf(acc_id, sizeof acc_id, "%s", a.stats[0].id);
	snprintf(last_id, sizeof last_id, "%s", a.stats[a.nstats - 1].id);
	mksrc(t, &src);
	ok(sy_reanchor(&a, NULL, 0, &src, NULL, &err) == SY_OK,
	   "truncated: OK without a report");
	acc = stat_by_id(&a, acc_id);
	last = stat_by_id(&a, last_id);
	ok(acc && acc->r.status == SY_ACCEPTED && acc->r.note &&
	   strcmp(acc->r.note, "checked") == 0 &&
	   sy_tags_has(&acc->r.tags, "borderline") &&
	   !sy_tags_has(&acc->r.tags, LOST),
	   "truncated: review state kept on a placed item");
	ok(last && sy_tags_has(&last->r.tags, LOST) && last->end <= src.chars &&
	   last->start <= last->end,
	   "truncated: a lost item beyond the end clamped into the text");
	sy_source_free(&src);
	sy_annot_free(&a);
	free(t);
}

static void t_empty(void)
{
	sy_annot a;
	sy_source src;
	sy_reanchor_report r;
	sy_error err;

	sy_annot_init(&a);
	mksrc(REPORT, &src);
	ok(sy_reanchor(&a, NULL, 0, &src, &r, &err) == SY_OK && r.lost == 0 &&
	   r.moved == 0 && r.same == 0 && a.source.chars == src.chars,
	   "no items: OK, source block set");
	sy_reanchor_report_free(&r);
	sy_reanchor_report_free(&r);   /* twice: safe */
	sy_source_free(&src);
	sy_annot_free(&a);
}

/* A sentence with "100%" four times in a row: nothing unique between
 * them, so only order and the expected offset tell them apart. */
static const char REPORT2[] =
	"柏溪乡2021年法治政府建设情况报告\n"
	"\n"
	"一、政务服务\n"
	"全年办理审批事项320件，办结率100%，回访率100%，满意率100%，"
	"按期办结率100%。\n"
	"二、矛盾调处\n"
	"调处纠纷46起，成功率100%。\n"
	"\n"
	"柏溪乡人民政府\n"
	"2022年3月1日\n";

static void t_run_of_duplicates(bool with_old)
{
	char *t = edit(REPORT2, "回访率100%，", "");
	const char *name = with_old ? "run of 100%, one cut, old text"
				    : "run of 100%, one cut";
	sy_annot old, a;
	sy_reanchor_report r;
	const char *where[] = { "办结率100%", NULL, "满意率100%", "按期办结率100%",
				"成功率100%" };
	bool okk = true;

	run(name, REPORT2, t, with_old, &old, &a, &r);
	for (int k = 1; k <= 5; k++) {
		const sy_stat *n = stat_by_id(&a, stat_by_text(&old, "100%", k)->id);
		if (!where[k - 1])
			ok(n && sy_tags_has(&n->r.tags, LOST) && r.lost == 1,
			   "%s: the cut one (#%d) lost, only it", name, k);
		else
			okk &= n && n->start == cp_at(t, where[k - 1], 1) +
						cp_len(where[k - 1]) - 4;
	}
	ok(okk, "%s: the other four each on its own occurrence", name);
	done(&old, &a, &r);
	free(t);
}

static void t_run_of_duplicates_insert(void)
{
	const char *ins = "复核率100%，";
	char *t = insert_before(REPORT2, "满意率", ins);
	size_t at = cp_at(REPORT2, "满意率", 1);
	sy_annot old, a;
	sy_reanchor_report r;

	run("run of 100%, one more", REPORT2, t, false, &old, &a, &r);
	ok(r.lost == 0 && all_shifted(&old, &a, at, (long)cp_len(ins)),
	   "run of 100%%, one more: the new one left alone, others shifted right");
	done(&old, &a, &r);
	free(t);
}

/* The report twice: no item text is unique, nothing anchors.  A paragraph
 * goes into the first copy, one paragraph of the second copy goes. */
static void t_doubled(void)
{
	size_t n = strlen(REPORT);
	char *two = malloc(2 * n + 1), *t1, *t;
	const char *ins = "新增一段：全年办结率100%，受理信访53宗。\n";
	const char *para = "全年受理行政复议申请7件，应诉行政诉讼案件3宗。\n";
	sy_annot old, a;
	sy_reanchor_report r;
	size_t at, cut;
	bool okk = true;

	memcpy(two, REPORT, n);
	memcpy(two + n, REPORT, n + 1);
	at = cp_at(two, "（三）化解", 1);
	cut = cp_at(two, para, 2);
	t1 = insert_before(two, "（三）化解", ins);
	{   /* cut the second copy's paragraph */
		char *p = strstr(strstr(t1, para) + 1, para);
		t = malloc(strlen(t1) + 1);
		memcpy(t, t1, (size_t)(p - t1));
		strcpy(t + (p - t1), p + strlen(para));
	}
	run("doubled", two, t, false, &old, &a, &r);
	ok(r.lost == 2 && in_report(&r, stat_by_text(&old, "7件", 2)->id) &&
	   in_report(&r, stat_by_text(&old, "3宗", 2)->id),
	   "doubled: the second copy's 7件 and 3宗 lost, nothing else");
	for (size_t i = 0; i < old.nstats; i++) {
		const sy_stat *o = &old.stats[i], *s = stat_by_id(&a, o->id);
		long d = o->start >= at ? (long)cp_len(ins) : 0;
		if (o->start >= cut && sy_tags_has(&s->r.tags, LOST))
			continue;
		if (o->start >= cut)
			d -= (long)cp_len(para);
		okk &= (long)s->start == (long)o->start + d;
	}
	for (size_t i = 0; i < old.nsections; i++) {
		const sy_section *o = &old.sections[i], *s = sec_by_id(&a, o->id);
		long d = o->start >= at ? (long)cp_len(ins) : 0;
		if (o->start >= cut)
			d -= (long)cp_len(para);
		okk &= (long)s->start == (long)o->start + d;
	}
	ok(okk, "doubled: every other item exactly where its text went");
	done(&old, &a, &r);
	free(two), free(t1), free(t);
}

/* A number grown by a digit is not found inside the new number. */
static void t_number_grown(void)
{
	char *t = edit(REPORT, "案件3宗", "案件13宗");
	sy_annot old, a;
	sy_reanchor_report r;
	const sy_stat *n;

	run("3宗→13宗", REPORT, t, false, &old, &a, &r);
	n = stat_by_id(&a, stat_by_text(&old, "3宗", 1)->id);
	ok(r.lost == 1 && n && sy_tags_has(&n->r.tags, LOST),
	   "3宗→13宗: lost, not found inside 13宗");
	done(&old, &a, &r);
	free(t);
}

static sy_node *map2(const char *k1, const char *v1, const char *k2,
		     const char *v2)
{
	sy_node *m = sy_node_map();
	sy_node_put(m, k1, sy_node_scalar(v1, 0));
	if (k2)
		sy_node_put(m, k2, sy_node_scalar(v2, 0));
	return m;
}

/* Reviewer fixes: a section's title fixed (the span still reads the old
 * one, kept under proposed), a section's span moved by hand, a
 * statistic's span moved by hand (its text follows it). */
static void t_reviewed_spans(void)
{
	const char *ins = "根据县里要求，补充说明如下。\n";
	char *t = insert_before(REPORT, "县委、县政府", ins);
	size_t L = cp_len(ins);
	sy_annot a;
	sy_source src;
	sy_reanchor_report r;
	sy_error err;
	sy_section *s1, *s2;
	sy_stat *st;
	size_t s2_start, s2_end, st_start;
	char id1[16], id2[16], id3[16], buf[32], buf2[32];

	extract(REPORT, &a);
	/* section 1: title fixed */
	s1 = (sy_section *)sec_by_title(&a, "主要工作及成效");
	snprintf(id1, sizeof id1, "%s", s1->id);
	s1->r.status = SY_FIXED;
	s1->r.proposed = map2("title", s1->title, NULL, NULL);
	free(s1->title);
	s1->title = strdup("主要工作和成效");
	/* section 二: span moved one to the right (marker's first char out) */
	s2 = (sy_section *)sec_by_title(&a, "法治宣传教育");
	snprintf(id2, sizeof id2, "%s", s2->id);
	snprintf(buf, sizeof buf, "%zu", s2->start);
	snprintf(buf2, sizeof buf2, "%zu", s2->end);
	s2->r.status = SY_FIXED;
	s2->r.proposed = map2("start", buf, "end", buf2);
	s2->start++;
	s2_start = s2->start;
	s2_end = s2->end;
	/* 46万元 → 约46万元 */
	st = (sy_stat *)stat_by_text(&a, "46万元", 1);
	snprintf(id3, sizeof id3, "%s", st->id);
	snprintf(buf, sizeof buf, "%zu", st->start);
	st->r.status = SY_FIXED;
	st->r.proposed = map2("start", buf, "text", st->text);
	st->start--;
	st_start = st->start;
	free(st->text);
	st->text = strdup("约46万元");

	mksrc(t, &src);
	{
		sy_status st = sy_reanchor(&a, NULL, 0, &src, &r, &err);
		ok(st == SY_OK && r.lost == 0, "reviewed spans: all placed (%zu lost)",
		   r.lost);
	}
	s1 = (sy_section *)sec_by_id(&a, id1);
	ok(s1 && s1->start == cp_at(t, "一、 主要", 1) &&
	   s1->end == s1->start + cp_len("一、 主要工作及成效") &&
	   strcmp(s1->title, "主要工作和成效") == 0,
	   "reviewed spans: fixed title found by the proposed one, fix kept");
	s2 = (sy_section *)sec_by_id(&a, id2);
	ok(s2 && s2->start == s2_start + L && s2->end == s2_end + L,
	   "reviewed spans: moved section span keeps its offsets");
	snprintf(buf, sizeof buf, "%zu", s2_start - 1 + L);
	is_str(s2 ? prop(&s2->r, "start") : NULL, buf,
	       "reviewed spans: proposed start moved along");
	st = (sy_stat *)stat_by_id(&a, id3);
	ok(st && st->start == st_start + L && stat_reads(t, st),
	   "reviewed spans: moved statistic span found by its text");
	snprintf(buf, sizeof buf, "%zu", st_start + 1 + L);
	is_str(st ? prop(&st->r, "start") : NULL, buf,
	       "reviewed spans: the statistic's proposed start moved along");
	sy_reanchor_report_free(&r);
	sy_source_free(&src);
	sy_annot_free(&a);
	free(t);
}

/* A title changed by hand, with nothing under proposed: only the old
 * text can find the heading. */
static void t_title_without_proposed(void)
{
	const char *ins = "根据县里要求，补充说明如下。\n";
	char *t = insert_before(REPORT, "县委、县政府", ins);
	sy_annot a;
	sy_source src;
	sy_reanchor_report r;
	sy_error err;
	sy_section *s;
	char id[16];

	for (int with_old = 0; with_old < 2; with_old++) {
		extract(REPORT, &a);
		s = (sy_section *)sec_by_title(&a, "存在的问题");
		snprintf(id, sizeof id, "%s", s->id);
		free(s->title);
		s->title = strdup("存在问题");
		mksrc(t, &src);
		ok(sy_reanchor(&a, with_old ? REPORT : NULL,
			       with_old ? strlen(REPORT) : 0, &src, &r,
			       &err) == SY_OK, "title by hand, %s: OK",
		   with_old ? "old text" : "no old text");
		s = (sy_section *)sec_by_id(&a, id);
		if (with_old)
			ok(r.lost == 0 && s && s->start == cp_at(t, "三、存在", 1) &&
			   s->end == s->start + cp_len("三、存在的问题"),
			   "title by hand, old text: found by the old span's text");
		else
			ok(r.lost == 1 && s && sy_tags_has(&s->r.tags, LOST),
			   "title by hand, no old text: lost and reported");
		sy_reanchor_report_free(&r);
		sy_source_free(&src);
		sy_annot_free(&a);
	}
	free(t);
}

/* ------------------------------------------------------------ timing */

static unsigned long rng = 20240130;
static unsigned long rnd(void)
{
	rng = rng * 16807 % 2147483647;
	return rng;
}

/* REPORT repeated up to MB megabytes; with VARY, every run of 2-3 digits
 * varied (same number of digits: single digits and years stay), as
 * bench/gen_corpus.sh does, so that most texts recur a few dozen times;
 * without, every item's text recurs in every copy. */
static char *big_text(size_t mb, bool vary, size_t *len)
{
	size_t cap = mb * 1000000 + sizeof REPORT, n = 0, r = strlen(REPORT);
	char *t = malloc(cap + 1);

	while (n + r < mb * 1000000) {
		for (size_t i = 0; i < r;) {
			size_t j = i;
			while (j < r && REPORT[j] >= '0' && REPORT[j] <= '9')
				j++;
			if (vary && j - i >= 2 && j - i <= 3) {
				for (size_t k = i; k < j; k++)
					t[n++] = (char)('0' + (k == i ? 1 + rnd() % 9 : rnd() % 10));
				i = j;
			} else if (j > i) {
				memcpy(t + n, REPORT + i, j - i);
				n += j - i;
				i = j;
			} else {
				t[n++] = REPORT[i++];
			}
		}
	}
	t[n] = '\0';
	*len = n;
	return t;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The large report: a paragraph inserted in the middle, one cut near the
 * end (its two statistics lost).  Wall and CPU time as a diag line. */
static void t_timing(bool vary)
{
	const char *env = getenv("SY_REANCHOR_MB");
	size_t mb = env && atoi(env) > 0 ? (size_t)atoi(env) : 10, len;
	char *t = big_text(mb, vary, &len), *t2, *t3, *mid, saved;
	const char *ins = "此处插入一段新的文字，全镇新增调解员15名。\n";
	const char *name = vary ? "large, varied numbers" : "large, same copies";
	sy_annot a;
	sy_source src;
	sy_reanchor_report r;
	sy_error err;
	size_t items;
	double t0, t1, w0, w1;
	clock_t c0, c1;

	t0 = now();
	extract(t, &a);
	t1 = now();
	items = a.nsections + a.nstats;
	mid = strstr(t + len / 2, "二、法治");
	saved = *mid;
	*mid = '\0';
	t2 = malloc(len + strlen(ins) + 1);
	strcpy(t2, t);
	strcat(t2, ins);
	*mid = saved;
	strcat(t2, mid);
	{
		char *cut = strstr(t2 + len * 9 / 10, "全年受理行政复议");
		char *eol = strchr(cut, '\n');
		t3 = malloc(strlen(t2) + 1);
		memcpy(t3, t2, (size_t)(cut - t2));
		strcpy(t3 + (cut - t2), eol + 1);
	}
	mksrc(t3, &src);
	w0 = now();
	c0 = clock();
	ok(sy_reanchor(&a, NULL, 0, &src, &r, &err) == SY_OK, "%s: sy_reanchor OK",
	   name);
	c1 = clock();
	w1 = now();
	diag("%s: %zu MB, %zu items: extract %.2f s, re-anchor %.2f s "
	     "(CPU %.2f s)", name, mb, items, t1 - t0, w1 - w0,
	     (double)(c1 - c0) / CLOCKS_PER_SEC);
	ok(a.nsections + a.nstats == items && r.lost == 2 &&
	   r.moved + r.same + r.lost == items,
	   "%s: nothing dropped, 2 lost (%zu), moved %zu, same %zu", name,
	   r.lost, r.moved, r.same);
	{   /* byte offset of every code point, to read spans fast */
		size_t n3 = strlen(t3), k = 0, bad = 0;
		size_t *at = malloc((n3 + 2) * sizeof *at);
		for (size_t i = 0; i < n3; i++)
			if (((unsigned char)t3[i] & 0xC0) != 0x80)
				at[k++] = i;
		at[k] = n3;
		for (size_t i = 0; i < a.nstats; i++) {
			const sy_stat *st = &a.stats[i];
			size_t b = at[st->start], e = at[st->end];
			if (!sy_tags_has(&st->r.tags, LOST) &&
			    (e - b != strlen(st->text) ||
			     memcmp(t3 + b, st->text, e - b) != 0))
				bad++;
		}
		free(at);
		ok(bad == 0, "%s: every placed statistic reads its text", name);
	}
	sy_reanchor_report_free(&r);
	sy_source_free(&src);
	sy_annot_free(&a);
	free(t), free(t2), free(t3);
}

int main(void)
{
	t_extraction();
	t_unchanged();
	t_insert_before();
	t_insert_middle(false);
	t_insert_middle(true);
	t_delete_paragraph(false);
	t_delete_paragraph(true);
	t_rewrap();
	t_changed_number(false);
	t_changed_number(true);
	t_duplicate_deleted(false);
	t_duplicate_deleted(true);
	t_crlf();
	t_moved_paragraph();
	t_run_of_duplicates(false);
	t_run_of_duplicates(true);
	t_run_of_duplicates_insert();
	t_doubled();
	t_number_grown();
	t_reviewed_spans();
	t_title_without_proposed();
	t_lost_then_found();
	t_review_state();
	t_empty();
	t_timing(true);
	t_timing(false);
	return tap_done();
}
