/* test_import.c - the prediction readers (core/import/predict.h) on
 * files written here: what a reader hands its callback (kinds, spans,
 * given flags, scores, the document's id, path, text and line), blank
 * lines, and the errors with their line; a callback's error stops the
 * reader.  The applier is tested through the command (tests/import.sh). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import/predict.h"
#include "tap.h"

/* What the callback saw: copies of the first documents. */
typedef struct seen {
	int ndocs;
	char id[8][32], path[8][64], mv[8][32];
	size_t line[8], n[8], text_len[8];
	sy_pred_item items[8][8];
	char itext[8][8][32];
	sy_status stop_at;   /* returned for the 2nd document when set */
} seen;

static sy_status collect(void *ctx, const sy_pred_doc *d, sy_error *err)
{
	seen *s = ctx;
	int k = s->ndocs++;

	if (k >= 8)
		return SY_OK;
	snprintf(s->id[k], sizeof s->id[k], "%s", d->id ? d->id : "(null)");
	snprintf(s->path[k], sizeof s->path[k], "%s", d->path ? d->path : "(null)");
	snprintf(s->mv[k], sizeof s->mv[k], "%s",
		 d->model_version ? d->model_version : "(null)");
	s->line[k] = d->line;
	s->n[k] = d->n;
	s->text_len[k] = d->text ? d->text_len : 0;
	for (size_t i = 0; i < d->n && i < 8; i++) {
		s->items[k][i] = d->items[i];
		snprintf(s->itext[k][i], 32, "%s", d->items[i].text ? d->items[i].text : "");
		s->items[k][i].text = NULL;   /* the reader's, gone after the call */
		s->items[k][i].unit = NULL;
		s->items[k][i].subject = NULL;
		s->items[k][i].marker = NULL;
		s->items[k][i].title = NULL;
		s->items[k][i].id = NULL;
	}
	if (s->stop_at && k == 1)
		return sy_fail(err, s->stop_at, "stopped by the callback");
	return SY_OK;
}

static char dir[] = "/tmp/sy-test-import.XXXXXX";

/* Write TEXT to the file NAME in the test folder; its path (static). */
static const char *file_of(const char *name, const char *text)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f))
		exit(99);
	return path;
}

/* Read TEXT as JSONL: the status, *S what was seen, ERR the message. */
static sy_status read_text(const char *text, seen *s, sy_error *err)
{
	memset(s, 0, sizeof *s);
	err->msg[0] = 0;
	return sy_pred_read_jsonl(file_of("p.jsonl", text), collect, s, err);
}

static void has_msg(const sy_error *err, const char *want, const char *what)
{
	ok(strstr(err->msg, want) != NULL, "%s: the message says '%s'", what, want);
	if (!strstr(err->msg, want))
		printf("#   got: %s\n", err->msg);
}

