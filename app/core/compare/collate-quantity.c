/* collate-quantity.c — numbers, quantities, dates and times read as intervals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small reader of English number phrases over word tokens: a hedge
 * ("over", "nearly", "about"…), a number in digits or words ("4.5",
 * "twenty-one", "two dozen", "four-and-a-half", "hundreds"), then what it
 * measures (a unit of time, a currency, "percent", or the noun counted).
 * Dates (months, days of a month, years), weekdays, times of day and
 * ordinals are read too.  Each becomes an interval in a base unit so that
 * two readings compare as equal, compatible (overlapping) or disjoint.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collate-quantity.h"
#include "collate-tokenizer.h"

typedef struct
{
  guint    start;         /* code points */
  guint    end;
  char    *lower;         /* lower-case text */
  gboolean word;          /* letters or digits (else punctuation or a symbol) */
  gboolean digits;        /* starts with a digit */
  gboolean capital;
  gboolean hyphen_after;  /* joined to the next token by a hyphen */
} Token;

static void
token_clear (gpointer data)
{
  g_free (((Token *) data)->lower);
}

static gboolean
is_hyphen (gunichar c)
{
  return c == '-' || c == 0x2010 || c == 0x2011;
}

/* Words (letters, digits, marks; "4.5", "3,000", "10:30", "a.m.", "U.S.");
 * every other non-space character is a token of its own; hyphens between
 * words only mark the join. */
static GArray *
tokenize (const char *text,
          gsize       len)
{
  GArray *tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  const char *p = text, *end = text + len;
  guint chars = 0;

  g_array_set_clear_func (tokens, token_clear);

  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);
      Token t = { 0 };
      const char *w = p;

      if (collate_tokenizer_is_space (c))
        {
          p = g_utf8_next_char (p);
          chars++;
          continue;
        }
      t.start = chars;
      if (g_unichar_isalnum (c))
        {
          t.word = TRUE;
          t.digits = g_unichar_isdigit (c);
          t.capital = g_unichar_isupper (c);
          while (p < end)
            {
              gunichar d = g_utf8_get_char (p);
              const char *n = g_utf8_next_char (p);

              if (g_unichar_isalnum (d) || g_unichar_ismark (d))
                ;
              else if ((d == '.' || d == ',' || d == ':') && t.digits && n < end
                       && g_ascii_isdigit (*n))
                ;
              /* "a.m.", "U.S.": a letter, a period, a letter… */
              else if (d == '.' && !t.digits && n < end && g_unichar_isalpha (g_utf8_get_char (n))
                       && (p - w) == 1)
                {
                  const char *q = n;

                  /* take letter-period pairs */
                  while (q < end && g_unichar_isalpha (g_utf8_get_char (q))
                         && g_utf8_next_char (q) < end && *g_utf8_next_char (q) == '.')
                    {
                      q = g_utf8_next_char (q) + 1;
                      chars += 2;
                    }
                  chars++;  /* the first period */
                  p = q;
                  break;
                }
              else
                break;
              p = n;
              chars++;
            }
        }
      else
        {
          p = g_utf8_next_char (p);
          chars++;
        }
      t.end = chars;
      {
        g_autofree char *raw = g_strndup (w, (gsize) (p - w));

        t.lower = g_utf8_strdown (raw, -1);
      }
      if (!t.word && is_hyphen (c) && tokens->len > 0
          && g_array_index (tokens, Token, tokens->len - 1).word
          && p < end && g_unichar_isalnum (g_utf8_get_char (p))
          && g_array_index (tokens, Token, tokens->len - 1).end == t.start)
        {
          g_array_index (tokens, Token, tokens->len - 1).hyphen_after = TRUE;
          g_free (t.lower);
          continue;
        }
      g_array_append_val (tokens, t);
    }

  return tokens;
}

/* ── Word lists ── */

static const char *const small_numbers[] = {
  "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
  "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
  "seventeen", "eighteen", "nineteen", NULL
};

static const char *const tens[] = {
  "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", NULL
};

static const char *const ordinals[] = {
  "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
  "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
  "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth", NULL
};

static const char *const months[] = {
  "", "january", "february", "march", "april", "may", "june", "july", "august",
  "september", "october", "november", "december", NULL
};

static const char *const month_abbreviations[] = {
  "", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", NULL
};

