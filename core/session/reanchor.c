/* reanchor.c - re-finding every item of an annotation file in a report
 * that has changed since the file was written (see reanchor.h).
 *
 * The old report is usually gone (the file on disk is the new one), so
 * the method works from what the annotation file itself keeps: each
 * item's own text, its old offset, and the order of the items.  When the
 * old text is given as well, it adds two things: the exact text of each
 * old span, and the characters around it (the "neighbourhood") to choose
 * between several occurrences.
 *
 * 1. Needles.  A statistic is searched for by its `text`; a section by
 *    its marker and title, with any run of spaces between them (the old
 *    span may hold "一、 主要工作" and the new text "一、主要工作"): the
 *    title is searched for and the marker checked just before it.  With
 *    the old text, an item whose old span does not read that way (a title
 *    fixed by a reviewer, a span moved by hand) is searched for by the
 *    old span's own text.  Without it, a section a reviewer fixed is
 *    searched for by the marker and title kept under `proposed` (the ones
 *    its span reads), and a span a reviewer moved keeps its offsets from
 *    the heading found (proposed start / end say where the heading was).
 *    Items with the same needle share one key.
 *
 * 2. Occurrences.  The new text is decoded to code points once; the
 *    distinct needles are put in a trie (children in one hash table keyed
 *    by node and code point) and the text is walked once from every
 *    position: all occurrences of all needles in O(text x the depth a
 *    walk reaches), a few steps per position on real text.  Each key gets
 *    its sorted list of occurrences.  A place that continues a run of
 *    Arabic digits ("3宗" inside "53宗") is no occurrence.
 *
 * 3. Anchors.  Items are taken in old order, grouped by old start (items
 *    sharing a start must share it again).  A lone item whose needle no
 *    other item has and that occurs exactly once in the new text is a
 *    candidate anchor; so is the k-th of N items sharing a needle that
 *    occurs exactly N times, with the k-th occurrence, when the
 *    neighbourhood (below) confirms it: a long report made of similar
 *    parts has few unique texts.  The longest subsequence of candidates
 *    whose new starts increase (patience sorting) is kept: the skeleton
 *    (a rank-mapped one only where its shift agrees with a neighbour's).
 *    Anchors are what makes a large report fast: the gaps between them
 *    are small.
 *
 * 4. Gaps.  Between two consecutive anchors the items in between must
 *    land strictly between the anchors' new starts.  Each item's expected
 *    start is its old start shifted by the shift of the anchor before
 *    and, again, of the anchor after (an edit inside the gap makes one of
 *    the two right); its candidates are its occurrences in the gap that
 *    lie nearest to either expectation (at most NEAR_K each, which bounds
 *    the work when a short text such as "100%" occurs thousands of
 *    times).  A weighted longest-increasing-subsequence (Fenwick tree
 *    over candidate starts) then chooses at most one start per group so
 *    that starts increase, maximizing, in this order: the number of items
 *    placed, the neighbourhood match, and closeness to the expected
 *    start.  The neighbourhood is, with the old text, up to CTX_SPAN code
 *    points either side of the old span compared with the new text
 *    (spaces and line breaks skipped, so that re-wrapping and CRLF do not
 *    count as change); without it, the neighbourhood the file keeps: a
 *    statistic's `subject` (the words just before its number, "满意率")
 *    read just before the candidate.  Offsets alone cannot tell which of
 *    "办结率100%，回访率100%，满意率100%" lost its sentence; the subject
 *    can.
 *
 * 5. Mop-up.  An item still unplaced that has an occurrence strictly
 *    between its placed neighbours (one the NEAR_K bound left out) is
 *    placed on the one nearest its expected start.
 *
 * 6. Moved blocks.  Unplaced lone items with a needle of their own that
 *    occurs exactly once form runs (consecutive in old order) that keep
 *    their old relative offsets exactly: a paragraph moved elsewhere;
 *    runs of two or more are placed out of order.  With the old text a
 *    single such item is placed too when its neighbourhood matches on at
 *    least CTX_SPAN code points.
 *
 * Everything else is lost: it keeps its old span clamped into the new
 * text, gets the tag "lost-anchor" and is listed in the report; nothing
 * is dropped.  A placed item loses a "lost-anchor" tag left by an earlier
 * re-anchoring (its span is right again).
 *
 * The whole result is computed in this file's own buffers before A is
 * touched, and everything the commit needs is allocated first, so on
 * SY_ERR_NOMEM A is unchanged.
 *
 * Ownership: every buffer here is owned by the `ra` context and freed by
 * ra_free; the report's lost_ids (and each id string) are owned by the
 * caller's sy_reanchor_report, freed by sy_reanchor_report_free.
 */
