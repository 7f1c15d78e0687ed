/* read_labelstudio.c - Label Studio predictions (predict.h): a JSON array
 * of tasks, or one task,
 *   {"id": 7, "data": {"text": ..., "id": ..., "file": ...},
 *    "predictions": [{"model_version": ..., "score": 0.8,
 *      "result": [{"type": "labels", "score": 0.9,
 *                  "value": {"start": 3, "end": 7, "text": ...,
 *                            "labels": ["STAT"]},
 *                  "meta": {"value": 120, "unit": ..., "subject": ...}}]}]}
 * One document per task, the results of all its predictions together.
 * The offsets count UTF-16 code units of data.text and are turned into
 * code points here.  The whole file is read and checked before the first
 * document is handed on.  The strings live in the JSON tree.
 */
#include "import/predict.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "import/read_util.h"
#include "model/schema.h"

typedef struct ls_ctx {
	const char *name;        /* for messages */
	const char *buf;         /* the file */
	sy_pred_batch b;
	sy_error *err;
} ls_ctx;

/* ------------------------------------------------------------ lines */

/* The line of every '{' of BUF outside strings, in order, into *LINES. */
static int brace_lines(const char *buf, size_t len, size_t **lines,
		       size_t *n)
{
	size_t cap = 0, line = 1;
	bool in_str = false;

	*lines = NULL;
	*n = 0;
	for (size_t i = 0; i < len; i++) {
		char c = buf[i];
		if (c == '\n')
			line++;
		else if (in_str && c == '\\' && i + 1 < len)
			line += buf[++i] == '\n';
		else if (c == '"')
			in_str = !in_str;
		else if (!in_str && c == '{') {
			if (SY_GROW(*lines, *n, cap))
				return -1;
			(*lines)[(*n)++] = line;
		}
	}
	return 0;
}

/* Each object of the tree O, in the order json-c parsed them, gets its
 * line (LINES[*K], *K counting) as its userdata.  False when the tree has
 * more objects than the text (cannot happen). */
static bool mark_lines(json_object *o, const size_t *lines, size_t n,
		       size_t *k)
{
	if (json_object_is_type(o, json_type_object)) {
		if (*k >= n)
			return false;
		json_object_set_userdata(o, (void *)(uintptr_t)lines[(*k)++], NULL);
		json_object_object_foreach(o, key, v) {
			(void)key;
			if (v && !mark_lines(v, lines, n, k))
				return false;
		}
	} else if (json_object_is_type(o, json_type_array)) {
		for (size_t i = 0; i < json_object_array_length(o); i++) {
			json_object *v = json_object_array_get_idx(o, i);
			if (v && !mark_lines(v, lines, n, k))
				return false;
		}
	}
	return true;
}

static size_t line_of(json_object *o)
{
	return o && json_object_is_type(o, json_type_object)
	       ? (size_t)(uintptr_t)json_object_get_userdata(o) : 0;
}

/* ------------------------------------------------------------ JSON */

/* "NAME:LINE: WHAT" (LINE 0, not an object's: "NAME: WHAT"). */
static sy_status bad(const ls_ctx *l, size_t line, const char *what)
{
	if (!line)
		return sy_fail(l->err, SY_ERR_FORMAT, "%s: %s", l->name, what);
	return sy_fail(l->err, SY_ERR_FORMAT, "%s:%zu: %s", l->name, line, what);
}

static json_object *member(json_object *o, const char *key)
{
	json_object *v = NULL;
	if (json_object_is_type(o, json_type_object))
		json_object_object_get_ex(o, key, &v);
	return v;
}

/* KEY of O as a string (a number's text too), else NULL. */
static const char *string_of(json_object *o, const char *key)
{
	json_object *v = member(o, key);
	if (json_object_is_type(v, json_type_string) ||
	    json_object_is_type(v, json_type_int))
		return json_object_get_string(v);
	return NULL;
}

/* ------------------------------------------------------------ UTF-16 */

/* A walk along a text counting code points and UTF-16 code units. */
typedef struct u16walk {
	const unsigned char *s;
	size_t len, b, cp, u16;
} u16walk;

/* The code point of the UTF-16 offset U into *CP: 0; 1 when U is beyond
 * the text; 2 when it falls inside a character (between the two halves
 * of a surrogate pair). */
