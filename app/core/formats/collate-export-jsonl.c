/* collate-export-jsonl.c — one JSON document per line, spaCy/Prodigy-style spans
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "collate-error.h"
#include "collate-project.h"
#include "collate-tokenizer.h"
#include "collate-export-private.h"

/*
 * {"text": "…", "meta": {"id", "title", "source", "sha256", "metadata"?},
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

/* Makes room for at least @n more bytes at the end of @out (its length
 * unchanged) */
static inline void
reserve (GString *out,
         gsize    n)
{
  if (out->allocated_len - out->len <= n)
    {
      gsize len = out->len;

      g_string_set_size (out, len + n);
      g_string_truncate (out, len);
    }
}

/* Appends the document's text, a megabyte at a time, so that a file being
 * written gets it in pieces */
static gboolean
append_text (CollateExportSnapshot  *snap,
             GString                *out,
             const char             *text,
             gsize                   length,
             GError                **error)
{
  g_string_append_c (out, '"');
  while (length > 0)
    {
      gsize n = MIN (length, (gsize) COLLATE_EXPORT_FLUSH_SIZE);

      collate_export_append_json_chars (out, text, n);
      text += n;
      length -= n;
      if (!collate_export_snapshot_flush (snap, out, COLLATE_EXPORT_FLUSH_SIZE, error))
        return FALSE;
    }
  g_string_append_c (out, '"');
  return TRUE;
}

/* A million tokens: each is written straight into @out's buffer (appending
 * member by member, or printf, would take most of the export) */
static gboolean
append_tokens (CollateExportSnapshot  *snap,
               GString                *out,
               CollateDocument        *document,
               GArray                 *tokens,
               GError                **error)
{
  const char *text = collate_document_get_text (document);
  gsize length = collate_document_get_byte_length (document);
  const CollateTextRange *t = (const CollateTextRange *) (gpointer) tokens->data;
  char *p, *limit;

  g_string_append (out, ",\"tokens\":[");
  p = out->str + out->len;
  limit = out->str + out->allocated_len;
  for (guint i = 0; i < tokens->len; i++, t++)
    {
      const char *word = text + t->byte_start;
      gsize n = t->byte_end - t->byte_start;
      /* the tokenizer leaves nothing but white space between tokens */
      gsize next_start = i + 1 < tokens->len ? t[1].byte_start : length;
      /* the members, three numbers and the text, each byte escaped at worst */
      gsize need = 96 + 6 * n;

      if ((gsize) (limit - p) <= need)
        {
          out->len = p - out->str;
          out->str[out->len] = '\0';
          if (!collate_export_snapshot_flush (snap, out, COLLATE_EXPORT_FLUSH_SIZE, error))
            return FALSE;
          reserve (out, MAX (need, (gsize) 1 << 16));
          p = out->str + out->len;
          limit = out->str + out->allocated_len;
        }

      if (i > 0)
        *p++ = ',';
      p = PUT (p, "{\"text\":\"");
      for (gsize k = 0; k < n; k++)
        {
          guchar c = (guchar) word[k];

          if (G_LIKELY (!collate_export_json_escape[c]))
            *p++ = (char) c;
          else
            p = collate_export_put_json_escape (p, c);
        }
      p = PUT (p, "\",\"start\":");
      p = put_uint (p, t->start);
      p = PUT (p, ",\"end\":");
      p = put_uint (p, t->end);
      p = PUT (p, ",\"id\":");
      p = put_uint (p, i);
      if (next_start > t->byte_end)
        p = PUT (p, ",\"ws\":true}");
      else
        p = PUT (p, ",\"ws\":false}");
    }
  out->len = p - out->str;
  out->str[out->len] = '\0';
  g_string_append_c (out, ']');
  return TRUE;
}

static void
append_uint_member (GString    *out,
                    const char *member,   /* ",\"name\":" */
                    guint       value)
{
  char buf[16];

  g_string_append (out, member);
  g_string_append_len (out, buf, put_uint (buf, value) - buf);
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
      if (!append_text (snap, out, collate_document_get_text (document),
                        collate_document_get_byte_length (document), error))
        return FALSE;
      g_string_append (out, ",\"meta\":{\"id\":");
      collate_export_append_json_string (out, collate_document_get_id (document), -1);
      append_member (out, "title", collate_document_get_title (document));
      append_member (out, "source", collate_document_get_source (document));
      append_member (out, "sha256", collate_document_get_sha256 (document));
      collate_export_append_document_metadata (out, document);
      g_string_append_c (out, '}');
      if (!append_tokens (snap, out, document, tokens, error))
        return FALSE;
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
          append_uint_member (out, ",\"start\":", start);
          append_uint_member (out, ",\"end\":", end);
          append_member (out, "label", collate_annotation_get_label (a));
          append_member (out, "text", collate_annotation_get_text (a));
          append_uint_member (out, ",\"token_start\":", ts);
          append_uint_member (out, ",\"token_end\":", te);
          append_member (out, "note", collate_annotation_get_note (a));
          append_attributes (out, a);
          append_member (out, "author", collate_annotation_get_author (a));
          append_member (out, "created", collate_annotation_get_created (a));
          append_member (out, "modified", collate_annotation_get_modified (a));
          g_string_append_c (out, '}');
          if (!collate_export_snapshot_step (snap, 1, error) ||
              !collate_export_snapshot_flush (snap, out, COLLATE_EXPORT_FLUSH_SIZE, error))
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
      if (!collate_export_snapshot_step (snap, 1, error) ||
          !collate_export_snapshot_flush (snap, out, COLLATE_EXPORT_FLUSH_SIZE, error))
        return FALSE;
    }

  collate_export_report_add (snap->report, "jsonl-token-misaligned", misaligned,
                             _("Spans whose edges fall inside a token, written as they are "
                               "(token_start and token_end name the tokens they touch)"));
  return TRUE;
}