#include "session/reanchor.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/numeral.h"
#include "text/textscan.h"
#include "base/utf8.h"

#define CTX_SPAN 20          /* neighbourhood compared on each side */
#define NEAR_K 8             /* occurrences kept around each expectation */
#define MAX_GAP 16           /* spaces allowed between marker and title */
#define SUBJECT_GAP 4        /* code points allowed between subject and text */
#define TAG_LOST "lost-anchor"
#define NONE SIZE_MAX

typedef long long i64;

/* A needle: MARKER (may be empty) then spaces then BODY; code points in
 * the pool.  Without a marker the needle is BODY exactly. */
typedef struct key {
	size_t moff, mlen, boff, blen;
	size_t body;          /* body index (trie terminal) */
	size_t users;         /* items with this key */
	size_t off, nocc;     /* occurrences: kos/koe[off .. off+nocc) */
} key;

typedef struct item {
	bool is_sec;
	size_t idx;           /* into a->sections or a->stats */
	size_t os, oe;        /* old span */
	size_t key;           /* NONE: nothing to search for */
	size_t soff, slen;    /* a statistic's subject, in the pool */
	i64 ds, de;           /* span minus the needle's span (a section
				 whose span a reviewer moved) */
	bool placed;
	size_t ns, ne;        /* new span, when placed */
} item;

typedef struct group {
	size_t first, n;      /* items[first .. first+n): one old start */
	bool anchor, placed;
	size_t ns;            /* new start, when placed */
} group;

typedef struct score {
	i64 count, ctx, cost;
} score;

typedef struct cand {
	size_t p, e, it;      /* start, end, item */
} cand;

typedef struct pair {
	size_t g, p, c0, cn;  /* group, start, its cands */
	score val, best;
	size_t prev;          /* previous pair in the best chain, or NONE */
} pair;

typedef struct fen {
	score s;
	size_t pair;          /* NONE: empty */
} fen;

typedef struct occ {
	size_t body, pos;
} occ;

typedef struct ra {
	uint32_t *ncp;        /* new text */
	size_t nn;
	uint32_t *ocp;        /* old text, NULL when not given */
	size_t on;
	size_t old_chars;     /* length of the old text, for the tail shift */

	uint32_t *pool;       /* needle code points */
	size_t npool, cappool;
	key *keys;
	size_t nkeys;
	size_t *ktab;         /* key hash: key index + 1, 0 empty */
	size_t ktabcap;

	/* trie: node 0 is the root; children in an open hash table */
	uint64_t *hkey;       /* ((node << 21) | cp) + 1, 0 empty */
	uint32_t *hval;
	size_t hcap;
	size_t nnodes, maxnodes;
	size_t *term;         /* per node: body index + 1, 0 not terminal */
	size_t nbodies;

	size_t *bpos, *boff;  /* body occurrences, by body, sorted */
	size_t *kos, *koe;    /* key occurrences (start, end), by key */
	size_t nkocc, capkocc;

	item *items;
	size_t nitems;
	group *groups;
	size_t ngroups;

	/* pass 4 buffers, reused from gap to gap */
	cand *cands;
	size_t ncands, capcands;
	pair *pairs;
	size_t npairs, cappairs;
	size_t *ranks;
	size_t capranks;
	fen *fen;
	size_t capfen;
} ra;

/* ------------------------------------------------------------ helpers */

static void ra_free(ra *x)
{
	free(x->ncp);
	free(x->ocp);
	free(x->pool);
	free(x->keys);
	free(x->ktab);
	free(x->hkey);
	free(x->hval);
	free(x->term);
	free(x->bpos);
	free(x->boff);
	free(x->kos);
	free(x->koe);
	free(x->items);
	free(x->groups);
	free(x->cands);
	free(x->pairs);
	free(x->ranks);
	free(x->fen);
	memset(x, 0, sizeof *x);
}

