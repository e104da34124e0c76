/* collate-compare.h — comparing two documents of a project, off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "collate-align.h"
#include "collate-project.h"
#include "collate-sentences.h"
#include "collate-suggestion.h"

G_BEGIN_DECLS

typedef struct
{
  /* Bit mask of 1 << CollateSuggestionKind; 0 means every kind */
  guint         kinds;
  /* Suggestions below this confidence are left out (default 0) */
  double        min_confidence;
  /* Also list suggestions the project already has a review of (default
   * FALSE: accepted and rejected ones are left out) */
  gboolean      include_reviewed;
  /* An external scorer (collate-scorer.h), or NULL: argv, NULL-terminated */
  char        **scorer_argv;
  /* How long the scorer may take in all, in milliseconds (0: 60000) */
  guint         scorer_timeout_ms;
} CollateCompareOptions;

/* Fills @options with the defaults (every kind, no threshold, no scorer) */
void collate_compare_options_init (CollateCompareOptions *options);

#define COLLATE_TYPE_COMPARISON (collate_comparison_get_type ())

G_DECLARE_FINAL_TYPE (CollateComparison, collate_comparison, COLLATE, COMPARISON, GObject)

/* The result of comparing two documents: immutable, safe to read from any
 * thread.  Side 0 is the first document, side 1 the second. */
CollateDocument *collate_comparison_get_document      (CollateComparison *self,
                                                       guint              side);
/* CollateRange array of the side's sentences (borrowed) */
GArray          *collate_comparison_get_sentences     (CollateComparison *self,
                                                       guint              side);
/* CollateAlignedPair array sorted by (first[0], first[1]) (borrowed) */
GArray          *collate_comparison_get_pairs         (CollateComparison *self);
/* Indexes into get_pairs() of the pairs whose group on @side holds
 * @offset, best score first: what a band near the caret or the mouse
 * shows.  Free with g_array_unref(); an array of guint. */
GArray          *collate_comparison_find_pairs_at     (CollateComparison *self,
                                                       guint              side,
                                                       guint              offset);
/* The best pair for @offset on @side (its counterpart for synchronised
 * scrolling), or NULL; borrowed */
const CollateAlignedPair *collate_comparison_get_best_pair_at (CollateComparison *self,
                                                       guint              side,
                                                       guint              offset);
/* CollateSuggestion items, highest confidence first (collate_suggestion_compare) */
GListModel      *collate_comparison_get_suggestions   (CollateComparison *self);

/*
 * Compares documents @document_a and @document_b of @project in a thread
 * of GTask's pool.  What may change while it runs (the annotations, links
 * and reviews the suggestions look at) is copied when this is called; the
 * documents are immutable and only referenced.  Call from the thread that
 * owns @project; @options is copied.  Errors: COLLATE_ERROR_NOT_FOUND for
 * an unknown document, COLLATE_ERROR_INVALID for a document compared with
 * itself, the scorer's errors (collate-scorer.h), G_IO_ERROR_CANCELLED.
 */
void               collate_compare_async  (CollateProject              *project,
                                           const char                  *document_a,
                                           const char                  *document_b,
                                           const CollateCompareOptions *options,
                                           GCancellable                *cancellable,
                                           GAsyncReadyCallback          callback,
                                           gpointer                     user_data);
CollateComparison *collate_compare_finish (GAsyncResult                *result,
                                           GError                     **error);
/* The same, on the calling thread (the command line) */
CollateComparison *collate_compare        (CollateProject              *project,
                                           const char                  *document_a,
                                           const char                  *document_b,
                                           const CollateCompareOptions *options,
                                           GCancellable                *cancellable,
                                           GError                     **error);

G_END_DECLS
