/* headings.c - see headings.h */
#include "headings.h"

#include <string.h>

#include "numeral.h"
#include "textscan.h"

#define FW_LPAREN 0xFF08   /* （ */
#define FW_RPAREN 0xFF09   /* ） */
#define IDEO_COMMA 0x3001  /* 、 */
#define FW_DOT 0xFF0E      /* ． */

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

bool sy_heading_match(const uint32_t *cp, size_t n, sy_heading *h)
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
		if (i >= n || cp[i] != IDEO_COMMA)
			return false;
		h->kind = SY_MK_CN_SUFFIX;
		h->close = cp[i++];
	} else if ((k = marker_number(cp + i, n - i, false, &num))) {
		i += k;
		if (i >= n || !(cp[i] == '.' || cp[i] == FW_DOT || cp[i] == IDEO_COMMA))
			return false;
		if (cp[i] != IDEO_COMMA && i + 1 < n && sy_is_digit_cp(cp[i + 1]))
			return false;          /* 1.76亿元, 1.2.3 */
		h->kind = SY_MK_AR_SUFFIX;
		h->close = cp[i++];
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

int sy_outline_place(sy_outline *o, const sy_heading *h, unsigned *anom)
{
	int i;

	*anom = 0;
	/* 1. the same marker style is open: same level, numbering goes on */
	for (i = o->depth - 1; i >= 0; i--)
		if (same_style(o, i, h))
			break;
	if (i >= 0) {
		int prev = o->stack[i].number;
		if (h->number <= prev)
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