/* "in May", "since May": the month, not the verb */
static const char *const month_prepositions[] = {
  "in", "since", "until", "till", "by", "early", "late", "mid", "of", "from", "before", "after",
  "during", "last", "next", "this", NULL
};

static const char *const weekdays[] = {
  "", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", NULL
};

/* Words that end the noun after a number */
static const char *const noun_stops[] = {
  "a", "across", "after", "against", "ago", "along", "alongside", "amid", "among", "an",
  "and", "are", "around", "behind", "beyond", "despite", "including", "inside", "like",
  "near", "outside", "through", "throughout", "toward", "towards", "until", "upon",
  "as", "at", "before", "between", "but", "by", "during", "for", "from", "had",
  "has", "have", "in", "into", "is", "it", "its", "of", "on", "or", "over", "per",
  "since", "than", "that", "the", "their", "this", "to", "under", "was", "were",
  "which", "who", "with", "within", "without", NULL
};

typedef struct
{
  const char *name;
  double      seconds;
  const char *unit;    /* canonical, for @noun */
} Unit;

static const Unit units[] = {
  { "second", 1, "second" }, { "seconds", 1, "second" }, { "sec", 1, "second" }, { "secs", 1, "second" },
  { "minute", 60, "minute" }, { "minutes", 60, "minute" }, { "min", 60, "minute" }, { "mins", 60, "minute" },
  { "hour", 3600, "hour" }, { "hours", 3600, "hour" }, { "hr", 3600, "hour" }, { "hrs", 3600, "hour" },
  { "h", 3600, "hour" },
  { "day", 86400, "day" }, { "days", 86400, "day" },
  { "week", 604800, "week" }, { "weeks", 604800, "week" },
  { "month", 2629800, "month" }, { "months", 2629800, "month" },
  { "year", 31557600, "year" }, { "years", 31557600, "year" },
  { "decade", 315576000, "decade" }, { "decades", 315576000, "decade" },
};

typedef struct
{
  const char *name;
  const char *code;
} Currency;

static const Currency currency_words[] = {
  { "dollar", "USD" }, { "dollars", "USD" }, { "euro", "EUR" }, { "euros", "EUR" },
  { "pound", "GBP" }, { "pounds", "GBP" }, { "ruble", "RUB" }, { "rubles", "RUB" },
  { "rouble", "RUB" }, { "roubles", "RUB" }, { "yuan", "CNY" }, { "yen", "JPY" },
};

static int
index_in (const char *const *list,
          const char        *word)
{
  for (int i = 0; list[i]; i++)
    if (list[i][0] != '\0' && strcmp (list[i], word) == 0)
      return i;
  return -1;
}

/* ── Parsing ── */

typedef struct
{
  GArray *tokens;
  guint   n;
} Parser;

static inline const Token *
tok (Parser *p,
     guint   i)
{
  return i < p->n ? &g_array_index (p->tokens, Token, i) : NULL;
}

static inline gboolean
tok_is (Parser     *p,
        guint       i,
        const char *word)
{
  const Token *t = tok (p, i);

  return t != NULL && strcmp (t->lower, word) == 0;
}

typedef enum
{
  HEDGE_NONE,
  HEDGE_OVER,      /* > x */
  HEDGE_AT_LEAST,  /* ≥ x */
  HEDGE_UNDER,     /* < x */
  HEDGE_AT_MOST,   /* ≤ x */
  HEDGE_NEARLY,    /* a bit under x */
  HEDGE_ABOUT,     /* ≈ x */
} Hedge;

typedef struct
{
  const char *words[4];
  Hedge       hedge;
} HedgePhrase;

