/* collate-compat.h — the few places where GTK 4.8 and 4.10+ differ
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The functions below are shaped like GTK 4.10's GtkFileDialog and
 * GtkAlertDialog so that the rest of the window does not care which GTK it
 * runs on.  On GTK 4.8 they use GtkFileChooserNative and GtkMessageDialog.
 *
 * A dismissed dialog finishes with G_IO_ERROR_CANCELLED (file dialogs) or
 * returns @cancel_button (alerts).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* @filters: a GListModel of GtkFileFilter, or NULL */
void        collate_file_dialog_open_async           (GtkWindow           *parent,
                                                      const char          *title,
                                                      GListModel          *filters,
                                                      GFile               *initial_folder,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GFile      *collate_file_dialog_open_finish          (GAsyncResult        *result,
                                                      GError             **error);
void        collate_file_dialog_open_multiple_async  (GtkWindow           *parent,
                                                      const char          *title,
                                                      GListModel          *filters,
                                                      GFile               *initial_folder,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
/* A GListModel of GFile */
GListModel *collate_file_dialog_open_multiple_finish (GAsyncResult        *result,
                                                      GError             **error);
void        collate_file_dialog_select_folder_async  (GtkWindow           *parent,
                                                      const char          *title,
                                                      GFile               *initial_folder,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GFile      *collate_file_dialog_select_folder_finish (GAsyncResult        *result,
                                                      GError             **error);
void        collate_file_dialog_save_async           (GtkWindow           *parent,
                                                      const char          *title,
                                                      GListModel          *filters,
                                                      GFile               *initial_folder,
                                                      const char          *initial_name,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GFile      *collate_file_dialog_save_finish          (GAsyncResult        *result,
                                                      GError             **error);

/* Asks @message (with @detail below it) and offers @buttons (NULL-terminated,
 * left to right).  Finishes with the index of the button chosen, or
 * @cancel_button when the alert is dismissed or @cancellable is cancelled.
 * @destructive_button (or -1) is styled as a destructive action.
 *
 * Returns the alert's window while it is shown (GTK 4.8; NULL on GTK 4.10
 * and later, where the toolkit owns it), so that tests can answer it with
 * collate_alert_respond(). */
GtkWindow  *collate_alert_choose_async               (GtkWindow           *parent,
                                                      const char          *message,
                                                      const char          *detail,
                                                      const char * const  *buttons,
                                                      int                  cancel_button,
                                                      int                  default_button,
                                                      int                  destructive_button,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
int         collate_alert_choose_finish              (GAsyncResult        *result,
                                                      GError             **error);
/* Answers an alert returned by collate_alert_choose_async() as if the
 * button @button had been clicked. */
void        collate_alert_respond                    (GtkWindow           *alert,
                                                      int                  button);

/* Opens @file with the application the desktop chooses for its type (a web
 * page in the browser), like GTK 4.10's GtkFileLauncher. */
void        collate_launch_file_async                (GtkWindow           *parent,
                                                      GFile               *file,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean    collate_launch_file_finish               (GAsyncResult        *result,
                                                      GError             **error);

G_END_DECLS
