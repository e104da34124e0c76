/* collate-cli-agree.c — `collate-cli agree`: how far annotators agree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "collate.h"
#include "collate-cli-common.h"
#include "collate-cli-agree.h"

/* For g_ptr_array_sort(), which hands pointers to the elements */
static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* ── Loading ──────────────────────────────────────────────────────────── */

typedef CollateCliProgress Progress;

/* The project files in @folder and the folders inside it, sorted; NULL
 * on an error (said) */
static GPtrArray *
list_projects (const char *folder)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const char *inputs[] = { folder, NULL };

  if (!collate_cli_expand_inputs (inputs, paths))
    return NULL;
  return g_steal_pointer (&paths);
}

/* The multiset of a project's texts, as one string */
static char *
texts_of (CollateProject *project)
{
  guint n = collate_project_get_n_documents (project);
  g_autoptr(GPtrArray) shas = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (shas, (gpointer) collate_document_get_sha256 (collate_project_get_document (project, i)));
  g_ptr_array_sort (shas, compare_strings);
  g_ptr_array_add (shas, NULL);
  return g_strjoinv (",", (GStrv) shas->pdata);
}

/* One folder's projects by their texts, for collate_cli_walk_projects() */
typedef struct
{
  GHashTable *table;    /* texts → project */
  const char *folder;
} ByTexts;

/* A project loaded but refused: it counts as loaded in the progress, which
 * is then cleared for the message */
static void
progress_before_refusal (Progress *progress)
{
  collate_cli_progress_step (progress);
  collate_cli_progress_clear (progress);
}

static gboolean
add_by_texts (ByTexts        *by_texts,
              const char     *path,
              CollateProject *project,
              Progress       *progress)
{
  char *texts;

  texts = texts_of (project);
  if (g_hash_table_contains (by_texts->table, texts))
    {
      g_autofree char *shown = collate_cli_display_name (path);
      g_autofree char *folder = collate_cli_display_name (by_texts->folder);

      progress_before_refusal (progress);
      collate_cli_print_error (_("%s: another project in %s holds the same documents; "
                                 "each folder must hold one version of each project"),
                               shown, folder);
      g_free (texts);
      return FALSE;
    }
  g_object_set_data_full (G_OBJECT (project), "collate-cli-path", g_strdup (path), g_free);
  g_hash_table_insert (by_texts->table, texts, g_object_ref (project));
  return TRUE;
}

/* The first folder's projects, each with its partners from the others */
typedef struct
{
  GStrv      folders;
  guint      n;
  GPtrArray *by_texts;  /* of GHashTable, [0] unused */
  GPtrArray *sets;
} Partners;

static gboolean
add_with_partners (Partners       *partners,
                   const char     *path,
                   CollateProject *project,
                   Progress       *progress)
{
  CollateProject **set;
  g_autofree char *texts = NULL;

  set = g_new0 (CollateProject *, partners->n);
  set[0] = g_object_ref (project);
  g_ptr_array_add (partners->sets, set);
  texts = texts_of (set[0]);
  for (guint f = 1; f < partners->n; f++)
    {
      GHashTable *table = g_ptr_array_index (partners->by_texts, f);
      CollateProject *partner = g_hash_table_lookup (table, texts);

      if (partner == NULL)
        {
          g_autofree char *shown = collate_cli_display_name (path);
          g_autofree char *folder = collate_cli_display_name (partners->folders[f]);

          progress_before_refusal (progress);
          collate_cli_print_error (_("%s has no project with the same documents as %s "
                                     "(texts are compared by their sha256)"), folder, shown);
          return FALSE;
        }
      set[f] = g_object_ref (partner);
      g_hash_table_remove (table, texts);
    }
  return TRUE;
}

/* Every folder's projects in one walk: the other folders' first, then the
 * first folder's (@ends: where each folder's paths end in the walk) */
typedef struct
{
  GArray   *ends;      /* guint, for folders 1…n-1 */
  GArray   *by_texts;  /* ByTexts, for folders 1…n-1 */
  Partners *partners;
  Progress *progress;
  guint     next;      /* the index of the path handed over next */
} Pairing;

