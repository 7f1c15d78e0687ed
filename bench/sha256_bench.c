/* sha256_bench.c - MB/s of SHA-256 (core/base/sha256.c) on a 100 MB
 * buffer, for each block function this machine can run: the one chosen
 * at run time (SHA-NI where the CPU has it) and the portable C one.
 *
 *   bench/sha256_bench [MB]        (a part of `make bench`)
 *
 * CPU time of the process (clock()), best of 3 runs per path: the machine
 * may be shared, and its wall clock then says little.  Prints one line
 * per path and the digests, which must agree.  Exit status 1 when they
 * differ or the buffer cannot be allocated.
 */
#include "base/sha256.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Best CPU seconds of 3 hashes of BUF (N bytes), digest into HEX. */
static double best_of_3(const unsigned char *buf, size_t n, char hex[65])
{
	double best = -1;
	int run;

	for (run = 0; run < 3; ++run) {
		sy_sha256 c;
		clock_t t0 = clock();
		double s;

		sy_sha256_init(&c);
		sy_sha256_update(&c, buf, n);
		sy_sha256_hex(&c, hex);
		s = (double)(clock() - t0) / CLOCKS_PER_SEC;
		if (best < 0 || s < best)
			best = s;
	}
	return best > 1e-6 ? best : 1e-6;
}

int main(int argc, char **argv)
{
	long mb = argc > 1 ? strtol(argv[1], NULL, 10) : 100;
	size_t n, i;
	unsigned char *buf;
	char hex_run[65], hex_portable[65];
	double t_run, t_portable;
	const char *run;
	uint32_t x = 2463534242u;

	if (mb <= 0 || mb > 4000) {
		fprintf(stderr, "usage: sha256_bench [MB (1..4000)]\n");
		return 1;
	}
	n = (size_t)mb * 1000000;
	buf = malloc(n);
	if (!buf) {
		fprintf(stderr, "sha256_bench: cannot allocate %ld MB\n", mb);
		return 1;
	}
	for (i = 0; i < n; ++i) { /* xorshift: bytes no hardware shortcuts */
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = (unsigned char)x;
	}

	run = sy_sha256_impl();
	t_run = best_of_3(buf, n, hex_run);
	sy_sha256_force_portable(1);
	t_portable = best_of_3(buf, n, hex_portable);
	sy_sha256_force_portable(0);
	free(buf);

	printf("sha256: %ld MB, CPU time, best of 3\n", mb);
	printf("  %-8s %7.3f s  %8.1f MB/s%s\n", run, t_run, mb / t_run,
	       strcmp(run, "portable") ? "  (chosen at run time)" : "");
	printf("  %-8s %7.3f s  %8.1f MB/s\n", "portable", t_portable,
	       mb / t_portable);
	if (strcmp(run, "portable"))
		printf("  %s is %.1f x the portable code\n", run,
		       t_portable / t_run);
	printf("  digest   %s\n", hex_run);
	if (strcmp(hex_run, hex_portable)) {
		printf("  DIFFERS: portable %s\n", hex_portable);
		return 1;
	}
	return 0;
}
