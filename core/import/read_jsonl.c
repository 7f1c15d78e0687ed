/* read_jsonl.c - doccano-style JSONL predictions (predict.h): one report
 * a line,
 *   {"id": ..., "text": ..., "label": [[START, END, LABEL], ...],
 *    "meta": {"file" | "path": ..., "model_version": ...},
 *    "items": [{"value", "unit", "approx", "value_max", "subject",
 *               "level", "marker", "title", "text", "score"}, ...]}
 * with `items` parallel to `label` (what `shenyue export --to jsonl`
 * writes), or doccano's "entities": [{"start_offset", "end_offset",
 * "label"}, ...].  LABEL is SECTION or STAT (any case; STATISTIC too).
 * Each line is parsed by json-c alone; the strings handed to the callback
 * live in that line's JSON tree, freed once the callback returns.
 */
#include "import/predict.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json.h>

#include "base/i18n.h"
#include "base/mem.h"
#include "model/schema.h"

typedef struct line_ctx {
	const char *name;
	size_t line;
	sy_error *err;
} line_ctx;

static sy_status bad(const line_ctx *l, const char *what, size_t k)
{
	if (k)
		return sy_fail(l->err, SY_ERR_FORMAT, _("%s:%zu: label %zu: %s"),
			       l->name, l->line, k, what);
	return sy_fail(l->err, SY_ERR_FORMAT, "%s:%zu: %s", l->name, l->line,
		       what);
}

static json_object *get(json_object *o, const char *key)
{
	json_object *v = NULL;
	if (o && json_object_is_type(o, json_type_object) &&
	    json_object_object_get_ex(o, key, &v))
		return v;
	return NULL;
}

static bool has(json_object *o, const char *key)
{
	return o && json_object_is_type(o, json_type_object) &&
	       json_object_object_get_ex(o, key, NULL);
}

/* A string, or NULL for null / absent; false for another type. */
static bool str_of(json_object *o, const char *key, const char **out)
{
	json_object *v = get(o, key);
	*out = NULL;
	if (!v)
		return true;
	if (!json_object_is_type(v, json_type_string))
		return false;
	*out = json_object_get_string(v);
	return true;
}

/* A number or null; false for another type. */
static bool num_of(json_object *v, double *d, bool *hasv)
{
	*hasv = false;
	if (!v)
		return true;
	if (json_object_is_type(v, json_type_int) ||
	    json_object_is_type(v, json_type_double)) {
		*d = json_object_get_double(v);
		*hasv = true;
		return true;
	}
	return false;
}

/* A non-negative integer offset. */
static bool off_of(json_object *v, size_t *out)
{
	int64_t n;
	if (!v || !json_object_is_type(v, json_type_int))
		return false;
	n = json_object_get_int64(v);
	if (n < 0)
		return false;
	*out = (size_t)n;
	return true;
}

static bool kind_of(const char *label, sy_pred_kind *k)
{
	if (!label)
		return false;
	if (!strcasecmp(label, "SECTION")) {
		*k = SY_PRED_SECTION;
		return true;
	}
	if (!strcasecmp(label, "STAT") || !strcasecmp(label, "STATISTIC")) {
		*k = SY_PRED_STAT;
		return true;
	}
	return false;
}

