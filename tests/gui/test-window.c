/* test-window.c — the window: opening, saving, closing, recovery, errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives CollateWindow through its actions and asserts on the model, the
 * files written and the widgets.  Runs under Xvfb (run-under-xvfb.sh).
 */
#include "../collate-test-disk.h"

#include "config.h"

#include <math.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtk/gtk.h>
#include <libsoup/soup.h>

#include "collate.h"
#include "collate-application.h"
#include "collate-compat.h"
#include "collate-export-dialog.h"
#include "collate-import-dialog.h"
#include "collate-preferences.h"
#include "collate-window-private.h"
#include "collate-workspace.h"
#include "collate-test-gui.h"

static CollateApplication *app;
static GSettings *settings;
static char *tmp_dir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static GFile *
sample_file (guint n)
{
  g_autofree char *name = g_strdup_printf ("witkoff-putin-report-%u.txt", n);

  return g_file_new_build_filename (COLLATE_SAMPLES_DIR, name, NULL);
}

/* A new project from the two sample reports, shown in a new window, that
 * Save writes to @save_path. */
static CollateWindow *
new_sample_window (const char *save_name)
{
  g_autoptr(GFile) save_to = NULL;
  GFile *files[2] = { sample_file (1), sample_file (2) };
  CollateWindow *window = collate_window_new (app);

  if (save_name != NULL)
    {
      g_autofree char *path = tmp_path (save_name);

      save_to = g_file_new_for_path (path);
    }
  collate_application_new_from_text_files (app, files, 2, save_to, GTK_WINDOW (window));
  g_object_unref (files[0]);
  g_object_unref (files[1]);
  g_assert_nonnull (collate_window_get_project (window));
  spin ();
  return window;
}

static CollateAnnotation *
add_span (CollateProject *project,
          guint           doc,
          const char     *phrase,
          const char     *label)
{
  CollateDocument *document = collate_project_get_document (project, doc);
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
  g_assert_nonnull (span);
  return span;
}

static void
save_and_wait (CollateWindow *window)
{
  CollateProject *project = collate_window_get_project (window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  /* (a project with nothing done is not modified before the save either) */
  WAIT_UNTIL (window->saving == 0 &&
              (!collate_project_get_modified (project) || collate_window_get_pending_alert (window) != NULL
               || collate_window_get_banner_visible (window)));
}

/* ── Tests ── */

static void
test_start_view (void)
{
  CollateWindow *window = collate_window_new (app);
  g_autofree char *recent_path = tmp_path ("recent.collate.json");
  const char *recent[] = { recent_path, NULL };

  gtk_window_present (GTK_WINDOW (window));
  spin ();

  g_assert_null (collate_window_get_project (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Collate");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "start");
  g_assert_false (gtk_widget_get_visible (window->undo_button));

  /* Recent projects follow the setting */
  g_settings_set_strv (settings, "recent-projects", recent);
  spin ();
  g_assert_cmpuint (collate_start_view_get_n_recent (window->start_view), ==, 1);
  g_settings_reset (settings, "recent-projects");
  spin ();
  g_assert_cmpuint (collate_start_view_get_n_recent (window->start_view), ==, 0);

  /* The sample opens in this same window, never saved but with nothing
   * done yet: no unsaved mark */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL));
  spin ();
  g_assert_nonnull (collate_window_get_project (window));
  g_assert_cmpuint (collate_project_get_n_documents (collate_window_get_project (window)), ==, 2);
  g_assert_false (collate_project_get_modified (collate_window_get_project (window)));
  g_assert_null (collate_window_get_file (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "workspace");
  g_assert_nonnull (collate_window_get_workspace (window));
  g_assert_cmpuint (collate_workspace_get_n_panes (COLLATE_WORKSPACE (collate_window_get_workspace (window))), ==, 2);
  g_assert_false (g_str_has_prefix (gtk_label_get_label (window->title_label), "•"));
  g_assert_cmpstr (gtk_label_get_label (window->subtitle_label), ==, "Not saved yet");
  /* …until something is done */
  g_assert_nonnull (collate_project_add_span (collate_window_get_project (window), "d1", 0, 5, "Claim", NULL));
  spin ();
  g_assert_true (g_str_has_prefix (gtk_label_get_label (window->title_label), "•"));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "sample"));

  destroy_all_windows (GTK_APPLICATION (app));
}

static void
test_new_from_missing_text_file (void)
{
  CollateWindow *window = collate_window_new (app);
  g_autofree char *missing_path = tmp_path ("no-such-report.txt");
  GFile *files[1] = { g_file_new_for_path (missing_path) };

  collate_application_new_from_text_files (app, files, 1, NULL, GTK_WINDOW (window));
  spin ();
  g_assert_null (collate_window_get_project (window));
  g_assert_true (collate_window_get_banner_visible (window));
  g_assert_nonnull (strstr (collate_window_get_banner_text (window), "no-such-report.txt"));
  g_object_unref (files[0]);

  destroy_all_windows (GTK_APPLICATION (app));
}

/* ── Articles in: the clipboard, web pages and URLs ── */

static CollateDocument *
only_document (CollateWindow *window)
{
  CollateProject *project = collate_window_get_project (window);

  g_assert_nonnull (project);
  g_assert_cmpuint (g_list_model_get_n_items (collate_project_get_documents (project)), ==, 1);
  return collate_project_get_document (project, 0);
}

static void
test_new_from_clipboard (void)
{
  CollateWindow *window = collate_window_new (app);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  CollateDocument *document;

  gtk_window_present (GTK_WINDOW (window));

  /* Nothing to paste: said so, nothing made */
  gdk_clipboard_set_text (clipboard, "  \n");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-from-clipboard", NULL);
  WAIT_UNTIL (collate_window_get_banner_visible (window));
  g_assert_null (collate_window_get_project (window));
  g_assert_nonnull (strstr (collate_window_get_banner_text (window), "clipboard holds no text"));

  /* Text: a new project of that one document */
  gdk_clipboard_set_text (clipboard, "Talks end\nThe talks ended after four hours.\n");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-from-clipboard", NULL);
  WAIT_UNTIL (collate_window_get_project (window) != NULL);
  document = only_document (window);
  g_assert_cmpstr (collate_document_get_text (document), ==, "Talks end\nThe talks ended after four hours.\n");
  g_assert_cmpstr (collate_document_get_title (document), ==, "Talks end");
  g_assert_cmpstr (collate_document_get_source (document), ==, "clipboard");
  g_assert_true (collate_project_get_modified (collate_window_get_project (window)));

  destroy_all_windows (GTK_APPLICATION (app));
}

static void
page_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  static const char page[] =
    "<html><head><meta property=\"og:site_name\" content=\"Example News\"></head><body>"
    "<nav>Home</nav><article><h1>Talks end</h1><p>The talks ended after four hours.</p>"
    "</article><footer>Contact</footer></body></html>";

  if (strcmp (path, "/stall") == 0)
    {
      /* no answer until the fetch is cancelled */
      soup_server_message_pause (msg);
      return;
    }
  if (strcmp (path, "/talks") != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
}

/* A URL pasted is fetched (here from a server on 127.0.0.1): progress in
 * the banner, the article as the new project's document, or the reason */
static void
test_new_from_pasted_url (void)
{
  CollateWindow *window = collate_window_new (app);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *url = NULL;
  GSList *uris;
  CollateDocument *document;

  soup_server_add_handler (server, NULL, page_cb, NULL, NULL);
  soup_server_listen (server, address, 0, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  gtk_window_present (GTK_WINDOW (window));

  missing = g_strconcat ("  ", base, "/gone\n", NULL);
  gdk_clipboard_set_text (clipboard, missing);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-from-clipboard", NULL);
  WAIT_UNTIL (window->fetch_cancellable != NULL);
  WAIT_UNTIL (window->fetch_cancellable == NULL);
  g_assert_null (collate_window_get_project (window));
  g_assert_true (collate_window_get_banner_visible (window));
  g_assert_nonnull (strstr (collate_window_get_banner_text (window), "HTTP 404"));

  /* Cancel in the banner: nothing made, nothing said */
  {
    g_autofree char *stall = g_strconcat (base, "/stall", NULL);

    gdk_clipboard_set_text (clipboard, stall);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.new-from-clipboard", NULL);
    WAIT_UNTIL (window->fetch_cancellable != NULL);
    g_assert_true (collate_window_get_banner_visible (window));
    g_assert_cmpstr (collate_window_get_banner_text (window), ==, stall);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-fetch", NULL);
    WAIT_UNTIL (window->fetch_cancellable == NULL);
    spin ();
    g_assert_null (collate_window_get_project (window));
    g_assert_false (collate_window_get_banner_visible (window));
  }

  url = g_strconcat (base, "/talks", NULL);
  gdk_clipboard_set_text (clipboard, url);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-from-clipboard", NULL);
  WAIT_UNTIL (collate_window_get_project (window) != NULL);
  document = only_document (window);
  g_assert_cmpstr (collate_document_get_title (document), ==, "Talks end");
  g_assert_cmpstr (collate_document_get_text (document), ==, "Talks end\n\nThe talks ended after four hours.\n");
  g_assert_cmpstr (collate_document_get_source (document), ==, url);
  g_assert_cmpstr (collate_document_get_metadata_value (document, "publisher"), ==, "Example News");

  /* collate URL: fetched into a window of its own, this one being taken */
  {
    g_autoptr(GFile) file = g_file_new_for_uri (url);
    guint n_windows = g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
    CollateWindow *other;

    g_application_open (G_APPLICATION (app), &file, 1, "");
    WAIT_UNTIL (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))) > n_windows);
    other = gtk_application_get_windows (GTK_APPLICATION (app))->data;
    g_assert_true (other != window);
    WAIT_UNTIL (collate_window_get_project (other) != NULL);
    g_assert_cmpstr (collate_document_get_source (only_document (other)), ==, url);
  }

  soup_server_disconnect (server);
  destroy_all_windows (GTK_APPLICATION (app));
}

/* Add Document from Clipboard, Add Documents… and a URL pasted into an
 * open project add to it, one undoable step each, and the panes follow */
