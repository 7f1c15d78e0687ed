/* merge_fields.c - the fields of an item, by field id (merge_priv.h):
 * compared, copied and written as YAML values.  The field ids, their
 * keys and these operations are generated from model/schema.h, by the
 * type of each field (SY_FT_*): a field added to the schema is merged
 * with no change here.
 */
#include "merge/merge_priv.h"
#include "model/item.h"

#include <stdlib.h>
#include <string.h>

/* The ids come first in the schema's lists (and are left out below). */
_Static_assert(SY_SEC_ID == 0 && SY_STAT_ID == 0, "id first");

static const char *const FIELD_NAME[F_COUNT] = {
	SY_SECTION_FIELDS(SY_FIELD_KEY)
	SY_STAT_FIELDS(SY_FIELD_KEY)
	SY_REVIEW_FIELDS(SY_FIELD_KEY)
};

/* In the file's order, the id first. */
static const fid SECTION_FIELDS[] = {
	SY_SECTION_FIELDS(MG_FID_SEC_) SY_REVIEW_FIELDS(MG_FID_REV_)
};
static const fid STAT_FIELDS[] = {
	SY_STAT_FIELDS(MG_FID_STAT_) SY_REVIEW_FIELDS(MG_FID_REV_)
};

const fid *sy_mg_fields(kind k, size_t *n)
{
	if (k == K_SEC) {
		*n = sizeof SECTION_FIELDS / sizeof *SECTION_FIELDS - 1;
		return SECTION_FIELDS + 1;
	}
	*n = sizeof STAT_FIELDS / sizeof *STAT_FIELDS - 1;
	return STAT_FIELDS + 1;
}

const char *sy_mg_field_name(fid f)
{
	return FIELD_NAME[f];
}

/* A zeroed new item at the end of A's list of kind K, or NULL on OOM.
 * (Not sy_annot_add_*: the id comes with the copy.) */
void *sy_mg_item_append(sy_annot *a, kind k)
{
	void *v = k == K_SEC ? (void *)a->sections : (void *)a->stats;
	size_t *n = k == K_SEC ? &a->nsections : &a->nstats;
	size_t *cap = k == K_SEC ? &a->capsections : &a->capstats;
	size_t size = k == K_SEC ? sizeof(sy_section) : sizeof(sy_stat);
	void *it;

	if (sy_grow(&v, *n, cap, size))
		return NULL;
	if (k == K_SEC)
		a->sections = v;
	else
		a->stats = v;
	it = (char *)v + *n * size;
	memset(it, 0, size);
	++*n;
	return it;
}

/* The struct that holds each group of fields. */
#define SEC_(it) ((sy_section *)(it))
#define STAT_(it) ((sy_stat *)(it))
#define REV_(it) mg_rev(k, it)

/* The cases of a switch over every field id: FIELD_CASES_(EQ_) gives,
 * for every field NAME of type TYPE and member M, "case F_SEC_NAME:
 * return EQ_TYPE(..., M);" (EQ_SEC_, EQ_STAT_, EQ_REV_ below). */
#define FIELD_CASES_(OP) \
	SY_SECTION_FIELDS(OP##SEC_) SY_STAT_FIELDS(OP##STAT_) \
	SY_REVIEW_FIELDS(OP##REV_)

/* ---- equal */
#define EQ_(P, S, NAME, type, m) case P##NAME: return EQ_##type(S(a), S(b), m);
#define EQ_SEC_(N, key, type, m, fl) EQ_(F_SEC_, SEC_, N, type, m)
#define EQ_STAT_(N, key, type, m, fl) EQ_(F_STAT_, STAT_, N, type, m)
#define EQ_REV_(N, key, type, m, fl) EQ_(F_REV_, REV_, N, type, m)

bool sy_mg_field_eq(kind k, fid f, const void *a, const void *b)
{
	switch (f) {
	FIELD_CASES_(EQ_)
	default: return true;
	}
}

/* ---- set */

#define SET_(P, S, NAME, type, m) \
	case P##NAME: return SET_##type(S(dst), S(src), m);
#define SET_SEC_(N, key, type, m, fl) SET_(F_SEC_, SEC_, N, type, m)
#define SET_STAT_(N, key, type, m, fl) SET_(F_STAT_, STAT_, N, type, m)
#define SET_REV_(N, key, type, m, fl) SET_(F_REV_, REV_, N, type, m)

int sy_mg_field_set(kind k, fid f, void *dst, const void *src)
{
	switch (f) {
	FIELD_CASES_(SET_)
	default: return 0;
	}
}

/* ---- copies */

int sy_mg_copy_str(char **dst, const char *src)
{
	char *s = sy_strdup(src);

	if (!s && src)
		return -1;
	free(*dst);
	*dst = s;
	return 0;
}

int sy_mg_copy_node(sy_node **dst, const sy_node *src)
{
	sy_node *node = NULL;

	if (src && !(node = sy_node_clone(src)))
		return -1;
	sy_node_free(*dst);
	*dst = node;
	return 0;
}

/* ---- as YAML */

static sy_node *approx_node(sy_approx v)
{
	const char *a = sy_approx_name(v);

	return sy_mg_raw_node(a ? a : "null");
}

static sy_node *tags_node(const sy_tags *t)
{
	sy_node *seq = sy_node_seq();

	if (!seq)
		return NULL;
	for (size_t i = 0; i < t->n; i++)
		if (sy_node_push(seq, sy_yaml_str_node(t->v[i]))) {
			sy_node_free(seq);
			return NULL;
		}
	return seq;
}

static sy_node *map_node(const sy_node *m)
{
	return m ? sy_node_clone(m) : sy_mg_raw_node("null");
}

#define NODE_SY_FT_ID(it, m) sy_yaml_str_node((it)->m)
#define NODE_SY_FT_STR(it, m) sy_yaml_str_node((it)->m)
#define NODE_SY_FT_INT(it, m) sy_mg_int_node((it)->m)
#define NODE_SY_FT_SIZE(it, m) sy_mg_size_node((it)->m)
#define NODE_SY_FT_NUM(it, m) sy_yaml_num_node((it)->m, (it)->has_##m)
#define NODE_SY_FT_APPROX(it, m) approx_node((it)->m)
#define NODE_SY_FT_STATUS(it, m) sy_mg_raw_node(sy_status_name((it)->m))
#define NODE_SY_FT_TAGS(it, m) tags_node(&(it)->m)
#define NODE_SY_FT_MAP(it, m) map_node((it)->m)
#define NODE_(P, S, NAME, type, m) case P##NAME: return NODE_##type(S(it), m);
#define NODE_SEC_(N, key, type, m, fl) NODE_(F_SEC_, SEC_, N, type, m)
#define NODE_STAT_(N, key, type, m, fl) NODE_(F_STAT_, STAT_, N, type, m)
#define NODE_REV_(N, key, type, m, fl) NODE_(F_REV_, REV_, N, type, m)

sy_node *sy_mg_field_node(kind k, fid f, const void *it)
{
	switch (f) {
	FIELD_CASES_(NODE_)
	default: return NULL;
	}
}

/* Everything but the id equal (tags as sets, unknown keys by key). */
bool sy_mg_item_eq(kind k, const void *a, const void *b)
{
	size_t nf, i;
	const fid *f = sy_mg_fields(k, &nf);

	for (i = 0; i < nf; i++)
		if (!sy_mg_field_eq(k, f[i], a, b))
			return false;
	return sy_mg_extra_eq(mg_rev(k, a)->extra, mg_rev(k, b)->extra);
}
