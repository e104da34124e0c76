/* collate-import-jsonl.c — Prodigy/spaCy spans, doccano and Collate jsonl
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#ifdef HAVE_MADVISE
#include <sys/mman.h>
#endif
#include <glib/gi18n.h>

#include "collate-error.h"
#include "collate-project.h"
#include "collate-import-private.h"

/*
 * One JSON object per line (blank lines are skipped), each a document:
 *   "text" (required), "meta": {"id", "title", "source", "sha256",
 *   "metadata"} or the same names at the top level ("metadata": the
 *   document's, an object of strings, as the export writes it);
 *   "spans": [{"start", "end", "label", "text"?, "id"?, "note"?,
 *              "attributes"?, "author"?, "created"?, "modified"?}]  (Prodigy, spaCy, Collate)
 *   "label" or "labels": [[start, end, "LABEL"], …]                   (doccano)
 *   "entities": [{"id", "label", "start_offset", "end_offset"}],
 *   "relations": [{"id", "from_id", "to_id", "type"}]                 (doccano)
 *   "links": [{"id", "label", "from", "to", "note"?, …}]              (Collate)
 * Offsets are code points of "text".  Errors name the file, the line and
 * the JSON path.
 */


typedef struct
{
  CollateImporter *importer;
  const char      *file;
  guint            line;
  /* Collate links, resolved once every line is read (they may cross) */
  GPtrArray       *pending_links;   /* PendingLink */
  GHashTable      *span_ids;        /* id in the file → id in the project (the
                                     * annotation's own string: the project
                                     * holds it while the import runs) */
  guint            unsupported;
  guint            doc_labels;
} JsonlState;

typedef struct
{
  char *where;
  char *id, *label, *from, *to, *note, *author, *created, *modified;
} PendingLink;

static void
pending_link_free (gpointer data)
{
  PendingLink *p = data;

  g_free (p->where);
  g_free (p->id);
  g_free (p->label);
  g_free (p->from);
  g_free (p->to);
  g_free (p->note);
  g_free (p->author);
  g_free (p->created);
  g_free (p->modified);
  g_free (p);
}

static char *
where_of (JsonlState            *state,
          const CollateJsonPath *path)
{
  g_autofree char *p = path ? collate_json_path_to_string (path) : g_strdup ("");

  if (*p == '\0')
    return g_strdup_printf ("%s:%u", state->file, state->line);
  return g_strdup_printf ("%s:%u: %s", state->file, state->line, p);
}

static gboolean
fail (JsonlState            *state,
      GError               **error,
      int                    code,
      const CollateJsonPath *path,
      const char            *format,
      ...) G_GNUC_PRINTF (5, 6);

static gboolean
fail (JsonlState            *state,
      GError               **error,
      int                    code,
      const CollateJsonPath *path,
      const char            *format,
      ...)
{
  g_autofree char *where = where_of (state, path);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, COLLATE_ERROR, code, "%s: %s", where, message);
  return FALSE;
}

/* Re-raises an error from the JSON reader with the file and line in front */
static gboolean
located (JsonlState  *state,
         GError     **error,
         GError      *local_error)
{
  g_set_error (error, COLLATE_ERROR,
               local_error->domain == COLLATE_ERROR ? local_error->code : COLLATE_ERROR_INVALID,
               "%s:%u: %s", state->file, state->line, local_error->message);
  g_error_free (local_error);
  return FALSE;
}

/* @v, the member @name (or NULL), as an optional member of @type: absent
 * or null gives NULL */
static gboolean
opt_value (JsonlState              *state,
           const CollateJsonValue  *v,
           const char              *name,
           const CollateJsonPath   *parent,
           CollateJsonType          type,
           const CollateJsonValue **out,
           GError                 **error)
{
  CollateJsonPath path = COLLATE_JSON_PATH_MEMBER (parent, name);
  GError *local_error = NULL;

  *out = NULL;
  if (v == NULL || v->type == COLLATE_JSON_NULL)
    return TRUE;
  if (!collate_json_expect (v, type, &path, &local_error))
    return located (state, error, local_error);
  *out = v;
  return TRUE;
}

/* An optional member of @type: absent or null gives NULL */
static gboolean
opt_member (JsonlState              *state,
            const CollateJsonValue  *object,
            const char              *name,
            const CollateJsonPath   *parent,
            CollateJsonType          type,
            const CollateJsonValue **out,
            GError                 **error)
{
  return opt_value (state, collate_import_member (object, name), name, parent, type, out, error);
}

static gboolean
opt_string_value (JsonlState             *state,
                  const CollateJsonValue *v,
                  const char             *name,
                  const CollateJsonPath  *parent,
                  const char            **out,
                  GError                **error)
{
  if (!opt_value (state, v, name, parent, COLLATE_JSON_STRING, &v, error))
    return FALSE;
  *out = v != NULL ? v->v.string : NULL;
  return TRUE;
}

static gboolean
opt_string (JsonlState             *state,
            const CollateJsonValue *object,
            const char             *name,
            const CollateJsonPath  *parent,
            const char            **out,
            GError                **error)
{
  return opt_string_value (state, collate_import_member (object, name), name, parent, out, error);
}

/* The members of a span, found in one pass over its object (the first of
 * each name, as collate_import_member() finds it) */
enum
{
  SPAN_START, SPAN_END, SPAN_LABEL, SPAN_TEXT, SPAN_ID, SPAN_NOTE, SPAN_AUTHOR,
  SPAN_CREATED, SPAN_MODIFIED, SPAN_ATTRIBUTES, N_SPAN_MEMBERS
};

