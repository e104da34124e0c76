/* collate-file-writer.h — the one way Collate writes a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every project save and every export goes through here.  The new content
 * goes to a temporary file (or folder) in the destination's folder; each
 * write and the final fsync are checked, and only then is it renamed over
 * the destination, also when the destination does not exist yet.  On any
 * failure the destination is what it was before (absent, or the old bytes),
 * the temporary is removed, and the message says so.
 *
 * Temporary names are ".PREFIX.collate-tmp-PID-XXXXXX": PREFIX is the start
 * of the destination's name, cut so that the whole fits in any file system
 * (at most 96 bytes whatever the destination's name), PID the writing
 * process.  Each writer first removes from its folder the temporaries that
 * a killed Collate left there: those whose process is gone and that have
 * not changed for COLLATE_FILE_WRITER_STALE_AGE seconds.
 *
 * A symbolic link is kept: its target is replaced.  A destination marked
 * read-only (no write permission for anyone, or not writable by this user)
 * is refused.  A replaced file keeps its permissions and, where the system
 * allows, its owner and group.  A second hard link to the replaced file
 * keeps the old content.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A temporary left by a process that is gone is removed once it has not
 * changed for this long (seconds) */
#define COLLATE_FILE_WRITER_STALE_AGE (5 * 60)

typedef struct _CollateFileWriter CollateFileWriter;

/* Starts writing the regular file @path.  If @etag is not NULL and the file
 * changed since it was read, fails with G_IO_ERROR_WRONG_ETAG and touches
 * nothing. */
CollateFileWriter *collate_file_writer_new         (const char         *path,
                                                    const char         *etag,
                                                    GError            **error);
/* Starts writing the folder @path, which must not exist or be empty: the
 * caller fills collate_file_writer_get_temp_path(), a new empty folder. */
CollateFileWriter *collate_file_writer_new_folder  (const char         *path,
                                                    GError            **error);

/* The temporary file or folder being written */
const char        *collate_file_writer_get_temp_path (CollateFileWriter *self);
/* The destination as given, in its display form, for messages */
const char        *collate_file_writer_get_display_name (CollateFileWriter *self);

/* Gives the new file @mode (e.g. 0600 for private copies) before anything
 * is written to it */
gboolean           collate_file_writer_set_mode    (CollateFileWriter  *self,
                                                    guint               mode,
                                                    GError            **error);

/* Writes all of @data to the temporary file, or fails with a G_IO_ERROR
 * ("the disk is full" for ENOSPC). */
gboolean           collate_file_writer_write       (CollateFileWriter  *self,
                                                    const void         *data,
                                                    gsize               length,
                                                    GError            **error);

/* Flushes the temporary to disk and renames it over the destination.  On
 * failure, as collate_file_writer_abort().  @new_etag, if not NULL, receives
 * the written file's etag. */
gboolean           collate_file_writer_commit      (CollateFileWriter  *self,
                                                    char              **new_etag,
                                                    GError            **error);

/* Removes the temporary and completes *@error (a failure of the writer's or
 * of the caller's) with what became of the destination: "…; “PATH” was left
 * as it was" (or "was not created"), and what could not be cleaned up.
 * @error may be NULL. */
void               collate_file_writer_abort       (CollateFileWriter  *self,
                                                    GError            **error);

/* Removes the temporary if not committed, and frees */
void               collate_file_writer_free        (CollateFileWriter  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CollateFileWriter, collate_file_writer_free)

/* The whole of @bytes as @file, as above.  Files without a local path are
 * written with g_file_replace_contents(). */
gboolean           collate_file_write_bytes        (GFile              *file,
                                                    GBytes             *bytes,
                                                    const char         *etag,
                                                    char              **new_etag,
                                                    GCancellable       *cancellable,
                                                    GError            **error);

/* Writes all of @data to @fd (a file in a temporary folder), retrying short
 * writes; fails with a G_IO_ERROR ("the disk is full" for ENOSPC).
 * @written counts the file's bytes so far (for the test hook). */
gboolean           collate_file_write_all          (int                 fd,
                                                    const void         *data,
                                                    gsize               length,
                                                    guint64            *written,
                                                    GError            **error);

/* Removes the file or folder @path and everything in it, following no
 * symbolic link */
void               collate_file_remove_tree        (const char         *path);

/* Is @pid a running process?  A zombie (a crashed process its parent has
 * not reaped yet) is not. */
gboolean           collate_process_is_alive        (int                 pid);

/* Is @name one of the writer's temporary names? */
gboolean           collate_file_writer_is_temp_name (const char        *name,
                                                     int               *pid_out);

G_END_DECLS
