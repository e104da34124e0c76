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
 *
 * With the "pairs" option (collate-cli export --pairs), one task per pair of
 * documents of the part instead (every pair, in project order: the first
 * document on the left), so that the links between the two survive as
 * relations:
 *      {"id": 1, "data": {"text_a", "title_a", "document_id_a", "source_a",
 *                "sha256_a", "text_b", …},
 *       "annotations": [{"id": 1, "result": [
 *         {"id": "a1", "from_name": "label_a", "to_name": "text_a", …},
 *         {"id": "a7", "from_name": "label_b", "to_name": "text_b", …},
 *         {"type": "relation", "from_id": "a1", "to_id": "a7", …}]}]}
 * and a config with two <Text> objects side by side, each with its own
 * <Labels>, and one <Relations>.  A document is in as many tasks as it has
 * partners; a link is in every task that holds both of its spans.
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
write_relations (CollateExportSnapshot *snap,
                 GString               *xml,
                 const char            *indent)
{
  g_string_append_printf (xml, "%s<Relations>\n", indent);
  for (guint i = 0; i < snap->link_labels->len; i++)
    {
      CollateLabel *label = g_ptr_array_index (snap->link_labels, i);

      if (!wanted (snap, snap->link_labels, collate_label_get_name (label)))
        continue;
      g_string_append_printf (xml, "%s  <Relation value=\"", indent);
      collate_export_append_xml_escaped (xml, collate_label_get_name (label));
      g_string_append (xml, "\" background=\"");
      collate_export_append_xml_escaped (xml, collate_label_get_color (label));
      g_string_append (xml, "\"/>\n");
    }
  g_string_append_printf (xml, "%s</Relations>\n", indent);
}

/* <Labels name="NAME" toName="TO_NAME">…</Labels>; the hotkeys only once
 * (Label Studio wants each hotkey on one control) */
static void
write_labels (CollateExportSnapshot *snap,
              GString               *xml,
              const char            *indent,
              const char            *name,
              const char            *to_name,
              gboolean               hotkeys)
{
  g_string_append_printf (xml, "%s<Labels name=\"%s\" toName=\"%s\">\n", indent, name, to_name);
  for (guint i = 0; i < snap->span_labels->len; i++)
    {
      CollateLabel *label = g_ptr_array_index (snap->span_labels, i);
      const char *hotkey = collate_label_get_hotkey (label);

      if (!wanted (snap, snap->span_labels, collate_label_get_name (label)))
        continue;
      g_string_append_printf (xml, "%s  <Label value=\"", indent);
      collate_export_append_xml_escaped (xml, collate_label_get_name (label));
      g_string_append (xml, "\" background=\"");
      collate_export_append_xml_escaped (xml, collate_label_get_color (label));
      if (hotkeys && hotkey != NULL && *hotkey != '\0')
        {
          g_string_append (xml, "\" hotkey=\"");
          collate_export_append_xml_escaped (xml, hotkey);
        }
      g_string_append (xml, "\"/>\n");
    }
  g_string_append_printf (xml, "%s</Labels>\n", indent);
}

static void
write_config (CollateExportSnapshot *snap,
              GString               *xml)
{
  g_string_append (xml, "<View>\n");
  write_relations (snap, xml, "  ");
  write_labels (snap, xml, "  ", "label", "text", TRUE);
  g_string_append (xml, "  <Text name=\"text\" value=\"$text\"/>\n</View>\n");
}

/* Two texts side by side, each under its title, with its own labels */
static void
write_pairs_config (CollateExportSnapshot *snap,
                    GString               *xml)
{
  g_string_append (xml, "<View>\n");
  write_relations (snap, xml, "  ");
  g_string_append (xml, "  <View style=\"display: flex; gap: 2em; align-items: flex-start\">\n");
  for (guint side = 0; side < 2; side++)
    {
      const char *x = side == 0 ? "a" : "b";
      g_autofree char *name = g_strdup_printf ("label_%s", x);
      g_autofree char *to_name = g_strdup_printf ("text_%s", x);

      g_string_append (xml, "    <View style=\"flex: 1 1 0; min-width: 0\">\n");
      g_string_append_printf (xml, "      <Header value=\"$title_%s\"/>\n", x);
      write_labels (snap, xml, "      ", name, to_name, side == 0);
      g_string_append_printf (xml, "      <Text name=\"text_%s\" value=\"$text_%s\"/>\n", x, x);
      g_string_append (xml, "    </View>\n");
    }
  g_string_append (xml, "  </View>\n</View>\n");
}

