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

char *sy_title_find(const sy_cline *l, size_t nl, size_t *line,
		    uint32_t **out, size_t *outn)
{
	*out = NULL;
	*outn = 0;
	for (size_t i = 0; i < nl && i < 16; i++) {
		const sy_cline *a = &l[i];
		size_t e, m = 0;
		uint32_t *t;
		char *s;
		bool two = false;

		sy_heading h;
		/* a numbered heading is the body, not a title */
		if (sy_heading_match(a->cp, a->n, &h) && !h.weak)
			break;
		/* a title with chrome glued after it (… 报告 2023-02-09,
		 * … 报告 | ||) keeps the title; other chrome is skipped */
		e = title_span(a->cp, a->n);
		if (e && sy_chrome_line(a->cp, e))
			e = 0;
		if (!e && sy_chrome_line(a->cp, a->n))
			continue;
		/* a title split over two lines, or the issuer on its own
		 * line above it: 某乡人民政府 / 关于2020年度…的报告 */
		if (!e && title_part(a) && i + 1 < nl && title_part(&l[i + 1]) &&
		    title_span(l[i + 1].cp, l[i + 1].n) == l[i + 1].n &&
		    !title_end_word(a->cp, a->n, a->n >= 2 ? a->n - 2 : 0) &&
		    needs_head(a, &l[i + 1]))
			two = true;
		if (!e && !two) {
			/* a short line that names a report (…工作情况) */
			if (a->n >= 6 && a->n <= 60 && !has_clause_stop(a->cp, 0, a->n) &&
			    names_report(a->cp, a->n))
				e = a->n;
		}
		if (!e && !two) {
			if (a->n > 60 || has_clause_stop(a->cp, 0, a->n))
				break;      /* the body has started */
			continue;
		}
		if (!two && e < 6)
			continue;
		t = malloc(((two ? l[i + 1].n : 0) + (two ? a->n : e)) * sizeof *t + 1);
		if (!t)
			return NULL;
		/* spaces inside a title are wrap artefacts: dropped */
		for (size_t k = 0; k < (two ? a->n : e); k++)
			if (!is_sp(a->cp[k]))
				t[m++] = a->cp[k];
		if (two)
			for (size_t k = 0; k < l[i + 1].n; k++)
				if (!is_sp(l[i + 1].cp[k]))
					t[m++] = l[i + 1].cp[k];
		s = sy_cp_dup(t, m);
		if (!s) {
			free(t);
			return NULL;
		}
		*line = i;
		*out = t;
		*outn = m;
		return s;
	}
	return NULL;
}
