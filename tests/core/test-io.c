/* test-io.c — reading and writing *.collate.json
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <collate.h>
#include <collate-json-reader.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

static char *
fixed_clock (gpointer user_data)
{
  return g_strdup ("2026-11-23T18:00:00Z");
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

static CollateProject *
load_fixture (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CollateProject *project = collate_project_load_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (project);
  return project;
}

static CollateProject *
reload (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  CollateProject *project = collate_project_load_bytes (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (project);
  return project;
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  return g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                       needle) != NULL;
}

/* Offsets of the first @nth (from 0) occurrence of @needle, in characters */
static void
find_span (CollateDocument *document,
           const char      *needle,
           guint           *start,
           guint           *end)
{
  const char *text = collate_document_get_text (document);
  const char *at = strstr (text, needle);

  g_assert_nonnull (at);
  *start = (guint) g_utf8_pointer_to_offset (text, at);
  *end = *start + (guint) g_utf8_strlen (needle, -1);
}

static CollateAnnotation *
add_span (CollateProject *project,
          const char     *document_id,
          const char     *needle,
          const char     *label)
{
  CollateDocument *document = collate_project_lookup_document (project, document_id);
  g_autoptr(GError) error = NULL;
  CollateAnnotation *annotation;
  guint start, end;

  find_span (document, needle, &start, &end);
  annotation = collate_project_add_span (project, document_id, start, end, label, &error);
  g_assert_no_error (error);
  g_assert_nonnull (annotation);
  return annotation;
}

/* A project built through the API from the two sample reports */
static CollateProject *
build_sample_project (void)
{
  g_autoptr(CollateSchema) schema = collate_schema_new_default ();
  CollateProject *project = collate_project_new ("Two \"reports\" \\ one event", schema);
  const char *dir = g_getenv ("COLLATE_SAMPLES_DIR");
  const char *names[] = { "witkoff-putin-report-1.txt", "witkoff-putin-report-2.txt" };
  g_autoptr(GError) error = NULL;
  g_autofree char *id_hours = NULL;
  g_autofree char *id_over = NULL;
  g_autofree char *id_envoy = NULL;
  g_autofree char *id_gone = NULL;
  CollateLink *link;

  g_assert_nonnull (dir);
  collate_project_set_author (project, "Ann Otator");
  collate_project_set_clock (project, fixed_clock, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *id = collate_project_next_document_id (project);
      g_autoptr(CollateDocument) document = collate_document_new_from_file (path, id, &error);

      g_assert_no_error (error);
      g_assert_true (collate_project_add_document (project, document, &error));
      g_assert_no_error (error);
    }

  add_span (project, "d1", "Trump to Russia", "Claim");
  id_hours = g_strdup (collate_annotation_get_id (add_span (project, "d1", "four-and-a-half-hour meeting", "Quantity")));
  /* nested and overlapping spans */
  add_span (project, "d1", "four-and-a-half-hour", "Time");
  add_span (project, "d1", "half-hour meeting", "Quantity");
  add_span (project, "d1", "“get moving”", "Claim");
  id_envoy = g_strdup (collate_annotation_get_id (add_span (project, "d1", "Steve Witkoff", "Person")));
  id_over = g_strdup (collate_annotation_get_id (add_span (project, "d2", "over four hours", "Quantity")));
  id_gone = g_strdup (collate_annotation_get_id (add_span (project, "d2", "Witkoff", "Person")));

  g_assert_true (collate_project_set_annotation_note (project, id_hours,
                                                      "Quote \"this\", a back\\slash,\na tab\t"
                                                      "and a bell \x07.", &error));
  g_assert_true (collate_project_set_annotation_attribute (project, id_hours, "zeta", "last", &error));
  g_assert_true (collate_project_set_annotation_attribute (project, id_hours, "alpha", "first", &error));
  g_assert_true (collate_project_set_annotation_attribute (project, id_hours, "Ünïcode", "ключ", &error));
  g_assert_no_error (error);

  link = collate_project_add_link (project, "Contradicts", id_hours, id_over, &error);
  g_assert_no_error (error);
  g_assert_true (collate_project_set_link_note (project, collate_link_get_id (link),
                                                "4.5 h against “over four”", &error));
  g_assert_nonnull (collate_project_add_link (project, "Same entity", id_envoy, id_gone, &error));
  g_assert_no_error (error);

  /* A removed span (and its link): its id must never come back */
  g_assert_true (collate_project_remove_annotation (project, id_gone, &error));
  g_assert_no_error (error);

  g_hash_table_insert (collate_project_get_metadata (project), g_strdup ("zz"), g_strdup ("last"));
  g_hash_table_insert (collate_project_get_metadata (project), g_strdup ("event"),
                       g_strdup ("Witkoff–Putin talks"));
  return project;
}

static void
assert_same_annotation (CollateAnnotation *a,
                        CollateAnnotation *b)
{
  g_autofree const char **keys = collate_annotation_get_attribute_keys (a);

  g_assert_cmpstr (collate_annotation_get_id (a), ==, collate_annotation_get_id (b));
  g_assert_cmpstr (collate_annotation_get_document_id (a), ==, collate_annotation_get_document_id (b));
  g_assert_cmpuint (collate_annotation_get_start (a), ==, collate_annotation_get_start (b));
  g_assert_cmpuint (collate_annotation_get_end (a), ==, collate_annotation_get_end (b));
  g_assert_cmpstr (collate_annotation_get_label (a), ==, collate_annotation_get_label (b));
  g_assert_cmpstr (collate_annotation_get_text (a), ==, collate_annotation_get_text (b));
  g_assert_cmpstr (collate_annotation_get_note (a), ==, collate_annotation_get_note (b));
  g_assert_cmpstr (collate_annotation_get_author (a), ==, collate_annotation_get_author (b));
  g_assert_cmpstr (collate_annotation_get_created (a), ==, collate_annotation_get_created (b));
  g_assert_cmpstr (collate_annotation_get_modified (a), ==, collate_annotation_get_modified (b));
  g_assert_cmpuint (collate_annotation_get_n_attributes (a), ==, collate_annotation_get_n_attributes (b));
  for (guint i = 0; keys[i] != NULL; i++)
    g_assert_cmpstr (collate_annotation_get_attribute (a, keys[i]), ==,
                     collate_annotation_get_attribute (b, keys[i]));
}

