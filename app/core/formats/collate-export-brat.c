/* collate-export-brat.c — brat standoff: NAME.txt + NAME.ann per document
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
 * brat standoff (brat.nlplab.org/standoff.html).  Offsets are characters of
 * the .txt as brat reads it (Python str indices, i.e. code points of the
 * UTF-8 text).  Per document:
 *   T1<TAB>Claim 10 25<TAB>the quote
 *   T2<TAB>Claim 40 52;53 60<TAB>first line second line    (crosses a line break)
 *   R1<TAB>Contradicts Arg1:T1 Arg2:T2
 *   #1<TAB>AnnotatorNotes T1<TAB>the note
 *   A1<TAB>certainty T1 high
 * A span that crosses a line break is written as fragments (brat refuses
 * annotations containing a newline); their texts are joined with a space,
 * as brat does.  Labels and attribute names are made brat-safe ("Same
 * entity" → "Same_entity"); visual.conf maps them back to their names.
 * Links between documents cannot be expressed: they are written to
 * cross-document-links.tsv and reported.
 */

static char *
brat_safe_full (const char *name,
                gboolean    need_letter)
{
  GString *s = g_string_new (NULL);

  for (const char *p = name ? name : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || c == '_' || c == '-' || c == '.')
        g_string_append_unichar (s, c);
      else
        g_string_append_c (s, '_');
    }
  if (s->len == 0 || (need_letter && !g_unichar_isalpha (g_utf8_get_char (s->str))))
    g_string_prepend (s, "L_");
  return g_string_free (s, FALSE);
}

