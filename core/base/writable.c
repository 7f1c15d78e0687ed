/* writable.c - see writable.h */
#include "base/writable.h"
#include "base/fdio.h"
#include "base/linkpath.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

const char *sy_why_read_only(const char *annot_path)
{
	char *target = sy_link_target(annot_path);
	char *dir = target ? sy_dir_of(target) : NULL;
	const char *why = NULL;

	if (!dir) {
		free(target);
		return NULL; /* out of memory: let the open say so */
	}
	if (access(dir, W_OK) < 0 && (errno == EROFS || errno == EACCES ||
				      errno == EPERM))
		why = errno == EROFS ? "read-only file system"
				     : "folder not writable";
	else if (access(target, W_OK) < 0 && (errno == EROFS ||
						 errno == EACCES || errno == EPERM))
		why = errno == EROFS ? "read-only file system"
				     : "file not writable";
	free(dir);
	free(target);
	return why;
}