static void
test_add_to_project (void)
{
  CollateWindow *window = new_sample_window (NULL);
  CollateProject *project = collate_window_get_project (window);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *page_path = tmp_path ("added.html");
  g_autofree char *binary_path = tmp_path ("added.bin");
  GSList *uris;
  CollateDocument *document;

  gtk_window_present (GTK_WINDOW (window));
  spin ();
  g_assert_cmpuint (collate_workspace_get_n_panes (COLLATE_WORKSPACE (collate_window_get_workspace (window))), ==, 2);

  /* text from the clipboard: a third document, and a third pane */
  gdk_clipboard_set_text (clipboard, "Talks end\nThe talks ended after four hours.\n");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-from-clipboard", NULL);
  WAIT_UNTIL (collate_project_get_n_documents (project) == 3);
  WAIT_UNTIL (collate_workspace_get_n_panes (COLLATE_WORKSPACE (collate_window_get_workspace (window))) == 3);
  g_assert_true (collate_window_get_project (window) == project);
  document = collate_project_get_document (project, 2);
  g_assert_cmpstr (collate_document_get_id (document), ==, "d3");
  g_assert_cmpstr (collate_document_get_title (document), ==, "Talks end");
  g_assert_cmpstr (collate_document_get_source (document), ==, "clipboard");
  g_assert_cmpstr (collate_project_get_undo_description (project), ==, "Add Document");

  /* undone in one step: the pane goes too */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpuint (collate_project_get_n_documents (project), ==, 2);
  WAIT_UNTIL (collate_workspace_get_n_panes (COLLATE_WORKSPACE (collate_window_get_workspace (window))) == 2);

  /* files: the page is added, the binary file named in the error */
  g_assert_true (g_file_set_contents (page_path,
                                      "<html><body><article><h1>Port reopens</h1>"
                                      "<p>The port reopened on Tuesday.</p></article></body></html>",
                                      -1, NULL));
  g_assert_true (g_file_set_contents (binary_path, "\x7f" "ELF\x02\x01\x01\0\0\0\0\0", 12, NULL));
  {
    GFile *files[2] = { g_file_new_for_path (binary_path), g_file_new_for_path (page_path) };

    collate_window_add_files (window, files, 2);
    g_object_unref (files[0]);
    g_object_unref (files[1]);
  }
  WAIT_UNTIL (collate_project_get_n_documents (project) == 3);
  WAIT_UNTIL (collate_window_get_banner_visible (window) &&
              strstr (collate_window_get_banner_text (window), "added.bin") != NULL);
  g_assert_cmpstr (collate_document_get_title (collate_project_get_document (project, 2)), ==, "Port reopens");
  /* the id of the document undone is not given again */
  g_assert_cmpstr (collate_document_get_id (collate_project_get_document (project, 2)), ==, "d4");

  /* a URL: fetched, then added */
  soup_server_add_handler (server, NULL, page_cb, NULL, NULL);
  soup_server_listen (server, address, 0, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/talks", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  gdk_clipboard_set_text (clipboard, url);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-from-clipboard", NULL);
  WAIT_UNTIL (collate_project_get_n_documents (project) == 4);
  g_assert_true (collate_window_get_project (window) == project);
  document = collate_project_get_document (project, 3);
  g_assert_cmpstr (collate_document_get_source (document), ==, url);
  g_assert_cmpstr (collate_document_get_id (document), ==, "d5");
  g_assert_cmpstr (collate_document_get_metadata_value (document, "publisher"), ==, "Example News");
  WAIT_UNTIL (collate_workspace_get_n_panes (COLLATE_WORKSPACE (collate_window_get_workspace (window))) == 4);

  /* a text file dropped on the window: added too */
  {
    g_autofree char *text_path = tmp_path ("dropped.txt");
    g_autoptr(GFile) text_file = NULL;
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
    GtkDropTarget *target = NULL;
    GValue value = G_VALUE_INIT;
    gboolean accepted = FALSE;

    g_assert_true (g_file_set_contents (text_path, "Dropped report.\nThe ship left.\n", -1, NULL));
    text_file = g_file_new_for_path (text_path);
    for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_DROP_TARGET (controller))
          target = GTK_DROP_TARGET (controller);
      }
    g_assert_nonnull (target);
    g_value_init (&value, GDK_TYPE_FILE_LIST);
    g_value_take_boxed (&value, gdk_file_list_new_from_array ((GFile *[]) { text_file }, 1));
    g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
    g_value_unset (&value);
    g_assert_true (accepted);
    WAIT_UNTIL (collate_project_get_n_documents (project) == 5);
    g_assert_true (collate_window_get_project (window) == project);
    g_assert_cmpstr (collate_document_get_title (collate_project_get_document (project, 4)), ==,
                     "Dropped report.");
    g_unlink (text_path);
  }

  soup_server_disconnect (server);
  g_unlink (page_path);
  g_unlink (binary_path);
  destroy_all_windows (GTK_APPLICATION (app));
}

static void
test_save_and_reload (void)
{
  CollateWindow *window = new_sample_window ("saved.collate.json");
  CollateProject *project = collate_window_get_project (window);
  g_autofree char *path = tmp_path ("saved.collate.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CollateProject) reloaded = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) recent = NULL;
  CollateAnnotation *a, *b;
  CollateWindow *second;

  g_settings_set_string (settings, "annotator-name", "Ada Annotator");
  a = add_span (project, 0, "four-and-a-half-hour meeting", "Quantity");
  b = add_span (project, 1, "over four hours", "Quantity");
  g_assert_cmpstr (collate_annotation_get_author (a), ==, "Ada Annotator");
  g_assert_nonnull (collate_project_add_link (project, "Contradicts",
                                              collate_annotation_get_id (a),
                                              collate_annotation_get_id (b), &error));
  g_assert_no_error (error);

  save_and_wait (window);
  g_assert_false (collate_project_get_modified (project));
  g_assert_false (collate_window_get_banner_visible (window));
  g_assert_true (g_file_query_exists (file, NULL));
  g_assert_false (g_str_has_prefix (gtk_label_get_label (window->title_label), "•"));

  /* The file holds exactly the project */
  before = collate_project_to_bytes (project);
  reloaded = collate_project_load_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  after = collate_project_to_bytes (reloaded);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (collate_project_get_n_annotations (reloaded), ==, 2);
  g_assert_cmpuint (collate_project_get_n_links (reloaded), ==, 1);

  /* It is now the most recent project */
  recent = g_settings_get_strv (settings, "recent-projects");
  g_assert_cmpstr (recent[0], ==, path);

  /* Opening it again presents the window that has it */
  collate_application_open_project (app, file, NULL);
  spin ();
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);

  /* … and a fresh window reads it back */
  destroy_all_windows (GTK_APPLICATION (app));
  second = collate_window_new (app);
  collate_window_load_file (second, file);
  WAIT_UNTIL (!collate_window_is_loading (second));
  g_assert_nonnull (collate_window_get_project (second));
  g_assert_false (collate_project_get_modified (collate_window_get_project (second)));
  g_assert_cmpuint (collate_project_get_n_annotations (collate_window_get_project (second)), ==, 2);
  g_assert_true (g_file_equal (collate_window_get_file (second), file));

  g_settings_reset (settings, "annotator-name");
  g_settings_reset (settings, "recent-projects");
  destroy_all_windows (GTK_APPLICATION (app));
}

static void
test_tag_and_undo (void)
{
  CollateWindow *window = new_sample_window (NULL);
  CollateProject *project = collate_window_get_project (window);
  CollateWorkspace *workspace = COLLATE_WORKSPACE (collate_window_get_workspace (window));
  GtkTextView *view = collate_workspace_get_text_view (workspace, 0);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autoptr(GError) error = NULL;
  CollateAnnotation *span;

  gtk_window_present (GTK_WINDOW (window));
  spin ();
  g_assert_false (gtk_widget_is_sensitive (window->undo_button));

  /* A keyboard selection of "Trump" (the first word), tagged as a Person */
  gtk_text_buffer_get_iter_at_offset (buffer, &start, 0);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, 5);
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  span = collate_workspace_tag_selection (workspace, "Person", &error);
  g_assert_no_error (error);
  g_assert_nonnull (span);
  g_assert_cmpstr (collate_annotation_get_text (span), ==, "Trump");
  g_assert_cmpuint (collate_project_get_n_annotations (project), ==, 1);
  spin ();
  g_assert_true (gtk_widget_is_sensitive (window->undo_button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (window->undo_button), ==, "Undo “Add Person”");

  /* The tooltip names the latest step, not the first */
  g_assert_true (collate_project_set_annotation_label (project, collate_annotation_get_id (span), "Claim", &error));
  spin ();
  g_assert_cmpstr (gtk_widget_get_tooltip_text (window->undo_button), ==, "Undo “Relabel as Claim”");
  g_assert_true (collate_project_undo (project));
  spin ();
  g_assert_cmpstr (gtk_widget_get_tooltip_text (window->undo_button), ==, "Undo “Add Person”");

  /* Undo and redo through the window's actions */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (collate_project_get_n_annotations (project), ==, 0);
  g_assert_true (collate_project_can_redo (project));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpuint (collate_project_get_n_annotations (project), ==, 1);
  span = g_list_model_get_item (collate_project_get_annotations (project), 0);
  g_assert_cmpstr (collate_annotation_get_label (span), ==, "Person");
  g_object_unref (span);

  destroy_all_windows (GTK_APPLICATION (app));
}