static char *
brat_safe (const char *name)
{
  return brat_safe_full (name, TRUE);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Label name → unique brat-safe type name */
typedef struct
{
  GHashTable *by_name;   /* name → type */
  GHashTable *taken;     /* type set */
} TypeMap;

static const char *
type_of (TypeMap    *map,
         const char *name)
{
  char *type = g_hash_table_lookup (map->by_name, name);

  if (type == NULL)
    {
      g_autofree char *base = brat_safe (name);

      type = g_strdup (base);
      for (guint k = 2; g_hash_table_contains (map->taken, type); k++)
        {
          g_free (type);
          type = g_strdup_printf ("%s_%u", base, k);
        }
      g_hash_table_add (map->taken, type);
      g_hash_table_insert (map->by_name, g_strdup (name), type);
    }
  return type;
}

/* brat reads an .ann file with Python's codecs, whose lines end, as
 * str.splitlines() has them, at \v, \f, \x1c–\x1e, U+0085, U+2028 and
 * U+2029 as well as at \n and \r: none of them may be inside a line */
static gboolean
is_line_break (gunichar c)
{
  switch (c)
    {
    case '\n': case '\r': case 0x0b: case 0x0c: case 0x1c: case 0x1d: case 0x1e:
    case 0x85: case 0x2028: case 0x2029:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
only_line_breaks (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!is_line_break (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Notes and values are one line in brat */
static char *
one_line (const char *text,
          gboolean   *changed)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text ? text : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\t' || is_line_break (c))
        {
          g_string_append_c (s, ' ');
          *changed = TRUE;
        }
      else
        g_string_append_len (s, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (s, FALSE);
}

static void
append_fragments (GString           *ann,
                  CollateAnnotation *a)
{
  const char *quote = collate_annotation_get_text (a);
  guint offset = collate_annotation_get_start (a);
  GString *texts = g_string_new (NULL);
  gboolean first = TRUE;
  const char *p = quote;

  while (*p)
    {
      const char *frag;
      guint frag_start;

      while (*p && is_line_break (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          offset++;
        }
      if (*p == '\0')
        break;
      frag = p;
      frag_start = offset;
      while (*p && !is_line_break (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          offset++;
        }
      g_string_append_printf (ann, "%s%u %u", first ? "" : ";", frag_start, offset);
      if (!first)
        g_string_append_c (texts, ' ');
      g_string_append_len (texts, frag, p - frag);
      first = FALSE;
    }
  g_assert (!first);   /* spans of only line breaks are left out before */
  g_string_append_c (ann, '\t');
  g_string_append_len (ann, texts->str, texts->len);
  g_string_append_c (ann, '\n');
  g_string_free (texts, TRUE);
}

static gboolean
label_wanted (CollateExportSnapshot *snap,
              const char            *name,
              gboolean               span_kind)
{
  const char *const *labels = collate_export_options_get_labels (snap->options);
  gboolean any_of_kind = FALSE;
  GPtrArray *list = span_kind ? snap->span_labels : snap->link_labels;

  if (labels == NULL)
    return TRUE;
  /* the subset only narrows the kinds it names */
  for (guint i = 0; labels[i]; i++)
    for (guint j = 0; j < list->len; j++)
      if (g_str_equal (labels[i], collate_label_get_name (g_ptr_array_index (list, j))))
        any_of_kind = TRUE;
  return !any_of_kind || g_strv_contains (labels, name);
}

/* Reports the links between documents and says where the person will find
 * the side file once the export is in place; with --strict nothing is
 * written, the side file neither */
static void
report_cross_links (CollateExportSnapshot *snap,
                    CollateExportPart     *part,
                    guint                  n_cross)
{
  g_autofree char *side = NULL;

  if (n_cross == 0)
    return;
  if (collate_export_options_get_strict (snap->options))
    collate_export_report_add (snap->report, "brat-cross-document-links", n_cross,
                               _("Links between documents, which brat cannot express in the "
                                 ".ann files (without --strict they are listed in "
                                 "cross-document-links.tsv)"));
  else if (snap->destination == NULL)
    collate_export_report_add (snap->report, "brat-cross-document-links", n_cross,
                               _("Links between documents, not written to the .ann files "
                                 "(brat cannot express them; they are listed in "
                                 "cross-document-links.tsv)"));
  else if (part->name == NULL)
    {
      side = g_build_filename (snap->destination, "cross-document-links.tsv", NULL);
      collate_export_report_add (snap->report, "brat-cross-document-links", n_cross,
                                 _("Links between documents, not written to the .ann files "
                                   "(brat cannot express them; they are listed in “%s”)"),
                                 side);
    }
  else
    collate_export_report_add (snap->report, "brat-cross-document-links", n_cross,
                               _("Links between documents, not written to the .ann files "
                                 "(brat cannot express them; they are listed in the "
                                 "cross-document-links.tsv of their part's folder in “%s”)"),
                               snap->destination);
}

gboolean
collate_export_write_brat (CollateExportSnapshot  *snap,
                           CollateExportPart      *part,
                           const char             *folder,
                           GError                **error)
{
  TypeMap types = {
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
  };
  TypeMap attr_names = {
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
  };
  g_autoptr(GHashTable) t_ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) attr_values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                             (GDestroyNotify) g_hash_table_unref);
  g_autoptr(GPtrArray) attr_order = g_ptr_array_new ();
  g_autoptr(GHashTable) links_by_doc = NULL;
  g_autoptr(GString) cross = g_string_new ("link\tlabel\tfrom_file\tfrom\tto_file\tto\tnote\n");
  g_autoptr(GString) conf = g_string_new (NULL);
  g_autoptr(GString) visual = g_string_new (NULL);
  guint n_cross = 0, flattened = 0, renamed_attrs = 0, only_breaks = 0, dropped_links = 0;
  guint trimmed = 0;
  gboolean ok = FALSE;

  /* The types first, in schema order, so names are stable */
  for (guint i = 0; i < snap->span_labels->len; i++)
    type_of (&types, collate_label_get_name (g_ptr_array_index (snap->span_labels, i)));
  for (guint i = 0; i < snap->link_labels->len; i++)
    type_of (&types, collate_label_get_name (g_ptr_array_index (snap->link_labels, i)));

  /* Links by the document of their "from" span; cross-document ones are
   * written to the side file below, once every T id is known */
  links_by_doc = collate_export_part_links_by_doc (snap, part, TRUE, NULL);

  for (guint d = 0; d < part->docs->len; d++)
    {
      CollateExportDoc *doc = g_ptr_array_index (part->docs, d);
      CollateDocument *document = doc->document;
      g_autoptr(GString) ann = g_string_sized_new (64 * (doc->spans->len + 1));
      g_autoptr(GString) notes = g_string_new (NULL);
      g_autoptr(GString) attrs = g_string_new (NULL);
      GPtrArray *links = g_hash_table_lookup (links_by_doc, doc);
      g_autofree char *txt_name = g_strconcat (doc->file_stem, ".txt", NULL);
      g_autofree char *ann_name = g_strconcat (doc->file_stem, ".ann", NULL);
      guint n_notes = 0, n_attrs = 0;

      for (guint i = 0; i < doc->spans->len; i++)
        {
          CollateAnnotation *a = g_ptr_array_index (doc->spans, i);
          const char *note = collate_annotation_get_note (a);
          g_autofree const char **keys = collate_annotation_get_attribute_keys (a);

          if (only_line_breaks (collate_annotation_get_text (a)))
            {
              /* only line breaks: nothing brat can show */
              only_breaks++;
              if (!collate_export_snapshot_step (snap, 1, error))
                goto out;
              continue;
            }
          {
            const char *quote = collate_annotation_get_text (a);
            const char *last = g_utf8_prev_char (quote + strlen (quote));

            if (is_line_break (g_utf8_get_char (quote)) || is_line_break (g_utf8_get_char (last)))
              trimmed++;
          }
          g_string_append_printf (ann, "T%u\t%s ", i + 1, type_of (&types, collate_annotation_get_label (a)));
          append_fragments (ann, a);
          g_hash_table_insert (t_ids, (gpointer) collate_annotation_get_id (a),
                               g_strdup_printf ("T%u", i + 1));
          if (note != NULL && *note != '\0')
            {
              gboolean changed = FALSE;
              g_autofree char *line = one_line (note, &changed);

              g_string_append_printf (notes, "#%u\tAnnotatorNotes T%u\t%s\n", ++n_notes, i + 1, line);
              flattened += changed;
            }
          for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
            {
              const char *name = type_of (&attr_names, keys[k]);
              gboolean changed = !g_str_equal (name, keys[k]);
              g_autofree char *value = brat_safe_full (collate_annotation_get_attribute (a, keys[k]), FALSE);
              GHashTable *values = g_hash_table_lookup (attr_values, name);

              if (!g_str_equal (value, collate_annotation_get_attribute (a, keys[k])))
                changed = TRUE;
              renamed_attrs += changed;
              g_string_append_printf (attrs, "A%u\t%s T%u %s\n", ++n_attrs, name, i + 1, value);
              if (values == NULL)
                {
                  values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
                  g_hash_table_insert (attr_values, (gpointer) name, values);
                  g_ptr_array_add (attr_order, (gpointer) name);
                }
              g_hash_table_add (values, g_strdup (value));
            }
          if (!collate_export_snapshot_step (snap, 1, error))
            goto out;
        }
      for (guint i = 0; links != NULL && i < links->len; i++)
        {
          CollateLink *l = g_ptr_array_index (links, i);
          const char *note = collate_link_get_note (l);

          if (!g_hash_table_contains (t_ids, collate_link_get_from (l)) ||
              !g_hash_table_contains (t_ids, collate_link_get_to (l)))
            {
              dropped_links++;
              continue;
            }

          g_string_append_printf (ann, "R%u\t%s Arg1:%s Arg2:%s\n", i + 1,
                                  type_of (&types, collate_link_get_label (l)),
                                  (char *) g_hash_table_lookup (t_ids, collate_link_get_from (l)),
                                  (char *) g_hash_table_lookup (t_ids, collate_link_get_to (l)));
          if (note != NULL && *note != '\0')
            {
              gboolean changed = FALSE;
              g_autofree char *line = one_line (note, &changed);

              g_string_append_printf (notes, "#%u\tAnnotatorNotes R%u\t%s\n", ++n_notes, i + 1, line);
              flattened += changed;
            }
          if (!collate_export_snapshot_step (snap, 1, error))
            goto out;
        }
      g_string_append_len (ann, attrs->str, attrs->len);
      g_string_append_len (ann, notes->str, notes->len);

      if (!collate_export_write_file (folder, txt_name, collate_document_get_text (document),
                                      collate_document_get_byte_length (document), error) ||
          !collate_export_write_file (folder, ann_name, ann->str, ann->len, error) ||
          !collate_export_snapshot_step (snap, 1, error))
        goto out;
    }

  /* Cross-document links: a side file (T ids are known now) */
  for (guint i = 0; i < part->links->len; i++)
    {
      CollateLink *l = g_ptr_array_index (part->links, i);
      CollateAnnotation *from = g_hash_table_lookup (snap->spans_by_id, collate_link_get_from (l));
      CollateAnnotation *to = g_hash_table_lookup (snap->spans_by_id, collate_link_get_to (l));
      gboolean changed = FALSE;
      g_autofree char *note = NULL;
      g_autofree char *id = NULL;

      if (g_str_equal (collate_annotation_get_document_id (from),
                       collate_annotation_get_document_id (to)))
        continue;
      if (!g_hash_table_contains (t_ids, collate_link_get_from (l)) ||
          !g_hash_table_contains (t_ids, collate_link_get_to (l)))
        {
          dropped_links++;
          continue;
        }
      note = one_line (collate_link_get_note (l), &changed);
      id = one_line (collate_link_get_id (l), &changed);
      n_cross++;
      g_string_append_printf (cross, "%s\t%s\t%s.ann\t%s\t%s.ann\t%s\t%s\n",
                              id, type_of (&types, collate_link_get_label (l)),
                              collate_export_snapshot_doc_of (snap, from)->file_stem,
                              (char *) g_hash_table_lookup (t_ids, collate_link_get_from (l)),
                              collate_export_snapshot_doc_of (snap, to)->file_stem,
                              (char *) g_hash_table_lookup (t_ids, collate_link_get_to (l)),
                              note);
      if (!collate_export_snapshot_step (snap, 1, error))
        goto out;
    }
  if (n_cross > 0 &&
      !collate_export_write_file (folder, "cross-document-links.tsv", cross->str, cross->len, error))
    goto out;

  /* annotation.conf and visual.conf from the schema */
  g_string_append (conf, "# Generated by Collate from the project's schema\n[entities]\n");
  g_string_append (visual, "# Generated by Collate: brat type | label in Collate\n[labels]\n");
  for (guint i = 0; i < snap->span_labels->len; i++)
    {
      const char *name = collate_label_get_name (g_ptr_array_index (snap->span_labels, i));

      if (label_wanted (snap, name, TRUE))
        g_string_append_printf (conf, "%s\n", type_of (&types, name));
    }
  g_string_append (conf, "\n[relations]\n");
  for (guint i = 0; i < snap->link_labels->len; i++)
    {
      const char *name = collate_label_get_name (g_ptr_array_index (snap->link_labels, i));

      if (label_wanted (snap, name, FALSE))
        g_string_append_printf (conf, "%s\tArg1:<ENTITY>, Arg2:<ENTITY>\n", type_of (&types, name));
    }
  g_string_append (conf, "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");
  g_string_append (conf, "\n[events]\n\n[attributes]\n");
  for (guint i = 0; i < attr_order->len; i++)
    {
      const char *name = g_ptr_array_index (attr_order, i);
      GHashTable *values = g_hash_table_lookup (attr_values, name);
      g_autofree const char **list = (const char **) g_hash_table_get_keys_as_array (values, NULL);
      g_autofree char *joined = NULL;

      g_qsort_with_data (list, g_hash_table_size (values), sizeof (char *),
                         compare_strings, NULL);
      joined = g_strjoinv ("|", (char **) list);
      g_string_append_printf (conf, "%s\tArg:<ENTITY>, Value:%s\n", name, joined);
    }

  for (int kind = 0; kind < 2; kind++)
    {
      GPtrArray *list = kind == 0 ? snap->span_labels : snap->link_labels;

      for (guint i = 0; i < list->len; i++)
        {
          const char *name = collate_label_get_name (g_ptr_array_index (list, i));
          gboolean changed = FALSE;
          g_autofree char *display = one_line (name, &changed);

          if (!label_wanted (snap, name, kind == 0))
            continue;
          g_strdelimit (display, "|", '/');
          g_string_append_printf (visual, "%s | %s\n", type_of (&types, name), display);
        }
    }
  g_string_append (visual, "\n[drawing]\n");
  for (int kind = 0; kind < 2; kind++)
    {
      GPtrArray *list = kind == 0 ? snap->span_labels : snap->link_labels;

      for (guint i = 0; i < list->len; i++)
        {
          CollateLabel *label = g_ptr_array_index (list, i);

          if (!label_wanted (snap, collate_label_get_name (label), kind == 0))
            continue;
          g_string_append_printf (visual, "%s\t%s:%s\n",
                                  type_of (&types, collate_label_get_name (label)),
                                  kind == 0 ? "bgColor" : "color",
                                  collate_label_get_color (label));
        }
    }

  if (!collate_export_write_file (folder, "annotation.conf", conf->str, conf->len, error) ||
      !collate_export_write_file (folder, "visual.conf", visual->str, visual->len, error))
    goto out;

  report_cross_links (snap, part, n_cross);
  collate_export_report_add (snap->report, "brat-multiline-notes", flattened,
                             _("Notes with line breaks or tabs, written on one line (with "
                               "spaces for them)"));
  collate_export_report_add (snap->report, "brat-attributes-renamed", renamed_attrs,
                             _("Attributes whose names or values had characters brat does not "
                               "allow, written with those characters replaced"));
  collate_export_report_add (snap->report, "brat-line-break-spans", only_breaks,
                             _("Spans of nothing but line breaks, not written (brat cannot "
                               "show them)"));
  collate_export_report_add (snap->report, "brat-line-break-edges", trimmed,
                             _("Spans that start or end with a line break, written without it "
                               "(as brat shows them)"));
  collate_export_report_add (snap->report, "brat-links-to-left-out-spans", dropped_links,
                             _("Links to spans that were not written, not written either"));
  ok = TRUE;

out:
  g_hash_table_unref (types.by_name);
  g_hash_table_unref (types.taken);
  g_hash_table_unref (attr_names.by_name);
  g_hash_table_unref (attr_names.taken);
  return ok;
}
