/* collate-export.h — writing a project out as training and audit datasets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "collate-project.h"

G_BEGIN_DECLS

/* ── Formats ── */

typedef struct
{
  const char *name;         /* "jsonl", "brat", … as given to --format */
  const char *title;        /* short name for a menu (mark with N_(), show with _()) */
  const char *description;  /* one line (N_()) */
  const char *extension;    /* of a single-file output (".jsonl"), or NULL for a folder */
  gboolean    can_import;   /* collate_import_* reads it back */
} CollateExportFormat;

/* NULL-terminated, in a stable order */
const CollateExportFormat *const *collate_export_list_formats (void);
/* NULL if unknown */
const CollateExportFormat        *collate_export_lookup_format (const char *name);

/* ── Options ── */

typedef enum
{
  COLLATE_EXPORT_CONTEXT_SPAN,      /* nli: the quote itself */
  COLLATE_EXPORT_CONTEXT_SENTENCE,  /* nli: the sentence(s) around the quote */
} CollateExportContext;

#define COLLATE_TYPE_EXPORT_OPTIONS (collate_export_options_get_type ())

G_DECLARE_FINAL_TYPE (CollateExportOptions, collate_export_options, COLLATE, EXPORT_OPTIONS, GObject)

/* Properties (for binding to a dialog's widgets): "format" (string),
 * "labels" and "conll-labels" (GStrv), "seed" (guint64), "strict"
 * (boolean), "context" (guint, a CollateExportContext), "links" (boolean,
 * default TRUE), "pairs" (boolean).  The split is set
 * with the functions below. */
CollateExportOptions *collate_export_options_new          (const char           *format);
const char           *collate_export_options_get_format   (CollateExportOptions *self);
void                  collate_export_options_set_format   (CollateExportOptions *self,
                                                           const char           *format);
/* Span and/or link label names to keep (NULL: all).  Span labels given keep
 * only those spans; link labels given keep only those links; a link is kept
 * only when both of its spans are. */
const char *const    *collate_export_options_get_labels   (CollateExportOptions *self);
void                  collate_export_options_set_labels   (CollateExportOptions *self,
                                                           const char *const    *labels);
/* Percentages of documents for train, dev and test (summing to 100), or all
 * zero for no split.  The documents are shuffled with @seed first. */
void                  collate_export_options_get_split    (CollateExportOptions *self,
                                                           guint                *train,
                                                           guint                *dev,
                                                           guint                *test);
gboolean              collate_export_options_set_split    (CollateExportOptions *self,
                                                           guint                 train,
                                                           guint                 dev,
                                                           guint                 test,
                                                           GError              **error);
/* Parses "80,10,10" (or "80,20": no test set) */
gboolean              collate_export_options_parse_split  (CollateExportOptions *self,
                                                           const char           *text,
                                                           GError              **error);
gboolean              collate_export_options_has_split    (CollateExportOptions *self);
guint64               collate_export_options_get_seed     (CollateExportOptions *self);
void                  collate_export_options_set_seed     (CollateExportOptions *self,
                                                           guint64               seed);
/* TRUE: whatever the format cannot hold is an error, not a warning */
gboolean              collate_export_options_get_strict   (CollateExportOptions *self);
void                  collate_export_options_set_strict   (CollateExportOptions *self,
                                                           gboolean              strict);
/* FALSE: no links at all (the label list cannot say that: naming no link
 * label keeps every link) */
gboolean              collate_export_options_get_links    (CollateExportOptions *self);
void                  collate_export_options_set_links    (CollateExportOptions *self,
                                                           gboolean              links);
/* label-studio: one task per pair of documents, the two texts side by
 * side, so that links between them are relations (default FALSE: one task
 * per document) */
gboolean              collate_export_options_get_pairs    (CollateExportOptions *self);
void                  collate_export_options_set_pairs    (CollateExportOptions *self,
                                                           gboolean              pairs);
CollateExportContext  collate_export_options_get_context  (CollateExportOptions *self);
void                  collate_export_options_set_context  (CollateExportOptions *self,
                                                           CollateExportContext  context);
/* Span labels that become CoNLL entity tags (NULL: all) */
const char *const    *collate_export_options_get_conll_labels (CollateExportOptions *self);
void                  collate_export_options_set_conll_labels (CollateExportOptions *self,
                                                           const char *const    *labels);

/* Splits "A,B, C" into a NULL-terminated vector of trimmed, non-empty names */
char                **collate_export_split_list           (const char           *text);

/* ── Report: what a format could not hold, with counts ── */

#define COLLATE_TYPE_EXPORT_REPORT (collate_export_report_get_type ())

G_DECLARE_FINAL_TYPE (CollateExportReport, collate_export_report, COLLATE, EXPORT_REPORT, GObject)

