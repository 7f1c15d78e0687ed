/* reanchor_place.c - choosing where each item of re-anchoring goes among
 * the occurrences of its needle: the neighbourhood score and points 3 to
 * 6 of reanchor.c (anchors, gaps, mop-up, moved blocks).
 */
#include "session/reanchor_priv.h"

#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "text/numeral.h"
#include "text/textscan.h"

static bool ctx_skip(uint32_t c)
{
	return c == '\n' || sy_is_space(c);
}

/* How well the neighbourhood of IT's old span matches around [NS, NE) in
 * the new text: matching code points before plus after, up to CTX_SPAN
 * each side, spaces and line breaks skipped.  0 without the old text. */
static i64 ctx_old(const ra *x, const item *it, size_t ns, size_t ne)
{
	size_t i, j;
	i64 m = 0, k = 0;

	if (!old_span_ok(x, it->os, it->oe))
		return 0;
	i = it->os;
	j = ns;
	while (m < CTX_SPAN) {
		while (i > 0 && ctx_skip(x->ocp[i - 1]))
			i--;
		while (j > 0 && ctx_skip(x->ncp[j - 1]))
			j--;
		if (i == 0 || j == 0 || x->ocp[i - 1] != x->ncp[j - 1])
			break;
		i--, j--, m++;
	}
	i = it->oe;
	j = ne;
	while (k < CTX_SPAN) {
		while (i < x->on && ctx_skip(x->ocp[i]))
			i++;
		while (j < x->nn && ctx_skip(x->ncp[j]))
			j++;
		if (i >= x->on || j >= x->nn || x->ocp[i] != x->ncp[j])
			break;
		i++, j++, k++;
	}
	return m + k;
}

/* Without the old text, the neighbourhood the file keeps: a statistic's
 * subject, taken by the extractor from the words just before the number
 * ("满意率" in "满意率100%").  How many of its last code points read just
 * before NS, allowing up to SUBJECT_GAP code points between (约, 超过, a
 * quote): this tells "办结率100%" from "满意率100%" when the numbers alone
 * cannot. */
static i64 ctx_subject(const ra *x, const item *it, size_t ns)
{
	const uint32_t *sub = x->pool + it->soff;
	size_t g, best = 0;

	for (g = 0; g <= SUBJECT_GAP && g <= ns; g++) {
		size_t m = 0;
		while (m < it->slen && m < CTX_SPAN && m + g < ns &&
		       x->ncp[ns - g - 1 - m] == sub[it->slen - 1 - m])
			m++;
		if (m > best)
			best = m;
	}
	return (i64)best;
}

static i64 ctx_score(const ra *x, const item *it, size_t ns, size_t ne)
{
	return old_span_ok(x, it->os, it->oe) ? ctx_old(x, it, ns, ne)
					      : ctx_subject(x, it, ns);
}

static bool better(const score *a, const score *b)
{
	if (a->count != b->count)
		return a->count > b->count;
	if (a->ctx != b->ctx)
		return a->ctx > b->ctx;
	return a->cost < b->cost;
}

static i64 dist(size_t p, i64 e)
{
	i64 d = (i64)p - e;
	return d < 0 ? -d : d;
}

/* First index in S[L..R) with S[i] >= V (V may be negative). */
static size_t lower_bound(const size_t *s, size_t l, size_t r, i64 v)
{
	if (v <= 0)
		return l;
	while (l < r) {
		size_t m = l + (r - l) / 2;
		if ((i64)s[m] < v)
			l = m + 1;
		else
			r = m;
	}
	return l;
}

/* ------------------------------------------------------------ passes */

static item *first_item(ra *x, size_t g)
{
	return &x->items[x->groups[g].first];
}

static i64 shift_of(ra *x, size_t g)
{
	return (i64)x->groups[g].ns - (i64)first_item(x, g)->os;
}

/* Is group G a candidate anchor?  Its one occurrence in *P. */
static bool anchor_like(ra *x, size_t g, size_t *p)
{
	const group *gr = &x->groups[g];
	const item *it = &x->items[gr->first];
	const key *k;

	if (gr->n != 1 || it->key == NONE)
		return false;
	k = &x->keys[it->key];
	if (k->users != 1 || k->nocc != 1)
		return false;
	*p = x->kos[k->off];
	return true;
}

