/* title.c - see title.h. */
#include "extract/title.h"

#include <stdlib.h>
#include <string.h>

#include "extract/headings.h"
#include "extract/measure.h"
#include "text/numeral.h"
#include "text/textscan.h"

/* Folded code point I of the line (traditional to simplified). */
static uint32_t at(const uint32_t *cp, size_t i)
{
	return sy_fold_trad(cp[i]);
}

/* Does the folded line contain the literal LIT at I? */
static bool lit_at(const uint32_t *cp, size_t n, size_t i, const char *lit)
{
	uint32_t tmp[16];
	size_t k = 0;
	for (; i + k < n && k < 16; k++)
		tmp[k] = at(cp, i + k);
	return sy_cp_prefix(tmp, k, lit) > 0;
}

static bool has_lit(const uint32_t *cp, size_t n, const char *lit)
{
	for (size_t i = 0; i < n; i++)
		if (lit_at(cp, n, i, lit))
			return true;
	return false;
}

static bool is_sp(uint32_t c)
{
	return c == ' ' || c == 0x3000 || c == 0xA0 || c == '\t';
}

static bool is_colon(uint32_t c)
{
	return c == ':' || c == 0xFF1A;
}

/* Words a page's furniture starts with. */
static const char *const CHROME_START[] = {
	"来源", "发布", "时间", "日期", "浏览", "点击", "阅读", "字号", "分享",
	"打印", "关闭", "首页", "当前位置", "您当前", "您所在", "您现在", "位置",
	"索引", "信息索引", "文件编号", "文号", "发文", "成文", "责任", "公开",
	"主题分类", "所属", "今天是", "无障碍", "简体", "繁体", "作者", "编辑",
	"访问", "扫码", "扫一扫", "[bookmark", "- ", "【", "上一篇", "下一篇",
	"相关", "附件", "登录", "注册", "搜索", "返回", "收藏", "设为首页",
	"[", "［", "语音", "视力保护", "归档",
};

/* "2023-02-09", "2021/03/29", "11:30:01" at I: a date or a clock time. */
static bool date_or_time_at(const uint32_t *cp, size_t n, size_t i)
{
	size_t d = 0;
	while (i + d < n && cp[i + d] >= '0' && cp[i + d] <= '9')
		d++;
	if (d == 4 && i + d + 1 < n && (cp[i + d] == '-' || cp[i + d] == '/')) {
		/* 2023-02-09, 2021/3/29; not a period (2015-2020) */
		size_t k = i + d + 1, m = 0;
		while (k < n && cp[k] >= '0' && cp[k] <= '9') {
			k++;
			m++;
		}
		return (m == 1 || m == 2) && k + 1 < n && cp[k] == cp[i + d] &&
		       cp[k + 1] >= '0' && cp[k + 1] <= '9';
	}
	if ((d == 1 || d == 2) && i + d + 2 < n && cp[i + d] == ':' &&
	    cp[i + d + 1] >= '0' && cp[i + d + 1] <= '9' &&
	    cp[i + d + 2] >= '0' && cp[i + d + 2] <= '9')
		return true;
	return false;
}

/* A list bullet a page puts before a metadata row (• 索引号：). */
static bool is_bullet(uint32_t c)
{
	return c == 0x2022 || c == 0xB7 || c == 0x25CF || c == 0x25C6 ||
	       c == 0x25AA || c == 0x30FB || c == '*';
}

static bool has_clause_stop_any(const uint32_t *cp, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (cp[i] == 0x3002 || cp[i] == 0xFF0C || cp[i] == ',')
			return true;
	return false;
}

