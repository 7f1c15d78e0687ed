/* headings.c - see headings.h */
#include "extract/headings.h"

#include <string.h>

#include "text/numeral.h"
#include "text/textscan.h"

#define FW_LPAREN 0xFF08   /* （ */
#define FW_RPAREN 0xFF09   /* ） */
#define IDEO_COMMA 0x3001  /* 、 */
#define FW_DOT 0xFF0E      /* ． */
#define IDEO_STOP 0x3002   /* 。 */

static bool is_colon(uint32_t c) { return c == ':' || c == 0xFF1A; }

static bool is_open(uint32_t c) { return c == FW_LPAREN || c == '('; }
static bool is_close(uint32_t c) { return c == FW_RPAREN || c == ')'; }

/* Ends a title that runs on into body text (guidelines: 。 ； ：). */
static bool ends_title(uint32_t c)
{
	return c == 0x3002 || c == 0xFF1B || c == 0xFF1A || c == ';' || c == ':';
}

/* A marker number: 1-99, Chinese or Arabic as KIND says.  Returns the code
 * points used, 0 if none. */
static size_t marker_number(const uint32_t *cp, size_t n, bool chinese,
			    int *num)
{
	sy_numeral v;
	size_t k;

	if (n == 0 || (chinese ? !sy_is_cn_digit_cp(cp[0]) : !sy_is_digit_cp(cp[0])))
		return 0;
	k = sy_numeral_scan(cp, n, &v);
	if (!k || v.decimal || v.multiplier || v.value < 1 || v.value > 99)
		return 0;
	if (chinese && v.arabic)
		return 0;
	*num = (int)v.value;
	return k;
}

static bool match(const uint32_t *cp, size_t n, sy_heading *h, bool runin);

/* A mask a reposting site writes for digits. */
static bool is_mask(uint32_t c)
{
	return c == '*' || c == 0xFF0A || c == 0xD7 /* × */;
}

/* After a bare number these make it a quantity or a date, not a marker
 * with its point dropped (2人, 3月, 5年, 4个, 6项). */
static bool not_after_marker(uint32_t c)
{
	static const uint32_t no[] = {
		0x5E74, 0x6708, 0x65E5, 0x53F7, 0x4EBA, 0x540D, 0x4E2A, 0x9879,
		0x4EF6, 0x6B21, 0x4F4D, 0x5BB6, 0x6237, 0x6761, 0x4F59, 0x591A,
		0x4E07, 0x4EBF, 0x5343, 0x767E, 0x5341, 0x5143, 0x4EA9, 0x7C73,
		0x5468, 0x5929, 0x65F6, 0x70B9, 0x5C81, 0x573A, 0x4EFD, 0x5E74,
	};
	for (size_t k = 0; k < sizeof no / sizeof *no; k++)
		if (c == no[k])
			return true;
	return false;
}

/* A heading that runs into the body on its line, the two parted only by
 * spaces (（一）强化组织领导 成立了以…为组长的领导小组，负责…): the title
 * ends at the space when what follows is long or is a clause of its own,
 * or is another marker.  A title of two short phrases parted by a space
 * (党建引领法治建设 深化基层依法治理) stays whole.  Returns the new end. */
static size_t body_after_space(const uint32_t *cp, size_t i, size_t t)
{
	for (size_t p = i + 2; p < t; p++) {
		size_t q = p, commas = 0;
		sy_heading h;
		if (!sy_is_space(cp[p]) || sy_is_space(cp[p - 1]))
			continue;
		while (q < t && sy_is_space(cp[q]))
			q++;
		if (q == t)
			break;
		if (match(cp + q, t - q, &h, false) && !h.weak)
			return p;
		if (!sy_is_han(cp[p - 1]) || !sy_is_han(cp[q]))
			continue;
		for (size_t k = q; k < t; k++)
			if (cp[k] == 0xFF0C || cp[k] == ',')
				commas++;
		if (t - q > 30 || (t - q > 16 && commas))
			return p;
	}
	return t;
}

