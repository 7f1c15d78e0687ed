/* test_unseen_facts.c - document facts and sections of report openings the
 * project has never seen (issue 12, second round): one case per rule,
 * sentences and small openings written for this test (place names
 * invented), run through sy_chrome_line and sy_extract_text.
 *
 * Kinds:
 *   chrome  - a line of page furniture told by its shape (menus, bullets,
 *             bracketed metadata keys, counters), and report lines that
 *             are not furniture;
 *   last    - the report's own title is the last title line above the
 *             body: a page header repeats it, a document site puts a
 *             blurb between the two, a metadata row carries it first;
 *   deep    - the title far down a page, past a long menu of links;
 *   issuers - the bodies that sign a joint report, on lines of their own
 *             above 关于… or on one line parted by a space;
 *   flat    - a title flattened into the first line after a site banner;
 *   notitle - openings with no title line: the body, an addressee;
 *   region  - the region from the title, the opening sentence; null when
 *             the opening names none;
 *   year    - the year from the title, else the opening;
 *   sec     - headings of a paragraph that lost its line breaks (after a
 *             full stop or 如下：), and what is not a heading there.
 *
 * Rules: ../../shared/guidelines.md ("Document", "Sections").
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "extract/title.h"
#include "base/utf8.h"
#include "tap.h"
#include "unseen_run.h"

/* ------------------------------------------------------- chrome lines */

struct chrome_case {
	const char *line;
	bool chrome;
};

static const struct chrome_case CHROME[] = {
	{ "您当前所在位置：首页 > 政务公开 > 年度报告", true },
	{ "首页 >> 信息公开 >> 总结报告 >> 正文", true },
	{ "[ 索引号 ] 1150-2026-00001 [ 发文字号 ]", true },
	{ "[ 发布机构 ] 石门乡人民政府", true },
	{ "  • 索 引 号：3704/2026-00156", true },
	{ "  • 主题分类：法治政府建设", true },
	{ "- 发布日期：2026-01-21", true },
	{ "- 名 称：青禾镇2025年法治政府建设工作 年度报告", true },
	{ "浏览：512次 时间：2022-12-07 来源：本站", true },
	{ "日期：2023年05月11日   作者：党政办   来源：石门乡    点击：[]", true },
	{ "2024-01-21 08:55     来源：东岭县人民政府办公室", true },
	{ "繁体丨 简体 丨 无障碍丨 网站地图", true },
	{ "关怀版 网站支持IPv6", false },
	{ "稿件来源：县政府办公室 作者： 发布时间： 2023-04-02 | 打印 |", true },
	{ "【字体： 打印", true },
	{ "青禾镇2023年法治政府建设情况.docx", true },
	{ "时间：2023-05-07 17:15:05 公文范文 来源：网友投稿", true },
	{ "2025-04-27 10:14 某省人民政府网", true },
	{ "青禾镇2023年度法治政府建设工作报告", false },
	{ "2023年，青禾镇坚持依法行政，全面推进法治政府建设，取得了新的成效，"
	  "为全镇经济社会发展提供了有力保障。", false },
	{ "中共东岭县石门乡委员会", false },
	{ "关于2025年度法治政府建设情况的报告", false },
	{ "一、主要举措和成效", false },
	{ "区委、区政府：", false },
};

static void test_chrome(void)
{
	for (size_t i = 0; i < sizeof CHROME / sizeof *CHROME; i++) {
		const struct chrome_case *c = &CHROME[i];
		uint32_t cp[256];
		size_t n = 0;
		const char *p = c->line;
		while (*p && n < 256) {
			uint32_t u;
			size_t k = sy_utf8_decode((const unsigned char *)p, strlen(p), &u);
			if (k == 0)
				break;
			cp[n++] = u;
			p += k;
		}
		ok(sy_chrome_line(cp, n) == c->chrome, "chrome %zu: %s is %s", i,
		   c->line, c->chrome ? "chrome" : "report text");
	}
}

/* ------------------------------------------------------- document facts */

