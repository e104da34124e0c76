/* test-labels.c — the label editor, the header's label palette with many
 * labels, the label picker and label drop-downs, in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (run-under-xvfb.sh).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gtk/gtk.h>

#include "collate.h"
#include "collate-application.h"
#include "collate-compat.h"
#include "collate-label-editor.h"
#include "collate-label-palette.h"
#include "collate-window-private.h"
#include "collate-workspace.h"
#include "collate-test-gui.h"

static CollateApplication *app;
static GSettings *settings;

/* Lets the window lay out at its size (several frames) */
static void
settle (void)
{
  for (int i = 0; i < 10; i++)
    {
      spin ();
      g_usleep (G_USEC_PER_SEC / 50);
    }
  spin ();
}

static CollateWindow *
new_sample_window (void)
{
  GFile *files[2] = {
    g_file_new_build_filename (COLLATE_SAMPLES_DIR, "witkoff-putin-report-1.txt", NULL),
    g_file_new_build_filename (COLLATE_SAMPLES_DIR, "witkoff-putin-report-2.txt", NULL),
  };
  CollateWindow *window = collate_window_new (app);

  collate_application_new_from_text_files (app, files, 2, NULL, GTK_WINDOW (window));
  g_object_unref (files[0]);
  g_object_unref (files[1]);
  g_assert_nonnull (collate_window_get_project (window));
  spin ();
  return window;
}

static CollateAnnotation *
add_span (CollateProject *project,
          const char     *phrase,
          const char     *label)
{
  CollateDocument *document = collate_project_get_document (project, 0);
  const char *text = collate_document_get_text (document);
  const char *found = strstr (text, phrase);
  g_autoptr(GError) error = NULL;
  CollateAnnotation *span;
  guint start;

  g_assert_nonnull (found);
  start = collate_document_byte_to_char (document, found - text);
  span = collate_project_add_span (project, collate_document_get_id (document), start,
                                   start + g_utf8_strlen (phrase, -1), label, &error);
  g_assert_no_error (error);
  return span;
}

