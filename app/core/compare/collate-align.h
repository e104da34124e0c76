/* collate-align.h — pairing the sentences of two reports of one event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "collate-document.h"
#include "collate-sentences.h"

G_BEGIN_DECLS

/*
 * An aligned pair: sentences [first[0], first[0] + n[0]) of document A
 * report what sentences [first[1], first[1] + n[1]) of document B report.
 * Index 0 is side A, 1 is side B.  start/end are the code-point range of
 * each group (start of its first sentence, end of its last).  @score, in
 * (0, 1], is the weighted lexical similarity of the two groups.
 */
typedef struct
{
  guint  first[2];
  guint  n[2];
  guint  start[2];
  guint  end[2];
  double score;
} CollateAlignedPair;

/*
 * Aligns the sentences of two documents: each sentence is a bag of word
 * stems weighted by rarity across both documents (IDF), with names and
 * numbers weighted more; candidates come from an inverted index (never all
 * pairs), are scored by cosine similarity and kept above @min_score (0 for
 * the default, 0.2).  A sentence may align with several (one-to-many); two
 * neighbouring sentences that together match one sentence better than
 * either alone are joined into a group (many-to-one).  Order is not
 * assumed.  Deterministic.  Returns an array of CollateAlignedPair sorted
 * by (first[0], first[1]), or NULL if cancelled.
 */
GArray *collate_align_sentences (CollateDocument *a,
                                 GArray          *sentences_a,
                                 CollateDocument *b,
                                 GArray          *sentences_b,
                                 double           min_score,
                                 GCancellable    *cancellable);

G_END_DECLS