static const HedgePhrase hedges[] = {
  { { "more", "than" }, HEDGE_OVER }, { { "just", "over" }, HEDGE_OVER },
  { { "over" }, HEDGE_OVER }, { { "above" }, HEDGE_OVER }, { { "exceeding" }, HEDGE_OVER },
  { { "at", "least" }, HEDGE_AT_LEAST }, { { "no", "fewer", "than" }, HEDGE_AT_LEAST },
  { { "no", "less", "than" }, HEDGE_AT_LEAST },
  { { "less", "than" }, HEDGE_UNDER }, { { "fewer", "than" }, HEDGE_UNDER },
  { { "just", "under" }, HEDGE_UNDER }, { { "under" }, HEDGE_UNDER }, { { "below" }, HEDGE_UNDER },
  { { "up", "to" }, HEDGE_AT_MOST }, { { "at", "most" }, HEDGE_AT_MOST },
  { { "no", "more", "than" }, HEDGE_AT_MOST },
  { { "nearly" }, HEDGE_NEARLY }, { { "almost" }, HEDGE_NEARLY }, { { "close", "to" }, HEDGE_NEARLY },
  { { "about" }, HEDGE_ABOUT }, { { "around" }, HEDGE_ABOUT }, { { "roughly" }, HEDGE_ABOUT },
  { { "approximately" }, HEDGE_ABOUT }, { { "some" }, HEDGE_ABOUT }, { { "approx" }, HEDGE_ABOUT },
  { { "an", "estimated" }, HEDGE_ABOUT }, { { "estimated" }, HEDGE_ABOUT },
};

static guint
match_hedge (Parser *p,
             guint   i,
             Hedge  *hedge)
{
  for (guint h = 0; h < G_N_ELEMENTS (hedges); h++)
    {
      guint k = 0;

      while (k < 4 && hedges[h].words[k] && tok_is (p, i + k, hedges[h].words[k]))
        k++;
      if (k > 0 && (k == 4 || hedges[h].words[k] == NULL))
        {
          *hedge = hedges[h].hedge;
          return k;
        }
    }
  *hedge = HEDGE_NONE;
  return 0;
}

static gboolean
parse_digits (const char *s,
              double     *value)
{
  char buffer[64];
  gsize w = 0;
  char *end;

  for (; *s && w + 1 < sizeof buffer; s++)
    {
      if (*s == ',')
        continue;
      if (!g_ascii_isdigit (*s) && *s != '.')
        return FALSE;
      buffer[w++] = *s;
    }
  buffer[w] = '\0';
  if (w == 0)
    return FALSE;
  *value = g_ascii_strtod (buffer, &end);
  return *end == '\0';
}

/* A number at token @i: digits or words.  Sets the interval for vague
 * amounts ("dozens").  Returns the number of tokens read, 0 if none. */
