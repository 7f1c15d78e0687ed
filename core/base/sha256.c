/* sha256.c - see sha256.h.  FIPS 180-4 SHA-256, no external library.
 *
 * The block function is portable C; on x86 (32- and 64-bit) built with gcc
 * (5 or later) or clang a second one using the SHA extensions (SHA-NI) is
 * chosen at run time when the CPU has them: about 10 times faster, and
 * only that function is compiled for those instructions, so the rest
 * runs on the baseline CPU.  Valgrind's CPU has no SHA extensions, so
 * under callgrind the portable code runs.  Nothing here allocates or
 * fails.
 */
#include "base/sha256.h"

#include <stdlib.h>
#include <string.h>

#if (defined(__x86_64__) || defined(__i386__)) &&                     \
	(defined(__clang__) || (defined(__GNUC__) && __GNUC__ >= 5)) && \
	!defined(SY_SHA256_PORTABLE)
#define SY_SHA_NI 1
#include <cpuid.h>
#include <immintrin.h>
#endif
#include <stdatomic.h>

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
#define S0(x) (ROR(x, 2) ^ ROR(x, 13) ^ ROR(x, 22))
#define S1(x) (ROR(x, 6) ^ ROR(x, 11) ^ ROR(x, 25))
#define s0(x) (ROR(x, 7) ^ ROR(x, 18) ^ ((x) >> 3))
#define s1(x) (ROR(x, 17) ^ ROR(x, 19) ^ ((x) >> 10))
/* CH and MAJ in 3 and 4 operations (the FIPS forms take 4 and 5). */
#define CH(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))
#define MAJ(x, y, z) (((x) & (y)) | ((z) & ((x) | (y))))

static inline uint32_t be32(const unsigned char *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
	       ((uint32_t)p[2] << 8) | p[3];
}

/* One round on the working variables as named (the caller names them in
 * turn, so no variable moves): D and H change. */
#define ROUND(a, b, c, d, e, f, g, h, k, w)                          \
	do {                                                         \
		uint32_t t1_ = (h) + S1(e) + CH(e, f, g) + (k) + (w); \
		(d) += t1_;                                          \
		(h) = t1_ + S0(a) + MAJ(a, b, c);                    \
	} while (0)
/* Sixteen rounds from round I: message word J is X(J), a word of the
 * block (rounds 0-15) or the next word of the schedule (W(J)). */
#define ROUNDS16(I, X)                                               \
	do {                                                         \
		ROUND(a, b, c, d, e, f, g, hh, K[(I) + 0], X(0));   \
		ROUND(hh, a, b, c, d, e, f, g, K[(I) + 1], X(1));   \
		ROUND(g, hh, a, b, c, d, e, f, K[(I) + 2], X(2));   \
		ROUND(f, g, hh, a, b, c, d, e, K[(I) + 3], X(3));   \
		ROUND(e, f, g, hh, a, b, c, d, K[(I) + 4], X(4));   \
		ROUND(d, e, f, g, hh, a, b, c, K[(I) + 5], X(5));   \
		ROUND(c, d, e, f, g, hh, a, b, K[(I) + 6], X(6));   \
		ROUND(b, c, d, e, f, g, hh, a, K[(I) + 7], X(7));   \
		ROUND(a, b, c, d, e, f, g, hh, K[(I) + 8], X(8));   \
		ROUND(hh, a, b, c, d, e, f, g, K[(I) + 9], X(9));   \
		ROUND(g, hh, a, b, c, d, e, f, K[(I) + 10], X(10)); \
		ROUND(f, g, hh, a, b, c, d, e, K[(I) + 11], X(11)); \
		ROUND(e, f, g, hh, a, b, c, d, K[(I) + 12], X(12)); \
		ROUND(d, e, f, g, hh, a, b, c, K[(I) + 13], X(13)); \
		ROUND(c, d, e, f, g, hh, a, b, K[(I) + 14], X(14)); \
		ROUND(b, c, d, e, f, g, hh, a, K[(I) + 15], X(15)); \
	} while (0)
/* The block's word J, kept in w[J]. */
#define LOAD(j) (w[j] = be32(p + 4 * (j)))
/* The schedule in a ring of 16 words: the word 16 on from w[J]. */
#define NEXT(j)                                                        \
	(w[j] += s1(w[((j) + 14) & 15]) + w[((j) + 9) & 15] +          \
		 s0(w[((j) + 1) & 15]))

/* Process NBLOCKS consecutive 64-byte blocks at P: about 45 instructions
 * a byte on x86-64 (62 with a 64-word schedule and moved variables). */
static void blocks_portable(uint32_t h[8], const unsigned char *p,
			    size_t nblocks)
{
	for (; nblocks; --nblocks, p += 64) {
		uint32_t w[16], a, b, c, d, e, f, g, hh;
		int i;

		a = h[0]; b = h[1]; c = h[2]; d = h[3];
		e = h[4]; f = h[5]; g = h[6]; hh = h[7];
		ROUNDS16(0, LOAD);
		for (i = 16; i < 64; i += 16)
			ROUNDS16(i, NEXT);
		h[0] += a; h[1] += b; h[2] += c; h[3] += d;
		h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
	}
}
#undef NEXT
#undef LOAD
#undef ROUNDS16
#undef ROUND

