/* writable.h - whether an annotation file can be written where it is,
 * and if not, why (a review then opens it read-only and says so). */
#ifndef SY_WRITABLE_H
#define SY_WRITABLE_H

/* NULL when ANNOT_PATH (a symlink: its target, linkpath.h) can be saved:
 * its folder takes new files (the lock, the temporary file of a save)
 * and the file, when it exists, may be written.  Otherwise why not, a
 * static string: "read-only file system", "folder not writable", "file
 * not writable".  Asks the kernel (access(2)) as the real user: root
 * passes permission bits, as its writes would. */
const char *sy_why_read_only(const char *annot_path);

#endif
