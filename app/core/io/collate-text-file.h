/* collate-text-file.h — reading a .txt file as a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "collate-document.h"

G_BEGIN_DECLS

/* Reads a .txt file: must exist, be non-empty, valid UTF-8 (a BOM is
 * dropped, line endings are kept).  The title is the first non-empty line,
 * the source @path exactly as given. */
CollateDocument *collate_document_new_from_file  (const char       *path,
                                                  const char       *id,
                                                  GError          **error);

G_END_DECLS
