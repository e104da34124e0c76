/* collate-export-label-studio.c — Label Studio tasks JSON and labeling config
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "collate-error.h"
#include "collate-limits.h"
#include "collate-project.h"
#include "collate-export-private.h"

/*
 * A folder with
 *  - tasks.json: a list of tasks, one per document, as Label Studio imports
 *    them with their annotations:
 *      {"id": 1, "data": {"text", "title", "document_id", "source", "sha256",
 *                "metadata"? (the document's, when it has some)},
 *       "annotations": [{"id": 1, "result": [
 *         {"id": "a1", "from_name": "label", "to_name": "text", "type": "labels",
 *          "origin": "manual",
 *          "value": {"start": 10, "end": 25, "text": "…", "labels": ["Claim"]},
 *          "meta": {"text": ["<note>"]}},
 *         {"type": "relation", "from_id": "a1", "to_id": "a2",
 *          "direction": "right", "labels": ["Contradicts"]}]}]}
 *  - config.xml: the labeling config (<Labels>, <Relations>, <Text>).
 * start/end count Unicode code points, as the model does and as Label
 * Studio's frontend does since its fix for text with emoji: a character
 * outside the BMP (an emoji) counts 1.
 * Relations live inside one task: links between documents, link notes and
 * span attributes cannot be expressed and are reported.
 */

static void
member (GString    *out,
        const char *name,
        const char *value)
{
  g_string_append_printf (out, ",\"%s\":", name);
  collate_export_append_json_string (out, value ? value : "", -1);
}

static gboolean
wanted (CollateExportSnapshot *snap,
        GPtrArray             *kind_labels,
        const char            *name)
{
  const char *const *labels = collate_export_options_get_labels (snap->options);
  gboolean names_kind = FALSE;

  if (labels == NULL)
    return TRUE;
  for (guint i = 0; labels[i]; i++)
    for (guint j = 0; j < kind_labels->len; j++)
      if (g_str_equal (labels[i], collate_label_get_name (g_ptr_array_index (kind_labels, j))))
        names_kind = TRUE;
  return !names_kind || g_strv_contains (labels, name);
}

static void
write_config (CollateExportSnapshot *snap,
              GString               *xml)
{
  g_string_append (xml, "<View>\n  <Relations>\n");
  for (guint i = 0; i < snap->link_labels->len; i++)
    {
      CollateLabel *label = g_ptr_array_index (snap->link_labels, i);

      if (!wanted (snap, snap->link_labels, collate_label_get_name (label)))
        continue;
      g_string_append (xml, "    <Relation value=\"");
      collate_export_append_xml_escaped (xml, collate_label_get_name (label));
      g_string_append (xml, "\" background=\"");
      collate_export_append_xml_escaped (xml, collate_label_get_color (label));
      g_string_append (xml, "\"/>\n");
    }
  g_string_append (xml, "  </Relations>\n  <Labels name=\"label\" toName=\"text\">\n");
  for (guint i = 0; i < snap->span_labels->len; i++)
    {
      CollateLabel *label = g_ptr_array_index (snap->span_labels, i);
      const char *hotkey = collate_label_get_hotkey (label);

      if (!wanted (snap, snap->span_labels, collate_label_get_name (label)))
        continue;
      g_string_append (xml, "    <Label value=\"");
      collate_export_append_xml_escaped (xml, collate_label_get_name (label));
      g_string_append (xml, "\" background=\"");
      collate_export_append_xml_escaped (xml, collate_label_get_color (label));
      if (hotkey != NULL && *hotkey != '\0')
        {
          g_string_append (xml, "\" hotkey=\"");
          collate_export_append_xml_escaped (xml, hotkey);
        }
      g_string_append (xml, "\"/>\n");
    }
  g_string_append (xml, "  </Labels>\n  <Text name=\"text\" value=\"$text\"/>\n</View>\n");
}

