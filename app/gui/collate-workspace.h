/* collate-workspace.h — the panes, spans, links and sidebar of one project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "collate.h"

G_BEGIN_DECLS

#define COLLATE_TYPE_WORKSPACE (collate_workspace_get_type ())

G_DECLARE_FINAL_TYPE (CollateWorkspace, collate_workspace, COLLATE, WORKSPACE, GtkWidget)

/*
 * Settings keys read from @settings (may be NULL: defaults are used):
 *   "font-size"       (i) points, default 11
 *   "sidebar-visible" (b)
 *
 * Actions (prefix "workspace."):
 *   tag            (s)  tags the text selection of the focused pane with a span label;
 *                       with no text selected, relabels the selected span
 *   tag-index      (u)  the same with the schema's n-th span label (keys 1–9)
 *   relabel        (s)  changes the label of the selected span or link
 *   delete              removes the selected span or link             (Delete)
 *   link-picker         links the selected span to one picked by name (Ctrl+L)
 *   toggle-sidebar                                                    (F9)
 *   zoom-in, zoom-out, zoom-reset   writes "font-size"   (Ctrl+plus/minus/0)
 *   select         (s)  selects an annotation or link by id ("" clears;
 *                       Escape: closes a popover first)
 *   next-span, previous-span  moves the selection through the spans  (Alt+Down/Up)
 *   search              shows the sidebar and focuses its search     (Ctrl+F)
 * Hotkeys 1–9 tag with the schema's span labels in order; a label's own
 * hotkey tags with that label.
 *
 * Property "selected-id" (string, notify): the selected annotation or link
 * id, or NULL.  Signal "selection-changed" () is emitted with the notify.
 */
CollateWorkspace *collate_workspace_new             (CollateProject   *project,
                                                     GSettings        *settings);
CollateProject   *collate_workspace_get_project     (CollateWorkspace *self);

/* Selects an annotation or link (NULL clears); scrolls it into view.
 * Returns FALSE if the project has no such id. */
gboolean          collate_workspace_select          (CollateWorkspace *self,
                                                     const char       *id);
const char       *collate_workspace_get_selected_id (CollateWorkspace *self);

/* Tags the focused pane's text selection (or the pane given by the last
 * selection) with @label; the new span becomes selected.  Returns the new
 * annotation (borrowed) or NULL with @error set (no selection, unknown
 * label, …). */
CollateAnnotation *collate_workspace_tag_selection  (CollateWorkspace *self,
                                                     const char       *label,
                                                     GError          **error);

/* Number of document panes, and the text view of pane @index (for tests
 * and for the window to place focus). */
guint             collate_workspace_get_n_panes     (CollateWorkspace *self);
/* Shows the pane of the document at @index (in place of another when not
 * all fit) */
void              collate_workspace_show_document   (CollateWorkspace *self,
                                                     guint             index);
GtkTextView      *collate_workspace_get_text_view   (CollateWorkspace *self,
                                                     guint             index);

/* The workspace stops following the project's changes span by span: the
 * window calls it when the project's labels change, as it is then about to
 * make a new workspace (all of a label's spans renamed in one step would
 * otherwise be redrawn one by one, for nothing).  Its selection stays, for
 * the new one to take over. */
void              collate_workspace_stop_following  (CollateWorkspace *self);

/* Moves keyboard focus into the first pane's text */
void              collate_workspace_focus_text      (CollateWorkspace *self);

/* A box of label buttons (swatch, name, hotkey) for a header bar; clicking
 * one tags the selection of @workspace.  Defined in collate-label-palette.c */
GtkWidget        *collate_label_palette_new         (CollateWorkspace *workspace);

G_END_DECLS
