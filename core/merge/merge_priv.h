/* merge_priv.h - what the files of the three-way merge share (merge.h);
 * not for use outside core/merge.
 *
 *   merge.c         the driver (sy_merge), the source and review blocks,
 *                   and the YAML values of fields (nodes)
 *   merge_values.c  unknown keys, `proposed` and tags, three ways
 *   merge_fields.c  the fields of an item, by field id (fid)
 *   merge_ids.c     id tables; THEIRS's added items given fresh ids
 *   merge_items.c   one item, and the lists of items, three ways
 *   merge_record.c  the conflict record on an item (conflict.h)
 *   merge_doc.c     the document facts, three ways
 *
 * Sections and statistics go through the same code: an item is a void *
 * to an sy_section or an sy_stat, with its kind (K_SEC, K_STAT) beside
 * it, and its fields are reached by field id (fid), generated from
 * model/schema.h.  Ids are looked up in hash tables (idtab) so that large
 * files merge in linear time.
 *
 * Every function returning int returns 0, or -1 on OOM; new nodes and
 * strings are owned by the caller, NULL on OOM.
 */
#ifndef SY_MERGE_PRIV_H
#define SY_MERGE_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include "merge/merge.h"
#include "model/schema.h"
#include "model/item.h"
#include "format/yaml_style.h"

#define NONE ((size_t)-1)

typedef enum kind { K_SEC, K_STAT } kind;

enum { SIDE_BASE, SIDE_OURS, SIDE_THEIRS };

/* ------------------------------------------------------------ items */

static inline size_t mg_count(const sy_annot *a, kind k)
{
	if (!a)
		return 0;
	return k == K_SEC ? a->nsections : a->nstats;
}

static inline void *mg_item_at(const sy_annot *a, kind k, size_t i)
{
	return k == K_SEC ? (void *)&a->sections[i] : (void *)&a->stats[i];
}

static inline char **mg_id_ref(kind k, void *it)
{
	return k == K_SEC ? &((sy_section *)it)->id : &((sy_stat *)it)->id;
}

static inline const char *mg_item_id(kind k, const void *it)
{
	return *mg_id_ref(k, (void *)it);
}

static inline sy_review *mg_rev(kind k, const void *it)
{
	return k == K_SEC ? &((sy_section *)it)->r : &((sy_stat *)it)->r;
}

static inline size_t mg_item_start(kind k, const void *it)
{
	return k == K_SEC ? ((const sy_section *)it)->start
			  : ((const sy_stat *)it)->start;
}

static inline size_t mg_item_end(kind k, const void *it)
{
	return k == K_SEC ? ((const sy_section *)it)->end
			  : ((const sy_stat *)it)->end;
}

static inline bool mg_same_span(kind k, const void *a, const void *b)
{
	return mg_item_start(k, a) == mg_item_start(k, b) &&
	       mg_item_end(k, a) == mg_item_end(k, b);
}

/* Replace *DST with a deep copy of SRC. */
static inline int mg_item_copy(kind k, void *dst, const void *src)
{
	return k == K_SEC ? sy_section_copy(dst, src) : sy_stat_copy(dst, src);
}

/* A zeroed new item at the end of A's list of kind K, or NULL on OOM.
 * (Not sy_annot_add_*: the id comes with the copy.) */
void *sy_mg_item_append(sy_annot *a, kind k);

/* ------------------------------------------------------------ fields */

/* The fields of an item that a merge compares one by one (tags and the
 * unknown keys have their own rules): F_SEC_LEVEL, F_STAT_VALUE,
 * F_REV_NOTE, ... from model/schema.h. */
#define MG_FID_SEC_(NAME, key, type, member, flags) F_SEC_##NAME,
#define MG_FID_STAT_(NAME, key, type, member, flags) F_STAT_##NAME,
#define MG_FID_REV_(NAME, key, type, member, flags) F_REV_##NAME,
typedef enum fid {
	SY_SECTION_FIELDS(MG_FID_SEC_)
	SY_STAT_FIELDS(MG_FID_STAT_)
	SY_REVIEW_FIELDS(MG_FID_REV_)
	F_COUNT
} fid;