bool sy_chrome_line(const uint32_t *cp, size_t n)
{
	size_t cells = 0, longcell = 0, len = 0;

	while (n > 0 && (is_sp(cp[0]) || is_bullet(cp[0]))) {
		cp++;
		n--;
	}
	if (n == 0)
		return true;
	for (size_t k = 0; k < sizeof CHROME_START / sizeof *CHROME_START; k++)
		if (lit_at(cp, n, 0, CHROME_START[k]))
			return true;
	/* a path (首页 > 政务公开 > …) or a bar of links */
	for (size_t i = 0; i < n; i++)
		if (cp[i] == '>' || cp[i] == 0xFF1E || cp[i] == 0xBB ||
		    cp[i] == 0x203A || cp[i] == '|' || cp[i] == 0xFF5C)
			return true;
	/* a sentence of the report is not chrome, whatever it mentions */
	if (n > 40 && has_clause_stop_any(cp, n))
		return false;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && date_or_time_at(cp, n, i) && !sy_is_digit_cp(cp[i - 1]))
			return true;
		if (i == 0 && date_or_time_at(cp, n, i))
			return true;
		if (lit_at(cp, n, i, "星期") || lit_at(cp, n, i, "次数") ||
		    lit_at(cp, n, i, "浏览"))
			return true;
	}
	/* a key-value row: a short key (名　称, 索引号) and a colon */
	for (size_t i = 0; i < n && i <= 8; i++)
		if (is_colon(cp[i])) {
			bool key = i > 0;
			for (size_t k = 0; k < i; k++)
				if (!sy_is_han(cp[k]) && !is_sp(cp[k]))
					key = false;
			if (key)
				return true;
			break;
		}
	/* a file name */
	for (size_t i = 0; i + 3 < n; i++)
		if (cp[i] == '.' && (((cp[i + 1] | 0x20) == 'd' && (cp[i + 2] | 0x20) == 'o' &&
				      (cp[i + 3] | 0x20) == 'c') ||
				     ((cp[i + 1] | 0x20) == 'p' && (cp[i + 2] | 0x20) == 'd' &&
				      (cp[i + 3] | 0x20) == 'f') ||
				     ((cp[i + 1] | 0x20) == 'w' && (cp[i + 2] | 0x20) == 'p' &&
				      (cp[i + 3] | 0x20) == 's')))
			return true;
	/* a row of short cells: 责任部门 某镇 公开形式 主动公开 */
	for (size_t i = 0; i <= n; i++) {
		if (i == n || is_sp(cp[i])) {
			if (len) {
				cells++;
				if (len > 8)
					longcell++;
			}
			len = 0;
		} else {
			len++;
		}
	}
	return cells >= 4 && longcell == 0;
}

/* The words a report's title ends with (before a bracketed year). */
static size_t title_end_word(const uint32_t *cp, size_t n, size_t i)
{
	static const char *const ends[] = { "报告", "总结", "汇报" };
	for (size_t k = 0; k < 3; k++)
		if (lit_at(cp, n, i, ends[k]))
			return 2;
	return 0;
}

static bool has_clause_stop(const uint32_t *cp, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (cp[i] == 0x3002 || cp[i] == 0xFF0C || cp[i] == ',' ||
		    cp[i] == 0xFF1B || is_colon(cp[i]))
			return true;
	return false;
}

/* The end of a title at the start of CP[0..N): after its last 报告 / 总结
 * / 汇报 (and a bracketed year after it), when what follows is nothing,
 * a space, or chrome (a date, a bar).  0 when the line is not a title. */
static size_t title_span(const uint32_t *cp, size_t n)
{
	size_t end = 0;
	for (size_t i = 0; i < n && i < 80; i++) {
		size_t w = title_end_word(cp, n, i), e;
		if (!w)
			continue;
		if (has_clause_stop(cp, 0, i))
			break;
		e = i + w;
		if (e < n && (cp[e] == '(' || cp[e] == 0xFF08)) {
			size_t k = e + 1;
			while (k < n && k < e + 12 && cp[k] != ')' && cp[k] != 0xFF09)
				k++;
			if (k < n && k < e + 12)
				e = k + 1;
		}
		if (e == n || is_sp(cp[e]) || cp[e] == '|' || cp[e] == 0xFF5C)
			end = e;
	}
	return end;
}

