/* test_numeral.c - numerals and statistics, test-first.
 *
 * Three tables:
 *   numerals[]      sy_numeral_parse_utf8 on the numeral at the start of a
 *                   string: bytes consumed (given as the expected prefix)
 *                   and the exact value;
 *   stat_cases[]    one sentence through sy_extract_text: the statistic it
 *                   must propose (text, code point span, value, unit,
 *                   approx, value_max) and/or a non-statistic that no
 *                   proposed statistic may overlap;
 *   consistency[]   the `inconsistent` tag on totals, parts and rates.
 * plus a few sy_numeral_scan flag checks.
 *
 * Rules: ../../shared/guidelines.md.  All sentences are written for this
 * test in the style of the reports; none is copied from a report.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "text/numeral.h"
#include "tap.h"
#include "testutil.h"

/* ------------------------------------------------------------ helpers */

/* Decode UTF-8 into code points (test input is valid UTF-8). */
static size_t to_cps(const char *s, uint32_t *out, size_t cap)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;
	while (*p && n < cap) {
		uint32_t c;
		if (*p < 0x80) {
			c = *p++;
		} else if ((*p & 0xE0) == 0xC0) {
			c = (uint32_t)(*p++ & 0x1F) << 6;
			c |= (uint32_t)(*p++ & 0x3F);
		} else if ((*p & 0xF0) == 0xE0) {
			c = (uint32_t)(*p++ & 0x0F) << 12;
			c |= (uint32_t)(*p++ & 0x3F) << 6;
			c |= (uint32_t)(*p++ & 0x3F);
		} else {
			c = (uint32_t)(*p++ & 0x07) << 18;
			c |= (uint32_t)(*p++ & 0x3F) << 12;
			c |= (uint32_t)(*p++ & 0x3F) << 6;
			c |= (uint32_t)(*p++ & 0x3F);
		}
		out[n++] = c;
	}
	return n;
}

/* is_exact (tap.h): exact double equality (numeral.h promises exact
 * decimal values, so 924.255383万 is the double nearest 9242553.83 and
 * nothing else). */

static void list_stats(const sy_annot *a)
{
	for (size_t i = 0; i < a->nstats; i++)
		diag("  proposed %s: \"%s\" [%zu,%zu) value %.17g unit %s approx %s",
		     a->stats[i].id ? a->stats[i].id : "(null)",
		     a->stats[i].text ? a->stats[i].text : "(null)",
		     a->stats[i].start, a->stats[i].end, a->stats[i].value,
		     a->stats[i].unit ? a->stats[i].unit : "(null)",
		     sy_approx_name(a->stats[i].approx) ?
		     sy_approx_name(a->stats[i].approx) : "null");
}

/* Every statistic pending, ids n1, n2, ... in start order. */
static void check_ids_pending(const sy_annot *a, const char *sent)
{
	bool good = true;
	char want[32];
	for (size_t i = 0; i < a->nstats; i++) {
		snprintf(want, sizeof want, "n%zu", i + 1);
		if (!a->stats[i].id || strcmp(a->stats[i].id, want) != 0)
			good = false;
		if (a->stats[i].r.status != SY_PENDING)
			good = false;
		if (i > 0 && a->stats[i].start < a->stats[i - 1].start)
			good = false;
	}
	if (!ok(good, "'%s': statistics pending, ids n1..n%zu in start order",
		sent, a->nstats))
		list_stats(a);
}

static sy_status extract(const char *text, sy_annot *a)
{
	sy_error err;
	sy_status rc;
	memset(&err, 0, sizeof err);
	sy_annot_init(a);
	rc = sy_extract_text("sentence.txt", text, strlen(text), a, &err);
	if (rc != SY_OK)
		diag("sy_extract_text: %s", err.msg);
	return rc;
}

/* extract, as a point: "'SENTENCE': extracted". */
static bool extracted(const char *sentence, sy_annot *a)
{
	sy_status rc = extract(sentence, a);

	ok(rc == SY_OK, "'%s': extracted", sentence);
	return rc == SY_OK;
}

/* ---------------------------------------------------- table (a): numerals */

struct numeral_case {
	const char *input;
	const char *consumed;   /* the prefix of input that is the numeral */
	double value;           /* checked when consumed is not empty */
};

