/* collate-label-set.c — label sets in files of their own (*.labels.json)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "collate-error.h"
#include "collate-file-writer.h"
#include "collate-json-reader.h"
#include "collate-label-set.h"
#include "collate-limits.h"
#include "collate-project-io.h"

static gboolean
read_labels (CollateSchema           *set,
             CollateJsonObjectReader *r,
             const char              *member,
             const CollateJsonPath   *parent,
             CollateLabelKind         kind,
             GError                 **error)
{
  CollateJsonPath path = COLLATE_JSON_PATH_MEMBER (parent, member);
  const CollateJsonValue *array = collate_json_object_reader_get (r, member, COLLATE_JSON_ARRAY, error);

  if (array == NULL)
    return FALSE;

  for (guint i = 0; i < array->length; i++)
    {
      CollateJsonPath item = COLLATE_JSON_PATH_ELEMENT (&path, i);
      CollateJsonObjectReader lr;
      g_autoptr(CollateLabel) label = NULL;
      const char *name, *color;
      const char *hotkey = NULL, *description = NULL;

      if (!collate_json_object_reader_init (&lr, &array->v.items[i], &item, error)
          || !(name = collate_json_object_reader_get_string (&lr, "name", error))
          || !(color = collate_json_object_reader_get_string (&lr, "color", error))
          || !collate_json_object_reader_get_optional_string (&lr, "hotkey", &hotkey, error)
          || !collate_json_object_reader_get_optional_string (&lr, "description", &description, error)
          || !collate_json_object_reader_finish (&lr, error))
        return FALSE;

      label = collate_label_new (name, color, hotkey, description, error);
      if (label == NULL || !collate_schema_add (set, kind, label, error))
        {
          collate_json_prefix_error (error, &item);
          return FALSE;
        }
    }

  return TRUE;
}

CollateSchema *
collate_label_set_load_bytes (GBytes  *bytes,
                              char   **title_out,
                              GError **error)
{
  g_autoptr(CollateJsonDocument) json = NULL;
  g_autoptr(CollateSchema) set = NULL;
  CollateJsonPath format_path = COLLATE_JSON_PATH_MEMBER (NULL, "format");
  CollateJsonPath version_path = COLLATE_JSON_PATH_MEMBER (NULL, "version");
  const CollateJsonValue *root, *format;
  const char *title = NULL;
  CollateJsonObjectReader r;
  guint64 version;
  gsize length;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  if (length > COLLATE_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size (length);

      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_TOO_LARGE,
                   _("the file is %s, too large for a label set"), size);
      return NULL;
    }
  json = collate_json_document_parse (data ? data : "", length, COLLATE_MAX_DEPTH, error);
  if (json == NULL)
    return NULL;
  root = collate_json_document_get_root (json);
  if (root->type != COLLATE_JSON_OBJECT)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FORMAT,
                   _("this is not a label set: it holds %s, not an object with "
                     "\"format\": \"%s\""),
                   collate_json_type_name (root->type), COLLATE_LABEL_SET_FORMAT_NAME);
      return NULL;
    }

  collate_json_object_reader_init (&r, root, NULL, NULL);
  format = collate_json_object_reader_lookup (&r, "format");
  if (format != NULL && format->type == COLLATE_JSON_STRING
      && strcmp (format->v.string, COLLATE_FORMAT_NAME) == 0)
    {
      /* a whole project: its labels */
      g_autoptr(CollateProject) project = collate_project_load_bytes (bytes, error);

      if (project == NULL)
        return NULL;
      if (title_out)
        *title_out = g_strdup (collate_project_get_title (project));
      return collate_schema_copy (collate_project_get_schema (project));
    }
  if (format == NULL || format->type != COLLATE_JSON_STRING
      || strcmp (format->v.string, COLLATE_LABEL_SET_FORMAT_NAME) != 0)
    {
      collate_json_set_error (error, COLLATE_ERROR_FORMAT, &format_path,
                              _("this is neither a label set (\"format\": \"%s\") "
                                "nor a Collate project"), COLLATE_LABEL_SET_FORMAT_NAME);
      return NULL;
    }
  if (!collate_json_object_reader_get_uint (&r, "version", G_MAXUINT32, &version, error))
    return NULL;
  if (version != COLLATE_LABEL_SET_FORMAT_VERSION)
    {
      g_autofree char *found = g_strdup_printf ("%" G_GUINT64_FORMAT, version);

      collate_json_set_error (error, version > COLLATE_LABEL_SET_FORMAT_VERSION
                                     ? COLLATE_ERROR_VERSION : COLLATE_ERROR_INVALID,
                              &version_path,
                              _("label set version %s is not one this Collate reads (version %d)"),
                              found, COLLATE_LABEL_SET_FORMAT_VERSION);
      return NULL;
    }
  if (!collate_json_object_reader_get_optional_string (&r, "title", &title, error))
    return NULL;

  set = collate_schema_new ();
  if (!read_labels (set, &r, "span_labels", NULL, COLLATE_LABEL_KIND_SPAN, error)
      || !read_labels (set, &r, "link_labels", NULL, COLLATE_LABEL_KIND_LINK, error)
      || !collate_json_object_reader_finish (&r, error))
    return NULL;

  if (title_out)
    *title_out = title && *title ? g_strdup (title) : NULL;
  return g_steal_pointer (&set);
}

