/* collate-curation-panel.h — where annotators disagree, to step through and settle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "collate.h"

G_BEGIN_DECLS

#define COLLATE_TYPE_CURATION_PANEL (collate_curation_panel_get_type ())

G_DECLARE_FINAL_TYPE (CollateCurationPanel, collate_curation_panel, COLLATE, CURATION_PANEL, GtkWidget)

/* Keys for one annotator's version: Alt+1 … Alt+9 */
#define COLLATE_CURATION_MAX_KEYED 9

/*
 * Lists the disputes of a (merged) project, open and decided, and settles
 * the selected one: one annotator's version, all, or none (team/
 * collate-curate.h), each one undo step.  The list follows the project's
 * changes (at once while shown, else when shown again).  The buttons are
 * the workspace's actions (workspace.curate-one (u), curate-all,
 * curate-none), so that keys and clicks do the same.
 *
 * Signals:
 *   dispute-selected (CollateDispute *dispute)  the selection moved (NULL: none)
 *   refreshed ()                                the list was made again (a change,
 *                                               undo or redo): the selected one may
 *                                               have been settled or reopened
 *   message (const char *text)                  a decision failed, or all are settled
 */
CollateCurationPanel *collate_curation_panel_new          (CollateProject       *project);
/* The project's annotators (sorted), as numbered by Alt+1 … */
const char *const    *collate_curation_panel_get_annotators (CollateCurationPanel *self);
/* CollateDispute items, in document order */
GListModel           *collate_curation_panel_get_disputes (CollateCurationPanel *self);
guint                 collate_curation_panel_get_n_open   (CollateCurationPanel *self);
CollateDispute       *collate_curation_panel_get_selected (CollateCurationPanel *self);
void                  collate_curation_panel_select       (CollateCurationPanel *self,
                                                           guint                 position);
/* Selects the next (or previous) dispute; FALSE at the end */
gboolean              collate_curation_panel_step         (CollateCurationPanel *self,
                                                           gboolean              forward);
/* Settles the selected dispute: @choice COLLATE_CURATION_CHOICE_ONE with
 * the @annotator-th annotator, _ALL or _NONE; then selects the next open
 * one.  FALSE with @error if it cannot. */
gboolean              collate_curation_panel_decide       (CollateCurationPanel *self,
                                                           const char           *choice,
                                                           guint                 annotator,
                                                           GError              **error);
/* Lists the disputes again now */
void                  collate_curation_panel_refresh      (CollateCurationPanel *self);

G_END_DECLS
