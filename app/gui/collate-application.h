/* collate-application.h — the application: windows, command line, app actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "collate-document.h"

G_BEGIN_DECLS

#define COLLATE_TYPE_APPLICATION (collate_application_get_type ())

G_DECLARE_FINAL_TYPE (CollateApplication, collate_application, COLLATE, APPLICATION, GtkApplication)

/* @settings: the org.collate.Collate settings; @recovery_dir: where recovery
 * copies go (NULL: collate_recovery_get_default_dir()). */
CollateApplication *collate_application_new               (GSettings          *settings,
                                                           GFile              *recovery_dir);
GSettings          *collate_application_get_settings      (CollateApplication *self);
GFile              *collate_application_get_recovery_dir  (CollateApplication *self);

/* The folder holding the sample reports */
GFile              *collate_application_get_samples_dir   (CollateApplication *self);

/* Recovery copies left behind by a crash (not those of open windows),
 * newest first; a GPtrArray of CollateRecovery. */
GPtrArray          *collate_application_list_recovery     (CollateApplication *self);
/* Open windows tell the application which recovery copies are theirs */
void                collate_application_hold_recovery     (CollateApplication *self,
                                                           const char         *id);
void                collate_application_release_recovery  (CollateApplication *self,
                                                           const char         *id);

/* TRUE the first time it is asked while recovery copies wait to be
 * offered (a window showing a project then says so in its banner) */
gboolean            collate_application_take_recovery_offer (CollateApplication *self);
/* The start view has shown the copies: no need to point at them */
void                collate_application_set_recovery_offered (CollateApplication *self);

/* A window for opening a project: @preferred if it shows no project yet,
 * else a new one. */
GtkWindow          *collate_application_get_window_for_project (CollateApplication *self,
                                                                GtkWindow          *preferred);

/* Opens @file in its own window (or presents the window that has it). */
void                collate_application_open_project      (CollateApplication *self,
                                                           GFile              *file,
                                                           GtkWindow          *preferred);
/* A new, unsaved project made from text files.  If @save_to is not NULL,
 * Save writes there without asking. */
void                collate_application_new_from_text_files (CollateApplication *self,
                                                             GFile             **files,
                                                             guint               n_files,
                                                             GFile              *save_to,
                                                             GtkWindow          *preferred);
void                collate_application_new_from_document (CollateApplication *self,
                                                           CollateDocument    *document,
                                                           GtkWindow          *preferred);
void                collate_application_open_sample       (CollateApplication *self,
                                                           GtkWindow          *preferred);

/* Closes every window, asking about unsaved changes one window at a time,
 * then quits.  Stops if the user cancels. */
void                collate_application_quit              (CollateApplication *self);

G_END_DECLS