/* The fields of one item object O (may be NULL) into IT. */
static sy_status item_fields(const line_ctx *l, size_t k, json_object *o,
			     sy_pred_item *it)
{
	const char *const *sk = sy_stat_keys;
	const char *approx;
	json_object *v;
	bool h;

	if (!o)
		return SY_OK;
	if (!json_object_is_type(o, json_type_object))
		return bad(l, _("an element of items is not an object"), k);
	if ((it->value_given = has(o, sk[SY_STAT_VALUE])) &&
	    !num_of(get(o, sk[SY_STAT_VALUE]), &it->value, &it->has_value))
		return bad(l, _("value is not a number or null"), k);
	if ((it->value_max_given = has(o, sk[SY_STAT_VALUE_MAX])) &&
	    !num_of(get(o, sk[SY_STAT_VALUE_MAX]), &it->value_max,
		    &it->has_value_max))
		return bad(l, _("value_max is not a number or null"), k);
	it->unit_given = has(o, sk[SY_STAT_UNIT]);
	it->subject_given = has(o, sk[SY_STAT_SUBJECT]);
	if (!str_of(o, sk[SY_STAT_UNIT], &it->unit) ||
	    !str_of(o, sk[SY_STAT_SUBJECT], &it->subject) ||
	    !str_of(o, sy_section_keys[SY_SEC_MARKER], &it->marker) ||
	    !str_of(o, sy_section_keys[SY_SEC_TITLE], &it->title) ||
	    !str_of(o, "text", &it->text) || !str_of(o, "id", &it->id))
		return bad(l, _("a text field is not a string or null"), k);
	if ((it->approx_given = has(o, sk[SY_STAT_APPROX]))) {
		if (!str_of(o, sk[SY_STAT_APPROX], &approx) ||
		    (approx && sy_approx_parse(approx, &it->approx)))
			return bad(l, _("approx is not null, over, under, about or range"), k);
		if (!approx)
			it->approx = SY_APPROX_NONE;
	}
	if ((v = get(o, sy_section_keys[SY_SEC_LEVEL]))) {
		double d;
		if (!num_of(v, &d, &h))
			return bad(l, _("level is not a number"), k);
		if (h && (d < 1 || d > 9 || d != (int)d))
			return bad(l, _("level is not a whole number from 1 to 9"), k);
		it->level = (int)d;
		it->level_given = h;
	}
	if (!num_of(get(o, "score"), &it->score, &it->has_score) ||
	    (it->has_score && !(it->score >= 0 && it->score <= 1)))
		return bad(l, _("score is not a number in [0, 1] or null"), k);
	return SY_OK;
}

/* The spans of "label" (arrays) or "entities" (objects) into DOC->items
 * (*ITEMS grown as needed), with "items" parallel. */
static sy_status doc_items(const line_ctx *l, json_object *root,
			   sy_pred_item **items, size_t *cap, sy_pred_doc *doc)
{
	json_object *label = get(root, "label"), *ents = get(root, "entities");
	json_object *list = label ? label : ents;
	json_object *extra = get(root, "items");
	size_t n, i;
	sy_status st;

	doc->n = 0;
	if (!list || json_object_is_type(list, json_type_null))
		return SY_OK;
	if (!json_object_is_type(list, json_type_array))
		return bad(l, label ? _("label is not an array")
				    : _("entities is not an array"), 0);
	if (extra && !json_object_is_type(extra, json_type_null) &&
	    !json_object_is_type(extra, json_type_array))
		return bad(l, _("items is not an array"), 0);
	if (extra && json_object_is_type(extra, json_type_null))
		extra = NULL;
	n = json_object_array_length(list);
	if (extra && json_object_array_length(extra) != n)
		return bad(l, _("items and label are not of the same length"), 0);
	if (n > *cap) {
		sy_pred_item *p = realloc(*items, n * sizeof *p);
		if (!p)
			return sy_fail(l->err, SY_ERR_NOMEM, _("out of memory"));
		*items = p;
		*cap = n;
	}
	for (i = 0; i < n; i++) {
		json_object *e = json_object_array_get_idx(list, i);
		sy_pred_item *it = &(*items)[i];
		const char *lab = NULL;
		bool ok;

		memset(it, 0, sizeof *it);
		it->line = l->line;
		if (label) {
			ok = json_object_is_type(e, json_type_array) &&
			     json_object_array_length(e) >= 3 &&
			     off_of(json_object_array_get_idx(e, 0), &it->start) &&
			     off_of(json_object_array_get_idx(e, 1), &it->end);
			if (ok && json_object_is_type(json_object_array_get_idx(e, 2),
						      json_type_string))
				lab = json_object_get_string(json_object_array_get_idx(e, 2));
		} else {
			ok = json_object_is_type(e, json_type_object) &&
			     off_of(get(e, "start_offset"), &it->start) &&
			     off_of(get(e, "end_offset"), &it->end) &&
			     str_of(e, "label", &lab);
		}
		if (!ok)
			return bad(l, _("not [START, END, LABEL] with offsets of 0 or more"),
				   i + 1);
		if (it->start > it->end)
			return bad(l, _("the span starts after it ends"), i + 1);
		if (!kind_of(lab, &it->kind))
			return bad(l, _("the label is neither SECTION nor STAT"), i + 1);
		if ((st = item_fields(l, i + 1, extra ? json_object_array_get_idx(extra, i)
						      : NULL, it)) != SY_OK)
			return st;
		if (!label && (st = item_fields(l, i + 1, e, it)) != SY_OK)
			return st;
	}
	doc->items = *items;
	doc->n = n;
	return SY_OK;
}