/* Room for N more elements of SIZE in *V (*CAP allocated, USED used). */
static int reserve(void **v, size_t used, size_t n, size_t *cap, size_t size)
{
	size_t ncap = *cap ? *cap : 16;
	void *p;

	if (n > SIZE_MAX - used)
		return -1;
	if (used + n <= *cap)
		return 0;
	while (ncap < used + n) {
		if (ncap > SIZE_MAX / 2)
			return -1;
		ncap *= 2;
	}
	if (ncap > SIZE_MAX / size)
		return -1;
	p = realloc(*v, ncap * size);
	if (!p)
		return -1;
	*v = p;
	*cap = ncap;
	return 0;
}

/* Decode UTF-8 S[0..LEN) into a new array of code points (*N of them).
 * Bytes that are not valid UTF-8 (the loader never lets them through)
 * count as one U+FFFD each.  NULL on OOM. */
static uint32_t *decode(const char *s, size_t len, size_t *n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, k = 0, used;
	uint32_t c, *v;

	for (i = 0; i < len; k++) {
		used = sy_utf8_decode(u + i, len - i, &c);
		i += used ? used : 1;
	}
	v = malloc((k + 1) * sizeof *v);
	if (!v)
		return NULL;
	for (i = 0, k = 0; i < len; k++) {
		used = sy_utf8_decode(u + i, len - i, &c);
		v[k] = used ? c : 0xFFFD;
		i += used ? used : 1;
	}
	*n = k;
	return v;
}

/* Append the code points of UTF-8 S (may be NULL) to the pool; *OFF and
 * *LEN say where.  0, or -1 on OOM. */
static int pool_add_utf8(ra *x, const char *s, size_t *off, size_t *len)
{
	size_t n = 0, i;
	uint32_t *v;

	*off = x->npool;
	*len = 0;
	if (!s || !*s)
		return 0;
	v = decode(s, strlen(s), &n);
	if (!v)
		return -1;
	if (reserve((void **)&x->pool, x->npool, n, &x->cappool,
		    sizeof *x->pool) < 0) {
		free(v);
		return -1;
	}
	for (i = 0; i < n; i++)
		x->pool[x->npool++] = v[i];
	free(v);
	*len = n;
	return 0;
}

static int pool_add_cps(ra *x, const uint32_t *cp, size_t n, size_t *off)
{
	*off = x->npool;
	if (reserve((void **)&x->pool, x->npool, n, &x->cappool,
		    sizeof *x->pool) < 0)
		return -1;
	memcpy(x->pool + x->npool, cp, n * sizeof *cp);
	x->npool += n;
	return 0;
}

static bool cps_eq(const uint32_t *a, const uint32_t *b, size_t n)
{
	return n == 0 || memcmp(a, b, n * sizeof *a) == 0;
}

static size_t pow2_at_least(size_t n)
{
	size_t p = 16;

	while (p < n && p <= SIZE_MAX / 2)
		p *= 2;
	return p;
}

static uint64_t mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

/* ------------------------------------------------------------ keys */

static uint64_t key_hash(const ra *x, size_t moff, size_t mlen, size_t boff,
			 size_t blen)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)mlen;
	size_t i;

	for (i = 0; i < mlen; i++)
		h = (h ^ x->pool[moff + i]) * 1099511628211ULL;
	h = (h ^ 0x2F2F2F2FULL) * 1099511628211ULL;
	for (i = 0; i < blen; i++)
		h = (h ^ x->pool[boff + i]) * 1099511628211ULL;
	return mix(h);
}

/* The key of (marker, body) just appended to the pool at MOFF (MLEN code
 * points) and BOFF (BLEN): an existing one (the pool is then given back)
 * or a new one.  Its index, or NONE on OOM.  x->keys has room for every
 * item (allocated up front), so no growth is needed here. */
