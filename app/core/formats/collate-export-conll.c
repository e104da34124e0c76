/* collate-export-conll.c — CoNLL-2003-style IOB2 tags over tokens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "collate-error.h"
#include "collate-project.h"
#include "collate-tokenizer.h"
#include "collate-export-private.h"

/*
 * Each document starts with "-DOCSTART-\tO" and a blank line; then one
 * "token<TAB>tag" line per token and a blank line after each sentence.
 * Tags are IOB2: "B-Label" on the first token of a span, "I-Label" on the
 * rest, "O" elsewhere; spaces in label names become "_".
 *
 * A span tags every token it touches.  Overlapping spans cannot be
 * expressed: the longest (then the earliest) wins and the others are
 * dropped and counted.  A span that crosses a sentence boundary starts
 * again with B- in the next sentence (counted).
 */

typedef struct
{
  guint              first;   /* token indices, inclusive */
  guint              last;
  guint              order;   /* position in model order, for ties */
  CollateAnnotation *span;
} Placed;

static int
compare_placed (gconstpointer pa,
                gconstpointer pb)
{
  const Placed *a = pa, *b = pb;
  guint la = collate_annotation_get_end (a->span) - collate_annotation_get_start (a->span);
  guint lb = collate_annotation_get_end (b->span) - collate_annotation_get_start (b->span);

  if (la != lb)
    return la > lb ? -1 : 1;
  return a->order < b->order ? -1 : a->order > b->order;
}

/* No white space in a tag, as readers split a line at any that Python's
 * str.split() knows: a label "Same entity" or "Same\u00a0entity" gives
 * "Same_entity" */
static char *
tag_name (const char *label)
{
  GString *name = g_string_new (NULL);

  for (const char *p = label; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (collate_tokenizer_is_space (c))
        g_string_append_c (name, '_');
      else
        g_string_append_len (name, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (name, FALSE);
}

gboolean
collate_export_write_conll (CollateExportSnapshot  *snap,
                            CollateExportPart      *part,
                            GString                *out,
                            GError                **error)
{
  const char *const *wanted = collate_export_options_get_conll_labels (snap->options);
  g_autoptr(GHashTable) tag_names = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  guint dropped_overlap = 0, no_token = 0, misaligned = 0, split = 0;
  guint notes = 0, attributes = 0;

  for (guint d = 0; d < part->docs->len; d++)
    {
      CollateExportDoc *doc = g_ptr_array_index (part->docs, d);
      const char *text = collate_document_get_text (doc->document);
      GArray *tokens = collate_export_doc_get_tokens (doc);
      GArray *sentences = collate_export_doc_get_sentences (doc);
      g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Placed));
      g_autofree const char **owner = g_new0 (const char *, MAX (tokens->len, 1));
      g_autofree guchar *is_begin = g_new0 (guchar, MAX (tokens->len, 1));

      /* Which spans become tags, on which tokens */
      for (guint i = 0; i < doc->spans->len; i++)
        {
          CollateAnnotation *a = g_ptr_array_index (doc->spans, i);
          guint start = collate_annotation_get_start (a);
          guint end = collate_annotation_get_end (a);
          Placed p = { 0, 0, i, a };

          if (*collate_annotation_get_note (a) != '\0')
            notes++;
          if (collate_annotation_get_n_attributes (a) > 0)
            attributes++;
          if (wanted != NULL && !g_strv_contains (wanted, collate_annotation_get_label (a)))
            continue;
          p.first = collate_tokens_find (tokens, start);
          if (p.first >= tokens->len ||
              g_array_index (tokens, CollateTextRange, p.first).start >= end)
            {
              no_token++;
              continue;
            }
          p.last = collate_tokens_find (tokens, end - 1);
          if (p.last >= tokens->len || g_array_index (tokens, CollateTextRange, p.last).start >= end)
            p.last--;
          if (g_array_index (tokens, CollateTextRange, p.first).start < start ||
              g_array_index (tokens, CollateTextRange, p.last).end > end)
            misaligned++;
          g_array_append_val (placed, p);
        }
      g_array_sort (placed, compare_placed);

      for (guint i = 0; i < placed->len; i++)
        {
          Placed *p = &g_array_index (placed, Placed, i);
          const char *label = collate_annotation_get_label (p->span);
          const char *name;
          gboolean vacant = TRUE;

          for (guint t = p->first; t <= p->last && vacant; t++)
            vacant = owner[t] == NULL;
          if (!vacant)
            {
              dropped_overlap++;
              continue;
            }
          name = g_hash_table_lookup (tag_names, label);
          if (name == NULL)
            {
              name = tag_name (label);
              g_hash_table_insert (tag_names, (gpointer) label, (gpointer) name);
            }
          for (guint t = p->first; t <= p->last; t++)
            owner[t] = name;
          is_begin[p->first] = 1;
          if (collate_sentences_find (sentences, p->first) != collate_sentences_find (sentences, p->last))
            split++;
        }

      g_string_append (out, "-DOCSTART-\tO\n\n");
      for (guint s = 0; s < sentences->len; s++)
        {
          CollateSentence *sent = &g_array_index (sentences, CollateSentence, s);

          for (guint t = sent->first_token; t < sent->end_token; t++)
            {
              CollateTextRange *tok = &g_array_index (tokens, CollateTextRange, t);

              g_string_append_len (out, text + tok->byte_start, tok->byte_end - tok->byte_start);
              if (owner[t] == NULL)
                g_string_append (out, "\tO\n");
              else
                {
                  gboolean begin = is_begin[t] || t == sent->first_token ||
                                   owner[t - 1] != owner[t];
                  g_string_append (out, begin ? "\tB-" : "\tI-");
                  g_string_append (out, owner[t]);
                  g_string_append_c (out, '\n');
                }
            }
          g_string_append_c (out, '\n');
          if (!collate_export_snapshot_flush (snap, out, COLLATE_EXPORT_FLUSH_SIZE, error))
            return FALSE;
        }
      if (!collate_export_snapshot_step (snap, 1 + doc->spans->len, error))
        return FALSE;
    }

  collate_export_report_add (snap->report, "conll-overlap", dropped_overlap,
                             _("Overlapping spans, not written (CoNLL tags one entity per "
                               "token; the longest span was kept)"));
  collate_export_report_add (snap->report, "conll-no-token", no_token,
                             _("Spans of only white space, not written (they cover no token)"));
  collate_export_report_add (snap->report, "conll-misaligned", misaligned,
                             _("Spans whose edges fall inside a token, written as the whole "
                               "tokens they touch"));
  collate_export_report_add (snap->report, "conll-sentence-split", split,
                             _("Spans that cross a sentence boundary, written as one entity "
                               "per sentence"));
  collate_export_report_add (snap->report, "conll-links", part->links->len,
                             _("Links, not written (CoNLL cannot express them)"));
  collate_export_report_add (snap->report, "conll-notes", notes,
                             _("Span notes, not written (CoNLL cannot express them)"));
  collate_export_report_add (snap->report, "conll-attributes", attributes,
                             _("Spans with attributes, whose attributes were not written "
                               "(CoNLL cannot express them)"));
  return TRUE;
}
