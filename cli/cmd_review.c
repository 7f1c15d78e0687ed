/* cmd_review.c - `shenyue review`: set up the review screen and run it. */
#include "config.h"
#include "config/settings.h"

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "actions.h"
#include "app.h"
#include "args.h"
#include "base/i18n.h"
#include "base/path.h"
#include "commands.h"
#include "extract/document.h"
#include "format/paths.h"
#include "session/lock.h"
#include "session/review.h"
#include "session/queue.h"
#include "base/i18n.h"
#include "wake.h"

static const char REVIEW_HELP[] = N_(
	"usage: shenyue review [--order document|uncertain|disagreement] [OPTIONS]\n"
	"                      REPORT|FOLDER...\n"
	"\n"
	"Review the sections and statistics of each REPORT (or of every *.txt\n"
	"in FOLDER, in name order).  A report without an annotation file\n"
	"(NAME.yaml beside it) is extracted on opening; one with a file is\n"
	"resumed at the item where it was left.  Every decision is saved at once.\n"
	"A document (web page, .docx, .pdf, .ofd, .doc; told by its content),\n"
	"given or in FOLDER, is converted first as extract does: its text kept\n"
	"as NAME.txt beside it and reviewed; a changed document is converted\n"
	"again and its annotation file re-anchored.\n"
	"\n"
	"Opening a report takes its lock (NAME.yaml.lock: user, host, pid); a\n"
	"second session is told who holds it and may open it read-only, break\n"
	"the lock, or leave the report.  A lock of a process gone from this host\n"
	"is taken over without asking; another host's only with --break-lock.\n"
	"\n"
	"  --theme NAME|FILE  dark (default), light, high-contrast, mono, or a path\n"
	"  --no-color         attributes only (also when NO_COLOR is set)\n"
	"  --no-mouse         do not ask the terminal for mouse clicks\n"
	"  --read-only        look without deciding (and without taking the lock)\n"
	"  --adjudicate A B -o OUT\n"
	"                     settle where two reviewers differ: A and B are their\n"
	"                     annotation files (or folders); OUT gets a merged file\n"
	"                     per report, items both agree on taken as they are,\n"
	"                     the others marked conflict and shown one by one\n"
	"                     (1 keeps A's version, 2 takes B's, e fixes)\n"
	"  --break-lock       take over the lock of a session that is gone (another\n"
	"                     host's too); two sessions writing one file overwrite\n"
	"                     each other's decisions\n"
	"  --shared           review together with other --shared sessions: no\n"
	"                     lock; each write merges what the others wrote\n"
	"  --order ORDER      the order ] and [ (and Space) visit pending items in:\n"
	"                     document (default: report by report, in the text),\n"
	"                     uncertain (lowest score first, across the batch),\n"
	"                     disagreement (items where sources disagree first)\n"
	"  --config FILE      settings (default ~/.config/shenyue/config.yaml)\n"
	"  --reviewer NAME    written into review.reviewer (default: the config's,\n"
	"                     else $USER)\n"
	"  --script FILE      read keys from FILE instead of the terminal; the\n"
	"                     screen goes nowhere (for tests and benchmarks)\n"
	"  --size COLSxROWS   the screen size with --script (default 80x24)\n"
	"  --dump FILE        with --script: write the screen as text to FILE\n"
	"                     at each :dump and at the end\n"
	"  --timing           print the time from the start to the first screen,\n"
	"                     and per key\n"
	"  -h, --help         this help and the keys\n"
	"\n"
	"Keys (defaults; change them under keys: in the config):\n");

/* --help: the options, then every action with its default keys. */
static void print_help(FILE *f)
{
	fputs(_(REVIEW_HELP), f);
	for (int a = SY_ACT_NONE + 1; a < SY_ACT_COUNT; a++)
		fprintf(f, "  %-12s %-13s %s\n", sy_action_default_keys((sy_action)a),
			sy_action_name((sy_action)a), sy_action_help((sy_action)a));
}

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
	sy_wake(SY_WAKE_STOP);           /* a key wait ends even if about to begin */
}

/* SIGHUP (the SSH connection dropped), SIGTERM, SIGINT: the key wait
 * ends (tui/wake.h), the loop saves and leaves, the terminal is restored. */
static void catch_signals(void)
{
	struct sigaction sa;
	sy_wake_init();
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
}

