/* collate-json-reader.h — a strict JSON parser with checked accessors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Collate reads project files with this parser rather than with JsonParser:
 * it is several times faster on large projects, it refuses what JSON
 * forbids (or what json-glib 1.6 silently mangles: duplicate members,
 * integers that overflow, lone surrogates, deep nesting), and every error
 * names the JSON path where it happened, e.g.
 * 'annotations[3].end: expected an integer, found a string'.
 */
#pragma once

#include <glib.h>

#include "collate-error.h"

G_BEGIN_DECLS

typedef enum
{
  COLLATE_JSON_NULL,
  COLLATE_JSON_BOOLEAN,
  COLLATE_JSON_INTEGER,  /* an integer literal that fits in a gint64 */
  COLLATE_JSON_NUMBER,   /* any other number: fraction, exponent, too large */
  COLLATE_JSON_STRING,
  COLLATE_JSON_ARRAY,
  COLLATE_JSON_OBJECT,
} CollateJsonType;

typedef struct _CollateJsonValue    CollateJsonValue;
typedef struct _CollateJsonMember   CollateJsonMember;
typedef struct _CollateJsonDocument CollateJsonDocument;
typedef struct _CollateJsonPath     CollateJsonPath;

struct _CollateJsonValue
{
  CollateJsonType type;
  /* Bytes of a string or of a number's text; items of an array; members
   * of an object */
  guint           length;
  union {
    gboolean           boolean;
    /* @text is the number as written (not NUL-terminated); @value is set
     * for COLLATE_JSON_INTEGER */
    struct {
      const char      *text;
      gint64           value;
    } number;
    /* NUL-terminated valid UTF-8 without NUL characters */
    const char        *string;
    CollateJsonValue  *items;
    CollateJsonMember *members;
  } v;
};

struct _CollateJsonMember
{
  const char       *name;
  CollateJsonValue  value;
};

/* Parses @data (which is copied).  Refuses, with COLLATE_ERROR_PARSE, text
 * that is empty or not JSON (trailing commas, leading zeros, unescaped
 * control characters, trailing text…); COLLATE_ERROR_ENCODING for invalid
 * UTF-8, lone surrogates and \u0000; COLLATE_ERROR_TOO_LARGE for nesting
 * deeper than @max_depth or more than 4 GiB; COLLATE_ERROR_INVALID for an
 * object with the same member twice.  A leading byte order mark is
 * skipped.  The values live as long as the document. */
CollateJsonDocument    *collate_json_document_parse    (const char          *data,
                                                        gsize                length,
                                                        guint                max_depth,
                                                        GError             **error);
/* As above, for one record of a JSON Lines file: positions in errors are
 * columns of the line (the caller names the line) */
CollateJsonDocument    *collate_json_document_parse_line (const char        *data,
                                                        gsize                length,
                                                        guint                max_depth,
                                                        GError             **error);
/* As above, taking @data: allocated with g_malloc(), with room for
 * @length + 1 bytes; strings are decoded in place */
CollateJsonDocument    *collate_json_document_parse_take (char              *data,
                                                        gsize                length,
                                                        guint                max_depth,
                                                        GError             **error);
const CollateJsonValue *collate_json_document_get_root (CollateJsonDocument *self);
void                    collate_json_document_free     (CollateJsonDocument *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CollateJsonDocument, collate_json_document_free)

/* For code that hands JSON to JsonParser (which crashes on very deep input):
 * a byte scan, aware of strings and escapes, that refuses nesting deeper
 * than @max_depth with COLLATE_ERROR_TOO_LARGE. */
gboolean                collate_json_check_depth       (const char          *data,
                                                        gsize                length,
                                                        guint                max_depth,
                                                        GError             **error);

/* ── Paths, for error messages ──
 *
 * A path is a chain of frames on the caller's stack; it is only turned into
 * text when an error is reported.  NULL is the top level.
 *
 *   CollateJsonPath annotations = COLLATE_JSON_PATH_MEMBER (NULL, "annotations");
 *   CollateJsonPath item = COLLATE_JSON_PATH_ELEMENT (&annotations, i);
 */
struct _CollateJsonPath
{
  const CollateJsonPath *parent;
  const char            *member;  /* NULL for an array element */
  gsize                  index;
};

