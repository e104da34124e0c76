/* collate-file-writer.c — the one way Collate writes a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE  /* syncfs() */
#endif
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "collate-file-writer.h"

#define TEMP_MARK        ".collate-tmp-"
/* Bytes of the destination's name kept in the temporary's */
#define TEMP_PREFIX_MAX  40
/* Symbolic links followed to find the file to replace */
#define MAX_LINKS        40

struct _CollateFileWriter
{
  char     *path;        /* as given */
  char     *display;     /* its display form */
  char     *target;      /* @path with symbolic links followed */
  char     *temp;
  int       fd;          /* -1 for a folder, or once closed */
  gboolean  folder;
  gboolean  existed;
  gboolean  done;        /* committed or aborted */
  guint64   written;
};

/* ── Test hook ──
 * COLLATE_TEST_WRITE_LIMIT=N makes every write past N bytes of one file fail
 * as on a full disk, for tests that cannot mount a small file system. */
static guint64
write_limit (void)
{
  const char *value = g_getenv ("COLLATE_TEST_WRITE_LIMIT");
  guint64 limit;

  if (G_LIKELY (value == NULL)
      || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT64, &limit, NULL))
    return G_MAXUINT64;
  return limit;
}

/* ── Messages ── */

static void
set_errno_error (GError     **error,
                 int          saved,
                 const char  *doing)
{
  if (saved == ENOSPC)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, _("the disk is full"));
  else if (saved == EDQUOT)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                         _("the disk quota is used up"));
  else
    /* TRANSLATORS: "could not write: Input/output error" */
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s",
                 doing, g_strerror (saved));
}

/* A temporary file or folder could not be made in @dir: names the folder
 * when the folder is the problem, as it is for these errors */
static void
set_folder_error (GError     **error,
                  int          saved,
                  const char  *dir,
                  const char  *doing)
{
  g_autofree char *shown = g_filename_display_name (dir);

  switch (saved)
    {
    case EACCES:
    case EPERM:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("the folder “%s” may not be written to (%s); choose another folder, "
                     "or ask for write permission on it"), shown, g_strerror (saved));
      break;
    case EROFS:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
                   _("the folder “%s” is on a read-only disk; choose another folder"), shown);
      break;
    case ENOENT:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("the folder “%s” does not exist; make it, or choose another folder"),
                   shown);
      break;
    case ENOTDIR:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   _("“%s” is not a folder; choose another folder"), shown);
      break;
    default:
      set_errno_error (error, saved, doing);
      break;
    }
}

/* Says what became of the destination, at the end of *@error */
static void
complete_error (CollateFileWriter  *self,
                GError            **error,
                const char         *cleanup_problem)
{
  g_autofree char *message = NULL;

  if (error == NULL || *error == NULL)
    return;
  if (self->existed)
    message = g_strdup_printf (_("%s; “%s” was left as it was"), (*error)->message, self->display);
  else
    message = g_strdup_printf (_("%s; “%s” was not created"), (*error)->message, self->display);
  if (cleanup_problem != NULL)
    {
      char *longer = g_strdup_printf ("%s (%s)", message, cleanup_problem);

      g_free (message);
      message = longer;
    }
  g_free ((*error)->message);
  (*error)->message = g_steal_pointer (&message);
}

/* ── Names ── */

gboolean
collate_file_writer_is_temp_name (const char *name,
                                  int        *pid_out)
{
  const char *mark;
  const char *p;
  guint64 pid;
  char *end = NULL;

  if (name == NULL || name[0] != '.')
    return FALSE;
  mark = g_strrstr (name, TEMP_MARK);
  if (mark == NULL || mark == name)
    return FALSE;
  p = mark + strlen (TEMP_MARK);
  if (!g_ascii_isdigit (*p))
    return FALSE;
  pid = g_ascii_strtoull (p, &end, 10);
  if (end == NULL || *end != '-' || pid == 0 || pid > G_MAXINT)
    return FALSE;
  p = end + 1;
  if (strlen (p) != 6)
    return FALSE;
  for (; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  if (pid_out != NULL)
    *pid_out = (int) pid;
  return TRUE;
}

/* At most @max bytes of @base, not cutting a UTF-8 character in two */
static char *
name_prefix (const char *base,
             gsize       max)
{
  gsize len = strlen (base);

  if (len <= max)
    return g_strdup (base);
  len = max;
  if (g_utf8_validate (base, -1, NULL))
    while (len > 0 && ((guchar) base[len] & 0xC0) == 0x80)
      len--;
  return g_strndup (base, len);
}

/* @path with its symbolic links followed (a dangling link gives the path it
 * points to) */
static char *
follow_links (const char  *path,
              GError     **error)
{
  g_autofree char *current = g_strdup (path);

  for (guint i = 0; i < MAX_LINKS; i++)
    {
      GStatBuf st;
      g_autofree char *target = NULL;

      if (g_lstat (current, &st) != 0 || !S_ISLNK (st.st_mode))
        return g_steal_pointer (&current);
      target = g_file_read_link (current, error);
      if (target == NULL)
        return NULL;
      if (!g_path_is_absolute (target))
        {
          g_autofree char *dir = g_path_get_dirname (current);
          char *joined = g_build_filename (dir, target, NULL);

          g_free (target);
          target = joined;
        }
      g_free (current);
      current = g_steal_pointer (&target);
    }
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS,
                       _("too many levels of symbolic links"));
  return NULL;
}

