/* test_extract.c - the heading parser and the document facts, test-first.
 *
 * Each case is a small report written for this test (LF newlines; one
 * CRLF case), run through sy_extract_text.  A case lists the sections it
 * must yield in start order (level, marker, title, span, anomaly tag), the
 * section each statistic falls in, lines that must not become sections,
 * numbers that must not become statistics, and the document facts.
 *
 * Rules: ../../shared/guidelines.md.  Anomaly tags: numbering-skip,
 * numbering-repeat, marker-style.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "text/numeral.h"
#include "tap.h"
#include "testutil.h"

/* ------------------------------------------------------------ helpers */

static const char *const anomaly_tags[] = {
	"numbering-skip", "numbering-repeat", "marker-style",
};

/* ------------------------------------------------------------ the cases */

struct sec_exp {
	int level;              /* 0 ends the list */
	const char *marker;
	const char *title;
	const char *span;       /* marker .. end of title, as in the text */
	const char *anomaly;    /* NULL: none of the three anomaly tags;
				 * a tag: exactly that one; "*": not checked */
};

struct stat_in {
	const char *text;       /* NULL ends the list */
	int section;            /* 1-based index of the innermost section,
				 * 0: before any section (null) */
};

struct doc_case {
	const char *name;
	const char *text;
	const struct sec_exp *secs;
	const struct stat_in *stats;
	const char *const *not_sections;   /* NULL-terminated */
	const char *const *not_stats;      /* NULL-terminated */
	bool check_doc;
	const char *title, *issuer, *region;
	int year;
	const char *date;
};

/* A: the GB/T 9704 hierarchy 一、 （一） 1. （1）, title, addressee,
 * signature and date. */
static const char doc_a[] =
	"青石镇2021年法治政府建设情况报告\n"
	"\n"
	"县委、县政府：\n"
	"2021年，青石镇坚持以习近平法治思想为指导，扎实推进法治政府建设，"
	"全年共办理各类行政执法案件18件。现将有关情况报告如下：\n"
	"一、主要工作及成效\n"
	"（一）加强组织领导\n"
	"镇党委高度重视法治建设，召开专题会议6次。一是健全工作机制，"
	"二是压实工作责任。\n"
	"1. 依法行政\n"
	"全年受理行政许可事项120件，按时办结率100%。\n"
	"（1）规范执法\n"
	"开展执法检查45次。\n"
	"（2）强化监督\n"
	"聘请特邀监督员9名。\n"
	"2. 普法宣传\n"
	"发放宣传资料3000余份。\n"
	"（二）化解矛盾纠纷\n"
	"调处矛盾纠纷57起。\n"
	"二、存在问题\n"
	"基层法治力量仍然薄弱。\n"
	"三、下一步工作打算\n"
	"持续深化法治宣传教育。\n"
	"青石镇人民政府\n"
	"2022年1月10日\n";

static const struct sec_exp secs_a[] = {
	{ 1, "一、", "主要工作及成效", "一、主要工作及成效", NULL },
	{ 2, "（一）", "加强组织领导", "（一）加强组织领导", NULL },
	{ 3, "1.", "依法行政", "1. 依法行政", NULL },
	{ 4, "（1）", "规范执法", "（1）规范执法", NULL },
	{ 4, "（2）", "强化监督", "（2）强化监督", NULL },
	{ 3, "2.", "普法宣传", "2. 普法宣传", NULL },
	{ 2, "（二）", "化解矛盾纠纷", "（二）化解矛盾纠纷", NULL },
	{ 1, "二、", "存在问题", "二、存在问题", NULL },
	{ 1, "三、", "下一步工作打算", "三、下一步工作打算", NULL },
	{ 0, NULL, NULL, NULL, NULL },
};

static const struct stat_in stats_a[] = {
	{ "18件", 0 }, { "6次", 2 }, { "120件", 3 }, { "100%", 3 },
	{ "45次", 4 }, { "9名", 5 }, { "3000余份", 6 }, { "57起", 7 },
	{ NULL, 0 },
};

static const char *const nosec_a[] = {
	"青石镇2021年法治政府建设情况报告", "县委、县政府：",
	"2021年，青石镇", "一是健全工作机制", "二是压实工作责任",
	"青石镇人民政府", "2022年1月10日", NULL,
};

