/* test-dialogs.c — File ▸ Export and File ▸ Import dialogs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds a project from the sample reports with a few spans and links,
 * drives the dialogs through their testing API (the same code their
 * buttons run), waits on the main loop for the export or import, and
 * asserts on the files written, the report shown and the project opened.
 * Runs under Xvfb (run-under-xvfb.sh).
 */
#include "config.h"

#include <string.h>
#include <gtk/gtk.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "collate.h"
#include "collate-export-dialog.h"
#include "collate-import-dialog.h"
#include "collate-window-private.h"
#include "collate-accessible.h"
#include "collate-test-gui.h"

static char *tmp_dir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static const char *
samples_dir (void)
{
  const char *dir = g_getenv ("COLLATE_SAMPLES_DIR");

  return dir != NULL ? dir : COLLATE_SAMPLES_DIR;
}

/* The span [start, end) of the first @quote in @document */
static CollateAnnotation *
add_span_at (CollateProject *project,
             const char     *document_id,
             const char     *quote,
             const char     *label)
{
  CollateDocument *doc = collate_project_lookup_document (project, document_id);
  const char *text = collate_document_get_text (doc);
  const char *at = strstr (text, quote);
  g_autoptr(GError) error = NULL;
  CollateAnnotation *span;
  glong start, end;

  g_assert_nonnull (at);
  start = g_utf8_pointer_to_offset (text, at);
  end = start + g_utf8_strlen (quote, -1);
  span = collate_project_add_span (project, document_id, start, end, label, &error);
  g_assert_no_error (error);
  g_assert_nonnull (span);
  g_assert_cmpstr (collate_annotation_get_text (span), ==, quote);
  return span;
}

/* The two sample reports; spans after curly quotes and dashes (so byte and
 * character offsets differ), a link inside one document and one across. */
static CollateProject *
sample_project (void)
{
  g_autoptr(CollateSchema) schema = collate_schema_new_default ();
  g_autoptr(CollateProject) project = collate_project_new ("Witkoff talks", schema);
  g_autoptr(GError) error = NULL;
  CollateAnnotation *meeting1, *meeting2, *trump, *putin;
  CollateLink *link;

  for (guint i = 1; i <= 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("witkoff-putin-report-%u.txt", i);
      g_autofree char *path = g_build_filename (samples_dir (), name, NULL);
      g_autofree char *id = g_strdup_printf ("d%u", i);
      g_autoptr(CollateDocument) doc = collate_document_new_from_file (path, id, &error);

      g_assert_no_error (error);
      g_assert_true (collate_project_add_document (project, doc, &error));
      g_assert_no_error (error);
    }

  meeting1 = add_span_at (project, "d1", "four-and-a-half-hour meeting", "Quantity");
  trump = add_span_at (project, "d1", "Donald Trump", "Person");
  putin = add_span_at (project, "d1", "Vladimir Putin", "Person");
  add_span_at (project, "d1", "Kyiv", "Location");
  meeting2 = add_span_at (project, "d2", "over four hours", "Quantity");
  add_span_at (project, "d2", "St. Petersburg", "Location");

  link = collate_project_add_link (project, "Contradicts",
                                   collate_annotation_get_id (meeting1),
                                   collate_annotation_get_id (meeting2), &error);
  g_assert_no_error (error);
  g_assert_nonnull (link);
  link = collate_project_add_link (project, "Same entity",
                                   collate_annotation_get_id (trump),
                                   collate_annotation_get_id (putin), &error);
  g_assert_no_error (error);
  g_assert_nonnull (link);
  return g_steal_pointer (&project);
}

static GtkWindow *
parent_window (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 800, 600);
  gtk_window_present (window);
  return window;
}

static void
count_cb (gpointer data)
{
  (*(guint *) data)++;
}

/* Runs the dialog's export and waits for "finished" */
static void
run_export (CollateExportDialog *dialog)
{
  guint finished = 0;
  gulong handler = g_signal_connect_swapped (dialog, "finished", G_CALLBACK (count_cb),
                                             &finished);

  collate_export_dialog_start (dialog);
  g_assert_true (collate_export_dialog_is_running (dialog));
  WAIT_UNTIL (finished > 0);
  g_assert_cmpuint (finished, ==, 1);
  g_assert_false (collate_export_dialog_is_running (dialog));
  g_signal_handler_disconnect (dialog, handler);
}

/* The JSON object on each line of @path */
static GPtrArray *
read_jsonl (const char *path)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (lines[i][0] == '\0')
        continue;
      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, &error));
      g_assert_no_error (error);
      g_ptr_array_add (objects, json_node_ref (json_parser_get_root (parser)));
    }
  return objects;
}

/* The button of @root labelled @label (with its mnemonic), or NULL */
static GtkButton *
find_button (GtkWidget  *root,
             const char *label)
{
  GQueue queue = G_QUEUE_INIT;
  GtkWidget *widget;

  g_queue_push_tail (&queue, root);
  while ((widget = g_queue_pop_head (&queue)) != NULL)
    {
      if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
        {
          g_queue_clear (&queue);
          return GTK_BUTTON (widget);
        }
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
           child = gtk_widget_get_next_sibling (child))
        g_queue_push_tail (&queue, child);
    }
  return NULL;
}

/* ── Export ── */