static void place_group(ra *x, size_t g, size_t p)
{
	group *gr = &x->groups[g];
	size_t i, j;

	gr->placed = true;
	gr->ns = p;
	for (i = gr->first; i < gr->first + gr->n; i++) {
		item *it = &x->items[i];
		const key *k;
		if (it->key == NONE)
			continue;
		k = &x->keys[it->key];
		j = lower_bound(x->kos, k->off, k->off + k->nocc, (i64)p);
		if (j < k->off + k->nocc && x->kos[j] == p) {
			it->placed = true;
			it->ns = p;
			it->ne = x->koe[j];
		}
	}
}

/* Does the neighbourhood confirm item IT at [P, E)?  With the old text:
 * half of it matches; without, the whole subject reads before P; items
 * with neither are taken on trust. */
static bool confirmed(const ra *x, const item *it, size_t p, size_t e)
{
	if (old_span_ok(x, it->os, it->oe))
		return ctx_old(x, it, p, e) >= CTX_SPAN;
	if (it->slen)
		return ctx_subject(x, it, p) >=
		       (i64)(it->slen < CTX_SPAN ? it->slen : CTX_SPAN);
	return true;
}

/* Pass 3: the skeleton of anchors.  Candidates: a lone item whose needle
 * is its own and occurs once (unique); and, for a needle that N items
 * share and that occurs exactly N times, the k-th of those items with the
 * k-th occurrence (rank-mapped: a report repeated with varied numbers
 * has few unique texts, "100%" everywhere) when its neighbourhood
 * confirms it.  The longest subsequence of candidates whose new starts
 * increase is kept (patience sorting); a rank-mapped anchor must moreover
 * share its shift with the anchor before or after it in that chain, or it
 * is left to pass 4. */
static int pass_anchors(ra *x)
{
	size_t n1 = x->ngroups + 1;
	size_t *seq = malloc(n1 * sizeof *seq), *pos = malloc(n1 * sizeof *pos);
	size_t *tail = malloc(n1 * sizeof *tail), *prev = malloc(n1 * sizeof *prev);
	size_t *rank = calloc(x->nkeys + 1, sizeof *rank);
	bool *mapped = malloc(n1 * sizeof *mapped);
	size_t n = 0, len = 0, g, i, j, c;

	if (!seq || !pos || !tail || !prev || !rank || !mapped) {
		free(seq), free(pos), free(tail), free(prev), free(rank);
		free(mapped);
		return -1;
	}
	for (g = 0; g < x->ngroups; g++) {
		const group *gr = &x->groups[g];
		item *it = &x->items[gr->first];
		const key *k;
		size_t r = 0;

		for (i = gr->first; i < gr->first + gr->n; i++)
			if (x->items[i].key != NONE && i == gr->first)
				r = rank[x->items[i].key]++;
			else if (x->items[i].key != NONE)
				rank[x->items[i].key]++;
		if (gr->n != 1 || it->key == NONE)
			continue;
		k = &x->keys[it->key];
		if (k->users != k->nocc)
			continue;
		j = k->off + r;
		if (k->users > 1 && !confirmed(x, it, x->kos[j], x->koe[j]))
			continue;
		mapped[n] = k->users > 1;
		seq[n] = g;
		pos[n++] = x->kos[j];
	}
	for (i = 0; i < n; i++) {
		size_t lo = 0, hi = len;
		while (lo < hi) {   /* first tail with pos >= pos[i] */
			size_t m = lo + (hi - lo) / 2;
			if (pos[tail[m]] < pos[i])
				lo = m + 1;
			else
				hi = m;
		}
		prev[i] = lo ? tail[lo - 1] : NONE;
		tail[lo] = i;
		if (lo == len)
			len++;
	}
	/* the chain, in order, into seq/pos (tail is free now) */
	c = len;
	for (i = len ? tail[len - 1] : NONE; i != NONE; i = prev[i])
		tail[--c] = i;
	for (c = 0; c < len; c++) {
		i64 sh;
		i = tail[c];
		sh = (i64)pos[i] - (i64)first_item(x, seq[i])->os;
		if (mapped[i] &&
		    !(c > 0 && (i64)pos[tail[c - 1]] -
				       (i64)first_item(x, seq[tail[c - 1]])->os == sh) &&
		    !(c + 1 < len && (i64)pos[tail[c + 1]] -
				       (i64)first_item(x, seq[tail[c + 1]])->os == sh))
			continue;
		x->groups[seq[i]].anchor = true;
		place_group(x, seq[i], pos[i]);
	}
	free(seq), free(pos), free(tail), free(prev), free(rank), free(mapped);
	return 0;
}

