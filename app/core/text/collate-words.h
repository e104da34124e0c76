/* collate-words.h — what an annotator means by a selection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "collate-enums.h"

G_BEGIN_DECLS

/*
 * Refines the selection [*start, *end) (byte offsets into @text, @length
 * bytes of UTF-8) to what an annotator means by it.  White space at either
 * edge always goes.  With COLLATE_REFINE_TRIM_PUNCTUATION, so does
 * punctuation at either edge (", Steve Witkoff" is "Steve Witkoff",
 * "St. Petersburg." is "St. Petersburg"), except an abbreviation's own full
 * stop ("U.S.", "St.", an initial), a closing bracket or quote whose opening
 * one is inside, and the other way round; a selection of punctuation alone
 * is left as it is.  With COLLATE_REFINE_SNAP_WORDS, an edge that falls
 * inside a word moves out to that word's edge: "inside" means between two
 * letters, digits or marks that the Unicode word rules (ICU's, with its
 * dictionaries for Chinese, Japanese, Thai and other scripts written
 * without spaces) keep in one word.  An edge next to a hyphen or an
 * apostrophe is never inside a word, so "Russia" in "Russia-Ukraine" and
 * "Trump" in "Trump's" stay as selected.
 *
 * Returns FALSE, leaving the offsets alone, if nothing but white space is
 * selected.  Offsets must fall on character boundaries.
 */
gboolean collate_text_refine_selection (const char         *text,
                                        gsize               length,
                                        gsize              *start,
                                        gsize              *end,
                                        CollateRefineFlags  flags);

G_END_DECLS