static gboolean
pair_one (const char     *path,
          CollateProject *project,
          const GError   *error,
          gpointer        user_data)
{
  Pairing *pairing = user_data;
  guint i = pairing->next++;

  if (project == NULL)
    {
      collate_cli_print_error ("%s", error->message);
      return FALSE;
    }
  for (guint f = 0; f < pairing->ends->len; f++)
    if (i < g_array_index (pairing->ends, guint, f))
      return add_by_texts (&g_array_index (pairing->by_texts, ByTexts, f), path, project,
                           pairing->progress);
  return add_with_partners (pairing->partners, path, project, pairing->progress);
}

/*
 * Pairs the projects of the folders by their texts: for each project of the
 * first folder, the one of every other folder holding the same documents.
 * Appends to @sets arrays of n_folders projects.  FALSE on a problem (said).
 */
static gboolean
pair_folders (GStrv      folders,
              GPtrArray *sets,
              Progress  *progress,
              gboolean   progress_asked)
{
  guint n = g_strv_length (folders);
  g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) by_texts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  guint total = 0;

  for (guint f = 0; f < n; f++)
    {
      GPtrArray *paths = list_projects (folders[f]);

      if (paths == NULL)
        return FALSE;
      total += paths->len;
      g_ptr_array_add (lists, paths);
    }
  collate_cli_progress_init (progress, N_("Loading"), total, progress_asked);

  /* Every folder but the first, by texts, then the first folder's
   * projects, each with its partners, in one walk */
  {
    g_autoptr(GPtrArray) all = g_ptr_array_new ();
    g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (guint));
    g_autoptr(GArray) folder_texts = g_array_new (FALSE, FALSE, sizeof (ByTexts));
    Partners partners = { folders, n, by_texts, sets };
    Pairing pairing = { ends, folder_texts, &partners, progress, 0 };

    g_ptr_array_add (by_texts, g_hash_table_new (g_str_hash, g_str_equal));
    for (guint f = 1; f < n; f++)
      {
        GPtrArray *paths = g_ptr_array_index (lists, f);
        ByTexts folder = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref), folders[f] };

        g_ptr_array_add (by_texts, folder.table);
        g_array_append_val (folder_texts, folder);
        g_ptr_array_extend (all, paths, NULL, NULL);
        g_array_append_val (ends, all->len);
      }
    g_ptr_array_extend (all, g_ptr_array_index (lists, 0), NULL, NULL);
    if (!collate_cli_walk_projects (all, progress, pair_one, &pairing))
      return FALSE;
  }

  /* Nothing left over in the other folders */
  for (guint f = 1; f < n; f++)
    {
      GHashTable *table = g_ptr_array_index (by_texts, f);

      if (g_hash_table_size (table) > 0)
        {
          GHashTableIter iter;
          gpointer value;
          g_autofree char *shown = NULL;
          g_autofree char *folder = collate_cli_display_name (folders[0]);

          g_hash_table_iter_init (&iter, table);
          g_hash_table_iter_next (&iter, NULL, &value);
          shown = collate_cli_display_name (g_object_get_data (value, "collate-cli-path"));
          collate_cli_progress_clear (progress);
          collate_cli_print_error (_("%s has no project with the same documents as %s "
                                     "(texts are compared by their sha256)"), folder, shown);
          return FALSE;
        }
    }

  return TRUE;
}

/* ── Figures ──────────────────────────────────────────────────────────── */

static char *
figure (double x)
{
  if (isnan (x))
    return g_strdup ("—");
  return g_strdup_printf ("%.3f", x);
}

/* A plain table: rows of cells, the first row a heading; numbers (every
 * column but the first @n_text) right-aligned */
typedef struct
{
  guint      n_text;
  GPtrArray *rows;  /* of GPtrArray of char * */
} Grid;

static Grid *
grid_new (guint n_text)
{
  Grid *grid = g_new0 (Grid, 1);

  grid->n_text = n_text;
  grid->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  return grid;
}

static void
grid_free (Grid *grid)
{
  g_ptr_array_unref (grid->rows);
  g_free (grid);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Grid, grid_free)

static GPtrArray *
grid_row (Grid *grid)
{
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (grid->rows, row);
  return row;
}

/* Takes @text; shown safely */
static void
cell (GPtrArray *row,
      char      *text)
{
  g_ptr_array_add (row, collate_text_quote (text, 40));
  g_free (text);
}