#ifdef SY_SHA_NI
/* SHA-NI block function, after Intel's "Intel SHA Extensions" white paper
 * (Gulley et al., 2013) sample code. */
__attribute__((target("sha,sse4.1,ssse3")))
static void blocks_shani(uint32_t h[8], const unsigned char *p, size_t nblocks)
{
	const __m128i MASK =
		_mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
	__m128i STATE0, STATE1, MSG, TMP, MSG0, MSG1, MSG2, MSG3;
	__m128i ABEF_SAVE, CDGH_SAVE;

	TMP = _mm_loadu_si128((const __m128i *)(const void *)&h[0]);
	STATE1 = _mm_loadu_si128((const __m128i *)(const void *)&h[4]);
	TMP = _mm_shuffle_epi32(TMP, 0xB1);          /* CDAB */
	STATE1 = _mm_shuffle_epi32(STATE1, 0x1B);    /* EFGH */
	STATE0 = _mm_alignr_epi8(TMP, STATE1, 8);    /* ABEF */
	STATE1 = _mm_blend_epi16(STATE1, TMP, 0xF0); /* CDGH */

#define KV(i) _mm_loadu_si128((const __m128i *)(const void *)&K[i])
/* Four rounds using message words M (already W[i..i+3] + K). */
#define RND4(M)                                                    \
	do {                                                       \
		MSG = (M);                                         \
		STATE1 = _mm_sha256rnds2_epu32(STATE1, STATE0, MSG); \
		MSG = _mm_shuffle_epi32(MSG, 0x0E);                \
		STATE0 = _mm_sha256rnds2_epu32(STATE0, STATE1, MSG); \
	} while (0)
/* Rounds for message vector A at K offset I, and the schedule step
 * computing the next vector into B from A and D (the last two steps of
 * the schedule stop here). */
#define STEP_LAST(I, A, B, D)                                      \
	do {                                                       \
		MSG = _mm_add_epi32(A, KV(I));                     \
		STATE1 = _mm_sha256rnds2_epu32(STATE1, STATE0, MSG); \
		TMP = _mm_alignr_epi8(A, D, 4);                    \
		B = _mm_add_epi32(B, TMP);                         \
		B = _mm_sha256msg2_epu32(B, A);                    \
		MSG = _mm_shuffle_epi32(MSG, 0x0E);                \
		STATE0 = _mm_sha256rnds2_epu32(STATE0, STATE1, MSG); \
	} while (0)
/* STEP_LAST, and the first half of the schedule step after it into D
 * (C, the vector after A, is named for reading the calls). */
#define STEP(I, A, B, C, D)                                        \
	do {                                                       \
		STEP_LAST(I, A, B, D);                             \
		D = _mm_sha256msg1_epu32(D, A);                    \
	} while (0)

	for (; nblocks; --nblocks, p += 64) {
		ABEF_SAVE = STATE0;
		CDGH_SAVE = STATE1;

		/* rounds 0-3 */
		MSG0 = _mm_shuffle_epi8(
			_mm_loadu_si128((const __m128i *)(const void *)(p + 0)), MASK);
		RND4(_mm_add_epi32(MSG0, KV(0)));
		/* rounds 4-7 */
		MSG1 = _mm_shuffle_epi8(
			_mm_loadu_si128((const __m128i *)(const void *)(p + 16)), MASK);
		RND4(_mm_add_epi32(MSG1, KV(4)));
		MSG0 = _mm_sha256msg1_epu32(MSG0, MSG1);
		/* rounds 8-11 */
		MSG2 = _mm_shuffle_epi8(
			_mm_loadu_si128((const __m128i *)(const void *)(p + 32)), MASK);
		RND4(_mm_add_epi32(MSG2, KV(8)));
		MSG1 = _mm_sha256msg1_epu32(MSG1, MSG2);
		/* rounds 12-15 */
		MSG3 = _mm_shuffle_epi8(
			_mm_loadu_si128((const __m128i *)(const void *)(p + 48)), MASK);
		STEP(12, MSG3, MSG0, MSG1, MSG2);
		/* rounds 16-51: the schedule rotates through MSG0..MSG3 */
		STEP(16, MSG0, MSG1, MSG2, MSG3);
		STEP(20, MSG1, MSG2, MSG3, MSG0);
		STEP(24, MSG2, MSG3, MSG0, MSG1);
		STEP(28, MSG3, MSG0, MSG1, MSG2);
		STEP(32, MSG0, MSG1, MSG2, MSG3);
		STEP(36, MSG1, MSG2, MSG3, MSG0);
		STEP(40, MSG2, MSG3, MSG0, MSG1);
		STEP(44, MSG3, MSG0, MSG1, MSG2);
		STEP(48, MSG0, MSG1, MSG2, MSG3);
		/* rounds 52-59 */
		STEP_LAST(52, MSG1, MSG2, MSG0);
		STEP_LAST(56, MSG2, MSG3, MSG1);
		/* rounds 60-63 */
		RND4(_mm_add_epi32(MSG3, KV(60)));

		STATE0 = _mm_add_epi32(STATE0, ABEF_SAVE);
		STATE1 = _mm_add_epi32(STATE1, CDGH_SAVE);
	}
#undef STEP
#undef STEP_LAST
#undef RND4
#undef KV

	TMP = _mm_shuffle_epi32(STATE0, 0x1B);       /* FEBA */
	STATE1 = _mm_shuffle_epi32(STATE1, 0xB1);    /* DCHG */
	STATE0 = _mm_blend_epi16(TMP, STATE1, 0xF0); /* DCBA */
	STATE1 = _mm_alignr_epi8(STATE1, TMP, 8);    /* ABEF */
	_mm_storeu_si128((__m128i *)(void *)&h[0], STATE0);
	_mm_storeu_si128((__m128i *)(void *)&h[4], STATE1);
}

