/* test_yaml.c - the annotation model, the format-1 reader and writer, and
 * the atomic file writer (TAP).
 *
 * Environment: top_srcdir (the gold files are read from
 * $top_srcdir/../shared/gold when that folder exists) and PYTHON3 (when
 * non-empty, PyYAML checks that what we write reads back as the same
 * values).
 */
#include "format/annot_io.h"
#include "tap.h"
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#define SHA "76f1d85876575338e0772cf7a6bc3b269fa1cd127754f57335ca8999bd261bcf"

static char tmpdir[256];

/* ------------------------------------------------------------ helpers */

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		perror("malloc");
		exit(99);
	}
	return p;
}

static char *xstrdup(const char *s)
{
	char *p = xmalloc(strlen(s) + 1);

	return strcpy(p, s);
}

/* S with the first OLD replaced by NEW (new string, owned by the caller);
 * aborts when OLD is not in S (a broken test). */
static char *replace(const char *s, const char *old, const char *new)
{
	const char *at = strstr(s, old);
	size_t head, lo = strlen(old), ln = strlen(new);
	char *r;

	if (!at) {
		fprintf(stderr, "test bug: '%s' not found\n", old);
		exit(99);
	}
	head = (size_t)(at - s);
	r = xmalloc(strlen(s) - lo + ln + 1);
	memcpy(r, s, head);
	memcpy(r + head, new, ln);
	strcpy(r + head + ln, at + lo);
	return r;
}

/* Concatenation of A and B (new string). */
static char *concat(const char *a, const char *b)
{
	char *r = xmalloc(strlen(a) + strlen(b) + 1);

	strcpy(r, a);
	return strcat(r, b);
}

static char *path_in(const char *dir, const char *name)
{
	char *r = xmalloc(strlen(dir) + strlen(name) + 2);

	sprintf(r, "%s/%s", dir, name);
	return r;
}

/* Whole file at PATH (new string) or NULL. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = xmalloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return buf;
}

static int spit(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	int r;

	if (!f)
		return -1;
	r = fputs(text, f) < 0 ? -1 : 0;
	return fclose(f) == 0 ? r : -1;
}

/* Entries of DIR whose names start with '.' (temporary files), not
 * counting "." and "..". */
static int count_hidden(const char *dir)
{
	return dir_entries(dir, true);
}

static sy_node *scalar(const char *s, int quoted)
{
	return sy_node_scalar(s, quoted);
}

/* ------------------------------------------------------------ equality */

static bool str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool node_eq(const sy_node *a, const sy_node *b)
{
	size_t i;

	if (!a || !b)
		return a == b;
	if (a->kind != b->kind || a->n != b->n || !str_eq(a->tag, b->tag))
		return false;
	if (a->kind == SY_NODE_SCALAR)
		return str_eq(a->scalar, b->scalar) && !a->quoted == !b->quoted;
	for (i = 0; i < a->n; i++) {
		if (a->kind == SY_NODE_MAP && strcmp(a->keys[i], b->keys[i]) != 0)
			return false;
		if (!node_eq(a->items[i], b->items[i]))
			return false;
	}
	return true;
}

static bool tags_eq(const sy_tags *a, const sy_tags *b)
{
	size_t i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return false;
	return true;
}

static bool review_eq(const sy_review *a, const sy_review *b)
{
	return a->status == b->status && tags_eq(&a->tags, &b->tags) &&
	       str_eq(a->note, b->note) && node_eq(a->proposed, b->proposed) &&
	       node_eq(a->extra, b->extra);
}

static bool num_eq(double a, bool ha, double b, bool hb)
{
	if (ha != hb)
		return false;
	return !ha || a == b || (a != a && b != b);
}

static bool section_eq(const sy_section *a, const sy_section *b)
{
	return str_eq(a->id, b->id) && a->level == b->level &&
	       str_eq(a->marker, b->marker) && str_eq(a->title, b->title) &&
	       a->start == b->start && a->end == b->end && review_eq(&a->r, &b->r);
}

static bool stat_eq(const sy_stat *a, const sy_stat *b)
{
	return str_eq(a->id, b->id) && str_eq(a->text, b->text) &&
	       a->start == b->start && a->end == b->end &&
	       num_eq(a->value, a->has_value, b->value, b->has_value) &&
	       str_eq(a->unit, b->unit) && a->approx == b->approx &&
	       num_eq(a->value_max, a->has_value_max, b->value_max,
		      b->has_value_max) &&
	       str_eq(a->subject, b->subject) && str_eq(a->section, b->section) &&
	       review_eq(&a->r, &b->r);
}

/* Field-by-field equality; says where the first difference is. */
static bool annot_eq(const sy_annot *a, const sy_annot *b)
{
	size_t i;

	if (!str_eq(a->source.path, b->source.path) ||
	    strcmp(a->source.sha256, b->source.sha256) != 0 ||
	    !str_eq(a->source.encoding ? a->source.encoding : "utf-8",
		    b->source.encoding ? b->source.encoding : "utf-8") ||
	    a->source.chars != b->source.chars ||
	    !node_eq(a->source.extra, b->source.extra)) {
		diag("source differs");
		return false;
	}
	if (!str_eq(a->doc.title, b->doc.title) ||
	    !str_eq(a->doc.issuer, b->doc.issuer) ||
	    !str_eq(a->doc.region, b->doc.region) || a->doc.year != b->doc.year ||
	    !str_eq(a->doc.date, b->doc.date) || a->doc.status != b->doc.status ||
	    !node_eq(a->doc.extra, b->doc.extra)) {
		diag("document differs");
		return false;
	}
	if (a->nsections != b->nsections || a->nstats != b->nstats) {
		diag("item counts differ");
		return false;
	}
	for (i = 0; i < a->nsections; i++)
		if (!section_eq(&a->sections[i], &b->sections[i])) {
			diag("section %zu differs", i);
			return false;
		}
	for (i = 0; i < a->nstats; i++)
		if (!stat_eq(&a->stats[i], &b->stats[i])) {
			diag("statistic %zu differs", i);
			return false;
		}
	if (!a->review.present != !b->review.present ||
	    !str_eq(a->review.reviewer, b->review.reviewer) ||
	    !str_eq(a->review.updated, b->review.updated) ||
	    !str_eq(a->review.cursor, b->review.cursor) ||
	    !node_eq(a->review.extra, b->review.extra)) {
		diag("review differs");
		return false;
	}
	if (!node_eq(a->extra, b->extra)) {
		diag("top-level extra differs");
		return false;
	}
	return true;
}

/* ------------------------------------------------------------ the full model */

/* Strings that a YAML reader would take for something else, or that
 * cannot be written plain: each must survive a round trip. */
