/* stats.c - see stats.h.
 *
 * A candidate is a numeral (numeral.h) that is followed, after an optional
 * range (2-3) and approximation mark (余 多), by a unit or measure word
 * from the table below.  Before that, rules drop what the guidelines call
 * non-statistics: ordinals (第), years and dates (年 月 日 are not units),
 * "一" used as an article, identifiers glued to other digits or letters
 * (3·15, 12345热线, 3.0版本), numerals inside short quoted slogans
 * ("两个维护", "126"), and a few fixed political phrases.  Reports met on
 * the web (issue 12): a line in traditional characters is read folded
 * (measure.h), one wrap space may sit inside a quantity (72 个), the
 * measure words of measure.c back the table below, and a page's view
 * counter (浏览：120次) or a meeting's ordinal (十届六次全会, 人大三次会议,
 * 第52次、54次) is not a statistic.
 */
#include "extract/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "extract/measure.h"
#include "extract/statctx.h"
#include "extract/stats_check.h"
#include "text/numeral.h"
#include "text/textscan.h"
#include "base/utf8.h"
#include "base/mem.h"

/* ------------------------------------------------------------ word lists */

/* Units and measure words, matched longest first. */
static const char *const UNITS[] = {
	"个百分点", "平方公里", "平方米", "立方米", "百分点",
	"人次", "场次", "家次", "批次", "车次", "架次", "台次", "户次", "件次",
	"个次", "班次", "艘次", "学时", "课时", "小时", "个小时", "公里", "千米", "平米", "公顷",
	"千克", "公斤", "部门",
	"%", "％", "‰",
	"宗", "件", "起", "次", "人", "名", "位", "个", "家", "户", "项", "条",
	"份", "场", "处", "支", "部", "台", "辆", "栋", "幢", "所", "座", "间",
	"套", "块", "张", "本", "册", "期", "批", "类", "级", "篇", "封", "例",
	"单", "票", "艘", "头", "只", "株", "棵", "盏", "片", "轮", "组", "队",
	"元", "亩", "吨", "米", "斤", "倍", "户", "对", "宗次", "条次",
};

/* After a number these make it a date, time or duration, not a count. */
static const char *const NOT_UNITS[] = {
	"个月", "个工作日", "个季度", "个年度", "分钟",
	"周年", "年", "月", "日", "号", "时", "分之", "秒", "周", "天", "岁",
	"小时制", "小时在线", "小时服务", "小时值班", "小时值守", "小时不间断",
	"届", "后", "大", "中", "点", "版",
	"人民", "人大", "名单", "名称", "项目", "条例", "条件", "部署", "类型",
	"级别", "台账", "场所", "期间", "处理", "处置", "处罚", "起草", "起诉",
	"本级", "本地", "部分", "间隔", "片区", "队伍", "元素", "次日", "次年",
	"部委",     /* 六部委: the ministries that issue together, a name */
};

/* Fixed phrases whose numerals are not quantities (guidelines.md). */
static const char *const SET_PHRASES[] = {
	"三重一大", "六稳六保", "四个意识", "四个自信", "四个全面", "两个维护",
	"两个确立", "三个代表", "两学一做", "三会一课", "五减四办", "一制三化",
	"十件实事", "多员合一", "三项制度", "八项规定", "一岗双责", "两法衔接",
	"三大攻坚战", "四议两公开", "五位一体", "两个责任", "三个到位",
	"两个毫不动摇", "三个务必", "四下基层", "两新组织", "三治融合",
	"两个一百年", "一网通办", "一网统管", "一件事", "百千万工程",
	"最后一公里", "最后一米", "最多跑一次",
};

/* Words just before a number that make it approximate. */
static const struct { const char *w; sy_approx a; } BEFORE[] = {
	{ "不少于", SY_APPROX_OVER }, { "超过", SY_APPROX_OVER },
	{ "多于", SY_APPROX_OVER }, { "高于", SY_APPROX_OVER },
	{ "超", SY_APPROX_OVER }, { "逾", SY_APPROX_OVER },
	{ "将近", SY_APPROX_UNDER }, { "接近", SY_APPROX_UNDER },
	{ "不足", SY_APPROX_UNDER }, { "不到", SY_APPROX_UNDER },
	{ "少于", SY_APPROX_UNDER }, { "低于", SY_APPROX_UNDER },
	{ "近", SY_APPROX_UNDER },
	{ "大约", SY_APPROX_ABOUT }, { "约", SY_APPROX_ABOUT },
};

