/* annot_fields.c - a tree's mappings into the model, field by field (see
 * annot_rd.h): each value checked for its type and range, refused with
 * "NAME:LINE:COLUMN: reason".  The field tables come from model/schema.h;
 * a key the tables do not know goes into the item's `extra`.
 */
#include "format/annot_rd.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define TAG_STR "tag:yaml.org,2002:str"

const char *const sy_rd_top_keys[SY_TOP_COUNT] = { SY_TOP_KEYS(SY_FIELD_KEY) };
const char *const sy_rd_source_keys[SY_SRC_COUNT] = {
	SY_SOURCE_FIELDS(SY_FIELD_KEY)
};
const char *const sy_rd_section_keys[SY_SEC_COUNT] = {
	SY_SECTION_FIELDS(SY_FIELD_KEY)
};

#define is_null sy_ynode_is_null
#define nomem sy_rd_nomem
#define shown sy_rd_shown
#define is_plain sy_rd_is_plain
#define parse_ll sy_rd_parse_ll


sy_status sy_rd_nomem(pctx *c)
{
	return sy_fail(c->err, SY_ERR_NOMEM, "%s: out of memory", c->name);
}

/* (see annot_rd.h) */
sy_status sy_rd_take_fields(pctx *c, const sy_ynode *m, const char *what,
			    field *f, size_t nf, sy_node **extra)
{
	sy_node *copy;
	size_t i, j, t, next = 0;

	if (m->kind != SY_NODE_MAP)
		return FAIL_NODE(c, m, SY_ERR_FORMAT, "%s must be a mapping",
				 what);
	for (i = 0; i < m->n; i += 2) {
		const sy_ynode *k = m->kids[i], *v = m->kids[i + 1];
		/* the keys are distinct: look from the one after the last
		 * found, as files mostly keep the table's order */
		for (t = 0, j = next; t < nf; t++, j = j + 1 < nf ? j + 1 : 0)
			if (f[j].key[0] == k->text[0] &&
			    strcmp(f[j].key, k->text) == 0)
				break;
		if (t == nf)
			j = nf;
		else
			next = j + 1 < nf ? j + 1 : 0;
		if (j < nf) {
			if (f[j].v)
				return FAIL_NODE(c, k, SY_ERR_FORMAT,
						 "duplicate key '%s' in %s",
						 k->text, what);
			f[j].k = k;
			f[j].v = v;
			continue;
		}
		if (!extra)
			continue;
		if (!*extra && !(*extra = sy_node_map()))
			return nomem(c);
		copy = sy_ynode_to_node(v);
		if (!copy || sy_node_put(*extra, k->text, copy) < 0)
			return nomem(c);
	}
	for (j = 0; j < nf; j++)
		if (f[j].required && !f[j].v)
			return FAIL_NODE(c, m, SY_ERR_FORMAT,
					 "missing required field '%s' in %s",
					 f[j].key, what);
	return SY_OK;
}

/* A scalar that may hold a number: plain and not tagged !!str. */
bool is_plain(const sy_ynode *p)
{
	return p->kind == SY_NODE_SCALAR && !p->quoted &&
	       !(p->tag && strcmp(p->tag, TAG_STR) == 0);
}

/* "the string " for a quoted scalar P, "" otherwise (for messages). */
static const char *quoted_word(const sy_ynode *p)
{
	return p->kind == SY_NODE_SCALAR && !is_plain(p) ? "the string " : "";
}

/* P's text for messages ("a list", "a mapping" for collections). */
const char *shown(const sy_ynode *p)
{
	if (p->kind == SY_NODE_SCALAR)
		return p->text;
	return p->kind == SY_NODE_SEQ ? "a list" : "a mapping";
}

/* String field F into *OUT (owned by the caller).  Absent: *OUT = NULL.
 * Null: *OUT = NULL when NULLABLE, refused otherwise. */
