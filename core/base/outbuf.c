/* outbuf.c - a growing output buffer (outbuf.h). */
#include "base/outbuf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

bool sy_outbuf_reserve(sy_outbuf *o, size_t more)
{
	size_t cap;
	char *p;

	if (o->p && more < o->cap - o->n)
		return true;
	cap = o->cap ? o->cap : 4096;
	while (cap - o->n <= more) {
		if (cap > SIZE_MAX / 2 || more > SIZE_MAX / 2) {
			o->oom = true;
			return false;
		}
		cap *= 2;
	}
	p = realloc(o->p, cap);
	if (!p) {
		o->oom = true;
		return false;
	}
	o->p = p;
	o->cap = cap;
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
