/* collate-tokenizer.c — Unicode-aware tokens and sentences, as offsets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "collate-tokenizer.h"

/* Words that keep their period ("St." is not the end of a sentence) */
static const char *const abbreviations[] = {
  "Adm", "Apr", "Aug", "Ave", "Blvd", "Capt", "Cmdr", "Co", "Col", "Corp", "Cpl",
  "Dec", "Dept", "Dr", "Feb", "Fig", "Fr", "Gen", "Gov", "Hon", "Inc", "Jan",
  "Jr", "Jul", "Jun", "Lt", "Ltd", "Maj", "Mar", "Mr", "Mrs", "Ms", "Mt", "No",
  "Nos", "Nov", "Oct", "Ph", "Pres", "Prof", "Rep", "Rev", "Rd", "Sen", "Sep",
  "Sept", "Sgt", "Sr", "St", "Supt", "Vol", "al", "approx", "ca", "cf", "etc",
  "est", "fig", "vol", "vs",
  NULL
};

/* Of those, the ones that stand before a name or a number and so never end
 * a sentence ("Mr. Putin", "St. Petersburg", "No. 5", "e.g. Kyiv").  Every
 * other word that keeps its period — an initialism ("U.S.", "a.m."), "etc.",
 * "Inc.", "Jr.", a month — may also be the last word of a sentence. */
static const char *const titles[] = {
  "Adm", "Capt", "Cmdr", "Col", "Cpl", "Dr", "Fig", "Fr", "Gen", "Gov", "Hon",
  "Lt", "Maj", "Mr", "Mrs", "Ms", "Mt", "No", "Nos", "Ph", "Pres", "Prof", "Rep",
  "Rev", "Sen", "Sgt", "St", "Supt", "Vol", "approx", "ca", "cf", "e.g", "fig",
  "i.e", "vol", "vs",
  NULL
};

/* Words that often open a sentence and seldom follow "U.S." or "etc." inside
 * one: after a word that keeps its period, one of these (capitalised) starts
 * a new sentence.  A capitalised word not listed is taken for a name going
 * on ("U.S. President Donald Trump", "9 a.m. Monday"). */
static const char *const sentence_starters[] = {
  "A", "According", "After", "Afterwards", "Also", "Although", "An", "And", "Another",
  "As", "At", "Because", "Before", "Both", "But", "By", "Despite", "During", "Each",
  "Earlier", "Even", "Every", "For", "From", "He", "Her", "Here", "His", "How",
  "However", "I", "If", "In", "It", "Its", "Last", "Later", "Many", "Meanwhile",
  "Moreover", "Most", "My", "No", "Nor", "Not", "Now", "On", "Once", "One", "Only",
  "Or", "Our", "She", "Since", "So", "Some", "Still", "Such", "That", "The", "Their",
  "Then", "There", "These", "They", "This", "Those", "Though", "Thus", "To", "Under",
  "Unlike", "We", "What", "When", "Where", "Whether", "Which", "While", "Who", "Why",
  "With", "Without", "Yet", "You",
  NULL
};

static inline gunichar
peek_at (const char *text,
         gsize       length,
         gsize       pos)
{
  if (pos >= length)
    return 0;
  if ((guchar) text[pos] < 0x80)
    return (guchar) text[pos];
  return g_utf8_get_char (text + pos);
}

static inline gsize
next_pos (const char *text,
          gsize       pos)
{
  return (gsize) (g_utf8_next_char (text + pos) - text);
}

static inline gboolean
is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c);
  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
      return TRUE;
    default:
      return FALSE;
    }
}

static inline gboolean
is_letter (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalpha (c);
  return g_unichar_isalpha (c);
}

/* Characters that attach to whatever precedes them */
static inline gboolean
is_extender (gunichar c)
{
  if (c < 0x300)
    return FALSE;
  return (c >= 0xFE00 && c <= 0xFE0F) ||        /* variation selectors */
         (c >= 0x1F3FB && c <= 0x1F3FF) ||      /* skin tones */
         (c >= 0xE0020 && c <= 0xE007F) ||      /* tag sequences */
         c == 0x20E3 ||                         /* keycap */
         g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK ||
         g_unichar_type (c) == G_UNICODE_ENCLOSING_MARK ||
         g_unichar_type (c) == G_UNICODE_SPACING_MARK;
}

static inline gboolean
is_regional_indicator (gunichar c)
{
  return c >= 0x1F1E6 && c <= 0x1F1FF;
}