/* Around a bracketed numeral inside a title, what makes it part of a name
 * (三个(一), (一)号文件), not a subheading glued on: BEFORE the character
 * in front of it, AFTER the one after it (0: none). */
static bool glued_not_marker(uint32_t before, uint32_t after)
{
	static const uint32_t prev[] = { 0x4E2A /* 个 */, 0x7B2C /* 第 */ };
	static const uint32_t next[] = { 0x53F7 /* 号 */, 0x4E2A /* 个 */,
		0x6761 /* 条 */, 0x6B3E /* 款 */, 0x9879 /* 项 */, 0x7C7B /* 类 */,
		0x7EA7 /* 级 */, 0x6279 /* 批 */, 0x671F /* 期 */ };
	for (size_t k = 0; k < sizeof prev / sizeof *prev; k++)
		if (before == prev[k])
			return true;
	if (!sy_is_han(after))
		return true;
	for (size_t k = 0; k < sizeof next / sizeof *next; k++)
		if (after == next[k])
			return true;
	return false;
}

bool sy_heading_match(const uint32_t *cp, size_t n, sy_heading *h)
{
	return match(cp, n, h, true);
}

/* RUNIN: look for body text run on after the title (not when checking
 * whether a marker follows a space, which needs no title end). */
static bool match(const uint32_t *cp, size_t n, sy_heading *h, bool runin)
{
	size_t i = 0, k, t;
	int num = 0;

	memset(h, 0, sizeof *h);
	while (i < n && sy_is_space(cp[i]))
		i++;
	h->mstart = i;
	if (i < n && is_open(cp[i])) {
		h->open = cp[i++];
		if ((k = marker_number(cp + i, n - i, true, &num)))
			h->kind = SY_MK_CN_PAREN;
		else if ((k = marker_number(cp + i, n - i, false, &num)))
			h->kind = SY_MK_AR_PAREN;
		else
			return false;
		i += k;
		if (i >= n || !is_close(cp[i]))
			return false;
		h->close = cp[i++];
	} else if ((k = marker_number(cp + i, n - i, true, &num))) {
		i += k;
		if (i < n && is_close(cp[i])) {
			/* 一)加强…: the opening bracket dropped */
			h->kind = SY_MK_CN_PAREN;
			h->close = cp[i++];
			h->open = h->close == ')' ? '(' : FW_LPAREN;
		} else if (i < n && cp[i] == IDEO_COMMA) {
			h->kind = SY_MK_CN_SUFFIX;
			h->close = cp[i++];
		} else {
			return false;
		}
	} else if ((k = marker_number(cp + i, n - i, false, &num))) {
		i += k;
		if (i < n && sy_is_han(cp[i]) && !not_after_marker(cp[i])) {
			/* 2优化…: the point dropped; weak */
			h->kind = SY_MK_AR_SUFFIX;
			h->weak = true;
		} else {
			if (i >= n || !(cp[i] == '.' || cp[i] == FW_DOT || cp[i] == IDEO_COMMA))
				return false;
			if (cp[i] != IDEO_COMMA && i + 1 < n && sy_is_digit_cp(cp[i + 1]))
				return false;          /* 1.76亿元, 1.2.3 */
			h->kind = SY_MK_AR_SUFFIX;
			h->close = cp[i++];
		}
	} else if (i + 1 < n && is_mask(cp[i]) &&
		   (cp[i + 1] == '.' || cp[i + 1] == FW_DOT || cp[i + 1] == IDEO_COMMA)) {
		/* *.加强…: digits masked by a reposting site */
		h->kind = SY_MK_AR_SUFFIX;
		h->close = cp[i + 1];
		h->weak = h->masked = true;
		num = 0;
		i += 2;
	} else {
		return false;
	}
	h->number = num;
	h->mend = i;
	while (i < n && sy_is_space(cp[i]))
		i++;
	h->tstart = i;
	for (t = i; t < n && !ends_title(cp[t]); t++)
		;
	if (runin)
		t = body_after_space(cp, i, t);
	/* 二、主要做法(一)加强…: a page that lost its breaks glued the first
	 * subheading to the heading; the title ends before it */
	if (runin && h->kind == SY_MK_CN_SUFFIX)
		for (size_t q = i + 2; q + 2 < t; q++)
			if (is_open(cp[q]) && sy_is_han(cp[q - 1]) &&
			    !glued_not_marker(cp[q - 1], q + 3 < t ? cp[q + 3] : 0) &&
			    marker_number(cp + q + 1, t - q - 1, true, &(int){ 0 }) == 1 &&
			    is_close(cp[q + 2])) {
				t = q;
				break;
			}
	while (t > i && sy_is_space(cp[t - 1]))
		t--;
	h->tend = t;
	if (t == i)
		return false;
	/* 1、2月份 or 1、2、3 is a list of numbers, not a heading; a title
	 * may begin with a year (1、2022年工作举措) */
	if (h->kind == SY_MK_AR_SUFFIX && sy_is_digit_cp(cp[i])) {
		size_t d = i;
		while (d < t && sy_is_digit_cp(cp[d]))
			d++;
		if (d - i != 4 || d >= t || cp[d] != 0x5E74 /* 年 */)
			return false;
	}
	return true;
}

