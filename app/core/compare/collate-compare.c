/* collate-compare.c — comparing two documents of a project, off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The work: sentences of both documents, aligned pairs, then within each
 * pair what differs — quantities read as intervals, dates, weekdays, times,
 * ordinals, names in the same place of the sentence, a negation on one side
 * only — and, where nothing differs and the words agree, an agreement.
 * Spans of one entity label that name the same thing in both documents are
 * offered as Same entity links.  An external scorer, if given, is asked
 * about every aligned pair.  Suggestions already reviewed in the project are
 * left out; the rest are sorted by confidence.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "collate-compare.h"
#include "collate-compare-private.h"
#include "collate-error.h"
#include "collate-quantity.h"
#include "collate-scorer.h"
#include "collate-tokenizer.h"

#define DEFAULT_SCORER_TIMEOUT_MS 60000
#define AGREEMENT_MIN_SCORE       0.45

void
collate_compare_options_init (CollateCompareOptions *options)
{
  g_return_if_fail (options != NULL);
  memset (options, 0, sizeof *options);
}

static void
options_copy (CollateCompareOptions       *to,
              const CollateCompareOptions *from)
{
  if (from == NULL)
    collate_compare_options_init (to);
  else
    *to = *from;
  to->scorer_argv = g_strdupv (to->scorer_argv);
}

/* ── The result ── */

struct _CollateComparison
{
  GObject          parent_instance;

  CollateDocument *documents[2];
  GArray          *sentences[2];
  GArray          *pairs;
  GListStore      *suggestions;
};

G_DEFINE_FINAL_TYPE (CollateComparison, collate_comparison, G_TYPE_OBJECT)

static void
collate_comparison_finalize (GObject *object)
{
  CollateComparison *self = (CollateComparison *) object;

  for (guint i = 0; i < 2; i++)
    {
      g_clear_object (&self->documents[i]);
      g_clear_pointer (&self->sentences[i], g_array_unref);
    }
  g_clear_pointer (&self->pairs, g_array_unref);
  g_clear_object (&self->suggestions);

  G_OBJECT_CLASS (collate_comparison_parent_class)->finalize (object);
}

static void
collate_comparison_class_init (CollateComparisonClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = collate_comparison_finalize;
}

static void
collate_comparison_init (CollateComparison *self)
{
  self->suggestions = g_list_store_new (COLLATE_TYPE_SUGGESTION);
}

CollateDocument *
collate_comparison_get_document (CollateComparison *self,
                                 guint              side)
{
  g_return_val_if_fail (COLLATE_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (side < 2, NULL);
  return self->documents[side];
}

GArray *
collate_comparison_get_sentences (CollateComparison *self,
                                  guint              side)
{
  g_return_val_if_fail (COLLATE_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (side < 2, NULL);
  return self->sentences[side];
}

GArray *
collate_comparison_get_pairs (CollateComparison *self)
{
  g_return_val_if_fail (COLLATE_IS_COMPARISON (self), NULL);
  return self->pairs;
}

GListModel *
collate_comparison_get_suggestions (CollateComparison *self)
{
  g_return_val_if_fail (COLLATE_IS_COMPARISON (self), NULL);
  return G_LIST_MODEL (self->suggestions);
}

static GArray *pairs_at (CollateComparison *self, guint side, guint offset);

GArray *
collate_comparison_find_pairs_at (CollateComparison *self,
                                  guint              side,
                                  guint              offset)
{
  g_return_val_if_fail (COLLATE_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (side < 2, NULL);
  return pairs_at (self, side, offset);
}

const CollateAlignedPair *
collate_comparison_get_best_pair_at (CollateComparison *self,
                                     guint              side,
                                     guint              offset)
{
  g_autoptr(GArray) found = NULL;

  g_return_val_if_fail (COLLATE_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (side < 2, NULL);

  found = pairs_at (self, side, offset);
  if (found->len == 0)
    return NULL;
  return &g_array_index (self->pairs, CollateAlignedPair, g_array_index (found, guint, 0));
}

static GArray *
pairs_at (CollateComparison *self,
          guint              side,
          guint              offset)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (guint));

  /* A pair's group is a run of sentences: the pairs are few next to the
   * text (one or two per sentence), so a scan is cheap enough for a caret
   * move; the window keeps the result while the caret stays in a sentence. */
  for (guint i = 0; i < self->pairs->len; i++)
    {
      const CollateAlignedPair *p = &g_array_index (self->pairs, CollateAlignedPair, i);

      if (p->start[side] <= offset && offset < p->end[side])
        g_array_append_val (found, i);
    }
  /* best score first, then pair order */
  for (guint i = 1; i < found->len; i++)
    for (guint j = i; j > 0; j--)
      {
        guint x = g_array_index (found, guint, j - 1), y = g_array_index (found, guint, j);

        if (g_array_index (self->pairs, CollateAlignedPair, y).score
            > g_array_index (self->pairs, CollateAlignedPair, x).score)
          {
            g_array_index (found, guint, j - 1) = y;
            g_array_index (found, guint, j) = x;
          }
        else
          break;
      }
  return found;
}

/* ── What the work reads: a copy of what may change ── */

typedef struct
{
  char *id;
  char *label;
  char *text;
  guint start;
  guint end;
  guint side;
} SpanCopy;

typedef struct
{
  char *from;
  char *to;
  char *label;
} LinkCopy;

typedef struct
{
  CollateDocument       *documents[2];
  GArray                *spans;     /* SpanCopy, entity labels only */
  GArray                *links;     /* LinkCopy touching those spans */
  GPtrArray             *reviews;   /* CollateReview (immutable) */
  CollateCompareOptions  options;
} Input;

static void
span_copy_clear (gpointer data)
{
  SpanCopy *s = data;

  g_free (s->id);
  g_free (s->label);
  g_free (s->text);
}

static void
link_copy_clear (gpointer data)
{
  LinkCopy *l = data;

  g_free (l->from);
  g_free (l->to);
  g_free (l->label);
}

static void
input_free (Input *input)
{
  for (guint i = 0; i < 2; i++)
    g_clear_object (&input->documents[i]);
  g_clear_pointer (&input->spans, g_array_unref);
  g_clear_pointer (&input->links, g_array_unref);
  g_clear_pointer (&input->reviews, g_ptr_array_unref);
  g_strfreev (input->options.scorer_argv);
  g_free (input);
}

/* Labels whose spans name things (not claims, times or quantities) */
static gboolean
is_entity_label (const char *label)
{
  return !g_str_equal (label, "Claim") && !g_str_equal (label, "Time")
         && !g_str_equal (label, "Quantity");
}

static Input *
input_new (CollateProject              *project,
           const char                  *document_a,
           const char                  *document_b,
           const CollateCompareOptions *options,
           GError                     **error)
{
  Input *input;
  const char *ids[2] = { document_a, document_b };
  GListModel *reviews;
  g_autoptr(GHashTable) span_ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < 2; i++)
    if (ids[i] == NULL || collate_project_lookup_document (project, ids[i]) == NULL)
      {
        g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                     _("there is no document \"%s\" in this project"), ids[i] ? ids[i] : "");
        return NULL;
      }
  if (g_str_equal (document_a, document_b))
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("document \"%s\" is compared with itself; give two different documents"),
                   document_a);
      return NULL;
    }

  input = g_new0 (Input, 1);
  options_copy (&input->options, options);
  input->spans = g_array_new (FALSE, FALSE, sizeof (SpanCopy));
  g_array_set_clear_func (input->spans, span_copy_clear);
  input->links = g_array_new (FALSE, FALSE, sizeof (LinkCopy));
  g_array_set_clear_func (input->links, link_copy_clear);
  input->reviews = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint side = 0; side < 2; side++)
    {
      CollateDocument *document = collate_project_lookup_document (project, ids[side]);
      g_autoptr(GPtrArray) spans = NULL;

      input->documents[side] = g_object_ref (document);
      spans = collate_project_get_spans_in_range (project, ids[side], 0,
                                                  collate_document_get_length (document));
      for (guint i = 0; i < spans->len; i++)
        {
          CollateAnnotation *a = g_ptr_array_index (spans, i);
          SpanCopy copy;

          if (!is_entity_label (collate_annotation_get_label (a)))
            continue;
          copy.id = g_strdup (collate_annotation_get_id (a));
          copy.label = g_strdup (collate_annotation_get_label (a));
          copy.text = g_strdup (collate_annotation_get_text (a));
          copy.start = collate_annotation_get_start (a);
          copy.end = collate_annotation_get_end (a);
          copy.side = side;
          g_array_append_val (input->spans, copy);
          g_hash_table_add (span_ids, (char *) collate_annotation_get_id (a));
        }
    }

  {
    GListModel *links = collate_project_get_links (project);
    guint n = g_list_model_get_n_items (links);

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(CollateLink) link = g_list_model_get_item (links, i);
        LinkCopy copy;

        if (!g_hash_table_contains (span_ids, collate_link_get_from (link))
            || !g_hash_table_contains (span_ids, collate_link_get_to (link)))
          continue;
        copy.from = g_strdup (collate_link_get_from (link));
        copy.to = g_strdup (collate_link_get_to (link));
        copy.label = g_strdup (collate_link_get_label (link));
        g_array_append_val (input->links, copy);
      }
  }

  reviews = collate_project_get_reviews (project);
  for (guint i = 0; i < g_list_model_get_n_items (reviews); i++)
    g_ptr_array_add (input->reviews, g_list_model_get_item (reviews, i));

  return input;
}

