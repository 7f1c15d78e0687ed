/* outbuf.h - a growing output buffer of bytes (outbuf.c). */
#ifndef SY_OUTBUF_H
#define SY_OUTBUF_H

#include <stdbool.h>
#include <stddef.h>

/* A growing output buffer; P (malloc'd, owned by the holder) is kept
 * NUL-terminated once anything was added. */
typedef struct sy_outbuf {
	char *p;
	size_t n, cap;
	bool oom;              /* a growth failed */
} sy_outbuf;

/* Room for MORE bytes and a NUL after N.  False (and O->oom) when memory
 * ran out; O is unchanged then. */
bool sy_outbuf_reserve(sy_outbuf *o, size_t more);

/* Append P[0..N).  False when memory ran out. */
bool sy_outbuf_add(sy_outbuf *o, const void *p, size_t n);

#endif