static size_t key_get(ra *x, size_t moff, size_t mlen, size_t boff,
		      size_t blen)
{
	size_t mask = x->ktabcap - 1;
	size_t h = (size_t)key_hash(x, moff, mlen, boff, blen) & mask;
	key *k;

	for (;; h = (h + 1) & mask) {
		size_t e = x->ktab[h];
		if (!e)
			break;
		k = &x->keys[e - 1];
		if (k->mlen == mlen && k->blen == blen &&
		    cps_eq(x->pool + k->moff, x->pool + moff, mlen) &&
		    cps_eq(x->pool + k->boff, x->pool + boff, blen)) {
			x->npool = moff;   /* appended last: give it back */
			k->users++;
			return e - 1;
		}
	}
	k = &x->keys[x->nkeys];
	memset(k, 0, sizeof *k);
	k->moff = moff;
	k->mlen = mlen;
	k->boff = boff;
	k->blen = blen;
	k->users = 1;
	x->ktab[h] = ++x->nkeys;
	return x->nkeys - 1;
}

/* Old span [OS, OE) readable in the old text? */
static bool old_span_ok(const ra *x, size_t os, size_t oe)
{
	return x->ocp && os < oe && oe <= x->on;
}

/* The text of scalar NAME of the mapping P (an item's `proposed`), NULL
 * when absent or null. */
static const char *prop_scalar(const sy_node *p, const char *name)
{
	const sy_node *n;

	if (!p || p->kind != SY_NODE_MAP || !(n = sy_node_get(p, name)) ||
	    n->kind != SY_NODE_SCALAR || !n->scalar)
		return NULL;
	if (!n->quoted && (!*n->scalar || !strcmp(n->scalar, "~") ||
			   !strcmp(n->scalar, "null") || !strcmp(n->scalar, "Null") ||
			   !strcmp(n->scalar, "NULL")))
		return NULL;
	return n->scalar;
}

/* Scalar NAME of P as an offset: true and *V, or false. */
static bool prop_offset(const sy_node *p, const char *name, i64 *v)
{
	const char *s = prop_scalar(p, name);
	char *end;
	unsigned long long u;

	if (!s || *s < '0' || *s > '9')
		return false;
	u = strtoull(s, &end, 10);
	if (*end || u > (unsigned long long)INT64_MAX / 2)
		return false;
	*v = (i64)u;
	return true;
}

/* The needle of section S (item IT): see the file comment, point 1.
 * Sets it->key (NONE when there is nothing to look for).  0 or -1.
 *
 * The span of a section is its marker and title as the extractor read
 * them: when a reviewer fixed the marker or title, `proposed` keeps those
 * that the span reads, and they are searched for; when a reviewer moved
 * the span, `proposed` keeps the extractor's start and end, and the
 * moved span keeps its offsets from the found one (it->ds, it->de). */
static int section_key(ra *x, const sy_section *s, item *it)
{
	const sy_node *pr = s->r.proposed;
	const char *ms = prop_scalar(pr, "marker"), *ts = prop_scalar(pr, "title");
	size_t moff, mlen, toff, tlen, off;
	i64 v;

	it->key = NONE;
	if (pool_add_utf8(x, ms ? ms : s->marker, &moff, &mlen) < 0 ||
	    pool_add_utf8(x, ts ? ts : s->title, &toff, &tlen) < 0)
		return -1;
	if (old_span_ok(x, it->os, it->oe)) {
		const uint32_t *c = x->ocp + it->os;
		size_t n = it->oe - it->os, i;
		bool flexible = mlen + tlen <= n && tlen > 0 && mlen > 0 &&
				cps_eq(c, x->pool + moff, mlen) &&
				cps_eq(c + n - tlen, x->pool + toff, tlen);
		for (i = mlen; flexible && i < n - tlen; i++)
			if (!sy_is_space(c[i]))
				flexible = false;
		if (!flexible) {   /* search for the old span as it was */
			x->npool = moff;
			if (pool_add_cps(x, c, n, &off) < 0)
				return -1;
			it->key = key_get(x, off, 0, off, n);
			return 0;
		}
	}
	if (mlen == 0 && tlen == 0) {
		x->npool = moff;
		return 0;
	}
	if (prop_offset(pr, "start", &v))
		it->ds = (i64)it->os - v;
	if (prop_offset(pr, "end", &v))
		it->de = (i64)it->oe - v;
	if (tlen == 0)             /* the marker alone */
		it->key = key_get(x, moff, 0, moff, mlen);
	else if (mlen == 0)
		it->key = key_get(x, toff, 0, toff, tlen);
	else
		it->key = key_get(x, moff, mlen, toff, tlen);
	return 0;
}

