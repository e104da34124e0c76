/* collate-ingest-pdf.c — a PDF's text as a document (poppler-glib)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Poppler gives each page's text in reading order, a line per line of
 * print, and the box of every character.  From them:
 *
 *  - a paragraph ends where the gap to the next line is more than half a
 *    line high (or the next line is above: a new column);
 *  - a line ending in a hyphen after a letter, followed by one starting in
 *    lower case, is joined without the hyphen ("pro-\ngress" → "progress");
 *    a soft hyphen at a line end always goes;
 *  - a line among the first or last two of a page that recurs there on
 *    most pages, digits aside ("Daily Report — page 3"), is a running header
 *    or footer and goes, and so does a lone page number;
 *  - a paragraph cut by a page break (no final punctuation, the next page
 *    going on in lower case) is joined again.
 *
 * The metadata's "pages" holds the character offset at which each page's
 * text starts, so that a span can be traced to its page.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <poppler.h>

#include "collate-error.h"
#include "collate-ingest.h"
#include "collate-ingest-private.h"
#include "collate-text.h"

#define EDGE_LINES 2

typedef struct
{
  char    *text;
  double   top, bottom;
  gboolean dropped;
} Line;

static void
line_clear (gpointer data)
{
  g_free (((Line *) data)->text);
}

/* The lines of a page, trimmed, with their vertical extent */
static GArray *
page_lines (PopplerPage *page)
{
  g_autofree char *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *boxes = NULL;
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (Line));
  guint n_boxes = 0;
  gboolean have_boxes;
  const char *p, *start;
  guint index = 0;
  Line line = { NULL, G_MAXDOUBLE, -G_MAXDOUBLE, FALSE };

  g_array_set_clear_func (lines, line_clear);
  if (text == NULL)
    return lines;
  have_boxes = poppler_page_get_text_layout (page, &boxes, &n_boxes)
               && n_boxes == (guint) g_utf8_strlen (text, -1);

  for (p = start = text; ; p = g_utf8_next_char (p), index++)
    {
      if (*p == '\n' || *p == '\0')
        {
          g_autofree char *raw = g_strndup (start, p - start);

          g_strstrip (raw);
          if (raw[0] != '\0')
            {
              line.text = g_steal_pointer (&raw);
              if (!have_boxes)
                line.top = line.bottom = lines->len;
              g_array_append_val (lines, line);
            }
          line.text = NULL;
          line.top = G_MAXDOUBLE;
          line.bottom = -G_MAXDOUBLE;
          if (*p == '\0')
            break;
          start = p + 1;
          continue;
        }
      if (have_boxes && !g_unichar_isspace (g_utf8_get_char (p)))
        {
          line.top = MIN (line.top, MIN (boxes[index].y1, boxes[index].y2));
          line.bottom = MAX (line.bottom, MAX (boxes[index].y1, boxes[index].y2));
        }
    }
  return lines;
}

/* Digits as '#', runs of white space as one: "Page 3 of 10" → "page # of #" */
static char *
line_shape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (out->len == 0 || out->str[out->len - 1] != '#')
            g_string_append_c (out, '#');
        }
      else if (g_ascii_isspace (*p))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_c (out, g_ascii_tolower (*p));
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_page_number (const char *text)
{
  return g_regex_match_simple ("^(page |p\\. ?)?[-\xe2\x80\x93\xe2\x80\x94 ]*#[-\xe2\x80\x93\xe2\x80\x94 ]*"
                               "(( of |/| / )#)?$", text, G_REGEX_CASELESS, 0);
}

static gboolean
is_edge (guint i,
         guint n)
{
  return i < EDGE_LINES || i + EDGE_LINES >= n;
}

/* Running headers and footers, and lone page numbers, marked dropped */
static void
drop_running_lines (GPtrArray *pages)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint needed = MAX (2, (pages->len * 3 + 4) / 5);

  for (guint k = 0; k < pages->len; k++)
    {
      GArray *lines = g_ptr_array_index (pages, k);
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < lines->len; i++)
        {
          char *shape;

          if (!is_edge (i, lines->len))
            continue;
          shape = line_shape (g_array_index (lines, Line, i).text);
          if (!g_hash_table_add (seen, shape))
            continue;
          g_hash_table_insert (counts, g_strdup (shape),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, shape)) + 1));
        }
    }

  for (guint k = 0; k < pages->len; k++)
    {
      GArray *lines = g_ptr_array_index (pages, k);

      for (guint i = 0; i < lines->len; i++)
        {
          Line *line = &g_array_index (lines, Line, i);
          g_autofree char *shape = NULL;

          if (!is_edge (i, lines->len))
            continue;
          shape = line_shape (line->text);
          if ((pages->len >= 2 && GPOINTER_TO_UINT (g_hash_table_lookup (counts, shape)) >= needed)
              || is_page_number (shape))
            line->dropped = TRUE;
        }
    }
}

static gboolean
ends_sentence (const GString *text)
{
  const char *last;
  gunichar c;

  if (text->len == 0)
    return TRUE;
  last = g_utf8_find_prev_char (text->str, text->str + text->len);
  c = g_utf8_get_char (last);
  return c == '\n' || g_utf8_strchr (".!?:;\"\xe2\x80\x9d\xe2\x80\x99')]\xc2\xbb", -1, c) != NULL;
}

