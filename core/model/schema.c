/* schema.c - the keys of format 1 as arrays indexed by field id
 * (schema.h), for code that names a field at run time: messages, labels,
 * tables.  Static storage, never freed. */
#include "model/schema.h"

const char *const sy_section_keys[SY_SEC_COUNT] = {
	SY_SECTION_FIELDS(SY_FIELD_KEY)
};
const char *const sy_stat_keys[SY_STAT_COUNT] = {
	SY_STAT_FIELDS(SY_FIELD_KEY)
};
const char *const sy_doc_keys[SY_DOC_COUNT] = {
	SY_DOC_FIELDS(SY_FIELD_KEY)
};
const char *const sy_review_keys[SY_REV_COUNT] = {
	SY_REVIEW_FIELDS(SY_FIELD_KEY)
};
