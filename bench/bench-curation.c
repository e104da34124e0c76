/* bench-curation.c — how fast a large merged project's disagreements are found and settled
 *
 * Takes the benchmark project (two 5 MB documents, 100,000 spans: `bench-core
 * --save FILE`, run here when no PROJECT is given) as annotator a's, makes
 * annotator b's from it (a tenth of the spans left out, a tenth a character
 * shorter, a tenth relabelled), merges the two as Open for Curation does,
 * and times what the Curation page does: finding every disagreement (when
 * it opens, and after an undo or an edit), settling one (one undo step),
 * and undoing it; then settling one after another as the page does now,
 * the list updated in place (collate_disputes_settle()), against finding
 * them all again after each decision as it did before.
 *
 *   bench-curation [--save-versions DIR] [PROJECT]
 *
 * --save-versions also writes the two versions to DIR (a.collate.json and
 * b.collate.json), to time the window on them: collate --curate DIR/a…
 * DIR/b… (docs/performance.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <time.h>

#include "collate.h"

#ifndef BENCH_CORE_PATH
#error "BENCH_CORE_PATH must name the built bench-core"
#endif

#define SEED 20261205

/* CPU time of this process in ms: the machine may be busy with others */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
ms_since (double start)
{
  return cpu_ms () - start;
}