static const struct numeral_case numerals[] = {
	/* Arabic integers */
	{ "0", "0", 0 },
	{ "7", "7", 7 },
	{ "53宗", "53", 53 },
	{ "49", "49", 49 },
	{ "3000元", "3000", 3000 },
	{ "2020年", "2020", 2020 },
	{ "12345热线", "12345", 12345 },
	{ "100%", "100", 100 },
	{ "1945平方米", "1945", 1945 },
	/* decimals */
	{ "92.5", "92.5", 92.5 },
	{ "92.5%", "92.5", 92.5 },
	{ "751.64亩", "751.64", 751.64 },
	{ "0.5公里", "0.5", 0.5 },
	{ "12.5小时", "12.5", 12.5 },
	{ "3.0版本", "3.0", 3 },
	{ "15.3%", "15.3", 15.3 },
	/* thousands separators: ',' followed by exactly three digits */
	{ "1,234", "1,234", 1234 },
	{ "1,234件", "1,234", 1234 },
	{ "1,260人次", "1,260", 1260 },
	{ "12,345.6元", "12,345.6", 12345.6 },
	{ "1,234,567元", "1,234,567", 1234567 },
	{ "3,45人", "3", 3 },
	{ "53，49宗", "53", 53 },      /* a full-width comma is punctuation */
	/* full-width digits and point */
	{ "１２", "１２", 12 },
	{ "１２次", "１２", 12 },
	{ "１００", "１００", 100 },
	{ "９２．５", "９２．５", 92.5 },
	{ "９２．５％", "９２．５", 92.5 },
	{ "２５万", "２５万", 250000 },
	/* what stops an Arabic numeral */
	{ "8000余份", "8000", 8000 },
	{ "10多次", "10", 10 },
	{ "2-3名", "2", 2 },
	{ "5～8人", "5", 5 },
	{ "3至5个", "3", 3 },
	{ "3.依法行政", "3", 3 },      /* a point not followed by a digit */
	{ "1、健全制度", "1", 1 },
	{ "3·15", "3", 3 },
	{ "2016—2020年", "2016", 2016 },
	/* Chinese digits */
	{ "一", "一", 1 },
	{ "二", "二", 2 },
	{ "三次", "三", 3 },
	{ "四次", "四", 4 },
	{ "五", "五", 5 },
	{ "六", "六", 6 },
	{ "七个", "七", 7 },
	{ "八", "八", 8 },
	{ "九类", "九", 9 },
	{ "两", "两", 2 },
	{ "两支", "两", 2 },
	{ "两名", "两", 2 },
	/* tens */
	{ "十", "十", 10 },
	{ "十九", "十九", 19 },
	{ "十九人", "十九", 19 },
	{ "十九大", "十九", 19 },
	{ "二十", "二十", 20 },
	{ "二十大", "二十", 20 },
	{ "二十三", "二十三", 23 },
	{ "二十三名", "二十三", 23 },
	{ "九十九", "九十九", 99 },
	{ "三十余人", "三十", 30 },
	/* hundreds */
	{ "百", "百", 100 },
	{ "百余次", "百", 100 },
	{ "一百", "一百", 100 },
	{ "一百零五", "一百零五", 105 },
	{ "一百零五次", "一百零五", 105 },
	{ "一百一十", "一百一十", 110 },
	{ "一百二十", "一百二十", 120 },
	{ "两百", "两百", 200 },
	{ "二百五十", "二百五十", 250 },
	{ "二百四十人次", "二百四十", 240 },
	{ "三百六十五", "三百六十五", 365 },
	/* thousands */
	{ "千", "千", 1000 },
	{ "千余人", "千", 1000 },
	{ "一千", "一千", 1000 },
	{ "两千", "两千", 2000 },
	{ "两千余户", "两千", 2000 },
	{ "一千零八", "一千零八", 1008 },
	{ "一千零一十", "一千零一十", 1010 },
	{ "两千三百", "两千三百", 2300 },
	{ "三千五百", "三千五百", 3500 },
	{ "三千五百元", "三千五百", 3500 },
	{ "九千九百九十九", "九千九百九十九", 9999 },
	/* 万 and 亿 in Chinese numerals */
	{ "一万", "一万", 10000 },
	{ "一万二千", "一万二千", 12000 },
	{ "一万零一", "一万零一", 10001 },
	{ "三万四千五百六十七", "三万四千五百六十七", 34567 },
	{ "两万多份", "两万", 20000 },
	{ "十万", "十万", 100000 },
	{ "十二万", "十二万", 120000 },
	{ "三十万", "三十万", 300000 },
	{ "五十万", "五十万", 500000 },
	{ "九十八万元", "九十八万", 980000 },
	{ "一百二十万", "一百二十万", 1200000 },
	{ "六百万", "六百万", 6000000 },
	{ "三千五百万", "三千五百万", 35000000 },
	{ "一亿", "一亿", 100000000 },
	{ "一亿二千万", "一亿二千万", 120000000 },
	{ "十亿", "十亿", 1000000000 },
	/* a lone 万 is a numeral (decision: value 10000) */
	{ "万", "万", 10000 },
	{ "万人", "万", 10000 },
	/* Chinese digits written positionally, as in a signing date */
	{ "二〇二一年", "二〇二一", 2021 },
	/* mixed: Arabic number with a multiplier */
	{ "1.76亿", "1.76亿", 176000000 },
	{ "1.76亿元", "1.76亿", 176000000 },
	{ "924.255383万", "924.255383万", 9242553.83 },
	{ "924.255383万元", "924.255383万", 9242553.83 },
	{ "119.96万元", "119.96万", 1199600 },
	{ "64.80万元", "64.80万", 648000 },
	{ "25万", "25万", 250000 },
	{ "25万余平方米", "25万", 250000 },
	{ "10万余", "10万", 100000 },
	{ "120万", "120万", 1200000 },
	{ "2.5万", "2.5万", 25000 },
	{ "2.5万人次", "2.5万", 25000 },
	{ "1.2万吨", "1.2万", 12000 },
	{ "8.5万", "8.5万", 85000 },
	{ "3千", "3千", 3000 },
	{ "4千余人", "4千", 4000 },
	{ "5百", "5百", 500 },
	{ "1亿", "1亿", 100000000 },
	{ "0.3亿", "0.3亿", 30000000 },
	{ "1亿2000万", "1亿2000万", 120000000 },
	{ "1亿2000万元", "1亿2000万", 120000000 },
	{ "3万5000", "3万5000", 35000 },
	/* not numerals */
	{ "", "", 0 },
	{ "宗", "", 0 },
	{ "abc", "", 0 },
	{ "第一", "", 0 },
	{ "几个", "", 0 },
	{ "数十", "", 0 },
	{ "%", "", 0 },
	{ ".5", "", 0 },
	{ "个", "", 0 },
	{ "余", "", 0 },
	{ "多", "", 0 },
	{ "次", "", 0 },
};

