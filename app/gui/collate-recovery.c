/* collate-recovery.c — recovery copies of unsaved work
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "collate.h"
#include "collate-recovery.h"

#define INFO_GROUP "Recovery"

struct _CollateRecovery
{
  GObject    parent_instance;

  GFile     *dir;
  char      *id;
  GFile     *origin;
  char      *title;
  GDateTime *time;
  gboolean   exists;
  guint      writing;
  gboolean   discard_after_write;
};

G_DEFINE_FINAL_TYPE (CollateRecovery, collate_recovery, G_TYPE_OBJECT)

static void
collate_recovery_finalize (GObject *object)
{
  CollateRecovery *self = COLLATE_RECOVERY (object);

  g_clear_object (&self->dir);
  g_clear_object (&self->origin);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->time, g_date_time_unref);

  G_OBJECT_CLASS (collate_recovery_parent_class)->finalize (object);
}

static void
collate_recovery_class_init (CollateRecoveryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = collate_recovery_finalize;
}

static void
collate_recovery_init (CollateRecovery *self)
{
}

GFile *
collate_recovery_get_default_dir (void)
{
  return g_file_new_build_filename (g_get_user_state_dir (), "collate", "recovery", NULL);
}

static char *
make_id (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");

  return g_strdup_printf ("%s-%d-%08x", stamp, (int) getpid (), g_random_int ());
}

static CollateRecovery *
recovery_new_with_id (GFile      *dir,
                      const char *id)
{
  CollateRecovery *self = g_object_new (COLLATE_TYPE_RECOVERY, NULL);

  self->dir = g_object_ref (dir);
  self->id = g_strdup (id);
  return self;
}

CollateRecovery *
collate_recovery_new (GFile *dir)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (G_IS_FILE (dir), NULL);

  id = make_id ();
  return recovery_new_with_id (dir, id);
}

static GFile *
child_file (CollateRecovery *self,
            const char      *suffix)
{
  g_autofree char *name = g_strconcat (self->id, suffix, NULL);

  return g_file_get_child (self->dir, name);
}

const char *
collate_recovery_get_id (CollateRecovery *self)
{
  g_return_val_if_fail (COLLATE_IS_RECOVERY (self), NULL);

  return self->id;
}

GFile *
collate_recovery_get_file (CollateRecovery *self)
{
  g_return_val_if_fail (COLLATE_IS_RECOVERY (self), NULL);

  return child_file (self, ".collate.json");
}

GFile *
collate_recovery_get_origin (CollateRecovery *self)
{
  g_return_val_if_fail (COLLATE_IS_RECOVERY (self), NULL);

  return self->origin;
}

void
collate_recovery_set_origin (CollateRecovery *self,
                             GFile           *origin)
{
  g_return_if_fail (COLLATE_IS_RECOVERY (self));

  g_set_object (&self->origin, origin);
}

const char *
collate_recovery_get_title (CollateRecovery *self)
{
  g_return_val_if_fail (COLLATE_IS_RECOVERY (self), NULL);

  return self->title;
}

GDateTime *
collate_recovery_get_time (CollateRecovery *self)
{
  g_return_val_if_fail (COLLATE_IS_RECOVERY (self), NULL);

  return self->time;
}

gboolean
collate_recovery_get_exists (CollateRecovery *self)
{
  g_return_val_if_fail (COLLATE_IS_RECOVERY (self), FALSE);

  return self->exists || self->writing > 0;
}

gboolean
collate_recovery_is_writing (CollateRecovery *self)
{
  g_return_val_if_fail (COLLATE_IS_RECOVERY (self), FALSE);

  return self->writing > 0;
}

/* ── Listing ── */