static const char *const tricky[] = {
	"1.", "2.", "12", "2021-12-16", "2026-11-21T10:02:03Z", "yes", "no",
	"on", "off", "y", "n", "Y", "N", "true", "False", "null", "Null", "~",
	"", ".5", "1e3", "1.5e-3", "0x1f", "0o17", "017", "1_000", "1:30",
	"<<", "=", ".inf", "-.inf", ".nan", "+1", "-1", "- 全部内容", "a: b",
	"#x", "x #y", "  lead", "trail ", "tab\tin", "'q'", "\"dq\"", "%x",
	"@x", "`x", "!x", "&x", "*x", "[x", "{x}", "|", ">", "?", "---",
	"...", "x:", "multi\nline", "crlf\r\nline\r\n", "\\back", "一、",
	"（一）", "1、", "1．", "扫码在手机打开当前页", "92.5%",
};
#define NTRICKY (sizeof tricky / sizeof *tricky)

/* Values that must survive a round trip exactly. */
static const double numbers[] = {
	176000000, 9242553.83, 0.1, 1e20, -2.5e-7, 1e16, 123456789012345678.0,
	1.7976931348623157e308, 5e-324, 92.5, 0, 3, 1.0 / 3, 2.5e15 + 0.5,
	-176000000,
};
#define NNUMBERS (sizeof numbers / sizeof *numbers)

static sy_node *full_proposed(void)
{
	sy_node *m = sy_node_map();

	sy_node_put(m, "value", scalar("938", 0));
	sy_node_put(m, "unit", scalar("件", 0));
	sy_node_put(m, "text", scalar("12", 1));
	return m;
}

static sy_node *nested_extra(void)
{
	sy_node *m = sy_node_map(), *seq = sy_node_seq(), *inner = sy_node_map();

	sy_node_push(seq, scalar("1", 0));
	sy_node_push(seq, scalar("two", 0));
	sy_node_push(seq, scalar("yes", 1));
	sy_node_put(inner, "深", scalar("值", 0));
	sy_node_put(inner, "empty", sy_node_seq());
	sy_node_push(seq, inner);
	sy_node_put(m, "x-list", seq);
	sy_node_put(m, "x-flag", scalar("on", 0));
	return m;
}

/* A model with every field set (tricky strings in the extra sections). */
static void build_full(sy_annot *a)
{
	sy_section *s;
	sy_stat *n;
	size_t i;
	sy_node *m;

	sy_annot_init(a);
	a->source.path = xstrdup("报告/002 小王庄.txt");
	strcpy(a->source.sha256, SHA);
	a->source.encoding = xstrdup("gb18030");
	a->source.chars = 100000;
	a->source.extra = sy_node_map();
	sy_node_put(a->source.extra, "x-origin", scalar("网页", 0));
	a->doc.title = xstrdup("小王庄镇2021年法治政府建设情况报告");
	a->doc.region = xstrdup("小王庄镇");
	a->doc.year = 2021;
	a->doc.date = xstrdup("2021-12-16");
	a->doc.status = SY_ACCEPTED;
	a->doc.extra = nested_extra();

	s = sy_annot_add_section(a);
	s->level = 1;
	s->marker = xstrdup("一、");
	s->title = xstrdup("主要工作及成效");
	s->start = 215;
	s->end = 224;
	s->r.status = SY_ACCEPTED;
	s = sy_annot_add_section(a);
	s->level = 3;
	s->marker = xstrdup("1.");
	s->title = xstrdup("12");
	s->start = 300;
	s->end = 310;
	s->r.status = SY_FIXED;
	sy_tags_add(&s->r.tags, "borderline");
	sy_tags_add(&s->r.tags, "inconsistent");
	s->r.note = xstrdup("需要确认: 是否 # 标题");
	s->r.proposed = sy_node_map();
	sy_node_put(s->r.proposed, "level", scalar("2", 0));
	s->r.extra = nested_extra();
	for (i = 0; i < NTRICKY; i++) {
		s = sy_annot_add_section(a);
		s->level = 4;
		s->marker = xstrdup(tricky[i]);
		s->title = xstrdup(tricky[i]);
		s->start = s->end = 1000 + i;
		sy_tags_add(&s->r.tags, tricky[i]);
	}

	n = sy_annot_add_stat(a);
	n->text = xstrdup("1.76亿元");
	n->start = 400;
	n->end = 406;
	n->value = 176000000;
	n->has_value = true;
	n->unit = xstrdup("元");
	n->approx = SY_APPROX_OVER;
	n->subject = xstrdup("投入资金");
	n->section = xstrdup("s1");
	n->r.status = SY_FIXED;
	sy_tags_add(&n->r.tags, "checked-source");
	n->r.note = xstrdup("");
	n->r.proposed = full_proposed();
	n = sy_annot_add_stat(a);
	n->text = xstrdup("2-3名");
	n->start = 500;
	n->end = 504;
	n->value = 2;
	n->has_value = true;
	n->value_max = 3;
	n->has_value_max = true;
	n->unit = xstrdup("名");
	n->approx = SY_APPROX_RANGE;
	n->r.status = SY_ADDED;
	n = sy_annot_add_stat(a);
	n->text = xstrdup("若干");
	n->start = 600;
	n->end = 602;
	n->r.status = SY_REJECTED;
	n->r.extra = sy_node_map();
	sy_node_put(n->r.extra, "x-why", scalar("not a number\nat all", 1));
	for (i = 0; i < NNUMBERS; i++) {
		n = sy_annot_add_stat(a);
		n->text = xstrdup("数");
		n->start = 2000 + i;
		n->end = 2001 + i;
		n->value = numbers[i];
		n->has_value = true;
		n->approx = (sy_approx)(i % 5);
	}

	a->review.present = true;
	a->review.reviewer = xstrdup("wang");
	a->review.updated = xstrdup("2026-11-21T10:02:03Z");
	a->review.cursor = xstrdup("n2");
	a->review.extra = sy_node_map();
	sy_node_put(a->review.extra, "x-time", scalar("12:30", 1));
	a->extra = sy_node_map();
	m = sy_node_map();
	sy_node_put(m, "a", scalar("1", 0));
	sy_node_put(m, "b", scalar("text with: colon", 1));
	sy_node_put(m, "tagged", scalar("5", 1));
	m->items[m->n - 1]->tag = xstrdup("tag:yaml.org,2002:str");
	sy_node_put(a->extra, "x-top", m);
	sy_node_put(a->extra, "yes", scalar("no", 1));
	sy_annot_sort(a);
}

/* ------------------------------------------------------------ model API */

