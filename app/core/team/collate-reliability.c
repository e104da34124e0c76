/* collate-reliability.c — kappa, alpha and unitizing alpha
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "collate-reliability.h"

/* ── Codings ──────────────────────────────────────────────────────────── */

struct _CollateCoding
{
  guint       n_coders;
  GArray     *values;      /* guint: row × coder → category index */
  GArray     *weights;     /* guint64 per row: how many items it stands for; NULL: 1 each */
  GArray     *item_rows;   /* guint per item: its row; NULL: item i is row i */
  guint64     n_items;
  GPtrArray  *categories;  /* index → name (owned) */
  GHashTable *index;       /* name (borrowed) → index + 1 */
};

CollateCoding *
collate_coding_new (guint n_coders)
{
  CollateCoding *coding = g_new0 (CollateCoding, 1);

  g_return_val_if_fail (n_coders > 0, NULL);

  coding->n_coders = n_coders;
  coding->values = g_array_new (FALSE, FALSE, sizeof (guint));
  coding->categories = g_ptr_array_new_with_free_func (g_free);
  coding->index = g_hash_table_new (g_str_hash, g_str_equal);

  return coding;
}

void
collate_coding_free (CollateCoding *coding)
{
  if (coding == NULL)
    return;
  g_array_unref (coding->values);
  g_clear_pointer (&coding->weights, g_array_unref);
  g_clear_pointer (&coding->item_rows, g_array_unref);
  g_hash_table_unref (coding->index);
  g_ptr_array_unref (coding->categories);
  g_free (coding);
}

static guint
category_index (CollateCoding *coding,
                const char    *name)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (coding->index, name));

  if (index == 0)
    {
      char *copy = g_strdup (name);

      g_ptr_array_add (coding->categories, copy);
      index = coding->categories->len;
      g_hash_table_insert (coding->index, copy, GUINT_TO_POINTER (index));
    }

  return index - 1;
}

void
collate_coding_add_item (CollateCoding     *coding,
                         const char *const *categories)
{
  g_return_if_fail (coding->weights == NULL);

  for (guint c = 0; c < coding->n_coders; c++)
    {
      guint index = category_index (coding, categories[c]);

      g_array_append_val (coding->values, index);
    }
  coding->n_items++;
}

guint
collate_coding_add_category (CollateCoding *coding,
                             const char    *name)
{
  return category_index (coding, name);
}

void
collate_coding_set_rows (CollateCoding *coding,
                         const guint   *indices,
                         const guint64 *weights,
                         gsize          n_rows,
                         GArray        *item_rows)
{
  g_return_if_fail (coding->values->len == 0);

  for (gsize k = 0; k < n_rows * coding->n_coders; k++)
    g_return_if_fail (indices[k] < coding->categories->len);
  g_array_append_vals (coding->values, indices, n_rows * coding->n_coders);
  coding->weights = g_array_sized_new (FALSE, FALSE, sizeof (guint64), n_rows);
  g_array_append_vals (coding->weights, weights, n_rows);
  for (gsize r = 0; r < n_rows; r++)
    coding->n_items += weights[r];
  if (item_rows != NULL)
    {
      g_return_if_fail (item_rows->len == coding->n_items);
      coding->item_rows = g_array_ref (item_rows);
    }
}

guint
collate_coding_get_n_items (CollateCoding *coding)
{
  return (guint) coding->n_items;
}

guint
collate_coding_get_n_coders (CollateCoding *coding)
{
  return coding->n_coders;
}

static inline guint
n_rows (CollateCoding *coding)
{
  return coding->values->len / coding->n_coders;
}

static inline guint64
weight_of (CollateCoding *coding,
           guint          row)
{
  return coding->weights ? g_array_index (coding->weights, guint64, row) : 1;
}

static inline guint
value_at (CollateCoding *coding,
          guint          row,
          guint          coder)
{
  return g_array_index (coding->values, guint, (gsize) row * coding->n_coders + coder);
}

const char *
collate_coding_get_category (CollateCoding *coding,
                             guint          item,
                             guint          coder)
{
  guint row = item;

  g_return_val_if_fail (item < coding->n_items, NULL);
  g_return_val_if_fail (coder < coding->n_coders, NULL);

  if (coding->item_rows != NULL)
    row = g_array_index (coding->item_rows, guint, item);
  else if (coding->weights != NULL)
    {
      /* without a map, items are the rows' in turn */
      guint64 seen = 0;

      for (row = 0; seen + weight_of (coding, row) <= item; row++)
        seen += weight_of (coding, row);
    }
  return g_ptr_array_index (coding->categories, value_at (coding, row, coder));
}

