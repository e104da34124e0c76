/* test-curation.c — the Curation page, the author filter, the agreement
 * dialog and the merge-conflicts banner, driven through their actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include <math.h>
#include <string.h>

#include "collate.h"
#include "collate-agreement-dialog.h"
#include "collate-compat.h"
#include "collate-curation-panel.h"
#include "collate-sidebar.h"
#include "collate-window-private.h"
#include "collate-workspace.h"
#include "collate-test-gui.h"

static char *
fixed_clock (gpointer data)
{
  return g_strdup ("2026-12-05T10:00:00Z");
}

static CollateProject *
load (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CollateProject *project = collate_project_load_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return project;
}

/* ann's and bob's versions of the sample, merged as Open for Curation does
 * (with their links: the curate-links-… files) */
static CollateProject *
merged_files (const char *ann_file,
              const char *bob_file)
{
  g_autoptr(CollateProject) ann = load (ann_file);
  g_autoptr(CollateProject) bob = load (bob_file);
  CollateProject *projects[] = { ann, bob, NULL };
  const char *names[] = { "ann", "bob", NULL };
  g_autoptr(GError) error = NULL;
  CollateProject *result = collate_projects_merge (projects, names, &error);

  g_assert_no_error (error);
  collate_project_set_author (result, "carol");
  collate_project_set_clock (result, fixed_clock, NULL);
  return result;
}

static CollateProject *
merged (void)
{
  return merged_files ("curate-ann.collate.json", "curate-bob.collate.json");
}

typedef struct
{
  CollateProject       *project;
  GtkWidget            *window;
  CollateWorkspace     *workspace;
  CollateCurationPanel *panel;
} Fixture;

static GtkWidget *
find_child (GtkWidget *widget,
            GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_child (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  f->project = data ? merged_files ("curate-links-ann.collate.json", "curate-links-bob.collate.json") : merged ();
  f->workspace = collate_workspace_new (f->project, NULL);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 760);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->workspace));
  gtk_window_present (GTK_WINDOW (f->window));
  spin ();
  f->panel = COLLATE_CURATION_PANEL (find_child (GTK_WIDGET (f->workspace), COLLATE_TYPE_CURATION_PANEL));
  g_assert_nonnull (f->panel);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  spin ();
  g_clear_object (&f->project);
}

static gboolean
activate (Fixture    *f,
          const char *action,
          GVariant   *parameter)
{
  gboolean done = gtk_widget_activate_action_variant (GTK_WIDGET (f->workspace), action, parameter);

  spin ();
  return done;
}

static guint
n_with_label (CollateProject *project,
              const char     *label)
{
  GListModel *spans = collate_project_get_annotations (project);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (spans); i++)
    {
      g_autoptr(CollateAnnotation) a = g_list_model_get_item (spans, i);

      n += g_str_equal (collate_annotation_get_label (a), label);
    }
  return n;
}

