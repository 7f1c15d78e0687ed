/* fuzz_annot.c - libFuzzer target: the annotation file reader and writer.
 *
 * For any input:
 *   - sy_annot_parse either refuses it with a message that starts with the
 *     name it was given ("fuzz...") and leaves the model empty, or gives a
 *     model that sy_annot_emit writes (what the reader takes, the writer
 *     can save);
 *   - that YAML parses again and emits to the same bytes (the round trip
 *     is stable: load, save, load, save changes nothing the second time);
 *   - sy_annot_parse_libyaml (libyaml's parser alone) accepts or refuses
 *     it alike, with the same message, and when it accepts it the model
 *     emits to the same bytes: the fast scanner, its direct item reader
 *     and libyaml agree.
 *   - the writer's fast path and libyaml's emitter write the model to the
 *     same bytes (sy_annot_emit against sy_annot_emit_libyaml).
 * A broken invariant aborts with a message on stderr.
 *
 * Built with -fsanitize=fuzzer by scripts/fuzz.sh, or with
 * fuzz/standalone.c (no libFuzzer) to replay files in `make check`.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format/annot_io.h"

#include "fuzz_common.h"

#define T "fuzz_annot"

/* Larger inputs are skipped: they only slow the fuzzer down. */
#define MAX_INPUT ((size_t)1 << 20)

static int model_empty(const sy_annot *a)
{
	return a->nsections == 0 && a->nstats == 0 && !a->sections &&
	       !a->stats && !a->source.path && !a->doc.title && !a->extra &&
	       !a->review.present;
}

/* Parse BUF; on success emit it into *Y, *N.  Returns the parse status
 * (the emit must succeed when the parse did). */
static sy_status parse_emit(const char *buf, size_t len, const char *name,
			    bool libyaml, char **y, size_t *n, size_t *nsec,
			    size_t *nstat, sy_error *err_out)
{
	sy_annot a;
	sy_error err;
	sy_status st;
	char *ref = NULL;
	size_t refn = 0;

	memset(&err, 0, sizeof err);
	sy_annot_init(&a);
	*y = NULL;
	*n = 0;
	st = libyaml ? sy_annot_parse_libyaml(buf, len, name, &a, &err)
		     : sy_annot_parse(buf, len, name, &a, &err);
	*err_out = err;
	if (st != SY_OK) {
		if (st == SY_ERR_IO)
			fuzz_fail(T, "sy_annot_parse on a buffer gave SY_ERR_IO",
				  &err);
		if (err.code != st ||
		    strncmp(err.msg, name, strlen(name)) != 0)
			fuzz_fail(T, "refusal without a message naming the file",
				  &err);
		if (!model_empty(&a))
			fuzz_fail(T, "refused input left a model behind", &err);
		return st;
	}
	if (sy_annot_emit(&a, y, n, &err) != SY_OK)
		fuzz_fail(T, "sy_annot_emit refused a model sy_annot_parse gave",
			  &err);
	if (strlen(*y) != *n)
		fuzz_fail(T, "emitted YAML length is wrong or holds a NUL", NULL);
	if (sy_annot_emit_libyaml(&a, &ref, &refn, &err) != SY_OK)
		fuzz_fail(T, "libyaml's emitter refused what the fast writer "
			  "wrote", &err);
	if (refn != *n || memcmp(ref, *y, refn) != 0) {
		fuzz_show_diff(*y, *n, ref, refn);
		fuzz_fail(T, "the fast writer and libyaml's emitter differ", NULL);
	}
	free(ref);
	*nsec = a.nsections;
	*nstat = a.nstats;
	sy_annot_free(&a);
	return SY_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	char *y1 = NULL, *y2 = NULL, *y3 = NULL;
	size_t n1, n2, n3, s1 = 0, t1 = 0, s2 = 0, t2 = 0, s3 = 0, t3 = 0;
	sy_error e1, e2, e3;
	sy_status st, st3;

	if (size > MAX_INPUT)
		return 0;
	st = parse_emit(in, size, "fuzz", false, &y1, &n1, &s1, &t1, &e1);

	/* the fast reading against libyaml's */
	st3 = parse_emit(in, size, "fuzz", true, &y3, &n3, &s3, &t3, &e3);
	if (st != st3) {
		fprintf(stderr, "fast: status %d (%s); libyaml: status %d (%s)\n",
			(int)st, st ? e1.msg : "ok", (int)st3, st3 ? e3.msg : "ok");
		fuzz_fail(T, "accepted one way and refused the other "
			  "(fast reading and libyaml disagree)", NULL);
	}
	if (st != SY_OK && strcmp(e1.msg, e3.msg) != 0) {
		fprintf(stderr, "fast: %s\nlibyaml: %s\n", e1.msg, e3.msg);
		fuzz_fail(T, "refused with different messages", NULL);
	}
	if (st == SY_OK && (s1 != s3 || t1 != t3 || n3 != n1 ||
			    memcmp(y1, y3, n1) != 0)) {
		fuzz_show_diff(y1, n1, y3, n3);
		fuzz_fail(T, "read differently (fast reading and libyaml "
			  "disagree)", NULL);
	}
	free(y3);
	if (st != SY_OK)
		return 0;

	/* the round trip: parse(emit(model)) emits the same bytes */
	st = parse_emit(y1, n1, "fuzz.emitted", false, &y2, &n2, &s2, &t2, &e2);
	if (st != SY_OK) {
		fprintf(stderr, "--- emitted YAML:\n%s---\n", y1);
		fuzz_fail(T, "sy_annot_parse refused sy_annot_emit's output", NULL);
	}
	if (s2 != s1 || t2 != t1)
		fuzz_fail(T, "item counts changed on the round trip", NULL);
	if (n2 != n1 || memcmp(y1, y2, n1) != 0) {
		fuzz_show_diff(y1, n1, y2, n2);
		fuzz_fail(T, "emit(parse(emit(x))) differs from emit(x)", NULL);
	}
	free(y1);
	free(y2);
	return 0;
}
