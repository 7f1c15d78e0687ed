/* test_unseen_stats.c - statistics of reports the rules were not tuned on
 * (issue 12): the quantity grammar (numeral, range, approximation mark,
 * multiplier, measure word or unit, each juncture open to one wrap
 * space), the measure-word lexicon, and the non-statistic filters of the
 * guidelines, one written sentence per case (places and figures made up,
 * no report's text).  tests/test_unseen.c holds the first 301 cases;
 * these are the kinds a held-out set of real openings asked for beyond
 * them.
 *
 * Each case: the sentence, and what the extractor must find in it, as
 * "text=value unit approx" items joined by "; " (approx - over under
 * about range); "" when nothing there is a statistic.
 *
 * Rules: ../../shared/guidelines.md (Statistics).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "tap.h"

struct qcase {
	const char *kind;
	const char *sentence;
	const char *found;
};

static const struct qcase CASES[] = {
	/* traditional characters: measure words, multipliers, marks */
	{ "trad", "投入經費50餘萬元。", "50餘萬元=500000 元 over" },
	{ "trad", "清理積案二十餘宗。", "二十餘宗=20 宗 over" },
	{ "trad", "培訓網格員3-5萬人次。", "3-5萬人次=30000 人次 range" },
	{ "trad", "發放錦旗6面。", "6面=6 面 -" },
	{ "trad", "配發雨衣200雙。", "200雙=200 雙 -" },
	{ "trad", "搭建帳篷12頂。", "12頂=12 頂 -" },
	{ "trad", "清運淤泥300立方。", "300立方=300 立方 -" },
	{ "trad", "拍攝普法微電影3集。", "3集=3 集 -" },
	{ "trad", "查處違法用地7宗次。", "7宗次=7 宗次 -" },
	{ "trad", "開展送法下鄉活動數十次。", "" },
	{ "trad", "收到意見幾十條。", "" },
	{ "trad", "參訓率達到百分之百。", "百分之百=100 % -" },
	{ "trad", "化解率百分之九十五。", "百分之九十五=95 % -" },
	{ "trad", "聘請律師一名。", "一名=1 名 -" },
	{ "trad", "建成一個平臺。", "" },
	{ "trad", "落實‘三個一’工作法。", "" },
	{ "trad", "經第十一次全體會議審議。", "" },
	{ "trad", "全縣共有鄉鎮12個、村（社區）150個。", "12個=12 個 -; 150個=150 個 -" },
	{ "trad", "組織幹部1,200人次參加考試。", "1,200人次=1200 人次 -" },
	{ "trad", "資金缺口約3000萬元左右。", "3000萬元=30000000 元 about" },
	/* a wrap space at any juncture of a quantity */
	{ "space", "投入资金120万 元。", "120万 元=1200000 元 -" },
	{ "space", "发放资料3000 余 份。", "3000 余 份=3000 份 over" },
	{ "space", "拆除违建 1.2万 平方米。", "1.2万 平方米=12000 平方米 -" },
	{ "space", "受理来信 50余 件。", "50余 件=50 件 over" },
	{ "space", "覆盖 20余万 人。", "20余万 人=200000 人 over" },
	{ "space", "涉及金额 3,450 万元。", "3,450 万元=34500000 元 -" },
	{ "space", "办结率 100 % 。", "100 %=100 % -" },
	{ "space", "全镇 3\n个村。", "" },
	{ "space", "2023 年 12 月。", "" },
	{ "space", "落实 12345 热线工单。", "" },
	{ "space", "共有 15 家。", "15 家=15 家 -" },
	/* measure words and units beyond the tables: the lexicon */
	{ "measure", "赠送锦旗3面。", "3面=3 面 -" },
	{ "measure", "发放劳保手套500双。", "500双=500 双 -" },
	{ "measure", "搭设救灾帐篷20顶。", "20顶=20 顶 -" },
	{ "measure", "清淤2000立方。", "2000立方=2000 立方 -" },
	{ "measure", "清运建筑垃圾300方。", "300方=300 方 -" },
	{ "measure", "拉运垃圾45车。", "45车=45 车 -" },
	{ "measure", "制作普法动漫8集。", "8集=8 集 -" },
	{ "measure", "创作普法歌曲5首。", "5首=5 首 -" },
	{ "measure", "新打机井6眼。", "6眼=6 眼 -" },
	{ "measure", "修复水窖12口。", "12口=12 口 -" },
	{ "measure", "讲授法治课24节。", "24节=24 节 -" },
	{ "measure", "改造厂房300㎡。", "300㎡=300 ㎡ -" },
	{ "measure", "出租房屋80平方。", "80平方=80 平方 -" },
	{ "measure", "硬化道路3.5km。", "3.5km=3.5 km -" },
	{ "measure", "收缴废旧电池120kg。", "120kg=120 kg -" },
	{ "measure", "新建广场1200m²。", "1200m²=1200 m² -" },
	{ "measure", "整治河道2.8㎞。", "2.8㎞=2.8 ㎞ -" },
	{ "measure", "配备5kgs灭火器。", "" },
	{ "measure", "接入4G网络。", "" },
	{ "measure", "改造110kV线路。", "" },
	{ "measure", "发放宣传品1200份次。", "1200份次=1200 份次 -" },
	{ "measure", "整改隐患35项次。", "35项次=35 项次 -" },
	{ "measure", "出动车辆60辆次。", "60辆次=60 辆次 -" },
	{ "measure", "检查点位40处次。", "40处次=40 处次 -" },
	{ "measure", "推送信息120篇次。", "120篇次=120 篇次 -" },
	{ "measure", "签订承诺书3000余份。", "3000余份=3000 份 over" },
	{ "measure", "发放椅子40把。", "40把=40 把 -" },
	{ "measure", "安装监控探头86个。", "86个=86 个 -" },
	{ "measure", "捐赠被褥150床。", "150床=150 床 -" },
	{ "measure", "建成法治文化长廊2条、主题公园1座。",
	  "2条=2 条 -; 1座=1 座 -" },
	{ "measure", "发放慰问米面100袋、食用油80桶。",
	  "100袋=100 袋 -; 80桶=80 桶 -" },
	{ "measure", "绿化面积12.6万平方米。", "12.6万平方米=126000 平方米 -" },
	{ "measure", "涉案金额1.35亿元。", "1.35亿元=135000000 元 -" },
	{ "measure", "两面人要坚决查处。", "" },
	{ "measure", "三方协议已签订。", "" },
	{ "measure", "三口之家受益。", "" },
	{ "measure", "落实一把手责任。", "" },
	{ "measure", "7首页 政务公开", "" },
	{ "measure", "做好第3首批工作。", "" },
	{ "measure", "春节两节期间值守。", "" },
	{ "measure", "共3页", "" },
	/* digits grouped by spaces, as statistics tables print them */
	{ "space", "全国乡镇33 939个。", "33 939个=33939 个 -" },
	{ "space", "常住人口674 149 546人。", "674 149 546人=674149546 人 -" },
	{ "space", "辖区 72 个网格。", "72 个=72 个 -" },
	{ "space", "2023 年 100 个项目。", "100 个=100 个 -" },
	{ "space", "受理12 3456件。", "3456件=3456 件 -" },
	{ "trad", "受理調解案件12,264件，成立10,348件。", "12,264件=12264 件 -; 10,348件=10348 件 -" },
	{ "trad", "每年調解案件逾萬件。", "萬件=10000 件 over" },
	/* scores (a number of points is a quantity; 十分 is "very") */
	{ "measure", "年度考核得分96.5分，位列全市第一。", "96.5分=96.5 分 -" },
	{ "measure", "综合得分98分以上。", "98分=98 分 over" },
	{ "measure", "取得95分的好成绩。", "95分=95 分 -" },
	{ "measure", "扣减考核分2分。", "2分=2 分 -" },
	{ "measure", "群众十分满意。", "" },
	{ "measure", "设立5分局3个。", "3个=3 个 -" },
	{ "measure", "全年扣3分、加5分。", "3分=3 分 -; 5分=5 分 -" },
	/* money */
	{ "money", "投入资金50余万元。", "50余万元=500000 元 over" },
	{ "money", "落实补助资金20多万元。", "20多万元=200000 元 over" },
	{ "money", "拨付经费三十余万元。", "三十余万元=300000 元 over" },
	{ "money", "挽回损失1,280万元。", "1,280万元=12800000 元 -" },
	{ "money", "罚没款12,345.6元。", "12,345.6元=12345.6 元 -" },
	{ "money", "追回欠薪3-5万元。", "3-5万元=30000 元 range" },
	{ "money", "筹集资金2至3亿元。", "2至3亿元=200000000 元 range" },
	{ "money", "争取资金近百万元。", "百万元=1000000 元 under" },
	{ "money", "涉及资金数百万元。", "" },
	{ "money", "节约资金8千元。", "8千元=8000 元 -" },
	{ "money", "兑现奖励资金5000元/人。", "5000元=5000 元 -" },
	{ "money", "投入1.2万余元。", "1.2万余元=12000 元 over" },
	{ "money", "发放补贴约12.5万元。", "12.5万元=125000 元 about" },
	{ "money", "追缴税款逾千万元。", "千万元=10000000 元 over" },
	/* percentages */
	{ "percent", "群众满意度达百分之九十八。", "百分之九十八=98 % -" },
	{ "percent", "办结率百分之百。", "百分之百=100 % -" },
	{ "percent", "同比下降百分之十二点五。", "百分之十二点五=12.5 % -" },
	{ "percent", "覆盖率达95％以上。", "95％=95 ％ over" },
	{ "percent", "提高3个百分点。", "3个百分点=3 个百分点 -" },
	{ "percent", "占比约三分之一。", "" },
	{ "percent", "百分之百落实。", "百分之百=100 % -" },
	{ "percent", "案件发生率降低12.5%。", "12.5%=12.5 % -" },
	/* ranges */
	{ "range", "每村配备2—3名调解员。", "2—3名=2 名 range" },
	{ "range", "每季度开展1~2次。", "1~2次=1 次 range" },
	{ "range", "选派三至五名干部。", "三至五名=3 名 range" },
	{ "range", "每场参加50-80人。", "50-80人=50 人 range" },
	{ "range", "处罚5000元至1万元。", "5000元=5000 元 -; 1万元=10000 元 -" },
	{ "range", "2022-2023年度考核。", "" },
	{ "range", "1-6月份累计受理。", "" },
	{ "range", "每年10—12月集中整治。", "" },
	/* approximation words */
	{ "approx", "参与群众约2000人。", "2000人=2000 人 about" },
	{ "approx", "受益群众近万人。", "万人=10000 人 under" },
	{ "approx", "覆盖人口超5万人。", "5万人=50000 人 over" },
	{ "approx", "化解纠纷不足10起。", "10起=10 起 under" },
	{ "approx", "惠及群众逾3000户。", "3000户=3000 户 over" },
	{ "approx", "举办讲座百余场。", "百余场=100 场 over" },
	{ "approx", "查处案件30起左右。", "30起=30 起 about" },
	{ "approx", "参训人员200人以上。", "200人=200 人 over" },
	{ "approx", "累计培训1500人次。", "1500人次=1500 人次 -" },
	{ "approx", "共计办理120件。", "120件=120 件 -" },
	{ "approx", "村规民约12条。", "12条=12 条 -" },
	{ "approx", "最近3次检查。", "3次=3 次 -" },
	/* counters and ordinals: not statistics */
	{ "counter", "本文已被浏览1024次", "" },
	{ "counter", "发布时间：2023-02-01 1024次浏览", "" },
	{ "counter", "浏览次数：1,024", "" },
	{ "counter", "【点击：86次】", "" },
	{ "counter", "推文获得阅读2万次。", "2万次=20000 次 -" },
	{ "ordinal", "县政协十三届二次会议召开。", "" },
	{ "ordinal", "镇第十八次党代会提出。", "" },
	{ "ordinal", "党委第12次会议研究。", "" },
	{ "ordinal", "区十四届人大二次会议。", "" },
	{ "ordinal", "十四五规划编制完成。", "" },
	{ "ordinal", "在镇四楼会议室召开。", "" },
	{ "ordinal", "位列全省第3名。", "" },
	{ "ordinal", "上午8:00在会议室举行。", "" },
	{ "ordinal", "下午15:30召开会议2次。", "2次=2 次 -" },
	{ "ordinal", "落实〔2023〕7号文件。", "" },
	{ "ordinal", "印发钟府办发﹝2021﹞7号。", "" },
	{ "ordinal", "开展“两个一”活动。", "" },
	{ "ordinal", "推行‘一村一顾问’。", "" },
	{ "ordinal", "印发《优化营商环境十条措施》。", "" },
	{ "ordinal", "学习《关于加强三个方面工作的意见》。", "" },
	{ "ordinal", "召开*次会议。", "" },
	{ "ordinal", "区人大常委会召开会议6次。", "6次=6 次 -" },
	{ "ordinal", "完成第1、2、3批示范创建。", "" },
	{ "ordinal", "第一、二次会议审议通过。", "" },
	{ "ordinal", "第5、6轮巡查已完成。", "" },
	{ "ordinal", "检查3批、抽查5批。", "3批=3 批 -; 5批=5 批 -" },
	{ "ordinal", "考核位列全市前3名。", "" },
	{ "ordinal", "排名进入前十位。", "" },
	{ "ordinal", "表彰先进个人前来领奖3名。", "3名=3 名 -" },
	{ "ordinal", "上午9时30分开庭。", "" },
	{ "ordinal", "会议于14:30分开始。", "" },
	{ "ordinal", "每天学习30分钟。", "" },
	{ "ordinal", "占总数的3分之1。", "" },
	/* "一" as an article, and as a count when the clause ends there */
	{ "article", "配备专职人员一名。", "一名=1 名 -" },
	{ "article", "聘请法律顾问一名，律师两名。", "一名=1 名 -; 两名=2 名 -" },
	{ "article", "建立一支执法队伍。", "" },
	{ "article", "打造一个平台、一张网。", "" },
	{ "article", "新建调解室一间；", "一间=1 间 -" },
	{ "article", "一次办成。", "" },
	{ "article", "每月开展一次。", "" },
	{ "article", "每季度至少召开一次，", "" },
	{ "article", "收到锦旗一面。", "一面=1 面 -" },
	{ "article", "打通服务的最后一公里。", "" },
	{ "article", "办事最多跑一次。", "" },
	{ "article", "修建便道一公里。", "一公里=1 公里 -" },
	/* percentages in words have the unit % (guidelines: unit %) */
	{ "percent", "满意率为百分之八十七点五。", "百分之八十七点五=87.5 % -" },
	{ "percent", "调解成功率百分之九十以上。", "百分之九十=90 % over" },
	/* a measured duration is a quantity; a period is not */
	{ "duration", "办理时间由18.5天压缩至4.25天。", "18.5天=18.5 天 -; 4.25天=4.25 天 -" },
	{ "duration", "审批由200多天缩短到80天。", "200多天=200 天 over; 80天=80 天 -" },
	{ "duration", "由20个工作日缩短为5个工作日。",
	  "20个工作日=20 个工作日 -; 5个工作日=5 个工作日 -" },
	{ "duration", "立案时限由30天减少至7天。", "30天=30 天 -; 7天=7 天 -" },
	{ "duration", "平均用时2.5天。", "2.5天=2.5 天 -" },
	{ "duration", "平均办结时间缩短3个工作日。", "3个工作日=3 个工作日 -" },
	{ "duration", "办理时限压缩至一天。", "一天=1 天 -" },
	{ "duration", "登记用时1.5个工作日。", "1.5个工作日=1.5 个工作日 -" },
	{ "duration", "审查期限约10余天。", "10余天=10 天 over" },
	{ "duration", "審批時間由12天壓縮至3天。", "12天=12 天 -; 3天=3 天 -" },
	{ "duration", "开展为期3天的集中培训。", "" },
	{ "duration", "连续7天开展普法宣传。", "" },
	{ "duration", "集中整治15天。", "" },
	{ "duration", "每周安排2天接访。", "" },
	{ "duration", "自受理之日起5个工作日内答复。", "" },
	{ "duration", "每月5日前报送。", "" },
	/* a count inside the name of joint issuers is a name */
	{ "name", "省直等六部委联合发文。", "" },
	{ "name", "国家发展改革委等十部委印发通知。", "" },
	{ "name", "联合4部委开展检查。", "" },
	{ "name", "编印普法读本2部。", "2部=2 部 -" },
	/* the levels of a hierarchy name a structure, they count nothing */
	{ "levels", "明晰县乡两级职责。", "" },
	{ "levels", "健全省市县三级联动机制。", "" },
	{ "levels", "压实市、县两级责任。", "" },
	{ "levels", "建立县乡村三级网格。", "" },
	{ "levels", "构建区镇村三级体系，", "" },
	{ "levels", "形成镇村组三级调解网络。", "" },
	{ "levels", "縣鄉兩級同步推進。", "" },
};

