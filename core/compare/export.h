/* export.h - writing annotation files in other tools' formats: JSONL for
 * doccano (and Label Studio's importers), brat standoff, CSV of the
 * statistics.
 *
 * Offsets are code point offsets into the decoded report, as in the
 * annotation file (what a Python string, and a JavaScript string within
 * the Basic Multilingual Plane, indexes).  Every writer sends its output
 * through WRITE (an sy_write_fn: 0 ok, -1 failed with errno) and buffers
 * it, so a writer call makes few WRITE calls.  Nothing here keeps a
 * pointer to its arguments after it returns; the caller owns them all.
 * Rejected items are left out unless OPTS->all.
 */
#ifndef SY_EXPORT_H
#define SY_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "model/annot.h"
#include "format/annot_io.h"
#include "base/error.h"
#include "text/source.h"

typedef struct sy_export_opts {
	bool all;            /* rejected items too (with their status) */
	/* Told about each item that cannot be exported as it is (brat: an
	 * item whose span holds nothing but line breaks); may be NULL.
	 * MSG is only valid during the call. */
	void (*warn)(void *ctx, const char *msg);
	void *warn_ctx;
} sy_export_opts;

/* Does SRC hold the report that A was made from (same sha256), and do A's
 * spans fit it (sy_annot_check_spans: source.chars, every item's end)?
 * Else SY_ERR_FORMAT "ANNOT_NAME: the report SRC changed since ..." or
 * "ANNOT_NAME:LINE:COLUMN: source.chars is ...". */
sy_status sy_export_check_source(const sy_annot *a, const char *annot_name,
				 const sy_source *src, sy_error *err);

/* One JSON line (ending in "\n") for report A with text SRC:
 *   {"id": ID, "text": ..., "label": [[start, end, "SECTION"|"STAT"], ...],
 *    "meta": {"file", "title", "issuer", "region", "year", "date",
 *             "status"},
 *    "items": [{"id", "kind", "status", "value", "unit", "approx",
 *               "value_max", "subject", "level", "marker", "title",
 *               "section", "tags"}, ...]}
 * label and items are parallel, sections and statistics together in
 * start order.  FILE is the annotation file's name, for meta.file. */
sy_status sy_export_jsonl(const sy_annot *a, const sy_source *src,
			  const char *id, const char *file,
			  const sy_export_opts *opts, sy_write_fn write,
			  void *ctx, sy_error *err);

/* The brat .ann for A (the .txt is SRC->text as it is): "T" lines for
 * entities Section and Statistic, "A" lines "Status Tn STATUS", "#" lines
 * AnnotatorNotes with the fields.  A span that runs over a line break is
 * written as fragments ("S1 E1;S2 E2", text joined by a space), as brat
 * allows no line break in a span; one with no text at all besides line
 * breaks is left out and passed to OPTS->warn.  *SKIPPED (may be NULL)
 * gets the number left out. */
sy_status sy_export_brat_ann(const sy_annot *a, const sy_source *src,
			     const sy_export_opts *opts, sy_write_fn write,
			     void *ctx, size_t *skipped, sy_error *err);

/* The annotation.conf that declares the entities and the attribute the
 * .ann files use (a static string). */
const char *sy_export_brat_conf(void);

/* CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, a
 * quote, CR or LF, quotes doubled; UTF-8 without BOM).  The header:
 *   file,section_path,id,text,start,end,value,unit,approx,value_max,
 *   subject,status,tags
 * then one row per statistic of A; FILE goes in the file column; null
 * fields are empty, tags joined by ";", section_path is the chain of
 * sections (marker + title) from level 1 down to the statistic's section,
 * joined by " > ". */
sy_status sy_export_csv_header(sy_write_fn write, void *ctx, sy_error *err);
sy_status sy_export_csv(const sy_annot *a, const char *file,
			const sy_export_opts *opts, sy_write_fn write,
			void *ctx, sy_error *err);

#endif
