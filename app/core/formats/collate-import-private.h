/* collate-import-private.h — what the importers (collate-import-*.c) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "collate-import.h"
#include "collate-json-reader.h"

G_BEGIN_DECLS

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

/* Reads a whole file, size-capped, as it is (NUL-terminated) */
char       *collate_importer_read_file    (CollateImporter *importer,
                                           GFile           *file,
                                           gsize           *length,
                                           GError         **error);
/* Opens a file for reading a piece at a time, with the checks of
 * collate_importer_read_file() but the size cap (the reader caps what it
 * holds at once); @size receives its size */
GInputStream *collate_importer_open_file  (CollateImporter *importer,
                                           GFile           *file,
                                           guint64         *size,
                                           GError         **error);
/* Reads a whole file (size-capped, UTF-8 checked, BOM dropped; @had_bom,
 * if not NULL, says whether there was one) */
char       *collate_importer_read_text    (CollateImporter *importer,
                                           GFile           *file,
                                           gsize           *length,
                                           gboolean        *had_bom,
                                           GError         **error);
/* @wanted if free and usable as an id, else a fresh "PREFIX<n>"; the
 * result is owned by the importer (valid while it lives) */
const char *collate_importer_claim_id     (CollateImporter *importer,
                                           const char      *wanted,
                                           const char      *prefix);
/* A new document; @title NULL guesses one from the text; @metadata
 * (nullable, string → string, as collate_import_read_metadata() gives it)
 * is set on it before it joins the project */
CollateDocument *collate_importer_add_document (CollateImporter *importer,
                                           const char      *wanted_id,
                                           const char      *title,
                                           const char      *source,
                                           const char      *text,
                                           gsize            length,
                                           GHashTable      *metadata,
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
/* ── JSON records (jsonl lines, Label Studio tasks) ──
 * Errors name the JSON path only: the importer puts its file (and line) in
 * front of them. */

/* The member @name of @object, or NULL (also when @object is no object) */
const CollateJsonValue *collate_import_member        (const CollateJsonValue *object,
                                                      const char             *name);
/* The member @name if it is a string, else NULL */
const char             *collate_import_string_member (const CollateJsonValue *object,
                                                      const char             *name);
/* An id as doccano and Label Studio write them, a string or an integer;
 * NULL for anything else */
char                   *collate_import_id_text       (const CollateJsonValue *value);
/* A document's "metadata" as the exporters write it, checked as the
 * project loader checks it (collate_metadata_check_json()).  @value NULL
 * or null gives *@out NULL; else a table of strings borrowed from @value. */
gboolean                collate_import_read_metadata (const CollateJsonValue *value,
                                                      const CollateJsonPath  *path,
                                                      GHashTable            **out,
                                                      GError                **error);
/* An offset: an integer from 0 to G_MAXUINT32; @value NULL is "missing" */
gboolean                collate_import_get_offset    (const CollateJsonValue *value,
                                                      const CollateJsonPath  *path,
                                                      gint64                 *out,
                                                      GError                **error);

/* Parses JSON text with the size and depth caps of the project loader */
gboolean    collate_importer_check_json_depth (const char *data,
                                           gsize       length,
                                           const char *where,
                                           GError    **error);

G_END_DECLS
