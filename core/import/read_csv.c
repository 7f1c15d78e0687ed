/* read_csv.c - CSV predictions (predict.h), RFC 4180 (quoted fields may
 * hold commas, quotes doubled and line breaks; CRLF or LF), UTF-8, with
 * a header naming the columns, as `shenyue export --to csv` writes:
 *   file,section_path,id,text,start,end,value,unit,approx,value_max,
 *   subject,status,tags
 * Columns taken (any case): file (or path), start, end (code points),
 * kind (or label: statistic, stat, section, heading; a statistic when
 * there is none), text, id, value, unit, approx, value_max, subject,
 * level, marker, title, score, model_version; the others are left alone.
 * An empty field is null.  One document per file named, its rows
 * together; every row is read and checked before the first document is
 * handed on.  The strings live in the file's buffer, unquoted in place.
 */
#include "import/predict.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/i18n.h"
#include "base/mem.h"
#include "import/read_util.h"
#include "model/schema.h"

typedef struct csv_in {
	const char *name;
	char *p, *end;
	size_t line;             /* the physical line at P */
	sy_error *err;
} csv_in;

/* A row: its first line, its place, its fields (in the flat array). */
typedef struct csv_row {
	size_t line, seq, at;
	const char *file;
} csv_row;

static int cmp_row(const void *x, const void *y)
{
	const csv_row *a = x, *b = y;
	int c = strcmp(a->file, b->file);
	return c ? c : a->seq < b->seq ? -1 : a->seq > b->seq;
}

static sy_status bad(const char *name, size_t line, sy_error *err,
		     const char *what)
{
	return sy_fail(err, SY_ERR_FORMAT, "%s:%zu: %s", name, line, what);
}

/* One field at IN->p, unquoted in place and NUL-terminated; *LAST set at
 * the end of its record. */
static sy_status field(csv_in *in, bool *last)
{
	char *out = in->p, *start = in->p;

	if (*in->p == '"') {
		size_t open = in->line;
		char *q = in->p + 1;
		for (;;) {
			if (q >= in->end)
				return bad(in->name, open, in->err,
					   _("a quoted field is not closed"));
			if (*q == '"') {
				if (q + 1 < in->end && q[1] == '"') {
					*out++ = '"';
					q += 2;
					continue;
				}
				q++;
				break;
			}
			in->line += *q == '\n';
			*out++ = *q++;
		}
		in->p = q;
		if (in->p < in->end && *in->p == '\r' && in->p + 1 < in->end &&
		    in->p[1] == '\n')
			in->p++;
		if (in->p < in->end && *in->p != ',' && *in->p != '\n')
			return bad(in->name, in->line, in->err,
				   _("a quoted field is followed by more than a "
				     "comma or the end of the line"));
	} else {
		while (in->p < in->end && *in->p != ',' && *in->p != '\n') {
			if (*in->p == '"')
				return bad(in->name, in->line, in->err,
					   _("a quote inside a field that is not quoted"));
			in->p++;
		}
		out = in->p;
		if (out > start && out[-1] == '\r' && (in->p == in->end || *in->p == '\n'))
			out--;
	}
	*last = in->p >= in->end || *in->p == '\n';
	if (in->p < in->end) {
		in->line += *in->p == '\n';
		in->p++;
	}
	*out = '\0';
	return SY_OK;
}

/* The next record's fields appended to *F (*NF, *CAP); *LINE its first
 * line.  *GOT false at the end of the input. */
static sy_status record(csv_in *in, char ***f, size_t *nf, size_t *cap,
			size_t *line, bool *got)
{
	bool last = false;
	sy_status st;

	*got = in->p < in->end;
	*line = in->line;
	while (*got && !last) {
		if (SY_GROW(*f, *nf, *cap))
			return sy_fail(in->err, SY_ERR_NOMEM, _("out of memory"));
		(*f)[(*nf)++] = in->p;
		if ((st = field(in, &last)) != SY_OK)
			return st;
	}
	return SY_OK;
}

enum { C_FILE, C_START, C_END, C_KIND, C_MODEL, C_OTHER };

/* What the column named NAME is. */
static int column(const char *name)
{
	static const struct { const char *name; int col; } C[] = {
		{ "file", C_FILE }, { "path", C_FILE }, { "kind", C_KIND },
		{ "label", C_KIND }, { "model_version", C_MODEL },
	};
	if (!strcasecmp(name, sy_stat_keys[SY_STAT_START]))
		return C_START;
	if (!strcasecmp(name, sy_stat_keys[SY_STAT_END]))
		return C_END;
	for (size_t i = 0; i < sizeof C / sizeof *C; i++)
		if (!strcasecmp(name, C[i].name))
			return C[i].col;
	return C_OTHER;
}

