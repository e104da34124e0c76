/* test-workspace.c — the workspace driven through its actions and click paths
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "collate-document-view.h"
#include "collate-error.h"
#include "collate-link-overlay.h"
#include "collate-label-palette.h"
#include "collate-link-picker.h"
#include "collate-project.h"
#include "collate-sidebar.h"
#include "collate-text-file.h"
#include "collate-workspace.h"
#include "collate-test-gui.h"

typedef struct
{
  CollateProject   *project;
  GtkWidget        *window;
  CollateWorkspace *workspace;
  GSettings        *settings;
} Fixture;

static char *
fixed_clock (gpointer data)
{
  return g_strdup ("2026-01-02T03:04:05Z");
}

static char *
sample_path (const char *name)
{
  const char *dir = g_getenv ("COLLATE_SAMPLES_DIR");

  if (dir != NULL)
    return g_build_filename (dir, name, NULL);
  return g_test_build_filename (G_TEST_DIST, "..", "samples", name, NULL);
}

static GSettings *
make_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, "org.collate.Collate", TRUE);
  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static void
show_workspace (Fixture *f)
{
  f->workspace = collate_workspace_new (f->project, f->settings);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->workspace));
  gtk_window_present (GTK_WINDOW (f->window));
  spin ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path1 = sample_path ("witkoff-putin-report-1.txt");
  g_autofree char *path2 = sample_path ("witkoff-putin-report-2.txt");
  g_autoptr(CollateDocument) d1 = NULL;
  g_autoptr(CollateDocument) d2 = NULL;

  f->project = collate_project_new ("Test", NULL);
  collate_project_set_author (f->project, "Tester");
  collate_project_set_clock (f->project, fixed_clock, NULL);
  d1 = collate_document_new_from_file (path1, "d1", &error);
  g_assert_no_error (error);
  d2 = collate_document_new_from_file (path2, "d2", &error);
  g_assert_no_error (error);
  g_assert_true (collate_project_add_document (f->project, d1, &error));
  g_assert_no_error (error);
  g_assert_true (collate_project_add_document (f->project, d2, &error));
  g_assert_no_error (error);

  f->settings = make_settings ();
  show_workspace (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  spin ();
  g_clear_object (&f->settings);
  g_clear_object (&f->project);
}

/* ── helpers ── */

static GtkWidget *
find_child (GtkWidget *widget,
            GType      type,
            guint      nth)
{
  guint seen = 0;
  GPtrArray *queue = g_ptr_array_new ();
  GtkWidget *found = NULL;

  g_ptr_array_add (queue, widget);
  for (guint i = 0; i < queue->len && found == NULL; i++)
    {
      GtkWidget *w = g_ptr_array_index (queue, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && seen++ == nth)
        found = w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (queue, c);
    }
  g_ptr_array_unref (queue);
  return found;
}

static CollateDocumentView *
pane (Fixture *f,
      guint    index)
{
  GtkWidget *w = find_child (GTK_WIDGET (f->workspace), COLLATE_TYPE_DOCUMENT_VIEW, index);

  g_assert_nonnull (w);
  return COLLATE_DOCUMENT_VIEW (w);
}

static CollateSidebar *
sidebar (Fixture *f)
{
  GtkWidget *w = find_child (GTK_WIDGET (f->workspace), COLLATE_TYPE_SIDEBAR, 0);

  g_assert_nonnull (w);
  return COLLATE_SIDEBAR (w);
}

/* Character offset of the first @needle in document @index */
static guint
find_offset (Fixture    *f,
             guint       index,
             const char *needle)
{
  CollateDocument *doc = collate_project_get_document (f->project, index);
  const char *text = collate_document_get_text (doc);
  const char *hit = strstr (text, needle);

  g_assert_nonnull (hit);
  return collate_document_byte_to_char (doc, hit - text);
}

static void
select_text (Fixture    *f,
             guint       index,
             const char *needle)
{
  guint start = find_offset (f, index, needle);

  collate_document_view_select_range (pane (f, index), start,
                                      start + g_utf8_strlen (needle, -1));
  gtk_widget_grab_focus (GTK_WIDGET (collate_document_view_get_text_view (pane (f, index))));
  spin ();
}

static gboolean
has_tag_at (Fixture    *f,
            guint       index,
            const char *tag_name,
            guint       offset)
{
  GtkTextView *view = collate_document_view_get_text_view (pane (f, index));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), tag_name);
  GtkTextIter iter;

  if (tag == NULL)
    return FALSE;
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  return gtk_text_iter_has_tag (&iter, tag);
}

static CollateAnnotation *
tag_text (Fixture    *f,
          guint       index,
          const char *needle,
          const char *label)
{
  const char *id;

  select_text (f, index, needle);
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.tag", "s", label);
  spin ();
  id = collate_workspace_get_selected_id (f->workspace);
  g_assert_nonnull (id);
  return collate_project_lookup_annotation (f->project, id);
}

/* Finds the shortcut that @keyval with @mods triggers among @widget's
 * controllers (its class bindings included) and activates it, as a key
 * press that reaches @widget would. */
static gboolean
press_key (GtkWidget       *widget,
           guint            keyval,
           GdkModifierType  mods)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == mods)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                 GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

/* ── tests ── */

static void
test_buffer_text (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_cmpuint (collate_workspace_get_n_panes (f->workspace), ==, 2);

  for (guint i = 0; i < 2; i++)
    {
      CollateDocument *doc = collate_project_get_document (f->project, i);
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (collate_workspace_get_text_view (f->workspace, i));
      g_autofree char *text = NULL;
      GtkTextIter a, b;

      gtk_text_buffer_get_bounds (buffer, &a, &b);
      text = gtk_text_buffer_get_text (buffer, &a, &b, TRUE);
      g_assert_cmpstr (text, ==, collate_document_get_text (doc));
      g_assert_cmpuint (gtk_text_buffer_get_char_count (buffer), ==, collate_document_get_length (doc));
    }
  g_assert_null (collate_workspace_get_text_view (f->workspace, 2));
}

