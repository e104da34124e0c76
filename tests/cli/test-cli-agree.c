/* test-cli-agree.c — collate-cli agree, as a person runs it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "collate.h"
#include "collate-test-cli.h"

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "team", name, NULL);
}

static JsonObject *
parse (JsonParser *parser,
       const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static CollateProject *
load (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CollateProject *project = collate_project_load_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return project;
}

/* The spans of @path as "sha256:start:end:label" → count */
static GHashTable *
span_keys (const char *path)
{
  g_autoptr(CollateProject) project = load (path);
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *list = collate_project_get_annotations (project);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CollateAnnotation) a = g_list_model_get_item (list, i);
      CollateDocument *d = collate_project_lookup_document (project, collate_annotation_get_document_id (a));
      char *key = g_strdup_printf ("%s:%u:%u:%s", collate_document_get_sha256 (d),
                                   collate_annotation_get_start (a), collate_annotation_get_end (a),
                                   collate_annotation_get_label (a));

      g_hash_table_insert (keys, key,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (keys, key)) + 1));
    }
  return keys;
}

static void
test_table (void)
{
  g_autofree char *ann = fixture ("ann.collate.json");
  g_autofree char *bob = fixture ("bob.collate.json");
  g_autofree char *cid = fixture ("cid.collate.json");
  g_auto(Run) r = { 0 };

  run_cli (&r, "agree", ann, bob, cid, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_nonnull (strstr (r.out, "Documents: 2 (8153 characters"));
  g_assert_nonnull (strstr (r.out, "Cohen's κ 2–3"));
  g_assert_nonnull (strstr (r.out, "Fleiss' κ"));
  g_assert_nonnull (strstr (r.out, "αu spans"));
  g_assert_nonnull (strstr (r.out, "Same entity"));
  g_assert_nonnull (strstr (r.out, "across"));
  g_assert_null (strstr (r.out, "disagreements"));
}

/* The exact counts, counted here from the files themselves */
static void
test_json (void)
{
  g_autofree char *ann = fixture ("ann.collate.json");
  g_autofree char *cid = fixture ("cid.collate.json");
  g_autoptr(GHashTable) a = span_keys (ann);
  g_autoptr(GHashTable) c = span_keys (cid);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) r = { 0 };
  JsonObject *root, *all, *pair, *spans;
  GHashTableIter iter;
  gpointer key, value;
  guint in_a = 0, in_c = 0, same = 0;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      in_a += GPOINTER_TO_UINT (value);
      same += MIN (GPOINTER_TO_UINT (value), GPOINTER_TO_UINT (g_hash_table_lookup (c, key)));
    }
  g_hash_table_iter_init (&iter, c);
  while (g_hash_table_iter_next (&iter, &key, &value))
    in_c += GPOINTER_TO_UINT (value);
  g_assert_cmpuint (same, >, 0);
  g_assert_cmpuint (same, <, in_a);

  run_cli (&r, "agree", "--json", ann, cid, NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = parse (parser, r.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "annotators")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "documents")), ==, 2);
  g_assert_false (json_object_has_member (root, "disagreements"));
  all = json_object_get_object_member (json_object_get_object_member (root, "labels"), "");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (all, "pairs")), ==, 1);
  pair = json_array_get_object_element (json_object_get_array_member (all, "pairs"), 0);
  spans = json_object_get_object_member (pair, "spans");
  g_assert_cmpint (json_object_get_int_member (spans, "a"), ==, in_a);
  g_assert_cmpint (json_object_get_int_member (spans, "b"), ==, in_c);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (spans, "exact"), "matched"),
                   ==, same);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (json_object_get_object_member (spans, "exact"), "f1"),
                                  2.0 * same / (in_a + in_c), 1e-12);
  /* two annotators: Fleiss' kappa is still given (Scott's pi) */
  g_assert_false (json_object_get_null_member (all, "fleiss_kappa"));
}

