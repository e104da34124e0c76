/* collate-project-io.h — reading and writing *.collate.json
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "collate-limits.h"
#include "collate-project.h"

G_BEGIN_DECLS

#define COLLATE_FORMAT_NAME     "collate-project"
/* The newest version read and written.  Version 2 adds "reviews",
 * version 3 documents' "metadata", version 4 "curations" and links'
 * "attributes"; a project is written in the oldest version that holds it,
 * so one with none of them is still version 1. */
#define COLLATE_FORMAT_VERSION  4
/* Refused before parsing: files larger than COLLATE_MAX_FILE_SIZE, nesting
 * deeper than COLLATE_MAX_DEPTH (collate-limits.h) */

/* Parses and checks everything; on failure the message names the JSON path
 * and the reason, e.g. 'annotations[3].end: 6000 is past the end of
 * document "d1" (5168 characters)'.  The result is unmodified. */
CollateProject *collate_project_load_bytes     (GBytes          *bytes,
                                                GError         **error);
/* As above, reading @file; the message starts with the file's name.
 * @etag_out, if not NULL, receives the file's etag for a later save. */
CollateProject *collate_project_load_file      (GFile           *file,
                                                char           **etag_out,
                                                GCancellable    *cancellable,
                                                GError         **error);
void            collate_project_load_file_async  (GFile              *file,
                                                  GCancellable       *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer            user_data);
CollateProject *collate_project_load_file_finish (GAsyncResult       *result,
                                                  char              **etag_out,
                                                  GError            **error);

/* Deterministic, pretty-printed UTF-8 JSON ending in a newline */
GBytes         *collate_project_to_bytes       (CollateProject  *self);

/* Replaces @file atomically through collate-file-writer.h (a temporary file
 * beside it, synced, then renamed; on failure @file is as it was and the
 * message says so).  If @etag is not NULL
 * and the file changed since, fails with G_IO_ERROR_WRONG_ETAG and leaves it
 * alone.  On success marks the project saved and returns the new etag. */
gboolean        collate_project_save_file      (CollateProject  *self,
                                                GFile           *file,
                                                const char      *etag,
                                                char           **new_etag,
                                                GCancellable    *cancellable,
                                                GError         **error);
/* Serialises now (on the calling thread) and writes in the background; the
 * project is marked saved at the state it had when this was called. */
void            collate_project_save_async     (CollateProject     *self,
                                                GFile              *file,
                                                const char         *etag,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
gboolean        collate_project_save_finish    (CollateProject     *self,
                                                GAsyncResult       *result,
                                                char              **new_etag,
                                                GError            **error);

G_END_DECLS