static void
test_emoji_offsets (void)
{
  g_autoptr(CollateProject) project = collate_project_new ("Emoji", NULL);
  g_autoptr(GError) error = NULL;
  /* a 4-byte emoji, a combining accent and a curly quote before the word */
  const char *text = "Hi 😀 e\xcc\x81 “Putin” spoke.";
  g_autoptr(CollateDocument) doc = collate_document_new ("d1", "Emoji", "test", text, -1, &error);
  Fixture f = { 0 };
  CollateAnnotation *span;
  guint start;

  g_assert_no_error (error);
  g_assert_true (collate_project_add_document (project, doc, &error));
  f.project = project;
  show_workspace (&f);

  start = g_utf8_pointer_to_offset (text, strstr (text, "Putin"));
  collate_document_view_select_range (pane (&f, 0), start, start + 5);
  span = collate_workspace_tag_selection (f.workspace, "Person", &error);
  g_assert_no_error (error);
  g_assert_nonnull (span);
  g_assert_cmpuint (collate_annotation_get_start (span), ==, start);
  g_assert_cmpstr (collate_annotation_get_text (span), ==, "Putin");
  g_assert_true (has_tag_at (&f, 0, "label:Person", start));
  g_assert_false (has_tag_at (&f, 0, "label:Person", start - 1));

  gtk_window_destroy (GTK_WINDOW (f.window));
  spin ();
}

static void
test_tag_hotkey (Fixture       *f,
                 gconstpointer  data)
{
  guint start = find_offset (f, 0, "Steve Witkoff");
  CollateAnnotation *span;

  select_text (f, 0, "Steve Witkoff");
  /* the binding of the key "2" */
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.tag-index", "u", 1);
  spin ();

  g_assert_cmpuint (collate_project_get_n_annotations (f->project), ==, 1);
  span = collate_project_lookup_annotation (f->project, collate_workspace_get_selected_id (f->workspace));
  g_assert_nonnull (span);
  g_assert_cmpstr (collate_annotation_get_label (span), ==, "Person");
  g_assert_cmpstr (collate_annotation_get_text (span), ==, "Steve Witkoff");
  g_assert_cmpstr (collate_annotation_get_author (span), ==, "Tester");
  g_assert_cmpuint (collate_annotation_get_start (span), ==, start);
  g_assert_true (has_tag_at (f, 0, "label:Person", start));
  g_assert_true (has_tag_at (f, 0, "label:Person", start + 12));
  g_assert_false (has_tag_at (f, 0, "label:Person", start + 13));
  g_assert_true (has_tag_at (f, 0, "selected", start));
  /* the text selection is used up */
  g_assert_false (collate_document_view_get_selection (pane (f, 0), NULL, NULL));
}