static void
test_export_jsonl (void)
{
  g_autoptr(CollateProject) project = sample_project ();
  GtkWindow *parent = parent_window ();
  CollateExportDialog *dialog = collate_export_dialog_new (parent, project, NULL);
  g_autofree char *path = tmp_path ("witkoff.jsonl");
  g_autoptr(GFile) destination = g_file_new_for_path (path);
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *shown = NULL;
  CollateExportReport *report;
  JsonObject *doc;
  JsonArray *spans;
  gboolean found = FALSE;

  gtk_window_present (GTK_WINDOW (dialog));
  spin ();
  g_assert_true (collate_export_dialog_set_format (dialog, "jsonl"));
  g_assert_cmpstr (collate_export_dialog_get_format (dialog), ==, "jsonl");
  g_assert_false (collate_export_dialog_set_format (dialog, "no-such-format"));
  /* no project file: nothing suggested, Export waits for a destination */
  g_assert_null (collate_export_dialog_get_destination (dialog));
  collate_export_dialog_set_destination (dialog, destination);
  run_export (dialog);

  g_assert_null (collate_export_dialog_get_error (dialog));
  report = collate_export_dialog_get_report (dialog);
  g_assert_nonnull (report);
  g_assert_cmpuint (collate_export_report_get_n_documents (report), ==, 2);
  g_assert_cmpuint (collate_export_report_get_n_spans (report), ==, 6);
  g_assert_cmpuint (collate_export_report_get_n_links (report), ==, 2);
  g_assert_cmpuint (collate_export_report_get_n_warnings (report), ==, 0);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  lines = read_jsonl (path);
  g_assert_cmpuint (lines->len, ==, 2);
  doc = json_node_get_object (lines->pdata[0]);
  spans = json_object_get_array_member (doc, "spans");
  g_assert_cmpuint (json_array_get_length (spans), ==, 4);
  for (guint i = 0; i < json_array_get_length (spans); i++)
    {
      JsonObject *span = json_array_get_object_element (spans, i);
      const char *text = json_object_get_string_member (doc, "text");
      const char *quote = json_object_get_string_member (span, "text");
      gint64 start = json_object_get_int_member (span, "start");
      gint64 end = json_object_get_int_member (span, "end");
      const char *from = g_utf8_offset_to_pointer (text, start);
      const char *to = g_utf8_offset_to_pointer (text, end);

      /* character offsets: the quote is at them */
      g_assert_cmpmem (from, to - from, quote, strlen (quote));
      if (g_str_equal (quote, "four-and-a-half-hour meeting"))
        {
          g_assert_cmpstr (json_object_get_string_member (span, "label"), ==, "Quantity");
          found = TRUE;
        }
    }
  g_assert_true (found);

  shown = collate_export_dialog_dup_result_text (dialog);
  g_assert_nonnull (shown);
  g_assert_nonnull (strstr (shown, "witkoff.jsonl"));
  g_assert_nonnull (strstr (shown, "6 spans"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (parent);
  spin ();
}

static void
test_export_brat_warnings (void)
{
  g_autoptr(CollateProject) project = sample_project ();
  GtkWindow *parent = parent_window ();
  CollateExportDialog *dialog = collate_export_dialog_new (parent, project, NULL);
  g_autofree char *folder = tmp_path ("witkoff-brat");
  g_autoptr(GFile) destination = g_file_new_for_path (folder);
  g_autofree char *ann_path = NULL;
  g_autofree char *ann = NULL;
  g_autofree char *shown = NULL;
  g_autoptr(GDir) dir = NULL;
  CollateExportReport *report;
  const char *name;
  guint n_ann = 0;

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (collate_export_dialog_set_format (dialog, "brat"));
  collate_export_dialog_set_destination (dialog, destination);
  run_export (dialog);

  g_assert_null (collate_export_dialog_get_error (dialog));
  report = collate_export_dialog_get_report (dialog);
  g_assert_nonnull (report);
  /* the Contradicts link joins the two reports: brat cannot hold it */
  g_assert_cmpuint (collate_export_report_lookup (report, "brat-cross-document-links"), ==, 1);

  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  dir = g_dir_open (folder, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".ann"))
      {
        g_autofree char *path = g_build_filename (folder, name, NULL);
        g_autofree char *contents = NULL;

        g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
        if (strstr (contents, "Kyiv") != NULL)
          {
            g_clear_pointer (&ann_path, g_free);
            ann_path = g_steal_pointer (&path);
            ann = g_steal_pointer (&contents);
          }
        n_ann++;
      }
  g_assert_cmpuint (n_ann, ==, 2);
  g_assert_nonnull (ann);
  g_assert_nonnull (strstr (ann, "\tQuantity "));
  g_assert_nonnull (strstr (ann, "\tfour-and-a-half-hour meeting\n"));
  g_assert_nonnull (strstr (ann, "\tDonald Trump\n"));
  /* the link inside the document is an R line */
  g_assert_nonnull (strstr (ann, "\nR1\t"));

  /* the dialog lists the warning with its count, and the files */
  shown = collate_export_dialog_dup_result_text (dialog);
  g_assert_nonnull (shown);
  g_assert_nonnull (strstr (shown, "cross-document-links.tsv"));
  g_assert_nonnull (strstr (shown, collate_export_report_get_message (report, 0)));
  g_assert_nonnull (strstr (shown, "annotation.conf"));
  {
    g_autofree char *line = NULL;

    for (guint i = 0; i < collate_export_report_get_n_warnings (report); i++)
      if (g_str_equal (collate_export_report_get_key (report, i), "brat-cross-document-links"))
        line = g_strdup_printf ("%s: 1", collate_export_report_get_message (report, i));
    g_assert_nonnull (line);
    g_assert_nonnull (strstr (shown, line));
  }

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (parent);
  spin ();
}

/* Strict: the cross-document link is an error shown in the dialog, and
 * nothing is written */
static void
test_export_strict_error (void)
{
  g_autoptr(CollateProject) project = sample_project ();
  GtkWindow *parent = parent_window ();
  CollateExportDialog *dialog = collate_export_dialog_new (parent, project, NULL);
  g_autofree char *folder = tmp_path ("strict-brat");
  g_autoptr(GFile) destination = g_file_new_for_path (folder);
  g_autoptr(CollateExportOptions) options = NULL;
  g_autofree char *shown = NULL;
  const GError *error;

  g_assert_true (collate_export_dialog_set_format (dialog, "brat"));
  collate_export_dialog_set_destination (dialog, destination);
  {
    /* tick "Fail if the format cannot hold everything" as a person would */
    GtkWidget *child;
    GtkCheckButton *strict = NULL;
    GQueue queue = G_QUEUE_INIT;

    g_queue_push_tail (&queue, GTK_WIDGET (dialog));
    while (!g_queue_is_empty (&queue))
      {
        GtkWidget *widget = g_queue_pop_head (&queue);

        if (GTK_IS_CHECK_BUTTON (widget) &&
            gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)) != NULL &&
            strstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), "cannot hold"))
          strict = GTK_CHECK_BUTTON (widget);
        for (child = gtk_widget_get_first_child (widget); child;
             child = gtk_widget_get_next_sibling (child))
          g_queue_push_tail (&queue, child);
      }
    g_assert_nonnull (strict);
    gtk_check_button_set_active (strict, TRUE);
  }
  options = collate_export_dialog_dup_options (dialog, NULL);
  g_assert_nonnull (options);
  g_assert_true (collate_export_options_get_strict (options));

  run_export (dialog);
  error = collate_export_dialog_get_error (dialog);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_UNSUPPORTED);
  g_assert_null (collate_export_dialog_get_report (dialog));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  shown = collate_export_dialog_dup_result_text (dialog);
  g_assert_nonnull (shown);
  g_assert_nonnull (strstr (shown, error->message));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (parent);
  spin ();
}

/* A failure the person can fix (a folder already full): the message is
 * shown, Back returns to the options, and a second try can succeed */