static inline gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

static inline gboolean
is_hyphen (gunichar c)
{
  return c == '-' || c == 0x2010 || c == 0x2011;
}

/* White space as the readers of the formats take it: Python's
 * str.split() and str.isspace() also count \v, the separators \x1c–\x1f
 * and U+0085 (NEL), so a token of one would vanish from a CoNLL line */
static inline gboolean
is_ascii_space (guchar c)
{
  return g_ascii_isspace (c) || c == 0x0b || (c >= 0x1c && c <= 0x1f);
}

static inline gboolean
is_space (gunichar c)
{
  if (c < 0x80)
    return is_ascii_space (c);
  return g_unichar_isspace (c) || c == 0x85 || c == 0x200B || c == 0xFEFF ||
         g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR;
}

gboolean
collate_tokenizer_is_space (gunichar c)
{
  return is_space (c);
}

static gboolean
in_list (const char *const *list,
         const char        *word,
         gsize              len)
{
  for (guint i = 0; list[i]; i++)
    if (strlen (list[i]) == len && memcmp (list[i], word, len) == 0)
      return TRUE;
  return FALSE;
}

static inline gboolean
is_abbreviation (const char *word,
                 gsize       len)
{
  return in_list (abbreviations, word, len);
}

gboolean
collate_tokenizer_is_title (const char *word,
                            gsize       length)
{
  return in_list (titles, word, length);
}

gboolean
collate_tokenizer_is_abbreviation (const char *word,
                                   gsize       length)
{
  return is_abbreviation (word, length);
}

gboolean
collate_tokenizer_is_sentence_starter (const char *word,
                                       gsize       length)
{
  return in_list (sentence_starters, word, length);
}

static void
push (GArray *tokens,
      guint   start,
      guint   end,
      gsize   byte_start,
      gsize   byte_end)
{
  CollateTextRange r = { start, end, byte_start, byte_end };

  g_array_append_val (tokens, r);
}