static int stat_key(ra *x, const sy_stat *s, item *it)
{
	size_t off, len;

	it->key = NONE;
	if (old_span_ok(x, it->os, it->oe)) {
		if (pool_add_cps(x, x->ocp + it->os, it->oe - it->os, &off) < 0)
			return -1;
		it->key = key_get(x, off, 0, off, it->oe - it->os);
		return 0;
	}
	if (pool_add_utf8(x, s->text, &off, &len) < 0)
		return -1;
	if (len)
		it->key = key_get(x, off, 0, off, len);
	else
		x->npool = off;
	return 0;
}

static int item_cmp(const void *p, const void *q)
{
	const item *a = p, *b = q;

	if (a->os != b->os)
		return a->os < b->os ? -1 : 1;
	if (a->oe != b->oe)
		return a->oe < b->oe ? -1 : 1;
	if (a->is_sec != b->is_sec)
		return a->is_sec ? -1 : 1;
	if (a->idx != b->idx)
		return a->idx < b->idx ? -1 : 1;
	return 0;
}

/* Items in old order, their keys, their groups. */
static int build_items(ra *x, const sy_annot *a)
{
	size_t i, n = a->nsections + a->nstats, g;

	x->items = calloc(n ? n : 1, sizeof *x->items);
	x->keys = calloc(n ? n : 1, sizeof *x->keys);
	x->ktabcap = pow2_at_least(2 * n + 2);
	x->ktab = calloc(x->ktabcap, sizeof *x->ktab);
	x->groups = calloc(n ? n : 1, sizeof *x->groups);
	if (!x->items || !x->keys || !x->ktab || !x->groups)
		return -1;
	for (i = 0; i < a->nsections; i++) {
		item *it = &x->items[x->nitems++];
		it->is_sec = true;
		it->idx = i;
		it->os = a->sections[i].start;
		it->oe = a->sections[i].end;
		if (section_key(x, &a->sections[i], it) < 0)
			return -1;
	}
	for (i = 0; i < a->nstats; i++) {
		item *it = &x->items[x->nitems++];
		it->idx = i;
		it->os = a->stats[i].start;
		it->oe = a->stats[i].end;
		if (stat_key(x, &a->stats[i], it) < 0 ||
		    pool_add_utf8(x, a->stats[i].subject, &it->soff,
				  &it->slen) < 0)
			return -1;
	}
	qsort(x->items, x->nitems, sizeof *x->items, item_cmp);
	for (i = 0; i < x->nitems; i = g) {
		group *gr = &x->groups[x->ngroups++];
		for (g = i; g < x->nitems && x->items[g].os == x->items[i].os; g++)
			;
		gr->first = i;
		gr->n = g - i;
	}
	return 0;
}

/* ------------------------------------------------------------ trie */

static size_t trie_slot(const ra *x, uint64_t k)
{
	return (size_t)mix(k) & (x->hcap - 1);
}

/* Child of NODE by CP, 0 if none (the root is no one's child). */
static size_t trie_child(const ra *x, size_t node, uint32_t cp)
{
	uint64_t k = (((uint64_t)node << 21) | (cp & 0x1FFFFF)) + 1;
	size_t h = trie_slot(x, k);

	for (;; h = (h + 1) & (x->hcap - 1)) {
		if (x->hkey[h] == k)
			return x->hval[h];
		if (!x->hkey[h])
			return 0;
	}
}

/* Insert the body of key K; sets k->body. */
static void trie_insert(ra *x, key *k)
{
	size_t node = 0, i;

	for (i = 0; i < k->blen; i++) {
		uint32_t cp = x->pool[k->boff + i];
		uint64_t hk = (((uint64_t)node << 21) | (cp & 0x1FFFFF)) + 1;
		size_t h = trie_slot(x, hk);

		for (;; h = (h + 1) & (x->hcap - 1)) {
			if (x->hkey[h] == hk) {
				node = x->hval[h];
				break;
			}
			if (!x->hkey[h]) {
				x->hkey[h] = hk;
				x->hval[h] = (uint32_t)x->nnodes;
				node = x->nnodes++;
				break;
			}
		}
	}
	if (!x->term[node])
		x->term[node] = ++x->nbodies;
	k->body = x->term[node] - 1;
}

