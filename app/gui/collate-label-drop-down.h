/* collate-label-drop-down.h — label drop-downs that show each label's colour
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "collate.h"

G_BEGIN_DECLS

/* Gives @dropdown, whose model holds GtkStringObjects of label names, a
 * factory that draws each label's colour dot before its name (in the button
 * and in the list).  Names are looked up among the span labels of
 * @project's schema, then its link labels, at every bind, so the dots
 * follow label edits; other strings ("All labels") get no dot but keep the
 * names aligned. */
void collate_label_drop_down_setup (GtkDropDown    *dropdown,
                                    CollateProject *project);

G_END_DECLS
