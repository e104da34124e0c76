/* bench-compare.c — how fast two large reports are compared
 *
 * Generates two documents of N MB (default 5) of news-like sentences: words
 * drawn from a vocabulary of 20,000 with Zipf's law, names, numbers and
 * durations.  Half of the second document retells sentences of the first
 * in another order with a third of their words changed; the rest is new.
 * Times the sentence split of both, the alignment, and the whole
 * comparison (sentences, alignment, quantities and every kind of
 * suggestion), and reports the peak RSS.
 *
 *   bench-compare [--megabytes N]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "collate.h"

#define SEED       20261205
#define VOCABULARY 20000

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

/* CPU time of the process: on a busy machine, what the work itself costs */
static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
peak_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  return line ? g_ascii_strtod (line + strlen ("VmHWM:"), NULL) / 1024.0 : 0;
}

static const char *const syllables[] = {
  "ka", "ro", "mi", "te", "lu", "san", "dor", "vel", "ni", "pa", "str", "ova", "ein", "gar",
  "ul", "fe", "zi", "mon", "ta", "qu", "ber", "is", "an", "ko", "le",
};

static char *
make_word (GRand   *rand,
           gboolean capital)
{
  GString *w = g_string_new (NULL);
  int n = g_rand_int_range (rand, 1, 4);

  for (int i = 0; i < n; i++)
    g_string_append (w, syllables[g_rand_int_range (rand, 0, G_N_ELEMENTS (syllables))]);
  if (capital)
    w->str[0] = g_ascii_toupper (w->str[0]);
  return g_string_free (w, FALSE);
}

/* A word of rank r with probability ∝ 1/r: @cumulative[r] is the sum of
 * 1/k for k ≤ r + 1 */
static const char *
zipf_word (GRand     *rand,
           GPtrArray *vocabulary,
           double    *cumulative)
{
  double x = g_rand_double (rand) * cumulative[vocabulary->len - 1];
  guint lo = 0, hi = vocabulary->len - 1;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (cumulative[mid] < x)
        lo = mid + 1;
      else
        hi = mid;
    }
  return g_ptr_array_index (vocabulary, lo);
}

static char *
make_sentence (GRand     *rand,
               GPtrArray *vocabulary,
               GPtrArray *names,
               double    *harmonic)
{
  GString *s = g_string_new (NULL);
  int n = g_rand_int_range (rand, 10, 28);

  for (int i = 0; i < n; i++)
    {
      int what = g_rand_int_range (rand, 0, 100);

      if (i > 0)
        g_string_append_c (s, ' ');
      if (what < 8)
        g_string_append (s, g_ptr_array_index (names, g_rand_int_range (rand, 0, names->len)));
      else if (what < 10)
        g_string_append_printf (s, "%d", g_rand_int_range (rand, 2, 5000));
      else if (what < 11)
        g_string_append_printf (s, "%s hours", (const char *[]) { "three", "four", "over five", "nearly six" }
                                [g_rand_int_range (rand, 0, 4)]);
      else
        g_string_append (s, zipf_word (rand, vocabulary, harmonic));
    }
  s->str[0] = g_ascii_toupper (s->str[0]);
  g_string_append (s, g_rand_int_range (rand, 0, 8) == 0 ? ".\n" : ". ");
  return g_string_free (s, FALSE);
}

/* A sentence told again: a third of its words changed */
static char *
retell (GRand      *rand,
        const char *sentence,
        GPtrArray  *vocabulary,
        double     *harmonic)
{
  g_auto(GStrv) words = g_strsplit (sentence, " ", -1);
  GString *s = g_string_new (NULL);

  for (guint i = 0; words[i]; i++)
    {
      if (i > 0)
        g_string_append_c (s, ' ');
      if (g_rand_int_range (rand, 0, 3) == 0 && words[i + 1] != NULL)
        g_string_append (s, zipf_word (rand, vocabulary, harmonic));
      else
        g_string_append (s, words[i]);
    }
  return g_string_free (s, FALSE);
}

