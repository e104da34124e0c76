/* collate-export-dialog.h — File ▸ Export: a project out as a dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A modal window over the project's window: format, labels, split,
 * format options and destination, then an export in the background with a
 * progress bar and a Cancel button.  When it is done the dialog lists what
 * was written and the warnings of the export (what the format could not
 * hold, with counts); a failure is shown in the dialog, and the core
 * guarantees that nothing half-written is left behind.
 */
#pragma once

#include <gtk/gtk.h>

#include "collate.h"

G_BEGIN_DECLS

#define COLLATE_TYPE_EXPORT_DIALOG (collate_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CollateExportDialog, collate_export_dialog, COLLATE, EXPORT_DIALOG, GtkWindow)

/* Shows the dialog over @parent.  @project_file (nullable) is where the
 * project is saved; the suggested destination is beside it. */
void                 collate_export_dialog_present         (GtkWindow           *parent,
                                                            CollateProject      *project,
                                                            GFile               *project_file);

/* The same dialog, not yet shown (for tests and for callers that want it) */
CollateExportDialog *collate_export_dialog_new             (GtkWindow           *parent,
                                                            CollateProject      *project,
                                                            GFile               *project_file);

/* ── Driving the dialog without clicks (tests) ── */

/* Selects @format in the dropdown; FALSE if there is no such format */
gboolean             collate_export_dialog_set_format      (CollateExportDialog *self,
                                                            const char          *format);
const char          *collate_export_dialog_get_format      (CollateExportDialog *self);
/* Ticks or unticks the check button of a span or link label */
gboolean             collate_export_dialog_set_label_active (CollateExportDialog *self,
                                                            const char          *label,
                                                            gboolean             active);
/* Sets the destination as if chosen in the file chooser */
void                 collate_export_dialog_set_destination (CollateExportDialog *self,
                                                            GFile               *destination);
/* The chosen destination, or NULL before one is chosen */
GFile               *collate_export_dialog_get_destination (CollateExportDialog *self);
/* The options the dialog's widgets stand for now; NULL with @error set
 * when they do not make sense (a split that does not sum to 100, say) */
CollateExportOptions *collate_export_dialog_dup_options    (CollateExportDialog *self,
                                                            GError             **error);
/* Same as clicking Export; "finished" is emitted when it is done */
void                 collate_export_dialog_start           (CollateExportDialog *self);
/* Same as clicking Cancel while an export runs */
void                 collate_export_dialog_cancel          (CollateExportDialog *self);
gboolean             collate_export_dialog_is_running      (CollateExportDialog *self);
/* After "finished": the report of a successful export, or NULL */
CollateExportReport *collate_export_dialog_get_report      (CollateExportDialog *self);
/* After "finished": the error of a failed export, or NULL */
const GError        *collate_export_dialog_get_error       (CollateExportDialog *self);
/* The text the dialog shows once done (warnings and written files, or the
 * error), as shown */
char                *collate_export_dialog_dup_result_text (CollateExportDialog *self);

G_END_DECLS
