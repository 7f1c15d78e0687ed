/* linkpath.h - the file a path stands for, when its last component is a
 * symbolic link.
 *
 * An annotation file reached through a symlink is the link's target: its
 * lock (lock.h) and journal (journal.h) live beside the target, and a
 * save (sy_atomic_open in annot_io.h) replaces the target and keeps the
 * link.  Folders on the way are left as they are: every path that reaches
 * the same folder names the same NAME.yaml.lock in it.
 */
#ifndef SY_LINKPATH_H
#define SY_LINKPATH_H

/* PATH with its last component's symlinks followed (a chain of up to 40;
 * a relative target is taken relative to the link's folder).  A dangling
 * link gives the path it points to (a file to create there).  PATH itself
 * when it is not a symlink, or on a loop or a link that cannot be read
 * (the later open then says why).  New string, caller frees; NULL on OOM. */
char *sy_link_target(const char *path);

#endif
