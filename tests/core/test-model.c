/* test-model.c — the project: changes, queries, list models and signals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <collate.h>
#include <string.h>

typedef struct
{
  CollateProject *project;
  const char     *d1;
  const char     *d2;
  guint           n_added;
  guint           n_removed;
  guint           n_changed;
  guint           n_link_added;
  guint           n_link_removed;
  guint           n_notify_changed;
} Fixture;

static char *
fixed_clock (gpointer user_data)
{
  return g_strdup ("2026-01-02T03:04:05Z");
}

static void
on_added (CollateProject *p, CollateAnnotation *a, Fixture *f) { f->n_added++; }
static void
on_removed (CollateProject *p, CollateAnnotation *a, Fixture *f) { f->n_removed++; }
static void
on_changed (CollateProject *p, CollateAnnotation *o, CollateAnnotation *n, Fixture *f) { f->n_changed++; }
static void
on_link_added (CollateProject *p, CollateLink *l, Fixture *f) { f->n_link_added++; }
static void
on_link_removed (CollateProject *p, CollateLink *l, Fixture *f) { f->n_link_removed++; }
static void
on_project_changed (CollateProject *p, Fixture *f) { f->n_notify_changed++; }

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *dir = g_getenv ("COLLATE_SAMPLES_DIR");
  g_autofree char *p1 = g_build_filename (dir, "witkoff-putin-report-1.txt", NULL);
  g_autofree char *p2 = g_build_filename (dir, "witkoff-putin-report-2.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateDocument) doc1 = NULL;
  g_autoptr(CollateDocument) doc2 = NULL;
  g_autofree char *id1 = NULL;
  g_autofree char *id2 = NULL;

  f->project = collate_project_new ("Witkoff in St. Petersburg", NULL);
  collate_project_set_author (f->project, "Ada Annotator");
  collate_project_set_clock (f->project, fixed_clock, NULL);

  id1 = collate_project_next_document_id (f->project);
  doc1 = collate_document_new_from_file (p1, id1, &error);
  g_assert_no_error (error);
  g_assert_true (collate_project_add_document (f->project, doc1, &error));
  id2 = collate_project_next_document_id (f->project);
  doc2 = collate_document_new_from_file (p2, id2, &error);
  g_assert_no_error (error);
  g_assert_true (collate_project_add_document (f->project, doc2, &error));

  f->d1 = collate_document_get_id (doc1);
  f->d2 = collate_document_get_id (doc2);

  g_signal_connect (f->project, "annotation-added", G_CALLBACK (on_added), f);
  g_signal_connect (f->project, "annotation-removed", G_CALLBACK (on_removed), f);
  g_signal_connect (f->project, "annotation-changed", G_CALLBACK (on_changed), f);
  g_signal_connect (f->project, "link-added", G_CALLBACK (on_link_added), f);
  g_signal_connect (f->project, "link-removed", G_CALLBACK (on_link_removed), f);
  g_signal_connect (f->project, "changed", G_CALLBACK (on_project_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->project);
}

/* Character offset of the first occurrence of @needle in document @id */
static guint
find (Fixture    *f,
      const char *doc_id,
      const char *needle)
{
  CollateDocument *doc = collate_project_lookup_document (f->project, doc_id);
  const char *text = collate_document_get_text (doc);
  const char *hit = strstr (text, needle);

  g_assert_nonnull (hit);

  return collate_document_byte_to_char (doc, (gsize) (hit - text));
}

static CollateAnnotation *
tag (Fixture    *f,
     const char *doc_id,
     const char *needle,
     const char *label)
{
  g_autoptr(GError) error = NULL;
  guint start = find (f, doc_id, needle);
  CollateAnnotation *a;

  a = collate_project_add_span (f->project, doc_id, start,
                                start + (guint) g_utf8_strlen (needle, -1), label, &error);
  g_assert_no_error (error);
  g_assert_nonnull (a);

  return a;
}

