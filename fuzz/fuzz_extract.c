/* fuzz_extract.c - libFuzzer target: report bytes through the loader, the
 * extractor, the writer and the reader.
 *
 * For any input:
 *   - sy_source_from_bytes either refuses it (SY_ERR_ENCODING, or
 *     NOMEM/LIMIT) leaving the source zeroed, or gives NUL-terminated,
 *     valid UTF-8 text without NUL bytes whose code point count is
 *     src.chars;
 *   - sy_extract of a loaded report succeeds, every span lies within the
 *     text and the items are in start order;
 *   - sy_annot_emit of that model succeeds, and the streaming writer
 *     (sy_extract_write) gives the same bytes;
 *   - sy_annot_parse reads that YAML back (the reader never refuses what
 *     the writer wrote), with the same number of sections and statistics,
 *     and emitting the re-read model gives the same bytes again.
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
#include "extract/extract.h"
#include "text/source.h"

#include "fuzz_common.h"

#define T "fuzz_extract"

/* Reports above this size are skipped: they only slow the fuzzer down. */
#define MAX_INPUT ((size_t)1 << 20)

/* Number of code points in the N bytes at S if they are valid UTF-8
 * (shortest form, no surrogates, at most U+10FFFF), else (size_t)-1. */
static size_t utf8_count(const unsigned char *s, size_t n)
{
	size_t i = 0, count = 0;

	while (i < n) {
		unsigned char c = s[i];
		size_t k;
		uint32_t cp;

		if (c < 0x80) {
			i++;
			count++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			k = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			k = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			k = 3;
			cp = c & 0x07;
		} else {
			return (size_t)-1;
		}
		if (n - i <= k)
			return (size_t)-1;
		for (size_t j = 1; j <= k; j++) {
			if ((s[i + j] & 0xc0) != 0x80)
				return (size_t)-1;
			cp = cp << 6 | (s[i + j] & 0x3f);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return (size_t)-1;
		i += k + 1;
		count++;
	}
	return count;
}

static void check_source(const sy_source *src)
{
	if (!src->text || !src->path || strcmp(src->path, "fuzz") != 0)
		fuzz_fail(T, "loaded source without text or path", NULL);
	if (src->text[src->len] != '\0')
		fuzz_fail(T, "source text not NUL-terminated", NULL);
	if (memchr(src->text, '\0', src->len))
		fuzz_fail(T, "source text holds a NUL byte", NULL);
	if (src->len == 0)
		fuzz_fail(T, "empty report accepted", NULL);
	size_t chars = utf8_count((const unsigned char *)src->text, src->len);
	if (chars == (size_t)-1)
		fuzz_fail(T, "decoded text is not valid UTF-8", NULL);
	if (chars != src->chars)
		fuzz_fail(T, "src.chars is not the code point count of src.text",
			  NULL);
	if (strlen(src->sha256) != 64)
		fuzz_fail(T, "sha256 is not 64 hex digits", NULL);
}

/* An item's span [START, END) inside the CHARS code points of the text,
 * and not before the previous item's (PREV, when there is one); WHAT[0]
 * and WHAT[1] say which broke. */
static void check_span(size_t start, size_t end, const size_t *prev,
		       size_t chars, const char *const what[2])
{
	if (start > end || end > chars)
		fuzz_fail(T, what[0], NULL);
	if (prev && *prev > start)
		fuzz_fail(T, what[1], NULL);
}

static void check_model(const sy_annot *a, const sy_source *src)
{
	static const char *const sec_what[2] = {
		"section span outside the text", "sections not in start order"
	};
	static const char *const stat_what[2] = {
		"statistic span outside the text",
		"statistics not in start order"
	};

	if (a->source.chars != src->chars)
		fuzz_fail(T, "source.chars differs from the loader's count", NULL);
	for (size_t i = 0; i < a->nsections; i++) {
		const sy_section *s = &a->sections[i];
		check_span(s->start, s->end, i ? &a->sections[i - 1].start : NULL,
			   src->chars, sec_what);
		if (!s->id || s->level < 1)
			fuzz_fail(T, "section without id or level < 1", NULL);
	}
	for (size_t i = 0; i < a->nstats; i++) {
		const sy_stat *s = &a->stats[i];
		check_span(s->start, s->end, i ? &a->stats[i - 1].start : NULL,
			   src->chars, stat_what);
		if (!s->id || !s->text)
			fuzz_fail(T, "statistic without id or text", NULL);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sy_source src;
	sy_annot a, b;
	sy_error err;
	sy_writer *w = NULL;
	fuzz_buf stream = { NULL, 0, 0 };
	char *y1 = NULL, *y2 = NULL;
	size_t n1 = 0, n2 = 0;
	sy_status st;

	if (size > MAX_INPUT)
		return 0;
	memset(&err, 0, sizeof err);
	st = sy_source_from_bytes("fuzz", data, size, &src, &err);
	if (st != SY_OK) {
		if (st != SY_ERR_ENCODING && st != SY_ERR_NOMEM &&
		    st != SY_ERR_LIMIT)
			fuzz_fail(T, "loader failed with an unexpected code", &err);
		if (err.code != st || err.msg[0] == '\0')
			fuzz_fail(T, "loader failed without a message", &err);
		if (src.text || src.path || src.len || src.chars)
			fuzz_fail(T, "failed load left the source not zeroed", &err);
		return 0;
	}
	check_source(&src);

	sy_annot_init(&a);
	st = sy_extract(&src, &a, &err);
	if (st == SY_ERR_NOMEM || st == SY_ERR_LIMIT) {
		sy_source_free(&src);
		return 0;
	}
	if (st != SY_OK)
		fuzz_fail(T, "sy_extract failed", &err);
	check_model(&a, &src);

	/* the model's YAML */
	if (sy_annot_emit(&a, &y1, &n1, &err) != SY_OK)
		fuzz_fail(T, "sy_annot_emit refused the extractor's model", &err);
	if (strlen(y1) != n1)
		fuzz_fail(T, "emitted YAML length is wrong or holds a NUL", NULL);

	/* the streaming writer gives the same bytes */
	if (sy_writer_open(fuzz_buf_write, &stream, "fuzz", &w, &err) != SY_OK)
		fuzz_fail(T, "sy_writer_open failed", &err);
	if (sy_extract_write(&src, NULL, w, &err) != SY_OK)
		fuzz_fail(T, "sy_extract_write failed", &err);
	sy_writer_free(w);
	if (stream.n != n1 || memcmp(stream.p, y1, n1) != 0) {
		fuzz_show_diff(y1, n1, stream.p ? stream.p : "", stream.n);
		fuzz_fail(T, "streamed YAML differs from sy_annot_emit's", NULL);
	}
	free(stream.p);

	/* the reader takes what the writer wrote */
	sy_annot_init(&b);
	if (sy_annot_parse(y1, n1, "fuzz.yaml", &b, &err) != SY_OK) {
		fprintf(stderr, "--- emitted YAML:\n%s---\n", y1);
		fuzz_fail(T, "sy_annot_parse refused sy_annot_emit's output", &err);
	}
	if (b.nsections != a.nsections || b.nstats != a.nstats)
		fuzz_fail(T, "re-read item counts differ", NULL);
	if (b.source.chars != a.source.chars)
		fuzz_fail(T, "re-read source.chars differs", NULL);
	if (sy_annot_emit(&b, &y2, &n2, &err) != SY_OK)
		fuzz_fail(T, "sy_annot_emit refused the re-read model", &err);
	if (n2 != n1 || memcmp(y1, y2, n1) != 0) {
		fuzz_show_diff(y1, n1, y2, n2);
		fuzz_fail(T, "emit(parse(emit(extract))) differs from emit(extract)",
			  NULL);
	}

	free(y1);
	free(y2);
	sy_annot_free(&b);
	sy_annot_free(&a);
	sy_source_free(&src);
	return 0;
}
