/* conv_docx_num.c - Word's automatic numbering (numbering.xml) rendered as
 * the marker text Word shows.
 *
 * Counters belong to the abstract list (w:abstractNum), so that lists
 * sharing one continue each other as in Word; a w:startOverride of a
 * w:num restarts its level the first time that w:num is used.  Counting
 * a level resets the deeper ones.  The level's w:lvlText is the pattern:
 * %1 .. %9 are the counters of levels 1 .. 9 in each level's own format.
 * A paragraph takes its numbering from its own w:numPr, else from its
 * style's (w:basedOn followed).
 */
#include "convert/conv_docx.h"
#include "base/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LEVELS 9

typedef struct lvl {
	int start;
	char fmt[40];
	char text[64];
	char suff;            /* 't' tab (nothing written), 's' space, 'n' */
} lvl;

typedef struct absnum {
	int id;
	lvl l[LEVELS];
	int count[LEVELS];
	bool used[LEVELS];
} absnum;

typedef struct num {
	int id, abs;          /* abs: index in abstracts, -1 none */
	int override[LEVELS]; /* start overrides, -1 none */
	bool started;
} num;

typedef struct style {
	char id[64], based[64];
	int num, ilvl;        /* -1: none */
} style;

struct sy_docx_num {
	absnum *a;
	size_t na;
	num *n;
	size_t nn;
	style *s;
	size_t ns;
};

const char *sy_docx_attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n ? n->properties : NULL; a; a = a->next)
		if (!strcmp((const char *)a->name, name) && a->children &&
		    a->children->content)
			return (const char *)a->children->content;
	return NULL;
}

bool sy_docx_is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE &&
	       !strcmp((const char *)n->name, name);
}

xmlNode *sy_docx_child(const xmlNode *n, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (sy_docx_is(c, name))
			return c;
	return NULL;
}

static int ival(const xmlNode *n, const char *child, int dflt)
{
	const char *v = sy_docx_attr(sy_docx_child(n, child), "val");
	long x = v ? strtol(v, NULL, 10) : dflt;

	/* no counter can then overflow an int */
	return x < -1000000 ? -1000000 : x > 1000000 ? 1000000 : (int)x;
}

static void read_lvl(const xmlNode *x, lvl *l)
{
	const char *v;

	l->start = ival(x, "start", 1);
	v = sy_docx_attr(sy_docx_child(x, "numFmt"), "val");
	snprintf(l->fmt, sizeof l->fmt, "%s", v ? v : "decimal");
	v = sy_docx_attr(sy_docx_child(x, "lvlText"), "val");
	snprintf(l->text, sizeof l->text, "%s", v ? v : "");
	v = sy_docx_attr(sy_docx_child(x, "suff"), "val");
	l->suff = v && !strcmp(v, "space") ? 's' : v && !strcmp(v, "nothing") ? 'n' : 't';
}

static bool read_numbering(sy_docx_num *nm, xmlNode *root)
{
	size_t ca = 0, cn = 0;

	for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
		if (sy_docx_is(c, "abstractNum"))
			ca++;
		else if (sy_docx_is(c, "num"))
			cn++;
	}
	nm->a = calloc(ca ? ca : 1, sizeof *nm->a);
	nm->n = calloc(cn ? cn : 1, sizeof *nm->n);
	if (!nm->a || !nm->n)
		return false;
	for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
		if (sy_docx_is(c, "abstractNum")) {
			absnum *a = &nm->a[nm->na++];
			const char *id = sy_docx_attr(c, "abstractNumId");
			a->id = id ? atoi(id) : -1;
			for (int i = 0; i < LEVELS; i++) {
				a->l[i].start = 1;
				strcpy(a->l[i].fmt, "decimal");
				a->l[i].suff = 't';
			}
			for (xmlNode *x = c->children; x; x = x->next) {
				const char *il = sy_docx_attr(x, "ilvl");
				int i = il ? atoi(il) : -1;
				if (sy_docx_is(x, "lvl") && i >= 0 && i < LEVELS)
					read_lvl(x, &a->l[i]);
			}
		}
	}
	for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
		if (sy_docx_is(c, "num")) {
			num *n = &nm->n[nm->nn++];
			const char *id = sy_docx_attr(c, "numId");
			int aid = ival(c, "abstractNumId", -1);
			n->id = id ? atoi(id) : -1;
			n->abs = -1;
			for (int i = 0; i < LEVELS; i++)
				n->override[i] = -1;
			for (xmlNode *o = c->children; o; o = o->next) {
				const char *il = sy_docx_attr(o, "ilvl");
				int i = il ? atoi(il) : -1;
				if (!sy_docx_is(o, "lvlOverride") || i < 0 || i >= LEVELS)
					continue;
				n->override[i] = ival(o, "startOverride", -1);
			}
			for (size_t k = 0; k < nm->na; k++)
				if (nm->a[k].id == aid)
					n->abs = (int)k;
		}
	}
	return true;
}