/* Every occurrence of every body in the new text: x->boff / x->bpos. */
static int find_bodies(ra *x)
{
	size_t total = 1, i, j, nocc = 0, capocc = 0;
	occ *o = NULL;

	for (i = 0; i < x->nkeys; i++)
		total += x->keys[i].blen;
	if (total > UINT32_MAX / 2 || total > SIZE_MAX / 4)
		return -1;
	x->maxnodes = total;
	x->hcap = pow2_at_least(2 * total);
	x->hkey = calloc(x->hcap, sizeof *x->hkey);
	x->hval = malloc(x->hcap * sizeof *x->hval);
	x->term = calloc(total, sizeof *x->term);
	if (!x->hkey || !x->hval || !x->term)
		return -1;
	x->nnodes = 1;
	for (i = 0; i < x->nkeys; i++)
		trie_insert(x, &x->keys[i]);

	for (i = 0; i < x->nn; i++) {
		size_t node = 0;
		for (j = i; j < x->nn; j++) {
			node = trie_child(x, node, x->ncp[j]);
			if (!node)
				break;
			if (x->term[node]) {
				if (reserve((void **)&o, nocc, 1, &capocc,
					    sizeof *o) < 0) {
					free(o);
					return -1;
				}
				o[nocc].body = x->term[node] - 1;
				o[nocc++].pos = i;
			}
		}
	}
	/* counting sort by body; stable, so each list stays sorted */
	x->boff = calloc(x->nbodies + 1, sizeof *x->boff);
	x->bpos = malloc((nocc ? nocc : 1) * sizeof *x->bpos);
	if (!x->boff || !x->bpos) {
		free(o);
		return -1;
	}
	for (i = 0; i < nocc; i++)
		x->boff[o[i].body + 1]++;
	for (i = 0; i < x->nbodies; i++)
		x->boff[i + 1] += x->boff[i];
	{
		size_t *fill = malloc((x->nbodies + 1) * sizeof *fill);
		if (!fill) {
			free(o);
			return -1;
		}
		memcpy(fill, x->boff, (x->nbodies + 1) * sizeof *fill);
		for (i = 0; i < nocc; i++)
			x->bpos[fill[o[i].body]++] = o[i].pos;
		free(fill);
	}
	free(o);
	return 0;
}

/* Start of the marker of key K before a title at P in the new text, with
 * up to MAX_GAP spaces between; NONE when the marker is not there. */
static size_t marker_before(const ra *x, const key *k, size_t p)
{
	const uint32_t *m = x->pool + k->moff;
	size_t q = p, low = p;

	while (low > 0 && p - low < MAX_GAP && sy_is_space(x->ncp[low - 1]))
		low--;
	for (q = p;; q--) {
		if (q >= k->mlen && cps_eq(x->ncp + q - k->mlen, m, k->mlen))
			return q - k->mlen;
		if (q == low)
			return NONE;
	}
}

/* Does a needle starting at S continue a number ("3宗" inside "53宗",
 * "2万平方米" inside "1.2万平方米")?  The extractor takes whole runs of
 * Arabic digits, so such a place is never an item's.  (Chinese numerals
 * are not checked: words such as 统一, 之一 end in one.) */
static bool inside_number(const ra *x, size_t s)
{
	uint32_t p;

	if (s == 0 || !sy_is_digit_cp(x->ncp[s]))
		return false;
	p = x->ncp[s - 1];
	return sy_is_digit_cp(p) || p == '.' || p == 0xFF0E;
}