/* The fields of kind K but the id, in the file's order; *N their number. */
const fid *sy_mg_fields(kind k, size_t *n);
/* The key of F ("value"). */
const char *sy_mg_field_name(fid f);
/* Field F of A and B equal (tags as sets). */
bool sy_mg_field_eq(kind k, fid f, const void *a, const void *b);
/* Set field F of DST to SRC's (a deep copy). */
int sy_mg_field_set(kind k, fid f, void *dst, const void *src);
/* Field F of IT as a YAML value. */
sy_node *sy_mg_field_node(kind k, fid f, const void *it);
/* Everything but the id equal (tags as sets, unknown keys by key). */
bool sy_mg_item_eq(kind k, const void *a, const void *b);
/* Replace *DST by a copy of SRC (NULL: NULL). */
int sy_mg_copy_str(char **dst, const char *src);
int sy_mg_copy_node(sy_node **dst, const sy_node *src);

/* The operations on a field by its type (model/schema.h's SY_FT_*), on
 * member M of the structs A and B (DST and SRC): EQ_ says whether they
 * are equal, SET_ copies SRC's into DST (0, or -1 on OOM). */
#define EQ_SY_FT_ID(a, b, m) sy_str_eq((a)->m, (b)->m)
#define EQ_SY_FT_STR(a, b, m) sy_str_eq((a)->m, (b)->m)
#define EQ_SY_FT_INT(a, b, m) ((a)->m == (b)->m)
#define EQ_SY_FT_SIZE(a, b, m) ((a)->m == (b)->m)
#define EQ_SY_FT_APPROX(a, b, m) ((a)->m == (b)->m)
#define EQ_SY_FT_STATUS(a, b, m) ((a)->m == (b)->m)
#define EQ_SY_FT_NUM(a, b, m) \
	sy_num_eq((a)->m, (a)->has_##m, (b)->m, (b)->has_##m)
#define EQ_SY_FT_TAGS(a, b, m) sy_tags_same(&(a)->m, &(b)->m)
#define EQ_SY_FT_MAP(a, b, m) sy_node_equal((a)->m, (b)->m, true)
#define SET_SY_FT_ID(d, s, m) sy_mg_copy_str(&(d)->m, (s)->m)
#define SET_SY_FT_STR(d, s, m) sy_mg_copy_str(&(d)->m, (s)->m)
#define SET_SY_FT_INT(d, s, m) ((d)->m = (s)->m, 0)
#define SET_SY_FT_SIZE(d, s, m) ((d)->m = (s)->m, 0)
#define SET_SY_FT_APPROX(d, s, m) ((d)->m = (s)->m, 0)
#define SET_SY_FT_STATUS(d, s, m) ((d)->m = (s)->m, 0)
#define SET_SY_FT_NUM(d, s, m) \
	((d)->m = (s)->m, (d)->has_##m = (s)->has_##m, 0)
#define SET_SY_FT_TAGS(d, s, m) sy_tags_copy(&(d)->m, &(s)->m)
#define SET_SY_FT_MAP(d, s, m) sy_mg_copy_node(&(d)->m, (s)->m)

/* ------------------------------------------------------------ values */

/* merge.c: new scalar nodes of a plain scalar as it is, of whole
 * numbers.  A string or a number of an item: sy_yaml_str_node and
 * sy_yaml_num_node (format/yaml_style.h), spelled as the writer does. */
sy_node *sy_mg_raw_node(const char *s);
sy_node *sy_mg_size_node(size_t v);
sy_node *sy_mg_int_node(long v);

/* merge_values.c */
/* A mapping of unknown keys, or NULL when M is absent or not a mapping. */
const sy_node *sy_mg_as_map(const sy_node *m);
/* Extras compare equal when both are empty, however that is written. */
bool sy_mg_extra_eq(const sy_node *a, const sy_node *b);
/* Set KEY of the mapping *MAP (created when NULL) to V, taking V (freed
 * on failure too), in place when KEY is there, else appended; V NULL
 * removes KEY. */
int sy_mg_map_set(sy_node **map, const char *key, sy_node *v);
/* Three-way merge of tag sets into *OUT (replaced): a tag is in when both
 * sides have it, or one side has it and BASE (may be NULL) had not; OURS's
 * order first. */
int sy_mg_tags_merge(const sy_tags *b, const sy_tags *o, const sy_tags *t,
		     sy_tags *out);
/* Three-way merge of the unknown keys B, O, T (mappings or NULL) into
 * *OUT (NULL when empty); *CLASH (may be NULL) set when a key went two
 * ways (merge_values.c says how). */
int sy_mg_extra_merge(const sy_node *b, const sy_node *o, const sy_node *t,
		      sy_node **out, bool *clash);
/* `proposed` changed on both sides, merged key by key into *OUT; *CLASH
 * when a key went two ways, or a side's value is not a mapping. */
int sy_mg_proposed_merge(const sy_node *b, const sy_node *o,
			 const sy_node *t, sy_node **out, bool *clash);

/* ------------------------------------------------------------ the merge */

/* Open-addressing table from id to index into one list of an annot. */
typedef struct idtab {
	const sy_annot *a;
	kind k;
	size_t *slot;        /* index + 1; 0 = empty.  Owned */
	size_t mask;
} idtab;

typedef struct mctx {
	const sy_annot *in[3];     /* base (may be NULL), ours, theirs */
	sy_annot *theirs;          /* in[2], writable (ids renamed) */
	sy_annot *out;
	sy_merge_report *rep;
	idtab tab[3][2];           /* [side][kind]; owned */
	bool *tdrop[2];            /* THEIRS's items dropped as duplicates; owned */
	unsigned next[2];          /* next free id number per kind */
} mctx;

/* merge_ids.c */
/* Index of the item with ID, or NONE. */
size_t sy_mg_idtab_find(const idtab *t, const char *id);
/* Table of A's (may be NULL) list K, leaving out the items marked in SKIP
 * (may be NULL); a repeated id is left out. */
int sy_mg_idtab_build(idtab *t, const sy_annot *a, kind k, const bool *skip);
void sy_mg_idtab_free(idtab *t);
/* THEIRS's added items of kind K: the same, renamed or dropped (see
 * merge_ids.c); builds tab[THEIRS][K].  SY_OK, or an error. */
sy_status sy_mg_settle_theirs_ids(mctx *c, kind k, sy_error *err);

/* merge_record.c */
/* Push a copy of S onto the list *V (N used, *CAP). */
int sy_mg_list_add(char ***v, size_t *n, size_t *cap, const char *s);
/* List ID among the report's conflicts. */
int sy_mg_add_conflict(mctx *c, const char *id);
/* A side's reviewer as a YAML value. */
sy_node *sy_mg_reviewer_node(const sy_annot *a);
/* The conflict record in the unknown keys EXTRA (may be NULL), or NULL. */
const sy_node *sy_mg_conflict_rec(const sy_node *extra);
/* Both sides changed the conflict record: keep the alternatives of both
 * in *EXTRA's record. */
int sy_mg_join_records(sy_node **extra, const sy_node *b, const sy_node *o,
		       const sy_node *t);
/* Set *EXTRA's key `conflict` to {SIDE: WHAT, reviewer: WHO's}, taking
 * WHAT, the earlier records OLD_A and OLD_B (may be NULL) kept. */
int sy_mg_put_record(sy_node **extra, const char *side, sy_node *what,
		     const sy_annot *who, const sy_node *old_a,
		     const sy_node *old_b);
/* The same on IT (a copy in OUT), tagged, and listed in the report. */
int sy_mg_mark_conflict(mctx *c, kind k, void *it, const char *side,
			sy_node *what, const sy_annot *who,
			const sy_node *old_a, const sy_node *old_b);

/* merge_items.c: merge the lists of kind K into OUT. */
int sy_mg_merge_list(mctx *c, kind k);
/* merge_doc.c: the document facts, by the items' rules. */
int sy_mg_merge_doc(mctx *c);

#endif
