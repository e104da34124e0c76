/* collate-import-dialog.h — File ▸ Import: a dataset in as a new project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A modal window over the project's window: choose a format and the input
 * files (or a folder), then the import runs in the background with a
 * progress bar and a Cancel button.  A failure is shown in the dialog with
 * the core's message (which names the file and the line or record); on
 * success the dialog calls @opened with the new project and closes, or,
 * when the import reported what Collate could not take in, lists that and
 * offers Close.
 */
#pragma once

#include <gtk/gtk.h>

#include "collate.h"

G_BEGIN_DECLS

#define COLLATE_TYPE_IMPORT_DIALOG (collate_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CollateImportDialog, collate_import_dialog, COLLATE, IMPORT_DIALOG, GtkWindow)

/* Called once, with the imported project (borrowed: take a reference to
 * keep it); the project is new and unsaved.  Never called after the dialog
 * is gone (it is destroyed with its parent, and that cancels the import). */
typedef void (*CollateImportOpenedFunc) (CollateProject *project,
                                         gpointer        user_data);

void                 collate_import_dialog_present      (GtkWindow               *parent,
                                                         CollateImportOpenedFunc  opened,
                                                         gpointer                 user_data);

/* The same dialog, not yet shown */
CollateImportDialog *collate_import_dialog_new          (GtkWindow               *parent,
                                                         CollateImportOpenedFunc  opened,
                                                         gpointer                 user_data);

/* ── Driving the dialog without clicks (tests) ── */

/* FALSE if Collate cannot import @format */
gboolean             collate_import_dialog_set_format   (CollateImportDialog     *self,
                                                         const char              *format);
const char          *collate_import_dialog_get_format   (CollateImportDialog     *self);
/* Sets the inputs as if chosen in the file chooser (files, or one folder) */
void                 collate_import_dialog_set_inputs   (CollateImportDialog     *self,
                                                         GFile *const            *inputs,
                                                         guint                    n_inputs);
/* Same as clicking Import; "finished" is emitted when it is done (after
 * @opened on success; the dialog then closes itself unless it has warnings
 * to show) */
void                 collate_import_dialog_start        (CollateImportDialog     *self);
void                 collate_import_dialog_cancel       (CollateImportDialog     *self);
gboolean             collate_import_dialog_is_running   (CollateImportDialog     *self);
/* After "finished": the error of a failed import, or NULL */
const GError        *collate_import_dialog_get_error    (CollateImportDialog     *self);
/* The error, or the warnings of a successful import, that the dialog
 * shows; NULL when it shows neither */
char                *collate_import_dialog_dup_status_text (CollateImportDialog  *self);

G_END_DECLS
