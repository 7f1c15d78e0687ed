/* test_provenance.c - the provenance keys of format 1 (issue 13): `by`,
 * `disagreement`, `via` on items and `proposers` at the top, read and
 * written by both paths (the fast scanner / direct reader and writer, and
 * libyaml's), refused when malformed, set through format/provenance.h,
 * and merged source by source.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format/annot_io.h"
#include "format/provenance.h"
#include "merge/merge.h"
#include "model/item.h"
#include "model/schema.h"
#include "tap.h"

/* A file of our own: three statistics, one plain, one with sources and a
 * bulk decision, one with another source's version.  The first item of a
 * list and one with nested mappings are read through events; the second
 * is read directly. */
static const char FILE_TEXT[] =
	"format: shenyue-annotations/1\n"
	"source:\n"
	"  path: r.txt\n"
	"  sha256: a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0\n"
	"  encoding: utf-8\n"
	"  chars: 100\n"
	"document:\n"
	"  title: null\n"
	"  issuer: null\n"
	"  region: null\n"
	"  year: null\n"
	"  date: null\n"
	"  status: pending\n"
	"proposers:\n"
	"  shenyue:\n"
	"    version: 1.0\n"
	"  crf:\n"
	"    model_version: crf-7\n"
	"sections: []\n"
	"statistics:\n"
	"- id: n1\n"
	"  text: 3个\n"
	"  start: 5\n"
	"  end: 7\n"
	"  value: 3\n"
	"  unit: 个\n"
	"  approx: null\n"
	"  value_max: null\n"
	"  subject: null\n"
	"  section: null\n"
	"  status: pending\n"
	"  tags: []\n"
	"- id: n2\n"
	"  text: 6次\n"
	"  start: 10\n"
	"  end: 12\n"
	"  value: 6\n"
	"  unit: 次\n"
	"  approx: null\n"
	"  value_max: null\n"
	"  subject: 会议\n"
	"  section: null\n"
	"  status: accepted\n"
	"  tags: []\n"
	"  by:\n"
	"    shenyue: 0.93\n"
	"    crf: null\n"
	"  via: bulk\n"
	"- id: n3\n"
	"  text: 15项\n"
	"  start: 20\n"
	"  end: 23\n"
	"  value: 15\n"
	"  unit: 项\n"
	"  approx: null\n"
	"  value_max: null\n"
	"  subject: null\n"
	"  section: null\n"
	"  status: pending\n"
	"  tags: [disagreement]\n"
	"  by:\n"
	"    shenyue: 0.4\n"
	"    crf: 0.75\n"
	"  disagreement:\n"
	"    crf:\n"
	"      unit: 个\n";

static char *replace(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);
	size_t n = strlen(s) - strlen(from) + strlen(to) + 1;
	char *r = malloc(n);

	if (!at || !r)
		abort();
	snprintf(r, n, "%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
	return r;
}

/* The text T read both ways: the same model, written back the same. */
static void test_round_trip(void)
{
	sy_annot a, b;
	sy_error e;
	sy_parse_info info;
	char *o = NULL, *o2 = NULL;
	size_t n = 0, n2 = 0;

	sy_annot_init(&a);
	sy_annot_init(&b);
	ok(sy_annot_parse_info(FILE_TEXT, strlen(FILE_TEXT), "t.yaml", &a,
			       &info, &e) == SY_OK, "the fast reader takes by, "
	   "disagreement, via, proposers");
	ok(info.fast && info.direct == 1,
	   "the item with by and via is read directly (%zu)", info.direct);
	ok(sy_annot_parse_libyaml(FILE_TEXT, strlen(FILE_TEXT), "t.yaml", &b,
				  &e) == SY_OK, "libyaml's reader too");
	ok(a.nstats == 3 && b.nstats == 3 &&
	   sy_stat_eq(&a.stats[1], &b.stats[1]) &&
	   sy_stat_eq(&a.stats[2], &b.stats[2]) &&
	   sy_stat_eq(&a.stats[0], &b.stats[0]), "both readers give the same items");
	ok(sy_annot_emit(&a, &o, &n, &e) == SY_OK &&
	   n == strlen(FILE_TEXT) && memcmp(o, FILE_TEXT, n) == 0,
	   "written back byte for byte (fast writer)");
	ok(sy_annot_emit_libyaml(&b, &o2, &n2, &e) == SY_OK && n2 == n &&
	   memcmp(o, o2, n) == 0, "libyaml's writer gives the same bytes");
	is_str(sy_prov_proposer_get(&a, "crf", "model_version"), "crf-7",
	       "proposers read");
	free(o);
	free(o2);
	sy_annot_free(&a);
	sy_annot_free(&b);
}

