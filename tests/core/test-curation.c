/* test-curation.c — disagreements in a merged project, a curator's decisions, and their record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <collate.h>
#include <string.h>

/*          0         1         2         3         4         5
 *          0123456789012345678901234567890123456789012345678901234 */
#define TEXT "Anna met Bob in Paris. The talks lasted four hours today."

static char *
fixed_clock (gpointer data)
{
  return g_strdup ("2026-12-05T10:00:00Z");
}

static CollateProject *
annotator (const char *name)
{
  g_autoptr(CollateDocument) doc = collate_document_new ("d1", "One", "", TEXT, -1, NULL);
  CollateProject *project = collate_project_new (name, NULL);

  collate_project_set_author (project, name);
  collate_project_set_clock (project, fixed_clock, NULL);
  g_assert_true (collate_project_add_document (project, doc, NULL));
  return project;
}

static void
span (CollateProject *project,
      guint           start,
      guint           end,
      const char     *label)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (collate_project_add_span (project, "d1", start, end, label, &error));
  g_assert_no_error (error);
}

/* alice and bob agree on "Anna" (Person); bob alone tags "Bob"; they tag
 * "Paris" with two labels; alice's claim "The talks lasted four hours" and
 * bob's "The talks lasted four hours today" overlap. */
static CollateProject *
merged_project (void)
{
  g_autoptr(CollateProject) alice = annotator ("alice");
  g_autoptr(CollateProject) bob = annotator ("bob");
  CollateProject *projects[] = { alice, bob, NULL };
  const char *names[] = { "a.collate.json", "b.collate.json", NULL };
  g_autoptr(GError) error = NULL;
  CollateProject *merged;

  span (alice, 0, 4, "Person");
  span (bob, 0, 4, "Person");
  span (bob, 9, 12, "Person");
  span (alice, 16, 21, "Location");
  span (bob, 16, 21, "Organization");
  span (alice, 23, 50, "Claim");
  span (bob, 23, 56, "Claim");
  merged = collate_projects_merge (projects, names, &error);
  g_assert_no_error (error);
  collate_project_set_author (merged, "carol");
  collate_project_set_clock (merged, fixed_clock, NULL);
  return merged;
}

static void
test_annotators (void)
{
  g_autoptr(CollateProject) merged = merged_project ();
  g_auto(GStrv) names = collate_project_dup_annotators (merged);
  g_autoptr(CollateProject) single = annotator ("alice");
  g_auto(GStrv) one = NULL;
  g_autoptr(GPtrArray) none = NULL;

  g_assert_cmpstrv (names, ((const char *[]) { "alice", "bob", NULL }));
  span (single, 0, 4, "Person");
  one = collate_project_dup_annotators (single);
  g_assert_cmpstrv (one, ((const char *[]) { "alice", NULL }));
  /* one annotator: nothing to dispute */
  none = collate_project_find_disputes (single);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_find (void)
{
  g_autoptr(CollateProject) merged = merged_project ();
  g_autoptr(GPtrArray) disputes = collate_project_find_disputes (merged);
  CollateDispute *d;

  /* "Bob", "Paris" (two labels), the claims; not "Anna" */
  g_assert_cmpuint (disputes->len, ==, 3);
  d = g_ptr_array_index (disputes, 0);
  g_assert_cmpuint (collate_dispute_get_start (d), ==, 9);
  g_assert_cmpuint (collate_dispute_get_end (d), ==, 12);
  g_assert_cmpuint (collate_dispute_get_spans (d)->len, ==, 1);
  g_assert_false (collate_dispute_is_decided (d));
  d = g_ptr_array_index (disputes, 1);
  g_assert_cmpuint (collate_dispute_get_start (d), ==, 16);
  g_assert_cmpuint (collate_dispute_get_end (d), ==, 21);
  g_assert_cmpuint (collate_dispute_get_spans (d)->len, ==, 2);
  d = g_ptr_array_index (disputes, 2);
  g_assert_cmpuint (collate_dispute_get_start (d), ==, 23);
  g_assert_cmpuint (collate_dispute_get_end (d), ==, 56);
  g_assert_cmpuint (collate_dispute_get_spans (d)->len, ==, 2);
  g_assert_cmpstrv (collate_dispute_get_annotators (d), ((const char *[]) { "alice", "bob", NULL }));
}

static CollateDispute *
dispute_at (CollateProject *project,
            guint           start)
{
  g_autoptr(GPtrArray) disputes = collate_project_find_disputes (project);

  for (guint i = 0; i < disputes->len; i++)
    if (collate_dispute_get_start (g_ptr_array_index (disputes, i)) == start)
      return g_object_ref (g_ptr_array_index (disputes, i));
  return NULL;
}

static guint
spans_with_label (CollateProject *project,
                  const char     *label)
{
  GListModel *spans = collate_project_get_annotations (project);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (spans); i++)
    {
      g_autoptr(CollateAnnotation) a = g_list_model_get_item (spans, i);

      n += g_str_equal (collate_annotation_get_label (a), label);
    }
  return n;
}