static guint
parse_number (Parser   *p,
              guint     i,
              double   *low,
              double   *high,
              gboolean *from_digits,
              gboolean *ordinal)
{
  const Token *t = tok (p, i);
  guint k = i;
  double value = 0, current = 0;
  gboolean any = FALSE;
  int v;

  *ordinal = FALSE;
  *from_digits = FALSE;
  if (t == NULL || !t->word)
    return 0;

  if (t->digits)
    {
      gsize n = strlen (t->lower);

      /* 3rd, 21st */
      if (n > 2 && (g_str_has_suffix (t->lower, "st") || g_str_has_suffix (t->lower, "nd")
                    || g_str_has_suffix (t->lower, "rd") || g_str_has_suffix (t->lower, "th")))
        {
          g_autofree char *digits = g_strndup (t->lower, n - 2);

          if (parse_digits (digits, &value))
            {
              *ordinal = TRUE;
              *low = *high = value;
              *from_digits = TRUE;
              return 1;
            }
        }
      if (!parse_digits (t->lower, &value))
        return 0;
      *from_digits = TRUE;
      k++;
      any = TRUE;
      current = value;
      value = 0;
    }
  else
    {
      /* vague amounts */
      static const struct { const char *word; double low, high; } vague[] = {
        { "dozens", 24, 144 }, { "hundreds", 200, 999 }, { "thousands", 2000, 9999 },
        { "millions", 2e6, 9.99e8 }, { "several", 3, 9 }, { "few", 2, 5 },
        { "couple", 2, 2 }, { "dozen", 12, 12 },
      };

      for (guint m = 0; m < G_N_ELEMENTS (vague); m++)
        {
          guint skip = 0;

          if ((strcmp (t->lower, "a") == 0 || strcmp (t->lower, "an") == 0)
              && tok_is (p, i + 1, vague[m].word))
            skip = 1;
          if (strcmp (t->lower, vague[m].word) == 0 || skip)
            {
              /* "a few hours", "a couple of", "a dozen", "dozens of" */
              if (strcmp (vague[m].word, "few") == 0 && !skip)
                return 0;  /* "few" alone is not a number */
              *low = vague[m].low;
              *high = vague[m].high;
              k = i + skip + 1;
              if (tok_is (p, k, "of"))
                k++;
              return k - i;
            }
        }

      /* "an hour", "a week": one of the unit */
      if ((strcmp (t->lower, "a") == 0 || strcmp (t->lower, "an") == 0) && tok (p, i + 1) != NULL)
        {
          for (guint u = 0; u < G_N_ELEMENTS (units); u++)
            if (strcmp (tok (p, i + 1)->lower, units[u].name) == 0 && units[u].name[strlen (units[u].name) - 1] != 's')
              {
                *low = *high = 1;
                return 1;
              }
        }

      /* "a half", "half an hour" */
      if (strcmp (t->lower, "half") == 0 || (strcmp (t->lower, "a") == 0 && tok_is (p, i + 1, "half")))
        {
          k = i + (strcmp (t->lower, "a") == 0 ? 2 : 1);
          if (tok_is (p, k, "an") || tok_is (p, k, "a"))
            k++;
          *low = *high = 0.5;
          return k - i;
        }

      if ((v = index_in (ordinals, t->lower)) > 0)
        {
          *ordinal = TRUE;
          *low = *high = v;
          return 1;
        }

      while ((t = tok (p, k)) != NULL && t->word)
        {
          if ((v = index_in (small_numbers, t->lower)) >= 0)
            {
              current += v;
              any = TRUE;
            }
          else if ((v = index_in (tens, t->lower)) >= 2)
            {
              current += 10 * v;
              any = TRUE;
            }
          else if (any && strcmp (t->lower, "hundred") == 0)
            current *= 100;
          else if (any && strcmp (t->lower, "and") == 0 && tok (p, k + 1)
                   && (index_in (small_numbers, tok (p, k + 1)->lower) >= 0
                       || index_in (tens, tok (p, k + 1)->lower) >= 2))
            ;
          else if ((v = index_in (ordinals, t->lower)) > 0 && any && current >= 20)
            {
              /* "twenty-first" */
              *ordinal = TRUE;
              *low = *high = current + v;
              return k + 1 - i;
            }
          else
            break;
          k++;
        }
      if (!any)
        return 0;
    }

  /* multipliers: "two dozen", "3.2 million", "four thousand" */
  for (;;)
    {
      t = tok (p, k);
      if (t == NULL)
        break;
      if (strcmp (t->lower, "dozen") == 0)
        current *= 12;
      else if (strcmp (t->lower, "hundred") == 0)
        current *= 100;
      else if (strcmp (t->lower, "thousand") == 0)
        {
          value += current * 1000;
          current = 0;
        }
      else if (strcmp (t->lower, "million") == 0 || strcmp (t->lower, "m") == 0)
        {
          value += current * 1e6;
          current = 0;
        }
      else if (strcmp (t->lower, "billion") == 0 || strcmp (t->lower, "bn") == 0)
        {
          value += current * 1e9;
          current = 0;
        }
      else
        break;
      k++;
    }
  value += current;

  /* "four and a half", "four-and-a-half" */
  if (tok_is (p, k, "and") && tok_is (p, k + 1, "a") && tok_is (p, k + 2, "half"))
    {
      value += 0.5;
      k += 3;
    }

  *low = *high = value;
  return k - i;
}

static char *
singular (const char *word)
{
  gsize n = strlen (word);

  if (n > 4 && g_str_has_suffix (word, "ies"))
    return g_strdup_printf ("%.*sy", (int) (n - 3), word);
  if (n > 3 && word[n - 1] == 's' && word[n - 2] != 's' && word[n - 2] != 'u' && word[n - 2] != 'i')
    return g_strndup (word, n - 1);
  return g_strdup (word);
}

/* The noun counted after token @k: the last of up to three words before a
 * stop word or punctuation; a hyphenated word ends it ("second-term").
 * Returns the index after the noun, or @k if there is none. */
