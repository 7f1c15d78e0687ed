/* validate.c - see validate.h */
#include "model/validate.h"

#include "base/utf8.h"
#include "model/schema.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A decimal as significant digits D (no leading or trailing zero; the
 * first ones kept, *N counts them all) times 10^E. */
typedef struct decimal {
	char d[24];
	size_t n;
	long e;
	long zeros;          /* zeros read after the last other digit */
} decimal;

static void dec_put(decimal *x, char c)
{
	if (x->n < sizeof x->d - 1)
		x->d[x->n] = c;
	x->n++;
}

/* One more digit C of the mantissa (the point is placed later). */
static void dec_digit(decimal *x, char c)
{
	if (c == '0') {
		if (x->n)            /* a leading zero is nothing */
			x->zeros++;
		return;
	}
	for (; x->zeros > 0; x->zeros--)
		dec_put(x, '0');
	dec_put(x, c);
}

/* Trailing zeros raise the exponent instead. */
static void dec_trim(decimal *x)
{
	x->e += x->zeros;
	x->zeros = 0;
	x->d[x->n < sizeof x->d - 1 ? x->n : sizeof x->d - 1] = '\0';
}

/* Read the plain decimal at S ([0-9]+(.[0-9]*)?([eE][+-]?[0-9]+)? or
 * .[0-9]+...) into *X; returns the end, or NULL when it is not one. */
static const char *dec_read(const char *s, decimal *x)
{
	size_t digits = 0;
	long frac = 0, ex = 0;

	memset(x, 0, sizeof *x);
	for (; isdigit((unsigned char)*s); s++, digits++)
		dec_digit(x, *s);
	if (*s == '.')
		for (s++; isdigit((unsigned char)*s); s++, digits++, frac++)
			dec_digit(x, *s);
	if (!digits)
		return NULL;
	if (*s == 'e' || *s == 'E') {
		int sign = 1;
		s++;
		if (*s == '+' || *s == '-')
			sign = *s++ == '-' ? -1 : 1;
		if (!isdigit((unsigned char)*s))
			return NULL;
		for (; isdigit((unsigned char)*s); s++)
			if (ex < 100000)
				ex = ex * 10 + (*s - '0');
		ex *= sign;
	}
	/* the fraction and the exponent move the point */
	x->e = ex - frac;
	dec_trim(x);
	return s;
}

/* V as the file writes it (the shortest %g that reads back as V), as a
 * decimal. */
static void dec_of_double(double v, decimal *x)
{
	char buf[48];

	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	dec_read(buf, x);
}

sy_status sy_parse_number(const char *field, const char *text, double *v,
			  bool *has, sy_error *err)
{
	const char *s = text, *end;
	decimal typed, stored;
	double d;

	*has = false;
	*v = 0;
	while (*s == ' ')
		s++;
	if (!*s)
		return SY_OK;
	if (*s == '-' && (end = dec_read(s + 1, &typed)) != NULL)
		return sy_fail(err, SY_ERR_USAGE, "%s: %s is negative; a statistic "
			       "is never below 0", field, s);
	end = dec_read(s, &typed);
	while (end && *end == ' ')
		end++;
	if (!end || *end)
		return sy_fail(err, SY_ERR_USAGE, "%s: not a number: %s (write "
			       "digits, e.g. 9380 or 92.5)", field, s);
	errno = 0;
	d = strtod(s, NULL);
	if (isinf(d) || (errno == ERANGE && d != 0))
		return sy_fail(err, SY_ERR_USAGE, "%s: too large to store "
			       "(%.12s%s)", field, s, strlen(s) > 12 ? "…" : "");
	dec_of_double(d, &stored);
	if (strcmp(typed.d, stored.d) || (typed.n && typed.e != stored.e) ||
	    typed.n != stored.n)
		return sy_fail(err, SY_ERR_USAGE, "%s: cannot be stored "
			       "exactly: at most 15 significant digits", field);
	*v = d;
	*has = true;
	return SY_OK;
}