static int cand_cmp(const void *p, const void *q)
{
	const cand *a = p, *b = q;
	int c = RA_CMP(b->p, a->p);   /* start descending */

	return c ? c : RA_CMP(a->it, b->it);
}

static int size_cmp(const void *p, const void *q)
{
	return RA_CMP(*(const size_t *)p, *(const size_t *)q);
}

/* Indices of up to NEAR_K occurrences of S[L..R) nearest to E, appended to
 * OUT (*N so far). */
static void nearest(const size_t *s, size_t l, size_t r, i64 e, size_t *out,
		    size_t *n)
{
	size_t hi = lower_bound(s, l, r, e), lo = hi, k;

	for (k = 0; k < NEAR_K && (lo > l || hi < r); k++) {
		if (hi < r && (lo == l || dist(s[hi], e) <= dist(s[lo - 1], e)))
			out[(*n)++] = hi++;
		else
			out[(*n)++] = --lo;
	}
}

/* The candidates of group G in [LO, HI), expected at old start + SL or
 * + SR, as pairs (aggregated by start). */
static int gap_group(ra *x, size_t g, size_t lo, size_t hi, i64 sl, i64 sr)
{
	const group *gr = &x->groups[g];
	size_t i, c0 = x->ncands, idx[2 * NEAR_K], n, j;
	i64 os = (i64)first_item(x, g)->os;

	for (i = gr->first; i < gr->first + gr->n; i++) {
		const item *it = &x->items[i];
		const key *k;
		size_t l, r;
		if (it->key == NONE)
			continue;
		k = &x->keys[it->key];
		l = lower_bound(x->kos, k->off, k->off + k->nocc, (i64)lo);
		r = lower_bound(x->kos, l, k->off + k->nocc, (i64)hi);
		if (l == r)
			continue;
		n = 0;
		nearest(x->kos, l, r, os + sl, idx, &n);
		if (sr != sl)
			nearest(x->kos, l, r, os + sr, idx, &n);
		qsort(idx, n, sizeof *idx, size_cmp);
		if (SY_RESERVE(x->cands, x->ncands, n, x->capcands) < 0)
			return -1;
		for (j = 0; j < n; j++) {
			if (j && idx[j] == idx[j - 1])
				continue;
			x->cands[x->ncands].p = x->kos[idx[j]];
			x->cands[x->ncands].e = x->koe[idx[j]];
			x->cands[x->ncands++].it = i;
		}
	}
	if (x->ncands == c0)
		return 0;
	qsort(x->cands + c0, x->ncands - c0, sizeof *x->cands, cand_cmp);
	for (i = c0; i < x->ncands; i = j) {
		pair *pr;
		i64 dl, dr;
		if (SY_RESERVE(x->pairs, x->npairs, 1, x->cappairs) < 0)
			return -1;
		pr = &x->pairs[x->npairs++];
		memset(pr, 0, sizeof *pr);
		pr->g = g;
		pr->p = x->cands[i].p;
		pr->c0 = i;
		for (j = i; j < x->ncands && x->cands[j].p == pr->p; j++) {
			const cand *c = &x->cands[j];
			pr->val.count++;
			pr->val.ctx += ctx_score(x, &x->items[c->it], c->p, c->e);
		}
		pr->cn = j - i;
		dl = dist(pr->p, os + sl);
		dr = dist(pr->p, os + sr);
		pr->val.cost = dl < dr ? dl : dr;
	}
	return 0;
}

