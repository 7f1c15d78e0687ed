/* reanchor_find.c - the needles of re-anchoring and their occurrences
 * in the new text: points 1 and 2 of reanchor.c (see reanchor_priv.h).
 */
#include "session/reanchor_priv.h"
#include "model/schema.h"

#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "base/mem.h"
#include "base/utf8.h"
#include "text/numeral.h"
#include "text/textscan.h"

/* See reanchor_priv.h. */
uint32_t *ra_decode(const char *s, size_t len, size_t *n)
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
	v = ra_decode(s, strlen(s), &n);
	if (!v)
		return -1;
	if (SY_RESERVE(x->pool, x->npool, n, x->cappool) < 0) {
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
	if (SY_RESERVE(x->pool, x->npool, n, x->cappool) < 0)
		return -1;
	memcpy(x->pool + x->npool, cp, n * sizeof *cp);
	x->npool += n;
	return 0;
}

static bool cps_eq(const uint32_t *a, const uint32_t *b, size_t n)
{
	return n == 0 || memcmp(a, b, n * sizeof *a) == 0;
}

/* ------------------------------------------------------------ keys */

static uint64_t key_hash(const ra *x, size_t moff, size_t mlen, size_t boff,
			 size_t blen)
{
	uint64_t h = sy_fnv_add(SY_FNV_BASIS, mlen);
	size_t i;

	for (i = 0; i < mlen; i++)
		h = sy_fnv_add(h, x->pool[moff + i]);
	h = sy_fnv_add(h, 0x2F2F2F2FU);   /* between marker and body */
	for (i = 0; i < blen; i++)
		h = sy_fnv_add(h, x->pool[boff + i]);
	return sy_hash_mix(h);
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

/* See reanchor_priv.h. */
bool ra_prop_offset(const sy_node *p, const char *name, i64 *v)
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
	const char *ms = prop_scalar(pr, sy_section_keys[SY_SEC_MARKER]),
		   *ts = prop_scalar(pr, sy_section_keys[SY_SEC_TITLE]);
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
	if (ra_prop_offset(pr, sy_stat_keys[SY_STAT_START], &v))
		it->ds = (i64)it->os - v;
	if (ra_prop_offset(pr, sy_stat_keys[SY_STAT_END], &v))
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
	int c;

	/* old span, sections first, then list order */
	if ((c = RA_CMP(a->os, b->os)) || (c = RA_CMP(a->oe, b->oe)) ||
	    (c = RA_CMP(!a->is_sec, !b->is_sec)))
		return c;
	return RA_CMP(a->idx, b->idx);
}

/* Items in old order, their keys, their groups. */
static int build_items(ra *x, const sy_annot *a)
{
	size_t i, n = a->nsections + a->nstats, g;

	x->items = calloc(n ? n : 1, sizeof *x->items);
	x->keys = calloc(n ? n : 1, sizeof *x->keys);
	x->ktabcap = sy_pow2_at_least(2 * n + 2);
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
	return (size_t)sy_hash_mix(k) & (x->hcap - 1);
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
	x->hcap = sy_pow2_at_least(2 * total);
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
				if (SY_RESERVE(o, nocc, 1, capocc) < 0) {
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

		if (SY_RESERVE(x->kos, x->nkocc, b1 - b0, x->capkos) < 0 ||
		    SY_RESERVE(x->koe, x->nkocc, b1 - b0, x->capkoe) < 0)
			return -1;
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

/* See reanchor_priv.h. */
int ra_find(ra *x, const sy_annot *a)
{
	if (build_items(x, a) < 0 || find_bodies(x) < 0 || find_keys(x) < 0)
		return -1;
	return 0;
}
