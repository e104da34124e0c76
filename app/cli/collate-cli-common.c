/* collate-cli-common.c — what every command of collate-cli shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "collate.h"
#include "collate-cli-common.h"

/* Longest file name quoted in a message, in characters */
#define NAME_MAX_CHARS 120

void
collate_cli_print_error (const char *format,
                         ...)
{
  g_autofree char *message = NULL;
  g_autofree char *clean = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  clean = collate_text_quote (message, 0);
  g_printerr ("collate-cli: %s\n", clean);
}

int
collate_cli_usage_error (const char *command,
                         const char *message)
{
  collate_cli_print_error ("%s", message);
  g_printerr (_("Try “collate-cli %s --help” for more information.\n"), command);
  return COLLATE_CLI_EXIT_USAGE;
}

CollateProject *
collate_cli_load_project (const char *filename)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (filename);
  g_autoptr(GError) error = NULL;
  CollateProject *project = collate_project_load_file (file, NULL, NULL, &error);

  if (project == NULL)
    collate_cli_print_error ("%s", error->message);
  return project;
}

char *
collate_cli_display_name (const char *filename)
{
  g_autofree char *shown = g_filename_display_name (filename);
  glong length = g_utf8_strlen (shown, -1);
  g_autofree char *head = NULL;
  g_autofree char *tail = NULL;

  if (length <= NAME_MAX_CHARS)
    return collate_text_quote (shown, 0);

  /* A long path keeps its start and its end, where the file's name is */
  head = collate_text_quote (shown, NAME_MAX_CHARS / 2);
  tail = collate_text_quote (g_utf8_offset_to_pointer (shown, length - NAME_MAX_CHARS / 2), 0);
  return g_strconcat (head, tail, NULL);
}

/* The file @path names, following symbolic links */
static gboolean
identify (const char *path,
          GStatBuf   *st)
{
  return g_stat (path, st) == 0;
}