static void test_model(void)
{
	sy_annot a;
	sy_section *s;
	sy_stat *n;
	sy_review_status st;
	sy_approx ap;
	sy_node *m, *c;

	sy_annot_init(&a);
	s = sy_annot_add_section(&a);
	is_str(s->id, "s1", "first section id is s1");
	s->start = 50;
	s = sy_annot_add_section(&a);
	is_str(s->id, "s2", "second section id is s2");
	s->start = 10;
	a.next_stat_id = 7;
	n = sy_annot_add_stat(&a);
	is_str(n->id, "n7", "stat id follows next_stat_id");
	ok(a.next_stat_id == 8 && a.next_section_id == 3, "next ids advance");
	sy_annot_sort(&a);
	ok(strcmp(a.sections[0].id, "s2") == 0 && a.sections[0].start == 10,
	   "sort orders sections by start");
	ok(!sy_annot_has_reviewed(&a), "all pending: nothing reviewed");
	a.stats[0].r.status = SY_ACCEPTED;
	ok(sy_annot_has_reviewed(&a), "an accepted item counts as reviewed");

	sy_tags_add(&a.stats[0].r.tags, "borderline");
	sy_tags_add(&a.stats[0].r.tags, "borderline");
	ok(a.stats[0].r.tags.n == 1 && sy_tags_has(&a.stats[0].r.tags,
						  "borderline") &&
	   !sy_tags_has(&a.stats[0].r.tags, "x"), "tags: no duplicates");
	ok(sy_status_parse("fixed", &st) == 0 && st == SY_FIXED &&
	   sy_status_parse("done", &st) < 0 &&
	   strcmp(sy_status_name(SY_ADDED), "added") == 0,
	   "status names");
	ok(sy_approx_parse("range", &ap) == 0 && ap == SY_APPROX_RANGE &&
	   sy_approx_parse("null", &ap) < 0 && !sy_approx_name(SY_APPROX_NONE) &&
	   strcmp(sy_approx_name(SY_APPROX_ABOUT), "about") == 0,
	   "approx names");
	ok(sy_strdup(NULL) == NULL, "sy_strdup(NULL) is NULL");
	sy_annot_free(&a);
	ok(a.nsections == 0 && a.sections == NULL, "free leaves the model empty");

	m = nested_extra();
	c = sy_node_clone(m);
	ok(node_eq(m, c) && c != m, "node clone is deep and equal");
	ok(sy_node_get(c, "x-flag") && strcmp(sy_node_get(c, "x-flag")->scalar,
					       "on") == 0 &&
	   !sy_node_get(c, "nope"), "node get");
	sy_node_free(m);
	sy_node_free(c);
}

/* ------------------------------------------------------------ round trip */

static char *emit_or_die(const sy_annot *a)
{
	sy_error e;
	char *out;
	size_t len;

	if (sy_annot_emit(a, &out, &len, &e) != SY_OK) {
		diag("emit failed: %s", e.msg);
		return NULL;
	}
	if (strlen(out) != len)
		diag("emit: length mismatch");
	return out;
}

static void test_round_trip(void)
{
	sy_annot a, b;
	sy_error e;
	char *y1, *y2 = NULL;
	sy_status st;
	size_t i;
	bool all = true;

	build_full(&a);
	y1 = emit_or_die(&a);
	ok(y1 != NULL, "emit a model with every field set");
	if (!y1) {
		sy_annot_free(&a);
		return;
	}
	ok(strncmp(y1, "format: shenyue-annotations/1\nsource:\n", 38) == 0,
	   "output starts with the format line");
	ok(!strstr(y1, "---") || strstr(y1, "'---'"), "no document start marker");
	ok(!strstr(y1, "\n...") , "no document end marker");
	ok(strstr(y1, "  title: 小王庄镇2021年法治政府建设情况报告\n") != NULL,
	   "Chinese is written as UTF-8, plain");
	ok(strstr(y1, "  date: '2021-12-16'\n") != NULL, "date is quoted");
	ok(strstr(y1, "  marker: '1.'\n") != NULL, "marker 1. is quoted");
	ok(strstr(y1, "  tags: [borderline, inconsistent]\n") != NULL &&
	   strstr(y1, "  tags: []\n") != NULL, "tags are flow sequences");
	ok(strstr(y1, "  value: 176000000\n") != NULL &&
	   strstr(y1, "  value: 1.0e+20\n") != NULL &&
	   strstr(y1, "  value_max: null\n") != NULL, "numbers and null");
	ok(strstr(y1, "sections:\n- id: s1\n  level: 1\n  marker: 一、\n"
		  "  title: 主要工作及成效\n  start: 215\n  end: 224\n"
		  "  status: accepted\n  tags: []\n- id: s2\n") != NULL,
	   "section layout as in the gold files");
	ok(strstr(y1, "review:\n  reviewer: wang\n  updated: "
		  "'2026-11-21T10:02:03Z'\n  cursor: n2\n  x-time: '12:30'\n") != NULL,
	   "review block with cursor and extra");

	st = sy_annot_parse(y1, strlen(y1), "full.yaml", &b, &e);
	ok(st == SY_OK, "parse what was emitted");
	if (st != SY_OK) {
		diag("%s", e.msg);
		free(y1);
		sy_annot_free(&a);
		return;
	}
	ok(annot_eq(&a, &b), "parse(emit(x)) equals x, field by field");
	is_str(b.sections[1].marker, "1.", "marker 1. reads back as a string");
	is_str(b.doc.date, "2021-12-16", "date reads back as a string");
	ok(b.stats[0].has_value && b.stats[0].value == 176000000,
	   "large integer value");
	ok(b.stats[2].has_value == false && b.stats[2].unit == NULL &&
	   b.stats[2].subject == NULL && b.stats[2].section == NULL,
	   "null fields read back as null");
	ok(b.stats[0].r.proposed && sy_node_get(b.stats[0].r.proposed, "text") &&
	   sy_node_get(b.stats[0].r.proposed, "text")->quoted,
	   "proposed keeps a quoted '12' quoted");
	ok(b.extra && b.extra->n == 2 && strcmp(b.extra->keys[1], "yes") == 0,
	   "unknown top-level keys kept in order");
	for (i = 0; i < NTRICKY; i++)
		if (!str_eq(b.sections[2 + i].title, tricky[i])) {
			all = false;
			diag("tricky string %zu changed", i);
		}
	ok(all, "%zu tricky strings survive the round trip", NTRICKY);
	all = true;
	for (i = 0; i < NNUMBERS; i++)
		if (b.stats[3 + i].value != numbers[i]) {
			all = false;
			diag("number %.17g came back as %.17g", numbers[i],
			     b.stats[3 + i].value);
		}
	ok(all, "%zu numbers survive exactly", NNUMBERS);
	ok(b.next_section_id == a.nsections + 1 && b.next_stat_id == a.nstats + 1,
	   "reader sets next ids past the largest");

	y2 = emit_or_die(&b);
	ok(y2 && strcmp(y1, y2) == 0, "emit(parse(emit(x))) is byte-identical");
	free(y1);
	free(y2);
	sy_annot_free(&a);
	sy_annot_free(&b);
}

/* ------------------------------------------------------------ parsing */

