/* collate-json-reader.c — a strict JSON parser with checked accessors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/mman.h>

#include <glib/gi18n.h>
#include <stdarg.h>
#include <string.h>

#include "collate-json-reader.h"
#include "collate-text.h"

#define CHUNK_SIZE   (4 * 1024 * 1024)
#define MAX_LENGTH   ((gsize) G_MAXUINT32)

struct _CollateJsonDocument
{
  char             *buffer;  /* the text, strings NUL-terminated in place */
  GPtrArray        *chunks;  /* memory for values and unescaped strings */
  char             *chunk_pos;
  gsize             chunk_left;
  gsize             chunk_size;  /* of the next chunk: small for a small text */
  CollateJsonValue  root;
};

typedef struct
{
  CollateJsonDocument *doc;
  const char          *start;
  char                *p;
  const char          *end;  /* *end == '\0' */
  guint                max_depth;
  GArray              *items;    /* CollateJsonValue scratch stack */
  GArray              *members;  /* CollateJsonMember scratch stack */
  GHashTable          *names;    /* for duplicate checks in big objects */
  gboolean             one_line; /* a record of a JSON Lines file */
} Parser;

static gboolean parse_value (Parser                *parser,
                             CollateJsonValue      *out,
                             const CollateJsonPath *path,
                             guint                  depth,
                             GError               **error);

/* ── Memory ── */

void
collate_advise_huge_pages (gpointer data,
                           gsize    size)
{
#ifdef MADV_HUGEPAGE
  const guintptr huge = 2 * 1024 * 1024;
  guintptr start = ((guintptr) data + huge - 1) & ~(huge - 1);
  guintptr end = ((guintptr) data + size) & ~(huge - 1);

  if (end > start)
    (void) madvise ((gpointer) start, end - start, MADV_HUGEPAGE);
#endif
}

static gpointer
doc_alloc (CollateJsonDocument *doc,
           gsize                size)
{
  gpointer ret;

  size = (size + 7) & ~(gsize) 7;
  if (size > doc->chunk_left)
    {
      if (size >= doc->chunk_size / 4)
        {
          /* A big block of its own, so that the current chunk stays usable */
          ret = g_malloc (size);
          g_ptr_array_add (doc->chunks, ret);
          return ret;
        }
      doc->chunk_pos = g_malloc (doc->chunk_size);
      collate_advise_huge_pages (doc->chunk_pos, doc->chunk_size);
      doc->chunk_left = doc->chunk_size;
      doc->chunk_size = CHUNK_SIZE;
      g_ptr_array_add (doc->chunks, doc->chunk_pos);
    }
  ret = doc->chunk_pos;
  doc->chunk_pos += size;
  doc->chunk_left -= size;
  return ret;
}

void
collate_json_document_free (CollateJsonDocument *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->chunks);
  g_free (self->buffer);
  g_free (self);
}

const CollateJsonValue *
collate_json_document_get_root (CollateJsonDocument *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->root;
}

/* ── Paths and errors ── */

static gboolean
is_identifier (const char *name)
{
  if (name[0] == '\0' || g_ascii_isdigit (name[0]))
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

static void
append_quoted (GString    *s,
               const char *text,
               gsize       max_chars)
{
  gsize n = 0;

  g_string_append_c (s, '"');
  for (const char *p = text; *p; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == max_chars)
        {
          g_string_append (s, "…");
          break;
        }
      if (c == '"' || c == '\\')
        g_string_append_printf (s, "\\%c", (char) c);
      else if (c == '\n')
        g_string_append (s, "\\n");
      else if (collate_text_is_unsafe_to_show (c))
        g_string_append_printf (s, "\\u%04x", c);
      else
        g_string_append_unichar (s, c);
    }
  g_string_append_c (s, '"');
}

char *
collate_json_path_to_string (const CollateJsonPath *path)
{
  g_autoptr(GPtrArray) frames = g_ptr_array_new ();
  GString *s = g_string_new (NULL);

  for (const CollateJsonPath *f = path; f != NULL; f = f->parent)
    g_ptr_array_add (frames, (gpointer) f);

  for (guint k = frames->len; k > 0; k--)
    {
      const CollateJsonPath *f = g_ptr_array_index (frames, k - 1);
      guint level = frames->len - k;

      /* Very deep paths keep their outermost and innermost parts */
      if (frames->len > 12 && level >= 6 && k > 3)
        {
          if (level == 6)
            g_string_append (s, "…");
          continue;
        }

      if (f->member == NULL)
        g_string_append_printf (s, "[%" G_GSIZE_FORMAT "]", f->index);
      else if (is_identifier (f->member) && strlen (f->member) <= 40)
        {
          if (s->len > 0)
            g_string_append_c (s, '.');
          g_string_append (s, f->member);
        }
      else
        {
          g_string_append_c (s, '[');
          append_quoted (s, f->member, 40);
          g_string_append_c (s, ']');
        }
    }

  return g_string_free (s, FALSE);
}