static sy_status get_str(pctx *c, const field *f, char **out, bool nullable)
{
	*out = NULL;
	if (!f->v)
		return SY_OK;
	if (f->v->kind != SY_NODE_SCALAR)
		return FAIL_NODE(c, f->v, SY_ERR_FORMAT,
				 "%s: expected a string", f->key);
	if (is_null(f->v)) {
		if (nullable)
			return SY_OK;
		return FAIL_NODE(c, f->v, SY_ERR_FORMAT,
				 "%s: expected a string, not null", f->key);
	}
	*out = strdup(f->v->text);
	return *out ? SY_OK : nomem(c);
}

/* Parse a decimal integer (optional sign, no leading zeros) in S.
 * 0 ok, -1 not an integer, -2 out of range. */
int parse_ll(const char *s, long long *out)
{
	const char *d = s + (*s == '-' || *s == '+');
	char *end;

	if (*d < '0' || *d > '9' || (d[0] == '0' && d[1] != '\0'))
		return -1;
	for (end = (char *)d; *end >= '0' && *end <= '9'; end++)
		;
	if (*end)
		return -1;
	errno = 0;
	*out = strtoll(s, &end, 10);
	return errno == ERANGE ? -2 : 0;
}

/* Integer field F in [MIN, MAX] into *OUT.  An absent field is left as
 * is; null is taken (*IS_NULL = true) only when IS_NULL is non-NULL. */
static sy_status get_ll(pctx *c, const field *f, long long min,
			long long max, long long *out, bool *is_null_out)
{
	long long v;
	int r;

	if (is_null_out)
		*is_null_out = false;
	if (!f->v)
		return SY_OK;
	if (is_null_out && is_null(f->v)) {
		*is_null_out = true;
		return SY_OK;
	}
	if (!is_plain(f->v) || (r = parse_ll(f->v->text, &v)) == -1)
		return FAIL_NODE(c, f->v, SY_ERR_FORMAT,
				 "%s: expected an integer, not %s'%.40s'",
				 f->key, quoted_word(f->v), shown(f->v));
	if (r == -2 || v > max)
		return FAIL_NODE(c, f->v, SY_ERR_FORMAT, "%s: %s is too large",
				 f->key, f->v->text);
	if (v < min && min == 0)
		return FAIL_NODE(c, f->v, SY_ERR_FORMAT,
				 "%s: negative offset %s", f->key, f->v->text);
	if (v < min)
		return FAIL_NODE(c, f->v, SY_ERR_FORMAT,
				 "%s: %s is below %lld", f->key, f->v->text, min);
	*out = v;
	return SY_OK;
}

static sy_status get_size(pctx *c, const field *f, size_t *out)
{
	long long v = 0;
	long long max = (unsigned long long)SIZE_MAX < (unsigned long long)LLONG_MAX
			? (long long)SIZE_MAX : LLONG_MAX;
	sy_status st = get_ll(c, f, 0, max, &v, NULL);

	if (st == SY_OK && f->v)
		*out = (size_t)v;
	return st;
}

/* True when S is a decimal number as YAML 1.1 and 1.2 read one:
 * [-+]? (digits | digits.digits? | .digits) ([eE][-+]digits)?,
 * an integer without leading zeros, or .inf / .nan. */
static bool is_number_text(const char *s)
{
	static const char *const special[] = {
		".inf", ".Inf", ".INF", "-.inf", "-.Inf", "-.INF", "+.inf",
		"+.Inf", "+.INF", ".nan", ".NaN", ".NAN"
	};
	const char *p = s + (*s == '-' || *s == '+'), *ip;
	size_t i, idig, fdig = 0;
	bool dot = false;

	for (i = 0; i < sizeof special / sizeof *special; i++)
		if (strcmp(s, special[i]) == 0)
			return true;
	for (ip = p; *p >= '0' && *p <= '9'; p++)
		;
	idig = (size_t)(p - ip);
	if (*p == '.') {
		dot = true;
		for (ip = ++p; *p >= '0' && *p <= '9'; p++)
			;
		fdig = (size_t)(p - ip);
	}
	if (idig + fdig == 0)
		return false;
	if (!dot && idig > 1 && s[s[0] == '-' || s[0] == '+'] == '0')
		return false;          /* YAML 1.1 octal */
	if (*p == 'e' || *p == 'E') {
		if (!dot || (p[1] != '-' && p[1] != '+') || p[2] < '0' || p[2] > '9')
			return false;  /* PyYAML reads 1e5 as a string */
		for (p += 2; *p >= '0' && *p <= '9'; p++)
			;
	}
	return *p == '\0';
}