/* TEXT without its leading and trailing blanks: the start, *N bytes. */
static const char *trimmed(const char *text, size_t *n)
{
	while (*text == ' ')
		text++;
	*n = strlen(text);
	while (*n && text[*n - 1] == ' ')
		--*n;
	return text;
}

sy_status sy_parse_approx(const char *text, sy_approx *out, sy_error *err)
{
	char word[16];
	size_t n;
	const char *s = trimmed(text, &n);

	*out = SY_APPROX_NONE;
	if (n == 0)
		return SY_OK;
	if (n < sizeof word) {
		memcpy(word, s, n);
		word[n] = '\0';
		if (sy_approx_parse(word, out) == 0)
			return SY_OK;
	}
	*out = SY_APPROX_NONE;
	return sy_fail(err, SY_ERR_USAGE, "approx: must be empty, over, under, "
		       "about or range (not %.*s)", (int)(n > 40 ? 40 : n), s);
}

sy_status sy_check_level(int level, sy_error *err)
{
	if (level < SY_LEVEL_MIN || level > SY_LEVEL_MAX)
		return sy_fail(err, SY_ERR_USAGE, "level: must be %d to %d "
			       "(1 = top), not %d", SY_LEVEL_MIN, SY_LEVEL_MAX,
			       level);
	return SY_OK;
}

sy_status sy_parse_level(const char *text, int *level, sy_error *err)
{
	const char *s = text;
	long v = 0;
	size_t digits = 0;

	while (*s == ' ')
		s++;
	for (; isdigit((unsigned char)*s); s++, digits++)
		if (v < 1000)
			v = v * 10 + (*s - '0');
	while (*s == ' ')
		s++;
	if (!digits || *s)
		return sy_fail(err, SY_ERR_USAGE, "level: must be a number from "
			       "%d to %d (1 = top)", SY_LEVEL_MIN, SY_LEVEL_MAX);
	*level = (int)v;
	return sy_check_level(*level, err);
}

static bool is_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

static sy_status check_year(int year, sy_error *err)
{
	if (year != 0 && (year < 1000 || year > 9999))
		return sy_fail(err, SY_ERR_USAGE, "year: must be four digits, "
			       "e.g. 2023 (not %d)", year);
	return SY_OK;
}

sy_status sy_parse_year(const char *text, int *year, sy_error *err)
{
	size_t n;
	const char *s = trimmed(text, &n);

	*year = 0;
	if (n == 0)
		return SY_OK;
	if (n != 4 || !is_digits(s, 4) || *s == '0')
		return sy_fail(err, SY_ERR_USAGE, "year: must be four digits, "
			       "e.g. 2023 (not %.*s)", (int)(n > 40 ? 40 : n), s);
	*year = atoi(s);
	return SY_OK;
}

static sy_status check_date(const char *date, sy_error *err)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d;

	if (!date || !*date)
		return SY_OK;
	if (strlen(date) == 10 && is_digits(date, 4) && date[4] == '-' &&
	    is_digits(date + 5, 2) && date[7] == '-' && is_digits(date + 8, 2)) {
		y = atoi(date);
		m = atoi(date + 5);
		d = atoi(date + 8);
		if (y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1] &&
		    (m != 2 || d < 29 || (y % 4 == 0 && (y % 100 || y % 400 == 0))))
			return SY_OK;
	}
	return sy_fail(err, SY_ERR_USAGE, "date: must be a date written "
		       "YYYY-MM-DD, e.g. 2024-01-30 (not %.40s)", date);
}

sy_status sy_check_document(const sy_docfacts *d, sy_error *err)
{
	sy_status st = check_year(d->year, err);

	return st != SY_OK ? st : check_date(d->date, err);
}

