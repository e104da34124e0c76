/* collate-document.h — an imported text: immutable UTF-8 with a fast offset index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define COLLATE_TYPE_DOCUMENT (collate_document_get_type ())

G_DECLARE_FINAL_TYPE (CollateDocument, collate_document, COLLATE, DOCUMENT, GObject)

/* Offsets are Unicode code points ("characters"), half-open [start, end). */

CollateDocument *collate_document_new            (const char       *id,
                                                  const char       *title,
                                                  const char       *source,
                                                  const char       *text,
                                                  gssize            length,
                                                  GError          **error);
const char      *collate_document_get_id         (CollateDocument  *self);
const char      *collate_document_get_title      (CollateDocument  *self);
const char      *collate_document_get_source     (CollateDocument  *self);
const char      *collate_document_get_text       (CollateDocument  *self);
const char      *collate_document_get_sha256     (CollateDocument  *self);
gsize            collate_document_get_byte_length(CollateDocument  *self);
guint            collate_document_get_length     (CollateDocument  *self);
gsize            collate_document_char_to_byte   (CollateDocument  *self,
                                                  guint             offset);
guint            collate_document_byte_to_char   (CollateDocument  *self,
                                                  gsize             byte_offset);
char            *collate_document_dup_slice      (CollateDocument  *self,
                                                  guint             start,
                                                  guint             end);
gboolean         collate_document_slice_equals   (CollateDocument  *self,
                                                  guint             start,
                                                  guint             end,
                                                  const char       *quote);

/* Adjusts [*start, *end) to whole words, as an annotator means a
 * selection: white space at either edge is dropped, and an edge that cuts a
 * word in two is moved out to the word's edge (a word holds letters, digits
 * and marks, joined by hyphens and apostrophes: "four-and-a-half-hour",
 * "Trump’s").  Returns FALSE, leaving the offsets alone, if the range holds
 * nothing but white space. */
gboolean         collate_document_snap_to_words  (CollateDocument  *document,
                                                  guint            *start,
                                                  guint            *end);

G_END_DECLS