static void
test_export_error_and_back (void)
{
  g_autoptr(CollateProject) project = sample_project ();
  GtkWindow *parent = parent_window ();
  CollateExportDialog *dialog = collate_export_dialog_new (parent, project, NULL);
  g_autofree char *folder = tmp_path ("full-folder");
  g_autofree char *inside = g_build_filename (folder, "keep.txt", NULL);
  g_autofree char *other = tmp_path ("empty-for-brat");
  g_autoptr(GFile) destination = g_file_new_for_path (folder);
  g_autoptr(GFile) second = g_file_new_for_path (other);
  g_autofree char *kept = NULL;
  g_autofree char *shown = NULL;
  GtkButton *export_button, *back;
  const GError *error;
  GWeakRef weak;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (inside, "mine", -1, NULL));
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (collate_export_dialog_set_format (dialog, "brat"));

  /* no destination yet: Export cannot be clicked */
  export_button = find_button (GTK_WIDGET (dialog), "_Export");
  g_assert_nonnull (export_button);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (export_button)));
  collate_export_dialog_set_destination (dialog, destination);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (export_button)));

  run_export (dialog);
  error = collate_export_dialog_get_error (dialog);
  g_assert_nonnull (error);
  g_assert_null (collate_export_dialog_get_report (dialog));
  shown = collate_export_dialog_dup_result_text (dialog);
  g_assert_nonnull (shown);
  g_assert_nonnull (strstr (shown, error->message));
  /* the folder is untouched */
  g_assert_true (g_file_get_contents (inside, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "mine");

  back = find_button (GTK_WIDGET (dialog), "_Back");
  g_assert_nonnull (back);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (back)));
  g_signal_emit_by_name (back, "clicked");
  g_assert_null (collate_export_dialog_dup_result_text (dialog));

  collate_export_dialog_set_destination (dialog, second);
  run_export (dialog);
  g_assert_null (collate_export_dialog_get_error (dialog));
  g_assert_true (g_file_test (other, G_FILE_TEST_IS_DIR));

  /* Escape and the close button run the window's close action */
  g_weak_ref_init (&weak, dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  spin ();
  g_assert_null (g_weak_ref_get (&weak));
  g_weak_ref_clear (&weak);
  gtk_window_destroy (parent);
  spin ();
}

/* Unticked labels are left out; options the widgets cannot mean are refused */
static void
test_export_options (void)
{
  g_autoptr(CollateProject) project = sample_project ();
  GtkWindow *parent = parent_window ();
  CollateExportDialog *dialog = collate_export_dialog_new (parent, project, NULL);
  g_autofree char *path = tmp_path ("no-people.csv");
  g_autoptr(GFile) destination = g_file_new_for_path (path);
  g_autoptr(CollateExportOptions) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  const char *const *labels;

  g_assert_true (collate_export_dialog_set_format (dialog, "csv"));
  collate_export_dialog_set_destination (dialog, destination);

  /* everything ticked: no filter */
  options = collate_export_dialog_dup_options (dialog, &error);
  g_assert_no_error (error);
  g_assert_null (collate_export_options_get_labels (options));
  g_clear_object (&options);

  g_assert_true (collate_export_dialog_set_label_active (dialog, "Person", FALSE));
  g_assert_false (collate_export_dialog_set_label_active (dialog, "No such label", FALSE));
  options = collate_export_dialog_dup_options (dialog, &error);
  g_assert_no_error (error);
  labels = collate_export_options_get_labels (options);
  g_assert_nonnull (labels);
  g_assert_true (g_strv_contains (labels, "Quantity"));
  g_assert_true (g_strv_contains (labels, "Contradicts"));
  g_assert_false (g_strv_contains (labels, "Person"));
  g_clear_object (&options);

  run_export (dialog);
  g_assert_null (collate_export_dialog_get_error (dialog));
  g_assert_cmpuint (collate_export_report_get_n_spans (collate_export_dialog_get_report (dialog)),
                    ==, 4);
  /* the Same entity link joined two people: left out with them */
  g_assert_cmpuint (collate_export_report_get_n_links (collate_export_dialog_get_report (dialog)),
                    ==, 1);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "Donald Trump"));
  g_assert_nonnull (strstr (contents, "over four hours"));

  /* no link label ticked: spans only, no links at all */
  {
    const char *links[] = { "Contradicts", "Corroborates", "Same entity" };

    for (guint i = 0; i < G_N_ELEMENTS (links); i++)
      g_assert_true (collate_export_dialog_set_label_active (dialog, links[i], FALSE));
  }
  options = collate_export_dialog_dup_options (dialog, &error);
  g_assert_no_error (error);
  g_assert_false (collate_export_options_get_links (options));
  g_clear_object (&options);
  run_export (dialog);
  g_assert_null (collate_export_dialog_get_error (dialog));
  g_assert_cmpuint (collate_export_report_get_n_spans (collate_export_dialog_get_report (dialog)),
                    ==, 4);
  g_assert_cmpuint (collate_export_report_get_n_links (collate_export_dialog_get_report (dialog)),
                    ==, 0);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, ",link,"));
  g_assert_nonnull (strstr (contents, "over four hours"));

  /* no span label at all cannot be exported */
  {
    const char *spans[] = { "Claim", "Organization", "Location", "Time", "Quantity" };

    for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
      g_assert_true (collate_export_dialog_set_label_active (dialog, spans[i], FALSE));
  }
  options = collate_export_dialog_dup_options (dialog, &error);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
  g_assert_null (options);
  g_clear_error (&error);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (parent);
  spin ();
}

static void
assert_destination_name (CollateExportDialog *dialog,
                         GFile               *folder,
                         const char          *name)
{
  GFile *destination = collate_export_dialog_get_destination (dialog);
  g_autoptr(GFile) parent = NULL;
  g_autofree char *base = NULL;

  g_assert_nonnull (destination);
  parent = g_file_get_parent (destination);
  base = g_file_get_basename (destination);
  g_assert_true (g_file_equal (parent, folder));
  g_assert_cmpstr (base, ==, name);
}

/* A project saved somewhere gets a destination suggested beside it, which
 * follows the format until one is chosen */
static void
test_export_suggestion (void)
{
  g_autoptr(CollateProject) project = sample_project ();
  GtkWindow *parent = parent_window ();
  g_autofree char *project_path = tmp_path ("talks.collate.json");
  g_autoptr(GFile) project_file = g_file_new_for_path (project_path);
  CollateExportDialog *dialog = collate_export_dialog_new (parent, project, project_file);
  g_autoptr(GFile) folder = g_file_new_for_path (tmp_dir);
  g_autoptr(GFile) chosen = NULL;
  g_autofree char *jsonl_name = collate_export_suggest_name (project, "jsonl", FALSE);
  g_autofree char *brat_name = collate_export_suggest_name (project, "brat", FALSE);
  g_autoptr(GFile) expected_jsonl = g_file_get_child (folder, jsonl_name);
  g_autoptr(GFile) expected_brat = g_file_get_child (folder, brat_name);

  g_assert_true (collate_export_dialog_set_format (dialog, "jsonl"));
  g_assert_nonnull (collate_export_dialog_get_destination (dialog));
  g_assert_true (g_file_equal (collate_export_dialog_get_destination (dialog), expected_jsonl));
  g_assert_true (collate_export_dialog_set_format (dialog, "brat"));
  g_assert_true (g_file_equal (collate_export_dialog_get_destination (dialog), expected_brat));

  /* chosen by the person: the folder and name are kept across format
   * changes, the extension follows the format */
  chosen = g_file_get_child (folder, "mine.jsonl");
  collate_export_dialog_set_destination (dialog, chosen);
  g_assert_true (g_file_equal (collate_export_dialog_get_destination (dialog), chosen));
  g_assert_true (collate_export_dialog_set_format (dialog, "w3c"));
  assert_destination_name (dialog, folder, "mine.jsonld");
  g_assert_true (collate_export_dialog_set_format (dialog, "label-studio"));
  assert_destination_name (dialog, folder, "mine");
  g_assert_true (collate_export_dialog_set_format (dialog, "csv"));
  assert_destination_name (dialog, folder, "mine.csv");
  /* NLI pairs are JSON Lines too: a name of their own, and back */
  g_assert_true (collate_export_dialog_set_format (dialog, "nli"));
  assert_destination_name (dialog, folder, "mine-nli.jsonl");
  g_assert_true (collate_export_dialog_set_format (dialog, "jsonl"));
  assert_destination_name (dialog, folder, "mine.jsonl");

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (parent);
  spin ();
}