/* ── Finding suggestions ── */

typedef struct
{
  CollateDocument *document;
  const char      *text;
  GArray          *sentences;
  GArray          *tokens;      /* CollateTextRange, from collate_tokenize() */
  GArray          *quantities;  /* CollateQuantity, in text order */
} SideData;

typedef struct
{
  Input      *input;
  SideData    sides[2];
  GHashTable *found;   /* key → CollateSuggestion* (owned) */
} Work;

static char *
suggestion_key (CollateSuggestionKind kind,
                guint s0, guint e0, guint s1, guint e1)
{
  return g_strdup_printf ("%d:%u:%u:%u:%u", kind, s0, e0, s1, e1);
}

static void
add_suggestion (Work                 *w,
                CollateSuggestionKind kind,
                double                confidence,
                const char           *reason,
                const char           *link_label,
                guint start_a, guint end_a, const char *annotation_a,
                guint start_b, guint end_b, const char *annotation_b)
{
  g_autofree char *key = suggestion_key (kind, start_a, end_a, start_b, end_b);
  CollateSuggestion *old = g_hash_table_lookup (w->found, key);
  g_autofree char *quote_a = NULL;
  g_autofree char *quote_b = NULL;

  if (old != NULL && collate_suggestion_get_confidence (old) >= confidence)
    return;
  quote_a = collate_document_dup_slice (w->sides[0].document, start_a, end_a);
  quote_b = collate_document_dup_slice (w->sides[1].document, start_b, end_b);
  g_hash_table_replace (w->found, g_steal_pointer (&key),
                        collate_suggestion_new (kind, confidence, reason, link_label,
                                                collate_document_get_id (w->sides[0].document),
                                                start_a, end_a, quote_a, annotation_a,
                                                collate_document_get_id (w->sides[1].document),
                                                start_b, end_b, quote_b, annotation_b));
}

/* The quantities of a side within [start, end) */
static void
quantities_in (SideData *s,
               guint     start,
               guint     end,
               guint    *first,
               guint    *after)
{
  guint lo = 0, hi = s->quantities->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (s->quantities, CollateQuantity, mid).start < start)
        lo = mid + 1;
      else
        hi = mid;
    }
  *first = lo;
  while (lo < s->quantities->len && g_array_index (s->quantities, CollateQuantity, lo).end <= end)
    lo++;
  *after = lo;
}

static char *
quote_of (SideData *s,
          guint     start,
          guint     end)
{
  return collate_document_dup_slice (s->document, start, end);
}

