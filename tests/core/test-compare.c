/* test-compare.c — sentences, alignment, intervals, suggestions, decisions, the scorer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <collate.h>
#include <math.h>
#include <string.h>

/* ── helpers ── */

static char *
slice (const char *text,
       guint       start,
       guint       end)
{
  const char *a = g_utf8_offset_to_pointer (text, start);
  const char *b = g_utf8_offset_to_pointer (text, end);

  return g_strndup (a, (gsize) (b - a));
}

/* The sentences of @text joined by " | " */
static char *
sentences_of (const char *text)
{
  g_autoptr(GArray) sentences = collate_sentences_split (text, -1);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < sentences->len; i++)
    {
      const CollateRange *r = &g_array_index (sentences, CollateRange, i);
      g_autofree char *part = slice (text, r->start, r->end);

      if (i > 0)
        g_string_append (s, " | ");
      g_string_append (s, part);
    }
  return g_string_free (s, FALSE);
}

static CollateProject *
project_of (const char *text_a,
            const char *text_b)
{
  g_autoptr(CollateDocument) a = collate_document_new ("d1", "One", "", text_a, -1, NULL);
  g_autoptr(CollateDocument) b = collate_document_new ("d2", "Two", "", text_b, -1, NULL);
  CollateProject *project = collate_project_new ("Compare", NULL);

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_true (collate_project_add_document (project, a, NULL));
  g_assert_true (collate_project_add_document (project, b, NULL));
  return project;
}

static char *
read_sample (const char *name)
{
  const char *dir = g_getenv ("COLLATE_SAMPLES_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_nonnull (dir);
  path = g_build_filename (dir, name, NULL);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static CollateProject *
sample_project (void)
{
  g_autofree char *one = read_sample ("witkoff-putin-report-1.txt");
  g_autofree char *two = read_sample ("witkoff-putin-report-2.txt");

  return project_of (one, two);
}

static CollateComparison *
compare (CollateProject *project,
         guint           kinds)
{
  CollateCompareOptions options;
  g_autoptr(GError) error = NULL;
  CollateComparison *comparison;

  collate_compare_options_init (&options);
  options.kinds = kinds;
  comparison = collate_compare (project, "d1", "d2", &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (comparison);
  return comparison;
}

/* The first suggestion of @kind whose quotes are @quote_a and @quote_b */
static CollateSuggestion *
find_suggestion (CollateComparison    *comparison,
                 CollateSuggestionKind kind,
                 const char           *quote_a,
                 const char           *quote_b)
{
  GListModel *list = collate_comparison_get_suggestions (comparison);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CollateSuggestion) s = g_list_model_get_item (list, i);

      if (collate_suggestion_get_kind (s) == kind
          && g_str_equal (collate_suggestion_get_quote (s, 0), quote_a)
          && g_str_equal (collate_suggestion_get_quote (s, 1), quote_b))
        return s;  /* the comparison holds a reference */
    }
  return NULL;
}

static void
dump (CollateComparison *comparison)
{
  GListModel *list = collate_comparison_get_suggestions (comparison);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CollateSuggestion) s = g_list_model_get_item (list, i);

      g_test_message ("%s %.3f “%s” | “%s”: %s", collate_suggestion_get_kind_name (s),
                      collate_suggestion_get_confidence (s), collate_suggestion_get_quote (s, 0),
                      collate_suggestion_get_quote (s, 1), collate_suggestion_get_reason (s));
    }
}

/* ── sentences ── */

