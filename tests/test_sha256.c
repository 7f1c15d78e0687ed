/* test_sha256.c - core/base/sha256 (TAP): the FIPS 180-4 vectors through
 * each block function this machine runs (SHA-NI where the CPU has it, and
 * the portable C one, forced), the two against each other on random
 * lengths, splits and alignments, and which one is in use: on a CPU with
 * the SHA extensions the SHA-NI path must be the one taken.
 */
#include "base/sha256.h"
#include "tap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

static uint64_t rng = 0x2545F4914F6CDD1DULL;
static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 11);
}

static void sha_hex(const void *data, size_t n, char hex[65])
{
	sy_sha256 c;
	sy_sha256_init(&c);
	sy_sha256_update(&c, data, n);
	sy_sha256_hex(&c, hex);
}

/* Whether the CPU has SHA, SSSE3 and SSE4.1, asked apart from sha256.c:
 * through the compiler's own CPU model where it knows "sha" (gcc), else
 * CPUID here.  0 off x86. */
static int cpu_has_sha(void)
{
#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__) && \
	!defined(__clang__)
	__builtin_cpu_init();
	return __builtin_cpu_supports("sha") && __builtin_cpu_supports("ssse3") &&
	       __builtin_cpu_supports("sse4.1");
#elif defined(__x86_64__) || defined(__i386__)
	unsigned a, b, c, d, sse = 0;
	if (__get_cpuid(1, &a, &b, &c, &d))
		sse = (c & bit_SSSE3) && (c & bit_SSE4_1);
	return sse && __get_cpuid_max(0, NULL) >= 7 &&
	       __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b >> 29) & 1;
#else
	return 0;
#endif
}

/* The FIPS 180-4 vectors and the incremental checks, through the path in
 * use (named WHAT). */
static void vectors(const char *what)
{
	static const char *const m448 =
		"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	static const char *const m896 =
		"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
		"hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
	char hex[65], want[65];
	sy_sha256 c;
	unsigned char *buf = malloc(1000000);
	size_t i, n;
	int same;

	if (!buf) {
		ok(0, "%s: allocate 1 MB", what);
		return;
	}
	sha_hex("", 0, hex);
	is_str(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	       "%s: sha256 of the empty string", what);
	sha_hex("abc", 3, hex);
	is_str(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	       "%s: sha256(\"abc\")", what);
	sha_hex(m448, strlen(m448), hex);
	is_str(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
	       "%s: sha256 of the 448-bit FIPS vector", what);
	sha_hex(m896, strlen(m896), hex);
	is_str(hex, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
	       "%s: sha256 of the 896-bit FIPS vector", what);

	/* one million 'a': at once, and in uneven pieces */
	memset(buf, 'a', 1000000);
	sha_hex(buf, 1000000, hex);
	is_str(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
	       "%s: sha256 of a million 'a'", what);
	sy_sha256_init(&c);
	for (i = 0, n = 1; i < 1000000; i += n, n = n * 7 % 1013 + 1) {
		if (n > 1000000 - i)
			n = 1000000 - i;
		sy_sha256_update(&c, buf + i, n);
	}
	sy_sha256_hex(&c, hex);
	is_str(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
	       "%s: sha256 of a million 'a' in uneven pieces", what);

	/* every length 0..300 and a split anywhere give the one-shot value */
	for (i = 0; i < 1000; ++i)
		buf[i] = (unsigned char)rnd();
	same = 1;
	for (n = 0; n <= 300 && same; ++n) {
		size_t cut = n ? rnd() % (n + 1) : 0;
		sha_hex(buf, n, want);
		sy_sha256_init(&c);
		sy_sha256_update(&c, buf, cut);
		sy_sha256_update(&c, buf + cut, n - cut);
		sy_sha256_hex(&c, hex);
		same = strcmp(hex, want) == 0;
		if (!same)
			diag("length %zu cut at %zu", n, cut);
	}
	ok(same, "%s: sha256 incremental = one shot for lengths 0..300", what);
	free(buf);
}

/* Hash the N bytes at P in 1..8 update calls cut at random places. */
static void sha_pieces(const unsigned char *p, size_t n, char hex[65])
{
	sy_sha256 c;
	int pieces = 1 + (int)(rnd() % 8);

	sy_sha256_init(&c);
	while (--pieces > 0 && n) {
		size_t k = rnd() % (n + 1);
		sy_sha256_update(&c, p, k);
		p += k;
		n -= k;
	}
	sy_sha256_update(&c, p, n);
	sy_sha256_hex(&c, hex);
}

