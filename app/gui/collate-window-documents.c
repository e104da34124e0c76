/* collate-window-documents.c — adding documents to the open project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Add Documents… (text files, web pages, PDFs), Add Document from
 * Clipboard (its text, a web page's markup, or a web address to fetch), and
 * files or addresses dropped on a window that shows a project: each adds
 * to that project as one undoable step, and the new report's pane is shown.
 * Files are read in a thread; the project changes only on the main thread.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "collate-compat.h"
#include "collate-ingest.h"
#include "collate-text.h"
#include "collate-window-private.h"
#include "collate-workspace.h"

/* ── The panes follow the project's documents ── */

static gboolean
rebuild_workspace (gpointer data)
{
  CollateWindow *self = data;
  CollateWorkspace *workspace;
  guint n;

  self->documents_idle = 0;
  if (self->project == NULL || self->workspace == NULL)
    return G_SOURCE_REMOVE;

  gtk_box_remove (self->workspace_box, self->workspace);
  gtk_box_remove (self->palette_box, self->palette);
  workspace = collate_workspace_new (self->project, self->settings);
  self->workspace = GTK_WIDGET (workspace);
  gtk_widget_set_vexpand (self->workspace, TRUE);
  gtk_widget_set_hexpand (self->workspace, TRUE);
  gtk_box_append (self->workspace_box, self->workspace);
  self->palette = collate_label_palette_new (workspace);
  gtk_box_append (self->palette_box, self->palette);

  /* the report just added is among those shown, and has the focus */
  n = collate_project_get_n_documents (self->project);
  if (self->shown_documents < n && n > 0)
    {
      collate_workspace_show_document (workspace, n - 1);
      gtk_widget_grab_focus (GTK_WIDGET (collate_workspace_get_text_view (workspace, n - 1)));
    }
  else
    collate_workspace_focus_text (workspace);
  self->shown_documents = n;
  collate_window_update_actions (self);
  return G_SOURCE_REMOVE;
}

static void
documents_changed_cb (CollateWindow *self)
{
  if (self->documents_idle == 0)
    self->documents_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_workspace, self, NULL);
}

/**
 * collate_window_watch_documents:
 *
 * Called when the window shows a project: documents added to it, or taken
 * away by undo, rebuild the panes.
 */
void
collate_window_watch_documents (CollateWindow *self)
{
  g_clear_handle_id (&self->documents_idle, g_source_remove);
  self->shown_documents = collate_project_get_n_documents (self->project);
  g_signal_connect_object (collate_project_get_documents (self->project), "items-changed",
                           G_CALLBACK (documents_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * collate_window_add_documents:
 * @documents: (element-type CollateDocument): made with any ids
 *
 * Adds @documents to the project shown, after its others, as one undoable
 * step; a document whose id is taken gets a fresh one.
 */
void
collate_window_add_documents (CollateWindow *self,
                              GPtrArray     *documents)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (COLLATE_IS_WINDOW (self));

  if (self->project == NULL || documents->len == 0)
    return;
  collate_project_begin_group (self->project,
                               ngettext ("Add Document", "Add Documents", documents->len));
  for (guint i = 0; i < documents->len && error == NULL; i++)
    {
      CollateDocument *document = g_ptr_array_index (documents, i);

      if (!collate_project_append_document (self->project, document, &error) &&
          g_error_matches (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS))
        {
          /* made apart from the project: its id is taken here */
          g_autofree char *id = collate_project_next_document_id (self->project);
          g_autoptr(CollateDocument) renamed = collate_document_copy_with_id (document, id);

          g_clear_error (&error);
          collate_project_append_document (self->project, renamed, &error);
        }
    }
  collate_project_end_group (self->project);
  if (error != NULL)
    collate_window_show_error (self, _("The document could not be added"), error);
}

/* ── Files, read in a thread ── */

typedef struct
{
  GPtrArray *files;       /* GFile */
  GPtrArray *documents;   /* CollateDocument, those read */
  GString   *errors;      /* one line for each file that was not */
  guint      n_failed;
} AddFiles;

static void
add_files_free (AddFiles *data)
{
  g_ptr_array_unref (data->files);
  g_ptr_array_unref (data->documents);
  g_string_free (data->errors, TRUE);
  g_free (data);
}

static void
read_files_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  AddFiles *data = task_data;

  for (guint i = 0; i < data->files->len; i++)
    {
      g_autofree char *path = g_file_get_path (g_ptr_array_index (data->files, i));
      g_autofree char *id = g_strdup_printf ("d%u", i + 1);
      g_autoptr(GError) error = NULL;
      CollateDocument *document = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (g_ptr_array_index (data->files, i));

          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("%s: not a local file; save it on this computer first"), uri);
        }
      else
        document = collate_ingest_file (path, id, &error);
      if (document != NULL)
        g_ptr_array_add (data->documents, document);
      else
        {
          if (data->errors->len > 0)
            g_string_append_c (data->errors, '\n');
          g_string_append (data->errors, error->message);
          data->n_failed++;
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
files_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CollateWindow *self = COLLATE_WINDOW (source);
  AddFiles *data = g_task_get_task_data (G_TASK (result));

  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || g_cancellable_is_cancelled (self->cancellable))
    return;
  collate_window_hide_banner (self);
  collate_window_add_documents (self, data->documents);
  if (data->n_failed > 0)
    {
      g_autoptr(GError) error = g_error_new_literal (COLLATE_ERROR, COLLATE_ERROR_INVALID,
                                                     data->errors->str);

      collate_window_show_error (self,
                                 ngettext ("A file could not be added", "Some files could not be added",
                                           data->n_failed),
                                 error);
    }
}