static void
test_sentences (void)
{
  static const struct { const char *text; const char *expected; } cases[] = {
    { "Mr. Smith met U.S. President Donald Trump. He left at noon.",
      "Mr. Smith met U.S. President Donald Trump. | He left at noon." },
    { "George W. Bush spoke in St. Petersburg. Nobody listened.",
      "George W. Bush spoke in St. Petersburg. | Nobody listened." },
    { "Prices rose 4.5 percent in the U.S. The Fed said nothing.",
      "Prices rose 4.5 percent in the U.S. | The Fed said nothing." },
    { "“Russia has to get moving,” Trump posted. “This war is senseless.” Then he left.",
      "“Russia has to get moving,” Trump posted. | “This war is senseless.” | Then he left." },
    { "Witkoff-Putin Meeting: No Breakthroughs Yet\nFriday’s meeting ended.\n\nA new paragraph",
      "Witkoff-Putin Meeting: No Breakthroughs Yet | Friday’s meeting ended. | A new paragraph" },
    { "Is it over? Yes! It is… mostly.", "Is it over? | Yes! | It is… mostly." },
    { "   ", "" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = sentences_of (cases[i].text);

      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

/* Offsets are code points, exactly: every sentence's text is in the
 * document at its offsets, without white space at either end */
static void
test_sentences_offsets (void)
{
  g_autofree char *text = read_sample ("witkoff-putin-report-1.txt");
  g_autoptr(CollateDocument) document = collate_document_new ("d1", "", "", text, -1, NULL);
  g_autoptr(GArray) sentences = collate_sentences_split_document (document);
  guint previous_end = 0;

  g_assert_cmpuint (sentences->len, >, 30);
  for (guint i = 0; i < sentences->len; i++)
    {
      const CollateRange *r = &g_array_index (sentences, CollateRange, i);
      g_autofree char *part = collate_document_dup_slice (document, r->start, r->end);
      g_autofree char *stripped = g_strstrip (g_strdup (part));

      g_assert_cmpuint (r->start, <, r->end);
      g_assert_cmpuint (r->start, >=, previous_end);
      g_assert_cmpstr (part, ==, stripped);
      g_assert_cmpuint (collate_sentences_lookup (sentences, r->start), ==, i);
      g_assert_cmpuint (collate_sentences_lookup (sentences, r->end - 1), ==, i);
      previous_end = r->end;
    }
  /* the sample's curly quotes and dashes are one code point each */
  {
    const CollateRange *last = &g_array_index (sentences, CollateRange, sentences->len - 1);

    g_assert_cmpuint (last->end, ==, collate_document_get_length (document));
  }
}

/* ── alignment ── */

static const CollateAlignedPair *
pair_covering (GArray *pairs,
               guint   a,
               guint   b)
{
  for (guint i = 0; i < pairs->len; i++)
    {
      const CollateAlignedPair *p = &g_array_index (pairs, CollateAlignedPair, i);

      if (p->start[0] <= a && a < p->end[0] && p->start[1] <= b && b < p->end[1])
        return p;
    }
  return NULL;
}

static guint
offset_of (CollateDocument *document,
           const char      *needle)
{
  const char *text = collate_document_get_text (document);
  const char *at = strstr (text, needle);

  g_assert_nonnull (at);
  return collate_document_byte_to_char (document, (gsize) (at - text));
}

static void
test_align_samples (void)
{
  g_autoptr(CollateProject) project = sample_project ();
  CollateDocument *a = collate_project_get_document (project, 0);
  CollateDocument *b = collate_project_get_document (project, 1);
  g_autoptr(GArray) sa = collate_sentences_split_document (a);
  g_autoptr(GArray) sb = collate_sentences_split_document (b);
  g_autoptr(GArray) pairs = collate_align_sentences (a, sa, b, sb, 0, NULL);
  g_autoptr(GArray) again = collate_align_sentences (a, sa, b, sb, 0, NULL);

  g_assert_nonnull (pair_covering (pairs, offset_of (a, "four-and-a-half-hour"),
                                   offset_of (b, "over four hours")));
  g_assert_nonnull (pair_covering (pairs, offset_of (a, "third official meeting"),
                                   offset_of (b, "third visit")));
  g_assert_nonnull (pair_covering (pairs, offset_of (a, "focused on various aspects"),
                                   offset_of (b, "addressed “various aspects")));
  /* a headline about China does not align with the envoy's length of stay */
  g_assert_null (pair_covering (pairs, offset_of (a, "Witkoff-Putin Meeting: No"),
                                offset_of (b, "third visit")));

  /* deterministic */
  g_assert_cmpuint (pairs->len, ==, again->len);
  g_assert_cmpmem (pairs->data, pairs->len * sizeof (CollateAlignedPair),
                   again->data, again->len * sizeof (CollateAlignedPair));
  for (guint i = 0; i < pairs->len; i++)
    {
      const CollateAlignedPair *p = &g_array_index (pairs, CollateAlignedPair, i);

      g_assert_cmpfloat (p->score, >, 0);
      g_assert_cmpfloat (p->score, <=, 1);
      g_assert_cmpuint (p->start[0], ==, g_array_index (sa, CollateRange, p->first[0]).start);
      g_assert_cmpuint (p->end[1], ==, g_array_index (sb, CollateRange, p->first[1] + p->n[1] - 1).end);
    }
}

/* Not in order, and two sentences against one */
static void
test_align_order_and_groups (void)
{
  g_autoptr(CollateProject) project = project_of (
    "Floodwater reached the cathedral steps in Wroclaw. "
    "The mayor ordered schools closed until Monday. "
    "Volunteers filled sandbags near the old bridge. "
    "The river peaked at 6.4 metres.",
    "The river peaked at 6.4 metres, officials said. "
    "Near the old bridge, volunteers filled sandbags. "
    "In Wroclaw, floodwater reached the cathedral steps and the mayor ordered schools closed until Monday.");
  CollateDocument *a = collate_project_get_document (project, 0);
  CollateDocument *b = collate_project_get_document (project, 1);
  g_autoptr(GArray) sa = collate_sentences_split_document (a);
  g_autoptr(GArray) sb = collate_sentences_split_document (b);
  g_autoptr(GArray) pairs = collate_align_sentences (a, sa, b, sb, 0, NULL);
  const CollateAlignedPair *p;

  p = pair_covering (pairs, offset_of (a, "The river"), offset_of (b, "The river"));
  g_assert_nonnull (p);
  p = pair_covering (pairs, offset_of (a, "Volunteers"), offset_of (b, "Near the old"));
  g_assert_nonnull (p);
  /* many-to-one: both sentences of A against B's last */
  p = pair_covering (pairs, offset_of (a, "Floodwater"), offset_of (b, "In Wroclaw"));
  g_assert_nonnull (p);
  g_assert_cmpuint (p->n[0], ==, 2);
  g_assert_cmpuint (p->n[1], ==, 1);
  g_assert_null (pair_covering (pairs, offset_of (a, "The river"), offset_of (b, "In Wroclaw")));
}

/* ── intervals ── */

static CollateQuantity *
first_quantity (GArray     *all,
                const char *text)
{
  g_assert_cmpuint (all->len, >=, 1);
  (void) text;
  return &g_array_index (all, CollateQuantity, 0);
}

static void
test_quantities (void)
{
  static const struct {
    const char    *text;
    const char    *quote;
    CollateMeasure measure;
    double         low, high;
    const char    *noun;
  } cases[] = {
    { "a four-and-a-half-hour meeting", "four-and-a-half-hour", COLLATE_MEASURE_DURATION, 16200, 16200, "hour" },
    { "for over four hours in", "over four hours", COLLATE_MEASURE_DURATION, 14400, INFINITY, "hour" },
    { "in under an hour", "under an hour", COLLATE_MEASURE_DURATION, 0, 3600, "hour" },
    { "nearly five hours", "nearly five hours", COLLATE_MEASURE_DURATION, 15300, 18000, "hour" },
    { "four hours", "four hours", COLLATE_MEASURE_DURATION, 14400, 18000, "hour" },
    { "two dozen officials", "two dozen officials", COLLATE_MEASURE_COUNT, 24, 24, "official" },
    { "about 30 people", "about 30 people", COLLATE_MEASURE_COUNT, 27, 33, "people" },
    { "hundreds of Chinese nationals", "hundreds of Chinese nationals", COLLATE_MEASURE_COUNT, 200, 999, "national" },
    { "twenty-one soldiers", "twenty-one soldiers", COLLATE_MEASURE_COUNT, 21, 21, "soldier" },
    { "a fine of $3.2 million", "$3.2 million", COLLATE_MEASURE_MONEY, 3.2e6, 3.2e6, "USD" },
    { "rose 3.5% on", "3.5%", COLLATE_MEASURE_PERCENT, 3.5, 3.5, "percent" },
    { "his third official meeting", "third official meeting", COLLATE_MEASURE_ORDINAL, 3, 3, "meeting" },
    { "the 21st summit", "21st summit", COLLATE_MEASURE_ORDINAL, 21, 21, "summit" },
    { "at 9 a.m. sharp", "9 a.m.", COLLATE_MEASURE_TIME, 540, 540, "time" },
    { "on April 11 they", "April 11", COLLATE_MEASURE_DATE, 411, 411, "day" },
    { "On Friday it", "Friday", COLLATE_MEASURE_WEEKDAY, 5, 5, "weekday" },
    { "in 2024 alone", "2024", COLLATE_MEASURE_DATE, 2024, 2024, "year" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) all = collate_quantities_find (cases[i].text, -1);
      CollateQuantity *q = first_quantity (all, cases[i].text);
      g_autofree char *quote = slice (cases[i].text, q->start, q->end);

      g_test_message ("%s", cases[i].text);
      g_assert_cmpstr (quote, ==, cases[i].quote);
      g_assert_cmpint (q->measure, ==, cases[i].measure);
      g_assert_cmpfloat_with_epsilon (q->low, cases[i].low, 1e-6);
      if (isinf (cases[i].high))
        g_assert_cmpfloat (q->high, >=, G_MAXDOUBLE);
      else
        g_assert_cmpfloat_with_epsilon (q->high, cases[i].high, 1e-6);
      g_assert_cmpstr (q->noun, ==, cases[i].noun);
    }

  /* durations that end in the past are points in time, not lengths */
  {
    g_autoptr(GArray) none = collate_quantities_find ("the war began over three years ago", -1);

    g_assert_cmpuint (none->len, ==, 0);
  }
}

static CollateIntervalRelation
relation (const char *a,
          const char *b)
{
  g_autoptr(GArray) qa = collate_quantities_find (a, -1);
  g_autoptr(GArray) qb = collate_quantities_find (b, -1);

  g_assert_cmpuint (qa->len, ==, 1);
  g_assert_cmpuint (qb->len, ==, 1);
  return collate_quantities_compare (&g_array_index (qa, CollateQuantity, 0),
                                     &g_array_index (qb, CollateQuantity, 0));
}

static void
test_intervals (void)
{
  g_assert_cmpint (relation ("three hours", "five hours"), ==, COLLATE_INTERVALS_DISJOINT);
  g_assert_cmpint (relation ("4.5 hours", "over 4 hours"), ==, COLLATE_INTERVALS_COMPATIBLE);
  g_assert_cmpint (relation ("four-and-a-half-hour", "over four hours"), ==, COLLATE_INTERVALS_COMPATIBLE);
  g_assert_cmpint (relation ("over four hours", "three hours"), ==, COLLATE_INTERVALS_DISJOINT);
  /* a plain whole number of hours is rounded: "four hours" is [4 h, 5 h) */
  g_assert_cmpint (relation ("over four hours", "four hours"), ==, COLLATE_INTERVALS_COMPATIBLE);
  g_assert_cmpint (relation ("four hours", "4.5 hours"), ==, COLLATE_INTERVALS_COMPATIBLE);
  g_assert_cmpint (relation ("three hours", "four hours"), ==, COLLATE_INTERVALS_DISJOINT);
  g_assert_cmpint (relation ("36 hours", "two days"), ==, COLLATE_INTERVALS_DISJOINT);
  g_assert_cmpint (relation ("40 minutes", "an hour"), ==, COLLATE_INTERVALS_DISJOINT);
  g_assert_cmpint (relation ("nearly five hours", "4.5 hours"), ==, COLLATE_INTERVALS_COMPATIBLE);
  g_assert_cmpint (relation ("nearly five hours", "five hours"), ==, COLLATE_INTERVALS_DISJOINT);
  g_assert_cmpint (relation ("270 minutes", "4.5 hours"), ==, COLLATE_INTERVALS_EQUAL);
  g_assert_cmpint (relation ("two dozen officials", "24 officials"), ==, COLLATE_INTERVALS_EQUAL);
  g_assert_cmpint (relation ("about 30 people", "32 people"), ==, COLLATE_INTERVALS_COMPATIBLE);
  g_assert_cmpint (relation ("about 30 people", "40 people"), ==, COLLATE_INTERVALS_DISJOINT);
  g_assert_cmpint (relation ("dozens of people", "40 people"), ==, COLLATE_INTERVALS_COMPATIBLE);
  g_assert_cmpint (relation ("12 people", "12 soldiers"), ==, COLLATE_INTERVALS_INCOMPARABLE);
  g_assert_cmpint (relation ("$50", "50 euros"), ==, COLLATE_INTERVALS_INCOMPARABLE);
  g_assert_cmpint (relation ("40 percent", "about 42%"), ==, COLLATE_INTERVALS_COMPATIBLE);
  g_assert_cmpint (relation ("at least 10 people", "up to 8 people"), ==, COLLATE_INTERVALS_DISJOINT);
}

/* ── each kind of suggestion ── */

typedef struct
{
  CollateSuggestionKind kind;
  const char           *text_a;
  const char           *text_b;
  const char           *quote_a;
  const char           *quote_b;
} KindCase;

static void
test_kinds (void)
{
  static const KindCase cases[] = {
    { COLLATE_SUGGESTION_QUANTITY_CONFLICT,
      "The meeting between the envoy and the president lasted three hours, aides said.",
      "The meeting between the envoy and the president lasted five hours, aides said.",
      "three hours", "five hours" },
    { COLLATE_SUGGESTION_QUANTITY_PRECISION,
      "Rescuers pulled 14 survivors from the rubble of the collapsed hotel in Antakya.",
      "Rescuers pulled more than a dozen survivors from the rubble of the collapsed hotel in Antakya.",
      "14 survivors", "more than a dozen survivors" },
    { COLLATE_SUGGESTION_DATE,
      "The trade summit opened in Geneva on March 3 with twelve delegations.",
      "The trade summit opened in Geneva on March 5 with twelve delegations.",
      "March 3", "March 5" },
    { COLLATE_SUGGESTION_DATE,
      "Negotiators resumed the ceasefire talks in Doha on Tuesday after a pause.",
      "Negotiators resumed the ceasefire talks in Doha on Thursday after a pause.",
      "Tuesday", "Thursday" },
    { COLLATE_SUGGESTION_TIME,
      "The central bank announced the rate decision at 9 a.m. in Frankfurt.",
      "The central bank announced the rate decision at 11 a.m. in Frankfurt.",
      "9 a.m.", "11 a.m." },
    { COLLATE_SUGGESTION_ORDINAL,
      "It was the envoy’s third official meeting with the president since February.",
      "It was the envoy’s third visit to the president’s country this year.",
      "third official meeting", "third visit" },
    { COLLATE_SUGGESTION_NAME,
      "Foreign ministers met in Brussels on Tuesday to discuss new sanctions.",
      "Foreign ministers met in Vienna on Tuesday to discuss new sanctions.",
      "Brussels", "Vienna" },
    { COLLATE_SUGGESTION_NEGATION,
      "The defence minister did not attend the signing ceremony in the capital.",
      "The defence minister attended the signing ceremony in the capital.",
      "did not attend", "attended" },
    { COLLATE_SUGGESTION_AGREEMENT,
      "Rescue teams pulled fourteen survivors from the collapsed building overnight.",
      "Overnight, rescue teams pulled fourteen survivors from the collapsed building.",
      "Rescue teams pulled fourteen survivors from the collapsed building overnight.",
      "Overnight, rescue teams pulled fourteen survivors from the collapsed building." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CollateProject) project = project_of (cases[i].text_a, cases[i].text_b);
      g_autoptr(CollateComparison) comparison = compare (project, 0);
      CollateSuggestion *s;

      g_test_message ("case %u: %s", i, collate_suggestion_kind_to_string (cases[i].kind));
      dump (comparison);
      s = find_suggestion (comparison, cases[i].kind, cases[i].quote_a, cases[i].quote_b);
      g_assert_nonnull (s);
      g_assert_cmpfloat (collate_suggestion_get_confidence (s), >, 0.3);
      g_assert_cmpstr (collate_suggestion_get_link_label (s), ==,
                       collate_suggestion_kind_is_conflict (cases[i].kind) ? "Contradicts" : "Corroborates");
      g_assert_cmpstr (collate_suggestion_get_reason (s), !=, "");
      /* a conflict is not also offered as an agreement */
      if (cases[i].kind != COLLATE_SUGGESTION_AGREEMENT && cases[i].kind != COLLATE_SUGGESTION_QUANTITY_PRECISION)
        g_assert_null (find_suggestion (comparison, COLLATE_SUGGESTION_AGREEMENT,
                                        cases[i].text_a, cases[i].text_b));
    }

  /* the same text twice: nothing differs */
  {
    g_autoptr(CollateProject) project = project_of (cases[0].text_a, cases[0].text_a);
    g_autoptr(CollateComparison) comparison = compare (project, 0);
    GListModel *list = collate_comparison_get_suggestions (comparison);

    for (guint i = 0; i < g_list_model_get_n_items (list); i++)
      {
        g_autoptr(CollateSuggestion) s = g_list_model_get_item (list, i);

        g_assert_false (collate_suggestion_kind_is_conflict (collate_suggestion_get_kind (s)));
      }
  }
}

static void
test_same_entity (void)
{
  g_autoptr(CollateProject) project = project_of (
    "Vladimir Putin received the envoy in Saint Petersburg.",
    "Putin met the envoy in St. Petersburg; Moscow said little.");
  g_autoptr(CollateComparison) comparison = NULL;
  CollateSuggestion *s;

  g_assert_nonnull (collate_project_add_span (project, "d1", 0, 14, "Person", NULL));
  g_assert_nonnull (collate_project_add_span (project, "d1", 37, 53, "Location", NULL));
  g_assert_nonnull (collate_project_add_span (project, "d2", 0, 5, "Person", NULL));
  g_assert_nonnull (collate_project_add_span (project, "d2", 23, 37, "Location", NULL));
  g_assert_nonnull (collate_project_add_span (project, "d2", 39, 45, "Location", NULL));

  comparison = compare (project, 1u << COLLATE_SUGGESTION_SAME_ENTITY);
  dump (comparison);
  g_assert_cmpuint (g_list_model_get_n_items (collate_comparison_get_suggestions (comparison)), ==, 2);
  s = find_suggestion (comparison, COLLATE_SUGGESTION_SAME_ENTITY, "Saint Petersburg", "St. Petersburg");
  g_assert_nonnull (s);
  g_assert_nonnull (collate_suggestion_get_annotation_id (s, 0));
  g_assert_cmpstr (collate_suggestion_get_link_label (s), ==, "Same entity");
  s = find_suggestion (comparison, COLLATE_SUGGESTION_SAME_ENTITY, "Vladimir Putin", "Putin");
  g_assert_nonnull (s);

  /* accepting links the spans already there: no new span */
  g_assert_nonnull (collate_suggestion_accept (s, project, NULL, NULL, NULL));
  g_assert_cmpuint (collate_project_get_n_annotations (project), ==, 5);
  g_clear_object (&comparison);
  comparison = compare (project, 1u << COLLATE_SUGGESTION_SAME_ENTITY);
  g_assert_null (find_suggestion (comparison, COLLATE_SUGGESTION_SAME_ENTITY, "Vladimir Putin", "Putin"));
}

/* The two sample reports: the length of the meeting and the third meeting */
static void
test_samples (void)
{
  g_autoptr(CollateProject) project = sample_project ();
  g_autoptr(CollateComparison) comparison = compare (project, 0);
  GListModel *list = collate_comparison_get_suggestions (comparison);
  CollateSuggestion *length, *third;
  double previous = 2;

  dump (comparison);
  length = find_suggestion (comparison, COLLATE_SUGGESTION_QUANTITY_PRECISION,
                            "four-and-a-half-hour", "over four hours");
  third = find_suggestion (comparison, COLLATE_SUGGESTION_ORDINAL, "third official meeting", "third visit");
  g_assert_nonnull (length);
  g_assert_nonnull (third);
  /* not buried: both among the first three */
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CollateSuggestion) s = g_list_model_get_item (list, i);

      g_assert_cmpfloat (collate_suggestion_get_confidence (s), <=, previous);
      previous = collate_suggestion_get_confidence (s);
      if (s == length || s == third)
        g_assert_cmpuint (i, <, 3);
    }
}

/* ── deciding ── */

static void
test_accept_reject_undo (void)
{
  g_autoptr(CollateProject) project = project_of (
    "The meeting between the envoy and the president lasted three hours, aides said.",
    "The meeting between the envoy and the president lasted five hours, aides said.");
  g_autoptr(CollateComparison) comparison = compare (project, 1u << COLLATE_SUGGESTION_QUANTITY_CONFLICT);
  g_autoptr(GError) error = NULL;
  CollateSuggestion *s = find_suggestion (comparison, COLLATE_SUGGESTION_QUANTITY_CONFLICT,
                                          "three hours", "five hours");
  CollateLink *link;
  CollateAnnotation *existing;
  GListModel *reviews = collate_project_get_reviews (project);

  g_assert_nonnull (s);

  /* a bad label changes nothing */
  g_assert_null (collate_suggestion_accept (s, project, "Nonsense", NULL, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (collate_suggestion_accept (s, project, NULL, "Nonsense", &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (collate_project_can_undo (project));
  g_assert_cmpuint (collate_project_get_n_annotations (project), ==, 0);

  /* a span already at side A's range is reused (any label, as none is asked) */
  existing = collate_project_add_span (project, "d1", collate_suggestion_get_start (s, 0),
                                       collate_suggestion_get_end (s, 0), "Quantity", NULL);
  g_assert_nonnull (existing);

  link = collate_suggestion_accept (s, project, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (link);
  g_assert_cmpstr (collate_link_get_label (link), ==, "Contradicts");
  g_assert_cmpstr (collate_link_get_from (link), ==, collate_annotation_get_id (existing));
  g_assert_cmpuint (collate_project_get_n_annotations (project), ==, 2);
  g_assert_cmpuint (collate_project_get_n_links (project), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (reviews), ==, 1);
  {
    g_autoptr(CollateReview) review = g_list_model_get_item (reviews, 0);
    CollateAnnotation *made = collate_project_lookup_annotation (project, collate_link_get_to (link));

    g_assert_cmpint (collate_review_get_decision (review), ==, COLLATE_REVIEW_ACCEPTED);
    g_assert_cmpstr (collate_review_get_kind (review), ==, "quantity-conflict");
    g_assert_cmpstr (collate_review_get_side (review, 1)->text, ==, "five hours");
    g_assert_cmpstr (collate_annotation_get_label (made), ==, "Claim");
    g_assert_true (collate_suggestion_find_review (s, project) == review);
  }
  g_assert_cmpstr (collate_project_get_undo_description (project), ==, "Accept Suggestion");

  /* one undo takes back span, link and review; the reused span stays */
  g_assert_true (collate_project_undo (project));
  g_assert_cmpuint (collate_project_get_n_annotations (project), ==, 1);
  g_assert_cmpuint (collate_project_get_n_links (project), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (reviews), ==, 0);
  g_assert_true (collate_project_redo (project));
  g_assert_cmpuint (collate_project_get_n_annotations (project), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (reviews), ==, 1);
  g_assert_true (collate_project_undo (project));

  /* reject: recorded, left out of the next comparison, back after undo */
  g_assert_nonnull (collate_suggestion_reject (s, project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (collate_project_get_n_annotations (project), ==, 1);
  {
    g_autoptr(CollateComparison) again = compare (project, 1u << COLLATE_SUGGESTION_QUANTITY_CONFLICT);

    g_assert_null (find_suggestion (again, COLLATE_SUGGESTION_QUANTITY_CONFLICT, "three hours", "five hours"));
  }
  g_assert_true (collate_project_undo (project));
  {
    g_autoptr(CollateComparison) again = compare (project, 1u << COLLATE_SUGGESTION_QUANTITY_CONFLICT);

    g_assert_nonnull (find_suggestion (again, COLLATE_SUGGESTION_QUANTITY_CONFLICT, "three hours", "five hours"));
  }
}

static void
test_tag_all (void)
{
  g_autoptr(CollateProject) project = project_of ("Putin met fans of Putinism. Putin left; “Putin” stayed.",
                                                  "Putin.");
  g_autoptr(GError) error = NULL;
  CollateAnnotation *first = collate_project_add_span (project, "d1", 0, 5, "Person", NULL);
  int added;

  g_assert_nonnull (first);
  added = collate_project_tag_all_occurrences (project, collate_annotation_get_id (first), &error);
  g_assert_no_error (error);
  g_assert_cmpint (added, ==, 3);
  g_assert_cmpuint (collate_project_get_n_annotations (project), ==, 4);
  g_assert_cmpuint (collate_project_get_n_spans_in_document (project, "d2"), ==, 1);
  /* again: nothing new, and no empty undo step */
  g_assert_cmpint (collate_project_tag_all_occurrences (project, collate_annotation_get_id (first), NULL), ==, 0);
  g_assert_true (collate_project_undo (project));
  g_assert_cmpuint (collate_project_get_n_annotations (project), ==, 1);

  g_assert_cmpint (collate_project_tag_all_occurrences (project, "nope", &error), ==, -1);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND);
}

/* ── the file ── */

static void
test_reviews_in_file (void)
{
  g_autoptr(CollateProject) project = project_of (
    "The meeting between the envoy and the president lasted three hours, aides said.",
    "The meeting between the envoy and the president lasted five hours, aides said.");
  g_autoptr(CollateComparison) comparison = compare (project, 1u << COLLATE_SUGGESTION_QUANTITY_CONFLICT);
  g_autoptr(GBytes) plain = collate_project_to_bytes (project);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(CollateProject) loaded = NULL;
  g_autoptr(GError) error = NULL;
  CollateSuggestion *s = g_list_model_get_item (collate_comparison_get_suggestions (comparison), 0);

  g_object_unref (s);  /* the comparison holds it */
  g_assert_nonnull (strstr (g_bytes_get_data (plain, NULL), "\"version\": 1,"));
  g_assert_null (strstr (g_bytes_get_data (plain, NULL), "\"reviews\""));

  g_assert_nonnull (collate_suggestion_reject (s, project, NULL));
  bytes = collate_project_to_bytes (project);
  g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL), "\"version\": 2,"));
  g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL), "\"decision\": \"rejected\""));

  loaded = collate_project_load_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (collate_project_get_n_reviews (loaded), ==, 1);
  again = collate_project_to_bytes (loaded);
  g_assert_true (g_bytes_equal (bytes, again));

  /* a version 1 file has no reviews */
  {
    g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    g_autofree char *v1 = NULL;
    g_autoptr(GBytes) b1 = NULL;
    g_autoptr(CollateProject) p1 = NULL;
    char *at = strstr (text, "\"version\": 2");

    at[11] = '1';
    b1 = g_bytes_new (text, strlen (text));
    p1 = collate_project_load_bytes (b1, &error);
    g_assert_null (p1);
    g_assert_nonnull (error);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "reviews"));
    g_clear_error (&error);
  }

  /* a quote that does not match the text is refused, with its place */
  {
    g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    GString *bad = g_string_new (text);
    g_autoptr(GBytes) b = NULL;
    g_autoptr(CollateProject) p = NULL;

    g_string_replace (bad, "\"text\": \"five hours\"", "\"text\": \"six hours\"", 1);
    b = g_string_free_to_bytes (bad);
    p = collate_project_load_bytes (b, &error);
    g_assert_null (p);
    g_assert_nonnull (error);
    g_test_message ("%s", error->message);
    g_assert_true (g_str_has_prefix (error->message, "reviews[0].sides[1].text"));
  }
}