#define COLLATE_JSON_PATH_MEMBER(parent_, name_) { (parent_), (name_), 0 }
#define COLLATE_JSON_PATH_ELEMENT(parent_, index_) { (parent_), NULL, (index_) }

/* "annotations[3].end"; "" for the top level.  Member names that are not
 * plain identifiers are quoted: 'metadata["my key"]'. */
char       *collate_json_path_to_string (const CollateJsonPath  *path);
/* Sets @error to "PATH: MESSAGE" in the COLLATE_ERROR domain */
void        collate_json_set_error      (GError                **error,
                                         int                     code,
                                         const CollateJsonPath  *path,
                                         const char             *format,
                                         ...) G_GNUC_PRINTF (4, 5);
/* Prefixes an existing error's message with "PATH: " */
void        collate_json_prefix_error   (GError                **error,
                                         const CollateJsonPath  *path);
/* "a string", "an integer", "1.5", "null", "an object"… for "found …";
 * "nothing" for NULL */
char       *collate_json_describe       (const CollateJsonValue *value);
const char *collate_json_type_name      (CollateJsonType         type);

/* Every accessor below takes NULL for a member that is absent (as the
 * lookups return it) and reports it as 'PATH: missing (expected …)', so
 * that a chain of lookups over optional members needs no NULL test of its
 * own to stay safe. */

/* Checks that @value has @type: 'PATH: expected a string, found null' */
gboolean    collate_json_expect         (const CollateJsonValue *value,
                                         CollateJsonType         type,
                                         const CollateJsonPath  *path,
                                         GError                **error);
/* An integer from 0 to @max: 'PATH: expected an integer, found 1.5',
 * 'PATH: 9007199254740992 is too large (at most 4294967295)' */
gboolean    collate_json_get_uint       (const CollateJsonValue *value,
                                         guint64                 max,
                                         const CollateJsonPath  *path,
                                         guint64                *out,
                                         GError                **error);

/* ── Reading the members of an object ──
 *
 * Look each member up once; _finish() then refuses members that nobody
 * asked for ('annotations[3].lable: unknown field').  Lookups are fast when
 * members come in the order they are asked for.  _init() on NULL or on a
 * value that is not an object fails, and leaves a reader that reads as an
 * empty object (every lookup NULL), never one that points at nothing.
 */
typedef struct
{
  const CollateJsonValue *object;
  const CollateJsonPath  *path;
  guint                   cursor;
  guint                   n_read;
  guint64                 seen;
} CollateJsonObjectReader;

gboolean                collate_json_object_reader_init         (CollateJsonObjectReader *reader,
                                                                 const CollateJsonValue  *value,
                                                                 const CollateJsonPath   *path,
                                                                 GError                 **error);
/* NULL if absent */
const CollateJsonValue *collate_json_object_reader_lookup       (CollateJsonObjectReader *reader,
                                                                 const char              *name);
/* Required members: 'PATH.NAME: missing (expected a string)' */
const CollateJsonValue *collate_json_object_reader_get          (CollateJsonObjectReader *reader,
                                                                 const char              *name,
                                                                 CollateJsonType          type,
                                                                 GError                 **error);
const char             *collate_json_object_reader_get_string   (CollateJsonObjectReader *reader,
                                                                 const char              *name,
                                                                 GError                 **error);
gboolean                collate_json_object_reader_get_uint     (CollateJsonObjectReader *reader,
                                                                 const char              *name,
                                                                 guint64                  max,
                                                                 guint64                 *out,
                                                                 GError                 **error);
/* Optional members: absent leaves *@out alone and returns TRUE */
gboolean                collate_json_object_reader_get_optional_string (CollateJsonObjectReader *reader,
                                                                 const char              *name,
                                                                 const char             **out,
                                                                 GError                 **error);
gboolean                collate_json_object_reader_finish       (CollateJsonObjectReader *reader,
                                                                 GError                 **error);

/* @data, a large buffer about to be filled: asks the system for transparent
 * huge pages where it gives them only on request, so that filling it takes
 * a page fault per 2 MiB instead of per 4 KiB.  Changes nothing else. */
void collate_advise_huge_pages (gpointer data,
                                gsize    size);

G_END_DECLS
