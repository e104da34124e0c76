/* collate-compat.c — the few places where GTK 4.8 and 4.10+ differ
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "collate-compat.h"

/* What a file dialog is asked for, on either toolkit */
typedef enum
{
  FILE_OPEN,
  FILE_OPEN_MULTIPLE,
  FILE_SAVE,
  FILE_SELECT_FOLDER,
} FileMode;

#if GTK_CHECK_VERSION (4, 10, 0)

/* ── GTK 4.10 and later: the toolkit's own dialogs ── */

static GtkFileDialog *
make_file_dialog (const char *title,
                  GListModel *filters,
                  GFile      *initial_folder,
                  const char *initial_name)
{
  GtkFileDialog *dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_modal (dialog, TRUE);
  if (filters != NULL)
    gtk_file_dialog_set_filters (dialog, filters);
  if (initial_folder != NULL)
    gtk_file_dialog_set_initial_folder (dialog, initial_folder);
  if (initial_name != NULL)
    gtk_file_dialog_set_initial_name (dialog, initial_name);
  return dialog;
}

static void
file_dialog_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GtkFileDialog *dialog = GTK_FILE_DIALOG (object);
  g_autoptr(GError) error = NULL;
  gpointer value = NULL;

  switch ((FileMode) GPOINTER_TO_INT (g_task_get_task_data (task)))
    {
    case FILE_OPEN:
      value = gtk_file_dialog_open_finish (dialog, result, &error);
      break;
    case FILE_OPEN_MULTIPLE:
      value = gtk_file_dialog_open_multiple_finish (dialog, result, &error);
      break;
    case FILE_SELECT_FOLDER:
      value = gtk_file_dialog_select_folder_finish (dialog, result, &error);
      break;
    case FILE_SAVE:
      value = gtk_file_dialog_save_finish (dialog, result, &error);
      break;
    }

  if (value == NULL)
    {
      if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED)
          || g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                 "%s", _("No file was chosen"));
      else
        g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    g_task_return_pointer (task, value, g_object_unref);
}

static void
file_dialog_run (FileMode             mode,
                 GtkWindow           *parent,
                 const char          *title,
                 GListModel          *filters,
                 GFile               *initial_folder,
                 const char          *initial_name,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GtkFileDialog) dialog = make_file_dialog (title, filters, initial_folder, initial_name);
  GTask *task = g_task_new (parent, cancellable, callback, user_data);

  g_task_set_task_data (task, GINT_TO_POINTER (mode), NULL);
  switch (mode)
    {
    case FILE_OPEN:
      gtk_file_dialog_open (dialog, parent, cancellable, file_dialog_done, task);
      break;
    case FILE_OPEN_MULTIPLE:
      gtk_file_dialog_open_multiple (dialog, parent, cancellable, file_dialog_done, task);
      break;
    case FILE_SELECT_FOLDER:
      gtk_file_dialog_select_folder (dialog, parent, cancellable, file_dialog_done, task);
      break;
    case FILE_SAVE:
      gtk_file_dialog_save (dialog, parent, cancellable, file_dialog_done, task);
      break;
    }
}

static void alert_done (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data);

GtkWindow *
collate_alert_choose_async (GtkWindow           *parent,
                            const char          *message,
                            const char          *detail,
                            const char * const  *buttons,
                            int                  cancel_button,
                            int                  default_button,
                            int                  destructive_button,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GtkAlertDialog) alert = gtk_alert_dialog_new ("%s", message);
  GTask *task = g_task_new (parent, cancellable, callback, user_data);

  gtk_alert_dialog_set_detail (alert, detail);
  gtk_alert_dialog_set_buttons (alert, buttons);
  gtk_alert_dialog_set_cancel_button (alert, cancel_button);
  gtk_alert_dialog_set_default_button (alert, default_button);
  g_task_set_task_data (task, GINT_TO_POINTER (cancel_button), NULL);
  gtk_alert_dialog_choose (alert, parent, cancellable, alert_done, task);
  return NULL;
}