static void
test_tag_trims_and_refuses (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CollateAnnotation *span;
  guint start = find_offset (f, 0, " Steve Witkoff, ");

  /* nothing selected */
  span = collate_workspace_tag_selection (f->workspace, "Claim", &error);
  g_assert_null (span);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
  g_clear_error (&error);

  /* a label the schema lacks */
  select_text (f, 0, "Steve Witkoff");
  span = collate_workspace_tag_selection (f->workspace, "Nonsense", &error);
  g_assert_null (span);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* only white space */
  collate_document_view_select_range (pane (f, 0), start, start + 1);
  span = collate_workspace_tag_selection (f->workspace, "Claim", &error);
  g_assert_null (span);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (collate_project_get_n_annotations (f->project), ==, 0);

  /* white space at the ends is left out */
  collate_document_view_select_range (pane (f, 0), start, start + 15);
  span = collate_workspace_tag_selection (f->workspace, "Person", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (collate_annotation_get_text (span), ==, "Steve Witkoff,");

  /* a selection made by the keyboard (or by code) is exact: words cut
   * in half stay cut (a mouse drag's are completed: tests/gui/e2e-spans.sh) */
  {
    g_autofree char *kept = g_strdup (collate_annotation_get_id (span));
    guint at = find_offset (f, 0, "Trump publicly pressed");

    collate_document_view_select_range (pane (f, 0), at + 1, at + 13);
    span = collate_workspace_tag_selection (f->workspace, "Person", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (collate_annotation_get_text (span), ==, "rump publicl");
    g_assert_true (collate_project_undo (f->project));
    g_assert_true (collate_workspace_select (f->workspace, kept));
  }

  /* with no text selected, a label key relabels the selected span */
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.tag-index", "u", 0);
  spin ();
  g_assert_cmpuint (collate_project_get_n_annotations (f->project), ==, 1);
  span = collate_project_lookup_annotation (f->project, collate_workspace_get_selected_id (f->workspace));
  g_assert_cmpstr (collate_annotation_get_label (span), ==, "Claim");
  g_assert_true (has_tag_at (f, 0, "label:Claim", start + 1));
  g_assert_false (has_tag_at (f, 0, "label:Person", start + 1));

  /* with nothing selected at all, the action reports instead of failing */
  collate_workspace_select (f->workspace, NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.tag", "s", "Claim");
  spin ();
  g_assert_cmpuint (collate_project_get_n_annotations (f->project), ==, 1);
}

static void
test_click_select_and_overlap (Fixture       *f,
                               gconstpointer  data)
{
  CollateAnnotation *outer, *inner;
  g_autofree char *outer_id = NULL;
  g_autofree char *inner_id = NULL;
  guint offset;

  outer = tag_text (f, 0, "Steve Witkoff, held a four-and-a-half-hour meeting", "Claim");
  outer_id = g_strdup (collate_annotation_get_id (outer));
  inner = tag_text (f, 0, "four-and-a-half-hour", "Time");
  inner_id = g_strdup (collate_annotation_get_id (inner));

  /* both label tags where they overlap */
  offset = find_offset (f, 0, "four-and-a-half-hour");
  g_assert_true (has_tag_at (f, 0, "label:Claim", offset));
  g_assert_true (has_tag_at (f, 0, "label:Time", offset));

  /* a click outside the inner span selects the outer one */
  collate_document_view_click_offset (pane (f, 0), find_offset (f, 0, "Steve Witkoff, held"), FALSE);
  spin ();
  g_assert_cmpstr (collate_workspace_get_selected_id (f->workspace), ==, outer_id);

  /* a click where they overlap offers a choice and keeps the selection */
  collate_document_view_click_offset (pane (f, 0), offset, FALSE);
  spin ();
  g_assert_cmpstr (collate_workspace_get_selected_id (f->workspace), ==, outer_id);

  /* a click on plain text clears the selection */
  collate_document_view_click_offset (pane (f, 0), 0, FALSE);
  spin ();
  g_assert_null (collate_workspace_get_selected_id (f->workspace));
  g_assert_false (has_tag_at (f, 0, "selected", offset));

  g_assert_true (collate_workspace_select (f->workspace, inner_id));
  g_assert_true (has_tag_at (f, 0, "selected", offset));
  g_assert_false (collate_workspace_select (f->workspace, "no-such-id"));
  g_assert_cmpstr (collate_workspace_get_selected_id (f->workspace), ==, inner_id);
}

/* A point in the text view of pane @index, @fraction of the way across the
 * character at @offset and halfway down its line */
static void
char_point (Fixture *f,
            guint    index,
            guint    offset,
            double   fraction,
            double  *x,
            double  *y)
{
  GtkTextView *view = collate_document_view_get_text_view (pane (f, index));
  GtkTextIter iter;
  GdkRectangle rect;
  int wx, wy;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter, offset);
  gtk_text_view_get_iter_location (view, &iter, &rect);
  g_assert_cmpint (rect.width, >, 2);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y, &wx, &wy);
  *x = wx + rect.width * fraction;
  *y = wy + rect.height / 2.0;
}

static void
test_click_character_halves (Fixture       *f,
                             gconstpointer  data)
{
  CollateAnnotation *span;
  g_autofree char *id = NULL;
  guint start = find_offset (f, 0, "Vladimir Putin");
  guint end = start + g_utf8_strlen ("Vladimir Putin", -1);
  double x, y;

  span = tag_text (f, 0, "Vladimir Putin", "Person");
  id = g_strdup (collate_annotation_get_id (span));

  /* the right half of the span's last character hits that character */
  collate_workspace_select (f->workspace, NULL);
  char_point (f, 0, end - 1, 0.8, &x, &y);
  collate_document_view_click_point (pane (f, 0), x, y, FALSE);
  spin ();
  g_assert_cmpstr (collate_workspace_get_selected_id (f->workspace), ==, id);

  /* and the left half of its first */
  collate_workspace_select (f->workspace, NULL);
  char_point (f, 0, start, 0.2, &x, &y);
  collate_document_view_click_point (pane (f, 0), x, y, FALSE);
  spin ();
  g_assert_cmpstr (collate_workspace_get_selected_id (f->workspace), ==, id);

  /* the right half of the space before it is plain text */
  char_point (f, 0, start - 1, 0.8, &x, &y);
  collate_document_view_click_point (pane (f, 0), x, y, FALSE);
  spin ();
  g_assert_null (collate_workspace_get_selected_id (f->workspace));

  /* and so is the left half of the space after it */
  g_assert_true (collate_workspace_select (f->workspace, id));
  char_point (f, 0, end, 0.2, &x, &y);
  collate_document_view_click_point (pane (f, 0), x, y, FALSE);
  spin ();
  g_assert_null (collate_workspace_get_selected_id (f->workspace));
}

static void
test_ctrl_click_link (Fixture       *f,
                      gconstpointer  data)
{
  CollateAnnotation *a, *b;
  g_autofree char *a_id = NULL;
  g_autofree char *b_id = NULL;
  CollateLink *link;
  CollateLinkOverlay *overlay;

  b = tag_text (f, 1, "over four hours", "Time");
  b_id = g_strdup (collate_annotation_get_id (b));
  a = tag_text (f, 0, "four-and-a-half-hour meeting", "Claim");
  a_id = g_strdup (collate_annotation_get_id (a));
  g_assert_cmpstr (collate_workspace_get_selected_id (f->workspace), ==, a_id);

  /* Ctrl+click on the span in the other pane */
  collate_document_view_click_offset (pane (f, 1), find_offset (f, 1, "four hours"), TRUE);
  spin ();

  g_assert_cmpuint (collate_project_get_n_links (f->project), ==, 1);
  link = collate_project_lookup_link (f->project, collate_workspace_get_selected_id (f->workspace));
  g_assert_nonnull (link);
  g_assert_cmpstr (collate_link_get_label (link), ==, "Contradicts");
  g_assert_cmpstr (collate_link_get_from (link), ==, a_id);
  g_assert_cmpstr (collate_link_get_to (link), ==, b_id);
  /* both ends highlighted */
  g_assert_true (has_tag_at (f, 0, "selected", find_offset (f, 0, "four-and-a-half")));
  g_assert_true (has_tag_at (f, 1, "selected", find_offset (f, 1, "four hours")));

  /* the connector is drawn */
  overlay = COLLATE_LINK_OVERLAY (find_child (GTK_WIDGET (f->workspace), COLLATE_TYPE_LINK_OVERLAY, 0));
  gtk_widget_queue_draw (GTK_WIDGET (overlay));
  for (guint i = 0; i < 50 && collate_link_overlay_get_n_drawn (overlay) == 0; i++)
    {
      g_usleep (10000);
      spin ();
    }
  g_assert_cmpuint (collate_link_overlay_get_n_drawn (overlay), ==, 1);

  /* relabel the link */
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.relabel", "s", "Corroborates");
  link = collate_project_lookup_link (f->project, collate_workspace_get_selected_id (f->workspace));
  g_assert_cmpstr (collate_link_get_label (link), ==, "Corroborates");

  /* Ctrl+click with nothing selected only selects */
  collate_workspace_select (f->workspace, NULL);
  collate_document_view_click_offset (pane (f, 1), find_offset (f, 1, "four hours"), TRUE);
  g_assert_cmpstr (collate_workspace_get_selected_id (f->workspace), ==, b_id);
  g_assert_cmpuint (collate_project_get_n_links (f->project), ==, 1);

  /* deleting the link */
  collate_workspace_select (f->workspace, collate_link_get_id (link));
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.delete", NULL);
  g_assert_cmpuint (collate_project_get_n_links (f->project), ==, 0);
  g_assert_null (collate_workspace_get_selected_id (f->workspace));
}

static void
test_delete_undo_redo (Fixture       *f,
                       gconstpointer  data)
{
  guint start = find_offset (f, 0, "Vladimir Putin");
  CollateAnnotation *first;
  g_autofree char *first_id = NULL;

  first = tag_text (f, 0, "Vladimir Putin", "Person");
  first_id = g_strdup (collate_annotation_get_id (first));
  /* a second Person span overlapping the first */
  tag_text (f, 0, "Putin in Saint", "Person");
  g_assert_cmpuint (collate_project_get_n_annotations (f->project), ==, 2);

  /* delete the second: the first keeps its tag where they overlapped */
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.delete", NULL);
  spin ();
  g_assert_cmpuint (collate_project_get_n_annotations (f->project), ==, 1);
  g_assert_null (collate_workspace_get_selected_id (f->workspace));
  g_assert_true (has_tag_at (f, 0, "label:Person", start + 9));
  g_assert_false (has_tag_at (f, 0, "label:Person", start + 16));

  /* delete the first via the Delete key's path */
  collate_workspace_select (f->workspace, first_id);
  g_signal_emit_by_name (collate_document_view_get_text_view (pane (f, 0)),
                         "delete-from-cursor", GTK_DELETE_CHARS, 1);
  g_assert_cmpuint (collate_project_get_n_annotations (f->project), ==, 0);
  g_assert_false (has_tag_at (f, 0, "label:Person", start));

  /* undo brings it and its tag back; redo takes them away again */
  g_assert_true (collate_project_undo (f->project));
  g_assert_true (has_tag_at (f, 0, "label:Person", start));
  g_assert_true (collate_project_redo (f->project));
  g_assert_false (has_tag_at (f, 0, "label:Person", start));
  g_assert_true (collate_project_undo (f->project));
  g_assert_true (collate_project_undo (f->project));
  g_assert_true (has_tag_at (f, 0, "label:Person", start + 16));
  g_assert_true (collate_project_undo (f->project));
  g_assert_true (collate_project_undo (f->project));
  g_assert_false (has_tag_at (f, 0, "label:Person", start));
  g_assert_cmpuint (collate_project_get_n_annotations (f->project), ==, 0);
}

static void
test_relabel (Fixture       *f,
              gconstpointer  data)
{
  guint start = find_offset (f, 1, "Kremlin");

  tag_text (f, 1, "Kremlin", "Location");
  g_assert_true (has_tag_at (f, 1, "label:Location", start));
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.relabel", "s", "Organization");
  g_assert_false (has_tag_at (f, 1, "label:Location", start));
  g_assert_true (has_tag_at (f, 1, "label:Organization", start));
  g_assert_cmpuint (collate_sidebar_get_label_count (sidebar (f), "Organization"), ==, 1);
  g_assert_cmpuint (collate_sidebar_get_label_count (sidebar (f), "Location"), ==, 0);
  g_assert_true (collate_project_undo (f->project));
  g_assert_true (has_tag_at (f, 1, "label:Location", start));
  g_assert_false (has_tag_at (f, 1, "label:Organization", start));
}

static void
test_sidebar_filters (Fixture       *f,
                      gconstpointer  data)
{
  CollateSidebar *bar = sidebar (f);

  tag_text (f, 0, "Steve Witkoff", "Person");
  tag_text (f, 0, "Vladimir Putin", "Person");
  tag_text (f, 1, "Kremlin", "Organization");
  tag_text (f, 1, "Steve Witkoff", "Person");

  g_assert_cmpuint (collate_sidebar_get_n_shown_spans (bar), ==, 4);
  g_assert_cmpuint (collate_sidebar_get_label_count (bar, "Person"), ==, 3);

  /* the list's selected row follows the selection, though rows were
   * inserted before it */
  {
    GtkListView *list = GTK_LIST_VIEW (find_child (GTK_WIDGET (bar), GTK_TYPE_LIST_VIEW, 0));
    GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list));
    CollateAnnotation *row;

    tag_text (f, 0, "Trump", "Person");
    for (guint i = 0; i < 20; i++)
      spin ();
    row = gtk_single_selection_get_selected_item (selection);
    g_assert_nonnull (row);
    g_assert_cmpstr (collate_annotation_get_id (row), ==, collate_workspace_get_selected_id (f->workspace));
    gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.delete", NULL);
    g_assert_cmpuint (collate_sidebar_get_n_shown_spans (bar), ==, 4);
  }
  g_assert_cmpuint (collate_sidebar_get_label_count (bar, "Organization"), ==, 1);

  collate_sidebar_set_filter (bar, "Person", NULL, NULL);
  g_assert_cmpuint (collate_sidebar_get_n_shown_spans (bar), ==, 3);
  collate_sidebar_set_filter (bar, "Person", "d2", NULL);
  g_assert_cmpuint (collate_sidebar_get_n_shown_spans (bar), ==, 1);
  collate_sidebar_set_filter (bar, NULL, NULL, "witKOFF");
  g_assert_cmpuint (collate_sidebar_get_n_shown_spans (bar), ==, 2);
  collate_sidebar_set_filter (bar, NULL, NULL, "nothing like this");
  g_assert_cmpuint (collate_sidebar_get_n_shown_spans (bar), ==, 0);
  collate_sidebar_set_filter (bar, NULL, NULL, NULL);
  g_assert_cmpuint (collate_sidebar_get_n_shown_spans (bar), ==, 4);

  /* the lists follow changes */
  {
    g_autoptr(CollateAnnotation) first = g_list_model_get_item (collate_project_get_annotations (f->project), 0);

    g_assert_cmpstr (collate_annotation_get_text (first), ==, "Steve Witkoff");
    g_assert_true (collate_workspace_select (f->workspace, collate_annotation_get_id (first)));
  }
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.delete", NULL);
  g_assert_cmpuint (collate_sidebar_get_n_shown_spans (bar), ==, 3);
  g_assert_cmpuint (collate_sidebar_get_label_count (bar, "Person"), ==, 2);
}