static const char *const nostat_a[] = {
	"青石镇2021年法治政府建设情况报告", "2021年，青石镇",
	"2022年1月10日", "一是健全工作机制", NULL,
};

/* B: a report that uses 1、 at the top and （1） under it. */
static const char doc_b[] =
	"白沙镇2020年度法治政府建设工作总结\n"
	"\n"
	"本年度，我镇认真贯彻落实上级关于法治政府建设的部署要求。"
	"现将工作情况汇报如下：\n"
	"1、 主要工作情况\n"
	"（1）加强组织领导，全面履行政府职能\n"
	"成立法治政府建设工作领导小组，召开专题会议3次。\n"
	"（2）深化普法宣传\n"
	"发放宣传资料2000余份。\n"
	"2、 存在的不足\n"
	"法治宣传形式较为单一。\n"
	"3、 下一步工作打算\n"
	"进一步加强法治队伍建设。\n"
	"                白沙镇人民政府\n";

static const struct sec_exp secs_b[] = {
	{ 1, "1、", "主要工作情况", "1、 主要工作情况", NULL },
	{ 2, "（1）", "加强组织领导，全面履行政府职能",
	  "（1）加强组织领导，全面履行政府职能", NULL },
	{ 2, "（2）", "深化普法宣传", "（2）深化普法宣传", NULL },
	{ 1, "2、", "存在的不足", "2、 存在的不足", NULL },
	{ 1, "3、", "下一步工作打算", "3、 下一步工作打算", NULL },
	{ 0, NULL, NULL, NULL, NULL },
};

static const struct stat_in stats_b[] = {
	{ "3次", 2 }, { "2000余份", 3 }, { NULL, 0 },
};

static const char *const nosec_b[] = {
	"白沙镇2020年度法治政府建设工作总结", "本年度，我镇",
	"白沙镇人民政府", NULL,
};

static const char *const nostat_b[] = {
	"白沙镇2020年度法治政府建设工作总结", NULL,
};

/* C: （1） directly under 一、 (level 2), 1． under it (level 3), numbering
 * restarting under a new parent, a county, two signing bodies. */
static const char doc_c[] =
	"青川县2022年法治政府建设情况报告\n"
	"一、工作开展情况\n"
	"（1）强化学法用法\n"
	"全县组织领导干部集中学法12次。\n"
	"（2）规范行政执法\n"
	"1．健全执法制度\n"
	"修订执法制度8项。\n"
	"2．加强执法监督\n"
	"开展案卷评查3次。\n"
	"二、下一步打算\n"
	"（1）持续深化普法\n"
	"（2）提升执法水平\n"
	"中共青川县委 青川县人民政府\n"
	"2023年2月8日\n";

static const struct sec_exp secs_c[] = {
	{ 1, "一、", "工作开展情况", "一、工作开展情况", NULL },
	{ 2, "（1）", "强化学法用法", "（1）强化学法用法", NULL },
	{ 2, "（2）", "规范行政执法", "（2）规范行政执法", NULL },
	{ 3, "1．", "健全执法制度", "1．健全执法制度", NULL },
	{ 3, "2．", "加强执法监督", "2．加强执法监督", NULL },
	{ 1, "二、", "下一步打算", "二、下一步打算", NULL },
	{ 2, "（1）", "持续深化普法", "（1）持续深化普法", NULL },
	{ 2, "（2）", "提升执法水平", "（2）提升执法水平", NULL },
	{ 0, NULL, NULL, NULL, NULL },
};

static const struct stat_in stats_c[] = {
	{ "12次", 2 }, { "8项", 4 }, { "3次", 5 }, { NULL, 0 },
};

static const char *const nosec_c[] = {
	"青川县2022年法治政府建设情况报告", "中共青川县委 青川县人民政府",
	"2023年2月8日", NULL,
};

static const char *const nostat_c[] = { "2023年2月8日", NULL };

/* D: half-width (一), 1、 at level 3 under it, (1) at level 4, a comma in
 * a level-1 title. */
