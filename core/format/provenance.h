/* provenance.h - who proposed an item and how sure each source was
 * (issue 13): the item keys `by`, `disagreement`, `via` and the top-level
 * `proposers` of model/schema.h, read and set on the model.
 *
 * The model keeps them as generic nodes (sy_review.by, .disagreement,
 * .via; sy_annot.proposers) so that a file round-trips byte for byte;
 * these functions are the one place that knows their shape:
 *   by            { SOURCE: SCORE | null, ... } in the order sources came
 *   disagreement  { SOURCE: { FIELD: VALUE, ... }, ... }
 *   via           "propagate" | "bulk"
 *   proposers     { SOURCE: { KEY: VALUE, ... }, ... }
 * Setters return 0, or -1 on OOM (the item is then as it was, but for a
 * key that may be left out of a mapping that was being made).
 */
#ifndef SY_PROVENANCE_H
#define SY_PROVENANCE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/annot.h"

/* The number of sources that proposed R; the I-th one's name (owned by
 * R) and score (*HAS false: none given). */
size_t sy_prov_count(const sy_review *r);
const char *sy_prov_source(const sy_review *r, size_t i, double *score,
			   bool *has);
/* True when SOURCE proposed R; *SCORE / *HAS as above (may be NULL). */
bool sy_prov_has(const sy_review *r, const char *source, double *score,
		 bool *has);
/* The item's score for ordering and filtering: the highest score any
 * source gave.  False (and *SCORE untouched) when no source gave one. */
bool sy_prov_score(const sy_review *r, double *score);

/* SOURCE proposed R, with SCORE when HAS: added at the end of `by`, or
 * its score replaced where it is. */
int sy_prov_set(sy_review *r, const char *source, double score, bool has);

/* SOURCE's other version of R: FIELDS (a mapping field -> value, taken
 * whatever happens) is kept under disagreement.SOURCE (replacing what
 * was there), and R gets the tag SY_TAG_DISAGREEMENT only while it is
 * pending: a reviewed item's tags are never changed (the mapping alone
 * records the other version).  An empty or NULL FIELDS removes SOURCE's
 * entry instead (and the tag with the last). */
int sy_prov_disagree(sy_review *r, const char *source, sy_node *fields);
/* True when R carries another source's version. */
bool sy_prov_disagrees(const sy_review *r);

/* R was decided by VIA (SY_VIA_PROPAGATE, SY_VIA_BULK), or item by item
 * (VIA NULL: the key goes). */
int sy_prov_set_via(sy_review *r, const char *via);

/* proposers.SOURCE.KEY = VALUE (a string; NULL writes null); SOURCE's
 * mapping is made when missing. */
int sy_prov_proposer(sy_annot *a, const char *source, const char *key,
		     const char *value);
/* proposers.SOURCE.KEY, or NULL. */
const char *sy_prov_proposer_get(const sy_annot *a, const char *source,
				 const char *key);

#endif