static void
test_sidebar_edits (Fixture       *f,
                    gconstpointer  data)
{
  CollateSidebar *bar = sidebar (f);
  GtkWidget *note = find_child (GTK_WIDGET (bar), GTK_TYPE_ENTRY, 0);
  CollateAnnotation *span = tag_text (f, 0, "Steve Witkoff", "Person");
  g_autofree char *id = g_strdup (collate_annotation_get_id (span));

  g_assert_nonnull (note);

  /* typing makes no change; Enter makes one, undone in one step */
  gtk_editable_set_text (GTK_EDITABLE (note), "the envoy");
  g_assert_cmpstr (collate_annotation_get_note (collate_project_lookup_annotation (f->project, id)), ==, "");
  g_signal_emit_by_name (note, "activate");
  g_assert_cmpstr (collate_annotation_get_note (collate_project_lookup_annotation (f->project, id)), ==, "the envoy");
  /* Enter again without a change adds no step */
  g_signal_emit_by_name (note, "activate");
  g_assert_true (collate_project_undo (f->project));
  g_assert_cmpstr (collate_annotation_get_note (collate_project_lookup_annotation (f->project, id)), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (note)), ==, "");
  g_assert_true (collate_project_undo (f->project));
  g_assert_null (collate_project_lookup_annotation (f->project, id));
  /* the span is gone, and so is the selection */
  g_assert_null (collate_workspace_get_selected_id (f->workspace));
}

