/* docfacts.c - see docfacts.h.
 *
 * The title is a short line near the top that names a report; the issuer
 * is the signing body(ies) on the lines just before the closing date; the
 * region comes from the title, else the issuer, else the most frequent
 * township/county name in the opening text; the year from the title, else
 * the first year the opening text mentions.  Only the head and the tail of
 * a report are read, so this costs nothing on a large one.
 */
#include "extract/docfacts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/measure.h"
#include "text/numeral.h"
#include "text/textscan.h"
#include "extract/title.h"
#include "base/utf8.h"

#define HEAD_BYTES 65536
#define TAIL_BYTES 8192
#define MAXLINES 64

typedef sy_cline cline;

/* Lines of TEXT[0..LEN) trimmed of spaces, empty ones dropped; at most
 * MAXLINES, from the start (or the last ones when TAIL). */
static size_t collect(const char *text, size_t len, bool tail, cline *out)
{
	sy_linescan ls;
	sy_line l;
	size_t n = 0;

	sy_linescan_init(&ls, text, len);
	while (sy_linescan_next(&ls, &l) == 1) {
		size_t a = 0, b = l.n;
		while (a < b && sy_is_space(l.cp[a]))
			a++;
		while (b > a && sy_is_space(l.cp[b - 1]))
			b--;
		if (a == b)
			continue;
		if (n == MAXLINES) {
			if (!tail)
				break;
			free(out[0].cp);
			memmove(out, out + 1, (MAXLINES - 1) * sizeof *out);
			n--;
		}
		out[n].cp = malloc((b - a) * sizeof(uint32_t));
		if (!out[n].cp)
			break;
		memcpy(out[n].cp, l.cp + a, (b - a) * sizeof(uint32_t));
		out[n].n = b - a;
		n++;
	}
	sy_linescan_free(&ls);
	return n;
}

static void release(cline *l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(l[i].cp);
}

static bool contains_cp(const cline *l, uint32_t c)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->cp[i] == c)
			return true;
	return false;
}

/* Web-page furniture pasted along with a report. */
static bool is_noise(const cline *l)
{
	static const char *const starts[] = {
		"- ", "扫码", "[bookmark", "分享到", "打印", "关闭", "来源", "发布时间",
		"【", "字号", "首页", "当前位置", "访问量", "浏览次数",
	};
	for (size_t i = 0; i < sizeof starts / sizeof *starts; i++)
		if (sy_cp_prefix(l->cp, l->n, starts[i]))
			return true;
	return l->n < 2;
}

static bool is_date_line(const cline *l, int *y, int *m, int *d);

/* A year 1949-2099 written as four Arabic digits followed by 年. */
static int year_at(const uint32_t *cp, size_t n, size_t i)
{
	int y = 0;
	if (i + 4 >= n || (i > 0 && sy_is_digit_cp(cp[i - 1])))
		return 0;
	for (size_t k = 0; k < 4; k++) {
		if (!(cp[i + k] >= '0' && cp[i + k] <= '9'))
			return 0;
		y = y * 10 + (int)(cp[i + k] - '0');
	}
	/* 2020 年: a wrap space before 年 */
	if (cp[i + 4] == ' ' && i + 5 < n)
		i++;
	if (cp[i + 4] != 0x5E74 /* 年 */ || y < 1949 || y > 2099)
		return 0;
	return y;
}

/* First year in L not part of a period (2016-2020年) or a date. */
static int first_year(const cline *l)
{
	for (size_t i = 0; i < l->n; i++) {
		int y = year_at(l->cp, l->n, i);
		if (!y)
			continue;
		if (i > 0 && (l->cp[i - 1] == '-' || l->cp[i - 1] == 0x2014 ||
			      l->cp[i - 1] == 0xFF0D || l->cp[i - 1] == 0x81F3))
			continue;
		if (i + 5 < l->n && sy_is_digit_cp(l->cp[i + 5]))
			continue;            /* 2021年2月: a date */
		return y;
	}
	return 0;
}

/* Chinese digits of a written-out date: 二〇二一 → 2021, 十二 → 12,
 * 二十五 → 25.  *USED gets the code points read. */
