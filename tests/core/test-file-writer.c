/* test-file-writer.c — the one safe way to write a file: full disks,
 * leftovers, long names, links, read-only files, names in other encodings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "../collate-test-disk.h"

#include <collate.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <utime.h>

static char *
make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("collate-writer-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The names in @dir, sorted, space-separated */
static char *
list_dir (const char *dir)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (strcmp (name, "filler") != 0)
      g_ptr_array_add (names, g_strdup (name));
  g_dir_close (d);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static gboolean
write_path (const char  *path,
            const char  *text,
            GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));

  return collate_file_write_bytes (file, bytes, NULL, NULL, NULL, error);
}

/* A project of @n_chars characters of text */
static CollateProject *
make_project (gsize n_chars)
{
  g_autoptr(CollateProject) project = collate_project_new ("Sized", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(CollateDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  while (text->len < n_chars)
    g_string_append (text, "The envoy met the president for over four hours. ");
  doc = collate_document_new ("d1", "Sized", "", text->str, -1, &error);
  g_assert_no_error (error);
  g_assert_true (collate_project_add_document (project, doc, &error));
  g_assert_nonnull (collate_project_add_span (project, "d1", 4, 9, "Person", &error));
  return g_steal_pointer (&project);
}

/* ── Tests ── */

static void
test_new_and_replace (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "out.txt", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  /* A new file, then a replaced one that keeps its permissions */
  g_assert_true (write_path (path, "first\n", &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_true (write_path (path, "second\n", &error));
  g_assert_no_error (error);
  text = read_text (path);
  g_assert_cmpstr (text, ==, "second\n");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 07777, ==, 0640);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "out.txt");

  /* A failure of the caller's: the temporary goes, the message says what
   * became of the file */
  {
    g_autoptr(CollateFileWriter) writer = collate_file_writer_new (path, NULL, &error);
    g_autofree char *after = NULL;
    g_autofree char *listing_after = NULL;

    g_assert_no_error (error);
    g_assert_true (collate_file_writer_write (writer, "third", 5, &error));
    g_assert_true (g_file_test (collate_file_writer_get_temp_path (writer), G_FILE_TEST_IS_REGULAR));
    g_set_error_literal (&error, COLLATE_ERROR, COLLATE_ERROR_FAILED, "the caller gave up");
    collate_file_writer_abort (writer, &error);
    g_assert_true (g_str_has_prefix (error->message, "the caller gave up; "));
    g_assert_nonnull (strstr (error->message, "was left as it was"));
    g_clear_error (&error);
    after = read_text (path);
    g_assert_cmpstr (after, ==, "second\n");
    listing_after = list_dir (dir);
    g_assert_cmpstr (listing_after, ==, "out.txt");
  }

  g_unlink (path);
  g_rmdir (dir);
}

/* Any legal name can be written: the temporary's name is short */
static void
test_long_name (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(GString) wide = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  while (name->len < 255 - strlen (".collate.json"))
    g_string_append_c (name, 'a');
  g_string_append (name, ".collate.json");
  g_assert_cmpuint (name->len, ==, 255);
  /* 127 two-byte characters: the temporary's name cuts none in two */
  for (guint i = 0; i < 127; i++)
    g_string_append (wide, "é");
  g_string_append (wide, "x");
  g_assert_cmpuint (wide->len, ==, 255);

  for (guint k = 0; k < 2; k++)
    {
      const char *base = k == 0 ? name->str : wide->str;
      g_autofree char *path = g_build_filename (dir, base, NULL);
      g_autoptr(CollateFileWriter) writer = collate_file_writer_new (path, NULL, &error);
      g_autofree char *temp = NULL;
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      temp = g_path_get_basename (collate_file_writer_get_temp_path (writer));
      g_assert_cmpuint (strlen (temp), <=, 96);
      g_assert_true (g_utf8_validate (temp, -1, NULL));
      g_assert_true (collate_file_writer_is_temp_name (temp, NULL));
      g_assert_true (collate_file_writer_write (writer, "long\n", 5, &error));
      g_assert_true (collate_file_writer_commit (writer, NULL, &error));
      g_assert_no_error (error);
      text = read_text (path);
      g_assert_cmpstr (text, ==, "long\n");
      g_unlink (path);
    }

  /* An export too */
  {
    g_autoptr(CollateProject) project = make_project (100);
    g_autoptr(CollateExportOptions) options = collate_export_options_new ("jsonl");
    g_autofree char *path = g_build_filename (dir, name->str, NULL);
    g_autoptr(GFile) dest = g_file_new_for_path (path);

    g_assert_true (collate_export_to_file (project, options, dest, NULL, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    g_unlink (path);
  }
  g_rmdir (dir);
}

/* A link is kept and its target replaced, by a save and by an export alike */
static void
test_symbolic_link (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *target = g_build_filename (dir, "real.json", NULL);
  g_autofree char *link = g_build_filename (dir, "link.json", NULL);
  g_autoptr(CollateProject) project = make_project (100);
  g_autoptr(GFile) link_file = g_file_new_for_path (link);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  write_text (target, "old\n");
  g_assert_cmpint (symlink ("real.json", link), ==, 0);

  g_assert_true (collate_project_save_file (project, link_file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  {
    g_autofree char *text = read_text (target);

    g_assert_true (g_str_has_prefix (text, "{\n  \"format\": \"collate-project\""));
  }

  {
    g_autoptr(CollateExportOptions) options = collate_export_options_new ("csv");

    g_assert_true (collate_export_to_file (project, options, link_file, NULL, NULL, NULL, NULL,
                                           &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
    {
      g_autofree char *text = read_text (target);

      g_assert_true (g_str_has_prefix (text, "id,kind,document,"));
    }
  }
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "link.json real.json");

  g_unlink (link);
  g_unlink (target);
  g_rmdir (dir);
}

/* A file marked read-only is refused by a save and by an export alike,
 * also when the process could write it (root) */
static void
test_read_only (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "kept.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CollateProject) project = make_project (100);
  g_autoptr(CollateExportOptions) options = collate_export_options_new ("jsonl");
  g_autoptr(GError) error = NULL;

  write_text (path, "keep me\n");
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);

  g_assert_false (collate_project_save_file (project, file, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_clear_error (&error);
  g_assert_false (collate_export_to_file (project, options, file, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  {
    g_autofree char *text = read_text (path);
    g_autofree char *listing = list_dir (dir);

    g_assert_cmpstr (text, ==, "keep me\n");
    g_assert_cmpstr (listing, ==, "kept.json");
  }
  g_unlink (path);
  g_rmdir (dir);
}

/* A folder that cannot be written to, or that is not there: the message
 * names the folder and says what to do; nothing changes in it */
static void
test_folder_not_writable (void)
{
  g_autofree char *base = make_tmpdir ();
  g_autofree char *dir = g_build_filename (base, "locked", NULL);
  g_autofree char *old_path = g_build_filename (dir, "old.collate.json", NULL);
  g_autofree char *new_path = g_build_filename (dir, "new.collate.json", NULL);
  g_autofree char *missing_dir = g_build_filename (base, "not-there", NULL);
  g_autofree char *missing_path = g_build_filename (missing_dir, "x.collate.json", NULL);
  g_autoptr(GFile) old_file = g_file_new_for_path (old_path);
  g_autoptr(GFile) new_file = g_file_new_for_path (new_path);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing_path);
  g_autoptr(CollateProject) project = make_project (100);
  g_autoptr(CollateExportOptions) brat = collate_export_options_new ("brat");
  g_autoptr(GError) error = NULL;
  g_autofree char *old_bytes = NULL;
  g_autofree char *quoted = g_strdup_printf ("the folder “%s”", dir);
  gboolean mounted = test_disk_mount (dir, 1024 * 1024);
  int code;

  /* a folder that is not there */
  g_assert_false (collate_project_save_file (project, missing_file, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_test_message ("%s", error->message);
  {
    g_autofree char *said = g_strdup_printf ("the folder “%s” does not exist", missing_dir);

    g_assert_nonnull (strstr (error->message, said));
  }
  g_clear_error (&error);

  g_assert_true (collate_project_save_file (project, old_file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  old_bytes = read_text (old_path);
  code = test_disk_make_read_only (dir, mounted);
  if (code == 0)
    {
      test_disk_unmount (dir, mounted);
      g_test_skip ("no way to make a folder read-only here");
      return;
    }

  /* over a file in it, to a new name in it, and a new export folder in it */
  g_assert_false (collate_project_save_file (project, old_file, NULL, NULL, NULL, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, G_IO_ERROR, code);
  g_assert_nonnull (strstr (error->message, quoted));
  g_assert_true (g_str_has_suffix (error->message, "old.collate.json” was left as it was"));
  g_clear_error (&error);
  g_assert_false (collate_project_save_file (project, new_file, NULL, NULL, NULL, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, G_IO_ERROR, code);
  g_assert_nonnull (strstr (error->message, quoted));
  g_assert_true (g_str_has_suffix (error->message, "new.collate.json” was not created"));
  g_clear_error (&error);
  {
    g_autofree char *brat_path = g_build_filename (dir, "export-brat", NULL);
    g_autoptr(GFile) brat_dir = g_file_new_for_path (brat_path);

    g_assert_false (collate_export_to_file (project, brat, brat_dir, NULL, NULL, NULL, NULL,
                                            &error));
    g_test_message ("%s", error->message);
    g_assert_error (error, G_IO_ERROR, code);
    g_assert_nonnull (strstr (error->message, quoted));
    g_clear_error (&error);
  }

  test_disk_make_writable (dir, mounted);
  {
    g_autofree char *text = read_text (old_path);
    g_autofree char *listing = list_dir (dir);

    g_assert_cmpstr (text, ==, old_bytes);
    g_assert_cmpstr (listing, ==, "old.collate.json");
  }
  g_unlink (old_path);
  test_disk_unmount (dir, mounted);
  g_rmdir (dir);
  g_rmdir (base);
}

/* On a full disk nothing changes at the destination, no temporary stays,
 * and the message says so: projects and exports, old and new destinations */
static void
test_full_disk (void)
{
  g_autofree char *base = make_tmpdir ();
  g_autofree char *dir = g_build_filename (base, "disk", NULL);
  g_autofree char *old_path = g_build_filename (dir, "old.collate.json", NULL);
  g_autofree char *new_path = g_build_filename (dir, "new.collate.json", NULL);
  g_autoptr(GFile) old_file = g_file_new_for_path (old_path);
  g_autoptr(GFile) new_file = g_file_new_for_path (new_path);
  g_autoptr(CollateProject) small = make_project (1000);
  g_autoptr(CollateProject) large = make_project (600 * 1024);
  g_autoptr(GError) error = NULL;
  g_autofree char *old_bytes = NULL;
  gboolean mounted = test_disk_mount (dir, 2 * 1024 * 1024);

  g_assert_true (collate_project_save_file (small, old_file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  old_bytes = read_text (old_path);
  test_disk_fill (dir, mounted, 64 * 1024);

  /* A project over an old one, and to a new name */
  g_assert_true (collate_project_get_modified (large));
  g_assert_false (collate_project_save_file (large, old_file, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "old.collate.json: the disk is full; “"));
  g_assert_true (g_str_has_suffix (error->message, "old.collate.json” was left as it was"));
  g_assert_true (collate_project_get_modified (large));
  g_clear_error (&error);
  g_assert_false (collate_project_save_file (large, new_file, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_true (g_str_has_suffix (error->message, "new.collate.json” was not created"));
  g_clear_error (&error);

  /* Exports: a file over an old one, a new file, a new folder */
  {
    const char *formats[] = { "conll", "jsonl", "brat" };

    for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
      {
        g_autoptr(CollateExportOptions) options = collate_export_options_new (formats[i]);
        g_autofree char *name = g_strconcat ("export.", formats[i], NULL);
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_autoptr(GFile) dest = g_file_new_for_path (path);

        g_assert_false (collate_export_to_file (large, options, i == 1 ? old_file : dest,
                                                NULL, NULL, NULL, NULL, &error));
        g_assert_nonnull (error);
        g_test_message ("%s: %s", formats[i], error->message);
        g_assert_nonnull (strstr (error->message, i == 1 ? "was left as it was" : "was not created"));
        if (i != 2)
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
        g_clear_error (&error);
      }
  }

  {
    g_autofree char *text = read_text (old_path);
    g_autofree char *listing = list_dir (dir);

    g_assert_cmpstr (text, ==, old_bytes);
    g_assert_cmpstr (listing, ==, "old.collate.json");
  }

  /* With room again, the same save works */
  test_disk_empty (dir, mounted);
  g_assert_true (collate_project_save_file (large, old_file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (collate_project_get_modified (large));

  g_unlink (old_path);
  test_disk_unmount (dir, mounted);
  g_rmdir (dir);
  g_rmdir (base);
}

/* A process that is gone for sure */
static int
dead_pid (void)
{
  GPid pid = 0;
  const char *argv[] = { "true", NULL };
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  return pid;
}

static void
make_leftover (const char *path,
               gboolean    folder,
               gboolean    old)
{
  if (folder)
    {
      g_autofree char *inside = g_build_filename (path, "a.txt", NULL);

      g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
      write_text (inside, "part");
    }
  else
    write_text (path, "part");
  if (old)
    {
      struct utimbuf times = { 0 };

      times.actime = times.modtime = time (NULL) - COLLATE_FILE_WRITER_STALE_AGE - 60;
      g_assert_cmpint (g_utime (path, &times), ==, 0);
    }
}

/* The next write in a folder removes what a killed writer left there, and
 * nothing that a live one may still be writing */
static void
test_stale_temporaries (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "p.collate.json", NULL);
  int gone = dead_pid ();
  g_autofree char *stale_file = g_strdup_printf ("%s/.p.collate.json.collate-tmp-%d-Ab12Cd", dir, gone);
  g_autofree char *stale_folder = g_strdup_printf ("%s/.brat.collate-tmp-%d-xY34zW", dir, gone);
  g_autofree char *fresh = g_strdup_printf ("%s/.q.collate-tmp-%d-Qq11Qq", dir, gone);
  g_autofree char *alive = g_strdup_printf ("%s/.r.collate-tmp-%d-Rr22Rr", dir, (int) getpid ());
  g_autofree char *foreign = g_build_filename (dir, ".p.collate.json.tmp-Zz99Zz", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *expected = NULL;

  make_leftover (stale_file, FALSE, TRUE);
  make_leftover (stale_folder, TRUE, TRUE);
  make_leftover (fresh, FALSE, FALSE);
  make_leftover (alive, FALSE, TRUE);
  make_leftover (foreign, FALSE, TRUE);
  g_assert_true (collate_file_writer_is_temp_name (strrchr (stale_file, '/') + 1, NULL));
  g_assert_false (collate_file_writer_is_temp_name ("p.collate.json", NULL));
  g_assert_false (collate_file_writer_is_temp_name (".x.collate-tmp-12-abc", NULL));

  g_assert_true (write_path (path, "new\n", &error));
  g_assert_no_error (error);

  listing = list_dir (dir);
  expected = g_strdup_printf (".p.collate.json.tmp-Zz99Zz .q.collate-tmp-%d-Qq11Qq "
                              ".r.collate-tmp-%d-Rr22Rr p.collate.json", gone, (int) getpid ());
  g_assert_cmpstr (listing, ==, expected);

  g_unlink (fresh);
  g_unlink (alive);
  g_unlink (foreign);
  g_unlink (path);
  g_rmdir (dir);
}

/* A text file whose name is not UTF-8 gives a project that loads back */
static void
test_name_not_utf8 (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *text_path = g_build_filename (dir, "caf\xe9.txt", NULL);
  g_autofree char *project_path = g_build_filename (dir, "p.collate.json", NULL);
  g_autoptr(GFile) project_file = g_file_new_for_path (project_path);
  g_autoptr(CollateProject) project = collate_project_new ("Café", NULL);
  g_autoptr(CollateProject) loaded = NULL;
  g_autoptr(CollateDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  const char *source;

  write_text (text_path, "A short report.\n");
  doc = collate_document_new_from_file (text_path, "d1", &error);
  g_assert_no_error (error);
  source = collate_document_get_source (doc);
  g_assert_true (g_utf8_validate (source, -1, NULL));
  g_assert_true (g_str_has_suffix (source, ".txt"));
  g_assert_true (collate_project_add_document (project, doc, &error));
  g_assert_true (collate_project_save_file (project, project_file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  loaded = collate_project_load_file (project_file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (collate_document_get_source (collate_project_get_document (loaded, 0)), ==, source);

  /* A message names it in UTF-8 too */
  {
    g_autofree char *missing = g_build_filename (dir, "gon\xe9.txt", NULL);
    g_autoptr(CollateDocument) none = collate_document_new_from_file (missing, "d2", &error);

    g_assert_null (none);
    g_assert_nonnull (error);
    g_assert_true (g_utf8_validate (error->message, -1, NULL));
    g_clear_error (&error);
  }

  g_unlink (text_path);
  g_unlink (project_path);
  g_rmdir (dir);
}

/* An unknown member's name is quoted short, whatever its length */
static void
test_long_unknown_member (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "minimal.collate.json", NULL);
  g_autofree char *text = read_text (fixture);
  g_autoptr(GString) json = g_string_new ("{\"");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateProject) project = NULL;

  g_assert_true (text[0] == '{');
  for (guint i = 0; i < 1024 * 1024; i++)
    g_string_append_c (json, 'm');
  g_string_append (json, "\": 1,");
  g_string_append (json, text + 1);
  bytes = g_bytes_new (json->str, json->len);
  project = collate_project_load_bytes (bytes, &error);
  g_assert_null (project);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (strlen (error->message), <, 300);
  g_assert_nonnull (strstr (error->message, "mmmm…"));
}

int
main (int    argc,
      char **argv)
{
  test_disk_init ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/file-writer/new-and-replace", test_new_and_replace);
  g_test_add_func ("/file-writer/long-name", test_long_name);
  g_test_add_func ("/file-writer/symbolic-link", test_symbolic_link);
  g_test_add_func ("/file-writer/read-only", test_read_only);
  g_test_add_func ("/file-writer/full-disk", test_full_disk);
  g_test_add_func ("/file-writer/folder-not-writable", test_folder_not_writable);
  g_test_add_func ("/file-writer/stale-temporaries", test_stale_temporaries);
  g_test_add_func ("/file-writer/name-not-utf8", test_name_not_utf8);
  g_test_add_func ("/file-writer/long-unknown-member", test_long_unknown_member);

  return g_test_run ();
}