/* One line's document into DOC (strings in ROOT). */
static sy_status doc_of(const line_ctx *l, json_object *root,
			sy_pred_item **items, size_t *cap, sy_pred_doc *doc)
{
	json_object *meta = get(root, "meta"), *id = get(root, "id");
	const char *mv = NULL;

	if (!json_object_is_type(root, json_type_object))
		return bad(l, _("not a JSON object"), 0);
	if (id && (json_object_is_type(id, json_type_string) ||
		   json_object_is_type(id, json_type_int)))
		doc->id = json_object_get_string(id);
	if (!str_of(root, "text", &doc->text))
		return bad(l, _("text is not a string"), 0);
	doc->text_len = doc->text ? (size_t)json_object_get_string_len(get(root, "text")) : 0;
	if (!str_of(root, "sha256", &doc->sha256) ||
	    !str_of(root, "path", &doc->path) ||
	    !str_of(root, "model_version", &mv))
		return bad(l, _("sha256, path or model_version is not a string"), 0);
	if (meta && json_object_is_type(meta, json_type_object)) {
		const char *p = NULL, *f = NULL, *m = NULL;
		if (str_of(meta, "path", &p) && p && !doc->path)
			doc->path = p;
		if (str_of(meta, "file", &f) && f && !doc->path)
			doc->path = f;
		if (str_of(meta, "model_version", &m) && m && !mv)
			mv = m;
	}
	doc->model_version = mv;
	return doc_items(l, root, items, cap, doc);
}

sy_status sy_pred_read_jsonl(const char *name, sy_pred_fn fn, void *ctx,
			     sy_error *err)
{
	bool std = !name || !strcmp(name, "-");
	FILE *f = std ? stdin : fopen(name, "r");
	const char *shown = std ? _("standard input") : name;
	json_tokener *tok = NULL;
	sy_pred_item *items = NULL;
	size_t cap = 0, line = 0;
	char *buf = NULL;
	size_t bufcap = 0;
	ssize_t len;
	sy_status st = SY_OK;

	if (!f)
		return sy_fail(err, SY_ERR_IO, "%s: %s", name, strerror(errno));
	if (!(tok = json_tokener_new())) {
		st = sy_fail(err, SY_ERR_NOMEM, _("out of memory"));
		goto out;
	}
	while ((len = getline(&buf, &bufcap, f)) >= 0) {
		line_ctx l = { shown, ++line, err };
		json_object *root;
		sy_pred_doc doc;
		size_t i = 0;

		while (i < (size_t)len && strchr(" \t\r\n", buf[i]))
			i++;
		if (i == (size_t)len)
			continue;               /* a blank line */
		json_tokener_reset(tok);
		root = json_tokener_parse_ex(tok, buf, (int)len);
		if (!root || json_tokener_get_error(tok) != json_tokener_success ||
		    tok->char_offset < (int)len) {
			enum json_tokener_error je = json_tokener_get_error(tok);
			bool rest = root && je == json_tokener_success;
			size_t at = (size_t)tok->char_offset;
			/* trailing blanks after the object are fine */
			while (rest && at < (size_t)len && strchr(" \t\r\n", buf[at]))
				at++;
			if (!rest || at < (size_t)len) {
				st = sy_fail(err, SY_ERR_FORMAT,
					     _("%s:%zu:%zu: not a JSON object: %s"),
					     shown, line, (size_t)tok->char_offset + 1,
					     rest ? _("more after the object")
						  : je == json_tokener_continue
						  ? _("unexpected end of line")
						  : json_tokener_error_desc(je));
				json_object_put(root);
				goto out;
			}
		}
		memset(&doc, 0, sizeof doc);
		doc.input = shown;
		doc.line = line;
		doc.format = "jsonl";
		st = doc_of(&l, root, &items, &cap, &doc);
		if (st == SY_OK)
			st = fn(ctx, &doc, err);
		json_object_put(root);
		if (st != SY_OK)
			goto out;
	}
	if (ferror(f))
		st = sy_fail(err, SY_ERR_IO, _("%s: read error"), shown);
out:
	if (tok)
		json_tokener_free(tok);
	free(items);
	free(buf);
	if (!std)
		fclose(f);
	return st;
}
