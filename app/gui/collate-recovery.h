/* collate-recovery.h — recovery copies of unsaved work
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A window with unsaved changes writes a recovery copy of its project once
 * its changes pause for a few seconds.  The copy is removed when the project is saved
 * or its window is closed cleanly, so copies found at the next start were
 * left behind by a crash and are offered back.
 *
 * Each copy is two files in the recovery folder: ID.collate.json (the
 * project) and ID.ini (where it came from, its title, when it was written,
 * and the process that wrote it).
 */
#pragma once

#include <gio/gio.h>

#include "collate.h"

G_BEGIN_DECLS

#define COLLATE_TYPE_RECOVERY (collate_recovery_get_type ())

G_DECLARE_FINAL_TYPE (CollateRecovery, collate_recovery, COLLATE, RECOVERY, GObject)

/* $XDG_STATE_HOME/collate/recovery */
GFile           *collate_recovery_get_default_dir (void);

/* A new, empty recovery slot in @dir */
CollateRecovery *collate_recovery_new          (GFile            *dir);

/* The copies in @dir left behind by a Collate that is no longer running,
 * newest first.  Copies whose id is in @exclude (a set of ids, may be NULL)
 * are skipped: they belong to windows of this process. */
GPtrArray       *collate_recovery_list         (GFile            *dir,
                                                GHashTable       *exclude);

const char      *collate_recovery_get_id       (CollateRecovery  *self);
/* The recovery copy of the project */
GFile           *collate_recovery_get_file     (CollateRecovery  *self);
/* The project file the copy was made from, or NULL for a project never saved */
GFile           *collate_recovery_get_origin   (CollateRecovery  *self);
void             collate_recovery_set_origin   (CollateRecovery  *self,
                                                GFile            *origin);
const char      *collate_recovery_get_title    (CollateRecovery  *self);
/* When the copy was last written, or NULL */
GDateTime       *collate_recovery_get_time     (CollateRecovery  *self);
/* TRUE while a copy exists on disk (or is being written) */
gboolean         collate_recovery_get_exists   (CollateRecovery  *self);

/* Writes @bytes (from collate_project_to_bytes(), made on the main thread)
 * as the recovery copy, atomically, in a worker thread. */
void             collate_recovery_write_async  (CollateRecovery    *self,
                                                GBytes             *bytes,
                                                const char         *title,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
gboolean         collate_recovery_write_finish (CollateRecovery    *self,
                                                GAsyncResult       *result,
                                                GError            **error);
/* TRUE while a write is in progress */
gboolean         collate_recovery_is_writing   (CollateRecovery  *self);

/* Removes the copy from disk (also one being written right now, once the
 * write ends).  A missing copy is not an error. */
gboolean         collate_recovery_discard      (CollateRecovery  *self,
                                                GError          **error);

/* Reads the copy back; the project is marked as unsaved. */
CollateProject  *collate_recovery_load         (CollateRecovery  *self,
                                                GError          **error);

G_END_DECLS