/**
 * collate_window_add_files:
 *
 * Reads text files, saved web pages and PDFs in a thread and adds those
 * read to the project shown (collate_window_add_documents()); the others
 * are named in one error.
 */
void
collate_window_add_files (CollateWindow *self,
                          GFile        **files,
                          guint          n_files)
{
  g_autoptr(GTask) task = NULL;
  AddFiles *data;

  g_return_if_fail (COLLATE_IS_WINDOW (self));

  if (self->project == NULL || n_files == 0)
    return;
  data = g_new0 (AddFiles, 1);
  data->files = g_ptr_array_new_with_free_func (g_object_unref);
  data->documents = g_ptr_array_new_with_free_func (g_object_unref);
  data->errors = g_string_new (NULL);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (data->files, g_object_ref (files[i]));

  collate_window_show_banner (self,
                              ngettext ("Reading the report…", "Reading the reports…", n_files),
                              NULL, NULL, NULL, NULL);
  task = g_task_new (self, self->cancellable, files_read_cb, NULL);
  g_task_set_source_tag (task, collate_window_add_files);
  g_task_set_task_data (task, data, (GDestroyNotify) add_files_free);
  g_task_run_in_thread (task, read_files_thread);
}

/**
 * collate_window_chosen_files_finish:
 *
 * Finishes a file chooser for several files (collate_file_dialog_open_multiple_async()):
 * returns the files chosen, an array of GFile, or NULL when the chooser was
 * dismissed or failed; a failure is shown under @heading.
 */
GPtrArray *
collate_window_chosen_files_finish (CollateWindow *self,
                                    GAsyncResult  *result,
                                    const char    *heading)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *array;

  files = collate_file_dialog_open_multiple_finish (result, &error);
  if (files == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        collate_window_show_error (self, heading, error);
      return NULL;
    }
  array = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    g_ptr_array_add (array, g_list_model_get_item (files, i));
  return array;
}

/**
 * collate_window_clipboard_document_finish:
 * @adds: whether the document is to be added to the project shown (or
 *   made a new project of)
 *
 * Finishes reading the clipboard's text and makes a document of it: a web
 * page's article, or the text itself, titled by its first words.  Returns
 * NULL when the clipboard holds an address alone, which is fetched instead
 * (collate_window_fetch_url(), or collate_window_fetch_url_to_add() if
 * @adds), when there is nothing to make a document of (said in an error),
 * or when the window is going away or has no project to add to.
 */
