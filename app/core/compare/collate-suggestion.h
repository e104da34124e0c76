/* collate-suggestion.h — a difference (or agreement) found between two reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "collate-enums.h"
#include "collate-project.h"

G_BEGIN_DECLS

#define COLLATE_TYPE_SUGGESTION (collate_suggestion_get_type ())

G_DECLARE_FINAL_TYPE (CollateSuggestion, collate_suggestion, COLLATE, SUGGESTION, GObject)

/* The suggested link labels */
#define COLLATE_LINK_CONTRADICTS   "Contradicts"
#define COLLATE_LINK_CORROBORATES  "Corroborates"
#define COLLATE_LINK_SAME_ENTITY   "Same entity"

/* An immutable value.  Side 0 is in the comparison's first document, side 1
 * in its second.  @annotation_a/@annotation_b name spans the suggestion is
 * about when there are some (Same entity), else NULL.  The quotes are the
 * documents' text at the ranges. */
CollateSuggestion    *collate_suggestion_new               (CollateSuggestionKind kind,
                                                            double                confidence,
                                                            const char           *reason,
                                                            const char           *link_label,
                                                            const char           *document_a,
                                                            guint                 start_a,
                                                            guint                 end_a,
                                                            const char           *quote_a,
                                                            const char           *annotation_a,
                                                            const char           *document_b,
                                                            guint                 start_b,
                                                            guint                 end_b,
                                                            const char           *quote_b,
                                                            const char           *annotation_b);
CollateSuggestionKind collate_suggestion_get_kind          (CollateSuggestion *self);
/* The kind's name: "quantity-conflict", "ordinal", … */
const char           *collate_suggestion_get_kind_name     (CollateSuggestion *self);
/* In [0, 1]; the comparison lists suggestions by it, highest first */
double                collate_suggestion_get_confidence    (CollateSuggestion *self);
/* One line a person can check at a glance: "four-and-a-half-hour (4.5 h)
 * vs over four hours (> 4 h): compatible, the first is more precise" */
const char           *collate_suggestion_get_reason        (CollateSuggestion *self);
/* COLLATE_LINK_CONTRADICTS, COLLATE_LINK_CORROBORATES or COLLATE_LINK_SAME_ENTITY */
const char           *collate_suggestion_get_link_label    (CollateSuggestion *self);
/* @side is 0 or 1 */
const char           *collate_suggestion_get_document_id   (CollateSuggestion *self,
                                                            guint              side);
guint                 collate_suggestion_get_start         (CollateSuggestion *self,
                                                            guint              side);
guint                 collate_suggestion_get_end           (CollateSuggestion *self,
                                                            guint              side);
const char           *collate_suggestion_get_quote         (CollateSuggestion *self,
                                                            guint              side);
/* NULL unless the side is an existing span */
const char           *collate_suggestion_get_annotation_id (CollateSuggestion *self,
                                                            guint              side);
/* Confidence first (highest first), then document order and offsets:
 * a total, deterministic order */
int                   collate_suggestion_compare           (CollateSuggestion *a,
                                                            CollateSuggestion *b);

/* Name ↔ kind ("quantity-conflict" ↔ COLLATE_SUGGESTION_QUANTITY_CONFLICT);
 * FALSE for an unknown name */
const char           *collate_suggestion_kind_to_string    (CollateSuggestionKind kind);
gboolean              collate_suggestion_kind_from_string  (const char            *name,
                                                            CollateSuggestionKind *kind);
/* Is the kind a disagreement (every kind but agreement, quantity-precision
 * and same-entity)? */
gboolean              collate_suggestion_kind_is_conflict  (CollateSuggestionKind kind);

/* ── Deciding, on the project (main thread) ── */

/*
 * Accepts @self into @project as ONE undo step ("Accept Suggestion"):
 *  - for each side, reuses the side's annotation if it has one, else a span
 *    already at exactly that range (with @span_label if there is one, or
 *    any label when @span_label is NULL), else adds a span labelled
 *    @span_label (NULL: "Claim");
 *  - links the two spans with @link_label (NULL: the suggested one),
 *    unless they are already linked so;
 *  - records an accepted review (collate_project_add_review).
 * Everything is checked before anything changes: on error the project is
 * as it was.  Returns the link (new or the existing one), borrowed.
 */
CollateLink          *collate_suggestion_accept            (CollateSuggestion *self,
                                                            CollateProject    *project,
                                                            const char        *span_label,
                                                            const char        *link_label,
                                                            GError           **error);

/* Records a rejected review of @self in @project, one undo step ("Reject
 * Suggestion"); a comparison computed after that leaves it out. */
CollateReview        *collate_suggestion_reject            (CollateSuggestion *self,
                                                            CollateProject    *project,
                                                            GError           **error);

/* The review of @self in @project (accepted or rejected), or NULL */
CollateReview        *collate_suggestion_find_review       (CollateSuggestion *self,
                                                            CollateProject    *project);

G_END_DECLS