static char *
format_message (const CollateJsonPath *path,
                const char            *message)
{
  g_autofree char *where = collate_json_path_to_string (path);

  if (where[0] == '\0')
    return g_strdup (message);
  return g_strdup_printf ("%s: %s", where, message);
}

void
collate_json_set_error (GError                **error,
                        int                     code,
                        const CollateJsonPath  *path,
                        const char             *format,
                        ...)
{
  g_autofree char *message = NULL;
  g_autofree char *full = NULL;
  va_list args;

  if (error == NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  full = format_message (path, message);
  g_set_error_literal (error, COLLATE_ERROR, code, full);
}

void
collate_json_prefix_error (GError                **error,
                           const CollateJsonPath  *path)
{
  g_autofree char *where = NULL;

  if (error == NULL || *error == NULL)
    return;
  where = collate_json_path_to_string (path);
  if (where[0] != '\0')
    g_prefix_error (error, "%s: ", where);
}

const char *
collate_json_type_name (CollateJsonType type)
{
  switch (type)
    {
    case COLLATE_JSON_NULL:
      return "null";
    case COLLATE_JSON_BOOLEAN:
      return _("true or false");
    case COLLATE_JSON_INTEGER:
      return _("an integer");
    case COLLATE_JSON_NUMBER:
      return _("a number");
    case COLLATE_JSON_STRING:
      return _("a string");
    case COLLATE_JSON_ARRAY:
      return _("an array");
    case COLLATE_JSON_OBJECT:
      return _("an object");
    default:
      return _("a value");
    }
}

char *
collate_json_describe (const CollateJsonValue *value)
{
  if (value == NULL)
    return g_strdup (_("nothing"));
  switch (value->type)
    {
    case COLLATE_JSON_BOOLEAN:
      return g_strdup (value->v.boolean ? "true" : "false");
    case COLLATE_JSON_INTEGER:
    case COLLATE_JSON_NUMBER:
      if (value->length > 40)
        return g_strdup_printf ("%.40s…", value->v.number.text);
      return g_strndup (value->v.number.text, value->length);
    case COLLATE_JSON_NULL:
    case COLLATE_JSON_STRING:
    case COLLATE_JSON_ARRAY:
    case COLLATE_JSON_OBJECT:
    default:
      return g_strdup (collate_json_type_name (value->type));
    }
}

gboolean
collate_json_expect (const CollateJsonValue *value,
                     CollateJsonType         type,
                     const CollateJsonPath  *path,
                     GError                **error)
{
  g_autofree char *found = NULL;

  if (G_LIKELY (value != NULL && value->type == type))
    return TRUE;

  if (value == NULL)
    {
      collate_json_set_error (error, COLLATE_ERROR_INVALID, path,
                              _("missing (expected %s)"), collate_json_type_name (type));
      return FALSE;
    }
  found = collate_json_describe (value);
  collate_json_set_error (error, COLLATE_ERROR_INVALID, path,
                          _("expected %s, found %s"),
                          collate_json_type_name (type), found);
  return FALSE;
}

gboolean
collate_json_get_uint (const CollateJsonValue *value,
                       guint64                 max,
                       const CollateJsonPath  *path,
                       guint64                *out,
                       GError                **error)
{
  g_autofree char *found = NULL;
  gboolean integral;

  if (G_UNLIKELY (value == NULL))
    {
      collate_json_set_error (error, COLLATE_ERROR_INVALID, path,
                              _("missing (expected an integer)"));
      return FALSE;
    }
  if (G_LIKELY (value->type == COLLATE_JSON_INTEGER
                && value->v.number.value >= 0
                && (guint64) value->v.number.value <= max))
    {
      *out = (guint64) value->v.number.value;
      return TRUE;
    }

  if (value->type != COLLATE_JSON_INTEGER && value->type != COLLATE_JSON_NUMBER)
    return collate_json_expect (value, COLLATE_JSON_INTEGER, path, error);
  found = collate_json_describe (value);
  integral = (value->type == COLLATE_JSON_INTEGER
              || (value->type == COLLATE_JSON_NUMBER && strpbrk (found, ".eE") == NULL));
  if (integral && value->v.number.text[0] == '-')
    collate_json_set_error (error, COLLATE_ERROR_INVALID, path,
                            _("expected a non-negative integer, found %s"), found);
  else if (integral)
    collate_json_set_error (error, COLLATE_ERROR_INVALID, path,
                            _("%s is too large (at most %llu)"),
                            found, (unsigned long long) max);
  else
    collate_json_set_error (error, COLLATE_ERROR_INVALID, path,
                            _("expected an integer, found %s"), found);
  return FALSE;
}

/* ── Object reader ── */

static const CollateJsonValue empty_object = { COLLATE_JSON_OBJECT, 0, { 0 } };

gboolean
collate_json_object_reader_init (CollateJsonObjectReader *reader,
                                 const CollateJsonValue  *value,
                                 const CollateJsonPath   *path,
                                 GError                 **error)
{
  /* A reader over anything but an object (a missing member, null, a
   * string…) reads as an empty object: lookups find nothing, so a caller
   * that goes on after the error still touches no memory it should not */
  reader->object = value != NULL && value->type == COLLATE_JSON_OBJECT ? value : &empty_object;
  reader->path = path;
  reader->cursor = 0;
  reader->n_read = 0;
  reader->seen = 0;
  return collate_json_expect (value, COLLATE_JSON_OBJECT, path, error);
}

const CollateJsonValue *
collate_json_object_reader_lookup (CollateJsonObjectReader *reader,
                                   const char              *name)
{
  const CollateJsonValue *object = reader->object;
  guint n = object->length;

  for (guint k = 0; k < n; k++)
    {
      guint i = reader->cursor + k;
      const CollateJsonMember *member;

      if (i >= n)
        i -= n;
      member = &object->v.members[i];
      if (strcmp (member->name, name) == 0)
        {
          if (i < 64)
            reader->seen |= G_GUINT64_CONSTANT (1) << i;
          reader->cursor = i + 1 < n ? i + 1 : 0;
          reader->n_read++;
          return &member->value;
        }
    }
  return NULL;
}

const CollateJsonValue *
collate_json_object_reader_get (CollateJsonObjectReader *reader,
                                const char              *name,
                                CollateJsonType          type,
                                GError                 **error)
{
  const CollateJsonValue *value = collate_json_object_reader_lookup (reader, name);
  CollateJsonPath path = COLLATE_JSON_PATH_MEMBER (reader->path, name);

  if (value == NULL)
    {
      collate_json_set_error (error, COLLATE_ERROR_INVALID, &path,
                              _("missing (expected %s)"),
                              collate_json_type_name (type));
      return NULL;
    }
  if (!collate_json_expect (value, type, &path, error))
    return NULL;
  return value;
}

const char *
collate_json_object_reader_get_string (CollateJsonObjectReader *reader,
                                       const char              *name,
                                       GError                 **error)
{
  const CollateJsonValue *value;

  value = collate_json_object_reader_get (reader, name, COLLATE_JSON_STRING, error);
  return value != NULL ? value->v.string : NULL;
}

gboolean
collate_json_object_reader_get_uint (CollateJsonObjectReader *reader,
                                     const char              *name,
                                     guint64                  max,
                                     guint64                 *out,
                                     GError                 **error)
{
  const CollateJsonValue *value = collate_json_object_reader_lookup (reader, name);
  CollateJsonPath path = COLLATE_JSON_PATH_MEMBER (reader->path, name);

  if (value == NULL)
    {
      collate_json_set_error (error, COLLATE_ERROR_INVALID, &path,
                              _("missing (expected an integer)"));
      return FALSE;
    }
  if (value->type != COLLATE_JSON_INTEGER && value->type != COLLATE_JSON_NUMBER)
    return collate_json_expect (value, COLLATE_JSON_INTEGER, &path, error);
  return collate_json_get_uint (value, max, &path, out, error);
}

gboolean
collate_json_object_reader_get_optional_string (CollateJsonObjectReader *reader,
                                                const char              *name,
                                                const char             **out,
                                                GError                 **error)
{
  const CollateJsonValue *value = collate_json_object_reader_lookup (reader, name);
  CollateJsonPath path = COLLATE_JSON_PATH_MEMBER (reader->path, name);

  if (value == NULL)
    return TRUE;
  if (!collate_json_expect (value, COLLATE_JSON_STRING, &path, error))
    return FALSE;
  *out = value->v.string;
  return TRUE;
}

gboolean
collate_json_object_reader_finish (CollateJsonObjectReader *reader,
                                   GError                 **error)
{
  const CollateJsonValue *object = reader->object;
  guint n_unknown;

  if (G_LIKELY (reader->n_read == object->length))
    return TRUE;

  /* Name the first member nobody asked for; only the first 64 members are
   * tracked, which is more than any object of ours has */
  for (guint i = 0; i < MIN (object->length, 64); i++)
    if ((reader->seen & (G_GUINT64_CONSTANT (1) << i)) == 0)
      {
        CollateJsonPath path = COLLATE_JSON_PATH_MEMBER (reader->path,
                                                         object->v.members[i].name);

        collate_json_set_error (error, COLLATE_ERROR_INVALID, &path,
                                _("unknown field (misspelt, or written by another program?)"));
        return FALSE;
      }

  n_unknown = object->length - reader->n_read;
  collate_json_set_error (error, COLLATE_ERROR_INVALID, reader->path,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u field is unknown (misspelt, or written by another program?)",
                                       "%u fields are unknown (misspelt, or written by another program?)",
                                       n_unknown),
                          n_unknown);
  return FALSE;
}

