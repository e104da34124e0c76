/* collate-export-private.h — what the format writers (collate-export-*.c) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "collate-export.h"
#include "collate-file-writer.h"
#include "collate-tokenizer.h"

G_BEGIN_DECLS

typedef struct
{
  CollateDocument *document;
  guint            index;      /* position in the project */
  GPtrArray       *spans;      /* CollateAnnotation, kept ones, in model order */
  char            *file_stem;  /* sanitised and unique, for folder formats */
  GArray          *tokens;     /* lazily, collate_export_doc_get_tokens() */
  GArray          *sentences;
} CollateExportDoc;

typedef struct
{
  const char *name;            /* "train", "dev", "test", or NULL without a split */
  GPtrArray  *docs;            /* CollateExportDoc, project order */
  GPtrArray  *links;           /* CollateLink, both ends in this part, by id */
  guint       n_spans;
} CollateExportPart;

typedef struct _CollateExportSnapshot CollateExportSnapshot;

struct _CollateExportSnapshot
{
  CollateExportOptions *options;      /* a private copy */
  CollateExportReport  *report;
  char                 *title;
  char                 *destination;  /* the final path, for messages (NULL in memory) */
  GPtrArray            *span_labels;  /* CollateLabel, schema order */
  GPtrArray            *link_labels;
  GPtrArray            *docs;         /* CollateExportDoc, project order */
  GPtrArray            *links;        /* CollateLink, kept ones, by id */
  GHashTable           *spans_by_id;  /* id → CollateAnnotation (kept) */
  GHashTable           *docs_by_id;   /* document id → CollateExportDoc */
  GCancellable         *cancellable;
  /* while a text writer writes a file: where its output goes as it grows
   * (collate_export_snapshot_flush()); -1 in memory */
  int                   sink_fd;
  guint64               sink_written; /* bytes of the file at sink_fd so far */
  CollateFileWriter    *sink_writer;  /* or a single file's safe writer */
  const char           *sink_name;    /* for messages */
  /* progress */
  guint64               work_total;
  guint64               work_done;
  guint64               work_reported;
  void                (*progress) (CollateExportSnapshot *snapshot, double fraction);
  gpointer              progress_data;
};

typedef gboolean (*CollateExportTextWriter)   (CollateExportSnapshot *snapshot,
                                               CollateExportPart     *part,
                                               GString               *out,
                                               GError               **error);
typedef gboolean (*CollateExportFolderWriter) (CollateExportSnapshot *snapshot,
                                               CollateExportPart     *part,
                                               const char            *folder,
                                               GError               **error);

gboolean collate_export_write_jsonl        (CollateExportSnapshot *, CollateExportPart *, GString *, GError **);
gboolean collate_export_write_conll        (CollateExportSnapshot *, CollateExportPart *, GString *, GError **);
gboolean collate_export_write_w3c          (CollateExportSnapshot *, CollateExportPart *, GString *, GError **);
gboolean collate_export_write_nli          (CollateExportSnapshot *, CollateExportPart *, GString *, GError **);
gboolean collate_export_write_csv          (CollateExportSnapshot *, CollateExportPart *, GString *, GError **);
gboolean collate_export_write_brat         (CollateExportSnapshot *, CollateExportPart *, const char *, GError **);
gboolean collate_export_write_label_studio (CollateExportSnapshot *, CollateExportPart *, const char *, GError **);

/* A text writer calls this as its output grows: when it writes a file and
 * @out holds at least @at_least bytes, they are written out and @out is
 * emptied (for one big GString would cost memory, page faults and copies).
 * In memory (collate_export_to_bytes()) it does nothing. */
#define COLLATE_EXPORT_FLUSH_SIZE (1 << 20)
gboolean     collate_export_snapshot_flush      (CollateExportSnapshot *snapshot,
                                                 GString               *out,
                                                 gsize                  at_least,
                                                 GError               **error);
/* Adds @units of work done; FALSE (with @error set) once cancelled */
gboolean     collate_export_snapshot_step       (CollateExportSnapshot *snapshot,
                                                 guint                  units,
                                                 GError               **error);
/* CollateTextRange tokens and CollateSentence sentences of the document,
 * computed once (collate-tokenizer.h) */
GArray      *collate_export_doc_get_tokens      (CollateExportDoc      *doc);
GArray      *collate_export_doc_get_sentences   (CollateExportDoc      *doc);
CollateExportDoc *collate_export_snapshot_doc_of (CollateExportSnapshot *snapshot,
                                                 CollateAnnotation     *span);
/* The links of @part by the document of their "from" span: a table of
 * CollateExportDoc → GPtrArray of CollateLink, in link order.  With
 * @same_document_only, a link to another document is left out and counted
 * in @n_cross (may be NULL). */
GHashTable  *collate_export_part_links_by_doc   (CollateExportSnapshot *snapshot,
                                                 CollateExportPart     *part,
                                                 gboolean               same_document_only,
                                                 guint                 *n_cross);
/* 1 for the bytes a JSON string literal must escape */
extern const guint8 collate_export_json_escape[256];
/* Writes the escape of @c (one of those) at @p, at most 6 bytes; returns
 * the byte after it */
char        *collate_export_put_json_escape     (char                  *p,
                                                 guchar                 c);
/* Appends @text escaped for a JSON string literal, without the quotes */
void         collate_export_append_json_chars   (GString               *out,
                                                 const char            *text,
                                                 gsize                  length);
/* Appends @text as a JSON string literal, quotes included */
void         collate_export_append_json_string  (GString               *out,
                                                 const char            *text,
                                                 gssize                 length);
/* Appends ,"metadata":{…} with the document's metadata, keys sorted;
 * nothing when it has none (so exports of documents without stay as
 * they were) */
void         collate_export_append_document_metadata (GString          *out,
                                                      CollateDocument  *document);
void         collate_export_append_xml_escaped  (GString               *out,
                                                 const char            *text);
/* Progress of a worker thread's GTask for a caller on another thread: the
 * latest fraction is delivered on the main context that was the caller's
 * thread-default when the relay was made, coalesced (one pending delivery
 * at a time) and never once the task has completed.  Freeing the relay
 * frees the caller's progress data on that context too, even when the
 * worker thread drops the task last.  Used by collate_export_async() and
 * collate_import_async(). */
typedef struct _CollateProgressRelay CollateProgressRelay;

CollateProgressRelay *collate_progress_relay_new    (CollateProgressFunc    progress,
                                                     gpointer               progress_data,
                                                     GDestroyNotify         progress_notify);
/* From any thread; @task is the task that owns @relay (its task data) */
void                  collate_progress_relay_update (CollateProgressRelay  *relay,
                                                     GTask                 *task,
                                                     double                 fraction);
void                  collate_progress_relay_free   (CollateProgressRelay  *relay);

/* Deletes the folder @path and everything in it, without following
 * symbolic links (for temporary folders; the tests use it too) */
void         collate_export_remove_tree         (const char            *path);

/* Writes @data to @folder/@name (inside the temporary folder) */
gboolean     collate_export_write_file          (const char            *folder,
                                                 const char            *name,
                                                 const char            *data,
                                                 gsize                  length,
                                                 GError               **error);

G_END_DECLS
