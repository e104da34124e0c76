/* bench-team.c — how fast two annotators' versions of a large project are compared
 *
 * Takes the benchmark project (two 5 MB documents, 100,000 spans, 10,000
 * links: `bench-core --save FILE`, which this runs itself when no PROJECT
 * is given) as the first annotator's, and makes a second annotator's from
 * it: a tenth of the spans left out, a tenth a character shorter, a tenth
 * relabelled, and every link whose ends remain.  Saves both, then times
 * what `collate-cli agree` does: loading the two files, pairing and
 * indexing them (the tokens on a second thread), the token codings and
 * the unitizing (on two threads, collate_agreement_precompute()), and
 * every figure it prints (spans, links, kappas and alphas on tokens per
 * label, unitizing alpha per label, disagreements).
 *
 * Then times `collate-cli merge` on the two (collate_projects_merge and
 * writing the result) and `collate-cli merge-driver` with the first as
 * base and theirs and the second as ours (collate_project_merge3).
 *
 *   bench-team [PROJECT [SECOND]]
 *
 * SECOND, if given, is where the second annotator's version is written
 * and left.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>
#include <locale.h>

#include "collate.h"

#ifndef BENCH_CORE_PATH
#error "BENCH_CORE_PATH must name the built bench-core"
#endif

#define SEED 20261205

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
peak_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  return line ? g_ascii_strtod (line + strlen ("VmHWM:"), NULL) / 1024.0 : 0;
}

static CollateProject *
load (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CollateProject *project = collate_project_load_file (file, NULL, NULL, &error);

  if (project == NULL)
    g_error ("%s", error->message);
  return project;
}

/* The second annotator's version, as described above */
static CollateProject *
other_version (CollateProject *project)
{
  const char *labels[] = { "Claim", "Person", "Organization", "Location", "Time", "Quantity" };
  CollateProject *other = collate_project_new (collate_project_get_title (project),
                                               collate_project_get_schema (project));
  GListModel *spans = collate_project_get_annotations (project);
  GListModel *links = collate_project_get_links (project);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(GError) error = NULL;

  for (guint d = 0; d < collate_project_get_n_documents (project); d++)
    if (!collate_project_add_document (other, collate_project_get_document (project, d), &error))
      g_error ("%s", error->message);
  for (guint i = 0; i < g_list_model_get_n_items (spans); i++)
    {
      g_autoptr(CollateAnnotation) a = g_list_model_get_item (spans, i);
      CollateDocument *doc = collate_project_lookup_document (project, collate_annotation_get_document_id (a));
      guint start = collate_annotation_get_start (a), end = collate_annotation_get_end (a);
      const char *label = collate_annotation_get_label (a);
      double x = g_rand_double (rand);
      g_autofree char *quote = NULL;
      g_autoptr(CollateAnnotation) copy = NULL;

      if (x < 0.1)
        continue;
      if (x < 0.2 && end - start > 1)
        end--;
      else if (x < 0.3)
        label = labels[g_rand_int_range (rand, 0, G_N_ELEMENTS (labels))];
      quote = collate_document_dup_slice (doc, start, end);
      copy = collate_annotation_new (collate_annotation_get_id (a), collate_annotation_get_document_id (a),
                                     start, end, label, quote, "", NULL, "bench-b",
                                     collate_annotation_get_created (a), collate_annotation_get_modified (a));
      if (!collate_project_insert_annotation (other, copy, &error))
        g_error ("%s", error->message);
    }
  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(CollateLink) link = g_list_model_get_item (links, i);

      if (collate_project_lookup_annotation (other, collate_link_get_from (link)) != NULL &&
          collate_project_lookup_annotation (other, collate_link_get_to (link)) != NULL &&
          !collate_project_insert_link (other, link, &error))
        g_error ("%s", error->message);
    }
  return other;
}