/* An approximation word is not one when it ends a longer word: 村规民约,
 * 最近, 赶超.  These are the characters that make such words. */
static bool approx_word_glued(const uint32_t *cp, size_t at, uint32_t w0)
{
	static const char *const glue[] = {
		"民合制节签公条预契履违邀相规特简隐践赴失毁解续守立缔婉",  /* …约 */
		"最附邻亲靠就贴临逼走拉晚新",                                  /* …近 */
		"赶高特",                                                      /* …超 */
	};
	size_t g, k;
	uint32_t prev, c;
	const char *s;

	if (at == 0)
		return false;
	prev = cp[at - 1];
	if (w0 == 0x7EA6) g = 0;        /* 约 */
	else if (w0 == 0x8FD1) g = 1;   /* 近 */
	else if (w0 == 0x8D85) g = 2;   /* 超 */
	else return false;
	for (s = glue[g]; *s; s += k) {
		k = sy_utf8_decode((const unsigned char *)s, strlen(s), &c);
		if (!k)
			break;
		if (c == prev)
			return true;
	}
	return false;
}

/* Words just after the unit. */
static const struct { const char *w; sy_approx a; } AFTER[] = {
	{ "以上", SY_APPROX_OVER }, { "左右", SY_APPROX_ABOUT },
	{ "以下", SY_APPROX_UNDER }, { "以内", SY_APPROX_UNDER },
};

/* Subject clean-up: leading and trailing filler words. */
static const char *const SUBJ_HEAD[] = {
	"截至目前", "今年以来", "全年共", "其中", "一是", "二是", "三是", "四是",
	"五是", "六是", "七是", "八是", "九是", "十是", "目前", "全年", "年内", "共计",
	"累计", "我镇", "全镇", "共", "已", "并", "还", "同时", "另外", "此外",
};
static const char *const SUBJ_TAIL[] = {
	"共计", "合计", "累计", "达到", "不少于", "超过", "不足", "将近", "接近",
	"大约", "共", "达", "为", "约", "近", "超", "逾", "有", "计", "了",
};

/* Code points below U+10000 that can start a numeral, as a bitmap: the
 * scanner asks this of every character of the report. */
static uint8_t numeral_bits[0x10000 / 8];

/* 万 亿 and their traditional forms: a numeral may start with one (近万人,
 * 万余元) and they multiply the number before them. */
static bool is_big_place(uint32_t c)
{
	return c == 0x4E07 || c == 0x4EBF || c == 0x842C || c == 0x5104;
}

/* The power of ten a numeral's last character multiplies it by, or 1:
 * 5万 3亿 2千 三百. */
static double place_factor(uint32_t c)
{
	switch (c) {
	case 0x4E07: return 1e4;    /* 万 */
	case 0x4EBF: return 1e8;    /* 亿 */
	case 0x5343: return 1e3;    /* 千 */
	case 0x767E: return 1e2;    /* 百 */
	default: return 1;
	}
}

static bool is_numeral_cp(uint32_t c)
{
	return c < 0x10000 && (numeral_bits[c >> 3] >> (c & 7) & 1);
}

/* ------------------------------------------------ pre-decoded word tables */

typedef struct { uint32_t cp[8]; size_t n; } word;

typedef struct { word *w; size_t n; } wordlist;

static void decode_word(const char *s, word *w)
{
	size_t len = strlen(s), pos = 0;
	w->n = 0;
	while (pos < len && w->n < 8) {
		size_t k = sy_utf8_decode((const unsigned char *)s + pos, len - pos,
					  &w->cp[w->n]);
		if (!k)
			break;
		pos += k;
		w->n++;
	}
}

