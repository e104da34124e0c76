/* collate-ingest-private.h — what the readers of app/core/ingest/ share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "collate-ingest.h"

G_BEGIN_DECLS

/* What @data looks like, for messages: "a PNG image", "binary data" */
const char *collate_ingest_describe        (const char      *data,
                                            gsize            length);

/* Sets url (if not NULL), media_type, page_sha256 (of @raw) and retrieved
 * (@retrieved, or now; UTC to the second) */
void        collate_ingest_set_provenance  (CollateDocument *document,
                                            const char      *url,
                                            const char      *media_type,
                                            GBytes          *raw,
                                            GDateTime       *retrieved);

G_END_DECLS
