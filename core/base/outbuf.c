/* outbuf.c - a growing output buffer (outbuf.h). */
#include "base/outbuf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

bool sy_outbuf_reserve(sy_outbuf *o, size_t more)
{
	if (o->p && more < o->cap - o->n)
		return true;
	/* MORE bytes and the NUL */
	if (more > SIZE_MAX / 2 ||
	    sy_reserve(&o->p, o->n, more + 1, &o->cap, 1, 4096) < 0) {
		o->oom = true;
		return false;
	}
	return true;
}

bool sy_outbuf_add(sy_outbuf *o, const void *p, size_t n)
{
	if (!sy_outbuf_reserve(o, n))
		return false;
	if (n)
		memcpy(o->p + o->n, p, n);
	o->n += n;
	o->p[o->n] = '\0';
	return true;
}