static void test_numerals(void)
{
	size_t n = sizeof numerals / sizeof numerals[0];
	for (size_t i = 0; i < n; i++) {
		const struct numeral_case *c = &numerals[i];
		size_t want = strlen(c->consumed);
		double value = -12345.678;
		size_t got;
		if (strncmp(c->input, c->consumed, want) != 0) {
			ok(0, "table error: '%s' does not start with '%s'",
			   c->input, c->consumed);
			continue;
		}
		got = sy_numeral_parse_utf8(c->input, &value);
		if (!ok(got == want, "numeral '%s' consumes '%s'", c->input,
			c->consumed))
			diag("  consumed %zu bytes, want %zu", got, want);
		if (want > 0)
			is_exact(value, c->value, "numeral '%s' = %.17g",
				 c->input, c->value);
	}
}

/* A few sy_numeral_scan details that numeral.h documents. */
static void test_scan_flags(void)
{
	uint32_t buf[32];
	sy_numeral nm;
	size_t n, got;

	n = to_cps("1.76亿元", buf, 32);
	memset(&nm, 0, sizeof nm);
	got = sy_numeral_scan(buf, n, &nm);
	ok(got == 5 && nm.len == 5, "scan '1.76亿元': 5 code points");
	ok(nm.arabic && nm.decimal && nm.multiplier && !nm.chinese,
	   "scan '1.76亿元': arabic, decimal, multiplier, not chinese");
	ok(nm.ndigits == 1, "scan '1.76亿元': 1 digit before the point");

	n = to_cps("百余次", buf, 32);
	memset(&nm, 0, sizeof nm);
	got = sy_numeral_scan(buf, n, &nm);
	ok(got == 1 && nm.len == 1, "scan '百余次': 1 code point");
	ok(nm.chinese && !nm.arabic, "scan '百余次': chinese, not arabic");

	n = to_cps("１２次", buf, 32);
	memset(&nm, 0, sizeof nm);
	got = sy_numeral_scan(buf, n, &nm);
	ok(got == 2 && nm.arabic && !nm.decimal && nm.ndigits == 2,
	   "scan '１２次': 2 full-width arabic digits");

	n = to_cps("2020年", buf, 32);
	memset(&nm, 0, sizeof nm);
	got = sy_numeral_scan(buf, n, &nm);
	ok(got == 4 && nm.ndigits == 4 && !nm.multiplier,
	   "scan '2020年': 4 digits, no multiplier");

	n = to_cps("25万余平方米", buf, 32);
	memset(&nm, 0, sizeof nm);
	got = sy_numeral_scan(buf, n, &nm);
	ok(got == 3 && nm.arabic && nm.multiplier && !nm.chinese,
	   "scan '25万余平方米': 3 code points, multiplier, not chinese");
	is_exact(nm.value, 250000, "scan '25万余平方米' = 250000");

	n = to_cps("十九人", buf, 32);
	memset(&nm, 0, sizeof nm);
	got = sy_numeral_scan(buf, n, &nm);
	ok(got == 2 && nm.chinese && !nm.arabic,
	   "scan '十九人': 2 code points, chinese");

	n = to_cps("宗", buf, 32);
	memset(&nm, 0, sizeof nm);
	ok(sy_numeral_scan(buf, n, &nm) == 0, "scan '宗': no numeral");

	ok(sy_numeral_scan(buf, 0, &nm) == 0, "scan of nothing: no numeral");

	ok(sy_is_digit_cp('5') && sy_is_digit_cp(0xFF15) &&
	   !sy_is_digit_cp('a'), "sy_is_digit_cp: 5 and ５, not a");
	ok(sy_is_cn_digit_cp(0x5341) && sy_is_cn_digit_cp(0x4E24) &&
	   sy_is_cn_digit_cp(0x3007) && !sy_is_cn_digit_cp(0x7B2C),
	   "sy_is_cn_digit_cp: 十 两 〇, not 第");
}

