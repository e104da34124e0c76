/* collate-import.c — the import driver and what the importers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "collate-error.h"
#include "collate-project.h"
#include "collate-project-io.h"
#include "collate-metadata-check.h"
#include "collate-text.h"
#include "collate-export-private.h"
#include "collate-import-private.h"

static const char *const import_formats[] = { "brat", "label-studio", "jsonl", NULL };

const char *const *
collate_import_list_formats (void)
{
  return import_formats;
}

gboolean
collate_import_has_format (const char *format)
{
  return format != NULL && g_strv_contains (import_formats, format);
}

/* ── Shared helpers ── */

/* TRUE if [@data, @data + @length) is UTF-8 without NUL characters: the
 * test of g_utf8_validate_len(), eight bytes at a time through ASCII (a
 * dataset is mostly ASCII punctuation and numbers); FALSE leaves the message
 * to collate_text_validate_utf8() */
#define HIGH_BITS G_GUINT64_CONSTANT (0x8080808080808080)
#define LOW_BITS  G_GUINT64_CONSTANT (0x0101010101010101)

static gboolean
is_utf8 (const char *data,
         gsize       length)
{
  const char *p = data;
  const char *end = data + length;

  while (p < end)
    {
      gunichar c;

      /* a byte with its high bit set, or a zero byte: (b | 0x80) - 1 keeps
       * its high bit unless b is zero */
#define FLAGS(w) (((w) | ~(((w) | HIGH_BITS) - LOW_BITS)) & HIGH_BITS)
      while (end - p >= 32)
        {
          guint64 w[4];

          memcpy (w, p, 32);
          if ((FLAGS (w[0]) | FLAGS (w[1]) | FLAGS (w[2]) | FLAGS (w[3])) != 0)
            break;
          p += 32;
        }
      while (end - p >= 8)
        {
          guint64 w;

          memcpy (&w, p, 8);
          if (FLAGS (w) != 0)
            break;
          p += 8;
        }
#undef FLAGS
      if (p >= end)
        break;
      if ((guchar) *p < 0x80)
        {
          if (*p == '\0')
            return FALSE;
          p++;
          continue;
        }
      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        return FALSE;
      p = g_utf8_next_char (p);
    }
  return TRUE;
}

/* A regular file of at most @max bytes (0: any size): its size, or FALSE
 * with @error */
static gboolean
check_file (CollateImporter  *importer,
            GFile            *file,
            const char       *name,
            guint64           max,
            guint64          *size,
            GError          **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, importer->cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                     _("%s: the file does not exist"), name);
      else
        g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                     "%s: %s", name, local_error->message);
      return FALSE;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("%s: not a regular file"), name);
      return FALSE;
    }
  if (max > 0 && (guint64) g_file_info_get_size (info) > max)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_TOO_LARGE,
                   _("%s: the file is larger than %llu MiB, "
                     "the most Collate reads at once"),
                   name, (unsigned long long) (max / (1024 * 1024)));
      return FALSE;
    }
  *size = (guint64) g_file_info_get_size (info);
  return TRUE;
}

GInputStream *
collate_importer_open_file (CollateImporter  *importer,
                            GFile            *file,
                            guint64          *size,
                            GError          **error)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr(GError) local_error = NULL;
  GFileInputStream *stream;

  /* read a line at a time: its lines are capped, not the file */
  if (!check_file (importer, file, name, 0, size, error))
    return NULL;
  stream = g_file_read (file, importer->cancellable, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED,
                   "%s: %s", name, local_error->message);
      return NULL;
    }
  return G_INPUT_STREAM (stream);
}

char *
collate_importer_read_file (CollateImporter  *importer,
                            GFile            *file,
                            gsize            *length,
                            GError          **error)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;
  guint64 size;

  if (!check_file (importer, file, name, COLLATE_MAX_FILE_SIZE, &size, error))
    return NULL;
  /* A local file in one read; g_file_load_contents() grows its buffer as
   * it goes, which costs a copy of the whole file and more */
  if (g_file_peek_path (file) != NULL)
    {
      if (!g_file_get_contents (g_file_peek_path (file), &data, &len, &local_error))
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED,
                       "%s: %s", name, local_error->message);
          return NULL;
        }
    }
  else if (!g_file_load_contents (file, importer->cancellable, &data, &len, NULL, &local_error))
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED,
                   "%s: %s", name, local_error->message);
      return NULL;
    }
  *length = len;
  return g_steal_pointer (&data);
}