static const char *const span_member_names[N_SPAN_MEMBERS] = {
  "start", "end", "label", "text", "id", "note", "author", "created", "modified", "attributes",
};

static void
span_members (const CollateJsonValue  *object,
              const CollateJsonValue **members)
{
  memset (members, 0, N_SPAN_MEMBERS * sizeof *members);
  for (guint i = 0; i < object->length; i++)
    for (guint k = 0; k < N_SPAN_MEMBERS; k++)
      if (members[k] == NULL && strcmp (object->v.members[i].name, span_member_names[k]) == 0)
        {
          members[k] = &object->v.members[i].value;
          break;
        }
}

/* The line's member @name as an array: NULL when it is absent or null */
static inline gboolean
list_member (JsonlState              *state,
             const CollateJsonValue  *root,
             const char              *name,
             const CollateJsonValue **out,
             GError                 **error)
{
  return opt_member (state, root, name, NULL, COLLATE_JSON_ARRAY, out, error);
}

static gboolean
expect_object (JsonlState             *state,
               const CollateJsonValue *value,
               const CollateJsonPath  *path,
               GError                **error)
{
  GError *local_error = NULL;

  if (!collate_json_expect (value, COLLATE_JSON_OBJECT, path, &local_error))
    return located (state, error, local_error);
  return TRUE;
}

static gboolean
get_offset (JsonlState             *state,
            const CollateJsonValue *v,
            const CollateJsonPath  *path,
            gint64                 *out,
            GError                **error)
{
  GError *local_error = NULL;

  if (!collate_import_get_offset (v, path, out, &local_error))
    return located (state, error, local_error);
  return TRUE;
}

/* The span's "attributes": *out is NULL when there are none (most spans,
 * so no table is made for them) */
static gboolean
read_attributes (JsonlState              *state,
                 const CollateJsonValue  *member,
                 const CollateJsonPath   *parent,
                 GHashTable             **out,
                 GError                 **error)
{
  const CollateJsonValue *v;
  CollateJsonPath path = COLLATE_JSON_PATH_MEMBER (parent, "attributes");
  g_autoptr(GHashTable) attrs = NULL;
  GError *local_error = NULL;

  *out = NULL;
  if (!opt_value (state, member, "attributes", parent, COLLATE_JSON_OBJECT, &v, error))
    return FALSE;
  if (v == NULL || v->length == 0)
    return TRUE;
  attrs = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < v->length; i++)
    {
      CollateJsonPath item = COLLATE_JSON_PATH_MEMBER (&path, v->v.members[i].name);

      if (!collate_json_expect (&v->v.members[i].value, COLLATE_JSON_STRING, &item, &local_error))
        return located (state, error, local_error);
      g_hash_table_insert (attrs, (gpointer) v->v.members[i].name,
                           (gpointer) v->v.members[i].value.v.string);
    }
  *out = g_steal_pointer (&attrs);
  return TRUE;
}

static gboolean
add_span (JsonlState            *state,
          CollateDocument       *doc,
          const char            *source_id,
          gint64                 start,
          gint64                 end,
          const char            *label,
          const char            *quote,
          const char            *note,
          GHashTable            *attrs,
          const char            *author,
          const char            *created,
          const char            *modified,
          const CollateJsonPath *path,
          GHashTable            *line_ids,
          GError               **error)
{
  CollateAnnotation *a;

  if (source_id != NULL && g_hash_table_contains (state->span_ids, source_id))
    return fail (state, error, COLLATE_ERROR_EXISTS, path,
                 _("the span id “%s” is used twice; ids must be unique"), source_id);
  a = collate_importer_add_span (state->importer, doc, source_id, start, end, label, quote, note,
                                 attrs, author, created, modified, NULL, error);
  if (a == NULL)
    {
      g_autofree char *where = where_of (state, path);

      g_prefix_error (error, "%s: ", where);
      return FALSE;
    }
  if (source_id != NULL)
    {
      if (line_ids != NULL)
        g_hash_table_insert (line_ids, g_strdup (source_id), g_strdup (collate_annotation_get_id (a)));
      g_hash_table_insert (state->span_ids, g_strdup (source_id),
                           (gpointer) collate_annotation_get_id (a));
    }
  return TRUE;
}

/* ── Skipping a line's "tokens" without building it ──
 *
 * Prodigy and spaCy lines (and Collate's export) list every token of the
 * text: most of a line's bytes, and nothing Collate keeps.  Building all of
 * it as JSON values would double the time of an import, so the line is
 * scanned first: when its top-level "tokens" member is an array that this
 * scanner finds to be valid JSON (of the same strictness as the reader:
 * escapes, surrogate pairs, no \u0000, no control characters, numbers
 * without leading zeros, no duplicate members in its objects), the reader
 * parses the line without it ("tokens":[]).  Anything the scanner is unsure
 * of, and any line the reader refuses, is parsed again as it is, for the
 * reader to judge and to name the right column. */

#define SKIP_MAX_DEPTH   4   /* tokens is an array of flat objects */
#define SKIP_MAX_MEMBERS 16  /* compared pairwise for duplicates */

static inline const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
    p++;
  return p;
}

/* ASCII bytes that stand for themselves inside a JSON string */
static const guint8 plain_byte[256] = {
#define X16 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* '"' */
  X16,
  X16,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,   /* backslash */
  X16,
  X16,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
#undef X16
};