static void
grid_print (Grid *grid)
{
  g_autoptr(GArray) widths = g_array_new (FALSE, TRUE, sizeof (glong));

  for (guint r = 0; r < grid->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (grid->rows, r);

      if (widths->len < row->len)
        g_array_set_size (widths, row->len);
      for (guint c = 0; c < row->len; c++)
        {
          glong w = g_utf8_strlen (g_ptr_array_index (row, c), -1);

          if (w > g_array_index (widths, glong, c))
            g_array_index (widths, glong, c) = w;
        }
    }
  for (guint r = 0; r < grid->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (grid->rows, r);
      g_autoptr(GString) line = g_string_new ("  ");

      for (guint c = 0; c < row->len; c++)
        {
          const char *text = g_ptr_array_index (row, c);
          glong pad = g_array_index (widths, glong, c) - g_utf8_strlen (text, -1);
          gboolean right = c >= grid->n_text;

          if (c > 0)
            g_string_append (line, "  ");
          if (right)
            for (glong k = 0; k < pad; k++)
              g_string_append_c (line, ' ');
          g_string_append (line, text);
          if (!right && c + 1 < row->len)
            for (glong k = 0; k < pad; k++)
              g_string_append_c (line, ' ');
        }
      g_print ("%s\n", line->str);
    }
}

static void
add_match_cells (GPtrArray                *row,
                 const CollateMatchCounts *counts,
                 gboolean                  overlap)
{
  double p, r, f;

  cell (row, g_strdup_printf ("%u", counts->in_a));
  cell (row, g_strdup_printf ("%u", counts->in_b));
  collate_match_counts_exact (counts, &p, &r, &f);
  cell (row, g_strdup_printf ("%u", counts->exact));
  cell (row, figure (p));
  cell (row, figure (r));
  cell (row, figure (f));
  if (overlap)
    {
      collate_match_counts_overlap (counts, &p, &r, &f);
      cell (row, figure (p));
      cell (row, figure (r));
      cell (row, figure (f));
    }
}

/* NULL first: every label */
static GPtrArray *
with_all (const char *const *labels)
{
  GPtrArray *list = g_ptr_array_new ();

  g_ptr_array_add (list, NULL);
  for (guint i = 0; labels[i] != NULL; i++)
    g_ptr_array_add (list, (gpointer) labels[i]);
  return list;
}