/* The row's item into the batch (the last document's). */
static sy_status row_item(const csv_in *in, sy_pred_batch *b, const csv_row *r,
			  char **f, char **head, const int *col, size_t ncol)
{
	sy_pred_item *it = sy_pred_batch_item(b);
	char msg[300];

	if (!it)
		return sy_fail(in->err, SY_ERR_NOMEM, _("out of memory"));
	it->line = r->line;
	it->kind = SY_PRED_STAT;
	for (size_t c = 0; c < ncol; c++) {
		const char *v = f[r->at + c], *why = NULL;
		switch (col[c]) {
		case C_START:
		case C_END:
			if (!sy_pred_offset(v, col[c] == C_START ? &it->start : &it->end)) {
				snprintf(msg, sizeof msg, _("%s is not an offset of 0 or "
							    "more: \"%.40s\""), head[c], v);
				return bad(in->name, r->line, in->err, msg);
			}
			break;
		case C_KIND:
			if (*v && !sy_pred_label_kind(v, &it->kind)) {
				snprintf(msg, sizeof msg, _("the label \"%.80s\" is neither a "
							    "statistic nor a section (labels "
							    "taken: %s)"), v, SY_PRED_LABELS);
				return bad(in->name, r->line, in->err, msg);
			}
			break;
		case C_OTHER:
			if (sy_pred_set_field(it, head[c], *v ? v : NULL, &why) < 0) {
				return bad(in->name, r->line, in->err, _(why));
			}
			break;
		}
	}
	if (it->start > it->end)
		return bad(in->name, r->line, in->err, _("the span starts after it ends"));
	return SY_OK;
}

/* The rows (sorted by file) as documents of the batch. */
static sy_status rows_to_docs(const csv_in *in, sy_pred_batch *b, csv_row *rows,
			      size_t nrows, char **f, char **head, const int *col,
			      size_t ncol)
{
	sy_pred_doc *doc = NULL;
	sy_status st;
	size_t k;

	for (size_t i = 0; i < nrows; i++) {
		if (!doc || strcmp(rows[i].file, doc->path ? doc->path : "")) {
			if (!(doc = sy_pred_batch_doc(b, "csv", in->name, rows[i].line)))
				return sy_fail(in->err, SY_ERR_NOMEM, _("out of memory"));
			doc->path = *rows[i].file ? rows[i].file : NULL;
			for (k = 0; k < ncol && col[k] != C_MODEL; k++)
				;
			if (k < ncol && *f[rows[i].at + k])
				doc->model_version = f[rows[i].at + k];
		}
		if ((st = row_item(in, b, &rows[i], f, head, col, ncol)) != SY_OK)
			return st;
	}
	return SY_OK;
}

sy_status sy_pred_read_csv(const char *name, sy_pred_fn fn, void *ctx,
			   sy_error *err)
{
	csv_in in = { NULL, NULL, NULL, 1, err };
	sy_pred_batch b = { 0 };
	char *buf = NULL, **f = NULL;
	size_t len, nf = 0, capf = 0, ncol = 0, nrows = 0, caprows = 0, line;
	csv_row *rows = NULL;
	int *col = NULL, have = 0;
	sy_status st;
	bool got;

	if ((st = sy_pred_slurp(name, &buf, &len, &in.name, err)) != SY_OK)
		return st;
	in.p = buf;
	in.end = buf + len;
	if ((st = record(&in, &f, &ncol, &capf, &line, &got)) != SY_OK)
		goto out;
	nf = ncol;
	if (!got || !(col = malloc(ncol * sizeof *col))) {
		st = got ? sy_fail(err, SY_ERR_NOMEM, _("out of memory"))
			 : bad(in.name, 1, err, _("no header line"));
		goto out;
	}
	for (size_t c = 0; c < ncol; c++)
		have |= 1 << (col[c] = column(f[c]));
	if ((have & (1 << C_START | 1 << C_END)) != (1 << C_START | 1 << C_END)) {
		st = bad(in.name, 1, err, _("the header names no start and end columns"));
		goto out;
	}
	for (;;) {
		size_t at = nf, k;
		if ((st = record(&in, &f, &nf, &capf, &line, &got)) != SY_OK || !got)
			break;
		if (nf - at == 1 && !*f[at]) {
			nf = at;        /* a blank line */
			continue;
		}
		if (nf - at != ncol) {
			char msg[120];
			snprintf(msg, sizeof msg, _("%zu fields, the header has %zu"),
				 nf - at, ncol);
			st = bad(in.name, line, err, msg);
			break;
		}
		if (SY_GROW(rows, nrows, caprows)) {
			st = sy_fail(err, SY_ERR_NOMEM, _("out of memory"));
			break;
		}
		for (k = 0; k < ncol && col[k] != C_FILE; k++)
			;
		/* without a file column, the predictions' own stem names the report */
		rows[nrows] = (csv_row){ line, nrows, at, k < ncol ? f[at + k] : in.name };
		nrows++;
	}
	if (st != SY_OK)
		goto out;
	if (nrows)
		qsort(rows, nrows, sizeof *rows, cmp_row);
	if ((st = rows_to_docs(&in, &b, rows, nrows, f, f, col, ncol)) == SY_OK)
		st = sy_pred_batch_deliver(&b, fn, ctx, err);
out:
	sy_pred_batch_free(&b);
	free(rows);
	free(col);
	free(f);
	free(buf);
	return st;
}