int main(void)
{
	seen s;
	sy_error err;
	sy_status st;

	if (!mkdtemp(dir))
		return 99;

	/* export's shape, with blank lines, an entities line, a numeric id */
	st = read_text(
		"{\"id\": \"r1\", \"text\": \"一、工作\\n办理12件\", "
		"\"label\": [[0, 4, \"SECTION\"], [7, 10, \"STAT\"]], "
		"\"meta\": {\"file\": \"x/r1.yaml\", \"model_version\": \"m-3\"}, "
		"\"items\": [{\"level\": 1, \"marker\": \"一、\", \"title\": \"工作\", \"value\": null}, "
		"{\"value\": 12, \"unit\": \"件\", \"approx\": null, \"subject\": null, "
		"\"score\": 0.25, \"text\": \"12件\"}]}\n"
		"\n   \n"
		"{\"id\": 7, \"entities\": [{\"start_offset\": 2, \"end_offset\": 5, "
		"\"label\": \"statistic\", \"value\": 3.5, \"approx\": \"about\"}]}\n",
		&s, &err);
	ok(st == SY_OK && s.ndocs == 2, "two documents read (blank lines skipped)");
	is_str(s.id[0], "r1", "the id");
	is_str(s.path[0], "x/r1.yaml", "meta.file is the path");
	is_str(s.mv[0], "m-3", "meta.model_version");
	ok(s.text_len[0] == strlen("一、工作\n办理12件"), "the text and its length in bytes");
	ok(s.line[0] == 1 && s.line[1] == 4, "each document's line (1, 4)");
	ok(s.n[0] == 2 && s.items[0][0].kind == SY_PRED_SECTION &&
	   s.items[0][1].kind == SY_PRED_STAT, "the kinds of the labels");
	ok(s.items[0][0].level_given && s.items[0][0].level == 1,
	   "a section's level is given");
	ok(s.items[0][1].start == 7 && s.items[0][1].end == 10, "a span");
	ok(s.items[0][1].value_given && s.items[0][1].has_value &&
	   s.items[0][1].value == 12, "a value given");
	ok(s.items[0][1].unit_given && s.items[0][1].approx_given &&
	   s.items[0][1].approx == SY_APPROX_NONE && s.items[0][1].subject_given &&
	   !s.items[0][1].value_max_given, "given as null, and not given, told apart");
	ok(s.items[0][1].has_score && s.items[0][1].score == 0.25, "the score");
	is_str(s.itext[0][1], "12件", "the stated text");
	is_str(s.id[1], "7", "a numeric id as text");
	ok(s.n[1] == 1 && s.items[1][0].kind == SY_PRED_STAT &&
	   s.items[1][0].start == 2 && s.items[1][0].end == 5 &&
	   s.items[1][0].value == 3.5 && s.items[1][0].approx == SY_APPROX_ABOUT,
	   "doccano entities with their fields");
	ok(s.items[1][0].line == 4, "an item's line is its document's");

	/* errors, each with its line */
	st = read_text("{\"id\": \"a\", \"label\": []}\n{\"id\": \"b\", \"label\": [[0, 1, \"STAT\"]\n", &s, &err);
	ok(st == SY_ERR_FORMAT && s.ndocs == 1, "malformed JSON stops the reader after the good line");
	has_msg(&err, "p.jsonl:2:", "malformed JSON");
	st = read_text("{\"label\": [[0, 1, \"STAT\"]]} {}\n", &s, &err);
	ok(st == SY_ERR_FORMAT && s.ndocs == 0, "two objects on one line are refused");
	st = read_text("[1, 2]\n", &s, &err);
	ok(st == SY_ERR_FORMAT, "a line that is not an object is refused");
	has_msg(&err, "p.jsonl:1: not a JSON object", "an array");
	st = read_text("\n{\"label\": [[3, 1, \"STAT\"]]}\n", &s, &err);
	has_msg(&err, "p.jsonl:2: label 1: the span starts after it ends", "start after end");
	st = read_text("{\"label\": [[0, 1, \"STAT\"], [-1, 1, \"STAT\"]]}\n", &s, &err);
	has_msg(&err, "p.jsonl:1: label 2: not [START, END, LABEL]", "a negative offset");
	st = read_text("{\"label\": [[0, 1, \"PERSON\"]]}\n", &s, &err);
	has_msg(&err, "label 1: the label is neither SECTION nor STAT", "an unknown label");
	st = read_text("{\"label\": [[0, 1, \"STAT\"]], \"items\": [{\"score\": 1.5}]}\n", &s, &err);
	has_msg(&err, "label 1: score is not a number in [0, 1]", "a score above 1");
	st = read_text("{\"label\": [[0, 1, \"STAT\"]], \"items\": []}\n", &s, &err);
	has_msg(&err, "items and label are not of the same length", "items shorter");
	st = read_text("{\"label\": [[0, 1, \"STAT\"]], \"items\": [{\"approx\": \"nearly\"}]}\n", &s, &err);
	has_msg(&err, "approx is not null, over, under, about or range", "a bad approx");
	st = read_text("{\"label\": [[0, 1, \"STAT\"]], \"items\": [{\"unit\": 5}]}\n", &s, &err);
	has_msg(&err, "a text field is not a string or null", "a unit that is a number");

	/* the callback stops the reader with its own error */
	memset(&s, 0, sizeof s);
	s.stop_at = SY_ERR_IO;
	st = sy_pred_read_jsonl(file_of("q.jsonl", "{}\n{}\n{}\n"), collect, &s, &err);
	ok(st == SY_ERR_IO && s.ndocs == 2, "a callback's error stops the reader and is returned");

	/* a file that is missing */
	st = sy_pred_read_jsonl("/nonexistent/p.jsonl", collect, &s, &err);
	ok(st == SY_ERR_IO && strstr(err.msg, "/nonexistent/p.jsonl"), "a missing file is named");

	/* formats */
	is_str(sy_pred_guess_format("a/b.JSONL"), "jsonl", ".JSONL is jsonl");
	is_str(sy_pred_guess_format("run.yaml"), "shenyue", ".yaml is an annotation file");
	ok(sy_pred_guess_format("a.d/b") == NULL, "no extension: no guess");
	ok(sy_pred_reader_for("jsonl") == sy_pred_read_jsonl &&
	   sy_pred_reader_for("shenyue") == sy_pred_read_annot &&
	   sy_pred_reader_for("conll") == NULL, "the readers by name");

	unlink(file_of("p.jsonl", ""));
	unlink(file_of("q.jsonl", ""));
	rmdir(dir);
	return tap_done();
}
