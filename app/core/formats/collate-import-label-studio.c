/* collate-import-label-studio.c — reading Label Studio's JSON export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "collate-error.h"
#include "collate-project.h"
#include "collate-import-private.h"

/*
 * The input is Label Studio's JSON export (a list of tasks), a single task
 * object, or a folder holding tasks.json (as Collate's export writes it).
 * Each task becomes a document: data.text (or the only string in "data"),
 * data.title, data.document_id, data.source, data.metadata (the
 * document's metadata, an object of strings, as the export writes it).  Its first annotation that was
 * not cancelled gives the spans ("labels" results: value.start/end in
 * Unicode code points, as Label Studio counts them, value.text checked
 * against the text, value.labels, meta.text as the note) and links
 * ("relation" results: from_id, to_id, labels, direction).  Other result
 * types, further annotations and predictions are counted and skipped.
 */

typedef struct
{
  CollateImporter *importer;
  const char      *file;
  guint            other_results;
  guint            extra_annotations;
  guint            cancelled_annotations;
  guint            extra_labels;
  guint            unlabelled_relations;
  guint            quotes_without_breaks;
} LsState;

static gboolean
fail (LsState               *state,
      GError               **error,
      int                    code,
      const CollateJsonPath *path,
      const char            *format,
      ...) G_GNUC_PRINTF (5, 6);

static gboolean
fail (LsState               *state,
      GError               **error,
      int                    code,
      const CollateJsonPath *path,
      const char            *format,
      ...)
{
  g_autofree char *p = collate_json_path_to_string (path);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, COLLATE_ERROR, code, "%s: %s: %s", state->file, *p ? p : "(top level)", message);
  return FALSE;
}

static gboolean
located (LsState  *state,
         GError  **error,
         GError   *local_error)
{
  g_set_error (error, COLLATE_ERROR,
               local_error->domain == COLLATE_ERROR ? local_error->code : COLLATE_ERROR_INVALID,
               "%s: %s", state->file, local_error->message);
  g_error_free (local_error);
  return FALSE;
}

/* Puts "FILE: PATH: " before an error from the shared helpers */
static gboolean
prefix_error (LsState               *state,
              GError               **error,
              const CollateJsonPath *path)
{
  g_autofree char *p = collate_json_path_to_string (path);

  g_prefix_error (error, "%s: %s: ", state->file, p);
  return FALSE;
}

/* Label Studio's frontend renders a line break as <br> and writes the text
 * of a region across one without it: @quote is that when it is the text at
 * [@start, @end) less the "\n"s there.  Any other difference stays an error. */
static gboolean
quote_lacks_line_breaks (CollateDocument *doc,
                         gint64           start,
                         gint64           end,
                         const char      *quote)
{
  g_autofree char *slice = NULL;
  char *w;

  if (quote == NULL || start < 0 || start >= end || end > collate_document_get_length (doc) ||
      collate_document_slice_equals (doc, start, end, quote))
    return FALSE;
  slice = collate_document_dup_slice (doc, start, end);
  w = slice;
  for (const char *r = slice; *r != '\0'; r++)
    if (*r != '\n')
      *w++ = *r;
  *w = '\0';
  return g_str_equal (slice, quote);
}

static gboolean
get_int (LsState                *state,
         const CollateJsonValue *object,
         const char             *name,
         const CollateJsonPath  *parent,
         gint64                 *out,
         GError                **error)
{
  CollateJsonPath path = COLLATE_JSON_PATH_MEMBER (parent, name);
  GError *local_error = NULL;

  if (!collate_import_get_offset (collate_import_member (object, name), &path, out, &local_error))
    return located (state, error, local_error);
  return TRUE;
}

