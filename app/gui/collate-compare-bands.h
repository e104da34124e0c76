/* collate-compare-bands.h — bands between two panes joining aligned passages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "collate-document-view.h"

G_BEGIN_DECLS

#define COLLATE_TYPE_COMPARE_BANDS (collate_compare_bands_get_type ())

G_DECLARE_FINAL_TYPE (CollateCompareBands, collate_compare_bands, COLLATE, COMPARE_BANDS, GtkWidget)

/*
 * An overlay over the row of panes that draws, in the manner of a
 * side-by-side diff viewer, a translucent band from the passage of one
 * report to the passage of the other that the comparison aligned with it:
 * for the sentence at the caret of the pane the reader works in, or for
 * the two passages of the suggestion selected.
 */
CollateCompareBands *collate_compare_bands_new            (void);
/* The two panes compared (side 0 and side 1), or NULL */
void                 collate_compare_bands_set_panes      (CollateCompareBands *self,
                                                           CollateDocumentView *a,
                                                           CollateDocumentView *b);
void                 collate_compare_bands_set_comparison (CollateCompareBands *self,
                                                           CollateComparison   *comparison);
/* Bands for the passage at @offset of @side (0 or 1) */
void                 collate_compare_bands_set_focus      (CollateCompareBands *self,
                                                           guint                side,
                                                           guint                offset);
/* The band for the passages that hold @offset_a (side 0) and @offset_b
 * (side 1) together, when the comparison aligned them */
void                 collate_compare_bands_set_focus_pair (CollateCompareBands *self,
                                                           guint                offset_a,
                                                           guint                offset_b);
/* How many bands the last drawing drew (for tests) */
guint                collate_compare_bands_get_n_drawn    (CollateCompareBands *self);

G_END_DECLS