/* Confidence from a base and the pair's similarity */
static double
weigh (double base,
       double spread,
       double score)
{
  return MIN (0.99, base + spread * MIN (1.0, score / 0.5));
}

static gboolean
is_quantity_measure (CollateMeasure m)
{
  return m == COLLATE_MEASURE_DURATION || m == COLLATE_MEASURE_MONEY
         || m == COLLATE_MEASURE_PERCENT || m == COLLATE_MEASURE_COUNT;
}

/* Durations of very different size are seldom the same duration told
 * twice ("a four-hour meeting", "a war of three years") */
static gboolean
plausibly_same (const CollateQuantity *a,
                const CollateQuantity *b)
{
  double x = MAX (a->value, 1e-9), y = MAX (b->value, 1e-9);
  double ratio = x > y ? x / y : y / x;

  if (a->measure == COLLATE_MEASURE_DURATION)
    return ratio <= 12;
  return ratio <= 100;
}

/* Quantities, dates, weekdays, times and ordinals of one pair; returns
 * the number of disagreements found */
static guint
compare_quantities (Work                     *w,
                    const CollateAlignedPair *pair,
                    guint                    *n_equal)
{
  SideData *a = &w->sides[0], *b = &w->sides[1];
  guint fa, la, fb, lb;
  g_autofree gboolean *used_b = NULL;
  guint found = 0;

  quantities_in (a, pair->start[0], pair->end[0], &fa, &la);
  quantities_in (b, pair->start[1], pair->end[1], &fb, &lb);
  if (fa == la || fb == lb)
    return 0;
  used_b = g_new0 (gboolean, lb - fb);

  /* equal readings first: they take their partner out of the game */
  {
    g_autofree gboolean *done_a = g_new0 (gboolean, la - fa);

    for (guint i = fa; i < la; i++)
      for (guint j = fb; j < lb; j++)
        if (!used_b[j - fb]
            && collate_quantities_compare (&g_array_index (a->quantities, CollateQuantity, i),
                                           &g_array_index (b->quantities, CollateQuantity, j))
               == COLLATE_INTERVALS_EQUAL)
          {
            used_b[j - fb] = TRUE;
            done_a[i - fa] = TRUE;
            (*n_equal)++;
            break;
          }

    for (guint i = fa; i < la; i++)
      {
        const CollateQuantity *qa = &g_array_index (a->quantities, CollateQuantity, i);
        int best = -1;
        int best_rank = -1;
        CollateSuggestionKind kind = COLLATE_SUGGESTION_QUANTITY_CONFLICT;

        if (done_a[i - fa])
          continue;
        for (guint j = fb; j < lb; j++)
          {
            const CollateQuantity *qb = &g_array_index (b->quantities, CollateQuantity, j);
            CollateIntervalRelation rel;
            int rank = -1;

            if (used_b[j - fb] || qb->measure != qa->measure)
              continue;
            if (qa->measure == COLLATE_MEASURE_ORDINAL)
              {
                /* same number, different thing counted; or one thing, another number */
                if (qa->value == qb->value && g_strcmp0 (qa->noun, qb->noun) != 0)
                  rank = 2;
                else if (qa->value != qb->value && g_strcmp0 (qa->noun, qb->noun) == 0)
                  rank = 3;
              }
            else if (qa->measure == COLLATE_MEASURE_DATE)
              {
                if (g_strcmp0 (qa->noun, qb->noun) == 0 && qa->value != qb->value)
                  rank = 2;
              }
            else if (qa->measure == COLLATE_MEASURE_WEEKDAY || qa->measure == COLLATE_MEASURE_TIME)
              {
                if (qa->value != qb->value)
                  rank = 2;
              }
            else if (is_quantity_measure (qa->measure))
              {
                rel = collate_quantities_compare (qa, qb);
                if (rel == COLLATE_INTERVALS_COMPATIBLE && plausibly_same (qa, qb))
                  rank = 3;
                else if (rel == COLLATE_INTERVALS_DISJOINT && plausibly_same (qa, qb))
                  rank = 2;
              }
            if (rank > best_rank)
              {
                best_rank = rank;
                best = (int) j;
              }
          }
        if (best < 0)
          continue;

        {
          const CollateQuantity *qb = &g_array_index (b->quantities, CollateQuantity, best);
          g_autofree char *da = collate_quantity_describe (qa);
          g_autofree char *db = collate_quantity_describe (qb);
          g_autofree char *ta = quote_of (a, qa->start, qa->end);
          g_autofree char *tb = quote_of (b, qb->start, qb->end);
          g_autofree char *reason = NULL;
          double confidence;
          const char *link = COLLATE_LINK_CONTRADICTS;

          switch (qa->measure)
            {
            case COLLATE_MEASURE_ORDINAL:
              kind = COLLATE_SUGGESTION_ORDINAL;
              if (qa->value == qb->value)
                reason = g_strdup_printf (_("“%s” vs “%s”: the same ordinal counts different things (%s, %s)"),
                                          ta, tb, qa->noun, qb->noun);
              else
                reason = g_strdup_printf (_("“%s” vs “%s”: different ordinals of one thing"), ta, tb);
              confidence = weigh (0.5, 0.35, pair->score);
              break;
            case COLLATE_MEASURE_DATE:
            case COLLATE_MEASURE_WEEKDAY:
              kind = COLLATE_SUGGESTION_DATE;
              reason = g_strdup_printf (_("“%s” vs “%s”: different dates (%s, %s)"), ta, tb, da, db);
              confidence = weigh (0.5, 0.4, pair->score);
              break;
            case COLLATE_MEASURE_TIME:
              kind = COLLATE_SUGGESTION_TIME;
              reason = g_strdup_printf (_("“%s” vs “%s”: different times of day (%s, %s)"), ta, tb, da, db);
              confidence = weigh (0.5, 0.4, pair->score);
              break;
            case COLLATE_MEASURE_COUNT:
            case COLLATE_MEASURE_DURATION:
            case COLLATE_MEASURE_MONEY:
            case COLLATE_MEASURE_PERCENT:
            default:
              if (collate_quantities_compare (qa, qb) == COLLATE_INTERVALS_DISJOINT)
                {
                  kind = COLLATE_SUGGESTION_QUANTITY_CONFLICT;
                  reason = g_strdup_printf (_("“%s” (%s) vs “%s” (%s): they cannot both be true"),
                                            ta, da, tb, db);
                  confidence = weigh (0.55, 0.4, pair->score);
                }
              else
                {
                  gboolean a_tighter = (qa->high - qa->low) < (qb->high - qb->low);

                  kind = COLLATE_SUGGESTION_QUANTITY_PRECISION;
                  reason = g_strdup_printf (_("“%s” (%s) vs “%s” (%s): compatible; the %s is more precise"),
                                            ta, da, tb, db, a_tighter ? _("first") : _("second"));
                  confidence = weigh (0.5, 0.4, pair->score);
                  link = COLLATE_LINK_CORROBORATES;
                }
              break;
            }

          used_b[best - (int) fb] = TRUE;
          add_suggestion (w, kind, confidence, reason, link,
                          qa->start, qa->end, NULL, qb->start, qb->end, NULL);
          if (collate_suggestion_kind_is_conflict (kind))
            found++;
        }
      }
  }

  return found;
}