static int by_len_desc(const void *a, const void *b)
{
	const word *x = a, *y = b;
	return (int)y->n - (int)x->n;
}

static word units_w[sizeof UNITS / sizeof *UNITS];
static word notunits_w[sizeof NOT_UNITS / sizeof *NOT_UNITS];
static word phrases_w[sizeof SET_PHRASES / sizeof *SET_PHRASES];
/* where each phrase's first numeral is */
static size_t phrase_num[sizeof SET_PHRASES / sizeof *SET_PHRASES];
static word before_w[sizeof BEFORE / sizeof *BEFORE];
static word after_w[sizeof AFTER / sizeof *AFTER];
static word head_w[sizeof SUBJ_HEAD / sizeof *SUBJ_HEAD];
static word tail_w[sizeof SUBJ_TAIL / sizeof *SUBJ_TAIL];
static bool tables_ready;

#define N_OF(a) (sizeof a / sizeof *a)

static void tables_init(void)
{
	size_t i;
	if (tables_ready)
		return;
	for (uint32_t c = 0; c < 0x10000; c++)
		if (sy_is_digit_cp(c) || sy_is_cn_digit_cp(c) ||
		    c == 0x5169 /* 兩, folded to 两 */ || is_big_place(c))
			numeral_bits[c >> 3] |= (uint8_t)(1u << (c & 7));
	for (i = 0; i < N_OF(UNITS); i++) decode_word(UNITS[i], &units_w[i]);
	qsort(units_w, N_OF(units_w), sizeof *units_w, by_len_desc);
	for (i = 0; i < N_OF(NOT_UNITS); i++) decode_word(NOT_UNITS[i], &notunits_w[i]);
	for (i = 0; i < N_OF(SET_PHRASES); i++) {
		decode_word(SET_PHRASES[i], &phrases_w[i]);
		while (phrase_num[i] < phrases_w[i].n &&
		       !is_numeral_cp(phrases_w[i].cp[phrase_num[i]]))
			phrase_num[i]++;
	}
	for (i = 0; i < N_OF(BEFORE); i++) decode_word(BEFORE[i].w, &before_w[i]);
	for (i = 0; i < N_OF(AFTER); i++) decode_word(AFTER[i].w, &after_w[i]);
	for (i = 0; i < N_OF(SUBJ_HEAD); i++) decode_word(SUBJ_HEAD[i], &head_w[i]);
	for (i = 0; i < N_OF(SUBJ_TAIL); i++) decode_word(SUBJ_TAIL[i], &tail_w[i]);
	tables_ready = true;
}

static bool word_at(const uint32_t *cp, size_t n, size_t i, const word *w)
{
	if (i + w->n > n)
		return false;
	for (size_t k = 0; k < w->n; k++)
		if (cp[i + k] != w->cp[k])
			return false;
	return true;
}

static bool word_before(const uint32_t *cp, size_t i, const word *w)
{
	return i >= w->n && word_at(cp, i, i - w->n, w);
}

/* Index of the first of WS[0..N) found at CP[I], or -1. */
static int match_at(const uint32_t *cp, size_t n, size_t i, const word *ws,
		    size_t nw)
{
	for (size_t k = 0; k < nw; k++)
		if (word_at(cp, n, i, &ws[k]))
			return (int)k;
	return -1;
}

/* ------------------------------------------------------------ the scanner */