static guint
read_noun (Parser  *p,
           guint    k,
           gboolean joined,
           char   **noun)
{
  guint last = G_MAXUINT, j = k;

  *noun = NULL;
  if (joined)
    {
      const Token *t = tok (p, k);

      if (t && t->word && !t->digits)
        {
          *noun = singular (t->lower);
          return k + 1;
        }
      return k;
    }
  for (; j < k + 3; j++)
    {
      const Token *t = tok (p, j);
      gsize n;

      if (t == NULL || !t->word || t->digits || index_in (noun_stops, t->lower) >= 0)
        break;
      n = strlen (t->lower);
      /* "nationals fighting", "people killed": a verb after a plural */
      if (j > k && n > 4 && (g_str_has_suffix (t->lower, "ing") || g_str_has_suffix (t->lower, "ed"))
          && (g_str_has_suffix (tok (p, j - 1)->lower, "s") || g_str_has_suffix (t->lower, "ed")))
        break;
      last = j;
      if (t->hyphen_after)
        break;
    }
  if (last == G_MAXUINT)
    return k;
  *noun = singular (tok (p, last)->lower);
  return last + 1;
}

static void
push (GArray         *out,
      Parser         *p,
      guint           first,
      guint           after,
      CollateMeasure  measure,
      double          low,
      double          high,
      gboolean        open_low,
      gboolean        open_high,
      const char     *noun,
      double          value,
      const char     *hedge)
{
  CollateQuantity q;

  q.start = tok (p, first)->start;
  q.end = tok (p, after - 1)->end;
  q.measure = measure;
  q.low = low;
  q.high = high;
  q.open_low = open_low;
  q.open_high = open_high;
  q.noun = g_strdup (noun ? noun : "");
  q.value = value;
  q.hedge = hedge;
  g_array_append_val (out, q);
}

static void
quantity_clear (gpointer data)
{
  g_free (((CollateQuantity *) data)->noun);
}

/* The interval for @x under @hedge */
static const char *
apply_hedge (Hedge     hedge,
             double    x,
             double   *low,
             double   *high,
             gboolean *open_low,
             gboolean *open_high)
{
  *open_low = *open_high = FALSE;
  switch (hedge)
    {
    case HEDGE_OVER:
      *low = x; *high = G_MAXDOUBLE; *open_low = TRUE;
      return ">";
    case HEDGE_AT_LEAST:
      *low = x; *high = G_MAXDOUBLE;
      return "≥";
    case HEDGE_UNDER:
      *low = 0; *high = x; *open_high = TRUE;
      return "<";
    case HEDGE_AT_MOST:
      *low = 0; *high = x;
      return "≤";
    case HEDGE_NEARLY:
      *low = x * 0.85; *high = x; *open_high = TRUE;
      return "<";
    case HEDGE_ABOUT:
      *low = x * 0.9; *high = x * 1.1;
      return "≈";
    case HEDGE_NONE:
    default:
      return "";
    }
}

static gboolean
parse_time_of_day (const Token *t,
                   const Token *after,
                   double      *minutes,
                   gboolean    *used_after)
{
  int h = -1, m = 0;
  gboolean pm = FALSE, am = FALSE;

  *used_after = FALSE;
  if (strcmp (t->lower, "noon") == 0 || strcmp (t->lower, "midday") == 0)
    {
      *minutes = 720;
      return TRUE;
    }
  if (strcmp (t->lower, "midnight") == 0)
    {
      *minutes = 0;
      return TRUE;
    }
  if (!t->digits)
    return FALSE;
  if (after && (strcmp (after->lower, "a.m.") == 0 || strcmp (after->lower, "am") == 0))
    am = TRUE;
  else if (after && (strcmp (after->lower, "p.m.") == 0 || strcmp (after->lower, "pm") == 0))
    pm = TRUE;
  if (strchr (t->lower, ':'))
    {
      if (sscanf (t->lower, "%d:%d", &h, &m) != 2 || h > 23 || m > 59)
        return FALSE;
    }
  else if (am || pm)
    {
      char *end;

      h = (int) strtol (t->lower, &end, 10);
      if (*end != '\0' || h < 1 || h > 12)
        return FALSE;
    }
  else
    return FALSE;
  if (am || pm)
    {
      if (h > 12)
        return FALSE;
      if (h == 12)
        h = 0;
      if (pm)
        h += 12;
      *used_after = TRUE;
    }
  *minutes = h * 60 + m;
  return TRUE;
}

static int
month_of (const char *word)
{
  int m = index_in (months, word);

  if (m < 0)
    m = index_in (month_abbreviations, word);
  return m;
}

/* The words a quantity, date or time can start with (besides digits and
 * currency signs), so that most words are passed over at once */
