/* stats_check.c - the statistics of one sentence checked against each
 * other (stats_check.h): a rate beside its numerator and denominator, a
 * total before 其中 beside its parts.
 */
#include "extract/stats_check.h"

#include <math.h>
#include <string.h>

#include "text/numeral.h"

static bool is_sentence_end(uint32_t c)
{
	return c == 0x3002 || c == 0xFF1B || c == ';' || c == 0xFF01 ||
	       c == '!' || c == 0xFF1F || c == '?';
}

static bool is_percent(const uint32_t *cp, const sy_found *f)
{
	return f->uend - f->ustart == 1 &&
	       (cp[f->ustart] == '%' || cp[f->ustart] == 0xFF05);
}

static bool same_unit(const uint32_t *cp, const sy_found *x, const sy_found *y)
{
	size_t n = x->uend - x->ustart;
	return n == y->uend - y->ustart &&
	       memcmp(cp + x->ustart, cp + y->ustart, n * sizeof *cp) == 0;
}

/* Decimal places written in the statistic's number. */
static int decimals(const uint32_t *cp, const sy_found *f)
{
	int d = 0;
	bool after = false;
	for (size_t i = f->start; i < f->ustart; i++) {
		if (cp[i] == '.' || cp[i] == 0xFF0E)
			after = true;
		else if (after && sy_is_digit_cp(cp[i]))
			d++;
	}
	return d;
}

/* Does the subject of F contain the two code points STEM? */
static bool subject_has(const uint32_t *cp, const sy_found *f, const uint32_t *stem)
{
	for (size_t i = f->sstart; i + 1 < f->send; i++)
		if (cp[i] == stem[0] && cp[i + 1] == stem[1])
			return true;
	return false;
}

/* A rate (…率 92.5%) beside its numerator and denominator. */
static void check_rate(const uint32_t *cp, sy_found *v, size_t lo, size_t r)
{
	sy_found *rate = &v[r];
	const uint32_t *stem;
	double tol, best = HUGE_VAL;
	bool pairs = false;

	if (rate->send < rate->sstart + 3 || cp[rate->send - 1] != 0x7387 /* 率 */)
		return;
	stem = cp + rate->send - 3;
	tol = 0.5 * pow(10.0, -decimals(cp, rate)) + 1e-9;
	for (size_t nu = lo; nu < r; nu++) {
		if (is_percent(cp, &v[nu]) || !subject_has(cp, &v[nu], stem))
			continue;
		for (size_t de = lo; de < nu; de++) {
			if (!same_unit(cp, &v[de], &v[nu]) || v[de].value <= 0 ||
			    v[de].value < v[nu].value)
				continue;
			double got = v[nu].value / v[de].value * 100;
			pairs = true;
			if (fabs(got - rate->value) <= tol)
				return;
			if (fabs(got - rate->value) < best) {
				best = fabs(got - rate->value);
				rate->expect = got;
				rate->part = nu;
				rate->whole = de;
			}
		}
	}
	if (pairs) {
		rate->inconsistent = true;
		rate->check = SY_CHECK_RATE;
	}
}

/* A total before 其中 beside its parts after it. */
static void check_total(const uint32_t *cp, sy_found *v, size_t lo, size_t hi,
			size_t qizhong)
{
	size_t t = hi, nparts = 0, first = hi, last = hi;
	double sum = 0;

	for (size_t i = lo; i < hi; i++)
		if (v[i].end <= qizhong && !is_percent(cp, &v[i]))
			t = i;
	if (t == hi || v[t].approx != SY_APPROX_NONE)
		return;
	for (size_t i = t + 1; i < hi; i++) {
		if (v[i].start < qizhong || !same_unit(cp, &v[t], &v[i]))
			continue;
		if (v[i].approx != SY_APPROX_NONE)
			return;
		sum += v[i].value;
		if (first == hi)
			first = i;
		last = i;
		if (++nparts >= 2 && fabs(sum - v[t].value) < 1e-6)
			return;
	}
	if (nparts >= 2) {
		v[t].inconsistent = true;
		v[t].check = SY_CHECK_TOTAL;
		v[t].expect = sum;
		v[t].part = first;
		v[t].whole = last;
		v[t].nparts = nparts;
	}
}

void sy_stats_cross_check(const uint32_t *cp, size_t n, sy_foundvec *out)
{
	size_t lo = 0;
	static const uint32_t QIZHONG[2] = { 0x5176, 0x4E2D }; /* 其中 */

	while (lo < out->n) {
		size_t hi = lo + 1, send = n, qz = (size_t)-1;
		for (size_t i = out->v[lo].end; i < n; i++)
			if (is_sentence_end(cp[i])) {
				send = i;
				break;
			}
		while (hi < out->n && out->v[hi].start < send)
			hi++;
		for (size_t r = lo; r < hi; r++)
			if (is_percent(cp, &out->v[r]))
				check_rate(cp, out->v, lo, r);
		for (size_t i = out->v[lo].start; i + 1 < send; i++)
			if (cp[i] == QIZHONG[0] && cp[i + 1] == QIZHONG[1]) {
				qz = i;
				break;
			}
		if (qz != (size_t)-1)
			check_total(cp, out->v, lo, hi, qz);
		lo = hi;
	}
}