static int cn_digits(const uint32_t *cp, size_t n, size_t *used)
{
	static const uint32_t dig[10] = { 0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
					  0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D };
	size_t k;
	int v = 0;
	bool ten = false;

	/* a date part is at most four characters (二〇二一, 二十五): a longer
	 * run is not a date, and could not overflow v */
	for (k = 0; k < n && k < 5; k++) {
		int d = cp[k] == 0x96F6 ? 0 : -1;     /* 零 */
		if (cp[k] == 0x5341) {                /* 十 */
			v = (v == 0 ? 1 : v) * 10;
			ten = true;
			continue;
		}
		for (int i = 0; i < 10; i++)
			if (cp[k] == dig[i])
				d = i;
		if (d < 0)
			break;
		v = ten ? v + d : v * 10 + d;
	}
	*used = k;
	return v;
}

/* Read a number (Arabic or Chinese digits) at CP[*I], then expect the
 * code point SEP. */
static bool date_part(const uint32_t *cp, size_t n, size_t *i, uint32_t sep,
		      int *v)
{
	size_t k = 0;
	if (*i < n && sy_is_digit_cp(cp[*i])) {
		*v = 0;
		while (*i + k < n && sy_is_digit_cp(cp[*i + k])) {
			uint32_t c = cp[*i + k];
			if (k == 4)
				return false;          /* 5 digits: not a date part */
			*v = *v * 10 + (int)(c >= 0xFF10 ? c - 0xFF10 : c - '0');
			k++;
		}
	} else {
		*v = cn_digits(cp + *i, n - *i, &k);
	}
	if (k == 0 || *i + k >= n || cp[*i + k] != sep)
		return false;
	*i += k + 1;
	return true;
}

/* A line that is a date: 2021年2月25日, 二〇二一年二月二十五日, and
 * 2021.2.25, 2021-02-25, 2021/2/25. */
static bool is_date_line(const cline *l, int *y, int *m, int *d)
{
	static const uint32_t seps[] = { '.', '-', '/', 0xFF0E };
	size_t i = 0;
	bool ok = false;

	if (l->n > 16)
		return false;
	if (date_part(l->cp, l->n, &i, 0x5E74, y) &&
	    date_part(l->cp, l->n, &i, 0x6708, m) &&
	    date_part(l->cp, l->n, &i, 0x65E5, d))
		ok = i == l->n;
	for (size_t k = 0; !ok && k < sizeof seps / sizeof *seps; k++) {
		uint32_t tail[17];
		cline t = { tail, l->n + 1 };
		/* "2021.2.25" read as "2021.2.25." with one separator */
		memcpy(tail, l->cp, l->n * sizeof *tail);
		tail[l->n] = seps[k];
		i = 0;
		ok = date_part(t.cp, t.n, &i, seps[k], y) &&
		     date_part(t.cp, t.n, &i, seps[k], m) &&
		     date_part(t.cp, t.n, &i, seps[k], d) && i == t.n;
	}
	return ok && *y >= 1949 && *y <= 2099 && *m >= 1 && *m <= 12 &&
	       *d >= 1 && *d <= 31;
}

static bool is_body_name(const cline *l)
{
	static const char *const ends[] = {
		"人民政府", "委员会", "办事处", "党委", "政府", "司法所", "管委会",
		"工作委员会", "领导小组", "局", "办公室", "县委", "区委", "市委",
		"镇委", "乡委", "党工委", "街道工委",
	};
	if (l->n > 40 || contains_cp(l, 0x3002) || contains_cp(l, 0xFF0C) ||
	    contains_cp(l, ','))
		return false;
	for (size_t i = 0; i < sizeof ends / sizeof *ends; i++)
		if (sy_cp_suffix(l->cp, l->n, ends[i]))
			return true;
	return false;
}

/* Space-joined copy of L with runs of spaces folded to one. */
static char *dup_folded(const cline *l)
{
	uint32_t *t = malloc((l->n + 1) * sizeof *t);
	size_t m = 0;
	char *s;
	if (!t)
		return NULL;
	for (size_t i = 0; i < l->n; i++) {
		if (sy_is_space(l->cp[i])) {
			if (m && t[m - 1] != ' ')
				t[m++] = ' ';
		} else {
			t[m++] = l->cp[i];
		}
	}
	s = sy_cp_dup(t, m);
	free(t);
	return s;
}

static bool is_region_end(uint32_t c)
{
	c = sy_fold_trad(c);
	return c == 0x9547 /* 镇 */ || c == 0x4E61 /* 乡 */;
}

/* 街道, 苏木 (a two-character unit) at CP[I]. */
static bool unit2_at(const uint32_t *cp, size_t n, size_t i)
{
	uint32_t a, b;
	if (i + 1 >= n)
		return false;
	a = sy_fold_trad(cp[i]);
	b = sy_fold_trad(cp[i + 1]);
	return (a == 0x8857 && b == 0x9053) || (a == 0x82CF && b == 0x6728);
}

