/* test_source.c - core/utf8 and core/source (TAP); sha256: test_sha256.c.
 *
 * Fixtures are written into a fresh directory made with mkdtemp under
 * $TMPDIR (or /tmp) and removed at the end.
 */
#include "base/error.h"
#include "base/sha256.h"
#include "text/source.h"
#include "tap.h"
#include "base/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static char tmpdir[4096];
static char paths[64][4200];
static int npaths;

/* Name of a fixture file in the temp dir (remembered for clean-up). */
static const char *fixture(const char *name)
{
	char *p = paths[npaths++];
	snprintf(p, sizeof paths[0], "%s/%s", tmpdir, name);
	return p;
}

static int write_file(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	int ok_ = f != NULL;
	if (f) {
		ok_ = fwrite(data, 1, n, f) == n;
		ok_ = (fclose(f) == 0) && ok_;
	}
	if (!ok_)
		diag("cannot write %s: %s", path, strerror(errno));
	return ok_;
}

static void sha_hex(const void *data, size_t n, char hex[65])
{
	sy_sha256 c;
	sy_sha256_init(&c);
	sy_sha256_update(&c, data, n);
	sy_sha256_hex(&c, hex);
}

static int is_zeroed(const sy_source *s)
{
	static const sy_source zero;
	return memcmp(s, &zero, sizeof zero) == 0;
}

/* Write BYTES to a fixture NAME, load it and expect failure CODE with the
 * message "PATH: " WANT. */
static void expect_refused(const char *name, const char *bytes, size_t n,
			   sy_status code, const char *want, const char *what)
{
	const char *p = fixture(name);
	sy_source s;
	sy_error e = { 0 };
	char full[2048];
	sy_status st;

	write_file(p, bytes, n);
	memset(&s, 0xAB, sizeof s); /* must come back zeroed */
	st = sy_source_load(p, &s, &e);
	snprintf(full, sizeof full, "%s: %s", p, want);
	ok(st == code && e.code == code && is_zeroed(&s),
	   "%s: refused with code %d, source zeroed", what, (int)code);
	is_str(e.msg, full, "%s: message", what);
}

/* Expected sha256 of a file via the sha256sum program; 0 if unavailable. */
static int sha256sum_of(const char *path, char hex[65])
{
	char cmd[4400];
	FILE *p;
	int got;

	snprintf(cmd, sizeof cmd, "sha256sum '%s' 2>/dev/null", path);
	p = popen(cmd, "r");
	if (!p)
		return 0;
	got = fscanf(p, "%64[0-9a-f]", hex) == 1 && strlen(hex) == 64;
	if (pclose(p) != 0)
		got = 0;
	return got;
}

static uint64_t rng = 0x9E3779B97F4A7C15ULL;
static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 11);
}

/* A random Unicode scalar value, weighted like a Chinese report. */
static uint32_t rnd_cp(void)
{
	uint32_t r = rnd() % 100;
	if (r < 70)
		return 0x4E00 + rnd() % (0x9FA5 - 0x4E00 + 1);
	if (r < 80)
		return '0' + rnd() % 10;
	if (r < 84)
		return 0x3002; /* 。 */
	if (r < 88)
		return 0xFF0C; /* ， */
	if (r < 91)
		return '\n';
	if (r < 92)
		return '\r';
	if (r < 95)
		return 0x20 + rnd() % 0x5F;
	if (r < 97)
		return 0x80 + rnd() % 0x780; /* 2-byte */
	if (r < 98)
		return 0x10000 + rnd() % 0x100000; /* 4-byte */
	r = 0xE000 + rnd() % 0x2000; /* 3-byte, past the surrogates */
	return r;
}

/* Reference validator: offset of the first bad sequence, byte by byte. */
static size_t slow_validate(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		size_t k = sy_utf8_decode(s + i, n - i, &cp);
		if (!k)
			return i;
		i += k;
	}
	return n;
}

/* ------------------------------------------------------------ utf8 */

