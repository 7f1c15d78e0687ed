/* evaluate.h - scoring annotation files against gold ones (`shenyue
 * eval`), and the agreement between two reviewers (`shenyue agree`).
 *
 * eval computes exactly what ../shared/tools/score.py computes, figure
 * for figure, so that the two can be held together by a test:
 *   - sections match on start offset; level and title (stripped of the
 *     whitespace Python's str.strip() strips) are compared on matches;
 *   - statistics match on the exact span (start, end), with an overlap
 *     score beside it; value (tolerance 1e-6 * max(1, |gold|)), unit and
 *     approx are compared on matches;
 *   - the document's title, issuer, region, year and date are compared
 *     as Python's str() of the value (null is "None");
 *   - gold statistics tagged borderline are ignored, and so is every
 *     predicted statistic overlapping one (score.py does not do this for
 *     sections, so neither does this);
 *   - predicted items whose status is rejected are ignored;
 *   - a gold file without a prediction counts as an empty prediction.
 * Files are paired by source.sha256, then by the basename of source.path
 * (score.py pairs by the basename only).
 *
 * Ownership: every struct here owns the strings and arrays it points to
 * and is released by its _free function; the const pointers handed to
 * callbacks belong to the caller of the callback (valid only during it).
 * Nothing here prints: warnings go through an sy_warn_fn.
 */
#ifndef SY_EVALUATE_H
#define SY_EVALUATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "model/annot.h"
#include "base/error.h"

/* A warning for the user (a file skipped, ...).  MSG is only valid during
 * the call. */
typedef void (*sy_warn_fn)(void *ctx, const char *msg);

/* ------------------------------------------------------------ file sets */
/* pairing.c */

/* The message FMT... to WARN (may be NULL: nothing); FMT is translated as
 * sy_fail's (base/error.h). */