static bool read_styles(sy_docx_num *nm, xmlNode *root)
{
	size_t cs = 0;

	for (xmlNode *c = root ? root->children : NULL; c; c = c->next)
		cs += sy_docx_is(c, "style");
	nm->s = calloc(cs ? cs : 1, sizeof *nm->s);
	if (!nm->s)
		return false;
	for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
		style *s;
		const char *id = sy_docx_attr(c, "styleId"), *b;
		xmlNode *np;
		if (!sy_docx_is(c, "style") || !id)
			continue;
		s = &nm->s[nm->ns++];
		snprintf(s->id, sizeof s->id, "%s", id);
		b = sy_docx_attr(sy_docx_child(c, "basedOn"), "val");
		snprintf(s->based, sizeof s->based, "%s", b ? b : "");
		np = sy_docx_child(sy_docx_child(c, "pPr"), "numPr");
		s->num = np ? ival(np, "numId", -1) : -1;
		s->ilvl = np ? ival(np, "ilvl", -1) : -1;
	}
	return true;
}

sy_docx_num *sy_docx_num_new(xmlDoc *numbering, xmlDoc *styles)
{
	sy_docx_num *nm = calloc(1, sizeof *nm);

	if (!nm)
		return NULL;
	if (!read_numbering(nm, numbering ? xmlDocGetRootElement(numbering) : NULL) ||
	    !read_styles(nm, styles ? xmlDocGetRootElement(styles) : NULL)) {
		sy_docx_num_free(nm);
		return NULL;
	}
	return nm;
}

void sy_docx_num_free(sy_docx_num *nm)
{
	if (!nm)
		return;
	free(nm->a);
	free(nm->n);
	free(nm->s);
	free(nm);
}

static void add_cp(sy_outbuf *out, uint32_t c)
{
	char b[4];
	sy_outbuf_add(out, b, sy_utf8_encode(c, b));
}

static void add_str(sy_outbuf *out, const char *s)
{
	sy_outbuf_add(out, s, strlen(s));
}

/* Chinese counting: 十 for 10-19, 零 for skipped places (一百零一).
 * DIGITS and PLACES are the characters (3 bytes each). */
static void counting(int n, const char *digits, const char *places,
		     bool ten_alone, sy_outbuf *out)
{
	int pow[4] = { 1000, 100, 10, 1 };
	bool started = false, zero = false;

	if (n <= 0 || n > 9999) {
		char b[16];
		snprintf(b, sizeof b, "%d", n);
		add_str(out, b);
		return;
	}
	for (int i = 0; i < 4; i++) {
		int d = n / pow[i] % 10;
		if (!d) {
			zero = started;
			continue;
		}
		if (zero)
			sy_outbuf_add(out, digits, 3);   /* 零 */
		zero = false;
		if (!(ten_alone && i == 2 && d == 1 && !started))
			sy_outbuf_add(out, digits + 3 * d, 3);
		if (i < 3)
			sy_outbuf_add(out, places + 3 * (2 - i), 3);
		started = true;
	}
}

static void letters(int n, bool upper, sy_outbuf *out)
{
	int reps = (n - 1) / 26 + 1;
	char c = (char)((upper ? 'A' : 'a') + (n - 1) % 26);

	for (int i = 0; i < reps && i < 20; i++)
		sy_outbuf_add(out, &c, 1);
}

static void roman(int n, bool upper, sy_outbuf *out)
{
	static const int v[] = { 1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1 };
	static const char *const s[] = { "m", "cm", "d", "cd", "c", "xc", "l",
					 "xl", "x", "ix", "v", "iv", "i" };
	for (int i = 0; i < 13 && n > 0 && n < 4000; i++)
		while (n >= v[i]) {
			for (const char *p = s[i]; *p; p++) {
				char c = upper ? (char)(*p - 32) : *p;
				sy_outbuf_add(out, &c, 1);
			}
			n -= v[i];
		}
}

/* (N - 1) mod M, in 0..M-1 also for N <= 0 */
static size_t cycle(int n, int m)
{
	long r = ((long)n - 1) % m;
	return (size_t)(r < 0 ? r + m : r);
}

static const char STEMS[] = "甲乙丙丁戊己庚辛壬癸";
static const char BRANCHES[] = "子丑寅卯辰巳午未申酉戌亥";

