/* test-cli-report.c — collate-cli report, as a person runs it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib.h>
#include <glib/gstdio.h>

#ifndef COLLATE_CLI_PATH
#error "COLLATE_CLI_PATH must name the built collate-cli"
#endif

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

/* collate-cli with @args (NULL-terminated), in English and UTF-8 */
static void
cli (Result             *r,
     const char * const *args)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "LC_ALL", "C.UTF-8", TRUE);
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  result_clear (r);
  g_strv_builder_add (builder, COLLATE_CLI_PATH);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  env = g_environ_unsetenv (env, "LANGUAGE");
  g_spawn_sync (NULL, argv, env, G_SPAWN_DEFAULT, NULL, NULL, &r->out, &r->err, &wait_status, &error);
  g_assert_no_error (error);
  g_test_message ("%s → %d\n%s", argv[1], WEXITSTATUS (wait_status), r->err);
  g_assert_true (WIFEXITED (wait_status));
  r->status = WEXITSTATUS (wait_status);
}

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

static void
test_usage (void)
{
  g_autofree char *sample = fixture ("sample.collate.json");
  g_auto(Result) r = { 0 };

  cli (&r, (const char *[]) { "report", NULL });
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "collate-cli: give a project file\n"));
  g_assert_nonnull (strstr (r.err, "collate-cli report --help"));

  cli (&r, (const char *[]) { "report", sample, sample, NULL });
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "give only one project file"));

  cli (&r, (const char *[]) { "report", "--force", sample, NULL });
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--force is for --output"));

  /* never over the project read */
  cli (&r, (const char *[]) { "report", "--force", "-o", sample, sample, NULL });
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.out, ==, "");

  cli (&r, (const char *[]) { "report", "--help", NULL });
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "--output=OUT"));

  cli (&r, (const char *[]) { "--help", NULL });
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
  g_auto(Result) r = { 0 };

  g_assert_no_error (error);

  /* to standard output */
  cli (&r, (const char *[]) { "report", sample, NULL });
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "<!DOCTYPE html>\n"));
  g_assert_true (g_str_has_suffix (r.out, "</html>\n"));
  g_assert_cmpstr (r.err, ==, "");

  /* to a file, once */
  cli (&r, (const char *[]) { "report", sample, "-o", out, NULL });
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "report → "));
  g_file_get_contents (out, &content, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (content, "<!DOCTYPE html>\n"));
  g_assert_nonnull (strstr (content, "Witkoff in St. Petersburg: two reports"));

  /* not over an existing file without --force */
  g_file_set_contents (out, "keep me", -1, &error);
  g_assert_no_error (error);
  cli (&r, (const char *[]) { "report", sample, "-o", out, NULL });
  g_assert_cmpint (r.status, ==, 1);
  g_clear_pointer (&content, g_free);
  g_file_get_contents (out, &content, NULL, &error);
  g_assert_cmpstr (content, ==, "keep me");
  cli (&r, (const char *[]) { "report", sample, "-o", out, "--force", NULL });
  g_assert_cmpint (r.status, ==, 0);
  g_clear_pointer (&content, g_free);
  g_file_get_contents (out, &content, NULL, &error);
  g_assert_true (g_str_has_prefix (content, "<!DOCTYPE html>\n"));

  /* a folder that is not there */
  cli (&r, (const char *[]) { "report", sample, "-o", nowhere, NULL });
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "collate-cli: cannot write"));
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));

  /* a project that does not load: its reason, nothing written */
  g_file_set_contents (bad, "{\"format\": \"collate-project\"", -1, &error);
  g_assert_no_error (error);
  g_unlink (out);
  cli (&r, (const char *[]) { "report", bad, "-o", out, NULL });
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