static inline gboolean
hex4 (const char *p,
      const char *end,
      guint      *out)
{
  guint u = 0;

  if (end - p < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);

      if (d < 0)
        return FALSE;
      u = (u << 4) | (guint) d;
    }
  *out = u;
  return TRUE;
}

/* Are all 8 bytes of @v plain ASCII (no control character, '"', '\\' or
 * byte from 0x80)?  (The usual "has a zero byte" and "has a byte less than
 * n" tests, exact for "any".) */
static inline gboolean
word_is_plain (guint64 v)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  guint64 quote = v ^ (ones * '"');
  guint64 backslash = v ^ (ones * '\\');

  return ((((quote - ones) & ~quote) |
           ((backslash - ones) & ~backslash) |
           ((v - ones * 0x20) & ~v) |
           v) & highs) == 0;
}

/* @p at the opening quote; returns the byte after the closing one, or NULL.
 * @plain is set when the string has no escapes. */
static const char *
skip_string (const char *p,
             const char *end,
             gboolean   *plain)
{
  *plain = TRUE;
  for (p++; p < end; p++)
    {
      guchar c;
      guint u, v;
      guint64 word;

      /* long runs of ASCII (a document's text) eight bytes at a time */
      while (end - p >= 8 && (memcpy (&word, p, 8), word_is_plain (word)))
        p += 8;
      while (p < end && plain_byte[(guchar) *p])
        p++;
      if (p >= end)
        return NULL;
      c = (guchar) *p;
      if (c == '"')
        return p + 1;
      if (c >= 0x80)
        {
          /* the file's UTF-8 is checked here, as the reader checks it */
          gunichar ch = g_utf8_get_char_validated (p, end - p);

          if (ch == (gunichar) -1 || ch == (gunichar) -2)
            return NULL;
          p += g_utf8_skip[c] - 1;
          continue;
        }
      if (c < 0x20)
        return NULL;
      if (c != '\\')
        continue;
      *plain = FALSE;
      if (++p >= end)
        return NULL;
      switch (*p)
        {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          break;
        case 'u':
          if (!hex4 (p + 1, end, &u) || u == 0 || (u >= 0xDC00 && u <= 0xDFFF))
            return NULL;
          p += 4;
          if (u >= 0xD800 && u <= 0xDBFF)
            {
              if (end - p < 7 || p[1] != '\\' || p[2] != 'u' || !hex4 (p + 3, end, &v) ||
                  v < 0xDC00 || v > 0xDFFF)
                return NULL;
              p += 6;
            }
          break;
        default:
          return NULL;
        }
    }
  return NULL;
}

