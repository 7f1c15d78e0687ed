/* itemlist.h - the items view's own state: the items of the open report
 * as rows (the document, then sections and statistics in text order, a
 * statistic indented under its section), filtered; the selected row and
 * the first shown; where each item's row is.  Knows the report only
 * through the core (review.h); no curses, no screen.
 */
#ifndef SY_ITEMLIST_H
#define SY_ITEMLIST_H

#include <stdbool.h>
#include <stddef.h>

#include "config/theme.h"
#include "session/review.h"

typedef enum sy_filter_kind {
	SY_FILTER_ALL, SY_FILTER_PENDING, SY_FILTER_STATUS, SY_FILTER_TAG
} sy_filter_kind;

typedef struct sy_list {
	sy_item_ref *rows;   /* visible items in order (filtered), owned */
	unsigned char *indent;   /* per row: the level of the section it is in */
	size_t nrows, caprows;
	size_t *section_row, *stat_row;  /* item index -> row, or SIZE_MAX */
	size_t capsecrow, capstatrow;
	size_t sel, top;     /* selected row, first row shown */
	char sel_id[32];     /* id of the selected item, kept across commands */
	sy_filter_kind filter;
	sy_review_status filter_status;
	char filter_tag[64];
	/* more conditions, each with the filter above (issue 13): a source
	 * that proposed the item ("" any), a score range, and the sources
	 * disagreeing (1) or not (-1) (0: either) */
	char filter_source[64];
	bool filter_scored;
	double score_lo, score_hi;
	int filter_disagree;
	bool details;        /* the detail area unfolded (view_detail.c) */
	int shown;           /* rows of the list as last drawn (for clicks) */
} sy_list;

/* Rebuild the rows of F's items (after a command or a filter change)
 * and reselect the item named sel_id (if the filter hides it, the first
 * row after it; if it is gone, the row now at the same place).  0, or
 * -1 on OOM. */
int sy_list_rebuild(sy_list *l, const sy_file *f);
/* The row showing item IT, or SIZE_MAX when it is not shown. */
size_t sy_list_row_of(const sy_list *l, const sy_file *f, sy_item_ref it);
/* The current item, false when the list is empty. */
bool sy_list_current(const sy_list *l, sy_item_ref *it);
/* Select row R (clamped; nothing when the list is empty): sel, sel_id
 * and F's cursor. */
void sy_list_set_row(sy_list *l, sy_file *f, size_t r);
/* Remember IT as the item to select (sel_id). */
void sy_list_set_id(sy_list *l, const sy_file *f, sy_item_ref it);
/* The first section (K SY_ITEM_SECTION) or statistic of F whose start
 * is at or after CP (their count when none is); F's lists are in start
 * order. */
size_t sy_list_first_from(const sy_file *f, sy_item_kind k, size_t cp);
/* Show the items KIND lets through: a STATUS (SY_FILTER_STATUS), a TAG
 * (SY_FILTER_TAG); the rows are rebuilt by the caller. */
void sy_list_filter(sy_list *l, sy_filter_kind kind, sy_review_status status,
		    const char *tag);
/* The provenance conditions (source: NULL leaves it, "" clears it;
 * LO > HI: no score range; DISAGREE as filter_disagree), likewise. */
void sy_list_filter_prov(sy_list *l, const char *source, double lo, double hi,
			 int disagree);
/* Whether the list's filter shows IT of F. */
bool sy_list_shows(const sy_list *l, const sy_file *f, sy_item_ref it);
/* Unfold (DETAILS) or fold the detail area under the list. */
void sy_list_fold(sy_list *l, bool details);
/* A report was opened: its first row, nothing remembered. */
void sy_list_reset(sy_list *l);
void sy_list_free(sy_list *l);

/* The role an item's status is drawn in, and its ASCII mark ("[+]"). */
sy_role sy_status_role(sy_review_status s);
const char *sy_status_mark(sy_review_status s);

#endif