static int u16_to_cp(u16walk *w, size_t u, size_t *cp)
{
	if (u < w->u16)
		w->b = w->cp = w->u16 = 0;
	while (w->u16 < u) {
		uint32_t c = 0;
		size_t k;

		if (w->b >= w->len)
			return 1;
		if (!(k = sy_utf8_decode(w->s + w->b, w->len - w->b, &c)))
			k = 1;          /* not UTF-8: a byte a unit */
		if (c >= 0x10000 && w->u16 + 2 > u)
			return 2;
		w->u16 += c >= 0x10000 ? 2 : 1;
		w->b += k;
		w->cp++;
	}
	*cp = w->cp;
	return 0;
}

/* ------------------------------------------------------------ results */

/* The fields of the result's meta (value, unit, approx, value_max,
 * subject, level, marker, title, score) into IT. */
static sy_status meta_fields(const ls_ctx *l, size_t line, json_object *meta,
			     sy_pred_item *it)
{
	char msg[200];

	if (!meta)
		return SY_OK;
	if (!json_object_is_type(meta, json_type_object))
		return bad(l, line, _("meta is not an object"));
	json_object_object_foreach(meta, key, v) {
		const char *why = NULL, *val = NULL;
		if (v && !json_object_is_type(v, json_type_null)) {
			if (json_object_is_type(v, json_type_object) ||
			    json_object_is_type(v, json_type_array) ||
			    json_object_is_type(v, json_type_boolean)) {
				snprintf(msg, sizeof msg, _("meta.%s is not a number, a "
							    "string or null"), key);
				return bad(l, line, msg);
			}
			val = json_object_get_string(v);
		}
		if (!strcmp(key, "text") || !strcmp(key, "id"))
			continue;       /* Label Studio's own region note */
		if (sy_pred_set_field(it, key, val, &why) < 0) {
			snprintf(msg, sizeof msg, "meta: %s", _(why));
			return bad(l, line, msg);
		}
	}
	return SY_OK;
}

/* The kind of the result's labels (all of one kind). */
static sy_status labels_kind(const ls_ctx *l, size_t line, json_object *labels,
			     sy_pred_kind *kind)
{
	size_t n = json_object_is_type(labels, json_type_array)
		   ? json_object_array_length(labels) : 0;
	char msg[300];

	if (!n)
		return bad(l, line, _("value.labels is not a list of labels"));
	for (size_t i = 0; i < n; i++) {
		json_object *v = json_object_array_get_idx(labels, i);
		const char *s = json_object_is_type(v, json_type_string)
				? json_object_get_string(v) : NULL;
		sy_pred_kind k;
		if (!sy_pred_label_kind(s, &k)) {
			snprintf(msg, sizeof msg, _("the label \"%.80s\" is neither a "
						    "statistic nor a section (labels "
						    "taken: %s)"),
				 s ? s : "?", SY_PRED_LABELS);
			return bad(l, line, msg);
		}
		if (i && k != *kind)
			return bad(l, line, _("the labels name both a statistic and a section"));
		*kind = k;
	}
	return SY_OK;
}

/* One result R of a prediction (its score PSCORE, or NULL) of the task
 * whose text W walks, as an item. */
