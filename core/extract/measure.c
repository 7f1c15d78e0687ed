/* measure.c - see measure.h. */
#include "extract/measure.h"

#include <string.h>

#include "text/textscan.h"

#include "base/utf8.h"

/* Traditional / simplified pairs, two characters each: the characters of
 * numerals (萬 億 兩), approximation marks and words (餘 約 過 於 將 內),
 * measure words and units, the words that rule a number out (屆 週 號
 * 點 時 鐘 歲 後 …), page chrome (瀏覽 點擊 閱讀 訪問 發佈 來源 當前 頁),
 * report titles and bodies (報告 總結 匯報 情況 關於 設 辦事處 委員會
 * 黨委) and place-name suffixes (鎮 鄉 區 縣 蘇). */
static const char *const PAIRS[] = {
	"萬万", "億亿", "兩两", "餘余", "約约", "過过", "於于", "將将", "內内",
	"個个", "項项", "條条", "場场", "戶户", "處处", "臺台", "檯台", "輛辆",
	"間间", "張张", "冊册", "類类", "級级", "單单", "頭头", "隻只", "盞盏",
	"輪轮", "組组", "隊队", "畝亩", "噸吨", "對对", "節节", "門门", "筆笔",
	"樁桩", "員员", "層层", "種种", "團团", "顆颗", "則则", "頓顿", "講讲",
	"棟栋", "塊块", "頃顷", "點点", "車车", "學学", "課课", "時时", "鐘钟",
	"週周", "號号", "歲岁", "屆届", "後后", "稱称", "別别", "賬账", "罰罚",
	"訴诉", "區区", "瀏浏", "覽览", "擊击", "閱阅", "讀读", "訪访", "問问",
	"數数", "發发", "佈布", "來来", "當当", "頁页", "閉闭", "報报", "總总",
	"結结", "匯汇", "況况", "關关", "設设", "辦办", "會会", "黨党", "鎮镇",
	"鄉乡", "縣县", "蘇苏", "確确", "維维", "護护", "規规", "崗岗", "責责",
	"雙双", "堅坚", "戰战", "議议", "開开", "體体", "搖摇", "務务", "織织",
	"網网", "統统", "實实", "經经", "濟济", "計计", "達达", "積积",
	"衛卫", "書书", "記记", "長长", "廣广", "東东", "標标", "準准",
	"園园", "錄录", "際际", "業业", "為为", "與与", "籤签", "聯联",
	"幫帮", "簡简", "識识", "範范", "質质", "頂顶", "幾几",
};

static uint16_t fold_tab[0x10000];
static uint8_t trad_bits[0x10000 / 8];   /* which have a fold: small, hot */
static bool fold_ready;

static void fold_init(void)
{
	for (size_t i = 0; i < sizeof PAIRS / sizeof *PAIRS; i++) {
		const unsigned char *s = (const unsigned char *)PAIRS[i];
		size_t len = strlen(PAIRS[i]), k;
		uint32_t t, c;
		k = sy_utf8_decode(s, len, &t);
		if (!k || !sy_utf8_decode(s + k, len - k, &c) || t >= 0x10000 ||
		    c >= 0x10000)
			continue;
		fold_tab[t] = (uint16_t)c;
		trad_bits[t >> 3] |= (uint8_t)(1u << (t & 7));
	}
	fold_ready = true;
}

uint32_t sy_fold_trad(uint32_t c)
{
	if (!fold_ready)
		fold_init();
	if (c < 0x10000 && fold_tab[c])
		return fold_tab[c];
	return c;
}

bool sy_has_trad(const uint32_t *cp, size_t n)
{
	if (!fold_ready)
		fold_init();
	for (size_t i = 0; i < n; i++)
		if (cp[i] >= 0x4E00 && cp[i] < 0x10000 &&
		    (trad_bits[cp[i] >> 3] >> (cp[i] & 7) & 1))
			return true;
	return false;
}