char *
collate_importer_read_text (CollateImporter  *importer,
                            GFile            *file,
                            gsize            *length,
                            gboolean         *had_bom,
                            GError          **error)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *data = NULL;
  gsize len = 0;
  gboolean bom;

  data = collate_importer_read_file (importer, file, &len, error);
  if (data == NULL)
    return NULL;
  if (!is_utf8 (data, len) && !collate_text_validate_utf8 (data, len, name, error))
    return NULL;
  bom = len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0;
  if (bom)
    {
      memmove (data, data + 3, len - 3 + 1);
      len -= 3;
    }
  if (had_bom != NULL)
    *had_bom = bom;
  if (length != NULL)
    *length = len;
  return g_steal_pointer (&data);
}

/* ── JSON records ── */

const CollateJsonValue *
collate_import_member (const CollateJsonValue *object,
                       const char             *name)
{
  if (object == NULL || object->type != COLLATE_JSON_OBJECT)
    return NULL;
  for (guint i = 0; i < object->length; i++)
    if (g_str_equal (object->v.members[i].name, name))
      return &object->v.members[i].value;
  return NULL;
}

const char *
collate_import_string_member (const CollateJsonValue *object,
                              const char             *name)
{
  const CollateJsonValue *v = collate_import_member (object, name);

  return v != NULL && v->type == COLLATE_JSON_STRING ? v->v.string : NULL;
}

char *
collate_import_id_text (const CollateJsonValue *value)
{
  if (value == NULL)
    return NULL;
  if (value->type == COLLATE_JSON_STRING)
    return g_strdup (value->v.string);
  if (value->type == COLLATE_JSON_INTEGER)
    return g_strdup_printf ("%" G_GINT64_FORMAT, value->v.number.value);
  return NULL;
}

gboolean
collate_import_get_offset (const CollateJsonValue *value,
                           const CollateJsonPath  *path,
                           gint64                 *out,
                           GError                **error)
{
  guint64 n;

  if (value == NULL)
    {
      collate_json_set_error (error, COLLATE_ERROR_INVALID, path,
                              _("missing (expected an integer)"));
      return FALSE;
    }
  if (!collate_json_get_uint (value, G_MAXUINT32, path, &n, error))
    return FALSE;
  *out = (gint64) n;
  return TRUE;
}

gboolean
collate_import_read_metadata (const CollateJsonValue *value,
                              const CollateJsonPath  *path,
                              GHashTable            **out,
                              GError                **error)
{
  GHashTable *table;

  *out = NULL;
  if (value == NULL || value->type == COLLATE_JSON_NULL)
    return TRUE;
  if (!collate_metadata_check_json (value, path, error))
    return FALSE;
  table = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < value->length; i++)
    g_hash_table_insert (table, (gpointer) value->v.members[i].name,
                         (gpointer) value->v.members[i].value.v.string);
  *out = table;
  return TRUE;
}

/* An optional "where: " before a message (callers that pass NULL add it
 * themselves, only when there is an error) */
#define W(where) ((where) ? (where) : ""), ((where) ? ": " : "")

static gboolean
id_is_usable (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > COLLATE_MAX_IMPORTED_ID_SIZE
      || !g_utf8_validate (id, -1, NULL))
    return FALSE;
  for (const char *p = id; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;
  return TRUE;
}

const char *
collate_importer_claim_id (CollateImporter *importer,
                           const char      *wanted,
                           const char      *prefix)
{
  char *id;

  if (id_is_usable (wanted) && !g_hash_table_contains (importer->taken_ids, wanted))
    {
      id = g_strdup (wanted);
    }
  else
    {
      do
        id = g_strdup_printf ("%s%" G_GUINT64_FORMAT, prefix, ++importer->next);
      while (g_hash_table_contains (importer->taken_ids, id) && (g_free (id), TRUE));
    }
  g_hash_table_add (importer->taken_ids, id);
  return id;
}

