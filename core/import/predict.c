/* predict.c - the readers of predictions by format name (predict.h). */
#include "import/predict.h"

#include <string.h>
#include <strings.h>

static const struct {
	const char *name;
	sy_pred_reader read;
} READERS[] = {
	{ "jsonl", sy_pred_read_jsonl },
	{ "shenyue", sy_pred_read_annot },
};

sy_pred_reader sy_pred_reader_for(const char *f)
{
	for (size_t i = 0; f && i < sizeof READERS / sizeof *READERS; i++)
		if (!strcmp(READERS[i].name, f))
			return READERS[i].read;
	return NULL;
}

const char *sy_pred_guess_format(const char *name)
{
	const char *dot = name ? strrchr(name, '.') : NULL;

	if (!dot || strchr(dot, '/'))
		return NULL;
	if (!strcasecmp(dot, ".jsonl") || !strcasecmp(dot, ".json") ||
	    !strcasecmp(dot, ".ndjson"))
		return "jsonl";
	if (!strcasecmp(dot, ".yaml") || !strcasecmp(dot, ".yml"))
		return "shenyue";
	return NULL;
}