static void
test_documents (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateDocument) dup = collate_document_new (f->d1, "x", "", "text", -1, NULL);

  g_assert_cmpstr (f->d1, ==, "d1");
  g_assert_cmpstr (f->d2, ==, "d2");
  g_assert_cmpuint (collate_project_get_n_documents (f->project), ==, 2);
  g_assert_cmpint (collate_project_get_document_index (f->project, "d2"), ==, 1);
  g_assert_cmpint (collate_project_get_document_index (f->project, "nope"), ==, -1);
  g_assert_cmpuint (g_list_model_get_n_items (collate_project_get_documents (f->project)), ==, 2);
  g_assert_cmpuint (collate_document_get_length (collate_project_get_document (f->project, 1)), ==, 2985);

  g_assert_false (collate_project_add_document (f->project, dup, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS);
  g_assert_false (collate_project_get_modified (f->project));
}

static void
test_add_span (Fixture       *f,
               gconstpointer  data)
{
  CollateAnnotation *a = tag (f, "d1", "four-and-a-half-hour meeting", "Quantity");

  g_assert_cmpstr (collate_annotation_get_text (a), ==, "four-and-a-half-hour meeting");
  g_assert_cmpstr (collate_annotation_get_label (a), ==, "Quantity");
  g_assert_cmpstr (collate_annotation_get_document_id (a), ==, "d1");
  g_assert_cmpstr (collate_annotation_get_author (a), ==, "Ada Annotator");
  g_assert_cmpstr (collate_annotation_get_created (a), ==, "2026-01-02T03:04:05Z");
  g_assert_cmpstr (collate_annotation_get_modified (a), ==, "2026-01-02T03:04:05Z");
  g_assert_cmpstr (collate_annotation_get_note (a), ==, "");
  g_assert_cmpuint (collate_annotation_get_n_attributes (a), ==, 0);
  g_assert_true (collate_project_lookup_annotation (f->project, collate_annotation_get_id (a)) == a);
  g_assert_cmpuint (f->n_added, ==, 1);
  g_assert_cmpuint (f->n_notify_changed, ==, 1);
  g_assert_true (collate_project_get_modified (f->project));
  g_assert_true (collate_project_can_undo (f->project));
  g_assert_cmpstr (collate_project_get_undo_description (f->project), ==, "Add Quantity");
}

