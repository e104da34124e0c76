/* collate-start-view.h — what a window shows before a project is open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Buttons for the sample project, new from text files and open, the recent
 * projects and any recovered work.  Its buttons activate the window's
 * actions: win.open-sample, win.new-from-text, win.open,
 * win.open-recent(s path), win.recover(s id), win.discard-recovery(s id).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define COLLATE_TYPE_START_VIEW (collate_start_view_get_type ())

G_DECLARE_FINAL_TYPE (CollateStartView, collate_start_view, COLLATE, START_VIEW, GtkWidget)

GtkWidget *collate_start_view_new          (void);
/* Paths, most recent first */
void       collate_start_view_set_recent   (CollateStartView   *self,
                                            const char * const *paths);
/* A GPtrArray of CollateRecovery (may be NULL or empty) */
void       collate_start_view_set_recovery (CollateStartView   *self,
                                            GPtrArray          *copies);
guint      collate_start_view_get_n_recent (CollateStartView   *self);
guint      collate_start_view_get_n_recovery (CollateStartView *self);

G_END_DECLS
