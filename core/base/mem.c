/* mem.c - see mem.h */
#include "base/mem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

char *sy_strdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

int sy_reserve(void *arrp, size_t n, size_t more, size_t *cap, size_t size,
	       size_t first)
{
	size_t ncap = *cap ? *cap : first ? first : 16;
	void *p;

	if (more > SIZE_MAX - n)
		return -1;
	if (n + more <= *cap)
		return 0;
	while (ncap < n + more) {
		if (ncap > SIZE_MAX / 2)
			return -1;
		ncap *= 2;
	}
	if (ncap > SIZE_MAX / size)
		return -1;
	/* the pointer is read and written as bytes: ARRP may point at any
	 * object pointer type */
	memcpy(&p, arrp, sizeof p);
	p = realloc(p, ncap * size);
	if (!p)
		return -1;
	memcpy(arrp, &p, sizeof p);
	*cap = ncap;
	return 0;
}

int sy_grow(void **v, size_t n, size_t *cap, size_t size)
{
	return sy_reserve(v, n, 1, cap, size, 16);
}
