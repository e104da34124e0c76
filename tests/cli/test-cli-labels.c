/* test-cli-labels.c — collate-cli labels: list, apply and save label sets
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

static char *
tmp_path (const char *dir,
          const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static void
test_list (void)
{
  g_autofree char *sample = fixture ("sample.collate.json");
  g_auto(Run) r = { 0 };

  run_cli (&r, "labels", sample, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Span labels\n"));
  /* key, name, colour, uses */
  g_assert_true (g_regex_match_simple ("\\n  1 +Claim +#[0-9a-f]{6} +2 +A statement", r.out, 0, 0));
  g_assert_true (g_regex_match_simple ("\\n +Contradicts +#[0-9a-f]{6} +1 ", r.out, 0, 0));

  run_cli (&r, "labels", "--json", sample, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"name\" : \"Person\""));
  g_assert_nonnull (strstr (r.out, "\"uses\" : 2"));

  run_cli (&r, "labels", "--list-sets", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "conll "));
  g_assert_nonnull (strstr (r.out, "fact-checking "));
  g_assert_nonnull (strstr (r.out, "news "));
}

static void
test_usage (void)
{
  g_autofree char *sample = fixture ("sample.collate.json");
  g_auto(Run) r = { 0 };

  run_cli (&r, "labels", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "collate-cli: give a project file\n"));
  run_cli (&r, "labels", "--apply", "conll", sample, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--apply needs --output"));
  run_cli (&r, "labels", "--apply", "conll", "--save-set", "x.json", sample, NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_cli (&r, "labels", "--apply", "conll", sample, "-o", sample, NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_cli (&r, "labels", "--keep-missing", sample, NULL);
  g_assert_cmpint (r.status, ==, 2);
}

static void
test_apply (void)
{
  g_autofree char *sample = fixture ("sample.collate.json");
  g_autofree char *dir = g_dir_make_tmp ("collate-labels-XXXXXX", NULL);
  g_autofree char *out = tmp_path (dir, "out.collate.json");
  g_autofree char *set = tmp_path (dir, "mine.labels.json");
  g_autofree char *again = tmp_path (dir, "again.collate.json");
  g_autofree char *bad = tmp_path (dir, "bad.json");
  g_autofree char *text = NULL;
  g_auto(Run) r = { 0 };

  /* labels in use that the set lacks: said, nothing written */
  run_cli (&r, "labels", "--apply", "conll", sample, "-o", out, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "\"Claim\" (2 spans), \"Person\" (2 spans), \"Quantity\" (2 spans)"));
  g_assert_nonnull (strstr (r.err, "\"Contradicts\" (1 link)"));
  g_assert_nonnull (strstr (r.err, "--keep-missing"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  run_cli (&r, "labels", "--apply", "conll", "--keep-missing", sample, "-o", out, NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_cli (&r, "labels", out, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_regex_match_simple ("\\n  1 +PER ", r.out, 0, 0));
  g_assert_true (g_regex_match_simple ("\\n +Claim +#[0-9a-f]{6} +2 ", r.out, 0, 0));
  run_cli (&r, "validate", out, NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_cli (&r, "stats", out, NULL);
  g_assert_cmpint (r.status, ==, 0);

  /* save a set, and apply it to the sample: the same labels back */
  run_cli (&r, "labels", "--save-set", set, out, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_get_contents (set, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"format\" : \"collate-label-set\""));
  g_assert_nonnull (strstr (text, "\"name\" : \"MISC\""));
  run_cli (&r, "labels", "--save-set", set, out, NULL);
  g_assert_cmpint (r.status, ==, 1);  /* exists */
  run_cli (&r, "labels", "--apply", set, sample, "-o", again, NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_cli (&r, "labels", "--json", again, NULL);
  g_assert_nonnull (strstr (r.out, "\"name\" : \"MISC\""));

  /* a bad set */
  g_assert_true (g_file_set_contents (set, "{\"format\": \"collate-label-set\"}", -1, NULL));
  run_cli (&r, "labels", "--apply", set, sample, "-o", bad, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "version: missing"));
  run_cli (&r, "labels", "--apply", "no-such-set", sample, "-o", bad, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "no-such-set"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/labels/list", test_list);
  g_test_add_func ("/cli/labels/usage", test_usage);
  g_test_add_func ("/cli/labels/apply", test_apply);

  return g_test_run ();
}
