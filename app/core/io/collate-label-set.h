/* collate-label-set.h — label sets in files of their own (*.labels.json)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "collate-schema.h"

G_BEGIN_DECLS

#define COLLATE_LABEL_SET_FORMAT_NAME    "collate-label-set"
#define COLLATE_LABEL_SET_FORMAT_VERSION 1
/* Larger label set files are refused before they are read */
#define COLLATE_LABEL_SET_MAX_SIZE       (4 * 1024 * 1024)

/*
 * {
 *   "format": "collate-label-set",
 *   "version": 1,
 *   "title": "Fact-checking",                      (optional)
 *   "span_labels": [{"name": "Claim", "color": "#…", "hotkey": "1", "description": "…"}],
 *   "link_labels": [{"name": "Supports", "color": "#…"}]
 * }
 *
 * A project file (*.collate.json) is read as a label set too: its schema.
 */

/* Checks everything (names, colours, hotkeys, duplicates); messages name
 * the JSON path.  @title_out (nullable) receives the set's title or NULL. */
CollateSchema *collate_label_set_load_bytes (GBytes         *bytes,
                                             char          **title_out,
                                             GError        **error);
/* As above; messages start with the file's name */
CollateSchema *collate_label_set_load_file  (GFile          *file,
                                             char          **title_out,
                                             GCancellable   *cancellable,
                                             GError        **error);
/* Deterministic, pretty-printed JSON ending in a newline; @title nullable */
GBytes        *collate_label_set_to_bytes   (CollateSchema  *set,
                                             const char     *title);
/* Replaces @file atomically */
gboolean       collate_label_set_save_file  (CollateSchema  *set,
                                             const char     *title,
                                             GFile          *file,
                                             GError        **error);

/* The folder of the label sets that ship with Collate: $COLLATE_LABEL_SETS_DIR,
 * else the installed one, else (running from the build tree) the source's */
GFile         *collate_label_set_get_shipped_dir (void);
/* Its *.labels.json files, sorted by name (GFile items) */
GPtrArray     *collate_label_set_list_shipped    (void);
/* The shipped set called @name ("conll" for conll.labels.json), or NULL */
GFile         *collate_label_set_find_shipped    (const char     *name);

G_END_DECLS