static gboolean
same_identity (const GStatBuf *a,
               const GStatBuf *b)
{
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Is @path inside the folder @folder (at any depth)?  Compared by identity,
 * walking up from @path's real location. */
static gboolean
is_inside (const char     *path,
           const GStatBuf *folder)
{
  char resolved[PATH_MAX];
  g_autofree char *current = NULL;

  if (realpath (path, resolved) == NULL)
    {
      /* Not there yet: its folder decides */
      g_autofree char *parent = g_path_get_dirname (path);

      if (realpath (parent, resolved) == NULL)
        return FALSE;
      current = g_strdup (resolved);
    }
  else
    current = g_path_get_dirname (resolved);

  for (;;)
    {
      GStatBuf st;
      char *up;

      if (g_stat (current, &st) == 0 && same_identity (&st, folder))
        return TRUE;
      if (strcmp (current, "/") == 0 || strcmp (current, ".") == 0)
        return FALSE;
      up = g_path_get_dirname (current);
      g_free (current);
      current = up;
    }
}

int
collate_cli_check_output (const char         *output,
                          const char *const  *inputs,
                          gboolean            force,
                          gboolean            folder_output)
{
  g_autofree char *shown = collate_cli_display_name (output);
  GStatBuf out_st;
  gboolean exists = identify (output, &out_st);

  /* Not even --force replaces what is being read */
  for (guint i = 0; inputs != NULL && inputs[i] != NULL; i++)
    {
      g_autofree char *input = collate_cli_display_name (inputs[i]);
      GStatBuf in_st;

      if (!identify (inputs[i], &in_st))
        continue;
      if (exists && same_identity (&in_st, &out_st))
        {
          collate_cli_print_error (_("the output %s is also one of the inputs (%s); "
                                     "choose another name with -o"), shown, input);
          return COLLATE_CLI_EXIT_USAGE;
        }
      if (S_ISDIR (in_st.st_mode) && exists && is_inside (output, &in_st))
        {
          collate_cli_print_error (_("the output %s is inside the input folder %s; "
                                     "choose a name outside it with -o"), shown, input);
          return COLLATE_CLI_EXIT_USAGE;
        }
      if (exists && S_ISDIR (out_st.st_mode) && is_inside (inputs[i], &out_st))
        {
          collate_cli_print_error (_("the output folder %s holds the input %s; "
                                     "choose another folder with -o"), shown, input);
          return COLLATE_CLI_EXIT_USAGE;
        }
    }

  /* A folder export writes only into an absent or empty folder, --force or
   * not: the core says so itself */
  if (exists && !force && !folder_output)
    {
      collate_cli_print_error (_("%s already exists; use --force to replace it, "
                                 "or -o to write elsewhere"), shown);
      return COLLATE_CLI_EXIT_FAILED;
    }
  return COLLATE_CLI_EXIT_OK;
}

gboolean
collate_cli_finish_stdout (void)
{
  int flushed = fflush (stdout);
  int saved = errno;

  if (flushed == 0 && !ferror (stdout))
    return TRUE;
  if (flushed != 0)
    collate_cli_print_error (_("could not write to standard output: %s; the output is incomplete"),
                             g_strerror (saved));
  else
    collate_cli_print_error (_("could not write to standard output; the output is incomplete"));
  return FALSE;
}

/* ── Not freeing at exit ──────────────────────────────────────────────── */

/* Deliberately never freed: see collate_cli_keep_until_exit() */
static GPtrArray *kept_until_exit;

void
collate_cli_keep_until_exit (gpointer data)
{
  if (data == NULL)
    return;
  if (kept_until_exit == NULL)
    kept_until_exit = g_ptr_array_new ();
  g_ptr_array_add (kept_until_exit, data);
}

/* ── Loading several projects at once ─────────────────────────────────── */

typedef struct
{
  const char *const *paths;
  guint              n;
  CollateProject   **projects;
  GError           **errors;
  int                next;
} Loading;

static gpointer
load_worker (gpointer data)
{
  Loading *loading = data;
  int i;

  while ((i = g_atomic_int_add (&loading->next, 1)) < (int) loading->n)
    {
      g_autoptr(GFile) file = g_file_new_for_path (loading->paths[i]);

      loading->projects[i] = collate_project_load_file (file, NULL, NULL, &loading->errors[i]);
    }
  return NULL;
}

gboolean
collate_cli_load_projects (const char *const  *paths,
                           guint               n,
                           CollateProject    **projects)
{
  g_autofree GError **errors = g_new0 (GError *, n);
  g_autofree GThread **threads = NULL;
  Loading loading = { paths, n, projects, errors, 0 };
  guint n_threads = MIN (n, MAX (g_get_num_processors (), 1));
  gboolean ok = TRUE;

  /* Parsing is most of the time: one file per processor at once */
  threads = g_new0 (GThread *, n_threads);
  for (guint t = 1; t < n_threads; t++)
    threads[t] = g_thread_new ("load", load_worker, &loading);
  load_worker (&loading);
  for (guint t = 1; t < n_threads; t++)
    g_thread_join (threads[t]);

  for (guint i = 0; i < n; i++)
    if (errors[i] != NULL)
      {
        if (ok)
          collate_cli_print_error ("%s", errors[i]->message);
        ok = FALSE;
        g_clear_error (&errors[i]);
      }
  if (!ok)
    for (guint i = 0; i < n; i++)
      g_clear_object (&projects[i]);
  return ok;
}

/* ── Folders of projects ──────────────────────────────────────────────── */

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Appends the project files inside @folder to @paths, recursively; FALSE
 * if a folder could not be read (said, and the rest still listed) */
static gboolean
list_folder (const char *folder,
             GPtrArray  *paths)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = TRUE;
  const char *name;

  if (dir == NULL)
    {
      g_autofree char *shown = collate_cli_display_name (folder);

      /* TRANSLATORS: "FOLDER: cannot read this folder: REASON" */
      collate_cli_print_error (_("%s: cannot read this folder: %s"), shown,
                               error->code == G_FILE_ERROR_ACCES ? g_strerror (EACCES)
                               : error->code == G_FILE_ERROR_NOENT ? g_strerror (ENOENT)
                               : error->message);
      return FALSE;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_paths);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, g_ptr_array_index (names, i), NULL);

      /* Folders are followed, links to folders not (they could loop) */
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK) && !list_folder (path, paths))
            ok = FALSE;
        }
      else if (g_str_has_suffix (path, ".collate.json"))
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }
  return ok;
}

gboolean
collate_cli_expand_inputs (const char *const *inputs,
                           GPtrArray         *paths)
{
  gboolean ok = TRUE;

  for (guint i = 0; inputs[i] != NULL; i++)
    {
      g_autofree char *shown = collate_cli_display_name (inputs[i]);

      if (g_file_test (inputs[i], G_FILE_TEST_IS_DIR))
        {
          guint before = paths->len;

          if (!list_folder (inputs[i], paths))
            ok = FALSE;
          else if (paths->len == before)
            {
              collate_cli_print_error (_("%s: no project files (*.collate.json) in this folder "
                                         "or the folders inside it"), shown);
              ok = FALSE;
            }
        }
      else if (!g_file_test (inputs[i], G_FILE_TEST_EXISTS))
        {
          collate_cli_print_error (_("%s: no such file or folder"), shown);
          ok = FALSE;
        }
      else
        g_ptr_array_add (paths, g_strdup (inputs[i]));
    }
  return ok;
}

/* ── Progress on standard error ───────────────────────────────────────── */

void
collate_cli_progress_init (CollateCliProgress *progress,
                           const char         *what,
                           guint               total,
                           gboolean            asked)
{
  progress->what = what;
  progress->done = 0;
  progress->total = total;
  progress->terminal = isatty (STDERR_FILENO);
  progress->show = asked || (progress->terminal && total >= COLLATE_CLI_PROGRESS_FROM);
  progress->drawn = FALSE;
  progress->last_percent = -1;
}

