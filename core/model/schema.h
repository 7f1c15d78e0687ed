/* schema.h - format 1 (shenyue-annotations/1) spelled once: every key of
 * the annotation file, in the order the writer puts it, with the model's
 * member and the value's type; the review statuses; the system tags.
 *
 * Everything else is generated from these lists (X-macros, as tig's
 * request.h and tui/actions.h): the reader's field tables (format/), the
 * writer's key order, merge's field ids, the review commands' field
 * descriptors (session/), eval's and export's field names (compare/).
 * Adding a field here is adding it to every path; the compiler then
 * points at every switch that must learn it.
 *
 * Each list is a macro taking X, called once per entry:
 *   X(NAME, "key", TYPE, MEMBER, FLAGS)
 * NAME is the upper-case identifier (SY_SEC_<NAME>, SY_STAT_<NAME>, ...),
 * "key" the YAML key, TYPE one of SY_FT_*, MEMBER the C member of the
 * model's struct (model/annot.h), FLAGS an or of SY_FF_*.
 * Storage: only the key arrays below (schema.c).
 */
#ifndef SY_SCHEMA_H
#define SY_SCHEMA_H

/* The value types of the fields. */
typedef enum sy_ftype {
	SY_FT_ID,      /* non-empty string, unique in the file */
	SY_FT_STR,     /* string; null where SY_FF_NULL */
	SY_FT_INT,     /* integer (level, year) */
	SY_FT_SIZE,    /* code point offset (start, end, chars) */
	SY_FT_NUM,     /* number, or null (value, value_max) */
	SY_FT_APPROX,  /* null | over | under | about | range */
	SY_FT_STATUS,  /* pending | accepted | fixed | rejected | added */
	SY_FT_TAGS,    /* flow sequence of one-word strings */
	SY_FT_MAP      /* mapping (proposed) */
} sy_ftype;

/* Field flags. */
#define SY_FF_REQ   1u   /* a reader refuses an item without it */
#define SY_FF_NULL  2u   /* may be null */
#define SY_FF_FIX   4u   /* a reviewer's fix may change it; kept in
			    `proposed` when changed (review, merge) */
#define SY_FF_OPT   8u   /* written only when present (note, proposed) */
/* A field with neither REQ nor OPT is always written, and may be absent
 * when read (the reader's default: encoding utf-8, no tags, an empty
 * document or list). */

/* The top-level keys, in the file's order. */
#define SY_TOP_KEYS(X) \
	X(FORMAT,     "format",     SY_FT_STR,  format,  SY_FF_REQ) \
	X(SOURCE,     "source",     SY_FT_MAP,  source,  SY_FF_REQ) \
	X(DOCUMENT,   "document",   SY_FT_MAP,  doc,     0) \
	X(PROPOSERS,  "proposers",  SY_FT_MAP,  proposers, SY_FF_OPT) \
	X(SECTIONS,   "sections",   SY_FT_MAP,  sections, 0) \
	X(STATISTICS, "statistics", SY_FT_MAP,  stats,   0) \
	X(REVIEW,     "review",     SY_FT_MAP,  review,  SY_FF_OPT)

/* source: what the file annotates (sy_sourceinfo). */
#define SY_SOURCE_FIELDS(X) \
	X(PATH,     "path",     SY_FT_STR,  path,     SY_FF_REQ) \
	X(SHA256,   "sha256",   SY_FT_STR,  sha256,   SY_FF_REQ) \
	X(ENCODING, "encoding", SY_FT_STR,  encoding, 0) \
	X(CHARS,    "chars",    SY_FT_SIZE, chars,    SY_FF_REQ)

/* document: the report's facts (sy_docfacts). */
#define SY_DOC_FIELDS(X) \
	X(TITLE,  "title",  SY_FT_STR,    title,  SY_FF_NULL | SY_FF_FIX) \
	X(ISSUER, "issuer", SY_FT_STR,    issuer, SY_FF_NULL | SY_FF_FIX) \
	X(REGION, "region", SY_FT_STR,    region, SY_FF_NULL | SY_FF_FIX) \
	X(YEAR,   "year",   SY_FT_INT,    year,   SY_FF_NULL | SY_FF_FIX) \
	X(DATE,   "date",   SY_FT_STR,    date,   SY_FF_NULL | SY_FF_FIX) \
	X(STATUS, "status", SY_FT_STATUS, status, 0)

