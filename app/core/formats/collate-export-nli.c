/* collate-export-nli.c — premise/hypothesis pairs from the links between spans
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
 * One JSON object per line and per link, in link id order:
 *   {"premise": "…", "hypothesis": "…", "label": "contradiction",
 *    "link_id", "link_label", "note", "author", "created",
 *    "premise_id", "premise_document", "premise_start", "premise_end", "premise_label",
 *    "hypothesis_id", "hypothesis_document", "hypothesis_start", "hypothesis_end",
 *    "hypothesis_label", "context": "span"|"sentence"}
 * The premise is the link's "from" span, the hypothesis its "to" span.  The
 * label is "contradiction" for Contradicts, "entailment" for Corroborates,
 * and the link label itself otherwise.  The _start and _end members are the code-point
 * offsets of the premise and hypothesis texts as written: the quote's, or
 * with --context sentence those of the sentence(s) enclosing the quote.
 */

static const char *
nli_label (const char *link_label)
{
  if (g_strcmp0 (link_label, "Contradicts") == 0)
    return "contradiction";
  if (g_strcmp0 (link_label, "Corroborates") == 0)
    return "entailment";
  return link_label;
}

/* The text and range written for @span */
static char *
context_of (CollateExportSnapshot *snap,
            CollateAnnotation     *span,
            guint                 *start,
            guint                 *end)
{
  CollateExportDoc *doc = collate_export_snapshot_doc_of (snap, span);
  GArray *tokens, *sentences;
  guint first_tok, last_tok, s0, s1;
  CollateSentence *a, *b;

  *start = collate_annotation_get_start (span);
  *end = collate_annotation_get_end (span);
  if (collate_export_options_get_context (snap->options) != COLLATE_EXPORT_CONTEXT_SENTENCE)
    return g_strdup (collate_annotation_get_text (span));

  tokens = collate_export_doc_get_tokens (doc);
  sentences = collate_export_doc_get_sentences (doc);
  if (tokens->len == 0 || sentences->len == 0)
    return g_strdup (collate_annotation_get_text (span));

  first_tok = MIN (collate_tokens_find (tokens, *start), tokens->len - 1);
  last_tok = MIN (collate_tokens_find (tokens, *end - 1), tokens->len - 1);
  s0 = collate_sentences_find (sentences, first_tok);
  s1 = collate_sentences_find (sentences, last_tok);
  a = &g_array_index (sentences, CollateSentence, s0);
  b = &g_array_index (sentences, CollateSentence, s1);
  *start = MIN (*start, a->range.start);
  *end = MAX (*end, b->range.end);
  return collate_document_dup_slice (doc->document, *start, *end);
}

static void
member_str (GString    *out,
            const char *name,
            const char *value)
{
  g_string_append_printf (out, ",\"%s\":", name);
  collate_export_append_json_string (out, value ? value : "", -1);
}

gboolean
collate_export_write_nli (CollateExportSnapshot  *snap,
                          CollateExportPart      *part,
                          GString                *out,
                          GError                 **error)
{
  const char *context = collate_export_options_get_context (snap->options) ==
                        COLLATE_EXPORT_CONTEXT_SENTENCE ? "sentence" : "span";
  g_autoptr(GHashTable) linked = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < part->links->len; i++)
    {
      CollateLink *l = g_ptr_array_index (part->links, i);
      CollateAnnotation *from = g_hash_table_lookup (snap->spans_by_id, collate_link_get_from (l));
      CollateAnnotation *to = g_hash_table_lookup (snap->spans_by_id, collate_link_get_to (l));
      guint ps, pe, hs, he;
      g_autofree char *premise = context_of (snap, from, &ps, &pe);
      g_autofree char *hypothesis = context_of (snap, to, &hs, &he);

      g_string_append (out, "{\"premise\":");
      collate_export_append_json_string (out, premise, -1);
      member_str (out, "hypothesis", hypothesis);
      member_str (out, "label", nli_label (collate_link_get_label (l)));
      member_str (out, "link_id", collate_link_get_id (l));
      member_str (out, "link_label", collate_link_get_label (l));
      member_str (out, "note", collate_link_get_note (l));
      member_str (out, "author", collate_link_get_author (l));
      member_str (out, "created", collate_link_get_created (l));
      member_str (out, "premise_id", collate_annotation_get_id (from));
      member_str (out, "premise_document", collate_annotation_get_document_id (from));
      g_string_append_printf (out, ",\"premise_start\":%u,\"premise_end\":%u", ps, pe);
      member_str (out, "premise_label", collate_annotation_get_label (from));
      member_str (out, "hypothesis_id", collate_annotation_get_id (to));
      member_str (out, "hypothesis_document", collate_annotation_get_document_id (to));
      g_string_append_printf (out, ",\"hypothesis_start\":%u,\"hypothesis_end\":%u", hs, he);
      member_str (out, "hypothesis_label", collate_annotation_get_label (to));
      member_str (out, "context", context);
      g_string_append (out, "}\n");
      g_hash_table_add (linked, (gpointer) collate_link_get_from (l));
      g_hash_table_add (linked, (gpointer) collate_link_get_to (l));
      if (!collate_export_snapshot_step (snap, 1, error))
        return FALSE;
    }
  collate_export_report_add_records (snap->report, part->links->len);
  collate_export_report_add (snap->report, "nli-unlinked-spans",
                             part->n_spans - g_hash_table_size (linked),
                             _("Spans in no link, not written (they make no NLI pair)"));
  return TRUE;
}