/* 街 as a unit of its own (海滨街): followed by what a name is followed by
 * in a title or an issuer, not by more of a word (街面, 街巷). */
static bool street_at(const uint32_t *cp, size_t n, size_t i)
{
	uint32_t c;
	if (cp[i] != 0x8857 /* 街 */ || i < 2)
		return false;
	if (i + 1 == n)
		return true;
	c = sy_fold_trad(cp[i + 1]);
	return sy_is_digit_cp(c) || c == ' ' || c == 0x4EBA /* 人民政府 */ ||
	       c == 0x5173 /* 关于 */ || c == 0x6CD5 /* 法治 */ ||
	       c == 0x529E /* 办事处 */ || c == 0x515A /* 党工委 */;
}

/* The 区 at I ends 自治区 (宁夏回族自治区, 新疆维吾尔自治区): a province,
 * not the township, county or district a region is (guidelines.md). */
static bool province_level(const uint32_t *cp, size_t i)
{
	return i >= 2 && sy_fold_trad(cp[i]) == 0x533A &&
	       cp[i - 1] == 0x6CBB /* 治 */ && cp[i - 2] == 0x81EA /* 自 */;
}

/* Region from a name such as 五华县水寨镇人民政府 or 小王庄镇2021年…:
 * the innermost 镇/乡/街道/县/区 unit.  Returns a new string or NULL. */
static char *region_from(const uint32_t *cp, size_t n)
{
	size_t end = 0, start = 0, i;
	static const uint32_t LEVEL2[] = { 0x53BF /* 县 */, 0x533A /* 区 */,
					   0x5E02 /* 市 */, 0x65D7 /* 旗 */ };
	if (sy_cp_prefix(cp, n, "中共")) {
		cp += 2;
		n -= 2;
	}
	/* a title that starts with its year: 2020年某区… */
	for (i = 0; i < n && (sy_is_digit_cp(cp[i]) || cp[i] == ' '); i++)
		;
	if (i >= 4 && i < n && cp[i] == 0x5E74 /* 年 */) {
		i++;
		if (i < n && cp[i] == 0x5EA6 /* 度 */)
			i++;
		cp += i;
		n -= i;
	}
	for (i = 0; i < n; i++) {
		if (is_region_end(cp[i])) {
			end = i + 1;
			break;
		}
		if (unit2_at(cp, n, i)) {
			end = i + 2;
			break;
		}
		if (street_at(cp, n, i)) {
			end = i + 1;
			break;
		}
	}
	if (!end) {
		for (i = 0; i < n && sy_is_han(cp[i]); i++)
			for (size_t k = 0; k < 4; k++)
				if (sy_fold_trad(cp[i]) == LEVEL2[k] && k != 2 && i >= 1 &&
				    !province_level(cp, i)) {
					end = i + 1;
					goto found;
				}
		return NULL;
	}
found:
	for (i = 0; i + 1 < end; i++) {
		for (size_t k = 0; k < 4; k++)
			if (sy_fold_trad(cp[i]) == LEVEL2[k] && end - (i + 1) >= 2)
				start = i + 1;
		/* 南湖区人民政府青禾街道办事处: after the body that is the
		 * county's, the township's name */
		if (i + 2 < end && sy_cp_prefix(cp + i, end - i, "政府") &&
		    end - (i + 2) >= 2)
			start = i + 2;
		if (i + 3 < end && (sy_cp_prefix(cp + i, end - i, "办事处") ||
				    sy_cp_prefix(cp + i, end - i, "委员会")) &&
		    end - (i + 3) >= 2)
			start = i + 3;
	}
	for (i = start; i < end; i++)
		if (!sy_is_han(cp[i]))
			return NULL;
	if (end - start < 2)
		return NULL;
	return sy_cp_dup(cp + start, end - start);
}

/* Whether the (folded) character C is one of the UTF-8 characters of SET. */
static bool in_set(const char *set, uint32_t c)
{
	const char *p = set;

	c = sy_fold_trad(c);
	while (*p) {
		uint32_t x;
		size_t k = sy_utf8_decode((const unsigned char *)p, strlen(p), &x);
		if (!k)
			break;
		if (x == c)
			return true;
		p += k;
	}
	return false;
}

/* Characters a clause starts with that are not the start of a place
 * name: prepositions and pronouns (在区委领导下, 我镇, 全县, 本街道). */