/* Number-or-null field F into *V / *HAS.  Absent: null. */
static sy_status get_num(pctx *c, const field *f, double *v, bool *has)
{
	const char *t;

	*v = 0;
	*has = false;
	if (!f->v || is_null(f->v))
		return SY_OK;
	if (!is_plain(f->v) || !is_number_text(f->v->text))
		return FAIL_NODE(c, f->v, SY_ERR_FORMAT,
				 "%s: expected a number or null, not %s'%.40s'",
				 f->key, quoted_word(f->v), shown(f->v));
	t = f->v->text + (f->v->text[0] == '+');
	if (strstr(t, "inf") || strstr(t, "Inf") || strstr(t, "INF"))
		*v = t[0] == '-' ? -HUGE_VAL : HUGE_VAL;
	else if (strchr(t, 'n') || strchr(t, 'N'))
		*v = NAN;
	else
		*v = strtod(t, NULL);
	*has = true;
	return SY_OK;
}

static int parse_status(const char *text, void *out)
{
	return sy_status_parse(text, out);
}

static int parse_approx(const char *text, void *out)
{
	return sy_approx_parse(text, out);
}

/* A field F that is one of a few words (WORDS in messages), read by
 * PARSE into OUT (0, or -1 for another word).  Absent, or null when
 * NULLABLE: OUT as the caller set it. */
static sy_status get_word(pctx *c, const field *f, bool nullable,
			  int (*parse)(const char *, void *), void *out,
			  const char *words)
{
	if (!f->v || (nullable && is_null(f->v)))
		return SY_OK;
	if (f->v->kind != SY_NODE_SCALAR || is_null(f->v) ||
	    parse(f->v->text, out) < 0)
		return FAIL_NODE(c, f->v, SY_ERR_FORMAT,
				 "unknown %s '%.40s' (expected %s)", f->key,
				 shown(f->v), words);
	return SY_OK;
}

static sy_status get_status(pctx *c, const field *f, sy_review_status *s)
{
	*s = SY_PENDING;
	return get_word(c, f, false, parse_status, s,
			"pending, accepted, fixed, rejected or added");
}

static sy_status get_approx(pctx *c, const field *f, sy_approx *a)
{
	*a = SY_APPROX_NONE;
	return get_word(c, f, true, parse_approx, a,
			"null, over, under, about or range");
}

static sy_status get_tags(pctx *c, const field *f, sy_tags *t)
{
	size_t i;

	if (!f->v || is_null(f->v))
		return SY_OK;
	if (f->v->kind != SY_NODE_SEQ)
		return FAIL_NODE(c, f->v, SY_ERR_FORMAT,
				 "%s must be a list", f->key);
	for (i = 0; i < f->v->n; i++) {
		const sy_ynode *p = f->v->kids[i];
		if (p->kind != SY_NODE_SCALAR || is_null(p))
			return FAIL_NODE(c, p, SY_ERR_FORMAT,
					 "%s: expected a string", f->key);
		if (sy_tags_add(t, p->text) < 0)
			return nomem(c);
	}
	return SY_OK;
}

/* ------------------------------------------------------------ the model */

