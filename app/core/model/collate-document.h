/* collate-document.h — an imported text: immutable UTF-8 with a fast offset index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "collate-enums.h"

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
/* The same document (text, title, source, metadata) under another id, for
 * adding it to a project where its id is taken */
CollateDocument *collate_document_copy_with_id   (CollateDocument  *self,
                                                  const char       *id);
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
/* Metadata, string → string: where the text came from (a web page's
 * canonical URL, publisher, author, dates, the raw page's checksum; a PDF's
 * page offsets).  Filled in before the document joins a project: it is part
 * of the imported document, like its text, and no change to it is recorded
 * for undo. */
GHashTable      *collate_document_get_metadata   (CollateDocument  *self);
/* How many entries; reads only, so safe beside other readers (exports run
 * in a thread of their own) */
guint            collate_document_get_n_metadata (CollateDocument  *self);
const char      *collate_document_get_metadata_value (CollateDocument *self,
                                                      const char      *key);
void             collate_document_set_metadata_value (CollateDocument *self,
                                                      const char      *key,
                                                      const char      *value);
const char     **collate_document_get_metadata_keys  (CollateDocument *self,
                                                      guint           *n_keys);
gboolean         collate_document_slice_equals   (CollateDocument  *self,
                                                  guint             start,
                                                  guint             end,
                                                  const char       *quote);

/* [*start, *end) in characters refined as collate_text_refine_selection()
 * says: white space at the edges always goes; @flags say whether edge
 * punctuation goes and edges inside words move out.  FALSE, leaving the
 * offsets alone, if only white space is selected. */
gboolean         collate_document_refine_selection (CollateDocument    *document,
                                                    guint              *start,
                                                    guint              *end,
                                                    CollateRefineFlags  flags);

G_END_DECLS