static void test_utf8(void)
{
	static const uint32_t samples[] = {
		0, 'A', 0x7F, 0x80, 0xE9, 0x7FF, 0x800, 0x4E00, 0x53D7,
		0xD7FF, 0xE000, 0xFEFF, 0xFFFD, 0xFFFF, 0x10000, 0x1F600,
		0x10FFFF,
	};
	unsigned char b[8];
	char out[4];
	uint32_t cp = 0;
	size_t i, k;
	int good;

	ok(sy_utf8_decode((const unsigned char *)"A", 1, &cp) == 1 && cp == 'A',
	   "decode ASCII");
	ok(sy_utf8_decode((const unsigned char *)"\xC3\xA9", 2, &cp) == 2 &&
	   cp == 0xE9, "decode 2-byte U+00E9");
	ok(sy_utf8_decode((const unsigned char *)"\xE5\x8F\x97", 3, &cp) == 3 &&
	   cp == 0x53D7, "decode 3-byte U+53D7 受");
	ok(sy_utf8_decode((const unsigned char *)"\xF0\x9F\x98\x80", 4, &cp) ==
	   4 && cp == 0x1F600, "decode 4-byte U+1F600");
	ok(sy_utf8_decode((const unsigned char *)"\xC0\x80", 2, &cp) == 0 &&
	   sy_utf8_decode((const unsigned char *)"\xC1\xBF", 2, &cp) == 0,
	   "decode rejects overlong C0 80, C1 BF");
	ok(sy_utf8_decode((const unsigned char *)"\xE0\x80\x80", 3, &cp) == 0 &&
	   sy_utf8_decode((const unsigned char *)"\xE0\x9F\xBF", 3, &cp) == 0 &&
	   sy_utf8_decode((const unsigned char *)"\xF0\x80\x80\x80", 4, &cp) == 0 &&
	   sy_utf8_decode((const unsigned char *)"\xF0\x8F\xBF\xBF", 4, &cp) == 0,
	   "decode rejects overlong 3- and 4-byte forms");
	ok(sy_utf8_decode((const unsigned char *)"\xED\xA0\x80", 3, &cp) == 0 &&
	   sy_utf8_decode((const unsigned char *)"\xED\xBF\xBF", 3, &cp) == 0,
	   "decode rejects surrogates ED A0 80, ED BF BF");
	ok(sy_utf8_decode((const unsigned char *)"\xF4\x90\x80\x80", 4, &cp) == 0 &&
	   sy_utf8_decode((const unsigned char *)"\xF5\x80\x80\x80", 4, &cp) == 0 &&
	   sy_utf8_decode((const unsigned char *)"\xFF", 1, &cp) == 0,
	   "decode rejects > U+10FFFF (F4 90 80 80, F5.., FF)");
	ok(sy_utf8_decode((const unsigned char *)"\xE4\xB8", 2, &cp) == 0 &&
	   sy_utf8_decode((const unsigned char *)"\xE4\xB8\xADx", 2, &cp) == 0 &&
	   sy_utf8_decode((const unsigned char *)"\xF0\x9F\x98", 3, &cp) == 0,
	   "decode rejects truncated E4 B8 (and N cutting a sequence short)");
	ok(sy_utf8_decode((const unsigned char *)"\x80", 1, &cp) == 0 &&
	   sy_utf8_decode((const unsigned char *)"\xE4\x41\x80", 3, &cp) == 0,
	   "decode rejects a lone continuation byte and a bad continuation");
	ok(sy_utf8_decode((const unsigned char *)"\xED\x9F\xBF", 3, &cp) == 3 &&
	   cp == 0xD7FF &&
	   sy_utf8_decode((const unsigned char *)"\xEE\x80\x80", 3, &cp) == 3 &&
	   cp == 0xE000 &&
	   sy_utf8_decode((const unsigned char *)"\xF4\x8F\xBF\xBF", 4, &cp) == 4 &&
	   cp == 0x10FFFF,
	   "decode accepts U+D7FF, U+E000, U+10FFFF");

	good = 1;
	for (i = 0; i < sizeof samples / sizeof samples[0]; ++i) {
		uint32_t back = 0xFFFFFFFF;
		k = sy_utf8_encode(samples[i], out);
		memcpy(b, out, k);
		if (sy_utf8_decode(b, k, &back) != k || back != samples[i] ||
		    sy_utf8_validate(b, k) != k || sy_utf8_count(out, k) != 1) {
			diag("round trip failed for U+%04X", (unsigned)samples[i]);
			good = 0;
		}
	}
	for (i = 0; i < 100000 && good; ++i) {
		uint32_t c0 = rnd() % 0x110000, back = 0;
		if (c0 >= 0xD800 && c0 <= 0xDFFF)
			continue;
		k = sy_utf8_encode(c0, out);
		memcpy(b, out, k);
		good = sy_utf8_decode(b, k, &back) == k && back == c0;
	}
	ok(good, "encode/decode round trip (samples and 100000 random)");
	k = sy_utf8_encode(0xD800, out);
	ok(k == 3 && memcmp(out, "\xEF\xBF\xBD", 3) == 0 &&
	   sy_utf8_encode(0x110000, out) == 3,
	   "encode writes U+FFFD for a surrogate or > U+10FFFF");

	ok(sy_utf8_validate((const unsigned char *)"abc\x80" "def", 7) == 3,
	   "validate \"abc\\x80def\" = 3");
	ok(sy_utf8_validate((const unsigned char *)"\xE5\x8F\x97\xE7\x90\x86", 6)
	   == 6 && sy_utf8_validate((const unsigned char *)"", 0) == 0,
	   "validate returns N for valid input (and 0 for empty)");
	ok(sy_utf8_validate((const unsigned char *)"ab\xE5\x8F\x97\xE7\x90", 7)
	   == 5, "validate: truncated at the end -> offset of the lead byte");
	ok(sy_utf8_validate((const unsigned char *)"\xE5\x8F\x97\xED\xA0\x80", 6)
	   == 3, "validate: surrogate after a CJK char -> 3");
	{
		/* long ASCII runs (8-byte fast path), bad byte at each spot */
		unsigned char big[200];
		size_t at;
		good = 1;
		for (at = 0; at < 64 && good; ++at) {
			memset(big, 'x', sizeof big);
			memcpy(big + 100, "\xE4\xB8\xAD", 3);
			big[at == 0 ? 0 : 103 + at] = 0xFF;
			good = sy_utf8_validate(big, sizeof big) ==
			       (at == 0 ? 0 : 103 + at);
		}
		ok(good, "validate finds a bad byte anywhere in an ASCII run");
	}
	{
		/* random mixtures against a byte-by-byte reference */
		unsigned char r[256];
		int t;
		good = 1;
		for (t = 0; t < 20000 && good; ++t) {
			size_t n = 0, j, len = rnd() % 200;
			while (n + 4 <= len) {
				char e[4];
				size_t m = sy_utf8_encode(rnd_cp(), e);
				memcpy(r + n, e, m);
				n += m;
			}
			for (j = rnd() % 3; j; --j) /* some damage */
				if (n)
					r[rnd() % n] = (unsigned char)rnd();
			good = sy_utf8_validate(r, n) == slow_validate(r, n);
		}
		ok(good, "validate = byte-by-byte reference on 20000 random buffers");
	}
	{
		/* count against the number of code points encoded */
		char r[400];
		int t;
		good = 1;
		for (t = 0; t < 5000 && good; ++t) {
			size_t n = 0, cps = 0, len = rnd() % 390;
			while (n + 4 <= len) {
				n += sy_utf8_encode(rnd_cp(), r + n);
				++cps;
			}
			good = sy_utf8_count(r, n) == cps;
		}
		ok(good && sy_utf8_count("受理a\r\n", 9) == 5,
		   "count = code points encoded (5000 random strings)");
	}
}

