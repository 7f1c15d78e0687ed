/* statctx.c - see statctx.h. */
#include "extract/statctx.h"

#include <string.h>

#include "base/utf8.h"
#include "text/textscan.h"

/* Does the UTF-8 word W sit at CP[I..)? */
static bool at_word(const uint32_t *cp, size_t n, size_t i, const char *w)
{
	size_t len = strlen(w), pos = 0;

	while (pos < len) {
		uint32_t c;
		size_t k = sy_utf8_decode((const unsigned char *)w + pos,
					  len - pos, &c);
		if (!k || i >= n || cp[i] != c)
			return false;
		pos += k;
		i++;
	}
	return true;
}

/* Index of the first word of WS (NULL-terminated) at CP[I], or -1. */
static int word_in(const uint32_t *cp, size_t n, size_t i,
		   const char *const *ws)
{
	for (int k = 0; ws[k]; k++)
		if (at_word(cp, n, i, ws[k]))
			return k;
	return -1;
}

static const char *const DURATION[] = { "个工作日", "工作日", "天", NULL };

/* Words of timing before the number, in its clause. */
static const char *const TIMING[] = {
	"时间", "时限", "用时", "时长", "周期", "天数", "平均", "压缩",
	"缩短", "减少", "缩减", "减至", "降至", "降低", "提速", "提升至", NULL,
};

/* Words of change right after the duration. */
static const char *const CHANGE[] = {
	"缩短", "压缩", "减少", "缩减", "减至", "降至", "降低", "提速", NULL,
};

size_t sy_measured_duration(const uint32_t *cp, size_t n, size_t i,
			    size_t numend, size_t j)
{
	int u = word_in(cp, n, j, DURATION);
	size_t len, k, from;

	if (u < 0)
		return 0;
	len = strlen(DURATION[u]) / 3;      /* all three-byte characters */
	if (numend < j)                     /* 200多天, 30余个工作日 */
		return len;
	for (k = i; k < numend; k++)
		if (cp[k] == '.' || cp[k] == 0xFF0E)
			return len;
	/* a word of change after it: 由30天缩短到 */
	for (k = j + len; k < n && k <= j + len + 3; k++) {
		if (word_in(cp, n, k, CHANGE) >= 0)
			return len;
		if (sy_is_clause_punct(cp[k]))
			break;
	}
	/* a word of timing before it, in the same clause (up to 24 back) */
	from = i > 24 ? i - 24 : 0;
	for (k = i; k-- > from;) {
		if (sy_is_clause_punct(cp[k]))
			break;
		if (word_in(cp, n, k, TIMING) >= 0)
			return len;
	}
	return 0;
}

/* The administrative levels a hierarchy lists: 省 市 县 区 乡 镇 村 街
 * 组 州 盟 旗. */
static bool is_level_char(uint32_t c)
{
	static const uint32_t L[] = {
		0x7701, 0x5E02, 0x53BF, 0x533A, 0x4E61, 0x9547, 0x6751, 0x8857,
		0x7EC4, 0x5DDE, 0x76DF, 0x65D7,
	};
	for (size_t k = 0; k < sizeof L / sizeof *L; k++)
		if (c == L[k])
			return true;
	return false;
}

bool sy_level_count(const uint32_t *cp, size_t i)
{
	size_t k = i, levels = 0;

	/* 县乡两级, 市、县两级, 省市县乡四级 */
	while (k > 0 && (is_level_char(cp[k - 1]) || cp[k - 1] == 0x3001)) {
		if (cp[k - 1] != 0x3001)
			levels++;
		k--;
	}
	return levels >= 2;
}
