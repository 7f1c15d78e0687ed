/* score.c - the scores of shenyue's own proposals (see score.h).
 *
 * Each rule below is one piece of evidence and its factor; the factors
 * were set from what the kinds of item they mark turn out to be in the
 * guidelines (a norm such as 2人以上 is borderline, a 第 makes an ordinal,
 * a quotation mark a set phrase or a name), not fitted item by item.
 */
#include "config.h"

#include "extract/score.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/utf8.h"
#include "extract/measure.h"
#include "format/provenance.h"
#include "model/schema.h"

/* The highest score: the rules are never sure beyond what a reviewer
 * checks. */
#define SCORE_TOP 0.97

/* ------------------------------------------------------------ helpers */

/* The code point of LINE[I], folded to simplified form; 0 outside. */
static uint32_t at(const uint32_t *line, size_t n, size_t i)
{
	return i < n ? sy_fold_trad(line[i]) : 0;
}

/* A word list decoded once: code points, so that a word is compared
 * without decoding it again for every item. */
#define WORD_MAX 6
#define LIST_MAX 48
typedef struct wlist {
	const char *const *src;      /* NULL-terminated UTF-8 words */
	size_t n;
	uint8_t len[LIST_MAX];
	uint32_t cp[LIST_MAX][WORD_MAX];
} wlist;

static void wlist_init(wlist *l)
{
	for (l->n = 0; l->src[l->n] && l->n < LIST_MAX; l->n++) {
		const unsigned char *p = (const unsigned char *)l->src[l->n];
		size_t len = strlen(l->src[l->n]), k, m = 0;
		while (len && m < WORD_MAX && (k = sy_utf8_decode(p, len, &l->cp[l->n][m]))) {
			p += k;
			len -= k;
			m++;
		}
		l->len[l->n] = (uint8_t)m;
	}
}

/* Does word I of L stand at LINE[AT]? */
static bool word_at(const uint32_t *line, size_t n, size_t at_, const wlist *l,
		    size_t i)
{
	if (at_ + l->len[i] > n)
		return false;
	for (size_t k = 0; k < l->len[i]; k++)
		if (at(line, n, at_ + k) != l->cp[i][k])
			return false;
	return true;
}

/* Does a word of L stand at LINE[I]? */
static bool any_at(const uint32_t *line, size_t n, size_t i, const wlist *l)
{
	for (size_t w = 0; w < l->n; w++)
		if (word_at(line, n, i, l, w))
			return true;
	return false;
}

/* Does a word of L end just before LINE[I]? */
static bool any_before(const uint32_t *line, size_t n, size_t i,
		       const wlist *l)
{
	for (size_t w = 0; w < l->n; w++)
		if (l->len[w] <= i && word_at(line, n, i - l->len[w], l, w))
			return true;
	return false;
}

/* Is the word U[0..NU) one of L? */
static bool in_list(const uint32_t *u, size_t nu, const wlist *l)
{
	for (size_t w = 0; w < l->n; w++)
		if (l->len[w] == nu && l->cp[w][0] == u[0] &&
		    !memcmp(l->cp[w], u, nu * sizeof *u))
			return true;
	return false;
}

static bool is_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

static bool is_open_quote(uint32_t c)
{
	return c == 0x201C || c == 0x2018 || c == 0x300C || c == 0x300E ||
	       c == 0x300A || c == '"';
}

static bool is_close_quote(uint32_t c)
{
	return c == 0x201D || c == 0x2019 || c == 0x300D || c == 0x300F ||
	       c == 0x300B || c == '"';
}

/* Units of money, land, people, cases and shares: a count in a report
 * is what they usually are. */
static const char *const STRONG_UNITS[] = {
	"%", "％", "‰", "个百分点", "百分点", "元", "亩", "平方米", "平方公里",
	"公顷", "立方米", "吨", "公里", "千米", "米", "千克", "公斤", "倍",
	"人次", "场次", "件次", "户次", "批次", "车次", "家次", "台次", "宗次",
	"条次", "个次", "班次", "艘次", "架次", "学时", "课时", "小时",
	"件", "宗", "起", "户", "名", "人", NULL
};
/* Classifiers that also make set phrases, grades and kinds (三级, 两类,
 * 一批, 一轮, 一对一): a count less often. */