/* The CPU has SHA, SSSE3 and SSE4.1. */
static int cpu_has_shani(void)
{
	unsigned a, b, c, d, sse = 0, sha = 0;

	if (__get_cpuid(1, &a, &b, &c, &d))
		sse = (c & bit_SSSE3) && (c & bit_SSE4_1);
	if (__get_cpuid_max(0, NULL) >= 7 &&
	    __get_cpuid_count(7, 0, &a, &b, &c, &d))
		sha = (b >> 29) & 1; /* CPUID.7.0:EBX.SHA */
	return sse && sha;
}
#endif

enum { PATH_UNDECIDED = -1, PATH_PORTABLE, PATH_SHANI };

/* The path in use; racing threads decide and store the same value. */
static _Atomic int path = PATH_UNDECIDED;

static int decide(void)
{
	int v = atomic_load_explicit(&path, memory_order_relaxed);

	if (v == PATH_UNDECIDED) {
		const char *env = getenv("SHENYUE_SHA256");
		v = PATH_PORTABLE;
#ifdef SY_SHA_NI
		if (!(env && strcmp(env, "portable") == 0) && cpu_has_shani())
			v = PATH_SHANI;
#else
		(void)env;
#endif
		atomic_store_explicit(&path, v, memory_order_relaxed);
	}
	return v;
}

const char *sy_sha256_impl(void)
{
	return decide() == PATH_SHANI ? "sha-ni" : "portable";
}

int sy_sha256_has_shani(void)
{
#ifdef SY_SHA_NI
	return 1;
#else
	return 0;
#endif
}

void sy_sha256_force_portable(int on)
{
	atomic_store_explicit(&path, on ? PATH_PORTABLE : PATH_UNDECIDED,
			      memory_order_relaxed);
}

static void blocks(uint32_t h[8], const unsigned char *p, size_t nblocks)
{
#ifdef SY_SHA_NI
	if (decide() == PATH_SHANI) {
		blocks_shani(h, p, nblocks);
		return;
	}
#endif
	blocks_portable(h, p, nblocks);
}

void sy_sha256_init(sy_sha256 *c)
{
	static const uint32_t H0[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};
	memcpy(c->h, H0, sizeof H0);
	c->nbytes = 0;
	c->nbuf = 0;
}

/* Feed N bytes at DATA (may be NULL when N is 0). */
void sy_sha256_update(sy_sha256 *c, const void *data, size_t n)
{
	const unsigned char *p = data;

	if (n == 0)
		return;
	c->nbytes += n;
	if (c->nbuf) {
		size_t take = 64 - c->nbuf;
		if (take > n)
			take = n;
		memcpy(c->buf + c->nbuf, p, take);
		c->nbuf += take;
		p += take;
		n -= take;
		if (c->nbuf < 64)
			return;
		blocks(c->h, c->buf, 1);
		c->nbuf = 0;
	}
	if (n >= 64) {
		blocks(c->h, p, n / 64);
		p += n / 64 * 64;
		n %= 64;
	}
	if (n) {
		memcpy(c->buf, p, n);
		c->nbuf = n;
	}
}

/* Finish: pads, writes 64 lowercase hex digits and a NUL to HEX.  C is
 * spent afterwards (call sy_sha256_init to reuse it). */
void sy_sha256_hex(sy_sha256 *c, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	uint64_t bits = c->nbytes * 8;
	int i;

	c->buf[c->nbuf++] = 0x80;
	if (c->nbuf > 56) {
		memset(c->buf + c->nbuf, 0, 64 - c->nbuf);
		blocks(c->h, c->buf, 1);
		c->nbuf = 0;
	}
	memset(c->buf + c->nbuf, 0, 56 - c->nbuf);
	for (i = 0; i < 8; ++i)
		c->buf[56 + i] = (unsigned char)(bits >> (56 - 8 * i));
	blocks(c->h, c->buf, 1);
	c->nbuf = 0;

	for (i = 0; i < 32; ++i) {
		unsigned char byte = (unsigned char)(c->h[i / 4] >> (24 - 8 * (i % 4)));
		hex[2 * i] = digits[byte >> 4];
		hex[2 * i + 1] = digits[byte & 15];
	}
	hex[64] = '\0';
}
