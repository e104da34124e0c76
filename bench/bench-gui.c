/* bench-gui.c — how fast the workspace opens and answers on a large project
 *
 * Generates a project of two 5 MB documents, 100,000 spans (a fifth of them
 * overlapping the one before) and 10,000 links, or loads the project given
 * on the command line, puts a workspace in a window and reports:
 *   - the time from creating the workspace to its first frame;
 *   - the time until every span's tag is applied (batches between frames);
 *   - per operation (tag, select, delete, undo, redo): the time of the call
 *     itself and the time until the next frame has been drawn.
 * Run it under Xvfb (GDK_BACKEND=x11 GTK_A11Y=none GSK_RENDERER=cairo).
 *
 *   bench-gui [--spans N] [--links N] [--megabytes N] [--rounds N] [--no-sidebar] [--no-tags]
 *             [--save FILE] [PROJECT.collate.json]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <gtk/gtk.h>

#include "collate-document-view.h"
#include "collate.h"
#include "collate-workspace.h"

#define SEED      20261123
#define TIMESTAMP "2026-11-23T12:00:00Z"

static const char *const words[] = {
  "envoy", "talks", "Putin", "Witkoff", "Kremlin", "meeting", "hours", "ceasefire",
  "Ukraine", "Russia", "president", "official", "peace", "said", "the", "of", "and",
  "in", "a", "to", "with", "Petersburg", "library", "Peskov", "spokesman", "war",
  "négociation", "Dmitry", "February", "third", "visit", "productive", "step",
};

static const char *const span_labels[] = {
  "Claim", "Person", "Organization", "Location", "Time", "Quantity",
};

static const char *const link_labels[] = {
  "Contradicts", "Corroborates", "Same entity",
};

static gint64 frame_time;   /* monotonic time of the last after-paint */
static guint  frames;

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static char *
generate_text (gsize  bytes,
               GRand *rand)
{
  GString *text = g_string_sized_new (bytes + 256);

  while (text->len < bytes)
    {
      guint sentences = g_rand_int_range (rand, 3, 8);

      for (guint s = 0; s < sentences; s++)
        {
          guint n = g_rand_int_range (rand, 8, 24);

          for (guint w = 0; w < n; w++)
            {
              guint r = g_rand_int_range (rand, 0, 100);

              if (w > 0)
                g_string_append_c (text, ' ');
              if (r < 3)
                g_string_append (text, "“a step — perhaps 😀 a small one”");
              else
                g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
            }
          g_string_append (text, ". ");
        }
      g_string_append (text, "\n\n");
    }
  return g_string_free (text, FALSE);
}