/* NLI is suggested a name apart from JSON Lines; the summary counts the
 * pairs; the next export of the same project starts from the last one's
 * format, options and destination, another project's does not */
static void
test_export_remembers (void)
{
  g_autoptr(CollateProject) project = sample_project ();
  GtkWindow *parent = parent_window ();
  g_autofree char *project_path = tmp_path ("remembered.collate.json");
  g_autofree char *other_path = tmp_path ("other.collate.json");
  g_autofree char *out_path = tmp_path ("pairs-for-training.jsonl");
  g_autoptr(GFile) project_file = g_file_new_for_path (project_path);
  g_autoptr(GFile) other_file = g_file_new_for_path (other_path);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(GFile) folder = g_file_new_for_path (tmp_dir);
  g_autofree char *jsonl_name = collate_export_suggest_name (project, "jsonl", FALSE);
  g_autofree char *nli_name = collate_export_suggest_name (project, "nli", FALSE);
  g_autofree char *shown = NULL;
  g_autofree char *state = NULL;
  CollateExportDialog *dialog = collate_export_dialog_new (parent, project, project_file);
  g_autoptr(CollateExportOptions) options = NULL;

  g_assert_cmpstr (nli_name, !=, jsonl_name);
  g_assert_true (collate_export_dialog_set_format (dialog, "nli"));
  assert_destination_name (dialog, folder, nli_name);

  collate_export_dialog_set_destination (dialog, out);
  g_assert_true (collate_export_dialog_set_label_active (dialog, "Location", FALSE));
  run_export (dialog);
  g_assert_null (collate_export_dialog_get_error (dialog));
  shown = collate_export_dialog_dup_result_text (dialog);
  g_test_message ("%s", shown);
  g_assert_nonnull (strstr (shown, "Exported 2 pairs from 2 links."));
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin ();

  /* kept in the user's state, not in the project */
  state = g_build_filename (g_get_user_state_dir (), "collate", "export.ini", NULL);
  g_assert_true (g_file_test (state, G_FILE_TEST_IS_REGULAR));

  dialog = collate_export_dialog_new (parent, project, project_file);
  g_assert_cmpstr (collate_export_dialog_get_format (dialog), ==, "nli");
  g_assert_true (g_file_equal (collate_export_dialog_get_destination (dialog), out));
  options = collate_export_dialog_dup_options (dialog, NULL);
  g_assert_nonnull (options);
  g_assert_false (g_strv_contains (collate_export_options_get_labels (options), "Location"));
  g_assert_true (g_strv_contains (collate_export_options_get_labels (options), "Person"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  dialog = collate_export_dialog_new (parent, project, other_file);
  g_assert_cmpstr (collate_export_dialog_get_format (dialog), !=, "nli");
  g_clear_object (&options);
  options = collate_export_dialog_dup_options (dialog, NULL);
  g_assert_null (collate_export_options_get_labels (options));
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (parent);
  spin ();
}

/* label-studio offers one task per pair of documents, and only it */
static void
test_export_pairs (void)
{
  g_autoptr(CollateProject) project = sample_project ();
  GtkWindow *parent = parent_window ();
  CollateExportDialog *dialog = collate_export_dialog_new (parent, project, NULL);
  g_autofree char *folder = tmp_path ("pairs");
  g_autoptr(GFile) destination = g_file_new_for_path (folder);
  g_autoptr(CollateExportOptions) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tasks = NULL;
  g_autofree char *tasks_path = g_build_filename (folder, "tasks.json", NULL);
  GtkWidget *widget;
  GtkCheckButton *pairs = NULL;
  GQueue queue = G_QUEUE_INIT;

  g_queue_push_tail (&queue, GTK_WIDGET (dialog));
  while ((widget = g_queue_pop_head (&queue)) != NULL)
    {
      if (GTK_IS_CHECK_BUTTON (widget) &&
          gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)) != NULL &&
          strstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), "pair of documents"))
        pairs = GTK_CHECK_BUTTON (widget);
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
           child = gtk_widget_get_next_sibling (child))
        g_queue_push_tail (&queue, child);
    }
  g_assert_nonnull (pairs);

  g_assert_true (collate_export_dialog_set_format (dialog, "jsonl"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (pairs)));
  g_assert_true (collate_export_dialog_set_format (dialog, "label-studio"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (pairs)));
  options = collate_export_dialog_dup_options (dialog, &error);
  g_assert_no_error (error);
  g_assert_false (collate_export_options_get_pairs (options));
  g_clear_object (&options);

  gtk_check_button_set_active (pairs, TRUE);
  options = collate_export_dialog_dup_options (dialog, &error);
  g_assert_no_error (error);
  g_assert_true (collate_export_options_get_pairs (options));

  collate_export_dialog_set_destination (dialog, destination);
  run_export (dialog);
  g_assert_null (collate_export_dialog_get_error (dialog));
  g_assert_true (g_file_get_contents (tasks_path, &tasks, NULL, NULL));
  /* the sample's two reports: one task with both texts and the link across */
  g_assert_nonnull (strstr (tasks, "\"text_a\""));
  g_assert_nonnull (strstr (tasks, "\"text_b\""));
  g_assert_nonnull (strstr (tasks, "\"type\":\"relation\""));
  g_assert_null (strstr (tasks, "\"id\":2,"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (parent);
  spin ();
}

/* Export a Report…: the name the file chooser offers */
static void
test_report_name (void)
{
  static const struct { const char *file; const char *title; const char *name; } cases[] = {
    { "/w/talks.collate.json", "Talks", "talks.html" },
    { "/w/talks.json", NULL, "talks.html" },
    { "/w/notes.txt", NULL, "notes.txt.html" },
    { NULL, "Witkoff in St. Petersburg: two reports", "Witkoff in St. Petersburg two reports.html" },
    { NULL, "a/b\\c:*?\"<>|\n", "abc.html" },
    { NULL, "..", "report.html" },
    { NULL, "", "report.html" },
    { NULL, NULL, "report.html" },
    { "/w/.collate.json", "Hidden", "Hidden.html" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = cases[i].file ? g_file_new_for_path (cases[i].file) : NULL;
      g_autofree char *name = collate_window_suggest_report_name (file, cases[i].title);

      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

/* What a screen reader reads for the span at the caret */
static void
test_accessible_spans (void)
{
  g_autoptr(CollateProject) project = sample_project ();
  GListModel *spans = collate_project_get_annotations (project);
  g_autoptr(GError) error = NULL;
  CollateAnnotation *meeting1 = NULL, *meeting2 = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *noted = NULL;
  g_autofree char *none = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (spans); i++)
    {
      g_autoptr(CollateAnnotation) a = g_list_model_get_item (spans, i);

      if (g_str_equal (collate_annotation_get_text (a), "four-and-a-half-hour meeting"))
        meeting1 = a;
      else if (g_str_equal (collate_annotation_get_text (a), "over four hours"))
        meeting2 = a;
    }
  g_assert_nonnull (meeting1);
  g_assert_nonnull (meeting2);

  from = collate_accessible_describe_spans_at (project, "d1", collate_annotation_get_start (meeting1) + 3);
  g_assert_cmpstr (from, ==, "Quantity: “four-and-a-half-hour meeting”; Contradicts “over four hours”");
  to = collate_accessible_describe_spans_at (project, "d2", collate_annotation_get_end (meeting2) - 1);
  g_assert_cmpstr (to, ==, "Quantity: “over four hours”; linked from “four-and-a-half-hour meeting” (Contradicts)");
  none = collate_accessible_describe_spans_at (project, "d2", 0);
  g_assert_null (none);

  {
    /* a new note replaces the (immutable) span */
    g_autofree char *id = g_strdup (collate_annotation_get_id (meeting2));
    guint start = collate_annotation_get_start (meeting2);

    g_assert_true (collate_project_set_annotation_note (project, id, "rounded\ndown", &error));
    g_assert_no_error (error);
    noted = collate_accessible_describe_spans_at (project, "d2", start);
  }
  g_assert_nonnull (strstr (noted, "; note: rounded"));
  /* a line break in a note is shown, not obeyed */
  g_assert_null (strchr (noted, '\n'));
}

/* A split writes a folder of parts; percentages not adding up are refused */
static void
test_export_split (void)
{
  g_autoptr(CollateProject) project = sample_project ();
  GtkWindow *parent = parent_window ();
  CollateExportDialog *dialog = collate_export_dialog_new (parent, project, NULL);
  g_autofree char *folder = tmp_path ("split");
  g_autoptr(GFile) destination = g_file_new_for_path (folder);
  g_autoptr(CollateExportOptions) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  GtkWidget *widget;
  GtkCheckButton *split = NULL;
  GPtrArray *spins = g_ptr_array_new ();
  GQueue queue = G_QUEUE_INIT;
  guint train, dev, test;

  g_assert_true (collate_export_dialog_set_format (dialog, "jsonl"));
  collate_export_dialog_set_destination (dialog, destination);

  g_queue_push_tail (&queue, GTK_WIDGET (dialog));
  while ((widget = g_queue_pop_head (&queue)) != NULL)
    {
      if (GTK_IS_CHECK_BUTTON (widget) &&
          gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)) != NULL &&
          strstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), "train, dev"))
        split = GTK_CHECK_BUTTON (widget);
      if (GTK_IS_SPIN_BUTTON (widget))
        g_ptr_array_add (spins, widget);
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
           child = gtk_widget_get_next_sibling (child))
        g_queue_push_tail (&queue, child);
    }
  g_assert_nonnull (split);
  g_assert_cmpuint (spins->len, ==, 4);  /* train, dev, test, seed */
  gtk_check_button_set_active (split, TRUE);

  gtk_spin_button_set_value (spins->pdata[0], 90);
  options = collate_export_dialog_dup_options (dialog, &error);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
  g_assert_null (options);
  g_clear_error (&error);

  gtk_spin_button_set_value (spins->pdata[0], 50);
  gtk_spin_button_set_value (spins->pdata[1], 50);
  gtk_spin_button_set_value (spins->pdata[2], 0);
  options = collate_export_dialog_dup_options (dialog, &error);
  g_assert_no_error (error);
  collate_export_options_get_split (options, &train, &dev, &test);
  g_assert_cmpuint (train, ==, 50);
  g_assert_cmpuint (dev, ==, 50);
  g_assert_cmpuint (test, ==, 0);

  run_export (dialog);
  g_assert_null (collate_export_dialog_get_error (dialog));
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  shown = collate_export_dialog_dup_result_text (dialog);
  g_assert_nonnull (strstr (shown, "train"));
  g_assert_nonnull (strstr (shown, "dev"));

  g_ptr_array_unref (spins);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (parent);
  spin ();
}