CollateDocument *
collate_importer_add_document (CollateImporter  *importer,
                               const char       *wanted_id,
                               const char       *title,
                               const char       *source,
                               const char       *text,
                               gsize             length,
                               GHashTable       *metadata,
                               const char       *where,
                               GError          **error)
{
  g_autoptr(CollateDocument) doc = NULL;
  g_autofree char *guessed = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *id;

  if (title == NULL || *title == '\0')
    title = guessed = collate_text_guess_title (text, 80);
  id = collate_importer_claim_id (importer, wanted_id, "d");
  doc = collate_document_new (id, title, source ? source : "", text, length, &local_error);
  if (doc != NULL && metadata != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, metadata);
      while (g_hash_table_iter_next (&iter, &key, &value))
        collate_document_set_metadata_value (doc, key, value);
    }
  if (doc == NULL || !collate_project_add_document (importer->project, doc, &local_error))
    {
      g_set_error (error, COLLATE_ERROR,
                   local_error->domain == COLLATE_ERROR ? local_error->code : COLLATE_ERROR_INVALID,
                   "%s%s%s", W (where), local_error->message);
      return NULL;
    }
  return doc;   /* the project holds it */
}

/* A label the schema can take, or an error that says why not */
static gboolean
check_label (const char  *label,
             gboolean     link,
             const char  *where,
             GError     **error)
{
  if (label == NULL || *label == '\0')
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   link ? _("%s%sthe link label is empty") : _("%s%sthe label is empty"),
                   W (where));
      return FALSE;
    }
  if (!g_utf8_validate (label, -1, NULL))
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   link ? _("%s%sthe link label is not valid UTF-8")
                        : _("%s%sthe label is not valid UTF-8"),
                   W (where));
      return FALSE;
    }
  if (strlen (label) > COLLATE_MAX_LABEL_SIZE)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   link ? _("%s%sthe link label is longer than %d bytes")
                        : _("%s%sthe label is longer than %d bytes"),
                   W (where), COLLATE_MAX_LABEL_SIZE);
      return FALSE;
    }
  for (const char *p = label; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      {
        g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                     link ? _("%s%sthe link label “%s” has a control character (a line break, "
                              "tab or the like), which labels cannot have")
                          : _("%s%sthe label “%s” has a control character (a line break, tab "
                              "or the like), which labels cannot have"),
                     W (where), label);
        return FALSE;
      }
  return TRUE;
}

CollateAnnotation *
collate_importer_add_span (CollateImporter  *importer,
                           CollateDocument  *document,
                           const char       *wanted_id,
                           gint64            start,
                           gint64            end,
                           const char       *label,
                           const char       *quote,
                           const char       *note,
                           GHashTable       *attributes,
                           const char       *author,
                           const char       *created,
                           const char       *modified,
                           const char       *where,
                           GError          **error)
{
  guint length = collate_document_get_length (document);
  g_autoptr(CollateAnnotation) annotation = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  const char *id;

  if (start < 0 || end < 0 || start >= end)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_RANGE,
                   _("%s%sthe span [%lld, %lld) is empty or reversed"),
                   W (where), (long long) start, (long long) end);
      return NULL;
    }
  if (end > length)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_RANGE,
                   _("%s%sthe end %lld is past the end of the text (%u characters)"),
                   W (where), (long long) end, length);
      return NULL;
    }
  if (!check_label (label, FALSE, where, error))
    return NULL;
  if (quote != NULL && !collate_document_slice_equals (document, start, end, quote))
    {
      g_autofree char *actual = collate_document_dup_slice (document, start, end);

      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("%s%sthe quote “%s” differs from the text at %lld–%lld, “%s”"),
                   W (where), quote, (long long) start, (long long) end, actual);
      return NULL;
    }
  if (collate_schema_ensure (collate_project_get_schema (importer->project),
                             COLLATE_LABEL_KIND_SPAN, label) == NULL)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("%s%sthe label “%s” cannot be added to the schema"), W (where), label);
      return NULL;
    }

  if (quote == NULL)
    text = collate_document_dup_slice (document, start, end);
  id = collate_importer_claim_id (importer, wanted_id, "a");
  if (created == NULL || *created == '\0')
    created = "";
  annotation = collate_annotation_new (id, collate_document_get_id (document),
                                       (guint) start, (guint) end, label, quote ? quote : text,
                                       note ? note : "", attributes,
                                       author ? author : "",
                                       created, modified && *modified ? modified : created);
  if (!collate_project_insert_annotation (importer->project, annotation, &local_error))
    {
      g_set_error (error, COLLATE_ERROR,
                   local_error->domain == COLLATE_ERROR ? local_error->code : COLLATE_ERROR_INVALID,
                   "%s%s%s", W (where), local_error->message);
      return NULL;
    }
  return annotation;
}

