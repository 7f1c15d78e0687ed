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
	{ "labelstudio", sy_pred_read_labelstudio },
	{ "brat", sy_pred_read_brat },
	{ "csv", sy_pred_read_csv },
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
	if (!strcasecmp(dot, ".jsonl") || !strcasecmp(dot, ".ndjson"))
		return "jsonl";
	if (!strcasecmp(dot, ".json"))
		return "labelstudio";
	if (!strcasecmp(dot, ".ann"))
		return "brat";
	if (!strcasecmp(dot, ".csv"))
		return "csv";
	if (!strcasecmp(dot, ".yaml") || !strcasecmp(dot, ".yml"))
		return "shenyue";
	return NULL;
}