static const char base_doc[] =
	"format: shenyue-annotations/1\n"           /* 1 */
	"source:\n"                                  /* 2 */
	"  path: a.txt\n"                            /* 3 */
	"  sha256: " SHA "\n"                        /* 4 */
	"  chars: 100\n"                             /* 5 */
	"sections:\n"                                /* 6 */
	"- id: s1\n"                                 /* 7 */
	"  level: 1\n"                               /* 8 */
	"  marker: 一、\n"                           /* 9 */
	"  title: 标题\n"                            /* 10 */
	"  start: 0\n"                               /* 11 */
	"  end: 5\n"                                 /* 12 */
	"  status: accepted\n"                       /* 13 */
	"statistics:\n"                              /* 14 */
	"- id: n1\n"                                 /* 15 */
	"  text: 3次\n"                              /* 16 */
	"  start: 10\n"                              /* 17 */
	"  end: 12\n"                                /* 18 */
	"  value: 3\n"                               /* 19 */
	"  status: pending\n";                       /* 20 */

/* Parsing DOC (LEN bytes) is refused with a message holding POS and
 * REASON, and the model is left empty. */
static void refuse_n(const char *doc, size_t len, const char *pos,
		     const char *reason, const char *label)
{
	sy_annot a;
	sy_error e;
	sy_status st;

	memset(&e, 0, sizeof e);
	st = sy_annot_parse(doc, len, "t.yaml", &a, &e);
	if (!ok(st != SY_OK && strstr(e.msg, pos) && strstr(e.msg, reason) &&
		a.nsections == 0 && a.nstats == 0 && !a.source.path &&
		!a.extra, "refuses %s", label))
		diag("got: %s (want %s ... %s)", st != SY_OK ? e.msg : "accepted",
		     pos, reason);
	else
		diag("%s", e.msg);
	sy_annot_free(&a);
}

static void refuse(const char *doc, const char *pos, const char *reason,
		   const char *label)
{
	refuse_n(doc, strlen(doc), pos, reason, label);
}

/* Refuse base_doc with OLD replaced by NEW and TAIL added at its end. */
static void refuse_edit_then(const char *old, const char *new,
			     const char *tail, const char *pos,
			     const char *reason, const char *label)
{
	char *edited = replace(base_doc, old, new);
	char *doc = concat(edited, tail);

	free(edited);
	refuse(doc, pos, reason, label);
	free(doc);
}

/* Refuse base_doc with OLD replaced by NEW. */
static void refuse_edit(const char *old, const char *new, const char *pos,
			const char *reason, const char *label)
{
	refuse_edit_then(old, new, "", pos, reason, label);
}

static void test_minimal(void)
{
	sy_annot a;
	sy_error e;
	sy_status st;
	char *doc, *tmp;

	st = sy_annot_parse(base_doc, strlen(base_doc), "t.yaml", &a, &e);
	ok(st == SY_OK, "minimal file parses");
	if (st != SY_OK) {
		diag("%s", e.msg);
		return;
	}
	ok(a.doc.status == SY_PENDING && !a.doc.title && !a.doc.date &&
	   a.doc.year == 0, "absent document: all null, pending");
	ok(str_eq(a.source.encoding, "utf-8") && a.source.chars == 100 &&
	   strcmp(a.source.sha256, SHA) == 0, "source read, encoding defaults");
	ok(a.sections[0].r.tags.n == 0 && !a.sections[0].r.note &&
	   !a.sections[0].r.proposed && !a.stats[0].unit &&
	   a.stats[0].approx == SY_APPROX_NONE && !a.stats[0].has_value_max &&
	   !a.review.present, "optional fields default to empty / null");
	sy_annot_free(&a);

	/* out of order, ids with gaps: sorted, next ids past the largest */
	doc = replace(base_doc, "- id: s1\n", "- id: s9\n  level: 2\n  marker: x\n"
		      "  title: t\n  start: 50\n  end: 60\n  status: added\n"
		      "- id: s1\n");
	tmp = doc;
	doc = concat(tmp, "- id: n41\n  text: x\n  start: 1\n  end: 2\n"
		     "  value: null\n  status: added\n"
		     "- id: custom\n  text: x\n  start: 1\n  end: 1\n"
		     "  value: -1.5\n  status: added\n");
	free(tmp);
	st = sy_annot_parse(doc, strlen(doc), "t.yaml", &a, &e);
	ok(st == SY_OK && a.nsections == 2 && strcmp(a.sections[0].id, "s1") == 0 &&
	   strcmp(a.sections[1].id, "s9") == 0 && a.nstats == 3 &&
	   strcmp(a.stats[0].id, "custom") == 0 &&
	   strcmp(a.stats[1].id, "n41") == 0 &&
	   strcmp(a.stats[2].id, "n1") == 0, "items are sorted by start, stably");
	ok(st == SY_OK && a.next_section_id == 10 && a.next_stat_id == 42,
	   "next ids: 1 + the largest sN / nN");
	sy_annot_free(&a);
	free(doc);
}

