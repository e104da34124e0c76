/* test-undo.c — undo, redo, the saved state, and the index under random edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <collate.h>
#include <string.h>

static CollateProject *
make_project (void)
{
  static const char text[] =
    "“Russia has to get moving,” Trump wrote — after a four-and-a-half-hour "
    "meeting 🕓 in St. Petersburg; the envoy’s third visit this year.";
  g_autoptr(CollateDocument) d1 = collate_document_new ("d1", "One", "", text, -1, NULL);
  g_autoptr(CollateDocument) d2 = collate_document_new ("d2", "Two", "", text, -1, NULL);
  CollateProject *project = collate_project_new ("Undo", NULL);

  g_assert_true (collate_project_add_document (project, d1, NULL));
  g_assert_true (collate_project_add_document (project, d2, NULL));

  return project;
}

/* A text snapshot of everything in the project, in list order */
static char *
snapshot (CollateProject *project)
{
  GListModel *anns = collate_project_get_annotations (project);
  GListModel *links = collate_project_get_links (project);
  GString *s = g_string_new (NULL);
  guint i;

  for (i = 0; i < g_list_model_get_n_items (anns); i++)
    {
      g_autoptr(CollateAnnotation) a = g_list_model_get_item (anns, i);
      g_autofree const char **keys = collate_annotation_get_attribute_keys (a);
      guint k;

      g_string_append_printf (s, "%s %s %u-%u %s [%s] {", collate_annotation_get_id (a),
                              collate_annotation_get_document_id (a), collate_annotation_get_start (a),
                              collate_annotation_get_end (a), collate_annotation_get_label (a),
                              collate_annotation_get_note (a));
      for (k = 0; keys[k]; k++)
        g_string_append_printf (s, "%s=%s;", keys[k], collate_annotation_get_attribute (a, keys[k]));
      g_string_append (s, "}\n");
    }
  for (i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(CollateLink) l = g_list_model_get_item (links, i);

      g_string_append_printf (s, "%s %s %s->%s [%s]\n", collate_link_get_id (l), collate_link_get_label (l),
                              collate_link_get_from (l), collate_link_get_to (l), collate_link_get_note (l));
    }

  return g_string_free (s, FALSE);
}

