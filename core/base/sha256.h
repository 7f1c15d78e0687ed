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

#endif