static GHashTable *
starters (void)
{
  static GHashTable *table;

  if (g_once_init_enter (&table))
    {
      GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);
      const char *const *lists[] = { small_numbers, tens, ordinals, months, month_abbreviations,
                                     weekdays };
      static const char *const more[] = {
        "a", "an", "half", "noon", "midday", "midnight", "dozens", "hundreds", "thousands",
        "millions", "several", "few", "couple", "dozen", NULL
      };

      for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
        for (guint i = 0; lists[l][i]; i++)
          if (lists[l][i][0] != '\0')
            g_hash_table_add (set, (char *) lists[l][i]);
      for (guint i = 0; more[i]; i++)
        g_hash_table_add (set, (char *) more[i]);
      for (guint h = 0; h < G_N_ELEMENTS (hedges); h++)
        g_hash_table_add (set, (char *) hedges[h].words[0]);
      g_once_init_leave (&table, set);
    }
  return table;
}

GArray *
collate_quantities_find (const char *text,
                         gssize      length)
{
  g_autoptr(GArray) tokens = NULL;
  GArray *out = g_array_new (FALSE, FALSE, sizeof (CollateQuantity));
  Parser p;
  guint i;

  g_array_set_clear_func (out, quantity_clear);
  if (text == NULL)
    return out;

  tokens = tokenize (text, length < 0 ? strlen (text) : (gsize) length);
  p.tokens = tokens;
  p.n = tokens->len;

  for (i = 0; i < p.n;)
    {
      const Token *t = tok (&p, i);
      Hedge hedge;
      guint h, j, k, n;
      double low, high, minutes, said;
      gboolean from_digits, ordinal, used_after, open_low, open_high;
      const char *currency = NULL;
      const char *hedge_text;
      int v;

      if (!t->word && !g_str_equal (t->lower, "$") && !g_str_equal (t->lower, "€")
          && !g_str_equal (t->lower, "£"))
        {
          i++;
          continue;
        }
      if (t->word && !t->digits && !g_hash_table_contains (starters (), t->lower))
        {
          i++;
          continue;
        }

      /* weekdays and months (not "May" at the start of a sentence…: only
       * capitalised month names count) */
      if ((v = index_in (weekdays, t->lower)) > 0 && t->capital)
        {
          push (out, &p, i, i + 1, COLLATE_MEASURE_WEEKDAY, v, v, FALSE, FALSE, "weekday", v, "");
          i++;
          continue;
        }
      if ((v = month_of (t->lower)) > 0 && t->capital
          && (v != 5 || (tok (&p, i + 1) != NULL && tok (&p, i + 1)->digits)
              || (i > 0 && index_in (month_prepositions, tok (&p, i - 1)->lower) >= 0)))
        {
          const Token *next = tok (&p, i + 1);
          double day;

          k = i + 1;
          if (next && !strcmp (next->lower, "."))
            next = tok (&p, ++k);
          if (next && next->digits && parse_digits (next->lower, &day) && day >= 1 && day <= 31
              && day == floor (day))
            {
              push (out, &p, i, k + 1, COLLATE_MEASURE_DATE, v * 100 + day, v * 100 + day,
                    FALSE, FALSE, "day", v * 100 + day, "");
              i = k + 1;
            }
          else
            {
              push (out, &p, i, i + 1, COLLATE_MEASURE_DATE, v, v, FALSE, FALSE, "month", v, "");
              i++;
            }
          continue;
        }

      if (parse_time_of_day (t, tok (&p, i + 1), &minutes, &used_after))
        {
          push (out, &p, i, i + 1 + (used_after ? 1 : 0), COLLATE_MEASURE_TIME, minutes, minutes,
                FALSE, FALSE, "time", minutes, "");
          i += 1 + (used_after ? 1 : 0);
          continue;
        }

      h = match_hedge (&p, i, &hedge);
      j = i + h;
      t = tok (&p, j);
      if (t == NULL)
        break;
      if (g_str_equal (t->lower, "$"))
        currency = "USD";
      else if (g_str_equal (t->lower, "€"))
        currency = "EUR";
      else if (g_str_equal (t->lower, "£"))
        currency = "GBP";
      if (currency)
        j++;

      n = parse_number (&p, j, &low, &high, &from_digits, &ordinal);
      if (n == 0)
        {
          i = (h > 0) ? i + 1 : i + 1;
          continue;
        }
      k = j + n;

      /* a day of a month written first: "11 April" */
      if (from_digits && !ordinal && !currency && hedge == HEDGE_NONE && low == floor (low)
          && low >= 1 && low <= 31 && tok (&p, k) && tok (&p, k)->capital
          && (v = month_of (tok (&p, k)->lower)) > 0)
        {
          push (out, &p, j, k + 1, COLLATE_MEASURE_DATE, v * 100 + low, v * 100 + low,
                FALSE, FALSE, "day", v * 100 + low, "");
          i = k + 1;
          continue;
        }

      if (ordinal)
        {
          g_autofree char *noun = NULL;
          guint after = read_noun (&p, k, tok (&p, k - 1)->hyphen_after, &noun);

          if (noun != NULL)
            push (out, &p, j, after, COLLATE_MEASURE_ORDINAL, low, high, FALSE, FALSE, noun, low, "");
          i = MAX (after, k);
          continue;
        }

      said = low == high ? low : (low + high) / 2;
      if (low == high)
        hedge_text = apply_hedge (hedge, low, &low, &high, &open_low, &open_high);
      else
        {
          hedge_text = "";  /* a vague amount: "dozens", "several" */
          open_low = open_high = FALSE;
        }

      t = tok (&p, k);
      if (currency || (t && t->word))
        {
          const char *unit = NULL;
          double seconds = 0;

          if (!currency && t)
            {
              for (guint u = 0; u < G_N_ELEMENTS (units); u++)
                if (g_str_equal (t->lower, units[u].name))
                  {
                    unit = units[u].unit;
                    seconds = units[u].seconds;
                  }
              for (guint c = 0; c < G_N_ELEMENTS (currency_words); c++)
                if (g_str_equal (t->lower, currency_words[c].name))
                  currency = currency_words[c].code;
              if (currency)
                k++;
            }

          if (currency)
            {
              push (out, &p, i, k, COLLATE_MEASURE_MONEY, low, high, open_low, open_high,
                    currency, said, hedge_text);
              i = k;
              continue;
            }
          if (unit != NULL && !tok_is (&p, k + 1, "ago") && !tok_is (&p, k + 1, "later")
              && !tok_is (&p, k + 1, "earlier") && !tok_is (&p, k + 1, "old"))
            {
              /* a whole number of hours or longer, said plainly, is seldom
               * exact: "four hours" is at least four and under five */
              if (hedge == HEDGE_NONE && low == high && low == floor (low) && seconds >= 3600)
                {
                  high = low + 1;
                  open_high = TRUE;
                }
              push (out, &p, i, k + 1, COLLATE_MEASURE_DURATION, low * seconds, high * seconds,
                    open_low, open_high, unit, 0, hedge_text);
              /* the written number, in seconds */
              g_array_index (out, CollateQuantity, out->len - 1).value = said * seconds;
              i = k + 1;
              continue;
            }
          if (unit != NULL)
            {
              i = k + 2;
              continue;
            }
        }
      if (t && (g_str_equal (t->lower, "%") || g_str_equal (t->lower, "percent")
                || (g_str_equal (t->lower, "per") && tok_is (&p, k + 1, "cent"))))
        {
          guint after = k + (g_str_equal (t->lower, "per") ? 2 : 1);

          push (out, &p, i, after, COLLATE_MEASURE_PERCENT, low, high, open_low, open_high,
                "percent", said, hedge_text);
          i = after;
          continue;
        }

      /* a year */
      if (from_digits && hedge == HEDGE_NONE && low == high && low >= 1900 && low <= 2100
          && low == floor (low) && !strchr (tok (&p, j)->lower, ','))
        {
          push (out, &p, j, k, COLLATE_MEASURE_DATE, low, low, FALSE, FALSE, "year", low, "");
          i = k;
          continue;
        }

      /* a count of a noun */
      {
        g_autofree char *noun = NULL;
        guint after = read_noun (&p, k, tok (&p, k - 1)->hyphen_after, &noun);

        if (noun != NULL)
          {
            push (out, &p, i, after, COLLATE_MEASURE_COUNT, low, high, open_low, open_high,
                  noun, said, hedge_text);
            i = after;
            continue;
          }
        i = k;
      }
    }

  return out;
}

