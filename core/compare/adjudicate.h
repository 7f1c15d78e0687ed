/* adjudicate.h - preparing an adjudication of two reviews (`shenyue
 * review --adjudicate A B -o OUT`): for every report both reviewed, the
 * two annotation files are merged with no common ancestor (merge.h): the
 * items they agree on are taken as they are, every difference is marked
 * as a conflict (tag `conflict`, key `conflict:` with the other version),
 * which the adjudicator then settles on the review screen.  The result is
 * a normal annotation file.
 */
#ifndef SY_ADJUDICATE_H
#define SY_ADJUDICATE_H

#include <stddef.h>

#include "base/error.h"
#include "compare/evaluate.h"

typedef struct sy_adjudication {
	char **reports;      /* the reports, owned */
	char **annots;       /* OUT/NAME.yaml for each, owned */
	size_t n;
	size_t conflicts;    /* in the files written now */
} sy_adjudication;

/* Pair the annotation files of A and B (files or folders; by sha256, then
 * by the report's name, as eval does) and write OUTDIR/NAME.yaml for each
 * pair (OUTDIR is created).  An OUT file that already exists is kept, so
 * an adjudication can be resumed.  The report of each pair is found from
 * A's source.path (relative to A's file); it must exist.  Files found on
 * one side only are reported through WARN and left out.  On failure *J is
 * empty and ERR names the file. */
sy_status sy_adjudicate_prepare(const char *a, const char *b,
				const char *outdir, sy_adjudication *j,
				sy_warn_fn warn, void *ctx, sy_error *err);
void sy_adjudication_free(sy_adjudication *j);

#endif