static bool paren_family(sy_marker_kind k)
{
	return k == SY_MK_CN_PAREN || k == SY_MK_AR_PAREN;
}

static bool same_style(const sy_outline *o, int i, const sy_heading *h)
{
	return o->stack[i].kind == h->kind && o->stack[i].open == h->open &&
	       o->stack[i].close == h->close;
}

static void set_entry(sy_outline *o, int i, const sy_heading *h)
{
	o->stack[i].kind = h->kind;
	o->stack[i].open = h->open;
	o->stack[i].close = h->close;
	o->stack[i].number = h->number;
}

bool sy_heading_inline(const uint32_t *cp, size_t n, size_t from,
		       sy_heading *h)
{
	/* a subheading glued to the title before it (match: 主要做法(一)…) */
	if (from > 0 && from + 2 < n && is_open(cp[from]) &&
	    match(cp + from, n - from, h, true) && h->kind == SY_MK_CN_PAREN &&
	    !h->weak) {
		h->mstart += from;
		h->mend += from;
		h->tstart += from;
		h->tend += from;
		return true;
	}
	for (size_t p = from > 0 ? from : 1; p + 2 < n; p++) {
		uint32_t c = cp[p];
		/* a paragraph that lost its breaks: the heading follows the
		 * full stop of the sentence before it, or 如下： */
		bool stop = c == IDEO_STOP ||
			    (is_colon(c) && p >= 2 && cp[p - 2] == 0x5982 &&
			     cp[p - 1] == 0x4E0B);           /* 如下 */
		if (!stop && (c > 0x3000 || (c != ' ' && c != 0x3000 && c != 0xA0)))
			continue;       /* the first test turns away every Han */
		if (!(is_open(cp[p + 1]) || sy_is_cn_digit_cp(cp[p + 1])))
			continue;
		if (!match(cp + p + 1, n - p - 1, h, true) || h->weak)
			continue;
		/* after a full stop only 一、; and 一、二级 lists numerals */
		if (stop && (h->kind != SY_MK_CN_SUFFIX ||
			     (h->tstart < n - p - 1 &&
			      sy_is_cn_digit_cp(cp[p + 1 + h->tstart]))))
			continue;
		/* 分为 一、二、三级: numerals listed, not a marker */
		if (h->tstart < n - p - 1 && sy_is_cn_digit_cp(cp[p + 1 + h->tstart]) &&
		    p + 2 + h->tstart < n && cp[p + 2 + h->tstart] == IDEO_COMMA)
			continue;
		/* only the Chinese markers: 1. 2. inside a sentence is an
		 * enumeration (guidelines.md), and 一) mid-line is not a marker */
		if (!(h->kind == SY_MK_CN_SUFFIX ||
		      (h->kind == SY_MK_CN_PAREN && is_open(cp[p + 1]))))
			continue;
		h->mstart += p + 1;
		h->mend += p + 1;
		h->tstart += p + 1;
		h->tend += p + 1;
		return true;
	}
	return false;
}

