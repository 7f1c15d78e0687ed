/* test_base.c - the helpers of core/base that the layers above share:
 * growing arrays (mem.h), file names (path.h), reading a whole file
 * (fileopen.h) and the index of ids (hash.h).
 *
 * Works on real files in a fresh folder made with mkdtemp (TMPDIR or
 * /tmp) and on a real pipe, which tells no size.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"
#include "base/fdio.h"
#include "base/fileopen.h"
#include "base/hash.h"
#include "base/mem.h"
#include "base/utf8.h"
#include "base/path.h"

static void test_mem(void)
{
	int *v = NULL;
	size_t n = 0, cap = 0, i, caps = 0, last = 0;
	bool all = true;
	char *s;
	int r;

	for (i = 0; i < 1000; i++) {
		if (SY_GROW(v, n, cap) < 0)
			break;
		if (cap != last)
			caps++, last = cap;
		v[n++] = (int)i;
	}
	for (i = 0; i < n; i++)
		all = all && v[i] == (int)i;
	ok(n == 1000 && all, "SY_GROW: 1000 elements pushed, each kept");
	ok(cap == 1024 && caps == 7, "SY_GROW: 16 doubled to 1024 (%zu, %zu growths)",
	   cap, caps);
	ok(SY_RESERVE(v, n, 24, cap) == 0 && cap == 1024,
	   "SY_RESERVE: room already there, nothing done");
	r = SY_RESERVE(v, n, 5000, cap);
	ok(r == 0 && cap == 8192, "SY_RESERVE: 5000 more after 1000: 8192 (%zu)",
	   cap);
	ok(SY_RESERVE(v, n, SIZE_MAX - 10, cap) < 0 && cap == 8192 && v[999] == 999,
	   "SY_RESERVE: an overflowing request refused, the array unchanged");
	free(v);
	v = NULL, cap = 0;
	r = sy_reserve(&v, 0, 1, &cap, sizeof *v, 4);
	ok(r == 0 && cap == 4, "sy_reserve: the first capacity as asked (%zu)", cap);
	free(v);
	s = sy_strdup("审阅");
	ok(s && !strcmp(s, "审阅") && !sy_strdup(NULL), "sy_strdup: a copy; NULL for NULL");
	free(s);
}

static void join_is(const char *dir, const char *name, const char *want)
{
	char *p = sy_path_join(dir, name);

	is_str(p, want, "sy_path_join(\"%s\", \"%s\")", dir, name);
	free(p);
}

static void test_path(void)
{
	join_is("a/b", "c.yaml", "a/b/c.yaml");
	join_is("a/b/", "c.yaml", "a/b/c.yaml");
	join_is("/", "c", "/c");
	join_is("", "c", "/c");
	for (size_t i = 0; i < 3; i++) {
		static const char *const of[][2] = {
			{ "a/b/c.txt", "a/b" }, { "c.txt", "." }, { "/c", "/" },
		};
		char *d = sy_dir_of(of[i][0]);
		is_str(d, of[i][1], "sy_dir_of(\"%s\")", of[i][0]);
		free(d);
	}
}

/* Write N bytes of a pattern to PATH. */
static int write_file(const char *path, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644), r;
	char *b = malloc(n ? n : 1);

	for (size_t i = 0; b && i < n; i++)
		b[i] = (char)('a' + i % 26);
	r = fd >= 0 && b && sy_write_all(fd, b, n) == 0 ? 0 : -1;
	if (fd >= 0)
		close(fd);
	free(b);
	return r;
}

static bool pattern(const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (b[i] != (char)('a' + i % 26))
			return false;
	return b[n] == '\0';
}