static void
test_step_and_decide (Fixture       *f,
                      gconstpointer  data)
{
  GListModel *disputes = collate_curation_panel_get_disputes (f->panel);
  CollateDispute *selected;
  CollateCuration *c;

  /* before the page shows, the decisions are off (Alt+A stays the compare page's) */
  activate (f, "workspace.curate-all", NULL);
  g_assert_cmpuint (collate_project_get_n_curations (f->project), ==, 0);
  g_assert_false (collate_project_can_undo (f->project));

  g_assert_true (activate (f, "workspace.show-curation", NULL));
  g_assert_cmpstrv (collate_curation_panel_get_annotators (f->panel), ((const char *[]) { "ann", "bob", NULL }));
  g_assert_cmpuint (g_list_model_get_n_items (disputes), ==, 4);
  g_assert_cmpuint (collate_curation_panel_get_n_open (f->panel), ==, 4);
  /* the first is selected, and its first span in the workspace */
  selected = collate_curation_panel_get_selected (f->panel);
  g_assert_nonnull (selected);
  g_assert_cmpuint (collate_dispute_get_start (selected), ==, 0);
  g_assert_cmpstr (collate_workspace_get_selected_id (f->workspace), ==,
                   collate_annotation_get_id (g_ptr_array_index (collate_dispute_get_spans (selected), 0)));

  /* Alt+Down / Alt+Up step through them */
  g_assert_true (activate (f, "workspace.next-span", NULL));
  g_assert_cmpuint (collate_dispute_get_start (collate_curation_panel_get_selected (f->panel)), >, 0);
  g_assert_true (activate (f, "workspace.previous-span", NULL));
  g_assert_cmpuint (collate_dispute_get_start (collate_curation_panel_get_selected (f->panel)), ==, 0);

  /* Alt+2: bob's claim, ann's goes; the next open one is selected */
  g_assert_true (activate (f, "workspace.curate-one", g_variant_new_uint32 (1)));
  g_assert_cmpuint (collate_project_get_n_curations (f->project), ==, 1);
  g_assert_cmpuint (n_with_label (f->project, "Claim"), ==, 1);
  g_assert_cmpuint (collate_curation_panel_get_n_open (f->panel), ==, 3);
  selected = collate_curation_panel_get_selected (f->panel);
  g_assert_false (collate_dispute_is_decided (selected));
  g_assert_cmpuint (collate_dispute_get_start (selected), ==, 198);

  /* Alt+N on "Saint Petersburg": both labels go */
  g_assert_true (activate (f, "workspace.curate-none", NULL));
  g_assert_cmpuint (n_with_label (f->project, "Location"), ==, 0);
  g_assert_cmpuint (n_with_label (f->project, "Organization"), ==, 0);
  /* Alt+A on "Donald Trump" (bob's only): kept */
  g_assert_true (activate (f, "workspace.curate-all", NULL));
  /* Alt+1 on "Thursday" (ann's): kept */
  g_assert_true (activate (f, "workspace.curate-one", g_variant_new_uint32 (0)));
  g_assert_cmpuint (collate_curation_panel_get_n_open (f->panel), ==, 0);
  g_assert_cmpuint (collate_project_get_n_curations (f->project), ==, 4);
  /* nothing open: the decisions are off again */
  activate (f, "workspace.curate-all", NULL);
  g_assert_cmpuint (collate_project_get_n_curations (f->project), ==, 4);

  c = collate_dispute_get_curation (g_list_model_get_item (disputes, 0));
  g_object_unref (g_list_model_get_item (disputes, 0));
  g_assert_cmpstr (collate_curation_get_author (c), ==, "carol");
  g_assert_cmpstrv (collate_curation_get_chosen (c), ((const char *[]) { "bob", NULL }));

  /* each decision is one undo step, and the list follows */
  g_assert_true (collate_project_undo (f->project));
  spin ();
  g_assert_cmpuint (collate_curation_panel_get_n_open (f->panel), ==, 1);
  g_assert_cmpuint (collate_project_get_n_curations (f->project), ==, 3);
  /* the one reopened can be decided again at once */
  activate (f, "workspace.curate-all", NULL);
  g_assert_cmpuint (collate_project_get_n_curations (f->project), ==, 4);
  g_assert_true (collate_project_undo (f->project));
  spin ();
  g_assert_true (collate_project_undo (f->project));
  g_assert_true (collate_project_undo (f->project));
  spin ();
  g_assert_cmpuint (n_with_label (f->project, "Location"), ==, 1);
  g_assert_cmpuint (collate_curation_panel_get_n_open (f->panel), ==, 3);
}

static guint
n_links_with_label (CollateProject *project,
                    const char     *label)
{
  GListModel *links = collate_project_get_links (project);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(CollateLink) l = g_list_model_get_item (links, i);

      n += g_str_equal (collate_link_get_label (l), label);
    }
  return n;
}

/* The text of every label under @widget, joined */
static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