/* ── The parser ── */

static inline char *
skip_space (char *p)
{
  while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
    p++;
  return p;
}

static void
position_of (const char *start,
             const char *at,
             guint      *line,
             guint      *column)
{
  const char *line_start = start;

  *line = 1;
  for (const char *p = start; p < at; p++)
    if (*p == '\n')
      {
        (*line)++;
        line_start = p + 1;
      }
  *column = 1;
  for (const char *p = line_start; p < at; p++)
    if ((*p & 0xc0) != 0x80)
      (*column)++;
}

/* What is at @at, for "found …" */
static char *
describe_at (Parser     *parser,
             const char *at)
{
  guchar c = *at;

  if (at >= parser->end)
    return g_strdup (_("the end of the file"));
  if (c < 0x20 || c == 0x7f)
    return g_strdup_printf (_("a control character (U+%04X)"), c);
  if (c < 0x80)
    {
      gsize n = 0;

      while (n < 12 && at + n < parser->end
             && (g_ascii_isalnum (at[n]) || at[n] == '_'))
        n++;
      if (n == 0)
        n = 1;
      return g_strdup_printf ("\"%.*s\"", (int) n, at);
    }
  if ((gint32) g_utf8_get_char_validated (at, parser->end - at) < 0)
    return g_strdup (_("a byte that is not UTF-8"));
  return g_strdup_printf ("\"%.*s\"", (int) g_utf8_skip[c], at);
}

