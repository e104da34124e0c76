/* collate-enums.h — enums shared across the core, registered as GTypes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  COLLATE_LABEL_KIND_SPAN,
  COLLATE_LABEL_KIND_LINK,
} CollateLabelKind;

/* How collate_text_refine_selection() treats a selection's edges (white
 * space at the edges always goes) */
typedef enum /*< flags >*/
{
  COLLATE_REFINE_NONE              = 0,
  COLLATE_REFINE_TRIM_PUNCTUATION  = 1 << 0,
  COLLATE_REFINE_SNAP_WORDS        = 1 << 1,
} CollateRefineFlags;

/**
 * CollateSuggestionKind:
 * @COLLATE_SUGGESTION_QUANTITY_CONFLICT: two quantities of one thing whose
 *   intervals are disjoint ("three hours" / "five hours")
 * @COLLATE_SUGGESTION_QUANTITY_PRECISION: two quantities of one thing that
 *   are compatible but not equally precise ("4.5 h" / "over 4 h")
 * @COLLATE_SUGGESTION_DATE: different dates, months, years or weekdays
 * @COLLATE_SUGGESTION_TIME: different times of day
 * @COLLATE_SUGGESTION_ORDINAL: the same ordinal counting different things
 *   ("third meeting" / "third visit"), or different ordinals of one thing
 * @COLLATE_SUGGESTION_NAME: different people, places or organisations in
 *   the same role
 * @COLLATE_SUGGESTION_NEGATION: one report negates what the other affirms
 * @COLLATE_SUGGESTION_AGREEMENT: the same claim in both reports
 * @COLLATE_SUGGESTION_CONTRADICTION: a contradiction reported by an external
 *   scorer (collate-cli suggest --scorer) with no finer kind
 * @COLLATE_SUGGESTION_SAME_ENTITY: two spans of one entity label naming the
 *   same thing ("St. Petersburg" / "Saint Petersburg")
 *
 * What a suggestion points at.  The nicks ("quantity-conflict", …) are the
 * names used in files and on the command line.
 */
typedef enum
{
  COLLATE_SUGGESTION_QUANTITY_CONFLICT,
  COLLATE_SUGGESTION_QUANTITY_PRECISION,
  COLLATE_SUGGESTION_DATE,
  COLLATE_SUGGESTION_TIME,
  COLLATE_SUGGESTION_ORDINAL,
  COLLATE_SUGGESTION_NAME,
  COLLATE_SUGGESTION_NEGATION,
  COLLATE_SUGGESTION_AGREEMENT,
  COLLATE_SUGGESTION_CONTRADICTION,
  COLLATE_SUGGESTION_SAME_ENTITY,
} CollateSuggestionKind;

#define COLLATE_SUGGESTION_N_KINDS (COLLATE_SUGGESTION_SAME_ENTITY + 1)

/**
 * CollateReviewDecision:
 * @COLLATE_REVIEW_ACCEPTED: the suggestion became spans and a link
 * @COLLATE_REVIEW_REJECTED: the suggestion was dismissed
 */
typedef enum
{
  COLLATE_REVIEW_ACCEPTED,
  COLLATE_REVIEW_REJECTED,
} CollateReviewDecision;

G_END_DECLS