static void
test_undo_redo_basic (void)
{
  g_autoptr(CollateProject) project = make_project ();
  g_autofree char *empty = snapshot (project);
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;
  g_autofree char *a_id = NULL;
  CollateAnnotation *a;

  g_assert_false (collate_project_can_undo (project));
  g_assert_false (collate_project_undo (project));
  g_assert_false (collate_project_redo (project));

  a = collate_project_add_span (project, "d1", 1, 26, "Claim", NULL);
  a_id = g_strdup (collate_annotation_get_id (a));
  one = snapshot (project);
  g_assert_true (collate_project_set_annotation_label (project, a_id, "Quantity", NULL));
  two = snapshot (project);
  g_assert_cmpstr (one, !=, two);

  g_assert_true (collate_project_undo (project));
  {
    g_autofree char *now = snapshot (project);
    g_assert_cmpstr (now, ==, one);
  }
  g_assert_cmpstr (collate_project_get_redo_description (project), ==, "Relabel as Quantity");
  g_assert_true (collate_project_undo (project));
  {
    g_autofree char *now = snapshot (project);
    g_assert_cmpstr (now, ==, empty);
  }
  g_assert_null (collate_project_lookup_annotation (project, a_id));
  g_assert_true (collate_project_can_redo (project));

  g_assert_true (collate_project_redo (project));
  g_assert_true (collate_project_redo (project));
  {
    g_autofree char *now = snapshot (project);
    g_assert_cmpstr (now, ==, two);
  }
  g_assert_false (collate_project_can_redo (project));

  /* A new change after undo drops the redo history */
  g_assert_true (collate_project_undo (project));
  g_assert_nonnull (collate_project_add_span (project, "d2", 0, 1, "Time", NULL));
  g_assert_false (collate_project_can_redo (project));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_modified_state (void)
{
  g_autoptr(CollateProject) project = make_project ();
  guint modified_notifies = 0;
  guint64 saved_at;

  g_signal_connect (project, "notify::modified", G_CALLBACK (count_notify), &modified_notifies);
  g_assert_false (collate_project_get_modified (project));

  collate_project_add_span (project, "d1", 0, 3, "Claim", NULL);
  g_assert_true (collate_project_get_modified (project));
  g_assert_cmpuint (modified_notifies, ==, 1);

  /* Undo back to the saved state is unmodified again */
  collate_project_undo (project);
  g_assert_false (collate_project_get_modified (project));
  g_assert_cmpuint (modified_notifies, ==, 2);
  collate_project_redo (project);
  g_assert_true (collate_project_get_modified (project));

  collate_project_set_modified (project, FALSE);
  g_assert_false (collate_project_get_modified (project));
  collate_project_undo (project);
  g_assert_true (collate_project_get_modified (project));
  collate_project_redo (project);
  g_assert_false (collate_project_get_modified (project));

  /* A background save marks only the state it wrote */
  saved_at = collate_project_get_state (project);
  collate_project_add_span (project, "d1", 5, 9, "Claim", NULL);
  collate_project_mark_saved (project, saved_at);
  g_assert_true (collate_project_get_modified (project));
  collate_project_undo (project);
  g_assert_false (collate_project_get_modified (project));

  /* Tokens are never reused: a different change after undo is unsaved */
  collate_project_add_span (project, "d1", 5, 10, "Claim", NULL);
  g_assert_cmpuint (collate_project_get_state (project), !=, saved_at);
  g_assert_true (collate_project_get_modified (project));

  collate_project_set_modified (project, FALSE);
  collate_project_set_title (project, "Renamed");
  g_assert_true (collate_project_get_modified (project));
}

static void
test_group (void)
{
  g_autoptr(CollateProject) project = make_project ();
  CollateAnnotation *a, *b;

  collate_project_begin_group (project, "Tag both");
  a = collate_project_add_span (project, "d1", 0, 3, "Claim", NULL);
  b = collate_project_add_span (project, "d2", 0, 3, "Claim", NULL);
  collate_project_add_link (project, "Corroborates", collate_annotation_get_id (a),
                            collate_annotation_get_id (b), NULL);
  g_assert_false (collate_project_can_undo (project));
  collate_project_end_group (project);

  g_assert_cmpstr (collate_project_get_undo_description (project), ==, "Tag both");
  g_assert_true (collate_project_undo (project));
  g_assert_cmpuint (collate_project_get_n_annotations (project), ==, 0);
  g_assert_cmpuint (collate_project_get_n_links (project), ==, 0);
  g_assert_false (collate_project_can_undo (project));
}

/* Random edits, checked against brute force after each, then all undone
 * and redone. */
static void
check_index (CollateProject *project)
{
  const char *docs[] = { "d1", "d2" };
  guint d, x;

  for (d = 0; d < 2; d++)
    {
      CollateDocument *doc = collate_project_lookup_document (project, docs[d]);

      for (x = 0; x <= collate_document_get_length (doc); x++)
        {
          g_autoptr(GPtrArray) hits = collate_project_get_spans_at (project, docs[d], x);
          GListModel *anns = collate_project_get_annotations (project);
          guint expected = 0, i;

          for (i = 0; i < g_list_model_get_n_items (anns); i++)
            {
              g_autoptr(CollateAnnotation) a = g_list_model_get_item (anns, i);

              if (g_str_equal (collate_annotation_get_document_id (a), docs[d]) &&
                  collate_annotation_get_start (a) <= x && x < collate_annotation_get_end (a))
                expected++;
            }
          g_assert_cmpuint (hits->len, ==, expected);
          for (i = 1; i < hits->len; i++)
            g_assert_cmpint (collate_annotation_compare (g_ptr_array_index (hits, i - 1),
                                                         g_ptr_array_index (hits, i)), <, 0);
        }
    }
}

static void
test_random_edits (void)
{
  g_autoptr(CollateProject) project = make_project ();
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  const char *labels[] = { "Claim", "Person", "Time" };
  GRand *rand = g_rand_new_with_seed (42);
  guint len = collate_document_get_length (collate_project_lookup_document (project, "d1"));
  guint step, i, steps = 0;

  g_ptr_array_add (states, snapshot (project));

  for (step = 0; step < 300; step++)
    {
      GListModel *anns = collate_project_get_annotations (project);
      guint n = g_list_model_get_n_items (anns);
      guint what = g_rand_int_range (rand, 0, 10);
      gboolean changed = FALSE;

      if (what < 5 || n < 2)
        {
          guint start = g_rand_int_range (rand, 0, len - 1);
          guint end = g_rand_int_range (rand, start + 1, MIN (len, start + 30) + 1);

          changed = collate_project_add_span (project, g_rand_boolean (rand) ? "d1" : "d2", start, end,
                                              labels[g_rand_int_range (rand, 0, 3)], NULL) != NULL;
        }
      else
        {
          g_autoptr(CollateAnnotation) a = g_list_model_get_item (anns, g_rand_int_range (rand, 0, n));
          g_autoptr(CollateAnnotation) b = g_list_model_get_item (anns, g_rand_int_range (rand, 0, n));
          const char *id = collate_annotation_get_id (a);

          switch (what)
            {
            case 5: changed = collate_project_remove_annotation (project, id, NULL); break;
            case 6: changed = collate_project_set_annotation_label (project, id, labels[step % 3], NULL) &&
                              !g_str_equal (collate_annotation_get_label (a), labels[step % 3]); break;
            case 7: changed = collate_project_set_annotation_note (project, id, step % 2 ? "odd" : "even", NULL) &&
                              !g_str_equal (collate_annotation_get_note (a), step % 2 ? "odd" : "even"); break;
            default:
              changed = collate_project_add_link (project, "Corroborates", id,
                                                  collate_annotation_get_id (b), NULL) != NULL;
            }
        }

      if (changed)
        {
          g_ptr_array_add (states, snapshot (project));
          steps++;
        }
      if (step % 50 == 0)
        check_index (project);
    }
  check_index (project);
  g_assert_cmpuint (steps, >, 100);

  for (i = states->len - 1; i > 0; i--)
    {
      g_autofree char *now = NULL;

      g_assert_true (collate_project_undo (project));
      now = snapshot (project);
      g_assert_cmpstr (now, ==, g_ptr_array_index (states, i - 1));
    }
  g_assert_false (collate_project_can_undo (project));
  for (i = 1; i < states->len; i++)
    {
      g_autofree char *now = NULL;

      g_assert_true (collate_project_redo (project));
      now = snapshot (project);
      g_assert_cmpstr (now, ==, g_ptr_array_index (states, i));
    }
  check_index (project);

  g_rand_free (rand);
}

/* A document appended to an open project is one step: undone, it goes
 * (after what was done in it), redone, it comes back; the project saves it */
static void
test_append_document (void)
{
  g_autoptr(CollateProject) project = make_project ();
  g_autoptr(CollateDocument) d3 = collate_document_new ("d3", "Three", "three.html",
                                                        "A third report, from the web.", -1, NULL);
  g_autoptr(CollateDocument) taken = collate_document_new ("d1", "Taken", "", "x", -1, NULL);
  g_autoptr(CollateDocument) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fresh = NULL;
  CollateAnnotation *a;
  GListModel *documents = collate_project_get_documents (project);

  collate_document_set_metadata_value (d3, "url", "https://news.example/third");
  g_assert_true (collate_project_append_document (project, d3, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 3);
  g_assert_true (collate_project_lookup_document (project, "d3") == d3);
  g_assert_true (collate_project_can_undo (project));
  g_assert_cmpstr (collate_project_get_undo_description (project), ==, "Add Document");
  g_assert_true (collate_project_get_modified (project));

  /* a taken id is refused, and nothing is recorded */
  g_assert_false (collate_project_append_document (project, taken, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS);
  g_clear_error (&error);
  fresh = collate_project_next_document_id (project);
  g_assert_cmpstr (fresh, ==, "d4");
  copy = collate_document_copy_with_id (taken, fresh);
  g_assert_cmpstr (collate_document_get_title (copy), ==, "Taken");
  g_assert_cmpstr (collate_document_get_sha256 (copy), ==, collate_document_get_sha256 (taken));
  g_assert_cmpuint (collate_document_get_length (copy), ==, 1);

  /* spans in the new document, then undo all of it */
  a = collate_project_add_span (project, "d3", 2, 7, "Claim", &error);
  g_assert_no_error (error);
  g_assert_nonnull (a);
  g_assert_cmpuint (collate_project_get_n_spans_in_document (project, "d3"), ==, 1);
  g_assert_true (collate_project_undo (project));
  g_assert_cmpuint (collate_project_get_n_annotations (project), ==, 0);
  g_assert_true (collate_project_undo (project));
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 2);
  g_assert_cmpuint (collate_project_get_n_documents (project), ==, 2);
  g_assert_null (collate_project_lookup_document (project, "d3"));
  g_assert_false (collate_project_get_modified (project));
  g_assert_false (collate_project_can_undo (project));

  /* redo: the document, then its span */
  g_assert_true (collate_project_redo (project));
  g_assert_cmpuint (collate_project_get_n_documents (project), ==, 3);
  g_assert_cmpint (collate_project_get_document_index (project, "d3"), ==, 2);
  g_assert_cmpuint (collate_project_get_n_annotations (project), ==, 0);
  g_assert_true (collate_project_redo (project));
  g_assert_cmpuint (collate_project_get_n_spans_in_document (project, "d3"), ==, 1);

  /* spans in the documents before it still take their places before its */
  a = collate_project_add_span (project, "d2", 0, 5, "Claim", &error);
  g_assert_no_error (error);
  {
    g_autoptr(CollateAnnotation) first = g_list_model_get_item (collate_project_get_annotations (project), 0);

    g_assert_true (first == a);
  }

  /* saved and loaded back, with its metadata */
  {
    g_autoptr(GBytes) bytes = collate_project_to_bytes (project);
    g_autoptr(CollateProject) again = collate_project_load_bytes (bytes, &error);
    CollateDocument *loaded;

    g_assert_no_error (error);
    loaded = collate_project_lookup_document (again, "d3");
    g_assert_nonnull (loaded);
    g_assert_cmpstr (collate_document_get_metadata_value (loaded, "url"), ==, "https://news.example/third");
    g_assert_cmpuint (collate_project_get_n_spans_in_document (again, "d3"), ==, 1);
  }
}

/* Appends "signal id;" for each review and curation signal */
static void
log_decision_signal (CollateProject *project,
                     GObject        *decision,
                     GString        *log)
{
  GSignalInvocationHint *hint = g_signal_get_invocation_hint (project);

  g_string_append_printf (log, "%s %s;", g_signal_name (hint->signal_id),
                          COLLATE_IS_REVIEW (decision)
                          ? collate_review_get_id (COLLATE_REVIEW (decision))
                          : collate_curation_get_id (COLLATE_CURATION (decision)));
}

/* The ids of the project's reviews, then of its curations, in list order */
static char *
decisions (CollateProject *project)
{
  GListModel *reviews = collate_project_get_reviews (project);
  GListModel *curations = collate_project_get_curations (project);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (reviews); i++)
    {
      g_autoptr(CollateReview) r = g_list_model_get_item (reviews, i);

      g_string_append_printf (s, "%s ", collate_review_get_id (r));
    }
  g_string_append (s, "|");
  for (guint i = 0; i < g_list_model_get_n_items (curations); i++)
    {
      g_autoptr(CollateCuration) c = g_list_model_get_item (curations, i);

      g_string_append_printf (s, " %s", collate_curation_get_id (c));
    }
  return g_string_free (s, FALSE);
}

#define assert_decisions(project, expected) \
  G_STMT_START { \
    g_autofree char *now_ = decisions (project); \
    g_assert_cmpstr (now_, ==, expected); \
  } G_STMT_END

/* Reviews and curations: adding one, and forgetting a review, are steps
 * that undo takes back and redo makes again, the same objects in their
 * places by id, with the signals the views follow */
static void
test_decisions (void)
{
  g_autoptr(CollateProject) project = make_project ();
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const CollateReviewSide sides[2] = {
    { "d1", 1, 7, "Russia" },
    { "d2", 1, 7, "Russia" },
  };
  const char *const chosen[] = { "bob", NULL };
  const CollateCurationVersion version = { "Claim", 1, 7, "Russia", chosen, TRUE };
  CollateReview *r3, *r4;
  CollateCuration *c5;

  g_signal_connect (project, "review-added", G_CALLBACK (log_decision_signal), log);
  g_signal_connect (project, "review-removed", G_CALLBACK (log_decision_signal), log);
  g_signal_connect (project, "curation-added", G_CALLBACK (log_decision_signal), log);
  g_signal_connect (project, "curation-removed", G_CALLBACK (log_decision_signal), log);

  r3 = collate_project_add_review (project, COLLATE_REVIEW_ACCEPTED, "ordinal", 0.5, "same",
                                   "Supports", sides, &error);
  g_assert_no_error (error);
  r4 = collate_project_add_review (project, COLLATE_REVIEW_REJECTED, "ordinal", 0.25, "other",
                                   NULL, sides, &error);
  g_assert_no_error (error);
  c5 = collate_project_add_curation (project, "d1", 1, 7, COLLATE_CURATION_CHOICE_ONE, chosen,
                                     &version, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (collate_review_get_id (r3), ==, "r3");
  g_assert_cmpstr (collate_review_get_id (r4), ==, "r4");
  g_assert_cmpstr (collate_curation_get_id (c5), ==, "c5");
  assert_decisions (project, "r3 r4 | c5");
  g_assert_cmpstr (log->str, ==, "review-added r3;review-added r4;curation-added c5;");
  g_string_truncate (log, 0);

  /* forgetting the first review, then undoing that, puts it back first */
  g_assert_true (collate_project_remove_review (project, "r3", &error));
  g_assert_no_error (error);
  assert_decisions (project, "r4 | c5");
  g_assert_null (collate_project_lookup_review (project, "r3"));
  g_assert_cmpuint (collate_project_get_n_reviews (project), ==, 1);
  g_assert_cmpstr (collate_project_get_undo_description (project), ==, "Forget Decision");
  g_assert_true (collate_project_undo (project));
  assert_decisions (project, "r3 r4 | c5");
  g_assert_true (collate_project_lookup_review (project, "r3") == r3);
  g_assert_false (collate_project_remove_review (project, "r9", &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpstr (log->str, ==, "review-removed r3;review-added r3;");
  g_string_truncate (log, 0);

  /* undo all three additions, newest first, and redo them */
  g_assert_cmpstr (collate_project_get_undo_description (project), ==, "Curate");
  g_assert_true (collate_project_undo (project));
  assert_decisions (project, "r3 r4 |");
  g_assert_null (collate_project_lookup_curation (project, "c5"));
  g_assert_cmpuint (collate_project_get_n_curations (project), ==, 0);
  g_assert_cmpstr (collate_project_get_undo_description (project), ==, "Reject Suggestion");
  g_assert_true (collate_project_undo (project));
  g_assert_cmpstr (collate_project_get_undo_description (project), ==, "Accept Suggestion");
  g_assert_true (collate_project_undo (project));
  assert_decisions (project, "|");
  g_assert_false (collate_project_can_undo (project));
  g_assert_false (collate_project_get_modified (project));

  g_assert_true (collate_project_redo (project));
  g_assert_true (collate_project_redo (project));
  g_assert_true (collate_project_redo (project));
  assert_decisions (project, "r3 r4 | c5");
  g_assert_true (collate_project_lookup_review (project, "r4") == r4);
  g_assert_true (collate_project_lookup_curation (project, "c5") == c5);
  g_assert_cmpuint (collate_project_get_n_reviews (project), ==, 2);
  g_assert_cmpuint (collate_project_get_n_curations (project), ==, 1);
  g_assert_cmpstr (log->str, ==,
                   "curation-removed c5;review-removed r4;review-removed r3;"
                   "review-added r3;review-added r4;curation-added c5;");

  /* a review's sides are checked, and a refused one is no step */
  {
    const CollateReviewSide unknown[2] = { sides[0], { "d9", 1, 7, "Russia" } };
    const CollateReviewSide empty[2] = { { "d1", 7, 7, "" }, sides[1] };
    const CollateReviewSide misquoted[2] = { sides[0], { "d2", 1, 7, "Moscow" } };

    g_assert_null (collate_project_add_review (project, COLLATE_REVIEW_ACCEPTED, "ordinal", 0.5,
                                               "", NULL, unknown, &error));
    g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND);
    g_assert_cmpstr (error->message, ==, "sides[1].document: there is no document \"d9\" in this project");
    g_clear_error (&error);
    g_assert_null (collate_project_add_review (project, COLLATE_REVIEW_ACCEPTED, "ordinal", 0.5,
                                               "", NULL, empty, &error));
    g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_RANGE);
    g_assert_cmpstr (error->message, ==, "sides[0].start: 7 is not before end (7)");
    g_clear_error (&error);
    g_assert_null (collate_project_add_review (project, COLLATE_REVIEW_ACCEPTED, "ordinal", 0.5,
                                               "", NULL, misquoted, &error));
    g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, "sides[1].text: the quote differs from the document's text at 1–7");
    g_clear_error (&error);
    g_assert_cmpstr (collate_project_get_undo_description (project), ==, "Curate");
  }

  /* an id a decision holds is taken */
  {
    g_autoptr(CollateDocument) d = collate_document_new ("c5", "Taken", "", "x", -1, NULL);

    g_assert_false (collate_project_add_document (project, d, &error));
    g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/undo/basic", test_undo_redo_basic);
  g_test_add_func ("/undo/modified-state", test_modified_state);
  g_test_add_func ("/undo/group", test_group);
  g_test_add_func ("/undo/append-document", test_append_document);
  g_test_add_func ("/undo/decisions", test_decisions);
  g_test_add_func ("/undo/random-edits", test_random_edits);

  return g_test_run ();
}