static const char *const WEAK_UNITS[] = {
	"级", "类", "批", "轮", "片", "单", "对", "部门", NULL
};
/* Before a number: an ordinal or a rank. */
static const char *const ORDINAL_BEFORE[] = {
	"第", "排名", "位列", "位居", NULL
};
/* Before a number: a norm or a duration (borderline in the gold). */
static const char *const NORM_BEFORE[] = {
	"不少于", "不低于", "不超过", "不得超过", "至少", "每", "为期", "满",
	"连续", "每年", "每月", "每周", "每季度", NULL
};
/* After the unit: a norm (2人以上) or the end of a period. */
static const char *const NORM_AFTER[] = {
	"以上", "以下", "以内", NULL
};

static wlist strong_units = { STRONG_UNITS, 0, { 0 }, { { 0 } } };
static wlist weak_units = { WEAK_UNITS, 0, { 0 }, { { 0 } } };
static wlist ordinal_before = { ORDINAL_BEFORE, 0, { 0 }, { { 0 } } };
static wlist norm_before = { NORM_BEFORE, 0, { 0 }, { { 0 } } };
static wlist norm_after = { NORM_AFTER, 0, { 0 }, { { 0 } } };
static bool lists_ready;

static void lists_init(void)
{
	wlist_init(&strong_units);
	wlist_init(&weak_units);
	wlist_init(&ordinal_before);
	wlist_init(&norm_before);
	wlist_init(&norm_after);
	lists_ready = true;
}

/* ------------------------------------------------------------ statistics */

double sy_score_stat(const sy_stat *st, const uint32_t *line, size_t n,
		     size_t lstart)
{
	size_t b = st->start - lstart, e = st->end - lstart, k;
	const char *unit = st->unit ? st->unit : "";
	uint32_t first = at(line, n, b), next = at(line, n, e);
	bool arabic = is_digit(first), quoted = false;
	double s = SCORE_TOP;

	uint32_t u[8];
	size_t nu = 0, len = strlen(unit), kk;
	const unsigned char *p = (const unsigned char *)unit;

	if (st->start < lstart || e > n || b >= e)
		return 0.5;   /* not from this line: nothing to weigh */
	if (!lists_ready)
		lists_init();
	while (len && nu < 8 && (kk = sy_utf8_decode(p, len, &u[nu]))) {
		u[nu] = sy_fold_trad(u[nu]);
		p += kk;
		len -= kk;
		nu++;
	}

	/* the unit */
	if (!nu)
		s *= 0.5;                     /* a bare number */
	else if (in_list(u, nu, &weak_units))
		s *= 0.8;
	else if (!in_list(u, nu, &strong_units))
		/* a measure word of the wider list (measure.h), not of the
		 * reports' everyday ones (个 项 次 条 …) */
		s *= sy_measure_at(u, nu, 0, true) == nu ? 0.8 : 0.95;
	/* the number: a small Chinese numeral is often part of a phrase */
	if (!arabic && st->value < 10 && st->approx == SY_APPROX_NONE)
		s *= 0.9;
	if (st->approx == SY_APPROX_RANGE)
		s *= 0.9;
	if (nu == 1 && (u[0] == '%' || u[0] == 0xFF05) && st->value > 100)
		s *= 0.7;

	/* the context before the number (one wrap space skipped) */
	k = b > 0 && at(line, n, b - 1) == ' ' ? b - 1 : b;
	if (any_before(line, n, k, &ordinal_before))
		s *= 0.45;
	if (any_before(line, n, k, &norm_before))
		s *= 0.7;
	/* date-like: 3.15, 5·22, 2021-3; a year after the unit */
	if (k >= 1) {
		uint32_t c = at(line, n, k - 1);
		if (c == 0x00B7 || c == 0x30FB || c == 0x2027 ||
		    (k >= 2 && is_digit(at(line, n, k - 2)) &&
		     (c == '.' || c == '-' || c == '/')))
			s *= 0.5;
	}
	if (next == 0x5E74 || next == 0x6708 || next == 0x65E5 ||
	    next == 0x53F7)           /* 年 月 日 号 */
		s *= 0.5;
	if (arabic && st->value >= 1949 && st->value <= 2100 &&
	    st->value == floor(st->value) && !(nu == 1 && u[0] == 0x5143))
		s *= 0.9;             /* a number that reads as a year */

	/* the context after the unit */
	if (st->approx != SY_APPROX_ABOUT && any_at(line, n, e, &norm_after))
		s *= st->value <= 10 ? 0.7 : 0.9;
	if (nu == 1 && u[0] == 0x6B21 && (next == 0x529E || next == 0x6027))
		s *= 0.5;             /* 一次办, 一次性 */

	/* quoted: a set phrase, a slogan, a name; a closing mark
	 * ahead before the clause ends puts it in a title (《…23条措施》) */
	for (size_t i = e; i < n && i < e + 8; i++) {
		uint32_t c = at(line, n, i);
		if (is_open_quote(c) || c == 0x3002 || c == 0xFF0C ||
		    c == 0x3001 || c == 0xFF1B || c == ',' || c == ';')
			break;
		if (is_close_quote(c)) {
			quoted = true;
			break;
		}
	}
	if (quoted)
		s *= 0.55;
	else
		for (size_t i = k, back = 0; i > 0 && back < 6; i--, back++) {
			uint32_t c = at(line, n, i - 1);
			if (is_close_quote(c) && !is_open_quote(c))
				break;
			if (is_open_quote(c)) {
				s *= 0.55;
				break;
			}
		}

	/* what the cross-checks and the subject say */
	if (sy_tags_has(&st->r.tags, SY_TAG_INCONSISTENT))
		s *= 0.45;
	if (!st->subject || !*st->subject)
		s *= 0.9;
	return s;
}