/* 25 span labels: the defaults and 19 more */
static void
add_many_labels (CollateProject *project)
{
  static const char *names[] = {
    "Event", "Law", "Product", "Money", "Percent", "Nationality", "Facility", "Work of art",
    "Language", "Ordinal", "Weapon", "Vehicle", "Disease", "Source", "Quote", "Hedge",
    "Verdict", "Evidence", "Rumour",
  };
  CollateSchema *schema = collate_project_get_schema (project);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *color = collate_schema_pick_color (schema, COLLATE_LABEL_KIND_SPAN);
      g_autoptr(CollateLabel) label = collate_label_new (names[i], color, NULL, NULL, NULL);
      g_autoptr(GError) error = NULL;

      g_assert_true (collate_project_add_label (project, COLLATE_LABEL_KIND_SPAN, label, -1, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (collate_schema_get_n_labels (schema, COLLATE_LABEL_KIND_SPAN), ==, 25);
}

static graphene_rect_t
bounds_in (GtkWidget *widget,
           GtkWidget *window)
{
  graphene_rect_t rect;

  g_assert_true (gtk_widget_compute_bounds (widget, window, &rect));
  return rect;
}

/* The palette stays left of the title, the title keeps its room, and the
 * window's buttons stay where they are, at @width */
static void
check_header (CollateWindow *window,
              int            width)
{
  GtkWidget *palette = window->palette;
  graphene_rect_t p, t, m;
  int title_natural;

  settle ();
  g_test_message ("window %d, header bar %d", gtk_widget_get_width (GTK_WIDGET (window)),
                  gtk_widget_get_width (gtk_window_get_titlebar (GTK_WINDOW (window))));
  g_assert_cmpint (abs (gtk_widget_get_width (gtk_window_get_titlebar (GTK_WINDOW (window))) - width), <, 40);

  p = bounds_in (palette, GTK_WIDGET (window));
  t = bounds_in (GTK_WIDGET (window->title_label), GTK_WIDGET (window));
  m = bounds_in (GTK_WIDGET (window->primary_menu_button), GTK_WIDGET (window));
  gtk_widget_measure (GTK_WIDGET (window->title_label), GTK_ORIENTATION_HORIZONTAL, -1,
                      NULL, &title_natural, NULL, NULL);
  g_test_message ("at %d px: palette %.0f–%.0f (%u labels shown), title %.0f–%.0f (natural %d), menu %.0f",
                  width, p.origin.x, p.origin.x + p.size.width,
                  collate_label_palette_get_n_shown (COLLATE_LABEL_PALETTE (palette)),
                  t.origin.x, t.origin.x + t.size.width, title_natural, m.origin.x);
  g_assert_true (collate_label_palette_is_folded (COLLATE_LABEL_PALETTE (palette)));
  g_assert_cmpfloat (p.origin.x + p.size.width, <=, t.origin.x);
  g_assert_cmpfloat (t.origin.x + t.size.width, <=, m.origin.x);
  g_assert_cmpfloat (p.origin.x + p.size.width, <=, m.origin.x);
  /* the title is not squeezed to nothing */
  g_assert_cmpfloat (t.size.width, >=, MIN (title_natural, 200));
}

static GtkWidget *
picker_search (CollateWindow *window)
{
  GtkWidget *more = gtk_widget_get_last_child (window->palette);
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (more));

  return gtk_widget_get_first_child (gtk_popover_get_child (popover));
}

/* A window of @width showing the sample reports with 25 labels */
static CollateWindow *
many_labels_window (int width)
{
  CollateWindow *window = new_sample_window ();

  add_many_labels (collate_window_get_project (window));
  gtk_window_set_default_size (GTK_WINDOW (window), width, 700);
  gtk_window_present (GTK_WINDOW (window));
  /* the header is made again with the new labels */
  WAIT_UNTIL (gtk_widget_get_width (window->palette) > 0);
  settle ();
  return window;
}

static void
test_many_labels (void)
{
  CollateWindow *window;
  CollateProject *project;
  CollateWorkspace *workspace;
  GtkTextView *view;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  GtkWidget *search;
  CollateAnnotation *span;

  window = many_labels_window (800);
  check_header (window, 800);
  destroy_all_windows (GTK_APPLICATION (app));

  window = many_labels_window (1200);
  check_header (window, 1200);
  project = collate_window_get_project (window);

  /* labels past the ninth by keyboard: Ctrl+T's picker, typed, Enter */
  workspace = COLLATE_WORKSPACE (collate_window_get_workspace (window));
  view = collate_workspace_get_text_view (workspace, 0);
  buffer = gtk_text_view_get_buffer (view);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, 0);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, 5);
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.label-picker", NULL));
  settle ();
  search = picker_search (window);
  g_assert_true (GTK_IS_SEARCH_ENTRY (search));
  g_assert_true (gtk_widget_has_focus (search) || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), search));
  gtk_editable_set_text (GTK_EDITABLE (search), "RUM");
  settle ();
  g_signal_emit_by_name (search, "activate");
  settle ();
  g_assert_cmpuint (collate_project_get_n_annotations (project), ==, 1);
  span = g_list_model_get_item (collate_project_get_annotations (project), 0);
  g_assert_cmpstr (collate_annotation_get_label (span), ==, "Rumour");
  g_assert_cmpstr (collate_annotation_get_text (span), ==, "Trump");
  g_object_unref (span);
  /* the focus went back to the text */
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (collate_workspace_get_text_view (
    COLLATE_WORKSPACE (collate_window_get_workspace (window)), 0))));

  destroy_all_windows (GTK_APPLICATION (app));
}

static CollateLabelEditor *
open_editor (CollateWindow *window)
{
  CollateLabelEditor *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-labels", NULL));
  spin ();
  editor = g_object_get_data (G_OBJECT (window), "collate-label-editor");
  g_assert_true (COLLATE_IS_LABEL_EDITOR (editor));
  return editor;
}