static void test_refusals(void)
{
	char *doc;

	refuse_edit("  level: 1\n", "  level: [1\n", "t.yaml:9:",
		    "YAML syntax error", "a YAML syntax error");
	refuse_edit("format: shenyue-annotations/1\n", "", "t.yaml:1:1:",
		    "missing 'format'", "a missing format");
	refuse_edit("shenyue-annotations/1", "shenyue-annotations/2",
		    "t.yaml:1:9:", "unknown format 'shenyue-annotations/2'",
		    "an unknown format");
	refuse("- a\n- b\n", "t.yaml:1:1:", "expected a mapping", "a list file");
	refuse("", "t.yaml:1:1:", "missing 'format'", "an empty file");
	refuse("# only a comment\n", "t.yaml:", "missing 'format'",
	       "a comment-only file");
	refuse_edit("  title: 标题\n", "", "t.yaml:7:3:",
		    "missing required field 'title'", "a missing section title");
	refuse_edit("  value: 3\n", "", "t.yaml:15:3:",
		    "missing required field 'value'", "a missing value");
	refuse_edit("  sha256: " SHA "\n", "", "t.yaml:3:3:",
		    "missing required field 'sha256'", "a missing sha256");
	refuse_edit("source:\n", "src:\n", "t.yaml:1:1:",
		    "missing required field 'source'", "a missing source");
	refuse_edit("  start: 0\n", "  start: abc\n", "t.yaml:11:10:",
		    "start: expected an integer", "start: abc");
	refuse_edit("  level: 1\n", "  level: x\n", "t.yaml:8:10:",
		    "level: expected an integer", "level: x");
	refuse_edit("  start: 0\n", "  start: '0'\n", "t.yaml:11:10:",
		    "expected an integer", "a quoted offset");
	refuse_edit("  value: 3\n", "  value: lots\n", "t.yaml:19:10:",
		    "expected a number", "value: lots");
	doc = replace(base_doc, "sections:\n", "sections: abc\nx:\n");
	refuse(doc, "t.yaml:6:11:", "sections must be a list",
	       "sections that are not a list");
	free(doc);
	refuse_edit("  status: accepted\n", "  status: done\n", "t.yaml:13:11:",
		    "unknown status 'done'", "an unknown status");
	refuse_edit("  value: 3\n", "  value: 3\n  approx: maybe\n",
		    "t.yaml:20:11:", "unknown approx 'maybe'", "an unknown approx");
	refuse_edit("- id: n1\n", "- id: s1\n", "t.yaml:15:7:",
		    "duplicate id 's1'", "a duplicate id");
	refuse_edit("  start: 0\n  end: 5\n", "  start: 6\n  end: 5\n",
		    "t.yaml:11:10:", "start 6 > end 5", "start > end");
	refuse_edit("  end: 12\n", "  end: 101\n", "t.yaml:18:8:",
		    "end 101 beyond source.chars 100", "end beyond source.chars");
	refuse_edit("  start: 10\n", "  start: -1\n", "t.yaml:17:10:",
		    "negative offset", "a negative offset");
	refuse_edit("  level: 1\n", "  level: 1\n  level: 2\n", "t.yaml:9:3:",
		    "duplicate key 'level'", "a duplicate key");
	refuse_edit("  sha256: " SHA, "  sha256: abc", "t.yaml:4:11:",
		    "64 hex digits", "a bad sha256");
	refuse_edit("  chars: 100\n", "  chars: 100\n  encoding: latin1\n",
		    "t.yaml:6:13:", "unknown encoding 'latin1'",
		    "an unknown encoding");
	refuse_edit("  marker: 一、\n", "  marker: null\n", "t.yaml:9:11:",
		    "expected a string, not null", "a null marker");
	refuse_edit("  value: 3\n", "  value: 3\n  tags: x\n", "t.yaml:20:9:",
		    "tags must be a list", "tags that are not a list");
	refuse_edit("  status: pending\n", "  status: fixed\n  proposed: 3\n",
		    "t.yaml:21:13:", "proposed must be a mapping",
		    "proposed that is not a mapping");
	doc = concat(base_doc, "---\nformat: x\n");
	refuse(doc, "t.yaml:21:1:", "more than one YAML document",
	       "a second document");
	free(doc);
	doc = concat(base_doc, "x: &a [1, 2]\n");
	refuse(doc, "t.yaml:21:4:", "anchors are not allowed", "an anchor");
	free(doc);
	doc = concat(base_doc, "x: *a\n");
	refuse(doc, "t.yaml:21:4:", "aliases are not allowed", "an alias");
	free(doc);
	refuse_n("format: shenyue-annotations/1\nx: a\0b\n", 36, "t.yaml:2:5:",
		 "NUL byte", "a NUL byte");
	refuse("format: shenyue-annotations/1\nx: \"a\\0b\"\n", "t.yaml:2:4:",
	       "NUL character", "an escaped NUL");
	refuse("format: shenyue-annotations/1\nx: ab\xff\n", "t.yaml:2:",
	       "invalid", "invalid UTF-8");
	refuse("format: shenyue-annotations/1\n? [a]\n: b\n", "t.yaml:2:3:",
	       "keys must be strings", "a non-scalar key");
}

/* ------------------------------------------------------------ limits */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void test_limits(void)
{
	size_t depth = 10000, big = 2u << 20, i;
	char *doc, *p;
	double t0;

	/* billion laughs */
	doc = xmalloc(8192);
	p = doc + sprintf(doc, "format: shenyue-annotations/1\n"
			  "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
	for (i = 1; i < 10; i++)
		p += sprintf(p, "%c: &%c [*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c]\n",
			     (char)('a' + i), (char)('a' + i), (char)('a' + i - 1),
			     (char)('a' + i - 1), (char)('a' + i - 1),
			     (char)('a' + i - 1), (char)('a' + i - 1),
			     (char)('a' + i - 1), (char)('a' + i - 1),
			     (char)('a' + i - 1), (char)('a' + i - 1));
	t0 = now();
	refuse(doc, "t.yaml:2:4:", "anchors are not allowed", "a billion laughs");
	ok(now() - t0 < 1.0, "billion laughs refused quickly");
	free(doc);

	/* deep nesting */
	doc = xmalloc(2 * depth + 64);
	p = doc + sprintf(doc, "format: shenyue-annotations/1\nx: ");
	memset(p, '[', depth);
	memset(p + depth, ']', depth);
	strcpy(p + 2 * depth, "\n");
	t0 = now();
	refuse(doc, "t.yaml:2:", "nesting deeper than 64", "10000 levels of nesting");
	ok(now() - t0 < 1.0, "deep nesting refused quickly");
	free(doc);
	doc = xmalloc(256);
	strcpy(doc, "format: shenyue-annotations/1\nx: ");
	for (i = 0; i < 63; i++)
		strcat(doc, "[");
	for (i = 0; i < 63; i++)
		strcat(doc, "]");
	refuse(doc, "t.yaml:", "missing required field 'source'",
	       "64 levels (allowed; then missing source)");
	free(doc);

	/* a 2 MiB scalar */
	doc = xmalloc(big + 64);
	p = doc + sprintf(doc, "format: shenyue-annotations/1\nx: ");
	memset(p, 'a', big);
	strcpy(p + big, "\n");
	refuse(doc, "t.yaml:2:4:", "scalar longer than 1 MiB", "a 2 MiB scalar");
	free(doc);
}

/* ------------------------------------------------------------ gold files */

static void test_gold(void)
{
	const char *top = getenv("top_srcdir");
	char dir[1024];
	DIR *d;
	struct dirent *de;
	int files = 0, parsed = 0, stable = 0, items = 0;

	snprintf(dir, sizeof dir, "%s/../shared/gold", top ? top : ".");
	d = top ? opendir(dir) : NULL;
	if (!d) {
		ok(1, "gold files # SKIP %s not found", dir);
		ok(1, "gold files re-emit # SKIP");
		ok(1, "gold 002 fields # SKIP");
		return;
	}
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);
		char *path, *y1, *y2;
		sy_annot a, b;
		sy_error e;

		if (n < 6 || strcmp(de->d_name + n - 5, ".yaml") != 0)
			continue;
		files++;
		path = path_in(dir, de->d_name);
		if (sy_annot_load(path, &a, &e) != SY_OK) {
			diag("%s", e.msg);
			free(path);
			continue;
		}
		parsed++;
		items += a.nsections + a.nstats > 0;
		y1 = emit_or_die(&a);
		if (y1 && sy_annot_parse(y1, strlen(y1), path, &b, &e) == SY_OK) {
			y2 = emit_or_die(&b);
			if (annot_eq(&a, &b) && y2 && strcmp(y1, y2) == 0)
				stable++;
			free(y2);
			sy_annot_free(&b);
		}
		if (strcmp(de->d_name, "002_06489e28dfc926c3.yaml") == 0)
			ok(str_eq(a.doc.date, "2021-12-16") && a.doc.year == 2021 &&
			   str_eq(a.doc.title, "小王庄镇2021年法治政府建设情况报告") &&
			   a.nsections == 18 && str_eq(a.sections[13].marker, "三、") &&
			   a.review.present && str_eq(a.review.reviewer, "gold"),
			   "gold 002 fields read");
		free(y1);
		free(path);
		sy_annot_free(&a);
	}
	closedir(d);
	ok(files > 0 && parsed == files && items == files,
	   "all %d gold files parse (%d)", files, parsed);
	ok(stable == files, "gold files round-trip (%d of %d)", stable, files);
}

