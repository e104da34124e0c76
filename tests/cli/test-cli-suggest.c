/* test-cli-suggest.c — collate-cli suggest, as a person runs it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "collate.h"
#include "collate-test-cli.h"

typedef struct
{
  char *dir;
  char *project;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  const char *samples = g_getenv ("COLLATE_SAMPLES_DIR");
  g_autofree char *one = g_build_filename (samples, "witkoff-putin-report-1.txt", NULL);
  g_autofree char *two = g_build_filename (samples, "witkoff-putin-report-2.txt", NULL);
  g_auto(Run) r = { 0 };
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("collate-suggest-XXXXXX", &error);
  g_assert_no_error (error);
  f->project = g_build_filename (f->dir, "talks.collate.json", NULL);
  run_cli (&r, "new", "-o", f->project, one, two, NULL);
  g_assert_cmpint (r.status, ==, 0);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->project);
}

/* The lines of --json output, parsed */
static GPtrArray *
json_lines (const char *out)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  GPtrArray *objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      if (*lines[i] == '\0')
        continue;
      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
      g_ptr_array_add (objects, json_node_copy (json_parser_get_root (parser)));
    }
  return objects;
}

static void
test_list (Fixture      *f,
           gconstpointer data)
{
  g_auto(Run) r = { 0 };
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (f->project);
  g_autoptr(CollateProject) project = collate_project_load_file (file, NULL, NULL, NULL);
  gboolean length = FALSE, third = FALSE;
  double previous = 1;

  run_cli (&r, "suggest", "--json", f->project, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  lines = json_lines (r.out);
  g_assert_cmpuint (lines->len, >=, 2);
  for (guint i = 0; i < lines->len; i++)
    {
      JsonObject *o = json_node_get_object (g_ptr_array_index (lines, i));
      double confidence = json_object_get_double_member (o, "confidence");
      const char *kind = json_object_get_string_member (o, "kind");

      g_assert_true (collate_suggestion_kind_from_string (kind, NULL));
      g_assert_cmpfloat (confidence, <=, previous);
      previous = confidence;
      g_assert_cmpstr (json_object_get_string_member (o, "reason"), !=, "");
      for (guint side = 0; side < 2; side++)
        {
          JsonObject *s = json_object_get_object_member (o, side ? "b" : "a");
          CollateDocument *d = collate_project_lookup_document (project,
                                                                json_object_get_string_member (s, "document"));

          g_assert_nonnull (d);
          g_assert_true (collate_document_slice_equals (d, json_object_get_int_member (s, "start"),
                                                        json_object_get_int_member (s, "end"),
                                                        json_object_get_string_member (s, "quote")));
        }
      length |= g_str_equal (json_object_get_string_member (json_object_get_object_member (o, "a"), "quote"),
                             "four-and-a-half-hour") && i < 3;
      third |= g_str_equal (kind, "ordinal") && i < 3;
    }
  g_assert_true (length);
  g_assert_true (third);

  /* plain: two lines per suggestion, the quote and the reason */
  run_cli (&r, "suggest", f->project, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "“four-and-a-half-hour”"));
  g_assert_nonnull (strstr (r.out, "compatible; the first is more precise"));
}

static void
test_filters (Fixture      *f,
              gconstpointer data)
{
  g_auto(Run) r = { 0 };
  g_autoptr(GPtrArray) lines = NULL;

  run_cli (&r, "suggest", "--json", "--kinds", "ordinal,negation", f->project, NULL);
  g_assert_cmpint (r.status, ==, 0);
  lines = json_lines (r.out);
  g_assert_cmpuint (lines->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (g_ptr_array_index (lines, 0)), "kind"),
                   ==, "ordinal");

  g_clear_pointer (&lines, g_ptr_array_unref);
  run_cli (&r, "suggest", "--json", "--min-confidence", "0.6", "-d", "d2,d1", f->project, NULL);
  g_assert_cmpint (r.status, ==, 0);
  lines = json_lines (r.out);
  g_assert_cmpuint (lines->len, >=, 1);
  for (guint i = 0; i < lines->len; i++)
    {
      JsonObject *o = json_node_get_object (g_ptr_array_index (lines, i));

      g_assert_cmpfloat (json_object_get_double_member (o, "confidence"), >=, 0.6);
      /* d2 first, as asked */
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "a"), "document"), ==, "d2");
    }
}

