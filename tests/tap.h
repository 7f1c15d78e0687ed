/* tap.h - a minimal TAP producer for the C tests (header only).
 *
 *   ok(cond, "name %d", i);      one test point
 *   is_str(got, want, "name");   string equality (NULL-safe), shows both
 *   is_num(got, want, "name");   double equality within 1e-9 relative
 *   return tap_done();           prints the plan, exit status 0/1
 */
#ifndef SY_TAP_H
#define SY_TAP_H

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static inline int tap_vok(int cond, const char *fmt, va_list ap)
{
	++tap_n;
	if (!cond)
		++tap_failed;
	printf("%s %d - ", cond ? "ok" : "not ok", tap_n);
	vprintf(fmt, ap);
	putchar('\n');
	fflush(stdout);
	return cond;
}

static inline int __attribute__((format(printf, 2, 3)))
ok(int cond, const char *fmt, ...)
{
	va_list ap;
	int r;
	va_start(ap, fmt);
	r = tap_vok(cond, fmt, ap);
	va_end(ap);
	return r;
}

static inline int __attribute__((format(printf, 3, 4)))
is_str(const char *got, const char *want, const char *fmt, ...)
{
	va_list ap;
	int same = (got == NULL && want == NULL) ||
		   (got && want && strcmp(got, want) == 0);
	va_start(ap, fmt);
	tap_vok(same, fmt, ap);
	va_end(ap);
	if (!same)
		printf("#   got:  %s\n#   want: %s\n", got ? got : "(null)",
		       want ? want : "(null)");
	return same;
}

/* GOT is WANT within REL relative to it (at least 1); REL 0: exactly the
 * same double.  is_num: within 1e-9; is_exact: the same double. */
#define is_num(got, want, ...) is_near((got), (want), 1e-9, __VA_ARGS__)
#define is_exact(got, want, ...) is_near((got), (want), 0.0, __VA_ARGS__)
static inline int __attribute__((format(printf, 4, 5)))
is_near(double got, double want, double rel, const char *fmt, ...)
{
	va_list ap;
	int same = rel == 0.0 ? got == want
			      : fabs(got - want) <= rel * fmax(1.0, fabs(want));
	va_start(ap, fmt);
	tap_vok(same, fmt, ap);
	va_end(ap);
	if (!same)
		printf("#   got:  %.17g\n#   want: %.17g\n", got, want);
	return same;
}

static inline void __attribute__((format(printf, 1, 2)))
diag(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("# ", stdout);
	vprintf(fmt, ap);
	putchar('\n');
	va_end(ap);
}

static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