void sy_warnf(sy_warn_fn warn, void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The annotation files named by ARG: ARG itself when it is a file; the
 * *.yaml files in it when it is a folder (in its subfolders too when
 * RECURSIVE), as Python's glob finds them: names beginning with '.' are
 * skipped, symbolic links to folders are not followed.  Sorted by path
 * (byte order, as Python's sorted() on str).  *PATHS (and each string in
 * it) is owned by the caller: free with sy_paths_free. */
sy_status sy_list_annot_files(const char *arg, bool recursive, char ***paths,
			      size_t *n, sy_error *err);
void sy_paths_free(char **paths, size_t n);

/* One file of a set, indexed by what pairs it with a file of another set. */
typedef struct sy_afile {
	char *path;          /* owned */
	char *key;           /* basename of source.path, owned */
	char sha256[65];     /* source.sha256 */
} sy_afile;

/* A set of readable annotation files (the unreadable ones were reported
 * and left out).  Owns its files and indexes. */
typedef struct sy_aset {
	sy_afile *v;
	size_t n;
	size_t *by_sha, *by_key;   /* indexes into v, sorted (sha|key, path) */
} sy_aset;

/* Read the files listed by sy_list_annot_files(ARG, RECURSIVE) and index
 * them.  An unreadable file is reported through WARN (when STRICT it is an
 * error instead: ERR names it and the set is left empty).  Two files of
 * the same report are reported; the first by path is the one found. */
sy_status sy_aset_load(const char *arg, bool recursive, bool strict,
		       sy_aset *set, sy_warn_fn warn, void *ctx, sy_error *err);
void sy_aset_free(sy_aset *set);
/* The file of SET for the report with SHA256 (may be NULL) or, when no
 * file has that sha256, the basename KEY; NULL when none. */
const sy_afile *sy_aset_find(const sy_aset *set, const char *sha256,
			     const char *key);

/* Basename of A's source.path (a pointer into A's own string). */
const char *sy_annot_key(const sy_annot *a);

/* ------------------------------------------------------------ eval */
/* eval.c */

/* The counts score.py sums (its dict `t`). */
typedef struct sy_eval_counts {
	unsigned long sec_tp, sec_pred, sec_gold, sec_level, sec_title;
	unsigned long st_tp, st_ov, st_pred, st_gold, st_value, st_unit,
		st_approx;
	unsigned long doc_ok, doc_n, files, missing;
} sy_eval_counts;

/* Add the comparison of GOLD with PRED (NULL: no prediction, counted as
 * missing and as an empty file) to *C, and set *STAT_F1 (may be NULL) to
 * the statistics F1 of this pair (score.py's per_file_stat_f1).  Fails
 * only for want of memory (*C then unchanged). */
sy_status sy_eval_pair(const sy_annot *gold, const sy_annot *pred,
		       sy_eval_counts *c, double *stat_f1, sy_error *err);

/* *C += *ADD. */
void sy_eval_add(sy_eval_counts *c, const sy_eval_counts *add);

/* One printed figure, in score.py's order and with its names. */
typedef struct sy_figure {
	const char *name;    /* static */
	bool is_int;
	double v;            /* when !is_int */
	unsigned long n;     /* when is_int */
} sy_figure;

#define SY_EVAL_NFIGURES 17
/* The figures of C: files, missing, sec_p, sec_r, sec_f1, sec_level_acc,
 * sec_title_acc, stat_p, stat_r, stat_f1, stat_overlap_f1, stat_value_acc,
 * stat_unit_acc, stat_approx_acc, doc_acc, gold_sections,
 * gold_statistics. */
void sy_eval_figures(const sy_eval_counts *c, sy_figure out[SY_EVAL_NFIGURES]);
/* score.py's f1(): precision, recall and F1 of TP among NPRED, NGOLD. */
void sy_f1(unsigned long tp, unsigned long npred, unsigned long ngold,
	   double *p, double *r, double *f);

/* One gold file scored (handed to the per-file callback). */
typedef struct sy_eval_file {
	const char *gold_path;     /* the gold annotation file */
	const char *pred_path;     /* its prediction, NULL when missing */
	const char *key;           /* basename of gold's source.path */
	const sy_eval_counts *c;   /* this file alone */
	double stat_f1;            /* score.py's per_file_stat_f1[key] */
} sy_eval_file;

typedef void (*sy_eval_file_fn)(void *ctx, const sy_eval_file *f);

/* Score every gold file of GOLD (a file, or a folder's *.yaml) against
 * the predictions in PRED (a file, or a folder's *.yaml, subfolders
 * included); sums into *TOTAL (zeroed first) and calls ON_FILE (may be
 * NULL) once per gold file, in path order.  An unreadable gold file is an
 * error; an unreadable prediction is reported through WARN and counts as
 * missing, as score.py counts it. */
sy_status sy_eval_run(const char *gold, const char *pred,
		      sy_eval_counts *total, sy_eval_file_fn on_file,
		      void *file_ctx, sy_warn_fn warn, void *warn_ctx,
		      sy_error *err);

/* Does the predicted statistic P match the gold G (both kept): the same
 * span, value (score.py's tolerance), unit and approx?  A section: the
 * same start, level and title (stripped)? */
bool sy_eval_stat_same(const sy_stat *g, const sy_stat *p);
bool sy_eval_section_same(const sy_section *g, const sy_section *p);

/* What else a run does (issue 13): SOURCE, when not NULL, keeps of each
 * prediction only the items SOURCE proposed (`by` has it), in the
 * version SOURCE proposed (sy_annot_keep_source); CALIB, when not NULL,
 * gets the reliability of the scores (sy_calib_pair). */
typedef struct sy_calib sy_calib;
typedef struct sy_eval_opts {
	const char *source;
	sy_calib *calib;
} sy_eval_opts;

/* sy_eval_run with OPTS (may be NULL: none). */
sy_status sy_eval_run_opts(const char *gold, const char *pred,
			   const sy_eval_opts *opts, sy_eval_counts *total,
			   sy_eval_file_fn on_file, void *file_ctx,
			   sy_warn_fn warn, void *warn_ctx, sy_error *err);

/* ------------------------------------------------------------ agree */
/* agree.c */

/* The fields compared on items both reviewers kept. */
typedef enum sy_agree_field {
	SY_AF_SEC_SPAN, SY_AF_SEC_LEVEL, SY_AF_SEC_MARKER, SY_AF_SEC_TITLE,
	SY_AF_STAT_SPAN, SY_AF_STAT_VALUE, SY_AF_STAT_UNIT, SY_AF_STAT_APPROX,
	SY_AF_STAT_VALUE_MAX, SY_AF_STAT_SUBJECT,
	SY_AF_COUNT
} sy_agree_field;

/* "sec_span", "stat_value", ... (static). */
const char *sy_agree_field_name(sy_agree_field f);

/* True when status S puts an item "in the set" a reviewer keeps:
 * accepted, fixed or added. */
bool sy_status_kept(sy_review_status s);

typedef struct sy_agree_counts {
	unsigned long files;         /* pairs of files compared */
	unsigned long only_a_files, only_b_files;  /* files without partner */
	unsigned long matched;       /* items both have (by id, or by span) */
	unsigned long only_a, only_b;  /* items one side alone has */
	unsigned long confusion[SY_STATUS_COUNT][SY_STATUS_COUNT]; /* [A][B] */
	unsigned long kept_a, kept_b, kept_both;   /* kind + span sets */
	unsigned long field_n[SY_AF_COUNT], field_eq[SY_AF_COUNT];
	bool proposals;   /* comparing sources' proposals (set by
			     sy_agree_sources): every item not rejected
			     counts as kept */
} sy_agree_counts;

/* One disagreement: a matched pair whose statuses differ or, both kept,
 * whose fields differ; or an item only one side has.  The items belong to
 * the caller of the callback. */
typedef struct sy_agree_diff {
	const char *file_a, *file_b;   /* NULL on the side without a file */
	bool is_stat;
	const sy_section *sec_a, *sec_b;   /* sections; NULL: side lacks it */
	const sy_stat *stat_a, *stat_b;    /* statistics; likewise */
	bool status_differs;
	unsigned fields;       /* bit (1u << sy_agree_field) per differing field */
} sy_agree_diff;

typedef void (*sy_agree_diff_fn)(void *ctx, const sy_agree_diff *d);

/* Compare two annotation files of one report; adds to *C and calls ON_DIFF
 * (may be NULL) per disagreement: sections, then statistics, each in A's
 * item order, then those only B has.  Fails only for want of memory. */
sy_status sy_agree_pair(const sy_annot *a, const char *file_a,
			const sy_annot *b, const char *file_b,
			sy_agree_counts *c, sy_agree_diff_fn on_diff,
			void *ctx, sy_error *err);

/* Compare the files of A with those of B (each a file or a folder,
 * subfolders included), paired by sha256 then basename.  Files without a
 * partner are reported through WARN and counted.  An unreadable file is
 * an error. */
sy_status sy_agree_run(const char *a, const char *b, sy_agree_counts *total,
		       sy_agree_diff_fn on_diff, void *diff_ctx,
		       sy_warn_fn warn, void *warn_ctx, sy_error *err);

/* Cohen's kappa of the status table in C, over the matched items that
 * at least one reviewer decided: items both left pending are left out (no
 * one looked at them, so they would only inflate the agreement).  NaN
 * when nothing is left; 1 when both sides used one and the same status
 * throughout (chance agreement 1).  *PO (may be NULL) gets the observed
 * agreement over the same items. */
double sy_agree_kappa(const sy_agree_counts *c, double *po);
/* The matched items both reviewers left pending (left out of kappa). */
unsigned long sy_agree_both_pending(const sy_agree_counts *c);
/* F1 between the kept sets (1 when both are empty). */
double sy_agree_kept_f1(const sy_agree_counts *c);

/* ------------------------------------------------------------ sources */
/* sources.c */

/* Keep in A only the items SOURCE proposed, each as SOURCE proposed it
 * (the fields of its disagreement.SOURCE over the item's own).  0, or
 * -1 on OOM (A then holds some items changed: free it). */
int sy_annot_keep_source(sy_annot *a, const char *source);

/* The reliability table: items per score bucket [e_i, e_i+1) (the last
 * one [0.9, 1] closed), and how many of them were correct; the extra
 * row SY_CALIB_BUCKETS counts items with no score. */
#define SY_CALIB_BUCKETS 5
extern const double sy_calib_edges[SY_CALIB_BUCKETS + 1];
struct sy_calib {
	unsigned long n[SY_CALIB_BUCKETS + 1], ok[SY_CALIB_BUCKETS + 1];
};

/* Add the items of the prediction P (not rejected; only those SOURCE
 * proposed, scored by SOURCE, when SOURCE is not NULL, else by the
 * highest score of any source) to *C: correct when the gold G holds the
 * same item (sy_eval_stat_same, sy_eval_section_same); an item not in
 * gold is wrong; one overlapping a borderline gold statistic is left
 * out.  0, or -1 on OOM (*C then partly added). */
int sy_calib_pair(const sy_annot *g, const sy_annot *p, const char *source,
		  sy_calib *c);

/* Compare the items SOURCE_A proposed with those SOURCE_B proposed in
 * the same annotation files FILES[0..N) (each a file, or a folder and its
 * subfolders), as sy_agree_pair compares two reviewers' files: paired by
 * id, each side as its source proposed it, every item not rejected
 * counted as kept (so kept_f1 is the agreement of the two sources' sets
 * and the fields are compared on every item both proposed).  An
 * unreadable file is an error. */
sy_status sy_agree_sources(char *const *files, size_t n,
			   const char *source_a, const char *source_b,
			   sy_agree_counts *total, sy_agree_diff_fn on_diff,
			   void *diff_ctx, sy_error *err);

/* ------------------------------------------------------------ output */
/* eval_format.c */

/* V as Python's repr() writes a float, made a YAML 1.1 float where that
 * differs ("0.5", "1.0", "1.0e-05", ".nan", ".inf"), into BUF (32 bytes
 * are always enough).  Returns BUF. */
char *sy_format_double(char *buf, size_t size, double v);

/* S (NULL: null) as a YAML double-quoted scalar into F. */
void sy_yaml_string(FILE *f, const char *s);

#endif