/* The optional mapping F into *OUT (NULL when absent or null). */
static sy_status get_map(pctx *c, const field *f, sy_node **out)
{
	if (!f->v || is_null(f->v))
		return SY_OK;
	if (f->v->kind != SY_NODE_MAP)
		return FAIL_NODE(c, f->v, SY_ERR_FORMAT, "%s must be a mapping",
				 f->key);
	*out = sy_ynode_to_node(f->v);
	return *out ? SY_OK : nomem(c);
}

/* by: every key a source name, every value a score in [0, 1] or null. */
static sy_status check_by(pctx *c, const field *f)
{
	size_t i;

	if (!f->v || f->v->kind != SY_NODE_MAP)
		return SY_OK;
	for (i = 0; i + 1 < f->v->n; i += 2) {
		const sy_ynode *k = f->v->kids[i], *v = f->v->kids[i + 1];
		double d;

		if (k->kind != SY_NODE_SCALAR || !k->len)
			return FAIL_NODE(c, k, SY_ERR_FORMAT,
					 "%s: a source name must be a string",
					 f->key);
		if (v->kind != SY_NODE_SCALAR)
			return FAIL_NODE(c, v, SY_ERR_FORMAT,
					 "%s: %s: a score must be a number",
					 f->key, k->text);
		if (is_null(v))
			continue;
		d = is_plain(v) && is_number_text(v->text) &&
		    !strpbrk(v->text, "nNiI") ? strtod(v->text, NULL) : NAN;
		if (!(d >= 0 && d <= 1))
			return FAIL_NODE(c, v, SY_ERR_FORMAT,
					 "%s: %s: a score must be a number "
					 "from 0 to 1, not \"%s\"",
					 f->key, k->text, v->text);
	}
	return SY_OK;
}

/* proposers: a mapping of source name -> mapping. */
sy_status sy_rd_proposers(pctx *c, const field *f, sy_node **out)
{
	size_t i;

	if (f->v && f->v->kind == SY_NODE_MAP)
		for (i = 0; i + 1 < f->v->n; i += 2)
			if (f->v->kids[i + 1]->kind != SY_NODE_MAP)
				return FAIL_NODE(c, f->v->kids[i + 1],
						 SY_ERR_FORMAT,
						 "%s: %s must be a mapping",
						 f->key, f->v->kids[i]->text);
	return get_map(c, f, out);
}

/* The review fields (SY_REVIEW_FIELDS) from F[0..SY_REV_COUNT) into R. */
static sy_status get_review(pctx *c, const field *f, sy_review *r)
{
	sy_status st;

	if ((st = get_status(c, &f[SY_REV_STATUS], &r->status)) != SY_OK ||
	    (st = get_tags(c, &f[SY_REV_TAGS], &r->tags)) != SY_OK ||
	    (st = get_str(c, &f[SY_REV_NOTE], &r->note, true)) != SY_OK ||
	    (st = get_map(c, &f[SY_REV_PROPOSED], &r->proposed)) != SY_OK ||
	    (st = check_by(c, &f[SY_REV_BY])) != SY_OK ||
	    (st = get_map(c, &f[SY_REV_BY], &r->by)) != SY_OK ||
	    (st = get_map(c, &f[SY_REV_DISAGREEMENT], &r->disagreement)) != SY_OK)
		return st;
	return get_str(c, &f[SY_REV_VIA], &r->via, true);
}

/* start, end from FS, FE: start <= end <= source.chars. */
static sy_status get_span(pctx *c, const field *fs, const field *fe,
			  size_t *start, size_t *end)
{
	sy_status st;

	if ((st = get_size(c, fs, start)) != SY_OK ||
	    (st = get_size(c, fe, end)) != SY_OK)
		return st;
	if (*start > *end)
		return FAIL_NODE(c, fs->v, SY_ERR_FORMAT,
				 "%s %zu > %s %zu", fs->key, *start, fe->key,
				 *end);
	if (*end > c->chars)
		return FAIL_NODE(c, fe->v, SY_ERR_FORMAT,
				 "%s %zu beyond %s.%s %zu", fe->key, *end,
				 sy_rd_top_keys[SY_TOP_SOURCE],
				 sy_rd_source_keys[SY_SRC_CHARS], c->chars);
	return SY_OK;
}