/* Undo and redo select what they bring back */
static void
test_undo_selects (void)
{
  CollateWindow *window = new_sample_window (NULL);
  CollateProject *project = collate_window_get_project (window);
  CollateWorkspace *workspace = COLLATE_WORKSPACE (collate_window_get_workspace (window));
  CollateDocument *d1 = collate_project_get_document (project, 0);
  CollateDocument *d2 = collate_project_get_document (project, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *l = NULL;

  gtk_window_present (GTK_WINDOW (window));
  spin ();
  a = g_strdup (collate_annotation_get_id (
        collate_project_add_span (project, collate_document_get_id (d1), 0, 5, "Person", &error)));
  g_assert_no_error (error);
  b = g_strdup (collate_annotation_get_id (
        collate_project_add_span (project, collate_document_get_id (d2), 0, 4, "Location", &error)));
  g_assert_no_error (error);
  l = g_strdup (collate_link_get_id (collate_project_add_link (project, "Contradicts", a, b, &error)));
  g_assert_no_error (error);

  /* Deleting the span takes its link; undo brings both back, the span selected */
  g_assert_true (collate_workspace_select (workspace, a));
  g_assert_true (collate_project_remove_annotation (project, a, &error));
  g_assert_no_error (error);
  spin ();
  g_assert_cmpstr (collate_workspace_get_selected_id (workspace), ==, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_nonnull (collate_project_lookup_link (project, l));
  g_assert_cmpstr (collate_workspace_get_selected_id (workspace), ==, a);

  /* A label changed back selects that span, wherever the selection was */
  g_assert_true (collate_project_set_annotation_label (project, b, "Person", &error));
  g_assert_true (collate_workspace_select (workspace, l));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (collate_annotation_get_label (collate_project_lookup_annotation (project, b)),
                   ==, "Location");
  g_assert_cmpstr (collate_workspace_get_selected_id (workspace), ==, b);

  /* Undoing the removal of a link selects the link again */
  g_assert_true (collate_project_remove_link (project, l, &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (collate_workspace_get_selected_id (workspace), ==, l);

  destroy_all_windows (GTK_APPLICATION (app));
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_undo_in_text_field (void)
{
  CollateWindow *window = new_sample_window (NULL);
  CollateProject *project = collate_window_get_project (window);
  GtkWidget *field;

  gtk_window_present (GTK_WINDOW (window));
  spin ();
  add_span (project, 0, "Vladimir Putin", "Person");

  /* With a text field focused (the sidebar's search), Ctrl+Z is the field's */
  field = find_descendant (GTK_WIDGET (window), GTK_TYPE_TEXT);
  g_assert_nonnull (field);
  g_assert_true (gtk_widget_grab_focus (field));
  spin ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (collate_project_get_n_annotations (project), ==, 1);

  /* Elsewhere it undoes the last change */
  collate_workspace_focus_text (COLLATE_WORKSPACE (collate_window_get_workspace (window)));
  spin ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (collate_project_get_n_annotations (project), ==, 0);

  destroy_all_windows (GTK_APPLICATION (app));
}

static void
test_unsaved_prompt (void)
{
  CollateWindow *window = new_sample_window ("prompt.collate.json");
  g_autofree char *path = tmp_path ("prompt.collate.json");
  GtkWindow *alert;
  GWeakRef ref;

  g_weak_ref_init (&ref, window);
  gtk_window_present (GTK_WINDOW (window));
  spin ();
  add_span (collate_window_get_project (window), 0, "Vladimir Putin", "Person");

  /* Closing with unsaved changes asks; Cancel keeps the window */
  gtk_window_close (GTK_WINDOW (window));
  spin ();
  alert = collate_window_get_pending_alert (window);
  g_assert_nonnull (alert);
  g_assert_true (GTK_IS_MESSAGE_DIALOG (alert));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "•"));
  collate_alert_respond (alert, 0);
  spin ();
  g_assert_null (collate_window_get_pending_alert (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (collate_project_get_modified (collate_window_get_project (window)));

  /* Save writes the file and then closes */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close", NULL));
  spin ();
  alert = collate_window_get_pending_alert (window);
  g_assert_nonnull (alert);
  collate_alert_respond (alert, 2);
  WAIT_UNTIL (g_weak_ref_get (&ref) == NULL || !gtk_widget_get_visible (GTK_WIDGET (window)));
  WAIT_UNTIL (gtk_application_get_windows (GTK_APPLICATION (app)) == NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Discard closes without writing */
  window = new_sample_window ("discarded.collate.json");
  add_span (collate_window_get_project (window), 0, "Vladimir Putin", "Person");
  gtk_window_close (GTK_WINDOW (window));
  spin ();
  collate_alert_respond (collate_window_get_pending_alert (window), 1);
  spin ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_free (path);
  path = tmp_path ("discarded.collate.json");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* A new project nobody annotated closes without a question */
  window = new_sample_window (NULL);
  g_assert_false (collate_project_get_modified (collate_window_get_project (window)));
  gtk_window_close (GTK_WINDOW (window));
  spin ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));

  g_weak_ref_clear (&ref);
  destroy_all_windows (GTK_APPLICATION (app));
}

static void
test_quit_asks_each_window (void)
{
  CollateWindow *first = new_sample_window (NULL);
  CollateWindow *second = new_sample_window (NULL);
  GList *windows;

  add_span (collate_window_get_project (first), 0, "Vladimir Putin", "Person");
  add_span (collate_window_get_project (second), 1, "Steve Witkoff", "Person");
  gtk_window_present (GTK_WINDOW (first));
  gtk_window_present (GTK_WINDOW (second));
  spin ();
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 2);

  collate_application_quit (app);
  spin ();
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  /* One question at a time */
  g_assert_true ((collate_window_get_pending_alert (first) != NULL)
                 != (collate_window_get_pending_alert (second) != NULL));
  {
    CollateWindow *asking = collate_window_get_pending_alert (first) != NULL ? first : second;
    CollateWindow *other = asking == first ? second : first;

    /* Discard the first, then cancel at the second: the second stays */
    collate_alert_respond (collate_window_get_pending_alert (asking), 1);
    spin ();
    g_assert_nonnull (collate_window_get_pending_alert (other));
    collate_alert_respond (collate_window_get_pending_alert (other), 0);
    spin ();
    windows = gtk_application_get_windows (GTK_APPLICATION (app));
    g_assert_cmpuint (g_list_length (windows), ==, 1);
    g_assert_true (windows->data == (gpointer) other);
  }

  destroy_all_windows (GTK_APPLICATION (app));
}

static void
test_recovery_after_crash (void)
{
  CollateWindow *window = new_sample_window ("recovered.collate.json");
  CollateProject *project = collate_window_get_project (window);
  g_autofree char *path = tmp_path ("recovered.collate.json");
  g_autoptr(GFile) origin = g_file_new_for_path (path);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  CollateRecovery *copy;
  CollateAnnotation *a, *b;
  g_autoptr(GError) error = NULL;

  /* Save once, then change it */
  save_and_wait (window);
  g_assert_false (collate_project_get_modified (project));
  a = add_span (project, 0, "third official meeting with Putin since February", "Claim");
  b = add_span (project, 1, "third visit to Russia this year", "Claim");
  collate_project_add_link (project, "Contradicts", collate_annotation_get_id (a),
                            collate_annotation_get_id (b), &error);
  g_assert_no_error (error);
  before = collate_project_to_bytes (project);
  title = g_strdup (collate_project_get_title (project));

  /* The copy is written in the background */
  collate_window_autosave_now (window);
  g_assert_nonnull (collate_window_get_recovery (window));
  WAIT_UNTIL (!collate_recovery_is_writing (collate_window_get_recovery (window)));
  g_assert_true (collate_recovery_get_exists (collate_window_get_recovery (window)));
  id = g_strdup (collate_recovery_get_id (collate_window_get_recovery (window)));

  /* A running window's copy is not offered */
  copies = collate_application_list_recovery (app);
  g_assert_cmpuint (copies->len, ==, 0);
  g_clear_pointer (&copies, g_ptr_array_unref);

  /* "Crash": the window goes away without closing */
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();

  /* Next start: the copy is offered in the start view */
  window = collate_window_new (app);
  g_assert_cmpuint (collate_start_view_get_n_recovery (window->start_view), ==, 1);
  copies = collate_application_list_recovery (app);
  g_assert_cmpuint (copies->len, ==, 1);
  copy = g_ptr_array_index (copies, 0);
  g_assert_cmpstr (collate_recovery_get_id (copy), ==, id);
  g_assert_true (g_file_equal (collate_recovery_get_origin (copy), origin));
  g_assert_cmpstr (collate_recovery_get_title (copy), ==, title);

  /* Recover: the same project, unsaved, saving to the original file */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.recover", "s", id));
  spin ();
  project = collate_window_get_project (window);
  g_assert_nonnull (project);
  after = collate_project_to_bytes (project);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_true (collate_project_get_modified (project));
  g_assert_true (g_file_equal (collate_window_get_file (window), origin));

  /* Saving writes the original and removes the copy */
  save_and_wait (window);
  g_assert_false (collate_project_get_modified (project));
  g_clear_pointer (&copies, g_ptr_array_unref);
  copies = collate_application_list_recovery (app);
  g_assert_cmpuint (copies->len, ==, 0);
  g_assert_null (collate_window_get_recovery (window));
  {
    g_autoptr(CollateProject) saved = collate_project_load_file (origin, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (collate_project_get_n_links (saved), ==, 1);
  }

  destroy_all_windows (GTK_APPLICATION (app));
}

/* After a crash, `collate PROJECT` opens the project and still says that
 * unsaved work was found: the start view that lists the copies is not on
 * screen while the project loads. */
static void
test_recovery_offered_when_opening_file (void)
{
  CollateWindow *window = new_sample_window ("opened-after-crash.collate.json");
  g_autofree char *path = tmp_path ("opened-after-crash.collate.json");
  g_autoptr(GFile) origin = g_file_new_for_path (path);
  g_autoptr(CollateApplication) next = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GError) error = NULL;
  GList *windows;

  save_and_wait (window);
  add_span (collate_window_get_project (window), 0, "Vladimir Putin", "Person");
  collate_window_autosave_now (window);
  WAIT_UNTIL (!collate_recovery_is_writing (collate_window_get_recovery (window)));
  /* "Crash" */
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();

  /* The next start, with the project named on the command line */
  next = collate_application_new (settings, collate_application_get_recovery_dir (app));
  g_application_set_flags (G_APPLICATION (next),
                           g_application_get_flags (G_APPLICATION (next)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (next), NULL, &error));
  g_assert_no_error (error);
  g_application_open (G_APPLICATION (next), &origin, 1, "");
  windows = gtk_application_get_windows (GTK_APPLICATION (next));
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  window = windows->data;
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  WAIT_UNTIL (!collate_window_is_loading (window));
  spin ();

  g_assert_nonnull (collate_window_get_project (window));
  g_assert_true (collate_window_get_banner_visible (window));
  g_assert_nonnull (strstr (collate_window_get_banner_text (window), "can be recovered"));

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  copies = collate_application_list_recovery (app);
  g_assert_cmpuint (copies->len, ==, 1);
  g_assert_true (collate_recovery_discard (g_ptr_array_index (copies, 0), NULL));
}

/* A Collate that crashed is a zombie until its parent reaps it: its copy
 * is offered all the same. */
static void
test_recovery_of_unreaped_process (void)
{
  CollateWindow *window = new_sample_window (NULL);
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *ini = NULL;
  g_autofree char *stat_path = NULL;
  pid_t child;

  add_span (collate_window_get_project (window), 0, "Vladimir Putin", "Person");
  collate_window_autosave_now (window);
  WAIT_UNTIL (!collate_recovery_is_writing (collate_window_get_recovery (window)));
  id = g_strdup (collate_recovery_get_id (collate_window_get_recovery (window)));
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();

  /* a process of the same name that ended and was not reaped wrote it */
  child = fork ();
  if (child == 0)
    _exit (0);
  g_assert_cmpint (child, >, 0);
  stat_path = g_strdup_printf ("/proc/%d/stat", (int) child);
  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *stat = NULL;

      if (g_file_get_contents (stat_path, &stat, NULL, NULL)
          && strstr (strrchr (stat, ')'), ") Z") != NULL)
        break;
      g_usleep (10000);
    }
  ini = g_strdup_printf ("%s/%s.ini", g_file_peek_path (collate_application_get_recovery_dir (app)), id);
  g_assert_true (g_key_file_load_from_file (info, ini, G_KEY_FILE_KEEP_COMMENTS, &error));
  g_assert_no_error (error);
  g_key_file_set_integer (info, "Recovery", "pid", (int) child);
  g_assert_true (g_key_file_save_to_file (info, ini, &error));
  g_assert_no_error (error);

  copies = collate_application_list_recovery (app);
  waitpid (child, NULL, 0);
  g_assert_cmpuint (copies->len, ==, 1);
  g_assert_cmpstr (collate_recovery_get_id (g_ptr_array_index (copies, 0)), ==, id);
  g_assert_true (collate_recovery_discard (g_ptr_array_index (copies, 0), NULL));
}

static void
test_discard_recovery (void)
{
  CollateWindow *window = new_sample_window (NULL);
  g_autoptr(GPtrArray) copies = NULL;
  g_autofree char *id = NULL;

  add_span (collate_window_get_project (window), 0, "Vladimir Putin", "Person");
  collate_window_autosave_now (window);
  WAIT_UNTIL (!collate_recovery_is_writing (collate_window_get_recovery (window)));
  id = g_strdup (collate_recovery_get_id (collate_window_get_recovery (window)));
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();

  window = collate_window_new (app);
  g_assert_cmpuint (collate_start_view_get_n_recovery (window->start_view), ==, 1);
  /* it asks first: Cancel keeps the copy */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.discard-recovery", "s", id));
  spin ();
  g_assert_nonnull (collate_window_get_pending_alert (window));
  collate_alert_respond (collate_window_get_pending_alert (window), 0);
  spin ();
  g_assert_cmpuint (collate_start_view_get_n_recovery (window->start_view), ==, 1);
  /* Discard discards */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.discard-recovery", "s", id));
  spin ();
  collate_alert_respond (collate_window_get_pending_alert (window), 1);
  spin ();
  g_assert_cmpuint (collate_start_view_get_n_recovery (window->start_view), ==, 0);
  copies = collate_application_list_recovery (app);
  g_assert_cmpuint (copies->len, ==, 0);
  g_assert_null (collate_window_get_project (window));

  destroy_all_windows (GTK_APPLICATION (app));
}

static void
test_clean_close_leaves_no_copy (void)
{
  CollateWindow *window = new_sample_window (NULL);
  g_autoptr(GPtrArray) copies = NULL;

  add_span (collate_window_get_project (window), 0, "Vladimir Putin", "Person");
  collate_window_autosave_now (window);
  WAIT_UNTIL (!collate_recovery_is_writing (collate_window_get_recovery (window)));
  gtk_window_close (GTK_WINDOW (window));
  spin ();
  collate_alert_respond (collate_window_get_pending_alert (window), 1);
  spin ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));

  copies = collate_application_list_recovery (app);
  g_assert_cmpuint (copies->len, ==, 0);
}

