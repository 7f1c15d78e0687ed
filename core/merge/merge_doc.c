/* merge_doc.c - the document facts three ways, by the items' rules
 * (merge_priv.h); the conflict record under the document's key
 * `conflict`, its `proposed` (among its unknown keys) merged as a field.
 */
#include "merge/merge_priv.h"
#include "merge/conflict.h"

#include <stdlib.h>
#include <string.h>


/* The document's fields (model/schema.h), then its `proposed`. */
#define DOC_FID_(NAME, key, type, member, flags) D_##NAME,
typedef enum dfid { SY_DOC_FIELDS(DOC_FID_) D_PROPOSED, D_COUNT } dfid;

static const char *const DOC_KEY[] = { SY_DOC_FIELDS(SY_FIELD_KEY) };
static const char *const REV_KEY[] = { SY_REVIEW_FIELDS(SY_FIELD_KEY) };
static const char *const TOP_KEY[] = { SY_TOP_KEYS(SY_FIELD_KEY) };
#define PROPOSED REV_KEY[SY_REV_PROPOSED]

static const char *doc_key(dfid f)
{
	return f == D_PROPOSED ? PROPOSED : DOC_KEY[f];
}

/* The document's `proposed` lives among its unknown keys (review.c). */
static const sy_node *doc_proposed(const sy_docfacts *d)
{
	return sy_node_get(sy_mg_as_map(d->extra), PROPOSED);
}

#define DOC_EQ_(NAME, key, type, m, flags) \
	case D_##NAME: return EQ_##type(a, b, m);

static bool doc_field_eq(dfid f, const sy_docfacts *a, const sy_docfacts *b)
{
	switch (f) {
	SY_DOC_FIELDS(DOC_EQ_)
	case D_PROPOSED:
		return sy_node_equal(doc_proposed(a), doc_proposed(b), true);
	default: return true;
	}
}

static bool doc_eq(const sy_docfacts *a, const sy_docfacts *b)
{
	for (int f = 0; f < D_COUNT; f++)
		if (!doc_field_eq((dfid)f, a, b))
			return false;
	return sy_mg_extra_eq(a->extra, b->extra);
}

#define DOC_SET_(NAME, key, type, m, flags) \
	case D_##NAME: return SET_##type(dst, src, m);

static int doc_field_set(dfid f, sy_docfacts *dst, const sy_docfacts *src)
{
	const sy_node *p;
	sy_node *v = NULL;

	switch (f) {
	SY_DOC_FIELDS(DOC_SET_)
	case D_PROPOSED:
		if ((p = doc_proposed(src)) && !(v = sy_node_clone(p)))
			return -1;
		return sy_mg_map_set(&dst->extra, PROPOSED, v);
	default: return 0;
	}
}

/* A document field as YAML (the year's 0 is null). */
#define DOC_NODE_SY_FT_STR(d, m) sy_yaml_str_node((d)->m)
#define DOC_NODE_SY_FT_INT(d, m) \
	((d)->m ? sy_mg_int_node((d)->m) : sy_mg_raw_node("null"))
#define DOC_NODE_SY_FT_STATUS(d, m) sy_mg_raw_node(sy_status_name((d)->m))
#define DOC_NODE_(NAME, key, type, m, flags) \
	case D_##NAME: return DOC_NODE_##type(d, m);

static sy_node *doc_field_node(dfid f, const sy_docfacts *d)
{
	const sy_node *p;

	switch (f) {
	SY_DOC_FIELDS(DOC_NODE_)
	case D_PROPOSED:
		p = doc_proposed(d);
		return p ? sy_node_clone(p) : sy_mg_raw_node("null");
	default: return NULL;
	}
}

/* The document facts, by the items' rules.  0, or -1 on OOM. */
int sy_mg_merge_doc(mctx *c)
{
	const sy_docfacts *b = c->in[SIDE_BASE] ? &c->in[SIDE_BASE]->doc : NULL;
	const sy_docfacts *o = &c->in[SIDE_OURS]->doc, *t = &c->in[SIDE_THEIRS]->doc;
	sy_docfacts *r = &c->out->doc;
	sy_node *extra, *diff, *prop = NULL;   /* prop: owned until placed */
	bool conflict = false, both_proposed = false;
	int f;

	if (sy_doc_copy(r, o))
		return -1;
	if (doc_eq(o, t)) {
		if (b && doc_eq(b, o))
			c->rep->same++;
		else
			c->rep->merged++;
		return 0;
	}
	if (b && doc_eq(b, o)) {
		c->rep->from_theirs++;
		return sy_doc_copy(r, t);
	}
	if (b && doc_eq(b, t)) {
		c->rep->from_ours++;
		return 0;
	}
	for (f = 0; f < D_COUNT && !conflict; f++) {
		if (doc_field_eq((dfid)f, o, t) ||
		    (b && (doc_field_eq((dfid)f, b, o) ||
			   doc_field_eq((dfid)f, b, t))))
			continue;
		if (f != D_PROPOSED) {
			conflict = true;
			break;
		}
		both_proposed = true;
		if (sy_mg_proposed_merge(b ? doc_proposed(b) : NULL, doc_proposed(o),
					 doc_proposed(t), &prop, &conflict))
			return -1;
	}
	if (sy_mg_extra_merge(b ? b->extra : NULL, o->extra, t->extra, &extra, NULL)) {
		sy_node_free(prop);
		return -1;
	}
	sy_node_free(r->extra);
	r->extra = extra;
	if (sy_mg_join_records(&r->extra, b ? b->extra : NULL, o->extra, t->extra)) {
		sy_node_free(prop);
		return -1;
	}
	if (!conflict) {
		c->rep->merged++;
		for (f = 0; f < D_COUNT; f++)
			if (!doc_field_eq((dfid)f, o, t) && b &&
			    doc_field_eq((dfid)f, b, o) &&
			    doc_field_set((dfid)f, r, t)) {
				sy_node_free(prop);
				return -1;
			}
		/* the key merge of `proposed` (map_set takes PROP) */
		return both_proposed ? sy_mg_map_set(&r->extra, PROPOSED, prop) : 0;
	}
	sy_node_free(prop);
	if (doc_field_set(D_PROPOSED, r, o) || !(diff = sy_node_map()))
		return -1;
	for (f = 0; f < D_COUNT; f++)
		if (!doc_field_eq((dfid)f, o, t) &&
		    sy_node_put(diff, doc_key((dfid)f), doc_field_node((dfid)f, t))) {
			sy_node_free(diff);
			return -1;
		}
	if (sy_mg_put_record(&r->extra, "theirs", diff, c->in[SIDE_THEIRS],
			     sy_mg_conflict_rec(o->extra),
			     sy_mg_conflict_rec(t->extra)))
		return -1;
	return sy_mg_add_conflict(c, TOP_KEY[SY_TOP_DOCUMENT]);
}