/* A non-empty id from F into *ID. */
static sy_status get_id(pctx *c, const field *f, char **id)
{
	sy_status st = get_str(c, f, id, false);

	if (st == SY_OK && !**id)
		return FAIL_NODE(c, f->v, SY_ERR_FORMAT, "%s must not be empty",
				 f->key);
	return st;
}

static sy_status section_fields(pctx *c, const field *f, sy_section *s)
{
	long long level = 0;
	sy_status st;

	free(s->id);
	s->id = NULL;
	if ((st = get_id(c, &f[SY_SEC_ID], &s->id)) != SY_OK ||
	    (st = get_ll(c, &f[SY_SEC_LEVEL], 1, INT_MAX, &level, NULL)) != SY_OK ||
	    (st = get_str(c, &f[SY_SEC_MARKER], &s->marker, false)) != SY_OK ||
	    (st = get_str(c, &f[SY_SEC_TITLE], &s->title, false)) != SY_OK ||
	    (st = get_span(c, &f[SY_SEC_START], &f[SY_SEC_END], &s->start,
			   &s->end)) != SY_OK)
		return st;
	s->level = (int)level;
	return get_review(c, &f[SE_REVIEW], &s->r);
}

static sy_status stat_fields(pctx *c, const field *f, sy_stat *s)
{
	sy_status st;

	free(s->id);
	s->id = NULL;
	if ((st = get_id(c, &f[SY_STAT_ID], &s->id)) != SY_OK ||
	    (st = get_str(c, &f[SY_STAT_TEXT], &s->text, false)) != SY_OK ||
	    (st = get_span(c, &f[SY_STAT_START], &f[SY_STAT_END], &s->start,
			   &s->end)) != SY_OK ||
	    (st = get_num(c, &f[SY_STAT_VALUE], &s->value, &s->has_value)) != SY_OK ||
	    (st = get_str(c, &f[SY_STAT_UNIT], &s->unit, true)) != SY_OK ||
	    (st = get_approx(c, &f[SY_STAT_APPROX], &s->approx)) != SY_OK ||
	    (st = get_num(c, &f[SY_STAT_VALUE_MAX], &s->value_max,
			  &s->has_value_max)) != SY_OK ||
	    (st = get_str(c, &f[SY_STAT_SUBJECT], &s->subject, true)) != SY_OK ||
	    (st = get_str(c, &f[SY_STAT_SECTION], &s->section, true)) != SY_OK)
		return st;
	return get_review(c, &f[ST_REVIEW], &s->r);
}

sy_status sy_rd_item_fields(pctx *c, int list, const field *f, void *item)
{
	return list == L_SECTIONS ? section_fields(c, f, item)
				  : stat_fields(c, f, item);
}

sy_status sy_rd_item(pctx *c, int list, const sy_ynode *m, void *item)
{
	field fs[SE_COUNT] = SECTION_FIELDS, ft[ST_COUNT] = STAT_FIELDS;
	bool sec = list == L_SECTIONS;
	sy_status st;

	st = sy_rd_take_fields(c, m, sec ? "section" : "statistic",
			       sec ? fs : ft, sec ? SE_COUNT : ST_COUNT,
			       sec ? &((sy_section *)item)->r.extra
				   : &((sy_stat *)item)->r.extra);
	return st == SY_OK ? sy_rd_item_fields(c, list, sec ? fs : ft, item) : st;
}

static bool is_hex64(const char *s)
{
	size_t i;

	for (i = 0; i < 64; i++)
		if (!strchr("0123456789abcdefABCDEF", s[i]) || !s[i])
			return false;
	return s[64] == '\0';
}