/* ── Words of a pair: names and negations ── */

typedef struct
{
  guint start, end;       /* code points */
  gsize byte_start, byte_end;
} Word;

static const char *const negations[] = {
  "not", "never", "no", "without", "neither", "nor", "denied", "denies", "deny",
  "refused", "refuses", "failed", "fails", NULL
};

static const char *const skip_after_negation[] = {
  "be", "been", "being", "yet", "ever", "to", "a", "an", "the", "any", "have", "has",
  "had", "even", "directly", "actually", "really", "formally", "officially", NULL
};

static gboolean
word_in (const char *const *list,
         const char        *word)
{
  for (guint i = 0; list[i]; i++)
    if (g_ascii_strcasecmp (list[i], word) == 0)
      return TRUE;
  return FALSE;
}

static char *
word_text (SideData             *s,
           const CollateTextRange *t)
{
  return g_strndup (s->text + t->byte_start, t->byte_end - t->byte_start);
}

/* Tokens of a side within [start, end) */
static void
tokens_in (SideData *s,
           guint     start,
           guint     end,
           guint    *first,
           guint    *after)
{
  guint i = collate_tokens_find (s->tokens, start);

  *first = i;
  while (i < s->tokens->len && g_array_index (s->tokens, CollateTextRange, i).end <= end)
    i++;
  *after = i;
}

static char *
stem_word (const char *word)
{
  g_autofree char *lower = g_utf8_strdown (word, -1);
  gsize n = strlen (lower);

  if (n > 5 && g_str_has_suffix (lower, "ing"))
    lower[n - 3] = '\0';
  else if (n > 4 && g_str_has_suffix (lower, "ed"))
    lower[n - 2] = '\0';
  else if (n > 3 && lower[n - 1] == 's' && lower[n - 2] != 's')
    lower[n - 1] = '\0';
  return g_steal_pointer (&lower);
}

static gboolean
is_negation_token (SideData               *s,
                   const CollateTextRange *t)
{
  const char *w = s->text + t->byte_start;
  gsize n = t->byte_end - t->byte_start;

  /* "didn’t", "n't" as a token of its own, or glued */
  if ((n >= 5 && memcmp (w + n - 5, "n\xe2\x80\x99t", 5) == 0)
      || (n >= 3 && memcmp (w + n - 3, "n't", 3) == 0)
      || (n == 4 && memcmp (w, "\xe2\x80\x99t", 4) == 0) || (n == 2 && memcmp (w, "'t", 2) == 0))
    return TRUE;
  if (n < 2 || n > 8)
    return FALSE;
  for (guint i = 0; negations[i]; i++)
    if (strlen (negations[i]) == n && g_ascii_strncasecmp (negations[i], w, n) == 0)
      return TRUE;
  return FALSE;
}

/* Is there a negation among the @n tokens before token @i? */
static gboolean
negated_before (SideData *s,
                guint     first,
                guint     i,
                guint     n)
{
  for (guint k = i; k > first && i - k < n; k--)
    if (is_negation_token (s, &g_array_index (s->tokens, CollateTextRange, k - 1)))
      return TRUE;
  return FALSE;
}

static gboolean
is_word_token (SideData               *s,
               const CollateTextRange *t)
{
  return g_unichar_isalnum (g_utf8_get_char (s->text + t->byte_start));
}

