/* collate-ingest-pdf.c — a PDF's text as a document (poppler-glib)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Poppler gives each page's text in reading order, a line per line of
 * print, and the box of every character.  From them:
 *
 *  - a paragraph ends where the gap to the next line is more than half a
 *    line high (or the next line is above: a new column);
 *  - a line ending in a hyphen after a letter or digit is joined to the
 *    next without a space.  The hyphen stays when the next line starts
 *    with a capital or a digit ("Russia-\nUkraine", "COVID-\n19"), or when
 *    the word is a compound: its hyphenated form occurs elsewhere in the
 *    document and its joined form does not ("well-\nknown" beside a
 *    "well-known"), it has a hyphen of its own ("state-of-\nthe-art"), or
 *    it starts with "self-" or "well-".  Otherwise the hyphen goes
 *    ("nego-\ntiations" → "negotiations", the more so when "negotiations"
 *    occurs elsewhere).  A soft hyphen at a line end always goes;
 *  - a line among the first or last two of a page that recurs there on
 *    most pages, digits aside ("Daily Report — page 3"), is a running header
 *    or footer and goes, and so does a lone page number;
 *  - a paragraph cut by a page break (no final punctuation, the next page
 *    going on in lower case, or the page ending in a word's hyphen) is
 *    joined again.
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

/* ── Words, for telling a hyphenation from a compound ── */

/* Whether @c continues a word ("well-known" is one word) */
static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Counts the words of @line, casefolded, in @words; a hyphen between word
 * characters stays inside the word */
static void
count_words (GHashTable *words,
             const char *line)
{
  const char *p = line;

  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && !is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;
      start = p;
      while (*p != '\0')
        {
          gunichar c = g_utf8_get_char (p);

          if (is_word_char (c))
            p = g_utf8_next_char (p);
          else if (c == '-' && is_word_char (g_utf8_get_char (p + 1)))
            p++;
          else
            break;
        }
      {
        char *word = g_utf8_casefold (start, p - start);
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (words, word));

        g_hash_table_replace (words, word, GUINT_TO_POINTER (n + 1));
      }
    }
}

/* The word that ends at @end in @text (after any hyphens inside it) */
static const char *
word_start_before (const char *text,
                   const char *end)
{
  const char *p = end;

  while (p > text)
    {
      const char *prev = g_utf8_find_prev_char (text, p);
      gunichar c = g_utf8_get_char (prev);

      if (!is_word_char (c) && c != '-')
        break;
      p = prev;
    }
  while (*p == '-' && p < end)
    p++;
  return p;
}

static guint
word_count (GHashTable *words,
            const char *word,
            gssize      length)
{
  g_autofree char *folded = g_utf8_casefold (word, length);

  return GPOINTER_TO_UINT (g_hash_table_lookup (words, folded));
}

/* Whether the hyphen at the end of @text, before @line, belongs to the
 * word (a compound) rather than to the line break */
static gboolean
keeps_hyphen (GHashTable    *words,
              const GString *text,
              const char    *line)
{
  const char *hyphen = text->str + text->len - 1;
  const char *left = word_start_before (text->str, hyphen);
  const char *right_end = line;
  g_autofree char *joined = NULL;
  g_autofree char *hyphenated = NULL;
  guint n_joined, n_hyphenated;

  if (!g_unichar_islower (g_utf8_get_char (line)))
    return TRUE;   /* a capital, a digit: "Russia-Ukraine", "COVID-19" */
  while (*right_end != '\0' && (is_word_char (g_utf8_get_char (right_end)) ||
                                 (*right_end == '-' && is_word_char (g_utf8_get_char (right_end + 1)))))
    right_end = *right_end == '-' ? right_end + 1 : g_utf8_next_char (right_end);

  joined = g_strdup_printf ("%.*s%.*s", (int) (hyphen - left), left, (int) (right_end - line), line);
  hyphenated = g_strdup_printf ("%.*s-%.*s", (int) (hyphen - left), left, (int) (right_end - line), line);
  n_joined = word_count (words, joined, -1);
  n_hyphenated = word_count (words, hyphenated, -1);
  if (n_hyphenated > 0 && n_joined == 0)
    return TRUE;
  if (n_joined > 0)
    return FALSE;
  /* "state-of-\nthe-art", "up-to-\ndate" */
  if (memchr (left, '-', hyphen - left) != NULL || memchr (line, '-', right_end - line) != NULL)
    return TRUE;
  {
    g_autofree char *prefix = g_utf8_casefold (left, hyphen - left);

    return g_str_equal (prefix, "self") || g_str_equal (prefix, "well");
  }
}

/* Whether @text ends in a hyphen after a word character ("Russia-") */
static gboolean
ends_in_word_hyphen (const GString *text)
{
  const char *before;

  if (text->len < 2 || text->str[text->len - 1] != '-')
    return FALSE;
  before = g_utf8_find_prev_char (text->str, text->str + text->len - 1);
  return before != NULL && is_word_char (g_utf8_get_char (before));
}

/* Appends @line to the paragraph being built, repairing a hyphenation
 * (@words: every word of the document, for keeps_hyphen()) */
static void
join_line (GString    *text,
           const char *line,
           GHashTable *words)
{
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
  if (ends_in_word_hyphen (text) && is_word_char (g_utf8_get_char (line)))
    {
      if (!keeps_hyphen (words, text, line))
        g_string_truncate (text, text->len - 1);
      g_string_append (text, line);
      return;
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
  g_autoptr(GHashTable) words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
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

      for (guint i = 0; i < lines->len; i++)
        if (!g_array_index (lines, Line, i).dropped)
          count_words (words, g_array_index (lines, Line, i).text);
    }

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
              if (text->len > 0 && (ends_sentence (text) ||
                                    (!g_unichar_islower (g_utf8_get_char (line->text)) &&
                                     !ends_in_word_hyphen (text))))
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
          join_line (text, line->text, words);
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
