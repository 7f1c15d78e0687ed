/* reanchor_priv.h - what the files of re-anchoring share (reanchor.c
 * tells the method): the working context `ra`, its items, needles
 * (keys), groups and the buffers of the passes.
 *
 *   reanchor_find.c    the needles and their occurrences in the new text
 *   reanchor_place.c   choosing among occurrences: neighbourhood, passes
 *   reanchor_commit.c  applying the result to the annotation, the report
 *   reanchor.c         the method, and sy_reanchor putting them together
 *
 * Ownership: every buffer of an `ra` is owned by it and freed by ra_free
 * (reanchor.c).  Not a header for anything but these four files.
 */
#ifndef SY_REANCHOR_PRIV_H
#define SY_REANCHOR_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/annot.h"
#include "session/reanchor.h"

#define CTX_SPAN 20          /* neighbourhood compared on each side */
#define NEAR_K 8             /* occurrences kept around each expectation */
#define MAX_GAP 16           /* spaces allowed between marker and title */
#define SUBJECT_GAP 4        /* code points allowed between subject and text */
#define NONE SIZE_MAX
/* -1, 0 or 1 as A is below, equal to or above B (for qsort) */
#define RA_CMP(a, b) (((a) > (b)) - ((a) < (b)))

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
	size_t nkocc, capkos, capkoe;

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

/* Old span [OS, OE) readable in the old text? */
static inline bool old_span_ok(const ra *x, size_t os, size_t oe)
{
	return x->ocp && os < oe && oe <= x->on;
}

/* reanchor.c */
void ra_free(ra *x);

/* reanchor_find.c */

/* Decode UTF-8 S[0..LEN) into a new array of code points (*N of them).
 * Bytes that are not valid UTF-8 (the loader never lets them through)
 * count as one U+FFFD each.  NULL on OOM. */
uint32_t *ra_decode(const char *s, size_t len, size_t *n);

/* Scalar NAME of the mapping P (an item's `proposed`) as an offset: true
 * and *V, or false. */
bool ra_prop_offset(const sy_node *p, const char *name, i64 *v);

/* The items of A in old order, their needles and groups, and every
 * occurrence of every needle in the new text (x->ncp, x->ocp set).  0,
 * or -1 on OOM. */
int ra_find(ra *x, const sy_annot *a);

/* reanchor_place.c */

/* Passes 3 to 6 (anchors, gaps, mop-up, moved blocks), then the moved
 * section spans: sets each item's `placed`, ns and ne.  0, or -1 on OOM
 * (x->old_chars set). */
int ra_place(ra *x);

/* reanchor_commit.c */

/* Apply the result to A (see sy_reanchor); on SY_ERR_NOMEM A is left as
 * it was. */
sy_status ra_commit(ra *x, sy_annot *a, const sy_source *src,
		    sy_reanchor_report *r, sy_error *err);

#endif
