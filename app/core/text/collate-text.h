/* collate-text.h — UTF-8 checks and small text utilities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

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

/* Characters that change how a terminal or a label shows the text around
 * them: control characters, bidirectional controls (a right-to-left
 * override turns "exe.txt" into "txt.exe"), line and paragraph separators */
gboolean         collate_text_is_unsafe_to_show  (gunichar          c);

/* Longest quote in a message, in characters */
#define COLLATE_TEXT_QUOTE_MAX 60

/* A user-supplied string (a name, a title, a file name) made fit to quote in
 * a message: invalid UTF-8 shown as U+FFFD, a line break as \n, a tab as
 * \t, any other character that collate_text_is_unsafe_to_show() as \u202E,
 * and shortened to @max_chars characters with an ellipsis (0: any length).
 * NULL gives "". */
char            *collate_text_quote              (const char       *text,
                                                  guint             max_chars);

/* Does @data start with a UTF-16 byte order mark? */
gboolean         collate_text_starts_as_utf16    (const char       *data,
                                                  gsize             length);

/* Count of code points in @text[0, @byte_length) */
guint            collate_text_count_chars        (const char       *text,
                                                  gsize             byte_length);

/* "2026-11-23T18:33:36Z" for now, in UTC */
char            *collate_timestamp_now           (void);

/* Compares ids so that "a2" < "a10": a common prefix, then numbers by value */
int              collate_id_compare              (const char       *a,
                                                  const char       *b);

G_END_DECLS