/* ------------------------------------------------------------ source */

static void test_utf8_files(void)
{
	static const char body[] = "第一章 总则\r\n受理信访案件53宗。\n";
	char bom[sizeof body + 3], hex[65], want[65];
	const char *p;
	sy_source s;
	sy_error e = { 0 };
	sy_status st;
	size_t blen = sizeof body - 1;

	/* without BOM */
	p = fixture("plain.txt");
	write_file(p, body, blen);
	st = sy_source_load(p, &s, &e);
	ok(st == SY_OK, "UTF-8 file loads (%s)", st == SY_OK ? "ok" : e.msg);
	is_str(s.text, body, "UTF-8 text as is");
	ok(s.len == blen && s.text && s.text[s.len] == '\0',
	   "len = bytes (%zu), NUL-terminated", s.len);
	ok(s.chars == 19, "chars = 19, CR of CRLF counted (got %zu)", s.chars);
	is_str(sy_encoding_name(s.encoding), "utf-8", "encoding utf-8");
	is_str(s.path, p, "path copied");
	sha_hex(body, blen, want);
	is_str(s.sha256, want, "sha256 = sha256 of the file bytes");
	if (sha256sum_of(p, hex))
		is_str(s.sha256, hex, "sha256 agrees with sha256sum");
	else
		ok(1, "# SKIP sha256sum not available");
	sy_source_free(&s);
	ok(is_zeroed(&s), "sy_source_free zeroes");
	sy_source_free(&s); /* safe twice */

	/* with BOM */
	memcpy(bom, "\xEF\xBB\xBF", 3);
	memcpy(bom + 3, body, blen);
	p = fixture("bom.txt");
	write_file(p, bom, blen + 3);
	st = sy_source_load(p, &s, &e);
	ok(st == SY_OK, "UTF-8 file with BOM loads");
	is_str(s.text, body, "BOM stripped from text");
	ok(s.chars == 19 && s.len == blen, "chars exclude the BOM (%zu)",
	   s.chars);
	sha_hex(bom, blen + 3, want);
	is_str(s.sha256, want, "sha256 covers the bytes with the BOM");
	if (sha256sum_of(p, hex))
		is_str(s.sha256, hex, "BOM file sha256 agrees with sha256sum");
	else
		ok(1, "# SKIP sha256sum not available");
	sy_source_free(&s);

	/* CRLF only */
	p = fixture("crlf.txt");
	write_file(p, "a\r\nb\r\n", 6);
	st = sy_source_load(p, &s, &e);
	ok(st == SY_OK && s.chars == 6 && strcmp(s.text, "a\r\nb\r\n") == 0,
	   "CRLF kept and counted (chars %zu)", s.chars);
	sy_source_free(&s);
}