/* One side negates a verb the other states: "did not attend" / "attended" */
static guint
compare_negation (Work                     *w,
                  const CollateAlignedPair *pair)
{
  guint found = 0;

  for (guint side = 0; side < 2; side++)
    {
      SideData *x = &w->sides[side], *y = &w->sides[1 - side];
      guint fx, lx, fy, ly;

      tokens_in (x, pair->start[side], pair->end[side], &fx, &lx);
      tokens_in (y, pair->start[1 - side], pair->end[1 - side], &fy, &ly);
      for (guint i = fx; i < lx; i++)
        {
          const CollateTextRange *cue = &g_array_index (x->tokens, CollateTextRange, i);
          guint v = i + 1;
          g_autofree char *verb = NULL;
          g_autofree char *verb_stem = NULL;

          if (!is_negation_token (x, cue))
            continue;
          /* "n’t" glued to "did" starts the range at "did" */
          while (v < lx)
            {
              const CollateTextRange *t = &g_array_index (x->tokens, CollateTextRange, v);
              g_autofree char *word = word_text (x, t);

              if (!is_word_token (x, t) || word_in (skip_after_negation, word)
                  || is_negation_token (x, t))
                v++;
              else
                break;
            }
          if (v >= lx || v > i + 4)
            continue;
          verb = word_text (x, &g_array_index (x->tokens, CollateTextRange, v));
          if (g_utf8_strlen (verb, -1) < 3 || g_unichar_isupper (g_utf8_get_char (verb)))
            continue;
          verb_stem = stem_word (verb);
          for (guint j = fy; j < ly; j++)
            {
              const CollateTextRange *t = &g_array_index (y->tokens, CollateTextRange, j);
              g_autofree char *word = word_text (y, t);
              g_autofree char *st = stem_word (word);

              if (!g_str_equal (st, verb_stem) || negated_before (y, fy, j, 4))
                continue;
              {
                guint cs = cue->start, ce = g_array_index (x->tokens, CollateTextRange, v).end;
                g_autofree char *qa = quote_of (x, cs, ce);
                g_autofree char *reason = NULL;
                double confidence = weigh (0.45, 0.45, pair->score);

                /* "did" before "not" belongs to the negation */
                if (i > fx)
                  {
                    const CollateTextRange *aux = &g_array_index (x->tokens, CollateTextRange, i - 1);
                    g_autofree char *aw = word_text (x, aux);

                    if (word_in ((const char *const[]) { "did", "does", "do", "was", "were", "is",
                                                         "are", "has", "have", "had", "will",
                                                         "would", "could", "can", NULL }, aw))
                      {
                        cs = aux->start;
                        g_free (qa);
                        qa = quote_of (x, cs, ce);
                      }
                  }
                reason = g_strdup_printf (_("“%s” vs “%s”: one report negates what the other states"),
                                          side == 0 ? qa : word, side == 0 ? word : qa);
                if (side == 0)
                  add_suggestion (w, COLLATE_SUGGESTION_NEGATION, confidence, reason,
                                  COLLATE_LINK_CONTRADICTS, cs, ce, NULL, t->start, t->end, NULL);
                else
                  add_suggestion (w, COLLATE_SUGGESTION_NEGATION, confidence, reason,
                                  COLLATE_LINK_CONTRADICTS, t->start, t->end, NULL, cs, ce, NULL);
                found++;
              }
              break;
            }
        }
    }
  return found;
}

/* ── Names ── */

static const char *const function_words[] = {
  "a", "an", "the", "in", "on", "at", "to", "of", "for", "from", "with", "by", "and",
  "or", "as", "that", "than", "into", "between", "about", "said", "says", "told", NULL
};

typedef struct
{
  guint  first, after;   /* tokens */
  guint  start, end;     /* code points */
  char  *norm;           /* normalised, for matching */
  char  *before;         /* the word before, lower case, or "" */
  char  *after_word;     /* the word after, lower case, or "" */
} Name;

static void
name_clear (gpointer data)
{
  Name *n = data;

  g_free (n->norm);
  g_free (n->before);
  g_free (n->after_word);
}

/* Words that make names in several spellings meet */
static const char *
name_alias (const char *lower)
{
  static const char *const aliases[][2] = {
    { "st", "saint" }, { "st.", "saint" }, { "u.s.", "us" }, { "u.s", "us" }, { "usa", "us" },
    { "u.k.", "uk" }, { "mt.", "mount" }, { "gen.", "general" }, { "pres.", "president" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (lower, aliases[i][0]))
      return aliases[i][1];
  return lower;
}

static gboolean
is_capitalised (SideData               *s,
                const CollateTextRange *t)
{
  gunichar c = g_utf8_get_char (s->text + t->byte_start);

  return g_unichar_isupper (c) || g_unichar_istitle (c);
}

/* Capitalised words that are numbers, months or days, not names: the
 * quantities and dates have their own kinds */
static gboolean
is_not_a_name (SideData               *s,
               const CollateTextRange *t)
{
  static const char *const words[] = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "thousands", "dozens",
    "some", "about", "around", "nearly", "almost", "more", "at", "first", "second", "third",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", NULL
  };
  g_autofree char *word = word_text (s, t);

  return word_in (words, word);
}

/* Runs of capitalised words; a sentence's first word counts only if it is
 * not a common opener ("The", "But") */
static GArray *
names_in (SideData *s,
          guint     first,
          guint     after)
{
  GArray *names = g_array_new (FALSE, TRUE, sizeof (Name));
  guint i = first;

  g_array_set_clear_func (names, name_clear);
  while (i < after)
    {
      const CollateTextRange *t = &g_array_index (s->tokens, CollateTextRange, i);
      guint j = i;
      GString *norm;
      Name n = { 0 };

      if (!is_capitalised (s, t)
          || collate_tokenizer_is_sentence_starter (s->text + t->byte_start, t->byte_end - t->byte_start)
          || is_not_a_name (s, t))
        {
          i++;
          continue;
        }
      norm = g_string_new (NULL);
      while (j < after)
        {
          const CollateTextRange *u = &g_array_index (s->tokens, CollateTextRange, j);
          g_autofree char *word = NULL;
          g_autofree char *lower = NULL;

          if (!is_capitalised (s, u))
            break;
          word = word_text (s, u);
          lower = g_utf8_strdown (word, -1);
          if (norm->len)
            g_string_append_c (norm, ' ');
          g_string_append (norm, name_alias (lower));
          j++;
        }
      n.first = i;
      n.after = j;
      n.start = t->start;
      n.end = g_array_index (s->tokens, CollateTextRange, j - 1).end;
      n.norm = g_string_free (norm, FALSE);
      {
        g_autofree char *b = i > first ? word_text (s, &g_array_index (s->tokens, CollateTextRange, i - 1)) : g_strdup ("");
        g_autofree char *a = j < after ? word_text (s, &g_array_index (s->tokens, CollateTextRange, j)) : g_strdup ("");

        n.before = g_utf8_strdown (b, -1);
        n.after_word = g_utf8_strdown (a, -1);
      }
      g_array_append_val (names, n);
      i = j;
    }
  return names;
}

