/* collate-label-palette.h — the label buttons of the header bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "collate-workspace.h"

G_BEGIN_DECLS

#define COLLATE_TYPE_LABEL_PALETTE (collate_label_palette_get_type ())

G_DECLARE_FINAL_TYPE (CollateLabelPalette, collate_label_palette, COLLATE, LABEL_PALETTE, GtkWidget)

/* collate_label_palette_new() is declared in collate-workspace.h */

/* TRUE when some labels are folded into the picker's button (no room) */
gboolean collate_label_palette_is_folded   (CollateLabelPalette *self);
/* How many label buttons the row shows */
guint    collate_label_palette_get_n_shown (CollateLabelPalette *self);
/* Opens the searchable picker of every label (type, then Enter tags the
 * selection with the first match); the focus returns where it was. */
void     collate_label_palette_show_picker (CollateLabelPalette *self);

G_END_DECLS
