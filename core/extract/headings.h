/* headings.h - numbered headings: recognising a marker at the start of a
 * line (一、 （一） (一) 1. 1、 1． （1） (1)), the title after it, and the
 * level of each heading by the report's own hierarchy (guidelines.md).
 */
#ifndef SY_HEADINGS_H
#define SY_HEADINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum sy_marker_kind {
	SY_MK_CN_SUFFIX,   /* 一、 */
	SY_MK_CN_PAREN,    /* （一） (一) */
	SY_MK_AR_SUFFIX,   /* 1. 1、 1． */
	SY_MK_AR_PAREN     /* （1） (1) */
} sy_marker_kind;

typedef struct sy_heading {
	sy_marker_kind kind;
	uint32_t open, close;   /* the brackets, or 0 and the suffix mark */
	int number;             /* 1 for 一 / 1 */
	size_t mstart, mend;    /* marker, as code point indexes in the line */
	size_t tstart, tend;    /* title */
	bool weak;              /* a malformed marker (2优化, *.加强): a heading
				 * only where it continues the outline */
	bool masked;            /* the number is masked (*.): from the outline */
} sy_heading;

/* Recognise a heading at the start of the line CP[0..N) (leading spaces
 * allowed).  Returns true and fills *H when the line starts with a marker
 * followed by a non-empty title. */
bool sy_heading_match(const uint32_t *cp, size_t n, sy_heading *h);

/* A heading flattened into the line CP[0..N) at or after FROM (a table or
 * a page that lost its line breaks: "一、主要举措 (一)强化组织领导。…"):
 * a 一、 or （一） marker after a space.  Offsets in *H are in the line.
 * Returns true when one is found. */
bool sy_heading_inline(const uint32_t *cp, size_t n, size_t from,
		       sy_heading *h);

/* Anomalies found while placing a heading (bits). */
enum {
	SY_ANOM_SKIP = 1,      /* numbering skips: 一、 then 三、 */
	SY_ANOM_REPEAT = 2,    /* numbering repeats or goes back */
	SY_ANOM_STYLE = 4      /* marker style changes within a level */
};

#define SY_OUTLINE_MAX 16

/* The open headings from the top level down. */
typedef struct sy_outline {
	struct {
		sy_marker_kind kind;
		uint32_t open, close;
		int number;
	} stack[SY_OUTLINE_MAX];
	int depth;
	bool fresh;             /* the last line was a heading, no body since
				 * (set by the caller) */
} sy_outline;

/* Place H in the outline: returns its level (1 = top) and sets *ANOM to
 * the anomaly bits.  With no heading open yet (an excerpt that starts
 * mid-document), a （一） heading is placed below a level 1 that is not
 * there: the level comes from the marker's own shape. */
int sy_outline_place(sy_outline *o, const sy_heading *h, unsigned *anom);

/* Does H continue the outline: the next number of an open level of its
 * kind?  For a weak or masked marker, takes that level's brackets (and
 * number, when masked) into *H so that it is placed there. */
bool sy_outline_adopt(const sy_outline *o, sy_heading *h);

#endif