/* Appends @line to the paragraph being built, repairing a hyphenation */
static void
join_line (GString    *text,
           const char *line)
{
  gunichar first = g_utf8_get_char (line);

  if (text->len == 0 || text->str[text->len - 1] == '\n')
    {
      g_string_append (text, line);
      return;
    }
  if (text->len >= 2 && g_str_has_suffix (text->str, "\xc2\xad"))
    {
      g_string_truncate (text, text->len - 2);
      g_string_append (text, line);
      return;
    }
  if (text->len >= 2 && text->str[text->len - 1] == '-' && g_unichar_islower (first))
    {
      const char *before = g_utf8_find_prev_char (text->str, text->str + text->len - 1);

      if (before != NULL && g_unichar_isalpha (g_utf8_get_char (before)))
        {
          g_string_truncate (text, text->len - 1);
          g_string_append (text, line);
          return;
        }
    }
  g_string_append_c (text, ' ');
  g_string_append (text, line);
}

static char *
format_date (GDateTime *date)
{
  g_autoptr(GDateTime) utc = NULL;

  if (date == NULL)
    return NULL;
  utc = g_date_time_to_utc (date);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

CollateDocument *
collate_ingest_pdf (GBytes      *pdf,
                    const char  *id,
                    const char  *source,
                    const char  *url,
                    GDateTime   *retrieved,
                    GError     **error)
{
  g_autofree char *shown = g_utf8_make_valid (source != NULL ? source : "", -1);
  g_autoptr(GError) local_error = NULL;
  /* poppler-glib 22 has no g_autoptr for its types */
  g_autoptr(GObject) pdoc_owner = NULL;
  PopplerDocument *pdoc;
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GArray) page_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) offsets = g_string_new (NULL);
  g_autoptr(CollateDocument) document = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autofree char *title = NULL;
  g_autofree char *author = NULL;
  g_autofree char *published = NULL;
  int n_pages;

  g_return_val_if_fail (pdf != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  pdoc = poppler_document_new_from_bytes (pdf, NULL, &local_error);
  if (pdoc == NULL)
    {
      if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_UNSUPPORTED,
                     _("%s: the PDF is protected by a password; open it in a PDF reader "
                       "and save a copy without protection, then use that"), shown);
      else
        g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_PARSE,
                     _("%s: not a readable PDF (%s)"), shown, local_error->message);
      return NULL;
    }
  pdoc_owner = G_OBJECT (pdoc);

  n_pages = poppler_document_get_n_pages (pdoc);
  for (int k = 0; k < n_pages; k++)
    {
      g_autoptr(GObject) page = G_OBJECT (poppler_document_get_page (pdoc, k));

      g_ptr_array_add (pages, page != NULL ? page_lines (POPPLER_PAGE (page))
                                           : g_array_new (FALSE, TRUE, sizeof (Line)));
    }
  drop_running_lines (pages);

  for (guint k = 0; k < pages->len; k++)
    {
      GArray *lines = g_ptr_array_index (pages, k);
      const Line *previous = NULL;
      gsize start = text->len;
      gboolean first_line = TRUE;

      for (guint i = 0; i < lines->len; i++)
        {
          const Line *line = &g_array_index (lines, Line, i);

          if (line->dropped)
            continue;
          if (first_line)
            {
              /* a paragraph cut by the page break goes on */
              if (text->len > 0 && (ends_sentence (text) || !g_unichar_islower (g_utf8_get_char (line->text))))
                g_string_append (text, "\n\n");
            }
          else if (previous != NULL)
            {
              double height = MAX (previous->bottom - previous->top, 1.0);
              double gap = line->top - previous->bottom;

              if (gap > height * 0.5 || line->bottom < previous->top)
                g_string_append (text, "\n\n");
            }
          /* join_line() always ends with the whole line */
          join_line (text, line->text);
          if (first_line)
            start = text->len - strlen (line->text);
          first_line = FALSE;
          previous = line;
        }
      /* a page without text: where the text stood after the page before */
      g_array_append_val (page_starts, start);
    }

  if (text->len == 0)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_UNSUPPORTED,
                   n_pages > 0
                   ? _("%s: the PDF has no text, only images (a scan?); run it through "
                       "text recognition (OCR) first")
                   : _("%s: the PDF has no pages"), shown);
      return NULL;
    }
  g_string_append_c (text, '\n');

  title = poppler_document_get_title (pdoc);
  if (title != NULL)
    g_strstrip (title);
  if (title == NULL || title[0] == '\0')
    {
      g_free (title);
      title = collate_text_guess_title (text->str, 120);
    }

  document = collate_document_new (id, title, shown, text->str, (gssize) text->len, error);
  if (document == NULL)
    return NULL;

  for (guint k = 0; k < page_starts->len; k++)
    {
      gsize byte = MIN (g_array_index (page_starts, gsize, k), text->len);

      g_string_append_printf (offsets, k > 0 ? ",%u" : "%u",
                              collate_document_byte_to_char (document, byte));
    }

  collate_ingest_set_provenance (document, url, "application/pdf", pdf, retrieved);
  collate_document_set_metadata_value (document, "pages", offsets->str);
  author = poppler_document_get_author (pdoc);
  if (author != NULL && g_strstrip (author)[0] != '\0')
    collate_document_set_metadata_value (document, "author", author);
  created = poppler_document_get_creation_date_time (pdoc);
  published = format_date (created);
  if (published != NULL)
    collate_document_set_metadata_value (document, "published", published);
  return g_steal_pointer (&document);
}