static bool is_ascii_alnum(uint32_t c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static bool is_range_sep(uint32_t c)
{
	return c == '-' || c == 0xFF0D || c == '~' || c == 0xFF5E ||
	       c == 0x2014 || c == 0x2013 || c == 0x81F3 /* 至 */ ||
	       c == 0x5230 /* 到 */;
}

/* The numeral before position I is glued to something that makes it an
 * identifier or a date part: 第, 3·15, 2021/2, G15, 5.22, -2020. */
static bool bad_left(const uint32_t *cp, size_t i)
{
	uint32_t p;
	if (i == 0)
		return false;
	p = cp[i - 1];
	/* 第 3 条 with a space; 十届六次全会: the number after 届 is a
	 * meeting's ordinal, 第 or not */
	if (p == ' ' && i >= 2 && cp[i - 2] == 0x7B2C)
		return true;
	if (p == 0x5C4A /* 届 */ && i >= 2 && is_numeral_cp(cp[i - 2]))
		return true;
	if (p == 0x7B2C /* 第 */ || p == 0x00B7 ||
	    p == 0x30FB || p == 0x2022 ||
	    p == '/' || p == '.' || p == 0xFF0E || p == '#' || p == 0x2116 ||
	    is_ascii_alnum(p) || p == '_')
		return true;
	if (is_range_sep(p) && i >= 2 && is_numeral_cp(cp[i - 2]))
		return true;
	return false;
}

/* Inside a short quoted phrase: “两个维护” “126” “6.26”. */
static bool in_short_quote(const uint32_t *cp, size_t n, size_t i)
{
	size_t a, b;
	for (a = i; a > 0 && i - a < 16; a--) {
		uint32_t c = cp[a - 1];
		if (c == 0x201D || c == 0x2019 || c == 0x3002 || c == 0xFF0C)
			return false;
		if (c == 0x201C || c == 0x2018 || c == 0x300C || c == 0x300E ||
		    c == '"')
			break;
	}
	if (a == 0 || i - a >= 16)
		return false;
	for (b = i; b < n && b - a < 16; b++)
		if (cp[b] == 0x201D || cp[b] == 0x2019 || cp[b] == 0x300D ||
		    cp[b] == 0x300F || cp[b] == '"')
			return true;
	return false;
}

/* The numeral at I is part of a set phrase (三重一大, 最后一公里): the
 * phrase may start before it. */
static bool in_set_phrase(const uint32_t *cp, size_t n, size_t i)
{
	for (size_t k = 0; k < N_OF(phrases_w); k++) {
		const word *w = &phrases_w[k];
		size_t o = phrase_num[k];
		if (o < w->n && w->cp[o] == cp[i] && o <= i && word_at(cp, n, i - o, w))
			return true;
	}
	return false;
}

/* Inside the name of a document, 《…》: 《十条措施》 names, it does not
 * count (guidelines: names that contain numbers). */
static bool in_book_title(const uint32_t *cp, size_t n, size_t i)
{
	size_t a, b;
	for (a = i; a > 0 && i - a < 40; a--) {
		uint32_t c = cp[a - 1];
		if (c == 0x300B || c == 0x3002)
			return false;
		if (c == 0x300A)
			break;
	}
	if (a == 0 || i - a >= 40)
		return false;
	for (b = i; b < n && b - a < 60; b++) {
		if (cp[b] == 0x3002 || cp[b] == 0x300A)
			return false;
		if (cp[b] == 0x300B)
			return true;
	}
	return false;
}

/* 数十次, 几百人, 数万元: a bare place value (十 百 千 万 亿, no digit)
 * after 数 or 几 states no number. */
static bool vague_place_value(const uint32_t *cp, size_t i, size_t j)
{
	if (i == 0 || (cp[i - 1] != 0x6570 /* 数 */ && cp[i - 1] != 0x51E0 /* 几 */))
		return false;
	for (size_t k = i; k < j; k++)
		if (place_factor(cp[k]) == 1 && cp[k] != 0x5341 /* 十 */)
			return false;
	return true;
}

static int found_push(sy_foundvec *v, const sy_found *f)
{
	if (SY_GROW(v->v, v->n, v->cap) < 0)
		return -1;
	v->v[v->n++] = *f;
	return 0;
}

void sy_foundvec_free(sy_foundvec *v)
{
	free(v->v);
	free(v->fold);
	memset(v, 0, sizeof *v);
}

static bool is_subject_stop(uint32_t c)
{
	return sy_is_clause_punct(c) || c == '\t';
}

/* Subject: the clause before the number, less filler words; failing
 * that, the words after the unit. */
static void find_subject(const uint32_t *cp, size_t n, size_t from,
			 size_t after, sy_found *f)
{
	size_t a = from, b = from;
	bool again = true;

	while (a > 0 && !is_subject_stop(cp[a - 1]) && from - a < 24)
		a--;
	while (again && a < b) {
		int k;
		again = false;
		while (a < b && sy_is_space(cp[a]))
			a++;
		if ((k = match_at(cp, b, a, head_w, N_OF(head_w))) >= 0) {
			a += head_w[k].n;
			again = true;
		}
		for (size_t t = 0; t < N_OF(tail_w) && a < b; t++)
			if (word_before(cp + a, b - a, &tail_w[t])) {
				b -= tail_w[t].n;
				again = true;
				break;
			}
		while (b > a && sy_is_space(cp[b - 1]))
			b--;
	}
	if (b > a) {
		f->sstart = a;
		f->send = b;
		return;
	}
	a = after;
	b = after;
	while (b < n && !is_subject_stop(cp[b]) && b - a < 12)
		b++;
	f->sstart = a;
	f->send = b;
}

/* The approximation said by the word just before position I. */
static sy_approx approx_before(const uint32_t *cp, size_t i)
{
	for (size_t w = 0; w < N_OF(before_w); w++)
		if (word_before(cp, i, &before_w[w]) &&
		    !approx_word_glued(cp, i - before_w[w].n, before_w[w].cp[0]))
			return BEFORE[w].a;
	return SY_APPROX_NONE;
}

/* One space (ASCII, no-break or ideographic) after an Arabic number at J,
 * when a character follows it: skipped.  Else J. */
static size_t skip_wrap_space(const uint32_t *cp, size_t n, size_t j,
			      bool arabic)
{
	if (arabic && j + 1 < n &&
	    (cp[j] == ' ' || cp[j] == 0xA0 || cp[j] == 0x3000) &&
	    !sy_is_space(cp[j + 1]))
		return j + 1;
	return j;
}

/* A page's view counter (浏览：3799次, 点击数: 120, 阅读量：2万): the
 * counter word and a colon just before the number.  The page counts its
 * readers; the report states nothing. */
static bool page_counter(const uint32_t *cp, size_t i)
{
	static const char *const words[] = {
		"浏览", "点击", "阅读", "访问", "查看", "人气", "热度",
	};
	size_t k = i;
	word x;
	while (k > 0 && (cp[k - 1] == ' ' || cp[k - 1] == 0x3000 || cp[k - 1] == 0xA0))
		k--;
	/* 本文已被浏览120次: the passive says the page is the one counted */
	if (k >= 3 && (cp[k - 3] == 0x88AB /* 被 */ || cp[k - 3] == 0x5DF2 /* 已 */))
		for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
			decode_word(words[w], &x);
			if (word_before(cp, k, &x))
				return true;
		}
	if (k == 0 || !(cp[k - 1] == ':' || cp[k - 1] == 0xFF1A))
		return false;
	k--;
	while (k > 0 && (cp[k - 1] == ' ' || cp[k - 1] == 0x3000))
		k--;
	/* 浏览次数 浏览量 点击数 点击率: the word may end in 次数 量 数 率 */
	if (k >= 2 && cp[k - 2] == 0x6B21 && cp[k - 1] == 0x6570)  /* 次数 */
		k -= 2;
	else if (k >= 1 && (cp[k - 1] == 0x91CF || cp[k - 1] == 0x6570 ||
			    cp[k - 1] == 0x7387))                    /* 量 数 率 */
		k--;
	for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
		decode_word(words[w], &x);
		if (word_before(cp, k, &x))
			return true;
	}
	return false;
}