CollateDocument *
collate_window_clipboard_document_finish (CollateWindow *self,
                                          GdkClipboard  *clipboard,
                                          GAsyncResult  *result,
                                          gboolean       adds)
{
  const char *heading = adds ? _("The document could not be added") : _("No document was made");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (clipboard, result, &error);
  g_autofree char *trimmed = NULL;
  g_autofree char *id = NULL;
  CollateDocument *document;

  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || (adds && self->project == NULL))
    return NULL;
  trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (trimmed[0] == '\0')
    {
      g_autoptr(GError) empty = g_error_new_literal (COLLATE_ERROR, COLLATE_ERROR_INVALID,
                                                     _("The clipboard holds no text; copy an "
                                                       "article's text or its address first."));

      collate_window_show_error (self, heading, empty);
      return NULL;
    }
  /* An address alone is fetched; anything else is the document's text */
  if (collate_ingest_is_url (trimmed) && strpbrk (trimmed, " \t\r\n") == NULL)
    {
      if (adds)
        collate_window_fetch_url_to_add (self, trimmed);
      else
        collate_window_fetch_url (self, trimmed);
      return NULL;
    }
  id = adds ? collate_project_next_document_id (self->project) : g_strdup ("d1");
  if (collate_ingest_sniff (text, strlen (text)) == COLLATE_INGEST_HTML)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

      document = collate_ingest_html (bytes, id, "clipboard", NULL, "UTF-8", NULL, &error);
    }
  else
    {
      g_autofree char *title = collate_text_guess_title (text, 120);

      document = collate_document_new (id, title, "clipboard", text, -1, &error);
    }
  if (document == NULL)
    collate_window_show_error (self, heading, error);
  return document;
}

/* ── Actions ── */

static void
files_chosen_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CollateWindow) self = user_data;
  g_autoptr(GPtrArray) files =
    collate_window_chosen_files_finish (self, result, _("The document could not be added"));

  if (files != NULL)
    collate_window_add_files (self, (GFile **) files->pdata, files->len);
}

static void
add_documents_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CollateWindow *self = COLLATE_WINDOW (widget);
  g_autoptr(GListModel) filters = NULL;
  g_autoptr(GFile) folder = NULL;

  if (self->project == NULL)
    return;
  filters = collate_window_file_filters (COLLATE_WINDOW_FILES_REPORTS);
  folder = collate_window_dup_folder (self);
  collate_file_dialog_open_multiple_async (GTK_WINDOW (self), _("Add Documents to the Project"),
                                           filters, folder, NULL,
                                           files_chosen_cb, g_object_ref (self));
}

static void
clipboard_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CollateWindow) self = user_data;
  g_autoptr(CollateDocument) document =
    collate_window_clipboard_document_finish (self, GDK_CLIPBOARD (source), result, TRUE);
  g_autoptr(GPtrArray) documents = NULL;

  if (document == NULL)
    return;
  documents = g_ptr_array_new ();
  g_ptr_array_add (documents, document);
  collate_window_add_documents (self, documents);
}

static void
add_from_clipboard_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  if (COLLATE_WINDOW (widget)->project == NULL)
    return;
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL,
                                 clipboard_read_cb, g_object_ref (widget));
}

/**
 * collate_window_fetch_url_to_add:
 *
 * Fetches @url as collate_window_fetch_url() does, and adds the page or
 * PDF to the project shown instead of making a new one.
 */
void
collate_window_fetch_url_to_add (CollateWindow *self,
                                 const char    *url)
{
  g_return_if_fail (COLLATE_IS_WINDOW (self));

  collate_window_fetch_url (self, url);
  self->fetch_adds = self->project != NULL;
}

void
collate_window_update_document_actions (CollateWindow *self)
{
  gboolean has_project = self->project != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-documents", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-from-clipboard", has_project);
}

void
collate_window_class_add_document_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.add-documents", NULL, add_documents_action);
  gtk_widget_class_install_action (widget_class, "win.add-from-clipboard", NULL,
                                   add_from_clipboard_action);
}