static void
test_usage (Fixture      *f,
            gconstpointer data)
{
  static const struct { const char *args[6]; int status; const char *says; } cases[] = {
    { { "suggest", NULL }, 2, "give a project file" },
    { { "suggest", "--kinds", "colour", "@", NULL }, 2, "unknown kind “colour”" },
    { { "suggest", "--min-confidence", "2", "@", NULL }, 2, "--min-confidence takes a number from 0 to 1" },
    { { "suggest", "-d", "d1,d9", "@", NULL }, 2, "there is no document “d9”" },
    { { "suggest", "-d", "d1", "@", NULL }, 2, "at least two document ids" },
    { { "suggest", "--label", "Claim", "@", NULL }, 2, "give --accept-all too" },
    { { "suggest", "--scorer-timeout", "3", "@", NULL }, 2, "give --scorer too" },
    { { "suggest", "--scorer", "\"unclosed", "@", NULL }, 2, "--scorer:" },
    { { "suggest", "/nonexistent/x.collate.json", NULL }, 1, "x.collate.json" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) r = { 0 };
      const char *args[6];

      for (guint k = 0; k < 6; k++)
        args[k] = cases[i].args[k] && g_str_equal (cases[i].args[k], "@") ? f->project : cases[i].args[k];
      run_cliv (&r, args);
      g_assert_cmpint (r.status, ==, cases[i].status);
      g_assert_nonnull (strstr (r.err, cases[i].says));
      g_assert_cmpstr (r.out, ==, "");
    }
}

static void
test_accept_all (Fixture      *f,
                 gconstpointer data)
{
  g_autofree char *out = g_build_filename (f->dir, "accepted.collate.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *saved = NULL;
  g_auto(Run) r = { 0 };
  g_autoptr(GPtrArray) listed = NULL;

  g_file_get_contents (f->project, &before, NULL, NULL);
  run_cli (&r, "suggest", "--json", "--accept-all", "--label", "Quantity",
               "-o", out, f->project, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "Accepted"));
  listed = json_lines (r.out);

  /* the input is untouched; the output validates and records every decision */
  g_file_get_contents (f->project, &after, NULL, NULL);
  g_assert_cmpstr (before, ==, after);
  run_cli (&r, "validate", out, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_file_get_contents (out, &saved, NULL, NULL);
  g_assert_nonnull (strstr (saved, "\"version\": 2,"));
  g_assert_nonnull (strstr (saved, "\"label\": \"Quantity\""));
  {
    g_autoptr(GFile) file = g_file_new_for_path (out);
    g_autoptr(CollateProject) project = collate_project_load_file (file, NULL, NULL, NULL);

    g_assert_cmpuint (collate_project_get_n_reviews (project), ==, listed->len);
    g_assert_cmpuint (collate_project_get_n_links (project), ==, listed->len);
  }

  /* decided: nothing left to suggest */
  run_cli (&r, "suggest", out, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "");
}

static void
test_scorer (Fixture      *f,
             gconstpointer data)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "compare", "scorer.py", NULL);
  static const struct { const char *mode; const char *timeout; int status; const char *says; } cases[] = {
    { "ok", "60", 0, "" },
    { "fail", "60", 1, "exited with status 3: scorer: the model file is missing" },
    { "garbage", "60", 1, "answered line 1 with something that is not a JSON object" },
    { "hang", "1.5", 1, "did not answer within 1.5 s and was stopped" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *command = g_strdup_printf ("'%s' '%s' %s", TEST_PYTHON3, script, cases[i].mode);
      g_auto(Run) r = { 0 };

      run_cli (&r, "suggest", "--scorer", command, "--scorer-timeout", cases[i].timeout,
                   f->project, NULL);
      g_assert_cmpint (r.status, ==, cases[i].status);
      g_assert_nonnull (strstr (r.err, cases[i].says));
      if (cases[i].status != 0)
        g_assert_cmpstr (r.out, ==, "");
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli/suggest/list", Fixture, NULL, fixture_set_up, test_list, fixture_tear_down);
  g_test_add ("/cli/suggest/filters", Fixture, NULL, fixture_set_up, test_filters, fixture_tear_down);
  g_test_add ("/cli/suggest/usage", Fixture, NULL, fixture_set_up, test_usage, fixture_tear_down);
  g_test_add ("/cli/suggest/accept-all", Fixture, NULL, fixture_set_up, test_accept_all, fixture_tear_down);
  g_test_add ("/cli/suggest/scorer", Fixture, NULL, fixture_set_up, test_scorer, fixture_tear_down);

  return g_test_run ();
}