/* One annotator twice: full agreement everywhere */
static void
test_identical (void)
{
  g_autofree char *ann = fixture ("ann.collate.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) r = { 0 };
  JsonObject *root, *all, *pair;

  run_cli (&r, "agree", "--json", "--details", ann, ann, NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = parse (parser, r.out);
  all = json_object_get_object_member (json_object_get_object_member (root, "labels"), "");
  pair = json_array_get_object_element (json_object_get_array_member (all, "pairs"), 0);
  g_assert_cmpfloat (json_object_get_double_member (pair, "cohen_kappa"), ==, 1.0);
  g_assert_cmpfloat (json_object_get_double_member (all, "krippendorff_alpha"), ==, 1.0);
  g_assert_cmpfloat (json_object_get_double_member (all, "unitizing_alpha"), ==, 1.0);
  g_assert_cmpfloat (json_object_get_double_member (
                       json_object_get_object_member (json_object_get_object_member (pair, "spans"), "exact"),
                       "f1"), ==, 1.0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "disagreements")), ==, 0);
}

static void
test_details (void)
{
  g_autofree char *ann = fixture ("ann.collate.json");
  g_autofree char *bob = fixture ("bob.collate.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) r = { 0 };
  g_auto(Run) j = { 0 };
  JsonArray *list;
  g_autofree char *heading = NULL;
  guint spans = 0, links = 0;
  const char *p;

  run_cli (&j, "agree", "--json", "--details", ann, bob, NULL);
  g_assert_cmpint (j.status, ==, 0);
  list = json_object_get_array_member (parse (parser, j.out), "disagreements");
  g_assert_cmpuint (json_array_get_length (list), >, 10);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *d = json_array_get_object_element (list, i);
      JsonArray *made = json_object_get_array_member (d, "made");

      g_assert_cmpint (json_array_get_int_element (made, 0), !=, json_array_get_int_element (made, 1));
      if (g_str_equal (json_object_get_string_member (d, "kind"), "link"))
        links++;
      else
        {
          g_assert_cmpuint (links, ==, 0);  /* spans first */
          spans++;
        }
    }
  g_assert_cmpuint (spans, >, 0);
  g_assert_cmpuint (links, >, 0);

  run_cli (&r, "agree", "--details", ann, bob, NULL);
  g_assert_cmpint (r.status, ==, 0);
  heading = g_strdup_printf ("%u disagreements", spans + links);
  g_assert_nonnull (strstr (r.out, heading));
  for (p = r.out, spans = 0; (p = strstr (p, "\n  span ")) != NULL; p++)
    spans++;
  g_assert_cmpuint (spans + links, ==, json_array_get_length (list));
  g_assert_nonnull (strstr (r.out, "made by "));
}

static void
test_texts_differ (void)
{
  g_autofree char *ann = fixture ("ann.collate.json");
  g_autofree char *dir = g_dir_make_tmp ("collate-agree-XXXXXX", NULL);
  g_autofree char *one = g_build_filename (g_getenv ("COLLATE_SAMPLES_DIR"), "witkoff-putin-report-1.txt", NULL);
  g_autofree char *two = g_build_filename (dir, "report-2.txt", NULL);
  g_autofree char *other = g_build_filename (dir, "other.collate.json", NULL);
  g_auto(Run) made = { 0 };
  g_auto(Run) r = { 0 };

  g_assert_true (g_file_set_contents (two, "Another report altogether.\n", -1, NULL));
  run_cli (&made, "new", "-o", other, one, two, NULL);
  g_assert_cmpint (made.status, ==, 0);

  run_cli (&r, "agree", ann, other, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, "collate-cli: the texts differ: "));
  g_assert_nonnull (strstr (r.err, "document “d2”"));
  g_assert_nonnull (strstr (r.err, "annotators must annotate the same texts"));

  g_remove (two);
  g_remove (other);
  g_rmdir (dir);
}

