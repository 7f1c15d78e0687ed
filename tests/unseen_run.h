/* unseen_run.h - the runners the tests of unseen reports share (issue 12):
 * a document case (TEXT's title, region and year) and a sections case
 * (TEXT's sections as "level marker title" joined by "; "), each run
 * through sy_extract_text as a report the project has never seen.
 * Header only; include after tap.h. */
#ifndef SY_UNSEEN_RUN_H
#define SY_UNSEEN_RUN_H

#include <stdio.h>
#include <string.h>

#include "extract/extract.h"

struct doc_case {
	const char *kind;
	const char *text;
	const char *title;      /* NULL: null */
	const char *region;     /* NULL: null */
	int year;               /* 0: null */
};

struct sec_case {
	const char *kind;
	const char *text;
	const char *want;
};

/* Extract TEXT as report NAME into *A (initialised here); false, with a
 * failed test point, when extraction fails. */
static inline bool unseen_extract(const char *name, const char *text,
				  const char *kind, size_t i, sy_annot *a)
{
	sy_error err;

	memset(&err, 0, sizeof err);
	sy_annot_init(a);
	if (sy_extract_text(name, text, strlen(text), a, &err) != SY_OK) {
		ok(0, "%s %zu: extracted (%s)", kind, i, err.msg);
		sy_annot_free(a);
		return false;
	}
	return true;
}

static inline void unseen_docs(const struct doc_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct doc_case *c = &cases[i];
		sy_annot a;

		if (!unseen_extract("d.txt", c->text, c->kind, i, &a))
			continue;
		is_str(a.doc.title, c->title, "%s %zu: title", c->kind, i);
		is_str(a.doc.region, c->region, "%s %zu: region", c->kind, i);
		if (!ok(a.doc.year == c->year, "%s %zu: year %d", c->kind, i, c->year))
			diag("  got %d", a.doc.year);
		sy_annot_free(&a);
	}
}

static inline void unseen_sections(const struct sec_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct sec_case *c = &cases[i];
		char got[2048] = "";
		sy_annot a;

		if (!unseen_extract("h.txt", c->text, c->kind, i, &a))
			continue;
		for (size_t k = 0; k < a.nsections; k++) {
			const sy_section *s = &a.sections[k];
			size_t len = strlen(got);
			snprintf(got + len, sizeof got - len, "%s%d %s %s", k ? "; " : "",
				 s->level, s->marker, s->title);
		}
		if (!ok(strcmp(got, c->want) == 0, "%s %zu: sections", c->kind, i))
			diag("  got '%s'\n#  want '%s'", got, c->want);
		sy_annot_free(&a);
	}
}

#endif
