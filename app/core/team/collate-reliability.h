/* collate-reliability.h — chance-corrected agreement between coders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A coding: every item (a token, say) given one nominal category by each of
 * n coders.  Categories are strings, compared byte for byte.  Every coder
 * codes every item (Collate's coders see the whole text: a token nobody
 * tagged is coded as such).
 *
 * Each measure returns NAN when it is undefined: no items, fewer than two
 * coders, or every value the same category (no disagreement is possible, so
 * chance agreement is 1).
 */
typedef struct _CollateCoding CollateCoding;

CollateCoding *collate_coding_new                 (guint                n_coders);
void           collate_coding_free                (CollateCoding       *coding);
/* @categories: one per coder */
void           collate_coding_add_item            (CollateCoding       *coding,
                                                   const char *const   *categories);
/* The index of category @name, added if new: for adding many items fast */
guint          collate_coding_add_category        (CollateCoding       *coding,
                                                   const char          *name);
/* On an empty coding: @n_rows rows of n_coders category indices, row r
 * standing for @weights[r] identical items (many items, few distinct
 * rows).  @item_rows, if not NULL, gives each item's row (guint per item,
 * referenced), so that collate_coding_get_category() answers by item. */
void           collate_coding_set_rows            (CollateCoding       *coding,
                                                   const guint         *indices,
                                                   const guint64       *weights,
                                                   gsize                n_rows,
                                                   GArray              *item_rows);
guint          collate_coding_get_n_items         (CollateCoding       *coding);
guint          collate_coding_get_n_coders        (CollateCoding       *coding);
const char    *collate_coding_get_category        (CollateCoding       *coding,
                                                   guint                item,
                                                   guint                coder);

/* Share of items coders @a and @b put in the same category */
double         collate_coding_observed_agreement  (CollateCoding       *coding,
                                                   guint                a,
                                                   guint                b);
/* Cohen (1960): (Ao − Ae) / (1 − Ae), Ae = Σk pa(k)·pb(k), each coder's own
 * distribution of categories */
double         collate_coding_cohen_kappa         (CollateCoding       *coding,
                                                   guint                a,
                                                   guint                b);
/* Fleiss (1971): P̄ = mean over items of Σk nik(nik − 1) / (n(n − 1)),
 * P̄e = Σk pk², pk the share of all values in category k */
double         collate_coding_fleiss_kappa        (CollateCoding       *coding);
/* Krippendorff's alpha, nominal: 1 − Do/De with the coincidence matrix */
double         collate_coding_alpha_nominal       (CollateCoding       *coding);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CollateCoding, collate_coding_free)

/*
 * A unitizing: n coders each marking units of categories on one continuum
 * [0, length) (characters, for Collate).  A coder's units of one category
 * that overlap are taken as their union (αu needs each coder's units of a
 * category apart); units that only touch stay two.
 */
typedef struct _CollateUnitizing CollateUnitizing;

CollateUnitizing *collate_unitizing_new           (guint                n_coders,
                                                   guint64              length);
void              collate_unitizing_free          (CollateUnitizing    *unitizing);
/* [@start, @end) with start < end ≤ length */
void              collate_unitizing_add_unit      (CollateUnitizing    *unitizing,
                                                   guint                coder,
                                                   guint64              start,
                                                   guint64              end,
                                                   const char          *category);
/* The categories with at least one unit, sorted (free the array only) */
const char      **collate_unitizing_get_categories (CollateUnitizing   *unitizing);
/*
 * Krippendorff's αu for @category, or over every category for NULL
 * (1 − Σc cDo / Σc cDe), after Krippendorff (1995) "On the reliability of
 * unitizing continuous data" and Content Analysis (2nd ed., 2004, §12.5):
 * observed disagreement from the squared differences between coders'
 * overlapping sections, expected disagreement from every way the same units
 * and gaps could be laid on the continuum.  @observed and @expected, if not
 * NULL, receive Do and De.  NAN if De is 0 (no units of @category).
 */
double            collate_unitizing_alpha         (CollateUnitizing    *unitizing,
                                                   const char          *category,
                                                   double              *observed,
                                                   double              *expected);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CollateUnitizing, collate_unitizing_free)

G_END_DECLS
