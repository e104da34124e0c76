/* collate-review.h — a decision on a suggestion, kept for audit (an immutable value)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "collate-enums.h"

G_BEGIN_DECLS

#define COLLATE_TYPE_REVIEW (collate_review_get_type ())

G_DECLARE_FINAL_TYPE (CollateReview, collate_review, COLLATE, REVIEW, GObject)

/* One side of a reviewed suggestion: a range of a document and its quote */
typedef struct
{
  const char *document_id;
  guint       start;
  guint       end;
  const char *text;
} CollateReviewSide;

/* A person accepted or rejected a suggestion of kind @kind (a
 * CollateSuggestionKind nick, kept as a string so that a file written by a
 * Collate with more kinds still loads).  @link_label is the link the
 * suggestion proposed (rejected) or the one made (accepted).  @sides holds
 * two sides; the strings are copied.  @confidence is in [0, 1]. */
CollateReview        *collate_review_new            (const char              *id,
                                                     CollateReviewDecision    decision,
                                                     const char              *kind,
                                                     double                   confidence,
                                                     const char              *reason,
                                                     const char              *link_label,
                                                     const CollateReviewSide  sides[2],
                                                     const char              *author,
                                                     const char              *created);
const char           *collate_review_get_id         (CollateReview *self);
CollateReviewDecision collate_review_get_decision   (CollateReview *self);
/* "accepted" or "rejected" */
const char           *collate_review_get_decision_name (CollateReview *self);
const char           *collate_review_get_kind       (CollateReview *self);
double                collate_review_get_confidence (CollateReview *self);
const char           *collate_review_get_reason     (CollateReview *self);
const char           *collate_review_get_link_label (CollateReview *self);
/* @side is 0 or 1; the pointers are borrowed from the review */
const CollateReviewSide *collate_review_get_side    (CollateReview *self,
                                                     guint          side);
const char           *collate_review_get_author     (CollateReview *self);
const char           *collate_review_get_created    (CollateReview *self);

/* Does the review concern a suggestion of @kind over these two ranges (in
 * either order)?  What makes a suggestion "the same one" again after the
 * suggestions are computed anew. */
gboolean              collate_review_matches        (CollateReview *self,
                                                     const char    *kind,
                                                     const char    *document_a,
                                                     guint          start_a,
                                                     guint          end_a,
                                                     const char    *document_b,
                                                     guint          start_b,
                                                     guint          end_b);

G_END_DECLS