static void test_gb18030_files(void)
{
	/* "受理信访案件53宗" in GB18030 (iconv -f UTF-8 -t GB18030) */
	static const unsigned char gb[] = {
		0xca, 0xdc, 0xc0, 0xed, 0xd0, 0xc5, 0xb7, 0xc3, 0xb0, 0xb8,
		0xbc, 0xfe, 0x35, 0x33, 0xd7, 0xda,
	};
	/* "€😀ḿ" and U+0080: 2-byte, 4-byte supplementary, 2-byte, 4-byte BMP */
	static const unsigned char gb4[] = {
		0xa2, 0xe3, 0x94, 0x39, 0xfc, 0x36, 0xa8, 0xbc,
		0x81, 0x30, 0x81, 0x30, '\r', '\n',
	};
	/* GB18030 BOM (84 31 95 33) then "第一章" */
	static const unsigned char gbbom[] = {
		0x84, 0x31, 0x95, 0x33, 0xb5, 0xda, 0xd2, 0xbb, 0xd5, 0xc2,
	};
	char want[65];
	const char *p;
	sy_source s;
	sy_error e = { 0 };
	sy_status st;

	p = fixture("gbk.txt");
	write_file(p, gb, sizeof gb);
	st = sy_source_load(p, &s, &e);
	ok(st == SY_OK, "GB18030 file loads (%s)", st == SY_OK ? "ok" : e.msg);
	is_str(s.text, "受理信访案件53宗", "GB18030 decoded to UTF-8");
	ok(s.chars == 9 && s.len == strlen("受理信访案件53宗"),
	   "GB18030 chars = 9 (got %zu), len = UTF-8 bytes", s.chars);
	is_str(sy_encoding_name(s.encoding), "gb18030", "encoding gb18030");
	sha_hex(gb, sizeof gb, want);
	is_str(s.sha256, want, "GB18030 sha256 is of the raw bytes");
	sy_source_free(&s);

	p = fixture("gb4.txt");
	write_file(p, gb4, sizeof gb4);
	st = sy_source_load(p, &s, &e);
	ok(st == SY_OK && s.encoding == SY_ENC_GB18030 && s.chars == 6,
	   "GB18030 with 4-byte sequences loads, 6 chars (got %zu)", s.chars);
	is_str(s.text, "€😀ḿ\xC2\x80\r\n", "GB18030 4-byte sequences decoded");
	sy_source_free(&s);

	p = fixture("gbbom.txt");
	write_file(p, gbbom, sizeof gbbom);
	st = sy_source_load(p, &s, &e);
	ok(st == SY_OK && s.chars == 3 && s.text &&
	   strcmp(s.text, "第一章") == 0, "GB18030 BOM not counted");
	sy_source_free(&s);

	memset(&s, 0, sizeof s);
	st = sy_source_from_bytes("mem.txt", gb, sizeof gb, &s, &e);
	ok(st == SY_OK && s.encoding == SY_ENC_GB18030 && s.chars == 9 &&
	   s.path && strcmp(s.path, "mem.txt") == 0,
	   "sy_source_from_bytes decodes GB18030, copies the name");
	sy_source_free(&s);
}

