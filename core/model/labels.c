/* labels.c - see labels.h */
#include "model/labels.h"

#include <string.h>

#include "base/i18n.h"
#include "model/schema.h"

const char *sy_status_label(sy_review_status s)
{
	/* TRANSLATORS: the review statuses as the screen and the summaries
	 * show them (in files they stay pending, accepted, fixed, rejected,
	 * added). */
	static const char *const label[SY_STATUS_COUNT] = {
		[SY_PENDING] = N_("pending"), [SY_ACCEPTED] = N_("accepted"),
		[SY_FIXED] = N_("fixed"), [SY_REJECTED] = N_("rejected"),
		[SY_ADDED] = N_("added"),
	};

	if ((unsigned)s >= SY_STATUS_COUNT || !label[s])
		return "?";
	return _(label[s]);
}

const char *sy_tag_label(const char *tag)
{
	/* TRANSLATORS: tags as the screen shows them; in files the tag
	 * stays as written on the left. */
	static const char *const tags[][2] = {
		{ SY_TAG_INCONSISTENT, N_("inconsistent") },
		{ SY_TAG_NUMBERING_SKIP, N_("numbering-skip") },
		{ SY_TAG_NUMBERING_REPEAT, N_("numbering-repeat") },
		{ SY_TAG_MARKER_STYLE, N_("marker-style") },
		{ SY_TAG_LOST_ANCHOR, N_("lost-anchor") },
		{ SY_TAG_CONFLICT, N_("conflict") },
		{ "borderline", N_("borderline") },
		{ "checked-source", N_("checked-source") },
		{ "unclear", N_("unclear") },
		{ "ocr-error", N_("ocr-error") },
		{ "duplicate", N_("duplicate") },
		{ "needs-discussion", N_("needs-discussion") },
	};

	if (!tag)
		return "";
	for (size_t i = 0; i < sizeof tags / sizeof *tags; i++)
		if (!strcmp(tag, tags[i][0]))
			return _(tags[i][1]);
	return tag;
}