/* ── the scorer ── */

static char **
scorer_argv (const char *mode)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "compare", "scorer.py", NULL);
  char **argv = g_new0 (char *, 4);

  argv[0] = g_strdup (TEST_PYTHON3);
  argv[1] = g_steal_pointer (&script);
  argv[2] = g_strdup (mode);
  return argv;
}

static gboolean
run_scorer (const char *mode,
            guint       timeout_ms,
            CollateScorerPair *pairs,
            guint       n,
            GError    **error)
{
  g_auto(GStrv) argv = scorer_argv (mode);

  return collate_scorer_run ((const char * const *) argv, pairs, n, timeout_ms, NULL, error);
}

static void
test_scorer (void)
{
  CollateScorerPair pairs[3] = {
    { "The talks lasted three hours.", "The talks lasted five hours.", NULL, "d1", 0, 29, "d2", 0, 28 },
    { "Rain fell all day.", "rain fell all day", "agreement", "d1", 30, 48, "d2", 29, 46 },
    { "Prices rose.", "The minister resigned.", NULL, "d1", 49, 61, "d2", 47, 69 },
  };
  g_autoptr(GError) error = NULL;

  g_assert_true (run_scorer ("ok", 20000, pairs, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pairs[0].label, ==, COLLATE_SCORE_CONTRADICTION);
  g_assert_cmpfloat_with_epsilon (pairs[0].score, 0.9, 1e-9);
  g_assert_cmpint (pairs[1].label, ==, COLLATE_SCORE_ENTAILMENT);
  g_assert_cmpint (pairs[2].label, ==, COLLATE_SCORE_NEUTRAL);

  {
    static const struct { const char *mode; int code; const char *says; } bad[] = {
      { "garbage", COLLATE_ERROR_PARSE, "line 1 with something that is not a JSON object" },
      { "fail", COLLATE_ERROR_FAILED, "exited with status 3: scorer: the model file is missing" },
      { "missing", COLLATE_ERROR_PARSE, "answered 2 of 3 pairs; pair 2 has no answer" },
      { "bad-label", COLLATE_ERROR_PARSE, "with label “maybe”" },
      { "bad-score", COLLATE_ERROR_PARSE, "score 1.5; scores are from 0 to 1" },
      { "unknown-id", COLLATE_ERROR_PARSE, "for pair 1000, but there are pairs 0 to 2 only" },
      { "twice", COLLATE_ERROR_PARSE, "answered pair 0 twice (line 2)" },
      { "hang", COLLATE_ERROR_FAILED, "did not answer within 1.5 s and was stopped" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_test_message ("scorer mode %s", bad[i].mode);
        g_assert_false (run_scorer (bad[i].mode, g_str_equal (bad[i].mode, "hang") ? 1500 : 20000,
                                    pairs, 3, &error));
        g_assert_error (error, COLLATE_ERROR, bad[i].code);
        g_test_message ("%s", error->message);
        g_assert_nonnull (strstr (error->message, bad[i].says));
        g_clear_error (&error);
      }
  }

  {
    const char *argv[] = { "/nonexistent/collate-scorer", NULL };

    g_assert_false (collate_scorer_run (argv, pairs, 3, 1000, NULL, &error));
    g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED);
    g_assert_nonnull (strstr (error->message, "could not be started"));
    g_clear_error (&error);
  }
}

/* The scorer's contradictions become suggestions of their own */
static void
test_scorer_in_comparison (void)
{
  g_autoptr(CollateProject) project = project_of (
    "The negotiators talked for hours and the two sides reached no deal in Ankara.",
    "The negotiators talked for hours and the two sides reached a deal in Ankara.");
  g_auto(GStrv) argv = scorer_argv ("ok");
  CollateCompareOptions options;
  g_autoptr(CollateComparison) comparison = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *list;

  collate_compare_options_init (&options);
  options.scorer_argv = argv;
  comparison = collate_compare (project, "d1", "d2", &options, NULL, &error);
  g_assert_no_error (error);
  dump (comparison);
  list = collate_comparison_get_suggestions (comparison);
  /* no hours differ: the scorer calls it neutral, so no agreement either */
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CollateSuggestion) s = g_list_model_get_item (list, i);

      g_assert_cmpint (collate_suggestion_get_kind (s), !=, COLLATE_SUGGESTION_AGREEMENT);
    }

  /* a contradiction Collate cannot read itself becomes one of the scorer's */
  {
    g_autoptr(CollateProject) other = project_of (
      "The negotiators in Ankara talked for many hours before the two sides parted.",
      "The negotiators in Ankara talked for few hours before the two sides parted.");
    g_autoptr(CollateComparison) scored = collate_compare (other, "d1", "d2", &options, NULL, &error);
    CollateSuggestion *s;

    g_assert_no_error (error);
    dump (scored);
    s = find_suggestion (scored, COLLATE_SUGGESTION_CONTRADICTION,
                         "The negotiators in Ankara talked for many hours before the two sides parted.",
                         "The negotiators in Ankara talked for few hours before the two sides parted.");
    g_assert_nonnull (s);
    g_assert_cmpfloat_with_epsilon (collate_suggestion_get_confidence (s), 0.9, 1e-9);
    g_assert_null (find_suggestion (scored, COLLATE_SUGGESTION_AGREEMENT,
                                    "The negotiators in Ankara talked for many hours before the two sides parted.",
                                    "The negotiators in Ankara talked for few hours before the two sides parted."));
  }

  g_strfreev (argv);
  argv = scorer_argv ("fail");
  options.scorer_argv = argv;
  g_clear_object (&comparison);
  comparison = collate_compare (project, "d1", "d2", &options, NULL, &error);
  g_assert_null (comparison);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED);
}