static gboolean
process_is_other_collate (int pid)
{
  g_autofree char *path = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *ours = NULL;

  if (pid <= 0 || pid == (int) getpid () || !collate_process_is_alive (pid))
    return FALSE;

  /* Alive; but a pid may have been reused by another program since */
  path = g_strdup_printf ("/proc/%d/comm", pid);
  if (!g_file_get_contents (path, &theirs, NULL, NULL)
      || !g_file_get_contents ("/proc/self/comm", &ours, NULL, NULL))
    return TRUE;
  return g_strcmp0 (g_strstrip (theirs), g_strstrip (ours)) == 0;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  CollateRecovery *ra = *(CollateRecovery **) a;
  CollateRecovery *rb = *(CollateRecovery **) b;

  if (ra->time == NULL || rb->time == NULL)
    return (ra->time == NULL) - (rb->time == NULL);
  return -g_date_time_compare (ra->time, rb->time);
}

static CollateRecovery *
recovery_read (GFile      *dir,
               const char *id)
{
  g_autoptr(CollateRecovery) self = recovery_new_with_id (dir, id);
  g_autoptr(GFile) info_file = child_file (self, ".ini");
  g_autofree char *info_path = g_file_get_path (info_file);
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autofree char *origin = NULL;
  g_autofree char *time = NULL;

  self->exists = TRUE;
  if (info_path != NULL && g_key_file_load_from_file (info, info_path, G_KEY_FILE_NONE, NULL))
    {
      int pid = g_key_file_get_integer (info, INFO_GROUP, "pid", NULL);

      if (process_is_other_collate (pid))
        return NULL;

      origin = g_key_file_get_string (info, INFO_GROUP, "origin", NULL);
      if (origin != NULL && origin[0] != '\0')
        self->origin = g_file_new_for_uri (origin);
      self->title = g_key_file_get_string (info, INFO_GROUP, "title", NULL);
      time = g_key_file_get_string (info, INFO_GROUP, "time", NULL);
      if (time != NULL)
        self->time = g_date_time_new_from_iso8601 (time, NULL);
    }

  if (self->time == NULL)
    {
      g_autoptr(GFile) file = collate_recovery_get_file (self);
      g_autoptr(GFileInfo) finfo = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                                      G_FILE_QUERY_INFO_NONE, NULL, NULL);

      if (finfo != NULL)
        self->time = g_file_info_get_modification_date_time (finfo);
    }

  return g_steal_pointer (&self);
}

GPtrArray *
collate_recovery_list (GFile      *dir,
                       GHashTable *exclude)
{
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GFileEnumerator) children = NULL;

  g_return_val_if_fail (G_IS_FILE (dir), NULL);

  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children == NULL)
    return g_steal_pointer (&copies);

  for (;;)
    {
      GFileInfo *info = NULL;
      const char *name;
      g_autofree char *id = NULL;
      CollateRecovery *copy;

      if (!g_file_enumerator_iterate (children, &info, NULL, NULL, NULL) || info == NULL)
        break;

      name = g_file_info_get_name (info);
      if (!g_str_has_suffix (name, ".collate.json"))
        continue;
      id = g_strndup (name, strlen (name) - strlen (".collate.json"));
      if (exclude != NULL && g_hash_table_contains (exclude, id))
        continue;
      copy = recovery_read (dir, id);
      if (copy != NULL)
        g_ptr_array_add (copies, copy);
    }

  g_ptr_array_sort (copies, compare_newest_first);
  return g_steal_pointer (&copies);
}

/* ── Writing ── */

typedef struct
{
  GFile  *dir;
  GFile  *file;
  GFile  *info_file;
  GBytes *bytes;
  char   *info;
} WriteData;

static void
write_data_free (gpointer data)
{
  WriteData *wd = data;

  g_clear_object (&wd->dir);
  g_clear_object (&wd->file);
  g_clear_object (&wd->info_file);
  g_clear_pointer (&wd->bytes, g_bytes_unref);
  g_free (wd->info);
  g_free (wd);
}

/* Through the one safe writer: a copy being replaced stays whole until the
 * new one is on disk, and what a killed write leaves is removed by the
 * next one */