/* Short, no sentence punctuation: a line that may hold part of a title. */
static bool title_part(const sy_cline *l)
{
	return l->n >= 2 && l->n <= 40 && !has_clause_stop(l->cp, 0, l->n) &&
	       !sy_chrome_line(l->cp, l->n);
}

/* Does the title line B need the line A above it: A is the issuer
 * (…人民政府, …办事处), or B cannot stand alone (关于…的报告, 2022年度…
 * without a place, 工作的报告)?  A metadata value above a complete title
 * (主动公开) is not part of it. */
static bool needs_head(const sy_cline *a, const sy_cline *b)
{
	static const char *const bodies[] = {
		"人民政府", "政府", "办事处", "委员会", "党委", "管委会", "党工委",
	};
	for (size_t k = 0; k < sizeof bodies / sizeof *bodies; k++) {
		size_t w = 0;
		while (bodies[k][w])
			w++;
		w /= 3;        /* UTF-8 Han: three bytes each */
		if (a->n >= w && lit_at(a->cp, a->n, a->n - w, bodies[k]))
			return true;
	}
	return b->n < 8 || lit_at(b->cp, b->n, 0, "关于") ||
	       sy_is_digit_cp(b->cp[0]) || lit_at(b->cp, b->n, 0, "的");
}

/* Does the line name a report: 报告, 总结, 汇报, or 情况 (工作情况)? */
static bool names_report(const uint32_t *cp, size_t n)
{
	return has_lit(cp, n, "报告") || has_lit(cp, n, "总结") ||
	       has_lit(cp, n, "汇报") || has_lit(cp, n, "情况");
}

/* A body's name ends at I (exclusive): …委, …政府, …办事处, …委员会, …管委会.
 * Two bodies that sign together are written with a space between them
 * (中共某县委 某县人民政府): that space is kept. */
static bool body_end_at(const uint32_t *cp, size_t i)
{
	static const char *const ends[] = { "政府", "办事处", "委员会", "管委会" };
	if (i >= 1 && at(cp, i - 1) == 0x59D4)          /* 委 */
		return true;
	for (size_t k = 0; k < sizeof ends / sizeof *ends; k++) {
		size_t w = strlen(ends[k]) / 3;
		if (i >= w && lit_at(cp, i, i - w, ends[k]))
			return true;
	}
	return false;
}

/* A title candidate: lines FIRST..LAST, from column SKIP of the first
 * (past a bullet) to column E of the last; SCORE 2 for a line that ends
 * as a title does (…报告), 1 for a short line that names a report. */
typedef struct cand {
	size_t first, last, skip, e;
	int score;
} cand;

/* Append CP[0..N) to T at *M: spaces dropped (wrap artefacts) except one
 * between two bodies' names. */
static void put_part(uint32_t *t, size_t *m, const uint32_t *cp, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		if (!is_sp(cp[k])) {
			t[(*m)++] = cp[k];
			continue;
		}
		if (k > 0 && !is_sp(cp[k - 1]) && body_end_at(cp, k)) {
			size_t j = k;
			while (j < n && is_sp(cp[j]))
				j++;
			if (j < n && sy_is_han(cp[j]))
				t[(*m)++] = ' ';
		}
	}
}

static char *build(const sy_cline *l, const cand *c, size_t *line,
		   uint32_t **out, size_t *outn)
{
	size_t total = 0, m = 0;
	uint32_t *t;
	char *s;

	for (size_t j = c->first; j <= c->last; j++)
		total += l[j].n + 1;
	t = malloc(total * sizeof *t + 1);
	if (!t)
		return NULL;
	for (size_t j = c->first; j <= c->last; j++) {
		size_t a = j == c->first ? c->skip : 0;
		size_t b = j == c->last ? c->e : l[j].n;
		/* issuers on lines of their own above the title line are
		 * parted by a space; the last is joined to 关于… */
		if (j > c->first && j < c->last && m > 0)
			t[m++] = ' ';
		put_part(t, &m, l[j].cp + a, b - a);
	}
	s = sy_cp_dup(t, m);
	if (!s) {
		free(t);
		return NULL;
	}
	*line = c->first;
	*out = t;
	*outn = m;
	return s;
}