/* ------------------------------------------ table (b): statistics found */

struct stat_case {
	const char *sentence;
	const char *text;       /* the statistic proposed, NULL: none asked */
	double value;
	const char *unit;
	const char *approx;     /* NULL, "over", "under", "about", "range" */
	double value_max;       /* NAN: no value_max */
	const char *nonstat;    /* no statistic may overlap this, or NULL */
	bool borderline;        /* may be left out; if proposed, must be so */
};

#define ST(s, t, v, u, ap) { s, t, v, u, ap, NAN, NULL, false }
#define RANGE(s, t, v, u, vmax) { s, t, v, u, "range", vmax, NULL, false }
#define STN(s, t, v, u, ap, non) { s, t, v, u, ap, NAN, non, false }
#define BORDER(s, t, v, u, ap) { s, t, v, u, ap, NAN, NULL, true }
#define NONSTAT(s, non) { s, NULL, 0, NULL, NULL, NAN, non, false }

static const struct stat_case stat_cases[] = {
	/* counts with a unit */
	ST("全年共受理信访案件53宗，均已依法处理。", "53宗", 53, "宗", NULL),
	ST("截至年底，已办结信访案件49宗。", "49宗", 49, "宗", NULL),
	ST("信访事项按期办结率92.5%，群众满意度明显提升。", "92.5%", 92.5, "%", NULL),
	ST("村（社区）法律顾问覆盖率达100%。", "100%", 100, "%", NULL),
	ST("依法拆除违法建筑1945平方米，恢复耕地用途。", "1945平方米", 1945, "平方米", NULL),
	ST("出动执法车辆8辆，对重点路段开展巡查。", "8辆", 8, "辆", NULL),
	ST("为困难群众发放法律援助补贴3000元。", "3000元", 3000, "元", NULL),
	ST("深入村（社区）开展送法下乡活动32场。", "32场", 32, "场", NULL),
	ST("组织执法人员参加业务培训260人次。", "260人次", 260, "人次", NULL),
	ST("举办法治专题讲座15场次，覆盖全体机关干部。", "15场次", 15, "场次", NULL),
	ST("检查食品经营单位126家次，发现的问题已督促整改。", "126家次", 126, "家次", NULL),
	ST("抽检农产品样品7批次，均未发现问题。", "7批次", 7, "批次", NULL),
	ST("清运河道沿线建筑垃圾45车次。", "45车次", 45, "车次", NULL),
	ST("完成农村道路硬化12.6公里。", "12.6公里", 12.6, "公里", NULL),
	ST("机关干部全年参加网上学法平均40学时。", "40学时", 40, "学时", NULL),
	ST("依法收回闲置土地751.64亩。", "751.64亩", 751.64, "亩", NULL),
	ST("受理行政许可申请4265件，全部按时办结。", "4265件", 4265, "件", NULL),
	ST("调解矛盾纠纷成功率达98.6%。", "98.6%", 98.6, "%", NULL),
	ST("全年排查各类矛盾纠纷61起。", "61起", 61, "起", NULL),
	ST("新建法治文化广场3处。", "3处", 3, "处", NULL),
	ST("指导各村修订完善村规民约16部。", "16部", 16, "部", NULL),
	ST("审查各类合同协议28份。", "28份", 28, "份", NULL),
	ST("整改各类安全隐患120处。", "120处", 120, "处", NULL),
	ST("人均参加法治培训12.5小时。", "12.5小时", 12.5, "小时", NULL),
	ST("查处违法占地案件7宗，罚没款4.3万元。", "7宗", 7, "宗", NULL),
	ST("查处违法占地案件7宗，罚没款4.3万元。", "4.3万元", 43000, "元", NULL),
	ST("聘请常年法律顾问3名，参与重大决策合法性审查。", "3名", 3, "名", NULL),
	ST("建立村级法律服务微信群23个。", "23个", 23, "个", NULL),
	ST("举办基层调解员培训班5期。", "5期", 5, "期", NULL),
	ST("化解信访积案11件。", "11件", 11, "件", NULL),
	ST("组织机关干部旁听庭审活动2次。", "2次", 2, "次", NULL),
	ST("张贴普法宣传标语60条。", "60条", 60, "条", NULL),
	ST("全镇刑事案件发案数同比下降15.3%。", "15.3%", 15.3, "%", NULL),
	ST("组织执法人员参加执法资格考试，通过率95%。", "95%", 95, "%", NULL),
	ST("开展“扫黄打非”专项行动4次。", "4次", 4, "次", NULL),
	ST("全镇119个村民小组全部建立调解小组。", "119个", 119, "个", NULL),
	ST("执法人员开展巡查1,260人次。", "1,260人次", 1260, "人次", NULL),
	ST("召开法治政府建设推进会１２次。", "１２次", 12, "次", NULL),
	ST("镇综合执法队共有执法人员１５名。", "１５名", 15, "名", NULL),
	/* 万 and 亿 folded into the value; 万元 gives 元 */
	ST("全年投入基础设施建设资金1.76亿元。", "1.76亿元", 176000000, "元", NULL),
	ST("帮助农民工追回欠薪924.255383万元。", "924.255383万元", 9242553.83, "元", NULL),
	ST("落实法治建设专项经费119.96万元。", "119.96万元", 1199600, "元", NULL),
	ST("发放临时救助资金64.80万元。", "64.80万元", 648000, "元", NULL),
	ST("清理河道垃圾1.2万吨。", "1.2万吨", 12000, "吨", NULL),
	ST("法治宣传活动受益群众2.5万人次。", "2.5万人次", 25000, "人次", NULL),
	ST("全年完成固定资产投资1亿2000万元。", "1亿2000万元", 120000000, "元", NULL),
	ST("办理不动产登记业务1.5万件。", "1.5万件", 15000, "件", NULL),
	ST("全镇户籍人口3.2万人。", "3.2万人", 32000, "人", NULL),
	ST("全年共作出行政处罚决定41宗，罚款2.36万元。", "2.36万元", 23600, "元", NULL),
	/* Chinese numerals */
	ST("组建两支法律服务志愿队伍，深入村组开展服务。", "两支", 2, "支", NULL),
	ST("全年召开党委理论学习中心组法治专题学习会议四次。", "四次", 4, "次", NULL),
	ST("全镇建成七个村级公共法律服务工作室。", "七个", 7, "个", NULL),
	ST("各村选派两名法律明白人参加市级培训。", "两名", 2, "名", NULL),
	ST("镇综合行政执法队现有在编执法人员十九人。", "十九人", 19, "人", NULL),
	ST("摸排社区矫正对象二十三名，全部落实帮教措施。", "二十三名", 23, "名", NULL),
	ST("为群众提供法律咨询一百零五次。", "一百零五次", 105, "次", NULL),
	ST("帮助群众挽回经济损失三千五百元。", "三千五百元", 3500, "元", NULL),
	ST("培训人民调解员二百四十人次。", "二百四十人次", 240, "人次", NULL),
	ST("发放农业补贴资金九十八万元。", "九十八万元", 980000, "元", NULL),
	/* approximations inside the text: 余, 多 */
	ST("全年拆除违法建设25万余平方米。", "25万余平方米", 250000, "平方米", "over"),
	ST("印发法治宣传资料8000余份。", "8000余份", 8000, "份", "over"),
	ST("镇党委召开法治建设专题会议10余次。", "10余次", 10, "次", "over"),
	ST("开展法治宣传进村入户活动百余次。", "百余次", 100, "次", "over"),
	ST("组织普法文艺演出80多场次。", "80多场次", 80, "场次", "over"),
	ST("开展联合执法行动三十余次。", "三十余次", 30, "次", "over"),
	ST("走访群众两千余户，收集意见建议。", "两千余户", 2000, "户", "over"),
	ST("发放民法典宣传手册3万余册。", "3万余册", 30000, "册", "over"),
	ST("印发宣传折页两万多份。", "两万多份", 20000, "份", "over"),
	ST("参与志愿服务的党员1000多人。", "1000多人", 1000, "人", "over"),
	ST("检查经营场所180余家，下达整改通知书12份。", "180余家", 180, "家", "over"),
	ST("检查经营场所180余家，下达整改通知书12份。", "12份", 12, "份", NULL),
	/* approximations outside the text */
	ST("全年投入约182万元用于平安乡村建设。", "182万元", 1820000, "元", "about"),
	ST("通过优化采购流程节约资金约8.6万元。", "8.6万元", 86000, "元", "about"),
	ST("落实矛盾纠纷排查化解经费50万元左右。", "50万元", 500000, "元", "about"),
	ST("领导干部年度学法超过60学时。", "60学时", 60, "学时", "over"),
	ST("政务服务事项网上可办率超80%。", "80%", 80, "%", "over"),
	ST("现场接受法律咨询的群众逾百人。", "百人", 100, "人", "over"),
	ST("累计培训执法人员500人次以上。", "500人次", 500, "人次", "over"),
	ST("参加宪法宣传周活动的群众近300人。", "300人", 300, "人", "under"),
	ST("近千名群众参加了宪法宣誓仪式。", "千名", 1000, "名", "under"),
	ST("行政诉讼案件败诉率不足10%。", "10%", 10, "%", "under"),
	BORDER("每个执法岗位须配备持证执法人员2人以上。", "2人", 2, "人", "over"),
	/* 共、累计、达 stay outside and do not make it approximate */
	ST("累计开展安全生产执法检查145次。", "145次", 145, "次", NULL),
	ST("新增守信示范企业达27家。", "27家", 27, "家", NULL),
	ST("全镇共有人民调解委员会18个。", "18个", 18, "个", NULL),
	/* ranges */
	RANGE("每个网格配备专职网格员2-3名。", "2-3名", 2, "名", 3),
	RANGE("每个调解小组由5～8人组成。", "5～8人", 5, "人", 8),
	RANGE("各村（社区）成立巡逻小分队3至5个。", "3至5个", 3, "个", 5),
	RANGE("对符合条件的农户每户补助800-1200元。", "800-1200元", 800, "元", 1200),
	/* a statistic beside a non-statistic */
	STN("2020年以来，全镇共受理信访案件53宗。", "53宗", 53, "宗", NULL, "2020年"),
	STN("2021年，我镇共办理行政执法案件37件。", "37件", 37, "件", NULL, "2021年"),
	STN("截至2021年12月底，全镇共有网格员126名。", "126名", 126, "名", NULL, "2021年12月"),
	STN("2022年3月15日，镇司法所开展消费维权宣传，发放资料600余份。", "600余份", 600, "份", "over", "2022年3月15日"),
	STN("“3·15”期间共受理消费投诉9件。", "9件", 9, "件", NULL, "3·15"),
	STN("党的十九大以来，全镇累计化解矛盾纠纷320起。", "320起", 320, "起", NULL, "十九大"),
	STN("通过12345热线受理群众诉求860件。", "860件", 860, "件", NULL, "12345热线"),
	STN("在“6.26”国际禁毒日期间开展禁毒宣传活动6场。", "6场", 6, "场", NULL, "6.26"),
	STN("按照《法治政府建设实施纲要（2021-2025年）》要求，制定任务清单35项。", "35项", 35, "项", NULL, "2021-2025年"),
	STN("七五普法期间共开展普法活动200余场。", "200余场", 200, "场", "over", "七五普法"),
	STN("围绕“一站式”服务，全年办理业务5200件。", "5200件", 5200, "件", NULL, "一站式"),
	STN("扎实开展“两个维护”主题教育，参学党员460名。", "460名", 460, "名", NULL, "两个维护"),
	STN("一是强化组织领导，召开专题会议6次。", "6次", 6, "次", NULL, "一是"),
	STN("党委书记作为第一责任人，带头讲法治课3次。", "3次", 3, "次", NULL, "第一责任人"),
	STN("完成“十件实事”项目投资2300万元。", "2300万元", 23000000, "元", NULL, "十件实事"),
	STN("在12·4国家宪法日发放宪法读本500册。", "500册", 500, "册", NULL, "12·4"),
	/* the example, item by item */
	ST("受理信访案件53宗，办结49宗，办结率92.5%。", "53宗", 53, "宗", NULL),
	ST("受理信访案件53宗，办结49宗，办结率92.5%。", "49宗", 49, "宗", NULL),
	ST("受理信访案件53宗，办结49宗，办结率92.5%。", "92.5%", 92.5, "%", NULL),
	/* years, dates and periods */
	NONSTAT("2020年以来，全镇法治建设工作稳步推进。", "2020年"),
	NONSTAT("认真落实《法治政府建设实施纲要（2016—2020年）》各项要求。", "2016—2020年"),
	NONSTAT("制定《法治乡村建设规划（2021-2025年）》。", "2021-2025年"),
	NONSTAT("编制《生态环境保护规划（2021-2025）》。", "2021-2025"),
	NONSTAT("2021年2月25日，镇政府召开法治政府建设推进会。", "2021年2月25日"),
	NONSTAT("于2021年12月完成全部清理工作。", "2021年12月"),
	NONSTAT("2020年度法治政府建设考核结果为优秀。", "2020年度"),
	NONSTAT("各村于3月底前完成自查自纠。", "3月"),
	NONSTAT("本制度自二〇二一年三月一日起施行。", "二〇二一年三月一日"),
	NONSTAT("利用“3·15”消费者权益日开展维权宣传。", "3·15"),
	NONSTAT("结合“6.26”国际禁毒日开展禁毒宣传。", "6.26"),
	NONSTAT("在5·22国际生物多样性日开展生态保护宣传。", "5·22"),
	NONSTAT("在12·4国家宪法日组织宪法宣誓活动。", "12·4"),
	NONSTAT("利用六五环境日开展环保法律宣传。", "六五环境日"),
	NONSTAT("编制“十四五”法治建设规划。", "十四五"),
	/* names and identifiers that contain numbers */
	NONSTAT("畅通12345热线群众诉求渠道。", "12345热线"),
	NONSTAT("及时办理12345政府热线转办事项。", "12345"),
	NONSTAT("通过12315平台受理消费投诉。", "12315"),
	NONSTAT("拨打12348公共法律服务热线获取法律帮助。", "12348"),
	NONSTAT("扎实开展“126”专项整治行动。", "126"),
	NONSTAT("根据镇政府第11号公告，依法拆除违章建筑。", "第11号"),
	NONSTAT("将智慧执法平台升级至3.0版本。", "3.0版本"),
	NONSTAT("深入学习贯彻党的十九大精神。", "十九大"),
	NONSTAT("认真学习宣传贯彻党的二十大精神。", "二十大"),
	NONSTAT("深入学习党的十九届五中全会精神。", "十九届五中全会"),
	NONSTAT("圆满完成七五普法各项任务。", "七五普法"),
	NONSTAT("扎实推进八五普法规划实施。", "八五普法"),
	NONSTAT("启动“八五”普法规划编制工作。", "八五"),
	NONSTAT("遇到紧急情况及时拨打110报警。", "110"),
	NONSTAT("依照《中华人民共和国行政处罚法》第三十二条规定从轻处罚。", "第三十二条"),
	/* ordinals */
	NONSTAT("召开全面依法治镇委员会第一次会议。", "第一次会议"),
	NONSTAT("党政主要负责人切实履行推进法治建设第一责任人职责。", "第一责任人"),
	NONSTAT("一是强化组织领导，二是完善工作制度。", "一是"),
	NONSTAT("一是强化组织领导，二是完善工作制度。", "二是"),
	NONSTAT("引入第三方评估机制。", "第三方"),
	NONSTAT("在第二季度开展执法案卷评查。", "第二季度"),
	/* set phrases and slogans */
	NONSTAT("严格执行“三重一大”集体决策制度。", "三重一大"),
	NONSTAT("全力做好“六稳”“六保”工作。", "六稳"),
	NONSTAT("全力做好“六稳”“六保”工作。", "六保"),
	NONSTAT("扎实做好六稳六保各项工作。", "六稳六保"),
	NONSTAT("切实增强“四个意识”、坚定“四个自信”。", "四个意识"),
	NONSTAT("切实增强“四个意识”、坚定“四个自信”。", "四个自信"),
	NONSTAT("坚决做到“两个维护”。", "两个维护"),
	NONSTAT("深刻领悟“两个确立”的决定性意义。", "两个确立"),
	NONSTAT("确保“三个到位”。", "三个到位"),
	NONSTAT("全面推行“一站式”便民服务。", "一站式"),
	NONSTAT("打造“一门式”政务服务模式。", "一门式"),
	NONSTAT("坚持一把手负总责，分管领导具体抓。", "一把手"),
	NONSTAT("打通服务群众最后一公里。", "最后一公里"),
	NONSTAT("推行“多员合一”网格化管理模式。", "多员合一"),
	NONSTAT("扎实推进十件实事落地见效。", "十件实事"),
	NONSTAT("全面推行一村一法律顾问制度。", "一村一法律顾问"),
	NONSTAT("实现一村（居）一法律顾问全覆盖。", "一村（居）一法律顾问"),
	NONSTAT("对违法建设坚持零容忍。", "零容忍"),
	NONSTAT("严格落实“五减四办”改革要求。", "五减四办"),
	NONSTAT("深化“一制三化”改革。", "一制三化"),
	NONSTAT("推进党务、政务、财务“三务”公开。", "三务"),
	NONSTAT("全面推行行政执法三项制度。", "三项制度"),
	NONSTAT("推行“双随机、一公开”监管。", "一公开"),
	/* 一 as an article or in a word */
	NONSTAT("着力打造一支德才兼备的执法队伍。", "一支"),
	NONSTAT("搭建一个平台，实现执法信息共享。", "一个平台"),
	NONSTAT("出台一系列规范性文件管理制度。", "一系列"),
	NONSTAT("进一步完善行政决策程序。", "进一步"),
	NONSTAT("推进综合执法一体化建设。", "一体化"),
	NONSTAT("统一规范行政执法文书。", "统一"),
};