static void
print_text (CollateAgreement *agreement)
{
  guint n = collate_agreement_get_n_annotators (agreement);
  guint n_docs = collate_agreement_get_n_documents (agreement);
  g_autoptr(GPtrArray) span_labels = with_all (collate_agreement_get_span_labels (agreement));
  g_autoptr(GPtrArray) link_labels = with_all (collate_agreement_get_link_labels (agreement));
  CollateCoding *all = collate_agreement_get_token_coding (agreement, NULL);
  CollateUnitizing *unitizing = collate_agreement_get_unitizing (agreement);
  guint64 characters = 0;

  for (guint d = 0; d < n_docs; d++)
    characters += collate_document_get_length (collate_agreement_get_document (agreement, d));

  g_print ("%s\n", _("Annotators"));
  for (guint a = 0; a < n; a++)
    {
      g_autofree char *name = collate_text_quote (collate_agreement_get_annotator (agreement, a), 0);

      g_print ("  %u  %s\n", a + 1, name);
    }
  g_print (_("Documents: %u (%llu characters, %u tokens)\n"),
           n_docs, (unsigned long long) characters, collate_coding_get_n_items (all));

  /* Spans */
  g_print ("\n%s\n", _("Spans: annotator B against annotator A (exact: same range and label; "
                       "overlap: same label, ranges overlap)"));
  {
    g_autoptr(Grid) grid = grid_new (3);
    GPtrArray *head = grid_row (grid);
    const char *heads[] = { N_("A"), N_("B"), N_("Label"), N_("A's"), N_("B's"), N_("Same"),
                            N_("Exact P"), N_("R"), N_("F1"), N_("Overlap P"), N_("R"), N_("F1") };

    for (guint k = 0; k < G_N_ELEMENTS (heads); k++)
      cell (head, g_strdup (_(heads[k])));
    for (guint a = 0; a < n; a++)
      for (guint b = a + 1; b < n; b++)
        for (guint l = 0; l < span_labels->len; l++)
          {
            const char *label = g_ptr_array_index (span_labels, l);
            GPtrArray *row = grid_row (grid);
            CollateMatchCounts counts;

            collate_agreement_get_span_counts (agreement, a, b, label, &counts);
            cell (row, g_strdup_printf ("%u", a + 1));
            cell (row, g_strdup_printf ("%u", b + 1));
            cell (row, g_strdup (label ? label : _("(every label)")));
            add_match_cells (row, &counts, TRUE);
          }
    grid_print (grid);
  }

  /* Tokens and units */
  g_print ("\n%s\n", _("Chance-corrected agreement: kappa and alpha on tokens, unitizing alpha on spans"));
  {
    g_autoptr(Grid) grid = grid_new (1);
    GPtrArray *head = grid_row (grid);

    cell (head, g_strdup (_("Label")));
    for (guint a = 0; a < n; a++)
      for (guint b = a + 1; b < n; b++)
        cell (head, g_strdup_printf (_("Cohen's κ %u–%u"), a + 1, b + 1));
    if (n > 2)
      cell (head, g_strdup (_("Fleiss' κ")));
    cell (head, g_strdup (_("α tokens")));
    cell (head, g_strdup (_("αu spans")));

    for (guint l = 0; l < span_labels->len; l++)
      {
        const char *label = g_ptr_array_index (span_labels, l);
        CollateCoding *coding = collate_agreement_get_token_coding (agreement, label);
        GPtrArray *row = grid_row (grid);

        cell (row, g_strdup (label ? label : _("(every label)")));
        for (guint a = 0; a < n; a++)
          for (guint b = a + 1; b < n; b++)
            cell (row, figure (collate_coding_cohen_kappa (coding, a, b)));
        if (n > 2)
          cell (row, figure (collate_coding_fleiss_kappa (coding)));
        cell (row, figure (collate_coding_alpha_nominal (coding)));
        cell (row, figure (collate_unitizing_alpha (unitizing, label, NULL, NULL)));
      }
    grid_print (grid);
  }

  /* Links */
  g_print ("\n%s\n", _("Links: the same label and both ends the same span (either way round)"));
  {
    g_autoptr(Grid) grid = grid_new (4);
    GPtrArray *head = grid_row (grid);
    const char *heads[] = { N_("A"), N_("B"), N_("Label"), N_("Where"), N_("A's"), N_("B's"),
                            N_("Same"), N_("P"), N_("R"), N_("F1") };
    const char *scopes[] = { N_("all"), N_("within"), N_("across") };

    for (guint k = 0; k < G_N_ELEMENTS (heads); k++)
      cell (head, g_strdup (_(heads[k])));
    for (guint a = 0; a < n; a++)
      for (guint b = a + 1; b < n; b++)
        for (guint l = 0; l < link_labels->len; l++)
          for (guint s = 0; s < G_N_ELEMENTS (scopes); s++)
            {
              const char *label = g_ptr_array_index (link_labels, l);
              GPtrArray *row = grid_row (grid);
              CollateMatchCounts counts;

              collate_agreement_get_link_counts (agreement, a, b, label, (CollateLinkScope) s, &counts);
              cell (row, g_strdup_printf ("%u", a + 1));
              cell (row, g_strdup_printf ("%u", b + 1));
              cell (row, g_strdup (label ? label : _("(every label)")));
              cell (row, g_strdup (_(scopes[s])));
              add_match_cells (row, &counts, FALSE);
            }
    grid_print (grid);
  }
}

/* "“Title” 12–17 Person “quote”" */
static char *
describe_span (CollateAgreement *agreement,
               guint             document,
               guint             start,
               guint             end,
               const char       *label,
               const char       *quote)
{
  CollateDocument *doc = collate_agreement_get_document (agreement, document);
  g_autofree char *title = collate_text_quote (collate_document_get_title (doc), 40);
  g_autofree char *shown = collate_text_quote (quote, 60);
  g_autofree char *label_shown = collate_text_quote (label, 40);

  return g_strdup_printf ("“%s” %u–%u %s “%s”", title, start, end, label_shown, shown);
}

static char *
who (CollateAgreement          *agreement,
     const CollateDisagreement *d,
     gboolean                   made)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint a = 0; a < collate_agreement_get_n_annotators (agreement); a++)
    if ((d->count[a] > 0) == made)
      {
        g_autofree char *name = collate_text_quote (collate_agreement_get_annotator (agreement, a), 0);

        if (names->len > 0)
          g_string_append (names, ", ");
        g_string_append (names, name);
        if (d->count[a] > 1)
          g_string_append_printf (names, " ×%u", d->count[a]);
      }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