/* The review keys every section and statistic ends with (sy_review).
 * Provenance (issue 13), all optional, so a file without them reads as
 * before and a format-1 reader that does not know them keeps them:
 *   by            which extractors proposed the item: a block mapping of
 *                 source name -> its score in [0, 1], or null when the
 *                 source gave none ("shenyue" is the rules of `extract`);
 *   disagreement  the other versions sources proposed for the same span:
 *                 source name -> mapping of the fields where it differs
 *                 (value, unit, approx, value_max, subject, ...); the
 *                 item then carries the tag SY_TAG_DISAGREEMENT;
 *   via           how the decision was taken when not item by item:
 *                 SY_VIA_PROPAGATE or SY_VIA_BULK. */
#define SY_REVIEW_FIELDS(X) \
	X(STATUS,   "status",   SY_FT_STATUS, status,   SY_FF_REQ) \
	X(TAGS,     "tags",     SY_FT_TAGS,   tags,     0) \
	X(NOTE,     "note",     SY_FT_STR,    note,     SY_FF_OPT) \
	X(PROPOSED, "proposed", SY_FT_MAP,    proposed, SY_FF_OPT) \
	X(BY,       "by",       SY_FT_MAP,    by,       SY_FF_OPT) \
	X(DISAGREEMENT, "disagreement", SY_FT_MAP, disagreement, SY_FF_OPT) \
	X(VIA,      "via",      SY_FT_STR,    via,      SY_FF_OPT)

/* A section (sy_section), then SY_REVIEW_FIELDS. */
#define SY_SECTION_FIELDS(X) \
	X(ID,     "id",     SY_FT_ID,   id,     SY_FF_REQ) \
	X(LEVEL,  "level",  SY_FT_INT,  level,  SY_FF_REQ | SY_FF_FIX) \
	X(MARKER, "marker", SY_FT_STR,  marker, SY_FF_REQ | SY_FF_FIX) \
	X(TITLE,  "title",  SY_FT_STR,  title,  SY_FF_REQ | SY_FF_FIX) \
	X(START,  "start",  SY_FT_SIZE, start,  SY_FF_REQ | SY_FF_FIX) \
	X(END,    "end",    SY_FT_SIZE, end,    SY_FF_REQ | SY_FF_FIX)

/* A statistic (sy_stat), then SY_REVIEW_FIELDS. */
#define SY_STAT_FIELDS(X) \
	X(ID,        "id",        SY_FT_ID,     id,        SY_FF_REQ) \
	X(TEXT,      "text",      SY_FT_STR,    text,      SY_FF_REQ | SY_FF_FIX) \
	X(START,     "start",     SY_FT_SIZE,   start,     SY_FF_REQ | SY_FF_FIX) \
	X(END,       "end",       SY_FT_SIZE,   end,       SY_FF_REQ | SY_FF_FIX) \
	X(VALUE,     "value",     SY_FT_NUM,    value,     SY_FF_REQ | SY_FF_NULL | SY_FF_FIX) \
	X(UNIT,      "unit",      SY_FT_STR,    unit,      SY_FF_NULL | SY_FF_FIX) \
	X(APPROX,    "approx",    SY_FT_APPROX, approx,    SY_FF_NULL | SY_FF_FIX) \
	X(VALUE_MAX, "value_max", SY_FT_NUM,    value_max, SY_FF_NULL | SY_FF_FIX) \
	X(SUBJECT,   "subject",   SY_FT_STR,    subject,   SY_FF_NULL | SY_FF_FIX) \
	X(SECTION,   "section",   SY_FT_STR,    section,   SY_FF_NULL)

/* review: who reviewed and when (sy_reviewinfo). */
#define SY_REVIEWINFO_FIELDS(X) \
	X(REVIEWER, "reviewer", SY_FT_STR, reviewer, SY_FF_NULL) \
	X(UPDATED,  "updated",  SY_FT_STR, updated,  SY_FF_NULL) \
	X(CURSOR,   "cursor",   SY_FT_STR, cursor,   SY_FF_OPT)

/* The field ids: SY_SEC_LEVEL, SY_STAT_VALUE, SY_REV_NOTE, ...; each
 * enum ends with a _COUNT. */