/* ── Removing ── */

static gboolean
remove_tree (const char *path,
             int        *errno_out)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return errno == ENOENT;
  if (S_ISDIR (st.st_mode))
    {
      GDir *dir = g_dir_open (path, 0, NULL);
      const char *name;

      if (dir != NULL)
        {
          while ((name = g_dir_read_name (dir)) != NULL)
            {
              g_autofree char *child = g_build_filename (path, name, NULL);

              remove_tree (child, NULL);
            }
          g_dir_close (dir);
        }
      if (g_rmdir (path) == 0)
        return TRUE;
    }
  else if (g_unlink (path) == 0)
    return TRUE;
  if (errno_out != NULL)
    *errno_out = errno;
  return FALSE;
}

void
collate_file_remove_tree (const char *path)
{
  g_return_if_fail (path != NULL);

  remove_tree (path, NULL);
}

gboolean
collate_process_is_alive (int pid)
{
  g_autofree char *path = NULL;
  g_autofree char *stat = NULL;

  if (pid <= 0)
    return FALSE;
  if (pid == (int) getpid ())
    return TRUE;
  if (kill ((pid_t) pid, 0) != 0 && errno == ESRCH)
    return FALSE;
  path = g_strdup_printf ("/proc/%d/stat", pid);
  if (g_file_get_contents (path, &stat, NULL, NULL))
    {
      const char *state = strrchr (stat, ')');

      if (state != NULL && (g_str_has_prefix (state, ") Z") || g_str_has_prefix (state, ") X")))
        return FALSE;
    }
  return TRUE;
}

/* Removes the temporaries in @folder that a killed writer left behind */
static void
remove_stale_temporaries (const char *folder)
{
  GDir *dir = g_dir_open (folder, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;
      int pid = 0;

      if (name[0] != '.' || !collate_file_writer_is_temp_name (name, &pid))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_lstat (path, &st) != 0 || !(S_ISREG (st.st_mode) || S_ISDIR (st.st_mode)))
        continue;
      if (now - (gint64) st.st_mtime < COLLATE_FILE_WRITER_STALE_AGE ||
          (gint64) st.st_mtime > now)
        continue;
      if (collate_process_is_alive (pid))
        continue;
      g_debug ("Removing %s, left by process %d", path, pid);
      remove_tree (path, NULL);
    }
  g_dir_close (dir);
}

/* ── Writing ── */

static gboolean
is_read_only (const char    *path,
              const GStatBuf *st)
{
  /* root may write anything: a file nobody may write is read-only all the same
   * (errno then says why, for the caller) */
  if (g_access (path, W_OK) != 0)
    return TRUE;
  errno = EACCES;
  return (st->st_mode & 0222) == 0;
}

