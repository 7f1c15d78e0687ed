/* annot_rd.h - the annotation file reader's own header: the state of one
 * reading, shared by its files (not for other callers: annot_io.h is the
 * reader's interface).
 *
 *   annot_parse.c   the reader proper: the input, the events (fast
 *                   scanner or libyaml), streaming the item lists, ids,
 *                   the top level, sy_annot_parse / sy_annot_load
 *   annot_fields.c  a tree's values into the model, field by field, with
 *                   the tables generated from model/schema.h
 *   annot_direct.c  items in the writer's shape read straight from the
 *                   fast scanner's lines into the model
 *   yaml_tree.c, fast_scan.c, fdin.c, arena.c: the pieces under them.
 *
 * Ownership: a pctx lives on the stack of one call of sy_annot_parse or
 * sy_annot_load; the model it fills (a) is the caller's; the tree (t),
 * the item positions (lists[].pos) are the pctx's, freed before the call
 * returns.  Every function here reports a failure as an sy_status with
 * c->err filled ("NAME:LINE:COLUMN: reason", yaml_pos.h).
 */
#ifndef SY_ANNOT_RD_H
#define SY_ANNOT_RD_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

#include "format/annot_io.h"
#include "format/fast_scan.h"
#include "format/fdin.h"
#include "format/yaml_pos.h"
#include "format/yaml_tree.h"
#include "model/schema.h"

enum { L_SECTIONS, L_STATS };

/* Where an item's id value is (0-based), one per item in file order. */
typedef struct idpos {
	size_t line, col;
} idpos;

/* The state of one item list, `sections` or `statistics`. */
typedef struct itemlist {
	bool streamed;         /* read item by item while parsing */
	sy_status st;          /* a streamed item failed: the first failure */
	sy_error err;          /* ... and its message */
	idpos *pos;            /* owned; pos[i] for the list's i-th item */
	size_t npos, cap;
} itemlist;

typedef struct pctx {
	yaml_parser_t y;
	sy_fast *fast;         /* events come from the fast scanner, not y */
	const char *name;
	const char *buf;       /* the input (sy_annot_parse), else NULL */
	size_t len;
	sy_fdin *in;           /* the input (sy_annot_load), else NULL */
	sy_error *err;
	size_t chars;          /* source.chars, once read */
	sy_ytree t;            /* the tree: every node, the node count */
	sy_annot *a;           /* the model being filled */
	itemlist lists[2];     /* [L_SECTIONS], [L_STATS] */
	int direct;            /* 1 + the list being streamed (the fast
				* scanner may read its items directly), or 0 */
	bool libyaml_only;     /* no fast scanner (sy_annot_parse_libyaml,
				* SHENYUE_READER=libyaml) */
	sy_parse_info info;    /* how the reading went */
} pctx;

/* "NAME:LINE:COLUMN: message" for C's input (yaml_pos.h). */
#define fail_at(c, ...) sy_yaml_fail_at((c)->err, (c)->name, __VA_ARGS__)
#define FAIL_NODE(c, p, code, ...) fail_at((c), (p)->line, (p)->col, (code), __VA_ARGS__)
#define FAIL_MARK(c, m, code, ...) fail_at((c), (m).line, (m).column, (code), __VA_ARGS__)

sy_status sy_rd_nomem(pctx *c);

/* ------------------------------------------------------------ fields */

/* A field of a mapping: its key, whether a reader refuses the mapping
 * without it, and where take_fields found it. */
typedef struct field {
	const char *key;
	bool required;
	const sy_ynode *k, *v; /* set by sy_rd_take_fields; NULL when absent */
} field;

#define SY_RD_FIELD_(NAME, key, type, member, flags) \
	{ key, ((flags) & SY_FF_REQ) != 0, NULL, NULL },

/* The fields of a section and of a statistic, in the order the writer
 * puts them (the direct item reader relies on it): the item's own, then
 * the review fields from SE_REVIEW / ST_REVIEW on (SY_REV_* apart). */
#define SECTION_FIELDS { SY_SECTION_FIELDS(SY_RD_FIELD_) \
			 SY_REVIEW_FIELDS(SY_RD_FIELD_) }
#define STAT_FIELDS { SY_STAT_FIELDS(SY_RD_FIELD_) \
		      SY_REVIEW_FIELDS(SY_RD_FIELD_) }
enum {
	SE_REVIEW = SY_SEC_COUNT, SE_COUNT = SY_SEC_COUNT + SY_REV_COUNT,
	ST_REVIEW = SY_STAT_COUNT, ST_COUNT = SY_STAT_COUNT + SY_REV_COUNT
};

/* The keys of each part of the file (model/schema.h). */
extern const char *const sy_rd_top_keys[SY_TOP_COUNT];
extern const char *const sy_rd_source_keys[SY_SRC_COUNT];
extern const char *const sy_rd_section_keys[SY_SEC_COUNT];

/* The item of list LIST (L_SECTIONS: a sy_section, L_STATS: a sy_stat)
 * whose fields (SECTION_FIELDS / STAT_FIELDS, values found) are F into
 * ITEM. */
sy_status sy_rd_item_fields(pctx *c, int list, const field *f, void *item);

/* The item map M of list LIST into ITEM. */
sy_status sy_rd_item(pctx *c, int list, const sy_ynode *m, void *item);

/* source, document, review into the model (NULL or null M: absent). */
sy_status sy_rd_source(pctx *c, const sy_ynode *m, sy_sourceinfo *s);
sy_status sy_rd_document(pctx *c, const sy_ynode *m, sy_docfacts *d);
sy_status sy_rd_review(pctx *c, const sy_ynode *m, sy_reviewinfo *r);
/* proposers (SY_TOP_PROPOSERS): a mapping of mappings into *OUT. */
sy_status sy_rd_proposers(pctx *c, const field *f, sy_node **out);

/* Sort the pairs of the mapping M into the fields F[0..NF) and the
 * unknown keys into *EXTRA (a new mapping owned by the model; left NULL
 * when there are none; EXTRA NULL: dropped).  Refuses a non-mapping, a
 * key given twice and a missing required field.  WHAT names M. */
sy_status sy_rd_take_fields(pctx *c, const sy_ynode *m, const char *what,
			    field *f, size_t nf, sy_node **extra);

/* A scalar that may hold a number: plain and not tagged !!str. */
bool sy_rd_is_plain(const sy_ynode *p);
/* P's text for messages ("a list", "a mapping" for collections). */
const char *sy_rd_shown(const sy_ynode *p);
/* A decimal integer (optional sign, no leading zeros) in S.  0 ok, -1
 * not an integer, -2 out of range. */
int sy_rd_parse_ll(const char *s, long long *out);

/* ------------------------------------------------------------ items */

/* A new zeroed item at the end of list LIST of the model (a sy_section or
 * a sy_stat), or NULL on OOM. */
void *sy_rd_new_item(pctx *c, int list);
/* Remember where the id of list LIST's next item is (P: the id value). */
sy_status sy_rd_note_pos(pctx *c, int list, const sy_ynode *p);
/* The fast scanner's direct hook (fast_scan.h), CTX a pctx. */
int sy_rd_direct_item(void *ctx, const char *s, size_t n);

#endif