static void syntax_error (Parser                *parser,
                          GError               **error,
                          int                    code,
                          const CollateJsonPath *path,
                          const char            *at,
                          const char            *format,
                          ...) G_GNUC_PRINTF (6, 7);

static void
syntax_error (Parser                *parser,
              GError               **error,
              int                    code,
              const CollateJsonPath *path,
              const char            *at,
              const char            *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;
  guint line, column;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  position_of (parser->start, at, &line, &column);
  /* A JSON Lines record: its file's line is named by the caller */
  if (parser->one_line && at >= parser->end)
    collate_json_set_error (error, code, path,
                            _("the line ends unexpectedly (is it cut short?): %s"), message);
  else if (parser->one_line && code == COLLATE_ERROR_PARSE)
    collate_json_set_error (error, code, path, _("not valid JSON at column %u: %s"),
                            column, message);
  else if (parser->one_line)
    collate_json_set_error (error, code, path, _("%s (column %u)"), message, column);
  else if (at >= parser->end)
    collate_json_set_error (error, code, path,
                            _("the file ends unexpectedly at line %u (is it truncated?): %s"),
                            line, message);
  else if (code == COLLATE_ERROR_PARSE)
    collate_json_set_error (error, code, path,
                            _("not valid JSON at line %u, column %u: %s"),
                            line, column, message);
  else
    collate_json_set_error (error, code, path, _("%s (line %u, column %u)"),
                            message, line, column);
}

static void
unexpected (Parser                *parser,
            GError               **error,
            const CollateJsonPath *path,
            const char            *at,
            const char            *expected)
{
  g_autofree char *found = NULL;

  if (at >= parser->end)
    {
      syntax_error (parser, error, COLLATE_ERROR_PARSE, path, at,
                    _("expected %s"), expected);
      return;
    }
  found = describe_at (parser, at);
  syntax_error (parser, error, COLLATE_ERROR_PARSE, path, at,
                _("expected %s, found %s"), expected, found);
}

static gboolean
read_hex4 (const char *p,
           gunichar   *out)
{
  gunichar u = 0;

  for (guint i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);

      if (d < 0)
        return FALSE;
      u = (u << 4) | (gunichar) d;
    }
  *out = u;
  return TRUE;
}

