/* collate-align.c — pairing the sentences of two reports of one event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each sentence becomes a bag of terms (lower-case words less common
 * function words, a crude English stem, number words as digits) weighted by
 * tf·idf over the sentences of both documents, names and numbers counted
 * double, normalised to length 1.  An inverted index of the second
 * document's terms gives, for each sentence of the first, the sentences
 * that share a term with it, and their dot products (cosines) in one pass:
 * never all pairs.  Terms in more than a tenth of the sentences (and more
 * than 50) are left out of the index: they cost most and weigh least.
 * Then neighbours that together match one sentence better than either
 * alone are joined into a group.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "collate-align.h"
#include "collate-compare-private.h"
#include "collate-tokenizer.h"

#define DEFAULT_MIN_SCORE  0.2
#define KEEP_RATIO         0.6  /* other pairs of a sentence within this of its best */
#define MAX_PER_SENTENCE   3

static const char *const stopwords[] = {
  "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be",
  "been", "before", "being", "between", "both", "but", "by", "can", "could", "did",
  "do", "does", "during", "each", "for", "from", "had", "has", "have", "he", "her",
  "here", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "more",
  "most", "much", "my", "no", "not", "of", "on", "one", "only", "or", "other", "our",
  "out", "over", "said", "says", "she", "should", "since", "so", "some", "such",
  "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
  "those", "through", "to", "told", "under", "up", "very", "was", "we", "were",
  "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with",
  "would", "you", "your",
  NULL
};

static const char *const ordinal_words[] = {
  "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
  "ninth", "tenth", "last", NULL
};

static const char *const number_words[] = {
  "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
  "ten", "eleven", "twelve", NULL
};

struct _CollateTermTable
{
  GHashTable *ids;     /* term (owned) → GUINT_TO_POINTER (id + 1) */
  GArray     *df;      /* guint per term id */
  GArray     *number;  /* gboolean per term id: digits */
};

typedef struct
{
  guint  term;
  float  weight;
} Entry;

CollateTermTable *
collate_term_table_new (void)
{
  CollateTermTable *table = g_new0 (CollateTermTable, 1);

  table->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  table->df = g_array_new (FALSE, TRUE, sizeof (guint));
  table->number = g_array_new (FALSE, TRUE, sizeof (gboolean));
  return table;
}

void
collate_term_table_free (CollateTermTable *table)
{
  if (table == NULL)
    return;
  g_hash_table_unref (table->ids);
  g_array_unref (table->df);
  g_array_unref (table->number);
  g_free (table);
}

/* Word → what it is to the terms: a stop word (1), an ordinal (2), or a
 * number word (3 + its value) */
enum { WORD_STOP = 1, WORD_ORDINAL = 2, WORD_NUMBER = 3 };

static GHashTable *
word_classes (void)
{
  static GHashTable *table;

  if (g_once_init_enter (&table))
    {
      GHashTable *t = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; stopwords[i]; i++)
        g_hash_table_insert (t, (char *) stopwords[i], GUINT_TO_POINTER (WORD_STOP));
      for (guint i = 0; ordinal_words[i]; i++)
        g_hash_table_insert (t, (char *) ordinal_words[i], GUINT_TO_POINTER (WORD_ORDINAL));
      /* number words win over "one" the stop word */
      for (guint i = 0; number_words[i]; i++)
        g_hash_table_insert (t, (char *) number_words[i], GUINT_TO_POINTER (WORD_NUMBER + i));
      g_once_init_leave (&table, t);
    }
  return table;
}

/* A crude English stem: enough that "meeting"/"meetings", "talks"/"talk",
 * "claimed"/"claims" meet */