/* A cancelled export writes nothing and returns to the options */
static void
test_export_cancel (void)
{
  g_autoptr(CollateProject) project = sample_project ();
  GtkWindow *parent = parent_window ();
  CollateExportDialog *dialog = collate_export_dialog_new (parent, project, NULL);
  g_autofree char *path = tmp_path ("cancelled.jsonl");
  g_autoptr(GFile) destination = g_file_new_for_path (path);
  guint finished = 0;
  const GError *error;

  g_assert_true (collate_export_dialog_set_format (dialog, "jsonl"));
  collate_export_dialog_set_destination (dialog, destination);
  g_signal_connect_swapped (dialog, "finished", G_CALLBACK (count_cb), &finished);
  collate_export_dialog_start (dialog);
  collate_export_dialog_cancel (dialog);
  WAIT_UNTIL (finished > 0);

  error = collate_export_dialog_get_error (dialog);
  if (error != NULL)
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      /* back on the options, not showing a failure */
      g_assert_null (collate_export_dialog_dup_result_text (dialog));
    }
  else
    {
      g_autofree char *shown = collate_export_dialog_dup_result_text (dialog);

      /* the worker finished before it saw the cancellation: the dialog
       * says what was written */
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      g_assert_nonnull (shown);
      g_assert_nonnull (strstr (shown, "cancelled.jsonl"));
    }

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (parent);
  spin ();
}

/* Closing the dialog while an export runs neither crashes nor leaves a
 * half-written file */
