/* annot_direct.c - the items of a streamed list into the model (see
 * annot_rd.h): a new item at the end of a list, where its id is, and the
 * direct item reader.
 *
 * Most items are exactly what the writer writes: "- id: ...", then one
 * "  key: value" line for each field in the writer's order (SECTION_FIELDS,
 * STAT_FIELDS) up to tags, maybe a note, maybe a proposed mapping of
 * scalars, and nothing else (no unknown key, no blank or comment line).
 * While a list is streamed, the fast scanner reads such an item straight
 * into the model: its values are scanned by sy_fast_value as always and
 * become tree nodes on the side, read by the same sy_rd_item_fields,
 * without events, tree or key matching.  Anything else is left to the
 * events; a value the model refuses makes the scanner give up, as any
 * failure does.
 */

#include "format/annot_rd.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SCALAR SY_MAX_SCALAR_BYTES
#define FAST_MAX_LINE SY_FAST_MAX_LINE
#define FAST_MAX_KEY SY_FAST_MAX_KEY

typedef sy_fast fast;
typedef sy_fevent fevent;

/* The reader below takes the review fields in this order: the first
 * three as lines, then maps of scalars (proposed, by), then via. */
_Static_assert(SY_REV_STATUS == 0 && SY_REV_TAGS == 1 && SY_REV_NOTE == 2 &&
	       SY_REV_PROPOSED == 3 && SY_REV_BY == 4 &&
	       SY_REV_DISAGREEMENT == 5 && SY_REV_VIA == 6 && SY_REV_COUNT == 7,
	       "the direct reader expects status, tags, note, proposed, by, "
	       "disagreement, via");
_Static_assert(SY_SEC_ID == 0 && SY_STAT_ID == 0,
	       "an item starts with its id (fast_scan.h: sy_fast.ikey)");
_Static_assert(ST_COUNT >= SE_COUNT, "a statistic has the most fields");

sy_status sy_rd_note_pos(pctx *c, int list, const sy_ynode *p)
{
	itemlist *l = &c->lists[list];

	if (l->npos == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		idpos *v = cap <= SIZE_MAX / sizeof *v
			   ? realloc(l->pos, cap * sizeof *v) : NULL;
		if (!v)
			return sy_rd_nomem(c);
		l->pos = v;
		l->cap = cap;
	}
	l->pos[l->npos++] = (idpos){ p->line, p->col };
	return SY_OK;
}

/* A new zeroed element of SIZE bytes at the end of *V (count *N,
 * capacity *CAP; sy_grow); NULL on OOM (*V unchanged). */
static void *push(void **v, size_t *n, size_t *cap, size_t size)
{
	char *p;

	if (sy_grow(v, *n, cap, size) < 0)
		return NULL;
	p = (char *)*v + *n * size;
	memset(p, 0, size);
	++*n;
	return p;
}

/* (Not sy_annot_add_section / _stat: the fresh id they make would at once
 * be replaced by the file's.) */
void *sy_rd_new_item(pctx *c, int list)
{
	sy_annot *a = c->a;
	void *v, *item;

	if (list == L_SECTIONS) {
		v = a->sections;
		item = push(&v, &a->nsections, &a->capsections,
			    sizeof *a->sections);
		a->sections = v;
	} else {
		v = a->stats;
		item = push(&v, &a->nstats, &a->capstats, sizeof *a->stats);
		a->stats = v;
	}
	return item;
}

/* The most "proposed" keys of an item read directly. */
#define DIRECT_MAX_PROPOSED 32

/* Room for N more bytes in the direct reader's text buffer and for NT tag
 * nodes.  0, or -1 on OOM. */
static int direct_room(fast *f, size_t n, size_t nt)
{
	if (n > f->dtmpcap) {
		char *t = realloc(f->dtmp, n);
		if (!t)
			return -1;
		f->dtmp = t;
		f->dtmpcap = n;
	}
	if (nt > f->dtagcap) {
		sy_ynode *t = calloc(nt, sizeof *t);
		sy_ynode **k = calloc(nt, sizeof *k);
		if (!t || !k) {
			free(t);
			free(k);
			return -1;
		}
		free(f->dtags);
		free(f->dkids);
		f->dtags = t;
		f->dkids = k;
		f->dtagcap = nt;
	}
	return 0;
}

