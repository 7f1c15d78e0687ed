/* test_fastwrite.c - the writer's fast path (core/annot_fast.c) against
 * libyaml's emitter: every model here is written both ways
 * (sy_annot_emit and sy_annot_emit_libyaml) and the bytes, or the
 * refusal, must be the same.
 *
 *   - each printable ASCII character alone, first, last, in the middle,
 *     before and after a space, in every string field and in a tag;
 *   - a table of hostile strings (controls, breaks, BOM, noncharacters,
 *     4-byte characters, invalid UTF-8, YAML indicators, special words,
 *     numbers, dates, quotes);
 *   - 3,000 random models built from those pieces, with notes, tags,
 *     proposed values, unknown keys, review data and empty lists;
 *   - the streaming writer, flushing through a write function, on a model
 *     larger than its buffer;
 * and that the fast path is taken for ordinary extracted items.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annot.h"
#include "annot_fast.h"
#include "annot_io.h"
#include "extract.h"
#include "node.h"
#include "tap.h"

/* ------------------------------------------------------------ comparing */

/* Write A both ways; true when both refuse alike or give the same bytes.
 * On a difference, shows it under WHAT. */
static bool same_both_ways(const sy_annot *a, const char *what)
{
	char *f = NULL, *l = NULL;
	size_t fn = 0, ln = 0, i;
	sy_error fe, le;
	sy_status fs, ls;
	bool same;

	memset(&fe, 0, sizeof fe);
	memset(&le, 0, sizeof le);
	fs = sy_annot_emit(a, &f, &fn, &fe);
	ls = sy_annot_emit_libyaml(a, &l, &ln, &le);
	if (fs != ls) {
		printf("# %s: fast %d (%s), libyaml %d (%s)\n", what, (int)fs,
		       fs ? fe.msg : "ok", (int)ls, ls ? le.msg : "ok");
		same = false;
	} else if (fs != SY_OK) {
		same = strcmp(fe.msg, le.msg) == 0;
		if (!same)
			printf("# %s: messages differ:\n#   %s\n#   %s\n", what,
			       fe.msg, le.msg);
	} else {
		same = fn == ln && memcmp(f, l, fn) == 0;
		if (!same) {
			for (i = 0; i < fn && i < ln && f[i] == l[i]; i++)
				;
			while (i > 0 && f[i - 1] != '\n')
				i--;
			printf("# %s: output differs at byte %zu\n# fast:    %.120s"
			       "\n# libyaml: %.120s\n", what, i, f + i, l + i);
		}
	}
	free(f);
	free(l);
	return same;
}

/* ------------------------------------------------------------ models */

static char *dup(const char *s)
{
	return s ? sy_strdup(s) : NULL;
}

/* A model with one section and one statistic; every string field of both
 * (and a tag and the note of each) is S; NULL fields where S is NULL. */
static void model_of(sy_annot *a, const char *s)
{
	sy_section *sec;
	sy_stat *st;

	sy_annot_init(a);
	a->source.path = dup("r.txt");
	a->source.encoding = dup("utf-8");
	a->source.chars = 100;
	memset(a->source.sha256, 'a', 64);
	a->doc.status = SY_PENDING;
	sec = sy_annot_add_section(a);
	sec->level = 1;
	sec->marker = dup(s ? s : "一、");
	sec->title = dup(s ? s : "");
	sec->start = 0;
	sec->end = 5;
	sec->r.status = SY_ACCEPTED;
	if (s) {
		sy_tags_add(&sec->r.tags, s);
		sy_tags_add(&sec->r.tags, "x");
		sec->r.note = dup(s);
	}
	st = sy_annot_add_stat(a);
	st->text = dup(s ? s : "53宗");
	st->start = 6;
	st->end = 9;
	st->value = 53;
	st->has_value = true;
	st->unit = dup(s);
	st->subject = dup(s);
	st->section = dup(sec->id);
	st->r.status = SY_PENDING;
	if (s) {
		sy_tags_add(&st->r.tags, "y");
		sy_tags_add(&st->r.tags, s);
	}
}