static gboolean
read_task (LsState                *state,
           const CollateJsonValue *task,
           const CollateJsonPath  *task_path,
           GError                **error)
{
  CollateJsonPath data_path = COLLATE_JSON_PATH_MEMBER (task_path, "data");
  CollateJsonPath anns_path = COLLATE_JSON_PATH_MEMBER (task_path, "annotations");
  const CollateJsonValue *data, *text_v = NULL, *anns, *ann = NULL, *result;
  g_autoptr(GHashTable) region_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *where = NULL;
  g_autoptr(GHashTable) metadata = NULL;
  CollateDocument *doc;
  guint ann_index = 0;
  GError *local_error = NULL;

  if (!collate_json_expect (task, COLLATE_JSON_OBJECT, task_path, &local_error))
    return located (state, error, local_error);
  data = collate_import_member (task, "data");
  if (data == NULL)
    return fail (state, error, COLLATE_ERROR_INVALID, &data_path,
                 _("missing (expected the task's data object)"));
  if (!collate_json_expect (data, COLLATE_JSON_OBJECT, &data_path, &local_error))
    return located (state, error, local_error);
  text_v = collate_import_member (data, "text");
  /* A compared pair (export --pairs) holds two documents, and each of them
   * is in as many tasks as it has partners: not read back */
  if (text_v == NULL && collate_import_member (data, "text_a") != NULL
      && collate_import_member (data, "text_b") != NULL)
    return fail (state, error, COLLATE_ERROR_FORMAT, &data_path,
                 _("this task is a pair of documents (text_a and text_b, as `collate-cli export "
                   "--pairs` writes them); Collate imports tasks of one document only: export "
                   "the project again without --pairs, or open the project itself"));
  if (text_v == NULL)
    {
      /* another name for the text: the only string of the data */
      for (guint i = 0; i < data->length; i++)
        if (data->v.members[i].value.type == COLLATE_JSON_STRING)
          {
            if (text_v != NULL)
              return fail (state, error, COLLATE_ERROR_INVALID, &data_path,
                           _("has no \"text\" and several strings; which is the text?"));
            text_v = &data->v.members[i].value;
          }
    }
  if (text_v == NULL || text_v->type != COLLATE_JSON_STRING || text_v->length == 0)
    {
      CollateJsonPath p = COLLATE_JSON_PATH_MEMBER (&data_path, "text");
      return fail (state, error, COLLATE_ERROR_INVALID, &p, _("expected the text, a non-empty string"));
    }

  {
    CollateJsonPath mp = COLLATE_JSON_PATH_MEMBER (&data_path, "metadata");

    if (!collate_import_read_metadata (collate_import_member (data, "metadata"), &mp, &metadata,
                                       &local_error))
      return located (state, error, local_error);
  }
  {
    g_autofree char *p = collate_json_path_to_string (task_path);
    where = g_strdup_printf ("%s: %s", state->file, p);
  }
  doc = collate_importer_add_document (state->importer,
                                       collate_import_string_member (data, "document_id"),
                                       collate_import_string_member (data, "title"),
                                       collate_import_string_member (data, "source"),
                                       text_v->v.string, text_v->length, metadata, where, error);
  if (doc == NULL)
    return FALSE;

  anns = collate_import_member (task, "annotations");
  if (anns == NULL || anns->type == COLLATE_JSON_NULL)
    {
      const CollateJsonValue *preds = collate_import_member (task, "predictions");

      if (preds != NULL && preds->type == COLLATE_JSON_ARRAY)
        state->extra_annotations += preds->length;
      return TRUE;
    }
  if (!collate_json_expect (anns, COLLATE_JSON_ARRAY, &anns_path, &local_error))
    return located (state, error, local_error);
  for (guint i = 0; i < anns->length; i++)
    {
      const CollateJsonValue *a = &anns->v.items[i];
      const CollateJsonValue *cancelled = collate_import_member (a, "was_cancelled");
      CollateJsonPath ap = COLLATE_JSON_PATH_ELEMENT (&anns_path, i);

      if (!collate_json_expect (a, COLLATE_JSON_OBJECT, &ap, &local_error))
        return located (state, error, local_error);
      if (cancelled != NULL && cancelled->type == COLLATE_JSON_BOOLEAN && cancelled->v.boolean)
        {
          state->cancelled_annotations++;
          continue;
        }
      if (ann == NULL)
        {
          ann = a;
          ann_index = i;
        }
      else
        state->extra_annotations++;
    }
  if (ann == NULL)
    return TRUE;

  {
    CollateJsonPath ap = COLLATE_JSON_PATH_ELEMENT (&anns_path, ann_index);
    CollateJsonPath rp = COLLATE_JSON_PATH_MEMBER (&ap, "result");

    result = collate_import_member (ann, "result");
    if (result == NULL)
      return fail (state, error, COLLATE_ERROR_INVALID, &rp, _("missing (expected a list of results)"));
    if (!collate_json_expect (result, COLLATE_JSON_ARRAY, &rp, &local_error))
      return located (state, error, local_error);

    /* Regions first, then relations (which refer to them) */
    for (int pass = 0; pass < 2; pass++)
      for (guint i = 0; i < result->length; i++)
        {
          const CollateJsonValue *r = &result->v.items[i];
          CollateJsonPath ip = COLLATE_JSON_PATH_ELEMENT (&rp, i);
          CollateJsonPath vp = COLLATE_JSON_PATH_MEMBER (&ip, "value");
          const char *type;

          if (!collate_json_expect (r, COLLATE_JSON_OBJECT, &ip, &local_error))
            return located (state, error, local_error);
          type = collate_import_string_member (r, "type");
          if (type == NULL)
            {
              CollateJsonPath tp = COLLATE_JSON_PATH_MEMBER (&ip, "type");
              return fail (state, error, COLLATE_ERROR_INVALID, &tp, _("missing (expected a string)"));
            }

          if (pass == 0 && g_str_equal (type, "labels"))
            {
              const CollateJsonValue *value = collate_import_member (r, "value");
              const CollateJsonValue *labels;
              const CollateJsonValue *meta = collate_import_member (r, "meta");
              const CollateJsonValue *meta_text = collate_import_member (meta, "text");
              CollateJsonPath lp = COLLATE_JSON_PATH_MEMBER (&vp, "labels");
              g_autofree char *rid = collate_import_id_text (collate_import_member (r, "id"));
              g_autoptr(GString) note = g_string_new (NULL);
              const char *quote;
              gint64 start, end;
              CollateAnnotation *span;

              if (!collate_json_expect (value, COLLATE_JSON_OBJECT, &vp, &local_error))
                return located (state, error, local_error);
              if (!get_int (state, value, "start", &vp, &start, error) ||
                  !get_int (state, value, "end", &vp, &end, error))
                return FALSE;
              quote = collate_import_string_member (value, "text");
              if (quote_lacks_line_breaks (doc, start, end, quote))
                {
                  quote = NULL; /* the span takes the text's, with its line breaks */
                  state->quotes_without_breaks++;
                }
              labels = collate_import_member (value, "labels");
              if (labels == NULL || labels->type != COLLATE_JSON_ARRAY || labels->length == 0 ||
                  labels->v.items[0].type != COLLATE_JSON_STRING)
                return fail (state, error, COLLATE_ERROR_INVALID, &lp,
                             _("expected a non-empty list of label names"));
              if (labels->length > 1)
                state->extra_labels += labels->length - 1;
              if (meta_text != NULL && meta_text->type == COLLATE_JSON_ARRAY)
                for (guint k = 0; k < meta_text->length; k++)
                  if (meta_text->v.items[k].type == COLLATE_JSON_STRING)
                    {
                      if (note->len > 0)
                        g_string_append_c (note, '\n');
                      g_string_append (note, meta_text->v.items[k].v.string);
                    }
              if (rid != NULL && g_hash_table_contains (region_ids, rid))
                return fail (state, error, COLLATE_ERROR_EXISTS, &ip,
                             _("the region id “%s” is used twice"), rid);
              span = collate_importer_add_span (state->importer, doc, rid, start, end,
                                                labels->v.items[0].v.string,
                                                quote, note->str, NULL,
                                                NULL, NULL, NULL, NULL, error);
              if (span == NULL)
                return prefix_error (state, error, &ip);
              if (rid != NULL)
                g_hash_table_insert (region_ids, g_steal_pointer (&rid),
                                     g_strdup (collate_annotation_get_id (span)));
            }
          else if (pass == 1 && g_str_equal (type, "relation"))
            {
              g_autofree char *from_src = collate_import_id_text (collate_import_member (r, "from_id"));
              g_autofree char *to_src = collate_import_id_text (collate_import_member (r, "to_id"));
              const char *direction = collate_import_string_member (r, "direction");
              const CollateJsonValue *labels = collate_import_member (r, "labels");
              const char *from, *to, *label = "Related";

              if (from_src == NULL || to_src == NULL)
                return fail (state, error, COLLATE_ERROR_INVALID, &ip,
                             _("expected \"from_id\" and \"to_id\""));
              from = g_hash_table_lookup (region_ids, from_src);
              to = g_hash_table_lookup (region_ids, to_src);
              if (from == NULL || to == NULL)
                return fail (state, error, COLLATE_ERROR_NOT_FOUND, &ip,
                             _("refers to the region “%s”, which this annotation does not have"),
                             from == NULL ? from_src : to_src);
              if (labels != NULL && labels->type == COLLATE_JSON_ARRAY && labels->length > 0 &&
                  labels->v.items[0].type == COLLATE_JSON_STRING)
                {
                  label = labels->v.items[0].v.string;
                  if (labels->length > 1)
                    state->extra_labels += labels->length - 1;
                }
              else
                state->unlabelled_relations++;
              if (g_strcmp0 (direction, "left") == 0)
                {
                  const char *tmp = from;
                  from = to;
                  to = tmp;
                }
              if (collate_importer_add_link (state->importer, NULL, label, from, to, NULL, NULL,
                                             NULL, NULL, NULL, error) == NULL)
                return prefix_error (state, error, &ip);
            }
          else if (pass == 0 && !g_str_equal (type, "labels") && !g_str_equal (type, "relation"))
            state->other_results++;
        }
  }
  return TRUE;
}

