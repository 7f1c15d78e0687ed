/* fuzz_common.h - what the fuzz targets share: a growing buffer for the
 * streaming writer, and the way a broken invariant is reported (a message
 * on stderr, then abort(), which libFuzzer and the replay driver both
 * count as a failure whatever NDEBUG says). */
#ifndef SY_FUZZ_COMMON_H
#define SY_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Report a broken invariant and abort. */
static void fuzz_fail(const char *target, const char *what,
		      const sy_error *err)
	__attribute__((noreturn, unused));
static void fuzz_fail(const char *target, const char *what,
		      const sy_error *err)
{
	fprintf(stderr, "%s: invariant broken: %s\n", target, what);
	if (err)
		fprintf(stderr, "%s: error %d: %s\n", target, (int)err->code,
			err->msg);
	fflush(stderr);
	abort();
}

/* Write the two buffers to stderr (shortened) when they differ. */
static void fuzz_show_diff(const char *a, size_t an, const char *b, size_t bn)
	__attribute__((unused));
static void fuzz_show_diff(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, lo;

	while (i < an && i < bn && a[i] == b[i])
		i++;
	/* lo <= i <= both lengths */
	lo = i > 200 ? i - 200 : 0;
	fprintf(stderr, "first difference at byte %zu (lengths %zu, %zu)\n"
		"--- first, around it:\n%.*s\n--- second, around it:\n%.*s\n---\n",
		i, an, bn,
		(int)(an - lo > 400 ? 400 : an - lo), a + lo,
		(int)(bn - lo > 400 ? 400 : bn - lo), b + lo);
}

/* A growing NUL-terminated buffer; sy_write_fn for it. */
typedef struct fuzz_buf {
	char *p;
	size_t n, cap;
} fuzz_buf;

static int fuzz_buf_write(void *ctx, const void *data, size_t len)
	__attribute__((unused));
static int fuzz_buf_write(void *ctx, const void *data, size_t len)
{
	fuzz_buf *b = ctx;

	if (b->n + len + 1 > b->cap) {
		size_t cap = (b->n + len + 1) * 2;
		char *p = realloc(b->p, cap);
		if (!p)
			return -1;
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, data, len);
	b->n += len;
	b->p[b->n] = '\0';
	return 0;
}

#endif