/* A title flattened into the first line of the body, after a site's
 * banner and before the opening sentence: "…www.site.com某省人民政府关于
 * 2023年度…的报告2023年，省政府…".  The title ends at a 报告 that a year
 * and a comma follow, and starts after the last Latin letter or
 * punctuation before it.  False when there is none. */
static bool flat_title(const uint32_t *cp, size_t n, size_t *a, size_t *b)
{
	for (size_t i = 2; i + 8 < n && i < 120; i++) {
		size_t k, y = 0, s;
		bool year = false;
		if (!lit_at(cp, n, i, "报告"))
			continue;
		k = i + 2;
		while (k < n && cp[k] >= '0' && cp[k] <= '9') {
			k++;
			y++;
		}
		if (y != 4 || k + 2 >= n || at(cp, k) != 0x5E74 ||  /* 年 */
		    !(cp[k + 1] == ',' || cp[k + 1] == 0xFF0C))
			return false;
		for (s = i; s > 0; s--) {
			uint32_t c = cp[s - 1];
			if (!sy_is_han(c) && !(c >= '0' && c <= '9'))
				break;
		}
		if (has_clause_stop(cp, s, i) || i + 2 - s < 8 || i + 2 - s > 60)
			return false;
		for (k = s; k + 4 < i; k++)
			if (cp[k] >= '0' && cp[k] <= '9' && at(cp, k + 4) == 0x5E74)
				year = true;
		if (!year)
			return false;
		*a = s;
		*b = i + 2;
		return true;
	}
	return false;
}

/* A form's label before the title on its row: 标　　题 某县…的报告,
 * 名　称：某区…报告, 标题 某镇…报告.  The label is two to four Han
 * characters, spread by spaces or closed by a colon or a space; its
 * length, or 0.  The caller keeps it only when a title follows. */
static size_t form_label(const uint32_t *cp, size_t n)
{
	size_t i = 0, han = 0;

	while (i < n && i < 12) {
		if (sy_is_han(cp[i])) {
			if (++han > 4)
				return 0;
		} else if (is_colon(cp[i]) || (is_sp(cp[i]) && han >= 2)) {
			break;
		} else if (!is_sp(cp[i])) {
			return 0;
		}
		i++;
	}
	if (han < 2 || i >= n || !(is_colon(cp[i]) || is_sp(cp[i])))
		return 0;
	while (i < n && is_sp(cp[i]))
		i++;
	if (i < n && is_colon(cp[i]))
		i++;
	while (i < n && is_sp(cp[i]))
		i++;
	return i < n ? i : 0;
}

/* A label on a row that is a title otherwise (its value is): spread by
 * spaces (标　　题) or a word forms use for a title. */
static bool label_word(const uint32_t *cp, size_t lab)
{
	static const char *const words[] = {
		"标题", "题目", "名称", "文件名称", "信息名称", "文章标题",
	};
	size_t han = 0, k;

	for (k = 0; k < lab && (sy_is_han(cp[k]) || is_sp(cp[k])); k++)
		if (sy_is_han(cp[k]) && han++ && k > 0 && is_sp(cp[k - 1]))
			return true;            /* a space between its characters */
	for (k = 0; k < sizeof words / sizeof *words; k++)
		if (lit_at(cp, lab, 0, words[k]) &&
		    (is_sp(cp[strlen(words[k]) / 3]) || is_colon(cp[strlen(words[k]) / 3])))
			return true;
	return false;
}