static void test_refused(void)
{
	const char *p;
	char want[4400];
	sy_source s;
	sy_error e = { 0 };
	sy_status st;

	expect_refused("latin.txt", "abc\x80" "def", 7, SY_ERR_ENCODING,
		       "byte 3: invalid UTF-8 (and not GB18030 either)",
		       "abc\\x80def");
	expect_refused("ff.txt", "\xff\xff", 2, SY_ERR_ENCODING,
		       "byte 0: invalid UTF-8 (and not GB18030 either)",
		       "\\xff\\xff");
	expect_refused("cjkff.txt", "受理\xff", 7, SY_ERR_ENCODING,
		       "byte 6: invalid UTF-8 (and not GB18030 either)",
		       "UTF-8 then \\xff");
	expect_refused("gbtrunc.txt", "ab\xCA", 3, SY_ERR_ENCODING,
		       "byte 2: the file ends inside a character (cut short?); it is "
		       "neither UTF-8 nor GB18030 as it is",
		       "GB18030 lead byte cut off at the end");
	/* 中文 in GB18030, then a lead byte cut off: the error is at the
	 * cut (byte 6), not at the first byte that is not UTF-8 (2) */
	expect_refused("gbtrunc2.txt", "ab\xD6\xD0\xCE\xC4\xCA", 7, SY_ERR_ENCODING,
		       "byte 6: the file ends inside a character (cut short?); it is "
		       "neither UTF-8 nor GB18030 as it is",
		       "GB18030 text cut short: the error at the cut");
	expect_refused("gbbad.txt", "\xD6\xD0\xCE\xC4\xFF\x41", 6, SY_ERR_ENCODING,
		       "byte 4: invalid GB18030 (and not UTF-8 either, from byte 0)",
		       "GB18030 text with a bad byte: the error at that byte");
	expect_refused("bombad.txt", "\xEF\xBB\xBF" "ab\xB5\xDA", 7,
		       SY_ERR_ENCODING,
		       "byte 5: invalid UTF-8 (the file starts with a UTF-8 "
		       "byte-order mark)", "UTF-8 BOM then GB18030 bytes");
	expect_refused("nul.txt", "ab\0c", 4, SY_ERR_ENCODING,
		       "byte 2: NUL byte: binary file, not a text report",
		       "NUL byte");
	expect_refused("empty.txt", "", 0, SY_ERR_ENCODING, "empty file",
		       "empty file");
	expect_refused("bomonly.txt", "\xEF\xBB\xBF", 3, SY_ERR_ENCODING,
		       "empty file (only a byte-order mark)", "BOM-only file");
	expect_refused("utf16le.txt", "\xFF\xFE" "a\0b\0", 6, SY_ERR_ENCODING,
		       "UTF-16 is not supported; convert to UTF-8 "
		       "(iconv -f UTF-16 -t UTF-8)", "UTF-16LE BOM");
	expect_refused("utf16be.txt", "\xFE\xFF\0a\0b", 6, SY_ERR_ENCODING,
		       "UTF-16 is not supported; convert to UTF-8 "
		       "(iconv -f UTF-16 -t UTF-8)", "UTF-16BE BOM");

	p = fixture("no-such-file.txt");
	memset(&s, 0xAB, sizeof s);
	st = sy_source_load(p, &s, &e);
	snprintf(want, sizeof want, "%s: %s", p, strerror(ENOENT));
	ok(st == SY_ERR_IO && is_zeroed(&s), "nonexistent path: SY_ERR_IO");
	is_str(e.msg, want, "nonexistent path: path and strerror");

	memset(&s, 0xAB, sizeof s);
	st = sy_source_load(tmpdir, &s, &e);
	snprintf(want, sizeof want, "%s: is a folder", tmpdir);
	ok(st == SY_ERR_IO && is_zeroed(&s), "directory refused");
	is_str(e.msg, want, "directory: message");

	p = fixture("secret.txt");
	write_file(p, "abc", 3);
	if (geteuid() == 0) {
		ok(1, "# SKIP unreadable file: running as root");
	} else {
		size_t pl = strlen(p);
		chmod(p, 0);
		st = sy_source_load(p, &s, &e);
		memcpy(want, p, pl);
		snprintf(want + pl, sizeof want - pl, ": %s", strerror(EACCES));
		ok(st == SY_ERR_IO && strcmp(e.msg, want) == 0,
		   "unreadable file refused with strerror (%s)", e.msg);
		chmod(p, 0600);
	}

	memset(&s, 0xAB, sizeof s);
	st = sy_source_from_bytes("mem.bin", (const unsigned char *)"x\0", 2,
				  &s, &e);
	ok(st == SY_ERR_ENCODING && is_zeroed(&s) &&
	   strcmp(e.msg, "mem.bin: byte 1: NUL byte: binary file, not a text "
		  "report") == 0, "sy_source_from_bytes refuses NUL, zeroes");
	st = sy_source_from_bytes("mem.txt", NULL, 0, &s, &e);
	ok(st == SY_ERR_ENCODING && strcmp(e.msg, "mem.txt: empty file") == 0,
	   "sy_source_from_bytes refuses 0 bytes");
	st = sy_source_from_bytes("m", (const unsigned char *)"\xEF\xBB\xBFok",
				  5, &s, &e);
	ok(st == SY_OK && s.chars == 2 && strcmp(s.text, "ok") == 0,
	   "sy_source_from_bytes strips a BOM");
	sy_source_free(&s);
}