/* ------------------------------------------------------------ sections */

double sy_score_section(const sy_section *sec, const uint32_t *line,
			size_t n, size_t lstart)
{
	size_t b = sec->start - lstart, e = sec->end - lstart, tl, i;
	const char *m = sec->marker ? sec->marker : "";
	double s = SCORE_TOP;

	if (sec->start < lstart || e > n || b > e)
		return 0.5;
	if (sy_tags_has(&sec->r.tags, SY_TAG_NUMBERING_SKIP))
		s *= 0.55;
	if (sy_tags_has(&sec->r.tags, SY_TAG_NUMBERING_REPEAT))
		s *= 0.5;
	if (sy_tags_has(&sec->r.tags, SY_TAG_MARKER_STYLE))
		s *= 0.7;
	/* a marker flattened into a line (a table, a page without breaks) */
	for (i = 0; i < b; i++)
		if (line[i] != ' ' && line[i] != '\t' && line[i] != 0x3000 &&
		    line[i] != 0xFEFF) {
			s *= 0.8;
			break;
		}
	/* the title: a heading is a phrase, not a character nor a page */
	tl = sec->title ? sy_utf8_count(sec->title, strlen(sec->title)) : 0;
	if (tl < 3)
		s *= 0.5;
	else if (tl > 40)
		s *= 0.85;
	/* a top level numbered 1、 and a fourth level are less usual */
	if (sec->level == 1 && m[0] >= '0' && m[0] <= '9')
		s *= 0.92;
	if (sec->level >= 4)
		s *= 0.9;
	return s;
}

/* ------------------------------------------------------------ writing */

char *sy_score_spell(double score, char buf[8])
{
	long c;
	int len;

	if (!(score > 0))
		score = 0;
	if (score > 1)
		score = 1;
	c = lround(score * 100);
	if (c >= 100)
		len = snprintf(buf, 8, "1");
	else if (c <= 0)
		len = snprintf(buf, 8, "0");
	else if (c % 10 == 0)
		len = snprintf(buf, 8, "0.%ld", c / 10);
	else
		len = snprintf(buf, 8, "0.%02ld", c);
	(void)len;
	return buf;
}

int sy_scorer_init(sy_scorer *s)
{
	sy_node *v = sy_node_scalar("0.00", 0);

	s->by = sy_node_map();
	if (!s->by || !v || sy_node_put(s->by, SY_SOURCE_SELF, v) < 0) {
		if (!s->by)
			sy_node_free(v);
		sy_node_free(s->by);
		s->by = NULL;
		return -1;
	}
	return 0;
}

sy_node *sy_scorer_by(sy_scorer *s, double score)
{
	char buf[8];

	/* "0.00" has room for every spelling */
	sy_score_spell(score, buf);
	memcpy(s->by->items[0]->scalar, buf, strlen(buf) + 1);
	return s->by;
}

void sy_scorer_free(sy_scorer *s)
{
	sy_node_free(s->by);
	s->by = NULL;
}

int sy_score_proposer(sy_annot *a)
{
	return sy_prov_proposer(a, SY_SOURCE_SELF, "version", PACKAGE_VERSION);
}
