/* reanchor_commit.c - applying the result of re-anchoring to the
 * annotation (new spans, moved `proposed` offsets, the lost-anchor tag,
 * the new source facts) and the report of what moved and what was lost
 * (see reanchor.h, reanchor_priv.h).
 */
#include "session/reanchor_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/schema.h"

static sy_tags *item_tags(sy_annot *a, const item *it)
{
	return it->is_sec ? &a->sections[it->idx].r.tags
			  : &a->stats[it->idx].r.tags;
}

static const char *item_id(const sy_annot *a, const item *it)
{
	return it->is_sec ? a->sections[it->idx].id : a->stats[it->idx].id;
}

static void tags_remove(sy_tags *t, const char *tag)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->v[i], tag) == 0) {
			free(t->v[i]);
			memmove(t->v + i, t->v + i + 1,
				(t->n - i - 1) * sizeof *t->v);
			t->n--;
			return;
		}
}

void sy_reanchor_report_free(sy_reanchor_report *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; r->lost_ids && i < r->lost; i++)
		free(r->lost_ids[i]);
	free(r->lost_ids);
	memset(r, 0, sizeof *r);
}

static sy_node *item_proposed(sy_annot *a, const item *it)
{
	return it->is_sec ? a->sections[it->idx].r.proposed
			  : a->stats[it->idx].r.proposed;
}

/* The new text of `proposed` KEY ("start" / "end") of placed item IT,
 * moved by the shift of its own start / end: malloc'd into *OUT, or NULL
 * when there is no such offset.  0, or -1 on OOM. */
static int proposed_offset(const ra *x, sy_annot *a, const item *it,
			   bool end, char **out)
{
	char buf[32];
	i64 v;

	*out = NULL;
	if (!ra_prop_offset(item_proposed(a, it),
			    sy_stat_keys[end ? SY_STAT_END : SY_STAT_START], &v))
		return 0;
	v += end ? (i64)it->ne - (i64)it->oe : (i64)it->ns - (i64)it->os;
	if (v < 0)
		v = 0;
	if (v > (i64)x->nn)
		v = (i64)x->nn;
	snprintf(buf, sizeof buf, "%lld", v);
	*out = strdup(buf);
	return *out ? 0 : -1;
}

/* Apply the result to A.  Everything that allocates is done first, so
 * that on OOM A is left as it was (but for spare tag capacity).
 *
 * Placed items get their new span; `proposed` start / end (where a
 * reviewer moved a span) move with them, so that they keep saying where
 * the extractor's span was, now in the new text.  Lost items keep their
 * span clamped into the new text and get the tag. */
/* See reanchor_priv.h. */
sy_status ra_commit(ra *x, sy_annot *a, const sy_source *src,
		    sy_reanchor_report *r, sy_error *err)
{
	size_t nlost = 0, i, k = 0, moved = 0, same = 0, n = x->nitems;
	char **ids = NULL, **tags = NULL, **props = NULL, *enc = NULL;

	for (i = 0; i < n; i++)
		nlost += !x->items[i].placed;
	ids = calloc(nlost ? nlost : 1, sizeof *ids);
	tags = calloc(nlost ? nlost : 1, sizeof *tags);
	props = calloc(2 * n + 1, sizeof *props);
	enc = strdup(sy_encoding_name(src->encoding));
	if (!ids || !tags || !props || !enc)
		goto oom;
	for (i = 0; i < n; i++) {
		const item *it = &x->items[i];
		sy_tags *t;
		void *v;
		if (it->placed) {
			if (proposed_offset(x, a, it, false, &props[2 * i]) < 0 ||
			    proposed_offset(x, a, it, true, &props[2 * i + 1]) < 0)
				goto oom;
			continue;
		}
		if (!(ids[k] = strdup(item_id(a, it) ? item_id(a, it) : "")))
			goto oom;
		t = item_tags(a, it);
		if (!sy_tags_has(t, SY_TAG_LOST_ANCHOR)) {
			v = t->v;
			if (sy_grow(&v, t->n, &t->cap, sizeof *t->v) < 0)
				goto oom;
			t->v = v;
			if (!(tags[k] = strdup(SY_TAG_LOST_ANCHOR)))
				goto oom;
		}
		k++;
	}

	/* nothing fails from here on */
	for (i = 0, k = 0; i < n; i++) {
		const item *it = &x->items[i];
		size_t *s = it->is_sec ? &a->sections[it->idx].start
				       : &a->stats[it->idx].start;
		size_t *e = it->is_sec ? &a->sections[it->idx].end
				       : &a->stats[it->idx].end;
		sy_tags *t = item_tags(a, it);
		if (it->placed) {
			for (int j = 0; j < 2; j++) {
				sy_node *nd;
				if (!props[2 * i + j])
					continue;
				nd = sy_node_get(item_proposed(a, it),
						 sy_stat_keys[j ? SY_STAT_END : SY_STAT_START]);
				free(nd->scalar);
				nd->scalar = props[2 * i + j];
				nd->quoted = 0;
			}
			if (*s == it->ns && *e == it->ne)
				same++;
			else
				moved++;
			*s = it->ns;
			*e = it->ne;
			tags_remove(t, SY_TAG_LOST_ANCHOR);
			continue;
		}
		if (*e > x->nn)
			*e = x->nn;
		if (*s > *e)
			*s = *e;
		if (tags[k])
			t->v[t->n++] = tags[k];
		k++;
	}
	free(tags);
	free(props);
	memcpy(a->source.sha256, src->sha256, sizeof a->source.sha256);
	a->source.sha256[sizeof a->source.sha256 - 1] = '\0';
	a->source.chars = src->chars;
	free(a->source.encoding);
	a->source.encoding = enc;
	sy_annot_sort(a);
	if (r) {
		r->moved = moved;
		r->same = same;
		r->lost = nlost;
		r->lost_ids = ids;
	} else {
		for (i = 0; i < nlost; i++)
			free(ids[i]);
		free(ids);
	}
	return SY_OK;
oom:
	for (i = 0; ids && i < nlost; i++)
		free(ids[i]);
	for (i = 0; tags && i < nlost; i++)
		free(tags[i]);
	for (i = 0; props && i < 2 * n; i++)
		free(props[i]);
	free(ids);
	free(tags);
	free(props);
	free(enc);
	return sy_fail(err, SY_ERR_NOMEM, "re-anchoring: out of memory");
}