static size_t rank_of(const ra *x, size_t nr, size_t p)
{
	size_t lo = 0, hi = nr;

	while (lo < hi) {
		size_t m = lo + (hi - lo) / 2;
		if (x->ranks[m] < p)
			lo = m + 1;
		else
			hi = m;
	}
	return lo;   /* exact: every start is in ranks */
}

/* Pass 4 on the groups strictly between anchors GA and GB (NONE: the
 * start / the end of the text). */
static int pass_gap(ra *x, size_t ga, size_t gb)
{
	size_t g0 = ga == NONE ? 0 : ga + 1, g1 = gb == NONE ? x->ngroups : gb;
	size_t lo = ga == NONE ? 0 : x->groups[ga].ns + 1;
	size_t hi = gb == NONE ? x->nn + 1 : x->groups[gb].ns;
	i64 sl = ga == NONE ? 0 : shift_of(x, ga);
	i64 sr = gb == NONE ? (i64)x->nn - (i64)x->old_chars : shift_of(x, gb);
	size_t g, i, nr = 0, best = NONE;

	if (g0 >= g1 || lo >= hi)
		return 0;
	x->ncands = x->npairs = 0;
	for (g = g0; g < g1; g++)
		if (gap_group(x, g, lo, hi, sl, sr) < 0)
			return -1;
	if (!x->npairs)
		return 0;
	/* distinct starts, for the Fenwick tree */
	if (SY_RESERVE(x->ranks, 0, x->npairs, x->capranks) < 0 ||
	    SY_RESERVE(x->fen, 0, x->npairs + 1, x->capfen) < 0)
		return -1;
	for (i = 0; i < x->npairs; i++)
		x->ranks[i] = x->pairs[i].p;
	qsort(x->ranks, x->npairs, sizeof *x->ranks, size_cmp);
	for (i = 0; i < x->npairs; i++)
		if (!nr || x->ranks[nr - 1] != x->ranks[i])
			x->ranks[nr++] = x->ranks[i];
	for (i = 0; i <= nr; i++) {
		memset(&x->fen[i].s, 0, sizeof x->fen[i].s);
		x->fen[i].pair = NONE;
	}
	/* pairs are in group order, starts descending within a group: a
	 * group never chains to itself */
	for (i = 0; i < x->npairs; i++) {
		pair *pr = &x->pairs[i];
		size_t r = rank_of(x, nr, pr->p), f;
		score q = { 0, 0, 0 };
		size_t qp = NONE;

		for (f = r; f > 0; f -= f & -f)   /* ranks < r */
			if (x->fen[f].pair != NONE &&
			    (qp == NONE || better(&x->fen[f].s, &q))) {
				q = x->fen[f].s;
				qp = x->fen[f].pair;
			}
		pr->best.count = pr->val.count + q.count;
		pr->best.ctx = pr->val.ctx + q.ctx;
		pr->best.cost = pr->val.cost + q.cost;
		pr->prev = qp;
		for (f = r + 1; f <= nr; f += f & -f)
			if (x->fen[f].pair == NONE ||
			    better(&pr->best, &x->fen[f].s)) {
				x->fen[f].s = pr->best;
				x->fen[f].pair = i;
			}
		if (best == NONE || better(&pr->best, &x->pairs[best].best))
			best = i;
	}
	for (i = best; i != NONE; i = x->pairs[i].prev) {
		const pair *pr = &x->pairs[i];
		size_t c;
		group *gr = &x->groups[pr->g];
		gr->placed = true;
		gr->ns = pr->p;
		for (c = pr->c0; c < pr->c0 + pr->cn; c++) {
			item *it = &x->items[x->cands[c].it];
			it->placed = true;
			it->ns = x->cands[c].p;
			it->ne = x->cands[c].e;
		}
	}
	return 0;
}

