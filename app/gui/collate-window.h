/* collate-window.h — one window per project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "collate-application.h"
#include "collate.h"
#include "collate-recovery.h"

G_BEGIN_DECLS

#define COLLATE_TYPE_WINDOW (collate_window_get_type ())

G_DECLARE_FINAL_TYPE (CollateWindow, collate_window, COLLATE, WINDOW, GtkApplicationWindow)

/* A window showing the start view until a project is set */
CollateWindow  *collate_window_new            (CollateApplication *application);

/* The project shown, or NULL while the start view is shown */
CollateProject *collate_window_get_project    (CollateWindow      *self);
/* Where Save writes, or NULL for a project never saved */
GFile          *collate_window_get_file       (CollateWindow      *self);

/* Shows @project.  @file is where it is saved (NULL: Save asks), @etag the
 * file's etag when it was read (NULL: unknown). */
void            collate_window_set_project    (CollateWindow      *self,
                                               CollateProject     *project,
                                               GFile              *file,
                                               const char         *etag);
/* Reads @file in the background and shows it; a failure is shown in the
 * window's banner.  "notify::project" tells when it is shown. */
void            collate_window_load_file      (CollateWindow      *self,
                                               GFile              *file);
/* TRUE while collate_window_load_file() is reading */
gboolean        collate_window_is_loading     (CollateWindow      *self);
/* Shows the project of a recovery copy; the window takes over the copy. */
gboolean        collate_window_recover        (CollateWindow      *self,
                                               CollateRecovery    *copy,
                                               GError            **error);

/* Shows @heading and the error's message in the banner at the top */
void            collate_window_show_error     (CollateWindow      *self,
                                               const char         *heading,
                                               const GError       *error);

/* Saves to the project's file (asking for one if it has none).  Finishes
 * with TRUE once saved; FALSE if cancelled or failed (the banner says why). */
void            collate_window_save_async     (CollateWindow      *self,
                                               gboolean            save_as,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
gboolean        collate_window_save_finish    (CollateWindow      *self,
                                               GAsyncResult       *result,
                                               GError            **error);

/* Closes the window, asking first about unsaved changes.  Finishes with
 * TRUE if the window closed, FALSE if the user kept it open. */
void            collate_window_close_async    (CollateWindow      *self,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
gboolean        collate_window_close_finish   (CollateWindow      *self,
                                               GAsyncResult       *result);

G_END_DECLS