static void
check_refused (const char *name,
               const char *contents,
               gssize      length,
               const char *expected)
{
  g_autofree char *path = tmp_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CollateWindow *window;

  if (contents != NULL)
    g_assert_true (g_file_set_contents (path, contents, length, NULL));

  window = collate_window_new (app);
  collate_application_open_project (app, file, GTK_WINDOW (window));
  WAIT_UNTIL (!collate_window_is_loading (window));
  spin ();

  g_assert_null (collate_window_get_project (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "start");
  g_assert_true (collate_window_get_banner_visible (window));
  g_test_message ("%s: %s", name, collate_window_get_banner_text (window));
  g_assert_nonnull (strstr (collate_window_get_banner_text (window), expected));

  destroy_all_windows (GTK_APPLICATION (app));
}

static void
test_refuse_corrupt_project (void)
{
  g_autoptr(CollateSchema) schema = collate_schema_new_default ();
  g_autoptr(CollateProject) project = collate_project_new ("Corrupt", schema);
  g_autoptr(CollateDocument) document = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_text = NULL;
  char *at;

  check_refused ("truncated.collate.json", "{\"format\": \"collate-project\", \"vers", -1,
                 "truncated.collate.json");
  check_refused ("not-a-project.json", "[1, 2, 3]\n", -1, "not-a-project.json");
  check_refused ("missing.collate.json", NULL, 0, "missing.collate.json");
  check_refused ("binary.collate.json", "\x89PNG\r\n\x1a\n\0\0\0", 11, "binary.collate.json");

  /* A valid project whose span points past the end of its document */
  document = collate_document_new ("d1", "One", "one.txt", "Short text.", -1, &error);
  g_assert_no_error (error);
  g_assert_true (collate_project_add_document (project, document, &error));
  g_assert_nonnull (collate_project_add_span (project, "d1", 0, 5, "Claim", &error));
  bytes = collate_project_to_bytes (project);
  json = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  at = strstr (json, "\"end\"");
  g_assert_nonnull (at);
  at = strchr (at, '5');
  g_assert_nonnull (at);
  /* "end" : 5 becomes "end" : 99, past the end of "Short text." */
  *at = '\0';
  json_text = g_strconcat (json, "99", at + 1, NULL);
  check_refused ("past-the-end.collate.json", json_text, -1, "annotations[0]");
}

static void
test_file_changed_on_disk (void)
{
  CollateWindow *window = new_sample_window ("changed.collate.json");
  CollateProject *project = collate_window_get_project (window);
  g_autofree char *path = tmp_path ("changed.collate.json");
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GtkWindow *alert;

  save_and_wait (window);
  g_assert_false (collate_project_get_modified (project));

  /* Someone else writes the file; the etag changes */
  g_usleep (G_USEC_PER_SEC / 100);
  g_assert_true (g_file_set_contents (path, "{}\n", -1, NULL));
  add_span (project, 0, "Vladimir Putin", "Person");

  save_and_wait (window);
  alert = collate_window_get_pending_alert (window);
  g_assert_nonnull (alert);
  g_assert_true (collate_project_get_modified (project));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "{}\n");

  /* Overwrite */
  collate_alert_respond (alert, 3);
  WAIT_UNTIL (!collate_project_get_modified (project));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  bytes = collate_project_to_bytes (project);
  g_assert_cmpstr (contents, ==, g_bytes_get_data (bytes, NULL));

  destroy_all_windows (GTK_APPLICATION (app));
}

/* Writes @project to @path as another program would: a moment later, so
 * that the file's time (its etag) changes */
static void
write_behind_window (CollateProject *project,
                     const char     *path)
{
  g_autoptr(GBytes) bytes = collate_project_to_bytes (project);

  g_usleep (G_USEC_PER_SEC / 50);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      (gssize) g_bytes_get_size (bytes), NULL));
}

/* A copy of the project in @path with one more span, in document @doc */
static CollateProject *
changed_copy (const char *path,
              guint       doc,
              const char *phrase)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CollateProject *copy = collate_project_load_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  add_span (copy, doc, phrase, "Person");
  return copy;
}

