/* test-team.c — agreement between annotators: kappa, alpha, unitizing alpha, spans, links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <collate.h>
#include <math.h>
#include <string.h>

#define ASSERT_CLOSE(x, y, tolerance) g_assert_cmpfloat_with_epsilon ((x), (y), (tolerance))

/* ── Codings: cases small enough to work out by hand ── */

static CollateCoding *
coding_of (guint              n_coders,
           const char *const *values)
{
  CollateCoding *coding = collate_coding_new (n_coders);

  for (guint i = 0; values[i] != NULL; i += n_coders)
    collate_coding_add_item (coding, values + i);
  return coding;
}

/* Two coders, 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15.
 * Ao = 35/50 = 0.7; A says yes 25 times, B 30: Ae = 0.5·0.6 + 0.5·0.4 = 0.5;
 * κ = (0.7 − 0.5)/(1 − 0.5) = 0.4 */
static void
test_cohen (void)
{
  g_autoptr(CollateCoding) coding = collate_coding_new (2);
  const char *pairs[4][2] = { { "yes", "yes" }, { "yes", "no" }, { "no", "yes" }, { "no", "no" } };
  const guint times[4] = { 20, 5, 10, 15 };

  for (guint p = 0; p < 4; p++)
    for (guint t = 0; t < times[p]; t++)
      collate_coding_add_item (coding, pairs[p]);

  g_assert_cmpuint (collate_coding_get_n_items (coding), ==, 50);
  ASSERT_CLOSE (collate_coding_observed_agreement (coding, 0, 1), 0.7, 1e-12);
  ASSERT_CLOSE (collate_coding_cohen_kappa (coding, 0, 1), 0.4, 1e-12);
  ASSERT_CLOSE (collate_coding_cohen_kappa (coding, 1, 0), 0.4, 1e-12);
  g_assert_true (isnan (collate_coding_cohen_kappa (coding, 0, 0)));
}

/* Three coders, four items: (a a a) (a a b) (b b b) (a b b).
 * Fleiss: P_i = 1, 1/3, 1, 1/3, P̄ = 2/3; six a and six b, P̄e = 1/2;
 * κ = (2/3 − 1/2)/(1/2) = 1/3.
 * Alpha: 12 values; Do = (0 + 2 + 0 + 2)/12 = 1/3 (each mixed item has
 * 2·1·2 ordered unlike pairs over m − 1 = 2); De = (144 − 36 − 36)/(12·11)
 * = 6/11; α = 1 − (1/3)/(6/11) = 7/18. */
static void
test_fleiss_and_alpha (void)
{
  const char *values[] = { "a", "a", "a",  "a", "a", "b",  "b", "b", "b",  "a", "b", "b", NULL };
  g_autoptr(CollateCoding) coding = coding_of (3, values);

  ASSERT_CLOSE (collate_coding_fleiss_kappa (coding), 1.0 / 3, 1e-12);
  ASSERT_CLOSE (collate_coding_alpha_nominal (coding), 7.0 / 18, 1e-12);
}

/* Nothing to agree on beyond chance: undefined, not 1 or 0 */
static void
test_undefined (void)
{
  const char *same[] = { "x", "x", "x", "x", NULL };
  g_autoptr(CollateCoding) coding = coding_of (2, same);
  g_autoptr(CollateCoding) empty = collate_coding_new (2);

  g_assert_true (isnan (collate_coding_cohen_kappa (coding, 0, 1)));
  g_assert_true (isnan (collate_coding_fleiss_kappa (coding)));
  g_assert_true (isnan (collate_coding_alpha_nominal (coding)));
  g_assert_true (isnan (collate_coding_alpha_nominal (empty)));
  g_assert_true (isnan (collate_coding_fleiss_kappa (empty)));
}

/* ── Unitizing alpha: Krippendorff's published worked examples ──
 *
 * The figures below are those of the examples in
 *   K. Krippendorff, "On the reliability of unitizing continuous data",
 *   Sociological Methodology 25 (1995), 47–76, the example on p. 57
 *   (four pairs of coders on a continuum of 24), and
 *   K. Krippendorff, Content Analysis: An Introduction to Its Methodology,
 *   2nd ed., Sage 2004, §12.5, the example on p. 254 (two coders,
 *   categories c and k on [150, 450)),
 * as transcribed in the test suite of DKPro Statistics (Meyer, Mieskes,
 * Stab, Gurevych, COLING 2014: Krippendorff1995Test, Krippendorff2004Test):
 * we could not read the printed pages ourselves.  As that suite notes,
 * the 1995 paper's expected disagreements carry a small error (its
 * (l + l' + 1) is (l − l' + 1) in the 2004 book), so the 1995 alphas are
 * checked to 0.02 on a finely divided continuum, where the two agree. */

