/* test-cli.c — runs the built collate-cli and checks what it does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "../collate-test-disk.h"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <utime.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "collate.h"
#include "collate-test-cli.h"

#define SAMPLE_1 "witkoff-putin-report-1.txt"
#define SAMPLE_2 "witkoff-putin-report-2.txt"
#define SAMPLE_1_CHARS 5168
#define SAMPLE_2_CHARS 2985

/* ── Helpers ─────────────────────────────────────────────────────────── */

static char *
sample_path (const char *name)
{
  const char *dir = g_getenv ("COLLATE_SAMPLES_DIR");

  if (dir != NULL)
    return g_build_filename (dir, name, NULL);

  return g_test_build_filename (G_TEST_DIST, "..", "samples", name, NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @path, sorted and joined with spaces ("" when empty) */
static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* stderr of a failed run: exactly one line per problem, each from collate-cli */
static void
assert_error_lines (const char *err,
                    guint       n_lines)
{
  g_auto(GStrv) lines = NULL;
  guint i;

  g_assert_nonnull (err);
  g_assert_true (g_str_has_suffix (err, "\n"));
  lines = g_strsplit (err, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, n_lines + 1);
  for (i = 0; i < n_lines; i++)
    g_assert_true (g_str_has_prefix (lines[i], "collate-cli: "));
}

static JsonObject *
parse_json_object (const char *text,
                   JsonParser *parser)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_node_get_object (root);
}

/* Makes a project from both samples in @dir; returns its path */
static char *
make_sample_project (const char *dir,
                     const char *name)
{
  g_autofree char *sample_1 = sample_path (SAMPLE_1);
  g_autofree char *sample_2 = sample_path (SAMPLE_2);
  char *project = g_build_filename (dir, name, NULL);
  g_auto(Run) run = { 0 };

  run_cli (&run, "new", "-o", project, sample_1, sample_2, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (project, G_FILE_TEST_IS_REGULAR));

  return project;
}

/* ── Version and help ────────────────────────────────────────────────── */

static void
test_version (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "collate-cli " PACKAGE_VERSION "\n");
  g_assert_cmpstr (run.err, ==, "");
}

static void
test_help (void)
{
  const char *commands[] = { "new", "validate", "stats" };
  guint i;

  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    for (i = 0; i < G_N_ELEMENTS (commands); i++)
      g_assert_nonnull (strstr (run.out, commands[i]));
    g_assert_nonnull (strstr (run.out, "export"));
    g_assert_nonnull (strstr (run.out, "import"));
    g_assert_cmpstr (run.err, ==, "");
  }

  for (i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };
      g_auto(Run) run_help = { 0 };
      g_autofree char *usage = g_strdup_printf ("collate-cli %s [OPTION…]", commands[i]);

      run_cli (&run, commands[i], "--help", NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, usage));
      g_assert_cmpstr (run.err, ==, "");

      /* "collate-cli help COMMAND" says the same */
      run_cli (&run_help, "help", commands[i], NULL);
      g_assert_cmpint (run_help.status, ==, 0);
      g_assert_cmpstr (run_help.out, ==, run.out);
    }

  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "new", "--help", NULL);
    g_assert_nonnull (strstr (run.out, "--output"));
    g_assert_nonnull (strstr (run.out, "--title"));
    g_assert_nonnull (strstr (run.out, "--force"));
  }
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "stats", "--help", NULL);
    g_assert_nonnull (strstr (run.out, "--json"));
  }
}

/* ── Usage errors: exit 2 ────────────────────────────────────────────── */

