/* collate-test-disk.h — a full disk for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where the test may mount file systems (root, or a user namespace that
 * allows it), a small tmpfs in a mount namespace of the test's own, which
 * goes away with the process whatever happens.  Elsewhere the writer's own
 * test hook (COLLATE_TEST_WRITE_LIMIT) makes writes fail as on a full disk.
 * Either way, test_disk_fill() leaves about @free bytes to write and
 * test_disk_empty() makes room again.
 */
#pragma once

#ifndef _GNU_SOURCE
#define _GNU_SOURCE  /* unshare() */
#endif
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

static gboolean test_disk_private_mounts;

/* Call first thing in main(), before any thread starts */
static inline void
test_disk_init (void)
{
  test_disk_private_mounts = unshare (CLONE_NEWNS) == 0
                             && mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0;
}

/* Makes @dir a small disk of its own; FALSE if it stays an ordinary
 * folder and the hook stands in for a full disk */
static inline gboolean
test_disk_mount (const char *dir,
                 guint64     size)
{
  g_autofree char *options = g_strdup_printf ("size=%" G_GUINT64_FORMAT ",mode=0777", size);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  if (!test_disk_private_mounts || g_getenv ("COLLATE_TEST_NO_MOUNT") != NULL)
    {
      g_test_message ("no tmpfs at %s: the writer's test hook stands in for a full disk", dir);
      return FALSE;
    }
  if (mount ("tmpfs", dir, "tmpfs", MS_NOSUID | MS_NODEV, options) != 0)
    {
      g_test_message ("could not mount a tmpfs at %s (%s): the writer's test hook stands in",
                      dir, g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

static inline void
test_disk_unmount (const char *dir,
                   gboolean    mounted)
{
  if (mounted)
    g_assert_cmpint (umount2 (dir, MNT_DETACH), ==, 0);
  g_unsetenv ("COLLATE_TEST_WRITE_LIMIT");
}

/* Leaves about @free bytes free on the disk at @dir */
static inline void
test_disk_fill (const char *dir,
                gboolean    mounted,
                guint64     free)
{
  g_autofree char *filler = g_build_filename (dir, "filler", NULL);
  g_autofree char *value = NULL;
  static char block[4096];
  guint64 written = 0;
  int fd;

  if (!mounted)
    {
      value = g_strdup_printf ("%" G_GUINT64_FORMAT, free);
      g_setenv ("COLLATE_TEST_WRITE_LIMIT", value, TRUE);
      return;
    }
  fd = g_open (filler, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  g_assert_cmpint (fd, >=, 0);
  for (;;)
    {
      gssize n = write (fd, block, sizeof block);

      if (n <= 0)
        break;
      written += (guint64) n;
    }
  g_assert_cmpint (ftruncate (fd, (off_t) (written > free ? written - free : 0)), ==, 0);
  close (fd);
}

static inline void
test_disk_empty (const char *dir,
                 gboolean    mounted)
{
  g_autofree char *filler = g_build_filename (dir, "filler", NULL);

  g_unlink (filler);
  g_unsetenv ("COLLATE_TEST_WRITE_LIMIT");
}

/* Makes the folder @dir (with what it holds) impossible to write to: a
 * read-only remount of a tmpfs of its own where the test may mount (root
 * ignores permissions), else its permissions.  Returns the error code a
 * write into it then gives (G_IO_ERROR_READ_ONLY or
 * G_IO_ERROR_PERMISSION_DENIED), or 0 if neither way works here. */
static inline int
test_disk_make_read_only (const char *dir,
                          gboolean    mounted)
{
  g_autofree char *probe = g_build_filename (dir, ".probe", NULL);
  int fd;

  if (mounted && mount (NULL, dir, NULL, MS_REMOUNT | MS_RDONLY, NULL) == 0)
    return G_IO_ERROR_READ_ONLY;
  if (g_chmod (dir, 0555) != 0)
    return 0;
  /* root writes anyway: no way to test it here */
  fd = g_open (probe, O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd >= 0)
    {
      close (fd);
      g_unlink (probe);
      g_chmod (dir, 0755);
      return 0;
    }
  return G_IO_ERROR_PERMISSION_DENIED;
}

/* Makes @dir writable again */
static inline void
test_disk_make_writable (const char *dir,
                         gboolean    mounted)
{
  if (mounted)
    g_assert_cmpint (mount (NULL, dir, NULL, MS_REMOUNT, NULL), ==, 0);
  g_chmod (dir, 0755);
}
