/* collate-preferences.h — the preferences window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define COLLATE_TYPE_PREFERENCES (collate_preferences_get_type ())

G_DECLARE_FINAL_TYPE (CollatePreferences, collate_preferences, COLLATE, PREFERENCES, GtkWindow)

/* Edits @settings (org.collate.Collate) directly: annotator name, font size
 * and style. */
CollatePreferences *collate_preferences_new (GSettings *settings,
                                             GtkWindow *parent);

G_END_DECLS