static CollateFileWriter *
writer_new (const char  *path,
            const char  *etag,
            gboolean     folder,
            GError     **error)
{
  g_autoptr(CollateFileWriter) self = g_new0 (CollateFileWriter, 1);
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *template = NULL;
  GStatBuf st;
  int saved;

  self->fd = -1;
  self->folder = folder;
  self->path = g_strdup (path);
  self->display = g_filename_display_name (path);
  self->target = follow_links (path, error);
  if (self->target == NULL)
    {
      g_prefix_error (error, "“%s”: ", self->display);
      return NULL;
    }

  if (g_stat (self->target, &st) == 0)
    {
      self->existed = TRUE;
      if (folder && !S_ISDIR (st.st_mode))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("“%s” exists and is not a folder; it was left as it was"), self->display);
          return NULL;
        }
      if (!folder && !S_ISREG (st.st_mode))
        {
          g_set_error (error, G_IO_ERROR,
                       S_ISDIR (st.st_mode) ? G_IO_ERROR_IS_DIRECTORY : G_IO_ERROR_NOT_REGULAR_FILE,
                       _("“%s” is not a regular file; it was left as it was"), self->display);
          return NULL;
        }
      if (!folder && is_read_only (self->target, &st))
        {
          /* the whole disk, rather than the file */
          if (errno == EROFS)
            {
              g_autofree char *parent = g_path_get_dirname (self->target);

              set_folder_error (error, EROFS, parent, NULL);
              complete_error (self, error, NULL);
              return NULL;
            }
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                       _("“%s” is read-only; it was left as it was"), self->display);
          return NULL;
        }
      if (folder)
        {
          GDir *d = g_dir_open (self->target, 0, NULL);
          gboolean empty = d != NULL && g_dir_read_name (d) == NULL;

          if (d != NULL)
            g_dir_close (d);
          if (!empty)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                           _("the folder “%s” is not empty; it was left as it was"), self->display);
              return NULL;
            }
        }
      if (etag != NULL && etag[0] != '\0')
        {
          g_autoptr(GFile) file = g_file_new_for_path (self->target);
          g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_ETAG_VALUE,
                                                         G_FILE_QUERY_INFO_NONE, NULL, NULL);
          const char *current = info != NULL ? g_file_info_get_etag (info) : NULL;

          if (g_strcmp0 (current, etag) != 0)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                           _("“%s” was changed by another program since it was opened or "
                             "saved; it was left as it was"), self->display);
              return NULL;
            }
        }
    }

  dir = g_path_get_dirname (self->target);
  base = g_path_get_basename (self->target);
  remove_stale_temporaries (dir);

  prefix = name_prefix (base, TEMP_PREFIX_MAX);
  template = g_strdup_printf (".%s" TEMP_MARK "%d-XXXXXX", prefix, (int) getpid ());
  self->temp = g_build_filename (dir, template, NULL);

  if (folder)
    {
      if (g_mkdtemp_full (self->temp, 0777) == NULL)
        {
          saved = errno;
          g_clear_pointer (&self->temp, g_free);
          set_folder_error (error, saved, dir, _("could not make a temporary folder"));
          complete_error (self, error, NULL);
          return NULL;
        }
      return g_steal_pointer (&self);
    }

  self->fd = g_mkstemp_full (self->temp, O_WRONLY | O_CLOEXEC, 0666);
  if (self->fd < 0)
    {
      saved = errno;
      g_clear_pointer (&self->temp, g_free);
      set_folder_error (error, saved, dir, _("could not make a temporary file"));
      complete_error (self, error, NULL);
      return NULL;
    }
  if (self->existed)
    {
      /* As the file it replaces; the owner only where the system lets us */
      if (fchown (self->fd, st.st_uid, st.st_gid) != 0)
        g_debug ("Could not give %s its owner back: %s", self->temp, g_strerror (errno));
      if (fchmod (self->fd, st.st_mode & 07777) != 0)
        g_debug ("Could not give %s its permissions back: %s", self->temp, g_strerror (errno));
    }
  return g_steal_pointer (&self);
}

CollateFileWriter *
collate_file_writer_new (const char  *path,
                         const char  *etag,
                         GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return writer_new (path, etag, FALSE, error);
}

CollateFileWriter *
collate_file_writer_new_folder (const char  *path,
                                GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return writer_new (path, NULL, TRUE, error);
}

const char *
collate_file_writer_get_temp_path (CollateFileWriter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->temp;
}

const char *
collate_file_writer_get_display_name (CollateFileWriter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->display;
}

gboolean
collate_file_writer_set_mode (CollateFileWriter  *self,
                              guint               mode,
                              GError            **error)
{
  g_return_val_if_fail (self != NULL && self->fd >= 0 && !self->done, FALSE);

  if (fchmod (self->fd, (mode_t) mode) != 0)
    {
      set_errno_error (error, errno, _("could not set the file's permissions"));
      return FALSE;
    }
  return TRUE;
}

gboolean
collate_file_write_all (int          fd,
                        const void  *data,
                        gsize        length,
                        guint64     *written,
                        GError     **error)
{
  const char *p = data;
  guint64 limit = write_limit ();

  while (length > 0)
    {
      gsize chunk = MIN (length, (gsize) G_MAXSSIZE);
      gssize n;

      if (*written + chunk > limit)
        {
          chunk = limit - MIN (limit, *written);
          if (chunk == 0)
            {
              set_errno_error (error, ENOSPC, NULL);
              return FALSE;
            }
        }
      n = write (fd, p, chunk);
      if (n < 0)
        {
          int saved = errno;

          if (saved == EINTR)
            continue;
          set_errno_error (error, saved, _("could not write"));
          return FALSE;
        }
      p += n;
      length -= (gsize) n;
      *written += (guint64) n;
    }
  return TRUE;
}

