/* queue.h - the items of a whole batch in the order the reviewer visits
 * them (issue 13, `review --order`): in the document (report by report,
 * in text order), by rising score across the batch (`uncertain`: the
 * least sure proposals first, items no source scored last), or the items
 * where sources disagree first (`disagreement`, then by rising score).
 * Each entry also keeps the item's propagation pattern (bulk.h), so that
 * the batch's items of one pattern are found without opening every
 * report.
 *
 * The queue owns its entries (sy_queue_free).  The statuses of a report
 * not open are those it had when last added or updated; the open
 * report's are read from its model (sy_queue_next).  Functions returning
 * int: 0, or -1 on OOM (the queue then lacks that report's entries).
 */
#ifndef SY_QUEUE_H
#define SY_QUEUE_H

#include <stdbool.h>
#include <stddef.h>

#include "session/review.h"

typedef enum sy_order {
	SY_ORDER_DOCUMENT, SY_ORDER_UNCERTAIN, SY_ORDER_DISAGREEMENT
} sy_order;

/* "document", "uncertain", "disagreement"; parse: false when unknown. */
const char *sy_order_name(sy_order o);
bool sy_order_parse(const char *name, sy_order *o);

typedef struct sy_qentry {
	size_t report;       /* its index in the batch */
	char *id;            /* owned */
	char *pattern;       /* bulk.h sy_bulk_pattern, owned; NULL: none */
	size_t start;        /* in the text, for document order */
	double score;        /* format/provenance.h sy_prov_score */
	bool has_score, disagree;
	sy_review_status status;
} sy_qentry;

typedef struct sy_queue {
	sy_qentry *v;
	size_t n, cap;
	sy_order order;
	bool sorted;
} sy_queue;

/* Add the sections and statistics of F (report REPORT of the batch). */
int sy_queue_add(sy_queue *q, size_t report, const sy_file *f);
/* True when REPORT's items are in Q. */
bool sy_queue_has(const sy_queue *q, size_t report);
/* Put Q in ORDER (stable: ties by report, then place in the text). */
void sy_queue_sort(sy_queue *q, sy_order order);
/* REPORT's entries take their statuses from F (after decisions there). */
void sy_queue_update(sy_queue *q, size_t report, const sy_file *f);
/* The entry of item ID of REPORT, or SIZE_MAX. */
size_t sy_queue_find(const sy_queue *q, size_t report, const char *id);
/* The next (DIR 1) or previous (-1) pending entry after entry FROM
 * (SIZE_MAX: from the start, or the end), not wrapping; the statuses of
 * report CUR taken from OPEN (may be NULL).  SIZE_MAX when none is
 * left. */
size_t sy_queue_next(const sy_queue *q, size_t from, int dir,
		     size_t cur, const sy_file *open);
/* Whether entry K is pending (report CUR's from OPEN). */
bool sy_queue_pending(const sy_queue *q, size_t k, size_t cur,
		      const sy_file *open);
void sy_queue_free(sy_queue *q);

#endif