static const char *
skip_number (const char *p,
             const char *end)
{
  if (p < end && *p == '-')
    p++;
  if (p >= end || !g_ascii_isdigit (*p))
    return NULL;
  if (*p == '0')
    p++;
  else
    while (p < end && g_ascii_isdigit (*p))
      p++;
  if (p < end && *p == '.')
    {
      if (++p >= end || !g_ascii_isdigit (*p))
        return NULL;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return NULL;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  return p;
}

static const char *skip_value (const char *p, const char *end, guint depth);

static const char *
skip_object (const char *p,
             const char *end,
             guint       depth)
{
  const char *names[SKIP_MAX_MEMBERS];
  gsize lengths[SKIP_MAX_MEMBERS];
  guint n = 0;

  p = skip_space (p + 1, end);
  if (p < end && *p == '}')
    return p + 1;
  for (;;)
    {
      const char *name = p;
      gboolean plain;

      if (p >= end || *p != '"' || n == SKIP_MAX_MEMBERS)
        return NULL;
      p = skip_string (p, end, &plain);
      if (p == NULL || !plain)
        return NULL;
      for (guint i = 0; i < n; i++)
        if (lengths[i] == (gsize) (p - name) && memcmp (names[i], name, p - name) == 0)
          return NULL;
      names[n] = name;
      lengths[n++] = p - name;
      p = skip_space (p, end);
      if (p >= end || *p != ':')
        return NULL;
      p = skip_value (skip_space (p + 1, end), end, depth);
      if (p == NULL)
        return NULL;
      p = skip_space (p, end);
      if (p < end && *p == '}')
        return p + 1;
      if (p >= end || *p != ',')
        return NULL;
      p = skip_space (p + 1, end);
    }
}

static const char *
skip_array (const char *p,
            const char *end,
            guint       depth)
{
  p = skip_space (p + 1, end);
  if (p < end && *p == ']')
    return p + 1;
  for (;;)
    {
      p = skip_value (p, end, depth);
      if (p == NULL)
        return NULL;
      p = skip_space (p, end);
      if (p < end && *p == ']')
        return p + 1;
      if (p >= end || *p != ',')
        return NULL;
      p = skip_space (p + 1, end);
    }
}

static const char *
skip_value (const char *p,
            const char *end,
            guint       depth)
{
  gboolean plain;

  if (p >= end)
    return NULL;
  switch (*p)
    {
    case '"':
      return skip_string (p, end, &plain);
    case '{':
      return depth < SKIP_MAX_DEPTH ? skip_object (p, end, depth + 1) : NULL;
    case '[':
      return depth < SKIP_MAX_DEPTH ? skip_array (p, end, depth + 1) : NULL;
    case 't':
      return end - p >= 4 && memcmp (p, "true", 4) == 0 ? p + 4 : NULL;
    case 'f':
      return end - p >= 5 && memcmp (p, "false", 5) == 0 ? p + 5 : NULL;
    case 'n':
      return end - p >= 4 && memcmp (p, "null", 4) == 0 ? p + 4 : NULL;
    default:
      return skip_number (p, end);
    }
}

/* A digit run as JSON writes a non-negative integer: "0" or no leading zero */
static inline const char *
skip_digits (const char *p,
             const char *end)
{
  if (p < end && *p == '0')
    return p + 1;
  if (p >= end || *p < '1' || *p > '9')
    return NULL;
  while (p < end && g_ascii_isdigit (*p))
    p++;
  return p;
}

static inline const char *
skip_literal (const char *p,
              const char *end,
              const char *literal,
              gsize       length)
{
  return (gsize) (end - p) >= length && memcmp (p, literal, length) == 0 ? p + length : NULL;
}

#define SKIP_LITERAL(p, end, lit) skip_literal ((p), (end), (lit), sizeof (lit) - 1)

/* The token exactly as Prodigy, spaCy and Collate write it without spaces,
 * {"text":"…","start":N,"end":N,"id":N,"ws":true}, in one pass; NULL for
 * anything else, which skip_value() then judges */
static const char *
skip_token (const char *p,
            const char *end)
{
  gboolean plain;

  if ((p = SKIP_LITERAL (p, end, "{\"text\":")) == NULL || p >= end || *p != '"' ||
      (p = skip_string (p, end, &plain)) == NULL ||
      (p = SKIP_LITERAL (p, end, ",\"start\":")) == NULL ||
      (p = skip_digits (p, end)) == NULL ||
      (p = SKIP_LITERAL (p, end, ",\"end\":")) == NULL ||
      (p = skip_digits (p, end)) == NULL ||
      (p = SKIP_LITERAL (p, end, ",\"id\":")) == NULL ||
      (p = skip_digits (p, end)) == NULL ||
      (p = SKIP_LITERAL (p, end, ",\"ws\":")) == NULL)
    return NULL;
  if (end - p >= 5 && memcmp (p, "true}", 5) == 0)
    return p + 5;
  if (end - p >= 6 && memcmp (p, "false}", 6) == 0)
    return p + 6;
  return NULL;
}

/* The tokens array: each token through skip_token() when it can */
static const char *
skip_tokens (const char *p,
             const char *end)
{
  p = skip_space (p + 1, end);
  if (p < end && *p == ']')
    return p + 1;
  for (;;)
    {
      const char *next = skip_token (p, end);

      p = next != NULL ? next : skip_value (p, end, 2);
      if (p == NULL)
        return NULL;
      p = skip_space (p, end);
      if (p < end && *p == ']')
        return p + 1;
      if (p >= end || *p != ',')
        return NULL;
      p = skip_space (p + 1, end);
    }
}

/* Finds the value of the top-level member "tokens" of the object in
 * [@line, @end) when it is a valid array: TRUE with [*from, *to) its
 * bytes, brackets included */
static gboolean
find_tokens (const char  *line,
             const char  *end,
             const char **from,
             const char **to)
{
  const char *p = skip_space (line, end);

  if (p >= end || *p != '{')
    return FALSE;
  p = skip_space (p + 1, end);
  while (p < end && *p == '"')
    {
      const char *name = p;
      const char *value;
      gboolean plain;

      p = skip_string (p, end, &plain);
      if (p == NULL)
        return FALSE;
      p = skip_space (p, end);
      if (p >= end || *p != ':')
        return FALSE;
      value = skip_space (p + 1, end);
      if (p - name >= 8 && memcmp (name, "\"tokens\"", 8) == 0 &&
          skip_space (name + 8, end) == p)
        {
          if (value >= end || *value != '[')
            return FALSE;
          p = skip_tokens (value, end);
          if (p == NULL)
            return FALSE;
          *from = value;
          *to = p;
          return TRUE;
        }
      /* another member: skip it as a whole (its own nesting is the
       * reader's to judge, so only well-formed values are passed over) */
      p = skip_value (value, end, 0);
      if (p == NULL)
        return FALSE;
      p = skip_space (p, end);
      if (p >= end || *p != ',')
        return FALSE;
      p = skip_space (p + 1, end);
    }
  return FALSE;
}

static gboolean
read_line (JsonlState             *state,
           const CollateJsonValue *root,
           GError                **error)
{
  const CollateJsonValue *text_v, *meta, *tokens, *spans, *doccano, *entities, *relations, *links;
  const char *id = NULL, *title = NULL, *source = NULL, *sha = NULL;
  CollateJsonPath meta_path = COLLATE_JSON_PATH_MEMBER (NULL, "meta");
  CollateDocument *doc;
  g_autofree char *where = NULL;
  /* ids of this line's spans and entities, for doccano "relations" only */
  g_autoptr(GHashTable) line_ids = collate_import_member (root, "relations") == NULL ? NULL
                                   : g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *doccano_key = "label";
  g_autofree char *id_owned = NULL;
  g_autoptr(GHashTable) metadata = NULL;

  if (root->type != COLLATE_JSON_OBJECT)
    return fail (state, error, COLLATE_ERROR_FORMAT, NULL,
                 _("expected a JSON object with a \"text\" member"));
  text_v = collate_import_member (root, "text");
  if (text_v == NULL || text_v->type != COLLATE_JSON_STRING)
    {
      CollateJsonPath p = COLLATE_JSON_PATH_MEMBER (NULL, "text");
      return fail (state, error, COLLATE_ERROR_INVALID, &p,
                   text_v == NULL ? _("missing (expected the document's text)")
                                  : _("expected a string"));
    }
  if (text_v->length == 0)
    {
      CollateJsonPath p = COLLATE_JSON_PATH_MEMBER (NULL, "text");
      return fail (state, error, COLLATE_ERROR_INVALID, &p, _("the text is empty"));
    }

  meta = collate_import_member (root, "meta");
  if (meta != NULL && meta->type != COLLATE_JSON_OBJECT && meta->type != COLLATE_JSON_NULL)
    return fail (state, error, COLLATE_ERROR_INVALID, &meta_path, _("expected an object"));
  if (meta == NULL || meta->type != COLLATE_JSON_OBJECT)
    meta = root, meta_path.member = NULL;
  /* meta is free-form in Prodigy and doccano: take what fits, ignore the rest */
  id_owned = collate_import_id_text (collate_import_member (meta, "id"));
  id = id_owned;
  title = collate_import_string_member (meta, "title");
  source = collate_import_string_member (meta, "source");
  sha = collate_import_string_member (meta, "sha256");
  {
    CollateJsonPath p = COLLATE_JSON_PATH_MEMBER (meta == root ? NULL : &meta_path, "metadata");
    GError *local_error = NULL;

    if (!collate_import_read_metadata (collate_import_member (meta, "metadata"), &p, &metadata,
                                       &local_error))
      return located (state, error, local_error);
  }

  where = where_of (state, NULL);
  doc = collate_importer_add_document (state->importer, id, title, source,
                                       text_v->v.string, text_v->length, metadata, where, error);
  if (doc == NULL)
    return FALSE;
  if (sha != NULL && g_ascii_strcasecmp (sha, collate_document_get_sha256 (doc)) != 0)
    {
      CollateJsonPath p = COLLATE_JSON_PATH_MEMBER (meta == root ? NULL : &meta_path, "sha256");
      return fail (state, error, COLLATE_ERROR_INVALID, &p,
                   _("does not match the text (its sha256 is %s)"),
                   collate_document_get_sha256 (doc));
    }

  /* Prodigy / spaCy tokens: not kept (Collate tokenizes when it exports),
   * but a line that has them must have a list */
  if (!list_member (state, root, "tokens", &tokens, error))
    return FALSE;

  /* Prodigy / spaCy / Collate spans */
  if (!list_member (state, root, "spans", &spans, error))
    return FALSE;
  if (spans != NULL)
    {
      CollateJsonPath sp = COLLATE_JSON_PATH_MEMBER (NULL, "spans");

      for (guint i = 0; i < spans->length; i++)
        {
          const CollateJsonValue *s = &spans->v.items[i];
          CollateJsonPath ip = COLLATE_JSON_PATH_ELEMENT (&sp, i);
          CollateJsonPath startp = COLLATE_JSON_PATH_MEMBER (&ip, "start");
          CollateJsonPath endp = COLLATE_JSON_PATH_MEMBER (&ip, "end");
          CollateJsonPath labelp = COLLATE_JSON_PATH_MEMBER (&ip, "label");
          const char *label = NULL, *quote = NULL, *sid = NULL, *note = NULL;
          const char *author = NULL, *created = NULL, *modified = NULL;
          g_autoptr(GHashTable) attrs = NULL;
          const CollateJsonValue *m[N_SPAN_MEMBERS];
          gint64 start, end;

          if (!expect_object (state, s, &ip, error))
            return FALSE;
          span_members (s, m);
          if (!get_offset (state, m[SPAN_START], &startp, &start, error) ||
              !get_offset (state, m[SPAN_END], &endp, &end, error) ||
              !opt_string_value (state, m[SPAN_LABEL], "label", &ip, &label, error) ||
              !opt_string_value (state, m[SPAN_TEXT], "text", &ip, &quote, error) ||
              !opt_string_value (state, m[SPAN_ID], "id", &ip, &sid, error) ||
              !opt_string_value (state, m[SPAN_NOTE], "note", &ip, &note, error) ||
              !opt_string_value (state, m[SPAN_AUTHOR], "author", &ip, &author, error) ||
              !opt_string_value (state, m[SPAN_CREATED], "created", &ip, &created, error) ||
              !opt_string_value (state, m[SPAN_MODIFIED], "modified", &ip, &modified, error))
            return FALSE;
          if (label == NULL)
            return fail (state, error, COLLATE_ERROR_INVALID, &labelp,
                         _("missing (expected the span's label)"));
          if (!read_attributes (state, m[SPAN_ATTRIBUTES], &ip, &attrs, error))
            return FALSE;
          if (!add_span (state, doc, sid, start, end, label, quote, note, attrs,
                         author, created, modified, &ip, line_ids, error))
            return FALSE;
        }
    }

  /* doccano sequence labeling: "label": [[start, end, "LABEL"], …] */
  doccano = collate_import_member (root, "label");
  if (doccano == NULL)
    {
      doccano = collate_import_member (root, "labels");
      doccano_key = "labels";
    }
  if (doccano != NULL && doccano->type == COLLATE_JSON_STRING)
    {
      /* a label of the whole text (Prodigy textcat): not a span */
      state->doc_labels++;
    }
  else if (doccano != NULL && doccano->type != COLLATE_JSON_NULL)
    {
      CollateJsonPath lp = COLLATE_JSON_PATH_MEMBER (NULL, doccano_key);
      GError *local_error = NULL;

      if (!collate_json_expect (doccano, COLLATE_JSON_ARRAY, &lp, &local_error))
        return located (state, error, local_error);
      for (guint i = 0; i < doccano->length; i++)
        {
          const CollateJsonValue *item = &doccano->v.items[i];
          CollateJsonPath ip = COLLATE_JSON_PATH_ELEMENT (&lp, i);
          gint64 start, end;

          if (item->type != COLLATE_JSON_ARRAY || item->length != 3 ||
              item->v.items[2].type != COLLATE_JSON_STRING)
            return fail (state, error, COLLATE_ERROR_INVALID, &ip,
                         _("expected [start, end, \"label\"]"));
          {
            CollateJsonPath p0 = COLLATE_JSON_PATH_ELEMENT (&ip, 0);
            CollateJsonPath p1 = COLLATE_JSON_PATH_ELEMENT (&ip, 1);

            if (!get_offset (state, &item->v.items[0], &p0, &start, error) ||
                !get_offset (state, &item->v.items[1], &p1, &end, error))
              return FALSE;
          }
          if (!add_span (state, doc, NULL, start, end, item->v.items[2].v.string, NULL, NULL,
                         NULL, NULL, NULL, NULL, &ip, NULL, error))
            return FALSE;
        }
    }

  /* doccano relation extraction: entities + relations */
  if (!list_member (state, root, "entities", &entities, error))
    return FALSE;
  if (entities != NULL)
    {
      CollateJsonPath ep = COLLATE_JSON_PATH_MEMBER (NULL, "entities");

      for (guint i = 0; i < entities->length; i++)
        {
          const CollateJsonValue *e = &entities->v.items[i];
          CollateJsonPath ip = COLLATE_JSON_PATH_ELEMENT (&ep, i);
          CollateJsonPath sp = COLLATE_JSON_PATH_MEMBER (&ip, "start_offset");
          CollateJsonPath xp = COLLATE_JSON_PATH_MEMBER (&ip, "end_offset");
          CollateJsonPath lp = COLLATE_JSON_PATH_MEMBER (&ip, "label");
          g_autofree char *eid = NULL;
          const char *label = NULL;
          gint64 start, end;
          CollateAnnotation *a;
          g_autofree char *w = NULL;

          if (!expect_object (state, e, &ip, error))
            return FALSE;
          if (!get_offset (state, collate_import_member (e, "start_offset"), &sp, &start, error) ||
              !get_offset (state, collate_import_member (e, "end_offset"), &xp, &end, error) ||
              !opt_string (state, e, "label", &ip, &label, error))
            return FALSE;
          if (label == NULL)
            return fail (state, error, COLLATE_ERROR_INVALID, &lp, _("missing (expected a string)"));
          eid = collate_import_id_text (collate_import_member (e, "id"));
          w = where_of (state, &ip);
          a = collate_importer_add_span (state->importer, doc, NULL, start, end, label, NULL, NULL,
                                         NULL, NULL, NULL, NULL, w, error);
          if (a == NULL)
            return FALSE;
          if (eid != NULL && line_ids != NULL)
            g_hash_table_insert (line_ids, g_strdup (eid), g_strdup (collate_annotation_get_id (a)));
        }
    }
  if (!list_member (state, root, "relations", &relations, error))
    return FALSE;
  if (relations != NULL)
    {
      CollateJsonPath rp = COLLATE_JSON_PATH_MEMBER (NULL, "relations");

      for (guint i = 0; i < relations->length; i++)
        {
          const CollateJsonValue *r = &relations->v.items[i];
          CollateJsonPath ip = COLLATE_JSON_PATH_ELEMENT (&rp, i);
          g_autofree char *from = NULL, *to = NULL;
          const char *type = NULL, *from_new, *to_new;
          g_autofree char *w = NULL;

          if (!expect_object (state, r, &ip, error))
            return FALSE;
          /* Prodigy's relations point at tokens ("head"/"child"): not ours */
          if (collate_import_member (r, "from_id") == NULL &&
              collate_import_member (r, "head") != NULL)
            {
              state->unsupported++;
              continue;
            }
          from = collate_import_id_text (collate_import_member (r, "from_id"));
          to = collate_import_id_text (collate_import_member (r, "to_id"));
          if (!opt_string (state, r, "type", &ip, &type, error))
            return FALSE;
          if (from == NULL || to == NULL || type == NULL)
            return fail (state, error, COLLATE_ERROR_INVALID, &ip,
                         _("expected \"from_id\", \"to_id\" and \"type\""));
          from_new = g_hash_table_lookup (line_ids, from);
          to_new = g_hash_table_lookup (line_ids, to);
          if (from_new == NULL || to_new == NULL)
            return fail (state, error, COLLATE_ERROR_NOT_FOUND, &ip,
                         _("refers to the entity %s, which this line does not have"),
                         from_new == NULL ? from : to);
          w = where_of (state, &ip);
          if (collate_importer_add_link (state->importer, NULL, type, from_new, to_new, NULL,
                                         NULL, NULL, NULL, w, error) == NULL)
            return FALSE;
        }
    }

  /* Collate links: resolved at the end */
  if (!list_member (state, root, "links", &links, error))
    return FALSE;
  if (links != NULL)
    {
      CollateJsonPath lp = COLLATE_JSON_PATH_MEMBER (NULL, "links");

      for (guint i = 0; i < links->length; i++)
        {
          const CollateJsonValue *l = &links->v.items[i];
          CollateJsonPath ip = COLLATE_JSON_PATH_ELEMENT (&lp, i);
          const char *lid = NULL, *label = NULL, *from = NULL, *to = NULL, *note = NULL;
          const char *author = NULL, *created = NULL, *modified = NULL;
          PendingLink *p;

          if (!expect_object (state, l, &ip, error))
            return FALSE;
          if (!opt_string (state, l, "id", &ip, &lid, error) ||
              !opt_string (state, l, "label", &ip, &label, error) ||
              !opt_string (state, l, "from", &ip, &from, error) ||
              !opt_string (state, l, "to", &ip, &to, error) ||
              !opt_string (state, l, "note", &ip, &note, error) ||
              !opt_string (state, l, "author", &ip, &author, error) ||
              !opt_string (state, l, "created", &ip, &created, error) ||
              !opt_string (state, l, "modified", &ip, &modified, error))
            return FALSE;
          if (label == NULL || from == NULL || to == NULL)
            return fail (state, error, COLLATE_ERROR_INVALID, &ip,
                         _("expected \"label\", \"from\" and \"to\""));
          p = g_new0 (PendingLink, 1);
          p->where = where_of (state, &ip);
          p->id = g_strdup (lid);
          p->label = g_strdup (label);
          p->from = g_strdup (from);
          p->to = g_strdup (to);
          p->note = g_strdup (note);
          p->author = g_strdup (author);
          p->created = g_strdup (created);
          p->modified = g_strdup (modified);
          g_ptr_array_add (state->pending_links, p);
        }
    }
  return TRUE;
}

/* ── Reading the file a line at a time ──
 *
 * A large local file is mapped: its lines are read in place, with no copy,
 * and the pages already read are handed back as the reader moves on (a
 * line with its tokens can be most of the file).  Anything else is read
 * in pieces into one buffer that holds the line being read. */

#define READ_CHUNK (8 << 20)

typedef struct
{
  GInputStream *stream;
  GCancellable *cancellable;
  const char   *name;
  char         *buf;
  gsize         cap;
  gsize         len;
  gsize         start;      /* of the next line */
  gsize         scanned;    /* no '\n' in [start, scanned) */
  guint64       consumed;   /* bytes of the file before buf */
  gboolean      eof;
  GMappedFile  *mapped;     /* buf is its contents, all of the file */
  gsize         released;   /* bytes of the mapping handed back */
  gsize         piece;      /* bytes asked for at a time: READ_CHUNK, or less
                             * for a small file (one byte more than it has,
                             * so that its end is seen in one read) */
} LineReader;

/* Maps a local file larger than one piece into @r; FALSE (and nothing
 * changed) when it is smaller or cannot be mapped */
static gboolean
line_reader_map (LineReader *r,
                 GFile      *file,
                 guint64     size)
{
  const char *path = g_file_peek_path (file);
  GMappedFile *mapped;

  if (size <= READ_CHUNK || path == NULL || (mapped = g_mapped_file_new (path, FALSE, NULL)) == NULL)
    return FALSE;
  if (g_mapped_file_get_length (mapped) == 0 || g_mapped_file_get_contents (mapped) == NULL)
    {
      g_mapped_file_unref (mapped);
      return FALSE;
    }
  r->mapped = mapped;
  r->buf = g_mapped_file_get_contents (mapped);
  r->cap = r->len = g_mapped_file_get_length (mapped);
  r->eof = TRUE;
  if (r->len >= 3 && memcmp (r->buf, "\xef\xbb\xbf", 3) == 0)
    r->start = r->scanned = 3;   /* a byte order mark */
#ifdef HAVE_MADVISE
  madvise (r->buf, r->len, MADV_SEQUENTIAL);
#endif
  return TRUE;
}

/* The lines before r->start are done with: a mapping gives their pages
 * back, so that memory holds only what is being read */
static void
line_reader_release (LineReader *r)
{
#ifdef HAVE_MADVISE
  gsize page = 4096 * 256;   /* a megabyte at a time */
  gsize upto = r->start / page * page;

  if (r->mapped != NULL && upto > r->released)
    {
      madvise (r->buf + r->released, upto - r->released, MADV_DONTNEED);
      r->released = upto;
    }
#else
  (void) r;
#endif
}

static void
line_reader_clear (LineReader *r)
{
  if (r->mapped != NULL)
    g_mapped_file_unref (r->mapped);
  else
    g_free (r->buf);
}

/* The next line, without its '\n', in [*line, *line + *n); *line is NULL
 * at the end of the file.  FALSE with @error when the file cannot be read. */
static gboolean
line_reader_next (LineReader  *r,
                  const char **line,
                  gsize       *n,
                  GError     **error)
{
  for (;;)
    {
      const char *nl = r->scanned < r->len
                       ? memchr (r->buf + r->scanned, '\n', r->len - r->scanned) : NULL;
      GError *local_error = NULL;
      gsize got = 0;

      if (nl != NULL || (r->eof && r->start < r->len))
        {
          gsize line_end = nl != NULL ? (gsize) (nl - r->buf) : r->len;

          *line = r->buf + r->start;
          *n = line_end - r->start;
          r->start = r->scanned = nl != NULL ? line_end + 1 : r->len;
          return TRUE;
        }
      if (r->eof)
        {
          *line = NULL;
          *n = 0;
          return TRUE;
        }
      r->scanned = r->len;
      /* the lines handed out are done with: keep only the partial one */
      if (r->start > 0)
        {
          memmove (r->buf, r->buf + r->start, r->len - r->start);
          r->consumed += r->start;
          r->len -= r->start;
          r->scanned -= r->start;
          r->start = 0;
        }
      if (r->cap - r->len < r->piece)
        {
          r->cap = MAX (r->cap * 2, r->len + r->piece);
          r->buf = g_realloc (r->buf, r->cap);
        }
      if (!g_input_stream_read_all (r->stream, r->buf + r->len, r->piece, &got,
                                    r->cancellable, &local_error))
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, local_error);
          else
            {
              g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED,
                           "%s: %s", r->name, local_error->message);
              g_error_free (local_error);
            }
          return FALSE;
        }
      if (r->consumed == 0 && r->len == 0 && got >= 3 && memcmp (r->buf, "\xef\xbb\xbf", 3) == 0)
        r->start = r->scanned = 3;   /* a byte order mark */
      r->len += got;
      r->eof = got < r->piece;
      if (r->len - r->start > COLLATE_MAX_LINE_SIZE)
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_TOO_LARGE,
                       _("%s: a line is longer than %llu MiB, "
                         "the most Collate reads at once"),
                       r->name, (unsigned long long) ((COLLATE_MAX_LINE_SIZE + 1) / (1024 * 1024)));
          return FALSE;
        }
    }
}

