/* eval-compare.c — precision and recall of the suggestions on the evaluation set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/compare/eval/eval.collate.json holds pairs of short reports of one
 * event (documents eNa and eNb) with their true disagreements and agreements
 * marked by hand: two spans and a link whose note is the kind.  A
 * suggestion is right when a mark of its kind joins spans that overlap
 * both of its sides.  Prints, per kind, the suggestions made, those right,
 * the marks and those found, then precision and recall; then the same for
 * the two sample reports, listed one by one.
 *
 *   eval-compare [EVAL.collate.json [SAMPLES_DIR]]
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "collate.h"

typedef struct
{
  guint made, right, marks, found;
} Score;

static gboolean
overlaps (CollateAnnotation *a,
          const char        *document,
          guint              start,
          guint              end)
{
  return g_str_equal (collate_annotation_get_document_id (a), document)
         && collate_annotation_get_start (a) < end && start < collate_annotation_get_end (a);
}

static gboolean
matches (CollateProject    *project,
         CollateLink       *mark,
         CollateSuggestion *s)
{
  CollateAnnotation *x = collate_project_lookup_annotation (project, collate_link_get_from (mark));
  CollateAnnotation *y = collate_project_lookup_annotation (project, collate_link_get_to (mark));

  return g_str_equal (collate_link_get_note (mark), collate_suggestion_get_kind_name (s))
         && overlaps (x, collate_suggestion_get_document_id (s, 0), collate_suggestion_get_start (s, 0),
                      collate_suggestion_get_end (s, 0))
         && overlaps (y, collate_suggestion_get_document_id (s, 1), collate_suggestion_get_start (s, 1),
                      collate_suggestion_get_end (s, 1));
}

static void
print_row (const char  *name,
           const Score *s)
{
  double precision = s->made ? (double) s->right / s->made : 0;
  double recall = s->marks ? (double) s->found / s->marks : 0;

  printf ("%-20s %5u %5u %5u %5u   %s   %s\n", name, s->made, s->right, s->marks, s->found,
          s->made ? g_strdup_printf ("%.2f", precision) : " -  ",
          s->marks ? g_strdup_printf ("%.2f", recall) : " -  ");
}

static int
evaluate (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateProject) project = collate_project_load_file (file, NULL, NULL, &error);
  Score scores[COLLATE_SUGGESTION_N_KINDS] = { 0 };
  Score conflicts = { 0 };
  GListModel *links;
  guint n_pairs = 0;

  if (project == NULL)
    {
      g_printerr ("eval-compare: %s\n", error->message);
      return 1;
    }
  links = collate_project_get_links (project);

  for (guint d = 0; d + 1 < collate_project_get_n_documents (project); d += 2)
    {
      const char *a = collate_document_get_id (collate_project_get_document (project, d));
      const char *b = collate_document_get_id (collate_project_get_document (project, d + 1));
      g_autoptr(CollateComparison) comparison = NULL;
      GListModel *list;
      g_autoptr(GPtrArray) marks = g_ptr_array_new_with_free_func (g_object_unref);

      /* the evaluation looks at the text alone: no spans, so no Same entity */
      comparison = collate_compare (project, a, b, NULL, NULL, &error);
      if (comparison == NULL)
        {
          g_printerr ("eval-compare: %s\n", error->message);
          return 1;
        }
      n_pairs++;
      for (guint i = 0; i < g_list_model_get_n_items (links); i++)
        {
          CollateLink *link = g_list_model_get_item (links, i);
          CollateAnnotation *x = collate_project_lookup_annotation (project, collate_link_get_from (link));

          if (g_str_equal (collate_annotation_get_document_id (x), a))
            g_ptr_array_add (marks, link);
          else
            g_object_unref (link);
        }

      list = collate_comparison_get_suggestions (comparison);
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(CollateSuggestion) s = g_list_model_get_item (list, i);
          CollateSuggestionKind kind = collate_suggestion_get_kind (s);
          gboolean right = FALSE;

          for (guint m = 0; m < marks->len && !right; m++)
            right = matches (project, g_ptr_array_index (marks, m), s);
          scores[kind].made++;
          scores[kind].right += right;
          if (!right && g_getenv ("EVAL_VERBOSE"))
            printf ("  wrong %s: %s\n", a, collate_suggestion_get_reason (s));
        }
      for (guint m = 0; m < marks->len; m++)
        {
          CollateLink *mark = g_ptr_array_index (marks, m);
          CollateSuggestionKind kind;
          gboolean found = FALSE;

          if (!collate_suggestion_kind_from_string (collate_link_get_note (mark), &kind))
            {
              g_printerr ("eval-compare: link %s: unknown kind “%s”\n", collate_link_get_id (mark),
                          collate_link_get_note (mark));
              return 1;
            }
          for (guint i = 0; i < g_list_model_get_n_items (list) && !found; i++)
            {
              g_autoptr(CollateSuggestion) s = g_list_model_get_item (list, i);

              found = matches (project, mark, s);
            }
          scores[kind].marks++;
          scores[kind].found += found;
          if (!found && g_getenv ("EVAL_VERBOSE"))
            printf ("  missed %s: %s\n", a, collate_link_get_note (mark));
        }
    }

  printf ("Evaluation set: %u pairs of reports (%s)\n\n", n_pairs, path);
  printf ("%-20s %5s %5s %5s %5s   %s   %s\n", "kind", "made", "right", "marks", "found",
          "precision", "recall");
  for (guint k = 0; k < COLLATE_SUGGESTION_N_KINDS; k++)
    {
      if (scores[k].made == 0 && scores[k].marks == 0)
        continue;
      print_row (collate_suggestion_kind_to_string (k), &scores[k]);
      if (collate_suggestion_kind_is_conflict (k))
        {
          conflicts.made += scores[k].made;
          conflicts.right += scores[k].right;
          conflicts.marks += scores[k].marks;
          conflicts.found += scores[k].found;
        }
    }
  print_row ("all conflict kinds", &conflicts);
  return 0;
}

