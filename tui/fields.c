/* fields.c - see fields.h */
#include "fields.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "model/schema.h"
#include "model/validate.h"

/* The keys of format 1 (schema.h), the labels of the fields. */
static const char *const STAT_KEY[] = { SY_STAT_FIELDS(SY_FIELD_KEY) };
static const char *const SEC_KEY[] = { SY_SECTION_FIELDS(SY_FIELD_KEY) };
static const char *const DOC_KEY[] = { SY_DOC_FIELDS(SY_FIELD_KEY) };

/* V as the fix form shows it: "" when !HAS, integers without a point. */
static void format_value(char *out, size_t cap, double v, bool has)
{
	if (!has)
		snprintf(out, cap, "%s", "");
	else if (v == floor(v) && fabs(v) < 1e15)
		snprintf(out, cap, "%.0f", v);
	else                   /* the fewest digits that read back as V */
		for (int prec = 1; prec <= 17; prec++) {
			snprintf(out, cap, "%.*g", prec, v);
			if (strtod(out, NULL) == v)
				break;
		}
}

/* Fill F with the fields KEYS[ID[i]] (their labels), hints HINT[i] and
 * copies of V[i] (NULL: ""); -1 on OOM, with nothing left to free. */
static int fill(sy_field *f, size_t n, const char *const *keys, const int *id,
		const char *const *hint, const char *const *v)
{
	for (size_t i = 0; i < n; i++)
		f[i] = (sy_field){ keys[id[i]], NULL, hint[i] ? _(hint[i]) : NULL };
	for (size_t i = 0; i < n; i++)
		if (sy_field_set(&f[i], v[i])) {
			sy_fields_free(f, n);
			return -1;
		}
	return 0;
}

int sy_stat_fields(sy_field f[SY_NSTAT_FIELDS], const sy_stat *s)
{
	static const int id[SY_NSTAT_FIELDS] = {
		SY_STAT_VALUE, SY_STAT_UNIT, SY_STAT_APPROX, SY_STAT_VALUE_MAX,
		SY_STAT_SUBJECT
	};
	static const char *const hint[SY_NSTAT_FIELDS] = {
		N_("a number, e.g. 9380 or 92.5; empty: none"), "宗, 件, 元, % ...",
		/* TRANSLATORS: over, under, about and range are values of the
		 * file: keep them in English */
		N_("empty, over, under, about or range"),
		N_("the upper bound of a range (approx range)"), N_("what is counted")
	};
	char v[48], vmax[48];
	const char *a = sy_approx_name(s->approx);
	const char *vals[SY_NSTAT_FIELDS] = { v, s->unit, a ? a : "", vmax,
					      s->subject };

	format_value(v, sizeof v, s->value, s->has_value);
	format_value(vmax, sizeof vmax, s->value_max, s->has_value_max);
	return fill(f, SY_NSTAT_FIELDS, STAT_KEY, id, hint, vals);
}

sy_status sy_stat_read(const sy_field *f, sy_stat *s, sy_error *err)
{
	sy_status st;

	memset(s, 0, sizeof *s);
	if ((st = sy_parse_number(STAT_KEY[SY_STAT_VALUE], f[0].value, &s->value, &s->has_value,
				  err)) != SY_OK ||
	    (st = sy_parse_approx(f[2].value, &s->approx, err)) != SY_OK ||
	    (st = sy_parse_number(STAT_KEY[SY_STAT_VALUE_MAX], f[3].value, &s->value_max,
				  &s->has_value_max, err)) != SY_OK)
		return st;
	s->unit = f[1].value[0] ? f[1].value : NULL;
	s->subject = f[4].value[0] ? f[4].value : NULL;
	return sy_check_stat(s, err);
}

sy_status sy_stat_check(const sy_field *f, size_t n, sy_error *err)
{
	sy_stat s;
	(void)n;
	return sy_stat_read(f, &s, err);
}

int sy_section_fields(sy_field f[SY_NSECTION_FIELDS], const sy_section *s)
{
	static const int id[SY_NSECTION_FIELDS] = {
		SY_SEC_LEVEL, SY_SEC_MARKER, SY_SEC_TITLE
	};
	static char level_hint[64];
	const char *hint[SY_NSECTION_FIELDS] = {
		level_hint, N_("as written: 一、 （一） 1. （1）"), NULL
	};
	char level[16];

	/* the range is the core's (validate.h) */
	snprintf(level_hint, sizeof level_hint, _("%d = top ... %d"), SY_LEVEL_MIN,
		 SY_LEVEL_MAX);
	const char *vals[SY_NSECTION_FIELDS] = { level, s->marker, s->title };

	snprintf(level, sizeof level, "%d", s->level);
	return fill(f, SY_NSECTION_FIELDS, SEC_KEY, id, hint, vals);
}

sy_status sy_section_read(const sy_field *f, int *level, sy_error *err)
{
	return sy_parse_level(f[0].value, level, err);
}

sy_status sy_section_check(const sy_field *f, size_t n, sy_error *err)
{
	int level;
	sy_status st = sy_section_read(f, &level, err);
	(void)n;
	return st != SY_OK ? st : sy_check_section(level, f[1].value, f[2].value, err);
}

int sy_doc_fields(sy_field f[SY_NDOC_FIELDS], const sy_docfacts *d)
{
	static const int id[SY_NDOC_FIELDS] = {
		SY_DOC_TITLE, SY_DOC_ISSUER, SY_DOC_REGION, SY_DOC_YEAR, SY_DOC_DATE
	};
	static const char *const hint[SY_NDOC_FIELDS] = {
		NULL, NULL, NULL, N_("the year the report covers, four digits"),
		N_("YYYY-MM-DD, the signing date")
	};
	char year[16] = "";
	const char *vals[SY_NDOC_FIELDS] = { d->title, d->issuer, d->region,
					     year, d->date };

	if (d->year)
		snprintf(year, sizeof year, "%d", d->year);
	return fill(f, SY_NDOC_FIELDS, DOC_KEY, id, hint, vals);
}

sy_status sy_doc_read(const sy_field *f, sy_docfacts *d, sy_error *err)
{
	sy_status st;

	memset(d, 0, sizeof *d);
	d->title = f[0].value[0] ? f[0].value : NULL;
	d->issuer = f[1].value[0] ? f[1].value : NULL;
	d->region = f[2].value[0] ? f[2].value : NULL;
	d->date = f[4].value[0] ? f[4].value : NULL;
	if ((st = sy_parse_year(f[3].value, &d->year, err)) != SY_OK)
		return st;
	return sy_check_document(d, err);
}

sy_status sy_doc_check(const sy_field *f, size_t n, sy_error *err)
{
	sy_docfacts d;
	(void)n;
	return sy_doc_read(f, &d, err);
}