static void
test_add_span_refusals (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (collate_project_add_span (f->project, "d1", 10, 10, "Claim", &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_RANGE);
  g_clear_error (&error);

  g_assert_null (collate_project_add_span (f->project, "d1", 5000, 6000, "Claim", &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==, "end: 6000 is past the end of document \"d1\" (5168 characters)");
  g_clear_error (&error);

  g_assert_null (collate_project_add_span (f->project, "d9", 0, 1, "Claim", &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (collate_project_add_span (f->project, "d1", 0, 5, "Rumour", &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Rumour"));
  g_clear_error (&error);

  /* The same span twice with the same label is a mistake; another label is not */
  tag (f, "d1", "Steve Witkoff", "Person");
  g_assert_null (collate_project_add_span (f->project, "d1", find (f, "d1", "Steve Witkoff"),
                                           find (f, "d1", "Steve Witkoff") + 13, "Person", &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS);
  tag (f, "d1", "Steve Witkoff", "Claim");

  g_assert_cmpuint (collate_project_get_n_annotations (f->project), ==, 2);
  g_assert_cmpuint (f->n_added, ==, 2);
}

static void
test_ids_unique_never_reused (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *first = NULL;
  CollateAnnotation *a, *b;

  a = tag (f, "d1", "Vladimir Putin", "Person");
  first = g_strdup (collate_annotation_get_id (a));
  g_assert_true (collate_project_remove_annotation (f->project, first, NULL));
  b = tag (f, "d1", "Vladimir Putin", "Person");
  g_assert_cmpstr (collate_annotation_get_id (b), !=, first);
  g_assert_cmpstr (collate_annotation_get_id (b), !=, "d1");
  g_assert_cmpstr (collate_annotation_get_id (b), !=, "d2");
}

static void
test_queries (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) at = NULL;
  g_autoptr(GPtrArray) range = NULL;
  g_autoptr(GPtrArray) none = NULL;
  CollateAnnotation *outer, *inner, *other;
  guint x;

  outer = tag (f, "d1", "his envoy, Steve Witkoff, held a four-and-a-half-hour meeting", "Claim");
  inner = tag (f, "d1", "Steve Witkoff, held", "Person");
  other = tag (f, "d2", "Steve Witkoff", "Person");

  x = find (f, "d1", "Witkoff, held");
  at = collate_project_get_spans_at (f->project, "d1", x);
  g_assert_cmpuint (at->len, ==, 2);
  g_assert_true (g_ptr_array_index (at, 0) == outer);
  g_assert_true (g_ptr_array_index (at, 1) == inner);

  /* Half-open: the end offset is not covered */
  none = collate_project_get_spans_at (f->project, "d1", collate_annotation_get_end (outer));
  g_assert_cmpuint (none->len, ==, 0);

  range = collate_project_get_spans_in_range (f->project, "d1", 0, collate_annotation_get_start (inner) + 1);
  g_assert_cmpuint (range->len, ==, 2);

  g_assert_cmpuint (collate_project_get_n_spans_in_document (f->project, "d1"), ==, 2);
  g_assert_cmpuint (collate_project_get_n_spans_in_document (f->project, "d2"), ==, 1);
  g_assert_cmpstr (collate_annotation_get_document_id (other), ==, "d2");
}

static void
test_list_model_order (Fixture       *f,
                       gconstpointer  data)
{
  GListModel *model = collate_project_get_annotations (f->project);
  CollateAnnotation *late, *early, *in_d2;
  guint n, i;

  in_d2 = tag (f, "d2", "Truth Social", "Organization");
  late = tag (f, "d1", "Saint Petersburg", "Location");
  early = tag (f, "d1", "Trump", "Person");

  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, ==, 3);
  {
    g_autoptr(CollateAnnotation) a0 = g_list_model_get_item (model, 0);
    g_autoptr(CollateAnnotation) a1 = g_list_model_get_item (model, 1);
    g_autoptr(CollateAnnotation) a2 = g_list_model_get_item (model, 2);

    g_assert_true (a0 == early);
    g_assert_true (a1 == late);
    g_assert_true (a2 == in_d2);
  }
  g_assert_null (g_list_model_get_item (model, 3));

  for (i = 0; i < n; i++)
    {
      g_autoptr(CollateAnnotation) a = g_list_model_get_item (model, i);

      g_assert_cmpint (collate_project_get_annotation_position (f->project, collate_annotation_get_id (a)), ==, (int) i);
    }
}

typedef struct
{
  guint position, removed, added;
  guint calls;
} ItemsChanged;

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *ic)
{
  ic->position = position;
  ic->removed = removed;
  ic->added = added;
  ic->calls++;
}

static void
test_list_model_signals (Fixture       *f,
                         gconstpointer  data)
{
  GListModel *model = collate_project_get_annotations (f->project);
  ItemsChanged ic = { 0 };
  CollateAnnotation *mid;

  tag (f, "d1", "Trump", "Person");
  tag (f, "d2", "Trump", "Person");
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &ic);

  mid = tag (f, "d1", "Kremlin", "Organization");
  g_assert_cmpuint (ic.calls, ==, 1);
  g_assert_cmpuint (ic.position, ==, 1);
  g_assert_cmpuint (ic.added, ==, 1);
  g_assert_cmpuint (ic.removed, ==, 0);

  g_assert_true (collate_project_set_annotation_note (f->project, collate_annotation_get_id (mid), "the Kremlin = Russian government", NULL));
  g_assert_cmpuint (ic.calls, ==, 2);
  g_assert_cmpuint (ic.position, ==, 1);
  g_assert_cmpuint (ic.added, ==, 1);
  g_assert_cmpuint (ic.removed, ==, 1);

  g_assert_true (collate_project_undo (f->project));
  g_assert_true (collate_project_undo (f->project));
  g_assert_cmpuint (ic.calls, ==, 4);
  g_assert_cmpuint (ic.position, ==, 1);
  g_assert_cmpuint (ic.removed, ==, 1);
  g_assert_cmpuint (ic.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);

  g_signal_handlers_disconnect_by_func (model, on_items_changed, &ic);
}

/* Keeps a copy of a list model up to date from its items-changed signals
 * alone: if a signal names a wrong position or count, the copy and the
 * model part */
static void
on_items_changed_mirror (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         GPtrArray  *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->len);
  g_ptr_array_remove_range (mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror, (int) (position + i), g_list_model_get_item (model, position + i));
}

static void
assert_list_matches (CollateProject *project,
                     GPtrArray      *mirror)
{
  GListModel *model = collate_project_get_annotations (project);
  GListModel *documents = collate_project_get_documents (project);
  guint n = g_list_model_get_n_items (model);
  guint position = 0;

  g_assert_cmpuint (n, ==, mirror->len);
  /* documents in project order, each one's spans in key order */
  for (guint d = 0; d < g_list_model_get_n_items (documents); d++)
    {
      g_autoptr(CollateDocument) doc = g_list_model_get_item (documents, d);
      g_autoptr(GPtrArray) spans = collate_project_get_spans_in_range (project, collate_document_get_id (doc),
                                                                       0, G_MAXUINT);

      g_assert_cmpuint (spans->len, ==, collate_project_get_n_spans_in_document (project, collate_document_get_id (doc)));
      for (guint i = 0; i < spans->len; i++, position++)
        {
          g_autoptr(CollateAnnotation) item = g_list_model_get_item (model, position);
          const char *id = collate_annotation_get_id (item);

          g_assert_true (item == g_ptr_array_index (spans, i));
          g_assert_true (item == g_ptr_array_index (mirror, position));
          g_assert_cmpint (collate_project_get_annotation_position (project, id), ==, (int) position);
        }
    }
  g_assert_cmpuint (position, ==, n);
  g_assert_null (g_list_model_get_item (model, n));
  g_assert_null (g_list_model_get_item (model, n + 1000));
}

/* Many documents, some without spans: list positions and signals stay
 * exact through additions, removals, label changes, undo and redo in any
 * document order */
static void
test_list_model_many_documents (void)
{
  g_autoptr(CollateProject) project = collate_project_new ("many", NULL);
  GListModel *model = collate_project_get_annotations (project);
  g_autoptr(GPtrArray) mirror = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (16);
  const char *labels[] = { "Claim", "Person", "Location" };
  const guint n_documents = 37;

  for (guint d = 0; d < n_documents; d++)
    {
      g_autofree char *id = collate_project_next_document_id (project);
      g_autoptr(CollateDocument) doc = collate_document_new (id, "t", "s", "abcdefghij", -1, NULL);

      g_assert_true (collate_project_add_document (project, doc, NULL));
    }
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_mirror), mirror);

  for (guint step = 0; step < 600; step++)
    {
      guint kind = g_rand_int_range (rand, 0, 10);
      g_autoptr(GError) error = NULL;

      if (kind < 5 || ids->len == 0)
        {
          /* only every third document gets spans, so most stay empty */
          guint d = 3 * g_rand_int_range (rand, 0, (n_documents + 2) / 3);
          CollateDocument *doc = collate_project_get_document (project, d);
          guint start = g_rand_int_range (rand, 0, 9);
          guint end = g_rand_int_range (rand, start + 1, 11);
          CollateAnnotation *a = collate_project_add_span (project, collate_document_get_id (doc), start, end,
                                                           labels[g_rand_int_range (rand, 0, 3)], &error);

          if (a == NULL)  /* the same span with the same label: refused */
            g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS);
          else
            g_ptr_array_add (ids, g_strdup (collate_annotation_get_id (a)));
        }
      else
        {
          guint k = g_rand_int_range (rand, 0, ids->len);
          const char *id = g_ptr_array_index (ids, k);

          if (collate_project_lookup_annotation (project, id) == NULL)
            ; /* undone or removed already */
          else if (kind < 7)
            g_assert_true (collate_project_remove_annotation (project, id, &error));
          else if (kind < 8
                   && !collate_project_set_annotation_label (project, id, labels[g_rand_int_range (rand, 0, 3)],
                                                             &error))
            g_clear_error (&error);  /* the same label, or the span is already tagged so */
          else if (kind < 9 && collate_project_can_undo (project))
            g_assert_true (collate_project_undo (project));
          else if (collate_project_can_redo (project))
            g_assert_true (collate_project_redo (project));
          g_assert_no_error (error);
        }
      if (step % 20 == 0)
        assert_list_matches (project, mirror);
    }
  assert_list_matches (project, mirror);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 50);
  g_signal_handlers_disconnect_by_func (model, on_items_changed_mirror, mirror);
}