/* The entries of the editor's row @index of @kind: name, [key,] description */
static GtkWidget *
row_entry (CollateLabelEditor *editor,
           guint               kind,
           int                 index,
           guint               field)
{
  GtkWidget *stack = NULL;
  GtkWidget *w;
  guint found = 0;

  /* find the stack: the window's box's second child */
  w = gtk_window_get_child (GTK_WINDOW (editor));
  stack = gtk_widget_get_next_sibling (gtk_widget_get_first_child (w));
  w = gtk_stack_get_child_by_name (GTK_STACK (stack), kind == COLLATE_LABEL_KIND_SPAN ? "spans" : "links");
  w = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (w));
  if (GTK_IS_VIEWPORT (w))
    w = gtk_viewport_get_child (GTK_VIEWPORT (w));
  w = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (w), index));
  g_assert_nonnull (w);
  for (w = gtk_widget_get_first_child (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (w))); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_ENTRY (w) && found++ == field)
      return w;
  g_assert_not_reached ();
}

static GtkWidget *
last_button (GtkWidget *row_child,
             int        from_end)
{
  GtkWidget *w = gtk_widget_get_last_child (row_child);

  while (from_end-- > 0)
    w = gtk_widget_get_prev_sibling (w);
  return w;
}

static void
test_editor (void)
{
  CollateWindow *window = new_sample_window ();
  CollateProject *project = collate_window_get_project (window);
  CollateSchema *schema = collate_project_get_schema (project);
  CollateLabelEditor *editor;
  GtkWidget *entry;
  CollateAnnotation *span;
  g_autofree char *span_id = NULL;

  gtk_window_present (GTK_WINDOW (window));
  span = add_span (project, "Steve Witkoff", "Person");
  span_id = g_strdup (collate_annotation_get_id (span));
  editor = open_editor (window);
  settle ();

  /* rename: the span follows, the palette shows the new name */
  entry = row_entry (editor, COLLATE_LABEL_KIND_SPAN, 1, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Person");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Human");
  g_signal_emit_by_name (entry, "activate");
  settle ();
  g_assert_nonnull (collate_schema_lookup (schema, COLLATE_LABEL_KIND_SPAN, "Human"));
  g_assert_cmpstr (collate_annotation_get_label (collate_project_lookup_annotation (project, span_id)), ==, "Human");
  {
    GtkWidget *button = gtk_widget_get_next_sibling (gtk_widget_get_first_child (window->palette));
    GtkWidget *text = gtk_widget_get_next_sibling (gtk_widget_get_first_child (gtk_button_get_child (GTK_BUTTON (button))));

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (text)), ==, "Human");
  }

  /* a hotkey already taken: said, and nothing changes */
  entry = row_entry (editor, COLLATE_LABEL_KIND_SPAN, 2, 1);
  gtk_editable_set_text (GTK_EDITABLE (entry), "1");
  g_signal_emit_by_name (entry, "activate");
  settle ();
  g_assert_nonnull (collate_label_editor_get_message (editor));
  g_assert_nonnull (strstr (collate_label_editor_get_message (editor), "already used by \"Claim\""));
  g_assert_cmpstr (collate_label_get_hotkey (collate_schema_lookup (schema, COLLATE_LABEL_KIND_SPAN, "Organization")),
                   ==, "3");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_entry (editor, COLLATE_LABEL_KIND_SPAN, 2, 1))), ==, "3");

  /* describe */
  entry = row_entry (editor, COLLATE_LABEL_KIND_SPAN, 0, 2);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Checkable");
  g_signal_emit_by_name (entry, "activate");
  settle ();
  g_assert_cmpstr (collate_label_get_description (collate_schema_lookup (schema, COLLATE_LABEL_KIND_SPAN, "Claim")),
                   ==, "Checkable");
  g_assert_null (collate_label_editor_get_message (editor));

  /* move Human down: one step; undo with Ctrl+Z's action in the editor */
  {
    GtkWidget *row_box = gtk_widget_get_parent (row_entry (editor, COLLATE_LABEL_KIND_SPAN, 1, 0));

    g_signal_emit_by_name (last_button (row_box, 1), "clicked");
    settle ();
    g_assert_cmpint (collate_schema_index_of (schema, COLLATE_LABEL_KIND_SPAN, "Human"), ==, 2);
    g_assert_true (collate_project_undo (project));
    settle ();
    g_assert_cmpint (collate_schema_index_of (schema, COLLATE_LABEL_KIND_SPAN, "Human"), ==, 1);
  }

  /* deleting a label in use asks; Delete takes its span with it */
  {
    GtkWidget *row_box = gtk_widget_get_parent (row_entry (editor, COLLATE_LABEL_KIND_SPAN, 1, 0));
    GtkWindow *dialog = NULL;
    GList *toplevels;

    g_signal_emit_by_name (last_button (row_box, 0), "clicked");
    settle ();
    g_assert_nonnull (collate_schema_lookup (schema, COLLATE_LABEL_KIND_SPAN, "Human"));
    toplevels = gtk_window_list_toplevels ();
    for (GList *l = toplevels; l; l = l->next)
      if (gtk_window_get_transient_for (l->data) == GTK_WINDOW (editor))
        dialog = l->data;
    g_list_free (toplevels);
    g_assert_nonnull (dialog);
    g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Delete Label");
    /* buttons: Cancel, Delete 1 Span, Relabel */
    {
      GtkWidget *content = gtk_window_get_child (dialog);
      GtkWidget *buttons = gtk_widget_get_last_child (content);
      GtkWidget *delete = gtk_widget_get_next_sibling (gtk_widget_get_first_child (buttons));

      g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (delete)), ==, "_Delete 1 Span");
      g_signal_emit_by_name (delete, "clicked");
    }
    settle ();
    g_assert_null (collate_schema_lookup (schema, COLLATE_LABEL_KIND_SPAN, "Human"));
    g_assert_null (collate_project_lookup_annotation (project, span_id));
    g_assert_true (collate_project_undo (project));
    settle ();
    g_assert_nonnull (collate_project_lookup_annotation (project, span_id));
    g_assert_nonnull (collate_schema_lookup (schema, COLLATE_LABEL_KIND_SPAN, "Human"));
  }

  destroy_all_windows (GTK_APPLICATION (app));
}