/* Decodes the escapes of the string [@from, @to) into new memory */
static gboolean
unescape (Parser                *parser,
          const char            *from,
          const char            *to,
          const char           **out,
          guint                 *length,
          const CollateJsonPath *path,
          GError               **error)
{
  char *dest = doc_alloc (parser->doc, (to - from) + 1);
  char *w = dest;
  const char *q = from;

  while (q < to)
    {
      const char *escape = memchr (q, '\\', to - q);
      gunichar u;

      if (escape == NULL)
        escape = to;
      memcpy (w, q, escape - q);
      w += escape - q;
      q = escape;
      if (q == to)
        break;

      switch (q[1])
        {
        case '"': *w++ = '"'; q += 2; break;
        case '\\': *w++ = '\\'; q += 2; break;
        case '/': *w++ = '/'; q += 2; break;
        case 'b': *w++ = '\b'; q += 2; break;
        case 'f': *w++ = '\f'; q += 2; break;
        case 'n': *w++ = '\n'; q += 2; break;
        case 'r': *w++ = '\r'; q += 2; break;
        case 't': *w++ = '\t'; q += 2; break;
        case 'u':
          if (!read_hex4 (q + 2, &u))
            {
              syntax_error (parser, error, COLLATE_ERROR_PARSE, path, q,
                            _("\\u must be followed by four hexadecimal digits"));
              return FALSE;
            }
          if (u >= 0xd800 && u <= 0xdbff)
            {
              gunichar low;

              if (q[6] == '\\' && q[7] == 'u' && read_hex4 (q + 8, &low)
                  && low >= 0xdc00 && low <= 0xdfff)
                {
                  u = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
                  q += 6;
                }
              else
                u = 0xdc00;  /* reported below */
            }
          if (u >= 0xdc00 && u <= 0xdfff)
            {
              syntax_error (parser, error, COLLATE_ERROR_ENCODING, path, q,
                            _("\\u%.4s is half of a surrogate pair without its other half, "
                            "which is not valid Unicode"), q + 2);
              return FALSE;
            }
          if (u == 0)
            {
              syntax_error (parser, error, COLLATE_ERROR_ENCODING, path, q,
                            _("a string contains \\u0000 (a NUL character), "
                            "which Collate does not accept"));
              return FALSE;
            }
          w += g_unichar_to_utf8 (u, w);
          q += 6;
          break;
        default:
          {
            g_autofree char *found = describe_at (parser, q + 1);

            syntax_error (parser, error, COLLATE_ERROR_PARSE, path, q,
                          _("invalid escape: a backslash followed by %s"), found);
            return FALSE;
          }
        }
    }

  *w = '\0';
  *out = dest;
  *length = w - dest;
  return TRUE;
}

/* Bytes that stand for themselves inside a string: printable ASCII but
 * the quote and the backslash */