bool sy_text_is_trad(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t pos = 0, found = 0;
	if (!fold_ready)
		fold_init();
	if (len > 65536)
		len = 65536;
	while (pos < len && !found) {
		uint32_t c;
		size_t k;
		if (s[pos] < 0x80) {
			pos++;
			continue;
		}
		k = sy_utf8_decode(s + pos, len - pos, &c);
		if (!k) {
			pos++;
			continue;
		}
		if (c < 0x10000 && (trad_bits[c >> 3] >> (c & 7) & 1))
			found++;
		pos += k;
	}
	return found > 0;
}

void sy_fold_line(const uint32_t *cp, size_t n, uint32_t *out)
{
	if (!fold_ready)
		fold_init();
	for (size_t i = 0; i < n; i++)
		out[i] = cp[i] < 0x10000 && fold_tab[cp[i]] ? fold_tab[cp[i]] : cp[i];
}

/* Measure words and units beyond the scanner's own table (stats.c): the
 * classifiers a count of things, events, people, money, land or goods
 * takes in these reports.  A numeral followed by one of them is a
 * quantity unless a rule of the guidelines says otherwise (ordinal, date,
 * identifier, slogan, article), and those rules run first.  Left out:
 * the classifiers of set phrases (两节 三讲 三包 约法三章).
 *
 * Some classifiers also start common words (三方协议, 三口之家, 两面人,
 * 3车道, 首页): DIGITS marks those a Chinese numeral takes only when the
 * clause ends after them (锦旗一面。), and NOT lists the characters that
 * may not follow them; ONLY, when set, the ideographs that may. */
enum { DIGITS = 1 };
static const struct {
	const char *w;
	unsigned flags;
	const char *not;      /* ideographs that may not follow */
	const char *only;     /* if set: the only ideographs that may follow */
} MEASURES[] = {
	{ "平方千米", 0, NULL, NULL }, { "千瓦时", 0, NULL, NULL },
	{ "厘米", 0, NULL, NULL }, { "毫米", 0, NULL, NULL },
	{ "毫升", 0, NULL, NULL }, { "千瓦", 0, NULL, NULL },
	{ "兆瓦", 0, NULL, NULL }, { "美元", 0, NULL, NULL },
	{ "港元", 0, NULL, NULL }, { "欧元", 0, NULL, NULL },
	{ "立方", 0, NULL, NULL }, { "平方", 0, NULL, NULL },
	{ "期次", 0, NULL, NULL }, { "轮次", 0, NULL, NULL },
	{ "份次", 0, NULL, NULL }, { "项次", 0, NULL, NULL },
	{ "辆次", 0, NULL, NULL }, { "处次", 0, NULL, NULL },
	{ "篇次", 0, NULL, NULL }, { "㎡", 0, NULL, NULL },
	{ "㎞", 0, NULL, NULL }, { "㎏", 0, NULL, NULL },
	{ "km", 0, NULL, NULL }, { "kg", 0, NULL, NULL }, { "m²", 0, NULL, NULL },
	{ "笔", 0, NULL, NULL }, { "门", 0, NULL, NULL }, { "堂", 0, NULL, NULL },
	{ "回", 0, NULL, NULL }, { "遍", 0, NULL, NULL }, { "趟", 0, NULL, NULL },
	{ "番", 0, NULL, NULL }, { "尊", 0, NULL, NULL }, { "根", 0, NULL, NULL },
	{ "枚", 0, NULL, NULL }, { "颗", 0, NULL, NULL }, { "粒", 0, NULL, NULL },
	{ "幅", 0, NULL, NULL }, { "架", 0, NULL, NULL }, { "列", 0, NULL, NULL },
	{ "具", 0, NULL, NULL }, { "副", 0, NULL, NULL }, { "袋", 0, NULL, NULL },
	{ "箱", 0, NULL, NULL }, { "瓶", 0, NULL, NULL }, { "桶", 0, NULL, NULL },
	{ "罐", 0, NULL, NULL }, { "盒", 0, NULL, NULL }, { "卷", 0, NULL, NULL },
	{ "则", 0, NULL, NULL }, { "段", 0, NULL, NULL }, { "款", 0, NULL, NULL },
	{ "桩", 0, NULL, NULL }, { "层", 0, NULL, NULL }, { "种", 0, NULL, NULL },
	{ "团", 0, NULL, NULL }, { "捆", 0, NULL, NULL }, { "克", 0, NULL, NULL },
	{ "升", 0, NULL, NULL }, { "帧", 0, NULL, NULL }, { "顿", 0, NULL, NULL },
	{ "顶", 0, "层级尖端", NULL },
	{ "双", DIGITS, "方向随语创重胞层边轨百", NULL },
	{ "集", DIGITS, "中体团市镇资成结合聚约", NULL },
	{ "面", DIGITS, "向对积上临貌", NULL },
	{ "方", DIGITS, "面案式法向针协位主式便", NULL },
	{ "车", DIGITS, "道间位库次辆厢", NULL },
	{ "口", DIGITS, "之径子岸号罩头", NULL },
	{ "眼", DIGITS, "光界前下", NULL },
	{ "节", DIGITS, "假日期点约能庆", NULL },
	{ "把", DIGITS, "关手握", NULL },
	{ "床", DIGITS, "位单铺", NULL },
	{ "首", DIGITS, NULL, "歌诗曲词" },
	/* a score (考核得分96.5分); not 十分 (very), 5分局, 8时30分 (stats.c) */
	{ "分", DIGITS, NULL, "以左的位排居列和" },
};