/* ------------------------------------------------------------ atomic writes */

static void test_atomic(void)
{
	char *f = path_in(tmpdir, "a.yaml"), *sub = path_in(tmpdir, "adir");
	char *missing = path_in(tmpdir, "nodir/x.yaml"), *got;
	sy_error e;
	sy_status st;
	struct stat sb;
	sy_annot a, b;

	st = sy_write_atomic(f, "one\n", 4, &e);
	got = slurp(f, NULL);
	ok(st == SY_OK && got && strcmp(got, "one\n") == 0, "atomic write creates");
	free(got);
	ok(stat(f, &sb) == 0 && (sb.st_mode & 0777) == 0644,
	   "new file is 0644 under umask 022");
	chmod(f, 0600);
	st = sy_write_atomic(f, "two\n", 4, &e);
	got = slurp(f, NULL);
	ok(st == SY_OK && got && strcmp(got, "two\n") == 0, "atomic write replaces");
	free(got);
	ok(stat(f, &sb) == 0 && (sb.st_mode & 0777) == 0600,
	   "replacing keeps the old permissions");

	st = sy_write_atomic(missing, "x", 1, &e);
	ok(st == SY_ERR_IO && strstr(e.msg, missing) &&
	   strstr(e.msg, strerror(ENOENT)), "missing folder: error names the path");
	mkdir(sub, 0755);
	st = sy_write_atomic(sub, "x", 1, &e);
	ok(st == SY_ERR_IO && strstr(e.msg, sub) && stat(sub, &sb) == 0 &&
	   S_ISDIR(sb.st_mode), "path is a folder: refused, folder intact");
	got = slurp(f, NULL);
	ok(got && strcmp(got, "two\n") == 0, "old file intact after failures");
	free(got);

	if (geteuid() == 0) {
		ok(1, "read-only folder # SKIP running as root");
	} else {
		char *ro = path_in(tmpdir, "ro"), *rof;
		mkdir(ro, 0755);
		rof = path_in(ro, "f.yaml");
		spit(rof, "old\n");
		chmod(ro, 0555);
		st = sy_write_atomic(rof, "new\n", 4, &e);
		got = slurp(rof, NULL);
		ok(st == SY_ERR_IO && strstr(e.msg, rof) && got &&
		   strcmp(got, "old\n") == 0 && count_hidden(ro) == 0,
		   "read-only folder: error, old file intact");
		free(got);
		chmod(ro, 0755);
		unlink(rof);
		rmdir(ro);
		free(rof);
		free(ro);
	}
	ok(count_hidden(tmpdir) == 0, "no temporary files left behind");

	build_full(&a);
	st = sy_annot_save(&a, f, &e);
	ok(st == SY_OK, "sy_annot_save");
	st = sy_annot_load(f, &b, &e);
	ok(st == SY_OK && annot_eq(&a, &b), "sy_annot_load reads it back");
	sy_annot_free(&b);
	st = sy_annot_save(&a, missing, &e);
	ok(st == SY_ERR_IO && strstr(e.msg, missing), "save to a missing folder");
	st = sy_annot_load(missing, &b, &e);
	ok(st == SY_ERR_IO && strstr(e.msg, missing) && b.nsections == 0,
	   "load of a missing file names it");
	{
		FILE *tf = tmpfile();
		char *y = emit_or_die(&a), buf[64] = "";
		st = tf ? sy_annot_write_stream(&a, tf, "-", &e) : SY_ERR_IO;
		if (tf) {
			rewind(tf);
			if (!fgets(buf, sizeof buf, tf))
				buf[0] = '\0';
			fclose(tf);
		}
		ok(st == SY_OK && strcmp(buf, "format: shenyue-annotations/1\n") == 0,
		   "write to a stream");
		free(y);
	}
	sy_annot_free(&a);
	unlink(f);
	rmdir(sub);
	free(f);
	free(sub);
	free(missing);
}

/* ------------------------------------------------------------ PyYAML */

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* One expectation: at PATH (JSON list), a string S (NULL: null). */
static void expect_str(FILE *f, const char *path, const char *s)
{
	fprintf(f, "%s\t%s\t", path, s ? "s" : "n");
	if (s)
		json_str(f, s);
	fputc('\n', f);
}

static void expect_num(FILE *f, const char *path, double v)
{
	fprintf(f, "%s\tf\t%a\n", path, v);
}

static const char check_py[] =
	"import sys, json, yaml\n"
	"d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))\n"
	"for line in open(sys.argv[2], encoding='utf-8'):\n"
	"    path, kind, want = line.rstrip('\\n').split('\\t')\n"
	"    v = d\n"
	"    try:\n"
	"        for k in json.loads(path): v = v[k]\n"
	"    except Exception as e:\n"
	"        print('bad', path, 'missing'); continue\n"
	"    if kind == 's': good = type(v) is str and v == json.loads(want)\n"
	"    elif kind == 'n': good = v is None\n"
	"    elif kind == 'i': good = type(v) is int and v == int(want)\n"
	"    else: good = type(v) in (int, float) and v == float.fromhex(want)\n"
	"    print('ok' if good else 'bad', path, repr(v))\n";

