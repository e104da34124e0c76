/* collate-export-w3c.c — a W3C Web Annotation AnnotationCollection (JSON-LD)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "collate-error.h"
#include "collate-project.h"
#include "collate-export-private.h"

/*
 * Web Annotation Data Model and Vocabulary (W3C Recommendation, 2017):
 *
 * {"@context": "http://www.w3.org/ns/anno.jsonld",
 *  "id": "urn:collate:collection:<sha256 of the document hashes>",
 *  "type": "AnnotationCollection", "label": "<project title>", "total": N,
 *  "first": {"type": "AnnotationPage", "startIndex": 0, "items": [
 *    {"id": "urn:collate:annotation:a1", "type": "Annotation",
 *     "motivation": "tagging", "created", "modified",
 *     "creator": {"type": "Person", "name": "…"},
 *     "body": [{"type": "TextualBody", "purpose": "tagging", "value": "Claim"},
 *              {"type": "TextualBody", "purpose": "commenting", "value": "<note>"},
 *              {"type": "TextualBody", "purpose": "describing", "value": "key=value"}],
 *     "target": {"type": "SpecificResource", "source": "urn:sha256:<hex>"
 *                (or, for a document with metadata, {"id": "urn:sha256:<hex>",
 *                 "type": "Text", "metadata": {…}}),
 *                "selector": [{"type": "TextQuoteSelector", "exact", "prefix", "suffix"},
 *                             {"type": "TextPositionSelector", "start", "end"}]}},
 *    {"id": "urn:collate:link:l1", "type": "Annotation", "motivation": "linking",
 *     "body": {"type": "TextualBody", "purpose": "tagging", "value": "Contradicts"},
 *     "target": ["urn:collate:annotation:a1", "urn:collate:annotation:a2"]}]}}
 *
 * TextPositionSelector counts code points of the text, as the model does;
 * prefix and suffix hold up to 32 code points around the quote.
 */

#define CONTEXT_CHARS 32

static void
append_iri (GString    *out,
            const char *prefix,
            const char *id)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);
  g_autofree char *iri = g_strconcat (prefix, escaped, NULL);

  collate_export_append_json_string (out, iri, -1);
}

static void
append_common (GString    *out,
               const char *created,
               const char *modified,
               const char *author)
{
  if (created != NULL && *created != '\0')
    {
      g_string_append (out, ",\"created\":");
      collate_export_append_json_string (out, created, -1);
    }
  if (modified != NULL && *modified != '\0')
    {
      g_string_append (out, ",\"modified\":");
      collate_export_append_json_string (out, modified, -1);
    }
  if (author != NULL && *author != '\0')
    {
      g_string_append (out, ",\"creator\":{\"type\":\"Person\",\"name\":");
      collate_export_append_json_string (out, author, -1);
      g_string_append_c (out, '}');
    }
}

static void
append_body (GString    *out,
             const char *purpose,
             const char *value)
{
  g_string_append_printf (out, "{\"type\":\"TextualBody\",\"purpose\":\"%s\",\"value\":", purpose);
  collate_export_append_json_string (out, value, -1);
  g_string_append_c (out, '}');
}

/* The text's IRI; an object that also holds the document's metadata (where
 * the text came from) when it has some */
static void
append_source (GString         *out,
               const char      *iri,
               CollateDocument *document)
{
  if (collate_document_get_n_metadata (document) == 0)
    {
      collate_export_append_json_string (out, iri, -1);
      return;
    }
  g_string_append (out, "{\"id\":");
  collate_export_append_json_string (out, iri, -1);
  g_string_append (out, ",\"type\":\"Text\"");
  collate_export_append_document_metadata (out, document);
  g_string_append_c (out, '}');
}

static char *
collection_id (CollateExportPart *part)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint d = 0; d < part->docs->len; d++)
    {
      CollateExportDoc *doc = g_ptr_array_index (part->docs, d);
      const char *sha = collate_document_get_sha256 (doc->document);

      g_checksum_update (sum, (const guchar *) sha, strlen (sha));
      g_checksum_update (sum, (const guchar *) "\n", 1);
    }
  return g_strconcat ("urn:collate:collection:", g_checksum_get_string (sum), NULL);
}