static void
assert_same_project (CollateProject *a,
                     CollateProject *b)
{
  GListModel *la, *lb;

  g_assert_cmpstr (collate_project_get_title (a), ==, collate_project_get_title (b));
  g_assert_cmpuint (collate_project_get_next_id (a), ==, collate_project_get_next_id (b));
  g_assert_cmpuint (g_hash_table_size (collate_project_get_metadata (a)), ==,
                    g_hash_table_size (collate_project_get_metadata (b)));

  g_assert_cmpuint (collate_project_get_n_documents (a), ==, collate_project_get_n_documents (b));
  for (guint i = 0; i < collate_project_get_n_documents (a); i++)
    {
      CollateDocument *da = collate_project_get_document (a, i);
      CollateDocument *db = collate_project_get_document (b, i);

      g_assert_cmpstr (collate_document_get_id (da), ==, collate_document_get_id (db));
      g_assert_cmpstr (collate_document_get_title (da), ==, collate_document_get_title (db));
      g_assert_cmpstr (collate_document_get_source (da), ==, collate_document_get_source (db));
      g_assert_cmpstr (collate_document_get_text (da), ==, collate_document_get_text (db));
      g_assert_cmpstr (collate_document_get_sha256 (da), ==, collate_document_get_sha256 (db));
    }

  la = collate_project_get_annotations (a);
  lb = collate_project_get_annotations (b);
  g_assert_cmpuint (g_list_model_get_n_items (la), ==, g_list_model_get_n_items (lb));
  for (guint i = 0; i < g_list_model_get_n_items (la); i++)
    {
      g_autoptr(CollateAnnotation) x = g_list_model_get_item (la, i);
      g_autoptr(CollateAnnotation) y = g_list_model_get_item (lb, i);

      assert_same_annotation (x, y);
    }

  la = collate_project_get_links (a);
  lb = collate_project_get_links (b);
  g_assert_cmpuint (g_list_model_get_n_items (la), ==, g_list_model_get_n_items (lb));
  for (guint i = 0; i < g_list_model_get_n_items (la); i++)
    {
      g_autoptr(CollateLink) x = g_list_model_get_item (la, i);
      g_autoptr(CollateLink) y = g_list_model_get_item (lb, i);

      g_assert_cmpstr (collate_link_get_id (x), ==, collate_link_get_id (y));
      g_assert_cmpstr (collate_link_get_label (x), ==, collate_link_get_label (y));
      g_assert_cmpstr (collate_link_get_from (x), ==, collate_link_get_from (y));
      g_assert_cmpstr (collate_link_get_to (x), ==, collate_link_get_to (y));
      g_assert_cmpstr (collate_link_get_note (x), ==, collate_link_get_note (y));
      g_assert_cmpstr (collate_link_get_author (x), ==, collate_link_get_author (y));
      g_assert_cmpstr (collate_link_get_created (x), ==, collate_link_get_created (y));
      g_assert_cmpstr (collate_link_get_modified (x), ==, collate_link_get_modified (y));
    }
}

/* The checked-in fixtures are in canonical form: loading and writing one
 * gives back its exact bytes */
static void
test_fixtures_are_canonical (void)
{
  const char *names[] = { "sample.collate.json", "emoji.collate.json" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = fixture_path (names[i]);
      g_autoptr(GBytes) original = read_bytes (path);
      g_autoptr(CollateProject) project = load_fixture (names[i]);
      g_autoptr(GBytes) written = collate_project_to_bytes (project);

      g_assert_false (collate_project_get_modified (project));
      g_assert_cmpmem (g_bytes_get_data (written, NULL), g_bytes_get_size (written),
                       g_bytes_get_data (original, NULL), g_bytes_get_size (original));
    }
}

static void
test_sample_fixture_contents (void)
{
  g_autoptr(CollateProject) project = load_fixture ("sample.collate.json");
  CollateAnnotation *hours = collate_project_lookup_annotation (project, "a4");
  CollateAnnotation *quote = collate_project_lookup_annotation (project, "a6");
  CollateLink *link = collate_project_lookup_link (project, "l9");
  CollateDocument *d1 = collate_project_lookup_document (project, "d1");

  g_assert_cmpuint (collate_project_get_n_documents (project), ==, 2);
  g_assert_cmpuint (collate_project_get_n_annotations (project), ==, 6);
  g_assert_cmpuint (collate_project_get_n_links (project), ==, 2);
  g_assert_cmpuint (collate_project_get_next_id (project), ==, 11);
  g_assert_cmpstr (g_hash_table_lookup (collate_project_get_metadata (project), "event"), ==,
                   "Witkoff–Putin talks, St. Petersburg");

  /* Character offsets, not bytes: the reports are full of curly quotes */
  g_assert_cmpuint (collate_document_get_length (d1), ==, 5168);
  g_assert_cmpuint (collate_document_get_byte_length (d1), >, 5168);
  g_assert_nonnull (hours);
  g_assert_cmpuint (collate_annotation_get_start (hours), ==, 550);
  g_assert_cmpuint (collate_annotation_get_end (hours), ==, 578);
  g_assert_cmpstr (collate_annotation_get_text (hours), ==, "four-and-a-half-hour meeting");
  g_assert_cmpstr (collate_annotation_get_attribute (hours, "unit"), ==, "hours");
  g_assert_cmpstr (collate_annotation_get_note (hours), ==, "The second report says \"over four hours\".");
  g_assert_nonnull (quote);
  g_assert_cmpstr (collate_annotation_get_text (quote), ==, "“get moving”");
  g_assert_true (collate_document_slice_equals (d1, collate_annotation_get_start (quote),
                                                collate_annotation_get_end (quote), "“get moving”"));

  g_assert_nonnull (link);
  g_assert_cmpstr (collate_link_get_label (link), ==, "Contradicts");
  g_assert_cmpstr (collate_link_get_from (link), ==, "a4");
  g_assert_cmpstr (collate_link_get_to (link), ==, "a7");
  g_assert_cmpstr (collate_link_get_note (link), ==, "4.5 h against \"over four\"");
}

