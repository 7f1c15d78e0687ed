/* read_util.c - see read_util.h */
#include "import/read_util.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/fileopen.h"
#include "base/i18n.h"
#include "base/mem.h"
#include "base/utf8.h"
#include "model/schema.h"

/* BUF (LEN bytes) is UTF-8, its BOM dropped; else SY_ERR_ENCODING with
 * the line. */
static sy_status utf8_only(const char *shown, char *buf, size_t *len,
			   sy_error *err)
{
	size_t bad, line = 1;

	if (*len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
		memmove(buf, buf + 3, *len - 3 + 1);
		*len -= 3;
	}
	if ((bad = sy_utf8_validate((const unsigned char *)buf, *len)) == *len)
		return SY_OK;
	for (size_t i = 0; i < bad; i++)
		line += buf[i] == '\n';
	return sy_fail(err, SY_ERR_ENCODING, _("%s:%zu: not UTF-8 (byte %zu)"),
		       shown, line, bad + 1);
}

sy_status sy_pred_slurp(const char *name, char **buf, size_t *len,
			const char **shown, sy_error *err)
{
	sy_status st = SY_OK;

	*buf = NULL;
	*len = 0;
	if (name && strcmp(name, "-")) {
		*shown = name;
		st = sy_read_regular(name, SY_MAX_FILE_BYTES, buf, len, NULL, err);
	} else {
		*shown = _("standard input");
		if (sy_read_fd(0, 0, SY_MAX_FILE_BYTES, buf, len) != 0)
			st = errno == ENOMEM ? sy_fail(err, SY_ERR_NOMEM, _("out of memory"))
			     : sy_fail(err, errno == EFBIG ? SY_ERR_LIMIT : SY_ERR_IO,
				       "%s: %s", *shown, strerror(errno));
	}
	if (st == SY_OK && (st = utf8_only(*shown, *buf, len, err)) != SY_OK) {
		free(*buf);
		*buf = NULL;
	}
	return st;
}

bool sy_pred_label_kind(const char *label, sy_pred_kind *kind)
{
	static const struct {
		const char *name;
		sy_pred_kind kind;
	} L[] = {
		{ "statistic", SY_PRED_STAT }, { "stat", SY_PRED_STAT },
		{ "section", SY_PRED_SECTION }, { "heading", SY_PRED_SECTION },
	};

	for (size_t i = 0; label && i < sizeof L / sizeof *L; i++)
		if (!strcasecmp(label, L[i].name)) {
			*kind = L[i].kind;
			return true;
		}
	return false;
}

bool sy_pred_offset(const char *s, size_t *n)
{
	size_t v = 0;

	if (!s || !*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > ((size_t)-1 - 9) / 10)
			return false;
		v = v * 10 + (size_t)(*s - '0');
	}
	*n = v;
	return true;
}

/* A finite number, the whole of S. */
static bool number(const char *s, double *d)
{
	char *end;

	if (!s || !*s || strchr(" \t\r\n", *s))
		return false;
	errno = 0;
	*d = strtod(s, &end);
	return !*end && errno != ERANGE && isfinite(*d);
}

int sy_pred_set_field(sy_pred_item *it, const char *key, const char *val,
		      const char **why)
{
	const char *const *sk = sy_stat_keys, *const *ck = sy_section_keys;

	if (!strcmp(key, sk[SY_STAT_VALUE]) || !strcmp(key, sk[SY_STAT_VALUE_MAX])) {
		bool max = !strcmp(key, sk[SY_STAT_VALUE_MAX]);
		double d = 0;
		if (val && !number(val, &d)) {
			*why = max ? N_("value_max is not a number") : N_("value is not a number");
			return -1;
		}
		*(max ? &it->value_max : &it->value) = d;
		*(max ? &it->has_value_max : &it->has_value) = val != NULL;
		*(max ? &it->value_max_given : &it->value_given) = true;
	} else if (!strcmp(key, sk[SY_STAT_UNIT])) {
		it->unit = val;
		it->unit_given = true;
	} else if (!strcmp(key, sk[SY_STAT_SUBJECT])) {
		it->subject = val;
		it->subject_given = true;
	} else if (!strcmp(key, sk[SY_STAT_APPROX])) {
		it->approx = SY_APPROX_NONE;
		if (val && strcmp(val, "none") && sy_approx_parse(val, &it->approx)) {
			*why = N_("approx is not none, over, under, about or range");
			return -1;
		}
		it->approx_given = true;
	} else if (!strcmp(key, ck[SY_SEC_LEVEL])) {
		size_t n;
		if (val && (!sy_pred_offset(val, &n) || n < 1 || n > 9)) {
			*why = N_("level is not a whole number from 1 to 9");
			return -1;
		}
		it->level = val ? (int)n : 0;
		it->level_given = val != NULL;
	} else if (!strcmp(key, ck[SY_SEC_MARKER])) {
		it->marker = val;
	} else if (!strcmp(key, ck[SY_SEC_TITLE])) {
		it->title = val;
	} else if (!strcmp(key, "score")) {
		if (val && (!number(val, &it->score) || it->score < 0 || it->score > 1)) {
			*why = N_("score is not a number in [0, 1]");
			return -1;
		}
		it->has_score = val != NULL;
	} else if (!strcmp(key, sk[SY_STAT_TEXT])) {
		it->text = val;
	} else if (!strcmp(key, sk[SY_STAT_ID])) {
		it->id = val;
	} else {
		return 0;
	}
	return 1;
}

/* ------------------------------------------------------------ batch */

sy_pred_doc *sy_pred_batch_doc(sy_pred_batch *b, const char *format,
			       const char *input, size_t line)
{
	sy_pred_doc *d;

	if (SY_GROW(b->docs, b->ndocs, b->capdocs) ||
	    SY_GROW(b->first, b->ndocs, b->capfirst))
		return NULL;
	b->first[b->ndocs] = b->nitems;
	d = &b->docs[b->ndocs++];
	memset(d, 0, sizeof *d);
	d->format = format;
	d->input = input;
	d->line = line;
	return d;
}

sy_pred_item *sy_pred_batch_item(sy_pred_batch *b)
{
	sy_pred_item *it;

	if (SY_GROW(b->items, b->nitems, b->capitems))
		return NULL;
	it = &b->items[b->nitems++];
	memset(it, 0, sizeof *it);
	return it;
}

int sy_pred_batch_own(sy_pred_batch *b, void *p)
{
	if (SY_GROW(b->owned, b->nowned, b->capowned)) {
		free(p);
		return -1;
	}
	b->owned[b->nowned++] = p;
	return 0;
}

sy_status sy_pred_batch_deliver(sy_pred_batch *b, sy_pred_fn fn, void *ctx,
				sy_error *err)
{
	for (size_t i = 0; i < b->ndocs; i++) {
		sy_pred_doc *d = &b->docs[i];
		size_t end = i + 1 < b->ndocs ? b->first[i + 1] : b->nitems;
		sy_status st;

		d->items = b->items ? b->items + b->first[i] : NULL;
		d->n = end - b->first[i];
		if ((st = fn(ctx, d, err)) != SY_OK)
			return st;
	}
	return SY_OK;
}

void sy_pred_batch_free(sy_pred_batch *b)
{
	for (size_t i = 0; i < b->nowned; i++)
		free(b->owned[i]);
	free(b->owned);
	free(b->docs);
	free(b->first);
	free(b->items);
	memset(b, 0, sizeof *b);
}