static void
test_usage_errors (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *sample_1 = sample_path (SAMPLE_1);
  g_autofree char *out = g_build_filename (dir, "out.collate.json", NULL);
  struct {
    const char *args[6];
    const char *reason;
  } cases[] = {
    { { NULL }, "give a command" },
    { { "frobnicate", NULL }, "unknown command “frobnicate”" },
    { { "--frobnicate", NULL }, "unknown option “--frobnicate”" },
    { { "help", "frobnicate", NULL }, "unknown command “frobnicate”" },
    { { "new", NULL }, "give at least one text file" },
    { { "new", "-o", out, NULL }, "give at least one text file" },
    { { "new", "--bogus", sample_1, NULL }, "--bogus" },
    { { "new", sample_1, "-o", NULL }, "-o" },
    { { "new", "-o", "", sample_1, NULL }, "--output" },
    { { "new", "--title", " ", "-o", out, sample_1 }, "--title" },
    { { "validate", NULL }, "give at least one project file" },
    { { "validate", "--json", out, NULL }, "--json" },
    { { "stats", NULL }, "give a project file" },
    { { "stats", "--bogus", out, NULL }, "--bogus" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      const char *const *a = cases[i].args;
      g_auto(GStrv) lines = NULL;

      /* At most six arguments; unused ones are NULL */
      run_cli (&run, a[0], a[0] ? a[1] : NULL, a[0] && a[1] ? a[2] : NULL,
               a[0] && a[1] && a[2] ? a[3] : NULL,
               a[0] && a[1] && a[2] && a[3] ? a[4] : NULL,
               a[0] && a[1] && a[2] && a[3] && a[4] ? a[5] : NULL,
               NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");

      /* The reason, then where to read more */
      lines = g_strsplit (run.err, "\n", -1);
      g_assert_cmpuint (g_strv_length (lines), ==, 3);
      g_assert_true (g_str_has_prefix (lines[0], "collate-cli: "));
      g_assert_nonnull (strstr (lines[0], cases[i].reason));
      g_assert_nonnull (strstr (lines[1], "--help"));
    }

  /* Nothing was written by any of them */
  {
    g_autofree char *listing = list_dir (dir);
    g_assert_cmpstr (listing, ==, "");
  }
  collate_file_remove_tree (dir);
}

/* ── new → validate → stats on the sample reports ────────────────────── */

static void
test_samples (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *project = make_sample_project (dir, "talks.collate.json");
  g_autoptr(JsonParser) parser = json_parser_new ();

  {
    g_auto(Run) run = { 0 };
    g_autofree char *expected = g_strdup_printf ("%s: ok (2 documents, 0 spans, 0 links)\n", project);

    run_cli (&run, "validate", project, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, expected);
    g_assert_cmpstr (run.err, ==, "");
  }

  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "stats", project, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_nonnull (strstr (run.out, "5168"));
    g_assert_nonnull (strstr (run.out, "2985"));
    g_assert_nonnull (strstr (run.out, "8153"));
    g_assert_nonnull (strstr (run.out, "Spans per label"));
    g_assert_nonnull (strstr (run.out, "Links per label"));
    g_assert_nonnull (strstr (run.out, "Same entity"));
  }

  {
    g_auto(Run) run = { 0 };
    JsonObject *stats;
    JsonArray *documents;
    JsonObject *d1, *d2;

    run_cli (&run, "stats", "--json", project, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, "");
    stats = parse_json_object (run.out, parser);

    g_assert_cmpint (json_object_get_int_member (stats, "characters"), ==,
                     SAMPLE_1_CHARS + SAMPLE_2_CHARS);
    g_assert_cmpint (json_object_get_int_member (stats, "spans"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (stats, "links"), ==, 0);

    documents = json_object_get_array_member (stats, "documents");
    g_assert_cmpuint (json_array_get_length (documents), ==, 2);
    d1 = json_array_get_object_element (documents, 0);
    d2 = json_array_get_object_element (documents, 1);
    g_assert_cmpint (json_object_get_int_member (d1, "characters"), ==, SAMPLE_1_CHARS);
    g_assert_cmpint (json_object_get_int_member (d2, "characters"), ==, SAMPLE_2_CHARS);
    /* Curly quotes and dashes: more bytes than characters */
    g_assert_cmpint (json_object_get_int_member (d1, "bytes"), >, SAMPLE_1_CHARS);
    g_assert_cmpstr (json_object_get_string_member (d1, "title"), ==,
                     "Trump to Russia: ‘Get Moving’ on Ukraine as Witkoff Holds Talks With Putin");
    g_assert_true (g_str_has_suffix (json_object_get_string_member (d2, "source"), SAMPLE_2));
    /* Without --title, the project is named after the first document */
    g_assert_cmpstr (json_object_get_string_member (stats, "title"), ==,
                     json_object_get_string_member (d1, "title"));
    g_assert_true (json_object_has_member (json_object_get_object_member (stats, "spans_per_label"),
                                           "Claim"));
    g_assert_true (json_object_has_member (json_object_get_object_member (stats, "links_per_label"),
                                           "Contradicts"));
  }

  /* Several projects at once, each on its own line */
  {
    g_auto(Run) run = { 0 };
    g_autofree char *copy = g_build_filename (dir, "copy.collate.json", NULL);
    g_autofree char *contents = read_file (project);
    g_autofree char *expected = NULL;

    write_file (copy, contents, -1);
    expected = g_strdup_printf ("%s: ok (2 documents, 0 spans, 0 links)\n"
                                "%s: ok (2 documents, 0 spans, 0 links)\n",
                                project, copy);
    run_cli (&run, "validate", project, copy, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, expected);
  }

  collate_file_remove_tree (dir);
}

static void
test_new_title_and_order (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *sample_1 = sample_path (SAMPLE_1);
  g_autofree char *sample_2 = sample_path (SAMPLE_2);
  g_autofree char *project = g_build_filename (dir, "p.collate.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  g_auto(Run) stats_run = { 0 };
  JsonObject *stats;
  JsonArray *documents;

  /* Files in the order given: report 2 first */
  run_cli (&run, "new", "--title", "Envoy talks", "-o", project, sample_2, sample_1, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "2 documents"));

  run_cli (&stats_run, "stats", "--json", project, NULL);
  g_assert_cmpint (stats_run.status, ==, 0);
  stats = parse_json_object (stats_run.out, parser);
  g_assert_cmpstr (json_object_get_string_member (stats, "title"), ==, "Envoy talks");
  documents = json_object_get_array_member (stats, "documents");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (documents, 0),
                                               "characters"), ==, SAMPLE_2_CHARS);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (documents, 1),
                                               "characters"), ==, SAMPLE_1_CHARS);

  collate_file_remove_tree (dir);
}