static CollateProject *
generate_project (guint     megabytes,
                  guint     n_spans,
                  guint     n_links,
                  GError  **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(CollateProject) project = collate_project_new ("Benchmark", NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  guint64 next = 1;

  for (guint d = 0; d < 2; d++)
    {
      g_autofree char *text = generate_text ((gsize) megabytes * 1024 * 1024, rand);
      g_autofree char *id = collate_project_next_document_id (project);
      g_autofree char *title = g_strdup_printf ("Generated report %u", d + 1);
      g_autoptr(CollateDocument) doc = collate_document_new (id, title, "generated", text, -1, error);

      if (doc == NULL || !collate_project_add_document (project, doc, error))
        return NULL;
    }

  for (guint i = 0; i < n_spans; i++)
    {
      CollateDocument *doc = collate_project_get_document (project, i % 2);
      guint length = collate_document_get_length (doc);
      g_autofree char *id = g_strdup_printf ("a%" G_GUINT64_FORMAT, next++);
      g_autofree char *quote = NULL;
      g_autoptr(CollateAnnotation) span = NULL;
      guint start, end;

      if (i >= 2 && i % 5 == 0)
        {
          CollateAnnotation *before = collate_project_lookup_annotation (project, g_ptr_array_index (ids, i - 2));

          start = collate_annotation_get_start (before) + g_rand_int_range (rand, 0, 3);
          end = MIN (collate_annotation_get_end (before) + g_rand_int_range (rand, 0, 20), length);
          if (start >= end)
            end = MIN (start + 1, length);
        }
      else
        {
          start = g_rand_int_range (rand, 0, length - 100);
          end = start + g_rand_int_range (rand, 2, 60);
        }
      quote = collate_document_dup_slice (doc, start, end);
      span = collate_annotation_new (id, collate_document_get_id (doc), start, end,
                                     span_labels[g_rand_int_range (rand, 0, G_N_ELEMENTS (span_labels))],
                                     quote, "", NULL, "bench", TIMESTAMP, TIMESTAMP);
      if (!collate_project_insert_annotation (project, span, error))
        return NULL;
      g_ptr_array_add (ids, g_steal_pointer (&id));
    }

  for (guint i = 0; i < n_links && n_spans > 1; i++)
    {
      g_autofree char *id = g_strdup_printf ("l%" G_GUINT64_FORMAT, next++);
      guint from = g_rand_int_range (rand, 0, n_spans);
      guint to = g_rand_int_range (rand, 0, n_spans);
      g_autoptr(CollateLink) link = NULL;

      if (to == from)
        to = (from + 1) % n_spans;
      link = collate_link_new (id, link_labels[i % G_N_ELEMENTS (link_labels)],
                               g_ptr_array_index (ids, from), g_ptr_array_index (ids, to),
                               "", "bench", TIMESTAMP, TIMESTAMP);
      if (!collate_project_insert_link (project, link, error))
        return NULL;
    }
  collate_project_set_next_id (project, next);
  return g_steal_pointer (&project);
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       data)
{
  frame_time = g_get_monotonic_time ();
  frames++;
}

/* Runs the main loop until a frame is drawn after @since, or @timeout_ms */
static gboolean
wait_for_frame (GtkWidget *window,
                gint64     since,
                guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + timeout_ms * 1000;

  gtk_widget_queue_draw (window);
  while (frame_time <= since && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  return frame_time > since;
}

static void
on_realize (GtkWidget *window,
            gpointer   data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);
}

typedef struct
{
  const char *name;
  GArray     *call;    /* double ms */
  GArray     *frame;   /* double ms */
} Figure;

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (Figure *figure)
{
  double call_median, call_max, frame_median, frame_max;
  guint n = figure->call->len;

  if (n == 0)
    return;
  g_array_sort (figure->call, compare_double);
  g_array_sort (figure->frame, compare_double);
  call_median = g_array_index (figure->call, double, n / 2);
  call_max = g_array_index (figure->call, double, n - 1);
  frame_median = g_array_index (figure->frame, double, n / 2);
  frame_max = g_array_index (figure->frame, double, n - 1);
  printf ("  %-8s call median %7.2f ms  max %7.2f ms   until drawn median %7.2f ms  max %7.2f ms  (%u runs)%s\n",
          figure->name, call_median, call_max, frame_median, frame_max, n,
          call_median <= 16.0 ? "" : "   SLOWER THAN A FRAME");
}

static void
record (Figure    *figure,
        GtkWidget *window,
        gint64     start)
{
  double call = ms_since (start);
  double drawn;

  wait_for_frame (window, start, 2000);
  drawn = (frame_time - start) / 1000.0;
  g_array_append_val (figure->call, call);
  g_array_append_val (figure->frame, drawn);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateProject) project = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED + 1);
  int n_spans = 100000, n_links = 10000, megabytes = 5, rounds = 30;
  gboolean no_sidebar = FALSE;
  gboolean no_tags = FALSE;
  g_autofree char *save_path = NULL;
  GOptionEntry entries[] = {
    { "spans", 0, 0, G_OPTION_ARG_INT, &n_spans, "Spans to generate (100000)", "N" },
    { "links", 0, 0, G_OPTION_ARG_INT, &n_links, "Links to generate (10000)", "N" },
    { "megabytes", 0, 0, G_OPTION_ARG_INT, &megabytes, "Size of each document (5)", "N" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Runs of each operation (30)", "N" },
    { "no-sidebar", 0, 0, G_OPTION_ARG_NONE, &no_sidebar, "Hide the sidebar (F9) before measuring", NULL },
    { "no-tags", 0, 0, G_OPTION_ARG_NONE, &no_tags, "Turn the label tags above the spans off", NULL },
    { "save", 0, 0, G_OPTION_ARG_FILENAME, &save_path, "Also save the generated project there", "FILE" },
    { NULL }
  };
  CollateWorkspace *workspace;
  GtkWidget *window;
  CollateDocumentView *pane;
  GListModel *spans;
  Figure tag = { "tag" }, select = { "select" }, delete = { "delete" }, undo = { "undo" }, redo = { "redo" };
  Figure scroll = { "scroll" }, recolour = { "recolour" }, rename = { "rename" };
  Figure *all[] = { &tag, &select, &delete, &undo, &redo, &scroll, &recolour, &rename };
  GtkAdjustment *vadj;
  gint64 start;
  double first_frame;

  setlocale (LC_ALL, "");
  context = g_option_context_new ("[PROJECT.collate.json]");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-gui: %s\n", error->message);
      return 2;
    }
  if (!gtk_init_check ())
    {
      fprintf (stderr, "bench-gui: cannot open a display; run it under Xvfb "
                       "(xvfb-run -a, or DISPLAY=:N with GDK_BACKEND=x11)\n");
      return 77;
    }

  start = g_get_monotonic_time ();
  if (argc > 1)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[1]);

      project = collate_project_load_file (file, NULL, NULL, &error);
      if (project != NULL)
        printf ("Loaded %s in %.0f ms\n", argv[1], ms_since (start));
    }
  else
    {
      project = generate_project (MAX (1, megabytes), MAX (2, n_spans), MAX (0, n_links), &error);
      printf ("Generated 2 × %d MB, %d spans, %d links in %.0f ms\n",
              megabytes, n_spans, n_links, ms_since (start));
    }
  if (project == NULL)
    {
      fprintf (stderr, "bench-gui: %s\n", error->message);
      return 1;
    }
  if (collate_project_get_n_documents (project) == 0)
    {
      fprintf (stderr, "bench-gui: the project has no documents\n");
      return 1;
    }
  if (save_path != NULL && argc <= 1)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (save_path);

      if (!collate_project_save_file (project, file, NULL, NULL, NULL, &error))
        {
          fprintf (stderr, "bench-gui: %s\n", error->message);
          return 1;
        }
      printf ("Saved the generated project to %s\n", save_path);
    }
  collate_project_set_author (project, "bench");

  /* ── open ── */
  start = g_get_monotonic_time ();
  workspace = collate_workspace_new (project, NULL);
  printf ("Workspace built (buffers filled, first spans applied): %.0f ms\n", ms_since (start));
  window = gtk_window_new ();
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (workspace));
  gtk_window_present (GTK_WINDOW (window));
  if (!wait_for_frame (window, start, 30000))
    {
      fprintf (stderr, "bench-gui: no frame was drawn within 30 s (is there a display?)\n");
      return 1;
    }
  first_frame = (frame_time - start) / 1000.0;
  printf ("Workspace created to first frame: %.0f ms%s\n", first_frame,
          first_frame <= 1500 ? "" : "   OVER THE 1.5 s TARGET");

  pane = COLLATE_DOCUMENT_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (collate_workspace_get_text_view (workspace, 0)),
                                                         COLLATE_TYPE_DOCUMENT_VIEW));
  while (collate_document_view_is_loading (pane))
    g_main_context_iteration (NULL, FALSE);
  for (guint i = 1; i < collate_workspace_get_n_panes (workspace); i++)
    {
      CollateDocumentView *other = COLLATE_DOCUMENT_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (collate_workspace_get_text_view (workspace, i)),
                                                                                    COLLATE_TYPE_DOCUMENT_VIEW));
      while (collate_document_view_is_loading (other))
        g_main_context_iteration (NULL, FALSE);
    }
  printf ("All span tags applied: %.0f ms after creation (%u frames drawn meanwhile)\n",
          ms_since (start), frames);

  for (guint i = 0; no_tags && i < collate_workspace_get_n_panes (workspace); i++)
    collate_document_view_set_show_tags (COLLATE_DOCUMENT_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (collate_workspace_get_text_view (workspace, i)),
                                                                                         COLLATE_TYPE_DOCUMENT_VIEW)),
                                         FALSE);
  if (no_sidebar)
    gtk_widget_activate_action (GTK_WIDGET (workspace), "workspace.toggle-sidebar", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      all[i]->call = g_array_new (FALSE, FALSE, sizeof (double));
      all[i]->frame = g_array_new (FALSE, FALSE, sizeof (double));
    }

  /* ── operations ── */
  spans = collate_project_get_annotations (project);
  for (int round = 0; round < rounds; round++)
    {
      CollateDocument *doc = collate_document_view_get_document (pane);
      guint length = collate_document_get_length (doc);
      guint offset = g_rand_int_range (rand, 0, length - 200);
      guint n = g_list_model_get_n_items (spans);
      g_autoptr(CollateAnnotation) target = g_list_model_get_item (spans, g_rand_int_range (rand, 0, n));
      CollateAnnotation *added;

      /* select a random span (scrolls to it) */
      start = g_get_monotonic_time ();
      collate_workspace_select (workspace, collate_annotation_get_id (target));
      record (&select, window, start);

      /* tag a selection somewhere else */
      collate_document_view_scroll_to (pane, offset, offset + 20);
      wait_for_frame (window, g_get_monotonic_time (), 1000);
      collate_document_view_select_range (pane, offset, offset + 20);
      start = g_get_monotonic_time ();
      added = collate_workspace_tag_selection (workspace, span_labels[round % G_N_ELEMENTS (span_labels)], &error);
      if (added == NULL)
        {
          /* white space only: try the next round */
          g_clear_error (&error);
          continue;
        }
      record (&tag, window, start);

      start = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (workspace), "workspace.delete", NULL);
      record (&delete, window, start);

      start = g_get_monotonic_time ();
      collate_project_undo (project);
      record (&undo, window, start);

      start = g_get_monotonic_time ();
      collate_project_redo (project);
      record (&redo, window, start);

      /* scroll a page down: spans, underlines and connectors redrawn */
      vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (collate_workspace_get_text_view (workspace, 0)));
      start = g_get_monotonic_time ();
      gtk_adjustment_set_value (vadj, gtk_adjustment_get_value (vadj) + gtk_adjustment_get_page_size (vadj));
      record (&scroll, window, start);

      /* a label edited as in the label editor: a new colour, then a new
       * name that every one of its spans takes (and the old name back) */
      {
        const char *name = span_labels[round % G_N_ELEMENTS (span_labels)];
        CollateSchema *schema = collate_project_get_schema (project);
        CollateLabel *label = collate_schema_lookup (schema, COLLATE_LABEL_KIND_SPAN, name);
        g_autofree char *new_name = g_strdup_printf ("%s (renamed)", name);
        g_autoptr(CollateLabel) coloured = collate_label_new (name, round % 2 ? "#1c71d8" : "#c01c28",
                                                              collate_label_get_hotkey (label),
                                                              collate_label_get_description (label), NULL);
        g_autoptr(CollateLabel) renamed = collate_label_new (new_name, collate_label_get_color (coloured),
                                                             collate_label_get_hotkey (label),
                                                             collate_label_get_description (label), NULL);
        g_autoptr(CollateLabel) back = collate_label_new (name, collate_label_get_color (coloured),
                                                          collate_label_get_hotkey (label),
                                                          collate_label_get_description (label), NULL);

        start = g_get_monotonic_time ();
        if (!collate_project_edit_label (project, COLLATE_LABEL_KIND_SPAN, name, coloured, &error))
          g_error ("recolouring %s: %s", name, error->message);
        record (&recolour, window, start);

        start = g_get_monotonic_time ();
        if (!collate_project_edit_label (project, COLLATE_LABEL_KIND_SPAN, name, renamed, &error))
          g_error ("renaming %s: %s", name, error->message);
        record (&rename, window, start);
        if (!collate_project_edit_label (project, COLLATE_LABEL_KIND_SPAN, new_name, back, &error))
          g_error ("renaming %s back: %s", new_name, error->message);
        wait_for_frame (window, g_get_monotonic_time (), 2000);
      }
    }

  printf ("Operations with %u spans and %u links present:\n",
          collate_project_get_n_annotations (project), collate_project_get_n_links (project));
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      report (all[i]);
      g_array_unref (all[i]->call);
      g_array_unref (all[i]->frame);
    }

  /* A label renamed as the window does it: the workspace stops following
   * the project when its labels change, and a new one is made */
  {
    const char *name = span_labels[0];
    CollateLabel *label = collate_schema_lookup (collate_project_get_schema (project),
                                                 COLLATE_LABEL_KIND_SPAN, name);
    g_autofree char *new_name = g_strdup_printf ("%s (renamed)", name);
    g_autoptr(CollateLabel) renamed = collate_label_new (new_name, collate_label_get_color (label),
                                                         collate_label_get_hotkey (label),
                                                         collate_label_get_description (label), NULL);
    gulong handler = g_signal_connect_swapped (collate_project_get_schema (project), "changed",
                                               G_CALLBACK (collate_workspace_stop_following), workspace);
    double call;

    start = g_get_monotonic_time ();
    if (!collate_project_edit_label (project, COLLATE_LABEL_KIND_SPAN, name, renamed, &error))
      g_error ("renaming %s: %s", name, error->message);
    call = ms_since (start);
    g_signal_handler_disconnect (collate_project_get_schema (project), handler);
    workspace = collate_workspace_new (project, NULL);
    gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (workspace));
    wait_for_frame (window, g_get_monotonic_time (), 5000);
    printf ("Rename a label as the window does (workspace made again): call %.0f ms, "
            "until the new workspace is drawn %.0f ms\n", call, (frame_time - start) / 1000.0);
  }

  {
    g_autofree char *status = NULL;

    if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
      {
        const char *line = strstr (status, "VmHWM:");

        if (line != NULL)
          printf ("Peak memory: %.0f MB\n", g_ascii_strtod (line + 6, NULL) / 1024.0);
      }
  }

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
