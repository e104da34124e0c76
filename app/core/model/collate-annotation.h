/* collate-annotation.h — a span annotation (an immutable value)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define COLLATE_TYPE_ANNOTATION (collate_annotation_get_type ())

G_DECLARE_FINAL_TYPE (CollateAnnotation, collate_annotation, COLLATE, ANNOTATION, GObject)

/* Annotations never change once made: the project replaces an annotation by
 * a new one with the same id when it is edited, and undo puts the old one
 * back.  @attributes (string → string) is copied and may be NULL. */
CollateAnnotation *collate_annotation_new            (const char        *id,
                                                      const char        *document_id,
                                                      guint              start,
                                                      guint              end,
                                                      const char        *label,
                                                      const char        *text,
                                                      const char        *note,
                                                      GHashTable        *attributes,
                                                      const char        *author,
                                                      const char        *created,
                                                      const char        *modified);
const char        *collate_annotation_get_id         (CollateAnnotation *self);
const char        *collate_annotation_get_document_id(CollateAnnotation *self);
guint              collate_annotation_get_start      (CollateAnnotation *self);
guint              collate_annotation_get_end        (CollateAnnotation *self);
const char        *collate_annotation_get_label      (CollateAnnotation *self);
const char        *collate_annotation_get_text       (CollateAnnotation *self);
const char        *collate_annotation_get_note       (CollateAnnotation *self);
const char        *collate_annotation_get_author     (CollateAnnotation *self);
const char        *collate_annotation_get_created    (CollateAnnotation *self);
const char        *collate_annotation_get_modified   (CollateAnnotation *self);
/* NULL if absent */
const char        *collate_annotation_get_attribute  (CollateAnnotation *self,
                                                      const char        *key);
guint              collate_annotation_get_n_attributes (CollateAnnotation *self);
/* The attribute keys in byte order (NULL-terminated; free the array only) */
const char       **collate_annotation_get_attribute_keys (CollateAnnotation *self);

/* Order within one document: start, end, then id (collate_id_compare).
 * The project orders documents first. */
int                collate_annotation_compare        (CollateAnnotation *a,
                                                      CollateAnnotation *b);

G_END_DECLS
