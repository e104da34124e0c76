/* collate-link-picker.h — a searchable list of spans to link to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "collate.h"

G_BEGIN_DECLS

#define COLLATE_TYPE_LINK_PICKER (collate_link_picker_get_type ())

G_DECLARE_FINAL_TYPE (CollateLinkPicker, collate_link_picker, COLLATE, LINK_PICKER, GtkPopover)

/* Signal: picked (CollateAnnotation *target) */
CollateLinkPicker *collate_link_picker_new      (CollateProject    *project);
/* Lists the spans of the documents other than @from's (all documents if
 * the project has only one), each with a few words around it and its
 * report, those linked to @from already marked, and pops up. */
void               collate_link_picker_popup_for (CollateLinkPicker *self,
                                                  CollateAnnotation *from);
/* The link label the picked span is linked with: the one chosen in the
 * picker (Alt+1…9 or its buttons), at first @name (NULL or unknown: the
 * schema's first) */
void               collate_link_picker_set_label (CollateLinkPicker *self,
                                                  const char        *name);
const char        *collate_link_picker_get_label (CollateLinkPicker *self);
/* Filters by text (as if typed); returns the number of spans shown */
guint              collate_link_picker_search    (CollateLinkPicker *self,
                                                  const char        *text);
/* Picks the @position-th shown span (as a click would) */
gboolean           collate_link_picker_pick      (CollateLinkPicker *self,
                                                  guint              position);

G_END_DECLS
