/* labels.h - what the screen and the summaries SHOW for the statuses and
 * the tags shenyue sets itself: a label in the reader's language, beside
 * the data name that files, configs and scripts use (annot.h's
 * sy_status_name, schema.h's SY_TAG_*), which never changes.
 *
 * The labels are static strings of the catalogue (base/i18n.h): never
 * freed, never NULL.
 */
#ifndef SY_LABELS_H
#define SY_LABELS_H

#include "model/annot.h"

/* "pending" is shown as _("pending") ("待审核" in Chinese); "?" for a
 * value out of range. */
const char *sy_status_label(sy_review_status s);

/* The label of TAG: translated for the system tags (SY_TAG_*) and the
 * default tags of the tag picker (config/settings.c's list); any other
 * tag (the reviewer's own) is shown as it is written. */
const char *sy_tag_label(const char *tag);

#endif
