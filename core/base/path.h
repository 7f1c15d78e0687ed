/* path.h - file names put together and taken apart (path.c).  Strings
 * only: nothing here touches the file system.
 */
#ifndef SY_PATH_H
#define SY_PATH_H

/* DIR and NAME joined by one '/' (none added when DIR ends with one) as
 * a new string; the caller frees it.  NULL on OOM. */
char *sy_path_join(const char *dir, const char *name);

/* The folder of PATH as a new string ("." without a slash, "/" for a
 * file in the root); caller frees.  NULL on OOM. */
char *sy_dir_of(const char *path);

#endif