static void
stem (char *word)
{
  gsize n = strlen (word);

  if (n > 5 && g_str_has_suffix (word, "ing"))
    word[n - 3] = '\0';
  else if (n > 4 && g_str_has_suffix (word, "ies"))
    {
      word[n - 3] = 'y';
      word[n - 2] = '\0';
    }
  else if (n > 4 && g_str_has_suffix (word, "ed"))
    word[n - 2] = '\0';
  else if (n > 3 && word[n - 1] == 's' && word[n - 2] != 's' && word[n - 2] != 'u')
    word[n - 1] = '\0';
}

/* Calls @func for each term of text[byte_start, byte_end) with its boost */
void
collate_terms_foreach (const char     *text,
                       gsize           byte_start,
                       gsize           byte_end,
                       CollateTermFunc func,
                       gpointer        user_data)
{
  const char *p = text + byte_start;
  const char *end = text + byte_end;
  gboolean first_word = TRUE;

  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);
      const char *w;
      gboolean upper, digit;
      g_autofree char *lower = NULL;
      g_autofree char *raw = NULL;

      if (!g_unichar_isalnum (c))
        {
          p = g_utf8_next_char (p);
          continue;
        }
      w = p;
      upper = g_unichar_isupper (c);
      digit = g_unichar_isdigit (c);
      /* a word: letters and digits, with "." or "," inside numbers */
      while (p < end)
        {
          gunichar d = g_utf8_get_char (p);

          if (g_unichar_isalnum (d) || g_unichar_ismark (d))
            p = g_utf8_next_char (p);
          else if (digit && (d == '.' || d == ',') && p + 1 < end && g_ascii_isdigit (p[1]))
            p++;
          else
            break;
        }

      raw = g_strndup (w, (gsize) (p - w));
      lower = g_utf8_strdown (raw, -1);
      if (digit)
        {
          /* "3,000" and "3000" are one number */
          char *q = lower, *r = lower;

          for (; *q; q++)
            if (*q != ',')
              *r++ = *q;
          *r = '\0';
          func (lower, 2.0f, user_data);
        }
      else
        {
          guint what = GPOINTER_TO_UINT (g_hash_table_lookup (word_classes (), lower));

          if (what >= WORD_NUMBER)
            {
              char digits[4];

              g_snprintf (digits, sizeof digits, "%u", what - WORD_NUMBER);
              func (digits, 2.0f, user_data);
            }
          else if (what == WORD_ORDINAL)
            func (lower, 2.0f, user_data);
          else if (what == 0 && g_utf8_strlen (lower, -1) > 1)
            {
              stem (lower);
              func (lower, (upper && !first_word) ? 2.0f : 1.0f, user_data);
            }
        }
      first_word = FALSE;
    }
}

typedef struct
{
  CollateTermTable *table;
  GHashTable       *seen;     /* term id → accumulated weight (float bits) */
  GArray           *entries;  /* Entry */
  gboolean          count_df;
} Collect;

static void
collect_term (const char *term,
              float       boost,
              gpointer    user_data)
{
  Collect *c = user_data;
  gpointer id_ptr = g_hash_table_lookup (c->table->ids, term);
  guint id;

  if (id_ptr == NULL)
    {
      guint zero = 0;
      gboolean number = g_ascii_isdigit (term[0]);

      id = c->table->df->len;
      g_array_append_val (c->table->df, zero);
      g_array_append_val (c->table->number, number);
      g_hash_table_insert (c->table->ids, g_strdup (term), GUINT_TO_POINTER (id + 1));
    }
  else
    id = GPOINTER_TO_UINT (id_ptr) - 1;

  for (guint i = 0; i < c->entries->len; i++)
    {
      Entry *e = &g_array_index (c->entries, Entry, i);

      if (e->term == id)
        {
          e->weight += boost;
          return;
        }
    }
  {
    Entry e = { id, boost };

    g_array_append_val (c->entries, e);
    if (c->count_df)
      g_array_index (c->table->df, guint, id)++;
  }
}

static int
entry_compare (gconstpointer a,
               gconstpointer b)
{
  guint x = ((const Entry *) a)->term, y = ((const Entry *) b)->term;

  return x < y ? -1 : x > y;
}