static gboolean
has_span_text (CollateProject *project,
               const char     *text)
{
  GListModel *spans = collate_project_get_annotations (project);

  for (guint i = 0; i < g_list_model_get_n_items (spans); i++)
    {
      g_autoptr(CollateAnnotation) span = g_list_model_get_item (spans, i);

      if (g_strcmp0 (collate_annotation_get_text (span), text) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Runs the main loop for @ms milliseconds */
static void
spin_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
}

/* Changes made to the open file by another program show a banner when they
 * happen (not the window's own saves); Reload reads the file again, asking
 * first when that would drop unsaved changes; a deleted file is said too,
 * and Save writes it back */
static void
test_file_watched (void)
{
  CollateWindow *window = new_sample_window ("watched.collate.json");
  CollateProject *project = collate_window_get_project (window);
  g_autofree char *path = tmp_path ("watched.collate.json");
  g_autoptr(CollateProject) other = NULL;
  g_autofree char *folder_said = NULL;
  GtkWindow *alert;

  save_and_wait (window);
  /* The window's own saves are not someone else's change */
  add_span (project, 0, "Vladimir Putin", "Person");
  save_and_wait (window);
  spin_for (1000);
  g_assert_false (collate_window_get_banner_visible (window));

  /* Another program writes the file: noticed without saving, and Reload
   * (no unsaved changes: no question) shows its version */
  other = changed_copy (path, 1, "Steve Witkoff");
  write_behind_window (other, path);
  WAIT_UNTIL (collate_window_get_banner_visible (window));
  g_test_message ("banner: %s", collate_window_get_banner_text (window));
  g_assert_nonnull (strstr (collate_window_get_banner_text (window), "Another program changed “watched.collate.json”"));
  g_assert_cmpstr (gtk_button_get_label (window->banner_button), ==, "_Reload");
  g_signal_emit_by_name (window->banner_button, "clicked");
  WAIT_UNTIL (collate_window_get_project (window) != project && !collate_window_is_loading (window));
  project = collate_window_get_project (window);
  g_assert_null (collate_window_get_pending_alert (window));
  g_assert_cmpuint (collate_project_get_n_annotations (project), ==, 2);
  g_assert_false (collate_project_get_modified (project));
  g_assert_false (collate_window_get_banner_visible (window));

  /* With unsaved changes the banner says they would be lost, and Reload
   * asks: Cancel keeps them, Reload drops them */
  add_span (project, 0, "Donald Trump", "Person");
  g_clear_object (&other);
  other = changed_copy (path, 1, "Marco Rubio");
  write_behind_window (other, path);
  WAIT_UNTIL (collate_window_get_banner_visible (window));
  g_assert_nonnull (strstr (collate_window_get_banner_text (window), "discards the changes you have not saved"));
  g_signal_emit_by_name (window->banner_button, "clicked");
  alert = collate_window_get_pending_alert (window);
  g_assert_nonnull (alert);
  collate_alert_respond (alert, 0);
  spin ();
  g_assert_true (collate_window_get_project (window) == project);
  g_assert_cmpuint (collate_project_get_n_annotations (project), ==, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reload", NULL));
  alert = collate_window_get_pending_alert (window);
  g_assert_nonnull (alert);
  collate_alert_respond (alert, 1);
  WAIT_UNTIL (collate_window_get_project (window) != project && !collate_window_is_loading (window));
  project = collate_window_get_project (window);
  g_assert_cmpuint (collate_project_get_n_annotations (project), ==, 3);
  g_assert_true (has_span_text (project, "Marco Rubio"));
  g_assert_false (has_span_text (project, "Donald Trump"));
  g_assert_false (collate_project_get_modified (project));
  g_assert_null (collate_window_get_recovery (window));

  /* Deleted: the banner names the folder, and Save writes the file again */
  g_assert_cmpint (g_unlink (path), ==, 0);
  WAIT_UNTIL (collate_window_get_banner_visible (window));
  g_test_message ("banner: %s", collate_window_get_banner_text (window));
  folder_said = g_strdup_printf ("is no longer in “%s”", tmp_dir);
  g_assert_nonnull (strstr (collate_window_get_banner_text (window), folder_said));
  g_assert_cmpstr (gtk_button_get_label (window->banner_button), ==, "_Save");
  g_signal_emit_by_name (window->banner_button, "clicked");
  WAIT_UNTIL (window->saving == 0 && g_file_test (path, G_FILE_TEST_EXISTS));
  spin_for (1000);
  g_assert_false (collate_window_get_banner_visible (window));

  /* Renamed: the banner names the new place, and the window can take it */
  {
    g_autofree char *renamed = tmp_path ("renamed.collate.json");
    g_autofree char *said = g_strdup_printf ("to “%s”", renamed);
    g_autoptr(GFile) renamed_file = g_file_new_for_path (renamed);
    g_autoptr(CollateProject) saved = NULL;

    g_assert_cmpint (g_rename (path, renamed), ==, 0);
    WAIT_UNTIL (collate_window_get_banner_visible (window));
    g_test_message ("banner: %s", collate_window_get_banner_text (window));
    g_assert_nonnull (strstr (collate_window_get_banner_text (window), said));
    g_signal_emit_by_name (window->banner_button, "clicked");
    spin_for (500);
    g_assert_true (g_file_equal (collate_window_get_file (window), renamed_file));
    g_assert_false (collate_window_get_banner_visible (window));
    /* saving goes there, with no question */
    add_span (project, 0, "Saint Petersburg", "Location");
    save_and_wait (window);
    g_assert_null (collate_window_get_pending_alert (window));
    g_assert_false (collate_project_get_modified (project));
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    saved = collate_project_load_file (renamed_file, NULL, NULL, NULL);
    g_assert_nonnull (saved);
    g_assert_cmpuint (collate_project_get_n_annotations (saved), ==,
                      collate_project_get_n_annotations (project));
  }

  destroy_all_windows (GTK_APPLICATION (app));
}

/* The save-time question about a file changed on disk offers Reload */
static void
test_conflict_reload (void)
{
  CollateWindow *window = new_sample_window ("conflict.collate.json");
  CollateProject *project = collate_window_get_project (window);
  g_autofree char *path = tmp_path ("conflict.collate.json");
  g_autoptr(CollateProject) other = NULL;
  GtkWindow *alert;

  save_and_wait (window);
  other = changed_copy (path, 1, "Steve Witkoff");
  /* quicker than the watch: the save finds out */
  add_span (project, 0, "Vladimir Putin", "Person");
  write_behind_window (other, path);
  save_and_wait (window);
  alert = collate_window_get_pending_alert (window);
  g_assert_nonnull (alert);
  collate_alert_respond (alert, 1);
  WAIT_UNTIL (collate_window_get_project (window) != project && !collate_window_is_loading (window));
  project = collate_window_get_project (window);
  g_assert_cmpuint (collate_project_get_n_annotations (project), ==, 1);
  g_assert_true (has_span_text (project, "Steve Witkoff"));
  g_assert_false (collate_project_get_modified (project));

  destroy_all_windows (GTK_APPLICATION (app));
}

/* The sample project: clean reports, each under its own title */
static void
test_sample_project (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("COLLATE_SAMPLES_DIR"));
  CollateWindow *window = collate_window_new (app);
  CollateProject *project;
  g_autofree char *empty = tmp_path ("no-manifest");

  g_setenv ("COLLATE_SAMPLES_DIR", SOURCE_SAMPLES_DIR, TRUE);
  collate_application_open_sample (app, GTK_WINDOW (window));
  spin ();
  project = collate_window_get_project (window);
  g_assert_nonnull (project);
  g_assert_cmpuint (collate_project_get_n_documents (project), ==, 2);
  g_assert_cmpstr (collate_document_get_title (collate_project_get_document (project, 0)), ==,
                   "Trump to Russia: ‘Get Moving’ on Ukraine as Witkoff Holds Talks With Putin");
  g_assert_cmpstr (collate_document_get_title (collate_project_get_document (project, 1)), ==,
                   "Trump tells Russia to get moving as Witkoff meets Putin");
  for (guint i = 0; i < 2; i++)
    {
      const char *text = collate_document_get_text (collate_project_get_document (project, i));

      g_assert_null (strstr (text, "Leave a Reply"));
      g_assert_null (strstr (text, "\n0\n"));
      g_assert_null (strstr (text, "\n60\n"));
    }
  destroy_all_windows (GTK_APPLICATION (app));

  /* Without its list of reports: a clear error, naming the list */
  g_assert_cmpint (g_mkdir_with_parents (empty, 0755), ==, 0);
  g_setenv ("COLLATE_SAMPLES_DIR", empty, TRUE);
  window = collate_window_new (app);
  collate_application_open_sample (app, GTK_WINDOW (window));
  spin ();
  g_assert_null (collate_window_get_project (window));
  g_assert_true (collate_window_get_banner_visible (window));
  g_test_message ("banner: %s", collate_window_get_banner_text (window));
  g_assert_nonnull (strstr (collate_window_get_banner_text (window), "sample.ini"));

  if (saved != NULL)
    g_setenv ("COLLATE_SAMPLES_DIR", saved, TRUE);
  else
    g_unsetenv ("COLLATE_SAMPLES_DIR");
  destroy_all_windows (GTK_APPLICATION (app));
}

/* ── Measured on screen ── */

typedef struct
{
  guchar *pixels;   /* B8G8R8A8 premultiplied (opaque here) */
  int     width;
  int     height;
  gsize   stride;
} Shot;

static void
shot_free (Shot *shot)
{
  g_free (shot->pixels);
  g_free (shot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Shot, shot_free)

/* The window as it is drawn, in pixels (saved as NAME.png in
 * $COLLATE_TEST_SHOTS when set, to look at) */
static Shot *
take_shot (GtkWidget  *window,
           const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  Shot *shot = g_new0 (Shot, 1);
  const char *dir = g_getenv ("COLLATE_TEST_SHOTS");

  shot->width = gtk_widget_get_width (window);
  shot->height = gtk_widget_get_height (window);
  gdk_paintable_snapshot (paintable, snapshot, shot->width, shot->height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, shot->width, shot->height));
  shot->stride = (gsize) shot->width * 4;
  shot->pixels = g_malloc ((gsize) shot->height * shot->stride);
  gdk_texture_download (texture, shot->pixels, shot->stride);
  if (dir != NULL)
    {
      g_autofree char *file = g_strconcat (name, ".png", NULL);
      g_autofree char *path = g_build_filename (dir, file, NULL);

      gdk_texture_save_to_png (texture, path);
    }
  return shot;
}

/* WCAG 2 relative luminance of an sRGB colour */
static double
luminance (guint32 bgr)
{
  double channel[3];

  for (guint i = 0; i < 3; i++)
    {
      double c = ((bgr >> (8 * i)) & 0xff) / 255.0;

      channel[i] = c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
    }
  /* stored blue, green, red */
  return 0.0722 * channel[0] + 0.7152 * channel[1] + 0.2126 * channel[2];
}

static double
contrast (guint32 a,
          guint32 b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* In the part of @shot that @widget covers: the background (the commonest
 * colour) and the text (the colour that stands out from it most: the
 * inside of the strokes, not their smoothed edges); their contrast */
static double
measure_contrast (Shot      *shot,
                  GtkWidget *window,
                  GtkWidget *widget,
                  guint32   *text_out)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  graphene_rect_t bounds;
  guint32 background = 0, text = 0;
  guint best = 0;
  double most = 1;
  int x0, y0, x1, y1;

  g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
  x0 = MAX (0, (int) bounds.origin.x);
  y0 = MAX (0, (int) bounds.origin.y);
  x1 = MIN (shot->width, (int) (bounds.origin.x + bounds.size.width));
  y1 = MIN (shot->height, (int) (bounds.origin.y + bounds.size.height));
  g_assert_cmpint (x1 - x0, >, 4);
  g_assert_cmpint (y1 - y0, >, 4);
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        const guchar *p = shot->pixels + (gsize) y * shot->stride + (gsize) x * 4;
        guint32 colour = p[0] | (p[1] << 8) | (p[2] << 16);
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (colour))) + 1;

        g_hash_table_insert (counts, GUINT_TO_POINTER (colour), GUINT_TO_POINTER (n));
        if (n > best)
          {
            best = n;
            background = colour;
          }
      }
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        const guchar *p = shot->pixels + (gsize) y * shot->stride + (gsize) x * 4;
        guint32 colour = p[0] | (p[1] << 8) | (p[2] << 16);
        double c = contrast (colour, background);

        if (c > most)
          {
            most = c;
            text = colour;
          }
      }
  if (text_out != NULL)
    *text_out = text;
  return most;
}

static void
collect_by_css (GtkWidget  *root,
                const char *css_name,
                const char *css_class,
                GPtrArray  *found)
{
  if ((css_name != NULL && g_strcmp0 (gtk_widget_get_css_name (root), css_name) == 0)
      || (css_class != NULL && gtk_widget_has_css_class (root, css_class)))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    collect_by_css (child, css_name, css_class, found);
}

/* A window of the sample reports (and a third, German one when @three),
 * @width × 760 on screen, its first report focused */
static CollateWindow *
shown_window_of (int      width,
                 gboolean three)
{
  GFile *files[3] = { sample_file (1), sample_file (2),
                      g_file_new_build_filename (g_getenv ("G_TEST_SRCDIR"), "data",
                                                 "report-de.txt", NULL) };
  CollateWindow *window = collate_window_new (app);
  CollateWorkspace *workspace;

  collate_application_new_from_text_files (app, files, three ? 3 : 2, NULL, GTK_WINDOW (window));
  for (guint i = 0; i < 3; i++)
    g_object_unref (files[i]);
  g_assert_nonnull (collate_window_get_project (window));
  workspace = COLLATE_WORKSPACE (collate_window_get_workspace (window));

  gtk_window_set_default_size (GTK_WINDOW (window), width, 760);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
  spin_for (300);
  /* without a window manager the default size holds the resize border too */
  if (gtk_widget_get_width (GTK_WIDGET (window)) != width)
    {
      int border = width - gtk_widget_get_width (GTK_WIDGET (window));

      gtk_window_set_default_size (GTK_WINDOW (window), width + border,
                                   760 + border);
      WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (window)) == width);
    }
  g_test_message ("window: %d × %d", gtk_widget_get_width (GTK_WIDGET (window)),
                  gtk_widget_get_height (GTK_WIDGET (window)));
  gtk_widget_grab_focus (GTK_WIDGET (collate_workspace_get_text_view (workspace, 0)));
  /* let the layout and the style settle (the panes follow the width) */
  spin_for (600);
  return window;
}

/* The focused report's title (in the accent colour), the other's, and the
 * label buttons' names have WCAG AA contrast (4.5:1) against what is
 * behind them, in light and in dark style, measured in the pixels drawn */