GArray *
collate_tokenize (const char *text,
                  gssize      length)
{
  GArray *tokens;
  gsize len, pos = 0;
  guint chars = 0;

  if (text == NULL)
    return g_array_new (FALSE, FALSE, sizeof (CollateTextRange));
  len = length < 0 ? strlen (text) : (gsize) length;
  /* about one token in six bytes of English */
  tokens = g_array_sized_new (FALSE, FALSE, sizeof (CollateTextRange), (guint) MIN (len / 6, G_MAXUINT / 2));

  while (pos < len)
    {
      guchar b = (guchar) text[pos];
      gunichar c;
      gsize start_pos = pos;
      guint start_chars = chars;

#define ADVANCE() G_STMT_START { pos = next_pos (text, pos); chars++; } G_STMT_END

      /* ASCII, most of the text, without decoding */
      if (b < 0x80)
        {
          if (is_ascii_space (b))
            {
              pos++;
              chars++;
              continue;
            }
          c = b;
        }
      else
        {
          c = g_utf8_get_char (text + pos);
          if (is_space (c))
            {
              ADVANCE ();
              continue;
            }
        }

      /* A web address runs to the next space, less trailing punctuation */
      if ((c == 'h' || c == 'w') &&
          (g_str_has_prefix (text + pos, "http://") || g_str_has_prefix (text + pos, "https://") ||
           g_str_has_prefix (text + pos, "www.")) &&
          pos + 8 <= len)
        {
          gsize last_good = pos;
          guint last_good_chars = chars;

          while (pos < len)
            {
              gunichar d = g_utf8_get_char (text + pos);

              if (is_space (d))
                break;
              ADVANCE ();
              if (!(d == '.' || d == ',' || d == ';' || d == ':' || d == '!' || d == '?' ||
                    d == ')' || d == ']' || d == '"' || d == '\'' || d == 0x201D || d == 0x2019))
                {
                  last_good = pos;
                  last_good_chars = chars;
                }
            }
          pos = last_good;
          chars = last_good_chars;
          push (tokens, start_chars, chars, start_pos, pos);
          continue;
        }

      if (is_word_char (c))
        {
          gboolean only_digits = TRUE;
          guint n_letters = 0;

          for (;;)
            {
              gunichar d;

              /* ASCII letters and digits, the bulk of every word */
              if (pos < len && (guchar) text[pos] < 0x80 && g_ascii_isalnum (text[pos]))
                {
                  if (g_ascii_isalpha (text[pos]))
                    {
                      only_digits = FALSE;
                      n_letters++;
                    }
                  pos++;
                  chars++;
                  continue;
                }
              d = peek_at (text, len, pos);
              if (is_word_char (d) || (d == 0x200D && pos > start_pos))
                {
                  if (!g_unichar_isdigit (d))
                    only_digits = FALSE;
                  if (is_letter (d))
                    n_letters++;
                  ADVANCE ();
                  continue;
                }
              if (d == 0)
                break;
              {
                gsize after = next_pos (text, pos);
                gunichar prev = g_utf8_get_char (g_utf8_prev_char (text + pos));
                gunichar e = peek_at (text, len, after);

                /* 4.5, 3,000 */
                if ((d == '.' || d == ',') && g_unichar_isdigit (prev) && g_unichar_isdigit (e))
                  {
                    ADVANCE ();
                    continue;
                  }
                /* four-and-a-half */
                if (is_hyphen (d) && is_word_char (prev) && is_word_char (e))
                  {
                    ADVANCE ();
                    only_digits = FALSE;
                    continue;
                  }
                if (is_apostrophe (d) && is_letter (prev) && is_letter (e))
                  {
                    /* a final possessive ’s is a token of its own */
                    gsize after_s = next_pos (text, after);
                    if ((e == 's' || e == 'S') && !is_word_char (peek_at (text, len, after_s)))
                      break;
                    ADVANCE ();
                    continue;
                  }
              }
              break;
            }

          /* Initialisms: U.S., e.g., a.m., and initials: J. Smith.  A
           * lower-case letter alone is a word ("plan b."), not an initial. */
          if (n_letters == 1 && !only_digits && pos - start_pos <= 4 &&
              peek_at (text, len, pos) == '.' &&
              (!g_unichar_islower (g_utf8_get_char (text + start_pos)) ||
               (is_letter (peek_at (text, len, pos + 1)) &&
                peek_at (text, len, next_pos (text, pos + 1)) == '.')))
            {
              gsize p = pos;
              guint ch = chars;
              gsize last_good = 0;
              guint last_good_chars = 0;

              /* letter '.' (letter '.')* */
              for (;;)
                {
                  gunichar dot = peek_at (text, len, p);
                  gunichar l, after_l;
                  gsize lp;

                  if (dot != '.')
                    break;
                  p = next_pos (text, p);
                  ch++;
                  last_good = p;
                  last_good_chars = ch;
                  l = peek_at (text, len, p);
                  if (!is_letter (l))
                    break;
                  lp = next_pos (text, p);
                  after_l = peek_at (text, len, lp);
                  if (after_l != '.')
                    break;
                  p = lp;
                  ch++;
                }
              if (last_good > 0)
                {
                  pos = last_good;
                  chars = last_good_chars;
                }
            }
          else if (peek_at (text, len, pos) == '.' &&
                   is_abbreviation (text + start_pos, pos - start_pos))
            {
              ADVANCE ();
            }
          push (tokens, start_chars, chars, start_pos, pos);
          continue;
        }

      /* A possessive clitic split off above: ’s */
      if (is_apostrophe (c) && tokens->len > 0 &&
          g_array_index (tokens, CollateTextRange, tokens->len - 1).byte_end == pos)
        {
          gsize after = next_pos (text, pos);
          gunichar e = peek_at (text, len, after);

          if ((e == 's' || e == 'S') && !is_word_char (peek_at (text, len, next_pos (text, after))) &&
              is_letter (g_utf8_get_char (g_utf8_prev_char (text + pos))))
            {
              ADVANCE ();
              ADVANCE ();
              push (tokens, start_chars, chars, start_pos, pos);
              continue;
            }
        }

      /* Characters that attach to the previous token (emoji modifiers) */
      if (is_extender (c) && tokens->len > 0 &&
          g_array_index (tokens, CollateTextRange, tokens->len - 1).byte_end == pos)
        {
          CollateTextRange *last = &g_array_index (tokens, CollateTextRange, tokens->len - 1);

          ADVANCE ();
          last->end = chars;
          last->byte_end = pos;
          continue;
        }

      /* "..." */
      if (c == '.')
        {
          while (peek_at (text, len, pos) == '.')
            ADVANCE ();
          push (tokens, start_chars, chars, start_pos, pos);
          continue;
        }

      /* One symbol or punctuation mark, with its extenders and ZWJ chain */
      ADVANCE ();
      if (is_regional_indicator (c) && is_regional_indicator (peek_at (text, len, pos)))
        ADVANCE ();
      for (;;)
        {
          gunichar d = peek_at (text, len, pos);

          if (d != 0 && is_extender (d))
            {
              ADVANCE ();
              continue;
            }
          if (d == 0x200D)
            {
              gsize after = next_pos (text, pos);
              gunichar e = peek_at (text, len, after);

              ADVANCE ();
              if (e != 0 && !is_space (e))
                ADVANCE ();
              continue;
            }
          break;
        }
      push (tokens, start_chars, chars, start_pos, pos);
#undef ADVANCE
    }

  return tokens;
}