static GtkWidget *
label_popover (Fixture *f,
               guint    index)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *w = find_child (GTK_WIDGET (pane (f, index)), GTK_TYPE_POPOVER, i);

      g_assert_nonnull (w);
      if (gtk_widget_has_css_class (w, "collate-label-popover"))
        return w;
    }
}

static void
test_label_popover_leaves_with_focus (Fixture       *f,
                                      gconstpointer  data)
{
  GtkWidget *note = find_child (GTK_WIDGET (sidebar (f)), GTK_TYPE_ENTRY, 0);
  GtkTextView *other = collate_document_view_get_text_view (pane (f, 1));
  CollateAnnotation *span = tag_text (f, 0, "Steve Witkoff", "Person");

  /* a click on the span offers its labels, and they stay while the text
   * keeps the focus */
  collate_document_view_show_relabel_popover (pane (f, 0), collate_annotation_get_start (span),
                                              collate_annotation_get_end (span));
  spin ();
  g_assert_true (gtk_widget_get_visible (label_popover (f, 0)));
  collate_document_view_select_range (pane (f, 0), 0, 5);
  collate_document_view_show_label_popover (pane (f, 0));
  spin ();
  g_assert_true (gtk_widget_get_visible (label_popover (f, 0)));

  /* writing a note: the popover no longer covers the text */
  gtk_widget_grab_focus (note);
  spin ();
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (f->window)), note));
  g_assert_false (gtk_widget_get_visible (label_popover (f, 0)));

  /* nor when the other pane takes the focus */
  gtk_widget_grab_focus (GTK_WIDGET (collate_document_view_get_text_view (pane (f, 0))));
  collate_document_view_show_label_popover (pane (f, 0));
  spin ();
  g_assert_true (gtk_widget_get_visible (label_popover (f, 0)));
  gtk_widget_grab_focus (GTK_WIDGET (other));
  spin ();
  g_assert_false (gtk_widget_get_visible (label_popover (f, 0)));
}

static void
test_palette (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *palette = collate_label_palette_new (f->workspace);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *button = NULL;
  CollateAnnotation *span;
  guint n = 0;

  gtk_window_set_child (GTK_WINDOW (window), palette);
  gtk_window_present (GTK_WINDOW (window));
  spin ();

  /* one button per span label in the row, in schema order, that keeps
   * the selection (the picker's list has the same labels) */
  for (GtkWidget *b = gtk_widget_get_first_child (palette); b != NULL; b = gtk_widget_get_next_sibling (b))
    if (!GTK_IS_MENU_BUTTON (b))
      {
        g_assert_false (gtk_widget_get_focus_on_click (b));
        if (n++ == 1)
          button = b;
      }
  g_assert_cmpuint (n, ==, 6);

  /* as many as fit stand in the row; the rest fold into the picker */
  gtk_window_set_default_size (GTK_WINDOW (window), 1300, 100);
  spin ();
  g_usleep (G_USEC_PER_SEC / 5);
  spin ();
  g_assert_false (collate_label_palette_is_folded (COLLATE_LABEL_PALETTE (palette)));
  g_assert_cmpuint (collate_label_palette_get_n_shown (COLLATE_LABEL_PALETTE (palette)), ==, 6);
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 100);
  spin ();
  g_usleep (G_USEC_PER_SEC / 5);
  spin ();
  g_assert_true (collate_label_palette_is_folded (COLLATE_LABEL_PALETTE (palette)));
  g_assert_cmpuint (collate_label_palette_get_n_shown (COLLATE_LABEL_PALETTE (palette)), <, 6);
  gtk_window_set_default_size (GTK_WINDOW (window), 1300, 100);
  spin ();
  g_usleep (G_USEC_PER_SEC / 5);
  spin ();
  g_assert_false (collate_label_palette_is_folded (COLLATE_LABEL_PALETTE (palette)));

  select_text (f, 1, "Dmitry Peskov");
  g_signal_emit_by_name (button, "clicked");
  spin ();
  span = collate_project_lookup_annotation (f->project, collate_workspace_get_selected_id (f->workspace));
  g_assert_nonnull (span);
  g_assert_cmpstr (collate_annotation_get_label (span), ==, "Person");
  g_assert_cmpstr (collate_annotation_get_text (span), ==, "Dmitry Peskov");

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

