/* collate-export-csv.c — an RFC 4180 audit table of spans and links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "collate-error.h"
#include "collate-project.h"
#include "collate-export-private.h"

/*
 * Header: id,kind,document,start,end,label,quote,note,author,created,modified,from,to
 * One row per entry of a document's metadata ("metadata": document, label
 * the key, note the value; only documents with metadata have such rows),
 * then one per span ("span"; from and to empty), then one per link ("link";
 * document, start, end and quote empty).  Records end in CRLF; a field with
 * a comma, a double quote, CR or LF is quoted and its quotes doubled.
 * Offsets are code points.  UTF-8 without a byte order mark.
 */

static void
append_field (GString    *out,
              const char *value,
              gboolean    first)
{
  if (!first)
    g_string_append_c (out, ',');
  if (value == NULL || *value == '\0')
    return;
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_uint (GString *out,
             guint    value)
{
  g_string_append_printf (out, ",%u", value);
}

gboolean
collate_export_write_csv (CollateExportSnapshot  *snap,
                          CollateExportPart      *part,
                          GString                *out,
                          GError                **error)
{
  guint with_attributes = 0;

  g_string_append (out, "id,kind,document,start,end,label,quote,note,author,created,modified,from,to\r\n");

  for (guint d = 0; d < part->docs->len; d++)
    {
      CollateExportDoc *doc = g_ptr_array_index (part->docs, d);
      guint n_keys;
      g_autofree const char **keys = collate_document_get_metadata_keys (doc->document, &n_keys);

      for (guint k = 0; k < n_keys; k++)
        {
          g_string_append (out, ",metadata");
          append_field (out, collate_document_get_id (doc->document), FALSE);
          g_string_append (out, ",,");
          append_field (out, keys[k], FALSE);
          g_string_append_c (out, ',');
          append_field (out, collate_document_get_metadata_value (doc->document, keys[k]), FALSE);
          g_string_append (out, ",,,,,\r\n");
        }
    }

  for (guint d = 0; d < part->docs->len; d++)
    {
      CollateExportDoc *doc = g_ptr_array_index (part->docs, d);
      const char *doc_id = collate_document_get_id (doc->document);

      for (guint i = 0; i < doc->spans->len; i++)
        {
          CollateAnnotation *a = g_ptr_array_index (doc->spans, i);

          append_field (out, collate_annotation_get_id (a), TRUE);
          g_string_append (out, ",span");
          append_field (out, doc_id, FALSE);
          append_uint (out, collate_annotation_get_start (a));
          append_uint (out, collate_annotation_get_end (a));
          append_field (out, collate_annotation_get_label (a), FALSE);
          append_field (out, collate_annotation_get_text (a), FALSE);
          append_field (out, collate_annotation_get_note (a), FALSE);
          append_field (out, collate_annotation_get_author (a), FALSE);
          append_field (out, collate_annotation_get_created (a), FALSE);
          append_field (out, collate_annotation_get_modified (a), FALSE);
          g_string_append (out, ",,\r\n");
          if (collate_annotation_get_n_attributes (a) > 0)
            with_attributes++;
          if (!collate_export_snapshot_step (snap, 1, error) ||
              !collate_export_snapshot_flush (snap, out, COLLATE_EXPORT_FLUSH_SIZE, error))
            return FALSE;
        }
      if (!collate_export_snapshot_step (snap, 1, error))
        return FALSE;
    }

  for (guint i = 0; i < part->links->len; i++)
    {
      CollateLink *l = g_ptr_array_index (part->links, i);

      append_field (out, collate_link_get_id (l), TRUE);
      g_string_append (out, ",link,,,");
      append_field (out, collate_link_get_label (l), FALSE);
      g_string_append_c (out, ',');
      append_field (out, collate_link_get_note (l), FALSE);
      append_field (out, collate_link_get_author (l), FALSE);
      append_field (out, collate_link_get_created (l), FALSE);
      append_field (out, collate_link_get_modified (l), FALSE);
      append_field (out, collate_link_get_from (l), FALSE);
      append_field (out, collate_link_get_to (l), FALSE);
      g_string_append (out, "\r\n");
      if (!collate_export_snapshot_step (snap, 1, error))
        return FALSE;
    }

  collate_export_report_add (snap->report, "csv-attributes", with_attributes,
                             _("Spans with attributes, whose attributes were not written (the "
                               "table has no column for them)"));
  return TRUE;
}