static const char doc_d[] =
	"柳河镇2021年法治政府建设工作报告\n"
	"一、加强组织领导，全面履行职能\n"
	"(一)健全工作机制\n"
	"1、完善议事规则\n"
	"(1)明确会议程序\n"
	"制定议事规则3项。\n"
	"(2)严格会议纪律\n"
	"2、落实学法制度\n"
	"(二)推进依法决策\n"
	"1、规范决策程序\n"
	"二、存在的问题\n";

static const struct sec_exp secs_d[] = {
	{ 1, "一、", "加强组织领导，全面履行职能",
	  "一、加强组织领导，全面履行职能", NULL },
	{ 2, "(一)", "健全工作机制", "(一)健全工作机制", NULL },
	{ 3, "1、", "完善议事规则", "1、完善议事规则", NULL },
	{ 4, "(1)", "明确会议程序", "(1)明确会议程序", NULL },
	{ 4, "(2)", "严格会议纪律", "(2)严格会议纪律", NULL },
	{ 3, "2、", "落实学法制度", "2、落实学法制度", NULL },
	{ 2, "(二)", "推进依法决策", "(二)推进依法决策", NULL },
	{ 3, "1、", "规范决策程序", "1、规范决策程序", NULL },
	{ 1, "二、", "存在的问题", "二、存在的问题", NULL },
	{ 0, NULL, NULL, NULL, NULL },
};

static const struct stat_in stats_d[] = { { "3项", 4 }, { NULL, 0 } };

static const char *const nosec_d[] = {
	"柳河镇2021年法治政府建设工作报告", NULL,
};

/* E: headings that run on into body text, a trailing 。, trailing
 * spaces; no title line, no signature. */
static const char doc_e[] =
	"一、主要工作\n"
	"（一）加强组织领导。镇党委高度重视，召开专题会议5次。\n"
	"（二）主要措施：一是完善制度，二是强化培训。\n"
	"1.规范执法行为；全年开展执法检查30次。\n"
	"（三）强化监督，规范权力运行。加强对行政权力的制约。\n"
	"二、存在的问题。\n"
	"工作推进不平衡。\n"
	"三、下一步工作打算   \n"
	"继续推进法治建设。\n";

static const struct sec_exp secs_e[] = {
	{ 1, "一、", "主要工作", "一、主要工作", NULL },
	{ 2, "（一）", "加强组织领导", "（一）加强组织领导", NULL },
	{ 2, "（二）", "主要措施", "（二）主要措施", NULL },
	{ 3, "1.", "规范执法行为", "1.规范执法行为", NULL },
	{ 2, "（三）", "强化监督，规范权力运行",
	  "（三）强化监督，规范权力运行", NULL },
	{ 1, "二、", "存在的问题", "二、存在的问题", NULL },
	{ 1, "三、", "下一步工作打算", "三、下一步工作打算", NULL },
	{ 0, NULL, NULL, NULL, NULL },
};

static const struct stat_in stats_e[] = {
	{ "5次", 2 }, { "30次", 4 }, { NULL, 0 },
};

static const char *const nosec_e[] = {
	"一是完善制度", "二是强化培训", "镇党委高度重视", NULL,
};

/* F: things that look like headings and are not. */
static const char doc_f[] =
	"云溪镇2021年法治政府建设情况报告\n"
	"县委、县政府：\n"
	"2021年，我镇围绕中心工作，扎实推进法治建设。一是加强学习，"
	"二是规范执法。\n"
	"一、主要工作\n"
	"镇党委坚持把法治建设摆在突出位置，1.健全制度，2.强化监督，"
	"取得明显成效。\n"
	"一是完善机制。二是强化培训。\n"
	"12345政务服务热线全年受理群众诉求860件。\n"
	"2.5万余份宣传资料已发放到户。\n"
	"二、存在不足\n"
	"基层法治力量薄弱。\n"
	"中共云溪镇委员会 云溪镇人民政府\n"
	"2022年3月5日\n";

static const struct sec_exp secs_f[] = {
	{ 1, "一、", "主要工作", "一、主要工作", NULL },
	{ 1, "二、", "存在不足", "二、存在不足", NULL },
	{ 0, NULL, NULL, NULL, NULL },
};

static const struct stat_in stats_f[] = {
	{ "860件", 1 }, { "2.5万余份", 1 }, { NULL, 0 },
};

