/* collate-sentences.c — sentences of a document, for comparing reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ICU's sentence break iterator (UAX #29) over the UTF-8 text in place
 * (a UText, so no UTF-16 copy), then two fixes where UAX #29 alone is
 * wrong for news text: it breaks after every "Mr. " or "W. " before a
 * capital letter, which we undo with the tokenizer's word lists; and its
 * breaks are byte offsets, which we turn into code points in one pass.
 */
#include "config.h"

#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "collate-sentences.h"
#include "collate-tokenizer.h"

typedef struct
{
  gsize start;  /* bytes */
  gsize end;
} ByteRange;

static inline gunichar
char_at (const char *text,
         gsize       pos)
{
  return g_utf8_get_char (text + pos);
}

static inline gsize
prev_pos (const char *text,
          gsize       pos)
{
  return (gsize) (g_utf8_prev_char (text + pos) - text);
}

static gboolean
is_closing (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return c == '"' || c == '\'' || type == G_UNICODE_CLOSE_PUNCTUATION
         || type == G_UNICODE_FINAL_PUNCTUATION;
}

static gboolean
is_opening (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return c == '"' || c == '\'' || type == G_UNICODE_OPEN_PUNCTUATION
         || type == G_UNICODE_INITIAL_PUNCTUATION;
}

/* Should the break between @a and @b (trimmed, on one line) go?  Yes when
 * @a ends in a title ("Mr.") or an abbreviation or initial ("U.S.", "W.")
 * and @b goes on with a name rather than a new sentence. */
static gboolean
should_join (const char      *text,
             const ByteRange *a,
             const ByteRange *b)
{
  gsize word_end, word_start, next_end;
  gunichar first;
  const char *word;
  gsize len;
  gboolean upper_initial;

  first = char_at (text, b->start);
  /* UAX #29 breaks before a lower-case word only after a real end */
  if (text[a->end - 1] != '.')
    return FALSE;

  word_end = a->end - 1;  /* the period */
  word_start = word_end;
  while (word_start > a->start)
    {
      gsize p = prev_pos (text, word_start);
      gunichar c = char_at (text, p);

      if (collate_tokenizer_is_space (c) || is_opening (c) || c == '(')
        break;
      word_start = p;
    }
  if (word_start == word_end)
    return FALSE;
  word = text + word_start;
  len = word_end - word_start;

  if (collate_tokenizer_is_title (word, len))
    return TRUE;

  upper_initial = g_unichar_isupper (g_utf8_get_char (word))
                  && g_utf8_next_char (word) == text + word_end;
  if (!upper_initial && memchr (word, '.', len) == NULL
      && !collate_tokenizer_is_abbreviation (word, len))
    return FALSE;

  /* A new sentence after an abbreviation: a word that opens sentences, or a
   * quote before a capital letter */
  if (is_opening (first))
    return FALSE;
  if (!g_unichar_isupper (first) && !g_unichar_istitle (first))
    return TRUE;
  next_end = b->start;
  while (next_end < b->end && g_unichar_isalpha (char_at (text, next_end)))
    next_end = (gsize) (g_utf8_next_char (text + next_end) - text);
  return !collate_tokenizer_is_sentence_starter (text + b->start, next_end - b->start);
}

static gboolean
gap_has_line_break (const char *text,
                    gsize       from,
                    gsize       to)
{
  for (gsize i = from; i < to; i++)
    if (text[i] == '\n' || text[i] == '\r')
      return TRUE;
  /* U+2028, U+2029, U+0085 */
  return g_strstr_len (text + from, (gssize) (to - from), "\xe2\x80\xa8") != NULL
         || g_strstr_len (text + from, (gssize) (to - from), "\xe2\x80\xa9") != NULL
         || g_strstr_len (text + from, (gssize) (to - from), "\xc2\x85") != NULL;
}