static inline gboolean
is_terminal_token (const char             *text,
                   const CollateTextRange *t)
{
  gsize n = t->byte_end - t->byte_start;
  const char *s = text + t->byte_start;

  if (n == 1)
    return s[0] == '.' || s[0] == '!' || s[0] == '?';
  if (n == 3 && memcmp (s, "\xe2\x80\xa6", 3) == 0)   /* … */
    return TRUE;
  if (n >= 2 && s[0] == '.' && s[n - 1] == '.')
    {
      for (gsize i = 0; i < n; i++)
        if (s[i] != '.')
          return FALSE;
      return TRUE;                                    /* ... */
    }
  /* ‼ ⁇ ⁈ ⁉ */
  if (n == 3 && (memcmp (s, "\xe2\x80\xbc", 3) == 0 || memcmp (s, "\xe2\x81\x87", 3) == 0 ||
                 memcmp (s, "\xe2\x81\x88", 3) == 0 || memcmp (s, "\xe2\x81\x89", 3) == 0))
    return TRUE;
  return FALSE;
}

static inline gboolean
is_closer_token (const char             *text,
                 const CollateTextRange *t)
{
  gunichar c;

  if (t->end - t->start != 1)
    return FALSE;
  c = g_utf8_get_char (text + t->byte_start);
  switch (c)
    {
    case '"': case '\'': case ')': case ']': case '}':
    case 0x2019: case 0x201D: case 0x00BB: case 0x203A:
      return TRUE;
    default:
      return g_unichar_type (c) == G_UNICODE_CLOSE_PUNCTUATION ||
             g_unichar_type (c) == G_UNICODE_FINAL_PUNCTUATION;
    }
}

/* A word that kept its final period ("U.S.", "etc.", "J.") and may be the
 * last of a sentence: not a title ("Mr.", "St.") */
static gboolean
is_final_abbreviation (const char             *text,
                       const CollateTextRange *t)
{
  gsize n = t->byte_end - t->byte_start;
  const char *s = text + t->byte_start;

  if (n < 2 || s[n - 1] != '.' || !is_letter (g_utf8_get_char (s)))
    return FALSE;
  return !in_list (titles, s, n - 1);
}

/* An opening quote or bracket: “ ‘ « " ' ( [ */
static inline gboolean
is_opener_token (const char             *text,
                 const CollateTextRange *t)
{
  gunichar c;

  if (t->end - t->start != 1)
    return FALSE;
  c = g_utf8_get_char (text + t->byte_start);
  return c == '"' || c == '\'' ||
         g_unichar_type (c) == G_UNICODE_OPEN_PUNCTUATION ||
         g_unichar_type (c) == G_UNICODE_INITIAL_PUNCTUATION;
}

static inline gboolean
starts_upper (const char             *text,
              const CollateTextRange *t)
{
  gunichar c = g_utf8_get_char (text + t->byte_start);

  return g_unichar_isupper (c) || g_unichar_istitle (c);
}

/* After a word that kept its period, does the token at @j open a new
 * sentence?  Yes for a quote or bracket right before a capital letter
 * (“The…), and for a capitalised word that usually opens one (The, But,
 * He…); a capitalised word otherwise is taken for a name going on. */
static gboolean
opens_sentence_after_abbreviation (const char *text,
                                   GArray     *tokens,
                                   guint       j)
{
  const CollateTextRange *u = &g_array_index (tokens, CollateTextRange, j);

  if (is_opener_token (text, u))
    {
      const CollateTextRange *v;

      if (j + 1 >= tokens->len)
        return FALSE;
      v = &g_array_index (tokens, CollateTextRange, j + 1);
      return v->byte_start == u->byte_end && starts_upper (text, v);
    }
  return starts_upper (text, u) &&
         in_list (sentence_starters, text + u->byte_start, u->byte_end - u->byte_start);
}

