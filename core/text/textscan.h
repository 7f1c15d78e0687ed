/* textscan.h - walking decoded report text line by line as code points,
 * with the code point offset of each line, and the character classes the
 * extractor rules share.
 */
#ifndef SY_TEXTSCAN_H
#define SY_TEXTSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct sy_line {
	const uint32_t *cp;   /* the line's code points, '\n' excluded (a
				 trailing '\r' is kept: it counts in offsets) */
	size_t n;
	size_t start;         /* code point offset of cp[0] in the text */
	size_t index;         /* 0-based line number */
} sy_line;

typedef struct sy_linescan {
	const unsigned char *text;
	size_t len, pos;      /* bytes */
	size_t cpos;          /* code points before pos */
	size_t index;
	bool done;
	uint32_t *buf;        /* owned; reused for each line */
	size_t cap;
} sy_linescan;

/* TEXT must be valid UTF-8 (as sy_source gives); it is not copied. */
void sy_linescan_init(sy_linescan *ls, const char *text, size_t len);
/* Next line into *LINE (valid until the next call).  Returns 1, 0 at the
 * end, -1 on OOM. */
int sy_linescan_next(sy_linescan *ls, sy_line *line);
void sy_linescan_free(sy_linescan *ls);

/* Write the UTF-8 of CP[0..N) and a NUL at OUT (room for 4*N+1 bytes);
 * returns a pointer to the NUL. */
char *sy_cp_utf8(const uint32_t *cp, size_t n, char *out);

/* New malloc'd UTF-8 string of CP[0..N) (caller frees), NULL on OOM. */
char *sy_cp_dup(const uint32_t *cp, size_t n);

/* Space, tab, CR, U+3000 ideographic space, U+00A0, U+FEFF. */
bool sy_is_space(uint32_t c);
/* CJK unified ideograph (the basic block and extension A). */
bool sy_is_han(uint32_t c);
/* Punctuation that ends or separates clauses: ，,。；;：:、！!？? */
bool sy_is_clause_punct(uint32_t c);

/* Does CP[0..N) begin with the UTF-8 literal LIT? Returns its length in
 * code points, or 0. */
size_t sy_cp_prefix(const uint32_t *cp, size_t n, const char *lit);
/* Does CP[0..N) end with LIT? Returns its length in code points, or 0. */
size_t sy_cp_suffix(const uint32_t *cp, size_t n, const char *lit);

#endif