/* 1 − Ae too close to 0 to divide by: chance agreement is total */
static gboolean
no_room_for_chance (double expected_agreement)
{
  return 1.0 - expected_agreement < 1e-12;
}

double
collate_coding_observed_agreement (CollateCoding *coding,
                                   guint          a,
                                   guint          b)
{
  guint64 same = 0;

  g_return_val_if_fail (a < coding->n_coders && b < coding->n_coders, NAN);

  if (coding->n_items == 0)
    return NAN;
  for (guint r = 0; r < n_rows (coding); r++)
    if (value_at (coding, r, a) == value_at (coding, r, b))
      same += weight_of (coding, r);

  return (double) same / coding->n_items;
}

double
collate_coding_cohen_kappa (CollateCoding *coding,
                            guint          a,
                            guint          b)
{
  double n = (double) coding->n_items;
  guint k = coding->categories->len;
  g_autofree guint64 *count_a = NULL;
  g_autofree guint64 *count_b = NULL;
  double observed, expected = 0;

  g_return_val_if_fail (a < coding->n_coders && b < coding->n_coders, NAN);

  if (coding->n_items == 0 || a == b)
    return NAN;

  count_a = g_new0 (guint64, k);
  count_b = g_new0 (guint64, k);
  for (guint r = 0; r < n_rows (coding); r++)
    {
      count_a[value_at (coding, r, a)] += weight_of (coding, r);
      count_b[value_at (coding, r, b)] += weight_of (coding, r);
    }
  for (guint c = 0; c < k; c++)
    expected += ((double) count_a[c] / n) * ((double) count_b[c] / n);
  observed = collate_coding_observed_agreement (coding, a, b);

  if (no_room_for_chance (expected))
    return NAN;
  return (observed - expected) / (1.0 - expected);
}

/* For each row: how many coders chose each category (through @in_row, left
 * zeroed), adding them to @total; returns Σ n(n − 1) and puts Σ n² in @squares */
static guint64
row_pairs (CollateCoding *coding,
           guint          row,
           guint         *in_row,
           double        *total,
           double        *squares)
{
  guint64 pairs = 0;
  double w = (double) weight_of (coding, row);

  *squares = 0;
  for (guint c = 0; c < coding->n_coders; c++)
    in_row[value_at (coding, row, c)]++;
  for (guint c = 0; c < coding->n_coders; c++)
    {
      guint v = value_at (coding, row, c);

      if (in_row[v] > 0)
        {
          pairs += (guint64) in_row[v] * (in_row[v] - 1);
          *squares += (double) in_row[v] * in_row[v];
          total[v] += w * in_row[v];
          in_row[v] = 0;
        }
    }
  return pairs;
}

double
collate_coding_fleiss_kappa (CollateCoding *coding)
{
  guint m = coding->n_coders;
  guint k = coding->categories->len;
  g_autofree double *total = NULL;
  g_autofree guint *in_row = NULL;
  double agreement = 0, expected = 0, squares;

  if (coding->n_items == 0 || m < 2)
    return NAN;

  total = g_new0 (double, k);
  in_row = g_new0 (guint, k);
  for (guint r = 0; r < n_rows (coding); r++)
    {
      guint64 pairs = row_pairs (coding, r, in_row, total, &squares);

      agreement += (double) weight_of (coding, r) * pairs / ((double) m * (m - 1));
    }
  agreement /= coding->n_items;
  for (guint c = 0; c < k; c++)
    {
      double p = total[c] / ((double) coding->n_items * m);

      expected += p * p;
    }

  if (no_room_for_chance (expected))
    return NAN;
  return (agreement - expected) / (1.0 - expected);
}

double
collate_coding_alpha_nominal (CollateCoding *coding)
{
  guint m = coding->n_coders;
  guint k = coding->categories->len;
  g_autofree double *total = NULL;
  g_autofree guint *in_row = NULL;
  double values, observed = 0, expected, sum_squares = 0, squares;

  if (coding->n_items == 0 || m < 2)
    return NAN;

  /* Every item is coded by all m coders, so every value is pairable */
  values = (double) coding->n_items * m;
  total = g_new0 (double, k);
  in_row = g_new0 (guint, k);
  for (guint r = 0; r < n_rows (coding); r++)
    {
      row_pairs (coding, r, in_row, total, &squares);
      /* Σ over ordered pairs of different values in the item, n_uc·n_uk */
      observed += (double) weight_of (coding, r) * ((double) m * m - squares) / (m - 1);
    }
  observed /= values;
  for (guint c = 0; c < k; c++)
    sum_squares += total[c] * total[c];
  expected = (values * values - sum_squares) / (values * (values - 1));

  if (expected < 1e-12)
    return NAN;
  return 1.0 - observed / expected;
}