/* Text outside the BMP: offsets count code points, the file holds UTF-8 */
static void
test_emoji (void)
{
  g_autofree char *path = fixture_path ("emoji.collate.json");
  g_autoptr(GBytes) original = read_bytes (path);
  g_autoptr(CollateProject) project = load_fixture ("emoji.collate.json");
  CollateDocument *d1 = collate_project_lookup_document (project, "d1");
  CollateAnnotation *rocket = collate_project_lookup_annotation (project, "a2");
  CollateAnnotation *faces = collate_project_lookup_annotation (project, "a3");
  CollateAnnotation *fraktur = collate_project_lookup_annotation (project, "a4");
  g_autofree char *slice = NULL;

  g_assert_nonnull (rocket);
  g_assert_cmpuint (collate_annotation_get_start (rocket), ==, 7);
  g_assert_cmpuint (collate_annotation_get_end (rocket), ==, 8);
  g_assert_cmpstr (collate_annotation_get_text (rocket), ==, "🚀");
  g_assert_nonnull (faces);
  g_assert_cmpuint (collate_annotation_get_end (faces) - collate_annotation_get_start (faces), ==, 3);
  g_assert_cmpstr (collate_annotation_get_attribute (faces, "Ω key"), ==, "line\nbreak");
  g_assert_cmpstr (collate_annotation_get_author (faces), ==, "Zoë 🧪");
  g_assert_nonnull (fraktur);
  slice = collate_document_dup_slice (d1, collate_annotation_get_start (fraktur),
                                      collate_annotation_get_end (fraktur));
  g_assert_cmpstr (slice, ==, "𝔘𝔫𝔦𝔠𝔬𝔡𝔢");

  /* Written as UTF-8, not as \u escapes; only a control character is escaped */
  g_assert_true (bytes_contain (original, "\"text\": \"🚀\""));
  g_assert_false (bytes_contain (original, "\\ud83d"));
  g_assert_true (bytes_contain (original, "a bell \\u0007 too"));
  g_assert_true (bytes_contain (original, "waved.\\r\\nTabs\\there"));
}

/* A hand-written file: any member order, compact, optional members
 * missing.  Written back in canonical form, which is then stable. */
static void
test_hand_written (void)
{
  g_autoptr(CollateProject) project = load_fixture ("minimal.collate.json");
  g_autoptr(GBytes) first = collate_project_to_bytes (project);
  g_autoptr(CollateProject) again = reload (first);
  g_autoptr(GBytes) second = collate_project_to_bytes (again);
  CollateLabel *person = collate_schema_lookup (collate_project_get_schema (project),
                                                COLLATE_LABEL_KIND_SPAN, "Person");
  GListModel *annotations = collate_project_get_annotations (project);
  g_autoptr(CollateAnnotation) first_span = g_list_model_get_item (annotations, 0);
  const char *data = g_bytes_get_data (first, NULL);

  g_assert_true (g_bytes_equal (first, second));
  assert_same_project (project, again);

  g_assert_cmpstr (collate_label_get_color (person), ==, "#f5c211");
  g_assert_cmpstr (collate_annotation_get_id (first_span), ==, "x9");
  g_assert_cmpuint (g_hash_table_size (collate_project_get_metadata (project)), ==, 0);
  /* next_id is past every id in the file */
  g_assert_cmpuint (collate_project_get_next_id (project), >=, 11);

  /* Members in a fixed order, sorted attributes, lower-case checksum */
  g_assert_true (g_str_has_prefix (data, "{\n  \"format\": \"collate-project\",\n  \"version\": 1,\n"
                                         "  \"title\": \"Minimal, hand-written\",\n  \"next_id\": "));
  g_assert_true (bytes_contain (first, "\"attributes\": {\n        \"a\": \"1\",\n        \"b\": \"2\"\n      }"));
  g_assert_true (bytes_contain (first, "3a51f43ba197a9e42a76c203a770e37fb3f6022dda1e1133592f60d636b4b8a2"));
  g_assert_true (bytes_contain (first, "\"metadata\": {},"));
}

/* Document metadata: version 3 only when a document has some, keys sorted,
 * read back exactly; refused in an older version's file */
static void
test_document_metadata (void)
{
  g_autoptr(CollateProject) project = build_sample_project ();
  g_autoptr(GBytes) plain = collate_project_to_bytes (project);
  g_autoptr(CollateDocument) first = g_list_model_get_item (collate_project_get_documents (project), 0);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(CollateProject) loaded = NULL;
  g_autoptr(CollateDocument) loaded_first = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) old = NULL;
  g_autoptr(GBytes) old_bytes = NULL;
  g_autoptr(CollateProject) refused = NULL;

  g_assert_true (bytes_contain (plain, "\"version\": 1,"));
  g_assert_false (bytes_contain (plain, "\"metadata\": {\n        "));

  collate_document_set_metadata_value (first, "url", "https://example.org/a?b=1&c=\"2\"");
  collate_document_set_metadata_value (first, "author", "Ann \xc3\x89""crivain");
  collate_document_set_metadata_value (first, "pages", "0,1200");
  bytes = collate_project_to_bytes (project);
  g_assert_true (bytes_contain (bytes, "\"version\": 3,"));
  g_assert_true (bytes_contain (bytes, "\"metadata\": {\n        \"author\": \"Ann \xc3\x89""crivain\",\n"
                                       "        \"pages\": \"0,1200\",\n"
                                       "        \"url\": \"https://example.org/a?b=1&c=\\\"2\\\"\"\n      },\n"
                                       "      \"sha256\": "));

  loaded = reload (bytes);
  loaded_first = g_list_model_get_item (collate_project_get_documents (loaded), 0);
  g_assert_cmpuint (g_hash_table_size (collate_document_get_metadata (loaded_first)), ==, 3);
  g_assert_cmpstr (collate_document_get_metadata_value (loaded_first, "author"), ==, "Ann \xc3\x89""crivain");
  again = collate_project_to_bytes (loaded);
  g_assert_true (g_bytes_equal (bytes, again));

  /* Removing it all goes back to version 1, byte for byte */
  collate_document_set_metadata_value (first, "url", NULL);
  collate_document_set_metadata_value (first, "author", NULL);
  collate_document_set_metadata_value (first, "pages", NULL);
  g_clear_pointer (&again, g_bytes_unref);
  again = collate_project_to_bytes (project);
  g_assert_true (g_bytes_equal (plain, again));

  /* A version 2 file has no document metadata: an unknown member there */
  old = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_cmpint (g_string_replace (old, "\"version\": 3,", "\"version\": 2,", 1), ==, 1);
  old_bytes = g_string_free_to_bytes (g_steal_pointer (&old));
  refused = collate_project_load_bytes (old_bytes, &error);
  g_assert_null (refused);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "documents[0].metadata: "));
}

/* Document metadata past the limits the importers keep is refused on
 * loading too, with its place; at the limits it loads */
