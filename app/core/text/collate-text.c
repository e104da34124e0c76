/* collate-text.c — UTF-8 checks and small text utilities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "collate-error.h"
#include "collate-text.h"

gboolean
collate_text_starts_as_utf16 (const char *data,
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

      if (collate_text_starts_as_utf16 (data, length))
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

gboolean
collate_text_is_unsafe_to_show (gunichar c)
{
  return g_unichar_type (c) == G_UNICODE_CONTROL
         || c == 0x061C                    /* Arabic letter mark */
         || c == 0x200E || c == 0x200F     /* left-to-right, right-to-left marks */
         || (c >= 0x202A && c <= 0x202E)   /* embeddings and overrides */
         || (c >= 0x2066 && c <= 0x2069)   /* isolates */
         || c == 0x2028 || c == 0x2029;    /* line and paragraph separators */
}

char *
collate_text_quote (const char *text,
                    guint       max_chars)
{
  g_autofree char *valid = NULL;
  GString *out;
  guint n = 0;

  if (text == NULL)
    return g_strdup ("");
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  out = g_string_sized_new (MIN (strlen (text), (gsize) max_chars * 4 + 8));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (max_chars > 0 && n == max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (collate_text_is_unsafe_to_show (c))
        g_string_append_printf (out, "\\u%04X", c);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
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