sy_status sy_rd_source(pctx *c, const sy_ynode *m, sy_sourceinfo *s)
{
	field f[] = { SY_SOURCE_FIELDS(SY_RD_FIELD_) };
	char *sha = NULL;
	sy_status st;

	if ((st = sy_rd_take_fields(c, m, sy_rd_top_keys[SY_TOP_SOURCE], f,
				    SY_SRC_COUNT, &s->extra)) != SY_OK ||
	    (st = get_str(c, &f[SY_SRC_PATH], &s->path, false)) != SY_OK ||
	    (st = get_str(c, &f[SY_SRC_SHA256], &sha, false)) != SY_OK)
		return st;
	if (!is_hex64(sha)) {
		free(sha);
		return FAIL_NODE(c, f[SY_SRC_SHA256].v, SY_ERR_FORMAT,
				 "%s: expected 64 hex digits",
				 f[SY_SRC_SHA256].key);
	}
	memcpy(s->sha256, sha, 65);
	free(sha);
	if ((st = get_str(c, &f[SY_SRC_ENCODING], &s->encoding, true)) != SY_OK ||
	    (st = get_size(c, &f[SY_SRC_CHARS], &s->chars)) != SY_OK)
		return st;
	if (f[SY_SRC_CHARS].v) {
		s->chars_line = f[SY_SRC_CHARS].v->line;
		s->chars_col = f[SY_SRC_CHARS].v->col;
	}
	if (!s->encoding && !(s->encoding = strdup("utf-8")))
		return nomem(c);
	if (strcmp(s->encoding, "utf-8") != 0 &&
	    strcmp(s->encoding, "gb18030") != 0)
		return FAIL_NODE(c, f[SY_SRC_ENCODING].v, SY_ERR_FORMAT,
				 "unknown %s '%.40s' (expected utf-8 or "
				 "gb18030)", f[SY_SRC_ENCODING].key,
				 s->encoding);
	c->chars = s->chars;
	return SY_OK;
}

sy_status sy_rd_document(pctx *c, const sy_ynode *m, sy_docfacts *d)
{
	field f[] = { SY_DOC_FIELDS(SY_RD_FIELD_) };
	long long year = 0;
	bool null_year;
	sy_status st;

	if (!m || is_null(m))
		return SY_OK;
	if ((st = sy_rd_take_fields(c, m, sy_rd_top_keys[SY_TOP_DOCUMENT], f,
				    SY_DOC_COUNT, &d->extra)) != SY_OK ||
	    (st = get_str(c, &f[SY_DOC_TITLE], &d->title, true)) != SY_OK ||
	    (st = get_str(c, &f[SY_DOC_ISSUER], &d->issuer, true)) != SY_OK ||
	    (st = get_str(c, &f[SY_DOC_REGION], &d->region, true)) != SY_OK ||
	    (st = get_ll(c, &f[SY_DOC_YEAR], INT_MIN, INT_MAX, &year,
			 &null_year)) != SY_OK ||
	    (st = get_str(c, &f[SY_DOC_DATE], &d->date, true)) != SY_OK ||
	    (st = get_status(c, &f[SY_DOC_STATUS], &d->status)) != SY_OK)
		return st;
	d->year = null_year ? 0 : (int)year;
	return SY_OK;
}

sy_status sy_rd_review(pctx *c, const sy_ynode *m, sy_reviewinfo *r)
{
	field f[] = { SY_REVIEWINFO_FIELDS(SY_RD_FIELD_) };
	sy_status st;

	if (!m || is_null(m))
		return SY_OK;
	r->present = true;
	if ((st = sy_rd_take_fields(c, m, sy_rd_top_keys[SY_TOP_REVIEW], f,
				    SY_RINFO_COUNT, &r->extra)) != SY_OK ||
	    (st = get_str(c, &f[SY_RINFO_REVIEWER], &r->reviewer,
			  true)) != SY_OK ||
	    (st = get_str(c, &f[SY_RINFO_UPDATED], &r->updated, true)) != SY_OK)
		return st;
	return get_str(c, &f[SY_RINFO_CURSOR], &r->cursor, true);
}