typedef struct
{
  guint       coder;
  guint       start;
  guint       length;
  const char *category;
} Unit;

/* Krippendorff (1995: 57), units as (coder, start, length, category) */
static const Unit example_1995[] = {
  /* A: Bertha and Bill */
  { 0, 2, 8, "A" }, { 0, 14, 6, "A" }, { 1, 4, 4, "A" }, { 1, 15, 2, "A" },
  /* B: John and Jill */
  { 0, 0, 18, "B" }, { 1, 0, 2, "B" }, { 1, 2, 1, "B" }, { 1, 3, 1, "B" },
  { 1, 4, 1, "B" }, { 1, 5, 1, "B" }, { 1, 6, 3, "B" }, { 1, 9, 1, "B" },
  /* C: Gerret and Gill */
  { 0, 2, 6, "C" }, { 0, 10, 2, "C" }, { 0, 14, 4, "C" }, { 0, 20, 2, "C" },
  { 1, 0, 2, "C" }, { 1, 4, 4, "C" }, { 1, 10, 4, "C" }, { 1, 16, 2, "C" }, { 1, 20, 2, "C" },
  /* D: Heather and Hill */
  { 0, 0, 2, "D" }, { 0, 2, 8, "D" }, { 0, 10, 4, "D" }, { 0, 14, 6, "D" }, { 0, 20, 4, "D" },
  { 1, 0, 4, "D" }, { 1, 4, 4, "D" }, { 1, 8, 7, "D" }, { 1, 15, 2, "D" }, { 1, 17, 7, "D" },
};

static CollateUnitizing *
example_1995_stretched (guint stretch)
{
  CollateUnitizing *u = collate_unitizing_new (2, 24 * stretch);

  for (guint i = 0; i < G_N_ELEMENTS (example_1995); i++)
    {
      const Unit *unit = &example_1995[i];

      collate_unitizing_add_unit (u, unit->coder, unit->start * stretch,
                                  (unit->start + unit->length) * stretch, unit->category);
    }
  return u;
}

static void
test_unitizing_1995 (void)
{
  g_autoptr(CollateUnitizing) u = example_1995_stretched (1);
  g_autoptr(CollateUnitizing) fine = example_1995_stretched (50000);
  const char *categories[] = { "A", "B", "C", "D" };
  const double observed[] = { 0.03125, 2.26736, 0.02777, 0.38715 };
  const double alpha[] = { 0.553, -0.926, 0.679, 0.066 };
  g_autofree const char **names = collate_unitizing_get_categories (u);

  g_assert_cmpuint (g_strv_length ((GStrv) names), ==, 4);
  g_assert_cmpstr (names[0], ==, "A");
  g_assert_cmpstr (names[3], ==, "D");
  for (guint c = 0; c < 4; c++)
    {
      double o, e;

      collate_unitizing_alpha (u, categories[c], &o, &e);
      ASSERT_CLOSE (o, observed[c], 1e-5);
      /* Observed disagreement is relative to L²: the same when stretched */
      ASSERT_CLOSE (collate_unitizing_alpha (fine, categories[c], &o, NULL), alpha[c], 0.02);
      ASSERT_CLOSE (o, observed[c], 1e-5);
    }
}

