/* fast_scan.h - the annotation reader's fast scanner: the subset of YAML
 * that sy_annot_emit writes, turned into the events libyaml gives for it
 * (see fast_scan.c for the subset).  On anything else it gives up, and
 * the reader (annot_parse.c) reads the input again with libyaml, whose
 * reading decides what is accepted and what every message says.
 *
 * Ownership: an sy_fast is the caller's (zeroed, then the input set);
 * the buffers it allocates are its own, freed by sy_fast_free.  The
 * input is the caller's: a buffer (p, end) or a file (in).  A scalar
 * event's value points into the scanner's buffers, valid until the next
 * call; it is never freed (see sy_fast_next).
 *
 * The direct item reader (annot_direct.c) works on the same lines and
 * buffers: the struct is open to it, and so are the scanner's pieces it
 * uses (sy_fast_value, sy_fast_peek...; the small ones inline, as they
 * run for every line).
 */
#ifndef SY_FAST_SCAN_H
#define SY_FAST_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <yaml.h>

#include "base/error.h"
#include "format/fdin.h"
#include "format/yaml_tree.h"
#include "model/annot_limits.h"

#define SY_ANNOT_MAX_DEPTH 64   /* the reader's nesting bound */
#define SY_FAST_MAX_LINE (SY_MAX_SCALAR_BYTES + 4096)  /* longer: give up */
#define SY_FAST_MAX_KEY 1000    /* libyaml wants ':' within 1024 of a key */

/* An event of the current line. */
typedef struct sy_fevent {
	yaml_event_type_t type;
	yaml_scalar_style_t style;
	const char *v;         /* SCALAR: in the line or in sy_fast.tmp */
	size_t len;
	size_t col;
} sy_fevent;

/* Read an item straight into the model from its first line S (N bytes):
 * 1 done (its lines taken), 0 left to the events, -1 give up. */
typedef int (*sy_fast_direct_fn)(void *ctx, const char *s, size_t n);

typedef struct sy_fast {
	/* the input, set by the caller: a buffer ... */
	const char *p, *end;   /* what is left of it */
	/* ... or a file (in non-NULL) */
	sy_fdin *in;
	char *buf;             /* owned; unread bytes in [beg, fill) */
	size_t cap, beg, fill;
	bool eof;
	size_t line;           /* lines read */
	struct {
		bool seq;      /* a block sequence, else a block mapping */
		size_t indent; /* its column */
	} stack[SY_ANNOT_MAX_DEPTH + 1];
	int depth;
	bool pending;          /* the last line was "key:", the value follows */
	bool any;              /* a line that is not blank or a comment was read */
	bool started, ended;
	sy_fevent *q;          /* owned: the events of the current line */
	size_t qn, qi, qcap;
	char *tmp;             /* owned: unquoted '' scalars of the line */
	size_t tmpn, tmpcap;
	const char *held;      /* a line taken from the input but not fed */
	size_t heldn;
	bool has_held;
	/* direct items, set by the caller: while direct_on, a line
	 * "- IKEY: ..." of a top-level list item goes to direct() first */
	bool direct_on;
	const char *ikey;
	sy_fast_direct_fn direct;
	void *dctx;
	char *dtmp;            /* owned: the direct reader's texts */
	size_t dtmpcap;
	sy_ynode *dtags;       /* owned: the direct reader's tag nodes */
	sy_ynode **dkids;      /* owned: ... and the list of them */
	size_t dtagcap;
	struct dmap *dmaps;    /* owned: the direct reader's mappings */
} sy_fast;

/* Free what F owns and zero it. */
void sy_fast_free(sy_fast *f);

/* The next event into EV (nothing in it is owned: not to be given to
 * yaml_event_delete).  On giving up, SY_ERR_FORMAT in ERR ("NAME: not in
 * the fast subset"). */
sy_status sy_fast_next(sy_fast *f, yaml_event_t *ev, sy_error *err,
		       const char *name);

/* For the direct reader. */

/* True when the N bytes at S are all characters the subset takes. */
bool sy_fast_text_ok(const char *s, size_t n);

/* S (N bytes) is LEAD (2 bytes: "- ", "  "), KEY, ": " and a value. */
static inline bool sy_fast_keyed(const char *s, size_t n, const char *lead,
				 const char *key)
{
	size_t k = strlen(key);

	return n > k + 4 && s[0] == lead[0] && s[1] == lead[1] &&
	       memcmp(s + 2, key, k) == 0 && s[k + 2] == ':' && s[k + 3] == ' ';
}

/* A character of a plain key: [A-Za-z0-9_-]. */
static inline bool sy_fast_key_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
}

/* fast.tmp emptied, with room for a line of N bytes.  0, or -1 on OOM. */
int sy_fast_tmp_room(sy_fast *f, size_t n);

/* The events of the value that starts at S[J] and ends the line S (N
 * bytes) queued.  0, or -1 (outside the subset, OOM). */
int sy_fast_value(sy_fast *f, const char *s, size_t n, size_t j);

/* The line after offset *AT of the input not yet taken, without taking
 * it: 1 with *S, *N, and *AT past it; 0 at the end of the input; -1 when
 * the line is not all read in yet. */
static inline int sy_fast_peek(const sy_fast *f, size_t *at, const char **s,
			       size_t *n)
{
	const char *base = f->in ? f->buf + f->beg : f->p;
	const char *end = f->in ? f->buf + f->fill : f->end;
	const char *p = base + *at, *nl;

	if (p == end)
		return !f->in || f->eof ? 0 : -1;
	nl = memchr(p, '\n', (size_t)(end - p));
	if (!nl && f->in && !f->eof)
		return -1;
	*s = p;
	*n = nl ? (size_t)(nl - p) : (size_t)(end - p);
	*at = (size_t)((nl ? nl + 1 : end) - base);
	return 1;
}

#endif