static void
test_link_picker (Fixture       *f,
                  gconstpointer  data)
{
  CollateLinkPicker *picker;
  CollateAnnotation *a;
  g_autofree char *a_id = NULL;
  CollateLink *link;

  /* earlier tests made links: start as a new user would */
  if (f->settings != NULL)
    g_settings_reset (f->settings, "last-link-label");
  tag_text (f, 1, "over four hours", "Time");
  tag_text (f, 1, "Kremlin", "Organization");
  a = tag_text (f, 0, "four-and-a-half-hour meeting", "Time");
  a_id = g_strdup (collate_annotation_get_id (a));

  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.link-picker", NULL);
  spin ();
  picker = COLLATE_LINK_PICKER (find_child (GTK_WIDGET (f->workspace), COLLATE_TYPE_LINK_PICKER, 0));
  g_assert_nonnull (picker);
  /* only the other document's spans */
  g_assert_cmpuint (collate_link_picker_search (picker, NULL), ==, 2);
  g_assert_cmpuint (collate_link_picker_search (picker, "FOUR"), ==, 1);
  g_assert_true (collate_link_picker_pick (picker, 0));
  spin ();

  link = collate_project_lookup_link (f->project, collate_workspace_get_selected_id (f->workspace));
  g_assert_nonnull (link);
  g_assert_cmpstr (collate_link_get_from (link), ==, a_id);
  /* the schema's first label, nothing having been used yet */
  g_assert_cmpstr (collate_link_get_label (link), ==, "Contradicts");
  g_assert_false (collate_link_picker_pick (picker, 99));

  /* a label chosen in the picker is the link's, in the same step */
  collate_workspace_select (f->workspace, a_id);
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.link-picker", NULL);
  spin ();
  g_assert_cmpstr (collate_link_picker_get_label (picker), ==, "Contradicts");
  collate_link_picker_set_label (picker, "Same entity");
  g_assert_cmpuint (collate_link_picker_search (picker, "Kremlin"), ==, 1);
  g_assert_true (collate_link_picker_pick (picker, 0));
  spin ();
  link = collate_project_lookup_link (f->project, collate_workspace_get_selected_id (f->workspace));
  g_assert_nonnull (link);
  g_assert_cmpstr (collate_link_get_label (link), ==, "Same entity");

  /* and the one the picker offers next */
  collate_workspace_select (f->workspace, a_id);
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.link-picker", NULL);
  spin ();
  g_assert_cmpstr (collate_link_picker_get_label (picker), ==, "Same entity");
  /* an unknown label falls back to the schema's first */
  collate_link_picker_set_label (picker, "No such label");
  g_assert_cmpstr (collate_link_picker_get_label (picker), ==, "Contradicts");
  gtk_popover_popdown (GTK_POPOVER (picker));
}

static void
test_settings_actions (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *bar = GTK_WIDGET (sidebar (f));
  gboolean visible = gtk_widget_is_visible (bar);

  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.toggle-sidebar", NULL);
  g_assert_true (gtk_widget_is_visible (bar) != visible);
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.toggle-sidebar", NULL);
  g_assert_true (gtk_widget_is_visible (bar) == visible);

  if (f->settings == NULL)
    {
      g_test_message ("no settings schema installed; zoom tested without settings");
      gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.zoom-in", NULL);
      return;
    }
  g_settings_set_int (f->settings, "font-size", 11);
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.zoom-in", NULL);
  g_assert_cmpint (g_settings_get_int (f->settings, "font-size"), ==, 12);
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.zoom-out", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.zoom-out", NULL);
  g_assert_cmpint (g_settings_get_int (f->settings, "font-size"), ==, 10);
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.zoom-reset", NULL);
  g_assert_cmpint (g_settings_get_int (f->settings, "font-size"), ==, 11);
}

static void
test_actions_enabled (Fixture       *f,
                      gconstpointer  data)
{
  /* nothing to delete: the action is disabled and harmless */
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.delete", NULL);
  g_assert_cmpuint (collate_project_get_n_annotations (f->project), ==, 0);
  tag_text (f, 0, "Kremlin", "Organization");
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.select", "s", "");
  g_assert_null (collate_workspace_get_selected_id (f->workspace));
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.delete", NULL);
  g_assert_cmpuint (collate_project_get_n_annotations (f->project), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.next-span", NULL);
  g_assert_nonnull (collate_workspace_get_selected_id (f->workspace));
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.select", "s", "no-such-id");
  g_assert_nonnull (collate_workspace_get_selected_id (f->workspace));
}

/* A project without documents, or one whose schema lacks link labels:
 * every action answers with a message, none fails */
static void
test_empty_project (void)
{
  g_autoptr(CollateSchema) schema = collate_schema_new ();
  g_autoptr(CollateProject) project = collate_project_new ("Empty", schema);
  g_autoptr(GError) error = NULL;
  Fixture f = { 0 };

  f.project = project;
  show_workspace (&f);
  g_assert_cmpuint (collate_workspace_get_n_panes (f.workspace), ==, 0);
  g_assert_null (collate_workspace_tag_selection (f.workspace, "Claim", &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND);
  gtk_widget_activate_action (GTK_WIDGET (f.workspace), "workspace.tag-index", "u", 0);
  gtk_widget_activate_action (GTK_WIDGET (f.workspace), "workspace.link-picker", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f.workspace), "workspace.next-span", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f.workspace), "workspace.zoom-in", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f.workspace), "workspace.select", "s", "a1");
  spin ();
  g_assert_null (collate_workspace_get_selected_id (f.workspace));
  g_assert_cmpuint (collate_project_get_n_annotations (project), ==, 0);

  gtk_window_destroy (GTK_WINDOW (f.window));
  spin ();
}

/* Many spans are applied in batches between frames; a span removed before
 * its batch ran must not come back, one added meanwhile must show. */
static void
test_batched_spans (void)
{
  g_autoptr(CollateProject) project = collate_project_new ("Large", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(CollateDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  CollateDocumentView *view;
  Fixture f = { 0 };
  guint n_spans = 30000;
  guint last;

  /* 32 characters a sentence, 4 to a paragraph: 640,000 characters */
  for (guint i = 0; i < 20000; i++)
    g_string_append (text, i % 4 == 3 ? "Envoy met “Putin” 😀 for hours.\n" : "Envoy met “Putin” 😀 for hours. ");
  doc = collate_document_new ("d1", "Large", "test", text->str, -1, &error);
  g_assert_no_error (error);
  g_assert_true (collate_project_add_document (project, doc, &error));
  for (guint i = 0; i < n_spans; i++)
    {
      guint start = i * 19;
      g_autofree char *id = g_strdup_printf ("a%u", i + 1);
      g_autofree char *quote = collate_document_dup_slice (doc, start, start + 5);
      g_autoptr(CollateAnnotation) span = collate_annotation_new (id, "d1", start, start + 5,
                                                                  i % 2 ? "Claim" : "Person",
                                                                  quote, "", NULL, "t",
                                                                  "2026-01-01T00:00:00Z",
                                                                  "2026-01-01T00:00:00Z");

      g_assert_true (collate_project_insert_annotation (project, span, &error));
      g_assert_no_error (error);
    }
  collate_project_set_next_id (project, n_spans + 1);

  f.project = project;
  f.workspace = collate_workspace_new (project, NULL);
  view = COLLATE_DOCUMENT_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (collate_workspace_get_text_view (f.workspace, 0)),
                                                         COLLATE_TYPE_DOCUMENT_VIEW));
  g_assert_true (collate_document_view_is_loading (view));

  /* far from the start: not applied yet */
  last = (n_spans - 1) * 19;
  g_assert_true (collate_project_remove_annotation (project, "a30000", &error));
  g_assert_no_error (error);
  g_assert_nonnull (collate_project_add_span (project, "d1", last + 7, last + 10, "Time", &error));
  g_assert_no_error (error);

  f.window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (f.window), GTK_WIDGET (f.workspace));
  gtk_window_present (GTK_WINDOW (f.window));
  while (collate_document_view_is_loading (view))
    g_main_context_iteration (NULL, TRUE);

  f.workspace = COLLATE_WORKSPACE (gtk_window_get_child (GTK_WINDOW (f.window)));
  g_assert_true (has_tag_at (&f, 0, "label:Person", 0));
  g_assert_true (has_tag_at (&f, 0, "label:Person", (n_spans - 2) * 19));
  g_assert_false (has_tag_at (&f, 0, "label:Claim", last));
  g_assert_true (has_tag_at (&f, 0, "label:Time", last + 7));

  gtk_window_destroy (GTK_WINDOW (f.window));
  spin ();
}