static void
test_unitizing_2004 (void)
{
  /* On [150, 450), shifted to [0, 300) */
  g_autoptr(CollateUnitizing) u = collate_unitizing_new (2, 300);
  double o, e;

  collate_unitizing_add_unit (u, 0, 225 - 150, 225 + 70 - 150, "c");
  collate_unitizing_add_unit (u, 0, 370 - 150, 370 + 30 - 150, "c");
  collate_unitizing_add_unit (u, 1, 220 - 150, 220 + 80 - 150, "c");
  collate_unitizing_add_unit (u, 1, 355 - 150, 355 + 20 - 150, "c");
  collate_unitizing_add_unit (u, 1, 400 - 150, 400 + 20 - 150, "c");
  collate_unitizing_add_unit (u, 0, 180 - 150, 180 + 60 - 150, "k");
  collate_unitizing_add_unit (u, 0, 300 - 150, 300 + 50 - 150, "k");
  collate_unitizing_add_unit (u, 1, 180 - 150, 180 + 60 - 150, "k");
  collate_unitizing_add_unit (u, 1, 300 - 150, 300 + 50 - 150, "k");

  ASSERT_CLOSE (collate_unitizing_alpha (u, "c", &o, &e), 0.7286, 1e-4);
  ASSERT_CLOSE (o, 0.0144, 1e-4);
  ASSERT_CLOSE (e, 0.0532, 1e-4);
  ASSERT_CLOSE (collate_unitizing_alpha (u, "k", &o, &e), 1.0, 1e-12);
  ASSERT_CLOSE (o, 0.0, 1e-12);
  ASSERT_CLOSE (e, 0.0490, 1e-4);
  ASSERT_CLOSE (collate_unitizing_alpha (u, NULL, NULL, NULL), 0.8591, 5e-4);
}

/* Properties that hold whatever the figures: identical units agree fully,
 * swapping coders changes nothing, overlapping units of one coder are one */
static void
test_unitizing_properties (void)
{
  g_autoptr(CollateUnitizing) same = collate_unitizing_new (3, 100);
  g_autoptr(CollateUnitizing) ab = collate_unitizing_new (2, 100);
  g_autoptr(CollateUnitizing) ba = collate_unitizing_new (2, 100);
  g_autoptr(CollateUnitizing) joined = collate_unitizing_new (2, 100);
  g_autoptr(CollateUnitizing) none = collate_unitizing_new (2, 100);

  for (guint c = 0; c < 3; c++)
    {
      collate_unitizing_add_unit (same, c, 10, 20, "x");
      collate_unitizing_add_unit (same, c, 50, 70, "y");
    }
  ASSERT_CLOSE (collate_unitizing_alpha (same, NULL, NULL, NULL), 1.0, 1e-12);

  collate_unitizing_add_unit (ab, 0, 10, 30, "x");
  collate_unitizing_add_unit (ab, 1, 15, 40, "x");
  collate_unitizing_add_unit (ba, 1, 10, 30, "x");
  collate_unitizing_add_unit (ba, 0, 15, 40, "x");
  ASSERT_CLOSE (collate_unitizing_alpha (ab, "x", NULL, NULL),
                collate_unitizing_alpha (ba, "x", NULL, NULL), 1e-12);
  g_assert_cmpfloat (collate_unitizing_alpha (ab, "x", NULL, NULL), <, 1.0);

  collate_unitizing_add_unit (joined, 0, 10, 25, "x");
  collate_unitizing_add_unit (joined, 0, 20, 30, "x");
  collate_unitizing_add_unit (joined, 1, 15, 40, "x");
  ASSERT_CLOSE (collate_unitizing_alpha (joined, "x", NULL, NULL),
                collate_unitizing_alpha (ab, "x", NULL, NULL), 1e-12);

  g_assert_true (isnan (collate_unitizing_alpha (none, NULL, NULL, NULL)));
  g_assert_true (isnan (collate_unitizing_alpha (ab, "y", NULL, NULL)));
}

/* ── Projects ── */

#define TEXT_1 "Witkoff met Putin in St. Petersburg on Friday."
#define TEXT_2 "The Kremlin said the talks lasted over four hours."

static CollateProject *
annotator (const char *name,
           gboolean    swap_documents)
{
  g_autoptr(CollateDocument) one = collate_document_new (swap_documents ? "d2" : "d1", "One", "", TEXT_1, -1, NULL);
  g_autoptr(CollateDocument) two = collate_document_new (swap_documents ? "d1" : "d2", "Two", "", TEXT_2, -1, NULL);
  CollateProject *project = collate_project_new (name, NULL);

  collate_project_set_author (project, name);
  if (swap_documents)
    {
      g_assert_true (collate_project_add_document (project, two, NULL));
      g_assert_true (collate_project_add_document (project, one, NULL));
    }
  else
    {
      g_assert_true (collate_project_add_document (project, one, NULL));
      g_assert_true (collate_project_add_document (project, two, NULL));
    }
  return project;
}