CollateExportReport *collate_export_report_new            (void);
/* Adds @count to the warning @key; @message (printf-style) is kept from the
 * first call for that key and is a sentence without the count, e.g.
 * "cross-document links cannot be expressed in brat". */
void                 collate_export_report_add            (CollateExportReport *self,
                                                           const char          *key,
                                                           guint                count,
                                                           const char          *message_format,
                                                           ...) G_GNUC_PRINTF (4, 5);
guint                collate_export_report_get_n_warnings (CollateExportReport *self);
const char          *collate_export_report_get_key        (CollateExportReport *self,
                                                           guint                index);
const char          *collate_export_report_get_message    (CollateExportReport *self,
                                                           guint                index);
guint                collate_export_report_get_count      (CollateExportReport *self,
                                                           guint                index);
/* The count for @key, 0 if none */
guint                collate_export_report_lookup         (CollateExportReport *self,
                                                           const char          *key);
/* "message: N" lines, one per warning, or "" */
char                *collate_export_report_to_string      (CollateExportReport *self);
/* Counts of what was written */
guint                collate_export_report_get_n_documents (CollateExportReport *self);
guint                collate_export_report_get_n_spans    (CollateExportReport *self);
guint                collate_export_report_get_n_links    (CollateExportReport *self);
void                 collate_export_report_add_written    (CollateExportReport *self,
                                                           guint                n_documents,
                                                           guint                n_spans,
                                                           guint                n_links);
/* Records of the format's own kind written (NLI: pairs) */
guint                collate_export_report_get_n_records  (CollateExportReport *self);
void                 collate_export_report_add_records    (CollateExportReport *self,
                                                           guint                n_records);

/* ── Exporting ── */

/* @fraction is 0..1; called on the thread that started the export */
typedef void (*CollateProgressFunc) (double   fraction,
                                     gpointer user_data);

/* Writes the export to @destination: a file for single-file formats, a
 * folder for brat and label-studio, and a folder of train/dev/test parts
 * when a split is set.  Everything is written to a temporary name beside
 * @destination and renamed into place at the end, so a failed or cancelled
 * export leaves nothing behind.  An existing file is replaced; an existing
 * non-empty folder is refused.  @report (may be NULL) receives the warnings;
 * with the strict option any warning fails with COLLATE_ERROR_UNSUPPORTED and
 * nothing is written. */
gboolean  collate_export_to_file     (CollateProject        *project,
                                      CollateExportOptions  *options,
                                      GFile                 *destination,
                                      CollateExportReport   *report,
                                      CollateProgressFunc    progress,
                                      gpointer               progress_data,
                                      GCancellable          *cancellable,
                                      GError               **error);

/* A single-file format without a split, in memory (for stdout and tests) */
GBytes   *collate_export_to_bytes    (CollateProject        *project,
                                      CollateExportOptions  *options,
                                      CollateExportReport   *report,
                                      GCancellable          *cancellable,
                                      GError               **error);

/* As collate_export_to_file(), in a worker thread.  What the export needs is
 * taken from @project before this returns (annotations, links and documents
 * are immutable values), so the project may change meanwhile.  @progress is
 * called in the thread-default main context of the caller; @progress_notify
 * frees @progress_data when the export is done. */
void                 collate_export_async   (CollateProject        *project,
                                             CollateExportOptions  *options,
                                             GFile                 *destination,
                                             CollateProgressFunc    progress,
                                             gpointer               progress_data,
                                             GDestroyNotify         progress_notify,
                                             GCancellable          *cancellable,
                                             GAsyncReadyCallback    callback,
                                             gpointer               user_data);
/* Returns the report (warnings and counts) */
CollateExportReport *collate_export_finish  (GAsyncResult          *result,
                                             GError               **error);

/* A new project holding the documents, annotations and links of all
 * @projects (ids that collide get a suffix: "d1" → "d1-2"); the schema is
 * the union of theirs.  Used to export several projects as one dataset. */
CollateProject      *collate_export_merge_projects (CollateProject *const *projects,
                                                    guint                  n_projects,
                                                    GError               **error);

/* A default destination name for exporting @project as @format, e.g.
 * "Witkoff-talks.jsonl", or "Witkoff-talks-brat" for a folder (and for any
 * format when @split is TRUE); a format whose extension an earlier format
 * has too gets its name in it ("Witkoff-talks-nli.jsonl"), so that two
 * formats are not written over each other */
char                *collate_export_suggest_name      (CollateProject *project,
                                                       const char     *format,
                                                       gboolean        split);
/* "-nli" for a format whose file extension an earlier format has too, else "" */
const char          *collate_export_format_name_tag   (const char     *format);

/* A file or folder name made from @name: no separators, no "..", no control
 * or reserved characters, at most 80 bytes; "document" if nothing is left. */
char                *collate_export_sanitize_filename (const char *name);

G_END_DECLS
