/* collate-tokenizer.h — Unicode-aware tokens and sentences, as offsets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A stretch of text: [start, end) in code points and the same in bytes */
typedef struct
{
  guint start;
  guint end;
  gsize byte_start;
  gsize byte_end;
} CollateTextRange;

/* A sentence: its tokens [first_token, end_token) and its text range */
typedef struct
{
  guint            first_token;
  guint            end_token;
  CollateTextRange range;
} CollateSentence;

/*
 * Tokens of @text (UTF-8, @length bytes or -1), in order, as an array of
 * CollateTextRange.  Rules:
 *  - whitespace separates and is never part of a token;
 *  - letters, digits and combining marks make words; an apostrophe (' or ’)
 *    or a hyphen between two letters or digits stays inside ("four-and-a-
 *    half-hour", "O’Neill"), except that a final possessive ’s/'s is a
 *    token of its own ("Trump", "’s");
 *  - "." and "," between digits stay inside numbers (4.5, 3,000);
 *  - initialisms ("U.S.", "e.g.", "a.m."), capital initials ("W.") and
 *    known abbreviations ("St.", "Mr.", "Dr.", "Jan.", "etc.") keep their
 *    final period; a lower-case letter alone does not ("plan b." is "b",
 *    ".");
 *  - a web address (http://, https://, www.) is one token, less trailing
 *    punctuation;
 *  - "..." is one token; every other punctuation mark or symbol (curly
 *    quotes, en and em dashes, brackets) is a token of its own;
 *  - emoji keep their modifiers, variation selectors and ZWJ sequences,
 *    and regional-indicator pairs (flags) stay together.
 */
GArray *collate_tokenize           (const char *text,
                                    gssize      length);

/*
 * Sentences of @text over @tokens (from collate_tokenize()), as an array of
 * CollateSentence covering every token.  A sentence ends
 *  - after ".", "!", "?", "…" or "..." (with any closing quotes or brackets
 *    right after them) when the next token does not start with a lowercase
 *    letter;
 *  - after a word that kept its period and is not a title ("U.S.", "a.m.",
 *    "etc.", "Inc.", "W.", but not "Mr." or "St."), with any closing quotes,
 *    when the next token is a capitalised word that commonly opens a
 *    sentence ("The", "But", "He"…) or an opening quote or bracket right
 *    before a capital letter; any other capitalised word is taken for a
 *    name going on ("U.S. President", "9 a.m. Monday");
 *  - at every line break: Collate's texts hold one paragraph or heading per
 *    line.
 */
GArray *collate_split_sentences    (const char *text,
                                    gssize      length,
                                    GArray     *tokens);

/* White space: what separates tokens and is never part of one.  Python's
 * str.isspace() (so also \v, \x1c–\x1f and U+0085, at which the readers of
 * CoNLL and brat files split), every space separator, and the zero-width
 * space and no-break BOM. */
gboolean collate_tokenizer_is_space (gunichar c);

/* The word lists behind the sentence rules, for other splitters.  @word is
 * @length bytes, without a final period.  A title stands before a name or a
 * number and never ends a sentence ("Mr", "St", "Gen", "No"); an
 * abbreviation keeps its period ("Jan", "Inc", "etc", and the titles); a
 * sentence starter is a capitalised word that commonly opens a sentence
 * ("The", "But", "He"). */
gboolean collate_tokenizer_is_title            (const char *word,
                                                gsize       length);
gboolean collate_tokenizer_is_abbreviation     (const char *word,
                                                gsize       length);
gboolean collate_tokenizer_is_sentence_starter (const char *word,
                                                gsize       length);

/* Index of the first token that ends after @offset (code points), or
 * tokens->len if none: the token containing @offset, or the next one. */
guint   collate_tokens_find        (GArray     *tokens,
                                    guint       offset);

/* Index of the sentence containing token @token_index */
guint   collate_sentences_find     (GArray     *sentences,
                                    guint       token_index);

G_END_DECLS