static const sy_stat *find_stat(const sy_annot *a, const char *text,
				size_t *count)
{
	const sy_stat *st = NULL;
	*count = 0;
	for (size_t i = 0; i < a->nstats; i++)
		if (a->stats[i].text && strcmp(a->stats[i].text, text) == 0) {
			if (!st)
				st = &a->stats[i];
			++*count;
		}
	return st;
}

static void check_stat(const struct stat_case *c, const sy_annot *a)
{
	const char *s = c->sentence;
	size_t count, ws, we;
	const sy_stat *st = find_stat(a, c->text, &count);
	bool is_range = c->approx && strcmp(c->approx, "range") == 0;

	if (!cp_find(s, c->text, &ws, &we)) {
		ok(0, "table error: '%s' not in '%s'", c->text, s);
		return;
	}
	if (c->borderline && count == 0) {
		ok(1, "'%s': borderline '%s' not proposed # SKIP borderline",
		   s, c->text);
		return;
	}
	if (!ok(count == 1, "'%s': exactly one statistic '%s'", s, c->text))
		list_stats(a);
	if (!st) {
		ok(0, "'%s': '%s' start %zu (not proposed)", s, c->text, ws);
		ok(0, "'%s': '%s' end %zu (not proposed)", s, c->text, we);
		ok(0, "'%s': '%s' value (not proposed)", s, c->text);
		ok(0, "'%s': '%s' unit (not proposed)", s, c->text);
		ok(0, "'%s': '%s' approx (not proposed)", s, c->text);
		ok(0, "'%s': '%s' value_max (not proposed)", s, c->text);
		return;
	}
	if (!ok(st->start == ws, "'%s': '%s' starts at code point %zu", s,
		c->text, ws))
		diag("  got start %zu", st->start);
	if (!ok(st->end == we, "'%s': '%s' ends at code point %zu", s,
		c->text, we))
		diag("  got end %zu", st->end);
	if (st->has_value)
		is_exact(st->value, c->value, "'%s': '%s' value %.17g", s,
			 c->text, c->value);
	else
		ok(0, "'%s': '%s' value %.17g (got null)", s, c->text,
		   c->value);
	is_str(st->unit, c->unit, "'%s': '%s' unit %s", s, c->text, c->unit);
	is_str(sy_approx_name(st->approx), c->approx, "'%s': '%s' approx %s",
	       s, c->text, c->approx ? c->approx : "null");
	if (is_range) {
		if (st->has_value_max)
			is_exact(st->value_max, c->value_max,
				 "'%s': '%s' value_max %g", s, c->text,
				 c->value_max);
		else
			ok(0, "'%s': '%s' value_max %g (got null)", s,
			   c->text, c->value_max);
	} else {
		if (!ok(!st->has_value_max, "'%s': '%s' value_max null", s,
			c->text))
			diag("  got value_max %.17g", st->value_max);
	}
}