static void
report (const char *what,
        gint64      start,
        double      cpu_start)
{
  g_print ("  %-52s %6.2f s wall  %6.2f s CPU\n", what, seconds_since (start), cpu_seconds () - cpu_start);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = g_dir_make_tmp ("collate-bench-team-XXXXXX", NULL);
  g_autofree char *path_a = NULL;
  g_autofree char *path_b = argc > 2 ? g_strdup (argv[2]) : g_build_filename (dir, "b.collate.json", NULL);
  g_autoptr(GError) error = NULL;
  const char *names[] = { "a", "b", NULL };
  CollateProject *projects[2];
  g_autoptr(CollateAgreement) agreement = NULL;
  gint64 start, all_start;
  double cpu, all_cpu;
  guint checksum = 0;

  setlocale (LC_ALL, "");
  if (argc > 1)
    path_a = g_strdup (argv[1]);
  else
    {
      const char *bench_argv[] = { BENCH_CORE_PATH, "--save", NULL, NULL };
      int status = 0;

      path_a = g_build_filename (dir, "a.collate.json", NULL);
      bench_argv[2] = path_a;
      g_print ("Generating the benchmark project with bench-core…\n");
      if (!g_spawn_sync (NULL, (char **) bench_argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                         NULL, NULL, &status, &error) || !g_spawn_check_wait_status (status, &error))
        g_error ("bench-core: %s", error->message);
    }

  {
    g_autoptr(CollateProject) a = load (path_a);
    g_autoptr(CollateProject) b = other_version (a);
    g_autoptr(GFile) file = g_file_new_for_path (path_b);

    if (!collate_project_save_file (b, file, NULL, NULL, NULL, &error))
      g_error ("%s", error->message);
    g_print ("Annotator a: %u spans, %u links; annotator b: %u spans, %u links\n",
             collate_project_get_n_annotations (a), collate_project_get_n_links (a),
             collate_project_get_n_annotations (b), collate_project_get_n_links (b));
  }

  g_print ("collate-cli agree on two annotators' versions of 2 × 5 MB:\n");
  all_start = start = g_get_monotonic_time ();
  all_cpu = cpu = cpu_seconds ();
  {
    /* as collate-cli agree does: each file on a thread of its own */
    GThread *thread = g_thread_new ("load", (GThreadFunc) load, path_b);

    projects[0] = load (path_a);
    projects[1] = g_thread_join (thread);
  }
  report ("load both files (in parallel)", start, cpu);

  start = g_get_monotonic_time ();
  cpu = cpu_seconds ();
  agreement = collate_agreement_new (names);
  if (!collate_agreement_add_projects (agreement, projects, &error))
    g_error ("%s", error->message);
  g_object_unref (projects[0]);
  g_object_unref (projects[1]);
  report ("pair, index spans and links beside the tokens", start, cpu);

  start = g_get_monotonic_time ();
  cpu = cpu_seconds ();
  collate_agreement_precompute (agreement);
  report ("token codings beside the unitizing", start, cpu);

  start = g_get_monotonic_time ();
  cpu = cpu_seconds ();
  {
    const char *const *labels = collate_agreement_get_span_labels (agreement);
    CollateMatchCounts counts;

    collate_agreement_get_span_counts (agreement, 0, 1, NULL, &counts);
    checksum += counts.exact;
    for (guint l = 0; labels[l] != NULL; l++)
      {
        collate_agreement_get_span_counts (agreement, 0, 1, labels[l], &counts);
        checksum += counts.exact;
      }
    for (guint s = 0; s < 3; s++)
      {
        collate_agreement_get_link_counts (agreement, 0, 1, NULL, s, &counts);
        checksum += counts.exact;
      }
  }
  report ("span and link counts, every label", start, cpu);

  start = g_get_monotonic_time ();
  cpu = cpu_seconds ();
  {
    const char *const *labels = collate_agreement_get_span_labels (agreement);
    double sum = 0;

    for (int l = -1; l < 0 || labels[l] != NULL; l++)
      {
        CollateCoding *coding = collate_agreement_get_token_coding (agreement, l < 0 ? NULL : labels[l]);

        sum += collate_coding_cohen_kappa (coding, 0, 1);
        sum += collate_coding_fleiss_kappa (coding);
        sum += collate_coding_alpha_nominal (coding);
      }
    checksum += isnan (sum);
  }
  report ("kappas and alpha on tokens, every label (made)", start, cpu);

  start = g_get_monotonic_time ();
  cpu = cpu_seconds ();
  {
    CollateUnitizing *unitizing = collate_agreement_get_unitizing (agreement);
    const char *const *labels = collate_agreement_get_span_labels (agreement);
    double sum = collate_unitizing_alpha (unitizing, NULL, NULL, NULL);

    for (guint l = 0; labels[l] != NULL; l++)
      sum += collate_unitizing_alpha (unitizing, labels[l], NULL, NULL);
    checksum += isnan (sum);
  }
  report ("unitizing alpha, every label (sums made)", start, cpu);

  start = g_get_monotonic_time ();
  cpu = cpu_seconds ();
  checksum += collate_agreement_get_disagreements (agreement)->len;
  report ("disagreements", start, cpu);

  report ("all of agree", all_start, all_cpu);
  g_print ("  peak RSS %.0f MB (checksum %u)\n", peak_rss_mb (), checksum);

  g_print ("collate-cli merge and merge-driver on the same files:\n");
  {
    g_autoptr(CollateProject) merged = NULL;
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func (g_free);

    all_start = start = g_get_monotonic_time ();
    all_cpu = cpu = cpu_seconds ();
    {
      GThread *thread = g_thread_new ("load", (GThreadFunc) load, path_b);

      projects[0] = load (path_a);
      projects[1] = g_thread_join (thread);
    }
    report ("load both files (in parallel)", start, cpu);
    start = g_get_monotonic_time ();
    cpu = cpu_seconds ();
    merged = collate_projects_merge (projects, names, &error);
    if (merged == NULL)
      g_error ("%s", error->message);
    report ("merge", start, cpu);
    start = g_get_monotonic_time ();
    cpu = cpu_seconds ();
    bytes = collate_project_to_bytes (merged);
    checksum += g_bytes_get_size (bytes) % 1000;
    report ("write", start, cpu);
    report ("all of merge", all_start, all_cpu);
    g_print ("  %u spans, %u links\n", collate_project_get_n_annotations (merged),
             collate_project_get_n_links (merged));

    g_clear_pointer (&bytes, g_bytes_unref);
    g_clear_object (&merged);
    start = g_get_monotonic_time ();
    cpu = cpu_seconds ();
    merged = collate_project_merge3 (projects[0], projects[1], projects[0], conflicts, &error);
    if (merged == NULL)
      g_error ("%s", error->message);
    report ("merge-driver's three-way merge (files loaded)", start, cpu);
    start = g_get_monotonic_time ();
    cpu = cpu_seconds ();
    bytes = collate_project_to_bytes (merged);
    checksum += g_bytes_get_size (bytes) % 1000 + conflicts->len;
    report ("write", start, cpu);
    g_print ("  %u spans, %u links, %u conflicts\n", collate_project_get_n_annotations (merged),
             collate_project_get_n_links (merged), conflicts->len);
    g_object_unref (projects[0]);
    g_object_unref (projects[1]);
  }
  g_print ("  peak RSS %.0f MB (checksum %u)\n", peak_rss_mb (), checksum);

  if (argc <= 2)
    g_remove (path_b);
  if (argc <= 1)
    g_remove (path_a);
  g_rmdir (dir);
  return 0;
}