static void test_read(const char *dir)
{
	char *path = sy_path_join(dir, "r.txt"), *buf;
	size_t len;
	sy_error err;
	int fd, p[2];
	bool missing;

	/* a file of the size fstat gives, and one larger than the hint */
	ok(write_file(path, 100000) == 0, "read: a file of 100000 bytes written");
	fd = open(path, O_RDONLY);
	ok(sy_read_fd(fd, 100000, SIZE_MAX, &buf, &len) == 0 && len == 100000 &&
	   pattern(buf, len), "sy_read_fd: all of it, NUL after");
	free(buf);
	lseek(fd, 0, SEEK_SET);
	ok(sy_read_fd(fd, 10, SIZE_MAX, &buf, &len) == 0 && len == 100000 &&
	   pattern(buf, len), "sy_read_fd: more than the hint said");
	free(buf);
	lseek(fd, 0, SEEK_SET);
	ok(sy_read_fd(fd, 100000, 99999, &buf, &len) < 0 && errno == EFBIG && !buf,
	   "sy_read_fd: one byte over the bound: EFBIG");
	close(fd);

	/* a pipe tells no size */
	if (pipe(p) == 0) {
		ok(write(p[1], "abcdefghij", 10) == 10, "read: 10 bytes into a pipe");
		close(p[1]);
		ok(sy_read_fd(p[0], 0, 1000, &buf, &len) == 0 && len == 10 &&
		   pattern(buf, len), "sy_read_fd: a pipe, no hint");
		free(buf);
		close(p[0]);
	} else {
		ok(0, "pipe: %s", strerror(errno));
	}

	ok(sy_read_regular(path, SY_MAX_FILE_BYTES, &buf, &len, NULL, &err) == SY_OK &&
	   len == 100000 && pattern(buf, len), "sy_read_regular: the whole file");
	free(buf);
	ok(sy_read_regular(path, 1024, &buf, &len, NULL, &err) == SY_ERR_LIMIT &&
	   strstr(err.msg, "larger than 1 KiB; refused") && !buf,
	   "sy_read_regular: over its bound: %s", err.msg);
	unlink(path);
	ok(sy_read_regular(path, 1024, &buf, &len, &missing, &err) == SY_OK &&
	   missing && !buf, "sy_read_regular: a missing file, told");
	ok(sy_read_regular(dir, 1024, &buf, &len, NULL, &err) == SY_ERR_IO &&
	   strstr(err.msg, "is a folder"), "sy_read_regular: a folder refused: %s",
	   err.msg);
	free(path);
}

static const char *id_at(const void *items, size_t i)
{
	return ((const char *const *)items)[i];
}

static void test_ids(void)
{
	const char *ids[] = { "s1", "s2", "n1", "s1", "n10", "n2" };
	sy_idindex x;
	size_t dup = 0, i, n = sizeof ids / sizeof *ids;
	bool all = true;

	ok(sy_idindex_init(&x, n, id_at, ids) == 0, "idindex: made");
	for (i = 0; i < n; i++)
		if (sy_idindex_add(&x, i) != SIZE_MAX)
			dup = i;
	ok(dup == 3, "idindex: the second s1 (3) is the one refused (%zu)", dup);
	for (i = 0; i < n; i++)
		all = all && sy_idindex_find(&x, ids[i]) == (i == 3 ? 0 : i);
	ok(all, "idindex: every id found at its first item");
	ok(sy_idindex_find(&x, "n3") == SIZE_MAX && sy_idindex_find(&x, NULL) == SIZE_MAX,
	   "idindex: an absent id, and NULL, not found");
	ok(sy_hash_str("s1") != sy_hash_str("s2") &&
	   sy_hash_str("") == SY_FNV_BASIS, "hash: FNV-1a of ids");
	sy_idindex_free(&x);
	ok(sy_idindex_find(&x, "s1") == SIZE_MAX, "idindex: freed, finds nothing");
}

/* sy_utf8_validate_count agrees with sy_utf8_validate and sy_utf8_count
 * (the popcount-free count) on mixed text, valid or broken. */
static void test_utf8_count(void)
{
	static const char *const pieces[] = {   /* the first 7 are valid */
		"abc", "审阅", "😀", "\xC3\xA9", "12345678", " ",
		"受理信访案件53宗", "\xE4\xB8", "\xFF", "\xED\xA0\x80", "\x80",
	};
	unsigned seed = 12345;
	int agree = 0, valid = 0;

	for (int round = 0; round < 2000; round++) {
		char buf[512];
		size_t n = 0, chars = 99, bad;
		int k = 1 + (int)(((seed = seed * 1103515245u + 12345u) >> 16) % 40);
		for (int j = 0; j < k; j++) {
			unsigned r = (seed = seed * 1103515245u + 12345u) >> 16;
			const char *p = pieces[r % (round % 2 ? 11 : 7)];
			size_t m = strlen(p);
			if (n + m < sizeof buf) {
				memcpy(buf + n, p, m);
				n += m;
			}
		}
		bad = sy_utf8_validate_count((const unsigned char *)buf, n, &chars);
		valid += bad == n;
		agree += bad == sy_utf8_validate((const unsigned char *)buf, n) &&
			 chars == sy_utf8_count(buf, bad);
	}
	ok(agree == 2000 && valid >= 1000 && valid < 2000,
	   "utf8: validate_count agrees with validate and count (%d of 2000; "
	   "%d valid)", agree, valid);
}

int main(void)
{
	const char *t = getenv("TMPDIR");
	char dir[4096];

	snprintf(dir, sizeof dir, "%s/sy-base.XXXXXX", t && *t ? t : "/tmp");
	test_mem();
	test_path();
	if (mkdtemp(dir)) {
		test_read(dir);
		rmdir(dir);
	} else {
		ok(0, "mkdtemp %s: %s", dir, strerror(errno));
	}
	test_ids();
	test_utf8_count();
	return tap_done();
}
