/* standalone.c - replay files through a fuzz target without libFuzzer.
 *
 *   replay_X FILE...
 *
 * Links with one fuzz/fuzz_X.c and the core library: each FILE is read
 * whole and handed to LLVMFuzzerTestOneInput, as libFuzzer would.  A
 * broken invariant aborts (the target calls abort()), and a sanitizer
 * build stops on memory errors, so the exit status tells: 0 when every
 * file went through, 1 when a file could not be read.  fuzz/regress.sh
 * runs it once per file and prints TAP.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Read PATH whole into a malloc'd buffer (*N bytes).  NULL on failure,
 * with errno. */
static unsigned char *read_all(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL, *p;
	size_t cap = 0, len = 0, got;

	if (!f)
		return NULL;
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			if (!(p = realloc(buf, cap))) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			buf = p;
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		errno = EIO;
		return NULL;
	}
	fclose(f);
	*n = len;
	return buf;
}

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		size_t n = 0;
		unsigned char *buf = read_all(argv[i], &n);

		if (!buf) {
			fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		/* a copy of exactly N bytes, so that ASan sees any read past
		 * the end as libFuzzer's runs would */
		unsigned char *exact = malloc(n ? n : 1);
		if (!exact) {
			fprintf(stderr, "%s: out of memory\n", argv[i]);
			free(buf);
			return 1;
		}
		memcpy(exact, buf, n);
		free(buf);
		LLVMFuzzerTestOneInput(exact, n);
		free(exact);
		fprintf(stderr, "%s: ok (%zu bytes)\n", argv[i], n);
	}
	return status;
}