/* A byte-order mark is dropped, Windows line endings are kept */
static void
test_new_bom_and_crlf (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *text = g_build_filename (dir, "windows.txt", NULL);
  g_autofree char *project = g_build_filename (dir, "windows.collate.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  g_auto(Run) stats_run = { 0 };
  JsonObject *stats, *document;

  write_file (text, "\xef\xbb\xbf\r\nCaf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x99\x82\r\nsecond\r\n", -1);
  run_cli (&run, "new", text, NULL);
  g_assert_cmpint (run.status, ==, 0);

  run_cli (&stats_run, "stats", "--json", project, NULL);
  g_assert_cmpint (stats_run.status, ==, 0);
  stats = parse_json_object (stats_run.out, parser);
  document = json_array_get_object_element (json_object_get_array_member (stats, "documents"), 0);
  /* "\r\n" 2 + "Café — 🙂" 8 + "\r\n" 2 + "second" 6 + "\r\n" 2 */
  g_assert_cmpint (json_object_get_int_member (document, "characters"), ==, 20);
  g_assert_cmpint (json_object_get_int_member (document, "bytes"), ==, 26);
  g_assert_cmpstr (json_object_get_string_member (document, "title"), ==, "Café — 🙂");

  collate_file_remove_tree (dir);
}

static void
test_new_default_output (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *sample_1 = sample_path (SAMPLE_1);
  g_autofree char *text = read_file (sample_1);
  g_autofree char *report = g_build_filename (dir, "report.txt", NULL);
  g_autofree char *expected = g_build_filename (dir, "report.collate.json", NULL);
  g_autofree char *first = NULL;

  write_file (report, text, -1);

  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "new", report, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, expected));
    g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
    first = read_file (expected);
  }

  /* A second time it refuses to replace the project… */
  {
    g_auto(Run) run = { 0 };
    g_autofree char *after = NULL;

    write_file (expected, "keep me\n", -1);
    run_cli (&run, "new", report, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    assert_error_lines (run.err, 1);
    g_assert_nonnull (strstr (run.err, "already exists"));
    g_assert_nonnull (strstr (run.err, "--force"));
    after = read_file (expected);
    g_assert_cmpstr (after, ==, "keep me\n");
  }

  /* …unless told to */
  {
    g_auto(Run) run = { 0 };
    g_autofree char *after = NULL;

    run_cli (&run, "new", "--force", report, NULL);
    g_assert_cmpint (run.status, ==, 0);
    after = read_file (expected);
    g_assert_cmpstr (after, ==, first);
  }

  /* Not even --force writes over one of the text files */
  {
    g_auto(Run) run = { 0 };
    g_autofree char *after = NULL;

    run_cli (&run, "new", "--force", "-o", report, report, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "one of the inputs"));
    after = read_file (report);
    g_assert_cmpstr (after, ==, text);
  }

  {
    g_autofree char *listing = list_dir (dir);
    g_assert_cmpstr (listing, ==, "report.collate.json report.txt");
  }
  collate_file_remove_tree (dir);
}

/* ── new refuses bad text files and writes nothing ───────────────────── */

typedef struct
{
  const char *file;      /* under tests/cli/, or NULL for a missing file */
  const char *reason;    /* expected in the message */
} BadText;

static void
check_new_refuses (const char *bad_path,
                   const char *reason)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *sample_1 = sample_path (SAMPLE_1);
  g_autofree char *out = g_build_filename (dir, "out.collate.json", NULL);
  g_autofree char *bad_name = g_path_get_basename (bad_path);

  /* The bad file after a good one: still nothing written */
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "new", "-o", out, sample_1, bad_path, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_nonnull (strstr (run.err, bad_name));
    g_assert_nonnull (strstr (run.err, reason));
    g_assert_true (g_str_has_prefix (run.err, "collate-cli: "));
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }

  /* Alone */
  {
    g_auto(Run) run = { 0 };
    g_autofree char *listing = NULL;

    run_cli (&run, "new", "-o", out, bad_path, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, bad_name));
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    listing = list_dir (dir);
    g_assert_cmpstr (listing, ==, "");
  }

  collate_file_remove_tree (dir);
}

static void
test_new_missing_file (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *missing = g_build_filename (dir, "missing.txt", NULL);
  g_autofree char *derived = g_build_filename (dir, "missing.collate.json", NULL);
  g_auto(Run) run = { 0 };

  check_new_refuses (missing, "no such file");

  /* Without -o: the project that would be derived is not made either */
  run_cli (&run, "new", missing, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "missing.txt"));
  g_assert_false (g_file_test (derived, G_FILE_TEST_EXISTS));

  collate_file_remove_tree (dir);
}

static void
test_new_empty_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "cli", "empty.txt", NULL);

  check_new_refuses (path, "empty");
}

static void
test_new_invalid_utf8 (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "cli", "invalid-utf8.txt", NULL);

  /* The first bad byte, 0xff, is at byte 46 (after “é”, curly quotes, a dash) */
  check_new_refuses (path, "byte 46");
}

static void
test_new_binary_file (void)
{
  g_autofree char *png = g_test_build_filename (G_TEST_DIST, "cli", "binary.png", NULL);
  g_autofree char *nul = g_test_build_filename (G_TEST_DIST, "cli", "nul-byte.txt", NULL);

  /* A PNG is named; other NUL bytes are placed */
  check_new_refuses (png, "not a text file, web page or PDF: it is a PNG image");
  check_new_refuses (nul, "byte 15");
}

static void
test_new_directory (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *sub = g_build_filename (dir, "notes", NULL);

  g_mkdir (sub, 0700);
  check_new_refuses (sub, "notes");
  collate_file_remove_tree (dir);
}

static void
test_new_unwritable_output (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *sample_1 = sample_path (SAMPLE_1);
  g_autofree char *out = g_build_filename (dir, "no-such-folder", "out.collate.json", NULL);
  g_auto(Run) run = { 0 };

  run_cli (&run, "new", "-o", out, sample_1, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, out));
  g_assert_nonnull (strstr (run.err, "does not exist"));
  g_assert_true (g_str_has_prefix (run.err, "collate-cli: "));
  {
    g_autofree char *listing = list_dir (dir);
    g_assert_cmpstr (listing, ==, "");
  }
  collate_file_remove_tree (dir);
}