/* The hostile strings. */
static const char *const hostile[] = {
	"", " ", "  ", "a ", " a", "a  b", "a\tb", "\t", "a\nb", "a\r\nb",
	"a\rb", "\n", "a\n", "\na", "a\x01" "b", "a\x7f" "b", "\x1b[31m",
	"a\xc2\x85" "b", "a\xc2\x80" "b", "a\xc2\x9f" "b", "a\xc2\xa0" "b",
	"\xc2\xa0", "a\xe2\x80\xa8" "b", "a\xe2\x80\xa9" "b",
	"\xef\xbb\xbf" "a", "a\xef\xbb\xbf", "a\xef\xbf\xbe", "a\xef\xbf\xbf",
	"a\xef\xbf\xbd", "\xee\x80\x80", "a\xed\x9f\xbf", "a\xed\xa0\x80",
	"\xf0\x9f\x98\x80", "数\xf0\xa0\x80\x80字", "\xff", "a\xc0\xafz",
	"\xe0\x80\xaf", "a\xe4\xb8", "a\xe4", "\xc3", "\xe2\x80\x8b",
	"\xe2\x80\xae" "abc", "\xd8\xa7",
	"---", "--- a", "---a", "...", "... a", "....", "-", "- ", "- a", "-a",
	"a -", "?", "? a", "?a", "a?", "a ?", ":", ": a", ":a", "a:", "a: b",
	"a:b", "a :", "#", "# a", "#a", "a#", "a #b", "a# b", "a #", ",", ",a",
	"a,", "a, b", "[", "a[b", "]", "{", "}", "a{b}", "&a", "*a", "!a",
	"!!str", "|", "|a", ">", ">a", "a>", "'", "'a'", "a'b", "''", "it's",
	"\"", "\"a\"", "a\"b", "%", "%a", "50%", "@a", "a@b", "`a", "a`",
	"\\", "a\\nb", "~", "null", "Null", "NULL", "nUll", "yes", "Yes", "no",
	"No", "y", "Y", "n", "N", "true", "False", "on", "OFF", "off", "<<",
	"=", "==", "0", "00", "007", "08", "0b101", "0x1F", "0xG", "0o17",
	"-1", "+1", "1_000", "1:20", "1:20:30", "190:20:30.15", "1.", "1.5",
	".5", "-.5", "1e5", "1e+5", "1.0e+5", "1E-5", ".inf", "-.Inf", ".NaN",
	".nan", "inf", "nan", "2021-12-16", "2021-1-6 1:02:03",
	"2021-12-16T12:00:00Z", "2021-12-16 12:00:00 +08:00", "2021/12/16",
	"1.76亿元", "53宗", "92.5%", "２０２３年", "（一）", "一、", "1、",
	"(1)", "“放管服”", "12345热线", "3·15", "「a」", "a　b", "　",
	"受理信访案件53宗，办结49宗", "a：b", "a；b", "日本語 text: ok",
	"Ünïcödé", "s1", "n12", "t7",
};

#define NHOSTILE (sizeof hostile / sizeof *hostile)

/* ------------------------------------------------------------ random */

static uint64_t rng_state;