gboolean
collate_import_label_studio (CollateImporter  *importer,
                             GFile            *input,
                             GError          **error)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  g_autofree char *data = NULL;
  g_autoptr(CollateJsonDocument) json = NULL;
  const CollateJsonValue *root;
  LsState state = { importer, NULL, 0, 0, 0, 0, 0, 0 };
  GError *local_error = NULL;
  gsize length;

  if (g_file_query_file_type (input, G_FILE_QUERY_INFO_NONE, importer->cancellable) == G_FILE_TYPE_DIRECTORY)
    file = g_file_get_child (input, "tasks.json");
  else
    file = g_object_ref (input);
  name = g_file_get_parse_name (file);
  state.file = name;

  data = collate_importer_read_text (importer, file, &length, NULL, error);
  if (data == NULL)
    return FALSE;
  json = collate_json_document_parse (data, length, COLLATE_MAX_DEPTH, &local_error);
  if (json == NULL)
    return located (&state, error, local_error);
  root = collate_json_document_get_root (json);

  if (root->type == COLLATE_JSON_OBJECT)
    {
      if (!read_task (&state, root, NULL, error))
        return FALSE;
    }
  else if (root->type == COLLATE_JSON_ARRAY)
    {
      for (guint i = 0; i < root->length; i++)
        {
          CollateJsonPath tp = COLLATE_JSON_PATH_ELEMENT (NULL, i);

          if (!read_task (&state, &root->v.items[i], &tp, error))
            return FALSE;
          if (g_cancellable_set_error_if_cancelled (importer->cancellable, error))
            return FALSE;
          collate_importer_progress (importer, (double) (i + 1) / root->length);
        }
    }
  else
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FORMAT,
                   _("%s: expected Label Studio's JSON export, a list of tasks"), name);
      return FALSE;
    }

  collate_export_report_add (importer->report, "label-studio-other-results", state.other_results,
                             _("Label Studio results other than labels and relations, not imported"));
  collate_export_report_add (importer->report, "label-studio-extra-annotations", state.extra_annotations,
                             _("Further annotations or predictions of a task (only the first "
                               "annotation is imported)"));
  collate_export_report_add (importer->report, "label-studio-cancelled-annotations",
                             state.cancelled_annotations,
                             _("Annotations cancelled (skipped) in Label Studio, not imported"));
  collate_export_report_add (importer->report, "label-studio-extra-labels", state.extra_labels,
                             _("Extra labels on a region or relation (only the first is kept)"));
  collate_export_report_add (importer->report, "label-studio-unlabelled-relations",
                             state.unlabelled_relations,
                             _("Relations without a label, imported as “Related”"));
  collate_export_report_add (importer->report, "label-studio-quotes-without-line-breaks",
                             state.quotes_without_breaks,
                             _("Regions whose value.text leaves out the line breaks they span, "
                               "as Label Studio's frontend writes it (checked without them)"));
  return TRUE;
}