/* The path in use (hardware where there is one) against the portable
 * code: random bytes, lengths 0..4096, start addresses off by 0..15, and
 * random splits across update calls on each side. */
static void against_portable(void)
{
	enum { ROUNDS = 3000, MAXLEN = 4096 };
	unsigned char *buf = malloc(MAXLEN + 16);
	char hw[65], pc[65];
	const char *impl = sy_sha256_impl();
	int r, bad = 0, hw_split = 0;
	size_t i;

	if (!buf) {
		ok(0, "allocate the random inputs");
		return;
	}
	for (r = 0; r < ROUNDS && !bad; ++r) {
		size_t n = r < 200 ? (size_t)r : rnd() % (MAXLEN + 1);
		const unsigned char *p = buf + rnd() % 16;
		for (i = 0; i < MAXLEN + 16; i += 4) {
			uint32_t x = rnd();
			memcpy(buf + i, &x, 4);
		}
		sha_pieces(p, n, hw);
		sy_sha256_force_portable(1);
		sha_pieces(p, n, pc);
		sy_sha256_force_portable(0);
		if (strcmp(hw, pc)) {
			bad = 1;
			diag("length %zu at offset %d: %s %s, portable %s", n,
			     (int)(p - buf), impl, hw, pc);
		}
	}
	ok(!bad && r == ROUNDS,
	   "%s = portable on %d random inputs (lengths 0..4096, splits, offsets)",
	   impl, r);

	/* one hash whose blocks go through both paths in turn: the state
	 * between blocks is the same for both */
	for (r = 0; r < 50 && !bad; ++r) {
		size_t n = rnd() % (MAXLEN + 1), off = 0;
		sy_sha256 c;
		int portable = 0;
		sha_hex(buf, n, pc);
		sy_sha256_init(&c);
		while (off < n) {
			size_t k = 1 + rnd() % 300;
			if (k > n - off)
				k = n - off;
			sy_sha256_force_portable(portable);
			sy_sha256_update(&c, buf + off, k);
			off += k;
			portable = !portable;
			hw_split += k >= 64;
		}
		sy_sha256_force_portable(0);
		sy_sha256_hex(&c, hw);
		bad = strcmp(hw, pc) != 0;
	}
	ok(!bad && hw_split > 0,
	   "%s and portable in turn within one hash (%d pieces of a block or more)",
	   impl, hw_split);
	free(buf);
}

/* Which path is taken, and the ways to force the portable one. */
static void paths(void)
{
	int cpu = cpu_has_sha();
	const char *want = cpu ? "sha-ni" : "portable";
	char name[64];

	diag("CPU %s the SHA extensions; this build %s the SHA-NI path; in use: %s",
	     cpu ? "has" : "lacks", sy_sha256_has_shani() ? "has" : "lacks",
	     sy_sha256_impl());
#if defined(__x86_64__) || defined(__i386__)
	ok(sy_sha256_has_shani(), "x86 build: the SHA-NI path is compiled in");
#else
	ok(!sy_sha256_has_shani(), "not x86: no SHA-NI path compiled in");
#endif
	is_str(sy_sha256_impl(), want,
	       "path in use: %s (the CPU %s SHA-NI)", want, cpu ? "has" : "lacks");

	sy_sha256_force_portable(1);
	is_str(sy_sha256_impl(), "portable", "forced: portable");
	sy_sha256_force_portable(0);
	is_str(sy_sha256_impl(), want, "forced no more: %s again", want);

	setenv("SHENYUE_SHA256", "portable", 1);
	sy_sha256_force_portable(0); /* decide again, with the variable */
	is_str(sy_sha256_impl(), "portable", "SHENYUE_SHA256=portable: portable");
	unsetenv("SHENYUE_SHA256");
	sy_sha256_force_portable(0);
	snprintf(name, sizeof name, "%s", sy_sha256_impl());
	is_str(name, want, "without SHENYUE_SHA256: %s", want);
}

int main(void)
{
	/* the first hash decides the path: not from the caller's variable */
	unsetenv("SHENYUE_SHA256");

	paths();
	vectors(sy_sha256_impl());
	sy_sha256_force_portable(1);
	vectors("portable (forced)");
	sy_sha256_force_portable(0);
	against_portable();
	return tap_done();
}