gboolean
collate_export_write_w3c (CollateExportSnapshot  *snap,
                          CollateExportPart      *part,
                          GString                *out,
                          GError                **error)
{
  g_autofree char *id = collection_id (part);
  gboolean first_item = TRUE;

  g_string_append (out, "{\n\"@context\":\"http://www.w3.org/ns/anno.jsonld\",\n\"id\":");
  collate_export_append_json_string (out, id, -1);
  g_string_append (out, ",\n\"type\":\"AnnotationCollection\",\n\"label\":");
  collate_export_append_json_string (out, snap->title, -1);
  g_string_append_printf (out, ",\n\"total\":%u,\n\"first\":{\"type\":\"AnnotationPage\","
                          "\"startIndex\":0,\"items\":[",
                          part->n_spans + part->links->len);

  for (guint d = 0; d < part->docs->len; d++)
    {
      CollateExportDoc *doc = g_ptr_array_index (part->docs, d);
      CollateDocument *document = doc->document;
      const char *text = collate_document_get_text (document);
      guint length = collate_document_get_length (document);
      g_autofree char *source = g_strconcat ("urn:sha256:", collate_document_get_sha256 (document), NULL);

      for (guint i = 0; i < doc->spans->len; i++)
        {
          CollateAnnotation *a = g_ptr_array_index (doc->spans, i);
          guint start = collate_annotation_get_start (a);
          guint end = collate_annotation_get_end (a);
          gsize b_start = collate_document_char_to_byte (document, start);
          gsize b_end = collate_document_char_to_byte (document, end);
          gsize b_pre = collate_document_char_to_byte (document, start > CONTEXT_CHARS ? start - CONTEXT_CHARS : 0);
          gsize b_suf = collate_document_char_to_byte (document, MIN (length, end + CONTEXT_CHARS));
          g_autofree const char **keys = collate_annotation_get_attribute_keys (a);
          const char *note = collate_annotation_get_note (a);

          g_string_append (out, first_item ? "\n" : ",\n");
          first_item = FALSE;
          g_string_append (out, "{\"id\":");
          append_iri (out, "urn:collate:annotation:", collate_annotation_get_id (a));
          g_string_append (out, ",\"type\":\"Annotation\",\"motivation\":\"tagging\"");
          append_common (out, collate_annotation_get_created (a),
                         collate_annotation_get_modified (a),
                         collate_annotation_get_author (a));
          g_string_append (out, ",\"body\":[");
          append_body (out, "tagging", collate_annotation_get_label (a));
          if (note != NULL && *note != '\0')
            {
              g_string_append_c (out, ',');
              append_body (out, "commenting", note);
            }
          for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
            {
              g_autofree char *pair = g_strdup_printf ("%s=%s", keys[k],
                                                       collate_annotation_get_attribute (a, keys[k]));
              g_string_append_c (out, ',');
              append_body (out, "describing", pair);
            }
          g_string_append (out, "],\"target\":{\"type\":\"SpecificResource\",\"source\":");
          append_source (out, source, document);
          g_string_append (out, ",\"selector\":[{\"type\":\"TextQuoteSelector\",\"exact\":");
          collate_export_append_json_string (out, text + b_start, b_end - b_start);
          g_string_append (out, ",\"prefix\":");
          collate_export_append_json_string (out, text + b_pre, b_start - b_pre);
          g_string_append (out, ",\"suffix\":");
          collate_export_append_json_string (out, text + b_end, b_suf - b_end);
          g_string_append_printf (out, "},{\"type\":\"TextPositionSelector\",\"start\":%u,\"end\":%u}]}}",
                                  start, end);
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
      const char *note = collate_link_get_note (l);

      g_string_append (out, first_item ? "\n" : ",\n");
      first_item = FALSE;
      g_string_append (out, "{\"id\":");
      append_iri (out, "urn:collate:link:", collate_link_get_id (l));
      g_string_append (out, ",\"type\":\"Annotation\",\"motivation\":\"linking\"");
      append_common (out, collate_link_get_created (l), collate_link_get_modified (l),
                     collate_link_get_author (l));
      g_string_append (out, ",\"body\":[");
      append_body (out, "tagging", collate_link_get_label (l));
      if (note != NULL && *note != '\0')
        {
          g_string_append_c (out, ',');
          append_body (out, "commenting", note);
        }
      g_string_append (out, "],\"target\":[");
      append_iri (out, "urn:collate:annotation:", collate_link_get_from (l));
      g_string_append_c (out, ',');
      append_iri (out, "urn:collate:annotation:", collate_link_get_to (l));
      g_string_append (out, "]}");
      if (!collate_export_snapshot_step (snap, 1, error))
        return FALSE;
    }
  g_string_append (out, "\n]}\n}\n");
  return TRUE;
}