static const char *const nosec_f[] = {
	"云溪镇2021年法治政府建设情况报告", "县委、县政府：",
	"2021年，我镇", "一是加强学习", "二是规范执法", "1.健全制度",
	"2.强化监督", "一是完善机制", "二是强化培训", "12345政务服务热线",
	"2.5万余份", "中共云溪镇委员会 云溪镇人民政府", "2022年3月5日", NULL,
};

static const char *const nostat_f[] = {
	"2021年，我镇", "12345政务服务热线", "2022年3月5日",
	"1.健全制度", "2.强化监督", NULL,
};

/* G: pasted from a web page, no title, no signature. */
static const char doc_g[] =
	"- 全部内容\n"
	"- 政策文件\n"
	"2022年以来，在县委、县政府的坚强领导下，石桥镇全面推进法治政府建设。"
	"现将有关情况报告如下：\n"
	"一、主要工作\n"
	"（一）深化普法宣传\n"
	"开展法治讲座8场。\n"
	"扫码在手机打开当前页\n";

static const struct sec_exp secs_g[] = {
	{ 1, "一、", "主要工作", "一、主要工作", NULL },
	{ 2, "（一）", "深化普法宣传", "（一）深化普法宣传", NULL },
	{ 0, NULL, NULL, NULL, NULL },
};

static const struct stat_in stats_g[] = { { "8场", 2 }, { NULL, 0 } };

static const char *const nosec_g[] = {
	"- 全部内容", "- 政策文件", "2022年以来", "扫码在手机打开当前页", NULL,
};

static const char *const nostat_g[] = { "2022年以来", NULL };

/* H: a title after web-page noise lines. */
static const char doc_h[] =
	"- 全部内容\n"
	"- 政策文件\n"
	"红岭镇2023年法治政府建设年度报告\n"
	"2023年，红岭镇坚持依法行政，法治政府建设取得新成效。\n"
	"一、主要工作\n"
	"全年办理行政复议案件4件。\n"
	"红岭镇人民政府\n"
	"2024年1月15日\n";

static const struct sec_exp secs_h[] = {
	{ 1, "一、", "主要工作", "一、主要工作", NULL },
	{ 0, NULL, NULL, NULL, NULL },
};

static const struct stat_in stats_h[] = { { "4件", 1 }, { NULL, 0 } };

static const char *const nosec_h[] = {
	"- 全部内容", "红岭镇2023年法治政府建设年度报告", "红岭镇人民政府",
	"2024年1月15日", NULL,
};

static const char *const nostat_h[] = {
	"红岭镇2023年法治政府建设年度报告", "2023年，红岭镇",
	"2024年1月15日", NULL,
};

/* I: no title, the year from the opening, the region from a signing body
 * that names its county too; a year inside a heading. */
static const char doc_i[] =
	"2020年，南山镇人民政府围绕县委、县政府中心工作，扎实推进法治政府建设。\n"
	"一、2020年法治政府建设情况\n"
	"(一)加强组织领导，统筹法治建设\n"
	"召开专题会议4次。\n"
	"梅岭县南山镇人民政府\n"
	"2021年2月25日\n";

static const struct sec_exp secs_i[] = {
	{ 1, "一、", "2020年法治政府建设情况", "一、2020年法治政府建设情况",
	  NULL },
	{ 2, "(一)", "加强组织领导，统筹法治建设",
	  "(一)加强组织领导，统筹法治建设", NULL },
	{ 0, NULL, NULL, NULL, NULL },
};

static const struct stat_in stats_i[] = { { "4次", 2 }, { NULL, 0 } };

static const char *const nosec_i[] = {
	"2020年，南山镇", "梅岭县南山镇人民政府", "2021年2月25日", NULL,
};

static const char *const nostat_i[] = {
	"2020年，南山镇", "2020年法治政府建设情况", "2021年2月25日", NULL,
};

/* S: numbering that skips, at level 2 and at level 1. */
static const char doc_s[] =
	"一、主要工作\n"
	"（一）加强领导\n"
	"召开会议2次。\n"
	"（二）规范执法\n"
	"（四）化解纠纷\n"
	"三、存在问题\n";