static void
test_apply_shipped_set (void)
{
  CollateWindow *window = new_sample_window ();
  CollateProject *project = collate_window_get_project (window);
  g_autoptr(GFile) conll = collate_label_set_find_shipped ("conll");
  g_autofree char *path = g_file_get_path (conll);
  GtkWindow *alert;

  gtk_window_present (GTK_WINDOW (window));
  add_span (project, "Steve Witkoff", "Person");

  /* the set lacks Person, which a span uses: asked, nothing dropped */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.apply-label-set", "s", path));
  settle ();
  alert = collate_window_get_pending_alert (window);
  g_assert_nonnull (alert);
  g_assert_nonnull (collate_schema_lookup (collate_project_get_schema (project), COLLATE_LABEL_KIND_SPAN, "Claim"));
  collate_alert_respond (alert, 1);  /* Keep Them */
  settle ();
  g_assert_nonnull (collate_schema_lookup (collate_project_get_schema (project), COLLATE_LABEL_KIND_SPAN, "PER"));
  g_assert_nonnull (collate_schema_lookup (collate_project_get_schema (project), COLLATE_LABEL_KIND_SPAN, "Person"));
  g_assert_null (collate_schema_lookup (collate_project_get_schema (project), COLLATE_LABEL_KIND_SPAN, "Claim"));
  g_assert_cmpuint (collate_project_get_n_annotations (project), ==, 1);

  destroy_all_windows (GTK_APPLICATION (app));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp_dir = NULL;
  int ret;

  /* Icons are recognised through the system's MIME data */
  g_content_type_set_mime_dirs (NULL);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();

  tmp_dir = g_dir_make_tmp ("collate-test-labels-XXXXXX", &error);
  g_assert_no_error (error);
  settings = g_settings_new (APP_ID);
  app = test_application_new (settings, tmp_dir);

  g_test_add_func ("/labels/many-labels", test_many_labels);
  g_test_add_func ("/labels/editor", test_editor);
  g_test_add_func ("/labels/apply-shipped-set", test_apply_shipped_set);

  ret = g_test_run ();

  destroy_all_windows (GTK_APPLICATION (app));
  g_clear_object (&app);
  g_clear_object (&settings);
  return ret;
}