/* The value at column J of the line S (N bytes), scanned by sy_fast_value:
 * its events are then in fast.q.  0, 1 when the line is outside the
 * subset, -1 on OOM. */
static int direct_scan(fast *f, const char *s, size_t n, size_t j)
{
	if (n > FAST_MAX_LINE || !sy_fast_text_ok(s, n))
		return 1;
	if (sy_fast_tmp_room(f, n) < 0)
		return -1;
	f->qn = f->qi = 0;
	if (sy_fast_value(f, s, n, j) < 0) {
		f->qn = 0;
		return 1;
	}
	return 0;
}

/* *P becomes a scalar node of the text V[0..LEN), copied into fast.dtmp
 * at *USED (which moves past it), QUOTED or plain, at LINE, COL. */
static void direct_scalar(fast *f, sy_ynode *p, const char *v, size_t len,
			  bool quoted, size_t line, size_t col, size_t *used)
{
	memset(p, 0, sizeof *p);
	p->kind = SY_NODE_SCALAR;
	p->text = f->dtmp + *used;
	memcpy(p->text, v, len);
	p->text[len] = '\0';
	p->len = len;
	p->quoted = quoted;
	p->line = line;
	p->col = col;
	*used += len + 1;
}

/* The block mappings of scalars an item read directly may have, in
 * the writer's order ("disagreement" holds mappings: left to events). */
enum { DM_PROPOSED, DM_BY, DM_COUNT };
static const int DIRECT_MAPS[DM_COUNT] = { SY_REV_PROPOSED, SY_REV_BY };

/* One such mapping while an item is read: its lines, then its nodes. */
typedef struct dmap {
	bool on;
	size_t hline;                    /* its "  key:" line, from the item's */
	const char *pl[DIRECT_MAX_PROPOSED];
	size_t pln[DIRECT_MAX_PROPOSED], np;
	sy_ynode pk[DIRECT_MAX_PROPOSED], pv[DIRECT_MAX_PROPOSED], map;
	sy_ynode *kids[2 * DIRECT_MAX_PROPOSED];
} dmap;

/* The "    KEY: VALUE" lines of M (its first line at F's line + LINE0)
 * into its nodes, KEY as fast_feed takes it, VALUE a scalar.  1 done, 0
 * outside the subset, -1 on OOM. */
static int direct_map(fast *f, dmap *m, size_t *used)
{
	size_t i;
	int r;

	for (i = 0; i < m->np; i++) {
		const char *t = m->pl[i];
		size_t tn = m->pln[i], j, line = f->line + m->hline + 1 + i;
		const fevent *e;

		for (j = 4; j < tn && sy_fast_key_char(t[j]); j++)
			;
		if (j == 4 || t[4] == '-' || j - 4 > FAST_MAX_KEY ||
		    j + 2 >= tn || t[j] != ':' || t[j + 1] != ' ')
			return 0;
		if ((r = direct_scan(f, t, tn, j + 2)) != 0)
			return r < 0 ? -1 : 0;
		e = &f->q[0];
		if (f->qn != 1 || e->type != YAML_SCALAR_EVENT || e->len > MAX_SCALAR)
			return 0;
		direct_scalar(f, &m->pk[i], t + 4, j - 4, false, line, 4, used);
		direct_scalar(f, &m->pv[i], e->v, e->len,
			      e->style != YAML_PLAIN_SCALAR_STYLE, line, j + 2,
			      used);
		m->kids[2 * i] = &m->pk[i];
		m->kids[2 * i + 1] = &m->pv[i];
	}
	memset(&m->map, 0, sizeof m->map);
	m->map.kind = SY_NODE_MAP;
	m->map.line = f->line + m->hline + 1;
	m->map.col = 4;
	m->map.kids = m->kids;
	m->map.n = m->map.cap = 2 * m->np;
	return 1;
}