/* 1. and ＊． close the same way: a point, half- or full-width. */
static bool same_close(uint32_t a, uint32_t b)
{
	if (a == FW_DOT)
		a = '.';
	if (b == FW_DOT)
		b = '.';
	return a == b;
}

bool sy_outline_adopt(const sy_outline *o, sy_heading *h)
{
	for (int i = o->depth - 1; i >= 0; i--) {
		if (o->stack[i].kind != h->kind)
			continue;
		if (h->masked ? !same_close(o->stack[i].close, h->close)
			      : o->stack[i].number != h->number - 1)
			continue;
		if (h->masked)
			h->number = o->stack[i].number + 1;
		h->open = o->stack[i].open;
		h->close = o->stack[i].close;
		return true;
	}
	return false;
}

int sy_outline_place(sy_outline *o, const sy_heading *h, unsigned *anom)
{
	int i;

	*anom = 0;
	/* an excerpt that starts mid-document: （一） sits at level 2 even
	 * when its 一、 is not in the text */
	if (o->depth == 0 && h->kind == SY_MK_CN_PAREN) {
		o->stack[0].kind = SY_MK_CN_SUFFIX;
		o->stack[0].open = 0;
		o->stack[0].close = IDEO_COMMA;
		o->stack[0].number = -1;
		o->depth = 1;
	}
	/* 1. the same marker style is open: same level, numbering goes on */
	for (i = o->depth - 1; i >= 0; i--)
		if (same_style(o, i, h))
			break;
	/* 一、 on the line right under a 一、 (一、主要措施 / 一、强化领导…):
	 * the first item of a level below written in its parent's style, not
	 * a repeat (with body between, it is one) */
	if (i >= 0 && o->fresh && i == o->depth - 1 && h->number == 1 &&
	    o->stack[i].number == 1 && o->depth < SY_OUTLINE_MAX) {
		*anom |= SY_ANOM_STYLE;
		set_entry(o, o->depth, h);
		return ++o->depth;
	}
	if (i >= 0) {
		int prev = o->stack[i].number;
		if (prev < 0)
			;                       /* a level not in the excerpt */
		else if (h->number <= prev)
			*anom |= SY_ANOM_REPEAT;
		else if (h->number > prev + 1)
			*anom |= SY_ANOM_SKIP;
		set_entry(o, i, h);
		o->depth = i + 1;
		return i + 1;
	}
	/* 2. another style of the same shape continues an open level's
	 * numbering: （1）（2） then （三）, 1、 then 二、 */
	if (h->number > 1)
		for (i = o->depth - 1; i >= 0; i--)
			if (paren_family(o->stack[i].kind) == paren_family(h->kind) &&
			    o->stack[i].number == h->number - 1) {
				*anom |= SY_ANOM_STYLE;
				set_entry(o, i, h);
				o->depth = i + 1;
				return i + 1;
			}
	/* 3. a style not open yet starts a level below the innermost open
	 * one: the report's own hierarchy decides, not the marker's shape
	 * (一、 then （1） then 1． gives levels 1, 2, 3) */
	if (h->number != 1)
		*anom |= SY_ANOM_SKIP;
	if (o->depth >= SY_OUTLINE_MAX)
		o->depth = SY_OUTLINE_MAX - 1;
	set_entry(o, o->depth, h);
	return ++o->depth;
}
