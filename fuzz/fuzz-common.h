/* fuzz-common.h — what the libFuzzer harnesses share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each harness feeds one input to one reader of the core.  A refusal is
 * fine (every bad input must give an error); a crash, a leak, a hang, a
 * GLib critical or warning (made fatal here) is a finding.  What a reader
 * accepts must also survive the project file: written and read back, it
 * must load, and give the same bytes again.
 */
#pragma once

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "collate.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

static char *fuzz_dir;

static void
fuzz_remove_dir (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (fuzz_dir == NULL || (dir = g_dir_open (fuzz_dir, 0, NULL)) == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fuzz_dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fuzz_dir);
  g_clear_pointer (&fuzz_dir, g_free);
}

/* Criticals and warnings are bugs, not bad input: make them crashes.  A
 * folder of the harness's own holds the files it writes.  (Each harness is
 * a program of its own, so this is defined once in each.) */
int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  /* (GLib's default writer is the one that honours this for structured
   * messages: keep it) */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  fuzz_dir = g_dir_make_tmp ("collate-fuzz-XXXXXX", NULL);
  if (fuzz_dir == NULL)
    abort ();
  atexit (fuzz_remove_dir);
  return 0;
}

/* Writes @size bytes as the file @name of the harness's folder; returns
 * its path */
G_GNUC_UNUSED static char *
fuzz_write (const char *name,
            const void *data,
            size_t      size)
{
  char *path = g_build_filename (fuzz_dir, name, NULL);

  /* no temporary file, no fsync: thousands of inputs a second */
  if (!g_file_set_contents_full (path, size > 0 ? data : "", (gssize) size,
                                 G_FILE_SET_CONTENTS_NONE, 0644, NULL))
    abort ();
  return path;
}

/* A project that Collate made or accepted must be one it reads back, and
 * give the same bytes once more */
static void
fuzz_check_round_trip (CollateProject *project)
{
  g_autoptr(GBytes) bytes = collate_project_to_bytes (project);
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateProject) again = collate_project_load_bytes (bytes, &error);
  g_autoptr(GBytes) bytes_again = NULL;

  if (again == NULL)
    {
      g_printerr ("accepted, but its project file is refused: %s\n", error->message);
      abort ();
    }
  bytes_again = collate_project_to_bytes (again);
  if (!g_bytes_equal (bytes, bytes_again))
    {
      g_printerr ("accepted, but its project file changes when read back\n");
      abort ();
    }
}

/* Imports the files @names (in the harness's folder) in @format; checks the
 * result as above */
G_GNUC_UNUSED static void
fuzz_import (const char        *format,
             const char *const *names,
             guint              n_names)
{
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CollateExportReport) report = collate_export_report_new ();
  g_autoptr(CollateProject) project = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_names; i++)
    {
      g_autofree char *path = g_build_filename (fuzz_dir, names[i], NULL);

      g_ptr_array_add (inputs, g_file_new_for_path (path));
    }
  project = collate_import_files (format, (GFile *const *) inputs->pdata, inputs->len,
                                  report, NULL, &error);
  if (project == NULL)
    {
      if (error == NULL || error->message == NULL || error->message[0] == '\0')
        abort ();
      return;
    }
  fuzz_check_round_trip (project);
}

/* Writes the input as the file @name and imports it in @format */
G_GNUC_UNUSED static int
fuzz_import_file (const char    *format,
                  const char    *name,
                  const uint8_t *data,
                  size_t         size)
{
  const char *const names[] = { name };

  g_free (fuzz_write (name, data, size));
  fuzz_import (format, names, 1);
  return 0;
}