static void check_nonstat(const char *s, const char *non, const sy_annot *a)
{
	size_t ns, ne;
	if (!cp_find(s, non, &ns, &ne)) {
		ok(0, "table error: '%s' not in '%s'", non, s);
		return;
	}
	ok(no_stat_in(a, ns, ne), "'%s': no statistic on '%s'", s, non);
}

static void test_stat_cases(void)
{
	size_t n = sizeof stat_cases / sizeof stat_cases[0];
	for (size_t i = 0; i < n; i++) {
		const struct stat_case *c = &stat_cases[i];
		sy_annot a;
		if (!extracted(c->sentence, &a))
			continue;
		if (c->text)
			check_stat(c, &a);
		if (c->nonstat)
			check_nonstat(c->sentence, c->nonstat, &a);
		check_ids_pending(&a, c->sentence);
		sy_annot_free(&a);
	}
}

/* ------------------------------------- table (c): the inconsistent tag */

struct consistency_case {
	const char *sentence;
	const char *flagged;    /* the item tagged inconsistent; NULL: none */
};

static const struct consistency_case consistency[] = {
	/* 49 / 53 = 92.45% → 92.5% */
	{ "受理信访案件53宗，办结49宗，办结率92.5%。", NULL },
	/* 30 / 40 = 75%, not 90% */
	{ "受理信访案件40件，办结30件，办结率90%。", "90%" },
	/* 11 / 12 = 91.67% → 91.7% */
	{ "受理行政复议申请12件，办结11件，办结率91.7%。", NULL },
	{ "全年受理投诉举报26件，已全部办结，办结率100%。", NULL },
	/* 76 / 80 = 95% */
	{ "调处矛盾纠纷80起，调解成功76起，调解成功率95%。", NULL },
	{ "调处矛盾纠纷80起，调解成功76起，调解成功率98%。", "98%" },
	/* a total beside its parts */
	{ "共排查矛盾纠纷61起，其中家庭纠纷20起、邻里纠纷41起。", NULL },
	{ "共排查矛盾纠纷61起，其中家庭纠纷20起、邻里纠纷40起。", "61起" },
	{ "共查处违法案件15宗，其中违法用地9宗、违法建设6宗。", NULL },
	{ "共查处违法案件15宗，其中违法用地9宗、违法建设4宗。", "15宗" },
};

