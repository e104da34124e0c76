/* test-text.c — importing text files, titles, ids
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <collate.h>
#include <glib/gstdio.h>
#include <string.h>

static char *
write_temp (const char *name,
            const char *contents,
            gssize      length)
{
  g_autofree char *dir = g_dir_make_tmp ("collate-text-XXXXXX", NULL);
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  return path;
}

static void
test_bom_dropped_line_endings_kept (void)
{
  g_autofree char *path = write_temp ("crlf.txt", "\xEF\xBB\xBF" "Title line\r\nSecond\r\n", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateDocument) doc = collate_document_new_from_file (path, "d1", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (collate_document_get_text (doc), ==, "Title line\r\nSecond\r\n");
  g_assert_cmpuint (collate_document_get_length (doc), ==, 20);
  g_assert_cmpstr (collate_document_get_title (doc), ==, "Title line");
  g_assert_cmpstr (collate_document_get_source (doc), ==, path);
}

static void
test_title_first_non_empty_line (void)
{
  g_autofree char *t1 = collate_text_guess_title ("\n\n   \n  Headline here  \nbody", 120);
  g_autofree char *t2 = collate_text_guess_title ("\n \n", 120);
  g_autofree char *t3 = collate_text_guess_title ("A very long first line that goes on", 10);

  g_assert_cmpstr (t1, ==, "Headline here");
  g_assert_cmpstr (t2, ==, "Untitled");
  g_assert_cmpuint (g_utf8_strlen (t3, -1), <=, 10);
  g_assert_true (g_str_has_suffix (t3, "…"));
}

static void
test_refuses_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateDocument) doc = collate_document_new_from_file ("/nonexistent/report.txt", "d1", &error);

  g_assert_null (doc);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/report.txt"));
}

static void
test_refuses_empty (void)
{
  g_autofree char *path = write_temp ("empty.txt", "", 0);
  g_autofree char *bom = write_temp ("bom.txt", "\xEF\xBB\xBF", 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateDocument) doc = collate_document_new_from_file (path, "d1", &error);

  g_assert_null (doc);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "empty"));
  g_clear_error (&error);

  doc = collate_document_new_from_file (bom, "d1", &error);
  g_assert_null (doc);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
}

static void
test_refuses_invalid_utf8 (void)
{
  /* Latin-1 "café" at byte 9 */
  g_autofree char *path = write_temp ("latin1.txt", "Un petit caf\xe9 noir\n", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateDocument) doc = collate_document_new_from_file (path, "d1", &error);

  g_assert_null (doc);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "byte 12"));
}

static void
test_refuses_utf16 (void)
{
  /* "Hi\n" as Windows' Notepad saves "Unicode" text, and big-endian */
  const char *texts[] = { "\xff\xfeH\0i\0\n\0", "\xfe\xff\0H\0i\0\n" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *path = write_temp ("utf16.txt", texts[i], 8);
      g_autoptr(GError) error = NULL;
      g_autoptr(CollateDocument) doc = collate_document_new_from_file (path, "d1", &error);

      g_assert_null (doc);
      g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_ENCODING);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, "UTF-16"));
    }
}

static void
test_refuses_binary_and_folders (void)
{
  g_autofree char *path = write_temp ("bin.txt", "PK\x03\x04\0\0\x14", 7);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateDocument) doc = collate_document_new_from_file (path, "d1", &error);

  g_assert_null (doc);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_ENCODING);
  g_clear_error (&error);

  doc = collate_document_new_from_file (dir, "d1", &error);
  g_assert_null (doc);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
}

static void
test_id_compare (void)
{
  g_assert_cmpint (collate_id_compare ("a2", "a10"), <, 0);
  g_assert_cmpint (collate_id_compare ("a10", "a2"), >, 0);
  g_assert_cmpint (collate_id_compare ("a10", "a10"), ==, 0);
  g_assert_cmpint (collate_id_compare ("a", "a1"), <, 0);
  g_assert_cmpint (collate_id_compare ("a9", "b1"), <, 0);
  g_assert_cmpint (collate_id_compare ("a01", "a1"), !=, 0);
  g_assert_cmpint (collate_id_compare ("x-3", "x-20"), <, 0);
}

static void
check_refine (CollateDocument    *doc,
              const char         *from,
              guint               length,
              CollateRefineFlags  flags,
              const char         *expect)
{
  const char *text = collate_document_get_text (doc);
  const char *hit = strstr (text, from);
  guint start, end;
  g_autofree char *got = NULL;

  g_assert_nonnull (hit);
  start = collate_document_byte_to_char (doc, (gsize) (hit - text));
  end = start + length;
  if (expect == NULL)
    {
      g_assert_false (collate_document_refine_selection (doc, &start, &end, flags));
      return;
    }
  g_assert_true (collate_document_refine_selection (doc, &start, &end, flags));
  got = collate_document_dup_slice (doc, start, end);
  g_assert_cmpstr (got, ==, expect);
}

#define DRAG (COLLATE_REFINE_TRIM_PUNCTUATION | COLLATE_REFINE_SNAP_WORDS)
#define EXACT COLLATE_REFINE_NONE

