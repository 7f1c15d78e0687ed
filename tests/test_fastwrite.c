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

#include "model/annot.h"
#include "format/annot_fast.h"
#include "format/annot_io.h"
#include "extract/extract.h"
#include "model/node.h"
#include "rndmodel.h"
#include "tap.h"
#include "testutil.h"

/* ------------------------------------------------------------ comparing */

/* Write A both ways; true when both refuse alike or give the same bytes.
 * On a difference, shows it under WHAT. */
static bool same_both_ways(const sy_annot *a, const char *what)
{
	char *f = NULL, *l = NULL;
	size_t fn = 0, ln = 0, i;
	sy_error fe, le;
	sy_status fs, ls;
	int outcome;
	bool same;

	memset(&fe, 0, sizeof fe);
	memset(&le, 0, sizeof le);
	fs = sy_annot_emit(a, &f, &fn, &fe);
	ls = sy_annot_emit_libyaml(a, &l, &ln, &le);
	outcome = same_outcome(what, fs, &fe, ls, &le);
	same = outcome == 1;
	if (outcome < 0) {
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
	a.source.path = xdup("big.txt");
	a.source.chars = 10000000;
	for (i = 0; i < 20000; i++)
		big_stat(&a, "%zu宗", i, i * 10, 4, i % 7 ? "宗" : "a: b",
			 i % 11 ? "受理" : "tab\there");
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
	a.sections[0].title = xdup("a\tb");
	r = sy_fast_section(&o, &q, &a.sections[0]);
	ok(r == 0 && o.n == 0, "a tab: left to libyaml, nothing written");
	free(a.sections[0].title);
	a.sections[0].title = xdup("a: b");
	ok(sy_fast_section(&o, &q, &a.sections[0]) == 1 &&
	   strstr(o.p, "title: 'a: b'\n") != NULL,
	   "\"a: b\": written single-quoted by the fast path");
	o.n = 0;
	a.stats[0].r.proposed = sy_node_map();
	ok(sy_fast_stat(&o, &q, &a.stats[0]) == 0 && o.n == 0,
	   "an empty proposed mapping: left to libyaml");
	sy_node_put(a.stats[0].r.proposed, "value", sy_node_scalar("49", 0));
	sy_node_put(a.stats[0].r.proposed, "unit", sy_node_scalar("宗", 0));
	ok(sy_fast_stat(&o, &q, &a.stats[0]) == 1 &&
	   strstr(o.p, "  proposed:\n    value: 49\n    unit: 宗\n") != NULL,
	   "proposed values: written by the fast path");
	o.n = 0;
	sy_node_put(a.stats[0].r.proposed, "subject", sy_node_seq());
	ok(sy_fast_stat(&o, &q, &a.stats[0]) == 0 && o.n == 0,
	   "a list in proposed: left to libyaml");
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