/* Trims white space off [*start, *end); FALSE if nothing is left */
static gboolean
trim (const char *text,
      gsize      *start,
      gsize      *end)
{
  while (*start < *end && collate_tokenizer_is_space (char_at (text, *start)))
    *start = (gsize) (g_utf8_next_char (text + *start) - text);
  while (*end > *start)
    {
      gsize p = prev_pos (text, *end);

      if (!collate_tokenizer_is_space (char_at (text, p)))
        break;
      *end = p;
    }
  return *start < *end;
}

/* UAX #29 segments, trimmed; a fallback of one segment per line when ICU
 * cannot open its iterator (its data missing) */
static GArray *
icu_segments (const char *text,
              gsize       len)
{
  GArray *segments = g_array_new (FALSE, FALSE, sizeof (ByteRange));
  UErrorCode status = U_ZERO_ERROR;
  UText *ut = NULL;
  UBreakIterator *bi = NULL;
  gsize prev = 0;
  int32_t b;

  ut = utext_openUTF8 (NULL, text, (int64_t) len, &status);
  if (U_SUCCESS (status))
    bi = ubrk_open (UBRK_SENTENCE, "en", NULL, 0, &status);
  if (U_SUCCESS (status))
    ubrk_setUText (bi, ut, &status);

  if (U_FAILURE (status))
    {
      for (gsize i = 0; i <= len; i++)
        if (i == len || text[i] == '\n')
          {
            ByteRange r = { prev, i };

            if (trim (text, &r.start, &r.end))
              g_array_append_val (segments, r);
            prev = i + 1;
          }
    }
  else
    {
      ubrk_first (bi);
      while ((b = ubrk_next (bi)) != UBRK_DONE)
        {
          ByteRange r = { prev, (gsize) b };

          prev = (gsize) b;
          if (trim (text, &r.start, &r.end))
            g_array_append_val (segments, r);
        }
    }

  if (bi != NULL)
    ubrk_close (bi);
  if (ut != NULL)
    utext_close (ut);

  return segments;
}

GArray *
collate_sentences_split (const char *text,
                         gssize      length)
{
  g_autoptr(GArray) segments = NULL;
  GArray *sentences = g_array_new (FALSE, FALSE, sizeof (CollateRange));
  gsize len, counted_to = 0;
  guint chars = 0;
  guint i;

  if (text == NULL)
    return sentences;
  len = length < 0 ? strlen (text) : (gsize) length;
  if (len == 0)
    return sentences;

  segments = icu_segments (text, len);

  for (i = 0; i < segments->len;)
    {
      ByteRange current = g_array_index (segments, ByteRange, i);
      CollateRange range;

      for (i++; i < segments->len; i++)
        {
          const ByteRange *next = &g_array_index (segments, ByteRange, i);

          if (gap_has_line_break (text, current.end, next->start)
              || !should_join (text, &current, next))
            break;
          current.end = next->end;
        }

      /* a closing quote split off by itself joins its sentence */
      while (i < segments->len)
        {
          const ByteRange *next = &g_array_index (segments, ByteRange, i);

          if (next->start != current.end || !is_closing (char_at (text, next->start)))
            break;
          current.end = next->end;
          i++;
        }

      chars += (guint) g_utf8_strlen (text + counted_to, (gssize) (current.start - counted_to));
      range.start = chars;
      chars += (guint) g_utf8_strlen (text + current.start, (gssize) (current.end - current.start));
      range.end = chars;
      counted_to = current.end;
      g_array_append_val (sentences, range);
    }

  return sentences;
}

GArray *
collate_sentences_split_document (CollateDocument *document)
{
  g_return_val_if_fail (COLLATE_IS_DOCUMENT (document), NULL);

  return collate_sentences_split (collate_document_get_text (document),
                                  (gssize) collate_document_get_byte_length (document));
}

guint
collate_sentences_lookup (GArray *sentences,
                          guint   offset)
{
  guint lo = 0, hi;

  g_return_val_if_fail (sentences != NULL, 0);

  hi = sentences->len;
  /* the first sentence whose end is after @offset */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (sentences, CollateRange, mid).end <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}
