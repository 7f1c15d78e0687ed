/* conv_ole.c - Word 97-2003 (.doc) and WPS (.wps) documents: the legacy
 * binary formats (OLE compound files), read through a converter Debian
 * packages - catdoc, else antiword - when one is installed.  No library
 * in Debian reads them; these two programs are the small, long-kept
 * readers of exactly this format.  When neither is installed the
 * message names the packages.
 *
 * The document's bytes go to a private temporary file that the program
 * reads; its standard output (UTF-8, one paragraph a line, no wrapping)
 * is the text, with blanks collapsed as every converter does.
 */
#include "convert/convert.h"
#include "base/fdio.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static bool ole_sniff(const unsigned char *b, size_t n)
{
	return n >= 8 && !memcmp(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
}

/* Is PROG an executable file in a folder of $PATH? */
static bool on_path(const char *prog)
{
	const char *path = getenv("PATH");
	char buf[4096];

	while (path && *path) {
		const char *end = strchr(path, ':');
		size_t n = end ? (size_t)(end - path) : strlen(path);
		if (n && n + strlen(prog) + 2 < sizeof buf) {
			memcpy(buf, path, n);
			buf[n] = '/';
			strcpy(buf + n + 1, prog);
			if (access(buf, X_OK) == 0)
				return true;
		}
		if (!end)
			break;
		path = end + 1;
	}
	return false;
}

/* Write B[0..N) to a new temporary file; its path into TMP (at least
 * 4096 bytes).  False (errno set) on failure, nothing left behind. */
static bool write_temp(const unsigned char *b, size_t n, char *tmp)
{
	const char *dir = getenv("TMPDIR");
	int fd;

	if (!dir || !*dir || strlen(dir) > 4000)
		dir = "/tmp";
	snprintf(tmp, 4096, "%s/shenyue-doc-XXXXXX", dir);
	fd = mkstemp(tmp);
	if (fd < 0)
		return false;
	if (sy_write_all(fd, b, n) != 0) {
		int e = errno;
		close(fd);
		unlink(tmp);
		errno = e;
		return false;
	}
	if (close(fd) != 0) {
		unlink(tmp);
		return false;
	}
	return true;
}

/* Run ARGV with its standard output into OUT (lines through sy_lines);
 * its exit status into *STATUS (-1 when it could not be started). */
static bool run(char *const argv[], sy_outbuf *out, int *status)
{
	int p[2];
	pid_t pid;
	posix_spawn_file_actions_t fa;
	sy_lines l;
	char buf[65536];
	sy_outbuf line = { 0 };
	int ws;

	*status = -1;
	if (pipe(p) != 0)
		return false;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	posix_spawn_file_actions_addclose(&fa, p[0]);
	posix_spawn_file_actions_addclose(&fa, p[1]);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		close(p[0]);
		close(p[1]);
		return false;
	}
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	memset(&l, 0, sizeof l);
	l.out = out;
	for (;;) {
		ssize_t r = read(p[0], buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		for (ssize_t i = 0; i < r; i++) {
			if (buf[i] == '\n') {
				sy_lines_text(&l, line.p ? line.p : "", line.n);
				sy_lines_break(&l);
				line.n = 0;
			} else if (buf[i] != '\f') {
				sy_outbuf_add(&line, buf + i, 1);
			}
		}
	}
	close(p[0]);
	if (line.n)
		sy_lines_text(&l, line.p, line.n);
	free(line.p);
	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR)
			return false;
	*status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
	return sy_lines_finish(&l) && !line.oom;
}

static sy_status ole_convert(const char *name, const unsigned char *b,
			     size_t n, sy_outbuf *out, sy_error *err)
{
	char tmp[4096];
	const char *tool = on_path("catdoc") ? "catdoc"
			   : on_path("antiword") ? "antiword" : NULL;
	char *catdoc[] = { "catdoc", "-d", "utf-8", "-w", tmp, NULL };
	char *antiword[] = { "antiword", "-m", "UTF-8.txt", "-w", "0", tmp,
			     NULL };
	int status;
	bool ok;

	if (!tool)
		return sy_fail(err, SY_ERR_USAGE,
			       "%s: a Word 97-2003 or WPS document: this "
			       "machine has no reader for it; install catdoc "
			       "or antiword (apt-get install catdoc), or save "
			       "it as .docx; nothing written", name);
	if (!write_temp(b, n, tmp))
		return sy_fail(err, SY_ERR_IO, "%s: a temporary copy for %s: %s",
			       name, tool, strerror(errno));
	ok = run(tool[0] == 'c' ? catdoc : antiword, out, &status);
	unlink(tmp);
	if (!ok && status == -1)
		return sy_fail(err, SY_ERR_IO, "%s: %s could not be started",
			       name, tool);
	if (!ok)
		return sy_fail(err, SY_ERR_NOMEM, "%s: out of memory", name);
	if (status != 0)
		return sy_fail(err, SY_ERR_FORMAT, "%s: %s could not read it "
			       "(exit %d): corrupt, or not a Word document; "
			       "nothing written", name, tool, status);
	return SY_OK;
}

static const char *ole_version(void)
{
	return on_path("catdoc") ? "shenyue-doc 1 (catdoc)"
				 : "shenyue-doc 1 (antiword)";
}

const sy_converter sy_conv_ole = {
	"doc", "Word 97-2003 or WPS (.doc/.wps) document", ole_sniff,
	ole_convert, ole_version, NULL
};