static const struct doc_case DOCS[] = {
	/* the report's own title: the last title line above the body */
	{ "last", "东岭县石门乡2022年度法治政府建设 工作报告\n浏览：88次 时间：2022-12-07 来源：本站\n"
	  "石门乡2022年度法治政府建设工作报告\n在县委的领导下，石门乡依法行政，成效明显。\n",
	  "石门乡2022年度法治政府建设工作报告", "石门乡", 2022 },
	{ "last", "2023年区五年法治政府建设工作情况报告\n时间：2023-05-07 17:15:05 公文范文\n"
	  "下面是小编为大家整理的2023年区五年法治政府建设工作情况报告，供大家参考。\n"
	  "南湖区五年法治政府建设工作情况的报告\n五年来，南湖区严格依法行政。\n",
	  "南湖区五年法治政府建设工作情况的报告", "南湖区", 2023 },
	{ "last", "下面是小编为大家整理的法治政府建设工作总结，供大家参考。\n"
	  "青禾镇2021年法治政府建设工作总结\n2021年，青禾镇依法行政。\n",
	  "青禾镇2021年法治政府建设工作总结", "青禾镇", 2021 },
	{ "last", "  • 736900/2024-000700\n  • 东岭县司法局关于2023年法治政府建设情况的报告\n"
	  "东岭县司法局关于2023年法治政府建设情况的报告\n日期：2024-03-04 15:06 来源：办公室\n"
	  "2023年，县司法局坚持依法行政。\n",
	  "东岭县司法局关于2023年法治政府建设情况的报告", "东岭县", 2023 },
	{ "last", "  • 云溪街道2024年法治政府建设年度报告\n2024年，云溪街道依法履职。\n",
	  "云溪街道2024年法治政府建设年度报告", "云溪街道", 2024 },
	{ "last", "白沙旗2022年法治政府建设报告\n来源：白沙旗 发布时间：2023-02-01 10:00\n"
	  "白沙旗2022年法治政府建设报告\n2022年，白沙旗依法行政。\n",
	  "白沙旗2022年法治政府建设报告", "白沙旗", 2022 },
	{ "last", "北岸苏木2021年法治政府建设工作\n年度报告\n2021年，北岸苏木依法行政，"
	  "各项工作取得新进展。\n",
	  "北岸苏木2021年法治政府建设工作年度报告", "北岸苏木", 2021 },
	{ "last", "- 名 称：青禾镇2025年法治政府建设工作 年度报告\n- 发布日期：2026-01-21\n"
	  "青禾镇2025年法治政府建设工作\n年度报告\n在县委的领导下，青禾镇依法行政，成效明显。\n",
	  "青禾镇2025年法治政府建设工作年度报告", "青禾镇", 2025 },
	{ "last", "石门乡2020年法治政府建设情况报告\n2020年，石门乡依法行政，全年办结案件12件。\n"
	  "全乡上下共同努力，各项工作有序推进，法治建设成效明显。\n石门乡2020年工作情况\n",
	  "石门乡2020年法治政府建设情况报告", "石门乡", 2020 },
	{ "last", "龙井瑶族乡2023年法治政府建设情况报告\n2023年，龙井瑶族乡依法行政。\n"
	  "一、主要工作\n龙井瑶族乡2023年普法工作报告\n",
	  "龙井瑶族乡2023年法治政府建设情况报告", "龙井瑶族乡", 2023 },
	/* the title far down the page, past a menu of links */
	{ "deep", "繁体丨 简体 丨 无障碍丨 网站地图\n  • 首页\n  • 魅力青禾\n  • 青禾新闻\n"
	  "  • 政务公开\n  • 服务大厅\n  • 政民互动\n  • 休闲青禾\n  • 投资青禾\n"
	  "当前位置： 信息公开首页 > 政务公开 > 镇街 > 青禾镇\n  • 索 引 号：3704/2026-1\n"
	  "  • 主题分类：法治政府建设\n  • 发布机构：青禾镇\n  • 成文时间：2026年01月28日\n"
	  "  • 文  号：无\n  • 发文时间：2026年01月28日\n"
	  "  • 标  题：南湖区青禾镇2025年度法治政府建设情况报告\n  • 效力状态：有效\n\n"
	  "南湖区青禾镇2025年度法治政府建设情况报告\n\n今年以来，青禾镇依法行政，成效明显。\n",
	  "南湖区青禾镇2025年度法治政府建设情况报告", "青禾镇", 2025 },
	{ "deep", "首页\n新闻中心\n政务公开\n办事服务\n互动交流\n专题专栏\n走进石门\n"
	  "通知公告\n政策文件\n规划计划\n人事信息\n财政信息\n统计信息\n应急管理\n"
	  "工作报告\n法治建设\n石门乡2024年法治政府建设年度报告\n2024年，石门乡依法行政。\n",
	  "石门乡2024年法治政府建设年度报告", "石门乡", 2024 },
	{ "deep", "[ 索引号 ] 1150-2026-00004 [ 发文字号 ]\n[ 主题分类 ] 司法 [ 体裁分类 ] 工作报告\n"
	  "[ 发布机构 ] 东岭县石门乡人民政府 [ 有效性 ]\n[ 成文日期 ] 2026-01-22 [ 发布日期 ] 2026-02-10\n"
	  "[ 索引号 ] 1150-2026-00004\n[ 发文字号 ]\n[ 主题分类 ] 司法\n[ 体裁分类 ] 工作报告\n"
	  "[ 发布机构 ] 东岭县石门乡人民政府\n[ 有效性 ]\n[ 成文日期 ] 2026-01-22\n"
	  "[ 发布日期 ] 2026-02-10\n\n东岭县石门乡人民政府2025年法治政府建设情况报告\n\n"
	  "2025年，在县委的坚强领导下，乡党委、政府依法行政。\n",
	  "东岭县石门乡人民政府2025年法治政府建设情况报告", "石门乡", 2025 },
	/* the bodies that sign a joint report */
	{ "issuers", "中共南湖区云溪街道工作委员会\n南湖区人民政府云溪街道办事处\n"
	  "关于2025年度法治政府建设情况的报告\n区委、区政府：\n2025年，云溪街道依法履职。\n",
	  "中共南湖区云溪街道工作委员会 南湖区人民政府云溪街道办事处关于2025年度法治政府建设情况的报告",
	  "云溪街道", 2025 },
	{ "issuers", "中共东岭县委 东岭县人民政府\n关于2022年法治政府建设情况的报告\n"
	  "2022年，东岭县依法行政。\n",
	  "中共东岭县委 东岭县人民政府关于2022年法治政府建设情况的报告", "东岭县", 2022 },
	{ "issuers", "中共石门乡委员会 石门乡人民政府关于2023年度法治政府建设情况的报告\n"
	  "2023年，石门乡依法行政。\n",
	  "中共石门乡委员会 石门乡人民政府关于2023年度法治政府建设情况的报告", "石门乡", 2023 },
	{ "issuers", "中共青禾镇委员会\n青禾镇人民政府\n关于2021年度法治政府建设工作的报告\n"
	  "2021年，青禾镇依法行政。\n",
	  "中共青禾镇委员会 青禾镇人民政府关于2021年度法治政府建设工作的报告", "青禾镇", 2021 },
	{ "issuers", "南湖区人民政府\n2021年度法治政府建设情况报告\n2021年，南湖区依法行政。\n",
	  "南湖区人民政府2021年度法治政府建设情况报告", "南湖区", 2021 },
	{ "issuers", "首页 >> 信息公开 >> 公示公告 >> 正文\n南湖区人民政府2021年度法治政府建设情况报告\n"
	  "2022-03-29 17:13:17 来源： 南湖区司法局 打印\n南湖区人民政府\n\n"
	  "2021年度法治政府建设情况报告\n2021年，南湖区依法行政。\n",
	  "南湖区人民政府2021年度法治政府建设情况报告", "南湖区", 2021 },
	{ "issuers", "石门乡人民政府关于 2020 年度法治政府建设情况的报告\n2020年，石门乡依法行政。\n",
	  "石门乡人民政府关于2020年度法治政府建设情况的报告", "石门乡", 2020 },
	{ "issuers", "东岭县人民政府办公室\n关于2022年度法治政府建设情况的报告\n"
	  "2022年，县政府办依法履职。\n",
	  "东岭县人民政府办公室关于2022年度法治政府建设情况的报告", "东岭县", 2022 },
	/* a title flattened into the first line after a site banner */
	{ "flat", "某某文库—每日更新www.example.com青禾镇人民政府关于2023年度法治政府建设情况的报告"
	  "2023年，青禾镇坚持依法行政，成效明显。一、主要工作\n",
	  "青禾镇人民政府关于2023年度法治政府建设情况的报告", "青禾镇", 2023 },
	{ "flat", "范文网 www.example.net 石门乡2022年法治政府建设工作报告2022年，石门乡依法行政。\n",
	  "石门乡2022年法治政府建设工作报告", "石门乡", 2022 },
	{ "flat", "2022年，石门乡依法行政，报告2022年，全乡办结案件12件，成效明显。\n",
	  NULL, "石门乡", 2022 },
	{ "flat", "2022年，石门乡依法行政，现将有关情况报告如下。\n", NULL, "石门乡", 2022 },
	{ "flat", "本站整理www.example.com法治政府建设工作报告2022年，我镇依法行政。\n",
	  NULL, NULL, 2022 },
	/* no title line: the body, an addressee */
	{ "notitle", "市委全面依法治市委员会：\n2025年，石门乡法治政府建设工作在市委的领导下"
	  "有序推进。现将一年来工作情况报告如下：\n一、工作总体情况\n",
	  NULL, "石门乡", 2025 },
	{ "notitle", "中共东岭县委、东岭县人民政府：\n2022年，在县委、县政府的正确领导下，"
	  "我镇坚持依法行政。现将我镇今年法治政府建设工作情况报告如下：\n"
	  "一、2022年度法治政府建设的主要举措和成效\n",
	  NULL, NULL, 2022 },
	{ "notitle", "2023年度，云溪街道坚持依法行政，全面建设法治政府。现将街道2023年度"
	  "法治政府建设情况报告如下。\n一、主要举措和成效\n",
	  NULL, "云溪街道", 2023 },
	{ "notitle", "县委全面依法治县委员会办公室：\n2025年，白沙乡在县委、县政府的坚强领导下，"
	  "依法全面履行政府职能。\n",
	  NULL, "白沙乡", 2025 },
	{ "notitle", "国务院：\n2018年，全省各级政府依法行政，法治政府建设取得新成效。\n",
	  NULL, NULL, 2018 },
	/* region: from the title, the opening; null when none is named */
	{ "region", "共和乡2022年度法治政府建设工作报告\n在区委的领导下，共和乡党委、政府依法行政。\n",
	  "共和乡2022年度法治政府建设工作报告", "共和乡", 2022 },
	{ "region", "新华乡2025年法治政府建设工作情况报告\n县委全面依法治县委员会办公室：\n"
	  "2025年，新华乡在县委的领导下依法行政。\n",
	  "新华乡2025年法治政府建设工作情况报告", "新华乡", 2025 },
	{ "region", "五年来，*区严格落实法治建设第一责任人职责，全面推进依法行政。\n",
	  NULL, NULL, 0 },
	{ "region", "2020年，全省各级政府坚持依法行政，为经济社会发展提供了有力保障。\n",
	  NULL, NULL, 2020 },
	{ "region", "今年以来，我镇坚持依法行政，以法治思维推动各项工作。\n", NULL, NULL, 0 },
	{ "region", "2024年，石门乡党委、政府深入学习贯彻法治思想，推进依法行政。\n",
	  NULL, "石门乡", 2024 },
	{ "region", "2024年，青禾街坚持依法行政，全面推进法治建设。\n", NULL, "青禾街", 2024 },
	{ "region", "在区委的领导下，海湾街深入推进依法行政。\n", NULL, "海湾街", 0 },
	{ "region", "2024年，步行街面貌焕然一新，群众满意。\n", NULL, NULL, 2024 },
	{ "region", "2024年，沿街商铺全部纳入网格管理。\n", NULL, NULL, 2024 },
	{ "region", "2023年，街道坚持依法行政。\n", NULL, NULL, 2023 },
	/* year: the title's, else the opening's */
	{ "year", "青禾镇法治政府建设年度报告（2024年度）\n今年以来，青禾镇依法行政。\n",
	  "青禾镇法治政府建设年度报告（2024年度）", "青禾镇", 2024 },
	{ "year", "2025年，在区委的坚强领导下，云溪街道坚持依法行政，现将工作情况汇报如下。\n",
	  NULL, "云溪街道", 2025 },
	{ "year", "  2023年，东岭县坚持依法行政。\n", NULL, "东岭县", 2023 },
};

