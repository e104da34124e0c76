/* collate-export-jsonl.c — one JSON document per line, spaCy/Prodigy-style spans
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "collate.h"
#include "collate-export-private.h"

/*
 * {"text": "…", "meta": {"id", "title", "source", "sha256"},
 *  "tokens": [{"text", "start", "end", "id", "ws"}],
 *  "spans": [{"id", "start", "end", "label", "text", "token_start", "token_end",
 *             "note", "attributes", "author", "created", "modified"}],
 *  "links": [{"id", "label", "from", "to", "note", "author", "created",
 *             "modified", ("to_document")}]}
 *
 * start/end are code points of "text", half-open; token_start/token_end
 * are the first and last (inclusive, as Prodigy counts) indices into
 * "tokens", which lists Collate's tokens (collate-tokenizer.h) as Prodigy
 * and spaCy do: the token's text, its offsets (code points), its index and
 * whether white space follows it.  A link is written on the line of its
 * "from" span; a link to another document names it in "to_document".
 */

static void
append_member (GString    *out,
               const char *name,
               const char *value)
{
  g_string_append_c (out, ',');
  collate_export_append_json_string (out, name, -1);
  g_string_append_c (out, ':');
  collate_export_append_json_string (out, value ? value : "", -1);
}

/* Writes @value at @p, returns the byte after it */
static inline char *
put_uint (char  *p,
          guint  value)
{
  char buf[16];
  char *q = buf + sizeof buf;

  do
    {
      *--q = (char) ('0' + value % 10);
      value /= 10;
    }
  while (value > 0);
  memcpy (p, q, buf + sizeof buf - q);
  return p + (buf + sizeof buf - q);
}

#define PUT(p, literal) (memcpy ((p), (literal), sizeof (literal) - 1), (p) + sizeof (literal) - 1)

/* A token's text that needs no JSON escape */
static inline gboolean
is_plain (const char *text,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if ((guchar) text[i] < 0x20 || text[i] == '"' || text[i] == '\\')
      return FALSE;
  return TRUE;
}

/* A million tokens: each is put together in a buffer and appended at once
 * (g_string_append() and printf per member would take most of the export) */
static void
append_tokens (GString         *out,
               CollateDocument *document,
               GArray          *tokens)
{
  const char *text = collate_document_get_text (document);
  gsize length = collate_document_get_byte_length (document);
  gsize reserve = out->len + length + (gsize) tokens->len * 64 + 16;
  gsize len = out->len;

  /* grow once rather than doubling through the whole list */
  g_string_set_size (out, reserve);
  g_string_truncate (out, len);

  g_string_append (out, ",\"tokens\":[");
  for (guint i = 0; i < tokens->len; i++)
    {
      const CollateTextRange *t = &g_array_index (tokens, CollateTextRange, i);
      const char *word = text + t->byte_start;
      gsize n = t->byte_end - t->byte_start;
      /* the tokenizer leaves nothing but white space between tokens */
      gsize next_start = i + 1 < tokens->len
                         ? g_array_index (tokens, CollateTextRange, i + 1).byte_start
                         : length;
      char buf[160];
      char *p = buf;

      if (i > 0)
        *p++ = ',';
      if (n <= 64 && is_plain (word, n))
        {
          p = PUT (p, "{\"text\":\"");
          memcpy (p, word, n);
          p += n;
          *p++ = '"';
          g_string_append_len (out, buf, p - buf);
        }
      else
        {
          p = PUT (p, "{\"text\":");
          g_string_append_len (out, buf, p - buf);
          collate_export_append_json_string (out, word, n);
        }
      p = buf;
      p = PUT (p, ",\"start\":");
      p = put_uint (p, t->start);
      p = PUT (p, ",\"end\":");
      p = put_uint (p, t->end);
      p = PUT (p, ",\"id\":");
      p = put_uint (p, i);
      if (next_start > t->byte_end)
        p = PUT (p, ",\"ws\":true}");
      else
        p = PUT (p, ",\"ws\":false}");
      g_string_append_len (out, buf, p - buf);
    }
  g_string_append_c (out, ']');
}

static void
append_attributes (GString           *out,
                   CollateAnnotation *span)
{
  g_autofree const char **keys = collate_annotation_get_attribute_keys (span);

  g_string_append (out, ",\"attributes\":{");
  for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
    {
      if (k > 0)
        g_string_append_c (out, ',');
      collate_export_append_json_string (out, keys[k], -1);
      g_string_append_c (out, ':');
      collate_export_append_json_string (out, collate_annotation_get_attribute (span, keys[k]), -1);
    }
  g_string_append_c (out, '}');
}