/* Whether [start, end) of pane @index's text, and nothing just around it,
 * is outlined as the selection */
static gboolean
outlined (Fixture *f,
          guint    index,
          guint    start,
          guint    end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (collate_workspace_get_text_view (f->workspace, index));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "selected");
  GtkTextIter iter;

  for (guint offset = start; offset < end; offset++)
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
      if (!gtk_text_iter_has_tag (&iter, tag))
        return FALSE;
    }
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, end);
  if (gtk_text_iter_has_tag (&iter, tag))
    return FALSE;
  if (start > 0)
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, start - 1);
      if (gtk_text_iter_has_tag (&iter, tag))
        return FALSE;
    }
  return TRUE;
}

/* Links in dispute come after the spans, named as links with both ends'
 * quotes and who made which; they are settled with the same keys, the list
 * kept in place; a span decided away takes its link along */
static void
test_links (Fixture       *f,
            gconstpointer  data)
{
  GListModel *disputes = collate_curation_panel_get_disputes (f->panel);
  g_autoptr(GString) shown = g_string_new (NULL);
  CollateDispute *selected;
  guint n_links = collate_project_get_n_links (f->project);

  g_assert_true (activate (f, "workspace.show-curation", NULL));
  /* four span disputes, then Witkoff–Putin and Witkoff–Thursday */
  g_assert_cmpuint (g_list_model_get_n_items (disputes), ==, 6);
  g_assert_cmpuint (collate_curation_panel_get_n_open (f->panel), ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(CollateDispute) d = g_list_model_get_item (disputes, i);

      g_assert_cmpint (collate_dispute_is_link (d), ==, i >= 4);
    }
  collate_curation_panel_select (f->panel, 4);
  spin ();
  collect_text (GTK_WIDGET (f->panel), shown);
  g_assert_nonnull (strstr (shown->str, "“Witkoff” ↔ “Putin”"));
  g_assert_nonnull (strstr (shown->str, "Link · 44–51 and 69–74 in "));
  g_assert_nonnull (strstr (shown->str, "ann: Contradicts: “Witkoff” → “Putin”"));
  g_assert_nonnull (strstr (shown->str, "bob: Same entity: “Putin” → “Witkoff”"));
  g_assert_nonnull (strstr (shown->str, "Link · 44–51 in "));

  /* Alt+2 on Witkoff–Putin: bob's "Same entity" stays, ann's "Contradicts" goes */
  g_assert_true (activate (f, "workspace.curate-one", g_variant_new_uint32 (1)));
  g_assert_cmpuint (n_links_with_label (f->project, "Contradicts"), ==, 0);
  g_assert_cmpuint (n_links_with_label (f->project, "Same entity"), ==, 1);
  g_assert_cmpuint (collate_project_get_n_links (f->project), ==, n_links - 1);
  g_assert_cmpuint (collate_curation_panel_get_n_open (f->panel), ==, 5);
  {
    g_autoptr(CollateDispute) d = g_list_model_get_item (disputes, 4);

    g_assert_true (collate_dispute_is_decided (d));
    g_assert_true (collate_curation_is_link (collate_dispute_get_curation (d)));
  }
  /* the next open one: Witkoff–Thursday */
  selected = collate_curation_panel_get_selected (f->panel);
  g_assert_true (collate_dispute_is_link (selected));
  g_assert_cmpstr (collate_dispute_get_link_document_id (selected), ==, "d2");
  /* both ends outlined, each in its own report: "Witkoff" in the first,
   * "Thursday" in the second */
  spin ();
  g_assert_true (outlined (f, 0, 44, 51));
  g_assert_true (outlined (f, 1, 31, 39));
  g_assert_false (outlined (f, 1, 15, 27));

  /* "Thursday" (ann's only) decided away with Alt+N: its link goes in the
   * same step, and so does the link dispute */
  collate_curation_panel_select (f->panel, 3);
  spin ();
  g_assert_cmpuint (collate_dispute_get_start (collate_curation_panel_get_selected (f->panel)), ==, 31);
  g_assert_true (activate (f, "workspace.curate-none", NULL));
  g_assert_cmpuint (collate_project_get_n_links (f->project), ==, n_links - 2);
  g_assert_cmpuint (g_list_model_get_n_items (disputes), ==, 5);
  g_assert_cmpuint (collate_curation_panel_get_n_open (f->panel), ==, 3);
  /* one undo step brings span, link and dispute back */
  g_assert_true (collate_project_undo (f->project));
  spin ();
  g_assert_cmpuint (collate_project_get_n_links (f->project), ==, n_links - 1);
  g_assert_cmpuint (g_list_model_get_n_items (disputes), ==, 6);
  g_assert_cmpuint (collate_curation_panel_get_n_open (f->panel), ==, 5);

  /* a link decision undone: the list found again keeps that link selected */
  collate_curation_panel_select (f->panel, 5);
  spin ();
  g_assert_true (activate (f, "workspace.curate-all", NULL));
  collate_curation_panel_select (f->panel, 5);
  spin ();
  g_assert_true (collate_project_undo (f->project));
  spin ();
  selected = collate_curation_panel_get_selected (f->panel);
  g_assert_true (collate_dispute_is_link (selected));
  g_assert_false (collate_dispute_is_decided (selected));
  g_assert_cmpstr (collate_dispute_get_link_document_id (selected), ==, "d2");
}