CollateSchema *
collate_label_set_load_file (GFile         *file,
                             char         **title_out,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  CollateSchema *set;
  GError *local = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local);
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FORMAT,
                   _("%s: this is a folder, not a label set"), name);
      return NULL;
    }
  if (info != NULL && (guint64) g_file_info_get_size (info) > COLLATE_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));

      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_TOO_LARGE,
                   _("%s: the file is %s, too large for a label set"), name, size);
      return NULL;
    }
  if (info != NULL)
    bytes = g_file_load_bytes (file, cancellable, NULL, &local);
  if (bytes == NULL)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND, "%s: %s", name, local->message);
      g_error_free (local);
      return NULL;
    }

  set = collate_label_set_load_bytes (bytes, title_out, error);
  if (set == NULL)
    g_prefix_error (error, "%s: ", name);
  return set;
}

static void
add_labels (JsonBuilder      *builder,
            CollateSchema    *set,
            CollateLabelKind  kind)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < collate_schema_get_n_labels (set, kind); i++)
    {
      CollateLabel *label = collate_schema_get_label (set, kind, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, collate_label_get_name (label));
      json_builder_set_member_name (builder, "color");
      json_builder_add_string_value (builder, collate_label_get_color (label));
      if (collate_label_get_hotkey (label) != NULL)
        {
          json_builder_set_member_name (builder, "hotkey");
          json_builder_add_string_value (builder, collate_label_get_hotkey (label));
        }
      if (collate_label_get_description (label) != NULL)
        {
          json_builder_set_member_name (builder, "description");
          json_builder_add_string_value (builder, collate_label_get_description (label));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

GBytes *
collate_label_set_to_bytes (CollateSchema *set,
                            const char    *title)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (COLLATE_IS_SCHEMA (set), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, COLLATE_LABEL_SET_FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, COLLATE_LABEL_SET_FORMAT_VERSION);
  if (title != NULL && *title != '\0')
    {
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, title);
    }
  json_builder_set_member_name (builder, "span_labels");
  add_labels (builder, set, COLLATE_LABEL_KIND_SPAN);
  json_builder_set_member_name (builder, "link_labels");
  add_labels (builder, set, COLLATE_LABEL_KIND_LINK);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, &length);

  return g_bytes_new_take (g_strconcat (text, "\n", NULL), length + 1);
}

gboolean
collate_label_set_save_file (CollateSchema  *set,
                             const char     *title,
                             GFile          *file,
                             GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (COLLATE_IS_SCHEMA (set), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = collate_label_set_to_bytes (set, title);
  return collate_file_write_bytes (file, bytes, NULL, NULL, NULL, error);
}

GFile *
collate_label_set_get_shipped_dir (void)
{
  const char *env = g_getenv ("COLLATE_LABEL_SETS_DIR");
  g_autofree char *installed = g_build_filename (PKGDATADIR, "label-sets", NULL);

  if (env != NULL && env[0] != '\0')
    return g_file_new_for_path (env);
  if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (installed);
  return g_file_new_build_filename (SOURCE_DATADIR, "label-sets", NULL);
}

static int
compare_files (gconstpointer a,
               gconstpointer b)
{
  g_autofree char *x = g_file_get_basename (*(GFile **) a);
  g_autofree char *y = g_file_get_basename (*(GFile **) b);

  return strcmp (x, y);
}

GPtrArray *
collate_label_set_list_shipped (void)
{
  g_autoptr(GFile) dir = collate_label_set_get_shipped_dir ();
  g_autoptr(GFileEnumerator) children = NULL;
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);
  GFileInfo *info;

  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NONE, NULL, NULL);
  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      const char *name = g_file_info_get_name (info);

      if (g_str_has_suffix (name, ".labels.json"))
        g_ptr_array_add (files, g_file_get_child (dir, name));
      g_object_unref (info);
    }
  g_ptr_array_sort (files, compare_files);
  return files;
}

GFile *
collate_label_set_find_shipped (const char *name)
{
  g_autoptr(GPtrArray) files = collate_label_set_list_shipped ();
  g_autofree char *wanted = g_strconcat (name, ".labels.json", NULL);

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *base = g_file_get_basename (g_ptr_array_index (files, i));

      if (g_str_equal (base, wanted))
        return g_object_ref (g_ptr_array_index (files, i));
    }
  return NULL;
}
