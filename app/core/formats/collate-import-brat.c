/* collate-import-brat.c — reading brat standoff (.txt + .ann)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "collate-error.h"
#include "collate-project.h"
#include "collate-tokenizer.h"
#include "collate-import-private.h"
#include "collate-tokenizer.h"

/*
 * An input is a folder (every NAME.ann with its NAME.txt, in name order,
 * plus the folder's annotation.conf, visual.conf and the
 * cross-document-links.tsv that Collate's export writes) or a .txt or .ann
 * file (the other of the pair beside it).  Offsets are code points of the
 * .txt (brat reads it as a Python str).
 *
 * T (text-bound) lines become spans; a discontinuous one becomes one span
 * from its first to its last fragment.  R lines become links,
 * "#… AnnotatorNotes X" notes of X, A and M lines attributes ("true" for
 * binary ones).  E, N and * lines are counted and skipped.  visual.conf's
 * [labels] turns brat types back into label names ("Same_entity | Same
 * entity").
 */

typedef struct
{
  char    *id;
  char    *type;
  gint64   start;
  gint64   end;
  char    *text;
  guint    line;
  char    *note;
  GHashTable *attrs;   /* name → value */
  char    *new_id;     /* once inserted */
} BratSpan;

typedef struct
{
  char  *id;
  char  *type;
  char  *arg1;
  char  *arg2;
  guint  line;
  char  *note;
} BratRelation;

typedef struct
{
  CollateImporter *importer;
  GHashTable      *display;      /* brat type → label name (visual.conf) */
  GHashTable      *file_spans;   /* "NAME.ann" → GHashTable T id → new id */
  guint            skipped_events, skipped_norms, skipped_equivs, skipped_other;
  guint            discontinuous_gaps;
} BratState;

static void
brat_span_free (gpointer data)
{
  BratSpan *s = data;

  g_free (s->id);
  g_free (s->type);
  g_free (s->text);
  g_free (s->note);
  g_clear_pointer (&s->attrs, g_hash_table_unref);
  g_free (s->new_id);
  g_free (s);
}

static void
brat_relation_free (gpointer data)
{
  BratRelation *r = data;

  g_free (r->id);
  g_free (r->type);
  g_free (r->arg1);
  g_free (r->arg2);
  g_free (r->note);
  g_free (r);
}

static const char *
label_of (BratState  *state,
          const char *type)
{
  const char *name = state->display ? g_hash_table_lookup (state->display, type) : NULL;

  return name ? name : type;
}