static sy_status one_result(ls_ctx *l, json_object *r, json_object *pscore,
			    u16walk *w)
{
	/* Label Studio's keys value, start and end are format 1's, spelled
	 * once in model/schema.h */
	const char *const *sk = sy_stat_keys;
	size_t line = line_of(r), u[2], cp[2];
	json_object *value = member(r, sk[SY_STAT_VALUE]), *score = member(r, "score");
	const char *type = string_of(r, "type"), *txt;
	sy_pred_item *it;
	char msg[200];
	sy_status st;
	int rc;

	if (!json_object_is_type(r, json_type_object))
		return bad(l, line, _("a result is not an object"));
	if (type && strcmp(type, "labels")) {
		snprintf(msg, sizeof msg, _("a result of type \"%.60s\" is not a "
					    "labelled span (type labels)"), type);
		return bad(l, line, msg);
	}
	for (int k = 0; k < 2; k++) {
		json_object *o = member(value, sk[k ? SY_STAT_END : SY_STAT_START]);
		int64_t v = json_object_is_type(o, json_type_int)
			    ? json_object_get_int64(o) : -1;
		if (v < 0)
			return bad(l, line, _("value.start and value.end are not "
					      "offsets of 0 or more"));
		u[k] = (size_t)v;
	}
	if (u[0] > u[1])
		return bad(l, line, _("the span starts after it ends"));
	for (int k = 0; k < 2; k++)
		if ((rc = u16_to_cp(w, u[k], &cp[k])) != 0) {
			snprintf(msg, sizeof msg,
				 rc == 1 ? _("the offset %zu is beyond data.text "
					     "(UTF-16 code units)")
					 : _("the offset %zu falls inside a character "
					     "(UTF-16 code units)"), u[k]);
			return bad(l, line, msg);
		}
	if (!(it = sy_pred_batch_item(&l->b)))
		return sy_fail(l->err, SY_ERR_NOMEM, _("out of memory"));
	it->start = cp[0];
	it->end = cp[1];
	it->line = line;
	it->id = string_of(r, "id");
	if ((txt = string_of(value, "text")))
		it->text = txt;
	if ((st = labels_kind(l, line, member(value, "labels"), &it->kind)) != SY_OK)
		return st;
	if (!score || json_object_is_type(score, json_type_null))
		score = pscore;
	if (score && !json_object_is_type(score, json_type_null)) {
		const char *why = NULL;
		if ((!json_object_is_type(score, json_type_int) &&
		     !json_object_is_type(score, json_type_double)) ||
		    sy_pred_set_field(it, "score", json_object_get_string(score), &why) < 0)
			return bad(l, line, _("score is not a number in [0, 1]"));
	}
	return meta_fields(l, line, member(r, "meta"), it);
}

/* ------------------------------------------------------------ tasks */

/* V is one of the versions in LIST (joined with ", "). */
static bool has_version(const char *list, const char *v)
{
	size_t n = strlen(v);
	for (const char *p = list; (p = strstr(p, v)); p += n)
		if ((p == list || p[-1] == ' ') && (!p[n] || p[n] == ','))
			return true;
	return false;
}

/* The model versions of the task's predictions, each once, joined with
 * ", " (NULL when none says one). */
static sy_status versions(ls_ctx *l, json_object *preds, const char **out)
{
	size_t n = json_object_array_length(preds), len = 0;
	char *s;

	*out = NULL;
	for (size_t i = 0; i < n; i++) {
		const char *v = string_of(json_object_array_get_idx(preds, i),
					  "model_version");
		len += v ? strlen(v) + 2 : 0;
	}
	if (!len)
		return SY_OK;
	if (!(s = malloc(len + 1)) || sy_pred_batch_own(&l->b, s))
		return sy_fail(l->err, SY_ERR_NOMEM, _("out of memory"));
	*s = '\0';
	for (size_t i = 0, at = 0; i < n; i++) {
		const char *v = string_of(json_object_array_get_idx(preds, i),
					  "model_version");
		if (!v || (at && has_version(s, v)))
			continue;
		at += (size_t)sprintf(s + at, "%s%s", at ? ", " : "", v);
	}
	*out = s;
	return SY_OK;
}

static sy_status one_task(ls_ctx *l, json_object *task, size_t t)
{
	size_t line = line_of(task);
	json_object *data = member(task, "data"), *preds = member(task, "predictions");
	json_object *text = member(data, "text");
	sy_pred_doc *doc;
	u16walk w;
	char msg[200];
	sy_status st;

	if (!json_object_is_type(task, json_type_object)) {
		snprintf(msg, sizeof msg, _("task %zu is not an object"), t + 1);
		return bad(l, line, msg);
	}
	if (!json_object_is_type(text, json_type_string))
		return bad(l, line, _("the task has no data.text (its UTF-16 "
				      "offsets count in it)"));
	if (preds && !json_object_is_type(preds, json_type_null) &&
	    !json_object_is_type(preds, json_type_array))
		return bad(l, line, _("predictions is not a list"));
	if (!(doc = sy_pred_batch_doc(&l->b, "labelstudio", l->name, line)))
		return sy_fail(l->err, SY_ERR_NOMEM, _("out of memory"));
	doc->text = json_object_get_string(text);
	doc->text_len = (size_t)json_object_get_string_len(text);
	if (!(doc->id = string_of(data, "id")))
		doc->id = string_of(task, "id");
	if (!(doc->path = string_of(data, "file")) &&
	    !(doc->path = string_of(data, "path")))
		doc->path = string_of(task, "file_upload");
	w = (u16walk){ (const unsigned char *)doc->text, doc->text_len, 0, 0, 0 };
	if (!json_object_is_type(preds, json_type_array))
		return SY_OK;
	if ((st = versions(l, preds, &doc->model_version)) != SY_OK)
		return st;
	for (size_t i = 0; i < json_object_array_length(preds); i++) {
		json_object *p = json_object_array_get_idx(preds, i);
		json_object *res = member(p, "result");

		if (!json_object_is_type(p, json_type_object) ||
		    !json_object_is_type(res, json_type_array))
			return bad(l, p ? line_of(p) : line,
				   _("a prediction is not an object with a result list"));
		for (size_t k = 0; k < json_object_array_length(res); k++)
			if ((st = one_result(l, json_object_array_get_idx(res, k),
					     member(p, "score"), &w)) != SY_OK)
				return st;
	}
	return SY_OK;
}

