/* collate-text.h — reading text files and small text utilities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "collate-document.h"

G_BEGIN_DECLS

/* Checks that @data is UTF-8 without NUL bytes.  On failure the error names
 * @name (a file name or a JSON path) and the byte offset of the first bad
 * sequence. */
gboolean         collate_text_validate_utf8      (const char       *data,
                                                  gsize             length,
                                                  const char       *name,
                                                  GError          **error);

/* The first non-empty line of @text, trimmed and shortened to at most
 * @max_chars characters (with an ellipsis); "Untitled" if there is none. */
char            *collate_text_guess_title        (const char       *text,
                                                  guint             max_chars);

/* Reads a .txt file: must exist, be non-empty, valid UTF-8 (a BOM is
 * dropped, line endings are kept).  The title is the first non-empty line,
 * the source @path exactly as given. */
CollateDocument *collate_document_new_from_file  (const char       *path,
                                                  const char       *id,
                                                  GError          **error);

/* Adjusts [*start, *end) to whole words, as an annotator means a
 * selection: white space at either edge is dropped, and an edge that cuts a
 * word in two is moved out to the word's edge (a word holds letters, digits
 * and marks, joined by hyphens and apostrophes: "four-and-a-half-hour",
 * "Trump’s").  Returns FALSE, leaving the offsets alone, if the range holds
 * nothing but white space. */
gboolean         collate_document_snap_to_words  (CollateDocument  *document,
                                                  guint            *start,
                                                  guint            *end);

/* Count of code points in @text[0, @byte_length) */
guint            collate_text_count_chars        (const char       *text,
                                                  gsize             byte_length);

/* "2026-11-23T18:33:36Z" for now, in UTC */
char            *collate_timestamp_now           (void);

/* Compares ids so that "a2" < "a10": a common prefix, then numbers by value */
int              collate_id_compare              (const char       *a,
                                                  const char       *b);

G_END_DECLS
