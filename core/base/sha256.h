/* sha256.h - FIPS 180-4 SHA-256, used for source.sha256. */
#ifndef SY_SHA256_H
#define SY_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct sy_sha256 {
	uint32_t h[8];
	uint64_t nbytes;
	unsigned char buf[64];
	size_t nbuf;
} sy_sha256;

void sy_sha256_init(sy_sha256 *c);
void sy_sha256_update(sy_sha256 *c, const void *data, size_t n);
/* Write 64 lowercase hex digits and a NUL to HEX. */
void sy_sha256_hex(sy_sha256 *c, char hex[65]);

/* The block function that hashes: "sha-ni" (the x86 SHA extensions) or
 * "portable" (plain C).  Decided at the first hash, or at this call if
 * earlier: SHA-NI when this build has that path and the CPU has the SHA,
 * SSSE3 and SSE4.1 extensions, unless SHENYUE_SHA256=portable is in the
 * environment (for measuring the portable code).  A static string. */
const char *sy_sha256_impl(void);
/* Whether this build has the SHA-NI path at all (x86 with gcc or clang). */
int sy_sha256_has_shani(void);
/* ON nonzero: hash with the portable code from now on; 0: back to the
 * choice above.  For tests and benchmarks; call it while no other thread
 * hashes. */
void sy_sha256_force_portable(int on);

#endif