static void test_pyyaml(void)
{
	const char *py = getenv("PYTHON3");
	char *yml = path_in(tmpdir, "py.yaml"), *exp = path_in(tmpdir, "py.tsv");
	char *script = path_in(tmpdir, "check.py"), *y, cmd[2048], line[4096];
	char path[128];
	sy_annot a;
	FILE *f, *p;
	size_t i;
	int good = 0, bad = 0;

	if (!py || !*py) {
		ok(1, "PyYAML reads our output # SKIP PYTHON3 not set");
		ok(1, "PyYAML values # SKIP");
		goto out;
	}
	build_full(&a);
	y = emit_or_die(&a);
	spit(yml, y ? y : "");
	spit(script, check_py);
	f = fopen(exp, "w");
	expect_str(f, "[\"format\"]", SY_FORMAT_NAME);
	expect_str(f, "[\"source\", \"path\"]", a.source.path);
	expect_str(f, "[\"source\", \"sha256\"]", SHA);
	fprintf(f, "[\"source\", \"chars\"]\ti\t100000\n");
	expect_str(f, "[\"document\", \"title\"]", a.doc.title);
	expect_str(f, "[\"document\", \"issuer\"]", NULL);
	expect_str(f, "[\"document\", \"date\"]", "2021-12-16");
	fprintf(f, "[\"document\", \"year\"]\ti\t2021\n");
	expect_str(f, "[\"document\", \"x-list\", 2]", "yes");
	expect_str(f, "[\"document\", \"x-list\", 3, \"深\"]", "值");
	expect_str(f, "[\"review\", \"updated\"]", "2026-11-21T10:02:03Z");
	expect_str(f, "[\"review\", \"x-time\"]", "12:30");
	expect_str(f, "[\"x-top\", \"tagged\"]", "5");
	expect_str(f, "[\"yes\"]", "no");
	for (i = 0; i < a.nsections; i++) {
		snprintf(path, sizeof path, "[\"sections\", %zu, \"title\"]", i);
		expect_str(f, path, a.sections[i].title);
		snprintf(path, sizeof path, "[\"sections\", %zu, \"marker\"]", i);
		expect_str(f, path, a.sections[i].marker);
		snprintf(path, sizeof path, "[\"sections\", %zu, \"tags\", 0]", i);
		if (a.sections[i].r.tags.n)
			expect_str(f, path, a.sections[i].r.tags.v[0]);
	}
	for (i = 0; i < a.nstats; i++) {
		snprintf(path, sizeof path, "[\"statistics\", %zu, \"value\"]", i);
		if (a.stats[i].has_value)
			expect_num(f, path, a.stats[i].value);
		else
			expect_str(f, path, NULL);
		snprintf(path, sizeof path, "[\"statistics\", %zu, \"approx\"]", i);
		expect_str(f, path, sy_approx_name(a.stats[i].approx));
	}
	expect_num(f, "[\"statistics\", 1, \"value_max\"]", 3);
	expect_str(f, "[\"statistics\", 0, \"proposed\", \"text\"]", "12");
	fprintf(f, "[\"statistics\", 0, \"proposed\", \"value\"]\ti\t938\n");
	expect_str(f, "[\"statistics\", 2, \"x-why\"]", "not a number\nat all");
	fclose(f);
	snprintf(cmd, sizeof cmd, "'%s' '%s' '%s' '%s' 2>&1", py, script, yml, exp);
	p = popen(cmd, "r");
	while (p && fgets(line, sizeof line, p)) {
		if (strncmp(line, "ok ", 3) == 0) {
			good++;
		} else {
			bad++;
			diag("%s", strtok(line, "\n") ? line : "");
		}
	}
	ok(p && pclose(p) == 0 && good > 0, "PyYAML reads our output");
	ok(good > 100 && bad == 0, "PyYAML values match (%d ok, %d bad)", good, bad);
	free(y);
	sy_annot_free(&a);
	unlink(yml);
	unlink(exp);
	unlink(script);
out:
	free(yml);
	free(exp);
	free(script);
}

/* ------------------------------------------------------------ emit, accept */

static void test_emit_misc(void)
{
	sy_annot a;
	sy_error e;
	char *out = (char *)"x", *want, longt[4096] = "";
	sy_section *s;
	size_t i;

	sy_annot_init(&a);
	strcpy(a.source.sha256, SHA);
	a.source.path = xstrdup("a.txt");
	a.source.chars = 10;
	s = sy_annot_add_section(&a);
	s->level = 1;
	s->marker = xstrdup("一、");
	s->title = xstrdup("t");
	s->start = 5;
	s->end = 11;
	ok(sy_annot_emit(&a, &out, NULL, &e) == SY_ERR_FORMAT && !out &&
	   strstr(e.msg, "beyond source.chars"),
	   "emit refuses what the reader would refuse");
	s->end = 6;
	free(s->title);
	s->title = xstrdup("bad \xff utf-8");
	ok(sy_annot_emit(&a, &out, NULL, &e) == SY_ERR_ENCODING && !out,
	   "emit refuses invalid UTF-8");
	free(s->title);
	for (i = 0; i < 150; i++)
		strcat(strcat(longt, i ? " " : ""), "很长的标题");
	s->title = xstrdup(longt);
	want = concat("  title: ", longt);
	out = emit_or_die(&a);
	ok(out && strstr(out, want) && strstr(out, want)[strlen(want)] == '\n',
	   "a %zu-byte title is not folded", strlen(longt));
	free(want);
	free(out);
	sy_annot_free(&a);
}

/* Inputs that are fine: a BOM, CRLF line ends, flow style, comments. */
static void test_accepts(void)
{
	sy_annot a;
	sy_error e;
	char *doc = replace(base_doc, "", "\xef\xbb\xbf"), *crlf, *p, *q;
	sy_status st;

	st = sy_annot_parse(doc, strlen(doc), "t.yaml", &a, &e);
	ok(st == SY_OK && a.nsections == 1, "a UTF-8 BOM is accepted");
	sy_annot_free(&a);
	crlf = xmalloc(2 * strlen(base_doc) + 1);
	for (p = (char *)base_doc, q = crlf; *p; p++) {
		if (*p == '\n')
			*q++ = '\r';
		*q++ = *p;
	}
	*q = '\0';
	st = sy_annot_parse(crlf, strlen(crlf), "t.yaml", &a, &e);
	ok(st == SY_OK && a.nstats == 1 && str_eq(a.stats[0].text, "3次"),
	   "CRLF line ends are accepted");
	sy_annot_free(&a);
	free(crlf);
	free(doc);
	doc = "# a comment\n{format: shenyue-annotations/1, source: {path: a, "
	      "sha256: " SHA ", chars: 9}, statistics: [{id: n3, text: '1', "
	      "start: 0, end: 1, value: .5, status: added, approx: about, "
	      "tags: [a, b]}]}  # end\n";
	st = sy_annot_parse(doc, strlen(doc), "t.yaml", &a, &e);
	ok(st == SY_OK && a.nstats == 1 && a.stats[0].value == 0.5 &&
	   a.stats[0].approx == SY_APPROX_ABOUT && a.stats[0].r.tags.n == 2 &&
	   a.next_stat_id == 4 && a.next_section_id == 1,
	   "flow style and comments are accepted");
	if (st != SY_OK)
		diag("%s", e.msg);
	sy_annot_free(&a);
}

/* ------------------------------------------------------------ streaming
 * The item lists are read item by item and the writer's subset of YAML by
 * a fast scanner (annot_parse.c); neither may change what is accepted,
 * what is read, or which message a refusal gives. */

/* DOC parsed twice, as it is and with an explicit document end appended
 * (which the fast scanner leaves to libyaml): both accepted, with equal
 * models. */
static bool same_both_ways(const char *doc, const char *label)
{
	char *doc2 = concat(doc, "...\n");
	sy_annot a, b;
	sy_error e1, e2;
	sy_status s1, s2;
	bool same;

	s1 = sy_annot_parse(doc, strlen(doc), "t.yaml", &a, &e1);
	s2 = sy_annot_parse(doc2, strlen(doc2), "t.yaml", &b, &e2);
	same = s1 == SY_OK && s2 == SY_OK && annot_eq(&a, &b) &&
	       a.next_section_id == b.next_section_id &&
	       a.next_stat_id == b.next_stat_id;
	if (!ok(same, "%s: same model either way", label))
		diag("%s / %s", s1 ? e1.msg : "ok", s2 ? e2.msg : "ok");
	sy_annot_free(&a);
	sy_annot_free(&b);
	free(doc2);
	return same;
}