#define SY_SCHEMA_ENUM_(P, NAME, key, type, member, flags) P##NAME,
#define SY_SEC_ENUM_(N, k, t, m, f) SY_SCHEMA_ENUM_(SY_SEC_, N, k, t, m, f)
#define SY_STAT_ENUM_(N, k, t, m, f) SY_SCHEMA_ENUM_(SY_STAT_, N, k, t, m, f)
#define SY_DOC_ENUM_(N, k, t, m, f) SY_SCHEMA_ENUM_(SY_DOC_, N, k, t, m, f)
#define SY_REV_ENUM_(N, k, t, m, f) SY_SCHEMA_ENUM_(SY_REV_, N, k, t, m, f)
#define SY_SRC_ENUM_(N, k, t, m, f) SY_SCHEMA_ENUM_(SY_SRC_, N, k, t, m, f)
#define SY_TOP_ENUM_(N, k, t, m, f) SY_SCHEMA_ENUM_(SY_TOP_, N, k, t, m, f)
#define SY_RINFO_ENUM_(N, k, t, m, f) SY_SCHEMA_ENUM_(SY_RINFO_, N, k, t, m, f)
enum sy_sec_field { SY_SECTION_FIELDS(SY_SEC_ENUM_) SY_SEC_COUNT };
enum sy_stat_field { SY_STAT_FIELDS(SY_STAT_ENUM_) SY_STAT_COUNT };
enum sy_doc_field { SY_DOC_FIELDS(SY_DOC_ENUM_) SY_DOC_COUNT };
enum sy_rev_field { SY_REVIEW_FIELDS(SY_REV_ENUM_) SY_REV_COUNT };
enum sy_src_field { SY_SOURCE_FIELDS(SY_SRC_ENUM_) SY_SRC_COUNT };
enum sy_top_key { SY_TOP_KEYS(SY_TOP_ENUM_) SY_TOP_COUNT };
enum sy_rinfo_field { SY_REVIEWINFO_FIELDS(SY_RINFO_ENUM_) SY_RINFO_COUNT };

/* The key of a field: SY_FIELD_KEY(NAME, "key", ...) -> "key"; e.g.
 *   static const char *const keys[] = { SY_STAT_FIELDS(SY_FIELD_KEY) }; */
#define SY_FIELD_KEY(NAME, key, type, member, flags) key,

/* The keys by field id (schema.c): sy_stat_keys[SY_STAT_VALUE_MAX] is
 * "value_max". */
extern const char *const sy_section_keys[SY_SEC_COUNT];
extern const char *const sy_stat_keys[SY_STAT_COUNT];
extern const char *const sy_doc_keys[SY_DOC_COUNT];
extern const char *const sy_review_keys[SY_REV_COUNT];

/* The review statuses, in sy_review_status's order (model/annot.h). */
#define SY_STATUSES(X) \
	X(PENDING,  "pending") \
	X(ACCEPTED, "accepted") \
	X(FIXED,    "fixed") \
	X(REJECTED, "rejected") \
	X(ADDED,    "added")

/* approx, in sy_approx's order after null (model/annot.h). */
#define SY_APPROXES(X) \
	X(OVER,  "over") \
	X(UNDER, "under") \
	X(ABOUT, "about") \
	X(RANGE, "range")

/* The tags shenyue sets and clears itself (extract, reanchor, merge); a
 * conflict keeps its alternatives under the item key of its tag's name. */
#define SY_TAG_INCONSISTENT     "inconsistent"     /* extract: numbers disagree */
#define SY_TAG_NUMBERING_SKIP   "numbering-skip"   /* extract: a marker missing */
#define SY_TAG_NUMBERING_REPEAT "numbering-repeat" /* extract: a marker twice */
#define SY_TAG_MARKER_STYLE     "marker-style"     /* extract: style breaks */
#define SY_TAG_LOST_ANCHOR      "lost-anchor"      /* reanchor: text not found */
#define SY_TAG_CONFLICT         "conflict"         /* merge: unsettled */
#define SY_KEY_CONFLICT         SY_TAG_CONFLICT
#define SY_TAG_DISAGREEMENT     "disagreement"     /* import: sources differ */

/* The sources: "shenyue" is extract's own rules; `proposers` (top level,
 * a mapping source name -> mapping) says what each source is: version,
 * format it came in, model_version, when it was imported. */
#define SY_SOURCE_SELF          "shenyue"
#define SY_VIA_PROPAGATE        "propagate"
#define SY_VIA_BULK             "bulk"

#endif
