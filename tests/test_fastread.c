/* test_fastread.c - the reader's fast paths (the fast scanner and its
 * direct item reader, core/annot_parse.c) against libyaml's reading.
 *
 * sy_annot_parse (fast) and sy_annot_parse_libyaml (libyaml's parser
 * alone) must accept or refuse a text alike, with the same message, and
 * when they accept it give models that write the same bytes.  Checked on
 *   - 2,000 random models with hostile strings (mostly read by libyaml:
 *     escaped scalars are outside the fast subset) and 2,000 with mild
 *     ones (read by the fast scanner, most items directly), as the writer
 *     writes them;
 *   - about 4,000 mild ones with one line changed: deleted, doubled, swapped with
 *     the next, indented, a blank or comment line, an unknown key, a
 *     proposed value or a new item put before it, its value replaced by
 *     null, '', a number, a list, a quoted or odd scalar; or the file cut
 *     there;
 * and a large file read from disk in chunks (items across the chunk
 * boundaries) against the model it was written from.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/annot.h"
#include "format/annot_io.h"
#include "model/node.h"
#include "rndmodel.h"
#include "tap.h"
#include "testutil.h"

/* TEXT[0..N) read by both readers: the same verdict and message, or the
 * same model.  Shows a difference under WHAT. */
static bool read_alike(const char *text, size_t n, const char *what)
{
	char *y1 = NULL, *y2 = NULL;
	sy_annot a1, a2;
	sy_error e1, e2;
	sy_status s1, s2;
	size_t n1 = 0, n2 = 0;
	int outcome;
	bool same;

	s1 = sy_annot_parse(text, n, "t.yaml", &a1, &e1);
	s2 = sy_annot_parse_libyaml(text, n, "t.yaml", &a2, &e2);
	outcome = same_outcome(what, s1, &e1, s2, &e2);
	same = outcome == 1;
	if (outcome < 0) {
		same = sy_annot_emit(&a1, &y1, &n1, &e1) == SY_OK &&
		       sy_annot_emit(&a2, &y2, &n2, &e2) == SY_OK &&
		       n1 == n2 && memcmp(y1, y2, n1) == 0 &&
		       a1.next_section_id == a2.next_section_id &&
		       a1.next_stat_id == a2.next_stat_id;
		if (!same)
			printf("# %s: the models differ\n", what);
	}
	free(y1);
	free(y2);
	sy_annot_free(&a1);
	sy_annot_free(&a2);
	return same;
}

/* ------------------------------------------------------------ lines */

typedef struct lines {
	char **v;
	size_t n;
} lines;

static lines split(const char *y)
{
	lines l = { NULL, 0 };
	const char *p = y, *nl;
	size_t cap = 0;

	while (*p) {
		nl = strchr(p, '\n');
		if (l.n == cap) {
			cap = cap ? 2 * cap : 64;
			l.v = realloc(l.v, cap * sizeof *l.v);
		}
		l.v[l.n++] = strndup(p, nl ? (size_t)(nl - p) : strlen(p));
		p = nl ? nl + 1 : p + strlen(p);
	}
	return l;
}