static void test_accessors(void)
{
	sy_annot a;
	sy_error e;
	double s = -1;
	bool has = true;
	char *o = NULL, *o2 = NULL;
	size_t n = 0, n2 = 0;
	sy_node *f;

	sy_annot_init(&a);
	if (sy_annot_parse(FILE_TEXT, strlen(FILE_TEXT), "t.yaml", &a, &e)) {
		ok(0, "parse: %s", e.msg);
		return;
	}
	ok(sy_prov_count(&a.stats[1].r) == 2 && sy_prov_count(&a.stats[0].r) == 0,
	   "sources counted");
	is_str(sy_prov_source(&a.stats[1].r, 1, &s, &has), "crf",
	       "the second source by order");
	ok(!has, "a null score is no score");
	ok(sy_prov_has(&a.stats[1].r, "shenyue", &s, &has) && has && s == 0.93,
	   "shenyue's score 0.93");
	ok(sy_prov_score(&a.stats[2].r, &s) && s == 0.75,
	   "an item's score is its highest (0.75)");
	ok(!sy_prov_score(&a.stats[0].r, &s), "no source, no score");
	ok(sy_prov_disagrees(&a.stats[2].r) && !sy_prov_disagrees(&a.stats[1].r),
	   "disagreement seen");
	is_str(a.stats[1].r.via, SY_VIA_BULK, "via read");

	ok(sy_prov_set(&a.stats[0].r, "crf", 0.5, true) == 0 &&
	   sy_prov_set(&a.stats[0].r, SY_SOURCE_SELF, 0.25, true) == 0 &&
	   sy_prov_set(&a.stats[0].r, "crf", 0.625, true) == 0,
	   "scores set");
	ok(sy_prov_count(&a.stats[0].r) == 2 &&
	   strcmp(sy_prov_source(&a.stats[0].r, 0, &s, &has), "crf") == 0 &&
	   s == 0.625, "a source set again keeps its place, takes its score");
	f = sy_node_map();
	sy_node_put(f, "value", sy_node_scalar("4", 0));
	ok(sy_prov_disagree(&a.stats[0].r, "crf", f) == 0 &&
	   sy_tags_has(&a.stats[0].r.tags, SY_TAG_DISAGREEMENT),
	   "another version marks the item");
	ok(sy_prov_disagree(&a.stats[2].r, "crf", NULL) == 0 &&
	   !sy_prov_disagrees(&a.stats[2].r) &&
	   !sy_tags_has(&a.stats[2].r.tags, SY_TAG_DISAGREEMENT),
	   "the last version gone, the mark goes");
	ok(sy_prov_set_via(&a.stats[1].r, NULL) == 0 && !a.stats[1].r.via &&
	   sy_prov_set_via(&a.stats[0].r, SY_VIA_PROPAGATE) == 0,
	   "via set and cleared");
	ok(sy_prov_proposer(&a, "rules2", "version", "2.1") == 0 &&
	   sy_prov_proposer(&a, "crf", "model_version", "crf-8") == 0,
	   "proposers set");
	is_str(sy_prov_proposer_get(&a, "crf", "model_version"), "crf-8",
	       "a proposer's key replaced");
	ok(sy_annot_emit(&a, &o, &n, &e) == SY_OK &&
	   sy_annot_emit_libyaml(&a, &o2, &n2, &e) == SY_OK && n == n2 &&
	   memcmp(o, o2, n) == 0, "what was set is written alike both ways");
	ok(o && strstr(o, "  by:\n    crf: 0.625\n    shenyue: 0.25\n"
			  "  disagreement:\n    crf:\n      value: 4\n"
			  "  via: propagate\n") != NULL,
	   "in block style, in the schema's order");
	{
		sy_annot b;
		sy_annot_init(&b);
		ok(o && sy_annot_parse(o, n, "o.yaml", &b, &e) == SY_OK &&
		   sy_stat_eq(&a.stats[0], &b.stats[0]), "and read back");
		sy_annot_free(&b);
	}
	free(o);
	free(o2);
	sy_annot_free(&a);
}