static void
test_export_close_while_running (void)
{
  g_autoptr(CollateProject) project = sample_project ();
  GtkWindow *parent = parent_window ();
  CollateExportDialog *dialog = collate_export_dialog_new (parent, project, NULL);
  g_autofree char *path = tmp_path ("closed.w3c.jsonld");
  g_autoptr(GFile) destination = g_file_new_for_path (path);
  guint finished = 0;

  g_object_ref (dialog);
  g_assert_true (collate_export_dialog_set_format (dialog, "w3c"));
  collate_export_dialog_set_destination (dialog, destination);
  g_signal_connect_swapped (dialog, "finished", G_CALLBACK (count_cb), &finished);
  gtk_window_present (GTK_WINDOW (dialog));
  collate_export_dialog_start (dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  WAIT_UNTIL (finished > 0);
  if (collate_export_dialog_get_error (dialog) != NULL)
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_object_unref (dialog);
  gtk_window_destroy (parent);
  spin ();
}

/* ── Import ── */

typedef struct
{
  guint           n_calls;
  CollateProject *project;
} Opened;

static void
opened_cb (CollateProject *project,
           gpointer        user_data)
{
  Opened *opened = user_data;

  opened->n_calls++;
  g_set_object (&opened->project, project);
}

/* Runs the dialog's import and waits for "finished" */
static void
run_import (CollateImportDialog *dialog)
{
  guint finished = 0;

  /* held: a successful import closes the dialog */
  g_object_ref (dialog);
  g_signal_connect_swapped (dialog, "finished", G_CALLBACK (count_cb), &finished);
  collate_import_dialog_start (dialog);
  g_assert_true (collate_import_dialog_is_running (dialog));
  WAIT_UNTIL (finished > 0);
  g_assert_cmpuint (finished, ==, 1);
  g_assert_false (collate_import_dialog_is_running (dialog));
  g_signal_handlers_disconnect_by_data (dialog, &finished);
  g_object_unref (dialog);
}

static void
assert_same_spans (CollateProject *a,
                   CollateProject *b)
{
  GListModel *sa = collate_project_get_annotations (a);
  GListModel *sb = collate_project_get_annotations (b);

  g_assert_cmpuint (g_list_model_get_n_items (sa), ==, g_list_model_get_n_items (sb));
  for (guint i = 0; i < g_list_model_get_n_items (sa); i++)
    {
      g_autoptr(CollateAnnotation) x = g_list_model_get_item (sa, i);
      g_autoptr(CollateAnnotation) y = g_list_model_get_item (sb, i);

      g_assert_cmpuint (collate_annotation_get_start (x), ==, collate_annotation_get_start (y));
      g_assert_cmpuint (collate_annotation_get_end (x), ==, collate_annotation_get_end (y));
      g_assert_cmpstr (collate_annotation_get_label (x), ==, collate_annotation_get_label (y));
      g_assert_cmpstr (collate_annotation_get_text (x), ==, collate_annotation_get_text (y));
    }
}

/* Every widget under @root that is of @type, depth first */
static GPtrArray *
find_widgets (GtkWidget *root,
              GType      type)
{
  GPtrArray *found = g_ptr_array_new ();
  GQueue queue = G_QUEUE_INIT;
  GtkWidget *widget;

  g_queue_push_tail (&queue, root);
  while ((widget = g_queue_pop_head (&queue)) != NULL)
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
        g_ptr_array_add (found, widget);
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
           child = gtk_widget_get_next_sibling (child))
        g_queue_push_tail (&queue, child);
    }
  return found;
}

/* The shortcuts window fits a screen of 800 × 600 (so one of 1366 × 768),
 * every section of it */