static void
test_contrast_measured (void)
{
  const char *schemes[] = { "light", "dark" };

  for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
    {
      CollateWindow *window;
      g_autoptr(GPtrArray) titles = g_ptr_array_new ();
      g_autoptr(GPtrArray) hotkeys = g_ptr_array_new ();
      g_autoptr(GPtrArray) palettes = g_ptr_array_new ();
      g_autoptr(Shot) shot = NULL;
      g_autofree char *name = g_strdup_printf ("contrast-%s", schemes[s]);
      guint32 focused_colour = 0, other_colour = 0;
      double c;

      g_settings_set_string (settings, "color-scheme", schemes[s]);
      window = shown_window_of (1200, FALSE);
      collect_by_css (GTK_WIDGET (window), NULL, "collate-pane-title", titles);
      collect_by_css (GTK_WIDGET (window), NULL, "collate-hotkey", hotkeys);
      collect_by_css (GTK_WIDGET (window), "collate-palette", NULL, palettes);
      g_assert_cmpuint (titles->len, ==, 2);
      shot = take_shot (GTK_WIDGET (window), name);

      c = measure_contrast (shot, GTK_WIDGET (window), titles->pdata[0], &focused_colour);
      g_test_message ("%s: focused report's title %06x, %.2f:1", schemes[s], focused_colour, c);
      g_assert_cmpfloat (c, >=, 4.5);
      c = measure_contrast (shot, GTK_WIDGET (window), titles->pdata[1], &other_colour);
      g_test_message ("%s: other report's title %06x, %.2f:1", schemes[s], other_colour, c);
      g_assert_cmpfloat (c, >=, 4.5);
      /* the focused one stands out in the accent: bluer than the other */
      g_assert_cmpuint (focused_colour & 0xff, >, (focused_colour >> 16) & 0xff);
      g_assert_cmpuint (focused_colour, !=, other_colour);

      for (guint i = 0; i < hotkeys->len; i++)
        if (gtk_widget_get_mapped (hotkeys->pdata[i]))
          {
            guint32 colour;

            c = measure_contrast (shot, GTK_WIDGET (window), hotkeys->pdata[i], &colour);
            g_test_message ("%s: label hotkey %u %06x, %.2f:1", schemes[s], i + 1, colour, c);
            g_assert_cmpfloat (c, >=, 4.5);
          }
      destroy_all_windows (GTK_APPLICATION (app));
    }
  g_settings_reset (settings, "color-scheme");
}

/* Every report shown is wholly on screen and the panes share the width, at
 * 1200 px and at half of a 1366 px screen; with three reports, those that do
 * not fit are left out, and the chooser above the panes says so — never
 * scrolled out of view.  Measured in the widget tree. */
static void
test_pane_widths (void)
{
  const int widths[] = { 1200, 683 };

  for (guint n = 2; n <= 3; n++)
    for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
      {
        CollateWindow *window = shown_window_of (widths[w], n == 3);
        g_autoptr(GPtrArray) panes = g_ptr_array_new ();
        g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
        g_autofree char *said = g_strdup_printf ("of %u reports shown", n);
        guint shown = 0, choosers = 0;
        int first = -1;

        collect_by_css (GTK_WIDGET (window), "collate-pane", NULL, panes);
        collect_by_css (GTK_WIDGET (window), "menubutton", NULL, buttons);
        for (guint i = buttons->len; i > 0; i--)
          if (!GTK_IS_MENU_BUTTON (buttons->pdata[i - 1]))
            g_ptr_array_remove_index (buttons, i - 1);
        g_assert_cmpuint (panes->len, ==, n);
        for (guint i = 0; i < panes->len; i++)
          {
            graphene_rect_t bounds;

            if (!gtk_widget_get_mapped (panes->pdata[i]))
              continue;
            shown++;
            g_assert_true (gtk_widget_compute_bounds (panes->pdata[i], GTK_WIDGET (window),
                                                      &bounds));
            g_test_message ("%u reports, %d px: pane %u at %.0f, %.0f px wide", n, widths[w],
                            i, bounds.origin.x, bounds.size.width);
            /* wholly inside the window, and wide enough to read */
            g_assert_cmpfloat (bounds.origin.x, >=, 0);
            g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, widths[w]);
            g_assert_cmpfloat (bounds.size.width, >=, 200);
            if (first < 0)
              first = (int) bounds.size.width;
            else
              g_assert_cmpint (ABS ((int) bounds.size.width - first), <=, 2);
          }
        for (guint i = 0; i < buttons->len; i++)
          {
            const char *label = gtk_menu_button_get_label (buttons->pdata[i]);

            if (gtk_widget_get_mapped (buttons->pdata[i]) && label != NULL && strstr (label, said))
              {
                g_test_message ("%u reports, %d px: the chooser says “%s”", n, widths[w], label);
                choosers++;
              }
          }
        g_assert_cmpuint (shown, >=, 1);
        /* all side by side, or the chooser says how many are */
        if (shown < n)
          g_assert_cmpuint (choosers, ==, 1);
        else
          g_assert_cmpuint (choosers, ==, 0);
        /* two reports always fit in 683 px */
        if (n == 2)
          g_assert_cmpuint (shown, ==, 2);
        destroy_all_windows (GTK_APPLICATION (app));
      }
}

/* Resizes @window to @width × 760 px (without a window manager the default
 * size holds the resize border too) and lets the panes follow */
static void
resize_window (CollateWindow *window,
               int            width)
{
  int border, height;

  gtk_window_get_default_size (GTK_WINDOW (window), &border, &height);
  border -= gtk_widget_get_width (GTK_WIDGET (window));
  gtk_window_set_default_size (GTK_WINDOW (window), width + border, 760 + border);
  WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (window)) == width);
  spin_for (600);
}

/* Which of the three reports are shown (a bit each, in project order), and
 * what the chooser says ("" when it is not shown) */
static guint
shown_panes (CollateWindow *window,
             char         **said)
{
  g_autoptr(GPtrArray) panes = g_ptr_array_new ();
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  double last = -1;
  guint mask = 0;

  collect_by_css (GTK_WIDGET (window), "collate-pane", NULL, panes);
  g_assert_cmpuint (panes->len, ==, 3);
  for (guint i = 0; i < panes->len; i++)
    if (gtk_widget_get_mapped (panes->pdata[i]))
      {
        graphene_rect_t bounds;

        g_assert_true (gtk_widget_compute_bounds (panes->pdata[i], GTK_WIDGET (window), &bounds));
        /* side by side in project order */
        g_assert_cmpfloat (bounds.origin.x, >, last);
        last = bounds.origin.x;
        mask |= 1u << i;
      }
  *said = g_strdup ("");
  collect_by_css (GTK_WIDGET (window), "menubutton", NULL, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (GTK_IS_MENU_BUTTON (buttons->pdata[i]) && gtk_widget_get_mapped (buttons->pdata[i]))
      {
        const char *label = gtk_menu_button_get_label (buttons->pdata[i]);

        if (label != NULL && strstr (label, "reports shown"))
          {
            g_free (*said);
            *said = g_strdup (label);
          }
      }
  g_test_message ("%d px: reports shown %s%s%s, chooser “%s”",
                  gtk_widget_get_width (GTK_WIDGET (window)),
                  mask & 1 ? "1 " : "", mask & 2 ? "2 " : "", mask & 4 ? "3 " : "", *said);
  return mask;
}

/* Narrowing the window hides the reports used longest ago, never the one
 * being worked in; widening brings them all back in project order */
static void
test_narrow_keeps_focused_pane (void)
{
  CollateWindow *window = shown_window_of (1200, TRUE);
  CollateWorkspace *workspace = COLLATE_WORKSPACE (collate_window_get_workspace (window));
  g_autofree char *said = NULL;

  /* the caret in the first report, as a click in it puts it */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (collate_workspace_get_text_view (workspace, 0))));
  spin_for (100);
  g_assert_cmpuint (shown_panes (window, &said), ==, 0x7);
  g_assert_cmpstr (said, ==, "");
  g_clear_pointer (&said, g_free);

  resize_window (window, 683);
  g_assert_cmpuint (shown_panes (window, &said), ==, 0x3);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (collate_workspace_get_text_view (workspace, 0))));
  g_assert_cmpstr (said, ==, "2 of 3 reports shown");
  g_clear_pointer (&said, g_free);

  resize_window (window, 1200);
  g_assert_cmpuint (shown_panes (window, &said), ==, 0x7);
  g_assert_cmpstr (said, ==, "");
  g_clear_pointer (&said, g_free);

  /* the caret in the third report: the second, used longest ago, gives way */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (collate_workspace_get_text_view (workspace, 2))));
  spin_for (100);
  resize_window (window, 683);
  g_assert_cmpuint (shown_panes (window, &said), ==, 0x5);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (collate_workspace_get_text_view (workspace, 2))));
  g_assert_cmpstr (said, ==, "2 of 3 reports shown");
  g_clear_pointer (&said, g_free);

  /* the second chosen with the button: the first, used longest ago, gives
   * way, the third with the caret stays */
  {
    g_autoptr(GPtrArray) checks = g_ptr_array_new ();
    const char *title = collate_document_get_title (collate_project_get_document (collate_window_get_project (window), 1));
    guint ticked = 0;

    collect_by_css (GTK_WIDGET (window), "checkbutton", NULL, checks);
    for (guint i = 0; i < checks->len; i++)
      if (GTK_IS_CHECK_BUTTON (checks->pdata[i])
          && g_strcmp0 (gtk_check_button_get_label (checks->pdata[i]), title) == 0)
        {
          g_assert_false (gtk_check_button_get_active (checks->pdata[i]));
          gtk_check_button_set_active (checks->pdata[i], TRUE);
          ticked++;
        }
    g_assert_cmpuint (ticked, ==, 1);
  }
  spin_for (300);
  g_assert_cmpuint (shown_panes (window, &said), ==, 0x6);
  g_assert_cmpstr (said, ==, "2 of 3 reports shown");
  g_clear_pointer (&said, g_free);

  /* the caret still in the third, a span selected in the first: the
   * second gives way, though chosen more recently than the caret came */
  resize_window (window, 1200);
  g_assert_cmpuint (shown_panes (window, &said), ==, 0x7);
  g_clear_pointer (&said, g_free);
  {
    CollateProject *project = collate_window_get_project (window);
    const char *first = collate_document_get_id (collate_project_get_document (project, 0));
    CollateAnnotation *span = collate_project_add_span (project, first, 0, 5, "Person", NULL);

    g_assert_nonnull (span);
    g_assert_true (collate_workspace_select (workspace, collate_annotation_get_id (span)));
  }
  resize_window (window, 683);
  g_assert_cmpuint (shown_panes (window, &said), ==, 0x5);
  g_assert_cmpstr (said, ==, "2 of 3 reports shown");
  g_clear_pointer (&said, g_free);

  resize_window (window, 1200);
  g_assert_cmpuint (shown_panes (window, &said), ==, 0x7);
  g_assert_cmpstr (said, ==, "");
  destroy_all_windows (GTK_APPLICATION (app));
}

