/* test-document.c — documents, offsets and the offset index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <collate.h>
#include <string.h>

static char *
sample_path (const char *name)
{
  const char *dir = g_getenv ("COLLATE_SAMPLES_DIR");

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

/* Walks the text from the start: the slow, obviously right answer */
static gsize
naive_char_to_byte (const char *text,
                    guint       offset)
{
  return (gsize) (g_utf8_offset_to_pointer (text, offset) - text);
}

static void
check_all_offsets (CollateDocument *doc)
{
  const char *text = collate_document_get_text (doc);
  guint length = collate_document_get_length (doc);
  guint i;

  g_assert_cmpuint (length, ==, (guint) g_utf8_strlen (text, -1));

  for (i = 0; i <= length; i++)
    {
      gsize byte = naive_char_to_byte (text, i);

      g_assert_cmpuint (collate_document_char_to_byte (doc, i), ==, byte);
      g_assert_cmpuint (collate_document_byte_to_char (doc, byte), ==, i);
    }
}

static void
test_sample_offsets (void)
{
  g_autofree char *path = sample_path ("witkoff-putin-report-1.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateDocument) doc = NULL;
  g_autofree char *slice = NULL;
  const char *text;
  const char *quote;
  guint start;

  doc = collate_document_new_from_file (path, "d1", &error);
  g_assert_no_error (error);

  /* Curly quotes and dashes: characters and bytes differ */
  g_assert_cmpuint (collate_document_get_length (doc), ==, 5168);
  g_assert_cmpuint (collate_document_get_byte_length (doc), ==, 5266);
  check_all_offsets (doc);

  /* "get moving" sits after a left double quote (3 bytes, 1 character) */
  text = collate_document_get_text (doc);
  quote = strstr (text, "“get moving”");
  g_assert_nonnull (quote);
  start = (guint) g_utf8_pointer_to_offset (text, quote) + 1;
  slice = collate_document_dup_slice (doc, start, start + 10);
  g_assert_cmpstr (slice, ==, "get moving");
  g_assert_true (collate_document_slice_equals (doc, start, start + 10, "get moving"));
  g_assert_false (collate_document_slice_equals (doc, start + 1, start + 11, "get moving"));
  g_assert_false (collate_document_slice_equals (doc, start, 6000, "get moving"));

  g_assert_cmpstr (collate_document_get_title (doc), ==,
                   "Trump to Russia: ‘Get Moving’ on Ukraine as Witkoff Holds Talks With Putin");
  g_assert_cmpstr (collate_document_get_source (doc), ==, path);
}

static void
test_emoji_offsets (void)
{
  /* Characters outside the BMP: 4 bytes, 1 code point (2 UTF-16 units) */
  const char *text = "A 🦜 said: “héllo” — 👩🏽‍🔬 then 𝔘𝔫𝔦𝔠𝔬𝔡𝔢.\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateDocument) doc = collate_document_new ("e1", "Emoji", "", text, -1, &error);
  g_autofree char *parrot = NULL;
  g_autofree char *fraktur = NULL;

  g_assert_no_error (error);
  check_all_offsets (doc);

  parrot = collate_document_dup_slice (doc, 2, 3);
  g_assert_cmpstr (parrot, ==, "🦜");

  fraktur = collate_document_dup_slice (doc, (guint) g_utf8_strlen (text, -1) - 9,
                                        (guint) g_utf8_strlen (text, -1) - 2);
  g_assert_cmpstr (fraktur, ==, "𝔘𝔫𝔦𝔠𝔬𝔡𝔢");
}

static void
test_long_text_index (void)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(CollateDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  guint i;

  /* Long enough for many index marks, mixing 1- to 4-byte characters */
  for (i = 0; i < 3000; i++)
    g_string_append (s, (i % 7 == 0) ? "“x” — 🦜 " : (i % 3 == 0) ? "é " : "ab ");

  doc = collate_document_new ("d1", "", "", s->str, (gssize) s->len, &error);
  g_assert_no_error (error);
  check_all_offsets (doc);
}

static void
test_sha256 (void)
{
  g_autoptr(CollateDocument) doc = collate_document_new ("d1", "t", "s", "abc", -1, NULL);

  /* FIPS 180-2 test vector */
  g_assert_cmpstr (collate_document_get_sha256 (doc), ==,
                   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void
test_refuses_bad_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateDocument) doc = NULL;

  doc = collate_document_new ("d1", "", "", "ok \xff\xfe bad", -1, &error);
  g_assert_null (doc);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "byte 3"));
  g_clear_error (&error);

  doc = collate_document_new ("d1", "", "", "nul\0inside", 10, &error);
  g_assert_null (doc);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "NUL"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/document/sample-offsets", test_sample_offsets);
  g_test_add_func ("/document/emoji-offsets", test_emoji_offsets);
  g_test_add_func ("/document/long-text-index", test_long_text_index);
  g_test_add_func ("/document/sha256", test_sha256);
  g_test_add_func ("/document/refuses-bad-text", test_refuses_bad_text);

  return g_test_run ();
}