static gboolean
write_file (GFile       *file,
            const char  *data,
            gsize        length,
            GError     **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(CollateFileWriter) writer = collate_file_writer_new (path, NULL, error);

  if (writer == NULL)
    return FALSE;
  if (!collate_file_writer_set_mode (writer, 0600, error)
      || !collate_file_writer_write (writer, data, length, error))
    {
      collate_file_writer_abort (writer, error);
      return FALSE;
    }
  return collate_file_writer_commit (writer, NULL, error);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *wd = task_data;
  g_autofree char *dir_path = g_file_get_path (wd->dir);
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (wd->bytes, &length);

  if (dir_path == NULL || g_mkdir_with_parents (dir_path, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               _("Could not make the folder “%s” for recovery copies: %s"),
                               dir_path != NULL ? dir_path : "?", g_strerror (saved_errno));
      return;
    }

  if (!write_file (wd->file, data, length, &error)
      || !write_file (wd->info_file, wd->info, strlen (wd->info), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
remove_files (CollateRecovery *self)
{
  g_autoptr(GFile) file = collate_recovery_get_file (self);
  g_autoptr(GFile) info_file = child_file (self, ".ini");

  g_file_delete (file, NULL, NULL);
  g_file_delete (info_file, NULL, NULL);
}

static void
write_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CollateRecovery *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  self->writing--;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (self->discard_after_write && self->writing == 0)
    {
      remove_files (self);
      self->exists = FALSE;
    }
  else
    self->exists = TRUE;

  g_task_return_boolean (task, TRUE);
}

void
collate_recovery_write_async (CollateRecovery    *self,
                              GBytes             *bytes,
                              const char         *title,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autofree char *time = NULL;
  g_autofree char *origin = NULL;
  WriteData *wd;

  g_return_if_fail (COLLATE_IS_RECOVERY (self));
  g_return_if_fail (bytes != NULL);

  g_clear_pointer (&self->time, g_date_time_unref);
  self->time = g_date_time_new_now_utc ();
  g_free (self->title);
  self->title = g_strdup (title);
  self->discard_after_write = FALSE;

  time = g_date_time_format_iso8601 (self->time);
  origin = self->origin != NULL ? g_file_get_uri (self->origin) : g_strdup ("");
  g_key_file_set_string (info, INFO_GROUP, "origin", origin);
  g_key_file_set_string (info, INFO_GROUP, "title", title != NULL ? title : "");
  g_key_file_set_string (info, INFO_GROUP, "time", time);
  g_key_file_set_integer (info, INFO_GROUP, "pid", (int) getpid ());

  wd = g_new0 (WriteData, 1);
  wd->dir = g_object_ref (self->dir);
  wd->file = collate_recovery_get_file (self);
  wd->info_file = child_file (self, ".ini");
  wd->bytes = g_bytes_ref (bytes);
  wd->info = g_key_file_to_data (info, NULL, NULL);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, collate_recovery_write_async);

  inner = g_task_new (self, cancellable, write_done, g_steal_pointer (&outer));
  g_task_set_task_data (inner, wd, write_data_free);
  self->writing++;
  g_task_run_in_thread (inner, write_thread);
}

gboolean
collate_recovery_write_finish (CollateRecovery  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
collate_recovery_discard (CollateRecovery  *self,
                          GError          **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) info_file = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (COLLATE_IS_RECOVERY (self), FALSE);

  if (self->writing > 0)
    self->discard_after_write = TRUE;

  file = collate_recovery_get_file (self);
  info_file = child_file (self, ".ini");
  self->exists = FALSE;

  g_file_delete (info_file, NULL, NULL);
  if (!g_file_delete (file, NULL, &local_error)
      && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

CollateProject *
collate_recovery_load (CollateRecovery  *self,
                       GError          **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(CollateProject) project = NULL;

  g_return_val_if_fail (COLLATE_IS_RECOVERY (self), NULL);

  file = collate_recovery_get_file (self);
  project = collate_project_load_file (file, NULL, NULL, error);
  if (project == NULL)
    return NULL;

  collate_project_set_modified (project, TRUE);
  return g_steal_pointer (&project);
}