static bool not_name_start(uint32_t c)
{
	return in_set("在我本全各该对由经把向从按为以于据和与及其今去每此", c);
}

/* Characters no place name has: the words of the sentence around it
 * (现将县…, 区委全面依法治区…). */
static bool not_in_name(uint32_t c)
{
	return in_set("委将现的了和与及在对全治法会议作为是政府党要求按照根据各并向", c);
}

/* Is the clause that ends at CP[P] (its punctuation) one an opening
 * sentence puts before its subject: a year (2021年, 2022年度, 2021年以来)
 * or the leadership it works under (在县委、县政府的领导下)? */
static bool opening_before(const uint32_t *cp, size_t p)
{
	size_t a = p;
	while (a > 0 && !sy_is_clause_punct(cp[a - 1]) && p - a < 40)
		a--;
	while (a < p && sy_is_space(cp[a]))
		a++;
	if (year_at(cp, p, a)) {
		size_t e = a + 5;
		static const char *const tails[] = { "", "度", "以来", "来", "度以来" };
		for (size_t k = 0; k < sizeof tails / sizeof *tails; k++)
			if (sy_cp_prefix(cp + e, p - e, tails[k]) == p - e ||
			    (tails[k][0] == 0 && e == p))
				return true;
	}
	for (size_t k = a; k + 2 < p + 1; k++)
		if (cp[k + 1] == 0x4E0B /* 下 */ &&
		    (cp[k] == 0x5BFC /* 导 */ || cp[k] == 0x9886 /* 领 */ ||
		     cp[k] == 0x6301 /* 持 */ || cp[k] == 0x5FC3 /* 心 */ ||
		     cp[k] == 0x9886))
			return true;
	return false;
}

/* 街 as the unit of an opening's subject (2024年，某某街坚持…), not a
 * word with 街 in it (街道 is a unit of two, 街面 街巷 街区 街头 …). */
static bool street_subject_at(const uint32_t *cp, size_t n, size_t k)
{
	if (sy_fold_trad(cp[k]) != 0x8857 /* 街 */)
		return false;
	return k + 1 < n && sy_is_han(cp[k + 1]) &&
	       !in_set("道面巷区头路景坊心边", cp[k + 1]);
}

/* Region from the opening sentences: the subject of a clause that is a
 * place name (2021年，某某街道坚持…; 在区委领导下，某某镇…): two to eight
 * characters from the clause start to the first 街道 镇 乡 苏木 县 区 旗
 * (guidelines.md: region is a place name from the title, the issuer or the
 * opening sentence). */
/* 开发区（某某街道）坚持…: a body that is the township under another
 * name, the township in brackets after it (a name ending in 街道, 镇, 乡).
 * A new string, or NULL. */
static char *bracket_region(const uint32_t *cp, size_t n, size_t s)
{
	size_t k = s, a, e;

	while (k < n && k < s + 12 && sy_is_han(cp[k]))
		k++;
	if (k == s || k >= n || (cp[k] != '(' && cp[k] != 0xFF08))
		return NULL;
	a = ++k;
	while (k < n && k < a + 12 && sy_is_han(cp[k]))
		k++;
	if (k >= n || (cp[k] != ')' && cp[k] != 0xFF09) || k - a < 3)
		return NULL;
	e = k;
	if (!(unit2_at(cp, n, e - 2) || is_region_end(cp[e - 1])))
		return NULL;
	return sy_cp_dup(cp + a, e - a);
}

