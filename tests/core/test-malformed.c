/* test-malformed.c — every kind of bad project file is refused, clearly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/malformed/ holds one small file per refusal; expected.txt names,
 * for each, the error code and a part of the message.  Each file is loaded
 * from a scratch folder that also holds a valid project: loading must fail
 * with that error, and leave both files byte for byte as they were, with
 * nothing new beside them.
 */
#include <collate.h>
#include <collate-json-reader.h>
#include <glib/gstdio.h>
#include <string.h>

typedef struct
{
  char *name;
  int   code;
  char *substring;
} Case;

static const struct
{
  const char *name;
  int         code;
} codes[] = {
  { "FAILED", COLLATE_ERROR_FAILED },
  { "PARSE", COLLATE_ERROR_PARSE },
  { "FORMAT", COLLATE_ERROR_FORMAT },
  { "VERSION", COLLATE_ERROR_VERSION },
  { "INVALID", COLLATE_ERROR_INVALID },
  { "RANGE", COLLATE_ERROR_RANGE },
  { "ENCODING", COLLATE_ERROR_ENCODING },
  { "TOO_LARGE", COLLATE_ERROR_TOO_LARGE },
  { "NOT_FOUND", COLLATE_ERROR_NOT_FOUND },
  { "EXISTS", COLLATE_ERROR_EXISTS },
};

static void
case_free (gpointer data)
{
  Case *c = data;

  g_free (c->name);
  g_free (c->substring);
  g_free (c);
}

static GPtrArray *
read_expected (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "malformed", "expected.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *cases = g_ptr_array_new_with_free_func (case_free);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      Case *c;
      guint k;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      fields = g_strsplit (lines[i], "\t", 3);
      g_assert_cmpuint (g_strv_length (fields), ==, 3);

      c = g_new0 (Case, 1);
      c->name = g_strdup (fields[0]);
      c->substring = g_strdup (fields[2]);
      c->code = -1;
      for (k = 0; k < G_N_ELEMENTS (codes); k++)
        if (g_str_equal (fields[1], codes[k].name))
          c->code = codes[k].code;
      g_assert_cmpint (c->code, >=, 0);
      g_ptr_array_add (cases, c);
    }
  return cases;
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

static void
write_bytes (const char *path,
             GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}

static void
assert_folder_holds (const char  *dir,
                     const char **names)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_assert_true (g_strv_contains (names, name));
      n++;
    }
  g_assert_cmpuint (n, ==, g_strv_length ((char **) names));
}

static void
remove_folder (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_malformed_file (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "malformed", c->name, NULL);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "minimal.collate.json", NULL);
  g_autofree char *dir = g_dir_make_tmp ("collate-malformed-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, c->name, NULL);
  g_autofree char *other = g_build_filename (dir, "other.collate.json", NULL);
  g_autofree char *prefix = g_strconcat (c->name, ": ", NULL);
  g_autoptr(GBytes) input = read_bytes (source);
  g_autoptr(GBytes) valid = read_bytes (fixture);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) other_after = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateProject) project = NULL;
  g_autofree char *etag = NULL;
  const char *names[] = { c->name, "other.collate.json", NULL };

  g_assert_nonnull (dir);
  write_bytes (path, input);
  write_bytes (other, valid);
  file = g_file_new_for_path (path);

  /* From a file: refused, with the file's name first */
  project = collate_project_load_file (file, &etag, NULL, &error);
  g_assert_null (project);
  g_assert_null (etag);
  g_assert_error (error, COLLATE_ERROR, c->code);
  if (strstr (error->message, c->substring) == NULL)
    g_error ("%s: the message\n  %s\ndoes not contain\n  %s", c->name, error->message, c->substring);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_clear_error (&error);

  /* From bytes: the same error, without a file name */
  project = collate_project_load_bytes (input, &error);
  g_assert_null (project);
  g_assert_error (error, COLLATE_ERROR, c->code);
  g_assert_nonnull (strstr (error->message, c->substring));
  g_assert_false (g_str_has_prefix (error->message, prefix));
  g_clear_error (&error);

  /* Nothing was written or overwritten */
  after = read_bytes (path);
  other_after = read_bytes (other);
  g_assert_true (g_bytes_equal (after, input));
  g_assert_true (g_bytes_equal (other_after, valid));
  assert_folder_holds (dir, names);

  remove_folder (dir);
}

/* Every file in the folder has an entry, and every entry a file */
static void
test_every_file_listed (gconstpointer data)
{
  GPtrArray *cases = (GPtrArray *) data;
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "malformed", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n_files = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      gboolean listed = FALSE;

      if (g_str_equal (name, "expected.txt"))
        continue;
      for (guint i = 0; i < cases->len; i++)
        if (g_str_equal (((Case *) g_ptr_array_index (cases, i))->name, name))
          listed = TRUE;
      if (!listed)
        g_error ("tests/malformed/%s is not listed in expected.txt", name);
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, cases->len);
}

/* A file over the size limit is refused from its size, before reading:
 * a sparse file of just over 512 MiB takes no room and no time */