#define TITLE_LINES 40

char *sy_title_find(const sy_cline *l, size_t nl, size_t *line,
		    uint32_t **out, size_t *outn)
{
	cand best = { 0, 0, 0, 0, 0 };
	size_t body = (size_t)-1, first_body = (size_t)-1;

	*out = NULL;
	*outn = 0;
	for (size_t i = 0; i < nl && i < TITLE_LINES; i++) {
		const sy_cline *a = &l[i];
		const uint32_t *cp = a->cp;
		size_t n = a->n, skip = 0, e;
		cand c = { i, i, 0, 0, 0 };
		sy_heading h;

		/* a numbered heading is the body, not a title */
		if (sy_heading_match(cp, n, &h) && !h.weak)
			break;
		/* a body line seen: the report's own title may still follow a
		 * document site's blurb, within a few lines */
		if (body != (size_t)-1 && i > body + 3)
			break;
		while (skip < n && (is_sp(cp[skip]) || is_bullet(cp[skip])))
			skip++;
		cp += skip;
		n -= skip;
		c.skip = skip;
		/* a title with chrome glued after it (… 报告 2023-02-09,
		 * … 报告 | ||) keeps the title; other chrome is skipped */
		e = title_span(cp, n);
		if (e && sy_chrome_line(cp, e))
			e = 0;
		{
			size_t lab = form_label(cp, n), e2;
			if (lab && (!e || label_word(cp, lab)) &&
			    (e2 = title_span(cp + lab, n - lab)) >= 6 &&
			    !sy_chrome_line(cp + lab, e2)) {
				cp += lab;
				n -= lab;
				skip += lab;
				c.skip = skip;
				e = e2;
			}
		}
		if (!e && sy_chrome_line(cp, n))
			continue;
		if (e >= 6) {
			c.e = skip + e;
			c.score = 2;
		} else if (title_part(a) && i + 1 < nl && title_part(&l[i + 1]) &&
			   title_span(l[i + 1].cp, l[i + 1].n) == l[i + 1].n &&
			   !title_end_word(cp, n, n >= 2 ? n - 2 : 0) &&
			   needs_head(a, &l[i + 1])) {
			/* a title split over two lines, or the issuer on its
			 * own line above it: 某乡人民政府 / 关于2020年度…的报告;
			 * more issuers on lines above are taken with it */
			c.last = i + 1;
			c.e = l[i + 1].n;
			c.score = 2;
			while (c.first > 0 && title_part(&l[c.first - 1]) &&
			       body_end_at(l[c.first - 1].cp, l[c.first - 1].n) &&
			       body_end_at(l[c.first].cp, l[c.first].n)) {
				c.first--;
				c.skip = 0;
			}
		} else if (body == (size_t)-1 && n >= 6 && n <= 60 &&
			   !has_clause_stop(cp, 0, n) && names_report(cp, n)) {
			/* a short line that names a report (…工作情况) */
			c.e = a->n;
			c.score = 1;
		} else {
			if (n > 60 || has_clause_stop(cp, 0, n)) {
				if (body != (size_t)-1)
					break;      /* a second paragraph */
				body = i;           /* the body has started */
				if (first_body == (size_t)-1)
					first_body = i;
			}
			continue;
		}
		/* the report's own title is the last one above its body: a
		 * page repeats it in its header, a document site above its
		 * blurb */
		if (c.score >= best.score) {
			best = c;
			body = (size_t)-1;
		}
		if (c.last > i)
			i = c.last;
	}
	if (best.score)
		return build(l, &best, line, out, outn);
	if (first_body != (size_t)-1) {
		size_t a, b;
		if (flat_title(l[first_body].cp, l[first_body].n, &a, &b)) {
			cand c = { first_body, first_body, a, b, 2 };
			return build(l, &c, line, out, outn);
		}
	}
	return NULL;
}