static void
test_usage (void)
{
  g_autofree char *ann = fixture ("ann.collate.json");
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "team", NULL);
  g_auto(Run) one = { 0 };
  g_auto(Run) mixed = { 0 };
  g_auto(Run) missing = { 0 };
  g_auto(Run) bad = { 0 };
  g_autofree char *broken = g_test_build_filename (G_TEST_DIST, "team", "make-fixtures.py", NULL);

  run_cli (&one, "agree", ann, NULL);
  g_assert_cmpint (one.status, ==, 2);
  g_assert_nonnull (strstr (one.err, "give at least two"));

  run_cli (&mixed, "agree", ann, folder, NULL);
  g_assert_cmpint (mixed.status, ==, 2);
  g_assert_nonnull (strstr (mixed.err, "not both"));

  run_cli (&missing, "agree", ann, "no-such.collate.json", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "no-such.collate.json: no such file or folder"));

  run_cli (&bad, "agree", ann, broken, NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, "make-fixtures.py"));
}

static void
copy (const char *from,
      const char *to)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, length, NULL));
}

/* Two folders of projects, paired by their texts whatever their names */
static void
test_folders (void)
{
  g_autofree char *ann = fixture ("ann.collate.json");
  g_autofree char *bob = fixture ("bob.collate.json");
  g_autofree char *dir = g_dir_make_tmp ("collate-agree-XXXXXX", NULL);
  g_autofree char *a = g_build_filename (dir, "annotator-a", NULL);
  g_autofree char *b = g_build_filename (dir, "annotator-b", NULL);
  g_autofree char *one = g_build_filename (g_getenv ("COLLATE_SAMPLES_DIR"), "witkoff-putin-report-1.txt", NULL);
  g_autofree char *a1 = g_build_filename (a, "talks.collate.json", NULL);
  g_autofree char *a2 = g_build_filename (a, "report.collate.json", NULL);
  g_autofree char *b1 = g_build_filename (b, "z-talks.collate.json", NULL);
  g_autofree char *b2 = g_build_filename (b, "first-report.collate.json", NULL);
  g_autofree char *extra = g_build_filename (b, "zz-extra.collate.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) made = { 0 };
  g_auto(Run) r = { 0 };
  g_auto(Run) leftover = { 0 };
  JsonObject *root;

  g_assert_cmpint (g_mkdir (a, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (b, 0700), ==, 0);
  copy (ann, a1);
  copy (bob, b1);
  run_cli (&made, "new", "-o", a2, one, NULL);
  g_assert_cmpint (made.status, ==, 0);
  copy (a2, b2);

  run_cli (&r, "agree", "--json", a, b, NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = parse (parser, r.out);
  /* the two-report project and the one-report project */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "documents")), ==, 3);

  /* A project in b/ with no partner in a/ */
  {
    g_auto(Run) made2 = { 0 };
    g_autofree char *two = g_build_filename (g_getenv ("COLLATE_SAMPLES_DIR"), "witkoff-putin-report-2.txt", NULL);

    run_cli (&made2, "new", "-o", extra, two, NULL);
    g_assert_cmpint (made2.status, ==, 0);
  }
  run_cli (&leftover, "agree", a, b, NULL);
  g_assert_cmpint (leftover.status, ==, 1);
  g_assert_nonnull (strstr (leftover.err, "has no project with the same documents as"));
  g_assert_nonnull (strstr (leftover.err, "zz-extra.collate.json"));

  g_remove (a1);
  g_remove (a2);
  g_remove (b1);
  g_remove (b2);
  g_remove (extra);
  g_rmdir (a);
  g_rmdir (b);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/agree/table", test_table);
  g_test_add_func ("/cli/agree/json", test_json);
  g_test_add_func ("/cli/agree/identical", test_identical);
  g_test_add_func ("/cli/agree/details", test_details);
  g_test_add_func ("/cli/agree/texts-differ", test_texts_differ);
  g_test_add_func ("/cli/agree/usage", test_usage);
  g_test_add_func ("/cli/agree/folders", test_folders);

  return g_test_run ();
}