gboolean
collate_import_jsonl (CollateImporter  *importer,
                      GFile            *input,
                      GError          **error)
{
  g_autofree char *name = g_file_get_parse_name (input);
  g_autoptr(GInputStream) stream = NULL;
  LineReader reader = { NULL, };
  guint64 size = 0;
  guint64 kept = 0;
  JsonlState state = { importer, name, 0, NULL, NULL, 0, 0 };
  gboolean ok = FALSE;

  /* The JSON reader checks the UTF-8 of what it parses and the tokens scan
   * that of what it skips: no need to check the whole file first */
  stream = collate_importer_open_file (importer, input, &size, error);
  if (stream == NULL)
    return FALSE;
  reader.stream = stream;
  reader.cancellable = importer->cancellable;
  reader.name = name;
  /* the size may change while the file is read: a small file's piece only
   * makes the first read smaller */
  reader.piece = (gsize) MIN (size + 1, (guint64) READ_CHUNK);
  line_reader_map (&reader, input, size);

  state.pending_links = g_ptr_array_new_with_free_func (pending_link_free);
  state.span_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (;;)
    {
      const char *p, *line_end;
      gsize n;
      g_autoptr(CollateJsonDocument) json = NULL;
      GError *local_error = NULL;
      gboolean blank = TRUE;

      if (!line_reader_next (&reader, &p, &n, error))
        goto out;
      if (p == NULL)
        break;
      line_end = p + n;
      state.line++;
      for (gsize i = 0; i < n; i++)
        if (!g_ascii_isspace (p[i]))
          {
            blank = FALSE;
            break;
          }
      if (!blank)
        {
          const char *tokens_from, *tokens_to;

          gsize kept_here = n;

          if (find_tokens (p, line_end, &tokens_from, &tokens_to))
            {
              /* the line without its tokens: "tokens":[] */
              gsize head = tokens_from - p + 1;
              gsize tail = line_end - tokens_to + 1;
              char *copy;

              kept_here = head + tail;
              copy = g_malloc (head + tail + 1);

              memcpy (copy, p, head);
              memcpy (copy + head, tokens_to - 1, tail);
              json = collate_json_document_parse_take (copy, head + tail, COLLATE_MAX_DEPTH, NULL);
            }
          /* What a file holds besides its tokens (which are not kept) is
           * what the project will hold: no more than a project file can */
          kept += kept_here;
          if (kept > COLLATE_MAX_FILE_SIZE)
            {
              g_clear_pointer (&json, collate_json_document_free);
              g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_TOO_LARGE,
                           _("%s:%u: the file holds more than %llu MiB besides "
                             "its tokens, more than one project can; split it into smaller files"),
                           name, state.line,
                           (unsigned long long) (COLLATE_MAX_FILE_SIZE / (1024 * 1024)));
              goto out;
            }
          /* without tokens, or with an error: the line as it is, so that
           * the reader's message names the right column */
          if (json == NULL)
            json = collate_json_document_parse_line (p, n, COLLATE_MAX_DEPTH, &local_error);
          if (json == NULL)
            {
              located (&state, error, local_error);
              goto out;
            }
          if (!read_line (&state, collate_json_document_get_root (json), error))
            goto out;
        }
      line_reader_release (&reader);
      if (g_cancellable_set_error_if_cancelled (importer->cancellable, error))
        goto out;
      collate_importer_progress (importer, MIN (1.0, (double) (reader.consumed + reader.start) /
                                                     (double) MAX (size, 1)));
    }

  for (guint i = 0; i < state.pending_links->len; i++)
    {
      PendingLink *l = g_ptr_array_index (state.pending_links, i);
      const char *from = g_hash_table_lookup (state.span_ids, l->from);
      const char *to = g_hash_table_lookup (state.span_ids, l->to);

      if (from == NULL || to == NULL)
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                       _("%s: the link refers to the span “%s”, which the file does not have"),
                       l->where, from == NULL ? l->from : l->to);
          goto out;
        }
      if (collate_importer_add_link (importer, l->id, l->label, from, to, l->note, l->author,
                                     l->created, l->modified, l->where, error) == NULL)
        goto out;
    }

  collate_export_report_add (importer->report, "jsonl-token-relations", state.unsupported,
                             _("Relations between tokens (Prodigy \"head\"/\"child\"), not imported"));
  collate_export_report_add (importer->report, "jsonl-document-labels", state.doc_labels,
                             _("Labels of whole texts (\"label\": \"…\"), not imported"));
  ok = TRUE;

out:
  line_reader_clear (&reader);
  g_ptr_array_unref (state.pending_links);
  g_hash_table_unref (state.span_ids);
  return ok;
}