/* A UTF-8 locale for curses, whatever the environment says. */
static void utf8_locale(void)
{
	const char *cs;
	setlocale(LC_ALL, "");
	cs = nl_langinfo(CODESET);
	if (!cs || strcmp(cs, "UTF-8") != 0)
		if (!setlocale(LC_CTYPE, "C.UTF-8"))
			setlocale(LC_CTYPE, "en_US.UTF-8");
}

/* The options into *O (the screen's, app.h); -1 to go on, else an exit
 * status. */
static int parse_opts(int argc, char **argv, sy_app_opts *o)
{
	static const struct option longopts[] = {
		{ "theme", required_argument, NULL, 't' },
		{ "no-color", no_argument, NULL, 'C' },
		{ "no-mouse", no_argument, NULL, 'M' },
		{ "read-only", no_argument, NULL, 'R' },
		{ "break-lock", no_argument, NULL, 'B' },
		{ "shared", no_argument, NULL, 'H' },
		{ "adjudicate", required_argument, NULL, 'A' },
		{ "output", required_argument, NULL, 'o' },
		{ "config", required_argument, NULL, 'c' },
		{ "reviewer", required_argument, NULL, 'r' },
		{ "script", required_argument, NULL, 's' },
		{ "size", required_argument, NULL, 'S' },
		{ "dump", required_argument, NULL, 'd' },
		{ "timing", no_argument, NULL, 'T' },
		{ "order", required_argument, NULL, 'O' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	memset(o, 0, sizeof *o);
	o->color = o->mouse = true;
	o->cols = 80;
	o->rows = 24;
	optind = 1;
	while ((c = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
		switch (c) {
		case 't': o->theme = optarg; break;
		case 'C': o->color = false; break;
		case 'M': o->mouse = false; break;
		case 'R': o->open_flags |= SY_OPEN_READ_ONLY; break;
		case 'B': o->open_flags |= SY_OPEN_BREAK_LOCK; break;
		case 'H': o->open_flags |= SY_OPEN_SHARED; break;
		case 'A': o->adjudicate = optarg; break;
		case 'o': o->out = optarg; break;
		case 'c': o->config = optarg; break;
		case 'r': o->reviewer = optarg; break;
		case 's': o->script = optarg; break;
		case 'd': o->dump = optarg; break;
		case 'T': o->timing = true; break;
		case 'O': {
			sy_order ord;
			if (!sy_order_parse(optarg, &ord)) {
				sy_warn(_("review: --order wants document, uncertain or disagreement"));
				return 2;
			}
			o->order = (int)ord;
			break;
		}
		case 'S':
			if (sscanf(optarg, "%dx%d", &o->cols, &o->rows) != 2 ||
			    o->cols < 20 || o->rows < 5 || o->cols > 1000 || o->rows > 500) {
				sy_warn("review: --size wants COLSxROWS, e.g. 80x24");
				return 2;
			}
			break;
		case 'h': print_help(stdout); return 0;
		default: print_help(stderr); return 2;
		}
	}
	if (o->adjudicate && (optind + 1 != argc || !o->out)) {
		sy_warn("review: --adjudicate A B -o OUT: two reviewers' files or "
			"folders and a folder for the result");
		return 2;
	}
	if (o->out && !o->adjudicate) {
		sy_warn("review: -o goes with --adjudicate");
		return 2;
	}
	if (optind >= argc) {
		sy_warn("review: no report or folder given");
		fputs(_("usage: shenyue review [OPTIONS] REPORT|FOLDER...  (--help for more)\n"),
		      stderr);
		return 2;
	}
	o->paths = argv + optind;
	o->npaths = (size_t)(argc - optind);
	return -1;
}

static void warn_cb(void *ctx, const char *msg)
{
	(void)ctx;
	sy_warn("%s", msg);
}

/* Take the document PATH in (extract/document.h) under its annotation
 * file's lock (unless O says read-only or shared).  *TEXT: the text to
 * review instead of PATH, or NULL (PATH is no document).  A lock someone
 * holds leaves the document as it is: its text, when there is one, is
 * opened and the screen says who holds it.  0, or 1 with the message
 * said. */
static int take_document(const char *path, const sy_app_opts *o, char **text)
{
	bool ro = o->open_flags & SY_OPEN_READ_ONLY;
	bool locking = !ro && !(o->open_flags & SY_OPEN_SHARED);
	char *tp = sy_document_text_path(path, NULL);
	char *annot = tp ? sy_annot_path_for(tp, NULL) : NULL;
	sy_lock lock = { 0 };
	sy_error err;
	sy_status st = SY_OK;

	*text = NULL;
	if (!annot) {
		st = sy_fail(&err, SY_ERR_NOMEM, _("%s: out of memory"), path);
	} else if (locking &&
		   (st = sy_lock_acquire(annot, o->reviewer, (o->open_flags & SY_OPEN_BREAK_LOCK)
					 ? SY_LOCK_BREAK : SY_LOCK_NORMAL,
					 &lock, NULL, NULL, &err)) != SY_OK) {
		if (st == SY_ERR_EXISTS && access(tp, F_OK) == 0) {
			*text = tp;   /* its review shows who holds it */
			tp = NULL;
			st = SY_OK;
		}
	} else {
		st = sy_document_take(path, !ro, text, &err);
	}
	sy_lock_release(&lock);
	free(tp);
	free(annot);
	if (st != SY_OK) {
		sy_warn("%s", err.msg);
		return 1;
	}
	return 0;
}

/* One document of a folder taken in (sy_each_folder_document). */
static int take_in_folder(const char *path, void *ctx)
{
	char *text;
	int status = take_document(path, ctx, &text);

	free(text);
	return status;
}

/* The documents in the folder DIR taken in (their texts, NAME.txt, are
 * then among the folder's reports).  0, or 1 with the messages said. */
static int take_folder(const char *dir, const sy_app_opts *o)
{
	return sy_each_folder_document(dir, take_in_folder, (void *)o);
}

/* Each document among O's paths, or in its folders, converted (a folder's
 * by take_folder); *OWNED gets the new path list when a document's text
 * replaces it (freed by the caller with its strings).  0, or 1 when a
 * document was refused (said; nothing opens). */
static int take_documents(sy_app_opts *o, char ***owned)
{
	int status = 0;
	char **v = NULL;

	*owned = NULL;
	for (size_t i = 0; i < o->npaths; i++) {
		char *text = NULL;

		if (sy_is_dir(o->paths[i])) {
			status |= take_folder(o->paths[i], o);
			continue;
		}
		if (!sy_document_kind(o->paths[i], true))
			continue;
		status |= take_document(o->paths[i], o, &text);
		if (!text)
			continue;
		if (!v && !(v = calloc(o->npaths + 1, sizeof *v))) {
			free(text);
			sy_warn("%s", _("out of memory"));
			return 1;
		}
		v[i] = text;
	}
	if (v) {
		for (size_t i = 0; i < o->npaths; i++)
			if (!v[i])
				v[i] = o->paths[i];
		*owned = v;
	}
	return status;
}

/* Free what take_documents made: the strings that are not O's own. */
static void free_documents(char **v, char *const *args, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		if (v[i] != args[i])
			free(v[i]);
	free(v);
}

/* the usage and help of `shenyue review`, for the table in main.c */
const char *const sy_help_review = REVIEW_HELP;

int sy_cmd_review(int argc, char **argv)
{
	double t0 = sy_app_now_ms();
	sy_app_opts o;
	sy_app *app;
	sy_error err;
	char **docs = NULL, *const *args;
	int rc = parse_opts(argc, argv, &o);

	if (rc >= 0)
		return rc;
	args = o.paths;
	utf8_locale();
	if (getenv("SHENYUE_JOURNAL_BYTES"))   /* tests: 0 forces the journal */
		sy_journal_min_bytes = (size_t)strtoull(getenv("SHENYUE_JOURNAL_BYTES"),
							NULL, 10);
	o.t0 = t0;
	o.stop = &got_signal;
	o.warn = warn_cb;
	if (!o.adjudicate) {       /* documents converted before the screen */
		if (take_documents(&o, &docs)) {
			free_documents(docs, args, o.npaths);
			return 1;
		}
		if (docs)
			o.paths = docs;
	}
	if (sy_app_open(&app, &o, &err) != SY_OK) {
		sy_warn("%s", err.msg);
		free_documents(docs, args, o.npaths);
		return 1;
	}
	catch_signals();
	rc = sy_app_run(app);
	sy_app_close(app);
	free_documents(docs, args, o.npaths);
	return rc;
}