static void
alert_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  int button = gtk_alert_dialog_choose_finish (GTK_ALERT_DIALOG (object), result, &error);

  if (button < 0)
    button = GPOINTER_TO_INT (g_task_get_task_data (task));
  g_task_return_int (task, button);
}

void
collate_alert_respond (GtkWindow *alert,
                       int        button)
{
}

#else /* GTK 4.8 */

/* ── GTK 4.8: GtkFileChooserNative and GtkMessageDialog ── */

typedef struct
{
  FileMode              mode;
  GtkFileChooserNative *native;
  gulong                cancelled_id;
} FileData;

static void
file_data_free (gpointer data)
{
  FileData *fd = data;

  if (fd->native != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (fd->native));
      g_clear_object (&fd->native);
    }
  g_free (fd);
}

static void
file_chooser_response (GtkNativeDialog *native,
                       int              response,
                       gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  FileData *fd = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_signal_handlers_disconnect_by_data (native, task);
  if (cancellable != NULL && fd->cancelled_id != 0)
    g_cancellable_disconnect (cancellable, fd->cancelled_id);
  fd->cancelled_id = 0;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "%s", _("No file was chosen"));
      return;
    }

  if (fd->mode == FILE_OPEN_MULTIPLE)
    g_task_return_pointer (task, gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native)),
                           g_object_unref);
  else
    {
      GFile *file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file == NULL)
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                 "%s", _("The chosen location is not a local file"));
      else
        g_task_return_pointer (task, file, g_object_unref);
    }
}

static void
file_chooser_cancelled (GCancellable *cancellable,
                        gpointer      user_data)
{
  GtkNativeDialog *native = user_data;

  /* Emits "response" with GTK_RESPONSE_DELETE_EVENT */
  gtk_native_dialog_hide (native);
}

static void
file_dialog_run (FileMode             mode,
                 GtkWindow           *parent,
                 const char          *title,
                 GListModel          *filters,
                 GFile               *initial_folder,
                 const char          *initial_name,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  GTask *task = g_task_new (parent, cancellable, callback, user_data);
  FileData *fd = g_new0 (FileData, 1);
  GtkFileChooserAction action = mode == FILE_SAVE ? GTK_FILE_CHOOSER_ACTION_SAVE
                                : mode == FILE_SELECT_FOLDER ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                : GTK_FILE_CHOOSER_ACTION_OPEN;
  const char *accept = mode == FILE_SAVE ? _("_Save")
                       : mode == FILE_SELECT_FOLDER ? _("_Select")
                       : _("_Open");

  fd->mode = mode;
  fd->native = gtk_file_chooser_native_new (title, parent, action, accept, _("_Cancel"));
  g_task_set_task_data (task, fd, file_data_free);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (fd->native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (fd->native), mode == FILE_OPEN_MULTIPLE);

  if (filters != NULL)
    {
      guint n = g_list_model_get_n_items (filters);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);

          gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (fd->native), filter);
        }
    }
  if (initial_folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (fd->native), initial_folder, NULL);
  if (initial_name != NULL && mode == FILE_SAVE)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (fd->native), initial_name);

  g_signal_connect (fd->native, "response", G_CALLBACK (file_chooser_response), task);
  if (cancellable != NULL)
    fd->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (file_chooser_cancelled),
                                              fd->native, NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (fd->native));
}

static void
alert_response (GtkDialog *dialog,
                int        response,
                gpointer   user_data)
{
  g_autoptr(GTask) task = user_data;
  int cancel_button = GPOINTER_TO_INT (g_task_get_task_data (task));

  g_signal_handlers_disconnect_by_data (dialog, task);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_task_return_int (task, response >= 0 ? response : cancel_button);
}

static void
alert_cancelled (GCancellable *cancellable,
                 gpointer      user_data)
{
  gtk_dialog_response (GTK_DIALOG (user_data), GTK_RESPONSE_CANCEL);
}