/* Raw (unweighted) term counts of each sentence, sorted by term id */
GPtrArray *
collate_term_bags (CollateTermTable *table,
                   CollateDocument  *document,
                   GArray           *sentences)
{
  GPtrArray *bags = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  const char *text = collate_document_get_text (document);

  for (guint i = 0; i < sentences->len; i++)
    {
      const CollateRange *r = &g_array_index (sentences, CollateRange, i);
      Collect c = { table, NULL, g_array_new (FALSE, FALSE, sizeof (Entry)), TRUE };

      collate_terms_foreach (text, collate_document_char_to_byte (document, r->start),
                             collate_document_char_to_byte (document, r->end),
                             collect_term, &c);
      g_array_sort (c.entries, entry_compare);
      g_ptr_array_add (bags, c.entries);
    }
  return bags;
}

/* tf·idf, normalised to length 1, in place */
void
collate_term_bags_weigh (CollateTermTable *table,
                         GPtrArray        *bags,
                         guint             n_sentences)
{
  for (guint i = 0; i < bags->len; i++)
    {
      GArray *bag = g_ptr_array_index (bags, i);
      double norm = 0;

      for (guint k = 0; k < bag->len; k++)
        {
          Entry *e = &g_array_index (bag, Entry, k);
          guint df = g_array_index (table->df, guint, e->term);
          double idf = log (1.0 + (double) n_sentences / (double) MAX (df, 1));

          e->weight = (float) (e->weight * idf);
          /* numbers count when they agree, but a different number must not
           * hide that two sentences tell the same thing: they stay out of
           * the length */
          if (!g_array_index (table->number, gboolean, e->term))
            norm += (double) e->weight * e->weight;
        }
      norm = sqrt (norm);
      for (guint k = 0; k < bag->len && norm > 0; k++)
        g_array_index (bag, Entry, k).weight /= (float) norm;
    }
}

/* Adds @bag's weights into @sums (term id + 1 → float, in the pointer) */
static void
accumulate (GHashTable *sums,
            GArray     *bag)
{
  for (guint k = 0; bag != NULL && k < bag->len; k++)
    {
      Entry *e = &g_array_index (bag, Entry, k);
      gpointer key = GUINT_TO_POINTER (e->term + 1);
      gpointer v = g_hash_table_lookup (sums, key);
      float sum = 0;

      if (v)
        memcpy (&sum, &v, sizeof sum);
      sum += e->weight;
      v = NULL;
      memcpy (&v, &sum, sizeof sum);
      g_hash_table_insert (sums, key, v);
    }
}

static double
squared_length (GHashTable *sums)
{
  GHashTableIter iter;
  gpointer value;
  double total = 0;

  g_hash_table_iter_init (&iter, sums);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      float x = 0;

      memcpy (&x, &value, sizeof x);
      total += (double) x * x;
    }
  return total;
}

/* Cosine of two sums of bags (either second bag may be NULL) */
static double
cosine_of_sums (GArray *a1, GArray *a2, GArray *b1, GArray *b2)
{
  g_autoptr(GHashTable) va = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) vb = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key, value;
  double dot = 0, na, nb;

  accumulate (va, a1);
  accumulate (va, a2);
  accumulate (vb, b1);
  accumulate (vb, b2);

  g_hash_table_iter_init (&iter, va);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gpointer w = g_hash_table_lookup (vb, key);
      float x = 0, y = 0;

      if (w == NULL)
        continue;
      memcpy (&x, &value, sizeof x);
      memcpy (&y, &w, sizeof y);
      dot += (double) x * y;
    }
  na = squared_length (va);
  nb = squared_length (vb);
  return (na > 0 && nb > 0) ? dot / sqrt (na * nb) : 0;
}

typedef struct
{
  guint  b;
  double score;
} Candidate;