static void test_docs(void)
{
	unseen_docs(DOCS, sizeof DOCS / sizeof *DOCS);
}

/* ------------------------------------------------------------ sections */

/* A paragraph of a page, 105 code points, no stop in it; PAGE_T the
 * same as a title runs on (to the line's end). */
#define PAGE_P "全镇依法行政各项工作稳步推进法治建设取得新成效"
#define PAGE PAGE_P PAGE_P PAGE_P PAGE_P PAGE_P
#define PAGE_T PAGE

/* WANT: the sections as "level marker title" separated by "; ". */
static const struct sec_case SECS[] = {
	/* a paragraph that lost its line breaks: 一、 after a full stop */
	{ "sec", "现将有关情况报告如下。一、加强组织领导。成立领导小组。二、规范行政执法。"
	  "开展培训2期。\n",
	  "1 一、 加强组织领导; 1 二、 规范行政执法" },
	{ "sec", "现将情况报告如下：一、落实集体学法全年学法4次。二、依法出庭应诉共2次。\n",
	  "1 一、 落实集体学法全年学法4次; 1 二、 依法出庭应诉共2次" },
	{ "sec", "现将情况报告如下:一、落实集体学法。全年学法4次。\n",
	  "1 一、 落实集体学法" },
	{ "sec", "法治保障更加有力。一、坚持党的领导，压实法治责任。一是学习。二是落实。\n",
	  "1 一、 坚持党的领导，压实法治责任" },
	{ "sec", "全年无重大事故。二、规范行政执法。开展培训。\n", "" },
	{ "sec", "一、主要工作\n全年无重大事故。二、规范行政执法。开展培训。\n",
	  "1 一、 主要工作; 1 二、 规范行政执法" },
	{ "sec", "成效明显。（一）加强学习。组织学法。\n", "" },
	{ "sec", "成效明显。1.加强学习。组织学法。\n", "" },
	{ "sec", "成效明显。一是加强学习，二是规范执法。\n", "" },
	{ "sec", "网格管理成效明显。一、二级网格全部覆盖。\n", "" },
	{ "sec", "主要做法如下，一、加强学习。\n", "" },
	{ "sec", "一、主要工作\n组织学法。二、存在问题。三、下步打算。\n",
	  "1 一、 主要工作; 1 二、 存在问题; 1 三、 下步打算" },
	{ "sec", "一、主要工作\n组织学法。三、下步打算。\n", "1 一、 主要工作" },
	/* a subheading glued to the heading before it */
	{ "sec", "现将情况报告如下：一、主要做法（一）加强政务公开一是完善制度。\n",
	  "1 一、 主要做法; 2 （一） 加强政务公开一是完善制度" },
	{ "sec", "一、主要做法(一)规范执法\n(二)强化监督\n",
	  "1 一、 主要做法; 2 (一) 规范执法; 2 (二) 强化监督" },
	{ "sec", "一、落实(一)号文件精神\n", "1 一、 落实(一)号文件精神" },
	{ "sec", "一、开展“三个(一)”活动\n", "1 一、 开展“三个(一)”活动" },
	/* a document site's page numbers 1、 2、 at the start of each page */
	{ "sec", "1、青禾镇2023年度法治政府建设情况报告及2024年工作方案青禾镇2023年度"
	  "法治政府建设情况报告及2024年工作方案区政府：" PAGE "现将情况报告如下：一、基本情况" PAGE
	  "\n2、" PAGE "。二、主要做法" PAGE "依\n3、法推进各项工作。\n",
	  "1 一、 基本情况" PAGE_T "; 1 二、 主要做法" PAGE_T "依" },
	{ "sec", "一、主要工作\n" PAGE "\n1、加强学习\n2、规范执法\n",
	  "1 一、 主要工作; 2 1、 加强学习; 2 2、 规范执法" },
	{ "sec", "一、主要工作\n" PAGE PAGE "。\n1、加强学习\n2、规范执法\n",
	  "1 一、 主要工作; 2 1、 加强学习; 2 2、 规范执法" },
	{ "sec", "一、主要工作\n" PAGE PAGE "\n1、加强学习\n", "1 一、 主要工作" },
	{ "sec", "报告如下：一、工作开展情况\n（一）强化理论学习。组织学法。\n",
	  "1 一、 工作开展情况; 2 （一） 强化理论学习" },
};

static void test_sections(void)
{
	unseen_sections(SECS, sizeof SECS / sizeof *SECS);
}

int main(void)
{
	test_chrome();
	test_docs();
	test_sections();
	return tap_done();
}