CollateLink *
collate_importer_add_link (CollateImporter  *importer,
                           const char       *wanted_id,
                           const char       *label,
                           const char       *from_id,
                           const char       *to_id,
                           const char       *note,
                           const char       *author,
                           const char       *created,
                           const char       *modified,
                           const char       *where,
                           GError          **error)
{
  g_autoptr(CollateLink) link = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *id;

  if (!check_label (label, TRUE, where, error))
    return NULL;
  if (g_strcmp0 (from_id, to_id) == 0)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("%s%sthe link goes from a span to that same span; a link joins two "
                     "different spans"), W (where));
      return NULL;
    }
  if (collate_project_lookup_annotation (importer->project, from_id) == NULL ||
      collate_project_lookup_annotation (importer->project, to_id) == NULL)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                   _("%s%sthe link joins an unknown span"), W (where));
      return NULL;
    }
  if (collate_schema_ensure (collate_project_get_schema (importer->project),
                             COLLATE_LABEL_KIND_LINK, label) == NULL)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("%s%sthe link label “%s” cannot be added to the schema"), W (where), label);
      return NULL;
    }
  id = collate_importer_claim_id (importer, wanted_id, "l");
  if (created == NULL)
    created = "";
  link = collate_link_new (id, label, from_id, to_id, note ? note : "", author ? author : "",
                           created, modified && *modified ? modified : created);
  if (!collate_project_insert_link (importer->project, link, &local_error))
    {
      g_set_error (error, COLLATE_ERROR,
                   local_error->domain == COLLATE_ERROR ? local_error->code : COLLATE_ERROR_INVALID,
                   "%s%s%s", W (where), local_error->message);
      return NULL;
    }
  return link;
}

/* json-glib 1.6 has no nesting limit: count brackets outside strings first */
gboolean
collate_importer_check_json_depth (const char  *data,
                                   gsize        length,
                                   const char  *where,
                                   GError     **error)
{
  int depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > COLLATE_MAX_DEPTH)
            {
              g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_TOO_LARGE,
                           _("%s: the JSON is nested more than %d levels deep"),
                           where, COLLATE_MAX_DEPTH);
              return FALSE;
            }
        }
      else if (c == ']' || c == '}')
        depth--;
    }
  return TRUE;
}

void
collate_importer_progress (CollateImporter *importer,
                           double           within_input)
{
  double fraction;
  int percent;

  if (importer->progress == NULL || importer->n_inputs == 0)
    return;
  fraction = (importer->input + CLAMP (within_input, 0.0, 1.0)) / importer->n_inputs;
  percent = (int) (fraction * 100.0);
  if (percent == importer->last_percent)
    return;
  importer->last_percent = percent;
  importer->progress (importer, fraction);
}

/* ── Driver ── */

/* FALSE if @input is a brat .txt or .ann whose pair was seen before */
static gboolean
first_of_pair (GHashTable *seen,
               GFile      *input)
{
  g_autofree char *path = g_file_get_path (input);
  char *key;

  if (path == NULL || !(g_str_has_suffix (path, ".txt") || g_str_has_suffix (path, ".ann")))
    return TRUE;
  key = g_strndup (path, strlen (path) - 4);
  if (g_hash_table_contains (seen, key))
    {
      g_free (key);
      return FALSE;
    }
  g_hash_table_add (seen, key);
  return TRUE;
}