static gboolean
same_noun (const char *a,
           const char *b)
{
  return g_strcmp0 (a, b) == 0;
}

CollateIntervalRelation
collate_quantities_compare (const CollateQuantity *a,
                            const CollateQuantity *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, COLLATE_INTERVALS_INCOMPARABLE);

  if (a->measure != b->measure)
    return COLLATE_INTERVALS_INCOMPARABLE;
  if (a->measure != COLLATE_MEASURE_DURATION && a->measure != COLLATE_MEASURE_PERCENT
      && !same_noun (a->noun, b->noun))
    return COLLATE_INTERVALS_INCOMPARABLE;

  if (a->low == b->low && a->high == b->high && a->open_low == b->open_low
      && a->open_high == b->open_high)
    return COLLATE_INTERVALS_EQUAL;
  if (a->high < b->low || b->high < a->low)
    return COLLATE_INTERVALS_DISJOINT;
  if ((a->high == b->low && (a->open_high || b->open_low))
      || (b->high == a->low && (b->open_high || a->open_low)))
    return COLLATE_INTERVALS_DISJOINT;
  return COLLATE_INTERVALS_COMPATIBLE;
}

static char *
format_number (double x)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (fabs (x - round (x)) < 1e-9)
    return g_strdup_printf ("%.0f", x);
  g_ascii_formatd (buffer, sizeof buffer, "%.2f", x);
  /* drop trailing zeros: 4.50 → 4.5 */
  {
    gsize n = strlen (buffer);

    while (n > 0 && buffer[n - 1] == '0')
      buffer[--n] = '\0';
  }
  return g_strdup (buffer);
}