static void
test_forget_missing_recent (void)
{
  g_autofree char *gone = tmp_path ("gone.collate.json");
  g_autoptr(GFile) file = g_file_new_for_path (gone);
  const char *recent[] = { gone, NULL };
  CollateWindow *window = collate_window_new (app);
  g_auto(GStrv) after = NULL;

  g_settings_set_strv (settings, "recent-projects", recent);
  spin ();
  g_assert_cmpuint (collate_start_view_get_n_recent (window->start_view), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", "s", gone));
  WAIT_UNTIL (!collate_window_is_loading (window));
  g_assert_true (collate_window_get_banner_visible (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->banner_button)));

  /* The banner's button forgets it */
  g_signal_emit_by_name (window->banner_button, "clicked");
  spin ();
  after = g_settings_get_strv (settings, "recent-projects");
  g_assert_cmpuint (g_strv_length (after), ==, 0);
  g_assert_cmpuint (collate_start_view_get_n_recent (window->start_view), ==, 0);
  g_assert_false (collate_window_get_banner_visible (window));

  g_settings_reset (settings, "recent-projects");
  destroy_all_windows (GTK_APPLICATION (app));
}

static void
test_save_twice_at_once (void)
{
  CollateWindow *window = new_sample_window ("twice.collate.json");
  CollateProject *project = collate_window_get_project (window);
  g_autofree char *path = tmp_path ("twice.collate.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CollateProject) saved = NULL;
  g_autoptr(GError) error = NULL;

  save_and_wait (window);
  /* A change, then Ctrl+S twice before the first write ends: the second
   * waits for the first and no "changed on disk" question comes up */
  add_span (project, 0, "Vladimir Putin", "Person");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  add_span (project, 1, "Steve Witkoff", "Person");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  WAIT_UNTIL (!collate_project_get_modified (project) || collate_window_get_pending_alert (window) != NULL);
  g_assert_null (collate_window_get_pending_alert (window));
  g_assert_false (collate_window_get_banner_visible (window));

  saved = collate_project_load_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (collate_project_get_n_annotations (saved), ==, 2);

  destroy_all_windows (GTK_APPLICATION (app));
}

static void
test_save_failure_shows_reason (void)
{
  CollateWindow *window = new_sample_window ("no-such-folder/inside.collate.json");
  CollateProject *project = collate_window_get_project (window);

  add_span (project, 0, "Vladimir Putin", "Person");
  save_and_wait (window);
  g_assert_true (collate_project_get_modified (project));
  g_assert_true (collate_window_get_banner_visible (window));
  g_test_message ("save error: %s", collate_window_get_banner_text (window));
  {
    g_autofree char *folder = tmp_path ("no-such-folder");
    g_autofree char *said = g_strdup_printf ("the folder “%s” does not exist", folder);

    g_assert_nonnull (strstr (collate_window_get_banner_text (window), said));
  }

  destroy_all_windows (GTK_APPLICATION (app));
}

/* Saving into a folder that cannot be written names the folder; the
 * changes stay, and once the folder is writable again the save works */
static void
test_save_read_only_folder (void)
{
  g_autofree char *dir = tmp_path ("locked");
  g_autofree char *said = g_strdup_printf ("the folder “%s”", dir);
  gboolean mounted = test_disk_mount (dir, 1024 * 1024);
  CollateWindow *window = new_sample_window ("locked/kept.collate.json");
  CollateProject *project = collate_window_get_project (window);
  int code;

  save_and_wait (window);
  g_assert_false (collate_window_get_banner_visible (window));
  code = test_disk_make_read_only (dir, mounted);
  if (code == 0)
    {
      destroy_all_windows (GTK_APPLICATION (app));
      test_disk_unmount (dir, mounted);
      g_test_skip ("no way to make a folder read-only here");
      return;
    }
  add_span (project, 0, "Vladimir Putin", "Person");
  save_and_wait (window);
  g_assert_true (collate_project_get_modified (project));
  g_assert_true (collate_window_get_banner_visible (window));
  g_test_message ("save error: %s", collate_window_get_banner_text (window));
  g_assert_nonnull (strstr (collate_window_get_banner_text (window), said));
  g_assert_nonnull (strstr (collate_window_get_banner_text (window), "choose another folder"));

  test_disk_make_writable (dir, mounted);
  save_and_wait (window);
  g_assert_false (collate_project_get_modified (project));
  destroy_all_windows (GTK_APPLICATION (app));
  test_disk_unmount (dir, mounted);
}


static void
test_preferences (void)
{
  CollateWindow *window = new_sample_window (NULL);
  CollateProject *project = collate_window_get_project (window);
  CollatePreferences *prefs = collate_preferences_new (settings, GTK_WINDOW (window));
  GtkWidget *entry, *size_button, *dropdown;
  CollateAnnotation *span;
  gboolean dark = FALSE;

  gtk_window_present (GTK_WINDOW (prefs));
  spin ();

  /* The widgets write the settings at once */
  entry = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (prefs), COLLATE_TYPE_PREFERENCES, "annotator_entry"));
  size_button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (prefs), COLLATE_TYPE_PREFERENCES, "font_size_spin"));
  dropdown = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (prefs), COLLATE_TYPE_PREFERENCES, "style_dropdown"));
  g_assert_nonnull (entry);

  gtk_editable_set_text (GTK_EDITABLE (entry), "Zoë Reyes");
  g_assert_cmpstr (g_settings_get_string (settings, "annotator-name"), ==, "Zoë Reyes");
  /* … and new spans carry the name */
  span = add_span (project, 0, "Vladimir Putin", "Person");
  g_assert_cmpstr (collate_annotation_get_author (span), ==, "Zoë Reyes");

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (size_button), 14);
  g_assert_cmpint (g_settings_get_int (settings, "font-size"), ==, 14);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 2);
  g_assert_cmpint (g_settings_get_enum (settings, "color-scheme"), ==, 2);
  g_object_get (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", &dark, NULL);
  g_assert_true (dark);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 1);
  g_object_get (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", &dark, NULL);
  g_assert_false (dark);

  /* The menu's sidebar item is the setting */
  g_assert_true (g_settings_get_boolean (settings, "sidebar-visible"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "sidebar-visible", NULL);
  g_assert_false (g_settings_get_boolean (settings, "sidebar-visible"));

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_settings_reset (settings, "annotator-name");
  g_settings_reset (settings, "font-size");
  g_settings_reset (settings, "color-scheme");
  g_settings_reset (settings, "sidebar-visible");
  destroy_all_windows (GTK_APPLICATION (app));
}

static void
test_open_from_command_line (void)
{
  GFile *texts[2] = { sample_file (1), sample_file (2) };
  g_autofree char *out_path = tmp_path ("from-command-line.collate.json");
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autofree char *out_uri = g_file_get_uri (out);
  g_autofree char *hint = g_strconcat ("save-to:", out_uri, NULL);
  GList *windows;
  CollateWindow *window;

  /* collate --save-to OUT a.txt b.txt */
  g_application_open (G_APPLICATION (app), texts, 2, hint);
  spin ();
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  window = windows->data;
  g_assert_nonnull (collate_window_get_project (window));
  g_assert_cmpuint (collate_project_get_n_documents (collate_window_get_project (window)), ==, 2);
  g_assert_true (g_file_equal (collate_window_get_file (window), out));

  /* Save writes there without asking */
  save_and_wait (window);
  g_assert_null (collate_window_get_pending_alert (window));
  g_assert_true (g_file_query_exists (out, NULL));
  destroy_all_windows (GTK_APPLICATION (app));

  /* collate OUT: the project opens in its own window */
  g_application_open (G_APPLICATION (app), &out, 1, "");
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  window = windows->data;
  WAIT_UNTIL (!collate_window_is_loading (window));
  g_assert_nonnull (collate_window_get_project (window));
  g_assert_false (collate_project_get_modified (collate_window_get_project (window)));

  g_object_unref (texts[0]);
  g_object_unref (texts[1]);
  destroy_all_windows (GTK_APPLICATION (app));
}

static void
test_secondary_windows (void)
{
  CollateWindow *window = new_sample_window (NULL);
  guint before;

  gtk_window_present (GTK_WINDOW (window));
  spin ();
  before = g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));

  /* Each opens without a warning (warnings are fatal here) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  spin ();
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)))));
  gtk_widget_set_visible (GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))), FALSE);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  spin ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  spin ();
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), >, before);

  destroy_all_windows (GTK_APPLICATION (app));
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static void
test_export_and_import_actions (void)
{
  CollateWindow *window = collate_window_new (app);
  GtkWindow *dialog;

  gtk_window_present (GTK_WINDOW (window));
  spin ();

  /* Nothing to export from the start view; importing is possible */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL)
                  && find_toplevel (COLLATE_TYPE_EXPORT_DIALOG) != NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL));
  spin ();
  dialog = find_toplevel (COLLATE_TYPE_IMPORT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  gtk_window_destroy (dialog);
  destroy_all_windows (GTK_APPLICATION (app));

  window = new_sample_window (NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  spin ();
  dialog = find_toplevel (COLLATE_TYPE_EXPORT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  gtk_window_destroy (dialog);

  destroy_all_windows (GTK_APPLICATION (app));
}

static void
test_window_size_remembered (void)
{
  CollateWindow *window = collate_window_new (app);
  int width = 0, height = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gtk_window_present (GTK_WINDOW (window));
  spin ();
  gtk_window_close (GTK_WINDOW (window));
  spin ();
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* The next window starts at that size */
  window = collate_window_new (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  destroy_all_windows (GTK_APPLICATION (app));
}

static void
test_annotator_default (void)
{
  g_autofree char *name = NULL;

  g_settings_set_string (settings, "annotator-name", "  ");
  name = collate_window_dup_annotator (settings);
  g_assert_cmpstr (name, !=, "");
  g_assert_cmpstr (name, !=, "  ");
  g_settings_reset (settings, "annotator-name");
}

/* A save on a full disk, to a new name and over the saved file: the file
 * is what it was, no temporary stays, the banner says so, the changes and
 * their recovery copy are kept, and with room again the save works */
static void
test_save_full_disk (void)
{
  g_autofree char *dir = tmp_path ("disk");
  g_autofree char *path = tmp_path ("disk/full.collate.json");
  CollateWindow *window = NULL;
  CollateProject *project;
  gboolean mounted = test_disk_mount (dir, 1024 * 1024);
  g_autofree char *saved = NULL;
  g_autoptr(GError) error = NULL;

  window = new_sample_window ("disk/full.collate.json");
  project = collate_window_get_project (window);
  add_span (project, 0, "Saint Petersburg", "Location");

  /* A new name */
  test_disk_fill (dir, mounted, 4096);
  save_and_wait (window);
  g_test_message ("banner: %s", collate_window_get_banner_text (window));
  g_assert_true (collate_window_get_banner_visible (window));
  g_assert_nonnull (strstr (collate_window_get_banner_text (window), "the disk is full"));
  g_assert_nonnull (strstr (collate_window_get_banner_text (window), "was not created"));
  g_assert_true (collate_project_get_modified (project));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_cmpstr (name, ==, "filler");
  }

  /* With room: saved */
  test_disk_empty (dir, mounted);
  collate_window_hide_banner (window);
  save_and_wait (window);
  g_assert_false (collate_project_get_modified (project));
  g_assert_true (g_file_get_contents (path, &saved, NULL, &error));

  /* A change, its recovery copy, then the disk fills up */
  add_span (project, 0, "Vladimir Putin", "Person");
  collate_window_autosave_now (window);
  WAIT_UNTIL (!collate_recovery_is_writing (collate_window_get_recovery (window)));
  g_assert_true (collate_recovery_get_exists (collate_window_get_recovery (window)));
  collate_window_hide_banner (window);
  test_disk_fill (dir, mounted, 4096);
  save_and_wait (window);
  g_assert_true (collate_window_get_banner_visible (window));
  g_assert_nonnull (strstr (collate_window_get_banner_text (window), "the disk is full"));
  g_assert_nonnull (strstr (collate_window_get_banner_text (window), "was left as it was"));
  g_assert_true (collate_project_get_modified (project));
  {
    g_autofree char *after = NULL;
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    g_assert_true (g_file_get_contents (path, &after, NULL, &error));
    g_assert_cmpstr (after, ==, saved);
    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_true (g_str_equal (name, "filler") || g_str_equal (name, "full.collate.json"));
  }
  /* The recovery copy still holds the change */
  {
    g_autoptr(CollateProject) copy = collate_recovery_load (collate_window_get_recovery (window),
                                                           &error);

    g_assert_no_error (error);
    /* the span saved before and the change */
    g_assert_cmpuint (collate_project_get_n_annotations (copy), ==, 2);
  }

  test_disk_empty (dir, mounted);
  collate_window_hide_banner (window);
  save_and_wait (window);
  g_assert_false (collate_project_get_modified (project));
  g_assert_null (collate_window_get_recovery (window));

  destroy_all_windows (GTK_APPLICATION (app));
  g_remove (path);
  test_disk_unmount (dir, mounted);
  g_rmdir (dir);
}

/* A recovery copy that cannot be written on a full disk leaves the
 * previous copy whole, and says so */
static void
test_recovery_full_disk (void)
{
  g_autofree char *dir = tmp_path ("recovery");
  CollateWindow *window = NULL;
  CollateProject *project;
  CollateRecovery *recovery;
  gboolean mounted;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  mounted = test_disk_mount (dir, 1024 * 1024);
  window = new_sample_window (NULL);
  project = collate_window_get_project (window);

  add_span (project, 0, "Vladimir Putin", "Person");
  collate_window_autosave_now (window);
  recovery = collate_window_get_recovery (window);
  WAIT_UNTIL (!collate_recovery_is_writing (recovery));
  g_assert_true (collate_recovery_get_exists (recovery));

  test_disk_fill (dir, mounted, 4096);
  add_span (project, 1, "third visit to Russia this year", "Claim");
  collate_window_autosave_now (window);
  WAIT_UNTIL (!collate_recovery_is_writing (recovery) && collate_window_get_banner_visible (window));
  g_test_message ("banner: %s", collate_window_get_banner_text (window));
  g_assert_nonnull (strstr (collate_window_get_banner_text (window), "the disk is full"));
  {
    g_autoptr(CollateProject) copy = collate_recovery_load (recovery, &error);
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    g_assert_no_error (error);
    g_assert_cmpuint (collate_project_get_n_annotations (copy), ==, 1);
    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_false (collate_file_writer_is_temp_name (name, NULL));
  }

  test_disk_empty (dir, mounted);
  destroy_all_windows (GTK_APPLICATION (app));
  test_disk_unmount (dir, mounted);
}

/* Does the @index'th of @filters take a file named @name of @content_type? */
static gboolean
filter_takes (GListModel *filters,
              guint       index,
              const char *name,
              const char *content_type)
{
  g_autoptr(GtkFilter) filter = g_list_model_get_item (filters, index);
  g_autoptr(GFileInfo) info = g_file_info_new ();

  g_file_info_set_display_name (info, name);
  g_file_info_set_content_type (info, content_type);
  return gtk_filter_match (filter, info);
}

static const char *
filter_name (GListModel *filters,
             guint       index)
{
  g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, index);

  return gtk_file_filter_get_name (filter);  /* the model holds the filter */
}

/* The window's file choosers offer their kind of file first, then all files */
static void
test_file_filters (void)
{
  g_autoptr(GListModel) projects = collate_window_file_filters (COLLATE_WINDOW_FILES_PROJECTS);
  g_autoptr(GListModel) reports = collate_window_file_filters (COLLATE_WINDOW_FILES_REPORTS);
  g_autoptr(GListModel) sets = collate_window_file_filters (COLLATE_WINDOW_FILES_LABEL_SETS);
  GListModel *all[] = { projects, reports, sets };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_assert_true (g_list_model_get_item_type (all[i]) == GTK_TYPE_FILE_FILTER);
      g_assert_cmpuint (g_list_model_get_n_items (all[i]), ==, 2);
      g_assert_cmpstr (filter_name (all[i], 1), ==, "All Files");
      g_assert_true (filter_takes (all[i], 1, "notes.odt", "application/vnd.oasis.opendocument.text"));
    }

  g_assert_cmpstr (filter_name (projects, 0), ==, "Collate Projects");
  g_assert_true (filter_takes (projects, 0, "talks.collate.json", "application/json"));
  g_assert_true (filter_takes (projects, 0, "old.json", "application/json"));
  g_assert_false (filter_takes (projects, 0, "report.txt", "text/plain"));

  g_assert_cmpstr (filter_name (reports, 0), ==, "Reports (Text, Web Pages, PDF)");
  g_assert_true (filter_takes (reports, 0, "report.txt", "text/plain"));
  g_assert_true (filter_takes (reports, 0, "page", "text/html"));
  g_assert_true (filter_takes (reports, 0, "paper.pdf", "application/octet-stream"));
  g_assert_true (filter_takes (reports, 0, "paper", "application/pdf"));
  g_assert_false (filter_takes (reports, 0, "photo.png", "image/png"));

  g_assert_cmpstr (filter_name (sets, 0), ==, "Label sets and projects");
  g_assert_true (filter_takes (sets, 0, "news.labels.json", "application/json"));
  g_assert_true (filter_takes (sets, 0, "talks.collate.json", "application/json"));
  g_assert_false (filter_takes (sets, 0, "report.txt", "text/plain"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  test_disk_init ();
  /* Icons are recognised through the system's MIME data */
  g_content_type_set_mime_dirs (NULL);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();

  tmp_dir = g_dir_make_tmp ("collate-test-window-XXXXXX", &error);
  g_assert_no_error (error);

  settings = g_settings_new (APP_ID);
  app = test_application_new (settings, tmp_dir);

  g_test_add_func ("/window/start-view", test_start_view);
  g_test_add_func ("/window/file-filters", test_file_filters);
  g_test_add_func ("/window/new-from-missing-text-file", test_new_from_missing_text_file);
  g_test_add_func ("/window/save-and-reload", test_save_and_reload);
  g_test_add_func ("/window/new-from-clipboard", test_new_from_clipboard);
  g_test_add_func ("/window/new-from-pasted-url", test_new_from_pasted_url);
  g_test_add_func ("/window/add-to-project", test_add_to_project);
  g_test_add_func ("/window/tag-and-undo", test_tag_and_undo);
  g_test_add_func ("/window/undo-selects", test_undo_selects);
  g_test_add_func ("/window/undo-in-text-field", test_undo_in_text_field);
  g_test_add_func ("/window/unsaved-prompt", test_unsaved_prompt);
  g_test_add_func ("/window/quit-asks-each-window", test_quit_asks_each_window);
  g_test_add_func ("/window/recovery-after-crash", test_recovery_after_crash);
  g_test_add_func ("/window/recovery-offered-when-opening-file",
                   test_recovery_offered_when_opening_file);
  g_test_add_func ("/window/recovery-of-unreaped-process", test_recovery_of_unreaped_process);
  g_test_add_func ("/window/discard-recovery", test_discard_recovery);
  g_test_add_func ("/window/clean-close-leaves-no-copy", test_clean_close_leaves_no_copy);
  g_test_add_func ("/window/refuse-corrupt-project", test_refuse_corrupt_project);
  g_test_add_func ("/window/file-changed-on-disk", test_file_changed_on_disk);
  g_test_add_func ("/window/save-full-disk", test_save_full_disk);
  g_test_add_func ("/window/recovery-full-disk", test_recovery_full_disk);
  g_test_add_func ("/window/save-failure-shows-reason", test_save_failure_shows_reason);
  g_test_add_func ("/window/save-read-only-folder", test_save_read_only_folder);
  g_test_add_func ("/window/file-watched", test_file_watched);
  g_test_add_func ("/window/conflict-reload", test_conflict_reload);
  g_test_add_func ("/window/sample-project", test_sample_project);
  g_test_add_func ("/window/contrast-measured", test_contrast_measured);
  g_test_add_func ("/window/pane-widths", test_pane_widths);
  g_test_add_func ("/window/narrow-keeps-focused-pane", test_narrow_keeps_focused_pane);
  g_test_add_func ("/window/save-twice-at-once", test_save_twice_at_once);
  g_test_add_func ("/window/forget-missing-recent", test_forget_missing_recent);
  g_test_add_func ("/window/annotator-default", test_annotator_default);
  g_test_add_func ("/window/preferences", test_preferences);
  g_test_add_func ("/window/secondary-windows", test_secondary_windows);
  g_test_add_func ("/window/size-remembered", test_window_size_remembered);
  g_test_add_func ("/window/export-and-import-actions", test_export_and_import_actions);
  g_test_add_func ("/window/open-from-command-line", test_open_from_command_line);

  ret = g_test_run ();

  destroy_all_windows (GTK_APPLICATION (app));
  g_clear_object (&app);
  g_clear_object (&settings);
  return ret;
}