static inline gboolean
gap_has_newline (const char *text,
                 gsize       from,
                 gsize       to)
{
  return memchr (text + from, '\n', to - from) != NULL ||
         memchr (text + from, '\r', to - from) != NULL;
}

GArray *
collate_split_sentences (const char *text,
                         gssize      length,
                         GArray     *tokens)
{
  GArray *sentences = g_array_new (FALSE, FALSE, sizeof (CollateSentence));
  guint first = 0;

  if (text == NULL || tokens == NULL || tokens->len == 0)
    return sentences;

  for (guint i = 0; i < tokens->len; i++)
    {
      const CollateTextRange *t = &g_array_index (tokens, CollateTextRange, i);
      gboolean end_here = FALSE;

      if (i + 1 == tokens->len)
        {
          end_here = TRUE;
        }
      else
        {
          const CollateTextRange *next = &g_array_index (tokens, CollateTextRange, i + 1);

          if (gap_has_newline (text, t->byte_end, next->byte_start))
            {
              end_here = TRUE;
            }
          else if (is_terminal_token (text, t))
            {
              guint j = i + 1;

              /* "?!" and closing quotes stay in this sentence */
              while (j < tokens->len)
                {
                  const CollateTextRange *u = &g_array_index (tokens, CollateTextRange, j);
                  const CollateTextRange *prev = &g_array_index (tokens, CollateTextRange, j - 1);

                  if (u->byte_start != prev->byte_end)
                    break;
                  if (!is_terminal_token (text, u) && !is_closer_token (text, u))
                    break;
                  j++;
                }
              /* the run of marks stays in this sentence either way (and is
               * not scanned again: linear on "!!!!…") */
              if (j == tokens->len)
                {
                  end_here = TRUE;
                }
              else
                {
                  const CollateTextRange *u = &g_array_index (tokens, CollateTextRange, j);
                  const CollateTextRange *prev = &g_array_index (tokens, CollateTextRange, j - 1);
                  gunichar c = g_utf8_get_char (text + u->byte_start);

                  if (u->byte_start > prev->byte_end &&
                      (!g_unichar_islower (c) || gap_has_newline (text, prev->byte_end, u->byte_start)))
                    end_here = TRUE;
                }
              i = j - 1;
            }
          else if (is_final_abbreviation (text, t))
            {
              guint j = i + 1;

              /* closing quotes stay with it: “… in the U.S.” Then */
              while (j < tokens->len &&
                     g_array_index (tokens, CollateTextRange, j).byte_start ==
                     g_array_index (tokens, CollateTextRange, j - 1).byte_end &&
                     is_closer_token (text, &g_array_index (tokens, CollateTextRange, j)))
                j++;
              if (j == tokens->len)
                {
                  end_here = TRUE;
                  i = j - 1;
                }
              else
                {
                  const CollateTextRange *u = &g_array_index (tokens, CollateTextRange, j);
                  const CollateTextRange *prev = &g_array_index (tokens, CollateTextRange, j - 1);

                  if (u->byte_start > prev->byte_end &&
                      (gap_has_newline (text, prev->byte_end, u->byte_start) ||
                       opens_sentence_after_abbreviation (text, tokens, j)))
                    {
                      end_here = TRUE;
                      i = j - 1;
                    }
                }
            }
        }

      if (end_here)
        {
          const CollateTextRange *a = &g_array_index (tokens, CollateTextRange, first);
          const CollateTextRange *b = &g_array_index (tokens, CollateTextRange, i);
          CollateSentence s = { first, i + 1, { a->start, b->end, a->byte_start, b->byte_end } };

          g_array_append_val (sentences, s);
          first = i + 1;
        }
    }
  return sentences;
}

guint
collate_tokens_find (GArray *tokens,
                     guint   offset)
{
  guint lo = 0, hi = tokens->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (tokens, CollateTextRange, mid).end <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

guint
collate_sentences_find (GArray *sentences,
                        guint   token_index)
{
  guint lo = 0, hi = sentences->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (sentences, CollateSentence, mid).end_token <= token_index)
        lo = mid + 1;
      else
        hi = mid;
    }
  return MIN (lo, sentences->len ? sentences->len - 1 : 0);
}