/* T (TN bytes) is "  KEY:" for KEY. */
static bool map_head(const char *t, size_t tn, const char *key)
{
	size_t kl = strlen(key);

	return tn == 3 + kl && t[0] == ' ' && t[1] == ' ' &&
	       memcmp(t + 2, key, kl) == 0 && t[tn - 1] == ':';
}

/* direct_item without emptying the event queue it borrows. */
static int direct_read(pctx *c, const char *s, size_t n)
{
	fast *f = c->fast;
	int list = c->direct - 1;
	field fs[SE_COUNT] = SECTION_FIELDS, ft[ST_COUNT] = STAT_FIELDS;
	field *fl = list == L_SECTIONS ? fs : ft;
	size_t rv = list == L_SECTIONS ? SE_REVIEW : ST_REVIEW;
	const char *vkey = fl[rv + SY_REV_VIA].key;
	const char *ls[ST_COUNT], *vl = NULL;
	size_t ln[ST_COUNT], vln = 0, vline = 0, nl = 1, at = 0, lines = 1;
	size_t end = 0, total = n, i, used = 0, ntags = 0, nodes;
	int cur = -1, last = -1;        /* the mapping being read, the last */
	dmap *dm = f->dmaps;
	sy_ynode vals[ST_COUNT], vval;
	sy_error scratch, *keep;
	sy_status st;
	void *item;
	int r, m;

	if (!dm && !(dm = f->dmaps = calloc(DM_COUNT, sizeof *dm)))
		return -1;
	for (m = 0; m < DM_COUNT; m++) {
		dm[m].on = false;
		dm[m].np = 0;
	}
	/* the lines: the fields up to tags, maybe a note, maybe mappings
	 * ("  proposed:", "  by:") each with its "    key: value" lines,
	 * maybe "  via: ...", then a line at column 0 or the end of the
	 * input */
	ls[0] = s;
	ln[0] = n;
	for (;;) {
		const char *t = NULL;
		size_t tn = 0, before = at;

		r = sy_fast_peek(f, &at, &t, &tn);
		if (r < 0)
			return 0;
		if (last < 0 && !vl &&
		    (nl <= rv + 1 ||
		     (nl == rv + 2 && r > 0 &&
		      sy_fast_keyed(t, tn, "  ", fl[rv + SY_REV_NOTE].key)))) {
			if (r == 0 || !sy_fast_keyed(t, tn, "  ", fl[nl].key))
				return 0;
			ls[nl] = t;
			ln[nl++] = tn;
			lines++;
			total += tn;
			continue;
		}
		if (r > 0 && !vl) {
			for (m = last + 1; m < DM_COUNT; m++)
				if (map_head(t, tn, fl[rv + DIRECT_MAPS[m]].key))
					break;
			if (m < DM_COUNT) {
				if (cur >= 0 && dm[cur].np == 0)
					return 0;
				dm[m].on = true;
				dm[m].hline = lines++;
				cur = last = m;
				continue;
			}
		}
		if (cur >= 0 && r > 0 && tn > 4 && memcmp(t, "    ", 4) == 0) {
			if (dm[cur].np == DIRECT_MAX_PROPOSED)
				return 0;
			dm[cur].pl[dm[cur].np] = t;
			dm[cur].pln[dm[cur].np++] = tn;
			lines++;
			total += tn;
			continue;
		}
		if (cur >= 0 && dm[cur].np == 0)
			return 0;
		if (!vl && r > 0 && sy_fast_keyed(t, tn, "  ", vkey)) {
			vl = t;
			vln = tn;
			vline = lines++;
			total += tn;
			cur = -1;
			continue;
		}
		if (r > 0 && (tn == 0 || t[0] == ' ' || t[0] == '#'))
			return 0;
		end = before;
		break;
	}
	if (direct_room(f, 2 * total + 16, total / 2 + 1) < 0)
		return -1;
	/* the values, as fast_feed would scan them */
	memset(vals, 0, sizeof vals);
	for (i = 0; i < nl; i++) {
		size_t j = 4 + strlen(fl[i].key), q;
		bool tags = i == rv + 1;

		if ((r = direct_scan(f, ls[i], ln[i], j)) != 0)
			return r < 0 ? -1 : 0;
		if (tags ? f->q[0].type != YAML_SEQUENCE_START_EVENT
			 : f->qn != 1 || f->q[0].type != YAML_SCALAR_EVENT)
			return 0;
		vals[i].kind = tags ? SY_NODE_SEQ : SY_NODE_SCALAR;
		vals[i].line = f->line + i;
		vals[i].col = j;
		for (q = tags ? 1 : 0; q < f->qn; q++) {
			const fevent *e = &f->q[q];
			sy_ynode *p = tags ? &f->dtags[ntags] : &vals[i];

			if (e->type != YAML_SCALAR_EVENT)
				continue;       /* the list's end */
			if (e->len > MAX_SCALAR)
				return 0;
			direct_scalar(f, p, e->v, e->len,
				      e->style != YAML_PLAIN_SCALAR_STYLE,
				      f->line + i, e->col, &used);
			if (tags)
				f->dkids[ntags++] = p;
		}
		if (tags) {
			vals[i].kids = f->dkids;
			vals[i].n = vals[i].cap = ntags;
		}
		fl[i].v = &vals[i];
	}
	nodes = 1 + 2 * nl + ntags;
	for (m = 0; m < DM_COUNT; m++) {
		if (!dm[m].on)
			continue;
		if ((r = direct_map(f, &dm[m], &used)) != 1)
			return r;
		fl[rv + DIRECT_MAPS[m]].v = &dm[m].map;
		nodes += 2 + 2 * dm[m].np;
	}
	if (vl) {
		size_t j = 4 + strlen(vkey);

		if ((r = direct_scan(f, vl, vln, j)) != 0)
			return r < 0 ? -1 : 0;
		if (f->qn != 1 || f->q[0].type != YAML_SCALAR_EVENT ||
		    f->q[0].len > MAX_SCALAR)
			return 0;
		direct_scalar(f, &vval, f->q[0].v, f->q[0].len,
			      f->q[0].style != YAML_PLAIN_SCALAR_STYLE,
			      f->line + vline, j, &used);
		fl[rv + SY_REV_VIA].v = &vval;
		nodes += 2;
	}
	/* the nodes the events would have built: the mapping, each key and
	 * value, each tag, each mapping's key, node, and its keys and
	 * values, via's key and value */
	if (c->t.nodes + nodes > c->t.max_nodes)
		return 0;
	/* into the model, as read_item does */
	if (!(item = sy_rd_new_item(c, list)))
		return -1;
	keep = c->err;
	c->err = &scratch;
	st = sy_rd_item_fields(c, list, fl, item);
	if (st == SY_OK)
		st = sy_rd_note_pos(c, list, &vals[0]);
	c->err = keep;
	if (st != SY_OK)
		return -1;      /* the model refuses it: libyaml will say why */
	c->t.nodes += nodes;
	/* take the item's lines */
	if (c->in)
		f->beg += end;
	else
		f->p += end;
	f->line += lines;
	f->any = true;
	c->info.direct++;
	return 1;
}

/* The item whose first line S (N bytes, "- id: ...") was just taken from
 * the input, read directly when it is in the writer's shape (see above).
 * Returns 1 when the item is in the model and its lines are taken, 0 when
 * it is left to the events (nothing changed), -1 to give up.  The values
 * are scanned through the (empty) event queue, emptied again after. */
int sy_rd_direct_item(void *ctx, const char *s, size_t n)
{
	pctx *c = ctx;
	int r = direct_read(c, s, n);

	c->fast->qn = c->fast->qi = 0;
	return r;
}