static void
test_key_bindings (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *ws = GTK_WIDGET (f->workspace);
  GtkWidget *bar = GTK_WIDGET (sidebar (f));
  gboolean visible = gtk_widget_is_visible (bar);
  CollateAnnotation *span;

  select_text (f, 0, "Vladimir Putin");
  g_assert_true (press_key (ws, GDK_KEY_2, 0));
  span = collate_project_lookup_annotation (f->project, collate_workspace_get_selected_id (f->workspace));
  g_assert_nonnull (span);
  g_assert_cmpstr (collate_annotation_get_label (span), ==, "Person");

  /* a label key without a text selection relabels */
  g_assert_true (press_key (ws, GDK_KEY_KP_4, 0));
  span = collate_project_lookup_annotation (f->project, collate_workspace_get_selected_id (f->workspace));
  g_assert_cmpstr (collate_annotation_get_label (span), ==, "Location");

  g_assert_true (press_key (ws, GDK_KEY_F9, 0));
  g_assert_true (gtk_widget_is_visible (bar) != visible);
  g_assert_true (press_key (ws, GDK_KEY_F9, 0));

  g_assert_true (press_key (ws, GDK_KEY_l, GDK_CONTROL_MASK));
  spin ();
  g_assert_true (gtk_widget_get_visible (find_child (ws, COLLATE_TYPE_LINK_PICKER, 0)));
  gtk_popover_popdown (GTK_POPOVER (find_child (ws, COLLATE_TYPE_LINK_PICKER, 0)));

  g_assert_true (press_key (ws, GDK_KEY_Delete, 0));
  g_assert_cmpuint (collate_project_get_n_annotations (f->project), ==, 0);

  g_assert_true (press_key (ws, GDK_KEY_z, GDK_CONTROL_MASK) == FALSE);  /* the window's, not ours */
  g_assert_true (collate_project_undo (f->project));
  g_assert_true (press_key (ws, GDK_KEY_Down, GDK_ALT_MASK));
  g_assert_nonnull (collate_workspace_get_selected_id (f->workspace));
  g_assert_true (press_key (ws, GDK_KEY_Escape, 0));
  g_assert_null (collate_workspace_get_selected_id (f->workspace));
}

