/* test-export.c — the dataset exporters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "collate.h"
#include "collate-export-private.h"

/* ── Helpers ── */

static CollateProject *
load_datasets_project (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "datasets",
                                                                    "datasets.collate.json", NULL));
  g_autoptr(GError) error = NULL;
  CollateProject *project = collate_project_load_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (project);
  return project;
}

static char *
make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("collate-export-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static guint
count_entries (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  g_dir_close (dir);
  return n;
}

static CollateExportReport *
export_to (CollateProject       *project,
           CollateExportOptions *options,
           const char           *path)
{
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CollateExportReport *report = collate_export_report_new ();

  collate_export_to_file (project, options, dest, report, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return report;
}

static char *
read_file (const char *path)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &data, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&data);
}

/* Every file under @expected has an equal twin under @actual, and back */
static void
assert_same_tree (const char *expected,
                  const char *actual)
{
  if (g_file_test (expected, G_FILE_TEST_IS_DIR))
    {
      GDir *dir = g_dir_open (expected, 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      g_assert_true (g_file_test (actual, G_FILE_TEST_IS_DIR));
      g_assert_cmpuint (count_entries (expected), ==, count_entries (actual));
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *e = g_build_filename (expected, name, NULL);
          g_autofree char *a = g_build_filename (actual, name, NULL);

          assert_same_tree (e, a);
        }
      g_dir_close (dir);
    }
  else
    {
      g_autofree char *e = read_file (expected);
      g_autofree char *a = NULL;

      g_assert_true (g_file_test (actual, G_FILE_TEST_IS_REGULAR));
      a = read_file (actual);
      if (g_strcmp0 (e, a) != 0)
        g_test_message ("%s differs from %s", actual, expected);
      g_assert_cmpstr (a, ==, e);
    }
}

typedef struct
{
  const char *format;
  const char *expected;   /* under tests/datasets/expected */
} FormatCase;

static const FormatCase format_cases[] = {
  { "jsonl", "datasets.jsonl" },
  { "conll", "datasets.conll" },
  { "w3c", "datasets.jsonld" },
  { "nli", "datasets.nli.jsonl" },
  { "csv", "datasets.csv" },
  { "brat", "brat" },
  { "label-studio", "label-studio" },
};

/* ── Exact expected outputs ── */

static void
test_expected_output (gconstpointer data)
{
  const FormatCase *c = data;
  g_autoptr(CollateProject) project = load_datasets_project ();
  g_autoptr(CollateExportOptions) options = collate_export_options_new (c->format);
  g_autofree char *tmp = make_tmpdir ();
  g_autofree char *out = g_build_filename (tmp, c->expected, NULL);
  g_autoptr(CollateExportReport) report = export_to (project, options, out);
  const char *expected = g_test_get_filename (G_TEST_DIST, "datasets", "expected", c->expected, NULL);

  g_assert_cmpuint (collate_export_report_get_n_documents (report), ==, 3);
  g_assert_cmpuint (collate_export_report_get_n_spans (report), ==, 23);
  g_assert_cmpuint (collate_export_report_get_n_links (report), ==, 6);
  assert_same_tree (expected, out);

  /* same project → same bytes */
  {
    g_autofree char *again = g_build_filename (tmp, "again", NULL);
    g_autoptr(CollateExportReport) r2 = export_to (project, options, again);

    assert_same_tree (out, again);
  }
  collate_export_remove_tree (tmp);
}

/* label-studio --pairs: one task per pair of documents, with the links
 * between them as relations */
static void
test_label_studio_pairs (void)
{
  g_autoptr(CollateProject) project = load_datasets_project ();
  g_autoptr(CollateExportOptions) options = collate_export_options_new ("label-studio");
  g_autofree char *tmp = make_tmpdir ();
  g_autofree char *out = g_build_filename (tmp, "label-studio-pairs", NULL);
  g_autoptr(CollateExportReport) report = NULL;
  const char *expected = g_test_get_filename (G_TEST_DIST, "datasets", "expected",
                                              "label-studio-pairs", NULL);

  collate_export_options_set_pairs (options, TRUE);
  g_assert_true (collate_export_options_get_pairs (options));
  report = export_to (project, options, out);
  assert_same_tree (expected, out);
  /* no link is dropped: those between documents are relations now */
  g_assert_cmpuint (collate_export_report_lookup (report, "label-studio-cross-document-links"), ==, 0);

  /* without --pairs, the same project loses its links between documents */
  {
    g_autoptr(CollateExportOptions) single = collate_export_options_new ("label-studio");
    g_autofree char *out1 = g_build_filename (tmp, "single", NULL);
    g_autoptr(CollateExportReport) r1 = export_to (project, single, out1);

    g_assert_cmpuint (collate_export_report_lookup (r1, "label-studio-cross-document-links"), ==, 3);
  }

  /* one document has no partner: an error that says what to do */
  {
    g_autoptr(CollateProject) one = collate_project_new ("One", NULL);
    g_autoptr(CollateDocument) document = collate_document_new ("d1", "One", "one.txt", "Some text.",
                                                                -1, NULL);
    g_autofree char *out2 = g_build_filename (tmp, "one", NULL);
    g_autoptr(GFile) dest = g_file_new_for_path (out2);
    g_autoptr(GError) error = NULL;

    g_assert_true (collate_project_add_document (one, document, NULL));
    g_assert_false (collate_export_to_file (one, options, dest, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "without --pairs"));
    g_assert_false (g_file_test (out2, G_FILE_TEST_EXISTS));
  }
  collate_export_remove_tree (tmp);
}

/* ── Reading the output with the formats' own tools ── */

/* Label Studio's output read by Python (config.xml as XML, offsets as
 * str indices, i.e. code points) besides node */
static const FormatCase python_label_studio = { "label-studio", "label-studio" };