static void
test_shortcuts_window_fits (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/org/collate/Collate/gtk/help-overlay.ui");
  GtkWidget *window = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GPtrArray) shortcuts = NULL;
  int width, height;

  g_assert_nonnull (window);
  gtk_window_present (GTK_WINDOW (window));
  spin ();
  WAIT_UNTIL (gtk_widget_get_mapped (window) && gtk_widget_get_width (window) > 0);
  sections = find_widgets (window, GTK_TYPE_SHORTCUTS_SECTION);
  g_assert_cmpuint (sections->len, >=, 2);
  /* none lost in the split (the search page has copies: not counted) */
  shortcuts = g_ptr_array_new ();
  for (guint i = 0; i < sections->len; i++)
    {
      g_autoptr(GPtrArray) some = find_widgets (sections->pdata[i], GTK_TYPE_SHORTCUTS_SHORTCUT);

      g_ptr_array_extend (shortcuts, some, NULL, NULL);
    }
  {
    /* as many as the file defines */
    g_autoptr(GBytes) ui = g_resources_lookup_data ("/org/collate/Collate/gtk/help-overlay.ui",
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
    const char *p = g_bytes_get_data (ui, NULL);
    guint defined = 0;

    while ((p = strstr (p, "class=\"GtkShortcutsShortcut\"")) != NULL)
      defined++, p++;
    g_assert_cmpuint (defined, >=, 30);
    g_assert_cmpuint (shortcuts->len, ==, defined);
  }
  for (guint i = 0; i < sections->len; i++)
    {
      {
        g_autofree char *name = NULL;

        g_object_get (sections->pdata[i], "section-name", &name, NULL);
        g_object_set (window, "section-name", name, NULL);
      }
      spin ();
      gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
      gtk_widget_measure (window, GTK_ORIENTATION_VERTICAL, width, NULL, &height, NULL, NULL);
      g_test_message ("section %u: %d × %d", i, width, height);
      g_assert_cmpint (width, <=, 800);
      g_assert_cmpint (height, <=, 600);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

/* The import dialog's formats are all on show, with their descriptions,
 * in a dialog that fits a screen of 800 × 600: no popup list to clip */
static void
test_import_formats_shown (void)
{
  GtkWindow *parent = parent_window ();
  CollateImportDialog *dialog = collate_import_dialog_new (parent, NULL, NULL);
  g_autoptr(GPtrArray) drop_downs = find_widgets (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN);
  g_autoptr(GPtrArray) checks = find_widgets (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON);
  g_autoptr(GPtrArray) labels = find_widgets (GTK_WIDGET (dialog), GTK_TYPE_LABEL);
  const char *const *formats = collate_import_list_formats ();
  guint n_formats = g_strv_length ((char **) formats);
  guint n_described = 0;
  int width, height;

  gtk_window_present (GTK_WINDOW (dialog));
  spin ();
  g_assert_cmpuint (drop_downs->len, ==, 0);
  g_assert_cmpuint (checks->len, >=, n_formats);
  for (guint i = 0; formats[i]; i++)
    {
      const CollateExportFormat *format = collate_export_lookup_format (formats[i]);

      for (guint j = 0; j < labels->len; j++)
        if (g_strcmp0 (gtk_label_get_label (labels->pdata[j]), format->description) == 0
            && gtk_widget_get_mapped (labels->pdata[j]))
          n_described++;
    }
  g_assert_cmpuint (n_described, ==, n_formats);

  /* picked by a click, as a person would: the second format */
  g_assert_cmpstr (collate_import_dialog_get_format (dialog), ==, formats[0]);
  gtk_widget_activate (checks->pdata[1]);
  spin ();
  g_assert_cmpstr (collate_import_dialog_get_format (dialog), ==, formats[1]);

  gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_VERTICAL, width, NULL, &height, NULL, NULL);
  g_test_message ("import dialog: %d × %d", width, height);
  g_assert_cmpint (width, <=, 800);
  g_assert_cmpint (height, <=, 600);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (parent);
  spin ();
}

/* The export dialog's formats are all on show as radio buttons (the last,
 * CSV, too, with no popup list to scroll), a click picks one, and the
 * dialog opens no taller than its monitor leaves room for */
static void
test_export_formats_shown (void)
{
  g_autoptr(CollateProject) project = sample_project ();
  GtkWindow *parent = parent_window ();
  CollateExportDialog *dialog = collate_export_dialog_new (parent, project, NULL);
  g_autoptr(GPtrArray) checks = find_widgets (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON);
  const CollateExportFormat *const *formats = collate_export_list_formats ();
  g_autoptr(GPtrArray) format_buttons = g_ptr_array_new ();
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  GdkRectangle area;
  guint n_formats = 0;
  int width = 0, height = 0;

  gtk_window_present (GTK_WINDOW (dialog));
  spin ();
  while (formats[n_formats])
    n_formats++;
  for (guint i = 0; formats[i]; i++)
    for (guint j = 0; j < checks->len; j++)
      if (g_strcmp0 (gtk_check_button_get_label (checks->pdata[j]), formats[i]->title) == 0
          && gtk_widget_get_mapped (checks->pdata[j]))
        g_ptr_array_add (format_buttons, checks->pdata[j]);
  g_assert_cmpuint (format_buttons->len, ==, n_formats);

  /* the last format, by a click, and its description below */
  gtk_widget_activate (format_buttons->pdata[format_buttons->len - 1]);
  spin ();
  g_assert_cmpstr (collate_export_dialog_get_format (dialog), ==, formats[format_buttons->len - 1]->name);
  gtk_widget_activate (format_buttons->pdata[0]);
  spin ();
  g_assert_cmpstr (collate_export_dialog_get_format (dialog), ==, formats[0]->name);

  gdk_monitor_get_geometry (monitor, &area);
  gtk_window_get_default_size (GTK_WINDOW (dialog), &width, &height);
  g_test_message ("export dialog: default height %d on a monitor %d high", height, area.height);
  g_assert_cmpint (height, <=, area.height - 80);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (parent);
  spin ();
}

static void
test_import_jsonl (void)
{
  g_autoptr(CollateProject) project = sample_project ();
  g_autoptr(CollateExportOptions) options = collate_export_options_new ("jsonl");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = collate_export_to_bytes (project, options, NULL, NULL, &error);
  g_autofree char *path = tmp_path ("import-me.jsonl");
  g_autoptr(GFile) input = g_file_new_for_path (path);
  GtkWindow *parent = parent_window ();
  Opened opened = { 0, NULL };
  CollateImportDialog *dialog = collate_import_dialog_new (parent, opened_cb, &opened);
  GWeakRef weak;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);

  g_weak_ref_init (&weak, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_false (collate_import_dialog_set_format (dialog, "csv"));
  g_assert_true (collate_import_dialog_set_format (dialog, "jsonl"));
  g_assert_cmpstr (collate_import_dialog_get_format (dialog), ==, "jsonl");
  collate_import_dialog_set_inputs (dialog, &input, 1);
  run_import (dialog);

  g_assert_cmpuint (opened.n_calls, ==, 1);
  g_assert_nonnull (opened.project);
  g_assert_cmpuint (collate_project_get_n_documents (opened.project), ==, 2);
  g_assert_cmpuint (collate_project_get_n_links (opened.project), ==, 2);
  assert_same_spans (project, opened.project);
  /* no warnings: the dialog closed itself */
  spin ();
  g_assert_null (g_weak_ref_get (&weak));
  g_weak_ref_clear (&weak);

  g_clear_object (&opened.project);
  gtk_window_destroy (parent);
  spin ();
}

static void
test_import_brat (void)
{
  g_autoptr(CollateProject) project = sample_project ();
  g_autoptr(CollateExportOptions) options = collate_export_options_new ("brat");
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = tmp_path ("import-brat");
  g_autoptr(GFile) destination = g_file_new_for_path (folder);
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDir) dir = NULL;
  GtkWindow *parent = parent_window ();
  Opened opened = { 0, NULL };
  CollateImportDialog *dialog = collate_import_dialog_new (parent, opened_cb, &opened);
  const char *name;

  g_assert_true (collate_export_to_file (project, options, destination, NULL, NULL, NULL,
                                         NULL, &error));
  g_assert_no_error (error);
  dir = g_dir_open (folder, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (inputs, g_file_get_child (destination, name));
  g_assert_cmpuint (inputs->len, ==, 2);

  g_assert_true (collate_import_dialog_set_format (dialog, "brat"));
  collate_import_dialog_set_inputs (dialog, (GFile *const *) inputs->pdata, inputs->len);
  g_object_ref (dialog);
  run_import (dialog);
  g_assert_null (collate_import_dialog_get_error (dialog));
  g_assert_cmpuint (opened.n_calls, ==, 1);
  g_assert_nonnull (opened.project);
  g_assert_cmpuint (collate_project_get_n_annotations (opened.project), ==, 6);
  /* the link inside a document comes back; the one across is brat's loss */
  g_assert_cmpuint (collate_project_get_n_links (opened.project), ==, 1);
  g_object_unref (dialog);
  g_clear_object (&opened.project);

  /* the folder itself, as dropped on the dialog */
  dialog = collate_import_dialog_new (parent, opened_cb, &opened);
  g_assert_true (collate_import_dialog_set_format (dialog, "brat"));
  collate_import_dialog_set_inputs (dialog, &destination, 1);
  run_import (dialog);
  g_assert_cmpuint (opened.n_calls, ==, 2);
  g_assert_nonnull (opened.project);
  g_assert_cmpuint (collate_project_get_n_documents (opened.project), ==, 2);
  assert_same_spans (project, opened.project);

  g_clear_object (&opened.project);
  gtk_window_destroy (parent);
  spin ();
}

/* A malformed input: the error names the line, the dialog stays open on
 * the options and @opened is not called */
static void
test_import_malformed (void)
{
  const char *bad =
    "{\"text\": \"Trump to Russia\", \"spans\": [{\"start\": 0, \"end\": 5, \"label\": \"Person\"}]}\n"
    "{\"text\": \"short\", \"spans\": [{\"start\": 2, \"end\": 99, \"label\": \"Claim\"}]}\n";
  g_autofree char *path = tmp_path ("bad.jsonl");
  g_autoptr(GFile) input = g_file_new_for_path (path);
  GtkWindow *parent = parent_window ();
  Opened opened = { 0, NULL };
  CollateImportDialog *dialog = collate_import_dialog_new (parent, opened_cb, &opened);
  g_autofree char *shown = NULL;
  const GError *error;

  g_assert_true (g_file_set_contents (path, bad, -1, NULL));
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (collate_import_dialog_set_format (dialog, "jsonl"));
  g_assert_null (collate_import_dialog_dup_status_text (dialog));
  collate_import_dialog_set_inputs (dialog, &input, 1);
  run_import (dialog);

  error = collate_import_dialog_get_error (dialog);
  g_assert_nonnull (error);
  g_assert_true (error->domain == COLLATE_ERROR);
  g_assert_nonnull (strstr (error->message, "2"));
  g_assert_cmpuint (opened.n_calls, ==, 0);
  shown = collate_import_dialog_dup_status_text (dialog);
  g_assert_cmpstr (shown, ==, error->message);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  /* a file that does not exist is an error too, not a crash */
  {
    g_autofree char *missing = tmp_path ("missing.jsonl");
    g_autoptr(GFile) gone = g_file_new_for_path (missing);

    collate_import_dialog_set_inputs (dialog, &gone, 1);
    g_assert_null (collate_import_dialog_dup_status_text (dialog));
    run_import (dialog);
    g_assert_nonnull (collate_import_dialog_get_error (dialog));
    g_assert_cmpuint (opened.n_calls, ==, 0);
  }

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (parent);
  spin ();
}

/* What Collate could not take in is listed after the project is opened,
 * and the dialog stays until closed */
static void
test_import_warnings (void)
{
  const char *data =
    "{\"text\": \"Trump met Putin.\", \"label\": \"POLITICS\", "
    "\"spans\": [{\"start\": 0, \"end\": 5, \"label\": \"Person\"}]}\n";
  g_autofree char *path = tmp_path ("labelled.jsonl");
  g_autoptr(GFile) input = g_file_new_for_path (path);
  GtkWindow *parent = parent_window ();
  Opened opened = { 0, NULL };
  CollateImportDialog *dialog = collate_import_dialog_new (parent, opened_cb, &opened);
  g_autofree char *shown = NULL;
  GWeakRef weak;

  g_assert_true (g_file_set_contents (path, data, -1, NULL));
  g_weak_ref_init (&weak, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (collate_import_dialog_set_format (dialog, "jsonl"));
  collate_import_dialog_set_inputs (dialog, &input, 1);
  run_import (dialog);

  g_assert_cmpuint (opened.n_calls, ==, 1);
  g_assert_cmpuint (collate_project_get_n_annotations (opened.project), ==, 1);
  spin ();
  {
    g_autoptr(CollateImportDialog) still = g_weak_ref_get (&weak);

    g_assert_nonnull (still);
    shown = collate_import_dialog_dup_status_text (still);
    g_assert_nonnull (shown);
    g_assert_nonnull (strstr (shown, ": 1"));
    g_assert_nonnull (find_button (GTK_WIDGET (still), "C_lose"));
    g_signal_emit_by_name (find_button (GTK_WIDGET (still), "C_lose"), "clicked");
  }
  spin ();
  g_assert_null (g_weak_ref_get (&weak));
  g_weak_ref_clear (&weak);

  g_clear_object (&opened.project);
  gtk_window_destroy (parent);
  spin ();
}

/* Closing the dialog while an import runs: @opened is never called */
static void
test_import_close_while_running (void)
{
  g_autoptr(CollateProject) project = sample_project ();
  g_autoptr(CollateExportOptions) options = collate_export_options_new ("jsonl");
  g_autoptr(GBytes) bytes = collate_export_to_bytes (project, options, NULL, NULL, NULL);
  g_autofree char *path = tmp_path ("closing.jsonl");
  g_autoptr(GFile) input = g_file_new_for_path (path);
  GtkWindow *parent = parent_window ();
  Opened opened = { 0, NULL };
  CollateImportDialog *dialog = collate_import_dialog_new (parent, opened_cb, &opened);
  guint finished = 0;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), NULL));
  g_object_ref (dialog);
  g_signal_connect_swapped (dialog, "finished", G_CALLBACK (count_cb), &finished);
  collate_import_dialog_set_inputs (dialog, &input, 1);
  collate_import_dialog_start (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  WAIT_UNTIL (finished > 0);
  g_assert_cmpuint (opened.n_calls, ==, 0);
  g_object_unref (dialog);

  gtk_window_destroy (parent);
  spin ();
}