static void
test_refine_selection (void)
{
  const char *text = "talks with Russian President Vladimir Putin — Trump’s envoy held a "
                     "four-and-a-half-hour meeting 🦜 in St. Petersburg;  \n  next, Steve Witkoff "
                     "met the U.S. team (in Moscow) on the Russia-Ukraine war, up 45%. "
                     "“We agree,” he said.";
  g_autoptr(CollateDocument) doc = collate_document_new ("d1", "", "", text, -1, NULL);

  /* a drag that cuts words completes them */
  check_refine (doc, "n President", 19, DRAG, "Russian President Vladimir");
  check_refine (doc, "alf-ho", 6, DRAG, "half-hour");
  /* white space at the edges goes, whatever the selection */
  check_refine (doc, " Putin ", 7, EXACT, "Putin");
  check_refine (doc, " Putin ", 7, DRAG, "Putin");
  /* an edge at a hyphen or an apostrophe is where the person stopped */
  check_refine (doc, "Russia-", 6, DRAG, "Russia");
  check_refine (doc, "Trump’s", 5, DRAG, "Trump");
  check_refine (doc, "half-hour", 4, DRAG, "half");
  /* exact selections are never widened */
  check_refine (doc, "ussia-Ukr", 9, EXACT, "ussia-Ukr");
  check_refine (doc, "St. Petersburg;", 15, EXACT, "St. Petersburg;");
  /* a drag leaves punctuation at its edges out, but not an abbreviation's stop */
  check_refine (doc, ", Steve Witkoff", 15, DRAG, "Steve Witkoff");
  check_refine (doc, "St. Petersburg;", 15, DRAG, "St. Petersburg");
  check_refine (doc, "U.S. team", 4, DRAG, "U.S.");
  check_refine (doc, "(in Moscow)", 11, DRAG, "(in Moscow)");
  check_refine (doc, "Moscow) on", 7, DRAG, "Moscow");
  check_refine (doc, "45%.", 4, DRAG, "45%");
  check_refine (doc, "“We agree,”", 11, DRAG, "“We agree,”");
  check_refine (doc, "“We agree", 9, DRAG, "We agree");
  check_refine (doc, "meeting 🦜", 9, DRAG, "meeting 🦜");
  /* punctuation alone was meant */
  check_refine (doc, "— ", 1, DRAG, "—");
  /* only white space: nothing to tag */
  check_refine (doc, ";  ", 0, DRAG, NULL);
  check_refine (doc, "  \n  ", 5, DRAG, NULL);
}

/* Scripts without spaces: the word rules come from ICU's dictionaries */
static void
test_refine_cjk (void)
{
  const char *text = "美国总统特朗普访问日本。東京で会談した。";
  g_autoptr(CollateDocument) doc = collate_document_new ("d1", "", "", text, -1, NULL);

  /* an exact selection of 日本 is tagged as it is */
  check_refine (doc, "日本", 2, EXACT, "日本");
  check_refine (doc, "日本", 2, DRAG, "日本");
  /* a drag that ends inside 日本 takes the word, not the run up to 。 */
  check_refine (doc, "日", 1, DRAG, "日本");
  check_refine (doc, "国总", 2, DRAG, "美国总统");
  /* Japanese too */
  check_refine (doc, "京で", 1, DRAG, "東京");
}

static void
test_timestamp (void)
{
  g_autofree char *now = collate_timestamp_now ();
  g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (now, NULL);

  g_assert_nonnull (parsed);
  g_assert_cmpuint (strlen (now), ==, 20);
  g_assert_true (g_str_has_suffix (now, "Z"));
}

/* What a message may quote of a user's text */
static void
test_quote (void)
{
  struct { const char *in; guint max; const char *out; } cases[] = {
    { "plain", 0, "plain" },
    { NULL, 0, "" },
    { "two\nlines\tand a tab", 0, "two\\nlines\\tand a tab" },
    { "escape \x1b[31m red", 0, "escape \\u001B[31m red" },
    /* a right-to-left override would show "abc" + "fed" reversed */
    { "abc\u202edef", 0, "abc\\u202Edef" },
    { "isolate \u2067x\u2069 mark \u200f", 0, "isolate \\u2067x\\u2069 mark \\u200F" },
    { "line\u2028separator", 0, "line\\u2028separator" },
    { "caf\xe9", 0, "caf\uFFFD" },
    { "Zoë Reyes, 東京", 0, "Zoë Reyes, 東京" },
    { "abcdefghij", 4, "abcd…" },
    { "éééé", 4, "éééé" },
    { "ééééé", 4, "éééé…" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = collate_text_quote (cases[i].in, cases[i].max);

      g_assert_cmpstr (got, ==, cases[i].out);
    }

  {
    g_autofree char *huge = g_strnfill (1024 * 1024, 'm');
    g_autofree char *got = collate_text_quote (huge, COLLATE_TEXT_QUOTE_MAX);

    g_assert_cmpuint (g_utf8_strlen (got, -1), ==, COLLATE_TEXT_QUOTE_MAX + 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/text/bom-dropped-line-endings-kept", test_bom_dropped_line_endings_kept);
  g_test_add_func ("/text/title", test_title_first_non_empty_line);
  g_test_add_func ("/text/refuses-missing", test_refuses_missing);
  g_test_add_func ("/text/refuses-empty", test_refuses_empty);
  g_test_add_func ("/text/refuses-invalid-utf8", test_refuses_invalid_utf8);
  g_test_add_func ("/text/refuses-utf16", test_refuses_utf16);
  g_test_add_func ("/text/refuses-binary-and-folders", test_refuses_binary_and_folders);
  g_test_add_func ("/text/id-compare", test_id_compare);
  g_test_add_func ("/text/timestamp", test_timestamp);
  g_test_add_func ("/text/refine-selection", test_refine_selection);
  g_test_add_func ("/text/refine-selection-cjk", test_refine_cjk);
  g_test_add_func ("/text/quote", test_quote);

  return g_test_run ();
}