static int
samples (const char *dir)
{
  g_autofree char *one = g_build_filename (dir, "witkoff-putin-report-1.txt", NULL);
  g_autofree char *two = g_build_filename (dir, "witkoff-putin-report-2.txt", NULL);
  g_autofree char *t1 = NULL;
  g_autofree char *t2 = NULL;
  g_autoptr(CollateDocument) d1 = NULL;
  g_autoptr(CollateDocument) d2 = NULL;
  g_autoptr(CollateProject) project = collate_project_new ("samples", NULL);
  g_autoptr(CollateComparison) comparison = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *list;

  if (!g_file_get_contents (one, &t1, NULL, &error) || !g_file_get_contents (two, &t2, NULL, &error))
    {
      g_printerr ("eval-compare: %s\n", error->message);
      return 1;
    }
  d1 = collate_document_new ("d1", "one", one, t1, -1, NULL);
  d2 = collate_document_new ("d2", "two", two, t2, -1, NULL);
  collate_project_add_document (project, d1, NULL);
  collate_project_add_document (project, d2, NULL);
  comparison = collate_compare (project, "d1", "d2", NULL, NULL, &error);
  list = collate_comparison_get_suggestions (comparison);
  printf ("\nThe two sample reports: %u aligned pairs, %u suggestions\n",
          collate_comparison_get_pairs (comparison)->len, g_list_model_get_n_items (list));
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CollateSuggestion) s = g_list_model_get_item (list, i);

      printf ("%2u. %.2f %-18s %s\n", i + 1, collate_suggestion_get_confidence (s),
              collate_suggestion_get_kind_name (s), collate_suggestion_get_reason (s));
    }
  return 0;
}

int
main (int    argc,
      char **argv)
{
  const char *eval = argc > 1 ? argv[1] : SOURCE_DIR "/tests/compare/eval/eval.collate.json";
  const char *dir = argc > 2 ? argv[2] : SOURCE_DIR "/data/samples";

  return evaluate (eval) || samples (dir);
}