/* Malformed provenance is refused with the line, by both readers. */
static void test_refused(void)
{
	static const struct { const char *from, *to, *why; } bad[] = {
		{ "    shenyue: 0.93\n", "    shenyue: 1.5\n", "a score above 1" },
		{ "    shenyue: 0.93\n", "    shenyue: '0.9'\n", "a quoted score" },
		{ "    shenyue: 0.93\n", "    shenyue: high\n", "a word for a score" },
		{ "    shenyue: 0.93\n", "    shenyue: -0.1\n", "a negative score" },
		{ "    shenyue: 0.93\n", "    shenyue: .nan\n", "nan" },
		{ "  by:\n    shenyue: 0.93\n    crf: null\n", "  by: [a]\n",
		  "by not a mapping" },
		{ "  crf:\n    model_version: crf-7\n", "  crf: 7\n",
		  "a proposer not a mapping" },
		{ "      unit: 个\n", "      unit: 个\n  disagreement: x\n",
		  "disagreement twice" },
		{ "  via: bulk\n", "  via: [bulk]\n", "via not a string" },
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		char *t = replace(FILE_TEXT, bad[i].from, bad[i].to);
		sy_annot a, b;
		sy_error e, e2;
		sy_status s1, s2;

		sy_annot_init(&a);
		sy_annot_init(&b);
		s1 = sy_annot_parse(t, strlen(t), "bad.yaml", &a, &e);
		s2 = sy_annot_parse_libyaml(t, strlen(t), "bad.yaml", &b, &e2);
		ok(s1 == SY_ERR_FORMAT && s2 == SY_ERR_FORMAT &&
		   strstr(e.msg, "bad.yaml:") != NULL,
		   "refused: %s (%s)", bad[i].why, s1 ? e.msg : "taken");
		sy_annot_free(&a);
		sy_annot_free(&b);
		free(t);
	}
}

/* Two sides add different sources to one item: both are kept. */
static void test_merge(void)
{
	sy_annot base, ours, theirs, out;
	sy_merge_report rep;
	sy_error e;
	double s;
	bool has;

	sy_annot_init(&base);
	sy_annot_init(&ours);
	sy_annot_init(&theirs);
	sy_annot_parse(FILE_TEXT, strlen(FILE_TEXT), "b", &base, &e);
	sy_annot_parse(FILE_TEXT, strlen(FILE_TEXT), "o", &ours, &e);
	sy_annot_parse(FILE_TEXT, strlen(FILE_TEXT), "t", &theirs, &e);
	sy_prov_set(&ours.stats[0].r, "crf", 0.5, true);
	sy_prov_set(&theirs.stats[0].r, "lstm", 0.25, true);
	sy_prov_set(&ours.stats[1].r, "crf", 0.5, true);
	sy_prov_set(&theirs.stats[1].r, "crf", 0.75, true);
	theirs.stats[0].r.status = SY_REJECTED;
	ok(sy_merge(&base, &ours, &theirs, &out, &rep, &e) == SY_OK &&
	   rep.nconflicts == 0, "sources added on both sides: no conflict");
	ok(out.nstats == 3 && sy_prov_has(&out.stats[0].r, "crf", &s, &has) &&
	   s == 0.5 && sy_prov_has(&out.stats[0].r, "lstm", &s, &has) &&
	   s == 0.25, "both sources kept");
	ok(out.nstats == 3 && out.stats[0].r.status == SY_REJECTED,
	   "the other fields merged as before");
	ok(out.nstats == 3 && sy_prov_has(&out.stats[1].r, "crf", &s, &has) &&
	   s == 0.5, "one source scored two ways keeps ours");
	sy_merge_report_free(&rep);
	sy_annot_free(&out);
	sy_annot_free(&base);
	sy_annot_free(&ours);
	sy_annot_free(&theirs);
}

int main(void)
{
	test_round_trip();
	test_accessors();
	test_refused();
	test_merge();
	return tap_done();
}