static void
test_author_filter (Fixture       *f,
                    gconstpointer  data)
{
  CollateSidebar *sidebar = COLLATE_SIDEBAR (find_child (GTK_WIDGET (f->workspace), COLLATE_TYPE_SIDEBAR));

  g_assert_cmpuint (collate_sidebar_get_n_shown_spans (sidebar), ==, 8);
  collate_sidebar_set_author_filter (sidebar, "ann");
  spin ();
  g_assert_cmpuint (collate_sidebar_get_n_shown_spans (sidebar), ==, 5);
  collate_sidebar_set_author_filter (sidebar, "bob");
  spin ();
  g_assert_cmpuint (collate_sidebar_get_n_shown_spans (sidebar), ==, 5);
  /* a span the curator adds is the curator's */
  g_assert_nonnull (collate_project_add_span (f->project, "d1", 84, 91, "Person", NULL));
  spin ();
  collate_sidebar_set_author_filter (sidebar, "carol");
  spin ();
  g_assert_cmpuint (collate_sidebar_get_n_shown_spans (sidebar), ==, 1);
  collate_sidebar_set_author_filter (sidebar, NULL);
  spin ();
  g_assert_cmpuint (collate_sidebar_get_n_shown_spans (sidebar), ==, 9);
}

/* The dialog's figures are those of the core's agreement, computed in a thread */
static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static void
test_agreement (void)
{
  g_autoptr(CollateProject) project = merged ();
  g_autoptr(CollateProject) single = load ("curate-ann.collate.json");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) single_result = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  CollateAgreementRow *all, *person;
  GtkWindow *dialog;

  collate_agreement_compute_async (project, NULL, got_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  rows = collate_agreement_compute_finish (result, &error);
  g_assert_no_error (error);
  /* Claim, Location, Organization, Person, Time, then every label */
  g_assert_cmpuint (rows->len, ==, 6);
  person = g_ptr_array_index (rows, 3);
  all = g_ptr_array_index (rows, 5);
  g_assert_cmpstr (person->label, ==, "Person");
  g_assert_null (all->label);
  /* the same figures as collate-cli agree on the two files */
  g_assert_cmpuint (all->spans, ==, 10);
  g_assert_cmpfloat_with_epsilon (all->f1_exact, 0.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (all->f1_overlap, 0.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (person->f1_exact, 0.8, 1e-9);
  g_assert_cmpfloat_with_epsilon (all->kappa, 0.497, 0.0005);
  g_assert_cmpfloat_with_epsilon (all->alpha, 0.497, 0.0005);
  g_assert_cmpfloat_with_epsilon (all->alpha_u, 0.498, 0.0005);

  /* one annotator: a message that says so */
  collate_agreement_compute_async (single, NULL, got_result, &single_result);
  while (single_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (collate_agreement_compute_finish (single_result, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "one annotator, ann"));

  /* the dialog shows the table once the thread is done */
  dialog = collate_agreement_dialog_new (NULL, project);
  gtk_window_present (dialog);
  for (guint i = 0; i < 500 && !collate_agreement_dialog_is_ready (dialog); i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (collate_agreement_dialog_is_ready (dialog));
  gtk_window_destroy (dialog);
  spin ();
}

/* The dialog's link figures are collate-cli agree --json's on the same two
 * files: per label (every label first), all links, within, across */
static void
test_agreement_links (void)
{
  g_autoptr(CollateProject) project = merged_files ("curate-links-ann.collate.json", "curate-links-bob.collate.json");
  g_autofree char *ann = g_test_build_filename (G_TEST_DIST, "data", "curate-links-ann.collate.json", NULL);
  g_autofree char *bob = g_test_build_filename (G_TEST_DIST, "data", "curate-links-bob.collate.json", NULL);
  const char *cli = g_getenv ("COLLATE_CLI");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) link_rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  const char *scopes[] = { "all", "within_documents", "across_documents" };
  JsonObject *links;
  int status = 0;
  guint n_checked = 0;
  GtkWindow *dialog;

  if (cli == NULL)
    {
      g_test_skip ("COLLATE_CLI names no collate-cli (run through meson test)");
      return;
    }
  collate_agreement_compute_async (project, NULL, got_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  rows = collate_agreement_compute_finish_with_links (result, &link_rows, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  /* two annotators, every label and three labels, three scopes */
  g_assert_cmpuint (link_rows->len, ==, 4 * 3);

  g_assert_true (g_spawn_sync (NULL, (char *[]) { (char *) cli, "agree", "--json", ann, bob, NULL }, NULL,
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  links = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "links");
  g_assert_nonnull (links);
  for (guint r = 0; r < link_rows->len; r++)
    {
      CollateAgreementLinkRow *row = g_ptr_array_index (link_rows, r);
      JsonArray *pairs = json_object_get_array_member (links, row->label ? row->label : "");
      JsonObject *pair = json_array_get_object_element (pairs, 0);
      JsonObject *where = json_object_get_object_member (pair, scopes[row->scope]);
      JsonObject *exact = json_object_get_object_member (where, "exact");
      double figures[] = { row->precision, row->recall, row->f1 };
      const char *names[] = { "precision", "recall", "f1" };

      g_assert_cmpuint (json_object_get_int_member (pair, "a"), ==, row->a);
      g_assert_cmpuint (json_object_get_int_member (pair, "b"), ==, row->b);
      g_assert_cmpuint (json_object_get_int_member (where, "a"), ==, row->in_a);
      g_assert_cmpuint (json_object_get_int_member (where, "b"), ==, row->in_b);
      g_assert_cmpuint (json_object_get_int_member (exact, "matched"), ==, row->matched);
      for (guint k = 0; k < G_N_ELEMENTS (names); k++)
        {
          JsonNode *node = json_object_get_member (exact, names[k]);

          if (JSON_NODE_HOLDS_NULL (node))
            g_assert_true (isnan (figures[k]));
          else
            g_assert_cmpfloat_with_epsilon (figures[k], json_node_get_double (node), 1e-12);
        }
      n_checked++;
    }
  g_assert_cmpuint (n_checked, ==, json_object_get_size (links) * 3);
  /* a figure that is not all zeros: Corroborates, all, is 1 of 2 and 1 */
  g_assert_cmpstr (((CollateAgreementLinkRow *) g_ptr_array_index (link_rows, 6))->label, ==, "Corroborates");
  g_assert_cmpuint (((CollateAgreementLinkRow *) g_ptr_array_index (link_rows, 6))->matched, ==, 1);

  /* the dialog lays them out under "Links" */
  dialog = collate_agreement_dialog_new (NULL, project);
  gtk_window_present (dialog);
  for (guint i = 0; i < 500 && !collate_agreement_dialog_is_ready (dialog); i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (collate_agreement_dialog_is_ready (dialog));
  {
    g_autoptr(GString) shown = g_string_new (NULL);

    collect_text (GTK_WIDGET (dialog), shown);
    g_assert_nonnull (strstr (shown->str, "Links\n"));
    g_assert_nonnull (strstr (shown->str, "across documents\n"));
    g_assert_nonnull (strstr (shown->str, "Second’s\n"));
    /* two annotators: the heading names the pair, not each row */
    g_assert_null (strstr (shown->str, "ann – bob\n"));
  }
  gtk_window_destroy (dialog);
  spin ();
}

/* The banner of a merge's conflicts: shown, then settled (asked first) */
static void
test_merge_conflicts (void)
{
  g_autoptr(CollateProject) project = load ("curate-ann.collate.json");
  g_autofree char *dir = g_dir_make_tmp ("collate-test-curation-XXXXXX", NULL);
  g_autoptr(GFile) recovery_dir = g_file_new_build_filename (dir, "recovery", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(CollateApplication) app = collate_application_new (settings, recovery_dir);
  g_autoptr(GError) error = NULL;
  CollateWindow *window;

  g_hash_table_insert (collate_project_get_metadata (project), g_strdup (COLLATE_MERGE_CONFLICTS_KEY),
                       g_strdup ("annotation a3: deleted on one side, edited on the other\n\nlink l9: dropped\n"));
  g_application_set_flags (G_APPLICATION (app), g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  window = collate_window_new (app);
  collate_window_set_project (window, project, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  spin ();
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (window->conflicts_revealer)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (window->conflicts_heading)), ==, "A merge left 2 conflicts to settle");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (window->conflicts_list)), ==,
                   "annotation a3: deleted on one side, edited on the other\nlink l9: dropped");

  /* cancelled: nothing changes */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.settle-merge-conflicts", NULL));
  spin ();
  g_assert_nonnull (collate_window_get_pending_alert (window));
  collate_alert_respond (collate_window_get_pending_alert (window), 0);
  spin ();
  g_assert_true (g_hash_table_contains (collate_project_get_metadata (project), COLLATE_MERGE_CONFLICTS_KEY));
  g_assert_false (collate_project_get_modified (project));

  /* confirmed: the key goes, the project has a change to save */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.settle-merge-conflicts", NULL));
  spin ();
  collate_alert_respond (collate_window_get_pending_alert (window), 1);
  spin ();
  g_assert_false (g_hash_table_contains (collate_project_get_metadata (project), COLLATE_MERGE_CONFLICTS_KEY));
  g_assert_true (collate_project_get_modified (project));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (window->conflicts_revealer)));
  collate_project_set_modified (project, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

int
main (int   argc,
      char *argv[])
{
  /* icons are recognised through the system's MIME data */
  g_content_type_set_mime_dirs (NULL);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();

  g_test_add ("/curation/step-and-decide", Fixture, NULL, set_up, test_step_and_decide, tear_down);
  g_test_add ("/curation/author-filter", Fixture, NULL, set_up, test_author_filter, tear_down);
  g_test_add ("/curation/links", Fixture, "links", set_up, test_links, tear_down);
  g_test_add_func ("/curation/agreement", test_agreement);
  g_test_add_func ("/curation/agreement-links", test_agreement_links);
  g_test_add_func ("/curation/merge-conflicts", test_merge_conflicts);

  return g_test_run ();
}