static char *region_from_opening(const cline *lines, size_t nl)
{
	for (size_t li = 0, seen = 0; li < nl && seen < 6; li++) {
		const cline *l = &lines[li];
		if (sy_chrome_line(l->cp, l->n) || l->n < 12)
			continue;
		seen++;
		for (size_t i = 0; i < l->n && i < 240; i++) {
			size_t s = i, e = 0;
			bool yeared = false;
			if (i > 0 && !sy_is_clause_punct(l->cp[i - 1]))
				continue;
			while (s < l->n && sy_is_space(l->cp[s]))
				s++;
			/* 2022年某镇组织…: the clause may open with its year */
			if (year_at(l->cp, l->n, s)) {
				s += 5;
				if (s < l->n && l->cp[s] == 0x5EA6 /* 度 */)
					s++;
				yeared = true;
			}
			/* 2022年以来，: the subject follows the comma */
			if (yeared && s + 2 < l->n && l->cp[s] == 0x4EE5 /* 以 */ &&
			    (l->cp[s + 1] == 0x6765 || l->cp[s + 1] == 0x4F86) /* 来 來 */) {
				s += 2;
				if (s < l->n && sy_is_clause_punct(l->cp[s]))
					s++;
			}
			if (yeared) {
				size_t b0 = s < l->n && sy_is_clause_punct(l->cp[s]) ? s + 1 : s;
				char *b = bracket_region(l->cp, l->n, b0);
				if (b)
					return b;
			}
			/* the subject of an opening: after
			 * the year (2021年，), or after 在…领导下， */
			if (!yeared && (i == 0 || !opening_before(l->cp, i - 1)))
				continue;
			if (s >= l->n || !sy_is_han(l->cp[s]) || not_name_start(l->cp[s]))
				continue;
			for (size_t k = s + 2; k < l->n && k < s + 10; k++) {
				uint32_t c = sy_fold_trad(l->cp[k]);
				if (!sy_is_han(l->cp[k]) || not_in_name(l->cp[k - 1]) ||
				    not_in_name(l->cp[k - 2]))
					break;
				if (unit2_at(l->cp, l->n, k)) {
					e = k + 2;
					break;
				}
				if (is_region_end(c) || c == 0x53BF /* 县 */ ||
				    c == 0x533A /* 区 */ || c == 0x65D7 /* 旗 */ ||
				    street_subject_at(l->cp, l->n, k)) {
					e = k + 1;
					break;
				}
			}
			for (size_t k = s; e && k < e; k++)
				if (!sy_is_han(l->cp[k]))
					e = 0;
			/* a name, then what a subject is followed by: not 委 政府
			 * (区委, 县政府 are bodies, their place is named before) */
			if (e && e < l->n) {
				uint32_t f = sy_fold_trad(l->cp[e]);
				if (f == 0x59D4 /* 委 */ || f == 0x653F /* 政 */ ||
				    f == 0x7EA7 /* 级 */ || f == 0x57DF /* 域 */ ||
				    f == 0x5185 /* 内 */)
					continue;
				return sy_cp_dup(l->cp + s, e - s);
			}
		}
	}
	return NULL;
}

/* Characters that, before 镇 or 乡, make a common word, not a name. */
static bool generic_before_town(uint32_t c)
{
	static const uint32_t g[] = {
		0x6211 /* 我 */, 0x672C /* 本 */, 0x8BE5 /* 该 */, 0x5168 /* 全 */,
		0x5404 /* 各 */, 0x4E61 /* 乡 */, 0x57CE /* 城 */, 0x6751 /* 村 */,
		0x96C6 /* 集 */, 0x5E02 /* 市 */, 0x5C0F /* 小 */, 0x540D /* 名 */,
		0x5F3A /* 强 */, 0x91CD /* 重 */, 0x53E4 /* 古 */, 0x5927 /* 大 */,
		0x5168 /* 全 */, 0x4E24 /* 两 */, 0x5206 /* 分 */, 0x8BF8 /* 诸 */,
	};
	for (size_t i = 0; i < sizeof g / sizeof *g; i++)
		if (g[i] == c)
			return true;
	return false;
}

/* The most frequent 2-4 character name (6 for …族乡) ending in 镇 or 乡 in the lines,
 * extended to the left while the longer name is nearly as frequent. */
typedef struct { uint32_t cp[8]; size_t n; unsigned count; } cand;