/* A label's own hotkey wins; the others keep their place in the schema */
static void
test_label_hotkeys (void)
{
  g_autoptr(CollateSchema) schema = collate_schema_new ();
  g_autoptr(CollateProject) project = NULL;
  g_autoptr(CollateLabel) a = NULL;
  g_autoptr(CollateLabel) b = NULL;
  g_autoptr(CollateLabel) c = NULL;
  g_autoptr(CollateDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  CollateAnnotation *span;
  Fixture f = { 0 };

  a = collate_label_new ("Actor", "#1c71d8", "x", NULL, &error);
  g_assert_no_error (error);
  b = collate_label_new ("Event", "#e66100", NULL, NULL, &error);
  g_assert_no_error (error);
  c = collate_label_new ("Place", "#26a269", "1", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (collate_schema_add (schema, COLLATE_LABEL_KIND_SPAN, a, &error));
  g_assert_true (collate_schema_add (schema, COLLATE_LABEL_KIND_SPAN, b, &error));
  g_assert_true (collate_schema_add (schema, COLLATE_LABEL_KIND_SPAN, c, &error));
  project = collate_project_new ("Hotkeys", schema);
  doc = collate_document_new ("d1", "Doc", "test", "Envoy met Putin in Petersburg.", -1, &error);
  g_assert_no_error (error);
  g_assert_true (collate_project_add_document (project, doc, &error));

  f.project = project;
  show_workspace (&f);

  collate_document_view_select_range (pane (&f, 0), 0, 5);
  g_assert_true (press_key (GTK_WIDGET (f.workspace), GDK_KEY_x, 0));
  span = collate_project_lookup_annotation (project, collate_workspace_get_selected_id (f.workspace));
  g_assert_cmpstr (collate_annotation_get_label (span), ==, "Actor");

  collate_document_view_select_range (pane (&f, 0), 10, 15);
  g_assert_true (press_key (GTK_WIDGET (f.workspace), GDK_KEY_2, 0));
  span = collate_project_lookup_annotation (project, collate_workspace_get_selected_id (f.workspace));
  g_assert_cmpstr (collate_annotation_get_label (span), ==, "Event");

  /* "1" is Place's own key, though Place is third */
  collate_document_view_select_range (pane (&f, 0), 19, 29);
  g_assert_true (press_key (GTK_WIDGET (f.workspace), GDK_KEY_1, 0));
  span = collate_project_lookup_annotation (project, collate_workspace_get_selected_id (f.workspace));
  g_assert_cmpstr (collate_annotation_get_label (span), ==, "Place");
  g_assert_cmpstr (collate_annotation_get_text (span), ==, "Petersburg");

  /* a key no label has: a message, no span */
  collate_document_view_select_range (pane (&f, 0), 6, 9);
  g_assert_true (press_key (GTK_WIDGET (f.workspace), GDK_KEY_7, 0));
  g_assert_cmpuint (collate_project_get_n_annotations (project), ==, 3);

  gtk_window_destroy (GTK_WINDOW (f.window));
  spin ();
}

/* Alt+arrows move the selected span's start, Alt+Shift+arrows its end:
 * the note, attributes, author, creation time and links stay with it, the
 * quote follows, the tags in the text follow, and each move undoes */
static void
test_move_edges (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint at = find_offset (f, 0, "Russia-Ukraine war");
  CollateAnnotation *span, *other;
  CollateLink *link;
  g_autofree char *id = NULL;

  span = collate_project_add_span (f->project, "d1", at, at + 6, "Location", &error);
  g_assert_no_error (error);
  id = g_strdup (collate_annotation_get_id (span));
  g_assert_true (collate_project_set_annotation_note (f->project, id, "both countries?", &error));
  g_assert_true (collate_project_set_annotation_attribute (f->project, id, "checked", "no", &error));
  other = collate_project_add_span (f->project, "d2", 0, 4, "Claim", &error);
  g_assert_no_error (error);
  link = collate_project_add_link (f->project, "Corroborates", id, collate_annotation_get_id (other), &error);
  g_assert_no_error (error);
  g_assert_true (collate_workspace_select (f->workspace, id));

  for (guint i = 0; i < 8; i++)
    gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.move-end", "i", 1);
  gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.move-start", "i", 1);
  spin ();

  span = collate_project_lookup_annotation (f->project, id);
  g_assert_cmpstr (collate_annotation_get_text (span), ==, "ussia-Ukraine");
  g_assert_cmpuint (collate_annotation_get_start (span), ==, at + 1);
  g_assert_cmpuint (collate_annotation_get_end (span), ==, at + 14);
  g_assert_cmpstr (collate_annotation_get_note (span), ==, "both countries?");
  g_assert_cmpstr (collate_annotation_get_attribute (span, "checked"), ==, "no");
  g_assert_cmpstr (collate_annotation_get_author (span), ==, "Tester");
  g_assert_nonnull (collate_project_lookup_link (f->project, collate_link_get_id (link)));
  g_assert_cmpstr (collate_workspace_get_selected_id (f->workspace), ==, id);
  g_assert_true (has_tag_at (f, 0, "label:Location", at + 13));
  g_assert_false (has_tag_at (f, 0, "label:Location", at));

  /* an end cannot pass the other one */
  for (guint i = 0; i < 20; i++)
    gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.move-end", "i", -1);
  spin ();
  span = collate_project_lookup_annotation (f->project, id);
  g_assert_cmpstr (collate_annotation_get_text (span), ==, "u");

  /* every move is a step of its own */
  while (g_strcmp0 (collate_project_get_undo_description (f->project), "Move Span Edges") == 0)
    g_assert_true (collate_project_undo (f->project));
  spin ();
  span = collate_project_lookup_annotation (f->project, id);
  g_assert_cmpstr (collate_annotation_get_text (span), ==, "Russia");
  g_assert_true (has_tag_at (f, 0, "label:Location", at));
  g_assert_false (has_tag_at (f, 0, "label:Location", at + 8));
}

/* With a link selected, the number keys choose its label */
static void
test_link_label_keys (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CollateAnnotation *a, *b;
  CollateLink *link;
  g_autofree char *id = NULL;

  a = collate_project_add_span (f->project, "d1", 0, 5, "Claim", &error);
  g_assert_no_error (error);
  b = collate_project_add_span (f->project, "d2", 0, 4, "Claim", &error);
  g_assert_no_error (error);
  link = collate_project_add_link (f->project, "Contradicts", collate_annotation_get_id (a),
                                   collate_annotation_get_id (b), &error);
  g_assert_no_error (error);
  id = g_strdup (collate_link_get_id (link));
  g_assert_true (collate_workspace_select (f->workspace, id));

  g_assert_true (press_key (GTK_WIDGET (f->workspace), GDK_KEY_2, 0));
  spin ();
  g_assert_cmpstr (collate_link_get_label (collate_project_lookup_link (f->project, id)), ==, "Corroborates");
  g_assert_true (press_key (GTK_WIDGET (f->workspace), GDK_KEY_3, 0));
  spin ();
  g_assert_cmpstr (collate_link_get_label (collate_project_lookup_link (f->project, id)), ==, "Same entity");
  /* no fourth link label: nothing changes, and no span is made */
  g_assert_true (press_key (GTK_WIDGET (f->workspace), GDK_KEY_4, 0));
  spin ();
  g_assert_cmpstr (collate_link_get_label (collate_project_lookup_link (f->project, id)), ==, "Same entity");
  g_assert_cmpuint (collate_project_get_n_annotations (f->project), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/workspace/buffer-text", test_buffer_text);
  g_test_add_func ("/workspace/emoji-offsets", test_emoji_offsets);
  g_test_add_func ("/workspace/empty-project", test_empty_project);
  g_test_add_func ("/workspace/batched-spans", test_batched_spans);
  ADD ("/workspace/tag-hotkey", test_tag_hotkey);
  ADD ("/workspace/tag-trims-and-refuses", test_tag_trims_and_refuses);
  ADD ("/workspace/click-select-and-overlap", test_click_select_and_overlap);
  ADD ("/workspace/click-character-halves", test_click_character_halves);
  ADD ("/workspace/ctrl-click-link", test_ctrl_click_link);
  ADD ("/workspace/delete-undo-redo", test_delete_undo_redo);
  ADD ("/workspace/relabel", test_relabel);
  ADD ("/workspace/move-edges", test_move_edges);
  ADD ("/workspace/link-label-keys", test_link_label_keys);
  ADD ("/workspace/sidebar-filters", test_sidebar_filters);
  ADD ("/workspace/sidebar-edits", test_sidebar_edits);
  ADD ("/workspace/label-popover-leaves-with-focus", test_label_popover_leaves_with_focus);
  ADD ("/workspace/palette", test_palette);
  ADD ("/workspace/key-bindings", test_key_bindings);
  g_test_add_func ("/workspace/label-hotkeys", test_label_hotkeys);
  ADD ("/workspace/link-picker", test_link_picker);
  ADD ("/workspace/settings-actions", test_settings_actions);
  ADD ("/workspace/actions-enabled", test_actions_enabled);

  return g_test_run ();
}