GtkWindow *
collate_alert_choose_async (GtkWindow           *parent,
                            const char          *message,
                            const char          *detail,
                            const char * const  *buttons,
                            int                  cancel_button,
                            int                  default_button,
                            int                  destructive_button,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (parent, cancellable, callback, user_data);
  GtkWidget *dialog;

  dialog = g_object_new (GTK_TYPE_MESSAGE_DIALOG,
                         "transient-for", parent,
                         "modal", TRUE,
                         "destroy-with-parent", TRUE,
                         "message-type", GTK_MESSAGE_QUESTION,
                         "buttons", GTK_BUTTONS_NONE,
                         "text", message,
                         "secondary-text", detail,
                         NULL);
  for (int i = 0; buttons != NULL && buttons[i] != NULL; i++)
    {
      GtkWidget *button = gtk_dialog_add_button (GTK_DIALOG (dialog), buttons[i], i);

      if (i == destructive_button)
        gtk_widget_add_css_class (button, "destructive-action");
      else if (i == default_button)
        gtk_widget_add_css_class (button, "suggested-action");
    }
  if (default_button >= 0)
    gtk_dialog_set_default_response (GTK_DIALOG (dialog), default_button);

  g_task_set_task_data (task, GINT_TO_POINTER (cancel_button), NULL);
  g_signal_connect (dialog, "response", G_CALLBACK (alert_response), task);
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (alert_cancelled),
                             dialog, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

void
collate_alert_respond (GtkWindow *alert,
                       int        button)
{
  g_return_if_fail (GTK_IS_DIALOG (alert));

  gtk_dialog_response (GTK_DIALOG (alert), button);
}

#endif

int
collate_alert_choose_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), -1);

  return (int) g_task_propagate_int (G_TASK (result), error);
}

void
collate_file_dialog_open_async (GtkWindow           *parent,
                                const char          *title,
                                GListModel          *filters,
                                GFile               *initial_folder,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  file_dialog_run (FILE_OPEN, parent, title, filters, initial_folder, NULL,
                   cancellable, callback, user_data);
}

GFile *
collate_file_dialog_open_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
collate_file_dialog_open_multiple_async (GtkWindow           *parent,
                                         const char          *title,
                                         GListModel          *filters,
                                         GFile               *initial_folder,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  file_dialog_run (FILE_OPEN_MULTIPLE, parent, title, filters, initial_folder, NULL,
                   cancellable, callback, user_data);
}

GListModel *
collate_file_dialog_open_multiple_finish (GAsyncResult  *result,
                                          GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
collate_file_dialog_select_folder_async (GtkWindow           *parent,
                                         const char          *title,
                                         GFile               *initial_folder,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  file_dialog_run (FILE_SELECT_FOLDER, parent, title, NULL, initial_folder, NULL,
                   cancellable, callback, user_data);
}

GFile *
collate_file_dialog_select_folder_finish (GAsyncResult  *result,
                                          GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
collate_file_dialog_save_async (GtkWindow           *parent,
                                const char          *title,
                                GListModel          *filters,
                                GFile               *initial_folder,
                                const char          *initial_name,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  file_dialog_run (FILE_SAVE, parent, title, filters, initial_folder, initial_name,
                   cancellable, callback, user_data);
}

GFile *
collate_file_dialog_save_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ── Opening a file in its default application ── */

static void
launch_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  gboolean done;

#if GTK_CHECK_VERSION (4, 10, 0)
  done = gtk_file_launcher_launch_finish (GTK_FILE_LAUNCHER (object), result, &error);
#else
  done = g_app_info_launch_default_for_uri_finish (result, &error);
#endif
  if (done)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
collate_launch_file_async (GtkWindow           *parent,
                           GFile               *file,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (parent, cancellable, callback, user_data);
#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (file);

  gtk_file_launcher_launch (launcher, parent, cancellable, launch_done, task);
#else
  GdkDisplay *display = parent != NULL ? gtk_widget_get_display (GTK_WIDGET (parent))
                                       : gdk_display_get_default ();
  g_autoptr(GdkAppLaunchContext) context = gdk_display_get_app_launch_context (display);
  g_autofree char *uri = g_file_get_uri (file);

  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), cancellable,
                                           launch_done, task);
#endif
}

gboolean
collate_launch_file_finish (GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