/* The tree of BUF, or NULL with ERR saying where the JSON breaks. */
static json_object *parse(const ls_ctx *l, size_t len, sy_error *err)
{
	json_tokener *tok = json_tokener_new();
	json_object *root = NULL;
	enum json_tokener_error je = json_tokener_continue;
	size_t at = 0, line = 1, col;
	const char *why;

	if (!tok) {
		sy_fail(err, SY_ERR_NOMEM, _("out of memory"));
		return NULL;
	}
	if (len < (size_t)1 << 30) {
		root = json_tokener_parse_ex(tok, l->buf, (int)len);
		je = json_tokener_get_error(tok);
		at = (size_t)json_tokener_get_parse_end(tok);
	}
	if (root && je == json_tokener_success) {
		while (at < len && strchr(" \t\r\n", l->buf[at]))
			at++;
		if (at == len) {
			json_tokener_free(tok);
			return root;
		}
	}
	why = root && je == json_tokener_success ? _("more after the JSON value")
	      : je == json_tokener_continue ? _("unexpected end of the file")
	      : json_tokener_error_desc(je);
	for (size_t i = 0; i < at && i < len; i++)
		if (l->buf[i] == '\n')
			line++;
	col = at;
	while (col > 0 && l->buf[col - 1] != '\n')
		col--;
	sy_fail(err, SY_ERR_FORMAT, _("%s:%zu:%zu: not JSON: %s"), l->name, line,
		sy_utf8_count(l->buf + col, at - col) + 1, why);
	json_object_put(root);
	json_tokener_free(tok);
	return NULL;
}

sy_status sy_pred_read_labelstudio(const char *name, sy_pred_fn fn, void *ctx,
				   sy_error *err)
{
	ls_ctx l = { NULL, NULL, { 0 }, err };
	json_object *root = NULL;
	char *buf;
	size_t len, *lines = NULL, nlines, k = 0;
	sy_status st;

	if ((st = sy_pred_slurp(name, &buf, &len, &l.name, err)) != SY_OK)
		return st;
	l.buf = buf;
	if (!(root = parse(&l, len, err))) {
		st = err->code;
		goto out;
	}
	if (brace_lines(buf, len, &lines, &nlines)) {
		st = sy_fail(err, SY_ERR_NOMEM, _("out of memory"));
		goto out;
	}
	if (!mark_lines(root, lines, nlines, &k) || k != nlines) {
		st = sy_fail(err, SY_ERR_FORMAT, _("%s: an object has a key twice"),
			     l.name);
		goto out;
	}
	if (json_object_is_type(root, json_type_array)) {
		for (size_t i = 0; i < json_object_array_length(root) && st == SY_OK; i++)
			st = one_task(&l, json_object_array_get_idx(root, i), i);
	} else if (json_object_is_type(root, json_type_object)) {
		st = one_task(&l, root, 0);
	} else {
		st = bad(&l, 1, _("neither a list of tasks nor a task"));
	}
	if (st == SY_OK)
		st = sy_pred_batch_deliver(&l.b, fn, ctx, err);
out:
	sy_pred_batch_free(&l.b);
	json_object_put(root);
	free(lines);
	free(buf);
	return st;
}