/* 1024次浏览 ending a line of page chrome (after a date, before the next
 * field): the counter written after its number. */
static bool page_counter_after(const uint32_t *cp, size_t n, const sy_found *f)
{
	static const uint32_t words[][2] = {
		{ 0x6D4F, 0x89C8 }, { 0x9605, 0x8BFB }, { 0x70B9, 0x51FB },
		{ 0x8BBF, 0x95EE },      /* 浏览 阅读 点击 访问 */
	};
	size_t e = f->end;
	if (f->uend - f->ustart != 1 || cp[f->ustart] != 0x6B21 /* 次 */ ||
	    e + 2 > n || f->start == 0 || !sy_is_space(cp[f->start - 1]))
		return false;
	for (size_t w = 0; w < sizeof words / sizeof *words; w++)
		if (cp[e] == words[w][0] && cp[e + 1] == words[w][1])
			return e + 2 == n || sy_is_space(cp[e + 2]) ||
			       cp[e + 2] == '|' || cp[e + 2] == 0x3011;
	return false;
}

/* 人大三次会议, 常委会二次全会: after a body's name, N次 before 会议 or
 * 全会 numbers the meeting (an ordinal without 第); 召开三次会议 counts. */
static bool session_ordinal(const uint32_t *cp, size_t n, size_t i,
			    const sy_found *f)
{
	uint32_t p;
	if (i == 0 || f->uend - f->ustart != 1 || cp[f->ustart] != 0x6B21 /* 次 */)
		return false;
	p = cp[i - 1];
	if (p != 0x5927 /* 大 */ && p != 0x4F1A /* 会 */ && p != 0x59D4 /* 委 */)
		return false;
	return f->end + 2 <= n &&
	       ((cp[f->end] == 0x4F1A && cp[f->end + 1] == 0x8BAE) ||  /* 会议 */
		(cp[f->end] == 0x5168 && cp[f->end + 1] == 0x4F1A) ||  /* 全会 */
		(cp[f->end] == 0x5168 && cp[f->end + 1] == 0x4F53));   /* 全体 */
}