static void
test_edit_span (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CollateAnnotation *a = tag (f, "d1", "Truth Social", "Claim");
  g_autofree char *id = g_strdup (collate_annotation_get_id (a));
  CollateAnnotation *now;
  g_autofree const char **keys = NULL;

  g_assert_true (collate_project_set_annotation_label (f->project, id, "Organization", &error));
  g_assert_no_error (error);
  now = collate_project_lookup_annotation (f->project, id);
  g_assert_cmpstr (collate_annotation_get_label (now), ==, "Organization");
  g_assert_cmpstr (collate_annotation_get_text (now), ==, "Truth Social");

  g_assert_true (collate_project_set_annotation_note (f->project, id, "Trump’s own platform", &error));
  g_assert_true (collate_project_set_annotation_attribute (f->project, id, "confidence", "high", &error));
  g_assert_true (collate_project_set_annotation_attribute (f->project, id, "checked", "yes", &error));
  now = collate_project_lookup_annotation (f->project, id);
  g_assert_cmpstr (collate_annotation_get_note (now), ==, "Trump’s own platform");
  g_assert_cmpstr (collate_annotation_get_attribute (now, "confidence"), ==, "high");
  keys = collate_annotation_get_attribute_keys (now);
  g_assert_cmpstr (keys[0], ==, "checked");
  g_assert_cmpstr (keys[1], ==, "confidence");
  g_assert_null (keys[2]);

  g_assert_true (collate_project_set_annotation_attribute (f->project, id, "checked", NULL, &error));
  now = collate_project_lookup_annotation (f->project, id);
  g_assert_null (collate_annotation_get_attribute (now, "checked"));
  g_assert_cmpuint (collate_annotation_get_n_attributes (now), ==, 1);

  g_assert_cmpuint (f->n_changed, ==, 5);

  /* No-op edits make no undo step */
  g_assert_true (collate_project_set_annotation_label (f->project, id, "Organization", &error));
  g_assert_cmpuint (f->n_changed, ==, 5);

  g_assert_false (collate_project_set_annotation_label (f->project, id, "Nope", &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (collate_project_set_annotation_note (f->project, "a999", "x", &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND);
}

static void
test_links (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) of = NULL;
  CollateAnnotation *len1 = tag (f, "d1", "four-and-a-half-hour meeting", "Claim");
  CollateAnnotation *other = tag (f, "d1", "third official meeting with Putin since February", "Claim");
  CollateAnnotation *len2 = tag (f, "d2", "third visit to Russia this year", "Claim");
  g_autofree char *id1 = g_strdup (collate_annotation_get_id (len1));
  g_autofree char *id2 = g_strdup (collate_annotation_get_id (len2));
  CollateLink *link;
  g_autofree char *link_id = NULL;

  link = collate_project_add_link (f->project, "Contradicts", id1, id2, &error);
  g_assert_no_error (error);
  link_id = g_strdup (collate_link_get_id (link));
  g_assert_cmpstr (collate_link_get_from (link), ==, id1);
  g_assert_cmpstr (collate_link_get_to (link), ==, id2);
  g_assert_cmpstr (collate_link_get_author (link), ==, "Ada Annotator");
  g_assert_cmpuint (f->n_link_added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (collate_project_get_links (f->project)), ==, 1);

  /* Twice, or reversed, with the same label: refused */
  g_assert_null (collate_project_add_link (f->project, "Contradicts", id2, id1, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_null (collate_project_add_link (f->project, "Contradicts", id1, id1, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (collate_project_add_link (f->project, "Contradicts", id1, "a404", &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (collate_project_add_link (f->project, "Claim", id1, id2, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_nonnull (collate_project_add_link (f->project, "Same entity", collate_annotation_get_id (other), id2, &error));
  g_assert_true (collate_project_set_link_label (f->project, link_id, "Corroborates", &error));
  g_assert_true (collate_project_set_link_note (f->project, link_id, "over four hours vs 4.5", &error));
  g_assert_cmpstr (collate_link_get_label (collate_project_lookup_link (f->project, link_id)), ==, "Corroborates");
  g_assert_cmpstr (collate_link_get_note (collate_project_lookup_link (f->project, link_id)), ==, "over four hours vs 4.5");

  of = collate_project_get_links_of (f->project, id2);
  g_assert_cmpuint (of->len, ==, 2);
  g_clear_pointer (&of, g_ptr_array_unref);

  /* Removing a span removes its links, as one undo step */
  g_assert_true (collate_project_remove_annotation (f->project, id2, &error));
  g_assert_cmpuint (collate_project_get_n_links (f->project), ==, 0);
  g_assert_cmpuint (f->n_link_removed, ==, 2);
  g_assert_null (collate_project_lookup_link (f->project, link_id));

  g_assert_true (collate_project_undo (f->project));
  g_assert_cmpuint (collate_project_get_n_links (f->project), ==, 2);
  g_assert_nonnull (collate_project_lookup_annotation (f->project, id2));
  g_assert_cmpstr (collate_link_get_note (collate_project_lookup_link (f->project, link_id)), ==, "over four hours vs 4.5");
  of = collate_project_get_links_of (f->project, id1);
  g_assert_cmpuint (of->len, ==, 1);

  g_assert_true (collate_project_remove_link (f->project, link_id, &error));
  g_assert_cmpuint (collate_project_get_n_links (f->project), ==, 1);
  g_assert_false (collate_project_remove_link (f->project, link_id, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND);
}

static void
test_insert_checks (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateAnnotation) good = NULL;
  g_autoptr(CollateAnnotation) bad_quote = NULL;
  g_autoptr(CollateAnnotation) dup = NULL;
  g_autoptr(CollateLink) dangling = NULL;
  g_autoptr(CollateLink) same_id = NULL;
  guint s = find (f, "d1", "Kremlin");

  good = collate_annotation_new ("a41", "d1", s, s + 7, "Organization", "Kremlin", "", NULL, "x", "t", "t");
  g_assert_true (collate_project_insert_annotation (f->project, good, &error));
  g_assert_no_error (error);
  /* Loaded content is the saved state */
  g_assert_false (collate_project_get_modified (f->project));
  g_assert_false (collate_project_can_undo (f->project));

  bad_quote = collate_annotation_new ("a42", "d1", s, s + 7, "Organization", "Kreml1n", "", NULL, "x", "t", "t");
  g_assert_false (collate_project_insert_annotation (f->project, bad_quote, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "text: "));
  g_clear_error (&error);

  dup = collate_annotation_new ("d2", "d1", s, s + 7, "Organization", "Kremlin", "", NULL, "x", "t", "t");
  g_assert_false (collate_project_insert_annotation (f->project, dup, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS);
  g_clear_error (&error);

  dangling = collate_link_new ("l1", "Contradicts", "a41", "a77", "", "x", "t", "t");
  g_assert_false (collate_project_insert_link (f->project, dangling, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, "to: "));
  g_clear_error (&error);

  same_id = collate_link_new ("a41", "Contradicts", "a41", "a41", "", "x", "t", "t");
  g_assert_false (collate_project_insert_link (f->project, same_id, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS);

  /* New ids continue past the loaded ones */
  g_assert_cmpuint (collate_project_get_next_id (f->project), ==, 42);
  g_assert_cmpstr (collate_annotation_get_id (tag (f, "d2", "Kremlin", "Organization")), ==, "a42");
}

static void
test_schema (void)
{
  g_autoptr(CollateSchema) schema = collate_schema_new_default ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateLabel) dup = NULL;
  g_autoptr(CollateLabel) bad = NULL;
  g_autoptr(GHashTable) colors = g_hash_table_new (g_str_hash, g_str_equal);
  const char *names[] = { "Claim", "Person", "Organization", "Location", "Time", "Quantity" };
  CollateLabel *added;
  guint i;

  g_assert_cmpuint (collate_schema_get_n_labels (schema, COLLATE_LABEL_KIND_SPAN), ==, 6);
  g_assert_cmpuint (collate_schema_get_n_labels (schema, COLLATE_LABEL_KIND_LINK), ==, 3);
  for (i = 0; i < G_N_ELEMENTS (names); i++)
    {
      CollateLabel *label = collate_schema_get_label (schema, COLLATE_LABEL_KIND_SPAN, i);
      char hotkey[2] = { (char) ('1' + i), 0 };

      g_assert_cmpstr (collate_label_get_name (label), ==, names[i]);
      g_assert_cmpstr (collate_label_get_hotkey (label), ==, hotkey);
      g_assert_true (collate_schema_lookup_hotkey (schema, hotkey) == label);
      g_assert_true (collate_color_is_valid (collate_label_get_color (label)));
      g_assert_false (g_hash_table_contains (colors, collate_label_get_color (label)));
      g_hash_table_add (colors, (char *) collate_label_get_color (label));
    }
  g_assert_cmpstr (collate_label_get_name (collate_schema_get_label (schema, COLLATE_LABEL_KIND_LINK, 0)), ==, "Contradicts");
  g_assert_nonnull (collate_schema_lookup (schema, COLLATE_LABEL_KIND_LINK, "Same entity"));
  g_assert_cmpint (collate_schema_index_of (schema, COLLATE_LABEL_KIND_SPAN, "Time"), ==, 4);

  dup = collate_label_new ("Claim", "#000000", NULL, NULL, &error);
  g_assert_false (collate_schema_add (schema, COLLATE_LABEL_KIND_SPAN, dup, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS);
  g_clear_error (&error);

  bad = collate_label_new ("Event", "red", NULL, NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (collate_label_new ("", "#ffffff", NULL, NULL, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
  g_clear_error (&error);

  /* Imports add labels with colours of their own */
  for (i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("Extra %u", i);

      added = collate_schema_ensure (schema, COLLATE_LABEL_KIND_SPAN, name);
      g_assert_nonnull (added);
      g_assert_true (collate_color_is_valid (collate_label_get_color (added)));
      if (i < 10)
        {
          g_assert_false (g_hash_table_contains (colors, collate_label_get_color (added)));
          g_hash_table_add (colors, (char *) collate_label_get_color (added));
        }
    }
  g_assert_true (collate_schema_ensure (schema, COLLATE_LABEL_KIND_SPAN, "Claim") ==
                 collate_schema_lookup (schema, COLLATE_LABEL_KIND_SPAN, "Claim"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/model/documents", test_documents);
  ADD ("/model/add-span", test_add_span);
  ADD ("/model/add-span-refusals", test_add_span_refusals);
  ADD ("/model/ids-unique-never-reused", test_ids_unique_never_reused);
  ADD ("/model/queries", test_queries);
  ADD ("/model/list-model-order", test_list_model_order);
  ADD ("/model/list-model-signals", test_list_model_signals);
  ADD ("/model/edit-span", test_edit_span);
  ADD ("/model/links", test_links);
  ADD ("/model/insert-checks", test_insert_checks);
  g_test_add_func ("/model/schema", test_schema);
  g_test_add_func ("/model/list-model-many-documents", test_list_model_many_documents);

  return g_test_run ();
}
