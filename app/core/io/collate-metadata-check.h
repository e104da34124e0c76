/* collate-metadata-check.h — a document's metadata as JSON, checked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "collate-json-reader.h"

G_BEGIN_DECLS

/* Whether @value is a document's metadata within the limits: an object of
 * strings, at most COLLATE_MAX_METADATA_ENTRIES members, keys of 1 to
 * COLLATE_MAX_LABEL_SIZE bytes without control characters, values of at
 * most COLLATE_MAX_METADATA_VALUE_SIZE bytes.  The error names the JSON
 * path (below @path) and the limit.  The project loader and the importers
 * judge by it alike. */
gboolean collate_metadata_check_json (const CollateJsonValue *value,
                                      const CollateJsonPath  *path,
                                      GError                **error);

G_END_DECLS