print_details_text (CollateAgreement *agreement)
{
  GPtrArray *list = collate_agreement_get_disagreements (agreement);

  g_print ("\n");
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u disagreement (what not every annotator made alike)\n",
                        "%u disagreements (what not every annotator made alike)\n", list->len),
           list->len);
  for (guint i = 0; i < list->len; i++)
    {
      const CollateDisagreement *d = g_ptr_array_index (list, i);
      g_autofree char *yes = who (agreement, d, TRUE);
      g_autofree char *no = who (agreement, d, FALSE);
      g_autofree char *from = describe_span (agreement, d->document, d->start, d->end,
                                             d->is_link ? d->from_label : d->label, d->quote);

      if (d->is_link)
        {
          g_autofree char *to = describe_span (agreement, d->to_document, d->to_start, d->to_end,
                                               d->to_label, d->to_quote);
          g_autofree char *label = collate_text_quote (d->label, 40);

          g_print (_("  link %s: %s ↔ %s\n      made by %s; not by %s\n"),
                   label, from, to, yes, no[0] ? no : _("(the others made it more often)"));
        }
      else
        g_print (_("  span %s\n      made by %s; not by %s\n"),
                 from, yes, no[0] ? no : _("(the others made it more often)"));
    }
}

/* ── JSON ─────────────────────────────────────────────────────────────── */

static void
add_number (JsonBuilder *builder,
            const char  *name,
            double       x)
{
  json_builder_set_member_name (builder, name);
  if (isnan (x))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, x);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       x)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, x);
}

static void
add_counts (JsonBuilder              *builder,
            const CollateMatchCounts *counts,
            gboolean                  overlap)
{
  double p, r, f;

  json_builder_begin_object (builder);
  add_int (builder, "a", counts->in_a);
  add_int (builder, "b", counts->in_b);
  json_builder_set_member_name (builder, "exact");
  json_builder_begin_object (builder);
  collate_match_counts_exact (counts, &p, &r, &f);
  add_int (builder, "matched", counts->exact);
  add_number (builder, "precision", p);
  add_number (builder, "recall", r);
  add_number (builder, "f1", f);
  json_builder_end_object (builder);
  if (overlap)
    {
      json_builder_set_member_name (builder, "overlap");
      json_builder_begin_object (builder);
      collate_match_counts_overlap (counts, &p, &r, &f);
      add_int (builder, "matched_a", counts->overlap_a);
      add_int (builder, "matched_b", counts->overlap_b);
      add_number (builder, "precision", p);
      add_number (builder, "recall", r);
      add_number (builder, "f1", f);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static void
add_span_json (JsonBuilder      *builder,
               CollateAgreement *agreement,
               guint             document,
               guint             start,
               guint             end,
               const char       *label,
               const char       *quote)
{
  CollateDocument *doc = collate_agreement_get_document (agreement, document);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "document");
  json_builder_add_string_value (builder, collate_document_get_title (doc));
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, collate_document_get_sha256 (doc));
  add_int (builder, "start", start);
  add_int (builder, "end", end);
  json_builder_set_member_name (builder, "label");
  json_builder_add_string_value (builder, label);
  json_builder_set_member_name (builder, "quote");
  json_builder_add_string_value (builder, quote);
  json_builder_end_object (builder);
}

