/* collate-document.c — an imported text: immutable UTF-8 with a fast offset index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "collate-document.h"
#include "collate-error.h"
#include "collate-limits.h"
#include "collate-text.h"
#include "collate-words.h"

/* Every STRIDE-th character's byte offset is kept, so a conversion either
 * way is one lookup (or a binary search) plus a walk of < STRIDE characters. */
#define STRIDE 64

struct _CollateDocument
{
  GObject parent_instance;

  char   *id;
  char   *title;
  char   *source;
  GHashTable *metadata;  /* owned key → owned value; NULL while empty */
  char   *text;
  gsize   byte_length;
  guint   length;
  char    sha256[65];
  gsize  *marks;        /* marks[i] = byte offset of character i * STRIDE */
  guint   n_marks;
};

G_DEFINE_FINAL_TYPE (CollateDocument, collate_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_SOURCE,
  PROP_LENGTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
collate_document_finalize (GObject *object)
{
  CollateDocument *self = (CollateDocument *) object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->source);
  g_clear_pointer (&self->metadata, g_hash_table_unref);
  g_free (self->text);
  g_free (self->marks);

  G_OBJECT_CLASS (collate_document_parent_class)->finalize (object);
}

static void
collate_document_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CollateDocument *self = COLLATE_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_LENGTH:
      g_value_set_uint (value, self->length);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
collate_document_class_init (CollateDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = collate_document_finalize;
  object_class->get_property = collate_document_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LENGTH] =
    g_param_spec_uint ("length", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
collate_document_init (CollateDocument *self)
{
}

static void
build_index (CollateDocument *self)
{
  const guchar *p = (const guchar *) self->text;
  gsize i;
  guint chars = 0;
  guint n = 0;

  self->n_marks = 0;
  self->marks = g_new (gsize, self->byte_length / STRIDE + 2);

  for (i = 0; i < self->byte_length; i++)
    {
      if ((p[i] & 0xC0) == 0x80)
        continue;
      if (chars % STRIDE == 0)
        self->marks[n++] = i;
      chars++;
    }

  self->length = chars;
  self->n_marks = n;
}

/**
 * collate_document_new:
 * @id: the document's id, unique in its project
 * @title: a human title
 * @source: where the text came from (a path or URL as given)
 * @text: the text, UTF-8
 * @length: byte length of @text, or -1 if NUL-terminated
 *
 * Fails with %COLLATE_ERROR_ENCODING if @text is not valid UTF-8 or holds
 * a NUL character.
 */
CollateDocument *
collate_document_new (const char  *id,
                      const char  *title,
                      const char  *source,
                      const char  *text,
                      gssize       length,
                      GError     **error)
{
  g_autoptr(CollateDocument) self = NULL;
  g_autofree char *name = NULL;
  g_autofree char *digest = NULL;
  gsize len;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  len = length < 0 ? strlen (text) : (gsize) length;

  name = g_strdup_printf (_("document \"%s\""), id);
  if (len > COLLATE_MAX_TEXT_SIZE)
    {
      g_autofree char *shown = g_format_size_full (len, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_TOO_LARGE,
                   _("%s: the text is %s; a document holds at most %llu "
                     "MiB of text (split it into smaller documents)"),
                   name, shown, (unsigned long long) (COLLATE_MAX_TEXT_SIZE / (1024 * 1024)));
      return NULL;
    }
  if (memchr (text, '\0', len) != NULL)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_ENCODING,
                   _("%s: the text contains a NUL character at byte %lu"),
                   name, (unsigned long) ((const char *) memchr (text, '\0', len) - text));
      return NULL;
    }
  if (!collate_text_validate_utf8 (text, len, name, error))
    return NULL;

  self = g_object_new (COLLATE_TYPE_DOCUMENT, NULL);
  self->id = g_strdup (id);
  /* Saved projects hold UTF-8 only: a title or source from a file name in
   * another encoding keeps its invalid bytes as U+FFFD */
  self->title = g_utf8_make_valid (title ? title : "", -1);
  self->source = g_utf8_make_valid (source ? source : "", -1);
  self->text = g_strndup (text, len);
  self->byte_length = len;

  digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) self->text, len);
  memcpy (self->sha256, digest, 64);
  self->sha256[64] = '\0';

  build_index (self);

  return g_steal_pointer (&self);
}