/* ── validate and stats refuse broken projects ───────────────────────── */

static void
check_refused (const char *path,
               const char *reason)
{
  g_autofree char *name = g_path_get_basename (path);
  g_auto(Run) validate = { 0 };
  g_auto(Run) stats = { 0 };

  run_cli (&validate, "validate", path, NULL);
  g_assert_cmpint (validate.status, ==, 1);
  g_assert_cmpstr (validate.out, ==, "");
  assert_error_lines (validate.err, 1);
  g_assert_nonnull (strstr (validate.err, name));
  if (reason != NULL)
    g_assert_nonnull (strstr (validate.err, reason));

  run_cli (&stats, "stats", path, NULL);
  g_assert_cmpint (stats.status, ==, 1);
  g_assert_cmpstr (stats.out, ==, "");
  g_assert_cmpstr (stats.err, ==, validate.err);
}

static void
test_validate_corrupt_fixtures (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "cli", "corrupt", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      check_refused (path, NULL);
      n++;
    }
  g_assert_cmpuint (n, >=, 6);
}

static void
test_validate_missing (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *missing = g_build_filename (dir, "gone.collate.json", NULL);

  check_refused (missing, NULL);
  check_refused (dir, NULL);
  collate_file_remove_tree (dir);
}

static void
test_validate_deep_nesting (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "deep.collate.json", NULL);
  GString *deep = g_string_new (NULL);
  guint i;

  /* Enough to crash a JSON parser without a depth guard */
  for (i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  write_file (path, deep->str, deep->len);
  g_string_free (deep, TRUE);

  check_refused (path, NULL);
  collate_file_remove_tree (dir);
}

/* A good project with one thing changed must be refused, naming the reason */
static void
check_tampered (const char *dir,
                const char *good,
                const char *name,
                const char *find,
                const char *replace,
                const char *reason)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *contents = read_file (good);
  g_autoptr(GString) tampered = g_string_new (contents);

  g_assert_cmpuint (g_string_replace (tampered, find, replace, 1), ==, 1);
  write_file (path, tampered->str, tampered->len);
  check_refused (path, reason);
}

static void
test_validate_tampered (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *good = make_sample_project (dir, "good.collate.json");

  /* The text changed but not its checksum */
  check_tampered (dir, good, "edited-text.collate.json",
                  "four-and-a-half-hour", "five-hour", "sha256");
  check_tampered (dir, good, "wrong-format.collate.json",
                  "\"collate-project\"", "\"collate-projekt\"", "format");
  check_tampered (dir, good, "newer.collate.json",
                  "\"version\": 1", "\"version\": 7", "version");

  /* Both good and bad: the good one is reported ok, the exit status is 1 */
  {
    g_autofree char *bad = g_build_filename (dir, "edited-text.collate.json", NULL);
    g_autofree char *expected = g_strdup_printf ("%s: ok (2 documents, 0 spans, 0 links)\n"
                                                 "%s: ok (2 documents, 0 spans, 0 links)\n",
                                                 good, good);
    g_auto(Run) run = { 0 };

    run_cli (&run, "validate", good, bad, good, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, expected);
    assert_error_lines (run.err, 1);
    g_assert_nonnull (strstr (run.err, "edited-text.collate.json"));
  }

  collate_file_remove_tree (dir);
}

/* ── stats on an annotated project ───────────────────────────────────── */

/* Builds, through the core, a project of both samples with spans and
 * links, and saves it to @path. */