void
collate_cli_progress_clear (CollateCliProgress *progress)
{
  if (progress->drawn)
    {
      /* Back to the start of the line, erased: what follows is not mixed in */
      g_printerr ("\r\033[K");
      progress->drawn = FALSE;
    }
}

void
collate_cli_progress_step (CollateCliProgress *progress)
{
  int percent;

  progress->done++;
  if (!progress->show || progress->total == 0)
    return;
  if (progress->terminal)
    {
      fflush (stdout);
      g_printerr ("\r\033[K");
      /* TRANSLATORS: "Validating: 12 of 340 projects" */
      g_printerr (_("%s: %u of %u projects"), _(progress->what), progress->done, progress->total);
      progress->drawn = TRUE;
      if (progress->done == progress->total)
        collate_cli_progress_clear (progress);
      return;
    }
  /* Into a file or a pipe: a line at each whole percent */
  percent = (int) ((guint64) progress->done * 100 / progress->total);
  if (percent != progress->last_percent)
    {
      g_printerr (_("%s: %u of %u projects"), _(progress->what), progress->done, progress->total);
      g_printerr ("\n");
      progress->last_percent = percent;
    }
}

/* ── Walking a list of project files ──────────────────────────────────── */

typedef struct
{
  GPtrArray       *paths;
  GMutex           mutex;
  GCond            cond;
  guint            next;       /* the next path to load */
  guint            consumed;   /* paths handed to the callback */
  guint            ahead;      /* at most this many loaded and not yet handed over */
  gboolean         stop;
  CollateProject **projects;
  GError         **errors;
  gboolean        *loaded;
} Walk;

static gpointer
walk_worker (gpointer data)
{
  Walk *walk = data;

  g_mutex_lock (&walk->mutex);
  for (;;)
    {
      g_autoptr(GFile) file = NULL;
      CollateProject *project;
      GError *error = NULL;
      guint i;

      while (!walk->stop && walk->next < walk->paths->len && walk->next >= walk->consumed + walk->ahead)
        g_cond_wait (&walk->cond, &walk->mutex);
      if (walk->stop || walk->next >= walk->paths->len)
        break;
      i = walk->next++;
      g_mutex_unlock (&walk->mutex);

      file = g_file_new_for_path (g_ptr_array_index (walk->paths, i));
      project = collate_project_load_file (file, NULL, NULL, &error);

      g_mutex_lock (&walk->mutex);
      walk->projects[i] = project;
      walk->errors[i] = error;
      walk->loaded[i] = TRUE;
      g_cond_broadcast (&walk->cond);
    }
  g_mutex_unlock (&walk->mutex);
  return NULL;
}

gboolean
collate_cli_walk_projects (GPtrArray             *paths,
                           CollateCliProgress    *progress,
                           CollateCliProjectFunc  func,
                           gpointer               user_data)
{
  guint n_threads = MIN (paths->len, MAX (g_get_num_processors (), 1));
  g_autofree GThread **threads = g_new0 (GThread *, MAX (n_threads, 1));
  g_autofree CollateProject **projects = g_new0 (CollateProject *, MAX (paths->len, 1));
  g_autofree GError **errors = g_new0 (GError *, MAX (paths->len, 1));
  g_autofree gboolean *loaded = g_new0 (gboolean, MAX (paths->len, 1));
  Walk walk = { paths, { 0 }, { 0 }, 0, 0, n_threads + 1, FALSE, projects, errors, loaded };
  gboolean completed = TRUE;

  g_mutex_init (&walk.mutex);
  g_cond_init (&walk.cond);
  for (guint t = 0; t < n_threads; t++)
    threads[t] = g_thread_new ("load", walk_worker, &walk);

  for (guint i = 0; i < paths->len; i++)
    {
      gboolean go_on;

      g_mutex_lock (&walk.mutex);
      while (!loaded[i])
        g_cond_wait (&walk.cond, &walk.mutex);
      g_mutex_unlock (&walk.mutex);

      collate_cli_progress_clear (progress);
      go_on = func (g_ptr_array_index (paths, i), projects[i], errors[i], user_data);
      g_clear_object (&projects[i]);
      g_clear_error (&errors[i]);

      g_mutex_lock (&walk.mutex);
      walk.consumed = i + 1;
      walk.stop = !go_on;
      g_cond_broadcast (&walk.cond);
      g_mutex_unlock (&walk.mutex);
      if (!go_on)
        {
          completed = FALSE;
          break;
        }
      collate_cli_progress_step (progress);
    }
  collate_cli_progress_clear (progress);

  for (guint t = 0; t < n_threads; t++)
    g_thread_join (threads[t]);
  /* What was loaded ahead of a stop */
  for (guint i = 0; i < paths->len; i++)
    {
      g_clear_object (&projects[i]);
      g_clear_error (&errors[i]);
    }
  g_mutex_clear (&walk.mutex);
  g_cond_clear (&walk.cond);
  return completed;
}