/* Resident-set high-water mark in kB from /proc (-1 if unknown). */
static long vm_kb(const char *field)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long v = -1;
	size_t fl = strlen(field);
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, field, fl) == 0 && line[fl] == ':')
			v = strtol(line + fl + 1, NULL, 10);
	fclose(f);
	return v;
}

static int reset_peak_rss(void)
{
	FILE *f = fopen("/proc/self/clear_refs", "w");
	int r;
	if (!f)
		return 0;
	r = fputs("5", f) >= 0;
	return (fclose(f) == 0) && r;
}

static void test_big_files(void)
{
	const size_t target = 50u * 1024 * 1024;
	char *buf, want[65];
	size_t n = 0, cps = 0;
	const char *p;
	sy_source s;
	sy_error e = { 0 };
	sy_status st;
	long base, peak;

	/* a 50 MB report, mostly Chinese, built from code points */
	buf = malloc(target + 8);
	while (n < target) {
		n += sy_utf8_encode(rnd_cp(), buf + n);
		++cps;
	}
	p = fixture("big.txt");
	write_file(p, buf, n);
	sha_hex(buf, n, want);
	free(buf);

	base = reset_peak_rss() ? vm_kb("VmRSS") : -1;
	st = sy_source_load(p, &s, &e);
	peak = base >= 0 ? vm_kb("VmHWM") : -1;
	ok(st == SY_OK && s.encoding == SY_ENC_UTF8 && s.len == n,
	   "50 MB UTF-8 report loads (%zu bytes)", n);
	ok(s.chars == cps, "50 MB report: chars = %zu (got %zu)", cps, s.chars);
	is_str(s.sha256, want, "50 MB report: sha256");
	if (peak >= 0 && base >= 0)
		ok((size_t)(peak - base) * 1024 < 3 * n + 8u * 1024 * 1024,
		   "50 MB report: peak memory for the load %ld MB < 3x size",
		   (peak - base) / 1024);
	else
		ok(1, "# SKIP no /proc peak-RSS reset");
	sy_source_free(&s);

	/* a single 1 MB line */
	buf = malloc(1024 * 1024 + 1);
	for (n = 0; n + 3 <= 1024 * 1024; n += 3)
		memcpy(buf + n, "法", 3);
	buf[n++] = '\n';
	p = fixture("oneline.txt");
	write_file(p, buf, n);
	st = sy_source_load(p, &s, &e);
	ok(st == SY_OK && s.len == n && s.chars == (n - 1) / 3 + 1 &&
	   memcmp(s.text, buf, n) == 0, "a single 1 MB line loads (%zu chars)",
	   s.chars);
	sy_source_free(&s);
	free(buf);
}

