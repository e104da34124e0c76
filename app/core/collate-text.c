/* collate-text.c — reading text files and small text utilities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "collate-error.h"
#include "collate-text.h"

static gboolean
starts_as_utf16 (const char *data,
                 gsize       length)
{
  return length >= 2 &&
         (memcmp (data, "\xff\xfe", 2) == 0 || memcmp (data, "\xfe\xff", 2) == 0);
}

gboolean
collate_text_validate_utf8 (const char  *data,
                            gsize        length,
                            const char  *name,
                            GError     **error)
{
  const char *end = NULL;

  if (!g_utf8_validate_len (data, length, &end))
    {
      gsize offset = (gsize) (end - data);

      if (starts_as_utf16 (data, length))
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_ENCODING,
                       _("%s: the text is UTF-16 (it starts with a UTF-16 byte order mark), "
                         "not UTF-8; save it as UTF-8 first"), name);
          return FALSE;
        }
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_ENCODING,
                   _("%s: not valid UTF-8 text: bad byte sequence at byte %lu"
                     " (0x%02x); convert the file to UTF-8 first"),
                   name, (unsigned long) offset, (guint) (guchar) data[offset]);
      return FALSE;
    }

  return TRUE;
}

guint
collate_text_count_chars (const char *text,
                          gsize       byte_length)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + byte_length;
  guint n = 0;

  /* Count every byte that does not continue a sequence. */
  for (; p < end; p++)
    n += (*p & 0xC0) != 0x80;

  return n;
}

char *
collate_text_guess_title (const char *text,
                          guint       max_chars)
{
  const char *p = text;

  g_return_val_if_fail (text != NULL, NULL);

  while (*p)
    {
      const char *eol = p + strcspn (p, "\r\n");
      g_autofree char *line = g_strndup (p, (gsize) (eol - p));

      g_strstrip (line);
      if (*line)
        {
          if (max_chars > 0 && g_utf8_strlen (line, -1) > (glong) max_chars)
            {
              g_autofree char *cut = g_utf8_substring (line, 0, max_chars > 1 ? max_chars - 1 : 1);

              g_strchomp (cut);
              return g_strconcat (cut, "…", NULL);
            }
          return g_steal_pointer (&line);
        }

      p = eol;
      while (*p == '\r' || *p == '\n')
        p++;
    }

  return g_strdup (_("Untitled"));
}

CollateDocument *
collate_document_new_from_file (const char  *path,
                                const char  *id,
                                GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *title = NULL;
  const char *text;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  file = g_file_new_for_commandline_arg (path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                     _("%s: no such file"), path);
      else
        g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED,
                     _("%s: cannot read: %s"), path, local_error->message);
      return NULL;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("%s: not a regular file; give the path of a .txt file"), path);
      return NULL;
    }

  /* Documents are held in memory whole; refuse what cannot be annotated
   * sensibly (the project file limit applies to the sum anyway). */
  if (g_file_info_get_size (info) > (goffset) 256 * 1024 * 1024)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_TOO_LARGE,
                   _("%s: the file is larger than 256 MB; split it into smaller documents"), path);
      return NULL;
    }

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED,
                   _("%s: cannot read: %s"), path, local_error->message);
      return NULL;
    }

  text = contents;
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      length -= 3;
    }

  if (length == 0)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("%s: the file is empty; there is nothing to annotate"), path);
      return NULL;
    }

  /* UTF-16 text is full of NUL bytes: name the encoding instead */
  if (!starts_as_utf16 (text, length) && memchr (text, '\0', length) != NULL)
    {
      gsize at = (gsize) ((const char *) memchr (text, '\0', length) - text);

      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_ENCODING,
                   _("%s: not a text file: NUL byte at byte %lu"), path, (unsigned long) at);
      return NULL;
    }

  if (!collate_text_validate_utf8 (text, length, path, error))
    return NULL;

  title = collate_text_guess_title (text, 120);

  return collate_document_new (id, title, path, text, (gssize) length, error);
}

static gunichar
char_at (CollateDocument *document,
         guint            offset)
{
  return g_utf8_get_char (collate_document_get_text (document) +
                          collate_document_char_to_byte (document, offset));
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static gboolean
is_joiner (gunichar c)
{
  return c == '-' || c == '\'' || c == 0x2019 /* ’ */ || c == 0x2010 /* ‐ */;
}

/* Is the character at @offset part of a word? */
static gboolean
in_word (CollateDocument *document,
         guint            offset)
{
  guint length = collate_document_get_length (document);
  gunichar c;

  if (offset >= length)
    return FALSE;

  c = char_at (document, offset);
  if (is_word_char (c))
    return TRUE;

  return is_joiner (c) && offset > 0 && offset + 1 < length &&
         is_word_char (char_at (document, offset - 1)) &&
         is_word_char (char_at (document, offset + 1));
}

gboolean
collate_document_snap_to_words (CollateDocument *document,
                                guint           *start,
                                guint           *end)
{
  guint length, s, e;

  g_return_val_if_fail (COLLATE_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (start != NULL && end != NULL, FALSE);

  length = collate_document_get_length (document);
  s = MIN (*start, length);
  e = MIN (*end, length);
  if (s > e)
    {
      guint t = s;
      s = e;
      e = t;
    }

  while (s < e && g_unichar_isspace (char_at (document, s)))
    s++;
  while (e > s && g_unichar_isspace (char_at (document, e - 1)))
    e--;
  if (s == e)
    return FALSE;

  /* An edge inside a word moves out to the word's edge */
  while (s > 0 && in_word (document, s) && in_word (document, s - 1))
    s--;
  while (e < length && in_word (document, e - 1) && in_word (document, e))
    e++;

  *start = s;
  *end = e;

  return TRUE;
}

char *
collate_timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

int
collate_id_compare (const char *a,
                    const char *b)
{
  const char *pa = a;
  const char *pb = b;

  while (*pa && *pb)
    {
      if (g_ascii_isdigit (*pa) && g_ascii_isdigit (*pb))
        {
          const char *sa, *sb;
          gsize la, lb;
          int cmp;

          while (*pa == '0' && g_ascii_isdigit (pa[1]))
            pa++;
          while (*pb == '0' && g_ascii_isdigit (pb[1]))
            pb++;
          sa = pa;
          sb = pb;
          while (g_ascii_isdigit (*pa))
            pa++;
          while (g_ascii_isdigit (*pb))
            pb++;
          la = (gsize) (pa - sa);
          lb = (gsize) (pb - sb);
          if (la != lb)
            return la < lb ? -1 : 1;
          cmp = memcmp (sa, sb, la);
          if (cmp != 0)
            return cmp < 0 ? -1 : 1;
        }
      else
        {
          if (*pa != *pb)
            return (guchar) *pa < (guchar) *pb ? -1 : 1;
          pa++;
          pb++;
        }
    }

  if (*pa || *pb)
    return *pa ? 1 : -1;

  /* Equal as numbers but spelt differently ("a01" vs "a1"): fall back to bytes. */
  return strcmp (a, b) < 0 ? -1 : strcmp (a, b) > 0;
}