static const guint8 plain_ascii[256] = {
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* parser->p is at the opening quote */
static gboolean
parse_string (Parser                *parser,
              const char           **out,
              guint                 *length,
              const CollateJsonPath *path,
              GError               **error)
{
  char *start = parser->p + 1;
  char *p = start;
  gboolean escaped = FALSE;

  for (;;)
    {
      guchar c;

      /* The common case first: a run of plain ASCII */
      while (plain_ascii[(guchar) *p])
        p++;
      c = *p;

      if (c >= 0x20 && c < 0x80)
        {
          if (c == '"')
            break;
          if (c == '\\')
            {
              escaped = TRUE;
              if (p[1] >= 0x20 && (guchar) p[1] < 0x80)
                p++;
            }
          p++;
        }
      else if (c >= 0x80)
        {
          gunichar u = g_utf8_get_char_validated (p, parser->end - p);

          if (u == (gunichar) -2)
            {
              /* A character cut short by the end of the file */
              syntax_error (parser, error, COLLATE_ERROR_PARSE, path, parser->end,
                            _("a string is not closed"));
              return FALSE;
            }
          if (u == (gunichar) -1)
            {
              guint line, column;

              position_of (parser->start, p, &line, &column);
              if (parser->one_line)
                collate_json_set_error (error, COLLATE_ERROR_ENCODING, path,
                                        _("not valid UTF-8 at byte %zu "
                                          "of the line (column %u)"),
                                        (gsize) (p - parser->start), column);
              else
                collate_json_set_error (error, COLLATE_ERROR_ENCODING, path,
                                        _("not valid UTF-8 at byte %zu (line %u, column %u)"),
                                        (gsize) (p - parser->start), line, column);
              return FALSE;
            }
          p += g_utf8_skip[c];
        }
      else if (p >= parser->end)
        {
          syntax_error (parser, error, COLLATE_ERROR_PARSE, path, p,
                        _("a string is not closed"));
          return FALSE;
        }
      else if (c == '\n')
        {
          syntax_error (parser, error, COLLATE_ERROR_PARSE, path, p,
                        _("a line break inside a string (is a closing quote missing?)"));
          return FALSE;
        }
      else
        {
          syntax_error (parser, error, COLLATE_ERROR_PARSE, path, p,
                        _("a control character (U+%04X) inside a string must be "
                        "written as an escape"), c);
          return FALSE;
        }
    }

  parser->p = p + 1;
  if (G_LIKELY (!escaped))
    {
      *p = '\0';
      *out = start;
      *length = p - start;
      return TRUE;
    }
  return unescape (parser, start, p, out, length, path, error);
}

static gboolean
parse_number (Parser                *parser,
              CollateJsonValue      *out,
              const CollateJsonPath *path,
              GError               **error)
{
  char *p = parser->p;
  gboolean negative = FALSE;
  gboolean integer = TRUE;
  guint digits = 0;
  guint64 value = 0;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (*p == '0')
    {
      p++;
      digits = 1;
      if (g_ascii_isdigit (*p))
        {
          syntax_error (parser, error, COLLATE_ERROR_PARSE, path, parser->p,
                        _("a number must not start with 0"));
          return FALSE;
        }
    }
  else if (*p >= '1' && *p <= '9')
    {
      for (; g_ascii_isdigit (*p); p++, digits++)
        if (digits < 19)
          value = value * 10 + (guint64) (*p - '0');
    }
  else
    {
      unexpected (parser, error, path, p, _("a digit after \"-\""));
      return FALSE;
    }

  if (*p == '.')
    {
      integer = FALSE;
      p++;
      if (!g_ascii_isdigit (*p))
        {
          unexpected (parser, error, path, p, _("a digit after the decimal point"));
          return FALSE;
        }
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p == 'e' || *p == 'E')
    {
      integer = FALSE;
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        {
          unexpected (parser, error, path, p, _("a digit in the exponent"));
          return FALSE;
        }
      while (g_ascii_isdigit (*p))
        p++;
    }

  out->v.number.text = parser->p;
  out->length = p - parser->p;
  if (integer && digits <= 18)
    {
      out->type = COLLATE_JSON_INTEGER;
      out->v.number.value = negative ? -(gint64) value : (gint64) value;
    }
  else
    {
      out->type = COLLATE_JSON_NUMBER;
      out->v.number.value = 0;
    }
  parser->p = p;
  return TRUE;
}

static gboolean
check_depth (Parser                *parser,
             const CollateJsonPath *path,
             guint                  depth,
             GError               **error)
{
  if (G_LIKELY (depth < parser->max_depth))
    return TRUE;
  syntax_error (parser, error, COLLATE_ERROR_TOO_LARGE, path, parser->p,
                _("nested more than %u levels deep"), parser->max_depth);
  return FALSE;
}

static gboolean
parse_object (Parser                *parser,
              CollateJsonValue      *out,
              const CollateJsonPath *path,
              guint                  depth,
              GError               **error)
{
  guint base = parser->members->len;
  guint n;
  char *p;

  if (!check_depth (parser, path, depth, error))
    return FALSE;

  p = skip_space (parser->p + 1);
  if (*p != '}')
    for (;;)
      {
        CollateJsonMember member;
        CollateJsonPath child;

        if (*p != '"')
          {
            unexpected (parser, error, path, p,
                        parser->members->len == base
                        ? _("a member name in double quotes or \"}\"")
                        : _("a member name in double quotes"));
            goto fail;
          }
        parser->p = p;
        if (!parse_string (parser, &member.name, &n, path, error))
          goto fail;
        p = skip_space (parser->p);
        if (*p != ':')
          {
            unexpected (parser, error, path, p, _("\":\" after a member name"));
            goto fail;
          }
        parser->p = p + 1;
        child = (CollateJsonPath) COLLATE_JSON_PATH_MEMBER (path, member.name);
        if (!parse_value (parser, &member.value, &child, depth + 1, error))
          goto fail;
        g_array_append_val (parser->members, member);

        p = skip_space (parser->p);
        if (*p == ',')
          {
            p = skip_space (p + 1);
            continue;
          }
        if (*p == '}')
          break;
        unexpected (parser, error, path, p, _("\",\" or \"}\" after a member"));
        goto fail;
      }
  parser->p = p + 1;

  n = parser->members->len - base;
  {
    CollateJsonMember *members = n > 0 ? &g_array_index (parser->members, CollateJsonMember, base)
                                       : NULL;
    const char *duplicate = NULL;

    if (n <= 16)
      {
        for (guint i = 1; i < n && duplicate == NULL; i++)
          for (guint j = 0; j < i; j++)
            if (members[i].name[0] == members[j].name[0]
                && strcmp (members[i].name, members[j].name) == 0)
              {
                duplicate = members[i].name;
                break;
              }
      }
    else
      {
        g_hash_table_remove_all (parser->names);
        for (guint i = 0; i < n; i++)
          if (!g_hash_table_add (parser->names, (gpointer) members[i].name))
            {
              duplicate = members[i].name;
              break;
            }
      }
    if (duplicate != NULL)
      {
        CollateJsonPath child = COLLATE_JSON_PATH_MEMBER (path, duplicate);

        collate_json_set_error (error, COLLATE_ERROR_INVALID, &child,
                                _("appears more than once in the same object"));
        goto fail;
      }

    out->type = COLLATE_JSON_OBJECT;
    out->length = n;
    out->v.members = doc_alloc (parser->doc, MAX (n, 1) * sizeof (CollateJsonMember));
    if (n > 0)
      memcpy (out->v.members, members, n * sizeof (CollateJsonMember));
  }
  g_array_set_size (parser->members, base);
  return TRUE;

fail:
  g_array_set_size (parser->members, base);
  return FALSE;
}

static gboolean
parse_array (Parser                *parser,
             CollateJsonValue      *out,
             const CollateJsonPath *path,
             guint                  depth,
             GError               **error)
{
  guint base = parser->items->len;
  guint n;
  char *p;

  if (!check_depth (parser, path, depth, error))
    return FALSE;

  p = skip_space (parser->p + 1);
  if (*p != ']')
    for (;;)
      {
        CollateJsonValue item;
        CollateJsonPath child = COLLATE_JSON_PATH_ELEMENT (path, parser->items->len - base);

        parser->p = p;
        if (*p == ']' || *p == ',')
          {
            unexpected (parser, error, &child, p, _("a value"));
            goto fail;
          }
        if (!parse_value (parser, &item, &child, depth + 1, error))
          goto fail;
        g_array_append_val (parser->items, item);

        p = skip_space (parser->p);
        if (*p == ',')
          {
            p = skip_space (p + 1);
            continue;
          }
        if (*p == ']')
          break;
        unexpected (parser, error, path, p, _("\",\" or \"]\" after an item"));
        goto fail;
      }
  parser->p = p + 1;

  n = parser->items->len - base;
  out->type = COLLATE_JSON_ARRAY;
  out->length = n;
  out->v.items = doc_alloc (parser->doc, MAX (n, 1) * sizeof (CollateJsonValue));
  if (n > 0)
    memcpy (out->v.items, &g_array_index (parser->items, CollateJsonValue, base),
            n * sizeof (CollateJsonValue));
  g_array_set_size (parser->items, base);
  return TRUE;

fail:
  g_array_set_size (parser->items, base);
  return FALSE;
}

static gboolean
parse_literal (Parser           *parser,
               const char       *word,
               CollateJsonValue *out)
{
  gsize n = strlen (word);

  if (strncmp (parser->p, word, n) != 0 || g_ascii_isalnum (parser->p[n]))
    return FALSE;
  out->length = 0;
  parser->p += n;
  return TRUE;
}

static gboolean
parse_value (Parser                *parser,
             CollateJsonValue      *out,
             const CollateJsonPath *path,
             guint                  depth,
             GError               **error)
{
  char *p = skip_space (parser->p);

  parser->p = p;
  switch (*p)
    {
    case '{':
      return parse_object (parser, out, path, depth, error);
    case '[':
      return parse_array (parser, out, path, depth, error);
    case '"':
      out->type = COLLATE_JSON_STRING;
      return parse_string (parser, &out->v.string, &out->length, path, error);
    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return parse_number (parser, out, path, error);
    case 't':
      out->type = COLLATE_JSON_BOOLEAN;
      out->v.boolean = TRUE;
      if (parse_literal (parser, "true", out))
        return TRUE;
      break;
    case 'f':
      out->type = COLLATE_JSON_BOOLEAN;
      out->v.boolean = FALSE;
      if (parse_literal (parser, "false", out))
        return TRUE;
      break;
    case 'n':
      out->type = COLLATE_JSON_NULL;
      if (parse_literal (parser, "null", out))
        return TRUE;
      break;
    default:
      break;
    }

  unexpected (parser, error, path, p, _("a value"));
  return FALSE;
}

static CollateJsonDocument *parse_take (char     *data,
                                        gsize     length,
                                        guint     max_depth,
                                        gboolean  one_line,
                                        GError  **error);

static CollateJsonDocument *
parse_copy (const char  *data,
            gsize        length,
            guint        max_depth,
            gboolean     one_line,
            GError     **error)
{
  char *copy;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > MAX_LENGTH)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_TOO_LARGE,
                   _("%zu bytes is more than this reader accepts"),
                   length);
      return NULL;
    }

  copy = g_malloc (length + 1);
  if (length > 0)
    memcpy (copy, data, length);
  return parse_take (copy, length, max_depth, one_line, error);
}

