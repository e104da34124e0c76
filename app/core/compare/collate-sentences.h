/* collate-sentences.h — sentences of a document, for comparing reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "collate-document.h"

G_BEGIN_DECLS

/* A range of a document: [start, end) in code points */
typedef struct
{
  guint start;
  guint end;
} CollateRange;

/*
 * The sentences of @text (UTF-8, @length bytes or -1) as an array of
 * CollateRange in text order, by ICU's sentence break iterator (UAX #29,
 * with ICU's English abbreviation suppressions) and these fixes on top:
 *  - a line break always ends a sentence, so a headline or a dateline
 *    without a full stop stands alone;
 *  - no break after a title or common abbreviation ("Mr.", "St.", "Gen.",
 *    "U.S.", "Jan.") or a capital initial ("George W. Bush") when a
 *    capitalised word follows that does not commonly open a sentence;
 *  - decimals ("4.5") and closing curly quotes stay with their sentence.
 * No range starts or ends with white space, ranges never overlap, and text
 * that is only white space yields none.  Free with g_array_unref().
 */
GArray *collate_sentences_split          (const char      *text,
                                          gssize           length);

/* Same, for a document (offsets in the document's code points) */
GArray *collate_sentences_split_document (CollateDocument *document);

/* Index of the sentence that holds @offset, or of the first one after it;
 * sentences->len if there is none. */
guint   collate_sentences_lookup         (GArray          *sentences,
                                          guint            offset);

G_END_DECLS