static gboolean
is_id (const char *s,
       char        prefix)
{
  if (s[0] != prefix || s[1] == '\0')
    return FALSE;
  for (const char *p = s + 1; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static gboolean
parse_uint (const char *s,
            gint64     *out)
{
  guint64 v;

  if (!g_ascii_string_to_unsigned (s, 10, 0, G_MAXUINT32, &v, NULL))
    return FALSE;
  *out = (gint64) v;
  return TRUE;
}

/* Reads the optional configuration files of a folder */
static gboolean
read_confs (BratState  *state,
            GFile      *folder,
            GError    **error)
{
  g_autoptr(GFile) visual = g_file_get_child (folder, "visual.conf");
  g_autoptr(GFile) conf = g_file_get_child (folder, "annotation.conf");
  CollateSchema *schema = collate_project_get_schema (state->importer->project);

  if (g_file_query_exists (visual, NULL))
    {
      g_autofree char *text = collate_importer_read_text (state->importer, visual, NULL, NULL, error);
      g_auto(GStrv) lines = NULL;
      gboolean in_labels = FALSE;

      if (text == NULL)
        return FALSE;
      lines = g_strsplit (text, "\n", -1);
      for (guint i = 0; lines[i]; i++)
        {
          char *line = g_strstrip (lines[i]);
          g_auto(GStrv) parts = NULL;

          if (*line == '\0' || *line == '#')
            continue;
          if (*line == '[')
            {
              in_labels = g_str_has_prefix (line, "[labels]");
              continue;
            }
          if (!in_labels)
            continue;
          parts = g_strsplit (line, "|", -1);
          if (parts[0] != NULL && parts[1] != NULL)
            {
              char *type = g_strstrip (parts[0]);
              char *name = g_strstrip (parts[1]);

              if (*type != '\0' && *name != '\0')
                g_hash_table_insert (state->display, g_strdup (type), g_strdup (name));
            }
        }
    }

  if (g_file_query_exists (conf, NULL))
    {
      g_autofree char *text = collate_importer_read_text (state->importer, conf, NULL, NULL, error);
      g_auto(GStrv) lines = NULL;
      int section = -1;   /* 0 entities, 1 relations */

      if (text == NULL)
        return FALSE;
      lines = g_strsplit (text, "\n", -1);
      for (guint i = 0; lines[i]; i++)
        {
          char *line = g_strstrip (lines[i]);
          char *end;

          if (*line == '\0' || *line == '#')
            continue;
          if (*line == '[')
            {
              section = g_str_has_prefix (line, "[entities]") ? 0 :
                        g_str_has_prefix (line, "[relations]") ? 1 : -1;
              continue;
            }
          if (section < 0 || *line == '<')
            continue;
          if (*line == '!')
            line++;
          end = line + strcspn (line, " \t");
          *end = '\0';
          if (*line != '\0' && *line != '<' && strlen (line) <= COLLATE_MAX_LABEL_SIZE && g_utf8_validate (line, -1, NULL))
            collate_schema_ensure (schema, section == 0 ? COLLATE_LABEL_KIND_SPAN : COLLATE_LABEL_KIND_LINK,
                                   label_of (state, line));
        }
    }
  return TRUE;
}

/* A file's name for the project and for messages: its display form, so
 * that a name in another encoding never puts invalid UTF-8 in a project */
static char *
display_path (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  return path != NULL ? g_filename_display_name (path) : g_file_get_parse_name (file);
}

static gboolean
import_pair (BratState  *state,
             GFile      *txt,
             GFile      *ann,
             GError    **error)
{
  CollateImporter *importer = state->importer;
  g_autofree char *txt_name = display_path (txt);
  g_autofree char *ann_name = display_path (ann);
  g_autofree char *ann_base = g_file_get_basename (ann);
  g_autofree char *text = NULL;
  g_autofree char *data = NULL;
  gsize text_len = 0, data_len = 0;
  CollateDocument *doc;
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func (brat_span_free);
  g_autoptr(GPtrArray) relations = g_ptr_array_new_with_free_func (brat_relation_free);
  g_autoptr(GHashTable) span_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) rel_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *new_ids;
  g_auto(GStrv) lines = NULL;
  gboolean bom = FALSE;

  text = collate_importer_read_text (importer, txt, &text_len, &bom, error);
  if (text == NULL)
    return FALSE;
  data = collate_importer_read_text (importer, ann, &data_len, NULL, error);
  if (data == NULL)
    return FALSE;
  if (text_len == 0)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID, _("%s: the text is empty"), txt_name);
      return FALSE;
    }

  doc = collate_importer_add_document (importer, NULL, NULL, txt_name, text, text_len, NULL, txt_name,
                                       error);
  if (doc == NULL)
    return FALSE;

  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      char *line = lines[i];
      guint line_no = i + 1;
      g_auto(GStrv) fields = NULL;
      gsize n;

      if (g_str_has_suffix (line, "\r"))
        line[strlen (line) - 1] = '\0';
      if (*line == '\0')
        continue;
      fields = g_strsplit (line, "\t", 3);
      n = g_strv_length (fields);

      switch (line[0])
        {
        case 'T':
          {
            BratSpan *s;
            g_auto(GStrv) frags = NULL;
            char *type_end;
            GString *expected;

            if (n != 3 || !is_id (fields[0], 'T'))
              goto syntax;
            if (g_hash_table_contains (span_by_id, fields[0]))
              {
                g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS,
                             _("%s:%u: the id %s is used twice"), ann_name, line_no, fields[0]);
                return FALSE;
              }
            type_end = strchr (fields[1], ' ');
            if (type_end == NULL || type_end == fields[1])
              goto syntax;
            *type_end = '\0';
            s = g_new0 (BratSpan, 1);
            g_ptr_array_add (spans, s);
            s->id = g_strdup (fields[0]);
            s->type = g_strdup (fields[1]);
            s->text = g_strdup (fields[2]);
            s->line = line_no;
            s->start = -1;
            frags = g_strsplit (type_end + 1, ";", -1);
            expected = g_string_new (NULL);
            for (guint f = 0; frags[f]; f++)
              {
                g_auto(GStrv) se = g_strsplit (g_strstrip (frags[f]), " ", -1);
                gint64 a, b;
                gsize ba, bb;

                if (g_strv_length (se) != 2 || !parse_uint (se[0], &a) || !parse_uint (se[1], &b))
                  {
                    g_string_free (expected, TRUE);
                    goto syntax;
                  }
                if (bom)
                  {
                    /* brat counts the .txt's byte order mark, which the
                     * document does not keep, nor the span's text */
                    if (a == 0 && f == 0 && g_str_has_prefix (s->text, "\xef\xbb\xbf"))
                      memmove (s->text, s->text + 3, strlen (s->text + 3) + 1);
                    a = MAX (a, 1) - 1;
                    b = MAX (b, 1) - 1;
                  }
                if (a >= b || b > collate_document_get_length (doc) || (s->end >= 0 && a < s->end))
                  {
                    g_string_free (expected, TRUE);
                    g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_RANGE,
                                 _("%s:%u: the offsets %s %s are out of order or past the end "
                                   "of the text (%u characters)"),
                                 ann_name, line_no, se[0], se[1], collate_document_get_length (doc));
                    return FALSE;
                  }
                if (s->start >= 0)
                  {
                    /* the gap between fragments */
                    const char *g = text + collate_document_char_to_byte (doc, s->end);
                    const char *g_end = text + collate_document_char_to_byte (doc, a);

                    for (; g < g_end; g = g_utf8_next_char (g))
                      /* white space, brat's line breaks among it, is no text */
                      if (!collate_tokenizer_is_space (g_utf8_get_char (g)))
                        {
                          state->discontinuous_gaps++;
                          break;
                        }
                    g_string_append_c (expected, ' ');
                  }
                else
                  s->start = a;
                s->end = b;
                ba = collate_document_char_to_byte (doc, a);
                bb = collate_document_char_to_byte (doc, b);
                g_string_append_len (expected, text + ba, bb - ba);
              }
            if (!g_str_equal (expected->str, s->text))
              {
                g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                             _("%s:%u: the text “%s” differs from the .txt at those offsets, “%s”"),
                             ann_name, line_no, s->text, expected->str);
                g_string_free (expected, TRUE);
                return FALSE;
              }
            g_string_free (expected, TRUE);
            g_hash_table_insert (span_by_id, s->id, s);
          }
          break;

        case 'R':
          {
            g_auto(GStrv) args = NULL;
            BratRelation *r;

            if (n < 2 || !is_id (fields[0], 'R'))
              goto syntax;
            args = g_strsplit (g_strstrip (fields[1]), " ", -1);
            if (g_strv_length (args) != 3 || strchr (args[1], ':') == NULL ||
                strchr (args[2], ':') == NULL)
              goto syntax;
            if (g_hash_table_contains (rel_by_id, fields[0]))
              {
                g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS,
                             _("%s:%u: the id %s is used twice"), ann_name, line_no, fields[0]);
                return FALSE;
              }
            r = g_new0 (BratRelation, 1);
            g_ptr_array_add (relations, r);
            r->id = g_strdup (fields[0]);
            r->type = g_strdup (args[0]);
            r->arg1 = g_strdup (strchr (args[1], ':') + 1);
            r->arg2 = g_strdup (strchr (args[2], ':') + 1);
            r->line = line_no;
            g_hash_table_insert (rel_by_id, r->id, r);
          }
          break;

        case '#':
          {
            g_auto(GStrv) head = NULL;

            if (n < 2)
              goto syntax;
            head = g_strsplit (g_strstrip (fields[1]), " ", -1);
            if (g_strv_length (head) == 2 && g_str_equal (head[0], "AnnotatorNotes"))
              {
                BratSpan *s = g_hash_table_lookup (span_by_id, head[1]);
                BratRelation *r = g_hash_table_lookup (rel_by_id, head[1]);
                const char *note = n == 3 ? fields[2] : "";
                char **slot;

                if (s == NULL && r == NULL)
                  {
                    g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                                 _("%s:%u: the note is on %s, which is not a text-bound "
                                   "annotation or relation defined above"),
                                 ann_name, line_no, head[1]);
                    return FALSE;
                  }
                slot = s ? &s->note : &r->note;
                if (*slot == NULL)
                  *slot = g_strdup (note);
                else
                  {
                    char *joined = g_strconcat (*slot, "\n", note, NULL);
                    g_free (*slot);
                    *slot = joined;
                  }
              }
            else
              state->skipped_other++;
          }
          break;

        case 'A':
        case 'M':
          {
            g_auto(GStrv) parts = NULL;
            BratSpan *s;
            guint np;

            if (n < 2)
              goto syntax;
            parts = g_strsplit (g_strstrip (fields[1]), " ", -1);
            np = g_strv_length (parts);
            if (np < 2 || np > 3)
              goto syntax;
            s = g_hash_table_lookup (span_by_id, parts[1]);
            if (s == NULL)
              {
                if (g_hash_table_contains (rel_by_id, parts[1]) || parts[1][0] == 'E')
                  {
                    state->skipped_other++;
                    break;
                  }
                g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                             _("%s:%u: the attribute is on %s, which is not a text-bound "
                               "annotation defined above"), ann_name, line_no, parts[1]);
                return FALSE;
              }
            if (s->attrs == NULL)
              s->attrs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
            if (g_hash_table_contains (s->attrs, parts[0]))
              {
                g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS,
                             _("%s:%u: %s already has the attribute “%s” from an earlier line; "
                               "an attribute takes one value per annotation"),
                             ann_name, line_no, parts[1], parts[0]);
                return FALSE;
              }
            g_hash_table_replace (s->attrs, g_strdup (parts[0]),
                                  g_strdup (np == 3 ? parts[2] : "true"));
          }
          break;

        case 'E':
          state->skipped_events++;
          break;
        case 'N':
          state->skipped_norms++;
          break;
        case '*':
          state->skipped_equivs++;
          break;

        default:
          goto syntax;
        }
      continue;

    syntax:
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_PARSE,
                   _("%s:%u: not a brat standoff line (expected e.g. "
                     "“T1<TAB>Label 0 5<TAB>text”)"), ann_name, line_no);
      return FALSE;
    }

  new_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (state->file_spans, g_strdup (ann_base), new_ids);

  for (guint i = 0; i < spans->len; i++)
    {
      BratSpan *s = g_ptr_array_index (spans, i);
      g_autofree char *where = g_strdup_printf ("%s:%u", ann_name, s->line);
      CollateAnnotation *a;

      a = collate_importer_add_span (importer, doc, NULL, s->start, s->end,
                                     label_of (state, s->type), NULL, s->note, s->attrs,
                                     NULL, NULL, NULL, where, error);
      if (a == NULL)
        return FALSE;
      g_hash_table_insert (new_ids, g_strdup (s->id), g_strdup (collate_annotation_get_id (a)));
    }
  for (guint i = 0; i < relations->len; i++)
    {
      BratRelation *r = g_ptr_array_index (relations, i);
      g_autofree char *where = g_strdup_printf ("%s:%u", ann_name, r->line);
      const char *from = g_hash_table_lookup (new_ids, r->arg1);
      const char *to = g_hash_table_lookup (new_ids, r->arg2);

      if (from == NULL || to == NULL)
        {
          if ((from == NULL && r->arg1[0] == 'E') || (to == NULL && r->arg2[0] == 'E'))
            {
              state->skipped_other++;
              continue;
            }
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                       _("%s: the relation refers to %s, which the file does not define"),
                       where, from == NULL ? r->arg1 : r->arg2);
          return FALSE;
        }
      if (collate_importer_add_link (importer, NULL, label_of (state, r->type), from, to, r->note,
                                     NULL, NULL, NULL, where, error) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Collate's side file of links between documents */
static gboolean
read_cross_links (BratState  *state,
                  GFile      *file,
                  GError    **error)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *text = collate_importer_read_text (state->importer, file, NULL, NULL, error);
  g_auto(GStrv) lines = NULL;

  if (text == NULL)
    return FALSE;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i]; i++)
    {
      g_auto(GStrv) f = NULL;
      g_autofree char *where = g_strdup_printf ("%s:%u", name, i + 1);
      GHashTable *from_ids, *to_ids;
      const char *from, *to;

      if (g_str_has_suffix (lines[i], "\r"))
        lines[i][strlen (lines[i]) - 1] = '\0';
      if (*lines[i] == '\0')
        continue;
      f = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (f) != 7)
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_PARSE,
                       _("%s: expected 7 tab-separated fields (link, label, from_file, from, "
                         "to_file, to, note)"), where);
          return FALSE;
        }
      from_ids = g_hash_table_lookup (state->file_spans, f[2]);
      to_ids = g_hash_table_lookup (state->file_spans, f[4]);
      if (from_ids == NULL || to_ids == NULL)
        {
          state->skipped_other++;   /* a document that was not imported */
          continue;
        }
      from = g_hash_table_lookup (from_ids, f[3]);
      to = g_hash_table_lookup (to_ids, f[5]);
      if (from == NULL || to == NULL)
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                       _("%s: %s has no annotation %s"), where,
                       from == NULL ? f[2] : f[4], from == NULL ? f[3] : f[5]);
          return FALSE;
        }
      if (collate_importer_add_link (state->importer, f[0], label_of (state, f[1]), from, to, f[6],
                                     NULL, NULL, NULL, where, error) == NULL)
        return FALSE;
    }
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