static void
test_too_large (void)
{
  g_autofree char *dir = g_dir_make_tmp ("collate-malformed-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "huge.collate.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateProject) project = NULL;
  const char *names[] = { "huge.collate.json", NULL };
  FILE *f;

  f = fopen (path, "wb");
  g_assert_nonnull (f);
  g_assert_cmpint (fseeko (f, (off_t) COLLATE_MAX_FILE_SIZE, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc ('}', f), ==, '}');
  g_assert_cmpint (fclose (f), ==, 0);

  project = collate_project_load_file (file, NULL, NULL, &error);
  g_assert_null (project);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "huge.collate.json: the file is "));
  g_assert_nonnull (strstr (error->message, "512"));
  assert_folder_holds (dir, names);

  remove_folder (dir);
}

/* Far deeper than any file in the folder: refused without recursion */
static void
test_very_deep_nesting (void)
{
  gsize n = 4 * 1024 * 1024;
  char *data = g_malloc (n);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateProject) project = NULL;

  /* {"a":[{"a":[… */
  for (gsize i = 0; i < n; i++)
    data[i] = "{\"a\":["[i % 6];
  bytes = g_bytes_new_take (data, n);

  project = collate_project_load_bytes (bytes, &error);
  g_assert_null (project);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "nested more than 32 levels deep"));
}

/* The byte scanner for code that hands JSON to JsonParser: brackets inside
 * strings, escaped quotes included, do not count */
static void
test_check_depth (void)
{
  const char *shallow = "{\"a\": \"[[[[\\\"[[[[\", \"b\": [[1]]}";
  const char *deep = "{\"a\": [[[[1]]]]}";
  g_autoptr(GError) error = NULL;

  g_assert_true (collate_json_check_depth (shallow, strlen (shallow), 3, &error));
  g_assert_no_error (error);
  g_assert_false (collate_json_check_depth (deep, strlen (deep), 3, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "line 1, column 9"));
}

/* Every prefix of a real project is refused, none crashes */
static void
test_every_truncation (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "emoji.collate.json", NULL);
  g_autoptr(GBytes) whole = read_bytes (path);
  const char *data = g_bytes_get_data (whole, NULL);
  gsize size = g_bytes_get_size (whole);

  /* The final newline is optional; anything shorter is truncated */
  for (gsize n = 0; n + 1 < size; n++)
    {
      g_autoptr(GBytes) part = g_bytes_new_static (data, n);
      g_autoptr(GError) error = NULL;
      g_autoptr(CollateProject) project = collate_project_load_bytes (part, &error);

      g_assert_null (project);
      g_assert_true (error->domain == COLLATE_ERROR);
      g_assert_true (error->code == COLLATE_ERROR_PARSE);
    }
}

/* Random damage to a real project: loads or is refused, never crashes */
static void
test_random_damage (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "sample.collate.json", NULL);
  g_autoptr(GBytes) whole = read_bytes (path);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261123);
  const char replacements[] = "{}[]\":,\\0123456789-.eE \n\x01\x7f\xc3\xa9\xff\x80";
  gsize size = g_bytes_get_size (whole);
  guint refused = 0;

  for (guint round = 0; round < 400; round++)
    {
      g_autofree char *data = g_memdup2 (g_bytes_get_data (whole, NULL), size);
      g_autoptr(GBytes) damaged = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(CollateProject) project = NULL;
      guint n_changes = g_rand_int_range (rand, 1, 4);

      for (guint k = 0; k < n_changes; k++)
        data[g_rand_int_range (rand, 0, (gint32) size)] =
          replacements[g_rand_int_range (rand, 0, sizeof replacements - 1)];

      damaged = g_bytes_new (data, size);
      project = collate_project_load_bytes (damaged, &error);
      if (project == NULL)
        {
          g_assert_true (error->domain == COLLATE_ERROR);
          g_assert_cmpstr (error->message, !=, "");
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
          refused++;
        }
      else
        g_assert_no_error (error);
    }
  /* Most damage is noticed (a changed quote, text or checksum) */
  g_assert_cmpuint (refused, >, 300);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) cases = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  cases = read_expected ();
  for (guint i = 0; i < cases->len; i++)
    {
      Case *c = g_ptr_array_index (cases, i);
      g_autofree char *name = g_strconcat ("/malformed/", c->name, NULL);

      g_test_add_data_func (name, c, test_malformed_file);
    }
  g_test_add_data_func ("/malformed-folder/every-file-listed", cases, test_every_file_listed);
  g_test_add_func ("/malformed-folder/too-large", test_too_large);
  g_test_add_func ("/malformed-folder/very-deep-nesting", test_very_deep_nesting);
  g_test_add_func ("/malformed-folder/check-depth", test_check_depth);
  g_test_add_func ("/malformed-folder/every-truncation", test_every_truncation);
  g_test_add_func ("/malformed-folder/random-damage", test_random_damage);

  ret = g_test_run ();
  return ret;
}