static void
test_document_metadata_limits (void)
{
  g_autoptr(CollateProject) project = build_sample_project ();
  g_autoptr(CollateDocument) first = g_list_model_get_item (collate_project_get_documents (project), 0);
  g_autofree char *value = g_strnfill (COLLATE_MAX_METADATA_VALUE_SIZE, '7');
  g_autofree char *longer = g_strnfill (COLLATE_MAX_METADATA_VALUE_SIZE + 1, '7');
  g_autofree char *long_key = g_strnfill (COLLATE_MAX_LABEL_SIZE + 1, 'k');
  g_autoptr(GError) error = NULL;

  collate_document_set_metadata_value (first, "pages", value);
  {
    g_autoptr(GBytes) bytes = collate_project_to_bytes (project);
    g_autoptr(CollateProject) loaded = reload (bytes);
    g_autoptr(CollateDocument) loaded_first = g_list_model_get_item (collate_project_get_documents (loaded), 0);

    g_assert_cmpuint (strlen (collate_document_get_metadata_value (loaded_first, "pages")), ==,
                      COLLATE_MAX_METADATA_VALUE_SIZE);
  }

  collate_document_set_metadata_value (first, "pages", longer);
  {
    g_autoptr(GBytes) bytes = collate_project_to_bytes (project);
    g_autoptr(CollateProject) refused = collate_project_load_bytes (bytes, &error);

    g_assert_null (refused);
    g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, "documents[0].metadata.pages: is 1048577 bytes long; "
                                         "a metadata value holds at most 1048576");
    g_clear_error (&error);
  }

  collate_document_set_metadata_value (first, "pages", NULL);
  collate_document_set_metadata_value (first, long_key, "x");
  {
    g_autoptr(GBytes) bytes = collate_project_to_bytes (project);
    g_autoptr(CollateProject) refused = collate_project_load_bytes (bytes, &error);

    g_assert_null (refused);
    g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, "documents[0].metadata: has a key longer than 200 bytes");
  }
}

/* Link attributes (a merge's "annotators"): version 4 only when a link has
 * some, after the note, keys sorted, kept when the link's label changes;
 * refused in an older version's file */
static void
test_link_attributes (void)
{
  g_autoptr(CollateProject) project = build_sample_project ();
  g_autoptr(GBytes) plain = collate_project_to_bytes (project);
  g_autoptr(CollateLink) link = g_list_model_get_item (collate_project_get_links (project), 0);
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(CollateLink) with = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(CollateProject) loaded = NULL;
  g_autoptr(CollateLink) loaded_link = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) old = NULL;
  g_autoptr(GBytes) old_bytes = NULL;
  g_autoptr(CollateProject) refused = NULL;
  const char *link_label;

  g_assert_false (bytes_contain (plain, "\"version\": 4,"));
  g_hash_table_insert (attributes, "annotators", "ann\nbob");
  g_hash_table_insert (attributes, "a", "1");
  with = collate_link_new_with_attributes (collate_link_get_id (link), collate_link_get_label (link),
                                           collate_link_get_from (link), collate_link_get_to (link),
                                           collate_link_get_note (link), attributes,
                                           collate_link_get_author (link), collate_link_get_created (link),
                                           collate_link_get_modified (link));
  g_assert_true (collate_project_remove_link (project, collate_link_get_id (link), &error));
  g_assert_no_error (error);
  g_assert_true (collate_project_insert_link (project, with, &error));
  g_assert_no_error (error);

  bytes = collate_project_to_bytes (project);
  g_assert_true (bytes_contain (bytes, "\"version\": 4,"));
  g_assert_true (bytes_contain (bytes, "\",\n      \"attributes\": {\n        \"a\": \"1\",\n"
                                       "        \"annotators\": \"ann\\nbob\"\n      },\n      \"author\": "));
  loaded = reload (bytes);
  loaded_link = g_list_model_get_item (collate_project_get_links (loaded), 0);
  g_assert_cmpuint (collate_link_get_n_attributes (loaded_link), ==, 2);
  g_assert_cmpstr (collate_link_get_attribute (loaded_link, "annotators"), ==, "ann\nbob");
  again = collate_project_to_bytes (loaded);
  g_assert_true (g_bytes_equal (bytes, again));

  /* A new label keeps the attributes */
  link_label = collate_label_get_name (collate_schema_get_label (collate_project_get_schema (loaded),
                                                                 COLLATE_LABEL_KIND_LINK, 0));
  g_assert_true (collate_project_set_link_label (loaded, collate_link_get_id (loaded_link), link_label, &error));
  g_assert_no_error (error);
  g_clear_object (&loaded_link);
  loaded_link = g_list_model_get_item (collate_project_get_links (loaded), 0);
  g_assert_cmpstr (collate_link_get_attribute (loaded_link, "annotators"), ==, "ann\nbob");

  /* A version 3 file has no link attributes: an unknown member there */
  old = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_cmpint (g_string_replace (old, "\"version\": 4,", "\"version\": 3,", 1), ==, 1);
  old_bytes = g_string_free_to_bytes (g_steal_pointer (&old));
  refused = collate_project_load_bytes (old_bytes, &error);
  g_assert_null (refused);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "links[0].attributes: "));
}

/* A project built through the API survives a round trip exactly */
static void
test_round_trip (void)
{
  g_autoptr(CollateProject) project = build_sample_project ();
  g_autoptr(GBytes) first = collate_project_to_bytes (project);
  g_autoptr(GBytes) repeat = collate_project_to_bytes (project);
  g_autoptr(CollateProject) loaded = reload (first);
  g_autoptr(GBytes) second = collate_project_to_bytes (loaded);
  const char *data = g_bytes_get_data (first, NULL);
  gsize size = g_bytes_get_size (first);

  /* Deterministic, and save → load → save is byte-identical */
  g_assert_true (g_bytes_equal (first, repeat));
  g_assert_true (g_bytes_equal (first, second));
  assert_same_project (project, loaded);

  g_assert_cmpuint (collate_project_get_n_annotations (loaded), ==, 7);
  g_assert_cmpuint (collate_project_get_n_links (loaded), ==, 1);

  /* Pretty-printed with two spaces, ending in one newline */
  g_assert_true (g_str_has_prefix (data, "{\n  \"format\""));
  g_assert_cmpint (data[size - 1], ==, '\n');
  g_assert_cmpint (data[size - 2], ==, '}');
  g_assert_cmpint (data[size - 3], ==, '\n');

  /* Escapes only where JSON requires them */
  g_assert_true (bytes_contain (first, "\"title\": \"Two \\\"reports\\\" \\\\ one event\""));
  g_assert_true (bytes_contain (first, "back\\\\slash,\\na tab\\tand a bell \\u0007."));
  g_assert_true (bytes_contain (first, "“get moving”"));
  g_assert_false (bytes_contain (first, "\\u201c"));

  /* Sorted attribute and metadata keys */
  g_assert_true (bytes_contain (first, "\"alpha\": \"first\",\n        \"zeta\": \"last\",\n"
                                       "        \"Ünïcode\": \"ключ\"\n"));
  g_assert_true (bytes_contain (first, "\"event\": \"Witkoff–Putin talks\",\n    \"zz\": \"last\"\n"));
}