/* 第52次、54次、57次会议, 第1、2、3批: a number listed after an ordinal,
 * with the same unit or none, is an ordinal too (the 第 is not repeated). */
static bool listed_ordinal(const uint32_t *cp, size_t i, const sy_found *f)
{
	size_t ulen = f->uend - f->ustart, k = i;
	for (int items = 0; items < 8; items++) {
		if (k == 0 || !(cp[k - 1] == 0x3001 /* 、 */ || cp[k - 1] == 0x548C /* 和 */))
			return false;
		k--;
		/* the unit may be written once, at the end: 第1、2、3批 */
		if (k >= ulen && !memcmp(cp + k - ulen, cp + f->ustart, ulen * sizeof *cp))
			k -= ulen;
		if (k == 0 || !is_numeral_cp(cp[k - 1]))
			return false;
		while (k > 0 && is_numeral_cp(cp[k - 1]))
			k--;
		if (k > 0 && cp[k - 1] == 0x7B2C /* 第 */)
			return true;
	}
	return false;
}

/* 位列前3名: a rank, not a count; 8时30分, 9:15分: a time, not a score. */
static bool rank_or_clock(const uint32_t *cp, size_t i, const sy_found *f)
{
	uint32_t u = cp[f->ustart], p = i > 0 ? cp[i - 1] : 0;
	if (f->uend - f->ustart != 1)
		return false;
	if (p == 0x524D /* 前 */ && (u == 0x540D /* 名 */ || u == 0x4F4D /* 位 */))
		return true;
	return u == 0x5206 /* 分 */ &&
	       (p == 0x65F6 /* 时 */ || p == 0x70B9 /* 点 */ || p == ':' || p == 0xFF1A);
}

/* 百分之九十五, 百分之十二点五, 百分之百: a percentage in words.  Its
 * unit is %, as 95% has (guidelines.md: unit %).  Returns the end, or 0. */
static size_t percent_words(const uint32_t *cp, size_t n, size_t i, sy_found *f)
{
	sy_numeral a, d;
	size_t k, j;
	double scale = 0.1;

	if (i + 3 >= n || cp[i] != 0x767E || cp[i + 1] != 0x5206 || cp[i + 2] != 0x4E4B)
		return 0;
	if (!(k = sy_numeral_scan(cp + i + 3, n - i - 3, &a)) || a.arabic || a.sequence)
		return 0;
	memset(f, 0, sizeof *f);
	f->start = i;
	f->ustart = i;
	f->uend = i + 3;
	f->unit_word = "%";
	f->value = a.value;
	j = i + 3 + k;
	/* 点五: the decimals, one digit each */
	if (j + 1 < n && cp[j] == 0x70B9 /* 点 */)
		for (size_t e = j + 1; e < n; e++) {
			bool zero = cp[e] == 0x96F6 || cp[e] == 0x3007;
			if (!zero && (sy_numeral_scan(cp + e, 1, &d) != 1 || d.value > 9 ||
				      d.value < 1))
				break;
			f->value += (zero ? 0 : d.value) * scale;
			scale /= 10;
			j = e + 1;
		}
	f->end = j;
	return j;
}