/* Do two normalised names share a word? ("vladimir putin" / "putin") */
static gboolean
names_overlap (const char *a,
               const char *b)
{
  g_auto(GStrv) wa = g_strsplit (a, " ", -1);
  g_auto(GStrv) wb = g_strsplit (b, " ", -1);

  for (guint i = 0; wa[i]; i++)
    for (guint j = 0; wb[j]; j++)
      if (g_str_equal (wa[i], wb[j]))
        return TRUE;
  return FALSE;
}

static gboolean
name_is_known (GArray     *names,
               const char *norm)
{
  for (guint k = 0; k < names->len; k++)
    if (names_overlap (g_array_index (names, Name, k).norm, norm))
      return TRUE;
  return FALSE;
}

/* A name on one side and another on the other, in the same place of the
 * sentence (the same word before or after), neither named on the other
 * side: "talks in Brussels" / "talks in Paris" */
static guint
compare_names (Work                     *w,
               const CollateAlignedPair *pair)
{
  g_autoptr(GArray) na = NULL;
  g_autoptr(GArray) nb = NULL;
  guint fa, la, fb, lb, found = 0;

  tokens_in (&w->sides[0], pair->start[0], pair->end[0], &fa, &la);
  tokens_in (&w->sides[1], pair->start[1], pair->end[1], &fb, &lb);
  na = names_in (&w->sides[0], fa, la);
  nb = names_in (&w->sides[1], fb, lb);

  for (guint i = 0; i < na->len; i++)
    {
      Name *x = &g_array_index (na, Name, i);

      if (name_is_known (nb, x->norm))
        continue;
      for (guint j = 0; j < nb->len; j++)
        {
          Name *y = &g_array_index (nb, Name, j);
          gboolean same_before, same_after;

          if (name_is_known (na, y->norm))
            continue;
          same_before = *x->before && g_str_equal (x->before, y->before)
                        && g_unichar_isalpha (g_utf8_get_char (x->before));
          same_after = g_str_equal (x->after_word, y->after_word)
                       && !word_in ((const char *const[]) { "and", "or", NULL }, x->after_word);
          /* after a preposition or an article, the word after must agree too:
           * "talks in Brussels on Monday" / "talks in Paris on Monday" */
          if (!(same_before && same_after)
              && !(same_before && !word_in (function_words, x->before))
              && !(same_after && *x->after_word && g_unichar_isalpha (g_utf8_get_char (x->after_word))
                   && !word_in (function_words, x->after_word)))
            continue;
          {
            g_autofree char *ta = quote_of (&w->sides[0], x->start, x->end);
            g_autofree char *tb = quote_of (&w->sides[1], y->start, y->end);
            g_autofree char *reason =
              g_strdup_printf (_("“%s” vs “%s”: different names in the same place (“%s”)"),
                               ta, tb, same_before ? x->before : x->after_word);
            double confidence = weigh (0.4, 0.4, pair->score) + (same_before && same_after ? 0.1 : 0);

            add_suggestion (w, COLLATE_SUGGESTION_NAME, confidence, reason, COLLATE_LINK_CONTRADICTS,
                            x->start, x->end, NULL, y->start, y->end, NULL);
            found++;
          }
          break;
        }
    }
  return found;
}

/* ── Same entity, from the spans ── */

static char *
entity_norm (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  GString *out = g_string_new (NULL);
  const char *p = lower;

  while (*p)
    {
      const char *w;
      g_autofree char *word = NULL;

      while (*p && !g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (!*p)
        break;
      w = p;
      while (*p && (g_unichar_isalnum (g_utf8_get_char (p)) || *p == '.'))
        p = g_utf8_next_char (p);
      word = g_strndup (w, (gsize) (p - w));
      if (g_str_equal (word, "the"))
        continue;
      if (out->len)
        g_string_append_c (out, ' ');
      {
        /* "st." and "st" alike; then drop periods: "u.s." → "us" */
        const char *alias = name_alias (word);
        for (const char *q = alias; *q; q++)
          if (*q != '.')
            g_string_append_c (out, *q);
      }
    }
  return g_string_free (out, FALSE);
}

/* 1.0 the same words; 0.8 one's words end the other's ("Putin" /
 * "Vladimir Putin"); 0 otherwise */
static double
entity_match (const char *a,
              const char *b)
{
  g_auto(GStrv) wa = NULL;
  g_auto(GStrv) wb = NULL;
  guint na, nb;

  if (*a == '\0' || *b == '\0')
    return 0;
  if (g_str_equal (a, b))
    return 1.0;
  wa = g_strsplit (a, " ", -1);
  wb = g_strsplit (b, " ", -1);
  na = g_strv_length (wa);
  nb = g_strv_length (wb);
  if (na == nb)
    return 0;
  if (na > nb)
    {
      GStrv t = wa;
      guint tn = na;

      wa = wb; wb = t; na = nb; nb = tn;
    }
  for (guint i = 0; i < na; i++)
    if (!g_str_equal (wa[na - 1 - i], wb[nb - 1 - i]))
      return 0;
  return 0.8;
}

static gboolean
already_linked (Input      *input,
                const char *x,
                const char *y)
{
  for (guint i = 0; i < input->links->len; i++)
    {
      LinkCopy *l = &g_array_index (input->links, LinkCopy, i);

      if (g_str_equal (l->label, COLLATE_LINK_SAME_ENTITY)
          && ((g_str_equal (l->from, x) && g_str_equal (l->to, y))
              || (g_str_equal (l->from, y) && g_str_equal (l->to, x))))
        return TRUE;
    }
  return FALSE;
}

static void
find_same_entities (Work *w)
{
  GArray *spans = w->input->spans;
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) norms = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < spans->len; i++)
    g_ptr_array_add (norms, entity_norm (g_array_index (spans, SpanCopy, i).text));

  /* each pair of texts once: the first span of each in its document */
  for (guint i = 0; i < spans->len; i++)
    {
      SpanCopy *x = &g_array_index (spans, SpanCopy, i);

      if (x->side != 0)
        continue;
      for (guint j = 0; j < spans->len; j++)
        {
          SpanCopy *y = &g_array_index (spans, SpanCopy, j);
          double match;
          g_autofree char *key = NULL;

          if (y->side != 1 || !g_str_equal (x->label, y->label))
            continue;
          match = entity_match (g_ptr_array_index (norms, i), g_ptr_array_index (norms, j));
          if (match == 0)
            continue;
          key = g_strdup_printf ("%s\x1f%s\x1f%s", x->label, x->text, y->text);
          if (g_hash_table_contains (done, key))
            continue;
          g_hash_table_add (done, g_steal_pointer (&key));
          if (already_linked (w->input, x->id, y->id))
            continue;
          {
            g_autofree char *reason = NULL;

            if (g_str_equal (x->text, y->text))
              reason = g_strdup_printf (_("%s “%s” in both reports"), x->label, x->text);
            else if (match == 1.0)
              reason = g_strdup_printf (_("%s “%s” and “%s”: two spellings of one name"),
                                        x->label, x->text, y->text);
            else
              reason = g_strdup_printf (_("%s “%s” and “%s”: one name is part of the other"),
                                        x->label, x->text, y->text);
            add_suggestion (w, COLLATE_SUGGESTION_SAME_ENTITY, match == 1.0 ? 0.9 : 0.7, reason,
                            COLLATE_LINK_SAME_ENTITY, x->start, x->end, x->id, y->start, y->end, y->id);
          }
        }
    }
}

