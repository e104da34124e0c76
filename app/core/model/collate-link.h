/* collate-link.h — a labelled link between two span annotations (an immutable value)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define COLLATE_TYPE_LINK (collate_link_get_type ())

G_DECLARE_FINAL_TYPE (CollateLink, collate_link, COLLATE, LINK, GObject)

CollateLink *collate_link_new          (const char  *id,
                                        const char  *label,
                                        const char  *from_id,
                                        const char  *to_id,
                                        const char  *note,
                                        const char  *author,
                                        const char  *created,
                                        const char  *modified);
const char  *collate_link_get_id       (CollateLink *self);
const char  *collate_link_get_label    (CollateLink *self);
const char  *collate_link_get_from     (CollateLink *self);
const char  *collate_link_get_to       (CollateLink *self);
const char  *collate_link_get_note     (CollateLink *self);
const char  *collate_link_get_author   (CollateLink *self);
const char  *collate_link_get_created  (CollateLink *self);
const char  *collate_link_get_modified (CollateLink *self);

G_END_DECLS