/* Try a statistic whose numeral starts at I.  Returns the index to go on
 * scanning from, and fills *F / sets *GOT when one was found. */
static size_t try_at(const uint32_t *cp, size_t n, size_t i, sy_found *f,
		     bool *got)
{
	sy_numeral a, b;
	size_t j, k, runend, ulen;
	int u;
	bool article;

	*got = false;
	if (percent_words(cp, n, i, f))
		goto quantity;
	k = sy_numeral_scan(cp + i, n - i, &a);
	if (!k)
		return i + 1;
	j = i + k;
	for (runend = j; runend < n && is_numeral_cp(cp[runend]); runend++)
		;
	/* glued to more numerals (七五普法, 二〇二一) or to a letter; not
	 * the 千 of a unit (3.6万千瓦时, 5千米) */
	if ((runend > j && !sy_measure_at(cp, n, j, a.arabic) &&
	     match_at(cp, n, j, units_w, N_OF(units_w)) < 0) ||
	    (j < n && is_ascii_alnum(cp[j]) && cp[j] != '%' &&
	     !(cp[j] >= 'a' && sy_measure_at(cp, n, j, true))))
		return runend;
	if (bad_left(cp, i) || in_short_quote(cp, n, i) || page_counter(cp, i) ||
	    in_set_phrase(cp, n, i))
		return j;
	/* digits read one by one (二〇二一) are years and codes */
	if (a.sequence)
		return j;
	/* a bare 百 千 万 needs 余/多 (百余次, 万余元) or an approximation
	 * word before it (逾百人, 近万人) */
	if (!a.arabic && k == 1 && a.value >= 100 &&
	    !((j < n && (cp[j] == 0x4F59 || cp[j] == 0x591A)) ||
	      approx_before(cp, i) != SY_APPROX_NONE))
		return j;
	/* "一" as an article (一支队伍, 一个平台) unless the clause ends
	 * with its measure word (聘请律师一名。), and not in a norm of how
	 * often (每月一次。): checked at the unit */
	article = !a.arabic && k == 1 && a.value == 1;
	memset(f, 0, sizeof *f);
	f->start = i;
	f->value = a.value;
	/* range: 2-3名, 5～8人, 三至五个 */
	if (j + 1 < n && is_range_sep(cp[j]) &&
	    sy_numeral_scan(cp + j + 1, n - j - 1, &b) &&
	    b.arabic == a.arabic && b.value > a.value) {
		size_t k2 = b.len;
		/* 3-5万元, 二至三百人: the multiplier written once, at the end */
		double m = place_factor(cp[j + k2]);
		if (m > 1 && place_factor(cp[i + k - 1]) == 1 && f->value * m <= b.value)
			f->value *= m;
		f->has_max = true;
		f->value_max = b.value;
		f->approx = SY_APPROX_RANGE;
		j += 1 + k2;
	}
	/* a .docx line wrap or a web page may put one space after an Arabic
	 * number (辖区 72 个网格, 260 余名): the span keeps it */
	j = skip_wrap_space(cp, n, j, a.arabic);
	/* 120 万元, 1.5 亿元: the multiplier after the wrap space */
	if (j > i + k && j < n && (cp[j] == 0x4E07 || cp[j] == 0x4EBF)) {
		double m = cp[j] == 0x4E07 ? 1e4 : 1e8;
		f->value *= m;
		if (f->has_max)
			f->value_max *= m;
		j++;
	}
	/* 余 多 between number and unit, and a multiplier after them:
	 * 50余万元, 三十多万人, 20余万 人 */
	if (j < n && (cp[j] == 0x4F59 || cp[j] == 0x591A)) {
		if (f->approx == SY_APPROX_NONE)
			f->approx = SY_APPROX_OVER;
		j = skip_wrap_space(cp, n, j + 1, a.arabic);
		if (j < n && (cp[j] == 0x4E07 || cp[j] == 0x4EBF) &&
		    !(j + 1 < n && (cp[j + 1] == 0x4F59 || cp[j + 1] == 0x591A))) {
			f->value *= place_factor(cp[j]);
			j = skip_wrap_space(cp, n, j + 1, a.arabic);
		}
	}
	if (match_at(cp, n, j, notunits_w, N_OF(notunits_w)) >= 0) {
		/* a period is not a quantity, a measured duration is */
		if (!(ulen = sy_measured_duration(cp, n, i, i + k, j)))
			return j;
	} else {
		/* the longer of the two tables' words: 轮次 over 轮 */
		ulen = (u = match_at(cp, n, j, units_w, N_OF(units_w))) >= 0 ?
		       units_w[u].n : 0;
		size_t m = sy_measure_at(cp, n, j, a.arabic);
		if (m > ulen)
			ulen = m;
	}
	if (!ulen || (ulen == 1 && cp[j] == 0x7EA7 /* 级 */ && !a.arabic &&
		      sy_level_count(cp, i)))
		return j;
	f->ustart = j;
	f->uend = j + ulen;
	f->end = f->uend;
	if (article && ((f->end < n && !sy_is_clause_punct(cp[f->end])) ||
			cp[f->ustart] == 0x6B21 /* 次 */))
		return j;     /* 每月一次。 is a norm (guidelines: 一次办) */
	/* rarer filters, once a quantity has been read */
	if (in_book_title(cp, n, i) || vague_place_value(cp, i, i + k))
		return i + k;
quantity:
	/* approximation words outside the text */
	if (f->approx == SY_APPROX_NONE) {
		for (size_t w = 0; w < N_OF(after_w); w++)
			if (word_at(cp, n, f->end, &after_w[w])) {
				f->approx = AFTER[w].a;
				break;
			}
	}
	if (f->approx == SY_APPROX_NONE)
		f->approx = approx_before(cp, i > 0 && cp[i - 1] == ' ' ? i - 1 : i);
	if (session_ordinal(cp, n, i, f) || listed_ordinal(cp, i, f) ||
	    page_counter_after(cp, n, f) || rank_or_clock(cp, i, f))
		return f->end;
	find_subject(cp, n, i, f->end, f);
	*got = true;
	return f->end;
}