static void
save_annotated_project (const char *path)
{
  g_autoptr(CollateProject) project = collate_project_new ("Annotated", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  const char *samples[] = { SAMPLE_1, SAMPLE_2 };
  CollateAnnotation *a, *b, *c, *d;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *sample = sample_path (samples[i]);
      g_autofree char *id = collate_project_next_document_id (project);
      g_autoptr(CollateDocument) document = collate_document_new_from_file (sample, id, &error);

      g_assert_no_error (error);
      collate_project_add_document (project, document, &error);
      g_assert_no_error (error);
    }

  /* d1: three spans (two Claims overlapping, one Person); d2: one Claim */
  a = collate_project_add_span (project, "d1", 0, 15, "Claim", &error);
  g_assert_no_error (error);
  b = collate_project_add_span (project, "d1", 5, 40, "Claim", &error);
  g_assert_no_error (error);
  c = collate_project_add_span (project, "d1", 100, 113, "Person", &error);
  g_assert_no_error (error);
  d = collate_project_add_span (project, "d2", 10, 30, "Claim", &error);
  g_assert_no_error (error);

  /* One link within d1, two across */
  collate_project_add_link (project, "Corroborates", collate_annotation_get_id (a),
                            collate_annotation_get_id (b), &error);
  g_assert_no_error (error);
  collate_project_add_link (project, "Contradicts", collate_annotation_get_id (b),
                            collate_annotation_get_id (d), &error);
  g_assert_no_error (error);
  collate_project_add_link (project, "Same entity", collate_annotation_get_id (c),
                            collate_annotation_get_id (d), &error);
  g_assert_no_error (error);

  collate_project_save_file (project, file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_stats_annotated (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "annotated.collate.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) validate = { 0 };
  g_auto(Run) text = { 0 };
  g_auto(Run) json = { 0 };
  g_autofree char *expected = NULL;
  JsonObject *stats, *per_label, *links, *d1_labels, *d2_labels;
  JsonArray *documents;

  save_annotated_project (path);

  run_cli (&validate, "validate", path, NULL);
  g_assert_cmpint (validate.status, ==, 0);
  expected = g_strdup_printf ("%s: ok (2 documents, 4 spans, 3 links)\n", path);
  g_assert_cmpstr (validate.out, ==, expected);

  run_cli (&json, "stats", "--json", path, NULL);
  g_assert_cmpint (json.status, ==, 0);
  stats = parse_json_object (json.out, parser);
  g_assert_cmpint (json_object_get_int_member (stats, "spans"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (stats, "links"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (stats, "links_within_documents"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (stats, "links_across_documents"), ==, 2);

  per_label = json_object_get_object_member (stats, "spans_per_label");
  g_assert_cmpint (json_object_get_int_member (per_label, "Claim"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (per_label, "Person"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (per_label, "Location"), ==, 0);

  documents = json_object_get_array_member (stats, "documents");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (documents, 0),
                                               "spans"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (documents, 1),
                                               "spans"), ==, 1);
  d1_labels = json_object_get_object_member (json_array_get_object_element (documents, 0),
                                             "spans_per_label");
  d2_labels = json_object_get_object_member (json_array_get_object_element (documents, 1),
                                             "spans_per_label");
  g_assert_cmpint (json_object_get_int_member (d1_labels, "Claim"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (d1_labels, "Person"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (d2_labels, "Claim"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (d2_labels, "Person"), ==, 0);

  links = json_object_get_object_member (stats, "links_per_label");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (links, "Corroborates"),
                                               "within_documents"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (links, "Contradicts"),
                                               "across_documents"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (links, "Same entity"),
                                               "total"), ==, 1);

  /* The table says the same: the Claim row is "Claim 2 1 3" */
  run_cli (&text, "stats", path, NULL);
  g_assert_cmpint (text.status, ==, 0);
  {
    g_auto(GStrv) lines = g_strsplit (text.out, "\n", -1);
    gboolean found_claim = FALSE, found_contradicts = FALSE;
    guint i;

    for (i = 0; lines[i] != NULL; i++)
      {
        g_auto(GStrv) words = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
        g_autofree char *joined = NULL;
        guint j, k = 0;

        /* Collapse runs of spaces */
        for (j = 0; words[j] != NULL; j++)
          if (words[j][0] != '\0')
            words[k++] = words[j];
          else
            g_free (words[j]);
        words[k] = NULL;
        joined = g_strjoinv (" ", words);

        if (g_str_equal (joined, "Claim 2 1 3"))
          found_claim = TRUE;
        if (g_str_equal (joined, "Contradicts 0 1 1"))
          found_contradicts = TRUE;
      }
    g_assert_true (found_claim);
    g_assert_true (found_contradicts);
  }

  collate_file_remove_tree (dir);
}

/* ── Writing safely ──────────────────────────────────────────────────── */

/* Runs collate-cli with its standard output on /dev/full */
static void
run_cli_to_full_disk (Run        *run,
                      const char *command,
                      const char *argument)
{
  const char *argv[] = { "/bin/sh", "-c", "exec \"$0\" \"$1\" \"$2\" > /dev/full",
                         COLLATE_CLI_PATH, command, argument, NULL };
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &run->out, &run->err,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

/* export and import write over none of their inputs, whatever the name,
 * and over an existing file only with --force */
static void
test_output_rules (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *project = make_sample_project (dir, "p.collate.json");
  g_autofree char *original = read_file (project);
  g_autofree char *hard = g_build_filename (dir, "hard.collate.json", NULL);
  g_autofree char *soft = g_build_filename (dir, "soft.collate.json", NULL);
  g_autofree char *jsonl = g_build_filename (dir, "data.jsonl", NULL);
  g_autofree char *existing = g_build_filename (dir, "existing.collate.json", NULL);
  g_autofree char *folder = g_build_filename (dir, "brat", NULL);
  g_autofree char *inside = g_build_filename (folder, "p.collate.json", NULL);

  g_assert_cmpint (link (project, hard), ==, 0);
  g_assert_cmpint (symlink ("p.collate.json", soft), ==, 0);

  /* The project itself, by its name, a hard link and a symbolic link;
   * not even --force */
  {
    const char *outputs[] = { project, hard, soft };

    for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
      {
        g_auto(Run) run = { 0 };
        g_autofree char *after = NULL;

        run_cli (&run, "export", "--format", "csv", "--force", "-o", outputs[i], project, NULL);
        g_assert_cmpint (run.status, ==, 2);
        g_assert_nonnull (strstr (run.err, "is also one of the inputs"));
        after = read_file (project);
        g_assert_cmpstr (after, ==, original);
      }
  }

  /* A dataset imported onto itself */
  {
    g_auto(Run) run = { 0 };
    g_auto(Run) again = { 0 };
    g_autofree char *data = NULL;
    g_autofree char *after = NULL;

    run_cli (&run, "export", "--format", "jsonl", "-o", jsonl, project, NULL);
    g_assert_cmpint (run.status, ==, 0);
    data = read_file (jsonl);
    run_cli (&again, "import", "--format", "jsonl", "--force", "-o", jsonl, jsonl, NULL);
    g_assert_cmpint (again.status, ==, 2);
    g_assert_nonnull (strstr (again.err, "is also one of the inputs"));
    after = read_file (jsonl);
    g_assert_cmpstr (after, ==, data);
  }

  /* An existing file: only with --force, for import and export alike */
  {
    const char *formats[] = { "import", "export" };

    for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
      {
        g_auto(Run) refused = { 0 };
        g_auto(Run) forced = { 0 };
        g_autofree char *after = NULL;
        gboolean import = i == 0;

        write_file (existing, "keep me\n", -1);
        run_cli (&refused, formats[i], "--format", "jsonl", "-o", existing,
                 import ? jsonl : project, NULL);
        g_assert_cmpint (refused.status, ==, 1);
        assert_error_lines (refused.err, 1);
        g_assert_nonnull (strstr (refused.err, "already exists; use --force"));
        after = read_file (existing);
        g_assert_cmpstr (after, ==, "keep me\n");

        run_cli (&forced, formats[i], "--format", "jsonl", "--force", "-o", existing,
                 import ? jsonl : project, NULL);
        g_assert_cmpint (forced.status, ==, 0);
        g_clear_pointer (&after, g_free);
        after = read_file (existing);
        g_assert_cmpstr (after, !=, "keep me\n");
      }
  }

  /* A folder export into the folder that holds its input, and an import
   * over a file inside its input folder */
  {
    g_auto(Run) run = { 0 };
    g_auto(Run) back = { 0 };
    g_autofree char *txt = NULL;
    g_autofree char *listing = NULL;

    g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
    write_file (inside, original, -1);
    run_cli (&run, "export", "--format", "brat", "-o", folder, inside, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "holds the input"));
    listing = list_dir (folder);
    g_assert_cmpstr (listing, ==, "p.collate.json");

    run_cli (&back, "import", "--format", "brat", "--force", "-o", inside, folder, NULL);
    g_assert_cmpint (back.status, ==, 2);
    g_assert_nonnull (strstr (back.err, "inside the input folder"));
    txt = read_file (inside);
    g_assert_cmpstr (txt, ==, original);
  }

  collate_file_remove_tree (dir);
}

/* Every command fails when its output is lost */
static void
test_output_lost (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *project = make_sample_project (dir, "p.collate.json");
  const char *commands[] = { "stats", "validate" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };

      run_cli_to_full_disk (&run, commands[i], project);
      g_test_message ("%s > /dev/full: %d %s", commands[i], run.status, run.err);
      g_assert_cmpint (run.status, ==, 1);
      assert_error_lines (run.err, 1);
      g_assert_nonnull (strstr (run.err, "could not write to standard output"));
    }
  {
    const char *argv[] = { "/bin/sh", "-c", "exec \"$0\" export -f csv \"$1\" > /dev/full",
                           COLLATE_CLI_PATH, project, NULL };
    g_autofree char *err = NULL;
    int wait_status = 0;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                  &wait_status, NULL);
    g_assert_true (WIFEXITED (wait_status));
    g_assert_cmpint (WEXITSTATUS (wait_status), ==, 1);
  }
  collate_file_remove_tree (dir);
}

/* What a project holds reaches the terminal shortened and with its
 * bidirectional controls escaped */
static void
test_output_quoting (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *project = make_sample_project (dir, "p.collate.json");
  g_autofree char *text = read_file (project);
  g_autofree char *rlo = g_build_filename (dir, "rlo.collate.json", NULL);
  g_autofree char *member = g_build_filename (dir, "member.collate.json", NULL);
  const char *title = strstr (text, "\"title\": \"");
  g_autoptr(GString) long_member = g_string_new ("{\"");

  /* A title with a right-to-left override */
  {
    g_autoptr(GString) fixed = g_string_new_len (text, title - text);
    const char *end = strchr (title + strlen ("\"title\": \""), '"');
    g_auto(Run) run = { 0 };
    g_auto(Run) json = { 0 };

    g_string_append (fixed, "\"title\": \"Report \\u202Etxt.exe");
    g_string_append (fixed, end);
    write_file (rlo, fixed->str, -1);
    run_cli (&run, "stats", rlo, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_null (strstr (run.out, "\u202E"));
    g_assert_nonnull (strstr (run.out, "Report \\u202Etxt.exe"));
    run_cli (&json, "stats", "--json", rlo, NULL);
    g_assert_cmpint (json.status, ==, 0);
    g_assert_null (strstr (json.out, "\u202E"));
    g_assert_nonnull (strstr (json.out, "Report \\u202etxt.exe"));
  }

  /* An unknown member named with a megabyte */
  for (guint i = 0; i < 1024 * 1024; i++)
    g_string_append_c (long_member, 'x');
  g_string_append (long_member, "\": 0, ");
  g_string_append (long_member, text + 1);
  write_file (member, long_member->str, -1);
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "validate", member, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_error_lines (run.err, 1);
    g_assert_cmpuint (strlen (run.err), <, 300);
    g_assert_nonnull (strstr (run.err, "unknown field"));
  }
  collate_file_remove_tree (dir);
}

/* A text of about @size bytes */
static void
write_large_text (const char *path,
                  gsize       size)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint i = 0;

  while (text->len < size)
    g_string_append_printf (text, "Sentence %u of the “report”, four-and-a-half hours long. ", i++);
  g_string_append_c (text, '\n');
  write_file (path, text->str, text->len);
}

/* On a full disk every command leaves its destination as it was, removes
 * its temporary, and says so */
static void
test_full_disk (void)
{
  g_autofree char *base = make_temp_dir ();
  g_autofree char *dir = g_build_filename (base, "disk", NULL);
  g_autofree char *small = g_build_filename (base, "small.txt", NULL);
  g_autofree char *large = g_build_filename (base, "large.txt", NULL);
  g_autofree char *large_project = g_build_filename (base, "large.collate.json", NULL);
  g_autofree char *large_jsonl = g_build_filename (base, "large.jsonl", NULL);
  g_autofree char *old = g_build_filename (dir, "old.collate.json", NULL);
  g_autofree char *fresh = g_build_filename (dir, "new.collate.json", NULL);
  g_autofree char *export = g_build_filename (dir, "out.jsonl", NULL);
  g_autofree char *old_bytes = NULL;
  gboolean mounted = test_disk_mount (dir, 2 * 1024 * 1024);

  write_file (small, "A short report.\n", -1);
  write_large_text (large, 400 * 1024);
  {
    g_auto(Run) a = { 0 };
    g_auto(Run) b = { 0 };
    g_auto(Run) c = { 0 };

    run_cli (&a, "new", "-o", old, small, NULL);
    run_cli (&b, "new", "-o", large_project, large, NULL);
    run_cli (&c, "export", "-f", "jsonl", "-o", large_jsonl, large_project, NULL);
    g_assert_cmpint (a.status + b.status + c.status, ==, 0);
  }
  old_bytes = read_file (old);
  test_disk_fill (dir, mounted, 64 * 1024);

  {
    struct { const char *args[9]; const char *dest; gboolean existed; } cases[] = {
      { { "new", "--force", "-o", old, large }, old, TRUE },
      { { "new", "-o", fresh, large }, fresh, FALSE },
      { { "import", "-f", "jsonl", "--force", "-o", old, large_jsonl }, old, TRUE },
      { { "import", "-f", "jsonl", "-o", fresh, large_jsonl }, fresh, FALSE },
      { { "export", "-f", "jsonl", "--force", "-o", old, large_project }, old, TRUE },
      { { "export", "-f", "jsonl", "-o", export, large_project }, export, FALSE },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(GPtrArray) argv = g_ptr_array_new ();
        g_autofree char *shown = g_path_get_basename (cases[i].dest);
        g_autofree char *listing = NULL;
        g_auto(Run) run = { 0 };
        g_autofree char *after = NULL;
        const char *const *a = cases[i].args;

        /* run_cli takes a fixed list */
        switch (g_strv_length ((char **) a))
          {
          case 4: run_cli (&run, a[0], a[1], a[2], a[3], NULL); break;
          case 5: run_cli (&run, a[0], a[1], a[2], a[3], a[4], NULL); break;
          case 6: run_cli (&run, a[0], a[1], a[2], a[3], a[4], a[5], NULL); break;
          case 7: run_cli (&run, a[0], a[1], a[2], a[3], a[4], a[5], a[6], NULL); break;
          default: g_assert_not_reached ();
          }
        g_assert_cmpint (run.status, ==, 1);
        assert_error_lines (run.err, 1);
        g_assert_nonnull (strstr (run.err, "the disk is full"));
        g_assert_nonnull (strstr (run.err, shown));
        g_assert_nonnull (strstr (run.err, cases[i].existed ? "was left as it was" : "was not created"));
        after = read_file (old);
        g_assert_cmpstr (after, ==, old_bytes);
        listing = list_dir (dir);
        g_assert_cmpstr (listing, ==, mounted ? "filler old.collate.json" : "old.collate.json");
      }
  }

  test_disk_empty (dir, mounted);
  g_remove (old);
  test_disk_unmount (dir, mounted);
  collate_file_remove_tree (base);
}

/* Is @data one of the allowed contents of a destination? */
static const char *
outcome (const char *data,
         const char *old,
         const char *new)
{
  if (data == NULL)
    return "absent";
  if (old != NULL && strcmp (data, old) == 0)
    return "old";
  if (strcmp (data, new) == 0)
    return "new";
  return NULL;
}

/* kill -9 at any moment of a write leaves the destination absent, as it
 * was, or whole; the next write removes what the killed one left */
static void
test_kill_during_write (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *text = g_build_filename (dir, "large.txt", NULL);
  g_autofree char *reference = g_build_filename (dir, "reference.collate.json", NULL);
  g_autofree char *small_text = g_build_filename (dir, "small.txt", NULL);
  g_autofree char *small = g_build_filename (dir, "small.collate.json", NULL);
  g_autofree char *reference_jsonl = g_build_filename (dir, "reference.jsonl", NULL);
  g_autofree char *project = g_build_filename (dir, "p.collate.json", NULL);
  g_autofree char *export = g_build_filename (dir, "p.jsonl", NULL);
  g_autofree char *new_project = NULL;
  g_autofree char *new_export = NULL;
  g_autofree char *old = g_strdup ("{ \"an\": \"old version\" }\n");
  guint counts[3] = { 0 };
  gint64 full_time;
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());

  write_large_text (text, 2 * 1024 * 1024);
  write_large_text (small_text, 512 * 1024);
  {
    g_auto(Run) a = { 0 };
    g_auto(Run) b = { 0 };
    g_auto(Run) c = { 0 };
    gint64 start = g_get_monotonic_time ();

    run_cli (&a, "new", "-o", reference, text, NULL);
    full_time = g_get_monotonic_time () - start;
    run_cli (&b, "new", "-o", small, small_text, NULL);
    run_cli (&c, "export", "-f", "jsonl", "-o", reference_jsonl, small, NULL);
    g_assert_cmpint (a.status + b.status + c.status, ==, 0);
  }
  new_project = read_file (reference);
  new_export = read_file (reference_jsonl);

  for (guint i = 0; i < 20; i++)
    {
      gboolean exporting = i % 2 == 1;
      gboolean existed = i % 4 < 2;
      const char *dest = exporting ? export : project;
      const char *argv_new[] = { COLLATE_CLI_PATH, "new", "--force", "-o", project, text, NULL };
      const char *argv_export[] = { COLLATE_CLI_PATH, "export", "-f", "jsonl", "--force", "-o",
                                    export, small, NULL };
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      const char *result;
      GPid pid;
      int status;

      if (existed)
        write_file (dest, old, -1);
      else
        g_remove (dest);
      g_spawn_async (NULL, (char **) (exporting ? argv_export : argv_new), NULL,
                     G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, &error);
      g_assert_no_error (error);
      g_usleep (g_rand_int_range (rand, 0, (gint32) MIN (full_time, G_MAXINT32)));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);

      g_file_get_contents (dest, &data, NULL, NULL);
      result = outcome (data, existed ? old : NULL, exporting ? new_export : new_project);
      g_assert_nonnull (result);
      g_assert_false (!existed && g_strcmp0 (result, "old") == 0);
      counts[g_str_equal (result, "absent") ? 0 : g_str_equal (result, "old") ? 1 : 2]++;
    }
  g_test_message ("after kill -9: %u absent, %u old, %u new", counts[0], counts[1], counts[2]);

  /* What the killed ones left, once older than the writer waits for, goes
   * with the next write */
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    struct utimbuf times = { 0 };
    g_auto(Run) run = { 0 };
    g_autofree char *listing = NULL;

    times.actime = times.modtime = time (NULL) - COLLATE_FILE_WRITER_STALE_AGE - 60;
    while ((name = g_dir_read_name (d)) != NULL)
      if (collate_file_writer_is_temp_name (name, NULL))
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);

          g_assert_cmpint (g_utime (path, &times), ==, 0);
        }
    run_cli (&run, "new", "--force", "-o", project, text, NULL);
    g_assert_cmpint (run.status, ==, 0);
    listing = list_dir (dir);
    g_assert_true (g_str_equal (listing, "large.txt p.collate.json p.jsonl reference.collate.json "
                                         "reference.jsonl small.collate.json small.txt")
                   || g_str_equal (listing, "large.txt p.collate.json reference.collate.json "
                                            "reference.jsonl small.collate.json small.txt"));
  }
  collate_file_remove_tree (dir);
}