/* ── The scorer ── */

static gboolean
run_scorer (Work    *w,
            GArray  *pairs,
            GArray  *conflicts_per_pair,
            GCancellable *cancellable,
            GError **error)
{
  g_autofree CollateScorerPair *sp = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  const char *ids[2] = { collate_document_get_id (w->sides[0].document),
                         collate_document_get_id (w->sides[1].document) };

  if (pairs->len == 0)
    return TRUE;
  sp = g_new0 (CollateScorerPair, pairs->len);
  for (guint i = 0; i < pairs->len; i++)
    {
      const CollateAlignedPair *p = &g_array_index (pairs, CollateAlignedPair, i);
      char *premise = quote_of (&w->sides[0], p->start[0], p->end[0]);
      char *hypothesis = quote_of (&w->sides[1], p->start[1], p->end[1]);

      g_ptr_array_add (texts, premise);
      g_ptr_array_add (texts, hypothesis);
      sp[i].premise = premise;
      sp[i].hypothesis = hypothesis;
      sp[i].kind = NULL;
      sp[i].document_a = ids[0];
      sp[i].start_a = p->start[0];
      sp[i].end_a = p->end[0];
      sp[i].document_b = ids[1];
      sp[i].start_b = p->start[1];
      sp[i].end_b = p->end[1];
    }

  if (!collate_scorer_run ((const char * const *) w->input->options.scorer_argv, sp, pairs->len,
                           w->input->options.scorer_timeout_ms ? w->input->options.scorer_timeout_ms
                                                               : DEFAULT_SCORER_TIMEOUT_MS,
                           cancellable, error))
    return FALSE;

  for (guint i = 0; i < pairs->len; i++)
    {
      const CollateAlignedPair *p = &g_array_index (pairs, CollateAlignedPair, i);
      g_autofree char *reason = NULL;
      g_autofree char *agree_key = suggestion_key (COLLATE_SUGGESTION_AGREEMENT, p->start[0], p->end[0],
                                                   p->start[1], p->end[1]);

      switch (sp[i].label)
        {
        case COLLATE_SCORE_CONTRADICTION:
          g_hash_table_remove (w->found, agree_key);
          if (g_array_index (conflicts_per_pair, guint, i) == 0)
            {
              reason = g_strdup_printf (_("the scorer reads a contradiction (%.2f)"), sp[i].score);
              add_suggestion (w, COLLATE_SUGGESTION_CONTRADICTION, sp[i].score, reason,
                              COLLATE_LINK_CONTRADICTS, p->start[0], p->end[0], NULL,
                              p->start[1], p->end[1], NULL);
            }
          break;
        case COLLATE_SCORE_ENTAILMENT:
          if (g_array_index (conflicts_per_pair, guint, i) == 0)
            {
              reason = g_strdup_printf (_("the scorer reads the same claim (%.2f)"), sp[i].score);
              g_hash_table_remove (w->found, agree_key);
              add_suggestion (w, COLLATE_SUGGESTION_AGREEMENT, sp[i].score, reason,
                              COLLATE_LINK_CORROBORATES, p->start[0], p->end[0], NULL,
                              p->start[1], p->end[1], NULL);
            }
          break;
        case COLLATE_SCORE_NEUTRAL:
        default:
          /* neither: no agreement from word overlap alone */
          g_hash_table_remove (w->found, agree_key);
          break;
        }
    }
  return TRUE;
}

/* ── Agreements ── */

static void
collect_plain_term (const char *term,
                    float       boost,
                    gpointer    user_data)
{
  /* names and numbers are boosted; the plain words say what happened */
  if (boost == 1.0f)
    g_hash_table_add (user_data, g_strdup (term));
}

/* Two passages agree on a claim when they share what is said, not only who
 * it is about: at least three plain words (not names or numbers) */
static gboolean
shares_words (Work                     *w,
              const CollateAlignedPair *pair)
{
  g_autoptr(GHashTable) a = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) b = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer term;
  guint shared = 0;

  collate_terms_foreach (w->sides[0].text,
                         collate_document_char_to_byte (w->sides[0].document, pair->start[0]),
                         collate_document_char_to_byte (w->sides[0].document, pair->end[0]),
                         collect_plain_term, a);
  collate_terms_foreach (w->sides[1].text,
                         collate_document_char_to_byte (w->sides[1].document, pair->start[1]),
                         collate_document_char_to_byte (w->sides[1].document, pair->end[1]),
                         collect_plain_term, b);
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &term, NULL))
    shared += g_hash_table_contains (b, term);
  return shared >= 3;
}

/* ── The whole ── */