int sy_stats_scan(const uint32_t *cp, size_t n, sy_foundvec *out)
{
	size_t i = 0;
	bool folded = out->trad < 0;

	tables_init();
	out->n = 0;
	while (i < n) {
		sy_found f;
		bool got;
		uint32_t c = cp[i];
		if (!is_numeral_cp(c) || (i > 0 && is_numeral_cp(cp[i - 1]) &&
					  sy_is_digit_cp(c) == sy_is_digit_cp(cp[i - 1]))) {
			i++;
			continue;
		}
		/* a page in traditional characters reads as the simplified
		 * one: at the line's first numeral, the rules switch to the
		 * folded line (same offsets) if it has anything to fold */
		if (!folded) {
			folded = true;
			if (out->trad > 0 || (out->trad == 0 && sy_has_trad(cp, n))) {
				if (n > out->foldcap) {
					uint32_t *p = realloc(out->fold, n * sizeof *p);
					if (!p)
						return -1;
					out->fold = p;
					out->foldcap = n;
				}
				sy_fold_line(cp, n, out->fold);
				cp = out->fold;
				c = cp[i];
				if (!is_numeral_cp(c))
					continue;
			}
		}
		i = try_at(cp, n, i, &f, &got);
		if (got && found_push(out, &f))
			return -1;
	}
	sy_stats_cross_check(cp, n, out);
	return 0;
}