/* A FIFO (with no writer: it would block forever) and a link to a
 * device that never ends are refused before anything is read. */
static void test_special(void)
{
	const char *p = fixture("pipe.txt"), *z = fixture("zero.txt");
	sy_source s;
	sy_error e = { 0 };
	sy_status st;

	if (mkfifo(p, 0600) != 0) {
		ok(0, "mkfifo: %s", strerror(errno));
		return;
	}
	alarm(30);              /* a reader that blocks fails the test */
	st = sy_source_load(p, &s, &e);
	ok(st == SY_ERR_IO && strstr(e.msg, "not a regular file (a FIFO)") &&
	   strstr(e.msg, p), "a FIFO is refused without blocking: %s", e.msg);
	if (symlink("/dev/zero", z) != 0) {
		ok(0, "symlink: %s", strerror(errno));
		return;
	}
	st = sy_source_load(z, &s, &e);
	ok(st == SY_ERR_IO && strstr(e.msg, "character device"),
	   "a link to /dev/zero is refused before reading: %s", e.msg);
	alarm(0);
}

int main(void)
{
	const char *t = getenv("TMPDIR");
	int i;

	snprintf(tmpdir, sizeof tmpdir, "%s/test_source.XXXXXX",
		 t && *t ? t : "/tmp");
	if (!mkdtemp(tmpdir)) {
		printf("Bail out! mkdtemp %s: %s\n", tmpdir, strerror(errno));
		return 1;
	}

	test_utf8();
	test_utf8_files();
	test_gb18030_files();
	test_refused();
	test_big_files();
	test_special();
	is_str(sy_encoding_name(SY_ENC_UTF8), "utf-8", "sy_encoding_name utf-8");

	for (i = 0; i < npaths; ++i)
		unlink(paths[i]);
	if (rmdir(tmpdir) != 0)
		diag("rmdir %s: %s", tmpdir, strerror(errno));
	return tap_done();
}
