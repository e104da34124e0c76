/* collate-document-view.h — one pane: a document's title and its text, with spans
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "collate.h"

G_BEGIN_DECLS

#define COLLATE_TYPE_DOCUMENT_VIEW (collate_document_view_get_type ())

G_DECLARE_FINAL_TYPE (CollateDocumentView, collate_document_view, COLLATE, DOCUMENT_VIEW, GtkWidget)

/*
 * Signals:
 *   span-clicked  (CollateAnnotation *span, gboolean link)
 *       the reader chose a span by clicking it (with Ctrl: @link is TRUE);
 *       where spans overlap, after picking one from a popover.
 *   empty-clicked ()
 *       a click on text that no span covers (without Ctrl).
 *   tag-requested (const char *label)
 *       a label was picked in the popover shown by a mouse selection.
 *   view-changed  ()
 *       the visible part moved (scrolling, resizing, re-wrapping).
 *   caret-moved   (guint offset)
 *       the caret moved (by the keyboard, a click, or code).
 *   edge-moved    (gboolean end_edge, guint offset)
 *       the reader dragged an edge handle of the selected span to @offset.
 */
CollateDocumentView *collate_document_view_new              (CollateProject      *project,
                                                             CollateDocument     *document);
CollateDocument     *collate_document_view_get_document     (CollateDocumentView *self);
GtkTextView         *collate_document_view_get_text_view    (CollateDocumentView *self);

/* Span tags: one tag per label, applied to merged ranges */
void                 collate_document_view_add_span         (CollateDocumentView *self,
                                                             CollateAnnotation   *span);
void                 collate_document_view_remove_span      (CollateDocumentView *self,
                                                             CollateAnnotation   *span);
void                 collate_document_view_change_span      (CollateDocumentView *self,
                                                             CollateAnnotation   *old_span,
                                                             CollateAnnotation   *new_span);
/* Applies the tags of every span of the document (at start); large documents
 * are filled in batches from the main loop, the first screen at once. */
void                 collate_document_view_load_spans       (CollateDocumentView *self);
/* TRUE while batches remain */
gboolean             collate_document_view_is_loading       (CollateDocumentView *self);
/* The tag that draws @label's spans, or NULL if none was made yet */
GtkTextTag          *collate_document_view_get_label_tag    (CollateDocumentView *self,
                                                             const char          *label);
GtkTextTag          *collate_document_view_get_selected_tag (CollateDocumentView *self);

/* Highlights the given ranges ([start, end) pairs, @n_ranges of them) as
 * selected; NULL/0 clears. */
void                 collate_document_view_set_highlight    (CollateDocumentView *self,
                                                             const guint         *ranges,
                                                             guint                n_ranges);
/* Shows handles at the edges [start, end) of the selected span, which a
 * drag moves (then "edge-moved"); @show FALSE hides them */
void                 collate_document_view_set_handles      (CollateDocumentView *self,
                                                             gboolean             show,
                                                             guint                start,
                                                             guint                end);
/* Dotted marks over the given ranges ([start, end) pairs): the suggested
 * differences of a comparison; NULL/0 clears */
void                 collate_document_view_set_marks        (CollateDocumentView *self,
                                                             const guint         *ranges,
                                                             guint                n_ranges);
GtkAdjustment       *collate_document_view_get_vadjustment  (CollateDocumentView *self);
/* The top of the line holding @offset, in the text's own (scrolled) space:
 * the vertical adjustment's value that puts it at the top */
double               collate_document_view_get_offset_y     (CollateDocumentView *self,
                                                             guint                offset);
guint                collate_document_view_get_caret        (CollateDocumentView *self);
/* The visible part of the lines of [start, end) in @target's coordinates;
 * FALSE if none of it shows */
gboolean             collate_document_view_locate_lines     (CollateDocumentView *self,
                                                             guint                start,
                                                             guint                end,
                                                             GtkWidget           *target,
                                                             double              *top,
                                                             double              *bottom);
void                 collate_document_view_scroll_to        (CollateDocumentView *self,
                                                             guint                start,
                                                             guint                end);

/* The text selection in characters; FALSE if nothing is selected */
gboolean             collate_document_view_get_selection    (CollateDocumentView *self,
                                                             guint               *start,
                                                             guint               *end);
/* TRUE if the selection was made by a mouse drag (or a double or triple
 * click) and not moved by the keyboard since: such a selection may be
 * sloppy at its edges, a keyboard one is exact */
gboolean             collate_document_view_selection_is_pointer_drag (CollateDocumentView *self);
void                 collate_document_view_select_range     (CollateDocumentView *self,
                                                             guint                start,
                                                             guint                end);
void                 collate_document_view_clear_selection  (CollateDocumentView *self);
/* Characters of the visible part (approximately, whole lines) */
void                 collate_document_view_get_visible_range (CollateDocumentView *self,
                                                             guint               *start,
                                                             guint               *end);
/* Where the span [start, end) is, in @target's coordinates: the middle of its
 * first line (@y), its left and right x on that line.  Returns -1 if it lies
 * above the visible part, 1 below (then @y is clamped to that edge), 0 if
 * visible. */
int                  collate_document_view_locate           (CollateDocumentView *self,
                                                             guint                start,
                                                             guint                end,
                                                             GtkWidget           *target,
                                                             double              *x_left,
                                                             double              *x_right,
                                                             double              *y);
/* The span [start, end)'s first display line (the part of the line it
 * covers) in @target's coordinates, and the space below a line (@gap).
 * Returns -1 if that line lies above the visible part, 1 below, 0 if it
 * shows. */
int                  collate_document_view_locate_span      (CollateDocumentView *self,
                                                             guint                start,
                                                             guint                end,
                                                             GtkWidget           *target,
                                                             graphene_rect_t     *first_line,
                                                             double              *gap);
/* The text area's edges in @target's coordinates */
void                 collate_document_view_get_text_bounds  (CollateDocumentView *self,
                                                             GtkWidget           *target,
                                                             graphene_rect_t     *bounds);
void                 collate_document_view_set_font_size    (CollateDocumentView *self,
                                                             int                  points);
/* Same as a click on the span covering @offset (the tests' path) */
void                 collate_document_view_click_offset     (CollateDocumentView *self,
                                                             guint                offset,
                                                             gboolean             link);
/* Same as a click without a drag at (@x, @y) in the text view's
 * coordinates: the span under the point, the choice where spans overlap,
 * or (not @link) the selection cleared on plain text */
void                 collate_document_view_click_point      (CollateDocumentView *self,
                                                             double               x,
                                                             double               y,
                                                             gboolean             link);
/* Shows the label popover by the current text selection */
void                 collate_document_view_show_label_popover (CollateDocumentView *self);
/* Shows the label popover by the span [start, end) to change its label */
void                 collate_document_view_show_relabel_popover (CollateDocumentView *self,
                                                             guint                start,
                                                             guint                end);
/* Returns TRUE if a popover was showing */
gboolean             collate_document_view_hide_popovers    (CollateDocumentView *self);
/* Whether each span's label is written in a small tag above it (the
 * default), so that it reads without colour */
void                 collate_document_view_set_show_tags    (CollateDocumentView *self,
                                                             gboolean             show);
gboolean             collate_document_view_get_show_tags    (CollateDocumentView *self);
/* Re-reads the colours (after a light/dark style change) */
void                 collate_document_view_update_style     (CollateDocumentView *self,
                                                             gboolean             dark);

G_END_DECLS
