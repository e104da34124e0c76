/* collate-import.h — reading datasets from other tools into a new project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "collate-export.h"
#include "collate-project.h"

G_BEGIN_DECLS

/* NULL-terminated: "brat", "label-studio", "jsonl" */
const char *const *collate_import_list_formats (void);
gboolean           collate_import_has_format   (const char *format);

/* Refused before parsing */
#define COLLATE_IMPORT_MAX_FILE_SIZE  (G_GUINT64_CONSTANT (512) * 1024 * 1024)

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
 * Everything is validated as strictly as the project loader; the error names
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

/* ── For the importers only (collate-import-*.c) ── */
#ifdef COLLATE_IMPORT_COMPILATION

typedef struct _CollateImporter CollateImporter;

struct _CollateImporter
{
  CollateProject      *project;
  CollateExportReport *report;
  GCancellable        *cancellable;
  GHashTable          *taken_ids;   /* every id used so far */
  guint64              next;        /* for fresh ids */
  /* progress over the inputs */
  guint                input;
  guint                n_inputs;
  int                  last_percent;
  void               (*progress) (CollateImporter *importer, double fraction);
  gpointer             progress_data;
};

/* How far the importer is in the current input (0..1) */
void        collate_importer_progress     (CollateImporter *importer,
                                           double           within_input);

gboolean collate_import_brat         (CollateImporter *importer, GFile *input, GError **error);
gboolean collate_import_label_studio (CollateImporter *importer, GFile *input, GError **error);
gboolean collate_import_jsonl        (CollateImporter *importer, GFile *input, GError **error);

/* Reads a whole file (size-capped, UTF-8 checked, BOM dropped) */
char       *collate_importer_read_text    (CollateImporter *importer,
                                           GFile           *file,
                                           gsize           *length,
                                           GError         **error);
/* @wanted if free and usable as an id, else a fresh "PREFIX<n>"; the
 * result is owned by the importer (valid while it lives) */
const char *collate_importer_claim_id     (CollateImporter *importer,
                                           const char      *wanted,
                                           const char      *prefix);
/* A new document; @title NULL guesses one from the text */
CollateDocument *collate_importer_add_document (CollateImporter *importer,
                                           const char      *wanted_id,
                                           const char      *title,
                                           const char      *source,
                                           const char      *text,
                                           gsize            length,
                                           const char      *where,
                                           GError         **error);
/* Checks [start, end) against the document (and @quote if not NULL),
 * ensures the label, inserts the span; errors start with @where */
CollateAnnotation *collate_importer_add_span (CollateImporter *importer,
                                           CollateDocument *document,
                                           const char      *wanted_id,
                                           gint64           start,
                                           gint64           end,
                                           const char      *label,
                                           const char      *quote,
                                           const char      *note,
                                           GHashTable      *attributes,
                                           const char      *author,
                                           const char      *created,
                                           const char      *modified,
                                           const char      *where,
                                           GError         **error);
CollateLink *collate_importer_add_link    (CollateImporter *importer,
                                           const char      *wanted_id,
                                           const char      *label,
                                           const char      *from_id,
                                           const char      *to_id,
                                           const char      *note,
                                           const char      *author,
                                           const char      *created,
                                           const char      *modified,
                                           const char      *where,
                                           GError         **error);
/* Parses JSON text with the size and depth caps of the project loader */
gboolean    collate_importer_check_json_depth (const char *data,
                                           gsize       length,
                                           const char *where,
                                           GError    **error);

#endif /* COLLATE_IMPORT_COMPILATION */

G_END_DECLS
