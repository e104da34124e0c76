/* collate-compare-panel.h — the comparison of two reports: suggestions to accept or reject
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "collate.h"

G_BEGIN_DECLS

#define COLLATE_TYPE_COMPARE_PANEL (collate_compare_panel_get_type ())

G_DECLARE_FINAL_TYPE (CollateComparePanel, collate_compare_panel, COLLATE, COMPARE_PANEL, GtkWidget)

/*
 * Compares two documents of the project off the main thread (again a
 * moment after every change) and lists what differs, highest confidence
 * first, for a person to accept (spans and a link, one undo step) or
 * reject (recorded in the project).
 *
 * Signals:
 *   comparison-changed (CollateComparison *comparison)
 *       a new comparison is ready (NULL while there is none).
 *   suggestion-selected (CollateSuggestion *suggestion)
 *       a suggestion was selected in the list (NULL: none).
 *   accepted (CollateLink *link)
 *       a suggestion became spans and a link.
 *   message (const char *text)
 *       something failed; the text says why.
 */
CollateComparePanel *collate_compare_panel_new             (CollateProject      *project);
/* The comparison shown, or NULL before the first one is ready */
CollateComparison   *collate_compare_panel_get_comparison  (CollateComparePanel *self);
/* Which two documents (indexes in project order) are compared */
void                 collate_compare_panel_set_documents   (CollateComparePanel *self,
                                                            guint                a,
                                                            guint                b);
void                 collate_compare_panel_get_documents   (CollateComparePanel *self,
                                                            guint               *a,
                                                            guint               *b);
/* Compares again now (it also does a moment after each change) */
void                 collate_compare_panel_refresh         (CollateComparePanel *self);
/* TRUE while a comparison runs */
gboolean             collate_compare_panel_is_busy         (CollateComparePanel *self);
/* The suggestions listed (what the list view shows) */
GListModel          *collate_compare_panel_get_suggestions (CollateComparePanel *self);
CollateSuggestion   *collate_compare_panel_get_selected    (CollateComparePanel *self);
void                 collate_compare_panel_select          (CollateComparePanel *self,
                                                            guint                position);
/* Accepts / rejects the selected suggestion, as the buttons do */
gboolean             collate_compare_panel_accept_selected (CollateComparePanel *self,
                                                            GError             **error);
gboolean             collate_compare_panel_reject_selected (CollateComparePanel *self,
                                                            GError             **error);

G_END_DECLS