/* One region: @side is "" (one document a task), "_a" or "_b" */
static void
append_region (GString           *out,
               CollateAnnotation *a,
               const char        *side,
               guint             *attributes)
{
  const char *note = collate_annotation_get_note (a);

  g_string_append (out, "{\"id\":");
  collate_export_append_json_string (out, collate_annotation_get_id (a), -1);
  g_string_append_printf (out, ",\"from_name\":\"label%s\",\"to_name\":\"text%s\",\"type\":\"labels\","
                               "\"origin\":\"manual\",\"value\":{", side, side);
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
    (*attributes)++;
}

static void
append_relation (GString     *out,
                 CollateLink *l,
                 guint       *link_notes)
{
  g_string_append (out, "{\"from_id\":");
  collate_export_append_json_string (out, collate_link_get_from (l), -1);
  g_string_append (out, ",\"to_id\":");
  collate_export_append_json_string (out, collate_link_get_to (l), -1);
  g_string_append (out, ",\"type\":\"relation\",\"direction\":\"right\",\"labels\":[");
  collate_export_append_json_string (out, collate_link_get_label (l), -1);
  g_string_append (out, "]}");
  if (*collate_link_get_note (l) != '\0')
    (*link_notes)++;
}

/* data of a pairs task: text_a, title_a, …, then the same for _b */
static void
append_pair_data (GString         *out,
                  CollateDocument *document,
                  const char      *side,
                  gboolean         first)
{
  g_string_append_printf (out, "%s\"text%s\":", first ? "" : ",", side);
  collate_export_append_json_string (out, collate_document_get_text (document),
                                     collate_document_get_byte_length (document));
#define PAIR_MEMBER(key, value) \
  g_string_append_printf (out, ",\"" key "%s\":", side); \
  collate_export_append_json_string (out, (value) ? (value) : "", -1);
  PAIR_MEMBER ("title", collate_document_get_title (document));
  PAIR_MEMBER ("document_id", collate_document_get_id (document));
  PAIR_MEMBER ("source", collate_document_get_source (document));
  PAIR_MEMBER ("sha256", collate_document_get_sha256 (document));
#undef PAIR_MEMBER
}