static int
candidate_compare (gconstpointer x,
                   gconstpointer y)
{
  const Candidate *a = x, *b = y;

  if (a->score != b->score)
    return a->score > b->score ? -1 : 1;
  return a->b < b->b ? -1 : a->b > b->b;
}

static int
pair_compare (gconstpointer x,
              gconstpointer y)
{
  const CollateAlignedPair *a = x, *b = y;

  if (a->first[0] != b->first[0])
    return a->first[0] < b->first[0] ? -1 : 1;
  if (a->first[1] != b->first[1])
    return a->first[1] < b->first[1] ? -1 : 1;
  if (a->n[0] != b->n[0])
    return a->n[0] < b->n[0] ? -1 : 1;
  return a->n[1] < b->n[1] ? -1 : a->n[1] > b->n[1];
}

static void
add_pair (GArray *pairs,
          GArray *sa, guint ia, guint na,
          GArray *sb, guint ib, guint nb,
          double  score)
{
  CollateAlignedPair p;

  p.first[0] = ia;
  p.n[0] = na;
  p.first[1] = ib;
  p.n[1] = nb;
  p.start[0] = g_array_index (sa, CollateRange, ia).start;
  p.end[0] = g_array_index (sa, CollateRange, ia + na - 1).end;
  p.start[1] = g_array_index (sb, CollateRange, ib).start;
  p.end[1] = g_array_index (sb, CollateRange, ib + nb - 1).end;
  p.score = MIN (score, 1.0);
  g_array_append_val (pairs, p);
}

gboolean
collate_document_has_line_break (CollateDocument *document,
                                 guint            start,
                                 guint            end)
{
  const char *text = collate_document_get_text (document);
  gsize from = collate_document_char_to_byte (document, start);
  gsize to = collate_document_char_to_byte (document, end);

  return memchr (text + from, '\n', to - from) != NULL;
}

static void
free_posting_list (gpointer list)
{
  if (list != NULL)
    g_array_unref (list);
}