static char *region_by_frequency(const cline *lines, size_t nl)
{
	cand c[256];
	size_t nc = 0, best = (size_t)-1;

	for (size_t li = 0; li < nl; li++) {
		const cline *l = &lines[li];
		for (size_t i = 2; i < l->n; i++) {
			if (!is_region_end(l->cp[i]))
				continue;
			/* 2-4 characters, up to 6 for an ethnic township
			 * (某某瑶族乡: the name before 族 is kept whole) */
			size_t maxlen = l->cp[i - 1] == 0x65CF /* 族 */ ? 6 : 4;
			for (size_t len = 2; len <= maxlen && len <= i; len++) {
				size_t s = i - len, k;
				bool ok = true;
				for (k = s; k < i; k++)
					if (!sy_is_han(l->cp[k]) || sy_is_cn_digit_cp(l->cp[k]) ||
					    not_in_name(l->cp[k]))
						ok = false;   /* 依法治镇: words, not a name */
				if (!ok)
					break;
				if (len == 2 && generic_before_town(l->cp[i - 1]))
					break;     /* 我镇 全镇 乡镇 城镇: not a name */
				for (k = 0; k < nc; k++)
					if (c[k].n == len + 1 &&
					    !memcmp(c[k].cp, l->cp + s, (len + 1) * sizeof(uint32_t)))
						break;
				if (k == nc) {
					if (nc == 256)
						continue;
					memcpy(c[nc].cp, l->cp + s, (len + 1) * sizeof(uint32_t));
					c[nc].n = len + 1;
					c[nc].count = 0;
					nc++;
				}
				c[k].count++;
			}
		}
	}
	for (size_t k = 0; k < nc; k++)
		if (c[k].n == 3 &&
		    (best == (size_t)-1 || c[k].count > c[best].count))
			best = k;
	/* a name met once may be a fragment of a sentence (…要点以及乡):
	 * when unsure, null (guidelines.md) */
	if (best == (size_t)-1 || c[best].count < 2)
		return NULL;
	for (bool grew = true; grew;) {
		grew = false;
		for (size_t k = 0; k < nc; k++)
			if (c[k].n == c[best].n + 1 &&
			    !memcmp(c[k].cp + 1, c[best].cp, c[best].n * sizeof(uint32_t)) &&
			    c[k].count * 10 >= c[best].count * 7) {
				best = k;
				grew = true;
				break;
			}
	}
	return sy_cp_dup(c[best].cp, c[best].n);
}

int sy_docfacts_find(const char *text, size_t len, sy_docfacts *d)
{
	cline head[MAXLINES], tail[MAXLINES];
	size_t nh, nt, tpos, i, title_line = (size_t)-1, title_n = 0;
	uint32_t *title_cp = NULL;
	int rc = 0;

	nh = collect(text, len < HEAD_BYTES ? len : HEAD_BYTES, false, head);
	tpos = len > TAIL_BYTES ? len - TAIL_BYTES : 0;
	while (tpos > 0 && tpos < len && text[tpos - 1] != '\n')
		tpos++;
	nt = collect(text + tpos, len - tpos, true, tail);

	/* title: among the first lines, before the body starts, past the
	 * page's chrome (title.h) */
	{
		uint32_t *tcp;
		size_t tn;
		d->title = sy_title_find(head, nh, &title_line, &tcp, &tn);
		if (d->title) {
			title_cp = tcp;
			title_n = tn;
		}
	}

	/* date and issuer: the last date line, and the body names above it */
	{
		size_t last = nt, first_body;
		int y, m, dd;
		while (last > 0 && is_noise(&tail[last - 1]))
			last--;
		if (last > 0 && is_date_line(&tail[last - 1], &y, &m, &dd)) {
			char buf[16];
			snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, dd);
			d->date = sy_strdup(buf);
			last--;
		}
		first_body = last;
		while (first_body > 0 && last - first_body < 3 &&
		       is_body_name(&tail[first_body - 1]))
			first_body--;
		if (first_body < last) {
			size_t total = 0;
			char *s;
			for (i = first_body; i < last; i++)
				total += tail[i].n * 4 + 1;
			s = malloc(total + 1);
			if (s) {
				s[0] = '\0';
				for (i = first_body; i < last; i++) {
					char *part = dup_folded(&tail[i]);
					if (!part)
						continue;
					if (s[0])
						strcat(s, " ");
					strcat(s, part);
					free(part);
				}
				d->issuer = s;
			} else {
				rc = -1;
			}
		}
	}

	/* region */
	if (d->title)
		d->region = region_from(title_cp, title_n);
	if (!d->region && d->issuer) {
		/* the last body named is the government itself */
		const cline *l = &tail[0];
		for (i = nt; i > 0; i--)
			if (is_body_name(&tail[i - 1])) {
				l = &tail[i - 1];
				break;
			}
		/* with two bodies on one line, the last one */
		{
			size_t s = 0;
			for (size_t k = 0; k < l->n; k++)
				if (sy_is_space(l->cp[k]))
					s = k + 1;
			d->region = region_from(l->cp + s, l->n - s);
		}
	}
	if (!d->region)
		d->region = region_from_opening(head, nh);
	if (!d->region)
		d->region = region_by_frequency(head, nh);

	/* year: the title's, else the first one the opening text mentions */
	if (d->title) {
		cline t = { title_cp, title_n };
		d->year = first_year(&t);
	}
	for (i = 0; !d->year && i < nh && i < 12; i++) {
		if (is_noise(&head[i]) || sy_chrome_line(head[i].cp, head[i].n))
			continue;
		d->year = first_year(&head[i]);
	}

	free(title_cp);
	release(head, nh);
	release(tail, nt);
	return rc;
}