/* Names in another encoding than UTF-8 give projects that load back, and
 * messages in UTF-8 */
static void
test_names_not_utf8 (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *text = g_build_filename (dir, "caf\xe9.txt", NULL);
  g_autofree char *project = g_build_filename (dir, "p.collate.json", NULL);
  g_autofree char *folder = g_build_filename (dir, "br\xe9", NULL);
  g_autofree char *brat_txt = g_build_filename (folder, "a.txt", NULL);
  g_autofree char *brat_ann = g_build_filename (folder, "a.ann", NULL);
  g_autofree char *imported = g_build_filename (dir, "b.collate.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "gon\xe9.txt", NULL);

  write_file (text, "A short report.\n", -1);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  write_file (brat_txt, "Hi there.\n", -1);
  write_file (brat_ann, "T1\tPerson 0 2\tHi\n", -1);
  {
    g_auto(Run) made = { 0 };
    g_auto(Run) brat = { 0 };
    g_auto(Run) check = { 0 };
    g_auto(Run) gone = { 0 };

    run_cli (&made, "new", "-o", project, text, NULL);
    g_assert_cmpint (made.status, ==, 0);
    g_assert_true (g_utf8_validate (made.out, -1, NULL));
    run_cli (&brat, "import", "--format", "brat", "-o", imported, folder, NULL);
    g_assert_cmpint (brat.status, ==, 0);
    run_cli (&check, "validate", project, imported, NULL);
    g_assert_cmpint (check.status, ==, 0);
    run_cli (&gone, "new", "-o", project, "--force", missing, NULL);
    g_assert_cmpint (gone.status, ==, 1);
    g_assert_true (g_utf8_validate (gone.err, -1, NULL));
    g_assert_nonnull (strstr (gone.err, "gon\uFFFD.txt"));
  }
  collate_file_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  test_disk_init ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/samples", test_samples);
  g_test_add_func ("/cli/new/title-and-order", test_new_title_and_order);
  g_test_add_func ("/cli/new/default-output", test_new_default_output);
  g_test_add_func ("/cli/new/bom-and-crlf", test_new_bom_and_crlf);
  g_test_add_func ("/cli/new/missing-file", test_new_missing_file);
  g_test_add_func ("/cli/new/empty-file", test_new_empty_file);
  g_test_add_func ("/cli/new/invalid-utf8", test_new_invalid_utf8);
  g_test_add_func ("/cli/new/binary-file", test_new_binary_file);
  g_test_add_func ("/cli/new/directory", test_new_directory);
  g_test_add_func ("/cli/new/unwritable-output", test_new_unwritable_output);
  g_test_add_func ("/cli/validate/corrupt", test_validate_corrupt_fixtures);
  g_test_add_func ("/cli/validate/missing", test_validate_missing);
  g_test_add_func ("/cli/validate/deep-nesting", test_validate_deep_nesting);
  g_test_add_func ("/cli/validate/tampered", test_validate_tampered);
  g_test_add_func ("/cli/stats/annotated", test_stats_annotated);
  g_test_add_func ("/cli/output/rules", test_output_rules);
  g_test_add_func ("/cli/output/lost", test_output_lost);
  g_test_add_func ("/cli/output/quoting", test_output_quoting);
  g_test_add_func ("/cli/output/full-disk", test_full_disk);
  g_test_add_func ("/cli/output/kill-during-write", test_kill_during_write);
  g_test_add_func ("/cli/names-not-utf8", test_names_not_utf8);

  return g_test_run ();
}