/* With G_TEST_OPTION_ISOLATE_DIRS the system data dirs (and with them the
 * MIME database that tells gdk-pixbuf an SVG is one) are out of reach, so
 * GTK cannot load its symbolic icons here.  That warning is not the
 * dialogs' doing: it is printed, not fatal.  Every other message goes to
 * the default writer, which keeps warnings fatal. */
static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN") && fields[i].length < 0)
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
        message = fields[i].value;
    }
  if ((log_level & G_LOG_LEVEL_WARNING) && g_strcmp0 (domain, "Gtk") == 0 &&
      message != NULL && g_str_has_prefix (message, "Failed to load icon "))
    {
      g_test_message ("ignored: %s", message);
      return G_LOG_WRITER_HANDLED;
    }
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_log_set_writer_func (log_writer, NULL, NULL);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();

  tmp_dir = g_dir_make_tmp ("collate-dialogs-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/dialogs/export/jsonl", test_export_jsonl);
  g_test_add_func ("/dialogs/export/brat-warnings", test_export_brat_warnings);
  g_test_add_func ("/dialogs/export/strict-error", test_export_strict_error);
  g_test_add_func ("/dialogs/export/error-and-back", test_export_error_and_back);
  g_test_add_func ("/dialogs/export/options", test_export_options);
  g_test_add_func ("/dialogs/export/formats-shown", test_export_formats_shown);
  g_test_add_func ("/dialogs/export/suggestion", test_export_suggestion);
  g_test_add_func ("/dialogs/export/remembers", test_export_remembers);
  g_test_add_func ("/dialogs/export/split", test_export_split);
  g_test_add_func ("/dialogs/export/pairs", test_export_pairs);
  g_test_add_func ("/dialogs/report/name", test_report_name);
  g_test_add_func ("/dialogs/accessible/spans", test_accessible_spans);
  g_test_add_func ("/dialogs/export/cancel", test_export_cancel);
  g_test_add_func ("/dialogs/export/close-while-running", test_export_close_while_running);
  g_test_add_func ("/dialogs/shortcuts-window-fits", test_shortcuts_window_fits);
  g_test_add_func ("/dialogs/import/formats-shown", test_import_formats_shown);
  g_test_add_func ("/dialogs/import/jsonl", test_import_jsonl);
  g_test_add_func ("/dialogs/import/brat", test_import_brat);
  g_test_add_func ("/dialogs/import/malformed", test_import_malformed);
  g_test_add_func ("/dialogs/import/warnings", test_import_warnings);
  g_test_add_func ("/dialogs/import/close-while-running", test_import_close_while_running);

  status = g_test_run ();

  collate_file_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
