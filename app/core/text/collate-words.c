/* collate-words.c — what an annotator means by a selection
 *
 * Word boundaries come from ICU's break iterator (UAX #29 with ICU's
 * dictionaries for scripts written without spaces), run over a window of
 * the text around each edge through a UTF-8 UText, so that its indexes are
 * byte offsets and a 5 MB text costs no more than a short one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "collate-tokenizer.h"
#include "collate-words.h"

/* Bytes of text either side of an edge that the word rules look at */
#define WINDOW_BYTES 256

static gunichar
char_at (const char *text,
         gsize       offset)
{
  return g_utf8_get_char (text + offset);
}

static gsize
next_offset (const char *text,
             gsize       offset)
{
  return (gsize) (g_utf8_next_char (text + offset) - text);
}

static gsize
prev_offset (const char *text,
             gsize       offset)
{
  return (gsize) (g_utf8_prev_char (text + offset) - text);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Punctuation that a drag picks up by accident at an edge.  Signs that
 * belong to what they stand beside ("45%", "#1", "AT&T", "1/2") stay. */
static gboolean
is_edge_punctuation (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_OPEN_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_CONNECT_PUNCTUATION:
      return TRUE;
    case G_UNICODE_OTHER_PUNCTUATION:
      return g_utf8_strchr ("%#&/\\@‰‱§¶′″", -1, c) == NULL;
    default:
      return FALSE;
    }
}