static unsigned rnd(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

/* A random string: 0-4 pieces, each a hostile string, a CJK word or a
 * single ASCII character. */
static char *rnd_str(void)
{
	static const char *const words[] = {
		"法治", "政府", "建设", "受理", "案件", "亿元", "万", "余",
		"多", "%", "宗", "件", "。", "，", "：", "1", "2.5", "a", "b",
	};
	char buf[512];
	size_t n = 0;
	unsigned k = rnd(5), i;

	buf[0] = '\0';
	for (i = 0; i < k; i++) {
		const char *p;
		char one[2];

		switch (rnd(3)) {
		case 0:
			p = hostile[rnd(NHOSTILE)];
			break;
		case 1:
			p = words[rnd(sizeof words / sizeof *words)];
			break;
		default:
			one[0] = (char)(0x20 + rnd(95));
			one[1] = '\0';
			p = one;
		}
		if (n + strlen(p) + 1 > sizeof buf)
			break;
		memcpy(buf + n, p, strlen(p) + 1);
		n += strlen(p);
	}
	return sy_strdup(buf);
}

/* A string, or NULL one time in five. */
static char *rnd_str_or_null(void)
{
	return rnd(5) == 0 ? NULL : rnd_str();
}

/* A node: a scalar, or a small map or sequence, DEPTH levels at most. */
static sy_node *rnd_node(int depth)
{
	unsigned kind = depth > 0 ? rnd(3) : 0, i, n = rnd(3);
	sy_node *node;
	char *s;

	if (kind == 0) {
		s = rnd_str();
		node = sy_node_scalar(s, (int)rnd(2));
		free(s);
		return node;
	}
	node = kind == 1 ? sy_node_map() : sy_node_seq();
	for (i = 0; i < n; i++) {
		sy_node *c = rnd_node(depth - 1);
		if (kind == 1) {
			s = rnd_str();
			sy_node_put(node, *s ? s : "k", c);
			free(s);
		} else {
			sy_node_push(node, c);
		}
	}
	return node;
}

/* An unknown-keys mapping, or NULL. */
static sy_node *rnd_extra(unsigned chance)
{
	sy_node *m;
	unsigned i, n;

	if (rnd(chance) != 0)
		return NULL;
	m = sy_node_map();
	n = rnd(3);
	for (i = 0; i < n; i++) {
		char key[16];
		snprintf(key, sizeof key, "x_%u", rnd(100));
		sy_node_put(m, key, rnd_node(2));
	}
	return m;
}

static void rnd_review(sy_review *r)
{
	unsigned i, n = rnd(4);

	r->status = (sy_review_status)rnd(SY_STATUS_COUNT);
	for (i = 0; i < n; i++) {
		char *t = rnd_str();
		sy_tags_add(&r->tags, t);
		free(t);
	}
	if (rnd(3) == 0)
		r->note = rnd_str();
	if (rnd(6) == 0) {
		r->proposed = sy_node_map();
		sy_node_put(r->proposed, "value", rnd_node(1));
	}
	r->extra = rnd_extra(8);
}

static double rnd_value(void)
{
	static const double v[] = {
		0, 1, 53, 1.76e8, 9242553.83, 92.5, 0.5, 1e16, 1e20, -3,
		1.0 / 3, 2.5e-7, 123456789012345678.0,
	};
	return v[rnd(sizeof v / sizeof *v)];
}

static void rnd_model(sy_annot *a)
{
	unsigned i, ns = rnd(4) == 0 ? 0 : rnd(6), nt = rnd(4) == 0 ? 0 : rnd(6);

	sy_annot_init(a);
	a->source.path = rnd_str();
	a->source.encoding = dup(rnd(2) ? "utf-8" : "gb18030");
	a->source.chars = 1000;
	memset(a->source.sha256, 'f', 64);
	a->source.extra = rnd_extra(10);
	a->doc.title = rnd_str_or_null();
	a->doc.issuer = rnd_str_or_null();
	a->doc.region = rnd_str_or_null();
	a->doc.year = rnd(2) ? 2023 : 0;
	a->doc.date = rnd(2) ? dup("2024-01-30") : NULL;
	a->doc.status = (sy_review_status)rnd(SY_STATUS_COUNT);
	a->doc.extra = rnd_extra(10);
	for (i = 0; i < ns; i++) {
		sy_section *s = sy_annot_add_section(a);
		s->level = 1 + (int)rnd(4);
		s->marker = rnd_str();
		s->title = rnd_str();
		s->start = rnd(500);
		s->end = s->start + rnd(400);
		rnd_review(&s->r);
	}
	for (i = 0; i < nt; i++) {
		sy_stat *t = sy_annot_add_stat(a);
		t->text = rnd_str();
		t->start = rnd(500);
		t->end = t->start + rnd(400);
		t->has_value = rnd(5) != 0;
		t->value = rnd_value();
		t->unit = rnd_str_or_null();
		t->approx = (sy_approx)rnd(SY_APPROX_RANGE + 1);
		t->has_value_max = rnd(3) == 0;
		t->value_max = rnd_value();
		t->subject = rnd_str_or_null();
		t->section = rnd(2) && a->nsections ? dup(a->sections[0].id) : NULL;
		rnd_review(&t->r);
	}
	if (rnd(3) == 0) {
		a->review.present = true;
		a->review.reviewer = rnd_str_or_null();
		a->review.updated = rnd(2) ? dup("2026-11-21T10:00:00Z") : NULL;
		a->review.cursor = rnd(2) ? rnd_str() : NULL;
		a->review.extra = rnd_extra(5);
	}
	a->extra = rnd_extra(6);
}

/* ------------------------------------------------------------ streaming */

static int to_outbuf(void *ctx, const void *data, size_t len)
{
	return sy_outbuf_add(ctx, data, len) ? 0 : -1;
}

/* ------------------------------------------------------------ tests */

static void test_ascii(void)
{
	static const char *const shapes[] = {
		"%c", "%cx", "x%c", "x%cx", "x%c x", "x %cx", "%c x", "x %c",
		"%c%c", "x%c%c", "%c%c%c",
	};
	char s[16], what[64];
	unsigned c, k;

	for (c = 0x20; c < 0x7f; c++) {
		bool all = true;
		for (k = 0; k < sizeof shapes / sizeof *shapes; k++) {
			sy_annot a;
			snprintf(s, sizeof s, shapes[k], c, c, c);
			snprintf(what, sizeof what, "\"%s\"", s);
			model_of(&a, s);
			if (!same_both_ways(&a, what))
				all = false;
			sy_annot_free(&a);
		}
		ok(all, "ASCII 0x%02x '%c' in 11 places: fast == libyaml", c, c);
	}
}

static void test_hostile(void)
{
	size_t i;

	for (i = 0; i < NHOSTILE; i++) {
		sy_annot a;
		char what[64];

		snprintf(what, sizeof what, "hostile[%zu]", i);
		model_of(&a, hostile[i]);
		ok(same_both_ways(&a, what), "hostile string %zu: fast == libyaml", i);
		sy_annot_free(&a);
	}
}

static void test_random(void)
{
	unsigned batch, i;

	for (batch = 0; batch < 30; batch++) {
		bool all = true;
		for (i = 0; i < 100; i++) {
			sy_annot a;
			char what[64];
			unsigned seed = batch * 100 + i + 1;

			rng_state = 0x9e3779b97f4a7c15ULL * seed;
			snprintf(what, sizeof what, "random model %u", seed);
			rnd_model(&a);
			if (!same_both_ways(&a, what))
				all = false;
			sy_annot_free(&a);
		}
		ok(all, "random models %u-%u: fast == libyaml", batch * 100 + 1,
		   batch * 100 + 100);
	}
}

/* The streaming writer on more output than its buffer holds. */
static void test_stream(void)
{
	sy_outbuf out = { 0 };
	sy_annot a;
	sy_writer *w;
	sy_error err;
	char *ref = NULL;
	size_t refn = 0, i;
	bool good;

	sy_annot_init(&a);
	a.source.path = dup("big.txt");
	a.source.chars = 10000000;
	for (i = 0; i < 20000; i++) {
		sy_stat *t = sy_annot_add_stat(&a);
		char text[32];
		snprintf(text, sizeof text, "%zu宗", i);
		t->text = dup(text);
		t->start = i * 10;
		t->end = i * 10 + 4;
		t->value = (double)i;
		t->has_value = true;
		t->unit = dup(i % 7 ? "宗" : "a: b");
		t->subject = dup(i % 11 ? "受理" : "tab\there");
	}
	good = sy_writer_open(to_outbuf, &out, "mem", &w, &err) == SY_OK &&
	       sy_writer_head(w, &a.source, &a.doc, &err) == SY_OK;
	for (i = 0; good && i < a.nstats; i++)
		good = sy_writer_stat(w, &a.stats[i], &err) == SY_OK;
	good = good && sy_writer_finish(w, &a.review, a.extra, &err) == SY_OK;
	sy_writer_free(w);
	ok(good, "streaming writer: 20,000 statistics written");
	ok(sy_annot_emit_libyaml(&a, &ref, &refn, &err) == SY_OK &&
	   refn > 1000000 && refn == out.n && memcmp(ref, out.p, refn) == 0,
	   "streaming writer: %zu bytes, the same as libyaml's", out.n);
	free(ref);
	free(out.p);
	sy_annot_free(&a);
}

/* The fast path is taken for ordinary items, and left for the others. */
static void test_taken(void)
{
	static const char report[] =
		"某镇2023年法治政府建设情况报告\n"
		"一、主要工作\n"
		"（一）加强领导。全年受理信访案件53宗，办结49宗，办结率92.5%。\n"
		"1.规范执法。投入资金1.76亿元，培训200余人次。\n";
	sy_quoting q;
	sy_outbuf o = { 0 };
	sy_annot a;
	sy_error err;
	size_t i, fast = 0, n;
	int r;

	sy_annot_init(&a);
	if (sy_quoting_init(&q, &err) != SY_OK ||
	    sy_extract_text("t.txt", report, sizeof report - 1, &a, &err) != SY_OK) {
		ok(0, "extracting the test report: %s", err.msg);
		return;
	}
	n = a.nsections + a.nstats;
	for (i = 0; i < a.nsections; i++)
		fast += sy_fast_section(&o, &q, &a.sections[i]) == 1;
	for (i = 0; i < a.nstats; i++)
		fast += sy_fast_stat(&o, &q, &a.stats[i]) == 1;
	ok(n >= 6 && fast == n, "fast path taken for all %zu extracted items", n);
	ok(same_both_ways(&a, "extracted report"), "extracted report: fast == libyaml");

	o.n = 0;
	free(a.sections[0].title);
	a.sections[0].title = dup("a\tb");
	r = sy_fast_section(&o, &q, &a.sections[0]);
	ok(r == 0 && o.n == 0, "a tab: left to libyaml, nothing written");
	free(a.sections[0].title);
	a.sections[0].title = dup("a: b");
	ok(sy_fast_section(&o, &q, &a.sections[0]) == 1 &&
	   strstr(o.p, "title: 'a: b'\n") != NULL,
	   "\"a: b\": written single-quoted by the fast path");
	o.n = 0;
	a.stats[0].r.proposed = sy_node_map();
	ok(sy_fast_stat(&o, &q, &a.stats[0]) == 0 && o.n == 0,
	   "a proposed value: left to libyaml");
	ok(same_both_ways(&a, "edited report"), "edited report: fast == libyaml");
	free(o.p);
	sy_quoting_free(&q);
	sy_annot_free(&a);
}

int main(void)
{
	test_taken();
	test_ascii();
	test_hostile();
	test_random();
	test_stream();
	return tap_done();
}