/**
 * collate_document_copy_with_id:
 *
 * Returns: (transfer full): a document with @self's text, title, source
 *   and metadata, and the id @id
 */
CollateDocument *
collate_document_copy_with_id (CollateDocument *self,
                               const char      *id)
{
  CollateDocument *copy;

  g_return_val_if_fail (COLLATE_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  copy = g_object_new (COLLATE_TYPE_DOCUMENT, NULL);
  copy->id = g_strdup (id);
  copy->title = g_strdup (self->title);
  copy->source = g_strdup (self->source);
  copy->text = g_strndup (self->text, self->byte_length);
  copy->byte_length = self->byte_length;
  copy->length = self->length;
  memcpy (copy->sha256, self->sha256, sizeof copy->sha256);
  copy->n_marks = self->n_marks;
  copy->marks = g_memdup2 (self->marks, self->n_marks * sizeof (gsize));
  if (self->metadata != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, self->metadata);
      while (g_hash_table_iter_next (&iter, &key, &value))
        collate_document_set_metadata_value (copy, key, value);
    }
  return copy;
}

const char *
collate_document_get_id (CollateDocument *self)
{
  g_return_val_if_fail (COLLATE_IS_DOCUMENT (self), NULL);
  return self->id;
}

const char *
collate_document_get_title (CollateDocument *self)
{
  g_return_val_if_fail (COLLATE_IS_DOCUMENT (self), NULL);
  return self->title;
}

const char *
collate_document_get_source (CollateDocument *self)
{
  g_return_val_if_fail (COLLATE_IS_DOCUMENT (self), NULL);
  return self->source;
}

const char *
collate_document_get_text (CollateDocument *self)
{
  g_return_val_if_fail (COLLATE_IS_DOCUMENT (self), NULL);
  return self->text;
}

const char *
collate_document_get_sha256 (CollateDocument *self)
{
  g_return_val_if_fail (COLLATE_IS_DOCUMENT (self), NULL);
  return self->sha256;
}

gsize
collate_document_get_byte_length (CollateDocument *self)
{
  g_return_val_if_fail (COLLATE_IS_DOCUMENT (self), 0);
  return self->byte_length;
}

guint
collate_document_get_length (CollateDocument *self)
{
  g_return_val_if_fail (COLLATE_IS_DOCUMENT (self), 0);
  return self->length;
}

/**
 * collate_document_get_metadata:
 *
 * Returns: (transfer none): the document's metadata, string → string, owned
 *   by the document (empty when there is none)
 */
GHashTable *
collate_document_get_metadata (CollateDocument *self)
{
  g_return_val_if_fail (COLLATE_IS_DOCUMENT (self), NULL);

  if (self->metadata == NULL)
    self->metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self->metadata;
}

guint
collate_document_get_n_metadata (CollateDocument *self)
{
  g_return_val_if_fail (COLLATE_IS_DOCUMENT (self), 0);

  return self->metadata != NULL ? g_hash_table_size (self->metadata) : 0;
}