gboolean
collate_import_brat (CollateImporter  *importer,
                     GFile            *input,
                     GError          **error)
{
  BratState state = { importer, NULL, NULL, 0, 0, 0, 0, 0 };
  g_autofree char *name = g_file_get_parse_name (input);
  GFileType type = g_file_query_file_type (input, G_FILE_QUERY_INFO_NONE, importer->cancellable);
  gboolean ok = FALSE;

  state.display = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  state.file_spans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) g_hash_table_unref);

  if (type == G_FILE_TYPE_DIRECTORY)
    {
      g_autoptr(GFileEnumerator) e = NULL;
      g_autoptr(GPtrArray) stems = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GFile) cross = g_file_get_child (input, "cross-document-links.tsv");
      GFileInfo *info;

      if (!read_confs (&state, input, error))
        goto out;
      e = g_file_enumerate_children (input, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NONE,
                                     importer->cancellable, error);
      if (e == NULL)
        goto out;
      while ((info = g_file_enumerator_next_file (e, importer->cancellable, NULL)) != NULL)
        {
          const char *n = g_file_info_get_name (info);

          if (g_str_has_suffix (n, ".ann") && n[0] != '.')
            g_ptr_array_add (stems, g_strndup (n, strlen (n) - 4));
          g_object_unref (info);
        }
      if (stems->len == 0)
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                       _("%s: the folder has no .ann files"), name);
          goto out;
        }
      g_ptr_array_sort (stems, compare_names);
      for (guint i = 0; i < stems->len; i++)
        {
          const char *stem = g_ptr_array_index (stems, i);
          g_autofree char *txt_name = g_strconcat (stem, ".txt", NULL);
          g_autofree char *ann_name = g_strconcat (stem, ".ann", NULL);
          g_autoptr(GFile) txt = g_file_get_child (input, txt_name);
          g_autoptr(GFile) ann = g_file_get_child (input, ann_name);

          if (!import_pair (&state, txt, ann, error))
            goto out;
          if (g_cancellable_set_error_if_cancelled (importer->cancellable, error))
            goto out;
          collate_importer_progress (importer, (double) (i + 1) / stems->len);
        }
      if (g_file_query_exists (cross, NULL) && !read_cross_links (&state, cross, error))
        goto out;
    }
  else
    {
      g_autofree char *path = g_file_get_path (input);
      g_autofree char *base = NULL;
      g_autoptr(GFile) parent = g_file_get_parent (input);
      g_autoptr(GFile) txt = NULL;
      g_autoptr(GFile) ann = NULL;

      if (path == NULL || (!g_str_has_suffix (path, ".txt") && !g_str_has_suffix (path, ".ann")))
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                       _("%s: give a brat folder, or a .txt or .ann file"), name);
          goto out;
        }
      base = g_strndup (path, strlen (path) - 4);
      {
        g_autofree char *t = g_strconcat (base, ".txt", NULL);
        g_autofree char *a = g_strconcat (base, ".ann", NULL);
        txt = g_file_new_for_path (t);
        ann = g_file_new_for_path (a);
      }
      if (parent != NULL && !read_confs (&state, parent, error))
        goto out;
      if (!import_pair (&state, txt, ann, error))
        goto out;
    }

  collate_export_report_add (importer->report, "brat-events", state.skipped_events,
                             _("brat events (E lines), not imported"));
  collate_export_report_add (importer->report, "brat-normalizations", state.skipped_norms,
                             _("brat normalizations (N lines), not imported"));
  collate_export_report_add (importer->report, "brat-equivalences", state.skipped_equivs,
                             _("brat equivalences (* lines), not imported"));
  collate_export_report_add (importer->report, "brat-other", state.skipped_other,
                             _("Other brat annotations (comments, attributes of relations or "
                               "events, links to documents not imported), not imported"));
  collate_export_report_add (importer->report, "brat-discontinuous", state.discontinuous_gaps,
                             _("Discontinuous annotations with text between their fragments, "
                               "imported as one span covering them"));
  ok = TRUE;

out:
  g_hash_table_unref (state.display);
  g_hash_table_unref (state.file_spans);
  return ok;
}
