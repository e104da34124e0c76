/* collate-label-editor.h — the window where a project's labels are edited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "collate.h"

G_BEGIN_DECLS

#define COLLATE_TYPE_LABEL_EDITOR (collate_label_editor_get_type ())

G_DECLARE_FINAL_TYPE (CollateLabelEditor, collate_label_editor, COLLATE, LABEL_EDITOR, GtkWindow)

/* Span and link labels of @project, one row each: colour, name, key,
 * description, how often used, move up/down, delete.  Every edit is one
 * undo step of the project (Ctrl+Z works here too); deleting a label in
 * use asks whether its spans or links take another label or go. */
CollateLabelEditor *collate_label_editor_new        (CollateProject     *project,
                                                     GtkWindow          *parent);
/* Shows the span (0) or link (1) labels */
void                collate_label_editor_show_kind  (CollateLabelEditor *self,
                                                     CollateLabelKind    kind);
/* The message shown after a refused edit, or NULL (for tests) */
const char         *collate_label_editor_get_message (CollateLabelEditor *self);

G_END_DECLS