/* Annotations in (document, start, end, id) order, links by id */
static void
test_order (void)
{
  g_autoptr(CollateProject) project = build_sample_project ();
  g_autoptr(GBytes) bytes = collate_project_to_bytes (project);
  const char *data = g_bytes_get_data (bytes, NULL);
  GListModel *annotations = collate_project_get_annotations (project);
  const char *last = data;

  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(CollateAnnotation) annotation = g_list_model_get_item (annotations, i);
      g_autofree char *needle = g_strdup_printf ("\"id\": \"%s\",\n      \"document\"",
                                                 collate_annotation_get_id (annotation));
      const char *at = strstr (data, needle);

      g_assert_nonnull (at);
      g_assert_true (at > last);
      last = at;
      if (i > 0)
        {
          g_autoptr(CollateAnnotation) previous = g_list_model_get_item (annotations, i - 1);

          if (g_str_equal (collate_annotation_get_document_id (previous),
                           collate_annotation_get_document_id (annotation)))
            g_assert_cmpint (collate_annotation_compare (previous, annotation), <, 0);
        }
    }
}

/* Deleted ids are not reused after a save and a load */
static void
test_next_id (void)
{
  g_autoptr(CollateProject) project = build_sample_project ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CollateProject) loaded = NULL;
  guint64 next_id = collate_project_get_next_id (project);
  CollateAnnotation *fresh;
  g_autofree char *gone = NULL;
  GListModel *annotations = collate_project_get_annotations (project);
  g_autoptr(GError) error = NULL;

  /* Remove the span with the highest id, so only next_id remembers it */
  {
    guint64 highest = 0;

    for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
      {
        g_autoptr(CollateAnnotation) a = g_list_model_get_item (annotations, i);
        guint64 n = g_ascii_strtoull (collate_annotation_get_id (a) + 1, NULL, 10);

        if (n > highest)
          {
            highest = n;
            g_free (gone);
            gone = g_strdup (collate_annotation_get_id (a));
          }
      }
  }
  g_assert_true (collate_project_remove_annotation (project, gone, &error));
  g_assert_no_error (error);

  bytes = collate_project_to_bytes (project);
  loaded = reload (bytes);
  g_assert_cmpuint (collate_project_get_next_id (loaded), ==, next_id);
  g_assert_true (bytes_contain (bytes, "\"next_id\": "));

  fresh = collate_project_add_span (loaded, "d1", 0, 5, "Claim", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (collate_annotation_get_id (fresh), !=, gone);
  g_assert_null (collate_project_lookup_annotation (loaded, gone));
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("collate-io-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* Save, reload with an etag, save again; another program's change is
 * noticed and left alone */
static void
test_save_and_etag (void)
{
  g_autoptr(CollateProject) project = build_sample_project ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "report.collate.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) expected = collate_project_to_bytes (project);
  g_autoptr(GBytes) on_disk = NULL;
  g_autoptr(GBytes) theirs = g_bytes_new_static ("{\"theirs\": true}\n", 17);
  g_autoptr(CollateProject) loaded = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *etag2 = NULL;
  g_autofree char *etag3 = NULL;

  g_assert_true (collate_project_get_modified (project));
  g_assert_true (collate_project_save_file (project, file, NULL, &etag, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (etag);
  g_assert_false (collate_project_get_modified (project));
  on_disk = read_bytes (path);
  g_assert_true (g_bytes_equal (on_disk, expected));
  g_assert_cmpuint (count_files (dir), ==, 1);

  loaded = collate_project_load_file (file, &etag2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (etag2, ==, etag);
  g_assert_false (collate_project_get_modified (loaded));

  /* Saving with the right etag works */
  g_assert_nonnull (collate_project_add_span (loaded, "d2", 0, 5, "Claim", &error));
  g_assert_true (collate_project_get_modified (loaded));
  g_assert_true (collate_project_save_file (loaded, file, etag2, &etag3, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (collate_project_get_modified (loaded));

  /* Someone else writes the file (with another modification time) */
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (theirs, NULL), 17, NULL));
  g_assert_true (g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                              1000000000, G_FILE_QUERY_INFO_NONE, NULL, &error));
  g_assert_no_error (error);

  g_assert_nonnull (collate_project_add_span (loaded, "d2", 1, 5, "Claim", &error));
  g_assert_false (collate_project_save_file (loaded, file, etag3, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_assert_true (g_str_has_prefix (error->message, "report.collate.json: "));
  g_clear_error (&error);

  /* Their bytes are kept, nothing else appears, and we still have changes */
  g_clear_pointer (&on_disk, g_bytes_unref);
  on_disk = read_bytes (path);
  g_assert_true (g_bytes_equal (on_disk, theirs));
  g_assert_cmpuint (count_files (dir), ==, 1);
  g_assert_true (collate_project_get_modified (loaded));

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A save that cannot happen leaves the target as it was */
static void
test_failed_save_keeps_old_file (void)
{
  g_autoptr(CollateProject) project = build_sample_project ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *folder = g_build_filename (dir, "folder.collate.json", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "missing", "x.collate.json", NULL);
  g_autofree char *blocker = g_build_filename (dir, "file", NULL);
  g_autofree char *under_file = g_build_filename (blocker, "x.collate.json", NULL);
  g_autoptr(GFile) folder_file = g_file_new_for_path (folder);
  g_autoptr(GFile) nowhere_file = g_file_new_for_path (nowhere);
  g_autoptr(GFile) under_file_file = g_file_new_for_path (under_file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = g_bytes_new_static ("old bytes\n", 10);
  g_autoptr(GBytes) after = NULL;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (blocker, "old bytes\n", 10, NULL));

  /* Onto a folder */
  g_assert_false (collate_project_save_file (project, folder_file, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "folder.collate.json: "));
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_clear_error (&error);

  /* Into a folder that does not exist */
  g_assert_false (collate_project_save_file (project, nowhere_file, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* Under a regular file */
  g_assert_false (collate_project_save_file (project, under_file_file, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  after = read_bytes (blocker);
  g_assert_true (g_bytes_equal (after, before));

  /* Onto a named pipe: refused at once instead of blocking */
  {
    g_autofree char *fifo = g_build_filename (dir, "pipe.collate.json", NULL);
    g_autoptr(GFile) fifo_file = g_file_new_for_path (fifo);

    g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
    g_assert_false (collate_project_save_file (project, fifo_file, NULL, NULL, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
    g_assert_true (g_str_has_prefix (error->message, "pipe.collate.json: "));
    g_clear_error (&error);
    g_assert_cmpint (g_unlink (fifo), ==, 0);
  }

  /* Larger than Collate reads back (the limit lowered through the test
   * hook): refused before anything is written, the old file kept */
  {
    g_autoptr(GFile) blocker_file = g_file_new_for_path (blocker);

    g_setenv ("COLLATE_TEST_MAX_PROJECT_SIZE", "1000", TRUE);
    g_assert_false (collate_project_save_file (project, blocker_file, NULL, NULL, NULL, &error));
    g_unsetenv ("COLLATE_TEST_MAX_PROJECT_SIZE");
    g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_TOO_LARGE);
    g_assert_nonnull (strstr (error->message, "that Collate reads back; nothing was written"));
    g_clear_error (&error);
    g_clear_pointer (&after, g_bytes_unref);
    after = read_bytes (blocker);
    g_assert_true (g_bytes_equal (after, before));
  }

  g_assert_true (collate_project_get_modified (project));
  g_assert_cmpuint (count_files (dir), ==, 2);
  g_assert_cmpuint (count_files (folder), ==, 0);

  g_assert_cmpint (g_rmdir (folder), ==, 0);
  g_assert_cmpint (g_unlink (blocker), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_load_file_errors (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *missing = g_build_filename (dir, "missing.collate.json", NULL);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(GFile) dir_file = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateProject) project = NULL;
  g_autofree char *etag = NULL;

  project = collate_project_load_file (missing_file, &etag, NULL, &error);
  g_assert_null (project);
  g_assert_null (etag);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "missing.collate.json: no such file");
  g_clear_error (&error);

  project = collate_project_load_file (dir_file, &etag, NULL, &error);
  g_assert_null (project);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_nonnull (strstr (error->message, "folder"));
  g_clear_error (&error);

  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

typedef struct
{
  GMainLoop      *loop;
  CollateProject *project;
  GError         *error;
  char           *etag;
  gboolean        saved;
} AsyncData;

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncData *data = user_data;

  g_assert_null (source);
  data->project = collate_project_load_file_finish (result, &data->etag, &data->error);
  g_main_loop_quit (data->loop);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  AsyncData *data = user_data;

  data->saved = collate_project_save_finish (COLLATE_PROJECT (source), result,
                                             &data->etag, &data->error);
  g_main_loop_quit (data->loop);
}

static void
test_async_load (void)
{
  g_autofree char *path = fixture_path ("sample.collate.json");
  g_autofree char *missing = fixture_path ("no-such.collate.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  AsyncData data = { g_main_loop_new (NULL, FALSE) };

  collate_project_load_file_async (file, NULL, loaded_cb, &data);
  g_main_loop_run (data.loop);
  g_assert_no_error (data.error);
  g_assert_nonnull (data.project);
  g_assert_nonnull (data.etag);
  g_assert_cmpuint (collate_project_get_n_annotations (data.project), ==, 6);
  g_assert_false (collate_project_get_modified (data.project));
  g_clear_object (&data.project);
  g_clear_pointer (&data.etag, g_free);

  collate_project_load_file_async (missing_file, NULL, loaded_cb, &data);
  g_main_loop_run (data.loop);
  g_assert_null (data.project);
  g_assert_null (data.etag);
  g_assert_error (data.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (data.error->message, "no-such.collate.json: "));
  g_clear_error (&data.error);

  g_main_loop_unref (data.loop);
}

/* A background save marks as saved the state it wrote, not a later one */
static void
test_async_save (void)
{
  g_autoptr(CollateProject) project = build_sample_project ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "async.collate.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) expected = collate_project_to_bytes (project);
  g_autoptr(GBytes) on_disk = NULL;
  g_autoptr(GError) error = NULL;
  AsyncData data = { g_main_loop_new (NULL, FALSE) };
  g_autofree char *first_etag = NULL;

  collate_project_save_async (project, file, NULL, NULL, saved_cb, &data);
  /* A change while the write runs */
  g_assert_nonnull (collate_project_add_span (project, "d2", 0, 5, "Claim", &error));
  g_assert_no_error (error);
  g_main_loop_run (data.loop);

  g_assert_no_error (data.error);
  g_assert_true (data.saved);
  g_assert_nonnull (data.etag);
  on_disk = read_bytes (path);
  g_assert_true (g_bytes_equal (on_disk, expected));
  g_assert_true (collate_project_get_modified (project));

  /* Saving again, with the etag, catches up */
  first_etag = g_steal_pointer (&data.etag);
  data.saved = FALSE;
  collate_project_save_async (project, file, first_etag, NULL, saved_cb, &data);
  g_main_loop_run (data.loop);
  g_assert_no_error (data.error);
  g_assert_true (data.saved);
  g_assert_false (collate_project_get_modified (project));

  /* A stale etag: refused, the file keeps the last save */
  g_clear_pointer (&on_disk, g_bytes_unref);
  on_disk = read_bytes (path);
  g_assert_true (g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                              1000000000, G_FILE_QUERY_INFO_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (collate_project_remove_annotation (project, "a3", &error));
  g_assert_no_error (error);
  data.saved = TRUE;
  collate_project_save_async (project, file, data.etag, NULL, saved_cb, &data);
  g_main_loop_run (data.loop);
  g_assert_false (data.saved);
  g_assert_error (data.error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_clear_error (&data.error);
  g_assert_true (collate_project_get_modified (project));
  {
    g_autoptr(GBytes) still = read_bytes (path);

    g_assert_true (g_bytes_equal (still, on_disk));
  }
  g_assert_cmpuint (count_files (dir), ==, 1);

  g_free (data.etag);
  g_main_loop_unref (data.loop);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Loading from bytes gives messages without a file name, and a project
 * that is not modified */
static void
test_load_bytes (void)
{
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  const char *newer = "{\"format\": \"collate-project\", \"version\": 7}";
  g_autoptr(GBytes) wrong = g_bytes_new_static (newer, strlen (newer));
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateProject) project = NULL;

  project = collate_project_load_bytes (empty, &error);
  g_assert_null (project);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "the file is empty");
  g_clear_error (&error);

  project = collate_project_load_bytes (wrong, &error);
  g_assert_null (project);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_VERSION);
  g_assert_cmpstr (error->message, ==,
                   "version: this file has format version 7, from a newer Collate; "
                   "this Collate reads versions 1 to 4 only");
}

static const CollateJsonValue *
member (const CollateJsonValue *object,
        const char             *name)
{
  if (object->type != COLLATE_JSON_OBJECT)
    return NULL;
  for (guint i = 0; i < object->length; i++)
    if (g_str_equal (object->v.members[i].name, name))
      return &object->v.members[i].value;
  return NULL;
}

/* Every property in the schema has a description (its own or its $ref's) */
static void
check_descriptions (const CollateJsonValue *defs,
                    const CollateJsonValue *value,
                    guint                  *n_checked)
{
  const CollateJsonValue *properties = member (value, "properties");

  if (value->type == COLLATE_JSON_ARRAY)
    for (guint i = 0; i < value->length; i++)
      check_descriptions (defs, &value->v.items[i], n_checked);
  if (value->type != COLLATE_JSON_OBJECT)
    return;

  if (properties != NULL)
    for (guint i = 0; i < properties->length; i++)
      {
        const CollateJsonMember *property = &properties->v.members[i];
        const CollateJsonValue *ref = member (&property->value, "$ref");
        gboolean described = member (&property->value, "description") != NULL;

        if (!described && ref != NULL && g_str_has_prefix (ref->v.string, "#/$defs/"))
          {
            const CollateJsonValue *target = member (defs, ref->v.string + strlen ("#/$defs/"));

            g_assert_nonnull (target);
            described = member (target, "description") != NULL;
          }
        if (!described)
          g_error ("the schema's property \"%s\" has no description", property->name);
        (*n_checked)++;
      }

  for (guint i = 0; i < value->length; i++)
    check_descriptions (defs, &value->v.members[i].value, n_checked);
}

static void
test_json_schema (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 "collate-project.schema.json", NULL);
  g_autoptr(GBytes) bytes = read_bytes (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateJsonDocument) json = NULL;
  const CollateJsonValue *root;
  guint n_checked = 0;

  json = collate_json_document_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                      COLLATE_MAX_DEPTH, &error);
  g_assert_no_error (error);
  root = collate_json_document_get_root (json);
  g_assert_cmpstr (member (root, "$schema")->v.string, ==,
                   "https://json-schema.org/draft/2020-12/schema");
  g_assert_nonnull (member (root, "description"));
  check_descriptions (member (root, "$defs"), root, &n_checked);
  /* 11 top-level members, 2 schema lists, 4 label, 6 document, 11 annotation, 9 link,
   * 9 review, 4 review side, 11 curation and 7 curation version fields */
  g_assert_cmpuint (n_checked, ==, 11 + 2 + 4 + 6 + 11 + 9 + 9 + 4 + 11 + 7);
}

/* The JSON reader decodes what it accepts exactly */
static void
test_json_reader_values (void)
{
  const char *text = "\xef\xbb\xbf{\"a\": \"x\\u00e9\\ud83d\\ude00\\n\\t\\\"\\\\\\/\", \"plain\": \"caf\xc3\xa9\","
                     " \"b\": [0, -2, 3.5, 1e2, true, false, null, {}, []],"
                     " \"c d\": {\"e\": 12345678901234567890, \"f\": 999999999999999999}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateJsonDocument) json = collate_json_document_parse (text, strlen (text), 8, &error);
  const CollateJsonValue *root, *b, *cd;

  g_assert_no_error (error);
  root = collate_json_document_get_root (json);
  g_assert_cmpint (root->type, ==, COLLATE_JSON_OBJECT);
  g_assert_cmpuint (root->length, ==, 4);
  g_assert_cmpstr (member (root, "a")->v.string, ==, "x\xc3\xa9\xf0\x9f\x98\x80\n\t\"\\/");
  g_assert_cmpuint (member (root, "a")->length, ==, strlen ("x\xc3\xa9\xf0\x9f\x98\x80\n\t\"\\/"));
  g_assert_cmpstr (member (root, "plain")->v.string, ==, "caf\xc3\xa9");

  b = member (root, "b");
  g_assert_cmpuint (b->length, ==, 9);
  g_assert_cmpint (b->v.items[0].type, ==, COLLATE_JSON_INTEGER);
  g_assert_cmpint (b->v.items[0].v.number.value, ==, 0);
  g_assert_cmpint (b->v.items[1].v.number.value, ==, -2);
  g_assert_cmpint (b->v.items[2].type, ==, COLLATE_JSON_NUMBER);
  g_assert_cmpint (b->v.items[3].type, ==, COLLATE_JSON_NUMBER);
  g_assert_cmpint (b->v.items[4].type, ==, COLLATE_JSON_BOOLEAN);
  g_assert_true (b->v.items[4].v.boolean);
  g_assert_false (b->v.items[5].v.boolean);
  g_assert_cmpint (b->v.items[6].type, ==, COLLATE_JSON_NULL);
  g_assert_cmpint (b->v.items[7].type, ==, COLLATE_JSON_OBJECT);
  g_assert_cmpint (b->v.items[8].type, ==, COLLATE_JSON_ARRAY);

  cd = member (root, "c d");
  g_assert_cmpint (member (cd, "e")->type, ==, COLLATE_JSON_NUMBER);
  g_assert_cmpint (member (cd, "f")->type, ==, COLLATE_JSON_INTEGER);
  g_assert_cmpint (member (cd, "f")->v.number.value, ==, G_GINT64_CONSTANT (999999999999999999));
}

static void
test_json_reader_paths (void)
{
  CollateJsonPath annotations = COLLATE_JSON_PATH_MEMBER (NULL, "annotations");
  CollateJsonPath item = COLLATE_JSON_PATH_ELEMENT (&annotations, 3);
  CollateJsonPath end = COLLATE_JSON_PATH_MEMBER (&item, "end");
  CollateJsonPath attributes = COLLATE_JSON_PATH_MEMBER (&item, "attributes");
  CollateJsonPath odd = COLLATE_JSON_PATH_MEMBER (&attributes, "my \"key\"");
  g_autofree char *s1 = collate_json_path_to_string (&end);
  g_autofree char *s2 = collate_json_path_to_string (&odd);
  g_autofree char *s3 = collate_json_path_to_string (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (s1, ==, "annotations[3].end");
  g_assert_cmpstr (s2, ==, "annotations[3].attributes[\"my \\\"key\\\"\"]");
  g_assert_cmpstr (s3, ==, "");

  collate_json_set_error (&error, COLLATE_ERROR_RANGE, &end, "%d is too far", 6000);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==, "annotations[3].end: 6000 is too far");
}

/* Members nobody asked for are reported, the first one by name */
static void
test_json_reader_unknown_members (void)
{
  GString *big = g_string_new ("{");
  const char *text = "{\"id\": \"a1\", \"lable\": \"x\", \"label\": \"y\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateJsonDocument) json = collate_json_document_parse (text, strlen (text), 4, &error);
  g_autoptr(CollateJsonDocument) big_json = NULL;
  CollateJsonPath path = COLLATE_JSON_PATH_ELEMENT (NULL, 7);
  CollateJsonObjectReader r;

  g_assert_no_error (error);
  g_assert_true (collate_json_object_reader_init (&r, collate_json_document_get_root (json), &path, &error));
  g_assert_cmpstr (collate_json_object_reader_get_string (&r, "label", &error), ==, "y");
  g_assert_cmpstr (collate_json_object_reader_get_string (&r, "id", &error), ==, "a1");
  g_assert_null (collate_json_object_reader_get_string (&r, "note", &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "[7].note: missing (expected a string)");
  g_clear_error (&error);
  g_assert_false (collate_json_object_reader_finish (&r, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "[7].lable: unknown field"));
  g_clear_error (&error);

  /* More than 64 members: the first 70 are asked for, the 71st is not;
   * past the 64th, members are counted but not named */
  for (guint i = 0; i < 71; i++)
    g_string_append_printf (big, "%s\"m%u\": %u", i ? ", " : "", i, i);
  g_string_append (big, "}");
  big_json = collate_json_document_parse (big->str, big->len, 4, &error);
  g_assert_no_error (error);
  g_assert_true (collate_json_object_reader_init (&r, collate_json_document_get_root (big_json), NULL, &error));
  for (guint i = 0; i < 70; i++)
    {
      g_autofree char *name = g_strdup_printf ("m%u", i);
      guint64 value = 0;

      g_assert_true (collate_json_object_reader_get_uint (&r, name, 100, &value, &error));
      g_assert_cmpuint (value, ==, i);
    }
  g_assert_false (collate_json_object_reader_finish (&r, &error));
  g_assert_true (g_str_has_prefix (error->message, "1 field is unknown"));
  g_string_free (big, TRUE);
}

/* Every accessor takes an absent member (NULL) and says "missing", so a
 * chain of lookups over optional members never reads through NULL; a
 * reader over something that is not an object reads as an empty one */
static void
test_json_reader_missing (void)
{
  const char *text = "{\"value\": null, \"n\": \"1\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateJsonDocument) json = collate_json_document_parse (text, strlen (text), 4, &error);
  CollateJsonPath result = COLLATE_JSON_PATH_MEMBER (NULL, "result");
  CollateJsonPath item = COLLATE_JSON_PATH_ELEMENT (&result, 0);
  CollateJsonPath value = COLLATE_JSON_PATH_MEMBER (&item, "value");
  CollateJsonObjectReader r, inner;
  const char *s = "unchanged";
  g_autofree char *nothing = collate_json_describe (NULL);
  guint64 n = 7;

  g_assert_no_error (error);
  g_assert_false (collate_json_expect (NULL, COLLATE_JSON_OBJECT, &value, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "result[0].value: missing (expected an object)");
  g_clear_error (&error);

  g_assert_false (collate_json_get_uint (NULL, 10, &value, &n, &error));
  g_assert_cmpstr (error->message, ==, "result[0].value: missing (expected an integer)");
  g_assert_cmpuint (n, ==, 7);
  g_clear_error (&error);
  g_assert_cmpstr (nothing, ==, "nothing");

  g_assert_true (collate_json_object_reader_init (&r, collate_json_document_get_root (json), &item, &error));
  /* "value" is null, "missing" is absent: both refused, with their place */
  g_assert_false (collate_json_object_reader_init (&inner, collate_json_object_reader_lookup (&r, "value"),
                                                   &value, &error));
  g_assert_cmpstr (error->message, ==, "result[0].value: expected an object, found null");
  g_clear_error (&error);
  g_assert_null (collate_json_object_reader_lookup (&inner, "start"));
  g_assert_null (collate_json_object_reader_get_string (&inner, "text", NULL));
  g_assert_true (collate_json_object_reader_get_optional_string (&inner, "text", &s, NULL));
  g_assert_cmpstr (s, ==, "unchanged");
  g_assert_true (collate_json_object_reader_finish (&inner, NULL));
  g_assert_false (collate_json_object_reader_init (&inner, collate_json_object_reader_lookup (&r, "missing"),
                                                   &value, &error));
  g_assert_cmpstr (error->message, ==, "result[0].value: missing (expected an object)");
  g_clear_error (&error);
  g_assert_false (collate_json_object_reader_get_uint (&inner, "start", 10, &n, &error));
  g_assert_cmpstr (error->message, ==, "result[0].value.start: missing (expected an integer)");
  g_clear_error (&error);
  /* a string where a number must be: expected an integer, found a string */
  g_assert_false (collate_json_get_uint (collate_json_object_reader_lookup (&r, "n"), 10, &item, &n, &error));
  g_assert_cmpstr (error->message, ==, "result[0]: expected an integer, found a string");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/io/fixtures-are-canonical", test_fixtures_are_canonical);
  g_test_add_func ("/io/sample-fixture-contents", test_sample_fixture_contents);
  g_test_add_func ("/io/emoji", test_emoji);
  g_test_add_func ("/io/hand-written", test_hand_written);
  g_test_add_func ("/io/round-trip", test_round_trip);
  g_test_add_func ("/io/document-metadata", test_document_metadata);
  g_test_add_func ("/io/document-metadata-limits", test_document_metadata_limits);
  g_test_add_func ("/io/link-attributes", test_link_attributes);
  g_test_add_func ("/io/order", test_order);
  g_test_add_func ("/io/next-id", test_next_id);
  g_test_add_func ("/io/save-and-etag", test_save_and_etag);
  g_test_add_func ("/io/failed-save-keeps-old-file", test_failed_save_keeps_old_file);
  g_test_add_func ("/io/load-file-errors", test_load_file_errors);
  g_test_add_func ("/io/async-load", test_async_load);
  g_test_add_func ("/io/async-save", test_async_save);
  g_test_add_func ("/io/load-bytes", test_load_bytes);
  g_test_add_func ("/io/json-schema", test_json_schema);
  g_test_add_func ("/json-reader/values", test_json_reader_values);
  g_test_add_func ("/json-reader/paths", test_json_reader_paths);
  g_test_add_func ("/json-reader/unknown-members", test_json_reader_unknown_members);
  g_test_add_func ("/json-reader/missing", test_json_reader_missing);

  return g_test_run ();
}