static void
run_checker (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("%s: %s", argv[1], err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
test_reference_tool (gconstpointer data)
{
  const FormatCase *c = data;
  g_autoptr(CollateProject) project = load_datasets_project ();
  g_autoptr(CollateExportOptions) options = collate_export_options_new (c->format);
  g_autofree char *tmp = make_tmpdir ();
  g_autofree char *out = g_build_filename (tmp, c->expected, NULL);
  g_autoptr(CollateExportReport) report = NULL;
  const char *project_path = g_test_get_filename (G_TEST_DIST, "datasets", "datasets.collate.json", NULL);
  gboolean js = g_str_equal (c->format, "label-studio") && data != &python_label_studio;
  g_autofree char *program = js ? g_find_program_in_path ("node") : g_strdup (TEST_PYTHON3);

  if (program == NULL)
    {
      g_test_skip ("node is not installed");
      g_rmdir (tmp);
      return;
    }
  report = export_to (project, options, out);
  if (js)
    {
      const char *argv[] = { program,
                             g_test_get_filename (G_TEST_DIST, "datasets", "check-label-studio.js", NULL),
                             out, NULL };
      run_checker (argv);
    }
  else
    {
      const char *argv[] = { program,
                             g_test_get_filename (G_TEST_DIST, "datasets", "check-export.py", NULL),
                             c->format, out, project_path, NULL };
      run_checker (argv);
    }
  collate_export_remove_tree (tmp);
}

/* CoNLL read by NLTK's CoNLL corpus reader and strict IOB converter
 * (Debian's python3-nltk, which installs for Debian's own Python) */
static void
test_reference_nltk_conll (void)
{
  const char *projects[] = {
    g_test_get_filename (G_TEST_DIST, "datasets", "datasets.collate.json", NULL),
    g_test_get_filename (G_TEST_DIST, "fixtures", "emoji.collate.json", NULL),
  };
  const char *checker = g_test_get_filename (G_TEST_DIST, "datasets", "check-conll-nltk.py", NULL);
  const char *python = TEST_PYTHON3;

  for (guint i = 0; i < G_N_ELEMENTS (projects); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (projects[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(CollateProject) project = collate_project_load_file (file, NULL, NULL, &error);
      g_autoptr(CollateExportOptions) options = collate_export_options_new ("conll");
      g_autoptr(CollateExportReport) report = NULL;
      g_autofree char *tmp = make_tmpdir ();
      g_autofree char *out = g_build_filename (tmp, "out.conll", NULL);
      g_autofree char *err = NULL;
      const char *argv[] = { python, checker, out, projects[i], NULL };
      int status = 0;

      g_assert_no_error (error);
      report = export_to (project, options, out);
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err,
                    &status, &error);
      g_assert_no_error (error);
      collate_export_remove_tree (tmp);
      if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
        {
          g_test_skip ("NLTK is not installed (Debian's python3-nltk)");
          return;
        }
      if (!g_spawn_check_wait_status (status, NULL))
        g_test_message ("%s: %s", projects[i], err);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
}

/* ── What a format cannot hold ── */

static void
test_report_counts (void)
{
  g_autoptr(CollateProject) project = load_datasets_project ();
  struct { const char *format; const char *key; guint count; } cases[] = {
    { "brat", "brat-cross-document-links", 3 },
    { "brat", "brat-multiline-notes", 1 },
    { "conll", "conll-overlap", 4 },
    { "conll", "conll-sentence-split", 2 },
    { "conll", "conll-links", 6 },
    { "conll", "conll-notes", 3 },
    { "label-studio", "label-studio-cross-document-links", 3 },
    { "label-studio", "label-studio-attributes", 1 },
    { "nli", "nli-unlinked-spans", 11 },
    { "csv", "csv-attributes", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CollateExportOptions) options = collate_export_options_new (cases[i].format);
      g_autofree char *tmp = make_tmpdir ();
      g_autofree char *out = g_build_filename (tmp, "out", NULL);
      g_autoptr(CollateExportReport) report = export_to (project, options, out);
      g_autofree char *text = collate_export_report_to_string (report);

      g_assert_cmpuint (collate_export_report_lookup (report, cases[i].key), ==, cases[i].count);
      g_assert_cmpstr (text, !=, "");
      collate_export_remove_tree (tmp);
    }

  /* jsonl and w3c hold everything */
  {
    const char *full[] = { "jsonl", "w3c" };

    for (guint i = 0; i < G_N_ELEMENTS (full); i++)
      {
        g_autoptr(CollateExportOptions) options = collate_export_options_new (full[i]);
        g_autoptr(CollateExportReport) report = collate_export_report_new ();
        g_autoptr(GError) error = NULL;
        g_autoptr(GBytes) bytes = collate_export_to_bytes (project, options, report, NULL, &error);

        g_assert_no_error (error);
        g_assert_cmpuint (collate_export_report_get_n_warnings (report), ==, 0);
      }
  }
}

static const char *
report_message (CollateExportReport *report,
                const char          *key)
{
  for (guint i = 0; i < collate_export_report_get_n_warnings (report); i++)
    if (g_str_equal (collate_export_report_get_key (report, i), key))
      return collate_export_report_get_message (report, i);
  return NULL;
}

/* A warning says what was not written and where the side file is */
static void
test_report_wording (void)
{
  g_autoptr(CollateProject) project = load_datasets_project ();
  g_autofree char *tmp = make_tmpdir ();

  {
    g_autoptr(CollateExportOptions) options = collate_export_options_new ("brat");
    g_autofree char *out = g_build_filename (tmp, "brat", NULL);
    g_autofree char *side = g_build_filename (out, "cross-document-links.tsv", NULL);
    g_autoptr(CollateExportReport) report = export_to (project, options, out);
    const char *message = report_message (report, "brat-cross-document-links");

    g_assert_nonnull (message);
    g_assert_nonnull (strstr (message, "not written"));
    g_assert_nonnull (strstr (message, side));
    g_assert_true (g_file_test (side, G_FILE_TEST_IS_REGULAR));
  }
  /* with a split, each part has its side file */
  {
    g_autoptr(CollateExportOptions) options = collate_export_options_new ("brat");
    g_autofree char *out = g_build_filename (tmp, "split", NULL);
    g_autoptr(CollateExportReport) report = NULL;
    g_autoptr(GError) error = NULL;
    const char *message;

    g_assert_true (collate_export_options_parse_split (options, "100,0", &error));
    g_assert_no_error (error);
    report = export_to (project, options, out);
    message = report_message (report, "brat-cross-document-links");
    g_assert_nonnull (message);
    g_assert_nonnull (strstr (message, "part's folder"));
    g_assert_nonnull (strstr (message, out));
  }
  {
    g_autoptr(CollateExportOptions) options = collate_export_options_new ("conll");
    g_autofree char *out = g_build_filename (tmp, "out.conll", NULL);
    g_autoptr(CollateExportReport) report = export_to (project, options, out);

    g_assert_nonnull (strstr (report_message (report, "conll-links"), "not written"));
    g_assert_nonnull (strstr (report_message (report, "conll-overlap"), "not written"));
  }
  collate_export_remove_tree (tmp);
}

static void
test_strict (void)
{
  g_autoptr(CollateProject) project = load_datasets_project ();
  const char *lossy[] = { "brat", "conll", "label-studio", "csv" };

  for (guint i = 0; i < G_N_ELEMENTS (lossy); i++)
    {
      g_autoptr(CollateExportOptions) options = collate_export_options_new (lossy[i]);
      g_autofree char *tmp = make_tmpdir ();
      g_autofree char *out = g_build_filename (tmp, "out", NULL);
      g_autoptr(GFile) dest = g_file_new_for_path (out);
      g_autoptr(GError) error = NULL;

      collate_export_options_set_strict (options, TRUE);
      g_assert_false (collate_export_to_file (project, options, dest, NULL, NULL, NULL, NULL, &error));
      g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_UNSUPPORTED);
      g_assert_true (strstr (error->message, "--strict") != NULL);
      g_assert_true (strstr (error->message, "nothing was written") != NULL);
      /* the message names no side file that is not there */
      g_assert_null (strstr (error->message, out));
      /* nothing written, no temporary left behind */
      g_assert_cmpuint (count_entries (tmp), ==, 0);
      g_rmdir (tmp);
    }

  /* strict is fine when nothing is lost */
  {
    g_autoptr(CollateExportOptions) options = collate_export_options_new ("jsonl");
    g_autofree char *tmp = make_tmpdir ();
    g_autofree char *out = g_build_filename (tmp, "out.jsonl", NULL);
    g_autoptr(CollateExportReport) report = NULL;

    collate_export_options_set_strict (options, TRUE);
    report = export_to (project, options, out);
    g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
    collate_export_remove_tree (tmp);
  }
}

/* ── Destinations, atomicity ── */

static void
test_destinations (void)
{
  g_autoptr(CollateProject) project = load_datasets_project ();
  g_autofree char *tmp = make_tmpdir ();
  g_autoptr(GError) error = NULL;

  /* a folder that does not exist */
  {
    g_autoptr(CollateExportOptions) options = collate_export_options_new ("csv");
    g_autofree char *out = g_build_filename (tmp, "missing", "out.csv", NULL);
    g_autoptr(GFile) dest = g_file_new_for_path (out);

    g_assert_false (collate_export_to_file (project, options, dest, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "does not exist"));
    g_clear_error (&error);
  }

  /* a path whose parent is a file: said so, and nothing written */
  {
    g_autoptr(CollateExportOptions) options = collate_export_options_new ("jsonl");
    g_autofree char *file = g_build_filename (tmp, "plain", NULL);
    g_autofree char *out = g_build_filename (file, "out.jsonl", NULL);
    g_autoptr(GFile) dest = g_file_new_for_path (out);
    g_autofree char *text = NULL;

    g_assert_true (g_file_set_contents (file, "mine", -1, NULL));
    g_assert_false (collate_export_to_file (project, options, dest, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "is a file, not a folder"));
    g_clear_error (&error);
    text = read_file (file);
    g_assert_cmpstr (text, ==, "mine");
    g_assert_cmpint (g_unlink (file), ==, 0);
  }

  /* a non-empty folder is not replaced by a folder export */
  {
    g_autoptr(CollateExportOptions) options = collate_export_options_new ("brat");
    g_autofree char *out = g_build_filename (tmp, "taken", NULL);
    g_autofree char *keep = g_build_filename (out, "keep.txt", NULL);
    g_autoptr(GFile) dest = g_file_new_for_path (out);

    g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
    g_assert_true (g_file_set_contents (keep, "mine", -1, NULL));
    g_assert_false (collate_export_to_file (project, options, dest, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS);
    g_clear_error (&error);
    g_assert_cmpuint (count_entries (out), ==, 1);
  }

  /* an empty folder is, and a file is replaced */
  {
    g_autoptr(CollateExportOptions) brat = collate_export_options_new ("brat");
    g_autoptr(CollateExportOptions) csv = collate_export_options_new ("csv");
    g_autofree char *folder = g_build_filename (tmp, "empty", NULL);
    g_autofree char *file = g_build_filename (tmp, "old.csv", NULL);
    g_autoptr(CollateExportReport) r1 = NULL;
    g_autoptr(CollateExportReport) r2 = NULL;
    g_autofree char *text = NULL;

    g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
    r1 = export_to (project, brat, folder);
    g_assert_cmpuint (count_entries (folder), ==, 9);
    g_assert_true (g_file_set_contents (file, "old", -1, NULL));
    r2 = export_to (project, csv, file);
    text = read_file (file);
    g_assert_true (g_str_has_prefix (text, "id,kind,"));
  }

  /* a folder where a file is wanted */
  {
    g_autoptr(CollateExportOptions) options = collate_export_options_new ("jsonl");
    g_autoptr(GFile) dest = g_file_new_for_path (tmp);

    g_assert_false (collate_export_to_file (project, options, dest, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS);
    g_clear_error (&error);
  }

  /* a pipe (or a device) is never replaced */
  {
    g_autoptr(CollateExportOptions) options = collate_export_options_new ("csv");
    g_autofree char *fifo = g_build_filename (tmp, "pipe", NULL);
    g_autoptr(GFile) dest = g_file_new_for_path (fifo);

    g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
    g_assert_false (collate_export_to_file (project, options, dest, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS);
    g_clear_error (&error);
    g_assert_false (g_file_test (fifo, G_FILE_TEST_IS_REGULAR));
    g_unlink (fifo);
  }

  /* several files cannot go to memory */
  {
    g_autoptr(CollateExportOptions) options = collate_export_options_new ("brat");
    g_autoptr(GBytes) bytes = collate_export_to_bytes (project, options, NULL, NULL, &error);

    g_assert_null (bytes);
    g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_UNSUPPORTED);
    g_clear_error (&error);
  }

  /* an unknown format */
  {
    g_autoptr(CollateExportOptions) options = collate_export_options_new ("docx");
    g_autoptr(GBytes) bytes = collate_export_to_bytes (project, options, NULL, NULL, &error);

    g_assert_null (bytes);
    g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
    g_assert_true (strstr (error->message, "jsonl") != NULL);
    g_clear_error (&error);
  }
  collate_export_remove_tree (tmp);
}

static void
test_cancel (void)
{
  g_autoptr(CollateProject) project = load_datasets_project ();
  const char *formats[] = { "jsonl", "brat", "label-studio" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(CollateExportOptions) options = collate_export_options_new (formats[i]);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autofree char *tmp = make_tmpdir ();
      g_autofree char *out = g_build_filename (tmp, "out", NULL);
      g_autoptr(GFile) dest = g_file_new_for_path (out);
      g_autoptr(GError) error = NULL;

      g_cancellable_cancel (cancellable);
      g_assert_false (collate_export_to_file (project, options, dest, NULL, NULL, NULL,
                                              cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_cmpuint (count_entries (tmp), ==, 0);
      g_rmdir (tmp);
    }
}

/* ── Options ── */

static void
test_split (void)
{
  g_autoptr(CollateProject) project = collate_project_new ("split", NULL);
  g_autoptr(CollateExportOptions) options = collate_export_options_new ("jsonl");
  g_autofree char *tmp = make_tmpdir ();
  g_autofree char *out = g_build_filename (tmp, "split", NULL);
  g_autofree char *again = g_build_filename (tmp, "again", NULL);
  g_autoptr(CollateExportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint lines[3] = { 0, 0, 0 };
  const char *names[3] = { "train.jsonl", "dev.jsonl", "test.jsonl" };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("d%u", i + 1);
      g_autofree char *text = g_strdup_printf ("Document number %u says “hello”.", i + 1);
      g_autoptr(CollateDocument) doc = collate_document_new (id, id, "", text, -1, &error);

      g_assert_no_error (error);
      g_assert_true (collate_project_add_document (project, doc, &error));
      g_assert_nonnull (collate_project_add_span (project, id, 0, 8, "Claim", &error));
    }
  /* a link from the first to the last document */
  {
    GListModel *spans = collate_project_get_annotations (project);
    g_autoptr(CollateAnnotation) first = g_list_model_get_item (spans, 0);
    g_autoptr(CollateAnnotation) last = g_list_model_get_item (spans, 9);

    g_assert_nonnull (collate_project_add_link (project, "Contradicts",
                                                collate_annotation_get_id (first),
                                                collate_annotation_get_id (last), &error));
  }

  g_assert_true (collate_export_options_parse_split (options, "80,10,10", &error));
  g_assert_no_error (error);
  collate_export_options_set_seed (options, 42);
  report = export_to (project, options, out);
  g_assert_cmpuint (count_entries (out), ==, 3);
  /* the one link is written if its two documents went to the same part */
  g_assert_cmpuint (collate_export_report_get_n_links (report) +
                    collate_export_report_lookup (report, "split-crossing-links"), ==, 1);
  for (guint p = 0; p < 3; p++)
    {
      g_autofree char *path = g_build_filename (out, names[p], NULL);
      g_autofree char *text = read_file (path);
      g_auto(GStrv) split = g_strsplit (text, "\n", -1);

      for (guint i = 0; split[i] && *split[i]; i++)
        {
          char *id = strstr (split[i], "\"meta\":{\"id\":\"");

          g_assert_nonnull (id);
          id += strlen ("\"meta\":{\"id\":\"");
          *strchr (id, '"') = '\0';
          g_assert_false (g_hash_table_contains (seen, id));
          g_hash_table_add (seen, g_strdup (id));
          lines[p]++;
        }
    }
  g_assert_cmpuint (lines[0], ==, 8);
  g_assert_cmpuint (lines[1], ==, 1);
  g_assert_cmpuint (lines[2], ==, 1);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 10);

  /* the same seed gives the same parts */
  {
    g_autoptr(CollateExportReport) r2 = export_to (project, options, again);
    assert_same_tree (out, again);
  }
  /* another seed gives other parts (for these seeds) */
  {
    g_autofree char *other = g_build_filename (tmp, "other", NULL);
    g_autofree char *a = g_build_filename (out, "test.jsonl", NULL);
    g_autofree char *b = g_build_filename (other, "test.jsonl", NULL);
    g_autoptr(CollateExportReport) r3 = NULL;
    g_autofree char *ta = NULL;
    g_autofree char *tb = NULL;

    collate_export_options_set_seed (options, 7);
    r3 = export_to (project, options, other);
    ta = read_file (a);
    tb = read_file (b);
    g_assert_cmpstr (ta, !=, tb);
  }

  /* bad splits */
  {
    const char *bad[] = { "80", "50,60,10", "a,b,c", "80,10,10,0", "-10,60,50", "", "0,0,0", "0,0" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_assert_false (collate_export_options_parse_split (options, bad[i], &error));
        g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
        g_clear_error (&error);
      }
    /* the message shows the split as it was typed */
    g_assert_false (collate_export_options_parse_split (options, "80,10", &error));
    g_assert_cmpstr (error->message, ==, "The split “80,10” adds up to 90, not 100");
    g_clear_error (&error);
    g_assert_true (collate_export_options_parse_split (options, "80, 20", &error));
  }
  collate_export_remove_tree (tmp);
}

static void
test_label_subset (void)
{
  g_autoptr(CollateProject) project = load_datasets_project ();
  g_autoptr(CollateExportOptions) options = collate_export_options_new ("csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *person[] = { "Person", NULL };
  const char *person_contradicts[] = { "Person", "Quantity", "Contradicts", NULL };
  const char *unknown[] = { "Person", "Nobody", NULL };
  g_autofree char *text = NULL;
  g_auto(GStrv) rows = NULL;

  collate_export_options_set_labels (options, person);
  bytes = collate_export_to_bytes (project, options, NULL, NULL, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  rows = g_strsplit (text, "\r\n", -1);
  /* header, 4 Person spans, the one Same entity link between Persons, "" */
  g_assert_cmpuint (g_strv_length (rows), ==, 1 + 4 + 1 + 1);
  for (guint i = 1; i <= 4; i++)
    g_assert_true (strstr (rows[i], ",span,") && strstr (rows[i], ",Person,"));
  g_assert_true (g_str_has_prefix (rows[5], "l2,link,"));
  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&rows, g_strfreev);

  collate_export_options_set_labels (options, person_contradicts);
  bytes = collate_export_to_bytes (project, options, NULL, NULL, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (strstr (text, "l1,link,"));   /* Quantity → Quantity, Contradicts */
  g_assert_null (strstr (text, "l2,link,"));      /* Same entity is not in the subset */
  g_clear_pointer (&bytes, g_bytes_unref);

  collate_export_options_set_labels (options, unknown);
  bytes = collate_export_to_bytes (project, options, NULL, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Nobody"));
}

/* Every byte that needs an escape gets it, wherever it falls in the
 * eight-byte steps of the scan, and the JSON reader gives back the text */
static void
test_json_escape (void)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint c = 1; c < 0x80; c++)
    {
      g_string_append_c (text, (char) c);
      g_string_append (text, "abc“€”");
    }
  g_string_append (text, "plain text long enough for several words\\\"");

  for (guint shift = 0; shift < 9; shift++)
    {
      g_autofree char *pad = g_strnfill (shift, 'x');
      g_autofree char *piece = g_strconcat (pad, text->str, NULL);
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *doc = NULL;

      collate_export_append_json_string (out, piece, -1);
      doc = g_strdup_printf ("[%s]", out->str);
      json_parser_load_from_data (parser, doc, -1, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (json_array_get_string_element (json_node_get_array (json_parser_get_root (parser)), 0),
                       ==, piece);
      /* nothing below 0x20 is left raw */
      for (const char *q = out->str; *q; q++)
        g_assert_cmpint ((guchar) *q, >=, 0x20);
    }
  {
    g_autoptr(GString) out = g_string_new (NULL);

    collate_export_append_json_string (out, "a\"b\\c\nd\x01\x1f", -1);
    g_assert_cmpstr (out->str, ==, "\"a\\\"b\\\\c\\nd\\u0001\\u001f\"");
  }
}

/* A file is written as it is made, a megabyte at a time: what lands in it
 * is what the export gives in memory, for every single-file format, with
 * a text and a token list each much longer than a megabyte */
static void
cancel_halfway (double   fraction,
                gpointer user_data)
{
  if (fraction >= 0.5)
    g_cancellable_cancel (user_data);
}

static void
test_streamed_file (void)
{
  g_autoptr(CollateProject) project = collate_project_new ("big", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = make_tmpdir ();
  const char *formats[] = { "jsonl", "conll", "w3c", "nli", "csv" };
  CollateAnnotation *first = NULL;
  guint i = 0;

  while (text->len < 3 * 1024 * 1024)
    {
      g_string_append_printf (text, "“Quote %u,” he said\tof \"St. Petersburg\" \\ e.g. 4.5 hours.\n", i);
      i++;
    }
  {
    g_autoptr(CollateDocument) doc = collate_document_new ("d1", "Big", "", text->str, -1, &error);

    g_assert_no_error (error);
    g_assert_true (collate_project_add_document (project, doc, &error));
  }
  /* more spans than the 4096 steps between progress reports */
  for (guint k = 0; k < 6000; k++)
    {
      CollateAnnotation *a = collate_project_add_span (project, "d1", k * 400 + 1, k * 400 + 6,
                                                       "Claim", &error);

      g_assert_no_error (error);
      if (first == NULL)
        first = a;
      else if (k % 10 == 0)
        g_assert_nonnull (collate_project_add_link (project, "Corroborates",
                                                    collate_annotation_get_id (first),
                                                    collate_annotation_get_id (a), &error));
    }

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autoptr(CollateExportOptions) options = collate_export_options_new (formats[f]);
      g_autofree char *path = g_build_filename (tmp, formats[f], NULL);
      g_autoptr(GFile) dest = g_file_new_for_path (path);
      g_autoptr(GBytes) bytes = collate_export_to_bytes (project, options, NULL, NULL, &error);
      g_autofree char *data = NULL;
      gsize length = 0;

      g_assert_no_error (error);
      g_assert_true (collate_export_to_file (project, options, dest, NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &data, &length, NULL));
      g_assert_cmpuint (length, >, 0);
      g_assert_cmpmem (data, length, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }
  /* only the outputs are left: no temporary file beside them */
  g_assert_cmpuint (count_entries (tmp), ==, G_N_ELEMENTS (formats));

  /* cancelled halfway, with megabytes already written: the temporary file
   * goes, and the file it was to replace stays as it was */
  {
    g_autoptr(CollateExportOptions) options = collate_export_options_new ("jsonl");
    g_autofree char *path = g_build_filename (tmp, "jsonl", NULL);
    g_autoptr(GFile) dest = g_file_new_for_path (path);
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;

    g_assert_true (g_file_set_contents (path, "old", -1, NULL));
    g_assert_false (collate_export_to_file (project, options, dest, NULL, cancel_halfway,
                                            cancellable, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_assert_cmpuint (count_entries (tmp), ==, G_N_ELEMENTS (formats));
    g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
    g_assert_cmpstr (after, ==, "old");
  }
  collate_export_remove_tree (tmp);
}

/* "links" FALSE writes no link at all, while an empty label list keeps them */
static void
test_no_links (void)
{
  g_autoptr(CollateProject) project = load_datasets_project ();
  g_autoptr(CollateExportOptions) options = collate_export_options_new ("csv");
  g_autoptr(CollateExportReport) report = collate_export_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *person[] = { "Person", NULL };
  g_autofree char *text = NULL;
  gboolean links = FALSE;

  g_object_get (options, "links", &links, NULL);
  g_assert_true (links);
  bytes = collate_export_to_bytes (project, options, NULL, NULL, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (strstr (text, ",link,"));
  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_pointer (&text, g_free);

  collate_export_options_set_links (options, FALSE);
  g_assert_false (collate_export_options_get_links (options));
  bytes = collate_export_to_bytes (project, options, report, NULL, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_null (strstr (text, ",link,"));
  g_assert_nonnull (strstr (text, ",span,"));
  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_pointer (&text, g_free);

  /* with a label subset too; and in jsonl every line's list is empty */
  collate_export_options_set_labels (options, person);
  collate_export_options_set_format (options, "jsonl");
  bytes = collate_export_to_bytes (project, options, NULL, NULL, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (strstr (text, "\"links\":[]"));
  g_assert_null (strstr (text, "\"from\":"));
  g_assert_nonnull (strstr (text, "\"label\":\"Person\""));
  g_clear_pointer (&bytes, g_bytes_unref);

  /* nli is made of links: without them it is empty, not an error */
  collate_export_options_set_labels (options, NULL);
  collate_export_options_set_format (options, "nli");
  bytes = collate_export_to_bytes (project, options, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 0);
}

static void
test_conll_labels (void)
{
  g_autoptr(CollateProject) project = load_datasets_project ();
  g_autoptr(CollateExportOptions) options = collate_export_options_new ("conll");
  g_autoptr(CollateExportReport) report = collate_export_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *labels[] = { "Person", "Location", NULL };
  const char *bad[] = { "Contradicts", NULL };
  g_autofree char *text = NULL;

  collate_export_options_set_conll_labels (options, labels);
  bytes = collate_export_to_bytes (project, options, report, NULL, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_null (strstr (text, "-Claim"));
  g_assert_nonnull (strstr (text, "Steve\tB-Person\nWitkoff\tI-Person\n"));
  g_assert_nonnull (strstr (text, "U.S.\tB-Location\n"));
  g_assert_nonnull (strstr (text, "🇺🇦\tB-Location\n"));
  /* without the Claims nothing overlaps */
  g_assert_cmpuint (collate_export_report_lookup (report, "conll-overlap"), ==, 0);
  g_clear_pointer (&bytes, g_bytes_unref);

  collate_export_options_set_conll_labels (options, bad);
  bytes = collate_export_to_bytes (project, options, NULL, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND);
}

static void
test_nli_context (void)
{
  g_autoptr(CollateProject) project = load_datasets_project ();
  g_autoptr(CollateExportOptions) options = collate_export_options_new ("nli");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  JsonObject *first;

  collate_export_options_set_context (options, COLLATE_EXPORT_CONTEXT_SENTENCE);
  bytes = collate_export_to_bytes (project, options, NULL, NULL, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 7);   /* 6 links and the final "" */

  g_assert_true (json_parser_load_from_data (parser, lines[0], -1, &error));
  first = json_node_get_object (json_parser_get_root (parser));
  /* l1: Contradicts, four-and-a-half-hour meeting → over four hours */
  g_assert_cmpstr (json_object_get_string_member (first, "label"), ==, "contradiction");
  g_assert_cmpstr (json_object_get_string_member (first, "context"), ==, "sentence");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (first, "premise"),
                                   "The message, posted on Trump’s Truth Social platform"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (first, "premise"),
                                   "in Saint Petersburg."));
  g_assert_true (strstr (json_object_get_string_member (first, "hypothesis"), "over four hours"));
  g_assert_cmpint (json_object_get_int_member (first, "premise_end") -
                   json_object_get_int_member (first, "premise_start"), ==,
                   g_utf8_strlen (json_object_get_string_member (first, "premise"), -1));

  g_assert_true (json_parser_load_from_data (parser, lines[2], -1, &error));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                  "label"), ==, "entailment");
  g_assert_true (json_parser_load_from_data (parser, lines[1], -1, &error));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                  "label"), ==, "Same entity");
}

static void
test_sanitize_filename (void)
{
  struct { const char *in; const char *out; } cases[] = {
    { "../../etc/passwd", "etc-passwd" },
    { "a/b\\c:d", "a-b-c-d" },
    { "\x01\x02\t\n", "document" },
    { "..", "document" },
    { ".hidden", "hidden" },
    { "", "document" },
    { NULL, "document" },
    { "Café “Zürich” — 2025", "Café-Zürich-2025" },
    { "report 1.txt", "report-1.txt" },
    { "🚀 launch", "launch" },
    { "\xff\xfe not utf-8", "document" },
    { "-rf", "rf" },
    { "--help me", "help-me" },
    { "CON", "_CON" },
    { "aux.txt", "_aux.txt" },
    { "Lpt1", "_Lpt1" },
    { "COM10", "COM10" },
    { "Nullify", "Nullify" },
  };
  g_autofree char *long_name = g_strnfill (300, 'x');
  g_autofree char *cut = collate_export_sanitize_filename (long_name);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = collate_export_sanitize_filename (cases[i].in);

      g_assert_cmpstr (got, ==, cases[i].out);
    }
  g_assert_cmpuint (strlen (cut), <=, 80);

  /* names the window can offer */
  {
    g_autoptr(CollateProject) project = collate_project_new ("Witkoff / Putin talks", NULL);
    g_autoptr(CollateProject) untitled = collate_project_new ("", NULL);
    g_autofree char *jsonl = collate_export_suggest_name (project, "jsonl", FALSE);
    g_autofree char *brat = collate_export_suggest_name (project, "brat", FALSE);
    g_autofree char *split = collate_export_suggest_name (project, "csv", TRUE);
    g_autofree char *none = collate_export_suggest_name (untitled, "w3c", FALSE);
    g_autofree char *nli = collate_export_suggest_name (project, "nli", FALSE);

    g_assert_cmpstr (jsonl, ==, "Witkoff-Putin-talks.jsonl");
    g_assert_cmpstr (brat, ==, "Witkoff-Putin-talks-brat");
    g_assert_cmpstr (split, ==, "Witkoff-Putin-talks-csv");
    g_assert_cmpstr (none, ==, "dataset.jsonld");
    /* not the name JSON Lines suggests */
    g_assert_cmpstr (nli, ==, "Witkoff-Putin-talks-nli.jsonl");
  }

  /* the export's own file names */
  {
    g_autoptr(CollateProject) project = load_datasets_project ();
    g_autoptr(CollateExportOptions) options = collate_export_options_new ("brat");
    g_autofree char *tmp = make_tmpdir ();
    g_autofree char *out = g_build_filename (tmp, "brat", NULL);
    g_autoptr(CollateExportReport) report = export_to (project, options, out);
    g_autofree char *evil = g_build_filename (out, "etc-passwd-Emoji-test.ann", NULL);

    g_assert_true (g_file_test (evil, G_FILE_TEST_IS_REGULAR));
    g_assert_cmpuint (count_entries (tmp), ==, 1);
    collate_export_remove_tree (tmp);
  }
}

/* Names that clash (also by case), and spans brat cannot show */
static void
test_brat_edge_cases (void)
{
  g_autoptr(CollateProject) project = collate_project_new ("edge", NULL);
  g_autoptr(CollateExportOptions) options = collate_export_options_new ("brat");
  g_autofree char *tmp = make_tmpdir ();
  g_autofree char *out = g_build_filename (tmp, "brat", NULL);
  g_autoptr(CollateExportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const char *titles[] = { "Report", "REPORT", "annotation", "Report" };
  const char *expected[] = { "Report.txt", "REPORT-2.txt", "annotation-2.txt", "Report-3.txt" };
  CollateAnnotation *breaks, *word;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *id = g_strdup_printf ("d%u", i + 1);
      g_autoptr(CollateDocument) doc = collate_document_new (id, titles[i], "", "one\n\ntwo", -1, &error);

      g_assert_no_error (error);
      g_assert_true (collate_project_add_document (project, doc, &error));
    }
  breaks = collate_project_add_span (project, "d1", 3, 5, "Claim", &error);
  g_assert_no_error (error);
  word = collate_project_add_span (project, "d1", 5, 8, "Claim", &error);
  g_assert_no_error (error);
  g_assert_nonnull (collate_project_add_span (project, "d2", 2, 5, "Claim", &error));   /* "e\n\n" */
  g_assert_nonnull (collate_project_add_link (project, "Contradicts", collate_annotation_get_id (breaks),
                                              collate_annotation_get_id (word), &error));

  report = export_to (project, options, out);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *path = g_build_filename (out, expected[i], NULL);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
  g_assert_cmpuint (collate_export_report_lookup (report, "brat-line-break-spans"), ==, 1);
  g_assert_cmpuint (collate_export_report_lookup (report, "brat-links-to-left-out-spans"), ==, 1);
  g_assert_cmpuint (collate_export_report_lookup (report, "brat-line-break-edges"), ==, 1);
  {
    g_autofree char *ann_path = g_build_filename (out, "Report.ann", NULL);
    g_autofree char *ann = read_file (ann_path);

    g_assert_cmpstr (ann, ==, "T2\tClaim 5 8\ttwo\n");
  }
  collate_export_remove_tree (tmp);
}

/* brat reads .ann files line by line as Python's str.splitlines() does:
 * U+2028, U+0085, \v and the like end a line there as \n does, so spans
 * are split into fragments at them and notes flattened */
static void
test_brat_unicode_line_breaks (void)
{
  g_autoptr(CollateProject) project = collate_project_new ("breaks", NULL);
  g_autoptr(CollateExportOptions) options = collate_export_options_new ("brat");
  g_autoptr(CollateDocument) doc = NULL;
  g_autoptr(CollateExportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = make_tmpdir ();
  g_autofree char *out = g_build_filename (tmp, "brat", NULL);
  g_autofree char *ann_path = g_build_filename (out, "Breaks.ann", NULL);
  g_autofree char *ann = NULL;
  CollateAnnotation *a;

  /* "one\u2028two\u0085three\vfour 🚀" */
  doc = collate_document_new ("d1", "Breaks", "", "one\xe2\x80\xa8two\xc2\x85three\vfour \xf0\x9f\x9a\x80",
                              -1, &error);
  g_assert_no_error (error);
  g_assert_true (collate_project_add_document (project, doc, &error));
  a = collate_project_add_span (project, "d1", 0, 20, "Claim", &error);
  g_assert_no_error (error);
  g_assert_true (collate_project_set_annotation_note (project, collate_annotation_get_id (a),
                                                      "first\xe2\x80\xa9second", &error));
  g_assert_no_error (error);
  g_assert_nonnull (collate_project_add_span (project, "d1", 3, 4, "Claim", &error));   /* U+2028 */
  g_assert_no_error (error);

  report = export_to (project, options, out);
  ann = read_file (ann_path);
  g_assert_cmpstr (ann, ==,
                   "T1\tClaim 0 3;4 7;8 13;14 20\tone two three four \xf0\x9f\x9a\x80\n"
                   "#1\tAnnotatorNotes T1\tfirst second\n");
  g_assert_cmpuint (collate_export_report_lookup (report, "brat-line-break-spans"), ==, 1);
  g_assert_cmpuint (collate_export_report_lookup (report, "brat-multiline-notes"), ==, 1);
  collate_export_remove_tree (tmp);
}

/* CoNLL readers split a line at any white space Python's str.split()
 * knows: \v, \x1c–\x1f and U+0085 make no token, and a tag has none */
static void
test_conll_white_space (void)
{
  g_autoptr(CollateProject) project = collate_project_new ("white space", NULL);
  g_autoptr(CollateExportOptions) options = collate_export_options_new ("conll");
  g_autoptr(CollateExportReport) report = collate_export_report_new ();
  g_autoptr(CollateDocument) doc = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* "one\x1ctwo\u0085three\x1ffour\vfive." */
  doc = collate_document_new ("d1", "ws", "", "one\x1ctwo\xc2\x85three\x1f" "four\vfive.", -1, &error);
  g_assert_no_error (error);
  g_assert_true (collate_project_add_document (project, doc, &error));
  g_assert_nonnull (collate_schema_ensure (collate_project_get_schema (project), COLLATE_LABEL_KIND_SPAN,
                                           "Same\xc2\xa0" "entity"));
  g_assert_nonnull (collate_project_add_span (project, "d1", 0, 3, "Same\xc2\xa0" "entity", &error));
  g_assert_no_error (error);

  bytes = collate_export_to_bytes (project, options, report, NULL, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_cmpstr (text, ==,
                   "-DOCSTART-\tO\n\n"
                   "one\tB-Same_entity\ntwo\tO\nthree\tO\nfour\tO\nfive\tO\n.\tO\n\n");
}

/* A project with nothing in it exports to every format */
static void
test_empty_project (void)
{
  g_autoptr(CollateProject) project = collate_project_new ("", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateDocument) doc = NULL;

  for (int round = 0; round < 2; round++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (format_cases); i++)
        {
          g_autoptr(CollateExportOptions) options = collate_export_options_new (format_cases[i].format);
          g_autofree char *tmp = make_tmpdir ();
          g_autofree char *out = g_build_filename (tmp, "out", NULL);
          g_autoptr(CollateExportReport) report = export_to (project, options, out);

          g_assert_true (g_file_test (out, G_FILE_TEST_EXISTS));
          g_assert_cmpuint (collate_export_report_get_n_spans (report), ==, 0);
          collate_export_remove_tree (tmp);
        }
      /* then a document without spans */
      if (round == 0)
        {
          doc = collate_document_new ("d1", "", "", "Just text.", -1, &error);
          g_assert_no_error (error);
          g_assert_true (collate_project_add_document (project, doc, &error));
          g_clear_object (&doc);
        }
    }
}

/* ── Async, with progress ── */

typedef struct
{
  GMainLoop           *loop;
  CollateExportReport *report;
  GError              *error;
  double               last;
  guint                calls;
  gboolean             monotonic;
  gboolean             freed;
} AsyncState;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  AsyncState *s = user_data;

  if (fraction < s->last || fraction > 1.0)
    s->monotonic = FALSE;
  s->last = fraction;
  s->calls++;
}

static void
on_progress_freed (gpointer user_data)
{
  ((AsyncState *) user_data)->freed = TRUE;
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncState *s = user_data;

  s->report = collate_export_finish (result, &s->error);
  g_main_loop_quit (s->loop);
}

static void
test_async (void)
{
  g_autoptr(CollateProject) project = load_datasets_project ();
  g_autoptr(CollateExportOptions) options = collate_export_options_new ("label-studio");
  g_autofree char *tmp = make_tmpdir ();
  g_autofree char *out = g_build_filename (tmp, "ls", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (out);
  AsyncState s = { g_main_loop_new (NULL, FALSE), NULL, NULL, 0.0, 0, TRUE, FALSE };

  collate_export_async (project, options, dest, on_progress, &s, on_progress_freed, NULL, on_done, &s);
  /* the project may change while the export runs */
  g_assert_true (collate_project_remove_annotation (project, "a1", NULL));
  g_main_loop_run (s.loop);

  g_assert_no_error (s.error);
  g_assert_nonnull (s.report);
  g_assert_cmpuint (collate_export_report_get_n_spans (s.report), ==, 23);
  g_assert_cmpuint (collate_export_report_lookup (s.report, "label-studio-cross-document-links"), ==, 3);
  g_assert_true (s.monotonic);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_DIR));
  /* the progress data is freed on this thread's main context once the task
   * is gone (the worker may drop the task last) */
  while (!s.freed)
    g_main_context_iteration (NULL, TRUE);

  g_object_unref (s.report);
  g_main_loop_unref (s.loop);
  collate_export_remove_tree (tmp);
}

static void
test_async_error (void)
{
  g_autoptr(CollateProject) project = load_datasets_project ();
  g_autoptr(CollateExportOptions) options = collate_export_options_new ("nope");
  g_autoptr(GFile) dest = g_file_new_for_path ("/nonexistent/out");
  AsyncState s = { g_main_loop_new (NULL, FALSE), NULL, NULL, 0.0, 0, TRUE, FALSE };

  collate_export_async (project, options, dest, NULL, NULL, NULL, NULL, on_done, &s);
  g_main_loop_run (s.loop);
  g_assert_null (s.report);
  g_assert_error (s.error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
  g_clear_error (&s.error);
  g_main_loop_unref (s.loop);
}

/* A cancel that comes after the export was written but before the callback
 * ran does not turn the result into "cancelled": the files are there */
static void
test_async_cancel_after_done (void)
{
  g_autoptr(CollateProject) project = load_datasets_project ();
  g_autoptr(CollateExportOptions) options = collate_export_options_new ("jsonl");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *tmp = make_tmpdir ();
  g_autofree char *out = g_build_filename (tmp, "out.jsonl", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (out);
  AsyncState s = { g_main_loop_new (NULL, FALSE), NULL, NULL, 0.0, 0, TRUE, FALSE };

  collate_export_async (project, options, dest, NULL, NULL, NULL, cancellable, on_done, &s);
  /* The destination appears when the worker renames the finished export
   * into place, its last step; the callback cannot run before this thread
   * iterates its main context.  Stop waiting too if the task returned
   * without writing (then the assertions below fail). */
  while (!g_file_test (out, G_FILE_TEST_EXISTS) && !g_main_context_pending (NULL))
    g_usleep (1000);
  g_cancellable_cancel (cancellable);
  g_main_loop_run (s.loop);

  g_assert_no_error (s.error);
  g_assert_nonnull (s.report);
  g_assert_cmpuint (collate_export_report_get_n_documents (s.report), ==, 3);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));

  g_object_unref (s.report);
  g_main_loop_unref (s.loop);
  collate_export_remove_tree (tmp);
}

/* ── Several projects at once ── */

static void
test_merge (void)
{
  g_autoptr(CollateProject) a = load_datasets_project ();
  g_autoptr(CollateProject) b = load_datasets_project ();
  CollateProject *both[] = { a, b };
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateProject) merged = collate_export_merge_projects (both, 2, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (collate_project_get_n_documents (merged), ==, 6);
  g_assert_cmpuint (collate_project_get_n_annotations (merged), ==, 46);
  g_assert_cmpuint (collate_project_get_n_links (merged), ==, 12);
  g_assert_nonnull (collate_project_lookup_document (merged, "d1-2"));
  g_assert_cmpstr (collate_link_get_from (collate_project_lookup_link (merged, "l1-2")), ==, "a5-2");
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_options_properties (void)
{
  g_autoptr(CollateExportOptions) options = collate_export_options_new ("csv");
  g_autofree char *format = NULL;
  g_auto(GStrv) labels = NULL;
  const char *set[] = { "Claim", NULL };
  guint64 seed = 0;
  gboolean strict = FALSE;
  guint notified = 0;

  g_signal_connect (options, "notify", G_CALLBACK (on_notify), &notified);
  g_object_set (options, "format", "brat", "strict", TRUE, "seed", G_GUINT64_CONSTANT (1) << 40,
                "labels", set, "context", COLLATE_EXPORT_CONTEXT_SENTENCE, NULL);
  g_assert_cmpuint (notified, ==, 5);
  g_object_set (options, "format", "brat", "strict", TRUE, NULL);   /* no change, no notify */
  g_assert_cmpuint (notified, ==, 5);
  g_object_get (options, "format", &format, "labels", &labels, "seed", &seed, "strict", &strict, NULL);
  g_assert_cmpstr (format, ==, "brat");
  g_assert_cmpstr (labels[0], ==, "Claim");
  g_assert_cmpuint (seed, ==, G_GUINT64_CONSTANT (1) << 40);
  g_assert_true (strict);
  g_assert_cmpint (collate_export_options_get_context (options), ==, COLLATE_EXPORT_CONTEXT_SENTENCE);
  g_object_set (options, "links", FALSE, NULL);
  g_assert_cmpuint (notified, ==, 6);
  g_assert_false (collate_export_options_get_links (options));
}

static void
test_formats (void)
{
  const CollateExportFormat *const *formats = collate_export_list_formats ();
  guint n = 0;

  for (; formats[n] != NULL; n++)
    {
      g_assert_true (collate_export_lookup_format (formats[n]->name) == formats[n]);
      g_assert_nonnull (formats[n]->title);
      g_assert_nonnull (formats[n]->description);
    }
  g_assert_cmpuint (n, ==, 7);
  g_assert_null (collate_export_lookup_format ("docx"));
  g_assert_null (collate_export_lookup_format (NULL));
}

/* ── The command line ── */

static int
run_cli (const char *const *args,
         char              **out,
         char              **err)
{
  g_autofree char *cli = g_test_build_filename (G_TEST_BUILT, "..", "app", "cli", "collate-cli", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, cli);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli (void)
{
  g_autofree char *cli = g_test_build_filename (G_TEST_BUILT, "..", "app", "cli", "collate-cli", NULL);
  const char *project = g_test_get_filename (G_TEST_DIST, "datasets", "datasets.collate.json", NULL);
  g_autofree char *tmp = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *imported = NULL;

  if (!g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("collate-cli is not built");
      return;
    }
  tmp = make_tmpdir ();
  folder = g_build_filename (tmp, "brat", NULL);
  imported = g_build_filename (tmp, "back.collate.json", NULL);

  {
    const char *args[] = { "export", "--format", "csv", project, NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
    g_assert_true (g_str_has_prefix (out, "id,kind,document,"));
    g_assert_nonnull (strstr (err, "collate-cli: warning: "));
  }
  {
    const char *args[] = { "export", "-f", "brat", "-q", "-o", folder, project, NULL };
    const char *back[] = { "import", "-f", "brat", "-q", "-o", imported, folder, NULL };
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (args, NULL, &err), ==, 0);
    g_assert_cmpstr (err, ==, "");
    g_assert_cmpint (run_cli (back, NULL, NULL), ==, 0);
    g_assert_true (g_file_test (imported, G_FILE_TEST_IS_REGULAR));
  }
  {
    /* one of a thing is not "1 documents" */
    const char *emoji = g_test_get_filename (G_TEST_DIST, "fixtures", "emoji.collate.json", NULL);
    g_autofree char *jsonl = g_build_filename (tmp, "emoji.jsonl", NULL);
    g_autofree char *back_path = g_build_filename (tmp, "emoji.collate.json", NULL);
    const char *args[] = { "export", "-f", "jsonl", "-o", jsonl, emoji, NULL };
    const char *back[] = { "import", "-f", "jsonl", "-o", back_path, jsonl, NULL };
    g_autofree char *err = NULL;
    g_autofree char *err_back = NULL;

    /* (the arrow after the counts is "?" in an ASCII locale) */
    g_assert_cmpint (run_cli (args, NULL, &err), ==, 0);
    g_assert_true (g_str_has_prefix (err, "collate-cli: export jsonl: 1 document, 6 spans, 1 link "));
    g_assert_cmpint (run_cli (back, NULL, &err_back), ==, 0);
    g_assert_true (g_str_has_prefix (err_back, "collate-cli: import: 1 document, 6 spans, 1 link "));
  }
  {
    const char *args[] = { "export", "-f", "csv", "-q", "--no-links", project, NULL };
    const char *with[] = { "export", "-f", "csv", "-q", project, NULL };
    g_autofree char *out = NULL;
    g_autofree char *out_with = NULL;

    g_assert_cmpint (run_cli (args, &out, NULL), ==, 0);
    g_assert_nonnull (strstr (out, ",span,"));
    g_assert_null (strstr (out, ",link,"));
    g_assert_cmpint (run_cli (with, &out_with, NULL), ==, 0);
    g_assert_nonnull (strstr (out_with, ",link,"));
  }
  {
    struct { const char *args[8]; int status; const char *needle; } cases[] = {
      { { "export", "--format", "docx", project }, 2, "unknown format" },
      { { "export", project }, 2, "--format" },
      { { "export", "-f", "jsonl" }, 2, "no project" },
      { { "export", "-f", "brat", project }, 2, "-o" },
      { { "export", "-f", "csv", "--split", "90,20", project }, 2, "100" },
      { { "export", "-f", "csv", "--bogus", project }, 2, "bogus" },
      { { "export", "-f", "csv", "--seed", "7", project }, 2, "--split" },
      { { "export", "-f", "csv", "--context", "sentence", project }, 2, "nli" },
      { { "export", "-f", "jsonl", "--conll-labels", "Claim", project }, 2, "conll" },
      { { "export", "-f", "jsonl", "--pairs", project }, 2, "--pairs is for the label-studio format" },
      { { "export", "-f", "csv", "/nonexistent.collate.json" }, 1, "nonexistent" },
      { { "export", "-f", "csv", "--labels", "Nobody", project }, 1, "Nobody" },
      { { "export", "-f", "conll", "--strict", project }, 1, "--strict" },
      { { "import", "-f", "csv", "-o", imported, project }, 2, "csv" },
      { { "import", "-f", "jsonl", project }, 2, "-o" },
      { { "import", "-f", "jsonl", "--force", "-o", imported, project }, 1, "datasets.collate.json:" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *out = NULL;
        g_autofree char *err = NULL;

        g_assert_cmpint (run_cli (cases[i].args, &out, &err), ==, cases[i].status);
        g_assert_true (g_str_has_prefix (err, "collate-cli: "));
        if (strstr (err, cases[i].needle) == NULL)
          g_test_message ("%s", err);
        g_assert_nonnull (strstr (err, cases[i].needle));
        g_assert_cmpstr (out, ==, "");
      }
  }
  collate_export_remove_tree (tmp);
}

/* A document's metadata is carried into the formats that can hold it, and
 * nothing changes for a document without */
static void
test_document_metadata (void)
{
  g_autoptr(CollateProject) project = load_datasets_project ();
  g_autoptr(CollateDocument) document = g_list_model_get_item (collate_project_get_documents (project), 0);
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *ls_dir = g_build_filename (dir, "ls", NULL);
  g_autofree char *tasks_path = g_build_filename (ls_dir, "tasks.json", NULL);
  g_autofree char *tasks = NULL;
  const char *formats[] = { "jsonl", "w3c", "csv" };
  const char *expected[] = {
    "\"sha256\":\"%s\",\"metadata\":{\"pages\":\"0,12\",\"url\":\"https://example.org/a,\\\"b\\\"\"}}",
    "\"source\":{\"id\":\"urn:sha256:%s\",\"type\":\"Text\",\"metadata\":{\"pages\":\"0,12\",\"url\":\"https://example.org/a,\\\"b\\\"\"}}",
    "id,kind,document,start,end,label,quote,note,author,created,modified,from,to\r\n"
    ",metadata,%s,,,pages,,\"0,12\",,,,,\r\n"
    ",metadata,%s,,,url,,\"https://example.org/a,\"\"b\"\"\",,,,,\r\n",
  };

  collate_document_set_metadata_value (document, "url", "https://example.org/a,\"b\"");
  collate_document_set_metadata_value (document, "pages", "0,12");

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(CollateExportOptions) options = collate_export_options_new (formats[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = collate_export_to_bytes (project, options, NULL, NULL, &error);
      g_autofree char *text = NULL;
      g_autofree char *want = NULL;
      const char *key = i == 2 ? collate_document_get_id (document) : collate_document_get_sha256 (document);

      g_assert_no_error (error);
      text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      want = g_strdup_printf (expected[i], key, key);
      if (strstr (text, want) == NULL)
        g_test_message ("%s lacks %s", formats[i], want);
      g_assert_nonnull (strstr (text, want));
      /* the other documents have none (w3c repeats the source in each of
       * the document's spans) */
      if (i != 1)
        g_assert_null (strstr (strstr (text, want) + strlen (want), "metadata"));
    }

  {
    g_autoptr(CollateExportOptions) options = collate_export_options_new ("label-studio");
    g_autoptr(CollateExportReport) report = export_to (project, options, ls_dir);
    g_autofree char *want = g_strdup_printf ("\"sha256\":\"%s\",\"metadata\":{\"pages\":\"0,12\","
                                             "\"url\":\"https://example.org/a,\\\"b\\\"\"}},",
                                             collate_document_get_sha256 (document));

    tasks = read_file (tasks_path);
    g_assert_nonnull (strstr (tasks, want));
  }
  g_assert_cmpint (g_unlink (tasks_path), ==, 0);
  {
    g_autoptr(GDir) d = g_dir_open (ls_dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (ls_dir, name, NULL);

        g_unlink (path);
      }
  }
  g_rmdir (ls_dir);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      g_autofree char *p1 = g_strdup_printf ("/export/expected/%s", format_cases[i].format);
      g_test_add_data_func (p1, &format_cases[i], test_expected_output);
    }
  for (guint i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      const char *f = format_cases[i].format;
      g_autofree char *p2 = NULL;

      p2 = g_strdup_printf ("/export/reference-tool/%s", f);
      g_test_add_data_func (p2, &format_cases[i], test_reference_tool);
    }
  g_test_add_data_func ("/export/reference-tool/label-studio-python", &python_label_studio,
                        test_reference_tool);
  g_test_add_func ("/export/reference-tool/conll-nltk", test_reference_nltk_conll);
  g_test_add_func ("/export/expected/label-studio-pairs", test_label_studio_pairs);
  g_test_add_func ("/export/formats", test_formats);
  g_test_add_func ("/export/document-metadata", test_document_metadata);
  g_test_add_func ("/export/options", test_options_properties);
  g_test_add_func ("/export/report", test_report_counts);
  g_test_add_func ("/export/report-wording", test_report_wording);
  g_test_add_func ("/export/strict", test_strict);
  g_test_add_func ("/export/destinations", test_destinations);
  g_test_add_func ("/export/cancel", test_cancel);
  g_test_add_func ("/export/split", test_split);
  g_test_add_func ("/export/labels", test_label_subset);
  g_test_add_func ("/export/json-escape", test_json_escape);
  g_test_add_func ("/export/streamed-file", test_streamed_file);
  g_test_add_func ("/export/no-links", test_no_links);
  g_test_add_func ("/export/conll-labels", test_conll_labels);
  g_test_add_func ("/export/conll-white-space", test_conll_white_space);
  g_test_add_func ("/export/nli-context", test_nli_context);
  g_test_add_func ("/export/filenames", test_sanitize_filename);
  g_test_add_func ("/export/brat-edge-cases", test_brat_edge_cases);
  g_test_add_func ("/export/brat-unicode-line-breaks", test_brat_unicode_line_breaks);
  g_test_add_func ("/export/empty", test_empty_project);
  g_test_add_func ("/export/async", test_async);
  g_test_add_func ("/export/async-error", test_async_error);
  g_test_add_func ("/export/async-cancel-after-done", test_async_cancel_after_done);
  g_test_add_func ("/export/merge", test_merge);
  g_test_add_func ("/export/cli", test_cli);

  return g_test_run ();
}
