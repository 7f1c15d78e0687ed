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
 * The files: reanchor_find.c (points 1 and 2), reanchor_place.c (3 to
 * 6), reanchor_commit.c (applying the result, the report); the context
 * they share is in reanchor_priv.h.
 *
 * Ownership: every buffer here is owned by the `ra` context and freed by
 * ra_free; the report's lost_ids (and each id string) are owned by the
 * caller's sy_reanchor_report, freed by sy_reanchor_report_free.
 */
#include "session/reanchor_priv.h"

#include <stdlib.h>
#include <string.h>

void ra_free(ra *x)
{
	void *bufs[] = {
		x->ncp, x->ocp, x->pool, x->keys, x->ktab, x->hkey, x->hval,
		x->term, x->bpos, x->boff, x->kos, x->koe, x->items, x->groups,
		x->cands, x->pairs, x->ranks, x->fen,
	};

	for (size_t i = 0; i < sizeof bufs / sizeof *bufs; i++)
		free(bufs[i]);
	memset(x, 0, sizeof *x);
}

sy_status sy_reanchor(sy_annot *a, const char *old_text, size_t old_len,
		      const sy_source *new_src, sy_reanchor_report *r,
		      sy_error *err)
{
	ra x;
	size_t i, maxend = 0;
	sy_status st;

	memset(&x, 0, sizeof x);
	if (r)
		memset(r, 0, sizeof *r);
	x.ncp = ra_decode(new_src->text ? new_src->text : "",
		       new_src->text ? new_src->len : 0, &x.nn);
	if (!x.ncp)
		goto oom;
	if (old_text) {
		x.ocp = ra_decode(old_text, old_len, &x.on);
		if (!x.ocp)
			goto oom;
	}
	if (ra_find(&x, a) < 0)
		goto oom;
	for (i = 0; i < x.nitems; i++)
		if (x.items[i].oe > maxend)
			maxend = x.items[i].oe;
	x.old_chars = x.ocp ? x.on : a->source.chars;
	if (x.old_chars < maxend)
		x.old_chars = maxend;

	if (ra_place(&x) < 0)
		goto oom;

	st = ra_commit(&x, a, new_src, r, err);
	ra_free(&x);
	return st;
oom:
	ra_free(&x);
	return sy_fail(err, SY_ERR_NOMEM, "re-anchoring: out of memory");
}
