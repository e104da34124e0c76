/* collate-link-overlay.h — connectors drawn between the spans that links join
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "collate-document-view.h"
#include "collate.h"

G_BEGIN_DECLS

#define COLLATE_TYPE_LINK_OVERLAY (collate_link_overlay_get_type ())

G_DECLARE_FINAL_TYPE (CollateLinkOverlay, collate_link_overlay, COLLATE, LINK_OVERLAY, GtkWidget)

/* A widget meant for a GtkOverlay above the panes.  It takes the pointer
 * only over its curves: hovering one names the link in a tooltip, a click
 * emits "link-activated" (const char *link_id).  It keeps, per document,
 * the link ends sorted by position, so that a frame looks only at the links
 * that touch the visible text. */
CollateLinkOverlay *collate_link_overlay_new          (CollateProject      *project);
/* The overlay no longer follows the project's links and spans (the window
 * is about to make a new one) */
void                collate_link_overlay_stop_following (CollateLinkOverlay *self);
/* The panes in order (CollateDocumentView) */
void                collate_link_overlay_add_pane     (CollateLinkOverlay  *self,
                                                       CollateDocumentView *pane);
void                collate_link_overlay_set_selected (CollateLinkOverlay  *self,
                                                       const char          *link_id);
/* The link whose curve passes within a few pixels of (@x, @y) in the
 * last frame, or NULL */
const char         *collate_link_overlay_link_at      (CollateLinkOverlay  *self,
                                                       double               x,
                                                       double               y);
/* Number of connectors drawn in the last frame (for tests and benchmarks) */
guint               collate_link_overlay_get_n_drawn  (CollateLinkOverlay  *self);

G_END_DECLS