static void test_consistency(void)
{
	size_t n = sizeof consistency / sizeof consistency[0];
	for (size_t i = 0; i < n; i++) {
		const struct consistency_case *c = &consistency[i];
		sy_annot a;
		if (!extracted(c->sentence, &a))
			continue;
		if (!c->flagged) {
			bool none = true;
			for (size_t k = 0; k < a.nstats; k++)
				if (sy_tags_has(&a.stats[k].r.tags,
						"inconsistent")) {
					none = false;
					diag("  tagged: \"%s\"", a.stats[k].text);
				}
			ok(none, "'%s': nothing tagged inconsistent",
			   c->sentence);
		} else {
			size_t count;
			const sy_stat *st = find_stat(&a, c->flagged, &count);
			if (!ok(st && sy_tags_has(&st->r.tags, "inconsistent"),
				"'%s': '%s' tagged inconsistent", c->sentence,
				c->flagged))
				list_stats(&a);
		}
		sy_annot_free(&a);
	}
}

int main(void)
{
	diag("table (a): %zu numerals",
	     sizeof numerals / sizeof numerals[0]);
	test_numerals();
	test_scan_flags();
	diag("table (b): %zu sentences",
	     sizeof stat_cases / sizeof stat_cases[0]);
	test_stat_cases();
	diag("table (c): %zu consistency cases",
	     sizeof consistency / sizeof consistency[0]);
	test_consistency();
	return tap_done();
}