/* ── Unitizings ───────────────────────────────────────────────────────── */

typedef struct
{
  guint64 start;
  guint64 end;
} Range;

typedef struct
{
  guint64 start;
  guint64 end;
  gboolean unit;
} Section;

struct _CollateUnitizing
{
  guint       n_coders;
  guint64     length;
  GHashTable *categories;  /* name → GArray *[n_coders] of Range */
  GHashTable *sums;        /* name → long double[2]: its observed and expected
                            * disagreement, once computed (until a unit is added) */
};

static void
ranges_free (gpointer data)
{
  GArray **ranges = data;

  for (guint c = 0; ranges[c] != NULL; c++)
    g_array_unref (ranges[c]);
  g_free (ranges);
}

CollateUnitizing *
collate_unitizing_new (guint   n_coders,
                       guint64 length)
{
  CollateUnitizing *unitizing = g_new0 (CollateUnitizing, 1);

  g_return_val_if_fail (n_coders > 0, NULL);

  unitizing->n_coders = n_coders;
  unitizing->length = length;
  unitizing->categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, ranges_free);
  unitizing->sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return unitizing;
}

void
collate_unitizing_free (CollateUnitizing *unitizing)
{
  if (unitizing == NULL)
    return;
  g_hash_table_unref (unitizing->categories);
  g_hash_table_unref (unitizing->sums);
  g_free (unitizing);
}

void
collate_unitizing_add_unit (CollateUnitizing *unitizing,
                            guint             coder,
                            guint64           start,
                            guint64           end,
                            const char       *category)
{
  GArray **ranges;
  Range range = { start, end };

  g_return_if_fail (coder < unitizing->n_coders);
  g_return_if_fail (start < end && end <= unitizing->length);
  g_return_if_fail (category != NULL);

  ranges = g_hash_table_lookup (unitizing->categories, category);
  if (ranges == NULL)
    {
      ranges = g_new0 (GArray *, unitizing->n_coders + 1);
      for (guint c = 0; c < unitizing->n_coders; c++)
        ranges[c] = g_array_new (FALSE, FALSE, sizeof (Range));
      g_hash_table_insert (unitizing->categories, g_strdup (category), ranges);
    }
  g_array_append_val (ranges[coder], range);
  g_hash_table_remove_all (unitizing->sums);
}

static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

const char **
collate_unitizing_get_categories (CollateUnitizing *unitizing)
{
  guint n = 0;
  const char **names = (const char **) g_hash_table_get_keys_as_array (unitizing->categories, &n);

  qsort (names, n, sizeof (char *), compare_names);
  return names;
}

static int
range_compare (gconstpointer a,
               gconstpointer b)
{
  const Range *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return 0;
}

/* One coder's sections for one category: its units (overlapping ones
 * joined; touching ones stay two) and the gaps between them, covering [0, length) */
static GArray *
sections_of (GArray  *ranges,
             guint64  length)
{
  GArray *sections = g_array_new (FALSE, FALSE, sizeof (Section));
  g_autoptr(GArray) sorted = g_array_copy (ranges);
  guint64 at = 0;

  g_array_sort (sorted, range_compare);
  for (guint i = 0; i < sorted->len;)
    {
      Range *r = &g_array_index (sorted, Range, i);
      Section unit = { r->start, r->end, TRUE };

      for (i++; i < sorted->len && g_array_index (sorted, Range, i).start < unit.end; i++)
        unit.end = MAX (unit.end, g_array_index (sorted, Range, i).end);
      if (unit.start > at)
        {
          Section gap = { at, unit.start, FALSE };

          g_array_append_val (sections, gap);
        }
      g_array_append_val (sections, unit);
      at = unit.end;
    }
  if (at < length)
    {
      Section gap = { at, length, FALSE };

      g_array_append_val (sections, gap);
    }

  return sections;
}

/* Krippendorff's δ² between two overlapping sections of two coders */
static long double
distance (const Section *g,
          const Section *h)
{
  if (g->unit && h->unit)
    {
      long double ds = (long double) g->start - h->start;
      long double de = (long double) g->end - h->end;

      return ds * ds + de * de;
    }
  if (g->unit && !h->unit && h->start <= g->start && g->end <= h->end)
    return (long double) (g->end - g->start) * (g->end - g->start);
  if (!g->unit && h->unit && g->start <= h->start && h->end <= g->end)
    return (long double) (h->end - h->start) * (h->end - h->start);
  return 0;
}