CollateJsonDocument *
collate_json_document_parse (const char  *data,
                             gsize        length,
                             guint        max_depth,
                             GError     **error)
{
  return parse_copy (data, length, max_depth, FALSE, error);
}

CollateJsonDocument *
collate_json_document_parse_line (const char  *data,
                                  gsize        length,
                                  guint        max_depth,
                                  GError     **error)
{
  return parse_copy (data, length, max_depth, TRUE, error);
}

CollateJsonDocument *
collate_json_document_parse_take (char        *data,
                                  gsize        length,
                                  guint        max_depth,
                                  GError     **error)
{
  return parse_take (data, length, max_depth, FALSE, error);
}

static CollateJsonDocument *
parse_take (char     *data,
            gsize     length,
            guint     max_depth,
            gboolean  one_line,
            GError  **error)
{
  CollateJsonDocument *doc;
  Parser parser = { 0 };
  gboolean ok;
  char *p;

  g_return_val_if_fail (data != NULL, NULL);

  if (length > MAX_LENGTH)
    {
      g_free (data);
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_TOO_LARGE,
                   _("%zu bytes is more than this reader accepts"),
                   length);
      return NULL;
    }

  doc = g_new0 (CollateJsonDocument, 1);
  doc->buffer = data;
  doc->buffer[length] = '\0';
  doc->chunks = g_ptr_array_new_with_free_func (g_free);
  /* A short record (a jsonl line, a task) needs a few kilobytes, not a
   * megabyte: the first chunk is sized by the text */
  doc->chunk_size = CLAMP (length * 2, 4096, CHUNK_SIZE);

  parser.doc = doc;
  parser.start = doc->buffer;
  parser.end = doc->buffer + length;
  parser.max_depth = max_depth;
  parser.one_line = one_line;
  parser.items = g_array_new (FALSE, FALSE, sizeof (CollateJsonValue));
  parser.members = g_array_new (FALSE, FALSE, sizeof (CollateJsonMember));
  parser.names = g_hash_table_new (g_str_hash, g_str_equal);

  p = doc->buffer;
  if (length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  p = skip_space (p);

  if (p == parser.end)
    {
      g_set_error_literal (error, COLLATE_ERROR, COLLATE_ERROR_PARSE,
                           length == 0 ? _("the file is empty")
                                       : _("the file is empty (only white space)"));
      ok = FALSE;
    }
  else
    {
      parser.p = p;
      ok = parse_value (&parser, &doc->root, NULL, 0, error);
      if (ok)
        {
          p = skip_space (parser.p);
          if (p != parser.end)
            {
              g_autofree char *found = describe_at (&parser, p);

              syntax_error (&parser, error, COLLATE_ERROR_PARSE, NULL, p,
                            _("unexpected %s after the end of the JSON value"), found);
              ok = FALSE;
            }
        }
    }

  g_array_unref (parser.items);
  g_array_unref (parser.members);
  g_hash_table_unref (parser.names);

  if (!ok)
    {
      collate_json_document_free (doc);
      return NULL;
    }
  return doc;
}

gboolean
collate_json_check_depth (const char  *data,
                          gsize        length,
                          guint        max_depth,
                          GError     **error)
{
  const char *end = data + length;
  guint depth = 0;

  for (const char *p = data; p < end; p++)
    {
      char c = *p;

      if (c == '"')
        {
          /* Skip the string, escapes included */
          for (p++; p < end && *p != '"'; p++)
            if (*p == '\\')
              p++;
        }
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            {
              guint line, column;

              position_of (data, p, &line, &column);
              g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_TOO_LARGE,
                           _("nested more than %u levels deep (line %u, column %u)"),
                           max_depth, line, column);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}