/* The statistics of S as the cases write them. */
static void render(const char *s, char *out, size_t cap)
{
	sy_annot a;
	sy_error err;
	size_t used = 0;

	out[0] = '\0';
	memset(&err, 0, sizeof err);
	sy_annot_init(&a);
	if (sy_extract_text("q.txt", s, strlen(s), &a, &err) != SY_OK) {
		snprintf(out, cap, "(error: %.200s)", err.msg);
		return;
	}
	for (size_t k = 0; k < a.nstats && used < cap; k++) {
		static const char *const names[] = { "-", "over", "under", "about", "range" };
		const sy_stat *st = &a.stats[k];
		int ai = st->approx == SY_APPROX_OVER ? 1 : st->approx == SY_APPROX_UNDER ? 2 :
			 st->approx == SY_APPROX_ABOUT ? 3 : st->approx == SY_APPROX_RANGE ? 4 : 0;
		used += (size_t)snprintf(out + used, cap - used, "%s%s=%.10g %s %s",
					 k ? "; " : "", st->text, st->value, st->unit,
					 names[ai]);
	}
	sy_annot_free(&a);
}

int main(void)
{
	for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
		char got[1024];
		render(CASES[i].sentence, got, sizeof got);
		is_str(got, CASES[i].found, "%s: %s", CASES[i].kind, CASES[i].sentence);
	}
	return tap_done();
}