static CollateProject *
import_files (const char           *format,
              GFile *const         *inputs,
              guint                 n_inputs,
              CollateExportReport  *report,
              void                (*progress) (CollateImporter *, double),
              gpointer              progress_data,
              GCancellable         *cancellable,
              GError              **error)
{
  g_autoptr(CollateSchema) schema = NULL;
  g_autoptr(CollateExportReport) own_report = NULL;
  g_autoptr(GHashTable) taken = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(CollateProject) project = NULL;
  CollateImporter importer = { 0 };
  gboolean (*import_one) (CollateImporter *, GFile *, GError **);
  g_autofree char *title = NULL;

  if (g_strcmp0 (format, "brat") == 0)
    import_one = collate_import_brat;
  else if (g_strcmp0 (format, "label-studio") == 0)
    import_one = collate_import_label_studio;
  else if (g_strcmp0 (format, "jsonl") == 0)
    import_one = collate_import_jsonl;
  else
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("Cannot import the format “%s” (brat, label-studio and jsonl can be imported)"),
                   format ? format : "");
      return NULL;
    }
  if (n_inputs == 0)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID, _("Nothing to import"));
      return NULL;
    }

  {
    g_autofree char *base = g_file_get_basename (inputs[0]);
    char *dot = strchr (base, '.');

    if (dot != NULL && dot != base)
      *dot = '\0';
    title = g_filename_display_name (base);
  }
  schema = collate_schema_new_default ();
  project = collate_project_new (title, schema);
  if (report == NULL)
    report = own_report = collate_export_report_new ();
  taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  importer.project = project;
  importer.report = report;
  importer.cancellable = cancellable;
  importer.taken_ids = taken;
  importer.next = 0;
  importer.n_inputs = n_inputs;
  importer.last_percent = -1;
  importer.progress = progress;
  importer.progress_data = progress_data;

  for (guint i = 0; i < n_inputs; i++)
    {
      importer.input = i;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      /* a brat pair named by both its files is one document */
      if (import_one == collate_import_brat && !first_of_pair (seen, inputs[i]))
        continue;
      if (!import_one (&importer, inputs[i], error))
        return NULL;
      collate_importer_progress (&importer, 1.0);
    }
  if (collate_project_get_n_documents (project) == 0)
    {
      g_autofree char *name = g_file_get_parse_name (inputs[0]);

      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("%s: no documents found to import"), name);
      return NULL;
    }
  collate_project_set_next_id (project, importer.next + 1);
  collate_project_set_modified (project, TRUE);
  return g_steal_pointer (&project);
}

CollateProject *
collate_import_files (const char           *format,
                      GFile *const         *inputs,
                      guint                 n_inputs,
                      CollateExportReport  *report,
                      GCancellable         *cancellable,
                      GError              **error)
{
  return import_files (format, inputs, n_inputs, report, NULL, NULL, cancellable, error);
}

typedef struct
{
  char                 *format;
  GPtrArray            *inputs;
  CollateExportReport  *report;
  CollateProgressRelay *relay;
} ImportData;

static void
import_data_free (gpointer data)
{
  ImportData *d = data;

  g_free (d->format);
  g_ptr_array_unref (d->inputs);
  g_clear_object (&d->report);
  collate_progress_relay_free (d->relay);
  g_free (d);
}

static void
thread_progress (CollateImporter *importer,
                 double           fraction)
{
  GTask *task = importer->progress_data;
  ImportData *d = g_task_get_task_data (task);

  collate_progress_relay_update (d->relay, task, fraction);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *d = task_data;
  GError *error = NULL;
  CollateProject *project;

  project = import_files (d->format, (GFile *const *) d->inputs->pdata, d->inputs->len,
                          d->report, thread_progress, task,
                          cancellable, &error);
  if (project == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, project, g_object_unref);
}

void
collate_import_async (const char          *format,
                      GFile *const        *inputs,
                      guint                n_inputs,
                      CollateProgressFunc  progress,
                      gpointer             progress_data,
                      GDestroyNotify       progress_notify,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ImportData *d = g_new0 (ImportData, 1);

  g_task_set_source_tag (task, collate_import_async);
  /* The worker checks @cancellable itself and stops with an error; a cancel
   * that arrives after it has finished must not throw away the project it
   * read (GTask would otherwise report "cancelled").  Not tested: an import
   * leaves no mark that it has finished before its callback runs, so a test
   * could not cancel in that window on purpose. */
  g_task_set_check_cancellable (task, FALSE);
  d->relay = collate_progress_relay_new (progress, progress_data, progress_notify);
  d->format = g_strdup (format);
  d->inputs = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_inputs; i++)
    g_ptr_array_add (d->inputs, g_object_ref (inputs[i]));
  d->report = collate_export_report_new ();
  g_task_set_task_data (task, d, import_data_free);
  g_task_run_in_thread (task, import_thread);
}

CollateProject *
collate_import_finish (GAsyncResult         *result,
                       CollateExportReport **report_out,
                       GError              **error)
{
  ImportData *d;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  d = g_task_get_task_data (G_TASK (result));
  if (report_out != NULL)
    *report_out = d ? g_object_ref (d->report) : NULL;
  return g_task_propagate_pointer (G_TASK (result), error);
}
