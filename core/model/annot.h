/* annot.h - the annotation model: one report's document facts, sections,
 * statistics and review state (format.md, "format 1").
 *
 * An sy_annot owns every string and node in it.  Items are kept in start
 * order; ids ("s1", "n7") are unique in a file and never reused: new ids
 * come from next_section_id / next_stat_id, which never go down.
 */
#ifndef SY_ANNOT_H
#define SY_ANNOT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "base/mem.h"    /* sy_grow, sy_strdup: here for every caller */
#include "model/node.h"

#define SY_FORMAT_NAME "shenyue-annotations/1"

typedef enum sy_review_status {
	SY_PENDING, SY_ACCEPTED, SY_FIXED, SY_REJECTED, SY_ADDED,
	SY_STATUS_COUNT
} sy_review_status;

typedef enum sy_approx {
	SY_APPROX_NONE, SY_APPROX_OVER, SY_APPROX_UNDER, SY_APPROX_ABOUT,
	SY_APPROX_RANGE
} sy_approx;

typedef struct sy_tags {
	char **v;            /* owned strings */
	size_t n, cap;
} sy_tags;

/* What every reviewable item carries besides its own fields. */
typedef struct sy_review {
	sy_review_status status;
	sy_tags tags;
	char *note;          /* NULL when absent from the file */
	sy_node *proposed;   /* mapping, or NULL; on fixed and rejected items */
	sy_node *by;         /* mapping source -> score scalar, or NULL
				(model/provenance.h) */
	sy_node *disagreement;   /* mapping source -> mapping, or NULL */
	char *via;           /* "propagate" | "bulk" | NULL */
	sy_node *extra;      /* mapping of unknown keys in file order, or NULL */
} sy_review;

typedef struct sy_section {
	char *id;
	int level;
	char *marker;
	char *title;
	size_t start, end;   /* code points, end exclusive */
	sy_review r;
} sy_section;

typedef struct sy_stat {
	char *id;
	char *text;
	size_t start, end;
	double value;
	bool has_value;      /* false: value is null */
	char *unit;          /* NULL = null */
	sy_approx approx;
	double value_max;
	bool has_value_max;
	char *subject;       /* NULL = null */
	char *section;       /* id of innermost section, NULL = null */
	sy_review r;
} sy_stat;

typedef struct sy_docfacts {
	char *title, *issuer, *region;   /* NULL = null */
	int year;                        /* 0 = null */
	char *date;                      /* "YYYY-MM-DD" or NULL */
	sy_review_status status;
	sy_node *extra;
} sy_docfacts;

typedef struct sy_sourceinfo {
	char *path;
	char sha256[65];
	char *encoding;      /* "utf-8" | "gb18030" */
	size_t chars;
	size_t chars_line, chars_col;   /* where chars was read (0-based), for
					 * messages; 0 when not from a file */
	sy_node *extra;
} sy_sourceinfo;

typedef struct sy_reviewinfo {
	bool present;        /* the file had a review: mapping */
	char *reviewer;      /* NULL = null */
	char *updated;       /* ISO 8601 UTC, NULL = null */
	char *cursor;        /* id of the item under the cursor, NULL = none */
	sy_node *extra;
} sy_reviewinfo;

typedef struct sy_annot {
	sy_sourceinfo source;
	sy_docfacts doc;
	sy_section *sections;
	size_t nsections, capsections;
	sy_stat *stats;
	size_t nstats, capstats;
	sy_reviewinfo review;
	sy_node *proposers;  /* mapping source -> mapping (what each source
				is), or NULL (model/provenance.h) */
	sy_node *extra;      /* unknown top-level keys, in file order */
	unsigned next_section_id, next_stat_id;   /* next free numbers */
} sy_annot;

/* Zero-initialise A.  (A zeroed struct is valid and empty.) */
void sy_annot_init(sy_annot *a);
/* Free everything A owns and zero it. */
void sy_annot_free(sy_annot *a);

/* Append a new, zeroed item with a fresh id; returns a pointer into the
 * array (valid until the next append), or NULL on OOM.  The caller fills
 * the fields and calls sy_annot_sort() when done appending. */
sy_section *sy_annot_add_section(sy_annot *a);
sy_stat *sy_annot_add_stat(sy_annot *a);
/* Replace *DST (freeing what it held) with a deep copy of SRC, the id
 * included.  0, or -1 on OOM (DST is then left empty, zeroed). */
int sy_section_copy(sy_section *dst, const sy_section *src);   /* item.c */
int sy_stat_copy(sy_stat *dst, const sy_stat *src);

/* Remove the I-th section / statistic (freeing it), keeping the order of
 * the others.  I must be in range. */
void sy_annot_remove_section(sy_annot *a, size_t i);
void sy_annot_remove_stat(sy_annot *a, size_t i);

/* Stable sort of both lists by (start, end). */
void sy_annot_sort(sy_annot *a);

/* Tags: add (no duplicate), test.  sy_tags_add returns 0 or -1 on OOM. */
int sy_tags_add(sy_tags *t, const char *tag);
bool sy_tags_has(const sy_tags *t, const char *tag);

/* True when any item or the document is not pending (the file holds
 * reviewed work that `extract` must not overwrite without --force). */
bool sy_annot_has_reviewed(const sy_annot *a);

const char *sy_status_name(sy_review_status s);
/* Returns 0 and sets *S, or -1 for an unknown name. */
int sy_status_parse(const char *name, sy_review_status *s);
const char *sy_approx_name(sy_approx a);   /* NULL for SY_APPROX_NONE */
int sy_approx_parse(const char *name, sy_approx *a);

/* Two optional numbers (HA: A is there) equal; nan equals nan (both
 * are written .nan). */
bool sy_num_eq(double a, bool ha, double b, bool hb);

#endif