gboolean
collate_file_writer_write (CollateFileWriter  *self,
                           const void         *data,
                           gsize               length,
                           GError            **error)
{
  g_return_val_if_fail (self != NULL && self->fd >= 0 && !self->done, FALSE);

  return collate_file_write_all (self->fd, data, length, &self->written, error);
}

/* The folder's files and the folder itself reach the disk */
static gboolean
sync_folder (const char  *path,
             GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  int result, saved;

  if (fd < 0)
    {
      saved = errno;
      set_errno_error (error, saved, _("could not flush to disk"));
      return FALSE;
    }
#ifdef __linux__
  /* One call for every file in it, where fsync on each would take long */
  result = syncfs (fd);
#else
  sync ();
  result = fsync (fd);
#endif
  saved = errno;
  close (fd);
  if (result != 0)
    {
      set_errno_error (error, saved, _("could not flush to disk"));
      return FALSE;
    }
  return TRUE;
}

gboolean
collate_file_writer_commit (CollateFileWriter  *self,
                            char              **new_etag,
                            GError            **error)
{
  g_return_val_if_fail (self != NULL && !self->done, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->folder)
    {
      if (!sync_folder (self->temp, error))
        {
          collate_file_writer_abort (self, error);
          return FALSE;
        }
    }
  else
    {
      int result = fsync (self->fd);
      int saved = errno;

      if (result != 0 && saved != EINVAL)   /* EINVAL: a file system that cannot sync */
        {
          set_errno_error (error, saved, _("could not flush to disk"));
          collate_file_writer_abort (self, error);
          return FALSE;
        }
      result = close (self->fd);
      saved = errno;
      self->fd = -1;
      if (result != 0)
        {
          set_errno_error (error, saved, _("could not write"));
          collate_file_writer_abort (self, error);
          return FALSE;
        }
    }

  /* An empty folder at the destination is replaced by rename() itself */
  if (g_rename (self->temp, self->target) != 0)
    {
      int saved = errno;

      set_errno_error (error, saved, _("could not move the new file into place"));
      collate_file_writer_abort (self, error);
      return FALSE;
    }
  self->done = TRUE;

  /* The rename itself reaches the disk */
  {
    g_autofree char *dir = g_path_get_dirname (self->target);
    int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

    if (fd >= 0)
      {
        if (fsync (fd) != 0)
          g_debug ("Could not sync the folder %s: %s", dir, g_strerror (errno));
        close (fd);
      }
  }

  if (new_etag != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (self->target);
      g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_ETAG_VALUE,
                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);

      *new_etag = info != NULL ? g_strdup (g_file_info_get_etag (info)) : NULL;
    }
  return TRUE;
}

void
collate_file_writer_abort (CollateFileWriter  *self,
                           GError            **error)
{
  g_autofree char *problem = NULL;
  int saved = 0;

  g_return_if_fail (self != NULL);

  if (self->done)
    return;
  self->done = TRUE;
  if (self->fd >= 0)
    {
      close (self->fd);
      self->fd = -1;
    }
  if (self->temp != NULL && !remove_tree (self->temp, &saved))
    {
      g_autofree char *temp = g_filename_display_name (self->temp);

      problem = g_strdup_printf (_("the temporary “%s” could not be removed: %s"),
                                 temp, g_strerror (saved));
    }
  complete_error (self, error, problem);
}

void
collate_file_writer_free (CollateFileWriter *self)
{
  if (self == NULL)
    return;
  if (!self->done)
    collate_file_writer_abort (self, NULL);
  g_free (self->path);
  g_free (self->display);
  g_free (self->target);
  g_free (self->temp);
  g_free (self);
}

gboolean
collate_file_write_bytes (GFile         *file,
                          GBytes        *bytes,
                          const char    *etag,
                          char         **new_etag,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autofree char *path = NULL;
  g_autoptr(CollateFileWriter) writer = NULL;
  gsize length = 0;
  const char *data;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  data = g_bytes_get_data (bytes, &length);
  path = g_file_get_path (file);
  if (path == NULL)
    return g_file_replace_contents (file, data, length, etag, FALSE, G_FILE_CREATE_NONE,
                                    new_etag, cancellable, error);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  writer = collate_file_writer_new (path, etag, error);
  if (writer == NULL)
    return FALSE;
  if (!collate_file_writer_write (writer, data, length, error)
      || g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      collate_file_writer_abort (writer, error);
      return FALSE;
    }
  return collate_file_writer_commit (writer, new_etag, error);
}