/* Pass 5: unplaced groups with an occurrence between placed neighbours. */
static void pass_mopup(ra *x)
{
	size_t g, prev = NONE, *next;

	if (!x->ngroups)
		return;
	next = malloc(x->ngroups * sizeof *next);
	if (next) {
		size_t n = NONE;
		for (g = x->ngroups; g-- > 0;) {
			next[g] = n;
			if (x->groups[g].placed)
				n = g;
		}
	}
	for (g = 0; next && g < x->ngroups; g++) {
		group *gr = &x->groups[g];
		size_t lo, hi, i, bp = NONE;
		i64 e, bd = 0, bc = 0;

		if (gr->placed) {
			prev = g;
			continue;
		}
		lo = prev == NONE ? 0 : x->groups[prev].ns + 1;
		hi = next[g] == NONE ? x->nn + 1 : x->groups[next[g]].ns;
		e = (i64)first_item(x, g)->os + (prev == NONE ? 0 : shift_of(x, prev));
		for (i = gr->first; lo < hi && i < gr->first + gr->n; i++) {
			const item *it = &x->items[i];
			const key *k;
			size_t l, r, idx[NEAR_K], n = 0, j;
			if (it->key == NONE)
				continue;
			k = &x->keys[it->key];
			l = lower_bound(x->kos, k->off, k->off + k->nocc, (i64)lo);
			r = lower_bound(x->kos, l, k->off + k->nocc, (i64)hi);
			nearest(x->kos, l, r, e, idx, &n);
			for (j = 0; j < n; j++) {
				size_t p = x->kos[idx[j]];
				i64 c = ctx_score(x, it, p, x->koe[idx[j]]);
				if (bp == NONE || c > bc ||
				    (c == bc && dist(p, e) < bd)) {
					bp = p;
					bc = c;
					bd = dist(p, e);
				}
			}
		}
		if (bp != NONE) {
			place_group(x, g, bp);
			prev = g;
		}
	}
	free(next);   /* without it (OOM) this pass is skipped: harmless */
}

/* Pass 6: moved blocks of unique items keeping their relative offsets. */
static void pass_moved(ra *x)
{
	size_t g, h, p, q;

	for (g = 0; g < x->ngroups; g = h) {
		if (x->groups[g].placed || !anchor_like(x, g, &p)) {
			h = g + 1;
			continue;
		}
		i64 s = (i64)p - (i64)first_item(x, g)->os;
		for (h = g + 1; h < x->ngroups && !x->groups[h].placed &&
			       anchor_like(x, h, &q) &&
			       (i64)q - (i64)first_item(x, h)->os == s;
		     h++)
			;
		if (h - g >= 2) {
			size_t k;
			for (k = g; k < h; k++) {
				anchor_like(x, k, &q);
				place_group(x, k, q);
			}
		} else {
			item *it = first_item(x, g);
			const key *k = &x->keys[it->key];
			if (ctx_old(x, it, p, x->koe[k->off]) >= CTX_SPAN)
				place_group(x, g, p);
		}
	}
}

/* Moved section spans follow their found heading; one that would leave
 * the text is lost. */
static void apply_deltas(ra *x)
{
	size_t i;

	for (i = 0; i < x->nitems; i++) {
		item *it = &x->items[i];
		i64 s, e;
		if (!it->placed || (!it->ds && !it->de))
			continue;
		s = (i64)it->ns + it->ds;
		e = (i64)it->ne + it->de;
		if (s < 0 || e < s || e > (i64)x->nn) {
			it->placed = false;
			continue;
		}
		it->ns = (size_t)s;
		it->ne = (size_t)e;
	}
}

/* See reanchor_priv.h. */
int ra_place(ra *x)
{
	size_t i, ga = NONE;

	if (pass_anchors(x) < 0)
		return -1;
	for (i = 0; i <= x->ngroups; i++) {
		if (i < x->ngroups && !x->groups[i].anchor)
			continue;
		if (pass_gap(x, ga, i < x->ngroups ? i : NONE) < 0)
			return -1;
		ga = i;
	}
	pass_mopup(x);
	pass_moved(x);
	apply_deltas(x);
	return 0;
}