gboolean
collate_export_write_jsonl (CollateExportSnapshot  *snap,
                            CollateExportPart      *part,
                            GString                *out,
                            GError                **error)
{
  /* Each link goes on the line of its "from" span */
  g_autoptr(GHashTable) links_by_doc = collate_export_part_links_by_doc (snap, part, FALSE, NULL);
  guint misaligned = 0;

  for (guint d = 0; d < part->docs->len; d++)
    {
      CollateExportDoc *doc = g_ptr_array_index (part->docs, d);
      CollateDocument *document = doc->document;
      GPtrArray *links = g_hash_table_lookup (links_by_doc, doc);
      GArray *tokens = collate_export_doc_get_tokens (doc);

      g_string_append (out, "{\"text\":");
      collate_export_append_json_string (out, collate_document_get_text (document),
                                         collate_document_get_byte_length (document));
      g_string_append (out, ",\"meta\":{\"id\":");
      collate_export_append_json_string (out, collate_document_get_id (document), -1);
      append_member (out, "title", collate_document_get_title (document));
      append_member (out, "source", collate_document_get_source (document));
      append_member (out, "sha256", collate_document_get_sha256 (document));
      g_string_append_c (out, '}');
      append_tokens (out, document, tokens);
      g_string_append (out, ",\"spans\":[");

      for (guint i = 0; i < doc->spans->len; i++)
        {
          CollateAnnotation *a = g_ptr_array_index (doc->spans, i);
          guint start = collate_annotation_get_start (a);
          guint end = collate_annotation_get_end (a);
          guint ts = collate_tokens_find (tokens, start);
          guint te = collate_tokens_find (tokens, end - 1);
          gboolean aligned;

          /* token_end is inclusive; a span of only whitespace has no token */
          aligned = ts < tokens->len && te < tokens->len && ts <= te &&
                    g_array_index (tokens, CollateTextRange, ts).start == start &&
                    g_array_index (tokens, CollateTextRange, te).end == end;
          if (!aligned)
            misaligned++;
          if (te >= tokens->len || g_array_index (tokens, CollateTextRange, te).start >= end)
            te = te > 0 ? te - 1 : 0;   /* the span ends in whitespace */
          if (te < ts)
            te = ts;

          if (i > 0)
            g_string_append_c (out, ',');
          g_string_append (out, "{\"id\":");
          collate_export_append_json_string (out, collate_annotation_get_id (a), -1);
          g_string_append_printf (out, ",\"start\":%u,\"end\":%u", start, end);
          append_member (out, "label", collate_annotation_get_label (a));
          append_member (out, "text", collate_annotation_get_text (a));
          g_string_append_printf (out, ",\"token_start\":%u,\"token_end\":%u", ts, te);
          append_member (out, "note", collate_annotation_get_note (a));
          append_attributes (out, a);
          append_member (out, "author", collate_annotation_get_author (a));
          append_member (out, "created", collate_annotation_get_created (a));
          append_member (out, "modified", collate_annotation_get_modified (a));
          g_string_append_c (out, '}');
          if (!collate_export_snapshot_step (snap, 1, error))
            return FALSE;
        }
      g_string_append (out, "],\"links\":[");
      for (guint i = 0; links != NULL && i < links->len; i++)
        {
          CollateLink *l = g_ptr_array_index (links, i);
          CollateAnnotation *to = g_hash_table_lookup (snap->spans_by_id, collate_link_get_to (l));

          if (i > 0)
            g_string_append_c (out, ',');
          g_string_append (out, "{\"id\":");
          collate_export_append_json_string (out, collate_link_get_id (l), -1);
          append_member (out, "label", collate_link_get_label (l));
          append_member (out, "from", collate_link_get_from (l));
          append_member (out, "to", collate_link_get_to (l));
          if (g_strcmp0 (collate_annotation_get_document_id (to), collate_document_get_id (document)) != 0)
            append_member (out, "to_document", collate_annotation_get_document_id (to));
          append_member (out, "note", collate_link_get_note (l));
          append_member (out, "author", collate_link_get_author (l));
          append_member (out, "created", collate_link_get_created (l));
          append_member (out, "modified", collate_link_get_modified (l));
          g_string_append_c (out, '}');
          if (!collate_export_snapshot_step (snap, 1, error))
            return FALSE;
        }
      g_string_append (out, "]}\n");
      if (!collate_export_snapshot_step (snap, 1, error))
        return FALSE;
    }

  collate_export_report_add (snap->report, "jsonl-token-misaligned", misaligned,
                             _("Spans whose edges fall inside a token, written as they are "
                               "(token_start and token_end name the tokens they touch)"));
  return TRUE;
}