#define N_MEASURES (sizeof MEASURES / sizeof *MEASURES)

typedef struct { uint32_t cp[4]; size_t n; } mword;
static mword measures_w[N_MEASURES];
static bool measures_ready;
/* the first characters of the words, as a bitmap: most code points after
 * a numeral start none of them, and are turned away at once */
static uint8_t first_bits[0x10000 / 8];

static void measures_init(void)
{
	for (size_t i = 0; i < N_MEASURES; i++) {
		const unsigned char *s = (const unsigned char *)MEASURES[i].w;
		size_t len = strlen(MEASURES[i].w), pos = 0, k;
		mword *w = &measures_w[i];
		w->n = 0;
		while (pos < len && w->n < 4 &&
		       (k = sy_utf8_decode(s + pos, len - pos, &w->cp[w->n]))) {
			pos += k;
			w->n++;
		}
		if (w->n && w->cp[0] < 0x10000)
			first_bits[w->cp[0] >> 3] |= (uint8_t)(1u << (w->cp[0] & 7));
	}
	measures_ready = true;
}

/* Is C one of the characters of the UTF-8 string SET? */
static bool in_set(const char *set, uint32_t c)
{
	size_t len = strlen(set), pos = 0, k;
	uint32_t x;
	while (pos < len && (k = sy_utf8_decode((const unsigned char *)set + pos,
						len - pos, &x))) {
		if (x == c)
			return true;
		pos += k;
	}
	return false;
}

static bool is_ideograph(uint32_t c)
{
	return c >= 0x4E00 && c <= 0x9FFF;
}

size_t sy_measure_at(const uint32_t *cp, size_t n, size_t i, bool arabic)
{
	size_t best = 0;
	if (!measures_ready)
		measures_init();
	if (i >= n || cp[i] >= 0x10000 || !(first_bits[cp[i] >> 3] >> (cp[i] & 7) & 1))
		return 0;
	for (size_t k = 0; k < N_MEASURES; k++) {
		const mword *w = &measures_w[k];
		size_t m = 0, e = i + w->n;
		bool follows;
		if (w->n <= best || e > n || w->cp[0] != cp[i])
			continue;
		while (m < w->n && cp[i + m] == w->cp[m])
			m++;
		if (m != w->n)
			continue;
		follows = e < n && is_ideograph(cp[e]);
		if (cp[i] < 0x80 && e < n && cp[e] < 0x80 &&
		    ((cp[e] | 0x20) >= 'a' && (cp[e] | 0x20) <= 'z'))
			continue;     /* kgs, kmh: not our unit */
		if ((MEASURES[k].flags & DIGITS) && !arabic &&
		    (e < n && !sy_is_clause_punct(cp[e])))
			continue;
		if (follows && MEASURES[k].not && in_set(MEASURES[k].not, cp[e]))
			continue;
		if (follows && MEASURES[k].only && !in_set(MEASURES[k].only, cp[e]))
			continue;
		best = w->n;
	}
	return best;
}