static const struct sec_exp secs_s[] = {
	{ 1, "一、", "主要工作", "一、主要工作", NULL },
	{ 2, "（一）", "加强领导", "（一）加强领导", NULL },
	{ 2, "（二）", "规范执法", "（二）规范执法", NULL },
	{ 2, "（四）", "化解纠纷", "（四）化解纠纷", "numbering-skip" },
	{ 1, "三、", "存在问题", "三、存在问题", "numbering-skip" },
	{ 0, NULL, NULL, NULL, NULL },
};

static const struct stat_in stats_s[] = { { "2次", 2 }, { NULL, 0 } };

/* R: numbering that repeats. */
static const char doc_r[] =
	"一、主要工作\n"
	"（一）加强领导\n"
	"（二）规范执法\n"
	"（二）化解纠纷\n"
	"二、存在问题\n"
	"二、下一步打算\n";

static const struct sec_exp secs_r[] = {
	{ 1, "一、", "主要工作", "一、主要工作", NULL },
	{ 2, "（一）", "加强领导", "（一）加强领导", NULL },
	{ 2, "（二）", "规范执法", "（二）规范执法", NULL },
	{ 2, "（二）", "化解纠纷", "（二）化解纠纷", "numbering-repeat" },
	{ 1, "二、", "存在问题", "二、存在问题", NULL },
	{ 1, "二、", "下一步打算", "二、下一步打算", "numbering-repeat" },
	{ 0, NULL, NULL, NULL, NULL },
};

/* M: the marker style changes within a level: (一) then （二）. */
static const char doc_m[] =
	"一、主要工作\n"
	"(一)加强领导\n"
	"（二）规范执法\n"
	"（三）化解纠纷\n"
	"二、存在问题\n";

static const struct sec_exp secs_m[] = {
	{ 1, "一、", "主要工作", "一、主要工作", NULL },
	{ 2, "(一)", "加强领导", "(一)加强领导", NULL },
	{ 2, "（二）", "规范执法", "（二）规范执法", "marker-style" },
	{ 2, "（三）", "化解纠纷", "（三）化解纠纷", "*" },
	{ 1, "二、", "存在问题", "二、存在问题", NULL },
	{ 0, NULL, NULL, NULL, NULL },
};

/* N: 1、 at the top, then 二、; （1）（2） then （三）; spaces after
 * markers. */
static const char doc_n[] =
	"官溪镇2020年度法治政府建设情况总结\n"
	"\n"
	"1、 主要工作情况\n"
	"（1） 加强组织领导，全面履行政府职能\n"
	"成立工作领导小组。\n"
	"（2） 依法推进重点领域整治\n"
	"（三） 推进法治宣传教育\n"
	"（四） 维护基层社会稳定\n"
	"二、 存在的问题和不足\n"
	"三、 下一步工作打算\n"
	"                                    官溪镇人民政府\n";

static const struct sec_exp secs_n[] = {
	{ 1, "1、", "主要工作情况", "1、 主要工作情况", NULL },
	{ 2, "（1）", "加强组织领导，全面履行政府职能",
	  "（1） 加强组织领导，全面履行政府职能", NULL },
	{ 2, "（2）", "依法推进重点领域整治", "（2） 依法推进重点领域整治",
	  NULL },
	{ 2, "（三）", "推进法治宣传教育", "（三） 推进法治宣传教育",
	  "marker-style" },
	{ 2, "（四）", "维护基层社会稳定", "（四） 维护基层社会稳定", "*" },
	{ 1, "二、", "存在的问题和不足", "二、 存在的问题和不足",
	  "marker-style" },
	{ 1, "三、", "下一步工作打算", "三、 下一步工作打算", "*" },
	{ 0, NULL, NULL, NULL, NULL },
};

/* CR: CRLF newlines; every CR counts as a code point. */
static const char doc_cr[] =
	"柏林镇2021年法治政府建设情况报告\r\n"
	"一、主要工作\r\n"
	"（一）加强领导\r\n"
	"全年办理行政执法案件12件。\r\n"
	"二、存在问题\r\n"
	"柏林镇人民政府\r\n"
	"2022年1月6日\r\n";

static const struct sec_exp secs_cr[] = {
	{ 1, "一、", "主要工作", "一、主要工作", NULL },
	{ 2, "（一）", "加强领导", "（一）加强领导", NULL },
	{ 1, "二、", "存在问题", "二、存在问题", NULL },
	{ 0, NULL, NULL, NULL, NULL },
};