gboolean
collate_export_write_label_studio (CollateExportSnapshot  *snap,
                                   CollateExportPart      *part,
                                   const char             *folder,
                                   GError                **error)
{
  g_autoptr(GString) out = g_string_sized_new (1 << 16);
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autoptr(GHashTable) links_by_doc = NULL;
  guint n_cross = 0, link_notes = 0, attributes = 0;

  /* relations live in one task: links to another document are left out */
  links_by_doc = collate_export_part_links_by_doc (snap, part, TRUE, &n_cross);

  g_string_append (out, "[");
  for (guint d = 0; d < part->docs->len; d++)
    {
      CollateExportDoc *doc = g_ptr_array_index (part->docs, d);
      CollateDocument *document = doc->document;
      GPtrArray *links = g_hash_table_lookup (links_by_doc, doc);
      gboolean first = TRUE;

      g_string_append_printf (out, "%s\n{\"id\":%u,\"data\":{\"text\":", d > 0 ? "," : "", d + 1);
      collate_export_append_json_string (out, collate_document_get_text (document),
                                         collate_document_get_byte_length (document));
      member (out, "title", collate_document_get_title (document));
      member (out, "document_id", collate_document_get_id (document));
      member (out, "source", collate_document_get_source (document));
      member (out, "sha256", collate_document_get_sha256 (document));
      collate_export_append_document_metadata (out, document);
      g_string_append (out, "},\"annotations\":[{\"id\":");
      g_string_append_printf (out, "%u,\"result\":[", d + 1);

      for (guint i = 0; i < doc->spans->len; i++)
        {
          CollateAnnotation *a = g_ptr_array_index (doc->spans, i);
          const char *note = collate_annotation_get_note (a);

          g_string_append (out, first ? "\n" : ",\n");
          first = FALSE;
          g_string_append (out, "{\"id\":");
          collate_export_append_json_string (out, collate_annotation_get_id (a), -1);
          g_string_append (out, ",\"from_name\":\"label\",\"to_name\":\"text\",\"type\":\"labels\","
                                "\"origin\":\"manual\",\"value\":{");
          g_string_append_printf (out, "\"start\":%u,\"end\":%u,\"text\":",
                                  collate_annotation_get_start (a),
                                  collate_annotation_get_end (a));
          collate_export_append_json_string (out, collate_annotation_get_text (a), -1);
          g_string_append (out, ",\"labels\":[");
          collate_export_append_json_string (out, collate_annotation_get_label (a), -1);
          g_string_append (out, "]}");
          if (note != NULL && *note != '\0')
            {
              g_string_append (out, ",\"meta\":{\"text\":[");
              collate_export_append_json_string (out, note, -1);
              g_string_append (out, "]}");
            }
          g_string_append_c (out, '}');
          if (collate_annotation_get_n_attributes (a) > 0)
            attributes++;
          if (!collate_export_snapshot_step (snap, 1, error))
            return FALSE;
        }
      for (guint i = 0; links != NULL && i < links->len; i++)
        {
          CollateLink *l = g_ptr_array_index (links, i);

          g_string_append (out, first ? "\n" : ",\n");
          first = FALSE;
          g_string_append (out, "{\"from_id\":");
          collate_export_append_json_string (out, collate_link_get_from (l), -1);
          g_string_append (out, ",\"to_id\":");
          collate_export_append_json_string (out, collate_link_get_to (l), -1);
          g_string_append (out, ",\"type\":\"relation\",\"direction\":\"right\",\"labels\":[");
          collate_export_append_json_string (out, collate_link_get_label (l), -1);
          g_string_append (out, "]}");
          if (*collate_link_get_note (l) != '\0')
            link_notes++;
          if (!collate_export_snapshot_step (snap, 1, error))
            return FALSE;
        }
      g_string_append (out, "]}]}");
      if (!collate_export_snapshot_step (snap, 1, error))
        return FALSE;
    }
  g_string_append (out, "\n]\n");

  write_config (snap, xml);
  /* one set of limits: never write what Collate's own import refuses */
  if (out->len > COLLATE_MAX_FILE_SIZE)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_TOO_LARGE,
                   _("tasks.json would take %lu MB, more than the %lu MB that Collate imports back; "
                     "nothing was written (export fewer labels or documents, or choose jsonl)"),
                   (unsigned long) (out->len / (1024 * 1024)),
                   (unsigned long) (COLLATE_MAX_FILE_SIZE / (1024 * 1024)));
      return FALSE;
    }
  if (!collate_export_write_file (folder, "tasks.json", out->str, out->len, error) ||
      !collate_export_write_file (folder, "config.xml", xml->str, xml->len, error))
    return FALSE;

  collate_export_report_add (snap->report, "label-studio-cross-document-links", n_cross,
                             _("Links between documents, not written (a Label Studio relation "
                               "stays within one task)"));
  collate_export_report_add (snap->report, "label-studio-link-notes", link_notes,
                             _("Link notes, not written (Label Studio relations cannot hold "
                               "them)"));
  collate_export_report_add (snap->report, "label-studio-attributes", attributes,
                             _("Spans with attributes, whose attributes were not written "
                               "(Label Studio regions cannot hold them)"));
  return TRUE;
}