static void
print_json (CollateAgreement *agreement,
            gboolean          details)
{
  guint n = collate_agreement_get_n_annotators (agreement);
  g_autoptr(GPtrArray) span_labels = with_all (collate_agreement_get_span_labels (agreement));
  g_autoptr(GPtrArray) link_labels = with_all (collate_agreement_get_link_labels (agreement));
  CollateUnitizing *unitizing = collate_agreement_get_unitizing (agreement);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  const char *scopes[] = { "all", "within_documents", "across_documents" };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "annotators");
  json_builder_begin_array (builder);
  for (guint a = 0; a < n; a++)
    json_builder_add_string_value (builder, collate_agreement_get_annotator (agreement, a));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "documents");
  json_builder_begin_array (builder);
  for (guint d = 0; d < collate_agreement_get_n_documents (agreement); d++)
    {
      CollateDocument *doc = collate_agreement_get_document (agreement, d);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, collate_document_get_title (doc));
      json_builder_set_member_name (builder, "sha256");
      json_builder_add_string_value (builder, collate_document_get_sha256 (doc));
      add_int (builder, "characters", collate_document_get_length (doc));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  add_int (builder, "tokens", collate_coding_get_n_items (collate_agreement_get_token_coding (agreement, NULL)));

  /* Per label ("" for every label): the chance-corrected figures */
  json_builder_set_member_name (builder, "labels");
  json_builder_begin_object (builder);
  for (guint l = 0; l < span_labels->len; l++)
    {
      const char *label = g_ptr_array_index (span_labels, l);
      CollateCoding *coding = collate_agreement_get_token_coding (agreement, label);

      json_builder_set_member_name (builder, label ? label : "");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "pairs");
      json_builder_begin_array (builder);
      for (guint a = 0; a < n; a++)
        for (guint b = a + 1; b < n; b++)
          {
            CollateMatchCounts counts;

            json_builder_begin_object (builder);
            add_int (builder, "a", a);
            add_int (builder, "b", b);
            collate_agreement_get_span_counts (agreement, a, b, label, &counts);
            json_builder_set_member_name (builder, "spans");
            add_counts (builder, &counts, TRUE);
            add_number (builder, "token_agreement", collate_coding_observed_agreement (coding, a, b));
            add_number (builder, "cohen_kappa", collate_coding_cohen_kappa (coding, a, b));
            json_builder_end_object (builder);
          }
      json_builder_end_array (builder);
      add_number (builder, "fleiss_kappa", collate_coding_fleiss_kappa (coding));
      add_number (builder, "krippendorff_alpha", collate_coding_alpha_nominal (coding));
      {
        double o, e, alpha = collate_unitizing_alpha (unitizing, label, &o, &e);

        add_number (builder, "unitizing_alpha", alpha);
        add_number (builder, "unitizing_observed", o);
        add_number (builder, "unitizing_expected", e);
      }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "links");
  json_builder_begin_object (builder);
  for (guint l = 0; l < link_labels->len; l++)
    {
      const char *label = g_ptr_array_index (link_labels, l);

      json_builder_set_member_name (builder, label ? label : "");
      json_builder_begin_array (builder);
      for (guint a = 0; a < n; a++)
        for (guint b = a + 1; b < n; b++)
          {
            json_builder_begin_object (builder);
            add_int (builder, "a", a);
            add_int (builder, "b", b);
            for (guint s = 0; s < G_N_ELEMENTS (scopes); s++)
              {
                CollateMatchCounts counts;

                collate_agreement_get_link_counts (agreement, a, b, label, (CollateLinkScope) s, &counts);
                json_builder_set_member_name (builder, scopes[s]);
                add_counts (builder, &counts, FALSE);
              }
            json_builder_end_object (builder);
          }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  if (details)
    {
      GPtrArray *list = collate_agreement_get_disagreements (agreement);

      json_builder_set_member_name (builder, "disagreements");
      json_builder_begin_array (builder);
      for (guint i = 0; i < list->len; i++)
        {
          const CollateDisagreement *d = g_ptr_array_index (list, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, d->is_link ? "link" : "span");
          if (d->is_link)
            {
              json_builder_set_member_name (builder, "label");
              json_builder_add_string_value (builder, d->label);
              json_builder_set_member_name (builder, "from");
              add_span_json (builder, agreement, d->document, d->start, d->end, d->from_label, d->quote);
              json_builder_set_member_name (builder, "to");
              add_span_json (builder, agreement, d->to_document, d->to_start, d->to_end,
                             d->to_label, d->to_quote);
            }
          else
            {
              json_builder_set_member_name (builder, "span");
              add_span_json (builder, agreement, d->document, d->start, d->end, d->label, d->quote);
            }
          json_builder_set_member_name (builder, "made");
          json_builder_begin_array (builder);
          for (guint a = 0; a < n; a++)
            json_builder_add_int_value (builder, d->count[a]);
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
}

/* ── The command ──────────────────────────────────────────────────────── */

int
collate_cli_agree (int    argc,
                   char **argv)
{
  g_auto(GStrv) inputs = NULL;
  gboolean json = FALSE, details = FALSE, progress_asked = FALSE;
  const GOptionEntry entries[] = {
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json,
      N_("Print machine-readable JSON (UTF-8) instead of tables"), NULL },
    { "details", 'd', 0, G_OPTION_ARG_NONE, &details,
      N_("Also list every span and link that not all annotators made"), NULL },
    { "progress", 0, 0, G_OPTION_ARG_NONE, &progress_asked,
      N_("Show progress on standard error (by default only on a terminal, from 20 projects)"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &inputs, NULL, N_("A B [C…]") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sets = NULL;
  g_autoptr(CollateAgreement) agreement = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  Progress progress = { 0 };
  guint n, n_folders = 0;

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                N_("Measure how far annotators agree: give each annotator's version of "
                                   "the same project (documents are paired by their text), or one folder "
                                   "of projects per annotator. Prints precision, recall and F1 of spans "
                                   "(exact and overlapping), Cohen's and Fleiss' kappa and Krippendorff's "
                                   "alpha on tokens, unitizing alpha on spans, and agreement on links "
                                   "within and across documents, per label and overall."));
  g_option_context_set_description (context,
                                    _("Examples:\n"
                                      "  collate-cli agree ann.collate.json bob.collate.json\n"
                                      "  collate-cli agree --details annotator-a/ annotator-b/ annotator-c/"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return collate_cli_usage_error ("agree", error->message);

  if (inputs == NULL || inputs[0] == NULL || inputs[1] == NULL)
    return collate_cli_usage_error ("agree",
                                    _("give at least two annotators' versions of a project (or two folders)"));

  n = g_strv_length (inputs);
  for (guint i = 0; i < n; i++)
    {
      if (g_file_test (inputs[i], G_FILE_TEST_IS_DIR))
        n_folders++;
      else if (!g_file_test (inputs[i], G_FILE_TEST_EXISTS))
        {
          g_autofree char *shown = collate_cli_display_name (inputs[i]);

          collate_cli_print_error (_("%s: no such file or folder"), shown);
          return COLLATE_CLI_EXIT_FAILED;
        }
      g_ptr_array_add (names, collate_cli_display_name (inputs[i]));
    }
  g_ptr_array_add (names, NULL);
  if (n_folders != 0 && n_folders != n)
    return collate_cli_usage_error ("agree",
                                    _("give either project files or folders of projects, not both"));

  sets = g_ptr_array_new ();
  if (n_folders > 0)
    {
      if (!pair_folders (inputs, sets, &progress, progress_asked))
        {
          for (guint i = 0; i < sets->len; i++)
            {
              CollateProject **set = g_ptr_array_index (sets, i);

              for (guint a = 0; a < n; a++)
                g_clear_object (&set[a]);
              g_free (set);
            }
          return COLLATE_CLI_EXIT_FAILED;
        }
    }
  else
    {
      CollateProject **set = g_new0 (CollateProject *, n);

      /* Parsing is most of the time: the files load at once */
      if (!collate_cli_load_projects ((const char *const *) inputs, n, set))
        {
          g_free (set);
          return COLLATE_CLI_EXIT_FAILED;
        }
      g_ptr_array_add (sets, set);
    }

  agreement = collate_agreement_new ((const char *const *) names->pdata);
  {
    int status = COLLATE_CLI_EXIT_OK;

    for (guint i = 0; i < sets->len; i++)
      {
        CollateProject **set = g_ptr_array_index (sets, i);

        if (status == COLLATE_CLI_EXIT_OK && !collate_agreement_add_projects (agreement, set, &error))
          {
            collate_cli_print_error ("%s", error->message);
            status = COLLATE_CLI_EXIT_FAILED;
          }
        /* Two annotators' files: the process ends soon, and takes them
         * back at once (freeing them is a tenth of a second each).  Folders
         * of many projects: each set is freed when it has been added. */
        for (guint a = 0; a < n; a++)
          if (sets->len == 1)
            collate_cli_keep_until_exit (set[a]);
          else
            g_object_unref (set[a]);
        g_free (set);
      }
    if (status != COLLATE_CLI_EXIT_OK)
      return status;
  }

  collate_agreement_precompute (agreement);
  if (json)
    print_json (agreement, details);
  else
    {
      print_text (agreement);
      if (details)
        print_details_text (agreement);
    }

  /* Freeing the indexes of every token and span would take longer than
   * printing them: see collate_cli_keep_until_exit() */
  collate_cli_keep_until_exit (g_steal_pointer (&agreement));
  return COLLATE_CLI_EXIT_OK;
}
