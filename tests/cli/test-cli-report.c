/* test-cli-report.c — collate-cli report, as a person runs it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "collate-test-cli.h"

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

static void
test_usage (void)
{
  g_autofree char *sample = fixture ("sample.collate.json");
  g_auto(Run) r = { 0 };

  run_cli (&r, "report", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "collate-cli: give a project file\n"));
  g_assert_nonnull (strstr (r.err, "collate-cli report --help"));

  run_cli (&r, "report", sample, sample, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "give only one project file"));

  run_cli (&r, "report", "--force", sample, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--force is for --output"));

  /* never over the project read */
  run_cli (&r, "report", "--force", "-o", sample, sample, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.out, ==, "");

  run_cli (&r, "report", "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "--output=OUT"));

  run_cli (&r, "--help", NULL);
  g_assert_nonnull (strstr (r.out, "report"));
}

static void
test_output (void)
{
  g_autofree char *sample = fixture ("sample.collate.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("collate-cli-report-XXXXXX", &error);
  g_autofree char *out = g_build_filename (dir, "talks.html", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "missing", "talks.html", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.collate.json", NULL);
  g_autofree char *content = NULL;
  g_auto(Run) r = { 0 };

  g_assert_no_error (error);

  /* to standard output */
  run_cli (&r, "report", sample, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "<!DOCTYPE html>\n"));
  g_assert_true (g_str_has_suffix (r.out, "</html>\n"));
  g_assert_cmpstr (r.err, ==, "");

  /* to a file, once */
  run_cli (&r, "report", sample, "-o", out, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "report → "));
  g_file_get_contents (out, &content, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (content, "<!DOCTYPE html>\n"));
  g_assert_nonnull (strstr (content, "Witkoff in St. Petersburg: two reports"));

  /* not over an existing file without --force */
  g_file_set_contents (out, "keep me", -1, &error);
  g_assert_no_error (error);
  run_cli (&r, "report", sample, "-o", out, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_clear_pointer (&content, g_free);
  g_file_get_contents (out, &content, NULL, &error);
  g_assert_cmpstr (content, ==, "keep me");
  run_cli (&r, "report", sample, "-o", out, "--force", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_clear_pointer (&content, g_free);
  g_file_get_contents (out, &content, NULL, &error);
  g_assert_true (g_str_has_prefix (content, "<!DOCTYPE html>\n"));

  /* a folder that is not there */
  run_cli (&r, "report", sample, "-o", nowhere, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "collate-cli: cannot write"));
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));

  /* a project that does not load: its reason, nothing written */
  g_file_set_contents (bad, "{\"format\": \"collate-project\"", -1, &error);
  g_assert_no_error (error);
  g_unlink (out);
  run_cli (&r, "report", bad, "-o", out, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_true (g_str_has_prefix (r.err, "collate-cli: "));
  g_assert_nonnull (strstr (r.err, "bad.collate.json"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  g_unlink (bad);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/report/usage", test_usage);
  g_test_add_func ("/cli/report/output", test_output);

  return g_test_run ();
}