static void
test_curate_one_and_undo (void)
{
  g_autoptr(CollateProject) merged = merged_project ();
  g_autoptr(CollateDispute) paris = dispute_at (merged, 16);
  g_autoptr(CollateDispute) again = NULL;
  g_autoptr(GPtrArray) disputes = NULL;
  g_autoptr(GError) error = NULL;
  guint n_before = collate_project_get_n_annotations (merged);
  CollateCuration *c;
  const CollateCurationVersion *v;

  c = collate_project_curate (merged, paris, COLLATE_CURATION_CHOICE_ONE, "bob", &error);
  g_assert_no_error (error);
  g_assert_nonnull (c);
  g_assert_cmpuint (collate_project_get_n_annotations (merged), ==, n_before - 1);
  g_assert_cmpuint (spans_with_label (merged, "Location"), ==, 0);
  g_assert_cmpuint (spans_with_label (merged, "Organization"), ==, 1);
  g_assert_cmpstr (collate_curation_get_author (c), ==, "carol");
  g_assert_cmpstr (collate_curation_get_created (c), ==, "2026-12-05T10:00:00Z");
  g_assert_cmpstr (collate_curation_get_choice (c), ==, "one");
  g_assert_cmpstrv (collate_curation_get_chosen (c), ((const char *[]) { "bob", NULL }));
  g_assert_cmpstr (collate_curation_get_text (c), ==, "Paris");
  g_assert_cmpuint (collate_curation_get_n_versions (c), ==, 2);
  v = collate_curation_get_version (c, 0);
  g_assert_cmpstr (v->label, ==, "Location");
  g_assert_cmpstrv (v->annotators, ((const char *[]) { "alice", NULL }));
  g_assert_false (v->accepted);
  v = collate_curation_get_version (c, 1);
  g_assert_cmpstr (v->label, ==, "Organization");
  g_assert_true (v->accepted);

  /* the passage is now decided, not open; two open ones are left */
  disputes = collate_project_find_disputes (merged);
  g_assert_cmpuint (disputes->len, ==, 3);
  g_assert_true (collate_dispute_is_decided (g_ptr_array_index (disputes, 1)));
  g_assert_true (collate_dispute_get_curation (g_ptr_array_index (disputes, 1)) == c);
  /* deciding it twice is refused */
  again = dispute_at (merged, 16);
  g_assert_null (collate_project_curate (merged, again, COLLATE_CURATION_CHOICE_ALL, NULL, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
  g_clear_error (&error);

  /* one undo step puts everything back */
  g_assert_cmpstr (collate_project_get_undo_description (merged), ==, "Curate");
  g_assert_true (collate_project_undo (merged));
  g_assert_cmpuint (collate_project_get_n_curations (merged), ==, 0);
  g_assert_cmpuint (collate_project_get_n_annotations (merged), ==, n_before);
  g_assert_cmpuint (spans_with_label (merged, "Location"), ==, 1);
  g_assert_true (collate_project_redo (merged));
  g_assert_cmpuint (collate_project_get_n_curations (merged), ==, 1);
  g_assert_cmpuint (spans_with_label (merged, "Location"), ==, 0);
}

static void
test_curate_all_none_and_errors (void)
{
  g_autoptr(CollateProject) merged = merged_project ();
  g_autoptr(CollateDispute) bob = dispute_at (merged, 9);
  g_autoptr(CollateDispute) claims = dispute_at (merged, 23);
  g_autoptr(CollateDispute) paris = dispute_at (merged, 16);
  g_autoptr(GPtrArray) disputes = NULL;
  g_autoptr(GError) error = NULL;
  CollateCuration *c;
  guint n;

  /* unknown annotators and choices are refused, and change nothing */
  n = collate_project_get_n_annotations (merged);
  g_assert_null (collate_project_curate (merged, paris, COLLATE_CURATION_CHOICE_ONE, "dave", &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (collate_project_curate (merged, paris, "both", NULL, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (collate_project_get_n_annotations (merged), ==, n);
  g_assert_false (collate_project_can_undo (merged));

  c = collate_project_curate (merged, claims, COLLATE_CURATION_CHOICE_ALL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (collate_project_get_n_annotations (merged), ==, n);
  g_assert_cmpstrv (collate_curation_get_chosen (c), ((const char *[]) { "alice", "bob", NULL }));
  g_assert_true (collate_curation_get_version (c, 0)->accepted);
  g_assert_true (collate_curation_get_version (c, 1)->accepted);

  c = collate_project_curate (merged, bob, COLLATE_CURATION_CHOICE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (collate_project_get_n_annotations (merged), ==, n - 1);
  g_assert_cmpuint (g_strv_length ((GStrv) collate_curation_get_chosen (c)), ==, 0);
  g_assert_false (collate_curation_get_version (c, 0)->accepted);

  /* a span of a listed dispute removed since: refused */
  g_assert_true (collate_project_remove_annotation (merged,
                 collate_annotation_get_id (g_ptr_array_index (collate_dispute_get_spans (paris), 0)), NULL));
  g_assert_null (collate_project_curate (merged, paris, COLLATE_CURATION_CHOICE_ALL, NULL, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND);

  /* the decided passages stay listed, the span "Bob" is gone but its record stays */
  disputes = collate_project_find_disputes (merged);
  g_assert_cmpuint (disputes->len, ==, 3);
  g_assert_true (collate_dispute_is_decided (g_ptr_array_index (disputes, 0)));
  g_assert_false (collate_dispute_is_decided (g_ptr_array_index (disputes, 1)));
  g_assert_true (collate_dispute_is_decided (g_ptr_array_index (disputes, 2)));
}

/* Written as version 4 only with curations; read back the same; older
 * versions refuse the member */
static void
test_file (void)
{
  g_autoptr(CollateProject) merged = merged_project ();
  g_autoptr(CollateDispute) paris = dispute_at (merged, 16);
  g_autoptr(GBytes) before = collate_project_to_bytes (merged);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(CollateProject) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) old = NULL;
  g_autoptr(GBytes) old_bytes = NULL;
  CollateCuration *c;

  g_assert_nonnull (g_strstr_len (g_bytes_get_data (before, NULL), -1, "\"version\": 1,"));
  g_assert_nonnull (collate_project_curate (merged, paris, COLLATE_CURATION_CHOICE_ONE, "alice", &error));
  bytes = collate_project_to_bytes (merged);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (strstr (text, "\"version\": 4,"));
  g_assert_nonnull (strstr (text, "\"curations\": [\n    {\n      \"id\": \"c"));
  g_assert_nonnull (strstr (text, "\"choice\": \"one\",\n      \"chosen\": [\"alice\"]"));
  g_assert_nonnull (strstr (text, "\"annotators\": [\"bob\"],\n          \"decision\": \"rejected\""));

  loaded = collate_project_load_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (collate_project_get_n_curations (loaded), ==, 1);
  c = g_list_model_get_item (collate_project_get_curations (loaded), 0);
  g_assert_cmpstr (collate_curation_get_author (c), ==, "carol");
  g_assert_cmpuint (collate_curation_get_n_versions (c), ==, 2);
  g_object_unref (c);
  again = collate_project_to_bytes (loaded);
  g_assert_true (g_bytes_equal (bytes, again));

  /* a version 3 file has no curations */
  old = g_string_new (text);
  g_assert_cmpint (g_string_replace (old, "\"version\": 4,", "\"version\": 3,", 1), ==, 1);
  old_bytes = g_bytes_new (old->str, old->len);
  g_clear_object (&loaded);
  loaded = collate_project_load_bytes (old_bytes, &error);
  g_assert_null (loaded);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "curations"));
}

/* Each broken curation gets a message naming the place */
static void
test_malformed (void)
{
  g_autoptr(CollateProject) merged = merged_project ();
  g_autoptr(CollateDispute) paris = dispute_at (merged, 16);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  const struct { const char *from, *to, *message; } cases[] = {
    { "\"choice\": \"one\"", "\"choice\": \"some\"", "curations[0].choice: must be" },
    { "\"chosen\": [\"alice\"]", "\"chosen\": []", "curations[0].chosen: holds 0 annotators" },
    { "\"chosen\": [\"alice\"]", "\"chosen\": [1]", "curations[0].chosen[0]" },
    { "\"text\": \"Paris\",\n      \"choice\"", "\"text\": \"Parus\",\n      \"choice\"", "curations[0].text: the quote differs" },
    { "\"decision\": \"rejected\"", "\"decision\": \"maybe\"", "curations[0].versions[1].decision" },
    { "\"decision\": \"rejected\"", "\"decision\": \"rejected\", \"reversed\": true",
      "curations[0].versions[1].reversed: only a curation of links" },
    { "\"annotators\": [\"bob\"]", "\"annotators\": []", "curations[0].versions[1].annotators: names nobody" },
    { "\"label\": \"Organization\",\n          \"start\": 16", "\"label\": \"Nothing\",\n          \"start\": 16", "curations[0].versions[1].label" },
    { "\"document\": \"d1\",\n      \"start\": 16,\n      \"end\": 21,\n      \"text\"",
      "\"document\": \"d9\",\n      \"start\": 16,\n      \"end\": 21,\n      \"text\"", "curations[0].document: there is no document" },
  };

  g_assert_nonnull (collate_project_curate (merged, paris, COLLATE_CURATION_CHOICE_ONE, "alice", NULL));
  bytes = collate_project_to_bytes (merged);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) broken = g_string_new (text);
      g_autoptr(GBytes) input = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(CollateProject) loaded = NULL;

      g_test_message ("case %u: %s", i, cases[i].to);
      g_assert_cmpint (g_string_replace (broken, cases[i].from, cases[i].to, 1), ==, 1);
      input = g_bytes_new (broken->str, broken->len);
      loaded = collate_project_load_bytes (input, &error);
      g_assert_null (loaded);
      g_assert_nonnull (error);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: \"%s\" lacks \"%s\"", i, error->message, cases[i].message);
    }
}

/* git's merge driver keeps both sides' curations */
static void
test_merge3 (void)
{
  g_autoptr(CollateProject) merged = merged_project ();
  g_autoptr(GBytes) base_bytes = collate_project_to_bytes (merged);
  g_autoptr(CollateProject) base = collate_project_load_bytes (base_bytes, NULL);
  g_autoptr(CollateProject) ours = collate_project_load_bytes (base_bytes, NULL);
  g_autoptr(CollateProject) theirs = collate_project_load_bytes (base_bytes, NULL);
  g_autoptr(CollateDispute) paris = NULL;
  g_autoptr(CollateDispute) claims = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CollateProject) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (base);
  collate_project_set_author (ours, "carol");
  collate_project_set_author (theirs, "dave");
  paris = dispute_at (ours, 16);
  claims = dispute_at (theirs, 23);
  g_assert_nonnull (collate_project_curate (ours, paris, COLLATE_CURATION_CHOICE_ONE, "bob", &error));
  g_assert_nonnull (collate_project_curate (theirs, claims, COLLATE_CURATION_CHOICE_ALL, NULL, &error));
  g_assert_no_error (error);

  result = collate_project_merge3 (base, ours, theirs, conflicts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_cmpuint (collate_project_get_n_curations (result), ==, 2);
  g_assert_cmpuint (spans_with_label (result, "Location"), ==, 0);
}

/* ── Links ── */

#define TEXT2 "Paris was calm."

/* The id of the span at [@start, @end) of @document_id */
static const char *
span_at (CollateProject *project,
         const char     *document_id,
         guint           start,
         guint           end)
{
  GListModel *spans = collate_project_get_annotations (project);

  for (guint i = 0; i < g_list_model_get_n_items (spans); i++)
    {
      g_autoptr(CollateAnnotation) a = g_list_model_get_item (spans, i);

      if (g_str_equal (collate_annotation_get_document_id (a), document_id)
          && collate_annotation_get_start (a) == start && collate_annotation_get_end (a) == end)
        return collate_annotation_get_id (a);
    }
  g_assert_not_reached ();
}

static void
add_link (CollateProject *project,
          const char     *label,
          const char     *from_document,
          guint           from_start,
          guint           from_end,
          const char     *to_document,
          guint           to_start,
          guint           to_end)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (collate_project_add_link (project, label,
                                              span_at (project, from_document, from_start, from_end),
                                              span_at (project, to_document, to_start, to_end), &error));
  g_assert_no_error (error);
}

/* Both tag "Anna", "Bob", "Paris" in d1 and "Paris" in d2; alice alone
 * tags "today".  Links: both Anna → Paris (agreed); Anna → Bob
 * "Corroborates" by alice but Bob → Anna "Contradicts" by bob (the same
 * ends, another label and way round); Paris (d1) → Paris (d2) "Same
 * entity" by alice alone (across documents); today → Anna by alice alone
 * (hangs on a span in dispute). */
static CollateProject *
linked_project (void)
{
  g_autoptr(CollateProject) alice = annotator ("alice");
  g_autoptr(CollateProject) bob = annotator ("bob");
  CollateProject *projects[] = { alice, bob, NULL };
  const char *names[] = { "a.collate.json", "b.collate.json", NULL };
  g_autoptr(GError) error = NULL;
  CollateProject *merged;

  for (guint i = 0; projects[i] != NULL; i++)
    {
      g_autoptr(CollateDocument) doc = collate_document_new ("d2", "Two", "", TEXT2, -1, NULL);

      g_assert_true (collate_project_add_document (projects[i], doc, NULL));
      span (projects[i], 0, 4, "Person");
      span (projects[i], 9, 12, "Person");
      span (projects[i], 16, 21, "Location");
      g_assert_nonnull (collate_project_add_span (projects[i], "d2", 0, 5, "Location", NULL));
      add_link (projects[i], "Corroborates", "d1", 0, 4, "d1", 16, 21);
    }
  span (alice, 51, 56, "Claim");
  add_link (alice, "Corroborates", "d1", 0, 4, "d1", 9, 12);
  add_link (bob, "Contradicts", "d1", 9, 12, "d1", 0, 4);
  add_link (alice, "Same entity", "d1", 16, 21, "d2", 0, 5);
  add_link (alice, "Corroborates", "d1", 51, 56, "d1", 0, 4);
  merged = collate_projects_merge (projects, names, &error);
  g_assert_no_error (error);
  collate_project_set_author (merged, "carol");
  collate_project_set_clock (merged, fixed_clock, NULL);
  return merged;
}

static CollateDispute *
link_dispute_at (CollateProject *project,
                 guint           start,
                 const char     *link_document_id,
                 guint           link_start)
{
  g_autoptr(GPtrArray) disputes = collate_project_find_disputes (project);

  for (guint i = 0; i < disputes->len; i++)
    {
      CollateDispute *d = g_ptr_array_index (disputes, i);

      if (collate_dispute_is_link (d) && collate_dispute_get_start (d) == start
          && g_str_equal (collate_dispute_get_link_document_id (d), link_document_id)
          && collate_dispute_get_link_start (d) == link_start)
        return g_object_ref (d);
    }
  return NULL;
}

static void
test_find_links (void)
{
  g_autoptr(CollateProject) merged = linked_project ();
  g_autoptr(GPtrArray) disputes = collate_project_find_disputes (merged);
  CollateDispute *d;
  GPtrArray *links;

  /* the span "today" first, then the links: Anna–Bob, Anna–today, Paris–Paris */
  g_assert_cmpuint (disputes->len, ==, 4);
  d = g_ptr_array_index (disputes, 0);
  g_assert_false (collate_dispute_is_link (d));
  g_assert_cmpuint (collate_dispute_get_start (d), ==, 51);

  d = g_ptr_array_index (disputes, 1);
  g_assert_true (collate_dispute_is_link (d));
  g_assert_cmpstr (collate_dispute_get_document_id (d), ==, "d1");
  g_assert_cmpuint (collate_dispute_get_start (d), ==, 0);
  g_assert_cmpuint (collate_dispute_get_end (d), ==, 4);
  g_assert_cmpstr (collate_dispute_get_link_document_id (d), ==, "d1");
  g_assert_cmpuint (collate_dispute_get_link_start (d), ==, 9);
  g_assert_cmpuint (collate_dispute_get_link_end (d), ==, 12);
  links = collate_dispute_get_links (d);
  g_assert_cmpuint (links->len, ==, 2);
  {
    g_auto(GStrv) who0 = collate_link_dup_annotators (g_ptr_array_index (links, 0));
    g_auto(GStrv) who1 = collate_link_dup_annotators (g_ptr_array_index (links, 1));
    g_autofree char *joined = g_strconcat (collate_link_get_label (g_ptr_array_index (links, 0)), ":", who0[0], " ",
                                           collate_link_get_label (g_ptr_array_index (links, 1)), ":", who1[0], NULL);

    g_assert_true (g_str_equal (joined, "Corroborates:alice Contradicts:bob")
                   || g_str_equal (joined, "Contradicts:bob Corroborates:alice"));
  }

  d = g_ptr_array_index (disputes, 2);
  g_assert_true (collate_dispute_is_link (d));
  g_assert_cmpuint (collate_dispute_get_start (d), ==, 0);
  g_assert_cmpuint (collate_dispute_get_link_start (d), ==, 51);

  d = g_ptr_array_index (disputes, 3);
  g_assert_true (collate_dispute_is_link (d));
  g_assert_cmpuint (collate_dispute_get_start (d), ==, 16);
  g_assert_cmpstr (collate_dispute_get_link_document_id (d), ==, "d2");
  g_assert_cmpuint (collate_dispute_get_link_start (d), ==, 0);
  g_assert_cmpuint (collate_dispute_get_links (d)->len, ==, 1);
}

static void
test_curate_links (void)
{
  g_autoptr(CollateProject) merged = linked_project ();
  g_autoptr(CollateDispute) pair = link_dispute_at (merged, 0, "d1", 9);
  g_autoptr(CollateDispute) across = link_dispute_at (merged, 16, "d2", 0);
  g_autoptr(CollateDispute) today = dispute_at (merged, 51);
  g_autoptr(CollateDispute) hanging = link_dispute_at (merged, 0, "d1", 51);
  g_autoptr(GPtrArray) disputes = NULL;
  g_autoptr(GError) error = NULL;
  guint n_links = collate_project_get_n_links (merged);
  CollateCuration *c;
  const CollateCurationVersion *v;

  /* bob's version: his "Contradicts" stays, alice's "Corroborates" goes */
  c = collate_project_curate (merged, pair, COLLATE_CURATION_CHOICE_ONE, "bob", &error);
  g_assert_no_error (error);
  g_assert_true (collate_curation_is_link (c));
  g_assert_cmpuint (collate_project_get_n_links (merged), ==, n_links - 1);
  g_assert_cmpstr (collate_curation_get_text (c), ==, "Anna");
  g_assert_cmpstr (collate_curation_get_link_document_id (c), ==, "d1");
  g_assert_cmpstr (collate_curation_get_link_text (c), ==, "Bob");
  g_assert_cmpuint (collate_curation_get_n_versions (c), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      v = collate_curation_get_version (c, i);
      if (g_str_equal (v->label, "Contradicts"))
        {
          g_assert_true (v->accepted);
          g_assert_true (v->reversed);
          g_assert_cmpstr (v->text, ==, "Bob");
          g_assert_cmpstrv (v->annotators, ((const char *[]) { "bob", NULL }));
        }
      else
        {
          g_assert_cmpstr (v->label, ==, "Corroborates");
          g_assert_false (v->accepted);
          g_assert_false (v->reversed);
          g_assert_cmpstr (v->text, ==, "Anna");
        }
    }
  /* decided now; twice is refused */
  disputes = collate_project_find_disputes (merged);
  g_assert_cmpuint (disputes->len, ==, 4);
  g_assert_true (collate_dispute_is_decided (g_ptr_array_index (disputes, 1)));
  g_assert_null (collate_project_curate (merged, g_ptr_array_index (disputes, 1), COLLATE_CURATION_CHOICE_ALL,
                                         NULL, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
  g_clear_error (&error);

  /* one undo step */
  g_assert_true (collate_project_undo (merged));
  g_assert_cmpuint (collate_project_get_n_links (merged), ==, n_links);
  g_assert_cmpuint (collate_project_get_n_curations (merged), ==, 0);
  g_assert_true (collate_project_redo (merged));

  /* across documents: none */
  c = collate_project_curate (merged, across, COLLATE_CURATION_CHOICE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (collate_curation_get_link_document_id (c), ==, "d2");
  g_assert_cmpuint (collate_project_get_n_links (merged), ==, n_links - 2);

  /* the span "today" decided away takes its link along, in the same step:
   * the link dispute is gone, and settling it as listed before is refused */
  c = collate_project_curate (merged, today, COLLATE_CURATION_CHOICE_ONE, "bob", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (collate_project_get_n_links (merged), ==, n_links - 3);
  g_clear_pointer (&disputes, g_ptr_array_unref);
  disputes = collate_project_find_disputes (merged);
  g_assert_cmpuint (disputes->len, ==, 3);
  for (guint i = 0; i < disputes->len; i++)
    g_assert_true (collate_dispute_is_decided (g_ptr_array_index (disputes, i)));
  g_assert_null (collate_project_curate (merged, hanging, COLLATE_CURATION_CHOICE_ALL, NULL, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* undone, the span and its link are back, and so is the link dispute */
  g_assert_true (collate_project_undo (merged));
  g_assert_cmpuint (collate_project_get_n_links (merged), ==, n_links - 2);
  g_assert_nonnull (collate_project_curate (merged, hanging, COLLATE_CURATION_CHOICE_ALL, NULL, &error));
  g_assert_no_error (error);
}

/* A link curation is written with "link_end" and "reversed", read back
 * the same; broken ones are refused with the place */
static void
test_link_file (void)
{
  g_autoptr(CollateProject) merged = linked_project ();
  g_autoptr(CollateDispute) pair = link_dispute_at (merged, 0, "d1", 9);
  g_autoptr(CollateProject) loaded = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) disputes = NULL;
  const struct { const char *from, *to, *message; } cases[] = {
    { "\"reversed\": true", "\"reversed\": 1", "curations[0].versions[1].reversed: expected true or false" },
    { "\"reversed\": true", "\"reversed\": false", "curations[0].versions[1]: 9–12 is not the end" },
    { "\"label\": \"Contradicts\",\n          \"start\": 9", "\"label\": \"Person\",\n          \"start\": 9", "curations[0].versions[1].label: \"Person\" is not a link label" },
    { "\"text\": \"Bob\"\n      }", "\"text\": \"Bib\"\n      }", "curations[0].link_end.text: the quote differs" },
    { "\"document\": \"d1\",\n        \"start\": 9", "\"document\": \"d7\",\n        \"start\": 9", "curations[0].link_end.document" },
    { "\"text\": \"Bob\"\n      }", "\"text\": \"Bob\", \"x\": 1\n      }", "curations[0].link_end.x: unknown field" },
  };

  g_assert_nonnull (collate_project_curate (merged, pair, COLLATE_CURATION_CHOICE_ALL, NULL, &error));
  g_assert_no_error (error);
  bytes = collate_project_to_bytes (merged);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (strstr (text, "\"version\": 4,"));
  g_assert_nonnull (strstr (text, "\"text\": \"Anna\",\n      \"link_end\": {\n        \"document\": \"d1\",\n"
                                  "        \"start\": 9,\n        \"end\": 12,\n        \"text\": \"Bob\"\n      },"));
  g_assert_nonnull (strstr (text, "\"decision\": \"accepted\",\n          \"reversed\": true"));
  loaded = collate_project_load_bytes (bytes, &error);
  g_assert_no_error (error);
  again = collate_project_to_bytes (loaded);
  g_assert_true (g_bytes_equal (bytes, again));
  /* the dispute stays decided in the loaded project */
  disputes = collate_project_find_disputes (loaded);
  g_assert_true (collate_dispute_is_link (g_ptr_array_index (disputes, 1)));
  g_assert_true (collate_dispute_is_decided (g_ptr_array_index (disputes, 1)));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) broken = g_string_new (text);
      g_autoptr(GBytes) input = NULL;
      g_autoptr(GError) err = NULL;
      g_autoptr(CollateProject) bad = NULL;

      g_test_message ("case %u: %s", i, cases[i].to);
      g_assert_cmpint (g_string_replace (broken, cases[i].from, cases[i].to, 1), ==, 1);
      input = g_bytes_new (broken->str, broken->len);
      bad = collate_project_load_bytes (input, &err);
      g_assert_null (bad);
      g_assert_nonnull (err);
      if (strstr (err->message, cases[i].message) == NULL)
        g_error ("case %u: \"%s\" lacks \"%s\"", i, err->message, cases[i].message);
    }
}

/* git's merge driver keeps both sides' link curations, the one added on
 * both sides under the same id copied under a fresh one with its other end */
static void
test_merge3_links (void)
{
  g_autoptr(CollateProject) merged = linked_project ();
  g_autoptr(GBytes) base_bytes = collate_project_to_bytes (merged);
  g_autoptr(CollateProject) base = collate_project_load_bytes (base_bytes, NULL);
  g_autoptr(CollateProject) ours = collate_project_load_bytes (base_bytes, NULL);
  g_autoptr(CollateProject) theirs = collate_project_load_bytes (base_bytes, NULL);
  g_autoptr(CollateDispute) pair = NULL;
  g_autoptr(CollateDispute) across = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CollateProject) result = NULL;
  g_autoptr(GPtrArray) disputes = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(CollateProject) again = NULL;
  g_autoptr(GError) error = NULL;
  guint n_link_curations = 0;

  g_assert_nonnull (base);
  pair = link_dispute_at (ours, 0, "d1", 9);
  across = link_dispute_at (theirs, 16, "d2", 0);
  g_assert_nonnull (collate_project_curate (ours, pair, COLLATE_CURATION_CHOICE_ONE, "bob", &error));
  g_assert_nonnull (collate_project_curate (theirs, across, COLLATE_CURATION_CHOICE_NONE, NULL, &error));
  g_assert_no_error (error);

  result = collate_project_merge3 (base, ours, theirs, conflicts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_cmpuint (collate_project_get_n_curations (result), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CollateCuration) c = g_list_model_get_item (collate_project_get_curations (result), i);

      n_link_curations += collate_curation_is_link (c);
    }
  g_assert_cmpuint (n_link_curations, ==, 2);
  /* both decided in the result, and it writes and reads back */
  disputes = collate_project_find_disputes (result);
  for (guint i = 0; i < disputes->len; i++)
    {
      CollateDispute *d = g_ptr_array_index (disputes, i);

      if (collate_dispute_is_link (d) && collate_dispute_get_start (d) != 0)
        g_assert_true (collate_dispute_is_decided (d));
    }
  written = collate_project_to_bytes (result);
  again = collate_project_load_bytes (written, &error);
  g_assert_no_error (error);
}

/* The list kept up to date decision by decision equals the list found
 * again each time */
static void
assert_same_disputes (GListModel *kept,
                      GPtrArray  *found)
{
  g_assert_cmpuint (g_list_model_get_n_items (kept), ==, found->len);
  for (guint i = 0; i < found->len; i++)
    {
      g_autoptr(CollateDispute) a = g_list_model_get_item (kept, i);
      CollateDispute *b = g_ptr_array_index (found, i);

      g_assert_cmpint (collate_dispute_is_link (a), ==, collate_dispute_is_link (b));
      g_assert_cmpint (collate_dispute_is_decided (a), ==, collate_dispute_is_decided (b));
      g_assert_cmpstr (collate_dispute_get_document_id (a), ==, collate_dispute_get_document_id (b));
      g_assert_cmpuint (collate_dispute_get_start (a), ==, collate_dispute_get_start (b));
      g_assert_cmpuint (collate_dispute_get_end (a), ==, collate_dispute_get_end (b));
      g_assert_cmpstr (collate_dispute_get_link_document_id (a), ==, collate_dispute_get_link_document_id (b));
      g_assert_cmpuint (collate_dispute_get_link_start (a), ==, collate_dispute_get_link_start (b));
      g_assert_cmpuint (collate_dispute_get_links (a)->len, ==, collate_dispute_get_links (b)->len);
      g_assert_true (collate_dispute_get_curation (a) == collate_dispute_get_curation (b));
    }
}

static void
test_settle_in_place (void)
{
  const char *choices[] = { COLLATE_CURATION_CHOICE_ONE, COLLATE_CURATION_CHOICE_ALL, COLLATE_CURATION_CHOICE_NONE };

  /* each order of choices: "bob" first decides "today" away with its link */
  for (guint round = 0; round < G_N_ELEMENTS (choices); round++)
    {
      g_autoptr(CollateProject) merged = linked_project ();
      g_autoptr(GListStore) store = g_list_store_new (COLLATE_TYPE_DISPUTE);
      g_autoptr(GPtrArray) found = collate_project_find_disputes (merged);
      guint step = 0;

      g_list_store_splice (store, 0, 0, found->pdata, found->len);
      for (;;)
        {
          g_autoptr(GPtrArray) again = NULL;
          g_autoptr(GError) error = NULL;
          g_autoptr(CollateDispute) d = NULL;
          const char *choice = choices[(round + step++) % G_N_ELEMENTS (choices)];
          CollateCuration *c;
          guint position = 0, n_links;

          for (; position < g_list_model_get_n_items (G_LIST_MODEL (store)); position++)
            {
              g_clear_object (&d);
              d = g_list_model_get_item (G_LIST_MODEL (store), position);
              if (!collate_dispute_is_decided (d))
                break;
            }
          if (position == g_list_model_get_n_items (G_LIST_MODEL (store)))
            break;
          n_links = collate_project_get_n_links (merged);
          c = collate_project_curate (merged, d, choice, "bob", &error);
          g_assert_no_error (error);
          collate_disputes_settle (store, position, merged, c, n_links - collate_project_get_n_links (merged));
          again = collate_project_find_disputes (merged);
          assert_same_disputes (G_LIST_MODEL (store), again);
        }
      g_assert_cmpuint (step, >=, 3);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/curation/annotators", test_annotators);
  g_test_add_func ("/curation/find", test_find);
  g_test_add_func ("/curation/curate-one-and-undo", test_curate_one_and_undo);
  g_test_add_func ("/curation/curate-all-none-and-errors", test_curate_all_none_and_errors);
  g_test_add_func ("/curation/file", test_file);
  g_test_add_func ("/curation/malformed", test_malformed);
  g_test_add_func ("/curation/merge3", test_merge3);
  g_test_add_func ("/curation/find-links", test_find_links);
  g_test_add_func ("/curation/curate-links", test_curate_links);
  g_test_add_func ("/curation/link-file", test_link_file);
  g_test_add_func ("/curation/settle-in-place", test_settle_in_place);
  g_test_add_func ("/curation/merge3-links", test_merge3_links);

  return g_test_run ();
}