static const struct stat_in stats_cr[] = { { "12件", 2 }, { NULL, 0 } };

static const char *const nostat_cr[] = { "2022年1月6日", NULL };

static const struct stat_in no_stats[] = { { NULL, 0 } };
static const char *const none[] = { NULL };

static const struct doc_case docs[] = {
	{ "a.txt", doc_a, secs_a, stats_a, nosec_a, nostat_a, true,
	  "青石镇2021年法治政府建设情况报告", "青石镇人民政府", "青石镇",
	  2021, "2022-01-10" },
	{ "b.txt", doc_b, secs_b, stats_b, nosec_b, nostat_b, true,
	  "白沙镇2020年度法治政府建设工作总结", "白沙镇人民政府", "白沙镇",
	  2020, NULL },
	{ "c.txt", doc_c, secs_c, stats_c, nosec_c, nostat_c, true,
	  "青川县2022年法治政府建设情况报告", "中共青川县委 青川县人民政府",
	  "青川县", 2022, "2023-02-08" },
	{ "d.txt", doc_d, secs_d, stats_d, nosec_d, none, true,
	  "柳河镇2021年法治政府建设工作报告", NULL, "柳河镇", 2021, NULL },
	{ "e.txt", doc_e, secs_e, stats_e, nosec_e, none, true,
	  NULL, NULL, NULL, 0, NULL },
	{ "f.txt", doc_f, secs_f, stats_f, nosec_f, nostat_f, true,
	  "云溪镇2021年法治政府建设情况报告",
	  "中共云溪镇委员会 云溪镇人民政府", "云溪镇", 2021, "2022-03-05" },
	{ "g.txt", doc_g, secs_g, stats_g, nosec_g, nostat_g, true,
	  NULL, NULL, "石桥镇", 2022, NULL },
	{ "h.txt", doc_h, secs_h, stats_h, nosec_h, nostat_h, true,
	  "红岭镇2023年法治政府建设年度报告", "红岭镇人民政府", "红岭镇",
	  2023, "2024-01-15" },
	{ "i.txt", doc_i, secs_i, stats_i, nosec_i, nostat_i, true,
	  NULL, "梅岭县南山镇人民政府", "南山镇", 2020, "2021-02-25" },
	{ "s.txt", doc_s, secs_s, stats_s, none, none, false,
	  NULL, NULL, NULL, 0, NULL },
	{ "r.txt", doc_r, secs_r, no_stats, none, none, false,
	  NULL, NULL, NULL, 0, NULL },
	{ "m.txt", doc_m, secs_m, no_stats, none, none, false,
	  NULL, NULL, NULL, 0, NULL },
	{ "n.txt", doc_n, secs_n, no_stats, none, none, true,
	  "官溪镇2020年度法治政府建设情况总结", "官溪镇人民政府", "官溪镇",
	  2020, NULL },
	{ "crlf.txt", doc_cr, secs_cr, stats_cr, none, nostat_cr, true,
	  "柏林镇2021年法治政府建设情况报告", "柏林镇人民政府", "柏林镇",
	  2021, "2022-01-06" },
};

/* ------------------------------------------------------------ checks */

static void list_sections(const sy_annot *a)
{
	for (size_t i = 0; i < a->nsections; i++) {
		const sy_section *s = &a->sections[i];
		diag("  %s: level %d \"%s\" \"%s\" [%zu,%zu)",
		     s->id ? s->id : "(null)", s->level,
		     s->marker ? s->marker : "(null)",
		     s->title ? s->title : "(null)", s->start, s->end);
	}
}