/* The partner of an opening or closing bracket or quote, 0 if none */
static gunichar
partner (gunichar c,
         gboolean *opens)
{
  static const gunichar pairs[][2] = {
    { '(', ')' }, { '[', ']' }, { '{', '}' },
    { 0x201C, 0x201D },   /* “ ” */
    { 0x2018, 0x2019 },   /* ‘ ’ */
    { 0x00AB, 0x00BB },   /* « » */
    { 0x2039, 0x203A },   /* ‹ › */
    { 0x201E, 0x201C },   /* „ “ */
    { 0x300C, 0x300D },   /* 「 」 */
    { 0x300E, 0x300F },   /* 『 』 */
    { 0xFF08, 0xFF09 },   /* （ ） */
    { 0x3010, 0x3011 },   /* 【 】 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      if (c == pairs[i][0])
        {
          *opens = TRUE;
          return pairs[i][1];
        }
      if (c == pairs[i][1])
        {
          *opens = FALSE;
          return pairs[i][0];
        }
    }
  return 0;
}

/* Occurrences of @c in [start, end) */
static guint
count_char (const char *text,
            gsize       start,
            gsize       end,
            gunichar    c)
{
  guint n = 0;

  for (gsize p = start; p < end; p = next_offset (text, p))
    n += char_at (text, p) == c;
  return n;
}

/* Is the bracket or quote at @offset balanced by its partner inside
 * [start, end)?  Straight quotes pair with themselves: an even count. */
static gboolean
is_paired_inside (const char *text,
                  gsize       start,
                  gsize       end,
                  gsize       offset)
{
  gunichar c = char_at (text, offset);
  gboolean opens = FALSE;
  gunichar other;

  if (c == '"' || c == '\'')
    return count_char (text, start, end, c) % 2 == 0;

  other = partner (c, &opens);
  if (other == 0)
    return FALSE;
  return opens ? count_char (text, offset, end, other) >= count_char (text, offset, end, c)
               : count_char (text, start, next_offset (text, offset), other) >=
                 count_char (text, start, next_offset (text, offset), c);
}

/* Does the full stop at @offset belong to the word before it ("U.S.",
 * "St.", "J.")?  The tokenizer knows abbreviations and initials. */
static gboolean
is_abbreviation_stop (const char *text,
                      gsize       length,
                      gsize       start,
                      gsize       offset)
{
  gsize from = offset > start + 64 ? offset - 64 : start;
  gsize to = MIN (length, offset + 8);
  g_autoptr(GArray) tokens = NULL;

  /* a window that starts on a character boundary */
  while (from > start && (text[from] & 0xC0) == 0x80)
    from--;
  while (to < length && (text[to] & 0xC0) == 0x80)
    to++;

  tokens = collate_tokenize (text + from, (gssize) (to - from));
  for (guint i = 0; i < tokens->len; i++)
    {
      CollateTextRange *t = &g_array_index (tokens, CollateTextRange, i);

      if (from + t->byte_start <= offset && offset < from + t->byte_end)
        return t->byte_end - t->byte_start > 1 && is_word_char (char_at (text, from + t->byte_start));
    }
  return FALSE;
}

static void
trim_space (const char *text,
            gsize      *s,
            gsize      *e)
{
  while (*s < *e && collate_tokenizer_is_space (char_at (text, *s)))
    *s = next_offset (text, *s);
  while (*e > *s && collate_tokenizer_is_space (char_at (text, prev_offset (text, *e))))
    *e = prev_offset (text, *e);
}

static void
trim_punctuation (const char *text,
                  gsize       length,
                  gsize      *s,
                  gsize      *e)
{
  gboolean changed = TRUE;
  gsize s0 = *s, e0 = *e;

  while (changed && *s < *e)
    {
      gsize last = prev_offset (text, *e);
      gunichar c;

      changed = FALSE;
      c = char_at (text, *s);
      if (is_edge_punctuation (c) && !is_paired_inside (text, *s, *e, *s))
        {
          *s = next_offset (text, *s);
          changed = TRUE;
        }
      else if (*s < last)
        {
          c = char_at (text, last);
          if (is_edge_punctuation (c) && !is_paired_inside (text, *s, *e, last) &&
              !(c == '.' && is_abbreviation_stop (text, length, *s, last)))
            {
              *e = last;
              changed = TRUE;
            }
        }
      trim_space (text, s, e);
    }

  /* punctuation alone was meant: a dash, a quote mark */
  if (*s >= *e)
    {
      *s = s0;
      *e = e0;
    }
}

typedef struct
{
  UBreakIterator *words;
  UText          *utext;
  gsize           from;     /* the window, in bytes of the whole text */
  gsize           to;
} WordWindow;

static gboolean
word_window_open (WordWindow *w,
                  const char *text,
                  gsize       length,
                  gsize       around)
{
  UErrorCode status = U_ZERO_ERROR;

  w->from = around > WINDOW_BYTES ? around - WINDOW_BYTES : 0;
  w->to = MIN (length, around + WINDOW_BYTES);
  while (w->from > 0 && (text[w->from] & 0xC0) == 0x80)
    w->from--;
  while (w->to < length && (text[w->to] & 0xC0) == 0x80)
    w->to++;

  w->utext = utext_openUTF8 (NULL, text + w->from, (int64_t) (w->to - w->from), &status);
  w->words = ubrk_open (UBRK_WORD, "", NULL, 0, &status);
  if (U_SUCCESS (status))
    ubrk_setUText (w->words, w->utext, &status);
  if (U_FAILURE (status))
    {
      if (w->words != NULL)
        ubrk_close (w->words);
      if (w->utext != NULL)
        utext_close (w->utext);
      w->words = NULL;
      w->utext = NULL;
      return FALSE;
    }
  return TRUE;
}

static void
word_window_close (WordWindow *w)
{
  if (w->words != NULL)
    ubrk_close (w->words);
  if (w->utext != NULL)
    utext_close (w->utext);
}

/* Is @offset between two characters of one word?  Unknown (the window's
 * own edges) counts as not inside. */
static gboolean
inside_word (WordWindow *w,
             const char *text,
             gsize       offset)
{
  if (offset <= w->from || offset >= w->to)
    return FALSE;
  if (!is_word_char (char_at (text, offset)) ||
      !is_word_char (char_at (text, prev_offset (text, offset))))
    return FALSE;
  return !ubrk_isBoundary (w->words, (int32_t) (offset - w->from));
}

static void
snap_edge (const char *text,
           gsize       length,
           gsize      *edge,
           gboolean    backward)
{
  WordWindow w = { 0 };

  if (!word_window_open (&w, text, length, *edge))
    return;
  while (inside_word (&w, text, *edge))
    *edge = backward ? prev_offset (text, *edge) : next_offset (text, *edge);
  word_window_close (&w);
}

gboolean
collate_text_refine_selection (const char         *text,
                               gsize               length,
                               gsize              *start,
                               gsize              *end,
                               CollateRefineFlags  flags)
{
  gsize s, e;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (start != NULL && end != NULL, FALSE);

  s = MIN (*start, length);
  e = MIN (*end, length);
  if (s > e)
    {
      gsize t = s;
      s = e;
      e = t;
    }

  trim_space (text, &s, &e);
  if (s == e)
    return FALSE;

  if (flags & COLLATE_REFINE_TRIM_PUNCTUATION)
    trim_punctuation (text, length, &s, &e);

  if (flags & COLLATE_REFINE_SNAP_WORDS)
    {
      snap_edge (text, length, &s, TRUE);
      snap_edge (text, length, &e, FALSE);
    }

  *start = s;
  *end = e;
  return TRUE;
}