void sy_docx_format_number(const char *f, int n, sy_outbuf *out)
{
	char b[16];

	if (!strcmp(f, "chineseCountingThousand") || !strcmp(f, "japaneseCounting"))
		counting(n, "零一二三四五六七八九", "十百千", true, out);
	else if (!strcmp(f, "chineseLegalSimplified"))
		counting(n, "零壹贰叁肆伍陆柒捌玖", "拾佰仟", false, out);
	else if (!strcmp(f, "chineseCounting")) {   /* digit by digit: 一〇 */
		static const char *const d = "〇一二三四五六七八九";
		snprintf(b, sizeof b, "%d", n);
		if (n < 0)
			add_str(out, b);
		else
			for (char *p = b; *p; p++)
				sy_outbuf_add(out, d + 3 * (*p - '0'), 3);
	} else if (!strcmp(f, "ideographTraditional"))
		sy_outbuf_add(out, &STEMS[3 * cycle(n, 10)], 3);
	else if (!strcmp(f, "ideographZodiac"))
		sy_outbuf_add(out, &BRANCHES[3 * cycle(n, 12)], 3);
	else if (!strcmp(f, "decimalEnclosedParen") && n >= 1 && n <= 20)
		add_cp(out, 0x2474 + (uint32_t)(n - 1));
	else if ((!strcmp(f, "decimalEnclosedCircle") ||
		  !strcmp(f, "decimalEnclosedCircleChinese")) && n >= 1 && n <= 20)
		add_cp(out, 0x2460 + (uint32_t)(n - 1));
	else if (!strcmp(f, "decimalEnclosedFullstop") && n >= 1 && n <= 20)
		add_cp(out, 0x2488 + (uint32_t)(n - 1));
	else if (!strcmp(f, "decimalEnclosedParen")) {
		snprintf(b, sizeof b, "(%d)", n);
		add_str(out, b);
	} else if (!strncmp(f, "decimalFullWidth", 16)) {
		snprintf(b, sizeof b, "%d", n);
		for (char *p = b; *p; p++)
			add_cp(out, *p == '-' ? 0xFF0D : 0xFF10 + (uint32_t)(*p - '0'));
	} else if (!strcmp(f, "upperLetter") || !strcmp(f, "lowerLetter"))
		letters(n < 1 ? 1 : n, f[0] == 'u', out);
	else if (!strcmp(f, "upperRoman") || !strcmp(f, "lowerRoman"))
		roman(n, f[0] == 'u', out);
	else if (!strcmp(f, "decimalZero")) {
		snprintf(b, sizeof b, "%02d", n);
		add_str(out, b);
	} else {                                      /* decimal and the rest */
		snprintf(b, sizeof b, "%d", n);
		add_str(out, b);
	}
}

static const style *find_style(const sy_docx_num *nm, const char *id)
{
	for (size_t i = 0; id && *id && i < nm->ns; i++)
		if (!strcmp(nm->s[i].id, id))
			return &nm->s[i];
	return NULL;
}

void sy_docx_num_marker(sy_docx_num *nm, const xmlNode *ppr, sy_outbuf *out)
{
	xmlNode *np = sy_docx_child(ppr, "numPr");
	int id = np ? ival(np, "numId", -1) : -1;
	int il = np ? ival(np, "ilvl", -1) : -1;
	const style *s = find_style(nm, sy_docx_attr(sy_docx_child(ppr, "pStyle"), "val"));
	num *n = NULL;
	absnum *a;
	const lvl *l;

	for (int depth = 0; s && depth < 10 && (id < 0 || il < 0); depth++) {
		if (id < 0)
			id = s->num;
		if (il < 0)
			il = s->ilvl;
		s = find_style(nm, s->based);
	}
	if (il < 0)
		il = 0;
	if (id <= 0 || il >= LEVELS)
		return;
	for (size_t i = 0; i < nm->nn; i++)
		if (nm->n[i].id == id)
			n = &nm->n[i];
	if (!n || n->abs < 0)
		return;
	a = &nm->a[n->abs];
	if (!n->started) {
		n->started = true;
		for (int i = 0; i < LEVELS; i++)
			if (n->override[i] >= 0) {
				a->count[i] = n->override[i] - 1;
				a->used[i] = true;
			}
	}
	a->count[il] = a->used[il] ? a->count[il] + 1 : a->l[il].start;
	a->used[il] = true;
	for (int i = il + 1; i < LEVELS; i++)
		a->used[i] = false;
	l = &a->l[il];
	if (!strcmp(l->fmt, "bullet") || !strcmp(l->fmt, "none"))
		return;
	for (const char *p = l->text; *p; p++) {
		if (*p == '%' && p[1] >= '1' && p[1] <= '9') {
			int k = p[1] - '1';
			sy_docx_format_number(a->l[k].fmt,
					      a->used[k] ? a->count[k] : a->l[k].start,
					      out);
			p++;
		} else {
			sy_outbuf_add(out, p, 1);
		}
	}
	if (l->suff == 's')
		sy_outbuf_add(out, " ", 1);
}