/* DOC as a file, loaded: refused with a message holding POS and REASON. */
static void refuse_file(const char *doc, size_t len, const char *pos,
			const char *reason, const char *label)
{
	char *f = path_in(tmpdir, "r.yaml"), *want = concat(f, pos);
	FILE *fp = fopen(f, "wb");
	sy_annot a;
	sy_error e;
	sy_status st = SY_ERR_IO;

	memset(&e, 0, sizeof e);
	if (fp && fwrite(doc, 1, len, fp) == len && fclose(fp) == 0) {
		fp = NULL;
		st = sy_annot_load(f, &a, &e);
		sy_annot_free(&a);
	}
	if (fp)
		fclose(fp);
	if (!ok(st != SY_OK && strstr(e.msg, want) && strstr(e.msg, reason),
		"load refuses %s", label))
		diag("got: %s (want %s ... %s)", st ? e.msg : "accepted", want,
		     reason);
	unlink(f);
	free(want);
	free(f);
}

static void test_streaming(void)
{
	char *doc, *tmp, *f, *big;
	size_t i, n = 3000, len;
	sy_annot a, b;
	sy_error e;
	sy_status st;

	/* a bad item is reported after a YAML error further on, and after
	 * the document, which comes first in the model */
	refuse_edit_then("  end: 5\n", "  end: 500\n", "x: [1\n",
			 "t.yaml:22:1:", "YAML syntax error",
			 "a bad item before a YAML error (the YAML error)");
	refuse_edit_then("  end: 5\n", "  end: 500\n", "document:\n  year: x\n",
			 "t.yaml:22:9:", "year: expected an integer",
			 "a bad item before a bad document (the document)");
	refuse_edit("  end: 5\n", "  end: 500\n", "t.yaml:12:8:",
		    "end 500 beyond source.chars 100",
		    "a span beyond source.chars in a streamed item");

	/* lists before source, and keys in any order */
	doc = "format: shenyue-annotations/1\n"
	      "statistics:\n- id: n1\n  text: 3次\n  start: 10\n  end: 12\n"
	      "  value: 3\n  status: pending\n"
	      "sections:\n- id: s1\n  level: 1\n  marker: 一、\n  title: 标题\n"
	      "  start: 0\n  end: 5\n  status: accepted\n"
	      "source:\n  path: a.txt\n  sha256: " SHA "\n  chars: 100\n";
	st = sy_annot_parse(doc, strlen(doc), "t.yaml", &a, &e);
	ok(st == SY_OK && sy_annot_parse(base_doc, strlen(base_doc), "t.yaml",
					 &b, &e) == SY_OK &&
	   annot_eq(&a, &b), "lists before source read as after it");
	sy_annot_free(&a);
	sy_annot_free(&b);
	tmp = replace(doc, "  end: 5\n", "  end: 101\n");
	refuse(tmp, "t.yaml:15:8:", "end 101 beyond source.chars 100",
	       "a span beyond source.chars that comes after");
	free(tmp);

	/* duplicate ids: the smallest id, sections counted first */
	doc = "format: shenyue-annotations/1\n"
	      "source:\n  path: a.txt\n  sha256: " SHA "\n  chars: 100\n"
	      "statistics:\n- id: s5\n  text: x\n  start: 1\n  end: 2\n"
	      "  value: 3\n  status: pending\n"
	      "- id: s1\n  text: x\n  start: 1\n  end: 2\n"
	      "  value: 3\n  status: pending\n"
	      "sections:\n- id: s5\n  level: 1\n  marker: 一、\n  title: t\n"
	      "  start: 0\n  end: 5\n  status: accepted\n"
	      "- id: s1\n  level: 1\n  marker: 一、\n  title: t\n"
	      "  start: 0\n  end: 5\n  status: accepted\n";
	refuse(doc, "t.yaml:13:7:", "duplicate id 's1' (first at line 27)",
	       "duplicate ids over both lists");

	/* the fast reading and libyaml's agree */
	same_both_ways(base_doc, "the minimal file");
	build_full(&a);
	doc = emit_or_die(&a);
	sy_annot_free(&a);
	if (doc)
		same_both_ways(doc, "a file with every field");
	free(doc);
	doc = replace(base_doc, "  status: accepted\n",
		      "  status: fixed\n  tags:\n  - a\n  - 'b c'\n"
		      "  proposed:\n    title: '1.'\n    level: 2\n"
		      "  x-list:\n    - [a, 'it''s']\n    - k: v\n      l: \"q\"\n");
	same_both_ways(doc, "block lists, nested mappings, quotes");
	free(doc);

	/* a large file, loaded while it is read */
	big = xmalloc(256 * n + 512);
	len = (size_t)sprintf(big, "format: shenyue-annotations/1\nsource:\n"
			      "  path: a.txt\n  sha256: " SHA "\n"
			      "  chars: %zu\nstatistics:\n", n + 1);
	for (i = 0; i < n; i++)
		len += (size_t)sprintf(big + len,
				       "- id: n%zu\n  text: %zu件\n  start: %zu\n"
				       "  end: %zu\n  value: %zu\n  unit: 件\n"
				       "  status: pending\n  tags: [a]\n",
				       n - i, i, n - i - 1, n - i, i);
	f = path_in(tmpdir, "big.yaml");
	spit(f, big);
	st = sy_annot_load(f, &a, &e);
	ok(st == SY_OK && a.nstats == n && a.stats[0].start == 0 &&
	   str_eq(a.stats[0].id, "n1") && a.next_stat_id == n + 1 &&
	   a.next_section_id == 1, "a file of %zu items loads", n);
	sy_annot_free(&a);
	same_both_ways(big, "a file of many items");
	unlink(f);
	free(f);
	free(big);

	/* a file refused as the whole-file reading refused it */
#define DOC_LEN(s) s, sizeof s - 1
	refuse_file(DOC_LEN("format: shenyue-annotations/1\nx: [1\ny: a\0b\n"),
		    ":3:5:", "NUL byte", "a NUL byte after a YAML error");
	refuse_file(DOC_LEN("format: shenyue-annotations/1\nx: \xe4\xb8\xad\xff\n"),
		    ":2:5:", "invalid input", "invalid UTF-8, with its place");
	refuse_file(DOC_LEN("format: shenyue-annotations/1\nx: [1\n"),
		    ":3:1:", "YAML syntax error", "a YAML error in a file");
#undef DOC_LEN
}

int main(void)
{
	const char *t = getenv("TMPDIR");

	umask(022);
	snprintf(tmpdir, sizeof tmpdir, "%s/test_yaml.XXXXXX",
		 t && *t ? t : "/tmp");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 99;
	}
	test_model();
	test_round_trip();
	test_minimal();
	test_refusals();
	test_limits();
	test_gold();
	test_emit_misc();
	test_accepts();
	test_atomic();
	test_pyyaml();
	test_streaming();
	if (rmdir(tmpdir) < 0)
		diag("could not remove %s: %s", tmpdir, strerror(errno));
	return tap_done();
}
