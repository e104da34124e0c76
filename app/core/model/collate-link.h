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

/* A link with extra properties (format version 4), copied from
 * @attributes (string → string; NULL or empty for none), as a span's */
CollateLink *collate_link_new_with_attributes (const char  *id,
                                               const char  *label,
                                               const char  *from_id,
                                               const char  *to_id,
                                               const char  *note,
                                               GHashTable  *attributes,
                                               const char  *author,
                                               const char  *created,
                                               const char  *modified);
const char  *collate_link_get_attribute      (CollateLink *self,
                                              const char  *key);
guint        collate_link_get_n_attributes   (CollateLink *self);
/* The attributes, borrowed; NULL when there are none */
GHashTable  *collate_link_get_attributes     (CollateLink *self);
/* The keys in byte order, NULL-terminated; free the array only */
const char **collate_link_get_attribute_keys (CollateLink *self);

G_END_DECLS