int
main (int    argc,
      char **argv)
{
  int megabytes = 5;
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(GPtrArray) vocabulary = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sentences = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) a = g_string_new (NULL);
  g_autoptr(GString) b = g_string_new (NULL);
  g_autoptr(CollateProject) project = collate_project_new ("bench", NULL);
  g_autoptr(CollateDocument) da = NULL;
  g_autoptr(CollateDocument) db = NULL;
  g_autoptr(GArray) sa = NULL;
  g_autoptr(GArray) sb = NULL;
  g_autoptr(GArray) pairs = NULL;
  g_autoptr(CollateComparison) comparison = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *harmonic = g_new (double, VOCABULARY);
  double sum = 0, t_split, t_align, t_compare, c_split, c_align, c_compare, c0;
  gsize size;
  gint64 start;

  setlocale (LC_ALL, "");
  for (int i = 1; i + 1 < argc; i++)
    if (g_str_equal (argv[i], "--megabytes"))
      megabytes = atoi (argv[++i]);
  size = (gsize) megabytes * 1000 * 1000;

  for (guint r = 1; r <= VOCABULARY; r++)
    {
      g_ptr_array_add (vocabulary, make_word (rand, FALSE));
      sum += 1.0 / r;
      harmonic[r - 1] = sum;
    }
  for (guint i = 0; i < 2000; i++)
    g_ptr_array_add (names, make_word (rand, TRUE));

  while (a->len < size)
    {
      char *sentence = make_sentence (rand, vocabulary, names, harmonic);

      g_string_append (a, sentence);
      g_ptr_array_add (sentences, sentence);
    }
  while (b->len < size)
    {
      if (g_rand_boolean (rand))
        {
          const char *old = g_ptr_array_index (sentences, g_rand_int_range (rand, 0, sentences->len));
          g_autofree char *told = retell (rand, old, vocabulary, harmonic);

          g_string_append (b, told);
        }
      else
        {
          g_autofree char *sentence = make_sentence (rand, vocabulary, names, harmonic);

          g_string_append (b, sentence);
        }
    }

  da = collate_document_new ("d1", "A", "", a->str, (gssize) a->len, &error);
  db = collate_document_new ("d2", "B", "", b->str, (gssize) b->len, &error);
  g_assert_no_error (error);
  collate_project_add_document (project, da, NULL);
  collate_project_add_document (project, db, NULL);

  start = g_get_monotonic_time ();
  c0 = cpu_seconds ();
  sa = collate_sentences_split_document (da);
  sb = collate_sentences_split_document (db);
  t_split = seconds_since (start);
  c_split = cpu_seconds () - c0;

  start = g_get_monotonic_time ();
  c0 = cpu_seconds ();
  pairs = collate_align_sentences (da, sa, db, sb, 0, NULL);
  t_align = seconds_since (start);
  c_align = cpu_seconds () - c0;

  start = g_get_monotonic_time ();
  c0 = cpu_seconds ();
  comparison = collate_compare (project, "d1", "d2", NULL, NULL, &error);
  t_compare = seconds_since (start);
  c_compare = cpu_seconds () - c0;
  g_assert_no_error (error);

  printf ("Collate compare benchmark: two documents of %d MB (%u and %u sentences)\n\n",
          megabytes, sa->len, sb->len);
  printf ("  %-40s %9s %9s\n", "Measure", "wall", "CPU");
  printf ("  %-40s %7.2f s %7.2f s\n", "Split both into sentences (ICU)", t_split, c_split);
  printf ("  %-40s %7.2f s %7.2f s   (%u pairs)\n", "Align the sentences", t_align, c_align, pairs->len);
  printf ("  %-40s %7.2f s %7.2f s   (%u suggestions)\n", "Whole comparison (split, align, suggest)",
          t_compare, c_compare,
          g_list_model_get_n_items (collate_comparison_get_suggestions (comparison)));
  printf ("  %-40s %8.0f MB\n", "Peak memory (RSS)", peak_rss_mb ());
  return 0;
}