const char *
collate_document_get_metadata_value (CollateDocument *self,
                                     const char      *key)
{
  g_return_val_if_fail (COLLATE_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return self->metadata != NULL ? g_hash_table_lookup (self->metadata, key) : NULL;
}

/**
 * collate_document_set_metadata_value:
 * @value: (nullable): the value, or %NULL to remove @key
 *
 * Keys and values are kept as valid UTF-8 (invalid bytes become U+FFFD), as
 * a saved project holds UTF-8 only.
 */
void
collate_document_set_metadata_value (CollateDocument *self,
                                     const char      *key,
                                     const char      *value)
{
  GHashTable *table;

  g_return_if_fail (COLLATE_IS_DOCUMENT (self));
  g_return_if_fail (key != NULL);

  table = collate_document_get_metadata (self);
  if (value == NULL)
    g_hash_table_remove (table, key);
  else
    g_hash_table_replace (table, g_utf8_make_valid (key, -1), g_utf8_make_valid (value, -1));
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * collate_document_get_metadata_keys:
 * @n_keys: (out) (optional): how many keys
 *
 * Returns: (transfer container): the metadata's keys sorted by byte value,
 *   %NULL-terminated; free the array (not the strings) with g_free()
 */
const char **
collate_document_get_metadata_keys (CollateDocument *self,
                                    guint           *n_keys)
{
  const char **keys;
  guint n = 0;

  g_return_val_if_fail (COLLATE_IS_DOCUMENT (self), NULL);

  if (self->metadata == NULL)
    keys = g_new0 (const char *, 1);
  else
    keys = (const char **) g_hash_table_get_keys_as_array (self->metadata, &n);
  if (n > 1)
    qsort (keys, n, sizeof (char *), compare_keys);
  if (n_keys != NULL)
    *n_keys = n;
  return keys;
}

/**
 * collate_document_char_to_byte:
 * @offset: a character offset, 0 ≤ @offset ≤ length
 *
 * Returns: the byte offset of character @offset (the byte length for the
 *   end).  O(1): a lookup and a walk of fewer than 64 characters.
 */
gsize
collate_document_char_to_byte (CollateDocument *self,
                               guint            offset)
{
  const char *p;
  guint rest;

  g_return_val_if_fail (COLLATE_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (offset <= self->length, self->byte_length);

  if (offset == self->length)
    return self->byte_length;
  if (self->length == self->byte_length)
    return offset;

  p = self->text + self->marks[offset / STRIDE];
  for (rest = offset % STRIDE; rest > 0; rest--)
    p = g_utf8_next_char (p);

  return (gsize) (p - self->text);
}

/**
 * collate_document_byte_to_char:
 * @byte_offset: a byte offset at a character boundary, ≤ the byte length
 *
 * Returns: the character offset of @byte_offset.  O(log n).
 */
guint
collate_document_byte_to_char (CollateDocument *self,
                               gsize            byte_offset)
{
  guint lo, hi;

  g_return_val_if_fail (COLLATE_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (byte_offset <= self->byte_length, self->length);

  if (byte_offset == self->byte_length)
    return self->length;
  if (self->length == self->byte_length)
    return (guint) byte_offset;

  /* The last mark at or before byte_offset */
  lo = 0;
  hi = self->n_marks;
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->marks[mid] <= byte_offset)
        lo = mid;
      else
        hi = mid;
    }

  return lo * STRIDE + collate_text_count_chars (self->text + self->marks[lo],
                                                 byte_offset - self->marks[lo]);
}

/**
 * collate_document_dup_slice:
 * @start: first character
 * @end: one past the last character; @start ≤ @end ≤ length
 *
 * Returns: (transfer full): the text of [@start, @end)
 */
char *
collate_document_dup_slice (CollateDocument *self,
                            guint            start,
                            guint            end)
{
  gsize b0, b1;

  g_return_val_if_fail (COLLATE_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (start <= end && end <= self->length, NULL);

  b0 = collate_document_char_to_byte (self, start);
  b1 = collate_document_char_to_byte (self, end);

  return g_strndup (self->text + b0, b1 - b0);
}

/**
 * collate_document_slice_equals:
 *
 * Returns: %TRUE if [@start, @end) is in range and its text is exactly @quote
 */
gboolean
collate_document_slice_equals (CollateDocument *self,
                               guint            start,
                               guint            end,
                               const char      *quote)
{
  gsize b0, b1;

  g_return_val_if_fail (COLLATE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (quote != NULL, FALSE);

  if (start > end || end > self->length)
    return FALSE;

  b0 = collate_document_char_to_byte (self, start);
  b1 = collate_document_char_to_byte (self, end);

  return strlen (quote) == b1 - b0 && memcmp (self->text + b0, quote, b1 - b0) == 0;
}

/* Selections */

gboolean
collate_document_refine_selection (CollateDocument    *document,
                                   guint              *start,
                                   guint              *end,
                                   CollateRefineFlags  flags)
{
  gsize s, e;

  g_return_val_if_fail (COLLATE_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (start != NULL && end != NULL, FALSE);

  s = collate_document_char_to_byte (document, MIN (*start, document->length));
  e = collate_document_char_to_byte (document, MIN (*end, document->length));
  if (!collate_text_refine_selection (document->text, document->byte_length, &s, &e, flags))
    return FALSE;

  *start = collate_document_byte_to_char (document, s);
  *end = collate_document_byte_to_char (document, e);
  return TRUE;
}