static void lines_free(lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

/* The lines joined with '\n' after each, with line AT replaced by REPL
 * (NULL: removed; may hold several lines). */
static char *join(const lines *l, size_t at, const char *repl, size_t *len)
{
	size_t n = 1, i;
	char *out, *p;

	for (i = 0; i < l->n; i++)
		n += strlen(l->v[i]) + 1;
	n += repl ? strlen(repl) + 1 : 0;
	p = out = malloc(n);
	for (i = 0; i < l->n; i++) {
		const char *t = i == at ? repl : l->v[i];
		if (!t)
			continue;
		p += sprintf(p, "%s\n", t);
	}
	*len = (size_t)(p - out);
	return out;
}

/* One line of L changed by mutation K into a new text. */
static char *mutate(const lines *l, size_t at, unsigned k, size_t *len)
{
	static const char *const values[] = {
		"null", "~", "''", "'a''b'", "\"q\"", "01", "-1", "1.5", "[]",
		"[a, 'b c']", "x: y", "a #b", "{}", "&x a", "!!str 5", "|",
		"'open", "1e5", "s1", "n1", "pending", "yes",
	};
	char buf[4096];
	const char *t = l->v[at], *colon;
	size_t n;

	switch (k) {
	case 0:
		return join(l, at, NULL, len);
	case 1:
		snprintf(buf, sizeof buf, "%s\n%s", t, t);
		break;
	case 2:
		if (at + 1 < l->n) {
			lines m = { malloc(l->n * sizeof *l->v), l->n };
			char *out, *t2;
			memcpy(m.v, l->v, l->n * sizeof *l->v);
			t2 = m.v[at];
			m.v[at] = m.v[at + 1];
			m.v[at + 1] = t2;
			out = join(&m, SIZE_MAX, NULL, len);
			free(m.v);
			return out;
		}
		snprintf(buf, sizeof buf, "%s", t);
		break;
	case 3:
		snprintf(buf, sizeof buf, " %s", t);
		break;
	case 4:
		snprintf(buf, sizeof buf, "\n%s", t);
		break;
	case 5:
		snprintf(buf, sizeof buf, "# note\n%s", t);
		break;
	case 6:
		snprintf(buf, sizeof buf, "  x_extra: 1\n%s", t);
		break;
	case 7:
		snprintf(buf, sizeof buf, "  proposed:\n    value: 1\n%s", t);
		break;
	case 8:
		snprintf(buf, sizeof buf, "- id: zz\n%s", t);
		break;
	case 9:
		colon = strstr(t, ": ");
		n = colon ? (size_t)(colon - t) + 2 : strlen(t);
		snprintf(buf, sizeof buf, "%.*s%s", (int)n, t,
			 values[rnd(sizeof values / sizeof *values)]);
		break;
	default: {
		/* cut the file here (maybe in the middle of the line) */
		char *out = join(l, SIZE_MAX, NULL, len), *p = out;
		for (size_t i = 0; i < at; i++)
			p = strchr(p, '\n') + 1;
		p += rnd((unsigned)strlen(t) + 1);
		*p = '\0';
		*len = (size_t)(p - out);
		return out;
	}
	}
	return join(l, at, buf, len);
}

/* ------------------------------------------------------------ tests */

static void test_models(bool mild)
{
	unsigned batch, i;

	rnd_mild = mild;
	for (batch = 0; batch < 20; batch++) {
		bool all = true;
		for (i = 0; i < 100; i++) {
			unsigned seed = (mild ? 70000 : 50000) + batch * 100 + i;
			sy_annot a;
			sy_error err;
			char *y, what[48];
			size_t n;

			rng_state = 0x9e3779b97f4a7c15ULL * seed;
			rnd_model(&a);
			snprintf(what, sizeof what, "model %u", seed);
			if (sy_annot_emit(&a, &y, &n, &err) == SY_OK) {
				if (!read_alike(y, n, what))
					all = false;
				free(y);
			}
			sy_annot_free(&a);
		}
		ok(all, "%s random models %u-%u: read alike by both paths",
		   mild ? "mild" : "hostile", batch * 100 + 1, batch * 100 + 100);
	}
}

static void test_mutations(void)
{
	unsigned kind, i;

	rnd_mild = true;
	for (kind = 0; kind <= 10; kind++) {
		bool all = true;
		unsigned tried = 0;
		for (i = 0; i < 600; i++) {
			unsigned seed = 90000 + kind * 1000 + i;
			sy_annot a;
			sy_error err;
			char *y, *m, what[64];
			size_t n, mn, at;
			lines l;

			rng_state = 0x9e3779b97f4a7c15ULL * seed;
			rnd_model(&a);
			if (a.nsections + a.nstats < 2 ||
			    sy_annot_emit(&a, &y, &n, &err) != SY_OK) {
				sy_annot_free(&a);
				continue;
			}
			l = split(y);
			/* mostly inside the item lists, where the direct
			 * reader works */
			at = rnd((unsigned)l.n);
			m = mutate(&l, at, kind, &mn);
			snprintf(what, sizeof what, "model %u, change %u at line %zu",
				 seed, kind, at + 1);
			if (!read_alike(m, mn, what))
				all = false;
			tried++;
			free(m);
			free(y);
			lines_free(&l);
			sy_annot_free(&a);
		}
		ok(all && tried > 150, "%u files with change %u: read alike by both paths",
		   tried, kind);
	}
}

/* A model of three sections and three statistics in the writer's shape;
 * then the string V put in field F (0-9) of the second of each. */
static void model_with(sy_annot *a, const char *v, unsigned f)
{
	size_t k;

	sy_annot_init(a);
	a->source.path = xdup("r.txt");
	a->source.encoding = xdup("utf-8");
	a->source.chars = 1000;
	memset(a->source.sha256, 'b', 64);
	for (k = 0; k < 3; k++) {
		sy_section *s = sy_annot_add_section(a);
		sy_stat *t;
		s->level = 1;
		s->marker = xdup("一、");
		s->title = xdup("主要工作");
		s->start = k * 100;
		s->end = k * 100 + 10;
		t = sy_annot_add_stat(a);
		t->text = xdup("53宗");
		t->start = k * 100 + 20;
		t->end = k * 100 + 23;
		t->value = 53;
		t->has_value = true;
		t->unit = xdup("宗");
		t->subject = xdup("受理");
		t->section = xdup(a->sections[k].id);
	}
	{
		sy_section *s = &a->sections[1];
		sy_stat *t = &a->stats[1];
		char **slot[] = {
			&s->marker, &s->title, &s->r.note, NULL,
			&t->text, &t->unit, &t->subject, &t->section, &t->r.note,
			NULL,
		};
		if (f == 3)
			sy_tags_add(&s->r.tags, v);
		else if (f == 9)
			sy_tags_add(&t->r.tags, v);
		else {
			free(*slot[f]);
			*slot[f] = xdup(v);
		}
	}
}

/* The fast paths are taken, not only right: a file as the writer writes
 * it is read by the fast scanner, every item but the first of each list
 * directly (the first comes with the list's own events). */
static void test_taken(void)
{
	static const char *const mild[] = { "a: b", "'q'", "null", "it's" };
	sy_annot a, b;
	sy_parse_info info;
	sy_error err;
	char *y;
	size_t len, k;
	bool good;

	for (k = 0; k < 4; k++) {
		model_with(&a, mild[k], k);
		a.stats[2].r.status = SY_REJECTED;
		a.stats[2].r.proposed = sy_node_map();
		sy_node_put(a.stats[2].r.proposed, "value", sy_node_scalar("5", 0));
		sy_node_put(a.stats[2].r.proposed, "unit", sy_node_scalar("null", 1));
		a.stats[1].r.note = xdup("待核实");
		good = sy_annot_emit(&a, &y, &len, &err) == SY_OK &&
		       sy_annot_parse_info(y, len, "t.yaml", &b, &info, &err) == SY_OK;
		ok(good && info.fast && info.direct == 4,
		   "a written file (%s in field %zu, a note, a proposed): read "
		   "by the fast scanner, 4 of 6 items directly (%zu)", mild[k], k,
		   info.direct);
		if (good) {
			free(y);
			sy_annot_free(&b);
		}
		sy_annot_free(&a);
	}
}

/* Each tricky string in each string field of an item the direct reader
 * reads. */
static void test_fields(void)
{
	static const char *const extra[] = {
		"null", "Null", "NULL", "~", "", "5", "-1", "1.5", ".inf", "yes",
		"'", "it's", "a: b", "[a]", "{b}", "- a", "#c", "\"d\"", "pending",
		"s1", "n2",
	};
	size_t i, n = NHOSTILE + sizeof extra / sizeof *extra;

	for (i = 0; i < n; i++) {
		const char *v = i < NHOSTILE ? hostile[i] : extra[i - NHOSTILE];
		bool all = true;
		unsigned f;

		for (f = 0; f < 10; f++) {
			sy_annot a;
			sy_error err;
			char *y, what[64];
			size_t len;

			model_with(&a, v, f);
			snprintf(what, sizeof what, "string %zu in field %u", i, f);
			if (sy_annot_emit(&a, &y, &len, &err) == SY_OK) {
				if (!read_alike(y, len, what))
					all = false;
				free(y);
			}
			sy_annot_free(&a);
		}
		ok(all, "string %zu in each of 10 fields: read alike by both paths", i);
	}
}

/* A large file read from disk in chunks, against its model. */
static void test_file(void)
{
	char path[] = "/tmp/test_fastread.XXXXXX";
	static const char *const odd[] = {
		"it's", "a: b", "x #y", "'q'", "null", "1.", "- a", "[a]",
		"a, b", "~", " lead", "trail ",
	};
	sy_annot a, b;
	sy_error err;
	char *y1 = NULL, *y2 = NULL;
	size_t n1 = 0, n2 = 0, i;
	int fd = mkstemp(path);
	bool good;

	sy_annot_init(&a);
	sy_annot_init(&b);
	a.source.path = sy_strdup("big.txt");
	a.source.encoding = sy_strdup("utf-8");
	a.source.chars = 100000000;
	memset(a.source.sha256, 'c', 64);
	rng_state = 12345;
	for (i = 0; i < 30000; i++) {
		if (i % 3 == 0) {
			sy_section *s = sy_annot_add_section(&a);
			s->level = 1 + (int)(i % 4);
			s->marker = sy_strdup(i % 2 ? "（一）" : "1.");
			s->title = sy_strdup(i % 97 ? "加强组织领导，压实责任"
						    : odd[i / 97 % 12]);
			s->start = i * 30;
			s->end = i * 30 + 10 + i % 50;
			s->r.status = (sy_review_status)(i % SY_STATUS_COUNT);
			if (i % 7 == 0)
				sy_tags_add(&s->r.tags, "numbering-skip");
		} else {
			sy_stat *t = big_stat(&a, "受理信访案件%zu宗", i, i * 30,
					      9, i % 89 ? "宗" : "a: b",
					      i % 5 ? "受理信访案件" : NULL);
			if (i % 11 == 0)
				t->r.note = sy_strdup(odd[i / 11 % 12]);
			if (i % 13 == 0) {
				t->r.proposed = sy_node_map();
				sy_node_put(t->r.proposed, "value",
					    sy_node_scalar("5", 0));
			}
		}
	}
	good = fd >= 0 && sy_annot_save(&a, path, &err) == SY_OK &&
	       sy_annot_load(path, &b, &err) == SY_OK &&
	       sy_annot_emit(&a, &y1, &n1, &err) == SY_OK &&
	       sy_annot_emit(&b, &y2, &n2, &err) == SY_OK;
	if (!good)
		printf("# %s\n", err.msg);
	ok(good && b.nsections + b.nstats == 30000 && n1 == n2 &&
	   memcmp(y1, y2, n1) == 0,
	   "a %zu-byte file read from disk: the model it was written from", n1);
	ok(good && read_alike(y1, n1, "the large file"),
	   "the large file: read alike by both paths");
	if (fd >= 0) {
		close(fd);
		unlink(path);
	}
	free(y1);
	free(y2);
	sy_annot_free(&a);
	sy_annot_free(&b);
}

int main(void)
{
	test_models(false);
	test_models(true);
	test_taken();
	test_fields();
	test_mutations();
	test_file();
	return tap_done();
}