static CollateProject *
with_author (CollateProject *project,
             const char     *author,
             gboolean        vary)
{
  const char *labels[] = { "Claim", "Person", "Organization", "Location", "Time", "Quantity" };
  CollateProject *copy = collate_project_new (collate_project_get_title (project),
                                              collate_project_get_schema (project));
  GListModel *spans = collate_project_get_annotations (project);
  GListModel *links = collate_project_get_links (project);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(GError) error = NULL;

  for (guint d = 0; d < collate_project_get_n_documents (project); d++)
    if (!collate_project_add_document (copy, collate_project_get_document (project, d), &error))
      g_error ("%s", error->message);
  for (guint i = 0; i < g_list_model_get_n_items (spans); i++)
    {
      g_autoptr(CollateAnnotation) a = g_list_model_get_item (spans, i);
      CollateDocument *doc = collate_project_lookup_document (project, collate_annotation_get_document_id (a));
      guint start = collate_annotation_get_start (a), end = collate_annotation_get_end (a);
      const char *label = collate_annotation_get_label (a);
      double x = g_rand_double (rand);
      g_autofree char *quote = NULL;
      g_autoptr(CollateAnnotation) span = NULL;

      if (vary && x < 0.1)
        continue;
      if (vary && x < 0.2 && end - start > 1)
        end--;
      else if (vary && x < 0.3)
        label = labels[g_rand_int_range (rand, 0, G_N_ELEMENTS (labels))];
      quote = collate_document_dup_slice (doc, start, end);
      span = collate_annotation_new (collate_annotation_get_id (a), collate_annotation_get_document_id (a),
                                     start, end, label, quote, "", NULL, author,
                                     collate_annotation_get_created (a), collate_annotation_get_modified (a));
      if (!collate_project_insert_annotation (copy, span, &error))
        g_error ("%s", error->message);
    }
  /* the links between the spans kept: b leaves a tenth out and relabels
   * another tenth */
  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      const char *link_labels[] = { "Contradicts", "Corroborates", "Same entity" };
      g_autoptr(CollateLink) l = g_list_model_get_item (links, i);
      const char *label = collate_link_get_label (l);
      double x = g_rand_double (rand);
      g_autoptr(CollateLink) link = NULL;

      if (collate_project_lookup_annotation (copy, collate_link_get_from (l)) == NULL
          || collate_project_lookup_annotation (copy, collate_link_get_to (l)) == NULL
          || (vary && x < 0.1))
        continue;
      if (vary && x < 0.2)
        label = link_labels[g_rand_int_range (rand, 0, G_N_ELEMENTS (link_labels))];
      link = collate_link_new (collate_link_get_id (l), label, collate_link_get_from (l), collate_link_get_to (l),
                               "", author, collate_link_get_created (l), collate_link_get_modified (l));
      if (!collate_project_insert_link (copy, link, &error))
        g_error ("%s", error->message);
    }
  return copy;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = g_dir_make_tmp ("collate-bench-curation-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(CollateProject) base = NULL;
  g_autoptr(CollateProject) a = NULL;
  g_autoptr(CollateProject) b = NULL;
  g_autoptr(CollateProject) merged = NULL;
  g_autoptr(GPtrArray) disputes = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "a", "b", NULL };
  CollateProject *projects[3] = { NULL, NULL, NULL };
  CollateDispute *open = NULL;
  const char *save_dir = NULL;
  guint n_open = 0;
  double t;

  if (argc > 2 && g_str_equal (argv[1], "--save-versions"))
    {
      save_dir = argv[2];
      argv += 2;
      argc -= 2;
    }
  if (argc > 1)
    path = g_strdup (argv[1]);
  else
    {
      const char *bench_argv[] = { BENCH_CORE_PATH, "--save", NULL, NULL };
      int status = 0;

      path = g_build_filename (dir, "a.collate.json", NULL);
      bench_argv[2] = path;
      if (!g_spawn_sync (NULL, (char **) bench_argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                         NULL, NULL, &status, &error) || !g_spawn_check_wait_status (status, &error))
        g_error ("bench-core --save: %s", error->message);
    }
  file = g_file_new_for_path (path);
  base = collate_project_load_file (file, NULL, NULL, &error);
  if (base == NULL)
    g_error ("%s", error->message);
  if (argc <= 1)
    g_unlink (path);
  g_rmdir (dir);

  a = with_author (base, "a", FALSE);
  b = with_author (base, "b", TRUE);
  projects[0] = a;
  projects[1] = b;
  for (guint p = 0; save_dir != NULL && p < 2; p++)
    {
      g_autoptr(GBytes) bytes = collate_project_to_bytes (projects[p]);
      g_autofree char *name = g_strdup_printf ("%s.collate.json", names[p]);
      g_autofree char *out = g_build_filename (save_dir, name, NULL);

      if (!g_file_set_contents (out, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
        g_error ("%s", error->message);
    }
  t = cpu_ms ();
  merged = collate_projects_merge (projects, names, &error);
  if (merged == NULL)
    g_error ("%s", error->message);
  g_print ("Curation of two annotators' versions of the benchmark project (%u and %u spans, %u and %u links; "
           "CPU time)\n", collate_project_get_n_annotations (a), collate_project_get_n_annotations (b),
           collate_project_get_n_links (a), collate_project_get_n_links (b));
  g_print ("  %-44s %8.1f ms (%u spans)\n", "merge in memory", ms_since (t),
           collate_project_get_n_annotations (merged));

  t = cpu_ms ();
  disputes = collate_project_find_disputes (merged);
  {
    guint n_link_disputes = 0;

    for (guint i = 0; i < disputes->len; i++)
      n_link_disputes += collate_dispute_is_link (g_ptr_array_index (disputes, i));
    g_print ("  %-44s %8.1f ms (%u disagreements, %u of links)\n", "find every disagreement", ms_since (t),
             disputes->len, n_link_disputes);
  }
  for (guint i = 0; i < disputes->len; i++)
    if (!collate_dispute_is_decided (g_ptr_array_index (disputes, i)))
      {
        open = open ? open : g_ptr_array_index (disputes, i);
        n_open++;
      }
  if (open == NULL)
    g_error ("no disagreement to settle");

  t = cpu_ms ();
  if (collate_project_curate (merged, open, COLLATE_CURATION_CHOICE_ONE, "a", &error) == NULL)
    g_error ("%s", error->message);
  g_print ("  %-44s %8.1f ms\n", "settle one (spans removed, curation added)", ms_since (t));

  {
    g_autoptr(GPtrArray) again = NULL;

    t = cpu_ms ();
    again = collate_project_find_disputes (merged);
    g_print ("  %-44s %8.1f ms\n", "find them all again (the page before)", ms_since (t));
  }

  t = cpu_ms ();
  collate_project_undo (merged);
  g_print ("  %-44s %8.1f ms\n", "undo the decision", ms_since (t));

  /* what the page does now: the list kept, the settled item replaced */
  {
    g_autoptr(GListStore) store = g_list_store_new (COLLATE_TYPE_DISPUTE);
    guint position = 0, n = 0;
    double total = 0, worst = 0;

    g_list_store_splice (store, 0, 0, disputes->pdata, disputes->len);
    for (guint k = 0; k < 20; k++)
      {
        g_autoptr(CollateDispute) d = NULL;
        CollateCuration *c;
        guint n_links;
        double one;

        for (; position < g_list_model_get_n_items (G_LIST_MODEL (store)); position++)
          {
            g_clear_object (&d);
            d = g_list_model_get_item (G_LIST_MODEL (store), position);
            if (!collate_dispute_is_decided (d))
              break;
          }
        if (position == g_list_model_get_n_items (G_LIST_MODEL (store)))
          break;
        t = cpu_ms ();
        n_links = collate_project_get_n_links (merged);
        c = collate_project_curate (merged, d, k % 2 ? COLLATE_CURATION_CHOICE_ONE : COLLATE_CURATION_CHOICE_NONE,
                                    "b", &error);
        if (c == NULL)
          g_error ("%s", error->message);
        collate_disputes_settle (store, position, merged, c, n_links - collate_project_get_n_links (merged));
        one = ms_since (t);
        total += one;
        worst = MAX (worst, one);
        n++;
      }
    g_print ("  %-44s %8.2f ms (mean of %u; worst %.2f ms)\n",
             "settle one and update the list in place", n ? total / n : 0, n, worst);
  }
  return 0;
}