/* One task per pair of documents of @part */
static gboolean
write_pairs (CollateExportSnapshot  *snap,
             CollateExportPart      *part,
             GString                *out,
             guint                  *link_notes,
             guint                  *attributes,
             guint                  *n_alone,
             GError                **error)
{
  guint task = 0;

  if (part->docs->len < 2)
    {
      if (part->name == NULL)
        {
          g_set_error_literal (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                               _("--pairs writes one task per pair of documents, and there is only "
                                 "one document; export it without --pairs"));
          return FALSE;
        }
      /* alone in its part of the split */
      *n_alone += part->docs->len;
    }

  g_string_append (out, "[");
  for (guint i = 0; i < part->docs->len; i++)
    for (guint j = i + 1; j < part->docs->len; j++)
      {
        CollateExportDoc *pair[2] = { g_ptr_array_index (part->docs, i),
                                      g_ptr_array_index (part->docs, j) };
        gboolean first = TRUE;

        task++;
        g_string_append_printf (out, "%s\n{\"id\":%u,\"data\":{", task > 1 ? "," : "", task);
        append_pair_data (out, pair[0]->document, "_a", TRUE);
        append_pair_data (out, pair[1]->document, "_b", FALSE);
        g_string_append_printf (out, "},\"annotations\":[{\"id\":%u,\"result\":[", task);
        for (guint side = 0; side < 2; side++)
          for (guint k = 0; k < pair[side]->spans->len; k++)
            {
              g_string_append (out, first ? "\n" : ",\n");
              first = FALSE;
              append_region (out, g_ptr_array_index (pair[side]->spans, k), side == 0 ? "_a" : "_b",
                             attributes);
              if (!collate_export_snapshot_step (snap, 1, error))
                return FALSE;
            }
        /* the links whose two spans are in these two documents */
        for (guint k = 0; k < part->links->len; k++)
          {
            CollateLink *l = g_ptr_array_index (part->links, k);
            CollateAnnotation *from = g_hash_table_lookup (snap->spans_by_id, collate_link_get_from (l));
            CollateAnnotation *to = g_hash_table_lookup (snap->spans_by_id, collate_link_get_to (l));
            const char *from_doc, *to_doc;
            const char *a_id = collate_document_get_id (pair[0]->document);
            const char *b_id = collate_document_get_id (pair[1]->document);

            if (from == NULL || to == NULL)
              continue;
            from_doc = collate_annotation_get_document_id (from);
            to_doc = collate_annotation_get_document_id (to);
            if (!((g_str_equal (from_doc, a_id) || g_str_equal (from_doc, b_id))
                  && (g_str_equal (to_doc, a_id) || g_str_equal (to_doc, b_id))))
              continue;
            g_string_append (out, first ? "\n" : ",\n");
            first = FALSE;
            append_relation (out, l, link_notes);
          }
        g_string_append (out, "]}]}");
        if (!collate_export_snapshot_step (snap, 1, error))
          return FALSE;
        /* every pair repeats two texts: stop before memory runs out */
        if (out->len > COLLATE_MAX_FILE_SIZE)
          {
            g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_TOO_LARGE,
                         _("tasks.json would take more than the %lu MB that Collate imports; "
                           "nothing was written (the %u documents make %u pairs, each with both "
                           "texts: export fewer documents with --pairs)"),
                         (unsigned long) (COLLATE_MAX_FILE_SIZE / (1024 * 1024)), part->docs->len,
                         part->docs->len * (part->docs->len - 1) / 2);
            return FALSE;
          }
      }
  g_string_append (out, "\n]\n");
  return TRUE;
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
  guint n_cross = 0, link_notes = 0, attributes = 0, n_alone = 0;
  gboolean pairs = collate_export_options_get_pairs (snap->options);

  if (pairs)
    {
      if (!write_pairs (snap, part, out, &link_notes, &attributes, &n_alone, error))
        return FALSE;
      goto written;
    }

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
          g_string_append (out, first ? "\n" : ",\n");
          first = FALSE;
          append_region (out, g_ptr_array_index (doc->spans, i), "", &attributes);
          if (!collate_export_snapshot_step (snap, 1, error))
            return FALSE;
        }
      for (guint i = 0; links != NULL && i < links->len; i++)
        {
          g_string_append (out, first ? "\n" : ",\n");
          first = FALSE;
          append_relation (out, g_ptr_array_index (links, i), &link_notes);
          if (!collate_export_snapshot_step (snap, 1, error))
            return FALSE;
        }
      g_string_append (out, "]}]}");
      if (!collate_export_snapshot_step (snap, 1, error))
        return FALSE;
    }
  g_string_append (out, "\n]\n");

written:
  if (pairs)
    write_pairs_config (snap, xml);
  else
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

  collate_export_report_add (snap->report, "label-studio-unpaired-documents", n_alone,
                             _("Documents without another one to pair with (alone in their part "
                               "of the split), not written"));
  collate_export_report_add (snap->report, "label-studio-cross-document-links", n_cross,
                             _("Links between documents, not written (a Label Studio relation "
                               "stays within one task; --pairs keeps them)"));
  collate_export_report_add (snap->report, "label-studio-link-notes", link_notes,
                             _("Link notes, not written (Label Studio relations cannot hold "
                               "them)"));
  collate_export_report_add (snap->report, "label-studio-attributes", attributes,
                             _("Spans with attributes, whose attributes were not written "
                               "(Label Studio regions cannot hold them)"));
  return TRUE;
}