/* Each key's occurrences, sorted by start: x->kos / x->koe. */
static int find_keys(ra *x)
{
	size_t i, j;

	for (i = 0; i < x->nkeys; i++) {
		key *k = &x->keys[i];
		size_t b0 = x->boff[k->body], b1 = x->boff[k->body + 1];

		size_t oldcap = x->capkocc;

		if (reserve((void **)&x->kos, x->nkocc, b1 - b0, &x->capkocc,
			    sizeof *x->kos) < 0)
			return -1;
		if (x->capkocc != oldcap) {   /* koe: same capacity as kos */
			size_t *p = realloc(x->koe, x->capkocc * sizeof *p);
			if (!p) {
				x->capkocc = oldcap;   /* kos may be larger: fine */
				return -1;
			}
			x->koe = p;
		}
		k->off = x->nkocc;
		for (j = b0; j < b1; j++) {
			size_t p = x->bpos[j], s = p;
			if (k->mlen) {
				s = marker_before(x, k, p);
				if (s == NONE)
					continue;
			}
			if (inside_number(x, s))
				continue;
			x->kos[x->nkocc] = s;
			x->koe[x->nkocc++] = p + k->blen;
		}
		k->nocc = x->nkocc - k->off;
	}
	return 0;
}

/* ------------------------------------------------------------ scoring */

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

	if (a->p != b->p)
		return a->p > b->p ? -1 : 1;   /* start descending */
	if (a->it != b->it)
		return a->it < b->it ? -1 : 1;
	return 0;
}

static int size_cmp(const void *p, const void *q)
{
	size_t a = *(const size_t *)p, b = *(const size_t *)q;
	return a < b ? -1 : a > b;
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
		if (reserve((void **)&x->cands, x->ncands, n, &x->capcands,
			    sizeof *x->cands) < 0)
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
		if (reserve((void **)&x->pairs, x->npairs, 1, &x->cappairs,
			    sizeof *x->pairs) < 0)
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
	if (reserve((void **)&x->ranks, 0, x->npairs, &x->capranks,
		    sizeof *x->ranks) < 0 ||
	    reserve((void **)&x->fen, 0, x->npairs + 1, &x->capfen,
		    sizeof *x->fen) < 0)
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

/* ------------------------------------------------------------ commit */

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
	if (!prop_offset(item_proposed(a, it), end ? "end" : "start", &v))
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
static sy_status commit(ra *x, sy_annot *a, const sy_source *src,
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
		if (!sy_tags_has(t, TAG_LOST)) {
			v = t->v;
			if (sy_grow(&v, t->n, &t->cap, sizeof *t->v) < 0)
				goto oom;
			t->v = v;
			if (!(tags[k] = strdup(TAG_LOST)))
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
						 j ? "end" : "start");
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
			tags_remove(t, TAG_LOST);
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

sy_status sy_reanchor(sy_annot *a, const char *old_text, size_t old_len,
		      const sy_source *new_src, sy_reanchor_report *r,
		      sy_error *err)
{
	ra x;
	size_t i, ga = NONE, maxend = 0;
	sy_status st;

	memset(&x, 0, sizeof x);
	if (r)
		memset(r, 0, sizeof *r);
	x.ncp = decode(new_src->text ? new_src->text : "",
		       new_src->text ? new_src->len : 0, &x.nn);
	if (!x.ncp)
		goto oom;
	if (old_text) {
		x.ocp = decode(old_text, old_len, &x.on);
		if (!x.ocp)
			goto oom;
	}
	if (build_items(&x, a) < 0 || find_bodies(&x) < 0 || find_keys(&x) < 0)
		goto oom;
	for (i = 0; i < x.nitems; i++)
		if (x.items[i].oe > maxend)
			maxend = x.items[i].oe;
	x.old_chars = x.ocp ? x.on : a->source.chars;
	if (x.old_chars < maxend)
		x.old_chars = maxend;

	if (pass_anchors(&x) < 0)
		goto oom;
	for (i = 0; i <= x.ngroups; i++) {
		if (i < x.ngroups && !x.groups[i].anchor)
			continue;
		if (pass_gap(&x, ga, i < x.ngroups ? i : NONE) < 0)
			goto oom;
		ga = i;
	}
	pass_mopup(&x);
	pass_moved(&x);
	apply_deltas(&x);

	st = commit(&x, a, new_src, r, err);
	ra_free(&x);
	return st;
oom:
	ra_free(&x);
	return sy_fail(err, SY_ERR_NOMEM, "re-anchoring: out of memory");
}