char *
collate_quantity_describe (const CollateQuantity *q)
{
  static const char *const unit_symbols[][2] = {
    { "second", "s" }, { "minute", "min" }, { "hour", "h" }, { "day", "d" },
    { "week", "wk" }, { "month", "mo" }, { "year", "yr" }, { "decade", "decades" },
  };
  g_autofree char *number = NULL;

  g_return_val_if_fail (q != NULL, NULL);

  switch (q->measure)
    {
    case COLLATE_MEASURE_DURATION:
      for (guint u = 0; u < G_N_ELEMENTS (units); u++)
        if (g_str_equal (units[u].unit, q->noun))
          {
            const char *symbol = q->noun;

            for (guint s = 0; s < G_N_ELEMENTS (unit_symbols); s++)
              if (g_str_equal (unit_symbols[s][0], q->noun))
                symbol = unit_symbols[s][1];
            if (q->low != q->high && *q->hedge == '\0')
              {
                g_autofree char *lo = format_number (q->low / units[u].seconds);
                g_autofree char *hi = format_number (q->high / units[u].seconds);

                return g_strdup_printf ("%s–%s %s", lo, hi, symbol);
              }
            number = format_number (q->value / units[u].seconds);
            return g_strdup_printf ("%s%s%s %s", q->hedge, *q->hedge ? " " : "", number, symbol);
          }
      break;
    case COLLATE_MEASURE_WEEKDAY:
      return g_strdup (weekdays[(int) q->value]);
    case COLLATE_MEASURE_TIME:
      return g_strdup_printf ("%02d:%02d", (int) q->value / 60, (int) q->value % 60);
    case COLLATE_MEASURE_DATE:
      if (g_str_equal (q->noun, "day"))
        return g_strdup_printf ("%s %d", months[(int) q->value / 100], (int) q->value % 100);
      if (g_str_equal (q->noun, "month"))
        return g_strdup (months[(int) q->value]);
      return format_number (q->value);
    case COLLATE_MEASURE_ORDINAL:
      number = format_number (q->value);
      return g_strdup_printf ("#%s %s", number, q->noun);
    case COLLATE_MEASURE_PERCENT:
    case COLLATE_MEASURE_MONEY:
    case COLLATE_MEASURE_COUNT:
    default:
      break;
    }

  if (q->low != q->high && *q->hedge == '\0')
    {
      g_autofree char *lo = format_number (q->low);
      g_autofree char *hi = format_number (q->high);

      return g_strdup_printf ("%s–%s %s", lo, hi,
                              q->measure == COLLATE_MEASURE_PERCENT ? "%" : q->noun);
    }
  number = format_number (q->value);
  if (q->measure == COLLATE_MEASURE_PERCENT)
    return g_strdup_printf ("%s%s%s%%", q->hedge, *q->hedge ? " " : "", number);
  return g_strdup_printf ("%s%s%s %s", q->hedge, *q->hedge ? " " : "", number, q->noun);
}
