/* rndmodel.h - models for the writer and reader tests (header only):
 * model_of(A, S) puts the string S in every string field of a
 * one-section, one-statistic model; hostile[] holds strings that YAML
 * writers and readers find hard; rnd_model(A) builds a random model from
 * them (seeded by rng_state), with notes, tags, proposed values, unknown
 * keys, review data and empty lists.
 */
#ifndef SY_RNDMODEL_H
#define SY_RNDMODEL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/annot.h"
#include "model/node.h"


static inline char *xdup(const char *s)
{
	return s ? sy_strdup(s) : NULL;
}

/* Statistic number I of a big model added to A: the text FMT (a %zu
 * format) of I, at [START, START + LEN), value I, UNIT, SUBJECT (NULL:
 * none). */
static inline sy_stat *big_stat(sy_annot *a, const char *fmt, size_t i,
				size_t start, size_t len, const char *unit,
				const char *subject)
{
	sy_stat *t = sy_annot_add_stat(a);
	char text[64];

	if (!t)
		abort();
	snprintf(text, sizeof text, fmt, i);
	t->text = xdup(text);
	t->start = start;
	t->end = start + len;
	t->value = (double)i;
	t->has_value = true;
	t->unit = xdup(unit);
	t->subject = subject ? xdup(subject) : NULL;
	return t;
}

/* A model with one section and one statistic; every string field of both
 * (and a tag and the note of each) is S; NULL fields where S is NULL. */
static inline void model_of(sy_annot *a, const char *s)
{
	sy_section *sec;
	sy_stat *st;

	sy_annot_init(a);
	a->source.path = xdup("r.txt");
	a->source.encoding = xdup("utf-8");
	a->source.chars = 100;
	memset(a->source.sha256, 'a', 64);
	a->doc.status = SY_PENDING;
	sec = sy_annot_add_section(a);
	sec->level = 1;
	sec->marker = xdup(s ? s : "一、");
	sec->title = xdup(s ? s : "");
	sec->start = 0;
	sec->end = 5;
	sec->r.status = SY_ACCEPTED;
	if (s) {
		sy_tags_add(&sec->r.tags, s);
		sy_tags_add(&sec->r.tags, "x");
		sec->r.note = xdup(s);
	}
	st = sy_annot_add_stat(a);
	st->text = xdup(s ? s : "53宗");
	st->start = 6;
	st->end = 9;
	st->value = 53;
	st->has_value = true;
	st->unit = xdup(s);
	st->subject = xdup(s);
	st->section = xdup(sec->id);
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
/* Mild models: strings the writer writes without escapes (CJK words and
 * a few quoted or odd pieces), the files the readers' fast paths read
 * whole.  Otherwise hostile. */
static bool rnd_mild;

static inline unsigned rnd(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

/* A random string: 0-4 pieces, each a hostile string, a CJK word or a
 * single ASCII character. */
static inline char *rnd_str(void)
{
	static const char *const words[] = {
		"法治", "政府", "建设", "受理", "案件", "亿元", "万", "余",
		"多", "%", "宗", "件", "。", "，", "：", "1", "2.5", "a", "b",
	};
	static const char *const mild[] = {
		"it's", "a: b", "x #y", "'q'", "null", "yes", "1.", "- a", "[a]",
		"{b}", "2024-01-30", "50%", " lead", "trail ", "a, b", "\"x\"",
		"~", "0x1F", "（一）", "“放管服”", "#", "&a", "*",
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
			p = rnd_mild ? mild[rnd(sizeof mild / sizeof *mild)]
				     : hostile[rnd(NHOSTILE)];
			break;
		case 1:
			p = words[rnd(sizeof words / sizeof *words)];
			break;
		default:
			if (rnd_mild && rnd(4)) {
				p = words[rnd(sizeof words / sizeof *words)];
				break;
			}
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
static inline char *rnd_str_or_null(void)
{
	return rnd(5) == 0 ? NULL : rnd_str();
}

/* A node: a scalar, or a small map or sequence, DEPTH levels at most. */
static inline sy_node *rnd_node(int depth)
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
static inline sy_node *rnd_extra(unsigned chance)
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

static inline void rnd_review(sy_review *r)
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
	if (rnd(4) == 0) {
		/* what the review commands put there (scalars under field
		 * names), and odder keys and values */
		static const char *const keys[] = {
			"value", "unit", "text", "start", "approx", "subject",
			"1.", "a: b", "null", "it's", "", "- x", "#k",
			/* 128 bytes, libyaml's longest simple key, and 129 */
			"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
			"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk",
			"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
			"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk",
		};
		unsigned k, nk = rnd(4);
		r->proposed = sy_node_map();
		for (k = 0; k < nk; k++) {
			const char *key = keys[rnd(sizeof keys / sizeof *keys)];
			if (!sy_node_get(r->proposed, key))
				sy_node_put(r->proposed, key,
					    rnd_node(rnd(5) == 0 ? 1 : 0));
		}
	}
	r->extra = rnd_extra(8);
}

static inline double rnd_value(void)
{
	static const double v[] = {
		0, 1, 53, 1.76e8, 9242553.83, 92.5, 0.5, 1e16, 1e20, -3,
		1.0 / 3, 2.5e-7, 123456789012345678.0,
	};
	return v[rnd(sizeof v / sizeof *v)];
}

static inline void rnd_model(sy_annot *a)
{
	unsigned i, ns = rnd(4) == 0 ? 0 : rnd(6), nt = rnd(4) == 0 ? 0 : rnd(6);

	sy_annot_init(a);
	a->source.path = rnd_str();
	a->source.encoding = xdup(rnd(2) ? "utf-8" : "gb18030");
	a->source.chars = 1000;
	memset(a->source.sha256, 'f', 64);
	a->source.extra = rnd_extra(10);
	a->doc.title = rnd_str_or_null();
	a->doc.issuer = rnd_str_or_null();
	a->doc.region = rnd_str_or_null();
	a->doc.year = rnd(2) ? 2023 : 0;
	a->doc.date = rnd(2) ? xdup("2024-01-30") : NULL;
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
		t->section = rnd(2) && a->nsections ? xdup(a->sections[0].id) : NULL;
		rnd_review(&t->r);
	}
	if (rnd(3) == 0) {
		a->review.present = true;
		a->review.reviewer = rnd_str_or_null();
		a->review.updated = rnd(2) ? xdup("2026-11-21T10:00:00Z") : NULL;
		a->review.cursor = rnd(2) ? rnd_str() : NULL;
		a->review.extra = rnd_extra(5);
	}
	a->extra = rnd_extra(6);
}

#endif