GArray *
collate_align_sentences (CollateDocument *a,
                         GArray          *sentences_a,
                         CollateDocument *b,
                         GArray          *sentences_b,
                         double           min_score,
                         GCancellable    *cancellable)
{
  CollateTermTable *table;
  g_autoptr(GPtrArray) bags_a = NULL;
  g_autoptr(GPtrArray) bags_b = NULL;
  g_autoptr(GPtrArray) postings = NULL;  /* term id → GArray of Entry (term = sentence of b) */
  g_autofree double *acc = NULL;
  g_autoptr(GArray) touched = NULL;
  g_autofree guint *best_b = NULL;        /* per sentence of a: its best b, or G_MAXUINT */
  g_autofree double *best_b_score = NULL;
  GArray *pairs;
  guint n_total, max_df;

  g_return_val_if_fail (COLLATE_IS_DOCUMENT (a) && COLLATE_IS_DOCUMENT (b), NULL);

  if (min_score <= 0)
    min_score = DEFAULT_MIN_SCORE;

  table = collate_term_table_new ();
  bags_a = collate_term_bags (table, a, sentences_a);
  bags_b = collate_term_bags (table, b, sentences_b);
  n_total = sentences_a->len + sentences_b->len;
  collate_term_bags_weigh (table, bags_a, n_total);
  collate_term_bags_weigh (table, bags_b, n_total);
  max_df = MAX (50, n_total / 200);

  postings = g_ptr_array_new_with_free_func (free_posting_list);
  g_ptr_array_set_size (postings, (gint) table->df->len);
  for (guint j = 0; j < bags_b->len; j++)
    {
      GArray *bag = g_ptr_array_index (bags_b, j);

      for (guint k = 0; k < bag->len; k++)
        {
          Entry *e = &g_array_index (bag, Entry, k);
          GArray *list;
          Entry posting = { j, e->weight };

          if (g_array_index (table->df, guint, e->term) > max_df)
            continue;
          list = g_ptr_array_index (postings, e->term);
          if (list == NULL)
            {
              list = g_array_new (FALSE, FALSE, sizeof (Entry));
              postings->pdata[e->term] = list;
            }
          g_array_append_val (list, posting);
        }
    }

  acc = g_new0 (double, MAX (sentences_b->len, 1));
  touched = g_array_new (FALSE, FALSE, sizeof (guint));
  best_b = g_new (guint, MAX (sentences_b->len, 1));
  best_b_score = g_new0 (double, MAX (sentences_b->len, 1));
  for (guint j = 0; j < sentences_b->len; j++)
    best_b[j] = G_MAXUINT;

  pairs = g_array_new (FALSE, FALSE, sizeof (CollateAlignedPair));

  {
    g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

    for (guint i = 0; i < bags_a->len; i++)
      {
        GArray *bag = g_ptr_array_index (bags_a, i);
        GArray *cands = g_array_new (FALSE, FALSE, sizeof (Candidate));

        if ((i & 1023) == 0 && g_cancellable_is_cancelled (cancellable))
          {
            g_array_unref (cands);
            g_array_unref (pairs);
            collate_term_table_free (table);
            return NULL;
          }

        g_array_set_size (touched, 0);
        for (guint k = 0; k < bag->len; k++)
          {
            Entry *e = &g_array_index (bag, Entry, k);
            GArray *list = e->term < postings->len ? g_ptr_array_index (postings, e->term) : NULL;

            for (guint m = 0; list && m < list->len; m++)
              {
                Entry *p = &g_array_index (list, Entry, m);

                if (acc[p->term] == 0)
                  g_array_append_val (touched, p->term);
                acc[p->term] += (double) e->weight * p->weight;
              }
          }
        for (guint m = 0; m < touched->len; m++)
          {
            guint j = g_array_index (touched, guint, m);
            Candidate c = { j, acc[j] };

            acc[j] = 0;
            if (c.score >= min_score * 0.5)
              g_array_append_val (cands, c);
          }
        g_array_sort (cands, candidate_compare);
        if (cands->len > MAX_PER_SENTENCE + 1)
          g_array_set_size (cands, MAX_PER_SENTENCE + 1);
        for (guint m = 0; m < cands->len; m++)
          {
            Candidate *c = &g_array_index (cands, Candidate, m);

            if (c->score > best_b_score[c->b]
                || (c->score == best_b_score[c->b] && i < best_b[c->b]))
              {
                best_b_score[c->b] = c->score;
                best_b[c->b] = i;
              }
          }
        g_ptr_array_add (kept, cands);
      }

    /* Pairs: each sentence of a with its best, and others close to it;
     * neighbours that together match better are joined. */
    {
      g_autofree gboolean *used_a = g_new0 (gboolean, MAX (bags_a->len, 1));

      for (guint i = 0; i < bags_a->len; i++)
        {
          GArray *cands = g_ptr_array_index (kept, i);
          double top;

          if (cands->len == 0)
            continue;
          top = g_array_index (cands, Candidate, 0).score;
          /* a sentence joined to the one before keeps its other pairs */
          for (guint m = used_a[i] ? 1 : 0; m < cands->len && m < MAX_PER_SENTENCE; m++)
            {
              Candidate *c = &g_array_index (cands, Candidate, m);
              guint j = c->b;
              double joined;

              if (c->score < top * KEEP_RATIO)
                break;

              /* many-to-one: a[i], a[i+1] both point at b[j] */
              if (m == 0 && i + 1 < bags_a->len && !used_a[i + 1]
                  && !collate_document_has_line_break (a, g_array_index (sentences_a, CollateRange, i).end,
                                                       g_array_index (sentences_a, CollateRange, i + 1).start))
                {
                  GArray *next = g_ptr_array_index (kept, i + 1);

                  if (next->len > 0 && g_array_index (next, Candidate, 0).b == j)
                    {
                      joined = cosine_of_sums (g_ptr_array_index (bags_a, i),
                                               g_ptr_array_index (bags_a, i + 1),
                                               g_ptr_array_index (bags_b, j), NULL);
                      if (joined > c->score && joined > g_array_index (next, Candidate, 0).score
                          && joined >= min_score)
                        {
                          add_pair (pairs, sentences_a, i, 2, sentences_b, j, 1, joined);
                          used_a[i + 1] = TRUE;
                          continue;
                        }
                    }
                }
              /* one-to-many as a group: b[j], b[j+1] both best for a[i] */
              if (m == 0 && j + 1 < bags_b->len && best_b[j + 1] == i && best_b[j] == i
                  && !collate_document_has_line_break (b, g_array_index (sentences_b, CollateRange, j).end,
                                                       g_array_index (sentences_b, CollateRange, j + 1).start))
                {
                  joined = cosine_of_sums (g_ptr_array_index (bags_a, i), NULL,
                                           g_ptr_array_index (bags_b, j),
                                           g_ptr_array_index (bags_b, j + 1));
                  if (joined > c->score && joined >= min_score)
                    {
                      add_pair (pairs, sentences_a, i, 1, sentences_b, j, 2, joined);
                      continue;
                    }
                }
              if (c->score >= min_score)
                add_pair (pairs, sentences_a, i, 1, sentences_b, j, 1, c->score);
            }
        }
    }
  }

  /* Between two aligned neighbours, two sentences left without a partner
   * are partners too if they share a word: reports that follow one order
   * tell the same thing in other words ("lasted 36 hours" / "lasted two
   * days") */
  {
    g_autofree guint *partner_a = g_new (guint, MAX (sentences_a->len, 1));
    g_autofree gboolean *has_b = g_new0 (gboolean, MAX (sentences_b->len, 1));
    guint n = pairs->len;

    for (guint i = 0; i < sentences_a->len; i++)
      partner_a[i] = G_MAXUINT;
    for (guint k = 0; k < n; k++)
      {
        const CollateAlignedPair *p = &g_array_index (pairs, CollateAlignedPair, k);

        for (guint x = 0; x < p->n[0]; x++)
          if (partner_a[p->first[0] + x] == G_MAXUINT || p->n[1] == 1)
            partner_a[p->first[0] + x] = p->first[1] + (p->n[1] - 1) * (x > 0);
        for (guint y = 0; y < p->n[1]; y++)
          has_b[p->first[1] + y] = TRUE;
      }
    for (guint i = 1; i + 1 < sentences_a->len; i++)
      {
        guint j;
        double score;

        if (partner_a[i] != G_MAXUINT || partner_a[i - 1] == G_MAXUINT)
          continue;
        j = partner_a[i - 1] + 1;
        if (j + 1 >= sentences_b->len || has_b[j] || partner_a[i + 1] != j + 1)
          continue;
        score = cosine_of_sums (g_ptr_array_index (bags_a, i), NULL, g_ptr_array_index (bags_b, j), NULL);
        if (score > 0.05)
          {
            add_pair (pairs, sentences_a, i, 1, sentences_b, j, 1, score);
            partner_a[i] = j;
            has_b[j] = TRUE;
          }
      }
  }

  collate_term_table_free (table);

  g_array_sort (pairs, pair_compare);
  /* a group may repeat a pair found alone: keep the first of equal spans */
  {
    guint w = 0;

    for (guint r = 0; r < pairs->len; r++)
      {
        CollateAlignedPair *p = &g_array_index (pairs, CollateAlignedPair, r);

        if (w > 0)
          {
            CollateAlignedPair *q = &g_array_index (pairs, CollateAlignedPair, w - 1);

            if (pair_compare (p, q) == 0)
              continue;
          }
        g_array_index (pairs, CollateAlignedPair, w++) = *p;
      }
    g_array_set_size (pairs, w);
  }

  return pairs;
}