static void check_sections(const struct doc_case *d, const sy_annot *a)
{
	size_t want = 0;
	bool good = true;
	char id[32];

	while (d->secs[want].level)
		want++;
	if (!ok(a->nsections == want, "%s: %zu sections", d->name, want)) {
		diag("  got %zu", a->nsections);
		list_sections(a);
	}
	for (size_t i = 0; i < want; i++) {
		const struct sec_exp *e = &d->secs[i];
		const sy_section *s;
		size_t ws, we;
		if (!cp_find(d->text, e->span, &ws, &we)) {
			ok(0, "table error: %s: '%s' not in the text", d->name,
			   e->span);
			continue;
		}
		if (i >= a->nsections) {
			ok(0, "%s: section '%s' (missing)", d->name, e->span);
			continue;
		}
		s = &a->sections[i];
		if (!ok(s->level == e->level, "%s: '%s' at level %d", d->name,
			e->span, e->level))
			diag("  got level %d", s->level);
		is_str(s->marker, e->marker, "%s: '%s' marker %s", d->name,
		       e->span, e->marker);
		is_str(s->title, e->title, "%s: '%s' title %s", d->name,
		       e->span, e->title);
		if (!ok(s->start == ws, "%s: '%s' starts at code point %zu",
			d->name, e->span, ws))
			diag("  got start %zu", s->start);
		if (!ok(s->end == we, "%s: '%s' ends at code point %zu",
			d->name, e->span, we))
			diag("  got end %zu", s->end);
		if (e->anomaly && strcmp(e->anomaly, "*") == 0)
			continue;
		{
			bool right = true;
			for (size_t t = 0; t < 3; t++) {
				bool want_t = e->anomaly &&
					strcmp(e->anomaly, anomaly_tags[t]) == 0;
				if (sy_tags_has(&s->r.tags, anomaly_tags[t]) !=
				    want_t) {
					right = false;
					diag("  %s: %s", anomaly_tags[t],
					     want_t ? "missing" : "unexpected");
				}
			}
			ok(right, "%s: '%s' anomaly tags: %s", d->name,
			   e->span, e->anomaly ? e->anomaly : "none");
		}
	}
	for (size_t i = 0; i < a->nsections; i++) {
		snprintf(id, sizeof id, "s%zu", i + 1);
		if (!a->sections[i].id || strcmp(a->sections[i].id, id) != 0 ||
		    a->sections[i].r.status != SY_PENDING ||
		    (i > 0 && a->sections[i].start < a->sections[i - 1].start))
			good = false;
	}
	ok(good, "%s: sections pending, ids s1..s%zu in start order", d->name,
	   a->nsections);
}

static void check_stats(const struct doc_case *d, const sy_annot *a)
{
	char id[32];
	bool good = true;

	for (const struct stat_in *e = d->stats; e->text; e++) {
		const sy_stat *st = NULL;
		size_t ws, we;
		for (size_t i = 0; i < a->nstats; i++)
			if (a->stats[i].text &&
			    strcmp(a->stats[i].text, e->text) == 0) {
				st = &a->stats[i];
				break;
			}
		if (!cp_find(d->text, e->text, &ws, &we)) {
			ok(0, "table error: %s: '%s' not in the text", d->name,
			   e->text);
			continue;
		}
		if (!st) {
			ok(0, "%s: statistic '%s' proposed", d->name, e->text);
			continue;
		}
		if (!ok(st->start == ws && st->end == we,
			"%s: statistic '%s' at [%zu,%zu)", d->name, e->text, ws,
			we))
			diag("  got [%zu,%zu)", st->start, st->end);
		if (e->section == 0) {
			is_str(st->section, NULL,
			       "%s: statistic '%s' before any section", d->name,
			       e->text);
		} else {
			snprintf(id, sizeof id, "s%d", e->section);
			is_str(st->section, id, "%s: statistic '%s' in %s (%s)",
			       d->name, e->text, id,
			       d->secs[e->section - 1].span);
		}
	}
	for (size_t i = 0; i < a->nstats; i++) {
		snprintf(id, sizeof id, "n%zu", i + 1);
		if (!a->stats[i].id || strcmp(a->stats[i].id, id) != 0 ||
		    a->stats[i].r.status != SY_PENDING ||
		    (i > 0 && a->stats[i].start < a->stats[i - 1].start))
			good = false;
	}
	ok(good, "%s: statistics pending, ids n1..n%zu in start order", d->name,
	   a->nstats);
}