/* ── off the main thread ── */

static void
compared (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  CollateComparison **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = collate_compare_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autoptr(CollateProject) project = sample_project ();
  g_autoptr(CollateComparison) sync = compare (project, 0);
  CollateComparison *async = NULL;
  GListModel *a, *b;
  g_autoptr(GError) error = NULL;

  collate_compare_async (project, "d1", "d2", NULL, NULL, compared, &async);
  /* the project may change while it runs: the work has its own copy */
  g_assert_nonnull (collate_project_add_span (project, "d1", 0, 5, "Person", NULL));
  while (async == NULL)
    g_main_context_iteration (NULL, TRUE);

  a = collate_comparison_get_suggestions (sync);
  b = collate_comparison_get_suggestions (async);
  g_assert_cmpuint (g_list_model_get_n_items (a), ==, g_list_model_get_n_items (b));
  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autoptr(CollateSuggestion) x = g_list_model_get_item (a, i);
      g_autoptr(CollateSuggestion) y = g_list_model_get_item (b, i);

      g_assert_cmpint (collate_suggestion_compare (x, y), ==, 0);
    }
  g_assert_nonnull (collate_comparison_get_best_pair_at (async, 0, offset_of (
    collate_project_get_document (project, 0), "four-and-a-half-hour")));
  g_object_unref (async);

  /* errors */
  g_assert_null (collate_compare (project, "d1", "d1", NULL, NULL, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (collate_compare (project, "d1", "d9", NULL, NULL, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    g_assert_null (collate_compare (project, "d1", "d2", NULL, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/compare/sentences", test_sentences);
  g_test_add_func ("/compare/sentences/offsets", test_sentences_offsets);
  g_test_add_func ("/compare/align/samples", test_align_samples);
  g_test_add_func ("/compare/align/order-and-groups", test_align_order_and_groups);
  g_test_add_func ("/compare/quantities", test_quantities);
  g_test_add_func ("/compare/intervals", test_intervals);
  g_test_add_func ("/compare/kinds", test_kinds);
  g_test_add_func ("/compare/same-entity", test_same_entity);
  g_test_add_func ("/compare/samples", test_samples);
  g_test_add_func ("/compare/accept-reject-undo", test_accept_reject_undo);
  g_test_add_func ("/compare/tag-all", test_tag_all);
  g_test_add_func ("/compare/reviews-in-file", test_reviews_in_file);
  g_test_add_func ("/compare/scorer", test_scorer);
  g_test_add_func ("/compare/scorer/in-comparison", test_scorer_in_comparison);
  g_test_add_func ("/compare/async", test_async);

  return g_test_run ();
}
