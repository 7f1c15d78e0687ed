/* yaml_style.c - the quoting rule and the number format of the writer
 * (see yaml_style.h). */
#include "format/yaml_style.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const re_src[SY_QUOTE_NRE] = {
	/* YAML 1.1 int */
	"^([-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)"
	"|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+)$",
	/* YAML 1.1 float */
	"^([-+]?[0-9][0-9_]*\\.[0-9_]*([eE][-+][0-9]+)?"
	"|\\.[0-9][0-9_]*([eE][-+][0-9]+)?"
	"|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*"
	"|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN))$",
	/* YAML 1.2 core numbers */
	"^([-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|0o[0-7]+)$",
	/* YAML 1.1 timestamp */
	"^([0-9]{4}-[0-9]{2}-[0-9]{2}"
	"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}"
	"(\\.[0-9]*)?([ \t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?)$",
};

/* Plain words that a YAML reader takes for a bool, null, merge or value. */
static const char *const special_words[] = {
	"~", "null", "Null", "NULL",
	"yes", "Yes", "YES", "no", "No", "NO", "y", "Y", "n", "N",
	"true", "True", "TRUE", "false", "False", "FALSE",
	"on", "On", "ON", "off", "Off", "OFF", "<<", "=",
};

sy_status sy_quoting_init(sy_quoting *q, sy_error *err)
{
	int i;

	q->nre = 0;
	for (i = 0; i < SY_QUOTE_NRE; i++) {
		if (regcomp(&q->re[i], re_src[i], REG_EXTENDED | REG_NOSUB) != 0) {
			sy_quoting_free(q);
			return sy_fail(err, SY_ERR_NOMEM, "cannot compile pattern");
		}
		q->nre = i + 1;
	}
	return SY_OK;
}

void sy_quoting_free(sy_quoting *q)
{
	int i;

	for (i = 0; i < q->nre; i++)
		regfree(&q->re[i]);
	q->nre = 0;
}

/* The characters the patterns can match (a superset). */
static const bool pattern_char[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['+'] = 1, ['-'] = 1, ['.'] = 1, [':'] = 1, ['_'] = 1, [' '] = 1,
	['\t'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['i'] = 1, ['n'] = 1, ['I'] = 1, ['N'] = 1, ['o'] = 1, ['x'] = 1,
	['t'] = 1, ['T'] = 1, ['Z'] = 1,
};

bool sy_needs_quotes(const sy_quoting *q, const char *s)
{
	size_t i;

	if (!*s)
		return true;
	/* every special word starts with one of these */
	if (strchr("~nNyYtTfFoO<=", *s) && strnlen(s, 6) <= 5)
		for (i = 0; i < sizeof special_words / sizeof *special_words; i++)
			if (strcmp(s, special_words[i]) == 0)
				return true;
	if (!strchr("0123456789+-.", *s))
		return false;
	/* a text with a character that no pattern has cannot match: 53宗,
	 * 1.76亿元, 92.5% */
	for (i = 0; s[i]; i++)
		if (!pattern_char[(unsigned char)s[i]])
			return false;
	for (i = 0; i < (size_t)q->nre; i++)
		if (regexec(&q->re[i], s, 0, NULL, 0) == 0)
			return true;
	return false;
}

/* Make the %g text in BUF (room for N) a YAML float: it needs a '.',
 * and the exponent keeps its sign ("1e+20" -> "1.0e+20"). */
static void ensure_dot(char *buf, size_t n)
{
	char *e;
	size_t len = strlen(buf);

	if (strchr(buf, '.') || len + 3 > n)
		return;
	e = strchr(buf, 'e');
	if (!e)
		e = buf + len;
	memmove(e + 2, e, strlen(e) + 1);
	e[0] = '.';
	e[1] = '0';
}

void sy_yaml_number(double v, char *buf, size_t n)
{
	int prec;

	if (isnan(v)) {
		snprintf(buf, n, ".nan");
		return;
	}
	if (isinf(v)) {
		snprintf(buf, n, v < 0 ? "-.inf" : ".inf");
		return;
	}
	if (v == 0) {
		snprintf(buf, n, "0");
		return;
	}
	if (v == floor(v) && fabs(v) < 1e16) {
		/* exact in a long long: its digits, as "%.0f" writes them */
		long long iv = (long long)v;
		unsigned long long u = iv < 0 ? 0 - (unsigned long long)iv
					      : (unsigned long long)iv;
		char tmp[24], *p = tmp + sizeof tmp;

		*--p = '\0';
		do {
			*--p = (char)('0' + u % 10);
			u /= 10;
		} while (u);
		if (iv < 0)
			*--p = '-';
		if ((size_t)(tmp + sizeof tmp - p) <= n)
			memcpy(buf, p, (size_t)(tmp + sizeof tmp - p));
		else if (n)
			buf[0] = '\0';
		return;
	}
	for (prec = 15; prec <= 17; prec++) {
		snprintf(buf, n, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	ensure_dot(buf, n);
}

/* The quoting rule of the node builders: compiled on first use, kept
 * until the process ends. */
static const sy_quoting *own_quoting(void)
{
	static sy_quoting q;
	static bool ready;

	if (!ready && sy_quoting_init(&q, NULL) == SY_OK)
		ready = true;
	return ready ? &q : NULL;
}

sy_node *sy_yaml_str_node(const char *s)
{
	const sy_quoting *q;

	if (!s)
		return sy_node_scalar("null", 0);
	if (!(q = own_quoting()))
		return NULL;
	return sy_node_scalar(s, sy_needs_quotes(q, s));
}

sy_node *sy_yaml_num_node(double v, bool has)
{
	static locale_t cloc;
	locale_t old = (locale_t)0;
	char buf[48];

	if (!has)
		return sy_node_scalar("null", 0);
	/* a '.' whatever LC_NUMERIC says (the review screen sets the
	 * user's locale) */
	if (!cloc)
		cloc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (cloc)
		old = uselocale(cloc);
	sy_yaml_number(v, buf, sizeof buf);
	if (cloc)
		uselocale(old);
	return sy_node_scalar(buf, 0);
}
