/* collate-import.h — reading datasets from other tools into a new project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "collate-export.h"
#include "collate-limits.h"
#include "collate-project.h"

G_BEGIN_DECLS

/* NULL-terminated: "brat", "label-studio", "jsonl" */
const char *const *collate_import_list_formats (void);
gboolean           collate_import_has_format   (const char *format);


/* Reads @inputs in @format into a new project with the default schema;
 * labels the schema lacks are added (collate_schema_ensure).
 *   brat:          folders (every NAME.txt with its NAME.ann, and the folder's
 *                  annotation.conf and visual.conf if present), or .txt/.ann
 *                  files (the other of each pair is found beside it);
 *   label-studio:  its JSON export (a list of tasks), or a folder written by
 *                  the label-studio export;
 *   jsonl:         one JSON object per line: Prodigy/spaCy "spans", doccano
 *                  "label": [[start, end, "LABEL"]] or doccano "entities" and
 *                  "relations", and Collate's own jsonl export.
 * Everything is validated as strictly as the project loader, within the
 * limits of collate-limits.h (a jsonl file is read a line at a time: its
 * lines are capped, not the file); the error names
 * the file and the line or record of the first problem, and nothing is
 * returned.  What a format holds that Collate does not (brat events, say) is
 * reported in @report (may be NULL) with counts. */
CollateProject *collate_import_files   (const char           *format,
                                        GFile *const         *inputs,
                                        guint                 n_inputs,
                                        CollateExportReport  *report,
                                        GCancellable         *cancellable,
                                        GError              **error);

/* As above, in a worker thread; the project is returned by _finish() and
 * @report_out (may be NULL) receives the report.  @progress (may be NULL)
 * is called with 0..1 on the caller's thread-default main context, and
 * @progress_notify frees @progress_data there when the import is done. */
void            collate_import_async   (const char           *format,
                                        GFile *const         *inputs,
                                        guint                 n_inputs,
                                        CollateProgressFunc   progress,
                                        gpointer              progress_data,
                                        GDestroyNotify        progress_notify,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
CollateProject *collate_import_finish  (GAsyncResult         *result,
                                        CollateExportReport **report_out,
                                        GError              **error);

G_END_DECLS