static void check_not_sections(const struct doc_case *d, const sy_annot *a)
{
	for (const char *const *p = d->not_sections; *p; p++) {
		size_t ns, ne;
		bool clean = true;
		if (!cp_find(d->text, *p, &ns, &ne)) {
			ok(0, "table error: %s: '%s' not in the text", d->name,
			   *p);
			continue;
		}
		for (size_t i = 0; i < a->nsections; i++) {
			const sy_section *s = &a->sections[i];
			if (s->start < ne && ns < s->end) {
				clean = false;
				diag("  overlapping: %s \"%s\" [%zu,%zu)",
				     s->marker ? s->marker : "(null)",
				     s->title ? s->title : "(null)", s->start,
				     s->end);
			}
		}
		ok(clean, "%s: '%s' is not a section", d->name, *p);
	}
}

static void check_not_stats(const struct doc_case *d, const sy_annot *a)
{
	for (const char *const *p = d->not_stats; *p; p++) {
		size_t ns, ne;
		if (!cp_find(d->text, *p, &ns, &ne)) {
			ok(0, "table error: %s: '%s' not in the text", d->name,
			   *p);
			continue;
		}
		ok(no_stat_in(a, ns, ne), "%s: no statistic in '%s'", d->name,
		   *p);
	}
}

static void check_doc(const struct doc_case *d, const sy_annot *a)
{
	is_str(a->doc.title, d->title, "%s: document title %s", d->name,
	       d->title ? d->title : "null");
	is_str(a->doc.issuer, d->issuer, "%s: document issuer %s", d->name,
	       d->issuer ? d->issuer : "null");
	is_str(a->doc.region, d->region, "%s: document region %s", d->name,
	       d->region ? d->region : "null");
	if (!ok(a->doc.year == d->year, "%s: document year %d", d->name,
		d->year))
		diag("  got %d", a->doc.year);
	is_str(a->doc.date, d->date, "%s: document date %s", d->name,
	       d->date ? d->date : "null");
	ok(a->doc.status == SY_PENDING, "%s: document pending", d->name);
}

static void test_docs(void)
{
	size_t n = sizeof docs / sizeof docs[0];
	for (size_t i = 0; i < n; i++) {
		const struct doc_case *d = &docs[i];
		sy_annot a;
		sy_error err;
		sy_status rc;

		memset(&err, 0, sizeof err);
		sy_annot_init(&a);
		rc = sy_extract_text(d->name, d->text, strlen(d->text), &a,
				     &err);
		if (!ok(rc == SY_OK, "%s: extracted", d->name)) {
			diag("  %s", err.msg);
			continue;
		}
		is_str(a.source.path, d->name, "%s: source.path", d->name);
		if (!ok(a.source.chars == cp_len(d->text),
			"%s: source.chars %zu", d->name, cp_len(d->text)))
			diag("  got %zu", a.source.chars);
		check_sections(d, &a);
		check_stats(d, &a);
		check_not_sections(d, &a);
		check_not_stats(d, &a);
		if (d->check_doc)
			check_doc(d, &a);
		sy_annot_free(&a);
	}
}

/* The CRLF case by hand: offsets after the first line count its CR. */
static void test_crlf_offsets(void)
{
	static const char text[] = "一、主要工作\r\n（一）加强领导\r\n"
				   "办理案件12件。\r\n";
	sy_annot a;
	sy_error err;

	memset(&err, 0, sizeof err);
	sy_annot_init(&a);
	if (!ok(sy_extract_text("crlf2.txt", text, strlen(text), &a, &err) ==
		SY_OK, "crlf2: extracted")) {
		diag("  %s", err.msg);
		return;
	}
	ok(a.nsections == 2, "crlf2: 2 sections");
	if (a.nsections >= 2) {
		ok(a.sections[0].start == 0 && a.sections[0].end == 6,
		   "crlf2: 一、主要工作 at [0,6)");
		ok(a.sections[1].start == 8 && a.sections[1].end == 15,
		   "crlf2: （一）加强领导 at [8,15) (CR counted)");
		is_str(a.sections[1].title, "加强领导",
		       "crlf2: title without CR");
	}
	ok(a.nstats == 1 && a.stats[0].start == 21 && a.stats[0].end == 24,
	   "crlf2: 12件 at [21,24)");
	ok(a.nstats == 1 && a.stats[0].section &&
	   strcmp(a.stats[0].section, "s2") == 0, "crlf2: 12件 in s2");
	ok(a.source.chars == 27, "crlf2: 27 code points");
	sy_annot_free(&a);
}

int main(void)
{
	test_docs();
	test_crlf_offsets();
	return tap_done();
}