static gboolean
is_reviewed (Input             *input,
             CollateSuggestion *s)
{
  for (guint i = 0; i < input->reviews->len; i++)
    if (collate_review_matches (g_ptr_array_index (input->reviews, i),
                                collate_suggestion_get_kind_name (s),
                                collate_suggestion_get_document_id (s, 0),
                                collate_suggestion_get_start (s, 0), collate_suggestion_get_end (s, 0),
                                collate_suggestion_get_document_id (s, 1),
                                collate_suggestion_get_start (s, 1), collate_suggestion_get_end (s, 1)))
      return TRUE;
  return FALSE;
}

static int
suggestion_ptr_compare (gconstpointer a,
                        gconstpointer b)
{
  return collate_suggestion_compare (*(CollateSuggestion **) a, *(CollateSuggestion **) b);
}

static CollateComparison *
compare_run (Input        *input,
             GCancellable *cancellable,
             GError      **error)
{
  g_autoptr(CollateComparison) result = g_object_new (COLLATE_TYPE_COMPARISON, NULL);
  g_autoptr(GArray) conflicts_per_pair = NULL;
  g_autoptr(GPtrArray) list = NULL;
  Work w = { 0 };
  GHashTableIter iter;
  gpointer value;
  gboolean ok = TRUE;

  w.input = input;
  w.found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  for (guint side = 0; side < 2; side++)
    {
      SideData *s = &w.sides[side];

      s->document = input->documents[side];
      s->text = collate_document_get_text (s->document);
      s->sentences = collate_sentences_split_document (s->document);
      s->tokens = collate_tokenize (s->text, (gssize) collate_document_get_byte_length (s->document));
      s->quantities = collate_quantities_find (s->text, (gssize) collate_document_get_byte_length (s->document));
      result->documents[side] = g_object_ref (s->document);
      result->sentences[side] = g_array_ref (s->sentences);
    }

  result->pairs = collate_align_sentences (w.sides[0].document, w.sides[0].sentences,
                                           w.sides[1].document, w.sides[1].sentences,
                                           0, cancellable);
  if (result->pairs == NULL)
    {
      ok = FALSE;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("the comparison was cancelled"));
      goto out;
    }

  conflicts_per_pair = g_array_sized_new (FALSE, TRUE, sizeof (guint), result->pairs->len);
  for (guint i = 0; i < result->pairs->len; i++)
    {
      const CollateAlignedPair *p = &g_array_index (result->pairs, CollateAlignedPair, i);
      guint n_equal = 0, conflicts = 0;

      if ((i & 255) == 0 && g_cancellable_is_cancelled (cancellable))
        {
          ok = FALSE;
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("the comparison was cancelled"));
          goto out;
        }
      conflicts += compare_quantities (&w, p, &n_equal);
      conflicts += compare_negation (&w, p);
      conflicts += compare_names (&w, p);
      g_array_append_val (conflicts_per_pair, conflicts);

      if (conflicts == 0 && p->score >= AGREEMENT_MIN_SCORE && shares_words (&w, p))
        {
          g_autofree char *reason = g_strdup_printf (_("the two passages say much the same (similarity %.2f%s)"),
                                                     p->score, n_equal ? _(", the same figures") : "");

          add_suggestion (&w, COLLATE_SUGGESTION_AGREEMENT,
                          MIN (0.95, p->score + (n_equal ? 0.1 : 0)), reason,
                          COLLATE_LINK_CORROBORATES, p->start[0], p->end[0], NULL,
                          p->start[1], p->end[1], NULL);
        }
    }

  find_same_entities (&w);

  if (input->options.scorer_argv != NULL && input->options.scorer_argv[0] != NULL
      && !run_scorer (&w, result->pairs, conflicts_per_pair, cancellable, error))
    {
      ok = FALSE;
      goto out;
    }

  list = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_iter_init (&iter, w.found);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CollateSuggestion *s = value;
      CollateSuggestionKind kind = collate_suggestion_get_kind (s);

      if (input->options.kinds != 0 && !(input->options.kinds & (1u << kind)))
        continue;
      if (collate_suggestion_get_confidence (s) < input->options.min_confidence)
        continue;
      if (!input->options.include_reviewed && is_reviewed (input, s))
        continue;
      g_ptr_array_add (list, g_object_ref (s));
    }
  g_ptr_array_sort (list, suggestion_ptr_compare);
  g_list_store_splice (result->suggestions, 0, 0, list->pdata, list->len);

out:
  for (guint side = 0; side < 2; side++)
    {
      g_clear_pointer (&w.sides[side].sentences, g_array_unref);
      g_clear_pointer (&w.sides[side].tokens, g_array_unref);
      g_clear_pointer (&w.sides[side].quantities, g_array_unref);
    }
  g_hash_table_unref (w.found);

  return ok ? g_steal_pointer (&result) : NULL;
}

static void
compare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  CollateComparison *result = compare_run (task_data, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, g_object_unref);
}

void
collate_compare_async (CollateProject              *project,
                       const char                  *document_a,
                       const char                  *document_b,
                       const CollateCompareOptions *options,
                       GCancellable                *cancellable,
                       GAsyncReadyCallback          callback,
                       gpointer                     user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Input *input;

  g_return_if_fail (COLLATE_IS_PROJECT (project));

  task = g_task_new (project, cancellable, callback, user_data);
  g_task_set_source_tag (task, collate_compare_async);
  input = input_new (project, document_a, document_b, options, &error);
  if (input == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, input, (GDestroyNotify) input_free);
  g_task_run_in_thread (task, compare_thread);
}

CollateComparison *
collate_compare_finish (GAsyncResult *result,
                        GError      **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == collate_compare_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

CollateComparison *
collate_compare (CollateProject              *project,
                 const char                  *document_a,
                 const char                  *document_b,
                 const CollateCompareOptions *options,
                 GCancellable                *cancellable,
                 GError                     **error)
{
  Input *input;
  CollateComparison *result;

  g_return_val_if_fail (COLLATE_IS_PROJECT (project), NULL);

  input = input_new (project, document_a, document_b, options, error);
  if (input == NULL)
    return NULL;
  result = compare_run (input, cancellable, error);
  input_free (input);
  return result;
}