static int
length_compare (gconstpointer a,
                gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

static void
category_disagreement (CollateUnitizing *unitizing,
                       GArray          **ranges,
                       long double      *observed,
                       long double      *expected)
{
  guint m = unitizing->n_coders;
  long double length = (long double) unitizing->length;
  g_autoptr(GPtrArray) sections = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autofree long double *gap_tail = NULL;  /* Σ (l_h + 1) over gaps from here up */
  long double sum = 0, within_units = 0, pairs;
  guint64 n_units = 0;

  for (guint c = 0; c < m; c++)
    g_ptr_array_add (sections, sections_of (ranges[c], unitizing->length));

  /* Observed: every pair of coders, every pair of overlapping sections;
   * both coders' sections tile the continuum, so a merge visits them all */
  for (guint i = 0; i < m; i++)
    for (guint j = i + 1; j < m; j++)
      {
        GArray *a = g_ptr_array_index (sections, i);
        GArray *b = g_ptr_array_index (sections, j);
        guint p = 0, q = 0;

        while (p < a->len && q < b->len)
          {
            const Section *g = &g_array_index (a, Section, p);
            const Section *h = &g_array_index (b, Section, q);

            sum += distance (g, h);
            if (g->end <= h->end)
              p++;
            if (h->end <= g->end)
              q++;
          }
      }
  *observed = 2 * sum / ((long double) m * (m - 1) * length * length);

  /* Expected: each unit against every other unit and every gap long enough
   * to hold it, over all coders */
  for (guint c = 0; c < m; c++)
    {
      GArray *s = g_ptr_array_index (sections, c);

      for (guint k = 0; k < s->len; k++)
        {
          const Section *section = &g_array_index (s, Section, k);
          guint64 l = section->end - section->start;

          if (section->unit)
            {
              n_units++;
              within_units += (long double) l * (l - 1);
            }
          else
            g_array_append_val (gaps, l);
        }
    }
  g_array_sort (gaps, length_compare);
  gap_tail = g_new0 (long double, gaps->len + 1);
  for (guint k = gaps->len; k > 0; k--)
    gap_tail[k - 1] = gap_tail[k] + g_array_index (gaps, guint64, k - 1) + 1;

  sum = 0;
  for (guint c = 0; c < m; c++)
    {
      GArray *s = g_ptr_array_index (sections, c);

      for (guint k = 0; k < s->len; k++)
        {
          const Section *section = &g_array_index (s, Section, k);
          long double l = section->end - section->start;
          guint lo = 0, hi = gaps->len;

          if (!section->unit)
            continue;
          /* first gap at least l long */
          while (lo < hi)
            {
              guint mid = lo + (hi - lo) / 2;

              if ((long double) g_array_index (gaps, guint64, mid) < l)
                lo = mid + 1;
              else
                hi = mid;
            }
          sum += (n_units - 1) * (2 * l * l * l - 3 * l * l + l) / 3;
          sum += l * l * (gap_tail[lo] - l * (gaps->len - lo));
        }
    }
  pairs = m * length * (m * length - 1) - within_units;
  *expected = pairs > 0 ? 2 * sum / length / pairs : 0;
}

/* category_disagreement() of a category, computed once: the alpha of
 * every label and then of all of them asks for each twice */
static void
category_sums (CollateUnitizing *unitizing,
               const char       *category,
               long double      *observed,
               long double      *expected)
{
  long double *sums = g_hash_table_lookup (unitizing->sums, category);

  if (sums == NULL)
    {
      sums = g_new (long double, 2);
      category_disagreement (unitizing, g_hash_table_lookup (unitizing->categories, category),
                             &sums[0], &sums[1]);
      g_hash_table_insert (unitizing->sums, g_strdup (category), sums);
    }
  *observed = sums[0];
  *expected = sums[1];
}

double
collate_unitizing_alpha (CollateUnitizing *unitizing,
                         const char       *category,
                         double           *observed,
                         double           *expected)
{
  long double sum_observed = 0, sum_expected = 0;

  if (unitizing->n_coders >= 2 && unitizing->length > 0)
    {
      if (category != NULL)
        {
          if (g_hash_table_contains (unitizing->categories, category))
            category_sums (unitizing, category, &sum_observed, &sum_expected);
        }
      else
        {
          g_autofree const char **names = collate_unitizing_get_categories (unitizing);

          /* In order of name, so that the sums are the same every time */
          for (guint i = 0; names[i] != NULL; i++)
            {
              long double o, e;

              category_sums (unitizing, names[i], &o, &e);
              sum_observed += o;
              sum_expected += e;
            }
        }
    }

  if (observed != NULL)
    *observed = (double) sum_observed;
  if (expected != NULL)
    *expected = (double) sum_expected;
  if (!(sum_expected > 0))
    return NAN;
  return (double) (1 - sum_observed / sum_expected);
}
