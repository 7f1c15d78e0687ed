/* paths.h - where an annotation file goes and how it names its report. */
#ifndef SY_PATHS_H
#define SY_PATHS_H

/* The annotation file for REPORT: NAME.yaml for NAME.txt (other names get
 * .yaml appended), in OUTDIR, or beside the report when OUTDIR is NULL.
 * Returns a new string (caller frees), NULL on OOM. */
char *sy_annot_path_for(const char *report, const char *outdir);

/* REPORT's path relative to the folder that holds ANNOT_PATH, when both
 * exist and can be resolved; else REPORT as given.  New string (caller
 * frees), NULL on OOM. */
char *sy_source_path_for(const char *report, const char *annot_path);

/* mkdir -p DIR (0777 less the umask).  SY_ERR_IO naming the folder that
 * could not be made. */
#include "base/error.h"
sy_status sy_make_dirs(const char *dir, sy_error *err);

#endif