/* One of VALUE and VALUE_MAX. */
static sy_status check_amount(const char *field, double v, bool has,
			      sy_error *err)
{
	if (!has)
		return SY_OK;
	if (!isfinite(v))
		return sy_fail(err, SY_ERR_USAGE, "%s: not a finite number", field);
	if (v < 0)
		return sy_fail(err, SY_ERR_USAGE, "%s: %g is negative; a "
			       "statistic is never below 0", field, v);
	return SY_OK;
}

sy_status sy_check_text(const char *field, const char *text, sy_error *err)
{
	size_t n = text ? strlen(text) : 0, bad;

	if (!n)
		return SY_OK;
	if ((bad = sy_utf8_validate((const unsigned char *)text, n)) < n)
		return sy_fail(err, SY_ERR_USAGE, "%s: invalid UTF-8 at byte %zu "
			       "(a character cut in two)", field, bad);
	if (n > (size_t)SY_MAX_ITEM_CHARS &&
	    sy_utf8_count(text, n) > (size_t)SY_MAX_ITEM_CHARS)
		return sy_fail(err, SY_ERR_USAGE, "%s: longer than %d characters",
			       field, SY_MAX_ITEM_CHARS);
	return SY_OK;
}

sy_status sy_check_note(const char *note, sy_error *err)
{
	size_t n = note ? strlen(note) : 0;

	if (n > SY_MAX_NOTE_BYTES)
		return sy_fail(err, SY_ERR_USAGE, "note: longer than %zu KiB",
			       SY_MAX_NOTE_BYTES >> 10);
	if (n && sy_utf8_validate((const unsigned char *)note, n) < n)
		return sy_fail(err, SY_ERR_USAGE, "note: invalid UTF-8 (a "
			       "character cut in two)");
	return SY_OK;
}

sy_status sy_check_section(int level, const char *marker, const char *title,
			   sy_error *err)
{
	sy_status st;

	if ((st = sy_check_level(level, err)) != SY_OK ||
	    (st = sy_check_text(sy_section_keys[SY_SEC_MARKER], marker, err)) != SY_OK)
		return st;
	return sy_check_text(sy_section_keys[SY_SEC_TITLE], title, err);
}

sy_status sy_check_stat(const sy_stat *s, sy_error *err)
{
	sy_status st;

	if ((st = sy_check_text(sy_stat_keys[SY_STAT_UNIT], s->unit, err)) != SY_OK ||
	    (st = sy_check_text(sy_stat_keys[SY_STAT_SUBJECT], s->subject, err)) != SY_OK)
		return st;
	if ((st = check_amount(sy_stat_keys[SY_STAT_VALUE], s->value, s->has_value, err)) != SY_OK ||
	    (st = check_amount(sy_stat_keys[SY_STAT_VALUE_MAX], s->value_max, s->has_value_max,
			       err)) != SY_OK)
		return st;
	if ((unsigned)s->approx > SY_APPROX_RANGE)
		return sy_fail(err, SY_ERR_USAGE, "approx: must be empty, over, "
			       "under, about or range");
	if (s->has_value_max && s->approx != SY_APPROX_RANGE)
		return sy_fail(err, SY_ERR_USAGE, "value_max: only a range has "
			       "an upper bound (set approx to range, or leave "
			       "value_max empty)");
	if (s->has_value_max && s->has_value && s->value_max < s->value)
		return sy_fail(err, SY_ERR_USAGE, "value_max: the upper bound "
			       "%.15g is below the value %.15g", s->value_max,
			       s->value);
	return SY_OK;
}

sy_status sy_check_tag(const char *tag, sy_error *err)
{
	const unsigned char *p = (const unsigned char *)tag;

	if (!p || !*p)
		return sy_fail(err, SY_ERR_USAGE, "tag: empty");
	for (; *p; p++)
		if (*p <= 0x20 || *p == 0x7F || strchr(",[]{}:#", *p))
			return sy_fail(err, SY_ERR_USAGE, "tag: a tag is one word "
				       "(letters, digits, - and _), not \"%.40s\"",
				       tag);
	return SY_OK;
}