static void
test_projects (void)
{
  const char *names[] = { "ann", "bob", NULL };
  g_autoptr(CollateProject) a = annotator ("ann", FALSE);
  /* bob's documents are in the other order, under each other's ids */
  g_autoptr(CollateProject) b = annotator ("bob", TRUE);
  g_autoptr(CollateAgreement) agreement = collate_agreement_new (names);
  g_autoptr(GError) error = NULL;
  CollateProject *both[] = { a, b };
  CollateAnnotation *a_witkoff, *a_putin, *a_kremlin, *b_witkoff, *b_putin, *b_kremlin;
  CollateMatchCounts counts;
  double p, r, f;
  GPtrArray *disagreements;
  CollateCoding *coding;

  /* ann: Witkoff, Putin, St. Petersburg, Kremlin; a link Witkoff–Kremlin */
  a_witkoff = collate_project_add_span (a, "d1", 0, 7, "Person", NULL);
  a_putin = collate_project_add_span (a, "d1", 12, 17, "Person", NULL);
  collate_project_add_span (a, "d1", 21, 35, "Location", NULL);
  a_kremlin = collate_project_add_span (a, "d2", 4, 11, "Organization", NULL);
  g_assert_nonnull (collate_project_add_link (a, "Same entity", collate_annotation_get_id (a_witkoff),
                                              collate_annotation_get_id (a_kremlin), NULL));
  g_assert_nonnull (collate_project_add_link (a, "Contradicts", collate_annotation_get_id (a_witkoff),
                                              collate_annotation_get_id (a_putin), NULL));
  /* bob: Witkoff, Putin as a Location, Petersburg only, Kremlin; the same
   * cross-document link drawn the other way */
  b_witkoff = collate_project_add_span (b, "d2", 0, 7, "Person", NULL);
  b_putin = collate_project_add_span (b, "d2", 12, 17, "Location", NULL);
  collate_project_add_span (b, "d2", 25, 35, "Location", NULL);
  b_kremlin = collate_project_add_span (b, "d1", 4, 11, "Organization", NULL);
  g_assert_nonnull (collate_project_add_link (b, "Same entity", collate_annotation_get_id (b_kremlin),
                                              collate_annotation_get_id (b_witkoff), NULL));
  g_assert_nonnull (b_putin);

  g_assert_true (collate_agreement_add_projects (agreement, both, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (collate_agreement_get_n_documents (agreement), ==, 2);

  /* Spans: 4 each; exact: Witkoff, Kremlin; overlap with the label:
   * those and the Location (St. Petersburg ⊃ Petersburg) */
  collate_agreement_get_span_counts (agreement, 0, 1, NULL, &counts);
  g_assert_cmpuint (counts.in_a, ==, 4);
  g_assert_cmpuint (counts.in_b, ==, 4);
  g_assert_cmpuint (counts.exact, ==, 2);
  g_assert_cmpuint (counts.overlap_a, ==, 3);
  g_assert_cmpuint (counts.overlap_b, ==, 3);  /* bob's "Putin" Location overlaps no Location of ann */
  collate_match_counts_exact (&counts, &p, &r, &f);
  ASSERT_CLOSE (f, 0.5, 1e-12);
  collate_match_counts_overlap (&counts, &p, &r, &f);
  ASSERT_CLOSE (f, 0.75, 1e-12);

  collate_agreement_get_span_counts (agreement, 0, 1, "Location", &counts);
  g_assert_cmpuint (counts.in_a, ==, 1);
  g_assert_cmpuint (counts.in_b, ==, 2);
  g_assert_cmpuint (counts.exact, ==, 0);
  g_assert_cmpuint (counts.overlap_a, ==, 1);
  g_assert_cmpuint (counts.overlap_b, ==, 1);
  collate_match_counts_overlap (&counts, &p, &r, &f);
  ASSERT_CLOSE (p, 0.5, 1e-12);
  ASSERT_CLOSE (r, 1.0, 1e-12);

  /* Links: the cross-document one matches, whichever way it was drawn */
  collate_agreement_get_link_counts (agreement, 0, 1, NULL, COLLATE_LINK_SCOPE_ACROSS, &counts);
  g_assert_cmpuint (counts.in_a, ==, 1);
  g_assert_cmpuint (counts.in_b, ==, 1);
  g_assert_cmpuint (counts.exact, ==, 1);
  collate_agreement_get_link_counts (agreement, 0, 1, NULL, COLLATE_LINK_SCOPE_WITHIN, &counts);
  g_assert_cmpuint (counts.in_a, ==, 1);
  g_assert_cmpuint (counts.in_b, ==, 0);
  g_assert_cmpuint (counts.exact, ==, 0);
  collate_agreement_get_link_counts (agreement, 0, 1, "Same entity", COLLATE_LINK_SCOPE_ALL, &counts);
  g_assert_cmpuint (counts.exact, ==, 1);

  /* Tokens: "Witkoff met Putin in St. Petersburg on Friday ." and
   * "The Kremlin said …": ann and bob differ on Putin (Person/Location)
   * and St. (Location/none) */
  coding = collate_agreement_get_token_coding (agreement, NULL);
  g_assert_cmpuint (collate_coding_get_n_items (coding), ==, 9 + 10);
  g_assert_cmpstr (collate_coding_get_category (coding, 0, 0), ==, "Person");
  g_assert_cmpstr (collate_coding_get_category (coding, 2, 1), ==, "Location");
  g_assert_cmpstr (collate_coding_get_category (coding, 4, 0), ==, "Location");
  g_assert_cmpstr (collate_coding_get_category (coding, 4, 1), ==, "(none)");
  ASSERT_CLOSE (collate_coding_observed_agreement (coding, 0, 1), 17.0 / 19, 1e-12);
  coding = collate_agreement_get_token_coding (agreement, "Person");
  g_assert_cmpstr (collate_coding_get_category (coding, 2, 1), ==, "(not Person)");

  /* Disagreements: Putin ×2, the two Locations, the within link */
  disagreements = collate_agreement_get_disagreements (agreement);
  g_assert_cmpuint (disagreements->len, ==, 5);
  {
    CollateDisagreement *first = g_ptr_array_index (disagreements, 0);
    CollateDisagreement *last = g_ptr_array_index (disagreements, 4);

    g_assert_false (first->is_link);
    g_assert_cmpuint (first->start, ==, 12);
    g_assert_cmpstr (first->label, ==, "Location");
    g_assert_cmpuint (first->count[0], ==, 0);
    g_assert_cmpuint (first->count[1], ==, 1);
    g_assert_true (last->is_link);
    g_assert_cmpstr (last->label, ==, "Contradicts");
  }
}

static void
test_texts_differ (void)
{
  const char *names[] = { "ann", "bob", NULL };
  g_autoptr(CollateProject) a = annotator ("ann", FALSE);
  g_autoptr(CollateProject) b = collate_project_new ("bob", NULL);
  g_autoptr(CollateDocument) one = collate_document_new ("d1", "One", "", TEXT_1, -1, NULL);
  g_autoptr(CollateDocument) two = collate_document_new ("d2", "Two", "", "The Kremlin said little.", -1, NULL);
  g_autoptr(CollateAgreement) agreement = collate_agreement_new (names);
  g_autoptr(GError) error = NULL;
  CollateProject *both[] = { a, b };

  g_assert_true (collate_project_add_document (b, one, NULL));
  g_assert_true (collate_project_add_document (b, two, NULL));
  g_assert_false (collate_agreement_add_projects (agreement, both, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "ann's document “d2” (Two) and bob's document “d2” have different texts"));
  g_assert_cmpuint (collate_agreement_get_n_documents (agreement), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/team/coding/cohen", test_cohen);
  g_test_add_func ("/team/coding/fleiss-alpha", test_fleiss_and_alpha);
  g_test_add_func ("/team/coding/undefined", test_undefined);
  g_test_add_func ("/team/unitizing/krippendorff-1995", test_unitizing_1995);
  g_test_add_func ("/team/unitizing/krippendorff-2004", test_unitizing_2004);
  g_test_add_func ("/team/unitizing/properties", test_unitizing_properties);
  g_test_add_func ("/team/projects", test_projects);
  g_test_add_func ("/team/texts-differ", test_texts_differ);

  return g_test_run ();
}
