/* test_stream.c - the streaming writer gives the same bytes as the whole
 * model, and fails cleanly. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format/annot_io.h"
#include "extract/extract.h"
#include "text/source.h"
#include "tap.h"

typedef struct buf { char *p; size_t n, cap; int fail_after; } buf;

/* sy_write_fn into a growing buffer; fails with ENOSPC after FAIL_AFTER
 * bytes when that is >= 0. */
static int to_buf(void *ctx, const void *data, size_t len)
{
	buf *b = ctx;
	if (b->fail_after >= 0 && b->n + len > (size_t)b->fail_after) {
		errno = ENOSPC;
		return -1;
	}
	if (b->n + len + 1 > b->cap) {
		b->cap = (b->n + len + 1) * 2;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			return -1;
	}
	memcpy(b->p + b->n, data, len);
	b->n += len;
	b->p[b->n] = '\0';
	return 0;
}

static void compare_sample(const char *path)
{
	sy_source src;
	sy_annot a;
	sy_error err;
	sy_writer *w;
	char *whole = NULL;
	size_t wlen = 0;
	buf b = { NULL, 0, 0, -1 };

	if (!ok(sy_source_load(path, &src, &err) == SY_OK, "load %s", path)) {
		diag("%s", err.msg);
		return;
	}
	sy_annot_init(&a);
	ok(sy_extract(&src, &a, &err) == SY_OK, "%s: model extract", path);
	ok(sy_annot_emit(&a, &whole, &wlen, &err) == SY_OK, "%s: model emit", path);
	ok(sy_writer_open(to_buf, &b, "buf", &w, &err) == SY_OK, "%s: writer open", path);
	ok(sy_extract_write(&src, NULL, w, &err) == SY_OK, "%s: streamed", path);
	sy_writer_free(w);
	ok(b.p && whole && b.n == wlen && memcmp(b.p, whole, wlen) == 0,
	   "%s: streamed bytes == model bytes (%zu)", path, wlen);
	ok(a.nsections > 0 && a.nstats > 0, "%s: %zu sections, %zu statistics",
	   path, a.nsections, a.nstats);
	free(whole);
	free(b.p);
	sy_annot_free(&a);
	sy_source_free(&src);
}

static void write_failure(const char *path)
{
	sy_source src;
	sy_error err;
	sy_writer *w;
	buf b = { NULL, 0, 0, 2000 };
	sy_status st;

	if (sy_source_load(path, &src, &err) != SY_OK)
		return;
	sy_writer_open(to_buf, &b, "buf", &w, &err);
	st = sy_extract_write(&src, NULL, w, &err);
	ok(st == SY_ERR_IO, "a failing write gives SY_ERR_IO (got %d)", st);
	ok(strstr(err.msg, "No space left") != NULL, "... and says why: %s", err.msg);
	st = sy_writer_finish(w, NULL, NULL, &err);
	ok(st == SY_ERR_IO, "a failed writer stays failed");
	sy_writer_free(w);
	free(b.p);
	sy_source_free(&src);
}

static void order_and_checks(void)
{
	sy_writer *w;
	sy_error err;
	buf b = { NULL, 0, 0, -1 };
	sy_sourceinfo si = { 0 };
	sy_docfacts doc = { 0 };
	sy_section s = { 0 };
	sy_stat st = { 0 };

	si.path = "x.txt";
	si.encoding = "utf-8";
	si.chars = 10;
	snprintf(si.sha256, sizeof si.sha256, "%064d", 0);
	sy_writer_open(to_buf, &b, "buf", &w, &err);
	ok(sy_writer_section(w, &s, &err) == SY_ERR_USAGE,
	   "a section before the head is refused");
	sy_writer_free(w);

	b.n = 0;
	sy_writer_open(to_buf, &b, "buf", &w, &err);
	ok(sy_writer_head(w, &si, &doc, &err) == SY_OK, "head");
	st.id = "n1";
	st.text = "53宗";
	st.start = 5;
	st.end = 11;
	st.has_value = true;
	st.value = 53;
	ok(sy_writer_stat(w, &st, &err) == SY_ERR_FORMAT &&
	   strstr(err.msg, "beyond source.chars"),
	   "a span beyond source.chars is refused: %s", err.msg);
	sy_writer_free(w);

	b.n = 0;
	sy_writer_open(to_buf, &b, "buf", &w, &err);
	sy_writer_head(w, &si, &doc, &err);
	st.end = 8;
	ok(sy_writer_stat(w, &st, &err) == SY_OK, "a statistic");
	s.id = "s1";
	s.level = 1;
	s.marker = "一、";
	s.title = "t";
	ok(sy_writer_section(w, &s, &err) == SY_ERR_USAGE,
	   "a section after the statistics is refused");
	sy_writer_free(w);
	free(b.p);
}

int main(void)
{
	const char *top = getenv("top_srcdir");
	static const char *const samples[] = {
		"01_liuxi_town_2023.txt", "02_shiqiao_town_2022.txt",
		"03_songling_township_crlf.txt", "04_qinghe_county_2022.txt",
		"05_gb18030.txt",
	};
	char path[4096];

	for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
		snprintf(path, sizeof path, "%s/samples/%s", top ? top : ".", samples[i]);
		compare_sample(path);
	}
	write_failure(path);
	order_and_checks();
	return tap_done();
}
